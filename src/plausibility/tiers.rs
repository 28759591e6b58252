//! Frequency tiers of Han ideographs and hangul syllables, derived at first use from the
//! structure of the legacy encodings themselves (through `encoding_rs`' decoders, which carry
//! the WHATWG Encoding Standard's index tables, BSD-3-Clause/CC0): the national standards
//! sorted their characters into a frequent first level and a rarer second one.
//!
//! - GB 2312 level 1 (3,755 hanzi) = GBK lead bytes B0–D7; level 2 = D8–F7.
//! - Big5 frequent hanzi (5,401) = A440–C67E; less frequent = C940–F9D5.
//! - JIS X 0208 level 1 (2,965 kanji) = Shift_JIS 889F–9872; level 2 = 989F–EAA4.
//! - KS X 1001 hangul (2,350 syllables) = EUC-KR B0A1–C8FE, out of 11,172 possible.
//!
//! No table is typed by hand: each set is the decoder's output over a byte range.

use std::sync::OnceLock;

use encoding_rs::{Encoding, BIG5, EUC_KR, GBK, SHIFT_JIS};

/// How frequent a Han ideograph is, by the legacy standards' levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HanTier {
    /// Level 1 of GB 2312, Big5 or JIS X 0208: everyday characters.
    Common,
    /// Level 2 of one of them: names, literature, specialist words.
    Medium,
    /// In none of the above (GBK extensions, CJK Extension A and beyond, compatibility forms).
    Rare,
}

/// A set of BMP code points.
struct BmpSet(Vec<u64>);

impl BmpSet {
    fn new() -> BmpSet {
        BmpSet(vec![0; 1024])
    }
    fn insert(&mut self, c: char) {
        let u = c as usize;
        if u < 0x10000 {
            self.0[u >> 6] |= 1 << (u & 63);
        }
    }
    fn contains(&self, c: char) -> bool {
        let u = c as usize;
        u < 0x10000 && self.0[u >> 6] & (1 << (u & 63)) != 0
    }
}

struct Tiers {
    common_han: BmpSet,
    medium_han: BmpSet,
    common_hangul: BmpSet,
}

/// Decodes every two-byte sequence with lead in `leads` and trail in `trails` and adds the
/// characters to `set`.
fn add_range(
    set: &mut BmpSet,
    enc: &'static Encoding,
    leads: std::ops::RangeInclusive<u8>,
    trails: &[std::ops::RangeInclusive<u8>],
    first: u16,
    last: u16,
) {
    for lead in leads {
        for range in trails {
            for trail in range.clone() {
                let code = u16::from(lead) << 8 | u16::from(trail);
                if code < first || code > last {
                    continue;
                }
                let pair = [lead, trail];
                let (text, had_errors) = enc.decode_without_bom_handling(&pair);
                if had_errors {
                    continue;
                }
                let mut chars = text.chars();
                if let (Some(c), None) = (chars.next(), chars.next()) {
                    set.insert(c);
                }
            }
        }
    }
}

fn tiers() -> &'static Tiers {
    static TIERS: OnceLock<Tiers> = OnceLock::new();
    TIERS.get_or_init(|| {
        let gb_trail = [0xa1..=0xfe];
        let big5_trail = [0x40..=0x7e, 0xa1..=0xfe];
        let sjis_trail = [0x40..=0x7e, 0x80..=0xfc];
        let mut common_han = BmpSet::new();
        add_range(&mut common_han, GBK, 0xb0..=0xd7, &gb_trail, 0, u16::MAX);
        add_range(
            &mut common_han,
            BIG5,
            0xa4..=0xc6,
            &big5_trail,
            0xa440,
            0xc67e,
        );
        add_range(
            &mut common_han,
            SHIFT_JIS,
            0x88..=0x98,
            &sjis_trail,
            0x889f,
            0x9872,
        );
        let mut medium_han = BmpSet::new();
        add_range(&mut medium_han, GBK, 0xd8..=0xf7, &gb_trail, 0, u16::MAX);
        add_range(
            &mut medium_han,
            BIG5,
            0xc9..=0xf9,
            &big5_trail,
            0xc940,
            0xf9d5,
        );
        add_range(
            &mut medium_han,
            SHIFT_JIS,
            0x98..=0xea,
            &sjis_trail,
            0x989f,
            0xeaa4,
        );
        let mut common_hangul = BmpSet::new();
        add_range(
            &mut common_hangul,
            EUC_KR,
            0xb0..=0xc8,
            &gb_trail,
            0,
            u16::MAX,
        );
        Tiers {
            common_han,
            medium_han,
            common_hangul,
        }
    })
}

/// The frequency tier of a Han ideograph (any other character is [`HanTier::Rare`]).
///
/// ```
/// use mojifix::plausibility::{han_tier, HanTier};
/// assert_eq!(han_tier('中'), HanTier::Common);
/// assert_eq!(han_tier('鍏'), HanTier::Medium);
/// ```
pub fn han_tier(c: char) -> HanTier {
    let t = tiers();
    if t.common_han.contains(c) {
        HanTier::Common
    } else if t.medium_han.contains(c) {
        HanTier::Medium
    } else {
        HanTier::Rare
    }
}

/// Whether `c` is one of the 2,350 hangul syllables of KS X 1001 (the ones in everyday use).
///
/// ```
/// assert!(mojifix::plausibility::hangul_common('한'));
/// assert!(!mojifix::plausibility::hangul_common('갃'));
/// ```
pub fn hangul_common(c: char) -> bool {
    tiers().common_hangul.contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_sizes_match_the_standards() {
        let t = tiers();
        let count = |s: &BmpSet| s.0.iter().map(|w| w.count_ones()).sum::<u32>();
        assert_eq!(count(&t.common_hangul), 2350);
        // GB 2312 level 1 (3,755) ∪ Big5 level 1 (5,401) ∪ JIS level 1 (2,965), overlapping.
        let common = count(&t.common_han);
        assert!((5401..9000).contains(&common), "{common}");
    }
}
