//! Finding and undoing wrong-codec decodes (mojibake), span by span, several layers deep, and
//! reporting what cannot be recovered.
//!
//! Owns candidate generation (which wrong codec, which right one) and the decision to accept a
//! repair, which it asks of [`crate::plausibility`]. Does not decode raw bytes
//! ([`crate::decode`]), realign lost bytes ([`crate::realign`]) or convert script.

use std::borrow::Cow;

use crate::pipeline::Rewriter;

/// Whether `text` contains a span that looks like mojibake.
pub fn is_garbled(text: &str) -> bool {
    let _ = text;
    false
}

/// Repairs every garbled span of `text`; borrows it back when nothing was garbled.
pub fn repair(text: &str) -> Cow<'_, str> {
    Cow::Borrowed(text)
}

/// The pipeline's `mojibake` step.
pub(crate) fn repair_step(rw: &mut Rewriter<'_>) {
    let _ = rw;
}

/// The pipeline's `lost-markers` step.
pub(crate) fn lost_markers_step(rw: &mut Rewriter<'_>) {
    let _ = rw;
}
