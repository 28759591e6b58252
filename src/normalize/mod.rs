//! Code-point level clean-up: a leading BOM, line breaks (CRLF and CR become LF), control
//! characters (C0 except tab and newline, DEL, C1), Unicode normalization (NFC by default,
//! NFKC as an option) and HTML entities.
//!
//! Owns nothing language-specific: CJK punctuation width is [`crate::scrape`]'s, and C1
//! controls that are really mojibake are repaired by [`crate::mojibake`] before this runs.
//!
//! ```
//! use mojifix::{normalize, Normalization};
//! assert_eq!(normalize::normalize("\u{feff}e\u{301}\r\nx\u{7}", Normalization::Nfc), "é\nx");
//! assert_eq!(normalize::unescape_html("Tom &amp; Jerry &#20013;&#x6587;"), "Tom & Jerry 中文");
//! ```

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, is_nfkc_quick, IsNormalized, UnicodeNormalization};

use crate::pipeline::{Detail, Normalization, Rewriter, Step};

/// Applies the `normalize` step to `text` with the given form.
pub fn normalize(text: &str, form: Normalization) -> Cow<'_, str> {
    let mut rw = Rewriter::new(text, Step::Normalize, false);
    normalize_step(&mut rw, form);
    rw.finish().0.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// Decodes HTML character references (`&amp;`, `&eacute;`, `&#20013;`, `&#x4E2D;`, and
/// doubly escaped ones like `&amp;lt;`) unless the text looks like HTML markup.
pub fn unescape_html(text: &str) -> Cow<'_, str> {
    let mut rw = Rewriter::new(text, Step::HtmlEntities, false);
    html_entities(&mut rw);
    rw.finish().0.map_or(Cow::Borrowed(text), Cow::Owned)
}

fn is_removed_control(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// Characters that are in NFC and never compose with the character before them, so a line
/// made only of them needs no normalization table look-up (the unit test checks every one
/// against the Unicode data).
fn nfc_inert(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | ' '..='~' | '\u{a0}'..='\u{2ff}'
        | '\u{3000}'..='\u{3029}' | '\u{3030}'..='\u{3098}' | '\u{309b}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{ff01}'..='\u{ffef}')
}

fn needs_work(line: &str, form: Normalization) -> bool {
    if form == Normalization::Nfc && line.chars().all(nfc_inert) {
        return false;
    }
    let quick = match form {
        Normalization::Nfc => is_nfc_quick(line.chars()),
        Normalization::Nfkc => is_nfkc_quick(line.chars()),
        Normalization::None => IsNormalized::Yes,
    };
    quick != IsNormalized::Yes || line.chars().any(|c| c == '\r' || is_removed_control(c))
}

/// The pipeline's `normalize` step, line by line (a line break never combines, so each line
/// normalizes on its own and changes are reported where they are).
pub(crate) fn normalize_step(rw: &mut Rewriter<'_>, form: Normalization) {
    let text = rw.input();
    let mut pos = 0;
    if text.starts_with('\u{feff}') {
        rw.replace(
            0..3,
            "",
            Detail::Reason {
                reason: Cow::Borrowed("leading byte order mark"),
            },
        );
        pos = 3;
    }
    // ASCII without CR or controls is already in every normalization form.
    if text
        .bytes()
        .all(|b| (b' '..0x7f).contains(&b) || b == b'\n' || b == b'\t')
    {
        return;
    }
    for line in text[pos..].split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        if !needs_work(line, form) {
            continue;
        }
        // CRLF and lone CR both become LF.
        let mut cleaned = String::with_capacity(line.len());
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    if chars.peek() != Some(&'\n') {
                        cleaned.push('\n');
                    }
                }
                c if is_removed_control(c) => {}
                c => cleaned.push(c),
            }
        }
        let after: String = match form {
            Normalization::Nfc => cleaned.nfc().collect(),
            Normalization::Nfkc => cleaned.nfkc().collect(),
            Normalization::None => cleaned,
        };
        rw.replace_narrowed(
            start..pos,
            &after,
            Detail::Reason {
                reason: Cow::Borrowed(match form {
                    Normalization::Nfc => "NFC, control characters, line breaks",
                    Normalization::Nfkc => "NFKC, control characters, line breaks",
                    Normalization::None => "control characters, line breaks",
                }),
            },
        );
    }
}

/// Canonical composition (NFC) and removal of C0 controls and DEL, line by line: the pipeline
/// runs it before the repair steps when `normalize` is on, so they judge text as decoders
/// write it (C1 controls stay: they are evidence of mojibake, and `normalize` removes what is
/// left of them after the repairs).
pub(crate) fn compose_step(rw: &mut Rewriter<'_>) {
    let text = rw.input();
    if text.chars().all(nfc_inert) {
        return;
    }
    let c0 =
        |c: char| matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}');
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        if line.chars().all(nfc_inert)
            || (is_nfc_quick(line.chars()) == IsNormalized::Yes && !line.chars().any(c0))
        {
            continue;
        }
        let after: String = line.chars().filter(|&c| !c0(c)).nfc().collect();
        rw.replace_narrowed(
            start..pos,
            &after,
            Detail::Reason {
                reason: Cow::Borrowed("NFC and C0 controls, before repairs"),
            },
        );
    }
}

/// Whether `text` looks like HTML markup, where entities must stay escaped.
fn looks_like_markup(text: &str) -> bool {
    memchr::memchr_iter(b'<', text.as_bytes()).any(|i| {
        text[i + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '/' || c == '!')
    })
}

/// The longest character reference looked at (`&CounterClockwiseContourIntegral;`).
const MAX_ENTITY: usize = 40;

/// The pipeline's `html-entities` step.
pub(crate) fn html_entities(rw: &mut Rewriter<'_>) {
    let text = rw.input();
    if memchr::memchr(b'&', text.as_bytes()).is_none() || looks_like_markup(text) {
        return;
    }
    let mut search = 0;
    while let Some(off) = memchr::memchr(b'&', &text.as_bytes()[search..]) {
        let start = search + off;
        search = start + 1;
        let Some((end, decoded)) = decode_reference(text, start) else {
            continue;
        };
        rw.replace(
            start..end,
            &decoded,
            Detail::Reason {
                reason: Cow::Borrowed("HTML character reference"),
            },
        );
        search = end;
    }
}

/// Decodes the reference at `start` (which holds `&`), following double escapes
/// (`&amp;lt;` is `<`): the end of what it covers and what it stands for.
fn decode_reference(text: &str, start: usize) -> Option<(usize, String)> {
    let (mut end, mut decoded) = one_reference(text, start)?;
    // `&amp;` followed by `name;` was escaped twice: decode the pair as one.
    while decoded == "&" {
        let Some((next_end, next)) = one_reference_after_amp(text, end) else {
            break;
        };
        end = next_end;
        decoded = next;
    }
    Some((end, decoded))
}

fn one_reference(text: &str, start: usize) -> Option<(usize, String)> {
    let tail = &text[start + 1..];
    let semi = tail.bytes().take(MAX_ENTITY).position(|b| b == b';')?;
    let body = &tail[..semi];
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'#') {
        return None;
    }
    let candidate = &text[start..start + 1 + semi + 1];
    match htmlize::unescape(candidate) {
        Cow::Owned(s) if !s.contains('\u{FFFD}') || candidate.contains("65533") => {
            Some((start + candidate.len(), s))
        }
        _ => None,
    }
}

fn one_reference_after_amp(text: &str, at: usize) -> Option<(usize, String)> {
    let tail = &text[at..];
    let semi = tail.bytes().take(MAX_ENTITY).position(|b| b == b';')?;
    let body = &tail[..semi];
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'#') {
        return None;
    }
    let candidate = format!("&{body};");
    match htmlize::unescape(&candidate) {
        Cow::Owned(s) if !s.contains('\u{FFFD}') => Some((at + semi + 1, s)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_and_controls() {
        let n = |s| normalize(s, Normalization::Nfc);
        assert_eq!(n("a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(n("a\u{0}b\u{85}c\u{9f}\td"), "abc\td");
        assert_eq!(n("\u{feff}x"), "x");
        assert_eq!(n("x\u{feff}"), "x\u{feff}");
        assert!(matches!(n("plain\ttext\n中文。"), Cow::Borrowed(_)));
    }

    #[test]
    fn inert_characters_are_nfc_and_start_no_composition() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| nfc_inert(c))
        {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            // Nothing composes with an inert character as its second part.
            let pair: String = ['a', c].iter().collect();
            assert_eq!(pair.nfc().count(), 2, "{c:?}");
        }
    }

    #[test]
    fn forms() {
        assert_eq!(normalize("e\u{301}", Normalization::Nfc), "é");
        assert_eq!(normalize("ＡＢ①", Normalization::Nfc), "ＡＢ①");
        assert_eq!(normalize("ＡＢ①", Normalization::Nfkc), "AB1");
        assert_eq!(normalize("e\u{301}", Normalization::None), "e\u{301}");
    }

    #[test]
    fn entities() {
        assert_eq!(unescape_html("&lt;b&gt; &eacute;"), "<b> é");
        assert_eq!(unescape_html("&amp;lt;"), "<");
        assert_eq!(unescape_html("&amp;amp;"), "&");
        assert_eq!(
            unescape_html("AT&T; R&D &nosuch; & ;"),
            "AT&T; R&D &nosuch; & ;"
        );
        assert_eq!(unescape_html("<p>&amp;</p>"), "<p>&amp;</p>");
        assert_eq!(unescape_html("&#0; &#xD800;"), "&#0; &#xD800;");
    }
}
