//! Plans written as one numbered list for a series: items that open with a priority tag
//! (`[P1]`), the short form `E2`, a list of episodes with the word repeated ("Episode 2 and
//! Episode 3"), "All three episodes", and ranked labels ("Nice to have:"). An item that asks
//! for a block but names no episode is reported at its line, never dropped.

use super::fixture::{self, findings, of_rule, reach};

fn row(series: &str, number: u32, kind: &str) -> (String, u32, String) {
    (series.to_owned(), number, kind.to_owned())
}

#[test]
fn a_plan_with_priority_tags_short_forms_and_lists_of_episodes_reaches_each_named_episode() {
    let doc = "# Enhancement plan: Pattern Drills\n\n1. [P1] Episodes 1 & 3 — add a metrics block with p50 and p99 latency.\n2. [P2] E2: include a Mermaid state diagram of the breaker.\n3. Episode 2 and Episode 3: a TypeScript example of a retry wrapper.\n4. [P3] All three episodes: end with a five-question quiz.\n";
    let drills = "pattern-drills";
    let mut expected = vec![
        row(drills, 1, "metrics"),
        row(drills, 3, "metrics"),
        row(drills, 2, "mermaid:state"),
        row(drills, 2, "code:typescript"),
        row(drills, 3, "code:typescript"),
        row(drills, 1, "interactive"),
        row(drills, 2, "interactive"),
        row(drills, 3, "interactive"),
    ];
    expected.sort();
    assert_eq!(reach(doc), expected);
}

#[test]
fn a_ranked_label_asks_for_its_block_and_does_not_describe_the_request_before_it() {
    let doc = "# Review\n\n## Episode 2: Circuit Breakers at Initech\n\n- A Go sample of the breaker.\n\n**Nice to have:** a state diagram of the breaker's states.\n\nBonus: a sequence diagram of one trip.\n\nNice work on the intro: the pacing is good.\n";
    assert_eq!(
        fixture::kinds_and_titles(doc),
        fixture::owned(&[
            (2, "code:go", "A Go sample of the breaker"),
            (
                2,
                "mermaid:state",
                "A state diagram of the breaker's states"
            ),
            (2, "mermaid:sequence", "A sequence diagram of one trip"),
        ])
    );
}

#[test]
fn ranked_items_and_headings_in_an_episode_section_ask_for_their_block_titled_without_the_rank() {
    let doc = "# Review\n\n## Episode 2: Circuit Breakers at Initech\n\n- Nice to have: a state diagram of the retry loop\n  - show the half-open probe\n- Optional: a Go sample of the client\n- **Bonus:** a Java sample of the breaker\n- Stretch goal: an interactive breaker simulator\n\n### Nice to have: a sequence diagram of one trip\n\n## Episode 3: Load Shedding at Hooli\n\n- **Must have:** a Go sample of the shedder and a flowchart of the decision\n";
    assert_eq!(
        fixture::kinds_and_titles(doc),
        fixture::owned(&[
            (2, "mermaid:state", "A state diagram of the retry loop"),
            (2, "code:go", "A Go sample of the client"),
            (2, "code:java", "A Java sample of the breaker"),
            (2, "interactive", "An interactive breaker simulator"),
            (2, "mermaid:sequence", "A sequence diagram of one trip"),
            (3, "code:go", "A Go sample of the shedder"),
            (3, "mermaid:flowchart", "A flowchart of the decision"),
        ])
    );
}

#[test]
fn a_ranked_item_that_judges_or_keeps_asks_for_nothing_new() {
    // A rank over praise is praise: listed as a remark, not asked for.
    let doc = "# Review\n\n## Episode 2: Circuit Breakers at Initech\n\n- Bonus: the pacing of the intro is great.\n- Add a Go sample of the breaker.\n";
    assert_eq!(
        fixture::kinds_and_titles(doc),
        fixture::owned(&[(2, "code:go", "Add a Go sample of the breaker")])
    );
}

#[test]
fn an_item_that_asks_for_a_block_but_names_no_episode_is_reported_at_its_line() {
    let doc = "# Plan\n\n1. Episode 1 of Pattern Drills: add a metrics block with the retry ratio.\n2. Q2: add a Java sample of the budget.\n3. Owner: the platform team.\n4. Everything should end with a quiz.\n";
    let course = fixture::course_with(&[("plan.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["lint", "--format", "json"]);
    let found = findings(&out);
    let unread = of_rule(&found, "recommendation-unread");
    let lines: Vec<u64> = unread.iter().map(|f| f.line).collect();
    // The Java sample (line 4) and the quiz (line 6) are requests no episode is named for;
    // the owner line asks for nothing.
    assert_eq!(lines, [4], "{found:#?}");
    assert!(
        unread[0].message.contains("2 requests (lines 4, 6)"),
        "{}",
        unread[0].message
    );
}

#[test]
fn ranked_items_that_name_their_episode_after_an_exclusion_reach_that_episode() {
    let doc = "# Plan for Pattern Drills\n\nEvery episode needs a metrics block with p50 and p99 latency, except Episode 2.\n\n- Nice to have: a state diagram of the budget in Episode 1.\n- Bonus: a Java sample in Episode 2.\n- Must have: a Go sample of the shedder in Episode 3.\n";
    let drills = "pattern-drills";
    let mut expected = vec![
        row(drills, 1, "metrics"),
        row(drills, 3, "metrics"),
        row(drills, 1, "mermaid:state"),
        row(drills, 2, "code:java"),
        row(drills, 3, "code:go"),
    ];
    expected.sort();
    assert_eq!(reach(doc), expected);
    // The exclusion is not part of what the metrics block should hold.
    let titles = fixture::kinds_and_titles(doc);
    assert!(
        titles
            .iter()
            .any(|(_, _, t)| t == "A metrics block with p50 and p99 latency"),
        "{titles:?}"
    );
}

#[test]
fn judgements_claims_and_prose_in_a_plan_ask_for_nothing() {
    let doc = "# Pattern Drills review\n\n- E1: strong opening, no changes.\n- E2 — the breaker explanation is great.\n\n## Episode 3\n\n- A Go sample of the shedder, except the retry loop which Episode 1 covers.\n\n## General observations\n\n- All three episodes already have a diagram.\n- Readers asked whether a quiz would help, but the pilot group found it distracting.\n";
    assert_eq!(
        reach(doc),
        [row("pattern-drills", 3, "code:go")],
        "only the Go sample is asked for"
    );
    let course = fixture::course_with(&[("plan.md".to_owned(), doc.to_owned())]);
    let found = findings(&course.run(&["lint", "--format", "json"]));
    assert!(
        of_rule(&found, "recommendation-unread").is_empty(),
        "{found:#?}"
    );
}

#[test]
fn all_three_episodes_below_a_series_heading_are_that_series_episodes() {
    for doc in [
        "# Course review\n\n## Pattern Drills\n\nAll three episodes: add a short quiz.\n",
        "# Course review\n\n## Pattern Drills\n\n- All three episodes: add a short quiz.\n- E2: add a Go sample of the breaker.\n",
    ] {
        let quizzes: Vec<_> = reach(doc)
            .into_iter()
            .filter(|(_, _, kind)| kind == "interactive")
            .collect();
        assert_eq!(
            quizzes,
            [
                row("pattern-drills", 1, "interactive"),
                row("pattern-drills", 2, "interactive"),
                row("pattern-drills", 3, "interactive"),
            ],
            "{doc}"
        );
    }
}
