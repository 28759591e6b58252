//! Throughput of `mojibake::repair`, line by line, on clean text and on mojibake-heavy text.
//!
//! Inputs (the same ones scripts/mojibake_bench.py times ftfy on):
//! - clean: every sentence of fixtures/mojibake/sentences.tsv (Faker words, 34 locales);
//! - garbled: every garbled input of fixtures/mojibake/cases.jsonl;
//! - clean_udhr: every sentence of fixtures/mojibake/udhr_sentences.tsv (real sentences, 40
//!   languages);
//! - garbled_udhr: every eighth garbled input of fixtures/mojibake/udhr_cases.jsonl.
//!
//! `cargo bench --bench mojibake`; `python3 scripts/mojibake_bench.py` runs it next to ftfy.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use mojifix::mojibake::repair;

fn sentences(tsv: &str) -> Vec<String> {
    tsv.lines()
        .filter_map(|l| l.split_once('\t').map(|(_, s)| s.to_string()))
        .collect()
}

/// The garbled inputs of a cases file, every `step`-th one.
fn garbled(jsonl: &str, step: usize) -> Vec<String> {
    jsonl
        .lines()
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).ok()?;
            (v["category"] != "clean").then(|| v["input"].as_str().unwrap_or("").to_string())
        })
        .step_by(step)
        .collect()
}

fn bench(c: &mut Criterion) {
    let inputs = [
        (
            "clean",
            sentences(include_str!("../fixtures/mojibake/sentences.tsv")),
        ),
        (
            "garbled",
            garbled(include_str!("../fixtures/mojibake/cases.jsonl"), 1),
        ),
        (
            "clean_udhr",
            sentences(include_str!("../fixtures/mojibake/udhr_sentences.tsv")),
        ),
        (
            "garbled_udhr",
            garbled(include_str!("../fixtures/mojibake/udhr_cases.jsonl"), 8),
        ),
    ];
    let mut group = c.benchmark_group("mojibake");
    group.sample_size(10);
    for (name, lines) in &inputs {
        let bytes: usize = lines.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(*name, |b| {
            b.iter(|| lines.iter().map(|l| repair(l).len()).sum::<usize>())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
