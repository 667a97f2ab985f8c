//! Punctuation forms of GB/T 15834: half-width marks typed into Chinese text become full-width;
//! straight quotes become paired “ ” ‘ ’. Latin text, numbers ("7.2%", "1,000", "3:4"), times
//! and URLs keep their marks.

/// A character is Chinese text: an ideograph, or a full-width mark or letter.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF | 0x2014 | 0x2026 | 0x201C | 0x201D | 0x2018 | 0x2019)
}

/// The runs of `space` characters in `chars` that stand between two `side` characters, as
/// ranges of indices.
pub fn space_runs_between(
    chars: &[char],
    space: impl Fn(char) -> bool,
    side: impl Fn(char) -> bool,
) -> Vec<std::ops::Range<usize>> {
    let side_at = |k: Option<usize>| k.and_then(|k| chars.get(k)).is_some_and(|&c| side(c));
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && space(chars[i]) {
            i += 1;
        }
        if i > start && side_at(start.checked_sub(1)) && side_at(Some(i)) {
            runs.push(start..i);
        }
        i = i.max(start + 1);
    }
    runs
}

/// Body text as the grid sets it for a word processor: a run of half-width spaces between two
/// Chinese characters takes no cell in the layout (see `layout::grid`), so it is left out, or
/// Word and LibreOffice would give it a width and break the line a character early.
pub fn without_cellless_spaces(s: &str) -> std::borrow::Cow<'_, str> {
    let chars: Vec<char> = s.chars().collect();
    let runs = space_runs_between(&chars, |c| c == ' ', is_cjk);
    if runs.is_empty() {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut kept = String::with_capacity(s.len());
    let mut from = 0;
    for run in runs {
        kept.extend(&chars[from..run.start]);
        from = run.end;
    }
    kept.extend(&chars[from..]);
    std::borrow::Cow::Owned(kept)
}

/// The full-width form of a half-width mark that GB/T 15834 sets full width in Chinese text.
pub fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// One change made by [`normalize`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// Index of the character in the text (chars, not bytes).
    pub index: usize,
    /// What was there.
    pub from: char,
    /// What is there now.
    pub to: char,
}

fn nearest(chars: &[char], from: usize, step: isize) -> Option<char> {
    let mut i = from as isize + step;
    while i >= 0 && (i as usize) < chars.len() {
        let c = chars[i as usize];
        if c != ' ' && c != '\u{3000}' {
            return Some(c);
        }
        i += step;
    }
    None
}

/// Whether position `i` is inside a URL (from "http", "https", "www." to the next space or CJK).
fn in_url(chars: &[char], i: usize) -> bool {
    let mut s = i;
    while s > 0 && !chars[s - 1].is_whitespace() && !is_cjk(chars[s - 1]) {
        s -= 1;
    }
    let word: String = chars[s..i].iter().collect();
    word.contains("://") || word.starts_with("www.") || word.starts_with("http")
}

/// Puts one line of text into GB/T 15834 forms. Returns the new text and what changed.
pub fn normalize(text: &str) -> (String, Vec<Change>) {
    let mut chars: Vec<char> = text.chars().collect();
    let mut changes = Vec::new();
    let n = chars.len();
    // Parentheses first, as pairs: a pair with Chinese inside or beside it becomes （ ）.
    let mut open: Vec<usize> = Vec::new();
    for i in 0..n {
        match chars[i] {
            '(' => open.push(i),
            ')' => {
                if let Some(o) = open.pop() {
                    let inside = chars[o + 1..i].iter().any(|&c| is_cjk(c));
                    let beside = nearest(&chars, o, -1).is_some_and(is_cjk)
                        || nearest(&chars, i, 1).is_some_and(is_cjk);
                    if (inside || beside) && !in_url(&chars, o) {
                        for (k, to) in [(o, '（'), (i, '）')] {
                            changes.push(Change {
                                index: k,
                                from: chars[k],
                                to,
                            });
                            chars[k] = to;
                        }
                    }
                }
            }
            _ => {}
        }
    }
    for i in 0..n {
        let c = chars[i];
        let Some(to) = full_width(c) else { continue };
        if c == '(' || c == ')' {
            continue; // unpaired: left for the linter to report
        }
        let before = nearest(&chars, i, -1);
        let after = nearest(&chars, i, 1);
        let digit = |x: Option<char>| x.is_some_and(|x| x.is_ascii_digit());
        // "1,000", "3:4", "12:30": between digits a mark belongs to the number.
        if matches!(c, ',' | ':')
            && digit(before)
            && digit(after)
            && i > 0
            && i + 1 < n
            && chars[i - 1].is_ascii_digit()
            && chars[i + 1].is_ascii_digit()
        {
            continue;
        }
        if in_url(&chars, i) {
            continue;
        }
        // Chinese on either side makes it Chinese punctuation; ending a line after Chinese too.
        if before.is_some_and(is_cjk)
            || (after.is_some_and(is_cjk) && !before.is_some_and(|b| b.is_ascii_alphabetic()))
        {
            changes.push(Change {
                index: i,
                from: c,
                to,
            });
            chars[i] = to;
        }
    }
    // Straight double quotes in Chinese text pair up as “ ”.
    let quotes: Vec<usize> = (0..n).filter(|&i| chars[i] == '"').collect();
    let chinese_line = chars.iter().any(|&c| is_cjk(c));
    if chinese_line && quotes.len().is_multiple_of(2) {
        for (k, &i) in quotes.iter().enumerate() {
            let to = if k % 2 == 0 { '“' } else { '”' };
            changes.push(Change {
                index: i,
                from: '"',
                to,
            });
            chars[i] = to;
        }
    }
    // Straight single quotes between Chinese characters (not apostrophes inside Latin words).
    let singles: Vec<usize> = (0..n)
        .filter(|&i| {
            chars[i] == '\''
                && !(i > 0
                    && chars[i - 1].is_ascii_alphabetic()
                    && chars.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic()))
        })
        .collect();
    if chinese_line && !singles.is_empty() && singles.len().is_multiple_of(2) {
        for (k, &i) in singles.iter().enumerate() {
            let to = if k % 2 == 0 { '‘' } else { '’' };
            changes.push(Change {
                index: i,
                from: '\'',
                to,
            });
            chars[i] = to;
        }
    }
    changes.sort_by_key(|c| c.index);
    (chars.into_iter().collect(), changes)
}

/// Folds the full-width marks back to their half-width forms and curly quotes to straight ones:
/// two texts that differ only in punctuation forms fold to the same string.
pub fn fold(c: char) -> char {
    match c {
        '，' => ',',
        '：' => ':',
        '；' => ';',
        '？' => '?',
        '！' => '!',
        '（' => '(',
        '）' => ')',
        '“' | '”' => '"',
        '‘' | '’' => '\'',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_between_chinese_characters_go_for_a_word_processor() {
        assert_eq!(without_cellless_spaces("线网 提升"), "线网提升");
        assert_eq!(
            without_cellless_spaces("Open Source 软件"),
            "Open Source 软件"
        );
        assert_eq!(without_cellless_spaces("王建华　李晓明"), "王建华　李晓明");
    }

    fn n(s: &str) -> String {
        normalize(s).0
    }

    #[test]
    fn marks_in_chinese_become_full_width() {
        assert_eq!(n("同志们:"), "同志们：");
        assert_eq!(n("部署,60多人;好吗?好!"), "部署，60多人；好吗？好！");
        assert_eq!(n("旗x(市)签订"), "旗x（市）签订");
        assert_eq!(n("宣传委员(副科),更要"), "宣传委员（副科），更要");
    }

    #[test]
    fn numbers_times_urls_and_latin_keep_their_marks() {
        assert_eq!(n("增长7.2%,增速"), "增长7.2%，增速");
        assert_eq!(n("共1,000元"), "共1,000元");
        assert_eq!(n("比例3:4,时间12:30"), "比例3:4，时间12:30");
        assert_eq!(
            n("见http://a.cn/x?a=1,b=2 网站"),
            "见http://a.cn/x?a=1,b=2 网站"
        );
        assert_eq!(n("He said: yes, (maybe)."), "He said: yes, (maybe).");
        assert_eq!(n("用 Word (或 WPS) 编辑"), "用 Word （或 WPS） 编辑");
    }

    #[test]
    fn straight_quotes_pair_up() {
        assert_eq!(n("采取\"合作社+农户\"模式"), "采取“合作社+农户”模式");
        assert_eq!(n("所谓'三到位'"), "所谓‘三到位’");
        assert_eq!(n("it's 好"), "it's 好");
        // An odd number cannot be paired safely: left for the linter.
        assert_eq!(n("他说\"好"), "他说\"好");
    }

    #[test]
    fn folding_undoes_the_forms() {
        let s = "部署,60多人(副科)\"好\"";
        let (t, changes) = normalize(s);
        assert!(!changes.is_empty());
        assert_eq!(t.chars().map(fold).collect::<String>(), s);
    }
}
