//! The command line: subcommands, their flags and their help (clap).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use gongwen::fonts::FontOptions;

#[derive(Parser)]
#[command(
    name = "gongwen",
    version,
    about = "Typeset Chinese official documents (公文) and speeches to GB/T 9704-2012 as PDF and DOCX"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Render a YAML source to PDF and DOCX.
    #[command(after_help = "Examples:
  gongwen render examples/speech.yaml                 writes examples/speech.pdf and examples/speech.docx
  gongwen render speech.yaml -o out/                  writes out/speech.pdf and out/speech.docx
  gongwen render speech.yaml -o draft.pdf             writes only the PDF
  gongwen render speech.yaml --format docx --font-path ~/fonts
  gongwen render speech.yaml --format png             writes speech-1.png … at 150 dpi
  gongwen render speech.yaml --format png --long-image  one speech.png, 1080 px wide, for a phone
  gongwen render 通知.docx                            imports the Word draft, writes 通知.pdf and 通知-gongwen.docx
  gongwen render drafts/ -o out/                      renders every .yaml in drafts/, in parallel
  gongwen render notice.yaml --copies 1-50            notice-000001.pdf … notice-000050.pdf, each its 份号
  gongwen render notice.yaml --copies 1-50 --merge -o all.pdf
                                                      one PDF, each copy from an odd page
  gongwen render a.yaml b.yaml --merge -o both.pdf    two documents bound in one PDF
  gongwen render notice.yaml --pdf-standard a-2u,ua-1 an archival, tagged PDF

Exit codes: 0 done, 1 input or render error, 2 usage error.")]
    Render {
        /// YAML sources, drafts imported first in memory (a Word .docx, a .txt or .md text),
        /// or folders of sources ("-" reads standard input). Several render in parallel, one
        /// bad file stopping none of the others.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        args: RenderArgs,
        #[command(flatten)]
        distribute: DistributeArgs,
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
    /// Serve the web page and the HTTP API (render, import, check) until interrupted.
    #[command(after_help = "Examples:
  gongwen serve                           the page at http://127.0.0.1:8080/
  gongwen serve --open                    and open it in the browser
  gongwen serve --addr 0.0.0.0:8080 --token \"$(openssl rand -hex 16)\"
                                          for other machines: the API asks for the token
  curl --data-binary @speech.yaml -H 'Content-Type: application/yaml' \\
       'http://127.0.0.1:8080/api/render?format=pdf' -o speech.pdf

Exit codes: 0 stopped, 1 could not start, 2 usage error.")]
    Serve {
        #[command(flatten)]
        args: ServeArgs,
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
pub(crate) enum TemplatesAction {
    /// Print a built-in template's YAML.
    Show {
        /// The template's name.
        name: String,
    },
}

/// How to render: shared by `render` and `watch`.
#[derive(clap::Args, Clone)]
pub(crate) struct RenderArgs {
    /// Output folder, or a file name (its extension picks the format).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Formats to write, comma separated.
    #[arg(long, value_delimiter = ',', default_value = "pdf,docx")]
    pub format: Vec<Format>,
    /// A template file instead of the built-in template the source names (see `gongwen
    /// templates`).
    #[arg(long)]
    pub template: Option<PathBuf>,
    /// Dots per inch of PNG pages (10 to 1200).
    #[arg(long, value_name = "N", default_value_t = 150, value_parser = clap::value_parser!(u32).range(10..=1200))]
    pub dpi: u32,
    /// With --format png: one NAME.png of all pages stacked with a thin gap (a 长图 for chat
    /// groups), --width pixels wide.
    #[arg(long)]
    pub long_image: bool,
    /// The long image's width in pixels (100 to 10000).
    #[arg(long, value_name = "PX", default_value_t = 1080, value_parser = clap::value_parser!(u32).range(100..=10000))]
    pub width: u32,
    #[command(flatten)]
    pub fonts: FontArgs,
    /// Treat characters no font has as errors.
    #[arg(long)]
    pub strict: bool,
    /// Print how long each phase took to standard error: read, parse, fonts, layout; then pdf,
    /// which runs beside docx, ofd, glyphs, svg and png (one after another); then write.
    #[arg(long)]
    pub timings: bool,
    /// The largest source read, in MiB (1 to 4096).
    #[arg(long, value_name = "MIB", default_value_t = (gongwen::Limits::DEFAULT_MAX_INPUT_BYTES / (1024 * 1024)) as u64,
          value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub max_input_size: u64,
    /// The most pages a document may have.
    #[arg(long, value_name = "N", default_value_t = gongwen::Limits::DEFAULT_MAX_PAGES)]
    pub max_pages: usize,
    /// Mark the document as a draft: the word (征求意见稿, 讨论稿, 送审稿 …) in 3号黑体 at the top
    /// right of page 1 of a 公文, or in （） under a speech's title; instead of the source's
    /// `draft:`.
    #[arg(long, value_name = "TEXT")]
    pub draft: Option<String>,
    /// With --draft: the word also as a light diagonal watermark on every page.
    #[arg(long, requires = "draft")]
    pub watermark: bool,
    /// Write the PDF to these standards, checked as it is written: a-2b, a-2u, a-3b (PDF/A, for
    /// archives), ua-1 (PDF/UA, accessible); a PDF/A part and ua-1 may go together
    /// ("a-2u,ua-1"). The PDF is then tagged: title, headings, paragraphs, tables, the seal.
    #[arg(long, value_name = "STANDARD", value_delimiter = ',', value_parser = pdf_standard)]
    pub pdf_standard: Vec<gongwen::render::pdf::PdfStandard>,
}

/// `gongwen render`'s flags for files to hand out: numbered copies, several documents in one.
#[derive(clap::Args, Clone)]
pub(crate) struct DistributeArgs {
    /// Numbered copies (§7.2.1): one PDF a copy, NAME-000001.pdf …, its 份号 on page 1, e.g.
    /// "1-50" or "1,3,7-9". The layout is made once; only the 份号 is drawn anew. Copies are
    /// PDF only (--format is not read).
    #[arg(long, value_name = "LIST", value_parser = copy_numbers)]
    pub copies: Option<CopyNumbers>,
    /// One PDF of everything: all the --copies in order, or all the inputs, each starting on an
    /// odd page (a blank page put in) for printing on both sides. Name it with -o FILE.pdf.
    #[arg(long)]
    pub merge: bool,
}

/// Copy numbers, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CopyNumbers(pub Vec<u32>);

/// "1-50", "1,3,7-9" (see [`gongwen::copies::parse_copy_numbers`]).
fn copy_numbers(list: &str) -> Result<CopyNumbers, String> {
    gongwen::copies::parse_copy_numbers(list, gongwen::copies::MOST_COPIES).map(CopyNumbers)
}

fn pdf_standard(name: &str) -> Result<gongwen::render::pdf::PdfStandard, String> {
    gongwen::render::pdf::PdfStandard::from_name(name.trim())
        .ok_or_else(|| format!("{name:?} is not one of a-2b, a-2u, a-3b, ua-1"))
}

/// `gongwen serve`'s flags.
#[derive(clap::Args, Clone)]
pub(crate) struct ServeArgs {
    /// The address and port to listen on. Anything but a loopback address needs --token.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Open the page in the default browser once the server listens.
    #[arg(long)]
    pub open: bool,
    /// A bearer token the API asks for (`Authorization: Bearer TOKEN`); needed to listen
    /// beyond this machine. Also read from GONGWEN_TOKEN.
    #[arg(long, env = "GONGWEN_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// The largest request body, in MiB (1 to 1024); a larger one gets a 413.
    #[arg(long, value_name = "MIB", default_value_t = 32,
          value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub max_body: u64,
    /// Renders at once (the machine's cores unless told); more wait their turn.
    #[arg(long)]
    pub workers: Option<usize>,
    /// Requests that may wait for a render; past them a 503 at once.
    #[arg(long, default_value_t = 256)]
    pub queue: usize,
    /// The longest a render may take, in seconds, before the request gets a 503.
    #[arg(long, value_name = "SECONDS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub time_limit: u64,
    /// The most pages a document may have.
    #[arg(long, default_value_t = gongwen::Limits::DEFAULT_MAX_PAGES)]
    pub max_pages: usize,
    #[command(flatten)]
    pub fonts: FontArgs,
}

/// Where fonts come from: shared by `render`, `watch` and `fonts`.
#[derive(clap::Args, Clone)]
pub(crate) struct FontArgs {
    /// A folder of extra fonts, or one font file (may be given more than once); used before
    /// the bundled and the installed fonts.
    #[arg(long)]
    pub font_path: Vec<PathBuf>,
    /// Use only bundled fonts and --font-path folders, not the fonts installed on the system.
    #[arg(long)]
    pub no_system_fonts: bool,
    /// In the DOCX, name the faces the PDF used (FandolFang …) rather than the standard
    /// families an office PC has (仿宋_GB2312 …; `gongwen fonts --install` maps them to the
    /// bundled fonts where they are not installed).
    #[arg(long)]
    pub docx_used_fonts: bool,
}

impl FontArgs {
    pub(crate) fn options(&self) -> FontOptions {
        FontOptions {
            system: !self.no_system_fonts,
            font_paths: self.font_path.clone(),
            docx_faces: self.docx_used_fonts,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum CheckFormat {
    /// As rustc shows its errors: the message, the place, the line with a caret, a hint.
    Text,
    /// One line per finding: FILE:LINE:COL: LEVEL: MESSAGE [RULE] (for editors and grep).
    Short,
    /// A JSON list.
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ImportKind {
    Speech,
    Notice,
    Auto,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Pdf,
    Docx,
    /// SVG, a file a page: NAME-1.svg, NAME-2.svg …
    Svg,
    /// PNG, a file a page: NAME-1.png … (or one NAME.png with --long-image).
    Png,
    /// OFD (GB/T 33190), the format electronic 公文 are exchanged and archived in.
    Ofd,
}
