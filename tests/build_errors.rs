//! `episode build` on bad input: each problem has a test and an exact message, and none panics.

use crate::support::{Course, fragment, prose};

#[test]
fn invalid_utf8_is_reported_and_the_other_episodes_are_still_built() {
    let course = Course::minimal().file(
        "episodes/01-basics/episode-02-bytes.md",
        b"# Episode 2: Bytes\n\nbad \xff byte\n".as_slice(),
    );
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stderr.lines().next().unwrap_or_default(), @"warning: 1 warning in 1 file; run `episode lint --root [ROOT]` to see them (or build with --verbose)");
    let lint = course.run(&["lint"]);
    insta::assert_snapshot!(lint.stdout.lines().take(2).collect::<Vec<_>>().join("\n"), @r"
    warning[invalid-utf8]: this file is not valid UTF-8
     --> episodes/01-basics/episode-02-bytes.md:3:5
    ");
    assert!(course.path("site/basics/episode-01-hello.html").is_file());
    assert!(
        course
            .read("site/basics/episode-02-bytes.html")
            .contains("bad \u{FFFD} byte")
    );
}

#[test]
fn malformed_front_matter_gives_line_and_column() {
    let course = Course::minimal().file(
        "episodes/01-basics/episode-02-bad.md",
        "---\ntitle: Bad\nnumber: 2\nduration: a: b\n---\n# Bad\n",
    );
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0);
    insta::assert_snapshot!(out.stderr.lines().take(2).collect::<Vec<_>>().join("\n"), @r"
    error[front-matter]: front matter is not valid: mapping values are not allowed in this context
     --> episodes/01-basics/episode-02-bad.md:4:12
    ");
    assert_eq!(course.run(&["build", "--strict"]).code, 1);
}

#[test]
fn toml_front_matter_is_read_and_its_errors_located() {
    // Zola and Hugo write front matter in TOML between `+++` lines: read like YAML, never
    // shown on the page as text.
    let course = Course::minimal()
        .file(
            "episodes/01-basics/episode-02-toml.md",
            "+++\ntitle = \"Retries, Revisited\"\nnumber = 2\ndate = 2024-05-01\n+++\n# Retries\n\nBody.\n",
        )
        .file(
            "episodes/01-basics/episode-03-bad.md",
            "+++\ntitle = \"Bad\"\nnumber = [3\n+++\n# Bad\n",
        );
    let out = course.run(&["build"]);
    insta::assert_snapshot!(out.stderr.lines().take(2).collect::<Vec<_>>().join("\n"), @r"
    error[front-matter]: front matter is not valid: unclosed array, expected `]`
     --> episodes/01-basics/episode-03-bad.md:3:12
    ");
    let page = course.read("site/basics/episode-02-toml.html");
    assert!(page.contains("<title>Retries, Revisited"), "{page}");
    assert!(!page.contains("+++"), "{page}");
}

#[test]
fn front_matter_with_crlf_line_endings_is_read_whole() {
    // The parser gives such a block in several pieces; all of them are the front matter.
    let course = Course::minimal()
        .file(
            "episodes/01-basics/episode-02-crlf.md",
            "+++\r\ntitle = \"Windows Line Endings\"\r\nnumber = 2\r\n+++\r\n# Crlf\r\n\r\nBody.\r\n",
        )
        .file(
            "episodes/01-basics/episode-03-crlf.md",
            "---\r\ntitle: Yaml Too\r\nnumber: 3\r\nweight: 1\r\n---\r\n# Crlf\r\n",
        );
    let out = course.run(&["build"]);
    assert!(
        out.stderr.contains("unknown field `weight`"),
        "{}",
        out.stderr
    );
    let page = course.read("site/basics/episode-02-crlf.html");
    assert!(page.contains("<title>Windows Line Endings"), "{page}");
}

#[test]
fn unterminated_fence_is_reported_at_its_opening_line() {
    let course = Course::minimal().file(
        "episodes/01-basics/episode-02-fence.md",
        "# Episode 2: Fence\n\n```rust\nfn main() {}\n",
    );
    let out = course.run(&["build"]);
    insta::assert_snapshot!(out.stderr.lines().take(2).collect::<Vec<_>>().join("\n"), @r"
    error[unterminated-fence]: code fence is never closed
     --> episodes/01-basics/episode-02-fence.md:3:1
    ");
}

#[test]
fn unterminated_fence_help_repeats_the_opening_fence() {
    let course = Course::minimal()
        .file(
            "episodes/01-basics/episode-02-fence.md",
            "# Episode 2: Fence\n\n```rust\nfn main() {}\n",
        )
        .file(
            "episodes/01-basics/episode-03-fence.md",
            "# Episode 3: Fence\n\n````markdown\n```\n",
        );
    let out = course.run(&["lint", "--format", "json"]);
    assert!(
        out.stdout
            .contains("\"help\": \"add a closing ``` line where the code ends\""),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("\"help\": \"add a closing ```` line where the code ends\""),
        "{}",
        out.stdout
    );
}

#[test]
fn duplicate_episode_id_names_both_files() {
    let course = Course::minimal().file(
        "episodes/01-basics/episode-01-again.md",
        "# Episode 1: Again\n",
    );
    let out = course.run(&["build"]);
    assert!(
        out.stderr.contains("error[duplicate-episode]: episode 1 of series `basics` is defined twice: here and in episodes/01-basics/episode-01-again.md\n --> episodes/01-basics/episode-01-hello.md:1:1"),
        "{}",
        out.stderr
    );
}

#[test]
fn missing_template_names_the_template() {
    let course = Course::minimal().file("templates/episode.html", "{% extends \"nope.html\" %}\n");
    let out = course.run(&["build"]);
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.stderr, @r"
    error: the theme's templates do not fit together
      caused by: Template 'episode.html' is inheriting from 'nope.html', which doesn't exist or isn't loaded.
    ");
}

#[test]
fn missing_included_template_names_it_and_the_page() {
    let course = Course::minimal().file(
        "templates/episode.html",
        "{% extends \"base.html\" %}\n{% block main %}{% include \"missing.html\" %}{% endblock main %}\n",
    );
    let out = course.run(&["build"]);
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.stderr, @r"
    error: template episode.html failed while rendering basics/episode-01-hello.html
      caused by: Failed to render 'episode.html'
      caused by: Template '[missing.html]' not found
    ");
}

#[test]
fn a_template_failing_on_every_page_names_the_first_page_on_every_run() {
    // Pages render in parallel: the one named must not be whichever thread failed first.
    let mut course = Course::minimal().file(
        "templates/episode.html",
        "{% extends \"base.html\" %}\n{% block main %}{% include \"missing.html\" %}{% endblock main %}\n",
    );
    for n in 2..=40 {
        course = course.file(
            &format!("episodes/01-basics/episode-{n:02}-more.md"),
            format!("# Episode {n}: More\n\n## Intro\n\nWords.\n"),
        );
    }
    for _ in 0..3 {
        let out = course.run(&["build"]);
        assert_eq!(out.code, 2);
        assert!(
            out.stderr.starts_with(
                "error: template episode.html failed while rendering basics/episode-01-hello.html\n"
            ),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn broken_template_names_the_template_and_line() {
    let course = Course::minimal().file(
        "templates/episode.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ episode.title }</p>\n{% endblock main %}\n",
    );
    let out = course.run(&["build"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with("error: template episode.html (from templates/episode.html) does not compile\n  caused by:  --> 3:21\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn output_folder_overlapping_the_sources_is_refused() {
    let course = Course::minimal().file("templates/assets/x.css", "");
    for (out, message) in [
        (".", "the output folder is the course folder ([ROOT])"),
        (
            "episodes",
            "the output folder is episodes/ ([ROOT]/episodes)",
        ),
        (
            "episodes/01-basics",
            "the output folder is inside episodes/ ([ROOT]/episodes)",
        ),
        (
            "templates/assets",
            "the output folder is inside templates/ ([ROOT]/templates)",
        ),
        (
            "..",
            "the output folder contains the course folder ([ROOT])",
        ),
    ] {
        let result = course.run(&["build", "--out", out]);
        assert_eq!(result.code, 2, "{out}");
        assert!(result.stderr.contains(message), "{out}: {}", result.stderr);
    }
    assert!(
        course
            .path("episodes/01-basics/episode-01-hello.md")
            .is_file()
    );
}

#[test]
fn a_folder_that_is_not_a_previous_build_is_not_replaced() {
    let course = Course::minimal().file("public/notes.txt", "mine");
    let out = course.run(&["build", "--out", "public"]);
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.stderr, @r"
    error: refusing to replace [ROOT]/public: it is not empty and was not written by `episode build` (no .episode-build file in it)
      help: choose another --out, or move that folder away first
    ");
    assert_eq!(course.read("public/notes.txt"), "mine");
}

#[test]
fn unreadable_file_is_reported_and_the_rest_is_built() {
    use std::os::unix::fs::PermissionsExt;
    let course = Course::minimal().file(
        "episodes/01-basics/episode-02-secret.md",
        "# Episode 2: S\n",
    );
    let secret = course.path("episodes/01-basics/episode-02-secret.md");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&secret).is_ok() {
        // Running as root: permissions do not stop us. Run the binary as an unprivileged user.
        let Some(out) = crate::support::run_unprivileged(&course, &["build"]) else {
            eprintln!("note: running as root without setpriv; the unreadable-file test cannot run");
            return;
        };
        check_unreadable(&out);
        return;
    }
    check_unreadable(&course.run(&["build"]));
}

fn check_unreadable(out: &crate::support::Output) {
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.starts_with(
            "error[unreadable-file]: cannot read this file: Permission denied (os error 13)\n--> episodes/01-basics/episode-02-secret.md\n"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("Built 1 episode "), "{}", out.stderr);
}

#[test]
fn regression_no_break_space_and_ohm_sign_in_the_title_do_not_crash_build() {
    let course = Course::new().file("book.toml", "title = \"T\"\n").file(
        "episodes/01-basics/episode-04-caching.md",
        "# Episode\u{a0}4: Caching \u{2126}\n\nWords about caching.\n",
    );
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = course.read("site/basics/episode-04-caching.html");
    let card = fragment(&html, "<header class=\"episode-card\">", "</header>");
    assert!(card.contains("<h1>Caching \u{2126}</h1>"), "{card}");
    assert!(card.contains("Episode 4"), "{card}");
}

#[test]
fn regression_stray_bold_colon_before_a_metrics_list_does_not_crash_build() {
    let course = Course::new().file("book.toml", "title = \"T\"\n").file(
        "episodes/01-basics/episode-01-one.md",
        "# Episode 1: One\n\n**:\n- **Latency**: 12 ms\n- **Errors**: 0.1%\n",
    );
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        prose(&course.read("site/basics/episode-01-one.html"))
            .contains("<li><strong>Latency</strong>: 12 ms</li>"),
        "the list is still shown"
    );
}
