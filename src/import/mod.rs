//! `gongwen import`: from a draft — text pasted from Word, WeChat or a web page, or a Word
//! document — to a clean YAML source.
//!
//! The steps, each reported: the draft is read as paragraphs (`text`, or `docx` for a Word
//! file); text run together on one line is split back (`split`); the structure is read
//! (`structure`): 版头, title block, 主送机关 or salutation, headings by their numbering or Word
//! style, run-in headings, lead sentences, tables, 附件说明, 署名, 成文日期, an attached document,
//! 版记; the text takes its written forms (`normalize`); the YAML is written (`yaml`). Apart from
//! the dropped lines and the changes counted in [`Tally`], every character of the draft is in the
//! output, in order.

mod docx;
mod markdown;
mod normalize;
mod split;
mod structure;
mod text;
mod yaml;

pub use normalize::Tally;
pub use text::junk_reason;

use structure::{Draft, Piece};

/// What kind of document the draft is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A speech (讲话稿).
    Speech,
    /// A 公文 in the 文件格式: written with `template: notice` even when no 版头 is found.
    Notice,
    /// Guess from the text.
    Auto,
}

/// A line left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// 1-based line in the draft.
    pub line: usize,
    /// The line.
    pub text: String,
    /// Why it was dropped.
    pub reason: &'static str,
}

/// The result of an import.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The YAML source.
    pub yaml: String,
    /// Lines left out.
    pub dropped: Vec<Dropped>,
    /// Punctuation marks changed to their full-width forms.
    pub punctuation_changes: usize,
    /// Invisible characters taken out: control characters, zero-width spaces, stray BOMs (they
    /// come with text copied from web pages and PDFs, and no font prints them).
    pub invisible_removed: usize,
    /// Every kind of change made to the text, counted.
    pub tally: Tally,
    /// What the user should know: a missing title, what a Word file held that was left out.
    pub notes: Vec<String>,
    /// Files to write beside the YAML (a seal from the Word file): name and bytes.
    pub files: Vec<(String, Vec<u8>)>,
}

/// How the alignment of a paragraph was set (Word files only; text has none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Align {
    /// Left or justified.
    #[default]
    Left,
    /// Centred: a title.
    Centre,
    /// Right: a 署名 or a date.
    Right,
}

/// A paragraph of the draft, with what its source knows of it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    /// Its text (a text draft's hard-wrapped lines joined).
    pub text: String,
    /// Its line in a text draft, its paragraph's number in a Word file.
    pub line: usize,
    /// A heading level 1–4 from a Word style or outline level.
    pub heading: Option<u8>,
    /// In Word's Title style.
    pub title: bool,
    /// Its alignment.
    pub align: Align,
    /// A lead sentence in our own DOCX's character style.
    pub lead: Option<String>,
    /// A run-in heading in our own DOCX's character style: its level and its text.
    pub run_in: Option<(u8, String)>,
    /// A table's rows, header first.
    pub table: Option<Vec<Vec<String>>>,
    /// An image in it, by its index among the draft's images.
    pub image: Option<usize>,
    /// In our own DOCX's style of the 发文机关标志.
    pub mark: bool,
}

impl Para {
    /// A paragraph of text.
    pub fn text(text: String, line: usize) -> Para {
        Para {
            text,
            line,
            ..Para::default()
        }
    }

    /// A blank line.
    pub fn blank(line: usize) -> Para {
        Para::text(String::new(), line)
    }

    /// Nothing in it.
    pub fn is_blank(&self) -> bool {
        self.table.is_none() && self.image.is_none() && self.text.trim().is_empty()
    }
}

/// Imports a text draft.
pub fn from_text(text: &str, name: &str, kind: Kind) -> Imported {
    let invisible_removed = text.chars().filter(|&c| text::invisible(c)).count();
    let unified = text::unify(text);
    let (plain, marks) = match markdown::looks_like_markdown(&unified) {
        true => markdown::to_plain(&unified),
        false => (unified, 0),
    };
    let (paras, dropped) = text::paragraphs(&plain);
    let mut out = finish(paras, Vec::new(), name, kind, None);
    out.dropped.splice(0..0, dropped);
    if marks > 0 {
        out.notes.insert(
            0,
            format!("read as Markdown: {marks} mark(s) taken out (# headings, **bold**, list bullets, links)"),
        );
    }
    out.invisible_removed = invisible_removed;
    out
}

/// What to do with a file the importer cannot read as Word.
const SAVE_AS_DOCX: &str = "open it in Word or WPS and save it as .docx (Word Document), or paste its text into a .txt file";

/// Files people hold drafts in that are neither text nor Word: read as text they would give
/// their markup as the document. What each is, and what to do instead.
fn other_format(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64)]).to_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("{\\rtf") {
        Some(("an RTF document", SAVE_AS_DOCX))
    } else if head.starts_with("%pdf-") {
        Some((
            "a PDF",
            "copy its text (or open it in WPS or Word and save it as .docx) and import that: the text's hard wraps and page numbers are taken care of",
        ))
    } else if head.starts_with("<!doctype html") || head.starts_with("<html") {
        Some((
            "a web page's HTML source",
            "open the page in a browser, select the document's text, copy it and import the pasted text: the page's furniture is left out",
        ))
    } else {
        None
    }
}

/// Imports a Word document (.docx). An error says what is wrong with the file.
pub fn from_docx(bytes: &[u8], name: &str, kind: Kind) -> Result<Imported, String> {
    let word = docx::read(bytes)?;
    let mut invisible_removed = 0;
    let mut dropped = Vec::new();
    let mut paras = Vec::with_capacity(word.paras.len());
    let mut sieve = text::Sieve::default();
    for mut p in word.paras {
        invisible_removed += p.text.chars().filter(|&c| text::invisible(c)).count();
        p.text.retain(|c| !text::invisible(c));
        // A web page pasted into Word brings its furniture along.
        let plain = p.table.is_none() && p.image.is_none() && p.heading.is_none();
        match sieve
            .reason(&p.text)
            .filter(|_| plain && !p.text.trim().is_empty())
        {
            Some(reason) => dropped.push(Dropped {
                line: p.line,
                text: p.text,
                reason,
            }),
            None => paras.push(p),
        }
    }
    // Text copied out of a PDF into Word: a paragraph a line.
    let paras = text::join_wrapped(paras);
    let mut out = finish(paras, word.images, name, kind, word.template.as_deref());
    out.dropped.splice(0..0, dropped);
    out.invisible_removed = invisible_removed;
    out.notes.splice(0..0, word.notes);
    Ok(out)
}

/// Splits run-together text, reads the structure, normalises the text and writes the YAML.
/// `template` is the one our own DOCX names in its properties.
fn finish(
    paras: Vec<Para>,
    images: Vec<(String, Vec<u8>)>,
    name: &str,
    kind: Kind,
    template: Option<&str>,
) -> Imported {
    let mut split = Vec::with_capacity(paras.len());
    for p in paras {
        let plain = p.heading.is_none() && p.table.is_none() && p.run_in.is_none();
        match split::run_together(&p.text).filter(|_| plain) {
            Some(parts) => split.extend(parts.into_iter().map(|t| Para {
                text: t,
                ..p.clone()
            })),
            None => split.push(p),
        }
    }
    structure::head_tables_as_lines(&mut split);
    let page_top = structure::page_top(&mut split);
    let mut draft = structure::read(&split, kind, template);
    let tally = normalize_draft(&mut draft);
    let mut notes = std::mem::take(&mut draft.notes);
    let mut files = Vec::new();
    let seal = draft.parts.seal.and_then(|i| images.get(i));
    // A person's 签名章 or an organ's seal.
    let picture = if draft.parts.signer_title.is_some() {
        "stamp.png"
    } else {
        "seal.png"
    };
    let seal_name = match seal {
        Some((_, bytes)) if bytes.starts_with(b"\x89PNG") => {
            files.push((picture.to_string(), bytes.clone()));
            Some(picture)
        }
        Some((image, _)) => {
            notes.push(format!(
                "the picture {image} in the 署名 is not a PNG: save the seal as a PNG with a transparent ground and name it in `seal:`"
            ));
            None
        }
        None => None,
    };
    let others = images.len() - usize::from(seal.is_some());
    if others > 0 {
        notes.push(format!(
            "{others} pictures in the text left out (a 公文's body holds text and tables)"
        ));
    }
    Imported {
        yaml: yaml::write(&draft, name, seal_name),
        dropped: page_top,
        punctuation_changes: tally.punctuation,
        invisible_removed: 0,
        tally,
        notes,
        files,
    }
}

/// Every text of the draft in its written form; the 发文字号 with 〔〕.
fn normalize_draft(d: &mut Draft) -> Tally {
    let mut tally = Tally::default();
    let mut fix = |s: &mut String| *s = normalize::text(s, &mut tally);
    for t in &mut d.title {
        fix(t);
    }
    for s in [
        &mut d.subtitle,
        &mut d.date,
        &mut d.salutation,
        &mut d.parts.note,
        &mut d.parts.cc,
    ]
    .into_iter()
    .flatten()
    {
        fix(s);
    }
    for a in &mut d.parts.attachments {
        fix(a);
    }
    for (_, names) in &mut d.parts.attendance {
        fix(names);
    }
    pieces(&mut d.body, &mut fix);
    for (title, body) in &mut d.parts.annexes {
        fix(title);
        pieces(body, &mut fix);
    }
    let mut gaps = 0;
    let mut body_gaps = |s: &mut String| {
        let (fixed, changed) = normalize::body_gaps(s);
        gaps += changed;
        *s = fixed;
    };
    pieces(&mut d.body, &mut body_gaps);
    for (_, body) in &mut d.parts.annexes {
        pieces(body, &mut body_gaps);
    }
    for (_, names) in &mut d.parts.attendance {
        body_gaps(names);
    }
    tally.gaps = gaps;
    if let Some(number) = &mut d.parts.doc_number {
        let (fixed, changed) = normalize::doc_number(number);
        tally.brackets += usize::from(changed);
        *number = fixed;
    }
    tally
}

fn pieces(body: &mut [Piece], fix: &mut impl FnMut(&mut String)) {
    for p in body {
        match p {
            Piece::Heading {
                label,
                text,
                run_in,
                ..
            } => {
                // A word label's full-width space before its text ("第二章　") is no web spacing:
                // kept out of the normalising, so it is neither taken out nor counted.
                let spaced = label.ends_with('\u{3000}');
                if spaced {
                    label.pop();
                }
                fix(label);
                if spaced {
                    label.push('\u{3000}');
                }
                // A label alone has no Chinese beside it to tell its brackets: "(1)" is "（1）".
                *label = label.replace('(', "（").replace(')', "）");
                fix(text);
                if let Some(r) = run_in {
                    fix(r);
                }
            }
            Piece::Paragraph { lead, text } => {
                if let Some(l) = lead {
                    fix(l);
                }
                fix(text);
            }
            Piece::Table { rows } => rows.iter_mut().flatten().for_each(&mut *fix),
        }
    }
}

/// Imports a draft from its bytes: a Word document (a zip package, or the encrypted or old
/// format Word also writes, which is refused with a hint), or UTF-8 text.
pub fn from_bytes(bytes: Vec<u8>, name: &str, kind: Kind) -> crate::Result<Imported> {
    if let Some((what, hint)) = other_format(&bytes) {
        let reason = format!("this is {what}, not a draft gongwen reads (text, Markdown, .docx)");
        return Err(refused(name, reason, hint));
    }
    let named_docx = name.to_lowercase().ends_with(".docx");
    if docx::looks_like_word(&bytes) || named_docx {
        return from_docx(&bytes, name, kind).map_err(|reason| refused(name, reason, SAVE_AS_DOCX));
    }
    let text = crate::utf8(std::path::Path::new(name), bytes)?;
    Ok(from_text(&text, name, kind))
}

/// A file the importer cannot read: the file, the reason and what to do.
fn refused(name: &str, reason: String, hint: &str) -> crate::Error {
    crate::Error::source_error(
        crate::error::SourceError::at(name, "", None, reason).with_hint(hint),
    )
}
