//! Properties of the whole pipeline: it never panics, fixing is idempotent, clean text passes
//! unchanged, explanations replay, and scrape damage of the seed's kinds, applied to other real
//! text, is undone.

mod common;

use mojifix::{Explained, Fixer};
use pinyin::ToPinyin;
use proptest::prelude::*;

const ZH_HANS: &str = include_str!("../fixtures/clean/zh-hans.us-constitution.txt");
const ENGLISH: &str = include_str!("../fixtures/clean/LICENSE-OpenCC-Apache-2.0.txt");

/// Non-empty lines of the clean fixtures.
fn clean_lines() -> Vec<&'static str> {
    [ZH_HANS, ENGLISH, common::HANT, common::HANS]
        .iter()
        .flat_map(|t| t.lines())
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// Text made of the pieces scrape damage is made of.
fn scrapey() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("會".to_string()),
        Just("議".to_string()),
        Just("中文".to_string()),
        Just("(huì)".to_string()),
        Just("(hui".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just(",".to_string()),
        Just("?".to_string()),
        Just("!".to_string()),
        Just(":".to_string()),
        Just("？".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just(" ".to_string()),
        Just("3".to_string()),
        Just("&amp;".to_string()),
        Just("&lt;".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{FFFD}".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        "[a-z]{1,4}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn never_panics_on_any_string(s in any::<String>()) {
        let _ = mojifix::fix(&s);
        let _ = mojifix::fix_and_explain(&s);
    }

    #[test]
    fn never_panics_on_any_bytes(b in prop::collection::vec(any::<u8>(), 0..300)) {
        let out = Fixer::new().fix_bytes(&b).expect("decode is on");
        prop_assert!(!out.text.is_empty() || b.is_empty() || out.text.is_empty());
    }

    #[test]
    fn fixing_is_idempotent(s in scrapey()) {
        let once = mojifix::fix(&s);
        prop_assert_eq!(mojifix::fix(&once), once);
    }

    #[test]
    fn explanations_replay(s in scrapey()) {
        let out = mojifix::fix_and_explain(&s);
        prop_assert_eq!(Explained::replay(&s, &out.changes), Some(out.text));
    }

    #[test]
    fn clean_text_is_unchanged(picks in prop::collection::vec(any::<prop::sample::Index>(), 1..6)) {
        let lines = clean_lines();
        let text: String = picks.iter().map(|i| format!("{}\n", i.get(&lines))).collect();
        prop_assert_eq!(mojifix::fix(&text), text);
    }

    /// The seed's kinds of damage, on other real text: pinyin after some characters, ASCII
    /// punctuation, lines of `?`, and a summary line cut inside an annotation.
    #[test]
    fn scrape_damage_is_undone(
        picks in prop::collection::vec(any::<prop::sample::Index>(), 1..5),
        seed in any::<u64>(),
    ) {
        let zh: Vec<&str> = [ZH_HANS, common::HANT, common::HANS]
            .iter()
            .flat_map(|t| t.lines())
            .filter(|l| l.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count() > 8)
            .collect();
        let clean: String = picks.iter().map(|i| format!("{}\n", i.get(&zh))).collect();
        let mut rng = seed;
        let mut next = move || {
            rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (rng >> 33) as u32
        };
        let mut damaged = String::new();
        // A summary line: the start of the text, cut after an annotation's first letters.
        let first: String = clean.lines().next().unwrap_or("").chars().take(12).collect();
        if let Some(last) = first.chars().last().and_then(|c| c.to_pinyin()) {
            damaged.push_str(&first);
            damaged.push('(');
            let keep = next() as usize % (last.with_tone().chars().count() + 1);
            damaged.extend(last.with_tone().chars().take(keep));
            damaged.push('\n');
        }
        let mut want = String::new();
        if !damaged.is_empty() {
            want.push_str(&first);
            want.push('\n');
        }
        want.push_str(&clean);
        for line in clean.lines() {
            if next() % 3 == 0 {
                damaged.push_str("?\n");
            }
            for c in line.chars() {
                damaged.push(match c {
                    '，' => ',',
                    '：' => ':',
                    '；' => ';',
                    '！' => '!',
                    c => c,
                });
                if let Some(p) = c.to_pinyin() {
                    if next() % 4 == 0 {
                        damaged.push('(');
                        damaged.push_str(p.with_tone());
                        damaged.push(')');
                    }
                }
            }
            damaged.push('\n');
        }
        prop_assert_eq!(mojifix::fix(&damaged), want, "damaged: {}", damaged);
    }
}
