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
