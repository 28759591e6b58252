//! `zh_convert CONFIG [FILE]`: converts FILE (or stdin) to stdout, like `opencc -c CONFIG`.
//! A stand-in for `mojifix convert` used by `scripts/zh_diff.py` and `scripts/zh_time.sh`.

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let config: mojifix::zh::Config = args
        .next()
        .ok_or("usage: zh_convert CONFIG [FILE]")?
        .parse()?;
    let converter = mojifix::zh::Converter::new(config);
    let stdout = std::io::stdout().lock();
    match args.next() {
        Some(path) => converter.convert_io(std::fs::File::open(path)?, stdout)?,
        None => converter.convert_io(std::io::stdin().lock(), stdout)?,
    }
    std::io::stdout().flush()?;
    Ok(())
}
