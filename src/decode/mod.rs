//! Bytes in any encoding → text: BOM, UTF-16 without BOM, UTF-8, `chardetng`, and a check of
//! the decoded text that ranks every candidate encoding by how plausibly it reads.
//!
//! Owns choosing the encoding and decoding with `encoding_rs`; does not repair text that is
//! already text (that is [`crate::mojibake`]).
//!
//! Order of evidence: a forced encoding; a byte-order mark; UTF-16 by its pattern of NUL and
//! C0 high bytes; 7-bit ISO-2022-JP; valid UTF-8; then the candidate encodings are scored
//! (`score`: character classes, the shared Han and hangul frequency tiers of
//! [`crate::plausibility`], case and script changes inside words, and the fit of the letters
//! and letter pairs to one language the code page can write, from CLDR exemplar characters
//! and display names), with a bonus for `chardetng`'s guess and for a declared encoding.
//! Candidates: every Latin code page and CJK encoding `encoding_rs` decodes, the guessed
//! alphabet's code pages (all of them after a Latin guess, which is how Mac Cyrillic is
//! found; Cyrillic and Greek ones for short input), UTF-8, and UTF-16 for short input with
//! no NUL pattern. Long input is judged on up to 8 KiB of its lines holding non-ASCII bytes
//! (`chardetng` reads the first 2 KiB of those); single-byte readings are scored from byte
//! and byte-pair counts without decoding, and the input is decoded once, at the end.
//!
//! ```
//! let d = mojifix::decode(&[0xc4, 0xe3, 0xba, 0xc3, 0xa3, 0xac, 0xca, 0xc0, 0xbd, 0xe7]);
//! assert_eq!(d.text, "你好，世界");
//! assert_eq!(d.encoding, encoding_rs::GBK);
//! ```

#[rustfmt::skip]
mod bigrams;
#[rustfmt::skip]
mod exemplars;
mod score;
mod utf16;

use encoding_rs::{DecoderResult, Encoding};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::borrow::Cow;

/// Hints for [`decode_with`].
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct DecodeOptions<'a> {
    /// The top-level domain the bytes came from (`b"jp"`), when known. Any case; a full host
    /// name is reduced to its last label.
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
    /// Runner-up encodings, best first, with their confidence. Only encodings whose reading
    /// differs from the chosen one are listed.
    pub alternatives: Vec<(&'static Encoding, f32)>,
    /// Whether any malformed sequence was replaced with U+FFFD.
    pub had_replacements: bool,
    /// Byte offsets in the input where each malformed sequence starts.
    pub malformed_at: Vec<usize>,
}

impl Decoded {
    /// The report as JSON: `{"encoding": "GBK", "confidence": .., "alternatives":
    /// [{"encoding": .., "confidence": ..}], "had_replacements": .., "malformed_at": [..],
    /// "text": ..}`.
    ///
    /// ```
    /// let json = mojifix::decode(b"plain").to_json();
    /// assert_eq!(json["encoding"], "UTF-8");
    /// ```
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

impl Serialize for Decoded {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct Alternative {
            encoding: &'static str,
            confidence: f32,
        }
        let alternatives: Vec<Alternative> = self
            .alternatives
            .iter()
            .map(|&(e, confidence)| Alternative {
                encoding: e.name(),
                confidence,
            })
            .collect();
        let mut s = serializer.serialize_struct("Decoded", 6)?;
        s.serialize_field("encoding", self.encoding.name())?;
        s.serialize_field("confidence", &self.confidence)?;
        s.serialize_field("alternatives", &alternatives)?;
        s.serialize_field("had_replacements", &self.had_replacements)?;
        s.serialize_field("malformed_at", &self.malformed_at)?;
        s.serialize_field("text", &self.text)?;
        s.end()
    }
}

/// How plausible `text` reads as text, by the cost detection gives a candidate decoding
/// (character classes, case and script changes inside words, and the fit of its letters and
/// letter pairs to one language of CLDR, that language also judged by the text's unaccented
/// letter pairs): lower is more plausible. The mojibake repair uses it
/// to choose between codec pairs that explain the damage equally often, where only the
/// whole reading tells (`podrá … asociación` is Spanish, `podrå … asociación` no language).
pub(crate) fn reading_cost(text: &str) -> f64 {
    score::cost_in_context(text)
}

/// The one-letter words of a text's languages (Italian `è`, Norwegian `å`; from CLDR): the
/// mojibake repair's test for a lone ideograph that stands for one (`che 猫 indispensabile`
/// is `che è indispensabile` read as GBK).
pub(crate) use score::{languages_writing, OneLetterWords};

/// Detects the encoding of `bytes` and decodes them.
///
/// ```
/// // Windows-1251 Russian, 12 bytes.
/// let d = mojifix::decode(b"\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0!");
/// assert_eq!(d.text, "Привет, мир!");
/// ```
pub fn decode(bytes: &[u8]) -> Decoded {
    decode_with(bytes, &DecodeOptions::default())
}

/// Like [`decode`], with hints.
///
/// ```
/// use mojifix::DecodeOptions;
/// let mut options = DecodeOptions::default();
/// options.force = Some(encoding_rs::SHIFT_JIS);
/// assert_eq!(mojifix::decode_with(b"\x82\xa0", &options).text, "あ");
/// ```
pub fn decode_with(bytes: &[u8], options: &DecodeOptions<'_>) -> Decoded {
    let detection = if let Some(forced) = options.force {
        Detection::sure(forced)
    } else if let Some((enc, _)) = Encoding::for_bom(bytes) {
        Detection::sure(enc)
    } else if let Some(enc) = utf16::sniff_nul_pattern(bytes) {
        Detection::sure(enc)
    } else if !bytes.iter().any(|&b| b >= 0x80) {
        if is_iso_2022_jp(bytes) {
            Detection::sure(encoding_rs::ISO_2022_JP)
        } else {
            Detection::sure(encoding_rs::UTF_8)
        }
    } else if is_utf8(bytes) {
        Detection::sure(encoding_rs::UTF_8)
    } else {
        rank(bytes, options)
    };
    finish(bytes, detection)
}

/// The chosen encoding with its confidence and runners-up.
struct Detection {
    encoding: &'static Encoding,
    confidence: f32,
    alternatives: Vec<(&'static Encoding, f32)>,
}

impl Detection {
    fn sure(encoding: &'static Encoding) -> Self {
        Detection {
            encoding,
            confidence: 1.0,
            alternatives: Vec::new(),
        }
    }
}

/// Decodes with the chosen encoding (BOM first, as `encoding_rs` does) and reports malformed
/// sequences.
fn finish(bytes: &[u8], detection: Detection) -> Decoded {
    let (text, used, had_replacements) = detection.encoding.decode(bytes);
    let mut encoding = used;
    if encoding == encoding_rs::GBK && has_gb18030_four_byte(bytes) {
        encoding = encoding_rs::GB18030;
    }
    let malformed_at = if had_replacements {
        malformed_offsets(bytes, used)
    } else {
        Vec::new()
    };
    Decoded {
        text: text.into_owned(),
        encoding,
        confidence: detection.confidence,
        alternatives: detection.alternatives,
        had_replacements,
        malformed_at,
    }
}

/// Valid UTF-8, or valid up to a sequence cut off by the end of input.
fn is_utf8(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(e) => {
            e.error_len().is_none() && e.valid_up_to() + 4 > bytes.len() && e.valid_up_to() > 0
        }
    }
}

/// 7-bit input with an ISO-2022-JP escape into JIS X 0208 or katakana that decodes cleanly.
fn is_iso_2022_jp(bytes: &[u8]) -> bool {
    let escapes = [&b"\x1b$B"[..], b"\x1b$@", b"\x1b(I"];
    escapes
        .iter()
        .any(|e| memchr::memmem::find(bytes, e).is_some())
        && !encoding_rs::ISO_2022_JP
            .decode_without_bom_handling(bytes)
            .1
}

/// GB18030 four-byte sequences (lead 0x81–0xFE, then a digit) outside two-byte pairs.
fn has_gb18030_four_byte(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] >= 0x81 && bytes[i] != 0xff {
            if bytes[i + 1].is_ascii_digit() {
                return true;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

/// Byte offsets where `encoding` finds malformed sequences in `bytes` (BOM handled as in
/// [`Encoding::decode`]).
fn malformed_offsets(bytes: &[u8], encoding: &'static Encoding) -> Vec<usize> {
    let mut decoder = encoding.new_decoder();
    let mut out = Vec::new();
    let mut dst = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 3 + 16),
    );
    let mut read_total = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut dst, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => dst.reserve(bytes.len() - read_total + 16),
            DecoderResult::Malformed(bad, after) => {
                out.push(read_total.saturating_sub(usize::from(bad) + usize::from(after)));
            }
        }
    }
    out
}

/// Latin-script code pages: always candidates, cheap to tell apart by the language fit.
static LATIN: &[&Encoding] = &[
    encoding_rs::WINDOWS_1252,
    encoding_rs::WINDOWS_1250,
    encoding_rs::ISO_8859_2,
    encoding_rs::ISO_8859_15,
    encoding_rs::WINDOWS_1254,
    encoding_rs::WINDOWS_1257,
    encoding_rs::ISO_8859_13,
    encoding_rs::ISO_8859_4,
    encoding_rs::ISO_8859_10,
    encoding_rs::ISO_8859_3,
    encoding_rs::ISO_8859_14,
    encoding_rs::ISO_8859_16,
    encoding_rs::WINDOWS_1258,
    encoding_rs::MACINTOSH,
];

/// Double-byte CJK encodings: always candidates (a wrong CJK reading is malformed or rare).
static CJK: &[&Encoding] = &[
    encoding_rs::GBK,
    encoding_rs::SHIFT_JIS,
    encoding_rs::EUC_KR,
    encoding_rs::BIG5,
    encoding_rs::EUC_JP,
];

/// Code pages whose upper half is nearly all letters of one alphabet: any bytes read as
/// letters there, so they are candidates only when `chardetng` points to their script.
static ALPHABETS: &[&[&Encoding]] = &[
    &[
        encoding_rs::WINDOWS_1251,
        encoding_rs::KOI8_R,
        encoding_rs::KOI8_U,
        encoding_rs::IBM866,
        encoding_rs::ISO_8859_5,
        encoding_rs::X_MAC_CYRILLIC,
    ],
    &[encoding_rs::WINDOWS_1253, encoding_rs::ISO_8859_7],
    &[encoding_rs::WINDOWS_1255, encoding_rs::ISO_8859_8],
    &[encoding_rs::WINDOWS_1256, encoding_rs::ISO_8859_6],
    &[encoding_rs::WINDOWS_874],
];

/// The candidates for bytes `chardetng` guessed to be `guess`, in the order ties are broken
/// (the guess first).
fn candidates(guess: &'static Encoding, short: bool) -> Vec<&'static Encoding> {
    let mut out = vec![guess];
    // A Latin guess may be an alphabet chardetng does not know (Mac Cyrillic), so then every
    // alphabet is a candidate; otherwise only the guessed one, and on short input (where any
    // guess may be wrong) the cased ones, Cyrillic and Greek, whose case patterns give wrong
    // readings away.
    let alphabets: Vec<&'static Encoding> = if LATIN.contains(&guess) {
        ALPHABETS.iter().flat_map(|g| g.iter().copied()).collect()
    } else {
        let mut own: Vec<&'static Encoding> = ALPHABETS
            .iter()
            .filter(|g| g.contains(&guess))
            .flat_map(|g| g.iter().copied())
            .collect();
        // All-capital Greek looks like KOI8 to chardetng.
        if short || guess == encoding_rs::KOI8_U || guess == encoding_rs::KOI8_R {
            own.extend([encoding_rs::WINDOWS_1253, encoding_rs::ISO_8859_7]);
        }
        if short {
            own.extend(ALPHABETS[0]);
        }
        own
    };
    for &enc in LATIN.iter().chain(CJK).chain(&alphabets) {
        if !out.contains(&enc) {
            out.push(enc);
        }
    }
    out.push(encoding_rs::UTF_8);
    out
}

/// Fewer non-ASCII bytes than this is short input, where `chardetng` is often wrong.
const SHORT: usize = 48;
/// Longest sample judged, in bytes.
const SAMPLE: usize = 8 * 1024;
/// How much of the sample `chardetng` reads: its guess is one prior among the costs, and it
/// is the slowest part of detection. On the corpus 2 KiB scores as the whole sample does.
const CHARDETNG_SAMPLE: usize = 2 * 1024;
/// Cost bonus for `chardetng`'s guess: it sees byte statistics the character costs miss. Its
/// CJK models know frequencies beyond the level-1/level-2 tiers used here, so a CJK guess
/// weighs more; between 8-bit code pages the language fit knows more than it does.
const CHARDETNG_BONUS: f64 = 2.0;
/// Cost bonus for a Latin guess of `chardetng` on short input: there its choice between
/// Latin code pages is close to arbitrary (on real short strings, halving the bonus gets
/// Mac Roman, Baltic and Central European text right more often and costs little elsewhere).
const CHARDETNG_SHORT_LATIN_BONUS: f64 = 1.0;
/// Cost bonus for a CJK guess of `chardetng`.
const CHARDETNG_CJK_BONUS: f64 = 4.5;
/// Cost bonus for an encoding the source declared.
const DECLARED_BONUS: f64 = 4.0;
/// Softmax temperature turning cost differences into confidences.
const TEMPERATURE: f64 = 2.0;
/// Readings costing more than this above the best are out of the race: their confidence
/// would be below e^-10 of the best's, so they are neither scored to the end nor reported.
const REACH: f64 = 20.0;

/// A candidate encoding, its cost with the biases, and its reading of the sample once
/// decoded (single-byte readings are scored without decoding).
struct Scored {
    enc: &'static Encoding,
    cost: f64,
    text: Option<String>,
}

/// Whether candidates `a` and `b` read `sample` as the same text: compared through the byte
/// tables for two code pages, else by decoding.
fn same_reading(
    scored: &mut [Scored],
    a: usize,
    b: usize,
    sample: &[u8],
    stats: &score::ByteStats,
) -> bool {
    if let Some(same) = stats.same_reading(scored[a].enc, scored[b].enc) {
        return same;
    }
    for i in [a, b] {
        let s = &mut scored[i];
        if s.text.is_none() {
            s.text = Some(s.enc.decode_without_bom_handling(sample).0.into_owned());
        }
    }
    scored[a].text == scored[b].text
}

/// Scores every candidate on a sample and returns the best.
fn rank(bytes: &[u8], options: &DecodeOptions<'_>) -> Detection {
    let sample = sample(bytes);
    let sample = &sample[..];
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let head = &sample[..sample.len().min(CHARDETNG_SAMPLE)];
    // A cut-off prefix is not the end of the stream (its last character may be cut).
    detector.feed(head, head.len() == sample.len());
    let tld = options.hint_tld.and_then(clean_tld);
    let guess = detector.guess(tld.as_deref(), chardetng::Utf8Detection::Deny);

    let stats = score::ByteStats::new(sample);
    let mut scored: Vec<Scored> = Vec::new();
    let mut best = f64::INFINITY;
    let short = sample.iter().filter(|&&b| b >= 0x80).count() < SHORT;
    for enc in candidates(guess, short)
        .into_iter()
        .chain(utf16::candidates(bytes, bytes.len() <= SAMPLE))
    {
        let mut bias = utf16::prior(enc, bytes);
        if enc == guess {
            bias -= if CJK.contains(&guess) {
                CHARDETNG_CJK_BONUS
            } else if short && LATIN.contains(&guess) {
                CHARDETNG_SHORT_LATIN_BONUS
            } else {
                CHARDETNG_BONUS
            };
        }
        if Some(enc) == options.declared {
            bias -= DECLARED_BONUS;
        }
        let limit = best + REACH - bias;
        let (cost, text) = match score::single_byte_cost(&stats, enc, limit) {
            Some(cost) => (cost, None),
            None => {
                let text = enc.decode_without_bom_handling(sample).0.into_owned();
                (score::cost(&text, limit, enc), Some(text))
            }
        };
        let cost = cost + bias;
        best = best.min(cost);
        scored.push(Scored { enc, cost, text });
    }
    // Stable: equal costs keep the candidate order.
    scored.sort_by(|a, b| a.cost.total_cmp(&b.cost));

    // One entry per distinct reading within reach of the best; its weight is the best cost
    // among encodings reading so.
    let mut groups: Vec<usize> = Vec::new();
    for i in 0..scored.len() {
        if scored[i].cost > best + REACH {
            break;
        }
        let mut new = true;
        for &g in &groups {
            if same_reading(&mut scored, g, i, sample, &stats) {
                new = false;
                break;
            }
        }
        if new {
            groups.push(i);
        }
    }
    let groups: Vec<(&'static Encoding, f64)> = groups
        .iter()
        .map(|&g| (scored[g].enc, scored[g].cost))
        .collect();
    let weights: Vec<f64> = groups
        .iter()
        .map(|g| (-(g.1 - best) / TEMPERATURE).exp())
        .collect();
    let total: f64 = weights.iter().sum();
    let mut alternatives: Vec<(&'static Encoding, f32)> = groups
        .iter()
        .zip(&weights)
        .skip(1)
        .take(4)
        .map(|(g, w)| (g.0, (w / total) as f32))
        .collect();
    alternatives.retain(|a| a.1 >= 0.001);
    Detection {
        encoding: groups[0].0,
        confidence: (weights[0] / total) as f32,
        alternatives,
    }
}

/// What is judged of long input: its lines that hold non-ASCII bytes, up to about
/// [`SAMPLE`] bytes (ASCII lines read the same in every candidate, and a line break is never
/// inside a character in the legacy encodings judged here).
fn sample(bytes: &[u8]) -> Cow<'_, [u8]> {
    if bytes.len() <= SAMPLE {
        return Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(SAMPLE + 1024);
    for line in bytes.split_inclusive(|&b| b == b'\n' || b == b'\r') {
        if line.iter().any(|&b| b >= 0x80) {
            // An overlong line is cut; its partial last character costs every double-byte
            // candidate alike.
            out.extend_from_slice(&line[..line.len().min(SAMPLE)]);
            if out.len() >= SAMPLE {
                break;
            }
        }
    }
    Cow::Owned(out)
}

/// The TLD in the form `chardetng` accepts (lower-case ASCII, no period), or `None`.
fn clean_tld(hint: &[u8]) -> Option<Vec<u8>> {
    let label = hint.rsplit(|&b| b == b'.').find(|l| !l.is_empty())?;
    label
        .iter()
        .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        .then(|| label.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(name: &str, text: &str) -> Vec<u8> {
        Encoding::for_label(name.as_bytes())
            .unwrap()
            .encode(text)
            .0
            .into_owned()
    }

    #[test]
    fn short_cjk_titles() {
        for (label, text) in [
            ("gbk", "北京市人民政府关于印发通知"),
            ("big5", "臺灣大學圖書館開放時間"),
            ("shift_jis", "東京都の天気予報です"),
            ("euc-jp", "日本語のテキストです"),
            ("euc-kr", "서울특별시 날씨 정보"),
        ] {
            let d = decode(&enc(label, text));
            assert_eq!(d.text, text, "{label}");
        }
    }

    #[test]
    fn encodings_chardetng_never_answers() {
        let ru = "Съешь же ещё этих мягких французских булок, да выпей чаю. Москва";
        assert_eq!(decode(&enc("x-mac-cyrillic", ru)).text, ru);
        let fr = "Le prix est de 15 € pour l'œuvre complète.";
        assert_eq!(decode(&enc("iso-8859-15", fr)).text, fr);
    }

    #[test]
    fn malformed_offsets_are_reported() {
        let d = decode_with(
            b"ab\xffcd\xfe",
            &DecodeOptions {
                force: Some(encoding_rs::UTF_8),
                ..Default::default()
            },
        );
        assert!(d.had_replacements);
        assert_eq!(d.malformed_at, vec![2, 5]);
    }

    #[test]
    fn bad_tld_hints_do_not_panic() {
        for tld in [&b"JP"[..], b"www.Example.CO.JP", b".", b"", "é".as_bytes()] {
            let options = DecodeOptions {
                hint_tld: Some(tld),
                ..Default::default()
            };
            let _ = decode_with(b"\xc4\xe3\xba\xc3", &options);
        }
    }

    #[test]
    fn gb18030_four_byte_is_named() {
        let d = decode(&enc("gb18030", "中文€ 𠀀 測試文字內容"));
        assert_eq!(d.text, "中文€ 𠀀 測試文字內容");
        assert_eq!(d.encoding, encoding_rs::GB18030);
    }
}
