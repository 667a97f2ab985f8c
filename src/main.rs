//! The `gongwen` command: a thin layer over the library (the command line is in `cli`).

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
