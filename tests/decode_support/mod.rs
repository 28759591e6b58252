//! Shared by `tests/decode_corpus.rs` and `benches/detect_corpus.rs`: loading the real-world
//! detection corpus (`../shared/corpus/detect/`, not shipped with the crate: see its
//! MANIFEST.md) and scoring a detector on it the way issue 5 defines ("same text": decoding
//! with the guess gives exactly the text decoding with the true encoding gives).
#![allow(dead_code)] // each includer uses a different part

use encoding_rs::Encoding;
use std::path::PathBuf;

/// One corpus file: its bytes with in-band declarations blanked, and its true encoding.
pub struct Sample {
    pub name: String,
    pub encoding: &'static Encoding,
    pub family: &'static str,
    pub bytes: Vec<u8>,
}

/// The corpus folder, when present: `$DETECT_CORPUS`, else `shared/corpus/detect` beside the
/// repository (CI) or one level further up (a git worktree under `wt/`).
pub fn corpus_dir() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    std::env::var_os("DETECT_CORPUS")
        .map(PathBuf::from)
        .into_iter()
        .chain([
            root.join("../shared/corpus/detect"),
            root.join("../../shared/corpus/detect"),
        ])
        .find(|dir| dir.join("manifest.tsv").is_file())
}

/// The family a true encoding belongs to, as in the corpus MANIFEST's composition table.
pub fn family(encoding: &'static Encoding) -> &'static str {
    match encoding.name() {
        "windows-1251" | "ISO-8859-5" | "KOI8-R" | "KOI8-U" | "IBM866" | "x-mac-cyrillic" => {
            "Cyrillic"
        }
        "Shift_JIS" | "EUC-JP" | "ISO-2022-JP" => "Japanese",
        "UTF-8" => "UTF-8",
        "ISO-8859-2" | "windows-1250" | "ISO-8859-16" => "Central European",
        "windows-1252" | "ISO-8859-15" | "macintosh" => "Western",
        "EUC-KR" => "Korean",
        "GBK" | "gb18030" => "Chinese GB",
        "Big5" => "Chinese Big5",
        "windows-1255" | "ISO-8859-8" | "ISO-8859-8-I" => "Hebrew",
        "UTF-16LE" | "UTF-16BE" => "UTF-16",
        "ISO-8859-7" | "windows-1253" => "Greek",
        "windows-874" => "Thai",
        "ISO-8859-6" | "windows-1256" => "Arabic",
        _ => "Other Latin",
    }
}

/// Whether a family counts as CJK for the "CJK windows" column.
pub fn is_cjk(family: &str) -> bool {
    matches!(
        family,
        "Japanese" | "Korean" | "Chinese GB" | "Chinese Big5"
    )
}

/// Loads every corpus file listed in the manifest, declarations blanked.
pub fn load(dir: &std::path::Path) -> Vec<Sample> {
    let manifest = std::fs::read_to_string(dir.join("manifest.tsv")).expect("manifest.tsv");
    let mut out = Vec::new();
    for line in manifest.lines().skip(1) {
        let mut cols = line.split('\t');
        let (Some(file), Some(label)) = (cols.next(), cols.next()) else {
            continue;
        };
        let Some(encoding) = Encoding::for_label(label.as_bytes()) else {
            continue;
        };
        let Ok(mut bytes) = std::fs::read(dir.join("files").join(file)) else {
            continue;
        };
        blank_declarations(&mut bytes);
        out.push(Sample {
            name: file.to_string(),
            encoding,
            family: family(encoding),
            bytes,
        });
    }
    out
}

/// Overwrites the value after every ASCII `charset=` / `encoding=` (any case, optionally
/// quoted) with spaces, so that a detector cannot lean on in-band declarations.
pub fn blank_declarations(bytes: &mut [u8]) {
    for key in [&b"charset="[..], &b"encoding="[..]] {
        let mut i = 0;
        while i + key.len() <= bytes.len() {
            if bytes[i..i + key.len()].eq_ignore_ascii_case(key) {
                let mut j = i + key.len();
                while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b' ') {
                    j += 1;
                }
                while j < bytes.len()
                    && (bytes[j].is_ascii_alphanumeric()
                        || matches!(bytes[j], b'-' | b'_' | b'.' | b':'))
                {
                    bytes[j] = b' ';
                    j += 1;
                }
                i = j;
            } else {
                i += 1;
            }
        }
    }
}

/// The window of about `size` bytes of `sample` that starts at its first non-ASCII byte (the
/// first ESC for ISO-2022-JP, the first code unit above U+007F for UTF-16) and ends at a
/// character boundary; `None` when the file has no such byte.
pub fn window(sample: &Sample, size: usize) -> Option<&[u8]> {
    let b = &sample.bytes;
    let start = match sample.encoding.name() {
        "ISO-2022-JP" => b.iter().position(|&x| x == 0x1b)?,
        "UTF-16LE" | "UTF-16BE" => {
            let be = sample.encoding.name() == "UTF-16BE";
            let skip = if b.starts_with(&[0xff, 0xfe]) || b.starts_with(&[0xfe, 0xff]) {
                2
            } else {
                0
            };
            (skip..b.len().saturating_sub(1)).step_by(2).find(|&i| {
                let unit = if be {
                    u16::from_be_bytes([b[i], b[i + 1]])
                } else {
                    u16::from_le_bytes([b[i], b[i + 1]])
                };
                unit > 0x7f
            })?
        }
        _ => b.iter().position(|&x| x >= 0x80)?,
    };
    let mut end = (start + size).min(b.len());
    // Back off to the longest prefix that the true encoding decodes cleanly.
    for _ in 0..8 {
        if end <= start {
            return None;
        }
        let (_, bad) = sample.encoding.decode_without_bom_handling(&b[start..end]);
        if !bad {
            return Some(&b[start..end]);
        }
        end -= 1;
    }
    None
}

/// The true text of a whole file (BOM handled as a browser would).
pub fn truth(sample: &Sample) -> String {
    sample.encoding.decode(&sample.bytes).0.into_owned()
}

/// The true text of a window.
pub fn window_truth(sample: &Sample, window: &[u8]) -> String {
    sample
        .encoding
        .decode_without_bom_handling(window)
        .0
        .into_owned()
}

/// Scores of one detector over the corpus, in percent "same text".
#[derive(Debug, Default, Clone)]
pub struct Scores {
    pub whole: Ratio,
    pub cjk64: Ratio,
    pub all64: Ratio,
    pub all256: Ratio,
    pub all1024: Ratio,
    /// Files whose whole-file guess was wrong: (name, true encoding, guess).
    pub misses: Vec<(String, &'static str, String)>,
    /// Every decision as `FILE<TAB>WINDOW<TAB>GUESS<TAB>HIT` (window 0: whole file), to diff
    /// two versions of a detector.
    pub decisions: Vec<String>,
}

/// Hits out of tries.
#[derive(Debug, Default, Clone, Copy)]
pub struct Ratio {
    pub hits: usize,
    pub tries: usize,
}

impl Ratio {
    pub fn add(&mut self, hit: bool) {
        self.hits += usize::from(hit);
        self.tries += 1;
    }
    pub fn percent(&self) -> f64 {
        if self.tries == 0 {
            100.0
        } else {
            100.0 * self.hits as f64 / self.tries as f64
        }
    }
}

/// Scores `detect` (bytes → (decoded text, encoding name)) on whole files and windows.
pub fn score(samples: &[Sample], detect: &dyn Fn(&[u8]) -> (String, String)) -> Scores {
    let mut s = Scores::default();
    for sample in samples {
        let (text, name) = detect(&sample.bytes);
        let hit = text == truth(sample);
        s.whole.add(hit);
        s.decisions
            .push(format!("{}\t0\t{name}\t{hit}", sample.name));
        if !hit {
            s.misses
                .push((sample.name.clone(), sample.encoding.name(), name));
        }
        for (size, ratio) in [
            (64, &mut s.all64),
            (256, &mut s.all256),
            (1024, &mut s.all1024),
        ] {
            if let Some(w) = window(sample, size) {
                let (text, name) = detect(w);
                let hit = text == window_truth(sample, w);
                ratio.add(hit);
                s.decisions
                    .push(format!("{}\t{size}\t{name}\t{hit}", sample.name));
                if size == 64 && is_cjk(sample.family) {
                    s.cjk64.add(hit);
                }
            }
        }
    }
    s
}

pub mod short;
