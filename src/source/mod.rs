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

use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};
use serde_saphyr::Spanned;

use crate::error::{Error, SourceError};
use crate::model::{
    Annex, Attendance, Block, Document, Header, Imprint, Origin, Signature, Signer, Title,
    number_label,
};

/// Deepest heading level (§7.3.3: 一、 （一） 1. （1）).
pub const MAX_LEVEL: u8 = 4;

/// The top level of a source file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDoc {
    /// Which template the document is meant for (only `speech` so far).
    #[serde(default)]
    pub template: Option<Spanned<String>>,
    /// One string, or a list of lines (a 命令 has none).
    #[serde(default)]
    pub title: Option<Spanned<TitleSource>>,
    /// "——在……上的讲话".
    #[serde(default)]
    pub subtitle: Option<String>,
    /// Who speaks.
    #[serde(default)]
    pub speaker: Option<String>,
    /// The date, "2017年8月1日".
    #[serde(default)]
    pub date: Option<String>,
    /// "同志们：".
    #[serde(default)]
    pub salutation: Option<String>,
    /// Paragraphs and sections.
    #[serde(default)]
    pub body: Vec<Spanned<Item>>,
    /// 份号 (文件格式).
    #[serde(default)]
    pub copy_number: Option<String>,
    /// 密级和保密期限.
    #[serde(default)]
    pub secrecy: Option<String>,
    /// 紧急程度.
    #[serde(default)]
    pub urgency: Option<String>,
    /// 发文机关: one name, or several for a joint document.
    #[serde(default)]
    pub issuers: Option<OneOrMany>,
    /// What follows the names in the 发文机关标志 (default: the template's, "文件" or "纪要").
    #[serde(default)]
    pub mark_suffix: Option<String>,
    /// 发文字号.
    #[serde(default)]
    pub doc_number: Option<String>,
    /// 签发人 (上行文).
    #[serde(default)]
    pub signers: Option<OneOrMany>,
    /// 主送机关 (the 公文 name for what a speech calls its salutation).
    #[serde(default)]
    pub recipients: Option<String>,
    /// 附件说明: attachment names.
    #[serde(default)]
    pub attachments: Vec<String>,
    /// 署名 and 成文日期.
    #[serde(default)]
    pub signature: Option<Spanned<SignatureSource>>,
    /// 附注.
    #[serde(default)]
    pub note: Option<String>,
    /// 纪要: 出席 names.
    #[serde(default)]
    pub present: Option<String>,
    /// 纪要: 请假 names.
    #[serde(default)]
    pub absent: Option<String>,
    /// 纪要: 列席 names.
    #[serde(default)]
    pub attending: Option<String>,
    /// 附件 set on pages of their own.
    #[serde(default)]
    pub annexes: Vec<AnnexSource>,
    /// 版记: 抄送机关.
    #[serde(default)]
    pub cc: Option<String>,
    /// 版记: 印发机关 and 印发日期.
    #[serde(default)]
    pub printer: Option<PrinterSource>,
}

/// One string or a list of strings.
#[derive(Debug, Deserialize)]
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
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableSource {
    header: Vec<String>,
    #[serde(default)]
    rows: Vec<Vec<String>>,
}

/// `signature:` in a source.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureSource {
    /// The signing organ, or several.
    #[serde(default)]
    pub organ: Option<OneOrMany>,
    /// 签发人职务, set beside a 签名章 (§7.3.5.3) in place of the organ.
    #[serde(default)]
    pub title: Option<String>,
    /// 签发人 name, typed where the 签名章 would go when there is no `stamp` image.
    #[serde(default)]
    pub name: Option<String>,
    /// 签发人签名章: a PNG file (a path relative to the source's folder).
    #[serde(default)]
    pub stamp: Option<String>,
    /// 成文日期.
    pub date: String,
    /// A seal: `true` (room and layout for one, §7.3.5.1), or a PNG file of it (a path
    /// relative to the source's folder).
    #[serde(default)]
    pub seal: Option<SealSource>,
}

/// `seal:` in a signature.
#[derive(Debug, Deserialize)]
#[serde(untagged, expecting = "true, false, or the path of a PNG image")]
pub enum SealSource {
    /// With or without a seal.
    On(bool),
    /// A seal image.
    Image(String),
}

/// `annexes:` entries.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnexSource {
    /// The attachment's title.
    pub title: String,
    /// Its body.
    #[serde(default)]
    pub body: Vec<Spanned<Item>>,
}

/// `printer:` (版记).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrinterSource {
    /// 印发机关.
    pub organ: String,
    /// 印发日期.
    pub date: String,
}

/// A title as written in the source.
#[derive(Debug, Deserialize)]
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
        /// Contents.
        body: Vec<Spanned<Item>>,
    },
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
                    (Some(heading), None, None) => Ok(Item::Section {
                        heading,
                        label: m.label,
                        body: m.body.unwrap_or_default(),
                    }),
                    (None, lead, Some(text)) if m.label.is_none() && m.body.is_none() => {
                        Ok(Item::Paragraph { lead, text })
                    }
                    (None, Some(_), None) => Err(de::Error::custom(
                        "a paragraph with a `lead` needs its `text` too",
                    )),
                    (Some(_), _, _) => Err(de::Error::custom(
                        "an entry is either a section (`heading`, `label`, `body`) or a paragraph (`lead`, `text`), not both",
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

/// Turns a serde-saphyr error into a `SourceError` with position and a hint.
pub fn yaml_error(file: &str, text: &str, e: &serde_saphyr::Error) -> SourceError {
    let position = e
        .location()
        .filter(|l| l.line() > 0)
        .map(|l| (l.line() as usize, l.column() as usize));
    let message = plain_message(e);
    let hint = hint_for(&message, text, position);
    let err = SourceError::at(file, text, position, message);
    match hint {
        Some(h) => err.with_hint(h),
        None => err,
    }
}

/// The parser's message without its own location suffix (we print positions ourselves).
fn plain_message(e: &serde_saphyr::Error) -> String {
    let options = serde_saphyr::render_options! {
        formatter: &serde_saphyr::UserMessageFormatter,
        snippets: serde_saphyr::SnippetMode::Off,
    };
    let mut msg = e.render_with_options(options);
    // "… at line 3 column 5" style suffixes.
    if let Some(i) = msg.rfind(" at line ") {
        msg.truncate(i);
    }
    msg.trim().to_string()
}

const COLON_HINT: &str = "a half-width colon followed by a space starts a key in YAML; write the full-width '：' in Chinese text, or quote the text";

fn hint_for(message: &str, text: &str, position: Option<(usize, usize)>) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let unknown = rest.split('`').next().unwrap_or("");
        // "- 他说: 好" reads as a key `他说`: text with a half-width colon, not a misspelt key.
        if !unknown.is_ascii() {
            return Some(COLON_HINT.into());
        }
        let expected: Vec<&str> = rest
            .split_once("expected ")
            .map(|(_, list)| list.trim_start_matches("one of "))
            .unwrap_or("")
            .split(", ")
            .map(|k| k.trim_matches('`'))
            .filter(|k| !k.is_empty())
            .collect();
        return Some(match closest(unknown, &expected) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("the keys allowed here are: {}", expected.join(", ")),
        });
    }
    if message.contains("mapping values are not allowed") {
        return Some(COLON_HINT.into());
    }
    if message.contains("too large or too complex") {
        return Some("sections nest 4 levels deep at most, and aliases may not multiply the document; write the text out".into());
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or("");
        return Some(format!("add `{field}: …` to this part"));
    }
    if message.contains("expected sequence") {
        return Some(
            "a list goes here: one item per line, each starting with `- `, or [a, b] on one line"
                .into(),
        );
    }
    if message.contains("expected mapping") || message.contains("expected struct") {
        return Some(
            "keys with values go here (`key: value` lines, indented under this one)".into(),
        );
    }
    if let Some(c) = message
        .strip_prefix("unexpected character: `")
        .and_then(|r| r.strip_prefix("\\u{"))
        .and_then(|r| r.split('}').next())
        .and_then(|hex| u32::from_str_radix(hex, 16).ok())
    {
        return Some(format!(
            "U+{c:04X} is a control character, invisible and printed by no font: delete it (it often comes with text pasted from the web or a PDF)"
        ));
    }
    // Else, a `[` or `{` left open above the error is the likely cause of a syntax complaint.
    if let Some((line, _)) = position
        && let Some(open) = unclosed_bracket(text, line)
    {
        return Some(format!(
            "line {} opens a `{}` that is not closed before line {line}",
            open.0, open.1
        ));
    }
    None
}

/// The line and bracket of the outermost `[` or `{` still open at the start of line `upto`,
/// outside quotes and comments.
fn unclosed_bracket(text: &str, upto: usize) -> Option<(usize, char)> {
    let mut open: Vec<(usize, char)> = Vec::new();
    for (i, line) in text.lines().take(upto.saturating_sub(1)).enumerate() {
        let mut quote: Option<char> = None;
        for c in line.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => open.push((i + 1, c)),
                (None, ']' | '}') => {
                    open.pop();
                }
                _ => {}
            }
        }
    }
    open.first().copied()
}

/// The candidate closest to `word`, if close enough to be a likely typo: one edit (a letter
/// added, dropped, changed, or two swapped) for short words, a third of the word for long ones.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 1.max(c.chars().count() / 3) && *d < word.chars().count().max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Optimal string alignment distance: Levenshtein with a swap of neighbours as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
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

/// Reads the files a document refers to (a seal's image), relative to `base_dir` — the
/// source's folder. Nothing outside what the source names is read.
pub fn load_assets(
    file: &str,
    doc: &mut Document,
    base_dir: &std::path::Path,
) -> Result<(), Error> {
    let Some(sig) = &mut doc.signature else {
        return Ok(());
    };
    if let Some(p) = &sig.seal_path {
        sig.seal_image = Some(read_png(file, base_dir, p, "seal")?);
    }
    if let Some(signer) = &mut sig.signer
        && let Some(p) = &signer.stamp_path
    {
        signer.stamp_image = Some(read_png(file, base_dir, p, "签名章 (stamp)")?);
    }
    Ok(())
}

/// For a source from no folder (standard input, a string): it may name no image.
pub fn refuse_assets(file: &str, doc: &Document) -> Result<(), Error> {
    let named = doc.signature.as_ref().and_then(|sig| {
        sig.seal_path
            .clone()
            .or_else(|| sig.signer.as_ref().and_then(|s| s.stamp_path.clone()))
    });
    match named {
        Some(image) => Err(Error::source_error(
            SourceError::at(
                file,
                "",
                None,
                format!("the source names the image `{image}` but has no folder to read it from"),
            )
            .with_hint("render the source from a file next to the image, not from standard input"),
        )),
        None => Ok(()),
    }
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
    let path = base_dir.join(relative);
    // `..`, an absolute path, or a link that leads out of the folder.
    let outside = relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
        || matches!(
            (std::fs::canonicalize(&path), std::fs::canonicalize(base_dir)),
            (Ok(p), Ok(b)) if !p.starts_with(&b)
        );
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
    let bytes = std::fs::read(&path).map_err(|e| Error::Io {
        action: "read an image",
        path: path.clone(),
        source: e,
    })?;
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
    // A 命令 (§10.2) goes from its 令号 to its text; every other document has a title.
    let untitled = src.template.as_ref().is_some_and(|t| t.value == "order");
    let title = match src.title {
        Some(t) => {
            let title = match t.value {
                TitleSource::One(s) => Title::Auto(s.trim().to_string()),
                TitleSource::Lines(lines) => {
                    Title::Lines(lines.iter().map(|l| l.trim().to_string()).collect())
                }
            };
            if title.text().is_empty() && !untitled {
                let l = &t.referenced;
                return Err(Error::source_error(SourceError::at(
                    file,
                    text,
                    Some((l.line() as usize, l.column() as usize)),
                    "the title is empty",
                )));
            }
            title
        }
        None if untitled => Title::Auto(String::new()),
        None => {
            return Err(Error::source_error(
                SourceError::at(file, text, Some((1, 1)), "the document has no `title`")
                    .with_hint("add `title: …` (only a 命令, `template: order`, goes without one)"),
            ));
        }
    };
    let mut blocks = Vec::new();
    flatten(file, text, &src.body, 1, numbering, &mut blocks)?;
    let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let notice = src.template.as_ref().is_some_and(|t| t.value != "speech");
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
        imprint: src.printer.map(|p| Imprint {
            cc: clean(src.cc),
            printer: p.organ.trim().to_string(),
            printed: p.date.trim().to_string(),
        }),
    })
}

/// 署名: organs (§7.3.5.1–2), or a signer's 职务 with a 签名章 (§7.3.5.3), not both.
fn signature(file: &str, text: &str, s: Spanned<SignatureSource>) -> Result<Signature, Error> {
    let pos = Some((s.referenced.line() as usize, s.referenced.column() as usize));
    let s = s.value;
    let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
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
                    Some(l) => l.trim().to_string(),
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
                    origin: at,
                });
                flatten(file, text, body, level + 1, numbering, out)?;
            }
        }
    }
    Ok(())
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

    #[test]
    fn suggestions_only_for_near_misses() {
        assert_eq!(closest("titel", &["title", "text"]), Some("title"));
        assert_eq!(closest("a", &["cc", "title"]), None);
        assert_eq!(
            closest("salutaton", &["title", "salutation"]),
            Some("salutation")
        );
        assert_eq!(closest("zzzz", &["title", "salutation"]), None);
    }
}
