//! Raw HTML a browser would misread (a comment never closed, `<title>` in prose, `List<String>`)
//! is shown as text and reported at its line and column, and the rest of the page, the
//! series' print page included, stays in view; headings never take the page's own ids.

use crate::support::Course;

/// Elements whose content the browser reads as text up to their closing tag.
const RAW_TEXT: &[&str] = &[
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
];

/// Whether `needle` is in `html` where a browser shows it: not inside a comment left open
/// before it, nor inside a raw-text element opened before it and not closed.
fn is_shown(html: &str, needle: &str) -> bool {
    let Some(at) = html.find(needle) else {
        return false;
    };
    let before = without_scripts(&html[..at].to_ascii_lowercase());
    let open_comment = before.rfind("<!--");
    let closed_comment = before.rfind("-->");
    if open_comment.is_some() && open_comment >= closed_comment.map(|c| c.saturating_sub(2)) {
        return false;
    }
    RAW_TEXT.iter().all(|name| {
        let opened = [" ", ">", "/"]
            .iter()
            .filter_map(|after| before.rfind(&format!("<{name}{after}")))
            .max();
        opened.is_none_or(|opened| {
            before
                .rfind(&format!("</{name}"))
                .is_some_and(|closed| closed > opened)
        })
    })
}

/// `html` without its closed `<script>` elements, whose text may hold anything.
fn without_scripts(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find("<script") {
        let Some(close) = rest[open..].find("</script>") else {
            break;
        };
        out.push_str(&rest[..open]);
        rest = &rest[open + close + "</script>".len()..];
    }
    out.push_str(rest);
    out
}

fn course() -> Course {
    Course::minimal()
        .file(
            "episodes/01-basics/episode-02-comment.md",
            "# Episode 2: Comment\n\nBefore the comment.\n\n<!-- TODO add a diagram\n\nAfter the comment.\n",
        )
        .file(
            "episodes/01-basics/episode-03-raw.md",
            "# Episode 3: Raw\n\nWrap the player in an <iframe> element, and set the <title> of the page.\n\nA later paragraph.\n\n<script>let a = \"<title>\";</script>\n",
        )
        .file(
            "episodes/01-basics/episode-04-generic.md",
            "# Episode 4: List<String>\n\nA List<String> here, <kbd>Ctrl</kbd>, <sup>2</sup>, <abbr title=\"Hypertext\">HT</abbr>, <my-widget>w</my-widget>.\n\n## Using Vec<T>\n\nThe end of the generic episode.\n",
        )
}

#[test]
fn an_unclosed_comment_is_shown_as_text_and_the_rest_of_the_page_stays() {
    let course = course();
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = course.read("site/basics/episode-02-comment.html");
    assert!(!page.contains("<!-- TODO"), "{page}");
    assert!(page.contains("&lt;!-- TODO add a diagram"), "{page}");
    assert!(is_shown(&page, "After the comment."), "{page}");
    assert!(is_shown(&page, "<nav class=\"pager\""), "{page}");
    assert!(is_shown(&page, "<footer class=\"site-footer\""), "{page}");
    let print = course.read("site/basics/print.html");
    assert!(is_shown(&print, "A later paragraph."), "{print}");
    assert!(
        is_shown(&print, "The end of the generic episode."),
        "{print}"
    );
    let lint = course.run(&["lint", "--format", "short"]);
    assert!(
        lint.stdout
            .contains("episodes/01-basics/episode-02-comment.md:5:1: error[unterminated-comment]"),
        "{}",
        lint.stdout
    );
}

#[test]
fn raw_text_elements_left_open_in_prose_are_shown_as_text() {
    let course = course();
    assert_eq!(course.run(&["build"]).code, 0);
    let page = course.read("site/basics/episode-03-raw.html");
    assert!(
        page.contains(
            "Wrap the player in an &lt;iframe> element, and set the &lt;title> of the page."
        ),
        "{page}"
    );
    assert!(is_shown(&page, "A later paragraph."), "{page}");
    assert!(is_shown(&page, "<nav class=\"pager\""), "{page}");
    assert!(is_shown(&page, "<footer class=\"site-footer\""), "{page}");
    // A closed element stays what it is, whatever its text holds.
    assert!(
        page.contains("<script>let a = \"<title>\";</script>"),
        "{page}"
    );
    let print = course.read("site/basics/print.html");
    assert!(
        is_shown(&print, "The end of the generic episode."),
        "{print}"
    );
    let lint = course.run(&["lint", "--format", "short"]);
    for at in ["3:23", "3:53"] {
        assert!(
            lint.stdout.contains(&format!(
                "episodes/01-basics/episode-03-raw.md:{at}: warning[unclosed-html-element]"
            )),
            "{at}: {}",
            lint.stdout
        );
    }
    assert_eq!(lint.stdout.matches("unclosed-html-element").count(), 2);
    let json = course.run(&["lint", "--format", "json"]);
    assert!(
        json.stdout
            .contains("to write about the element, wrap it in backticks: `<iframe>`"),
        "{}",
        json.stdout
    );
}

#[test]
fn tags_that_name_no_element_are_shown_as_written_and_real_ones_kept() {
    let course = course();
    assert_eq!(course.run(&["build"]).code, 0);
    let page = course.read("site/basics/episode-04-generic.html");
    assert!(page.contains("A List&lt;String> here"), "{page}");
    assert!(page.contains("<kbd>Ctrl</kbd>"), "{page}");
    assert!(page.contains("<sup>2</sup>"), "{page}");
    assert!(
        page.contains("<abbr title=\"Hypertext\">HT</abbr>"),
        "{page}"
    );
    assert!(page.contains("<my-widget>w</my-widget>"), "{page}");
    assert!(page.contains("Using Vec&lt;T>"), "{page}");
    assert!(
        page.contains("<title>List&lt;String&gt; · Test Course</title>"),
        "{page}"
    );
    assert!(page.contains("<h2 id=\"using-vect\">"), "{page}");
    // The sidebar of another page and the search index name it whole.
    let other = course.read("site/basics/episode-01-hello.html");
    assert!(other.contains("List&lt;String&gt;"), "{other}");
    let index = std::fs::read_dir(course.path("site"))
        .into_iter()
        .flatten()
        .flatten()
        .chain(
            std::fs::read_dir(course.path("site/search"))
                .into_iter()
                .flatten()
                .flatten(),
        )
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect::<Vec<_>>();
    assert!(
        index
            .iter()
            .any(|t| t.contains("\"title\":\"List<String>\"")),
        "no search file names the title whole"
    );
    assert!(
        index.iter().any(|t| t.contains("A List<String> here")),
        "no search file holds the paragraph whole"
    );
    let lint = course.run(&["lint", "--format", "short"]);
    for at in ["1:18", "3:7", "5:13"] {
        assert!(
            lint.stdout.contains(&format!(
                "episodes/01-basics/episode-04-generic.md:{at}: warning[unknown-html-element]"
            )),
            "{at}: {}",
            lint.stdout
        );
    }
    assert_eq!(lint.stdout.matches("unknown-html-element").count(), 3);
}

#[test]
fn headings_never_take_the_ids_of_the_page_itself() {
    let course = Course::minimal().file(
        "episodes/01-basics/episode-02-ids.md",
        "# Episode 2: Ids\n\n## Content\n\nA note[^1].\n\n## Sidebar\n\n## Search results\n\n## Search input\n\n## fn-1\n\n## Contents\n\n[^1]: The note.\n",
    );
    assert_eq!(course.run(&["build"]).code, 0);
    let page = course.read("site/basics/episode-02-ids.html");
    for id in [
        "content",
        "sidebar",
        "search-results",
        "search-input",
        "fn-1",
        "content-1",
        "sidebar-1",
        "search-results-1",
        "search-input-1",
        "fn-1-1",
        "contents",
    ] {
        assert_eq!(
            page.matches(&format!(" id=\"{id}\"")).count(),
            1,
            "id {id}: {page}"
        );
    }
    assert!(page.contains("href=\"#content-1\""), "{page}");
    assert!(page.contains("<h2 id=\"fn-1-1\">"), "{page}");
}
