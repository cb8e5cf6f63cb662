//! Episode references in the phrasings editors use, each in a small document over the
//! fixture course, whose numbers 1-3 exist in both series: which episode each requirement
//! targets, and the one case that is a real tie.

use super::fixture::{self, findings, listed, of_rule, rows};

const SEQUENCE: &str = "```mermaid\nsequenceDiagram\n    participant Checkout as Checkout API\n    participant Breaker as Ledger breaker\n    Checkout->>Breaker: post entry\n    Breaker-->>Checkout: fail fast while open\n```\n";

/// The (series slug, number) each requirement of `doc` targets, sorted.
fn targets(doc: &str) -> Vec<(String, u32)> {
    let course = fixture::course_with(&[("recommendations.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["enhancements", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut targets: Vec<(String, u32)> = listed(&out)
        .into_iter()
        .map(|(series, number, _)| (series, number))
        .collect();
    targets.sort();
    targets
}

fn at(series: &str, numbers: &[u32]) -> Vec<(String, u32)> {
    numbers.iter().map(|&n| (series.to_owned(), n)).collect()
}

#[test]
fn episode_n_with_a_title_is_resolved_by_the_title() {
    let doc = format!(
        "# Notes\n\n## Episode 1: The Globex Checkout Outage\n\n1. **Add a Sequence Diagram of the Retry Loop:**\n{SEQUENCE}\n## Episode 2: Circuit Breakers at Initech\n\n1. **Add a Sequence Diagram of the Trip:**\n{SEQUENCE}"
    );
    let mut expected = at("case-studies", &[1]);
    expected.extend(at("pattern-drills", &[2]));
    assert_eq!(targets(&doc), expected);
}

#[test]
fn ep_with_a_series_qualifier_without_the_word_series() {
    let doc = "# Notes\n\n- Ep 2 (Case Studies): add a sequence diagram of a box-score cache miss, between the Stats API and the box-score cache\n";
    assert_eq!(targets(doc), at("case-studies", &[2]));
}

#[test]
fn ep_dot_with_a_series_qualifier_with_the_word_series() {
    let doc = format!(
        "# Notes\n\n### Ep. 2 (Pattern Drills Series)\n\n1. **Add a Sequence Diagram of the Trip:**\n{SEQUENCE}"
    );
    assert_eq!(targets(&doc), at("pattern-drills", &[2]));
}

#[test]
fn hash_number_in_a_table_takes_the_series_from_the_heading_above() {
    let doc = "# Notes\n\n## Case Studies\n\n| # | Recommendation |\n|---|----------------|\n| #3 | Initech queue migration metrics: queue depth, consumer lag, messages per second |\n";
    assert_eq!(targets(doc), at("case-studies", &[3]));
}

#[test]
fn episode_n_of_series_in_a_paragraph() {
    let doc = format!(
        "# Memo\n\nI read the drills again. For episode 2 of Pattern Drills, I'd like to see a sequence diagram of the breaker tripping, like this:\n\n{SEQUENCE}"
    );
    assert_eq!(targets(&doc), at("pattern-drills", &[2]));
}

#[test]
fn ranges_with_a_hyphen_an_en_dash_and_to_name_each_episode() {
    for range in ["1-3", "1–3", "1 to 3"] {
        let doc = format!(
            "# Notes\n\n- Episodes {range} (Case Studies): add a \"Try it\" calculator where readers change one number and see the effect\n"
        );
        assert_eq!(
            targets(&doc),
            at("case-studies", &[1, 2, 3]),
            "Episodes {range}"
        );
    }
}

#[test]
fn an_episode_named_by_its_title_only() {
    let doc = format!(
        "# Notes\n\n## Circuit Breakers at Initech\n\n1. **Add a Sequence Diagram of the Trip:**\n{SEQUENCE}"
    );
    assert_eq!(targets(&doc), at("pattern-drills", &[2]));
}

#[test]
fn a_bare_number_under_a_series_heading_takes_that_series() {
    let doc = format!(
        "# Notes\n\n## Case Studies\n\n### Episode 2\n\n1. **Add a Sequence Diagram of a Cache Miss:**\n{SEQUENCE}"
    );
    assert_eq!(targets(&doc), at("case-studies", &[2]));
}

#[test]
fn a_number_in_both_series_without_series_or_title_is_a_tie_naming_both() {
    let doc = format!(
        "# Notes\n\n## Episode 2\n\n1. **Add a Sequence Diagram of a Cache Miss:**\n{SEQUENCE}"
    );
    let course = fixture::course_with(&[("recommendations.md".to_owned(), doc)]);
    let out = course.run(&["lint", "--format", "json"]);
    let findings = findings(&out);
    let ties = of_rule(&findings, "recommendation-target");
    assert_eq!(ties.len(), 1, "{findings:#?}");
    let tie = ties[0];
    // At the reference (line 3) or at the recommendation it leaves open (line 5).
    assert!(
        tie.file == "enhancements/recommendations.md" && matches!(tie.line, 3 | 5),
        "{tie:#?}"
    );
    for candidate in ["Pattern Drills", "Case Studies"] {
        assert!(
            tie.help.contains(candidate),
            "the help names the candidate {candidate}: {tie:#?}"
        );
    }
    assert!(rows(&out).is_empty(), "a tie is judged against no episode");
}

#[test]
fn ep_with_the_number_joined_and_a_section_number_before_the_reference() {
    let doc = "# Pattern Drills\n\n## Ep2\n\n- Add a state diagram of the breaker\n\n### 2.3 Episode 3\n\n- Add an interactive load-shedding simulator\n\n- Ep.1: add a Go port of the RetryBudget class\n";
    assert_eq!(targets(doc), at("pattern-drills", &[1, 2, 3]));
}

#[test]
fn a_parenthesis_that_is_the_episodes_title_rather_than_a_series() {
    let doc = "# Notes\n\n## Ep 2 (Circuit Breakers)\n\n- Add a state diagram of the breaker\n\n## Ep 2 (Box Scores)\n\n- Add a sequence diagram of a cache miss\n";
    let mut expected = at("case-studies", &[2]);
    expected.extend(at("pattern-drills", &[2]));
    assert_eq!(targets(doc), expected);
}

#[test]
fn a_series_named_among_a_few_other_words_in_the_title() {
    let doc = "# Review checklist — Pattern Drills\n\n## Episode 3\n\n- Add an interactive load-shedding simulator\n";
    assert_eq!(targets(doc), at("pattern-drills", &[3]));
}

#[test]
fn a_table_whose_episode_column_is_known_by_its_cells() {
    let doc = "# Case Studies\n\n| Where | Ask |\n|---|---|\n| Ep 2 | A sequence diagram of a box-score cache miss |\n| Episode 3 | Initech queue migration metrics: queue depth, consumer lag |\n";
    assert_eq!(targets(doc), at("case-studies", &[2, 3]));
}

#[test]
fn a_series_named_after_the_number_is_the_qualifier() {
    // A parent item's series reaches its sub-items; a dash works as a comma does.
    let doc = "# Notes\n\n- **Ep 2, Case Studies**\n  - Add a sequence diagram of the box-score feed\n  - Add a metrics block with p99 latency and cache hit rate\n- Episode 3 — Pattern Drills: add a Python code sample of a token-bucket shedder\n";
    let mut expected = at("case-studies", &[2, 2]);
    expected.extend(at("pattern-drills", &[3]));
    assert_eq!(targets(doc), expected);
}

#[test]
fn a_document_title_naming_a_series_with_other_words_groups_its_items() {
    // "Case Studies" alone would ask for a prose section; here it names the series.
    for title in [
        "# Enhancements for Case Studies",
        "# Case Studies: enhancement recommendations",
    ] {
        let doc = format!(
            "{title}\n\n- [ ] Ep 2: add a sequence diagram of the box-score feed\n- [ ] Ep 3: add a Go code sample of the payment queue consumer\n"
        );
        assert_eq!(targets(&doc), at("case-studies", &[2, 3]), "{title}");
    }
}

#[test]
fn an_item_labelled_with_an_episodes_title_asks_for_that_episode() {
    let doc = "# Editor notes\n\n## Pattern Drills\n\n- Load Shedding at Hooli: add a flowchart of the shedding decision.\n- **Retry Budgets at Globex:** add a Python code sample of a retry budget.\n- Circuit Breakers at Initech — add a state diagram of the breaker.\n";
    assert_eq!(targets(doc), at("pattern-drills", &[1, 2, 3]));
}

#[test]
fn a_series_before_the_number_at_the_end_of_a_request() {
    let doc = "# Notes\n\n- Add a metrics block with error rates to Case Studies episode 3.\n- Add a flowchart of the retry decision to the Pattern Drills episode 1.\n";
    let mut expected = at("case-studies", &[3]);
    expected.extend(at("pattern-drills", &[1]));
    assert_eq!(targets(doc), expected);
}

#[test]
fn a_link_to_an_episodes_file_settles_its_series() {
    let doc = "# Notes\n\n- [Episode 2](../episodes/02-case-studies/episode-02-box-scores-at-hooli-sports.md) needs a state diagram of a game's lifecycle.\n\n## [Episode 3](../episodes/01-pattern-drills/episode-03-load-shedding-at-hooli.md#top)\n\n- Add a Python code sample of a token-bucket shedder\n";
    let mut expected = at("case-studies", &[2]);
    expected.extend(at("pattern-drills", &[3]));
    assert_eq!(targets(doc), expected);
    // A link to another episode than the number names leaves the number to decide: here it
    // is a tie between the two series, reported.
    let doc = "# Notes\n\n- [Episode 2](../episodes/02-case-studies/episode-03-the-initech-payment-queue-migration.md) needs a state diagram of a game's lifecycle.\n";
    let course = fixture::course_with(&[("recommendations.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["lint", "--format", "json"]);
    assert_eq!(of_rule(&findings(&out), "recommendation-target").len(), 1);
}

#[test]
fn toml_front_matter_names_the_documents_episode() {
    let doc = "+++\ntitle = \"Review\"\nseries = \"Case Studies\"\nepisode = 2\n+++\n\n- Add a state diagram of a game's lifecycle.\n";
    assert_eq!(targets(doc), at("case-studies", &[2]));
}

#[test]
fn a_series_name_before_the_number_in_headings_items_and_prose() {
    let doc = "# Review\n\n## Pattern Drills #3\n\n- Add a Python sample of a token bucket.\n\n## Case Studies #2: Box Scores\n\n- Add a state diagram of a game.\n\n## Notes\n\nIn Case Studies episode 1, add a metrics block of failed checkouts.\n\n- Pattern Drills ep 1: add a flowchart of the retry decision.\n";
    let mut expected = at("case-studies", &[1, 2]);
    expected.extend(at("pattern-drills", &[1, 3]));
    assert_eq!(targets(doc), expected);
}

#[test]
fn a_list_item_naming_a_series_groups_its_sub_items() {
    let doc = "# Review\n\n- Case Studies\n  - Ep 2: add a class diagram of the box score.\n  - Ep 3: add a Go sample of the consumer.\n- **Pattern Drills:**\n  - Ep 1: add a flowchart of the retry decision.\n";
    let mut expected = at("case-studies", &[2, 3]);
    expected.extend(at("pattern-drills", &[1]));
    assert_eq!(targets(doc), expected);
}

#[test]
fn an_item_naming_its_episode_after_a_series_wide_request_is_for_that_episode() {
    let doc = "# Review\n\nEvery episode in Pattern Drills needs a short quiz at the end.\n\n- Case Studies, ep 2: add a metrics block of cache hit rate.\n";
    let mut expected = at("case-studies", &[2]);
    expected.extend(at("pattern-drills", &[1, 2, 3]));
    assert_eq!(targets(doc), expected);
}

#[test]
fn a_series_named_like_a_kind_of_block_is_named_only_as_written() {
    // "case studies" in a request asks for some; it does not name the Case Studies series.
    let doc = "# Review\n\n## Pattern Drills\n\n### Add more case studies to episode 3\n\n- Hooli stadium tour\n";
    assert_eq!(targets(doc), at("pattern-drills", &[3]));
}

#[test]
fn front_matter_listing_episodes_by_title_names_each_of_them() {
    let block = "---\nepisodes:\n  - Box Scores at Hooli Sports\n  - The Initech Payment Queue Migration\n---\n\n# Notes for two case studies\n\nFor all episodes, add a quiz at the end.\n";
    assert_eq!(targets(block), at("case-studies", &[2, 3]));
    let flow = "---\nepisodes: [Box Scores at Hooli Sports, The Initech Payment Queue Migration]\n---\n\n- Add a quiz at the end.\n";
    assert_eq!(targets(flow), at("case-studies", &[2, 3]));
}

#[test]
fn a_title_heading_over_requests_asks_for_nothing_itself() {
    // The document's title, or a heading that names nothing to add over sentences asking
    // for several blocks, is not a request (it was a prose request titled "Notes").
    let doc = "---\nseries: Case Studies\nepisodes: [2, 3]\n---\n\n# Notes\n\nFor all episodes, add a quiz at the end.\n\n## Later\n\nAdd a quiz at the end. Also add a calculator of the queue depth.\n";
    let course = fixture::course_with(&[("notes.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["enhancements", "--format", "json"]);
    let listed = listed(&out);
    assert!(
        listed.iter().all(|(_, _, kind)| kind == "interactive"),
        "{listed:?}"
    );
    assert_eq!(listed.len(), 6, "{listed:?}");
}

#[test]
fn front_matter_naming_no_episode_of_the_course_is_reported_not_dropped() {
    let doc = "---\nepisodes: [A Title No Episode Has]\n---\n\n# Notes\n\nFor all episodes, add a quiz at the end.\n";
    let course = fixture::course_with(&[("notes.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["lint", "--format", "json"]);
    let found = findings(&out);
    let reported: Vec<(u64, &str)> = of_rule(&found, "recommendation-target")
        .iter()
        .map(|f| (f.line, f.message.as_str()))
        .collect();
    assert!(
        reported
            .iter()
            .any(|(line, message)| *line == 7 && message.contains("no episode it names was found")),
        "{reported:?}"
    );
}

#[test]
fn a_bold_line_with_an_episodes_number_and_title_names_that_episode() {
    let doc = "# R\n\n**Episode 1: The Globex Checkout Outage**\n\n- Add a sequence diagram of the retry loop.\n\n**Episode 2: Circuit Breakers at Initech**\n\n- Add a state diagram of the breaker.\n";
    let mut expected = at("case-studies", &[1]);
    expected.extend(at("pattern-drills", &[2]));
    assert_eq!(targets(doc), expected);
}

#[test]
fn the_next_and_the_previous_episode_count_from_the_sections_episode() {
    let doc = "# Review\n\n## Pattern Drills\n\n### Episode 2\n\n- Add a metrics block with trip rate.\n- In the next episode, add a sequence diagram of load shedding.\n- The previous episode needs a Python sample of a retry budget.\n- Add a teaser for the next episode.\n";
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["enhancements", "--format", "json"]);
    let mut got = fixture::listed(&out);
    got.sort();
    let drills = |n: u32, kind: &str| ("pattern-drills".to_owned(), n, kind.to_owned());
    let mut expected = vec![
        drills(2, "metrics"),
        drills(3, "mermaid:sequence"),
        drills(1, "code:python"),
        // "a teaser for the next episode" is what to add, to this episode.
        drills(2, "prose:topic"),
    ];
    expected.sort();
    assert_eq!(got, expected, "{}", out.stdout);
}

#[test]
fn the_next_episode_where_no_single_episode_is_named_is_reported() {
    let doc = "# Review\n\n## Episodes 1-2 (Pattern Drills)\n\n- The next episode needs a state diagram of the breaker.\n";
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["lint", "--format", "json"]);
    let findings = fixture::findings(&out);
    assert!(
        fixture::of_rule(&findings, "recommendation-target")
            .iter()
            .any(|f| f.line == 5),
        "{findings:#?}"
    );
}
