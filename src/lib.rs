//! # mojifix
//!
//! Turns garbled, scraped text back into the text its author wrote.
//!
//! Scraped text reaches data engineers damaged in layers: bytes decoded with the wrong codec
//! (mojibake), bytes lost and re-paired one off, pinyin readings stuffed after characters,
//! placeholder lines of `?`, ASCII punctuation inside Chinese text, and a script conversion
//! nobody asked for. mojifix undoes each layer in a fixed order of [`Step`]s and can say, for
//! every change, which step made it, where and why ([`Change`]).
//!
//! ```
//! // ASCII punctuation inside Chinese text becomes full width; pinyin readings go.
//! assert_eq!(mojifix::fix("會(huì)議開始了,大家好!"), "會議開始了，大家好！");
//! // Text that is not broken comes back unchanged.
//! assert_eq!(mojifix::fix("Hello, world: 3,000 at 10:30!"), "Hello, world: 3,000 at 10:30!");
//! ```
//!
//! For repeated use, build a [`Fixer`] once and reuse it (it is `Send + Sync`):
//!
//! ```
//! use mojifix::{Fixer, Step};
//! let fixer = Fixer::builder().skip(Step::CjkPunctuation).build();
//! assert_eq!(fixer.fix("好(hǎo),"), "好,");
//! ```
//!
//! Modules, one per concern:
//! - [`decode`]: bytes in any encoding → text.
//! - [`mojibake`]: finding and undoing wrong-codec decodes.
//! - [`realign`]: lost-byte realignment in double-byte text.
//! - [`plausibility`]: the shared judge of how likely a text is.
//! - [`scrape`]: scrape debris (placeholder lines, pinyin, CJK punctuation).
//! - [`normalize`]: Unicode normalization, control characters, line breaks, HTML entities.
//! - [`zh`]: Traditional/Simplified Chinese conversion, OpenCC-exact.
//! - [`pipeline`]: the ordered steps, presets, [`Fixer`] and explain records.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod decode;
mod error;
pub mod mojibake;
pub mod normalize;
pub mod pipeline;
pub mod plausibility;
pub mod realign;
pub mod scrape;
pub mod stream;
pub mod zh;

pub use decode::{decode, decode_with, DecodeOptions, Decoded};
pub use error::Error;
pub use pipeline::{Change, Detail, Explained, Fixer, FixerBuilder, Normalization, Preset, Step};

/// Cleans `text` with the default steps (the [`Preset::Scrape`] preset).
///
/// Equivalent to `Fixer::new().fix(text).into_owned()`, but the default [`Fixer`] is built once
/// per process.
///
/// ```
/// assert_eq!(mojifix::fix("Caf\u{e9}"), "Café");
/// ```
pub fn fix(text: &str) -> String {
    pipeline::default_fixer().fix(text).into_owned()
}

/// Cleans `text` with the default steps and lists every change that was made.
///
/// ```
/// let out = mojifix::fix_and_explain("?\n你好,世界\n");
/// assert_eq!(out.text, "你好，世界\n");
/// assert_eq!(out.changes[0].step, mojifix::Step::PlaceholderLines);
/// assert_eq!(out.changes[1].step, mojifix::Step::CjkPunctuation);
/// ```
pub fn fix_and_explain(text: &str) -> Explained {
    pipeline::default_fixer().fix_and_explain(text)
}
