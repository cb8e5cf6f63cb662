//! Feeds, social cards, canonical links and the sitemap: written only with an absolute
//! `base_url`, newest episode first, and well-formed against what RSS 2.0 and Atom 1.0 require.

use crate::support::Course;

fn course(base_url: &str) -> Course {
    Course::new()
        .file(
            "book.toml",
            format!("title = \"Ops\"\nbase_url = \"{base_url}\"\nauthors = [\"A. Writer\"]\n\n[site]\nedit_url = \"https://example.org/ops/edit/main/{{path}}\"\n"),
        )
        .file(
            "episodes/01-basics/episode-01-old.md",
            "---\ndate: 2024-01-15\nsummary: The first one & only <intro>.\n---\n# Episode 1: Old\n\nText.\n",
        )
        .file(
            "episodes/01-basics/episode-02-new.md",
            "---\ndate: 2024-03-01T09:30:00Z\n---\n# Episode 2: New\n\nText.\n",
        )
        .file("episodes/02-later/episode-01-undated.md", "# Episode 1: Undated\n\nText.\n")
}

fn children<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    node.children().filter(|n| n.has_tag_name(name)).collect()
}

fn text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> &'a str {
    node.children()
        .find(|n| n.has_tag_name(name))
        .and_then(|n| n.text())
        .unwrap_or_else(|| panic!("no <{name}>"))
}

#[test]
fn rss_lists_episodes_newest_first_with_what_the_spec_requires() {
    let c = course("https://example.org/ops");
    let out = c.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let xml = c.read("site/feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed RSS");
    let channel = doc.root_element().first_element_child().expect("channel");
    assert_eq!(doc.root_element().attribute("version"), Some("2.0"));
    assert_eq!(text(channel, "title"), "Ops");
    assert_eq!(text(channel, "link"), "https://example.org/ops/");
    let items = children(channel, "item");
    let titles: Vec<&str> = items.iter().map(|i| text(*i, "title")).collect();
    assert_eq!(
        titles,
        [
            "Basics · Episode 2: New",
            "Basics · Episode 1: Old",
            "Later · Episode 1: Undated"
        ]
    );
    let date = text(items[0], "pubDate");
    assert_eq!(date, "Fri, 1 Mar 2024 09:30:00 +0000");
    assert!(jiff::fmt::rfc2822::parse(date).is_ok(), "{date}");
    assert!(
        children(items[2], "pubDate").is_empty(),
        "no date, no pubDate"
    );
    assert_eq!(
        text(items[1], "description"),
        "The first one & only <intro>."
    );
    assert_eq!(
        text(items[1], "link"),
        "https://example.org/ops/basics/episode-01-old.html"
    );
    let series = c.read("site/later/feed.xml");
    assert_eq!(series.matches("<item>").count(), 1);
}

#[test]
fn atom_has_ids_and_update_times_on_the_feed_and_every_entry() {
    let c = course("https://example.org/ops/");
    assert_eq!(c.run(&["build"]).code, 0);
    let xml = c.read("site/atom.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed Atom");
    let feed = doc.root_element();
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    assert_eq!(text(feed, "id"), "https://example.org/ops/atom.xml");
    assert_eq!(text(feed, "updated").len(), "2024-03-01T09:30:00Z".len());
    assert_eq!(text(children(feed, "author")[0], "name"), "A. Writer");
    let entries = children(feed, "entry");
    assert_eq!(entries.len(), 3);
    for entry in &entries {
        for required in ["id", "title", "updated"] {
            assert!(!text(*entry, required).is_empty());
        }
        assert!(text(*entry, "updated").parse::<jiff::Timestamp>().is_ok());
    }
    assert_eq!(text(entries[0], "updated"), "2024-03-01T09:30:00Z");
    assert_eq!(text(entries[1], "updated"), "2024-01-15T00:00:00Z");
}

#[test]
fn pages_get_canonical_links_social_cards_feeds_and_an_edit_link() {
    let c = course("https://example.org/ops/");
    assert_eq!(c.run(&["build"]).code, 0);
    let page = c.read("site/basics/episode-01-old.html");
    for expected in [
        r#"<link rel="canonical" href="https://example.org/ops/basics/episode-01-old.html">"#,
        r#"<meta property="og:type" content="article">"#,
        r#"<meta property="og:description" content="The first one &amp; only &lt;intro&gt;.">"#,
        r#"<meta name="twitter:card" content="summary">"#,
        r#"<link rel="alternate" type="application/rss+xml" title="Basics: episodes" href="../basics/feed.xml">"#,
        r#"<a href="https://example.org/ops/edit/main/episodes/01-basics/episode-01-old.md">Edit this page</a>"#,
    ] {
        assert!(page.contains(expected), "{expected}");
    }
    let sitemap = c.read("site/sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/ops/basics/episode-01-old.html</loc>"));
}

#[test]
fn a_relative_base_url_gives_no_sitemap_feeds_or_canonical_links_and_says_why() {
    let c = course("/ops/");
    let out = c.run(&["build", "--verbose"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("warning[site-url]: base_url `/ops/` is not an absolute URL"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("book.toml:2:1"), "{}", out.stderr);
    for absent in ["site/sitemap.xml", "site/feed.xml", "site/atom.xml"] {
        assert!(!c.path(absent).exists(), "{absent}");
    }
    assert!(!c.read("site/index.html").contains("rel=\"canonical\""));
    let unset = Course::new().file("episodes/01-a/episode-01-a.md", "# Episode 1: A\n");
    let out = unset.run(&["build", "--verbose"]);
    assert!(
        !out.stderr.contains("site-url"),
        "never set: nothing to say"
    );
    let commented = Course::new()
        .file(
            "book.toml",
            "# base_url = \"https://example.org/ops/\" once it is published\ntitle = \"T\"\n",
        )
        .file("episodes/01-a/episode-01-a.md", "# Episode 1: A\n");
    let out = commented.run(&["build", "--verbose"]);
    assert!(
        !out.stderr.contains("site-url"),
        "a comment that mentions base_url does not set it: {}",
        out.stderr
    );
}

#[test]
fn the_404_page_is_self_contained_and_links_from_the_sites_path_or_its_folder_on_file_urls() {
    let c = course("https://example.org/ops/");
    assert_eq!(c.run(&["build"]).code, 0);
    let page = c.read("site/404.html");
    assert!(
        page.contains(r#"href="/ops/index.html""#),
        "links from the site's path"
    );
    assert!(
        page.contains(r#"location.protocol === "file:""#),
        "and from disk"
    );
    assert!(page.contains("<style>"), "styled without loading anything");
    assert!(!page.contains("<link rel=\"stylesheet\"") && !page.contains("<script src="));
    assert!(!page.contains("rel=\"canonical\""));
}

#[test]
fn search_off_means_no_index_and_no_search_box() {
    let c = Course::new()
        .file("book.toml", "title = \"T\"\n\n[site]\nsearch = false\n")
        .file(
            "episodes/01-a/episode-01-a.md",
            "# Episode 1: A\n\nWords.\n",
        );
    assert_eq!(c.run(&["build"]).code, 0);
    assert!(!c.path("site/search").exists());
    let page = c.read("site/a/episode-01-a.html");
    assert!(!page.contains("search.js") && !page.contains("class=\"search\""));
    let on = Course::new().file(
        "episodes/01-a/episode-01-a.md",
        "# Episode 1: A\n\nWords.\n",
    );
    assert_eq!(on.run(&["build"]).code, 0);
    assert!(on.path("site/search/index.js").is_file());
    assert!(
        on.read("site/a/episode-01-a.html")
            .contains("assets/search.js")
    );
}
