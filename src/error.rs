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

impl SourceError {
    /// Drawn as rustc draws a diagnostic: the message, the place, the source line with a caret
    /// under the column, the hint; in colour when `color` (a terminal).
    pub fn render(&self, severity: Severity, color: bool) -> String {
        self.render_as(severity, &self.message, self.hint.as_deref(), color)
    }

    /// Drawn at this place with another message and hint.
    fn render_as(
        &self,
        severity: Severity,
        message: &str,
        hint: Option<&str>,
        color: bool,
    ) -> String {
        diagnostic(
            severity,
            &self.file,
            self.position,
            self.line_text.as_deref(),
            message,
            hint,
            color,
        )
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Severity::Error, false))
    }
}

/// How grave a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The render stops.
    Error,
    /// The render goes on.
    Warning,
}

/// A diagnostic in rustc's form (annotate-snippets): `error: message`, ` --> file:line:col`,
/// the line with a caret under the column (a long line is shown around the column only), and
/// `= hint: …`; with ANSI colours when `color`.
pub fn diagnostic(
    severity: Severity,
    file: &str,
    position: Option<(usize, usize)>,
    line_text: Option<&str>,
    message: &str,
    hint: Option<&str>,
    color: bool,
) -> String {
    use annotate_snippets::{AnnotationKind, Level, Origin, Snippet};
    let level = match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(message);
    let group = match (position, line_text) {
        (Some((line, col)), Some(text)) => {
            // The renderer shows a long line around the column only.
            let start: usize = text
                .chars()
                .take(col.saturating_sub(1))
                .map(char::len_utf8)
                .sum();
            let end = start + text[start..].chars().next().map_or(0, char::len_utf8);
            title.element(
                Snippet::source(text)
                    .line_start(line)
                    .path(file)
                    .annotation(AnnotationKind::Primary.span(start..end)),
            )
        }
        (Some((line, col)), None) => title.element(Origin::path(file).line(line).char_column(col)),
        (None, _) => title.element(Origin::path(file)),
    };
    finish(group, hint, color)
}

/// A diagnostic's group with its `= hint:` line, drawn (in colour when `color`).
fn finish(group: annotate_snippets::Group<'_>, hint: Option<&str>, color: bool) -> String {
    use annotate_snippets::{Level, Renderer};
    let group = match hint {
        Some(h) => group.element(Level::HELP.with_name("hint").message(h)),
        None => group,
    };
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&[group])
}

/// A character no font of its role (nor the fallback) can draw, or a control character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGlyph {
    /// The character.
    pub ch: char,
    /// Where it is: the source and the start of the block that holds it.
    pub at: SourceError,
}

impl MissingGlyph {
    /// What is wrong with the character, without its place.
    pub fn message(&self) -> String {
        if self.ch.is_control() {
            format!(
                "control character U+{:04X} prints as nothing; left out",
                self.ch as u32
            )
        } else {
            format!("no font has '{}' (U+{:04X})", self.ch, self.ch as u32)
        }
    }

    /// Drawn as a rustc warning (or, with `--strict`, an error).
    pub fn render(&self, severity: Severity, color: bool) -> String {
        let hint = (!self.ch.is_control())
            .then_some("install a font that has it and name it with --font-path, or see `gongwen fonts --check`");
        self.at.render_as(severity, &self.message(), hint, color)
    }
}

impl fmt::Display for MissingGlyph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Severity::Warning, false))
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
    /// Writing the OFD failed.
    Ofd(String),
    /// Drawing the pages as SVG or PNG failed.
    Picture(String),
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

impl Error {
    /// Drawn as rustc draws its errors; in colour when `color` (a terminal without `NO_COLOR`).
    pub fn render(&self, color: bool) -> String {
        // An error with no place in a file.
        let plain = |message: String, hint: Option<String>| {
            use annotate_snippets::{Group, Level};
            finish(
                Group::with_title(Level::ERROR.primary_title(message)),
                hint.as_deref(),
                color,
            )
        };
        match self {
            Error::Source(e) => e.render(Severity::Error, color),
            Error::Template(e) => e.render_as(
                Severity::Error,
                &format!("in the template: {}", e.message),
                e.hint.as_deref(),
                color,
            ),
            Error::Io {
                action,
                path,
                source,
            } => {
                let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
                let hint = match (source.kind(), folder) {
                    (std::io::ErrorKind::NotFound, Some(dir)) if !dir.exists() => Some(format!(
                        "the folder {} does not exist; create it, or name another",
                        dir.display()
                    )),
                    (std::io::ErrorKind::PermissionDenied, _) => Some(format!(
                        "you may not {action} there; choose another folder (-o)"
                    )),
                    _ => None,
                };
                plain(
                    format!("cannot {action} {}: {source}", path.display()),
                    hint,
                )
            }
            Error::Font(msg) => plain(format!("font: {msg}"), None),
            Error::MissingGlyphs(list) => {
                list.iter()
                    .map(|m| m.render(Severity::Error, color))
                    .collect::<Vec<_>>()
                    .join("\n")
                    + &plain(
                        format!(
                            "{} character(s) have no glyph in any font (--strict)",
                            list.len()
                        ),
                        None,
                    )
            }
            Error::Pdf(msg) => plain(format!("writing the PDF failed: {msg}"), None),
            Error::Picture(msg) => plain(format!("drawing the pages failed: {msg}"), None),
            Error::Docx(msg) => plain(format!("writing the DOCX failed: {msg}"), None),
            Error::Ofd(msg) => plain(format!("writing the OFD failed: {msg}"), None),
            Error::Limit { message, flag } => plain(
                message.clone(),
                Some(format!(
                    "if the file is what you meant, raise the limit with {flag}"
                )),
            ),
            Error::Usage(msg) => plain(msg.clone(), None),
            Error::Findings(n) => format!("{n} error(s) found"),
            Error::Failed(n) => format!("{n} file(s) failed"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
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
        // rustc's form: the message, the place, the line with a caret under the column (a CJK
        // character is two columns wide in a terminal), the hint.
        assert_eq!(
            s,
            "error: bad\n --> a.yaml:3:5\n  |\n3 |   - 同志们\n  |     ^^\n  |\n  = hint: fix it"
        );
        // In colour on a terminal, and only there.
        assert!(!s.contains('\x1b'));
        assert!(e.render(Severity::Error, true).contains("\x1b["));
    }

    #[test]
    fn a_long_line_is_shown_around_the_column() {
        let line = format!("body: {}错{}", "甲".repeat(200), "乙".repeat(200));
        let e = SourceError::at("a.yaml", &line, Some((1, 207)), "here");
        let s = e.to_string();
        assert!(s.contains(" --> a.yaml:1:207"), "{s}");
        assert!(s.contains('错') && s.contains("..."), "{s}");
        assert!(s.lines().all(|l| l.chars().count() < 150), "{s}");
    }
}
