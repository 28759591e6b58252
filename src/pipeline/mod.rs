//! The pipeline: which steps exist, in which order they run, presets, the reusable [`Fixer`]
//! and the explain records ([`Change`]) every step leaves behind.
//!
//! This module owns the order and the bookkeeping, never a single step's logic: each step lives
//! in its own module and is called from `Fixer::apply`. Why this order: bytes must be text
//! before anything else; encoding repairs come before any step that reads characters (a garbled
//! `(` or `?` would fool the pinyin and punctuation steps, and C1 controls are evidence for
//! them); normalization comes next, so that a control character between a character and its
//! reading cannot hide the reading until a second run (fixing must be idempotent); a `?`
//! between Han characters is a lost-character placeholder for the lost-byte step, so
//! punctuation runs after it; script conversion runs last, on clean text, so its phrase
//! matching sees whole words.

mod edit;

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::Serialize;

pub(crate) use edit::{common_prefix, common_suffix, Rewriter};

use crate::error::Error;
use crate::zh;

/// One step of the cleaning pipeline. Steps always run in the order of [`Step::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "&'static str")]
#[non_exhaustive]
pub enum Step {
    /// `decode`: bytes in any encoding become text ([`crate::decode`]). Only bytes input.
    Decode,
    /// `html-entities`: `&amp;`, `&#20013;` … become characters, unless the text looks like HTML.
    HtmlEntities,
    /// `compose`: canonical composition (NFC) and C0 controls removed before the repair steps,
    /// so that they judge text as decoders write it and fixing stays idempotent. Runs
    /// whenever `normalize` and a repair step both run.
    Compose,
    /// `mojibake`: text decoded with the wrong codec is re-encoded and decoded right.
    Mojibake,
    /// `lost-byte`: double-byte text misaligned by a lost byte is realigned.
    LostByte,
    /// `lost-markers`: irrecoverable markers (`锟斤拷`, runs of U+FFFD) collapse to one U+FFFD
    /// per lost character. Off by default: it removes text, even if only garbage.
    LostMarkers,
    /// `placeholder-lines`: lines made only of `?`, `？`, U+FFFD and spaces are dropped.
    PlaceholderLines,
    /// `pinyin`: `(reading)` after a Han character is dropped when it is a reading of it.
    Pinyin,
    /// `cjk-punctuation`: ASCII `, : ; ! ?` inside CJK text become full width.
    CjkPunctuation,
    /// `normalize`: NFC (or NFKC), control characters, line breaks, leading BOM.
    Normalize,
    /// `convert`: Chinese script conversion with an OpenCC configuration (only when asked).
    Convert,
}

impl Step {
    /// Every step, in the order the pipeline runs them.
    pub const ALL: [Step; 11] = [
        Step::Decode,
        Step::HtmlEntities,
        Step::Compose,
        Step::Mojibake,
        Step::LostByte,
        Step::LostMarkers,
        Step::Normalize,
        Step::PlaceholderLines,
        Step::Pinyin,
        Step::CjkPunctuation,
        Step::Convert,
    ];

    /// The step's name, as used by `--steps`, `--skip` and explain records.
    pub const fn name(self) -> &'static str {
        match self {
            Step::Decode => "decode",
            Step::HtmlEntities => "html-entities",
            Step::Compose => "compose",
            Step::Mojibake => "mojibake",
            Step::LostByte => "lost-byte",
            Step::LostMarkers => "lost-markers",
            Step::PlaceholderLines => "placeholder-lines",
            Step::Pinyin => "pinyin",
            Step::CjkPunctuation => "cjk-punctuation",
            Step::Normalize => "normalize",
            Step::Convert => "convert",
        }
    }

    const fn bit(self) -> u16 {
        1 << self as u16
    }

    fn known_names() -> String {
        Step::ALL.map(Step::name).join(", ")
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl From<Step> for &'static str {
    fn from(step: Step) -> &'static str {
        step.name()
    }
}

impl FromStr for Step {
    type Err = Error;

    /// Parses a step name (`"cjk-punctuation"`; `_` is accepted for `-`).
    fn from_str(name: &str) -> Result<Step, Error> {
        let wanted = name.trim().replace('_', "-").to_ascii_lowercase();
        Step::ALL
            .into_iter()
            .find(|s| s.name() == wanted)
            .ok_or_else(|| Error::UnknownStep {
                name: name.to_string(),
                known: Step::known_names(),
            })
    }
}

/// A set of steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct StepSet(u16);

impl StepSet {
    fn of(steps: &[Step]) -> StepSet {
        StepSet(steps.iter().fold(0, |acc, s| acc | s.bit()))
    }
    fn contains(self, step: Step) -> bool {
        self.0 & step.bit() != 0
    }
    fn insert(&mut self, step: Step) {
        self.0 |= step.bit();
    }
    fn remove(&mut self, step: Step) {
        self.0 &= !step.bit();
    }
}

/// A named set of defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Preset {
    /// Clean scrapes: every step except `lost-markers` (and `convert`, which needs a config).
    #[default]
    Scrape,
    /// Repair encodings only: `decode`, `mojibake`, `lost-byte`. Nothing else is touched.
    Conservative,
}

impl Preset {
    fn steps(self) -> StepSet {
        match self {
            Preset::Scrape => StepSet::of(&[
                Step::Decode,
                Step::HtmlEntities,
                Step::Mojibake,
                Step::LostByte,
                Step::PlaceholderLines,
                Step::Pinyin,
                Step::CjkPunctuation,
                Step::Normalize,
                Step::Convert,
            ]),
            Preset::Conservative => StepSet::of(&[Step::Decode, Step::Mojibake, Step::LostByte]),
        }
    }
}

/// Which Unicode normalization form the `normalize` step applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Normalization {
    /// Canonical composition (the default): changes no meaning.
    #[default]
    Nfc,
    /// Compatibility composition: also folds full-width Latin, ligatures, superscripts.
    Nfkc,
    /// No normalization form; control characters, line breaks and the BOM are still handled.
    None,
}

/// What a step changed, beyond the before/after text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Detail {
    /// Nothing more to say.
    None,
    /// Why the step decided as it did, in words.
    Reason {
        /// The reason.
        reason: Cow<'static, str>,
    },
    /// A wrong-codec decode undone: the bytes were decoded as `from_codec` and are now decoded
    /// as `to_codec`. `layers` counts how many times the damage had been applied.
    Codec {
        /// The codec that had wrongly decoded the bytes.
        from_codec: Cow<'static, str>,
        /// The codec the bytes are really in.
        to_codec: Cow<'static, str>,
        /// How many layers of the same damage were undone.
        layers: u8,
    },
    /// A lost-byte realignment: the codec and the candidates considered for the lost character,
    /// with their scores (higher is more likely), best first.
    Realign {
        /// The double-byte codec the text had passed through.
        codec: Cow<'static, str>,
        /// Candidate characters for the gap, with their scores.
        candidates: Vec<(String, f32)>,
    },
    /// The encoding the bytes were decoded with.
    Decode {
        /// The encoding's WHATWG name.
        encoding: &'static str,
        /// How sure detection was, 0 to 1.
        confidence: f32,
    },
    /// The OpenCC configuration that converted the text.
    Convert {
        /// The configuration's name (`t2s`, …).
        config: &'static str,
    },
}

/// One change made by one step: replayable, as data.
///
/// `span` is a byte range in the text *as that step received it*: replaying the changes of
/// each step in order, each step's changes from the last to the first, turns the input into the
/// output (see [`Explained::replay`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The step that made the change.
    pub step: Step,
    /// Byte range of `before` in the step's input (`[start, end]` in JSON).
    #[serde(serialize_with = "span_as_pair")]
    pub span: Range<usize>,
    /// The text that was there.
    pub before: String,
    /// The text that replaced it.
    pub after: String,
    /// Step-specific detail (codecs, candidates, config).
    #[serde(flatten)]
    pub detail: Detail,
}

fn span_as_pair<S: serde::Serializer>(span: &Range<usize>, s: S) -> Result<S::Ok, S::Error> {
    [span.start, span.end].serialize(s)
}

/// The result of [`Fixer::fix_and_explain`]: the cleaned text and every change.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Explained {
    /// The cleaned text.
    pub text: String,
    /// The changes, grouped by step in pipeline order, in text order within a step.
    pub changes: Vec<Change>,
}

impl Explained {
    /// Applies `changes` to `input`, step by step, and returns the result; for the changes of
    /// a [`Fixer::fix_and_explain`] call this is its `text`. `None` when a span does not fit.
    ///
    /// ```
    /// let input = "?\n雄縣召開(kāi)會議,\n";
    /// let out = mojifix::fix_and_explain(input);
    /// assert_eq!(mojifix::Explained::replay(input, &out.changes).as_deref(), Some(out.text.as_str()));
    /// ```
    pub fn replay(input: &str, changes: &[Change]) -> Option<String> {
        let mut text = input.to_string();
        let mut rest = changes;
        while let Some(first) = rest.first() {
            let n = rest.iter().take_while(|c| c.step == first.step).count();
            let (group, tail) = rest.split_at(n);
            for c in group.iter().rev() {
                if text.get(c.span.clone())? != c.before {
                    return None;
                }
                text.replace_range(c.span.clone(), &c.after);
            }
            rest = tail;
        }
        Some(text)
    }
}

/// A configured pipeline, built once and reused: cheap to share between threads.
#[derive(Debug, Clone)]
pub struct Fixer {
    steps: StepSet,
    normalization: Normalization,
    converter: Option<zh::Converter>,
}

impl Default for Fixer {
    fn default() -> Fixer {
        Fixer::new()
    }
}

pub(crate) fn default_fixer() -> &'static Fixer {
    static DEFAULT: OnceLock<Fixer> = OnceLock::new();
    DEFAULT.get_or_init(Fixer::new)
}

impl Fixer {
    /// The default pipeline ([`Preset::Scrape`]).
    pub fn new() -> Fixer {
        Fixer::builder().build()
    }

    /// A pipeline that repairs encodings only ([`Preset::Conservative`]).
    pub fn conservative() -> Fixer {
        Fixer::builder().preset(Preset::Conservative).build()
    }

    /// A builder, starting from [`Preset::Scrape`].
    pub fn builder() -> FixerBuilder {
        FixerBuilder {
            steps: Preset::Scrape.steps(),
            normalization: Normalization::Nfc,
            convert: None,
        }
    }

    /// Whether `step` runs in this pipeline. `convert` runs only when a config was given.
    pub fn runs(&self, step: Step) -> bool {
        match step {
            Step::Convert => self.steps.contains(step) && self.converter.is_some(),
            Step::Compose => {
                self.steps.contains(Step::Normalize)
                    && (self.steps.contains(Step::Mojibake) || self.steps.contains(Step::LostByte))
            }
            _ => self.steps.contains(step),
        }
    }

    /// Cleans `text`. Borrows it back when no step changed anything.
    pub fn fix<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.run(text, None)
    }

    /// Cleans `text` and lists every change.
    pub fn fix_and_explain(&self, text: &str) -> Explained {
        let mut changes = Vec::new();
        let text = self.run(text, Some(&mut changes)).into_owned();
        Explained { text, changes }
    }

    /// Decodes `bytes` (the `decode` step: BOM, UTF-8, detection; see [`crate::decode`]) and
    /// cleans the text. With `decode` switched off the bytes must be UTF-8.
    pub fn fix_bytes(&self, bytes: &[u8]) -> Result<Explained, Error> {
        let mut changes = Vec::new();
        let decoded: Cow<'_, str> = if self.runs(Step::Decode) {
            let d = crate::decode::decode(bytes);
            if d.encoding != encoding_rs::UTF_8 {
                changes.push(Change {
                    step: Step::Decode,
                    span: 0..bytes.len(),
                    before: String::new(),
                    after: String::new(),
                    detail: Detail::Decode {
                        encoding: d.encoding.name(),
                        confidence: d.confidence,
                    },
                });
            }
            Cow::Owned(d.text)
        } else {
            Cow::Borrowed(std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
                offset: e.valid_up_to(),
            })?)
        };
        let text = self.run(&decoded, Some(&mut changes)).into_owned();
        Ok(Explained { text, changes })
    }

    /// Runs the text steps in order; records changes when `explain` is given.
    fn run<'a>(&self, text: &'a str, mut explain: Option<&mut Vec<Change>>) -> Cow<'a, str> {
        let mut cur = Cow::Borrowed(text);
        for step in Step::ALL {
            if step == Step::Decode || !self.runs(step) {
                continue;
            }
            let mut rw = Rewriter::new(&cur, step, explain.is_some());
            self.apply(step, &mut rw);
            let (out, changes) = rw.finish();
            if let Some(out) = out {
                if let Some(sink) = explain.as_deref_mut() {
                    sink.extend(changes);
                }
                cur = Cow::Owned(out);
            }
        }
        cur
    }

    fn apply(&self, step: Step, rw: &mut Rewriter<'_>) {
        match step {
            Step::Decode => {}
            Step::HtmlEntities => crate::normalize::html_entities(rw),
            // Decoders never write decomposed characters: repairs judge composed text, so that
            // `e\u{301}` cannot turn into `é` next to lost bytes only after they have run.
            Step::Compose => crate::normalize::compose_step(rw),
            Step::Mojibake => crate::mojibake::repair_step(rw),
            Step::LostByte => crate::realign::realign_step(rw),
            Step::LostMarkers => crate::mojibake::lost_markers_step(rw),
            Step::PlaceholderLines => crate::scrape::placeholder_lines(rw),
            Step::Pinyin => crate::scrape::pinyin(rw),
            Step::CjkPunctuation => crate::scrape::cjk_punctuation(rw),
            Step::Normalize => crate::normalize::normalize_step(rw, self.normalization),
            Step::Convert => {
                if let Some(conv) = &self.converter {
                    conv.convert_step(rw);
                }
            }
        }
    }
}

/// Builds a [`Fixer`]: start from a preset, switch steps on and off, pick a normalization form
/// and a script conversion.
///
/// ```
/// use mojifix::{Fixer, Step, zh};
/// let fixer = Fixer::builder()
///     .steps([Step::Pinyin, Step::Convert])
///     .convert(zh::Config::T2s)
///     .build();
/// assert_eq!(fixer.fix("會(huì)議"), "会议");
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct FixerBuilder {
    steps: StepSet,
    normalization: Normalization,
    convert: Option<zh::Config>,
}

impl FixerBuilder {
    /// Resets the steps to those of `preset`.
    pub fn preset(mut self, preset: Preset) -> Self {
        self.steps = preset.steps();
        self
    }

    /// Runs exactly these steps (in pipeline order, whatever the order given).
    pub fn steps(mut self, steps: impl IntoIterator<Item = Step>) -> Self {
        self.steps = StepSet::default();
        for s in steps {
            self.steps.insert(s);
        }
        self
    }

    /// Switches `step` on.
    pub fn enable(mut self, step: Step) -> Self {
        self.steps.insert(step);
        self
    }

    /// Switches `step` off.
    pub fn skip(mut self, step: Step) -> Self {
        self.steps.remove(step);
        self
    }

    /// Which normalization form the `normalize` step applies.
    pub fn normalization(mut self, form: Normalization) -> Self {
        self.normalization = form;
        self
    }

    /// Converts script with this OpenCC configuration (the `convert` step, last).
    pub fn convert(mut self, config: zh::Config) -> Self {
        self.convert = Some(config);
        self.steps.insert(Step::Convert);
        self
    }

    /// Builds the pipeline.
    pub fn build(self) -> Fixer {
        Fixer {
            steps: self.steps,
            normalization: self.normalization,
            converter: self.convert.map(zh::Converter::new),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_names_round_trip() {
        for s in Step::ALL {
            assert_eq!(s.name().parse::<Step>().unwrap(), s);
        }
        assert_eq!(
            "CJK_punctuation".parse::<Step>().unwrap(),
            Step::CjkPunctuation
        );
        assert!(matches!(
            "nope".parse::<Step>(),
            Err(Error::UnknownStep { .. })
        ));
    }

    #[test]
    fn conservative_touches_only_encodings() {
        let f = Fixer::conservative();
        let s = "?\n會(huì),好!\r\n";
        assert_eq!(f.fix(s), s);
    }

    #[test]
    fn clean_text_is_borrowed() {
        let f = Fixer::new();
        assert!(matches!(
            f.fix("plain text, nothing to do.\n"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(
            f.fix("乾淨的中文，沒有問題。\n"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn explain_replays() {
        let s = "\u{feff}[摘要]4月5日,雄縣召開(kāi)會議\r\n?\n?\n要求:一要(yào)";
        let out = Fixer::new().fix_and_explain(s);
        assert_eq!(Explained::replay(s, &out.changes).unwrap(), out.text);
        assert_eq!(out.text, "[摘要]4月5日，雄縣召開會議\n要求：一要");
    }
}
