//! Courses damaged on disk: control characters, symbolic links, folders that cannot be read,
//! and `book.toml` series entries that name no folder. Each is reported once, at its place,
//! and the rest of the course is still checked and built.

use crate::support::Course;

#[test]
fn regression_nul_and_escape_characters_never_reach_the_html() {
    let course = Course::minimal().file(
        "episodes/01-basics/episode-02-damaged.md",
        b"# Episode 2: Damaged\n\nA NUL \x00 and an escape \x1b[31m here.\n".as_slice(),
    );
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stderr.lines().take(2).collect::<Vec<_>>().join("\n"), @r"
    warning[control-characters]: 2 control characters replaced with �; the first is here
     --> episodes/01-basics/episode-02-damaged.md:3:7
    ");
    assert_eq!(
        out.stderr.matches("[control-characters]").count(),
        1,
        "{}",
        out.stderr
    );
    let html = course.read("site/basics/episode-02-damaged.html");
    assert!(!html.contains('\0') && !html.contains('\x1b'), "{html}");
    assert!(
        html.contains("A NUL \u{FFFD} and an escape \u{FFFD}[31m here."),
        "{html}"
    );
}
