//! How well a candidate decoding reads: a cost per character from its class, its frequency
//! tier and its neighbour, plus a language-fit cost over the letters of 8-bit scripts.
//!
//! Decode-specific on purpose: the tiers come from the structure of the legacy encodings
//! themselves (GB2312 level 1, Big5 level 1, JIS X 0208 level 1, KS X 1001 hangul), which
//! `encoding_rs` already carries, and the language fit from CLDR exemplar letters
//! ([`super::exemplars`]). Lower is more plausible; costs of two readings of the same bytes
//! are comparable.

use super::exemplars::LANGUAGES;
use encoding_rs::Encoding;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// Cost of a U+FFFD, i.e. a malformed sequence in the candidate encoding.
pub(super) const MALFORMED: f64 = 30.0;

/// Total cost of one reading, or some cost above `limit` once it is clear the total exceeds
/// it (a reading that bad is out of the race; stopping early keeps detection fast).
///
/// `encoding` is the reading's encoding: for a Latin code page only languages it can write
/// count in the language fit (a windows-1252 reading is not Vietnamese or Czech, whatever its
/// letters).
pub(super) fn cost(text: &str, limit: f64, encoding: &'static Encoding) -> f64 {
    let mut total = 0.0;
    let mut letters = LetterCounts::default();
    let mut prev = ' ';
    let mut thai_consonants = 0u32;
    // Length of the current run of Han or kana, and of the run before the last space.
    let (mut han_run, mut han_run_before_space) = (0u32, 0u32);
    for c in text.chars() {
        total += char_cost(c);
        // Han or kana words of two or more separated by spaces are Korean read as Chinese or
        // Japanese (a list of single characters is not).
        if is_han_or_kana(c) {
            if prev == ' ' && han_run_before_space > 0 {
                total += if han_run_before_space >= 2 { 1.5 } else { 0.75 };
            }
            han_run += 1;
        } else {
            if c == ' ' {
                han_run_before_space = han_run;
            }
            han_run = 0;
        }
        // Four Thai consonants in a row without a vowel sign are rare in Thai and common in
        // double-byte text read as windows-874.
        if is_thai_consonant(c) {
            thai_consonants += 1;
            if thai_consonants >= 4 {
                total += 1.5;
            }
        } else {
            thai_consonants = 0;
        }
        total += pair_cost(prev, c);
        if is_fit_letter(c) {
            letters.add(c);
        }
        prev = c;
        if total > limit {
            return total;
        }
    }
    total + letters.language_fit(eligible_languages(encoding))
}

/// Cost of `c` out of context.
fn char_cost(c: char) -> f64 {
    match c {
        '\t' | '\n' | '\r' | ' '..='~' => 0.0,
        '\u{fffd}' => MALFORMED,
        '\u{0}'..='\u{1f}' | '\u{7f}' => 8.0,
        '\u{80}'..='\u{9f}' => 15.0,
        '\u{a0}' => 0.5,
        '\u{ad}' => 2.0,
        // Letters of 8-bit scripts are judged by the language fit.
        c if is_fit_letter(c) => 0.0,
        '«' | '»' | '‹' | '›' | '“' | '”' | '„' | '‘' | '’' | '‚' | '–' | '—' | '…' | '•' | '·'
        | '°' | '€' | '£' | '¥' | '©' | '®' | '™' | '§' | '¿' | '¡' | '×' | '±' | '№' => {
            0.5
        }
        '\u{3040}'..='\u{30ff}' => 0.3,
        // Hangul compatibility jamo: Korean chat and titles spell with them.
        '\u{3131}'..='\u{318e}' => 1.5,
        '\u{3000}'..='\u{303f}' | '\u{ff01}'..='\u{ff5e}' => 0.5,
        '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}' => tier_cost(c),
        '\u{ff61}'..='\u{ff9f}' => 4.0,
        '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' => 5.0,
        '\u{e000}'..='\u{f8ff}' => 8.0,
        // Emoji only come from UTF-8 or UTF-16.
        '\u{1f300}'..='\u{1faff}' => 1.0,
        // Shapes, stars, hearts and notes of the CJK double-byte sets: decoration in titles.
        '\u{25a0}'..='\u{266f}' => 1.5,
        // Other symbols that 8-bit code pages carry: accents on their own, currency sign,
        // box drawing, maths; each is possible but rare in running text.
        '\u{a1}'..='\u{bf}' | '\u{2000}'..='\u{2bff}' | '\u{2c0}'..='\u{2ff}' => 3.0,
        _ => 5.0,
    }
}

/// Cost of `c` after `prev` inside running text.
fn pair_cost(prev: char, c: char) -> f64 {
    let mut cost = 0.0;
    if prev.is_alphabetic() && c.is_alphabetic() && (!prev.is_ascii() || !c.is_ascii()) {
        let (sp, sc) = (script(prev), script(c));
        if sp != sc && sp != Script::Other && sc != Script::Other {
            cost += 3.0;
        }
        // A capital after a small letter inside a word: case swapped (KOI8 read as
        // windows-1251, Mac Cyrillic capitals read as windows-1251 symbols).
        if prev.is_lowercase() && c.is_uppercase() {
            cost += 2.5;
        }
    }
    // Thai vowel signs and tone marks sit on a consonant; a leading vowel precedes one.
    if is_thai_mark(c) && !is_thai_consonant(prev) && !is_thai_mark(prev) {
        cost += 3.0;
    }
    if matches!(prev, '\u{e40}'..='\u{e44}') && !is_thai_consonant(c) {
        cost += 3.0;
    }
    // A Windows punctuation mark glued to the small letter after it is a capital letter of
    // another code page (Mac Cyrillic "Д" read as windows-1251 "„").
    if matches!(
        prev,
        '‚' | '„' | '†' | '‡' | '‰' | '‹' | '›' | '•' | '™' | '”' | '€' | '¤'
    ) && c.is_lowercase()
    {
        cost += 2.0;
    }
    // Halfwidth katakana are rare alone (8-bit letters read as Shift_JIS) but run on in the
    // text that really uses them.
    if is_halfwidth_kana(prev) && is_halfwidth_kana(c) {
        cost -= 3.5;
    }
    cost
}

#[derive(PartialEq, Clone, Copy)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Hebrew,
    Arabic,
    Thai,
    Other,
}

fn script(c: char) -> Script {
    match c {
        'A'..='Z' | 'a'..='z' | '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => Script::Latin,
        '\u{370}'..='\u{3ff}' => Script::Greek,
        '\u{400}'..='\u{52f}' => Script::Cyrillic,
        '\u{590}'..='\u{5ff}' => Script::Hebrew,
        '\u{600}'..='\u{6ff}' => Script::Arabic,
        '\u{e00}'..='\u{e7f}' => Script::Thai,
        _ => Script::Other,
    }
}

fn is_thai_mark(c: char) -> bool {
    matches!(c, '\u{e31}' | '\u{e34}'..='\u{e3a}' | '\u{e47}'..='\u{e4e}')
}

fn is_han_or_kana(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{3041}'..='\u{30fa}')
}

fn is_halfwidth_kana(c: char) -> bool {
    matches!(c, '\u{ff61}'..='\u{ff9f}')
}

fn is_thai_consonant(c: char) -> bool {
    matches!(c, '\u{e01}'..='\u{e2e}')
}

/// Letters and marks of the scripts that 8-bit code pages encode (Latin to Thai, and
/// Vietnamese precomposed letters): those whose plausibility depends on the language.
fn is_fit_letter(c: char) -> bool {
    matches!(c, '\u{c0}'..='\u{e7f}' | '\u{1e00}'..='\u{1eff}')
        && c != '×'
        && c != '÷'
        && (c.is_alphabetic() || is_mark(c))
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{591}'..='\u{5c7}' | '\u{610}'..='\u{61a}'
        | '\u{64b}'..='\u{65f}' | '\u{670}' | '\u{e31}' | '\u{e34}'..='\u{e3a}' | '\u{e47}'..='\u{e4e}')
}

/// Counts of distinct non-ASCII letters, lower-cased: a slot per letter of U+00C0..U+0E7F
/// and U+1E00..U+1EFF, plus the list of slots in use.
struct LetterCounts {
    counts: Vec<u32>,
    seen: Vec<char>,
}

const LOW_SLOTS: usize = 0xe80 - 0xc0;

impl Default for LetterCounts {
    fn default() -> Self {
        LetterCounts {
            counts: vec![0; LOW_SLOTS + 0x100],
            seen: Vec::new(),
        }
    }
}

impl LetterCounts {
    fn add(&mut self, c: char) {
        let c = c.to_lowercase().next().unwrap_or(c);
        let slot = match c {
            '\u{c0}'..='\u{e7f}' => c as usize - 0xc0,
            '\u{1e00}'..='\u{1eff}' => LOW_SLOTS + (c as usize - 0x1e00),
            _ => return,
        };
        if self.counts[slot] == 0 {
            self.seen.push(c);
        }
        self.counts[slot] += 1;
    }

    fn count(&self, c: char) -> u32 {
        match c {
            '\u{c0}'..='\u{e7f}' => self.counts[c as usize - 0xc0],
            '\u{1e00}'..='\u{1eff}' => self.counts[LOW_SLOTS + (c as usize - 0x1e00)],
            _ => 0,
        }
    }

    /// The cost of the best-fitting language: nothing for its everyday letters, a little for
    /// its loanword letters, much for letters it never writes.
    fn language_fit(&self, eligible: u128) -> f64 {
        if self.seen.is_empty() {
            return 0.0;
        }
        let unknown = self
            .seen
            .iter()
            .map(|&c| 4.0 * f64::from(self.count(c)))
            .sum::<f64>();
        LANGUAGES
            .iter()
            .enumerate()
            .filter(|(i, _)| eligible & (1 << i) != 0)
            .map(|(_, lang)| {
                self.seen
                    .iter()
                    .map(|&c| {
                        let n = self.count(c);
                        let per = if lang.main.binary_search(&c).is_ok() {
                            0.0
                        } else if lang.aux.binary_search(&c).is_ok() {
                            1.5
                        } else {
                            4.0
                        };
                        per * f64::from(n)
                    })
                    .sum::<f64>()
            })
            .fold(unknown, f64::min)
    }
}

/// Bit `i` set: [`LANGUAGES`]`[i]` counts for a reading in `encoding`. For the Latin code
/// pages: the page writes all but at most two of the language's main letters, precomposed,
/// decomposed, or as a precomposed letter plus one combining mark (French lacks only `œ` in
/// ISO-8859-1, Romanian only `ș ț` in windows-1250; windows-1258 writes Vietnamese tones as
/// combining marks). Every language counts for the other encodings.
fn eligible_languages(encoding: &'static Encoding) -> u128 {
    static TABLE: OnceLock<Vec<(&'static Encoding, u128)>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        super::LATIN
            .iter()
            .map(|&enc| {
                let mask = LANGUAGES.iter().enumerate().fold(0u128, |mask, (i, lang)| {
                    let missing = lang
                        .main
                        .iter()
                        .filter(|c| c.is_alphabetic() && !writes(enc, **c))
                        .count();
                    if missing <= 2 {
                        mask | (1 << i)
                    } else {
                        mask
                    }
                });
                (enc, mask)
            })
            .collect()
    });
    table
        .iter()
        .find(|(enc, _)| *enc == encoding)
        .map_or(u128::MAX, |t| t.1)
}

/// Whether `enc` can write `c` in one of its usual forms: precomposed, decomposed, or
/// precomposed without one of its marks followed by that mark.
fn writes(enc: &'static Encoding, c: char) -> bool {
    let can = |s: &str| !enc.encode(s).2;
    let nfd: Vec<char> = std::iter::once(c).nfd().collect();
    can(&c.to_string())
        || can(&nfd.iter().collect::<String>())
        || (1..nfd.len()).any(|m| {
            let mut form: String = nfd
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != m)
                .map(|(_, &ch)| ch)
                .nfc()
                .collect();
            form.push(nfd[m]);
            can(&form)
        })
}

/// Cost of a Han character or hangul syllable by frequency tier.
fn tier_cost(c: char) -> f64 {
    let tiers = TIERS.get_or_init(build_tiers);
    let tier = match c {
        '\u{4e00}'..='\u{9fff}' => tiers.han[c as usize - 0x4e00],
        _ => tiers.hangul[c as usize - 0xac00],
    };
    [0.5, 2.5, 5.0][usize::from(tier.min(2))]
}

struct Tiers {
    han: Vec<u8>,
    hangul: Vec<u8>,
}

static TIERS: OnceLock<Tiers> = OnceLock::new();

/// Tier 0: level 1 of GB2312, Big5 or JIS X 0208 (hangul: in KS X 1001); tier 1: level 2
/// of one of them; tier 2: only in extensions. Read off the byte ranges of each encoding.
fn build_tiers() -> Tiers {
    let han = (0x4e00u32..=0x9fff)
        .map(|cp| {
            let Some(c) = char::from_u32(cp) else {
                return 2;
            };
            let gb = encode2(encoding_rs::GBK, c).map(|(l, t)| match (l, t) {
                (0xb0..=0xd7, 0xa1..) => 0,
                (0xd8..=0xf7, 0xa1..) => 1,
                _ => 2,
            });
            let big5 = encode2(encoding_rs::BIG5, c).map(|(l, _)| match l {
                0xa4..=0xc6 => 0,
                0xc9..=0xf9 => 1,
                _ => 2,
            });
            let jis = encode2(encoding_rs::EUC_JP, c).map(|(l, _)| match l {
                0xb0..=0xcf => 0,
                0xd0..=0xf4 => 1,
                _ => 2,
            });
            [gb, big5, jis].into_iter().flatten().min().unwrap_or(2)
        })
        .collect();
    let hangul = (0xac00u32..=0xd7a3)
        .map(|cp| {
            let Some(c) = char::from_u32(cp) else {
                return 2;
            };
            match encode2(encoding_rs::EUC_KR, c) {
                Some((0xb0..=0xc8, 0xa1..)) => 0,
                _ => 2,
            }
        })
        .collect();
    Tiers { han, hangul }
}

/// The two bytes `enc` encodes `c` to, if it encodes it to exactly two.
fn encode2(enc: &'static encoding_rs::Encoding, c: char) -> Option<(u8, u8)> {
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = enc.encode(c.encode_utf8(&mut buf));
    match (&bytes[..], unmappable) {
        ([lead, trail], false) => Some((*lead, *trail)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cost_of(text: &str) -> f64 {
        cost(text, f64::INFINITY, encoding_rs::UTF_8)
    }

    #[test]
    fn languages_need_their_letters() {
        let fit = |text: &str, enc| cost(text, f64::INFINITY, enc);
        // "čna vrsta drveća" (ISO-8859-13) read as windows-1252: è and ã together fit
        // Vietnamese, which windows-1252 cannot write.
        assert!(
            fit("èna vrsta drveãa", encoding_rs::WINDOWS_1252)
                > fit("èna vrsta drveãa", encoding_rs::UTF_8)
        );
        assert_eq!(fit("čna vrsta drveća", encoding_rs::ISO_8859_13), 0.0);
        assert_eq!(fit("Tiếng Việt", encoding_rs::WINDOWS_1258), 0.0);
    }

    #[test]
    fn common_han_is_cheaper_than_rare() {
        assert!(tier_cost('的') < tier_cost('龘'));
        assert!(tier_cost('한') < tier_cost('똠'));
    }

    #[test]
    fn language_fit_prefers_one_language() {
        // Czech read right vs read as windows-1252.
        assert!(cost_of("Příliš žluťoučký kůň") < cost_of("Pøíliš žlu\u{9d}ouèký kùò"));
        // Russian vs the same bytes with swapped case.
        assert!(cost_of("Привет, мир") < cost_of("пРИВЕТ, МИР"));
    }

    #[test]
    fn controls_are_expensive() {
        assert!(cost_of("a\u{85}b") > cost_of("a…b"));
    }
}
