//! Numbered copies (§7.2.1): the same layout with another 份号, its glyphs swapped in place.

use super::{Layout, TagKind};
use crate::fonts::FontBook;

impl Layout {
    /// This layout with the 份号 on page 1 reading `number` instead: the layout is not made
    /// again, only the 份号's glyphs are replaced where they stand. `None` when there is no 份号,
    /// when `number` has not as many characters as it, or when a glyph of `number` is missing
    /// from the face or is not as wide as the one it replaces (its place would change: lay the
    /// document out again with that number).
    pub fn with_copy_number(&self, book: &FontBook, number: &str) -> Option<Layout> {
        let block = self.parts.copy_number_block?;
        let mut copy = self.clone();
        let page = copy.pages.first_mut()?;
        let mut chars = number.chars();
        let mut replaced = 0;
        for run in page
            .runs
            .iter_mut()
            .filter(|r| r.tag.block == block && r.tag.kind != TagKind::Artifact)
        {
            let mut text = String::new();
            for glyph in &mut run.glyphs {
                let c = chars.next()?;
                let found = book.glyph_in(run.face, c)?;
                if (found.advance * run.size - glyph.advance).abs() > 0.01 {
                    return None;
                }
                let start = text.len();
                text.push(c);
                glyph.id = found.glyph;
                glyph.text = start..text.len();
                replaced += 1;
            }
            run.text = text;
        }
        (replaced > 0 && chars.next().is_none()).then_some(copy)
    }
}
