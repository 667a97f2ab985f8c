//! gongwen: typesets Chinese official documents (公文) and speech drafts (讲话稿) to
//! GB/T 9704-2012, as PDF and DOCX.
//!
//! The data flows one way: [`source`] (YAML) → [`model`] → [`layout`] (pages of positioned
//! glyphs) → [`mod@render`] backends. The PDF backend draws the layout; the DOCX backend writes the
//! model and template as Word styles, grid and sections.

#![warn(missing_docs)]

pub mod copies;
pub mod dates;
pub mod documents;
pub mod error;
pub mod fonts;
pub mod import;
pub mod layout;
pub mod lint;
pub mod model;
pub mod numbering;
pub mod punct;
pub mod render;
pub mod serve;
pub mod source;
pub mod starter;
pub mod template;
pub mod units;
mod yaml_errors;

pub use error::{Error, Result};

use std::io::Write;
use std::path::Path;

use error::MissingGlyph;
use fonts::{FontBook, FontOptions};
use template::Template;

/// Which outputs to produce.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Formats {
    /// PDF.
    pub pdf: bool,
    /// DOCX.
    pub docx: bool,
    /// SVG, a document a page.
    pub svg: bool,
    /// PNG, a picture a page (or one long picture, see [`Pictures`]).
    pub png: bool,
    /// OFD (GB/T 33190-2016).
    pub ofd: bool,
}

/// How pages are drawn as pictures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pictures {
    /// Dots per inch of a PNG page.
    pub dpi: f32,
    /// One long PNG of all pages this many pixels wide, instead of one a page.
    pub long_image_width: Option<u32>,
}

impl Default for Pictures {
    fn default() -> Self {
        Pictures {
            dpi: render::picture::DEFAULT_DPI,
            long_image_width: None,
        }
    }
}

/// How to render.
#[derive(Debug, Clone)]
pub struct Options {
    /// A template file's name and text; when `None`, the built-in template the source names
    /// (`template: notice`), or `speech`.
    pub template: Option<(String, String)>,
    /// Where fonts come from.
    pub fonts: FontOptions,
    /// What to write.
    pub formats: Formats,
    /// How pages are drawn as SVG and PNG.
    pub pictures: Pictures,
    /// Characters no font has are errors, not warnings.
    pub strict: bool,
    /// Bounds on what a render may take.
    pub limits: Limits,
    /// The date written into the PDF's and the DOCX's metadata, in seconds since 1970 (from
    /// `SOURCE_DATE_EPOCH`); none when `None`, so that output depends on the input alone.
    pub source_date: Option<i64>,
    /// Standards the PDF is written to (PDF/A, PDF/UA: tagged); none, a plain PDF.
    pub pdf_standards: Vec<render::pdf::PdfStandard>,
    /// The 份号 printed, in place of the source's (§7.2.1: 6 digits).
    pub copy_number: Option<u32>,
    /// A draft mark in place of the source's `draft:`.
    pub draft: Option<model::Draft>,
}

impl Options {
    /// The date every format writes, from `SOURCE_DATE_EPOCH`, if it was given.
    pub fn date(&self) -> Option<render::Utc> {
        self.source_date.map(render::Utc::from_epoch)
    }

    /// How the PDF is written: the date from `SOURCE_DATE_EPOCH`, the standards asked for.
    pub fn pdf_options(&self) -> render::pdf::PdfOptions {
        render::pdf::PdfOptions {
            date: self.date(),
            standards: self.pdf_standards.clone(),
        }
    }
}

impl Default for Options {
    /// The built-in template, bundled fonts only, PDF and DOCX, default limits.
    fn default() -> Self {
        Options {
            template: None,
            fonts: FontOptions::default(),
            formats: Formats {
                pdf: true,
                docx: true,
                ..Formats::default()
            },
            pictures: Pictures::default(),
            strict: false,
            limits: Limits::default(),
            source_date: None,
            pdf_standards: Vec::new(),
            copy_number: None,
            draft: None,
        }
    }
}

/// Bounds that keep a hostile or mistaken file from taking the machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest source read, in bytes.
    pub max_input_bytes: usize,
    /// The most pages a document may lay out to.
    pub max_pages: usize,
}

impl Limits {
    /// 16 MiB of source: a speech is about 20 KB.
    pub const DEFAULT_MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;
    /// 5,000 pages: Chinese text sets about 550 pages per MiB, so a source near the input
    /// limit goes past it, on purpose (a book is split into several documents).
    pub const DEFAULT_MAX_PAGES: usize = 5_000;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: Self::DEFAULT_MAX_INPUT_BYTES,
            max_pages: Self::DEFAULT_MAX_PAGES,
        }
    }
}

/// What a render produced.
#[derive(Debug, Clone)]
pub struct Output {
    /// The PDF, when asked for.
    pub pdf: Option<Vec<u8>>,
    /// The DOCX, when asked for.
    pub docx: Option<Vec<u8>>,
    /// Each page as SVG, when asked for.
    pub svg: Option<Vec<String>>,
    /// Each page as PNG, or the one long image, when asked for.
    pub png: Option<Vec<Vec<u8>>>,
    /// The OFD, when asked for.
    pub ofd: Option<Vec<u8>>,
    /// Pages in the layout.
    pub pages: usize,
    /// Characters no font has.
    pub warnings: Vec<MissingGlyph>,
    /// Other warnings about the source, with their places: an empty or placeholder title.
    pub source_warnings: Vec<error::SourceError>,
    /// How long each phase took.
    pub timings: Timings,
}

/// Phase times of a render, in order.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Each phase and its time.
    pub phases: Vec<(&'static str, std::time::Duration)>,
    /// The whole render.
    pub total: std::time::Duration,
}

impl Timings {
    /// A clock from now: each call records the time since the last as the named phase.
    fn lapper() -> impl FnMut(&mut Timings, &'static str) {
        let mut clock = std::time::Instant::now();
        move |timings: &mut Timings, phase: &'static str| {
            let now = std::time::Instant::now();
            timings.phases.push((phase, now - clock));
            clock = now;
        }
    }
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, (phase, d)) in self.phases.iter().enumerate() {
            if i > 0 {
                f.write_str("  ")?;
            }
            write!(f, "{phase} {:.1} ms", d.as_secs_f64() * 1000.0)?;
        }
        Ok(())
    }
}

/// A YAML source to render: its text, the name messages call it by, and the folder the images
/// it names (seals, 签名章) are read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The name in messages ("talk.yaml:3:5: …").
    pub name: String,
    /// The YAML text.
    pub text: String,
    /// The source's folder; `None` for text from nowhere (standard input, a string), which may
    /// then name no image files.
    pub dir: Option<std::path::PathBuf>,
    /// Images sent with the source (a request to the server, a Word draft's seal), by the name
    /// the source gives them: looked up instead of the folder.
    pub images: Vec<(String, Vec<u8>)>,
}

impl Source {
    /// A source from text, with no folder.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            name: name.into(),
            text: text.into(),
            dir: None,
            images: Vec::new(),
        }
    }

    /// The same source, reading images from `dir`.
    pub fn in_dir(mut self, dir: impl Into<std::path::PathBuf>) -> Source {
        self.dir = Some(dir.into());
        self
    }

    /// The same source with `images` sent along, by the names the source gives them.
    pub fn with_images(mut self, images: Vec<(String, Vec<u8>)>) -> Source {
        self.images = images;
        self
    }

    /// Where the images the source names are read from.
    pub fn assets(&self) -> source::Assets<'_> {
        match &self.dir {
            _ if !self.images.is_empty() => source::Assets::Given(&self.images),
            Some(dir) => source::Assets::Folder(dir),
            None => source::Assets::Nowhere,
        }
    }

    /// Reads a source file (at most `max_bytes`, UTF-8): its name is the path as given, its
    /// folder the file's.
    pub fn read(path: &Path, max_bytes: usize) -> Result<Source> {
        let text = read_text(path, max_bytes)?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(Source::new(path.display().to_string(), text).in_dir(dir))
    }
}

/// Render a source to PDF and DOCX bytes (as `opts.formats` asks), with the warnings and page
/// count. Nothing is written to disk.
///
/// ```no_run
/// let source = gongwen::Source::read("talk.yaml".as_ref(), 1 << 24)?;
/// let out = gongwen::render(&source, &gongwen::Options::default())?;
/// std::fs::write("talk.pdf", out.pdf.unwrap())?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn render(source: &Source, opts: &Options) -> Result<Output> {
    draw(lay_out(source, opts)?, opts)
}

/// Draws a laid-out source in the formats `opts` asks for: [`render()`]'s second half, for a
/// caller that also audits the layout (the server's preview).
pub fn draw(laid: Laid, opts: &Options) -> Result<Output> {
    let start = std::time::Instant::now();
    let Laid {
        doc,
        template,
        book,
        layout: lay,
        warnings,
        source_warnings,
        mut timings,
    } = laid;
    // The PDF beside the other formats: they need nothing from each other, and the PDF leaves
    // a core idle while it draws its pages and joins its parts.
    let (pdf, others) = rayon::join(
        || {
            let clock = std::time::Instant::now();
            let pdf = (opts.formats.pdf)
                .then(|| render::pdf::write_pdf(&lay, &book, &opts.pdf_options()))
                .transpose();
            (pdf, clock.elapsed())
        },
        || draw_others(&doc, &template, &book, &lay, opts),
    );
    let (pdf, pdf_time) = pdf;
    let pdf = pdf?;
    timings.phases.push(("pdf", pdf_time));
    let Others {
        docx,
        ofd,
        svg,
        png,
        phases,
    } = others?;
    timings.phases.extend(phases.phases);
    timings.total += start.elapsed();
    Ok(Output {
        pdf,
        docx,
        svg,
        png,
        ofd,
        pages: lay.pages.len(),
        warnings,
        source_warnings,
        timings,
    })
}

/// The formats besides the PDF, and the time each took.
struct Others {
    docx: Option<Vec<u8>>,
    ofd: Option<Vec<u8>>,
    svg: Option<Vec<String>>,
    png: Option<Vec<Vec<u8>>>,
    phases: Timings,
}

/// Draws the formats besides the PDF that `opts` asks for, one after another.
fn draw_others(
    doc: &model::Document,
    template: &Template,
    book: &FontBook,
    lay: &layout::Layout,
    opts: &Options,
) -> Result<Others> {
    let mut timings = Timings::default();
    let mut lap = Timings::lapper();
    let date = opts.date();
    let docx = if opts.formats.docx {
        Some(render::docx::write_docx(doc, template, book, lay, date)?)
    } else {
        None
    };
    lap(&mut timings, "docx");
    let ofd = if opts.formats.ofd {
        Some(render::ofd::write_ofd(lay, book, date)?)
    } else {
        None
    };
    lap(&mut timings, "ofd");
    // The glyph outlines, read once for both kinds of picture.
    let glyphs = if opts.formats.svg || opts.formats.png {
        render::picture::Glyphs::of(lay, book)?
    } else {
        render::picture::Glyphs::default()
    };
    lap(&mut timings, "glyphs");
    let svg = if opts.formats.svg {
        Some(render::picture::svg_pages(lay, &glyphs)?)
    } else {
        None
    };
    lap(&mut timings, "svg");
    let png = match (opts.formats.png, opts.pictures.long_image_width) {
        (false, _) => None,
        (true, None) => Some(render::picture::png_pages(lay, &glyphs, opts.pictures.dpi)?),
        (true, Some(width)) => Some(vec![render::picture::long_png(lay, &glyphs, width)?]),
    };
    lap(&mut timings, "png");
    Ok(Others {
        docx,
        ofd,
        svg,
        png,
        phases: timings,
    })
}

/// A source laid out: what [`render()`] draws, and what `check` audits.
pub struct Laid {
    /// The document.
    pub doc: model::Document,
    /// Its template.
    pub template: Template,
    /// The fonts.
    pub book: FontBook,
    /// The pages.
    pub layout: layout::Layout,
    /// Characters no font has.
    pub warnings: Vec<MissingGlyph>,
    /// Other warnings about the source (an empty or placeholder title).
    pub source_warnings: Vec<error::SourceError>,
    /// How long each phase took.
    pub timings: Timings,
}

/// Parses a source and lays it out, with every error [`render()`] gives (it is render's first
/// half).
pub fn lay_out(source: &Source, opts: &Options) -> Result<Laid> {
    let (name, text) = (source.name.as_str(), source.text.as_str());
    let mut timings = Timings::default();
    let start = std::time::Instant::now();
    let mut lap = Timings::lapper();
    let src = source::parse(name, text)?;
    // The source's `template:` picks a built-in template unless --template names a file.
    let template = match &opts.template {
        Some((tname, ttext)) => Template::parse(tname, ttext)?,
        None => src.builtin_template(),
    };
    let untitled = src.may_go_untitled();
    let mut doc = source::to_model(name, text, src, &template.numbering)?;
    if let Some(draft) = &opts.draft {
        doc.draft = Some(draft.clone());
    }
    if let (Some(number), Some(header)) = (opts.copy_number, doc.header.as_mut()) {
        header.copy_number = Some(copies::copy_number_text(number));
    }
    let mut source_warnings = source::strip_controls(name, text, &mut doc);
    // With --strict, what will not print is an error, a control character as a missing glyph.
    if opts.strict
        && let Some(first) = source_warnings.first()
    {
        return Err(Error::source_error(first.clone()));
    }
    source_warnings.extend(source::title_warning(name, text, &doc, untitled));
    source::load_assets(name, &mut doc, source.assets())?;
    lap(&mut timings, "parse");
    let book = FontBook::load(&template, &opts.fonts)?;
    lap(&mut timings, "fonts");
    refuse_too_wide_tables(name, text, &doc, &template)?;
    let lay = layout::layout_at_most(&doc, &template, &book, opts.limits.max_pages);
    lap(&mut timings, "layout");
    if let Some(w) = small_mark_warning(name, text, &doc, &lay) {
        if opts.strict {
            return Err(Error::source_error(w));
        }
        source_warnings.push(w);
    }
    if lay.pages.len() > opts.limits.max_pages {
        return Err(Error::Limit {
            message: format!(
                "{name} lays out to {}{} pages, more than the limit of {}",
                if lay.cut_short { "at least " } else { "" },
                lay.pages.len(),
                opts.limits.max_pages
            ),
            flag: "--max-pages",
        });
    }
    let warnings: Vec<MissingGlyph> = lay
        .missing
        .iter()
        .map(|&(ch, o)| MissingGlyph {
            ch,
            at: error::SourceError::at(name, text, (o.line > 0).then_some((o.line, o.column)), ""),
        })
        .collect();
    if opts.strict && !warnings.is_empty() {
        return Err(Error::MissingGlyphs(warnings));
    }
    timings.total = start.elapsed();
    Ok(Laid {
        doc,
        template,
        book,
        layout: lay,
        warnings,
        source_warnings,
        timings,
    })
}

/// A table needs two grid cells a column (a character and its padding): more columns than that
/// run off the page, so such a table is refused at its place.
fn refuse_too_wide_tables(
    name: &str,
    text: &str,
    doc: &model::Document,
    t: &Template,
) -> Result<()> {
    // Each column two cells at least, in the line less a cell (layout::table).
    let most = (t.grid.chars.saturating_sub(1) / 2) as usize;
    for block in doc
        .blocks
        .iter()
        .chain(doc.annexes.iter().flat_map(|a| &a.blocks))
    {
        if let model::Block::Table { header, origin, .. } = block
            && header.len() > most
        {
            return Err(Error::source_error(
                error::SourceError::at(
                    name,
                    text,
                    Some((origin.line, origin.column)),
                    format!(
                        "a table of {} columns does not fit the block's {} characters (at most {most} columns)",
                        header.len(),
                        t.grid.chars
                    ),
                )
                .with_hint("split it into two tables, or turn it a quarter (rows for columns)"),
            ));
        }
    }
    Ok(())
}

/// The smallest 发文机关标志 worth printing: 三号, the body's size. A longer issuer's mark shrinks
/// to fit the block (§7.2.4); below this it is a warning (an error with --strict).
const MARK_MIN_PT: f32 = 16.0;

fn small_mark_warning(
    name: &str,
    text: &str,
    doc: &model::Document,
    lay: &layout::Layout,
) -> Option<error::SourceError> {
    let header = doc.header.as_ref()?;
    if header.issuers.is_empty() {
        return None;
    }
    let size = lay.parts.head.as_ref()?.mark_size;
    (size < MARK_MIN_PT).then(|| {
        error::SourceError::at(
            name,
            text,
            source::key_place(text, "issuers"),
            format!("the 发文机关标志 shrinks to {size:.1} pt to fit the block; below {MARK_MIN_PT} pt it is hard to read"),
        )
        .with_hint("use the issuer's short name (规范化简称, §7.2.4)")
    })
}

/// Read a UTF-8 text file of at most `max_bytes`, naming the byte offset of invalid UTF-8. A
/// larger file is refused before it is read.
pub fn read_text(path: &Path, max_bytes: usize) -> Result<String> {
    utf8(path, read_bytes(path, max_bytes)?)
}

/// Reads at most `max_bytes` of a file.
pub fn read_bytes(path: &Path, max_bytes: usize) -> Result<Vec<u8>> {
    let io = |e| Error::Io {
        action: "read",
        path: path.into(),
        source: e,
    };
    // A FIFO or a device would block the read, or never end it; a folder cannot be read.
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(Error::Io {
            action: "read",
            path: path.into(),
            source: std::io::Error::other("not a regular file (a folder, a FIFO or a device)"),
        });
    }
    let file = std::fs::File::open(path).map_err(io)?;
    read_limited(file, max_bytes, &path.display().to_string())
}

/// Reads at most `max_bytes` from a reader (a file, standard input); more is an error naming
/// the limit and the flag that raises it.
pub fn read_limited(reader: impl std::io::Read, max_bytes: usize, name: &str) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    reader
        .take(max_bytes as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::Io {
            action: "read",
            path: name.into(),
            source: e,
        })?;
    if bytes.len() > max_bytes {
        return Err(Error::Limit {
            message: format!(
                "{name} is larger than {} MiB, the limit for a source",
                max_bytes / (1024 * 1024)
            ),
            flag: "--max-input-size",
        });
    }
    Ok(bytes)
}

/// Bytes as UTF-8 text, or an error naming the offset of the first invalid byte.
pub fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        Error::source_error(
            error::SourceError::at(
                &path.display().to_string(),
                "",
                None,
                format!(
                    "not UTF-8 text: invalid byte at offset {}",
                    e.utf8_error().valid_up_to()
                ),
            )
            .with_hint("save the file as UTF-8"),
        )
    })
}

/// Write a file atomically: to a temporary file in the same folder, then renamed over the
/// target, so a failure never leaves a partial or clobbered file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Writes a file that is there already, atomically, as its owner left it: through a symlink to
/// the file it points at, and with the file's permissions (`check --fix`).
pub fn write_in_place(path: &Path, bytes: &[u8]) -> Result<()> {
    let target = std::fs::canonicalize(path).map_err(|e| Error::Io {
        action: "resolve",
        path: path.into(),
        source: e,
    })?;
    let permissions = std::fs::metadata(&target).map(|m| m.permissions()).ok();
    write_atomic_with(&target, |w| w.write_all(bytes))?;
    if let Some(p) = permissions {
        std::fs::set_permissions(&target, p).map_err(|e| Error::Io {
            action: "set the permissions of",
            path: target.clone(),
            source: e,
        })?;
    }
    Ok(())
}

/// [`write_atomic`] with the content written by `fill`: when it fails midway (a full disk, a
/// writer that breaks), the file at `path` is left as it was and the temporary file is removed.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let io = |action, e| Error::Io {
        action,
        path: path.to_path_buf(),
        source: e,
    };
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        fill(&mut f)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(io("write", e));
    }
    Ok(())
}
