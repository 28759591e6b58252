//! The command line: argument parsing, files and streams, progress, exit codes. Every text
//! decision is the library's: this module only moves bytes between the user and it.

mod args;
mod convert;
mod detect;
mod fix;
mod io;

use std::io::Write;

use clap::Parser;

use args::{Cli, Command};

/// Documented exit codes (see `mojifix --help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    Done = 0,
    Changes = 1,
    Usage = 2,
    Input = 3,
}

/// Why a command stopped.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    /// Arguments that do not fit together, or an unknown name.
    #[error("{0}")]
    Usage(String),
    /// An input that cannot be read or is not what it must be.
    #[error("{0}")]
    Input(String),
    /// Writing the output failed (a closed pipe is handled quietly).
    #[error("{0}")]
    Output(#[from] std::io::Error),
}

impl From<mojifix::Error> for CliError {
    fn from(e: mojifix::Error) -> CliError {
        CliError::Usage(e.to_string())
    }
}

pub(crate) fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                Exit::Usage as i32
            } else {
                0
            };
        }
    };
    io::clean_up_on_interrupt();
    let result = match cli.command {
        Command::Fix(a) => fix::run(*a),
        Command::Convert(a) => convert::run(a),
        Command::Detect(a) => detect::run(a),
    };
    match result {
        Ok(exit) => exit as i32,
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let code = match e {
                CliError::Usage(_) => Exit::Usage,
                CliError::Input(_) | CliError::Output(_) => Exit::Input,
            };
            let _ = writeln!(std::io::stderr(), "mojifix: {e}");
            code as i32
        }
    }
}
