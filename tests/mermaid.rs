//! Mermaid diagrams end to end: drawn as inline SVG at build time, invalid ones reported at
//! their line in the episode, the build surviving broken diagrams, the render cache, and every
//! diagram of the real corpus.

use std::collections::HashSet;

use crate::support::{self, Course, corpus, fragment, prose, run_with_cache};

fn episode(body: &str) -> Course {
    Course::new()
        .file("book.toml", "title = \"T\"\n")
        .file("episodes/01-basics/episode-01-one.md", body)
}

/// Every `id="…"` value in `html`.
fn ids(html: &str) -> Vec<&str> {
    html.match_indices(" id=\"")
        .filter_map(|(at, m)| {
            let rest = &html[at + m.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

const EVERY_TYPE: &str = "# Episode 1: One\n\n## Request path\n\n```mermaid\nflowchart LR\n  subgraph Edge [\"Edge PoPs\"]\n    LB[Load balancer] --> C{Cache hit?}\n  end\n  C -->|miss| O[(Origin)]\n```\n\n## Calls\n\n```mermaid\nsequenceDiagram\n  participant A as Author\n  A->>CLI: episode build\n  CLI-->>A: site ready\n```\n\n```mermaid\nclassDiagram\n  Course <|-- Episode : has\n```\n\n```mermaid\nstateDiagram-v2\n  [*] --> Draft\n  Draft --> Published : build\n```\n\n```mermaid\nerDiagram\n  SERIES ||--o{ EPISODE : contains\n```\n\n```mermaid\ngantt\n  title Release\n  dateFormat YYYY-MM-DD\n  section Write\n  Outline :a1, 2024-01-01, 3d\n```\n\n```mermaid\npie title Time spent\n  \"Writing\" : 60\n  \"Review\" : 40\n```\n";

#[test]
fn every_major_diagram_type_is_drawn_with_its_labels_and_unique_ids() {
    let course = episode(EVERY_TYPE);
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("mermaid-"), "{}", out.stderr);
    let html = course.read("site/basics/episode-01-one.html");
    let body = prose(&html);
    let expected: [(&str, &[&str]); 7] = [
        (
            "flowchart",
            &["Edge PoPs", "Load balancer", "Cache hit?", "Origin", "miss"],
        ),
        (
            "sequence",
            &["Author", "CLI", "episode build", "site ready"],
        ),
        ("class", &["Course", "Episode", "has"]),
        ("state", &["Draft", "Published", "build"]),
        ("er", &["SERIES", "EPISODE", "contains"]),
        ("gantt", &["Release", "Write", "Outline"]),
        ("pie", &["Time spent", "Writing", "Review"]),
    ];
    for (n, (kind, labels)) in expected.iter().enumerate() {
        let id = format!("episode-01-one-d{}", n + 1);
        let figure = fragment(body, &format!("<svg id=\"{id}\""), "</figure>");
        let svg = fragment(figure, "<svg", "</svg>");
        assert!(svg.contains("role=\"img\""), "{kind}");
        for label in *labels {
            assert!(svg.contains(label), "{kind}: label {label:?} missing");
        }
        assert!(
            figure.contains("<details class=\"diagram-code\"><summary>Show source</summary>"),
            "{kind}: no source toggle"
        );
    }
    // Accessible names: generated from the kind and labels, since these diagrams have no accTitle.
    assert!(body.contains(
        "<title id=\"episode-01-one-d1-title\">Flowchart: Edge PoPs, Load balancer, Cache hit?, Origin</title>"
    ));
    assert!(body.contains("<title id=\"episode-01-one-d2-title\">Sequence diagram: Author, CLI"));
    let all = ids(body);
    let unique: HashSet<&str> = all.iter().copied().collect();
    assert_eq!(unique.len(), all.len(), "duplicate ids on the page");
    assert!(
        !body.contains("<script"),
        "no script is shipped for diagrams"
    );
}

#[test]
fn diagram_accessible_name_comes_from_acc_title_or_a_summary_not_the_heading() {
    let course = episode(
        "# Episode 1: One\n\n## Architecture\n\n```mermaid\nflowchart LR\n  C[Client] --> G[API gateway]\n  G --> O[Orders service]\n  O --> D[(Database)]\n```\n\n## Retries\n\n```mermaid\nsequenceDiagram\n  accTitle: Retry with backoff\n  accDescr: The client retries twice before giving up.\n  Client->>Server: request\n```\n",
    );
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = course.read("site/basics/episode-01-one.html");
    let first = fragment(&html, "<svg id=\"episode-01-one-d1\"", "</title>");
    assert!(
        first.contains(">Flowchart: Client, API gateway, Orders service, Database"),
        "{first}"
    );
    assert!(!first.contains("Architecture"), "{first}");
    let second = fragment(&html, "<svg id=\"episode-01-one-d2\"", "</desc>");
    assert!(
        second.contains("aria-labelledby=\"episode-01-one-d2-title episode-01-one-d2-desc\""),
        "{second}"
    );
    assert!(second.contains(">Retry with backoff</title>"), "{second}");
    assert!(
        second.contains(">The client retries twice before giving up."),
        "{second}"
    );
}

#[test]
fn diagram_colours_follow_the_site_palette_in_both_modes() {
    let course = episode("# Episode 1: One\n\n```mermaid\ngraph TD\n  A --> B\n```\n");
    course.run(&["build"]);
    let svg = course.read("site/basics/episode-01-one.html");
    assert!(svg.contains("var(--mermaid-surface"));
    let css = course.read("site/assets/style.css");
    for selector in [
        ":root {",
        ":root[data-theme=\"dark\"] {",
        ":root:not([data-theme=\"light\"]) {",
    ] {
        let block = fragment(
            &css[css.find("/* Diagram colours").expect("generated")..],
            selector,
            "}",
        );
        assert!(block.contains("--mermaid-surface:"), "{selector}");
    }
}

fn broken_course() -> Course {
    Course::new()
        .file("book.toml", "title = \"T\"\n")
        .file(
            "episodes/01-basics/episode-01-one.md",
            "# Episode 1: One\n\nText.\n\n```mermaid\nflowchart LR\n    A --> B\n    B -> C\n```\n",
        )
        .file(
            "episodes/01-basics/episode-02-two.md",
            "# Episode 2: Two\n\n- In a list:\n\n  ```mermaid\n  graf TD\n      A --> B\n  ```\n",
        )
        .file(
            "episodes/01-basics/episode-03-three.md",
            "# Episode 3: Three\n\n```mermaid\n%% only a comment\n```\n\n```mermaid\ngraph TD\n  Fine --> Diagram\n```\n",
        )
}

#[test]
fn invalid_diagrams_are_reported_at_their_line_in_the_episode() {
    let out = broken_course().run(&["lint", "--format", "short"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let mermaid: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("mermaid-syntax"))
        .collect();
    insta::assert_snapshot!(mermaid.join("\n"), @r"
    episodes/01-basics/episode-01-one.md:8:7: error[mermaid-syntax]: Mermaid diagram is not valid: incomplete arrow (write `-->` or `---`)
    episodes/01-basics/episode-02-two.md:6:3: error[mermaid-syntax]: Mermaid diagram is not valid: unknown diagram type `graf`; did you mean `graph`? supported types: flowchart, graph, flowchart-elk, sequenceDiagram, classDiagram, classDiagram-v2, stateDiagram-v2, stateDiagram, erDiagram, gantt, pie, mindmap, timeline, journey, gitGraph, quadrantChart, requirementDiagram, C4Context, C4Container, C4Component, C4Dynamic, C4Deployment, sankey-beta, sankey, xychart-beta, xychart, block-beta, block, architecture-beta, architecture, packet-beta, packet, kanban, swimlane-beta, info, treeView-beta, ishikawa-beta, eventmodeling, venn-beta, zenuml, radar-beta, treemap-beta, railroad-beta, railroad-ebnf-beta, railroad-abnf-beta, railroad-peg-beta, wardley-beta, cynefin-beta, usecase-beta, agentflow-beta
    episodes/01-basics/episode-03-three.md:3:1: error[mermaid-syntax]: Mermaid diagram is not valid: the diagram is empty; start it with a diagram type: flowchart, graph, flowchart-elk, sequenceDiagram, classDiagram, classDiagram-v2, stateDiagram-v2, stateDiagram, erDiagram, gantt, pie, mindmap, timeline, journey, gitGraph, quadrantChart, requirementDiagram, C4Context, C4Container, C4Component, C4Dynamic, C4Deployment, sankey-beta, sankey, xychart-beta, xychart, block-beta, block, architecture-beta, architecture, packet-beta, packet, kanban, swimlane-beta, info, treeView-beta, ishikawa-beta, eventmodeling, venn-beta, zenuml, radar-beta, treemap-beta, railroad-beta, railroad-ebnf-beta, railroad-abnf-beta, railroad-peg-beta, wardley-beta, cynefin-beta, usecase-beta, agentflow-beta
    ");
}

#[test]
fn a_diagram_error_has_a_code_frame_and_help() {
    let out = broken_course().run(&["lint"]);
    assert_eq!(out.code, 1);
    let first = fragment(&out.stdout, "error[mermaid-syntax]", "\n\n");
    insta::assert_snapshot!(first, @r"
    error[mermaid-syntax]: Mermaid diagram is not valid: incomplete arrow (write `-->` or `---`)
     --> episodes/01-basics/episode-01-one.md:8:7
      |
    8 |     B -> C
      |       ^^^^ the diagram goes wrong here
      |
    help: the built page shows this diagram as its source until it is fixed; `episode lint --explain mermaid-syntax` says more
    ");
    let third = &out.stdout[out
        .stdout
        .find("error[mermaid-syntax]: Mermaid diagram is not valid: the diagram is empty")
        .expect("third")..];
    let no_line = fragment(third, " -->", "says more");
    insta::assert_snapshot!(no_line, @r"
     --> episodes/01-basics/episode-03-three.md:3:1
      |
    3 | ```mermaid
      | ^^^^^^^^^^ in this diagram (the parser does not say on which line)
      |
    help: read the diagram from its first line: the problem can be anywhere in it
    help: the built page shows this diagram as its source until it is fixed; `episode lint --explain mermaid-syntax` says more
    ");
}

#[test]
fn build_with_broken_diagrams_still_produces_every_page() {
    let course = broken_course();
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("— 3 errors, 0 warnings"),
        "{}",
        out.stderr
    );
    for page in ["episode-01-one", "episode-02-two", "episode-03-three"] {
        assert!(
            course.path(&format!("site/basics/{page}.html")).is_file(),
            "{page}"
        );
    }
    let one = course.read("site/basics/episode-01-one.html");
    let shown = fragment(prose(&one), "<figure", "</figure>");
    insta::assert_snapshot!(shown, @r#"
    <figure class="diagram diagram-source diagram-problem">
    <pre tabindex="0"><code class="language-mermaid">flowchart LR
        A --&gt; B
        B -&gt; C
    </code></pre>
    <figcaption>This diagram is not valid Mermaid on line 3 of the diagram: incomplete arrow (write `--&gt;` or `---`). It is shown as source.</figcaption>
    </figure>
    "#);
    let three = course.read("site/basics/episode-03-three.html");
    assert!(prose(&three).contains("<svg id=\"episode-03-three-d2\""));
    assert_eq!(course.run(&["build", "--strict"]).code, 1);
}

/// The first line of `episode build -v`'s table of what the diagrams drawn cost, by type.
const COST_BY_TYPE: &str =
    "  diagrams drawn while validated, by type (time to validate and draw, summed over threads):";

#[test]
fn a_second_build_takes_every_diagram_from_the_cache() {
    let course = episode(EVERY_TYPE);
    let cold = course.run(&["build", "-v"]);
    assert!(
        cold.stderr
            .contains("diagrams: 7 drawn while validated, 0 drawn for their page, 0 from earlier builds' cache"),
        "{}",
        cold.stderr
    );
    // One row per type drawn, then all types: the name, then "<count> drawn".
    let by_type: Vec<(String, usize)> = cold
        .stderr
        .lines()
        .skip_while(|line| *line != COST_BY_TYPE)
        .skip(1)
        .take_while(|line| line.starts_with("    "))
        .filter_map(|line| {
            let (name_and_count, _) = line.split_once(" drawn ")?;
            let (name, count) = name_and_count.trim().rsplit_once(' ')?;
            Some((name.trim().to_string(), count.parse().ok()?))
        })
        .collect();
    let mut names: Vec<&str> = by_type.iter().map(|(name, _)| name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "Gantt chart",
            "all types",
            "class diagram",
            "entity-relationship diagram",
            "flowchart",
            "pie chart",
            "sequence diagram",
            "state diagram"
        ],
        "{}",
        cold.stderr
    );
    for (name, count) in &by_type {
        let expected = if name == "all types" { 7 } else { 1 };
        assert_eq!(*count, expected, "{name}:\n{}", cold.stderr);
    }
    for (folder, what) in [("diagrams", "drawing"), ("diagram-checks", "validation")] {
        let files = support::files_in(&course.cache_dir().join(folder));
        assert_eq!(
            files.len(),
            1,
            "one sealed pack, nothing pending: {files:?}"
        );
        assert_eq!(
            support::pack_entries(&files[0]),
            7,
            "one {what} per diagram"
        );
    }
    let first = course.read("site/basics/episode-01-one.html");
    let warm = course.run(&["build", "-v"]);
    assert!(
        warm.stderr
            .contains("diagrams: 0 drawn while validated, 0 drawn for their page, 7 from earlier builds' cache"),
        "{}",
        warm.stderr
    );
    assert!(
        !warm.stderr.lines().any(|line| line == COST_BY_TYPE),
        "nothing drawn, no table: {}",
        warm.stderr
    );
    assert_eq!(
        course.read("site/basics/episode-01-one.html"),
        first,
        "cache changes nothing"
    );
}

#[test]
fn an_unwritable_cache_costs_only_a_note_with_verbose() {
    let course = episode("# Episode 1: One\n\n```mermaid\ngraph TD\n  A --> B\n```\n");
    let blocker = course.path("not-a-folder");
    std::fs::write(&blocker, "x").expect("write");
    let root = course.root().to_str().expect("utf-8");
    let quiet = run_with_cache(course.root(), &["--root", root, "build"], &blocker);
    assert_eq!(quiet.code, 0, "{}", quiet.stderr);
    assert!(!quiet.stderr.contains("cache"), "{}", quiet.stderr);
    assert!(
        course
            .read("site/basics/episode-01-one.html")
            .contains("<svg")
    );
    let verbose = run_with_cache(course.root(), &["--root", root, "build", "-v"], &blocker);
    assert_eq!(
        verbose.stderr.matches("diagram cache").count(),
        1,
        "{}",
        verbose.stderr
    );
}

#[test]
fn every_diagram_of_the_real_corpus_validates_and_renders() {
    let Some(corpus) = corpus() else { return };
    let blocks: usize = walk_md(&corpus.join("episodes"))
        .iter()
        .map(|p| {
            std::fs::read_to_string(p)
                .unwrap_or_default()
                .matches("```mermaid")
                .count()
        })
        .sum();
    assert!(blocks > 0);
    let out_dir = tempfile::tempdir().expect("temp");
    let cache = tempfile::tempdir().expect("temp");
    let out = run_with_cache(
        &corpus,
        &[
            "--root",
            corpus.to_str().expect("utf-8"),
            "build",
            "--out",
            out_dir.path().to_str().expect("utf-8"),
            "-v",
        ],
        cache.path(),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("[mermaid-"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("diagrams: {blocks} drawn while validated, 0 drawn for their page, 0 from earlier builds' cache, 0 failed")),
        "{}",
        out.stderr
    );
    // Episode pages only: each series' print page shows its episodes' diagrams again.
    let drawn: usize = walk_html(out_dir.path())
        .iter()
        .filter(|p| !p.ends_with("print.html"))
        .map(|p| {
            std::fs::read_to_string(p)
                .unwrap_or_default()
                .matches("<div class=\"diagram-svg\" style=\"--diagram-width:")
                .count()
        })
        .sum();
    assert_eq!(drawn, blocks);
}

fn walk_md(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    walk(dir, "md")
}

fn walk_html(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    walk(dir, "html")
}

fn walk(dir: &std::path::Path, ext: &str) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path, ext));
        } else if path.extension().is_some_and(|e| e == ext) {
            found.push(path);
        }
    }
    found
}

/// `levels` nested `block:` levels in a block diagram, as an episode.
fn nested_blocks(levels: usize) -> Course {
    let mut diagram = String::from("block-beta\n");
    for level in 0..levels {
        diagram.push_str(&format!("block:b{level}\n"));
    }
    diagram.push_str("leaf\n");
    diagram.push_str(&"end\n".repeat(levels));
    episode(&format!("# Episode 1: One\n\n```mermaid\n{diagram}```\n"))
}

#[test]
fn deeply_nested_diagram_is_rejected_before_it_exhausts_memory() {
    // Too large to check is not found wrong: a warning, and the page shows the source.
    let out = nested_blocks(3_000).run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("0 errors, 1 warning"), "{}", out.stderr);
    {
        let (command, code) = ("lint", 0);
        let out = nested_blocks(3_000).run(&[command]);
        assert_eq!(out.code, code, "{command}: {}", out.stderr);
        let finding = out
            .stdout
            .lines()
            .chain(out.stderr.lines())
            .find(|line| line.contains("warning[mermaid-render]"))
            .unwrap_or_else(|| panic!("{command}: no finding\n{}{}", out.stdout, out.stderr));
        assert!(
            finding.contains("more than the 20 KB") && finding.contains("split it"),
            "{finding}"
        );

        let out = nested_blocks(25).run(&[command]);
        assert_eq!(out.code, code, "{command}: {}", out.stderr);
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(
            all.contains(
                "warning[mermaid-render]: this Mermaid diagram was neither checked nor drawn: \
                 the diagram nests more than 20 levels deep; split it"
            ) && all.contains("--> episodes/01-basics/episode-01-one.md:25:1"),
            "{command}: {all}"
        );
    }
}

#[test]
fn diagram_with_thousands_of_edges_is_rejected_before_layout() {
    // 600 arrows in 10 KB: under the size bound, over the arrow bound.
    let chain: String = (0..600).map(|i| format!("n{i} --> n{}\n", i + 1)).collect();
    let course = episode(&format!(
        "# Episode 1: One\n\n```mermaid\nflowchart TD\n{chain}```\n"
    ));
    // Too large to check is not found wrong: a warning, and the page shows the source.
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("0 errors, 1 warning"), "{}", out.stderr);
    {
        let (command, code) = ("lint", 0);
        let out = course.run(&[command]);
        assert_eq!(out.code, code, "{command}: {}", out.stderr);
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(
            all.contains("warning[mermaid-render]") && all.contains("more than 500"),
            "{command}: {all}"
        );
    }
}

#[test]
fn invalid_text_label_is_reported_at_the_label_not_at_a_later_style_line() {
    let course = episode(
        "# Episode 1: One\n\n```mermaid\nflowchart LR\n    A[Cache (L1)] --> B\n    B --> C\n    style A fill:#f9f\n```\n",
    );
    let out = course.run(&["lint", "--format", "short"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "episode-01-one.md:5:13: error[mermaid-syntax]: Mermaid diagram is not valid: \
             invalid text label: unquoted `(` inside a node label"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn regression_repeated_kanban_columns_are_reported_not_drawn() {
    // Found by fuzzing: 40 columns named `Todo` took 15 s and 1.3 GB to draw.
    let columns: String = (0..40)
        .map(|_| "  Todo\n    [Write episode]\n    [Plan series]\n")
        .collect();
    let course = episode(&format!(
        "# Episode 1: One\n\n```mermaid\nkanban\n{columns}```\n"
    ));
    for (command, code) in [("lint", 1), ("build", 0)] {
        let out = course.run(&[command]);
        assert_eq!(out.code, code, "{command}: {}", out.stderr);
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(
            all.contains("the kanban column `Todo` is declared again (it is column 1)")
                && all.contains("episode-01-one.md:8:"),
            "{command}: {all}"
        );
    }
}

#[test]
fn regression_a_panic_inside_the_diagram_engine_is_a_finding_and_prints_nothing() {
    // Found by fuzzing: merman-core slices inside the line separator U+2028 in an ER
    // attribute and panics; the engine's guard turns that into a finding.
    let course = episode(
        "# Episode 1: One\n\n```mermaid\nerDiagram\n    CUSTOMERS {\n       \u{2028} text email\n    }\n```\n",
    );
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_episode"))
        .args([
            "--root",
            course.root().to_str().expect("utf-8 path"),
            "lint",
        ])
        .env("NO_COLOR", "1")
        .env("EPISODE_CACHE_DIR", course.cache_dir())
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run episode");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(stdout.contains("error[mermaid-syntax]"), "{stdout}");
}

#[test]
fn diagrams_that_parse_but_cannot_be_drawn_as_meant_are_lint_errors_at_their_line() {
    // A Gantt task after an id no task has starts the chart in 1970; a Sankey loop cannot
    // be laid out (only `build` found it); an `init` directive that is not JSON is dropped.
    let body = "# One\n\n```mermaid\ngantt\n  dateFormat YYYY-MM-DD\n  section Rollout\n    Canary 1%  :canary, 2025-03-03, 2d\n    Canary 10% :c10, after canray, 2d\n```\n\n```mermaid\nsankey-beta\n  Retries,Gateway,10\n  Gateway,Retries,5\n```\n\n```mermaid\n%%{init: {\"sequence\": {\"mirrorActors\": false}}%%\nsequenceDiagram\n  A->>B: x\n```\n\n```mermaid\ngantt\n  section Rollout\n    Canary 1%  :canary, 2025-03-03, 2d\n    Canary 10% :c10, after canary, 2d\n```\n";
    let out = episode(body).run(&["lint", "--format", "short"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let errors: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("error[mermaid-syntax]"))
        .collect();
    assert_eq!(errors.len(), 3, "{}", out.stdout);
    assert!(errors[0].contains(":8:28:") && errors[0].contains("did you mean `canary`?"));
    assert!(errors[1].contains(":14:") && errors[1].contains("Retries → Gateway → Retries"));
    assert!(errors[2].contains(":18:1:") && errors[2].contains("is ignored"));
}

#[test]
fn errors_merman_finds_after_parsing_point_at_their_statement_not_the_fence() {
    // Each diagram starts at line 4 + 2 per earlier fence and its own lines; the finding
    // names the line (and column) of the statement at fault.
    let diagrams = [
        "flowchart LR\n  A --> B\n  B@{ shape: nope }\n",
        "sequenceDiagram\n  participant A\n  A->>B: hi\n  create participant B\n",
        "sequenceDiagram\n  participant A\n  participant C\n  A->>A: hi\n  destroy C\n  A->>A: again\n",
        "sequenceDiagram\n  box Blue One\n  participant A\n  end\n  box Red Two\n  participant A\n  end\n",
        "timeline\n  title History\n  : launch\n",
        "pie\n  showData\n  showData\n  \"A\" : 10\n",
        "gantt\n  dateFormat YYYY-MM-DD\n  section S\n  One :a1, after a2, 3d\n  Two :a2, after a1, 2d\n",
        "flowchart LR\n  A@{ shape: rect, label: \"shape: nope\" } --> B@{ shape: nope }\n",
        // More fields than Mermaid reads: on the first task (merman stops) and on a later one
        // (Mermaid drops them without a word).
        "gantt\n  section S\n  One :a1, 2024-01-01, 3d,\n",
        "gantt\n  section S\n  One :a1, 2024-01-01, 3d\n  Two :a2, 2024-02-01, 2d, owner\n",
    ];
    let mut body = String::from("# Episode 1: One\n");
    let mut expected = Vec::new();
    for (diagram, (line, column)) in diagrams.iter().zip([
        (3, 14),
        (4, 22),
        (5, 3),
        (6, 15),
        (3, 3),
        (2, 3),
        (4, 18),
        (2, 58),
        (3, 26),
        (4, 28),
    ]) {
        body.push_str("\n```mermaid\n");
        let first = body.lines().count() + 1;
        body.push_str(diagram);
        body.push_str("```\n");
        expected.push(format!("episode-01-one.md:{}:{column}:", first + line - 1));
    }
    let out = episode(&body).run(&["lint", "--format", "short"]);
    let errors: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("error[mermaid-syntax]"))
        .collect();
    assert_eq!(errors.len(), expected.len(), "{}", out.stdout);
    for (error, place) in errors.iter().zip(&expected) {
        assert!(error.contains(place.as_str()), "{place} expected: {error}");
    }
    let fields = errors
        .iter()
        .filter(|e| e.contains("more fields than Mermaid reads"));
    assert_eq!(fields.count(), 2, "{}", out.stdout);
}

#[test]
fn diagrams_that_cannot_be_drawn_are_found_by_lint_and_build_alike_and_never_drawn_with_nan() {
    let body = "# Episode 1: One\n\n```mermaid\nrequirementDiagram\n  requirement r1 {\n  id: 1\n  text: fast\n  risk: high\n  verifymethod: test\n  }\n  r1 - satisfies -> nope\n```\n\n```mermaid\ngantt\n  section A\n  section B\n```\n\n```mermaid\nxychart-beta\n  x-axis [a, b, c, d]\n  bar [1, 2]\n```\n\n```mermaid\nblock-beta\n  columns 0\n  a b c\n```\n";
    let course = episode(body);
    let lint = course.run(&["lint", "--format", "short"]);
    let findings: Vec<&str> = lint
        .stdout
        .lines()
        .filter(|l| l.contains("[mermaid-"))
        .collect();
    let expected = [
        ":11:21: warning[mermaid-render]",
        ":15:1: warning[mermaid-render]",
        ":23:3: warning[mermaid-render]",
        ":28:3: error[mermaid-syntax]",
    ];
    assert_eq!(findings.len(), expected.len(), "{}", lint.stdout);
    for (finding, place) in findings.iter().zip(expected) {
        assert!(finding.contains(place), "{place} expected: {finding}");
    }
    let build = course.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        build.stderr.contains("1 error, 3 warnings"),
        "{}",
        build.stderr
    );
    let html = course.read("site/basics/episode-01-one.html");
    assert!(!html.contains("<svg id="), "nothing here can be drawn");
    assert!(!html.contains("NaN"), "no coordinate that is not a number");
}

#[test]
fn the_accessible_name_of_a_diagram_reads_its_labels_as_plain_text() {
    let course = episode(
        "# Episode 1: One\n\n```mermaid\nflowchart LR\n  A[\"`**Bold** start`\"] --> B[\"fa:fa-car Drive\"]\n```\n",
    );
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = course.read("site/basics/episode-01-one.html");
    let title = fragment(&html, "<title id=", "</title>");
    assert!(
        title.ends_with(">Flowchart: Bold start, Drive</title>"),
        "{title}"
    );
}

#[test]
fn a_markdown_labels_marks_that_are_not_emphasis_stay_in_the_accessible_name() {
    let course = episode(
        "# Episode 1: One\n\n```mermaid\nflowchart LR\n  A[\"`Multiply 2 * 3 and 4*5`\"] --> B[\"`Use _ as a separator`\"]\n```\n",
    );
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = course.read("site/basics/episode-01-one.html");
    let title = fragment(&html, "<title id=", "</title>");
    assert!(
        title.ends_with(">Flowchart: Multiply 2 * 3 and 4*5, Use _ as a separator</title>"),
        "{title}"
    );
}

#[test]
fn a_gantt_weekend_setting_is_reported_at_its_value() {
    let course = episode(
        "# Episode 1: One\n\n```mermaid\ngantt\n  dateFormat YYYY-MM-DD\n  weekend sunday\n  section S\n  Task :a1, 2024-01-05, 3d\n```\n",
    );
    let out = course.run(&["lint", "--format", "short"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("episode-01-one.md:6:11: error[mermaid-syntax]: Mermaid diagram is not valid: invalid weekend: sunday"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains('\u{1f}'), "{}", out.stdout);
}

#[test]
fn a_gantt_description_starting_with_weekend_is_drawn_as_written() {
    let course = episode(
        "# Episode 1: One\n\n```mermaid\ngantt\n  dateFormat YYYY-MM-DD\n  accDescr {\n    Weekend shifts and\n    weekday plans\n  }\n  section S\n  Task :a1, 2024-01-05, 3d\n```\n",
    );
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("mermaid-"), "{}", out.stderr);
    let html = course.read("site/basics/episode-01-one.html");
    let svg = fragment(&html, "<svg id=", "</svg>");
    assert!(svg.contains("Weekend shifts"), "{svg}");
    assert!(
        !html.contains('\u{1f}'),
        "no control character reaches the page"
    );
}

#[test]
fn a_semicolon_in_a_sequence_message_is_named_at_its_column() {
    let body = "# Episode 1: One\n\n```mermaid\nsequenceDiagram\n  A->>B: hello; world\n```\n\n```mermaid\nsequenceDiagram\n  A->>B: hello#59; world #quot;x#quot;\n```\n";
    let out = episode(body).run(&["lint", "--format", "short"]);
    let errors: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("error[mermaid-syntax]"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", out.stdout);
    assert!(
        errors[0].contains("episode-01-one.md:5:15:"),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].contains("`world` is read as a statement of its own; write `#59;`"),
        "{}",
        errors[0]
    );
}
