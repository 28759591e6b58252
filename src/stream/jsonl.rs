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
    let mut strings = Vec::new();
    Scanner {
        bytes: line.as_bytes(),
        pos: 0,
        path: Vec::new(),
        fields,
        out: &mut strings,
    }
    .value();
    let mut out: Option<String> = None;
    let mut done = 0;
    let mut changes = Vec::new();
    let mut fields_changed = 0;
    for (span, path) in strings {
        let raw = &line[span.clone()];
        // A string serde cannot hold (a lone surrogate escape) is passed through as it is.
        let Ok(value) = serde_json::from_str::<Cow<'_, str>>(raw) else {
            continue;
        };
        let (fixed, field_changes) = if explain {
            let e = fixer.fix_and_explain(&value);
            (Cow::Owned(e.text), e.changes)
        } else {
            (fixer.fix(&value), Vec::new())
        };
        if fixed == value {
            continue;
        }
        fields_changed += 1;
        let encoded = serde_json::to_string(fixed.as_ref()).expect("a string always serializes");
        let o = out.get_or_insert_with(|| String::with_capacity(line.len() + 16));
        o.push_str(&line[done..span.start]);
        o.push_str(&encoded);
        done = span.end;
        let field = path.join(".");
        changes.extend(field_changes.into_iter().map(|change| FieldChange {
            field: field.clone(),
            change,
        }));
    }
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

/// Walks a JSON text already known to be valid, collecting the spans of selected strings.
struct Scanner<'s, 'o> {
    bytes: &'s [u8],
    pos: usize,
    path: Vec<String>,
    fields: &'o Fields,
    out: &'o mut Vec<(std::ops::Range<usize>, Vec<String>)>,
}

impl Scanner<'_, '_> {
    fn ws(&mut self) {
        while self.pos < self.bytes.len()
            && matches!(self.bytes[self.pos], b' ' | b'\t' | b'\n' | b'\r')
        {
            self.pos += 1;
        }
    }

    fn selected(&self) -> bool {
        match self.fields {
            Fields::All => true,
            Fields::Paths(paths) => paths.iter().any(|p| p.0 == self.path),
        }
    }

    /// Skips a string starting at `pos` (on its quote) and returns its span with quotes.
    fn string(&mut self) -> std::ops::Range<usize> {
        let start = self.pos;
        self.pos += 1;
        while self.pos < self.bytes.len() {
            match self.bytes[self.pos] {
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
        let Some(&b) = self.bytes.get(self.pos) else {
            return;
        };
        match b {
            b'"' => {
                let span = self.string();
                if self.selected() {
                    self.out.push((span, self.path.clone()));
                }
            }
            b'{' => {
                self.pos += 1;
                loop {
                    self.ws();
                    match self.bytes.get(self.pos) {
                        Some(b'}') | None => {
                            self.pos += 1;
                            break;
                        }
                        Some(b',') => self.pos += 1,
                        Some(b'"') => {
                            let key = self.string();
                            let key = serde_json::from_slice::<String>(&self.bytes[key])
                                .unwrap_or_default();
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
                    match self.bytes.get(self.pos) {
                        Some(b']') | None => {
                            self.pos += 1;
                            break;
                        }
                        Some(b',') => {
                            self.pos += 1;
                            index += 1;
                        }
                        Some(_) => {
                            self.path.push(index.to_string());
                            self.value();
                            self.path.pop();
                        }
                    }
                }
            }
            _ => {
                // Numbers and literals: up to the next delimiter.
                while self.pos < self.bytes.len()
                    && !matches!(
                        self.bytes[self.pos],
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
