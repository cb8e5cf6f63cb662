//! Rendering every major diagram type: structure (ids, references, labels), not snapshots.

use std::collections::HashSet;

use crate::mermaid::{MermaidEngine, MermaidError, RenderError, RenderOptions};

/// A fresh engine (tests share these helpers).
pub(super) fn engine() -> MermaidEngine {
    MermaidEngine::new()
}

/// The validation error of a diagram that must be invalid.
pub(super) fn error_of(source: &str) -> MermaidError {
    match engine().validate(source) {
        Err(error) => error,
        Ok(info) => panic!("expected an error, got {info:?}"),
    }
}

pub(super) fn render(source: &str, id: &str) -> String {
    match engine().render(source, &RenderOptions::new(id)) {
        Ok(svg) => svg,
        Err(error) => panic!("render failed: {error}\n{source}"),
    }
}

fn attribute_values<'a>(svg: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    svg.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &svg[at + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// The structural checks every rendered diagram must pass.
fn assert_well_formed(svg: &str, prefix: &str, labels: &[&str]) {
    assert!(svg.starts_with("<svg"), "{svg}");
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(!svg.to_ascii_lowercase().contains("<script"));
    let root_end = svg.find('>').unwrap_or(0);
    let root = &svg[..root_end];
    assert!(root.contains(" viewBox=\""), "{root}");
    assert!(!root.contains(" height="), "{root}");
    assert!(root.contains(r#" width="100%""#), "{root}");
    assert!(root.contains("max-width: "), "{root}");
    assert!(root.contains(r#" role="img""#), "{root}");
    assert!(
        root.contains(&format!(r#"aria-labelledby="{prefix}-title"#)),
        "{root}"
    );
    assert!(svg.contains(&format!(r#"<title id="{prefix}-title">"#)));

    let ids = attribute_values(svg, "id");
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids in {ids:?}");
    for id in &ids {
        let prefixed = *id == prefix
            || id.starts_with(&format!("{prefix}-"))
            || id.starts_with(&format!("{prefix}_"));
        assert!(prefixed, "id {id} lacks the prefix {prefix}");
    }
    for reference in references(svg) {
        assert!(
            unique.contains(reference.as_str()),
            "dangling reference #{reference}"
        );
    }
    assert_no_external_references(svg);
    for label in labels {
        assert!(svg.contains(label), "label {label:?} missing");
    }
}

fn references(svg: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in svg.match_indices("url(#") {
        let rest = &svg[at + 5..];
        if let Some(end) = rest.find(')') {
            found.push(rest[..end].to_string());
        }
    }
    for value in attribute_values(svg, "href")
        .into_iter()
        .chain(attribute_values(svg, "xlink:href"))
    {
        if let Some(id) = value.strip_prefix('#') {
            found.push(id.to_string());
        }
    }
    found
}

pub(super) fn assert_no_external_references(svg: &str) {
    let lower = svg.to_ascii_lowercase();
    let namespace_urls = [
        "http://www.w3.org/2000/svg",
        "http://www.w3.org/1999/xlink",
        "http://www.w3.org/1999/xhtml",
    ];
    let mut remaining = lower.clone();
    for url in namespace_urls {
        remaining = remaining.replace(url, "");
    }
    assert!(!remaining.contains("http:"), "http URL left");
    assert!(!remaining.contains("https:"), "https URL left");
    assert!(!remaining.contains("javascript:"));
    assert!(!remaining.contains("@import"));
    assert!(!remaining.contains("@font-face"));
}

#[test]
fn flowchart_with_subgraphs_renders_prefixed_accessible_svg() {
    let source = "flowchart TD\n    subgraph Cloud [\"Cloud region\"]\n        A[Load balancer] --> B{Healthy?}\n    end\n    subgraph \"On premises\"\n        C[(Database)]\n    end\n    B -->|yes| C\n    B -- no --> D((Pager))\n";
    let svg = render(source, "episode-3-diagram-2");
    assert_well_formed(
        &svg,
        "episode-3-diagram-2",
        &[
            "Cloud region",
            "On premises",
            "Load balancer",
            "Healthy?",
            "Database",
            "Pager",
        ],
    );
    assert!(svg.contains("var(--mermaid-"), "colours are themed");
}

#[test]
fn sequence_diagram_renders() {
    let source = "sequenceDiagram\n    participant A as Alice\n    actor B as Bob\n    A->>B: Hello Bob\n    Note right of B: thinks\n    B-->>A: Hi Alice\n    loop Every minute\n        A->>B: ping\n    end\n";
    let svg = render(source, "seq-1");
    assert_well_formed(
        &svg,
        "seq-1",
        &["Alice", "Bob", "Hello Bob", "thinks", "Every minute"],
    );
}

#[test]
fn class_diagram_renders() {
    let source = "classDiagram\n    class Animal {\n        +String name\n        +eat() void\n    }\n    Animal <|-- Dog : inherits\n    Dog *-- Tail\n";
    let svg = render(source, "class-1");
    assert_well_formed(&svg, "class-1", &["Animal", "Dog", "Tail", "inherits"]);
}

#[test]
fn state_diagram_renders() {
    let source = "stateDiagram-v2\n    [*] --> Idle\n    Idle --> Running : start\n    state Running {\n        [*] --> Working\n        Working --> [*]\n    }\n    Running --> Idle : stop\n";
    let svg = render(source, "state-1");
    assert_well_formed(
        &svg,
        "state-1",
        &["Idle", "Running", "Working", "start", "stop"],
    );
}

#[test]
fn er_diagram_renders() {
    let source = "erDiagram\n    CUSTOMER ||--o{ ORDER : places\n    ORDER ||--|{ LINE_ITEM : contains\n    CUSTOMER {\n        string name PK\n    }\n";
    let svg = render(source, "er-1");
    assert_well_formed(&svg, "er-1", &["CUSTOMER", "ORDER", "LINE_ITEM", "places"]);
}

#[test]
fn gantt_chart_renders() {
    let source = "gantt\n    title Release plan\n    dateFormat YYYY-MM-DD\n    section Build\n    Design :done, d1, 2024-01-01, 5d\n    Code :active, c1, after d1, 10d\n    section Ship\n    Test :crit, t1, after c1, 3d\n";
    let svg = render(source, "gantt-1");
    assert_well_formed(
        &svg,
        "gantt-1",
        &["Release plan", "Build", "Design", "Code", "Test"],
    );
}

#[test]
fn pie_chart_renders() {
    let source = "pie title Pets\n    \"Dogs\" : 386\n    \"Cats\" : 85\n    \"Rats\" : 15\n";
    let svg = render(source, "pie-1");
    assert_well_formed(&svg, "pie-1", &["Pets", "Dogs", "Cats", "Rats"]);
    assert!(
        svg.contains("var(--mermaid-series-1"),
        "slices use the series palette"
    );
}

#[test]
fn two_diagrams_on_one_page_share_no_id() {
    let source = "flowchart LR\n    A --> B\n";
    let first = render(source, "page-diagram-1");
    let second = render(source, "page-diagram-2");
    let first_ids: HashSet<&str> = attribute_values(&first, "id").into_iter().collect();
    let second_ids: HashSet<&str> = attribute_values(&second, "id").into_iter().collect();
    assert!(first_ids.is_disjoint(&second_ids));
}

#[test]
fn caller_title_and_description_become_title_and_desc() {
    let options = RenderOptions {
        diagram_id: "d",
        title: Some("Request <flow>"),
        description: Some("Client calls the server"),
    };
    let svg = engine()
        .render("flowchart LR\n    Client --> Server\n", &options)
        .unwrap_or_default();
    assert!(
        svg.contains(r#"<title id="d-title">Request &lt;flow&gt;</title>"#),
        "{svg}"
    );
    assert!(svg.contains(r#"<desc id="d-desc">Client calls the server</desc>"#));
    assert!(svg.contains(r#"aria-labelledby="d-title d-desc""#));
    assert_eq!(svg.matches("<title").count(), 1);
}

#[test]
fn acc_title_is_used_when_the_caller_has_none() {
    let source =
        "flowchart LR\n    accTitle: Login flow\n    accDescr: How a user signs in\n    A --> B\n";
    let svg = render(source, "acc");
    assert!(
        svg.contains(r#"<title id="acc-title">Login flow</title>"#),
        "{svg}"
    );
    assert!(svg.contains(r#"<desc id="acc-desc">How a user signs in</desc>"#));
    let info = engine().validate(source);
    assert_eq!(
        info.as_ref()
            .ok()
            .and_then(|i| i.acc_title.clone())
            .as_deref(),
        Some("Login flow")
    );
    assert_eq!(
        info.ok().and_then(|i| i.acc_descr).as_deref(),
        Some("How a user signs in")
    );
}

#[test]
fn a_diagram_cannot_switch_off_the_site_palette() {
    let plain = render("flowchart LR\n    A --> B\n", "p");
    let directive = render(
        "%%{init: {\"theme\": \"dark\", \"themeVariables\": {\"primaryColor\": \"#ff0000\"}}}%%\nflowchart LR\n    A --> B\n",
        "p",
    );
    assert_eq!(plain, directive);
}

#[test]
fn click_links_become_node_links_and_scripts_are_removed() {
    let source = "flowchart LR\n    A[Docs] --> B --> C\n    click A \"https://example.com/docs\" \"Open docs\"\n    click B \"javascript:alert(1)\"\n    click C href \"#part-two\"\n";
    let svg = render(source, "links");
    assert!(svg.contains("Docs"));
    assert!(
        svg.contains("<a xlink:href=\"https://example.com/docs\""),
        "{svg}"
    );
    assert!(svg.contains("<a xlink:href=\"#part-two\""), "{svg}");
    let root = &svg[..svg.find('>').unwrap_or(0)];
    assert!(root.contains(" role=\"group\""), "{root}");
    assert_no_external_references(&svg.replace("https://example.com/docs", ""));
}

#[test]
fn a_web_url_inside_a_label_is_still_removed() {
    let source = "flowchart LR\n    A[\"<a href='https://x.example'>link</a>\"] --> B\n";
    let svg = render(source, "label-link");
    assert_no_external_references(&svg);
    let root = &svg[..svg.find('>').unwrap_or(0)];
    assert!(root.contains(" role=\"img\""), "{root}");
}

#[test]
fn author_colours_are_kept_and_text_on_author_fills_is_pinned() {
    let source = "flowchart LR\n    A[Red] --> B[Pale] --> C[Plain]\n    style A fill:#F44336,color:#fff\n    style B fill:#e3f2fd\n";
    let svg = render(source, "author");
    assert!(svg.contains("fill:#F44336 !important"), "author fill kept");
    assert!(
        svg.contains("color:#fff !important"),
        "author text colour kept"
    );
    let pale = svg.find("flowchart-B-").map_or("", |at| &svg[at..]);
    let pale_label = pale.find("nodeLabel").map_or("", |at| &pale[at..at + 80]);
    assert!(
        pale_label.contains("color:#0f172a !important"),
        "{pale_label}"
    );
    let plain = svg.find("flowchart-C-").map_or("", |at| &svg[at..]);
    let plain_label = plain.find("nodeLabel").map_or("", |at| &plain[at..at + 40]);
    assert!(!plain_label.contains("style="), "{plain_label}");
}

#[test]
fn text_on_a_dark_author_fill_is_pinned_light() {
    // Dark text on #4444ff would be 2.99:1; white is 5.97:1.
    let source = "flowchart LR
    A[Choose] --> B[Pale]
    style A fill:#4444ff
    style B fill:#e3f2fd
";
    let svg = render(source, "dark-fill");
    let label = |node: &str| {
        let from = svg.find(node).map_or("", |at| &svg[at..]);
        from.find("nodeLabel")
            .map_or(String::new(), |at| from[at..at + 80].to_owned())
    };
    assert!(
        label("flowchart-A-").contains("color:#ffffff !important"),
        "{}",
        label("flowchart-A-")
    );
    assert!(
        label("flowchart-B-").contains("color:#0f172a !important"),
        "{}",
        label("flowchart-B-")
    );
}

#[test]
fn html_labels_cannot_reach_the_network() {
    let source = "flowchart LR\n    A[\"<img src='https://evil.example/x.png'> <b>bold</b>\"] --> B[\"<a href='https://x.example'>link</a> <script>alert(1)</script>\"]\n    click B call alert()\n";
    let svg = render(source, "xss");
    assert_no_external_references(&svg);
    assert!(!svg.to_ascii_lowercase().contains("<script"));
    assert!(!svg.contains(" onclick="));
}

#[test]
fn render_of_invalid_source_returns_the_positioned_error() {
    let result = engine().render(
        "flowchart TD\n    A[Start --> B\n",
        &RenderOptions::new("x"),
    );
    match result {
        Err(RenderError::Syntax(error)) => assert_eq!(error.line, Some(2)),
        other => panic!("{other:?}"),
    }
}

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "graph TD",
    "flowchart LR",
    "sequenceDiagram",
    "classDiagram",
    "stateDiagram-v2",
    "erDiagram",
    "gantt",
    "pie",
    "mindmap",
    "gitGraph",
    "journey",
    "timeline",
    "\n",
    "\n",
    " ",
    "A",
    "B",
    "-->",
    "->>",
    "---",
    "==>",
    "-.->",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "((",
    "))",
    "\"",
    "'",
    ":",
    ";",
    "|",
    "subgraph",
    "end",
    "participant",
    "note",
    "%%",
    "%%{",
    "}%%",
    "---\n",
    "<br/>",
    "<script>",
    "&",
    "#",
    "::",
    "[*]",
    "||--o{",
    "section",
    "title",
    "dateFormat",
    "1",
    "2024-01-01",
    "é",
    "💡",
    "\t",
    "\\",
    "click",
    "style",
    "classDef",
    "fill:#f00",
    "accTitle:",
    "loop",
    "alt",
    "else",
    "direction",
    "x",
];

#[test]
fn random_garbage_never_panics() {
    let engine = engine();
    let mut random = Lcg(0x5eed);
    for round in 0..300 {
        let length = random.next() % 40;
        let source: String = (0..length)
            .map(|_| FRAGMENTS[random.next() % FRAGMENTS.len()])
            .collect();
        let _ = engine.validate(&source);
        let _ = engine.render(&source, &RenderOptions::new(&format!("fuzz-{round}")));
    }
    let bytes: Vec<u8> = (0..2000).map(|_| (random.next() % 256) as u8).collect();
    let lossy = String::from_utf8_lossy(&bytes);
    let _ = engine.validate(&lossy);
    let _ = engine.render(&lossy, &RenderOptions::new(""));
}
