//! Reading a Word document (.docx): its paragraphs and tables in order, each with what Word
//! knows of it — its style's heading level or title role, its list label as Word draws it
//! (numbering.xml), its alignment, a lead sentence or run-in heading in our own character
//! styles — as [`Para`]s for the same structure reading as a text draft.
//!
//! Tracked changes are read as accepted (insertions kept, deletions dropped); footnotes,
//! comments, headers and footers are left out. Each is said in the notes.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use roxmltree::{Document, Node, ParsingOptions};

use super::{Align, Para};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";

/// The most a part of the package may hold, uncompressed: far above any real document's text,
/// far below what a zip bomb would take.
const MAX_PART_BYTES: u64 = 64 << 20;
/// The most XML nodes a part may hold.
const MAX_NODES: u32 = 4_000_000;
/// The most images read out of a document.
const MAX_IMAGES: usize = 16;

/// What a Word document gives the importer.
#[derive(Debug, Default)]
pub struct WordDraft {
    /// Paragraphs and tables in reading order.
    pub paras: Vec<Para>,
    /// What was left out or read specially, for the user.
    pub notes: Vec<String>,
    /// Images in the text (`Para::image` indexes them): the file's name in the package and its bytes.
    pub images: Vec<(String, Vec<u8>)>,
    /// The template our own DOCX was written with (its `gongwen.template` property).
    pub template: Option<String>,
}

/// Whether the bytes are a Word file: a zip package, or an OLE compound file (an encrypted
/// .docx or an old .doc).
pub fn looks_like_word(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Reads a .docx. Errors say what is wrong with the file, for a user.
pub fn read(bytes: &[u8]) -> Result<WordDraft, String> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err("this is an encrypted Word document or an old .doc (Word 97–2003), not a .docx: open it in Word or WPS and save it as .docx without a password".into());
    }
    if !bytes.starts_with(b"PK") {
        return Err(
            "not a Word document: a .docx is a zip package, and this file is not one".into(),
        );
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a readable .docx package: {e}"))?;
    let main = main_part(&mut zip)?;
    let document = match read_part(&mut zip, &main)? {
        Some(document) => document,
        None => return Err(not_word(&mut zip, &main)),
    };
    let rels_name = rels_of(&main);
    let rels = read_part(&mut zip, &rels_name)?
        .map(|x| relationships(&x, &rels_name))
        .transpose()?
        .unwrap_or_default();
    let styles = match read_part(&mut zip, "word/styles.xml")? {
        Some(x) => Styles::read(&x)?,
        None => Styles::default(),
    };
    let numbering = match read_part(&mut zip, "word/numbering.xml")? {
        Some(x) => Numbering::read(&x)?,
        None => Numbering::default(),
    };
    let doc = parse(&document, &main)?;
    let mut reader = Reader {
        styles: &styles,
        numbering,
        rels: &rels,
        out: WordDraft::default(),
        deleted: 0,
        footnotes: 0,
        image_names: Vec::new(),
        skipped_images: 0,
    };
    let body = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name((W, "body")))
        .ok_or("the document has no body")?;
    reader.block_children(body);
    for (name, target) in std::mem::take(&mut reader.image_names) {
        let bytes = read_bytes(&mut zip, &target)?.unwrap_or_default();
        reader.out.images.push((name, bytes));
    }
    let mut out = reader.out;
    if reader.deleted > 0 {
        out.notes.push(format!(
            "tracked changes read as accepted: {} deletions left out, insertions kept",
            reader.deleted
        ));
    }
    if reader.footnotes > 0 {
        out.notes.push(format!(
            "{} footnotes or endnotes left out (a 公文 has none): put what they say in the text",
            reader.footnotes
        ));
    }
    if reader.skipped_images > 0 {
        out.notes.push(format!(
            "{} images past the first {MAX_IMAGES} left out",
            reader.skipped_images
        ));
    }
    if let Some(custom) = read_part(&mut zip, "docProps/custom.xml")? {
        out.template = custom_property(&custom, "gongwen.template")?;
    }
    let comments = read_part(&mut zip, "word/comments.xml")?
        .map(|x| x.matches("<w:comment ").count())
        .unwrap_or(0);
    if comments > 0 {
        out.notes.push(format!(
            "{comments} comments left out (they are not part of the text)"
        ));
    }
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    if names
        .iter()
        .any(|n| n.starts_with("word/header") || n.starts_with("word/footer"))
    {
        out.notes
            .push("headers and footers left out: the template sets the page numbers (§7.5)".into());
    }
    Ok(out)
}

/// The main document part, from the package's relationships (word/document.xml as a rule).
fn main_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<String, String> {
    let Some(rels) = read_part(zip, "_rels/.rels")? else {
        return Ok("word/document.xml".into());
    };
    let rels = relationships(&rels, "_rels/.rels")?;
    Ok(rels
        .values()
        .find(|(kind, _)| kind.ends_with("/officeDocument"))
        .map(|(_, target)| target.clone())
        .unwrap_or_else(|| "word/document.xml".into()))
}

/// A custom document property's text (docProps/custom.xml).
fn custom_property(xml: &str, name: &str) -> Result<Option<String>, String> {
    let doc = parse(xml, "docProps/custom.xml")?;
    Ok(doc
        .descendants()
        .find(|n| n.tag_name().name() == "property" && n.attribute("name") == Some(name))
        .and_then(|n| {
            n.descendants()
                .find_map(|v| v.text().filter(|t| !t.trim().is_empty()))
        })
        .map(str::to_string))
}

/// `word/_rels/document.xml.rels` for `word/document.xml`.
fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// A part's bytes, if the package has it; refused past [`MAX_PART_BYTES`] whatever its header
/// claims.
fn read_bytes(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, String> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot read {name} in the package: {e}")),
    };
    if file.encrypted() {
        return Err(format!(
            "{name} is encrypted: save the document without a password"
        ));
    }
    if file.size() > MAX_PART_BYTES {
        return Err(too_big(name));
    }
    let mut bytes = Vec::new();
    (&mut file)
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {name} in the package: {e}"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(too_big(name));
    }
    Ok(Some(bytes))
}

/// An XML part's text, if the package has it.
fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    read_bytes(zip, name)?
        .map(|b| String::from_utf8(b).map_err(|_| format!("{name} is not UTF-8 XML")))
        .transpose()
}

/// What a zip package without a Word document is: an OpenDocument file (LibreOffice's, WPS's
/// .odt) says so in its `mimetype`; anything else is no Word document.
fn not_word(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, main: &str) -> String {
    let mimetype = read_bytes(zip, "mimetype")
        .ok()
        .flatten()
        .unwrap_or_default();
    if mimetype.starts_with(b"application/vnd.oasis.opendocument") {
        return "an OpenDocument file (.odt, as LibreOffice or WPS saves it), not a .docx".into();
    }
    format!("the package has no {main}: not a Word document")
}

fn too_big(name: &str) -> String {
    format!(
        "{name} unpacks to more than {} MiB: not a document to import (a zip bomb?)",
        MAX_PART_BYTES >> 20
    )
}

fn parse<'a>(xml: &'a str, name: &str) -> Result<Document<'a>, String> {
    Document::parse_with_options(
        xml,
        ParsingOptions {
            allow_dtd: false,
            nodes_limit: MAX_NODES,
        },
    )
    .map_err(|e| format!("{name} is not well-formed XML: {e}"))
}

/// Relationship id → (type, target part name).
fn relationships(xml: &str, name: &str) -> Result<HashMap<String, (String, String)>, String> {
    let doc = parse(xml, name)?;
    let base = name
        .strip_suffix(".rels")
        .and_then(|p| p.rsplit_once("_rels/"))
        .map_or(String::new(), |(dir, _)| dir.to_string());
    Ok(doc
        .descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
        .filter_map(|n| {
            let target = n.attribute("Target")?;
            let part = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => normalise(&format!("{base}{target}")),
            };
            Some((
                n.attribute("Id")?.to_string(),
                (n.attribute("Type").unwrap_or("").to_string(), part),
            ))
        })
        .collect())
}

/// `word/../media/x.png` → `media/x.png`.
fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn w_attr<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name((W, name)))
}

/// The value of `<w:NAME w:val="…"/>` under `n`.
fn val<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    child(n, name).and_then(|c| w_attr(c, "val"))
}

/// What a style says of a paragraph or a run.
#[derive(Debug, Default, Clone)]
struct StyleInfo {
    based_on: Option<String>,
    /// Outline level 1–4 (Heading 1–4, 标题 1–4, or w:outlineLvl 0–3).
    heading: Option<u8>,
    title: bool,
    /// Our 发文机关标志's style.
    mark: bool,
    /// A list the style numbers its paragraphs with: numId and level.
    numbering: Option<(String, u8)>,
    /// Our character styles: a lead sentence, a run-in heading of a level.
    lead: bool,
    run_in: Option<u8>,
    /// Our style of a paragraph's last line that the layout set on the next page: the rest of
    /// the paragraph before.
    continues: bool,
}

#[derive(Debug, Default)]
struct Styles(HashMap<String, StyleInfo>);

impl Styles {
    fn read(xml: &str) -> Result<Styles, String> {
        let doc = parse(xml, "word/styles.xml")?;
        let mut map = HashMap::new();
        for s in doc.descendants().filter(|n| n.has_tag_name((W, "style"))) {
            let Some(id) = w_attr(s, "styleId") else {
                continue;
            };
            let name = val(s, "name").unwrap_or("").to_lowercase();
            let ppr = child(s, "pPr");
            let outline = ppr
                .and_then(|p| val(p, "outlineLvl"))
                .and_then(|v| v.parse::<u8>().ok())
                .filter(|&l| l < 4)
                .map(|l| l + 1);
            let by_name = ["heading ", "标题 ", "heading", "标题"]
                .iter()
                .find_map(|p| {
                    name.strip_prefix(p)
                        .and_then(|n| n.trim().parse::<u8>().ok())
                        .filter(|l| (1..=4).contains(l))
                });
            let numbering = ppr.and_then(|p| child(p, "numPr")).and_then(|np| {
                Some((
                    val(np, "numId")?.to_string(),
                    val(np, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0),
                ))
            });
            map.insert(
                id.to_string(),
                StyleInfo {
                    based_on: val(s, "basedOn").map(str::to_string),
                    heading: outline.or(by_name),
                    title: matches!(name.as_str(), "title" | "标题") || id == "Title",
                    mark: id == "GongwenMark",
                    numbering,
                    lead: id == "GongwenLead",
                    run_in: id.strip_prefix("GongwenRunIn").and_then(|n| n.parse().ok()),
                    continues: id == "GongwenBodyContinued",
                },
            );
        }
        Ok(Styles(map))
    }

    /// The style with what it inherits filled in (a few levels of basedOn at most).
    fn resolve(&self, id: &str) -> StyleInfo {
        let mut out = StyleInfo::default();
        let mut next = Some(id.to_string());
        for _ in 0..8 {
            let Some(s) = next.as_ref().and_then(|n| self.0.get(n)) else {
                break;
            };
            out.heading = out.heading.or(s.heading);
            out.title |= s.title;
            out.mark |= s.mark;
            out.numbering = out.numbering.clone().or_else(|| s.numbering.clone());
            out.lead |= s.lead;
            out.run_in = out.run_in.or(s.run_in);
            out.continues |= s.continues;
            next = s.based_on.clone();
        }
        out
    }
}

/// One level of a list: how its number is written and where it starts.
#[derive(Debug, Clone)]
struct ListLevel {
    format: String,
    text: String,
    start: u32,
}

/// Word's lists (numbering.xml), and the counters as the document goes.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, Vec<ListLevel>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
    counters: HashMap<String, [u32; 9]>,
}

impl Numbering {
    fn read(xml: &str) -> Result<Numbering, String> {
        let doc = parse(xml, "word/numbering.xml")?;
        let mut n = Numbering::default();
        for a in doc
            .descendants()
            .filter(|x| x.has_tag_name((W, "abstractNum")))
        {
            let Some(id) = w_attr(a, "abstractNumId") else {
                continue;
            };
            let mut levels = vec![
                ListLevel {
                    format: "decimal".into(),
                    text: String::new(),
                    start: 1,
                };
                9
            ];
            for l in a.children().filter(|x| x.has_tag_name((W, "lvl"))) {
                let Some(i) = w_attr(l, "ilvl").and_then(|v| v.parse::<usize>().ok()) else {
                    continue;
                };
                if i < 9 {
                    levels[i] = ListLevel {
                        format: val(l, "numFmt").unwrap_or("decimal").to_string(),
                        text: val(l, "lvlText").unwrap_or("").to_string(),
                        start: val(l, "start").and_then(|v| v.parse().ok()).unwrap_or(1),
                    };
                }
            }
            n.abstracts.insert(id.to_string(), levels);
        }
        for num in doc.descendants().filter(|x| x.has_tag_name((W, "num"))) {
            let (Some(id), Some(abs)) = (w_attr(num, "numId"), val(num, "abstractNumId")) else {
                continue;
            };
            let overrides = num
                .children()
                .filter(|x| x.has_tag_name((W, "lvlOverride")))
                .filter_map(|o| {
                    Some((
                        w_attr(o, "ilvl")?.parse().ok()?,
                        val(o, "startOverride")?.parse().ok()?,
                    ))
                })
                .collect();
            n.nums.insert(id.to_string(), (abs.to_string(), overrides));
        }
        Ok(n)
    }

    /// The label Word draws for the next item of list `num_id` at `level`, counting it.
    fn next_label(&mut self, num_id: &str, level: u8) -> Option<String> {
        let (abs, overrides) = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abs)?;
        let level = usize::from(level).min(8);
        let start = |i: usize| {
            overrides
                .get(&(i as u8))
                .copied()
                .unwrap_or(levels[i].start)
        };
        let counters = self.counters.entry(num_id.to_string()).or_insert([0; 9]);
        counters[level] = if counters[level] == 0 {
            start(level)
        } else {
            counters[level] + 1
        };
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        let lvl = &levels[level];
        if matches!(lvl.format.as_str(), "bullet" | "none") {
            return None;
        }
        let mut label = lvl.text.clone();
        for i in 0..=level {
            let n = if counters[i] == 0 {
                start(i)
            } else {
                counters[i]
            };
            label = label.replace(&format!("%{}", i + 1), &format_number(n, &levels[i].format));
        }
        Some(label)
    }
}

/// A list number in one of Word's formats.
fn format_number(n: u32, format: &str) -> String {
    let n_usize = n as usize;
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => crate::model::chinese_numeral(n_usize),
        // Each digit as an ideograph: 10 is 一〇.
        "ideographDigital" | "taiwaneseDigital" => n
            .to_string()
            .chars()
            .map(|d| crate::model::chinese_numeral(d.to_digit(10).unwrap_or(0) as usize))
            .collect(),
        // 壹 贰 叁 (the figures of financial writing), 一二三 written in them.
        "chineseLegalSimplified" => {
            let (plain, legal) = ("〇一二三四五六七八九十", "零壹贰叁肆伍陆柒捌玖拾");
            crate::model::chinese_numeral(n_usize)
                .chars()
                .map(|c| {
                    let place = plain.chars().position(|p| p == c);
                    place.and_then(|k| legal.chars().nth(k)).unwrap_or(c)
                })
                .collect()
        }
        // 甲 乙 丙 丁 … (the ten Heavenly Stems), then round again.
        "ideographTraditional" => {
            let stems = "甲乙丙丁戊己庚辛壬癸";
            stems
                .chars()
                .nth((n.max(1) as usize - 1) % 10)
                .map_or_else(|| n.to_string(), String::from)
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32('①' as u32 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        "decimalEnclosedParen" => format!("（{n}）"),
        "lowerLetter" | "upperLetter" => {
            let base = if format == "lowerLetter" { b'a' } else { b'A' };
            let letter = char::from(base + ((n.max(1) - 1) % 26) as u8);
            letter
                .to_string()
                .repeat(((n.max(1) - 1) / 26 + 1) as usize)
        }
        "lowerRoman" | "upperRoman" => {
            let r = roman(n);
            if format == "lowerRoman" {
                r.to_lowercase()
            } else {
                r
            }
        }
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Walks the body, building paragraphs.
struct Reader<'s> {
    styles: &'s Styles,
    numbering: Numbering,
    rels: &'s HashMap<String, (String, String)>,
    out: WordDraft,
    deleted: usize,
    footnotes: usize,
    /// Images to read once the walk is done: (name, part).
    image_names: Vec<(String, String)>,
    skipped_images: usize,
}

/// A paragraph's text as it is gathered: its pieces (a manual line break starts a new one) and
/// what our own character styles mark in the first.
#[derive(Default)]
struct Gathered {
    pieces: Vec<String>,
    lead: Option<String>,
    run_in: Option<(u8, String)>,
    image: Option<usize>,
}

impl Gathered {
    fn current(&mut self) -> &mut String {
        if self.pieces.is_empty() {
            self.pieces.push(String::new());
        }
        self.pieces.last_mut().expect("a piece")
    }
}

impl Reader<'_> {
    fn block_children(&mut self, parent: Node) {
        for n in parent.children().filter(Node::is_element) {
            match n.tag_name().name() {
                "p" => self.paragraph(n),
                "tbl" => self.table(n),
                // Content controls and custom XML wrap paragraphs too.
                "sdt" | "sdtContent" | "customXml" | "ins" | "moveTo" => self.block_children(n),
                "del" | "moveFrom" => self.deleted += 1,
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, p: Node) {
        let ppr = child(p, "pPr");
        let style = ppr
            .and_then(|x| val(x, "pStyle"))
            .map(|id| self.styles.resolve(id))
            .unwrap_or_default();
        let outline = ppr
            .and_then(|x| val(x, "outlineLvl"))
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|&l| l < 4)
            .map(|l| l + 1);
        let align = match ppr.and_then(|x| val(x, "jc")) {
            Some("center") => Align::Centre,
            Some("right" | "end") => Align::Right,
            _ => Align::Left,
        };
        let numbering = ppr
            .and_then(|x| child(x, "numPr"))
            .and_then(|np| {
                Some((
                    val(np, "numId")?.to_string(),
                    val(np, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0u8),
                ))
            })
            .or(style.numbering.clone());
        let mut g = Gathered::default();
        self.inline(p, &mut g);
        if style.continues && self.continue_paragraph(&g) {
            return;
        }
        // numId 0 turns a style's list off.
        if let Some((num, level)) = numbering.filter(|(num, _)| num != "0")
            && let Some(label) = self.numbering.next_label(&num, level)
        {
            g.current().insert_str(0, &label);
        }
        let heading = if g.run_in.is_some() {
            None
        } else {
            outline.or(style.heading)
        };
        // An empty paragraph stays, as a blank line between paragraphs does in a text draft.
        // A manual line break parts a title's lines, and a line that ends a sentence from the
        // next; elsewhere it only wrapped a line (text pasted from a web page), and goes.
        let title = style.title || align == Align::Centre;
        let mut pieces: Vec<String> = Vec::new();
        for piece in std::mem::take(&mut g.pieces) {
            match pieces.last_mut() {
                Some(last) if !title && wraps_into(last, &piece) => last.push_str(&piece),
                _ => pieces.push(piece),
            }
        }
        if pieces.is_empty() {
            pieces.push(String::new());
        }
        for (i, text) in pieces.into_iter().enumerate() {
            let first = i == 0;
            self.out.paras.push(Para {
                text: text.replace('\t', " "),
                line: self.out.paras.len() + 1,
                heading,
                title: style.title,
                align,
                lead: if first { g.lead.clone() } else { None },
                run_in: if first { g.run_in.clone() } else { None },
                table: None,
                image: if first { g.image } else { None },
                mark: style.mark,
            });
        }
    }

    /// Joins the rest of a paragraph that our DOCX parted at a page (its last line, set over
    /// with the 署名) to the paragraph before; false when there is none to join.
    fn continue_paragraph(&mut self, g: &Gathered) -> bool {
        let Some(before) = self.out.paras.last_mut().filter(|p| p.table.is_none()) else {
            return false;
        };
        let rest = g.pieces.concat();
        // The line may go on a run-in heading or a lead sentence that filled the paragraph.
        if let (Some((_, heading)), Some((_, more))) = (&mut before.run_in, &g.run_in)
            && *heading == before.text
        {
            heading.push_str(more);
        }
        if let (Some(lead), Some(more)) = (&mut before.lead, &g.lead)
            && *lead == before.text
        {
            lead.push_str(more);
        }
        before.text.push_str(&rest);
        true
    }

    /// Runs, hyperlinks, insertions… in order; deletions left out.
    fn inline(&mut self, parent: Node, g: &mut Gathered) {
        for n in parent.children().filter(Node::is_element) {
            if n.tag_name().namespace() != Some(W) {
                continue;
            }
            match n.tag_name().name() {
                "r" => self.run(n, g),
                "hyperlink" | "ins" | "moveTo" | "smartTag" | "fldSimple" | "customXml" | "sdt"
                | "sdtContent" => self.inline(n, g),
                "del" | "moveFrom" => self.deleted += 1,
                _ => {}
            }
        }
    }

    fn run(&mut self, r: Node, g: &mut Gathered) {
        let style = child(r, "rPr")
            .and_then(|x| val(x, "rStyle"))
            .map(|id| self.styles.resolve(id))
            .unwrap_or_default();
        let mut text = String::new();
        for n in r.children().filter(Node::is_element) {
            match n.tag_name().name() {
                "t" => text.push_str(n.text().unwrap_or("")),
                "tab" | "ptab" => text.push('\t'),
                "noBreakHyphen" => text.push('-'),
                "br" | "cr" => {
                    g.current().push_str(&std::mem::take(&mut text));
                    g.pieces.push(String::new());
                }
                "footnoteReference" | "endnoteReference" => self.footnotes += 1,
                "drawing" | "pict" | "object" => self.shape(n, g),
                // A shape in two forms (DrawingML, and VML for older readers): the first.
                "AlternateContent" => {
                    if let Some(first) = n.children().find(Node::is_element) {
                        self.shape(first, g);
                    }
                }
                _ => {}
            }
        }
        let at_start = g.pieces.len() <= 1 && g.current().is_empty();
        if at_start && style.lead {
            g.lead = Some(text.clone());
        }
        if let Some(level) = style.run_in
            && at_start
        {
            g.run_in = Some((level, text.clone()));
        }
        g.current().push_str(&text);
    }

    /// A picture or a shape in a run: its image, and the paragraphs of its text boxes (a 红头's
    /// mark is often typed in one), which come before the paragraph that anchors it.
    fn shape(&mut self, n: Node, g: &mut Gathered) {
        self.image(n, g);
        let is_box = |d: &Node| d.has_tag_name((W, "txbxContent"));
        let boxes: Vec<Node> = n
            .descendants()
            .filter(is_box)
            // A box inside a box is read with the paragraph that holds it.
            .filter(|b| {
                !b.ancestors()
                    .skip(1)
                    .take_while(|a| *a != n)
                    .any(|a| is_box(&a))
            })
            .collect();
        for text_box in boxes {
            self.block_children(text_box);
        }
    }

    fn image(&mut self, n: Node, g: &mut Gathered) {
        let Some(id) = n
            .descendants()
            .find(|d| d.has_tag_name((A, "blip")))
            .and_then(|b| b.attribute((R, "embed")))
            .or_else(|| {
                n.descendants()
                    .find(|d| d.tag_name().name() == "imagedata")
                    .and_then(|d| d.attribute((R, "id")))
            })
        else {
            return;
        };
        let Some((_, target)) = self.rels.get(id) else {
            return;
        };
        if self.image_names.len() >= MAX_IMAGES {
            self.skipped_images += 1;
            return;
        }
        let name = target.rsplit('/').next().unwrap_or(target).to_string();
        g.image = Some(self.image_names.len());
        self.image_names.push((name, target.clone()));
    }

    /// A table of one column is a column of paragraphs (Word users lay out 版记 and signature
    /// blocks that way); a wider one is a table.
    fn table(&mut self, tbl: Node) {
        let rows: Vec<Node> = tbl
            .children()
            .filter(|n| n.has_tag_name((W, "tr")))
            .collect();
        // Grid columns: a cell merged across columns (w:gridSpan) counts for each, and a row may
        // start past some (w:gridBefore); a row that ends early is filled out with empty cells.
        let width = rows
            .iter()
            .map(|&r| grid_before(r) + cells_of(r).map(grid_span).sum::<usize>())
            .max()
            .unwrap_or(0);
        if width <= 1 {
            for row in rows {
                for cell in cells_of(row) {
                    self.block_children(cell);
                }
            }
            return;
        }
        let mut cells_of_rows: Vec<Vec<String>> = Vec::new();
        for row in rows {
            let mut cells = vec![String::new(); grid_before(row)];
            for cell in cells_of(row) {
                let mut sub = Reader {
                    styles: self.styles,
                    numbering: std::mem::take(&mut self.numbering),
                    rels: self.rels,
                    out: WordDraft::default(),
                    deleted: 0,
                    footnotes: 0,
                    image_names: Vec::new(),
                    skipped_images: 0,
                };
                sub.block_children(cell);
                self.numbering = sub.numbering;
                self.deleted += sub.deleted;
                self.footnotes += sub.footnotes;
                let text: Vec<String> = sub
                    .out
                    .paras
                    .into_iter()
                    .map(|p| p.text.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect();
                cells.push(text.join(""));
                // The text in the merged cell's first column, the others left empty.
                cells.resize(cells.len() + grid_span(cell) - 1, String::new());
            }
            cells.resize(width, String::new());
            // Empty rows stay: a form's lines to fill in (a 回执).
            cells_of_rows.push(cells);
        }
        if cells_of_rows.iter().flatten().all(String::is_empty) {
            return;
        }
        self.out.paras.push(Para {
            text: String::new(),
            line: self.out.paras.len() + 1,
            table: Some(cells_of_rows),
            ..Para::default()
        });
    }
}

/// A table row's cells.
fn cells_of<'a, 'i>(row: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    row.children().filter(|c| c.has_tag_name((W, "tc")))
}

/// How many grid columns a table cell spans (`w:gridSpan`, at least 1; at most the 63 Word allows).
fn grid_span(cell: Node) -> usize {
    child(cell, "tcPr")
        .and_then(|props| val(props, "gridSpan"))
        .and_then(|v| v.parse::<usize>().ok())
        .map_or(1, |n| n.clamp(1, 63))
}

/// How many grid columns a table row leaves empty before its first cell (`w:gridBefore`).
fn grid_before(row: Node) -> usize {
    child(row, "trPr")
        .and_then(|props| val(props, "gridBefore"))
        .and_then(|v| v.parse::<usize>().ok())
        .map_or(0, |n| n.min(63))
}

/// Whether a manual line break between two pieces only wrapped a line of running text: the
/// first is long and ends no sentence, is no heading line, and the second is no date.
fn wraps_into(first: &str, second: &str) -> bool {
    !second.is_empty()
        && first.chars().count() >= 20
        && !ends_sentence(first)
        && (crate::numbering::marker(first).is_none_or(|m| !m.style.is_heading())
            || first.contains('。'))
        && super::structure::as_date(second).is_none()
}

/// A piece of text that ends a sentence (or a salutation's colon).
fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .ends_with(['。', '！', '？', '；', '：', '”', '!', '?', ';', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_numbers_in_words_formats() {
        assert_eq!(format_number(3, "chineseCounting"), "三");
        assert_eq!(format_number(12, "chineseCountingThousand"), "十二");
        assert_eq!(format_number(4, "decimal"), "4");
        assert_eq!(format_number(14, "lowerRoman"), "xiv");
        assert_eq!(format_number(2, "upperLetter"), "B");
        // Formats that are no 一二三, as Word draws them.
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
        assert_eq!(format_number(12, "chineseLegalSimplified"), "拾贰");
        assert_eq!(format_number(10, "ideographDigital"), "一〇");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(21, "decimalEnclosedCircle"), "21");
    }

    #[test]
    fn part_names_resolve_against_their_folder() {
        assert_eq!(normalise("word/../media/a.png"), "media/a.png");
        assert_eq!(rels_of("word/document.xml"), "word/_rels/document.xml.rels");
    }
}
