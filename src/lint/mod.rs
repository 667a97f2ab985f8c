//! `gongwen check`: the mistakes reviewers send drafts back for, found by a program.
//!
//! Works on a YAML source or a plain-text draft, line by line, on the text only (in YAML, the
//! values; keys and comments are not text). Each finding has its place, a level, a rule name and,
//! where the change is safe, a fix.

use crate::numbering::{Style, marker};
use crate::punct;

mod audit;
mod scalars;

pub use audit::audit;

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
    /// The page it is on, for a finding of the page audit.
    pub page: Option<usize>,
}

impl Finding {
    /// As JSON, for `check --format json` and the server: place, page, level, rule, message,
    /// and whether `--fix` mends it.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "line": self.line, "column": self.column, "page": self.page, "level": self.level.name(),
            "rule": self.rule, "message": self.message, "fixable": self.fix.is_some(),
        })
    }
}

/// Every finding for a source's text, with the page audit of its layout when there is one, in
/// the order of their places: what `check` reports.
pub fn findings(text: &str, yaml: bool, laid: Option<&crate::Laid>) -> Vec<Finding> {
    let mut found = check(text, yaml);
    if let Some(laid) = laid {
        found.extend(audit(laid));
        found.sort_by_key(|f| (f.line, f.column));
    }
    found
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
    /// The value of a `date:` (a 成文日期, a 印发日期, a speech's date).
    date: bool,
    /// Where each character was written, for a YAML value (empty for a text draft, whose
    /// characters stand from `col` on `line`).
    places: Vec<scalars::Place>,
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
            date: false,
            places: Vec::new(),
        });
        first = false;
    }
    spans
}

/// Check a file's text. `yaml` says whether it is a YAML source (else a plain-text draft).
pub fn check(text: &str, yaml: bool) -> Vec<Finding> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // A YAML source's string values, each character at its place: read once.
    let values = if yaml {
        scalars::values(text).unwrap_or_default()
    } else {
        Vec::new()
    };
    let (spans, numbered) = if yaml {
        let spans = yaml_spans(&values);
        let numbered = model_spans(text).unwrap_or_else(|| spans.clone());
        (spans, numbered)
    } else {
        let spans = text_spans(text);
        (spans.clone(), spans)
    };
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
        if s.date {
            date_numerals(s, &mut out);
        }
    }
    numbering(&numbered, &mut out);
    if yaml {
        title_placeholder(text, &mut out);
        labels_in_headings(text, &values, &mut out);
    }
    out.sort_by_key(|f| (f.line, f.column));
    out.dedup_by(|b, a| a.line == b.line && a.column == b.column && a.rule == b.rule);
    out
}

/// Keys whose values are not text: a template's name, image files, flags.
const NOT_TEXT: [&str; 5] = ["template", "seal", "stamp", "sealed", "$schema"];

/// A YAML source's string values as spans, each character at its place. A title given as
/// lines is one span (a 《》 pair may open on one line and close on the next).
fn yaml_spans(values: &[scalars::Scalar]) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let mut last_was_title = false;
    for v in values.iter().cloned() {
        let key = v.key.as_deref().unwrap_or("");
        if NOT_TEXT.contains(&key) || v.chars.is_empty() {
            last_was_title = false;
            continue;
        }
        let is_title = key == "title";
        if is_title
            && last_was_title
            && let Some(prev) = spans.last_mut()
        {
            prev.text.extend(&v.chars);
            prev.places.extend(&v.places);
            continue;
        }
        last_was_title = is_title;
        spans.push(Span {
            line: v.places[0].line,
            col: v.places[0].col,
            text: v.chars,
            starts_value: true,
            quoted: false,
            title: is_title,
            date: key == "date",
            places: v.places,
        });
    }
    spans
}

/// The source's headings and paragraphs as the model has them, each at its entry's place, for
/// the numbering rules: a heading's label is the one it prints, the template's default included.
/// `None` when the source does not parse (the parse error is reported first).
fn model_spans(text: &str) -> Option<Vec<Span>> {
    let src = crate::source::parse("check", text).ok()?;
    let template = src.builtin_template();
    let doc = crate::source::to_model("check", text, src, &template.numbering).ok()?;
    let mut spans = Vec::new();
    let mut push = |t: String, o: crate::model::Origin| {
        spans.push(Span {
            line: o.line.max(1),
            col: o.column.saturating_sub(1),
            text: t.chars().collect(),
            starts_value: true,
            quoted: false,
            title: false,
            date: false,
            places: Vec::new(),
        });
    };
    for blocks in std::iter::once(&doc.blocks).chain(doc.annexes.iter().map(|a| &a.blocks)) {
        for b in blocks {
            match b {
                crate::model::Block::Heading {
                    label,
                    text,
                    origin,
                    ..
                } => push(format!("{label}{text}"), *origin),
                crate::model::Block::Paragraph { lead, text, origin } => {
                    let paragraph = format!("{}{text}", lead.as_deref().unwrap_or(""));
                    if !paragraph.is_empty() {
                        push(paragraph, *origin)
                    }
                }
                crate::model::Block::Table { .. } => {}
            }
        }
        // Each 附件 numbers afresh: an empty span says where one begins.
        push(String::new(), crate::model::Origin::default());
    }
    Some(spans)
}

/// A heading whose text starts with a label of its own ("三、加强领导") under the template's
/// default label: it would print "一、三、加强领导".
fn labels_in_headings(text: &str, values: &[scalars::Scalar], out: &mut Vec<Finding>) {
    for v in values {
        if v.key.as_deref() != Some("heading") {
            continue;
        }
        let value: String = v.chars.iter().collect();
        let Some(m) = marker(&value).filter(|m| m.style.is_heading()) else {
            continue;
        };
        let typed = value[..m.len].trim_end();
        let first = v.places[0];
        let mut finding = Finding {
            line: first.line,
            column: first.col + 1,
            level: Level::Error,
            rule: "label-in-heading",
            message: format!(
                "the heading starts with its own label '{typed}': the template numbers headings, so it would print twice; move it to `label:` or delete it"
            ),
            fix: None,
            page: None,
        };
        if let Some((key_col, fix)) = move_label(text, v, m.len, typed) {
            finding.column = key_col + 1;
            finding.fix = Some(fix);
        }
        out.push(finding);
    }
}

/// The fix that moves a label typed into a plain `heading:` value to a `label:` key of its own
/// ("heading: 三、加强领导" → "label: 三、" and "heading: 加强领导"), from the key's column.
fn move_label(
    text: &str,
    v: &scalars::Scalar,
    label_len: usize,
    typed: &str,
) -> Option<(usize, Fix)> {
    let first = v.places[0];
    let line: Vec<char> = text.lines().nth(first.line - 1)?.chars().collect();
    let before: String = line.get(..first.col)?.iter().collect();
    let key_at = before.rfind("heading:")?;
    if !before[key_at + "heading:".len()..]
        .chars()
        .all(|c| c == ' ')
    {
        return None; // quoted, or not on the key's line
    }
    let key_col = before[..key_at].chars().count();
    // The typed label and the spaces after it, all written as they are in the value.
    let label_chars = v.chars[..].iter().collect::<String>()[..label_len]
        .chars()
        .count();
    let spaces = v.chars[label_chars..]
        .iter()
        .take_while(|c| **c == ' ')
        .count();
    let end = label_chars + spaces;
    if !(0..end).all(|i| {
        v.places
            .get(i)
            .is_some_and(|p| p.literal && p.line == first.line)
    }) {
        return None;
    }
    let fix = Fix {
        len: first.col - key_col + end,
        with: format!("label: {typed}\n{}heading: ", " ".repeat(key_col)),
    };
    Some((key_col, fix))
}

fn find(
    s: &Span,
    at: usize,
    level: Level,
    rule: &'static str,
    message: String,
    fix: Option<Fix>,
) -> Finding {
    let Some(first) = s.places.get(at) else {
        return Finding {
            line: s.line,
            column: s.col + at + 1,
            level,
            rule,
            message,
            fix,
            page: None,
        };
    };
    // A fix replaces characters where they were written: all literal, side by side on a line.
    let len = fix.as_ref().map_or(0, |f| f.len);
    let in_place = (at..at + len).all(|i| {
        s.places
            .get(i)
            .is_some_and(|p| p.literal && p.line == first.line && p.col == first.col + (i - at))
    });
    Finding {
        line: first.line,
        column: first.col + 1,
        level,
        rule,
        message,
        fix: fix.filter(|_| in_place),
        page: None,
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
        let number = |from: usize, len: usize| -> u32 {
            t[from..from + len]
                .iter()
                .collect::<String>()
                .parse()
                .unwrap_or(0)
        };
        let (year, month) = (number(i, y), number(m0, m));
        let last_day = days_in_month(year, month);
        if last_day == 0 || (day && !(1..=last_day).contains(&number(d0, d))) {
            let written: String = t[i..if day { d0 + d + 1 } else { m0 + m + 1 }]
                .iter()
                .collect();
            out.push(find(
                s,
                i,
                Level::Error,
                "date-invalid",
                format!("{written} is no date: a month runs 1–12, and its days to its last"),
                None,
            ));
        }
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

/// A date written in Chinese numerals (二〇二六年十二月一日): §7.3.5 writes the 成文日期 in
/// Arabic numerals, the year in full (2026年12月1日); the fix writes it so.
fn date_numerals(s: &Span, out: &mut Vec<Finding>) {
    let open = s
        .text
        .iter()
        .take_while(|c| matches!(c, '（' | '('))
        .count();
    let close = s
        .text
        .iter()
        .rev()
        .take_while(|c| matches!(c, '）' | ')'))
        .count();
    let Some(inner) = s.text.get(open..s.text.len() - close) else {
        return;
    };
    let written: String = inner.iter().collect();
    let Some(date) = crate::dates::parse(&written) else {
        return;
    };
    if written.chars().any(|c| c.is_ascii_digit()) {
        return;
    }
    let arabic = format!("{}年{}月{}日", date.year, date.month, date.day);
    out.push(find(
        s,
        open,
        Level::Warning,
        "date-numerals",
        format!("§7.3.5 writes a date in Arabic numerals; write {arabic}, not {written}"),
        Some(Fix {
            len: inner.len(),
            with: arabic,
        }),
    ));
}

/// The days of a month (0 for a month that is not one), February by the Gregorian rule.
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 0,
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
                page: None,
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
        // An empty span marks where an 附件 begins (`model_spans`): it numbers afresh.
        if s.text.is_empty() {
            stack.clear();
            continue;
        }
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
            page: None,
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
                    // Under a word label (第一部分, 第一章, 第一点意见) a （一） is the second level.
                    let word_label = |st: &Style| st.is_heading() && st.standard_level().is_none();
                    if level > 1
                        && !stack.iter().any(|(st, _)| {
                            st.standard_level() == Some(level - 1) || (level == 2 && word_label(st))
                        })
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

    /// A 请示 imported from a web page kept its 成文日期 in Chinese numerals, as written, and
    /// `check` said nothing of it (§7.3.5 writes it in Arabic numerals).
    #[test]
    fn a_date_in_chinese_numerals_is_written_in_arabic_numerals() {
        let y = "title: 请示\ndate: （二〇二七年一月十五日）\nsignature:\n  organ: 县交通运输局\n  date: \"二〇二六年十二月一日\"\nbody: [二〇二六年十二月的工作。]\n";
        assert_eq!(
            rules(y, true),
            [("date-numerals", 2, 8), ("date-numerals", 5, 10)]
        );
        let (fixed, n) = fix(y, true);
        assert_eq!(n, 2, "{fixed}");
        assert!(fixed.contains("date: （2027年1月15日）\n"), "{fixed}");
        assert!(fixed.contains("date: \"2026年12月1日\"\n"), "{fixed}");
        assert!(check(&fixed, true).is_empty(), "{fixed}");
    }
}
