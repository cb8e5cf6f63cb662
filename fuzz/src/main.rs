//! `episode-fuzz`: runs the fuzzing harness of `tests/fuzz/` for a given time, per target or
//! all, against the release binary of `episode`, and prints executions per target and the
//! findings at the end.
//!
//! ```text
//! cargo run --release --manifest-path fuzz/Cargo.toml -- --target markdown --seconds 600
//! cargo run --release --manifest-path fuzz/Cargo.toml -- --seed 42 --target mermaid --case 17
//! ```
//!
//! Unless `--binary` is given it first runs `cargo build --release --bin episode` on the
//! repository, so the binary under test is the current code.

#[path = "../../tests/fuzz/mod.rs"]
mod harness;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use harness::campaign::{self, Budget, Config};
use harness::run::Limits;
use harness::target::Target;

const USAGE: &str = "\
usage: episode-fuzz [OPTIONS]

  --target NAME    a target, or `all` (default); repeat or separate by commas:
                   front-matter, legacy-header, markdown, recommendations, mermaid, book
  --seconds N      run for N seconds in all, shared by the targets (default 60)
  --cases N        run cases 0..N of each target instead of a time
  --case N         run case N only (replay a finding: give its --seed and --target)
  --seed N         campaign seed (default: from the clock; always printed)
  --timeout S      wall-clock limit of each run in seconds (default 5)
  --memory MIB     address-space limit of each run in MiB (default 1024)
  --minimise S     seconds spent minimising each new finding (default 30; 0: off)
  --binary PATH    the episode binary (default: build the release binary first)
  --findings DIR   where findings are saved (default: <target dir>/fuzz-findings)
  -h, --help       this help

Exit code: 0 no findings, 1 findings, 2 the harness failed.";

struct Options {
    targets: Vec<Target>,
    budget: Budget,
    seed: u64,
    limits: Limits,
    minimise_for: Duration,
    binary: Option<PathBuf>,
    findings: Option<PathBuf>,
}

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match fuzz(options) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Runs the campaign; true when nothing was found.
fn fuzz(options: Options) -> Result<bool, String> {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("no repository above fuzz/")?
        .to_path_buf();
    let binary = match options.binary {
        Some(binary) => binary,
        None => build_release(&repository)?,
    };
    let findings = options.findings.unwrap_or_else(|| {
        binary
            .parent()
            .and_then(Path::parent)
            .map_or_else(|| repository.join("target"), Path::to_path_buf)
            .join("fuzz-findings")
    });
    let seeds = harness::seeds::load(&repository).map_err(|e| format!("reading seeds: {e}"))?;
    let config = Config {
        binary,
        targets: options.targets,
        seed: options.seed,
        budget: options.budget,
        limits: options.limits,
        findings,
        minimise_for: options.minimise_for,
        verbose: true,
    };
    eprintln!(
        "fuzzing {} with seed {} (findings go to {})",
        config.binary.display(),
        config.seed,
        config.findings.display()
    );
    let report = campaign::run(&config, &seeds).map_err(|e| format!("fuzzing: {e}"))?;
    println!("{}", report.summary(config.seed));
    Ok(report.findings.is_empty())
}

/// Builds the release binary of the repository; returns its path.
fn build_release(repository: &Path) -> Result<PathBuf, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "build",
            "--release",
            "--bin",
            "episode",
            "--message-format=json-render-diagnostics",
            "--manifest-path",
        ])
        .arg(repository.join("Cargo.toml"))
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("running cargo: {e}"))?;
    if !output.status.success() {
        return Err("cargo build --release failed".into());
    }
    // Each artifact is one JSON line; the binary's has `"executable":"<path>"`.
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .lines()
        .filter_map(|line| line.split("\"executable\":\"").nth(1))
        .filter_map(|rest| rest.split('"').next())
        .map(|path| PathBuf::from(path.replace("\\\\", "\\")))
        .find(|path| path.file_name().is_some_and(|name| name == "episode"))
        .ok_or_else(|| "cargo build did not report the episode binary".into())
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut options = Options {
        targets: Vec::new(),
        budget: Budget::Time(Duration::from_secs(60)),
        seed: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos() as u64 % 1_000_000_000),
        limits: Limits::default(),
        minimise_for: Duration::from_secs(30),
        binary: None,
        findings: None,
    };
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--target" => {
                for name in value()?.split(',') {
                    if name == "all" {
                        options.targets.extend(Target::ALL);
                    } else {
                        options.targets.push(
                            Target::from_name(name)
                                .ok_or_else(|| format!("unknown target {name:?}"))?,
                        );
                    }
                }
            }
            "--seconds" => options.budget = Budget::Time(Duration::from_secs(number(&value()?)?)),
            "--cases" => options.budget = Budget::Cases(number(&value()?)?),
            "--case" => options.budget = Budget::Case(number(&value()?)?),
            "--seed" => options.seed = number(&value()?)?,
            "--timeout" => options.limits.time = Duration::from_secs(number(&value()?)?),
            "--memory" => options.limits.memory = number(&value()?)? << 20,
            "--minimise" => options.minimise_for = Duration::from_secs(number(&value()?)?),
            "--binary" => options.binary = Some(value()?.into()),
            "--findings" => options.findings = Some(value()?.into()),
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    if options.targets.is_empty() {
        options.targets.extend(Target::ALL);
    }
    options.targets.dedup();
    Ok(Some(options))
}

fn number(text: &str) -> Result<u64, String> {
    text.parse()
        .map_err(|_| format!("{text:?} is not a whole number"))
}
