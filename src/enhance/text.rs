//! Word-level helpers shared by requirement parsing and verdicts: tokens, key terms and the
//! "how much of this item appears there" measure that every verdict is built on.
//!
//! Matching is deliberately simple and explainable: an item (a metric label, a node label, a
//! class name) is covered by a block when all of its significant words appear in the block,
//! or, for an item longer than three words, three quarters of them.

use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};

/// A word as matching stores it: the hash of its [`tokens`] spelling. Blocks of a long
/// episode hold tens of thousands of words; hashes keep that free of allocations.
pub type Word = u64;

/// A set of [`Word`]s.
pub type Words = BTreeSet<Word>;

/// Words that carry no meaning for matching.
const STOPWORDS: &[&str] = &[
    "a", "add", "after", "all", "also", "an", "and", "are", "as", "at", "be", "by", "could",
    "each", "for", "from", "has", "how", "in", "into", "is", "it", "its", "like", "love", "new",
    "not", "of", "on", "or", "our", "per", "please", "self", "should", "than", "that", "the",
    "their", "this", "to", "use", "vs", "was", "what", "when", "with", "would", "you", "your",
];

/// The longest of [`STOPWORDS`], in bytes.
const LONGEST_STOPWORD: usize = 6;

/// Whether a lowercase word carries no meaning for matching ("the", "with", "add").
/// [`STOPWORDS`] is sorted, and every word of every episode passes through here.
pub fn is_stopword(word: &str) -> bool {
    word.len() <= LONGEST_STOPWORD && STOPWORDS.binary_search(&word).is_ok()
}

/// Splits text into lowercase significant words: camelCase and snake_case are split, stop
/// words and single letters are dropped, and a plural `s` is removed.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_token(text, |t| out.push(t.to_owned()));
    out
}

/// Calls `f` with every token of `text`, spelled as [`tokens`] spells it, from one buffer.
fn each_token(text: &str, mut f: impl FnMut(&str)) {
    let mut buffer = String::new();
    let mut parts = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        split_camel(word, &mut parts);
        for part in parts.drain(..) {
            buffer.clear();
            let chars = if part.is_ascii() {
                buffer.push_str(part);
                buffer.make_ascii_lowercase();
                buffer.len()
            } else {
                buffer.extend(part.chars().flat_map(char::to_lowercase));
                buffer.chars().count()
            };
            if chars < 2 || is_stopword(&buffer) {
                continue;
            }
            stem(&mut buffer, chars);
            f(&buffer);
        }
    }
}

/// The [`Word`] of one token. Words are only compared within one run, so a fast
/// non-cryptographic hash does: nothing here is keyed by input an attacker chooses to collide.
pub fn word(token: &str) -> Word {
    let mut hasher = rustc_hash::FxHasher::default();
    token.hash(&mut hasher);
    hasher.finish()
}

/// The [`Word`]s of a text, added to `set`.
pub fn add_words(set: &mut Words, text: &str) {
    each_token(text, |t| {
        set.insert(word(t));
    });
}

/// The set of [`Word`]s of a text.
pub fn word_set(text: &str) -> Words {
    let mut set = Words::new();
    add_words(&mut set, text);
    set
}

/// The set of [`tokens`] of a text.
pub fn token_set(text: &str) -> BTreeSet<String> {
    tokens(text).into_iter().collect()
}

/// Drops a plural `s` from a lowercase word of `len` characters.
fn stem(word: &mut String, len: usize) {
    if len > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        word.pop();
    }
}

/// `GlobexChaosEngineering` → `Globex`, `Chaos`, `Engineering`; `HTTPServer` stays whole.
/// The parts are pushed onto `parts` (a buffer reused across words).
fn split_camel<'w>(word: &'w str, parts: &mut Vec<&'w str>) {
    let mut start = 0;
    let mut previous_lower = false;
    for (i, c) in word.char_indices() {
        if previous_lower && c.is_uppercase() {
            parts.push(&word[start..i]);
            start = i;
        }
        previous_lower = c.is_lowercase();
    }
    parts.push(&word[start..]);
}

/// Items of at most this many significant words are covered only when all of them appear.
pub const SHORT_ITEM: usize = 3;

/// Whether `words` cover an item: all of its words for an item of up to [`SHORT_ITEM`]
/// words ("Cache Hit Rate" is not covered by a "hit rate" alone), three quarters of the
/// words of a longer item (a long label is matched by its gist, not its exact wording).
pub fn covers_words(words: &Words, item: &Words) -> bool {
    let n = item.len();
    if n == 0 {
        return false;
    }
    let found = item.iter().filter(|w| words.contains(*w)).count();
    if n <= SHORT_ITEM {
        found == n
    } else {
        found * 4 >= n * 3
    }
}

/// Symmetric word overlap of two names, 0.0 to 1.0 (Jaccard on significant words, with the
/// word "series" ignored so that "Pattern Mastery" matches "Pattern Mastery Series").
pub fn name_similarity(a: &str, b: &str) -> f32 {
    jaccard(&name_words(a), &name_words(b))
}

/// The words of a name as [`name_similarity`] compares them (computed once per name).
pub fn name_words(name: &str) -> BTreeSet<String> {
    token_set(name)
        .into_iter()
        .filter(|w| w != "serie" && w != "series")
        .collect()
}

/// Shared words over all words of two sets, 0.0 to 1.0.
pub fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f32 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f32 / union as f32
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
    fn stopwords_are_sorted_and_no_longer_than_the_length_check() {
        assert!(
            STOPWORDS.windows(2).all(|w| w[0] < w[1]),
            "sorted, no repeats"
        );
        assert_eq!(
            STOPWORDS.iter().map(|w| w.len()).max(),
            Some(LONGEST_STOPWORD)
        );
        assert!(STOPWORDS.iter().all(|w| is_stopword(w)));
        assert!(!is_stopword("cache") && !is_stopword("theirs"));
    }

    #[test]
    fn tokens_lowercase_ascii_and_other_scripts_alike() {
        assert_eq!(tokens("CacheHits ÉTÉS the"), ["cache", "hit", "été"]);
    }

    /// Whether an item's significant words are in `words`, as verdicts measure it.
    fn covers(words: &BTreeSet<String>, item: &str) -> bool {
        let set = |strings: &mut dyn Iterator<Item = &String>| {
            strings.map(|s| word(s)).collect::<Words>()
        };
        covers_words(&set(&mut words.iter()), &set(&mut token_set(item).iter()))
    }

    #[test]
    fn camel_and_snake_case_split_and_plurals_fold() {
        assert_eq!(
            tokens("GlobexChaosEngineering get_healthy_instances"),
            [
                "globex",
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
    fn a_short_item_needs_every_word_and_a_long_one_three_quarters() {
        let batting = token_set("Team batting: hit rate .312, strike rate 41%");
        assert!(covers(&batting, "Hit Rate"));
        assert!(!covers(&batting, "Cache Hit Rate"));
        let cache = token_set("Edge cache hit rate 93%, origin offload 80%");
        assert!(covers(&cache, "Cache Hit Rate"));
        // Four words: three are enough, two are not.
        assert!(covers(&cache, "Edge Cache Eviction Rate"));
        assert!(!covers(&cache, "Regional Cache Eviction Rate"));
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
