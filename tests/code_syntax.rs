//! `code-syntax` through the binary: a broken fence is reported with a code frame at its line
//! and column in the episode, fragments and opted-out fences are quiet, and the verdicts are
//! kept in one cache file that a second run reads.

use crate::support::Course;

fn course() -> Course {
    Course::minimal().file(
        "episodes/01-basics/episode-02-samples.md",
        "# Episode 2: Samples\n\n**Duration**: 5 minutes\n\n## Code\n\n```python\ndef total(items):\n    return sum(item.price for item in items\n\nprint(total([]))\n```\n\n```java\npublic int next() {\n    return count++;\n}\n```\n\n```go fragment\nfunc {\n```\n",
    )
}

#[test]
fn a_broken_fence_is_shown_at_its_place_and_its_verdict_is_cached() {
    let course = course();
    let out = course.run(&["lint"]);
    insta::assert_snapshot!("code_syntax_fence", out.stdout);
    let cache = course.cache_dir().join("syntax-results.bin");
    assert!(cache.is_file(), "one cache file beside the diagram cache");
    let written = std::fs::read(&cache).expect("read the cache");
    let again = course.run(&["lint"]);
    assert_eq!(
        again.stdout, out.stdout,
        "the cached verdict gives the same finding"
    );
    assert_eq!(std::fs::read(&cache).expect("read the cache"), written);
}

#[test]
fn the_rule_is_explained() {
    let out = Course::minimal().run(&["lint", "--explain", "code-syntax"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("code-syntax (error by default)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("fragment"), "{}", out.stdout);
}

/// Fences in Python as written, Python with an elided line, Rust, and a shell transcript.
const HIGHLIGHTED: &str = "# Episode 3: Highlighted\n\n**Duration**: 5 minutes\n\n## Code\n\n```python\n@cache\ndef total(items: list[int]) -> int:\n    return sum(i for i in items if i > 0)  # <positive>\n```\n\n```python\ndef total(items):\n    ...\n    return 0\n```\n\n```rust\nfn main() { println!(\"{}\", 1 << 2); }\n```\n\n```bash\n$ ls -l\ntotal 0\n```\n";

#[test]
fn a_fence_the_check_parses_is_highlighted_from_that_parse_as_its_page_would() {
    let page = "site/basics/episode-03-highlighted.html";
    let file = "episodes/01-basics/episode-03-highlighted.md";
    // A cold build: the Python fence as written is highlighted from the syntax check's parse;
    // the page highlights the others (two the check reads only once changed, an elided line
    // and a transcript; one in a grammar that needs more than its own tree).
    let cold = Course::minimal().file(file, HIGHLIGHTED);
    cold.run(&["build", "-v"]).assert_code_blocks(
        "1 highlighted while checked, 3 highlighted for their page, 0 from earlier builds' cache",
    );
    // The same course whose verdicts were already known: every fence highlighted by its page.
    let checked = Course::minimal().file(file, HIGHLIGHTED);
    checked.run(&["lint"]);
    checked.run(&["build", "-v"]).assert_code_blocks(
        "0 highlighted while checked, 4 highlighted for their page, 0 from earlier builds' cache",
    );
    let html = cold.read(page);
    assert_eq!(html, checked.read(page));
    assert!(
        html.contains("<span class=\"hl-function\">total</span>"),
        "{html}"
    );
    assert!(html.contains("&lt;positive&gt;"), "{html}");
    // A warm build reads all four.
    cold.run(&["build", "-v"]).assert_code_blocks(
        "0 highlighted while checked, 0 highlighted for their page, 4 from earlier builds' cache",
    );
}
