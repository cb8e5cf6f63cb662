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
