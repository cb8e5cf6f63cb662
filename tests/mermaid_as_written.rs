//! Mermaid diagrams as authors coming from other tools write them: under another fence name,
//! as HTML, with `click` links to other pages, with angle brackets in labels, with settings
//! and content the drawing leaves out. Each is drawn and counted like a ```` ```mermaid ````
//! fence, or named at its line.

use crate::support::{Course, fragment, prose};

fn course(book: &str, one: &str, two: &str) -> Course {
    Course::new()
        .file("book.toml", format!("title = \"T\"\n{book}"))
        .file("episodes/01-basics/episode-01-one.md", one)
        .file("episodes/01-basics/episode-02-two.md", two)
}

const OTHER_FENCES: &str = "# Episode 1: One\n\n```{mermaid}\nflowchart LR\n  A[MyST] --> B\n```\n\n```{.mermaid}\nflowchart LR\n  C[Pandoc] --> D\n```\n\n```mmd\nsequenceDiagram\n  Ext->>B: file extension\n```\n\n<pre class=\"mermaid\">\nflowchart LR\n  P --&gt; Q\n</pre>\n";

#[test]
fn diagrams_under_other_fence_names_are_drawn_and_counted_and_html_ones_named() {
    let course = course(
        "[lint]\nmin_diagrams = 3\n",
        OTHER_FENCES,
        "# Episode 2: Two\n\n```mermaid\ngraph TD\n  A --> B\n```\n\n```mermaid\ngraph TD\n  C --> D\n```\n\n```mermaid\ngraph TD\n  E --> F\n```\n",
    );
    let out = course.run(&["lint", "--format", "short"]);
    assert_eq!(
        out.stdout.trim_end(),
        "episodes/01-basics/episode-01-one.md:18:1: warning[mermaid-render]: a Mermaid diagram in a `<pre class=\"mermaid\">` element is neither checked nor drawn\nlint: 0 errors, 1 warning, 0 notes"
    );
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = course.read("site/basics/episode-01-one.html");
    let body = prose(&html);
    for (n, label) in ["MyST", "Pandoc", "file extension"].iter().enumerate() {
        let figure = fragment(
            body,
            &format!("<svg id=\"episode-01-one-d{}\"", n + 1),
            "</svg>",
        );
        assert!(figure.contains(label), "diagram {n}: {label} not drawn");
    }
    assert!(
        !body.contains("episode-01-one-d4"),
        "the HTML one is not drawn"
    );
}

#[test]
fn click_links_are_checked_and_drawn_like_the_pages_links() {
    let one = "# Episode 1: One\n\n## Part\n\n```mermaid\nflowchart LR\n  A --> B\n  click A \"episode-02-two.md\" \"Next\"\n  click B href \"episode-03-gone.md#part\"\n```\n";
    let course = course("", one, "# Episode 2: Two\n\nText.\n");
    let out = course.run(&["lint", "--format", "short"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let broken: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("broken-link"))
        .collect();
    assert_eq!(broken.len(), 1, "{}", out.stdout);
    assert!(
        broken[0].starts_with("episodes/01-basics/episode-01-one.md:9:17: error[broken-link]: broken link `episode-03-gone.md#part`"),
        "{}",
        broken[0]
    );
    course.run(&["build"]);
    let html = course.read("site/basics/episode-01-one.html");
    let svg = fragment(prose(&html), "<svg id=\"episode-01-one-d1\"", "</svg>");
    assert!(
        svg.contains("href=\"../basics/episode-02-two.html\""),
        "{svg}"
    );
    assert!(!svg.contains("episode-02-two.md"), "{svg}");
}

#[test]
fn what_a_valid_diagram_says_but_its_drawing_leaves_out_is_named() {
    let one = "# Episode 1: One\n\n```mermaid\n%%{init: {\"theme\": \"dark\", \"flowchart\": {\"curve\": \"step\"}}}%%\nflowchart LR\n  A[\"List<String>\"] --> B[\"one<br>two <b>bold</b>\"]\n```\n\n```mermaid\nclassDiagram\n  class Repo~T~\n  Repo : +find() List~T~\n  Repo : +all() List<T>\n```\n\n```mermaid\ntimeline\n  title History\n  2019 : before\n  section Later\n    2020 : after\n```\n";
    let course = course("", one, "# Episode 2: Two\n\nText.\n");
    let out = course.run(&["lint", "--format", "short"]);
    let found: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("mermaid-not-drawn"))
        .collect();
    insta::assert_snapshot!(found.join("\n"), @r"
    episodes/01-basics/episode-01-one.md:4:11: note[mermaid-not-drawn]: `theme` in this `%%{init: …}%%` directive is not applied
    episodes/01-basics/episode-01-one.md:6:10: warning[mermaid-not-drawn]: `<String>` is read as an HTML tag and left out of the drawn label
    episodes/01-basics/episode-01-one.md:13:21: warning[mermaid-not-drawn]: `<T>` is read as an HTML tag and left out of the drawn label
    episodes/01-basics/episode-01-one.md:19:3: warning[mermaid-not-drawn]: this period, before the timeline's first `section`, is not drawn
    ");
}
