//! Corpus runner for issue 5: scores `mojifix::decode` and plain `chardetng` (+ BOM check) on
//! the real-world detection corpus in `../shared/corpus/detect/` and prints the table.
//!
//! `cargo bench --bench detect_corpus` (set `DETECT_MISSES=1` to list the files each detector
//! gets wrong, `DETECT_FAMILIES=1` for a per-family breakdown of the windows, `DETECT_RUNS=N`
//! for the number of timed passes, `DETECT_SPEED_ONLY=1` to skip scoring and
//! `DETECT_ONLY=mojifix` to run one detector, e.g. under a profiler, `DETECT_DUMP=FILE` to write
//! every decision of the last detector run to FILE, to diff two versions).
#[path = "../tests/decode_support/mod.rs"]
mod support;

use std::time::Instant;
use support::{score, Sample, Scores};

/// A detector under test: bytes → (decoded text, encoding name).
type Detector<'a> = &'a dyn Fn(&[u8]) -> (String, String);

fn chardetng_bom(bytes: &[u8]) -> (String, String) {
    let enc = match encoding_rs::Encoding::for_bom(bytes) {
        Some((enc, _)) => enc,
        None => {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
            det.feed(bytes, true);
            det.guess(None, chardetng::Utf8Detection::Allow)
        }
    };
    (enc.decode(bytes).0.into_owned(), enc.name().to_string())
}

fn mojifix(bytes: &[u8]) -> (String, String) {
    let d = mojifix::decode(bytes);
    (d.text, d.encoding.name().to_string())
}

/// Median MB/s of whole-file detection + decoding over `runs` passes.
fn throughput(samples: &[Sample], detect: Detector<'_>, runs: usize) -> f64 {
    let total: usize = samples.iter().map(|s| s.bytes.len()).sum();
    let mut speeds: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            for s in samples {
                std::hint::black_box(detect(std::hint::black_box(&s.bytes)));
            }
            total as f64 / 1e6 / t.elapsed().as_secs_f64()
        })
        .collect();
    speeds.sort_by(f64::total_cmp);
    speeds[runs / 2]
}

fn row(name: &str, s: &Scores, mbs: f64) {
    println!(
        "| {name} | {:.1} | {:.1} | {:.1} / {:.1} / {:.1} | {mbs:.1} |",
        s.whole.percent(),
        s.cjk64.percent(),
        s.all64.percent(),
        s.all256.percent(),
        s.all1024.percent()
    );
}

fn families(samples: &[Sample], detect: Detector<'_>) {
    let mut names: Vec<&str> = samples.iter().map(|s| s.family).collect();
    names.sort_unstable();
    names.dedup();
    for fam in names {
        let subset: Vec<Sample> = samples
            .iter()
            .filter(|s| s.family == fam)
            .map(|s| Sample {
                name: s.name.clone(),
                encoding: s.encoding,
                family: s.family,
                bytes: s.bytes.clone(),
            })
            .collect();
        let s = score(&subset, detect);
        println!(
            "  {fam:<18} n={:<4} whole {:5.1}  64 {:5.1}  256 {:5.1}  1024 {:5.1}",
            subset.len(),
            s.whole.percent(),
            s.all64.percent(),
            s.all256.percent(),
            s.all1024.percent()
        );
    }
}

fn main() {
    let Some(dir) = support::corpus_dir() else {
        println!("detect corpus not found beside the repo (../shared/corpus/detect): skipped");
        return;
    };
    let samples = support::load(&dir);
    let bytes: usize = samples.iter().map(|s| s.bytes.len()).sum();
    println!(
        "{} files, {:.2} MB, declarations blanked",
        samples.len(),
        bytes as f64 / 1e6
    );
    println!("| | whole files | CJK 64-byte windows | all families 64 / 256 / 1024-byte windows | MB/s |");
    println!("|---|---|---|---|---|");
    let detectors: [(&str, Detector<'_>); 2] = [
        ("chardetng 1.0 + BOM check", &chardetng_bom),
        ("mojifix", &mojifix),
    ];
    let runs = std::env::var("DETECT_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let only = std::env::var("DETECT_ONLY").ok();
    let speed_only = std::env::var_os("DETECT_SPEED_ONLY").is_some();
    for (name, detect) in detectors {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        if speed_only {
            println!(
                "| {name} | | | | {:.1} |",
                throughput(&samples, detect, runs)
            );
            continue;
        }
        let s = score(&samples, detect);
        row(name, &s, throughput(&samples, detect, runs));
        if std::env::var_os("DETECT_FAMILIES").is_some() {
            families(&samples, detect);
        }
        if let Some(path) = std::env::var_os("DETECT_DUMP") {
            std::fs::write(path, s.decisions.join("\n") + "\n").expect("DETECT_DUMP");
        }
        if std::env::var_os("DETECT_MISSES").is_some() {
            for (file, truth, guess) in &s.misses {
                println!("  miss {file} (true {truth}, guessed {guess})");
            }
        }
    }
}
