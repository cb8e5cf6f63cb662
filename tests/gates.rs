//! The content gates (`min_words`, `min_code_samples`, `min_code_samples_per_language`,
//! `min_tests`) on small file-layout courses: each gate met and unmet, the per-series
//! override, the content table of `--coverage` in the terminal and in JSON, and the site's
//! coverage page.

use crate::support::{Course, Output, fragment};

/// Gates for every series, and lower ones for `advanced`.
const BOOK: &str = "title = \"Gates\"\n\n[lint]\nmin_words = 40\nmin_code_samples = 4\nmin_code_samples_per_language = { py = 2, java = 1, go = 1 }\nmin_tests = 2\n\n[[lint.series]]\nslug = \"advanced\"\nmin_words = 10\nmin_code_samples_per_language = { rust = 1 }\nmin_tests = 0\n";

/// Meets every course-wide gate: 47 words, 4 samples (python 2, java 1, go 1), 2 tests.
const FULL: &str = "---\nsummary: Front matter words are not counted at all here.\n---\n# Episode 1: Queues Under Load\n\nA queue absorbs bursts; when arrivals outpace service for long, it grows without bound and\nlatency follows. Little's law ties the three together: the mean number in the system equals\nthe arrival rate times the mean time each request spends inside it.\n\n```python\ndef utilisation(rate, service):\n    return rate * service\n```\n\n```python\ndef test_utilisation():\n    assert utilisation(2, 0.25) == 0.5\n```\n\n```java\nclass Queue {\n  int size() {\n    return items.size();\n  }\n}\n```\n\n```go\nfunc TestDrain(t *testing.T) {\n\tif drain(0) != 0 {\n\t\tt.Fatal(\"drain\")\n\t}\n}\n```\n";

/// Short of every gate: few words, one sample (python), a near-miss that is not a test.
const SHORT: &str = "# Episode 2: Backpressure\n\nSlow down the sender, or drop.\n\n```python\ndef testing_tools():\n    return [1, 2]\n```\n\n```text\ndef test_plain(): not code\n```\n";

fn course() -> Course {
    Course::new()
        .file("book.toml", BOOK)
        .file("episodes/01-basics/episode-01-queues.md", FULL)
        .file("episodes/01-basics/episode-02-backpressure.md", SHORT)
        .file(
            "episodes/02-advanced/episode-01-lock-free.md",
            "# Episode 1: Lock-Free Rings\n\nA ring buffer with one writer needs no lock at all.\n\n```rust\n#[test]\nfn wraps() {\n    assert_eq!(wrap(8, 8), 0);\n}\n```\n\n```js\ndescribe('ring', () => {\n  it('wraps', () => expect(wrap(8, 8)).toBe(0));\n});\n```\n\n```go\nfunc Wrap(i, n int) int {\n\treturn i % n\n}\n```\n\n```c\nint wrap(int i, int n) {\n  return i % n;\n}\n```\n",
        )
}

/// [`BOOK`] without its series entry.
fn course_wide() -> &'static str {
    BOOK.split("[[lint.series]]").next().unwrap_or(BOOK)
}

fn lint(course: &Course, args: &[&str]) -> Output {
    let mut all = vec!["lint"];
    all.extend_from_slice(args);
    course.run(&all)
}

/// The findings of the content-gate rules, one short line each.
fn gate_findings(out: &Output) -> Vec<&str> {
    out.stdout
        .lines()
        .filter(|l| {
            ["too-few-", "missing-code-sample"]
                .iter()
                .any(|rule| l.contains(rule))
        })
        .collect()
}

#[test]
fn an_episode_that_meets_every_gate_has_no_findings() {
    let c = Course::new()
        .file("book.toml", course_wide())
        .file("episodes/01-basics/episode-01-queues.md", FULL);
    let out = lint(&c, &["--format", "short"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(gate_findings(&out).is_empty(), "{}", out.stdout);
}

#[test]
fn each_unmet_gate_is_one_finding_with_found_and_wanted() {
    let out = lint(&course(), &["--format", "short"]);
    insta::assert_snapshot!(gate_findings(&out).join("\n"), @r"
    episodes/01-basics/episode-02-backpressure.md:1:1: warning[missing-code-sample]: episode 2 has 1 code sample; at least 4 required
    episodes/01-basics/episode-02-backpressure.md:1:1: warning[too-few-language-samples]: episode 2 is short of code samples in 3 languages: go 0 of 1, java 0 of 1, python 1 of 2
    episodes/01-basics/episode-02-backpressure.md:1:1: warning[too-few-tests]: episode 2 has 0 tests; at least 2 required
    episodes/01-basics/episode-02-backpressure.md:1:1: warning[too-few-words]: episode 2 has 9 words; at least 40 required
    ");
}

#[test]
fn a_series_entry_overrides_the_course_wide_gates() {
    // `advanced` asks 10 words, a rust sample and no tests: its episode (15 words, four
    // samples, one in rust) meets them, though it has no python or java.
    let out = lint(&course(), &["--format", "short"]);
    assert!(
        !out.stdout.contains("02-advanced"),
        "advanced meets its own gates:\n{}",
        out.stdout
    );
    // The same episode under the course-wide gates falls short of words and languages.
    let strict = course().file("book.toml", course_wide());
    let out = lint(&strict, &["--format", "short"]);
    let advanced: Vec<&str> = gate_findings(&out)
        .into_iter()
        .filter(|l| l.contains("02-advanced"))
        .collect();
    insta::assert_snapshot!(advanced.join("\n"), @r"
    episodes/02-advanced/episode-01-lock-free.md:1:1: warning[too-few-language-samples]: episode 1 is short of code samples in 2 languages: java 0 of 1, python 0 of 2
    episodes/02-advanced/episode-01-lock-free.md:1:1: warning[too-few-words]: episode 1 has 15 words; at least 40 required
    ");
}

#[test]
fn the_help_says_what_to_add() {
    let out = lint(&course(), &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let help = |rule: &str| {
        json["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|d| d["rule"] == rule)
            .and_then(|d| d["help"].as_str())
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        help("too-few-language-samples").starts_with("add 1 go, 1 java and 1 python"),
        "{}",
        help("too-few-language-samples")
    );
    assert!(help("too-few-words").starts_with("write 31 more words"));
    assert!(help("too-few-tests").starts_with("add 2 tests: a test file"));
    assert!(help("missing-code-sample").starts_with("add 3 code samples:"));
    assert!(
        json.get("content").is_none(),
        "content only with --coverage"
    );
}

#[test]
fn coverage_prints_the_content_table_without_recommendations() {
    let out = lint(&course(), &["--format", "short", "--coverage", "--quiet"]);
    let table = &out.stdout[out.stdout.find("Content (").expect("content table")..];
    insta::assert_snapshot!("content_table", table);
    assert!(!out.stdout.contains("Recommendation coverage"));
}

#[test]
fn coverage_truncates_long_titles_and_lists_episodes_with_no_gates() {
    let long =
        "# Episode 3: A Title So Long That It Would Push Every Column Far To The Right\n\nWords.\n";
    let c = Course::new()
        .file("book.toml", "[lint]\nmin_words = 2\n")
        .file("episodes/01-basics/episode-03-long.md", long);
    let out = lint(&c, &["--format", "short", "--coverage", "--quiet"]);
    let row = out
        .stdout
        .lines()
        .find(|l| l.starts_with("basics #3"))
        .expect("row");
    assert!(
        row.starts_with("basics #3 A Title So Long That It Would…  "),
        "{row}"
    );
    assert!(row.ends_with("met"), "{row}");
}

#[test]
fn json_coverage_adds_the_content_counts() {
    let out = lint(&course(), &["--format", "json", "--coverage"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let content = &json["content"];
    assert_eq!(
        content["gates"],
        serde_json::json!([
            "min_words",
            "min_code_samples",
            "min_code_samples_per_language",
            "min_tests"
        ])
    );
    let episodes = content["episodes"].as_array().expect("episodes");
    assert_eq!(episodes.len(), 3);
    insta::assert_snapshot!(
        "content_json_episode",
        serde_json::to_string_pretty(&episodes[1]).expect("json")
    );
    assert_eq!(content["totals"]["words"], 47 + 9 + 15);
    assert_eq!(content["totals"]["tests"], 2 + 2);
}

#[test]
fn an_unknown_language_key_is_a_config_error_at_its_place() {
    let c = course().file(
        "book.toml",
        "[lint]\nmin_words = 1\nmin_code_samples_per_language = { python = 1, cobolt = 1 }\n",
    );
    let out = lint(&c, &[]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stderr.contains("unknown language `cobolt`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("book.toml:3:47"), "{}", out.stderr);
}

#[test]
fn the_site_coverage_page_shows_the_content_table() {
    let c = course().file("book.toml", format!("{BOOK}\n[site]\ncoverage = true\n"));
    let out = c.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = c.read("site/coverage.html");
    let table = fragment(
        &html,
        "<table class=\"coverage content-table\">",
        "</table>",
    );
    assert!(table.contains("<caption>Words, code samples and tests per episode"));
    assert!(table.contains("<th scope=\"col\" title=\"min_words\">Words gate</th>"));
    assert!(
        table.contains("<th scope=\"row\"><a href=\"../basics/")
            || table.contains("<th scope=\"row\"><a href=\"basics/"),
        "{table}"
    );
    // Verdicts are words, not colour alone.
    assert!(table.contains(">Short by 31</span>"), "{table}");
    assert!(
        table.contains(">Short: go 1 · java 1 · python 1</span>"),
        "{table}"
    );
    assert!(table.contains(">Met</span>"), "{table}");
    assert!(
        !html.contains("Recommendation coverage"),
        "no recommendations table without recommendations"
    );
}
