//! Lost-byte realignment in double-byte text (GBK/GB18030, Big5, Shift_JIS): when one byte of
//! a pair was lost, every pair after it is read one byte off until ASCII re-aligns the stream.
//! This module finds such runs, shifts them back and fills the gap from context.
//!
//! How: text is cut into runs of characters a double-byte codec writes in two bytes. For each
//! run and codec (Shift_JIS when the text is Japanese, GBK and Big5 otherwise), the run is
//! re-encoded and read again one byte later, as if a lead byte had been lost before one of its
//! characters. The misread stretch ends where the decoder found its footing again: at the
//! first character that had absorbed a one-byte character (its second byte is ASCII, which no
//! lead byte is), or at the end of the run, whose last byte pairs with the ASCII character
//! after it or was swallowed into a U+FFFD (`?`). The characters whose two bytes both survive
//! come back exactly; a character with one byte left is chosen among every character of the
//! codec that has that byte, by the shared character n-gram model
//! ([`crate::plausibility::ngram`]).
//!
//! A reading replaces the text only when it is clearly more probable. A `?` or U+FFFD right
//! before the run (a lost-byte marker, possibly followed by the `reading)` remnant of a pinyin
//! annotation whose head was lost) asks for the least evidence, a line start (a text cut
//! mid-character) for more, a loss in the middle of a run for most; a reading that brings no
//! two-byte character back is taken only inside Han text. A lost character is written only
//! when it clearly beats the other candidates; otherwise one U+FFFD stands in its place.
//!
//! Owns the detection of misaligned runs and gap filling; asks [`crate::plausibility`] how
//! likely each reading is. Does not re-decode whole documents or repair other mojibake, and
//! does not fill a `?` that stands for a whole lost character (no byte of it survives).

mod codec;

use std::borrow::Cow;
use std::ops::Range;

use codec::Codec;

use crate::pipeline::{Detail, Rewriter, Step};
use crate::plausibility::is_han;
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
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let (codecs, model) = if is_japanese(&chars) {
        (&[Codec::ShiftJis][..], Model::ja())
    } else {
        (&[Codec::Gbk, Codec::Big5][..], Model::zh())
    };
    let doc = Doc {
        text,
        chars,
        codecs,
        model,
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
const AFTER_MARKER: f32 = 10.0;
const AT_LINE_START: f32 = 14.0;
const MID_RUN: f32 = 18.0;
/// Extra evidence asked of a reading that brings no two-byte character back.
const GUESS_ONLY: f32 = 2.0;
/// How much better (in nats) the best candidate for a lost character must fit than the next.
const CLEAR_WIN: f32 = 0.25;
/// The same for a character whose trail byte the decoder swallowed.
const CLEAR_WIN_SWALLOWED: f32 = 4.0;
/// Candidates reported in explain records.
const REPORTED: usize = 5;
/// Pairs either reading may have beyond the run's characters and the realigned ones.
const EDGE_PAIRS: f32 = 4.0;
/// Places in a run where a loss is scored exactly (the best by a quick estimate).
const EXAMINED: usize = 3;
/// Cost assumed for a lost character while choosing where the loss is.
const GAP_GUESS: f32 = 9.0;
/// Unigram cost (nats) from which a character counts as rare: GB2312 level-2 hanzi like 楝
/// or 栴 cost 11–18, everyday characters 4–8.
const RARE_CHAR: f32 = 10.0;
/// Longest `reading)` remnant of a pinyin annotation taken as part of a marker.
const MAX_REMNANT: usize = 7;

struct Doc<'a> {
    text: &'a str,
    chars: Vec<(usize, char)>,
    /// The codecs worth trying: Shift_JIS for Japanese text, GBK and Big5 for Chinese.
    codecs: &'static [Codec],
    /// The language model of text in those codecs.
    model: &'static Model,
}

/// A chosen repair.
struct Fix {
    codec: Codec,
    span: Range<usize>,
    after: String,
    candidates: Vec<(String, f32)>,
}

/// A run read through one codec, with everything a shifted reading is built from.
struct Shifted<'a> {
    codec: Codec,
    /// The language model for text in this codec.
    model: &'static Model,
    run: Range<usize>,
    /// The run's characters as they are, and their codes.
    cur: &'a [char],
    codes: Vec<Option<[u8; 2]>>,
    /// `alt[k]`: the character read from the second byte of `cur[k - 1]` and the first of
    /// `cur[k]`.
    alt: Vec<Option<char>>,
    /// `end[s]`: where a misaligned stretch starting at `cur[s]` ends.
    end: Vec<usize>,
    /// How the shifted reading ends when the stretch reaches the end of the run.
    fin: Final,
    /// `cur_cost[k]`: cost of `cur[..k]` after the character before the run.
    cur_cost: &'a [f32],
    /// `alt_cost[k]`: cost of the chain `alt[1..k]`, each given the one before.
    alt_cost: Vec<f32>,
    /// `bad[k]`: how many of `codes[..k]` and `alt[..k]` are not characters.
    bad: Vec<usize>,
}

impl Shifted<'_> {
    /// The last piece of the shifted reading of the stretch starting at `cur[s]`, and whether
    /// it takes in the character after the run.
    fn last_piece(&self, s: usize) -> Option<(Piece, bool)> {
        let e = self.end[s];
        let [_, last] = self.codes[e - 1]?;
        if let Some(c) = self.codec.single_char(last) {
            // The stretch's last character had absorbed a one-byte character: it comes back.
            return Some((Piece::Char(c), false));
        }
        match self.fin {
            Final::Piece(p, consumes) => Some((p, consumes)),
            Final::Invalid => None,
        }
    }
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

/// Whether the text is Japanese: pairs of hiragana are common in it. (A misread Chinese run
/// shows a few isolated kana, as GBK's kana row is one of many a shifted pair lands in; two in
/// a row are rare.)
fn is_japanese(chars: &[(usize, char)]) -> bool {
    let hiragana = |c: char| matches!(c, '\u{3041}'..='\u{309f}');
    let pairs = chars
        .windows(2)
        .filter(|w| hiragana(w[0].1) && hiragana(w[1].1))
        .count();
    let cjk = chars
        .iter()
        .filter(|&&(_, c)| is_han(c) || matches!(c, '\u{3041}'..='\u{30ff}'))
        .count();
    pairs * 20 > cjk
}

fn is_marker(c: char) -> bool {
    matches!(c, '?' | '\u{fffd}')
}

/// Letters of a pinyin syllable, with or without tone marks.
fn is_pinyin_letter(c: char) -> bool {
    // A `match`, not a search in a string of these letters: it runs for every Han character
    // of a run, and the search was 5 % of a JSONL run.
    c.is_ascii_lowercase()
        || matches!(
            c,
            'ā' | 'á'
                | 'ǎ'
                | 'à'
                | 'ē'
                | 'é'
                | 'ě'
                | 'è'
                | 'ī'
                | 'í'
                | 'ǐ'
                | 'ì'
                | 'ō'
                | 'ó'
                | 'ǒ'
                | 'ò'
                | 'ū'
                | 'ú'
                | 'ǔ'
                | 'ù'
                | 'ü'
                | 'ǖ'
                | 'ǘ'
                | 'ǚ'
                | 'ǜ'
                | 'ń'
                | 'ň'
                | 'ǹ'
                | 'ḿ'
        )
}

impl Doc<'_> {
    fn char_at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(_, c)| c)
    }

    fn offset(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.text.len(), |&(o, _)| o)
    }

    /// Whether the character at `i` can be part of a misread double-byte run: a two-byte
    /// character of one of the codecs, and not a tone-marked letter of a Latin word (a pinyin
    /// annotation).
    fn in_run(&self, i: usize) -> bool {
        let Some(c) = self.char_at(i) else {
            return false;
        };
        let latin = |j: Option<usize>| {
            j.and_then(|j| self.char_at(j))
                .is_some_and(|c| c.is_ascii_alphabetic() || (!c.is_ascii() && is_pinyin_letter(c)))
        };
        !c.is_ascii()
            && self
                .codecs
                .iter()
                .any(|codec| codec.table().encode(c).is_some())
            && !(is_pinyin_letter(c) && (latin(i.checked_sub(1)) || latin(Some(i + 1))))
    }

    /// The run of characters to examine at `i`: a maximal run of [`Doc::in_run`] characters, or an
    /// empty run before a lone byte-sized character right after a marker (`?F`: the lead byte
    /// of a character whose trail byte is ASCII was replaced).
    fn run_at(&self, i: usize) -> Range<usize> {
        let c = self.chars[i].1;
        if self.in_run(i) {
            let end = (i..self.chars.len())
                .find(|&j| !self.in_run(j))
                .unwrap_or(self.chars.len());
            return i..end;
        }
        let han_follows = self.in_run(i + 1);
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
        self.in_run(j) && self.marker_before(j) == Some(m)
    }

    fn best_fix(&self, run: Range<usize>) -> Option<Fix> {
        let empty = run.is_empty();
        if empty && self.marker_before(run.start).is_none() {
            return None;
        }
        let cur: Vec<char> = self.chars[run.clone()].iter().map(|&(_, c)| c).collect();
        let model = self.model;
        // Misread text shows itself with a rare character: a run of common characters is left
        // alone however well a shifted reading scores (a `?` before `議，` or `中文a` is no
        // evidence that they were misread).
        if !cur.is_empty()
            && !cur
                .iter()
                .any(|&c| is_han(c) && model.char_cost(c) >= RARE_CHAR)
        {
            return None;
        }
        // cur_cost[k]: cost of the run's first k characters as they are (the same for every
        // codec, as they share the model).
        let mut cur_cost = vec![0.0f32; cur.len() + 1];
        let mut prev = run.start.checked_sub(1).and_then(|i| self.char_at(i));
        for (k, &c) in cur.iter().enumerate() {
            cur_cost[k + 1] = cur_cost[k] + model.log_prob(prev, c, None);
            prev = Some(c);
        }
        self.codecs
            .iter()
            .filter_map(|&codec| self.fix_with(codec, run.clone(), &cur, &cur_cost))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, fix)| fix)
    }

    /// The best repair of `run` read through `codec`, with its gain in nats over the text as
    /// it is (already net of the evidence asked for).
    fn fix_with(
        &self,
        codec: Codec,
        run: Range<usize>,
        cur: &[char],
        cur_cost: &[f32],
    ) -> Option<(f32, Fix)> {
        let table = codec.table();
        let n = cur.len();
        let codes: Vec<Option<[u8; 2]>> = cur.iter().map(|&c| table.encode(c)).collect();
        // alt[k]: the pair read across cur[k - 1] and cur[k].
        let mut alt = vec![None; n];
        for k in 1..n {
            if let (Some(a), Some(b)) = (codes[k - 1], codes[k]) {
                alt[k] = table.decode(a[1], b[0]);
            }
        }
        // A misaligned stretch ends at the first character that absorbed a one-byte character
        // (its second byte is ASCII, as no lead byte is): end[s] for a loss before cur[s].
        let mut end = vec![n; n + 1];
        for s in (0..n).rev() {
            let absorbed = codes[s].is_some_and(|c| codec.single_char(c[1]).is_some());
            end[s] = if absorbed { s + 1 } else { end[s + 1] };
        }
        let after_byte = self
            .char_at(run.end)
            .and_then(|c| codec.single_byte(c))
            .filter(|&b| codec.is_trail(b));
        let model = self.model;
        let fin = self.final_piece(codec, codes.last().copied().flatten(), run.end, after_byte);
        // alt_cost[k]: cost of the chain of cross pairs alt[1..k], each given the one before;
        // bad[k]: how many of codes[..k] and alt[..k] are not characters.
        let mut alt_cost = vec![0.0f32; n + 1];
        let mut bad = vec![0usize; n + 1];
        for k in 0..n {
            let link = match (k.checked_sub(1).and_then(|j| alt[j]), alt[k]) {
                (Some(a), Some(b)) => model.pair_cost(a, b),
                _ => 0.0,
            };
            alt_cost[k + 1] = alt_cost[k] + link;
            let broken = codes[k].is_none() || (k > 0 && alt[k].is_none());
            bad[k + 1] = bad[k] + usize::from(broken);
        }
        let view = Shifted {
            codec,
            model,
            run,
            cur,
            codes,
            alt,
            end,
            fin,
            cur_cost,
            alt_cost,
            bad,
        };
        let start = view.run.start;
        let line_start = start == 0 || self.char_at(start - 1) == Some('\n');

        let mut best: Option<(f32, Fix)> = None;
        let mut consider = |s: usize| {
            if let Some(found) = self.hypothesis(&view, s) {
                if best.as_ref().is_none_or(|b| found.0 > b.0) {
                    best = Some(found);
                }
            }
        };
        if self.marker_before(start).is_some() || line_start {
            consider(0);
        }
        for s in self.likeliest_losses(&view) {
            consider(s);
        }
        if after_byte.is_some() && n > 0 {
            consider(n);
        }
        best.filter(|b| b.0 > 0.0)
    }

    /// How the shifted reading of a whole run ends: its last byte with the character after
    /// the run (used when no character inside the run ends the misalignment).
    fn final_piece(
        &self,
        codec: Codec,
        last: Option<[u8; 2]>,
        end: usize,
        after_byte: Option<u8>,
    ) -> Final {
        let Some([_, last]) = last else {
            return Final::Invalid;
        };
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
    /// character counted at a flat cost, the context outside the changed stretch ignored): the
    /// few best places, to be scored exactly.
    fn likeliest_losses(&self, v: &Shifted) -> impl Iterator<Item = usize> {
        let n = v.cur.len();
        let m = v.model;
        let (cur_cost, alt_cost, bad) = (&v.cur_cost, &v.alt_cost, &v.bad);
        (0..n)
            .filter_map(|s| {
                let e = v.end[s];
                // codes[s..e] and alt[s + 1..e] must all be characters.
                if bad[e] - bad[s + 1] > 0 || v.codes[s].is_none() {
                    return None;
                }
                let (last, _) = v.last_piece(s)?;
                let chain = alt_cost[e] - alt_cost[(s + 2).min(e)];
                let old = cur_cost[e] - cur_cost[s];
                // The closing pair costs at least nothing: most places lose before it.
                if 2.0 * GAP_GUESS + chain >= old {
                    return None;
                }
                let closing = match (e > s + 1, last) {
                    (true, Piece::Char(c)) => m.pair_cost(v.alt[e - 1]?, c),
                    _ => GAP_GUESS,
                };
                let est = 2.0 * GAP_GUESS + chain + closing - old;
                // A place where even the estimate does not read better is not worth scoring.
                (est < 0.0).then_some((s, est))
            })
            .fold([None; EXAMINED], |mut top, (s, est)| {
                // Keep the EXAMINED lowest estimates, lowest first.
                if let Some(k) = top.iter().position(|t| t.is_none_or(|(_, e)| est < e)) {
                    top[k..].rotate_right(1);
                    top[k] = Some((s, est));
                }
                top
            })
            .into_iter()
            .flatten()
            .map(|(s, _)| s)
    }

    /// The gain and repair of the reading with a lead byte lost before `cur[s]`.
    fn hypothesis(&self, v: &Shifted, s: usize) -> Option<(f32, Fix)> {
        let n = v.cur.len();
        let run = &v.run;
        let marker = (s == 0).then(|| self.marker_before(run.start)).flatten();
        if s < n && marker.is_none() {
            // Most runs are clean text, and the realigned characters alone then cost far more
            // than the run as it is: give up before building anything. Besides those, either
            // reading has at most a few more pairs (edges, a consumed character, lost ones),
            // each costing at most one pair's bound.
            let e = v.end[s];
            let old = v.cur_cost[e] - v.cur_cost[s];
            let new = v.alt_cost[e] - v.alt_cost[(s + 2).min(e)];
            if old + EDGE_PAIRS * v.model.max_pair_cost() - new <= AFTER_MARKER {
                return None;
            }
        }
        let mut pieces = Vec::new();
        let (stretch_end, consumes) = if s < n {
            let e = v.end[s];
            pieces.push(Piece::LostLead {
                trail: v.codes[s]?[0],
            });
            for a in &v.alt[s + 1..e] {
                pieces.push(Piece::Char((*a)?));
            }
            let (last, consumes) = v.last_piece(s)?;
            pieces.push(last);
            (run.start + e, consumes)
        } else {
            let b = v
                .codec
                .single_byte(self.char_at(run.end)?)
                .filter(|&b| v.codec.is_trail(b))?;
            pieces.push(Piece::LostLead { trail: b });
            (run.end, true)
        };
        let line_start = s == 0 && (run.start == 0 || self.char_at(run.start - 1) == Some('\n'));
        let (span_first, evidence) = match marker {
            Some(m) => (m, AFTER_MARKER),
            None if line_start => (run.start, AT_LINE_START),
            None => (run.start + s, MID_RUN),
        };
        let span_end = stretch_end + usize::from(consumes);
        let left = span_first.checked_sub(1).and_then(|i| self.char_at(i));
        let right = self.char_at(span_end);

        // A reading that brings no two-byte character back only trades what is there for
        // guesses: take it only inside Han text, where a `?X` or a glued letter has no reading.
        let restored = pieces
            .iter()
            .any(|p| matches!(p, Piece::Char(c) if !c.is_ascii()));
        if !(restored || (left.is_some_and(is_han) && right.is_some_and(is_han))) {
            return None;
        }
        let evidence = evidence + if restored { 0.0 } else { GUESS_ONLY };
        // Most runs are clean text: give up before ranking candidates when even the best
        // conceivable lost characters would not make the reading win.
        let old: Vec<char> = self.chars[span_first..span_end]
            .iter()
            .map(|&(_, c)| c)
            .collect();
        let old_cost = seq_cost(v.model, left, &old, right);
        if old_cost - optimistic_cost(v.model, left, &pieces, right) <= evidence {
            return None;
        }
        let (chosen, candidates) = fill(v, &mut pieces, left, right);
        // A marker after the stretch that the new reading takes for a swallowed trail byte
        // stands for an unknown character in both readings: score neither past it.
        let (old, chosen, right) =
            if consumes && matches!(pieces.last(), Some(Piece::LostTrail { .. })) {
                (&old[..old.len() - 1], &chosen[..chosen.len() - 1], None)
            } else {
                (&old[..], &chosen[..], right)
            };
        let gain = seq_cost(v.model, left, old, right) - seq_cost(v.model, left, chosen, right);
        let after: String = pieces
            .iter()
            .map(|p| match p {
                Piece::Char(c) => *c,
                _ => '\u{fffd}',
            })
            .collect();
        let fix = Fix {
            codec: v.codec,
            span: self.offset(span_first)..self.offset(span_end),
            after,
            candidates,
        };
        Some((gain - evidence, fix))
    }
}

/// Chooses a character for every lost piece: the best candidate by its fit between its
/// neighbours. Returns the reading with the best candidates (for scoring) and the ranked
/// candidates of the first lost piece; a piece whose best candidate does not clearly win
/// is left lost (the caller writes U+FFFD).
fn fill(
    v: &Shifted,
    pieces: &mut [Piece],
    left: Option<char>,
    right: Option<char>,
) -> (Vec<char>, Vec<(String, f32)>) {
    let table = v.codec.table();
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
        // Never build on a guess that was not good enough to be written.
        let prev = if k == 0 {
            left
        } else if let Piece::Char(c) = pieces[k - 1] {
            Some(c)
        } else {
            None
        };
        let next = match pieces.get(k + 1) {
            Some(Piece::Char(c)) => Some(*c),
            Some(_) => None,
            // The end of the text ends a line.
            None => right.or(Some('\n')),
        };
        let mut ranked: Vec<(char, f32)> = pool
            .iter()
            .map(|&c| (c, v.model.log_prob(prev, c, next)))
            .collect();
        ranked.sort_by(|a, b| a.1.total_cmp(&b.1));
        let Some(&(best, cost)) = ranked.first() else {
            reading.push('\u{fffd}');
            continue;
        };
        reading.push(best);
        let runner_up = ranked.get(1).map_or(f32::INFINITY, |r| r.1);
        // A trail byte swallowed by the decoder leaves only the right context to judge by,
        // often a digit: ask more before writing a character there.
        let needed = match pieces[k] {
            Piece::LostTrail { .. } => CLEAR_WIN_SWALLOWED,
            _ => CLEAR_WIN,
        };
        if runner_up - cost >= needed {
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

/// A lower bound of the cost of `pieces` between `left` and `right`, whatever the lost
/// characters turn out to be.
fn optimistic_cost(
    model: &Model,
    left: Option<char>,
    pieces: &[Piece],
    right: Option<char>,
) -> f32 {
    let mut prev = left;
    let mut total = 0.0;
    for p in pieces.iter().copied().chain(right.map(Piece::Char)) {
        match p {
            Piece::Char(c) => {
                total += prev.map_or(0.0, |q| model.pair_cost(q, c));
                prev = Some(c);
            }
            _ => prev = None,
        }
    }
    total
}

/// Cost of `chars` between `left` and `right`.
fn seq_cost(model: &Model, left: Option<char>, chars: &[char], right: Option<char>) -> f32 {
    let mut prev = left;
    let mut total = 0.0;
    for &c in chars.iter().chain(right.iter()) {
        total += model.log_prob(prev, c, None);
        prev = Some(c);
    }
    total
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
