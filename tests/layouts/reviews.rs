//! Editorial reviews: an episode's section may assess it ("Current state", "Why it matters",
//! "Gaps") rather than ask for anything, a task list may tick off what is done, and a request
//! may be titled by its kind alone ("**Mermaid flowchart** of …").

use super::fixture::{self, kinds_and_titles, owned};

/// The reasons `episode enhancements --format json` gives for the sections it skipped, with
/// their lines.
fn skipped(doc: &str) -> Vec<(u64, String)> {
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["enhancements", "--format", "json"]);
    let json = fixture::json(&out);
    json["documents"][0]["skipped"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            (
                s["line"].as_u64().unwrap_or(0),
                s["reason"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

/// The kind and origin of each requirement of the first episode `doc` names, and what
/// `episode enhancements --format json` printed.
fn kinds_and_origins(doc: &str) -> (Vec<(String, String)>, crate::support::Output) {
    let course = fixture::course_with(&[("checklist.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["enhancements", "--format", "json"]);
    let json = fixture::json(&out);
    let got = json["episodes"][0]["requirements"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            (
                r["kind"].as_str().unwrap_or("").to_owned(),
                r["origin"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    (got, out)
}

const ASSESSED: &str = "# Review\n\n## Pattern Drills\n\n### Episode 1: Retry Budgets at Globex\n\n#### Current state\nStrong cold open. The budget arithmetic is explained only in prose.\n\n#### Why it matters\n- Learners cannot size a budget without seeing real ratios.\n- The refill is hard to follow without a picture.\n\n#### Recommended additions\n1. **Metrics block**: retry ratio at peak, p99 latency before and after the budget.\n2. **Mermaid flowchart** of a request passing through the budget check.\n3. **Code sample** (Go): a retry budget wrapped around an HTTP client.\n\n#### Expected impact\nHigh.\n\n### Episode 2: Circuit Breakers at Initech\n\n#### Gaps\n- A Rust sample of the breaker's trip\n- A state diagram of the breaker\n\n#### Why retries amplify an outage\nShow three layers of retries multiplying the load, with a flowchart of the call chain.\n";

#[test]
fn assessment_and_rationale_sections_ask_for_nothing() {
    assert_eq!(
        kinds_and_titles(ASSESSED),
        owned(&[
            (1, "metrics", "Metrics block"),
            (1, "mermaid:flowchart", "Mermaid flowchart"),
            (1, "code:go", "Code sample (Go)"),
            // "Gaps" over requests lists what to add, whatever it is called.
            (2, "code:rust", "A Rust sample of the breaker's trip"),
            (2, "mermaid:state", "A state diagram of the breaker"),
            // A "why" heading that names a subject is a request about it.
            (2, "mermaid:flowchart", "Why retries amplify an outage"),
        ])
    );
    assert_eq!(
        skipped(ASSESSED),
        [
            (7, "assessment".to_owned()),
            (10, "rationale".to_owned()),
            (19, "assessment".to_owned()),
        ]
    );
}

#[test]
fn a_title_of_kind_words_takes_its_subject_from_the_rest_of_the_item() {
    let course = fixture::course_with(&[("review.md".to_owned(), ASSESSED.to_owned())]);
    let out = course.run(&["enhancements", "--format", "json"]);
    let json = fixture::json(&out);
    let requirements = &json["episodes"][0]["requirements"];
    let strings = |value: &serde_json::Value| -> Vec<String> {
        value
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    };
    // "before and after" joins two words about one metric, not two metrics.
    assert_eq!(
        strings(&requirements[0]["fingerprint"]["labels"]),
        [
            "retry ratio at peak",
            "p99 latency before and after the budget"
        ]
    );
    assert_eq!(
        strings(&requirements[1]["fingerprint"]["terms"]),
        ["request passing through budget check"]
    );
    // Neither "sample" nor the language is what the code is about.
    assert_eq!(
        strings(&requirements[2]["fingerprint"]["terms"]),
        ["retry budget wrapped around http client"]
    );
}

#[test]
fn a_ticked_task_is_a_claim_and_an_open_one_a_request() {
    let doc = "# Checklist\n\n## Episode 3: Load Shedding at Hooli\n\n- [x] A sequence diagram of a request being shed\n- [ ] A metrics block: shed rate, queue depth\n- [X] Go code sample: the admission controller\n- A state diagram is already included (the shedder's modes).\n- [ ] Quiz: three questions on shedding order\n";
    let (got, out) = kinds_and_origins(doc);
    let pairs = |rows: &[(&str, &str)]| -> Vec<(String, String)> {
        rows.iter()
            .map(|(k, o)| ((*k).to_owned(), (*o).to_owned()))
            .collect()
    };
    assert_eq!(
        got,
        pairs(&[
            ("mermaid:sequence", "claim"),
            ("metrics", "recommended"),
            ("code:go", "claim"),
            // What is claimed is the subject before "already included".
            ("mermaid:state", "claim"),
            ("interactive", "recommended"),
        ]),
        "{}",
        out.stdout
    );
}

#[test]
fn an_assessment_that_asks_for_a_block_all_the_same_is_read_for_it() {
    let doc = "# Review\n\n## Episode 2: Circuit Breakers at Initech\n\n- **Status:** Add a sequence diagram of one trip.\n- **Why it matters:** learners cannot size a breaker.\n- Status: missing a Python sample of the probe\n\n#### Performance impact\nAdd a metrics block: trip rate, recovery time.\n\n#### Why it matters\nLearners need numbers.\n";
    assert_eq!(
        kinds_and_titles(doc),
        owned(&[
            (2, "mermaid:sequence", "Add a sequence diagram of one trip"),
            (2, "code:python", "Missing a Python sample of the probe"),
            (2, "metrics", "Add a metrics block"),
        ])
    );
    assert_eq!(
        skipped(doc),
        [(6, "rationale".to_owned()), (12, "rationale".to_owned())]
    );
}

#[test]
fn an_open_task_under_a_ticked_one_is_still_asked_for() {
    let doc = "# Checklist\n\n## Episode 3: Load Shedding at Hooli\n\n- [x] Diagrams\n  - [ ] A sequence diagram of a request being shed\n  - [x] A state diagram of the shedder\n- [x] Don't add a class diagram\n";
    let (got, out) = kinds_and_origins(doc);
    let expected: Vec<(String, String)> = [
        ("mermaid", "claim"),
        ("mermaid:sequence", "recommended"),
        ("mermaid:state", "claim"),
    ]
    .iter()
    .map(|(k, o)| ((*k).to_owned(), (*o).to_owned()))
    .collect();
    // A ticked refusal is still a refusal, not a claim of a class diagram.
    assert_eq!(got, expected, "{}", out.stdout);
}

#[test]
fn a_language_counts_in_brackets_after_code_and_names_a_diagram_s_subject() {
    let doc = "# Review\n\n## Episode 3: The Initech Payment Queue Migration\n\n| Addition | Type |\n|---|---|\n| The config change that caused the backlog | Code (YAML) |\n\n- Explain the launch checklist (go, no-go, rollback) and the script that runs it\n- Describe how the queue's YAML config changed during the migration\n- A flowchart of the SQL migration\n";
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["enhancements", "--format", "json"]);
    let json = fixture::json(&out);
    let requirements = json["episodes"][0]["requirements"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let kinds: Vec<&str> = requirements
        .iter()
        .map(|r| r["kind"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        kinds,
        ["code:yaml", "code", "prose:timeline", "mermaid:flowchart"],
        "{}",
        out.stdout
    );
    assert_eq!(requirements[3]["fingerprint"]["terms"][0], "sql migration");
}

#[test]
fn counted_recommendations_declined_sections_and_scorecard_cells_are_read_as_meant() {
    let doc = "# R\n\n## Episode 2: Circuit Breakers at Initech\n\n### Recommendation 1: Add trip-rate metrics for the ledger breaker\n\n### Recommendation 2: Add a sequence diagram of one trip\n\n### Suggestion 3 — Add a Go version of the breaker\n\n## Won't do\n\n- Ep 3 (Case Studies): an interactive replay of the dual write (too costly)\n\n## Out of scope\n\n- Ep 1 (Case Studies): a Rust sample of the retry loop\n\n## Pattern Drills\n\n| Episode | Metrics | Diagram | Code | Interactive |\n|---------|---------|---------|------|-------------|\n| 3 | ✅ | ☑️ | Good | — |\n| 1 | ❌ | None needed | ❌ a Go shedder | N/A |\n";
    assert_eq!(
        kinds_and_titles(doc),
        owned(&[
            (1, "metrics", "Metrics"),
            (1, "code:go", "a Go shedder"),
            (2, "metrics", "Add trip-rate metrics for the ledger breaker"),
            (2, "mermaid:sequence", "Add a sequence diagram of one trip"),
            (2, "code:go", "Add a Go version of the breaker"),
        ])
    );
    assert_eq!(
        skipped(doc),
        [(11, "declines".to_owned()), (15, "declines".to_owned())]
    );
}

#[test]
fn a_kind_heading_over_names_and_kind_labels_line_by_line_are_read_per_request() {
    let doc = "# R\n\n## Episode 2: Circuit Breakers at Initech\n\n### Metrics\n\n- Trips per day\n- Mean time open\n\n### Code\n\n- Go implementation of the breaker\n- A Java version with Resilience4j\n\n### Diagram\n\n- Show the client\n- Show the server\n\n## Episode 3: Load Shedding at Hooli\n\nMetrics: shed rate, p99 latency at the edge\nDiagram: flowchart of the shed decision\nCode: a Go admission middleware\nInteractive: none\n";
    assert_eq!(
        kinds_and_titles(doc),
        owned(&[
            (2, "metrics", "Metrics"),
            (2, "code:go", "Go implementation of the breaker"),
            (2, "code:java", "A Java version with Resilience4j"),
            // Items that only say what to show detail one diagram.
            (2, "mermaid", "Diagram"),
            (3, "metrics", "Metrics"),
            (3, "mermaid:flowchart", "Flowchart of the shed decision"),
            (3, "code:go", "A Go admission middleware"),
        ])
    );
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["enhancements", "--format", "json"]);
    let json = fixture::json(&out);
    let labels = |episode: usize| {
        json["episodes"][episode]["requirements"][0]["fingerprint"]["labels"].to_string()
    };
    assert_eq!(labels(0), r#"["Trips per day","Mean time open"]"#);
    assert_eq!(labels(1), r#"["shed rate","p99 latency at the edge"]"#);
    assert_eq!(skipped(doc), [(25, "remark".to_owned())]);
}

#[test]
fn a_note_labelled_paragraph_asks_for_what_follows_its_label() {
    let doc = "# R\n\n## Episode 1: Retry Budgets at Globex\n\n- Add a sequence diagram of one refused retry.\n\nTODO: add a Go version of the fixed retry loop with backoff.\n\nFIXME: add a Gantt chart of the budget's rollout.\n";
    assert_eq!(
        kinds_and_titles(doc),
        owned(&[
            (
                1,
                "mermaid:sequence",
                "Add a sequence diagram of one refused retry"
            ),
            (
                1,
                "code:go",
                "Add a Go version of the fixed retry loop with backoff"
            ),
            (
                1,
                "mermaid:gantt",
                "Add a Gantt chart of the budget's rollout"
            ),
        ])
    );
}

#[test]
fn a_struck_out_task_is_neither_asked_for_nor_claimed() {
    let doc = "# Checklist\n\n## Episode 3: Load Shedding at Hooli\n\n- [ ] A metrics block: shed rate, queue depth\n- [x] ~~A class diagram of the shedder~~ (dropped)\n- ~~Add a quiz on shedding order~~\n  - with three questions\n1. **~~Add a Rust sample of the shedder~~**\n2. ~~Add a sequence diagram~~ Add a Go sample of the shedder\n";
    let (got, out) = kinds_and_origins(doc);
    assert_eq!(
        got,
        [
            ("metrics".to_owned(), "recommended".to_owned()),
            ("code:go".to_owned(), "recommended".to_owned())
        ],
        "{}",
        out.stdout
    );
    assert_eq!(
        skipped(doc),
        [
            (6, "struck out".to_owned()),
            (7, "struck out".to_owned()),
            (9, "struck out".to_owned())
        ]
    );
}

/// The (series, number, kind) of every requirement `doc` gives, sorted.
fn requirements(doc: &str) -> Vec<fixture::Listed> {
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["enhancements", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut listed = fixture::listed(&out);
    listed.sort();
    listed
}

fn one(series: &str, number: u32, kind: &str) -> fixture::Listed {
    (series.to_owned(), number, kind.to_owned())
}

#[test]
fn praise_decisions_and_judgements_in_an_episode_section_ask_for_nothing() {
    let doc = "# Review\n\n## Episode 2 (Pattern Drills)\n\n### What works\n\n- The sequence diagram of one trip is great.\n\n### To add\n\n- Add a class diagram of the breaker.\n- The flowchart of the probe is clear.\n- We decided against a gantt chart of the Friday failover.\n- The state table is fine as a table; a state diagram would be overkill.\n- Metrics were discussed with the author and dropped for this episode.\n";
    assert_eq!(
        requirements(doc),
        [one("pattern-drills", 2, "mermaid:class")]
    );
    let reasons: Vec<String> = skipped(doc).into_iter().map(|(_, r)| r).collect();
    assert_eq!(
        reasons,
        ["strengths", "remarks", "declines", "declines", "declines"]
    );
}

#[test]
fn a_priority_section_over_requests_that_name_their_episodes_is_read() {
    // Before, "## High priority" was skipped whole, with its request and no word.
    let doc = "# Review\n\n## High priority\n\n- Add a sequence diagram of a cache miss to Ep 2 (Case Studies).\n\n## Low priority\n\n### Episode 3 (Case Studies)\n\n- Add a Go sample of the comparison job.\n\n## Priorities\n\nFinish the case studies before the drills.\n";
    assert_eq!(
        requirements(doc),
        [
            one("case-studies", 2, "mermaid:sequence"),
            one("case-studies", 3, "code:go")
        ]
    );
    assert_eq!(skipped(doc), [(13, "priorities".to_owned())]);
}

#[test]
fn an_identifier_before_the_episode_in_a_heading_is_not_its_number() {
    let doc = "# Recommendations\n\n### R1 — Ep 3 (Case Studies): state diagram of the cut-over\n\nShow each region going dual write, shadow read, cut over.\n\n### #2 — Ep 1 (Pattern Drills): retry budget playground\n\nLet readers drag the failure rate.\n\n### Issue #12: Ep 2 (Case Studies) needs a Go sample of the score cache\n";
    assert_eq!(
        requirements(doc),
        [
            one("case-studies", 2, "code:go"),
            one("case-studies", 3, "mermaid:state"),
            one("pattern-drills", 1, "interactive"),
        ]
    );
}

#[test]
fn a_gaps_label_over_requests_lists_what_to_add() {
    let doc = "# Review\n\n## Episode 2 (Pattern Drills)\n\n**Gaps:**\n\n- Add an XY chart of trips over time.\n- Add a Rust sample of the breaker's trip.\n\n### Gaps\n\n- No state diagram of the breaker; add one.\n";
    let kinds: Vec<String> = kinds_and_titles(doc)
        .into_iter()
        .map(|(_, k, _)| k)
        .collect();
    assert_eq!(kinds, ["mermaid:xy-chart", "code:rust", "mermaid:state"]);
    assert!(skipped(doc).is_empty(), "{:?}", skipped(doc));
}

#[test]
fn what_is_done_or_not_wanted_asks_for_nothing() {
    // Work reported done is a claim; a refusal or a removal is skipped, and the section
    // that holds only those is not reported as unread.
    let doc = "# Review\n\n## Episode 2 (Pattern Drills)\n\n- The sequence diagram of the trip was added in v2.\n- Added a Go sample of the breaker.\n- ✅ State diagram of the breaker\n- A flowchart isn't needed here.\n- Remove the culture section; it repeats the takeaways.\n- Add a metrics block with the trip rate.\n- Add a Go sample showing how the jitter was added.\n- Drop in a flowchart of the retry loop.\n\n## Episode 3 (Pattern Drills)\n\n- A sequence diagram is not needed here.\n";
    let (got, out) = kinds_and_origins(doc);
    assert_eq!(
        got,
        [
            ("mermaid:sequence".to_owned(), "claim".to_owned()),
            ("code:go".to_owned(), "claim".to_owned()),
            ("mermaid:state".to_owned(), "claim".to_owned()),
            ("metrics".to_owned(), "recommended".to_owned()),
            ("code:go".to_owned(), "recommended".to_owned()),
            ("mermaid:flowchart".to_owned(), "recommended".to_owned()),
        ]
    );
    let reasons: Vec<String> = skipped(doc).into_iter().map(|(_, r)| r).collect();
    assert_eq!(reasons, ["declines", "declines", "declines"]);
    assert!(
        !out.stdout.contains("recommendation-unread"),
        "{}",
        out.stdout
    );
}
