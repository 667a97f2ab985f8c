//! The DOCX's style sheet: style ids, the font each role names, and the styles (Normal, body,
//! title, headings with their outline levels, table text, lead sentences, footer) set on the
//! layout's grid: indents in whole cells, off-grid styles on exact grid lines.

use docx_rs::{
    AlignmentType, Docx, LineSpacing, LineSpacingType, RunFonts, SpecialIndentType, Style,
    StyleType,
};

use crate::fonts::FontBook;
use crate::template::{Role, Template};
use crate::units::TWIPS_PER_PT;

/// Style ids (Word's built-in ids where Word has the style, so its navigation pane and
/// localised names work).
pub mod style_id {
    /// 正文 (Word's Normal).
    pub const NORMAL: &str = "Normal";
    /// Body paragraphs: Normal plus the first-line indent.
    pub const BODY: &str = "GongwenBody";
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

pub(super) fn fonts(f: &WordFont) -> RunFonts {
    RunFonts::new()
        .ascii(&f.name)
        .hi_ansi(&f.name)
        .east_asia(&f.name)
        .cs(&f.name)
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

/// The style sheet, in a new document that names its template (a document property Word shows
/// only under File > Properties, for `gongwen import` to read back).
pub(super) fn style_sheet(t: &Template, book: &FontBook) -> Docx {
    let g = t.geometry();
    let body = word_font(t, book, Role::Body);
    let pitch = (g.pitch * TWIPS_PER_PT).floor() as usize;
    // A first-line indent of whole grid cells, so the characters after it stay on the grid
    // (LibreOffice reads twips; Word reads firstLineChars, added by `fix`). Whole twips a
    // cell: LibreOffice rounds an indent a fraction over n cells up to n + 1.
    let indent = |chars: u32| cells(&g, chars);

    let style = |id: &str, name: &str, role: Role| {
        let f = word_font(t, book, role);
        let mut s = Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on(style_id::NORMAL)
            .next(style_id::BODY)
            .fonts(fonts(&f))
            .size(f.half_points);
        if f.bold {
            s = s.bold();
        }
        s.q_format(true)
    };
    // Our styles replace docx-rs's defaults (it adds an empty Normal of its own).
    let mut styles = docx_rs::Styles::new()
        .default_fonts(fonts(&body))
        .default_size(body.half_points);
    styles.styles.clear();
    // The template's name, for `gongwen import` to read back (a document property Word shows
    // only under File > Properties).
    let mut docx = Docx::new()
        .custom_property("gongwen.template", t.name.as_str())
        .styles(styles)
        .add_style(
            Style::new(style_id::NORMAL, StyleType::Paragraph)
                .name("Normal")
                .fonts(fonts(&body))
                .size(body.half_points)
                .align(AlignmentType::Both)
                .q_format(true),
        )
        .add_style(
            Style::new(style_id::BODY, StyleType::Paragraph)
                .name("公文正文")
                .based_on(style_id::NORMAL)
                .next(style_id::BODY)
                .indent(
                    None,
                    Some(SpecialIndentType::FirstLine(indent(
                        t.paragraph.first_line_indent_chars,
                    ))),
                    None,
                    None,
                )
                .q_format(true),
        )
        // The title is bigger than a grid cell: off the character grid (or each character would
        // take two cells), on exactly one grid line.
        .add_style(
            style(style_id::TITLE, "Title", Role::Title)
                .align(AlignmentType::Center)
                .next(style_id::SUBTITLE)
                .snap_to_grid(false)
                .line_spacing(
                    LineSpacing::new()
                        .line(pitch as i32)
                        .line_rule(LineSpacingType::Exact),
                ),
        )
        .add_style(
            style(style_id::SUBTITLE, "Subtitle", Role::Speaker)
                .align(AlignmentType::Center)
                .next(style_id::NORMAL),
        )
        .add_style(style(style_id::SALUTATION, "Salutation", Role::Salutation));
    for level in 1..=4u8 {
        let id = style_id::HEADINGS[usize::from(level) - 1];
        docx = docx.add_style(
            style(id, &format!("heading {level}"), Role::Level(level))
                .outline_lvl(usize::from(level) - 1)
                .indent(
                    None,
                    Some(SpecialIndentType::FirstLine(indent(
                        t.paragraph.heading_indent_chars,
                    ))),
                    None,
                    None,
                ),
        );
        let f = word_font(t, book, Role::Level(level));
        let mut run_in = Style::new(
            style_id::RUN_IN_HEADINGS[usize::from(level) - 1],
            StyleType::Character,
        )
        .name(format!("接排标题 {level}"))
        .fonts(fonts(&f));
        if f.bold {
            run_in = run_in.bold();
        }
        docx = docx.add_style(run_in);
    }
    // A cell's text is set from half a cell inside its column, as the layout sets it, one grid
    // line a line; off the character grid, which would move it to the next whole cell.
    docx = docx
        .add_style(Style::new(style_id::TABLE, StyleType::Table).name("公文表格"))
        .add_style(
            Style::new(style_id::TABLE_TEXT, StyleType::Paragraph)
                .name("表格文字")
                .based_on(style_id::NORMAL)
                .snap_to_grid(false)
                .line_spacing(
                    LineSpacing::new()
                        .line(pitch as i32)
                        .line_rule(LineSpacingType::Exact),
                ),
        );
    let lead = word_font(t, book, Role::Lead);
    let mut lead_style = Style::new(style_id::LEAD, StyleType::Character)
        .name("导语句")
        .fonts(fonts(&lead))
        .size(lead.half_points);
    if lead.bold {
        lead_style = lead_style.bold();
    }
    docx = docx.add_style(lead_style);
    let pn = word_font(t, book, Role::PageNumber);
    docx = docx.add_style(
        Style::new(style_id::FOOTER, StyleType::Paragraph)
            .name("footer")
            .based_on(style_id::NORMAL)
            .fonts(fonts(&pn))
            .size(pn.half_points)
            .snap_to_grid(false),
    );
    docx
}
