//! The `mojifix` command: parses arguments and calls the library (see `src/cli/`).
#![forbid(unsafe_code)]

mod cli;

fn main() {
    std::process::exit(cli::main());
}
