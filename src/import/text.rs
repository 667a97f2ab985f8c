//! A text draft (pasted from Word, WeChat or a web page) as paragraphs: invisible characters
//! out, web junk lines dropped (each one named), indents and line endings read, hard-wrapped
//! lines joined back.

use super::{Dropped, Para};
use crate::numbering::marker;
use crate::punct;

/// A character that prints as nothing and that a YAML source may not hold or a reader would
/// never want: C0/C1 controls (a tab becomes a space instead), U+200B, U+FEFF, U+FFFE, U+FFFF.
pub(super) fn invisible(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{200b}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// Phrases that mark a line as web furniture, not text of the document.
const JUNK_PHRASES: [&str; 33] = [
    "发布时间：",
    "浏览次数",
    "字体：大",
    "打印本页",
    "关闭窗口",
    "当前位置：",
    "您的位置：",
    "首页 >",
    "首页>",
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

/// Phrases of a web page's publishing line ("发布时间：… 来源：… 浏览次数：…"), which runs longer.
const META_PHRASES: [&str; 3] = ["发布时间：", "浏览次数：", "阅读次数："];

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
    if META_PHRASES.iter().any(|p| t.contains(p)) && t.chars().count() <= 80 {
        return Some("a web page's publishing details (date, source, views)");
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

/// A line no wrapped line runs on into: a 发文字号, a date.
fn stands_alone(line: &str) -> bool {
    super::structure::doc_number(line).is_some() || super::structure::as_date(line).is_some()
}

fn ends_sentence(s: &str) -> bool {
    s.ends_with([
        '。', '！', '？', '：', '；', '”', '…', '）', '!', '?', ':', ';',
    ])
}

/// Lines of a draft, cleaned: BOM, CR, indentation by spaces or U+3000 gone; with 1-based line
/// numbers. Every line break is '\n' by now.
fn clean_lines(text: &str) -> Vec<(usize, String)> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| {
            (
                i + 1,
                l.trim_matches([' ', '\t', '\u{3000}', '\u{a0}'])
                    .to_string(),
            )
        })
        .collect()
}

/// Every line break as '\n' (CRLF, a lone CR of old Mac files, U+2028/U+2029, which YAML
/// parsers may also read as breaks), invisible characters out. Tabs stay: they part a table's
/// cells (a tab left in a paragraph becomes a space when the text is normalised).
pub(super) fn unify(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' | '\u{2028}' | '\u{2029}' => '\n',
            c => c,
        })
        .filter(|&c| !invisible(c))
        .collect()
}

/// The draft's paragraphs, and the lines dropped as junk. A blank line always ends a paragraph;
/// lines of a hard-wrapped draft are joined.
pub(super) fn paragraphs(text: &str) -> (Vec<Para>, Vec<Dropped>) {
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
    let nonblank: Vec<&str> = kept
        .iter()
        .map(|(_, l)| l.as_str())
        .filter(|l| !l.is_empty())
        .collect();
    let wrap = wrap_width(&nonblank);
    let mut paras: Vec<Para> = Vec::new();
    let mut open = false;
    for (no, line) in &kept {
        if line.is_empty() {
            open = false;
            paras.push(Para::blank(*no));
            continue;
        }
        let continues =
            open && marker(line).is_none_or(|m| !m.style.is_heading()) && !stands_alone(line);
        if continues {
            let last = &mut paras.last_mut().expect("an open paragraph").text;
            if last.ends_with(|c: char| c.is_ascii_alphanumeric())
                && line.starts_with(|c: char| c.is_ascii_alphanumeric())
            {
                last.push(' ');
            }
            last.push_str(line);
        } else {
            paras.push(Para::text(line.clone(), *no));
        }
        open = wrap.is_some_and(|w| columns(line) + 3 >= w && !ends_sentence(line));
    }
    (paras, dropped)
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
        let lines = clean_lines(&draft);
        let lines: Vec<&str> = lines
            .iter()
            .map(|(_, l)| l.as_str())
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(wrap_width(&lines), Some(40));
        let (paras, _) = paragraphs(&draft);
        let texts: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
        assert!(
            texts.contains(
                &"为切实做好今年防汛工作，确保人民群众生命财产安全，现将有关事项通知如下。"
            )
        );
        assert!(
            texts
                .iter()
                .any(|t| t.ends_with("把各项措施落实到每一个环节、每一个岗位、每一个人。"))
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
