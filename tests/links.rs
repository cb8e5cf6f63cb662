//! Links between episodes and to heading anchors: checked by `lint` and `build`, rewritten
//! from `.md` files to the pages they mean.

use crate::support::{Course, fragment};

fn course() -> Course {
    Course::new()
        .file("book.toml", "title = \"T\"\n")
        .file(
            "episodes/01-basics/episode-01-caching.md",
            "# Episode 1: Caching\n\n## Eviction policies\n\nSee [retries](../02-ops/episode-02-retries.md#retry-budgets), [the budget page](../ops/episode-02-retries.html#retry-budgets) and [below](#eviction-policies).\n\nAlso [a typo](../02-ops/episode-02-retrys.md), [an anchor typo](../02-ops/episode-02-retries.md#retry-budget), [no such page](../ops/nothing.html), [home](../index.html) and [the web](https://example.org/missing.md).\n",
        )
        .file(
            "episodes/02-ops/episode-02-retries.md",
            "# Episode 2: Retries\n\n## Retry budgets\n\nBack to [caching](../01-basics/episode-01-caching.md), or [the series](series-overview.md).\n",
        )
        .file("episodes/02-ops/series-overview.md", "# Ops\n\nAbout the series.\n")
}

#[test]
fn broken_links_and_anchors_are_errors_with_the_closest_target() {
    let out = course().run(&["lint", "--format", "short"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let broken: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("broken-link"))
        .collect();
    assert_eq!(broken.len(), 3, "{}", out.stdout);
    assert!(
        broken[0].starts_with("episodes/01-basics/episode-01-caching.md:7:"),
        "{}",
        broken[0]
    );
    assert!(
        broken[0].contains("no episode at `episodes/02-ops/episode-02-retrys.md`"),
        "{}",
        broken[0]
    );
    assert!(
        broken[1].contains("no heading with the anchor `#retry-budget`"),
        "{}",
        broken[1]
    );
    assert!(
        broken[2].contains("no page `ops/nothing.html` on the site"),
        "{}",
        broken[2]
    );
    let human = course().run(&["lint"]);
    assert!(
        human
            .stdout
            .contains("help: did you mean `../02-ops/episode-02-retries.md`?"),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stdout
            .contains("help: did you mean `../02-ops/episode-02-retries.md#retry-budgets`?"),
        "{}",
        human.stdout
    );
}

#[test]
fn a_suggestion_is_never_the_linking_file_and_is_written_as_the_link_would_be() {
    let course = Course::new().file("book.toml", "title = \"T\"\n").file(
        "episodes/01-basics/episode-01-caching.md",
        "# Episode 1: Caching\n\n## Eviction policies\n\nSee [a typo](./episode-01-cachin.md), [a page typo](episode-01-cachin.html), [a file](./episode-01-caching.mq), [an anchor](#eviction-policie) and [none](#zzzzzzzzzzzz).\n",
    ).file(
        "episodes/02-ops/episode-02-retries.md",
        "# Episode 2: Retries\n\nSee [caching](../01-basics/episode-01-cachng.md).\n",
    );
    let out = course.run(&["lint", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    let helps: Vec<(&str, &str)> = json["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or(""),
                d["help"].as_str().unwrap_or(""),
            )
        })
        .filter(|(rule, _)| ["broken-link", "missing-file"].contains(rule))
        .collect();
    assert_eq!(helps.len(), 6, "{}", out.stdout);
    for (rule, help) in &helps[..3] {
        assert!(!help.contains("episode-01-caching"), "{rule}: {help}");
    }
    assert_eq!(
        helps[3],
        ("broken-link", "did you mean `#eviction-policies`?")
    );
    assert!(!helps[4].1.contains("did you mean"), "{}", helps[4].1);
    // From another folder, the path is written from the linking file's folder.
    assert_eq!(
        helps[5],
        (
            "broken-link",
            "did you mean `../01-basics/episode-01-caching.md`?"
        )
    );
}

#[test]
fn a_suggestion_is_the_closest_target_from_the_course_root_and_never_a_lookalike_of_the_linking_file()
 {
    let course = Course::new()
        .file("book.toml", "title = \"T\"\n")
        .file(
            "episodes/01-pattern-drills/episode-01-retry-budgets-at-globex.md",
            "# Episode 1: Retry budgets\n\nSee [a](../pattern-drill/), [b](../case-studie/), [c](./episode-01-retry-budgets-at-globe.md) and ![d](episode-01-retry-budgets-at-globex.mdx).\n",
        )
        .file(
            "episodes/01-pattern-drills/episode-02-circuit-breakers-at-initech.md",
            "# Episode 2: Circuit breakers\n\nText.\n",
        )
        .file(
            "episodes/02-case-studies/episode-03-outage.md",
            "# Episode 3: Outage\n\nText.\n",
        );
    let out = course.run(&["lint", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    let helps: Vec<(&str, &str)> = json["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| ["broken-link", "missing-file"].contains(&d["rule"].as_str().unwrap_or("")))
        .map(|d| {
            (
                d["message"].as_str().unwrap_or(""),
                d["help"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(helps.len(), 4, "{}", out.stdout);
    // Written from the episode's page, which is in the pattern drills' folder.
    assert_eq!(helps[0].1, "did you mean `index.html`?", "{}", helps[0].0);
    assert_eq!(
        helps[1].1, "did you mean `../case-studies/index.html`?",
        "{}",
        helps[1].0
    );
    // A typo of the linking file's own name suggests no other file.
    for (message, help) in &helps[2..] {
        assert!(!help.contains("did you mean"), "{message}: {help}");
    }
}

#[test]
fn an_invisible_character_in_a_link_is_shown_escaped_beside_the_hint() {
    let course = Course::new().file("book.toml", "title = \"T\"\n").file(
        "episodes/01-basics/episode-01-caching.md",
        "# Episode 1: Caching\n\n## Eviction policies\n\nSee [below](#eviction\u{200b}-policies).\n",
    );
    let out = course.run(&["lint", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    let broken: Vec<&serde_json::Value> = json["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["rule"] == "broken-link")
        .collect();
    assert_eq!(broken.len(), 1, "{}", out.stdout);
    let message = broken[0]["message"].as_str().unwrap_or("");
    assert!(message.contains("#eviction\\u{200b}-policies"), "{message}");
    assert!(!message.contains('\u{200b}'), "{message}");
    assert_eq!(broken[0]["help"], "did you mean `#eviction-policies`?");
}

#[test]
fn a_broken_link_column_points_at_the_destination() {
    let out = Course::new()
        .file(
            "episodes/01-a/episode-01-a.md",
            "# Episode 1: A\n\nRead [this](#nowhere).\n",
        )
        .run(&["lint", "--format", "short"]);
    assert!(
        out.stdout
            .contains("episode-01-a.md:3:13: error[broken-link]"),
        "{}",
        out.stdout
    );
}

#[test]
fn markdown_links_become_links_to_the_pages() {
    let c = course();
    let out = c.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = c.read("site/basics/episode-01-caching.html");
    let body = fragment(&page, "<article", "</article>");
    assert!(
        body.contains(r#"href="../ops/episode-02-retries.html#retry-budgets">retries</a>"#),
        "{body}"
    );
    assert!(body.contains(r##"href="#eviction-policies""##), "{body}");
    assert!(
        body.contains(r#"href="https://example.org/missing.md""#),
        "{body}"
    );
    let back = c.read("site/ops/episode-02-retries.html");
    assert!(back.contains(r#"href="../basics/episode-01-caching.html">caching</a>"#));
    assert!(
        back.contains(r#"href="../ops/index.html">the series</a>"#),
        "a series introduction is published on its series page"
    );
}

#[test]
fn build_reports_broken_links_as_errors() {
    let out = course().run(&["build", "--strict"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("error[broken-link]"), "{}", out.stderr);
}

#[test]
fn links_in_a_series_introduction_are_checked_and_rewritten_from_the_series_page() {
    let c = Course::new()
        .file("book.toml", "title = \"T\"\n")
        .file(
            "episodes/01-basics/episode-01-caching.md",
            "# Episode 1: Caching\n\n## Eviction policies\n\nText.\n",
        )
        .file(
            "episodes/01-basics/index.md",
            "# Basics\n\n## Start here\n\nBegin with [caching](episode-01-caching.md#eviction-policies), not [this](episode-01-cachng.md) or [that](#start-her).\n",
        );
    let out = c.run(&["lint", "--format", "short"]);
    let broken: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("broken-link"))
        .collect();
    assert_eq!(broken.len(), 2, "{}", out.stdout);
    assert!(
        broken[0].starts_with("episodes/01-basics/index.md:5:")
            && broken[0].contains("no episode at `episodes/01-basics/episode-01-cachng.md`"),
        "{}",
        broken[0]
    );
    assert!(
        broken[1].contains("no heading with the anchor `#start-her` on this page"),
        "{}",
        broken[1]
    );
    c.run(&["build"]);
    let series = c.read("site/basics/index.html");
    assert!(
        series
            .contains(r#"href="../basics/episode-01-caching.html#eviction-policies">caching</a>"#),
        "{}",
        fragment(&series, "<main", "</main>")
    );
}

/// Each suggestion compares a broken link with every target, so a file of thousands of broken
/// links once took seconds (4,000 took 7 s): past the first 100 of a file, none is looked for.
#[test]
fn regression_suggestions_stop_after_the_first_hundred_broken_links_of_a_file() {
    let headings: String = (0..150)
        .map(|i| format!("## Heading number {i}\n\ntext\n\n"))
        .collect();
    let links: String = (0..150)
        .map(|i| format!("[l](#heading-numbr-{i})\n"))
        .collect();
    let course = Course::new().file("book.toml", "title = \"T\"\n").file(
        "episodes/01-basics/episode-01-x.md",
        format!("# Episode 1: X\n\n{headings}{links}"),
    );
    let out = course.run(&["lint", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    let helps: Vec<&str> = json["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["rule"] == "broken-link")
        .map(|d| d["help"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(helps.len(), 150, "{}", out.stdout);
    assert_eq!(helps[0], "did you mean `#heading-number-0`?");
    assert_eq!(helps[99], "did you mean `#heading-number-99`?");
    assert!(
        helps[100..].iter().all(|h| h
            .ends_with("no close target is looked for past the first 100 broken links of a file")),
        "{}",
        helps[100]
    );
}
