//! One error type for the whole library, with a hand-written, human `Display`.

use std::fmt;
use std::path::PathBuf;

/// A problem in a YAML file (a source or a template), with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line and column, when known.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// The offending source line, shown under the message.
    pub line_text: Option<String>,
}

impl SourceError {
    /// An error at a position of `text` (the file's contents), picking the line out for display.
    pub fn at(
        file: &str,
        text: &str,
        position: Option<(usize, usize)>,
        message: impl Into<String>,
    ) -> Self {
        let line_text = position.and_then(|(line, _)| {
            text.lines()
                .nth(line.saturating_sub(1))
                .map(|l| l.trim_end().to_string())
        });
        SourceError {
            file: file.to_string(),
            position,
            message: message.into(),
            hint: None,
            line_text,
        }
    }

    /// The same error with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.file, self.message)?,
            None => write!(f, "{}: {}", self.file, self.message)?,
        }
        if let (Some((line, col)), Some(text)) = (self.position, &self.line_text) {
            // A long line is shown around the column only.
            const AROUND: usize = 60;
            let chars: Vec<char> = text.chars().collect();
            let from = col.saturating_sub(1).saturating_sub(AROUND);
            let to = (col + AROUND).min(chars.len());
            let mut shown: String = chars[from.min(chars.len())..to].iter().collect();
            if from > 0 {
                shown.insert(0, '…');
            }
            if to < chars.len() {
                shown.push('…');
            }
            let col = col - from + usize::from(from > 0);
            let text = &shown;
            let gutter = line.to_string().len();
            // The caret goes under the column's character; CJK characters take two columns
            // in a terminal.
            let pad: usize = text
                .chars()
                .take(col.saturating_sub(1))
                .map(|c| if is_wide_in_terminal(c) { 2 } else { 1 })
                .sum();
            write!(
                f,
                "\n{:gutter$} |\n{line} | {text}\n{:gutter$} | {:pad$}^",
                "", "", ""
            )?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

fn is_wide_in_terminal(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// A character no font of its role (nor the fallback) can draw, or a control character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGlyph {
    /// The character.
    pub ch: char,
    /// Where it is: "file:line:col" of the block that holds it, or a description.
    pub place: String,
}

impl fmt::Display for MissingGlyph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ch.is_control() {
            return write!(
                f,
                "{}: control character U+{:04X} prints as nothing; left out",
                self.place, self.ch as u32
            );
        }
        write!(
            f,
            "{}: no font has '{}' (U+{:04X})",
            self.place, self.ch, self.ch as u32
        )
    }
}

/// Everything that can go wrong, each with what a user needs to act on it.
#[derive(Debug)]
pub enum Error {
    /// The YAML source is malformed or does not describe a document.
    Source(Box<SourceError>),
    /// The template file is malformed or inconsistent.
    Template(Box<SourceError>),
    /// Reading or writing a file failed.
    Io {
        /// What we were doing ("read", "write", "create").
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// A font could not be loaded or parsed.
    Font(String),
    /// Characters no font covers, with `--strict`.
    MissingGlyphs(Vec<MissingGlyph>),
    /// The PDF writer failed.
    Pdf(String),
    /// The DOCX writer failed.
    Docx(String),
    /// `gongwen check` found errors (they were printed as findings).
    Findings(usize),
    /// Some files of a batch failed (each was reported as it failed).
    Failed(usize),
    /// A document beyond a limit (`--max-input-size`, `--max-pages`).
    Limit {
        /// What is too large.
        message: String,
        /// The flag that raises the limit.
        flag: &'static str,
    },
    /// The command line asks for something impossible (e.g. an output that would overwrite the input).
    Usage(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Source(e) => write!(f, "error: {e}"),
            Error::Template(e) => write!(f, "error in template: {e}"),
            Error::Io {
                action,
                path,
                source,
            } => {
                write!(f, "error: cannot {action} {}: {source}", path.display())?;
                let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
                match (source.kind(), folder) {
                    (std::io::ErrorKind::NotFound, Some(dir)) if !dir.exists() => write!(
                        f,
                        "\n  = hint: the folder {} does not exist; create it, or name another",
                        dir.display()
                    ),
                    (std::io::ErrorKind::PermissionDenied, _) => write!(
                        f,
                        "\n  = hint: you may not {action} there; choose another folder (-o)"
                    ),
                    _ => Ok(()),
                }
            }
            Error::Limit { message, flag } => write!(
                f,
                "error: {message}\n  = hint: if the file is what you meant, raise the limit with {flag}"
            ),
            Error::Font(msg) => write!(f, "error: font: {msg}"),
            Error::MissingGlyphs(list) => {
                write!(
                    f,
                    "error: {} character(s) have no glyph in any font (--strict):",
                    list.len()
                )?;
                for m in list {
                    write!(f, "\n  {m}")?;
                }
                write!(
                    f,
                    "\n  = hint: install a font that has them, or name one with --font-path"
                )
            }
            Error::Pdf(msg) => write!(f, "error: writing the PDF failed: {msg}"),
            Error::Docx(msg) => write!(f, "error: writing the DOCX failed: {msg}"),
            Error::Usage(msg) => write!(f, "error: {msg}"),
            Error::Findings(n) => write!(f, "{n} error(s) found"),
            Error::Failed(n) => write!(f, "{n} file(s) failed"),
        }
    }
}

impl Error {
    /// A problem in the source file.
    pub fn source_error(e: SourceError) -> Error {
        Error::Source(Box::new(e))
    }

    /// A problem in the template file.
    pub fn template_error(e: SourceError) -> Error {
        Error::Template(Box::new(e))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_error_shows_line_and_caret() {
        let text = "title: 讲话\nbody:\n  - 同志们\n";
        let e = SourceError::at("a.yaml", text, Some((3, 5)), "bad").with_hint("fix it");
        let s = e.to_string();
        assert!(s.starts_with("a.yaml:3:5: bad"), "{s}");
        assert!(s.contains("3 |   - 同志们"), "{s}");
        assert!(s.ends_with("= hint: fix it"), "{s}");
    }
}
