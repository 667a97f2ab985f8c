//! The DOCX backend: writes the model and the template as Word structures — page set-up, the
//! line and character grid, styles with outline levels, odd/even footers with a PAGE field — so
//! Word, WPS and LibreOffice lay the text out on the same grid as the PDF. It reads the model,
//! not the layout: Word does its own line breaking.

use docx_rs::{
    AlignmentType, DocGrid, DocGridType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin,
    Paragraph, Run, RunFonts, SpecialIndentType, Style, StyleType,
};

use crate::error::Error;
use crate::fonts::FontBook;
use crate::layout::{Layout, TableShape};
use crate::model::{Block, Document};
use crate::template::{Role, Template};
use crate::units::{TWIPS_PER_PT, mm};

use super::docx_fix;

/// Style ids (Word's built-in ids where Word has the style, so its navigation pane and
/// localised names work).
pub mod style_id {
    /// 正文 (Word's Normal).
    pub const NORMAL: &str = "Normal";
    /// Body paragraphs: Normal plus the first-line indent.
    pub const BODY: &str = "GongwenBody";
    /// 标题.
    pub const TITLE: &str = "Title";
    /// Subtitle, speaker and date lines.
    pub const SUBTITLE: &str = "Subtitle";
    /// 称谓.
    pub const SALUTATION: &str = "Salutation";
    /// Lead sentences (a character style).
    pub const LEAD: &str = "GongwenLead";
    /// Page numbers.
    pub const FOOTER: &str = "Footer";
    /// Heading ids by level.
    pub const HEADINGS: [&str; 4] = ["Heading1", "Heading2", "Heading3", "Heading4"];
    /// Run-in headings by level (character styles: the heading opens a body paragraph).
    pub const RUN_IN_HEADINGS: [&str; 4] = [
        "GongwenRunIn1",
        "GongwenRunIn2",
        "GongwenRunIn3",
        "GongwenRunIn4",
    ];
    /// Tables of the body and of 附件.
    pub const TABLE: &str = "GongwenTable";
    /// The text in a table's cells.
    pub const TABLE_TEXT: &str = "GongwenTableText";
}

/// A role's font as Word should ask for it.
#[derive(Debug, Clone, PartialEq)]
pub struct WordFont {
    /// The family name (what the layout used, so both outputs match).
    pub name: String,
    /// Bold face of the family.
    pub bold: bool,
    /// Another name from the template, for machines without this one (`w:altName`).
    pub alt: Option<String>,
    /// Half-points.
    pub half_points: usize,
}

/// The font of a role as Word should ask for it: the role's standard family, the template's
/// first (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312 — what an office PC has), with the face the
/// layout used as the fallback name; or, with `FontOptions::docx_faces`, the face the layout used
/// with the standard family as the fallback.
pub fn word_font(t: &Template, book: &FontBook, role: Role) -> WordFont {
    let face = book.primary(role);
    let half_points = (book.size(role) * 2.0).round() as usize;
    let families = &t.roles.get(role).unwrap_or(&t.roles.body).families;
    let norm = |s: &str| s.to_lowercase().replace([' ', '-', '_'], "");
    let standard = families.first().cloned();
    match standard {
        Some(standard) if !book.docx_faces && norm(&standard) != norm(&face.declared_family) => {
            WordFont {
                name: standard,
                // The standard face is the weight the role wants; a bold stand-in's weight
                // comes from the font the name finds.
                bold: false,
                alt: Some(face.declared_family.clone()),
                half_points,
            }
        }
        _ => WordFont {
            name: face.declared_family.clone(),
            bold: face.bold,
            alt: families
                .iter()
                .find(|f| norm(f) != norm(&face.declared_family) && norm(f) != norm(&face.family))
                .cloned(),
            half_points,
        },
    }
}

fn fonts(f: &WordFont) -> RunFonts {
    RunFonts::new()
        .ascii(&f.name)
        .hi_ansi(&f.name)
        .east_asia(&f.name)
        .cs(&f.name)
}

/// `n` grid cells in whole twips: n × 315 for the 15.79 pt cell. Indents and tab stops are
/// whole multiples of a whole-twip cell, because LibreOffice counts an indent a fraction of a
/// twip over n cells as n + 1 cells on the character grid.
pub fn cells(g: &crate::template::Geometry, n: u32) -> i32 {
    n as i32 * (g.cell * TWIPS_PER_PT).floor() as i32
}

fn twips(pt: f32) -> i32 {
    (pt * TWIPS_PER_PT).round() as i32
}

/// Headings, paragraphs and tables; each table takes the next of the layout's shapes (they
/// come in the order of the document).
pub(super) fn add_blocks(
    mut docx: Docx,
    blocks: &[Block],
    t: &Template,
    book: &FontBook,
    shapes: &mut std::slice::Iter<TableShape>,
) -> Result<Docx, Error> {
    for (i, block) in blocks.iter().enumerate() {
        if let Block::Table { header, rows, .. } = block {
            let shape = shapes.next().ok_or_else(|| {
                Error::Docx("the layout gave no shape for a table (a bug: please report it)".into())
            })?;
            docx = docx.add_table(table(t, book, header, rows, shape));
            continue;
        }
        let p = match block {
            Block::Heading {
                level,
                label,
                text,
                run_in: None,
                ..
            } => Paragraph::new()
                .style(style_id::HEADINGS[usize::from((*level).clamp(1, 4)) - 1])
                // As the layout: with its text, or, having none, its lines together.
                .keep_next(Block::heading_has_text(blocks, i))
                .keep_lines(true)
                .add_run(Run::new().add_text(format!("{label}{text}"))),
            // A run-in heading: a body paragraph at the heading's outline level, the heading in
            // its level's character style.
            Block::Heading {
                level,
                label,
                text,
                run_in: Some(run_in),
                ..
            } => {
                let level = usize::from((*level).clamp(1, 4));
                Paragraph::new()
                    .style(style_id::BODY)
                    .outline_lvl(level - 1)
                    .add_run(
                        Run::new()
                            .style(style_id::RUN_IN_HEADINGS[level - 1])
                            .add_text(format!("{label}{text}")),
                    )
                    .add_run(Run::new().add_text(run_in))
            }
            Block::Table { .. } => continue,
            Block::Paragraph { lead, text, .. } => {
                let mut p = Paragraph::new().style(style_id::BODY);
                if let Some(l) = lead {
                    p = p.add_run(Run::new().style(style_id::LEAD).add_text(l));
                }
                p.add_run(Run::new().add_text(text))
            }
        };
        docx = docx.add_paragraph(p);
    }
    Ok(docx)
}

/// A table: the layout's column widths, a header row in 黑体 that Word repeats on each page
/// (`w:tblHeader`, added by docx_fix for tables of this style), rows that do not split.
fn table(
    t: &Template,
    book: &FontBook,
    header: &[String],
    rows: &[Vec<String>],
    shape: &TableShape,
) -> docx_rs::Table {
    use docx_rs::{
        BorderType, Table, TableBorder, TableBorderPosition, TableBorders, TableCell, TableRow,
        WidthType,
    };
    let g = t.geometry();
    let widths: Vec<usize> = shape
        .columns
        .iter()
        .map(|&w| (w as f32 * g.cell * TWIPS_PER_PT).floor() as usize)
        .collect();
    let head_font = fonts(&word_font(t, book, Role::Level(1)));
    // Each row exactly as tall as its grid lines in the layout: with the borders counted in,
    // rows would drift off the grid, half a point a row.
    let heights = &shape.row_lines;
    let row = |cells: &[String], head: bool, lines: usize| {
        let cells = cells
            .iter()
            .zip(&widths)
            .map(|(text, &w)| {
                let mut run = Run::new().add_text(text);
                let mut p = Paragraph::new().style(style_id::TABLE_TEXT);
                if head {
                    run = run.fonts(head_font.clone());
                    p = p.align(AlignmentType::Center);
                }
                TableCell::new()
                    .width(w, WidthType::Dxa)
                    .add_paragraph(p.add_run(run))
            })
            .collect();
        TableRow::new(cells)
            .cant_split()
            .row_height((lines as f32 * g.pitch * TWIPS_PER_PT).round())
            .height_rule(docx_rs::HeightRule::Exact)
    };
    let mut all = vec![row(header, true, heights[0])];
    all.extend(
        rows.iter()
            .zip(&heights[1..])
            .map(|(r, &lines)| row(r, false, lines)),
    );
    let rule = |pos| {
        TableBorder::new(pos)
            .border_type(BorderType::Single)
            .size((crate::layout::TABLE_RULE_PT * 8.0) as usize)
            .color("000000")
    };
    let borders = [
        TableBorderPosition::Top,
        TableBorderPosition::Bottom,
        TableBorderPosition::Left,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::with_empty(), |b, p| b.set(rule(p)));
    // Where the layout stands the table half a cell in from the block's edge (its text on the
    // grid), so does Word.
    let half_cell = (cells(&g, 1) / 2) as usize;
    Table::without_borders(all)
        .style(style_id::TABLE)
        .indent(if shape.inset > 0.0 {
            half_cell as i32
        } else {
            0
        })
        .margins(
            docx_rs::TableCellMargins::new()
                .margin_left(half_cell, WidthType::Dxa)
                .margin_right(half_cell, WidthType::Dxa),
        )
        .set_grid(widths.clone())
        .width(widths.iter().sum(), WidthType::Dxa)
        .set_borders(borders)
}

/// Write the document as DOCX bytes: its text from the model, set as the layout decided (the
/// title's lines, the 版头's lines and mark, table shapes, the 署名, the 版记's page); `date` is
/// the creation date for the core properties (`SOURCE_DATE_EPOCH`), none when `None`.
pub fn write_docx(
    doc: &Document,
    t: &Template,
    book: &FontBook,
    layout: &Layout,
    date: Option<super::Utc>,
) -> Result<Vec<u8>, Error> {
    let parts = &layout.parts;
    let title_lines = &parts.title_lines;
    let g = t.geometry();
    let body = word_font(t, book, Role::Body);
    let pitch = (g.pitch * TWIPS_PER_PT).floor() as usize;
    // A first-line indent of whole grid cells, so the characters after it stay on the grid
    // (LibreOffice reads twips; Word reads firstLineChars, added by docx_fix). Whole twips a
    // cell: LibreOffice rounds an indent a fraction over n cells up to n + 1.
    let indent = |chars: u32| cells(&g, chars);

    let style = |id: &str, name: &str, role: Role| {
        let f = word_font(t, book, role);
        let mut s = Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on(style_id::NORMAL)
            .next(style_id::BODY)
            .fonts(fonts(&f))
            .size(f.half_points);
        if f.bold {
            s = s.bold();
        }
        s.q_format(true)
    };
    // Our styles replace docx-rs's defaults (it adds an empty Normal of its own).
    let mut styles = docx_rs::Styles::new()
        .default_fonts(fonts(&body))
        .default_size(body.half_points);
    styles.styles.clear();
    // The template's name, for `gongwen import` to read back (a document property Word shows
    // only under File > Properties).
    let mut docx = Docx::new()
        .custom_property("gongwen.template", t.name.as_str())
        .styles(styles)
        .add_style(
            Style::new(style_id::NORMAL, StyleType::Paragraph)
                .name("Normal")
                .fonts(fonts(&body))
                .size(body.half_points)
                .align(AlignmentType::Both)
                .q_format(true),
        )
        .add_style(
            Style::new(style_id::BODY, StyleType::Paragraph)
                .name("公文正文")
                .based_on(style_id::NORMAL)
                .next(style_id::BODY)
                .indent(
                    None,
                    Some(SpecialIndentType::FirstLine(indent(
                        t.paragraph.first_line_indent_chars,
                    ))),
                    None,
                    None,
                )
                .q_format(true),
        )
        // The title is bigger than a grid cell: off the character grid (or each character would
        // take two cells), on exactly one grid line.
        .add_style(
            style(style_id::TITLE, "Title", Role::Title)
                .align(AlignmentType::Center)
                .next(style_id::SUBTITLE)
                .snap_to_grid(false)
                .line_spacing(
                    LineSpacing::new()
                        .line(pitch as i32)
                        .line_rule(LineSpacingType::Exact),
                ),
        )
        .add_style(
            style(style_id::SUBTITLE, "Subtitle", Role::Speaker)
                .align(AlignmentType::Center)
                .next(style_id::NORMAL),
        )
        .add_style(style(style_id::SALUTATION, "Salutation", Role::Salutation));
    for level in 1..=4u8 {
        let id = style_id::HEADINGS[usize::from(level) - 1];
        docx = docx.add_style(
            style(id, &format!("heading {level}"), Role::Level(level))
                .outline_lvl(usize::from(level) - 1)
                .indent(
                    None,
                    Some(SpecialIndentType::FirstLine(indent(
                        t.paragraph.heading_indent_chars,
                    ))),
                    None,
                    None,
                ),
        );
        let f = word_font(t, book, Role::Level(level));
        let mut run_in = Style::new(
            style_id::RUN_IN_HEADINGS[usize::from(level) - 1],
            StyleType::Character,
        )
        .name(format!("接排标题 {level}"))
        .fonts(fonts(&f));
        if f.bold {
            run_in = run_in.bold();
        }
        docx = docx.add_style(run_in);
    }
    // A cell's text is set from half a cell inside its column, as the layout sets it, one grid
    // line a line; off the character grid, which would move it to the next whole cell.
    docx = docx
        .add_style(Style::new(style_id::TABLE, StyleType::Table).name("公文表格"))
        .add_style(
            Style::new(style_id::TABLE_TEXT, StyleType::Paragraph)
                .name("表格文字")
                .based_on(style_id::NORMAL)
                .snap_to_grid(false)
                .line_spacing(
                    LineSpacing::new()
                        .line(pitch as i32)
                        .line_rule(LineSpacingType::Exact),
                ),
        );
    let lead = word_font(t, book, Role::Lead);
    let mut lead_style = Style::new(style_id::LEAD, StyleType::Character)
        .name("导语句")
        .fonts(fonts(&lead))
        .size(lead.half_points);
    if lead.bold {
        lead_style = lead_style.bold();
    }
    docx = docx.add_style(lead_style);
    let pn = word_font(t, book, Role::PageNumber);
    docx = docx.add_style(
        Style::new(style_id::FOOTER, StyleType::Paragraph)
            .name("footer")
            .based_on(style_id::NORMAL)
            .fonts(fonts(&pn))
            .size(pn.half_points)
            .snap_to_grid(false),
    );

    // Content.
    let para = |style: &str, text: &str| {
        Paragraph::new()
            .style(style)
            .add_run(Run::new().add_text(text))
    };
    let notice = doc.header.as_ref().zip(t.notice.as_ref());
    match notice {
        Some((h, spec)) => {
            docx = super::docx_notice::styles(docx, t, book, spec);
            docx = super::docx_notice::head(docx, h, spec, t, parts)?;
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
        docx = super::docx_notice::tail(docx, doc, spec, t, book, layout, &mut shapes)?;
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
    // characters under the 15.79 pt cells (docx_fix::character_spacing).
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
    docx_fix::fix(&mut xml, t, book, doc, date)?;
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| Error::Docx(e.to_string()))?;
    let bytes = docx_fix::add_theme(out.into_inner())?;
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
