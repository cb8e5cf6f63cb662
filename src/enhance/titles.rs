//! Episodes named by their title alone: "Gold Tier Resilience Patterns" as a heading, a list
//! item or a table cell means that episode when its words are (nearly) all the title's.
//!
//! Titles are split into words once and indexed by word, so a lookup only compares the
//! episodes that share a word with the text.

use std::collections::{BTreeSet, HashMap};

use crate::course::Course;
use crate::enhance::text;

/// A word in more titles than this does not single a title out.
const COMMON_WORD: usize = 64;
/// Share of a title's words the text must contain.
const TITLE_COVERED: f32 = 0.75;
/// Share of the text's words that must be the title's (the rest may say "Recommendations
/// for …").
const TEXT_ON_TITLE: f32 = 0.5;

/// What a text names by title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TitleMatch {
    /// No episode.
    None,
    /// Exactly one episode (index into `course.episodes`).
    One(usize),
    /// Several episodes fit equally well.
    Several(Vec<usize>),
}

/// The course's titles, split into words.
#[derive(Debug)]
pub(crate) struct TitleIndex {
    titles: Vec<BTreeSet<String>>,
    by_word: HashMap<String, Vec<usize>>,
}

impl TitleIndex {
    /// Indexes every episode title of the course.
    pub(crate) fn new(course: &Course) -> Self {
        let titles: Vec<BTreeSet<String>> = course
            .episodes
            .iter()
            .map(|e| title_words(&e.title))
            .collect();
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, words) in titles.iter().enumerate() {
            for word in words {
                by_word.entry(word.clone()).or_default().push(i);
            }
        }
        Self { titles, by_word }
    }

    /// The episode whose title `text` names, among all episodes.
    pub(crate) fn find(&self, text: &str) -> TitleMatch {
        self.best(text, None)
    }

    /// The episode among `candidates` whose title `text` names.
    pub(crate) fn find_among(&self, text: &str, candidates: &[usize]) -> TitleMatch {
        self.best(text, Some(candidates))
    }

    /// The episode whose whole title (at least two words) appears in running text, as in
    /// "the Globex Checkout episode needs a calculator".
    pub(crate) fn named_in(&self, text: &str) -> TitleMatch {
        let words = title_words(text);
        let mut found: Vec<usize> = self
            .candidates(&words)
            .into_iter()
            .filter(|&e| {
                let title = &self.titles[e];
                title.len() >= 2 && title.is_subset(&words)
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        // A longer title that contains a shorter one is the one meant.
        let longest = found
            .iter()
            .map(|&e| self.titles[e].len())
            .max()
            .unwrap_or(0);
        found.retain(|&e| self.titles[e].len() == longest);
        match found.as_slice() {
            [] => TitleMatch::None,
            [only] => TitleMatch::One(*only),
            several => TitleMatch::Several(several.to_vec()),
        }
    }

    /// Episodes that share a distinctive word with `words`: words in more than
    /// [`COMMON_WORD`] titles are passed over when the text has a rarer one, so a lookup
    /// stays small on a course of thousands of episodes.
    fn candidates(&self, words: &BTreeSet<String>) -> Vec<usize> {
        let postings: Vec<&Vec<usize>> = words.iter().filter_map(|w| self.by_word.get(w)).collect();
        let rare: Vec<&Vec<usize>> = postings
            .iter()
            .copied()
            .filter(|p| p.len() <= COMMON_WORD)
            .collect();
        let chosen = if rare.is_empty() { postings } else { rare };
        let mut out: Vec<usize> = chosen.into_iter().flatten().copied().collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn best(&self, text: &str, among: Option<&[usize]>) -> TitleMatch {
        let words = title_words(text);
        let candidates: Vec<usize> = match among {
            Some(list) => list.to_vec(),
            None => self.candidates(&words),
        };
        let mut scored: Vec<(f32, usize)> = candidates
            .into_iter()
            .map(|e| (score(&words, &self.titles[e]), e))
            .filter(|(s, _)| *s > 0.0)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        match scored.as_slice() {
            [] => TitleMatch::None,
            [(_, only)] => TitleMatch::One(*only),
            [(best, e), rest @ ..] => {
                let tied: Vec<usize> = rest
                    .iter()
                    .filter(|(s, _)| (best - s).abs() < f32::EPSILON)
                    .map(|(_, e)| *e)
                    .collect();
                if tied.is_empty() {
                    TitleMatch::One(*e)
                } else {
                    TitleMatch::Several(std::iter::once(*e).chain(tied).collect())
                }
            }
        }
    }
}

/// The words a title is matched on: its significant words and its numbers (single digits
/// included, so "Drill 1" and "Drill 2" differ).
fn title_words(text: &str) -> BTreeSet<String> {
    let mut words = text::name_words(text);
    words.extend(
        text.split(|c: char| !c.is_ascii_digit())
            .filter(|d| !d.is_empty())
            .map(str::to_owned),
    );
    words
}

/// The share of the title's words in the text, when the text is mostly the title; else 0.
fn score(text: &BTreeSet<String>, title: &BTreeSet<String>) -> f32 {
    if title.is_empty() || text.is_empty() {
        return 0.0;
    }
    let shared = text.intersection(title).count() as f32;
    let covered = shared / title.len() as f32;
    let on_title = shared / text.len() as f32;
    let enough_words = title.len() >= 2 || text.len() == 1;
    if covered >= TITLE_COVERED && on_title >= TEXT_ON_TITLE && enough_words {
        covered
    } else {
        0.0
    }
}
