//! The DOCX backend: writes the model's text as Word structures — page set-up, the line and
//! character grid, styles with outline levels, odd/even footers with a PAGE field — set as the
//! layout decided (`Layout.parts`), so Word, WPS and LibreOffice lay the text out on the same
//! grid as the PDF. Word does its own line breaking.
//!
//! `styles`: the style sheet; `body`: headings, paragraphs and tables; `notice`: the 公文's own
//! parts; `wml`: the WordprocessingML elements, typed and written in schema order with
//! quick-xml (`xml`); `package`: the parts and the zip; this module: the document.

mod body;
mod notice;
mod package;
mod styles;
mod watermark;
mod wml;

use crate::error::Error;
use crate::fonts::FontBook;
use crate::layout::Layout;
use crate::model::Document;
use crate::template::{Role, Template};
use crate::units::{TWIPS_PER_PT, mm};
use body::add_blocks;
use package::{Package, Properties, Section, Settings, TableFont};
use styles::{style_id, twips, word_font};
use wml::{Align, Body, Indent, Paragraph, Run};

/// Write the document as DOCX bytes: its text from the model, set as the layout decided (the
/// title's lines, the 版头's lines and mark, table shapes, the 署名, the 版记's page); `date` is
/// the creation date for the core properties (`SOURCE_DATE_EPOCH`), none when `None`.
pub fn write_docx(
    doc: &Document,
    t: &Template,
    book: &FontBook,
    layout: &Layout,
    date: Option<crate::render::Utc>,
) -> Result<Vec<u8>, Error> {
    let mut style_sheet = styles::style_sheet(t, book);
    let notice = doc.header.as_ref().zip(t.notice.as_ref());
    if let Some((_, spec)) = notice {
        style_sheet.extend(notice::styles(t, book, spec));
    }
    let package = Package {
        body: body(doc, t, book, layout)?,
        section: section(t, book),
        settings: Settings {
            default_tab: twips(t.geometry().cell),
        },
        styles: styles::styles_xml(t, book, &style_sheet)?,
        fonts: font_table(t, book),
        odd_footer: vec![page_number(t, book, Align::Right)],
        even_footer: vec![page_number(t, book, Align::Left)],
        // §10.1: a letter's first page has no page number.
        first_footer: t
            .notice
            .as_ref()
            .and_then(|n| n.letter.as_ref())
            .map(|_| vec![Paragraph::styled(style_id::FOOTER)]),
        images: layout
            .parts
            .signature
            .iter()
            .filter_map(|plan| plan.image.as_ref())
            .map(|im| im.png.bytes.to_vec())
            .collect(),
        watermark: watermark_shape(t, book, layout),
        properties: Properties {
            title: doc.title.text(),
            author: doc.speaker.clone().unwrap_or_else(|| "gongwen".into()),
            date: date.map(|d| d.iso8601()),
            custom: vec![("gongwen.template".into(), t.name.clone())],
        },
    };
    let bytes = package.write()?;
    // Every DOCX a test writes has every part well-formed (debug builds, so `cargo test`).
    #[cfg(debug_assertions)]
    assert_well_formed(&bytes);
    Ok(bytes)
}

/// The watermark as the layout set it on the pages, for Word's header shape.
fn watermark_shape(
    t: &Template,
    book: &FontBook,
    layout: &Layout,
) -> Option<watermark::WatermarkShape> {
    let mark = layout.pages.first()?.watermark.as_ref()?;
    let (first, last) = (mark.runs.first()?, mark.runs.last()?);
    let (start, end) = (first.glyphs.first()?, last.glyphs.last()?);
    Some(watermark::WatermarkShape {
        text: mark.runs.iter().map(|r| r.text.as_str()).collect(),
        font: word_font(t, book, Role::Level(1)).name,
        width: end.x + end.advance - start.x,
        height: first.size,
        angle: mark.angle,
        color: format!(
            "{:02X}{:02X}{:02X}",
            first.color[0], first.color[1], first.color[2]
        ),
    })
}

/// The body: the title block (a speech's) or the 版头 (a 公文's), the salutation, the text, and
/// a 公文's closing parts.
fn body(doc: &Document, t: &Template, book: &FontBook, layout: &Layout) -> Result<Body, Error> {
    let parts = &layout.parts;
    let mut body = Body::default();
    let notice = doc.header.as_ref().zip(t.notice.as_ref());
    match notice {
        Some((h, spec)) => notice::head(&mut body, h, spec, t, parts)?,
        None => {
            for (i, line) in parts.title_lines.iter().enumerate() {
                let paragraph = Paragraph::with_text(style_id::TITLE, line);
                body.push(match parts.title_outlined && i == 0 {
                    true => paragraph.outline_level(0),
                    false => paragraph,
                });
            }
            let blank = || Paragraph::styled(style_id::NORMAL);
            if !parts.meta_lines.is_empty() {
                for _ in 0..t.title_block.lines_after_title {
                    body.push(blank());
                }
                for (_, m) in &parts.meta_lines {
                    body.push(Paragraph::with_text(style_id::SUBTITLE, m));
                }
            }
            for _ in 0..t.title_block.lines_after_meta {
                body.push(blank());
            }
        }
    }
    if let Some(s) = &doc.salutation {
        body.push(Paragraph::with_text(style_id::SALUTATION, s));
    }
    let mut shapes = parts.tables.iter();
    add_blocks(&mut body, &doc.blocks, t, book, &mut shapes)?;
    if let Some((_, spec)) = notice {
        notice::tail(&mut body, doc, spec, t, book, layout, &mut shapes)?;
    }
    Ok(body)
}

/// Page set-up: A4, the margins, the grid (§5.2), the footer's place (§7.5).
fn section(t: &Template, book: &FontBook) -> Section {
    let g = t.geometry();
    let bottom = g.paper_height - g.top - g.height;
    let pn_size = book.size(Role::PageNumber);
    // The footer's bottom edge, so that the page number's 一字线 lies `below_block_mm` under the block.
    let footer_line = pn_size * 1.3;
    let footer = (bottom - mm(t.page_number.below_block_mm) - footer_line * 0.62).max(0.0);
    // The grid: 22 lines in the block, 28 characters a line (§5.2.3). Word's character grid
    // (snapToChars) sets one CJK character a cell and a Latin run centred in whole cells, as the
    // layout does; `linesAndChars` would spread every character and keep Latin at its natural
    // width. Its cell is the body size plus charSpace/4096 pt. LibreOffice gives a character
    // wider than its cell two cells: the Normal style's spacing and 98 % width bring the 16 pt
    // characters under the 15.79 pt cells (styles::grid_fit).
    Section {
        width: twips(g.paper_width),
        height: twips(g.paper_height),
        top: twips(g.top),
        right: twips(g.paper_width - g.left - g.width),
        bottom: twips(bottom),
        left: twips(g.left),
        header: twips(mm(15.0)),
        footer: twips(footer),
        line_pitch: (g.pitch * TWIPS_PER_PT).floor() as i32,
        char_space: ((g.cell - book.size(Role::Body)) * 4096.0).floor() as i32,
    }
}

/// The page number "— 1 —" (§7.5): odd pages at the right, even at the left, indented.
fn page_number(t: &Template, book: &FontBook, align: Align) -> Paragraph {
    let inset = twips(t.page_number.indent_chars * book.size(Role::PageNumber));
    let (before, after) = t
        .page_number
        .format
        .split_once("{n}")
        .unwrap_or((&t.page_number.format, ""));
    let indent = match align {
        Align::Right => Indent::sides(0, inset),
        _ => Indent::sides(inset, 0),
    };
    Paragraph::styled(style_id::FOOTER)
        .align(align)
        .indent(indent)
        .run(Run::text(before))
        .run(Run::page_number())
        .run(Run::text(after))
}

/// Each font the document names, once, with its fallback.
fn font_table(t: &Template, book: &FontBook) -> Vec<TableFont> {
    let mut fonts: Vec<TableFont> = Vec::new();
    for role in Role::ALL {
        let f = word_font(t, book, role);
        if !fonts.iter().any(|g| g.name == f.name) {
            fonts.push(TableFont {
                name: f.name,
                alt: f.alt,
            });
        }
    }
    fonts
}

/// Panics unless every XML part of the package parses: a test's DOCX that Word or LibreOffice
/// could not open fails the test that wrote it.
#[cfg(debug_assertions)]
fn assert_well_formed(docx: &[u8]) {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip package");
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("a part");
        let name = part.name().to_string();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut xml = String::new();
        part.read_to_string(&mut xml).expect("UTF-8 XML");
        if let Err(e) = roxmltree::Document::parse(&xml) {
            panic!("the DOCX part {name} is not well-formed XML: {e}");
        }
    }
}
