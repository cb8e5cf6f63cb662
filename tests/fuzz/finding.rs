//! Findings: the signature that tells two findings apart, a cheap line-based minimiser, and the
//! findings folder (one subfolder per signature, holding the course, the stderr and how to
//! replay it).

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::mutate::Mutation;
use super::run::Outcome;
use super::seeds::CourseFile;
use super::target::Target;

/// Which subcommand a run was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    /// `episode lint`.
    Lint,
    /// `episode build --out <temp>`.
    Build,
}

impl Step {
    /// Both, in the order a case runs them.
    pub const ALL: [Step; 2] = [Step::Lint, Step::Build];

    /// The subcommand.
    pub fn name(self) -> &'static str {
        match self {
            Step::Lint => "lint",
            Step::Build => "build",
        }
    }
}

/// A crash, hang or blow-up, with what is needed to replay it.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The target of the case.
    pub target: Target,
    /// The run that failed.
    pub step: Step,
    /// What came of it.
    pub outcome: Outcome,
    /// The campaign seed.
    pub seed: u64,
    /// The case number.
    pub case: u64,
    /// The seed file the case mutated.
    pub seed_name: String,
    /// Where the mutated file sits in the course.
    pub place: String,
    /// The mutations the case applied, in order.
    pub mutations: Vec<Mutation>,
    /// The stderr of the failing run.
    pub stderr: String,
}

impl Finding {
    /// Tells findings apart: same target, step and outcome (with its panic location).
    pub fn signature(&self) -> String {
        format!(
            "{}/{}/{}",
            self.target,
            self.step.name(),
            self.outcome.describe()
        )
    }

    /// The one-line summary printed when it is found.
    pub fn summary(&self) -> String {
        format!(
            "{} `episode {}`: {} (seed {}, case {}, from {})",
            self.target,
            self.step.name(),
            self.outcome.describe(),
            self.seed,
            self.case,
            self.seed_name
        )
    }

    /// The command that replays this case with the fuzz driver.
    pub fn replay_command(&self) -> String {
        format!(
            "cargo run --release --manifest-path fuzz/Cargo.toml -- --target {} --seed {} --case {}",
            self.target, self.seed, self.case
        )
    }

    /// The folder name in the findings folder: one per signature.
    pub fn folder_name(&self) -> String {
        format!(
            "{}-{}-{}-{:016x}",
            self.target,
            self.step.name(),
            self.outcome.kind(),
            fnv1a(self.signature().as_bytes())
        )
    }
}

/// Saves a finding under `findings`: `course/` (the case), `minimised.md` (when given),
/// `stderr.txt` and `replay.txt`. Returns the folder, and whether it was new (a folder of the
/// same signature from an earlier run is left as it is).
pub fn save(
    findings: &Path,
    finding: &Finding,
    files: &[CourseFile],
    minimised: Option<&[u8]>,
) -> io::Result<(PathBuf, bool)> {
    let folder = findings.join(finding.folder_name());
    if folder.exists() {
        return Ok((folder, false));
    }
    super::campaign::write_course(&folder.join("course"), files)?;
    if let Some(bytes) = minimised {
        std::fs::write(folder.join("minimised"), bytes)?;
    }
    std::fs::write(folder.join("stderr.txt"), &finding.stderr)?;
    let replay = format!(
        "{summary}\n\nThe mutated file is course/{place}{minimised}.\nMutations: {mutations:?}\n\nReplay the case:\n  {replay}\nRun the binary on it:\n  episode --root course {step}{out}\n",
        summary = finding.summary(),
        place = finding.place,
        mutations = finding.mutations,
        minimised = if minimised.is_some() {
            " (a smaller file with the same outcome is `minimised`)"
        } else {
            ""
        },
        replay = finding.replay_command(),
        step = finding.step.name(),
        out = if finding.step == Step::Build {
            " --out /tmp/site"
        } else {
            ""
        },
    );
    std::fs::write(folder.join("replay.txt"), replay)?;
    Ok((folder, true))
}

/// Removes lines (halves, quarters, … down to single lines), then shortens long lines, while
/// `still_fails` holds, until `budget` is spent. Returns the smallest failing file found.
pub fn minimise(
    file: &[u8],
    budget: Duration,
    mut still_fails: impl FnMut(&[u8]) -> bool,
) -> Vec<u8> {
    let start = Instant::now();
    let mut lines: Vec<Vec<u8>> = file.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    let mut chunk = lines.len().div_ceil(2);
    while chunk > 0 && start.elapsed() < budget {
        let mut removed_any = false;
        let mut at = 0;
        while at < lines.len() && start.elapsed() < budget {
            let end = (at + chunk).min(lines.len());
            let mut candidate = lines.clone();
            candidate.drain(at..end);
            if still_fails(&candidate.join(&b'\n')) {
                lines = candidate;
                removed_any = true;
            } else {
                at = end;
            }
        }
        if !removed_any {
            chunk /= 2;
        }
    }
    for index in 0..lines.len() {
        while lines[index].len() > 16 && start.elapsed() < budget {
            let half = char_boundary(&lines[index], lines[index].len() / 2);
            let mut candidate = lines.clone();
            candidate[index].truncate(half);
            if still_fails(&candidate.join(&b'\n')) {
                lines = candidate;
            } else {
                break;
            }
        }
    }
    lines.join(&b'\n')
}

fn char_boundary(bytes: &[u8], mut index: usize) -> usize {
    while index > 0 && index < bytes.len() && (bytes[index] & 0b1100_0000) == 0b1000_0000 {
        index -= 1;
    }
    index
}

/// FNV-1a: a hash that stays the same across Rust versions (folder names must).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
