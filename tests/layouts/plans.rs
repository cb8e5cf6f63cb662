//! Plans written as one numbered list for a series: items that open with a priority tag
//! (`[P1]`), the short form `E2`, a list of episodes with the word repeated ("Episode 2 and
//! Episode 3"), "All three episodes", and ranked labels ("Nice to have:"). An item that asks
//! for a block but names no episode is reported at its line, never dropped.

use super::fixture::{self, findings, listed, of_rule};

/// The requirements the document gives, as (series, episode, kind) sorted.
fn reach(doc: &str) -> Vec<(String, u32, String)> {
    let course = fixture::course_with(&[("plan.md".to_owned(), doc.to_owned())]);
    let mut got = listed(&course.run(&["enhancements", "--format", "json"]));
    got.sort();
    got
}

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
