//! Pagination: lines onto pages of 22 grid lines (§5.2.3), headings and table rows kept with
//! what follows, the 署名 never alone (§7.3.5), blank lines closed up where that keeps a group on
//! its page (§7.3.5.1), page numbers (§7.5).

use super::{
    BLACK, Ctx, LaidLine, LineMark, LineRule, OutlineEntry, Page, PlacedImage, Rule, RunLine,
    push_runs, side_by_side, table,
};
use crate::model::Origin;
use crate::template::Role;
use crate::units::{EM_BOX_ASCENT, mm};

/// What the paginator did to keep a group on its page: blank lines closed up, a line carried over.
#[derive(Debug, Default)]
pub(super) struct Squeezed {
    /// Above the 署名.
    pub(super) signature_lines: usize,
    /// The one above the 附件说明.
    pub(super) attachment_note_blank: bool,
    /// The text's last line, moved over with the 署名 from the page its paragraph began on.
    pub(super) signature_carried: Option<String>,
}

impl Ctx<'_> {
    /// The baseline of grid line `slot`: the em box centred in the line.
    pub(super) fn baseline(&self, slot: u32, size: f32) -> f32 {
        self.g.top + slot as f32 * self.g.pitch + (self.g.pitch - size) / 2.0 + EM_BOX_ASCENT * size
    }

    /// Places the lines on pages, one grid line each. Returns the pages, the outline and how many
    /// grid lines the last page uses.
    pub(super) fn paginate(
        &self,
        lines: &[LaidLine],
    ) -> (Vec<Page>, Vec<OutlineEntry>, u32, Squeezed) {
        let per_page = self.g.lines;
        let mut pages = vec![Page::default()];
        let mut outline = Vec::new();
        let mut slot = 0u32;
        // The squeezable lines left out, by index; how many of the 署名's.
        let mut squeeze: Vec<usize> = Vec::new();
        let mut squeezed = Squeezed::default();
        for (i, line) in lines.iter().enumerate() {
            if squeeze.contains(&i) {
                if line.signature_blank {
                    squeezed.signature_lines += 1;
                } else {
                    squeezed.attachment_note_blank = true;
                }
                continue;
            }
            let mut new_page = false;
            if line.break_before && (slot > 0 || pages.last().is_some_and(|p| !p.runs.is_empty())) {
                new_page = true;
            }
            if let Some(at) = line.at_slot {
                slot = slot.max(at);
            }
            // A heading is never the last line of a page: it moves over with the line after it.
            // A table row stays whole the same way.
            if !new_page && line.keep_with_next && (i == 0 || !lines[i - 1].keep_with_next) {
                let group = lines[i..].iter().take_while(|l| l.keep_with_next).count() as u32 + 1;
                // (A heading that ends the document keeps with nothing: the group stops there.)
                let group_end = (i + group as usize).min(lines.len());
                let blanks: Vec<usize> = (i..group_end).filter(|&k| lines[k].squeezable).collect();
                let over = (slot + group).saturating_sub(per_page) as usize;
                if slot > 0 && over > 0 && over <= blanks.len() {
                    // As few as it takes, the 署名's own blank lines first (they come last).
                    squeeze = blanks[blanks.len() - over..].to_vec();
                } else if slot > 0 && slot + group > per_page && group <= per_page {
                    new_page = true;
                    if let Some(text) = carried_with_signature(&lines[i..group_end]) {
                        squeezed.signature_carried = Some(text);
                    }
                }
            }
            if new_page || slot >= per_page {
                pages.push(Page::default());
                slot = 0;
                // A table's header again at the top of a page its rows run onto.
                if let Some(header) = &line.repeat {
                    for h in header.iter() {
                        self.place(&mut pages, slot, h);
                        slot += 1;
                    }
                }
            }
            if line.atoms.is_empty() && line.rules.is_empty() && slot == 0 && pages.len() > 1 {
                continue; // a blank line does not open a page
            }
            if let Some((level, text)) = &line.heading {
                let page = pages.len() - 1;
                outline.push(OutlineEntry {
                    level: *level,
                    text: text.clone(),
                    page,
                    y: self.g.top + slot as f32 * self.g.pitch,
                });
            }
            self.place(&mut pages, slot, line);
            slot += 1;
        }
        (pages, outline, slot, squeezed)
    }

    /// Puts a line on the last page at grid line `slot`: its text, its image, its rules.
    pub(super) fn place(&self, pages: &mut [Page], slot: u32, line: &LaidLine) {
        let Some(page) = pages.last_mut() else { return };
        let top = self.g.top + slot as f32 * self.g.pitch;
        if let Some(im) = &line.image {
            page.images.push(PlacedImage {
                x: im.x,
                y: top + im.dy,
                width: im.width,
                height: im.height,
                png: im.png.clone(),
                alt: im.alt.clone(),
            });
        }
        let t = table::TABLE_RULE_PT;
        for r in &line.rules {
            let (x0, x1, y, thickness) = match *r {
                LineRule::Top { x0, x1 } => (x0, x1, top, t),
                LineRule::Bottom { x0, x1 } => (x0, x1, top + self.g.pitch, t),
                // A vertical rule: a rule as tall as the line, as thick as wide.
                LineRule::Vertical { x } => {
                    page.rules.push(Rule {
                        x0: x - t / 2.0,
                        x1: x + t / 2.0,
                        y: top + self.g.pitch / 2.0,
                        thickness: self.g.pitch,
                        color: BLACK,
                    });
                    continue;
                }
            };
            page.rules.push(Rule {
                x0,
                x1,
                y,
                thickness,
                color: BLACK,
            });
        }
        let baseline = self.baseline(slot, line.size);
        push_runs(
            page,
            RunLine {
                text: &line.text,
                atoms: &line.atoms,
                baseline,
                color: line.color,
                tags: &line.tags,
            },
        );
        if let Some(mark) = &line.mark {
            page.lines.push(LineMark {
                slot,
                text: line.text.clone(),
                ..mark.clone()
            });
        }
    }

    /// "— N —" under the block: odd pages right, even pages left, `indent_chars` 字 in (§7.5).
    /// `dash` is the em dash's stroke height ([`Ctx::dash_middle`]), found once per document.
    pub(super) fn page_number(&mut self, page: &mut Page, n: usize, dash: f32) {
        let spec = &self.t.page_number;
        let label = spec.format.replace("{n}", &n.to_string());
        let role = Role::PageNumber;
        let size = self.book.size(role);
        let (text, atoms) = self.atoms(&[(role, &label)], Origin::default());
        let width: f32 = atoms.iter().map(|a| a.advance).sum();
        let inset = spec.indent_chars * size;
        let x = if n % 2 == 1 {
            self.g.right() - inset - width
        } else {
            self.g.left + inset
        };
        // The 一字线 (the dashes' stroke) lies `below_block_mm` under the block.
        let dash_mid = dash * size;
        let baseline = self.g.bottom() + mm(spec.below_block_mm) + dash_mid;
        // Not content: an artifact (no part).
        push_runs(
            page,
            RunLine {
                text: &text,
                atoms: &side_by_side(atoms, x),
                baseline,
                color: BLACK,
                tags: &[],
            },
        );
    }

    /// Height of the em dash's stroke above the baseline, in ems (from the glyph's outline).
    pub(super) fn dash_middle(&self, role: Role) -> f32 {
        let Some(g) = self.book.glyph(role, '—') else {
            return 0.3;
        };
        let face = &self.book.faces[g.face];
        ttf_parser::Face::parse(face.data.as_slice(), face.index)
            .ok()
            .and_then(|f| f.glyph_bounding_box(ttf_parser::GlyphId(g.glyph)))
            .map_or(0.3, |b| {
                (f32::from(b.y_min) + f32::from(b.y_max)) / 2.0 / face.units_per_em
            })
    }
}

/// The text a group moved to a new page carries over with the 署名: its lines before the 署名,
/// when they end a paragraph begun on the page before (none when the whole paragraph went over,
/// or when anything but the paragraph's own lines goes with it).
fn carried_with_signature(group: &[LaidLine]) -> Option<String> {
    let signature = group
        .iter()
        .position(|l| l.mark.as_ref().is_some_and(|m| m.signature))?;
    let text: Vec<&LaidLine> = group[..signature]
        .iter()
        .filter(|l| !l.atoms.is_empty())
        .collect();
    let continues = |l: &&LaidLine| l.mark.as_ref().is_some_and(|m| !m.first && !m.heading);
    (!text.is_empty() && text.iter().all(continues))
        .then(|| text.iter().map(|l| l.text.as_str()).collect())
}
