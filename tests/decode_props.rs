//! Property tests: forced decoding round-trips every encoder's output, valid UTF-8 stays UTF-8,
//! and detection never panics on arbitrary bytes.

use encoding_rs::Encoding;
use mojifix::{decode, decode_with, DecodeOptions};
use proptest::prelude::*;
use std::sync::OnceLock;

/// Every encoding `encoding_rs` both decodes and encodes to itself.
static ENCODINGS: &[&Encoding] = &[
    encoding_rs::BIG5,
    encoding_rs::EUC_JP,
    encoding_rs::EUC_KR,
    encoding_rs::GB18030,
    encoding_rs::GBK,
    encoding_rs::IBM866,
    encoding_rs::ISO_2022_JP,
    encoding_rs::ISO_8859_2,
    encoding_rs::ISO_8859_3,
    encoding_rs::ISO_8859_4,
    encoding_rs::ISO_8859_5,
    encoding_rs::ISO_8859_6,
    encoding_rs::ISO_8859_7,
    encoding_rs::ISO_8859_8,
    encoding_rs::ISO_8859_10,
    encoding_rs::ISO_8859_13,
    encoding_rs::ISO_8859_14,
    encoding_rs::ISO_8859_15,
    encoding_rs::ISO_8859_16,
    encoding_rs::KOI8_R,
    encoding_rs::KOI8_U,
    encoding_rs::MACINTOSH,
    encoding_rs::SHIFT_JIS,
    encoding_rs::UTF_8,
    encoding_rs::WINDOWS_874,
    encoding_rs::WINDOWS_1250,
    encoding_rs::WINDOWS_1251,
    encoding_rs::WINDOWS_1252,
    encoding_rs::WINDOWS_1253,
    encoding_rs::WINDOWS_1254,
    encoding_rs::WINDOWS_1255,
    encoding_rs::WINDOWS_1256,
    encoding_rs::WINDOWS_1257,
    encoding_rs::WINDOWS_1258,
    encoding_rs::X_MAC_CYRILLIC,
];

/// Per encoding, characters it can represent: read off its decoder (every byte, and every
/// two-byte pair for the multi-byte ones), plus a few beyond the BMP for UTF-8 and gb18030.
fn repertoires() -> &'static Vec<Vec<char>> {
    static R: OnceLock<Vec<Vec<char>>> = OnceLock::new();
    R.get_or_init(|| {
        ENCODINGS
            .iter()
            .map(|enc| {
                let mut chars: Vec<char> = Vec::new();
                let mut push = |bytes: &[u8]| {
                    let (text, bad) = enc.decode_without_bom_handling(bytes);
                    if !bad {
                        chars.extend(text.chars());
                    }
                };
                for b in 0u8..=255 {
                    push(&[b]);
                }
                for lead in (0x81u8..=0xfe).step_by(3) {
                    for trail in 0x40u8..=0xfe {
                        push(&[lead, trail]);
                    }
                }
                if *enc == encoding_rs::UTF_8 || *enc == encoding_rs::GB18030 {
                    chars.extend(['é', '中', '𠀀', '😀', 'ش']);
                }
                chars.retain(|&c| c != '\u{feff}' && c != '\u{fffd}');
                chars.sort_unstable();
                chars.dedup();
                chars
            })
            .collect()
    })
}

fn text_in_some_encoding() -> impl Strategy<Value = (&'static Encoding, String)> {
    (
        0..ENCODINGS.len(),
        prop::collection::vec(any::<prop::sample::Index>(), 0..60),
    )
        .prop_map(|(e, picks)| {
            let rep = &repertoires()[e];
            (
                ENCODINGS[e],
                picks.iter().map(|i| rep[i.index(rep.len())]).collect(),
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn forced_decoding_round_trips((enc, text) in text_in_some_encoding()) {
        let (bytes, used, unmappable) = enc.encode(&text);
        prop_assume!(!unmappable && used == enc);
        let mut options = DecodeOptions::default();
        options.force = Some(enc);
        let d = decode_with(&bytes, &options);
        prop_assert_eq!(&d.text, &text);
        prop_assert!(!d.had_replacements);
        prop_assert_eq!(d.encoding, enc);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let d = decode(&bytes);
        prop_assert_eq!(d.had_replacements, !d.malformed_at.is_empty());
        prop_assert!(d.malformed_at.iter().all(|&at| at < bytes.len()));
        prop_assert!((0.0..=1.0).contains(&d.confidence));
    }

    #[test]
    fn high_bytes_never_panic(bytes in prop::collection::vec(0x80u8..=0xff, 0..200)) {
        let d = decode(&bytes);
        prop_assert!(!d.text.is_empty() || bytes.is_empty());
    }

    #[test]
    fn valid_utf8_stays_utf8(text in "[^\u{0}-\u{1f}\u{feff}]{1,80}") {
        let d = decode(text.as_bytes());
        prop_assert_eq!(d.text, text);
    }
}
