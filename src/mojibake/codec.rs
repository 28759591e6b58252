//! The codecs mojibake is made of: the "wrong" codecs text was read with (chars → the bytes
//! they came from) and the "right" ones the bytes really are in (bytes → chars), and the small
//! table of pairs that occur in the wild.

use std::sync::OnceLock;

use encoding_rs::{Encoding, BIG5, EUC_JP, EUC_KR, GBK, SHIFT_JIS};

use super::sbcs_tables as t;

/// A codec text was wrongly decoded with: maps each character back to its bytes.
pub(super) struct Wrong {
    /// WHATWG-style name, for explain records.
    pub name: &'static str,
    /// Its column in the [`Rows`].
    column: usize,
    /// Whether the codec's byte 0xA0 is a no-break space (so a sloppy decoder's plain space may
    /// stand for it).
    pub a0_is_nbsp: bool,
    /// Double-byte codecs read UTF-8 two bytes at a time.
    pub double_byte: bool,
    /// Whether sloppy decoders of this codec drop the bytes it leaves undefined.
    pub drops_undefined: bool,
}

/// The bytes of one character: one or two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Bytes {
    pub len: u8,
    pub b: [u8; 2],
}

/// Every wrong codec's bytes for one character (see [`Wrong::encode_row`]): looked up once per
/// character of a run, then read by each codec pair.
pub type Row = Option<&'static [u16; WRONGS]>;

/// The [`Row`] of `c`; `None` for ASCII and characters no wrong codec produces.
pub fn row(c: char) -> Row {
    if c.is_ascii() {
        return None;
    }
    codecs().rows.get(c).filter(|r| **r != [0; WRONGS])
}

impl Wrong {
    /// The bytes `c` came from, if this codec can produce `c`. ASCII maps to itself.
    pub fn encode(&self, c: char) -> Option<Bytes> {
        self.encode_row(c, row(c))
    }

    /// Whether this codec produces the non-ASCII character whose [`row`] is `row`.
    pub fn produces(&self, row: Row) -> bool {
        row.is_some_and(|r| r[self.column] != 0)
    }

    /// [`Wrong::encode`] of `c`, whose [`row`] is `row`.
    pub fn encode_row(&self, c: char, row: Row) -> Option<Bytes> {
        if c.is_ascii() {
            return Some(Bytes {
                len: 1,
                b: [c as u8, 0],
            });
        }
        match row?[self.column] {
            0 => None,
            v @ 0x80..=0xff => Some(one(v as u8)),
            v => Some(Bytes {
                len: 2,
                b: v.to_be_bytes(),
            }),
        }
    }

    /// The codec and its column of the [`Rows`], of a single-byte `table`.
    fn single_byte(name: &'static str, table: &[char; 256], with_c1: bool) -> (Wrong, Vec<u16>) {
        let mut map = vec![0u16; 0x10000];
        for (b, &c) in table.iter().enumerate().skip(0x80) {
            map[c as usize] = b as u16;
        }
        if with_c1 {
            // Latin-1 shows bytes 0x80–0x9F as C1 controls; sloppy cp1252 decoders mix both.
            for b in 0x80..=0x9fu16 {
                if map[usize::from(b)] == 0 {
                    map[usize::from(b)] = b;
                }
            }
        }
        let wrong = Wrong {
            name,
            column: 0,
            a0_is_nbsp: table[0xa0] == '\u{a0}',
            double_byte: false,
            drops_undefined: with_c1,
        };
        (wrong, map)
    }

    /// The codec and its column of the [`Rows`], of a double-byte `enc`.
    fn double(name: &'static str, enc: &'static Encoding) -> (Wrong, Vec<u16>) {
        let mut map = vec![0u16; 0x10000];
        for b in 0x80..=0xffu8 {
            if let Some(c) = decode_one(enc, &[b]) {
                if let Some(slot) = map.get_mut(c as usize) {
                    *slot = u16::from(b);
                }
            }
        }
        for lead in 0x81..=0xfeu8 {
            for trail in 0x40..=0xfeu8 {
                if let Some(c) = decode_one(enc, &[lead, trail]) {
                    if let Some(slot) = map.get_mut(c as usize) {
                        if *slot == 0 {
                            *slot = u16::from_be_bytes([lead, trail]);
                        }
                    }
                }
            }
        }
        let wrong = Wrong {
            name,
            column: 0,
            a0_is_nbsp: false,
            double_byte: true,
            drops_undefined: false,
        };
        (wrong, map)
    }
}

/// Every wrong codec's entry for each BMP character, side by side (0 = none, 0x80–0xFF one
/// byte, ≥ 0x8140 a lead and a trail byte). A run is mapped back with every codec: one row per
/// character stays in the cache from codec to codec, where a table per codec (128 KiB each)
/// missed it for each one.
struct Rows {
    /// The block of each 256 characters in `blocks`; block 0 holds no character.
    index: [u16; 256],
    /// The row of each character of a block in `rows`; row 0 is empty.
    blocks: Vec<[u16; 256]>,
    rows: Vec<[u16; WRONGS]>,
}

/// How many wrong codecs there are.
pub const WRONGS: usize = 18;

impl Rows {
    /// The rows of the codecs' flat tables (one entry per BMP character each).
    fn new(columns: &[Vec<u16>]) -> Rows {
        assert_eq!(columns.len(), WRONGS);
        let mut index = [0u16; 256];
        let mut blocks = vec![[0u16; 256]];
        let mut rows = vec![[0u16; WRONGS]];
        for (k, slot) in index.iter_mut().enumerate() {
            let mut block = [0u16; 256];
            for (u, row_of) in (k << 8..(k + 1) << 8).zip(block.iter_mut()) {
                let row = std::array::from_fn(|w| columns[w][u]);
                if row != [0; WRONGS] {
                    *row_of = u16::try_from(rows.len()).expect("fewer rows than 64K");
                    rows.push(row);
                }
            }
            if block != [0; 256] {
                *slot = u16::try_from(blocks.len()).expect("at most 256 blocks");
                blocks.push(block);
            }
        }
        Rows {
            index,
            blocks,
            rows,
        }
    }

    /// The row of `c`, `None` outside the BMP.
    fn get(&self, c: char) -> Option<&[u16; WRONGS]> {
        let u = c as usize;
        let block = *self.index.get(u >> 8)?;
        let row = self.blocks[usize::from(block)][u & 0xff];
        Some(&self.rows[usize::from(row)])
    }
}

fn one(b: u8) -> Bytes {
    Bytes { len: 1, b: [b, 0] }
}

/// Decodes `bytes` as exactly one non-ASCII character of `enc`, or `None`.
fn decode_one(enc: &'static Encoding, bytes: &[u8]) -> Option<char> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return None;
    }
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_ascii() => Some(c),
        _ => None,
    }
}

/// A codec the bytes really are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Right {
    /// UTF-8 (lenient: CESU-8 surrogate pairs are joined).
    Utf8,
    /// A double-byte legacy CJK codec.
    Legacy(LegacyCjk),
}

/// The legacy CJK codecs whose bytes get shown as Western single-byte text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LegacyCjk {
    Gbk,
    Big5,
    ShiftJis,
    EucKr,
}

impl LegacyCjk {
    pub fn name(self) -> &'static str {
        match self {
            LegacyCjk::Gbk => "gbk",
            LegacyCjk::Big5 => "big5",
            LegacyCjk::ShiftJis => "shift_jis",
            LegacyCjk::EucKr => "euc-kr",
        }
    }

    fn encoding(self) -> &'static Encoding {
        match self {
            LegacyCjk::Gbk => GBK,
            LegacyCjk::Big5 => BIG5,
            LegacyCjk::ShiftJis => SHIFT_JIS,
            LegacyCjk::EucKr => EUC_KR,
        }
    }

    /// The character a two-byte sequence stands for, if any (non-ASCII only).
    pub fn decode_pair(self, lead: u8, trail: u8) -> Option<char> {
        static TABLES: OnceLock<[Vec<char>; 4]> = OnceLock::new();
        let tables = TABLES.get_or_init(|| {
            [
                LegacyCjk::Gbk,
                LegacyCjk::Big5,
                LegacyCjk::ShiftJis,
                LegacyCjk::EucKr,
            ]
            .map(|codec| {
                let mut table = vec!['\0'; 0x8000];
                for lead in 0x81..=0xfeu8 {
                    for trail in 0x40..=0xfeu8 {
                        if let Some(c) = decode_one(codec.encoding(), &[lead, trail]) {
                            table[pair_index(lead, trail)] = c;
                        }
                    }
                }
                table
            })
        });
        if lead < 0x81 || trail < 0x40 || trail == 0xff {
            return None;
        }
        let c = tables[self as usize][pair_index(lead, trail)];
        (c != '\0').then_some(c)
    }
}

fn pair_index(lead: u8, trail: u8) -> usize {
    usize::from(lead - 0x80) << 8 | usize::from(trail)
}

/// One way text gets garbled: bytes in `right` read as `wrong`.
pub(super) struct Pair {
    pub wrong: &'static Wrong,
    pub right: Right,
}

/// The codec pairs tried on every suspicious span, most common first.
pub(super) fn pairs() -> &'static [Pair] {
    static PAIRS: OnceLock<Vec<Pair>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let w = wrongs();
        let mut pairs: Vec<Pair> = w
            .iter()
            .map(|wrong| Pair {
                wrong,
                right: Right::Utf8,
            })
            .collect();
        for legacy in [
            LegacyCjk::Gbk,
            LegacyCjk::Big5,
            LegacyCjk::ShiftJis,
            LegacyCjk::EucKr,
        ] {
            pairs.push(Pair {
                wrong: &w[0],
                right: Right::Legacy(legacy),
            });
        }
        // The pairs that give one reading are a bit set.
        assert!(pairs.len() <= 32);
        pairs
    })
}

/// The wrong codecs and their [`Rows`].
struct Codecs {
    wrongs: Vec<Wrong>,
    rows: Rows,
}

fn wrongs() -> &'static [Wrong] {
    &codecs().wrongs
}

fn codecs() -> &'static Codecs {
    static CODECS: OnceLock<Codecs> = OnceLock::new();
    CODECS.get_or_init(|| {
        let built: [(Wrong, Vec<u16>); WRONGS] = [
            Wrong::single_byte("windows-1252", &t::WINDOWS_1252, true),
            Wrong::single_byte("windows-1250", &t::WINDOWS_1250, false),
            Wrong::single_byte("windows-1251", &t::WINDOWS_1251, false),
            Wrong::single_byte("windows-1253", &t::WINDOWS_1253, false),
            Wrong::single_byte("windows-1257", &t::WINDOWS_1257, false),
            Wrong::single_byte("iso-8859-2", &t::ISO_8859_2, false),
            Wrong::single_byte("iso-8859-15", &t::ISO_8859_15, false),
            Wrong::single_byte("koi8-r", &t::KOI8_R, false),
            Wrong::single_byte("koi8-u", &t::KOI8_U, false),
            Wrong::single_byte("macintosh", &t::MACROMAN, false),
            Wrong::single_byte("x-mac-cyrillic", &t::MAC_CYRILLIC, false),
            Wrong::single_byte("ibm437", &t::CP437, false),
            Wrong::single_byte("ibm850", &t::CP850, false),
            Wrong::double("gbk", GBK),
            Wrong::double("big5", BIG5),
            Wrong::double("shift_jis", SHIFT_JIS),
            Wrong::double("euc-jp", EUC_JP),
            Wrong::double("euc-kr", EUC_KR),
        ];
        let (mut wrongs, columns): (Vec<Wrong>, Vec<Vec<u16>>) = built.into_iter().unzip();
        for (column, wrong) in wrongs.iter_mut().enumerate() {
            wrong.column = column;
        }
        Codecs {
            rows: Rows::new(&columns),
            wrongs,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_maps_back_both_ways_of_showing_0x81() {
        let w = &wrongs()[0];
        assert_eq!(w.encode('€').unwrap().b[0], 0x80);
        assert_eq!(w.encode('\u{81}').unwrap().b[0], 0x81);
        assert_eq!(w.encode('\u{80}').unwrap().b[0], 0x80);
        assert!(w.encode('中').is_none());
        assert!(w.a0_is_nbsp);
    }

    #[test]
    fn gbk_maps_han_to_pairs() {
        let gbk = wrongs().iter().find(|w| w.name == "gbk").unwrap();
        assert_eq!(gbk.encode('中').unwrap().b, [0xd6, 0xd0]);
        assert_eq!(LegacyCjk::Gbk.decode_pair(0xd6, 0xd0), Some('中'));
        assert_eq!(LegacyCjk::Big5.decode_pair(0xa4, 0xa4), Some('中'));
        assert_eq!(LegacyCjk::Gbk.decode_pair(0x41, 0x41), None);
    }
}
