//! Figures an editor names as the thing to add ("add p99 latency", "include shed rate and
//! goodput", "show requests per second"): they ask for a metrics block even when the words
//! never say "metrics".
//!
//! A figure is told by its shape, not by a list of one course's words: a latency percentile
//! (`p50`, `p99`, `p999`, "99th percentile"), a qualified latency ("tail latency", "median
//! latency"), a word that is only ever a measure ([`MEASURE_WORDS`]: throughput, goodput,
//! QPS, saturation, MTTR, …), a rate or ratio of something ("error rate", "cache hit ratio"),
//! or a count per unit of time ("requests per second"). Only figures that are the object of
//! a verb of adding ([`ADDING_VERBS`]) ask for a block: prose that merely mentions latency
//! ("explain why p99 latency grows", "a section on throughput") asks for none.

/// Verbs whose object, when it is a figure, is the figure to add.
const ADDING_VERBS: &[&str] = &[
    "add",
    "adding",
    "include",
    "including",
    "show",
    "showing",
    "report",
    "reporting",
    "quote",
    "give",
    "list",
    "cite",
    "publish",
];

/// Words between a verb and its object that say nothing of what the object is ("add the
/// observed p99", "include real shed rate"); numbers are skipped as well ("the 99th
/// percentile").
const FILLERS: &[&str] = &[
    "the",
    "a",
    "an",
    "some",
    "its",
    "their",
    "our",
    "real",
    "actual",
    "observed",
    "measured",
    "production",
    "live",
    "both",
    "current",
];

/// At most this many fillers between a verb and the figure it adds.
const MAX_FILLERS: usize = 3;

/// Words that only ever name a measure, singular and plural.
const MEASURE_WORDS: &[&str] = &[
    "throughput",
    "throughputs",
    "goodput",
    "qps",
    "rps",
    "tps",
    "iops",
    "percentile",
    "percentiles",
    "latencies",
    "saturation",
    "utilization",
    "utilisation",
    "mttr",
    "mttd",
    "mtbf",
    "apdex",
];

/// Words before "latency" that make it a figure ("tail latency"); "latency" alone is as often
/// a subject ("a section on latency") as a number.
const LATENCY_QUALIFIERS: &[&str] = &["tail", "median", "mean", "average", "peak", "max"];

/// Nouns of a rate or a ratio ("error rate", "cache hit ratio").
const RATE_NOUNS: &[&str] = &["rate", "rates", "ratio", "ratios"];

/// Words before "rate" that make no figure of it ("first-rate", "at any rate").
const NOT_A_RATE: &[&str] = &["first", "second", "third", "any", "flat"];

/// Units of time after "per" ("requests per second").
const TIME_UNITS: &[&str] = &["second", "sec", "minute", "min", "hour", "day"];

/// Whether the words ask to add figures: a verb of adding whose object, after at most a few
/// articles or numbers, is a figure ("Please add shed rate and goodput", "include the p99").
pub(crate) fn asks_for_figures(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.iter().enumerate().any(|(at, word)| {
        ADDING_VERBS.contains(&word.as_str())
            && object_start(&words, at + 1).is_some_and(|start| is_figure_at(&words, start))
    })
}

/// Where the object of a verb starts: after at most [`MAX_FILLERS`] fillers and numbers.
fn object_start(words: &[String], from: usize) -> Option<usize> {
    (from..words.len())
        .take(MAX_FILLERS + 1)
        .find(|&at| !is_filler(&words[at]))
}

fn is_filler(word: &str) -> bool {
    FILLERS.contains(&word) || is_number(word)
}

/// `99`, `99th`, `3rd`: a count or an ordinal.
fn is_number(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && matches!(&word[digits.len()..], "" | "th" | "st" | "nd" | "rd")
}

/// Words that end a figure's name before a rate noun could follow ("a section on rates").
const NOT_IN_A_NAME: &[&str] = &[
    "on", "of", "for", "about", "to", "with", "in", "and", "or", "the", "a", "an",
];

/// Whether a figure starts at `at`.
fn is_figure_at(words: &[String], at: usize) -> bool {
    let word_at = |i: usize| words.get(i).map_or("", String::as_str);
    let word = word_at(at);
    let next = word_at(at + 1);
    is_percentile(word)
        || MEASURE_WORDS.contains(&word)
        || (LATENCY_QUALIFIERS.contains(&word) && next == "latency")
        || (word == "latency" && matches!(next, "percentile" | "percentiles"))
        || (next == "per" && TIME_UNITS.contains(&word_at(at + 2)))
        || rate_named_at(words, at)
}

/// Whether the name of a rate or ratio starts at `at`: one or two words, then the rate noun
/// ("error rate", "cache hit ratio"), not a rate limiter nor "first-rate".
fn rate_named_at(words: &[String], at: usize) -> bool {
    let word_at = |i: usize| words.get(i).map_or("", String::as_str);
    (at + 1..=at + 2).any(|noun_at| {
        let named = &words[at..noun_at.min(words.len())];
        RATE_NOUNS.contains(&word_at(noun_at))
            && named
                .iter()
                .all(|w| !RATE_NOUNS.contains(&w.as_str()) && !NOT_IN_A_NAME.contains(&w.as_str()))
            && !NOT_A_RATE.contains(&word_at(noun_at - 1))
            && !word_at(noun_at + 1).starts_with("limit")
    })
}

/// `p50`, `p99`, `p999`: a latency percentile.
fn is_percentile(word: &str) -> bool {
    word.strip_prefix('p')
        .is_some_and(|digits| digits.len() >= 2 && digits.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_named_as_what_to_add_ask_for_them() {
        for asked in [
            "Please add shed rate and goodput from the incident",
            "add p99 latency",
            "Include the p50 and p999 latencies",
            "Show requests per second before and after the fix",
            "add the 99th percentile",
            "Add tail latency from launch night",
            "report the cache hit ratio",
            "add error rates for each region",
            "Add QPS and saturation",
        ] {
            assert!(asks_for_figures(asked), "{asked}");
        }
    }

    #[test]
    fn prose_that_mentions_figures_or_adds_something_else_asks_for_none() {
        for prose in [
            "Explain why p99 latency grows under load",
            "Add a section on latency",
            "Add a section on rates",
            "Add a rate limiter in front of the API",
            "Add request rate limiting to the gateway",
            "Add a first-rate walkthrough of the retry loop",
            "The throughput dropped by half after the migration",
            "Add a paragraph on why throughput matters",
            "add latency to the story",
            "Show the per-request budget",
            "",
        ] {
            assert!(!asks_for_figures(prose), "{prose}");
        }
    }
}
