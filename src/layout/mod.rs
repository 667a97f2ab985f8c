//! Layout: decides every line and page. Produces [`Layout`], pages of positioned glyph runs that
//! a backend only has to draw.
//!
//! Vertically every line sits on the page grid (§5.2.3: 22 lines in the 225 mm block, the em box
//! centred in each line); horizontally grid text takes whole cells (156 mm / 28), see [`kinsoku`].

mod ir;
pub mod kinsoku;
mod notice;
mod table;
pub use ir::*;
pub use table::TABLE_RULE_PT;
pub mod title;

use std::ops::Range;

use crate::fonts::{FontBook, GlyphInfo};
use crate::model::{Block, Document, Origin, Title};
use crate::template::{Geometry, Kinsoku, Role, Template};
use crate::units::{EM_BOX_ASCENT, mm};
use kinsoku::{Unit, no_end, no_start};

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

/// The blank lines the paginator closed up to keep a group on its page.
#[derive(Debug, Default)]
struct Squeezed {
    /// Above the 署名.
    signature_lines: usize,
    /// The one above the 附件说明.
    attachment_note_blank: bool,
}

/// A text cut into grid units.
struct GridText {
    text: String,
    atoms: Vec<Atom>,
    units: Vec<Unit>,
    unit_atoms: Vec<Range<usize>>,
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
            for l in &titled {
                lines.push(cx.centred(Role::Title, l, Origin::default()));
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
    Layout {
        geometry: g,
        pages,
        outline,
        meta: Meta {
            title: doc.title.text(),
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
    }
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

/// Whether a glyph is set full width (one grid cell): CJK fonts give ideographs and full-width
/// marks (including “” — … · in Chinese fonts) a whole em.
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
    /// A speech's title block: title, subtitle/speaker/date, blank lines.
    fn speech_title_block(&mut self, doc: &Document, lines: &mut Vec<LaidLine>) {
        let t = self.t;
        let titled = title_lines(doc, t, self.book);
        for l in &titled {
            lines.push(self.centred(Role::Title, l, Origin::default()));
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
                    let mut hl = self.grid_paragraph(
                        &spans,
                        indent,
                        0,
                        *origin,
                        Some((*level, full.clone())),
                    );
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

    /// A centred line with natural advances (titles, speaker, date).
    fn centred(&mut self, role: Role, s: &str, origin: Origin) -> LaidLine {
        let (text, atoms) = self.atoms(&[(role, s)], origin);
        let width: f32 = atoms.iter().map(|a| a.advance).sum();
        let placed = side_by_side(atoms, self.g.left + (self.g.width - width) / 2.0);
        LaidLine {
            text,
            atoms: placed,
            size: self.book.size(role),
            ..Default::default()
        }
    }

    /// The units of a text set on the grid (see [`kinsoku`]): its text, its atoms, the units and
    /// which atoms each unit holds. `max_cells` bounds a Latin run (longer ones are split).
    fn grid_units(&mut self, spans: &[(Role, &str)], origin: Origin, max_cells: u32) -> GridText {
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

    /// Atoms of units `range` placed at `x` (cells from the block's left edge, one per unit).
    fn place_units(&self, g: &GridText, range: Range<usize>, x: &[f32]) -> Vec<(Atom, f32)> {
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
    fn grid_line(&mut self, spans: &[(Role, &str)], start: u32) -> LaidLine {
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
            ..Default::default()
        }
    }

    /// Cells a text takes on the grid.
    fn grid_cells(&mut self, spans: &[(Role, &str)]) -> u32 {
        self.grid_units(spans, Origin::default(), self.g.chars)
            .units
            .iter()
            .map(|u| u.cells)
            .sum()
    }

    /// A paragraph on the character grid: the first line indented `indent` cells, the others
    /// `rest_indent`.
    fn grid_paragraph(
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
                ..Default::default()
            });
        }
        out
    }

    /// The baseline of grid line `slot`: the em box centred in the line.
    fn baseline(&self, slot: u32, size: f32) -> f32 {
        self.g.top + slot as f32 * self.g.pitch + (self.g.pitch - size) / 2.0 + EM_BOX_ASCENT * size
    }

    /// Places the lines on pages, one grid line each. Returns the pages, the outline and how many
    /// grid lines the last page uses.
    fn paginate(&self, lines: &[LaidLine]) -> (Vec<Page>, Vec<OutlineEntry>, u32, Squeezed) {
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
    fn place(&self, pages: &mut [Page], slot: u32, line: &LaidLine) {
        let Some(page) = pages.last_mut() else { return };
        let top = self.g.top + slot as f32 * self.g.pitch;
        if let Some(im) = &line.image {
            page.images.push(PlacedImage {
                x: im.x,
                y: top + im.dy,
                width: im.width,
                height: im.height,
                png: im.png.clone(),
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
        push_runs(page, &line.text, &line.atoms, baseline, line.color);
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
    fn page_number(&mut self, page: &mut Page, n: usize, dash: f32) {
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
        push_runs(page, &text, &side_by_side(atoms, x), baseline, BLACK);
    }

    /// Height of the em dash's stroke above the baseline, in ems (from the glyph's outline).
    fn dash_middle(&self, role: Role) -> f32 {
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

/// Append a line's atoms to a page as runs of one face and size.
fn push_runs(page: &mut Page, text: &str, atoms: &[(Atom, f32)], baseline: f32, color: [u8; 3]) {
    let mut i = 0;
    while i < atoms.len() {
        let (first, _) = &atoms[i];
        let mut j = i + 1;
        while j < atoms.len()
            && atoms[j].0.glyph.face == first.glyph.face
            && atoms[j].0.size == first.size
            && atoms[j].0.range.start == atoms[j - 1].0.range.end
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
