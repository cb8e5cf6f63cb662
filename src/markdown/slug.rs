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

/// Hands out unique slugs within one page.
#[derive(Debug, Default)]
pub struct SlugSet {
    seen: HashMap<String, usize>,
}

impl SlugSet {
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
    fn duplicates_are_numbered_in_order() {
        let mut set = SlugSet::default();
        assert_eq!(set.unique("Results"), "results");
        assert_eq!(set.unique("Results"), "results-1");
        assert_eq!(set.unique("Results 1"), "results-1-1");
        assert_eq!(set.unique("Results"), "results-2");
    }
}
