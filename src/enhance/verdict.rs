//! Judging a requirement against one episode: satisfied, partial or missing, with evidence.
//!
//! The candidates are the episode's blocks of the requirement's kind (its own episode only:
//! content elsewhere never counts). A candidate's score is the share of the fingerprint's
//! items it covers. The best candidate is the evidence; at [`SATISFIED`] or above the
//! requirement is satisfied, below it partial, and with no candidate at all missing.
//! Claims ("Already Includes") need a block of their kind, and their key terms are looked
//! up in the whole episode, since a claim is about the episode as a whole; a number in a
//! claim ("5M events/sec") must be found.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::Range;

use crate::enhance::diagram::DiagramKind;
use crate::enhance::index::{Block, EpisodeIndex};
use crate::enhance::text::{self, Words};
use crate::enhance::{Kind, Origin, Requirement, Topic};
use crate::markdown::Document;

/// Share of the fingerprint a block must cover to satisfy a requirement.
pub const SATISFIED: f32 = 0.6;
/// Share of a claim's key terms the episode must cover to confirm it.
pub const CLAIM_CONFIRMED: f32 = 0.5;

/// The verdict on one requirement for one episode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A block of the kind covers the recommendation.
    Satisfied,
    /// Blocks of the kind exist, but none covers the recommendation.
    Partial,
    /// No block of the kind.
    Missing,
}

impl Status {
    /// `satisfied`, `partial` or `missing`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Satisfied => "satisfied",
            Status::Partial => "partial",
            Status::Missing => "missing",
        }
    }
}

/// Where in the episode the verdict was found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Evidence {
    /// Episode file, course-relative.
    pub file: String,
    /// Span of the closest block.
    #[serde(skip)]
    pub span: Range<usize>,
    /// 1-based line of the block.
    pub line: usize,
    /// The heading the block sits under.
    pub heading: Option<String>,
    /// That heading's anchor on the episode page.
    pub anchor: Option<String>,
}

/// One requirement × one episode.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Verdict {
    /// Index into the requirement list.
    pub requirement: usize,
    /// Index into `course.episodes`.
    pub episode: usize,
    /// The verdict.
    pub status: Status,
    /// The closest block, when there is one.
    pub evidence: Option<Evidence>,
    /// Fingerprint items the evidence lacks.
    pub missing: Vec<String>,
    /// Why the kind is not there, when blocks of a near kind were found (a stub, a diagram
    /// of another type, code in another language).
    pub note: Option<String>,
}

/// Judges `requirement` against the episode whose document and index are given.
pub fn judge(
    requirement: usize,
    req: &Requirement,
    episode: usize,
    doc: &Document<'_>,
    index: &EpisodeIndex,
) -> Verdict {
    let kind = &req.draft.kind;
    let items = req.draft.fingerprint.items(kind);
    let words: Vec<Words> = items.iter().map(|i| text::word_set(i)).collect();
    let item_words: Vec<Item<'_>> = items.iter().zip(&words).collect();
    let (candidates, near) = candidates(kind, doc, index);
    let mut verdict = Verdict {
        requirement,
        episode,
        status: Status::Missing,
        evidence: None,
        missing: items.clone(),
        note: None,
    };
    let candidates = match kind {
        Kind::Prose(Topic::General) => general_sections(doc, index, &words),
        _ => candidates,
    };
    if candidates.is_empty() {
        if let Some((block, note)) = near {
            verdict.note = Some(note);
            if matches!(kind, Kind::Diagram(_)) {
                verdict.evidence = Some(evidence(doc, block));
                verdict.status = Status::Partial;
            }
        }
        return verdict;
    }
    let (best, mut covered) = best_block(&candidates, &item_words);
    let claim = req.draft.origin == Origin::Claim;
    if claim {
        covered = covered_by(index.words(doc), &item_words);
    }
    let threshold = if claim { CLAIM_CONFIRMED } else { SATISFIED };
    let share = if items.is_empty() {
        1.0
    } else {
        covered.len() as f32 / items.len() as f32
    };
    let numbers_found = !claim || items.iter().all(|i| !has_digit(i) || covered.contains(i));
    verdict.status = if share >= threshold && numbers_found {
        Status::Satisfied
    } else {
        Status::Partial
    };
    verdict.missing = items.into_iter().filter(|i| !covered.contains(i)).collect();
    verdict.evidence = Some(evidence(doc, best));
    verdict
}

/// Blocks of the kind, and otherwise a near miss (with a note) to point at.
fn candidates<'i>(
    kind: &Kind,
    doc: &Document<'_>,
    index: &'i EpisodeIndex,
) -> (Vec<Cow<'i, Block>>, Option<(&'i Block, String)>) {
    match kind {
        Kind::Metrics => (index.metrics.iter().map(Cow::Borrowed).collect(), None),
        Kind::Diagram(wanted) => {
            let same = |k: DiagramKind| wanted.is_none_or(|w| w == k);
            let blocks = index
                .diagrams
                .iter()
                .filter(|d| same(d.kind))
                .map(|d| Cow::Borrowed(&d.block))
                .collect();
            let near = index.diagrams.first().map(|d| {
                (
                    &d.block,
                    format!(
                        "the episode's diagrams are not {} diagrams (closest: a {} diagram)",
                        wanted.map_or("Mermaid", |w| w.as_str()),
                        d.kind.as_str()
                    ),
                )
            });
            (blocks, near)
        }
        Kind::Code(lang) => {
            let same = |l: &Option<String>| lang.is_none() || l == lang;
            let blocks = index
                .samples
                .iter()
                .filter(|s| same(&s.lang) && !s.stub)
                .map(|s| Cow::Borrowed(&s.block))
                .collect();
            let stub = index
                .samples
                .iter()
                .find(|s| same(&s.lang) && s.stub)
                .map(|s| {
                    (
                        &s.block,
                        "the only matching sample is a stub (its bodies are pass, ... or comments)"
                            .to_owned(),
                    )
                });
            let other = index
                .samples
                .iter()
                .find(|s| s.lang.is_some() && !s.stub)
                .map(|s| {
                    let other = s.lang.as_deref().unwrap_or("other");
                    (
                        &s.block,
                        format!(
                            "the episode has {other} code but no {} sample",
                            lang.as_deref().unwrap_or("")
                        ),
                    )
                });
            let near = stub.or(other);
            (blocks, near)
        }
        Kind::Prose(topic) => {
            let vocabulary = topic.vocabulary();
            let blocks = index
                .sections
                .iter()
                .filter(|s| {
                    vocabulary
                        .iter()
                        .any(|w| s.heading_words.contains(&text::word(w)))
                })
                .map(|s| Cow::Owned(index.section_block(doc, s)))
                .collect();
            (blocks, None)
        }
        Kind::Interactive => (index.interactive.iter().map(Cow::Borrowed).collect(), None),
    }
}

/// An item and its words.
type Item<'a> = (&'a String, &'a Words);

fn covered_by(words: &Words, items: &[Item<'_>]) -> BTreeSet<String> {
    items
        .iter()
        .filter(|(_, item)| text::covers_words(words, item))
        .map(|(text, _)| (*text).clone())
        .collect()
}

/// The candidate covering the most items (the first on ties). `candidates` is not empty.
fn best_block<'c>(
    candidates: &'c [Cow<'_, Block>],
    items: &[Item<'_>],
) -> (&'c Block, BTreeSet<String>) {
    let mut best: Option<(&Block, BTreeSet<String>)> = None;
    for block in candidates {
        let covered = covered_by(&block.words, items);
        if best.as_ref().is_none_or(|(_, b)| covered.len() > b.len()) {
            best = Some((block, covered));
        }
    }
    best.unwrap_or((&EMPTY, BTreeSet::new()))
}

/// Stands in for a best block when there are no candidates (never reached).
static EMPTY: Block = Block {
    span: 0..0,
    heading: None,
    words: BTreeSet::new(),
};

fn has_digit(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
}

/// Sections whose heading shares a word with the items (for a prose topic without a
/// vocabulary of its own).
fn general_sections<'i>(
    doc: &Document<'_>,
    index: &'i EpisodeIndex,
    items: &[Words],
) -> Vec<Cow<'i, Block>> {
    let wanted: BTreeSet<&text::Word> = items.iter().flatten().collect();
    index
        .sections
        .iter()
        .filter(|s| s.heading_words.iter().any(|w| wanted.contains(w)))
        .map(|s| Cow::Owned(index.section_block(doc, s)))
        .collect()
}

fn evidence(doc: &Document<'_>, block: &Block) -> Evidence {
    let heading = block.heading.and_then(|h| doc.headings.get(h));
    Evidence {
        file: doc.source.rel_path.clone(),
        span: block.span.clone(),
        line: doc.source.line_col(block.span.start).line,
        heading: heading.map(|h| h.text.clone()),
        anchor: heading.map(|h| h.id.clone()),
    }
}
