//! Unicode normalization (NFC/NFKC), control characters, line breaks, a leading BOM and HTML
//! entities.
//!
//! Owns code-point level clean-up. Does not touch CJK punctuation width ([`crate::scrape`]).

use crate::pipeline::{Normalization, Rewriter};

/// The pipeline's `normalize` step.
pub(crate) fn normalize_step(rw: &mut Rewriter<'_>, form: Normalization) {
    let _ = (rw, form);
}

/// The pipeline's `html-entities` step.
pub(crate) fn html_entities(rw: &mut Rewriter<'_>) {
    let _ = rw;
}
