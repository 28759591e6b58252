//! Throughput of `mojibake::repair`, line by line, on clean text and on mojibake-heavy text.
//!
//! Inputs (the same ones scripts/mojibake_bench.py times ftfy on):
//! - clean: every sentence of fixtures/mojibake/sentences.tsv (34 locales);
//! - garbled: every garbled input of fixtures/mojibake/cases.jsonl.
//!
//! `cargo bench --bench mojibake`; `python3 scripts/mojibake_bench.py` runs it next to ftfy.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use mojifix::mojibake::repair;

fn inputs() -> (Vec<String>, Vec<String>) {
    let clean = include_str!("../fixtures/mojibake/sentences.tsv")
        .lines()
        .filter_map(|l| l.split_once('\t').map(|(_, s)| s.to_string()))
        .collect();
    let garbled = include_str!("../fixtures/mojibake/cases.jsonl")
        .lines()
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).ok()?;
            (v["category"] != "clean").then(|| v["input"].as_str().unwrap_or("").to_string())
        })
        .collect();
    (clean, garbled)
}

fn bench(c: &mut Criterion) {
    let (clean, garbled) = inputs();
    let mut group = c.benchmark_group("mojibake");
    group.sample_size(10);
    for (name, lines) in [("clean", &clean), ("garbled", &garbled)] {
        let bytes: usize = lines.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name, |b| {
            b.iter(|| lines.iter().map(|l| repair(l).len()).sum::<usize>())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
