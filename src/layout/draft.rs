//! Draft marks (征求意见稿, 讨论稿, 送审稿), as practice has them: the word in 3号黑体 at the top
//! right of a 公文's first page, or in （） under a speech's title; and a light diagonal
//! watermark of the word on every page.

use super::{Ctx, Page, Tag, TagKind, TextRun, Watermark};

use crate::model::Origin;
use crate::template::Role;
use crate::units::EM_BOX_ASCENT;

/// The watermark's grey: light enough that black text over it reads as on white paper.
const WATERMARK_GREY: [u8; 3] = [0xd9, 0xd9, 0xd9];
/// It rises at this angle, left to right.
const WATERMARK_ANGLE: f32 = 45.0;
/// It spans this share of the page's diagonal, at most this size.
const WATERMARK_SPAN: f32 = 0.6;
const WATERMARK_MOST_PT: f32 = 110.0;

/// A speech's draft line under its title: "（征求意见稿）".
pub(super) fn speech_line(text: &str) -> String {
    if text.starts_with('（') {
        text.to_string()
    } else {
        format!("（{text}）")
    }
}

impl Ctx<'_> {
    /// A 公文's mark, right-aligned on grid line `slot` of page 1 (the block's first line, in the
    /// 版头, §7.2; in a letter the blank line under its 发文字号); a part of its own.
    pub(super) fn draft_mark(&mut self, text: &str, slot: u32, runs: &mut Vec<TextRun>) {
        let role = Role::HeaderEmphasis;
        let size = self.book.size(role);
        let x = self.g.right() - self.book.width(role, text);
        let part = self.part(TagKind::Paragraph);
        let baseline = self.baseline(slot, size);
        self.absolute(runs, role, text, (size, x, baseline), super::BLACK, part);
        self.parts.draft_mark = Some((text.to_string(), slot));
    }

    /// The watermark: the word in 黑体, light grey, centred on the paper and turned to rise
    /// left to right, as large as fits most of the diagonal.
    pub(super) fn watermark(&mut self, text: &str) -> Watermark {
        let g = self.g;
        let role = Role::Level(1);
        let own = self.book.size(role);
        let em_width = self.book.width(role, text) / own.max(1.0);
        let diagonal = g.paper_width.hypot(g.paper_height);
        let size = (diagonal * WATERMARK_SPAN / em_width.max(1.0)).min(WATERMARK_MOST_PT);
        let (text, mut atoms) = self.atoms(&[(role, text)], Origin::default());
        for a in &mut atoms {
            a.size = size;
            a.advance = a.glyph.advance * size;
        }
        let width: f32 = atoms.iter().map(|a| a.advance).sum();
        let centre = (g.paper_width / 2.0, g.paper_height / 2.0);
        // The em box centred on the centre.
        let baseline = centre.1 - size / 2.0 + EM_BOX_ASCENT * size;
        let mut page = Page::default();
        super::push_runs(
            &mut page,
            super::RunLine {
                text: &text,
                atoms: &super::side_by_side(atoms, centre.0 - width / 2.0),
                baseline,
                color: WATERMARK_GREY,
                tags: &[(0, Tag::default())],
            },
        );
        Watermark {
            runs: page.runs,
            centre,
            angle: WATERMARK_ANGLE,
        }
    }
}
