//! "except": a request for many episodes that leaves some out ("Add a metrics block to every
//! episode in the series except Episode 3", "All episodes except 19 and 20 need a Mermaid
//! diagram", "Add code samples (except for Episode 2)").
//!
//! The exclusion is read only where its words are plain: "except" (or "except for",
//! "excluding"), then episode numbers, written as `Episode 3`, `Episodes 19 and 20`, `Ep. 3`,
//! `#3` or bare numbers, joined by commas, "and" or "or". The numbers are taken from the
//! request's target ([`crate::enhance::TargetSpec::excluded`]), and the references in the
//! clause never name the request's own episodes. "except" followed by anything else ("a
//! diagram of every step except the retry") is ordinary prose and changes nothing, unless
//! the words right after it speak of an episode ("except the Hooli episode"): then it is
//! [`Exclusion::Unclear`], and the request is a `recommendation-unread` finding at its line,
//! never a wrong verdict. So is a clear exclusion on a request that is not for many
//! episodes, where leaving an episode out means nothing the reader can check.

use std::ops::Range;

use crate::enhance::TargetSpec;

/// What an "except" clause leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Exclusion {
    /// These episode numbers; the clause spans these bytes of the text.
    Numbers(Vec<u32>, Range<usize>),
    /// It speaks of an episode, but not by number: these are its words.
    Unclear(String),
}

/// Words that open an exclusion.
const OPENINGS: &[&str] = &["except for", "except", "excluding"];

/// Words that name episodes before their numbers.
const EPISODE_WORDS: &[&str] = &["episode", "episodes", "ep", "eps", "ep.", "eps."];

/// Words that join the numbers of an exclusion.
const JOINS: &[&str] = &["and", "or", "&", ","];

/// Words that open another clause: the exclusion's words end before them.
const CLAUSE_WORDS: &[&str] = &[
    "which", "that", "who", "where", "when", "because", "since", "as", "but", "so", "while",
];

/// How many words after the opening may still speak of an episode ("except the Hooli sports
/// episode").
const UNCLEAR_WINDOW: usize = 5;

/// The first exclusion `text` holds, if any.
pub(crate) fn exclusion(text: &str) -> Option<Exclusion> {
    let lower = text.to_ascii_lowercase();
    let mut openings: Vec<usize> = ["except", "excluding"]
        .iter()
        .flat_map(|word| lower.match_indices(word).map(|(at, _)| at))
        .collect();
    openings.sort_unstable();
    for at in openings {
        let starts_word = !lower[..at].ends_with(|c: char| c.is_alphanumeric());
        let Some(opening) = OPENINGS.iter().find(|o| {
            lower[at..]
                .strip_prefix(**o)
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
        }) else {
            continue;
        };
        if !starts_word {
            continue;
        }
        let words_start = at + opening.len();
        // Bare numbers are episodes only right after "episodes" ("All episodes except 19 and
        // 20"); elsewhere ("every step except 2 of them") they count something else.
        let after_episodes = lower[..at]
            .trim_end_matches(|c: char| c == ',' || c.is_whitespace())
            .ends_with("episode")
            || lower[..at]
                .trim_end_matches(|c: char| c == ',' || c.is_whitespace())
                .ends_with("episodes");
        // … or after a phrase for many episodes in the same sentence ("All episodes in this
        // series except 1 and 3"), unless the numbers count something ("except 2 of them").
        let sentence = lower[..at]
            .rfind(['.', ';', '!', '?'])
            .map_or(&lower[..at], |stop| &lower[stop + 1..at]);
        let for_many = super::breadth::is_wide(sentence);
        if let Some((numbers, end)) = numbers_at(&lower, words_start, after_episodes || for_many)
            && (after_episodes || !counts_something(&lower[end..]))
        {
            return Some(Exclusion::Numbers(numbers, at..end));
        }
        let mut words = Vec::new();
        for word in text[words_start..].split_whitespace().take(UNCLEAR_WINDOW) {
            let plain = word
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase();
            // "except the retry loop which Episode 1 covers": a new clause speaks of
            // something else.
            if CLAUSE_WORDS.contains(&plain.as_str()) {
                break;
            }
            words.push(word);
            if matches!(plain.as_str(), "episode" | "episodes" | "ep" | "eps") {
                let words = words.join(" ");
                return Some(Exclusion::Unclear(
                    words
                        .trim_matches(['(', ')', '.', ',', ';', ':'])
                        .to_owned(),
                ));
            }
            if word.ends_with([',', ';', '.', ':', ')']) {
                break;
            }
        }
    }
    None
}

/// Whether the words after an exclusion's bare numbers show that the numbers count something
/// ("2 of them", "3 more", "2 steps") rather than name episodes.
fn counts_something(after: &str) -> bool {
    let next = after
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches([',', '.', ';', ':', ')']);
    !next.is_empty()
        && !matches!(
            next,
            "need"
                | "needs"
                | "should"
                | "must"
                | "get"
                | "gets"
                | "require"
                | "requires"
                | "deserve"
                | "deserves"
                | "could"
                | "would"
                | "will"
                | "can"
                | "and"
                | "or"
                | "which"
                | "that"
                | "where"
                | "because"
                | "since"
                | "as"
        )
}

/// The episode numbers written from `start` of lower-cased `lower` (`episodes 19 and 20`,
/// `(ep. 3)`, `#3, #4`, and bare `19 and 20` when `bare` allows), and where they end: none
/// unless every word up to the last number is an episode word, a number or a joining word.
fn numbers_at(lower: &str, start: usize, bare: bool) -> Option<(Vec<u32>, usize)> {
    let mut numbers = Vec::new();
    let mut named = bare;
    let mut end = start;
    let mut at = start;
    for token in lower[start..].split_inclusive(char::is_whitespace) {
        let token_start = at;
        at += token.len();
        let word = token.trim().trim_start_matches('(');
        if word.is_empty() {
            continue;
        }
        let plain = word.trim_end_matches([',', ')', '.', ';', ':']);
        let digits = plain.strip_prefix('#');
        if let Ok(number) = digits.unwrap_or(plain).parse::<u32>()
            && (named || digits.is_some())
        {
            numbers.push(number);
            let written = token.trim_end().trim_end_matches(['.', ';', ':', ',', ')']);
            end = token_start + written.len();
            if word.ends_with([')', '.', ';', ':']) {
                break;
            }
            continue;
        }
        if EPISODE_WORDS.contains(&plain) || EPISODE_WORDS.contains(&word) {
            named = true;
            continue;
        }
        if JOINS.contains(&plain) || plain.is_empty() {
            continue;
        }
        break;
    }
    (!numbers.is_empty()).then_some((numbers, end))
}

/// Leaves out of `target` the episodes `exclusion` names (or marks it unreadable, when it
/// names none by number).
pub(crate) fn leave_out(target: &mut TargetSpec, exclusion: &Exclusion) {
    match exclusion {
        Exclusion::Numbers(numbers, _) => {
            for &number in numbers {
                if !target.excluded.contains(&number) {
                    target.excluded.push(number);
                }
            }
        }
        Exclusion::Unclear(words) => target.excluded_unread = Some(words.clone()),
    }
}

/// `text` without its exclusion clause, when it has one that names episodes by number:
/// "A metrics block with p99 latency, except Episode 2" → "A metrics block with p99
/// latency", so the clause's words are neither in the title nor in what the block should
/// cover.
pub(crate) fn without_clause(text: &str) -> std::borrow::Cow<'_, str> {
    let Some(Exclusion::Numbers(_, clause)) = exclusion(text) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let joins = |c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '—' | '–');
    let before = text[..clause.start].trim_end_matches(joins);
    let after = text[clause.end..].trim_start_matches(joins);
    let glue = if after.is_empty() || after.starts_with(['.', ';', '!', '?', ':']) {
        ""
    } else {
        " "
    };
    std::borrow::Cow::Owned(format!("{before}{glue}{after}"))
}

/// Whether `offset` of `text` lies inside its exclusion clause: a reference there names an
/// episode left out, not one the request is for.
pub(crate) fn excludes_at(text: &str, offset: usize) -> bool {
    matches!(exclusion(text), Some(Exclusion::Numbers(_, clause)) if clause.contains(&offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Option<Vec<u32>> {
        match exclusion(text)? {
            Exclusion::Numbers(numbers, _) => Some(numbers),
            Exclusion::Unclear(_) => None,
        }
    }

    #[test]
    fn episode_numbers_after_except_are_left_out() {
        for (text, expected) in [
            (
                "Add a metrics block to every episode in the series except Episode 3",
                vec![3],
            ),
            (
                "All episodes except 19 and 20 need a Mermaid diagram",
                vec![19, 20],
            ),
            ("Add code samples (except for Episode 2)", vec![2]),
            ("Every episode, excluding Ep. 4, needs a quiz.", vec![4]),
            (
                "For all episodes except #1, #2 or #5: add a recap",
                vec![1, 2, 5],
            ),
            (
                "Every episode except episodes 2, 3 and 6 needs a diagram",
                vec![2, 3, 6],
            ),
            (
                "All episodes in this series except 1 and 3 need a quiz.",
                vec![1, 3],
            ),
            (
                "Add a recap to every episode in the series except 2",
                vec![2],
            ),
        ] {
            assert_eq!(numbers(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn the_clause_ends_after_its_last_number() {
        let text = "All episodes except 19 and 20 need a Mermaid diagram";
        let Some(Exclusion::Numbers(_, clause)) = exclusion(text) else {
            panic!("no exclusion in {text}");
        };
        assert_eq!(&text[clause], "except 19 and 20");
        assert!(excludes_at(text, text.find("19").unwrap_or(0)));
        assert!(!excludes_at(text, text.find("Mermaid").unwrap_or(0)));
    }

    #[test]
    fn the_clause_is_taken_out_of_the_words_of_the_request() {
        for (text, expected) in [
            (
                "A metrics block with p99 latency, except Episode 2.",
                "A metrics block with p99 latency.",
            ),
            (
                "Add code samples (except for Episode 2)",
                "Add code samples",
            ),
            (
                "Every episode, excluding Ep. 4, needs a quiz.",
                "Every episode needs a quiz.",
            ),
            (
                "All episodes except 19 and 20 need a Mermaid diagram",
                "All episodes need a Mermaid diagram",
            ),
            (
                "Add a sequence diagram of every step except the retry",
                "Add a sequence diagram of every step except the retry",
            ),
        ] {
            assert_eq!(without_clause(text), expected, "{text}");
        }
    }

    #[test]
    fn an_episode_named_otherwise_is_unclear() {
        assert_eq!(
            exclusion("Every episode except the Hooli sports episode needs a quiz"),
            Some(Exclusion::Unclear("the Hooli sports episode".to_owned()))
        );
    }

    #[test]
    fn except_in_ordinary_prose_leaves_nothing_out() {
        for text in [
            "Add a sequence diagram of every step except the retry",
            "The numbers are fine, except that the p99 is missing",
            "Exceptional write-up; add a Go sample",
            "Show all states except half-open in 2 diagrams",
            "Add a flowchart of the loop, excepting the backoff",
            "Nothing to add except a short recap",
            "Add diagrams to all steps except 2 of them",
            "Every episode needs a diagram of each step except 2 of them",
            "Every episode needs five diagrams except 2 steps",
            "A Go sample of the consumer, except the retry loop which Episode 1 covers.",
            "Add a quiz, except the recap, since episode 3 has one",
        ] {
            assert_eq!(exclusion(text), None, "{text}");
        }
    }
}
