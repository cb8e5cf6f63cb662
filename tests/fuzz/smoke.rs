//! The fuzzing harness in the normal test suite: a few cases per target on the debug binary
//! (so the harness cannot rot and a regression on these cases fails the suite), and checks of
//! the parts a long run relies on: replayable cases, the classifier, the limits, the minimiser.

use std::ffi::OsString;
use std::path::Path;
use std::time::Duration;

use super::campaign::{self, Budget, Config};
use super::finding;
use super::run::{self, Limits, Outcome};
use super::seeds;
use super::target::Target;

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn fuzz_smoke_run_of_every_target_finds_nothing() {
    let seeds = seeds::load(repository()).expect("seeds");
    let findings = tempfile::tempdir().expect("temp dir");
    let config = Config {
        binary: env!("CARGO_BIN_EXE_episode").into(),
        targets: Target::ALL.to_vec(),
        seed: 1,
        budget: Budget::Cases(2),
        // Generous: a debug binary on a busy machine; these cases take well under a second.
        limits: Limits {
            time: Duration::from_secs(30),
            ..Limits::default()
        },
        findings: findings.path().to_path_buf(),
        minimise_for: Duration::ZERO,
        verbose: false,
    };
    let report = campaign::run(&config, &seeds).expect("campaign");
    for target in Target::ALL {
        let ran = &report.targets[&target];
        assert_eq!((ran.cases, ran.runs), (2, 4), "{target}");
    }
    assert!(
        report.findings.is_empty(),
        "the smoke run found defects:\n{}",
        report.summary(config.seed)
    );
}

#[test]
fn fuzz_cases_are_replayable_from_their_seed() {
    let seeds = seeds::load(repository()).expect("seeds");
    for target in Target::ALL {
        assert!(!seeds.of(target).is_empty(), "no seeds for {target}");
        let first = campaign::build_case(&seeds, target, 7, 3);
        let again = campaign::build_case(&seeds, target, 7, 3);
        assert_eq!(first.file, again.file, "{target}");
        assert_eq!(first.seed_name, again.seed_name, "{target}");
        let others: Vec<Vec<u8>> = (4..8)
            .map(|index| campaign::build_case(&seeds, target, 7, index).file)
            .collect();
        assert!(others.iter().any(|other| *other != first.file), "{target}");
    }
}

#[test]
fn fuzz_seeds_cover_every_diagram_type_and_both_header_styles() {
    let seeds = seeds::load(repository()).expect("seeds");
    let diagrams: Vec<String> = seeds
        .of(Target::Mermaid)
        .iter()
        .map(|seed| String::from_utf8_lossy(&seed.region).into_owned())
        .collect();
    for keyword in [
        "block-beta",
        "quadrantChart",
        "gitGraph",
        "C4Context",
        "kanban",
    ] {
        assert!(diagrams.iter().any(|d| d.starts_with(keyword)), "{keyword}");
    }
    let header = &seeds.of(Target::LegacyHeader)[0];
    assert!(header.region.starts_with(b"# Episode "), "{}", header.name);
    let front_matter = &seeds.of(Target::FrontMatter)[0];
    assert!(
        front_matter.region.starts_with(b"---"),
        "{}",
        front_matter.name
    );
    assert!(
        front_matter.region.ends_with(b"---\n"),
        "{}",
        front_matter.name
    );
}

fn shell(script: &str, limits: Limits) -> run::Run {
    let scratch = tempfile::tempdir().expect("temp dir");
    let args: Vec<OsString> = vec!["-c".into(), script.into()];
    run::run(
        Path::new("sh"),
        &args,
        scratch.path(),
        &[],
        &scratch.path().join("stderr"),
        limits,
    )
    .expect("run sh")
}

#[test]
fn fuzz_runs_are_classified() {
    let limits = Limits::default();
    assert_eq!(shell("exit 1", limits).outcome, Outcome::Handled(1));
    assert_eq!(shell("exit 3", limits).outcome, Outcome::Exit(3));
    assert_eq!(shell("kill -SEGV $$", limits).outcome, Outcome::Signal(11));
    let panic = "echo \"thread 'main' (7) panicked at src/a.rs:1:2:\" >&2; echo boom >&2; exit 101";
    assert_eq!(
        shell(panic, limits).outcome,
        Outcome::Panic("src/a.rs:1:2".into())
    );
    let allocation = "echo 'memory allocation of 4096 bytes failed' >&2; kill -ABRT $$";
    assert_eq!(shell(allocation, limits).outcome, Outcome::MemoryLimit);
}

#[test]
fn fuzz_runs_are_limited_in_time_and_memory() {
    let quick = Limits {
        time: Duration::from_millis(200),
        memory: 512 << 20,
    };
    let hang = shell("exec sleep 20", quick);
    assert_eq!(hang.outcome, Outcome::Timeout);
    assert!(hang.elapsed < Duration::from_secs(10), "{:?}", hang.elapsed);
    let limit = shell("ulimit -v >&2", Limits::default()).stderr;
    assert_eq!(limit.trim(), (Limits::default().memory / 1024).to_string());
}

#[test]
fn fuzz_minimiser_keeps_the_failing_line() {
    let file = b"one\ntwo\nthree boom four\nfive\nsix\nseven";
    let smallest = finding::minimise(file, Duration::from_secs(10), |candidate| {
        candidate.windows(4).any(|w| w == b"boom")
    });
    assert_eq!(String::from_utf8_lossy(&smallest), "three boom four");
}

#[test]
fn fuzz_target_names_round_trip() {
    for target in Target::ALL {
        assert_eq!(Target::from_name(target.name()), Some(target));
    }
    assert_eq!(Target::from_name("markdown "), None);
}

#[test]
fn fuzz_budgets_bound_the_cases() {
    let seeds = seeds::load(repository()).expect("seeds");
    let findings = tempfile::tempdir().expect("temp dir");
    let mut config = Config {
        binary: env!("CARGO_BIN_EXE_episode").into(),
        targets: vec![Target::Book, Target::Mermaid],
        seed: 3,
        budget: Budget::Time(Duration::ZERO),
        limits: Limits {
            time: Duration::from_secs(30),
            ..Limits::default()
        },
        findings: findings.path().to_path_buf(),
        minimise_for: Duration::ZERO,
        verbose: false,
    };
    let report = campaign::run(&config, &seeds).expect("campaign");
    assert_eq!(report.targets[&Target::Book].cases, 0);
    config.budget = Budget::Case(5);
    config.targets = vec![Target::Book];
    let report = campaign::run(&config, &seeds).expect("campaign");
    assert_eq!(report.targets[&Target::Book].runs, 2);
    assert!(
        report.findings.is_empty(),
        "{}",
        report.summary(config.seed)
    );
}
