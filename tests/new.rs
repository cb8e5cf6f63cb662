//! `episode new`: the next episode of a series, named like its neighbours, with the sections
//! `book.toml` requires and one per recommendation that targets it; never over a file.

use crate::support::Course;

/// Front matter of an existing episode of the fixture series.
fn episode(title: &str, number: u32) -> String {
    format!(
        "---\ntitle: {title}\nseries: Case Studies\nnumber: {number}\nduration: 30 minutes\n---\n\n# Episode {number}: {title}\n\n## Summary\n\nA short summary of the episode, long enough to be read as one.\n"
    )
}

/// Requirements for episode 3 of Case Studies (not written yet) and one for episode 2.
const NEXT: &str = r#"# Next up

```requirements
- episode: 3
  series: Case Studies
  kind: metrics
  title: Queue drain metrics
  covers: [Queue depth, Drain rate]
- episode: 3
  series: Case Studies
  kind: mermaid:sequence
  title: A message through the new queue
  covers: [Producer, Broker, Consumer]
- episode: 3
  series: Case Studies
  kind: code:python
  title: The drain loop
  covers: [DrainLoop, drain_once]
- episode: 2
  series: Case Studies
  kind: metrics
  title: Only for the second episode
  covers: [Cache hit rate]
```
"#;

/// Two series; Case Studies has episodes 1 and 2, and a recommendation for its episode 3.
fn fixture() -> Course {
    Course::new()
        .file(
            "book.toml",
            "title = \"Drills\"\n\n[[series]]\nslug = \"case-studies\"\nname = \"Case Studies\"\n\n[lint]\nrequired_sections = [\"*summary*\", \"Lessons*\"]\n",
        )
        .file(
            "episodes/01-pattern-drills/episode-01-retries.md",
            "# Episode 1: Retries\n\n## Summary\n\nRetries with a budget, explained from the start.\n",
        )
        .file(
            "episodes/02-case-studies/episode-01-the-outage.md",
            episode("The Outage", 1),
        )
        .file(
            "episodes/02-case-studies/episode-02-box-scores.md",
            episode("Box Scores", 2),
        )
        .file("enhancements/next.md", NEXT)
}

const NEW_FILE: &str = "episodes/02-case-studies/episode-03-draining-the-old-queue.md";

#[test]
fn the_new_episode_has_the_required_and_recommended_sections() {
    let course = fixture();
    let out = course.run(&["new", "Draining the Old Queue", "--series", "Case Studies"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with(&format!(
            "Created [ROOT]/{NEW_FILE}: episode 3 of Case Studies\n"
        )),
        "{}",
        out.stdout
    );
    let text = course.read(NEW_FILE);
    insta::assert_snapshot!("new_episode", text);
    assert!(!text.contains("Only for the second episode"));
}

#[test]
fn lint_reads_the_new_episode_and_points_at_its_empty_blocks() {
    let course = fixture();
    assert_eq!(
        course
            .run(&["new", "Draining the Old Queue", "--series", "case-studies"])
            .code,
        0
    );
    let text = course.read(NEW_FILE);
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l == needle)
            .map(|i| i + 1)
            .unwrap_or_else(|| panic!("no {needle:?} in:\n{text}"))
    };
    let out = course.run(&["lint", "--format", "short"]);
    let ours: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with(NEW_FILE))
        .collect();
    let at = |line: usize, rule: &str| format!("{NEW_FILE}:{line}:1: {rule}");
    let expected = [
        at(
            line_of("# Episode 3: Draining the Old Queue"),
            "error[recommendation-missing]: no python code sample for \"The drain loop\"",
        ),
        at(
            line_of("```metrics"),
            "warning[recommendation-partial]: the closest metrics block only partly covers \"Queue drain metrics\"",
        ),
        at(
            line_of("```mermaid"),
            "warning[recommendation-partial]: the closest Mermaid sequence diagram only partly covers \"A message through the new queue\"",
        ),
        at(line_of("sequenceDiagram"), "error[mermaid-syntax]"),
    ];
    for wanted in &expected {
        assert!(
            ours.iter().any(|l| l.starts_with(wanted.as_str())),
            "{wanted}\nin:\n{}",
            ours.join("\n")
        );
    }
    for absent in [
        "front-matter",
        "missing-section",
        "duplicate-episode",
        "recommendation-target",
    ] {
        assert!(
            !ours.iter().any(|l| l.contains(absent)),
            "{absent}:\n{}",
            ours.join("\n")
        );
    }
}

#[test]
fn an_existing_file_or_number_is_never_taken_over() {
    let course = fixture().file(
        "episodes/02-case-studies/episode-03-draining-the-old-queue.md",
        "---\ntitle: Renumbered\nnumber: 9\n---\n\n# Renumbered\n",
    );
    let out = course.run(&[
        "new",
        "Draining the Old Queue",
        "--series",
        "case-studies",
        "--number",
        "3",
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with(&format!(
            "error: [ROOT]/{NEW_FILE} already exists; `episode new` never overwrites a file"
        )),
        "{}",
        out.stderr
    );
    let taken = course.run(&[
        "new",
        "Another",
        "--series",
        "case-studies",
        "--number",
        "2",
    ]);
    assert_eq!(taken.code, 2);
    assert!(
        taken.stderr.starts_with(
            "error: episode 2 of series `Case Studies` already exists: episodes/02-case-studies/episode-02-box-scores.md"
        ),
        "{}",
        taken.stderr
    );
    assert_eq!(
        course.read(NEW_FILE),
        "---\ntitle: Renumbered\nnumber: 9\n---\n\n# Renumbered\n"
    );
}

#[test]
fn the_number_follows_the_series_last_and_the_name_its_files() {
    let course = Course::new()
        .file("episodes/drills/ep1_start.md", "# Episode 1: Start\n")
        .file("episodes/drills/ep2_more.md", "# Episode 2: More\n")
        .file("episodes/drills/ep5_later.md", "# Episode 5: Later\n");
    let out = course.run(&["new", "Wrap Up"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = course.read("episodes/drills/ep6_wrap_up.md");
    assert!(
        text.starts_with("---\ntitle: Wrap Up\nnumber: 6\n---\n\n# Episode 6: Wrap Up\n"),
        "{text}"
    );
    let lint = course.run(&["lint", "--format", "short"]);
    assert!(!lint.stdout.contains("ep6_wrap_up.md"), "{}", lint.stdout);
}

#[test]
fn the_series_must_be_named_when_there_are_several() {
    let course = fixture();
    let out = course.run(&["new", "Something"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with(
            "error: the course has 2 series; say which one the episode belongs to\n  help: name one of them with --series; the series are:\n    pattern-drills  Pattern Drills (episodes/01-pattern-drills/)\n    case-studies    Case Studies (episodes/02-case-studies/)"
        ),
        "{}",
        out.stderr
    );
    let unknown = course.run(&["new", "Something", "--series", "studies"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .starts_with("error: no series is called `studies`")
            && unknown.stderr.contains("pattern-drills")
            && unknown.stderr.contains("case-studies"),
        "{}",
        unknown.stderr
    );
    let by_folder = course.run(&["new", "Something", "--series", "01-pattern-drills"]);
    assert_eq!(by_folder.code, 0, "{}", by_folder.stderr);
    assert!(
        course
            .path("episodes/01-pattern-drills/episode-02-something.md")
            .is_file()
    );
}

#[test]
fn in_the_bundle_layout_a_new_episode_is_a_folder_named_like_its_neighbours_with_its_script() {
    let course = Course::new()
        .file(
            "book.toml",
            "title = \"T\"\n\n[episodes]\nlayout = \"bundle\"\n",
        )
        .file(
            "episodes/episode-001-queueing/script/episode-script.md",
            "# Queueing\n\nWhy latency grows near capacity.\n",
        )
        .file(
            "episodes/episode-001-queueing/code/python/sim.py",
            "print(1)\n",
        );
    let out = course.run(&["new", "Retries Without Storms"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let script = "episodes/episode-002-retries-without-storms/script/episode-script.md";
    assert!(out.stdout.contains(script), "{}", out.stdout);
    assert!(course.read(script).contains("Retries Without Storms"));
    let build = course.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        course
            .path("site/episode-002-retries-without-storms.html")
            .is_file(),
        "the new folder is the second episode's page"
    );
}

#[test]
fn in_the_bundle_layout_without_a_literal_script_pattern_new_says_what_to_add() {
    let course = Course::new()
        .file(
            "book.toml",
            "title = \"T\"\n\n[episodes]\nlayout = \"bundle\"\nscript = [\"script/*.md\"]\n",
        )
        .file("episodes/ep-1-first/script/text.md", "# First\n\nText.\n");
    let out = course.run(&["new", "Second"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stderr
            .contains("no `script` pattern in [episodes] names one file"),
        "{}",
        out.stderr
    );
}
