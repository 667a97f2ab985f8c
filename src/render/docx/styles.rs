//! The DOCX's style sheet: style ids, the font each role names, and the styles (Normal, body,
//! title, headings with their outline levels, table text, lead sentences, footer) set on the
//! layout's grid: indents in whole cells, off-grid styles on exact grid lines.

use super::wml::{Align, FirstLine, Indent, RunProps, Spacing, Style, StyleKind};
use crate::error::Error;
use crate::fonts::FontBook;
use crate::render::xml::Xml;
use crate::template::{Role, Template};
use crate::units::TWIPS_PER_PT;

/// Style ids (Word's built-in ids where Word has the style, so its navigation pane and
/// localised names work).
pub mod style_id {
    /// 正文 (Word's Normal).
    pub const NORMAL: &str = "Normal";
    /// Body paragraphs: Normal plus the first-line indent.
    pub const BODY: &str = "GongwenBody";
    /// The last line of a body paragraph that the layout set on the next page, with the 署名:
    /// the body without its indent. The importer joins it to the paragraph before.
    pub const BODY_CONTINUED: &str = "GongwenBodyContinued";
    /// 标题.
    pub const TITLE: &str = "Title";
    /// Subtitle, speaker and date lines.
    pub const SUBTITLE: &str = "Subtitle";
    /// 称谓.
    pub const SALUTATION: &str = "Salutation";
    /// Lead sentences (a character style).
    pub const LEAD: &str = "GongwenLead";
    /// Page numbers.
    pub const FOOTER: &str = "Footer";
    /// Heading ids by level.
    pub const HEADINGS: [&str; 4] = ["Heading1", "Heading2", "Heading3", "Heading4"];
    /// Run-in headings by level (character styles: the heading opens a body paragraph).
    pub const RUN_IN_HEADINGS: [&str; 4] = [
        "GongwenRunIn1",
        "GongwenRunIn2",
        "GongwenRunIn3",
        "GongwenRunIn4",
    ];
    /// Tables of the body and of 附件.
    pub const TABLE: &str = "GongwenTable";
    /// The text in a table's cells.
    pub const TABLE_TEXT: &str = "GongwenTableText";
}

/// A role's font as Word should ask for it.
#[derive(Debug, Clone, PartialEq)]
pub struct WordFont {
    /// The family name (what the layout used, so both outputs match).
    pub name: String,
    /// Bold face of the family.
    pub bold: bool,
    /// Another name from the template, for machines without this one (`w:altName`).
    pub alt: Option<String>,
    /// Half-points.
    pub half_points: usize,
}

/// The font of a role as Word should ask for it: the role's standard family, the template's
/// first (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312 — what an office PC has), with the face the
/// layout used as the fallback name; or, with `FontOptions::docx_faces`, the face the layout used
/// with the standard family as the fallback.
pub fn word_font(t: &Template, book: &FontBook, role: Role) -> WordFont {
    let face = book.primary(role);
    let half_points = (book.size(role) * 2.0).round() as usize;
    let families = &t.roles.get(role).unwrap_or(&t.roles.body).families;
    let norm = |s: &str| s.to_lowercase().replace([' ', '-', '_'], "");
    let standard = families.first().cloned();
    match standard {
        Some(standard) if !book.docx_faces && norm(&standard) != norm(&face.declared_family) => {
            WordFont {
                name: standard,
                // The standard face is the weight the role wants; a bold stand-in's weight
                // comes from the font the name finds.
                bold: false,
                alt: Some(face.declared_family.clone()),
                half_points,
            }
        }
        _ => WordFont {
            name: face.declared_family.clone(),
            bold: face.bold,
            alt: families
                .iter()
                .find(|f| norm(f) != norm(&face.declared_family) && norm(f) != norm(&face.family))
                .cloned(),
            half_points,
        },
    }
}

/// `n` grid cells in whole twips: n × 315 for the 15.79 pt cell. Indents and tab stops are
/// whole multiples of a whole-twip cell, because LibreOffice counts an indent a fraction of a
/// twip over n cells as n + 1 cells on the character grid.
pub fn cells(g: &crate::template::Geometry, n: u32) -> i32 {
    n as i32 * (g.cell * TWIPS_PER_PT).floor() as i32
}

pub(super) fn twips(pt: f32) -> i32 {
    (pt * TWIPS_PER_PT).round() as i32
}

/// The run properties that set a role's font (family, weight, size).
pub(super) fn run_font(f: &WordFont) -> RunProps {
    RunProps {
        font: Some(f.name.clone()),
        bold: f.bold,
        half_points: Some(f.half_points),
        ..RunProps::default()
    }
}

/// The run properties that set a role's family and weight only (character styles).
pub(super) fn run_family(f: &WordFont) -> RunProps {
    RunProps {
        half_points: None,
        ..run_font(f)
    }
}

/// The body's characters are 16 pt, the grid's cells 15.79 pt (§5.2.3). Word squeezes each
/// character into its cell; LibreOffice gives a character wider than a cell two cells. A
/// character spacing of the difference (rounded down to Word's twentieths of a point; none if
/// the cell is wider) and a width scale that brings the glyph under the cell (98 %) make both
/// put one character in each cell: (spacing, per cent).
pub(super) fn grid_fit(t: &Template, book: &FontBook) -> (Option<i32>, u32) {
    let g = t.geometry();
    let body = book.size(Role::Body);
    let spacing = ((g.cell - body) * TWIPS_PER_PT).floor() as i32;
    let scale = (100.0 * g.cell / body).floor().min(100.0) as u32;
    (Some(spacing).filter(|&s| s <= 0), scale)
}

/// Run properties for a style off the grid (title, footer, 版记): its characters at their own
/// width, undoing Normal's grid fit.
pub(super) fn own_width(run: RunProps) -> RunProps {
    RunProps {
        spacing: Some(0),
        scale: Some(100),
        ..run
    }
}

/// A paragraph style based on Normal, in a role's font, followed by body text.
fn role_style(t: &Template, book: &FontBook, id: &str, name: &str, role: Role) -> Style {
    let mut s = Style::new(id, StyleKind::Paragraph, name);
    s.based_on = Some(style_id::NORMAL.into());
    s.next = Some(style_id::BODY.into());
    s.run = run_font(&word_font(t, book, role));
    s
}

/// A first-line indent of whole grid cells, so the characters after it stay on the grid
/// (LibreOffice reads the twips, Word the characters).
fn first_line(g: &crate::template::Geometry, chars: u32) -> Indent {
    Indent {
        first_line: Some(FirstLine::Indent {
            twips: cells(g, chars),
            chars: Some(chars * 100),
        }),
        ..Indent::default()
    }
}

/// The style sheet: Normal (the default, on the grid), body, title, subtitle, salutation,
/// headings with their outline levels and run-in forms, tables, lead sentences and the footer.
pub(super) fn style_sheet(t: &Template, book: &FontBook) -> Vec<Style> {
    let g = t.geometry();
    let body = word_font(t, book, Role::Body);
    let pitch = (g.pitch * TWIPS_PER_PT).floor() as i32;
    let (grid_spacing, grid_scale) = grid_fit(t, book);
    let mut styles = Vec::new();

    let mut normal = Style::new(style_id::NORMAL, StyleKind::Paragraph, "Normal");
    normal.default = true;
    // Word's widow control would move single lines to the next page; the GB/T 9704 grid fills
    // every page (the layout keeps only headings with the line after them).
    normal.para.widow_control = Some(false);
    normal.para.align = Some(Align::Both);
    normal.run = RunProps {
        spacing: grid_spacing,
        scale: Some(grid_scale),
        ..run_font(&body)
    };
    styles.push(normal);

    let mut text = Style::new(style_id::BODY, StyleKind::Paragraph, "公文正文");
    text.based_on = Some(style_id::NORMAL.into());
    text.next = Some(style_id::BODY.into());
    text.para.indent = Some(first_line(&g, t.paragraph.first_line_indent_chars));
    styles.push(text);

    let mut continued = Style::new(
        style_id::BODY_CONTINUED,
        StyleKind::Paragraph,
        "公文正文（续）",
    );
    continued.based_on = Some(style_id::BODY.into());
    continued.next = Some(style_id::BODY.into());
    continued.para.indent = Some(first_line(&g, 0));
    styles.push(continued);

    // The title is bigger than a grid cell: off the character grid (or each character would
    // take two cells), on exactly one grid line.
    let mut title = role_style(t, book, style_id::TITLE, "Title", Role::Title);
    title.next = Some(style_id::SUBTITLE.into());
    title.para.snap_to_grid = Some(false);
    title.para.spacing = Some(Spacing::exact(pitch));
    title.para.align = Some(Align::Center);
    // Each line is its own paragraph, broken where the layout broke it. A cell's slack on either
    // side (centred, so nothing moves) keeps a word processor whose Latin runs come out a little
    // wider (LibreOffice's space between a digit and an ideograph, a substitute font's digits)
    // from wrapping a line the layout filled.
    let slack = -cells(&g, 1);
    title.para.indent = Some(Indent {
        left: slack,
        right: slack,
        first_line: None,
    });
    title.run = own_width(title.run);
    styles.push(title);

    let mut subtitle = role_style(t, book, style_id::SUBTITLE, "Subtitle", Role::Speaker);
    subtitle.next = Some(style_id::NORMAL.into());
    subtitle.para.align = Some(Align::Center);
    styles.push(subtitle);
    styles.push(role_style(
        t,
        book,
        style_id::SALUTATION,
        "Salutation",
        Role::Salutation,
    ));

    for level in 1..=4u8 {
        let index = usize::from(level) - 1;
        let role = Role::Level(level);
        let name = format!("heading {level}");
        let mut heading = role_style(t, book, style_id::HEADINGS[index], &name, role);
        heading.para.indent = Some(first_line(&g, t.paragraph.heading_indent_chars));
        heading.para.outline_level = Some(level - 1);
        styles.push(heading);
        let name = format!("接排标题 {level}");
        let mut run_in = Style::new(
            style_id::RUN_IN_HEADINGS[index],
            StyleKind::Character,
            &name,
        );
        run_in.run = run_family(&word_font(t, book, role));
        styles.push(run_in);
    }

    // A cell's text is set from half a cell inside its column, as the layout sets it, one grid
    // line a line; off the character grid, which would move it to the next whole cell.
    styles.push(Style::new(style_id::TABLE, StyleKind::Table, "公文表格"));
    let mut cell_text = Style::new(style_id::TABLE_TEXT, StyleKind::Paragraph, "表格文字");
    cell_text.based_on = Some(style_id::NORMAL.into());
    cell_text.para.snap_to_grid = Some(false);
    cell_text.para.spacing = Some(Spacing::exact(pitch));
    // A twentieth of a point under the cell, so that text as wide as its column's room never
    // wraps in LibreOffice, whose cell margins are whole twips.
    cell_text.run.spacing = grid_spacing.map(|s| s - 1);
    cell_text.run.scale = Some(100);
    styles.push(cell_text);

    let mut lead = Style::new(style_id::LEAD, StyleKind::Character, "导语句");
    lead.run = run_font(&word_font(t, book, Role::Lead));
    styles.push(lead);

    let mut footer = Style::new(style_id::FOOTER, StyleKind::Paragraph, "footer");
    footer.based_on = Some(style_id::NORMAL.into());
    footer.para.snap_to_grid = Some(false);
    footer.run = own_width(run_font(&word_font(t, book, Role::PageNumber)));
    styles.push(footer);
    styles
}

/// `word/styles.xml`: the defaults (the body's font, Simplified Chinese for East Asian text, so
/// Word and LibreOffice apply Chinese line breaking and punctuation) and the styles.
pub(super) fn styles_xml(
    t: &Template,
    book: &FontBook,
    styles: &[Style],
) -> Result<Vec<u8>, Error> {
    let mut xml = Xml::new();
    xml.element("w:styles", &[("xmlns:w", super::package::W_NS)], |x| {
        x.element("w:docDefaults", &[], |x| {
            x.element("w:rPrDefault", &[], |x| {
                let defaults = run_font(&word_font(t, book, Role::Body));
                super::wml::write_run_defaults(x, &defaults, "zh-CN");
            });
        });
        for s in styles {
            s.write(x);
        }
    });
    xml.finish()
}
