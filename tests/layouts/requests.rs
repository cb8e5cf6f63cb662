//! How many requests a block holds: a list item that only heads sub-items naming kinds of
//! block, a paragraph with a second "also add …" sentence, and a paragraph after a list
//! that asks for something of its own each give one requirement per request; words that
//! describe a request stay with it.

use super::fixture::{self, listed};

/// The kinds of the requirements `doc` gives episode 2 of Pattern Drills, in order.
fn kinds(doc: &str) -> Vec<String> {
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["enhancements", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    listed(&out)
        .into_iter()
        .map(|(series, number, kind)| {
            assert_eq!((series.as_str(), number), ("pattern-drills", 2));
            kind
        })
        .collect()
}

const HEADING: &str = "# Review\n\n## Episode 2 (Pattern Drills)\n\n";

#[test]
fn an_item_heading_sub_items_of_several_kinds_gives_one_requirement_each() {
    let doc = format!(
        "{HEADING}- Diagrams:\n  - A flowchart of the half-open probe\n  - A sequence diagram of the trip\n- Code samples:\n  - A Go implementation of the breaker\n  - Add a Python test of the trip threshold\n"
    );
    assert_eq!(
        kinds(&doc),
        [
            "mermaid:flowchart",
            "mermaid:sequence",
            "code:go",
            "code:python"
        ]
    );
}

#[test]
fn sub_items_that_detail_one_request_stay_one_requirement() {
    // Figures of one metrics block, the steps of one diagram, and a request whose own words
    // name the kind precisely.
    let doc = format!(
        "{HEADING}- Metrics:\n  - Trip latency: 40 ms p99\n  - Error rate when open: 0.1%\n- Add a sequence diagram of the trip:\n  - the client posts an entry\n  - the breaker fails fast while open\n- A state diagram of the breaker:\n  - a flowchart of the closed state\n  - a flowchart of the open state\n"
    );
    assert_eq!(
        kinds(&doc),
        ["metrics", "mermaid:sequence", "mermaid:state"]
    );
}

#[test]
fn a_paragraph_with_a_second_request_gives_two_requirements() {
    let doc = format!(
        "{HEADING}Add a metrics block with the trip counts. Also add a Go code sample of the breaker.\n"
    );
    assert_eq!(kinds(&doc), ["metrics", "code:go"]);
}

#[test]
fn sentences_that_describe_a_request_stay_with_it() {
    for text in [
        "Add a sequence diagram of the trip. It should show the half-open probe, e.g. after 30 s. The diagram should also name the ledger.",
        "The trip is hard to follow. Add a sequence diagram of the trip. Include the half-open probe in the diagram.",
    ] {
        assert_eq!(
            kinds(&format!("{HEADING}{text}\n")),
            ["mermaid:sequence"],
            "{text}"
        );
    }
}

#[test]
fn paragraphs_that_each_ask_for_a_block_give_one_requirement_each() {
    let doc = format!(
        "{HEADING}Add a sequence diagram of the trip.\n\nAdd a Go code sample of the breaker.\n\nThe sample should include the half-open probe.\n"
    );
    assert_eq!(kinds(&doc), ["mermaid:sequence", "code:go"]);
}

#[test]
fn declined_blocks_are_not_requirements() {
    let doc = format!(
        "{HEADING}- Don't add a class diagram: it would only repeat the code.\n- No need for a Go version of the breaker; Python is enough.\n- Don't forget to add a metrics block with the trip counts.\n"
    );
    assert_eq!(kinds(&doc), ["metrics"]);
}

#[test]
fn a_paragraph_after_a_list_that_asks_for_more_is_a_requirement_of_its_own() {
    let doc = format!(
        "{HEADING}- Add a state diagram of the breaker\n\nAdd a metrics block with the trip counts.\n\nThe state diagram matters most.\n"
    );
    assert_eq!(kinds(&doc), ["mermaid:state", "metrics"]);
    let described = format!(
        "{HEADING}- Add a sequence diagram of the trip\n\nThe diagram should include the gateway and the ledger.\n"
    );
    assert_eq!(kinds(&described), ["mermaid:sequence"]);
}

#[test]
fn a_table_row_with_a_bare_kind_takes_the_diagram_type_or_language_its_words_name() {
    let doc = "# Review\n\n| Episode | Series | Kind | Details |\n|---|---|---|---|\n| 2 | Pattern Drills | mermaid | a flowchart of the half-open probe |\n| 2 | Pattern Drills | code | a Go implementation of the breaker |\n| 2 | Pattern Drills | mermaid | the breaker's three states and the timer |\n";
    assert_eq!(kinds(doc), ["mermaid:flowchart", "code:go", "mermaid"]);
}

#[test]
fn near_misses_of_the_splits_stay_one_request_each() {
    // A request detailed by sub-items of other kinds, a paragraph that says what the sample
    // before it shows, and a label that only looks like a summary.
    let doc = format!(
        "{HEADING}- Build a breaker simulator:\n  - a code panel in Go\n  - a live diagram of the states\n\nAdd a Go code sample of the breaker.\n\nShow the half-open probe in the code.\n\nArchitecture overview: add a flowchart of the trip path.\n"
    );
    assert_eq!(kinds(&doc), ["interactive", "code:go", "mermaid:flowchart"]);
}

#[test]
fn a_ranked_table_in_an_episode_section_is_not_read_as_episode_numbers() {
    let doc = format!(
        "{HEADING}- Add a metrics block with the trip counts\n\n| Rank | Endpoint | p99 |\n|---|---|---|\n| #1 | checkout | 120 ms |\n| #2 | ledger | 80 ms |\n"
    );
    assert_eq!(kinds(&doc), ["metrics"]);
}

/// A paragraph that names an episode and lists what it needs after a label ("needs:"), or
/// writes kind labels one clause each ("metrics: …; diagram: …"), asks for each block;
/// both were dropped without a word.
#[test]
fn a_paragraph_of_needs_or_of_kind_labels_gives_one_requirement_a_block() {
    let doc = "# Feedback\n\nEp. 3 of Pattern Drills → metrics: shed rate, queue depth; diagram: a flowchart of the shed decision\n\nEpisode 1 of Pattern Drills needs: a metrics block (retry ratio), and a sequence diagram of one retry.\n";
    let got = fixture::kinds_and_titles(doc);
    let kinds: Vec<(u32, &str)> = got.iter().map(|(n, kind, _)| (*n, kind.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (1, "metrics"),
            (1, "mermaid:sequence"),
            (3, "metrics"),
            (3, "mermaid:flowchart")
        ],
        "{got:?}"
    );
}

#[test]
fn each_later_paragraph_asking_for_another_kind_is_a_request_of_its_own() {
    // Before, only the first paragraph was read: the others described it.
    let doc = format!(
        "{HEADING}Add a flowchart of the half-open probe.\n\nPlease add a Rust sample of the breaker.\n\nProduction metrics from the last outage would help too.\n\nIs there room for a short quiz at the end?\n"
    );
    assert_eq!(
        kinds(&doc),
        ["mermaid:flowchart", "code:rust", "metrics", "interactive"]
    );
}

#[test]
fn a_later_paragraph_about_the_request_before_it_describes_it() {
    // Its subject is the request: a word that points back, or a block of the same family.
    for second in [
        "It should print the p99 latency metrics.",
        "The sample should show the metrics from the last outage.",
        "This should include a diagram-friendly log line.",
    ] {
        let doc = format!("{HEADING}Add a Go sample of the breaker.\n\n{second}\n");
        assert_eq!(kinds(&doc), ["code:go"], "{second}");
    }
}

#[test]
fn blocks_of_two_kinds_joined_by_and_are_two_requests() {
    let doc = format!(
        "{HEADING}Add a flowchart of the half-open probe and a Go version of the breaker.\n\nPlease add a metrics block of trip counts as well as a state diagram of the breaker.\n\n- Add a sequence diagram of the trip and a Python sample of the threshold.\n"
    );
    assert_eq!(
        kinds(&doc),
        [
            "mermaid:flowchart",
            "code:go",
            "metrics",
            "mermaid:state",
            "mermaid:sequence",
            "code:python"
        ]
    );
    // Two parts of one block, or a block that only mentions another kind, stay one request.
    let doc = format!(
        "{HEADING}- Add a sequence diagram of the client and the breaker.\n- Add a metrics block with trip latency and error rate.\n- Add a flowchart of the probe, the breaker and a metrics pipeline.\n"
    );
    assert_eq!(kinds(&doc).len(), 3);
}

#[test]
fn an_observation_before_a_request_introduces_it() {
    for (text, kind) in [
        (
            "This episode needs more depth. Add a Java version of the breaker.",
            "code:java",
        ),
        (
            "What it lacks is evidence from production. Please add a metrics block of trips per day.",
            "metrics",
        ),
        (
            "The episode would benefit from a concrete example. Add a Go sample of the probe.",
            "code:go",
        ),
        (
            "The trip deserves a diagram. A sequence diagram of the half-open probe would make it obvious.",
            "mermaid:sequence",
        ),
    ] {
        assert_eq!(kinds(&format!("{HEADING}{text}\n")), [kind], "{text}");
    }
    // An instruction first is a request of its own.
    let doc = format!(
        "{HEADING}Add a culture section on blameless reviews. Add a Go sample of the probe.\n"
    );
    assert_eq!(kinds(&doc), ["prose:culture", "code:go"]);
}

#[test]
fn praise_that_asks_to_keep_a_block_asks_for_nothing() {
    let doc = format!(
        "{HEADING}The sequence diagram of the trip is excellent; please do not change it.\n\n- The state diagram is great, keep it as is.\n- Keep it as is; add a Go sample of the probe.\n"
    );
    assert_eq!(kinds(&doc), ["code:go"]);
}

#[test]
fn a_paragraph_adding_another_block_of_the_same_family_is_a_request_of_its_own() {
    // A verb whose object is a whole block asks anew, whatever the block before it was;
    // words about the block before describe it.
    let doc = format!(
        "{HEADING}- Add a state diagram of the breaker.\n\nAdd a flowchart of the half-open probe.\n\nAdd a Go sample of the breaker.\n\nAdd a Python sample of the probe.\n\nAdd a comment to each line of it.\n\nAdd a metrics block with the trip rate.\n\nAdd a metrics block with the recovery time.\n"
    );
    assert_eq!(
        kinds(&doc),
        [
            "mermaid:state",
            "mermaid:flowchart",
            "code:go",
            "code:python",
            "metrics",
            "metrics"
        ]
    );
}

#[test]
fn blocks_of_one_family_but_of_different_types_joined_in_a_list_item_are_two_requests() {
    // A sample in another language, a diagram of another type; not two parts of one block.
    let doc = format!(
        "{HEADING}- Add a Go sample of the breaker and a Java sample of the probe.\n- Add a sequence diagram of the trip and a state diagram of the breaker.\n- Add a Go sample of the shedder, plus a flowchart of the admission decision.\n- Add a sequence diagram of the client and the server.\n- Add a Python and a Go sample of the breaker.\n"
    );
    assert_eq!(
        kinds(&doc),
        [
            "code:go",
            "code:java",
            "mermaid:sequence",
            "mermaid:state",
            "code:go",
            "mermaid:flowchart",
            "mermaid:sequence",
            "code:python",
            "code:go"
        ]
    );
}

#[test]
fn same_for_another_episode_repeats_the_requests_just_read_for_it() {
    let doc = "# Review\n\n## Pattern Drills\n\n### Episode 1\n\n- Add a metrics block with retry rate and error budget.\n- Add a sequence diagram of a retry storm.\n\nSame for episode 3.\n\n### Episode 2\n\n- Add a Go sample of the breaker.\n- Same as above for Ep 1\n";
    let drills = |n: u32, kind: &str| ("pattern-drills".to_owned(), n, kind.to_owned());
    let got = fixture::reach(doc);
    let mut expected = vec![
        drills(1, "metrics"),
        drills(1, "mermaid:sequence"),
        drills(3, "metrics"),
        drills(3, "mermaid:sequence"),
        drills(2, "code:go"),
        drills(1, "code:go"),
    ];
    expected.sort();
    assert_eq!(got, expected);
}

#[test]
fn same_as_another_episode_copies_that_episodes_requests_here() {
    // The episode after "as" is where the requests come from; the section's episode gets them.
    let doc = "# Review\n\n## Pattern Drills\n\n### Episode 1\n\n- Add a metrics block with retry rate and error budget.\n- Add a sequence diagram of a retry storm.\n\n### Episode 2\n\n- Add a Go sample of the breaker.\n\n### Episode 3\n\nSame as Episode 1.\n";
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["enhancements", "--format", "json"]);
    let drills = |n: u32, kind: &str| ("pattern-drills".to_owned(), n, kind.to_owned());
    let mut got = listed(&out);
    got.sort();
    let mut expected = vec![
        drills(1, "metrics"),
        drills(1, "mermaid:sequence"),
        drills(2, "code:go"),
        drills(3, "metrics"),
        drills(3, "mermaid:sequence"),
    ];
    expected.sort();
    assert_eq!(got, expected, "{}", out.stdout);
    assert!(
        !out.stdout.contains("recommendation-unread"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_sentence_about_the_episode_after_a_list_is_a_request_of_its_own() {
    let doc = format!(
        "{HEADING}- Add a metrics block with trip rate.\n- Add a sequence diagram of a trip.\n\nThis episode would also benefit from a quiz.\n"
    );
    assert_eq!(kinds(&doc), ["metrics", "mermaid:sequence", "interactive"]);
    // Words about the request itself still describe it.
    let described = format!(
        "{HEADING}- Add a sequence diagram of a trip.\n\nThe diagram should show the half-open probe.\n"
    );
    assert_eq!(kinds(&described), ["mermaid:sequence"]);
}
