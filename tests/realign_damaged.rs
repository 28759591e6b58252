//! Lost-byte realignment measured on real text damaged the way scrapes damage it: each
//! paragraph of `fixtures/realign/` is encoded with a double-byte codec, the lead byte of one
//! character is lost (dropped, or replaced by `?`), and the bytes are decoded again.
//!
//! Run with `--nocapture` to see the numbers.

use encoding_rs::{Encoding, BIG5, GBK, SHIFT_JIS};
use mojifix::realign::realign;

fn fixture(name: &str) -> Vec<String> {
    let path = format!("{}/fixtures/realign/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// A small deterministic generator (xorshift), so the damaged set is the same on every run.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// How a lost byte shows in the text.
#[derive(Clone, Copy, Debug)]
enum Loss {
    Dropped,
    Question,
}

/// `text` through `enc` with the lead byte of its `k`-th double-byte character lost.
fn width(enc: &'static Encoding, c: char) -> usize {
    let mut buf = [0; 4];
    enc.encode(c.encode_utf8(&mut buf)).0.len()
}

fn damage(enc: &'static Encoding, text: &str, k: usize, loss: Loss) -> String {
    let mut bytes = Vec::new();
    let mut lead_at = None;
    let mut seen = 0;
    for c in text.chars() {
        let mut buf = [0; 4];
        let (b, _, _) = enc.encode(c.encode_utf8(&mut buf));
        if b.len() == 2 {
            if seen == k {
                lead_at = Some(bytes.len());
            }
            seen += 1;
        }
        bytes.extend_from_slice(&b);
    }
    let at = lead_at.expect("k is in range");
    match loss {
        Loss::Dropped => {
            bytes.remove(at);
        }
        Loss::Question => bytes[at] = b'?',
    }
    enc.decode_without_bom_handling(&bytes).0.into_owned()
}

#[derive(Default, Debug)]
struct Score {
    cases: usize,
    chars_after: usize,
    exact_after: usize,
    recovered: usize,
    replacement: usize,
}

/// Damages every paragraph once and scores the repair.
fn measure(files: &[&str], enc: &'static Encoding, loss: Loss) -> Score {
    let mut s = Score::default();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for para in files.iter().flat_map(|f| fixture(f)) {
        let doubles: Vec<usize> = para
            .chars()
            .enumerate()
            .filter(|&(_, c)| width(enc, c) == 2)
            .map(|(i, _)| i)
            .collect();
        if doubles.len() < 4 {
            continue;
        }
        let k = 1 + rng.below(doubles.len() - 1);
        let lost = doubles[k];
        let damaged = damage(enc, &para, k, loss);
        let out = realign(&damaged);
        let orig: Vec<char> = para.chars().collect();
        let got: Vec<char> = out.chars().collect();
        let after = orig.len() - lost - 1;
        // Characters after the loss that are right: position by position when the lengths
        // agree, else the common suffix.
        let suffix = if got.len() == orig.len() {
            (lost + 1..orig.len())
                .filter(|&i| got[i] == orig[i])
                .count()
        } else {
            orig.iter()
                .rev()
                .zip(got.iter().rev())
                .take_while(|(a, b)| a == b)
                .count()
                .min(after)
        };
        s.cases += 1;
        s.chars_after += after;
        s.exact_after += suffix;
        if std::env::var_os("SHOW").is_some() && got != orig {
            let window =
                |t: &str| -> String { t.chars().skip(lost.saturating_sub(8)).take(30).collect() };
            eprintln!(
                "{}\n{}\n{}\n",
                window(&para),
                window(&damaged),
                window(&out)
            );
        }
        if got.len() == orig.len() && got[lost] == orig[lost] {
            s.recovered += 1;
        } else if got.len() == orig.len() && got[lost] == '\u{fffd}' {
            s.replacement += 1;
        }
    }
    eprintln!(
        "{:<10} {:?}: {} cases, after-loss chars exact {:.1}%, lost char recovered {:.1}%, U+FFFD {:.1}%",
        enc.name(),
        loss,
        s.cases,
        100.0 * s.exact_after as f64 / s.chars_after as f64,
        100.0 * s.recovered as f64 / s.cases as f64,
        100.0 * s.replacement as f64 / s.cases as f64,
    );
    s
}

const HANS: &[&str] = &["zh_hans_wiki.txt", "zh_hans_constitution.txt"];
const HANT: &[&str] = &["zh_hant_constitution.txt"];
const CLASSICAL: &[&str] = &["zh_hant_classical_sunzi.txt", "zh_hans_classical_sunzi.txt"];

fn assert_targets(s: &Score, exact: f64, recovered: f64) {
    let e = s.exact_after as f64 / s.chars_after as f64;
    let r = s.recovered as f64 / s.cases as f64;
    assert!(e >= exact, "after-loss exactness {e:.3} < {exact}");
    assert!(r >= recovered, "recovery {r:.3} < {recovered}");
}

#[test]
fn gbk_simplified() {
    let question = measure(HANS, GBK, Loss::Question);
    let dropped = measure(HANS, GBK, Loss::Dropped);
    assert_targets(&question, 0.95, 0.6);
    assert_targets(&dropped, 0.9, 0.4);
}

#[test]
fn gbk_traditional() {
    assert_targets(&measure(HANT, GBK, Loss::Question), 0.95, 0.6);
}

#[test]
fn big5_traditional() {
    assert_targets(&measure(HANT, BIG5, Loss::Question), 0.95, 0.6);
}

#[test]
fn shift_jis() {
    measure(&["ja_rashomon.txt"], SHIFT_JIS, Loss::Question);
}

#[test]
fn clean_text_is_untouched() {
    let all = [HANS, HANT, CLASSICAL, &["ja_rashomon.txt"]].concat();
    for para in all.iter().flat_map(|f| fixture(f)) {
        assert_eq!(realign(&para), para.as_str());
    }
}
