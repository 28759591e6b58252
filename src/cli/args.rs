//! Command-line arguments (clap). Only parsing lives here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub(crate) const AFTER_HELP: &str = "\
Exit codes:
  0  done
  1  --check found something to change
  2  usage error (unknown option, step, config or encoding)
  3  input or output error (unreadable file, invalid UTF-8 with --skip decode, a line that is
     not JSON, a full disk: a file being replaced keeps its original content)
  130  interrupted (SIGINT, SIGTERM): files being replaced keep their original content and
       no temporary file is left beside them

A closed pipe (`mojifix fix big.txt | head`) ends mojifix quietly with exit code 0.";

/// Turns garbled, scraped text back into the text its author wrote.
#[derive(Debug, Parser)]
#[command(name = "mojifix", version, after_help = AFTER_HELP, propagate_version = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Clean text: decode, repair mojibake, drop scrape debris, normalize (stdout by default).
    #[command(after_help = AFTER_HELP)]
    Fix(Box<FixArgs>),
    /// Convert Chinese script with an OpenCC 1.4.2 configuration, like `opencc -c`.
    #[command(after_help = AFTER_HELP)]
    Convert(ConvertArgs),
    /// Detect the encoding of files: PATH<TAB>ENCODING<TAB>CONFIDENCE per file.
    #[command(after_help = AFTER_HELP)]
    Detect(DetectArgs),
}

#[derive(Debug, Args)]
pub(crate) struct FixArgs {
    /// Files (or directories, with -r) to read; `-` or none reads standard input.
    pub(crate) files: Vec<PathBuf>,

    /// Start from this preset: `scrape` (all steps) or `conservative` (encodings only).
    #[arg(long, value_name = "PRESET", default_value = "scrape")]
    pub(crate) preset: String,
    /// Run only these steps (comma-separated): decode, html-entities, mojibake, lost-byte,
    /// lost-markers, placeholder-lines, pinyin, cjk-punctuation, normalize, convert.
    #[arg(long, value_name = "STEPS", value_delimiter = ',')]
    pub(crate) steps: Option<Vec<String>>,
    /// Do not run these steps (comma-separated).
    #[arg(long, value_name = "STEPS", value_delimiter = ',')]
    pub(crate) skip: Vec<String>,
    /// Convert script at the end with this OpenCC configuration (t2s, s2t, s2twp, …).
    #[arg(long, value_name = "CONFIG")]
    pub(crate) convert: Option<String>,
    /// Unicode normalization form of the `normalize` step: nfc, nfkc or none.
    #[arg(long, value_name = "FORM", default_value = "nfc")]
    pub(crate) normalization: String,
    /// Decode input with this encoding (a WHATWG label: gbk, big5, shift_jis, …) instead of
    /// detecting it.
    #[arg(long, value_name = "LABEL")]
    pub(crate) encoding: Option<String>,

    /// Input is JSON Lines: fix string fields, keep everything else byte for byte.
    #[arg(long)]
    pub(crate) jsonl: bool,
    /// With --jsonl, fix only this field (repeatable; dotted paths like `meta.title`).
    /// Without it, every string value is fixed.
    #[arg(long, value_name = "PATH", requires = "jsonl")]
    pub(crate) field: Vec<String>,

    /// Write the output to this file (one input only). Written to a temporary file first and
    /// renamed into place when complete.
    #[arg(short, long, value_name = "FILE", conflicts_with = "in_place")]
    pub(crate) output: Option<PathBuf>,
    /// Rewrite each file in place (temporary file in the same folder, fsync, rename).
    #[arg(short = 'i', long)]
    pub(crate) in_place: bool,
    /// With --in-place, keep the original as FILE+SUFFIX (e.g. `.orig`).
    #[arg(long, value_name = "SUFFIX", requires = "in_place")]
    pub(crate) backup: Option<String>,
    /// Walk directories given as FILE arguments (respecting .gitignore, skipping binaries).
    #[arg(short, long)]
    pub(crate) recursive: bool,
    /// With -r, only files whose name matches this glob (repeatable; `!` negates).
    #[arg(long, value_name = "GLOB")]
    pub(crate) glob: Vec<String>,

    /// Worker threads (default: all cores). Output order always equals input order.
    #[arg(short, long, value_name = "N")]
    pub(crate) jobs: Option<usize>,
    /// No progress bar and no warnings.
    #[arg(short, long)]
    pub(crate) quiet: bool,

    /// Write one JSON line per change to standard error.
    #[arg(long)]
    pub(crate) explain: bool,
    /// Print counts of changes per step at the end (standard error).
    #[arg(long)]
    pub(crate) stats: bool,
    /// Write nothing; list what would change and exit 1 if anything would.
    #[arg(long, conflicts_with_all = ["output", "in_place", "diff"])]
    pub(crate) check: bool,
    /// Write nothing (with --diff, print what would change as a unified diff).
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Print a unified diff of what would change instead of the output (implies --dry-run).
    #[arg(long)]
    pub(crate) diff: bool,
    /// On a line that is not JSON, copy it through unchanged, report it and go on (exit 3 at
    /// the end) instead of stopping.
    #[arg(long)]
    pub(crate) keep_going: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ConvertArgs {
    /// OpenCC configuration: s2t, t2s, s2tw, tw2s, s2twp, tw2sp, s2hk, hk2s, s2hkp, hk2sp,
    /// t2tw, tw2t, t2hk, hk2t, t2jp, jp2t (`t2s.json` is accepted too).
    #[arg(short, long, value_name = "CONFIG")]
    pub(crate) config: String,
    /// Files to convert; `-` or none reads standard input.
    pub(crate) files: Vec<PathBuf>,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct DetectArgs {
    /// Files to examine; `-` or none reads standard input.
    pub(crate) files: Vec<PathBuf>,
    /// Print the full report as JSON lines: encoding, confidence, runners-up, offsets of
    /// malformed sequences and the decoded text.
    #[arg(long)]
    pub(crate) json: bool,
    /// The top-level domain the bytes came from (`jp`, `tw`, …), a hint for detection.
    #[arg(long, value_name = "TLD")]
    pub(crate) tld: Option<String>,
}
