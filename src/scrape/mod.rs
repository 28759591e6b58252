//! Scrape debris: placeholder lines, pinyin annotations, ASCII punctuation in CJK text.
//!
//! Owns the three text-level clean-ups that do not involve encodings: dropping lines of lost
//! characters (`placeholder-lines`), removing readings that pinyin-stuffing mirrors put after
//! characters (`pinyin`), and restoring full-width punctuation in Chinese text
//! (`cjk-punctuation`). Does not repair mojibake, normalize Unicode or convert script.
//!
//! Each function here returns the input borrowed when it has nothing to do:
//!
//! ```
//! use mojifix::scrape;
//! assert_eq!(scrape::strip_pinyin("建設(shè)銀行(bank)"), "建設銀行(bank)");
//! assert_eq!(scrape::cjk_punctuation_width("好,3,000人:10:30"), "好，3,000人：10:30");
//! assert_eq!(scrape::drop_placeholder_lines("甲\n?\n？ ?\n乙"), "甲\n乙");
//! ```

mod pinyin;
mod placeholder;
mod punct;

use std::borrow::Cow;

use crate::pipeline::{Rewriter, Step};

pub(crate) use pinyin::pinyin;
pub(crate) use placeholder::placeholder_lines;
pub(crate) use punct::cjk_punctuation;

/// Removes pinyin annotations that are real readings of the characters before them.
pub fn strip_pinyin(text: &str) -> Cow<'_, str> {
    run(text, Step::Pinyin, pinyin)
}

/// Drops lines made only of `?`, `？`, U+FFFD and spaces.
pub fn drop_placeholder_lines(text: &str) -> Cow<'_, str> {
    run(text, Step::PlaceholderLines, placeholder_lines)
}

/// Turns ASCII `, : ; ! ?` inside Chinese text into their full-width forms.
pub fn cjk_punctuation_width(text: &str) -> Cow<'_, str> {
    run(text, Step::CjkPunctuation, cjk_punctuation)
}

fn run<'a>(text: &'a str, step: Step, f: fn(&mut Rewriter<'a>)) -> Cow<'a, str> {
    let mut rw = Rewriter::new(text, step, false);
    f(&mut rw);
    match rw.finish().0 {
        Some(out) => Cow::Owned(out),
        None => Cow::Borrowed(text),
    }
}
