//! Requests for many episodes at once: "every episode needs …" for the whole course (or
//! every episode the document names), and "every episode in this series …", a series
//! heading over "for all episodes", or a series named beside "all episodes", for a series.

use super::fixture::{Listed, reach, rows_of as rows};

fn sorted(mut rows: Vec<Listed>) -> Vec<Listed> {
    rows.sort();
    rows
}

#[test]
fn every_episode_as_the_subject_of_a_sentence_means_the_whole_course() {
    let doc = "# Recommendations\n\nEvery episode needs a Mermaid sequence diagram of its main flow.\n\nAll episodes should end with a Python code sample.\n";
    let mut expected = rows("pattern-drills", &[1, 2, 3], "mermaid:sequence");
    expected.extend(rows("case-studies", &[1, 2, 3], "mermaid:sequence"));
    expected.extend(rows("pattern-drills", &[1, 2, 3], "code:python"));
    expected.extend(rows("case-studies", &[1, 2, 3], "code:python"));
    assert_eq!(reach(doc), sorted(expected));
}

#[test]
fn every_episode_in_this_series_under_a_series_heading_means_all_of_that_series() {
    let doc = "# Recommendations\n\n## Case Studies\n\nEvery episode in this series needs a Mermaid sequence diagram of the incident.\n\n### Episode 2: Box Scores at Hooli Sports\n\n- Add a Go code sample of the score cache.\n";
    let mut expected = rows("case-studies", &[1, 2, 3], "mermaid:sequence");
    expected.extend(rows("case-studies", &[2], "code:go"));
    assert_eq!(reach(doc), sorted(expected));
}

#[test]
fn for_all_episodes_under_a_series_heading_stays_in_that_series() {
    // Before, the heading's list went to every episode the document named: Case Studies 1.
    let doc = "# Recommendations\n\n## Pattern Drills\n\n### For all episodes in this series\n\n- Add a culture section on blameless reviews.\n\n## Case Studies\n\n### Episode 1: The Globex Checkout Outage\n\n- Add a flowchart of the gateway failover.\n";
    let mut expected = rows("pattern-drills", &[1, 2, 3], "prose:culture");
    expected.extend(rows("case-studies", &[1], "mermaid:flowchart"));
    assert_eq!(reach(doc), sorted(expected));
}

#[test]
fn for_all_episodes_under_a_series_heading_means_those_of_it_the_document_names() {
    let doc = "# Recommendations\n\n## Case Studies\n\n### Episode 1: The Globex Checkout Outage\n\n- Add a flowchart of the gateway failover.\n\n### Episode 3: The Initech Payment Queue Migration\n\n- Add a Go code sample of the consumer.\n\n### For all episodes\n\n- Add a culture section on blameless reviews.\n";
    let mut expected = rows("case-studies", &[1], "mermaid:flowchart");
    expected.extend(rows("case-studies", &[3], "code:go"));
    expected.extend(rows("case-studies", &[1, 3], "prose:culture"));
    assert_eq!(reach(doc), sorted(expected));
}

#[test]
fn a_series_named_beside_all_episodes_is_the_whole_series() {
    let heading = "# Series-wide recommendations\n\n## Case Studies (all episodes)\n\n- Add a metrics block with real numbers (p99 latency, error rate).\n";
    assert_eq!(reach(heading), rows("case-studies", &[1, 2, 3], "metrics"));
    let sentence = "# Notes\n\nAll episodes of Pattern Drills need a state diagram of the breaker.\n\n## Episode 1 (Case Studies)\n\n- Add a flowchart of the gateway failover.\n";
    let mut expected = rows("pattern-drills", &[1, 2, 3], "mermaid:state");
    expected.extend(rows("case-studies", &[1], "mermaid:flowchart"));
    assert_eq!(reach(sentence), sorted(expected));
}

#[test]
fn across_the_series_reaches_each_series_in_its_own_section() {
    let doc = "# Recommendations\n\n## Pattern Drills\n\nAcross the series, add a state diagram of the breaker or budget.\n\n## Case Studies\n\nEach episode of this series should include a sequence diagram of the incident.\n";
    let mut expected = rows("pattern-drills", &[1, 2, 3], "mermaid:state");
    expected.extend(rows("case-studies", &[1, 2, 3], "mermaid:sequence"));
    assert_eq!(reach(doc), sorted(expected));
}

#[test]
fn every_episode_inside_a_description_is_not_an_audience() {
    let doc = "# Recommendations\n\n## Episode 2 (Pattern Drills)\n\n- Add a flowchart of the retry pattern every episode uses.\n";
    assert_eq!(
        reach(doc),
        rows("pattern-drills", &[2], "mermaid:flowchart")
    );
}
