//! What a YAML parse error means to the person who wrote the file: its place, the parser's
//! message without its own location suffix, and a hint (a likely misspelt key, a half-width
//! colon in Chinese text, a bracket left open). Sources and templates are both YAML.

use crate::error::SourceError;

/// Turns a serde-saphyr error into a `SourceError` with position and a hint.
pub fn yaml_error(file: &str, text: &str, e: &serde_saphyr::Error) -> SourceError {
    let position = e
        .location()
        .filter(|l| l.line() > 0)
        .map(|l| (l.line() as usize, l.column() as usize));
    let mut message = plain_message(e);
    let hint = hint_for(&message, text, position);
    // With a likely key in the hint, the parser's list of every key is noise.
    if hint
        .as_deref()
        .is_some_and(|h| h.starts_with("did you mean"))
        && let Some(i) = message.find(", expected")
    {
        message.truncate(i);
    }
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

#[cfg(test)]
mod tests {
    use super::closest;

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
