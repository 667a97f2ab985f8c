//! The document model: plain data, resolved from a source and a template's numbering, read by
//! the layout and by the DOCX backend. Nothing here knows about YAML, fonts or pages.

/// A speech draft (讲话稿), the one kind the model holds so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// The title: one string the layout breaks into balanced lines, or lines given by the author.
    pub title: Title,
    /// "——在……上的讲话", set under the title.
    pub subtitle: Option<String>,
    /// Who gives the speech, set under the title.
    pub speaker: Option<String>,
    /// The date, as written ("2017年8月1日").
    pub date: Option<String>,
    /// "同志们：", flush left before the body.
    pub salutation: Option<String>,
    /// Headings and paragraphs in reading order.
    pub blocks: Vec<Block>,
}

/// A document title.
#[derive(Clone, Debug, PartialEq)]
pub enum Title {
    /// One string; the layout splits it into lines when it does not fit on one.
    Auto(String),
    /// Lines exactly as the author broke them.
    Lines(Vec<String>),
}

impl Default for Title {
    fn default() -> Self {
        Title::Auto(String::new())
    }
}

impl Title {
    /// The whole title as one string (for metadata and bookmarks).
    pub fn text(&self) -> String {
        match self {
            Title::Auto(s) => s.clone(),
            Title::Lines(lines) => lines.concat(),
        }
    }
}

/// Where a block came from in the source, for messages (1-based; 0 when unknown).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// Line in the source file.
    pub line: usize,
    /// Column in the source file.
    pub column: usize,
}

/// One block of the body.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A section heading at level 1–4 (一、 （一） 1. （1）).
    Heading {
        /// 1 to 4.
        level: u8,
        /// The numbering label, resolved ("一、", or an explicit "第一点意见：").
        label: String,
        /// The heading's text after the label.
        text: String,
        /// Where it came from.
        origin: Origin,
    },
    /// A paragraph, optionally opened by a lead sentence ("一是目标更加明确了。") styled apart.
    Paragraph {
        /// The lead sentence.
        lead: Option<String>,
        /// The rest of the paragraph.
        text: String,
        /// Where it came from.
        origin: Origin,
    },
}

impl Block {
    /// The block's whole text in reading order.
    pub fn text(&self) -> String {
        match self {
            Block::Heading { label, text, .. } => format!("{label}{text}"),
            Block::Paragraph { lead, text, .. } => {
                format!("{}{text}", lead.as_deref().unwrap_or(""))
            }
        }
    }
}

/// Chinese numerals for labels: 一 … 九十九.
pub fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        _ => n.to_string(),
    }
}

/// Fills a numbering pattern: `{cn}` becomes a Chinese numeral, `{n}` an Arabic one.
pub fn number_label(pattern: &str, n: usize) -> String {
    pattern
        .replace("{cn}", &chinese_numeral(n))
        .replace("{n}", &n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_numeral(1), "一");
        assert_eq!(chinese_numeral(10), "十");
        assert_eq!(chinese_numeral(14), "十四");
        assert_eq!(chinese_numeral(20), "二十");
        assert_eq!(chinese_numeral(37), "三十七");
    }

    #[test]
    fn labels_follow_the_pattern() {
        assert_eq!(number_label("{cn}、", 3), "三、");
        assert_eq!(number_label("（{cn}）", 12), "（十二）");
        assert_eq!(number_label("{n}.", 2), "2.");
        assert_eq!(number_label("（{n}）", 1), "（1）");
    }
}
