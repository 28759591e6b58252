//! Property tests of the compiled engine against a literal, slow implementation of OpenCC
//! 1.4.2's semantics over the plain-text dictionaries (`src/zh/compile.rs`), plus the API
//! promises: no panics, borrowed output without Han, chunked == whole.

#[path = "../src/zh/compile.rs"]
mod compile;

use std::borrow::Cow;
use std::sync::OnceLock;

use mojifix::zh::{Config, Converter};
use proptest::prelude::*;

fn data() -> &'static compile::Data {
    static DATA: OnceLock<compile::Data> = OnceLock::new();
    DATA.get_or_init(|| {
        compile::Data::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/opencc"))
            .expect("data/opencc loads")
    })
}

/// Characters that exercise the dictionaries: the characters of keys (phrases and single
/// characters of every dictionary), description operators, compatibility ideographs, and
/// separators.
fn pool() -> &'static [char] {
    static POOL: OnceLock<Vec<char>> = OnceLock::new();
    POOL.get_or_init(|| {
        let mut chars: Vec<char> = data()
            .dicts
            .values()
            .flat_map(|d| d.keys())
            .flat_map(|k| k.chars())
            .collect();
        chars.sort_unstable();
        chars.dedup();
        chars.extend(['⿰', '⿲', '⿾', 'a', ' ', '\n', '，', '。', '\u{0}']);
        chars
    })
}

/// Text built from phrases of the dictionaries cut at random places and random pool
/// characters, so that phrase boundaries, overlaps and stage interactions all occur.
fn text() -> impl Strategy<Value = String> {
    let keys: Vec<String> = {
        let mut v: Vec<String> = data()
            .dicts
            .values()
            .flat_map(|d| d.iter().flat_map(|(k, val)| [k.clone(), val.clone()]))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let n = keys.len();
    let piece = prop_oneof![
        3 => (0..n).prop_map(move |i| keys[i].clone()),
        1 => (0..pool().len()).prop_map(|i| pool()[i].to_string()),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

fn config() -> impl Strategy<Value = Config> {
    (0..Config::ALL.len()).prop_map(|i| Config::ALL[i])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn engine_equals_reference(text in text(), config in config()) {
        let spec = data().spec(config.name()).unwrap();
        let expected = data().convert(spec, &text);
        prop_assert_eq!(Converter::new(config).convert(&text), expected);
    }

    #[test]
    fn chunked_equals_whole(text in text(), cuts in prop::collection::vec(0usize..64, 0..6), config in config()) {
        let conv = Converter::new(config);
        let whole = conv.convert(&text).into_owned();
        let mut chunks = conv.chunks();
        let mut out = String::new();
        let mut rest = text.as_str();
        for cut in cuts {
            let mut at = cut.min(rest.len());
            while !rest.is_char_boundary(at) {
                at -= 1;
            }
            chunks.push(&rest[..at], &mut out);
            rest = &rest[at..];
        }
        chunks.push(rest, &mut out);
        chunks.finish(&mut out);
        prop_assert_eq!(out, whole);
    }

    #[test]
    fn never_panics(text in any::<String>(), config in config()) {
        let conv = Converter::new(config);
        let out = conv.convert(&text);
        let mut into = String::new();
        conv.convert_into(&text, &mut into);
        prop_assert_eq!(out, into);
    }

    #[test]
    fn text_without_han_is_borrowed(text in "[^\\p{Han}]*", config in config()) {
        prop_assert!(matches!(Converter::new(config).convert(&text), Cow::Borrowed(_)));
    }
}

#[test]
fn description_sequences_are_kept_as_opencc_does() {
    // OpenCC 1.4.2 leaves a complete sequence alone, converts around it, and treats an
    // incomplete or over-deep one as plain characters.
    let s2t = Converter::new(Config::S2t);
    assert_eq!(s2t.convert("⿰头发头发"), "⿰头发頭髮");
    assert_eq!(s2t.convert("⿾头发"), "⿾头發");
    assert_eq!(s2t.convert("⿰发"), "⿰發");
    let deep = format!("{}{}", "⿰".repeat(16), "发".repeat(19));
    let out = s2t.convert(&deep);
    assert_eq!(out.matches('發').count(), 3);
    let s2twp = Converter::new(Config::S2twp);
    assert_eq!(s2twp.convert("⿰鼠标鼠标"), "⿰鼠标滑鼠");
}

#[test]
fn convert_io_matches_convert() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/opencc/golden/us_constitution_zhs.txt"
    ))
    .unwrap();
    for config in [Config::S2twp, Config::S2hk, Config::S2t] {
        let conv = Converter::new(config);
        let mut out = Vec::new();
        // A reader that returns few bytes at a time, cutting UTF-8 characters apart.
        struct Trickle<'a>(&'a [u8]);
        impl std::io::Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(buf.len()).min(7);
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        conv.convert_io(Trickle(text.as_bytes()), &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), conv.convert(&text));
    }
    let err = Converter::new(Config::T2s)
        .convert_io(&b"ok \xff bad"[..], Vec::new())
        .unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
}

#[test]
fn converter_is_send_sync_and_starts_fast() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Converter>();
    let start = std::time::Instant::now();
    let conv = Converter::new(Config::S2twp);
    assert_eq!(conv.convert("软件"), "軟體");
    // Debug build, shared machine: generous, but far below a start-up that parses tables.
    assert!(start.elapsed() < std::time::Duration::from_millis(50));
}
