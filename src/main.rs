//! The `gongwen` command: a thin layer over the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use gongwen::fonts::FontOptions;
use gongwen::{Error, Formats, Options, Source};

#[derive(Parser)]
#[command(
    name = "gongwen",
    version,
    about = "Typeset Chinese official documents (公文) and speeches to GB/T 9704-2012 as PDF and DOCX"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render a YAML source to PDF and DOCX.
    #[command(after_help = "Examples:
  gongwen render examples/speech.yaml                 writes examples/speech.pdf and examples/speech.docx
  gongwen render speech.yaml -o out/                  writes out/speech.pdf and out/speech.docx
  gongwen render speech.yaml -o draft.pdf             writes only the PDF
  gongwen render speech.yaml --format docx --font-path ~/fonts
  gongwen render drafts/ -o out/                      renders every .yaml in drafts/, in parallel

Exit codes: 0 done, 1 input or render error, 2 usage error.")]
    Render {
        /// YAML sources, or folders of them ("-" reads standard input). Several render in
        /// parallel, one bad file stopping none of the others.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        args: RenderArgs,
    },
    /// Render a source again on every save, until interrupted: errors are printed and the last
    /// good output stays in place.
    #[command(after_help = "Examples:
  gongwen watch speech.yaml                  re-renders speech.pdf and speech.docx on each save
  gongwen watch speech.yaml -o draft.pdf     only the PDF")]
    Watch {
        /// The YAML source.
        input: PathBuf,
        #[command(flatten)]
        args: RenderArgs,
    },
    /// Check a source or draft for what reviewers send back: punctuation forms, unpaired marks,
    /// dates, 发文字号, numbering, placeholders.
    #[command(
        after_help = "Findings print as rustc prints its errors; with --format short as FILE:LINE:COL: LEVEL: MESSAGE [RULE].
Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage error.

Examples:
  gongwen check speech.yaml
  gongwen check draft.txt --format json
  gongwen check speech.yaml --fix        applies the safe fixes in place, lists the rest"
    )]
    Check {
        /// A YAML source (.yaml, .yml) or a plain-text draft.
        input: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
        /// Apply the safe fixes (punctuation forms, doubled marks, date zeros, 发文字号 form,
        /// a title's end mark) and write the file back.
        #[arg(long)]
        fix: bool,
        /// The largest input read, in MiB (1 to 4096).
        #[arg(long, value_name = "MIB", default_value_t = (gongwen::Limits::DEFAULT_MAX_INPUT_BYTES >> 20) as u64,
              value_parser = clap::value_parser!(u64).range(1..=4096))]
        max_input_size: u64,
    },
    /// Turn a draft (a Word document, or text pasted from Word, WeChat, a web page) into a YAML
    /// source.
    #[command(after_help = "Examples:
  gongwen import draft.docx -o notice.yaml    a Word file; a seal in its 署名 is saved beside
  gongwen import draft.txt -o speech.yaml     then: gongwen render speech.yaml
  gongwen import draft.txt | gongwen render - -o out/

Dropped lines (adverts, \"查看全文\", share buttons …), every kind of change made to the text,
and what a Word file held that was left out are listed on standard error.")]
    Import {
        /// The draft: a Word document (.docx) or UTF-8 text ("-" reads standard input).
        input: PathBuf,
        /// Where to write the YAML (standard output when not given).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The kind of document.
        #[arg(long, value_enum, default_value = "auto")]
        kind: ImportKind,
        /// The largest input read, in MiB (1 to 4096).
        #[arg(long, value_name = "MIB", default_value_t = (gongwen::Limits::DEFAULT_MAX_INPUT_BYTES >> 20) as u64,
              value_parser = clap::value_parser!(u64).range(1..=4096))]
        max_input_size: u64,
    },
    /// Show which font each role of a template resolves to, and with --check which characters
    /// of a document each font covers and which none does.
    #[command(after_help = "Examples:
  gongwen fonts                          the speech template's roles
  gongwen fonts --template notice
  gongwen fonts --check speech.yaml      the template that source names, and its characters")]
    Fonts {
        /// A built-in template's name or a template file (default: the one --check's source
        /// names, else `speech`).
        #[arg(long)]
        template: Option<String>,
        /// A source whose characters to check against the fonts.
        #[arg(long, value_name = "FILE.yaml")]
        check: Option<PathBuf>,
        /// Install the bundled fonts for this user, with a fontconfig file that sets the
        /// standard families a DOCX names (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312) in them
        /// where those are not installed: LibreOffice and WPS on Linux (麒麟, UOS) then lay a
        /// gongwen DOCX out as its PDF.
        #[arg(long)]
        install: bool,
        #[command(flatten)]
        fonts: FontArgs,
    },
    /// List the built-in templates, or print one (`templates show NAME`) to start your own from.
    Templates {
        #[command(subcommand)]
        action: Option<TemplatesAction>,
    },
    /// Write a commented starter source that renders as it is.
    #[command(after_help = "Examples:
  gongwen new speech talk.yaml && gongwen render talk.yaml
  gongwen new notice                     prints a 通知 to standard output")]
    New {
        /// The kind of document.
        #[arg(value_enum)]
        kind: gongwen::starter::Kind,
        /// Where to write it (standard output when not given; an existing file is not replaced).
        file: Option<PathBuf>,
    },
    /// Print the JSON Schema of the YAML source (for editors: see the first line of each example).
    Schema,
    /// Print a shell's completion script.
    #[command(after_help = "Examples:
  gongwen completions bash > ~/.local/share/bash-completion/completions/gongwen
  gongwen completions zsh > ~/.zfunc/_gongwen")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    #[command(after_help = "Example:\n  gongwen man > gongwen.1 && man ./gongwen.1")]
    Man,
}

#[derive(Subcommand, Clone)]
enum TemplatesAction {
    /// Print a built-in template's YAML.
    Show {
        /// The template's name.
        name: String,
    },
}

/// How to render: shared by `render` and `watch`.
#[derive(clap::Args, Clone)]
struct RenderArgs {
    /// Output folder, or a file name (its extension picks the format).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Formats to write, comma separated.
    #[arg(long, value_delimiter = ',', default_value = "pdf,docx")]
    format: Vec<Format>,
    /// A template file instead of the built-in template the source names (see `gongwen
    /// templates`).
    #[arg(long)]
    template: Option<PathBuf>,
    #[command(flatten)]
    fonts: FontArgs,
    /// Treat characters no font has as errors.
    #[arg(long)]
    strict: bool,
    /// Print how long each phase took (read, parse, fonts, layout, pdf, docx, write) to
    /// standard error.
    #[arg(long)]
    timings: bool,
    /// The largest source read, in MiB (1 to 4096).
    #[arg(long, value_name = "MIB", default_value_t = (gongwen::Limits::DEFAULT_MAX_INPUT_BYTES / (1024 * 1024)) as u64,
          value_parser = clap::value_parser!(u64).range(1..=4096))]
    max_input_size: u64,
    /// The most pages a document may have.
    #[arg(long, value_name = "N", default_value_t = gongwen::Limits::DEFAULT_MAX_PAGES)]
    max_pages: usize,
}

/// Where fonts come from: shared by `render`, `watch` and `fonts`.
#[derive(clap::Args, Clone)]
struct FontArgs {
    /// A folder of extra fonts, or one font file (may be given more than once); used before
    /// the bundled and the installed fonts.
    #[arg(long)]
    font_path: Vec<PathBuf>,
    /// Use only bundled fonts and --font-path folders, not the fonts installed on the system.
    #[arg(long)]
    no_system_fonts: bool,
    /// In the DOCX, name the faces the PDF used (FandolFang …) rather than the standard
    /// families an office PC has (仿宋_GB2312 …; `gongwen fonts --install` maps them to the
    /// bundled fonts where they are not installed).
    #[arg(long)]
    docx_used_fonts: bool,
}

impl FontArgs {
    fn options(&self) -> FontOptions {
        FontOptions {
            system: !self.no_system_fonts,
            font_paths: self.font_path.clone(),
            docx_faces: self.docx_used_fonts,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CheckFormat {
    /// As rustc shows its errors: the message, the place, the line with a caret, a hint.
    Text,
    /// One line per finding: FILE:LINE:COL: LEVEL: MESSAGE [RULE] (for editors and grep).
    Short,
    /// A JSON list.
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ImportKind {
    Speech,
    Notice,
    Auto,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Pdf,
    Docx,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", e.render(color()));
            match e {
                Error::Usage(_) => ExitCode::from(2),
                _ => ExitCode::from(1),
            }
        }
    }
}

mod cli;

/// Colour on standard error: on a terminal, unless `NO_COLOR` is set (no-color.org).
fn color() -> bool {
    color_on(&std::io::stderr())
}

/// Colour on a stream: when it is a terminal, unless `NO_COLOR` is set.
fn color_on(stream: &impl std::io::IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Writes to standard output; a reader that stops early (`| head`) is not an error.
fn stdout(bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Io {
            action: "write",
            path: "<stdout>".into(),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// The default limit on what is read, for the commands without a flag for it.
const MAX_INPUT: usize = gongwen::Limits::DEFAULT_MAX_INPUT_BYTES;

/// A file as a source (its folder the one images are read from), or standard input for "-"
/// (with no folder), refusing more than `max_bytes`.
fn read_input(input: &Path, max_bytes: usize) -> Result<Source, Error> {
    if input.as_os_str() == "-" {
        let name = "<stdin>";
        let bytes = gongwen::read_limited(std::io::stdin().lock(), max_bytes, name)?;
        Ok(Source::new(name, gongwen::utf8(Path::new(name), bytes)?))
    } else {
        Source::read(input, max_bytes)
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Import {
            input,
            output,
            kind,
            max_input_size,
        } => {
            let kind = match kind {
                ImportKind::Speech => gongwen::import::Kind::Speech,
                ImportKind::Notice => gongwen::import::Kind::Notice,
                ImportKind::Auto => gongwen::import::Kind::Auto,
            };
            cli::import::import(&input, output.as_deref(), kind, mib(max_input_size))
        }
        Command::Check {
            input,
            format,
            fix,
            max_input_size,
        } => check(&input, format, fix, mib(max_input_size)),
        Command::Render { inputs, args } => render(inputs, args),
        Command::Watch { input, args } => cli::watch::watch(&input, &Job::new(args)?),
        Command::Fonts { install: true, .. } => cli::info::install_fonts(),
        Command::Fonts {
            template,
            check,
            fonts,
            ..
        } => cli::info::fonts(template.as_deref(), check.as_deref(), &fonts.options()),
        Command::Templates { action } => cli::info::templates(
            action
                .as_ref()
                .map(|TemplatesAction::Show { name }| name.as_str()),
        ),
        Command::New { kind, file } => cli::info::new(kind, file.as_deref()),
        Command::Schema => stdout(gongwen::source::schema_json().as_bytes()),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "gongwen", &mut script);
            stdout(&script)
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut page)
                .expect("writing to memory cannot fail");
            stdout(&page)
        }
    }
}

/// A --max-input-size in bytes (at most 4096 MiB, the flag's range: no overflow).
fn mib(size: u64) -> usize {
    usize::try_from(size << 20).unwrap_or(usize::MAX / 2)
}

fn check(input: &Path, format: CheckFormat, fix: bool, max_input: usize) -> Result<(), Error> {
    let name = input.display().to_string();
    let mut text = gongwen::read_text(input, max_input)?;
    let yaml = input.extension().is_some_and(|e| e == "yaml" || e == "yml");
    // A source is read exactly as `render` reads it: its errors are render's, with their places.
    let parse = |text: &str| -> Result<gongwen::Laid, Error> {
        let mut source = Source::new(name.clone(), text);
        if let Some(dir) = input.parent() {
            source = source.in_dir(dir);
        }
        let opts = Options {
            formats: Formats {
                pdf: false,
                docx: false,
            },
            ..Options::default()
        };
        gongwen::lay_out(&source, &opts)
    };
    let mut laid = if yaml { Some(parse(&text)?) } else { None };
    if fix {
        let (fixed, n) = gongwen::lint::fix(&text, yaml);
        if n > 0 {
            if yaml {
                laid = Some(parse(&fixed)?);
            }
            gongwen::write_in_place(input, fixed.as_bytes())?;
            eprintln!("{name}: {n} fix(es) applied");
        }
        text = fixed;
    }
    let mut findings = gongwen::lint::check(&text, yaml);
    // The page audit: what a reviewer looks for on the printed pages.
    if let Some(laid) = &laid {
        findings.extend(gongwen::lint::audit(laid));
        findings.sort_by_key(|f| (f.line, f.column));
    }
    let mut report = String::new();
    match format {
        CheckFormat::Text => {
            let color = color_on(&std::io::stdout());
            let lines: Vec<&str> = text.lines().collect();
            for f in &findings {
                let severity = match f.level {
                    gongwen::lint::Level::Error => gongwen::error::Severity::Error,
                    gongwen::lint::Level::Warning => gongwen::error::Severity::Warning,
                };
                report.push_str(&gongwen::error::diagnostic(
                    severity,
                    &name,
                    Some((f.line, f.column)),
                    lines.get(f.line.saturating_sub(1)).copied(),
                    &format!("{} [{}]", f.message, f.rule),
                    f.fix.as_ref().map(|_| "`gongwen check --fix` mends this"),
                    color,
                ));
                report.push_str("\n\n");
            }
        }
        CheckFormat::Short => {
            for f in &findings {
                report.push_str(&format!(
                    "{name}:{}:{}: {}: {} [{}]\n",
                    f.line,
                    f.column,
                    f.level.name(),
                    f.message,
                    f.rule
                ));
            }
        }
        CheckFormat::Json => {
            let list: Vec<serde_json::Value> = findings
                .iter()
                .map(|f| {
                    serde_json::json!({
                        "file": name, "line": f.line, "column": f.column, "page": f.page, "level": f.level.name(),
                        "rule": f.rule, "message": f.message, "fixable": f.fix.is_some(),
                    })
                })
                .collect();
            report = serde_json::Value::Array(list).to_string() + "\n";
        }
    }
    // A closed pipe (`| head`) ends the output quietly.
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), report.as_bytes());
    let errors = findings
        .iter()
        .filter(|f| f.level == gongwen::lint::Level::Error)
        .count();
    if errors > 0 {
        return Err(Error::Findings(errors));
    }
    Ok(())
}

/// `SOURCE_DATE_EPOCH` (reproducible-builds.org): the date to write into the outputs' metadata.
fn source_date_epoch() -> Result<Option<i64>, Error> {
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
struct Job {
    output: Option<PathBuf>,
    format: Vec<Format>,
    template: Option<(String, String)>,
    fonts: FontOptions,
    strict: bool,
    timings: bool,
    limits: gongwen::Limits,
    source_date: Option<i64>,
}

impl Job {
    fn new(args: RenderArgs) -> Result<Job, Error> {
        let template = match &args.template {
            Some(p) => Some((p.display().to_string(), gongwen::read_text(p, MAX_INPUT)?)),
            None => None,
        };
        Ok(Job {
            output: args.output,
            format: args.format,
            template,
            fonts: args.fonts.options(),
            strict: args.strict,
            timings: args.timings,
            limits: gongwen::Limits {
                max_input_bytes: mib(args.max_input_size),
                max_pages: args.max_pages,
            },
            source_date: source_date_epoch()?,
        })
    }
}

fn render(inputs: Vec<PathBuf>, args: RenderArgs) -> Result<(), Error> {
    let job = Job::new(args)?;
    let inputs = expand(&inputs)?;
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
    use rayon::prelude::*;
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
    let failed: usize = inputs
        .par_iter()
        .map(|input| {
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
fn render_one(input: &Path, job: &Job, say: &(dyn Fn(String) + Sync)) -> Result<usize, Error> {
    let started = std::time::Instant::now();
    // A Word document or a text draft is imported first, in memory.
    let draft = if cli::import::is_draft(input) {
        Some(cli::import::draft_source(
            input,
            job.limits.max_input_bytes,
            say,
        )?)
    } else {
        None
    };
    let source = match &draft {
        Some(d) => d.source.clone(),
        None => read_input(input, job.limits.max_input_bytes)?,
    };
    let read = started.elapsed();
    let targets = targets(input, job.output.as_deref(), &job.format)?;
    let opts = Options {
        template: job.template.clone(),
        fonts: job.fonts.clone(),
        formats: Formats {
            pdf: targets.iter().any(|t| t.1 == Format::Pdf),
            docx: targets.iter().any(|t| t.1 == Format::Docx),
        },
        strict: job.strict,
        limits: job.limits,
        source_date: job.source_date,
    };
    let out = gongwen::render(&source, &opts)?;
    for w in &out.source_warnings {
        say(w
            .render(gongwen::error::Severity::Warning, color())
            .trim_end()
            .to_string());
    }
    for w in &out.warnings {
        say(w
            .render(gongwen::error::Severity::Warning, color())
            .trim_end()
            .to_string());
    }
    for (path, fmt) in &targets {
        let bytes = match fmt {
            Format::Pdf => out.pdf.as_deref(),
            Format::Docx => out.docx.as_deref(),
        };
        if let Some(bytes) = bytes {
            gongwen::write_atomic(path, bytes)?;
            say(format!("wrote {} ({} pages)", path.display(), out.pages));
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

/// Where each format goes: beside the input by default; into a folder; or to a named file.
/// An output that would overwrite the Word draft it comes from takes the name
/// "NAME-gongwen.docx" instead.
fn beside_the_draft(path: PathBuf, input: &Path) -> PathBuf {
    let same = path == input
        || std::fs::canonicalize(&path)
            .ok()
            .is_some_and(|p| std::fs::canonicalize(input).ok() == Some(p));
    if !same || !cli::import::is_draft(input) {
        return path;
    }
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!("{stem}-gongwen.docx"))
}

fn targets(
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
    };
    let mut out = Vec::new();
    match output {
        Some(o) if o.extension().is_some_and(|e| e == "pdf" || e == "docx") => {
            let f = if o.extension().is_some_and(|e| e == "pdf") {
                Format::Pdf
            } else {
                Format::Docx
            };
            out.push((o.to_path_buf(), f));
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
    let named = output.is_some_and(|o| o.extension().is_some_and(|e| e == "pdf" || e == "docx"));
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
