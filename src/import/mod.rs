//! `gongwen import`: from a pasted draft (Word, WeChat, a web page) to a clean YAML source.
//!
//! The steps, each reported: web junk lines are dropped (every one named); hard-wrapped lines
//! are joined back into paragraphs; half-width punctuation in Chinese text takes its GB/T 15834
//! form; the structure is read from the text — title block, salutation, headings by their
//! numbering, lead sentences. Apart from the dropped lines and the punctuation forms, every
//! character of the draft is in the output, in order.

use crate::numbering::{Marker, Style, marker};
use crate::punct;

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
}

/// A character that prints as nothing and that a YAML source may not hold or a reader would
/// never want: C0/C1 controls (a tab becomes a space instead), U+200B, U+FEFF, U+FFFE, U+FFFF.
fn invisible(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{200b}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// Phrases that mark a line as web furniture, not text of the document.
const JUNK_PHRASES: [&str; 24] = [
    "查看全文",
    "阅读原文",
    "展开全文",
    "点击关注",
    "关注公众号",
    "扫码关注",
    "长按识别",
    "长按二维码",
    "点击上方",
    "分享到",
    "转发到",
    "更多精彩",
    "免费领取",
    "资料这里找",
    "老秘分享",
    "加微信",
    "微信号：",
    "版权声明",
    "本文来源",
    "责任编辑",
    "点击阅读",
    "原标题：",
    "来源：",
    "免责声明",
];

/// Whole lines that are leftovers of a web page's scripts or buttons.
const JUNK_LINES: [&str; 16] = [
    "false",
    "true",
    "null",
    "undefined",
    "nan",
    "收起",
    "返回顶部",
    "点赞",
    "在看",
    "分享",
    "收藏",
    "举报",
    "赞",
    "打印",
    "关闭",
    "返回",
];

/// Why a line is junk, if it is.
pub fn junk_reason(line: &str) -> Option<&'static str> {
    let t = line.trim();
    if JUNK_LINES.iter().any(|j| t.eq_ignore_ascii_case(j)) {
        return Some("a web page's button or script text");
    }
    if t.starts_with(['►', '▶', '●', '★', '☆', '➤', '✦', '◆', '■', '▲']) {
        return Some("an advert or link line (starts with a bullet symbol)");
    }
    if JUNK_PHRASES.iter().any(|p| t.contains(p)) && t.chars().count() <= 30 {
        return Some("web furniture (share, follow, read-more, source or advert line)");
    }
    if !t.is_empty()
        && t.chars()
            .all(|c| !c.is_alphanumeric() && !punct::is_cjk(c) || matches!(c, '—' | '…' | '　'))
    {
        return Some("a separator line");
    }
    None
}

/// Display width: CJK characters take two columns, as in a fixed-width editor.
fn columns(s: &str) -> usize {
    s.chars()
        .map(|c| if punct::is_cjk(c) { 2 } else { 1 })
        .sum()
}

/// The width a draft was hard-wrapped at, if it was: many lines end within a few columns of the
/// longest line.
fn wrap_width(lines: &[&str]) -> Option<usize> {
    let widths: Vec<usize> = lines
        .iter()
        .map(|l| columns(l))
        .filter(|&w| w >= 20)
        .collect();
    let max = *widths.iter().max()?;
    let near = widths.iter().filter(|&&w| w + 3 >= max).count();
    (near >= 3 && near * 3 >= widths.len()).then_some(max)
}

fn ends_sentence(s: &str) -> bool {
    s.ends_with([
        '。', '！', '？', '：', '；', '”', '…', '）', '!', '?', ':', ';',
    ])
}

/// Lines of a draft, cleaned: BOM, CR, indentation by spaces or U+3000 gone; with 1-based line
/// numbers.
fn clean_lines(text: &str) -> Vec<(usize, String)> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| {
            (
                i + 1,
                l.trim_end_matches('\r')
                    .trim_matches([' ', '\t', '\u{3000}', '\u{a0}'])
                    .to_string(),
            )
        })
        .collect()
}

/// A block of the draft after joining.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Heading {
        level: u8,
        label: String,
        text: String,
        auto_label: bool,
        /// The level came from the order of the numbering styles, not from the standard.
        guessed: bool,
    },
    Paragraph {
        lead: Option<String>,
        text: String,
    },
}

/// Import a draft.
pub fn from_text(text: &str, name: &str, kind: Kind) -> Imported {
    let invisible_removed = text.chars().filter(|&c| invisible(c)).count();
    // Every line break as '\n': CRLF, a lone CR (old Mac files), U+2028/U+2029 (which YAML
    // parsers may also read as breaks, and which would break the block scalars written below).
    let text = text.replace("\r\n", "\n");
    let text: String = text
        .chars()
        .map(|c| match c {
            '\r' | '\u{2028}' | '\u{2029}' => '\n',
            '\t' => ' ',
            c => c,
        })
        .filter(|&c| !invisible(c))
        .collect();
    let text = text.as_str();
    let mut dropped = Vec::new();
    let mut kept: Vec<(usize, String)> = Vec::new();
    for (no, line) in clean_lines(text) {
        match junk_reason(&line) {
            Some(reason) => dropped.push(Dropped {
                line: no,
                text: line,
                reason,
            }),
            None => kept.push((no, line)),
        }
    }
    // Join hard-wrapped lines; a blank line always ends a paragraph.
    let nonblank: Vec<&str> = kept
        .iter()
        .map(|(_, l)| l.as_str())
        .filter(|l| !l.is_empty())
        .collect();
    let wrap = wrap_width(&nonblank);
    let mut paras: Vec<String> = Vec::new();
    let mut open = false;
    for (_, line) in &kept {
        if line.is_empty() {
            open = false;
            continue;
        }
        let continues = open && marker(line).is_none_or(|m| !m.style.is_heading());
        if continues {
            let last = paras.last_mut().expect("an open paragraph");
            if last
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric())
                && line.starts_with(|c: char| c.is_ascii_alphanumeric())
            {
                last.push(' ');
            }
            last.push_str(line);
        } else {
            paras.push(line.clone());
        }
        open = wrap.is_some_and(|w| columns(line) + 3 >= w && !ends_sentence(line));
    }
    // Punctuation forms.
    let mut punctuation_changes = 0;
    for p in &mut paras {
        let (t, changes) = punct::normalize(p);
        punctuation_changes += changes.len();
        *p = t;
    }
    let mut doc = structure(&paras);
    doc.kind = kind;
    Imported {
        yaml: write_yaml(&doc, name),
        dropped,
        punctuation_changes,
        invisible_removed,
    }
}

#[derive(Debug)]
struct Draft {
    kind: Kind,
    notice: NoticeParts,
    title: Vec<String>,
    subtitle: Option<String>,
    speaker: Option<String>,
    date: Option<String>,
    salutation: Option<String>,
    body: Vec<Piece>,
    notes: Vec<String>,
}

/// The parts only a 公文 has.
#[derive(Debug, Default)]
struct NoticeParts {
    copy_number: Option<String>,
    secrecy: Option<String>,
    urgency: Option<String>,
    issuer: Option<String>,
    doc_number: Option<String>,
    signers: Vec<String>,
    attachments: Vec<String>,
    organ: Option<String>,
    date: Option<String>,
    note: Option<String>,
    annexes: Vec<(String, Vec<Piece>)>,
    cc: Option<String>,
    printer: Option<(String, String)>,
}

impl NoticeParts {
    fn any(&self) -> bool {
        self.issuer.is_some()
            || self.doc_number.is_some()
            || self.organ.is_some()
            || self.printer.is_some()
            || !self.attachments.is_empty()
    }
}

/// "江政办发〔2024〕7号": an organ's code, a year in brackets, a number, 号.
fn is_doc_number(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    let Some(open) = chars
        .iter()
        .position(|c| matches!(c, '〔' | '[' | '［' | '(' | '（' | '【'))
    else {
        return false;
    };
    open > 0
        && chars.len() <= 30
        && chars[open + 1..]
            .iter()
            .take(4)
            .filter(|c| c.is_ascii_digit())
            .count()
            == 4
        && s.ends_with('号')
        && !s.contains(['。', '，'])
}

fn is_secrecy(s: &str) -> bool {
    ["绝密", "机密", "秘密"].iter().any(|k| s.starts_with(k)) && s.chars().count() <= 12
}

fn is_urgency(s: &str) -> bool {
    ["特急", "加急", "特提", "平急"].contains(&s)
}

/// Lines that stand alone and hold no sentence: an organ's name, a date.
fn is_name_line(s: &str) -> bool {
    let n = s.chars().count();
    (2..=30).contains(&n)
        && !s.contains(['。', '，', '：', '；', '！', '？'])
        && marker(s).is_none()
}

/// Reads the 版头 lines at the start and the 附件说明, 署名, 成文日期, 附注, 附件 and 版记 at the end;
/// returns the range of paragraphs left for the title and body.
fn notice_parts(paras: &[String], n: &mut NoticeParts) -> std::ops::Range<usize> {
    let mut start = 0;
    while let Some(p) = paras.get(start) {
        let t = p.as_str();
        if n.copy_number.is_none() && t.len() == 6 && t.chars().all(|c| c.is_ascii_digit()) {
            n.copy_number = Some(t.to_string());
        } else if n.secrecy.is_none() && is_secrecy(t) {
            n.secrecy = Some(t.to_string());
        } else if n.urgency.is_none() && is_urgency(t) {
            n.urgency = Some(t.to_string());
        } else if n.issuer.is_none()
            && t.ends_with("文件")
            && is_name_line(t)
            && t.chars().count() > 3
        {
            n.issuer = Some(t.trim_end_matches("文件").to_string());
        } else if n.doc_number.is_none() && is_doc_number(t) {
            n.doc_number = Some(t.to_string());
        } else if let Some(names) = t
            .strip_prefix("签发人：")
            .or_else(|| t.strip_prefix("签发人:"))
        {
            n.signers = names
                .split([' ', '\u{3000}', '、', '，'])
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect();
        } else {
            break;
        }
        start += 1;
    }
    let mut end = paras.len();
    // 版记 at the very end: "…印发" with its date, and "抄送：…" above it.
    if let Some(p) = end.checked_sub(1).and_then(|i| paras.get(i))
        && let Some(body) = p.strip_suffix("印发")
        && let Some(at) = body.rfind(|c: char| !(c.is_ascii_digit() || "年月日".contains(c)))
    {
        let (organ, date) = body.split_at(at + body[at..].chars().next().map_or(1, char::len_utf8));
        if as_date(date).is_some() {
            n.printer = Some((organ.trim().to_string(), date.to_string()));
            end -= 1;
            if let Some(cc) = paras
                .get(end.wrapping_sub(1))
                .and_then(|p| p.strip_prefix("抄送：").or_else(|| p.strip_prefix("抄送:")))
            {
                n.cc = Some(cc.to_string());
                end -= 1;
            }
        }
    }
    // 附件 pages: "附件" or "附件2" alone on a line, its title next, its body after.
    let is_annex_label = |p: &str| {
        p.strip_prefix("附件")
            .is_some_and(|r| r.chars().all(|c| c.is_ascii_digit()) && r.len() <= 2)
    };
    if let Some(first) = (start..end).find(|&i| is_annex_label(&paras[i])) {
        let mut i = first;
        while i < end {
            let title = paras.get(i + 1).cloned().unwrap_or_default();
            let mut j = i + 2;
            while j < end && !is_annex_label(&paras[j]) {
                j += 1;
            }
            n.annexes
                .push((title, body_pieces(&paras[(i + 2).min(j)..j])));
            i = j;
        }
        end = first;
    }
    // 附注 "（此件公开发布）" after the date; the date; the organ(s) above it.
    if let Some(p) = paras.get(end.wrapping_sub(1))
        && p.starts_with('（')
        && p.ends_with('）')
        && p.chars().count() <= 30
        && end >= 2
        && as_date(&paras[end - 2]).is_some()
    {
        n.note = Some(
            p.trim_start_matches('（')
                .trim_end_matches('）')
                .to_string(),
        );
        end -= 1;
    }
    if end >= 2
        && as_date(&paras[end - 1]).is_some()
        && is_name_line(&paras[end - 2])
        && as_date(&paras[end - 2]).is_none()
    {
        n.date = Some(paras[end - 1].clone());
        n.organ = Some(paras[end - 2].clone());
        end -= 2;
    }
    // 附件说明: "附件：1.…" and the names under it.
    if let Some(a) = (start..end)
        .rev()
        .find(|&i| paras[i].starts_with("附件：") || paras[i].starts_with("附件:"))
    {
        let first = paras[a]
            .trim_start_matches("附件：")
            .trim_start_matches("附件:");
        let strip = |s: &str| match marker(s) {
            Some(m) if m.style == Style::Arabic => s[m.len..].to_string(),
            _ => s.to_string(),
        };
        n.attachments.push(strip(first));
        for p in &paras[a + 1..end] {
            n.attachments.push(strip(p));
        }
        end = a;
    }
    start..end
}

fn is_salutation(s: &str) -> bool {
    let n = s.chars().count();
    (s.ends_with('：') || s.ends_with(':'))
        && n <= 24
        && !s.contains('。')
        && marker(s).is_none()
        && [
            "同志们",
            "各位",
            "尊敬的",
            "亲爱的",
            "女士们",
            "先生们",
            "朋友们",
            "老师们",
            "同学们",
            "代表们",
            "大家",
        ]
        .iter()
        .any(|w| s.contains(w))
}

/// "2017年8月1日", optionally in parentheses.
fn as_date(s: &str) -> Option<String> {
    let t = s
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    let y = t.find('年')?;
    let m = t.find('月')?;
    let ok = t.ends_with('日')
        && y >= 4
        && t[..y]
            .chars()
            .all(|c| c.is_ascii_digit() || "〇一二三四五六七八九零".contains(c))
        && m > y
        && t.chars().count() <= 16;
    // Kept as written, parentheses and all: the template adds them only where they are missing.
    ok.then(|| s.to_string())
}

fn is_speaker(s: &str) -> bool {
    let n = s.chars().count();
    (2..=12).contains(&n)
        && !s.contains(['。', '，', '：'])
        && s.chars().all(|c| punct::is_cjk(c) || c == ' ' || c == '·')
}

fn structure(all: &[String]) -> Draft {
    let mut d = Draft {
        kind: Kind::Auto,
        notice: NoticeParts::default(),
        title: Vec::new(),
        subtitle: None,
        speaker: None,
        date: None,
        salutation: None,
        body: Vec::new(),
        notes: Vec::new(),
    };
    let range = notice_parts(all, &mut d.notice);
    let paras = &all[range];
    // The title block runs until the first line that is clearly not part of it: a salutation
    // or 主送机关 (a short line ending in a colon), a numbered line, a sentence, a long line.
    let head_end = paras
        .iter()
        .position(|p| {
            is_salutation(p)
                || p.ends_with(['：', ':'])
                || marker(p).is_some()
                || p.trim_end_matches('。').contains('。')
                || (p.ends_with('。') && p.chars().count() > 20)
                || p.chars().count() > 40
        })
        .unwrap_or(paras.len())
        .min(8);
    let body_start = match paras.get(head_end) {
        Some(p)
            if p.ends_with(['：', ':'])
                && p.chars().count() <= 40
                && !p.contains('。')
                && marker(p).is_none() =>
        {
            d.salutation = Some(p.clone());
            head_end + 1
        }
        _ => head_end,
    };
    for p in &paras[..head_end] {
        if p.starts_with("——") || p.starts_with("--") {
            d.subtitle = Some(p.clone());
        } else if let Some(date) = as_date(p) {
            d.date = Some(date);
        } else if !d.title.is_empty() && is_speaker(p) && d.speaker.is_none() {
            d.speaker = Some(p.clone());
        } else {
            d.title.push(p.clone());
        }
    }
    if d.title.is_empty() {
        d.notes
            .push("no title found in the draft: write one".into());
    }
    d.body = body_pieces(&paras[body_start..]);
    d
}

/// Headings, paragraphs and leads of a run of paragraphs.
fn body_pieces(paras: &[String]) -> Vec<Piece> {
    let mut out = Vec::new();
    // Headings: a style's level is its depth in the order styles first appear.
    let mut styles: Vec<Style> = Vec::new();
    let mut counters: Vec<u32> = Vec::new();
    for p in paras {
        let m: Option<Marker> = marker(p);
        match m {
            Some(m) if m.style.is_heading() && is_heading_line(p) => {
                let depth = match styles.iter().position(|s| *s == m.style) {
                    Some(i) => i,
                    None => {
                        styles.push(m.style);
                        styles.len() - 1
                    }
                };
                styles.truncate(depth + 1);
                counters.resize(depth + 1, 0);
                counters[depth] += 1;
                let level = (depth + 1).min(4) as u8;
                let label = p[..m.len].trim_end().to_string();
                let auto = m.style.standard_level() == Some(level)
                    && m.number == counters[depth]
                    && label_is_standard(&label, m);
                // A level the standard does not fix (第一点意见, 第一部分, or 一、 below another
                // style) comes from the order the styles appear in: say so in the YAML.
                let guessed = m.style.standard_level() != Some(level);
                out.push(Piece::Heading {
                    level,
                    label,
                    text: p[m.len..].trim_start().to_string(),
                    auto_label: auto,
                    guessed,
                });
            }
            Some(_) => match p.find('。') {
                // "一是……。" or a run-in heading "（一）……。": the first sentence leads.
                Some(i) if i + '。'.len_utf8() < p.len() => out.push(Piece::Paragraph {
                    lead: Some(p[..i + '。'.len_utf8()].to_string()),
                    text: p[i + '。'.len_utf8()..].to_string(),
                }),
                _ => out.push(Piece::Paragraph {
                    lead: None,
                    text: p.clone(),
                }),
            },
            None => out.push(Piece::Paragraph {
                lead: None,
                text: p.clone(),
            }),
        }
    }
    out
}

/// A heading stands on its own line: short, no sentence inside it.
fn is_heading_line(p: &str) -> bool {
    let inner = p.trim_end_matches(['。', '：']);
    p.chars().count() <= 60 && !inner.contains(['。', '！', '？'])
}

/// The label is exactly what the template's numbering writes (一、 （一） 1. （1）).
fn label_is_standard(label: &str, m: Marker) -> bool {
    let n = m.number as usize;
    let want = match m.style {
        Style::CnComma => format!("{}、", crate::model::chinese_numeral(n)),
        Style::CnParen => format!("（{}）", crate::model::chinese_numeral(n)),
        Style::Arabic => format!("{n}."),
        Style::ArabicParen => format!("（{n}）"),
        _ => return false,
    };
    label == want
}

/// A YAML double-quoted scalar.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A literal block scalar, indented, for a paragraph.
fn block(s: &str, indent: usize) -> String {
    format!("|-\n{}{}", " ".repeat(indent), s)
}

/// A list of pieces as a YAML `body`, its entries indented by `base` spaces.
fn write_pieces(y: &mut String, pieces: &[Piece], base: usize) {
    // Sections nest by level: each heading opens a `body` one level deeper.
    let mut depth = 0usize;
    for piece in pieces {
        match piece {
            Piece::Heading {
                level,
                label,
                text,
                auto_label,
                guessed,
            } => {
                let level = usize::from(*level);
                depth = level;
                let pad = " ".repeat(base + 4 * (level - 1));
                let note = if *guessed {
                    format!("  # guess: level {level}, from the order the numbering styles appear")
                } else {
                    String::new()
                };
                if *auto_label {
                    y.push_str(&format!("{pad}- heading: {}{note}\n", quoted(text)));
                } else {
                    y.push_str(&format!(
                        "{pad}- label: {}{note}\n{pad}  heading: {}\n",
                        quoted(label),
                        quoted(text)
                    ));
                }
                y.push_str(&format!("{pad}  body:\n"));
            }
            Piece::Paragraph { lead, text } => {
                let pad = " ".repeat(base + 4 * depth);
                match lead {
                    Some(l) if text.is_empty() => {
                        y.push_str(&format!("{pad}- {}\n", block(l, pad.len() + 2)))
                    }
                    Some(l) => {
                        y.push_str(&format!("{pad}- lead: {}\n", quoted(l)));
                        y.push_str(&format!("{pad}  text: {}\n", block(text, pad.len() + 4)));
                    }
                    None => y.push_str(&format!("{pad}- {}\n", block(text, pad.len() + 2))),
                }
            }
        }
    }
}

fn write_yaml(d: &Draft, name: &str) -> String {
    let mut y = format!(
        "# Imported by gongwen from {name}. Read it through: lines marked \"guess\" are the importer's.\n"
    );
    let n = &d.notice;
    // A speech keeps a speech's shape even if it has a date line or an organ at its end.
    let notice = match d.kind {
        Kind::Notice => true,
        Kind::Speech => false,
        Kind::Auto => n.any(),
    };
    if notice {
        if d.kind == Kind::Notice {
            y.push_str("template: notice\n");
        } else {
            y.push_str("template: notice  # guess: a 公文 (版头, 署名 or 版记 found)\n");
        }
        for (key, v) in [
            ("copy_number", &n.copy_number),
            ("secrecy", &n.secrecy),
            ("urgency", &n.urgency),
            ("issuers", &n.issuer),
            ("doc_number", &n.doc_number),
        ] {
            if let Some(v) = v {
                y.push_str(&format!("{key}: {}\n", quoted(v)));
            }
        }
        if !n.signers.is_empty() {
            let list: Vec<String> = n.signers.iter().map(|s| quoted(s)).collect();
            y.push_str(&format!("signers: [{}]\n", list.join(", ")));
        }
    }
    match d.title.len() {
        0 => y.push_str("title: \"（标题）\"  # guess: the draft has no title; write one\n"),
        1 => y.push_str(&format!("title: {}\n", quoted(&d.title[0]))),
        _ => {
            y.push_str("title:  # the draft's title lines\n");
            for t in &d.title {
                y.push_str(&format!("  - {}\n", quoted(t)));
            }
        }
    }
    let salutation_key = if notice { "recipients" } else { "salutation" };
    for (key, v) in [
        ("subtitle", &d.subtitle),
        ("speaker", &d.speaker),
        ("date", &d.date),
        (salutation_key, &d.salutation),
    ] {
        if let Some(v) = v {
            y.push_str(&format!("{key}: {}\n", quoted(v)));
        }
    }
    if d.body.is_empty() {
        y.push_str("body: []\n");
    } else {
        y.push_str("body:\n");
        write_pieces(&mut y, &d.body, 2);
    }
    if !n.attachments.is_empty() {
        y.push_str("attachments:\n");
        for a in &n.attachments {
            y.push_str(&format!("  - {}\n", quoted(a)));
        }
    }
    if let (Some(organ), Some(date)) = (&n.organ, &n.date) {
        y.push_str(&format!(
            "signature:\n  organ: {}\n  date: {}\n",
            quoted(organ),
            quoted(date)
        ));
    }
    if let Some(note) = &n.note {
        y.push_str(&format!("note: {}\n", quoted(note)));
    }
    if !n.annexes.is_empty() {
        y.push_str("annexes:\n");
        for (title, body) in &n.annexes {
            y.push_str(&format!("  - title: {}\n", quoted(title)));
            if !body.is_empty() {
                y.push_str("    body:\n");
                write_pieces(&mut y, body, 6);
            }
        }
    }
    if let Some(cc) = &n.cc {
        y.push_str(&format!("cc: {}\n", quoted(cc)));
    }
    if let Some((organ, date)) = &n.printer {
        y.push_str(&format!(
            "printer:\n  organ: {}\n  date: {}\n",
            quoted(organ),
            quoted(date)
        ));
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junk_lines_are_recognised() {
        assert!(junk_reason("►学习x料这里找+每周一次老秘分享会").is_some());
        assert!(junk_reason("查看全文").is_some());
        assert!(junk_reason("false").is_some());
        assert!(junk_reason("点击关注我们").is_some());
        assert!(junk_reason("———————").is_some());
        assert!(junk_reason("同志们：").is_none());
        assert!(
            junk_reason(
                "来源：新华社。这是一个很长的句子，说明了这一年来我们的工作取得了哪些成绩和经验。"
            )
            .is_none()
        );
    }

    /// A text hard-wrapped at `cols` columns (CJK characters two columns each), as an email
    /// client or a fixed-width editor writes it.
    pub fn wrap(text: &str, cols: usize) -> String {
        let mut out = String::new();
        for para in text.split('\n') {
            let mut w = 0;
            for c in para.chars() {
                let cw = if punct::is_cjk(c) { 2 } else { 1 };
                if w + cw > cols {
                    out.push('\n');
                    w = 0;
                }
                out.push(c);
                w += cw;
            }
            out.push('\n');
        }
        out
    }

    #[test]
    fn wrapped_lines_are_joined() {
        let text = "各乡镇人民政府，县直各单位：\n为切实做好今年防汛工作，确保人民群众生命财产安全，现将有关事项通知如下。\n一、提高思想认识\n各地要充分认识防汛工作的重要性，克服麻痹思想和侥幸心理，把各项措施落实到每一个环节、每一个岗位、每一个人。";
        let draft = wrap(text, 40);
        let paras = clean_lines(&draft);
        let lines: Vec<&str> = paras
            .iter()
            .map(|(_, l)| l.as_str())
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(wrap_width(&lines), Some(40));
        let out = from_text(&draft, "d.txt", Kind::Auto);
        assert!(
            out.yaml.contains(
                "为切实做好今年防汛工作，确保人民群众生命财产安全，现将有关事项通知如下。"
            ),
            "{}",
            out.yaml
        );
        assert!(
            out.yaml
                .contains("把各项措施落实到每一个环节、每一个岗位、每一个人。"),
            "{}",
            out.yaml
        );
    }

    #[test]
    fn unwrapped_text_is_not_joined() {
        let lines = [
            "同志们：",
            "今天我们召开会议。",
            "这是很长的一段话，讲了很多内容，但它不是折行的文字，而是一个完整的段落，自己成段。",
        ];
        assert_eq!(wrap_width(&lines), None);
    }
}
