//! Never silent: a recommendations file the reader gets nothing from, or a section that
//! names an episode and yields no requirement, is reported; sections that are not
//! per-episode requirements (strengths, priorities, phases, …) are skipped without a word.

use super::fixture::{self, Finding, findings, listed, of_rule, rows};

/// Whether the finding tells the editor what the reader looks for.
fn says_what_is_looked_for(finding: &Finding) -> bool {
    let text = format!("{} {}", finding.message, finding.help).to_lowercase();
    text.contains("episode")
        && ["heading", "list", "table", "requirements"]
            .iter()
            .any(|w| text.contains(w))
}

#[test]
fn a_file_with_nothing_recognisable_gets_one_warning_at_its_first_line() {
    let course = fixture::course_with(&[
        (
            "shopping.md".to_owned(),
            "# Shopping list\n\n- eggs\n- 2 litres of milk\n- **bread**: 1 loaf\n- **apples**: 6\n".to_owned(),
        ),
        (
            "meeting.md".to_owned(),
            "# Team meeting, 3 March\n\nWe agreed to move the retrospective to Thursday.\n\n## Actions\n\n1. **Sam**: book a room for 10 people\n2. **Alex**: send the agenda by Wednesday\n".to_owned(),
        ),
    ]);
    let out = course.run(&["lint", "--format", "json"]);
    let findings = findings(&out);
    let unread = of_rule(&findings, "recommendation-unread");
    let mut places: Vec<(&str, u64)> = unread.iter().map(|f| (f.file.as_str(), f.line)).collect();
    places.sort_unstable();
    assert_eq!(
        places,
        [
            ("enhancements/meeting.md", 1),
            ("enhancements/shopping.md", 1)
        ],
        "{findings:#?}"
    );
    for finding in unread {
        assert_eq!(finding.severity, "warning", "{finding:#?}");
        assert!(says_what_is_looked_for(finding), "{finding:#?}");
    }
    assert!(rows(&out).is_empty(), "{}", out.stdout);
    assert_eq!(out.code, 0, "warnings only");
}

#[test]
fn a_section_that_names_an_episode_but_asks_for_nothing_is_reported_at_its_heading() {
    let doc = "# Review\n\n## Episodes 1-3 (Pattern Drills)\n\n### Episode 1: Retry Budgets at Globex\n\n1. **Add Globex Retry Budget Production Metrics:**\n```markdown\n- **Retry ratio**: 4.2% of requests\n- **Budget**: 10% of live requests\n```\n\n### Episode 2: Circuit Breakers at Initech\n\nI enjoyed this one: the pacing works and the examples land.\n";
    let heading_line = doc
        .lines()
        .position(|l| l.starts_with("### Episode 2"))
        .map(|i| i as u64 + 1);
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["lint", "--format", "json"]);
    let findings = findings(&out);
    let unread: Vec<(&str, u64)> = of_rule(&findings, "recommendation-unread")
        .iter()
        .map(|f| (f.file.as_str(), f.line))
        .collect();
    assert_eq!(
        unread,
        [("enhancements/review.md", heading_line.unwrap_or(0))],
        "{findings:#?}"
    );
    assert_eq!(
        rows(&out),
        [(
            "pattern-drills".to_owned(),
            1,
            "metrics".to_owned(),
            "satisfied".to_owned()
        )]
    );
}

#[test]
fn sections_that_are_not_per_episode_requirements_yield_nothing_and_no_warning() {
    let doc = "# Review\n\n## Episodes 1-3 (Case Studies)\n\n### Episode 2: Box Scores at Hooli Sports\n\n**Current Strengths:**\n- **Cold open**: 1 vivid scene\n- Episode 2 has the clearest diagram of the course\n\n**Recommended Enhancements:**\n\n1. **Add a Sequence Diagram of a Box-Score Cache Miss:**\n```mermaid\nsequenceDiagram\n    participant API as Stats API\n    participant Cache as Box-score cache\n    API->>Cache: lookup game\n    Cache-->>API: miss\n```\n\n## Strengths\n\n- Episode 1 (Case Studies) tells its outage well.\n\n## Priorities\n\n1. **High**: the diagram for Episode 2 (Case Studies)\n2. **Low**: everything else\n\n## Phases\n\n### Phase 1: Episodes 1-2 (Case Studies)\n\n- **Week 1**: diagrams\n- **Week 2**: metrics\n\n## Success Metrics\n\n- **Completion rate**: 70% of readers finish Episode 3 (Case Studies)\n- **Quiz score**: 80% average\n\n## Next Steps\n\n1. **Episode 3 (Case Studies)**: share these notes with its author\n\n## Summary\n\nOne addition for Episode 2 (Case Studies); Episode 1 and Episode 3 are fine as they are.\n";
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    let listed_out = course.run(&["enhancements", "--format", "json"]);
    assert_eq!(
        listed(&listed_out),
        [("case-studies".to_owned(), 2, "mermaid:sequence".to_owned())],
        "{}",
        listed_out.stdout
    );
    let out = course.run(&["lint", "--format", "json"]);
    let findings = findings(&out);
    for rule in ["recommendation-unread", "recommendation-target"] {
        assert!(of_rule(&findings, rule).is_empty(), "{findings:#?}");
    }
}

#[test]
fn a_section_that_asks_for_blocks_but_names_no_episode_is_reported_at_its_heading() {
    let doc = "# Review\n\n## Background\n\nThe drills were written before the outage series and read well.\n\n## General observations\n\n- Add a Mermaid sequence diagram of the retry flow\n- Add production metrics with p99 latency figures\n\nInclude a Python code sample of the token bucket.\n\n## Episode 2: Circuit Breakers at Initech\n\n- Add a state diagram of the breaker\n";
    let heading_line = doc
        .lines()
        .position(|l| l == "## General observations")
        .map_or(0, |i| i as u64 + 1);
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["lint", "--format", "json"]);
    let findings = findings(&out);
    let unread = of_rule(&findings, "recommendation-unread");
    assert_eq!(unread.len(), 1, "{findings:#?}");
    let finding = unread[0];
    assert_eq!(
        (finding.file.as_str(), finding.line),
        ("enhancements/review.md", heading_line)
    );
    assert!(
        finding.message.contains("3 requests") && finding.message.contains("names no episode"),
        "{finding:#?}"
    );
    assert!(finding.help.contains("Episode 3"), "{finding:#?}");
    // The episode's own section is read as before; the background section is not a request.
    let listed_out = course.run(&["enhancements", "--format", "json"]);
    assert_eq!(
        listed(&listed_out),
        [("pattern-drills".to_owned(), 2, "mermaid:state".to_owned())]
    );
}

#[test]
fn a_heading_whose_number_and_title_name_different_episodes_is_reported() {
    let doc = "# Review\n\n## Episode 2 (Pattern Drills): Load Shedding at Hooli\n\n- Add a sequence diagram of the shedding decision\n\n## Episode 1 (Pattern Drills): Retry Budgets at Globex\n\n- Add a sequence diagram of the retry budget\n\n## Episode 3 (Pattern Drills): add load shedding metrics\n\n- Add a metrics block with the shed rate\n\n## Episode 1 (Pattern Drills): Hooli load shedding comparison\n\n- Add a metrics block with the retry ratio\n";
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["lint", "--format", "json"]);
    let findings = findings(&out);
    let target = of_rule(&findings, "recommendation-target");
    assert_eq!(target.len(), 1, "{findings:#?}");
    assert_eq!(target[0].line, 5, "{findings:#?}");
    for named in ["Circuit Breakers at Initech", "Load Shedding at Hooli"] {
        assert!(target[0].message.contains(named), "{:#?}", target[0]);
    }
    let listed_out = course.run(&["enhancements", "--format", "json"]);
    let mut numbers: Vec<u32> = listed(&listed_out).iter().map(|l| l.1).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, [1, 1, 3], "{}", listed_out.stdout);
}

#[test]
fn requests_read_through_an_episode_named_below_the_heading_are_not_reported() {
    let doc = "# Review\n\n## Diagrams\n\nAdd a sequence diagram of the trip to Episode 2 (Pattern Drills).\n\nFor Episode 1 (Pattern Drills):\n\n- Add a Go port of the RetryBudget class\n\n## Episode 3 (Pattern Drills)\n\n- Add a metrics block with the shed rate\n";
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["lint", "--format", "json"]);
    let findings = findings(&out);
    assert!(
        of_rule(&findings, "recommendation-unread").is_empty(),
        "{findings:#?}"
    );
    let listed_out = course.run(&["enhancements", "--format", "json"]);
    let mut numbers: Vec<u32> = listed(&listed_out).iter().map(|l| l.1).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, [1, 2, 3], "{}", listed_out.stdout);
}

#[test]
fn requests_under_a_series_heading_or_before_any_heading_are_reported() {
    let doc = "Add a Mermaid timeline diagram of the outage.\n\n# Case Studies\n\n- Add a Python cache-warming function.\n\n## Episode 1\n\n- Add a Go idempotent-charge example.\n";
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["lint", "--format", "json"]);
    let findings = findings(&out);
    let mut places: Vec<u64> = of_rule(&findings, "recommendation-unread")
        .iter()
        .map(|f| f.line)
        .collect();
    places.sort_unstable();
    assert_eq!(places, [1, 3], "{findings:#?}");
}

#[test]
fn a_list_for_all_episodes_in_a_document_that_names_none_applies_to_the_whole_course() {
    let doc = "# Plan\n\n## For all episodes\n\n- Add a Gantt chart of the rollout.\n";
    let course = fixture::course_with(&[("plan.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["lint", "--format", "json"]);
    let verdicts = rows(&out);
    let episodes: Vec<(&str, u32)> = verdicts
        .iter()
        .map(|(series, number, _, _)| (series.as_str(), *number))
        .collect();
    assert_eq!(
        episodes,
        [
            ("case-studies", 1),
            ("case-studies", 2),
            ("case-studies", 3),
            ("pattern-drills", 1),
            ("pattern-drills", 2),
            ("pattern-drills", 3)
        ],
        "{}",
        out.stdout
    );
    assert!(
        verdicts
            .iter()
            .all(|(_, _, kind, verdict)| kind == "mermaid" && verdict != "satisfied"),
        "{verdicts:?}"
    );
    assert_eq!(out.code, 1, "a missing diagram is an error");
}

#[test]
fn requests_that_only_name_a_block_under_a_heading_that_names_no_episode_are_reported() {
    let doc = "# Notes\n\n## Sharding\n\n- A Go code sample of a consistent-hash ring.\n- A culture section on on-call rotations.\n\n## Impressions\n\n- The diagrams are clear.\n";
    let course = fixture::course_with(&[("notes.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["lint", "--format", "json"]);
    let findings = findings(&out);
    let unread: Vec<(u64, &str)> = of_rule(&findings, "recommendation-unread")
        .iter()
        .map(|f| (f.line, f.message.as_str()))
        .collect();
    assert_eq!(
        unread,
        [(
            3,
            "section \"Sharding\" holds 2 requests (lines 5, 6), but names no episode, so none is checked"
        )],
        "{findings:#?}"
    );
}

#[test]
fn a_list_for_all_episodes_beside_an_episode_that_does_not_exist_applies_to_none() {
    let doc = "# Plan\n\n## Episode 9: Missing\n\n- Add a quiz on retries.\n\n## For all episodes\n\n- Add a Gantt chart of the rollout.\n";
    let course = fixture::course_with(&[("plan.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["lint", "--format", "json"]);
    assert!(rows(&out).is_empty(), "{}", out.stdout);
    assert!(
        !of_rule(&findings(&out), "recommendation-target").is_empty(),
        "{}",
        out.stdout
    );
}

#[test]
fn a_range_that_runs_backwards_is_reported_at_its_line() {
    // Before, "Episodes 3-1" named no episode and its request went without a word.
    let doc = "# Notes\n\n- Episodes 2-3 (Case Studies): add a Go sample.\n- Episodes 3-1 (Case Studies): add a Rust sample.\n";
    let course = fixture::course_with(&[("notes.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["lint", "--format", "json"]);
    let findings = findings(&out);
    let target = of_rule(&findings, "recommendation-target");
    assert_eq!(target.len(), 1, "{findings:#?}");
    assert_eq!(target[0].line, 4);
    assert!(
        target[0].message.contains("`Episodes 3-1`") && target[0].message.contains("backwards"),
        "{}",
        target[0].message
    );
}

#[test]
fn same_for_an_episode_with_nothing_before_it_to_repeat_is_reported_at_its_line() {
    let doc = "# Review\n\n## Episode 2 (Pattern Drills)\n\nSame for Ep 2.\n";
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["lint", "--format", "json"]);
    let findings = findings(&out);
    let lines: Vec<u64> = of_rule(&findings, "recommendation-unread")
        .iter()
        .map(|f| f.line)
        .collect();
    assert!(lines.contains(&5), "{findings:#?}");
    assert!(rows(&out).is_empty(), "{}", out.stdout);
}
