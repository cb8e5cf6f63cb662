//! The command line itself: help, completions, errors about the course folder, config errors.

use crate::support::{Course, run_in};

#[test]
fn help_lists_commands_and_examples() {
    let out = run_in(std::env::temp_dir().as_path(), &["--help"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.contains("build")
            && out.stdout.contains("lint")
            && out.stdout.contains("Examples:")
    );
}

#[test]
fn a_folder_that_is_not_a_course_gets_a_clear_message() {
    let course = Course::new().file("notes.txt", "hello");
    let out = course.run(&["lint"]);
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.stderr, @r"
    error: [ROOT] is not a course: it has neither book.toml nor an episodes/ folder
      help: run `episode build` in a course folder, or point at one with --root <DIR>
    ");
}

#[test]
fn unknown_config_key_names_key_file_and_line() {
    let course = Course::minimal().file("book.toml", "title = \"T\"\nauthor = \"typo\"\n");
    let out = course.run(&["lint"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("unknown field `author`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("book.toml:2:1"), "{}", out.stderr);
}

#[test]
fn completions_are_generated() {
    let out = run_in(std::env::temp_dir().as_path(), &["completions", "bash"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("episode"));
}

#[test]
fn an_mdbook_book_toml_builds_and_names_what_it_does_not_use() {
    let course = Course::new()
        .file(
            "book.toml",
            "[book]\ntitle = \"Queues in Practice\"\nauthors = [\"Ann\"]\nlanguage = \"en\"\nsrc = \"src\"\n\n[build]\nbuild-dir = \"book\"\n\n[output.html]\ngit-repository-url = \"https://example.org/queues\"\n\n[preprocessor.mermaid]\ncommand = \"mdbook-mermaid\"\n",
        )
        .file("episodes/01-basics/episode-01-one.md", "# Episode 1: One\n\nText.\n");
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let home = course.read("book/index.html");
    assert!(home.contains("<title>Queues in Practice"), "{home}");
    assert!(home.contains("https://example.org/queues"), "{home}");
    let lint = course.run(&["lint", "--format", "short"]);
    let warnings: Vec<&str> = lint
        .stdout
        .lines()
        .chain(lint.stderr.lines())
        .filter(|l| l.contains("unused-setting"))
        .collect();
    assert_eq!(warnings.len(), 2, "{}\n{}", lint.stdout, lint.stderr);
    assert!(warnings[0].contains("book.toml:5:1"), "{warnings:?}");
    assert!(warnings[1].contains("book.toml:13:15"), "{warnings:?}");
}
