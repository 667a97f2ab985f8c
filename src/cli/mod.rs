//! The `gongwen` command line over the library: flags (`args`), `render` and `watch`
//! (`render`, `watch`), `import`, `check`, `serve`, and the information commands (`info`).

mod args;
mod check;
mod distribute;
pub mod import;
pub mod info;
mod render;
mod serve;
pub mod watch;

use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use gongwen::{Error, Source};

use args::{Cli, Command, ImportKind, TemplatesAction};
use render::Job;

/// Runs the command line; the exit code: 0, 1 (failed), 2 (usage).
pub fn main() -> ExitCode {
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

/// Colour on standard error: on a terminal, unless `NO_COLOR` is set (no-color.org).
pub(crate) fn color() -> bool {
    color_on(&std::io::stderr())
}

/// Colour on a stream: when it is a terminal, unless `NO_COLOR` is set.
pub(crate) fn color_on(stream: &impl std::io::IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Writes to standard output; a reader that stops early (`| head`) is not an error.
pub(crate) fn stdout(bytes: &[u8]) -> Result<(), Error> {
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
pub(crate) const MAX_INPUT: usize = gongwen::Limits::DEFAULT_MAX_INPUT_BYTES;

/// A file as a source (its folder the one images are read from), or standard input for "-"
/// (with no folder), refusing more than `max_bytes`.
pub(crate) fn read_input(input: &Path, max_bytes: usize) -> Result<Source, Error> {
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
            import::import(&input, output.as_deref(), kind, mib(max_input_size))
        }
        Command::Check {
            input,
            format,
            fix,
            max_input_size,
        } => check::check(&input, format, fix, mib(max_input_size)),
        Command::Render {
            inputs,
            args,
            distribute,
        } => render::render(inputs, args, distribute),
        Command::Serve { args } => serve::serve(args),
        Command::Watch { input, args } => watch::watch(&input, &Job::new(args)?),
        Command::Fonts { install: true, .. } => info::install_fonts(),
        Command::Fonts {
            template,
            check,
            fonts,
            ..
        } => info::fonts(template.as_deref(), check.as_deref(), &fonts.options()),
        Command::Templates { action } => info::templates(
            action
                .as_ref()
                .map(|TemplatesAction::Show { name }| name.as_str()),
        ),
        Command::New { kind, file } => info::new(kind, file.as_deref()),
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
pub(crate) fn mib(size: u64) -> usize {
    usize::try_from(size << 20).unwrap_or(usize::MAX / 2)
}
