//! Any bytes: detection, decoding and the pipeline never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let d = mojifix::decode(bytes);
    let _ = mojifix::Fixer::new().fix_bytes(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        if !s.starts_with('\u{feff}') {
            assert_eq!(d.text, s, "valid UTF-8 must decode to itself");
        }
    }
});
