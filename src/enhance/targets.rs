//! Resolving the episodes a recommendation names: series by name, then number, then title.
//!
//! `Episodes 19-21 (Architecture Deep Dives)` means that series' 19-21, even when another
//! series also has episodes 19-21. Without a series, a number that exists in one series
//! only is that episode; a number in several is ambiguous unless the title given with it
//! picks one, or the document's own series groups do: in a document whose only group with
//! episode 19 is `## Episodes 19-21 (Architecture Deep Dives)`, a later `Episodes 19-21: …`
//! means those. Unresolved and ambiguous references are `recommendation-target` diagnostics
//! at the recommendation's line.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::course::Course;
use crate::diagnostic::{Diagnostic, RuleId};
use crate::enhance::{Draft, Requirement, TargetSpec, text};
use crate::markdown::slug::slugify;

/// Similarity above which a series name or an episode title counts as a match.
const SAME_NAME: f32 = 0.5;

/// Episodes indexed by number and series names split into words once, so resolution never
/// scans the course; each distinct series name is resolved once.
pub struct Resolver<'c> {
    course: &'c Course,
    by_number: BTreeMap<u32, Vec<usize>>,
    series_words: Vec<(BTreeSet<String>, BTreeSet<String>)>,
    resolved: RefCell<HashMap<String, Result<usize, String>>>,
}

impl<'c> Resolver<'c> {
    /// Indexes the course's episodes.
    pub fn new(course: &'c Course) -> Self {
        let mut by_number: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        for (i, episode) in course.episodes.iter().enumerate() {
            by_number.entry(episode.id.number).or_default().push(i);
        }
        let series_words = course
            .series
            .iter()
            .map(|s| (text::name_words(&s.name), text::name_words(&s.slug)))
            .collect();
        Self {
            course,
            by_number,
            series_words,
            resolved: RefCell::new(HashMap::new()),
        }
    }

    /// The series groups of one document, resolved to series, with the episode numbers each
    /// names. They settle references the document leaves open.
    pub fn groups(&self, specs: &[TargetSpec]) -> DocumentGroups {
        let mut groups: BTreeMap<usize, BTreeSet<u32>> = BTreeMap::new();
        for spec in specs {
            if let Some(Ok(series)) = spec.series.as_deref().map(|n| self.series(n)) {
                groups.entry(series).or_default().extend(&spec.numbers);
            }
        }
        DocumentGroups { groups }
    }

    /// The episodes (indices into `course.episodes`) the draft names.
    pub fn resolve(
        &self,
        draft: &Draft,
        groups: &DocumentGroups,
    ) -> Result<Vec<usize>, Box<Diagnostic>> {
        let series = match &draft.target.series {
            Some(name) => Some(
                self.series(name)
                    .or_else(|why| self.series_in(name, groups).ok_or(why))
                    .map_err(|m| self.problem(draft, m))?,
            ),
            None => None,
        };
        let mut episodes = Vec::new();
        for &number in &draft.target.numbers {
            let candidates: Vec<usize> = self
                .by_number
                .get(&number)
                .into_iter()
                .flatten()
                .copied()
                .filter(|&e| series.is_none_or(|s| self.course.episodes[e].series == s))
                .collect();
            let candidates = if candidates.len() > 1 && series.is_none() {
                groups.narrow(&self.course.episodes, number, candidates)
            } else {
                candidates
            };
            episodes.push(self.pick(draft, number, &candidates)?);
        }
        Ok(episodes)
    }

    /// The one series whose name or slug is most like `name` (memoised per name).
    fn series(&self, name: &str) -> Result<usize, String> {
        if let Some(known) = self.resolved.borrow().get(name) {
            return known.clone();
        }
        let result = self.best_series(name);
        self.resolved
            .borrow_mut()
            .insert(name.to_owned(), result.clone());
        result
    }

    /// The one series among the document's groups named like `name`, when the whole course
    /// has several equally good matches.
    fn series_in(&self, name: &str, groups: &DocumentGroups) -> Option<usize> {
        let words = text::name_words(name);
        let mut matching = groups.groups.keys().copied().filter(|&i| {
            let (by_name, by_slug) = &self.series_words[i];
            text::jaccard(&words, by_name).max(text::jaccard(&words, by_slug)) >= SAME_NAME
        });
        let first = matching.next()?;
        matching.next().is_none().then_some(first)
    }

    fn best_series(&self, name: &str) -> Result<usize, String> {
        let words = text::name_words(name);
        let mut scored: Vec<(f32, usize)> = self
            .series_words
            .iter()
            .enumerate()
            .map(|(i, (by_name, by_slug))| {
                let score = text::jaccard(&words, by_name).max(text::jaccard(&words, by_slug));
                (score, i)
            })
            .filter(|(score, _)| *score >= SAME_NAME)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        match scored.as_slice() {
            [] => Err(format!("no series is named like \"{name}\"")),
            [(best, _), (second, _), ..] if (best - second).abs() < f32::EPSILON => {
                Err(format!("\"{name}\" matches several series equally well"))
            }
            [(_, i), ..] => Ok(*i),
        }
    }

    fn pick(
        &self,
        draft: &Draft,
        number: u32,
        candidates: &[usize],
    ) -> Result<usize, Box<Diagnostic>> {
        match candidates {
            [] => Err(self.problem(draft, format!("no episode {number}{}", self.in_series(draft)))),
            [only] => Ok(*only),
            several => self.by_title(draft, several).ok_or_else(|| {
                let names: Vec<String> = several
                    .iter()
                    .map(|&e| self.course.series[self.course.episodes[e].series].name.clone())
                    .collect();
                let diagnostic = self.problem(
                    draft,
                    format!("episode {number} is ambiguous: it exists in {}", names.join(" and ")),
                );
                Box::new(diagnostic.help(format!(
                    "name the series, e.g. `Episode {number} ({}): …`, or put the recommendation under a `## Episodes … ({})` group",
                    names[0], names[0]
                )))
            }),
        }
    }

    fn by_title(&self, draft: &Draft, candidates: &[usize]) -> Option<usize> {
        let title = draft.target.title.as_deref()?;
        let mut scored: Vec<(f32, usize)> = candidates
            .iter()
            .map(|&e| {
                (
                    text::name_similarity(title, &self.course.episodes[e].title),
                    e,
                )
            })
            .filter(|(s, _)| *s >= SAME_NAME)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        match scored.as_slice() {
            [(best, e)] => Some(*e).filter(|_| *best > 0.0),
            [(best, e), (second, _), ..] if best > second => Some(*e),
            _ => None,
        }
    }

    fn in_series(&self, draft: &Draft) -> String {
        draft
            .target
            .series
            .as_deref()
            .map(|s| format!(" in series \"{s}\""))
            .unwrap_or_default()
    }

    fn problem(&self, draft: &Draft, why: String) -> Box<Diagnostic> {
        Box::new(
            Diagnostic::new(
                RuleId::RecommendationTarget,
                &draft.file,
                draft.span.clone(),
                format!(
                    "recommendation \"{}\" names no single episode: {why}",
                    draft.title
                ),
            )
            .label("this recommendation is not checked"),
        )
    }
}

/// The series one recommendations document names in its groups, with their episode numbers.
#[derive(Debug, Default)]
pub struct DocumentGroups {
    groups: BTreeMap<usize, BTreeSet<u32>>,
}

impl DocumentGroups {
    /// Keeps the candidates whose series is the one group of this document that names
    /// `number`; all of them when no group, or several, do.
    fn narrow(
        &self,
        episodes: &[crate::course::Episode],
        number: u32,
        candidates: Vec<usize>,
    ) -> Vec<usize> {
        let mut naming = self
            .groups
            .iter()
            .filter(|(_, numbers)| numbers.contains(&number));
        match (naming.next(), naming.next()) {
            (Some((&series, _)), None) => {
                let narrowed: Vec<usize> = candidates
                    .iter()
                    .copied()
                    .filter(|&e| episodes[e].series == series)
                    .collect();
                if narrowed.is_empty() {
                    candidates
                } else {
                    narrowed
                }
            }
            _ => candidates,
        }
    }
}

/// A resolved requirement with its stable id.
pub fn requirement(
    course: &Course,
    draft: Draft,
    line: usize,
    episodes: Vec<usize>,
) -> Requirement {
    let episode_ids: Vec<_> = episodes
        .iter()
        .map(|&e| course.episodes[e].id.clone())
        .collect();
    let id = match episode_ids.first() {
        Some(first) => format!(
            "{}/{}/{}",
            first.series,
            first.number,
            slugify(&draft.title)
        ),
        None => slugify(&draft.title),
    };
    Requirement {
        id,
        draft,
        line,
        episodes,
        episode_ids,
    }
}

/// Makes ids unique by suffixing repeats with `-2`, `-3`, …
pub fn unique_ids(requirements: &mut [Requirement]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for r in requirements {
        let n = seen.entry(r.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            r.id = format!("{}-{n}", r.id);
        }
    }
}
