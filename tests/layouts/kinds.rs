//! A requirement's kind follows the item's intent, not only its example's fence language.

use super::fixture::{self, kinds_and_titles, listed, owned};

/// The `kind` of each requirement of `items`, written as numbered bold items under the
/// heading of Pattern Drills episode 1, in order.
fn kinds(items: &str) -> Vec<String> {
    let doc = format!(
        "# Recommendations\n\n## Episodes 1-3 (Pattern Drills)\n\n### Episode 1: Retry Budgets at Globex\n\n**Recommended Enhancements:**\n\n{items}"
    );
    let course = fixture::course_with(&[("recommendations.md".to_owned(), doc)]);
    let out = course.run(&["enhancements", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    listed(&out).into_iter().map(|(_, _, kind)| kind).collect()
}

#[test]
fn production_numbers_are_metrics_whatever_the_example_is_written_in() {
    let items = "1. **Add Globex Retry Budget Production Metrics:**\n```python\nMETRICS = {\n    \"retry_ratio\": \"4.2%\",\n    \"p99_latency_ms\": 310,\n}\n```\n\n2. **Add Production Numbers for the Budget:**\n```yaml\nretry ratio: 4.2%\nrejected retries: 1,850 per minute\n```\n\n3. **Add Real-World Performance Data:**\n```markdown\n| Measure | Value |\n|---------|-------|\n| Retry ratio | 4.2% |\n| p99 latency | 310 ms |\n```\n\n4. **Add Production Metrics from the Client Library:**\n```python\nclass BudgetStats:\n    retry_ratio = 0.042\n    rejected_per_minute = 1850\n```\n";
    assert_eq!(kinds(items), ["metrics", "metrics", "metrics", "metrics"]);
}

#[test]
fn a_diagram_item_without_an_example_is_a_diagram_of_any_type() {
    let items = "1. **Add an Architecture Diagram of the Retry Path**\n\n2. **Add a Mermaid Diagram:** where the budget sits between the caller and the dependency.\n";
    assert_eq!(kinds(items), ["mermaid", "mermaid"]);
}

#[test]
fn simulators_explorers_playgrounds_calculators_and_visualizers_are_interactive() {
    let items = "1. **Add a Retry Storm Simulator:**\n```python\ndef simulate(rps, ratio):\n    return rps * ratio\n```\n\n2. **Add a Backoff Explorer:**\n```javascript\nfunction delays(base, attempts) {\n  return [...Array(attempts).keys()].map((i) => base * 2 ** i);\n}\n```\n\n3. **Add a Budget Playground:**\n```html\n<input type=\"range\" min=\"0\" max=\"50\" value=\"10\">\n```\n\n4. **Add a Retry Budget Calculator:**\n```go\nfunc Allowed(rps, ratio float64) float64 {\n\treturn rps * ratio\n}\n```\n\n5. **Add a Retry Budget Visualizer:**\n```mermaid\nflowchart LR\n    Slider[Budget ratio] --> Chart[Retries allowed]\n```\n";
    assert_eq!(
        kinds(items),
        [
            "interactive",
            "interactive",
            "interactive",
            "interactive",
            "interactive"
        ]
    );
}

#[test]
fn the_structured_form_keeps_each_kind_as_written() {
    let block = "```requirements\n- {episode: 1, series: Pattern Drills, kind: metrics, title: Budget numbers, covers: [Retry ratio]}\n- {episode: 1, series: Pattern Drills, kind: \"mermaid:sequence\", title: A retry, covers: [Client]}\n- {episode: 1, series: Pattern Drills, kind: \"code:python\", title: The class, covers: [RetryBudget]}\n- {episode: 1, series: Pattern Drills, kind: \"prose:culture\", title: Culture, covers: [Reviews]}\n- {episode: 1, series: Pattern Drills, kind: interactive, title: Calculator, covers: [Try it]}\n- {episode: 1, series: Pattern Drills, kind: mermaid, title: Any diagram}\n- {episode: 1, series: Pattern Drills, kind: code, title: Any code}\n```\n";
    let course = fixture::course_with(&[(
        "requirements.md".to_owned(),
        format!("# Requirements\n\n{block}"),
    )]);
    let out = course.run(&["enhancements", "--format", "json"]);
    let kinds: Vec<String> = listed(&out).into_iter().map(|(_, _, k)| k).collect();
    assert_eq!(
        kinds,
        [
            "metrics",
            "mermaid:sequence",
            "code:python",
            "prose:culture",
            "interactive",
            "mermaid",
            "code"
        ]
    );
}

#[test]
fn a_structured_entry_with_an_unknown_kind_is_an_error_at_its_line_and_column() {
    let doc = "# Requirements\n\n```requirements\n- episode: 1\n  series: Pattern Drills\n  kind: diagrm\n  title: The retry path\n```\n";
    let course = fixture::course_with(&[("requirements.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["lint", "--format", "json"]);
    let json = fixture::json(&out);
    let at_the_kind = json["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["file"] == "enhancements/requirements.md" && d["line"] == 6);
    let Some(finding) = at_the_kind else {
        panic!("no finding at line 6 of the document:\n{}", out.stdout);
    };
    assert_eq!(finding["severity"], "error", "{finding:#}");
    assert_eq!(finding["column"], 9, "at the value `diagrm`: {finding:#}");
    assert!(
        finding["message"]
            .as_str()
            .is_some_and(|m| m.contains("diagrm")),
        "{finding:#}"
    );
    assert_eq!(out.code, 1);
}

#[test]
fn a_claim_keeps_the_diagram_type_it_names() {
    let doc = "# Notes\n\n## Episode 2: Circuit Breakers at Initech\n\n**Already includes:**\n\n- two sequence diagrams\n- a flowchart of the breaker\n";
    let course = fixture::course_with(&[("notes.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["enhancements", "--format", "json"]);
    let kinds: Vec<String> = listed(&out).into_iter().map(|(_, _, kind)| kind).collect();
    assert_eq!(
        kinds,
        ["mermaid:sequence", "mermaid:flowchart"],
        "{}",
        out.stdout
    );
}

#[test]
fn a_heading_that_names_only_a_kind_gives_that_kind_to_the_requests_below_it() {
    // Grouped by kind, then by episode: each item names its episode, its heading what to add.
    let doc = "# Enhancements\n\n## Metrics blocks\n\n- Pattern Drills episode 2: breaker trip rate and recovery time\n- Case Studies episode 1: orders lost per minute\n\n## Code samples\n\n- Pattern Drills episode 3: admission control\n- Pattern Drills episode 1: a Mermaid flowchart of the budget\n\n## Interactive elements\n\n### Case Studies episode 2\n\n- tune the refresh interval\n\n## Notes on the series\n\n- Pattern Drills episode 3: the shedding thresholds explained\n";
    let course = fixture::course_with(&[("by-kind.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["enhancements", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut got = listed(&out);
    got.sort();
    let want: Vec<(String, u32, String)> = [
        ("case-studies", 1, "metrics"),
        ("case-studies", 2, "interactive"),
        ("pattern-drills", 1, "mermaid:flowchart"),
        ("pattern-drills", 2, "metrics"),
        ("pattern-drills", 3, "code"),
        ("pattern-drills", 3, "prose:topic"),
    ]
    .iter()
    .map(|(s, n, k)| ((*s).to_owned(), *n, (*k).to_owned()))
    .collect();
    // An item's own words win over its section's kind (the flowchart under code samples),
    // and a heading with other words ("Notes on the series") gives no kind.
    assert_eq!(got, want);
}

#[test]
fn an_item_outside_any_episode_may_name_its_episode_after_the_series_or_the_request() {
    // The third points at an episode as a model: it names no target, and says so.
    let doc = "# Enhancements\n\n- Pattern Drills, episode 2: a state diagram of the breaker\n- Add a flowchart of the ledger to episode 3 of Case Studies\n- Add a metrics block like the one in episode 1 of Case Studies\n";
    let course = fixture::course_with(&[("later.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["enhancements", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = fixture::json(&out);
    let unread = json["problems"].as_array().into_iter().flatten().any(|p| {
        p.as_str()
            .is_some_and(|p| p.contains("a request (line 5) outside any episode's section"))
    });
    assert!(
        unread,
        "the model reference is not reported:\n{}",
        out.stdout
    );
    let mut got: Vec<(String, u32, String, String)> = Vec::new();
    for episode in json["episodes"].as_array().into_iter().flatten() {
        for requirement in episode["requirements"].as_array().into_iter().flatten() {
            got.push((
                episode["series"].as_str().unwrap_or("").to_owned(),
                u32::try_from(episode["number"].as_u64().unwrap_or(0)).unwrap_or(0),
                requirement["kind"].as_str().unwrap_or("").to_owned(),
                requirement["title"].as_str().unwrap_or("").to_owned(),
            ));
        }
    }
    got.sort();
    assert_eq!(
        got,
        [
            (
                "case-studies".to_owned(),
                3,
                "mermaid:flowchart".to_owned(),
                "Add a flowchart of the ledger".to_owned()
            ),
            (
                "pattern-drills".to_owned(),
                2,
                "mermaid:state".to_owned(),
                "A state diagram of the breaker".to_owned()
            ),
        ]
    );
}

/// `episode enhancements --format json` over the fixture course with `doc` as its one
/// recommendations document: what it printed, the report, and the requirements of the first
/// episode listed, in order.
fn first_episode(doc: &str) -> (String, serde_json::Value, Vec<serde_json::Value>) {
    let course = fixture::course_with(&[("recommendations.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["enhancements", "--format", "json"]);
    let json = fixture::json(&out);
    let requirements = json["episodes"][0]["requirements"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    (out.stdout, json, requirements)
}

/// A text field of a requirement, empty when absent.
fn field(requirement: &serde_json::Value, name: &str) -> String {
    requirement[name].as_str().unwrap_or("").to_owned()
}

#[test]
fn a_label_that_names_only_a_kind_groups_the_list_below_it() {
    let doc = "# Recommendations\n\n## Pattern Drills\n\n### Episode 1: Retry Budgets at Globex\n\n**Diagrams to add:**\n- A sequence diagram of one retry spending the budget\n- The state machine of the budget: full, draining, empty\n\n**Code samples:**\n- A Python token bucket that refills the budget\n- A Go middleware that rejects retries past the ratio\n\n**Production metrics:**\n- Retry ratio at peak\n- Rejected retries per minute\n\n### Episode 2: Circuit Breakers at Initech\n\nDiagrams:\n- The breaker's three states and the transitions between them\n\nCode:\n- The breaker with a sliding window\n";
    assert_eq!(
        kinds_and_titles(doc),
        owned(&[
            (
                1,
                "mermaid:sequence",
                "A sequence diagram of one retry spending the budget"
            ),
            (1, "mermaid:state", "The state machine of the budget"),
            (
                1,
                "code:python",
                "A Python token bucket that refills the budget"
            ),
            (
                1,
                "code:go",
                "A Go middleware that rejects retries past the ratio"
            ),
            (1, "metrics", "Retry ratio at peak"),
            (1, "metrics", "Rejected retries per minute"),
            // Items that name no block of the label's kind detail one request.
            (2, "mermaid", "Diagrams"),
            // A singular label over one detail is one request, the list its description.
            (2, "code", "Code"),
        ])
    );
}

#[test]
fn a_kind_label_with_words_of_its_own_or_an_example_is_one_request() {
    // The label says what to add after its colon, as a paragraph or as a list item; it
    // introduces an example; nothing but a paragraph follows it, which describes it ("go on"
    // is no language).
    let doc = "# Recommendations\n\n## Pattern Drills\n\n### Episode 1: Retry Budgets at Globex\n\n**Diagrams:** a sequence of one retry spending the budget\n\n- **Code:** a budget check in Rust\n\n**Add Metrics:**\n```yaml\nretry ratio: 4.2%\n```\n\n**Code samples:**\n\nOne that lets the retry loop go on until the budget is spent.\n";
    assert_eq!(
        kinds_and_titles(doc),
        owned(&[
            // "A sequence of" names no diagram type ("steps in sequence" would not).
            (1, "mermaid", "A sequence of one retry spending the budget"),
            (1, "code:rust", "A budget check in Rust"),
            (1, "metrics", "Add Metrics"),
            (1, "code", "Code samples"),
        ])
    );
}

#[test]
fn a_label_that_names_a_subject_beside_the_kind_stays_a_request_over_its_list() {
    let doc = "# Recommendations\n\n## Pattern Drills\n\n### Episode 1: Retry Budgets at Globex\n\n**Architecture diagrams:**\n- The budget between the caller and the dependency\n";
    let got = kinds_and_titles(doc);
    assert_eq!(
        got.first(),
        Some(&(1, "mermaid".to_owned(), "Architecture diagrams".to_owned())),
        "{got:?}"
    );
    assert!(
        got.iter().all(|(_, kind, _)| kind != "metrics"),
        "nothing groups the item: {got:?}"
    );
}

#[test]
fn a_kind_label_keeps_the_episode_a_paragraph_named_and_its_group_ends_with_its_list() {
    let doc = "# Recommendations\n\nEpisode 1 (Retry Budgets at Globex) needs more visuals.\n\n**Diagrams to add:**\n- A sequence diagram of one retry spending the budget\n- The state machine of the budget\n\n## Episode 2: Circuit Breakers at Initech\n\n**Production metrics:**\n- Trip rate at peak\n\nA plain paragraph about the numbers.\n\n- A worked example of the half-open probe in Java\n- Explain why the window is sliding\n";
    assert_eq!(
        kinds_and_titles(doc),
        owned(&[
            (
                1,
                "mermaid:sequence",
                "A sequence diagram of one retry spending the budget"
            ),
            (1, "mermaid:state", "The state machine of the budget"),
            (2, "metrics", "Trip rate at peak"),
            (
                2,
                "code:java",
                "A worked example of the half-open probe in Java"
            ),
            (2, "prose:topic", "Explain why the window is sliding"),
        ])
    );
}

#[test]
fn kind_leads_in_a_row_each_ask_with_the_labels_kind_and_a_second_request_keeps_its_own() {
    let doc = "# Recommendations\n\n## Episode 2: Circuit Breakers at Initech\n\nDiagrams: a sequence diagram of one trip.\n\nCode: a budget check in Rust.\n\nMetrics: trip rate, recovery time.\n\n**Code:** a benchmark harness for the breaker in Go\n\n**Diagrams:** how the numbers move when the breaker trips\n\nCode: add a Go sample of the breaker. Also add a sequence diagram of one probe.\n\n#### Diagrams to add\n\n- A flowchart of the half-open probe\n- The state machine of the breaker\n";
    assert_eq!(
        kinds_and_titles(doc),
        owned(&[
            (2, "mermaid:sequence", "A sequence diagram of one trip"),
            (2, "code:rust", "A budget check in Rust"),
            (2, "metrics", "Metrics"),
            (2, "code:go", "A benchmark harness for the breaker in Go"),
            (2, "mermaid", "How the numbers move when the breaker trips"),
            (2, "code:go", "Add a Go sample of the breaker"),
            (2, "mermaid:sequence", "Add a sequence diagram of one probe"),
            (2, "mermaid:flowchart", "A flowchart of the half-open probe"),
            (2, "mermaid:state", "The state machine of the breaker"),
        ])
    );
}

#[test]
fn after_a_kind_label_a_refusal_is_skipped_and_already_includes_is_a_claim() {
    let doc = "# Recommendations\n\n## Episode 3: Load Shedding at Hooli\n\n**Diagrams:** None needed; the existing flowchart is enough.\n\n- **Diagrams:** Do not add a class diagram, the flowchart is enough\n- **Code:** Already includes a Python sample\n- **Metrics:** none needed\n- **Metrics Block:** shed rate, p99 latency\n";
    let (stdout, json, requirements) = first_episode(doc);
    let got: Vec<(String, String, String)> = requirements
        .iter()
        .map(|r| (field(r, "kind"), field(r, "origin"), field(r, "title")))
        .collect();
    assert_eq!(
        got,
        [
            (
                "code:python".to_owned(),
                "claim".to_owned(),
                "a Python sample".to_owned()
            ),
            (
                "metrics".to_owned(),
                "recommended".to_owned(),
                "Metrics Block".to_owned()
            ),
        ],
        "{}",
        stdout
    );
    let declined = json["documents"].to_string().matches("declines").count();
    assert_eq!(declined, 3, "{}", json["documents"]);
}

#[test]
fn a_table_column_of_kinds_is_the_kind_column_whatever_its_header() {
    let doc = "# Recommendations\n\n## Episode 2: Circuit Breakers at Initech\n\n| Section | What to add | Priority |\n|---|---|---|\n| Diagram | State diagram of closed, open and half-open | High |\n| Code | Java breaker with a sliding window | Medium |\n| Metrics | Trip rate, recovery time | Low |\n";
    assert_eq!(
        kinds_and_titles(doc),
        owned(&[
            (
                2,
                "mermaid:state",
                "State diagram of closed, open and half-open"
            ),
            (2, "code:java", "Java breaker with a sliding window"),
            (2, "metrics", "Trip rate, recovery time"),
        ])
    );
    // A column of requests is not taken for kinds because one of its cells names only one.
    let mixed = "# Recommendations\n\n## Episode 2: Circuit Breakers at Initech\n\n| Recommendation | Why |\n|---|---|\n| Diagram | Readers lose track of the states |\n| Add a Java breaker with a sliding window | Shows the window |\n";
    let got = kinds_and_titles(mixed);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(
        got[1],
        (
            2,
            "code:java".to_owned(),
            "Add a Java breaker with a sliding window".to_owned()
        )
    );
}

#[test]
fn a_bracketed_aside_a_label_before_the_request_and_a_dash_before_a_list_are_read_through() {
    let doc = "# Recommendations\n\n## Episode 1: Retry Budgets at Globex\n\n- Culture section (Priority: High): how Globex on-call teams review budget changes\n- Metrics block — retry ratio, p99 latency, rejected retries per minute\n\n> **Editor's note:** add a flowchart of the budget check before the dependency call.\n";
    let (stdout, json, requirements) = first_episode(doc);
    let got: Vec<(String, String)> = requirements
        .iter()
        .map(|r| (field(r, "kind"), field(r, "title")))
        .collect();
    assert_eq!(
        got,
        [
            (
                "prose:culture".to_owned(),
                "Culture section (Priority: High)".to_owned()
            ),
            (
                "metrics".to_owned(),
                "Metrics block — retry ratio, p99 latency, rejected retries per minute".to_owned()
            ),
            (
                "mermaid:flowchart".to_owned(),
                "Add a flowchart of the budget check before the dependency call".to_owned()
            ),
        ],
        "{}",
        stdout
    );
    let skipped = json["documents"].to_string();
    assert!(!skipped.contains("priorities"), "{skipped}");
    let labels: Vec<&str> = requirements[1]["fingerprint"]["labels"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l.as_str())
        .collect();
    assert_eq!(
        labels,
        ["retry ratio", "p99 latency", "rejected retries per minute"]
    );
}

#[test]
fn a_kind_label_that_judges_what_is_there_is_a_remark_and_details_stay_with_their_request() {
    let doc = "# Review\n\n### Episode 1: Retry Budgets at Globex\n\n**Diagrams:** Good coverage; the state diagram is clear.\n\n**Code:** The Go sample is solid.\n\n**Metrics:** None.\n\n**Interactive:** N/A\n\nCode: fine as is.\n\n- Add a Go sample of the budget check\n\nCode: keep it under 40 lines.\n";
    assert_eq!(
        kinds_and_titles(doc),
        owned(&[(1, "code:go", "Add a Go sample of the budget check")])
    );
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["enhancements", "--format", "json"]);
    let remarks = fixture::json(&out)["documents"]
        .to_string()
        .matches("\"remark\"")
        .count();
    assert_eq!(remarks, 5, "{}", out.stdout);
}

#[test]
fn a_grouped_item_keeps_its_example_and_a_kind_lead_keeps_its_first_sentence() {
    let doc = "# Recommendations\n\n## Episode 2: Circuit Breakers at Initech\n\n**Diagrams to add:**\n- A sequence diagram of one trip:\n```mermaid\nsequenceDiagram\n    Client->>Breaker: call\n```\n- The state machine of the breaker\n\n**Diagrams:** a flowchart of the probe. Add it after the cold open.\n\n#### Diagram\n\n- Show the client, the breaker and the ledger\n- Mark where the breaker trips\n";
    assert_eq!(
        kinds_and_titles(doc),
        owned(&[
            (2, "mermaid:sequence", "A sequence diagram of one trip"),
            (2, "mermaid:state", "The state machine of the breaker"),
            (2, "mermaid:flowchart", "A flowchart of the probe"),
            // A singular kind heading over details is one request.
            (2, "mermaid", "Diagram"),
        ])
    );
}

#[test]
fn a_kind_column_needs_another_column_of_titles_and_a_dash_lists_only_metrics() {
    let doc = "# Recommendations\n\n## Episode 3: Load Shedding at Hooli\n\n| Recommendation | Details |\n|---|---|\n| Diagram | the shedder between the gateway and the pool |\n| Metrics | shed rate, p99 latency |\n\n| Section | Priority | What to add |\n|---|---|---|\n| Diagram | High | State diagram of the shedder |\n| Code | Medium | Java shedder with a token bucket |\n\n- Add a flowchart of retry budgets — the basics and the limits\n- Culture section [Priority: High]: how Hooli teams review shedding changes\n- Budget exhaustion walkthrough: show how the budget drains\n";
    let (stdout, _, requirements) = first_episode(doc);
    let got: Vec<(String, String, String)> = requirements
        .iter()
        .map(|r| {
            let terms = r["fingerprint"]["terms"].to_string();
            (field(r, "kind"), field(r, "title"), terms)
        })
        .collect();
    let titles: Vec<(&str, &str)> = got
        .iter()
        .map(|(k, t, _)| (k.as_str(), t.as_str()))
        .collect();
    assert_eq!(
        titles,
        [
            ("mermaid", "Diagram"),
            ("metrics", "Metrics"),
            ("mermaid:state", "State diagram of the shedder"),
            ("code:java", "Java shedder with a token bucket"),
            (
                "mermaid:flowchart",
                "Add a flowchart of retry budgets — the basics and the limits"
            ),
            ("prose:culture", "Culture section [Priority: High]"),
            ("prose:topic", "Budget exhaustion walkthrough"),
        ],
        "{}",
        stdout
    );
    // The dash keeps the flowchart's subject; only a metrics request lists after one.
    assert!(got[4].2.contains("retry budget"), "{}", got[4].2);
}

#[test]
fn polite_requests_missing_labels_and_priority_headings_are_read_and_an_unplaced_one_reported() {
    let doc = "# Editorial memo\n\nFor the budgets one, I'd suggest adding a sequence diagram of one retry.\n\n## Circuit Breakers at Initech\n\nCould we add a flowchart of the breaker's half-open probe?\n\nConsider adding a Java example of the sliding window.\n\nIt would be great to see production numbers for the trip rate.\n\n**Missing:** a class diagram of the breaker, a Go sample of the probe\n\n### Must have\n- A state diagram of the breaker\n\n### Nice to have\n- An interactive breaker simulator\n";
    assert_eq!(
        kinds_and_titles(doc),
        owned(&[
            (
                2,
                "mermaid:flowchart",
                "A flowchart of the breaker's half-open probe"
            ),
            (2, "code:java", "A Java example of the sliding window"),
            (2, "metrics", "Production numbers for the trip rate"),
            (2, "mermaid:class", "A class diagram of the breaker"),
            (2, "code:go", "A Go sample of the probe"),
            (2, "mermaid:state", "A state diagram of the breaker"),
            (2, "interactive", "An interactive breaker simulator"),
        ])
    );
    let course = fixture::course_with(&[("memo.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["lint", "--format", "json"]);
    let unread = fixture::of_rule(&fixture::findings(&out), "recommendation-unread")
        .iter()
        .any(|f| f.line == 3);
    assert!(
        unread,
        "the request of line 3 names no episode:\n{}",
        out.stdout
    );
}

#[test]
fn requests_that_mention_is_or_the_same_family_are_still_read_and_guidance_is_not() {
    let doc = "# Recommendations\n\nThis document suggests adding diagrams where they help and code samples where the prose is abstract.\n\n## Episode 1: Retry Budgets at Globex\n\n**Diagrams:** a flowchart that is easy to read, showing the budget check before the call.\n\n**Code:** the retry loop, which is the core of the episode, in Go.\n\n## Episode 2: Circuit Breakers at Initech\n\nAdd a Go sample of the breaker.\n\nCode: the same breaker in Rust, for comparison.\n\nAdd a sequence diagram of one trip. Consider adding a Java example of the token bucket.\n\n- Add a sequence diagram of one probe\n\nIt would help to see the half-open probe in the diagram.\n\n**Code samples:**\n- Keep each under 40 lines\n- Use the house style for errors\n\nMissing: a class diagram of the breaker and a Go sample of the probe\n\n## Episode 3: Load Shedding at Hooli\n\n| Where to add | Recommendation |\n|---|---|\n| After the cold open | A flowchart of the shedder |\n";
    assert_eq!(
        kinds_and_titles(doc),
        owned(&[
            (
                1,
                "mermaid:flowchart",
                "A flowchart that is easy to read, showing the budget check before the call"
            ),
            (
                1,
                "code:go",
                "The retry loop, which is the core of the episode, in Go"
            ),
            (2, "code:go", "Add a Go sample of the breaker"),
            (2, "code:rust", "The same breaker in Rust, for comparison"),
            (2, "mermaid:sequence", "Add a sequence diagram of one trip"),
            (2, "code:java", "A Java example of the token bucket"),
            (2, "mermaid:sequence", "Add a sequence diagram of one probe"),
            // Guidance under a plural label: one request, the list its description.
            (2, "code", "Code samples"),
            (2, "mermaid:class", "A class diagram of the breaker"),
            (2, "code:go", "A Go sample of the probe"),
            (3, "mermaid:flowchart", "A flowchart of the shedder"),
        ])
    );
    // The introduction asks for no block of its own: no finding at its line.
    let course = fixture::course_with(&[("intro.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["lint", "--format", "json"]);
    let at_intro = fixture::of_rule(&fixture::findings(&out), "recommendation-unread")
        .iter()
        .any(|f| f.line == 3);
    assert!(!at_intro, "{}", out.stdout);
}

#[test]
fn kind_leads_and_missing_lists_outside_any_episode_are_reported() {
    let doc = "# Recommendations\n\n**Diagrams:** a sequence diagram of one retry through the budget.\n\nCode: a budget check in Rust.\n\n**Missing:** a class diagram of the breaker, a Go sample of the probe\n";
    let course = fixture::course_with(&[("loose.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["lint", "--format", "json"]);
    let findings = fixture::findings(&out);
    let unread = fixture::of_rule(&findings, "recommendation-unread");
    assert!(
        unread
            .iter()
            .any(|f| f.message.contains("3 requests (lines 3, 5, 7)")),
        "{}",
        out.stdout
    );
}

#[test]
fn languages_written_in_camel_case_or_with_signs_are_the_sample_language() {
    let items = "1. **Add a TypeScript code sample of the budget**\n\n2. **Add a C# sample of the budget**\n\n3. **Add a JavaScript snippet of the budget**\n\n4. **Add a TS sample of the budget**\n";
    assert_eq!(
        kinds(items),
        [
            "code:typescript",
            "code:csharp",
            "code:javascript",
            "code:typescript"
        ]
    );
}

/// The verdict of each requirement of `doc` on Case Studies episode 1, whose "The Numbers"
/// section lists outage length, failed checkouts, duplicate orders and gateway CPU, and the
/// help of every recommendation finding.
fn metrics_verdicts(doc: &str) -> (Vec<String>, Vec<String>) {
    let course = fixture::course_with(&[("review.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["lint", "--format", "json"]);
    let verdicts = fixture::json(&out)["recommendations"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| r["verdict"].as_str().unwrap_or("").to_owned())
        .collect();
    let helps = fixture::findings(&out)
        .into_iter()
        .filter(|f| f.rule.starts_with("recommendation-"))
        .map(|f| f.help)
        .collect();
    (verdicts, helps)
}

#[test]
fn a_metrics_request_naming_no_metric_is_met_by_any_metrics_block() {
    for ask in [
        "Add production metrics.",
        "Add a metrics block with real numbers.",
        "Include key performance data from production.",
        "Add before and after metrics for this episode.",
    ] {
        let doc = format!("# Notes\n\n## Ep 1 (Case Studies)\n\n- {ask}\n");
        let (verdicts, helps) = metrics_verdicts(&doc);
        assert_eq!(verdicts, ["satisfied"], "{ask}: {helps:?}");
    }
}

#[test]
fn a_metrics_request_naming_one_metric_asks_for_that_label() {
    let doc = "# Notes\n\n## Ep 1 (Case Studies)\n\n- Add a metrics block with failed checkouts.\n- Add a metrics block with consumer lag.\n";
    let (verdicts, helps) = metrics_verdicts(doc);
    assert_eq!(verdicts, ["satisfied", "partial"], "{helps:?}");
    assert!(
        helps
            .iter()
            .any(|help| help.contains("add metrics labelled: consumer lag")),
        "{helps:?}"
    );
}

#[test]
fn figures_named_as_what_to_add_ask_for_a_metrics_block_and_mentions_ask_for_none() {
    let doc = "# Review\n\n## Episode 3: Load Shedding at Hooli\n\nPlease add shed rate and goodput from the incident, and a Java sample of the shedder.\n\n- Explain why p99 latency grows when the queue fills.\n\nPlease add a flowchart of the shed decision, and a Java sample of the queue.\n\n## Episode 2: Circuit Breakers at Initech\n\nThe throughput of the breaker is discussed at length, which is good.\n\n- Add a Go sample of the breaker.\n";
    let got = kinds_and_titles(doc);
    let kinds: Vec<(u32, &str)> = got.iter().map(|(n, k, _)| (*n, k.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (2, "code:go"),
            (3, "metrics"),
            (3, "code:java"),
            (3, "prose:topic"),
            (3, "mermaid:flowchart"),
            (3, "code:java"),
        ],
        "{got:?}"
    );
    // One request per line, each at its own: "Episode 1: add p99 latency" is a metrics
    // block of that figure, not a section on it.
    let plan = "# Plan\n\n- Episode 1 of Pattern Drills: add p99 latency\n- Episode 2 of Pattern Drills: include the error rate and requests per second\n";
    assert_eq!(
        kinds_and_titles(plan)
            .iter()
            .map(|(n, k, _)| (*n, k.as_str()))
            .collect::<Vec<_>>(),
        [(1, "metrics"), (2, "metrics")]
    );
}
