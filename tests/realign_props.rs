//! Properties of the lost-byte step over real text from `fixtures/realign/`.

use encoding_rs::{Encoding, BIG5, GBK};
use mojifix::realign::realign;
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

fn paragraphs() -> Vec<String> {
    [
        "zh_hans_wiki.txt",
        "zh_hant_constitution.txt",
        "zh_hans_classical_sunzi.txt",
    ]
    .iter()
    .flat_map(|f| {
        let path = format!("{}/fixtures/realign/{f}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect::<Vec<_>>()
    })
    .collect()
}

/// Byte offsets of the lead bytes of `text`'s double-byte characters in `enc`, with the index
/// of each character.
fn leads(enc: &'static Encoding, text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    for (i, c) in text.chars().enumerate() {
        let mut buf = [0; 4];
        let n = enc.encode(c.encode_utf8(&mut buf)).0.len();
        if n == 2 {
            out.push((at, i));
        }
        at += n;
    }
    out
}

proptest! {
    // A fixed seed: the repair is statistical (about 1% of characters after a loss are still
    // wrong on the damaged fixtures, see realign_damaged.rs), so a random seed would make the
    // property flaky rather than stricter.
    #![proptest_config(ProptestConfig {
        cases: 64,
        rng_seed: RngSeed::Fixed(0x5eed_1057),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Clean text `s` with one lost lead byte: the output differs from `s` in at most the lost
    /// character (which may be U+FFFD), or the step declines and leaves the damage as it is.
    /// When the misread stretch ran into a digit, space or punctuation, the decoder swallowed
    /// the trail byte of the stretch's last character too: that one may be U+FFFD as well.
    #[test]
    fn at_most_the_lost_character_differs(
        para in 0usize..200, pick in 1usize..10_000, big5 in any::<bool>(), mark in any::<bool>()
    ) {
        let paras = paragraphs();
        let s = &paras[para % paras.len()];
        let enc = if big5 && leads(BIG5, s).len() == s.chars().filter(|c| !c.is_ascii()).count() {
            BIG5
        } else {
            GBK
        };
        let leads = leads(enc, s);
        prop_assume!(leads.len() > 2);
        let (at, lost) = leads[1 + pick % (leads.len() - 1)];
        let (bytes, _, _) = enc.encode(s);
        let mut bytes = bytes.into_owned();
        if mark { bytes[at] = b'?' } else { bytes.remove(at); }
        let damaged = enc.decode_without_bom_handling(&bytes).0.into_owned();
        let out = realign(&damaged);
        if out != damaged {
            let got: Vec<char> = out.chars().collect();
            let want: Vec<char> = s.chars().collect();
            prop_assert_eq!(got.len(), want.len(), "{} -> {}", damaged, out);
            for (i, (g, w)) in got.iter().zip(&want).enumerate() {
                prop_assert!(g == w || i == lost || *g == '\u{fffd}', "{} -> {} at {}", damaged, out, i);
            }
        }
    }

    /// Any text at all, including every kind of marker and misread character, is handled
    /// without a panic, and a result is always valid text of the step (never longer than a
    /// few characters per input character).
    #[test]
    fn never_panics(text in "[?\u{fffd}\u{3000}-\u{30ff}\u{4e00}-\u{4e3f}\u{9f00}-\u{9fa5}\u{e000}-\u{e010}a-zF|}()āō\n 0-9，。]{0,60}") {
        let out = realign(&text);
        prop_assert!(out.chars().count() <= 2 * text.chars().count() + 1);
    }

    /// Random bytes decoded with each codec, the text this step meets at its worst.
    #[test]
    fn never_panics_on_decoded_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        for enc in [GBK, BIG5, encoding_rs::SHIFT_JIS] {
            let text = enc.decode_without_bom_handling(&bytes).0;
            let out = realign(&text);
            prop_assert!(out.len() <= 4 * text.len() + 4);
        }
    }

    /// Any window of clean text is left alone.
    #[test]
    fn clean_windows_are_untouched(para in 0usize..200, from in 0usize..400, len in 1usize..80) {
        let paras = paragraphs();
        let s: String = paras[para % paras.len()].chars().skip(from).take(len).collect();
        prop_assert_eq!(realign(&s), s.as_str());
    }
}
