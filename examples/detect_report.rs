//! A table of detected encodings over a folder:
//! `cargo run --example detect_report -- DIR` prints `ENCODING  FILES  BYTES` rows, most
//! files first, then one `PATH<TAB>ENCODING<TAB>CONFIDENCE` line per file with `-v`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let dir = args.iter().find(|a| *a != "-v").map_or(".", String::as_str);
    let mut files = Vec::new();
    walk(Path::new(dir), &mut files)?;
    files.sort();
    let mut table: BTreeMap<&'static str, (u64, u64)> = BTreeMap::new();
    for f in &files {
        let bytes = std::fs::read(f)?;
        let d = mojifix::decode(&bytes);
        let row = table.entry(d.encoding.name()).or_default();
        row.0 += 1;
        row.1 += bytes.len() as u64;
        if verbose {
            println!(
                "{}\t{}\t{:.2}",
                f.display(),
                d.encoding.name(),
                d.confidence
            );
        }
    }
    let mut rows: Vec<_> = table.into_iter().collect();
    rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    println!("{:<16} {:>7} {:>12}", "ENCODING", "FILES", "BYTES");
    for (enc, (n, bytes)) in rows {
        println!("{enc:<16} {n:>7} {bytes:>12}");
    }
    Ok(())
}
