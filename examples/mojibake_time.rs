//! Times `mojibake::repair` over the shipped clean sentences: `cargo run --release --example
//! mojibake_time`.
fn main() {
    let text = include_str!("../fixtures/mojibake/sentences.tsv");
    let lines: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_once('\t').map(|x| x.1))
        .collect();
    let _ = mojifix::mojibake::repair("warm up: CafÃ©");
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..20 {
        for l in &lines {
            n += mojifix::mojibake::repair(l).len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!("{:.2} MB/s ({n} bytes)", n as f64 / secs / 1e6);
}
