//! `gongwen render`: one file or many (in parallel), each to its targets, never overwriting a
//! draft or another input's output.

use rayon::prelude::*;

use std::path::{Path, PathBuf};

use gongwen::fonts::FontOptions;
use gongwen::{Error, Formats, Options};

use super::args::{DistributeArgs, Format, RenderArgs};
use super::{MAX_INPUT, color, mib, read_input};

/// `SOURCE_DATE_EPOCH` (reproducible-builds.org): the date to write into the outputs' metadata.
pub(crate) fn source_date_epoch() -> Result<Option<i64>, Error> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => {
            // Seconds from 1970-01-01 to the end of 9999: a date both outputs can write.
            const LAST: i64 = 253_402_300_799;
            match v.trim().parse::<i64>() {
                Ok(secs) if (0..=LAST).contains(&secs) => Ok(Some(secs)),
                _ => Err(Error::Usage(format!(
                    "SOURCE_DATE_EPOCH is {v:?}: give the seconds since 1970-01-01, up to {LAST} (the end of 9999)"
                ))),
            }
        }
        _ => Ok(None),
    }
}

/// What every file of a render shares.
pub(crate) struct Job {
    pub(crate) output: Option<PathBuf>,
    pub(crate) format: Vec<Format>,
    pub(crate) template: Option<(String, String)>,
    pub(crate) fonts: FontOptions,
    pub(crate) strict: bool,
    pub(crate) timings: bool,
    pub(crate) limits: gongwen::Limits,
    pub(crate) source_date: Option<i64>,
    pub(crate) pictures: gongwen::Pictures,
    pub(crate) pdf_standards: Vec<gongwen::render::pdf::PdfStandard>,
    pub(crate) draft: Option<gongwen::model::Draft>,
}

impl Job {
    pub(crate) fn new(args: RenderArgs) -> Result<Job, Error> {
        let template = match &args.template {
            Some(p) => Some((p.display().to_string(), gongwen::read_text(p, MAX_INPUT)?)),
            None => None,
        };
        Ok(Job {
            output: args.output,
            format: args.format,
            pictures: gongwen::Pictures {
                dpi: args.dpi as f32,
                long_image_width: args.long_image.then_some(args.width),
            },
            template,
            fonts: args.fonts.options(),
            strict: args.strict,
            timings: args.timings,
            limits: gongwen::Limits {
                max_input_bytes: mib(args.max_input_size),
                max_pages: args.max_pages,
            },
            source_date: source_date_epoch()?,
            pdf_standards: args.pdf_standard,
            draft: args
                .draft
                .map(|text| text.trim().to_string())
                .filter(|text| !text.is_empty())
                .map(|text| gongwen::model::Draft {
                    text,
                    watermark: args.watermark,
                }),
        })
    }
}

impl Job {
    /// The library's options for these formats.
    pub(crate) fn options(&self, formats: Formats) -> Options {
        Options {
            template: self.template.clone(),
            fonts: self.fonts.clone(),
            formats,
            pictures: self.pictures,
            strict: self.strict,
            limits: self.limits,
            source_date: self.source_date,
            pdf_standards: self.pdf_standards.clone(),
            copy_number: None,
            draft: self.draft.clone(),
        }
    }
}

pub(crate) fn render(
    inputs: Vec<PathBuf>,
    args: RenderArgs,
    distribute: DistributeArgs,
) -> Result<(), Error> {
    let job = Job::new(args)?;
    let inputs = expand(&inputs)?;
    if distribute.copies.is_some() || distribute.merge {
        return super::distribute::distribute(&inputs, &job, distribute);
    }
    if let [one] = inputs.as_slice() {
        return render_one(one, &job, &|line| eprintln!("{line}")).map(|_| ());
    }
    if inputs.iter().any(|i| i.as_os_str() == "-") {
        return Err(Error::Usage(
            "standard input (\"-\") can only be rendered alone".into(),
        ));
    }
    if job
        .output
        .as_ref()
        .is_some_and(|o| o.extension().is_some_and(|e| e == "pdf" || e == "docx"))
    {
        return Err(Error::Usage(
            "with several inputs, -o names a folder, not a file".into(),
        ));
    }
    refuse_collisions(&inputs, &job)?;
    batch(&inputs, &job)
}

/// Two inputs that would write the same file (a/x.yaml and b/x.yaml into one -o folder) are an
/// error naming both, before anything is written: one would silently overwrite the other.
fn refuse_collisions(inputs: &[PathBuf], job: &Job) -> Result<(), Error> {
    let Some(dir) = &job.output else {
        return Ok(()); // beside each input: two inputs are two files
    };
    let mut seen: std::collections::HashMap<std::ffi::OsString, &PathBuf> =
        std::collections::HashMap::new();
    for input in inputs {
        let stem = input.file_stem().unwrap_or_default().to_os_string();
        if let Some(first) = seen.insert(stem.clone(), input) {
            return Err(Error::Usage(format!(
                "{} and {} would both write {}.* in {}: render them into different folders",
                first.display(),
                input.display(),
                stem.to_string_lossy(),
                dir.display()
            )));
        }
    }
    Ok(())
}

/// Renders several files in parallel on all cores, with a progress bar on a terminal (plain lines
/// otherwise) and a summary; fails when any file failed.
fn batch(inputs: &[PathBuf], job: &Job) -> Result<(), Error> {
    use indicatif::{ProgressBar, ProgressStyle};
    use std::io::IsTerminal;

    let started = std::time::Instant::now();
    let bar = if std::io::stderr().is_terminal() {
        let b = ProgressBar::new(inputs.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} {msg}") {
            b.set_style(style);
        }
        b
    } else {
        ProgressBar::hidden()
    };
    let say = |line: String| {
        if bar.is_hidden() {
            eprintln!("{line}");
        } else {
            bar.println(line);
        }
    };
    // Plain threads, not rayon's: each document's drawing is parallel on rayon (documents.rs).
    let failed: usize = gongwen::documents::map_documents(inputs, |input| {
        let result = render_one(input, job, &say);
        bar.inc(1);
        match result {
            Ok(_) => 0,
            Err(e) => {
                say(e.render(color()).trim_end().to_string());
                1
            }
        }
    })
    .into_iter()
    .sum();
    bar.finish_and_clear();
    let done = inputs.len() - failed;
    eprintln!(
        "rendered {done} of {} files in {:.2} s; {failed} failed",
        inputs.len(),
        started.elapsed().as_secs_f64()
    );
    if failed > 0 {
        return Err(Error::Failed(failed));
    }
    Ok(())
}

/// Folders stand for the YAML files in them (not their subfolders), in name order.
fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for i in inputs {
        if i.is_dir() {
            let entries = std::fs::read_dir(i).map_err(|e| Error::Io {
                action: "read the folder",
                path: i.clone(),
                source: e,
            })?;
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(i.clone());
        }
    }
    if out.is_empty() {
        return Err(Error::Usage("no .yaml files to render".into()));
    }
    Ok(out)
}

/// Renders one file to its targets; `say` prints a line of progress.
pub(crate) fn render_one(
    input: &Path,
    job: &Job,
    say: &(dyn Fn(String) + Sync),
) -> Result<usize, Error> {
    let started = std::time::Instant::now();
    let source = read_source(input, job, say)?;
    let read = started.elapsed();
    let targets = targets(input, job.output.as_deref(), &job.format)?;
    let opts = job.options(Formats {
        pdf: targets.iter().any(|t| t.1 == Format::Pdf),
        docx: targets.iter().any(|t| t.1 == Format::Docx),
        svg: targets.iter().any(|t| t.1 == Format::Svg),
        png: targets.iter().any(|t| t.1 == Format::Png),
        ofd: targets.iter().any(|t| t.1 == Format::Ofd),
    });
    let out = gongwen::render(&source, &opts)?;
    say_warnings(&out.warnings, &out.source_warnings, say);
    // One file of the whole document for each target; or a file a page.
    let long_image = job.pictures.long_image_width.is_some();
    let files: Vec<Vec<(PathBuf, &[u8])>> = targets
        .iter()
        .map(|(path, fmt)| {
            let pngs = out.png.iter().flatten().map(Vec::as_slice);
            match fmt {
                Format::Pdf => whole(path, out.pdf.as_deref()),
                Format::Docx => whole(path, out.docx.as_deref()),
                Format::Svg => numbered(path, out.svg.iter().flatten().map(|s| s.as_bytes())),
                Format::Png if long_image => whole(path, pngs.into_iter().next()),
                Format::Png => numbered(path, pngs),
                Format::Ofd => whole(path, out.ofd.as_deref()),
            }
        })
        .collect();
    // Every file written side by side (each one waits on its own disk sync).
    files
        .par_iter()
        .flatten()
        .try_for_each(|(path, bytes)| gongwen::write_atomic(path, bytes))?;
    for target in &files {
        match target.as_slice() {
            [] => {}
            [(one, _)] => say(format!("wrote {} ({})", one.display(), pages(out.pages))),
            [(first, _), .., (last, _)] => say(format!(
                "wrote {} … {} ({})",
                first.display(),
                last.display(),
                pages(out.pages)
            )),
        }
    }
    if job.timings {
        let total = started.elapsed();
        let write = total.saturating_sub(read + out.timings.total);
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        say(format!(
            "timings: read {:.1} ms  {}  write {:.1} ms  total {:.1} ms",
            ms(read),
            out.timings,
            ms(write),
            ms(total)
        ));
    }
    Ok(out.pages)
}

/// A source file; a Word document or a text draft is imported first, in memory.
pub(crate) fn read_source(
    input: &Path,
    job: &Job,
    say: &(dyn Fn(String) + Sync),
) -> Result<gongwen::Source, Error> {
    if super::import::is_draft(input) {
        super::import::draft_source(input, job.limits.max_input_bytes, say)
    } else {
        read_input(input, job.limits.max_input_bytes)
    }
}

/// Prints the warnings of a render.
pub(crate) fn say_warnings(
    missing: &[gongwen::error::MissingGlyph],
    source: &[gongwen::error::SourceError],
    say: &(dyn Fn(String) + Sync),
) {
    let warning = gongwen::error::Severity::Warning;
    for w in source {
        say(w.render(warning, color()).trim_end().to_string());
    }
    for w in missing {
        say(w.render(warning, color()).trim_end().to_string());
    }
}

/// The one file of a whole document (a PDF, a DOCX, the long image), if it was made.
fn whole<'a>(path: &Path, bytes: Option<&'a [u8]>) -> Vec<(PathBuf, &'a [u8])> {
    bytes.map(|b| (path.to_path_buf(), b)).into_iter().collect()
}

/// "1 page", "2 pages" ….
pub(crate) fn pages(count: usize) -> String {
    if count == 1 {
        "1 page".to_string()
    } else {
        format!("{count} pages")
    }
}

/// A file for each page, NAME-1.EXT, NAME-2.EXT …, a one-page document's too.
fn numbered<'a>(path: &Path, pages: impl Iterator<Item = &'a [u8]>) -> Vec<(PathBuf, &'a [u8])> {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let ext = path.extension().unwrap_or_default().to_string_lossy();
    pages
        .into_iter()
        .enumerate()
        .map(|(i, bytes)| {
            (
                path.with_file_name(format!("{stem}-{}.{ext}", i + 1)),
                bytes,
            )
        })
        .collect()
}

/// Where each format goes: beside the input by default; into a folder; or to a named file.
/// An output that would overwrite the Word draft it comes from takes the name
/// "NAME-gongwen.docx" instead.
fn beside_the_draft(path: PathBuf, input: &Path) -> PathBuf {
    let same = path == input
        || std::fs::canonicalize(&path)
            .ok()
            .is_some_and(|p| std::fs::canonicalize(input).ok() == Some(p));
    if !same || !super::import::is_draft(input) {
        return path;
    }
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!("{stem}-gongwen.docx"))
}

pub(crate) fn targets(
    input: &Path,
    output: Option<&Path>,
    formats: &[Format],
) -> Result<Vec<(PathBuf, Format)>, Error> {
    let stem = if input.as_os_str() == "-" {
        "document".into()
    } else {
        input
            .file_stem()
            .map(|s| s.to_os_string())
            .unwrap_or_else(|| "document".into())
    };
    let ext = |f: Format| match f {
        Format::Pdf => "pdf",
        Format::Docx => "docx",
        Format::Svg => "svg",
        Format::Png => "png",
        Format::Ofd => "ofd",
    };
    let named_format = |o: &Path| {
        let e = o.extension()?.to_str()?.to_ascii_lowercase();
        [
            Format::Pdf,
            Format::Docx,
            Format::Svg,
            Format::Png,
            Format::Ofd,
        ]
        .into_iter()
        .find(|&f| ext(f) == e)
    };
    let mut out = Vec::new();
    match output {
        Some(o) if named_format(o).is_some() => {
            if let Some(f) = named_format(o) {
                out.push((o.to_path_buf(), f));
            }
        }
        Some(dir) => {
            // A folder named with -o is made if it is not there (a file's folder must exist).
            std::fs::create_dir_all(dir).map_err(|e| Error::Io {
                action: "create the folder",
                path: dir.to_path_buf(),
                source: e,
            })?;
            for &f in formats {
                out.push((dir.join(&stem).with_extension(ext(f)), f));
            }
        }
        None => {
            let dir = if input.as_os_str() == "-" {
                PathBuf::from(".")
            } else {
                input.parent().map(Path::to_path_buf).unwrap_or_default()
            };
            for &f in formats {
                out.push((dir.join(&stem).with_extension(ext(f)), f));
            }
        }
    }
    // Outputs named after the input (not one named with -o) go beside a Word draft.
    let named = output.is_some_and(|o| named_format(o).is_some());
    let out: Vec<(PathBuf, Format)> = out
        .into_iter()
        .map(|(path, format)| match named {
            true => (path, format),
            false => (beside_the_draft(path, input), format),
        })
        .collect();
    let input_abs = std::fs::canonicalize(input).ok();
    for (p, _) in &out {
        if input_abs.is_some() && std::fs::canonicalize(p).ok() == input_abs {
            return Err(Error::Usage(format!(
                "the output {} is the input file; choose another -o",
                p.display()
            )));
        }
    }
    Ok(out)
}
