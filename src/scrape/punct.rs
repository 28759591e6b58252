//! `cjk-punctuation`: ASCII `, : ; ! ?` that a converter put into Chinese text become full
//! width again.
//!
//! A mark is converted only when the character before it is Han (looking through closing
//! quotes and brackets) and what follows is Han, a digit, an opening quote or bracket, or the
//! end of the line. So Latin text, URLs, `3,000`, `10:30` and Japanese or Korean text (which
//! use ASCII marks or `、`) are never touched. A `?` between two Han characters is a
//! lost-character placeholder, not a question mark (the `lost-byte` step owns it), unless the
//! character before it ends questions (`吗`, `呢`, …).

use std::borrow::Cow;

use crate::pipeline::{Detail, Rewriter};
use crate::plausibility::is_han;

pub(crate) fn cjk_punctuation(rw: &mut Rewriter<'_>) {
    let text = rw.input();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let Some(off) = bytes[i..].iter().position(|&b| is_mark(b)) else {
            break;
        };
        let start = i + off;
        // A run of marks (`?!`, `!!`) is judged as one.
        let end = start + bytes[start..].iter().take_while(|&&b| is_mark(b)).count();
        i = end;
        let (Some(left), right) = (
            left_neighbour(&text[..start]),
            right_neighbour(&text[end..]),
        ) else {
            continue;
        };
        let question = end - start == 1 && bytes[start] == b'?';
        let convert = if is_han(left) {
            match right {
                Right::End | Right::Open | Right::Close => true,
                Right::Char(c) if c.is_ascii_digit() => !question,
                // `?` inside a run of Han characters stands for a lost character.
                Right::Char(c) if is_han(c) => {
                    !question || ends_question(left) || asks(&text[..start])
                }
                // Dashes (`如下:——`, `温度:-5`) and punctuation only Chinese text puts there:
                // `……`, `、`, full-width forms.
                Right::Char(c) => matches!(
                    c,
                    '—' | '-' | '…' | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF60}'
                ),
            }
        } else {
            // `达到30,比去年`: a number inside Chinese text ends the clause (`3,000` and `10:30`
            // never get here: their right side is a digit).
            matches!(right, Right::Char(c) if is_han(c))
                && !question
                && (left.is_ascii_digit() || left == '%')
                && text[..start]
                    .chars()
                    .rev()
                    .find(|&c| {
                        !(c.is_ascii_digit()
                            || c == '.'
                            || c == '%'
                            || is_closing(c)
                            || is_opening(c))
                    })
                    .is_some_and(is_han)
        };
        if convert {
            let wide: String = text[start..end].chars().map(full_width).collect();
            rw.replace(
                start..end,
                &wide,
                Detail::Reason {
                    reason: Cow::Borrowed("ASCII punctuation between CJK characters"),
                },
            );
        }
    }
}

fn is_mark(b: u8) -> bool {
    matches!(b, b',' | b':' | b';' | b'!' | b'?')
}

fn full_width(c: char) -> char {
    match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '!' => '！',
        '?' => '？',
        c => c,
    }
}

/// The character that decides the left side: the one before the mark, looking through at
/// most two closing quotes or brackets (`“小事”,`, `（2018）,`) and spaces (`总统 ;`).
fn left_neighbour(before: &str) -> Option<char> {
    before
        .trim_end_matches([' ', '\u{3000}'])
        .chars()
        .rev()
        .take(3)
        .find(|&c| !is_closing(c))
}

enum Right {
    /// End of line or text.
    End,
    /// An opening quote or bracket.
    Open,
    /// A closing quote or bracket.
    Close,
    Char(char),
}

fn right_neighbour(after: &str) -> Right {
    // Spaces after the mark are looked through (`一名, 但`): typed, not converted, but the
    // mark still sits between Chinese clauses.
    match after.trim_start_matches([' ', '\u{3000}']).chars().next() {
        None | Some('\n' | '\r') => Right::End,
        Some(c) if is_opening(c) => Right::Open,
        Some(c) if is_closing(c) => Right::Close,
        Some(c) => Right::Char(c),
    }
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | '》' | '〉' | '】' | '〕' | '"' | '\'' | ')' | ']'
    )
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '「' | '『' | '（' | '《' | '〈' | '【' | '〔' | '(' | '['
    )
}

/// Sentence-final particles after which `?` is a question mark even before more Han text.
fn ends_question(c: char) -> bool {
    matches!(
        c,
        '吗' | '嗎' | '呢' | '么' | '麼' | '吧' | '啊' | '呀' | '嘛' | '哪' | '啦'
    )
}

/// Whether the clause that ends at the end of `before` asks something (holds a question
/// word: 什么, 怎么, 怎样, 为何, 如何, 多少, 是否, 难道, 哪, 谁, 几, in either script), so that a
/// `?` after it is a question mark and not a lost character.
fn asks(before: &str) -> bool {
    let clause_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| {
            matches!(
                c,
                '。' | '！' | '？' | '\n' | '；' | '，' | '、' | ',' | ';' | '!' | '?'
            )
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    // One pass over the clause's characters and the one after each: this runs for every `?`
    // of a page, and a substring search per question word was 5 % of a JSONL run.
    let mut chars = before[clause_start..].chars().peekable();
    while let Some(c) = chars.next() {
        let word = matches!(
            (c, chars.peek()),
            ('哪' | '谁' | '誰' | '几' | '幾', _)
                | ('什', Some('么' | '麼'))
                | ('怎', Some('么' | '麼' | '样' | '樣'))
                | ('为' | '為' | '如', Some('何'))
                | ('多', Some('少'))
                | ('是', Some('否'))
                | ('难' | '難', Some('道'))
        );
        if word {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::scrape::cjk_punctuation_width as width;

    #[test]
    fn question_words_of_the_last_clause() {
        use super::asks;
        for clause in [
            "你要什么",
            "你要什麼",
            "怎么办",
            "怎麼辦",
            "怎样做",
            "怎樣做",
            "为何",
            "為何",
            "如何",
            "多少钱",
            "是否",
            "难道",
            "難道",
            "去哪",
            "谁来",
            "誰來",
            "几个",
            "幾個",
        ] {
            assert!(asks(&format!("他说，{clause}")), "{clause}");
        }
        // The words of an earlier clause, split words and lone halves ask nothing.
        for clause in ["什么，我去", "什，么", "多", "如今", "是的", "怎", "为了"] {
            assert!(!asks(clause), "{clause}");
        }
    }

    #[test]
    fn converts_inside_chinese() {
        assert_eq!(width("4月5日,河北"), "4月5日，河北");
        assert_eq!(width("要求:一要"), "要求：一要");
        assert_eq!(width("貢獻!"), "貢獻！");
        assert_eq!(width("貢獻!\n下"), "貢獻！\n下");
        assert_eq!(width("出村,“大事”"), "出村，“大事”");
        assert_eq!(width("“小事”,不"), "“小事”，不");
        assert_eq!(width("死亡,3人受伤"), "死亡，3人受伤");
        assert_eq!(width("你去吗?我不去"), "你去吗？我不去");
        assert_eq!(width("真的?!"), "真的？！");
        assert_eq!(width("怎么办?我们走"), "怎么办？我们走");
        assert_eq!(width("一名, 但"), "一名， 但");
        assert_eq!(width("总统 ;如"), "总统 ；如");
        assert_eq!(width("决议:——旦"), "决议：——旦");
        assert_eq!(width("甲;乙"), "甲；乙");
        assert_eq!(width("达到30,比去年"), "达到30，比去年");
        assert_eq!(width("增长8.5%,比"), "增长8.5%，比");
        assert_eq!(width("会议（2018）,本"), "会议（2018），本");
        assert_eq!(width("问:“为什么?”"), "问：“为什么？”");
    }

    #[test]
    fn leaves_other_text() {
        for s in [
            "Hello, world!",
            "3,000",
            "10:30",
            "http://例子.com",
            "見https://x.cn",
            "我們的?繕",
            "这是Python,不是",
            "中文, English",
            "こんにちは,世界",
            "안녕하세요, 세계!",
            "值:abc",
            "a,中",
            "第3?章",
            "年?月",
            "Python 3,中",
        ] {
            assert_eq!(width(s), s, "{s:?}");
        }
    }
}
