//! How many blocks a claim says an episode has: "9 Mermaid diagrams", "a dozen code
//! examples", "three metrics blocks", "two interactive labs".
//!
//! A count is a number (digits, `10+`, a number word from one to twenty, "a dozen", "half a
//! dozen", "two dozen") followed within a few words by a noun that names a block (diagram,
//! example, sample, block, section, table, lab, simulator, …). The words in between may
//! qualify the noun ("Mermaid", "code", "runnable"), but a stop word ends the search, so "3
//! regions with diagrams" has no count. Vague amounts ("dozens", "many", "several") are not
//! counts, nor are numbers that name something ("Episode 3 diagrams", "5M events/sec").

use crate::enhance::text;

/// Number words, from one.
const NUMBER_WORDS: [&str; 20] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// Nouns (singular) that name a block an episode can be counted for.
const BLOCK_NOUNS: &[&str] = &[
    "block",
    "calculator",
    "chart",
    "demo",
    "diagram",
    "example",
    "exercise",
    "explorer",
    "flowchart",
    "illustration",
    "implementation",
    "lab",
    "listing",
    "playground",
    "sample",
    "sandbox",
    "section",
    "simulator",
    "snippet",
    "table",
    "visualisation",
    "visualiser",
    "visualization",
    "visualizer",
];

/// Words after which a number names something rather than counting it.
const NAMING_WORDS: &[&str] = &[
    "chapter", "ep", "episode", "episodes", "fig", "figure", "part", "phase", "section", "step",
    "version",
];

/// At most this many words may stand between a number and its noun.
const MAX_QUALIFIERS: usize = 3;

/// The number of blocks a claim names, if it names an exact number.
pub fn claimed_count(claim: &str) -> Option<u32> {
    let words: Vec<String> = claim.split_whitespace().map(clean).collect();
    (0..words.len()).find_map(|i| {
        let n = number_at(&words, i)?;
        let named = i
            .checked_sub(1)
            .and_then(|p| words.get(p))
            .is_some_and(|w| NAMING_WORDS.contains(&w.as_str()));
        (!named && counts_a_block(&words[i + 1..])).then_some(n)
    })
}

/// A word lowercased, without the punctuation around it (a trailing `+` is kept).
fn clean(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '+')
        .trim_start_matches('+')
        .to_lowercase()
}

/// The number that the word at `i` spells, with the words before it ("a dozen").
fn number_at(words: &[String], i: usize) -> Option<u32> {
    let word = words.get(i)?;
    let before = |back: usize| i.checked_sub(back).and_then(|j| words.get(j));
    if word == "dozen" {
        return match (before(2).map(String::as_str), before(1).map(String::as_str)) {
            (Some("half"), Some("a")) => Some(6),
            (_, Some("a")) => Some(12),
            (_, Some(n)) => spelled(n).map(|n| n * 12),
            _ => None,
        };
    }
    if words.get(i + 1).is_some_and(|next| next == "dozen") {
        return None;
    }
    spelled(word)
}

/// Digits (`9`, `10+`) or a number word.
fn spelled(word: &str) -> Option<u32> {
    let digits = word.strip_suffix('+').unwrap_or(word);
    if !digits.is_empty() && digits.len() <= 6 && digits.chars().all(|c| c.is_ascii_digit()) {
        return digits.parse().ok().filter(|&n| n > 0);
    }
    NUMBER_WORDS
        .iter()
        .position(|w| *w == word)
        .and_then(|p| u32::try_from(p + 1).ok())
}

/// Whether a block noun follows within [`MAX_QUALIFIERS`] qualifying words.
fn counts_a_block(rest: &[String]) -> bool {
    for word in rest.iter().take(MAX_QUALIFIERS + 1) {
        if is_block_noun(word) {
            return true;
        }
        if word.is_empty() || text::is_stopword(word) || spelled(word).is_some() {
            return false;
        }
    }
    false
}

fn is_block_noun(word: &str) -> bool {
    let singular = [
        word.strip_suffix("es").filter(|w| w.ends_with('x')),
        word.strip_suffix('s'),
        Some(word),
    ];
    singular
        .into_iter()
        .flatten()
        .any(|w| BLOCK_NOUNS.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_and_number_words_before_a_block_noun_are_counts() {
        assert_eq!(claimed_count("9 Mermaid diagrams"), Some(9));
        assert_eq!(claimed_count("Three metrics blocks"), Some(3));
        assert_eq!(claimed_count("two interactive labs"), Some(2));
        assert_eq!(claimed_count("a dozen code examples"), Some(12));
        assert_eq!(
            claimed_count("half a dozen runnable Python samples"),
            Some(6)
        );
        assert_eq!(
            claimed_count("Over 10+ sequence diagrams (Mermaid)"),
            Some(10)
        );
        assert_eq!(claimed_count("One architecture diagram"), Some(1));
        assert_eq!(claimed_count("twenty sandboxes"), Some(20));
    }

    #[test]
    fn vague_amounts_and_numbers_that_name_something_are_not_counts() {
        assert_eq!(claimed_count("dozens of code examples"), None);
        assert_eq!(claimed_count("many diagrams"), None);
        assert_eq!(
            claimed_count("Production metrics (5M events/sec at Acme)"),
            None
        );
        assert_eq!(claimed_count("Covers 3 regions with diagrams"), None);
        assert_eq!(claimed_count("Episode 3 diagrams, revisited"), None);
        assert_eq!(claimed_count("99.9% uptime numbers"), None);
        assert_eq!(claimed_count("Architecture diagrams with Mermaid"), None);
        assert_eq!(claimed_count("0 diagrams"), None);
        assert_eq!(claimed_count(""), None);
    }
}
