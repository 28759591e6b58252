//! UTF-16 without a byte-order mark: the NUL-byte pattern of text with ASCII in it, and, for
//! short input with no NUL at all (pure CJK), UTF-16 as one more candidate reading.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// How many leading bytes the NUL count looks at.
const WINDOW: usize = 4096;

/// UTF-16LE or BE when NUL bytes sit at one parity only and the reading is clean.
pub(super) fn sniff_nul_pattern(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(WINDOW) & !1];
    if head.len() < 2 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let units = head.len() / 2;
    // Text in any script has ASCII spaces, digits or line breaks in some code units; a lone
    // NUL in legacy bytes is not enough.
    let enough = |n: usize| n * 10 >= units && n >= 1;
    let enc = if enough(odd) && odd > 4 * even {
        UTF_16LE
    } else if enough(even) && even > 4 * odd {
        UTF_16BE
    } else {
        return None;
    };
    let (text, bad) = enc.decode_without_bom_handling(head);
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        .count();
    (!bad && controls * 20 <= units).then_some(enc)
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

/// A small cost on UTF-16 without NUL bytes: legacy text is far more common.
pub(super) fn prior(enc: &'static Encoding) -> f64 {
    if enc == UTF_16LE || enc == UTF_16BE {
        2.0
    } else {
        0.0
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
        assert_eq!(sniff_nul_pattern(b"a\0\0\0\0\0\0\0"), None);
    }
}
