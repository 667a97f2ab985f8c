//! Every string of the model composed (NFC) and without control characters. A YAML escape
//! ("\a", "\x00") can put a control character in any string, and one that reached the DOCX made
//! its XML ill-formed (LibreOffice would not open it). Every string of the document is checked
//! here, once: each control character is left out and said, at the place of the entry or key
//! that held it. (Typed raw into the file, one is an error of the YAML parser.)

use crate::error::SourceError;
use crate::model::{Block, Document, Origin, Title};

/// Where a string was written: a line and column of the source, if known.
type Place = Option<(usize, usize)>;

/// A character no output can hold: C0 and C1 controls, DEL. Line breaks inside a paragraph's
/// text were joined before, and a tab is a space.
fn is_control(c: char) -> bool {
    c.is_control()
}

/// Leaves every control character out of the document's strings; one warning per string that
/// held any, at its place.
pub fn strip_controls(file: &str, text: &str, doc: &mut Document) -> Vec<SourceError> {
    let mut warnings = Vec::new();
    // The line of a top-level key, for the fields that keep no place of their own.
    let key_line = |key: &str| super::key_place(text, key);
    let mut clean = |s: &mut String, place: Place| {
        // Composed (NFC) before fonts are asked for its characters: "a" + U+0301 is "á", which
        // a font has where it may lack the lone combining mark.
        if !unicode_normalization::is_nfc(s) {
            *s = unicode_normalization::UnicodeNormalization::nfc(s.as_str()).collect();
        }
        if let Some(c) = s.chars().find(|&c| is_control(c)) {
            s.retain(|c| !is_control(c));
            warnings.push(SourceError::at(
                file,
                text,
                place,
                format!(
                    "control character U+{:04X} prints as nothing; left out",
                    c as u32
                ),
            ));
        }
    };
    let at = |o: Origin| (o.line > 0).then_some((o.line, o.column));
    match &mut doc.title {
        Title::Auto(s) => clean(s, key_line("title")),
        Title::Lines(lines) => lines.iter_mut().for_each(|s| clean(s, key_line("title"))),
    }
    for (key, field) in [
        ("subtitle", &mut doc.subtitle),
        ("speaker", &mut doc.speaker),
        ("date", &mut doc.date),
        ("salutation", &mut doc.salutation),
        ("note", &mut doc.note),
    ] {
        if let Some(s) = field {
            let place = key_line(key).or_else(|| key_line("recipients"));
            clean(s, place);
        }
    }
    if let Some(h) = &mut doc.header {
        for (key, field) in [
            ("copy_number", &mut h.copy_number),
            ("secrecy", &mut h.secrecy),
            ("urgency", &mut h.urgency),
            ("doc_number", &mut h.doc_number),
            ("issuers", &mut h.mark_suffix),
        ] {
            if let Some(s) = field {
                clean(s, key_line(key));
            }
        }
        for s in &mut h.issuers {
            clean(s, key_line("issuers"));
        }
        for s in &mut h.signers {
            clean(s, key_line("signers"));
        }
    }
    for s in &mut doc.attachments {
        clean(s, key_line("attachments"));
    }
    if let Some(sig) = &mut doc.signature {
        let place = key_line("signature");
        for s in &mut sig.organs {
            clean(s, place);
        }
        clean(&mut sig.date, place);
        if let Some(signer) = &mut sig.signer {
            for s in [&mut signer.title, &mut signer.name].into_iter().flatten() {
                clean(s, place);
            }
        }
    }
    for a in &mut doc.attendance {
        clean(&mut a.names, None);
    }
    if let Some(imp) = &mut doc.imprint {
        if let Some(cc) = &mut imp.cc {
            clean(cc, key_line("cc"));
        }
        clean(&mut imp.printer, key_line("printer"));
        clean(&mut imp.printed, key_line("printer"));
    }
    let blocks = |blocks: &mut Vec<Block>, clean: &mut dyn FnMut(&mut String, Place)| {
        for b in blocks {
            match b {
                Block::Heading {
                    label,
                    text,
                    run_in,
                    origin,
                    ..
                } => {
                    let place = at(*origin);
                    clean(label, place);
                    clean(text, place);
                    if let Some(r) = run_in {
                        clean(r, place);
                    }
                }
                Block::Paragraph { lead, text, origin } => {
                    let place = at(*origin);
                    if let Some(l) = lead {
                        clean(l, place);
                    }
                    clean(text, place);
                }
                Block::Table {
                    header,
                    rows,
                    origin,
                } => {
                    let place = at(*origin);
                    header
                        .iter_mut()
                        .chain(rows.iter_mut().flatten())
                        .for_each(|s| clean(s, place));
                }
            }
        }
    };
    blocks(&mut doc.blocks, &mut clean);
    for annex in &mut doc.annexes {
        blocks(&mut annex.blocks, &mut clean);
    }
    for annex in &mut doc.annexes {
        clean(&mut annex.title, key_line("annexes"));
    }
    warnings
}
