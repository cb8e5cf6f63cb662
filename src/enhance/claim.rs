//! Claims with a count ("9 diagrams", "a dozen code examples"): how many blocks the episode
//! is said to have.

/// Number words up to twenty, and "a dozen".
const NUMBER_WORDS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("dozen", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
];

/// The count a claim states, when its first word (after "a"/"an"/"over"…) is a number
/// followed by what is counted: `9 diagrams`, `a dozen code examples`, `three metrics
/// blocks`. `5M events/sec` is a metric, not a count.
pub(crate) fn claimed_count(text: &str) -> Option<u32> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let skip = words
        .iter()
        .take_while(|w| {
            matches!(
                w.as_str(),
                "a" | "an"
                    | "at"
                    | "least"
                    | "over"
                    | "more"
                    | "than"
                    | "about"
                    | "some"
                    | "already"
                    | "includes"
                    | "include"
                    | "has"
                    | "have"
            )
        })
        .count();
    let first = words.get(skip)?;
    let next = words.get(skip + 1)?;
    if next.chars().all(|c| c.is_ascii_digit()) || !next.chars().next()?.is_alphabetic() {
        return None;
    }
    if let Ok(n) = first.parse::<u32>() {
        return (n > 0 && n < 10_000).then_some(n);
    }
    NUMBER_WORDS
        .iter()
        .find(|(w, _)| w == first)
        .map(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_in_digits_and_words() {
        assert_eq!(claimed_count("9 Mermaid diagrams"), Some(9));
        assert_eq!(claimed_count("a dozen code examples"), Some(12));
        assert_eq!(claimed_count("three metrics blocks"), Some(3));
        assert_eq!(claimed_count("Production metrics (5M events/sec)"), None);
        assert_eq!(claimed_count("5M events/sec"), None);
        assert_eq!(claimed_count("Architecture diagrams"), None);
    }
}
