//! `gongwen check`: the mistakes reviewers send drafts back for, found by a program.
//!
//! Works on a YAML source or a plain-text draft, line by line, on the text only (in YAML, the
//! values; keys and comments are not text). Each finding has its place, a level, a rule name and,
//! where the change is safe, a fix.

use crate::numbering::{Style, marker};
use crate::punct;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Breaks the standard: the check fails.
    Error,
    /// Worth a look.
    Warning,
}

impl Level {
    /// As printed.
    pub fn name(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
        }
    }
}

/// A safe change: replace `len` characters at the finding's place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Characters to replace.
    pub len: usize,
    /// What to put there.
    pub with: String,
}

/// One problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// How serious.
    pub level: Level,
    /// The rule's name.
    pub rule: &'static str,
    /// What is wrong.
    pub message: String,
    /// The safe fix, if there is one.
    pub fix: Option<Fix>,
}

/// A stretch of text on a line: where it starts (0-based char column) and its characters.
#[derive(Debug, Clone)]
struct Span {
    line: usize,
    col: usize,
    text: Vec<char>,
    /// The first line of a value (a paragraph, heading, label or lead starts here).
    starts_value: bool,
    /// Inside a YAML double-quoted scalar (straight quotes there are escapes, not text).
    quoted: bool,
    /// The value of `title:`.
    title: bool,
}

fn yaml_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut block_indent: Option<usize> = None;
    let mut in_title_list = false;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let chars: Vec<char> = raw.chars().collect();
        let indent = chars.iter().take_while(|c| **c == ' ').count();
        if let Some(bi) = block_indent {
            if raw.trim().is_empty() {
                continue;
            }
            if indent > bi {
                spans.push(Span {
                    line,
                    col: indent,
                    text: chars[indent..].to_vec(),
                    starts_value: false,
                    quoted: false,
                    title: false,
                });
                continue;
            }
            block_indent = None;
        }
        let trimmed = raw.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        // Strip "- " markers and a "key:" prefix.
        let mut col = indent;
        while chars.get(col) == Some(&'-') && chars.get(col + 1).is_none_or(|c| *c == ' ') {
            col += 2;
        }
        let rest: String = chars[col.min(chars.len())..].iter().collect();
        let mut key = None;
        if let Some(k) = rest.find(':') {
            let name = &rest[..k];
            if !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && rest[k + 1..].chars().next().is_none_or(|c| c == ' ')
            {
                key = Some(name.to_string());
                col += name.chars().count() + 1;
                while chars.get(col) == Some(&' ') {
                    col += 1;
                }
            }
        }
        if let Some(k) = &key {
            in_title_list = k == "title" && col >= chars.len();
            if matches!(k.as_str(), "template" | "body") {
                continue;
            }
        }
        let is_title = key.as_deref() == Some("title") || (key.is_none() && in_title_list);
        if key.is_some() && key.as_deref() != Some("title") {
            in_title_list = false;
        }
        if col >= chars.len() {
            continue;
        }
        let mut value: Vec<char> = chars[col..].to_vec();
        if matches!(value.first(), Some('|' | '>'))
            && value
                .iter()
                .skip(1)
                .all(|c| matches!(c, '-' | '+' | ' ') || c.is_ascii_digit())
        {
            block_indent = Some(indent);
            // The block's first line starts the value.
            let next = text.lines().nth(i + 1).unwrap_or("");
            let ni = next.chars().take_while(|c| *c == ' ').count();
            if ni > indent && !next.trim().is_empty() {
                spans.push(Span {
                    line: line + 1,
                    col: ni,
                    text: next.chars().skip(ni).collect(),
                    starts_value: true,
                    quoted: false,
                    title: is_title,
                });
            }
            continue;
        }
        let mut quoted = false;
        if let (Some('"'), Some('"')) = (value.first(), value.last())
            && value.len() >= 2
        {
            value = value[1..value.len() - 1].to_vec();
            col += 1;
            quoted = true;
        } else if let (Some('\''), Some('\'')) = (value.first(), value.last())
            && value.len() >= 2
        {
            value = value[1..value.len() - 1].to_vec();
            col += 1;
        } else if let Some(h) =
            (0..value.len()).find(|&j| value[j] == '#' && j > 0 && value[j - 1] == ' ')
        {
            value.truncate(h);
            while value.last() == Some(&' ') {
                value.pop();
            }
        }
        spans.push(Span {
            line,
            col,
            text: value,
            starts_value: true,
            quoted,
            title: is_title,
        });
    }
    spans
}

fn text_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    // The first line is a title when more follows and it reads like one: short, one phrase, not
    // numbered, not a salutation or 主送机关 ending in a colon.
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim_matches([' ', '\u{3000}', '\t', '\r']))
        .filter(|l| !l.is_empty())
        .collect();
    let mut first = lines.len() > 1
        && lines[0].chars().count() <= 40
        && !lines[0]
            .trim_end_matches(['。', '.'])
            .contains(['。', '，', ','])
        && !lines[0].ends_with(['：', ':'])
        && marker(lines[0]).is_none();
    for (i, raw) in text.lines().enumerate() {
        let chars: Vec<char> = raw.trim_end_matches('\r').chars().collect();
        let indent = chars
            .iter()
            .take_while(|c| matches!(c, ' ' | '\u{3000}' | '\t' | '\u{feff}'))
            .count();
        if indent == chars.len() {
            continue;
        }
        spans.push(Span {
            line: i + 1,
            col: indent,
            text: chars[indent..].to_vec(),
            starts_value: true,
            quoted: false,
            title: first,
        });
        first = false;
    }
    spans
}

/// Check a file's text. `yaml` says whether it is a YAML source (else a plain-text draft).
pub fn check(text: &str, yaml: bool) -> Vec<Finding> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut spans = if yaml {
        yaml_spans(text)
    } else {
        text_spans(text)
    };
    // A block scalar's first line is pushed when its header is read; drop the duplicate the
    // loop adds when it reaches that line as block content.
    spans.dedup_by(|b, a| a.line == b.line && a.col == b.col);
    let mut out = Vec::new();
    for s in &spans {
        punctuation(s, &mut out);
        pairs(s, &mut out);
        doubled(s, &mut out);
        dates(s, &mut out);
        doc_numbers(s, &mut out);
        placeholders(s, &mut out);
        if s.title {
            title(s, &mut out);
        }
    }
    numbering(&spans, &mut out);
    if yaml {
        title_placeholder(text, &mut out);
    }
    out.sort_by_key(|f| (f.line, f.column));
    out.dedup_by(|b, a| a.line == b.line && a.column == b.column && a.rule == b.rule);
    out
}

fn find(
    s: &Span,
    at: usize,
    level: Level,
    rule: &'static str,
    message: String,
    fix: Option<Fix>,
) -> Finding {
    Finding {
        line: s.line,
        column: s.col + at + 1,
        level,
        rule,
        message,
        fix,
    }
}

fn punctuation(s: &Span, out: &mut Vec<Finding>) {
    let text: String = s.text.iter().collect();
    let (_, changes) = punct::normalize(&text);
    for c in changes {
        if s.quoted && c.from == '"' {
            continue;
        }
        out.push(find(
            s,
            c.index,
            Level::Error,
            "halfwidth-punct",
            format!(
                "half-width '{}' in Chinese text; GB/T 15834 sets '{}'",
                c.from, c.to
            ),
            Some(Fix {
                len: 1,
                with: c.to.to_string(),
            }),
        ));
    }
}

fn pairs(s: &Span, out: &mut Vec<Finding>) {
    for (open, close) in [
        ('“', '”'),
        ('‘', '’'),
        ('（', '）'),
        ('《', '》'),
        ('〔', '〕'),
        ('【', '】'),
    ] {
        let mut stack: Vec<usize> = Vec::new();
        for (i, &c) in s.text.iter().enumerate() {
            if c == open {
                stack.push(i);
            } else if c == close && stack.pop().is_none() {
                out.push(find(
                    s,
                    i,
                    Level::Error,
                    "unpaired-marks",
                    format!("'{close}' closes nothing: no '{open}' before it"),
                    None,
                ));
            }
        }
        for i in stack {
            out.push(find(
                s,
                i,
                Level::Error,
                "unpaired-marks",
                format!("'{open}' is never closed by '{close}'"),
                None,
            ));
        }
    }
}

fn doubled(s: &Span, out: &mut Vec<Finding>) {
    let t = &s.text;
    for i in 1..t.len() {
        if t[i] == t[i - 1] && "，。、；：？！".contains(t[i]) && (i < 2 || t[i - 2] != t[i])
        {
            out.push(find(
                s,
                i,
                Level::Error,
                "doubled-marks",
                format!("'{}' twice", t[i]),
                Some(Fix {
                    len: 1,
                    with: String::new(),
                }),
            ));
        }
    }
}

fn digits_at(t: &[char], i: usize) -> usize {
    t[i..].iter().take_while(|c| c.is_ascii_digit()).count()
}

/// Dates in §7.3.5's form: full year, no leading zeros (2017年8月1日).
fn dates(s: &Span, out: &mut Vec<Finding>) {
    let t = &s.text;
    let mut i = 0;
    while i < t.len() {
        if !t[i].is_ascii_digit() || (i > 0 && t[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let y = digits_at(t, i);
        if t.get(i + y) != Some(&'年') {
            i += y;
            continue;
        }
        let m0 = i + y + 1;
        let m = digits_at(t, m0);
        if m == 0 || t.get(m0 + m) != Some(&'月') {
            i += y;
            continue;
        }
        if y == 2 {
            out.push(find(
                s,
                i,
                Level::Error,
                "date-format",
                "a two-digit year; write the full year (2017年, not 17年)".into(),
                None,
            ));
        }
        let d0 = m0 + m + 1;
        let d = digits_at(t, d0);
        let day = d > 0 && t.get(d0 + d) == Some(&'日');
        for (start, len) in [(m0, m), (d0, if day { d } else { 0 })] {
            if len > 1 && t[start] == '0' {
                let kept: String = t[start..start + len]
                    .iter()
                    .skip_while(|c| **c == '0')
                    .collect();
                out.push(find(
                    s,
                    start,
                    Level::Error,
                    "date-format",
                    format!(
                        "a leading zero in a date; write {kept}, not {}",
                        t[start..start + len].iter().collect::<String>()
                    ),
                    Some(Fix { len, with: kept }),
                ));
            }
        }
        i = d0;
    }
}

/// 发文字号: 机关代字〔年份〕序号号 — 〔〕 not [] () 【】, no 第, no leading zeros.
fn doc_numbers(s: &Span, out: &mut Vec<Finding>) {
    let t = &s.text;
    for i in 0..t.len() {
        let open = t[i];
        let close = match open {
            '〔' => '〕',
            '[' => ']',
            '［' => '］',
            '(' => ')',
            '（' => '）',
            '【' => '】',
            _ => continue,
        };
        // A year of four digits in the brackets, a character of an organ's code before them.
        if digits_at(t, i + 1) != 4
            || t.get(i + 5) != Some(&close)
            || i == 0
            || !punct::is_cjk(t[i - 1])
        {
            continue;
        }
        let mut n0 = i + 6;
        let di = t.get(n0) == Some(&'第');
        if di {
            n0 += 1;
        }
        let n = digits_at(t, n0);
        if n == 0 || t.get(n0 + n) != Some(&'号') {
            continue;
        }
        if open != '〔' {
            out.push(find(
                s,
                i,
                Level::Error,
                "doc-number",
                format!("发文字号 years go in 〔〕, not {open}{close}"),
                Some(Fix {
                    len: 1,
                    with: "〔".into(),
                }),
            ));
            out.push(find(
                s,
                i + 5,
                Level::Error,
                "doc-number",
                format!("发文字号 years go in 〔〕, not {open}{close}"),
                Some(Fix {
                    len: 1,
                    with: "〕".into(),
                }),
            ));
        }
        if di {
            out.push(find(
                s,
                i + 6,
                Level::Error,
                "doc-number",
                "no 第 before a 发文字号's number".into(),
                Some(Fix {
                    len: 1,
                    with: String::new(),
                }),
            ));
        }
        if n > 1 && t[n0] == '0' {
            let kept: String = t[n0..n0 + n].iter().skip_while(|c| **c == '0').collect();
            out.push(find(
                s,
                n0,
                Level::Error,
                "doc-number",
                format!("no leading zeros in a 发文字号's number; write {kept}号"),
                Some(Fix { len: n, with: kept }),
            ));
        }
    }
}

/// Placeholders left in: a lone x, X, ×, XX standing for a character or number; ○.
fn placeholders(s: &Span, out: &mut Vec<Finding>) {
    let t = &s.text;
    let mut i = 0;
    while i < t.len() {
        let c = t[i];
        if matches!(c, 'x' | 'X' | '×' | '○') {
            let n = t[i..].iter().take_while(|d| **d == c).count();
            let before = i.checked_sub(1).map(|j| t[j]);
            let after = t.get(i + n).copied();
            let latin = |x: Option<char>| x.is_some_and(|x| x.is_ascii_alphanumeric());
            let cjk = |x: Option<char>| x.is_some_and(punct::is_cjk);
            let stands_alone = !latin(before) && !latin(after) && (cjk(before) || cjk(after));
            // "3×4" is a multiplication.
            let times = c == '×'
                && before.is_some_and(|b| b.is_ascii_digit())
                && after.is_some_and(|a| a.is_ascii_digit());
            if stands_alone && !times {
                let what: String = t[i..i + n].iter().collect();
                out.push(find(
                    s,
                    i,
                    Level::Warning,
                    "placeholder",
                    format!("placeholder '{what}' left in the text"),
                    None,
                ));
            }
            i += n;
        } else {
            i += 1;
        }
    }
}

/// The importer's placeholder title left in a YAML source (`title: "（标题）"`).
fn title_placeholder(text: &str, out: &mut Vec<Finding>) {
    for (i, line) in text.lines().enumerate() {
        let Some(value) = line.strip_prefix("title:") else {
            continue;
        };
        let value = value
            .split(" #")
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches(['"', '\'']);
        if value == crate::source::TITLE_PLACEHOLDER {
            let column = line.chars().count()
                - line
                    .trim_start_matches("title:")
                    .trim_start()
                    .chars()
                    .count()
                + 1;
            out.push(Finding {
                line: i + 1,
                column,
                level: Level::Error,
                rule: "title-placeholder",
                message: "the title is still the importer's placeholder （标题）: write the title"
                    .into(),
                fix: None,
            });
        }
    }
}

fn title(s: &Span, out: &mut Vec<Finding>) {
    if let Some(&last) = s.text.last()
        && "。，、；：！？.,;:!?".contains(last)
    {
        out.push(find(
            s,
            s.text.len() - 1,
            Level::Error,
            "title-punct",
            format!("the title ends with '{last}'; titles end without punctuation"),
            Some(Fix {
                len: 1,
                with: String::new(),
            }),
        ));
    }
}

/// Numbering: per style, numbers go 1, 2, 3 … under their parent; a level needs the one above it.
fn numbering(spans: &[Span], out: &mut Vec<Finding>) {
    let mut stack: Vec<(Style, u32)> = Vec::new();
    for s in spans.iter().filter(|s| s.starts_value) {
        let text: String = s.text.iter().collect();
        let Some(m) = marker(&text) else { continue };
        let label: String = text[..m.len].trim_end().to_string();
        let found = |rule, level, message: String| Finding {
            line: s.line,
            column: s.col + 1,
            level,
            rule,
            message,
            fix: None,
        };
        match stack.iter().position(|(st, _)| *st == m.style) {
            Some(d) => {
                stack.truncate(d + 1);
                let last = stack[d].1;
                if m.number == last {
                    out.push(found(
                        "numbering-repeat",
                        Level::Error,
                        format!("{label} repeats the number before it"),
                    ));
                } else if m.number > last + 1 {
                    out.push(found(
                        "numbering-skip",
                        Level::Error,
                        format!("{label} follows number {last}: a number is skipped"),
                    ));
                } else if m.number < last {
                    out.push(found(
                        "numbering-skip",
                        Level::Error,
                        format!("{label} comes after number {last}"),
                    ));
                }
                stack[d].1 = m.number;
            }
            None => {
                // Lead sentences (一是) number within their section; a heading ends that run.
                if m.style.is_heading() {
                    while stack.last().is_some_and(|(st, _)| !st.is_heading()) {
                        stack.pop();
                    }
                }
                if let Some(level) = m.style.standard_level() {
                    if let Some((other, _)) = stack
                        .iter()
                        .find(|(st, _)| st.standard_level() == Some(level) && *st != m.style)
                    {
                        out.push(found(
                            "numbering-mixed",
                            Level::Warning,
                            format!("{label} and {other:?} numbering at one level"),
                        ));
                    }
                    if level > 1
                        && !stack
                            .iter()
                            .any(|(st, _)| st.standard_level().is_some_and(|l| l == level - 1))
                    {
                        let above = ["一、", "（一）", "1."][usize::from(level) - 2];
                        out.push(found(
                            "numbering-level",
                            Level::Warning,
                            format!("{label} with no {above} above it"),
                        ));
                    }
                }
                if m.number != 1 {
                    out.push(found(
                        "numbering-skip",
                        Level::Error,
                        format!("{label} starts a numbering at {}", m.number),
                    ));
                }
                stack.push((m.style, m.number));
            }
        }
    }
}

/// Apply every safe fix. Returns the new text and how many fixes were made. A fix can reveal
/// another (",," becomes "，，", then one goes), so passes repeat until nothing changes.
pub fn fix(text: &str, yaml: bool) -> (String, usize) {
    let mut text = text.to_string();
    let mut total = 0;
    for _ in 0..8 {
        let (next, n) = fix_once(&text, yaml);
        text = next;
        total += n;
        if n == 0 {
            break;
        }
    }
    (text, total)
}

fn fix_once(text: &str, yaml: bool) -> (String, usize) {
    let bom = text.starts_with('\u{feff}');
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let findings = check(body, yaml);
    let mut lines: Vec<Vec<char>> = body.split('\n').map(|l| l.chars().collect()).collect();
    let mut fixes: Vec<(usize, usize, Fix)> = findings
        .into_iter()
        .filter_map(|f| f.fix.map(|x| (f.line, f.column, x)))
        .collect();
    // Right to left on each line, so earlier columns stay valid.
    fixes.sort_by_key(|f| std::cmp::Reverse((f.0, f.1)));
    let mut n = 0;
    for (line, col, f) in fixes {
        let Some(l) = lines.get_mut(line - 1) else {
            continue;
        };
        let at = col - 1;
        if at + f.len <= l.len() {
            l.splice(at..at + f.len, f.with.chars());
            n += 1;
        }
    }
    let mut out: String = lines
        .iter()
        .map(|l| l.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n");
    if bom {
        out.insert(0, '\u{feff}');
    }
    (out, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str, yaml: bool) -> Vec<(&'static str, usize, usize)> {
        check(text, yaml)
            .iter()
            .map(|f| (f.rule, f.line, f.column))
            .collect()
    }

    #[test]
    fn yaml_values_are_checked_keys_and_comments_are_not() {
        let y = "# a comment, with: marks\ntitle: 讲话\nbody:\n  - 第一段,好。\n  - lead: 一是好。\n    text: |-\n      内容:很好\n";
        assert_eq!(
            rules(y, true),
            [("halfwidth-punct", 4, 8), ("halfwidth-punct", 7, 9)]
        );
    }

    #[test]
    fn fixes_apply_at_their_columns() {
        let y = "title: 讲话。\nbody:\n  - \"2017年08月01日,湘政办发[2009]024号\"\n";
        let (fixed, n) = fix(y, true);
        assert_eq!(n, 7, "{fixed}");
        assert_eq!(
            fixed,
            "title: 讲话\nbody:\n  - \"2017年8月1日，湘政办发〔2009〕24号\"\n"
        );
        assert!(check(&fixed, true).is_empty());
    }
}
