//! Images and files that episodes link to: copied once each into the site, with the links
//! rewritten so they load from the page; missing ones, and paths leading out of the course
//! folder, reported as `missing-file` at the link.

use std::path::{Path, PathBuf};

use crate::support::{Course, run_with_cache, tree};

const BOOK: &str = "title = \"Pictures\"\n";
const EPISODE: &str = "episodes/01-pattern-drills/episode-01-x.md";
const PAGE: &str = "site/pattern-drills/episode-01-x.html";
/// Bytes no other file of a test has, so a copy can be told by its content.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\nbeside the episode";
const LOGO: &[u8] = b"\x89PNG\r\n\x1a\nshared logo";

/// The value of every `attribute="…"` of the tags named `tag` in `html`, in order.
fn attribute_values(html: &str, tag: &str, attribute: &str) -> Vec<String> {
    let mut found = Vec::new();
    let open = format!("<{tag} ");
    let wanted = format!(" {attribute}=\"");
    for (at, _) in html.match_indices(&open) {
        let end = html[at..].find('>').map_or(html.len(), |e| at + e);
        let tag_text = &html[at..end];
        if let Some(start) = tag_text.find(&wanted) {
            let value = &tag_text[start + wanted.len()..];
            found.push(value[..value.find('"').unwrap_or(value.len())].to_owned());
        }
    }
    found
}

/// The file that the relative URL `url` names from the page at `page`.
fn target_of(page: &Path, url: &str) -> PathBuf {
    let path = url.split(['#', '?']).next().unwrap_or(url);
    let decoded = path.replace("%20", " ");
    page.parent().expect("page folder").join(decoded)
}

fn course() -> Course {
    Course::new()
        .file("book.toml", BOOK)
        .file(
            EPISODE,
            "# Episode 1: X\n\n## Pictures\n\n![ok](images/a.png)\n\nThe logo: ![Shared *logo*](../../images/logo.png \"The logo\").\n\nThe [slides](files/slides%20v2.pdf#page=2), [another episode](../02-more/episode-02-y.md),\n[the web](https://example.org/a.png) and ![inline](data:image/png;base64,AAAA).\n",
        )
        .file("episodes/01-pattern-drills/images/a.png", PNG)
        .file("episodes/01-pattern-drills/files/slides v2.pdf", "%PDF-1.4 slides\n")
        .file("images/logo.png", LOGO)
        .file(
            "episodes/02-more/episode-02-y.md",
            "# Episode 2: Y\n\n## Again\n\n![the same logo](/images/logo.png)\n",
        )
}

#[test]
fn images_beside_an_episode_and_in_a_shared_folder_are_copied_once_and_load_from_the_page() {
    let course = course();
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(!out.stderr.contains("missing-file"), "{}", out.stderr);
    let page = course.path(PAGE);
    let html = course.read(PAGE);
    let srcs = attribute_values(&html, "img", "src");
    assert_eq!(srcs.len(), 3, "{srcs:?}");
    assert_eq!(
        std::fs::read(target_of(&page, &srcs[0])).ok().as_deref(),
        Some(PNG)
    );
    assert_eq!(
        std::fs::read(target_of(&page, &srcs[1])).ok().as_deref(),
        Some(LOGO)
    );
    assert_eq!(
        srcs[2], "data:image/png;base64,AAAA",
        "data: URIs are left alone"
    );
    assert!(html.contains("alt=\"ok\""), "{html}");
    assert!(
        html.contains("alt=\"Shared logo\" title=\"The logo\""),
        "{html}"
    );
    assert_eq!(html.matches("loading=\"lazy\"").count(), 3, "{html}");
    // The PDF is copied too; its fragment kept. Links to pages and other sites are unchanged.
    let hrefs = attribute_values(&html, "a", "href");
    let slides = hrefs
        .iter()
        .find(|h| h.contains("slides"))
        .unwrap_or_else(|| panic!("no link to the slides in {hrefs:?}"));
    assert!(slides.ends_with("#page=2"), "{slides}");
    assert_eq!(
        std::fs::read_to_string(target_of(&page, slides))
            .ok()
            .as_deref(),
        Some("%PDF-1.4 slides\n")
    );
    assert!(
        hrefs.iter().any(|h| h == "../more/episode-02-y.html"),
        "{hrefs:?}"
    );
    assert!(
        hrefs.iter().any(|h| h == "https://example.org/a.png"),
        "{hrefs:?}"
    );
    // The other episode's root-relative image leads to the same copy: one copy in the site.
    let other = course.path("site/more/episode-02-y.html");
    let other_srcs = attribute_values(&course.read("site/more/episode-02-y.html"), "img", "src");
    assert_eq!(
        target_of(&other, &other_srcs[0]).canonicalize().ok(),
        target_of(&page, &srcs[1]).canonicalize().ok()
    );
    let copies_of_logo = tree(&course.path("site"))
        .values()
        .filter(|bytes| bytes.as_slice() == LOGO)
        .count();
    assert_eq!(copies_of_logo, 1);
}

#[test]
fn a_missing_image_is_an_error_at_its_line_and_column_with_the_closest_file() {
    let course = Course::new()
        .file("book.toml", BOOK)
        .file(
            EPISODE,
            "# Episode 1: X\n\n## Pictures\n\nSee ![the chart](images/chart.pgn) and [the data](data/results.csv).\n",
        )
        .file("episodes/01-pattern-drills/images/chart.png", PNG);
    let out = course.run(&["lint", "--format", "short"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let missing: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains("missing-file"))
        .collect();
    assert_eq!(missing.len(), 2, "{}", out.stdout);
    assert!(
        missing[0].starts_with(&format!("{EPISODE}:5:18:")),
        "{}",
        missing[0]
    );
    assert!(missing[0].contains("images/chart.pgn"), "{}", missing[0]);
    assert!(
        missing[1].starts_with(&format!("{EPISODE}:5:51:")),
        "{}",
        missing[1]
    );
    assert!(!out.stdout.contains("broken-link"), "{}", out.stdout);
    let human = course.run(&["lint"]);
    assert!(
        human.stdout.contains("did you mean `images/chart.png`?"),
        "{}",
        human.stdout
    );
    // The build reports it too, and the page keeps the link as written.
    let build = course.run(&["build"]);
    assert!(build.stderr.contains("missing-file"), "{}", build.stderr);
    assert!(course.read(PAGE).contains("src=\"images/chart.pgn\""));
}

#[test]
fn paths_leading_out_of_the_course_folder_are_refused_and_nothing_is_copied() {
    let course = Course::new()
        .file("course/book.toml", BOOK)
        .file(
            &format!("course/{EPISODE}"),
            "# Episode 1: X\n\n## Pictures\n\n![secret](../../../secret.png)\n\n![linked](images/link.png)\n\n<img src=\"../../../secret.png\">\n",
        )
        .file("secret.png", b"top secret bytes");
    let secret = course.path("secret.png");
    let root = course.path("course");
    std::fs::create_dir_all(root.join("episodes/01-pattern-drills/images")).expect("mkdir");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        &secret,
        root.join("episodes/01-pattern-drills/images/link.png"),
    )
    .expect("symlink");
    let root_arg = root.to_str().expect("utf-8");
    let lint = run_with_cache(
        &root,
        &["--root", root_arg, "lint", "--format", "short"],
        course.cache_dir(),
    );
    let refused: Vec<&str> = lint
        .stdout
        .lines()
        .filter(|l| l.contains("missing-file"))
        .collect();
    assert!(
        refused[0].starts_with(&format!("{EPISODE}:5:11:")),
        "{}",
        lint.stdout
    );
    assert!(
        refused[0].contains("climbs above the course folder"),
        "{}",
        lint.stdout
    );
    #[cfg(unix)]
    assert!(
        refused
            .iter()
            .any(|l| l.contains("symbolic link leads out")),
        "{}",
        lint.stdout
    );
    assert!(
        refused
            .iter()
            .any(|l| l.contains(&format!("{EPISODE}:9:11:"))),
        "{}",
        lint.stdout
    );
    let build = run_with_cache(&root, &["--root", root_arg, "build"], course.cache_dir());
    assert!(build.stderr.contains("missing-file"), "{}", build.stderr);
    let site = root.join("site");
    assert!(site.join("index.html").is_file());
    let written = tree(&site);
    assert!(written.len() > 3, "{:?}", written.keys());
    for (path, bytes) in written {
        assert_ne!(
            bytes.as_slice(),
            b"top secret bytes",
            "{path} is a copy of a file outside the course"
        );
    }
}

#[test]
fn an_episode_folder_image_and_a_raw_html_image_load_from_the_page() {
    let episode = "episodes/01-reliability/episode-001-queueing";
    let course = Course::new()
        .file("book.toml", "title = \"B\"\n\n[episodes]\nlayout = \"bundle\"\n")
        .file(
            &format!("{episode}/script/episode-script.md"),
            "# Queueing\n\n## Arrivals\n\n![The queue](../images/queue.png)\n\n<p><img src=\"../images/queue.png\" alt=\"Sized\" width=\"40\" height=\"30\"></p>\n",
        )
        .file(&format!("{episode}/images/queue.png"), PNG);
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(!out.stderr.contains("missing-file"), "{}", out.stderr);
    let page_rel = "site/reliability/episode-001-queueing.html";
    let page = course.path(page_rel);
    let html = course.read(page_rel);
    let srcs = attribute_values(&html, "img", "src");
    assert_eq!(srcs.len(), 2, "{html}");
    for src in &srcs {
        assert_eq!(
            std::fs::read(target_of(&page, src)).ok().as_deref(),
            Some(PNG),
            "{src}"
        );
    }
    assert!(
        html.contains("alt=\"Sized\" width=\"40\" height=\"30\" loading=\"lazy\">"),
        "{html}"
    );
    let lint = course.run(&["lint", "--format", "short"]);
    assert!(!lint.stdout.contains("missing-file"), "{}", lint.stdout);
}

#[test]
fn an_image_in_an_html_comment_is_not_published_and_one_in_text_shown_as_written_loads() {
    // A comment over several lines of an HTML block hides its image: not reported, not
    // copied. An image in a block shown as text (it holds `<title>` left open) still has its
    // `src` pointed at the copy.
    let course = Course::new()
        .file("book.toml", BOOK)
        .file(
            EPISODE,
            "# Episode 1: X\n\n<!--\n<img src=\"images/hidden.png\">\n-->\n\n<p>Set the <title> of the page: <img src=\"images/a.png\"></p>\n",
        )
        .file("episodes/01-pattern-drills/images/hidden.png", LOGO)
        .file("episodes/01-pattern-drills/images/a.png", PNG);
    let out = course.run(&["build"]);
    assert!(!out.stderr.contains("missing-file"), "{}", out.stderr);
    let page = course.read(PAGE);
    let sources: Vec<String> = attribute_values(&page, "img", "src")
        .into_iter()
        .filter(|src| !src.contains("hidden"))
        .collect();
    assert_eq!(sources.len(), 1, "{page}");
    let copy = target_of(&course.path(PAGE), &sources[0]);
    assert_eq!(
        std::fs::read(&copy).ok().as_deref(),
        Some(PNG),
        "{}",
        sources[0]
    );
    assert!(
        !tree(&course.path("site"))
            .keys()
            .any(|f| f.contains("hidden.png")),
        "the hidden image was copied"
    );
}
