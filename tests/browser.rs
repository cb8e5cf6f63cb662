//! The built example course in a real browser (headless Chromium, driven by
//! `tests/browser/check.mjs`): no console errors, no failed or external requests, the content
//! a reader expects, search, drawer, diagram sizes, and an axe-core accessibility audit (axe-core
//! is installed with npm on first run). Skipped when Chromium or Node is absent, except in CI.

use std::path::Path;
use std::process::Command;

use crate::support::run_in;

fn available(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether Chromium and Node are there; in CI their absence fails the test instead.
fn browser_present() -> bool {
    let present = available("chromium") && available("node");
    if !present {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium and node are required in CI for the browser tests"
        );
        eprintln!("note: chromium or node is missing; skipping a browser test");
    }
    present
}

#[test]
fn example_course_loads_cleanly_in_chromium() {
    let shots = std::env::var("EPISODE_SCREENSHOTS").ok();
    let mut flags = Vec::new();
    if let Some(dir) = &shots {
        flags.extend(["--screenshots", dir.as_str()]);
    }
    build_and_check(None, &flags);
}

#[test]
fn wide_diagrams_keep_labels_readable_on_phone_and_desktop() {
    build_and_check(Some("tests/fixtures/wide-diagrams"), &["--diagrams-only"]);
}

/// Builds a course (the example course, or a fixture folder of this repository) and runs
/// check.mjs on the site with `flags`.
fn build_and_check(fixture: Option<&str>, flags: &[&str]) {
    if !browser_present() {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    install_audit_dependencies(root);
    let dir = tempfile::tempdir().expect("temp");
    let site = dir.path().join("site");
    let course = root.join(fixture.unwrap_or("."));
    let built = run_in(
        root,
        &[
            "build",
            "--root",
            course.to_str().expect("utf-8"),
            "--out",
            site.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(built.code, 0, "{}", built.stderr);
    let out = Command::new("node")
        .arg(root.join("tests/browser/check.mjs"))
        .arg(&site)
        .args(flags)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Installs axe-core (pinned in `tests/browser/package-lock.json`) for the accessibility audit
/// when it is missing and npm is there; check.mjs says when the audit cannot run.
fn install_audit_dependencies(root: &Path) {
    let browser = root.join("tests/browser");
    if browser.join("node_modules/axe-core/axe.min.js").is_file() || !available("npm") {
        return;
    }
    eprintln!("note: installing axe-core for the accessibility audit (npm ci in tests/browser)");
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--prefix"])
        .arg(&browser)
        .status();
    if !status.is_ok_and(|s| s.success()) {
        eprintln!("note: npm ci failed; the browser test runs without the accessibility audit");
    }
}
