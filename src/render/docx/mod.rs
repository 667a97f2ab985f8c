//! The DOCX backend: writes the model's text as Word structures — page set-up, the line and
//! character grid, styles with outline levels, odd/even footers with a PAGE field — set as the
//! layout decided (`Layout.parts`), so Word, WPS and LibreOffice lay the text out on the same
//! grid as the PDF. Word does its own line breaking.
//!
//! `styles`: the style sheet; `body`: headings, paragraphs and tables; `notice`: the 公文's own
//! parts; `fix`: what docx-rs cannot write right, mended in its parts; this module: the
//! document and its package.

mod body;
mod fix;
mod notice;
mod styles;

use docx_rs::{AlignmentType, DocGrid, DocGridType, Footer, PageMargin, Paragraph, Run};

use crate::error::Error;
use crate::fonts::FontBook;
use crate::layout::Layout;
use crate::model::Document;
use crate::template::{Role, Template};
use crate::units::{TWIPS_PER_PT, mm};
use body::add_blocks;
use styles::{style_id, twips};

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
    let parts = &layout.parts;
    let title_lines = &parts.title_lines;
    let g = t.geometry();
    let mut docx = styles::style_sheet(t, book);

    // Content.
    let para = |style: &str, text: &str| {
        Paragraph::new()
            .style(style)
            .add_run(Run::new().add_text(text))
    };
    let notice = doc.header.as_ref().zip(t.notice.as_ref());
    match notice {
        Some((h, spec)) => {
            docx = notice::styles(docx, t, book, spec);
            docx = notice::head(docx, h, spec, t, parts)?;
        }
        None => {
            for line in title_lines {
                docx = docx.add_paragraph(para(style_id::TITLE, line));
            }
            let meta = &parts.meta_lines;
            if !meta.is_empty() {
                for _ in 0..t.title_block.lines_after_title {
                    docx = docx.add_paragraph(Paragraph::new().style(style_id::NORMAL));
                }
                for (_, m) in meta {
                    docx = docx.add_paragraph(para(style_id::SUBTITLE, m));
                }
            }
            for _ in 0..t.title_block.lines_after_meta {
                docx = docx.add_paragraph(Paragraph::new().style(style_id::NORMAL));
            }
        }
    }
    if let Some(s) = &doc.salutation {
        docx = docx.add_paragraph(para(style_id::SALUTATION, s));
    }
    let mut shapes = parts.tables.iter();
    docx = add_blocks(docx, &doc.blocks, t, book, &mut shapes)?;
    if let Some((_, spec)) = notice {
        docx = notice::tail(docx, doc, spec, t, book, layout, &mut shapes)?;
    }

    // Page set-up: A4, the margins, the grid (§5.2), footers (§7.5).
    let right = g.paper_width - g.left - g.width;
    let bottom = g.paper_height - g.top - g.height;
    let pn_size = book.size(Role::PageNumber);
    // The footer's bottom edge, so that the page number's 一字线 lies `below_block_mm` under the block.
    let footer_line = pn_size * 1.3;
    let footer = (bottom - mm(t.page_number.below_block_mm) - footer_line * 0.62).max(0.0);
    docx = docx
        .page_size(twips(g.paper_width) as u32, twips(g.paper_height) as u32)
        .page_margin(PageMargin {
            top: twips(g.top),
            left: twips(g.left),
            bottom: twips(bottom),
            right: twips(right),
            header: twips(mm(15.0)),
            footer: twips(footer),
            gutter: 0,
        });
    // The grid: 22 lines in the block, 28 characters a line (§5.2.3). Word's character grid
    // (snapToChars) sets one CJK character a cell and a Latin run centred in whole cells, as the
    // layout does; `linesAndChars` would spread every character and keep Latin at its natural
    // width. Its cell is the body size plus charSpace/4096 pt. LibreOffice gives a character
    // wider than its cell two cells: the Normal style's spacing and 98 % width bring the 16 pt
    // characters under the 15.79 pt cells (fix::character_spacing).
    let pitch = (g.pitch * TWIPS_PER_PT).floor() as usize;
    let char_space = ((g.cell - book.size(Role::Body)) * 4096.0).floor() as isize;
    docx.document.section_property = docx.document.section_property.clone().doc_grid(
        DocGrid::new()
            .grid_type(DocGridType::SnapToChars)
            .line_pitch(pitch)
            .char_space(char_space),
    );
    let inset = twips(t.page_number.indent_chars * pn_size);
    let number_para = |align: AlignmentType, left: i32, right: i32| {
        let (before, after) = t
            .page_number
            .format
            .split_once("{n}")
            .unwrap_or((&t.page_number.format, ""));
        Paragraph::new()
            .style(style_id::FOOTER)
            .align(align)
            .indent(Some(left), None, Some(right), None)
            .add_run(Run::new().add_text(before))
            .add_page_num(docx_rs::PageNum::new())
            .add_run(Run::new().add_text(after))
    };
    docx = docx
        .footer(Footer::new().add_paragraph(number_para(AlignmentType::Right, 0, inset)))
        .even_footer(Footer::new().add_paragraph(number_para(AlignmentType::Left, inset, 0)));
    // §10.1: a letter's first page has no page number.
    if t.notice.as_ref().is_some_and(|n| n.letter.is_some()) {
        docx = docx
            .first_footer(Footer::new().add_paragraph(Paragraph::new().style(style_id::FOOTER)))
            .title_pg();
    }
    docx = docx.settings(
        docx_rs::Settings::new()
            .even_and_odd_headers()
            .default_tab_stop(twips(g.cell) as usize)
            // Every character on the grid: no punctuation compression (标点挤压).
            .character_spacing_control(docx_rs::CharacterSpacingValues::DoNotCompress),
    );

    let mut xml = docx.build();
    fix::fix(&mut xml, t, book, doc, date)?;
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| Error::Docx(e.to_string()))?;
    let bytes = fix::add_theme(out.into_inner())?;
    // Every DOCX a test writes has every part well-formed (debug builds, so `cargo test`).
    #[cfg(debug_assertions)]
    assert_well_formed(&bytes);
    Ok(bytes)
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
