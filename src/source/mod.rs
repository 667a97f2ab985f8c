//! The YAML source of a document: parsing (serde + serde-saphyr) and the step to the model.
//!
//! ```yaml
//! title: 在全县农村工作观摩会上的讲话
//! date: 2017年8月1日
//! salutation: 同志们：
//! body:
//!   - 我们拿出一天半的时间……
//!   - heading: 上半年工作取得明显成效，要继续再接再励
//!     label: 第一点意见：          # optional; by default from the template (一、)
//!     body:
//!       - lead: 一是目标更加明确了。
//!         text: 各乡镇都能……
//! ```

mod controls;

pub use controls::strip_controls;

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};
use serde_saphyr::Spanned;

use crate::error::{Error, SourceError};
use crate::model::{
    Annex, Attendance, Block, Document, Header, Imprint, Origin, Signature, Signer, Title,
    number_label,
};
use crate::yaml_errors::yaml_error;

/// Deepest heading level (§7.3.3: 一、 （一） 1. （1）).
pub const MAX_LEVEL: u8 = 4;

/// The top level of a source file. Its JSON Schema ([`schema_json`]) is derived from these types,
/// with their doc comments (Chinese, then English) as descriptions.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "gongwen source",
    description = "gongwen 源文件：讲话稿或公文，按 GB/T 9704-2012 排版。 / A gongwen source: a speech or an official document, set to GB/T 9704-2012."
)]
pub struct SourceDoc {
    /// 模板：speech（讲话稿，默认）、notice（文件格式）、minutes（纪要）、order（令）、letter（函）。 / The built-in template: speech (default), notice, minutes, order or letter.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub template: Option<Spanned<String>>,
    /// 标题：一个字符串（过长时按词分行），或逐行列出；令、纪要可无标题。 / The title: one string (split at word boundaries when long) or a list of lines; an order or minutes may have none.
    #[serde(default)]
    #[schemars(with = "Option<TitleSource>")]
    pub title: Option<Spanned<TitleSource>>,
    /// 副标题，如“——在……上的讲话”。 / Subtitle, e.g. "——在……上的讲话".
    #[serde(default)]
    pub subtitle: Option<String>,
    /// 讲话人，也写入 PDF/DOCX 的作者。 / The speaker; also the PDF/DOCX author.
    #[serde(default)]
    pub speaker: Option<String>,
    /// 讲话日期，如“2017年8月1日”，排为“（2017年8月1日）”。 / The date, set in parentheses.
    #[serde(default)]
    pub date: Option<String>,
    /// 称谓，如“同志们：”。 / The salutation, e.g. "同志们：".
    #[serde(default)]
    pub salutation: Option<String>,
    /// 正文：段落与各级标题（至多四级）。 / The body: paragraphs and sections, up to four levels.
    #[serde(default)]
    #[schemars(with = "Vec<Item>")]
    pub body: Vec<Spanned<Item>>,
    /// 份号，6位数字（§7.2.2）。 / Copy number, 6 digits (§7.2.2).
    #[serde(default)]
    pub copy_number: Option<String>,
    /// 密级和保密期限，如“机密★1年”（§7.2.3）。 / Secrecy level and period (§7.2.3).
    #[serde(default)]
    pub secrecy: Option<String>,
    /// 紧急程度，如“特急”（§7.2.3）。 / Urgency, e.g. "特急" (§7.2.3).
    #[serde(default)]
    pub urgency: Option<String>,
    /// 发文机关：一个名称，联合行文时列出多个（§7.2.4）。 / Issuing organ, or a list for a joint document (§7.2.4).
    #[serde(default)]
    pub issuers: Option<OneOrMany>,
    /// 发文机关标志中名称后的字，默认取模板的“文件”或“纪要”。 / What follows the names in the mark (default: the template's, "文件" or "纪要").
    #[serde(default)]
    pub mark_suffix: Option<String>,
    /// 发文字号，如“X政发〔2024〕7号”（§7.2.5）。 / Document number (§7.2.5).
    #[serde(default)]
    pub doc_number: Option<String>,
    /// 签发人（上行文），一个或多个（§7.2.5）。 / Signers of an upward document, one or more (§7.2.5).
    #[serde(default)]
    pub signers: Option<OneOrMany>,
    /// 主送机关（§7.3.2）。 / Main recipients (§7.3.2).
    #[serde(default)]
    pub recipients: Option<String>,
    /// 附件说明：附件名称（§7.3.4）。 / Attachment names for the 附件说明 (§7.3.4).
    #[serde(default)]
    pub attachments: Vec<String>,
    /// 署名和成文日期，可加印章或签名章（§7.3.5）。 / Signature and date, with a seal or a signer's stamp (§7.3.5).
    #[serde(default)]
    #[schemars(with = "Option<SignatureSource>")]
    pub signature: Option<Spanned<SignatureSource>>,
    /// 附注，排在括号内（§7.3.6）。 / Note, set in parentheses (§7.3.6).
    #[serde(default)]
    pub note: Option<String>,
    /// 纪要：出席人员名单（§10.3）。 / Minutes: those present (§10.3).
    #[serde(default)]
    pub present: Option<String>,
    /// 纪要：请假人员名单（§10.3）。 / Minutes: those on leave (§10.3).
    #[serde(default)]
    pub absent: Option<String>,
    /// 纪要：列席人员名单（§10.3）。 / Minutes: those attending without a vote (§10.3).
    #[serde(default)]
    pub attending: Option<String>,
    /// 附件正文，各自另页编排（§7.3.7）。 / Attachments, each on pages of its own (§7.3.7).
    #[serde(default)]
    pub annexes: Vec<AnnexSource>,
    /// 版记：抄送机关（§7.4.2）。 / Copies to (§7.4.2).
    #[serde(default)]
    pub cc: Option<String>,
    /// 版记：印发机关和印发日期（§7.4.3）。 / Printing organ and date (§7.4.3).
    #[serde(default)]
    pub printer: Option<PrinterSource>,
    /// 草稿标记，如“征求意见稿”“讨论稿”“送审稿”；加水印写 {text: 征求意见稿, watermark: true}。 / A draft mark ("征求意见稿", "讨论稿", "送审稿"); with a diagonal watermark on every page: {text: 征求意见稿, watermark: true}.
    #[serde(default)]
    pub draft: Option<DraftSource>,
}

/// A draft mark: the word, or the word and whether a watermark goes with it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    untagged,
    expecting = "a word such as 征求意见稿, or {text: 征求意见稿, watermark: true}"
)]
pub enum DraftSource {
    /// The word alone.
    Text(String),
    /// The word and the watermark.
    Full(DraftMarkSource),
}

/// `draft: {text: …, watermark: …}`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftMarkSource {
    /// 标记文字。 / The word.
    pub text: String,
    /// 是否在每页加斜向浅色水印。 / A light diagonal watermark on every page.
    #[serde(default)]
    pub watermark: bool,
}

impl DraftSource {
    /// The mark in the model; none for an empty word.
    pub fn into_model(self) -> Option<crate::model::Draft> {
        let (text, watermark) = match self {
            DraftSource::Text(text) => (text, false),
            DraftSource::Full(mark) => (mark.text, mark.watermark),
        };
        let text = text.trim().to_string();
        (!text.is_empty()).then_some(crate::model::Draft { text, watermark })
    }
}

impl SourceDoc {
    /// The built-in template the source asks for with `template:`: the speech template when it
    /// names none (a name no template has is reported by [`to_model`]).
    pub fn builtin_template(&self) -> crate::template::Template {
        crate::template::Template::builtin_or_speech(
            self.template.as_ref().map(|t| t.value.as_str()),
        )
    }

    /// Whether the document may go without a title: a 命令 goes from its 令号 to its text
    /// (§10.2), and a 纪要's mark names it (§10.3).
    pub fn may_go_untitled(&self) -> bool {
        self.template
            .as_ref()
            .is_some_and(|t| matches!(t.value.as_str(), "order" | "minutes"))
    }
}

/// One string or a list of strings.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged, expecting = "a string, or a list of strings")]
pub enum OneOrMany {
    /// One.
    One(String),
    /// Several.
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
    }
}

/// `table:` in a body.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct TableSource {
    /// 表头各列。 / Header cells.
    header: Vec<String>,
    /// 表格各行，每行的格数与表头相同。 / Rows, each with as many cells as the header.
    #[serde(default)]
    rows: Vec<Vec<String>>,
}

/// `signature:` in a source.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatureSource {
    /// 署名机关，一个或多个。 / The signing organ, or several.
    #[serde(default)]
    pub organ: Option<OneOrMany>,
    /// 签发人职务，排在签名章左侧（§7.3.5.3）。 / The signer's office, set left of the stamp (§7.3.5.3).
    #[serde(default)]
    pub title: Option<String>,
    /// 签发人姓名，无签名章图片时代替签名章。 / The signer's name, typed where the stamp would go without an image.
    #[serde(default)]
    pub name: Option<String>,
    /// 签发人签名章：与源文件同一文件夹中的 PNG 图片（§7.3.5.3）。 / The signer's stamp: a PNG next to the source (§7.3.5.3).
    #[serde(default)]
    pub stamp: Option<String>,
    /// 成文日期，如“2024年4月6日”。 / Date of the document.
    pub date: String,
    /// 印章：true（留出位置），或与源文件同一文件夹中的 PNG 图片（§7.3.5.1）。 / A seal: true (its room and layout) or a PNG next to the source (§7.3.5.1).
    #[serde(default)]
    pub seal: Option<SealSource>,
}

/// `seal:` in a signature.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged, expecting = "true, false, or the path of a PNG image")]
pub enum SealSource {
    /// With or without a seal.
    On(bool),
    /// A seal image.
    Image(String),
}

/// `annexes:` entries.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnnexSource {
    /// 附件标题。 / The attachment's title.
    pub title: String,
    /// 附件正文，可有各级标题和表格。 / Its body, with sections and tables.
    #[serde(default)]
    #[schemars(with = "Vec<Item>")]
    pub body: Vec<Spanned<Item>>,
}

/// `printer:` (版记).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrinterSource {
    /// 印发机关。 / Printing organ.
    pub organ: String,
    /// 印发日期，排为“……印发”。 / Printing date, set as "……印发".
    pub date: String,
}

/// A title as written in the source.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged, expecting = "a string, or a list of title lines")]
pub enum TitleSource {
    /// One string.
    One(String),
    /// Explicit lines.
    Lines(Vec<String>),
}

/// One entry of a `body` list: a paragraph (a plain string, or `lead` + `text`) or a section
/// (`heading`, optional `label`, and its own `body`).
#[derive(Debug)]
pub enum Item {
    /// A paragraph.
    Paragraph {
        /// Lead sentence.
        lead: Option<String>,
        /// Text.
        text: String,
    },
    /// A table.
    Table {
        /// Header cells.
        header: Vec<String>,
        /// Body rows.
        rows: Vec<Vec<String>>,
    },
    /// A section.
    Section {
        /// Heading text.
        heading: String,
        /// Explicit label.
        label: Option<String>,
        /// Text that runs on after the heading in the same paragraph (a run-in heading,
        /// "一、充分认识……的重要性。普通高等学校毕业生是……").
        text: Option<String>,
        /// Contents.
        body: Vec<Spanned<Item>>,
    },
}

impl JsonSchema for Item {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Item".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let body = generator.subschema_for::<Vec<Item>>();
        let table = generator.subschema_for::<TableSource>();
        let text = |zh: &str, en: &str| serde_json::json!({"type": "string", "description": format!("{zh} / {en}")});
        schemars::json_schema!({
            "description": "正文的一项：段落（字符串，或 lead + text）、一节（heading、label、body）或表格（table）。 / One entry of a body: a paragraph (a string, or lead + text), a section (heading, label, body) or a table.",
            "anyOf": [
                text("段落。", "A paragraph."),
                {
                    "type": "object",
                    "description": "带主题句的段落，主题句排楷体。 / A paragraph with a lead sentence, set in 楷体.",
                    "properties": {
                        "lead": text("主题句，如“一是……。”", "The lead sentence, e.g. \"一是……。\""),
                        "text": text("段落其余文字。", "The rest of the paragraph.")
                    },
                    "required": ["text"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "description": "一节：标题（可接排正文）与其正文。 / A section: its heading (with text run in after it, if any) and body.",
                    "properties": {
                        "heading": text("标题文字。", "The heading."),
                        "label": text("序号，如“第一点意见：”；默认按模板的“一、（一）1.（1）”。", "Its label, e.g. \"第一点意见：\"; by default the template's 一、（一）1.（1）."),
                        "text": text("标题后接排的正文（同一段，如“一、充分认识……。普通高校毕业生是……”）。", "Text run on after the heading in the same paragraph (a run-in heading)."),
                        "body": body
                    },
                    "required": ["heading"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "description": "表格。 / A table.",
                    "properties": { "table": table },
                    "required": ["table"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// The JSON Schema of a source file (draft 2020-12), for editors' YAML language servers.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(SourceDoc);
    serde_json::to_string_pretty(&schema).expect("a schema serializes") + "\n"
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemMap {
    table: Option<TableSource>,
    heading: Option<String>,
    label: Option<String>,
    body: Option<Vec<Spanned<Item>>>,
    lead: Option<String>,
    text: Option<String>,
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl<'de> Visitor<'de> for ItemVisitor {
            type Value = Item;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a paragraph (a string, or `lead` and `text`) or a section (`heading` and `body`)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Item, E> {
                Ok(Item::Paragraph {
                    lead: None,
                    text: v.to_string(),
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Item, A::Error> {
                let m = ItemMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                if let Some(t) = m.table {
                    if m.heading.is_some()
                        || m.text.is_some()
                        || m.lead.is_some()
                        || m.body.is_some()
                        || m.label.is_some()
                    {
                        return Err(de::Error::custom("a `table` entry holds only the table"));
                    }
                    let width = t.header.len();
                    if width == 0 {
                        return Err(de::Error::custom("a table needs a `header` row"));
                    }
                    if let Some(bad) = t.rows.iter().position(|r| r.len() != width) {
                        return Err(de::Error::custom(format!(
                            "row {} of the table has {} cells; the header has {width}",
                            bad + 1,
                            t.rows[bad].len()
                        )));
                    }
                    return Ok(Item::Table {
                        header: t.header,
                        rows: t.rows,
                    });
                }
                match (m.heading, m.lead, m.text) {
                    (Some(heading), None, text) => Ok(Item::Section {
                        heading,
                        label: m.label,
                        text,
                        body: m.body.unwrap_or_default(),
                    }),
                    (None, lead, Some(text)) if m.label.is_none() && m.body.is_none() => {
                        Ok(Item::Paragraph { lead, text })
                    }
                    (None, Some(_), None) => Err(de::Error::custom(
                        "a paragraph with a `lead` needs its `text` too",
                    )),
                    (Some(_), Some(_), _) => Err(de::Error::custom(
                        "an entry is either a section (`heading`, `label`, `text`, `body`) or a paragraph (`lead`, `text`), not both",
                    )),
                    (None, _, _) => Err(de::Error::custom(
                        "an entry needs `heading` (a section) or `text` (a paragraph)",
                    )),
                }
            }
        }
        d.deserialize_any(ItemVisitor)
    }
}

/// Parse a YAML source. `file` names it in messages.
pub fn parse(file: &str, text: &str) -> Result<SourceDoc, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Error::source_error(
            SourceError::at(file, text, None, "the file is empty")
                .with_hint("a source needs at least `title:`; see examples/speech.yaml"),
        ));
    }
    serde_saphyr::from_str::<SourceDoc>(text)
        .map_err(|e| Error::source_error(yaml_error(file, text, &e)))
}

/// A paragraph written over several source lines is one paragraph: the lines are joined, with
/// no space between Chinese characters and one space between Latin words.
pub fn join_lines(s: &str) -> String {
    let mut out = String::new();
    for line in s.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let latin_seam = out
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && line
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if latin_seam {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

fn origin(loc: &serde_saphyr::Location) -> Origin {
    Origin {
        line: loc.line() as usize,
        column: loc.column() as usize,
    }
}

/// Where a source's images come from.
#[derive(Debug, Clone, Copy)]
pub enum Assets<'a> {
    /// Files in the source's folder (or below it).
    Folder(&'a std::path::Path),
    /// Images sent with the source, by name; nothing is read from a disk.
    Given(&'a [(String, Vec<u8>)]),
    /// None: a source from standard input or a string may name no image.
    Nowhere,
}

/// Reads the images a document names (a seal, a 签名章) from `assets`: the source's folder, or
/// the images sent with it. Nothing outside what the source names is read.
pub fn load_assets(file: &str, doc: &mut Document, assets: Assets<'_>) -> Result<(), Error> {
    let Some(sig) = &mut doc.signature else {
        return Ok(());
    };
    let read = |name: &str, what: &str| match assets {
        Assets::Folder(dir) => read_png(file, dir, name, what),
        Assets::Given(images) => given_png(file, images, name, what),
        Assets::Nowhere => Err(Error::source_error(
            SourceError::at(
                file,
                "",
                None,
                format!("the source names the image `{name}` but has no folder to read it from"),
            )
            .with_hint("render the source from a file next to the image, not from standard input"),
        )),
    };
    if let Some(p) = &sig.seal_path {
        sig.seal_image = Some(read(p, "seal")?);
    }
    if let Some(signer) = &mut sig.signer
        && let Some(p) = &signer.stamp_path
    {
        signer.stamp_image = Some(read(p, "签名章 (stamp)")?);
    }
    Ok(())
}

/// An image sent with the source, by the name the source gives it, checked as a file would be.
fn given_png(
    file: &str,
    images: &[(String, Vec<u8>)],
    name: &str,
    what: &str,
) -> Result<crate::model::Png, Error> {
    let error = |message: String, hint: &str| {
        Error::source_error(SourceError::at(file, "", None, message).with_hint(hint))
    };
    let Some((_, bytes)) = images.iter().find(|(given, _)| given == name) else {
        return Err(error(
            format!("the {what} `{name}` was not sent with the source"),
            "send the image along, under the name the source gives it",
        ));
    };
    if bytes.len() > crate::model::Png::MAX_BYTES {
        return Err(error(
            format!(
                "the {what} `{name}` is larger than {} bytes",
                crate::model::Png::MAX_BYTES
            ),
            "give a smaller PNG image",
        ));
    }
    crate::model::Png::parse(bytes.clone()).map_err(|why| {
        error(
            format!("the {what} `{name}`: {why}"),
            "give a PNG image with a transparent background",
        )
    })
}

/// Reads and checks a PNG image a source names, relative to the source's folder. A source may
/// name only files in its own folder or below: one sent by someone else must not be able to
/// pull, say, the reader's own signature image from elsewhere on the disk into the output.
fn read_png(
    file: &str,
    base_dir: &std::path::Path,
    name: &str,
    what: &str,
) -> Result<crate::model::Png, Error> {
    use std::path::Component;
    let relative = std::path::Path::new(name);
    let base_dir = if base_dir.as_os_str().is_empty() {
        std::path::Path::new(".")
    } else {
        base_dir
    };
    let path = base_dir.join(relative);
    // `..`, an absolute path, or a link that leads out of the folder (links resolved first; a
    // folder that cannot be resolved is not trusted).
    let outside = relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
        || match (
            std::fs::canonicalize(&path),
            std::fs::canonicalize(base_dir),
        ) {
            (Ok(p), Ok(b)) => !p.starts_with(&b),
            (Ok(_), Err(_)) => true,
            (Err(_), _) => false, // not there: said when it is read
        };
    if outside || name.is_empty() {
        return Err(Error::source_error(
            SourceError::at(
                file,
                "",
                None,
                format!("the {what} `{name}` is not in the source's folder"),
            )
            .with_hint(
                "copy the image next to the source (or below it) and name it by its relative path",
            ),
        ));
    }
    let io = |e| Error::Io {
        action: "read an image",
        path: path.clone(),
        source: e,
    };
    let meta = std::fs::metadata(&path).map_err(io)?;
    if !meta.is_file() {
        return Err(Error::source_error(
            SourceError::at(
                file,
                "",
                None,
                format!(
                    "the {what} {} is not a regular file (a folder, a FIFO or a device)",
                    path.display()
                ),
            )
            .with_hint("name a PNG image file"),
        ));
    }
    let opened = std::fs::File::open(&path).map_err(io)?;
    let bytes = crate::read_limited(
        opened,
        crate::model::Png::MAX_BYTES,
        &path.display().to_string(),
    )?;
    crate::model::Png::parse(bytes).map_err(|why| {
        Error::source_error(
            SourceError::at(
                file,
                "",
                None,
                format!("the {what} {}: {why}", path.display()),
            )
            .with_hint("give a PNG image with a transparent background"),
        )
    })
}

/// Builds the model: flattens sections into headings with their labels (explicit, or the
/// template's `numbering` pattern for the level), checks the nesting depth.
pub fn to_model(
    file: &str,
    text: &str,
    src: SourceDoc,
    numbering: &[String],
) -> Result<Document, Error> {
    if let Some(t) = &src.template
        && !crate::template::BUILTIN.iter().any(|(n, _)| *n == t.value)
    {
        let pos = Some((t.referenced.line() as usize, t.referenced.column() as usize));
        let names: Vec<&str> = crate::template::BUILTIN.iter().map(|(n, _)| *n).collect();
        return Err(Error::source_error(
            SourceError::at(file, text, pos, format!("unknown template `{}`", t.value)).with_hint(
                format!(
                    "the built-in templates are {}; use --template FILE for your own",
                    names.join(", ")
                ),
            ),
        ));
    }
    // A 命令 and a 纪要 may go without a title; every other document has one.
    let untitled = src.may_go_untitled();
    let title = match src.title {
        Some(t) => {
            let title = match t.value {
                TitleSource::One(s) => Title::Auto(s.trim().to_string()),
                TitleSource::Lines(lines) => {
                    Title::Lines(lines.iter().map(|l| l.trim().to_string()).collect())
                }
            };
            // An empty title (or the importer's placeholder) is a warning from `render` and an
            // error from `check` (see [`title_warning`]).
            title
        }
        None if untitled => Title::Auto(String::new()),
        None => {
            return Err(Error::source_error(
                SourceError::at(file, text, Some((1, 1)), "the document has no `title`")
                    .with_hint(
                        "add `title: …` (only a 命令 or a 纪要, `template: order` or `minutes`, goes without one)",
                    ),
            ));
        }
    };
    let mut blocks = Vec::new();
    flatten(file, text, &src.body, 1, numbering, &mut blocks)?;
    let notice = src.template.as_ref().is_some_and(|t| t.value != "speech");
    // A 信函's 版记 is 抄送 alone (§10.1); every other 版记 ends with its 印发 line (§7.4.3).
    let letter = src.template.as_ref().is_some_and(|t| t.value == "letter");
    let cc = clean(src.cc.clone());
    let imprint = match (src.printer.as_ref(), cc) {
        (Some(p), cc) => Some(Imprint {
            cc,
            printer: p.organ.trim().to_string(),
            printed: p.date.trim().to_string(),
        }),
        (None, Some(cc)) if letter => Some(Imprint {
            cc: Some(cc),
            printer: String::new(),
            printed: String::new(),
        }),
        (None, Some(_)) => {
            let place = key_place(text, "cc").or(Some((1, 1)));
            return Err(Error::source_error(
                SourceError::at(file, text, place, "`cc` (抄送) without `printer`").with_hint(
                    "the 版记 ends with its 印发 line (§7.4.3): add `printer: {organ: …, date: …}`",
                ),
            ));
        }
        (None, None) => None,
    };
    let issuers = src.issuers.map(OneOrMany::into_vec).unwrap_or_default();
    let doc_number = clean(src.doc_number);
    let header = (notice || !issuers.is_empty() || doc_number.is_some()).then(|| Header {
        copy_number: clean(src.copy_number),
        secrecy: clean(src.secrecy),
        urgency: clean(src.urgency),
        issuers,
        mark_suffix: src.mark_suffix.map(|s| s.trim().to_string()),
        doc_number,
        signers: src.signers.map(OneOrMany::into_vec).unwrap_or_default(),
    });
    let mut annexes = Vec::new();
    let several = src.annexes.len() > 1;
    for (i, a) in src.annexes.into_iter().enumerate() {
        let mut ablocks = Vec::new();
        flatten(file, text, &a.body, 1, numbering, &mut ablocks)?;
        annexes.push(Annex {
            label: if several {
                format!("附件{}", i + 1)
            } else {
                "附件".into()
            },
            title: join_lines(&a.title),
            blocks: ablocks,
        });
    }
    Ok(Document {
        draft: src.draft.and_then(DraftSource::into_model),
        header,
        title,
        subtitle: clean(src.subtitle),
        speaker: clean(src.speaker),
        date: clean(src.date),
        salutation: clean(src.salutation).or(clean(src.recipients)),
        blocks,
        attachments: src
            .attachments
            .iter()
            .map(|a| join_lines(a))
            .filter(|a| !a.is_empty())
            .collect(),
        signature: match src.signature {
            Some(s) => Some(signature(file, text, s)?),
            None => None,
        },
        note: clean(src.note),
        attendance: [
            ("出席", src.present),
            ("请假", src.absent),
            ("列席", src.attending),
        ]
        .into_iter()
        .filter_map(|(label, names)| {
            clean(names).map(|names| Attendance {
                label: label.into(),
                names: join_lines(&names),
            })
        })
        .collect(),
        annexes,
        imprint,
    })
}

/// A text the source may leave out: trimmed, and absent when empty.
fn clean(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// 署名: organs (§7.3.5.1–2), or a signer's 职务 with a 签名章 (§7.3.5.3), not both.
fn signature(file: &str, text: &str, s: Spanned<SignatureSource>) -> Result<Signature, Error> {
    let pos = Some((s.referenced.line() as usize, s.referenced.column() as usize));
    let s = s.value;
    let organs = s.organ.map(OneOrMany::into_vec).unwrap_or_default();
    let (title, name, stamp) = (clean(s.title), clean(s.name), clean(s.stamp));
    let signer = (title.is_some() || name.is_some() || stamp.is_some()).then_some(Signer {
        title,
        name,
        stamp_path: stamp,
        stamp_image: None,
    });
    let fail = |message: &str, hint: &str| {
        Err(Error::source_error(
            SourceError::at(file, text, pos, message).with_hint(hint),
        ))
    };
    match (&signer, organs.is_empty()) {
        (None, true) => {
            return fail(
                "the signature names no organ",
                "add `organ: …` (署名), or `title:` and `stamp:` for a signer's 签名章 (§7.3.5.3)",
            );
        }
        (Some(_), false) => {
            return fail(
                "the signature has both an `organ` and a signer (`title`, `name` or `stamp`)",
                "a 签名章 (§7.3.5.3) stands in place of the organ's name: keep one of the two",
            );
        }
        _ => {}
    }
    Ok(Signature {
        organs,
        date: s.date.trim().to_string(),
        sealed: !matches!(s.seal, None | Some(SealSource::On(false))),
        seal_path: match s.seal {
            Some(SealSource::Image(p)) => Some(p.trim().to_string()),
            _ => None,
        },
        seal_image: None,
        signer,
    })
}

fn flatten(
    file: &str,
    text: &str,
    items: &[Spanned<Item>],
    level: u8,
    numbering: &[String],
    out: &mut Vec<Block>,
) -> Result<(), Error> {
    let mut count = 0;
    for item in items {
        let at = origin(&item.referenced);
        match &item.value {
            Item::Paragraph { lead, text: body } => out.push(Block::Paragraph {
                lead: lead.as_deref().map(join_lines).filter(|s| !s.is_empty()),
                text: join_lines(body),
                origin: at,
            }),
            Item::Table { header, rows } => out.push(Block::Table {
                header: header.iter().map(|c| join_lines(c)).collect(),
                rows: rows
                    .iter()
                    .map(|r| r.iter().map(|c| join_lines(c)).collect())
                    .collect(),
                origin: at,
            }),
            Item::Section {
                heading,
                label,
                text: run_in,
                body,
            } => {
                if level > MAX_LEVEL {
                    return Err(Error::source_error(
                        SourceError::at(file, text, Some((at.line, at.column)), format!("sections nest at most {MAX_LEVEL} levels deep (一、 （一） 1. （1）)"))
                            .with_hint("make this a paragraph, or move it up a level"),
                    ));
                }
                count += 1;
                let label = match label {
                    // A full-width space after a word label ("第二章　") is the writer's: kept.
                    Some(l) => l
                        .trim_matches(|c: char| c.is_ascii_whitespace())
                        .to_string(),
                    None => {
                        let pattern = numbering
                            .get(usize::from(level) - 1)
                            .map(String::as_str)
                            .unwrap_or("{n}.");
                        number_label(pattern, count)
                    }
                };
                out.push(Block::Heading {
                    level,
                    label,
                    text: join_lines(heading),
                    run_in: run_in.as_deref().map(join_lines).filter(|s| !s.is_empty()),
                    origin: at,
                });
                flatten(file, text, body, level + 1, numbering, out)?;
            }
        }
    }
    Ok(())
}

/// Where a top-level key of a source is written (its line, column 1), for a finding about a
/// value the model keeps no place for.
pub fn key_place(text: &str, key: &str) -> Option<(usize, usize)> {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.starts_with(':'))
        })
        .map(|i| (i + 1, 1))
}

/// The importer's stand-in for a title it did not find.
pub const TITLE_PLACEHOLDER: &str = "（标题）";

/// A warning, with its place, when a document that needs a title has none or only the
/// importer's placeholder [`TITLE_PLACEHOLDER`].
pub fn title_warning(
    file: &str,
    text: &str,
    doc: &Document,
    untitled: bool,
) -> Option<SourceError> {
    let title = doc.title.text();
    if untitled || !(title.trim().is_empty() || title == TITLE_PLACEHOLDER) {
        return None;
    }
    let place = key_place(text, "title").or(Some((1, 1)));
    let message = if title == TITLE_PLACEHOLDER {
        "the title is still the importer's placeholder （标题）"
    } else {
        "the title is empty"
    };
    Some(
        SourceError::at(file, text, place, message)
            .with_hint("write the document's title in `title:`"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbering() -> Vec<String> {
        ["{cn}、", "（{cn}）", "{n}.", "（{n}）"]
            .map(String::from)
            .to_vec()
    }

    fn model(yaml: &str) -> Result<Document, Error> {
        let src = parse("t.yaml", yaml)?;
        to_model("t.yaml", yaml, src, &numbering())
    }

    fn source_error(yaml: &str) -> SourceError {
        match model(yaml) {
            Err(Error::Source(e)) => *e,
            other => panic!("expected a source error, got {other:?}"),
        }
    }

    #[test]
    fn sections_get_labels_by_level() {
        let doc = model(
            "title: 讲话\nbody:\n  - heading: 甲\n    body:\n      - heading: 乙\n      - heading: 丙\n  - heading: 丁\n    label: 第二点意见：\n",
        )
        .unwrap();
        let labels: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading { level, label, .. } => (*level, label.clone()),
                _ => panic!(),
            })
            .collect();
        assert_eq!(
            labels,
            [
                (1, "一、".to_string()),
                (2, "（一）".into()),
                (2, "（二）".into()),
                (1, "第二点意见：".into())
            ]
        );
    }

    #[test]
    fn paragraphs_plain_and_with_lead() {
        let doc = model("title: 讲话\nbody:\n  - 第一段。\n  - lead: 一是好。\n    text: 很好。\n")
            .unwrap();
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(doc.blocks[1].text(), "一是好。很好。");
        match &doc.blocks[1] {
            Block::Paragraph { origin, .. } => assert_eq!(origin.line, 4),
            _ => panic!(),
        }
    }

    #[test]
    fn unknown_key_has_position_and_suggestion() {
        let e = source_error("titel: 讲话\n");
        assert_eq!(e.position, Some((1, 1)), "{e}");
        assert!(e.message.contains("titel"), "{e}");
        assert_eq!(e.hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn unknown_key_in_a_body_entry() {
        let e = source_error("title: 讲话\nbody:\n  - heading: 甲\n    bodyy: []\n");
        assert_eq!(e.position.map(|p| p.0), Some(4), "{e}");
        assert_eq!(e.hint.as_deref(), Some("did you mean `body`?"), "{e}");
    }

    #[test]
    fn wrong_type_has_position() {
        let e = source_error("title: 讲话\nbody:\n  - heading: [1, 2]\n");
        assert_eq!(e.position.map(|p| p.0), Some(3), "{e}");
    }

    #[test]
    fn malformed_yaml_has_position() {
        let e = source_error("title: 讲话\nbody:\n  - \"unclosed\n");
        assert!(e.position.is_some(), "{e}");
        let e = source_error("title: [a, b\nbody: x\n");
        assert!(e.position.is_some(), "{e}");
    }

    #[test]
    fn too_deep_nesting_is_refused() {
        let e = source_error(
            "title: t\nbody:\n - heading: a\n   body:\n    - heading: b\n      body:\n       - heading: c\n         body:\n          - heading: d\n            body:\n             - heading: e\n",
        );
        assert_eq!(e.position.map(|p| p.0), Some(11), "{e}");
    }

    #[test]
    fn empty_file_and_missing_title() {
        let e = source_error("  \n");
        assert!(e.message.contains("empty"));
        let e = source_error("body: []\n");
        assert!(e.message.contains("title"), "{e}");
    }

    #[test]
    fn lines_of_a_paragraph_are_joined() {
        assert_eq!(join_lines("第一行\n  第二行\n"), "第一行第二行");
        assert_eq!(join_lines("use Word\nor WPS"), "use Word or WPS");
    }

    #[test]
    fn text_with_a_half_width_colon_gets_the_colon_hint() {
        let e = source_error("title: t\nbody:\n  - 他说: 好\n");
        assert_eq!(e.position, Some((3, 5)));
        assert!(e.hint.unwrap().contains("full-width '：'"));
    }
}
