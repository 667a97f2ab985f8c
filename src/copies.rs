//! Files for distribution: numbered copies of one document (§7.2.1) and several documents bound
//! into one PDF, each starting on an odd page.

use rayon::prelude::*;

use crate::render::pdf::{Bound, PdfOptions, write_bound, write_pdf};
use crate::{Error, Laid, Options, Result, Source, lay_out};

/// Numbered copies of a document, as PDF.
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

/// The most copies one command numbers.
pub const MOST_COPIES: usize = 100_000;

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

/// Lays the source out once, with the first number as its 份号, then draws each copy with its
/// own 份号 (only the 份号's glyphs change, [`crate::layout::Layout::with_copy_number`]), the
/// PDFs side by side on all cores; with `merge`, also one PDF of all of them in order.
pub fn render_copies(
    source: &Source,
    opts: &Options,
    numbers: &[u32],
    merge: bool,
) -> Result<Copies> {
    let Some(&first) = numbers.first() else {
        return Err(Error::Usage("no copy numbers given".into()));
    };
    let numbered = Options {
        copy_number: Some(first),
        ..opts.clone()
    };
    let laid = lay_out(source, &numbered)?;
    if laid.layout.parts.copy_number_block.is_none() {
        return Err(Error::Usage(format!(
            "{} has no 版头 to print a 份号 in: numbered copies are for a 公文 (a source with a \
             header, §7.2.1)",
            source.name
        )));
    }
    let layouts = numbers
        .par_iter()
        .map(|&n| copy_layout(&laid, opts, n))
        .collect::<Result<Vec<_>>>()?;
    let pdf_options = PdfOptions {
        date: opts.source_date.map(crate::render::Utc::from_epoch),
        standards: opts.pdf_standards.clone(),
    };
    let pdfs = numbers
        .par_iter()
        .zip(&layouts)
        .map(|(&n, layout)| Ok((n, write_pdf(layout, &laid.book, &pdf_options)?)))
        .collect::<Result<Vec<_>>>()?;
    let merged = if merge {
        let bound: Vec<Bound> = layouts
            .iter()
            .map(|layout| Bound {
                layout,
                book: &laid.book,
            })
            .collect();
        Some(write_bound(&bound, &pdf_options)?)
    } else {
        None
    };
    Ok(Copies {
        pdfs,
        merged,
        pages: laid.layout.pages.len(),
        laid_warnings: (laid.warnings, laid.source_warnings),
    })
}

/// Copy `number`'s layout: the glyphs of its 份号 swapped in; laid out again only where a digit
/// is not as wide as the one it replaces (a font without even figures).
fn copy_layout(laid: &Laid, opts: &Options, number: u32) -> Result<crate::layout::Layout> {
    let text = copy_number_text(number);
    if let Some(layout) = laid.layout.with_copy_number(&laid.book, &text) {
        return Ok(layout);
    }
    let mut doc = laid.doc.clone();
    if let Some(h) = doc.header.as_mut() {
        h.copy_number = Some(text);
    }
    Ok(crate::layout::layout_at_most(
        &doc,
        &laid.template,
        &laid.book,
        opts.limits.max_pages,
    ))
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
    write_bound(
        &bound,
        &PdfOptions {
            date: opts.source_date.map(crate::render::Utc::from_epoch),
            standards: opts.pdf_standards.clone(),
        },
    )
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
