//! A draft written in Markdown, as editors and chat assistants write them ("## 一、总体要求",
//! "**（一）加强领导。**", "- 要注重实效；", "| 项目 | 金额 |"): read with pulldown-cmark and
//! written back as the plain text a person would have typed, line for line (so that the lines
//! the importer reports keep their numbers), before the text is read as any other draft.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Whether the text is Markdown: a line opens with an ATX heading ("# ", "## "), a line holds
/// bold text (**…**), or two lines are a list's bullets.
pub fn looks_like_markdown(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().map(str::trim_start).collect();
    let heading = |l: &&str| {
        let hashes = l.chars().take_while(|&c| c == '#').count();
        (1..=6).contains(&hashes) && l[hashes..].starts_with(' ')
    };
    let bold = |l: &&str| l.matches("**").count() >= 2;
    let bullet = |l: &&&str| l.starts_with("- ") || l.starts_with("* ") || l.starts_with("+ ");
    lines.iter().any(heading) || lines.iter().any(bold) || lines.iter().filter(bullet).count() >= 2
}

/// The text with its Markdown marks taken out, line for line: headings' "#", emphasis, list
/// bullets, links' targets, HTML; an ordered list's own labels ("1." "2)") kept as typed; a
/// table kept as written (the importer reads Markdown rows). Returns the text and how many
/// marks went.
pub fn to_plain(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut marks = 0;
    let mut ordered: Vec<bool> = Vec::new();
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        if range.start < cursor {
            continue; // inside a table copied whole
        }
        match event {
            Event::Text(t) => {
                line_breaks(text, &mut out, &mut cursor, range.start);
                // CommonMark closes no "**" after a full-width mark before a Chinese character
                // ("**一、加强领导。**各地要……"): the reader gives such a run back as text, a
                // "*" at a time.
                if t.chars().all(|c| c == '*') {
                    marks += 1;
                } else {
                    out.push_str(&t);
                }
                cursor = range.end;
            }
            Event::Code(t) => {
                line_breaks(text, &mut out, &mut cursor, range.start);
                out.push_str(&t);
                cursor = range.end;
            }
            Event::Start(Tag::Table(_)) => {
                line_breaks(text, &mut out, &mut cursor, range.start);
                out.push_str(&text[range.clone()]);
                cursor = range.end;
            }
            Event::Start(Tag::List(first)) => ordered.push(first.is_some()),
            Event::End(TagEnd::List(_)) => {
                ordered.pop();
            }
            Event::Start(Tag::Item) if ordered.last() == Some(&true) => {
                // "1." or "2)" as typed: the importer reads them as the draft's own labels.
                line_breaks(text, &mut out, &mut cursor, range.start);
                let item = text[range.start..].trim_start();
                let label_len = item.find(['.', ')']).map_or(0, |k| k + 1);
                out.push_str(&item[..label_len]);
            }
            Event::Start(
                Tag::Heading { .. }
                | Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::BlockQuote(_)
                | Tag::Item,
            )
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::Rule => marks += 1,
            _ => {}
        }
    }
    line_breaks(text, &mut out, &mut cursor, text.len());
    (out, marks)
}

/// The line breaks of `text` from `cursor` to `to`, and nothing else there (marks): every line
/// break the source has is kept, so its lines keep their numbers.
fn line_breaks(text: &str, out: &mut String, cursor: &mut usize, to: usize) {
    if to > *cursor {
        out.extend(text[*cursor..to].chars().filter(|&c| c == '\n'));
        *cursor = to;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_marks_go_and_lines_keep_their_place() {
        let md = "# 关于开展活动的通知\n\n**各单位：**\n\n## 一、活动主题\n\n**1. 组织演练。**各乡镇要组织演练。\n\n- 要注重实效；\n- 请按时报送。\n\n详见[通知](https://example.gov.cn/a)。\n";
        assert!(looks_like_markdown(md));
        let (plain, marks) = to_plain(md);
        assert_eq!(
            plain,
            "关于开展活动的通知\n\n各单位：\n\n一、活动主题\n\n1. 组织演练。各乡镇要组织演练。\n\n要注重实效；\n请按时报送。\n\n详见通知。\n"
        );
        assert_eq!(plain.lines().count(), md.lines().count());
        assert!(marks >= 7, "{marks}");
    }

    #[test]
    fn an_ordered_list_keeps_its_labels_and_a_table_its_cells() {
        let (plain, _) = to_plain(
            "1. 甲项工作；\n2. 乙项工作。\n\n| 项目 | 金额 |\n|---|---|\n| 道路 | 300 |\n",
        );
        assert_eq!(
            plain,
            "1.甲项工作；\n2.乙项工作。\n\n| 项目 | 金额 |\n|---|---|\n| 道路 | 300 |\n"
        );
    }

    #[test]
    fn plain_text_is_no_markdown() {
        assert!(!looks_like_markdown(
            "关于做好冬季安全工作的通知\n各单位：\n一、提高认识。\n#话题#不是标题\n"
        ));
    }
}
