//! Streaming: turning a byte stream of any size into documents with bounded memory, and
//! fixing batches of documents in parallel with the output kept in input order.
//!
//! A document is the unit the pipeline fixes: a group of whole paragraphs for plain text
//! ([`TextBlocks`]), one line for JSON Lines ([`jsonl`]). Owns chunking, incremental decoding
//! and ordering; does not own any text step, nor files, terminals or argument parsing (the
//! binary's).

pub mod jsonl;

use std::io::{self, Read};

use encoding_rs::{CoderResult, Decoder, Encoding};

/// How the bytes of a stream become text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Decoding {
    /// Detect the encoding from the first [`SNIFF_BYTES`] ([`crate::decode`]).
    #[default]
    Detect,
    /// Decode with this encoding (a BOM still wins, as in the Encoding Standard).
    Force(&'static Encoding),
    /// The bytes must be UTF-8: anything else is a [`StreamError::InvalidUtf8`].
    Utf8,
}

/// How many bytes detection looks at.
pub const SNIFF_BYTES: usize = 64 * 1024;
/// Documents are cut at a blank line once this much text is pending.
const TARGET_BLOCK: usize = 256 * 1024;
/// Past this much text without a blank line, a document is cut at a line break.
const MAX_BLOCK: usize = 4 * 1024 * 1024;
const READ_CHUNK: usize = 256 * 1024;

/// An error while reading a stream.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StreamError {
    /// The underlying reader failed.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// The bytes are not UTF-8 (with [`Decoding::Utf8`]).
    #[error("invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 {
        /// Offset of the first byte that is not UTF-8.
        offset: u64,
    },
}

/// One document of a text stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The text, decoded.
    pub text: String,
    /// 1-based number of the document's first line in the stream.
    pub line: u64,
}

/// Reads a byte stream as documents: groups of whole paragraphs of about 256 KiB, decoded
/// incrementally, so memory stays bounded whatever the input size.
///
/// ```
/// use mojifix::stream::{Decoding, TextBlocks};
/// let bytes = "甲\n\n乙\n".as_bytes();
/// let docs: Vec<_> = TextBlocks::new(bytes, Decoding::Detect).collect::<Result<_, _>>().unwrap();
/// assert_eq!(docs.iter().map(|d| d.text.as_str()).collect::<String>(), "甲\n\n乙\n");
/// ```
pub struct TextBlocks<R> {
    reader: R,
    decoding: Decoding,
    decoder: Option<Decoder>,
    encoding: Option<&'static Encoding>,
    raw: Vec<u8>,
    pending: String,
    /// Raw bytes consumed so far (for error offsets).
    consumed: u64,
    line: u64,
    eof: bool,
    had_replacements: bool,
}

impl<R: Read> TextBlocks<R> {
    /// Documents of `reader`, decoded as `decoding` says.
    pub fn new(reader: R, decoding: Decoding) -> TextBlocks<R> {
        TextBlocks {
            reader,
            decoding,
            decoder: None,
            encoding: None,
            raw: Vec::new(),
            pending: String::new(),
            consumed: 0,
            line: 1,
            eof: false,
            had_replacements: false,
        }
    }

    /// The encoding in use, once the first document has been read.
    pub fn encoding(&self) -> Option<&'static Encoding> {
        self.encoding
    }

    /// Whether malformed input was replaced with U+FFFD so far.
    pub fn had_replacements(&self) -> bool {
        self.had_replacements
    }

    /// Reads until `raw` holds `want` bytes or the reader ends.
    fn fill(&mut self, want: usize) -> io::Result<()> {
        while self.raw.len() < want && !self.eof {
            let old = self.raw.len();
            self.raw.resize(old + READ_CHUNK, 0);
            let n = loop {
                match self.reader.read(&mut self.raw[old..]) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    r => break r,
                }
            };
            let n = n.inspect_err(|_| self.raw.truncate(old))?;
            self.raw.truncate(old + n);
            self.eof = n == 0;
        }
        Ok(())
    }

    fn start(&mut self) -> Result<(), StreamError> {
        self.fill(SNIFF_BYTES)?;
        let encoding = match self.decoding {
            Decoding::Force(e) => Encoding::for_bom(&self.raw).map_or(e, |(b, _)| b),
            Decoding::Utf8 => encoding_rs::UTF_8,
            Decoding::Detect => match std::str::from_utf8(&self.raw) {
                // A sample cut inside a character is still UTF-8.
                Err(e) if e.error_len().is_some() || self.eof => {
                    crate::decode::decode(&self.raw).encoding
                }
                _ => Encoding::for_bom(&self.raw).map_or(encoding_rs::UTF_8, |(b, _)| b),
            },
        };
        self.encoding = Some(encoding);
        if self.decoding != Decoding::Utf8 {
            self.decoder = Some(encoding.new_decoder());
        }
        Ok(())
    }

    /// Moves decoded text from `raw` to `pending`.
    fn decode_raw(&mut self) -> Result<(), StreamError> {
        let last = self.eof;
        if let Some(decoder) = &mut self.decoder {
            let max = decoder
                .max_utf8_buffer_length(self.raw.len())
                .unwrap_or(self.raw.len() * 3 + 16);
            self.pending.reserve(max);
            let (result, read, replaced) =
                decoder.decode_to_string(&self.raw, &mut self.pending, last);
            debug_assert_eq!(result, CoderResult::InputEmpty);
            self.had_replacements |= replaced;
            self.consumed += read as u64;
            self.raw.drain(..read);
        } else {
            let valid = match std::str::from_utf8(&self.raw) {
                Ok(s) => s.len(),
                Err(e) if e.error_len().is_none() && !last => e.valid_up_to(),
                Err(e) => {
                    return Err(StreamError::InvalidUtf8 {
                        offset: self.consumed + e.valid_up_to() as u64,
                    })
                }
            };
            let text = std::str::from_utf8(&self.raw[..valid]).expect("validated above");
            // A BOM is not text; the normalize step would drop it too, but only at the start
            // of a document.
            let text = if self.consumed == 0 {
                text.strip_prefix('\u{feff}').unwrap_or(text)
            } else {
                text
            };
            self.pending.push_str(text);
            self.consumed += valid as u64;
            self.raw.drain(..valid);
        }
        Ok(())
    }

    fn next_document(&mut self) -> Result<Option<Document>, StreamError> {
        if self.encoding.is_none() {
            self.start()?;
        }
        loop {
            if let Some(cut) = block_cut(&self.pending, self.eof && self.raw.is_empty()) {
                let rest = self.pending.split_off(cut);
                let text = std::mem::replace(&mut self.pending, rest);
                let line = self.line;
                self.line += memchr::memchr_iter(b'\n', text.as_bytes()).count() as u64;
                return Ok(Some(Document { text, line }));
            }
            if self.eof && self.raw.is_empty() {
                return Ok(None);
            }
            self.fill(READ_CHUNK)?;
            self.decode_raw()?;
        }
    }
}

/// Where to cut a document off the front of `pending`, if it is time to.
fn block_cut(pending: &str, eof: bool) -> Option<usize> {
    if eof {
        return (!pending.is_empty()).then_some(pending.len());
    }
    if pending.len() < TARGET_BLOCK {
        return None;
    }
    let bytes = pending.as_bytes();
    // After the last blank line: paragraphs stay whole.
    let mut end = bytes.len();
    while let Some(nl) = memchr::memrchr(b'\n', &bytes[..end]) {
        let before = &bytes[..nl];
        let prev = before.strip_suffix(b"\r").unwrap_or(before);
        if prev.ends_with(b"\n") {
            return Some(nl + 1);
        }
        end = nl;
    }
    if pending.len() < MAX_BLOCK {
        return None;
    }
    if let Some(nl) = memchr::memrchr(b'\n', bytes) {
        return Some(nl + 1);
    }
    let mut cut = MAX_BLOCK;
    while !pending.is_char_boundary(cut) {
        cut -= 1;
    }
    Some(cut)
}

impl<R: Read> Iterator for TextBlocks<R> {
    type Item = Result<Document, StreamError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_document().transpose()
    }
}

/// Most documents a thread takes from a batch at once.
const PIECE: usize = 16;

/// Runs `work` over batches from `next_batch` on `pool` and hands each batch's results to
/// `sink` in input order. The serial parts run beside the parallel one: while batch `n` is
/// worked on, the results of batch `n - 1` are sunk and batch `n + 1` is read, so that reading
/// and writing do not leave the pool idle. Stops at the first error of `next_batch` or `sink`,
/// or when `next_batch` gives an empty batch.
pub fn process_ordered<T, U, E, N, W, S>(
    pool: &rayon::ThreadPool,
    mut next_batch: N,
    work: W,
    mut sink: S,
) -> Result<(), E>
where
    T: Send,
    U: Send,
    E: Send,
    N: FnMut() -> Result<Vec<T>, E> + Send,
    W: Fn(T) -> U + Sync,
    S: FnMut(Vec<U>) -> Result<(), E> + Send,
{
    use rayon::prelude::*;
    let mut batch = next_batch()?;
    let mut done: Option<Vec<U>> = None;
    while !batch.is_empty() {
        let (results, (sunk, next)) = pool.install(|| {
            rayon::join(
                // Small pieces: documents differ a lot in cost (a damaged one is searched),
                // and rayon's default split leaves one thread with a slow tail at each batch.
                || {
                    batch
                        .into_par_iter()
                        .with_max_len(PIECE)
                        .map(&work)
                        .collect::<Vec<U>>()
                },
                || (done.take().map_or(Ok(()), &mut sink), next_batch()),
            )
        });
        sunk?;
        done = Some(results);
        batch = next?;
    }
    done.map_or(Ok(()), sink)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(bytes: &[u8], decoding: Decoding) -> Result<Vec<Document>, StreamError> {
        TextBlocks::new(bytes, decoding).collect()
    }

    #[test]
    fn ordered_results_and_errors() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let batches = |n: u64| {
            let mut next = 0u64;
            move || -> Result<Vec<u64>, String> {
                let batch: Vec<u64> = (next..(next + 97).min(n)).collect();
                next += batch.len() as u64;
                Ok(batch)
            }
        };
        // Uneven work, so that late items of a batch finish before early ones.
        let work = |x: u64| (0..(x % 13) * 1000).fold(x, |a, b| a.wrapping_add(b % 3)) - x;
        let mut seen = Vec::new();
        process_ordered(
            &pool,
            batches(1000),
            |x| (x, work(x)),
            |r: Vec<(u64, u64)>| {
                seen.extend(r.into_iter().map(|(x, _)| x));
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, (0..1000).collect::<Vec<_>>());
        // A failing sink stops the run with its error, and nothing after it is sunk.
        let mut sunk = 0;
        let err = process_ordered(&pool, batches(1000), work, |r: Vec<u64>| {
            sunk += r.len();
            if sunk > 300 {
                Err(format!("full after {sunk}"))
            } else {
                Ok(())
            }
        });
        assert_eq!(err, Err("full after 388".to_string()));
        assert_eq!(sunk, 388);
    }

    #[test]
    fn concatenation_is_the_input() {
        let mut text = String::new();
        for i in 0..40_000 {
            text.push_str(&format!("第{i}段，中文。\n"));
            if i % 7 == 0 {
                text.push('\n');
            }
        }
        let d = docs(text.as_bytes(), Decoding::Detect).unwrap();
        assert!(d.len() > 1);
        assert_eq!(d.iter().map(|d| d.text.as_str()).collect::<String>(), text);
        for doc in &d[..d.len() - 1] {
            assert!(doc.text.ends_with("\n\n"));
        }
        let lines: u64 = d[0].text.matches('\n').count() as u64;
        assert_eq!(d[1].line, lines + 1);
    }

    #[test]
    fn detects_legacy_encodings() {
        let (gbk, _, _) = encoding_rs::GBK.encode("中文的文字，这是一个测试。");
        let d = docs(&gbk, Decoding::Detect).unwrap();
        assert_eq!(d[0].text, "中文的文字，这是一个测试。");
        let d = docs(&gbk, Decoding::Force(encoding_rs::GBK)).unwrap();
        assert_eq!(d[0].text, "中文的文字，这是一个测试。");
    }

    #[test]
    fn strict_utf8_reports_offset() {
        match docs(b"abc\xffdef", Decoding::Utf8) {
            Err(StreamError::InvalidUtf8 { offset }) => assert_eq!(offset, 3),
            other => panic!("{other:?}"),
        }
        match docs("ab中".as_bytes().split_at(4).0, Decoding::Utf8) {
            Err(StreamError::InvalidUtf8 { offset }) => assert_eq!(offset, 2),
            other => panic!("{other:?}"),
        }
        assert!(docs(b"", Decoding::Utf8).unwrap().is_empty());
    }

    #[test]
    fn bom_is_dropped() {
        let d = docs("\u{feff}x".as_bytes(), Decoding::Detect).unwrap();
        assert_eq!(d[0].text, "x");
        let d = docs("\u{feff}x".as_bytes(), Decoding::Utf8).unwrap();
        assert_eq!(d[0].text, "x");
    }
}
