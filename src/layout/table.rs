//! Tables on the grid: every row a whole number of grid lines, columns whole cells wide, cell text
//! broken by the same clreq rules as a paragraph, rows kept whole, the header repeated on each
//! page the table runs onto.

use std::rc::Rc;

use super::kinsoku::{self, Options};
use super::{Ctx, LaidLine, LineRule, TableShape, Tag, TagKind, merge};
use crate::model::Origin;
use crate::template::Role;

/// Rules of a table, in points (practice: a single 0.5 pt line; the standard sets no width).
pub const TABLE_RULE_PT: f32 = 0.5;

/// How far, in cells, a table of these column widths stands in from the block's left edge: half
/// a cell when its columns leave a cell of the line free (they always do, see
/// [`Ctx::table_columns`]), so that its text falls on the grid.
fn table_inset(widths: &[u32], chars_per_line: u32) -> f32 {
    if widths.iter().sum::<u32>() < chars_per_line {
        0.5
    } else {
        0.0
    }
}

impl Ctx<'_> {
    /// Column widths in whole cells, adding up to the line less a cell: the table stands half a
    /// cell in from each edge of the block, its rules between grid columns and its text on them
    /// (see [`table_inset`]); a wide table gives up that cell rather than set its text off the
    /// grid. Each column as wide as its longest cell (plus a cell of padding) where they fit;
    /// where not, the widest column gives up a cell, again and again, so that short columns (a
    /// post, a name, a number) stay on one line and the long texts wrap.
    fn table_columns(&mut self, header: &[String], rows: &[Vec<String>]) -> Vec<u32> {
        let n = header.len() as u32;
        let natural: Vec<u32> = (0..header.len())
            .map(|c| {
                let head = self.grid_cells(&[(Role::Level(1), &header[c])]);
                let body = rows
                    .iter()
                    .map(|r| self.grid_cells(&[(Role::Body, &r[c])]))
                    .max()
                    .unwrap_or(0);
                head.max(body) + 1
            })
            .collect();
        let sum: u32 = natural.iter().sum();
        let total = self.g.chars - 1;
        let mut w: Vec<u32> = if sum <= total {
            natural
                .iter()
                .map(|&x| x + (total - sum) * x / sum)
                .collect()
        } else {
            natural.clone()
        };
        // Whole cells to the line: the widest columns give or take the difference.
        while w.iter().sum::<u32>() > total && w.iter().any(|&x| x > 2) {
            let i = (0..w.len()).max_by_key(|&i| w[i]).unwrap_or(0);
            w[i] -= 1;
        }
        while w.iter().sum::<u32>() < total {
            let i = (0..w.len()).max_by_key(|&i| natural[i]).unwrap_or(0);
            w[i] += 1;
        }
        debug_assert!(n == 0 || w.iter().sum::<u32>() >= total);
        w
    }

    /// Lays a table out as lines, each holding its row's cells side by side.
    pub(super) fn table(
        &mut self,
        header: &[String],
        rows: &[Vec<String>],
        origin: Origin,
        lines: &mut Vec<LaidLine>,
    ) {
        let widths = self.table_columns(header, rows);
        // One part for the table; its cells are told apart by row and column.
        let table = self.part(TagKind::Paragraph).block;
        let mut head = self.table_row(header, &widths, Role::Level(1), (table, 0), origin);
        // The header never ends a page: it goes over with the first row.
        if !rows.is_empty()
            && let Some(last) = head.last_mut()
        {
            last.keep_with_next = true;
        }
        let mut row_lines = vec![head.len()];
        // Set again at the top of each page the rows run onto: there, not content but repeated.
        let repeat: Rc<Vec<LaidLine>> = Rc::new(
            head.iter()
                .map(|l| LaidLine {
                    tags: Vec::new(),
                    ..l.clone()
                })
                .collect(),
        );
        lines.extend(head);
        for (i, r) in rows.iter().enumerate() {
            let row_number = u16::try_from(i + 1).unwrap_or(u16::MAX);
            let mut row = self.table_row(r, &widths, Role::Body, (table, row_number), origin);
            for l in &mut row {
                l.repeat = Some(repeat.clone());
            }
            row_lines.push(row.len());
            lines.extend(row);
        }
        self.parts.tables.push(TableShape {
            inset: table_inset(&widths, self.g.chars),
            columns: widths,
            row_lines,
        });
    }

    /// A row's lines; `(table, row)`: the table's part and the row's number (0: the header, set
    /// centred).
    fn table_row(
        &mut self,
        cells: &[String],
        widths: &[u32],
        role: Role,
        (table, row): (u32, u16),
        origin: Origin,
    ) -> Vec<LaidLine> {
        let g = self.g;
        let centre = row == 0;
        // No mark hangs past a column's rule.
        let hang = false;
        let inset = table_inset(widths, g.chars);
        // Each cell's lines: text from half a cell inside its column, on a grid column (the
        // table starts half a cell into the block); a centred cell is centred to whole cells.
        let mut per_cell: Vec<Vec<LaidLine>> = Vec::new();
        let mut start = 0u32;
        for (column, (text, &w)) in cells.iter().zip(widths).enumerate() {
            let tag = Tag {
                kind: TagKind::Cell {
                    row,
                    column: u16::try_from(column).unwrap_or(u16::MAX),
                },
                block: table,
            };
            let room = w.saturating_sub(1).max(1);
            let gt = self.grid_units(&[(role, text)], origin, room);
            let broken = kinsoku::break_lines(
                &gt.units,
                Options {
                    cells: room,
                    first_indent: 0,
                    rest_indent: 0,
                    hang,
                },
            );
            let mut out = Vec::new();
            for line in &broken {
                let used: u32 = gt.units[line.start..line.end].iter().map(|u| u.cells).sum();
                let spare = room.saturating_sub(used);
                let shift = start as f32
                    + inset
                    + 0.5
                    + match (centre, inset > 0.0) {
                        (false, _) => 0.0,
                        // On the grid: centred to whole cells.
                        (true, true) => (spare / 2) as f32,
                        (true, false) => spare as f32 / 2.0,
                    };
                let x: Vec<f32> = line.x.iter().map(|x| x + shift).collect();
                let mut atoms = self.place_units(&gt, line.start..line.end, &x);
                out.push(LaidLine {
                    text: super::own_text(&gt.text, &mut atoms),
                    atoms,
                    size: self.book.size(role),
                    tags: vec![(0, tag)],
                    ..Default::default()
                });
            }
            per_cell.push(out);
            start += w;
        }
        let height = per_cell.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let inset = inset * g.cell;
        let mut x = g.left + inset;
        let mut bounds = vec![x];
        for &w in widths {
            x += w as f32 * g.cell;
            bounds.push(x);
        }
        let mut out = Vec::with_capacity(height);
        for j in 0..height {
            let mut line = LaidLine {
                size: self.book.size(role),
                ..Default::default()
            };
            for cell in &per_cell {
                if let Some(l) = cell.get(j) {
                    line = merge(line, l.clone());
                }
            }
            for &b in &bounds {
                line.rules.push(LineRule::Vertical { x: b });
            }
            if j == 0 {
                line.rules.push(LineRule::Top {
                    x0: g.left + inset,
                    x1: x,
                });
            }
            if j + 1 == height {
                line.rules.push(LineRule::Bottom {
                    x0: g.left + inset,
                    x1: x,
                });
            } else {
                // A row is not split between pages.
                line.keep_with_next = true;
            }
            out.push(line);
        }
        out
    }
}
