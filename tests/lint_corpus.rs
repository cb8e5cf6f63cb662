//! Verdicts on real content: the shared corpus and the example course, pinned. Each was
//! checked by reading the episodes (see the verdict table in the change description).

use crate::support::{corpus, run_in};

/// `episode series #n verdict kind title` per recommendation, from the JSON output.
fn verdicts(stdout: &str) -> String {
    let json: serde_json::Value = serde_json::from_str(stdout).expect("valid JSON");
    let mut out = String::new();
    for r in json["recommendations"].as_array().into_iter().flatten() {
        out.push_str(&format!(
            "{} #{} {:<9} {:<18} {}\n",
            r["episode"]["series"].as_str().unwrap_or(""),
            r["episode"]["number"],
            r["verdict"].as_str().unwrap_or(""),
            r["kind"].as_str().unwrap_or(""),
            r["title"].as_str().unwrap_or("")
        ));
    }
    out
}

#[test]
fn corpus_verdicts_are_pinned() {
    let Some(corpus) = corpus() else { return };
    let root = corpus.to_str().expect("utf-8 path");
    let out = run_in(
        std::env::temp_dir().as_path(),
        &["--root", root, "lint", "--format", "json"],
    );
    // Recommended sections are missing from the real episodes, and a missing section is an
    // error: the lint fails, as it must in a course's CI.
    assert_eq!(out.code, 1, "{}", out.stderr);
    insta::assert_snapshot!("corpus_verdicts", verdicts(&out.stdout));
}

#[test]
fn example_course_verdicts_are_pinned() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = run_in(
        std::env::temp_dir().as_path(),
        &["--root", root, "lint", "--format", "json"],
    );
    // The example course keeps some recommendations open, to show every verdict.
    assert_eq!(out.code, 1, "{}", out.stderr);
    insta::assert_snapshot!("example_verdicts", verdicts(&out.stdout));
}
