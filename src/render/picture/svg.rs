//! A page as SVG: glyphs as outlines (each glyph defined once and placed with `<use>`), an
//! invisible text layer over them so the text can be selected and searched, rules as
//! rectangles, seals as PNG images. Units are points, as in the layout.

use std::fmt::Write;

use base64::Engine;
use rayon::prelude::*;

use std::collections::HashMap;

use super::outline::{Command, Glyphs};
use crate::error::Error;
use crate::fonts::FaceId;
use crate::layout::{Layout, Page};
use crate::render::xml::Xml;

fn hex(rgb: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

fn glyph_id(face: usize, glyph: u16) -> String {
    format!("g{face}-{glyph}")
}

/// Writes a number of font units for path data to a tenth of a unit (a thousandth of a point
/// at 3号), as whole tenths: quicker than formatting a float, and no trailing ".0".
fn write_units(d: &mut String, value: f32) {
    let tenths = (value * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let (whole, tenth) = (tenths.abs() / 10, tenths.abs() % 10);
    // Writing to a String cannot fail.
    let _ = if tenth == 0 {
        write!(d, "{sign}{whole}")
    } else {
        write!(d, "{sign}{whole}.{tenth}")
    };
}

/// SVG path data for an outline (font units, y up: the `<use>` flips it).
fn path_data(commands: &[Command]) -> String {
    let mut d = String::new();
    for command in commands {
        d.push(match command {
            Command::Move(..) => 'M',
            Command::Line(..) => 'L',
            Command::Quad(..) => 'Q',
            Command::Cubic(..) => 'C',
            Command::Close => 'Z',
        });
        for (i, (x, y)) in command.points().enumerate() {
            if i > 0 {
                d.push(' ');
            }
            write_units(&mut d, x);
            d.push(' ');
            write_units(&mut d, y);
        }
    }
    d
}

/// Every glyph's path data, written once for all the pages that use it.
pub struct Paths(HashMap<(FaceId, u16), String>);

impl Paths {
    pub fn of(glyphs: &Glyphs) -> Paths {
        Paths(
            glyphs
                .outlines
                .par_iter()
                .filter(|(_, outline)| !outline.commands.is_empty())
                .map(|(&key, outline)| (key, path_data(&outline.commands)))
                .collect(),
        )
    }
}

/// Page `index` of the layout as an SVG document.
pub fn page(
    layout: &Layout,
    glyphs: &Glyphs,
    paths: &Paths,
    index: usize,
) -> Result<String, Error> {
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
        definitions(x, page, paths);
        // A draft's watermark under everything, turned about its centre.
        if let Some(mark) = &page.watermark {
            let (cx, cy) = mark.centre;
            let turn = format!("rotate({} {cx} {cy})", -mark.angle);
            x.element("g", &[("transform", &turn)], |x| {
                for run in &mark.runs {
                    run_glyphs(x, run, glyphs);
                }
            });
        }
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
fn definitions(x: &mut Xml, page: &Page, paths: &Paths) {
    let mut used: Vec<(usize, u16)> = page
        .all_runs()
        .flat_map(|r| r.glyphs.iter().map(move |g| (r.face, g.id)))
        .collect();
    used.sort_unstable();
    used.dedup();
    x.element("defs", &[], |x| {
        for (face, glyph) in used {
            if let Some(d) = paths.0.get(&(face, glyph)) {
                x.empty("path", &[("id", &glyph_id(face, glyph)), ("d", d)]);
            }
        }
    });
}

/// The glyphs, placed: a group per run in its colour.
fn glyph_layer(x: &mut Xml, page: &Page, glyphs: &Glyphs) {
    for run in &page.runs {
        run_glyphs(x, run, glyphs);
    }
}

/// One run's glyphs, placed, in a group of its colour.
fn run_glyphs(x: &mut Xml, run: &crate::layout::TextRun, glyphs: &Glyphs) {
    let scale = run.size / glyphs.units_per_em(run.face);
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
