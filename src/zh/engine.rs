//! The conversion engine over the tables `build.rs` compiles from OpenCC's dictionaries.
//!
//! A configuration runs as a [`Plan`]: normalization passes over the whole text, then either
//! (a) longest-prefix matching with a segmentation dictionary whose matches carry their output
//! through the whole conversion chain, precomputed at build time, while the text between two
//! matches runs through the chain's stages here; or (b) the stages over the whole text. This
//! is exactly OpenCC's segment-by-segment conversion (see `compile.rs` for the semantics and
//! `build.rs` for why each plan is equivalent).

use std::borrow::Cow;

use zerocopy::FromBytes;

/// Where a dictionary's tables are in the u32 blob: (offset, length) of its double array and
/// of its value references.
pub(super) struct DictDesc {
    trie: (usize, usize),
    values: (usize, usize),
}

/// Dictionary indexes of one configuration's plan.
pub(super) struct PlanDesc {
    pub(super) name: &'static str,
    norm: &'static [usize],
    seg: Option<usize>,
    stages: &'static [usize],
}

include!(concat!(env!("OUT_DIR"), "/zh_tables.rs"));

/// Forces 4-byte alignment on embedded bytes so they can be read as `[u32]`/`[u16]` in place.
#[repr(C, align(4))]
struct Aligned<B: ?Sized>(B);

static U32_BLOB: &Aligned<[u8]> =
    &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/zh_u32.bin")));
static U16_BLOB: &Aligned<[u8]> =
    &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/zh_u16.bin")));
static VALUES: &str = include_str!(concat!(env!("OUT_DIR"), "/zh_values.txt"));

fn words() -> &'static [u32] {
    // Cannot fail: the blob is 4-aligned and build.rs writes whole u32s.
    <[u32]>::ref_from_bytes(&U32_BLOB.0).unwrap_or(&[])
}

/// Maps characters to the alphabet codes the tries are built over (0: in no key).
#[derive(Clone, Copy)]
pub(super) struct Alphabet {
    bmp: &'static [u16],
    supplementary: &'static [u32],
}

impl Alphabet {
    fn new() -> Alphabet {
        let (off, len) = SUPPLEMENTARY;
        Alphabet {
            bmp: <[u16]>::ref_from_bytes(&U16_BLOB.0).unwrap_or(&[]),
            supplementary: words().get(off..off + len).unwrap_or(&[]),
        }
    }

    #[inline(always)]
    fn code(&self, cp: u32) -> u32 {
        if cp < 0x10000 {
            self.bmp.get(cp as usize).map_or(0, |&c| u32::from(c))
        } else {
            let pairs = self.supplementary;
            // Sorted (char, code) pairs.
            let (mut lo, mut hi) = (0, pairs.len() / 2);
            while lo < hi {
                let mid = (lo + hi) / 2;
                match pairs[2 * mid].cmp(&cp) {
                    std::cmp::Ordering::Less => lo = mid + 1,
                    std::cmp::Ordering::Greater => hi = mid,
                    std::cmp::Ordering::Equal => return pairs[2 * mid + 1],
                }
            }
            0
        }
    }

    /// Whether `c` occurs in no key of any dictionary: text splits after it without changing
    /// any conversion.
    pub(super) fn is_break(&self, c: char) -> bool {
        self.code(c as u32) == 0
    }
}

/// Decodes the character at byte `i` of valid UTF-8: (code point, length).
#[inline(always)]
fn decode(b: &[u8], i: usize) -> (u32, usize) {
    let b0 = u32::from(b[i]);
    if b0 < 0x80 {
        (b0, 1)
    } else if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | (u32::from(b[i + 1]) & 0x3F), 2)
    } else if b0 < 0xF0 {
        (
            ((b0 & 0x0F) << 12)
                | ((u32::from(b[i + 1]) & 0x3F) << 6)
                | (u32::from(b[i + 2]) & 0x3F),
            3,
        )
    } else {
        (
            ((b0 & 0x07) << 18)
                | ((u32::from(b[i + 1]) & 0x3F) << 12)
                | ((u32::from(b[i + 2]) & 0x3F) << 6)
                | (u32::from(b[i + 3]) & 0x3F),
            4,
        )
    }
}

/// One compiled dictionary: a double-array trie (base, check, key id + 1 per state) and the
/// output of each key (`start << 8 | len` in [`VALUES`], 0 when the key maps to itself).
#[derive(Clone, Copy)]
pub(super) struct Dict {
    da: &'static [u32],
    values: &'static [u32],
}

impl Dict {
    fn new(i: usize) -> Dict {
        let w = words();
        let d = &DICTS[i];
        let slice = |(off, len): (usize, usize)| w.get(off..off + len).unwrap_or(&[]);
        Dict {
            da: slice(d.trie),
            values: slice(d.values),
        }
    }

    /// The state reached from `s` by `code`, if any.
    #[inline(always)]
    fn child(&self, s: usize, code: u32) -> Option<usize> {
        let base = *self.da.get(3 * s)? as usize;
        let t = base + code as usize;
        match self.da.get(3 * t + 1) {
            Some(&check) if check as usize == s => Some(t),
            _ => None,
        }
    }

    /// The key id + 1 ending at state `t` (0: none).
    #[inline(always)]
    fn key(&self, t: usize) -> u32 {
        self.da.get(3 * t + 2).copied().unwrap_or(0)
    }

    /// The longest key starting at byte `i` of `b`: (end, value reference).
    #[inline(always)]
    fn longest(&self, alpha: &Alphabet, b: &[u8], i: usize) -> Option<(usize, u32)> {
        let (cp, len) = decode(b, i);
        let code = alpha.code(cp);
        if code == 0 {
            return None;
        }
        let mut s = self.child(0, code)?;
        let mut j = i + len;
        let mut best = (self.key(s) != 0).then_some((j, self.key(s)));
        // A state without children has base 0 (build.rs gives every other state a base of at
        // least 1): stop there instead of looking at the next character.
        while j < b.len() && self.da.get(3 * s).is_some_and(|&base| base != 0) {
            let (cp, len) = decode(b, j);
            let code = alpha.code(cp);
            if code == 0 {
                break;
            }
            match self.child(s, code) {
                Some(t) => {
                    s = t;
                    j += len;
                    let k = self.key(t);
                    if k != 0 {
                        best = Some((j, k));
                    }
                }
                None => break,
            }
        }
        best.map(|(end, k)| (end, self.values.get(k as usize - 1).copied().unwrap_or(0)))
    }

    /// Whether the first character of `b[i..]` starts some key.
    #[inline(always)]
    fn starts_key(&self, alpha: &Alphabet, b: &[u8], i: usize) -> bool {
        let code = alpha.code(decode(b, i).0);
        code != 0 && self.child(0, code).is_some()
    }
}

/// The output string of a non-zero value reference.
#[inline(always)]
fn value(v: u32) -> &'static str {
    let start = (v >> 8) as usize;
    VALUES.get(start..start + (v & 0xFF) as usize).unwrap_or("")
}

/// Collects output lazily: nothing is written until the first change.
struct Out<'o> {
    out: &'o mut String,
    /// Input bytes before this offset are already in `out`.
    copied: usize,
    changed: bool,
}

impl<'o> Out<'o> {
    fn new(out: &'o mut String) -> Out<'o> {
        Out {
            out,
            copied: 0,
            changed: false,
        }
    }

    /// Replaces `text[start..end]` with `with`.
    #[inline(always)]
    fn replace(&mut self, text: &str, start: usize, end: usize, with: &str) {
        if !self.changed {
            self.changed = true;
            self.out.reserve(text.len() + text.len() / 8);
        }
        self.out.push_str(&text[self.copied..start]);
        self.out.push_str(with);
        self.copied = end;
    }

    fn finish(self, text: &str) -> bool {
        if self.changed {
            self.out.push_str(&text[self.copied..]);
        }
        self.changed
    }
}

/// Longest-prefix conversion of `text` with `d`: appends the result to `out` and returns
/// `true` if anything changed; leaves `out` alone and returns `false` otherwise.
fn convert_dict(d: &Dict, alpha: &Alphabet, text: &str, out: &mut String) -> bool {
    let b = text.as_bytes();
    let mut o = Out::new(out);
    let mut i = 0;
    while i < b.len() {
        match d.longest(alpha, b, i) {
            Some((end, v)) => {
                if v != 0 {
                    o.replace(text, i, end, value(v));
                }
                i = end;
            }
            None => i += unmatched_len(text, i),
        }
    }
    o.finish(text)
}

/// How far to move where nothing matches: over a whole ideographic description sequence
/// when one starts at `i` (OpenCC keeps `⿰木養` as it is), else over one character.
#[inline(always)]
fn unmatched_len(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    // U+2FF0..=U+2FFF, the description operators, are E2 BF B0..=BF.
    if b[i] == 0xE2 && b.get(i + 1) == Some(&0xBF) && b.get(i + 2).is_some_and(|&x| x >= 0xB0) {
        match ids_len(&text[i..]) {
            0 => 3,
            n => n,
        }
    } else {
        utf8_len(b[i])
    }
}

/// Whether `c` is an ideographic description operator.
pub(super) fn is_ids_operator(c: char) -> bool {
    ('\u{2FF0}'..='\u{2FFF}').contains(&c)
}

/// The byte length of the complete ideographic description sequence at the start of `text`,
/// 0 if there is none. OpenCC 1.4.2's rule: operators U+2FF0–U+2FFF (⿲ ⿳ take three
/// operands, ⿾ ⿿ one, the others two), any other character is an operand, at most 15
/// operators nested and [`IDS_MAX_CHARS`] characters in all.
fn ids_len(text: &str) -> usize {
    // Operands still missing, per open operator.
    let mut pending = [0u8; 15];
    let mut open = 0;
    for (n, (i, c)) in text.char_indices().enumerate() {
        if n >= IDS_MAX_CHARS {
            return 0;
        }
        if is_ids_operator(c) {
            if open == pending.len() {
                return 0;
            }
            pending[open] = match c {
                '\u{2FF2}' | '\u{2FF3}' => 3,
                '\u{2FFE}' | '\u{2FFF}' => 1,
                _ => 2,
            };
            open += 1;
            continue;
        }
        if open == 0 {
            return 0;
        }
        while open > 0 {
            pending[open - 1] -= 1;
            if pending[open - 1] > 0 {
                break;
            }
            open -= 1;
        }
        if open == 0 {
            return i + c.len_utf8();
        }
    }
    0
}

/// The longest ideographic description sequence OpenCC recognises, in characters.
pub(super) const IDS_MAX_CHARS: usize = 64;

#[inline(always)]
fn utf8_len(b0: u8) -> usize {
    match b0 {
        0..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Reusable buffers for the stages run between segmentation matches.
#[derive(Default)]
pub(super) struct Scratch {
    bufs: [String; 2],
}

/// A configuration, ready to run.
#[derive(Clone)]
pub(super) struct Plan {
    alpha: Alphabet,
    norm: Vec<Dict>,
    seg: Option<Dict>,
    stages: Vec<Dict>,
}

impl Plan {
    pub(super) fn new(name: &str) -> Plan {
        // Every configuration has a plan: build.rs asserts the 16 are there.
        let desc = PLANS.iter().find(|p| p.name == name).unwrap_or(&PLANS[0]);
        Plan {
            alpha: Alphabet::new(),
            norm: desc.norm.iter().map(|&i| Dict::new(i)).collect(),
            seg: desc.seg.map(Dict::new),
            stages: desc.stages.iter().map(|&i| Dict::new(i)).collect(),
        }
    }

    pub(super) fn alphabet(&self) -> &Alphabet {
        &self.alpha
    }

    /// Converts `text`: appends the result to `out` and returns `true` if anything changed;
    /// leaves `out` alone and returns `false` otherwise.
    pub(super) fn convert(&self, text: &str, out: &mut String, scratch: &mut Scratch) -> bool {
        let mut cur: Cow<'_, str> = Cow::Borrowed(text);
        for d in &self.norm {
            if self.may_normalize(d, &cur) {
                let mut next = String::new();
                if convert_dict(d, &self.alpha, &cur, &mut next) {
                    cur = Cow::Owned(next);
                }
            }
        }
        let changed = match &self.seg {
            Some(seg) => self.convert_segmented(seg, &cur, out, scratch),
            // One stage over the whole text: straight into `out`.
            None if self.stages.len() == 1 => convert_dict(&self.stages[0], &self.alpha, &cur, out),
            None => match self.run_stages(&cur, scratch) {
                Some(converted) => {
                    out.push_str(converted);
                    true
                }
                None => false,
            },
        };
        match cur {
            Cow::Owned(normalized) if !changed => {
                out.push_str(&normalized);
                true
            }
            _ => changed,
        }
    }

    /// Whether any character of `text` starts a key of the normalization dictionary `d`
    /// (its keys all start with one of [`NORM_LEAD_BYTES`], build.rs checks).
    fn may_normalize(&self, d: &Dict, text: &str) -> bool {
        let b = text.as_bytes();
        let [l1, l2] = NORM_LEAD_BYTES;
        let mut from = 0;
        while let Some(p) = memchr::memchr2(l1, l2, &b[from..]) {
            let i = from + p;
            if d.starts_key(&self.alpha, b, i) {
                return true;
            }
            from = i + 1;
        }
        false
    }

    fn convert_segmented(
        &self,
        seg: &Dict,
        text: &str,
        out: &mut String,
        scratch: &mut Scratch,
    ) -> bool {
        let b = text.as_bytes();
        let mut o = Out::new(out);
        let mut i = 0;
        let mut run = 0;
        while i < b.len() {
            match seg.longest(&self.alpha, b, i) {
                Some((end, v)) => {
                    if run < i {
                        if let Some(converted) = self.run_stages(&text[run..i], scratch) {
                            o.replace(text, run, i, converted);
                        }
                    }
                    if v != 0 {
                        o.replace(text, i, end, value(v));
                    }
                    i = end;
                    run = end;
                }
                None => i += unmatched_len(text, i),
            }
        }
        if run < b.len() {
            if let Some(converted) = self.run_stages(&text[run..], scratch) {
                o.replace(text, run, b.len(), converted);
            }
        }
        o.finish(text)
    }

    /// Runs the stages over one segment; `Some` with the result if anything changed.
    fn run_stages<'s>(&self, segment: &str, scratch: &'s mut Scratch) -> Option<&'s str> {
        // Which buffer holds the current text (`None`: still the segment itself).
        let mut cur: Option<usize> = None;
        for d in &self.stages {
            let next = cur.map_or(0, |c| 1 - c);
            let [a, b] = &mut scratch.bufs;
            let (src, dst) = if next == 0 { (&*b, a) } else { (&*a, b) };
            let input = if cur.is_some() { src.as_str() } else { segment };
            dst.clear();
            if convert_dict(d, &self.alpha, input, dst) {
                cur = Some(next);
            }
        }
        cur.map(|c| scratch.bufs[c].as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_len_follows_opencc() {
        assert_eq!(ids_len("⿰钅只只"), "⿰钅只".len());
        assert_eq!(ids_len("⿱艹⿰钅只干"), "⿱艹⿰钅只".len());
        assert_eq!(
            ids_len("⿺⻍⿳穴⿲月⿱⿲幺言幺⿲長馬長刂心長"),
            "⿺⻍⿳穴⿲月⿱⿲幺言幺⿲長馬長刂心".len()
        );
        assert_eq!(ids_len("⿾a"), "⿾a".len());
        assert_eq!(ids_len("⿰钅"), 0, "incomplete");
        assert_eq!(ids_len("木⿰木木"), 0, "not at an operator");
        let nested = |n: usize| format!("{}{}", "⿰".repeat(n), "木".repeat(n + 1));
        assert_eq!(ids_len(&nested(15)), nested(15).len());
        assert_eq!(ids_len(&nested(16)), 0, "too deep");
    }

    #[test]
    fn decode_matches_std() {
        let s = "a\u{e9}中𠀀";
        let mut i = 0;
        for c in s.chars() {
            assert_eq!(decode(s.as_bytes(), i), (c as u32, c.len_utf8()));
            i += c.len_utf8();
        }
    }

    #[test]
    fn every_plan_resolves() {
        for p in &PLANS {
            let plan = Plan::new(p.name);
            assert_eq!(plan.stages.len(), p.stages.len());
            assert!(plan
                .stages
                .iter()
                .chain(&plan.seg)
                .all(|d| !d.da.is_empty()));
        }
    }
}
