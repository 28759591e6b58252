//! JSON Lines: fix the string fields of one record and leave every other byte as it was.
//!
//! A record is rewritten by splicing: only the bytes of a string value that changed are
//! replaced, so key order, whitespace, number spelling, escapes in untouched strings and every
//! non-string value stay byte for byte. A record with nothing to fix comes back borrowed.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::pipeline::{Change, Fixer};

/// A dotted path to a field of a record (`meta.title`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPath(Vec<String>);

impl FromStr for FieldPath {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<FieldPath, Self::Err> {
        Ok(FieldPath(s.split('.').map(str::to_string).collect()))
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join("."))
    }
}

/// Which string values of a record to fix.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Fields {
    /// Every string value (not keys), at any depth, in objects and arrays.
    #[default]
    All,
    /// Only the string values at these paths; a path to a non-string value is left alone.
    Paths(Vec<FieldPath>),
}

/// A line that is not valid JSON.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not valid JSON ({0})")]
pub struct JsonError(String);

/// A change inside one field of a record.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// The field's path (`meta.title`; array elements as `tags.2`).
    pub field: String,
    /// The change, with its span in the field's decoded text.
    pub change: Change,
}

/// A fixed record.
#[derive(Debug, Clone, PartialEq)]
pub struct FixedRecord<'a> {
    /// The record, with fixed fields spliced in (borrowed when nothing changed).
    pub line: Cow<'a, str>,
    /// Changes, when explaining.
    pub changes: Vec<FieldChange>,
    /// How many string fields changed.
    pub fields_changed: usize,
}

/// Fixes the selected string fields of `line` (one JSON value, without its line break).
///
/// ```
/// use mojifix::{stream::jsonl::{fix_record, Fields}, Fixer};
/// let fixer = Fixer::new();
/// let fields = Fields::Paths(vec!["text".parse().unwrap()]);
/// let rec = fix_record(&fixer, &fields, r#"{"id":1.50,"text":"好,的","t2":"好,的"}"#, false).unwrap();
/// assert_eq!(rec.line, r#"{"id":1.50,"text":"好，的","t2":"好,的"}"#);
/// ```
pub fn fix_record<'a>(
    fixer: &Fixer,
    fields: &Fields,
    line: &'a str,
    explain: bool,
) -> Result<FixedRecord<'a>, JsonError> {
    serde_json::from_str::<serde::de::IgnoredAny>(line).map_err(|e| JsonError(e.to_string()))?;
    let mut out: Option<String> = None;
    let mut done = 0;
    let mut changes = Vec::new();
    let mut fields_changed = 0;
    // Each selected string is fixed as the scanner reaches it, so that its path is only
    // joined into a name when the string changed.
    Scanner {
        text: line,
        pos: 0,
        path: Vec::new(),
        fields,
        found: &mut |span: std::ops::Range<usize>, path: &[Cow<'_, str>]| {
            let raw = &line[span.clone()];
            // A string serde cannot hold (a lone surrogate escape) is passed through as it is.
            let Some(value) = unquote(raw) else {
                return;
            };
            let (fixed, field_changes) = if explain {
                let e = fixer.fix_and_explain(&value);
                (Cow::Owned(e.text), e.changes)
            } else {
                (fixer.fix(&value), Vec::new())
            };
            if fixed == value {
                return;
            }
            fields_changed += 1;
            let encoded =
                serde_json::to_string(fixed.as_ref()).expect("a string always serializes");
            let o = out.get_or_insert_with(|| String::with_capacity(line.len() + 16));
            o.push_str(&line[done..span.start]);
            o.push_str(&encoded);
            done = span.end;
            let field = path.join(".");
            changes.extend(field_changes.into_iter().map(|change| FieldChange {
                field: field.clone(),
                change,
            }));
        },
    }
    .value();
    let line = match out {
        Some(mut o) => {
            o.push_str(&line[done..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(line),
    };
    Ok(FixedRecord {
        line,
        changes,
        fields_changed,
    })
}

/// The value of the JSON string `raw` (quotes included, already known to be valid JSON),
/// borrowed when it holds no escape; None when serde cannot hold it (a lone surrogate).
fn unquote(raw: &str) -> Option<Cow<'_, str>> {
    if memchr::memchr(b'\\', raw.as_bytes()).is_none() {
        // Valid JSON without escapes: the bytes between the quotes are the value.
        return Some(Cow::Borrowed(&raw[1..raw.len() - 1]));
    }
    serde_json::from_str::<String>(raw).ok().map(Cow::Owned)
}

/// What a [`Scanner`] calls for each selected string: its span and its path.
type Found<'s, 'o> = dyn FnMut(std::ops::Range<usize>, &[Cow<'s, str>]) + 'o;

/// Walks a JSON text already known to be valid and calls `found` with the span (quotes
/// included) and path of each selected string, in order.
struct Scanner<'s, 'o> {
    text: &'s str,
    pos: usize,
    /// Keys and array indices down to the current value; keys without escapes are borrowed.
    path: Vec<Cow<'s, str>>,
    fields: &'o Fields,
    found: &'o mut Found<'s, 'o>,
}

impl<'s> Scanner<'s, '_> {
    fn ws(&mut self) {
        while self.pos < self.text.len()
            && matches!(self.text.as_bytes()[self.pos], b' ' | b'\t' | b'\n' | b'\r')
        {
            self.pos += 1;
        }
    }

    fn selected(&self) -> bool {
        match self.fields {
            Fields::All => true,
            Fields::Paths(paths) => paths.iter().any(|p| {
                p.0.len() == self.path.len() && p.0.iter().zip(&self.path).all(|(a, b)| a == b)
            }),
        }
    }

    /// Skips a string starting at `pos` (on its quote) and returns its span with quotes.
    fn string(&mut self) -> std::ops::Range<usize> {
        let start = self.pos;
        self.pos += 1;
        while self.pos < self.text.len() {
            match self.text.as_bytes()[self.pos] {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    break;
                }
                _ => self.pos += 1,
            }
        }
        start..self.pos
    }

    fn value(&mut self) {
        self.ws();
        let Some(&b) = self.text.as_bytes().get(self.pos) else {
            return;
        };
        match b {
            b'"' => {
                let span = self.string();
                if self.selected() {
                    (self.found)(span, &self.path);
                }
            }
            b'{' => {
                self.pos += 1;
                loop {
                    self.ws();
                    match self.text.as_bytes().get(self.pos) {
                        Some(b'}') | None => {
                            self.pos += 1;
                            break;
                        }
                        Some(b',') => self.pos += 1,
                        Some(b'"') => {
                            let key = self.string();
                            let key = unquote(&self.text[key]).unwrap_or_default();
                            self.ws();
                            self.pos += 1; // the colon
                            self.path.push(key);
                            self.value();
                            self.path.pop();
                        }
                        Some(_) => self.pos += 1,
                    }
                }
            }
            b'[' => {
                self.pos += 1;
                let mut index = 0usize;
                loop {
                    self.ws();
                    match self.text.as_bytes().get(self.pos) {
                        Some(b']') | None => {
                            self.pos += 1;
                            break;
                        }
                        Some(b',') => {
                            self.pos += 1;
                            index += 1;
                        }
                        Some(_) => {
                            self.path.push(Cow::Owned(index.to_string()));
                            self.value();
                            self.path.pop();
                        }
                    }
                }
            }
            _ => {
                // Numbers and literals: up to the next delimiter.
                while self.pos < self.text.len()
                    && !matches!(
                        self.text.as_bytes()[self.pos],
                        b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'
                    )
                {
                    self.pos += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(fields: &Fields, line: &str) -> Result<String, JsonError> {
        fix_record(&Fixer::new(), fields, line, false).map(|r| r.line.into_owned())
    }

    #[test]
    fn untouched_bytes_stay() {
        let line = r#"{ "b" : 1e3, "a":"好,的", "n":null, "arr":["好,的", 2], "e":"\u00e9" }"#;
        assert_eq!(
            fix(&Fields::All, line).unwrap(),
            r#"{ "b" : 1e3, "a":"好，的", "n":null, "arr":["好，的", 2], "e":"\u00e9" }"#
        );
    }

    #[test]
    fn dotted_paths() {
        let fields = Fields::Paths(vec!["meta.title".parse().unwrap()]);
        let line = r#"{"meta":{"title":"好,的","x":"好,的"},"title":"好,的"}"#;
        assert_eq!(
            fix(&fields, line).unwrap(),
            r#"{"meta":{"title":"好，的","x":"好,的"},"title":"好,的"}"#
        );
        let fields = Fields::Paths(vec!["meta".parse().unwrap()]);
        assert_eq!(fix(&fields, line).unwrap(), line);
    }

    #[test]
    fn strings_are_borrowed_unless_escaped() {
        assert!(matches!(
            unquote(r#""好,的""#),
            Some(Cow::Borrowed("好,的"))
        ));
        assert!(matches!(unquote(r#""""#), Some(Cow::Borrowed(""))));
        assert_eq!(unquote(r#""a\"b\u00e9""#).as_deref(), Some("a\"bé"));
        assert_eq!(unquote(r#""\ud800""#), None);
        // A key spelled with an escape is the same key.
        let fields = Fields::Paths(vec!["meta.title".parse().unwrap()]);
        let line = r#"{"m\u0065ta":{"title":"好,的"}}"#;
        assert_eq!(
            fix(&fields, line).unwrap(),
            r#"{"m\u0065ta":{"title":"好，的"}}"#
        );
    }

    #[test]
    fn escapes_survive() {
        let line = r#"{"t":"a\"b\\c\n會(huì)\t"}"#;
        assert_eq!(fix(&Fields::All, line).unwrap(), r#"{"t":"a\"b\\c\n會\t"}"#);
    }

    #[test]
    fn invalid_json_is_an_error() {
        for bad in [r#"{"a":1"#, "{a:1}", r#"{"a":1} x"#, ""] {
            assert!(fix(&Fields::All, bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn lone_surrogate_is_passed_through() {
        let line = r#"{"t":"\ud800 好,的","u":"好,的"}"#;
        match fix(&Fields::All, line) {
            Ok(out) => assert_eq!(out, r#"{"t":"\ud800 好,的","u":"好，的"}"#),
            Err(e) => panic!("{e}"),
        }
    }
}
