//! `gongwen import`: a draft (text or a Word document) to a YAML source; and the same import
//! in memory for `render draft.docx`.

use std::path::{Path, PathBuf};

use gongwen::import::{Imported, Kind};
use gongwen::{Error, Source};

/// Reads a draft from a file or standard input ("-"), at most `max_bytes`.
fn read_draft(input: &Path, max_bytes: usize) -> Result<(String, Vec<u8>), Error> {
    if input.as_os_str() == "-" {
        let name = "<stdin>";
        let bytes = gongwen::read_limited(std::io::stdin().lock(), max_bytes, name)?;
        return Ok((name.into(), bytes));
    }
    Ok((
        input.display().to_string(),
        gongwen::read_bytes(input, max_bytes)?,
    ))
}

/// Says on standard error what the import dropped, changed and left out.
fn report(name: &str, out: &Imported) {
    // A Word file's places are its paragraphs, counted from 1.
    let paragraph = if name.to_lowercase().ends_with(".docx") {
        "paragraph "
    } else {
        ""
    };
    for d in &out.dropped {
        eprintln!(
            "{name}:{paragraph}{}: dropped: {} ({})",
            d.line, d.text, d.reason
        );
    }
    if out.invisible_removed > 0 {
        eprintln!(
            "{name}: {} invisible character(s) taken out (control characters, zero-width spaces)",
            out.invisible_removed
        );
    }
    let t = &out.tally;
    for (n, what) in [
        (
            t.punctuation,
            "punctuation mark(s) set in their full-width forms",
        ),
        (
            t.spaces,
            "web space(s) taken out (between Chinese and digits or Latin, beside full-width marks)",
        ),
        (
            t.gaps,
            "gap(s) between Chinese words in the body set as full-width spaces (each takes a grid cell)",
        ),
        (t.composed, "character(s) composed (NFC)"),
        (t.brackets, "发文字号 year bracket(s) set as 〔〕"),
    ] {
        if n > 0 {
            eprintln!("{name}: {n} {what}");
        }
    }
    for note in &out.notes {
        eprintln!("{name}: note: {note}");
    }
}

/// `gongwen import INPUT [-o OUT.yaml] [--kind …]`.
pub fn import(
    input: &Path,
    output: Option<&Path>,
    kind: Kind,
    max_bytes: usize,
) -> Result<(), Error> {
    let (name, bytes) = read_draft(input, max_bytes)?;
    let out = gongwen::import::from_bytes(bytes, &name, kind)?;
    report(&name, &out);
    let dir = match output {
        Some(path) => {
            if std::fs::canonicalize(path)
                .ok()
                .is_some_and(|p| std::fs::canonicalize(input).ok() == Some(p))
            {
                return Err(Error::Usage(format!(
                    "the output {} is the input file",
                    path.display()
                )));
            }
            path.parent().map(Path::to_path_buf).unwrap_or_default()
        }
        None => PathBuf::from("."),
    };
    // A seal from the Word file goes beside the YAML that names it.
    for (file, bytes) in &out.files {
        let path = dir.join(file);
        gongwen::write_atomic(&path, bytes)?;
        eprintln!("wrote {}", path.display());
    }
    match output {
        Some(path) => {
            gongwen::write_atomic(path, out.yaml.as_bytes())?;
            eprintln!("wrote {}", path.display());
            Ok(())
        }
        // The source is the output: a full disk or a reader gone (a closed pipe) loses it, and
        // that is an error (exit 1), unlike the information commands' early-closed pipes.
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(out.yaml.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| Error::Io {
                    action: "write",
                    path: "<stdout>".into(),
                    source: e,
                })
        }
    }
}

/// Whether `render` should import the input first: a Word document or a text or Markdown
/// draft, rather than a YAML source; also the files the importer refuses with a reason and a
/// hint (an old .doc, an .odt, RTF, PDF, a web page's HTML), which read as YAML would only say
/// that they are no YAML.
pub fn is_draft(input: &Path) -> bool {
    const DRAFTS: [&str; 11] = [
        "docx", "txt", "md", "markdown", "doc", "wps", "odt", "rtf", "pdf", "html", "htm",
    ];
    input
        .extension()
        .is_some_and(|e| DRAFTS.iter().any(|d| e.eq_ignore_ascii_case(d)))
}

/// A draft imported in memory, as the source `render` lays out, its seal (from a Word file)
/// sent along with it: nothing is written to disk.
pub fn draft_source(input: &Path, max_bytes: usize, say: &dyn Fn(String)) -> Result<Source, Error> {
    let (name, bytes) = read_draft(input, max_bytes)?;
    let out = gongwen::import::from_bytes(bytes, &name, Kind::Auto)?;
    for note in &out.notes {
        say(format!("{name}: note: {note}"));
    }
    Ok(Source::new(name, out.yaml).with_images(out.files))
}
