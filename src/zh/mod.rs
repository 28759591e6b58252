//! Traditional/Simplified Chinese conversion with OpenCC 1.4.2's 16 configurations and its own
//! dictionaries, output identical to OpenCC's, in pure Rust.
//!
//! Owns the conversion engine and the compiled dictionaries; does not decide *whether* text
//! should be converted (that is the caller's or the pipeline's `convert` step).
//!
//! The dictionaries (OpenCC 1.4.2's, Apache-2.0, see `data/opencc/README.md`) are compiled by
//! `build.rs` into double-array tries embedded in the binary: nothing is read or parsed at run
//! time, and [`Converter::new`] is immediate.
//!
//! ```
//! use mojifix::zh::{Config, Converter};
//! let t2s = Converter::new(Config::T2s);
//! assert_eq!(t2s.convert("漢字轉換"), "汉字转换");
//! let s2twp = Converter::new("s2twp.json".parse().unwrap());
//! assert_eq!(s2twp.convert("鼠标和内存"), "滑鼠和記憶體");
//! ```
//!
//! Large inputs convert chunk by chunk with the same result as whole, in bounded memory:
//! see [`ChunkConverter`] and [`Converter::convert_io`].
//!
//! # Exactness
//! OpenCC 1.4.2's semantics are reproduced step by step (normalization pass, `mmseg`
//! segmentation, each conversion stage per segment, `short_circuit` and `union` groups, the
//! tofu-risk `TSCharactersExt` included as in OpenCC's tests and Python package, ideographic
//! description sequences such as `⿰木養` passed through whole). All 543 cases of OpenCC's test
//! suite pass, and `scripts/zh_diff.py` compares byte for byte with OpenCC on 32 MB of real
//! text for all 16 configurations. One deliberate difference: OpenCC stops at a U+0000
//! character and drops the rest of the text; this converter converts the whole text.

mod engine;

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::error::Error;
use crate::pipeline::{Detail, Rewriter};

/// One of OpenCC 1.4.2's 16 built-in configurations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Config {
    S2t,
    T2s,
    S2tw,
    Tw2s,
    S2twp,
    Tw2sp,
    S2hk,
    Hk2s,
    S2hkp,
    Hk2sp,
    T2tw,
    Tw2t,
    T2hk,
    Hk2t,
    T2jp,
    Jp2t,
}

impl Config {
    /// All 16 configurations.
    pub const ALL: [Config; 16] = [
        Config::S2t,
        Config::T2s,
        Config::S2tw,
        Config::Tw2s,
        Config::S2twp,
        Config::Tw2sp,
        Config::S2hk,
        Config::Hk2s,
        Config::S2hkp,
        Config::Hk2sp,
        Config::T2tw,
        Config::Tw2t,
        Config::T2hk,
        Config::Hk2t,
        Config::T2jp,
        Config::Jp2t,
    ];

    /// OpenCC's name for the configuration (`"t2s"`).
    pub const fn name(self) -> &'static str {
        match self {
            Config::S2t => "s2t",
            Config::T2s => "t2s",
            Config::S2tw => "s2tw",
            Config::Tw2s => "tw2s",
            Config::S2twp => "s2twp",
            Config::Tw2sp => "tw2sp",
            Config::S2hk => "s2hk",
            Config::Hk2s => "hk2s",
            Config::S2hkp => "s2hkp",
            Config::Hk2sp => "hk2sp",
            Config::T2tw => "t2tw",
            Config::Tw2t => "tw2t",
            Config::T2hk => "t2hk",
            Config::Hk2t => "hk2t",
            Config::T2jp => "t2jp",
            Config::Jp2t => "jp2t",
        }
    }
}

impl fmt::Display for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Config {
    type Err = Error;

    /// Parses `"t2s"` or OpenCC's file name `"t2s.json"`, in any case.
    fn from_str(s: &str) -> Result<Config, Error> {
        let lower = s.trim().to_ascii_lowercase();
        let name = lower.strip_suffix(".json").unwrap_or(&lower);
        Config::ALL
            .into_iter()
            .find(|c| c.name() == name)
            .ok_or_else(|| Error::UnknownConfig {
                name: s.to_string(),
                known: Config::ALL.map(Config::name).join(", "),
            })
    }
}

/// A converter for one configuration: build once, share freely (`Send + Sync`).
#[derive(Clone)]
pub struct Converter {
    config: Config,
    plan: engine::Plan,
}

impl fmt::Debug for Converter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Converter")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Converter {
    /// The converter for `config`. Cheap: the tables are static.
    pub fn new(config: Config) -> Converter {
        Converter {
            config,
            plan: engine::Plan::new(config.name()),
        }
    }

    /// The configuration this converter applies.
    pub fn config(&self) -> Config {
        self.config
    }

    /// Converts `text`; borrows it back when nothing changes.
    ///
    /// ```
    /// # use mojifix::zh::{Config, Converter};
    /// use std::borrow::Cow;
    /// let s2t = Converter::new(Config::S2t);
    /// assert!(matches!(s2t.convert("plain ASCII"), Cow::Borrowed(_)));
    /// assert_eq!(s2t.convert("头发"), "頭髮");
    /// ```
    pub fn convert<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut out = String::new();
        if self
            .plan
            .convert(text, &mut out, &mut engine::Scratch::default())
        {
            Cow::Owned(out)
        } else {
            Cow::Borrowed(text)
        }
    }

    /// Appends the conversion of `text` to `out`.
    pub fn convert_into(&self, text: &str, out: &mut String) {
        if !self
            .plan
            .convert(text, out, &mut engine::Scratch::default())
        {
            out.push_str(text);
        }
    }

    /// The longest prefix of `text` that converts independently of what follows it: its
    /// length in bytes (0 if there is none).
    ///
    /// It ends after the last character that occurs in no dictionary key (ASCII, line breaks,
    /// CJK punctuation…): no match of any stage can reach across such a character, so
    /// `convert(a + b) == convert(a) + convert(b)` when `a` is this prefix.
    ///
    /// ```
    /// # use mojifix::zh::{Config, Converter};
    /// let c = Converter::new(Config::S2t);
    /// let text = "第一行。\n头发";
    /// let cut = c.split_point(text);
    /// assert_eq!(&text[..cut], "第一行。\n");
    /// ```
    pub fn split_point(&self, text: &str) -> usize {
        let alpha = self.plan.alphabet();
        // Characters since the candidate cut: a cut closer than a whole description sequence
        // after an operator might fall inside that sequence.
        let mut candidate: Option<usize> = None;
        let mut since = 0;
        for (i, c) in text.char_indices().rev() {
            if engine::is_ids_operator(c) {
                candidate = None;
            } else if candidate.is_some() {
                since += 1;
                if since >= engine::IDS_MAX_CHARS {
                    break;
                }
            }
            if candidate.is_none() && alpha.is_break(c) && !engine::is_ids_operator(c) {
                candidate = Some(i + c.len_utf8());
                since = 0;
            }
        }
        candidate.unwrap_or(0)
    }

    /// A streaming converter: feed chunks, get the same output as converting the whole.
    pub fn chunks(&self) -> ChunkConverter<'_> {
        ChunkConverter {
            converter: self,
            pending: String::new(),
            scratch: engine::Scratch::default(),
        }
    }

    /// Converts UTF-8 text from `reader` to `writer` chunk by chunk (what `opencc -c` does).
    /// Memory stays bounded by the chunk size plus the longest stretch of text without a split
    /// point (see [`split_point`](Self::split_point)).
    ///
    /// # Errors
    /// I/O errors from either side, and [`std::io::ErrorKind::InvalidData`] when the input is
    /// not UTF-8.
    pub fn convert_io(
        &self,
        mut reader: impl std::io::Read,
        mut writer: impl std::io::Write,
    ) -> std::io::Result<()> {
        const CHUNK: usize = 1 << 16;
        let mut chunks = self.chunks();
        let mut buf = vec![0u8; CHUNK];
        // Bytes of an incomplete UTF-8 character carried to the next read.
        let mut carry = 0;
        let mut out = String::new();
        loop {
            let n = match reader.read(&mut buf[carry..]) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            let filled = carry + n;
            // Leave out an incomplete character at the end (it waits for the next read)
            // unless the input has ended; validate the rest once.
            let end = if n > 0 {
                complete_prefix(&buf[..filled])
            } else {
                filled
            };
            let text = std::str::from_utf8(&buf[..end])
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
            let valid = text.len();
            out.clear();
            chunks.push(text, &mut out);
            writer.write_all(out.as_bytes())?;
            buf.copy_within(valid..filled, 0);
            carry = filled - valid;
            if n == 0 {
                break;
            }
        }
        out.clear();
        chunks.finish(&mut out);
        writer.write_all(out.as_bytes())?;
        writer.flush()
    }

    /// The pipeline's `convert` step.
    pub(crate) fn convert_step(&self, rw: &mut Rewriter<'_>) {
        if let Cow::Owned(out) = self.convert(rw.input()) {
            rw.replace_all_narrowed(
                &out,
                Detail::Convert {
                    config: self.config.name(),
                },
            );
        }
    }
}

/// The length of `b` without a UTF-8 character cut off at its end (if it looks like one).
fn complete_prefix(b: &[u8]) -> usize {
    // Step back over up to three continuation bytes to the last lead byte.
    let mut start = b.len();
    while start > 0 && b.len() - start < 3 && b[start - 1] & 0xC0 == 0x80 {
        start -= 1;
    }
    let Some(lead_at) = start.checked_sub(1) else {
        return b.len();
    };
    let width = match b[lead_at] {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    };
    if b.len() - lead_at < width {
        lead_at
    } else {
        b.len()
    }
}

/// Converts a text given in chunks, with output identical to converting it whole.
///
/// Each [`push`](Self::push) converts everything up to the chunk's last split point (see
/// [`Converter::split_point`]) and keeps the rest for the next chunk.
///
/// ```
/// # use mojifix::zh::{Config, Converter};
/// let c = Converter::new(Config::S2t);
/// let mut chunks = c.chunks();
/// let mut out = String::new();
/// chunks.push("头", &mut out); // "头发" may be a phrase: wait.
/// chunks.push("发。", &mut out);
/// chunks.finish(&mut out);
/// assert_eq!(out, "頭髮。");
/// ```
pub struct ChunkConverter<'c> {
    converter: &'c Converter,
    pending: String,
    scratch: engine::Scratch,
}

impl ChunkConverter<'_> {
    /// Adds `chunk`; appends to `out` the conversion of all text that is now settled.
    pub fn push(&mut self, chunk: &str, out: &mut String) {
        let plan = &self.converter.plan;
        if self.pending.is_empty() {
            let cut = self.converter.split_point(chunk);
            self.convert(&chunk[..cut], out);
            self.pending.push_str(&chunk[cut..]);
        } else {
            self.pending.push_str(chunk);
            let cut = self.converter.split_point(&self.pending);
            if cut > 0 {
                let rest = self.pending.split_off(cut);
                let settled = std::mem::replace(&mut self.pending, rest);
                if !plan.convert(&settled, out, &mut self.scratch) {
                    out.push_str(&settled);
                }
            }
        }
    }

    /// Converts what is left; the converter can be reused for a new text afterwards.
    pub fn finish(&mut self, out: &mut String) {
        let rest = std::mem::take(&mut self.pending);
        self.convert(&rest, out);
    }

    fn convert(&mut self, text: &str, out: &mut String) {
        if !self.converter.plan.convert(text, out, &mut self.scratch) {
            out.push_str(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_prefix_holds_back_cut_characters() {
        let s = "a中𠀀".as_bytes();
        assert_eq!(complete_prefix(s), s.len());
        assert_eq!(complete_prefix(&s[..3]), 1, "中 cut after 2 of 3 bytes");
        assert_eq!(complete_prefix(&s[..4]), 4);
        assert_eq!(complete_prefix(&s[..7]), 4, "𠀀 cut after 3 of 4 bytes");
        assert_eq!(complete_prefix(b""), 0);
    }

    #[test]
    fn config_names_round_trip() {
        for c in Config::ALL {
            assert_eq!(c.name().parse::<Config>().unwrap(), c);
            assert_eq!(format!("{c}.JSON").parse::<Config>().unwrap(), c);
        }
        assert!("s2x".parse::<Config>().is_err());
    }
}
