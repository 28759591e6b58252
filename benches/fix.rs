//! `cargo bench --bench fix`: throughput of the default pipeline on clean text (the common
//! case: a scan, no copy) and on seed-like scrape text (every step busy).
//! `scripts/bench_ftfy.py` times ftfy on the same inputs (`MOJIFIX_BENCH_DUMP=DIR` writes them).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

const SEED: &str = include_str!("../fixtures/seed/000_6fd33c8f2af833de.txt");
const HANT: &str = include_str!("../fixtures/seed/000_6fd33c8f2af833de.expected-hant.txt");
const ZH_HANS: &str = include_str!("../fixtures/clean/zh-hans.us-constitution.txt");
const ENGLISH: &str = include_str!("../fixtures/clean/LICENSE-OpenCC-Apache-2.0.txt");

/// About 1 MiB of each kind of input.
fn inputs() -> Vec<(&'static str, String)> {
    let grow = |s: &str| s.repeat((1 << 20) / s.len() + 1);
    vec![
        ("clean-english", grow(ENGLISH)),
        ("clean-chinese", grow(&format!("{ZH_HANS}\n{HANT}"))),
        ("scrape-seed", grow(SEED)),
    ]
}

fn bench(c: &mut Criterion) {
    let inputs = inputs();
    if let Some(dir) = std::env::var_os("MOJIFIX_BENCH_DUMP") {
        for (name, text) in &inputs {
            std::fs::write(std::path::Path::new(&dir).join(format!("{name}.txt")), text)
                .expect("dump bench input");
        }
    }
    let fixer = mojifix::Fixer::new();
    let mut group = c.benchmark_group("fix");
    group.sample_size(20);
    for (name, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| {
            b.iter(|| fixer.fix(t).len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
