//! A requirement's kind follows the item's intent, not only its example's fence language.

use super::fixture::{self, listed};

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

/// Each requirement `episode enhancements --format json` lists: episode number (in Pattern
/// Drills), kind and title, in the document's order.
fn kinds_and_titles(doc: &str) -> Vec<(u32, String, String)> {
    let course = fixture::course_with(&[("recommendations.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["enhancements", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = fixture::json(&out);
    let mut got = Vec::new();
    for episode in json["episodes"].as_array().into_iter().flatten() {
        for requirement in episode["requirements"].as_array().into_iter().flatten() {
            got.push((
                u32::try_from(episode["number"].as_u64().unwrap_or(0)).unwrap_or(0),
                requirement["kind"].as_str().unwrap_or("").to_owned(),
                requirement["title"].as_str().unwrap_or("").to_owned(),
            ));
        }
    }
    got
}

fn owned(rows: &[(u32, &str, &str)]) -> Vec<(u32, String, String)> {
    rows.iter()
        .map(|(n, k, t)| (*n, (*k).to_owned(), (*t).to_owned()))
        .collect()
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
            (
                2,
                "mermaid",
                "The breaker's three states and the transitions between them"
            ),
            (2, "code", "The breaker with a sliding window"),
        ])
    );
}

#[test]
fn a_kind_label_with_words_of_its_own_or_an_example_is_one_request() {
    // The label says what to add after its colon, as a paragraph or as a list item; it
    // introduces an example; nothing but a paragraph follows it ("go on" is no language).
    let doc = "# Recommendations\n\n## Pattern Drills\n\n### Episode 1: Retry Budgets at Globex\n\n**Diagrams:** a sequence of one retry spending the budget\n\n- **Code:** a budget check in Rust\n\n**Add Metrics:**\n```yaml\nretry ratio: 4.2%\n```\n\n**Code samples:**\n\nOne that lets the retry loop go on until the budget is spent.\n";
    assert_eq!(
        kinds_and_titles(doc),
        owned(&[
            (
                1,
                "mermaid:sequence",
                "A sequence of one retry spending the budget"
            ),
            (1, "code:rust", "A budget check in Rust"),
            (1, "metrics", "Add Metrics"),
            (
                1,
                "code",
                "One that lets the retry loop go on until the budget is spent"
            ),
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
}
