//! Dates as documents write them: "2024年4月6日", "二〇二四年四月六日".

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CivilDate {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
}

/// Reads "2024年4月6日", "二〇二四年四月六日" or "2024年04月06日", in parentheses or not.
pub fn parse(text: &str) -> Option<CivilDate> {
    let t = text
        .trim()
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    let (year, rest) = t.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日')?;
    let year = digits(year)?;
    let (month, day) = (number(month)?, number(day)?);
    let valid =
        (1000..=9999).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then_some(CivilDate {
        year: year as u16,
        month: month as u8,
        day: day as u8,
    })
}

/// A digit, Arabic or Chinese.
fn digit(c: char) -> Option<u32> {
    c.to_digit(10)
        .or_else(|| {
            "〇一二三四五六七八九"
                .chars()
                .position(|d| d == c)
                .map(|p| p as u32)
        })
        .or_else(|| (c == '○' || c == '零').then_some(0))
}

/// A year written digit by digit.
fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.chars().count() > 4 {
        return None;
    }
    s.chars().try_fold(0, |n, c| Some(n * 10 + digit(c)?))
}

/// A month or day: Arabic digits, or Chinese numerals up to 三十一 (十, 十二, 二十, 二十一).
fn number(s: &str) -> Option<u32> {
    if s.chars().all(|c| c.is_ascii_digit()) {
        return digits(s);
    }
    match s.split_once('十') {
        None => digits(s),
        Some((tens, ones)) => {
            let tens = if tens.is_empty() { 1 } else { digits(tens)? };
            let ones = if ones.is_empty() { 0 } else { digits(ones)? };
            Some(tens * 10 + ones)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{CivilDate, parse};

    fn date(year: u16, month: u8, day: u8) -> Option<CivilDate> {
        Some(CivilDate { year, month, day })
    }

    #[test]
    fn dates_in_digits_and_in_chinese_numerals() {
        assert_eq!(parse("2024年4月6日"), date(2024, 4, 6));
        assert_eq!(parse("（2017年8月1日）"), date(2017, 8, 1));
        assert_eq!(parse("二〇二六年三月一日"), date(2026, 3, 1));
        assert_eq!(parse("二〇二六年十二月三十一日"), date(2026, 12, 31));
        assert_eq!(parse("二○二六年十月二十日"), date(2026, 10, 20));
    }

    #[test]
    fn what_is_no_date_is_none() {
        assert_eq!(parse("2024年13月6日"), None);
        assert_eq!(parse("四月六日"), None);
        assert_eq!(parse("2024年4月"), None);
        assert_eq!(parse("同志们"), None);
    }
}
