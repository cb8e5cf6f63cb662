//! A campaign: for each target, cases one after the other until its share of the time (or its
//! number of cases) is used; each case is written as a temporary course and the binary runs
//! `lint` and `build` on it.
//!
//! Case `n` of a target is a pure function of (campaign seed, target, n): its random generator
//! is seeded from the three, so `--seed S --case N` replays it without the cases before it.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use proptest::prelude::RngExt;
use proptest::test_runner::{RngAlgorithm, TestRng};

use super::finding::{self, Finding, Step};
use super::mutate::{self, Mutation};
use super::run::{self, Limits, Outcome};
use super::seeds::{CourseFile, Seeds};
use super::target::Target;

/// How much to run per target.
#[derive(Debug, Clone, Copy)]
pub enum Budget {
    /// This much time, shared equally by the targets.
    Time(Duration),
    /// This many cases per target, numbered from 0.
    Cases(u64),
    /// Case number N only (a replay).
    Case(u64),
}

/// What a campaign runs and where it writes.
#[derive(Debug, Clone)]
pub struct Config {
    /// The `episode` binary.
    pub binary: PathBuf,
    /// The targets, in order.
    pub targets: Vec<Target>,
    /// The campaign seed.
    pub seed: u64,
    /// How much to run.
    pub budget: Budget,
    /// Limits of each run.
    pub limits: Limits,
    /// Where findings are saved.
    pub findings: PathBuf,
    /// Time spent minimising each new finding (zero: not minimised).
    pub minimise_for: Duration,
    /// Print a line per new finding and per target.
    pub verbose: bool,
}

/// A case: the mutated file and the course around it.
#[derive(Debug, Clone)]
pub struct Case {
    /// The target.
    pub target: Target,
    /// Its number.
    pub index: u64,
    /// The seed file it mutates.
    pub seed_name: String,
    /// Where the mutated file goes.
    pub place: String,
    /// The mutated file.
    pub file: Vec<u8>,
    /// The rest of the course.
    pub context: Arc<Vec<CourseFile>>,
    /// The mutations applied.
    pub mutations: Vec<Mutation>,
}

impl Case {
    /// Every file of the course, the mutated one last.
    pub fn files(&self) -> Vec<CourseFile> {
        self.files_with(&self.file)
    }

    /// Every file of the course, with `file` as the mutated one.
    pub fn files_with(&self, file: &[u8]) -> Vec<CourseFile> {
        let mut files: Vec<CourseFile> = self
            .context
            .iter()
            .filter(|context| context.path != self.place)
            .cloned()
            .collect();
        files.push(CourseFile {
            path: self.place.clone(),
            bytes: file.to_vec(),
        });
        files
    }
}

/// Builds case `index` of `target` for the campaign `seed`.
pub fn build_case(seeds: &Seeds, target: Target, seed: u64, index: u64) -> Case {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..16].copy_from_slice(&target.index().to_le_bytes());
    key[16..24].copy_from_slice(&index.to_le_bytes());
    let mut rng = TestRng::from_seed(RngAlgorithm::ChaCha, &key);
    let candidates = seeds.of(target);
    let chosen = &candidates[rng.random_range(0..candidates.len())];
    let (region, mutations) = mutate::mutate(&mut rng, target, &chosen.region, seeds);
    Case {
        target,
        index,
        seed_name: chosen.name.clone(),
        place: chosen.place.clone(),
        file: chosen.assemble(&region),
        context: Arc::clone(&chosen.context),
        mutations,
    }
}

/// What happened to one target.
#[derive(Debug, Clone, Default)]
pub struct TargetReport {
    /// Cases run.
    pub cases: u64,
    /// Runs of the binary (two per case).
    pub runs: u64,
    /// Findings, counting repeats of a signature.
    pub findings: u64,
    /// Time spent.
    pub elapsed: Duration,
    /// The slowest run that finished in time.
    pub slowest: Duration,
}

/// What a campaign found.
#[derive(Debug, Default)]
pub struct Report {
    /// Per target.
    pub targets: BTreeMap<Target, TargetReport>,
    /// Each distinct finding (first occurrence), with how many cases hit it and its folder.
    pub findings: Vec<(Finding, u64, PathBuf)>,
}

impl Report {
    /// The summary printed at the end: executions per target, then each distinct finding.
    pub fn summary(&self, seed: u64) -> String {
        let mut text = format!("seed {seed}\n");
        for (target, report) in &self.targets {
            let rate = report.cases as f64 / report.elapsed.as_secs_f64().max(0.001);
            text.push_str(&format!(
                "{target:>16}: {cases} cases ({runs} runs) in {secs:.0} s ({rate:.1}/s), slowest run {slow} ms, {findings} findings\n",
                cases = report.cases,
                runs = report.runs,
                secs = report.elapsed.as_secs_f64(),
                slow = report.slowest.as_millis(),
                findings = report.findings,
            ));
        }
        if self.findings.is_empty() {
            text.push_str("no findings\n");
        }
        for (finding, count, folder) in &self.findings {
            text.push_str(&format!(
                "FINDING ×{count}: {}\n    saved in {}\n    replay: {}\n",
                finding.summary(),
                folder.display(),
                finding.replay_command()
            ));
        }
        text
    }
}

/// Runs the campaign.
pub fn run(config: &Config, seeds: &Seeds) -> io::Result<Report> {
    let mut report = Report::default();
    let share = match config.budget {
        Budget::Time(total) => total / config.targets.len().max(1) as u32,
        _ => Duration::ZERO,
    };
    for &target in &config.targets {
        if seeds.of(target).is_empty() {
            return Err(io::Error::other(format!("no seeds for target {target}")));
        }
        let started = Instant::now();
        let (first, last) = match config.budget {
            Budget::Time(_) => (0, u64::MAX),
            Budget::Cases(count) => (0, count),
            Budget::Case(index) => (index, index + 1),
        };
        let mut stats = TargetReport::default();
        let mut index = first;
        while index < last {
            if matches!(config.budget, Budget::Time(_)) && started.elapsed() >= share {
                break;
            }
            let case = build_case(seeds, target, config.seed, index);
            run_case(config, &case, &mut stats, &mut report)?;
            index += 1;
        }
        stats.elapsed = started.elapsed();
        if config.verbose {
            eprintln!(
                "{target}: {} cases in {:.0} s, {} findings",
                stats.cases,
                stats.elapsed.as_secs_f64(),
                stats.findings
            );
        }
        report.targets.insert(target, stats);
    }
    Ok(report)
}

/// Runs `lint` then `build` on one case, recording findings.
fn run_case(
    config: &Config,
    case: &Case,
    stats: &mut TargetReport,
    report: &mut Report,
) -> io::Result<()> {
    let scratch = tempfile::tempdir()?;
    write_course(&scratch.path().join("course"), &case.files())?;
    stats.cases += 1;
    for step in Step::ALL {
        let run = run_step(config, scratch.path(), step)?;
        stats.runs += 1;
        if run.outcome == Outcome::Timeout {
            stats.slowest = stats.slowest.max(config.limits.time);
        } else {
            stats.slowest = stats.slowest.max(run.elapsed);
        }
        if !run.outcome.is_finding() {
            continue;
        }
        stats.findings += 1;
        let finding = Finding {
            target: case.target,
            step,
            outcome: run.outcome.clone(),
            seed: config.seed,
            case: case.index,
            seed_name: case.seed_name.clone(),
            place: case.place.clone(),
            mutations: case.mutations.clone(),
            stderr: run.stderr,
        };
        let signature = finding.signature();
        if let Some(seen) = report
            .findings
            .iter_mut()
            .find(|(known, _, _)| known.signature() == signature)
        {
            seen.1 += 1;
            continue;
        }
        let minimised = (!config.minimise_for.is_zero())
            .then(|| minimise(config, case, step, &finding.outcome))
            .transpose()?;
        let (folder, new) = finding::save(
            &config.findings,
            &finding,
            &case.files(),
            minimised.as_deref(),
        )?;
        if config.verbose {
            let seen = if new { "" } else { " (seen in an earlier run)" };
            eprintln!(
                "FINDING {} -> {}{seen}",
                finding.summary(),
                folder.display()
            );
        }
        report.findings.push((finding, 1, folder));
    }
    Ok(())
}

/// Runs one step of the binary on the course in `scratch/course`.
fn run_step(config: &Config, scratch: &Path, step: Step) -> io::Result<run::Run> {
    let course = scratch.join("course");
    let mut args: Vec<OsString> = vec![
        "--root".into(),
        course.clone().into(),
        "--color".into(),
        "never".into(),
        step.name().into(),
    ];
    if step == Step::Build {
        args.push("--out".into());
        args.push(scratch.join("site").into());
    }
    let cache = scratch.join("cache");
    run::run(
        &config.binary,
        &args,
        scratch,
        &[("EPISODE_CACHE_DIR", &cache)],
        &scratch.join(format!("{}.stderr", step.name())),
        config.limits,
    )
}

/// The smallest version of the case's file that still gives `outcome` on `step`.
fn minimise(config: &Config, case: &Case, step: Step, outcome: &Outcome) -> io::Result<Vec<u8>> {
    let mut error = None;
    let smallest = finding::minimise(&case.file, config.minimise_for, |candidate| {
        let attempt = || -> io::Result<bool> {
            let scratch = tempfile::tempdir()?;
            write_course(&scratch.path().join("course"), &case.files_with(candidate))?;
            Ok(run_step(config, scratch.path(), step)?.outcome == *outcome)
        };
        attempt().unwrap_or_else(|e| {
            error.get_or_insert(e);
            false
        })
    });
    match error {
        Some(error) => Err(error),
        None => Ok(smallest),
    }
}

/// Writes `files` under `root`.
pub fn write_course(root: &Path, files: &[CourseFile]) -> io::Result<()> {
    for file in files {
        let path = root.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, &file.bytes)?;
    }
    Ok(())
}
