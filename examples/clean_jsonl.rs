//! Streams JSON Lines from stdin to stdout, fixing the named string fields (all string values
//! when none is named), and prints per-step statistics on stderr:
//! `cargo run --example clean_jsonl -- text meta.title < in.jsonl > out.jsonl`.
//!
//! A line that is not JSON is copied through unchanged and reported with its line number.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufWriter, Write};

use mojifix::stream::jsonl::{fix_record, Fields};

fn main() -> io::Result<()> {
    let paths: Vec<_> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("infallible"))
        .collect();
    let fields = if paths.is_empty() {
        Fields::All
    } else {
        Fields::Paths(paths)
    };
    let fixer = mojifix::Fixer::new();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut per_step: BTreeMap<&'static str, u64> = BTreeMap::new();
    let (mut records, mut changed, mut bad) = (0u64, 0u64, 0u64);
    for (i, line) in io::stdin().lock().lines().enumerate() {
        let line = line?;
        records += 1;
        match fix_record(&fixer, &fields, &line, true) {
            Ok(rec) => {
                changed += u64::from(rec.fields_changed > 0);
                for c in &rec.changes {
                    *per_step.entry(c.change.step.name()).or_default() += 1;
                }
                writeln!(out, "{}", rec.line)?;
            }
            Err(e) => {
                bad += 1;
                eprintln!("clean_jsonl: line {}: {e}", i + 1);
                writeln!(out, "{line}")?;
            }
        }
    }
    out.flush()?;
    eprintln!("clean_jsonl: {records} records, {changed} changed, {bad} not JSON");
    for (step, n) in per_step {
        eprintln!("  {step:<18} {n}");
    }
    Ok(())
}
