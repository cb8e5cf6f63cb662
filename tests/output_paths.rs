//! Output paths: two sources never share a page of the site, even ignoring letter case; the
//! first in sorted order keeps the path, the other gets a numbered variant, links follow.

use crate::support::{Course, Output};

fn episode(number: u32, title: &str) -> String {
    format!(
        "# Episode {number}: {title}\n\nSome words about {title}, long enough to be a summary of it.\n"
    )
}

fn collisions(out: &Output) -> usize {
    out.stderr.matches("error[output-collision]").count()
}

#[test]
fn an_episode_named_index_does_not_replace_its_series_page() {
    let course = Course::minimal().file("episodes/01-basics/index.md", episode(2, "Indexing"));
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(collisions(&out), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("--> episodes/01-basics/index.md:1:1")
            && out
                .stderr
                .contains("episodes/01-basics/episode-01-hello.md:1:1")
            && out
                .stderr
                .contains("published at `basics/index-2.html` instead"),
        "{}",
        out.stderr
    );
    let series = course.read("site/basics/index.html");
    assert!(
        series.contains("index-2.html") && !series.contains("<h1>Indexing"),
        "{series}"
    );
    assert!(course.read("site/basics/index-2.html").contains("Indexing"));
    assert_eq!(course.run(&["build", "--strict"]).code, 1);
}

#[test]
fn file_names_that_differ_only_in_case_get_two_pages() {
    let course = Course::minimal()
        .file("episodes/01-basics/Episode-09.md", episode(9, "Upper"))
        .file("episodes/01-basics/episode-09.MD", episode(10, "Lower"));
    let out = course.run(&["build"]);
    assert_eq!(collisions(&out), 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("--> episodes/01-basics/episode-09.MD:1:1")
            && out.stderr.contains("episodes/01-basics/Episode-09.md:1:1")
            && out.stderr.contains("help: rename one of the two files"),
        "{}",
        out.stderr
    );
    assert!(course.read("site/basics/episode-09.html").contains("Upper"));
    assert!(
        course
            .read("site/basics/episode-09-2.html")
            .contains("Lower")
    );
    let series = course.read("site/basics/index.html");
    assert!(series.contains("episode-09.html") && series.contains("episode-09-2.html"));
}

#[test]
fn series_folders_that_give_the_same_path_get_two_folders() {
    let course = Course::new()
        .file("book.toml", "title = \"T\"\n")
        .file("episodes/c/episode-01-pointers.md", episode(1, "Pointers"))
        .file(
            "episodes/c++/episode-01-templates.md",
            episode(1, "Templates"),
        );
    let out = course.run(&["build"]);
    assert_eq!(collisions(&out), 1, "{}", out.stderr);
    assert!(!out.stderr.contains("duplicate-episode"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("--> episodes/c++/episode-01-templates.md:1:1")
            && out.stderr.contains("episodes/c/episode-01-pointers.md:1:1")
            && out.stderr.contains("published under `c-2/` instead"),
        "{}",
        out.stderr
    );
    assert!(
        course
            .read("site/c/episode-01-pointers.html")
            .contains("Pointers")
    );
    assert!(
        course
            .read("site/c-2/episode-01-templates.html")
            .contains("Templates")
    );
    assert!(!course.path("site/c/episode-01-templates.html").exists());
    let home = course.read("site/index.html");
    assert!(home.contains("c/index.html") && home.contains("c-2/index.html"));
}

#[test]
fn file_names_without_letters_or_digits_are_named_after_their_number() {
    let course = Course::minimal()
        .file("episodes/01-basics/!!!.md", episode(2, "Bangs"))
        .file("episodes/01-basics/???.md", episode(3, "Questions"));
    let out = course.run(&["build"]);
    assert_eq!(collisions(&out), 0, "{}", out.stderr);
    assert!(course.read("site/basics/episode-2.html").contains("Bangs"));
    assert!(
        course
            .read("site/basics/episode-3.html")
            .contains("Questions")
    );
}

#[test]
fn file_names_without_letters_and_the_same_number_still_get_two_pages() {
    let course = Course::minimal()
        .file("episodes/01-basics/!!!.md", episode(2, "Bangs"))
        .file("episodes/01-basics/???.md", episode(2, "Questions"));
    let out = course.run(&["build"]);
    assert_eq!(collisions(&out), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("error[duplicate-episode]"),
        "{}",
        out.stderr
    );
    assert!(course.read("site/basics/episode-2.html").contains("Bangs"));
    assert!(
        course
            .read("site/basics/episode-2-2.html")
            .contains("Questions")
    );
}

#[test]
fn a_loose_episode_named_index_does_not_replace_the_loose_series_page() {
    let course = Course::new()
        .file("book.toml", "title = \"T\"\n")
        .file("episodes/a-first.md", episode(1, "First"))
        .file("episodes/index.md", episode(2, "Indexing"));
    let out = course.run(&["build"]);
    assert_eq!(collisions(&out), 1, "{}", out.stderr);
    assert!(
        course
            .read("site/episodes/index-2.html")
            .contains("Indexing")
    );
    let series = course.read("site/episodes/index.html");
    assert!(
        series.contains("a-first.html") && series.contains("index-2.html"),
        "{series}"
    );
}

#[test]
fn loose_files_on_both_sides_of_a_series_folder_are_one_series() {
    let course = Course::new()
        .file("book.toml", "title = \"T\"\n")
        .file("episodes/a-first.md", episode(1, "First"))
        .file("episodes/b/episode-01-middle.md", episode(1, "Middle"))
        .file("episodes/z-last.md", episode(2, "Last"));
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(collisions(&out), 0, "{}", out.stderr);
    let series = course.read("site/episodes/index.html");
    assert!(
        series.contains("a-first.html") && series.contains("z-last.html"),
        "{series}"
    );
}

#[test]
fn a_theme_asset_never_replaces_a_page_or_another_asset() {
    let course = Course::new()
        .file("book.toml", "title = \"T\"\n")
        .file("episodes/assets/episode-01-pages.md", episode(1, "Pages"))
        .file("templates/assets/episode-01-pages.html", "asset")
        .file("templates/assets/Logo.svg", "<svg>upper</svg>")
        .file("templates/assets/logo.svg", "<svg>lower</svg>");
    let out = course.run(&["build"]);
    assert_eq!(collisions(&out), 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("--> templates/assets/episode-01-pages.html")
            && out.stderr.contains("episodes/assets/episode-01-pages.md")
            && out.stderr.contains("--> templates/assets/logo.svg")
            && out.stderr.contains("templates/assets/Logo.svg"),
        "{}",
        out.stderr
    );
    assert!(
        course
            .read("site/assets/episode-01-pages.html")
            .contains("Pages")
    );
    assert_eq!(course.read("site/assets/Logo.svg"), "<svg>upper</svg>");
    assert!(!course.path("site/assets/logo.svg").exists());
}
