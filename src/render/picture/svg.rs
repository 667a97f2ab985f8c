//! A page as SVG: glyphs as outlines (each glyph defined once and placed with `<use>`), an
//! invisible text layer over them so the text can be selected and searched, rules as
//! rectangles, seals as PNG images. Units are points, as in the layout.

use std::fmt::Write;

use base64::Engine;

use super::outline::{Command, Glyphs};
use crate::error::Error;
use crate::layout::{Layout, Page};
use crate::render::xml::Xml;

fn hex(rgb: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

fn glyph_id(face: usize, glyph: u16) -> String {
    format!("g{face}-{glyph}")
}

/// SVG path data for an outline (font units, y up: the `<use>` flips it).
fn path_data(commands: &[Command]) -> String {
    let mut d = String::new();
    for c in commands {
        // Writing to a String cannot fail.
        let _ = match *c {
            Command::Move(x, y) => write!(d, "M{x} {y}"),
            Command::Line(x, y) => write!(d, "L{x} {y}"),
            Command::Quad(x1, y1, x, y) => write!(d, "Q{x1} {y1} {x} {y}"),
            Command::Cubic(x1, y1, x2, y2, x, y) => write!(d, "C{x1} {y1} {x2} {y2} {x} {y}"),
            Command::Close => write!(d, "Z"),
        };
    }
    d
}

/// Page `index` of the layout as an SVG document.
pub fn page(layout: &Layout, glyphs: &Glyphs, index: usize) -> Result<String, Error> {
    let g = &layout.geometry;
    let page = &layout.pages[index];
    let (w, h) = (g.paper_width.to_string(), g.paper_height.to_string());
    let view = format!("0 0 {w} {h}");
    let mut xml = Xml::new();
    let attrs = [
        ("xmlns", "http://www.w3.org/2000/svg"),
        ("xmlns:xlink", "http://www.w3.org/1999/xlink"),
        ("width", &format!("{w}pt")),
        ("height", &format!("{h}pt")),
        ("viewBox", &view),
    ];
    xml.element("svg", &attrs, |x| {
        x.empty(
            "rect",
            &[("width", &w), ("height", &h), ("fill", "#ffffff")],
        );
        definitions(x, page, glyphs);
        for rule in &page.rules {
            let (top, height) = (rule.y - rule.thickness / 2.0, rule.thickness);
            x.empty(
                "rect",
                &[
                    ("x", &rule.x0.to_string()),
                    ("y", &top.to_string()),
                    ("width", &(rule.x1 - rule.x0).to_string()),
                    ("height", &height.to_string()),
                    ("fill", &hex(rule.color)),
                ],
            );
        }
        glyph_layer(x, page, glyphs);
        text_layer(x, page);
        for im in &page.images {
            let data = base64::engine::general_purpose::STANDARD.encode(im.png.bytes.as_slice());
            x.empty(
                "image",
                &[
                    ("x", &im.x.to_string()),
                    ("y", &im.y.to_string()),
                    ("width", &im.width.to_string()),
                    ("height", &im.height.to_string()),
                    ("preserveAspectRatio", "none"),
                    ("xlink:href", &format!("data:image/png;base64,{data}")),
                ],
            );
        }
    });
    String::from_utf8(xml.finish()?).map_err(|e| Error::Picture(e.to_string()))
}

/// Each glyph the page uses, once.
fn definitions(x: &mut Xml, page: &Page, glyphs: &Glyphs) {
    let mut used: Vec<(usize, u16)> = page
        .runs
        .iter()
        .flat_map(|r| r.glyphs.iter().map(move |g| (r.face, g.id)))
        .collect();
    used.sort_unstable();
    used.dedup();
    x.element("defs", &[], |x| {
        for (face, glyph) in used {
            if let Some(outline) = glyphs.outlines.get(&(face, glyph)) {
                let d = path_data(&outline.commands);
                x.empty("path", &[("id", &glyph_id(face, glyph)), ("d", &d)]);
            }
        }
    });
}

/// The glyphs, placed: a group per run in its colour.
fn glyph_layer(x: &mut Xml, page: &Page, glyphs: &Glyphs) {
    for run in &page.runs {
        let upem = glyphs
            .units_per_em
            .get(&run.face)
            .copied()
            .unwrap_or(1000.0);
        let scale = run.size / upem;
        x.element("g", &[("fill", &hex(run.color))], |x| {
            for glyph in &run.glyphs {
                let empty = glyphs
                    .outlines
                    .get(&(run.face, glyph.id))
                    .is_none_or(|o| o.commands.is_empty());
                if empty {
                    continue;
                }
                let href = format!("#{}", glyph_id(run.face, glyph.id));
                let transform = format!(
                    "translate({} {}) scale({scale} {})",
                    glyph.x, run.baseline, -scale
                );
                x.empty("use", &[("xlink:href", &href), ("transform", &transform)]);
            }
        });
    }
}

/// The text, invisible, over its glyphs: each run stretched to the glyphs' width.
fn text_layer(x: &mut Xml, page: &Page) {
    for run in &page.runs {
        let (Some(first), Some(last)) = (run.glyphs.first(), run.glyphs.last()) else {
            continue;
        };
        let width = last.x + last.advance - first.x;
        x.text(
            "text",
            &[
                ("x", &first.x.to_string()),
                ("y", &run.baseline.to_string()),
                ("font-size", &run.size.to_string()),
                ("textLength", &width.to_string()),
                ("lengthAdjust", "spacingAndGlyphs"),
                ("fill-opacity", "0"),
            ],
            &run.text,
        );
    }
}
