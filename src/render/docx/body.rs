//! The body in Word structures: headings (run-in headings as body paragraphs at their outline
//! level), paragraphs with lead sentences, and tables shaped as the layout shaped them.

use super::styles::{cells, style_id, word_font};
use super::wml::{Align, Body, Border, Cell, Line, Paragraph, Row, Run, Table, TableBorders};
use crate::error::Error;
use crate::fonts::FontBook;
use crate::layout::TableShape;
use crate::model::Block;
use crate::punct::without_cellless_spaces;
use crate::template::{Role, Template};
use crate::units::TWIPS_PER_PT;

/// Headings, paragraphs and tables; each table takes the next of the layout's shapes (they
/// come in the order of the document).
pub(super) fn add_blocks(
    body: &mut Body,
    blocks: &[Block],
    t: &Template,
    book: &FontBook,
    shapes: &mut std::slice::Iter<TableShape>,
) -> Result<(), Error> {
    for (i, block) in blocks.iter().enumerate() {
        let p = match block {
            Block::Table { header, rows, .. } => {
                let shape = shapes.next().ok_or_else(|| {
                    Error::Docx(
                        "the layout gave no shape for a table (a bug: please report it)".into(),
                    )
                })?;
                body.push_table(table(t, book, header, rows, shape));
                continue;
            }
            Block::Heading {
                level,
                label,
                text,
                run_in: None,
                ..
            } => Paragraph::with_text(
                style_id::HEADINGS[usize::from((*level).clamp(1, 4)) - 1],
                format!("{label}{}", without_cellless_spaces(text)),
            )
            // As the layout: with its text, or, having none, its lines together.
            .keep_next(Block::heading_has_text(blocks, i))
            .keep_lines(true),
            // A run-in heading: a body paragraph at the heading's outline level, the heading in
            // its level's character style.
            Block::Heading {
                level,
                label,
                text,
                run_in: Some(run_in),
                ..
            } => {
                let level = (*level).clamp(1, 4);
                Paragraph::styled(style_id::BODY)
                    .outline_level(level - 1)
                    .run(
                        Run::text(format!("{label}{}", without_cellless_spaces(text)))
                            .style(style_id::RUN_IN_HEADINGS[usize::from(level) - 1]),
                    )
                    .run(Run::text(without_cellless_spaces(run_in)))
            }
            Block::Paragraph { lead, text, .. } => {
                let mut p = Paragraph::styled(style_id::BODY);
                if let Some(l) = lead {
                    p = p.run(Run::text(without_cellless_spaces(l)).style(style_id::LEAD));
                }
                p.run(Run::text(without_cellless_spaces(text)))
            }
        };
        body.push(p);
    }
    Ok(())
}

/// A table: the layout's column widths, a header row in 黑体 that Word repeats on each page,
/// rows that do not split.
fn table(
    t: &Template,
    book: &FontBook,
    header: &[String],
    rows: &[Vec<String>],
    shape: &TableShape,
) -> Table {
    let g = t.geometry();
    let widths: Vec<i32> = shape
        .columns
        .iter()
        .map(|&w| (w as f32 * g.cell * TWIPS_PER_PT).floor() as i32)
        .collect();
    let head_font = word_font(t, book, Role::Level(1)).name;
    // Each row exactly as tall as its grid lines in the layout. (LibreOffice adds the rules'
    // widths, so the lines after a table sit up to a point low, and a page the layout fills may
    // lose its last line there; measured: rows shorter by less than half a rule change nothing,
    // and by half a rule or more take the rows' or the following lines' text off the grid.)
    let heights = &shape.row_lines;
    let row = |texts: &[String], head: bool, lines: usize| {
        let cells = texts
            .iter()
            .zip(&widths)
            .map(|(text, &w)| {
                let mut run = Run::text(text);
                let mut p = Paragraph::styled(style_id::TABLE_TEXT);
                if head {
                    run = run.font(&head_font);
                    // As the layout: the header goes over with the first row.
                    p = p.align(Align::Center).keep_next(true);
                }
                Cell {
                    width: Some(w),
                    v_center: false,
                    paragraphs: vec![p.run(run)],
                }
            })
            .collect();
        Row {
            cant_split: true,
            exact_height: Some((lines as f32 * g.pitch * TWIPS_PER_PT).round() as i32),
            header: head,
            cells,
        }
    };
    let mut all = vec![row(header, true, heights[0])];
    all.extend(
        rows.iter()
            .zip(&heights[1..])
            .map(|(r, &lines)| row(r, false, lines)),
    );
    let rule_twips = (crate::layout::TABLE_RULE_PT * TWIPS_PER_PT).ceil() as i32;
    let rule = Some(Border {
        line: Line::Single,
        eighths: (crate::layout::TABLE_RULE_PT * 8.0) as u32,
        space_pt: 0,
        color: "000000".into(),
    });
    // Where the layout stands the table half a cell in from the block's edge (its text on the
    // grid), so does Word.
    let half_cell = cells(&g, 1) / 2;
    Table {
        style: Some(style_id::TABLE.into()),
        width: Some(widths.iter().sum()),
        align: Some(Align::Left),
        indent: Some(if shape.inset > 0.0 { half_cell } else { 0 }),
        borders: TableBorders {
            top: rule.clone(),
            left: rule.clone(),
            bottom: rule.clone(),
            right: rule.clone(),
            inside_h: rule.clone(),
            inside_v: rule,
        },
        // The right margin a rule's width narrower: LibreOffice takes half of each side's rule
        // from the cell's room, and a cell's text is often exactly as wide as its room.
        cell_margins: (half_cell, half_cell - rule_twips),
        columns: widths,
        rows: all,
    }
}
