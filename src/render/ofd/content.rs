//! A page's `Content.xml`: one layer holding a draft's watermark (as outlines), the rules (as
//! filled paths), the text (a text object a run, each glyph placed by `DeltaX`) and the seals
//! (image objects), in that order, so that what the PDF draws over draws over here too.

use super::{Ids, OFD_NS, Resources, mm, pairs};
use crate::error::Error;
use crate::fonts::FontBook;
use crate::layout::{Page, PlacedImage, Rule, TextRun, Watermark};
use crate::render::xml::Xml;

pub(super) fn page(
    page: &Page,
    book: &FontBook,
    paper: (f32, f32),
    resources: &mut Resources,
    ids: &mut Ids,
) -> Result<Vec<u8>, Error> {
    let whole = format!("0 0 {} {}", mm(paper.0), mm(paper.1));
    let layer = ids.next();
    let mut images = Vec::new();
    for image in &page.images {
        images.push((ids.next(), resources.image(image, ids)));
    }
    let mut failure = None;
    let mut xml = Xml::new();
    xml.element("ofd:Page", &[("xmlns:ofd", OFD_NS)], |x| {
        x.element("ofd:Content", &[], |x| {
            let attrs = [("ID", layer.to_string()), ("Type", "Body".into())];
            x.element("ofd:Layer", &pairs(&attrs), |x| {
                if let Some(mark) = &page.watermark
                    && let Err(e) = watermark(x, mark, book, &whole, ids)
                {
                    failure = Some(e);
                }
                for rule in &page.rules {
                    path_rule(x, rule, &whole, ids.next());
                }
                for run in &page.runs {
                    if let Some(&font) = resources.fonts.get(&run.face) {
                        text(x, run, font, &whole, ids.next());
                    }
                }
                for ((id, resource), image) in images.iter().zip(&page.images) {
                    image_object(x, image, *id, *resource);
                }
            });
        });
    });
    match failure {
        Some(e) => Err(e),
        None => xml.finish(),
    }
}

/// "R G B", as OFD writes a colour in its default RGB space.
fn colour(rgb: [u8; 3]) -> String {
    format!("{} {} {}", rgb[0], rgb[1], rgb[2])
}

/// A rule: a filled rectangle.
fn path_rule(x: &mut Xml, rule: &Rule, whole: &str, id: u32) {
    let (top, bottom) = (rule.y - rule.thickness / 2.0, rule.y + rule.thickness / 2.0);
    let data = format!(
        "M {x0} {top} L {x1} {top} L {x1} {bottom} L {x0} {bottom} C",
        x0 = mm(rule.x0),
        x1 = mm(rule.x1),
        top = mm(top),
        bottom = mm(bottom)
    );
    filled_path(x, id, whole, rule.color, &data);
}

fn filled_path(x: &mut Xml, id: u32, whole: &str, rgb: [u8; 3], data: &str) {
    let attrs = [
        ("ID", id.to_string()),
        ("Boundary", whole.to_string()),
        ("Stroke", "false".into()),
        ("Fill", "true".into()),
    ];
    x.element("ofd:PathObject", &pairs(&attrs), |x| {
        x.empty("ofd:FillColor", &[("Value", &colour(rgb))]);
        x.text("ofd:AbbreviatedData", &[], data);
    });
}

/// A run: its characters at its baseline, each glyph where the layout put it (`DeltaX`: the
/// distance from each to the next).
fn text(x: &mut Xml, run: &TextRun, font: u32, whole: &str, id: u32) {
    let Some(first) = run.glyphs.first() else {
        return;
    };
    // A character a glyph: the text each glyph stands for, its first character.
    let characters: String = run
        .glyphs
        .iter()
        .filter_map(|g| run.text.get(g.text.clone()).and_then(|t| t.chars().next()))
        .collect();
    if characters.chars().count() != run.glyphs.len() {
        return;
    }
    let delta: Vec<String> = run
        .glyphs
        .windows(2)
        .map(|pair| mm(pair[1].x - pair[0].x))
        .collect();
    let attrs = [
        ("ID", id.to_string()),
        ("Boundary", whole.to_string()),
        ("Font", font.to_string()),
        ("Size", mm(run.size)),
    ];
    x.element("ofd:TextObject", &pairs(&attrs), |x| {
        x.empty("ofd:FillColor", &[("Value", &colour(run.color))]);
        let mut code = vec![("X", mm(first.x)), ("Y", mm(run.baseline))];
        if !delta.is_empty() {
            code.push(("DeltaX", delta.join(" ")));
        }
        x.text("ofd:TextCode", &pairs(&code), &characters);
    });
}

/// A seal: the image scaled into its box.
fn image_object(x: &mut Xml, image: &PlacedImage, id: u32, resource: u32) {
    let boundary = format!(
        "{} {} {} {}",
        mm(image.x),
        mm(image.y),
        mm(image.width),
        mm(image.height)
    );
    let ctm = format!("{} 0 0 {} 0 0", mm(image.width), mm(image.height));
    let attrs = [
        ("ID", id.to_string()),
        ("Boundary", boundary),
        ("CTM", ctm),
        ("ResourceID", resource.to_string()),
    ];
    x.empty("ofd:ImageObject", &pairs(&attrs));
}

/// A draft's watermark: its glyphs' outlines turned about its centre, as one filled path a run.
fn watermark(
    x: &mut Xml,
    mark: &Watermark,
    book: &FontBook,
    whole: &str,
    ids: &mut Ids,
) -> Result<(), Error> {
    let (sin, cos) = (-mark.angle).to_radians().sin_cos();
    let (cx, cy) = mark.centre;
    for run in &mark.runs {
        let face = &book.faces[run.face];
        let parsed = ttf_parser::Face::parse(face.data.as_slice(), face.index)
            .map_err(|e| Error::Ofd(format!("reading the font {}: {e}", face.source)))?;
        let per_unit = run.size / f32::from(parsed.units_per_em());
        let mut path = PathData::default();
        for glyph in &run.glyphs {
            path.to_page = Box::new(move |fx: f32, fy: f32| {
                let (px, py) = (
                    glyph.x + fx * per_unit - cx,
                    run.baseline - fy * per_unit - cy,
                );
                (cx + px * cos - py * sin, cy + px * sin + py * cos)
            });
            parsed.outline_glyph(ttf_parser::GlyphId(glyph.id), &mut path);
        }
        if !path.data.is_empty() {
            filled_path(x, ids.next(), whole, run.color, path.data.trim_end());
        }
    }
    Ok(())
}

/// Outlines written as OFD path data (M, L, Q, B, C), through a map from font units to the page.
struct PathData<'a> {
    data: String,
    to_page: Box<dyn Fn(f32, f32) -> (f32, f32) + 'a>,
}

impl Default for PathData<'_> {
    fn default() -> Self {
        PathData {
            data: String::new(),
            to_page: Box::new(|x, y| (x, y)),
        }
    }
}

impl PathData<'_> {
    fn point(&mut self, x: f32, y: f32) {
        let (px, py) = (self.to_page)(x, y);
        self.data.push_str(&mm(px));
        self.data.push(' ');
        self.data.push_str(&mm(py));
        self.data.push(' ');
    }
}

impl ttf_parser::OutlineBuilder for PathData<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.data.push_str("M ");
        self.point(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.data.push_str("L ");
        self.point(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.data.push_str("Q ");
        self.point(x1, y1);
        self.point(x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.data.push_str("B ");
        self.point(x1, y1);
        self.point(x2, y2);
        self.point(x, y);
    }
    fn close(&mut self) {
        self.data.push_str("C ");
    }
}

impl Resources {
    /// The image resource of a seal, registered the first time it is drawn.
    fn image(&mut self, image: &PlacedImage, ids: &mut Ids) -> u32 {
        if let Some((id, _)) = self
            .images
            .iter()
            .find(|(_, bytes)| **bytes == *image.png.bytes)
        {
            return *id;
        }
        let id = ids.next();
        self.images.push((id, image.png.bytes.clone()));
        id
    }
}
