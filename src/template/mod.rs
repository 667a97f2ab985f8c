//! Templates: page geometry, grid, fonts and 字号 of every role, numbering, page numbers.
//! Data, not code: the built-in ones are `templates/*.yaml`, compiled in.

use serde::Deserialize;

use crate::error::{Error, SourceError};
use crate::units::{mm, zihao};

/// The built-in 讲话稿 template.
pub const SPEECH: &str = include_str!("../../templates/speech.yaml");
/// The built-in 文件格式 template (notices, requests, reports).
pub const NOTICE: &str = include_str!("../../templates/notice.yaml");

/// The built-in 纪要格式 template.
pub const MINUTES: &str = include_str!("../../templates/minutes.yaml");

/// The built-in 命令（令）格式 template.
pub const ORDER: &str = include_str!("../../templates/order.yaml");

/// The built-in 信函格式 template.
pub const LETTER: &str = include_str!("../../templates/letter.yaml");

/// The built-in templates by name.
pub const BUILTIN: [(&str, &str); 5] = [
    ("speech", SPEECH),
    ("notice", NOTICE),
    ("minutes", MINUTES),
    ("order", ORDER),
    ("letter", LETTER),
];

/// A template, as read from YAML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Its name.
    pub name: String,
    /// Paper and text block.
    pub page: PageSpec,
    /// Lines per page and characters per line.
    pub grid: GridSpec,
    /// Fonts and sizes by role.
    pub roles: Roles,
    /// Label patterns for levels 1–4.
    pub numbering: Vec<String>,
    /// Paragraph settings.
    pub paragraph: ParagraphSpec,
    /// The speech title block.
    pub title_block: TitleBlockSpec,
    /// Page numbers.
    pub page_number: PageNumberSpec,
    /// The 版头, signature and 版记 of the 文件格式 (absent in a speech template).
    #[serde(default)]
    pub notice: Option<NoticeSpec>,
}

/// Numbers of the 文件格式 (GB/T 9704-2012 §7.2–§7.4).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeSpec {
    /// §7.2.4: the mark's top edge below the block's top.
    pub mark_top_below_block_mm: f32,
    /// §7.2.4: the mark's colour, RGB.
    pub mark_color: [u8; 3],
    /// What follows the organ's name in the mark: "文件" (§7.2.4), "纪要" (§10.3).
    pub mark_suffix: String,
    /// §7.2.5: blank lines between the mark and the 发文字号.
    pub doc_number_lines_below_mark: u32,
    /// §7.2.6: the separator's distance below the 发文字号.
    pub rule_below_doc_number_mm: f32,
    /// §7.2.6: the separator's thickness.
    pub rule_thickness_mm: f32,
    /// §7.3.1: blank lines between the separator and the title.
    pub title_lines_below_rule: u32,
    /// §7.3.2: blank lines between the title and the 主送机关.
    pub recipients_lines_below_title: u32,
    /// §7.3.5.2: without a seal, the organ's distance from the right, in 字.
    pub signature_right_chars: u32,
    /// §7.3.5.2: the date starts this many 字 right of the organ's start.
    pub date_shift_chars: u32,
    /// §7.3.5.1: with a seal, the date's distance from the right, in 字.
    pub seal_date_right_chars: u32,
    /// The seal's diameter (practice: organs' seals are 42 mm; the standard leaves it open).
    pub seal_diameter_mm: f32,
    /// A 签名章's height (practice; §7.3.5.3 leaves it open); its width follows the image.
    pub stamp_height_mm: f32,
    /// §7.3.5.3: the 签名章's and the date's distance from the right, in 字.
    pub stamp_right_chars: u32,
    /// §7.3.5.3: the gap between the 职务 and the 签名章, in 字.
    pub stamp_title_gap_chars: u32,
    /// §7.4.1: 版记 items' distance from each side, in 字.
    pub imprint_indent_chars: u32,
    /// §7.4.1: the first and last 版记 rules.
    pub imprint_outer_rule_mm: f32,
    /// §7.4.1: the middle 版记 rules.
    pub imprint_inner_rule_mm: f32,
    /// The 信函格式's own numbers (§10.1), when this is a letter template.
    #[serde(default)]
    pub letter: Option<LetterSpec>,
}

/// 信函格式 (GB/T 9704-2012 §10.1).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LetterSpec {
    /// The mark's top edge below the paper's top edge (30 mm).
    pub mark_top_from_paper_mm: f32,
    /// The red double rules' length, centred (170 mm).
    pub rule_length_mm: f32,
    /// The upper double rule below the mark (4 mm).
    pub rule_below_mark_mm: f32,
    /// The lower double rule above the paper's bottom edge (20 mm).
    pub bottom_rule_from_paper_mm: f32,
    /// The thick line of a double rule.
    pub thick_rule_mm: f32,
    /// The thin line of a double rule.
    pub thin_rule_mm: f32,
    /// The gap between the two lines.
    pub rule_gap_mm: f32,
}

/// Paper and text block, in millimetres.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageSpec {
    /// Paper width.
    pub paper_width_mm: f32,
    /// Paper height.
    pub paper_height_mm: f32,
    /// 天头.
    pub margin_top_mm: f32,
    /// 订口.
    pub margin_left_mm: f32,
    /// 版心 width.
    pub block_width_mm: f32,
    /// 版心 height.
    pub block_height_mm: f32,
}

/// The character grid.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GridSpec {
    /// Lines a page.
    pub lines: u32,
    /// Characters a line.
    pub chars: u32,
}

/// A role's fonts and size.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleSpec {
    /// Family names, most wanted first.
    pub families: Vec<String>,
    /// 字号: a name ("三号") or points.
    pub size: Size,
}

/// A font size: a 字号 name or a number of points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size(pub f32);

impl<'de> Deserialize<'de> for Size {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Points(f32),
            Name(String),
        }
        match Raw::deserialize(d)? {
            Raw::Points(p) if p > 0.0 && p < 500.0 => Ok(Size(p)),
            Raw::Points(p) => Err(serde::de::Error::custom(format!("{p} pt is not a usable font size"))),
            Raw::Name(n) => zihao(n.trim()).map(Size).ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "`{n}` is not a 字号; use one of 初号 小初 一号 小一 二号 小二 三号 小三 四号 小四 五号 小五 六号 小六 七号 八号, or a number of points"
                ))
            }),
        }
    }
}

/// Every role the layout sets text in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roles {
    /// 标题.
    pub title: RoleSpec,
    /// 副标题.
    pub subtitle: RoleSpec,
    /// Speaker and date.
    pub speaker: RoleSpec,
    /// 称谓 ("同志们：").
    pub salutation: RoleSpec,
    /// 正文.
    pub body: RoleSpec,
    /// 一、
    pub level1: RoleSpec,
    /// （一）
    pub level2: RoleSpec,
    /// 1.
    pub level3: RoleSpec,
    /// （1）
    pub level4: RoleSpec,
    /// Lead sentences.
    pub lead: RoleSpec,
    /// 页码.
    pub page_number: RoleSpec,
    /// Per-glyph fallback.
    pub fallback: RoleSpec,
    /// 发文机关标志 (文件格式).
    #[serde(default)]
    pub mark: Option<RoleSpec>,
    /// 份号, 发文字号, 签发人 label.
    #[serde(default)]
    pub header_field: Option<RoleSpec>,
    /// 密级, 紧急程度, the 附件 label.
    #[serde(default)]
    pub header_emphasis: Option<RoleSpec>,
    /// 签发人 names.
    #[serde(default)]
    pub signer_name: Option<RoleSpec>,
    /// 版记.
    #[serde(default)]
    pub imprint: Option<RoleSpec>,
}

/// A role, as a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// 标题.
    Title,
    /// 副标题.
    Subtitle,
    /// Speaker and date.
    Speaker,
    /// 称谓.
    Salutation,
    /// 正文.
    Body,
    /// Heading level 1–4.
    Level(u8),
    /// Lead sentence.
    Lead,
    /// 页码.
    PageNumber,
    /// Per-glyph fallback.
    Fallback,
    /// 发文机关标志.
    Mark,
    /// 份号, 发文字号, 签发人 label.
    HeaderField,
    /// 密级, 紧急程度, 附件 label.
    HeaderEmphasis,
    /// 签发人 names.
    SignerName,
    /// 版记.
    Imprint,
}

impl Role {
    /// Every role, in a fixed order.
    pub const ALL: [Role; 17] = [
        Role::Title,
        Role::Subtitle,
        Role::Speaker,
        Role::Salutation,
        Role::Body,
        Role::Level(1),
        Role::Level(2),
        Role::Level(3),
        Role::Level(4),
        Role::Lead,
        Role::PageNumber,
        Role::Fallback,
        Role::Mark,
        Role::HeaderField,
        Role::HeaderEmphasis,
        Role::SignerName,
        Role::Imprint,
    ];

    /// The key used in templates and messages.
    pub fn name(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Subtitle => "subtitle",
            Role::Speaker => "speaker",
            Role::Salutation => "salutation",
            Role::Body => "body",
            Role::Level(1) => "level1",
            Role::Level(2) => "level2",
            Role::Level(3) => "level3",
            Role::Level(_) => "level4",
            Role::Lead => "lead",
            Role::PageNumber => "page_number",
            Role::Fallback => "fallback",
            Role::Mark => "mark",
            Role::HeaderField => "header_field",
            Role::HeaderEmphasis => "header_emphasis",
            Role::SignerName => "signer_name",
            Role::Imprint => "imprint",
        }
    }
}

impl Roles {
    /// The spec of a role, if the template has it (the 文件格式 roles are optional).
    pub fn get(&self, role: Role) -> Option<&RoleSpec> {
        Some(match role {
            Role::Title => &self.title,
            Role::Subtitle => &self.subtitle,
            Role::Speaker => &self.speaker,
            Role::Salutation => &self.salutation,
            Role::Body => &self.body,
            Role::Level(1) => &self.level1,
            Role::Level(2) => &self.level2,
            Role::Level(3) => &self.level3,
            Role::Level(_) => &self.level4,
            Role::Lead => &self.lead,
            Role::PageNumber => &self.page_number,
            Role::Fallback => &self.fallback,
            Role::Mark => return self.mark.as_ref(),
            Role::HeaderField => return self.header_field.as_ref(),
            Role::HeaderEmphasis => return self.header_emphasis.as_ref(),
            Role::SignerName => return self.signer_name.as_ref(),
            Role::Imprint => return self.imprint.as_ref(),
        })
    }
}

/// How line-start/line-end violations are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kinsoku {
    /// One closing mark hangs past the block edge (Word's 允许标点溢出边界).
    Hang,
    /// A character moves down and the rest of the line is spread (推出).
    Push,
}

/// Paragraph settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParagraphSpec {
    /// First-line indent of paragraphs, in 字.
    pub first_line_indent_chars: u32,
    /// Indent of headings, in 字.
    pub heading_indent_chars: u32,
    /// Line breaking rule resolution.
    pub kinsoku: Kinsoku,
}

/// The speech title block.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleBlockSpec {
    /// Blank lines between the title and the subtitle/speaker/date lines.
    pub lines_after_title: u32,
    /// Blank lines between the title block and the salutation.
    pub lines_after_meta: u32,
    /// Whether the date is set as "（2017年8月1日）".
    pub date_in_parentheses: bool,
}

/// Page numbers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageNumberSpec {
    /// "— {n} —".
    pub format: String,
    /// Distance of the 一字线 below the block.
    pub below_block_mm: f32,
    /// Distance from the block's outer edge, in 字 of the page-number size.
    pub indent_chars: f32,
}

/// The template's geometry in points, derived once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    /// Paper width.
    pub paper_width: f32,
    /// Paper height.
    pub paper_height: f32,
    /// Left edge of the block.
    pub left: f32,
    /// Top edge of the block.
    pub top: f32,
    /// Block width.
    pub width: f32,
    /// Block height.
    pub height: f32,
    /// Lines a page.
    pub lines: u32,
    /// Cells a line.
    pub chars: u32,
    /// Line pitch: block height / lines.
    pub pitch: f32,
    /// Cell width: block width / chars.
    pub cell: f32,
}

impl Geometry {
    /// Right edge of the block.
    pub fn right(&self) -> f32 {
        self.left + self.width
    }
    /// Bottom edge of the block.
    pub fn bottom(&self) -> f32 {
        self.top + self.height
    }
}

impl Template {
    /// The built-in template of that name, or the speech template when there is none by that
    /// name (a name no template has is reported by `source::to_model`).
    pub fn builtin_or_speech(name: Option<&str>) -> Template {
        name.and_then(Template::builtin)
            .unwrap_or_else(|| Template::builtin("speech").expect("built in"))
    }

    /// The built-in template of that name.
    pub fn builtin(name: &str) -> Option<Template> {
        let (_, text) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        Some(
            Template::parse(&format!("templates/{name}.yaml"), text)
                .expect("the built-in templates are valid"),
        )
    }

    /// Parse a template file and check it is consistent.
    pub fn parse(file: &str, text: &str) -> Result<Template, Error> {
        let t: Template = serde_saphyr::from_str(text.strip_prefix('\u{feff}').unwrap_or(text))
            .map_err(|e| Error::template_error(crate::yaml_errors::yaml_error(file, text, &e)))?;
        let fail = |msg: String| {
            Err(Error::template_error(SourceError::at(
                file, text, None, msg,
            )))
        };
        // A number at its key's line, with the clause it comes from and a hint.
        let refuse = |key: &str, msg: String, hint: &str| {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with(&format!("{key}:")))
                .map(|i| (i + 1, 1));
            Err(Error::template_error(
                SourceError::at(file, text, line, msg).with_hint(hint.to_string()),
            ))
        };
        let p = &t.page;
        for (key, value, may_be_zero) in [
            ("paper_width_mm", p.paper_width_mm, false),
            ("paper_height_mm", p.paper_height_mm, false),
            ("margin_top_mm", p.margin_top_mm, true),
            ("margin_left_mm", p.margin_left_mm, true),
            ("block_width_mm", p.block_width_mm, false),
            ("block_height_mm", p.block_height_mm, false),
        ] {
            if !value.is_finite() || value < 0.0 || (value == 0.0 && !may_be_zero) {
                return refuse(
                    key,
                    format!(
                        "`{key}` is {value}: a length on the paper is a finite number of mm, at least 0 (a margin) or more than 0"
                    ),
                    "GB/T 9704 §5.2.1: A4 210 × 297 mm, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm",
                );
            }
        }
        for role in Role::ALL {
            if let Some(spec) = t.roles.get(role)
                && !(spec.size.0.is_finite() && spec.size.0 > 0.0 && spec.size.0 <= 200.0)
            {
                return refuse(
                    "size",
                    format!(
                        "role `{}` has the size {} pt: a size is more than 0 and at most 200 pt",
                        role.name(),
                        spec.size.0
                    ),
                    "§5.2.2: 字号 by name (三号) or in points (16)",
                );
            }
        }
        for (key, indent) in [
            (
                "first_line_indent_chars",
                t.paragraph.first_line_indent_chars,
            ),
            ("heading_indent_chars", t.paragraph.heading_indent_chars),
        ] {
            if indent + 2 > t.grid.chars {
                return refuse(
                    key,
                    format!(
                        "`{key}` is {indent}: an indent leaves at least 2 of the line's {} characters",
                        t.grid.chars
                    ),
                    "§7.3.3: paragraphs are indented 2 字",
                );
            }
        }
        if p.margin_left_mm + p.block_width_mm > p.paper_width_mm
            || p.margin_top_mm + p.block_height_mm > p.paper_height_mm
        {
            return fail("the text block does not fit on the paper".into());
        }
        if t.grid.lines == 0 || t.grid.chars < 4 {
            return fail("the grid needs at least 1 line and 4 characters".into());
        }
        if t.numbering.len() < 4 {
            return fail(format!(
                "`numbering` needs a pattern for each of the 4 levels, found {}",
                t.numbering.len()
            ));
        }
        for role in Role::ALL {
            match t.roles.get(role) {
                Some(spec) if spec.families.is_empty() => {
                    return fail(format!("role `{}` names no font family", role.name()));
                }
                None if t.notice.is_some() => {
                    return fail(format!(
                        "a template with `notice:` needs the role `{}`",
                        role.name()
                    ));
                }
                _ => {}
            }
        }
        let g = t.geometry();
        if t.roles.body.size.0 > g.cell * 1.05 || t.roles.body.size.0 > g.pitch {
            return fail(format!(
                "the body size {} pt does not fit the grid's {:.2} pt cells",
                t.roles.body.size.0, g.cell
            ));
        }
        Ok(t)
    }

    /// Geometry in points.
    pub fn geometry(&self) -> Geometry {
        let p = &self.page;
        let width = mm(p.block_width_mm);
        let height = mm(p.block_height_mm);
        Geometry {
            paper_width: mm(p.paper_width_mm),
            paper_height: mm(p.paper_height_mm),
            left: mm(p.margin_left_mm),
            top: mm(p.margin_top_mm),
            width,
            height,
            lines: self.grid.lines,
            chars: self.grid.chars,
            pitch: height / self.grid.lines as f32,
            cell: width / self.grid.chars as f32,
        }
    }

    /// The role of a heading level.
    pub fn level_role(level: u8) -> Role {
        Role::Level(level.clamp(1, 4))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speech_template_has_the_standard_numbers() {
        let t = Template::builtin("speech").unwrap();
        let g = t.geometry();
        assert_eq!((g.lines, g.chars), (22, 28));
        assert!((g.paper_width - 595.28).abs() < 0.1);
        assert!((g.left - mm(28.0)).abs() < 1e-3 && (g.top - mm(37.0)).abs() < 1e-3);
        assert_eq!(t.roles.body.size, Size(16.0));
        assert_eq!(t.roles.title.size, Size(22.0));
        assert_eq!(t.roles.page_number.size, Size(14.0));
        assert_eq!(t.paragraph.kinsoku, Kinsoku::Hang);
    }

    #[test]
    fn bad_size_names_are_refused_with_the_list() {
        let text = SPEECH.replace("size: 二号", "size: 二號");
        let e = Template::parse("x.yaml", &text).unwrap_err().to_string();
        assert!(
            e.contains("x.yaml:") && e.contains("`二號` is not a 字号") && e.contains("三号"),
            "{e}"
        );
    }
}
