//! Text as a 公文 writes it: NFC, GB/T 15834 punctuation forms, no web spacing, 〔〕 around a
//! 发文字号's year. Each change is counted, so the importer can say what it did.

use unicode_normalization::UnicodeNormalization;

use crate::punct;

/// What normalising changed, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Half-width marks set in their full-width forms, straight quotes paired.
    pub punctuation: usize,
    /// Spaces taken out between Chinese text and digits or Latin, or beside full-width marks.
    pub spaces: usize,
    /// Characters composed (NFC), e.g. a + U+0301 → á.
    pub composed: usize,
    /// 发文字号 brackets set as 〔〕.
    pub brackets: usize,
    /// Deliberate gaps between Chinese words in the body (a list of names apart by two spaces or
    /// tabs) set as full-width spaces: the layout gives a half-width space no cell of the grid.
    pub gaps: usize,
}

impl Tally {
    /// Whether anything changed.
    pub fn any(&self) -> bool {
        *self != Tally::default()
    }
}

/// A paragraph's text, normalised.
pub fn text(s: &str, tally: &mut Tally) -> String {
    let nfc: String = s.nfc().collect();
    tally.composed += s.chars().count() - nfc.chars().count();
    // A tab left in a paragraph (tables took theirs) is a deliberate gap: two spaces (see
    // [`body_gaps`]).
    let composed = nfc.replace('\t', "  ");
    let (marks, changes) = punct::normalize(&composed);
    tally.punctuation += changes.len();
    let (spaced, removed) = web_spacing(&marks);
    tally.spaces += removed;
    spaced
}

/// A full-width mark beside which a space is never wanted.
fn full_width_mark(c: char) -> bool {
    "，。、；：？！“”‘’（）《》〈〉【】〔〕—…·".contains(c)
}

/// Spaces a web page puts between Chinese and digits or Latin ("到 2020 年"), and after or before
/// a full-width mark ("成果， 不断"), taken out. Spaces between Latin words stay, and so does a
/// space between two Chinese characters (a name and a title, "市委书记 张三").
pub fn web_spacing(s: &str) -> (String, usize) {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut removed = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, ' ' | '\u{a0}' | '\u{3000}') {
            let start = i;
            while i < chars.len() && matches!(chars[i], ' ' | '\u{a0}' | '\u{3000}') {
                i += 1;
            }
            let before = start.checked_sub(1).map(|k| chars[k]);
            let after = chars.get(i).copied();
            let drop = match (before, after) {
                (Some(b), Some(a)) => {
                    let cjk_b = punct::is_cjk(b) && b != '\u{3000}';
                    let cjk_a = punct::is_cjk(a) && a != '\u{3000}';
                    full_width_mark(b)
                        || full_width_mark(a)
                        || (cjk_b && a.is_ascii_alphanumeric())
                        || (b.is_ascii_alphanumeric() && cjk_a)
                        || (cjk_b && matches!(a, '%' | '‰'))
                        || (matches!(b, '%' | '‰') && cjk_a)
                }
                _ => true,
            };
            if drop {
                removed += i - start;
            } else {
                out.extend(&chars[start..i]);
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    (out, removed)
}

/// A body text's deliberate gaps between Chinese words — a list of names typed "王建华  李晓明"
/// or apart by tabs — set as full-width spaces, one for each two half-width ones (at least one),
/// so each gap takes whole cells of the grid. A gap is deliberate where the paragraph has one of
/// two spaces or more; a lone space between Chinese words ("线网 提升") is left, as the layout
/// sets it, in no cell. Returns the text and how many gaps changed.
pub fn body_gaps(s: &str) -> (String, usize) {
    let chars: Vec<char> = s.chars().collect();
    let han = |c: char| punct::is_cjk(c) && !full_width_mark(c) && c != '\u{3000}';
    let gaps = punct::space_runs_between(&chars, |c| matches!(c, ' ' | '\u{a0}'), han);
    if !gaps.iter().any(|gap| gap.len() >= 2) {
        return (s.to_string(), 0);
    }
    let mut out = String::with_capacity(s.len());
    let mut from = 0;
    for gap in &gaps {
        out.extend(&chars[from..gap.start]);
        out.extend(std::iter::repeat_n('\u{3000}', gap.len().div_ceil(2)));
        from = gap.end;
    }
    out.extend(&chars[from..]);
    (out, gaps.len())
}

/// A 发文字号 with its year in 〔〕 (§7.2.4: "用六角括号"): „2009‟, [2009], ［2009］, (2009),
/// （2009）, 【2009】 and 〔2009] all become 〔2009〕. Returns the number and whether it changed.
pub fn doc_number(s: &str) -> (String, bool) {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let chars: Vec<char> = s.chars().collect();
    let opens = ['„', '[', '［', '(', '（', '【', '〔', '〈', '{'];
    let closes = ['‟', '"', ']', '］', ')', '）', '】', '〕', '〉', '}', '”'];
    for (i, &c) in chars.iter().enumerate() {
        if !opens.contains(&c) {
            continue;
        }
        let digits = chars[i + 1..]
            .iter()
            .take_while(|d| d.is_ascii_digit())
            .count();
        let close = i + 1 + digits;
        if digits == 4 && chars.get(close).is_some_and(|d| closes.contains(d)) {
            let mut out: Vec<char> = chars.clone();
            out[i] = '〔';
            out[close] = '〕';
            let out: String = out.into_iter().collect();
            let changed = out != s;
            return (out, changed);
        }
    }
    (s, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_spacing_goes_where_chinese_meets_digits_or_marks() {
        assert_eq!(web_spacing("到 2020 年").0, "到2020年");
        assert_eq!(web_spacing("成果， 不断").0, "成果，不断");
        assert_eq!(web_spacing("增长 7.2% ，好").0, "增长7.2%，好");
        assert_eq!(web_spacing("达到95% 以上").0, "达到95%以上");
        assert_eq!(web_spacing("市委书记 张三").0, "市委书记 张三");
        assert_eq!(web_spacing("Open Source 软件").0, "Open Source软件");
        assert_eq!(web_spacing("a b").0, "a b");
    }

    #[test]
    fn gaps_between_chinese_words_in_the_body_take_whole_cells() {
        assert_eq!(
            body_gaps("王建华  李晓明 张丽娟"),
            ("王建华　李晓明　张丽娟".into(), 2)
        );
        assert_eq!(
            body_gaps("中共中央 国务院印发"),
            ("中共中央 国务院印发".into(), 0)
        );
        assert_eq!(
            body_gaps("Open Source 软件"),
            ("Open Source 软件".into(), 0)
        );
        assert_eq!(
            body_gaps("县财政局　县商务局"),
            ("县财政局　县商务局".into(), 0)
        );
    }

    #[test]
    fn a_doc_numbers_year_takes_hexagonal_brackets() {
        assert_eq!(doc_number("国办发„2009‟3号").0, "国办发〔2009〕3号");
        assert_eq!(doc_number("江政办发[2024]7号").0, "江政办发〔2024〕7号");
        assert_eq!(doc_number("江政办发（2024）7号").0, "江政办发〔2024〕7号");
        assert_eq!(
            doc_number("江政办发〔2024〕7号"),
            ("江政办发〔2024〕7号".into(), false)
        );
    }

    #[test]
    fn combining_marks_are_composed() {
        let mut tally = Tally::default();
        assert_eq!(text("cafe\u{301}", &mut tally), "café");
        assert_eq!(tally.composed, 1);
    }
}
