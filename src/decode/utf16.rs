//! UTF-16 without a byte-order mark: the pattern of NUL and other C0 bytes that the high
//! bytes of Latin, Cyrillic, Greek, Hebrew, Arabic, Indic or Thai code units make, and, for
//! short input with no NUL at all (pure CJK), UTF-16 as one more candidate reading.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// How many leading bytes the NUL count looks at.
const WINDOW: usize = 4096;

/// UTF-16LE or BE when NUL (or other C0 control) bytes sit at one parity only and the
/// reading is clean.
pub(super) fn sniff_nul_pattern(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(WINDOW) & !1];
    if head.len() < 2 {
        return None;
    }
    // (NUL, C0) counts at even and odd offsets.
    let (mut even, mut odd) = ((0usize, 0usize), (0usize, 0usize));
    for pair in head.chunks_exact(2) {
        even.0 += usize::from(pair[0] == 0);
        odd.0 += usize::from(pair[1] == 0);
        even.1 += usize::from(is_high_byte(pair[0]));
        odd.1 += usize::from(is_high_byte(pair[1]));
    }
    let units = head.len() / 2;
    // Text in a script below U+2000 has such high bytes in most code units; text in any
    // script has ASCII spaces, digits or line breaks (NUL high bytes) in some. The low bytes
    // of CJK code units are C0 or NUL now and then, so one parity must clearly dominate.
    let high = |this: (usize, usize), other: (usize, usize)| {
        (this.1 * 10 >= units * 6 && this.1 >= 3 && this.1 > 2 * other.1)
            || (this.0 * 10 >= units && this.0 >= 2 && this.0 > 4 * other.0)
    };
    let enc = if high(odd, even) {
        UTF_16LE
    } else if high(even, odd) {
        UTF_16BE
    } else {
        return None;
    };
    let clean = |enc: &'static Encoding| {
        let (text, bad) = enc.decode_without_bom_handling(head);
        let controls = text
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            .count();
        (!bad && controls * 20 <= units).then(|| super::score::cost(&text, f64::INFINITY, enc))
    };
    let cost = clean(enc)?;
    // A few NULs can be the low bytes of CJK code units (一 is U+4E00): when the other byte
    // order reads better, it is that one.
    let other = if enc == UTF_16LE { UTF_16BE } else { UTF_16LE };
    match clean(other) {
        Some(other_cost) if other_cost < cost => Some(other),
        _ => Some(enc),
    }
}

/// A byte that is the high byte of a code unit below U+2000 and rare in legacy text: NUL and
/// the C0 controls other than tab, line feed and carriage return.
fn is_high_byte(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')
}

/// UTF-16 readings worth scoring: only for short input of even length (longer text has line
/// breaks and so NUL bytes), and only those that decode without malformed surrogates.
pub(super) fn candidates(
    bytes: &[u8],
    short: bool,
) -> impl Iterator<Item = &'static Encoding> + '_ {
    let eligible = short && bytes.len() >= 2 && bytes.len() % 2 == 0;
    [UTF_16LE, UTF_16BE]
        .into_iter()
        .filter(move |enc| eligible && !enc.decode_without_bom_handling(bytes).1)
}

/// A small cost on UTF-16 without NUL bytes, as legacy text is far more common; a bonus when
/// the high bytes are nearly all one value (kana, Cyrillic, Thai: one block of 256).
pub(super) fn prior(enc: &'static Encoding, bytes: &[u8]) -> f64 {
    let high = if enc == UTF_16LE {
        1
    } else if enc == UTF_16BE {
        0
    } else {
        return 0.0;
    };
    let units = bytes.len() / 2;
    let mut counts = [0usize; 256];
    for pair in bytes.chunks_exact(2) {
        counts[usize::from(pair[high])] += 1;
    }
    let top = counts.iter().max().copied().unwrap_or(0);
    if units >= 2 && top * 4 >= units * 3 {
        -1.0
    } else {
        2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_pattern() {
        let le: Vec<u8> = "Hello, мир"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "Hello, мир"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(sniff_nul_pattern(&le), Some(UTF_16LE));
        assert_eq!(sniff_nul_pattern(&be), Some(UTF_16BE));
        assert_eq!(sniff_nul_pattern(b"plain ascii text"), None);
        let thai: Vec<u8> = "สวัสดีครับ"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(sniff_nul_pattern(&thai), Some(UTF_16LE));
        // Chinese code units have C0 low bytes now and then (一 is U+4E00): not a pattern.
        let zh: Vec<u8> = "我们一起去公园"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(sniff_nul_pattern(&zh), None);
        assert_eq!(sniff_nul_pattern(b"a\0\0\0\0\0\0\0"), None);
    }
}
