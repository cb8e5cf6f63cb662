//! `episode lint` output for CI: JSON contract, SARIF 2.1.0, GitHub annotations, JUnit,
//! the coverage matrix, and exit codes.

use crate::lint::{RICH_EPISODE, recommendations};
use crate::support::Course;

fn course() -> Course {
    let recs = recommendations(
        "1. **Add Edge Metrics:**\n```markdown\n- **Hit rate**: 93%\n- **Origin offload**: 80%\n- **Purge latency**: 4 s\n```\n\n2. **Add Cache Sequence:**\n```mermaid\nsequenceDiagram\n    participant Client\n    participant Cache as Edge Cache\n```\n",
    );
    Course::new()
        .file("book.toml", "title = \"T\"\n")
        .file(
            "episodes/01-basics/episode-01-edge-caching.md",
            RICH_EPISODE,
        )
        .file("enhancements/recs.md", recs)
}

#[test]
fn json_contract_has_diagnostics_and_recommendations() {
    let out = course().run(&["lint", "--format", "json"]);
    assert_eq!(out.code, 0);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    insta::assert_snapshot!(
        "json_contract",
        serde_json::to_string_pretty(&json).unwrap_or_default()
    );
}

#[test]
fn sarif_has_the_shape_the_2_1_0_schema_requires() {
    let out = course().run(&["lint", "--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    // Required by the SARIF 2.1.0 schema: sarifLog{version, runs}, run{tool}, tool{driver},
    // toolComponent{name}, result{message}, message{text|id}, reportingDescriptor{id}.
    assert_eq!(log["version"], "2.1.0");
    assert!(
        log["$schema"]
            .as_str()
            .is_some_and(|s| s.contains("sarif-2.1.0"))
    );
    let runs = log["runs"].as_array().expect("runs is an array");
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "episode");
    let rules = driver["rules"].as_array().expect("rules");
    assert!(
        rules
            .iter()
            .all(|r| r["id"].is_string() && r["shortDescription"]["text"].is_string())
    );
    let results = runs[0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    let levels = ["none", "note", "warning", "error"];
    for result in results {
        assert!(result["message"]["text"].is_string());
        assert!(levels.contains(&result["level"].as_str().unwrap_or("")));
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        for loc in result["locations"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(result["relatedLocations"].as_array().into_iter().flatten())
        {
            let physical = &loc["physicalLocation"];
            assert!(physical["artifactLocation"]["uri"].is_string());
            let region = &physical["region"];
            assert!(region["startLine"].as_u64().is_some_and(|l| l >= 1));
            assert!(region["startColumn"].as_u64().is_some_and(|c| c >= 1));
        }
    }
    insta::assert_snapshot!(
        "sarif_first_result",
        serde_json::to_string_pretty(&results[0]).unwrap_or_default()
    );
}

#[test]
fn github_annotations_escape_and_locate() {
    let out = course().run(&["lint", "--format", "github"]);
    insta::assert_snapshot!("github", out.stdout);
}

#[test]
fn junit_report_has_one_failing_case_per_finding() {
    let out = course().run(&["lint", "--format", "junit"]);
    insta::assert_snapshot!("junit", out.stdout);
}

#[test]
fn coverage_matrix_is_printed_in_the_terminal() {
    let out = course().run(&["lint", "--format", "short", "--coverage"]);
    insta::assert_snapshot!("coverage", out.stdout);
}

#[test]
fn exit_codes_mean_clean_errors_and_could_not_run() {
    let clean = Course::new().file("episodes/01-basics/episode-01-a.md", RICH_EPISODE);
    assert_eq!(clean.run(&["lint"]).code, 0);
    let broken = Course::new().file(
        "episodes/01-basics/episode-01-a.md",
        "# Episode 1: A\n\n```metrics\nitems: 3\n```\n",
    );
    assert_eq!(broken.run(&["lint"]).code, 1);
    assert_eq!(Course::new().run(&["lint"]).code, 2);
}
