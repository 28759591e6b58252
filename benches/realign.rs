//! Throughput of the lost-byte step on clean and damaged Chinese text, with a GBK
//! encode-and-decode round trip of the same text as the peer (what any repair of this text
//! costs at least).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use encoding_rs::GBK;
use mojifix::realign::realign;

fn corpus() -> String {
    [
        "zh_hans_wiki.txt",
        "zh_hant_constitution.txt",
        "zh_hans_classical_sunzi.txt",
    ]
    .iter()
    .map(|f| {
        let path = format!("{}/fixtures/realign/{f}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap()
    })
    .collect()
}

/// Every paragraph with the lead byte of its tenth GBK double-byte character replaced by `?`.
fn damaged(clean: &str) -> String {
    clean
        .lines()
        .map(|line| {
            let (bytes, _, _) = GBK.encode(line);
            let mut bytes = bytes.into_owned();
            let leads: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] >= 0x81).collect();
            // Every second byte >= 0x81 from the start of a pure double-byte stretch is a lead;
            // any lead-looking byte will do to damage the text.
            if let Some(&at) = leads.get(20) {
                bytes[at] = b'?';
            }
            GBK.decode_without_bom_handling(&bytes).0.into_owned() + "\n"
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let clean = corpus();
    let damaged = damaged(&clean);
    let mut group = c.benchmark_group("realign");
    group.throughput(Throughput::Bytes(clean.len() as u64));
    group.bench_function("clean", |b| b.iter(|| realign(black_box(&clean))));
    group.bench_function("damaged", |b| b.iter(|| realign(black_box(&damaged))));
    group.bench_function("peer: gbk round trip", |b| {
        b.iter(|| {
            let (bytes, _, _) = GBK.encode(black_box(&clean));
            GBK.decode_without_bom_handling(&bytes).0.len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
