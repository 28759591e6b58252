//! Any line: fixing a JSON record never panics, and a record that was JSON stays JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mojifix::stream::jsonl::{fix_record, Fields};

fuzz_target!(|line: &str| {
    let fixer = mojifix::Fixer::new();
    if let Ok(rec) = fix_record(&fixer, &Fields::All, line, true) {
        assert!(
            serde_json::from_str::<serde::de::IgnoredAny>(&rec.line).is_ok(),
            "a fixed record is not JSON: {:?}",
            rec.line
        );
    }
});
