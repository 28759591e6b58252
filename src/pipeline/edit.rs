//! The rewriter every step writes through: it copies unchanged text lazily, so a step that
//! changes nothing costs a scan and no allocation, and it records each replacement as a
//! [`Change`] when the caller asked for an explanation.

use std::ops::Range;

use super::{Change, Detail, Step};

/// Builds a step's output from its input and a sequence of replacements in text order.
pub(crate) struct Rewriter<'a> {
    input: &'a str,
    step: Step,
    out: Option<String>,
    /// Input before this offset has been copied or replaced.
    done: usize,
    changes: Option<Vec<Change>>,
}

impl<'a> Rewriter<'a> {
    pub(crate) fn new(input: &'a str, step: Step, explain: bool) -> Rewriter<'a> {
        Rewriter {
            input,
            step,
            out: None,
            done: 0,
            changes: explain.then(Vec::new),
        }
    }

    /// The text the step works on.
    pub(crate) fn input(&self) -> &'a str {
        self.input
    }

    /// Whether changes are being recorded (so a step may skip computing costly detail).
    pub(crate) fn explaining(&self) -> bool {
        self.changes.is_some()
    }

    /// Replaces `span` of the input with `after`. Spans must come in text order, must not
    /// overlap and must lie on character boundaries; a replacement equal to the text is ignored.
    pub(crate) fn replace(&mut self, span: Range<usize>, after: &str, detail: Detail) {
        debug_assert!(span.start >= self.done && span.end >= span.start);
        debug_assert!(self.input.is_char_boundary(span.start));
        debug_assert!(self.input.is_char_boundary(span.end));
        let before = &self.input[span.clone()];
        if before == after {
            return;
        }
        let out = self
            .out
            .get_or_insert_with(|| String::with_capacity(self.input.len()));
        out.push_str(&self.input[self.done..span.start]);
        out.push_str(after);
        self.done = span.end;
        if let Some(changes) = &mut self.changes {
            changes.push(Change {
                step: self.step,
                span,
                before: before.to_string(),
                after: after.to_string(),
                detail,
            });
        }
    }

    /// Replaces the whole input with `after`, recording the smallest changed span. For steps
    /// that transform text as a whole.
    pub(crate) fn replace_all_narrowed(&mut self, after: &str, detail: Detail) {
        self.replace_narrowed(0..self.input.len(), after, detail);
    }

    /// Replaces `span` with `after`, recording only the part that differs (the common prefix
    /// and suffix are cut off).
    pub(crate) fn replace_narrowed(&mut self, span: Range<usize>, after: &str, detail: Detail) {
        let before = &self.input[span.clone()];
        let prefix = common_prefix(before, after);
        let suffix = common_suffix(&before[prefix..], &after[prefix..]);
        self.replace(
            span.start + prefix..span.end - suffix,
            &after[prefix..after.len() - suffix],
            detail,
        );
    }

    /// The output (`None` when nothing changed) and the recorded changes.
    pub(crate) fn finish(self) -> (Option<String>, Vec<Change>) {
        let out = self.out.map(|mut out| {
            out.push_str(&self.input[self.done..]);
            out
        });
        (out, self.changes.unwrap_or_default())
    }
}

/// Length in bytes of the longest common prefix of `a` and `b`, on a char boundary.
pub(crate) fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
        .min(a.len())
        .min(b.len())
}

/// Length in bytes of the longest common suffix of `a` and `b`, on a char boundary.
pub(crate) fn common_suffix(a: &str, b: &str) -> usize {
    let mut n = 0;
    for (x, y) in a.chars().rev().zip(b.chars().rev()) {
        if x != y {
            break;
        }
        n += x.len_utf8();
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untouched_input_allocates_nothing() {
        let rw = Rewriter::new("abc", Step::Normalize, true);
        let (out, changes) = rw.finish();
        assert!(out.is_none() && changes.is_empty());
    }

    #[test]
    fn replacements_are_recorded_in_order() {
        let mut rw = Rewriter::new("a,b,c", Step::CjkPunctuation, true);
        rw.replace(1..2, "，", Detail::None);
        rw.replace(3..4, "，", Detail::None);
        let (out, changes) = rw.finish();
        assert_eq!(out.unwrap(), "a，b，c");
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[1].span, 3..4);
    }

    #[test]
    fn narrowed_span() {
        let mut rw = Rewriter::new("xx漢字yy", Step::Convert, true);
        rw.replace_all_narrowed("xx汉字yy", Detail::None);
        let (out, changes) = rw.finish();
        assert_eq!(out.unwrap(), "xx汉字yy");
        assert_eq!(changes[0].span, 2..5);
        assert_eq!(changes[0].before, "漢");
    }
}
