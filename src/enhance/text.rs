//! Word-level helpers shared by requirement parsing and verdicts: tokens, key terms and the
//! "how much of this item appears there" measure that every verdict is built on.
//!
//! Matching is deliberately simple and explainable: an item (a metric label, a node label, a
//! class name) is covered by a block when most of its significant words appear in the block.

use std::collections::BTreeSet;

/// Words that carry no meaning for matching.
const STOPWORDS: &[&str] = &[
    "a", "add", "after", "all", "an", "and", "are", "as", "at", "be", "by", "each", "for", "from",
    "has", "how", "in", "into", "is", "it", "its", "new", "not", "of", "on", "or", "our", "per",
    "self", "than", "that", "the", "their", "this", "to", "use", "vs", "was", "what", "when",
    "with", "you", "your",
];

/// Splits text into lowercase significant words: camelCase and snake_case are split, stop
/// words and single letters are dropped, and a plural `s` is removed.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        for part in split_camel(word) {
            let lower = part.to_lowercase();
            if lower.chars().count() < 2 || STOPWORDS.contains(&lower.as_str()) {
                continue;
            }
            out.push(stem(lower));
        }
    }
    out
}

/// The set of [`tokens`] of a text.
pub fn token_set(text: &str) -> BTreeSet<String> {
    tokens(text).into_iter().collect()
}

fn stem(mut word: String) -> String {
    let len = word.chars().count();
    if len > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        word.pop();
    }
    word
}

/// `NetflixChaosEngineering` → `Netflix`, `Chaos`, `Engineering`; `HTTPServer` stays whole.
fn split_camel(word: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    for pair in chars.windows(2) {
        let ((_, a), (i, b)) = (pair[0], pair[1]);
        if a.is_lowercase() && b.is_uppercase() {
            parts.push(&word[start..i]);
            start = i;
        }
    }
    parts.push(&word[start..]);
    parts
}

/// The share of the item's words found in `words` (0.0 for an item with no words).
pub fn coverage(item: &str, words: &BTreeSet<String>) -> f32 {
    let item_words = token_set(item);
    if item_words.is_empty() {
        return 0.0;
    }
    let found = item_words.iter().filter(|w| words.contains(*w)).count();
    found as f32 / item_words.len() as f32
}

/// Whether most of the item's words are in `words`: all of one or two words, two thirds of
/// longer items.
pub fn covers(words: &BTreeSet<String>, item: &str) -> bool {
    let n = token_set(item).len();
    let needed = if n <= 2 { 1.0 } else { 0.66 };
    n > 0 && coverage(item, words) >= needed
}

/// Symmetric word overlap of two names, 0.0 to 1.0 (Jaccard on significant words, with the
/// word "series" ignored so that "Pattern Mastery" matches "Pattern Mastery Series").
pub fn name_similarity(a: &str, b: &str) -> f32 {
    let strip = |s: &str| -> BTreeSet<String> {
        token_set(s)
            .into_iter()
            .filter(|w| w != "serie" && w != "series")
            .collect()
    };
    let (a, b) = (strip(a), strip(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f32 / union as f32
}

/// Removes duplicates (case-insensitively) while keeping the first spelling and the order.
pub fn dedup(items: &mut Vec<String>) {
    let mut seen = BTreeSet::new();
    items.retain(|item| !item.trim().is_empty() && seen.insert(item.to_lowercase()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_and_snake_case_split_and_plurals_fold() {
        assert_eq!(
            tokens("NetflixChaosEngineering get_healthy_instances"),
            [
                "netflix",
                "chao",
                "engineering",
                "get",
                "healthy",
                "instance"
            ]
        );
    }

    #[test]
    fn an_item_is_covered_when_most_words_appear() {
        let words = token_set("Request rate, p99 latency and error rate per region");
        assert!(covers(&words, "Error Rate"));
        assert!(!covers(&words, "Cache Hit Rate"));
        assert!(covers(&words, "p99 latency of requests"));
    }

    #[test]
    fn series_names_match_without_the_word_series() {
        assert!(name_similarity("Pattern Mastery Series", "Pattern Mastery") > 0.99);
        assert!(
            name_similarity("Architecture Deep Dives", "Architecture Deep Dives Series") > 0.99
        );
        assert!(name_similarity("Course Engineering", "Systems in Production") < 0.01);
    }
}
