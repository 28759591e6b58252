//! The seed scrape, end to end through the library.

use mojifix::{zh, Fixer};

mod common;

use common::{assert_matches_but_lost_byte_span, HANS, HANT, SEED};

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
