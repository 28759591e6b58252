//! The shared judge: how likely is this text? Character classes, per-script frequency tiers
//! and context costs between neighbouring characters, all derived from generated tables.
//!
//! [`crate::decode`] asks it which candidate decoding reads best, [`crate::mojibake`] whether a
//! repair is better than the input, [`crate::realign`] which character fits a gap. It never
//! changes text.
//!
//! Costs are in "surprise units": about 0 for ASCII, about 1 for a common letter of any script,
//! more for rarer characters (frequency tiers from the legacy encodings' own structure, see
//! [`tiers`]) and for unlikely neighbours (two scripts inside one word, a Latin-1 symbol glued
//! to a letter). Two readings of the same bytes compare by [`cost`]: lower is more plausible.

pub mod ngram;
mod tiers;
mod words;

use std::sync::OnceLock;

pub use tiers::{han_tier, hangul_common, HanTier};
pub use words::word_pair_cost;

/// Total cost of `text`: the sum of per-character costs plus the context cost of each pair of
/// neighbours (lower is more plausible). Comparable between two readings of the same bytes.
///
/// ```
/// use mojifix::plausibility::cost;
/// assert!(cost("Café") < cost("CafÃ©"));
/// assert!(cost("全县群众") < cost("鍏ㄥ幙缇や紬"));
/// ```
pub fn cost(text: &str) -> f64 {
    let mut total = 0.0;
    let mut prev: Option<char> = None;
    for c in text.chars() {
        total += char_cost(c);
        if let Some(p) = prev {
            total += pair_cost(p, c);
        }
        prev = Some(c);
    }
    total
}

/// The broad class of a character, as far as plausibility is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Class {
    /// ASCII letter or digit.
    AsciiAlnum,
    /// ASCII space, tab or line break.
    Space,
    /// U+00A0: belongs between words, not inside one.
    NoBreakSpace,
    /// Other printable ASCII (punctuation, symbols).
    AsciiPunct,
    /// A letter (or combining mark) of an alphabetic script outside ASCII.
    Letter(Script),
    /// A Han ideograph.
    Han,
    /// Hiragana or katakana (full width).
    Kana,
    /// A precomposed hangul syllable or jamo.
    Hangul,
    /// Punctuation in common use: typographic quotes, dashes, ellipsis, CJK punctuation.
    Punct,
    /// A symbol that is rare in running text (Latin-1 symbols such as `©`, `¤`, `¬`; `†`, `‰`).
    RareSymbol,
    /// Box drawing (`─│┼`): cheap on its own, suspicious when glued to a letter.
    BoxDrawing,
    /// Other symbols: currency, math, arrows, box drawing, emoji, full-width forms.
    Symbol,
    /// A combining mark.
    Mark,
    /// A C0/C1 control other than whitespace, U+FFFD, private-use or unassigned code point.
    Junk,
}

/// A script, for the "two scripts inside one word" context cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Script {
    /// Latin (beyond ASCII).
    Latin,
    /// Greek.
    Greek,
    /// Cyrillic.
    Cyrillic,
    /// Armenian, Hebrew, Arabic, Syriac, Thaana, N'Ko …: right-to-left and related alphabets.
    MiddleEastern,
    /// Indic and South-East Asian abugidas (Devanagari … Thai, Lao, Tibetan, Myanmar).
    Brahmic,
    /// Anything else with letters (Georgian, Ethiopic, IPA, Cherokee …).
    Other,
}

/// Classifies `c`.
///
/// ```
/// use mojifix::plausibility::{class, Class, Script};
/// assert_eq!(class('é'), Class::Letter(Script::Latin));
/// assert_eq!(class('©'), Class::RareSymbol);
/// assert_eq!(class('中'), Class::Han);
/// ```
pub fn class(c: char) -> Class {
    // Every step asks for the class of every character several times: a table for the Basic
    // Multilingual Plane, filled from `classify` at first use, answers with one load.
    static BMP: OnceLock<Vec<Class>> = OnceLock::new();
    let bmp = BMP.get_or_init(|| {
        (0..=0xffffu32)
            .map(|u| char::from_u32(u).map_or(Class::Junk, classify))
            .collect()
    });
    bmp.get(c as usize).copied().unwrap_or_else(|| classify(c))
}

/// [`class`], computed.
fn classify(c: char) -> Class {
    let u = c as u32;
    match u {
        0x30..=0x39 | 0x41..=0x5a | 0x61..=0x7a => Class::AsciiAlnum,
        0x09 | 0x0a | 0x0d | 0x20 => Class::Space,
        0x21..=0x7e => Class::AsciiPunct,
        0x00..=0x1f | 0x7f..=0x9f => Class::Junk,
        0xa0 => Class::NoBreakSpace,
        0xab | 0xbb | 0xb0 | 0xa3 | 0xa7 | 0xb7 => Class::Symbol,
        // Ordinal indicators: `1ª`, `3º`, `Nº` in Romance-language text.
        0xaa | 0xba => Class::Symbol,
        0xd7 | 0xf7 => Class::Symbol,
        // The acute accent typed as an apostrophe or a quotation mark (`don´t`, `lá´´`).
        0xb4 => Class::Symbol,
        0xa1..=0xbf => Class::RareSymbol,
        0xc0..=0x24f => Class::Letter(Script::Latin),
        0x250..=0x2af => Class::Letter(Script::Other),
        0x2b0..=0x2ff => Class::RareSymbol,
        0x300..=0x36f => Class::Mark,
        0x370..=0x3ff => Class::Letter(Script::Greek),
        0x400..=0x52f => Class::Letter(Script::Cyrillic),
        0x591..=0x5c7 | 0x610..=0x61a | 0x64b..=0x65f | 0x670 => Class::Mark,
        0x530..=0x8ff => Class::Letter(Script::MiddleEastern),
        0x900..=0xdff | 0xe00..=0xfff | 0x1000..=0x109f | 0x1780..=0x17ff => {
            Class::Letter(Script::Brahmic)
        }
        0x10a0..=0x10ff => Class::Letter(Script::Other),
        0x1100..=0x11ff => Class::Hangul,
        0x1200..=0x1fff => match u {
            0x1e00..=0x1eff => Class::Letter(Script::Latin),
            0x1f00..=0x1fff => Class::Letter(Script::Greek),
            _ => Class::Letter(Script::Other),
        },
        0x2010..=0x2015 | 0x2018..=0x201f | 0x2026 | 0x2022 | 0x2032 | 0x2033 => Class::Punct,
        0x2020 | 0x2021 | 0x2030 | 0x2039 | 0x203a => Class::RareSymbol,
        0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x206f => Class::Space,
        0x2016 | 0x2017 | 0x2023..=0x2025 | 0x2027 | 0x2031 | 0x2034..=0x205e => Class::Symbol,
        0x2500..=0x257f => Class::BoxDrawing,
        // The blank braille pattern: an invisible filler of social-media posts.
        0x2800 => Class::Space,
        0x2070..=0x2bff => Class::Symbol,
        0x2c00..=0x2dff => Class::Letter(Script::Other),
        0x2e80..=0x2fdf => Class::Symbol,
        0x3000..=0x303f => Class::Punct,
        // Code points the hiragana block leaves unassigned.
        0x3040 | 0x3097 | 0x3098 => Class::Junk,
        0x3040..=0x30ff => Class::Kana,
        0x3100..=0x312f | 0x31a0..=0x31bf => Class::Symbol,
        0x3130..=0x318f => Class::Hangul,
        0x3190..=0x33ff => Class::Symbol,
        0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0x20000..=0x323af => Class::Han,
        0x4dc0..=0x4dff => Class::Symbol,
        0xa000..=0xabff => Class::Letter(Script::Other),
        0xac00..=0xd7af => Class::Hangul,
        0xd7b0..=0xf8ff => Class::Junk,
        0xfb00..=0xfb4f => Class::Letter(Script::Latin),
        0xfb50..=0xfdff | 0xfe70..=0xfeff => Class::Letter(Script::MiddleEastern),
        0xfe00..=0xfe0f => Class::Mark,
        0xfe10..=0xfe6f | 0xff00..=0xff65 => Class::Punct,
        0xff66..=0xff9f => Class::Kana,
        0xffa0..=0xffef => Class::Symbol,
        0xfff0..=0xffff => Class::Junk,
        0x1f000..=0x1faff => Class::Symbol,
        0xf0000.. => Class::Junk,
        _ => Class::Letter(Script::Other),
    }
}

/// Whether `c` is a Han ideograph: CJK unified ideographs and their extensions, compatibility
/// ideographs, and `〇`, the ideographic zero written among them (`二〇二四年`).
///
/// ```
/// use mojifix::plausibility::is_han;
/// assert!(is_han('中') && is_han('〇') && is_han('\u{20000}'));
/// assert!(!is_han('あ') && !is_han('。'));
/// ```
pub fn is_han(c: char) -> bool {
    c == '\u{3007}' || class(c) == Class::Han
}

/// Whether `c` is a half-width katakana (U+FF66–U+FF9F): the Shift_JIS single-byte kana,
/// which UTF-8 continuation bytes read as Shift_JIS also produce.
pub(crate) fn is_half_width_kana(c: char) -> bool {
    ('\u{ff66}'..='\u{ff9f}').contains(&c)
}

/// Cost of one character out of context.
///
/// ```
/// use mojifix::plausibility::char_cost;
/// assert!(char_cost('e') < char_cost('é'));
/// assert!(char_cost('的') < char_cost('鍏'));
/// assert!(char_cost('\u{81}') > char_cost('©'));
/// ```
pub fn char_cost(c: char) -> f64 {
    match class(c) {
        Class::Space => space_cost(c),
        Class::AsciiAlnum => 0.0,
        Class::AsciiPunct => 0.2,
        Class::NoBreakSpace => 0.5,
        Class::Letter(script) => letter_cost(c, script),
        Class::Han => match han_tier(c) {
            HanTier::Common => 1.4,
            HanTier::Medium => 3.0,
            HanTier::Rare => 5.0,
        },
        Class::Kana => match c {
            // Half-width katakana: legal, but in today's text mostly the residue of a codec.
            c if is_half_width_kana(c) => 4.0,
            // Small or archaic kana (ゐ ゑ ゔ ヵ ヶ ヷ …) are rare.
            '\u{3090}' | '\u{3091}' | '\u{3094}'..='\u{309a}' | '\u{30f0}' | '\u{30f1}' => 3.5,
            '\u{30f5}'..='\u{30fa}' | '\u{30fd}'..='\u{30ff}' | '\u{309f}' | '\u{30a0}' => 3.5,
            _ => 1.0,
        },
        Class::Hangul => {
            if hangul_common(c) {
                1.0
            } else if ('\u{ac00}'..='\u{d7a3}').contains(&c) {
                5.0
            } else {
                6.0
            }
        }
        Class::Punct => match c {
            '\u{2018}'..='\u{201d}' | '\u{2013}' | '\u{2014}' | '\u{2026}' => 0.8,
            '\u{3000}'..='\u{3011}' | '\u{ff01}'..='\u{ff1f}' => 1.0,
            '\u{201e}' => 1.5,
            _ => 2.5,
        },
        Class::Symbol => match c {
            '\u{a3}' | '\u{a7}' | '\u{b0}' | '\u{ab}' | '\u{bb}' | '\u{b7}' | '\u{20ac}' => 1.5,
            '\u{aa}' | '\u{ba}' => 1.5,
            '\u{b4}' => 2.0,
            '\u{2122}' => 2.5,
            // Mathematical operators, dingbats and emoji are everyday symbols.
            '\u{2200}'..='\u{22ff}' => 1.5,
            '\u{2600}'..='\u{27bf}' | '\u{1f300}'..='\u{1faff}' => 2.0,
            _ => 3.0,
        },
        Class::RareSymbol => 4.0,
        Class::BoxDrawing => 0.5,
        Class::Mark => 3.0,
        Class::Junk => 10.0,
    }
}

/// Cost of a space or format character: ASCII whitespace is free; the typographic spaces,
/// zero-width characters and direction marks of General Punctuation are rare, and three-byte
/// UTF-8 read as a single-byte codec lands on them (`вАД` is U+2004 read as Mac Cyrillic).
fn space_cost(c: char) -> f64 {
    match c {
        '\t' | '\n' | '\r' | ' ' => 0.0,
        // Zero-width non-joiner: everyday in Persian; thin and narrow no-break spaces in
        // French and in numbers.
        '\u{200c}' | '\u{2009}' | '\u{202f}' => 0.5,
        // Zero-width joiner (emoji sequences, Indic), direction marks (Hebrew, Arabic).
        '\u{200d}' | '\u{200e}' | '\u{200f}' => 1.5,
        '\u{2800}' => 1.0,
        _ => 3.0,
    }
}

/// Cost of a letter of `script` (never ASCII).
fn letter_cost(c: char, script: Script) -> f64 {
    match script {
        Script::Latin => match c {
            // Icelandic and Faroese letters.
            'ð' | 'þ' => 2.0,
            // The accented letters of the big Western languages.
            'à'..='ö' | 'ø'..='ÿ' | 'ß' => 1.0,
            // Ã and Â lead most UTF-8-as-Latin-1 mojibake and are rare in real text.
            'Ã' | 'Â' => 3.0,
            'À'..='Ö' | 'Ø'..='Þ' => 2.0,
            // Archaic or marginal letters of Latin Extended-A (Esperanto, Maltese, Sami …).
            '\u{108}'..='\u{10b}'
            | '\u{11c}'..='\u{127}'
            | '\u{128}'..='\u{12d}'
            | '\u{132}'..='\u{135}'
            | '\u{138}'
            | '\u{13f}'
            | '\u{140}'
            | '\u{149}'..='\u{14f}'
            | '\u{15c}'
            | '\u{15d}'
            | '\u{166}'..='\u{169}'
            | '\u{16c}'
            | '\u{16d}'
            | '\u{174}'..='\u{177}'
            | '\u{17f}' => 3.0,
            // Latin Extended-A: Central European, Baltic, Turkish.
            '\u{100}'..='\u{17f}' => 1.5,
            // Vietnamese (Latin Extended Additional, and the horned ơ ư of Latin Extended-B).
            '\u{1ea0}'..='\u{1ef9}' | '\u{1a0}' | '\u{1a1}' | '\u{1af}' | '\u{1b0}' => 1.5,
            // Romanian comma-below letters and the pinyin tone letters of Latin Extended-B.
            '\u{218}'..='\u{21b}' | '\u{1cd}'..='\u{1dc}' => 1.5,
            // The rest of Latin Extended-B (`Ʉ`, `ǂ`, `Ȣ`): African and phonetic letters that a
            // two-byte UTF-8 reading of CJK or kana bytes lands on more often than any text.
            '\u{180}'..='\u{24f}' if c != 'ƒ' => 4.5,
            _ => 3.5,
        },
        Script::Greek => match c {
            '\u{386}'..='\u{3ce}' => 1.0,
            '\u{1f00}'..='\u{1fff}' => 3.0,
            _ => 4.0,
        },
        Script::Cyrillic => match c {
            'а'..='я' => 1.0,
            'А'..='Я' => 1.5,
            // Ё, Ukrainian, Belarusian, Serbian, Macedonian letters.
            '\u{400}'..='\u{40f}' | '\u{450}'..='\u{45f}' | '\u{490}' | '\u{491}' => 2.0,
            // Cyrillic Supplement (Komi, Abkhaz, Chuvash letters): rarer in text than the
            // two-byte UTF-8 readings of windows-1257 `Ō¬` (`Ԭ`) and its kind.
            '\u{500}'..='\u{52f}' => 5.0,
            _ => 4.0,
        },
        Script::MiddleEastern => match c {
            // Hebrew, Arabic and lowercase Armenian letters: everyday letters of their
            // languages.
            // Arabic letters of few languages (Keheh and Yeh variants).
            '\u{620}' | '\u{63b}'..='\u{63f}' => 4.0,
            '\u{5d0}'..='\u{5ea}' | '\u{621}'..='\u{64a}' | '\u{561}'..='\u{587}' => 1.0,
            '\u{531}'..='\u{58a}' | '\u{5b0}'..='\u{5f4}' | '\u{600}'..='\u{6ff}' => 2.0,
            // Syriac, Thaana, N'Ko, Samaritan, Mandaic: the two-byte UTF-8 lead bytes DC–DF
            // are half-width katakana in Shift_JIS (`ﾟД` would read `߄D`), and text in these
            // scripts is rarer than such mojibake.
            '\u{700}'..='\u{8ff}' => 5.0,
            _ => 4.0,
        },
        Script::Brahmic => 1.5,
        Script::Other => match c {
            // Georgian (Mkhedruli).
            '\u{10d0}'..='\u{10ff}' => 1.5,
            _ => 4.0,
        },
    }
}

/// Context cost of `next` following `prev`: two scripts glued into one word, a rare symbol
/// glued to a letter, a mark after something it cannot combine with.
///
/// ```
/// use mojifix::plausibility::pair_cost;
/// assert_eq!(pair_cost('a', 'é'), 0.0);
/// assert!(pair_cost('Ã', '©') > 0.0);
/// assert!(pair_cost('я', 'é') > 0.0);
/// ```
pub fn pair_cost(prev: char, next: char) -> f64 {
    latin1_pair_cost(prev, next) + class_pair_cost(prev, next)
}

/// The signature of UTF-8 read as Latin-1/windows-1252: a capital Latin-1 letter (or `â`, the
/// reading of the lead byte of most punctuation) followed by a windows-1252 symbol (`Ã©`,
/// `â€œ`, `Å¡`). Apostrophes and closing quotes are left out: `Ã’s` is an ordinary plural.
fn latin1_pair_cost(prev: char, next: char) -> f64 {
    let lead = matches!(prev, 'À'..='ß' | 'â');
    let symbol = matches!(
        next,
        '€' | '‚'
            | 'ƒ'
            | '„'
            | '†'
            | '‡'
            | 'ˆ'
            | '‰'
            | 'Š'
            | '‹'
            | 'Œ'
            | 'Ž'
            | '•'
            | '˜'
            | '™'
            | 'š'
            | '›'
            | 'œ'
            | 'ž'
            | 'Ÿ'
            | '\u{a1}'..='\u{bf}'
    );
    if lead && symbol {
        1.5
    } else {
        0.0
    }
}

fn class_pair_cost(prev: char, next: char) -> f64 {
    let (a, b) = (class(prev), class(next));
    match (a, b) {
        (Class::Letter(x), Class::Letter(y)) if x != y => 3.0,
        (Class::Letter(_), Class::AsciiAlnum) | (Class::AsciiAlnum, Class::Letter(_)) => {
            if !prev.is_ascii_alphabetic() && !next.is_ascii_alphabetic() {
                0.0
            } else if script_of(prev) == script_of(next) {
                latin_case_cost(prev, next)
            } else {
                2.5
            }
        }
        (Class::Letter(Script::Latin), Class::Letter(Script::Latin)) => {
            // Two accented capitals in a row are rare even in all-caps text.
            if prev.is_uppercase() && next.is_uppercase() {
                1.0
            } else {
                latin_case_cost(prev, next)
            }
        }
        (Class::Letter(_) | Class::AsciiAlnum, Class::RareSymbol)
        | (Class::RareSymbol, Class::Letter(_) | Class::AsciiAlnum) => 1.5,
        (Class::RareSymbol, Class::RareSymbol) => 1.5,
        (Class::Letter(_), Class::Han | Class::Kana | Class::Hangul)
        | (Class::Han | Class::Kana | Class::Hangul, Class::Letter(_)) => 3.0,
        (Class::AsciiAlnum, Class::Han | Class::Kana | Class::Hangul)
        | (Class::Han | Class::Kana | Class::Hangul, Class::AsciiAlnum) => {
            if prev.is_ascii_digit() || next.is_ascii_digit() {
                0.0
            } else {
                2.5
            }
        }
        (Class::Letter(_) | Class::AsciiAlnum, Class::NoBreakSpace)
        | (Class::NoBreakSpace, Class::Letter(_)) => 1.0,
        (Class::NoBreakSpace, Class::AsciiAlnum) if next.is_ascii_alphabetic() => 1.0,
        // U+FFFD marks a lost character, which CJK text read with replacement shows between
        // any two characters: it says nothing of its neighbours. Charging it would make a
        // Han character beside it cheaper read as something else (`平�` as GBK `ƽ�`).
        (Class::Han | Class::Kana | Class::Hangul, Class::RareSymbol | Class::Junk)
        | (Class::RareSymbol | Class::Junk, Class::Han | Class::Kana | Class::Hangul)
            if prev != '\u{fffd}' && next != '\u{fffd}' =>
        {
            2.0
        }
        (Class::Han, Class::Hangul) | (Class::Hangul, Class::Han | Class::Kana) => 2.0,
        (Class::Kana, Class::Hangul) => 2.0,
        // A mathematical operator glued to the start of an accented letter is a MacRoman
        // reading of a lead byte (`≈æ` is `ž`, C5 BE); formulas put operators between
        // variables and digits.
        (Class::Symbol, Class::Letter(_)) if ('\u{2200}'..='\u{22ff}').contains(&prev) => 1.0,
        (Class::Letter(Script::Latin), Class::Symbol) | (Class::Symbol, Class::Letter(_)) => 0.5,
        // An ellipsis or a dash glued to the start of a word.
        (Class::Punct, Class::Letter(_) | Class::AsciiAlnum)
            if matches!(prev, '\u{2026}' | '\u{2013}' | '\u{2014}') =>
        {
            1.0
        }
        // A symbol glued to the end of a word is a letter of another code page more often
        // than a unit (`podr√°`: `á` read as MacRoman; `km²` is a word and its unit).
        (Class::AsciiAlnum, Class::Symbol) if prev.is_ascii_alphabetic() => 1.0,
        // And at the start of a word (`√ßa`, `ç` read as MacRoman).
        (Class::Symbol, Class::AsciiAlnum) if next.is_ascii_alphabetic() => 1.0,
        // Kaomoji put accents on apostrophes for eyebrows (`(ง'̀⌣'́)ง`).
        (Class::AsciiPunct, Class::Mark) if prev == '\'' => 0.5,
        // A combining mark on nothing it can combine with (`(\u{341}`: `(´ﾍ` read back as UTF-8).
        (
            Class::Space | Class::AsciiPunct | Class::Punct | Class::Symbol | Class::RareSymbol,
            Class::Mark,
        ) => 5.0,
        (Class::AsciiAlnum, Class::Mark) if prev.is_ascii_digit() => 3.0,
        // An opening quote glued to the end of a word, a closing one to the start of a word.
        (Class::Letter(_) | Class::AsciiAlnum, Class::Punct) if matches!(next, '“' | '‘') => {
            1.5
        }
        (Class::Punct, Class::Letter(_) | Class::AsciiAlnum) if prev == '”' => 1.5,
        (Class::BoxDrawing, Class::Letter(_) | Class::AsciiAlnum)
        | (Class::Letter(_) | Class::AsciiAlnum, Class::BoxDrawing) => 2.0,
        (Class::BoxDrawing, Class::BoxDrawing) if !lines_join(prev, next) => 1.0,
        _ => 0.0,
    }
}

/// Whether box-drawing `prev` and `next` side by side make one drawing: the right arm of
/// `prev` and the left arm of `next` are alike (none, light, heavy or double). Drawings join
/// (`├┤`, `═╦═`); UTF-8 read as cp437 or cp850 glues glyphs whose lines miss each other
/// (`╨╕` is `и`: a single line against a double one).
fn lines_join(prev: char, next: char) -> bool {
    // Per glyph U+2500..U+257F, two digits: the weight of its left arm, then of its right
    // arm (0 none, 1 light, 2 heavy, 3 double), from the Unicode character names.
    const ARMS: &str = concat!(
        "1122000011220000112200000102010210201020010201021020102001020101",
        "0102020210201010102020201121122211211222112112221121122211211222",
        "1111112112211222222112221122000033000301033010300301033010300301",
        "0330103033113333113333113301101001111100100001002000020011002200",
    );
    let arm = |c: char, side: usize| {
        let k = (c as usize).checked_sub(0x2500)?;
        ARMS.as_bytes().get(2 * k + side).copied()
    };
    arm(prev, 1) == arm(next, 0)
}

fn script_of(c: char) -> Option<Script> {
    match class(c) {
        Class::Letter(s) => Some(s),
        Class::AsciiAlnum if c.is_ascii_alphabetic() => Some(Script::Latin),
        _ => None,
    }
}

/// An uppercase Latin letter right after a lowercase one (`aÃ`, `tÅ`) is rare inside a word.
fn latin_case_cost(prev: char, next: char) -> f64 {
    if prev.is_lowercase() && next.is_uppercase() {
        1.5
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_cost_less_than_mojibake() {
        for (good, bad) in [
            ("Café", "CafÃ©"),
            ("привет", "Ð¿Ñ€Ð¸Ð²ÐµÑ‚"),
            ("“quoted”", "â€œquotedâ€\u{9d}"),
            ("文字化け", "æ–‡å\u{ad}—åŒ–ã‘"),
            ("全县群众", "鍏ㄥ幙缇や紬"),
            ("中文", "ÖÐÎÄ"),
            ("한국어", "í•œêµ\u{ad}ì–´"),
        ] {
            assert!(cost(good) < cost(bad), "{good} vs {bad}");
        }
    }

    #[test]
    fn symbols_glued_to_words_cost_more_than_symbols_beside_them() {
        // MacRoman readings glue `√`, `∂`, `≈` to words; a unit after a digit is common.
        assert!(pair_cost('r', '√') >= 1.0);
        assert!(pair_cost('√', 'e') >= 1.0);
        assert_eq!(pair_cost('5', '√'), 0.0);
        assert!(cost("podr√° ser") > cost("podrá ser"));
    }

    #[test]
    fn a_combining_mark_rests_on_an_apostrophe_not_on_a_bracket() {
        // Kaomoji eyebrows (`'\u{300}`); `(\u{341}` is `(´ﾍ` read back as UTF-8.
        assert!(pair_cost('\'', '\u{300}') < pair_cost('(', '\u{300}'));
        assert!(pair_cost('\'', '\u{300}') < 1.0);
    }

    #[test]
    fn an_operator_glued_to_an_accented_letter_is_suspect() {
        // MacRoman shows C5 (the lead byte of `ž`) as `≈`.
        assert!(pair_cost('≈', 'æ') > pair_cost('≈', '0'));
        assert!(cost("tak≈æe") > cost("takže"));
    }

    #[test]
    fn box_drawing_that_does_not_join_is_suspect() {
        // `и` read as cp437: a single horizontal line against a double one.
        assert!(pair_cost('╨', '╕') > 0.0);
        // Drawings join.
        for (a, b) in [('├', '┤'), ('═', '╦'), ('┼', '┐'), ('│', '│'), ('─', '─')]
        {
            assert_eq!(pair_cost(a, b), 0.0, "{a}{b}");
        }
    }

    #[test]
    fn classes_cover_edge_code_points() {
        for c in [
            '\0',
            '\u{7f}',
            '\u{9f}',
            '\u{fffd}',
            '\u{10ffff}',
            '\u{e000}',
        ] {
            assert_eq!(class(c), Class::Junk, "{c:?}");
        }
        assert_eq!(class('あ'), Class::Kana);
        assert_eq!(class('한'), Class::Hangul);
        assert_eq!(class('\u{301}'), Class::Mark);
    }

    #[test]
    fn the_table_answers_like_the_match() {
        for u in (0..=0x10ffffu32).step_by(7) {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(class(c), classify(c), "{c:?}");
            }
        }
        // Surrogate code points are no chars; their table slots must not matter.
        assert_eq!(class('\u{d7ff}'), classify('\u{d7ff}'));
    }

    #[test]
    fn common_han_is_cheaper_than_rare() {
        assert!(char_cost('的') < char_cost('鍏'));
        assert!(char_cost('国') < char_cost('\u{3400}'));
    }
}
