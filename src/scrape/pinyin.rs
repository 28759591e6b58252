//! `pinyin`: readings that pinyin-stuffing mirrors put after characters (`會(huì)議`).
//!
//! An annotation is removed only when every syllable in it is a reading of the character it
//! follows (or, for `(jiàn shè)`/`(jiànshè)`, of the characters it follows, one syllable each).
//! Readings come from the `pinyin` crate's heteronym table (generated from the Unihan database
//! and others by the pinyin-data project, MIT). Tones are not compared: reading tables disagree
//! on tones at the edges and leave out neutral tones (`們(men)`, `個(ge)`), while a syllable that
//! is no reading of the character at all (`銀行(bank)`, `函数(x)`) is never taken.

use std::borrow::Cow;

use pinyin::ToPinyinMulti;

use crate::pipeline::{Detail, Rewriter};
use crate::plausibility::is_han;

/// The most characters one annotation may cover (`(zhōng huá rén mín)`).
const MAX_CHARS: usize = 6;
/// The longest annotation body looked at, in bytes.
const MAX_BODY: usize = 64;

pub(crate) fn pinyin(rw: &mut Rewriter<'_>) {
    let text = rw.input();
    let bytes = text.as_bytes();
    let mut search = 0;
    // The span of the last annotation removed, and where the text it followed ends: an
    // annotation right after it follows the same characters once it is gone (`會(huì)(huì)`),
    // so it is judged against them.
    let mut removed = 0..0;
    let mut removed_context = 0;
    // `(` is ASCII; `（` is EF BC 88: both found by one memchr on their first byte.
    while let Some(off) = memchr::memchr2(b'(', 0xEF, &bytes[search..]) {
        let open = search + off;
        search = open + 1;
        let open_len = if bytes[open] == b'(' {
            1
        } else if text[open..].starts_with('（') {
            '（'.len_utf8()
        } else {
            continue;
        };
        let context_end = if open == removed.end && open > 0 {
            removed_context
        } else {
            open
        };
        if let Some(end) = annotation_end(text, context_end, open, open_len) {
            removed = open..end;
            removed_context = context_end;
            rw.replace(
                open..end,
                "",
                Detail::Reason {
                    reason: Cow::Borrowed("reading of the character(s) before it"),
                },
            );
            search = end;
        }
    }
}

/// If an annotation opens at `open`, the end of its span. `text[..context_end]` is what
/// precedes it once earlier annotations are gone.
fn annotation_end(text: &str, context_end: usize, open: usize, open_len: usize) -> Option<usize> {
    let before: Vec<char> = text[..context_end]
        .chars()
        .rev()
        .take_while(|&c| is_han(c))
        .take(MAX_CHARS)
        .collect();
    if before.is_empty() {
        return None;
    }
    let body_start = open + open_len;
    let rest = &text[body_start..];
    let mut body_end = None;
    let mut span_end = text.len();
    let mut closed = false;
    for (i, c) in rest.char_indices() {
        if i > MAX_BODY {
            return None;
        }
        match c {
            ')' | '）' => {
                body_end = Some(body_start + i);
                span_end = body_start + i + c.len_utf8();
                closed = true;
                break;
            }
            '\n' | '\r' => {
                body_end = Some(body_start + i);
                span_end = body_start + i;
                break;
            }
            ' ' | '\'' | '-' | '1'..='5' => {}
            c if syllable_char(c).is_some() => {}
            _ => return None,
        }
    }
    let body = &text[body_start..body_end.unwrap_or(text.len())];
    let syllables: Vec<String> = body
        .split([' ', '\'', '-'])
        .filter(|s| !s.is_empty())
        .map(toneless)
        .collect::<Option<_>>()?;
    if syllables.is_empty() {
        // `態勢(` at the end of a line: a line cut right after an annotation opened. Only an
        // ASCII bracket, which Chinese text does not open and leave at a line's end.
        let cut = !closed && open_len == 1 && body.is_empty();
        return cut.then_some(span_end);
    }
    // Characters in reading order: the last `k` Han characters before the bracket.
    let chars: Vec<char> = before.into_iter().rev().collect();
    let ok = if syllables.len() > 1 {
        let k = syllables.len();
        k <= chars.len()
            && chars[chars.len() - k..]
                .iter()
                .zip(&syllables)
                .enumerate()
                .all(|(i, (&c, s))| {
                    if i + 1 == k && !closed {
                        is_reading_prefix(c, s)
                    } else {
                        is_reading(c, s)
                    }
                })
    } else {
        let s = &syllables[0];
        (1..=chars.len()).any(|k| segments(s, &chars[chars.len() - k..], !closed))
    };
    ok.then_some(span_end)
}

/// Whether `s` is the concatenation of one reading of each of `chars`; when `partial`, the
/// last reading may be cut short (a line cut inside the annotation).
fn segments(s: &str, chars: &[char], partial: bool) -> bool {
    let Some((&c, rest)) = chars.split_first() else {
        return s.is_empty();
    };
    if rest.is_empty() && partial {
        return !s.is_empty() && is_reading_prefix(c, s);
    }
    readings(c).any(|r| {
        s.strip_prefix(r)
            .is_some_and(|t| segments(t, rest, partial))
    })
}

fn is_reading(c: char, syllable: &str) -> bool {
    readings(c).any(|r| r == syllable)
}

fn is_reading_prefix(c: char, prefix: &str) -> bool {
    readings(c).any(|r| r.starts_with(prefix))
}

/// The toneless readings of `c` (the `pinyin` crate's plain spelling, which [`toneless`]
/// matches: lower case, `ü` and `ê` kept).
fn readings(c: char) -> impl Iterator<Item = &'static str> {
    c.to_pinyin_multi()
        .into_iter()
        .flat_map(|m| m.into_iter())
        .map(|p| p.plain())
}

/// A syllable without tone, lower case, `ü` for `v` and `u:`; `None` if it holds anything but
/// pinyin letters (tone numbers 1–5 are accepted and dropped).
fn toneless(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '1'..='5' if chars.peek().is_none() && !out.is_empty() => {}
            // `u:` is the ASCII spelling of `ü` in some dictionaries.
            'u' | 'U' if chars.peek() == Some(&':') => {
                chars.next();
                out.push('ü');
            }
            c => out.push(syllable_char(c)?),
        }
    }
    Some(out)
}

/// The toneless letter for a pinyin letter, `None` for anything else.
fn syllable_char(c: char) -> Option<char> {
    Some(match c {
        'v' | 'V' => 'ü',
        'a'..='z' => c,
        'A'..='Z' => c.to_ascii_lowercase(),
        'ā' | 'á' | 'ǎ' | 'à' | 'Ā' | 'Á' | 'Ǎ' | 'À' => 'a',
        'ē' | 'é' | 'ě' | 'è' | 'Ē' | 'É' | 'Ě' | 'È' => 'e',
        'ê' | 'ế' | 'ề' => 'ê',
        'ī' | 'í' | 'ǐ' | 'ì' | 'Ī' | 'Í' | 'Ǐ' | 'Ì' => 'i',
        'ō' | 'ó' | 'ǒ' | 'ò' | 'Ō' | 'Ó' | 'Ǒ' | 'Ò' => 'o',
        'ū' | 'ú' | 'ǔ' | 'ù' | 'Ū' | 'Ú' | 'Ǔ' | 'Ù' => 'u',
        'ü' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'Ü' | 'Ǖ' | 'Ǘ' | 'Ǚ' | 'Ǜ' => 'ü',
        'ń' | 'ň' | 'ǹ' => 'n',
        'ḿ' => 'm',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use crate::scrape::strip_pinyin as strip;

    #[test]
    fn removes_readings() {
        assert_eq!(strip("會(huì)議"), "會議");
        assert_eq!(strip("我們(men)的"), "我們的");
        assert_eq!(strip("兩個(ge)人"), "兩個人");
        assert_eq!(strip("建設(jiàn shè)"), "建設");
        assert_eq!(strip("建設(jiànshè)"), "建設");
        assert_eq!(strip("綠(lǜ)色"), "綠色");
        assert_eq!(strip("綠(lv4)色"), "綠色");
        assert_eq!(strip("會（huì）議"), "會議");
        assert_eq!(strip("區(qū)"), "區");
        assert_eq!(strip("會(huì)(huì)會"), "會會");
    }

    #[test]
    fn removes_truncated_annotation_at_line_end() {
        assert_eq!(strip("態勢(shì"), "態勢");
        assert_eq!(strip("態勢(sh\n下一行"), "態勢\n下一行");
        assert_eq!(strip("建設(jiàn sh"), "建設");
        assert_eq!(strip("態勢(\n下"), "態勢\n下");
    }

    #[test]
    fn leaves_non_readings() {
        for s in [
            "銀行(bank)",
            "函数(x)",
            "(注)",
            "注(注)",
            "會 (huì)",
            "abc(hui)",
            "會(hua)",
            "建設(jiàn xyz)",
            "會()",
            "函数(f(x))",
            "會(huì-x)",
            "會（\n",
            "會( x",
        ] {
            assert_eq!(strip(s), s, "{s:?}");
        }
    }
}
