//! `mojifix convert -c CONFIG [FILE]...`: OpenCC-exact script conversion, like `opencc -c`.

use mojifix::stream::{self, Decoding, Document, TextBlocks};
use mojifix::zh::{Config, Converter};

use super::args::ConvertArgs;
use super::io::{inputs_of, Output};
use super::{CliError, Exit};

const DOCS_PER_BATCH: usize = 8;

pub(crate) fn run(args: ConvertArgs) -> Result<Exit, CliError> {
    let config: Config = args.config.parse()?;
    let converter = Converter::new(config);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .map_err(|e| CliError::Usage(format!("cannot start worker threads: {e}")))?;
    let mut out = match &args.output {
        Some(dest) => Output::replacing(dest, None)?,
        None => Output::stdout(),
    };
    for input in inputs_of(&args.files) {
        let name = input.name();
        let mut blocks = TextBlocks::new(input.open()?, Decoding::Detect);
        stream::process_ordered(
            &pool,
            || -> Result<Vec<Document>, CliError> {
                let mut batch = Vec::with_capacity(DOCS_PER_BATCH);
                while batch.len() < DOCS_PER_BATCH {
                    match blocks.next() {
                        Some(doc) => {
                            batch.push(doc.map_err(|e| CliError::Input(format!("{name}: {e}")))?)
                        }
                        None => break,
                    }
                }
                Ok(batch)
            },
            |doc: Document| match converter.convert(&doc.text) {
                std::borrow::Cow::Borrowed(_) => doc.text,
                std::borrow::Cow::Owned(s) => s,
            },
            |texts: Vec<String>| -> Result<(), CliError> {
                for t in texts {
                    out.write_all(t.as_bytes())?;
                }
                Ok(())
            },
        )?;
    }
    out.commit()?;
    Ok(Exit::Done)
}
