//! The structure of a draft, read from its paragraphs: the 版头 (份号, 密级, 紧急程度, the
//! "……文件" mark, 发文字号, 签发人), the title block, the 主送机关 or salutation, the body's
//! headings, run-in headings, lead sentences and tables, and at the end the 附件说明, 署名 and
//! 成文日期, 附注, an attached document or 附件 pages, and the 版记.

use super::{Kind, Para};
use crate::numbering::{Marker, Style, marker};
use crate::punct;

/// A block of the body.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Heading {
        level: u8,
        label: String,
        text: String,
        /// Text run on after the heading in its paragraph.
        run_in: Option<String>,
        /// The label is the template's own for this level and place: leave it out.
        auto_label: bool,
        /// The level came from the order of the numbering styles, not from the standard.
        guessed: bool,
    },
    Paragraph {
        lead: Option<String>,
        text: String,
    },
    Table {
        rows: Vec<Vec<String>>,
    },
}

/// The draft, read.
#[derive(Debug, Default)]
pub struct Draft {
    /// The template our own DOCX names.
    pub template: Option<String>,
    pub notice: bool,
    /// Why it was taken for a 公文 (for the YAML's guess comment), when it was guessed.
    pub notice_guess: Option<&'static str>,
    pub parts: NoticeParts,
    pub title: Vec<String>,
    pub subtitle: Option<String>,
    pub speaker: Option<String>,
    /// A draft mark by the title: "（征求意见稿）".
    pub draft_mark: Option<String>,
    pub date: Option<String>,
    pub salutation: Option<String>,
    pub body: Vec<Piece>,
    /// What the user should know (a missing title…).
    pub notes: Vec<String>,
}

impl Draft {
    /// A 命令 goes from its 令号 to its text (§10.2); a 纪要's mark names it (§10.3).
    pub fn may_go_untitled(&self) -> bool {
        self.parts.minutes || self.parts.order || self.template.as_deref() == Some("order")
    }
}

/// The parts only a 公文 has.
#[derive(Debug, Default)]
pub struct NoticeParts {
    pub copy_number: Option<String>,
    pub secrecy: Option<String>,
    pub urgency: Option<String>,
    pub issuer: Option<String>,
    pub doc_number: Option<String>,
    pub signers: Vec<String>,
    pub attachments: Vec<String>,
    pub organs: Vec<String>,
    pub date: Option<String>,
    /// The image in the signature's paragraphs (a seal), by its index among the draft's images.
    pub seal: Option<usize>,
    /// A signer's post, when a person signs with a 签名章 (§7.3.5.3) rather than an organ.
    pub signer_title: Option<String>,
    pub note: Option<String>,
    pub annexes: Vec<(String, Vec<Piece>)>,
    pub cc: Option<String>,
    pub printer: Option<(String, String)>,
    /// A 纪要 (its mark ends in 纪要 over a 期号).
    pub minutes: bool,
    /// The mark is the organ's name alone over a title that repeats it: a 信函 (§10.1).
    pub letter: bool,
    /// A 命令: its mark ends in 令 over a 令号 (§10.2).
    pub order: bool,
    /// The name beside the signer's post ("县长　陈志远"), where no 签名章 stands for it.
    pub signer_name: Option<String>,
    /// A 纪要's 出席, 请假 and 列席 lines: label and names.
    pub attendance: Vec<(String, String)>,
}

/// The words a 公文's title ends in: its kind (§8: 决议 … 纪要), and the documents a notice sends.
const GENRES: [&str; 22] = [
    "通知", "通报", "意见", "决定", "请示", "报告", "函", "批复", "纪要", "公告", "通告", "决议",
    "议案", "命令", "公报", "方案", "办法", "规定", "细则", "规划", "要点", "清单",
];

/// The words a speech's title ends in.
const SPEECHES: [&str; 8] = [
    "讲话",
    "致辞",
    "发言",
    "讲话稿",
    "报告会上的讲话",
    "主持词",
    "发言稿",
    "讲话提纲",
];

fn ends_with_any(s: &str, words: &[&str]) -> bool {
    let s = s.trim_end_matches(['）', ')']);
    words.iter().any(|w| s.ends_with(w))
}

/// "江政办发〔2024〕7号": an organ's code, a year in brackets, a number, 号 — alone, or in
/// parentheses under a title as web pages print it.
pub fn doc_number(s: &str) -> Option<String> {
    let t = s.trim();
    let t = match (t.strip_prefix(['（', '(']), t.ends_with(['）', ')'])) {
        (Some(inner), true) => inner.trim_end_matches(['）', ')']),
        _ => t,
    };
    let chars: Vec<char> = t.chars().filter(|c| !c.is_whitespace()).collect();
    let open = chars
        .iter()
        .position(|c| matches!(c, '〔' | '[' | '［' | '(' | '（' | '【' | '„'))?;
    let year = chars[open + 1..]
        .iter()
        .take(4)
        .filter(|c| c.is_ascii_digit())
        .count();
    (open > 0 && chars.len() <= 30 && year == 4 && t.ends_with('号') && !t.contains(['。', '，']))
        .then(|| t.to_string())
}

/// A 纪要's 期号: "第8期", "第十二期".
fn is_issue_number(s: &str) -> bool {
    // A year may go before it: "〔2026〕第15期", "2026年第15期".
    let s = match s.split_once('第') {
        Some((year, _)) if is_year(year) => &s[year.len()..],
        _ => s,
    };
    s.strip_prefix('第')
        .and_then(|r| r.strip_suffix('期'))
        .is_some_and(|n| {
            !n.is_empty()
                && n.chars()
                    .all(|c| c.is_ascii_digit() || "〇一二三四五六七八九十百".contains(c))
        })
}

/// "2026年", "〔2026〕" or "[2026]" before a 期号.
fn is_year(s: &str) -> bool {
    let digits = s
        .trim_start_matches(['〔', '[', '［', '（', '('])
        .trim_end_matches(['〕', ']', '］', '）', ')', '年']);
    digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()) && digits != s
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
    (2..=40).contains(&n)
        && !s.contains(['。', '，', '：', '；', '！', '？', '、'])
        && marker(s).is_none()
}

/// "2017年8月1日" or "二〇二六年三月一日", optionally in parentheses: kept as written.
pub fn as_date(s: &str) -> Option<String> {
    let t = s
        .trim()
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    let y = t.find('年')?;
    let m = t.find('月')?;
    let numeral = |c: char| c.is_ascii_digit() || "〇○一二三四五六七八九十零".contains(c);
    let ok = t.ends_with('日')
        && y >= 4
        && t[..y].chars().all(numeral)
        && m > y
        && t[y..].chars().all(|c| numeral(c) || "年月日".contains(c))
        && t.chars().count() <= 16;
    ok.then(|| s.trim().to_string())
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

/// A speaker line: a name, or a post and a name ("市委书记 张三").
fn is_speaker(s: &str) -> bool {
    let n = s.chars().count();
    (2..=16).contains(&n)
        && !s.contains(['。', '，', '：', '（', '）'])
        && s.chars().all(|c| punct::is_cjk(c) || c == ' ' || c == '·')
}

/// Reads the draft. `paras` are in reading order, blank ones included (a blank line matters in
/// the title block only).
pub fn read(paras: &[Para], kind: Kind, template: Option<&str>) -> Draft {
    let mut d = Draft {
        template: template.map(str::to_string),
        ..Draft::default()
    };
    let mut i = header(paras, &mut d.parts, &mut d.draft_mark);
    i = title_block(paras, i, &mut d);
    let is_notice_title = ends_with_any(&d.title.concat(), &GENRES);
    // The 主送机关 or the salutation; a long 主送机关 hard-wrapped onto a second line.
    let (recipients, last, most) = match next_text(paras, i) {
        Some(p) if wraps_into_recipients(paras, p) => {
            let q = next_text(paras, p + 1).unwrap_or(p);
            let joined = format!("{}{}", paras[p].text.trim(), paras[q].text.trim());
            (joined, q, 80)
        }
        Some(p) => (paras[p].text.trim().to_string(), p, 60),
        None => (String::new(), i, 0),
    };
    let t = recipients.as_str();
    if t.ends_with(['：', ':'])
        && t.chars().count() <= most
        && !t.ends_with("如下：")
        && !t.contains('。')
        && marker(t).is_none()
        && paras[last].table.is_none()
    {
        d.salutation = Some(t.to_string());
        i = last + 1;
    }
    let mut end = imprint(paras, i, &mut d.parts);
    if d.parts.minutes {
        end = attendance(paras, i, end, &mut d.parts);
    }
    let body_end = tail(paras, i, end, &mut d.parts);
    let linked = unlink_attachments(&mut d.parts.attachments);
    if linked > 0 {
        d.notes.push(format!(
            "{linked} file extension(s) (.docx, .pdf …) taken off the 附件说明's names: the web page linked them to their files"
        ));
    }
    d.body = body_pieces(&paras[i..body_end]);
    let speech_salutation = d.salutation.as_deref().is_some_and(is_salutation);
    let guess = if d.parts.issuer.is_some() || d.parts.doc_number.is_some() {
        Some("版头 found")
    } else if d.parts.printer.is_some() || !d.parts.organs.is_empty() {
        Some("署名 or 版记 found")
    } else if !d.parts.attachments.is_empty() {
        Some("附件说明 found")
    } else if is_notice_title && !speech_salutation {
        Some("the title names a 公文's kind")
    } else {
        None
    };
    d.notice = match (kind, d.template.as_deref()) {
        (Kind::Notice, _) => true,
        (Kind::Speech, _) => false,
        (Kind::Auto, Some(name)) => name != "speech",
        (Kind::Auto, None) => guess.is_some() && !(speech_salutation && d.parts.issuer.is_none()),
    };
    d.notice_guess = if kind == Kind::Auto && d.template.is_none() {
        guess
    } else {
        None
    };
    if d.notice && d.parts.issuer.is_none() {
        d.notes.push(
            "no 发文机关标志 (\"……文件\") found: add `issuers:` for the red mark (§7.2.4)".into(),
        );
    }
    if d.notice && d.parts.cc.is_some() && d.parts.printer.is_none() && !d.parts.letter {
        d.notes.push(
            "the 版记 has 抄送 but no 印发 line: `cc:` is left commented until you add `printer:` (§7.4.3)".into(),
        );
    }
    if d.title.is_empty() && !d.may_go_untitled() {
        d.notes
            .push("no title found in the draft: write one".into());
    }
    d
}

/// What a web page puts above the document, dropped: the title said once more as the page's
/// heading (the earlier of two equal lines at the top), and, above a line that is a whole
/// 公文 title ("……关于……的通知"), the lines that are no part of a 版头 or of the title (the
/// site's banner, its navigation).
pub fn page_top(paras: &mut Vec<Para>) -> Vec<super::Dropped> {
    let mut dropped = Vec::new();
    let mut drop = |paras: &mut Vec<Para>, k: usize, reason| {
        let p = paras.remove(k);
        dropped.push(super::Dropped {
            line: p.line,
            text: p.text,
            reason,
        });
    };
    let top: Vec<usize> = (0..paras.len())
        .filter(|&k| !paras[k].is_blank())
        .take(PAGE_TOP)
        .collect();
    // Said again within the next few lines, and no organ's name (which a 署名 repeats).
    let repeated = top.iter().enumerate().find_map(|(i, &a)| {
        let t = paras[a].text.trim();
        let near = &top[i + 1..top.len().min(i + 6)];
        let again = near.iter().any(|&b| paras[b].text.trim() == t);
        let title_like = t.chars().count() >= 6 && paras[a].table.is_none();
        (again && title_like && !is_head_line(&paras[a])).then_some(a)
    });
    if let Some(a) = repeated {
        drop(paras, a, "the page's heading: the title said once more");
    }
    let top: Vec<usize> = (0..paras.len())
        .filter(|&k| !paras[k].is_blank())
        .take(PAGE_TOP)
        .collect();
    let whole_title = top.iter().position(|&k| {
        let t = paras[k].text.trim();
        t.contains("关于") && ends_with_any(t, &GENRES) && t.chars().count() <= 80
    });
    if let Some(at) = whole_title {
        let title = paras[top[at]].text.trim().to_string();
        // Decided on the lines as they stand, then dropped from the last up.
        let mut drops = Vec::new();
        for (i, &k) in top[..at].iter().enumerate() {
            let t = paras[k].text.trim();
            // The organ's name over its own title is the site's banner (with a 发文字号 between
            // them it is a 信函's mark).
            let numbered = top[i + 1..at]
                .iter()
                .any(|&n| doc_number(paras[n].text.trim()).is_some());
            let banner = !numbered && !paras[k].mark && title.starts_with(t) && title != t;
            if banner {
                drops.push((
                    k,
                    "above the document: the site's banner (the organ's name over its own title)",
                ));
            } else if !is_head_line(&paras[k]) {
                drops.push((k, "above the document: a web page's banner or navigation"));
            }
        }
        for (k, reason) in drops.into_iter().rev() {
            drop(paras, k, reason);
        }
    }
    dropped
}

/// The paragraphs at the top of a draft that [`page_top`] and [`head_tables_as_lines`] look at.
const PAGE_TOP: usize = 12;

/// A Word template's 版头 often lays the 发文字号 and the 签发人 out in a table without borders
/// ("宁政〔2026〕5号 | 签发人：李明"): a table at the top whose every cell is a 版头 element (or
/// a signer's name under 签发人) is read as the line its cells make, gaps as full-width spaces.
pub fn head_tables_as_lines(paras: &mut [Para]) {
    for p in paras.iter_mut().filter(|p| !p.is_blank()).take(PAGE_TOP) {
        let Some(rows) = &p.table else { continue };
        let cells: Vec<&str> = rows
            .iter()
            .flatten()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        let signed = cells.iter().any(|c| c.contains("签发人"));
        let head = |c: &&str| {
            is_head_line(&Para::text(c.to_string(), 0)) || signed && looks_like_a_name(c)
        };
        if !cells.is_empty() && cells.iter().all(head) {
            // A joint mark: the organs one above the other, "文件" in a cell beside them.
            let (suffix, names): (Vec<&str>, Vec<&str>) =
                cells.into_iter().partition(|c| *c == "文件");
            p.text = names.join("\u{3000}") + &suffix.concat();
            p.table = None;
        }
    }
}

/// Whether the next lines with text after `from` are a 发文字号 and a title that opens with
/// `organ` and "关于".
fn names_the_title(paras: &[Para], from: usize, organ: &str) -> bool {
    // The 发文字号 stands between them (under the rule, §10.1): without it, the organ's name
    // over its own title is a web page's banner.
    let Some(next) = next_text(paras, from) else {
        return false;
    };
    if doc_number(paras[next].text.trim()).is_none() {
        return false;
    }
    let Some(after) = next_text(paras, next + 1) else {
        return false;
    };
    paras[after]
        .text
        .trim()
        .strip_prefix(organ)
        .is_some_and(|rest| rest.starts_with("关于"))
}

/// A line that may stand above a 公文's title: a 版头 element or an organ's name.
fn is_head_line(p: &Para) -> bool {
    let t = p.text.trim();
    // A site's name ("……人民政府门户网站") is no organ's.
    let site = ["网站", "门户", "网"].iter().any(|e| t.ends_with(e));
    p.mark
        || is_organ_line(p) && !site
        || t.ends_with("文件") && is_name_line(t)
        || t.ends_with("纪要") && is_name_line(t)
        || is_issue_number(t)
        || is_secrecy(t)
        || is_urgency(t)
        || doc_number(t).is_some()
        || t.contains("签发人")
        || draft_mark(t).is_some()
        || t.len() == 6 && t.chars().all(|c| c.is_ascii_digit())
}

/// The index of the next paragraph with text, from `i`.
fn next_text(paras: &[Para], i: usize) -> Option<usize> {
    (i..paras.len()).find(|&k| !paras[k].is_blank())
}

/// 份号, 密级, 紧急程度, the "……文件" mark, 发文字号 and 签发人 at the start, and a draft mark
/// among them (our DOCX sets it at the right of the 份号's line); returns where the rest begins.
fn header(paras: &[Para], n: &mut NoticeParts, draft: &mut Option<String>) -> usize {
    let mut i = 0;
    while let Some(k) = next_text(paras, i) {
        let t = paras[k].text.trim();
        if paras[k].mark {
            // Our own DOCX's 发文机关标志: the organ, less the suffix the template adds.
            if n.issuer.is_none() {
                let organ = ["文件", "纪要", "命令", "令"]
                    .iter()
                    .find_map(|s| t.strip_suffix(s))
                    .unwrap_or(t);
                n.issuer = Some(organ.trim().to_string());
            }
        } else if n.doc_number.is_none() && n.issuer.is_some() && is_order_number(t) {
            // A 命令's 令号 under its mark (§10.2).
            n.doc_number = Some(t.to_string());
        } else if n.doc_number.is_none() && n.issuer.is_some() && is_issue_number(t) {
            // A 纪要's 期号 under its mark.
            n.minutes = true;
            n.doc_number = Some(t.to_string());
        } else if n.copy_number.is_none()
            && n.doc_number.is_none()
            && let Some((copy, number)) = t.split_once(['\t', ' ', '\u{3000}'])
            && copy.len() == 6
            && copy.chars().all(|c| c.is_ascii_digit())
            && doc_number(number.trim()).is_some()
        {
            // A 信函's first line under the rule: 份号 at the left, 发文字号 at the right (§10.1).
            n.copy_number = Some(copy.to_string());
            n.doc_number = doc_number(number.trim());
        } else if n.copy_number.is_none() && t.len() == 6 && t.chars().all(|c| c.is_ascii_digit()) {
            n.copy_number = Some(t.to_string());
        } else if draft.is_none()
            && let Some(word) = draft_mark(t)
        {
            *draft = Some(word);
        } else if n.copy_number.is_none()
            && draft.is_none()
            && let Some((copy, word)) = t.split_once(['\t', ' ', '\u{3000}'])
            && copy.len() == 6
            && copy.chars().all(|c| c.is_ascii_digit())
            && let Some(word) = draft_mark(word.trim())
        {
            // The 份号 at the left, the draft mark at the right of the same line.
            n.copy_number = Some(copy.to_string());
            *draft = Some(word);
        } else if n.secrecy.is_none() && is_secrecy(t) {
            n.secrecy = Some(t.to_string());
        } else if n.urgency.is_none() && is_urgency(t) {
            n.urgency = Some(t.to_string());
        } else if n.issuer.is_none()
            && t.ends_with("文件")
            && is_name_line(t)
            && t.chars().count() > 3
        {
            n.issuer = Some(t.trim_end_matches("文件").trim().to_string());
        } else if n.issuer.is_none() && is_organ_line(&paras[k]) && names_the_title(paras, k + 1, t)
        {
            // The organ's name alone over a title that names it again: a 信函's mark (§10.1).
            n.issuer = Some(t.to_string());
            n.letter = true;
        } else if n.issuer.is_none()
            && let Some((organ, order, next)) = mark_over_number(paras, k)
        {
            n.issuer = Some(organ);
            n.order = order;
            n.minutes = !order;
            n.doc_number = Some(paras[next].text.trim().to_string());
            i = next + 1;
            continue;
        } else if n.minutes
            && n.printer.is_none()
            && let Some((organ, date)) = organ_and_date(t)
        {
            // Under a 纪要's 期号: who prints it, at the left, and the date, at the right.
            n.printer = Some((organ, date));
        } else if n.doc_number.is_none() && paras[k].heading.is_none() && doc_number(t).is_some() {
            n.doc_number = doc_number(t);
        } else if let Some(names) = t
            .strip_prefix("签发人：")
            .or_else(|| t.strip_prefix("签发人:"))
        {
            n.signers = names
                .split([' ', '\u{3000}', '、', '，'])
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect();
        } else if n.doc_number.is_none()
            && let Some((number, names)) = t.split_once("签发人")
            && let Some(number) = doc_number(number)
        {
            // "江政发〔2024〕3号　　签发人：张三" on one line.
            n.doc_number = Some(number);
            n.signers = names
                .trim_start_matches(['：', ':'])
                .split([' ', '\u{3000}', '、', '，'])
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect();
        } else {
            return k;
        }
        i = k + 1;
    }
    i
}

/// The file extensions a web page's links left on the 附件说明's names ("……办法.docx") taken
/// off; returns how many.
fn unlink_attachments(names: &mut [String]) -> usize {
    let mut unlinked = 0;
    for name in names {
        if let Some(extension) = super::text::document_extension(name) {
            name.truncate(name.len() - extension);
            unlinked += 1;
        }
    }
    unlinked
}

/// "城关镇党政办公室　　　2026年11月28日": an organ and a date on one line.
fn organ_and_date(t: &str) -> Option<(String, String)> {
    let (organ, date) = t.rsplit_once(char::is_whitespace)?;
    let (organ, date) = (organ.trim(), date.trim());
    let is_organ = ORGAN_ENDINGS.iter().any(|e| organ.ends_with(e)) && is_name_line(organ);
    (is_organ && as_date(date).is_some()).then(|| (organ.to_string(), date.to_string()))
}

/// The title block: the title's lines (a blank line may stand between them), a "——" subtitle, a
/// speaker, a date, a 发文字号 under the title. Returns where the body (or the salutation) begins.
fn title_block(paras: &[Para], start: usize, d: &mut Draft) -> usize {
    let mut i = start;
    let mut taken = 0;
    while let Some(k) = next_text(paras, i) {
        let p = &paras[k];
        let t = p.text.trim();
        let stop = p.table.is_some()
            || p.run_in.is_some()
            || (p.heading.is_some() && !d.title.is_empty())
            || t.ends_with(['：', ':'])
            || wraps_into_recipients(paras, k)
            || marker(t).is_some_and(|m| m.style != Style::Arabic || !t.contains('号'))
            || t.trim_end_matches('。').contains('。')
            || (t.ends_with('。') && t.chars().count() > 20)
            // A title never ends a sentence: under one, such a line is the text.
            || (!d.title.is_empty() && t.ends_with(['。', '！', '？']))
            || is_attachment_note(t)
            || t.chars().count() > 48
            || taken >= 8;
        if stop {
            return k;
        }
        let title = d.title.concat();
        let speech_title = ends_with_any(&title, &SPEECHES);
        let title_done = !d.title.is_empty() && (ends_with_any(&title, &GENRES) || speech_title);
        if d.draft_mark.is_none()
            && let Some(word) = draft_mark(t)
        {
            d.draft_mark = Some(word);
        } else if t.starts_with("——") || t.starts_with("--") {
            d.subtitle = Some(t.to_string());
        } else if speech_title
            && d.subtitle.is_none()
            && doc_number(t).is_none()
            && t.starts_with('（')
            && t.ends_with('）')
            && t.chars().count() <= 20
            && as_date(t).is_none()
        {
            // A note under a speech's title: "（根据录音整理）".
            d.subtitle = Some(t.to_string());
        } else if let Some(date) = as_date(t) {
            // Without its parentheses: the template sets them (§ speech title block).
            d.date = Some(
                date.trim_start_matches(['（', '('])
                    .trim_end_matches(['）', ')'])
                    .to_string(),
            );
        } else if !d.title.is_empty() && d.parts.doc_number.is_none() && doc_number(t).is_some() {
            let number = doc_number(t).unwrap_or_default();
            d.parts.doc_number = Some(number);
        } else if !d.title.is_empty()
            && d.speaker.is_none()
            && is_speaker(t)
            && (title_done || looks_like_a_name(t))
        {
            d.speaker = Some(t.to_string());
        } else if title_done && !p.title && p.align != super::Align::Centre && d.date.is_some() {
            return k;
        } else {
            d.title.push(t.to_string());
        }
        taken += 1;
        i = k + 1;
    }
    i
}

/// The 附件说明's first line: "附件：1.……".
fn is_attachment_note(t: &str) -> bool {
    t.starts_with("附件：") || t.starts_with("附件:")
}

/// A 主送机关 hard-wrapped: this line lists organs ("……，各有关") and the next ends its list
/// with the colon ("单位：").
fn wraps_into_recipients(paras: &[Para], k: usize) -> bool {
    let t = paras[k].text.trim();
    let listed =
        t.contains(['，', '、']) && !t.ends_with(['：', ':', '。']) && t.chars().count() <= 60;
    listed
        && next_text(paras, k + 1).is_some_and(|q| {
            let next = paras[q].text.trim();
            next.ends_with(['：', ':'])
                && next.chars().count() <= 30
                && !next.contains('。')
                && !is_salutation(next)
        })
}

/// A draft mark on a line of its own by the title: "（征求意见稿）", "讨论稿" — the word.
fn draft_mark(t: &str) -> Option<String> {
    let word = t
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')'])
        .trim();
    let n = word.chars().count();
    ((2..=10).contains(&n) && word.ends_with('稿') && word.chars().all(punct::is_cjk))
        .then(|| word.to_string())
}

/// A person, or a post and a person: "张三", "市委书记 张三", "县长　李四".
fn looks_like_a_name(t: &str) -> bool {
    let n = t.chars().count();
    n <= 4
        || t.contains([' ', '\u{3000}'])
        || [
            "书记", "县长", "市长", "主任", "局长", "部长", "省长", "区长", "镇长", "乡长", "同志",
        ]
        .iter()
        .any(|w| t.contains(w))
}

/// The 版记 at the very end: "…印发" with its date, and "抄送：…" above it. Returns where it
/// begins (the end of what comes before).
fn imprint(paras: &[Para], from: usize, n: &mut NoticeParts) -> usize {
    if let Some(end) = imprint_table(paras, from, n) {
        return end;
    }
    let texts: Vec<usize> = (from..paras.len())
        .filter(|&k| !paras[k].is_blank())
        .collect();
    let Some(&last) = texts.last() else {
        return paras.len();
    };
    let t = paras[last].text.trim();
    let Some(body) = t.strip_suffix("印发") else {
        // A 信函's 版记 is 抄送 alone (§10.1).
        if let Some(cc) = t.strip_prefix("抄送：").or_else(|| t.strip_prefix("抄送:")) {
            n.cc = Some(cc.trim().to_string());
            return last;
        }
        return paras.len();
    };
    let body = body.trim_end();
    let Some(at) = body.rfind(|c: char| {
        c.is_whitespace() || !(c.is_ascii_digit() || "年月日〇一二三四五六七八九十".contains(c))
    }) else {
        return paras.len();
    };
    let next = at + body[at..].chars().next().map_or(1, char::len_utf8);
    let (organ, date) = body.split_at(next);
    if as_date(date).is_none() {
        return paras.len();
    }
    n.printer = Some((organ.trim().to_string(), date.to_string()));
    let mut end = last;
    if texts.len() >= 2 {
        let prev = texts[texts.len() - 2];
        let p = paras[prev].text.trim();
        if let Some(cc) = p.strip_prefix("抄送：").or_else(|| p.strip_prefix("抄送:")) {
            n.cc = Some(cc.trim().to_string());
            end = prev;
        }
    }
    end
}

/// A 版记 typed as a table at the very end (its rows "抄送：…" and "…印发机关 | ……印发"): read
/// as the lines it holds. Returns where it begins.
fn imprint_table(paras: &[Para], from: usize, n: &mut NoticeParts) -> Option<usize> {
    let last = (from..paras.len()).rev().find(|&k| !paras[k].is_blank())?;
    let rows = paras[last].table.as_ref()?;
    let lines: Vec<Para> = rows
        .iter()
        .map(|row| {
            let cells: Vec<&str> = row
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .collect();
            Para::text(cells.join("\u{3000}"), paras[last].line)
        })
        .collect();
    let printed = lines.iter().any(|l| l.text.ends_with("印发"));
    let copied = lines.iter().any(|l| l.text.starts_with("抄送"));
    if !printed && !copied {
        return None;
    }
    let mut found = NoticeParts::default();
    (imprint(&lines, 0, &mut found) < lines.len()).then(|| {
        n.cc = found.cc;
        n.printer = found.printer;
        last
    })
}

/// A 纪要's 出席, 请假 (缺席) and 列席 lines at its end (§10.3). Returns where they begin.
fn attendance(paras: &[Para], from: usize, end: usize, n: &mut NoticeParts) -> usize {
    let mut start = end;
    for k in (from..end).rev() {
        let t = paras[k].text.trim();
        if paras[k].is_blank() {
            continue;
        }
        let Some((label, names)) = ["出席", "请假", "缺席", "列席"].iter().find_map(|l| {
            let rest = t.strip_prefix(l)?.trim_start_matches([' ', '\u{3000}']);
            let names = rest.strip_prefix(['：', ':'])?;
            Some((*l, names.trim()))
        }) else {
            break;
        };
        let label = if label == "缺席" { "请假" } else { label };
        n.attendance
            .insert(0, (label.to_string(), names.to_string()));
        start = k;
    }
    start
}

/// 附注, 署名 and 成文日期, 附件说明 before them, and what follows them: 附件 pages or an attached
/// document. Returns where the body ends.
fn tail(paras: &[Para], from: usize, end: usize, n: &mut NoticeParts) -> usize {
    let texts: Vec<usize> = (from..end).filter(|&k| !paras[k].is_blank()).collect();
    // The 成文日期: a date line under one or more organ lines; the last such in the document.
    let signed = (1..texts.len()).rev().find(|&j| {
        let date = &paras[texts[j]];
        let above = &paras[texts[j - 1]];
        let above_text = above.text.trim();
        as_date(&date.text).is_some()
            && (is_organ_line(above) || is_post(above_text) || post_and_name(above_text).is_some())
            && date.table.is_none()
    });
    let Some(j) = signed else {
        return annex_pages(paras, from, end, n).unwrap_or(end);
    };
    n.date = Some(paras[texts[j]].text.trim().to_string());
    // Organ lines above it: up to three, each perhaps holding several organs apart by spaces.
    let mut first = j - 1;
    while first > 0 && j - first < 3 && is_organ_line(&paras[texts[first - 1]]) {
        first -= 1;
    }
    // A picture just above the 署名 (a Word file's seal) belongs to it.
    if first > 0 && {
        let above = &paras[texts[first - 1]];
        above.image.is_some() && above.text.trim().is_empty()
    } {
        first -= 1;
    }
    let above = paras[texts[j - 1]].text.trim();
    if is_post(above) {
        n.signer_title = Some(above.to_string());
    } else if let Some((post, name)) = post_and_name(above) {
        n.signer_title = Some(post);
        n.signer_name = Some(name);
    }
    for k in texts[first..j].iter().filter(|_| n.signer_title.is_none()) {
        n.organs.extend(
            paras[*k]
                .text
                .split([' ', '\t', '\u{3000}', '\u{a0}'])
                .filter(|x| !x.is_empty())
                .map(str::to_string),
        );
    }
    n.seal = texts[first..=j].iter().find_map(|&k| paras[k].image);
    let mut after = j + 1;
    // 附注 "（此件公开发布）" right after the date.
    if let Some(&k) = texts.get(after) {
        let p = paras[k].text.trim();
        if p.starts_with(['（', '(']) && p.ends_with(['）', ')']) && p.chars().count() <= 40 {
            n.note = Some(
                p.trim_start_matches(['（', '('])
                    .trim_end_matches(['）', ')'])
                    .to_string(),
            );
            after += 1;
        }
    }
    if let Some(&k) = texts.get(after) {
        // What follows the signature: 附件 pages, or the document a 印发 notice sends.
        if annex_pages(paras, k, end, n).is_none() {
            let rest: Vec<Para> = paras[k..end].to_vec();
            attached_document(&rest, n);
        }
    }
    let body_end = texts[first];
    attachment_list(paras, from, body_end, n)
}

/// The endings of organs' names (政府, 办公室, 局 …).
const ORGAN_ENDINGS: [&str; 30] = [
    "政府",
    "办公室",
    "办公厅",
    "局",
    "委员会",
    "委",
    "厅",
    "部",
    "院",
    "会",
    "中心",
    "公司",
    "处",
    "科",
    "所",
    "站",
    "办",
    "党组",
    "支部",
    "学校",
    "大学",
    "医院",
    "集团",
    "银行",
    "小组",
    "指挥部",
    "法院",
    "检察院",
    "政协",
    "联合会",
];

/// A 署名 line: one organ's name or several apart by spaces, or any name line Word aligned
/// right (a person may sign).
fn is_organ_line(p: &Para) -> bool {
    let t = p.text.trim();
    is_name_line(t)
        && as_date(t).is_none()
        && !t.starts_with("特此")
        && (p.align == super::Align::Right
            || t.split([' ', '\t', '\u{3000}', '\u{a0}'])
                .filter(|x| !x.is_empty())
                .all(|organ| ORGAN_ENDINGS.iter().any(|e| organ.ends_with(e))))
}

/// A 命令's mark over its 令号 ("……令", "第5号", §10.2) or a 纪要's over its 期号 ("……纪要",
/// "第8期", §10.3), at paragraph `k`: the organ, whether it is a 命令, and where the number is.
fn mark_over_number(paras: &[Para], k: usize) -> Option<(String, bool, usize)> {
    let t = paras[k].text.trim();
    let next = next_text(paras, k + 1)?;
    let number = paras[next].text.trim();
    if !is_name_line(t) {
        return None;
    }
    if let Some(organ) = t.strip_suffix("纪要")
        && is_issue_number(number)
    {
        return Some((organ.trim().to_string(), false, next));
    }
    let organ = t.strip_suffix('令')?;
    (organ.chars().count() >= 3 && is_order_number(number))
        .then(|| (organ.trim().to_string(), true, next))
}

/// A 命令's 令号: "第5号".
fn is_order_number(t: &str) -> bool {
    t.starts_with('第') && t.ends_with('号') && t.chars().count() <= 10
}

/// A signer's post and name on one line: "县长　陈志远", "县长 陈志远".
fn post_and_name(t: &str) -> Option<(String, String)> {
    let (post, name) = t.split_once([' ', '\u{3000}'])?;
    let name = name.trim_matches([' ', '\u{3000}']);
    let short = (2..=4).contains(&name.chars().count());
    (is_post(post) && short && name.chars().all(punct::is_cjk))
        .then(|| (post.to_string(), name.to_string()))
}

/// A signer's post over a 签名章: "县长", "市长", "主任".
fn is_post(t: &str) -> bool {
    t.chars().count() <= 8
        && ["长", "书记", "主任", "主席", "总理"]
            .iter()
            .any(|e| t.ends_with(e))
        && is_name_line(t)
        && !ORGAN_ENDINGS.iter().any(|e| t.ends_with(e))
}

fn is_annex_label(p: &str) -> bool {
    p.strip_prefix("附件")
        .is_some_and(|r| r.chars().all(|c| c.is_ascii_digit()) && r.len() <= 2)
}

/// 附件 pages: "附件" or "附件2" alone on a line, its title next, its body after. Returns where
/// they begin, if there are any.
fn annex_pages(paras: &[Para], from: usize, end: usize, n: &mut NoticeParts) -> Option<usize> {
    let first = (from..end).find(|&i| is_annex_label(paras[i].text.trim()))?;
    let mut i = first;
    while i < end {
        let title_at = next_text(paras, i + 1).filter(|&t| t < end);
        let title = title_at.map_or(String::new(), |t| paras[t].text.trim().to_string());
        let body_from = title_at.map_or(end, |t| t + 1);
        let mut j = body_from;
        while j < end && !is_annex_label(paras[j].text.trim()) {
            j += 1;
        }
        n.annexes
            .push((title, body_pieces(&paras[body_from.min(j)..j])));
        i = j;
    }
    Some(first)
}

/// The document a 印发 notice sends, after its 成文日期: its title (one or more lines before its
/// first sentence or heading), then its body.
fn attached_document(paras: &[Para], n: &mut NoticeParts) {
    let mut title = Vec::new();
    let mut i = 0;
    while let Some(k) = next_text(paras, i) {
        let t = paras[k].text.trim();
        if title.len() >= 3
            || t.contains('。')
            || marker(t).is_some()
            || t.ends_with(['：', ':'])
            || t.chars().count() > 40
            || paras[k].table.is_some()
        {
            break;
        }
        title.push(t.to_string());
        i = k + 1;
        if ends_with_any(&title.concat(), &GENRES) {
            break;
        }
    }
    n.annexes.push((title.concat(), body_pieces(&paras[i..])));
}

/// 附件说明: "附件：1.…" and the names under it, just before the 署名.
fn attachment_list(paras: &[Para], from: usize, end: usize, n: &mut NoticeParts) -> usize {
    let Some(a) = (from..end)
        .rev()
        .find(|&i| is_attachment_note(paras[i].text.trim()))
    else {
        return end;
    };
    // The template numbers them: the typed "1." goes, even before a digit ("1．2026年度……",
    // which elsewhere could be the number 1.2026) where it is the item's place in the list.
    let strip = |s: &str, place: usize| {
        let s = s.trim();
        let numbered = s
            .strip_prefix(&place.to_string())
            .and_then(|rest| rest.strip_prefix(['.', '．', '、']));
        match (numbered, marker(s)) {
            (Some(rest), _) => rest.trim().to_string(),
            (None, Some(m)) if m.style == Style::Arabic => s[m.len..].trim().to_string(),
            _ => s.to_string(),
        }
    };
    let first = paras[a]
        .text
        .trim()
        .trim_start_matches("附件：")
        .trim_start_matches("附件:");
    n.attachments.push(strip(first, 1));
    // Numbered names: a line without the next number continues the name above it, wrapped.
    let numbered = strip(first, 1) != first.trim();
    for p in &paras[a + 1..end] {
        let t = p.text.trim();
        if t.is_empty() {
            continue;
        }
        let place = n.attachments.len() + 1;
        let next = strip(t, place);
        match n.attachments.last_mut() {
            Some(name) if numbered && next == t => name.push_str(t),
            _ => n.attachments.push(next),
        }
    }
    a
}

/// The longest sentence a heading holds; a numbered item with a longer one is a paragraph that
/// keeps only its label in the level's font.
const RUN_IN_HEADING_MAX: usize = 50;

/// Headings, run-in headings, paragraphs, leads and tables of a run of paragraphs.
pub fn body_pieces(paras: &[Para]) -> Vec<Piece> {
    let mut out = Vec::new();
    // Headings: a style's level is its depth in the order styles first appear.
    let mut styles: Vec<Style> = Vec::new();
    let mut counters: Vec<u32> = Vec::new();
    let mut i = 0;
    while i < paras.len() {
        let p = &paras[i];
        if p.is_blank() {
            i += 1;
            continue;
        }
        if let Some(rows) = &p.table {
            out.push(Piece::Table { rows: rows.clone() });
            i += 1;
            continue;
        }
        if let Some((rows, taken)) = text_table(&paras[i..]) {
            i += taken;
            out.push(Piece::Table { rows });
            continue;
        }
        i += 1;
        let t = p.text.trim();
        // Our own DOCX says it in its character styles.
        if let Some((level, heading)) = &p.run_in {
            out.push(heading_piece(
                *level,
                heading,
                Some(after(t, heading)),
                None,
            ));
            continue;
        }
        if let Some(lead) = p.lead.as_ref().filter(|l| t.starts_with(l.as_str())) {
            out.push(Piece::Paragraph {
                lead: Some(lead.clone()),
                text: after(t, lead).to_string(),
            });
            continue;
        }
        let m: Option<Marker> = marker(t);
        if let Some(level) = p.heading {
            out.push(heading_piece(level, t, None, m));
            continue;
        }
        match m {
            Some(m) if m.style.is_heading() => {
                let depth = match styles.iter().position(|s| *s == m.style) {
                    Some(d) => d,
                    None => {
                        styles.push(m.style);
                        styles.len() - 1
                    }
                };
                styles.truncate(depth + 1);
                counters.resize(depth + 1, 0);
                counters[depth] += 1;
                let level = (depth + 1).min(4) as u8;
                let label = written_label(&t[..m.len]);
                let auto = m.style.standard_level() == Some(level)
                    && m.number == counters[depth]
                    && label_is_standard(&label, m);
                // A level the standard does not fix (第一点意见, 第一部分, or 一、 below another
                // style) comes from the order the styles appear in: say so in the YAML.
                let guessed = m.style.standard_level() != Some(level);
                let rest = t[m.len..].trim_start();
                let (mut heading, mut run_in) = split_run_in(rest);
                if run_in.is_none()
                    && reads_as_a_list_item(heading)
                    && !has_a_body(&paras[i..], &styles[..=depth])
                {
                    (heading, run_in) = ("", Some(rest));
                }
                if heading.is_empty() && run_in.is_none() {
                    out.push(Piece::Paragraph {
                        lead: None,
                        text: t.to_string(),
                    });
                    continue;
                }
                out.push(Piece::Heading {
                    level,
                    label,
                    text: heading.to_string(),
                    run_in: run_in.map(str::to_string),
                    auto_label: auto,
                    guessed,
                });
            }
            Some(_) => match t.find('。') {
                // "一是……。": the first sentence leads.
                Some(k) if k + '。'.len_utf8() < t.len() => out.push(Piece::Paragraph {
                    lead: Some(t[..k + '。'.len_utf8()].to_string()),
                    text: t[k + '。'.len_utf8()..].to_string(),
                }),
                _ => out.push(Piece::Paragraph {
                    lead: None,
                    text: t.to_string(),
                }),
            },
            None => out.push(Piece::Paragraph {
                lead: None,
                text: t.to_string(),
            }),
        }
    }
    items_of_one_list_alike(&mut out);
    out
}

/// Numbered paragraphs next to each other at one level, none with text beneath it, are one
/// list: when one of them is an item rather than a heading ("（一）文物保护单位；"), so are the
/// others that stand alone ("（五）山林、草原等重点防火区。").
fn items_of_one_list_alike(pieces: &mut [Piece]) {
    let is_item =
        |p: &Piece| matches!(p, Piece::Heading { text, run_in: Some(_), .. } if text.is_empty());
    let level_of = |p: &Piece| match p {
        Piece::Heading { level, .. } => Some(*level),
        _ => None,
    };
    let mut start = 0;
    while start < pieces.len() {
        let Some(level) = level_of(&pieces[start]) else {
            start += 1;
            continue;
        };
        let end = pieces[start..]
            .iter()
            .position(|p| level_of(p) != Some(level))
            .map_or(pieces.len(), |n| start + n);
        if pieces[start..end].iter().any(is_item) {
            for piece in &mut pieces[start..end] {
                if let Piece::Heading { text, run_in, .. } = piece
                    && run_in.is_none()
                {
                    *run_in = Some(std::mem::take(text));
                }
            }
        }
        start = end;
    }
}

fn after<'a>(t: &'a str, prefix: &str) -> &'a str {
    t.strip_prefix(prefix).unwrap_or(t).trim_start()
}

/// A heading a Word style (or our own run-in style) marks; its label is the typed one, or the
/// template's when none is typed.
fn heading_piece(level: u8, t: &str, run_in: Option<&str>, m: Option<Marker>) -> Piece {
    let m = m.or_else(|| marker(t)).filter(|m| m.style.is_heading());
    let (label, text) = match m {
        // "(1)" in its written form, "（1）".
        Some(m) => (
            t[..m.len].trim_end().replace('(', "（").replace(')', "）"),
            t[m.len..].trim_start(),
        ),
        None => (String::new(), t),
    };
    let auto =
        m.is_none_or(|m| m.style.standard_level() == Some(level) && label_is_standard(&label, m));
    Piece::Heading {
        level: level.clamp(1, 4),
        label,
        text: text.to_string(),
        run_in: run_in.filter(|r| !r.is_empty()).map(str::to_string),
        auto_label: auto,
        guessed: false,
    }
}

/// A heading's own sentence and the text run on after it: "充分认识……的重要性。普通高校毕业生
/// 是……" → ("充分认识……的重要性。", Some("普通高校毕业生是……")). A heading without a sentence
/// inside it stands alone.
///
/// A numbered item that is no heading — its sentence longer than a heading's, or one item of a
/// list, ending in "；" or "，" — is all run-in text after an empty heading: ("", Some(item)), so
/// that its label is still set in the level's font (§7.3.3) and counted with the headings.
fn split_run_in(rest: &str) -> (&str, Option<&str>) {
    let is_heading = |sentence: &str| {
        sentence.chars().count() <= RUN_IN_HEADING_MAX
            && !sentence.ends_with(['；', '，', ';', ','])
    };
    let first_sentence_end = rest
        .char_indices()
        .find(|&(_, c)| matches!(c, '。' | '！' | '？'))
        .map(|(k, c)| k + c.len_utf8());
    if rest.is_empty() {
        return (rest, None);
    }
    let heading = &rest[..first_sentence_end.unwrap_or(rest.len())];
    if !is_heading(heading) {
        return ("", Some(rest));
    }
    match rest[heading.len()..].trim_start() {
        "" => (heading, None),
        run_in => (heading, Some(run_in)),
    }
}

/// A numbered sentence that reads as an item of a list rather than a heading: it has clauses
/// ("……，……。") or is longer than a line.
fn reads_as_a_list_item(sentence: &str) -> bool {
    /// A body line's characters after a paragraph's 2-character indent (§5.2.3, §7.3.3).
    const ONE_LINE: usize = 26;
    let clauses = sentence
        .trim_end_matches(['。', '；', '！', '？'])
        .contains(['，', '；', '：']);
    clauses || sentence.chars().count() > ONE_LINE
}

/// Whether the paragraphs after a numbered one hold text of its own before the next item at its
/// level or above (`levels`: the numbering styles down to its own): a table, a paragraph
/// without a heading's label, or a deeper heading.
fn has_a_body(after: &[Para], levels: &[Style]) -> bool {
    let Some(next) = after.iter().find(|p| !p.is_blank()) else {
        return false;
    };
    if next.table.is_some() {
        return true;
    }
    match marker(next.text.trim()) {
        Some(m) if m.style.is_heading() => !levels.contains(&m.style),
        _ => next.heading.is_none(),
    }
}

/// A typed label as the heading keeps it: a word label ("第一部分 ", "第二章　") with a
/// full-width space between it and the heading's text, every other without the space after it.
fn written_label(typed: &str) -> String {
    let label = typed.trim_end();
    match label.chars().last() {
        Some(last) if label.len() < typed.len() && ('\u{4e00}'..='\u{9fff}').contains(&last) => {
            format!("{label}\u{3000}")
        }
        _ => label.to_string(),
    }
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

/// A table pasted as text: two or more lines of the same number (≥ 2) of cells apart by tabs,
/// or Markdown rows "| a | b |" (their "|---|" rule left out). Returns the rows and how many
/// paragraphs they took.
fn text_table(paras: &[Para]) -> Option<(Vec<Vec<String>>, usize)> {
    let header = &paras.first()?.text;
    // The header's cells as typed (an empty one a corner or a column without a name) and
    // without empty ones (tabs that only aligned the text): the reading that takes more rows.
    [true, false]
        .into_iter()
        .filter_map(|keep_empty| {
            let first = table_cells(header, keep_empty)?;
            (first.len() >= 2).then(|| table_rows(first, &paras[1..]))
        })
        .filter(|(rows, _)| rows.len() >= 2)
        .max_by_key(|(_, taken)| *taken)
}

/// A table's rows after its header `first`, each of the header's width (its empty cells kept
/// where that makes it so: a form's lines to fill in, a cell left blank); a Markdown table's
/// rule left out. Returns the rows, header first, and how many paragraphs they took.
fn table_rows(first: Vec<String>, paras: &[Para]) -> (Vec<Vec<String>>, usize) {
    let is_rule = |row: &[String]| {
        row.iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
    };
    let width = first.len();
    let mut rows = vec![first];
    let mut taken = 1;
    for p in paras {
        let row = [true, false]
            .into_iter()
            .filter_map(|keep_empty| table_cells(&p.text, keep_empty))
            .find(|row| row.len() == width);
        let Some(row) = row else { break };
        taken += 1;
        if !is_rule(&row) {
            rows.push(row);
        }
    }
    (rows, taken)
}

/// A line's cells: between `|`s, or apart by tabs (empty ones kept or not).
fn table_cells(line: &str, keep_empty: bool) -> Option<Vec<String>> {
    let t = line.trim_matches([' ', '\u{3000}']);
    if t.starts_with('|') && t.ends_with('|') && t.len() > 2 {
        let inner = &t[1..t.len() - 1];
        return Some(inner.split('|').map(|c| c.trim().to_string()).collect());
    }
    t.contains('\t').then(|| {
        t.split('\t')
            .map(|c| c.trim().to_string())
            .filter(|c| keep_empty || !c.is_empty())
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Para {
        Para {
            table: Some(
                rows.iter()
                    .map(|r| r.iter().map(|c| c.to_string()).collect())
                    .collect(),
            ),
            ..Para::default()
        }
    }

    #[test]
    fn a_head_table_of_a_word_template_reads_as_its_line() {
        let mut paras = vec![
            table(&[&["宁政〔2026〕5号", "签发人：李明"], &["", "王强"]]),
            table(&[&["宁安县教育局", "文件"], &["宁安县财政局", ""]]),
            // A table of figures stays a table, even at the top.
            table(&[&["指标", "2026年"], &["事故起数", "12"]]),
        ];
        head_tables_as_lines(&mut paras);
        assert_eq!(
            paras[0].text,
            "宁政〔2026〕5号\u{3000}签发人：李明\u{3000}王强"
        );
        assert!(paras[0].table.is_none());
        assert_eq!(paras[1].text, "宁安县教育局\u{3000}宁安县财政局文件");
        assert!(paras[2].table.is_some() && paras[2].text.is_empty());
    }

    #[test]
    fn dates_in_chinese_numerals_are_dates() {
        assert!(as_date("二〇二六年三月一日").is_some());
        assert!(as_date("（2017年8月1日）").is_some());
        assert!(as_date("2017年8月会议").is_none());
    }

    #[test]
    fn a_run_in_heading_splits_at_its_first_sentence() {
        assert_eq!(
            split_run_in("充分认识做好就业工作的重要性。普通高等学校毕业生是人才资源。"),
            (
                "充分认识做好就业工作的重要性。",
                Some("普通高等学校毕业生是人才资源。")
            )
        );
        assert_eq!(split_run_in("提高思想认识"), ("提高思想认识", None));
        assert_eq!(split_run_in("提高思想认识。"), ("提高思想认识。", None));
    }

    #[test]
    fn a_numbered_item_that_is_no_heading_runs_in_after_its_label() {
        let long = "违反本通告规定燃放烟花爆竹的，由公安机关责令停止燃放，处100元以上500元以下罚款；构成犯罪的，依法追究刑事责任。";
        assert_eq!(split_run_in(long), ("", Some(long)));
        assert_eq!(split_run_in("文物保护单位；"), ("", Some("文物保护单位；")));
        assert_eq!(split_run_in(""), ("", None));
    }

    #[test]
    fn doc_numbers_under_a_title_in_parentheses() {
        assert!(doc_number("（江政办发〔2022〕15号）").is_some());
        assert!(doc_number("江政办发„2022‟15号").is_some());
        assert!(doc_number("2022年15号文件精神").is_none());
    }
}
