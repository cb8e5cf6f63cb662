//! Interactive blocks: ```` ```calculator ````, ```` ```simulator ````,
//! ```` ```metrics chart=… ````, runnable ```` ```js run ```` examples and Mermaid `click`
//! links. Their problems are findings at the line and column of the
//! value in the episode while the page still builds; a working block renders its computed
//! value without script; a page without such blocks loads exactly the files it did before.

use crate::support::{Course, fragment, prose};

const CALCULATOR: &str = "```calculator
title: Failed requests per hour
inputs:
  - name: rps
    label: Requests per second
    min: 10
    max: 10000
    step: 10
    value: 1000
  - name: failure_rate
    label: Failure rate
    min: 0
    max: 1
    step: 0.01
    value: 0.05
outputs:
  - label: Failed requests per hour
    formula: rps * failure_rate * 3600
```
";

fn course_with(body: &str) -> Course {
    Course::new()
        .file("book.toml", "title = \"T\"\n")
        .file(
            "episodes/01-basics/episode-01-one.md",
            format!("# Episode 1: One\n\n## Numbers\n\n{body}"),
        )
        .file(
            "episodes/01-basics/episode-02-two.md",
            "# Episode 2: Two\n\n## Prose\n\nOnly prose here.\n",
        )
}

/// The `<head>` of a built page.
fn head(html: &str) -> &str {
    fragment(html, "<head>", "</head>")
}

#[test]
fn the_calculator_of_the_issue_builds_with_its_value_computed_and_its_assets() {
    let course = course_with(CALCULATOR);
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("calculator"), "{}", out.stderr);
    let html = course.read("site/basics/episode-01-one.html");
    let body = prose(&html);
    let output = fragment(body, "<output id=\"episode-01-one-c1-o0\"", "</output>");
    assert!(
        output.contains("aria-live=\"polite\"")
            && output.contains("<span class=\"calc-value\">180,000</span>"),
        "{output}"
    );
    assert!(
        body.contains("<label class=\"calc-label\" id=\"episode-01-one-c1-rps-label\" for=\"episode-01-one-c1-rps\">Requests per second</label>"),
        "{body}"
    );
    assert!(
        body.contains("aria-labelledby=\"episode-01-one-c1-rps-label\""),
        "the slider is named by the same label: {body}"
    );
    assert!(
        body.contains("data-calc=\"{&quot;kind&quot;:&quot;calculator&quot;"),
        "{body}"
    );
    assert!(!body.contains("eval("), "{body}");
    let head = head(&html);
    assert!(head.contains("assets/interactive.css"), "{head}");
    assert!(head.contains("assets/interactive.js"), "{head}");
    assert!(course.path("site/assets/interactive.js").is_file());
}

#[test]
fn a_print_page_loads_what_the_interactive_blocks_of_its_episodes_need() {
    let course = course_with(CALCULATOR).file(
        "episodes/02-prose/episode-03-three.md",
        "# Episode 3: Three\n\nOnly prose.\n",
    );
    assert_eq!(course.run(&["build"]).code, 0);
    let with_calculator = course.read("site/basics/print.html");
    let head_of = head(&with_calculator);
    assert!(
        head_of.contains("assets/interactive.css") && head_of.contains("assets/interactive.js"),
        "{head_of}"
    );
    let plain = course.read("site/prose/print.html");
    assert!(!head(&plain).contains("interactive"), "{}", head(&plain));
}

#[test]
fn a_page_without_interactive_blocks_loads_exactly_what_it_did_before() {
    let course = course_with(CALCULATOR);
    assert_eq!(course.run(&["build"]).code, 0);
    let plain = course.read("site/basics/episode-02-two.html");
    let loaded: Vec<&str> = head(&plain)
        .lines()
        .filter(|l| l.contains("<script") || l.contains("<link rel=\"stylesheet\""))
        .collect();
    assert_eq!(
        loaded,
        [
            "<link rel=\"stylesheet\" href=\"../assets/style.css\">",
            "<script src=\"../assets/site.js\"></script>",
            "<script src=\"../assets/search.js\" defer></script>",
        ]
    );
    assert!(
        !plain.contains("interactive"),
        "no trace of the blocks on a page without them"
    );
    for page in ["site/index.html", "site/basics/index.html"] {
        assert!(!course.read(page).contains("interactive."), "{page}");
    }
}

#[test]
fn formula_and_range_problems_are_findings_at_their_line_and_column_and_the_page_builds() {
    let body = CALCULATOR
        .replace("rps * failure_rate", "rps * failure_rat")
        .replace("    min: 10\n", "    min: 20000\n")
        .replace("value: 0.05", "value: 3");
    let course = course_with(&body);
    let out = course.run(&["lint", "--format", "short"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let found: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("[calculator]"))
        .collect();
    assert_eq!(
        found,
        [
            "episodes/01-basics/episode-01-one.md:10:10: error[calculator]: input `rps`: `min` (20000) is above `max` (10000)",
            "episodes/01-basics/episode-01-one.md:19:12: error[calculator]: input `failure_rate`: `value` 3 is outside its range 0 to 1",
            "episodes/01-basics/episode-01-one.md:22:20: error[calculator]: formula `rps * failure_rat * 3600`: unknown name `failure_rat` (did you mean `failure_rate`?); known names: `rps`, `failure_rate`",
        ],
        "{}",
        out.stdout
    );
    let built = course.run(&["build"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let html = course.read("site/basics/episode-01-one.html");
    assert!(
        prose(&html).contains("<span class=\"code-lang\">calculator (not valid)</span>"),
        "the fence is shown as its source"
    );
    assert!(
        !head(&html).contains("interactive"),
        "a broken block loads no script"
    );
}

#[test]
fn syntax_errors_and_missing_fields_are_findings() {
    let body = "```simulator\ntitle: Growth\ninputs:\n  - name: rate\n    min: 0\n    max: 1\noutputs:\n  - label: Size\n    formula: prev * (1 + rate\n```\n";
    let out = course_with(body).run(&["lint", "--format", "short"]);
    let found: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("[calculator]"))
        .collect();
    assert_eq!(
        found,
        [
            "episodes/01-basics/episode-01-one.md:5:1: error[calculator]: this simulator has no `steps`",
            "episodes/01-basics/episode-01-one.md:8:11: error[calculator]: input `rate` has no `label`",
            "episodes/01-basics/episode-01-one.md:13:30: error[calculator]: formula `prev * (1 + rate`: expected `)`, but the formula ends",
        ],
        "{}",
        out.stdout
    );
}

#[test]
fn a_simulator_is_plotted_at_build_time() {
    let body = "```simulator\ntitle: Growth\nsteps: 3\ninputs:\n  - name: rate\n    label: Rate\n    min: 0\n    max: 1\n    value: 0.5\noutputs:\n  - label: Size\n    initial: 1\n    formula: prev * (1 + rate)\n```\n";
    let course = course_with(body);
    assert_eq!(course.run(&["build"]).code, 0);
    let html = course.read("site/basics/episode-01-one.html");
    let body = prose(&html);
    assert!(
        body.contains(
            "<polyline class=\"sim-line sim-line-1\" points=\"0.0,111.1 300.0,66.7 600.0,0.0\""
        ),
        "{body}"
    );
    assert!(
        body.contains("<span class=\"calc-value\">3.38</span>"),
        "{body}"
    );
}

#[test]
fn a_chart_is_drawn_with_its_numbers_as_text_and_non_numbers_are_findings() {
    let chart = "```metrics chart=bar\ntitle: Latency\nitems:\n  - label: p50\n    value: 8\n    unit: ms\n  - label: p99\n    value: 48\n    unit: ms\n```\n";
    let course = course_with(chart);
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = course.read("site/basics/episode-01-one.html");
    let body = prose(&html);
    let svg = fragment(body, "<svg class=\"chart-svg\"", "</svg>");
    assert!(
        svg.contains("aria-label=\"Bar chart, Latency. p50: 8 ms; p99: 48 ms\""),
        "{svg}"
    );
    assert!(
        svg.contains("width=\"100.00%\""),
        "the widest bar fills the width: {svg}"
    );
    assert!(
        body.contains("<tr><th scope=\"row\">p99</th><td>48 ms</td></tr>"),
        "{body}"
    );
    let head = head(&html);
    assert!(
        head.contains("assets/interactive.css") && !head.contains("interactive.js"),
        "{head}"
    );

    let broken = course_with(&chart.replace("value: 48", "value: about 50"));
    let out = broken.run(&["lint", "--format", "short"]);
    let found: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("[metrics-fence]"))
        .collect();
    assert_eq!(
        found,
        [
            "episodes/01-basics/episode-01-one.md:12:12: error[metrics-fence]: the chart cannot draw \"p99\": its value \"about 50\" is not a number"
        ],
        "{}",
        out.stdout
    );
    assert_eq!(broken.run(&["build"]).code, 0);
    let html = broken.read("site/basics/episode-01-one.html");
    assert!(
        prose(&html).contains("<dl class=\"metric-grid\">"),
        "shown as cards instead"
    );
}

#[test]
fn an_interactive_recommendation_is_satisfied_by_a_calculator_about_its_subject() {
    let course = course_with(CALCULATOR).file(
        "enhancements/recs.md",
        "# Recommendations\n\n```requirements\n- episode: 1\n  kind: interactive\n  title: Failed requests calculator\n- episode: 2\n  kind: interactive\n  title: Failed requests calculator\n```\n",
    );
    let out = course.run(&["lint", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let verdicts: Vec<(&str, u64)> = json["recommendations"]
        .as_array()
        .expect("list")
        .iter()
        .map(|r| {
            (
                r["verdict"].as_str().unwrap_or(""),
                r["episode"]["number"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        verdicts,
        [("satisfied", 1), ("missing", 2)],
        "{}",
        out.stdout
    );
}

const RUNNABLE: &str = "```js run
// Allows retries only while they stay below a tenth of requests.
class RetryBudget {
  constructor() { this.tokens = 10; }
}
console.log(1 < 2 && \"<b>not html</b>\");
```
";

/// The scripts and stylesheets a page's `<head>` loads.
fn loaded(html: &str) -> Vec<&str> {
    head(html)
        .lines()
        .filter(|l| l.contains("<script") || l.contains("<link rel=\"stylesheet\""))
        .collect()
}

#[test]
fn a_runnable_example_has_its_code_a_run_button_and_a_sandboxed_frame() {
    let course = course_with(&format!(
        "{RUNNABLE}\n```js\nconsole.log(\"only shown\");\n```\n"
    ));
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = course.read("site/basics/episode-01-one.html");
    let body = prose(&html);
    let block = fragment(
        body,
        "<div class=\"codeblock runnable\" data-block=\"run\" id=\"episode-01-one-run1\">",
        "</iframe>",
    );
    assert!(
        block.contains("<button type=\"button\" class=\"run\" aria-controls=\"episode-01-one-run1-out\" hidden>Run</button>"),
        "{block}"
    );
    assert!(
        block.contains("<iframe class=\"run-frame\" sandbox=\"allow-scripts\" title=\"Sandbox that runs the example\""),
        "{block}"
    );
    assert!(
        !block.contains("allow-same-origin"),
        "the frame never shares the page's origin"
    );
    assert!(
        block.contains("id=\"episode-01-one-run1-out\" role=\"log\" aria-live=\"polite\""),
        "{block}"
    );
    assert!(
        block.contains("<code class=\"language-js\">")
            && block.contains("&lt;b&gt;not html&lt;/b&gt;"),
        "the code is highlighted and escaped like any code block: {block}"
    );
    assert_eq!(
        body.matches("data-block=\"run\"").count(),
        1,
        "a js fence without `run` is only shown: {body}"
    );
    let loaded = loaded(&html);
    assert!(
        loaded.contains(&"<link rel=\"stylesheet\" href=\"../assets/interactive.css\">")
            && loaded.contains(&"<script src=\"../assets/interactive.js\" defer></script>"),
        "{loaded:?}"
    );
    let script = std::fs::read_to_string(course.path("site/assets/interactive.js")).expect("js");
    assert!(script.contains("sandboxMain") && script.contains("RUN_LIMIT_MS = 5000"));
}

#[test]
fn a_page_with_javascript_that_does_not_run_loads_no_new_file() {
    let course = course_with("```js\nconsole.log(1);\n```\n\n```javascript running\nlet x;\n```\n");
    assert_eq!(course.run(&["build"]).code, 0);
    let html = course.read("site/basics/episode-01-one.html");
    assert_eq!(
        loaded(&html),
        [
            "<link rel=\"stylesheet\" href=\"../assets/style.css\">",
            "<script src=\"../assets/site.js\"></script>",
            "<script src=\"../assets/search.js\" defer></script>",
        ]
    );
    assert!(!html.contains("data-block=\"run\""), "{html}");
}

#[test]
fn a_runnable_example_is_an_interactive_element_and_a_code_sample() {
    let course = Course::new()
        .file("book.toml", "title = \"T\"\n")
        .file(
            "episodes/01-basics/episode-01-one.md",
            format!("# Episode 1: Retry budgets\n\n## Try a retry budget\n\n{RUNNABLE}"),
        )
        .file(
            "episodes/01-basics/episode-02-two.md",
            "# Episode 2: Two\n\n## Prose\n\nOnly prose here.\n",
        )
        .file(
            "enhancements/recs.md",
            "# Recommendations\n\n```requirements\n- episode: 1\n  kind: interactive\n  title: Retry budget playground\n- episode: 2\n  kind: interactive\n  title: Retry budget playground\n- episode: 1\n  kind: code:javascript\n  title: Retry budget in JavaScript\n```\n",
        );
    let out = course.run(&["lint", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let verdicts: Vec<(&str, &str, u64)> = json["recommendations"]
        .as_array()
        .expect("list")
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap_or(""),
                r["verdict"].as_str().unwrap_or(""),
                r["episode"]["number"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert!(
        verdicts.contains(&("interactive", "satisfied", 1))
            && verdicts.contains(&("interactive", "missing", 2)),
        "{}",
        out.stdout
    );
    assert!(
        verdicts
            .iter()
            .any(|(kind, verdict, n)| kind.starts_with("code") && *verdict != "missing" && *n == 1),
        "the runnable example counts as a JavaScript sample: {}",
        out.stdout
    );
}

#[test]
fn mermaid_click_links_are_node_links_and_scripts_and_callbacks_are_findings() {
    let course = course_with(
        "```mermaid\nflowchart LR\n    A[Numbers] --> B[Docs] --> C[Bad] --> D[Call]\n    click A \"#numbers\" \"Back to the numbers\"\n    click B href \"https://example.com/docs\"\n    click C \"javascript:alert(1)\"\n    click D call alert()\n```\n",
    );
    let out = course.run(&["lint", "--format", "short"]);
    let findings: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("mermaid-click"))
        .collect();
    assert_eq!(
        findings,
        [
            "episodes/01-basics/episode-01-one.md:10:14: error[mermaid-click]: a `click` link that runs a script is never kept in the drawn diagram",
            "episodes/01-basics/episode-01-one.md:11:13: error[mermaid-click]: a `click` callback needs Mermaid's script, which the offline site does not load",
        ],
        "{}",
        out.stdout
    );
    assert_eq!(out.code, 1, "{}", out.stdout);
    let built = course.run(&["build"]);
    assert_eq!(built.code, 0, "the page still builds: {}", built.stderr);
    let html = course.read("site/basics/episode-01-one.html");
    let svg = fragment(prose(&html), "<svg", "</svg>");
    assert!(svg.contains("<a xlink:href=\"#numbers\""), "{svg}");
    assert!(
        svg.contains("<a xlink:href=\"https://example.com/docs\""),
        "{svg}"
    );
    assert!(!svg.to_ascii_lowercase().contains("javascript:"), "{svg}");
    assert!(!svg.contains("onclick"), "{svg}");
    assert!(
        svg[..svg.find('>').unwrap_or(0)].contains("role=\"group\""),
        "a diagram of links is a group, not an image: {svg}"
    );
}

#[test]
fn diagram_node_details_are_listed_and_their_nodes_take_focus() {
    let course = course_with(
        "```mermaid\nflowchart LR\n    A[Client] --> B{Cache hit?}\n    %% details B: Served from the <edge> when fresh.\n```\n",
    );
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = course.read("site/basics/episode-01-one.html");
    let figure = fragment(prose(&html), "<figure class=\"diagram\">", "</figure>");
    assert!(
        figure.contains("tabindex=\"0\" role=\"button\" aria-describedby=\"episode-01-one-d1-detail-B\" data-details=\"episode-01-one-d1-detail-B\""),
        "{figure}"
    );
    assert!(
        figure.contains("<div class=\"node-detail\" id=\"episode-01-one-d1-detail-B\"><dt>Cache hit?</dt><dd>Served from the &lt;edge&gt; when fresh.</dd></div>"),
        "{figure}"
    );
    let svg = fragment(figure, "<svg", ">");
    assert!(svg.contains("role=\"group\""), "{svg}");
    let loaded = loaded(&html);
    assert!(
        loaded.contains(&"<script src=\"../assets/interactive.js\" defer></script>"),
        "{loaded:?}"
    );
    let plain = course_with("```mermaid\nflowchart LR\n    A[Client] --> B{Cache hit?}\n```\n");
    assert_eq!(plain.run(&["build"]).code, 0);
    let html = plain.read("site/basics/episode-01-one.html");
    assert!(
        !html.contains("interactive."),
        "a diagram without details loads no new file"
    );
    assert!(!html.contains("data-details"));
}
