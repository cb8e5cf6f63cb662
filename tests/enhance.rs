//! `episode enhancements`, and the requirements parsed from the real recommendations
//! document, pinned so that a change in understanding is a visible diff.

use crate::support::{Course, corpus, run_in};

#[test]
fn requirements_of_the_real_document_are_pinned() {
    let Some(corpus) = corpus() else { return };
    let root = corpus.to_str().expect("utf-8 path");
    let out = run_in(
        std::env::temp_dir().as_path(),
        &["--root", root, "enhancements"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("corpus_requirements", out.stdout);
}

#[test]
fn enhancements_json_lists_requirements_per_episode() {
    let course = Course::new()
        .file("episodes/01-basics/episode-01-a.md", "# Episode 1: Alpha\n")
        .file(
            "enhancements/recs.md",
            "# R\n\n## Episodes 1-1 (Basics)\n\n### Episode 1: Alpha\n\n1. **Add Request Flow:**\n```mermaid\nflowchart TB\n    subgraph Edge\n    A[Client] --> B[Gateway]\n    end\n```\n\n2. **Add Retry Helper:**\n```py\nclass Retry:\n    def backoff(self):\n        pass\n```\n",
        );
    let out = course.run(&["enhancements", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    insta::assert_snapshot!(
        "enhancements_json",
        serde_json::to_string_pretty(&json).unwrap_or_default()
    );
}

#[test]
fn regression_headings_inside_example_fences_are_not_episode_sections() {
    let course = Course::new()
        .file("episodes/01-basics/episode-01-a.md", "# Episode 1: Alpha\n")
        .file(
            "enhancements/recs.md",
            "# R\n\n## Episodes 1-2 (Basics)\n\n### Episode 1: Alpha\n\n1. **Add Notes:**\n```markdown\n### Episode 2: Not a section\n\n1. **Not an item:**\n```\n",
        );
    let out = course.run(&["enhancements"]);
    // One requirement (the example's heading and item are its fingerprint, not structure).
    assert_eq!(
        out.stdout.matches("recommended").count(),
        1,
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("not matched"), "{}", out.stdout);
}

#[test]
fn regression_a_bare_episode_number_is_settled_by_the_documents_own_series_group() {
    // Episodes 19-21 exist in two series; the document's group names the architecture one,
    // so its later "Episodes 19-21: …" docstring means those too.
    let mut course = Course::new();
    for (series, title) in [
        ("02-pattern-mastery", "Pattern"),
        ("03-architecture-deep-dives", "Deep"),
    ] {
        for n in 19..=21 {
            course = course.file(
                &format!("episodes/{series}/episode-{n}.md"),
                format!("# Episode {n}: {title} {n}\n"),
            );
        }
    }
    let course = course.file(
        "enhancements/recs.md",
        "# R\n\n## Episodes 19-21 (Architecture Deep Dives)\n\n### Episode 19: Deep 19\n\n1. **Add Numbers:**\n```markdown\n- **Requests**: 5 per second\n- **Errors**: 1%\n```\n\n## Interactive Learning Elements\n\n```python\nclass Tools:\n    def sandbox(self):\n        \"\"\"Episodes 19-21: Build mini versions\"\"\"\n```\n",
    );
    let out = course.run(&["lint", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    let targets: Vec<String> = json["recommendations"]
        .as_array()
        .expect("recommendations")
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r["episode"]["series"].as_str().unwrap_or(""),
                r["episode"]["number"]
            )
        })
        .collect();
    assert_eq!(
        targets,
        [
            "architecture-deep-dives 19",
            "architecture-deep-dives 19",
            "architecture-deep-dives 20",
            "architecture-deep-dives 21"
        ]
    );
    assert!(
        !out.stdout.contains("recommendation-target"),
        "{}",
        out.stdout
    );
}

/// A course with episode 1 in two series, so that references must say which.
fn two_series_course() -> Course {
    Course::new()
        .file(
            "episodes/01-basics/episode-01-a.md",
            "# Episode 1: Alpha Caching\n\n## Numbers\n\n- **Hit rate**: 93%\n- **p99 latency**: 41 ms\n",
        )
        .file(
            "episodes/02-advanced/episode-01-b.md",
            "# Episode 1: Beta Queues\n\n## Numbers\n\n- **Lag**: 8 ms\n- **Throughput**: 4,500 messages per second\n",
        )
}

#[test]
fn requirements_block_errors_point_at_the_line_and_column_of_the_problem() {
    let course = two_series_course().file(
        "enhancements/recs.md",
        "# Requirements\n\n```requirements\n- episode: 1\n  series: Basics\n  kind: chart\n  title: Hit rate over a day\n- episode: 1\n  series: Advanced\n  kind: metrics\n  title: Queue lag\n  owner: someone\n- episode: 1\n  series: Basics\n  kind: metrics\n  title: Hit rate\n  count: many\n```\n",
    );
    let out = course.run(&["lint", "--format", "short"]);
    insta::assert_snapshot!("requirements_block_errors", out.stdout);
}

#[test]
fn requirements_block_entries_are_requirements_of_their_kind() {
    let course = two_series_course().file(
        "enhancements/recs.md",
        "```requirements\n- episode: 1\n  series: Advanced\n  kind: metrics\n  title: Queue lag\n  covers: [Lag]\n- episode: Alpha Caching\n  kind: mermaid:sequence\n  title: Cache miss path\n```\n",
    );
    let out = course.run(&["lint", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    let got: Vec<String> = json["recommendations"]
        .as_array()
        .expect("recommendations")
        .iter()
        .map(|r| {
            format!(
                "{} {} {} {}",
                r["episode"]["series"].as_str().unwrap_or(""),
                r["episode"]["number"],
                r["kind"].as_str().unwrap_or(""),
                r["verdict"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "advanced 1 metrics satisfied",
            "basics 1 mermaid:sequence missing"
        ],
        "{}",
        out.stdout
    );
}

#[test]
fn sections_that_are_not_requirements_are_listed_as_skipped_with_their_lines() {
    let course = two_series_course().file(
        "enhancements/recs.md",
        "# Review\n\n## Episode 1 (Basics): Alpha Caching\n\n**Current Strengths:**\n- Clear numbers\n\n**Recommended Enhancements:**\n1. Add a sequence diagram of a cache miss\n\n## Priorities\n\n1. Ship the diagrams first\n\n## Next Steps\n\n- Review in a week\n",
    );
    let out = course.run(&["enhancements"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("skipped_sections", out.stdout);
}

#[test]
fn a_document_with_nothing_recognisable_is_a_warning_at_its_first_line() {
    let course = two_series_course().file(
        "enhancements/notes.md",
        "# Shopping list\n\n- eggs\n- milk\n",
    );
    let out = course.run(&["lint", "--format", "short"]);
    assert_eq!(
        out.stdout.lines().next().unwrap_or(""),
        "enhancements/notes.md:1:1: warning[recommendation-unread]: no recommendation was read from this file",
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("enhancements/notes.md: 0 requirements read"),
        "{}",
        out.stdout
    );
}
