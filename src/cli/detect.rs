//! `mojifix detect [FILE]...`: one line per input, `PATH<TAB>ENCODING<TAB>CONFIDENCE`.

use std::io::{self, BufWriter, Write};

use mojifix::DecodeOptions;

use super::args::DetectArgs;
use super::io::inputs_of;
use super::{CliError, Exit};

/// Detection reads at most this much of each input: enough for any detector's confidence,
/// and a 2 GB file is not read whole to name its encoding.
const DETECT_LIMIT: u64 = 4 * 1024 * 1024;

pub(crate) fn run(args: DetectArgs) -> Result<Exit, CliError> {
    let mut out = BufWriter::new(io::stdout());
    let mut exit = Exit::Done;
    for input in inputs_of(&args.files) {
        let path = input
            .path
            .as_ref()
            .map_or_else(|| "-".to_string(), |p| p.display().to_string());
        let bytes = match input.read_prefix(DETECT_LIMIT) {
            Ok(b) => b,
            Err(e) => {
                out.flush()?;
                eprintln!("mojifix: {e}");
                exit = Exit::Input;
                continue;
            }
        };
        let mut options = DecodeOptions::default();
        options.hint_tld = args.tld.as_deref().map(str::as_bytes);
        let d = mojifix::decode_with(&bytes, &options);
        if args.json {
            // The library's full report, with the path first.
            let mut rec = serde_json::Map::new();
            rec.insert("path".into(), path.clone().into());
            if let serde_json::Value::Object(report) = d.to_json() {
                rec.extend(report);
            }
            writeln!(out, "{}", serde_json::Value::Object(rec))?;
        } else {
            writeln!(out, "{path}\t{}\t{:.2}", d.encoding.name(), d.confidence)?;
        }
    }
    out.flush()?;
    Ok(exit)
}
