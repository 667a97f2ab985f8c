//! Numbering markers at the start of a line or paragraph: 一、 （一） 1. （1） and the speech
//! forms 第一点意见： 第一部分 一是 一要 第一，. Shared by the importer and the linter.

/// The style of a marker; each style is one numbering sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// 第一点意见：
    Opinion,
    /// 第一部分
    Part,
    /// 第一章 (a chapter of a 办法, 规定 or 条例 a notice sends)
    Chapter,
    /// 一、
    CnComma,
    /// （一）
    CnParen,
    /// 1.
    Arabic,
    /// （1）
    ArabicParen,
    /// 一是 (a lead sentence)
    Shi,
    /// 一要 (a lead sentence)
    Yao,
    /// 第一， (a lead sentence)
    DiComma,
}

impl Style {
    /// Markers that open a section heading (the others open lead sentences).
    pub fn is_heading(self) -> bool {
        !matches!(self, Style::Shi | Style::Yao | Style::DiComma)
    }

    /// The level GB/T 9704 §7.3.3 gives the style, where it has one.
    pub fn standard_level(self) -> Option<u8> {
        match self {
            Style::CnComma => Some(1),
            Style::CnParen => Some(2),
            Style::Arabic => Some(3),
            Style::ArabicParen => Some(4),
            _ => None,
        }
    }
}

/// A marker found at the start of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    /// Its style.
    pub style: Style,
    /// Its number (一 = 1).
    pub number: u32,
    /// Its length in bytes (the label, e.g. "第一点意见：" or "1.").
    pub len: usize,
}

/// The value of a Chinese numeral of up to 99 (一 … 九十九, 〇/零 forms), and its length in bytes.
pub fn chinese_number(s: &str) -> Option<(u32, usize)> {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
            .or(if c == '两' { Some(2) } else { None })
    };
    let mut value = 0u32;
    let mut len = 0;
    let mut pending: Option<u32> = None;
    for c in s.chars().take(4) {
        if let Some(d) = digit(c) {
            if pending.is_some() {
                break;
            }
            pending = Some(d);
        } else if c == '十' {
            value += pending.take().unwrap_or(1) * 10;
        } else {
            break;
        }
        len += c.len_utf8();
    }
    value += pending.unwrap_or(0);
    (len > 0 && value > 0).then_some((value, len))
}

fn arabic(s: &str) -> Option<(u32, usize)> {
    let len = s.chars().take_while(|c| c.is_ascii_digit()).count();
    if len == 0 || len > 3 {
        return None;
    }
    Some((s[..len].parse().ok()?, len))
}

/// The marker that opens `text`, if any.
pub fn marker(text: &str) -> Option<Marker> {
    let m = |style, number, len| Some(Marker { style, number, len });
    if let Some(rest) = text.strip_prefix('第')
        && let Some((n, l)) = chinese_number(rest)
    {
        let after = &rest[l..];
        for (word, style) in [
            ("点意见", Style::Opinion),
            ("部分", Style::Part),
            ("章", Style::Chapter),
        ] {
            if let Some(tail) = after.strip_prefix(word) {
                let colon = tail
                    .chars()
                    .next()
                    .filter(|c| matches!(c, '：' | ':' | ' ' | '\u{3000}'))
                    .map_or(0, char::len_utf8);
                return m(style, n, '第'.len_utf8() + l + word.len() + colon);
            }
        }
        if let Some(c) = after.chars().next().filter(|c| matches!(c, '，' | ',')) {
            return m(Style::DiComma, n, '第'.len_utf8() + l + c.len_utf8());
        }
        return None;
    }
    if let Some(rest) = text.strip_prefix('（').or_else(|| text.strip_prefix('(')) {
        let open = text.len() - rest.len();
        let (n, l, style) = match chinese_number(rest) {
            Some((n, l)) => (n, l, Style::CnParen),
            None => {
                let (n, l) = arabic(rest)?;
                (n, l, Style::ArabicParen)
            }
        };
        let close = rest[l..]
            .chars()
            .next()
            .filter(|c| matches!(c, '）' | ')'))?;
        return m(style, n, open + l + close.len_utf8());
    }
    if let Some((n, l)) = chinese_number(text) {
        let next = text[l..].chars().next()?;
        let style = match next {
            '、' => Style::CnComma,
            '是' => Style::Shi,
            '要' => Style::Yao,
            _ => return None,
        };
        // "一是" and "一要" are the lead's own words: the label is the numeral alone.
        return m(
            style,
            n,
            l + if style == Style::CnComma {
                next.len_utf8()
            } else {
                0
            },
        );
    }
    if let Some((n, l)) = arabic(text) {
        let next = text[l..].chars().next()?;
        let after = text[l + next.len_utf8()..].chars().next();
        // "1." and "1、" open a heading; "1.2万" is a number.
        if matches!(next, '.' | '．' | '、') && !after.is_some_and(|c| c.is_ascii_digit()) {
            return m(Style::Arabic, n, l + next.len_utf8());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(chinese_number("一、"), Some((1, 3)));
        assert_eq!(chinese_number("十二、"), Some((12, 6)));
        assert_eq!(chinese_number("二十、"), Some((20, 6)));
        assert_eq!(chinese_number("三十四"), Some((34, 9)));
        assert_eq!(chinese_number("是"), None);
    }

    #[test]
    fn markers() {
        fn s(t: &str) -> Option<(Style, u32, &str)> {
            marker(t).map(|m| (m.style, m.number, &t[..m.len]))
        }
        assert_eq!(
            s("第一点意见：上半年"),
            Some((Style::Opinion, 1, "第一点意见："))
        );
        assert_eq!(s("第三部分 总结"), Some((Style::Part, 3, "第三部分 ")));
        assert_eq!(s("第二章　项目决策"), Some((Style::Chapter, 2, "第二章　")));
        assert_eq!(s("第二条　本办法所称"), None);
        assert_eq!(s("二、主要任务"), Some((Style::CnComma, 2, "二、")));
        assert_eq!(s("（三）加强领导"), Some((Style::CnParen, 3, "（三）")));
        assert_eq!(s("4.完善制度"), Some((Style::Arabic, 4, "4.")));
        assert_eq!(s("（2）细化"), Some((Style::ArabicParen, 2, "（2）")));
        assert_eq!(s("一是目标更加明确了。"), Some((Style::Shi, 1, "一")));
        assert_eq!(s("第一，认真做好"), Some((Style::DiComma, 1, "第一，")));
        assert_eq!(s("1.2万亩"), None);
        assert_eq!(s("一些问题"), None);
        assert_eq!(s("第一书记"), None);
    }
}
