//! The seed scrape, end to end through the library.

use mojifix::{zh, Fixer};

const SEED: &str = include_str!("../fixtures/seed/000_6fd33c8f2af833de.txt");
const HANT: &str = include_str!("../fixtures/seed/000_6fd33c8f2af833de.expected-hant.txt");
const HANS: &str = include_str!("../fixtures/seed/000_6fd33c8f2af833de.expected-hans.txt");

/// The part of `want` that `got` does not match, after the longest common prefix and suffix
/// (on character boundaries).
fn differing<'a>(got: &str, want: &'a str) -> &'a str {
    let prefix: usize = got
        .chars()
        .zip(want.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let suffix: usize = got[prefix..]
        .chars()
        .rev()
        .zip(want[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    &want[prefix..want.len() - suffix]
}

/// Everything but the one lost-byte span must match exactly: the only thing `fix` may still
/// miss is the two characters whose bytes were re-paired (the `lost-byte` step's work).
fn assert_matches_but_lost_byte_span(got: &str, want: &str) {
    let missed = differing(got, want);
    assert!(
        missed.is_empty() || missed.chars().count() <= 2,
        "output differs from the cleaned form beyond the lost-byte span: {missed:?}"
    );
}

#[test]
fn seed_cleans_to_traditional_form() {
    let out = mojifix::fix(SEED);
    assert_matches_but_lost_byte_span(&out, HANT);
    // No placeholder line, pinyin or ASCII comma survives.
    assert!(!out.lines().any(|l| l.trim() == "?"));
    assert!(!out.contains("(huì)"));
}

#[test]
fn seed_converts_to_simplified_form() {
    let fixer = Fixer::builder().convert(zh::Config::T2s).build();
    let out = fixer.fix(SEED);
    assert_matches_but_lost_byte_span(&out, HANS);
}

#[test]
fn cleaned_forms_are_fixed_points() {
    assert_eq!(mojifix::fix(HANT), HANT);
    assert_eq!(mojifix::fix(HANS), HANS);
}

#[test]
fn explain_replays_on_the_seed() {
    let out = mojifix::fix_and_explain(SEED);
    assert_eq!(
        mojifix::Explained::replay(SEED, &out.changes).as_deref(),
        Some(out.text.as_str())
    );
    let steps: std::collections::BTreeSet<_> = out.changes.iter().map(|c| c.step.name()).collect();
    for step in ["placeholder-lines", "pinyin", "cjk-punctuation"] {
        assert!(steps.contains(step), "no {step} change on the seed");
    }
}
