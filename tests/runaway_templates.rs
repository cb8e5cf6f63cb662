//! A course's own templates that would never finish: each is refused before any page is
//! rendered, with the template and line named, and the build exits 2.

use crate::support::{Course, Output};

fn build_with(templates: &[(&str, &str)]) -> Output {
    let course = templates
        .iter()
        .fold(Course::minimal(), |course, (name, text)| {
            course.file(name, text)
        });
    let out = course.run(&["build"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(!course.path("site").exists(), "nothing is written");
    out
}

#[test]
fn regression_a_template_including_itself_is_refused_with_its_line() {
    let out = build_with(&[(
        "templates/toc.html",
        "<nav>\n{% include \"toc.html\" %}\n</nav>\n",
    )]);
    insta::assert_snapshot!(out.stderr.lines().take(2).collect::<Vec<_>>().join("\n"), @r"
    error: the theme recurses: toc.html includes itself, which never ends
      templates/toc.html:2: toc.html includes toc.html
    ");
}

#[test]
fn regression_templates_including_each_other_are_refused_with_both_lines() {
    let out = build_with(&[
        ("templates/toc.html", "{% include \"a.html\" %}\n"),
        ("templates/a.html", "<p>\n{% include \"toc.html\" %}\n"),
    ]);
    insta::assert_snapshot!(out.stderr, @r"
    error: the theme recurses: 2 templates or macros reach each other in a cycle that never ends
      templates/a.html:2: a.html includes toc.html
      templates/toc.html:1: toc.html includes a.html
      help: remove one of these steps; a template or macro must not reach itself (recursive macros are not supported, as a page would overflow the stack if the recursion did not stop)
    ");
}

#[test]
fn regression_a_recursive_macro_is_refused_with_its_line() {
    let out = build_with(&[
        (
            "templates/macros.html",
            "{% macro tree(depth) %}\n<ul>{{ self::tree(depth=depth + 1) }}</ul>\n{% endmacro tree %}\n",
        ),
        (
            "templates/toc.html",
            "{% import \"macros.html\" as m %}{{ m::tree(depth=0) }}\n",
        ),
    ]);
    insta::assert_snapshot!(out.stderr.lines().take(2).collect::<Vec<_>>().join("\n"), @r"
    error: the theme recurses: macro `tree` in macros.html calls itself, which never ends
      templates/macros.html:2: macro `tree` in macros.html calls macro `self::tree`
    ");
}

#[test]
fn regression_nested_huge_loops_are_refused_with_their_line() {
    let out = build_with(&[(
        "templates/toc.html",
        "<nav>\n{% for i in range(end=100000) %}{% for j in range(end=100000) %}.{% endfor %}{% endfor %}\n</nav>\n",
    )]);
    insta::assert_snapshot!(out.stderr, @r"
    error: templates/toc.html:2: this `range` yields 100000 items; a template may loop over at most 10000
      help: loop over the course's data instead, or over a smaller range
    ");
}

#[test]
fn regression_nested_loops_over_a_computed_range_stop_at_the_page_budget() {
    let out = build_with(&[(
        "templates/toc.html",
        "{% set n = 5000 * 2 %}{% for i in range(end=n) %}{% for j in range(end=n) %}{% endfor %}{% endfor %}\n",
    )]);
    assert!(
        out.stderr
            .contains("template episode.html failed while rendering basics/episode-01-hello.html")
            && out
                .stderr
                .contains("yield more than 1000000 items together"),
        "{}",
        out.stderr
    );
}
