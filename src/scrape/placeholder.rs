//! `placeholder-lines`: lines that hold nothing but lost-character marks.

use std::borrow::Cow;

use crate::pipeline::{Detail, Rewriter};

/// What a placeholder line may contain: at least one lost-character mark, and spaces.
fn is_placeholder_line(line: &str) -> bool {
    let mut marks = false;
    for c in line.chars() {
        match c {
            '?' | '？' | '\u{FFFD}' => marks = true,
            ' ' | '\t' | '\r' | '\u{3000}' | '\u{A0}' => {}
            _ => return false,
        }
    }
    marks
}

pub(crate) fn placeholder_lines(rw: &mut Rewriter<'_>) {
    let text = rw.input();
    // Fast path: no mark at all, or no line break (a one-line text made only of `?` is left
    // alone: dropping it would empty the record, not clean it).
    if !text.contains('\n')
        || !(text.contains('?') || text.contains('？') || text.contains('\u{FFFD}'))
    {
        return;
    }
    let lines: Vec<(usize, &str)> = line_spans(text).collect();
    if lines
        .iter()
        .all(|&(_, l)| is_placeholder_line(l.trim_end_matches('\n')))
    {
        return;
    }
    for &(start, line) in &lines {
        if !is_placeholder_line(line.trim_end_matches('\n')) {
            continue;
        }
        // The line goes with its own line break; a last line without one leaves the break
        // of the line before it, which belongs to that line.
        let span = start..start + line.len();
        rw.replace(
            span,
            "",
            Detail::Reason {
                reason: Cow::Borrowed("line holds only lost-character placeholders"),
            },
        );
    }
}

/// Lines with their start offsets, each with its `\n` if it has one.
fn line_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |pos, line| {
        let start = *pos;
        *pos += line.len();
        Some((start, line))
    })
}

#[cfg(test)]
mod tests {
    use crate::scrape::drop_placeholder_lines as drop;

    #[test]
    fn drops_placeholder_lines() {
        assert_eq!(drop("a\n?\n?\n?\nb\n"), "a\nb\n");
        assert_eq!(drop("a\n？？\n\u{FFFD} \nb"), "a\nb");
        assert_eq!(drop("a\r\n?\r\nb"), "a\r\nb");
        assert_eq!(drop("a\n?"), "a\n");
    }

    #[test]
    fn keeps_real_lines() {
        for s in ["a?\nb", "?\n", "???", "为什么?\n是", "a\n\nb", "a\n?b\n"] {
            assert_eq!(drop(s), s, "{s:?}");
        }
    }
}
