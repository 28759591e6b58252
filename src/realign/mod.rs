//! Lost-byte realignment in double-byte text (GBK/GB18030, Big5, Shift_JIS): when one byte of
//! a pair was lost, every pair after it is read one byte off until ASCII re-aligns the stream.
//! This module finds such runs, shifts them back and fills the gap from context.
//!
//! How: text is cut into runs of non-ASCII characters. For each run and codec, the run is
//! re-encoded and read again one byte later, as if a lead byte had been lost before one of its
//! characters: the characters whose two bytes both survive come back exactly, and the lost
//! character is chosen among every character of the codec that has the surviving byte, by the
//! shared character n-gram model ([`crate::plausibility::ngram`]). A reading replaces the text
//! only when it is clearly more probable: a `?` or U+FFFD right before the run (a lost-byte
//! marker, possibly followed by the `reading)` remnant of a pinyin annotation whose head was
//! lost) or a line start (a text cut mid-character) asks for less evidence than a loss in the
//! middle of a run. The lost character is written only when it clearly beats the other
//! candidates; otherwise one U+FFFD stands in its place.
//!
//! Owns the detection of misaligned runs and gap filling; asks [`crate::plausibility`] how
//! likely each reading is. Does not re-decode whole documents or repair other mojibake, and
//! does not fill a `?` that stands for a whole lost character (no byte of it survives).

mod codec;

use std::borrow::Cow;
use std::ops::Range;

use codec::Codec;

use crate::pipeline::{Detail, Rewriter, Step};
use crate::plausibility::ngram::Model;

/// Realigns double-byte text misaligned by a lost byte; text with no such damage comes back
/// borrowed.
///
/// ```
/// // 我們的目標是實現 in GBK with the lead byte of 目 replaced by `?`.
/// let damaged = "我們的?繕耸菍崿F現代化";
/// assert_eq!(mojifix::realign::realign(damaged), "我們的目標是實現現代化");
/// // Clean text is never touched.
/// let clean = "我們的目標是實現現代化";
/// assert!(matches!(mojifix::realign::realign(clean), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn realign(text: &str) -> Cow<'_, str> {
    let mut rw = Rewriter::new(text, Step::LostByte, false);
    realign_step(&mut rw);
    match rw.finish().0 {
        Some(out) => Cow::Owned(out),
        None => Cow::Borrowed(text),
    }
}

/// The pipeline's `lost-byte` step.
pub(crate) fn realign_step(rw: &mut Rewriter<'_>) {
    let text = rw.input();
    if text.is_ascii() {
        return;
    }
    let doc = Doc {
        text,
        chars: text.char_indices().collect(),
        model: Model::zh(),
    };
    let mut done = 0;
    let mut i = 0;
    while i < doc.chars.len() {
        let run = doc.run_at(i);
        i = run.end.max(i + 1);
        let Some(fix) = doc.best_fix(run) else {
            continue;
        };
        if fix.span.start < done {
            continue;
        }
        done = fix.span.end;
        let detail = Detail::Realign {
            codec: Cow::Borrowed(fix.codec.name()),
            candidates: if rw.explaining() {
                fix.candidates
            } else {
                Vec::new()
            },
        };
        rw.replace(fix.span, &fix.after, detail);
    }
}

/// Extra evidence (in nats) a reading must bring, by where the lost byte is assumed.
const AFTER_MARKER: f32 = 4.0;
const AT_LINE_START: f32 = 14.0;
const MID_RUN: f32 = 18.0;
/// How much better (in nats) the best candidate for a lost character must fit than the next.
const CLEAR_WIN: f32 = 0.5;
/// Candidates reported in explain records.
const REPORTED: usize = 5;
/// Cost assumed for a lost character while choosing where the loss is.
const GAP_GUESS: f32 = 9.0;
/// Longest `reading)` remnant of a pinyin annotation taken as part of a marker.
const MAX_REMNANT: usize = 7;

struct Doc<'a> {
    text: &'a str,
    chars: Vec<(usize, char)>,
    model: &'static Model,
}

/// A chosen repair.
struct Fix {
    codec: Codec,
    span: Range<usize>,
    after: String,
    candidates: Vec<(String, f32)>,
}

/// One character of a new reading: known, or lost with one surviving byte.
#[derive(Clone, Copy)]
enum Piece {
    Char(char),
    LostLead { trail: u8 },
    LostTrail { lead: u8 },
}

/// What ends a run's shifted reading.
#[derive(Clone, Copy)]
enum Final {
    /// A character; `consumes` tells whether the character after the run is part of it.
    Piece(Piece, bool),
    /// No shifted reading ends validly.
    Invalid,
}

fn is_marker(c: char) -> bool {
    matches!(c, '?' | '\u{fffd}')
}

fn is_run_char(c: char) -> bool {
    !c.is_ascii() && c != '\u{fffd}'
}

/// Letters of a pinyin syllable, with or without tone marks.
fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ".contains(c)
}

impl Doc<'_> {
    fn char_at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(_, c)| c)
    }

    fn offset(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.text.len(), |&(o, _)| o)
    }

    /// The run of characters to examine at `i`: a maximal run of non-ASCII characters, or an
    /// empty run before a lone byte-sized character right after a marker (`?F`: the lead byte
    /// of a character whose trail byte is ASCII was replaced).
    fn run_at(&self, i: usize) -> Range<usize> {
        let c = self.chars[i].1;
        if is_run_char(c) {
            let end = (i..self.chars.len())
                .find(|&j| !is_run_char(self.chars[j].1))
                .unwrap_or(self.chars.len());
            return i..end;
        }
        let han_follows = self.char_at(i + 1).is_some_and(is_run_char);
        if i > 0 && is_marker(self.chars[i - 1].1) && c.is_ascii_graphic() && han_follows {
            return i..i;
        }
        i..i + 1
    }

    /// Index of the lost-byte marker right before the run at `start`, if any: `?` or U+FFFD,
    /// possibly followed by the `reading)` tail of a pinyin annotation.
    fn marker_before(&self, start: usize) -> Option<usize> {
        let prev = start.checked_sub(1)?;
        if is_marker(self.chars[prev].1) {
            return Some(prev);
        }
        if self.chars[prev].1 != ')' {
            return None;
        }
        let letters = (0..prev)
            .rev()
            .take_while(|&j| is_pinyin_letter(self.chars[j].1))
            .count();
        let m = prev.checked_sub(letters + 1)?;
        ((1..=MAX_REMNANT).contains(&letters) && is_marker(self.chars[m].1)).then_some(m)
    }

    /// Whether the marker at `m` is the lost-byte marker of a run right after it.
    fn opens_run(&self, m: usize) -> bool {
        let mut j = m + 1;
        while self
            .char_at(j)
            .is_some_and(|c| is_pinyin_letter(c) || c == ')')
        {
            j += 1;
        }
        self.char_at(j).is_some_and(is_run_char) && self.marker_before(j) == Some(m)
    }

    fn best_fix(&self, run: Range<usize>) -> Option<Fix> {
        let empty = run.is_empty();
        if empty && self.marker_before(run.start).is_none() {
            return None;
        }
        Codec::ALL
            .iter()
            .filter_map(|&codec| self.fix_with(codec, run.clone()))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, fix)| fix)
    }

    /// The best repair of `run` read through `codec`, with its gain in nats over the text as
    /// it is (already net of the evidence asked for).
    fn fix_with(&self, codec: Codec, run: Range<usize>) -> Option<(f32, Fix)> {
        let table = codec.table();
        let cur: Vec<char> = self.chars[run.clone()].iter().map(|&(_, c)| c).collect();
        let n = cur.len();
        let codes: Vec<Option<[u8; 2]>> = cur.iter().map(|&c| table.encode(c)).collect();
        // A lost byte can only sit before characters the codec can write, ...
        let mut first = codes.iter().rposition(Option::is_none).map_or(0, |k| k + 1);
        // ... and every pair read across two characters after it must be a character.
        let mut alt = vec![None; n];
        for k in 1..n {
            if let (Some(a), Some(b)) = (codes[k - 1], codes[k]) {
                alt[k] = table.decode(a[1], b[0]);
            }
            if alt[k].is_none() {
                first = first.max(k);
            }
        }
        let after = self.char_at(run.end);
        let after_byte = after
            .and_then(|c| codec.single_byte(c))
            .filter(|&b| codec.is_trail(b));
        let fin = self.final_piece(codec, &codes, run.end, after_byte);
        let marker = self.marker_before(run.start);
        let line_start = run.start == 0 || self.char_at(run.start - 1) == Some('\n');

        let mut best: Option<(f32, Fix)> = None;
        let mut consider = |s: usize| {
            if let Some(found) = self.hypothesis(codec, &run, &cur, &codes, &alt, fin, s) {
                if best.as_ref().is_none_or(|b| found.0 > b.0) {
                    best = Some(found);
                }
            }
        };
        if first == 0 && (marker.is_some() || line_start) {
            consider(0);
        }
        if let Some(s) = self.likeliest_loss(&cur, &alt, fin, first, run.start) {
            consider(s);
        }
        if after_byte.is_some() && n > 0 {
            consider(n);
        }
        best.filter(|b| b.0 > 0.0)
    }

    /// How the shifted reading of a run ends: its last byte with the character after the run.
    fn final_piece(
        &self,
        codec: Codec,
        codes: &[Option<[u8; 2]>],
        end: usize,
        after_byte: Option<u8>,
    ) -> Final {
        let Some(Some(last)) = codes.last() else {
            return Final::Invalid;
        };
        let last = last[1];
        if let Some(c) = codec.single_char(last) {
            // The run's last character had absorbed a one-byte character: it comes back.
            return Final::Piece(Piece::Char(c), false);
        }
        if !codec.is_lead(last) {
            return Final::Invalid;
        }
        if let Some(b) = after_byte {
            return match codec.table().decode(last, b) {
                Some(c) => Final::Piece(Piece::Char(c), true),
                None => Final::Invalid,
            };
        }
        match self.char_at(end) {
            // A marker after the run stands for the trail byte the decoder could not pair.
            // When another run follows, the marker also stands for that run's lost lead byte
            // and stays for it.
            Some(m) if is_marker(m) => {
                let shared = self.opens_run(end);
                Final::Piece(Piece::LostTrail { lead: last }, !shared)
            }
            _ => Final::Invalid,
        }
    }

    /// Where inside the run a lost byte explains the text best, by a quick estimate (the lost
    /// character counted at a flat cost).
    fn likeliest_loss(
        &self,
        cur: &[char],
        alt: &[Option<char>],
        fin: Final,
        first: usize,
        start: usize,
    ) -> Option<usize> {
        let n = cur.len();
        let Final::Piece(fin, _) = fin else {
            return None;
        };
        let m = self.model;
        let left = start.checked_sub(1).and_then(|i| self.char_at(i));
        // prefix[s]: cost of the run's first s characters as they are.
        let mut prefix = vec![0.0f32; n + 1];
        let mut prev = left;
        for (k, &c) in cur.iter().enumerate() {
            prefix[k + 1] = prefix[k] + m.log_prob(prev, c, None);
            prev = Some(c);
        }
        // suffix[k]: cost of the shifted reading from alt[k] to its end, given alt[k].
        let fin_char = match fin {
            Piece::Char(c) => Some(c),
            _ => None,
        };
        let mut suffix = vec![0.0f32; n + 1];
        let mut next = fin_char;
        for k in (1..n).rev() {
            let a = alt[k]?;
            suffix[k] = suffix[k + 1] + next.map_or(GAP_GUESS, |x| m.pair_cost(a, x));
            next = Some(a);
        }
        (first.max(1)..n)
            .map(|s| (s, prefix[s] + 2.0 * GAP_GUESS + suffix[s + 1]))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(s, _)| s)
    }

    /// The gain and repair of the reading with a lead byte lost before `cur[s]`.
    #[allow(clippy::too_many_arguments)]
    fn hypothesis(
        &self,
        codec: Codec,
        run: &Range<usize>,
        cur: &[char],
        codes: &[Option<[u8; 2]>],
        alt: &[Option<char>],
        fin: Final,
        s: usize,
    ) -> Option<(f32, Fix)> {
        let n = cur.len();
        let mut pieces = Vec::with_capacity(n - s + 1);
        let consumes;
        if s < n {
            let Final::Piece(last, c) = fin else {
                return None;
            };
            consumes = c;
            pieces.push(Piece::LostLead {
                trail: codes[s]?[0],
            });
            for a in &alt[s + 1..] {
                pieces.push(Piece::Char((*a)?));
            }
            pieces.push(last);
        } else {
            let b = codec
                .single_byte(self.char_at(run.end)?)
                .filter(|&b| codec.is_trail(b))?;
            consumes = true;
            pieces.push(Piece::LostLead { trail: b });
        }
        let marker = (s == 0).then(|| self.marker_before(run.start)).flatten();
        let line_start = s == 0 && (run.start == 0 || self.char_at(run.start - 1) == Some('\n'));
        let (span_first, evidence) = match marker {
            Some(m) => (m, AFTER_MARKER),
            None if line_start => (run.start, AT_LINE_START),
            None => (run.start + s, MID_RUN),
        };
        let span_end = run.end + usize::from(consumes);
        let left = span_first.checked_sub(1).and_then(|i| self.char_at(i));
        let right = self.char_at(span_end);

        let (chosen, candidates) = self.fill(codec, &mut pieces, left, right);
        let old: Vec<char> = self.chars[span_first..span_end]
            .iter()
            .map(|&(_, c)| c)
            .collect();
        let gain = self.seq_cost(left, &old, right) - self.seq_cost(left, &chosen, right);
        let after: String = pieces
            .iter()
            .map(|p| match p {
                Piece::Char(c) => *c,
                _ => '\u{fffd}',
            })
            .collect();
        let fix = Fix {
            codec,
            span: self.offset(span_first)..self.offset(span_end),
            after,
            candidates,
        };
        Some((gain - evidence, fix))
    }

    /// Chooses a character for every lost piece: the best candidate by its fit between its
    /// neighbours. Returns the reading with the best candidates (for scoring) and the ranked
    /// candidates of the first lost piece; a piece whose best candidate does not clearly win
    /// is left lost (the caller writes U+FFFD).
    fn fill(
        &self,
        codec: Codec,
        pieces: &mut [Piece],
        left: Option<char>,
        right: Option<char>,
    ) -> (Vec<char>, Vec<(String, f32)>) {
        let table = codec.table();
        let mut reading = Vec::with_capacity(pieces.len());
        let mut reported = Vec::new();
        for k in 0..pieces.len() {
            let pool = match pieces[k] {
                Piece::Char(c) => {
                    reading.push(c);
                    continue;
                }
                Piece::LostLead { trail } => table.with_trail(trail),
                Piece::LostTrail { lead } => table.with_lead(lead),
            };
            let prev = if k == 0 {
                left
            } else {
                reading.last().copied()
            };
            let next = match pieces.get(k + 1) {
                Some(Piece::Char(c)) => Some(*c),
                Some(_) => None,
                None => right,
            };
            let mut ranked: Vec<(char, f32)> = pool
                .iter()
                .map(|&c| (c, self.model.log_prob(prev, c, next)))
                .collect();
            ranked.sort_by(|a, b| a.1.total_cmp(&b.1));
            let Some(&(best, cost)) = ranked.first() else {
                reading.push('\u{fffd}');
                continue;
            };
            reading.push(best);
            let runner_up = ranked.get(1).map_or(f32::INFINITY, |r| r.1);
            if runner_up - cost >= CLEAR_WIN {
                pieces[k] = Piece::Char(best);
            }
            if reported.is_empty() {
                reported = ranked
                    .iter()
                    .take(REPORTED)
                    .map(|&(c, cost)| (c.to_string(), -cost))
                    .collect();
            }
        }
        (reading, reported)
    }

    /// Cost of `chars` between `left` and `right`.
    fn seq_cost(&self, left: Option<char>, chars: &[char], right: Option<char>) -> f32 {
        let mut prev = left;
        let mut total = 0.0;
        for &c in chars.iter().chain(right.iter()) {
            total += self.model.log_prob(prev, c, None);
            prev = Some(c);
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` encoded with `codec`, one byte dropped at `at`, decoded again.
    fn damage(codec: Codec, text: &str, at: usize, marker: Option<u8>) -> String {
        let (bytes, _, _) = codec.encoding().encode(text);
        let mut bytes = bytes.into_owned();
        match marker {
            Some(m) => bytes[at] = m,
            None => {
                bytes.remove(at);
            }
        }
        codec
            .encoding()
            .decode_without_bom_handling(&bytes)
            .0
            .into_owned()
    }

    #[test]
    fn issue_examples() {
        assert_eq!(realign("我們的?繕耸菍崿F現代化"), "我們的目標是實現現代化");
        assert_eq!(realign("這個?栴}需要"), "這個問題需要");
    }

    #[test]
    fn marker_and_pinyin_remnant_are_taken_out() {
        // 實現 in GBK is `8C 8D AC 46`; with the lead byte of 實 replaced and a pinyin
        // annotation of the misread character half lost.
        let damaged = damage(Codec::Gbk, "我們要實現目標", 6, Some(b'?'));
        let with_remnant = damaged.replacen('?', "?shí)", 1);
        assert_eq!(realign(&damaged), "我們要實現目標");
        assert_eq!(realign(&with_remnant), "我們要實現目標");
    }

    #[test]
    fn clean_text_is_borrowed() {
        for clean in [
            "",
            "abc",
            "中華人民共和國",
            "你好嗎?我很好",
            "子曰：學而時習之",
        ] {
            assert!(matches!(realign(clean), Cow::Borrowed(_)), "{clean}");
        }
    }
}
