//! Irrecoverable damage: markers that say bytes were lost, never repaired into other garbage.
//!
//! - `锟斤拷`: U+FFFD (already a loss) encoded as UTF-8, `EF BF BD`, read as GBK; each
//!   U+FFFD in it stood for one lost character.
//! - `烫烫烫` / `屯屯屯`: uninitialised stack (0xCC) or heap (0xCD) memory of MSVC debug builds
//!   read as GBK; one marker per lost character.
//! - Runs of U+FFFD: a lossy decode already marked each loss; reported, left as they are.

use std::ops::Range;

/// One irrecoverable marker found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LostMarker {
    /// Byte range of the marker.
    pub span: Range<usize>,
    /// How many characters it stands for (the number of U+FFFD it collapses to).
    pub lost: usize,
    /// What kind of marker it is, in words.
    pub kind: &'static str,
}

/// Every irrecoverable marker of `text`, in text order.
///
/// ```
/// use mojifix::mojibake::lost_markers;
/// let m = lost_markers("a锟斤拷锟斤拷b");
/// assert_eq!(m.len(), 1);
/// assert_eq!(m[0].lost, 4);
/// assert!(lost_markers("clean text").is_empty());
/// ```
pub fn lost_markers(text: &str) -> Vec<LostMarker> {
    let mut out = Vec::new();
    if text.is_ascii() {
        return out;
    }
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with("锟斤拷") {
            let mut end = i;
            let mut n = 0;
            while text[end..].starts_with("锟斤拷") {
                end += "锟斤拷".len();
                n += 2;
            }
            out.push(LostMarker {
                span: i..end,
                lost: n,
                kind: "U+FFFD encoded as UTF-8 and read as GBK (锟斤拷): characters lost",
            });
            i = end;
            continue;
        }
        let c = rest.chars().next().unwrap_or('\0');
        if c == '烫' || c == '屯' {
            let n = rest.chars().take_while(|&x| x == c).count();
            // One 烫 can be a real word (烫手); uninitialised memory comes in runs.
            if n >= 3 {
                let end = i + n * c.len_utf8();
                out.push(LostMarker {
                    span: i..end,
                    lost: n,
                    kind: "uninitialised memory read as GBK (烫烫烫/屯屯屯): characters lost",
                });
                i = end;
                continue;
            }
        }
        if c == '\u{fffd}' {
            let n = rest.chars().take_while(|&x| x == c).count();
            if n >= 2 {
                let end = i + n * c.len_utf8();
                out.push(LostMarker {
                    span: i..end,
                    lost: n,
                    kind: "run of U+FFFD: characters lost in an earlier decode",
                });
                i = end;
                continue;
            }
        }
        i += c.len_utf8().max(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_family() {
        let m = lost_markers("x烫烫烫烫y屯屯屯z\u{fffd}\u{fffd}");
        assert_eq!(m.len(), 3);
        assert_eq!((m[0].lost, m[1].lost, m[2].lost), (4, 3, 2));
        assert!(lost_markers("烫手的山芋").is_empty());
    }
}
