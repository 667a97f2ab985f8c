//! The layout's output: pages of positioned glyph runs that a backend only has to draw, and
//! [`Parts`], what it decided about the document's parts for backends that write structure
//! (DOCX) rather than draw pages.

use std::ops::Range;

use crate::fonts::FaceId;
use crate::model::Origin;
use crate::template::{Geometry, Role};

/// A laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The page geometry everything is placed in.
    pub geometry: Geometry,
    /// The pages.
    pub pages: Vec<Page>,
    /// Headings for bookmarks / a navigation pane.
    pub outline: Vec<OutlineEntry>,
    /// Document metadata.
    pub meta: Meta,
    /// Characters no font has, with where they are.
    pub missing: Vec<(char, Origin)>,
    /// Characters the role's own font lacks, set in a fallback face: each with where it is and
    /// the face (an index into the font book's faces).
    pub fallback: Vec<(char, Origin, crate::fonts::FaceId)>,
    /// Lines where no rule-abiding break kept whole cells and a character was pushed down.
    pub spread_lines: usize,
    /// Pages the 版记 added after the text (0: at the foot of the last page; 1: on a page of its
    /// own; 2: after a blank page), so that it stands on an even page (§7.4).
    pub imprint_page_breaks: usize,
    /// Empty grid lines between the text (or the page's top) and the 版记 on its page.
    pub imprint_gap_lines: usize,
    /// Blank lines above the 署名 left out so that it stays on the page with the text (§7.3.5).
    pub signature_lines_squeezed: usize,
    /// The blank line above the 附件说明 was left out for the same reason.
    pub attachment_note_blank_squeezed: bool,
    /// The text's last line (or lines), where it went over to a new page with the 署名 and its
    /// paragraph began on the page before (§7.3.5): a backend whose word processor paginates
    /// parts the paragraph there, as the layout did.
    pub signature_carried: Option<String>,
    /// What was decided about the document's parts, for backends that write structure.
    pub parts: Parts,
    /// The text ran past the page limit given to [`super::layout_at_most`], which then stopped: the
    /// pages hold only part of it.
    pub cut_short: bool,
}

/// Document metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// Title.
    pub title: String,
    /// Author (the speaker).
    pub author: Option<String>,
    /// BCP 47 language tag.
    pub language: String,
    /// The document's date (成文日期, a speech's date), where it reads as one.
    pub date: Option<crate::dates::CivilDate>,
}

/// One page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Text, in reading order.
    pub runs: Vec<TextRun>,
    /// Rules (the red separator, the 版记 lines).
    pub rules: Vec<Rule>,
    /// Images (a seal), drawn over the text.
    pub images: Vec<PlacedImage>,
    /// What each text line of the body is, for the page audit of `check` (backends ignore it).
    pub lines: Vec<LineMark>,
    /// A draft's watermark, drawn under everything else.
    pub watermark: Option<Watermark>,
}

/// Text laid diagonally across a page, light, under the page's content: a draft's watermark.
#[derive(Debug, Clone, PartialEq)]
pub struct Watermark {
    /// The text set level, centred on `centre` (a run a face); a backend turns it about that
    /// point.
    pub runs: Vec<TextRun>,
    /// The point it turns about, in points from the paper's top left.
    pub centre: (f32, f32),
    /// How far it is turned, in degrees, counter-clockwise as the page is seen.
    pub angle: f32,
}

impl Page {
    /// The page's text runs and its watermark's: every glyph it draws.
    pub fn all_runs(&self) -> impl Iterator<Item = &TextRun> {
        self.runs
            .iter()
            .chain(self.watermark.iter().flat_map(|w| &w.runs))
    }
}

/// What a run is in the document's logical structure: the tags of a tagged PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tag {
    /// What kind of part.
    pub kind: TagKind,
    /// The part it belongs to: runs of one paragraph (over lines and pages) share it; parts are
    /// numbered in reading order from 1 (0: none, an artifact).
    pub block: u32,
}

/// The kinds of part a run may belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TagKind {
    /// Not content: a page number, a table's header repeated on a new page, a draft watermark.
    #[default]
    Artifact,
    /// The document's title.
    Title,
    /// A heading standing alone (not run in), of level 1–4; an 附件's title is of level 1.
    Heading(u8),
    /// A paragraph: body text, a line of the 版头, the 署名, the 版记.
    Paragraph,
    /// A table's cell: its row (0: the header row) and column.
    Cell {
        /// Row, from 0 (the header).
        row: u16,
        /// Column, from 0.
        column: u16,
    },
}

/// A text line's part in the document, as the layout set it: which entry of the source it comes
/// from and where in its paragraph it stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LineMark {
    /// Its grid line on the page, from 0.
    pub slot: u32,
    /// The source entry it comes from.
    pub origin: Origin,
    /// Its text.
    pub text: String,
    /// The first line of its paragraph.
    pub first: bool,
    /// The last line of its paragraph.
    pub last: bool,
    /// A heading's line (not run in).
    pub heading: bool,
    /// Set by the last resort of line breaking: a character pushed down, the rest spread.
    pub spread: bool,
    /// A line of the 署名 block.
    pub signature: bool,
}

/// An image placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedImage {
    /// Left edge, in points from the paper's left.
    pub x: f32,
    /// Top edge, in points from the paper's top.
    pub y: f32,
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// The image.
    pub png: crate::model::Png,
    /// What it shows, in words (a tagged PDF's alternative text): "XX县人民政府印章".
    pub alt: String,
}

/// A rule: a filled rectangle `x0..x1` wide and `thickness` tall, centred on `y` (a table's
/// vertical rules are as tall as a line and as wide as they are thick).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Left end, in points from the paper's left.
    pub x0: f32,
    /// Right end.
    pub x1: f32,
    /// Its centre line, in points from the paper's top.
    pub y: f32,
    /// Thickness in points.
    pub thickness: f32,
    /// RGB.
    pub color: [u8; 3],
}

/// Black, for text and rules (§5.2.4: black unless stated).
pub const BLACK: [u8; 3] = [0, 0, 0];

/// Glyphs of one face and size on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// The face.
    pub face: FaceId,
    /// Size in points.
    pub size: f32,
    /// Baseline, in points from the paper's top.
    pub baseline: f32,
    /// The characters the glyphs stand for.
    pub text: String,
    /// The glyphs.
    pub glyphs: Vec<PlacedGlyph>,
    /// RGB.
    pub color: [u8; 3],
    /// Its part in the document's structure.
    pub tag: Tag,
}

/// A glyph placed on a line.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    /// Glyph id.
    pub id: u16,
    /// Left edge, in points from the paper's left.
    pub x: f32,
    /// The glyph's own advance, in points.
    pub advance: f32,
    /// Which bytes of the run's text it stands for.
    pub text: Range<usize>,
}

/// A heading, for bookmarks.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    /// 1–4.
    pub level: u8,
    /// Label and text.
    pub text: String,
    /// Page index, from 0.
    pub page: usize,
    /// Top of its first line, in points from the paper's top.
    pub y: f32,
}

/// What the layout decided about the document's parts, for a backend that writes them as
/// structure (a DOCX's paragraphs, tables and styles) rather than drawing the pages: it sets each
/// part as decided here and measures nothing again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parts {
    /// The title's lines as broken (§7.3.3); none for an untitled 命令.
    pub title_lines: Vec<String>,
    /// The title is the outline's one entry: a speech without headings is navigated by it.
    pub title_outlined: bool,
    /// A speech's lines under its title as set: subtitle, speaker, the date (in （） where the
    /// template wants it).
    pub meta_lines: Vec<(Role, String)>,
    /// The 版头 of a 公文 (none for a speech).
    pub head: Option<Head>,
    /// Every table, in the order of the document (body, then 附件).
    pub tables: Vec<TableShape>,
    /// 附件说明 (§7.3.4): each name's paragraph, its first line's and its other lines' indents
    /// in cells.
    pub attachment_indents: Vec<(u32, u32)>,
    /// A 纪要's 出席/请假/列席 lists (§10.3): the indent, in cells, their names run on under.
    pub attendance_indents: Vec<u32>,
    /// The 署名 block line by line (§7.3.5).
    pub signature: Option<SignaturePlan>,
    /// The 附注 as set, in （） (§7.3.6).
    pub note: Option<String>,
    /// Each 附件's title lines (§7.3.7).
    pub annex_titles: Vec<Vec<String>>,
    /// The 版记's 抄送 as broken into lines (§7.4.2), the label on the first; none without one.
    pub cc_lines: Vec<String>,
    /// The structure part ([`Tag::block`]) of the 份号's runs on the first page (§7.2.1), for
    /// numbering copies.
    pub copy_number_block: Option<u32>,
    /// A 公文's draft mark, flush right on this grid line of page 1 (a speech's stands in
    /// [`Parts::meta_lines`]).
    pub draft_mark: Option<(String, u32)>,
}

/// The 版头 as laid out (§7.2).
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    /// The grid line the 发文字号 (its last line, with 签发人) stands on, from 0.
    pub doc_number_slot: u32,
    /// The grid line the title starts on.
    pub title_slot: u32,
    /// The 发文机关标志's size in points: the template's, or smaller so that the mark is no
    /// wider than the block (§7.2.4).
    pub mark_size: f32,
    /// What follows the issuers' names in the mark ("文件"); empty when there is no mark.
    pub mark_suffix: String,
    /// Joint issuers' mark (§7.2.4): the width of the column of names and of the suffix's
    /// column beside it (half a character's gap and the suffix), in points.
    pub joint_columns: Option<(f32, f32)>,
}

/// A table as the layout sets it, for the DOCX's table grid and row heights.
#[derive(Debug, Clone, PartialEq)]
pub struct TableShape {
    /// Column widths, in cells.
    pub columns: Vec<u32>,
    /// Grid lines each row takes, the header first.
    pub row_lines: Vec<usize>,
    /// How far the table stands in from the block's left edge, in cells (half a cell when its
    /// columns leave one free, so that its text falls on the grid).
    pub inset: f32,
}

/// The 署名 block line by line (§7.3.5), for backends that set it by lines.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SignaturePlan {
    /// Each line's texts with the cell (from the block's left) where each starts; empty: blank.
    pub lines: Vec<Vec<(String, u32)>>,
    /// The seal or 签名章 laid over the lines.
    pub image: Option<SignatureImage>,
}

/// A seal or 签名章 in a [`SignaturePlan`].
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureImage {
    /// The plan line it is placed from.
    pub line: usize,
    /// Left edge, in points from the block's left.
    pub x: f32,
    /// Top edge, in points below that line's top.
    pub dy: f32,
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// The image.
    pub png: crate::model::Png,
}

impl Layout {
    /// Each page's text lines, top to bottom (runs on one baseline joined), for tests and checks.
    pub fn page_lines(&self, page: usize) -> Vec<(f32, String)> {
        let mut lines: Vec<(f32, String)> = Vec::new();
        for run in &self.pages[page].runs {
            match lines.last_mut() {
                Some((b, s)) if (*b - run.baseline).abs() < 0.01 => s.push_str(&run.text),
                _ => lines.push((run.baseline, run.text.clone())),
            }
        }
        lines
    }
}
