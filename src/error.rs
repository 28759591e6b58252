//! The library's one error type: what a caller can get wrong at the API boundary.
//!
//! Text itself never produces an error: every `&str` and `&[u8]` is accepted, and damage that
//! cannot be repaired is reported in explain records, not raised.

/// An error from a name or label given to the library.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A step name that is not one of [`Step::ALL`](crate::Step::ALL).
    #[error("unknown step {name:?} (known steps: {known})")]
    UnknownStep {
        /// The name as given.
        name: String,
        /// The known names, comma-separated.
        known: String,
    },
    /// An OpenCC configuration name that is not one of the 16 built in.
    #[error("unknown conversion config {name:?} (known: {known})")]
    UnknownConfig {
        /// The name as given.
        name: String,
        /// The known names, comma-separated.
        known: String,
    },
    /// An encoding label that the WHATWG Encoding Standard does not know.
    #[error("unknown encoding label {0:?}")]
    UnknownEncoding(String),
    /// Bytes that are not valid UTF-8 where UTF-8 was required.
    #[error("invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
    },
}
