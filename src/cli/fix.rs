//! `mojifix fix`: reads inputs, hands documents (paragraph groups or JSON lines) to the
//! library in parallel batches, and writes the results in input order.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Write};
use std::path::PathBuf;

use mojifix::stream::jsonl::{self, FieldChange, Fields};
use mojifix::stream::{self, Decoding, Document, StreamError, TextBlocks};
use mojifix::{Change, Fixer, Normalization, Preset, Step};
use serde_json::{json, Value};

use super::args::FixArgs;
use super::io::{inputs_of, Counting, Input, Output, Progress};
use super::{CliError, Exit};

/// Documents per parallel batch (text mode); lines per batch (JSONL).
const DOCS_PER_BATCH: usize = 16;
const LINES_PER_BATCH: usize = 4096;
const BYTES_PER_BATCH: usize = 4 * 1024 * 1024;

pub(crate) fn run(args: FixArgs) -> Result<Exit, CliError> {
    let fixer = build_fixer(&args)?;
    let decoding = match &args.encoding {
        Some(label) => Decoding::Force(
            encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
                CliError::Usage(mojifix::Error::UnknownEncoding(label.clone()).to_string())
            })?,
        ),
        None if fixer.runs(Step::Decode) => Decoding::Detect,
        None => Decoding::Utf8,
    };
    let inputs = collect_inputs(&args)?;
    if args.output.is_some() && inputs.len() != 1 {
        return Err(CliError::Usage("--output takes exactly one input".into()));
    }
    if args.in_place && inputs.iter().any(|i| i.path.is_none()) {
        return Err(CliError::Usage(
            "--in-place needs files, not standard input".into(),
        ));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .map_err(|e| {
            CliError::Usage(format!("cannot start {:?} worker threads: {e}", args.jobs))
        })?;
    let total = inputs.iter().map(Input::len).sum::<Option<u64>>();
    let fields = if args.field.is_empty() {
        Fields::All
    } else {
        Fields::Paths(
            args.field
                .iter()
                .map(|f| f.parse().expect("infallible"))
                .collect(),
        )
    };
    let progress = Progress::new(total, args.quiet);
    let mut run = Run {
        diff: args.diff,
        keep_going: args.keep_going,
        quiet: args.quiet,
        fixer,
        decoding,
        fields,
        pool,
        progress: progress.clone(),
        report: Report {
            explain: args.explain,
            check: args.check,
            stats: args.stats,
            progress,
            counts: BTreeMap::new(),
            documents: 0,
            changed: 0,
            input_errors: 0,
            stderr: io::BufWriter::new(io::stderr()),
        },
    };
    let discard = args.check || args.dry_run || args.diff;
    let mut stdout = Output::stdout();
    for input in &inputs {
        let result = if discard {
            run.input(input, &mut Output::Discard, &mut stdout, args.jsonl)
        } else if let Some(dest) = output_path(&args, input) {
            let backup = args.backup.as_ref().map(|suffix| {
                let mut b = dest.clone().into_os_string();
                b.push(suffix);
                PathBuf::from(b)
            });
            let mut out = Output::replacing(&dest, backup)?;
            run.input(input, &mut out, &mut Output::Discard, args.jsonl)
                .and_then(|()| out.commit())
        } else {
            run.input(input, &mut stdout, &mut Output::Discard, args.jsonl)
        };
        match result {
            Ok(()) => {}
            Err(CliError::Input(msg)) if args.keep_going => {
                run.report.warn(&msg)?;
                run.report.input_errors += 1;
            }
            Err(e) => {
                stdout.commit()?;
                run.report.finish()?;
                return Err(e);
            }
        }
    }
    stdout.commit()?;
    run.report.finish()?;
    Ok(if run.report.input_errors > 0 {
        Exit::Input
    } else if args.check && run.report.changed > 0 {
        Exit::Changes
    } else {
        Exit::Done
    })
}

fn build_fixer(args: &FixArgs) -> Result<Fixer, CliError> {
    let preset = match args.preset.as_str() {
        "scrape" | "default" => Preset::Scrape,
        "conservative" => Preset::Conservative,
        other => {
            return Err(CliError::Usage(format!(
                "unknown preset {other:?} (scrape, conservative)"
            )))
        }
    };
    let mut b = Fixer::builder().preset(preset);
    if let Some(steps) = &args.steps {
        let steps = steps
            .iter()
            .map(|s| s.parse())
            .collect::<Result<Vec<Step>, _>>()?;
        b = b.steps(steps);
    }
    for s in &args.skip {
        b = b.skip(s.parse()?);
    }
    b = b.normalization(match args.normalization.to_ascii_lowercase().as_str() {
        "nfc" => Normalization::Nfc,
        "nfkc" => Normalization::Nfkc,
        "none" => Normalization::None,
        other => {
            return Err(CliError::Usage(format!(
                "unknown normalization {other:?} (nfc, nfkc, none)"
            )))
        }
    });
    if let Some(c) = &args.convert {
        b = b.convert(c.parse()?);
    }
    Ok(b.build())
}

/// The inputs, with directories walked when `-r` is given.
fn collect_inputs(args: &FixArgs) -> Result<Vec<Input>, CliError> {
    let mut inputs = Vec::new();
    for input in inputs_of(&args.files) {
        match &input.path {
            Some(p) if p.is_dir() => {
                if !args.recursive {
                    return Err(CliError::Usage(format!(
                        "{}: is a directory (use -r)",
                        p.display()
                    )));
                }
                let mut overrides = ignore::overrides::OverrideBuilder::new(p);
                for g in &args.glob {
                    overrides
                        .add(g)
                        .map_err(|e| CliError::Usage(format!("--glob {g:?}: {e}")))?;
                }
                let overrides = overrides
                    .build()
                    .map_err(|e| CliError::Usage(format!("--glob: {e}")))?;
                let mut found = Vec::new();
                for entry in ignore::WalkBuilder::new(p).overrides(overrides).build() {
                    let entry = entry.map_err(|e| CliError::Input(e.to_string()))?;
                    if entry.file_type().is_some_and(|t| t.is_file()) {
                        found.push(entry.into_path());
                    }
                }
                found.sort();
                for path in found {
                    if is_binary(&path) {
                        if !args.quiet {
                            eprintln!(
                                "mojifix: {}: binary file (NUL bytes), skipped",
                                path.display()
                            );
                        }
                    } else {
                        inputs.push(Input::file(path));
                    }
                }
            }
            _ => inputs.push(input),
        }
    }
    Ok(inputs)
}

/// A file with NUL bytes near its start that is not UTF-16 text.
fn is_binary(path: &std::path::Path) -> bool {
    let Ok(head) = Input::file(path.to_path_buf()).read_prefix(8192) else {
        return false;
    };
    head.contains(&0) && !mojifix::decode(&head).encoding.name().starts_with("UTF-16")
}

fn output_path(args: &FixArgs, input: &Input) -> Option<PathBuf> {
    if args.in_place {
        input.path.clone()
    } else {
        args.output.clone()
    }
}

struct Run {
    diff: bool,
    keep_going: bool,
    quiet: bool,
    fixer: Fixer,
    decoding: Decoding,
    fields: Fields,
    pool: rayon::ThreadPool,
    progress: Progress,
    report: Report,
}

/// What the run tells about its changes: explain records, stats, `--check` listings.
struct Report {
    explain: bool,
    check: bool,
    stats: bool,
    progress: Progress,
    counts: BTreeMap<&'static str, u64>,
    documents: u64,
    changed: u64,
    input_errors: u64,
    stderr: io::BufWriter<io::Stderr>,
}

/// A fixed document (a paragraph group, or a JSON line).
struct Fixed {
    line: u64,
    original: String,
    /// `None` when nothing changed.
    fixed: Option<String>,
    changes: Vec<(Option<String>, Change)>,
}

impl Run {
    fn input(
        &mut self,
        input: &Input,
        out: &mut Output,
        diff_out: &mut Output,
        jsonl: bool,
    ) -> Result<(), CliError> {
        let reader = Counting {
            inner: input.open()?,
            progress: self.progress.clone(),
        };
        let name = input.name();
        if jsonl {
            self.jsonl(
                &name,
                BufReader::with_capacity(256 * 1024, reader),
                out,
                diff_out,
            )
        } else {
            // With strict UTF-8, a regular file is checked whole first, so that an invalid
            // byte stops the run before anything of the file is written.
            if self.decoding == Decoding::Utf8 {
                if let Some(path) = &input.path {
                    let r = std::fs::File::open(path)
                        .map_err(|e| CliError::Input(format!("{name}: {e}")))?;
                    for doc in TextBlocks::new(r, Decoding::Utf8) {
                        doc.map_err(|e| stream_error(&name, e))?;
                    }
                }
            }
            self.text(&name, reader, out, diff_out)
        }
    }

    fn text<R: io::Read + Send>(
        &mut self,
        name: &str,
        reader: R,
        out: &mut Output,
        diff_out: &mut Output,
    ) -> Result<(), CliError> {
        let mut blocks = TextBlocks::new(reader, self.decoding);
        let wants = self.report.wants_changes();
        let fixer = &self.fixer;
        let diff = self.diff;
        let report = &mut self.report;
        let mut first_hunk = true;
        let mut delta: i64 = 0;
        stream::process_ordered(
            &self.pool,
            || -> Result<Vec<Document>, CliError> {
                let mut batch = Vec::new();
                let mut bytes = 0;
                while batch.len() < DOCS_PER_BATCH && bytes < BYTES_PER_BATCH {
                    let Some(doc) = blocks.next() else { break };
                    let doc = doc.map_err(|e| stream_error(name, e))?;
                    bytes += doc.text.len();
                    batch.push(doc);
                }
                Ok(batch)
            },
            |doc: Document| fix_text(fixer, doc, wants),
            |results: Vec<Fixed>| -> Result<(), CliError> {
                for r in &results {
                    out.write_all(r.fixed.as_deref().unwrap_or(&r.original).as_bytes())?;
                    if diff {
                        write_hunks(diff_out, name, r, &mut first_hunk, &mut delta)?;
                    }
                }
                report.documents(name, results)
            },
        )?;
        if let Some(enc) = blocks.encoding() {
            if enc != encoding_rs::UTF_8 && self.report.explain {
                let rec = json!({"file": name, "step": "decode", "encoding": enc.name()});
                writeln!(self.report.stderr, "{rec}")?;
            }
        }
        if blocks.had_replacements() && !self.quiet {
            self.report.warn(&format!(
                "{name}: malformed bytes were replaced with U+FFFD"
            ))?;
        }
        Ok(())
    }

    fn jsonl<R: BufRead + Send>(
        &mut self,
        name: &str,
        mut reader: R,
        out: &mut Output,
        diff_out: &mut Output,
    ) -> Result<(), CliError> {
        let wants = self.report.wants_changes();
        let (fixer, fields, decoding) = (&self.fixer, &self.fields, self.decoding);
        let diff = self.diff;
        let report = &mut self.report;
        let mut line_no = 0u64;
        let mut first_hunk = true;
        let mut delta = 0i64;
        let keep_going = self.keep_going;
        let mut bad_lines = Vec::new();
        stream::process_ordered(
            &self.pool,
            || -> Result<Vec<RawLine>, CliError> {
                let mut batch = Vec::new();
                let mut bytes = 0;
                while batch.len() < LINES_PER_BATCH && bytes < BYTES_PER_BATCH {
                    let mut buf = Vec::new();
                    let n = reader
                        .read_until(b'\n', &mut buf)
                        .map_err(|e| CliError::Input(format!("{name}: {e}")))?;
                    if n == 0 {
                        break;
                    }
                    line_no += 1;
                    bytes += n;
                    batch.push(RawLine::new(line_no, buf));
                }
                Ok(batch)
            },
            |raw: RawLine| fix_line(fixer, fields, decoding, raw, wants),
            |results: Vec<LineResult>| -> Result<(), CliError> {
                let mut fixed = Vec::with_capacity(results.len());
                for r in results {
                    match r {
                        Ok((f, ending)) => {
                            out.write_all(f.fixed.as_deref().unwrap_or(&f.original).as_bytes())?;
                            out.write_all(ending.as_bytes())?;
                            if diff {
                                write_hunks(diff_out, name, &f, &mut first_hunk, &mut delta)?;
                            }
                            fixed.push(f);
                        }
                        Err((raw, msg)) => {
                            let msg = format!("{name}:{}: {msg}", raw.no);
                            if !keep_going {
                                return Err(CliError::Input(msg));
                            }
                            out.write_all(&raw.bytes)?;
                            out.write_all(raw.ending.as_bytes())?;
                            bad_lines.push(msg);
                        }
                    }
                }
                for msg in bad_lines.drain(..) {
                    report.warn(&msg)?;
                    report.input_errors += 1;
                }
                report.documents(name, fixed)
            },
        )
    }
}

impl Report {
    fn wants_changes(&self) -> bool {
        self.explain || self.stats || self.check
    }

    fn warn(&mut self, msg: &str) -> Result<(), CliError> {
        writeln!(self.stderr, "mojifix: {msg}")?;
        self.stderr.flush()?;
        Ok(())
    }

    /// Explain records, stats and `--check` listings for a batch of fixed documents.
    fn documents(&mut self, name: &str, docs: Vec<Fixed>) -> Result<(), CliError> {
        if let Some(last) = docs.last() {
            self.progress.records(last.line);
        }
        for d in docs {
            self.documents += 1;
            if d.fixed.is_none() {
                continue;
            }
            self.changed += 1;
            for (field, c) in &d.changes {
                *self.counts.entry(c.step.name()).or_default() += 1;
                if self.explain {
                    let mut rec = serde_json::Map::new();
                    rec.insert("file".into(), name.into());
                    rec.insert("line".into(), d.line.into());
                    if let Some(f) = field {
                        rec.insert("record".into(), d.line.into());
                        rec.insert("field".into(), f.as_str().into());
                    }
                    if let Ok(Value::Object(change)) = serde_json::to_value(c) {
                        rec.extend(change);
                    }
                    writeln!(self.stderr, "{}", Value::Object(rec))?;
                }
                if self.check {
                    let field = field
                        .as_deref()
                        .map(|f| format!(" {f}:"))
                        .unwrap_or_default();
                    println!(
                        "{name}:{}:{field} {}: {} -> {}",
                        d.line,
                        c.step,
                        Value::from(c.before.as_str()),
                        Value::from(c.after.as_str())
                    );
                }
            }
            if self.check && d.changes.is_empty() {
                println!("{name}:{}: would change", d.line);
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), CliError> {
        self.progress.finish();
        if self.stats {
            writeln!(
                self.stderr,
                "mojifix: {} documents, {} changed",
                self.documents, self.changed
            )?;
            for step in Step::ALL {
                if let Some(n) = self.counts.get(step.name()) {
                    writeln!(self.stderr, "  {:<18} {n}", step.name())?;
                }
            }
        }
        self.stderr.flush()?;
        Ok(())
    }
}

fn stream_error(name: &str, e: StreamError) -> CliError {
    match e {
        StreamError::InvalidUtf8 { offset } => CliError::Input(format!(
            "{name}: invalid UTF-8 at byte offset {offset} (drop --skip decode, or give --encoding)"
        )),
        e => CliError::Input(format!("{name}: {e}")),
    }
}

fn fix_text(fixer: &Fixer, doc: Document, wants_changes: bool) -> Fixed {
    let (fixed, changes) = if wants_changes {
        let e = fixer.fix_and_explain(&doc.text);
        let changed = e.text != doc.text;
        (
            changed.then_some(e.text),
            e.changes.into_iter().map(|c| (None, c)).collect(),
        )
    } else {
        match fixer.fix(&doc.text) {
            std::borrow::Cow::Borrowed(_) => (None, Vec::new()),
            std::borrow::Cow::Owned(s) => (Some(s), Vec::new()),
        }
    };
    Fixed {
        line: doc.line,
        original: doc.text,
        fixed,
        changes,
    }
}

/// One line of a JSON Lines input, without its line break.
struct RawLine {
    no: u64,
    bytes: Vec<u8>,
    ending: &'static str,
}

impl RawLine {
    fn new(no: u64, mut bytes: Vec<u8>) -> RawLine {
        let ending = if bytes.ends_with(b"\r\n") {
            "\r\n"
        } else if bytes.ends_with(b"\n") {
            "\n"
        } else {
            ""
        };
        bytes.truncate(bytes.len() - ending.len());
        RawLine { no, bytes, ending }
    }
}

type LineResult = Result<(Fixed, &'static str), (RawLine, String)>;

fn fix_line(
    fixer: &Fixer,
    fields: &Fields,
    decoding: Decoding,
    raw: RawLine,
    wants_changes: bool,
) -> LineResult {
    let RawLine { no, bytes, ending } = raw;
    // The line's text, and the bytes and encoding it was decoded from when it was not read as
    // UTF-8. A UTF-8 line becomes its own text without a copy: this runs for every record.
    let (text, legacy) = match decoding {
        Decoding::Force(enc) => (enc.decode(&bytes).0.into_owned(), Some((bytes, enc))),
        Decoding::Utf8 | Decoding::Detect => match String::from_utf8(bytes) {
            Ok(text) => (text, None),
            Err(e) => {
                let valid_up_to = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                if decoding == Decoding::Utf8 {
                    let msg = format!("invalid UTF-8 at byte offset {valid_up_to} of the line");
                    return Err((RawLine { no, bytes, ending }, msg));
                }
                let d = mojifix::decode(&bytes);
                (d.text, Some((bytes, d.encoding)))
            }
        },
    };
    // A blank line is passed through: it holds no record to break.
    if text.trim().is_empty() {
        let fixed = Fixed {
            line: no,
            original: text,
            fixed: None,
            changes: Vec::new(),
        };
        return Ok((fixed, ending));
    }
    let (fixed, changes) = match jsonl::fix_record(fixer, fields, &text, wants_changes) {
        Ok(rec) => (
            match rec.line {
                std::borrow::Cow::Owned(s) => Some(s),
                std::borrow::Cow::Borrowed(_) => None,
            },
            rec.changes,
        ),
        Err(e) => {
            let bytes = legacy.map_or_else(|| text.into_bytes(), |(bytes, _)| bytes);
            return Err((RawLine { no, bytes, ending }, e.to_string()));
        }
    };
    let mut changes: Vec<(Option<String>, Change)> = changes
        .into_iter()
        .map(|FieldChange { field, change }| (Some(field), change))
        .collect();
    let (original, fixed) = match legacy {
        // Decoded from another encoding: the line changed even where no field did.
        Some((bytes, enc)) if enc != encoding_rs::UTF_8 => {
            changes.push((None, decode_change(&bytes, enc)));
            let original = String::from_utf8_lossy(&bytes).into_owned();
            (original, Some(fixed.unwrap_or(text)))
        }
        Some((bytes, _)) => (String::from_utf8_lossy(&bytes).into_owned(), fixed),
        None => (text, fixed),
    };
    let fixed = Fixed {
        line: no,
        original,
        fixed,
        changes,
    };
    Ok((fixed, ending))
}

fn decode_change(bytes: &[u8], enc: &'static encoding_rs::Encoding) -> Change {
    Change {
        step: Step::Decode,
        span: 0..bytes.len(),
        before: String::new(),
        after: String::new(),
        detail: mojifix::Detail::Decode {
            encoding: enc.name(),
            confidence: 1.0,
        },
    }
}

/// Writes the unified-diff hunks of one document, numbered by its place in the input.
fn write_hunks(
    out: &mut Output,
    name: &str,
    doc: &Fixed,
    first: &mut bool,
    delta: &mut i64,
) -> io::Result<()> {
    let Some(fixed) = &doc.fixed else {
        return Ok(());
    };
    if *first {
        out.write_all(format!("--- a/{name}\n+++ b/{name}\n").as_bytes())?;
        *first = false;
    }
    let diff = similar::TextDiff::from_lines(doc.original.as_str(), fixed.as_str());
    for group in diff.grouped_ops(3) {
        let (Some(first_op), Some(last_op)) = (group.first(), group.last()) else {
            continue;
        };
        let old = first_op.old_range().start..last_op.old_range().end;
        let new = first_op.new_range().start..last_op.new_range().end;
        let old_start = doc.line as i64 + old.start as i64;
        let new_start = old_start + *delta + (new.start as i64 - old.start as i64);
        let mut hunk = format!(
            "@@ -{},{} +{},{} @@\n",
            old_start,
            old.len(),
            new_start,
            new.len()
        );
        for op in &group {
            for change in diff.iter_changes(op) {
                let sign = match change.tag() {
                    similar::ChangeTag::Equal => ' ',
                    similar::ChangeTag::Delete => '-',
                    similar::ChangeTag::Insert => '+',
                };
                hunk.push(sign);
                hunk.push_str(change.value());
                if !change.value().ends_with('\n') {
                    hunk.push_str("\n\\ No newline at end of file\n");
                }
            }
        }
        out.write_all(hunk.as_bytes())?;
    }
    let old_lines = doc.original.lines().count() as i64;
    let new_lines = fixed.lines().count() as i64;
    *delta += new_lines - old_lines;
    Ok(())
}
