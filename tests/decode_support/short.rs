//! A short-text benchmark from real text: single strings of 15–80 bytes (a title, a menu
//! item, a headline) re-encoded in the legacy encodings their language is written in.
//!
//! Two sources, both read at run time and never copied into the repository:
//! - the lines of the detection corpus (`../shared/corpus/detect/`), decoded with their true
//!   encoding, markup stripped;
//! - the translated messages of the gettext catalogues installed on the machine
//!   (`/usr/share/locale/*/LC_MESSAGES/*.mo`, from the Debian packages present; `$DETECT_MO`
//!   names another folder).
//!
//! Strings are chosen deterministically (sorted, then spread evenly), so two runs on the same
//! machine score the same set.

use encoding_rs::Encoding;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One short test string: its text, the encoding it is given in, its bytes and its source.
pub struct Short {
    pub text: String,
    pub encoding: &'static Encoding,
    pub bytes: Vec<u8>,
    pub source: &'static str,
}

/// The encodings a language is commonly written in, besides UTF-8.
pub fn encodings_for(language: &str) -> Vec<&'static Encoding> {
    use encoding_rs::*;
    let base = language
        .trim_end_matches('?')
        .split(['_', '-', '@'])
        .next()
        .unwrap_or("");
    match (base, language) {
        (_, "zh_TW" | "zh_HK" | "zh-Hant") => vec![BIG5],
        ("zh", _) => vec![GBK, GB18030],
        ("ja", _) => vec![SHIFT_JIS, EUC_JP],
        ("ko", _) => vec![EUC_KR],
        ("ru", _) => vec![WINDOWS_1251, KOI8_R, ISO_8859_5, X_MAC_CYRILLIC, IBM866],
        ("uk", _) => vec![WINDOWS_1251, KOI8_U, X_MAC_CYRILLIC],
        ("bg" | "be" | "mk", _) => vec![WINDOWS_1251, ISO_8859_5],
        (_, "sr") => vec![WINDOWS_1251],
        ("cs" | "sk" | "pl" | "hu" | "sl" | "hr" | "bs", _) | (_, "sr@latin") => {
            vec![WINDOWS_1250, ISO_8859_2]
        }
        ("ro", _) => vec![WINDOWS_1250, ISO_8859_2, ISO_8859_16],
        ("fr" | "de" | "es" | "it" | "pt" | "nl" | "sv" | "da" | "nb" | "nn" | "fi", _)
        | ("ca" | "gl" | "eu" | "is" | "ga" | "af" | "oc" | "ast", _) => {
            vec![WINDOWS_1252, ISO_8859_15, MACINTOSH]
        }
        ("el", _) => vec![WINDOWS_1253, ISO_8859_7],
        ("tr", _) => vec![WINDOWS_1254],
        ("he" | "yi", _) => vec![WINDOWS_1255],
        ("ar" | "fa", _) => vec![WINDOWS_1256],
        ("lt" | "lv" | "et", _) => vec![WINDOWS_1257, ISO_8859_13],
        ("th", _) => vec![WINDOWS_874],
        ("vi", _) => vec![WINDOWS_1258],
        _ => vec![],
    }
}

/// Whether `text` is a plausible short string to test: 15–80 bytes once encoded (checked by
/// the caller), at least two non-ASCII letters, no placeholders or markup left.
fn usable(text: &str) -> bool {
    let non_ascii = text
        .chars()
        .filter(|c| !c.is_ascii() && c.is_alphabetic())
        .count();
    non_ascii >= 2
        && !text.contains(['%', '$', '{', '}', '<', '>', '\\', '\u{fffd}'])
        && !text.chars().any(|c| c.is_control())
}

/// Candidate strings per language tag (`ru`, `zh_CN` …) from the corpus lines.
fn corpus_strings(dir: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let Ok(manifest) = std::fs::read_to_string(dir.join("manifest.tsv")) else {
        return out;
    };
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(file), Some(label), Some(lang)) = (cols.first(), cols.get(1), cols.get(2)) else {
            continue;
        };
        let Some(enc) = Encoding::for_label(label.as_bytes()) else {
            continue;
        };
        let lang = match lang.trim_end_matches('?') {
            "zh-Hans" | "zh" => "zh_CN",
            "zh-Hant" => "zh_TW",
            other => other,
        };
        if encodings_for(lang).is_empty() {
            continue;
        }
        let Ok(bytes) = std::fs::read(dir.join("files").join(file)) else {
            continue;
        };
        let text = enc.decode(&bytes).0;
        let set = out.entry(lang.to_string()).or_default();
        for line in text.lines() {
            let plain = strip_markup(line);
            let plain = plain.trim();
            if usable(plain) {
                set.insert(plain.to_string());
            }
        }
    }
    out
}

/// `line` without `<…>` tags and with the commonest entities resolved.
fn strip_markup(line: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in line.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&quot;", "\"");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Candidate strings per language tag from the installed gettext catalogues.
fn catalogue_strings() -> BTreeMap<String, BTreeSet<String>> {
    let root = std::env::var_os("DETECT_MO")
        .map_or_else(|| PathBuf::from("/usr/share/locale"), PathBuf::from);
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let Ok(langs) = std::fs::read_dir(&root) else {
        return out;
    };
    for lang in langs.flatten() {
        let tag = lang.file_name().to_string_lossy().into_owned();
        if encodings_for(&tag).is_empty() {
            continue;
        }
        let Ok(files) = std::fs::read_dir(lang.path().join("LC_MESSAGES")) else {
            continue;
        };
        let set = out.entry(tag).or_default();
        for file in files.flatten() {
            if let Ok(bytes) = std::fs::read(file.path()) {
                for s in mo_translations(&bytes) {
                    let s = s.trim();
                    if usable(s) {
                        set.insert(s.to_string());
                    }
                }
            }
        }
    }
    out
}

/// The translations (first plural form) of a UTF-8 gettext `.mo` file.
fn mo_translations(bytes: &[u8]) -> Vec<String> {
    let word = |at: usize, le: bool| -> Option<usize> {
        let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
        Some(if le {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        } as usize)
    };
    let le = match word(0, true) {
        Some(0x9504_12de) => true,
        Some(0xde12_0495) => false,
        _ => return Vec::new(),
    };
    let (Some(n), Some(table)) = (word(8, le), word(16, le)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in 0..n.min(100_000) {
        let (Some(len), Some(off)) = (word(table + 8 * i, le), word(table + 8 * i + 4, le)) else {
            break;
        };
        let Some(raw) = bytes.get(off..off + len) else {
            break;
        };
        let first = raw.split(|&b| b == 0).next().unwrap_or(raw);
        let Ok(text) = std::str::from_utf8(first) else {
            // Not a UTF-8 catalogue: skip it whole.
            return Vec::new();
        };
        // Entry 0 is the header (an empty msgid).
        if i > 0 {
            out.push(text.to_string());
        }
    }
    out
}

/// At most `n` items of `set`, spread evenly over its sorted order.
fn spread(set: &BTreeSet<String>, n: usize) -> Vec<&String> {
    let len = set.len();
    if len <= n {
        return set.iter().collect();
    }
    set.iter()
        .enumerate()
        .filter(|(i, _)| i * n / len != (i + 1) * n / len)
        .map(|(_, s)| s)
        .collect()
}

/// The benchmark: up to `per_language` strings of each language and source, encoded in each
/// of the language's encodings (strings an encoding cannot write, or that encode outside
/// 15–80 bytes, are left out), plus every string in UTF-16LE without BOM.
pub fn build(corpus: Option<&Path>, per_language: usize) -> Vec<Short> {
    let mut out = Vec::new();
    let sources = [
        ("corpus", corpus.map(corpus_strings).unwrap_or_default()),
        ("gettext", catalogue_strings()),
    ];
    for (source, by_lang) in &sources {
        for (lang, set) in by_lang {
            let encodings = encodings_for(lang);
            for text in spread(set, per_language) {
                for &enc in &encodings {
                    let (bytes, _, unmappable) = enc.encode(text);
                    if !unmappable && (15..=80).contains(&bytes.len()) {
                        out.push(Short {
                            text: text.clone(),
                            encoding: enc,
                            bytes: bytes.into_owned(),
                            source,
                        });
                    }
                }
                let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
                if (15..=80).contains(&utf16.len()) {
                    out.push(Short {
                        text: text.clone(),
                        encoding: encoding_rs::UTF_16LE,
                        bytes: utf16,
                        source,
                    });
                }
            }
        }
    }
    out
}
