//! `gongwen check`: the source parsed as `render` parses it, linted, its pages audited.

use std::path::Path;

use gongwen::{Error, Formats, Options, Source};

use super::args::CheckFormat;
use super::color_on;

pub(crate) fn check(
    input: &Path,
    format: CheckFormat,
    fix: bool,
    max_input: usize,
) -> Result<(), Error> {
    let name = input.display().to_string();
    let mut text = gongwen::read_text(input, max_input)?;
    let yaml = input.extension().is_some_and(|e| e == "yaml" || e == "yml");
    // A source is read exactly as `render` reads it: its errors are render's, with their places.
    let parse = |text: &str| -> Result<gongwen::Laid, Error> {
        let mut source = Source::new(name.clone(), text);
        if let Some(dir) = input.parent() {
            source = source.in_dir(dir);
        }
        let opts = Options {
            formats: Formats::default(),
            ..Options::default()
        };
        gongwen::lay_out(&source, &opts)
    };
    let mut laid = if yaml { Some(parse(&text)?) } else { None };
    if fix {
        let (fixed, n) = gongwen::lint::fix(&text, yaml);
        if n > 0 {
            if yaml {
                laid = Some(parse(&fixed)?);
            }
            gongwen::write_in_place(input, fixed.as_bytes())?;
            eprintln!("{name}: {n} fix(es) applied");
        }
        text = fixed;
    }
    // With the page audit: what a reviewer looks for on the printed pages.
    let findings = gongwen::lint::findings(&text, yaml, laid.as_ref());
    let mut report = String::new();
    match format {
        CheckFormat::Text => {
            let color = color_on(&std::io::stdout());
            let lines: Vec<&str> = text.lines().collect();
            for f in &findings {
                let severity = match f.level {
                    gongwen::lint::Level::Error => gongwen::error::Severity::Error,
                    gongwen::lint::Level::Warning => gongwen::error::Severity::Warning,
                };
                report.push_str(&gongwen::error::diagnostic(
                    severity,
                    &name,
                    Some((f.line, f.column)),
                    lines.get(f.line.saturating_sub(1)).copied(),
                    &format!("{} [{}]", f.message, f.rule),
                    f.fix.as_ref().map(|_| "`gongwen check --fix` mends this"),
                    color,
                ));
                report.push_str("\n\n");
            }
        }
        CheckFormat::Short => {
            for f in &findings {
                report.push_str(&format!(
                    "{name}:{}:{}: {}: {} [{}]\n",
                    f.line,
                    f.column,
                    f.level.name(),
                    f.message,
                    f.rule
                ));
            }
        }
        CheckFormat::Json => {
            let list: Vec<serde_json::Value> = findings
                .iter()
                .map(|f| {
                    let mut json = f.to_json();
                    json["file"] = serde_json::Value::from(name.as_str());
                    json
                })
                .collect();
            report = serde_json::Value::Array(list).to_string() + "\n";
        }
    }
    // A closed pipe (`| head`) ends the output quietly.
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), report.as_bytes());
    let errors = findings
        .iter()
        .filter(|f| f.level == gongwen::lint::Level::Error)
        .count();
    if errors > 0 {
        return Err(Error::Findings(errors));
    }
    Ok(())
}
