//! Finding and undoing wrong-codec decodes (mojibake), span by span, several layers deep, and
//! reporting what cannot be recovered.
//!
//! Owns candidate generation (which wrong codec, which right one) and the decision to accept a
//! repair, which it asks of [`crate::plausibility`]. Does not decode raw bytes
//! ([`crate::decode`]), realign lost bytes ([`crate::realign`]) or convert script.
//!
//! How it works: the text is cut into *runs*, maximal stretches that could hold the residue of a
//! multi-byte character (non-ASCII characters, plus the ASCII bytes a legacy double-byte codec
//! uses as trail bytes). Pure ASCII text is only scanned. For each run and each codec pair of a
//! small table ([`codec`]: UTF-8 read as windows-125x, Latin-1, KOI8, ISO-8859, MacRoman,
//! cp437/850, GBK, Big5, Shift_JIS, EUC-JP, EUC-KR; GBK/Big5/Shift_JIS/EUC-KR read as
//! windows-1252), the run's characters are mapped back to the bytes they came from and a
//! dynamic programme picks, character by character, between keeping a character and decoding a
//! group of them right, minimising the [`crate::plausibility`] cost plus a fixed price per
//! repaired group. Clean text stays clean because any repair must pay for itself. A run is
//! repaired again while that helps (several layers of damage). The work is linear in the
//! length of the text.

mod codec;
mod lossy;
mod lost;
mod sbcs_tables;

use std::borrow::Cow;

use crate::decode::OneLetterWords;
use crate::pipeline::{common_prefix, common_suffix, Detail, Rewriter};
use crate::plausibility::{
    char_cost, class, is_half_width_kana, is_han, pair_cost, word_pair_cost, Class, Script,
};

use codec::{pairs, LegacyCjk, Pair, Right};

pub use lost::{lost_markers, LostMarker};

/// What one repaired group must gain over the text it replaces: a repair has to pay for
/// itself, so that clean text never changes on a coin toss.
const GROUP_PRICE: f64 = 2.5;
/// What a legacy double-byte reading pays on top of [`GROUP_PRICE`].
const LEGACY_PRICE: f64 = 1.0;
/// The price of a repaired group in the codec pair that already repaired most of the text:
/// nothing, the reading only has to be more plausible than the run. Once a text shows one kind
/// of damage, a short word garbled the same way is no coincidence even when its garbage looks
/// as ordinary as its repair (`╨╜╨╡`, `не` read as cp437, between repaired words).
const FAVOURED_PRICE: f64 = 0.0;
/// What windows-1252 pays on top where a run mixes its symbols with C1 controls that only
/// Latin-1 and ISO-8859-15 decoders show (see [`mixed_c1_run`]).
const MIXED_C1_PRICE: f64 = 1.0;
/// Each further link of a repaired group is evidence: bytes that happen to decode right, link
/// after link, are seldom a coincidence.
const LINK_BONUS: f64 = 0.5;
/// How much worse than the run a first-layer reading may be and still be followed into the
/// next layer.
const MAXIMAL_SLACK: f64 = 4.0;
/// Extra cost of keeping a non-ASCII character in the maximal reading.
const MAXIMAL_KEEP: f64 = 20.0;
/// What another codec pair pays on top once one pair has explained most of the text: one text
/// was seldom garbled two different ways.
const SWITCH_PRICE: f64 = 2.5;
/// First-layer repairs this close to the best one count as explaining the run just as well.
const VOTE_TOLERANCE: f64 = 0.5;
/// The cost of a U+FFFD that marks a character whose bytes did not all survive: the repair
/// still turns several garbage characters into one honest marker.
const LOST_CHAR_COST: f64 = 2.0;
/// At most this many layers of the same damage are undone.
const MAX_LAYERS: u8 = 4;
/// A link (one decoding step that re-aligns the wrong and the right codec) spans at most this
/// many bytes.
const MAX_LINK_BYTES: usize = 12;

/// Highest [`char_cost`] of a character that ends a tentative group (see [`Via`]): common Han,
/// kana, hangul and letters.
const WHOLE_CHAR_COST: f64 = 1.5;

/// Whether `text` contains a span that looks like mojibake, or an irrecoverable marker
/// (`锟斤拷`, `烫烫烫`, runs of U+FFFD).
///
/// ```
/// use mojifix::mojibake::is_garbled;
/// assert!(is_garbled("CafÃ©"));
/// assert!(is_garbled("锟斤拷"));
/// assert!(!is_garbled("Café"));
/// ```
pub fn is_garbled(text: &str) -> bool {
    let every = other_alphabet(text);
    let stray = Letters::of(text).stray();
    !lost_markers(text).is_empty()
        || with_scratch(|scratch| {
            let mut words = None;
            runs(text).any(|r| !first_pass(text, r, every, stray, scratch, &mut words).is_empty())
        })
}

/// Repairs every garbled span of `text`; borrows it back when nothing was garbled.
///
/// ```
/// use mojifix::mojibake::repair;
/// assert_eq!(repair("CafÃ© au lait"), "Café au lait");
/// assert_eq!(repair("Ð¿Ñ€Ð¸Ð²ÐµÑ‚"), "привет");
/// assert_eq!(repair("鍏ㄥ幙缇や紬"), "全县群众");
/// assert_eq!(repair("ÖÐÎÄ"), "中文");
/// assert!(matches!(repair("déjà vu"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn repair(text: &str) -> Cow<'_, str> {
    let mut rw = Rewriter::new(text, crate::Step::Mojibake, false);
    repair_step(&mut rw);
    match rw.finish().0 {
        Some(out) => Cow::Owned(out),
        None => Cow::Borrowed(text),
    }
}

/// The pipeline's `mojibake` step.
pub(crate) fn repair_step(rw: &mut Rewriter<'_>) {
    let text = rw.input();
    if text.is_ascii() {
        return;
    }
    let fixes = repair_runs(text, false);
    let Some((_, first)) = fixes.first() else {
        return;
    };
    // What one round leaves can read as mojibake once its neighbours are repaired (a remnant
    // beside a repaired word is a run of its own next time): rounds go on to a fixed point, so
    // that fixing fixed text changes nothing. Most texts need one round, and then the check
    // costs one scan of the repaired text.
    let mut rounds = 1u8;
    let mut now = applied(text, &fixes);
    while rounds < MAX_ROUNDS {
        let more = repair_runs(&now, true);
        if more.is_empty() {
            break;
        }
        now = applied(&now, &more);
        rounds += 1;
    }
    if rounds > 1 {
        // The rounds' repairs overlap in ways spans of the input cannot tell apart: one change
        // over everything that differs.
        let (start, end, after) = narrow(text, &now, 0);
        let detail = codec_detail(first, text, start..end, rw.explaining(), rounds);
        rw.replace(start..end, after, detail);
        return;
    }
    for (run, fix) in fixes {
        let (start, end, after) = narrow(&text[run.clone()], &fix.text, run.start);
        let detail = codec_detail(&fix, text, start..end, rw.explaining(), fix.layers);
        rw.replace(start..end, after, detail);
    }
}

/// At most this many rounds of repair of one text (see [`repair_step`]).
const MAX_ROUNDS: u8 = 4;

/// `text` with each run replaced by its repair.
fn applied(text: &str, fixes: &[(std::ops::Range<usize>, Fix)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (run, fix) in fixes {
        out.push_str(&text[copied..run.start]);
        out.push_str(&fix.text);
        copied = run.end;
    }
    out.push_str(&text[copied..]);
    out
}

/// The explain record of a repair of `text[span]` led by `fix`'s codec pair.
fn codec_detail(
    fix: &Fix,
    text: &str,
    span: std::ops::Range<usize>,
    explaining: bool,
    layers: u8,
) -> Detail {
    // Telling Latin-1 from windows-1252 costs a scan: only when someone reads the records.
    let from = if explaining && fix.first.wrong.name == "windows-1252" && latin1_only(&text[span]) {
        "iso-8859-1"
    } else {
        fix.first.wrong.name
    };
    let to = match fix.first.right {
        Right::Utf8 => "utf-8",
        Right::Legacy(l) => l.name(),
    };
    Detail::Codec {
        from_codec: Cow::Borrowed(from),
        to_codec: Cow::Borrowed(to),
        layers,
    }
}

/// Repairs of the runs of `text`, in text order. Two passes: the first judges each run on its
/// own; the codec pair that repaired most runs is then evidence for the whole text, and the
/// second pass charges it less on the runs that are left (`march茅` alone is ambiguous, not
/// next to `po猫te` and `fen锚tre`).
///
/// In a `later` round the markers of lost characters are final: the first round's lossy
/// double-byte repairs wrote one per lost character, and reading them again as lost bytes with
/// the characters beside them (`�人���罪��` as EUC-KR `�人���`) would merge them.
fn repair_runs(text: &str, later: bool) -> Vec<(std::ops::Range<usize>, Fix)> {
    with_scratch(|scratch| {
        scratch.markers_final = later || reads_as_cjk_text(text);
        let mut repairs = without_scattered_legacy(text, repair_runs_with(text, scratch));
        repairs.retain(|(run, fix)| !guessed_noise(&text[run.clone()], fix));
        repairs
    })
}

/// Whether `fix` of the run `input` rests on guesses that make no text: a sloppy decoder
/// dropped bytes, and most of the CJK characters completed with a guessed byte stand alone
/// among symbols. Japanese or Chinese read sloppily completes characters side by side (each
/// hiragana of `これは` lost its 0x81); lower-cased mojibake (`ã†â€™ãƒâ€`, where `ã` is E3)
/// completes one kana here and there between leftover punctuation (`う’ぃ”`).
fn guessed_noise(input: &str, fix: &Fix) -> bool {
    // C1 controls in the input are the undefined bytes themselves, kept: nothing is guessed.
    if !fix.first.wrong.drops_undefined || input.chars().any(is_c1) {
        return false;
    }
    let cjk = |c: Option<&char>| {
        c.is_some_and(|&c| matches!(class(c), Class::Han | Class::Kana | Class::Hangul))
    };
    let chars: Vec<char> = fix.text.chars().collect();
    let (mut guessed, mut alone) = (0, 0);
    for (i, c) in chars.iter().enumerate() {
        let mut utf8 = [0; 4];
        let lost = c
            .encode_utf8(&mut utf8)
            .bytes()
            .any(|b| UNDEFINED_IN_1252.contains(&b));
        if lost && cjk(Some(c)) {
            guessed += 1;
            if !cjk(i.checked_sub(1).and_then(|j| chars.get(j))) && !cjk(chars.get(i + 1)) {
                alone += 1;
            }
        }
    }
    alone * 2 > guessed
}

/// Whether `text` holds markers of lost characters (`?`, U+FFFD) among characters that read as
/// Chinese or Japanese text (by the character models, [`CJK_TEXT_COST`] per character at most)
/// or as Korean (syllables, hardly any ideograph): a text with characters lost, not UTF-8 read as a
/// double-byte codec, whose characters are byte pairs that make no text. Its markers stand for
/// one character each; reading them as lost bytes with the characters beside them would eat
/// those (`また�そ�よう` as EUC-KR `また�そ�誦`).
fn reads_as_cjk_text(text: &str) -> bool {
    use crate::plausibility::ngram::Model;
    if !text.contains(['\u{fffd}', '?']) {
        return false;
    }
    let (mut zh, mut ja, mut n, mut hangul) = (0.0f32, 0.0f32, 0usize, 0);
    let lost = |c: char| c == '\u{fffd}' || c == '?';
    for segment in text.split(|c: char| c.is_ascii() || lost(c)) {
        if segment.is_empty() {
            continue;
        }
        zh += Model::zh().cost(segment);
        ja += Model::ja().cost(segment);
        for c in segment.chars() {
            n += 1;
            hangul += usize::from(class(c) == Class::Hangul);
        }
    }
    if n == 0 {
        return false;
    }
    // Every syllable EUC-KR reads is a common one; its readings of UTF-8 mix in ideographs.
    let korean = hangul * 10 >= n * 9;
    // Hangul among ideographs is EUC-KR's reading of UTF-8 (`雅뷰��孃`), not text.
    korean || (hangul == 0 && zh.min(ja) <= CJK_TEXT_COST * n as f32)
}

/// Highest cost per character under the Chinese or Japanese character model of a text that
/// [`reads_as_cjk_text`]: real text with markers costs 4.6–9 in Chinese and up to 13 in
/// Japanese, UTF-8 read as a double-byte codec 9.4–18 (UDHR sentences).
const CJK_TEXT_COST: f32 = 10.5;

/// The `repairs` of `text`, without its legacy double-byte readings when they cover under a
/// third of the text's characters beyond ASCII: legacy text shown as Latin-1 is garbled
/// through and through, every run of it reads, whereas Latin-1 text that happens to hold a
/// few readable byte pairs (`MÄ£ÄM ÌÑÌ Q £ÄGÌ … ÉÑÄK`, capitals as leetspeak) reads in a
/// run here and there.
fn without_scattered_legacy(text: &str, mut repairs: Repairs) -> Repairs {
    let legacy = |fix: &Fix| matches!(fix.first.right, Right::Legacy(_));
    if !repairs.iter().any(|(_, fix)| legacy(fix)) {
        return repairs;
    }
    let non_ascii = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
    let covered: usize = repairs
        .iter()
        .filter(|(_, fix)| legacy(fix))
        .map(|(w, _)| non_ascii(&text[w.clone()]))
        .sum();
    if covered * 3 < non_ascii(text) {
        repairs.retain(|(_, fix)| !legacy(fix));
    }
    repairs
}

/// [`repair_runs`] with the buffers of `scratch`.
fn repair_runs_with(text: &str, scratch: &mut Scratch) -> Vec<(std::ops::Range<usize>, Fix)> {
    let every = other_alphabet(text);
    let counts = Letters::of(text);
    let stray = counts.stray();
    let runs: Vec<std::ops::Range<usize>> = runs(text).collect();
    let mut words = None;
    let found: Vec<(std::ops::Range<usize>, Fix)> = runs
        .iter()
        .flat_map(|r| first_pass(text, r.clone(), every, stray, scratch, &mut words))
        .collect();
    let all = pairs();
    let mut votes = vec![0usize; all.len()];
    for (_, fix) in &found {
        for &k in &fix.voters {
            votes[k] += 1;
        }
    }
    let top = votes.iter().copied().max().unwrap_or(0);
    if top == 0 {
        return found;
    }
    // Something was repaired: every whole run is judged again with the favoured pair, and
    // keeps its first-pass repairs when that finds nothing better. Han characters left over
    // among the repaired letters are strays even where the garbled text had too many of them
    // to look stray (`þjóða 铆 milli` in Icelandic read as GBK), so the second pass is run
    // once more when its own result shows them.
    let found = without_stray_words(text, counts, found);
    if found.is_empty() {
        return found;
    }
    let rivals: Vec<&'static Pair> = votes
        .iter()
        .zip(all)
        .filter(|&(&v, _)| v == top)
        .map(|(_, p)| p)
        .take(RIVALS)
        .collect();
    if let [favoured] = rivals[..] {
        return favoured_pass(text, counts, &runs, favoured, &found, scratch);
    }
    // Rivals mostly agree (windows-1252 and Latin-1 read most text alike): each distinct
    // result is scored once, and a single one needs no score.
    let mut outs: Vec<(String, Repairs)> = Vec::with_capacity(rivals.len());
    for &favoured in &rivals {
        let out = favoured_pass(text, counts, &runs, favoured, &found, scratch);
        let whole = applied(text, &out);
        if !outs.iter().any(|(w, _)| *w == whole) {
            outs.push((whole, out));
        }
    }
    if outs.len() == 1 {
        return outs.pop().map_or(found, |o| o.1);
    }
    outs.into_iter()
        .map(|(whole, out)| (crate::decode::reading_cost(&whole), out))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map_or(found, |b| b.1)
}

/// The first pass's repairs of the run `run` of `text`: each of its [`windows`] judged on its
/// own ([`repair_run`]), or a lone ideograph read as a one-letter word
/// ([`one_letter_repair`]), which a common ideograph may be and no window then holds.
/// `words` is the text's one-letter words, measured at the first lone ideograph.
fn first_pass(
    text: &str,
    run: std::ops::Range<usize>,
    every: bool,
    stray: Stray,
    scratch: &mut Scratch,
    words: &mut Option<OneLetterWords>,
) -> Repairs {
    let found = windows(text, run.clone(), every, stray.cjk_text);
    if found.is_empty() {
        return one_letter_repair(text, run.clone(), stray, words)
            .map(|fix| (run, fix))
            .into_iter()
            .collect();
    }
    found
        .into_iter()
        .filter_map(|w| {
            let fix = repair_run(text, w.clone(), None, stray, scratch)
                .or_else(|| one_letter_repair(text, w.clone(), stray, words))?;
            Some((w, fix))
        })
        .collect()
}

/// A lone Han, kana or hangul character between the words of an alphabetic text (a stray one)
/// whose two bytes, read as UTF-8, are a word of one letter in the language of the text's
/// other words: `che 猫 indispensabile` is Italian `che è indispensabile` read as GBK, `til 책
/// eie` Norwegian `til å eie` read as EUC-KR. The same character quoted in English (`the word
/// 猫`) is no such word, so it stays. Nothing else in the text need be damaged, which is why
/// the costs alone cannot tell.
fn one_letter_repair(
    text: &str,
    w: std::ops::Range<usize>,
    stray: Stray,
    words: &mut Option<OneLetterWords>,
) -> Option<Fix> {
    if stray.cjk == 0.0 {
        return None;
    }
    let span = &text[w.clone()];
    let mut non_ascii = span.char_indices().filter(|(_, c)| !c.is_ascii());
    let (at, c) = non_ascii.next()?;
    if non_ascii.next().is_some()
        || !matches!(class(c), Class::Han | Class::Kana | Class::Hangul)
        || span.chars().any(|c| c.is_ascii_alphanumeric())
    {
        return None;
    }
    // Between words as a word is: a quoted character has quotes or brackets (`«猫»`, `(猫)`).
    let at = w.start + at;
    let before = text[..at].chars().next_back();
    let after = text[at + c.len_utf8()..].chars().next();
    if before != Some(' ') || !matches!(after, Some(' ' | ',' | '.' | ';' | ':' | '!' | '?')) {
        return None;
    }
    let words = words.get_or_insert_with(|| OneLetterWords::of(text));
    pairs().iter().find_map(|pair| {
        if pair.right != Right::Utf8 || !pair.wrong.double_byte {
            return None;
        }
        let bytes = pair.wrong.encode(c).filter(|b| b.len == 2)?;
        let mut read = std::str::from_utf8(&bytes.b).ok()?.chars();
        let letter = read
            .next()
            .filter(|&l| class(l) == Class::Letter(Script::Latin))?;
        if read.next().is_some() || !words.contains(letter) {
            return None;
        }
        let mut out = String::with_capacity(span.len());
        out.push_str(&text[w.start..at]);
        out.push(letter);
        out.push_str(&text[at + c.len_utf8()..w.end]);
        Some(Fix {
            text: out,
            first: pair,
            layers: 1,
            voters: Vec::new(),
        })
    })
}

/// Repaired runs of a text, in text order.
type Repairs = Vec<(std::ops::Range<usize>, Fix)>;

/// At most this many codec pairs that repaired equally many runs are compared as readings of
/// the whole text (see [`repair_runs`]).
const RIVALS: usize = 4;

/// The second pass of [`repair_runs`] with `favoured` cheaper, run once more when its own
/// result shows stray Han, kana or hangul characters.
fn favoured_pass(
    text: &str,
    counts: Letters,
    runs: &[std::ops::Range<usize>],
    favoured: &'static Pair,
    found: &[(std::ops::Range<usize>, Fix)],
    scratch: &mut Scratch,
) -> Vec<(std::ops::Range<usize>, Fix)> {
    let mut stray = after_repairs(text, counts, found).stray();
    let mut out = second_pass(text, runs, favoured, stray, found, scratch);
    let more = after_repairs(text, counts, &out).stray();
    if more.cjk > stray.cjk {
        stray = more;
        out = second_pass(text, runs, favoured, stray, found, scratch);
    }
    without_stray_words(text, counts, out)
}

/// The `repairs` of a text, or none when the text (its letter `counts`) has no letter of any alphabet and all of them
/// together would read a word of a few letters out of it (`舒亶`, a poet's name, as EUC-JP
/// `ай`). Two Han characters are the four bytes of two Cyrillic or Greek letters in every
/// double-byte codec, and Chinese names and short classical lines are everywhere; a garbled
/// alphabetic text is longer than that (`写. 袣邪褉邪褔邪械胁褋泻` is `д. Карачаевск`), or
/// has letters of its own (`褋. Геленджик`).
fn without_stray_words(
    text: &str,
    counts: Letters,
    repairs: Vec<(std::ops::Range<usize>, Fix)>,
) -> Vec<(std::ops::Range<usize>, Fix)> {
    let made = |fix: &Fix| Letters::of(&fix.text).alphabetic;
    // Lone letters between spaces and no word anywhere: a list of rare ideographs (`丨 仡 伀`),
    // each of which two-byte UTF-8 can read as a letter of some alphabet (`ح`, `ь`, `Ʉ`).
    // Garbled alphabetic text shows its damage inside words (`peut 锚tre`). A text with
    // letters of its own beyond ASCII can abbreviate (`褋. Геленджик` is `с. Геленджик`), but
    // a text read with one wrong codec does not come out in three alphabets.
    let lone = |(w, fix): &(std::ops::Range<usize>, Fix)| {
        let before = text[..w.start].chars().next_back();
        let after = text[w.end..].chars().next();
        let chars: Vec<char> = before
            .into_iter()
            .chain(fix.text.chars())
            .chain(after)
            .collect();
        let mut letters = 0;
        for (k, &c) in chars.iter().enumerate() {
            let inner = (before.is_none() || k > 0) && (after.is_none() || k + 1 < chars.len());
            if !inner || c.is_ascii() || !matches!(class(c), Class::Letter(_)) {
                continue;
            }
            letters += 1;
            let word = |k: Option<usize>| {
                k.and_then(|k| chars.get(k))
                    .is_some_and(|c| c.is_alphanumeric())
            };
            if word(k.checked_sub(1)) || word(Some(k + 1)) {
                return None;
            }
        }
        Some(letters)
    };
    // Only in CJK text: one-letter words of alphabetic text (`droit 脿 la`, `til 氓 eie`) are
    // real, and other damage in the text tells them apart.
    let lone_letters = counts.cjk > counts.alphabetic
        && repairs
            .iter()
            .map(lone)
            .try_fold(0, |n, l| l.map(|l| n + l))
            .is_some_and(|n| n > 0)
        && (!text
            .chars()
            .any(|c| !c.is_ascii() && matches!(class(c), Class::Letter(_)))
            || scripts_of(repairs.iter().map(|(_, fix)| fix.text.as_str())) >= 3);
    if lone_letters {
        return Vec::new();
    }
    if counts.alphabetic > 0 {
        return repairs;
    }
    let total: usize = repairs.iter().map(|(_, fix)| made(fix)).sum();
    if (1..=FEW_LETTERS).contains(&total) {
        Vec::new()
    } else {
        repairs
    }
}

/// How many scripts the letters of `texts` are written in (Latin, Greek, Cyrillic, …).
fn scripts_of<'a>(texts: impl Iterator<Item = &'a str>) -> usize {
    let mut seen: Vec<Script> = Vec::new();
    for c in texts.flat_map(str::chars) {
        if let Class::Letter(s) = class(c) {
            if !seen.contains(&s) {
                seen.push(s);
            }
        }
    }
    seen.len()
}

/// At most this many letters read out of a text of none are a coincidence (see
/// [`without_stray_words`]).
const FEW_LETTERS: usize = 3;

/// The second pass of [`repair_runs`]: each of `runs` judged with `favoured` cheaper, or its
/// first-pass repairs (`found`) kept.
fn second_pass(
    text: &str,
    runs: &[std::ops::Range<usize>],
    favoured: &'static Pair,
    stray: Stray,
    found: &[(std::ops::Range<usize>, Fix)],
    scratch: &mut Scratch,
) -> Vec<(std::ops::Range<usize>, Fix)> {
    let mut first = found.iter().peekable();
    let mut out = Vec::new();
    for run in runs {
        let mine = std::iter::from_fn(|| first.next_if(|(w, _)| w.start < run.end));
        match repair_run(text, run.clone(), Some(favoured), stray, scratch) {
            Some(fix) => {
                mine.for_each(drop);
                out.push((run.clone(), fix));
            }
            None => out.extend(mine.cloned()),
        }
    }
    out
}

/// The letter counts of `text` (`counts`) once `repairs` are made.
fn after_repairs(
    text: &str,
    counts: Letters,
    repairs: &[(std::ops::Range<usize>, Fix)],
) -> Letters {
    let mut n = counts;
    for (w, fix) in repairs {
        n.remove(Letters::of(&text[w.clone()]));
        n.add(Letters::of(&fix.text));
    }
    n
}

/// The pipeline's `lost-markers` step: each irrecoverable marker becomes one U+FFFD per lost
/// character.
pub(crate) fn lost_markers_step(rw: &mut Rewriter<'_>) {
    let text = rw.input();
    for m in lost_markers(text) {
        let lost = "\u{fffd}".repeat(m.lost);
        rw.replace(
            m.span.clone(),
            &lost,
            Detail::Reason {
                reason: Cow::Borrowed(m.kind),
            },
        );
    }
}

/// Whether the C1 controls of `span` (if any) and no windows-1252 specific characters suggest
/// Latin-1 rather than windows-1252.
fn latin1_only(span: &str) -> bool {
    span.chars().any(is_c1)
        && !span.chars().any(|c| {
            let u = c as u32;
            (0x152..=0x2122).contains(&u)
        })
}

/// Cuts the common prefix and suffix off a replacement: `(start, end, after)` in text offsets.
fn narrow<'a>(before: &str, after: &'a str, base: usize) -> (usize, usize, &'a str) {
    let prefix = common_prefix(before, after);
    let suffix = common_suffix(&before[prefix..], &after[prefix..]);
    (
        base + prefix,
        base + before.len() - suffix,
        &after[prefix..after.len() - suffix],
    )
}

/// The stretches of the run `range` worth a repair search: those around characters a
/// wrong-codec reading leaves behind, that is a character the plausibility model finds
/// uncommon (a rare ideograph, a Latin-1 capital or symbol, a C1 control, a half-width kana …)
/// or an unlikely pair of neighbours, the run's edges included, padded with
/// [`WINDOW_PAD`] characters on each side. Every codec pair's mojibake shows such a character
/// every few characters, because the wrong codec reads the bytes of common characters as
/// uncommon ones; clean text mostly shows none and then costs only this scan instead of a
/// repair search per codec pair. With `every`, the whole run.
fn windows(
    text: &str,
    range: std::ops::Range<usize>,
    every: bool,
    cjk_text: bool,
) -> Vec<std::ops::Range<usize>> {
    if every {
        return vec![range];
    }
    let chars: Vec<(usize, char)> = text[range.clone()]
        .char_indices()
        .map(|(i, c)| (range.start + i, c))
        .collect();
    let n = chars.len();
    let after = text[range.end..].chars().next();
    let mut prev = text[..range.start].chars().next_back();
    // Windows in character indices, merged when they overlap.
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (k, &(_, c)) in chars.iter().enumerate() {
        let odd = char_cost(c) > UNREMARKABLE
            || prev.is_some_and(|p| kept_pair_cost(p, c, cjk_text) > 0.0)
            || (k + 1 == n && after.is_some_and(|a| kept_pair_cost(c, a, cjk_text) > 0.0));
        prev = Some(c);
        if !odd {
            continue;
        }
        let (a, b) = (k.saturating_sub(WINDOW_PAD), (k + 1 + WINDOW_PAD).min(n));
        match found.last_mut() {
            Some(w) if a <= w.1 => w.1 = b,
            _ => found.push((a, b)),
        }
    }
    let at = |k: usize| chars.get(k).map_or(range.end, |&(o, _)| o);
    found.into_iter().map(|(a, b)| at(a)..at(b)).collect()
}

/// Characters searched on each side of a remarkable one: mojibake of any codec pair shows a
/// remarkable character at least this often, so a window reaches the edges of a garbled span.
const WINDOW_PAD: usize = 6;

/// How many alphabetic letters and how many Han, kana or hangul characters a text holds.
#[derive(Clone, Copy, Default)]
struct Letters {
    alphabetic: usize,
    cjk: usize,
    /// Cyrillic and Greek letters (counted among `alphabetic` too).
    cyrillic: usize,
    /// Letters of alphabets other than Latin (counted among `alphabetic` too).
    non_latin: usize,
    /// Han, kana or hangul characters beside another one (counted among `cjk` too): CJK
    /// words, which alphabetic text read with a double-byte codec seldom shows, since it
    /// turns each accented letter into one ideograph inside an ASCII word (`Ka啪d媒`).
    cjk_paired: usize,
    /// Han, kana or hangul characters beside an ASCII letter (counted among `cjk` too): most
    /// of them in alphabetic text read with a double-byte codec, a few in CJK text that
    /// quotes Latin words.
    cjk_touching: usize,
    /// ASCII letters, and characters beyond ASCII of any kind.
    ascii_letters: usize,
    non_ascii: usize,
    /// Half-width katakana, those beside another one, and those beside an ASCII letter.
    half_width: usize,
    half_width_paired: usize,
    half_width_touching: usize,
}

impl Letters {
    fn of(text: &str) -> Letters {
        let mut n = Letters::default();
        // Whether the previous character was CJK, and whether it was counted as paired.
        let (mut prev_cjk, mut prev_paired) = (false, false);
        // Whether the previous character was CJK and touched no ASCII letter before it, or an
        // ASCII letter.
        let (mut prev_alone, mut prev_letter) = (false, false);
        let mut prev_half = false;
        for c in text.chars() {
            if c.is_ascii() {
                let letter = c.is_ascii_alphabetic();
                n.alphabetic += usize::from(letter);
                n.ascii_letters += usize::from(letter);
                n.cjk_touching += usize::from(letter && prev_alone);
                n.half_width_touching += usize::from(letter && prev_half);
                prev_half = false;
                (prev_cjk, prev_paired) = (false, false);
                (prev_alone, prev_letter) = (false, letter);
                continue;
            }
            // Half-width katakana are what UTF-8 continuation bytes read as Shift_JIS look
            // like (`Gyﾅ喪`): no evidence of a CJK text.
            n.non_ascii += 1;
            let class = class(c);
            let half = is_half_width_kana(c);
            n.half_width += usize::from(half);
            n.half_width_paired += usize::from(half && prev_half);
            n.half_width_touching += usize::from(half && prev_letter);
            prev_half = half;
            let cjk = matches!(class, Class::Han | Class::Kana | Class::Hangul) && !half;
            match class {
                Class::Letter(s) => {
                    n.alphabetic += 1;
                    n.cyrillic += usize::from(matches!(s, Script::Cyrillic | Script::Greek));
                    n.non_latin += usize::from(s != Script::Latin);
                }
                Class::Han | Class::Kana | Class::Hangul => n.cjk += 1,
                _ => {}
            }
            if cjk && prev_cjk {
                n.cjk_paired += 1 + usize::from(!prev_paired);
            }
            n.cjk_touching += usize::from(cjk && prev_letter);
            prev_alone = cjk && !prev_letter;
            prev_letter = false;
            prev_paired = cjk && prev_cjk;
            prev_cjk = cjk;
        }
        n
    }

    fn add(&mut self, other: Letters) {
        self.alphabetic += other.alphabetic;
        self.cjk += other.cjk;
        self.cyrillic += other.cyrillic;
        self.non_latin += other.non_latin;
        self.cjk_paired += other.cjk_paired;
        self.cjk_touching += other.cjk_touching;
        self.ascii_letters += other.ascii_letters;
        self.non_ascii += other.non_ascii;
        self.half_width += other.half_width;
        self.half_width_paired += other.half_width_paired;
        self.half_width_touching += other.half_width_touching;
    }

    fn remove(&mut self, other: Letters) {
        self.alphabetic = self.alphabetic.saturating_sub(other.alphabetic);
        self.cjk = self.cjk.saturating_sub(other.cjk);
        self.cyrillic = self.cyrillic.saturating_sub(other.cyrillic);
        self.non_latin = self.non_latin.saturating_sub(other.non_latin);
        self.cjk_paired = self.cjk_paired.saturating_sub(other.cjk_paired);
        self.cjk_touching = self.cjk_touching.saturating_sub(other.cjk_touching);
        self.ascii_letters = self.ascii_letters.saturating_sub(other.ascii_letters);
        self.non_ascii = self.non_ascii.saturating_sub(other.non_ascii);
        self.half_width = self.half_width.saturating_sub(other.half_width);
        self.half_width_paired = self
            .half_width_paired
            .saturating_sub(other.half_width_paired);
        self.half_width_touching = self
            .half_width_touching
            .saturating_sub(other.half_width_touching);
    }

    /// The surcharge of a Han, kana or hangul character (see [`Around::stray_cjk`]):
    /// [`STRAY_CJK`] when such characters are a small minority among alphabetic letters, the
    /// signature of alphabetic text read with a double-byte codec (`vera 铆 félagi`,
    /// `dignit챕`, `служби 薪邪 своята`), else nothing. Text in a non-Latin alphabet quotes
    /// CJK words far less than Latin-script text does, so there a smaller minority will do
    /// (`قاره 爻賴 لبخند` is Persian `قاره سه لبخند` read as GBK).
    fn stray_cjk_cost(self) -> f64 {
        let ratio = if self.non_latin * 2 > self.alphabetic {
            STRAY_RATIO_NON_LATIN
        } else {
            STRAY_RATIO
        };
        if self.cjk > 0 && self.cjk * ratio <= self.alphabetic {
            STRAY_CJK
        } else {
            0.0
        }
    }

    /// The surcharge of a Cyrillic or Greek letter: [`STRAY_CJK`] when such letters are a
    /// small minority among the others, the signature of Latin text read as KOI8 or
    /// windows-1251 (`droit ц═ la`: `à` read as KOI8-R), else nothing.
    fn stray_cyrillic_cost(self) -> f64 {
        let others = self.alphabetic.saturating_sub(self.cyrillic);
        if self.cyrillic > 0 && self.cyrillic * STRAY_RATIO <= others {
            STRAY_CJK
        } else {
            0.0
        }
    }

    fn stray(self) -> Stray {
        // Half-width katakana side by side, hardly any touching ASCII letters and no other
        // CJK character: Japanese written in half-width kana (`ﾋﾃﾞﾘﾉﾄｷ`). UTF-8 read as
        // Shift_JIS shows kanji too (its lead bytes pair up), and in alphabetic text its kana
        // sit inside words (`cafﾃｩ`).
        let half_width_text = self.cjk == self.half_width
            && self.half_width_paired >= CJK_TEXT_PAIRED
            && self.half_width_touching * 4 <= self.half_width;
        let cjk_text = (self.cjk_paired >= CJK_TEXT_PAIRED && self.cjk_touching * 2 <= self.cjk)
            || half_width_text;
        // Text of ASCII words with a few characters beyond ASCII and no CJK one: a legacy
        // double-byte reading would make stray ideographs of them (`IKEA: ÖRÅ™` as GBK
        // `IKEA: 諶艡`); legacy text read as Latin-1 is those characters through and through.
        let legacy_cjk = if self.cjk == 0
            && self.ascii_letters >= LEGACY_STRAY_LETTERS
            && self.ascii_letters >= STRAY_RATIO_NON_LATIN * self.non_ascii
        {
            STRAY_CJK
        } else {
            0.0
        };
        Stray {
            cjk: self.stray_cjk_cost(),
            legacy_cjk,
            // A Cyrillic or Greek letter among the Latin words of CJK text is no Latin letter
            // read as KOI8: Japanese emoticons are drawn with them (`(ﾉД`)`, `(ﾟдﾟ)`).
            cyrillic: if cjk_text {
                0.0
            } else {
                self.stray_cyrillic_cost()
            },
            cjk_text,
        }
    }
}

/// Surcharges of characters that are a small minority of another script in a text
/// ([`Letters::stray`]).
#[derive(Clone, Copy)]
struct Stray {
    cjk: f64,
    /// Surcharge of an ideograph a legacy double-byte reading makes.
    legacy_cjk: f64,
    cyrillic: f64,
    /// Han, kana or hangul characters make words of their own (several stand beside one
    /// another) and most of them touch no ASCII letter: Chinese, Japanese or Korean text,
    /// which quotes Latin words here and there (`CE的Palm`, `Wiki站点`, however much markup
    /// is around), where in alphabetic text an ideograph inside a word is the signature of a
    /// garbled letter (`dignit챕`, `Ka啪d媒`). See [`kept_pair_cost`].
    cjk_text: bool,
}

/// At least this many Han, kana or hangul characters beside another one make a CJK text
/// ([`Stray::cjk_text`]): a short Vietnamese text read as GBK has a pair or two (`m峄梚`).
const CJK_TEXT_PAIRED: usize = 3;

/// [`pair_cost`] of two neighbours of the text as it stands: in a CJK text (`cjk_text`) a
/// Han, kana or hangul character beside an ASCII letter costs nothing, since such texts mix in
/// Latin words everywhere (`CE的Palm` is no garbled `CEŪPalm`).
fn kept_pair_cost(prev: char, next: char, cjk_text: bool) -> f64 {
    let cjk = |c: char| matches!(class(c), Class::Han | Class::Kana | Class::Hangul);
    if cjk_text
        && ((prev.is_ascii_alphabetic() && cjk(next)) || (cjk(prev) && next.is_ascii_alphabetic()))
    {
        0.0
    } else {
        pair_cost(prev, next)
    }
}

/// Alphabetic letters per Han, kana or hangul character, at least, for those to count as
/// stray: alphabetic text quoting a CJK word has one CJK character per few letters at most
/// in that word's neighbourhood, but a lone garbled letter every word or two is 1 in 8 or
/// fewer.
const STRAY_RATIO: usize = 8;

/// At least this many ASCII letters make a text of words in which a legacy reading's
/// ideographs are strays ([`Stray::legacy_cjk`]).
const LEGACY_STRAY_LETTERS: usize = 12;

/// [`STRAY_RATIO`] in text written mostly in a non-Latin alphabet.
const STRAY_RATIO_NON_LATIN: usize = 4;

/// Extra cost of a stray Han, kana or hangul character in alphabetic text. Less than
/// [`GROUP_PRICE`] minus a common letter's cost, so that a lone ideograph in English text is
/// left alone unless the text shows the same damage elsewhere (the favoured pair).
const STRAY_CJK: f64 = 1.5;

/// Whether `text` holds letters of an alphabet other than Latin. Then every run is examined:
/// Hebrew, Greek or Cyrillic words read as GBK can come out as first-level ideographs between
/// spaces (`注专砖砖祝`), unremarkable on their own and plain mojibake beside Hebrew words.
fn other_alphabet(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(class(c), Class::Letter(s) if s != Script::Latin))
}

/// The highest character cost [`windows`] lets pass: everyday letters of any script, kana,
/// common hangul, first-level ideographs and CJK punctuation.
const UNREMARKABLE: f64 = 1.5;

/// Byte ranges of the runs of `text` that could hold mojibake: non-ASCII characters, joined by
/// the ASCII characters that can be a trail byte (`@`–`~`), a stray `?` standing for a lost
/// byte, or a space standing for a no-break space, when these follow a non-ASCII character.
fn runs(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        // Skip to the next non-ASCII byte.
        let start = pos + bytes[pos..].iter().position(|b| !b.is_ascii())?;
        let mut end = start;
        let mut prev_ascii = false;
        // Whether the last non-ASCII character is CJK (U+3000 and up, lead byte E3 or more).
        let mut cjk = false;
        while end < bytes.len() {
            let b = bytes[end];
            if !b.is_ascii() {
                if b >= 0xc0 {
                    cjk = b >= 0xe3;
                }
                prev_ascii = false;
                end += 1;
            } else if (!prev_ascii && ((b'@'..=b'~').contains(&b) || b == b'?' || b == b' '))
                // `?` after `?`: a double-byte codec that lost two bytes of one character and
                // wrote `?` for each (`銈嬨??` is `る` and a lost `。`). Only after CJK text,
                // where no single-byte reading applies: `fermé??` is a question.
                || (b == b'?' && cjk && bytes[end - 1] == b'?')
            {
                prev_ascii = true;
                end += 1;
            } else {
                break;
            }
        }
        // A trailing joiner that no non-ASCII character follows belongs to the run only as
        // a possible trail or A0 byte; keep it, the repair decides.
        pos = end;
        Some(start..end)
    })
}

/// A repaired run.
#[derive(Clone)]
struct Fix {
    text: String,
    /// The codec pair of the outermost layer.
    first: &'static Pair,
    layers: u8,
    /// Indices of the codec pairs that explain the run about as well as `first`.
    voters: Vec<usize>,
}

/// Repairs the run `range` of `text`, layer after layer; `None` when it is best left alone.
fn repair_run(
    text: &str,
    range: std::ops::Range<usize>,
    favoured: Option<&'static Pair>,
    stray: Stray,
    scratch: &mut Scratch,
) -> Option<Fix> {
    let around = Around {
        before: text[..range.start].chars().next_back(),
        after: text[range.end..].chars().next(),
        stray_cjk: stray.cjk,
        stray_cyrillic: stray.cyrillic,
        legacy_cjk: stray.legacy_cjk,
        cjk_text: stray.cjk_text,
    };
    let key = RunKey {
        start: range.start,
        end: range.end,
        stray_cjk: stray.cjk.to_bits(),
        stray_cyrillic: stray.cyrillic.to_bits(),
        legacy_cjk: stray.legacy_cjk.to_bits(),
        cjk_text: stray.cjk_text,
    };
    // Lone C1 controls: a Latin-1 decoder showed windows-1252 punctuation (`parlé\u{85}` is
    // `parlé…`), which beats a reading that swallows them with their neighbours (`parl酠`).
    let c1 = fix_c1(&text[range.clone()]).map(|out| {
        let chars: Vec<char> = out.chars().collect();
        let cost = Kept::of(&chars, around).cost + GROUP_PRICE;
        let fix = Fix {
            text: out,
            first: &pairs()[0],
            layers: 1,
            voters: Vec::new(),
        };
        (cost, fix)
    });
    let searched = search(
        &text[range.clone()],
        around,
        0,
        favoured,
        scratch,
        Some(key),
    );
    let found = match (searched, c1) {
        (Some(found), Some((cost, fix))) if cost < found.cost => return Some(fix),
        (Some(found), _) => found,
        (None, c1) => return c1.map(|c| c.1),
    };
    let mut out = fix_c1(&found.text).unwrap_or(found.text);
    if text[range.clone()].ends_with("Ã ") && out.ends_with("à ") && crase(&text[range.end..]) {
        out.pop();
    }
    if script_clash(&text[range.clone()], &out) {
        return None;
    }
    if !favoured.is_some_and(|f| std::ptr::eq(f, found.first))
        && (no_evidence(&text[range.clone()], &out, around)
            || lower_case_after_capitals(&text[..range.start], &text[range.clone()], &out)
            || cut_only(&text[range.clone()], &out, found.first))
    {
        return None;
    }
    Some(Fix {
        text: out,
        first: found.first,
        layers: found.layers,
        voters: found.voters,
    })
}

/// Whether `rest` starts with a word that Portuguese fuses with `à` (`às`, `àquele`): after
/// `Ã ` the space is then the lost no-break space byte itself, not the gap after `à` that a
/// one-letter word otherwise keeps (see [`link_at`]).
fn crase(rest: &str) -> bool {
    // `s` only before a space: French `à s'éloigner` keeps its gap.
    rest.starts_with("s ")
        || ["quele", "queles", "quela", "quelas", "quilo"]
            .iter()
            .any(|w| {
                rest.strip_prefix(w)
                    .is_some_and(|r| !r.starts_with(char::is_alphabetic))
            })
}

/// Whether the repair `out` of the run `run` proves nothing on its own, so that only the codec
/// pair that repaired other runs of the text may make it: symbols that read as other symbols
/// (`¬´` is MacRoman for `«`, and an emoticon), or a lone letter of a script whose words are
/// never one letter long, out of a symbol (`“×”` is windows-1252 for `“ה`, `5×£35` for
/// `5ף35`, `QUEM É¿` for `QUEM ɿ`). Mojibake of such text shows its damage elsewhere too.
fn no_evidence(run: &str, out: &str, around: Around) -> bool {
    let letter = |c: char| c.is_alphabetic();
    if !run.chars().any(letter) && !out.chars().any(letter) {
        return true;
    }
    // The letters the repair made, each of them standing alone and of such a script.
    let (head, made, tail) = changed(run, out);
    let before = head.chars().next_back().or(around.before);
    let chars: Vec<char> = before
        .into_iter()
        .chain(made.chars())
        .chain(tail.chars().next().or(around.after))
        .collect();
    let first = usize::from(before.is_some());
    let mut made = (first..first + made.chars().count())
        .filter(|&k| letter(chars[k]) && !chars[k].is_ascii())
        .peekable();
    made.peek().is_some()
        && made.all(|k| {
            no_one_letter_words(chars[k])
                && !(k > 0 && letter(chars[k - 1]))
                && !chars.get(k + 1).is_some_and(|&c| letter(c))
        })
}

/// The repair `out` of `run` cut into what it keeps of the run's start, what it changed, and
/// what it keeps of the run's end.
fn changed<'a>(run: &str, out: &'a str) -> (&'a str, &'a str, &'a str) {
    let start = common_prefix(run, out);
    let end = out.len() - common_suffix(&run[start..], &out[start..]);
    (&out[..start], &out[start..end], &out[end..])
}

/// Whether the repair `out` of `run` makes Simplified-only ideographs between Traditional-only
/// ones it keeps, or the other way round: a Chinese text is written in one script, and so is
/// its mojibake's repair (`真係好靚架咩`, Cantonese, is no Big5 reading `真係好谬[咩`).
fn script_clash(run: &str, out: &str) -> bool {
    use crate::zh::{Config, Converter};
    let (head, made, tail) = changed(run, out);
    // Japanese writes forms that are neither (`児`, `舗`), and it is no Chinese script.
    let kana = |s: &str| s.chars().any(|c| class(c) == Class::Kana);
    if !made.chars().any(is_han)
        || !made.chars().all(|c| c.is_ascii() || is_han(c))
        || !head.chars().chain(tail.chars()).any(is_han)
        || kana(run)
        || kana(out)
    {
        return false;
    }
    let (t2s, s2t) = (Converter::new(Config::T2s), Converter::new(Config::S2t));
    // Converted alone, a Traditional-only ideograph changes under t2s, a Simplified-only one
    // under s2t; shared ones change under neither.
    let only = |conv: &Converter, c: char| {
        let mut buf = [0; 4];
        let one = &*c.encode_utf8(&mut buf);
        is_han(c) && conv.convert(one) != one
    };
    let kept = || head.chars().chain(tail.chars());
    let (kept_trad, kept_simp) = (kept().any(|c| only(&t2s, c)), kept().any(|c| only(&s2t, c)));
    let (made_trad, made_simp) = (
        made.chars().any(|c| only(&t2s, c)),
        made.chars().any(|c| only(&s2t, c)),
    );
    (kept_trad && !kept_simp && made_simp && !made_trad)
        || (kept_simp && !kept_trad && made_trad && !made_simp)
}

/// Whether the repair `out` of `run` by `pair` only marks a character cut at the end, outside
/// windows-1252: the lead bytes of other code pages are everyday letters and symbols
/// (MacRoman's `ÏÑ` is EC 84, the start of a hangul syllable, at the end of `ÄGÄÏÑ`), so only
/// the pair that repaired other runs may say so.
fn cut_only(run: &str, out: &str, pair: &Pair) -> bool {
    let (head, made, tail) = changed(run, out);
    let eaten = &run[head.len()..run.len() - tail.len()];
    pair.wrong.name != "windows-1252"
        && !made.is_empty()
        && made.chars().all(|c| c == '\u{fffd}')
        && !eaten.contains(['\u{fffd}', '?'])
}

/// Whether the repair `out` of `run` makes a lower-case letter that ends a word of capitals
/// (`AHÅ™,` as `AHř,`): capitals garbled read as capitals (`CAFÃ‰` is `CAFÉ`), so that
/// reading needs evidence from other runs.
fn lower_case_after_capitals(before: &str, run: &str, out: &str) -> bool {
    let (head, made, tail) = changed(run, out);
    let mut lead: Vec<char> = head
        .chars()
        .rev()
        .chain(before.chars().rev())
        .take(2)
        .collect();
    lead.reverse();
    let n = lead.len();
    let chars: Vec<char> = lead
        .into_iter()
        .chain(made.chars())
        .chain(tail.chars().next())
        .collect();
    (n..n + made.chars().count()).any(|k| {
        let c = chars[k];
        k >= 2
            && c.is_lowercase()
            && !c.is_ascii()
            && chars[k - 2].is_uppercase()
            && chars[k - 1].is_uppercase()
            && !chars.get(k + 1).is_some_and(|n| n.is_alphabetic())
    })
}

/// Letters of scripts that write no word of one letter standing alone: Hebrew (its one-letter
/// words are prefixes written onto the next word; Persian and Arabic do write `و` alone),
/// phonetic letters.
fn no_one_letter_words(c: char) -> bool {
    matches!(c, '\u{250}'..='\u{2af}' | '\u{590}'..='\u{5ff}' | '\u{1d00}'..='\u{1dbf}')
}

/// The best chain of repairs of one run.
struct Chain {
    first: &'static Pair,
    text: String,
    layers: u8,
    cost: f64,
    /// The codec pairs whose first-layer repair was about as good as the best one.
    voters: Vec<usize>,
}

/// The wrong codecs that read Latin-1 mojibake as Cyrillic letters.
const CYRILLIC: [&str; 4] = ["windows-1251", "koi8-r", "koi8-u", "x-mac-cyrillic"];

/// How many candidate repairs of one layer are followed into the next layer.
const BRANCHES: usize = 4;

/// The cheapest chain of repairs of `run` from layer `layer` on: the first layer tries every
/// codec pair (`favoured`, if any, cheaper), and the few best candidates are followed further
/// with the same pair, since the first layer of a several-times garbled text can look worse
/// than a wrong one-layer reading. `key` names a first layer, whose readings are kept for the
/// next pass (see [`Readings`]).
fn search(
    run: &str,
    around: Around,
    layer: u8,
    favoured: Option<&'static Pair>,
    scratch: &mut Scratch,
    key: Option<RunKey>,
) -> Option<Chain> {
    if layer >= MAX_LAYERS {
        return None;
    }
    let chars: Vec<char> = run.chars().collect();
    // Every wrong codec's bytes for each character, looked up once for all pairs.
    let mut rows: Option<Vec<codec::Row>> = None;
    let mut mixed_c1: Option<bool> = None;
    // What keeping the run costs is only needed once some pair reads it.
    let mut kept: Option<Kept> = None;
    let stored = key
        .as_ref()
        .and_then(|k| scratch.readings.runs.get(k).copied());
    let store = key.filter(|_| {
        stored.is_none()
            && scratch.readings.links.len() + chars.len() * pairs().len() <= READINGS_BUDGET
    });
    if let Some(k) = store {
        scratch
            .readings
            .runs
            .insert(k, scratch.readings.pairs.len());
    }
    // Candidate first-layer readings: (cost, pair, where its text is in `texts`, every pair
    // giving that text as a bit set). Most are dropped below: their texts share one buffer.
    let mut cands: Vec<(f64, &'static Pair, std::ops::Range<usize>, u32)> = Vec::new();
    let mut texts = String::new();
    for (k, pair) in pairs().iter().enumerate() {
        // Below the first layer only the first layer's pair is tried (see the recursion).
        // Windows-1252 is tried too: the commonest damage is often the first of two
        // (`Г‚ВЈ` is `Â£` read as windows-1251, and `Â£` is `£` read as windows-1252).
        // Below a Cyrillic layer that left no Cyrillic letter windows-1252 is tried too:
        // Latin-1 mojibake that went through a Russian page reads as Cyrillic (`Г‚ВЈ` is `Â£`
        // read as windows-1251, and `Â£` is `£` read as windows-1252); other mixed chains
        // find readings of noise.
        let cyrillic_below = k == 0
            && favoured.is_some_and(|f| CYRILLIC.contains(&f.wrong.name))
            && !chars
                .iter()
                .any(|&c| class(c) == Class::Letter(Script::Cyrillic));
        if layer > 0 && !cyrillic_below && favoured.is_some_and(|f| !std::ptr::eq(f, pair)) {
            continue;
        }
        let base = match pair.right {
            // Pairs of Latin-1 characters are legacy double-byte characters by the thousand.
            Right::Legacy(_) => GROUP_PRICE + LEGACY_PRICE,
            Right::Utf8 => GROUP_PRICE,
        };
        // C1 controls beyond the five bytes windows-1252 leaves undefined come from a Latin-1
        // or ISO-8859-15 decoder, which shows no windows-1252 symbols: with both, the symbols
        // are ISO-8859-15's letters (`åž\u{82}` is E5 B8 82, `市`, not windows-1252's `垂`).
        let base = if pair.wrong.name == "windows-1252"
            && *mixed_c1.get_or_insert_with(|| mixed_c1_run(&chars))
        {
            base + MIXED_C1_PRICE
        } else {
            base
        };
        let price = match favoured {
            Some(f) if std::ptr::eq(f, pair) => FAVOURED_PRICE,
            Some(_) if layer == 0 => base + SWITCH_PRICE,
            _ => base,
        };
        // A legacy reading must decode every non-ASCII character of the run (see
        // `Scratch::best`), so only its maximal reading counts: the cheapest reading may keep a
        // character and be refused where the maximal one is the repair.
        let modes: &[bool] = match pair.right {
            Right::Legacy(_) => &[true],
            Right::Utf8 => &[false, true],
        };
        // The bytes and links of a pair's reading are the same for both modes: only the
        // dynamic programme is run twice.
        let read = match stored {
            Some(first) => scratch.restore(first + k),
            None => {
                let rows =
                    rows.get_or_insert_with(|| chars.iter().map(|&c| codec::row(c)).collect());
                // A codec that produces none of the run's characters beyond ASCII reads nothing.
                let read = rows.iter().any(|&r| pair.wrong.produces(r))
                    && scratch.read(pair, &chars, rows, Ctx { around, layer });
                if store.is_some() {
                    scratch.keep(read);
                }
                read
            }
        };
        if !read {
            continue;
        }
        let kept = kept.get_or_insert_with(|| Kept::of(&chars, around));
        let keep = kept.cost;
        for &maximal in modes {
            let Some(cost) = scratch.best(pair, kept, around, price, maximal) else {
                continue;
            };
            // A reading much worse than the run itself is no step towards a repair.
            if cost >= keep + MAXIMAL_SLACK {
                continue;
            }
            let start = texts.len();
            scratch.text_into(&mut texts);
            let out = start..texts.len();
            match cands
                .iter_mut()
                .find(|c| texts[c.2.clone()] == texts[out.clone()])
            {
                Some(c) => {
                    texts.truncate(start);
                    c.3 |= 1 << k;
                    if cost < c.0 {
                        c.0 = cost;
                        c.1 = pair;
                    }
                }
                None => cands.push((cost, pair, out, 1 << k)),
            }
        }
    }
    let keep = kept?.cost;
    cands.sort_by(|a, b| a.0.total_cmp(&b.0));
    cands.truncate(match layer {
        0 => BRANCHES,
        1 => 2,
        _ => 1,
    });
    // Chains of repairs: (cost, first pair, layers, text, voters), the text `None` when it is
    // the candidate's own.
    let mut chains: Vec<(f64, &'static Pair, u8, Option<String>, u32)> = Vec::new();
    for (cost, pair, out, ks) in &cands {
        let (cost, pair, out) = (*cost, *pair, &texts[out.clone()]);
        // A legacy reading is the last one: its characters are the author's, not bytes to read
        // again (`Ð¹` as GBK `泄`, read back as UTF-8, would undo itself piecemeal).
        let next = match pair.right {
            Right::Legacy(_) => None,
            // A double-byte codec that lost bytes read them last: what it left is no mojibake
            // of its own, and a deeper layer would only read the repair's markers and their
            // neighbours another way.
            Right::Utf8 if pair.wrong.double_byte && run.contains(['\u{fffd}', '?']) => None,
            // Deeper layers repeat the same damage (UTF-8 read as windows-1252, again and
            // again); a chain of different codecs finds readings of noise.
            Right::Utf8 => search(out, around, layer + 1, Some(pair), scratch, None),
        };
        chains.push(match next {
            Some(next) if next.cost < cost => {
                (next.cost, pair, next.layers + 1, Some(next.text), *ks)
            }
            _ => (cost, pair, 1, None, *ks),
        });
    }
    let top = chains.iter().map(|c| c.0).fold(f64::INFINITY, f64::min);
    // A tie goes to the pair that repaired the rest of the text (`╨┤.` is `д.` among
    // repaired Russian words, and box drawing costs as little as one letter).
    let tie = (top - keep).abs() < 1e-9;
    if (top > keep && !tie) || (tie && favoured.is_none()) {
        return None;
    }
    let voters: Vec<usize> = chains
        .iter()
        .filter(|c| c.0 <= top + VOTE_TOLERANCE)
        .flat_map(|c| (0..u32::BITS as usize).filter(|&k| c.4 & 1 << k != 0))
        .collect();
    let at = chains.iter().position(|c| c.0 == top)?;
    let (cost, first, layers, text, _) = chains.swap_remove(at);
    Some(Chain {
        first,
        text: text.unwrap_or_else(|| texts[cands[at].2.clone()].to_string()),
        layers,
        cost,
        voters,
    })
}

/// Whether `c` is a C1 control (U+0080–U+009F): a byte 0x80–0x9F shown by a Latin-1 decoder.
fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
}

/// Whether `chars` hold both a C1 control other than the five bytes windows-1252 leaves
/// undefined and a symbol windows-1252 puts at 0x80–0x9F.
fn mixed_c1_run(chars: &[char]) -> bool {
    let c1 = |c: char| is_c1(c) && !UNDEFINED_IN_1252.contains(&(c as u32 as u8));
    let symbol = |c: char| !is_c1(c) && sbcs_tables::WINDOWS_1252[0x80..0xa0].contains(&c);
    chars.iter().any(|&c| c1(c)) && chars.iter().any(|&c| symbol(c))
}

/// Windows-1252 reading of C1 controls left over after the repair (a Latin-1 decoder showed
/// cp1252 punctuation as C1 controls): `\u{85}` → `…`. Undefined bytes stay.
fn fix_c1(s: &str) -> Option<String> {
    if !s.chars().any(is_c1) {
        return None;
    }
    Some(
        s.chars()
            .map(|c| match c {
                '\u{80}'..='\u{9f}' => sbcs_tables::WINDOWS_1252[c as usize],
                c => c,
            })
            .collect(),
    )
}

/// A run and what keeping each of its characters costs, the same in every codec pair's
/// reading.
struct Kept<'a> {
    chars: &'a [char],
    /// [`Around::char_cost`] of each character.
    char_cost: Vec<f64>,
    /// [`kept_pair_cost`] of each character after the one before it (the first after the
    /// character before the run, if any).
    pair_cost: Vec<f64>,
    /// The cost of the run left as it is.
    cost: f64,
}

impl Kept<'_> {
    fn of(chars: &[char], around: Around) -> Kept<'_> {
        let char_cost: Vec<f64> = chars
            .iter()
            .enumerate()
            .map(|(k, &c)| around.char_cost(c) + lone_lead_capital(chars, k, around))
            .collect();
        let mut prev = around.before;
        let pair_cost: Vec<f64> = chars
            .iter()
            .map(|&c| {
                let cost = prev.map_or(0.0, |p| kept_pair_cost(p, c, around.cjk_text));
                prev = Some(c);
                cost
            })
            .collect();
        let mut total = 0.0;
        for (cost, pair) in char_cost.iter().zip(&pair_cost) {
            total += cost + pair;
        }
        let cost = total + edge(prev, around.after, false, around.cjk_text);
        Kept {
            chars,
            char_cost,
            pair_cost,
            cost,
        }
    }
}

/// Extra cost of keeping `chars[k]` that is no word of its own: `Ã` standing alone before a
/// space and a lower-case word is no word of any language, but the windows-1252 reading of
/// `à` whose no-break space byte became a plain space (`Ã la`, `Ã s`); spaced capitals
/// (`C O N C L U S Ã O`) are a word. Nor is an accented capital alone before a no-break
/// space.
fn lone_lead_capital(chars: &[char], k: usize, around: Around) -> f64 {
    let c = chars[k];
    if c != 'Ã' && !(c.is_uppercase() && class(c) == Class::Letter(Script::Latin)) {
        return 0.0;
    }
    let at = |j: usize| {
        chars
            .get(j)
            .copied()
            .or(if j == chars.len() { around.after } else { None })
    };
    let prev = k
        .checked_sub(1)
        .map_or(around.before, |j| chars.get(j).copied());
    // A capital that a Latin code page shows for a UTF-8 lead byte, alone before a no-break
    // space (A0, a continuation byte): `Ă\u{a0}` is windows-1250 for `à`, `Ĺ\u{a0}umarjeva`
    // for `Šumarjeva`. No word is one accented capital glued to a no-break space.
    let before_a0 = at(k + 1) == Some('\u{a0}');
    if !prev.is_some_and(char::is_alphanumeric)
        && (before_a0
            || (c == 'Ã' && at(k + 1) == Some(' ') && at(k + 2).is_some_and(char::is_lowercase)))
    {
        LONE_LEAD_CAPITAL
    } else {
        0.0
    }
}

/// Extra cost of a lone `Ã` before a space, or an accented capital before a no-break space
/// (see [`lone_lead_capital`]).
const LONE_LEAD_CAPITAL: f64 = 2.0;

/// What a run is judged in: its neighbours and what the whole text says about it.
#[derive(Clone, Copy)]
struct Around {
    before: Option<char>,
    after: Option<char>,
    /// Surcharge of a Han, kana or hangul character ([`Letters::stray_cjk_cost`]).
    stray_cjk: f64,
    /// Surcharge of a Cyrillic or Greek letter ([`Letters::stray_cyrillic_cost`]).
    stray_cyrillic: f64,
    /// [`Stray::legacy_cjk`].
    legacy_cjk: f64,
    /// [`Stray::cjk_text`].
    cjk_text: bool,
}

impl Around {
    /// [`char_cost`] of `c` in this text.
    fn char_cost(&self, c: char) -> f64 {
        // A U+FFFD of the text is an honest marker of a lost character, as one of a repair is:
        // charged as junk, a repair would gain by swallowing it with the character before it
        // (`由�` as EUC-KR `�`), round after round.
        if c == '\u{fffd}' {
            return LOST_CHAR_COST;
        }
        let base = char_cost(c);
        if self.cjk_text && is_half_width_kana(c) {
            // Half-width katakana, dear where they stand for UTF-8 continuation bytes read as
            // Shift_JIS (`cafﾃｩ`), are everyday characters of Japanese text (`(ﾉД`)`, `ﾊｯ`):
            // UTF-8 Japanese read as Shift_JIS shows them beside rare kanji, which pay.
            HALF_WIDTH_KANA
        } else if self.stray_cjk > 0.0
            && !c.is_ascii()
            && matches!(class(c), Class::Han | Class::Kana | Class::Hangul)
        {
            base + self.stray_cjk
        } else if self.stray_cyrillic > 0.0
            && matches!(class(c), Class::Letter(Script::Cyrillic | Script::Greek))
            && !looks_latin(c)
        {
            base + self.stray_cyrillic
        } else {
            base
        }
    }
}

/// Cost of a half-width katakana in CJK text (see [`Around::char_cost`]).
const HALF_WIDTH_KANA: f64 = 2.0;

/// Whether `c` is a Cyrillic or Greek letter drawn like a Latin one. Latin words are written
/// with those on purpose (`SENSЕ`, names, spam), so they are never stray.
fn looks_latin(c: char) -> bool {
    matches!(
        c,
        'а' | 'в'
            | 'е'
            | 'к'
            | 'м'
            | 'н'
            | 'о'
            | 'р'
            | 'с'
            | 'т'
            | 'у'
            | 'х'
            | 'і'
            | 'ј'
            | 'ѕ'
            | 'А'
            | 'В'
            | 'Е'
            | 'К'
            | 'М'
            | 'Н'
            | 'О'
            | 'Р'
            | 'С'
            | 'Т'
            | 'У'
            | 'Х'
            | 'І'
            | 'Ј'
            | 'Ѕ'
            | 'Α'
            | 'Β'
            | 'Ε'
            | 'Ζ'
            | 'Η'
            | 'Ι'
            | 'Κ'
            | 'Μ'
            | 'Ν'
            | 'Ο'
            | 'Ρ'
            | 'Τ'
            | 'Υ'
            | 'Χ'
            | 'ο'
            | 'ν'
    )
}

/// Context cost of two neighbours of which one was decoded: the shared [`pair_cost`], and
/// whether words have such neighbours ([`word_pair_cost`]), which tells apart readings that
/// differ only in an accented letter. Neighbours that are both kept pay only [`pair_cost`]:
/// the text as it stands is never charged for unusual words (`Ôôô`, names), so that a
/// repair is chosen among repairs, not made cheaper than leaving clean text alone.
fn context_cost(prev: char, next: char) -> f64 {
    pair_cost(prev, next) + word_pair_cost(prev, next)
}

/// Context cost of the last character of a reading and the character after the run; `decoded`
/// when that last character was decoded.
fn edge(prev: Option<char>, next: Option<char>, decoded: bool, cjk_text: bool) -> f64 {
    match (prev, next) {
        (Some(p), Some(n)) if decoded => context_cost(p, n),
        (Some(p), Some(n)) => kept_pair_cost(p, n, cjk_text),
        _ => 0.0,
    }
}

/// Whether the character at `p` starts with a byte that survived.
fn known_lead(bytes: &[Byte], p: usize) -> bool {
    matches!(bytes.get(p), Some(Byte::Known(_)))
}

/// A byte of the run as the wrong codec saw it.
#[derive(Clone, Copy)]
enum Byte {
    Known(u8),
    /// A plain space where a sloppy decoder may have put 0xA0.
    Space,
    /// `?` or U+FFFD: a byte that was lost.
    Lost,
    /// A character the wrong codec cannot produce: no link crosses it.
    Barrier,
}

/// One decoding step from a character boundary to the next boundary both codecs share.
#[derive(Clone)]
struct Link {
    /// The characters it reads: `start..end`.
    start: usize,
    end: usize,
    /// Read with a double-byte codec, the link starts with a character that lost its lead byte:
    /// a U+FFFD and the continuation bytes after it, which any text beside a U+FFFD can show
    /// (`、` is GBK `A1 A2`), so the link only goes on a repaired group, never starts one.
    /// Without this a second round would read the repair's own markers and the characters
    /// after them again (`�国際法` as Shift_JIS `�ۖ@`).
    weak: bool,
    /// It reads a common character whole (not U+FFFD, not ASCII): what a group that started
    /// with weak links must come to.
    whole: bool,
    /// Where its text is in [`Scratch::link_text`].
    text: std::ops::Range<usize>,
    cost: f64,
    first: char,
    last: char,
    /// [`context_cost`] of the character before the link, kept, and its first character:
    /// what the dynamic programme charges whenever a group starts there.
    lead_cost: f64,
    /// [`kept_pair_cost`] and [`word_pair_cost`] of its last character and the character after
    /// it, kept.
    tail_cost: (f64, f64),
}

/// The three states of [`Scratch::best`] at a character position: after a kept character,
/// after a decoded group, or inside a group that has so far read only characters that lost
/// their lead byte (weak links), which must come to a link that reads a common character whole
/// before the group may end.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Via {
    Kept,
    Decoded,
    Tentative,
}

/// The best cost of a prefix of the run in the dynamic programme of [`Scratch::best`].
#[derive(Clone, Copy)]
struct State {
    cost: f64,
    last: Option<char>,
    from: usize,
    /// Which of the dynamic programme's states `from` is.
    via: Via,
    /// The link that ends a decoded group.
    link: usize,
}

const UNSET: State = State {
    cost: f64::INFINITY,
    last: None,
    from: usize::MAX,
    via: Via::Kept,
    link: usize::MAX,
};

/// A piece of a reading: a kept character, or a link.
#[derive(Clone, Copy)]
enum Piece {
    Kept(char),
    Decoded(usize),
}

/// One codec pair's reading of a run, in buffers reused from pair to pair and run to run:
/// every run is read with every codec pair, layer after layer.
#[derive(Default)]
struct Scratch {
    /// The run's bytes as the wrong codec saw them.
    bytes: Vec<Byte>,
    /// Where each character starts in `bytes`, and where the last one ends.
    starts: Vec<usize>,
    /// Char index of each byte offset that starts a character (or ends the run).
    char_at: Vec<usize>,
    /// The links of the run, by the character they start at: most characters start none.
    links: Vec<Link>,
    /// The texts of `links`, one after the other.
    link_text: String,
    keep: Vec<State>,
    dec: Vec<State>,
    tent: Vec<State>,
    /// Whether double-byte readings keep `?` and U+FFFD as they are (see [`repair_runs`]).
    markers_final: bool,
    /// The pieces of the reading [`Scratch::best`] found, last first.
    pieces: Vec<Piece>,
    readings: Readings,
}

/// A run of a text and what the text says about it: what a first-layer reading depends on
/// besides the codec pair.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct RunKey {
    start: usize,
    end: usize,
    stray_cjk: u64,
    stray_cyrillic: u64,
    legacy_cjk: u64,
    cjk_text: bool,
}

/// The first-layer readings of the runs of one text, kept for the next pass: the second pass of
/// [`repair_runs`] reads every whole run again with every codec pair, most of them runs the
/// first pass read already, and a reading does not depend on the prices a pass sets.
#[derive(Default)]
struct Readings {
    /// Where the readings of each run start in `pairs`, one per codec pair.
    runs: std::collections::HashMap<RunKey, usize>,
    /// The range of a reading's links in `links` and of their texts in `text`, or `None` for a
    /// codec pair that reads nothing.
    pairs: Vec<Option<(std::ops::Range<usize>, std::ops::Range<usize>)>>,
    links: Vec<Link>,
    text: String,
}

/// At most this many links are kept in [`Readings`]: a long text is read again rather than
/// held in memory.
const READINGS_BUDGET: usize = 1 << 16;

thread_local! {
    /// The buffers of the last text repaired on this thread: most texts are lines, repaired one
    /// after the other, and growing the buffers again for each one cost more than reading it.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Links a [`Scratch`] may hold on to between texts: one long text does not keep its buffers.
const KEPT_LINKS: usize = 1 << 13;

/// Runs `f` with this thread's [`Scratch`], its readings (of another text) dropped.
fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with(|cell| {
        let Ok(mut scratch) = cell.try_borrow_mut() else {
            return f(&mut Scratch::default());
        };
        scratch.readings.clear();
        scratch.markers_final = false;
        let out = f(&mut scratch);
        if scratch.readings.links.capacity() > KEPT_LINKS || scratch.links.capacity() > KEPT_LINKS {
            *scratch = Scratch::default();
        }
        out
    })
}

impl Readings {
    fn clear(&mut self) {
        self.runs.clear();
        self.pairs.clear();
        self.links.clear();
        self.text.clear();
    }
}

impl Scratch {
    /// Maps `chars` back to the bytes `pair`'s wrong codec read and finds the link at each
    /// character; false when nothing decodes.
    fn read(&mut self, pair: &Pair, chars: &[char], rows: &[codec::Row], ctx: Ctx) -> bool {
        self.bytes.clear();
        self.starts.clear();
        // A double-byte wrong codec replaced each byte it could not read (see [`lossy`]), in
        // the outermost layer only: below it a U+FFFD is the repair's own marker.
        let lossy_ok = pair.right == Right::Utf8
            && (!pair.wrong.double_byte || (ctx.layer == 0 && !self.markers_final));
        let mut any_encodable = false;
        for (&c, &row) in chars.iter().zip(rows) {
            self.starts.push(self.bytes.len());
            match c {
                '?' | '\u{fffd}' if lossy_ok => self.bytes.push(Byte::Lost),
                ' ' => self.bytes.push(if pair.wrong.a0_is_nbsp {
                    Byte::Space
                } else {
                    Byte::Known(b' ')
                }),
                _ => match pair.wrong.encode_row(c, row) {
                    Some(b) => {
                        any_encodable |= !c.is_ascii();
                        self.bytes
                            .extend(b.b[..usize::from(b.len)].iter().map(|&x| Byte::Known(x)));
                    }
                    // Characters the codec cannot produce split the byte stream.
                    None => self.bytes.push(Byte::Barrier),
                },
            }
        }
        if !any_encodable || !may_decode(pair, ctx.layer, &self.bytes) {
            return false;
        }
        self.starts.push(self.bytes.len());
        self.char_at.clear();
        self.char_at.resize(self.bytes.len() + 1, usize::MAX);
        for (i, &s) in self.starts.iter().enumerate() {
            self.char_at[s] = i;
        }
        self.links.clear();
        self.link_text.clear();
        for &s in &self.starts[..chars.len()] {
            let start = self.link_text.len();
            let link = link_at(
                pair,
                chars,
                &self.bytes,
                &self.char_at,
                s,
                ctx,
                &mut self.link_text,
            );
            match link {
                Some(link) => self.links.push(link),
                None => self.link_text.truncate(start),
            }
        }
        // Nothing decodes: the run is left as it is, without a dynamic programme.
        !self.links.is_empty()
    }

    /// Keeps the reading [`Scratch::read`] just made (`read`: whether it reads anything) in
    /// [`Readings`].
    fn keep(&mut self, read: bool) {
        let kept = read.then(|| {
            let (links, text) = (self.readings.links.len(), self.readings.text.len());
            self.readings.links.extend_from_slice(&self.links);
            self.readings.text.push_str(&self.link_text);
            (
                links..self.readings.links.len(),
                text..self.readings.text.len(),
            )
        });
        self.readings.pairs.push(kept);
    }

    /// Takes reading `k` of [`Readings`] back as if [`Scratch::read`] had made it.
    fn restore(&mut self, k: usize) -> bool {
        let Some((links, text)) = self.readings.pairs[k].clone() else {
            return false;
        };
        self.links.clear();
        self.links.extend_from_slice(&self.readings.links[links]);
        self.link_text.clear();
        self.link_text.push_str(&self.readings.text[text]);
        true
    }

    /// The cheapest repair of the run [`Scratch::read`] read with `pair`, its cost, when it
    /// changes anything; [`Scratch::text`] is its text.
    fn best(
        &mut self,
        pair: &Pair,
        run: &Kept<'_>,
        around: Around,
        price: f64,
        maximal: bool,
    ) -> Option<f64> {
        let chars = run.chars;
        let m = chars.len();
        // The maximal reading decodes every character it can: what a later layer needs even
        // when this layer alone does not pay (`Æ’` is `ƒ`, which only then reads as Arabic).
        let keep_extra = if maximal { MAXIMAL_KEEP } else { 0.0 };
        // Dynamic programme over character positions: keep[i] / dec[i] = best cost of the
        // prefix chars[..i], ending with a kept character / a decoded group.
        let (keep, dec, tent) = (&mut self.keep, &mut self.dec, &mut self.tent);
        keep.clear();
        keep.resize(m + 1, UNSET);
        dec.clear();
        dec.resize(m + 1, UNSET);
        tent.clear();
        tent.resize(m + 1, UNSET);
        keep[0] = State {
            last: around.before,
            cost: 0.0,
            ..UNSET
        };
        // The next link, in character order.
        let mut next = 0;
        for i in 0..m {
            let link = match self.links.get(next) {
                Some(l) if l.start == i => {
                    next += 1;
                    Some((next - 1, l))
                }
                _ => None,
            };
            for via in [Via::Kept, Via::Decoded, Via::Tentative] {
                let st = match via {
                    Via::Kept => keep[i],
                    Via::Decoded => dec[i],
                    Via::Tentative => tent[i],
                };
                if !st.cost.is_finite() {
                    continue;
                }
                let from_dec = via != Via::Kept;
                let c = chars[i];
                let extra = if c.is_ascii() { 0.0 } else { keep_extra };
                // After a kept character, the pair of kept neighbours is the run's own; after a
                // decoded group, the pair its last link ends with.
                let (pair_cost, word_cost) = if from_dec {
                    self.links[st.link].tail_cost
                } else {
                    (run.pair_cost[i], 0.0)
                };
                let k = st.cost + run.char_cost[i] + extra + pair_cost;
                // A kept character after a decoded one: do they make a word?
                let k = k + word_cost;
                // A tentative group cannot end here: it has read nothing but lost characters.
                if via != Via::Tentative && k < keep[i + 1].cost {
                    keep[i + 1] = State {
                        cost: k,
                        last: Some(c),
                        from: i,
                        via,
                        link: usize::MAX,
                    };
                }
                // A weak link goes on a group whose last link read at least two of the run's
                // characters as one: the evidence a lone re-read character (`平` as GBK `ƽ`)
                // is not. Elsewhere it starts a tentative group, which ends only with a link
                // that reads a common character whole (`�` `��人`: the markers before a
                // character read whole belong to the repair).
                let strong_before = via == Via::Decoded && i - dec[i].from >= 2;
                if let Some((n, l)) = link {
                    let tentative = match via {
                        Via::Tentative => !l.whole,
                        _ => l.weak && !strong_before,
                    };
                    let target = if tentative { &mut *tent } else { &mut *dec };
                    let context = if from_dec {
                        st.last.map_or(0.0, |p| {
                            context_cost(p, l.first) - han_word(pair.right, p, l.first)
                        })
                    } else {
                        l.lead_cost
                    };
                    let d = st.cost + l.cost + context + if from_dec { -LINK_BONUS } else { price };
                    if d < target[l.end].cost {
                        target[l.end] = State {
                            cost: d,
                            last: Some(l.last),
                            from: i,
                            via,
                            link: n,
                        };
                    }
                }
            }
        }
        let end_keep = keep[m].cost + edge(keep[m].last, around.after, false, around.cjk_text);
        let end_dec = dec[m].cost + edge(dec[m].last, around.after, true, around.cjk_text);
        let (mut total, mut via) = if end_dec < end_keep {
            (end_dec, Via::Decoded)
        } else {
            (end_keep, Via::Kept)
        };
        // Walk back and collect the pieces.
        self.pieces.clear();
        let mut pos = m;
        let mut changed = false;
        let mut kept_non_ascii = false;
        // Legacy readings of one lone character (`É¿` as GBK `煽`) are coincidences.
        let mut decoded_chars = 0;
        while pos > 0 {
            let st = match via {
                Via::Kept => keep[pos],
                Via::Decoded => dec[pos],
                Via::Tentative => tent[pos],
            };
            let from = st.from;
            if via != Via::Kept {
                changed = true;
                let l = &self.links[st.link];
                decoded_chars += self.link_text[l.text.clone()].chars().count();
                self.pieces.push(Piece::Decoded(st.link));
            } else {
                if !chars[from].is_ascii() {
                    kept_non_ascii = true;
                    total -= keep_extra;
                }
                self.pieces.push(Piece::Kept(chars[from]));
            }
            via = st.via;
            pos = from;
        }
        if !changed {
            return None;
        }
        // Legacy double-byte text shown as Western text is garbled as a whole: a reading that
        // keeps some of the run's non-ASCII characters is a coincidence, not a repair.
        let lone = decoded_chars < 2 && price > FAVOURED_PRICE;
        if matches!(pair.right, Right::Legacy(_)) && (kept_non_ascii || lone) {
            return None;
        }
        Some(total)
    }

    /// Appends the text of the reading [`Scratch::best`] found to `out`.
    fn text_into(&self, out: &mut String) {
        let len = self
            .pieces
            .iter()
            .map(|piece| match *piece {
                Piece::Kept(c) => c.len_utf8(),
                Piece::Decoded(n) => self.links[n].text.len(),
            })
            .sum();
        out.reserve(len);
        for piece in self.pieces.iter().rev() {
            match *piece {
                Piece::Kept(c) => out.push(c),
                Piece::Decoded(n) => out.push_str(&self.link_text[self.links[n].text.clone()]),
            }
        }
    }
}

/// A discount for two neighbouring ideographs that a legacy Chinese reading decoded and that
/// make a word (`今年`, by the Chinese character model): what tells GBK `½ñÄê` = `今年` from
/// its EUC-KR reading `쏟쾨`, two syllables no word joins.
fn han_word(right: Right, prev: char, next: char) -> f64 {
    if !matches!(right, Right::Legacy(LegacyCjk::Gbk | LegacyCjk::Big5))
        || !is_han(prev)
        || !is_han(next)
    {
        return 0.0;
    }
    let m = crate::plausibility::ngram::Model::zh();
    // How much better the pair reads than the second character out of context.
    let gain = m.char_cost(next) - m.pair_cost(prev, next);
    if gain > HAN_WORD_GAIN {
        HAN_WORD
    } else {
        0.0
    }
}

/// The discount of [`han_word`], and how many nats a pair must beat its second character's
/// own cost by to earn it.
const HAN_WORD: f64 = 0.75;
const HAN_WORD_GAIN: f32 = 1.0;

/// Whether any two neighbouring bytes could start a character of `pair`'s right codec (or,
/// when its wrong one drops bytes, any UTF-8 lead byte in the outermost `layer`: `Ä` before `e`
/// is `č` that lost 0x8D):
/// a cheap test that spares clean runs the dynamic programme.
fn may_decode(pair: &Pair, layer: u8, bytes: &[Byte]) -> bool {
    let right = pair.right;
    if pair.wrong.drops_undefined
        && layer == 0
        && right == Right::Utf8
        && bytes.iter().any(|b| matches!(b, Byte::Known(0xc2..=0xf4)))
    {
        return true;
    }
    bytes.windows(2).any(|w| match (w[0], w[1]) {
        (Byte::Known(a), b) => match right {
            Right::Utf8 => {
                (0xc2..=0xf4).contains(&a)
                    && match b {
                        Byte::Known(b) => (0x80..=0xbf).contains(&b),
                        Byte::Space | Byte::Lost => true,
                        Byte::Barrier => false,
                    }
            }
            Right::Legacy(_) => a >= 0x81 && matches!(b, Byte::Known(0x40..)),
        },
        _ => false,
    })
}

/// Where a link is decoded: what is around the run, and the layer of damage.
#[derive(Clone, Copy)]
struct Ctx {
    around: Around,
    layer: u8,
}

/// The link starting at byte `s`, if the bytes decode right up to a boundary both codecs
/// share. Its text is appended to `text`; when there is none, `text` may have grown.
fn link_at(
    pair: &Pair,
    chars: &[char],
    bytes: &[Byte],
    char_at: &[usize],
    s: usize,
    ctx: Ctx,
    text: &mut String,
) -> Option<Link> {
    let Ctx { around, layer } = ctx;
    let after = around.after;
    let i = char_at[s];
    let start = text.len();
    let mut cost = 0.0;
    let mut prev: Option<char> = None;
    let mut p = s;
    let mut last_was_space_a0;
    // Whether the link starts with a character that lost its lead byte (see [`Link::weak`]).
    let mut weak = false;
    loop {
        let (c, n, lossy, used_space) = match pair.right {
            Right::Utf8 => match utf8_char(bytes, p) {
                // A plain space taken for a no-break space byte competes with a dropped byte:
                // `ì€ ` is likelier `은 ` (EC 9D 80, 0x9D dropped) than `쀠` (EC 80 A0) eating
                // the gap.
                Some(strict) if strict.3 && pair.wrong.drops_undefined => {
                    match utf8_char_dropped(bytes, p) {
                        Some(d) if char_cost(d.0) < char_cost(strict.0) => Some(d),
                        _ => Some(strict),
                    }
                }
                strict => strict,
            }
            // Bytes were dropped by the decoder that made the text: in the outermost layer
            // (below it, `Ä` repaired from `Ã„` is no `č` that lost 0x8D).
            .or_else(|| {
                (pair.wrong.drops_undefined && layer == 0).then(|| utf8_char_dropped(bytes, p))?
            })
            .or_else(|| (pair.wrong.double_byte).then(|| lossy::utf8_char_lost_lead(bytes, p))?)
            // A double-byte codec shows a cut character as one more pair, which any
            // Chinese name ending in a character like `洙` (GBK `E4 A8`) also is.
            // Only where the text may have been cut: at its end or before a space, not
            // before a digit or letter (`$Ì¶6` is a struck-through `$̶6`).
            .or_else(|| {
                (!pair.wrong.double_byte && after.is_none_or(char::is_whitespace))
                    .then(|| utf8_char_cut(bytes, p))?
            })?,
            Right::Legacy(l) => {
                let Byte::Known(b0) = *bytes.get(p)? else {
                    return None;
                };
                if b0 < 0x81 {
                    return None;
                }
                let Byte::Known(b1) = *bytes.get(p + 1)? else {
                    return None;
                };
                (l.decode_pair(b0, b1)?, 2, false, false)
            }
        };
        // A decoded U+FFFD read as a double-byte codec is an old loss (`锟斤拷`), which the
        // lost-markers step reports; read as a single-byte codec (`ï¿½`) it is the marker itself.
        if c == '\u{fffd}' && !lossy && pair.wrong.double_byte {
            return None;
        }
        // A lost byte next to a single known one is only evidence in the first layer: later
        // layers would otherwise eat any character standing before a U+FFFD.
        if lossy && layer > 0 && n < 3 {
            return None;
        }
        // A double-byte codec's losses are in the bytes it read, the outermost layer: deeper
        // layers would read a U+FFFD of the repair and the characters after it as one more
        // lost character.
        if lossy && layer > 0 && pair.wrong.double_byte {
            return None;
        }
        if p == s {
            weak = pair.wrong.double_byte && lossy && !known_lead(bytes, p);
        }
        // One known byte and the rest lost is evidence only in windows-1252, where lead bytes
        // are the familiar `Ã`, `Â`, `Ð`… In other codecs a lead byte is punctuation (`“` is
        // MacRoman's 0xD2) that clean text puts before a U+FFFD, and eating it would not even
        // be final: each run would eat one more.
        let known = (p..p + n)
            .filter(|&k| matches!(bytes.get(k), Some(Byte::Known(_))))
            .count();
        // A double-byte codec loses bytes by the dozen in a garbled CJK text (each byte it could
        // not pair), and a character of which it read one byte or none is still one lost
        // character there: the marker is what the reader needs.
        // The Latin code pages that read lead bytes as accented capitals too (windows-1250's
        // `Ă�frica`) qualify the same way; Cyrillic ones read them as everyday letters.
        let lead = chars
            .get(char_at[p].min(chars.len().saturating_sub(1)))
            .copied();
        let latin_lead = lead.is_some_and(|c| {
            !c.is_ascii() && c.is_uppercase() && class(c) == Class::Letter(Script::Latin)
        });
        if lossy
            && known <= 1
            && !pair.wrong.double_byte
            && pair.wrong.name != "windows-1252"
            && !latin_lead
        {
            return None;
        }
        let piece_cost = if lossy {
            LOST_CHAR_COST
        } else {
            around.char_cost(c)
                + foreign_cost(pair.right, c)
                + if matches!(pair.right, Right::Legacy(_)) {
                    around.legacy_cjk
                } else {
                    0.0
                }
        };
        cost += piece_cost + prev.map_or(0.0, |q| context_cost(q, c));
        text.push(c);
        prev = Some(c);
        last_was_space_a0 = used_space;
        p += n;
        if char_at[p] != usize::MAX {
            break;
        }
        if p - s >= MAX_LINK_BYTES {
            return None;
        }
    }
    let end = char_at[p];
    if end <= i || text[start..].is_ascii() {
        return None;
    }
    // A sloppy decoder that dropped a no-break space before an ASCII word left only the plain
    // space, which now belongs to both the character and the gap after it: keep the gap.
    // Only a one-letter word (French, Portuguese, Italian `à`, `é`, `è`, `ó`) is followed by a
    // word of its own; `Å veices` is one word, `Šveices`.
    if last_was_space_a0 && text.ends_with(['à', 'á', 'è', 'é', 'ò', 'ó', 'ù']) {
        let next = chars.get(end).copied().or(after);
        if next.is_some_and(|c| c.is_ascii() && c != ' ') {
            text.push(' ');
        }
    }
    // A link that reads a character of three bytes whole beside the lost one (`��人`, Big5
    // `�嫘�虫犖`) decodes what markers alone could not: evidence enough to start a group.
    let weak = weak
        && !text[start..]
            .chars()
            .any(|c| c >= '\u{800}' && c != '\u{fffd}');
    let first = text[start..].chars().next()?;
    let last = text[start..].chars().next_back()?;
    let before = if i > 0 {
        Some(chars[i - 1])
    } else {
        around.before
    };
    let tail_cost = chars.get(end).map_or((0.0, 0.0), |&c| {
        (
            kept_pair_cost(last, c, around.cjk_text),
            word_pair_cost(last, c),
        )
    });
    // A common character: text beside markers read again makes rare ones.
    let whole = text[start..]
        .chars()
        .any(|c| !c.is_ascii() && c != '\u{fffd}' && char_cost(c) <= WHOLE_CHAR_COST);
    Some(Link {
        start: i,
        end,
        weak,
        whole,
        text: start..text.len(),
        cost,
        first,
        last,
        lead_cost: before.map_or(0.0, |p| context_cost(p, first)),
        tail_cost,
    })
}

/// Extra cost of a character that the right codec has but its users seldom write: kana read
/// out of Chinese or Korean legacy bytes is more likely a misreading of Japanese bytes.
fn foreign_cost(right: Right, c: char) -> f64 {
    match right {
        Right::Legacy(LegacyCjk::ShiftJis) | Right::Utf8 => 0.0,
        Right::Legacy(_) => {
            if matches!(
                crate::plausibility::class(c),
                crate::plausibility::Class::Kana
            ) {
                1.5
            } else {
                0.0
            }
        }
    }
}

/// Decodes one UTF-8 character at `p`: (char, bytes used, lossy, ended on a space-as-A0).
/// CESU-8 surrogate pairs (six bytes) are joined; a lone surrogate fails.
fn utf8_char(bytes: &[Byte], p: usize) -> Option<(char, usize, bool, bool)> {
    let Byte::Known(lead) = *bytes.get(p)? else {
        return None;
    };
    let (n, init) = match lead {
        // ASCII inside a link: a double-byte codec paired a lead byte with it.
        0x00..=0x7f => return Some((char::from(lead), 1, false, false)),
        0xc2..=0xdf => (2, u32::from(lead & 0x1f)),
        0xe0..=0xef => (3, u32::from(lead & 0x0f)),
        0xf0..=0xf4 => (4, u32::from(lead & 0x07)),
        _ => return None,
    };
    let mut v = init;
    let mut lossy = false;
    let mut space = false;
    for k in 1..n {
        let b = match *bytes.get(p + k)? {
            Byte::Known(b @ 0x80..=0xbf) => {
                space = false;
                b
            }
            Byte::Space => {
                space = true;
                0xa0
            }
            Byte::Lost => {
                lossy = true;
                space = false;
                0x80
            }
            Byte::Known(_) | Byte::Barrier => return None,
        };
        // Overlong and out-of-range forms are not UTF-8.
        if k == 1 && !lossy {
            let ok = match lead {
                0xe0 => b >= 0xa0,
                0xf0 => b >= 0x90,
                0xf4 => b <= 0x8f,
                _ => true,
            };
            if !ok {
                return None;
            }
        }
        v = v << 6 | u32::from(b & 0x3f);
    }
    if lossy {
        return Some(('\u{fffd}', n, true, false));
    }
    if (0xd800..=0xdbff).contains(&v) {
        // CESU-8: a high surrogate must be followed by a low one.
        let (lo, m, _, sp) = utf8_surrogate(bytes, p + 3)?;
        let c = char::from_u32(0x10000 + ((v - 0xd800) << 10) + (lo - 0xdc00))?;
        return Some((c, 3 + m, false, sp));
    }
    let c = char::from_u32(v)?;
    Some((c, n, false, space))
}

/// Reads a character cut short by the end of the run at `p` as one lost character: a text
/// cut inside a character (a truncated title, a lost tail) ends with its lead byte and some
/// continuation bytes, which are one lost character, not garbage that a second run would
/// read another way. At least two bytes must survive.
fn utf8_char_cut(bytes: &[Byte], p: usize) -> Option<(char, usize, bool, bool)> {
    let n = match *bytes.get(p)? {
        Byte::Known(0xe0..=0xef) => 3,
        Byte::Known(0xf0..=0xf4) => 4,
        _ => return None,
    };
    let rest = bytes.get(p + 1..)?;
    let cont = rest
        .iter()
        .take_while(|b| matches!(b, Byte::Known(0x80..=0xbf)))
        .count();
    (cont >= 1 && cont == rest.len() && cont + 1 < n).then_some(('\u{fffd}', cont + 1, true, false))
}

/// The bytes windows-1252 has no character for: sloppy decoders drop them.
const UNDEFINED_IN_1252: [u8; 5] = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

/// Decodes one UTF-8 character at `p` of which a sloppy decoder dropped one undefined byte
/// (`ã‘` for `け`, E3 81 91; `Ñ` for `с`, D1 81): the most plausible completion.
fn utf8_char_dropped(bytes: &[Byte], p: usize) -> Option<(char, usize, bool, bool)> {
    let Byte::Known(lead @ 0xc2..=0xf4) = *bytes.get(p)? else {
        return None;
    };
    let n = match lead {
        0xf0.. => 4,
        0xe0.. => 3,
        _ => 2,
    };
    // Ties between everyday characters (`单` E5 8D 95 and `偕` E5 81 95) go to the one the
    // Chinese character model finds commoner.
    let zh = crate::plausibility::ngram::Model::zh();
    // (char cost, alphabets writing it reversed, Chinese model cost) and the completion.
    type Rank = (f64, std::cmp::Reverse<u32>, f32);
    let mut best: Option<(Rank, char)> = None;
    for gap in 1..n {
        let mut seq: Vec<Byte> = Vec::with_capacity(n);
        seq.push(Byte::Known(lead));
        seq.extend(bytes.iter().skip(p + 1).take(gap - 1).copied());
        seq.push(Byte::Known(0));
        seq.extend(bytes.iter().skip(p + gap).take(n - 1 - gap).copied());
        // One guess per character: a dropped byte next to a space taken for 0xA0 would read
        // `é ` after any character as `頁` or `遠`.
        if seq.len() != n || seq.iter().any(|b| matches!(b, Byte::Space)) {
            continue;
        }
        for d in UNDEFINED_IN_1252 {
            seq[gap] = Byte::Known(d);
            // Nor is a lost byte a space (E2 80 81 is an em quad): a guess must show.
            if let Some((c, _, false, false)) = utf8_char(&seq, 0)
                .filter(|&(c, ..)| !matches!(class(c), Class::Space | Class::Junk))
            {
                // Then to the letter more alphabets write (`č`, not `ā`, `ď` or `ĝ`, for
                // C4 and a dropped byte).
                let cost = (
                    char_cost(c),
                    std::cmp::Reverse(crate::decode::languages_writing(c)),
                    zh.char_cost(c),
                );
                if best.is_none_or(|(b, _)| cost < b) {
                    best = Some((cost, c));
                }
            }
        }
    }
    best.map(|(_, c)| (c, n - 1, false, false))
}

/// A low surrogate encoded as three bytes at `p`.
fn utf8_surrogate(bytes: &[Byte], p: usize) -> Option<(u32, usize, bool, bool)> {
    let get = |k: usize| match bytes.get(p + k) {
        Some(Byte::Known(b)) => Some(*b),
        Some(Byte::Space) => Some(0xa0),
        _ => None,
    };
    let (b0, b1, b2) = (get(0)?, get(1)?, get(2)?);
    if b0 != 0xed || !(0xb0..=0xbf).contains(&b1) || !(0x80..=0xbf).contains(&b2) {
        return None;
    }
    let v = (u32::from(b0 & 0x0f) << 12) | (u32::from(b1 & 0x3f) << 6) | u32::from(b2 & 0x3f);
    Some((v, 3, false, matches!(bytes.get(p + 2), Some(Byte::Space))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_the_classic_cases() {
        for (bad, good) in [
            ("CafÃ©", "Café"),
            ("â€œquotedâ€\u{9d}", "“quoted”"),
            ("æ–‡å\u{ad}—åŒ–ã‘", "文字化け"),
            ("Ð¿Ñ€Ð¸Ð²ÐµÑ‚", "привет"),
            ("鍏ㄥ幙缇や紬", "全县群众"),
            ("ÖÐÎÄ", "中文"),
            ("¤¤¤å", "中文"),
            ("‚±‚ñ‚É‚¿‚Í", "こんにちは"),
            (
                "The Mona Lisa doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t",
                "The Mona Lisa doesn’t",
            ),
        ] {
            assert_eq!(repair(bad), good, "{bad}");
        }
    }

    #[test]
    fn baltic_text_read_as_windows_1257_is_repaired() {
        // `į` is C4 AF, and AF is `Æ` only in windows-1257.
        assert_eq!(
            repair("Å iandien ÄÆvyko susitikimas su ÄÆmoniÅ³ vadovais"),
            "Šiandien įvyko susitikimas su įmonių vadovais"
        );
    }

    #[test]
    fn c1_controls_beat_a_reading_that_swallows_them() {
        assert_eq!(
            repair("C'était bien\u{85} Vraiment"),
            "C'était bien… Vraiment"
        );
    }

    #[test]
    fn a_grave_keeps_its_gap_except_where_portuguese_fuses_it() {
        assert_eq!(
            repair("Fomos Ã s compras e Ã quele lugar, Ã  noite"),
            "Fomos às compras e àquele lugar, à noite"
        );
        assert_eq!(
            repair("Il persiste Ã s'Ã©loigner"),
            "Il persiste à s'éloigner"
        );
        assert_eq!(repair("C O N C L U S Ã O"), "C O N C L U S Ã O");
    }

    #[test]
    fn a_latin_lead_byte_before_a_lost_one_is_one_lost_character() {
        // windows-1250 reads C3 as `Ă`; the 0x81 of `Á` is undefined there.
        assert_eq!(
            repair("A polĂ\u{ad}tica da Ă\u{fffd}rea econĂ´mica"),
            "A política da \u{fffd}rea econômica"
        );
    }

    #[test]
    fn latin_1_mojibake_read_again_as_windows_1251_is_repaired() {
        // `Â£` read as windows-1251.
        assert_eq!(repair("costs Г‚ВЈ12 a month"), "costs £12 a month");
    }

    #[test]
    fn a_character_is_cut_only_where_the_text_may_end() {
        // `Ì¶` is U+0336 read as windows-1252, and MacRoman's reading of it is the start of
        // a three-byte character: before a digit that is no cut text.
        assert_eq!(
            repair("was $Ì¶8Ì¶0Ì¶ now"),
            "was $\u{336}8\u{336}0\u{336} now"
        );
    }

    #[test]
    fn a_lone_ideograph_is_a_one_letter_word_only_in_its_language() {
        assert_eq!(
            repair("Il diritto di ogni individuo 猫 riconosciuto dalla legge italiana."),
            "Il diritto di ogni individuo è riconosciuto dalla legge italiana."
        );
        for clean in [
            "My cat is called 猫 in Chinese and I love her very much indeed.",
            "El carácter 猫 significa gato en chino y es una palabra muy común.",
            "La parola cinese «猫» significa gatto e si pronuncia mao.",
            "Photo: 猫 (cat)",
        ] {
            assert_eq!(repair(clean), clean);
        }
    }

    #[test]
    fn a_chinese_word_tells_gbk_from_euc_kr() {
        // `今天` and `时间` as GBK bytes shown as windows-1252; EUC-KR reads two syllables.
        assert_eq!(repair("½ñÌì"), "今天");
        assert_eq!(repair("Ê±¼ä"), "时间");
    }

    #[test]
    fn lower_cased_mojibake_is_not_completed_into_lone_kana() {
        // Three layers of UTF-8 read by a sloppy windows-1252 decoder, then lower-cased: `Ã`
        // (C3) became `ã` (E3), which one guessed byte would complete into a kana between
        // leftover symbols (`donぃ❢ぢ‚❬…`). It is hopeless; left alone.
        let mut s = String::from("Don’t say “never” — it’s fine…");
        for _ in 0..3 {
            s = s
                .bytes()
                .filter(|b| !UNDEFINED_IN_1252.contains(b))
                .map(|b| sbcs_tables::WINDOWS_1252[b as usize])
                .collect();
        }
        let s = s.to_lowercase();
        assert_eq!(repair(&s), s);
        // Japanese read by the same decoder completes kana side by side.
        assert_eq!(repair("ã“ã‚Œã¯ãƒ†ã‚¹ãƒˆã§ã™"), "これはテストです");
    }

    #[test]
    fn a_lead_byte_whose_continuation_was_dropped_completes_to_the_common_letter() {
        // `č` is C4 8D; a sloppy windows-1252 decoder dropped 0x8D and left `Ä` before the
        // next letter. Of the completions (`ā`, `č`, `ď`, `Đ`, `ĝ`) more alphabets write `č`.
        assert_eq!(
            repair("UÄitel pÅ™eÄetl dÄ›tem pohÃ¡dku o ÄarodÄ›jnici."),
            "Učitel přečetl dětem pohádku o čarodějnici."
        );
        // Below the outermost layer a repaired `Ä` stays: the decoder that dropped bytes
        // made the outermost text.
        assert_eq!(repair("Ãƒâ€žpfel und Ã„rger"), "Äpfel und Ärger");
    }

    #[test]
    fn c1_controls_beside_iso_8859_15_letters_are_no_windows_1252() {
        // `杭州市西湖区` read as ISO-8859-15: `市` is E5 B8 82, shown `åž\u{82}`; read as
        // windows-1252 with C1 controls, `ž` would be 0x9E (`垂`).
        assert_eq!(
            repair("æ\u{9d}\u{ad}å·\u{9e}åž\u{82}è¥¿æ¹\u{96}å\u{8c}º"),
            "杭州市西湖区"
        );
        assert_eq!(
            repair("ã\u{83}\u{8f}ã\u{83}Œã\u{83}\u{89}ã\u{82}Šã\u{82}§ã\u{82}¢"),
            "ハードウェア"
        );
        // Without C1 controls windows-1252 reads its own symbols.
        assert_eq!(repair("Ã¶ffentlich, takÅ¾e"), "öffentlich, takže");
    }

    #[test]
    fn a_lone_capital_glued_to_a_no_break_space_is_a_two_byte_character() {
        // `à` (C3 A0) and `Š` (C5 A0) read as windows-1250.
        assert_eq!(
            repair("Elle est partie Ă\u{a0} Paris hier soir."),
            "Elle est partie à Paris hier soir."
        );
        assert_eq!(
            repair("Ĺ\u{a0}etnja uz more je lijepa."),
            "Šetnja uz more je lijepa."
        );
    }

    #[test]
    fn a_tie_goes_to_the_pair_that_repaired_the_rest() {
        // `д` read as cp437 is `╨┤`, two box-drawing glyphs that join and cost what one
        // letter does; among Russian words repaired from cp437 it is `д` too.
        assert_eq!(
            repair("╨│. ╨£╨╛╤ü╨║╨▓╨░, ╤â╨╗. ╨¢╨╡╨╜╨╕╨╜╨░, ╨┤. 5"),
            "г. Москва, ул. Ленина, д. 5"
        );
    }

    #[test]
    fn a_dropped_byte_beats_a_space_taken_for_a_no_break_space() {
        // `은 국제`: EC 9D 80 with 0x9D dropped by a sloppy windows-1252 decoder (which of the
        // five undefined bytes is a guess), not `쀠` (EC 80 A0) eating the space.
        let out = repair("êµ\u{ad}ë“¤ì€ êµ\u{ad}ì œ");
        assert!(out.starts_with("국들") && out.ends_with(" 국제"), "{out}");
        // `、` (E3 80 81, 0x81 dropped), not the unassigned U+3040 (E3 81 80).
        assert_eq!(repair("ã“ã®æ„æ€ã¯ã€å®šæœŸ"), "この意思は、定期");
    }

    #[test]
    fn legacy_readings_here_and_there_are_coincidences() {
        // GBK `中文` as Latin-1 is garbled through and through; a French sentence with one
        // Chinese name in it still reads; capitals as decoration do not.
        assert_eq!(repair("ÖÐÎÄ"), "中文");
        assert_eq!(
            repair("Le président ÕÅÈý a été élu à Pékin hier soir"),
            "Le président 张三 a été élu à Pékin hier soir"
        );
        let caps = "KÄMÜ ÇÖÖL ÑÍGHT ÄÑD ÐÄÝ ÖÜT ÉÑÄK";
        assert_eq!(repair(caps), caps);
    }

    #[test]
    fn a_repair_keeps_to_the_script_of_the_chinese_it_keeps() {
        // Simplified-only characters made between Traditional ones kept, and the reverse.
        assert!(script_clash("這個時間很難得", "這個时间很難得"));
        assert!(script_clash("这个时间很难得", "这个時間很难得"));
        // Made in the kept script, or in characters both scripts share.
        assert!(!script_clash("這個時間很難得", "這個時間很難得了"));
        assert!(!script_clash("這個鍏ㄥ很難得", "這個中文很難得"));
        // Japanese forms are neither; alphabetic repairs are not judged.
        assert!(!script_clash("これは時間の鍏ㄥ", "これは時間の说话"));
        assert!(!script_clash("這個 崭謩", "這個 ոք"));
    }

    #[test]
    fn lost_lead_bytes_before_a_character_read_whole_belong_to_the_repair() {
        // `東京の天気は明日も晴れるでしょう。` as UTF-8 read as Big5 with replacement: `東`
        // lost its lead byte, `京` came through whole (Big5 `��曹`), and so on; one marker
        // per lost character.
        let garbled = "��曹漪��桀予瘞���舀����乓����氬�������扼�����������";
        let want = "�京�天�������������";
        assert_eq!(repair(garbled), want);
        // The repair is final: its markers are one per character, not bytes to read again.
        assert_eq!(repair(want), want);
        // `我们明天去北京参观博物馆。` the same way: the markers that start the text belong to
        // the group that reaches `们`, not kept one per byte.
        let garbled = "���隞祆��憭拙�餃��鈭砍��閫������拚�����";
        assert_eq!(repair(garbled), "�们�天��京������");
    }

    #[test]
    fn a_character_cut_at_the_end_is_one_lost_character() {
        // Bengali UTF-8 read as cp850, its last character cut after two of its three bytes
        // (found by fuzzing: the remnant `Óª` was read as windows-1252 `Ӫ` by a second run).
        let garbled = "ÓªùÓºïÓª©Óª▓ ÓªåÓª«Óª";
        let once = repair(garbled);
        assert_eq!(once, "গোসল আম\u{fffd}");
        assert_eq!(repair(&once), once);
    }

    #[test]
    fn a_dropped_byte_and_a_space_are_not_both_guessed() {
        // Found by the idempotence property: `會(huì)é ` lost its reading in the pinyin step,
        // and `會é ` read again took `é ` plus a dropped byte for `頁`.
        assert_eq!(repair("會é "), "會é ");
    }

    #[test]
    fn repairs_reach_a_fixed_point() {
        // Found by fuzzing: after the first round repaired the Bengali, the rest read as
        // mojibake of its own.
        for garbled in ["à¦¬à§‹à¦•¦¾À¥¤", "ÓªùÓºïÓª©Óª▓ ÓªåÓª«Óª"]
        {
            let once = repair(garbled);
            assert_eq!(repair(&once), once, "{garbled}");
        }
    }

    #[test]
    fn equally_good_codec_pairs_are_told_apart_by_the_whole_reading() {
        // `Ăź` is `ü` read as ISO-8859-2 and `ß` read as windows-1250; `ä` (`Ă¤`) reads the
        // same in both, so both pairs repair every run: only the whole reading says German.
        assert_eq!(
            repair("Der Lohn fĂźr die Arbeit, die Ă¤ltere."),
            "Der Lohn für die Arbeit, die ältere."
        );
    }

    #[test]
    fn short_words_garbled_like_the_rest_are_repaired() {
        // Ukrainian read as cp437: `не` is two box-drawing characters, as cheap as the word.
        assert_eq!(
            repair("╨¥╤û╤à╤é╨╛ ╨╜╨╡ ╨╝╨╛╨╢╨╡ ╨▒╤â╤é╨╕"),
            "Ніхто не може бути"
        );
    }

    #[test]
    fn ordinal_indicators_after_a_digit_are_text() {
        // `ª` read as GBK is `陋`; once the rest of the address is repaired, `3ª` must read
        // better than an ideograph glued to a digit.
        assert_eq!(
            repair("Favela da Costa, 310 S茫o Jorge 3陋 Se莽茫o"),
            "Favela da Costa, 310 São Jorge 3ª Seção"
        );
        assert_eq!(repair("CafÃ© nÂº 5 e 1Âª vez"), "Café nº 5 e 1ª vez");
        assert_eq!(
            repair("A 1ª edição, Nº 5, 3º andar"),
            "A 1ª edição, Nº 5, 3º andar"
        );
    }

    #[test]
    fn a_lone_macroman_letter_after_a_word_is_repaired() {
        // `á` read as MacRoman is `√°`: two symbols glued to the word, one letter repaired.
        assert_eq!(repair("Nadie podr√° venir."), "Nadie podrá venir.");
        assert_eq!(repair("5 km² and x√2"), "5 km² and x√2");
    }

    #[test]
    fn a_lone_cyrillic_letter_in_latin_text_is_stray() {
        // `à` read as KOI8-R is `ц═`: one Cyrillic letter among Latin words.
        assert_eq!(
            repair("Il a droit ц═ la vie et ц═ la liberté."),
            "Il a droit à la vie et à la liberté."
        );
        // A Cyrillic letter drawn like a Latin one is written on purpose.
        assert_eq!(repair("SENSЕ - Oleg Tsedryk"), "SENSЕ - Oleg Tsedryk");
    }

    #[test]
    fn a_marker_is_not_swallowed_with_the_character_before_it() {
        // `由` is EUC-KR `EB A6`, a UTF-8 lead and a continuation byte: with the U+FFFD after
        // it charged as junk, each round read `由�` as one lost character.
        assert_eq!(
            repair("人人有�想、良�和宗教自由��利;"),
            "人人有�想、良�和宗教自由��利;"
        );
        // The lossy reading itself still pays: GBK dropped the 0x80 of `、` (E3 80 81).
        assert_eq!(repair("浣曚汉銈傘�佸疅琛屻伄"), "何人も�実行の");
    }

    #[test]
    fn question_marks_in_a_row_are_lost_bytes_only_after_cjk() {
        // `する。` read as GBK with `?` for each byte it could not read.
        assert_eq!(repair("鏈夈仚銈嬨??"), "有する\u{fffd}");
        assert_eq!(repair("C'est fermé??"), "C'est fermé??");
        assert_eq!(repair("真的吗??"), "真的吗??");
    }

    #[test]
    fn a_han_name_is_no_short_alphabetic_word() {
        // A Song poet's name read as EUC-JP is the Cyrillic `ай`; a garbled Russian text
        // of any length is still repaired.
        assert_eq!(repair("舒亶"), "舒亶");
        assert_eq!(repair("锌褉懈胁械褌"), "привет");
    }

    #[test]
    fn clean_text_is_borrowed() {
        for s in [
            "déjà vu",
            "Привет, мир",
            "Καλημέρα",
            "日本語のテキスト",
            "全县群众工作会议",
            "There are a lot of Ã’s in mojibake text",
            "ВІКІ is Ukrainian for WIKI",
            "├┤a┼┐a┼┐a┼┐a┼┐a",
        ] {
            assert!(matches!(repair(s), Cow::Borrowed(_)), "{s}: {}", repair(s));
        }
    }
}
