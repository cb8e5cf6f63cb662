//! Wordings that hide a request or aim it elsewhere: "Same goes for Episode 3" and a "same"
//! for an episode the reader cannot match, a request for the next episode after a list, two
//! languages in one request ("a Python and a Go sample"), requests inside a raw HTML block,
//! and a claim followed by a request in one item. Each is read as meant, or reported at its
//! line; ordinary prose around them is left as it is.

use super::fixture::{self, Listed, findings, kinds_and_titles, of_rule, owned, reach};
use crate::support::Output;

fn lint(doc: &str) -> Output {
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    course.run(&["lint", "--format", "json"])
}

fn drills(n: u32, kind: &str) -> Listed {
    ("pattern-drills".to_owned(), n, kind.to_owned())
}

fn sorted(mut rows: Vec<Listed>) -> Vec<Listed> {
    rows.sort();
    rows
}

/// The lines of the `recommendation-unread` findings of `doc`.
fn unread_lines(doc: &str) -> Vec<u64> {
    let out = lint(doc);
    of_rule(&findings(&out), "recommendation-unread")
        .iter()
        .map(|f| f.line)
        .collect()
}

#[test]
fn same_goes_for_an_episode_repeats_the_requests_as_same_for_does() {
    for phrase in ["Same goes for Episode 3.", "The same goes for Ep 3"] {
        let doc = format!(
            "# Review\n\n## Episode 1 (Pattern Drills)\n\n- Add a sequence diagram of the retry loop.\n- Add a metrics block with the retry rate.\n\n{phrase}\n"
        );
        assert_eq!(
            reach(&doc),
            sorted(vec![
                drills(1, "mermaid:sequence"),
                drills(1, "metrics"),
                drills(3, "mermaid:sequence"),
                drills(3, "metrics"),
            ]),
            "{phrase}"
        );
    }
}

#[test]
fn same_for_words_that_match_no_episode_is_reported_with_those_words() {
    let doc = "# Review\n\n## Episode 1 (Pattern Drills)\n\n- Add a sequence diagram of the retry loop.\n\nSame for the caching one.\n\n## Episode 2 (Pattern Drills)\n\n- Add a Go code sample of the breaker.\n- Likewise for the shedding lesson\n";
    let out = lint(doc);
    let findings = findings(&out);
    let unread = of_rule(&findings, "recommendation-unread");
    let got: Vec<(u64, bool)> = unread
        .iter()
        .map(|f| (f.line, f.help.contains("Same for Episode 3")))
        .collect();
    assert_eq!(got, [(7, true), (12, true)], "{findings:#?}");
    assert!(
        unread[0].message.contains("`the caching one`"),
        "{unread:#?}"
    );
    assert!(
        unread[1].message.contains("`the shedding lesson`"),
        "{unread:#?}"
    );
    // Nothing is repeated anywhere.
    assert_eq!(
        reach(doc),
        sorted(vec![drills(1, "mermaid:sequence"), drills(2, "code:go")])
    );
}

#[test]
fn the_next_episode_after_a_list_is_a_request_for_that_episode() {
    for (line, kind) in [
        ("The next episode needs a quiz.", "interactive"),
        (
            "Next episode: add a sequence diagram of the trip.",
            "mermaid:sequence",
        ),
        (
            "In the next episode, add a Go code sample of the breaker.",
            "code:go",
        ),
    ] {
        let doc = format!(
            "# Review\n\n## Episode 1 (Pattern Drills)\n\n1. Add a flowchart of the retry loop.\n2. Add a metrics block with the retry rate.\n\n{line}\n"
        );
        assert_eq!(
            reach(&doc),
            sorted(vec![
                drills(1, "mermaid:flowchart"),
                drills(1, "metrics"),
                drills(2, kind),
            ]),
            "{line}"
        );
    }
    // Words about the last item still describe it.
    let doc = "# Review\n\n## Episode 1 (Pattern Drills)\n\n1. Add a flowchart of the retry loop.\n\nThe flowchart should end where the next episode begins.\n";
    assert_eq!(reach(doc), [drills(1, "mermaid:flowchart")]);
}

#[test]
fn a_label_for_the_next_episode_is_not_the_requests_title() {
    let doc = "# Review\n\n## Episode 1 (Pattern Drills)\n\n- Add a flowchart of the retry loop.\n\nNext episode: add a sequence diagram of the trip.\n";
    assert_eq!(
        kinds_and_titles(doc),
        owned(&[
            (1, "mermaid:flowchart", "Add a flowchart of the retry loop"),
            (2, "mermaid:sequence", "Add a sequence diagram of the trip"),
        ])
    );
}

#[test]
fn two_languages_in_one_request_are_two_requests_with_whole_titles() {
    let doc = "# Review\n\n## Episode 1 (Pattern Drills)\n\n- Add a Python and a Go sample of the retry budget.\n\n## Episode 2 (Pattern Drills)\n\nAdd a Python and a Go sample.\n";
    assert_eq!(
        kinds_and_titles(doc),
        owned(&[
            (1, "code:python", "Add a Python code sample"),
            (1, "code:go", "A Go sample of the retry budget"),
            (2, "code:python", "Add a Python code sample"),
            (2, "code:go", "A Go sample"),
        ])
    );
    // A title that names its block already is kept.
    let doc =
        "# Review\n\n## Episode 1 (Pattern Drills)\n\n- Add a Python sample and a Go sample.\n";
    assert_eq!(
        kinds_and_titles(doc),
        owned(&[
            (1, "code:python", "Add a Python sample"),
            (1, "code:go", "A Go sample"),
        ])
    );
}

#[test]
fn requests_inside_a_raw_html_block_are_reported_at_their_lines() {
    let doc = "# Review\n\n## Episode 1 (Pattern Drills)\n\n- Add a sequence diagram of the retry loop.\n\n<details>\n<summary>More ideas</summary>\n- Add a Go code sample of the retry budget.\n- The pacing is fine.\n</details>\n\n<details>\n<summary>Read as Markdown</summary>\n\n- Add a metrics block with the retry rate.\n\n</details>\n";
    assert_eq!(unread_lines(doc), [9], "{doc}");
    assert_eq!(
        reach(doc),
        sorted(vec![drills(1, "mermaid:sequence"), drills(1, "metrics")])
    );
}

#[test]
fn a_claim_then_a_request_in_one_item_gives_the_claim_and_the_request() {
    let doc = "# Review\n\n## Episode 2 (Pattern Drills)\n\n- The intro already has a diagram. Add a Go code sample of the breaker.\n- Episode 3 already has a timeline. Add a metrics block on p99 latency.\n";
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["enhancements", "--format", "json"]);
    let json = fixture::json(&out);
    let mut got = Vec::new();
    for episode in json["episodes"].as_array().into_iter().flatten() {
        for requirement in episode["requirements"].as_array().into_iter().flatten() {
            got.push(format!(
                "{} {} {}",
                episode["number"],
                requirement["origin"].as_str().unwrap_or(""),
                requirement["title"].as_str().unwrap_or("")
            ));
        }
    }
    assert_eq!(
        got,
        [
            "2 claim a diagram",
            "2 recommended Add a Go code sample of the breaker",
            "3 claim a timeline",
            "3 recommended Add a metrics block on p99 latency",
        ],
        "{}",
        out.stdout
    );
}

#[test]
fn a_sentence_about_episodes_that_asks_for_nothing_is_a_remark_and_requests_so_written_are_kept() {
    let doc = "# Review\n\n## Pattern Drills\n\n- Episode 2 and Episode 3 share a cold open; that is intentional.\n- Episode 1 covers the same outage as the case study.\n  - Add a Go sample of the budget.\n- Episode 3 needs a section on blameless postmortems.\n- Episode 2: a section on blameless postmortems\n\n### Episode 3: Add a culture section on blameless postmortems\n";
    assert_eq!(
        reach(doc),
        sorted(vec![
            drills(1, "code:go"),
            drills(2, "prose:topic"),
            drills(3, "prose:topic"),
            drills(3, "prose:culture"),
        ])
    );
    // Listed as read, and not reported as unread.
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    let listing = fixture::json(&course.run(&["enhancements", "--format", "json"]));
    let remarks: Vec<u64> = listing["documents"][0]["skipped"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["reason"] == "remarks")
        .filter_map(|s| s["line"].as_u64())
        .collect();
    assert_eq!(remarks, [5, 6]);
    assert_eq!(unread_lines(doc), Vec::<u64>::new());
}
