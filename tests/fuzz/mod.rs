//! The fuzzing harness: mutates the example course and the test fixtures, runs the real
//! `episode` binary on each mutated course under a time and memory limit, and records every
//! crash, hang or blow-up as a finding.
//!
//! It is shared by two users: the smoke test in the integration suite (a handful of cases
//! per target, so the harness cannot rot) and the `fuzz/` driver at the repository root (long
//! runs, see its `main.rs`), which includes this folder by path.
//!
//! - [`target`]: what is fuzzed (front matter, legacy header, Markdown, recommendations,
//!   Mermaid, `book.toml`) and how a case is built from a seed;
//! - [`seeds`]: the seeds, read from the repository;
//! - [`mutate`]: the mutations;
//! - [`run`]: one run of the binary with limits, and its [`run::Outcome`];
//! - [`finding`]: signatures, minimisation and the findings folder;
//! - [`campaign`]: the loop over targets and cases, deterministic given a seed.

pub mod campaign;
pub mod finding;
pub mod mutate;
pub mod run;
pub mod seeds;
pub mod target;

#[cfg(test)]
mod smoke;
