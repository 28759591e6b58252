//! Inputs, outputs and progress: opening files or stdin, writing to stdout or atomically to
//! a file (temporary file in the same folder, fsync, rename), and a progress bar on stderr.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::CliError;

/// One input: a file, or standard input.
#[derive(Debug, Clone)]
pub(crate) struct Input {
    pub(crate) path: Option<PathBuf>,
}

impl Input {
    pub(crate) fn stdin() -> Input {
        Input { path: None }
    }

    pub(crate) fn file(path: PathBuf) -> Input {
        Input { path: Some(path) }
    }

    /// How the input is named in messages.
    pub(crate) fn name(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string())
    }

    pub(crate) fn len(&self) -> Option<u64> {
        self.path
            .as_ref()
            .and_then(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
    }

    pub(crate) fn open(&self) -> Result<Box<dyn Read + Send>, CliError> {
        match &self.path {
            None => Ok(Box::new(io::stdin())),
            Some(p) => File::open(p)
                .map(|f| Box::new(f) as Box<dyn Read + Send>)
                .map_err(|e| CliError::Input(format!("{}: {e}", p.display()))),
        }
    }

    /// Reads the whole input (for commands that need it all, like `detect`), at most `limit`
    /// bytes.
    pub(crate) fn read_prefix(&self, limit: u64) -> Result<Vec<u8>, CliError> {
        let mut buf = Vec::new();
        self.open()?
            .take(limit)
            .read_to_end(&mut buf)
            .map_err(|e| CliError::Input(format!("{}: {e}", self.name())))?;
        Ok(buf)
    }
}

/// The inputs named on the command line: `-` and no name at all are standard input.
pub(crate) fn inputs_of(files: &[PathBuf]) -> Vec<Input> {
    if files.is_empty() {
        return vec![Input::stdin()];
    }
    files
        .iter()
        .map(|f| {
            if f.as_os_str() == "-" {
                Input::stdin()
            } else {
                Input::file(f.clone())
            }
        })
        .collect()
}

/// Where output goes.
pub(crate) enum Output {
    /// Standard output, buffered.
    Stdout(BufWriter<io::Stdout>),
    /// A temporary file that replaces `dest` on [`Output::commit`].
    File {
        tmp: BufWriter<tempfile::NamedTempFile>,
        dest: PathBuf,
        backup: Option<PathBuf>,
    },
    /// Nowhere (`--check`, `--dry-run`).
    Discard,
}

impl Output {
    pub(crate) fn stdout() -> Output {
        Output::Stdout(BufWriter::with_capacity(256 * 1024, io::stdout()))
    }

    /// A temporary file beside `dest`, so the final rename stays on one file system.
    pub(crate) fn replacing(dest: &Path, backup: Option<PathBuf>) -> Result<Output, CliError> {
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".mojifix-")
            .tempfile_in(dir)
            .map_err(|e| {
                CliError::Input(format!(
                    "{}: cannot create a temporary file: {e}",
                    dir.display()
                ))
            })?;
        pending().push(tmp.path().to_path_buf());
        Ok(Output::File {
            tmp: BufWriter::with_capacity(256 * 1024, tmp),
            dest: dest.to_path_buf(),
            backup,
        })
    }

    pub(crate) fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.write_all(bytes),
            Output::File { tmp, .. } => tmp.write_all(bytes),
            Output::Discard => Ok(()),
        }
    }

    /// Finishes the output: flushes stdout, or syncs the temporary file and renames it over
    /// the destination (after keeping a backup of the original when asked).
    pub(crate) fn commit(self) -> Result<(), CliError> {
        match self {
            Output::Stdout(mut w) => w.flush().map_err(CliError::Output),
            Output::Discard => Ok(()),
            Output::File { tmp, dest, backup } => {
                let fail = |what: &str, e: io::Error| {
                    CliError::Output(io::Error::new(
                        e.kind(),
                        format!("{}: {what}: {e}", dest.display()),
                    ))
                };
                let tmp = tmp
                    .into_inner()
                    .map_err(|e| fail("write", e.into_error()))?;
                tmp.as_file().sync_all().map_err(|e| fail("sync", e))?;
                if let Ok(meta) = std::fs::metadata(&dest) {
                    // Keep the original's permissions.
                    let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
                    if let Some(backup) = backup {
                        std::fs::copy(&dest, &backup).map_err(|e| fail("backup", e))?;
                    }
                }
                // Under the lock, so that an interrupt either finds the file still pending or
                // already in place, never half renamed.
                let mut pending = pending();
                pending.retain(|p| p != tmp.path());
                tmp.persist(&dest).map_err(|e| fail("rename", e.error))?;
                Ok(())
            }
        }
    }
}

/// Temporary files not yet renamed over their destination.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic while holding the list leaves it as valid as before.
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// On SIGINT or SIGTERM, removes the temporary files of outputs not yet committed and exits
/// with [`INTERRUPTED`]: an interrupted run leaves every original as it was and nothing
/// beside it. (A temporary file dropped normally removes itself.)
pub(crate) fn clean_up_on_interrupt() {
    // Failing to install the handler (another one is set) only loses the clean-up.
    let _ = ctrlc::set_handler(|| {
        for path in pending().drain(..) {
            let _ = std::fs::remove_file(path);
        }
        std::process::exit(INTERRUPTED);
    });
}

/// The exit code of an interrupted run, as shells report a SIGINT.
pub(crate) const INTERRUPTED: i32 = 130;

/// A progress bar on stderr for runs longer than a second, when stderr is a terminal.
#[derive(Clone)]
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
}

impl Progress {
    pub(crate) fn new(total: Option<u64>, quiet: bool) -> Progress {
        let bar = (!quiet && io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::hidden());
            let style = ProgressStyle::with_template(
                "{spinner} {bytes}/{total_bytes} {bytes_per_sec} {msg} eta {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
        }
    }

    pub(crate) fn add_bytes(&self, n: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(n);
            if bar.is_hidden() && self.started.elapsed() > Duration::from_secs(1) {
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        }
    }

    pub(crate) fn records(&self, n: u64) {
        if let Some(bar) = &self.bar {
            let secs = self.started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!("{n} records ({:.0}/s)", n as f64 / secs));
        }
    }

    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// A reader that reports what it read to a [`Progress`].
pub(crate) struct Counting<R> {
    pub(crate) inner: R,
    pub(crate) progress: Progress,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.add_bytes(n as u64);
        Ok(n)
    }
}
