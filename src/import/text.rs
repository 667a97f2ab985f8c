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

/// Phrases that mark a short line as web furniture, not text of the document (colons are
/// full-width here: a line's half-width ones are read as full-width before the search).
const JUNK_PHRASES: [&str; 51] = [
    "发布时间：",
    "关注我们",
    "浏览次数",
    "字体：大",
    "字号：",
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
    "扫一扫",
    "手机打开",
    "手机扫码",
    "长按识别",
    "长按二维码",
    "点击上方",
    "分享到",
    "分享：",
    "转发到",
    "更多精彩",
    "免费领取",
    "资料这里找",
    "老秘分享",
    "加微信",
    "微信号：",
    "版权声明",
    "版权所有",
    "本文来源",
    "信息来源",
    "文章来源",
    "责任编辑",
    "点击阅读",
    "原标题：",
    "来源：",
    "免责声明",
    "上一篇",
    "下一篇",
    "相关链接",
    "相关阅读",
    "相关文章",
    "推荐阅读",
    "我要纠错",
    "网站地图",
    "ICP备",
];

/// Phrases of a web page's publishing line ("发布时间：… 来源：… 浏览次数：…"), which runs longer.
const META_PHRASES: [&str; 4] = ["发布时间：", "发布日期：", "浏览次数：", "阅读次数："];

/// The fields of a government portal's 信息公开 block ("索引号：… 主题分类：… 发文机关：…"),
/// which a page shows above the document; a line that opens with one of them is that block's.
const METADATA_FIELDS: [&str; 23] = [
    "索引号",
    "文号",
    "名称",
    "生成日期",
    "公开方式",
    "公开范围",
    "信息分类",
    "所属机构",
    "主题分类",
    "主题词",
    "体裁分类",
    "组配分类",
    "服务对象",
    "公文种类",
    "发布机构",
    "发文机关",
    "发文字号",
    "成文日期",
    "发布日期",
    "生效日期",
    "废止日期",
    "有效性",
    "标题",
];

/// A page's footer and an article's byline: a short line that opens with one of these.
const FOOTER_FIELDS: [&str; 11] = [
    "主办：",
    "承办：",
    "主办单位",
    "网站标识码",
    "技术支持",
    "编辑：",
    "审核：",
    "校对：",
    "作者：",
    "记者：",
    "通讯员：",
];

/// A line that opens a list of links to other pages; the short lines under it are the links.
const LINK_LIST_HEADERS: [&str; 13] = [
    "附件下载",
    "相关链接",
    "相关阅读",
    "相关文章",
    "相关新闻",
    "相关附件",
    "相关文件",
    "往期推荐",
    "往期回顾",
    "推荐阅读",
    "延伸阅读",
    "热门推荐",
    "热点推荐",
];

/// A link to the page before or after, followed by that page's title (however long).
const NEIGHBOUR_LINKS: [&str; 6] = ["上一篇", "下一篇", "上一条", "下一条", "上一页", "下一页"];

/// Words of a page's counter ("阅读 3562", "浏览量：1234", "点击数：56次").
const COUNTER_WORDS: [&str; 4] = ["阅读", "浏览", "点击", "访问"];

/// Whole lines that are leftovers of a web page's scripts or buttons.
const JUNK_LINES: [&str; 17] = [
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
    "纠错",
];

/// Why a line is junk, if it is.
pub fn junk_reason(line: &str) -> Option<&'static str> {
    let t = line.trim().replace(':', "：");
    let t = t.as_str();
    let length = t.chars().count();
    let buttons = t.split([' ', '　']).filter(|w| !w.is_empty());
    let only_buttons = buttons.clone().count() > 0
        && buttons
            .into_iter()
            .all(|w| JUNK_LINES.iter().any(|j| w.eq_ignore_ascii_case(j)));
    if only_buttons || is_button_row(t) {
        return Some("a web page's button or script text");
    }
    if is_page_number(t) {
        return Some("a page number (text copied from a PDF)");
    }
    if t.starts_with(['►', '▶', '●', '★', '☆', '➤', '✦', '◆', '■', '▲']) {
        return Some("an advert or link line (starts with a bullet symbol)");
    }
    let dated = t.contains("时间：") || t.contains("日期：");
    let sourced = ["来源：", "点击", "浏览", "阅读"]
        .iter()
        .any(|p| t.contains(p));
    if (META_PHRASES.iter().any(|p| t.contains(p)) || dated && sourced) && length <= 80 {
        return Some("a web page's publishing details (date, source, views)");
    }
    if NEIGHBOUR_LINKS.iter().any(|l| t.starts_with(l)) && length <= 100 {
        return Some("a link to the page before or after");
    }
    let crumbs = t.contains('>') || t.contains('＞') || t.contains('»') || t.contains('›');
    if t.starts_with("首页") && crumbs && length <= 100 {
        return Some("a web page's breadcrumb (首页 > …)");
    }
    if is_metadata_field(t) && length <= 120 {
        return Some("a web page's 信息公开 details (索引号, 发文机关, 发布日期 …)");
    }
    let registered = ["ICP备", "公网安备", "分辨率", "浏览器"]
        .iter()
        .any(|w| t.contains(w));
    if (registered || FOOTER_FIELDS.iter().any(|f| t.starts_with(f))) && length <= 80 {
        return Some("a web page's footer or an article's byline");
    }
    if is_stamp_line(t) && length <= 60 {
        return Some("an article's account and publishing time");
    }
    if is_headline_tag(t) {
        return Some("an article's headline with its tag (重磅｜…)");
    }
    if is_download(t) {
        return Some("a web page's download link");
    }
    if ["END", "THE END", "完"].contains(
        &t.trim_matches(['—', '-', '－', ' '])
            .to_uppercase()
            .as_str(),
    ) {
        return Some("an article's end mark");
    }
    if is_font_size_selector(t) {
        return Some("a web page's font-size selector");
    }
    if is_counter(t) {
        return Some("a web page's reading counter");
    }
    if JUNK_PHRASES.iter().any(|p| t.contains(p)) && length <= 30 {
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

/// "【打印】【关闭】", "[打印本页] [关闭窗口]": nothing but short bracketed words, two or more
/// (one alone may be a document's own caption, "【典型案例】").
fn is_button_row(line: &str) -> bool {
    let mut buttons = 0;
    let mut rest = line.trim();
    while let Some(open) = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '【' | '[' | '［'))
    {
        let close = match open {
            '【' => '】',
            '[' => ']',
            _ => '］',
        };
        let Some(end) = rest.find(close) else {
            return false;
        };
        let word = &rest[open.len_utf8()..end];
        if word.chars().count() > 8 || word.trim().is_empty() {
            return false;
        }
        buttons += 1;
        rest = rest[end + close.len_utf8()..].trim_start_matches([' ', '　', '|', '丨']);
    }
    buttons >= 2 && rest.is_empty()
}

/// A line that opens with a field of a portal's 信息公开 block and its colon.
fn is_metadata_field(line: &str) -> bool {
    METADATA_FIELDS.iter().any(|field| {
        line.strip_prefix(field)
            .is_some_and(|rest| rest.trim_start().starts_with('：'))
    })
}

/// "【大】【中】【小】", "字号：大 中 小", "[ 大 中 小 ]": a short line offering 大, 中 and 小.
fn is_font_size_selector(line: &str) -> bool {
    line.chars().count() <= 30
        && ['大', '中', '小'].iter().all(|c| line.contains(*c))
        && (line.contains(['【', '[', '［'])
            || ["字号", "字体", "大小"].iter().any(|w| line.contains(w)))
}

/// A line that ends in a publishing time after a date and has no label of its own ("原创 某某发布
/// 2025年02月10日 19:32"); "会议时间：2025年3月1日 9:00" is text.
fn is_stamp_line(line: &str) -> bool {
    let Some((rest, time)) = line.rsplit_once([' ', '　']) else {
        return false;
    };
    let fields: Vec<&str> = time.split('：').collect();
    let is_time = (2..=3).contains(&fields.len())
        && fields
            .iter()
            .all(|f| (1..=2).contains(&f.len()) && f.chars().all(|c| c.is_ascii_digit()));
    is_time && !rest.contains('：') && (rest.contains('年') || rest.contains('-'))
}

/// "重磅｜……", "独家|……": an article's headline behind a short tag.
fn is_headline_tag(line: &str) -> bool {
    line.split_once(['｜', '|']).is_some_and(|(tag, rest)| {
        let n = tag.chars().count();
        (1..=4).contains(&n) && tag.chars().all(punct::is_cjk) && !rest.is_empty()
    })
}

/// The file extensions of documents a web page offers for download.
const DOCUMENT_FILES: [&str; 10] = [
    ".doc", ".docx", ".wps", ".pdf", ".ofd", ".xls", ".xlsx", ".et", ".zip", ".rar",
];

/// A page's number as a 公文 prints it (§7.5: "— 1 —"), or "- 1 -", "第 1 页", "1/6".
fn is_page_number(t: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit());
    let squeezed: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let dashes = ['—', '-', '－', '–', '―'];
    let dashed = squeezed
        .strip_prefix(dashes)
        .and_then(|s| s.strip_suffix(dashes))
        .map(|s| s.trim_matches(dashes));
    let paged = squeezed
        .strip_prefix('第')
        .and_then(|s| s.strip_suffix('页'));
    let of = squeezed
        .split_once('/')
        .filter(|(a, b)| digits(a) && digits(b));
    dashed.is_some_and(digits) || paged.is_some_and(digits) || of.is_some()
}

/// The length in bytes of the document file extension `name` ends in (".docx", ".PDF" …), if any.
pub(super) fn document_extension(name: &str) -> Option<usize> {
    DOCUMENT_FILES
        .iter()
        .find(|ext| {
            name.len() >= ext.len()
                && name.is_char_boundary(name.len() - ext.len())
                && name[name.len() - ext.len()..].eq_ignore_ascii_case(ext)
        })
        .map(|ext| ext.len())
}

/// A file offered for download: a short line that ends in a document's file extension. An
/// 附件说明 whose names a page links to its files ("附件：1.……办法.docx", "2.……表.xlsx") is
/// none: it stays, and the extensions go from its names (see `structure::unlink_attachments`).
fn is_download(line: &str) -> bool {
    let attachment_note = line.starts_with("附件") || marker(line).is_some();
    line.chars().count() <= 80 && !attachment_note && document_extension(line).is_some()
}

/// Whether a line opens a list of links to other pages ("相关链接", "往期推荐").
pub(super) fn opens_link_list(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() <= 12 && LINK_LIST_HEADERS.iter().any(|h| t.starts_with(h))
}

/// A link in such a list: a short line that is no sentence.
pub(super) fn is_link(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars().count() <= 60
        && !t.ends_with(['。', '；', '！', '？', '：'])
        && marker(t).is_none()
}

/// Drops a page's furniture line by line: what [`junk_reason`] names, and the links listed
/// under a "相关链接" line.
#[derive(Default)]
pub(super) struct Sieve {
    in_link_list: bool,
}

impl Sieve {
    /// Why this line is dropped, if it is.
    pub(super) fn reason(&mut self, line: &str) -> Option<&'static str> {
        if opens_link_list(line) {
            self.in_link_list = true;
            return Some("a web page's list of related links");
        }
        if let Some(reason) = junk_reason(line) {
            return Some(reason);
        }
        if self.in_link_list {
            if line.trim().is_empty() {
                return None;
            }
            if is_link(line) {
                return Some("a link in a web page's list of related links");
            }
            self.in_link_list = false;
        }
        None
    }
}

/// "阅读 3562", "浏览量：1234", "点击数：56次": a short line that ends in a counter word's
/// number ("阅读30篇文献" is text).
fn is_counter(line: &str) -> bool {
    line.chars().count() <= 20
        && COUNTER_WORDS.iter().any(|word| {
            line.match_indices(word).any(|(at, _)| {
                let after =
                    line[at + word.len()..].trim_start_matches(['量', '数', '次', '：', ' ', '　']);
                let unit = after.trim_start_matches(|c: char| c.is_ascii_digit());
                unit.len() < after.len() && matches!(unit.trim(), "" | "次" | "人次")
            })
        })
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
    let near = widths.iter().filter(|&&w| fills(w, max)).count();
    (near >= 3 && near * 3 >= widths.len()).then_some(max)
}

/// Whether a line `width` columns wide reaches the wrap width `wrap`, give or take a few columns:
/// three in an editor's wrap, an eighth in text copied from a PDF, whose lines hold digits and
/// quotes of other widths and whose paragraphs' first lines lost their indent.
fn fills(width: usize, wrap: usize) -> bool {
    width + (wrap / 8).max(3) >= wrap
}

/// A table's row pasted as text (cells apart by tabs, or a Markdown row): never a wrapped line.
fn is_table_row(line: &str) -> bool {
    line.contains('\t') || line.starts_with('|')
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
            let text = l.trim_matches([' ', '\t', '\u{3000}', '\u{a0}']);
            // A table's row keeps its tabs, the outer ones too: they part its empty cells (a
            // form's line to fill in, "\t\t\t"; a row whose first or last cell is blank).
            let indented = l.trim_start_matches([' ', '\t', '\u{3000}', '\u{a0}']);
            match indented.contains('\t') || text.is_empty() && l.contains('\t') {
                true => (
                    i + 1,
                    l.trim_matches([' ', '\u{3000}', '\u{a0}']).to_string(),
                ),
                false => (i + 1, text.to_string()),
            }
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
    let mut sieve = Sieve::default();
    for (no, line) in clean_lines(text) {
        match sieve.reason(&line) {
            Some(reason) => dropped.push(Dropped {
                line: no,
                text: line,
                reason,
            }),
            None => kept.push((no, line)),
        }
    }
    let lines = kept.into_iter().map(|(no, line)| Para::text(line, no));
    (join_wrapped(lines.collect()), dropped)
}

/// Paragraphs a hard wrap cut into lines, joined again: a text draft's lines, or a Word file's
/// paragraphs where each line of text copied out of a PDF became one. A blank one always ends a
/// paragraph; only plain text joins (no heading, title, table, picture or centred line).
pub(super) fn join_wrapped(paras: Vec<Para>) -> Vec<Para> {
    let plain = |p: &Para| {
        p.heading.is_none()
            && !p.title
            && !p.mark
            && p.table.is_none()
            && p.image.is_none()
            && p.run_in.is_none()
            && p.lead.is_none()
            && matches!(p.align, super::Align::Left)
    };
    let widths: Vec<&str> = paras
        .iter()
        .filter(|p| plain(p) && !p.is_blank())
        .map(|p| p.text.as_str())
        .collect();
    let Some(wrap) = wrap_width(&widths) else {
        return paras;
    };
    let mut joined: Vec<Para> = Vec::with_capacity(paras.len());
    let mut open = false;
    for p in paras {
        let line = p.text.as_str();
        let running_text = plain(&p) && !is_table_row(line);
        let continues = open
            && running_text
            && !p.is_blank()
            && marker(line).is_none_or(|m| !m.style.is_heading())
            && !stands_alone(line);
        let opens = running_text && fills(columns(line), wrap) && !ends_sentence(line);
        match joined.last_mut().filter(|_| continues) {
            Some(last) => {
                if last.text.ends_with(|c: char| c.is_ascii_alphanumeric())
                    && line.starts_with(|c: char| c.is_ascii_alphanumeric())
                {
                    last.text.push(' ');
                }
                last.text.push_str(line);
            }
            None => joined.push(p),
        }
        open = opens;
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_links_under_a_related_links_line_are_dropped() {
        let mut sieve = Sieve::default();
        let kept: Vec<&str> = [
            "特此报告。",
            "相关链接",
            "某某县人民政府关于2023年度法治政府建设情况的报告",
            "某某县司法局2024年度法治政府建设工作报告",
            "",
            "某某县2024年政府信息公开工作年度报告",
            "这是一段正文，它是一个完整的句子。",
        ]
        .into_iter()
        .filter(|line| sieve.reason(line).is_none())
        .collect();
        assert_eq!(
            kept,
            ["特此报告。", "", "这是一段正文，它是一个完整的句子。"]
        );
    }

    #[test]
    fn junk_lines_are_recognised() {
        assert!(junk_reason("►学习x料这里找+每周一次老秘分享会").is_some());
        assert!(junk_reason("查看全文").is_some());
        for page_number in ["— 1 —", "-12-", "第 3 页", "2/6"] {
            assert!(junk_reason(page_number).is_some(), "{page_number}");
        }
        assert!(junk_reason("一、总体要求").is_none());
        assert!(junk_reason("false").is_some());
        assert!(junk_reason("点击关注我们").is_some());
        assert!(junk_reason("———————").is_some());
        assert!(junk_reason("同志们：").is_none());
    }

    #[test]
    fn portal_furniture_is_recognised() {
        for junk in [
            "【大】【中】【小】",
            "字号：大 中 小",
            "扫一扫在手机打开当前页",
            "阅读3562",
            "浏览量：1234",
            "发布日期: 2025-03-04",
            "【打印】【关闭】",
            "[打印本页] [关闭窗口]",
            "索引号：11340000MB0123456X/2025-00123",
            "发文机关：某某县人民政府办公室　成文日期：2025年3月1日",
            "上一篇：关于做好春季农业生产工作的通知",
            "原创 某某发布 某某发布 2025年02月10日 19:32",
            "重磅｜县委书记在全县三级干部大会上的讲话",
            "—END—",
            "分享 收藏 点赞 在看",
            "编辑：周婷　审核：吴磊",
            "时间：2025-01-20来源：市政府办公室　点击：876次",
            "文字大小：大 中 小",
            "主办：某某市人民政府办公室　承办：某某市大数据发展中心",
            "某某县2025年重点任务分工表.docx",
            "某ICP备05001234号　　某公网安备33100202000123号",
            "首页 > 政务公开 > 政府信息公开目录 > 政府文件 > 县政府文件",
            "下一篇：某某市人民政府办公室关于做好2025年防汛防台工作的通知",
            "名称：\t某某县人民政府关于某镇国土空间总体规划（2024—2035年）的批复",
        ] {
            assert!(junk_reason(junk).is_some(), "{junk}");
        }
        for text in [
            "一、大力推进中小企业发展",
            "组织干部职工阅读30篇经典文献，撰写读书笔记。",
            "标题要简明，准确概括文件的主要内容。",
            "【典型案例】",
            "阅读30篇文献",
            "会议时间：2025年3月1日 9:00",
            "（一）大力发展银发经济",
        ] {
            assert!(junk_reason(text).is_none(), "{text}");
        }
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
