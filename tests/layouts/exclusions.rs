//! "except": a request for many episodes that leaves some out reaches the others only; an
//! exclusion the reader cannot tie to episode numbers, or one on a request for a single
//! episode, is a finding at its line, never a request that still reaches the episode left
//! out. "except" in ordinary prose changes nothing.

use super::fixture::{self, findings, of_rule, reach, rows_of as rows};
use crate::support::Output;

fn run(doc: &str) -> Output {
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    course.run(&["lint", "--format", "json"])
}

/// The 1-based line of `doc` that starts with `start`.
fn line_of(doc: &str, start: &str) -> u64 {
    doc.lines()
        .position(|l| l.starts_with(start))
        .map_or(0, |i| i as u64 + 1)
}

#[test]
fn the_episodes_after_except_are_left_out_of_a_request_for_many() {
    for (doc, series, numbers, kind) in [
        (
            "# Review\n\n## Pattern Drills\n\nAdd a metrics block to every episode in the series except Episode 3.\n",
            "pattern-drills",
            &[1, 2][..],
            "metrics",
        ),
        (
            "# Review\n\n## Case Studies\n\nAll episodes in this series except Episodes 1 and 3 need a Mermaid sequence diagram of the incident.\n",
            "case-studies",
            &[2][..],
            "mermaid:sequence",
        ),
        (
            "# Review\n\n## Pattern Drills\n\n### For all episodes in this series\n\n- Add Python code samples of the pattern (except for Episode 2)\n",
            "pattern-drills",
            &[1, 3][..],
            "code:python",
        ),
        (
            "# Review\n\n## Case Studies\n\n**For every episode in this series except Ep. 2:**\n\n- Add a culture section on blameless reviews.\n",
            "case-studies",
            &[1, 3][..],
            "prose:culture",
        ),
    ] {
        assert_eq!(reach(doc), rows(series, numbers, kind), "{doc}");
        let out = run(doc);
        assert!(
            of_rule(&findings(&out), "recommendation-unread").is_empty()
                && of_rule(&findings(&out), "recommendation-target").is_empty(),
            "{doc}\n{}",
            out.stdout
        );
    }
}

#[test]
fn an_exclusion_the_reader_cannot_tie_to_episodes_is_a_finding_at_its_line() {
    for (doc, line_start, words) in [
        (
            "# Review\n\n## Case Studies\n\nEvery episode in this series except the Hooli sports episode needs a Go code sample.\n",
            "Every episode",
            "the Hooli sports episode",
        ),
        (
            "# Review\n\n## Episode 2 (Pattern Drills)\n\n- Add a flowchart of the trip.\n- Add code samples (except for Episode 2)\n",
            "- Add code samples",
            "every episode it is for",
        ),
        (
            "# Review\n\n## Pattern Drills\n\nEvery episode in this series except Episode 7 needs a quiz.\n",
            "Every episode",
            "episode 7",
        ),
    ] {
        let out = run(doc);
        let findings = findings(&out);
        let unread = of_rule(&findings, "recommendation-unread");
        assert!(
            unread
                .iter()
                .any(|f| f.line == line_of(doc, line_start) && f.message.contains(words)),
            "{doc}\n{findings:#?}"
        );
        // The request does not reach an episode left out, nor any other, unchecked.
        let listed = reach(doc);
        assert!(
            !listed
                .iter()
                .any(|(_, _, kind)| kind.starts_with("code") || kind == "interactive"),
            "{doc}\n{listed:#?}"
        );
    }
}

#[test]
fn except_in_ordinary_prose_changes_nothing() {
    let doc = "# Review\n\n## Episode 2 (Pattern Drills)\n\n- Add a sequence diagram of every step of the trip except the half-open probe.\n- Add a metrics block with every figure except 2 of the latencies.\n\nThe pacing is fine, except that the intro runs long.\n";
    assert_eq!(
        reach(doc),
        [
            (
                "pattern-drills".to_owned(),
                2,
                "mermaid:sequence".to_owned()
            ),
            ("pattern-drills".to_owned(), 2, "metrics".to_owned()),
        ]
    );
    let out = run(doc);
    assert!(
        of_rule(&findings(&out), "recommendation-unread").is_empty(),
        "{}",
        out.stdout
    );
}
