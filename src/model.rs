//! The document model: plain data, resolved from a source and a template's numbering, read by
//! the layout and by the DOCX backend. Nothing here knows about YAML, fonts or pages.

/// A document: a speech draft (讲话稿), or a 公文 in the 文件格式 when it has a [`Header`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// 版头 (文件格式): 份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人.
    pub header: Option<Header>,
    /// The title: one string the layout breaks into balanced lines, or lines given by the author.
    pub title: Title,
    /// "——在……上的讲话", set under the title.
    pub subtitle: Option<String>,
    /// Who gives the speech, set under the title.
    pub speaker: Option<String>,
    /// The date, as written ("2017年8月1日").
    pub date: Option<String>,
    /// "同志们：" (a speech) or the 主送机关 (a 公文), flush left before the body.
    pub salutation: Option<String>,
    /// Headings and paragraphs in reading order.
    pub blocks: Vec<Block>,
    /// 附件说明: the names of the attachments (§7.3.4).
    pub attachments: Vec<String>,
    /// 署名 and 成文日期 (§7.3.5).
    pub signature: Option<Signature>,
    /// 附注, set in （） (§7.3.6).
    pub note: Option<String>,
    /// 纪要: 出席, 请假, 列席 lists (§10.3).
    pub attendance: Vec<Attendance>,
    /// 附件: each on pages of its own (§7.3.7).
    pub annexes: Vec<Annex>,
    /// 版记 (§7.4).
    pub imprint: Option<Imprint>,
    /// A draft mark (征求意见稿, 讨论稿, 送审稿): not part of the standard, as practice has it.
    pub draft: Option<Draft>,
}

/// A draft mark.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    /// The word: "征求意见稿".
    pub text: String,
    /// A light diagonal watermark of the word on every page.
    pub watermark: bool,
}

/// 版头 (§7.2).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Header {
    /// 份号: 6 digits.
    pub copy_number: Option<String>,
    /// 密级和保密期限 ("机密★1年").
    pub secrecy: Option<String>,
    /// 紧急程度 ("特急").
    pub urgency: Option<String>,
    /// 发文机关标志: the issuing organs' names (several for a joint document).
    pub issuers: Vec<String>,
    /// What follows the names in the mark ("文件", "纪要"); `None`: the template's.
    pub mark_suffix: Option<String>,
    /// 发文字号 ("X政发〔2024〕7号").
    pub doc_number: Option<String>,
    /// 签发人 (上行文): names.
    pub signers: Vec<String>,
}

/// 署名 and 成文日期 (§7.3.5).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Signature {
    /// The signing organs.
    pub organs: Vec<String>,
    /// 成文日期 ("2024年4月6日").
    pub date: String,
    /// Whether a seal is applied (the layout then follows §7.3.5.1).
    pub sealed: bool,
    /// The seal's image file, as the source names it.
    pub seal_path: Option<String>,
    /// The seal's image, once read (see `source::load_assets`).
    pub seal_image: Option<Png>,
    /// A signer's 职务 and 签名章 in place of the organ's name (§7.3.5.3, a 命令's signature).
    pub signer: Option<Signer>,
}

/// 签发人 signing with a 签名章 (§7.3.5.3): 职务 2 字 left of the stamp, the date a line below it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Signer {
    /// 职务 ("县长").
    pub title: Option<String>,
    /// The name, typed where there is no stamp image.
    pub name: Option<String>,
    /// The 签名章 image file, as the source names it.
    pub stamp_path: Option<String>,
    /// The 签名章 image, once read (see `source::load_assets`).
    pub stamp_image: Option<Png>,
}

/// A PNG image, read and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Png {
    /// The file's bytes.
    pub bytes: std::sync::Arc<Vec<u8>>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl Png {
    /// The largest image file read (a seal or a stamp is a few hundred KB).
    pub const MAX_BYTES: usize = 32 << 20;
    /// The most pixels a side may have.
    pub const MAX_SIDE: u32 = 8000;
    /// The most pixels in all (64 MP).
    pub const MAX_PIXELS: u64 = 64_000_000;
    /// What its decoding may take in memory.
    const DECODE_BYTES: usize = 512 << 20;

    /// Checks a PNG before anything draws it: its header, its size against the limits above
    /// (read from the header, before decoding), then a full decode within a memory limit, so a
    /// broken image (a bad checksum, cut short) is an error here and never half-embedded.
    pub fn parse(bytes: Vec<u8>) -> Result<Png, String> {
        const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
        if bytes.len() < 24 || &bytes[..8] != SIGNATURE || &bytes[12..16] != b"IHDR" {
            return Err("not a PNG image".into());
        }
        let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
        let height = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
        if width == 0 || height == 0 {
            return Err("a PNG image of no size".into());
        }
        if width > Png::MAX_SIDE
            || height > Png::MAX_SIDE
            || u64::from(width) * u64::from(height) > Png::MAX_PIXELS
        {
            return Err(format!(
                "the image is {width} × {height} pixels; images may have {} pixels a side and {} megapixels at most",
                Png::MAX_SIDE,
                Png::MAX_PIXELS / 1_000_000
            ));
        }
        let mut decoder = png::Decoder::new_with_limits(
            std::io::Cursor::new(bytes.as_slice()),
            png::Limits {
                bytes: Png::DECODE_BYTES,
            },
        );
        decoder.set_transformations(png::Transformations::EXPAND);
        let broken = |e: png::DecodingError| format!("a broken PNG image ({e})");
        let mut reader = decoder.read_info().map_err(broken)?;
        let size = reader
            .output_buffer_size()
            .ok_or_else(|| "a PNG image too large to decode".to_string())?;
        let mut pixels = vec![0; size];
        reader.next_frame(&mut pixels).map_err(broken)?;
        Ok(Png {
            bytes: std::sync::Arc::new(bytes),
            width,
            height,
        })
    }
}

/// One list of a 纪要 (§10.3): "出席", "请假" or "列席" and who.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attendance {
    /// "出席", "请假", "列席".
    pub label: String,
    /// Units and names, as written.
    pub names: String,
}

/// An attachment set on pages of its own (§7.3.7).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Annex {
    /// "附件1" (set by position when there are several).
    pub label: String,
    /// Its title.
    pub title: String,
    /// Its body.
    pub blocks: Vec<Block>,
}

/// 版记 (§7.4).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Imprint {
    /// 抄送机关.
    pub cc: Option<String>,
    /// 印发机关.
    pub printer: String,
    /// 印发日期 ("2024年4月6日").
    pub printed: String,
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
        /// Text run on after the heading in the same paragraph, in the body's font (a run-in
        /// heading: "一、充分认识……的重要性。普通高等学校毕业生是……").
        run_in: Option<String>,
        /// Where it came from.
        origin: Origin,
    },
    /// A table: a header row and body rows of cell texts (cell text in 仿宋, the header in 黑体).
    Table {
        /// The header row, repeated at the top of each page the table runs onto.
        header: Vec<String>,
        /// The body rows.
        rows: Vec<Vec<String>>,
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
    /// Whether the heading `blocks[i]` has text of its own: the next block is a paragraph, a
    /// table or a deeper heading, not a sibling (a one-sentence item, "1.……。") nor nothing.
    pub fn heading_has_text(blocks: &[Block], i: usize) -> bool {
        let Some(Block::Heading { level, .. }) = blocks.get(i) else {
            return false;
        };
        match blocks.get(i + 1) {
            Some(Block::Heading { level: next, .. }) => next > level,
            Some(_) => true,
            None => false,
        }
    }

    /// The block's whole text in reading order.
    pub fn text(&self) -> String {
        match self {
            Block::Heading {
                label,
                text,
                run_in,
                ..
            } => format!("{label}{text}{}", run_in.as_deref().unwrap_or("")),
            Block::Paragraph { lead, text, .. } => {
                format!("{}{text}", lead.as_deref().unwrap_or(""))
            }
            Block::Table { header, rows, .. } => header
                .iter()
                .chain(rows.iter().flatten())
                .map(String::as_str)
                .collect(),
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
