//! Any text: the default pipeline, with and without explanations, never panics, is idempotent
//! and its explanation replays to its output.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let once = mojifix::fix(text);
    let explained = mojifix::fix_and_explain(text);
    assert_eq!(explained.text, once);
    assert_eq!(
        mojifix::Explained::replay(text, &explained.changes).as_deref(),
        Some(once.as_str())
    );
    assert_eq!(mojifix::fix(&once), once, "not idempotent");
});
