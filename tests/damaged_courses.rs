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
    let out = course.run(&["build", "--verbose"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stderr.lines().skip_while(|l| !l.starts_with("warning[")).take(2).collect::<Vec<_>>().join("\n"), @r"
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

#[test]
fn regression_symlinked_episode_and_series_folder_are_reported_not_followed() {
    let outside = Course::new()
        .file("02-more/episode-01-far.md", "# Episode 1: Far\n")
        .file("episode-09-linked.md", "# Episode 9: Linked\n");
    let course = Course::minimal();
    std::os::unix::fs::symlink(outside.path("02-more"), course.path("episodes/02-more"))
        .expect("link");
    std::os::unix::fs::symlink(
        outside.path("episode-09-linked.md"),
        course.path("episodes/01-basics/episode-09-linked.md"),
    )
    .expect("link");
    let out = course.run(&["build", "--verbose"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stderr.lines().filter(|l| l.starts_with("warning[skipped-link]") || l.starts_with("-->")).collect::<Vec<_>>().join("\n"), @r"
    warning[skipped-link]: this is a symbolic link; links are not followed, so it is skipped
    --> episodes/01-basics/episode-09-linked.md
    warning[skipped-link]: this is a symbolic link; links are not followed, so it is skipped
    --> episodes/02-more
    ");
    assert!(out.stderr.contains("Built 1 episode "), "{}", out.stderr);
    assert!(!course.path("site/more").exists());
}

#[test]
fn regression_series_slugs_naming_no_folder_or_twice_are_errors_at_their_line() {
    let course = Course::minimal()
        .file(
            "book.toml",
            "title = \"T\"\n\n[[series]]\nslug = \"basic\"\n\n[[lint.series]]\nslug = \"basics\"\n\n[[lint.series]]\nslug = \"basics\"\n",
        )
        .file("episodes/02-advanced/episode-01-deep.md", "# Episode 1: Deep\n");
    let out = course.run(&["lint"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    for expected in [
        "error[config]: [[series]] names series `basic`, but no folder under episodes/ is that series\n --> book.toml:4:",
        "help: the series are `basics`, `advanced` (a slug is the folder name without its number prefix)",
        "error[config]: series `basics` has two [[lint.series]] entries\n  --> book.toml:10:",
    ] {
        assert!(
            out.stdout.contains(expected),
            "{expected}\n---\n{}",
            out.stdout
        );
    }
}

#[test]
fn regression_an_unreadable_series_folder_is_a_finding_and_the_rest_is_built() {
    use std::os::unix::fs::PermissionsExt;
    let course = Course::minimal().file("episodes/02-locked/episode-01-x.md", "# Episode 1: X\n");
    let locked = course.path("episodes/02-locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let out = if std::fs::read_dir(&locked).is_ok() {
        // Running as root: permissions do not stop us (the listing logic is unit-tested).
        let Some(out) = crate::support::run_unprivileged(&course, &["build"]) else {
            eprintln!(
                "note: running as root without setpriv; the unreadable-folder test cannot run"
            );
            return;
        };
        out
    } else {
        course.run(&["build"])
    };
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).ok();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.starts_with("error[unreadable-file]: cannot read this folder: Permission denied (os error 13)\n--> episodes/02-locked\n"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("Built 1 episode "), "{}", out.stderr);
}

#[test]
fn markdown_saved_under_another_extension_is_reported_as_not_read() {
    let course = Course::minimal()
        .file(
            "episodes/01-basics/episode-02-ext.markdown",
            "# Episode 2: Ext\n",
        )
        .file("episodes/01-basics/requirements.txt", "requests==2.0\n")
        .file("episodes/01-basics/diagram.png", "not an image\n")
        .file(
            "enhancements/LICENSE.txt",
            "Licensed under the MIT licence.\n",
        )
        .file("enhancements/README.markdown", "What this folder holds.\n")
        .file(
            "enhancements/more.MDOWN",
            "## Episode 1\n\n- Add a diagram\n",
        );
    let out = course.run(&["lint", "--format", "short"]);
    let stray: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("[stray-markdown]"))
        .collect();
    assert_eq!(
        stray,
        [
            "enhancements/more.MDOWN:1:1: warning[stray-markdown]: this file is not read: only files ending in `.md` are",
            "episodes/01-basics/episode-02-ext.markdown:1:1: warning[stray-markdown]: this file is not read: only files ending in `.md` are",
        ],
        "text and image files are not stray Markdown, nor is a README, read under neither name:\n{}",
        out.stdout
    );
}

#[test]
fn an_empty_episode_file_is_reported_and_still_listed() {
    let course = Course::minimal()
        .file("episodes/01-basics/episode-02-empty.md", "")
        .file(
            "episodes/01-basics/episode-03-blank.md",
            "\u{FEFF}\n  \n\t\n",
        )
        .file(
            "episodes/01-basics/episode-04-only-front-matter.md",
            "---\ntitle: Only Front Matter\n---\n\n",
        );
    let out = course.run(&["lint", "--format", "short"]);
    let empty: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("[empty-episode]"))
        .collect();
    assert_eq!(
        empty,
        [
            "episodes/01-basics/episode-02-empty.md:1:1: warning[empty-episode]: this episode is empty: its page shows nothing but a title",
            "episodes/01-basics/episode-03-blank.md:1:1: warning[empty-episode]: this episode is empty: its page shows nothing but a title",
            "episodes/01-basics/episode-04-only-front-matter.md:1:1: warning[empty-episode]: this episode is empty: its page shows nothing but a title",
        ],
        "{}",
        out.stdout
    );
    let built = course.run(&["build"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(course.path("site/basics/episode-02-empty.html").is_file());
}
