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
