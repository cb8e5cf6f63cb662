//! Episodes as folders (`[episodes] layout = "bundle"`): small invented courses, linted and
//! built by the real binary. One course has series, split scripts, alternative versions, a
//! folder without a script, a number clash, code in several languages, notes and stray
//! Markdown; the other has its episode folders directly in `episodes/` (no series).

use crate::support::{Course, fragment, tree};

const BOOK: &str = "title = \"Bundles\"\n\n[episodes]\nlayout = \"bundle\"\n";

/// The course with series: each folder of `episodes/01-reliability/` is one episode.
fn with_series() -> Course {
    let s = "episodes/01-reliability";
    Course::new()
        .file("book.toml", BOOK)
        .file(
            format!("{s}/README.md").as_str(),
            "# Reliability\n\nHow systems keep working.\n",
        )
        .file(format!("{s}/loose-ideas.md").as_str(), "# Ideas\n")
        // A whole episode: script, code in three languages with tests, notes, a stray file.
        .file(
            format!("{s}/episode-001-queueing/README.md").as_str(),
            "# About this folder\n",
        )
        .file(
            format!("{s}/episode-001-queueing/script/episode-script.md").as_str(),
            "# Queueing\n\n## Arrivals\n\nRequests arrive faster than they leave.\n",
        )
        .file(
            format!("{s}/episode-001-queueing/code/python/simulate.py").as_str(),
            "print(1)\n",
        )
        .file(
            format!("{s}/episode-001-queueing/code/tests/test_simulate.py").as_str(),
            "def test_it():\n    assert True\n",
        )
        .file(
            format!("{s}/episode-001-queueing/code/java/Breaker.java").as_str(),
            "class Breaker {}\n",
        )
        .file(
            format!("{s}/episode-001-queueing/code/java/BreakerTest.java").as_str(),
            "class BreakerTest {}\n",
        )
        .file(
            format!("{s}/episode-001-queueing/code/go/queue.go").as_str(),
            "package queue\n",
        )
        .file(
            format!("{s}/episode-001-queueing/code/go/queue_test.go").as_str(),
            "package queue\n",
        )
        .file(
            format!("{s}/episode-001-queueing/code/requirements.txt").as_str(),
            "simpy\n",
        )
        .file(
            format!("{s}/episode-001-queueing/research/research-notes.md").as_str(),
            "# Sources We Read\n\nSee [the episode](../script/episode-script.md).\n",
        )
        .file(
            format!("{s}/episode-001-queueing/drafts/ideas.md").as_str(),
            "# Ideas\n",
        )
        // A script in three parts, with part10 to show natural order; part 3 has a problem.
        .file(
            format!("{s}/episode-002-retries/script/episode-script-part1.md").as_str(),
            "# Retries\n\n## Why\n\nCalls fail.\n",
        )
        .file(
            format!("{s}/episode-002-retries/script/episode-script-part2.md").as_str(),
            "## How\n\nTry again, later.\n",
        )
        .file(
            format!("{s}/episode-002-retries/script/episode-script-part10.md").as_str(),
            "## Summary\n\nBack off.\n\n```python\nretry()\n",
        )
        // Alternatives: the main file wins over its final and backup versions.
        .file(
            format!("{s}/episode-003-backpressure/script/episode-script.md").as_str(),
            "# Backpressure\n\nSlow down the sender.\n",
        )
        .file(
            format!("{s}/episode-003-backpressure/script/episode-script-final.md").as_str(),
            "# Backpressure (final)\n",
        )
        .file(
            format!("{s}/episode-003-backpressure/script/episode-script-backup.md").as_str(),
            "# Backpressure (backup)\n",
        )
        // Alternatives: a consolidated version wins over the parts.
        .file(
            format!("{s}/episode-004-timeouts/script/episode-script-part1.md").as_str(),
            "# Timeouts, part one\n",
        )
        .file(
            format!("{s}/episode-004-timeouts/script/episode-script-part2.md").as_str(),
            "## Part two\n",
        )
        .file(
            format!("{s}/episode-004-timeouts/script/episode-script-consolidated.md").as_str(),
            "# Timeouts\n\nEvery call has a deadline.\n",
        )
        // No script yet: code only.
        .file(
            format!("{s}/episode-005-hedging/code/python/hedge.py").as_str(),
            "hedge()\n",
        )
        // Two folders numbered 030.
        .file(
            format!("{s}/030-load-shedding/script/episode-script.md").as_str(),
            "# Load Shedding\n\nDrop work early.\n",
        )
        .file(
            format!("{s}/030-rate-limits/script/episode-script.md").as_str(),
            "# Rate Limits\n\nCount requests.\n",
        )
}

/// The course without series: episode folders directly in `episodes/`.
fn without_series() -> Course {
    Course::new()
        .file("book.toml", BOOK)
        .file("episodes/notes.md", "# Loose notes\n")
        .file(
            "episodes/episode-001-intro/script/episode-script.md",
            "# Intro\n\nWhere we start.\n",
        )
        .file("episodes/ep02-next-steps/index.md", "Where we go next.\n")
        .file("episodes/003-later/code/go/main.go", "package main\n")
}

fn built_pages(course: &Course) -> Vec<String> {
    tree(&course.path("site"))
        .into_keys()
        .filter(|p| p.ends_with(".html") && p != "404.html")
        .collect()
}

#[test]
fn lint_reports_one_episode_per_folder_and_what_each_folder_holds() {
    let course = with_series();
    let out = course.run(&["lint", "--format", "short"]);
    insta::assert_snapshot!("with_series_lint", out.stdout);
    assert_eq!(out.code, 1, "the number clash is an error: {}", out.stderr);
}

#[test]
fn build_publishes_every_folder_once_and_the_notes_under_their_episode() {
    let course = with_series();
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_debug_snapshot!("with_series_pages", built_pages(&course));
    let home = course.read("site/reliability/index.html");
    for title in [
        "Queueing",
        "Retries",
        "Backpressure",
        "Timeouts",
        "Hedging",
        "Load Shedding",
        "Rate Limits",
    ] {
        assert!(home.contains(title), "{title} is listed:\n{home}");
    }
    assert_eq!(home.matches("No script yet").count(), 1, "{home}");
}

#[test]
fn an_episode_page_links_its_notes_and_a_note_is_a_page_of_its_own() {
    let course = with_series();
    course.run(&["build"]);
    let page = course.read("site/reliability/episode-001-queueing.html");
    insta::assert_snapshot!(
        "episode_notes",
        fragment(&page, "<section class=\"episode-notes\"", "</section>")
    );
    let note = course.read("site/reliability/episode-001-queueing/research/research-notes.html");
    let main = fragment(&note, "<main", "</main>");
    assert!(main.contains("Sources We Read"), "{main}");
    assert!(
        main.contains("href=\"../../../reliability/episode-001-queueing.html\""),
        "the note's link to its script leads to the episode page:\n{main}"
    );
}

#[test]
fn a_folder_without_a_script_is_listed_and_its_page_says_so() {
    let course = with_series();
    course.run(&["build"]);
    let page = course.read("site/reliability/episode-005-hedging.html");
    insta::assert_snapshot!(
        "no_script",
        fragment(&page, "<article class=\"prose\">", "</article>")
    );
}

#[test]
fn the_parts_of_a_script_are_joined_in_natural_order() {
    let course = with_series();
    course.run(&["build"]);
    let page = course.read("site/reliability/episode-002-retries.html");
    let (why, how, summary) = (
        page.find("id=\"why\"").expect("part 1"),
        page.find("id=\"how\"").expect("part 2"),
        page.find("id=\"summary\"").expect("part 10"),
    );
    assert!(why < how && how < summary, "part1, part2, part10 in order");
    let alternatives = course.read("site/reliability/episode-003-backpressure.html");
    assert!(alternatives.contains("Slow down the sender."));
    assert!(!alternatives.contains("(final)") && !alternatives.contains("(backup)"));
    let consolidated = course.read("site/reliability/episode-004-timeouts.html");
    assert!(consolidated.contains("Every call has a deadline."));
    assert!(!consolidated.contains("Part two"));
}

#[test]
fn a_finding_in_part_three_points_at_part_three_and_its_own_line() {
    let course = with_series();
    let out = course.run(&["lint", "--format", "short"]);
    let part3 = "episodes/01-reliability/episode-002-retries/script/episode-script-part10.md:5:1";
    assert!(
        out.stdout
            .lines()
            .any(|l| l.starts_with(part3) && l.contains("unterminated-fence")),
        "{}",
        out.stdout
    );
    // The human report shows the part's own text in its code frame.
    let human = course.run(&["lint"]);
    let frame = human
        .stdout
        .split("\n\n")
        .find(|block| block.contains("unterminated-fence"))
        .expect("the finding");
    assert!(frame.contains("episode-script-part10.md:5:1"), "{frame}");
    assert!(frame.contains("5 | ```python"), "{frame}");
}

#[test]
fn a_diagram_error_in_a_later_part_is_reported_in_that_part() {
    let course = Course::new()
        .file("book.toml", BOOK)
        .file(
            "episodes/episode-001-a/script/episode-script-part1.md",
            "# A\n\nOne.\n",
        )
        .file(
            "episodes/episode-001-a/script/episode-script-part2.md",
            "## Two\n\nText.\n",
        )
        .file(
            "episodes/episode-001-a/script/episode-script-part3.md",
            "## Three\n\n```mermaid\nflowchart TD\n  A --> B --> \n```\n",
        );
    let out = course.run(&["lint", "--format", "short"]);
    let found: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("mermaid-syntax"))
        .collect();
    assert_eq!(found.len(), 1, "{}", out.stdout);
    assert!(
        found[0].starts_with("episodes/episode-001-a/script/episode-script-part3.md:"),
        "{}",
        found[0]
    );
    let line: usize = found[0]
        .split(':')
        .nth(1)
        .and_then(|l| l.parse().ok())
        .expect("line");
    assert!((3..=6).contains(&line), "{}", found[0]);
}

#[test]
fn a_course_without_series_has_no_series_level_in_its_paths() {
    let course = without_series();
    let lint = course.run(&["lint", "--format", "short"]);
    insta::assert_snapshot!("without_series_lint", lint.stdout);
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_debug_snapshot!("without_series_pages", built_pages(&course));
    let page = course.read("site/ep02-next-steps.html");
    assert!(page.contains("Next Steps"), "title from the folder name");
}

#[test]
fn the_file_layout_is_still_the_default() {
    let course = Course::new().file("book.toml", "title = \"Files\"\n").file(
        "episodes/01-basics/episode-01-hello/script/episode-script.md",
        "# Episode 1: Hello\n\nWords.\n",
    );
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        course.path("site/basics/episode-script.html").is_file(),
        "{:?}",
        built_pages(&course)
    );
}

#[test]
fn a_bad_pattern_is_a_configuration_error_at_its_line() {
    let course = Course::new()
        .file(
            "book.toml",
            "title = \"Bad\"\n\n[episodes]\nlayout = \"bundle\"\nnotes = [\"research/[x\"]\n",
        )
        .file("episodes/episode-001-a/index.md", "# A\n");
    let out = course.run(&["lint", "--format", "short"]);
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(all.contains("book.toml:5:10"), "{all}");
    assert!(all.contains("`research/[x` in [episodes] notes"), "{all}");
}

#[test]
fn a_file_beside_the_main_script_that_is_no_version_of_it_is_not_joined_but_reported() {
    let course = Course::new()
        .file(
            "book.toml",
            "title = \"T\"\n[episodes]\nlayout = \"bundle\"\n",
        )
        .file(
            "episodes/episode-001-a/script/episode-script.md",
            "# A\n\nThe script.\n",
        )
        .file(
            "episodes/episode-001-a/script/outline.md",
            "# Outline\n\n- a plan\n",
        )
        .file(
            "episodes/episode-001-a/script/episode-script-backup.md",
            "# A\n\nAn older script.\n",
        );
    let lint = course.run(&["lint", "--format", "short"]);
    assert!(
        lint.stdout
            .contains("not part of the episode, so not published: `script/outline.md`"),
        "{}",
        lint.stdout
    );
    assert!(
        lint.stdout
            .contains("used `script/episode-script.md`; ignored `script/episode-script-backup.md`"),
        "{}",
        lint.stdout
    );
    assert_eq!(course.run(&["build"]).code, 0);
    let page = course.read("site/episode-001-a.html");
    assert!(page.contains("The script."));
    assert!(!page.contains("a plan") && !page.contains("older script"));
}

#[test]
fn a_code_file_the_check_parses_is_highlighted_from_that_parse_as_its_page_would() {
    let code = "def hedge(delay: float) -> float:\n    return delay * 2  # <twice>\n";
    let course = || {
        Course::new()
            .file("book.toml", BOOK)
            .file(
                "episodes/episode-001-hedging/script/episode-script.md",
                "# Hedging\n\nSend the request twice.\n",
            )
            .file("episodes/episode-001-hedging/code/python/hedge.py", code)
    };
    let cold = course();
    cold.run(&["build", "-v"])
        .assert_code_blocks("1 highlighted while checked, 0 highlighted for their page");
    // With the verdict known already, the page highlights the file itself: the same page.
    let checked = course();
    checked.run(&["lint"]);
    checked
        .run(&["build", "-v"])
        .assert_code_blocks("0 highlighted while checked, 1 highlighted for their page");
    let pages = built_pages(&cold);
    assert_eq!(pages, built_pages(&checked));
    let shown: Vec<String> = pages
        .iter()
        .map(|page| cold.read(&format!("site/{page}")))
        .filter(|html| html.contains("&lt;twice&gt;"))
        .collect();
    assert!(!shown.is_empty(), "the file is shown on a page");
    for page in &pages {
        let path = format!("site/{page}");
        assert_eq!(cold.read(&path), checked.read(&path), "{page}");
    }
    assert!(
        shown
            .iter()
            .any(|html| html.contains("<span class=\"hl-function\">hedge</span>"))
    );
}
