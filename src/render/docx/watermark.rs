//! A draft's watermark as Word writes one: a VML text shape in the page headers, turned and
//! centred on the page, that Word lists under 设计 › 水印 and LibreOffice shows as a watermark.

use super::package::{R_NS, W_NS};
use crate::error::Error;
use crate::render::xml::Xml;

/// The watermark as the layout set it.
#[derive(Debug, Clone, PartialEq)]
pub struct WatermarkShape {
    /// Its text.
    pub text: String,
    /// The Word font name of its face.
    pub font: String,
    /// Its width and height (its size), in points.
    pub width: f32,
    pub height: f32,
    /// Turned this far, counter-clockwise as seen, in degrees.
    pub angle: f32,
    /// Its fill, as RRGGBB.
    pub color: String,
}

/// VML's preset text-path shape (ECMA-376 Part 4, the WordArt "plain text" shape type 136), as
/// Word defines it in every document with a text watermark.
const FORMULAS: [&str; 14] = [
    "sum #0 0 10800",
    "prod #0 2 1",
    "sum 21600 0 @1",
    "sum 0 0 @2",
    "sum 21600 0 @3",
    "if @0 @3 0",
    "if @0 21600 @1",
    "if @0 0 @2",
    "if @0 @4 21600",
    "mid @5 @6",
    "mid @8 @5",
    "mid @7 @8",
    "mid @6 @7",
    "sum @6 0 @5",
];

/// A header part holding the watermark; `number` tells the shapes of several headers apart.
pub fn header(shape: &WatermarkShape, number: usize) -> Result<Vec<u8>, Error> {
    let mut xml = Xml::new();
    let namespaces = [
        ("xmlns:w", W_NS),
        ("xmlns:r", R_NS),
        ("xmlns:v", "urn:schemas-microsoft-com:vml"),
        ("xmlns:o", "urn:schemas-microsoft-com:office:office"),
        ("xmlns:w10", "urn:schemas-microsoft-com:office:word"),
    ];
    xml.element("w:hdr", &namespaces, |x| {
        x.element("w:p", &[], |x| {
            x.element("w:r", &[], |x| {
                x.element("w:rPr", &[], |x| x.empty("w:noProof", &[]));
                x.element("w:pict", &[], |x| {
                    shape_type(x);
                    text_shape(x, shape, number);
                });
            });
        });
    });
    xml.finish()
}

fn shape_type(x: &mut Xml) {
    let attrs = [
        ("id", "_x0000_t136"),
        ("coordsize", "21600,21600"),
        ("o:spt", "136"),
        ("adj", "10800"),
        ("path", "m@7,l@8,m@5,21600l@6,21600e"),
    ];
    x.element("v:shapetype", &attrs, |x| {
        x.element("v:formulas", &[], |x| {
            for f in FORMULAS {
                x.empty("v:f", &[("eqn", f)]);
            }
        });
        x.empty(
            "v:path",
            &[
                ("textpathok", "t"),
                ("o:connecttype", "custom"),
                ("o:connectlocs", "@9,0;@10,10800;@11,21600;@12,10800"),
                ("o:connectangles", "270,180,90,0"),
            ],
        );
        x.empty("v:textpath", &[("on", "t"), ("fitshape", "t")]);
        x.element("v:handles", &[], |x| {
            x.empty(
                "v:h",
                &[("position", "#0,bottomRight"), ("xrange", "6629,14971")],
            );
        });
        x.empty(
            "o:lock",
            &[("v:ext", "edit"), ("text", "t"), ("shapetype", "t")],
        );
    });
}

fn text_shape(x: &mut Xml, shape: &WatermarkShape, number: usize) {
    // VML turns clockwise.
    let rotation = (360.0 - shape.angle).rem_euclid(360.0);
    let style = format!(
        "position:absolute;margin-left:0;margin-top:0;width:{:.1}pt;height:{:.1}pt;\
         rotation:{rotation};z-index:-251657216;\
         mso-position-horizontal:center;mso-position-horizontal-relative:page;\
         mso-position-vertical:center;mso-position-vertical-relative:page",
        shape.width, shape.height
    );
    let id = format!("PowerPlusWaterMarkObject{number}");
    let spid = format!("_x0000_s{}", 2049 + number);
    let fill = format!("#{}", shape.color);
    let attrs = [
        ("id", id.as_str()),
        ("o:spid", spid.as_str()),
        ("type", "#_x0000_t136"),
        ("style", style.as_str()),
        ("o:allowincell", "f"),
        ("fillcolor", fill.as_str()),
        ("stroked", "f"),
    ];
    x.element("v:shape", &attrs, |x| {
        let font = format!("font-family:\"{}\";font-size:1pt", shape.font);
        x.empty(
            "v:textpath",
            &[("style", font.as_str()), ("string", shape.text.as_str())],
        );
        x.empty("w10:wrap", &[("anchorx", "page"), ("anchory", "page")]);
    });
}
