//! Bytes in any encoding → clean UTF-8: `cargo run --example clean_file -- [FILE]` (stdin when
//! no FILE), clean text on stdout, the detected encoding and change counts on stderr.

use std::io::{self, Read, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut bytes = Vec::new();
    match std::env::args_os().nth(1) {
        Some(path) => bytes = std::fs::read(path)?,
        None => {
            io::stdin().read_to_end(&mut bytes)?;
        }
    }
    let fixer = mojifix::Fixer::new();
    let out = fixer.fix_bytes(&bytes)?;
    let encoding = out
        .changes
        .iter()
        .find_map(|c| match &c.detail {
            mojifix::Detail::Decode { encoding, .. } => Some(*encoding),
            _ => None,
        })
        .unwrap_or("UTF-8");
    eprintln!(
        "clean_file: decoded as {encoding}, {} changes",
        out.changes.len()
    );
    io::stdout().lock().write_all(out.text.as_bytes())?;
    Ok(())
}
