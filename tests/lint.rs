//! One fixture per lint rule, each asserting the exact diagnostic (insta), plus suppression,
//! severity overrides and `--explain`.

use crate::support::{Course, Output};

/// An episode with one metrics block, one diagram and one code sample.
pub const RICH_EPISODE: &str = "# Episode 1: Edge Caching\n\n## Numbers\n\n- **Hit rate**: 93%\n- **p99 latency**: 41 ms\n\n## Diagram\n\n```mermaid\ngraph LR\n    A[Client] --> B[Edge cache]\n```\n\n## Code\n\n```python\ndef hit_rate(hits, total):\n    return hits / total\n```\n";

/// A recommendations document for episode 1 of the "Basics" series.
pub fn recommendations(items: &str) -> String {
    format!(
        "# Recommendations\n\n## Episodes 1-2 (Basics)\n\n### Episode 1: Edge Caching\n**Recommended Enhancements:**\n\n{items}"
    )
}

fn course(episode: &str) -> Course {
    Course::new()
        .file("book.toml", "title = \"T\"\n")
        .file("episodes/01-basics/episode-01-edge-caching.md", episode)
}

fn lint(course: &Course, args: &[&str]) -> Output {
    let mut all = vec!["lint"];
    all.extend_from_slice(args);
    course.run(&all)
}

#[test]
fn missing_metrics_counts_blocks_against_the_minimum() {
    let c = course("# Episode 1: Edge Caching\n\nWords only.\n")
        .file("book.toml", "[lint]\nmin_metrics = 1\n");
    let out = lint(&c, &[]);
    assert_eq!(out.code, 0);
    insta::assert_snapshot!("missing_metrics", out.stdout);
}

#[test]
fn missing_diagram_and_code_sample_use_series_overrides() {
    let c = course("# Episode 1: Edge Caching\n\n```python\npass\n```\n").file(
        "book.toml",
        "[lint]\nmin_diagrams = 0\n\n[[lint.series]]\nslug = \"basics\"\nmin_diagrams = 1\nmin_code_samples = 1\n",
    );
    insta::assert_snapshot!(
        "missing_diagram_and_code_sample",
        lint(&c, &["--format", "short"]).stdout
    );
}

#[test]
fn missing_section_matches_heading_patterns() {
    let c = course(RICH_EPISODE).file(
        "book.toml",
        "[lint]\nrequired_sections = [\"Takeaways*\", \"*numbers\"]\n",
    );
    insta::assert_snapshot!("missing_section", lint(&c, &["--format", "short"]).stdout);
}

#[test]
fn metrics_fence_reports_each_invalid_item_at_its_line() {
    let fence = "# Episode 1: Edge Caching\n\n```metrics\ntitle: Edge\nitems:\n  - label: p99\n    value: 41 ms\n    unit: s\n  - label: \"\"\n    value: 3\n  - label: Hit rate\n    value: high\n  - label: p99\n    value: 40\n    unit: ms\n```\n";
    let out = lint(&course(fence), &["--format", "short"]);
    assert_eq!(out.code, 1);
    insta::assert_snapshot!("metrics_fence", out.stdout);
}

#[test]
fn metrics_fence_with_unknown_field_points_at_the_yaml_line() {
    let fence = "# Episode 1: Edge Caching\n\n```metrics\ntitle: Edge\nitems:\n  - label: p99\n    valeu: 41\n```\n";
    insta::assert_snapshot!(
        "metrics_fence_yaml",
        lint(&course(fence), &["--format", "short"]).stdout
    );
}

#[test]
fn recommendation_missing_quotes_the_recommendation_and_its_line() {
    let recs = recommendations(
        "1. **Add Cache Sequence:**\n```mermaid\nsequenceDiagram\n    participant Client\n    participant Cache as Edge Cache\n    Client->>Cache: GET\n```\n",
    );
    let c = course("# Episode 1: Edge Caching\n\nNo diagrams here.\n")
        .file("enhancements/recs.md", &recs);
    insta::assert_snapshot!("recommendation_missing", lint(&c, &[]).stdout);
}

#[test]
fn recommendation_partial_points_at_the_closest_block_and_lists_what_it_lacks() {
    let recs = recommendations(
        "1. **Add Edge Metrics:**\n```markdown\n### Edge Metrics\n- **Hit rate**: 93%\n- **Origin offload**: 80%\n- **Purge latency**: 4 s\n```\n",
    );
    let c = course(RICH_EPISODE).file("enhancements/recs.md", &recs);
    insta::assert_snapshot!("recommendation_partial", lint(&c, &[]).stdout);
}

#[test]
fn recommendation_target_reports_an_ambiguous_number() {
    let recs = "# Recommendations\n\n## Interactive Learning Elements\n\n```python\nclass Labs:\n    def cache_lab(self):\n        \"\"\"Episode 1: Tune the cache\"\"\"\n        return \"/labs/cache\"\n```\n";
    let c = course(RICH_EPISODE)
        .file("episodes/02-advanced/episode-01-more.md", RICH_EPISODE)
        .file("enhancements/recs.md", recs);
    insta::assert_snapshot!(
        "recommendation_target",
        lint(&c, &["--format", "short"]).stdout
    );
}

#[test]
fn claim_unverified_when_already_includes_is_not_true() {
    let recs = "# Recommendations\n\n## Episodes 1-2 (Basics)\n\n### Episode 1: Edge Caching (Already Enhanced)\n**Already Includes:**\n- Production metrics (40k orders/min at the bookshop)\n- Architecture diagrams with Mermaid\n";
    let c = course(RICH_EPISODE).file("enhancements/recs.md", recs);
    insta::assert_snapshot!("claim_unverified", lint(&c, &["--format", "short"]).stdout);
}

#[test]
fn unknown_rule_in_a_suppression_is_reported() {
    let c = course(&format!(
        "{RICH_EPISODE}\n<!-- episode-lint: allow missing-metric -->\n"
    ));
    insta::assert_snapshot!("unknown_rule", lint(&c, &["--format", "short"]).stdout);
}

#[test]
fn inline_and_front_matter_suppressions_silence_their_rules() {
    let book = "[lint]\nmin_metrics = 1\nmin_diagrams = 1\n";
    let inline = course("# Episode 1: Edge Caching\n\n<!-- episode-lint: allow missing-metrics, missing-diagram -->\n").file("book.toml", book);
    assert_eq!(
        lint(&inline, &["--format", "short"]).stdout,
        "lint: 0 errors, 0 warnings, 0 notes\n"
    );
    let front = course(
        "---\nlint_allow: [missing-metrics, missing-diagram]\n---\n# Episode 1: Edge Caching\n",
    )
    .file("book.toml", book);
    assert_eq!(
        lint(&front, &["--format", "short"]).stdout,
        "lint: 0 errors, 0 warnings, 0 notes\n"
    );
}

#[test]
fn regression_a_suppression_comment_spanning_lines_silences_its_rules() {
    let book = "[lint]\nmin_metrics = 1\nmin_diagrams = 1\n";
    let c = course(
        "# Episode 1: Edge Caching\n\n<!--\n  episode-lint: allow missing-metrics,\n  missing-diagram\n-->\n\nText.\n",
    )
    .file("book.toml", book);
    assert_eq!(
        lint(&c, &["--format", "short"]).stdout,
        "lint: 0 errors, 0 warnings, 0 notes\n"
    );
    let unknown =
        course("# Episode 1: Edge Caching\n\n<!--\nepisode-lint: allow no-such-rule\n-->\n");
    let out = lint(&unknown, &["--format", "short"]).stdout;
    assert!(
        out.contains("episode-01-edge-caching.md:4:21: warning[unknown-rule]"),
        "the unknown code is pointed at where it is written: {out}"
    );
}

#[test]
fn regression_suppression_inside_a_code_fence_is_only_code() {
    let c = course(
        "# Episode 1: Edge Caching\n\n```html\n<!-- episode-lint: allow missing-metrics -->\n```\n",
    )
    .file("book.toml", "[lint]\nmin_metrics = 1\n");
    assert!(
        lint(&c, &["--format", "short"])
            .stdout
            .contains("missing-metrics")
    );
}

#[test]
fn severity_overrides_raise_lower_and_turn_off_rules() {
    let c = course("# Episode 1: Edge Caching\n").file(
        "book.toml",
        "[lint]\nmin_metrics = 1\nmin_diagrams = 1\n\n[lint.severity]\nmissing-metrics = \"error\"\nmissing-diagram = \"off\"\n",
    );
    let out = lint(&c, &["--format", "short"]);
    assert_eq!(out.code, 1);
    insta::assert_snapshot!("severity_overrides", out.stdout);
}

#[test]
fn regression_build_honours_severity_overrides_and_suppressions_like_lint() {
    let klingon = "# Episode 1: Edge Caching\n\n```klingon\nqapla'\n```\n";
    let plain = course(klingon);
    assert!(
        plain
            .run(&["build", "--verbose"])
            .stderr
            .contains("warning[unknown-language]"),
        "without an override the render finding is reported"
    );
    let off = course(klingon).file(
        "book.toml",
        "title = \"T\"\n\n[lint.severity]\nunknown-language = \"off\"\n",
    );
    let linted = lint(&off, &["--format", "short"]);
    assert!(
        !linted.stdout.contains("unknown-language"),
        "{}",
        linted.stdout
    );
    let built = off.run(&["build", "--verbose"]);
    assert!(
        !built.stderr.contains("unknown-language"),
        "{}",
        built.stderr
    );
    let raised = course(klingon).file(
        "book.toml",
        "title = \"T\"\n\n[lint.severity]\nunknown-language = \"error\"\n",
    );
    let strict = raised.run(&["build", "--strict"]);
    assert!(
        strict.stderr.contains("error[unknown-language]"),
        "{}",
        strict.stderr
    );
    assert_eq!(strict.code, 1);
    let allowed = course(&format!(
        "{klingon}\n<!-- episode-lint: allow unknown-language -->\n"
    ));
    let built = allowed.run(&["build", "--verbose"]);
    assert_eq!(built.code, 0);
    assert!(
        !built.stderr.contains("unknown-language"),
        "{}",
        built.stderr
    );
}

#[test]
fn deny_warnings_makes_warnings_fail() {
    let c = course("# Episode 1: Edge Caching\n").file("book.toml", "[lint]\nmin_metrics = 1\n");
    assert_eq!(lint(&c, &[]).code, 0);
    let denied = lint(&c, &["--deny", "warnings", "--format", "short"]);
    assert_eq!(denied.code, 1);
    assert!(
        denied.stdout.contains("error[missing-metrics]"),
        "{}",
        denied.stdout
    );
}

#[test]
fn explain_prints_a_rule_and_lists_all_rules() {
    let out = crate::support::run_in(
        std::env::temp_dir().as_path(),
        &["lint", "--explain", "missing-metrics"],
    );
    assert_eq!(out.code, 0);
    insta::assert_snapshot!("explain_missing_metrics", out.stdout);
    let all = crate::support::run_in(std::env::temp_dir().as_path(), &["lint", "--explain"]);
    assert!(all.stdout.lines().count() >= 18 && all.stdout.contains("recommendation-partial"));
    let unknown = crate::support::run_in(
        std::env::temp_dir().as_path(),
        &["lint", "--explain", "nope"],
    );
    assert_eq!(unknown.code, 2);
}

#[test]
fn regression_no_break_space_and_ohm_sign_in_the_title_do_not_crash_lint() {
    let c = course("# Episode\u{a0}4: Caching \u{2126}\n\nWords about caching.\n");
    let out = lint(&c, &["--format", "short"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        out.stdout, "lint: 0 errors, 0 warnings, 0 notes\n",
        "{}",
        out.stderr
    );
}

#[test]
fn regression_stray_bold_colon_before_a_metrics_list_does_not_crash_lint() {
    let c = course("# Episode 1: Edge Caching\n\n**:\n- **Latency**: 12 ms\n- **Errors**: 0.1%\n")
        .file("book.toml", "[lint]\nmin_metrics = 1\n");
    let out = lint(&c, &["--format", "short"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        out.stdout, "lint: 0 errors, 0 warnings, 0 notes\n",
        "the list is a metrics block: {}",
        out.stderr
    );
}

#[test]
fn metrics_fence_findings_point_at_the_items_own_value_wherever_the_yaml_is_indented() {
    // A `value:` line inside a block scalar is text, not the item's value; a YAML document
    // indented as a whole, and quoted keys, still have items with lines.
    let fence = "# Episode 1: Edge Caching\n\n```metrics\nitems:\n  - label: a\n    note: |\n      value: 12\n    value: none\n```\n\n```metrics\n  title: T\n  items:\n    - label: b\n      value: none\n```\n\n```metrics\ntitle: T\n\"items\":\n  - label: c\n    \"value\": none\n```\n";
    let out = lint(&course(fence), &["--format", "short"]);
    let lines: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("metrics-fence"))
        .collect();
    assert_eq!(lines.len(), 3, "{}", out.stdout);
    for (line, at) in lines.iter().zip(["8:12:", "15:14:", "22:14:"]) {
        assert!(line.contains(&format!(".md:{at}")), "{line} not at {at}");
    }
}
