//! Text copied as one run-together line (a web page that lost its line breaks): split back at
//! the places a speech or a 公文 breaks its lines — after the title ("……的讲话"), around the
//! date "(2015年11月14日)", around the salutation "同志们：", and before each numbered heading
//! ("一、", "（二）", "第三点意见") and each "第一，" lead that follows a sentence's end.

use crate::numbering::{Style, marker};

/// Words that open a salutation, "同志们：".
const SALUTATIONS: [&str; 8] = [
    "同志们",
    "各位代表",
    "各位委员",
    "各位领导",
    "同学们",
    "老师们",
    "朋友们",
    "女士们",
];

/// The paragraph's parts, or `None` when it is not run-together text. Only a paragraph holding
/// a salutation, or two numbered headings after sentence ends, is split: an ordinary paragraph
/// may mention a date, or count "第一，……第二，……" within itself.
pub fn run_together(p: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = p.chars().collect();
    if chars.len() < 40 {
        return None;
    }
    let salutation = find_salutation(&chars);
    let heading_cuts = heading_starts(&chars, salutation.is_some());
    let indents = paragraph_indents(&chars);
    if salutation.is_none() && indents.is_empty() && heading_cuts.iter().filter(|c| c.1).count() < 2
    {
        return None;
    }
    let mut cuts: Vec<usize> = heading_cuts.into_iter().map(|c| c.0).collect();
    cuts.extend(indents);
    if salutation.is_some() {
        cuts.extend(addresses(&chars));
    }
    if let Some((start, end)) = salutation {
        cuts.extend([start, end]);
        // The head before it: title, speaker, date.
        if let Some((d0, d1)) = find_paren_date(&chars[..start]) {
            cuts.extend([d0, d1]);
        }
        let head_end = cuts
            .iter()
            .copied()
            .filter(|&c| c > 0)
            .min()
            .unwrap_or(start);
        if let Some(after) = speech_title_end(&chars[..head_end]) {
            cuts.push(after);
        }
    }
    cuts.retain(|&c| c > 0 && c < chars.len());
    cuts.sort_unstable();
    cuts.dedup();
    let mut parts = Vec::new();
    let mut from = 0;
    for cut in cuts.into_iter().chain([chars.len()]) {
        let part: String = chars[from..cut].iter().collect();
        let part = part.trim_matches([' ', '\u{3000}']).to_string();
        if !part.is_empty() {
            parts.push(part);
        }
        from = cut;
    }
    (parts.len() > 1).then_some(parts)
}

/// Where a paragraph's indent (two or more full-width spaces) stands inside the text: a web
/// page that lost its line breaks kept them. None in a list of names set apart by such gaps
/// ("县应急管理局　　县公安局　　县交通运输局").
fn paragraph_indents(chars: &[char]) -> Vec<usize> {
    if is_a_list_of_names(chars) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut i = 1;
    while i + 1 < chars.len() {
        if chars[i] == '\u{3000}' && chars[i + 1] == '\u{3000}' {
            let mut j = i;
            while j < chars.len() && chars[j] == '\u{3000}' {
                j += 1;
            }
            if j < chars.len() {
                out.push(j);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Three or more short parts, apart by full-width spaces, none a sentence or a numbered
/// heading: names (of people, of organs) in a list.
fn is_a_list_of_names(chars: &[char]) -> bool {
    let text: String = chars.iter().collect();
    let parts: Vec<&str> = text
        .split("\u{3000}\u{3000}")
        .map(|part| part.trim_matches('\u{3000}'))
        .filter(|part| !part.is_empty())
        .collect();
    let name = |part: &&str| {
        part.chars().count() <= 16
            && !part.contains(['。', '，', '；', '：', '！', '？', '、'])
            && marker(part).is_none()
    };
    parts.len() >= 3 && parts.iter().all(name)
}

/// Where a speech turns to its audience again after a sentence ("……。同志们，……"): the
/// closing paragraph as a rule.
fn addresses(chars: &[char]) -> Vec<usize> {
    (1..chars.len())
        .filter(|&i| matches!(chars[i - 1], '。' | '！' | '？'))
        .filter(|&i| {
            let rest: String = chars[i..chars.len().min(i + 4)].iter().collect();
            SALUTATIONS.iter().any(|w| {
                rest.starts_with(w)
                    && matches!(chars.get(i + w.chars().count()), Some('，' | '！' | ','))
            })
        })
        .collect()
}

/// "同志们：" and its like: where it starts and where its colon ends.
fn find_salutation(chars: &[char]) -> Option<(usize, usize)> {
    let text: String = chars.iter().collect();
    SALUTATIONS.iter().find_map(|word| {
        let byte = text.find(word)?;
        let start = text[..byte].chars().count();
        let after = start + word.chars().count();
        let colon =
            (after..chars.len().min(after + 8)).find(|&i| matches!(chars[i], '：' | ':'))?;
        // "尊敬的各位领导、同志们：": the salutation starts at the line's start or after a
        // sentence, the date, or a space.
        let begin = (0..start)
            .rev()
            .take(12)
            .find(|&i| matches!(chars[i], ' ' | '\u{3000}' | '。' | '）' | ')'))
            .map_or(start.saturating_sub(0), |i| i + 1);
        Some((begin.min(start), colon + 1))
    })
}

/// A date in parentheses, "(2015年11月14日)" or "（2015年11月14日）".
fn find_paren_date(chars: &[char]) -> Option<(usize, usize)> {
    let open = chars.iter().position(|&c| c == '(' || c == '（')?;
    let close = chars[open..].iter().position(|&c| c == ')' || c == '）')? + open;
    let inner: String = chars[open + 1..close].iter().collect();
    (inner.contains('年') && inner.ends_with('日') && inner.chars().count() <= 14)
        .then_some((open, close + 1))
}

/// Where a speech title ends in a head that runs on into the speaker: after "讲话", "致辞"…
fn speech_title_end(chars: &[char]) -> Option<usize> {
    let text: String = chars.iter().collect();
    ["的讲话", "上的讲话", "的致辞", "的发言", "的报告", "讲话"]
        .iter()
        .find_map(|w| text.find(w).map(|b| text[..b + w.len()].chars().count()))
        .filter(|&end| end < chars.len())
}

/// Positions where a numbered heading (or, in a speech, a "第一，" lead) starts after a
/// sentence's end or a space; each with whether it opens a heading.
fn heading_starts(chars: &[char], speech: bool) -> Vec<(usize, bool)> {
    let mut out = Vec::new();
    for i in 1..chars.len() {
        let before = chars[i - 1];
        if !matches!(before, '。' | '！' | '？' | '；' | ' ' | '\u{3000}' | '：') {
            continue;
        }
        let rest: String = chars[i..chars.len().min(i + 12)].iter().collect();
        let Some(m) = marker(&rest) else { continue };
        match m.style {
            Style::Shi | Style::Yao => {}
            Style::DiComma if speech => out.push((i, false)),
            Style::DiComma => {}
            _ => out.push((i, true)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_speech_run_together_is_split_at_its_parts() {
        let p = "在全市经济工作会议上的讲话市委书记 王明(2015年11月14日)同志们：今天召开会议，主要任务是总结工作。一、肯定成绩今年以来，全市经济稳中向好。第一，工业增长较快。第二，投资结构优化。二、明确任务明年要抓好三件事。";
        let parts = run_together(p).unwrap();
        assert_eq!(
            parts,
            [
                "在全市经济工作会议上的讲话",
                "市委书记 王明",
                "(2015年11月14日)",
                "同志们：",
                "今天召开会议，主要任务是总结工作。",
                "一、肯定成绩今年以来，全市经济稳中向好。",
                "第一，工业增长较快。",
                "第二，投资结构优化。",
                "二、明确任务明年要抓好三件事。",
            ]
        );
    }

    /// A 决定's list of the honoured, names apart by two full-width spaces, was cut into a
    /// paragraph a name, as if each gap were a lost paragraph's indent.
    #[test]
    fn a_list_of_names_apart_by_full_width_gaps_stays_one_paragraph() {
        let names =
            "县应急管理局　　县公安局　　县交通运输局　　县住房和城乡建设局　　城关镇人民政府";
        assert_eq!(run_together(names), None);
        let people = "王建华　　李晓明　　张　伟　　陈丽娟　　刘志强　　黄海涛　　赵　敏　　周建国";
        assert_eq!(run_together(people), None);
        // Paragraphs that lost their line breaks are still parted at their indents.
        let lost = "各地要认真落实防汛责任，确保安全度汛。　　各部门要加强协作，形成工作合力。　　请于6月1日前报送工作情况。";
        assert_eq!(run_together(lost).map(|p| p.len()), Some(3));
    }

    #[test]
    fn an_ordinary_paragraph_is_left_alone() {
        let p = "各地要认真落实责任。第一，加强组织领导；第二，强化督查考核，确保各项工作落到实处，取得实效。";
        assert_eq!(run_together(p), None);
        assert_eq!(
            run_together(
                "2024年3月5日（星期二）上午召开会议，研究部署全年工作任务，会议由县长主持。"
            ),
            None
        );
    }
}
