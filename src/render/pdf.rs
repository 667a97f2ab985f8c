//! The PDF backend: draws a [`Layout`] with krilla. It decides nothing about placement.

use krilla::Document;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, GlyphId, KrillaGlyph};

use crate::error::Error;
use crate::fonts::{FontBook, FontBytes};
use crate::layout::{Layout, OutlineEntry};

/// Draw the layout as a PDF: fonts embedded as subsets with a ToUnicode map, metadata, nested
/// bookmarks. The same layout always gives the same bytes.
/// `date` (from `SOURCE_DATE_EPOCH`) becomes the creation date; without it the PDF has none, so
/// the same input gives the same bytes.
pub fn write_pdf(
    layout: &Layout,
    book: &FontBook,
    date: Option<super::Utc>,
) -> Result<Vec<u8>, Error> {
    let mut doc = Document::new();
    let mut fonts: Vec<Option<Font>> = vec![None; book.faces.len()];
    let g = &layout.geometry;
    for page in &layout.pages {
        let settings = PageSettings::from_wh(g.paper_width, g.paper_height)
            .ok_or_else(|| Error::Pdf("the paper size is not valid".into()))?;
        let mut p = doc.start_page_with(settings);
        let mut surface = p.surface();
        for rule in &page.rules {
            let mut pb = PathBuilder::new();
            let rect = Rect::from_xywh(
                rule.x0,
                rule.y - rule.thickness / 2.0,
                rule.x1 - rule.x0,
                rule.thickness,
            )
            .ok_or_else(|| Error::Pdf("a rule of no size".into()))?;
            pb.push_rect(rect);
            if let Some(path) = pb.finish() {
                surface.set_fill(Some(fill(rule.color)));
                surface.draw_path(&path);
            }
        }
        for run in &page.runs {
            let Some(first) = run.glyphs.first() else {
                continue;
            };
            let font = match &fonts[run.face] {
                Some(f) => f.clone(),
                None => {
                    let face = &book.faces[run.face];
                    let data: krilla::Data = match &face.data {
                        FontBytes::Static(s) => (*s).into(),
                        FontBytes::Mapped(m) => {
                            let bytes: std::sync::Arc<dyn AsRef<[u8]> + Send + Sync> = m.clone();
                            bytes.into()
                        }
                    };
                    let f = Font::new(data, face.index).ok_or_else(|| {
                        Error::Pdf(format!("krilla cannot read the font {}", face.source))
                    })?;
                    fonts[run.face] = Some(f.clone());
                    f
                }
            };
            // Advances carry the grid: each glyph advances to where the next one is placed.
            let glyphs: Vec<KrillaGlyph> = run
                .glyphs
                .iter()
                .enumerate()
                .map(|(i, gl)| {
                    let advance = run
                        .glyphs
                        .get(i + 1)
                        .map_or(gl.advance, |next| next.x - gl.x);
                    KrillaGlyph {
                        glyph_id: GlyphId::new(u32::from(gl.id)),
                        text_range: gl.text.clone(),
                        x_advance: advance / run.size,
                        x_offset: 0.0,
                        y_offset: 0.0,
                        y_advance: 0.0,
                        location: None,
                    }
                })
                .collect();
            surface.set_fill(Some(fill(run.color)));
            surface.draw_glyphs(
                Point::from_xy(first.x, run.baseline),
                &glyphs,
                font,
                &run.text,
                run.size,
                false,
            );
        }
        // A seal over the text it presses on (§7.3.5.1).
        for img in &page.images {
            let image = Image::from_png(img.png.bytes.clone().into(), true)
                .map_err(|e| Error::Pdf(format!("the seal image: {e}")))?;
            let size = Size::from_wh(img.width, img.height)
                .ok_or_else(|| Error::Pdf("an image of no size".into()))?;
            surface.push_transform(&Transform::from_translate(img.x, img.y));
            surface.draw_image(image, size);
            surface.pop();
        }
        surface.finish();
        p.finish();
    }
    doc.set_outline(outline(&layout.outline));
    let mut meta = Metadata::new()
        .title(layout.meta.title.clone())
        .language(layout.meta.language.clone())
        .creator(format!("gongwen {}", env!("CARGO_PKG_VERSION")));
    if let Some(a) = &layout.meta.author {
        meta = meta.authors(vec![a.clone()]);
    }
    if let Some(d) = date
        && let Ok(year) = u16::try_from(d.year)
        && year <= 9999
    {
        meta = meta.creation_date(
            krilla::metadata::DateTime::new(year)
                .month(d.month)
                .day(d.day)
                .hour(d.hour)
                .minute(d.minute)
                .second(d.second)
                .utc_offset_hour(0)
                .utc_offset_minute(0),
        );
    }
    doc.set_metadata(meta);
    doc.finish().map_err(|e| Error::Pdf(format!("{e:?}")))
}

fn fill(rgb: [u8; 3]) -> Fill {
    Fill {
        paint: krilla::color::rgb::Color::new(rgb[0], rgb[1], rgb[2]).into(),
        ..Fill::default()
    }
}

/// Nest the headings by level: a level-2 heading goes under the level-1 heading before it.
fn outline(entries: &[OutlineEntry]) -> Outline {
    fn node(e: &OutlineEntry) -> OutlineNode {
        OutlineNode::new(
            e.text.clone(),
            XyzDestination::new(e.page, Point::from_xy(0.0, e.y)),
        )
    }
    fn build(entries: &[OutlineEntry], level: u8) -> (Vec<OutlineNode>, usize) {
        let mut out = Vec::new();
        let mut i = 0;
        while i < entries.len() && entries[i].level >= level {
            let mut n = node(&entries[i]);
            let (children, used) = build(&entries[i + 1..], entries[i].level + 1);
            for c in children {
                n.push_child(c);
            }
            out.push(n);
            i += 1 + used;
        }
        (out, i)
    }
    let mut o = Outline::new();
    let mut i = 0;
    while i < entries.len() {
        let (nodes, used) = build(&entries[i..], entries[i].level);
        for n in nodes {
            o.push_child(n);
        }
        i += used.max(1);
    }
    o
}
