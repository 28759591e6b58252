//! OpenCC 1.4.2's dictionaries and configurations as plain data, plus a slow, literal
//! implementation of OpenCC's conversion semantics.
//!
//! This file is not a module of the library: `build.rs` includes it to compile the tables the
//! library embeds, and the tests include it as a reference to check the fast engine against.
//! It reads `data/opencc/` (OpenCC 1.4.2's dictionaries and configs, Apache-2.0, see
//! `data/opencc/README.md`).
//!
//! The semantics implemented here, as OpenCC 1.4.2 runs a configuration:
//! 1. every `normalization` dictionary converts the whole text, one after the other;
//! 2. `segmentation` (`mmseg`) cuts the text by longest-prefix matching: each match is a
//!    segment, and each maximal run of characters where nothing matches is one segment; with no
//!    `segmentation` the whole text is one segment;
//! 3. each stage of `conversion_chain` converts every segment on its own by longest-prefix
//!    matching (a match never crosses a segment's end); its output is the next stage's input.
//!
//! A `group` of dictionaries matches with `short_circuit` (the first member, in order, that has
//! any match at the position, with its longest match) or `union` (the longest match among all
//! members; on equal keys the earlier member wins).
#![allow(dead_code)] // build.rs and the tests each use a different part of this file.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// One dictionary: key → first value (the one OpenCC outputs).
pub type Dict = BTreeMap<String, String>;

/// A dictionary expression of a configuration.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Expr {
    /// A dictionary file, by stem (`STPhrases` for `STPhrases.ocd2`).
    File(String),
    /// A group of dictionaries.
    Group {
        /// `union` (longest among all) rather than `short_circuit` (first that matches).
        union: bool,
        /// Members, in order.
        members: Vec<Expr>,
    },
}

/// One configuration, as its JSON file says.
#[derive(Clone, Debug)]
pub struct Spec {
    /// File stem: `s2t`.
    pub name: String,
    /// Normalization dictionaries, applied to the whole text in order.
    pub normalization: Vec<Expr>,
    /// The `mmseg` segmentation dictionary, if any.
    pub segmentation: Option<Expr>,
    /// The conversion stages.
    pub chain: Vec<Expr>,
}

/// All dictionaries and configurations of `data/opencc/`.
pub struct Data {
    /// Dictionaries by file stem.
    pub dicts: HashMap<String, Dict>,
    /// Configurations, sorted by name.
    pub specs: Vec<Spec>,
    /// The longest key, in characters, of any dictionary.
    pub max_key_chars: usize,
}

/// Parses OpenCC's text dictionary format: `key<TAB>value1 value2…` a line.
pub fn parse_dict(text: &str) -> Result<Dict, String> {
    let mut dict = Dict::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        let (key, values) = line
            .split_once('\t')
            .ok_or_else(|| format!("line {}: no tab", n + 1))?;
        let value = values.split(' ').next().unwrap_or_default();
        if key.is_empty() || value.is_empty() {
            return Err(format!("line {}: empty key or value", n + 1));
        }
        // OpenCC keeps the first entry of a duplicated key.
        dict.entry(key.to_string())
            .or_insert_with(|| value.to_string());
    }
    Ok(dict)
}

fn parse_expr(v: &serde_json::Value) -> Result<Expr, String> {
    let ty = v["type"].as_str().ok_or("dict without type")?;
    if ty == "group" {
        let union = match v["match_policy"].as_str() {
            None | Some("short_circuit") => false,
            Some("union") => true,
            Some(other) => return Err(format!("unknown match_policy {other}")),
        };
        let members = v["dicts"]
            .as_array()
            .ok_or("group without dicts")?
            .iter()
            .map(parse_expr)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Expr::Group { union, members })
    } else {
        let file = v["file"].as_str().ok_or("dict without file")?;
        let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
        Ok(Expr::File(stem.to_string()))
    }
}

/// Parses one configuration JSON.
pub fn parse_spec(name: &str, json: &str) -> Result<Spec, String> {
    let v: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let stages = |key: &str| -> Result<Vec<Expr>, String> {
        match v.get(key) {
            None => Ok(Vec::new()),
            Some(a) => a
                .as_array()
                .ok_or(format!("{key} is not an array"))?
                .iter()
                .map(|s| parse_expr(&s["dict"]))
                .collect(),
        }
    };
    let segmentation = match v.get("segmentation") {
        None => None,
        Some(s) => {
            if s["type"].as_str() != Some("mmseg") {
                return Err("segmentation type is not mmseg".into());
            }
            Some(parse_expr(&s["dict"])?)
        }
    };
    Ok(Spec {
        name: name.to_string(),
        normalization: stages("normalization")?,
        segmentation,
        chain: stages("conversion_chain")?,
    })
}

impl Data {
    /// Reads `dir/dictionary/*.txt` and `dir/config/*.json`.
    pub fn load(dir: &Path) -> Result<Data, String> {
        let mut dicts = HashMap::new();
        let mut specs = Vec::new();
        for (sub, ext) in [("dictionary", "txt"), ("config", "json")] {
            let rd = std::fs::read_dir(dir.join(sub)).map_err(|e| format!("{sub}: {e}"))?;
            for entry in rd {
                let path = entry.map_err(|e| e.to_string())?.path();
                if path.extension().and_then(|e| e.to_str()) != Some(ext) {
                    continue;
                }
                let stem = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default();
                let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
                if ext == "txt" {
                    let d = parse_dict(&text).map_err(|e| format!("{}: {e}", path.display()))?;
                    dicts.insert(stem.to_string(), d);
                } else {
                    specs.push(parse_spec(stem, &text).map_err(|e| format!("{stem}: {e}"))?);
                }
            }
        }
        specs.sort_by(|a, b| a.name.cmp(&b.name));
        let max_key_chars = dicts
            .values()
            .flat_map(|d| d.keys())
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(1);
        Ok(Data {
            dicts,
            specs,
            max_key_chars,
        })
    }

    /// The configuration named `name`.
    pub fn spec(&self, name: &str) -> Option<&Spec> {
        self.specs.iter().find(|s| s.name == name)
    }

    fn file(&self, stem: &str) -> &Dict {
        self.dicts
            .get(stem)
            .unwrap_or_else(|| panic!("dictionary {stem} is missing"))
    }

    /// OpenCC's `MatchPrefix`: the match of `e` at the start of `text`, as (length in bytes,
    /// value).
    pub fn match_prefix<'d>(&'d self, e: &Expr, text: &str) -> Option<(usize, &'d str)> {
        match e {
            Expr::File(stem) => {
                let dict = self.file(stem);
                let mut best = None;
                for (n, (i, c)) in text.char_indices().enumerate() {
                    if n >= self.max_key_chars {
                        break;
                    }
                    let end = i + c.len_utf8();
                    if let Some(v) = dict.get(&text[..end]) {
                        best = Some((end, v.as_str()));
                    }
                }
                best
            }
            Expr::Group {
                union: false,
                members,
            } => members.iter().find_map(|m| self.match_prefix(m, text)),
            Expr::Group {
                union: true,
                members,
            } => {
                let mut best: Option<(usize, &str)> = None;
                for m in members {
                    if let Some(hit) = self.match_prefix(m, text) {
                        if best.is_none_or(|b| hit.0 > b.0) {
                            best = Some(hit);
                        }
                    }
                }
                best
            }
        }
    }

    /// OpenCC's `Conversion::Convert` of one segment: longest-prefix matching left to right.
    pub fn convert_segment(&self, e: &Expr, segment: &str) -> String {
        let mut out = String::with_capacity(segment.len());
        let mut i = 0;
        while i < segment.len() {
            match self.match_prefix(e, &segment[i..]) {
                Some((len, value)) => {
                    out.push_str(value);
                    i += len;
                }
                None => {
                    let len = unmatched_len(&segment[i..]);
                    out.push_str(&segment[i..i + len]);
                    i += len;
                }
            }
        }
        out
    }

    /// OpenCC's `MaxMatchSegmentation::Segment`.
    pub fn segment<'t>(&self, e: &Expr, text: &'t str) -> Vec<&'t str> {
        let mut segments = Vec::new();
        let (mut i, mut run_start) = (0, 0);
        while i < text.len() {
            match self.match_prefix(e, &text[i..]) {
                Some((len, _)) => {
                    if run_start < i {
                        segments.push(&text[run_start..i]);
                    }
                    segments.push(&text[i..i + len]);
                    i += len;
                    run_start = i;
                }
                None => i += unmatched_len(&text[i..]),
            }
        }
        if run_start < text.len() {
            segments.push(&text[run_start..]);
        }
        segments
    }

    /// Converts one segment through every stage of a chain.
    pub fn convert_chain(&self, chain: &[Expr], segment: &str) -> String {
        let mut cur = segment.to_string();
        for stage in chain {
            cur = self.convert_segment(stage, &cur);
        }
        cur
    }

    /// The whole of OpenCC's conversion of `text` with `spec`.
    pub fn convert(&self, spec: &Spec, text: &str) -> String {
        let mut text = text.to_string();
        for n in &spec.normalization {
            text = self.convert_segment(n, &text);
        }
        match &spec.segmentation {
            None => self.convert_chain(&spec.chain, &text),
            Some(seg) => self
                .segment(seg, &text)
                .into_iter()
                .map(|s| self.convert_chain(&spec.chain, s))
                .collect(),
        }
    }

    /// One dictionary whose longest-prefix matching behaves exactly as `e`'s.
    ///
    /// `union`: all keys, the earlier member's value on equal keys. `short_circuit`: a later
    /// member's key is dropped when it has a prefix (itself included) among the earlier
    /// members' keys: wherever it would match, an earlier member matches too and wins, and
    /// once those keys are gone, the longest match of the merged dictionary is always the one
    /// the first matching member gives.
    pub fn flatten(&self, e: &Expr) -> Dict {
        match e {
            Expr::File(stem) => self.file(stem).clone(),
            Expr::Group { union, members } => {
                let mut merged = Dict::new();
                for m in members {
                    let d = self.flatten(m);
                    if *union {
                        for (k, v) in d {
                            merged.entry(k).or_insert(v);
                        }
                    } else {
                        let earlier = std::mem::take(&mut merged);
                        let mut kept: Vec<(String, String)> = Vec::new();
                        for (k, v) in d {
                            let shadowed = k
                                .char_indices()
                                .map(|(i, c)| &k[..i + c.len_utf8()])
                                .any(|p| earlier.contains_key(p));
                            if !shadowed {
                                kept.push((k, v));
                            }
                        }
                        merged = earlier;
                        merged.extend(kept);
                    }
                }
                merged
            }
        }
    }
}

/// How far OpenCC moves where nothing matches: over a whole ideographic description sequence
/// (`⿰木養`, kept as it is) when one starts here, else over one character.
pub fn unmatched_len(text: &str) -> usize {
    match ids_len(text) {
        0 => text.chars().next().map_or(1, char::len_utf8),
        n => n,
    }
}

/// The byte length of the complete ideographic description sequence at the start of `text`,
/// 0 if there is none. OpenCC 1.4.2's rule: operators U+2FF0–U+2FFF (⿲ ⿳ take three
/// operands, ⿾ ⿿ one, the others two), any other character is an operand, at most 15
/// operators nested and 64 characters in all.
pub fn ids_len(text: &str) -> usize {
    let mut pending: Vec<u8> = Vec::new();
    for (n, (i, c)) in text.char_indices().enumerate() {
        if n >= 64 {
            return 0;
        }
        if ('\u{2FF0}'..='\u{2FFF}').contains(&c) {
            if pending.len() >= 15 {
                return 0;
            }
            pending.push(match c {
                '\u{2FF2}' | '\u{2FF3}' => 3,
                '\u{2FFE}' | '\u{2FFF}' => 1,
                _ => 2,
            });
            continue;
        }
        if pending.is_empty() {
            return 0;
        }
        while let Some(top) = pending.last_mut() {
            *top -= 1;
            if *top > 0 {
                break;
            }
            pending.pop();
        }
        if pending.is_empty() {
            return i + c.len_utf8();
        }
    }
    0
}

/// `e` without the members equal to `gone` (`None` when nothing is left). Used for the text
/// between two segmentation matches, where the segmentation dictionary matches nowhere.
pub fn prune(e: &Expr, gone: &Expr) -> Option<Expr> {
    if e == gone {
        return None;
    }
    match e {
        Expr::File(_) => Some(e.clone()),
        Expr::Group { union, members } => {
            let members: Vec<Expr> = members.iter().filter_map(|m| prune(m, gone)).collect();
            (!members.is_empty()).then_some(Expr::Group {
                union: *union,
                members,
            })
        }
    }
}
