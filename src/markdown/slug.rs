//! Heading anchors: stable, readable, unique slugs.
//!
//! Slugs keep letters and digits of any script, turn spaces and hyphens into single hyphens,
//! and drop everything else: punctuation, emoji, variation selectors (U+FE0F) and joiners.
//! Duplicates get `-1`, `-2`, … in document order, like GitHub, so links people already share
//! keep working when headings repeat.

use std::collections::HashMap;

/// The slug of one piece of text, without de-duplication. Never empty.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(ch.to_lowercase());
        } else if ch.is_whitespace() || ch == '-' || ch == '_' {
            pending_dash = true;
        }
    }
    if slug.is_empty() {
        "section".to_owned()
    } else {
        slug
    }
}

/// The ids the templates (`templates/*.html`) and the renderer give elements of every page
/// that shows a course's Markdown: the page's chrome (`content`, `sidebar`, the search box)
/// and the episode page's own sections. A heading never takes one (see [`SlugSet::for_page`]),
/// or its contents link would jump to the chrome and the page would hold an id twice.
///
/// The other ids of the templates are not here, each for its reason: `series-…` is only on
/// the home page, which shows no Markdown; `print-episode-…` is on the print page, which
/// prefixes every id of an episode's body (`e2-…`); the code section and code files of an
/// episode (`code.id`, `file.id`) are chosen against the page's headings. The footnotes of a
/// page (`fn-…`, `fnref-…`) are reserved by the page that has them, and the ids of diagrams
/// and interactive blocks are chosen against the headings when the page is rendered.
pub(crate) const RESERVED_IDS: &[&str] = &[
    "content",
    "content-checks",
    "episode-notes",
    "recommendations",
    "search-input",
    "search-panel",
    "search-results",
    "sidebar",
];

/// Hands out unique slugs within one page.
#[derive(Debug, Default)]
pub struct SlugSet {
    seen: HashMap<String, usize>,
}

impl SlugSet {
    /// The slugs of a page whose other elements take [`RESERVED_IDS`] and `taken` (its
    /// footnotes' ids): a heading that would take one of them gets the next free suffix
    /// (`## Content` is `content-1`), as rustdoc does; other headings keep the slug they
    /// would have anyway.
    pub(crate) fn for_page(taken: impl IntoIterator<Item = String>) -> Self {
        let mut seen: HashMap<String, usize> = RESERVED_IDS
            .iter()
            .map(|id| ((*id).to_owned(), 0))
            .collect();
        seen.extend(taken.into_iter().map(|id| (id, 0)));
        Self { seen }
    }

    /// The unique slug for `text`.
    pub fn unique(&mut self, text: &str) -> String {
        let base = slugify(text);
        let mut candidate = base.clone();
        while let Some(count) = self.seen.get_mut(&candidate) {
            *count += 1;
            candidate = format!("{base}-{count}");
        }
        self.seen.insert(candidate.clone(), 0);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_and_variation_selectors_are_dropped() {
        assert_eq!(slugify("🎯 EXECUTIVE SUMMARY"), "executive-summary");
        assert_eq!(slugify("⚙️ Configuration"), "configuration");
        assert_eq!(slugify("👩‍💻 Who it's for"), "who-its-for");
    }

    #[test]
    fn punctuation_collapses_and_unicode_letters_stay() {
        assert_eq!(
            slugify("Hour 1: S3 & HyperStore — the basics!"),
            "hour-1-s3-hyperstore-the-basics"
        );
        assert_eq!(slugify("Café résumé"), "café-résumé");
        assert_eq!(slugify("🎬"), "section");
    }

    #[test]
    fn reserved_ids_take_the_next_free_suffix_and_others_stay() {
        let mut set = SlugSet::for_page(["fn-1".to_owned(), "fn-1-1".to_owned()]);
        assert_eq!(set.unique("Content"), "content-1");
        assert_eq!(set.unique("Content"), "content-2");
        assert_eq!(set.unique("Sidebar"), "sidebar-1");
        assert_eq!(set.unique("Search results"), "search-results-1");
        assert_eq!(set.unique("Search input"), "search-input-1");
        assert_eq!(set.unique("fn-1"), "fn-1-2");
        assert_eq!(set.unique("Content checks"), "content-checks-1");
        assert_eq!(set.unique("Contents"), "contents");
        assert_eq!(set.unique("Results"), "results");
        assert_eq!(set.unique("fn-2"), "fn-2");
    }

    /// Every id a template writes is reserved, or left out for a reason that
    /// [`RESERVED_IDS`] gives: a template that gains an id fails here until it is added.
    #[test]
    fn every_id_of_the_templates_is_reserved() {
        // Ids built from a value, each left out for the reason given at RESERVED_IDS.
        const BUILT: &[&str] = &[
            "series-{{ s.slug }}",
            "print-episode-{{ ep.number }}",
            "{{ code.id }}",
            "{{ file.id }}",
        ];
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut checked = 0;
        for entry in std::fs::read_dir(&folder).expect("templates/") {
            let path = entry.expect("entry").path();
            if path.extension().and_then(|e| e.to_str()) != Some("html") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("template");
            for (at, _) in text.match_indices(" id=\"") {
                let value = &text[at + 5..];
                let value = &value[..value.find('"').expect("closing quote")];
                checked += 1;
                assert!(
                    RESERVED_IDS.contains(&value) || BUILT.contains(&value),
                    "{}: id `{value}` is not reserved: add it to RESERVED_IDS",
                    path.display()
                );
            }
        }
        assert!(checked >= 12, "only {checked} ids found in the templates");
    }

    #[test]
    fn duplicates_are_numbered_in_order() {
        let mut set = SlugSet::default();
        assert_eq!(set.unique("Results"), "results");
        assert_eq!(set.unique("Results"), "results-1");
        assert_eq!(set.unique("Results 1"), "results-1-1");
        assert_eq!(set.unique("Results"), "results-2");
    }
}
