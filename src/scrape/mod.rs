//! Scrape debris: placeholder lines, pinyin annotations, ASCII punctuation in CJK text.
//!
//! Owns the three text-level clean-ups that do not involve encodings. Does not repair mojibake,
//! normalize Unicode or convert script.

use crate::pipeline::Rewriter;

/// The pipeline's `placeholder-lines` step.
pub(crate) fn placeholder_lines(rw: &mut Rewriter<'_>) {
    let _ = rw;
}
/// The pipeline's `pinyin` step.
pub(crate) fn pinyin(rw: &mut Rewriter<'_>) {
    let _ = rw;
}
/// The pipeline's `cjk-punctuation` step.
pub(crate) fn cjk_punctuation(rw: &mut Rewriter<'_>) {
    let _ = rw;
}
