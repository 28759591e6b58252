//! `mojifix convert -c CONFIG [FILE]...`: OpenCC-exact script conversion, like `opencc -c`.
//! Streams each input through the converter in 64 KiB reads (memory stays bounded and below
//! OpenCC's own, see the closing notes) to buffered standard output or an atomic `-o` file.

use std::io::{self, ErrorKind};

use mojifix::zh::{Config, Converter};

use super::args::ConvertArgs;
use super::io::{inputs_of, Output};
use super::{CliError, Exit};

pub(crate) fn run(args: ConvertArgs) -> Result<Exit, CliError> {
    let config: Config = args.config.parse()?;
    let converter = Converter::new(config);
    let mut out = match &args.output {
        Some(dest) => Output::replacing(dest, None)?,
        None => Output::stdout(),
    };
    for input in inputs_of(&args.files) {
        let name = input.name();
        let reader = input.open()?;
        match converter.convert_io(reader, Writer(&mut out)) {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::InvalidData => {
                return Err(CliError::Input(format!("{name}: {e}")));
            }
            Err(e) if e.kind() == ErrorKind::BrokenPipe => return Err(CliError::Output(e)),
            Err(e) => return Err(CliError::Input(format!("{name}: {e}"))),
        }
    }
    out.commit()?;
    Ok(Exit::Done)
}

/// [`Output`] as an `io::Write` for the converter.
struct Writer<'a>(&'a mut Output);

impl io::Write for Writer<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write_all(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
