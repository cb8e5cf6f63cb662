//! Output to a reader that went away (`episode lint | head -1`, `2>` into a closed pipe): the
//! run ends quietly, with the exit code of what it found, never a panic.

use std::io::Read;
use std::process::{Command, Stdio};

use crate::support::Course;

/// Which standard stream the reader closes before the binary writes to it.
#[derive(Clone, Copy)]
enum Closed {
    Stdout,
    Stderr,
}

/// Runs `episode --root <course> <args>` with `closed` a pipe whose reader is gone; returns
/// the exit code and what the other stream received.
fn run_into_closed_pipe(course: &Course, args: &[&str], closed: Closed) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_episode"))
        .arg("--root")
        .arg(course.root())
        .args(args)
        .env("NO_COLOR", "1")
        .env("EPISODE_CACHE_DIR", course.cache_dir())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run episode");
    let other: Option<Box<dyn Read>> = match closed {
        Closed::Stdout => {
            drop(child.stdout.take());
            child
                .stderr
                .take()
                .map(|pipe| Box::new(pipe) as Box<dyn Read>)
        }
        Closed::Stderr => {
            drop(child.stderr.take());
            child
                .stdout
                .take()
                .map(|pipe| Box::new(pipe) as Box<dyn Read>)
        }
    };
    let mut received = String::new();
    if let Some(mut other) = other {
        other.read_to_string(&mut received).expect("read");
    }
    let status = child.wait().expect("wait");
    (status.code().unwrap_or(-1), received)
}

/// A course with a finding in every episode, so lint has a long report to print.
fn course_with_findings() -> Course {
    let mut course = Course::minimal();
    for n in 2..=30 {
        course = course.file(
            &format!("episodes/01-basics/episode-{n:02}-more.md"),
            format!("# Episode {n}: More\n\n```klingon\nqapla\n```\n"),
        );
    }
    course
}

#[test]
fn regression_lint_into_a_closed_pipe_does_not_panic() {
    let course = course_with_findings();
    for format in ["human", "short", "json", "sarif", "github", "junit"] {
        let (code, stderr) =
            run_into_closed_pipe(&course, &["lint", "--format", format], Closed::Stdout);
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert!(stderr.is_empty(), "{format}: {stderr}");
        assert_eq!(code, 0, "{format}: a closed pipe is not a failure");
    }
}

#[test]
fn regression_a_closed_pipe_keeps_the_exit_code_of_the_findings() {
    let course = course_with_findings();
    let (code, stderr) =
        run_into_closed_pipe(&course, &["lint", "--deny", "warnings"], Closed::Stdout);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn regression_enhancements_explain_and_completions_into_a_closed_pipe_do_not_panic() {
    let course = course_with_findings();
    for args in [
        &["enhancements", "--format", "json"][..],
        &["enhancements"],
        &["lint", "--explain"],
        &["completions", "bash"],
        &["--help"],
    ] {
        let (code, stderr) = run_into_closed_pipe(&course, args, Closed::Stdout);
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
        assert_eq!(code, 0, "{args:?}");
    }
}

#[test]
fn regression_build_with_stderr_closed_still_writes_the_site() {
    let course = course_with_findings();
    let (code, _) = run_into_closed_pipe(&course, &["build", "--verbose"], Closed::Stderr);
    assert_eq!(code, 0);
    assert!(course.path("site/index.html").is_file());
}

#[test]
fn regression_lint_with_stderr_closed_does_not_panic() {
    let course = course_with_findings();
    let (code, stdout) = run_into_closed_pipe(&course, &["lint", "--verbose"], Closed::Stderr);
    assert_eq!(code, 0);
    assert!(stdout.contains("warning[unknown-language]"), "{stdout}");
}

#[test]
fn an_error_about_the_course_is_still_reported_when_stdout_is_closed() {
    let course = Course::new().file("notes.txt", "hello");
    let (code, stderr) = run_into_closed_pipe(&course, &["lint"], Closed::Stdout);
    assert_eq!(code, 2);
    assert!(stderr.starts_with("error: "), "{stderr}");
}
