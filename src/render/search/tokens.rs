//! Splitting text into search terms, the same way the site's search script splits a query.
//!
//! Words are found by the Unicode word-boundary rules (UAX #29, `unicode-segmentation`; the
//! browser's `Intl.Segmenter` implements the same rules), lowercased, and split again at any
//! character that is neither a letter nor a digit, so `asyncio.gather` and `snake_case` are
//! found by either part. Terms shorter than [`MIN_TERM_CHARS`] or longer than
//! [`MAX_TERM_CHARS`] are not indexed: the first match nearly everything, the second are
//! hashes and base64, never typed.

use unicode_segmentation::UnicodeSegmentation as _;

/// Shortest term indexed, in characters.
pub(crate) const MIN_TERM_CHARS: usize = 2;
/// Longest term indexed, in characters.
pub(crate) const MAX_TERM_CHARS: usize = 40;

/// Calls `each` with every term of `text`, in order.
pub(crate) fn for_each_term(text: &str, mut each: impl FnMut(&str)) {
    for word in text.unicode_words() {
        let lower = word.to_lowercase();
        for part in lower.split(|c: char| !c.is_alphanumeric()) {
            let chars = part.chars().count();
            if (MIN_TERM_CHARS..=MAX_TERM_CHARS).contains(&chars) {
                each(part);
            }
        }
    }
}

/// The shard a term belongs to: its first two characters.
pub(crate) fn shard_key(term: &str) -> &str {
    let end = term.char_indices().nth(2).map_or(term.len(), |(i, _)| i);
    &term[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_term(text, |t| out.push(t.to_owned()));
        out
    }

    #[test]
    fn words_are_lowercased_and_split_at_punctuation_inside_them() {
        assert_eq!(
            terms("Call asyncio.gather() on snake_case p99 Ω-Größe, e.g. x"),
            [
                "call", "asyncio", "gather", "on", "snake", "case", "p99", "größe"
            ]
        );
    }

    #[test]
    fn very_long_tokens_are_not_indexed() {
        let long = "a".repeat(MAX_TERM_CHARS + 1);
        assert_eq!(terms(&format!("keep {long} this")), ["keep", "this"]);
    }

    #[test]
    fn shard_keys_are_two_characters_without_splitting_one() {
        assert_eq!(shard_key("cache"), "ca");
        assert_eq!(shard_key("größe"), "gr");
        assert_eq!(shard_key("ωμ"), "ωμ");
        assert_eq!(shard_key("日本語"), "日本");
    }
}
