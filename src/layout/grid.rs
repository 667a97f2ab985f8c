//! Text on the character grid (§5.2.3: 28 cells a line): a text cut into units (a CJK
//! character a cell, a Latin run whole cells), broken into lines by [`super::kinsoku`], each unit
//! placed in its cells.

use std::ops::Range;

use super::kinsoku::{self, Unit, no_end, no_start};
use super::{Atom, Ctx, LaidLine, LineMark, TagKind, own_text};
use crate::fonts::GlyphInfo;
use crate::model::Origin;
use crate::template::{Kinsoku, Role};

/// A text cut into grid units.
pub(super) struct GridText {
    pub(super) text: String,
    pub(super) atoms: Vec<Atom>,
    pub(super) units: Vec<Unit>,
    pub(super) unit_atoms: Vec<Range<usize>>,
}

/// Cuts the Latin run `from..chars.len()` into units, calling `unit(range, is_space)` for each:
/// each word with the spaces after it (a break after it hangs them past the edge, see
/// [`kinsoku::Unit::trailing`]); spaces that open the run as a unit of their own, which takes no
/// cell and hangs at a break (see [`kinsoku::Unit::space`]); a word longer than `max` points cut
/// by width.
fn latin_units(
    chars: &[char],
    atoms: &[Atom],
    from: usize,
    max: f32,
    unit: &mut impl FnMut(Range<usize>, bool),
) {
    let end = chars.len();
    let width = |r: Range<usize>| atoms[r].iter().map(|a| a.advance).sum::<f32>();
    let mut k = from;
    while k < end && chars[k] == ' ' {
        k += 1;
    }
    if k > from {
        unit(from..k, true);
    }
    while k < end {
        let mut word_end = k;
        while word_end < end && chars[word_end] != ' ' {
            word_end += 1;
        }
        let mut e = word_end;
        while e < end && chars[e] == ' ' {
            e += 1;
        }
        // One word longer than a line: cut by width.
        let mut s = k;
        while width(s..word_end) > max {
            let mut cut = s + 1;
            while cut < word_end && width(s..cut + 1) <= max {
                cut += 1;
            }
            unit(s..cut, false);
            s = cut;
        }
        unit(s..e, false);
        k = e;
    }
}

/// Whether a character takes a whole cell of the grid, or joins a Latin run. ASCII never takes
/// a cell (Fandol's 仿宋 draws "M" 0.9 em wide, but it is a Latin letter); CJK characters and
/// full-width forms always do; for the rest (quotes, dashes, symbols of ambiguous width) the
/// face decides: a glyph three quarters of an em wide or more is set as a CJK character.
fn is_wide(c: char, g: &GlyphInfo) -> bool {
    !c.is_ascii() && (crate::punct::is_cjk(c) || g.advance >= 0.75)
}

/// The whole cells a Latin run of `width` cells takes. A run a tenth of a cell over a whole
/// number keeps that number ("2000" in 3号 is 2.03 cells): its glyphs' own side bearings absorb
/// the overlap, and a nearly empty extra cell would open a hole in the line.
fn latin_cells(width: f32) -> u32 {
    ((width - 0.1).ceil() as u32).max(1)
}

impl Ctx<'_> {
    /// The units of a text set on the grid (see [`kinsoku`]): its text, its atoms, the units and
    /// which atoms each unit holds. `max_cells` bounds a Latin run (longer ones are split).
    pub(super) fn grid_units(
        &mut self,
        spans: &[(Role, &str)],
        origin: Origin,
        max_cells: u32,
    ) -> GridText {
        let (text, atoms) = self.atoms(spans, origin);
        let cell = self.g.cell;
        let mut units: Vec<Unit> = Vec::new();
        let mut unit_atoms: Vec<Range<usize>> = Vec::new();
        let chars: Vec<char> = atoms
            .iter()
            .map(|a| text[a.range.clone()].chars().next().unwrap_or(' '))
            .collect();
        let mut i = 0;
        while i < atoms.len() {
            let c = chars[i];
            if is_wide(c, &atoms[i].glyph) {
                let pair = matches!(c, '—' | '…')
                    && chars.get(i + 1) == Some(&c)
                    && is_wide(c, &atoms[i + 1].glyph);
                let n = if pair { 2 } else { 1 };
                units.push(Unit {
                    cells: n as u32,
                    width: n as f32,
                    latin: false,
                    no_start: no_start(c),
                    no_end: no_end(c),
                    hangable: n == 1 && no_start(c),
                    space: false,
                    trailing: 0.0,
                });
                unit_atoms.push(i..i + n);
                i += n;
            } else {
                // A Latin run: narrow glyphs of one size.
                let mut j = i;
                while j < atoms.len()
                    && !is_wide(chars[j], &atoms[j].glyph)
                    && atoms[j].size == atoms[i].size
                {
                    j += 1;
                }
                latin_units(
                    &chars[..j],
                    &atoms[..j],
                    i,
                    max_cells as f32 * cell,
                    &mut |r, space| {
                        let advance = |r: Range<usize>| {
                            atoms[r].iter().map(|a| a.advance).sum::<f32>() / cell
                        };
                        let width = advance(r.clone());
                        let visible = r.start
                            + chars[r.clone()]
                                .iter()
                                .rposition(|&c| c != ' ')
                                .map_or(0, |p| p + 1);
                        units.push(Unit {
                            cells: if space { 0 } else { latin_cells(width) },
                            width,
                            latin: true,
                            no_start: space || no_start(chars[r.start]),
                            no_end: space || no_end(chars[visible.max(r.start + 1) - 1]),
                            hangable: space,
                            space,
                            trailing: advance(visible..r.end),
                        });
                        unit_atoms.push(r);
                    },
                );
                i = j;
            }
        }
        GridText {
            text,
            atoms,
            units,
            unit_atoms,
        }
    }

    /// Atoms of units `range` placed at `x` (cells from the block's left edge, one per unit).
    pub(super) fn place_units(
        &self,
        g: &GridText,
        range: Range<usize>,
        x: &[f32],
    ) -> Vec<(Atom, f32)> {
        let cell = self.g.cell;
        let mut placed = Vec::new();
        for (k, u) in range.enumerate() {
            let mut at = self.g.left + x[k] * cell;
            for a in g.unit_atoms[u].clone() {
                placed.push((g.atoms[a].clone(), at));
                at += if g.units[u].latin {
                    g.atoms[a].advance
                } else {
                    cell
                };
            }
        }
        placed
    }

    /// One line on the grid, not broken, starting `start` cells from the left.
    pub(super) fn grid_line(&mut self, spans: &[(Role, &str)], start: u32) -> LaidLine {
        let g = self.grid_units(spans, Origin::default(), self.g.chars);
        let mut x = Vec::with_capacity(g.units.len());
        let mut at = start as f32;
        for (i, u) in g.units.iter().enumerate() {
            // As in a paragraph: a Latin run starting the line is flush with its start.
            let centre = u.latin && i > 0;
            x.push(
                at + if centre {
                    (u.cells as f32 - u.width) / 2.0
                } else {
                    0.0
                },
            );
            at += u.cells as f32;
        }
        let atoms = self.place_units(&g, 0..g.units.len(), &x);
        let size = g.atoms.iter().map(|a| a.size).fold(0.0, f32::max);
        LaidLine {
            text: g.text,
            atoms,
            size,
            tags: vec![(0, self.part(TagKind::Paragraph))],
            ..Default::default()
        }
    }

    /// Cells a text takes on the grid.
    pub(super) fn grid_cells(&mut self, spans: &[(Role, &str)]) -> u32 {
        self.grid_units(spans, Origin::default(), self.g.chars)
            .units
            .iter()
            .map(|u| u.cells)
            .sum()
    }

    /// A paragraph on the character grid: the first line indented `indent` cells, the others
    /// `rest_indent`.
    pub(super) fn grid_paragraph(
        &mut self,
        spans: &[(Role, &str)],
        indent: u32,
        rest_indent: u32,
        origin: Origin,
        heading: Option<(u8, String)>,
    ) -> Vec<LaidLine> {
        let cells = self.g.chars;
        let g = self.grid_units(
            spans,
            origin,
            cells.saturating_sub(indent.max(rest_indent).max(2)),
        );
        if g.atoms.is_empty() {
            return Vec::new();
        }
        let opt = kinsoku::Options {
            cells,
            first_indent: indent,
            rest_indent,
            hang: self.t.paragraph.kinsoku == Kinsoku::Hang,
        };
        let broken = kinsoku::break_lines(&g.units, opt);
        let size = g.atoms.iter().map(|a| a.size).fold(0.0, f32::max);
        // A heading standing alone is a heading; one run in opens a paragraph.
        let part = self.part(match &heading {
            Some((level, _)) if spans.len() == 1 => TagKind::Heading(*level),
            _ => TagKind::Paragraph,
        });
        let mut out = Vec::with_capacity(broken.len());
        let count = broken.len();
        for (i, line) in broken.iter().enumerate() {
            if line.spread {
                self.spread_lines += 1;
            }
            let mut atoms = self.place_units(&g, line.start..line.end, &line.x);
            out.push(LaidLine {
                text: own_text(&g.text, &mut atoms),
                atoms,
                size,
                mark: Some(LineMark {
                    origin,
                    first: i == 0,
                    last: i + 1 == count,
                    heading: heading.is_some() && spans.len() == 1,
                    spread: line.spread,
                    ..LineMark::default()
                }),
                // The outline points at a heading's first line.
                heading: if out.is_empty() {
                    heading.clone()
                } else {
                    None
                },
                tags: vec![(0, part)],
                ..Default::default()
            });
        }
        out
    }
}
