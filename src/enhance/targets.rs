//! Resolving the episodes a recommendation names: series by name, then number, then title.
//!
//! `Episodes 19-21 (Architecture Deep Dives)` means that series' 19-21, even when another
//! series also has episodes 19-21. Without a series, a number that exists in one series
//! only is that episode; a number in several is ambiguous unless the title given with it
//! picks one, or the document's own series groups do: in a document whose only group with
//! episode 19 is `## Episodes 19-21 (Architecture Deep Dives)`, a later `Episodes 19-21: …`
//! means those. Unresolved and ambiguous references are `recommendation-target` diagnostics
//! at the recommendation's line.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Mutex, PoisonError};

use crate::course::Course;
use crate::diagnostic::{Diagnostic, RuleId};
use crate::enhance::read::vocabulary::says_what_to_add;
use crate::enhance::titles::{TitleIndex, TitleMatch};
use crate::enhance::{Draft, Requirement, TargetSpec, text};
use crate::markdown::slug::slugify;

/// Similarity above which a series name or an episode title counts as a match.
const SAME_NAME: f32 = 0.5;

/// How many candidates a tie names before "and N more" (a number shared by many series).
const CANDIDATES_NAMED: usize = 4;

/// How many ways to name the episode a tie's help shows.
const FORMS_SHOWN: usize = 2;

/// Similarity above which words are another episode's whole title.
const SAME_TITLE: f32 = 0.8;

/// How many words besides a series' name a heading that names it may have.
const SERIES_HEADING_EXTRA_WORDS: usize = 3;

/// Similarity above which a heading on its own names a series.
const SAME_SERIES_HEADING: f32 = 0.75;

/// Whether `text` holds `name` as written, not inside a longer word.
fn spells_out(text: &str, name: &str) -> bool {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(name).any(|(at, _)| {
        !is_word(text[..at].chars().next_back()) && !is_word(text[at + name.len()..].chars().next())
    })
}

/// `text` without a last word `word` (ASCII case aside) that stands on a word boundary.
fn strip_suffix_word<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    let at = text.len().checked_sub(word.len())?;
    let (start, end) = (text.get(..at)?, text.get(at..)?);
    (end.eq_ignore_ascii_case(word) && !start.ends_with(char::is_alphanumeric)).then_some(start)
}

/// Episodes indexed by number and series names split into words once, so resolution never
/// scans the course; each distinct series name is resolved once.
pub(crate) struct Resolver<'c> {
    course: &'c Course,
    by_number: BTreeMap<u32, Vec<usize>>,
    series_words: Vec<(BTreeSet<String>, BTreeSet<String>)>,
    /// Each episode's title as [`text::name_words`] splits it, by episode index.
    title_words: Vec<BTreeSet<String>>,
    resolved: Mutex<HashMap<String, Result<usize, String>>>,
    titles: TitleIndex,
    /// Episode index by the course-relative path of its Markdown file.
    by_source: HashMap<&'c str, usize>,
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
        let title_words = course
            .episodes
            .iter()
            .map(|e| text::name_words(&e.title))
            .collect();
        Self {
            course,
            by_number,
            series_words,
            title_words,
            resolved: Mutex::new(HashMap::new()),
            titles: TitleIndex::new(course),
            by_source: course
                .episodes
                .iter()
                .enumerate()
                .map(|(i, e)| (e.source.as_str(), i))
                .collect(),
        }
    }

    /// The name of the series `text` names on its own (a heading such as `## Case Studies`):
    /// nearly all its words are the series' words.
    pub(crate) fn names_series(&self, text: &str) -> Option<String> {
        let words = text::name_words(text);
        if words.is_empty() {
            return None;
        }
        let mut best = self
            .series_words
            .iter()
            .enumerate()
            .filter(|(_, (by_name, by_slug))| {
                text::jaccard(&words, by_name).max(text::jaccard(&words, by_slug))
                    >= SAME_SERIES_HEADING
            });
        if let Some(first) = best.next() {
            return the_only(first, best).map(|(i, _)| self.course.series[i].name.clone());
        }
        // `Review checklist — Pattern Drills`: every word of one series' name, and of no
        // other's, in a heading of a few more words that is not an episode's title
        // (`Caching at Scale` in a series named "Caching").
        if self.titles.find(text) != TitleMatch::None {
            return None;
        }
        let mut containing = self
            .series_words
            .iter()
            .enumerate()
            .filter(|(_, (by_name, _))| {
                !by_name.is_empty()
                    && by_name.is_subset(&words)
                    && words.len() <= by_name.len() + SERIES_HEADING_EXTRA_WORDS
                    && by_name.len() * 2 >= words.len()
            });
        let (series, _) = the_only(containing.next()?, containing)?;
        let name = self.course.series[series].name.trim();
        // A series whose name reads as a kind of block ("Case Studies") is named only as
        // written: "More case studies for episode 3" asks for some.
        if says_what_to_add(name) && !spells_out(text, name) {
            return None;
        }
        // The other words must not ask for a block: "Add a metrics block to Caching" is a
        // request; "Enhancements for Case Studies" names the series.
        let name_words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
        let others: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !name_words.contains(&w.to_lowercase()))
            .collect();
        (!says_what_to_add(&others.join(" "))).then(|| name.to_owned())
    }

    /// The one series whose name `text` spells out as written, between word boundaries
    /// ("All episodes of Case Studies need …"), if exactly one does.
    pub(crate) fn series_named_in(&self, text: &str) -> Option<String> {
        let mut named = self
            .course
            .series
            .iter()
            .filter(|s| !s.name.trim().is_empty() && spells_out(text, s.name.trim()));
        let first = named.next()?;
        named.next().is_none().then(|| first.name.clone())
    }

    /// The series whose name `text` starts with, as written (ASCII case aside), followed by an
    /// optional "series" and then the end or a separator: "Case Studies" in `Ep 2, Case
    /// Studies` or `Ep 2 — Case Studies series: …`, not in a title that runs on ("Caching at
    /// Scale" in a series named "Caching"). The longest such name, and the byte where what
    /// follows it begins.
    pub(crate) fn series_at_start(&self, text: &str) -> Option<(String, usize)> {
        self.series_at_start_before(text, |ends| {
            ends.is_empty() || ends.starts_with(|c: char| ":;,—–-(|·.".contains(c))
        })
    }

    /// The series whose name `text` starts with, as [`Self::series_at_start`] finds it, when
    /// an episode reference follows it (`Pattern Drills #3`, `Case Studies ep 2: …`).
    pub(crate) fn series_before_reference(&self, text: &str) -> Option<(String, usize)> {
        self.series_at_start_before(text, |ends| {
            let ends = ends.trim_start_matches([',', ':', '-', '–', '—', '·', '|', ' ']);
            crate::reference::parse(ends).is_some_and(|r| !r.numbers.is_empty())
        })
    }

    /// The longest series name `text` starts with (with an optional "series" after it) whose
    /// following words (spaces trimmed) pass `follows`, and the byte where those words begin.
    fn series_at_start_before(
        &self,
        text: &str,
        follows: impl Fn(&str) -> bool,
    ) -> Option<(String, usize)> {
        let mut best: Option<(&str, usize)> = None;
        for series in &self.course.series {
            let name = series.name.trim();
            if name.is_empty() || best.is_some_and(|(b, _)| b.len() >= name.len()) {
                continue;
            }
            let Some(after) = crate::text::strip_prefix_ignore_ascii_case(text, name) else {
                continue;
            };
            let trimmed = after.trim_start();
            let after = crate::text::strip_prefix_ignore_ascii_case(trimmed, "series")
                .filter(|rest| !rest.starts_with(char::is_alphanumeric))
                .unwrap_or(after);
            let ends = after.trim_start();
            if !after.starts_with(char::is_alphanumeric) && follows(ends) {
                best = Some((name, text.len() - ends.len()));
            }
        }
        best.map(|(name, end)| (name.to_owned(), end))
    }

    /// The series whose name `text` ends with, as written (ASCII case aside), after a word
    /// boundary and an optional "the", with an optional "series" after it: "Case Studies"
    /// in `Add a metrics block to Case Studies`. The longest such name, and the byte where
    /// it (or its "the") begins.
    pub(crate) fn series_at_end(&self, text: &str) -> Option<(String, usize)> {
        let text = text.trim_end();
        let without_word = strip_suffix_word(text, "series").unwrap_or(text);
        let mut best: Option<(&str, usize)> = None;
        for series in &self.course.series {
            let name = series.name.trim();
            if name.is_empty() || best.is_some_and(|(b, _)| b.len() >= name.len()) {
                continue;
            }
            let Some(start) = strip_suffix_word(without_word, name) else {
                continue;
            };
            let start = strip_suffix_word(start.trim_end(), "the").unwrap_or(start);
            best = Some((name, start.len()));
        }
        best.map(|(name, start)| (name.to_owned(), start))
    }

    /// The episode whose Markdown file a link written in the document at `from` (a
    /// course-relative path) leads to: `[Episode 2](../episodes/02-x/episode-02-y.md#top)`.
    pub(crate) fn linked(&self, from: &str, dest: &str) -> Option<usize> {
        if crate::course::links::is_external(dest) {
            return None;
        }
        let path = dest.split(['#', '?']).next().unwrap_or("");
        let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        if !path.to_ascii_lowercase().ends_with(".md") {
            return None;
        }
        let wanted = crate::course::links::join(from, &path);
        self.by_source.get(wanted.as_str()).copied()
    }

    /// The name of the series of episode `episode`.
    pub(crate) fn series_name_of(&self, episode: usize) -> &str {
        &self.course.series[self.course.episodes[episode].series].name
    }

    /// The number of episode `episode`.
    pub(crate) fn number_of(&self, episode: usize) -> u32 {
        self.course.episodes[episode].id.number
    }

    /// Every episode of the series named `name`, in course order.
    pub(crate) fn series_episodes(&self, name: &str) -> Result<Vec<usize>, String> {
        let series = self.series(name)?;
        Ok((0..self.course.episodes.len())
            .filter(|&e| self.course.episodes[e].series == series)
            .collect())
    }

    /// The largest share of `text`'s words that the title of an episode numbered one of
    /// `numbers` holds: near 1.0 when the text is (a shortened) title of such an episode.
    pub(crate) fn title_overlap(&self, text: &str, numbers: &[u32]) -> f32 {
        self.best_title_fit(text, numbers, |shared, words, _| shared / words)
    }

    /// The largest share of the title's words that `text` holds, over the episodes numbered
    /// one of `numbers`, counting only when `text` is mostly title (three quarters of its words).
    pub(crate) fn title_coverage(&self, text: &str, numbers: &[u32]) -> f32 {
        self.best_title_fit(text, numbers, |shared, words, title| {
            if shared / words < 0.75 {
                0.0
            } else {
                shared / title
            }
        })
    }

    /// The best `fit(shared words, text words, title words)` over the titles of the episodes
    /// numbered one of `numbers`; 0.0 for a text or title without words.
    fn best_title_fit(
        &self,
        text: &str,
        numbers: &[u32],
        fit: impl Fn(f32, f32, f32) -> f32,
    ) -> f32 {
        let words = text::name_words(text);
        if words.is_empty() {
            return 0.0;
        }
        numbers
            .iter()
            .filter_map(|n| self.by_number.get(n))
            .flatten()
            .map(|&e| {
                let title = &self.title_words[e];
                if title.is_empty() {
                    return 0.0;
                }
                let shared = words.intersection(title).count() as f32;
                fit(shared, words.len() as f32, title.len() as f32)
            })
            .fold(0.0, f32::max)
    }

    /// The course's titles, for references by title alone.
    pub(crate) fn titles(&self) -> &TitleIndex {
        &self.titles
    }

    /// Every episode the given targets resolve to, in order of first mention; targets that
    /// resolve to nothing are left out (they are reported where they are requirements).
    pub(crate) fn named(&self, targets: &[TargetSpec], groups: &DocumentGroups) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for target in targets.iter().filter(|t| !t.document_wide) {
            let episodes = if target.numbers.is_empty() {
                match (&target.title, target.episodes.is_empty()) {
                    // A title alone, as front matter gives it: the one episode it fits.
                    (Some(title), true) => match self.titles.find(title) {
                        TitleMatch::One(e) => vec![e],
                        _ => Vec::new(),
                    },
                    _ => target.episodes.clone(),
                }
            } else {
                self.episodes_of(target, groups).unwrap_or_default()
            };
            for e in episodes {
                if !out.contains(&e) {
                    out.push(e);
                }
            }
        }
        out
    }

    /// The episodes a target names, or why it names none.
    fn episodes_of(
        &self,
        target: &TargetSpec,
        groups: &DocumentGroups,
    ) -> Result<Vec<usize>, String> {
        let series = match &target.series {
            Some(name) => Some(
                self.series(name)
                    .or_else(|why| self.series_in(name, groups).ok_or(why))?,
            ),
            None => None,
        };
        let mut episodes = Vec::new();
        for &number in &target.numbers {
            let candidates = self.candidates(number, series, groups);
            match candidates.as_slice() {
                [only] => episodes.push(*only),
                [] => return Err(format!("no episode {number}")),
                several => match target
                    .title
                    .as_deref()
                    .map(|t| self.titles.find_among(t, several))
                {
                    Some(TitleMatch::One(e)) => episodes.push(e),
                    _ => return Err(format!("episode {number} is ambiguous")),
                },
            }
        }
        Ok(episodes)
    }

    fn candidates(
        &self,
        number: u32,
        series: Option<usize>,
        groups: &DocumentGroups,
    ) -> Vec<usize> {
        let candidates: Vec<usize> = self
            .by_number
            .get(&number)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&e| series.is_none_or(|s| self.course.episodes[e].series == s))
            .collect();
        if candidates.len() > 1 && series.is_none() {
            groups.narrow(&self.course.episodes, number, candidates)
        } else {
            candidates
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
        let target = &draft.target;
        if !target.ambiguous_title.is_empty() {
            let title = target.title.as_deref().unwrap_or("");
            return Err(self.tie(
                draft,
                &format!("\"{title}\" fits the titles of"),
                &target.ambiguous_title,
            ));
        }
        if target.numbers.is_empty() {
            if !target.episodes.is_empty() {
                return Ok(target.episodes.clone());
            }
            let title = target.title.as_deref().unwrap_or("");
            return match self.titles.find(title) {
                TitleMatch::One(e) => Ok(vec![e]),
                TitleMatch::Several(list) => {
                    Err(self.tie(draft, &format!("\"{title}\" fits the titles of"), &list))
                }
                TitleMatch::None => {
                    Err(self.problem(draft, format!("no episode is titled like \"{title}\"")))
                }
            };
        }
        let series = match &draft.target.series {
            Some(name) => match self
                .series(name)
                .or_else(|why| self.series_in(name, groups).ok_or(why))
            {
                Ok(series) => Some(series),
                // `Ep 2 (Circuit Breakers)`: the parenthesis is the episode's title.
                Err(why) => {
                    return self
                        .by_qualifier_title(draft, name, groups)
                        .ok_or_else(|| self.problem(draft, why));
                }
            },
            None => None,
        };
        let mut episodes = Vec::new();
        for &number in &draft.target.numbers {
            let candidates = self.candidates(number, series, groups);
            episodes.push(self.pick(draft, number, &candidates)?);
        }
        if let [chosen] = episodes.as_slice()
            && let Some(conflict) = self.title_conflict(draft, *chosen)
        {
            return Err(conflict);
        }
        Ok(episodes)
    }

    /// For a reference with one number whose qualifier names no series: the one episode with
    /// that number whose title the qualifier is like (`Ep 2 (Circuit Breakers)`).
    fn by_qualifier_title(
        &self,
        draft: &Draft,
        qualifier: &str,
        groups: &DocumentGroups,
    ) -> Option<Vec<usize>> {
        let [number] = draft.target.numbers.as_slice() else {
            return None;
        };
        let candidates = self.candidates(*number, None, groups);
        let mut fitting = candidates.iter().copied().filter(|&e| {
            text::name_similarity(qualifier, &self.course.episodes[e].title) >= SAME_NAME
        });
        the_only(fitting.next()?, fitting).map(|one| vec![one])
    }

    /// A reference whose number and title name different episodes (`Episode 2: Load
    /// Shedding at Hooli` when that is episode 3's title): which one is meant cannot be told.
    /// Only words that are another episode's whole title, asking for no kind of block, count:
    /// `Episode 2: Add load-shedding metrics` is a request.
    fn title_conflict(&self, draft: &Draft, chosen: usize) -> Option<Box<Diagnostic>> {
        let title = draft.target.title.as_deref()?;
        let by_number = &self.course.episodes[chosen];
        if text::name_similarity(title, &by_number.title) >= SAME_NAME || says_what_to_add(title) {
            return None;
        }
        let TitleMatch::One(by_title) = self.titles.find(title) else {
            return None;
        };
        if by_title == chosen
            || text::name_similarity(title, &self.course.episodes[by_title].title) < SAME_TITLE
        {
            return None;
        }
        let named = |e: &crate::course::Episode| {
            format!(
                "episode {} of {} (\"{}\")",
                e.id.number, self.course.series[e.series].name, e.title
            )
        };
        let titled = &self.course.episodes[by_title];
        let diagnostic = self.problem(
            draft,
            format!(
                "its number names {}, its title {}",
                named(by_number),
                named(titled)
            ),
        );
        Some(Box::new(diagnostic.help(format!(
            "correct the number or the title: `Episode {}: {}` or `Episode {}: {}`",
            by_number.id.number, by_number.title, titled.id.number, titled.title
        ))))
    }

    /// The one series whose name or slug is most like `name` (memoised per name).
    fn series(&self, name: &str) -> Result<usize, String> {
        let memo = || self.resolved.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(known) = memo().get(name) {
            return known.clone();
        }
        let result = self.best_series(name);
        memo().insert(name.to_owned(), result.clone());
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
        the_only(matching.next()?, matching)
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
            [] => Err(self.problem(
                draft,
                format!("no episode {number}{}", self.in_series(draft)),
            )),
            [only] => Ok(*only),
            several => self
                .by_title(draft, several)
                .ok_or_else(|| self.tie(draft, &format!("episode {number} exists in"), several)),
        }
    }

    /// A reference that fits several episodes equally well, naming each candidate; `what`
    /// says how ("episode 2 exists in", "\"Caching\" fits the titles of").
    fn tie(&self, draft: &Draft, what: &str, candidates: &[usize]) -> Box<Diagnostic> {
        let named: Vec<String> = candidates
            .iter()
            .map(|&e| {
                let episode = &self.course.episodes[e];
                let series = &self.course.series[episode.series].name;
                if what.starts_with("episode ") {
                    format!("{series} (\"{}\")", episode.title)
                } else {
                    format!(
                        "episode {} of {series} (\"{}\")",
                        episode.id.number, episode.title
                    )
                }
            })
            .collect();
        let first = &self.course.episodes[candidates[0]];
        let forms: Vec<String> = candidates
            .iter()
            .map(|&e| {
                let episode = &self.course.episodes[e];
                format!(
                    "`Episode {} ({}): …`",
                    episode.id.number, self.course.series[episode.series].name
                )
            })
            .collect();
        let diagnostic = self.problem(
            draft,
            format!(
                "{what} {}",
                crate::text::list_at_most(&named, CANDIDATES_NAMED, " and ")
            ),
        );
        Box::new(diagnostic.help(format!(
            "name the series: {}, or `Ep. {} of <series>`, or put the recommendation under a heading that names it",
            crate::text::list_at_most(&forms, FORMS_SHOWN, " or "),
            first.id.number
        )))
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

    pub(crate) fn problem(&self, draft: &Draft, why: String) -> Box<Diagnostic> {
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

/// `first`, when `rest` holds nothing more: the one match, or none when several tie.
fn the_only<T>(first: T, mut rest: impl Iterator<Item = T>) -> Option<T> {
    rest.next().is_none().then_some(first)
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
