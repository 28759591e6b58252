//! The shared judge: how likely is this text? Character classes, per-script frequency tiers
//! and (later) a character n-gram model, all from generated tables.
//!
//! [`crate::decode`] asks it which candidate decoding reads best, [`crate::mojibake`] whether a
//! repair is better than the input, [`crate::realign`] which character fits a gap. It never
//! changes text.

pub mod ngram;

/// Total cost of `text`: the sum of per-character costs (lower is more plausible). Comparable
/// between two readings of the same bytes.
pub fn cost(text: &str) -> f64 {
    text.chars().map(char_cost).sum()
}

/// Cost of one character out of context.
pub fn char_cost(c: char) -> f64 {
    match c {
        '\t' | '\n' | '\r' | ' '..='~' => 0.1,
        '\u{80}'..='\u{9f}' | '\u{fffd}' => 10.0,
        '\u{e000}'..='\u{f8ff}' => 8.0,
        c if c.is_control() => 10.0,
        _ => 1.0,
    }
}
