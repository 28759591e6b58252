//! The command line: argument parsing, I/O and exit codes. No text logic lives here.

pub(crate) fn main() -> i32 {
    0
}
