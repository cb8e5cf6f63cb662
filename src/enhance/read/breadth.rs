//! Phrases that make a request apply to many episodes at once: "For all episodes", "Every
//! episode needs …", "(all episodes)", "Across the series, …".
//!
//! Two breadths are told apart. A phrase about episodes in general ([`Breadth::Named`])
//! covers every episode the document names (every episode of the course when it names
//! none); as a heading below a series heading, every episode of that series the document
//! names (all of the series when it names none of them). A phrase about the series itself
//! ("every episode in this series", "series-wide", "across the series") covers every episode
//! of the series ([`Breadth::Series`]): the one its words name, or the one whose section it
//! is in.

/// How far a many-episode phrase reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Breadth {
    /// Every episode the document (or the series section) names.
    Named,
    /// Every episode of the series the text or its section names.
    Series,
}

/// Words that may come just before "every episode" or "all episodes" when the phrase names
/// who a request is for: "for every episode", "make sure each episode …".
const LEADS: &[&str] = &["for", "to", "across", "in", "of", "ensure", "sure", "give"];

/// Counts written as words, as in "all three episodes".
const COUNTS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
];

/// Phrases about a series as a whole.
const SERIES_WIDE: &[&str] = &[
    "series-wide",
    "series wide",
    "across the series",
    "across this series",
    "throughout the series",
    "throughout this series",
    "whole series",
    "entire series",
];

/// Phrases that tie "every episode" to a series: "every episode in this series".
const OF_THE_SERIES: &[&str] = &[
    "in this series",
    "of this series",
    "in the series",
    "of the series",
    "in that series",
    "of that series",
];

/// How far `text` (a heading, label, sentence or paragraph) says its requests reach, if it
/// says they reach many episodes.
pub(crate) fn of(text: &str) -> Option<Breadth> {
    let lower = text.to_lowercase();
    // "the whole series of retries" is no audience.
    let says = |phrase: &&str| {
        lower.match_indices(*phrase).any(|(at, _)| {
            let after = &lower[at + phrase.len()..];
            !after.starts_with(char::is_alphanumeric) && !after.trim_start().starts_with("of ")
        })
    };
    if SERIES_WIDE.iter().any(says) {
        return Some(Breadth::Series);
    }
    if !names_many_episodes(&lower) {
        return None;
    }
    if OF_THE_SERIES.iter().any(|p| lower.contains(p)) {
        return Some(Breadth::Series);
    }
    Some(Breadth::Named)
}

/// Whether `text` counts the episodes it speaks of ("all three episodes", "all the 4
/// episodes"): it means every episode of the series it stands in, not only those the
/// document names.
pub(crate) fn counts_episodes(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let count =
        |w: &str| COUNTS.contains(&w) || (w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()));
    words
        .windows(3)
        .any(|w| w[0] == "all" && count(w[1]) && w[2].starts_with("episode"))
        || words
            .windows(4)
            .any(|w| w[0] == "all" && w[1] == "the" && count(w[2]) && w[3].starts_with("episode"))
}

/// Whether `text` says its requests reach many episodes.
pub(crate) fn is_wide(text: &str) -> bool {
    of(text).is_some()
}

/// Whether lower-cased `lower` speaks of every episode, in any of the forms editors use.
fn names_many_episodes(lower: &str) -> bool {
    if lower.contains("course-wide") {
        return true;
    }
    lower
        .split(['.', '!', '?', ';', ':', '(', ')', '[', ']', '—', '–'])
        .any(sentence_names_many)
}

/// One sentence (or bracketed aside) of [`names_many_episodes`].
fn sentence_names_many(sentence: &str) -> bool {
    let words: Vec<&str> = sentence
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let any_episode = |w: &str| matches!(w, "episode" | "episodes");
    let every = |w: &str| matches!(w, "all" | "every" | "each");
    // "every episode", "all the episodes", "each of the episodes", at the start of the
    // sentence or after a word that says whom it is for: the phrase is the request's
    // audience, not part of a description ("the pattern every episode uses").
    // "all three episodes", "all the 4 episodes": a count only after "all" ("every two
    // episodes" is a rhythm, not an audience).
    let count =
        |w: &str| COUNTS.contains(&w) || (w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()));
    let audience_at = |i: usize| {
        let rest = &words[i..];
        match rest {
            [e, ep, ..] if every(e) && any_episode(ep) => Some(2),
            [e, "the", ep, ..] if every(e) && any_episode(ep) => Some(3),
            [e, "of", "the", ep, ..] if every(e) && any_episode(ep) => Some(4),
            ["all", n, ep, ..] if count(n) && any_episode(ep) => Some(3),
            ["all", "the", n, ep, ..] if count(n) && any_episode(ep) => Some(4),
            _ => None,
        }
    };
    (0..words.len()).any(|i| {
        let Some(len) = audience_at(i) else {
            return false;
        };
        let led = i == 0 || LEADS.contains(&words[i - 1]);
        // "every episode above", "all episodes listed": pointing at the document's own list.
        let pointing = words
            .get(i + len)
            .is_some_and(|w| matches!(*w, "above" | "below" | "listed" | "here"));
        led || pointing
    }) || words
        .windows(2)
        .any(|w| w[0] == "across" && any_episode(w[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_about_episodes_in_general_reach_the_named_episodes() {
        for text in [
            "For all episodes, add interactive components:",
            "Every episode needs a metrics block with real numbers.",
            "All episodes should end with a Python code sample.",
            "Case Studies (all episodes)",
            "Make sure each episode opens with a diagram",
            "Apply to every episode above",
            "Add a quiz across episodes",
            "Each of the episodes deserves a recap",
            "Course-wide additions",
            "All three episodes: end with a 5-question quiz",
            "For all the 4 episodes, add a recap",
        ] {
            assert_eq!(of(text), Some(Breadth::Named), "{text}");
        }
    }

    #[test]
    fn phrases_about_the_series_reach_the_whole_series() {
        for text in [
            "Every episode in this series needs a sequence diagram.",
            "For all episodes of the series",
            "Across the series, add a state diagram of the breaker.",
            "Series-wide additions",
            "Each episode of this series should include a timeline diagram.",
        ] {
            assert_eq!(of(text), Some(Breadth::Series), "{text}");
        }
    }

    #[test]
    fn an_episode_in_a_description_is_not_an_audience() {
        for text in [
            "Add a flowchart of the pattern every episode uses",
            "A diagram of the series of retries",
            "Episode 3 needs a metrics block",
            "Show all the states of the breaker",
            "The episodes are too long",
            "Every other week, the team reviews all incidents",
            "Add a diagram like the one that every episode in Case Studies opens with",
            "The budget turns into the whole series of retries",
            "The series widening shows in the metrics",
            "Every two episodes, add a recap quiz",
            "A diagram that all three services share",
        ] {
            assert_eq!(of(text), None, "{text}");
        }
    }

    #[test]
    fn a_count_of_episodes_is_told_apart() {
        assert!(counts_episodes("All three episodes: add a quiz"));
        assert!(counts_episodes("For all the 4 episodes, add a recap"));
        assert!(!counts_episodes("All episodes: add a quiz"));
        assert!(!counts_episodes("All three services share it"));
    }
}
