//! The body in Word structures: headings (run-in headings as body paragraphs at their outline
//! level), paragraphs with lead sentences, and tables shaped as the layout shaped them.

use docx_rs::{AlignmentType, Docx, Paragraph, Run};

use super::styles::{cells, fonts, style_id, word_font};
use crate::error::Error;
use crate::fonts::FontBook;
use crate::layout::TableShape;
use crate::model::Block;
use crate::template::{Role, Template};
use crate::units::TWIPS_PER_PT;

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
/// (`w:tblHeader`, added by `fix` for tables of this style), rows that do not split.
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
