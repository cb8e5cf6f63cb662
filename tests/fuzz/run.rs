//! One run of a program under a wall-clock limit and an address-space limit, and what came
//! of it.
//!
//! The memory limit is set by `sh -c 'ulimit -v …; exec …'`: `RLIMIT_AS` is the limit Linux
//! enforces (it ignores `RLIMIT_RSS`), a POSIX shell sets it without `unsafe` code (which this
//! package forbids) or a new dependency, and `exec` leaves the program itself as the child, so
//! killing the child on timeout kills the program. Past the limit an allocation fails and the
//! Rust runtime aborts with "memory allocation of N bytes failed", which [`classify`] reads.

use std::ffi::OsString;
use std::fs::File;
use std::io;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The limits of one run.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Wall-clock time; the program is killed past it.
    pub time: Duration,
    /// Address space, in bytes.
    pub memory: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            time: Duration::from_secs(5),
            memory: 1 << 30,
        }
    }
}

/// What came of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Exit code 0, 1 or 2 and no panic: the program handled its input.
    Handled(i32),
    /// "panicked" in stderr; the location (`src/x.rs:1:2`) when it could be read.
    Panic(String),
    /// Killed by a signal (other than an abort on a failed allocation).
    Signal(i32),
    /// An exit code other than 0, 1 or 2.
    Exit(i32),
    /// Still running at the time limit: killed.
    Timeout,
    /// An allocation failed under the memory limit.
    MemoryLimit,
}

impl Outcome {
    /// True for a crash, hang or blow-up.
    pub fn is_finding(&self) -> bool {
        !matches!(self, Outcome::Handled(_))
    }

    /// A short kind name for file names and summaries.
    pub fn kind(&self) -> &'static str {
        match self {
            Outcome::Handled(_) => "handled",
            Outcome::Panic(_) => "panic",
            Outcome::Signal(_) => "signal",
            Outcome::Exit(_) => "exit",
            Outcome::Timeout => "timeout",
            Outcome::MemoryLimit => "memory",
        }
    }

    /// The kind with its detail: where it panicked, which signal, which exit code.
    pub fn describe(&self) -> String {
        match self {
            Outcome::Handled(code) => format!("handled (exit {code})"),
            Outcome::Panic(location) => format!("panic at {location}"),
            Outcome::Signal(signal) => format!("signal {signal}"),
            Outcome::Exit(code) => format!("exit code {code}"),
            Outcome::Timeout => "timeout".into(),
            Outcome::MemoryLimit => "memory limit".into(),
        }
    }
}

/// A finished run.
#[derive(Debug)]
pub struct Run {
    /// What came of it.
    pub outcome: Outcome,
    /// How long it took.
    pub elapsed: Duration,
    /// Its stderr (lossy UTF-8).
    pub stderr: String,
}

/// Runs `program args…` in `cwd` with `env`, stdout discarded and stderr written to
/// `stderr_file`, under `limits`.
pub fn run(
    program: &Path,
    args: &[OsString],
    cwd: &Path,
    env: &[(&str, &Path)],
    stderr_file: &Path,
    limits: Limits,
) -> io::Result<Run> {
    let kibibytes = (limits.memory / 1024).max(1).to_string();
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("ulimit -v \"$1\" || exit 125; shift; exec \"$@\"")
        .arg("sh")
        .arg(kibibytes)
        .arg(program)
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        // With RUST_BACKTRACE set, panics the tool recovers from (inside the diagram engine)
        // are printed too, and would read as crashes.
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(File::create(stderr_file)?);
    for (key, value) in env {
        command.env(key, value);
    }
    let start = Instant::now();
    let mut child = command.spawn()?;
    let mut pause = Duration::from_millis(1);
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if start.elapsed() >= limits.time {
            // Already gone is fine: it exited between the two calls.
            let _ = child.kill();
            child.wait()?;
            break None;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    };
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&std::fs::read(stderr_file)?).into_owned();
    let outcome = match status {
        None => Outcome::Timeout,
        Some(status) => classify(status.code(), status.signal(), &stderr),
    };
    Ok(Run {
        outcome,
        elapsed,
        stderr,
    })
}

/// The outcome of a run that ended with `code` or `signal` and wrote `stderr`.
pub fn classify(code: Option<i32>, signal: Option<i32>, stderr: &str) -> Outcome {
    let out_of_memory = [
        "memory allocation of",
        "Cannot allocate memory",
        "out of memory",
    ]
    .iter()
    .any(|needle| stderr.contains(needle));
    if out_of_memory {
        return Outcome::MemoryLimit;
    }
    if let Some(at) = stderr.find("panicked at ") {
        let rest = &stderr[at + "panicked at ".len()..];
        let line = rest.lines().next().unwrap_or_default();
        return Outcome::Panic(line.trim_end_matches(':').to_string());
    }
    match (code, signal) {
        (Some(code @ 0..=2), _) => Outcome::Handled(code),
        (Some(code), _) => Outcome::Exit(code),
        (None, Some(signal)) => Outcome::Signal(signal),
        (None, None) => Outcome::Exit(-1),
    }
}
