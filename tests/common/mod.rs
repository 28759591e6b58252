//! Helpers shared by integration tests.
#![allow(dead_code)] // each test crate uses its own subset

pub const SEED: &str = include_str!("../../fixtures/seed/000_6fd33c8f2af833de.txt");
pub const HANT: &str = include_str!("../../fixtures/seed/000_6fd33c8f2af833de.expected-hant.txt");
pub const HANS: &str = include_str!("../../fixtures/seed/000_6fd33c8f2af833de.expected-hans.txt");
pub const SEED_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/seed/000_6fd33c8f2af833de.txt"
);

/// The part of `want` that `got` does not match, after the longest common prefix and suffix.
pub fn differing<'a>(got: &str, want: &'a str) -> &'a str {
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

/// Everything but the one lost-byte span must match exactly: the only thing `fix` may miss
/// is the two characters whose bytes were re-paired (the `lost-byte` step's work).
pub fn assert_matches_but_lost_byte_span(got: &str, want: &str) {
    let missed = differing(got, want);
    assert!(
        missed.is_empty() || missed.chars().count() <= 2,
        "output differs from the cleaned form beyond the lost-byte span: {missed:?}"
    );
}
