//! How well a candidate decoding reads: a cost per character from its class, its frequency
//! tier and its neighbour, plus a language-fit cost over the letters of 8-bit scripts.
//!
//! The Han and hangul frequency tiers are the shared judge's ([`crate::plausibility::han_tier`],
//! [`crate::plausibility::hangul_common`]); the costs put on them, the character classes that
//! tell code pages apart and the language fit from CLDR exemplar letters
//! ([`super::exemplars`]) are decode's own. Lower is more plausible; costs of two readings of
//! the same bytes are comparable.
//!
//! Speed: what the scorer needs of a character is looked up in a table built once
//! ([`Info`]). A single-byte reading is never decoded: its cost is a sum over the sample's
//! byte and byte-pair counts ([`ByteStats`]), which every single-byte candidate shares.

use super::exemplars::LANGUAGES;
use crate::plausibility::{han_tier, hangul_common, HanTier};
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
    cost_with(text, limit, encoding, None)
}

/// [`cost`] of `text` with the language fit also charging each language for how badly it
/// explains the text's unaccented words ([`ascii_fit`]): two readings that differ in one
/// accented letter each fit some language, but only one of them fits the language of the
/// rest of the text (`podrå` is a Norwegian letter pair, `Nadie … ser obligado` is Spanish).
pub(super) fn cost_in_context(text: &str) -> f64 {
    let extra = ascii_fit(text);
    cost_with(
        text,
        f64::INFINITY,
        encoding_rs::UTF_8,
        (!extra.is_empty()).then_some(&extra[..]),
    )
}

/// What one bit of [`ascii_fit`] costs in the language fit, whose unit is one letter pair a
/// language's words never show: a sentence tells its language family by some ten bits and
/// more, closely related languages by a few.
const ASCII_BIT: f64 = 0.25;

/// Per language of [`LANGUAGES`], how many more bits than the best-fitting language its
/// ASCII letter pairs (`ascii_pairs.bin`) need for the text's unaccented letter pairs, times
/// [`ASCII_BIT`]; empty when the text has none or the table does not match the languages.
fn ascii_fit(text: &str) -> Vec<f64> {
    const N: usize = 27;
    static TABLE: &[u8] = include_bytes!("ascii_pairs.bin");
    if TABLE.len() != LANGUAGES.len() * N * N {
        return Vec::new();
    }
    // 0 = a word edge, 1..=26 an ASCII letter, None a letter outside ASCII (whose pairs
    // the language fit judges).
    let slot = |c: char| -> Option<usize> {
        if c.is_ascii_alphabetic() {
            Some(usize::from(c.to_ascii_lowercase() as u8 - b'a') + 1)
        } else if c.is_alphabetic() || is_mark(c) {
            None
        } else {
            Some(0)
        }
    };
    let mut counts = [0u32; N * N];
    let mut prev = Some(0);
    for c in text.chars().chain([' ']) {
        let now = slot(c);
        if let (Some(a), Some(b)) = (prev, now) {
            if a != 0 || b != 0 {
                counts[a * N + b] += 1;
            }
        }
        prev = now;
    }
    let used: Vec<(usize, f64)> = counts
        .iter()
        .enumerate()
        .filter(|c| *c.1 > 0)
        .map(|(k, &n)| (k, f64::from(n)))
        .collect();
    if used.is_empty() {
        return Vec::new();
    }
    let bits: Vec<f64> = TABLE
        .chunks_exact(N * N)
        .map(|lang| {
            used.iter()
                .map(|&(k, n)| n * f64::from(lang[k]) / 4.0)
                .sum::<f64>()
        })
        .collect();
    let best = bits.iter().copied().fold(f64::INFINITY, f64::min);
    bits.iter().map(|b| (b - best) * ASCII_BIT).collect()
}

fn cost_with(text: &str, limit: f64, encoding: &'static Encoding, extra: Option<&[f64]>) -> f64 {
    let mut total = 0.0;
    let mut letters = LetterCounts::default();
    let mut prev = ' ';
    let mut prev_info = info(' ');
    let mut thai_consonants = 0u32;
    // Length of the current run of Han or kana, and of the run before the last space.
    let (mut han_run, mut han_run_before_space) = (0u32, 0u32);
    for c in text.chars() {
        let i = info(c);
        total += i.cost;
        // Han or kana words of two or more separated by spaces are Korean read as Chinese or
        // Japanese (a list of single characters is not).
        if i.flags & HAN_OR_KANA != 0 {
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
        if i.flags & THAI_CONSONANT != 0 {
            thai_consonants += 1;
            if thai_consonants >= 4 {
                total += 1.5;
            }
        } else {
            thai_consonants = 0;
        }
        total += pair_cost(prev_info, i);
        if i.flags & FIT != 0 {
            letters.add(i.lower, 1);
        }
        letters.pair(prev_info, i, 1);
        prev = c;
        prev_info = i;
        if total > limit {
            return total;
        }
    }
    letters.pair(prev_info, info(' '), 1);
    total + letters.language_fit(eligible_languages(encoding), limit - total, extra)
}

/// Counts of the bytes of a sample and of its pairs of neighbouring bytes, for scoring every
/// single-byte reading at once: in those, byte `b` always reads as the same character, so a
/// reading's cost is a sum over counts.
pub(super) struct ByteStats {
    counts: [u32; 256],
    /// Pairs with a non-ASCII byte, and how often each occurs. ASCII bytes other than
    /// letters are folded into a space, which is all the pair costs and the letter pairs of
    /// the language fit tell apart among them; pairs of two ASCII bytes cost nothing.
    pairs: Vec<(u8, u8, u32)>,
    /// The last byte, whose letter ends a word.
    last: Option<u8>,
}

impl ByteStats {
    pub(super) fn new(sample: &[u8]) -> ByteStats {
        let mut counts = [0u32; 256];
        for &b in sample {
            counts[usize::from(b)] += 1;
        }
        // Pair slots: 128 high bytes, 52 ASCII letters and a space, on each side.
        const SIDE: usize = 181;
        let slot = |b: u8| match b {
            0x80.. => usize::from(b - 0x80),
            b'A'..=b'Z' => 128 + usize::from(b - b'A'),
            b'a'..=b'z' => 154 + usize::from(b - b'a'),
            _ => 180,
        };
        let byte = |s: usize| match s {
            0..=127 => (s + 0x80) as u8,
            128..=153 => b'A' + (s - 128) as u8,
            154..=179 => b'a' + (s - 154) as u8,
            _ => b' ',
        };
        let mut pair_counts = vec![0u32; SIDE * SIDE];
        let mut seen: Vec<u16> = Vec::new();
        // The text starts after a space, as in [`cost`].
        let mut prev = b' ';
        for &b in sample {
            if (prev | b) >= 0x80 {
                let key = slot(prev) * SIDE + slot(b);
                if pair_counts[key] == 0 {
                    seen.push(key as u16);
                }
                pair_counts[key] += 1;
            }
            prev = b;
        }
        let pairs = seen
            .into_iter()
            .map(|key| {
                let key = usize::from(key);
                (byte(key / SIDE), byte(key % SIDE), pair_counts[key])
            })
            .collect();
        ByteStats {
            counts,
            pairs,
            last: sample.last().copied(),
        }
    }

    /// Whether `a` and `b` read the sample as the same text, when both are tabled code pages
    /// (`None` otherwise).
    pub(super) fn same_reading(&self, a: &'static Encoding, b: &'static Encoding) -> Option<bool> {
        let (ta, tb) = (single_byte_table(a)?, single_byte_table(b)?);
        Some((0x80..256).all(|i| self.counts[i] == 0 || ta.chars[i] == tb.chars[i]))
    }
}

/// [`cost`] of the sample `stats` counts, read in `encoding`, when that is a candidate code
/// page other than windows-874, whose Thai consonant runs need the text (`None` otherwise).
/// As with [`cost`], a reading costing more than `limit` may stop early.
pub(super) fn single_byte_cost(
    stats: &ByteStats,
    encoding: &'static Encoding,
    limit: f64,
) -> Option<f64> {
    if encoding == encoding_rs::WINDOWS_874 {
        return None;
    }
    let table = single_byte_table(encoding)?;
    let mut total = 0.0;
    let mut letters = LetterCounts::default();
    for (b, &n) in stats.counts.iter().enumerate() {
        if n > 0 {
            total += table.info[b].cost * f64::from(n);
            if table.info[b].flags & FIT != 0 {
                letters.add(table.info[b].lower, n);
            }
        }
    }
    for &(a, b, n) in &stats.pairs {
        let (a, b) = (usize::from(a), usize::from(b));
        total += pair_cost(table.info[a], table.info[b]) * f64::from(n);
        letters.pair(table.info[a], table.info[b], n);
    }
    if let Some(last) = stats.last.map(usize::from) {
        letters.pair(table.info[last], info(' '), 1);
    }
    Some(total + letters.language_fit(eligible_languages(encoding), limit - total, None))
}

/// What a single-byte encoding reads each byte as.
struct SingleByteTable {
    encoding: &'static Encoding,
    chars: [char; 256],
    info: [Info; 256],
}

/// The table of `encoding` when it is one of the candidate code pages (built at first use for
/// all of them).
fn single_byte_table(encoding: &'static Encoding) -> Option<&'static SingleByteTable> {
    static TABLES: OnceLock<Vec<SingleByteTable>> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        super::LATIN
            .iter()
            .chain(super::ALPHABETS.iter().flat_map(|g| g.iter()))
            .map(|&encoding| {
                let mut chars = [' '; 256];
                for (b, c) in chars.iter_mut().enumerate() {
                    let byte = [b as u8];
                    let text = encoding.decode_without_bom_handling(&byte).0;
                    *c = text.chars().next().unwrap_or('\u{fffd}');
                }
                SingleByteTable {
                    encoding,
                    chars,
                    info: chars.map(info),
                }
            })
            .collect()
    });
    tables.iter().find(|t| t.encoding == encoding)
}

/// What the scorer needs to know of one character.
#[derive(Clone, Copy)]
struct Info {
    /// [`char_cost`].
    cost: f64,
    /// The character lower-cased (its first character), as the language fit counts it.
    lower: char,
    /// The `ALPHA` … `CYRILLIC_PUNCT` bits below.
    flags: u16,
    script: Script,
}

const ALPHA: u16 = 1;
const LOWER: u16 = 1 << 1;
const UPPER: u16 = 1 << 2;
/// [`is_fit_letter`].
const FIT: u16 = 1 << 3;
const THAI_CONSONANT: u16 = 1 << 4;
/// A Thai vowel sign or tone mark, which sits on a consonant.
const THAI_MARK: u16 = 1 << 5;
/// A Thai leading vowel, which precedes a consonant.
const THAI_LEADING: u16 = 1 << 6;
/// A Windows punctuation mark that Mac Cyrillic capitals read as in windows-1251.
const WINDOWS_PUNCT: u16 = 1 << 7;
const HALFWIDTH_KANA: u16 = 1 << 8;
const HAN_OR_KANA: u16 = 1 << 9;
const NON_ASCII: u16 = 1 << 10;
const ASCII_LETTER: u16 = 1 << 11;
/// Han, kana or a hangul syllable.
const CJK: u16 = 1 << 12;
/// An en or em dash, which sits between words, not inside one.
const DASH: u16 = 1 << 13;
/// Quotes and dashes that Mac Cyrillic capitals read as in windows-1251 besides
/// [`WINDOWS_PUNCT`]; only before a Cyrillic letter are they suspect (`’s` is English).
const CYRILLIC_PUNCT: u16 = 1 << 14;

/// Characters below this are looked up in a table; everything above is CJK or rare in the
/// readings compared (and cheap to describe by its range).
const TABLE_END: usize = 0x3000;

fn info(c: char) -> Info {
    static TABLE: OnceLock<Vec<Info>> = OnceLock::new();
    if (c as usize) < TABLE_END {
        let table = TABLE.get_or_init(|| {
            (0..TABLE_END as u32)
                .map(|u| char::from_u32(u).map_or_else(|| describe('\u{fffd}'), describe))
                .collect()
        });
        table[c as usize]
    } else {
        describe(c)
    }
}

/// [`Info`] of `c`, computed.
fn describe(c: char) -> Info {
    // Above the table only a few blocks have case (fullwidth Latin, Latin and Cyrillic
    // extensions); skipping the look-ups for CJK keeps the CJK readings fast.
    let cased =
        (c as usize) < TABLE_END || !matches!(c, '\u{3000}'..='\u{a63f}' | '\u{ac00}'..='\u{faff}');
    let (is_lower, is_upper) = if cased {
        (c.is_lowercase(), c.is_uppercase())
    } else {
        (false, false)
    };
    let alpha = if (c as usize) < TABLE_END || is_lower || is_upper {
        c.is_alphabetic()
    } else {
        // Only cased letters above the table meet a pair rule that asks.
        false
    };
    let bits = [
        (alpha, ALPHA),
        (is_lower, LOWER),
        (is_upper, UPPER),
        (is_fit_letter(c), FIT),
        (matches!(c, '\u{e01}'..='\u{e2e}'), THAI_CONSONANT),
        (
            matches!(c, '\u{e31}' | '\u{e34}'..='\u{e3a}' | '\u{e47}'..='\u{e4e}'),
            THAI_MARK,
        ),
        (matches!(c, '\u{e40}'..='\u{e44}'), THAI_LEADING),
        (
            matches!(
                c,
                '‚' | '„' | '†' | '‡' | '‰' | '‹' | '›' | '•' | '™' | '”' | '€' | '¤'
            ),
            WINDOWS_PUNCT,
        ),
        (matches!(c, '\u{ff61}'..='\u{ff9f}'), HALFWIDTH_KANA),
        (
            matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{3041}'..='\u{30fa}'),
            HAN_OR_KANA,
        ),
        (!c.is_ascii(), NON_ASCII),
        (c.is_ascii_alphabetic(), ASCII_LETTER),
        (
            matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{3041}'..='\u{30fa}'
                | '\u{ac00}'..='\u{d7a3}'),
            CJK,
        ),
        (matches!(c, '–' | '—'), DASH),
        (matches!(c, '‘' | '’' | '“' | '–' | '—'), CYRILLIC_PUNCT),
    ];
    Info {
        cost: char_cost(c),
        lower: if cased { lower(c) } else { c },
        flags: bits
            .iter()
            .filter(|(on, _)| *on)
            .fold(0, |flags, (_, bit)| flags | bit),
        script: script(c),
    }
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

/// Cost of a CJK character next to an ASCII letter, per side.
const CJK_BESIDE_LATIN: f64 = 1.0;

/// Cost of a character after `prev` inside running text.
fn pair_cost(prev: Info, c: Info) -> f64 {
    let mut cost = 0.0;
    if prev.flags & c.flags & ALPHA != 0 && (prev.flags | c.flags) & NON_ASCII != 0 {
        let (sp, sc) = (prev.script, c.script);
        if sp != sc && sp != Script::Other && sc != Script::Other {
            cost += 3.0;
        }
        // A capital after a small letter inside a word: case swapped (KOI8 read as
        // windows-1251, Mac Cyrillic capitals read as windows-1251 symbols).
        if prev.flags & LOWER != 0 && c.flags & UPPER != 0 {
            cost += 2.5;
        }
    }
    // Thai vowel signs and tone marks sit on a consonant; a leading vowel precedes one.
    if c.flags & THAI_MARK != 0 && prev.flags & (THAI_CONSONANT | THAI_MARK) == 0 {
        cost += 3.0;
    }
    if prev.flags & THAI_LEADING != 0 && c.flags & THAI_CONSONANT == 0 {
        cost += 3.0;
    }
    // A Windows punctuation mark glued to the small letter after it is a capital letter of
    // another code page (Mac Cyrillic "Д" read as windows-1251 "„").
    if (prev.flags & WINDOWS_PUNCT != 0
        || (prev.flags & CYRILLIC_PUNCT != 0 && c.script == Script::Cyrillic))
        && c.flags & LOWER != 0
    {
        cost += 2.0;
    }
    // A CJK character glued to a Latin letter: Latin text read as double-byte (`app師issante`)
    // far more often than a Latin word written against CJK text (which costs every CJK
    // reading alike).
    if (prev.flags & ASCII_LETTER != 0 && c.flags & CJK != 0)
        || (prev.flags & CJK != 0 && c.flags & ASCII_LETTER != 0)
    {
        cost += CJK_BESIDE_LATIN;
    }
    // A dash inside a word is a letter of another code page (`ni–os`: Mac Roman `ñ` read as
    // windows-1252).
    if (prev.flags & (ALPHA | FIT) != 0 && c.flags & DASH != 0)
        || (prev.flags & DASH != 0 && c.flags & (ALPHA | FIT) != 0)
    {
        cost += 1.0;
    }
    // Halfwidth katakana are rare alone (8-bit letters read as Shift_JIS) but run on in the
    // text that really uses them.
    if prev.flags & c.flags & HALFWIDTH_KANA != 0 {
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

/// The letter the language fit counts `c` as.
fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Cost, in a language, of a pair of neighbouring letters (or a letter and the start or end of
/// a word) that the language's words in CLDR never show: `ðiai` is no Icelandic word start,
/// `šverspill` no Finnish one, though each letter belongs to the language.
const UNSEEN_PAIR: f64 = 1.0;

/// Distinct letters of a reading, lower-cased, with their counts, in order of appearance; and
/// the pairs around its judged letters.
#[derive(Default)]
struct LetterCounts {
    letters: Vec<(char, u32)>,
    /// `first << 16 | second` of each pair (a space for a word boundary), once per
    /// occurrence or with a count.
    pairs: Vec<(u32, u32)>,
}

impl LetterCounts {
    fn add(&mut self, c: char, n: u32) {
        // `İ` lower-cases to an ASCII `i` (and a mark), which the fit does not judge.
        if c.is_ascii() {
            return;
        }
        match self.letters.iter_mut().find(|e| e.0 == c) {
            Some(e) => e.1 += n,
            None => self.letters.push((c, n)),
        }
    }

    /// Notes the pair `a b` (`n` times) when one of them is a judged letter.
    fn pair(&mut self, ai: Info, bi: Info, n: u32) {
        if (ai.flags | bi.flags) & FIT == 0 {
            return;
        }
        let side = |i: Info| {
            if i.flags & (ALPHA | FIT) != 0 {
                i.lower
            } else {
                ' '
            }
        };
        let (a, b) = (side(ai), side(bi));
        // Beyond the BMP there is no judged pair.
        if let (Ok(a), Ok(b)) = (u16::try_from(u32::from(a)), u16::try_from(u32::from(b))) {
            self.pairs.push((u32::from(a) << 16 | u32::from(b), n));
        }
    }

    /// The cost of the best-fitting language: nothing for its everyday letters, a little for
    /// its loanword letters, much for letters it never writes, and a little for each pair of
    /// letters its words never show. Some cost above `budget` when the fit is sure to exceed
    /// it (the pairs, the slow part, are then not looked up).
    /// `extra`, per language, is added to that language's cost.
    fn language_fit(&mut self, eligible: u128, budget: f64, extra: Option<&[f64]>) -> f64 {
        if self.letters.is_empty() {
            return 0.0;
        }
        let letter_unknown = self
            .letters
            .iter()
            .map(|&(_, n)| 4.0 * f64::from(n))
            .sum::<f64>();
        let masks: Vec<(u128, u128, f64)> = self
            .letters
            .iter()
            .map(|&(c, n)| {
                let (main, aux) = language_masks(c);
                (main, aux, f64::from(n))
            })
            .collect();
        // Letter costs first: the pair costs only add, so a language whose letters alone cost
        // more than the best so far is out.
        let mut languages = eligible & masks.iter().fold(0, |m, l| m | l.0 | l.1);
        let mut by_letters: Vec<(f64, u128)> = Vec::new();
        while languages != 0 {
            let bit = languages & languages.wrapping_neg();
            languages &= !bit;
            let cost = masks
                .iter()
                .map(|&(main, aux, n)| {
                    let per = if main & bit != 0 {
                        0.0
                    } else if aux & bit != 0 {
                        1.5
                    } else {
                        4.0
                    };
                    per * n
                })
                .sum::<f64>();
            let more = extra
                .and_then(|e| e.get(bit.trailing_zeros() as usize))
                .copied()
                .unwrap_or(0.0);
            by_letters.push((cost + more, bit));
        }
        by_letters.sort_by(|a, b| a.0.total_cmp(&b.0));
        let fewest = by_letters.first().map_or(letter_unknown, |l| l.0);
        if fewest > budget {
            return fewest;
        }
        self.pairs.sort_unstable();
        let mut pairs: Vec<(u128, f64)> = Vec::new();
        for chunk in self.pairs.chunk_by(|x, y| x.0 == y.0) {
            let n: u32 = chunk.iter().map(|p| p.1).sum();
            let seen = super::bigrams::PAIRS
                .binary_search_by_key(&chunk[0].0, |p| p.0)
                .map_or(0, |i| super::bigrams::PAIRS[i].1);
            pairs.push((seen, f64::from(n)));
        }
        let pairs_unknown = pairs.iter().map(|p| UNSEEN_PAIR * p.1).sum::<f64>();
        let mut best = letter_unknown + pairs_unknown;
        for (letters, bit) in by_letters {
            // Past the budget the answer only has to exceed it, which `best` then does.
            if letters >= best || letters > budget {
                break;
            }
            let unseen = pairs
                .iter()
                .filter(|p| p.0 & bit == 0)
                .map(|p| UNSEEN_PAIR * p.1)
                .sum::<f64>();
            best = best.min(letters + unseen);
        }
        best
    }
}

/// Bit `i` set in the first mask: `c` is a main letter of [`LANGUAGES`]`[i]`; in the second,
/// an auxiliary letter. Looked up in a table built at first use.
fn language_masks(c: char) -> (u128, u128) {
    const LOW: usize = 0xe80 - 0xc0;
    static TABLE: OnceLock<Vec<(u128, u128)>> = OnceLock::new();
    let slot = match c {
        '\u{c0}'..='\u{e7f}' => c as usize - 0xc0,
        '\u{1e00}'..='\u{1eff}' => LOW + (c as usize - 0x1e00),
        _ => return (0, 0),
    };
    let table = TABLE.get_or_init(|| {
        (0xc0..0xe80)
            .chain(0x1e00..0x1f00)
            .map(|u: u32| {
                let Some(c) = char::from_u32(u) else {
                    return (0, 0);
                };
                LANGUAGES
                    .iter()
                    .enumerate()
                    .fold((0, 0), |(main, aux), (i, lang)| {
                        if lang.main.binary_search(&c).is_ok() {
                            (main | 1 << i, aux)
                        } else if lang.aux.binary_search(&c).is_ok() {
                            (main, aux | 1 << i)
                        } else {
                            (main, aux)
                        }
                    })
            })
            .collect()
    });
    table[slot]
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

/// Cost of a Han character or hangul syllable by the shared judge's frequency tiers.
fn tier_cost(c: char) -> f64 {
    if ('\u{ac00}'..='\u{d7a3}').contains(&c) {
        return if hangul_common(c) { 0.5 } else { 5.0 };
    }
    match han_tier(c) {
        HanTier::Common => 0.5,
        HanTier::Medium => 2.5,
        HanTier::Rare => 5.0,
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
        // Vietnamese letters fit Vietnamese, which windows-1252 cannot write.
        assert!(
            fit("Tiếng Việt", encoding_rs::WINDOWS_1252)
                > fit("Tiếng Việt", encoding_rs::WINDOWS_1258)
        );
        assert_eq!(fit("čna vrsta drveća", encoding_rs::ISO_8859_13), 0.0);
        assert_eq!(fit("Tiếng Việt", encoding_rs::WINDOWS_1258), 0.0);
    }

    #[test]
    fn letter_pairs_tell_languages_apart() {
        let fit = |text: &str, enc| cost(text, f64::INFINITY, enc);
        // Lithuanian (windows-1257) read as windows-1252: every letter is Icelandic, but no
        // Icelandic word starts with ð.
        assert!(
            fit("pranešimai įjungti šiai", encoding_rs::WINDOWS_1257)
                < fit("praneðimai ájungti ðiai", encoding_rs::WINDOWS_1252)
        );
    }

    #[test]
    fn unaccented_words_tell_the_language_of_an_accented_letter() {
        // Each reading fits some language on its own letters (`rå` is Norwegian); only the
        // rest of the sentence says Spanish.
        let right = "Nadie podrá ser obligado a pertenecer a una asociación.";
        let wrong = "Nadie podrå ser obligado a pertenecer a una asociación.";
        assert!(cost_in_context(right) < cost_in_context(wrong));
        // No unaccented letters: nothing to add.
        assert!(ascii_fit("é à").is_empty());
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
