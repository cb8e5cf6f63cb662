//! Code blocks that send a grammar's error recovery into quadratic work (`:--` repeated is
//! enough for the Python, Java and C grammars: 6 KB once took 14 s) are cut short by the
//! highlighting budget: the build finishes, the block is shown as plain text and a
//! `highlight-skipped` note points at its fence. Well-formed code nearby is still
//! highlighted.

use crate::support::Course;

/// `:--` 2,000 times (6 KB) in each of `langs`, then a well-formed Python block.
fn course(langs: &[&str]) -> Course {
    let garbage = ":--".repeat(2_000);
    let mut text = String::from("# Episode 2: Garbage\n\n");
    for lang in langs {
        text.push_str(&format!("```{lang}\n{garbage}\n```\n\n"));
    }
    text.push_str("```python\ndef ok(x):\n    return x + 1\n```\n");
    Course::minimal().file("episodes/01-basics/episode-02-garbage.md", text)
}

#[test]
fn regression_malformed_blocks_do_not_hang_the_build() {
    let langs = ["python", "java", "c", "rust", "go", "typescript"];
    let course = course(&langs);
    let out = course.run(&["build", "--verbose"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for (index, lang) in ["python", "java", "c"].iter().enumerate() {
        let line = 3 + 4 * index;
        let at = format!("episode-02-garbage.md:{line}:1");
        assert!(
            out.stderr
                .split("warning[highlight-skipped]")
                .any(|finding| finding.lines().nth(1).is_some_and(|l| l.ends_with(&at))),
            "{lang}: no highlight-skipped at {at}\n{}",
            out.stderr
        );
    }
    let html = course.read("site/basics/episode-02-garbage.html");
    assert!(
        html.contains(&":--".repeat(2_000)),
        "the code is kept, as plain text"
    );
    assert!(
        html.contains("<span class=\"hl-ts\">"),
        "the well-formed block is still highlighted"
    );
}

/// A YAML block nested 260 levels deep (`- - - … x`, 560 bytes) once aborted the process:
/// the YAML grammar's scanner asserts on more than about 250 open levels. It is checked
/// by neither parser nor highlighter: a warning at its fence, the rest built.
#[test]
fn regression_yaml_nested_past_the_scanner_limit_is_reported_not_fatal() {
    let deep = format!("{}x", "- ".repeat(260));
    let text = format!(
        "# Episode 2: Deep\n\n```yaml\n{deep}\n```\n\n```yaml\nkey: value\nlist:\n  - one\n```\n"
    );
    let course = Course::minimal().file("episodes/01-basics/episode-02-deep.md", text);
    let lint = course.run(&["lint"]);
    assert_eq!(lint.code, 0, "warnings only\n{}", lint.stdout);
    assert!(
        lint.stdout.contains("warning[code-syntax]")
            && lint.stdout.contains("indented more than 200 columns deep")
            && lint.stdout.contains("episode-02-deep.md:3:1"),
        "{}",
        lint.stdout
    );
    let build = course.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let html = course.read("site/basics/episode-02-deep.html");
    let mut text = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            ch if !in_tag => text.push(ch),
            _ => {}
        }
    }
    assert!(text.contains(&deep), "the deep block is shown whole");
    assert!(
        html.contains("hl-ts"),
        "the shallow block is still highlighted by tree-sitter"
    );
}

/// Highlighted HTML takes about forty times the room of its code: a 2 MB line of JavaScript
/// once made a page past the 64 MiB page limit and stopped the whole build. A block larger
/// than 512 KiB is shown as plain text, with a note at its fence.
#[test]
fn regression_a_block_too_large_to_highlight_is_shown_plain() {
    let line = "a+b;".repeat(150_000);
    let text = format!("# Episode 2: Big\n\n```javascript\n{line}\n```\n");
    let course = Course::minimal().file("episodes/01-basics/episode-02-big.md", text);
    let out = course.run(&["build", "--verbose"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("block is larger than 512 KiB, so it is not highlighted"),
        "{}",
        out.stderr
    );
    let html = course.read("site/basics/episode-02-big.html");
    assert!(
        html.contains(&line[..4_000]),
        "the code is kept, as plain text"
    );
}

/// The same YAML in a JavaScript tagged template (`` yaml`…` ``) reached the YAML grammar
/// through the highlighter's injection and aborted the build.
#[test]
fn regression_yaml_nested_past_the_limit_in_a_tagged_template_is_not_fatal() {
    let deep = format!("{}x", "- ".repeat(300));
    let text = format!("# Episode 2: Tagged\n\n```javascript\nconst d = yaml`\n{deep}\n`;\n```\n");
    let course = Course::minimal().file("episodes/01-basics/episode-02-tagged.md", text);
    let build = course.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        course
            .read("site/basics/episode-02-tagged.html")
            .contains("const")
    );
}

/// A block larger than any highlighted is known to be shown plain before any work on it: the
/// lint reports it as the build does, once, with the same rule, severity and place.
#[test]
fn a_block_too_large_to_highlight_is_reported_by_lint_as_by_build() {
    let big = "x = 1\n".repeat(100_000);
    let text = format!("# Episode 2: Big\n\nText.\n\n```python\n{big}```\n\n```text\n{big}```\n");
    let course = Course::minimal().file("episodes/01-basics/episode-02-big.md", text);
    let skipped = |out: &str| -> Vec<String> {
        out.lines()
            .filter(|l| l.contains("highlight-skipped"))
            .map(str::to_owned)
            .collect()
    };
    let lint = course.run(&["lint", "--format", "short"]);
    let found = skipped(&lint.stdout);
    assert_eq!(found.len(), 1, "{}", lint.stdout);
    assert!(
        found[0]
            .starts_with("episodes/01-basics/episode-02-big.md:5:1: warning[highlight-skipped]"),
        "{}",
        found[0]
    );
    let build = course.run(&["build", "--verbose"]);
    assert_eq!(
        build
            .stderr
            .matches("warning[highlight-skipped]: this `python` block is larger than")
            .count(),
        1,
        "{}",
        build.stderr
    );
    assert!(
        build.stderr.contains("episode-02-big.md:5:1"),
        "{}",
        build.stderr
    );
}

/// Only published pages are highlighted: a draft's large block is never skipped, so the lint
/// says nothing of it. A large block in an unknown language is never highlighted either: its
/// language is what the finding is about, not its size.
#[test]
fn a_large_block_of_a_draft_or_in_an_unknown_language_is_not_reported_as_skipped() {
    let big = "x = 1\n".repeat(100_000);
    let course = Course::minimal()
        .file(
            "episodes/01-basics/episode-02-draft.md",
            format!("---\ndraft: true\n---\n# Episode 2: Draft\n\nText.\n\n```python\n{big}```\n"),
        )
        .file(
            "episodes/01-basics/episode-03-unknown.md",
            format!("# Episode 3: Unknown\n\nText.\n\n```nosuchlang\n{big}```\n"),
        );
    let lint = course.run(&["lint", "--format", "short"]);
    assert!(
        !lint.stdout.contains("highlight-skipped"),
        "{}",
        lint.stdout
    );
    let unknown: Vec<&str> = lint
        .stdout
        .lines()
        .filter(|l| l.contains("unknown-language"))
        .collect();
    assert_eq!(unknown.len(), 1, "{}", lint.stdout);
    assert!(
        unknown[0].starts_with("episodes/01-basics/episode-03-unknown.md:5:1:"),
        "{}",
        unknown[0]
    );
    let build = course.run(&["build"]);
    assert!(
        !build.stderr.contains("highlight-skipped"),
        "{}",
        build.stderr
    );
}
