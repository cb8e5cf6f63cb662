//! Episodes named by their title alone: "Gold Tier Resilience Patterns" as a heading, a list
//! item or a table cell means that episode when its words are (nearly) all the title's.
//!
//! Titles are split into words once and indexed by word, so a lookup only compares the
//! episodes that share a word with the text.

use std::collections::{BTreeSet, HashMap};

use crate::course::Course;
use crate::enhance::text;

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
            .map(|e| text::name_words(&e.title))
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

    fn best(&self, text: &str, among: Option<&[usize]>) -> TitleMatch {
        let words = text::name_words(text);
        let mut candidates: Vec<usize> = words
            .iter()
            .filter_map(|w| self.by_word.get(w))
            .flatten()
            .copied()
            .filter(|e| among.is_none_or(|list| list.contains(e)))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
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
