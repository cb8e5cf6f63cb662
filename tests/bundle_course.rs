//! A whole course of episode folders, end to end: what `lint` finds in its scripts and code,
//! the content gates, and what `build` publishes (Code sections, copies, search, notes). The
//! course is `tests/fixtures/bundle-course`; files a repository would not hold (ignored
//! output, dependency folders, a large file) are added to a copy of it by the test.

use std::path::Path;

use crate::support::{Course, fragment, tree};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bundle-course");
const EP1: &str = "episodes/episode-001-queueing";

/// A copy of the fixture with the files a repository leaves out.
fn course() -> Course {
    let mut course = Course::new();
    for (rel, bytes) in tree(Path::new(FIXTURE)) {
        course = course.file(&rel, bytes);
    }
    course
        .file(&format!("{EP1}/code/python/run.log"), "run 1: mean 9.8\n")
        .file(
            &format!("{EP1}/code/python/__pycache__/simulate.cpython-312.pyc"),
            b"\x42\x0d\x0d\x0a\x00\x00\x00\x00".as_slice(),
        )
        .file(
            &format!("{EP1}/code/js/node_modules/left-pad/index.js"),
            "module.exports = (s) => s;\n",
        )
}

#[test]
fn lint_finds_the_syntax_error_in_a_code_file_the_short_gates_and_the_missing_script() {
    let course = course();
    let out = course.run(&["lint", "--format", "short"]);
    assert_eq!(out.code, 1, "the Java file's syntax error is an error");
    insta::assert_snapshot!("bundle_course_lint", out.stdout);
}

#[test]
fn coverage_counts_fences_and_code_files_by_language_with_tests() {
    let course = course();
    let out = course.run(&["lint", "--coverage", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let rows = json["coverage"]["content"]["episodes"]
        .as_array()
        .or_else(|| json["content"]["episodes"].as_array())
        .unwrap_or_else(|| panic!("no content rows in {}", out.stdout));
    let first = &rows[0];
    // One python fence, simulate.py and test_simulate.py; queue.go; Breaker.java; watch.js.
    // Not counted: requirements.txt, the image, run.log (ignored), the __pycache__ and
    // node_modules files.
    let languages: Vec<(String, u64)> = first["languages"]
        .as_array()
        .expect("languages")
        .iter()
        .map(|l| {
            (
                l["language"].as_str().expect("name").to_owned(),
                l["count"].as_u64().expect("count"),
            )
        })
        .collect();
    assert_eq!(
        languages,
        [
            ("go".to_owned(), 1),
            ("java".to_owned(), 1),
            ("javascript".to_owned(), 1),
            ("python".to_owned(), 3)
        ]
    );
    assert_eq!(first["code_samples"], 6);
    assert_eq!(first["tests"], 1);
    assert_eq!(first["words"], 206);
    let third = &rows[2];
    assert_eq!(third["no_script"], true, "{third}");
}

#[test]
fn build_shows_the_code_copies_it_for_download_and_indexes_it() {
    let course = course();
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let site = course.path("site");
    let page = std::fs::read_to_string(site.join("episode-001-queueing.html")).expect("page");
    let section = fragment(&page, "<section class=\"code-files\"", "</section>");
    for path in [
        "code/go/queue.go",
        "code/java/Breaker.java",
        "code/js/watch.js",
        "code/python/simulate.py",
        "code/queue-diagram.png",
        "code/requirements.txt",
        "code/tests/test_simulate.py",
    ] {
        assert!(section.contains(path), "{path} listed");
        let copy = site.join("episode-001-queueing").join(path);
        let original = course.path(&format!("{EP1}/{path}"));
        assert_eq!(
            std::fs::read(&copy).unwrap_or_default(),
            std::fs::read(&original).expect("original"),
            "{path} is copied byte for byte"
        );
    }
    for left_out in ["run.log", "__pycache__", "node_modules"] {
        assert!(
            !section.contains(left_out),
            "{left_out} is not the episode's code"
        );
    }
    assert!(
        !site
            .join("episode-001-queueing/code/python/run.log")
            .exists()
    );
    assert!(section.contains("7 files, 1 of them a test"), "{section}");
    // The notes are a page under the episode, linked from it.
    assert!(
        site.join("episode-001-queueing/research/research-notes.html")
            .is_file()
    );
    assert!(page.contains("research-notes.html"));
    // The search index holds the code files' names.
    let index: String = tree(&site.join("search"))
        .into_values()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .collect();
    assert!(
        index.contains("simulate"),
        "the search index names simulate.py"
    );
    // The folder without a script is listed as such.
    let missing = std::fs::read_to_string(site.join("episode-003-timeouts.html")).expect("page");
    assert!(missing.to_lowercase().contains("no script yet"));
}
