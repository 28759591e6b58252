//! UTF-8 read with a double-byte CJK codec and `errors='replace'`: the wrong decoder replaced
//! each byte it could not read by one U+FFFD (or `?` after a round trip through a codec that
//! writes it), so the garbled text still tells how many bytes there were, but not which.
//!
//! A UTF-8 character whose lead byte survived is decoded by [`super::utf8_char`], which reads
//! a lost continuation byte as part of a lost character. This module reads the characters
//! whose *lead* byte was lost: the UTF-8 stream resynchronises on the continuation bytes that
//! follow, since a continuation byte never starts a character.

use super::Byte;

/// Reads a character whose lead byte at `p` was lost: `(U+FFFD, bytes used, lossy, space)`.
///
/// The character spans the lost byte and the continuation or lost bytes after it. How many is
/// not written anywhere, so the length is chosen among those the stream allows (the byte after
/// the character must be able to start one: not a continuation byte), preferring three bytes,
/// the length of every Han, kana, hangul and CJK punctuation character, then two, then four.
/// A lone lost byte before a character's lead is no UTF-8: the lost byte would have been a
/// character of its own.
pub(super) fn utf8_char_lost_lead(bytes: &[Byte], p: usize) -> Option<(char, usize, bool, bool)> {
    if !matches!(bytes.get(p)?, Byte::Lost) {
        return None;
    }
    // How far the bytes after `p` could continue a character.
    let tail = bytes
        .iter()
        .skip(p + 1)
        .take(3)
        .take_while(|b| matches!(b, Byte::Known(0x80..=0xbf) | Byte::Lost))
        .count();
    let starts_char = |k: usize| !matches!(bytes.get(k), Some(Byte::Known(0x80..=0xbf)));
    [3, 2, 4]
        .into_iter()
        .find(|&n| n <= tail + 1 && starts_char(p + n))
        .map(|n| ('\u{fffd}', n, true, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(s: &[u8]) -> Vec<Byte> {
        s.iter().map(|&b| Byte::Known(b)).collect()
    }

    #[test]
    fn a_lost_lead_takes_its_continuation_bytes() {
        // `中` (E4 B8 AD) with E4 lost, then `文` (E6 96 87).
        let mut b = vec![Byte::Lost];
        b.extend(known(&[0xb8, 0xad, 0xe6, 0x96, 0x87]));
        assert_eq!(utf8_char_lost_lead(&b, 0).map(|r| r.1), Some(3));
    }

    #[test]
    fn lost_bytes_in_a_row_are_read_as_three_byte_characters() {
        let b = vec![Byte::Lost; 6];
        assert_eq!(utf8_char_lost_lead(&b, 0).map(|r| r.1), Some(3));
        // Lost, continuation, lost, continuation, continuation: the second lost byte must
        // be a lead, since a continuation byte cannot start a character.
        let b = vec![
            Byte::Lost,
            Byte::Known(0x80),
            Byte::Lost,
            Byte::Known(0x81),
            Byte::Known(0x82),
        ];
        assert_eq!(utf8_char_lost_lead(&b, 0).map(|r| r.1), Some(2));
        assert_eq!(utf8_char_lost_lead(&b, 2).map(|r| r.1), Some(3));
    }

    #[test]
    fn a_lone_lost_byte_before_a_lead_is_no_character() {
        let mut b = vec![Byte::Lost];
        b.extend(known(&[0xe6, 0x96, 0x87]));
        assert!(utf8_char_lost_lead(&b, 0).is_none());
        assert!(utf8_char_lost_lead(&known(&[0xe6]), 0).is_none());
    }
}
