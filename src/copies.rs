//! Files for distribution: numbered copies of one document (§7.2.1) and several documents bound
//! into one PDF, each starting on an odd page.

use rayon::prelude::*;

use crate::render::pdf::{Bound, PdfOptions, write_bound, write_pdf};
use crate::{Error, Laid, Options, Result, Source, lay_out};

/// Numbered copies of a document, as PDF, all in memory ([`render_copies`]).
#[derive(Debug, Clone)]
pub struct Copies {
    /// Each copy's number and PDF, in the order asked for.
    pub pdfs: Vec<(u32, Vec<u8>)>,
    /// All copies in one PDF, each from an odd page, when asked for.
    pub merged: Option<Vec<u8>>,
    /// Pages of one copy.
    pub pages: usize,
    /// The layout's warnings (as [`crate::render()`] gives them).
    pub laid_warnings: (
        Vec<crate::error::MissingGlyph>,
        Vec<crate::error::SourceError>,
    ),
}

/// The most copies one command numbers, written one file a copy as they are drawn.
pub const MOST_COPIES: usize = 100_000;
/// The most copies bound in one PDF, which is made whole in memory (1,000 copies of a 6-page
/// notice: 6,000 pages).
pub const MOST_BOUND: usize = 1_000;
/// Copies drawn side by side before they are handed on: what is held in memory at once.
const BATCH: usize = 32;

/// Reads a list of copy numbers: "1-50", "1,3,7-9": numbers from 1 to 999999 (the 份号 has 6
/// digits, §7.2.1), each once, at most `most` of them, in the order given.
pub fn parse_copy_numbers(list: &str, most: usize) -> std::result::Result<Vec<u32>, String> {
    let number = |s: &str| -> std::result::Result<u32, String> {
        match s.trim().parse::<u32>() {
            Ok(n) if (1..=999_999).contains(&n) => Ok(n),
            _ => Err(format!(
                "{s:?} is not a copy number: the 份号 has 6 digits, 1 to 999999"
            )),
        }
    };
    let mut out: Vec<u32> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for item in list.split(',') {
        let (from, to) = match item.split_once('-') {
            Some((a, b)) => (number(a)?, number(b)?),
            None => (number(item)?, number(item)?),
        };
        if from > to {
            return Err(format!(
                "{item:?} runs backwards: write the smaller number first"
            ));
        }
        if out.len() + (to - from + 1) as usize > most {
            return Err(format!("more than {most} copies at once"));
        }
        for n in from..=to {
            if !seen.insert(n) {
                return Err(format!("copy {n} is named twice"));
            }
            out.push(n);
        }
    }
    Ok(out)
}

/// A copy number as the 份号 prints it: 6 digits (§7.2.1).
pub fn copy_number_text(number: u32) -> String {
    format!("{number:06}")
}

/// A document laid out once for numbered copies.
pub struct CopyLayout {
    laid: Laid,
    pdf: PdfOptions,
    max_pages: usize,
}

impl CopyLayout {
    /// Lays the source out with `first` as its 份号; an error when it has no 版头 to print one in.
    pub fn new(source: &Source, opts: &Options, first: u32) -> Result<CopyLayout> {
        let numbered = Options {
            copy_number: Some(first),
            ..opts.clone()
        };
        let laid = lay_out(source, &numbered)?;
        if laid.layout.parts.copy_number_block.is_none() {
            return Err(Error::Usage(format!(
                "{} has no 版头 to print a 份号 in: numbered copies are for a 公文 (a source \
                 with a header, §7.2.1)",
                source.name
            )));
        }
        Ok(CopyLayout {
            laid,
            pdf: opts.pdf_options(),
            max_pages: opts.limits.max_pages,
        })
    }

    /// Pages of one copy.
    pub fn pages(&self) -> usize {
        self.laid.layout.pages.len()
    }

    /// The layout's warnings: characters no font has, and the source's.
    pub fn warnings(&self) -> (&[crate::error::MissingGlyph], &[crate::error::SourceError]) {
        (&self.laid.warnings, &self.laid.source_warnings)
    }

    /// Each copy's PDF, handed to `sink` in the order of `numbers`: drawn side by side on all
    /// cores a batch at a time, so that memory holds a batch, however many copies there are.
    pub fn each_pdf(
        &self,
        numbers: &[u32],
        mut sink: impl FnMut(u32, Vec<u8>) -> Result<()>,
    ) -> Result<()> {
        for batch in numbers.chunks(BATCH) {
            // Plain threads, not rayon's: each PDF's drawing is parallel on rayon (documents.rs).
            let pdfs = crate::documents::map_documents(batch, |&n| {
                write_pdf(&self.copy(n)?, &self.laid.book, &self.pdf)
            })
            .into_iter()
            .collect::<Result<Vec<_>>>()?;
            for (&n, pdf) in batch.iter().zip(pdfs) {
                sink(n, pdf)?;
            }
        }
        Ok(())
    }

    /// All the copies in one PDF, each from an odd page; at most [`MOST_BOUND`] of them.
    pub fn bound_pdf(&self, numbers: &[u32]) -> Result<Vec<u8>> {
        if numbers.len() > MOST_BOUND {
            return Err(Error::Usage(format!(
                "{} copies are more than one PDF binds ({MOST_BOUND}): bind them in batches \
                 (--copies 1-1000, then 1001-2000 …) or write a PDF a copy",
                numbers.len()
            )));
        }
        let layouts = numbers
            .par_iter()
            .map(|&n| self.copy(n))
            .collect::<Result<Vec<_>>>()?;
        let bound: Vec<Bound> = layouts
            .iter()
            .map(|layout| Bound {
                layout,
                book: &self.laid.book,
            })
            .collect();
        write_bound(&bound, &self.pdf)
    }

    /// Copy `number`'s layout: the glyphs of its 份号 swapped in; laid out again only where a
    /// digit is not as wide as the one it replaces (a font without even figures).
    fn copy(&self, number: u32) -> Result<crate::layout::Layout> {
        let text = copy_number_text(number);
        if let Some(layout) = self.laid.layout.with_copy_number(&self.laid.book, &text) {
            return Ok(layout);
        }
        let mut doc = self.laid.doc.clone();
        if let Some(h) = doc.header.as_mut() {
            h.copy_number = Some(text);
        }
        Ok(crate::layout::layout_at_most(
            &doc,
            &self.laid.template,
            &self.laid.book,
            self.max_pages,
        ))
    }
}

/// Lays the source out once, with the first number as its 份号, then draws each copy with its
/// own 份号 (only the 份号's glyphs change, [`crate::layout::Layout::with_copy_number`]), the
/// PDFs side by side on all cores; with `merge`, one PDF of all of them in order instead. All in
/// memory: for many copies, [`CopyLayout::each_pdf`] hands each PDF on as it is drawn.
pub fn render_copies(
    source: &Source,
    opts: &Options,
    numbers: &[u32],
    merge: bool,
) -> Result<Copies> {
    let Some(&first) = numbers.first() else {
        return Err(Error::Usage("no copy numbers given".into()));
    };
    let copies = CopyLayout::new(source, opts, first)?;
    let mut pdfs = Vec::new();
    let merged = if merge {
        Some(copies.bound_pdf(numbers)?)
    } else {
        copies.each_pdf(numbers, |n, pdf| {
            pdfs.push((n, pdf));
            Ok(())
        })?;
        None
    };
    Ok(Copies {
        pdfs,
        merged,
        pages: copies.pages(),
        laid_warnings: (copies.laid.warnings, copies.laid.source_warnings),
    })
}

/// Several sources bound into one PDF, each starting on an odd page, with a bookmark each.
pub fn render_bound(sources: &[Source], opts: &Options) -> Result<Vec<u8>> {
    let laid = sources
        .par_iter()
        .map(|s| lay_out(s, opts))
        .collect::<Result<Vec<_>>>()?;
    let bound: Vec<Bound> = laid
        .iter()
        .map(|l| Bound {
            layout: &l.layout,
            book: &l.book,
        })
        .collect();
    write_bound(&bound, &opts.pdf_options())
}

#[cfg(test)]
mod tests {
    use super::parse_copy_numbers;

    #[test]
    fn copy_lists_read_ranges_and_single_numbers_in_order() {
        assert_eq!(parse_copy_numbers("1-3", 10), Ok(vec![1, 2, 3]));
        assert_eq!(parse_copy_numbers("7,1,3-4", 10), Ok(vec![7, 1, 3, 4]));
        assert_eq!(parse_copy_numbers(" 5 ", 10), Ok(vec![5]));
    }

    #[test]
    fn bad_copy_lists_say_why() {
        for (list, why) in [
            ("0", "6 digits"),
            ("1000000", "6 digits"),
            ("3-1", "backwards"),
            ("1,1", "twice"),
            ("1-11", "more than 10"),
            ("a", "not a copy number"),
            ("", "not a copy number"),
        ] {
            let err = parse_copy_numbers(list, 10).unwrap_err();
            assert!(err.contains(why), "{list:?}: {err}");
        }
    }
}
