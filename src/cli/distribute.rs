//! `gongwen render --copies … [--merge]` and `render a b --merge`: files to hand out, as PDF.

use std::path::{Path, PathBuf};

use gongwen::{Error, Formats};

use super::args::{DistributeArgs, Format};
use super::render::{Job, pages, read_source, say_warnings, targets};

pub(crate) fn distribute(inputs: &[PathBuf], job: &Job, args: DistributeArgs) -> Result<(), Error> {
    let say = |line: String| eprintln!("{line}");
    match (args.copies, inputs) {
        (Some(numbers), [input]) => copies(input, job, &numbers.0, args.merge, &say),
        (Some(_), _) => Err(Error::Usage(
            "--copies numbers the copies of one document: give one input".into(),
        )),
        (None, _) => bind(inputs, job, &say),
    }
}

/// The PDF a render of `input` would write: beside it, in the -o folder, or -o itself.
fn pdf_path(input: &Path, job: &Job) -> Result<PathBuf, Error> {
    targets(input, job.output.as_deref(), &[Format::Pdf])?
        .into_iter()
        .find(|(_, format)| *format == Format::Pdf)
        .map(|(path, _)| path)
        .ok_or_else(|| {
            Error::Usage(
                "copies and bound documents are PDF: -o names a .pdf file or a folder".into(),
            )
        })
}

fn copies(
    input: &Path,
    job: &Job,
    numbers: &[u32],
    merge: bool,
    say: &(dyn Fn(String) + Sync),
) -> Result<(), Error> {
    let started = std::time::Instant::now();
    let source = read_source(input, job, say)?;
    let opts = job.options(Formats {
        pdf: true,
        ..Formats::default()
    });
    let first = numbers.first().copied().unwrap_or(1);
    let copies = gongwen::copies::CopyLayout::new(&source, &opts, first)?;
    let (missing, warnings) = copies.warnings();
    say_warnings(missing, warnings, say);
    let base = pdf_path(input, job)?;
    let named = job
        .output
        .as_ref()
        .is_some_and(|o| o.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")));
    let of = format!("{} copies of {}", numbers.len(), pages(copies.pages()));
    if merge {
        let path = if named {
            base
        } else {
            suffixed(&base, "copies")
        };
        gongwen::write_atomic(&path, &copies.bound_pdf(numbers)?)?;
        say(format!("wrote {} ({of})", path.display()));
    } else {
        // Each file written as its PDF is drawn: memory holds a batch, however many copies.
        let path = |n: u32| suffixed(&base, &gongwen::copies::copy_number_text(n));
        copies.each_pdf(numbers, |n, pdf| gongwen::write_atomic(&path(n), &pdf))?;
        if let (Some(&first), Some(&last)) = (numbers.first(), numbers.last()) {
            say(format!(
                "wrote {} … {} ({of})",
                path(first).display(),
                path(last).display()
            ));
        }
    }
    if job.timings {
        say(format!(
            "timings: total {:.1} ms",
            started.elapsed().as_secs_f64() * 1000.0
        ));
    }
    Ok(())
}

/// NAME-SUFFIX.pdf beside NAME.pdf.
fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!("{stem}-{suffix}.pdf"))
}

/// Several documents in one PDF, named with -o.
fn bind(inputs: &[PathBuf], job: &Job, say: &(dyn Fn(String) + Sync)) -> Result<(), Error> {
    let path = match (&job.output, inputs) {
        (Some(o), _) if o.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) => o.clone(),
        (_, [one]) => pdf_path(one, job)?,
        _ => {
            return Err(Error::Usage(
                "--merge binds the inputs into one PDF: name it with -o FILE.pdf".into(),
            ));
        }
    };
    let sources = inputs
        .iter()
        .map(|input| read_source(input, job, say))
        .collect::<Result<Vec<_>, Error>>()?;
    let opts = job.options(Formats {
        pdf: true,
        ..Formats::default()
    });
    let pdf = gongwen::copies::render_bound(&sources, &opts)?;
    gongwen::write_atomic(&path, &pdf)?;
    say(format!(
        "wrote {} ({} documents, each from an odd page)",
        path.display(),
        inputs.len()
    ));
    Ok(())
}
