//! The double-byte codecs a lost byte can misalign, as encoding_rs implements them, with the
//! tables realignment needs: every two-byte code and its character, the characters that share
//! a lead or trail byte, and each character's code.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::sync::OnceLock;

use encoding_rs::{Encoding, BIG5, GBK, SHIFT_JIS};

/// A double-byte codec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Codec {
    /// encoding_rs's GBK (its decoder is GB18030's).
    Gbk,
    /// encoding_rs's Big5 (HKSCS-extended decoder).
    Big5,
    /// encoding_rs's Shift_JIS (Windows-31J).
    ShiftJis,
}

/// A codec's two-byte code tables.
pub(crate) struct Table {
    /// `decode[lead << 8 | trail]`: the character of a two-byte code, or `'\0'` when the code
    /// is not a single character.
    decode: Vec<char>,
    /// Characters with each trail byte.
    by_trail: Vec<Vec<char>>,
    /// Characters with each lead byte.
    by_lead: Vec<Vec<char>>,
    /// The code of each character as the encoder writes it: `encode_bmp[c]` for the Basic
    /// Multilingual Plane (0 for none; no code is 0), the map for the rest (HKSCS).
    encode_bmp: Vec<u16>,
    encode_astral: HashMap<char, [u8; 2]>,
}

impl Codec {
    pub(crate) fn encoding(self) -> &'static Encoding {
        match self {
            Codec::Gbk => GBK,
            Codec::Big5 => BIG5,
            Codec::ShiftJis => SHIFT_JIS,
        }
    }

    /// The codec's WHATWG name, as explain records report it.
    pub(crate) fn name(self) -> &'static str {
        self.encoding().name()
    }

    pub(crate) fn is_lead(self, b: u8) -> bool {
        match self {
            Codec::Gbk | Codec::Big5 => (0x81..=0xfe).contains(&b),
            Codec::ShiftJis => matches!(b, 0x81..=0x9f | 0xe0..=0xfc),
        }
    }

    pub(crate) fn is_trail(self, b: u8) -> bool {
        match self {
            Codec::Gbk => matches!(b, 0x40..=0x7e | 0x80..=0xfe),
            Codec::Big5 => matches!(b, 0x40..=0x7e | 0xa1..=0xfe),
            Codec::ShiftJis => matches!(b, 0x40..=0x7e | 0x80..=0xfc),
        }
    }

    /// The byte of a character the codec writes as one byte (ASCII, and half-width katakana
    /// in Shift_JIS).
    pub(crate) fn single_byte(self, c: char) -> Option<u8> {
        match (self, c) {
            (_, '\0'..='\x7f') => Some(c as u8),
            (Codec::ShiftJis, '\u{ff61}'..='\u{ff9f}') => Some((c as u32 - 0xff61 + 0xa1) as u8),
            _ => None,
        }
    }

    /// The character of a single byte, the inverse of [`Codec::single_byte`].
    pub(crate) fn single_char(self, b: u8) -> Option<char> {
        match (self, b) {
            (_, 0..=0x7f) => Some(char::from(b)),
            (Codec::ShiftJis, 0xa1..=0xdf) => char::from_u32(0xff61 + u32::from(b - 0xa1)),
            _ => None,
        }
    }

    pub(crate) fn table(self) -> &'static Table {
        static TABLES: [OnceLock<Table>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let i = self as usize;
        TABLES[i].get_or_init(|| Table::build(self))
    }
}

impl Table {
    fn build(codec: Codec) -> Table {
        let enc = codec.encoding();
        let mut decode = vec!['\0'; 1 << 16];
        let mut by_trail = vec![Vec::new(); 256];
        let mut by_lead = vec![Vec::new(); 256];
        let mut encode = HashMap::new();
        for lead in (0x80..=0xffu8).filter(|&b| codec.is_lead(b)) {
            for trail in (0x40..=0xffu8).filter(|&b| codec.is_trail(b)) {
                let pair = [lead, trail];
                let (text, malformed) = enc.decode_without_bom_handling(&pair);
                let mut chars = text.chars();
                let (Some(c), None) = (chars.next(), chars.next()) else {
                    continue;
                };
                if malformed || c == '\u{fffd}' {
                    continue;
                }
                decode[usize::from(lead) << 8 | usize::from(trail)] = c;
                // Misaligned pairs often land in the user-defined areas, so private-use
                // characters are read and written, but no real text has them in a gap.
                if !is_private_use(c) {
                    by_trail[usize::from(trail)].push(c);
                    by_lead[usize::from(lead)].push(c);
                }
                // Where several codes decode to one character, keep the encoder's. Encoding is
                // slow (Big5's encoder searches), so only characters seen twice ask it, which
                // takes the tables' start-up from ~90 ms to a few.
                match encode.entry(c) {
                    Entry::Vacant(slot) => {
                        slot.insert(pair);
                    }
                    Entry::Occupied(mut slot) => {
                        let (bytes, _, unmappable) = enc.encode(text.as_ref());
                        if !unmappable && bytes.as_ref() == pair {
                            slot.insert(pair);
                        }
                    }
                }
            }
        }
        let mut encode_bmp = vec![0u16; 1 << 16];
        let mut encode_astral = HashMap::new();
        for (c, code) in encode {
            match encode_bmp.get_mut(c as usize) {
                Some(slot) => *slot = u16::from_be_bytes(code),
                None => {
                    encode_astral.insert(c, code);
                }
            }
        }
        Table {
            decode,
            by_trail,
            by_lead,
            encode_bmp,
            encode_astral,
        }
    }

    /// The character of the two-byte code `[lead, trail]`.
    pub(crate) fn decode(&self, lead: u8, trail: u8) -> Option<char> {
        let c = self.decode[usize::from(lead) << 8 | usize::from(trail)];
        (c != '\0').then_some(c)
    }

    /// The two-byte code of `c`.
    pub(crate) fn encode(&self, c: char) -> Option<[u8; 2]> {
        match self.encode_bmp.get(c as usize) {
            Some(0) => None,
            Some(&code) => Some(code.to_be_bytes()),
            None => self.encode_astral.get(&c).copied(),
        }
    }

    pub(crate) fn with_trail(&self, trail: u8) -> &[char] {
        &self.by_trail[usize::from(trail)]
    }

    pub(crate) fn with_lead(&self, lead: u8) -> &[char] {
        &self.by_lead[usize::from(lead)]
    }
}

fn is_private_use(c: char) -> bool {
    matches!(c, '\u{e000}'..='\u{f8ff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_round_trips_and_groups() {
        let t = Codec::Gbk.table();
        assert_eq!(t.encode('目'), Some([0xc4, 0xbf]));
        assert_eq!(t.decode(0xc4, 0xbf), Some('目'));
        assert!(t.with_trail(0xbf).contains(&'目'));
        assert!(t.with_lead(0xc4).contains(&'目'));
    }

    #[test]
    fn tables_write_what_the_encoder_writes() {
        // Several codes can decode to one character (Big5's duplicates, GBK's compatibility
        // codes); the table must keep the one encoding_rs's encoder writes.
        for codec in [Codec::Gbk, Codec::Big5, Codec::ShiftJis] {
            let t = codec.table();
            for lead in 0x80..=0xffu8 {
                for trail in 0x40..=0xffu8 {
                    let Some(c) = t.decode(lead, trail) else {
                        continue;
                    };
                    let mut buf = [0; 4];
                    let (bytes, _, unmappable) = codec.encoding().encode(c.encode_utf8(&mut buf));
                    let want = match bytes.as_ref() {
                        &[a, b] if !unmappable && t.decode(a, b) == Some(c) => [a, b],
                        // Not written back to a pair of its own: any code that reads as it.
                        _ => continue,
                    };
                    assert_eq!(t.encode(c), Some(want), "{codec:?} {c}");
                }
            }
        }
    }

    #[test]
    fn big5_and_shift_jis_tables() {
        assert_eq!(Codec::Big5.table().encode('中'), Some([0xa4, 0xa4]));
        assert_eq!(Codec::ShiftJis.table().encode('あ'), Some([0x82, 0xa0]));
        assert_eq!(Codec::ShiftJis.single_char(0xb1), Some('ｱ'));
        assert_eq!(Codec::ShiftJis.single_byte('ｱ'), Some(0xb1));
    }
}
