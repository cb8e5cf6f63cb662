//! `episode init`: a starter course that builds and lints without a finding, and a folder
//! that is not empty is never written over.

use std::path::Path;

use crate::support::{Course, run_in, run_with_cache};

/// Runs the binary in `dir` with its own diagram cache.
fn run_at(dir: &Path, args: &[&str]) -> crate::support::Output {
    let cache = tempfile::tempdir().expect("temp dir");
    run_with_cache(dir, args, cache.path())
}

#[test]
fn the_starter_course_builds_and_lints_without_a_finding() {
    let parent = tempfile::tempdir().expect("temp dir");
    let out = run_in(parent.path(), &["init", "my-course"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for listed in [
        "book.toml",
        "episodes/01-getting-started/episode-01-writing-an-episode.md",
        "enhancements/recommendations.md",
        ".gitignore",
        ".github/workflows/episode.yml",
        ".pre-commit-config.yaml",
        "cd my-course",
        "episode build",
        "episode serve",
    ] {
        assert!(out.stdout.contains(listed), "{listed} in:\n{}", out.stdout);
    }
    let course = parent.path().join("my-course");

    let build = run_at(&course, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        build.stderr.contains("— 0 errors, 0 warnings") && !build.stderr.contains("warning:"),
        "{}",
        build.stderr
    );
    let home = std::fs::read_to_string(course.join("site/index.html")).expect("home page");
    assert!(
        home.contains("My Course"),
        "the title comes from the folder"
    );

    let lint = run_at(&course, &["lint"]);
    assert_eq!(lint.code, 0, "{}{}", lint.stdout, lint.stderr);
    assert!(
        lint.stdout.contains(
            "lint: 0 errors, 0 warnings, 0 notes; recommendations: 3 satisfied, 0 partial, 0 missing"
        ),
        "{}",
        lint.stdout
    );

    let listing = run_at(&course, &["enhancements", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&listing.stdout).expect("json");
    assert_eq!(json["problems"].as_array().map(Vec::len), Some(0), "{json}");
    assert_eq!(json["documents"][0]["requirements"], 3, "{json}");
}

#[test]
fn the_workflow_lints_builds_and_deploys_to_pages() {
    let parent = tempfile::tempdir().expect("temp dir");
    assert_eq!(run_in(parent.path(), &["init", "c"]).code, 0);
    let text = std::fs::read_to_string(parent.path().join("c/.github/workflows/episode.yml"))
        .expect("workflow");
    let workflow: yaml_serde::Value = yaml_serde::from_str(&text).expect("valid YAML");
    let steps = workflow["jobs"]["check-and-build"]["steps"]
        .as_sequence()
        .expect("steps");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(runs.contains(&"episode lint --format github"), "{runs:?}");
    assert!(runs.contains(&"episode build --strict"), "{runs:?}");
    assert!(
        runs.iter()
            .any(|r| r.contains("cargo install --locked --git \"$EPISODE_GIT\"")),
        "{runs:?}"
    );
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact@"))
        })
        .expect("upload step");
    assert_eq!(upload["with"]["path"].as_str(), Some("site"));
    let deploy = &workflow["jobs"]["deploy"];
    assert_eq!(deploy["permissions"]["pages"].as_str(), Some("write"));
    assert_eq!(deploy["permissions"]["id-token"].as_str(), Some("write"));
    assert!(
        deploy["steps"][0]["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("actions/deploy-pages@"))
    );

    let hooks = std::fs::read_to_string(parent.path().join("c/.pre-commit-config.yaml"))
        .expect("pre-commit config");
    let hooks: yaml_serde::Value = yaml_serde::from_str(&hooks).expect("valid YAML");
    let hook = &hooks["repos"][0]["hooks"][0];
    assert_eq!(hooks["repos"][0]["repo"].as_str(), Some("local"));
    assert_eq!(hook["entry"].as_str(), Some("episode lint"));
    assert_eq!(hook["language"].as_str(), Some("system"));
    assert_eq!(hook["pass_filenames"].as_bool(), Some(false));
    let files = hook["files"].as_str().expect("files");
    assert!(
        files.contains("(episodes|enhancements)/") && files.contains("book\\.toml"),
        "the hook runs on episodes, enhancements and book.toml: {files}"
    );
}

#[test]
fn a_folder_that_is_not_empty_is_refused() {
    let course = Course::new().file("notes.txt", "mine");
    let out = course.run(&["init"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .starts_with("error: [ROOT] is not empty (1 item: notes.txt)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("help:") && out.stderr.contains("--force"),
        "{}",
        out.stderr
    );
    assert!(!course.path("book.toml").exists());
    assert_eq!(course.read("notes.txt"), "mine");
}

#[test]
fn a_folder_with_only_git_metadata_counts_as_empty() {
    let course = Course::new().file(".git/HEAD", "ref: refs/heads/main\n");
    let out = course.run(&["init"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(course.path("book.toml").is_file());
    assert!(course.path(".git/HEAD").is_file());
}

#[test]
fn force_adds_the_missing_files_and_keeps_the_others() {
    let course = Course::new()
        .file("book.toml", "title = \"Mine\"\n")
        .file(".gitignore", "/public/\n");
    let out = course.run(&["init", "--force"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(course.read("book.toml"), "title = \"Mine\"\n");
    assert_eq!(course.read(".gitignore"), "/public/\n");
    assert!(
        course
            .path("episodes/01-getting-started/episode-01-writing-an-episode.md")
            .is_file()
    );
    let kept = out
        .stdout
        .split("Already there, kept as they are (not overwritten):\n")
        .nth(1)
        .expect("a list of kept files");
    let kept: Vec<&str> = kept
        .lines()
        .take_while(|l| !l.is_empty())
        .map(str::trim)
        .collect();
    assert_eq!(kept, ["book.toml", ".gitignore"], "{}", out.stdout);

    let again = course.run(&["init", "--force"]);
    assert_eq!(again.code, 0);
    assert!(
        again.stdout.contains("Nothing to create"),
        "{}",
        again.stdout
    );
}
