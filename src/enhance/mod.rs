//! Recommendation documents → typed requirements, matched to episodes, judged against them.
//!
//! An editor's document (`enhancements/*.md`) is read from its parse-once `Document`:
//! [`parse`] finds the series groups, episode sections, numbered recommendations with their
//! example blocks, "Already Includes" claims and the document-wide interactive elements, and
//! turns each into a [`Draft`] with a [`Kind`] and a [`Fingerprint`]. [`targets`] resolves
//! the episodes each draft names (series by name similarity, then number, then title) into
//! [`Requirement`]s. [`index`] summarises an episode's blocks once, and [`verdict`] judges
//! each requirement against the blocks of its own target episodes only, so the work grows
//! with the number of requirements, never with episodes squared. [`coverage`] shapes the
//! verdicts as an episodes × recommendations matrix for the build's coverage page.

pub(crate) mod claim;
pub mod code;
pub mod coverage;
pub mod diagram;
pub mod example;
pub(crate) mod figures;
pub mod index;
pub mod kind;
pub(crate) mod read;
pub(crate) mod subject;
pub mod targets;
pub mod text;
pub(crate) mod titles;
pub mod verdict;

use std::ops::Range;

use rayon::prelude::*;

pub use kind::{Kind, Topic};
pub use verdict::{Status, Verdict};

use crate::course::Course;
use crate::diagnostic::Diagnostic;
use crate::markdown::Document;
use crate::markdown::metrics::MetricsBlock;

/// Where a recommendation comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// A numbered item under "Recommended Enhancements".
    Recommended,
    /// An "Already Includes" bullet: a claim to verify.
    Claim,
    /// An element named for the episode in a document-wide section (a docstring).
    Element,
    /// An entry of a structured ```` ```requirements ```` block: kind and terms as written.
    Structured,
}

/// What the recommended content is about: the words a satisfying block should share.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Fingerprint {
    /// Headings of the example.
    pub headings: Vec<String>,
    /// Bold labels and metric names.
    pub labels: Vec<String>,
    /// Diagram node labels and sequence participants.
    pub nodes: Vec<String>,
    /// Diagram subgraph titles.
    pub subgraphs: Vec<String>,
    /// Class names.
    pub classes: Vec<String>,
    /// Function names.
    pub functions: Vec<String>,
    /// Key terms (claims and interactive elements).
    pub terms: Vec<String>,
    /// What the content is about: the companies, systems and products it names
    /// ("Globex", "PostgreSQL"). A satisfying block must be about one of them, when any.
    pub subject: Vec<String>,
}

impl Fingerprint {
    /// The items a block of this kind must cover, in order.
    pub fn items(&self, kind: &Kind) -> Vec<String> {
        let list: Vec<&Vec<String>> = match kind {
            Kind::Metrics => vec![&self.labels],
            Kind::Diagram(_) => vec![&self.subgraphs, &self.nodes],
            Kind::Code(_) => vec![&self.classes, &self.functions],
            Kind::Prose(_) => vec![&self.headings, &self.labels],
            Kind::Interactive => vec![&self.terms],
        };
        let mut items: Vec<String> = list.into_iter().flatten().cloned().collect();
        if items.is_empty() {
            items = self.terms.clone();
        }
        text::dedup(&mut items);
        items
    }
}

/// The episodes a recommendation names, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetSpec {
    /// Episode numbers.
    pub numbers: Vec<u32>,
    /// The series name the context gives (group heading or qualifier), if any.
    pub series: Option<String>,
    /// The episode title the context gives, if any.
    pub title: Option<String>,
    /// Episodes already known from their title alone (indices into `course.episodes`).
    pub episodes: Vec<usize>,
    /// A title that fits several episodes equally well: those episodes.
    pub ambiguous_title: Vec<usize>,
    /// Applies to every episode the document names ("for all episodes"); with `series`,
    /// to those of that series (all of them when the document names none).
    pub document_wide: bool,
    /// With `document_wide` and `series`: applies to every episode of the series, named in
    /// the document or not ("every episode in this series").
    pub whole_series: bool,
    /// Episode numbers the request leaves out ("every episode except Episode 3").
    pub excluded: Vec<u32>,
    /// The words of an exclusion that name no episode number ("except the Hooli sports
    /// episode"): the request cannot be checked.
    pub excluded_unread: Option<String>,
}

/// A recommendation as parsed, before its episodes are resolved.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Short title ("Add Production Metrics Section").
    pub title: String,
    /// What kind of block satisfies it.
    pub kind: Kind,
    /// Where it comes from.
    pub origin: Origin,
    /// Course-relative path of the recommendations document.
    pub file: String,
    /// Span of the statement (numbered item, bullet or docstring line).
    pub span: Range<usize>,
    /// The episodes it names.
    pub target: TargetSpec,
    /// What the content is about.
    pub fingerprint: Fingerprint,
    /// For a claim with a count ("9 diagrams", "a dozen code examples"): how many blocks of
    /// the kind the episode is said to have.
    pub count: Option<u32>,
}

/// A recommendation with its episodes resolved.
#[derive(Debug, Clone)]
pub struct Requirement {
    /// Stable id: `series/number/slug-of-title` of the first target.
    pub id: String,
    /// The draft it was resolved from.
    pub draft: Draft,
    /// 1-based line of the statement in its document.
    pub line: usize,
    /// Target episodes, as indices into [`Course::episodes`].
    pub episodes: Vec<usize>,
}

/// A part of a document that holds no requirement, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// Course-relative path of the document.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// The heading or label.
    pub text: String,
    /// Why it holds no requirement ("strengths", "summary", "names no episode").
    pub reason: &'static str,
}

/// What was read from one recommendations document, for the summary and for
/// `episode enhancements`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct DocumentSummary {
    /// Course-relative path.
    pub file: String,
    /// Requirements read (before their episodes are resolved).
    pub requirements: usize,
    /// Sections and labels that hold no requirement.
    pub skipped: Vec<Skipped>,
}

/// Every requirement of every recommendations document, the problems found reading them
/// (a recommendation that names no episode or several, a document or section from which
/// nothing was read, a broken structured block), and what was read per document.
pub fn requirements(
    course: &Course,
    docs: &[&Document<'_>],
) -> (Vec<Requirement>, Vec<Diagnostic>, Vec<DocumentSummary>) {
    let resolver = targets::Resolver::new(course);
    let read: Vec<DocumentRequirements> = docs
        .par_iter()
        .map(|doc| document_requirements(course, doc, &resolver))
        .collect();
    let mut diagnostics = Vec::new();
    let mut requirements = Vec::new();
    let mut summaries = Vec::new();
    for document in read {
        requirements.extend(document.requirements);
        diagnostics.extend(document.diagnostics);
        summaries.push(document.summary);
    }
    targets::unique_ids(&mut requirements);
    (requirements, diagnostics, summaries)
}

/// What one recommendations document yields, before ids are made unique course-wide.
struct DocumentRequirements {
    requirements: Vec<Requirement>,
    diagnostics: Vec<Diagnostic>,
    summary: DocumentSummary,
}

/// Reads one recommendations document and resolves its requirements' episodes.
fn document_requirements(
    course: &Course,
    doc: &Document<'_>,
    resolver: &targets::Resolver<'_>,
) -> DocumentRequirements {
    let mut reading = read::read(doc, resolver);
    subject::complete(&mut reading.drafts, doc);
    let groups = resolver.groups(&reading.groups);
    let summary = DocumentSummary {
        file: doc.source.rel_path.clone(),
        requirements: reading.drafts.len(),
        skipped: reading.skipped,
    };
    let mut diagnostics = reading.diagnostics;
    // "For every episode above": the episodes the front matter names and those the
    // document's own requirements target, whatever the layout says around them.
    let mut named = resolver.named(&reading.named, &groups);
    let (wide, own): (Vec<Draft>, Vec<Draft>) = reading
        .drafts
        .into_iter()
        .partition(|d| d.target.document_wide);
    // Whether the document names no episode at all, resolved or not.
    let names_none = reading.named.is_empty() && own.is_empty();
    let mut resolved = Vec::new();
    for draft in own {
        match resolver
            .resolve(&draft, &groups)
            .and_then(|episodes| leave_out(resolver, &draft, episodes))
        {
            Ok(episodes) => {
                for &e in &episodes {
                    if !named.contains(&e) {
                        named.push(e);
                    }
                }
                resolved.push((draft, episodes));
            }
            Err(diagnostic) => diagnostics.push(*diagnostic),
        }
    }
    // A document that names no episode at all speaks of the whole course.
    if names_none {
        named = (0..course.episodes.len()).collect();
    }
    for draft in wide {
        match reach(resolver, &draft.target, &named) {
            // Never dropped without a word: front matter whose episodes were not found.
            Ok(episodes) if episodes.is_empty() => diagnostics.push(
                *resolver.problem(
                    &draft,
                    "it is for every episode the document names, and no episode it names was found"
                        .to_owned(),
                ),
            ),
            Ok(episodes) => match leave_out(resolver, &draft, episodes) {
                Ok(episodes) => resolved.push((draft, episodes)),
                Err(diagnostic) => diagnostics.push(*diagnostic),
            },
            Err(why) => diagnostics.push(*resolver.problem(&draft, why)),
        }
    }
    let requirements = resolved
        .into_iter()
        .filter(|(_, episodes)| !episodes.is_empty())
        .map(|(draft, episodes)| {
            let line = doc.source.line_col(draft.span.start).line;
            targets::requirement(course, draft, line, episodes)
        })
        .collect();
    DocumentRequirements {
        requirements,
        diagnostics,
        summary,
    }
}

/// `episodes` without those the request leaves out ("except Episode 3"). An exclusion that
/// names no episode number, names one the request is not for, or leaves nothing is a
/// `recommendation-unread` finding at the request's line: the request is not checked.
fn leave_out(
    resolver: &targets::Resolver<'_>,
    draft: &Draft,
    mut episodes: Vec<usize>,
) -> Result<Vec<usize>, Box<Diagnostic>> {
    let target = &draft.target;
    let problem = |message: String, help: &str| {
        Box::new(
            Diagnostic::new(
                crate::diagnostic::RuleId::RecommendationUnread,
                &draft.file,
                draft.span.clone(),
                message,
            )
            .label("this recommendation is not checked")
            .help(help.to_owned()),
        )
    };
    if let Some(words) = &target.excluded_unread {
        return Err(problem(
            format!(
                "recommendation \"{}\" leaves out `{words}`, which cannot be matched to an episode",
                draft.title
            ),
            "name the episodes it leaves out by number (`except Episode 3`, `except Episodes 19 and 20`)",
        ));
    }
    if target.excluded.is_empty() {
        return Ok(episodes);
    }
    if let Some(stray) = target
        .excluded
        .iter()
        .find(|&&n| !episodes.iter().any(|&e| resolver.number_of(e) == n))
    {
        return Err(problem(
            format!(
                "recommendation \"{}\" leaves out episode {stray}, which is not among the episodes it is for",
                draft.title
            ),
            "check the episode numbers after `except`, or say which series the request is for",
        ));
    }
    episodes.retain(|&e| !target.excluded.contains(&resolver.number_of(e)));
    if episodes.is_empty() {
        return Err(problem(
            format!(
                "recommendation \"{}\" leaves out every episode it is for",
                draft.title
            ),
            "`except` leaves episodes out of a request for many episodes (`every episode except Episode 3`); write the episodes it is for instead",
        ));
    }
    Ok(episodes)
}

/// The episodes a many-episode request reaches: those the document names (`named`), or, for
/// a series, those of the series it names (all of them when it names none, or when the
/// request is for the whole series).
fn reach(
    resolver: &targets::Resolver<'_>,
    target: &TargetSpec,
    named: &[usize],
) -> Result<Vec<usize>, String> {
    let Some(series) = &target.series else {
        return Ok(named.to_vec());
    };
    // In course order, so sorted.
    let all = resolver.series_episodes(series)?;
    let named_here: Vec<usize> = named
        .iter()
        .copied()
        .filter(|e| all.binary_search(e).is_ok())
        .collect();
    Ok(if target.whole_series || named_here.is_empty() {
        all
    } else {
        named_here
    })
}

/// Requirements and their verdicts for a whole course.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    /// Every resolved requirement.
    pub requirements: Vec<Requirement>,
    /// One verdict per requirement × target episode, in requirement order.
    pub verdicts: Vec<Verdict>,
    /// Recommendations that name no single episode, and what could not be read.
    pub diagnostics: Vec<Diagnostic>,
    /// What was read per recommendations document.
    pub documents: Vec<DocumentSummary>,
}

/// Parses the recommendation documents and judges every requirement against its episodes.
/// `docs[i]` is the document of the episode file `i` (`Episode::file`). Each targeted
/// episode is indexed once, judged against every requirement that names it, and its index
/// dropped, so no more indexes are held at once than there are threads; episodes no
/// requirement names are not read at all.
/// Verdicts come out in requirement order whatever the parallelism.
pub fn evaluate(
    course: &Course,
    docs: &[&Document<'_>],
    metrics: &[&[MetricsBlock]],
    enhancement_docs: &[&Document<'_>],
) -> Evaluation {
    let (requirements, diagnostics, documents) = requirements(course, enhancement_docs);
    // Each targeted episode with the requirements that name it, and the place of each
    // (requirement, episode) pair in requirement order.
    let mut by_episode: std::collections::BTreeMap<usize, Vec<(usize, usize)>> =
        std::collections::BTreeMap::new();
    let pairs = requirements
        .iter()
        .enumerate()
        .flat_map(|(r, req)| req.episodes.iter().map(move |&e| (r, e)));
    for (place, (r, e)) in pairs.enumerate() {
        by_episode.entry(e).or_default().push((place, r));
    }
    let by_episode: Vec<(usize, Vec<(usize, usize)>)> = by_episode.into_iter().collect();
    // An episode's index is made, used for all its requirements and dropped, so no more
    // indexes are held than there are threads.
    let mut placed: Vec<(usize, Verdict)> = by_episode
        .par_iter()
        .flat_map_iter(|(e, wanted)| {
            let file = course.episodes.get(*e).map(|ep| ep.file);
            let doc = file.and_then(|f| docs.get(f));
            let index = file
                .and_then(|f| Some((doc?, metrics.get(f)?)))
                .map(|(doc, metrics)| index::build(doc, metrics));
            wanted
                .iter()
                .filter_map(|&(place, r)| {
                    let (doc, index) = (doc?, index.as_ref()?);
                    Some((place, verdict::judge(r, &requirements[r], *e, doc, index)))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    placed.sort_unstable_by_key(|(place, _)| *place);
    let verdicts = placed.into_iter().map(|(_, verdict)| verdict).collect();
    Evaluation {
        requirements,
        verdicts,
        diagnostics,
        documents,
    }
}
