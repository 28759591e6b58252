//! Conversion throughput on the golden document (OpenCC's US Constitution text, Simplified,
//! repeated to ~1 MB) and on its t2s-round-tripped Traditional form.
//! Whole-process timing against OpenCC's native CLI is `scripts/zh_time.sh`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use mojifix::zh::{Config, Converter};

fn bench(c: &mut Criterion) {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/opencc/golden/us_constitution_zhs.txt"
    ))
    .expect("golden fixture");
    let simplified = doc.repeat(1 << 20 >> 14);
    let traditional = Converter::new(Config::S2t)
        .convert(&simplified)
        .into_owned();
    let mut g = c.benchmark_group("zh");
    for (config, text) in [
        (Config::S2t, &simplified),
        (Config::S2twp, &simplified),
        (Config::T2s, &traditional),
        (Config::Tw2sp, &traditional),
    ] {
        let conv = Converter::new(config);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(config.name(), |b| b.iter(|| conv.convert(text).len()));
    }
    g.bench_function("new+first convert", |b| {
        b.iter(|| Converter::new(Config::S2twp).convert("软件").len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
