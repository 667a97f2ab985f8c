//! Layout: decides every line and page. Produces [`Layout`], pages of positioned glyph runs that
//! a backend only has to draw.
//!
//! Vertically every line sits on the page grid (§5.2.3: 22 lines in the 225 mm block, the em box
//! centred in each line); horizontally grid text takes whole cells (156 mm / 28), see [`kinsoku`].

mod copies;
mod draft;
mod grid;
mod ir;
pub mod kinsoku;
mod notice;
mod paginate;
mod table;
pub use ir::*;
pub use table::TABLE_RULE_PT;
pub mod title;

use std::ops::Range;

use crate::fonts::{FontBook, GlyphInfo};
use crate::model::{Block, Document, Origin, Title};
use crate::template::{Geometry, Role, Template};

/// One character with its glyph.
#[derive(Debug, Clone)]
struct Atom {
    range: Range<usize>,
    glyph: GlyphInfo,
    size: f32,
    /// Advance in points.
    advance: f32,
}

/// A line before it is given a place on a page.
#[derive(Debug, Clone, Default)]
struct LaidLine {
    text: String,
    atoms: Vec<(Atom, f32)>,
    /// Size that decides the baseline within the grid line.
    size: f32,
    keep_with_next: bool,
    /// What the line is, for the page audit.
    mark: Option<LineMark>,
    /// A blank line the paginator may leave out to keep its group on the page: the space above
    /// a 署名 without a seal or above the 附件说明 ("调整行距", §7.3.5.1).
    squeezable: bool,
    /// The blank line is the 署名's (not the 附件说明's).
    signature_blank: bool,
    heading: Option<(u8, String)>,
    /// Starts a new page (附件, §7.3.7).
    break_before: bool,
    /// Goes no higher than this grid line of its page (the 版头 places the title).
    at_slot: Option<u32>,
    color: [u8; 3],
    /// An image placed with the line.
    image: Option<LineImage>,
    /// Rules drawn with the line (a table's borders).
    rules: Vec<LineRule>,
    /// A table's header lines, set again at the top of a page this line opens.
    repeat: Option<std::rc::Rc<Vec<LaidLine>>>,
    /// The structure parts its atoms belong to: each from its atom index on (none: an artifact).
    tags: Vec<(usize, Tag)>,
}

impl LaidLine {
    /// The same line, all of it in part `tag`.
    fn tagged(mut self, tag: Tag) -> LaidLine {
        self.tags = vec![(0, tag)];
        self
    }
}

/// An image placed with a line (a seal, a 签名章).
#[derive(Debug, Clone, PartialEq)]
struct LineImage {
    /// Left edge, in points from the paper's left.
    x: f32,
    /// Top edge, in points below the line's top.
    dy: f32,
    width: f32,
    height: f32,
    png: crate::model::Png,
    /// What it shows, in words.
    alt: String,
}

/// A rule belonging to a line, placed with it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum LineRule {
    /// Along the line's top.
    Top { x0: f32, x1: f32 },
    /// Along the line's bottom.
    Bottom { x0: f32, x1: f32 },
    /// Down the line's height at `x`.
    Vertical { x: f32 },
}

struct Ctx<'a> {
    t: &'a Template,
    g: Geometry,
    book: &'a FontBook,
    missing: Vec<(char, Origin)>,
    fallback: Vec<(char, Origin, crate::fonts::FaceId)>,
    spread_lines: usize,
    /// What is decided about the document's parts, as it is decided.
    parts: Parts,
    /// Text lines past which the document certainly needs more pages than the limit.
    line_budget: usize,
    /// Lines counted against the budget so far: (lines looked at, lines holding text).
    counted: (usize, usize),
    cut_short: bool,
    /// Structure parts numbered so far.
    blocks: u32,
}

/// Lay out a document.
pub fn layout(doc: &Document, t: &Template, book: &FontBook) -> Layout {
    layout_at_most(doc, t, book, usize::MAX)
}

/// Lay out a document, but stop once its text certainly needs more than `max_pages` pages: then
/// [`Layout::cut_short`] is set and the pages (more than `max_pages` of them) hold only part of
/// the text. A hostile source is refused without laying all of it out.
pub fn layout_at_most(doc: &Document, t: &Template, book: &FontBook, max_pages: usize) -> Layout {
    let g = t.geometry();
    let mut cx = ctx(t, book);
    // Every line holding text takes a grid line of its own.
    cx.line_budget = max_pages.saturating_mul(g.lines as usize);
    let mut lines: Vec<LaidLine> = Vec::new();
    let notice = doc.header.as_ref().zip(t.notice.as_ref());
    let mut head = notice::HeadItems::default();
    let mut head_end = 0;
    match notice {
        Some((header, spec)) => {
            head = match &spec.letter {
                Some(letter) => cx.letter_head(header, spec, letter, &mut lines),
                None => cx.notice_head(header, spec, &mut lines),
            };
            head_end = lines.len();
            cx.parts.head = Some(Head {
                doc_number_slot: head.doc_slot,
                title_slot: head.title_slot,
                mark_size: cx.mark_size(header, spec),
                mark_suffix: mark_suffix(header, spec),
                joint_columns: cx.joint_columns(header, spec),
            });
            let titled = title_lines(doc, t, book);
            let title = cx.part(TagKind::Title);
            for l in &titled {
                lines.push(cx.centred(Role::Title, l, Origin::default()).tagged(title));
            }
            if !titled.is_empty() {
                lines.extend((0..spec.recipients_lines_below_title).map(|_| LaidLine::default()));
            }
            cx.parts.title_lines = titled;
        }
        None => cx.speech_title_block(doc, &mut lines),
    }
    if let Some(s) = &doc.salutation {
        lines.extend(cx.grid_paragraph(&[(Role::Salutation, s)], 0, 0, Origin::default(), None));
    }
    cx.blocks(&doc.blocks, &mut lines);
    // The title (or, in a 命令, the text) starts on the line the 版头 leaves for it.
    if notice.is_some()
        && let Some(l) = lines.get_mut(head_end)
    {
        l.at_slot = Some(head.title_slot);
    }
    if let Some((_, spec)) = notice {
        cx.attachment_note(&doc.attachments, &mut lines);
        cx.attendance(&doc.attendance, &mut lines);
        if let Some(sig) = &doc.signature {
            cx.signature(sig, spec, &mut lines);
        }
        if let Some(n) = &doc.note {
            let n = note_text(n);
            lines.extend(cx.grid_paragraph(
                &[(Role::Body, &n)],
                t.paragraph.first_line_indent_chars,
                0,
                Origin::default(),
                None,
            ));
            cx.parts.note = Some(n);
        }
    }
    for annex in &doc.annexes {
        cx.annex(annex, &mut lines);
    }

    if let (Some(draft), Some((_, spec))) = (&doc.draft, notice) {
        // A letter's first lines hold its red rule and its 发文字号: the blank line under them.
        let slot = match spec.letter {
            Some(_) => head.title_slot.saturating_sub(spec.title_lines_below_rule),
            None => 0,
        };
        cx.draft_mark(&draft.text, slot, &mut head.runs);
    }
    let (mut pages, outline, used, squeezed) = cx.paginate(&lines);
    if let Some(p) = pages.first_mut() {
        p.runs.extend(head.runs);
        p.rules.extend(head.rules);
    }
    let mut unnumbered = Vec::new();
    let text_pages = pages.len();
    let mut imprint_gap_lines = 0;
    if let (Some(imprint), Some((_, spec))) = (&doc.imprint, notice) {
        let (blank, first_row) = cx.imprint(imprint, spec, &mut pages, used);
        unnumbered = blank;
        let above = if pages.len() == text_pages { used } else { 0 };
        imprint_gap_lines = first_row.saturating_sub(above) as usize;
    }
    let imprint_page_breaks = pages.len() - text_pages;
    // §10.1: a letter's first page has no page number.
    if notice.is_some_and(|(_, spec)| spec.letter.is_some()) {
        unnumbered.push(0);
    }
    let dash = cx.dash_middle(Role::PageNumber);
    for (i, p) in pages.iter_mut().enumerate() {
        if !unnumbered.contains(&i) {
            cx.page_number(p, i + 1, dash);
        }
    }
    if let Some(draft) = doc.draft.as_ref().filter(|d| d.watermark) {
        let watermark = cx.watermark(&draft.text);
        for p in &mut pages {
            p.watermark = Some(watermark.clone());
        }
    }
    Layout {
        geometry: g,
        pages,
        outline,
        meta: Meta {
            title: document_title(doc, cx.parts.head.as_ref()),
            // The 成文日期; a speech's date; a 纪要's 印发日期.
            date: doc
                .signature
                .as_ref()
                .map(|s| s.date.as_str())
                .or(doc.date.as_deref())
                .or(doc.imprint.as_ref().map(|i| i.printed.as_str()))
                .and_then(crate::dates::parse),
            author: doc
                .speaker
                .clone()
                .or_else(|| doc.header.as_ref().and_then(|h| h.issuers.first().cloned())),
            language: "zh-CN".into(),
        },
        missing: cx.missing,
        fallback: cx.fallback,
        spread_lines: cx.spread_lines,
        parts: cx.parts,
        cut_short: cx.cut_short,
        imprint_page_breaks,
        imprint_gap_lines,
        signature_lines_squeezed: squeezed.signature_lines,
        attachment_note_blank_squeezed: squeezed.attachment_note_blank,
        signature_carried: squeezed.signature_carried,
    }
}

/// The bookmark of a numbered item that is no heading (`heading: ""`, its words run in): its
/// label and its first words, up to the first pause or ~20 characters.
fn item_bookmark(label: &str, item: &str) -> String {
    const WORDS: usize = 20;
    let clause: String = item
        .chars()
        .take_while(|c| !matches!(c, '，' | '。' | '；' | '：' | '！' | '？'))
        .collect();
    match clause.chars().count() {
        n if n <= WORDS && clause.len() == item.len() => format!("{label}{item}"),
        n if n <= WORDS => format!("{label}{clause}……"),
        _ => format!(
            "{label}{}……",
            clause.chars().take(WORDS).collect::<String>()
        ),
    }
}

/// The title in the metadata: the document's, or for an untitled 命令 (§10.2) its mark and
/// number ("XX县人民政府令 第1号").
fn document_title(doc: &Document, head: Option<&Head>) -> String {
    let title = doc.title.text();
    let (Some(h), Some(head)) = (&doc.header, head) else {
        return title;
    };
    if !title.is_empty() {
        return title;
    }
    let mark = format!("{}{}", h.issuers.join("、"), head.mark_suffix);
    [mark.as_str(), h.doc_number.as_deref().unwrap_or_default()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

fn ctx<'a>(t: &'a Template, book: &'a FontBook) -> Ctx<'a> {
    Ctx {
        t,
        g: t.geometry(),
        book,
        missing: Vec::new(),
        fallback: Vec::new(),
        spread_lines: 0,
        parts: Parts::default(),
        line_budget: usize::MAX,
        counted: (0, 0),
        cut_short: false,
        blocks: 0,
    }
}

/// The title's lines: as the author gave them, or split to fit the block (§7.3.3); none for an
/// untitled 命令.
fn title_lines(doc: &Document, t: &Template, book: &FontBook) -> Vec<String> {
    if doc.title.text().is_empty() {
        return Vec::new();
    }
    match &doc.title {
        // The author's lines, each split again where it is wider than the block.
        Title::Lines(l) => l
            .iter()
            .flat_map(|line| split_title(line, t, book))
            .collect(),
        Title::Auto(s) => split_title(s, t, book),
    }
}

/// A title (the document's, an 附件's) in balanced lines that fit the block (§7.3.3).
fn split_title(text: &str, t: &Template, book: &FontBook) -> Vec<String> {
    title::split_title(text, t.geometry().width, |c| book.advance(Role::Title, c))
}

/// A speech's lines under its title: subtitle, speaker, and the date, "（2017年8月1日）" where the
/// template wants it in parentheses.
fn meta_lines(doc: &Document, t: &Template) -> Vec<(Role, String)> {
    let mut out = Vec::new();
    // A draft's mark first, under the title: "（征求意见稿）".
    out.extend(
        doc.draft
            .iter()
            .map(|d| (Role::Speaker, draft::speech_line(&d.text))),
    );
    out.extend(doc.subtitle.iter().map(|s| (Role::Subtitle, s.clone())));
    out.extend(doc.speaker.iter().map(|s| (Role::Speaker, s.clone())));
    if let Some(d) = &doc.date {
        let wrap = t.title_block.date_in_parentheses && !d.starts_with('（');
        out.push((
            Role::Speaker,
            if wrap {
                format!("（{d}）")
            } else {
                d.clone()
            },
        ));
    }
    out
}

/// A 附注 as set: in （） (§7.3.6).
fn note_text(note: &str) -> String {
    if note.starts_with('（') {
        note.to_string()
    } else {
        format!("（{note}）")
    }
}

/// What follows the issuers' names in the mark: the source's choice, or the template's.
fn mark_suffix(h: &crate::model::Header, spec: &crate::template::NoticeSpec) -> String {
    // No issuer, no mark: "文件" alone is no 发文机关标志 (a notice imported from a web page
    // without its mark printed just that).
    if h.issuers.is_empty() {
        return String::new();
    }
    h.mark_suffix
        .clone()
        .unwrap_or_else(|| spec.mark_suffix.clone())
}

impl Ctx<'_> {
    /// A speech's title block: title, subtitle/speaker/date, blank lines.
    fn speech_title_block(&mut self, doc: &Document, lines: &mut Vec<LaidLine>) {
        let t = self.t;
        let titled = title_lines(doc, t, self.book);
        let title = self.part(TagKind::Title);
        for l in &titled {
            lines.push(
                self.centred(Role::Title, l, Origin::default())
                    .tagged(title),
            );
        }
        // A speech without headings (its points in lead sentences, 第一，……) still has an
        // outline to navigate by: its title.
        let headings = doc
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Heading { .. }));
        let title_line = lines.len() - titled.len();
        if !headings && let Some(first) = lines.get_mut(title_line).filter(|_| !titled.is_empty()) {
            first.heading = Some((1, titled.concat()));
            self.parts.title_outlined = true;
        }
        let meta_lines = meta_lines(doc, t);
        if !meta_lines.is_empty() {
            lines.extend((0..t.title_block.lines_after_title).map(|_| LaidLine::default()));
            for (role, text) in &meta_lines {
                for part in title::split_title(text, self.g.width, |c| self.advance(*role, c)) {
                    lines.push(self.centred(*role, &part, Origin::default()));
                }
            }
        }
        self.parts.title_lines = titled;
        self.parts.meta_lines = meta_lines;
        lines.extend((0..t.title_block.lines_after_meta).map(|_| LaidLine::default()));
    }

    /// Headings and paragraphs.
    fn blocks(&mut self, blocks: &[Block], lines: &mut Vec<LaidLine>) {
        let t = self.t;
        for (i, block) in blocks.iter().enumerate() {
            if self.over_budget(lines) {
                return;
            }
            match block {
                Block::Heading {
                    level,
                    label,
                    text,
                    run_in,
                    origin,
                } => {
                    let role = Template::level_role(*level);
                    let full = format!("{label}{text}");
                    // A run-in heading opens a paragraph of body text: the heading in its
                    // level's font, the text after it in the body's.
                    let mut spans = vec![(role, full.as_str())];
                    if let Some(run_in) = run_in {
                        spans.push((Role::Body, run_in));
                    }
                    let indent = match run_in {
                        Some(_) => t.paragraph.first_line_indent_chars,
                        None => t.paragraph.heading_indent_chars,
                    };
                    let bookmark = match run_in {
                        Some(item) if text.is_empty() => item_bookmark(label, item),
                        _ => full.clone(),
                    };
                    let mut hl =
                        self.grid_paragraph(&spans, indent, 0, *origin, Some((*level, bookmark)));
                    // A heading never ends a page above its text; one that has no text of its
                    // own (a one-sentence item, the next block its sibling) keeps only its lines
                    // together, or a list of such items would go over as one block.
                    if run_in.is_none() {
                        let has_text = Block::heading_has_text(blocks, i);
                        let count = hl.len();
                        for (k, l) in hl.iter_mut().enumerate() {
                            l.keep_with_next = has_text || k + 1 < count;
                        }
                    }
                    lines.extend(hl);
                }
                Block::Table {
                    header,
                    rows,
                    origin,
                } => self.table(header, rows, *origin, lines),
                Block::Paragraph { lead, text, origin } => {
                    let mut spans: Vec<(Role, &str)> = Vec::new();
                    if let Some(l) = lead {
                        spans.push((Role::Lead, l));
                    }
                    spans.push((Role::Body, text));
                    lines.extend(self.grid_paragraph(
                        &spans,
                        t.paragraph.first_line_indent_chars,
                        0,
                        *origin,
                        None,
                    ));
                }
            }
        }
    }

    fn glyph(&mut self, role: Role, c: char, origin: Origin) -> GlyphInfo {
        match self.book.glyph(role, c) {
            Some(g) => {
                // A face further down the role's chain than its own: the fallback drew it.
                if self
                    .book
                    .chain(role)
                    .first()
                    .is_some_and(|&own| own != g.face)
                    && !self.fallback.iter().any(|f| f.0 == c && f.1 == origin)
                {
                    self.fallback.push((c, origin, g.face));
                }
                g
            }
            None => {
                self.report_missing(c, origin);
                self.book.notdef(role)
            }
        }
    }

    /// A character that will not print: reported once per block, never dropped unsaid.
    fn report_missing(&mut self, c: char, origin: Origin) {
        if !self.missing.iter().any(|&(m, o)| m == c && o == origin) {
            self.missing.push((c, origin));
        }
    }

    fn advance(&self, role: Role, c: char) -> f32 {
        self.book.advance(role, c)
    }

    fn atoms(&mut self, spans: &[(Role, &str)], origin: Origin) -> (String, Vec<Atom>) {
        let mut text = String::new();
        let mut atoms = Vec::new();
        for &(role, s) in spans {
            let size = self.book.size(role);
            for c in s.chars() {
                // A control character (a YAML escape like "\a") prints as nothing: left out,
                // and said so.
                if c.is_control() {
                    self.report_missing(c, origin);
                    continue;
                }
                let start = text.len();
                text.push(c);
                let glyph = self.glyph(role, c, origin);
                atoms.push(Atom {
                    range: start..text.len(),
                    glyph,
                    size,
                    advance: glyph.advance * size,
                });
            }
        }
        (text, atoms)
    }

    /// A centred line with natural advances (titles, speaker, date), a paragraph of its own.
    fn centred(&mut self, role: Role, s: &str, origin: Origin) -> LaidLine {
        let (text, atoms) = self.atoms(&[(role, s)], origin);
        let width: f32 = atoms.iter().map(|a| a.advance).sum();
        let placed = side_by_side(atoms, self.g.left + (self.g.width - width) / 2.0);
        LaidLine {
            text,
            atoms: placed,
            size: self.book.size(role),
            tags: vec![(0, self.part(TagKind::Paragraph))],
            ..Default::default()
        }
    }

    /// A new structure part, numbered after those before it in reading order.
    fn part(&mut self, kind: TagKind) -> Tag {
        self.blocks += 1;
        Tag {
            kind,
            block: self.blocks,
        }
    }

    /// Whether the lines so far hold more text lines than the page limit has room for; from
    /// then on [`Ctx::blocks`] lays out nothing more.
    fn over_budget(&mut self, lines: &[LaidLine]) -> bool {
        let (seen, text) = self.counted;
        let text = text
            + lines
                .get(seen..)
                .unwrap_or_default()
                .iter()
                .filter(|l| !l.atoms.is_empty())
                .count();
        self.counted = (lines.len(), text);
        self.cut_short |= text > self.line_budget;
        self.cut_short
    }
}

/// The part of a paragraph's `text` that a line's atoms show, with the atoms' ranges made
/// relative to it. Each line keeps only its own text: a copy of the whole paragraph per line made
/// a 1 MB paragraph take gigabytes.
fn own_text(text: &str, atoms: &mut [(Atom, f32)]) -> String {
    let from = atoms.iter().map(|(a, _)| a.range.start).min().unwrap_or(0);
    let to = atoms.iter().map(|(a, _)| a.range.end).max().unwrap_or(from);
    for (a, _) in atoms.iter_mut() {
        a.range = a.range.start - from..a.range.end - from;
    }
    text[from..to].to_string()
}

/// One line holding two lines' atoms (发文字号 and 签发人 share a line, §7.2.5; a table row's cells).
fn merge(mut a: LaidLine, b: LaidLine) -> LaidLine {
    let shift = a.text.len();
    let from = a.atoms.len();
    a.tags
        .extend(b.tags.into_iter().map(|(at, tag)| (at + from, tag)));
    a.text.push_str(&b.text);
    a.atoms.extend(b.atoms.into_iter().map(|(mut atom, x)| {
        atom.range = atom.range.start + shift..atom.range.end + shift;
        (atom, x)
    }));
    a.size = a.size.max(b.size);
    a
}

/// Atoms set at their natural advances from `x` (lines off the character grid).
fn side_by_side(atoms: Vec<Atom>, mut x: f32) -> Vec<(Atom, f32)> {
    atoms
        .into_iter()
        .map(|a| {
            let at = x;
            x += a.advance;
            (a, at)
        })
        .collect()
}

/// A line's text and atoms as runs go on a page: where they stand, their colour, their parts.
struct RunLine<'a> {
    text: &'a str,
    atoms: &'a [(Atom, f32)],
    baseline: f32,
    color: [u8; 3],
    /// Each part from its atom index on; before the first, and with none, an artifact.
    tags: &'a [(usize, Tag)],
}

/// The part atom `i` belongs to.
fn tag_at(tags: &[(usize, Tag)], i: usize) -> Tag {
    tags.iter()
        .rev()
        .find(|(from, _)| *from <= i)
        .map(|(_, tag)| *tag)
        .unwrap_or_default()
}

/// Append a line's atoms to a page as runs of one face, size and part.
fn push_runs(page: &mut Page, line: RunLine) {
    let RunLine {
        text,
        atoms,
        baseline,
        color,
        tags,
    } = line;
    let mut i = 0;
    while i < atoms.len() {
        let (first, _) = &atoms[i];
        let tag = tag_at(tags, i);
        let mut j = i + 1;
        while j < atoms.len()
            && atoms[j].0.glyph.face == first.glyph.face
            && atoms[j].0.size == first.size
            && atoms[j].0.range.start == atoms[j - 1].0.range.end
            && tag_at(tags, j) == tag
        {
            j += 1;
        }
        let start = first.range.start;
        let end = atoms[j - 1].0.range.end;
        page.runs.push(TextRun {
            face: first.glyph.face,
            size: first.size,
            baseline,
            text: text[start..end].to_string(),
            color,
            tag,
            glyphs: atoms[i..j]
                .iter()
                .map(|(a, x)| PlacedGlyph {
                    id: a.glyph.glyph,
                    x: *x,
                    advance: a.advance,
                    text: a.range.start - start..a.range.end - start,
                })
                .collect(),
        });
        i = j;
    }
}
