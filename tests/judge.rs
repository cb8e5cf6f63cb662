//! Verdicts judged like a careful reader: one fixture per trap a word-overlap judge falls
//! into (a batting team's hit rate, another company's numbers, a passing mention, a keyword
//! in code, the wrong diagram type, another episode, a claimed count), each asserting the
//! verdict from `episode lint --format json`, and two exact human outputs.

use crate::support::{Course, Output};

/// A course with one series ("Basics") and the given episodes (`(file name, text)`).
fn course(episodes: &[(&str, &str)]) -> Course {
    let mut course = Course::new().file("book.toml", "title = \"T\"\n");
    for (name, text) in episodes {
        course = course.file(&format!("episodes/01-basics/{name}"), text);
    }
    course
}

/// A recommendations document for episode 1 ("Edge Caching") with the given numbered items.
fn recommended(items: &str) -> String {
    format!(
        "# Recommendations\n\n## Episodes 1-2 (Basics)\n\n### Episode 1: Edge Caching\n**Recommended Enhancements:**\n\n{items}"
    )
}

/// A recommendations document for episode 1 with the given "Already Includes" bullets.
fn claimed(bullets: &str) -> String {
    format!(
        "# Recommendations\n\n## Episodes 1-2 (Basics)\n\n### Episode 1: Edge Caching (Already Enhanced)\n\n**Already Includes:**\n\n{bullets}"
    )
}

fn lint_json(course: &Course) -> serde_json::Value {
    let out = course.run(&["lint", "--format", "json"]);
    assert!(
        out.code == 0 || out.code == 1,
        "{}{}",
        out.stdout,
        out.stderr
    );
    serde_json::from_str(&out.stdout).expect("valid JSON")
}

/// The one recommendation of the document.
fn only_recommendation(json: &serde_json::Value) -> &serde_json::Value {
    let all = json["recommendations"].as_array().expect("recommendations");
    assert_eq!(all.len(), 1, "{json:#}");
    &all[0]
}

/// The help lines of the diagnostics of one rule, joined.
fn help_of(json: &serde_json::Value, rule: &str) -> String {
    json["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["rule"] == rule)
        .map(|d| format!("{}\n{}", d["message"], d["help"].as_str().unwrap_or("")))
        .collect::<Vec<_>>()
        .join("\n")
}

fn strings(value: &serde_json::Value) -> Vec<&str> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
        .collect()
}

#[test]
fn verdicts_follow_the_document_whatever_order_its_episodes_come_in() {
    let c = course(&[
        ("01-edge-caching.md", "# Episode 1: Edge Caching\n\nText about caches.\n"),
        ("02-queues.md", "# Episode 2: Queues\n\nText about queues.\n"),
    ])
    .file(
        "enhancements/recs.md",
        "# Recommendations\n\n## Episodes 1-2 (Basics)\n\n### Episode 2: Queues\n**Recommended Enhancements:**\n\n1. **Add Queue Metrics:**\n   - Depth p99: 120\n\n### Episode 1: Edge Caching\n**Recommended Enhancements:**\n\n1. **Add Cache Diagram:**\n2. **Add Hit Metrics:**\n   - Hit ratio: 95%\n\n### Episode 2: Queues\n**Recommended Enhancements:**\n\n1. **Add Backlog Diagram:**\n",
    );
    let json = lint_json(&c);
    let order: Vec<(String, u64)> = json["recommendations"]
        .as_array()
        .expect("recommendations")
        .iter()
        .map(|r| {
            let title = r["title"].as_str().unwrap_or_default().to_owned();
            (title, r["episode"]["number"].as_u64().unwrap_or_default())
        })
        .collect();
    let order: Vec<(&str, u64)> = order.iter().map(|(t, n)| (t.as_str(), *n)).collect();
    assert_eq!(
        order,
        [
            ("Add Queue Metrics", 2),
            ("Add Cache Diagram", 1),
            ("Add Hit Metrics", 1),
            ("Add Backlog Diagram", 2)
        ],
        "{json:#}"
    );
}

#[test]
fn regression_files_that_start_with_a_byte_order_mark_are_read_like_any_other() {
    let c = course(&[(
        "01-edge-caching.md",
        "\u{FEFF}# Episode 1: Edge Caching\n\nText about caches at the edge.\n\n```python\nx = 1\n```\n",
    )])
    .file(
        "enhancements/recs.md",
        "\u{FEFF}---\nepisodes: [1]\n---\n# Recommendations\n\n1. **Add Cache Diagram:** a flowchart of the edge.\n",
    );
    let json = lint_json(&c);
    let r = only_recommendation(&json);
    assert_eq!(r["episode"]["title"], "Edge Caching", "{json:#}");
    assert_eq!(r["verdict"], "missing");
    let missing = json["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["rule"] == "recommendation-missing")
        .expect("the missing diagram is reported");
    assert_eq!(
        (&missing["line"], &missing["column"]),
        (&1.into(), &1.into())
    );
    assert!(
        help_of(&json, "recommendation-unread").is_empty(),
        "{json:#}"
    );
}

const EDGE_METRICS: &str = "1. **Add Edge Metrics:**\n```markdown\n### Edge Cache Metrics\n- **Cache Hit Rate**: 93% of requests\n- **Cache Miss Rate**: 7% of requests\n- **Origin Offload**: 80% of bytes\n```\n";

#[test]
fn regression_a_batting_teams_hit_rate_does_not_satisfy_cache_hit_rate_metrics() {
    let episode = "# Episode 1: Edge Caching\n\n## The Team Sheet\n\n- **Hit Rate**: .312 over the season\n- **Swing and Miss Rate**: 24% of pitches\n- **Runs per Game**: 5.2\n";
    let c = course(&[("episode-01-edge-caching.md", episode)])
        .file("enhancements/recs.md", recommended(EDGE_METRICS));
    let json = lint_json(&c);
    let r = only_recommendation(&json);
    assert_eq!(r["verdict"], "partial", "{r:#}");
    assert_eq!(
        strings(&r["missing"]),
        ["Cache Hit Rate", "Cache Miss Rate", "Origin Offload"]
    );
}

const GLOBEX_METRICS: &str = "1. **Add Globex's Edge Metrics:**\n```markdown\n### Edge Cache Metrics\n- **Cache Hit Rate**: 93% of requests\n- **Origin Offload**: 80% of bytes\n- **Purge Latency**: 4 s at p99\n```\n";

const INITECH_EPISODE: &str = "# Episode 1: Edge Caching\n\n## Why Caches Matter\n\nUnlike Globex, most shops never measure their edge.\n\n## Initech at the Edge\n\n**Initech edge numbers:**\n\n- **Cache Hit Rate**: 91% of requests\n- **Origin Offload**: 77% of bytes\n- **Purge Latency**: 6 s at p99\n";

#[test]
fn regression_metrics_about_another_company_are_partial_with_a_note() {
    let c = course(&[("episode-01-edge-caching.md", INITECH_EPISODE)])
        .file("enhancements/recs.md", recommended(GLOBEX_METRICS));
    let json = lint_json(&c);
    let r = only_recommendation(&json);
    assert_eq!(r["verdict"], "partial", "{r:#}");
    assert_eq!(r["evidence"]["heading"], "Initech at the Edge");
    assert!(strings(&r["missing"]).is_empty(), "{r:#}");
    let help = help_of(&json, "recommendation-partial");
    assert!(
        help.contains(
            "not about Globex: the closest metrics block is under \"Initech at the Edge\""
        ),
        "{help}"
    );
}

#[test]
fn metrics_about_another_company_human_output() {
    let c = course(&[("episode-01-edge-caching.md", INITECH_EPISODE)])
        .file("enhancements/recs.md", recommended(GLOBEX_METRICS));
    insta::assert_snapshot!("another_company", c.run(&["lint"]).stdout);
}

#[test]
fn a_dedicated_block_about_the_right_subject_and_aspect_satisfies() {
    let episode = INITECH_EPISODE.replace("Initech", "Globex");
    let items = format!(
        "{}\n2. **Add Request Path Diagram:**\n```mermaid\nsequenceDiagram\n    participant Client\n    participant Edge as Globex Edge\n    Client->>Edge: GET\n```\n\n3. **Add Engineering Culture Insights:**\n```markdown\n### Globex Engineering Culture\n- **Game Days**: monthly failure drills\n- **Blameless Reviews**: after every incident\n```\n",
        GLOBEX_METRICS.trim_end()
    );
    let episode = format!(
        "{episode}\n## Request Path\n\n```mermaid\nsequenceDiagram\n    participant Client\n    participant Edge as Globex Edge\n    Client->>Edge: GET\n```\n\n## Engineering Culture\n\n**How Globex runs failure drills:**\n\n- **Game Days**: once a month, in production\n- **Blameless Reviews**: after every incident\n"
    );
    let c = course(&[("episode-01-edge-caching.md", &episode)])
        .file("enhancements/recs.md", recommended(&items));
    let json = lint_json(&c);
    let verdicts: Vec<&str> = json["recommendations"]
        .as_array()
        .expect("recommendations")
        .iter()
        .filter_map(|r| r["verdict"].as_str())
        .collect();
    assert_eq!(
        verdicts,
        ["satisfied", "satisfied", "satisfied"],
        "{json:#}"
    );
}

#[test]
fn regression_a_passing_mention_of_chaos_engineering_does_not_satisfy_a_culture_section() {
    let episode = "# Episode 1: Edge Caching\n\n## Circuit Breakers\n\nTeams with a chaos engineering culture trip their breakers less often.\n";
    let items = "1. **Add Chaos Engineering Culture:**\n```markdown\n### Chaos Engineering Culture\n- **Game Days**: monthly failure drills\n- **Blameless Reviews**: after every incident\n```\n";
    let c = course(&[("episode-01-edge-caching.md", episode)])
        .file("enhancements/recs.md", recommended(items));
    let json = lint_json(&c);
    let r = only_recommendation(&json);
    assert_eq!(r["kind"], "prose:culture");
    assert_eq!(r["verdict"], "missing", "{r:#}");
}

#[test]
fn regression_a_keyword_inside_a_code_block_only_does_not_count() {
    let episode = "# Episode 1: Edge Caching\n\n## Numbers\n\n- **Hit rate**: 93%\n- **p99 latency**: 41 ms\n\n## Code\n\n```python\n# our engineering culture, in code\ndef retry_budget(culture):\n    return culture\n```\n";
    let items = "1. **Add Engineering Culture Section:**\n```markdown\n### How We Work\n- **Retry budgets**: owned by each team\n```\n";
    let c = course(&[("episode-01-edge-caching.md", episode)])
        .file("enhancements/recs.md", recommended(items));
    let r = only_recommendation(&lint_json(&c)).clone();
    assert_eq!(r["verdict"], "missing", "{r:#}");
    // A claim is not confirmed by names in code either.
    let c = course(&[("episode-01-edge-caching.md", episode)])
        .file("enhancements/recs.md", claimed("- Retry budget metrics\n"));
    let json = lint_json(&c);
    assert_eq!(only_recommendation(&json)["verdict"], "partial", "{json:#}");
    assert!(help_of(&json, "claim-unverified").contains("Retry budget metrics"));
}

#[test]
fn regression_a_sequence_recommendation_is_partial_on_a_flowchart_only_episode() {
    let episode = "# Episode 1: Edge Caching\n\n## Diagram\n\n```mermaid\ngraph LR\n    A[Client] --> B[Edge cache]\n```\n";
    let items = "1. **Add Cache Sequence:**\n```mermaid\nsequenceDiagram\n    participant Client\n    participant Cache as Edge Cache\n    Client->>Cache: GET\n```\n";
    let c = course(&[("episode-01-edge-caching.md", episode)])
        .file("enhancements/recs.md", recommended(items));
    let json = lint_json(&c);
    let r = only_recommendation(&json);
    assert_eq!(r["kind"], "mermaid:sequence");
    assert_eq!(r["verdict"], "partial", "{r:#}");
    assert!(
        help_of(&json, "recommendation-partial").contains("closest: a flowchart diagram"),
        "{json:#}"
    );
}

#[test]
fn regression_content_in_another_episode_never_counts() {
    let bare = "# Episode 1: Edge Caching\n\n## Intro\n\nWords only.\n";
    let rich = "# Episode 2: Edge Caching Again\n\n## Numbers\n\n- **Cache Hit Rate**: 93% of requests\n- **Cache Miss Rate**: 7% of requests\n- **Origin Offload**: 80% of bytes\n";
    let c = course(&[
        ("episode-01-edge-caching.md", bare),
        ("episode-02-edge-caching-again.md", rich),
    ])
    .file("enhancements/recs.md", recommended(EDGE_METRICS));
    let json = lint_json(&c);
    let r = only_recommendation(&json);
    assert_eq!(r["episode"]["number"], 1);
    assert_eq!(r["verdict"], "missing", "{r:#}");
}

/// An episode with `n` flowcharts.
fn with_diagrams(n: usize) -> String {
    let mut episode = "# Episode 1: Edge Caching\n".to_owned();
    for i in 1..=n {
        episode.push_str(&format!(
            "\n## Path {i}\n\n```mermaid\ngraph LR\n    A[Client {i}] --> B[Edge]\n```\n"
        ));
    }
    episode
}

#[test]
fn a_claim_of_three_diagrams_is_satisfied_by_three() {
    let c = course(&[("episode-01-edge-caching.md", &with_diagrams(3))]).file(
        "enhancements/recs.md",
        claimed("- 3 architecture diagrams\n"),
    );
    let json = lint_json(&c);
    assert_eq!(
        only_recommendation(&json)["verdict"],
        "satisfied",
        "{json:#}"
    );
}

#[test]
fn regression_a_claim_of_three_diagrams_with_one_reports_the_count_found() {
    let c = course(&[("episode-01-edge-caching.md", &with_diagrams(1))]).file(
        "enhancements/recs.md",
        claimed("- 3 architecture diagrams\n"),
    );
    let json = lint_json(&c);
    assert_eq!(only_recommendation(&json)["verdict"], "partial", "{json:#}");
    let help = help_of(&json, "claim-unverified");
    assert!(
        help.contains("the claim counts 3 Mermaid diagrams; the episode has 1"),
        "{help}"
    );
    let out: Output = c.run(&["lint"]);
    insta::assert_snapshot!("claimed_count", out.stdout);
}

#[test]
fn a_counted_claim_with_no_block_of_its_kind_is_missing() {
    let c = course(&[("episode-01-edge-caching.md", &with_diagrams(0))])
        .file("enhancements/recs.md", claimed("- a dozen code examples\n"));
    let json = lint_json(&c);
    assert_eq!(only_recommendation(&json)["verdict"], "missing", "{json:#}");
    assert!(
        help_of(&json, "claim-unverified")
            .contains("the claim counts 12 code samples; the episode has 0"),
        "{json:#}"
    );
}

#[test]
fn regression_a_claim_whose_words_appear_only_in_passing_prose_is_unverified() {
    let episode = "# Episode 1: Edge Caching\n\n## Intro\n\nThe Globex checkout handles 2M orders/day, they say.\n\n## Numbers\n\n- **Hit rate**: 93%\n- **p99 latency**: 41 ms\n";
    let c = course(&[("episode-01-edge-caching.md", episode)]).file(
        "enhancements/recs.md",
        claimed("- Production metrics (2M orders/day at Globex)\n"),
    );
    let json = lint_json(&c);
    let r = only_recommendation(&json);
    assert_eq!(r["kind"], "metrics");
    assert_eq!(r["verdict"], "partial", "{r:#}");
    assert!(
        help_of(&json, "claim-unverified").contains("not about Globex"),
        "{json:#}"
    );
}

#[test]
fn regression_a_general_topic_section_needs_a_heading_on_the_topic() {
    // "Forecast" is one of the items, not the topic: the section is not about capacity plans.
    let episode = "# Episode 1: Edge Caching\n\n## Forecast Accuracy\n\nHow good the weather forecast was, and the headroom it left.\n";
    let items = "1. **Add Capacity Planning Checklist:**\n```markdown\n### Capacity Planning\n- **Headroom**: what is kept free\n- **Forecast**: what demand is expected\n```\n";
    let c = course(&[("episode-01-edge-caching.md", episode)])
        .file("enhancements/recs.md", recommended(items));
    let json = lint_json(&c);
    let r = only_recommendation(&json);
    assert_eq!(r["kind"], "prose:topic");
    assert_eq!(r["verdict"], "missing", "{r:#}");
}

#[test]
fn regression_a_company_named_only_in_a_title_case_example_is_still_the_subject() {
    // The example writes "Globex" in Title Case only; the document names Globex as a name
    // elsewhere, so the recommendation is about Globex.
    let recs = "# Recommendations\n\n## Episodes 1-2 (Basics)\n\n### Episode 1: Edge Caching\n**Current Strengths:**\n- A clear account of how Globex runs its edge\n\n**Recommended Enhancements:**\n\n1. **Add Edge Metrics:**\n```markdown\n### Globex Edge Metrics\n- **Cache Hit Rate**: 93% of requests\n- **Origin Offload**: 80% of bytes\n- **Purge Latency**: 4 s at p99\n```\n";
    let c = course(&[("episode-01-edge-caching.md", INITECH_EPISODE)])
        .file("enhancements/recs.md", recs);
    let json = lint_json(&c);
    assert_eq!(only_recommendation(&json)["verdict"], "partial", "{json:#}");
    assert!(
        help_of(&json, "recommendation-partial").contains("not about Globex"),
        "{json:#}"
    );
}

#[test]
fn a_bold_label_followed_by_a_list_is_a_dedicated_block() {
    let episode = "# Episode 1: Edge Caching\n\n## Operations\n\n**Engineering culture:**\n- **Game Days**: once a month, in production\n- **Blameless Reviews**: after every incident\n";
    let items = "1. **Add Engineering Culture Insights:**\n```markdown\n### Engineering Culture\n- **Game Days**: monthly failure drills\n- **Blameless Reviews**: after every incident\n```\n";
    let c = course(&[("episode-01-edge-caching.md", episode)])
        .file("enhancements/recs.md", recommended(items));
    let json = lint_json(&c);
    let r = only_recommendation(&json);
    assert_eq!(r["kind"], "prose:culture");
    assert_eq!(r["verdict"], "satisfied", "{r:#}");
    assert_eq!(r["evidence"]["line"], 5);
}

#[test]
fn an_organisation_section_makes_a_culture_recommendation_partial_never_satisfied() {
    let episode = "# Episode 1: Edge Caching\n\n## Intro\n\nWords.\n\n## Team Structure and Ownership\n\nEach cache cluster has one owning team.\n\n- **Game Days**: once a month, in production\n- **Blameless Reviews**: after every incident\n";
    let items = "1. **Add Engineering Culture Insights:**\n```markdown\n### Engineering Culture\n- **Game Days**: monthly failure drills\n- **Blameless Reviews**: after every incident\n```\n";
    let c = course(&[("episode-01-edge-caching.md", episode)])
        .file("enhancements/recs.md", recommended(items));
    let json = lint_json(&c);
    let r = only_recommendation(&json);
    assert_eq!(r["kind"], "prose:culture");
    // Every item is there, but under an organisation heading: the kind is only near.
    assert_eq!(r["verdict"], "partial", "{r:#}");
    assert_eq!(r["evidence"]["heading"], "Team Structure and Ownership");
    assert!(
        r["note"]
            .as_str()
            .is_some_and(|n| n.contains("no culture section")),
        "{r:#}"
    );
    // Without the organisation section it is missing, as before.
    let bare = "# Episode 1: Edge Caching\n\n## Intro\n\nWords.\n";
    let c = course(&[("episode-01-edge-caching.md", bare)])
        .file("enhancements/recs.md", recommended(items));
    assert_eq!(only_recommendation(&lint_json(&c))["verdict"], "missing");
}
