//! The lost-byte step on the seed document and on other text damaged the same way, through
//! the public pipeline with explain records.

use mojifix::{Detail, Step};

fn seed() -> String {
    let path = format!(
        "{}/fixtures/seed/000_6fd33c8f2af833de.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

fn lost_byte_changes(text: &str) -> Vec<mojifix::Change> {
    mojifix::fix_and_explain(text)
        .changes
        .into_iter()
        .filter(|c| c.step == Step::LostByte)
        .collect()
}

#[test]
fn seed_has_exactly_one_realignment() {
    let text = seed();
    let realigned = mojifix::realign::realign(&text);
    let changes = lost_byte_changes(&text);
    assert_eq!(changes.len(), 1, "{changes:?}");
    let change = &changes[0];
    // The marker, the pinyin remnant and the misread pair all go; two characters come back.
    assert!(change.before.starts_with('?'));
    assert_eq!(change.after.chars().count(), 2);
    assert_eq!(&text[change.span.clone()], change.before);
    let Detail::Realign { codec, candidates } = &change.detail else {
        panic!("{:?}", change.detail);
    };
    assert_eq!(codec, "GBK");
    assert_eq!(
        candidates[0].0,
        change.after.chars().next().unwrap().to_string()
    );
    assert!(
        candidates.windows(2).all(|w| w[0].1 >= w[1].1),
        "best first"
    );
    // Everything else is untouched.
    assert_eq!(
        realigned.len() + change.before.len(),
        text.len() + change.after.len()
    );
}

/// Text encoded with GBK, the lead byte of the character at `char_index` replaced by `?`, a
/// pinyin annotation of the misread character kept after the marker, decoded again.
fn damaged_like_the_seed(text: &str, char_index: usize, remnant: &str) -> String {
    let prefix: String = text.chars().take(char_index).collect();
    let (head, _, _) = encoding_rs::GBK.encode(&prefix);
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    let mut bytes = bytes.into_owned();
    bytes[head.len()] = b'?';
    let decoded = encoding_rs::GBK.decode_without_bom_handling(&bytes).0;
    decoded.replacen('?', &format!("?{remnant})"), 1)
}

#[test]
fn same_damage_on_other_text() {
    // Traditional text through GBK, the way the seed went.
    let cases = [
        ("我們應該把理想變為現實的力量", 4, "yīng"),
        ("政府決定擴大開放並實現經濟發展", 9, "shí"),
        ("這個問題需要認真研究", 2, "wèn"),
    ];
    for (clean, k, remnant) in cases {
        let damaged = damaged_like_the_seed(clean, k, remnant);
        assert_ne!(damaged, clean);
        // Everything but the lost character comes back exactly; the lost one is the model's
        // best guess (measured in realign_damaged.rs) or U+FFFD.
        let out: Vec<char> = mojifix::realign::realign(&damaged).chars().collect();
        let want: Vec<char> = clean.chars().collect();
        assert_eq!(out.len(), want.len(), "{damaged}");
        let wrong: Vec<usize> = (0..out.len()).filter(|&i| out[i] != want[i]).collect();
        assert!(wrong.is_empty() || wrong == [k], "{damaged} -> {out:?}");
        let changes = lost_byte_changes(&damaged);
        assert_eq!(changes.len(), 1);
        assert!(
            matches!(&changes[0].detail, Detail::Realign { candidates, .. } if !candidates.is_empty())
        );
    }
}

#[test]
fn truncation_mid_character_at_line_start() {
    // A text cut at a byte count: the second piece starts with the trail byte of a character.
    let text = "會議指出，要繼續深化改革開放，推動經濟高質量發展。";
    let (bytes, _, _) = encoding_rs::BIG5.encode(text);
    let cut = 1 + 2 * 5; // inside 改
    let tail = encoding_rs::BIG5
        .decode_without_bom_handling(&bytes[cut..])
        .0;
    let piece = format!("前文\n{tail}");
    let out = mojifix::realign::realign(&piece);
    let expected_tail: String = text.chars().skip(6).collect();
    assert!(out.ends_with(&expected_tail), "{out}");
}
