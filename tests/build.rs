//! `episode build` rendering, tested by fragment: one block or the body of one page.

use crate::support::{Course, fragment, prose};

fn episode(body: &str) -> Course {
    Course::new()
        .file("book.toml", "title = \"T\"\n")
        .file("episodes/01-basics/episode-01-one.md", body)
}

#[test]
fn headings_get_unique_slugs_and_self_links_with_emoji_and_duplicates() {
    let course = episode(
        "# Episode 1: One\n\n## 🎯 Executive Summary\n\n## ⚙️ Setup\n\n### Results\n\n### Results\n\n```bash\n# not a heading\n```\n",
    );
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = course.read("site/basics/episode-01-one.html");
    let headings: Vec<&str> = prose(&html)
        .lines()
        .filter(|l| l.starts_with("<h"))
        .collect();
    insta::assert_snapshot!(headings.join("\n"), @r##"
    <h2 id="executive-summary">🎯 Executive Summary<a class="anchor" href="#executive-summary" aria-hidden="true" tabindex="-1">#</a></h2>
    <h2 id="setup">⚙️ Setup<a class="anchor" href="#setup" aria-hidden="true" tabindex="-1">#</a></h2>
    <h3 id="results">Results<a class="anchor" href="#results" aria-hidden="true" tabindex="-1">#</a></h3>
    <h3 id="results-1">Results<a class="anchor" href="#results-1" aria-hidden="true" tabindex="-1">#</a></h3>
    "##);
    let toc = fragment(&html, "<aside class=\"toc\"", "</aside>");
    assert!(toc.contains("href=\"#results-1\""), "{toc}");
}

#[test]
fn code_is_highlighted_with_language_label_and_copy_button() {
    let course = episode("# Episode 1: One\n\n```py\nx = 1\n```\n");
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = course.read("site/basics/episode-01-one.html");
    let block = fragment(&html, "<div class=\"codeblock\">", "</pre>");
    assert!(
        block.contains("<span class=\"code-lang\">py</span><button type=\"button\" class=\"copy\""),
        "{block}"
    );
    assert!(
        block.contains("<code class=\"language-py\"><span class=\"hl-ts\">"),
        "{block}"
    );
    assert!(
        block.contains("<span class=\"hl-number\">1</span>"),
        "{block}"
    );
}

#[test]
fn a_fence_title_is_the_caption_of_its_block() {
    let course = episode("# Episode 1: One\n\n```py title=\"app <1>.py\"\nx = 1\n```\n");
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = course.read("site/basics/episode-01-one.html");
    let block = fragment(&html, "<div class=\"codeblock\">", "</pre>");
    assert!(
        block.contains(
            "<span class=\"code-title\">app &lt;1&gt;.py</span><span class=\"code-lang\">py</span>"
        ),
        "{block}"
    );
}

#[test]
fn console_prompts_and_output_are_plain_and_hidden_lines_are_left_out() {
    let course = episode(
        "# Episode 1: One\n\n```pycon\n>>> x = 1\n>>> x\n1\n```\n\n```rust\n# fn main() {\nlet y = 2;\n# }\n```\n",
    );
    let out = course.run(&["lint"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(!out.stdout.contains("code-syntax"), "{}", out.stdout);
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = course.read("site/basics/episode-01-one.html");
    let console = fragment(&html, "<code class=\"language-pycon\">", "</code>");
    assert!(console.contains("</span>1<span"), "{console}");
    assert!(console.contains("&gt;&gt;&gt; <span"), "{console}");
    let rust = fragment(&html, "<code class=\"language-rust\">", "</code>");
    assert!(!rust.contains("main"), "{rust}");
    assert!(rust.contains("let"), "{rust}");
}

#[test]
fn unknown_language_is_shown_plain_with_a_warning_at_the_fence() {
    let course = episode("# Episode 1: One\n\nText.\n\n```klingon\nqapla' <b>\n```\n");
    let out = course.run(&["build", "--verbose"]);
    assert_eq!(out.code, 0);
    let findings = out
        .stderr
        .lines()
        .skip_while(|l| !l.starts_with("warning["));
    insta::assert_snapshot!(findings.take(7).collect::<Vec<_>>().join("\n"), @r"
    warning[unknown-language]: unknown language `klingon`: the code is shown without highlighting
     --> episodes/01-basics/episode-01-one.md:5:1
      |
    5 | ```klingon
      | ^^^^^^^^^^ this language name is not known to the highlighter
      |
    help: use a common name or extension (python, py, rust, rs, yaml, sql, bash, ts), or `text` for plain text
    ");
    let html = course.read("site/basics/episode-01-one.html");
    let code = fragment(&html, "<code class=\"language-klingon\">", "</code>");
    assert_eq!(
        code,
        "<code class=\"language-klingon\">qapla&#39; &lt;b&gt;\n</code>"
    );
}

#[test]
fn metrics_fence_becomes_metric_cards() {
    let course = episode(
        "# Episode 1: One\n\n```metrics\ntitle: Steady load\nsource: 3 runs\nitems:\n  - label: p99 latency\n    value: 47.6\n    unit: ms\n    note: mean of 3 runs\n```\n",
    );
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = course.read("site/basics/episode-01-one.html");
    insta::assert_snapshot!(fragment(&html, "<section class=\"metrics\"", "</section>"), @r#"
    <section class="metrics" aria-label="Steady load">
    <p class="metrics-title">Steady load</p>
    <dl class="metric-grid">
    <div class="metric"><dt>p99 latency</dt><dd class="metric-value">47.6<span class="metric-unit">ms</span></dd><dd class="metric-note">mean of 3 runs</dd></div>
    </dl>
    <p class="metrics-source">Source: 3 runs</p>
    </section>
    "#);
}

#[test]
fn regression_an_invalid_metrics_fence_is_reported_once_and_shown_as_source() {
    let course = episode("# Episode 1: One\n\n```metrics\ntitle: [oops\n```\n");
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stderr.matches("[metrics-fence]").count(),
        1,
        "{}",
        out.stderr
    );
    insta::assert_snapshot!(out.stderr.lines().take(2).collect::<Vec<_>>().join("\n"), @r"
    error[metrics-fence]: metrics fence is not valid: title: invalid type: a list, expected text
     --> episodes/01-basics/episode-01-one.md:4:8
    ");
    let html = course.read("site/basics/episode-01-one.html");
    assert!(
        fragment(&html, "<div class=\"codeblock metrics-invalid\">", "</pre>")
            .contains("title: [oops")
    );
}

#[test]
fn gfm_tables_footnotes_tasks_strikethrough_and_external_links() {
    let course = episode(
        "# Episode 1: One\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~old~~ see [site](https://example.com)[^1].\n\n[^1]: A note.\n",
    );
    course.run(&["build"]);
    let html = course.read("site/basics/episode-01-one.html");
    let body = prose(&html);
    assert!(
        body.contains(
            "<div class=\"table-wrap\" role=\"region\" aria-label=\"Table 1: a, b\" tabindex=\"0\"><table>"
        ),
        "{body}"
    );
    assert!(
        body.contains("<input disabled=\"\" type=\"checkbox\" checked=\"\" aria-label=\"done\"/>")
            && body.contains("<input disabled=\"\" type=\"checkbox\" aria-label=\"todo\"/>"),
        "{body}"
    );
    assert!(body.contains("<del>old</del>"), "{body}");
    assert!(
        body.contains("<a href=\"https://example.com\" rel=\"noopener\">site</a>"),
        "{body}"
    );
    // Footnotes have ids of their own and link both ways.
    assert!(
        body.contains("<sup class=\"footnote-reference\" id=\"fnref-1\"><a href=\"#fn-1\" aria-label=\"Note 1\">1</a></sup>"),
        "{body}"
    );
    assert!(
        body.contains("<div class=\"footnote-definition\" id=\"fn-1\">")
            && body.contains("<a class=\"footnote-backref\" href=\"#fnref-1\""),
        "{body}"
    );
}

#[test]
fn legacy_header_lines_move_into_the_header_card() {
    let course = episode(
        "# Episode 1: One\n## Basics Series - Workshop\n\n**Series**: Basics  \n**Duration**: 2 hours  \n**Format**: Lecture\n\n---\n\n## Intro\n\nWords.\n",
    );
    course.run(&["build"]);
    let html = course.read("site/basics/episode-01-one.html");
    let card = fragment(&html, "<header class=\"episode-card\">", "</header>");
    assert!(card.contains("<h1>One</h1>"), "{card}");
    assert!(
        card.contains("<p class=\"subtitle\">Basics Series - Workshop</p>"),
        "{card}"
    );
    assert!(card.contains("<dt>Duration</dt><dd>2 hours</dd>"), "{card}");
    assert!(card.contains("<dt>Format</dt><dd>Lecture</dd>"), "{card}");
    assert!(
        prose(&html).starts_with("<article class=\"prose\">\n<h2 id=\"intro\">"),
        "{}",
        prose(&html)
    );
}

#[test]
fn regression_a_subtitle_heading_without_the_word_series_keeps_duration_difficulty_and_format() {
    let course = episode(
        "# Episode 1: One\n## A Hands-on Workshop\n\n**Duration**: 45 minutes  \n**Difficulty**: Advanced  \n**Format**: Workshop\n\n---\n\n## Intro\n\nWords.\n",
    );
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = course.read("site/basics/episode-01-one.html");
    let card = fragment(&html, "<header class=\"episode-card\">", "</header>");
    assert!(
        card.contains("<p class=\"subtitle\">A Hands-on Workshop</p>"),
        "{card}"
    );
    assert!(
        card.contains("<dt>Duration</dt><dd>45 minutes</dd>"),
        "{card}"
    );
    assert!(
        card.contains("<dt>Difficulty</dt><dd>Advanced</dd>"),
        "{card}"
    );
    assert!(card.contains("<dt>Format</dt><dd>Workshop</dd>"), "{card}");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let course = episode("---\ntitle: One\nnumber: 1\ndraft: true\n---\n# One\n")
        .file("episodes/01-basics/episode-02-two.md", "# Episode 2: Two\n");
    course.run(&["build"]);
    assert!(!course.path("site/basics/episode-01-one.html").exists());
    course.run(&["build", "--drafts"]);
    assert!(course.path("site/basics/episode-01-one.html").exists());
}

#[test]
fn pages_link_relatively_and_the_sitemap_is_absolute() {
    let course = episode("# Episode 1: One\n").file(
        "book.toml",
        "title = \"T\"\nbase_url = \"https://example.com/course\"\n",
    );
    course.run(&["build"]);
    let html = course.read("site/basics/episode-01-one.html");
    assert!(html.contains("<link rel=\"stylesheet\" href=\"../assets/style.css\">"));
    let sitemap = course.read("site/sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.com/course/basics/episode-01-one.html</loc>"),
        "{sitemap}"
    );
}

#[test]
fn a_course_template_overrides_the_default_file_by_file() {
    let course = episode("# Episode 1: One\n")
        .file("templates/series.html", "<p>custom {{ series.name }}</p>\n")
        .file("templates/assets/style.css", "body { color: red; }\n");
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        course.read("site/basics/index.html"),
        "<p>custom Basics</p>\n"
    );
    assert!(
        course
            .read("site/assets/style.css")
            .starts_with("body { color: red; }\n")
    );
    assert!(course.read("site/index.html").contains("class=\"hero\""));
}

#[test]
fn coverage_page_colours_each_recommendation_and_links_to_its_evidence() {
    let course = episode(
        "# Episode 1: One\n\n## Results\n\n- **p99 latency**: 41 ms\n- **Hit rate**: 93%\n",
    )
    .file(
        "enhancements/recs.md",
        "# Recommendations\n\n## Episodes 1-1 (Basics)\n\n### Episode 1: One\n\n**Recommended Enhancements:**\n\n1. **Add Latency Metrics:**\n```markdown\n### Latency\n\n- **p99 latency**: 40 ms\n- **Hit rate**: 90%\n```\n\n2. **Add a Sequence Diagram:**\n```mermaid\nsequenceDiagram\n    Client->>Cache: GET\n```\n",
    );
    let readers = course.run(&["build"]);
    assert_eq!(readers.code, 0, "{}", readers.stderr);
    assert!(
        !course.path("site/coverage.html").exists(),
        "the coverage page is for editors: published only when book.toml asks"
    );
    assert!(!course.read("site/index.html").contains("coverage.html"));
    let course = course.file("book.toml", "title = \"T\"\n\n[site]\ncoverage = true\n");
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = course.read("site/coverage.html");
    let cells: Vec<String> = fragment(&html, "<tbody>", "</tbody>")
        .lines()
        .map(str::trim)
        .filter(|l| l.contains("class=\"verdict "))
        .map(|l| l.split(" title=").next().unwrap_or(l).to_owned())
        .collect();
    insta::assert_snapshot!(cells.join("\n"), @r#"
    <a class="verdict verdict-satisfied" href="basics/episode-01-one.html#results"
    <span class="verdict verdict-missing"
    "#);
    let home = course.read("site/index.html");
    assert!(
        home.contains("href=\"coverage.html\">Coverage</a>"),
        "the header links the coverage page"
    );
}

#[test]
fn no_coverage_page_without_recommendations() {
    let course = episode("# Episode 1: One\n\nText.\n");
    assert_eq!(course.run(&["build"]).code, 0);
    assert!(!course.path("site/coverage.html").exists());
}

#[test]
fn a_series_overview_is_the_series_introduction_not_one_more_episode() {
    let course = Course::new()
        .file("book.toml", "title = \"T\"\n")
        .file(
            "episodes/01-basics/episode-01-one.md",
            "# Episode 1: One\n\nText.\n",
        )
        .file(
            "episodes/01-basics/episode-02-two.md",
            "# Episode 2: Two\n\nText.\n",
        )
        .file(
            "episodes/01-basics/series-overview.md",
            "# Basics: Series Overview\n\nThis series builds **the foundations**.\n",
        )
        .file(
            "episodes/01-basics/README.md",
            "# About this folder\n\nRepository notes.\n",
        )
        .file(
            "episodes/02-more/README.md",
            "# More\n\nWhat the second series covers.\n\n```mermaid\nflowchart LR\n  Intro --> Episodes\n```\n",
        )
        .file(
            "episodes/02-more/podcast.md",
            "# PODCAST EPISODE 1: Loud\n\nText.\n",
        );
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("Built 3 episodes"), "{}", out.stderr);
    assert!(!out.stderr.contains("episode-number"), "{}", out.stderr);
    let series = course.read("site/basics/index.html");
    let intro = fragment(
        &series,
        "<article class=\"prose series-intro\">",
        "</article>",
    );
    assert!(
        intro.contains("This series builds <strong>the foundations</strong>."),
        "{intro}"
    );
    assert!(
        !intro.contains("Series Overview"),
        "the title is the series name: {intro}"
    );
    assert!(
        !series.contains("Repository notes"),
        "a README not chosen is left out"
    );
    assert!(!course.path("site/basics/series-overview.html").exists());
    let more = course.read("site/more/index.html");
    assert!(
        more.contains("What the second series covers."),
        "a README alone is the intro"
    );
    assert!(
        more.contains("<svg id=\"more-intro-d1\""),
        "its diagrams are drawn like an episode's"
    );
    let podcast = course.read("site/more/podcast.html");
    assert!(
        podcast.contains("<h1>Loud</h1>"),
        "the PODCAST label is not part of the title"
    );
}

#[test]
fn each_series_has_a_print_page_with_every_episode_and_it_never_replaces_one() {
    let course = Course::new()
        .file("book.toml", "title = \"T\"\n")
        .file(
            "episodes/01-basics/episode-01-one.md",
            "# Episode 1: One\n\nFirst body.\n",
        )
        .file(
            "episodes/01-basics/episode-02-two.md",
            "# Episode 2: Two\n\nSecond body.\n",
        )
        .file(
            "episodes/01-basics/print.md",
            "# Episode 3: Print Me\n\nThird body.\n",
        );
    let out = course.run(&["build"]);
    assert!(
        out.stderr.contains("error[output-collision]"),
        "{}",
        out.stderr
    );
    let print = course.read("site/basics/print.html");
    let sections: Vec<&str> = print.matches("<section class=\"print-episode\"").collect();
    assert_eq!(sections.len(), 3, "{print}");
    let first = print.find("First body.").expect("episode 1");
    let second = print.find("Second body.").expect("episode 2");
    assert!(first < second, "in course order");
    assert!(
        course
            .read("site/basics/print-2.html")
            .contains("Third body.")
    );
    assert!(
        course
            .read("site/basics/index.html")
            .contains("href=\"../basics/print.html\"")
    );
}

/// An episode without a number once took number 1 because its file sorted first, and the
/// episode whose file says `episode-01` was then reported as defined twice.
#[test]
fn regression_an_unnumbered_episode_takes_a_number_no_episode_declares() {
    let course = Course::new()
        .file("book.toml", "title = \"T\"\n")
        .file(
            "episodes/01-basics/about-things.md",
            "# About Things\n\nText.\n",
        )
        .file(
            "episodes/01-basics/episode-01-one.md",
            "# Episode 1: One\n\nText.\n",
        )
        .file(
            "episodes/01-basics/episode-02-two.md",
            "# Episode 2: Two\n\nText.\n",
        );
    let out = course.run(&["lint", "--format", "short"]);
    assert!(!out.stdout.contains("duplicate-episode"), "{}", out.stdout);
    assert!(
        out.stdout.contains(
            "about-things.md:1:1: warning[episode-number]: this episode has no number; it is shown as episode 3"
        ),
        "{}",
        out.stdout
    );
}

/// The pager runs on across series, and a series' print page keeps each episode's anchors
/// apart: two episodes with the same headings and footnotes once shared their ids, so a
/// link to the second's footnote jumped to the first's.
#[test]
fn the_pager_crosses_series_and_print_pages_keep_episode_anchors_apart() {
    let body = |n: u32| {
        format!(
            "# Episode {n}: Part {n}\n\n## Summary\n\nSee [the summary](#summary) and a note.[^1]\n\n[^1]: The note of part {n}.\n"
        )
    };
    let course = Course::new()
        .file("book.toml", "title = \"T\"\n")
        .file("episodes/01-basics/episode-01-one.md", body(1))
        .file("episodes/01-basics/episode-02-two.md", body(2))
        .file("episodes/02-more/episode-01-three.md", body(1));
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let last_of_first = course.read("site/basics/episode-02-two.html");
    assert!(
        last_of_first.contains("rel=\"next\"")
            && last_of_first.contains("Next · More, Episode 1 →"),
        "{last_of_first}"
    );
    let first_of_second = course.read("site/more/episode-01-three.html");
    assert!(
        first_of_second.contains("← Previous · Basics, Episode 2"),
        "{first_of_second}"
    );
    let print = course.read("site/basics/print.html");
    for n in [1, 2] {
        assert!(
            print.contains(&format!("id=\"e{n}-summary\""))
                && print.contains(&format!("href=\"#e{n}-summary\"")),
            "episode {n}'s anchors:\n{print}"
        );
    }
    assert!(!print.contains("id=\"summary\""), "{print}");
}
