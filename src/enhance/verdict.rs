//! Judging a requirement against one episode: satisfied, partial or missing, with evidence.
//!
//! The candidates are the episode's dedicated blocks of the requirement's kind, in its own
//! episode only (content elsewhere never counts): metrics blocks, diagrams of the recommended
//! type, code samples in the recommended language, sections or bold-labelled lists whose
//! heading or label is on the recommended topic, interactive elements. A word in passing
//! prose or inside code belongs to no such block, so it never counts.
//!
//! A candidate satisfies the requirement when it is about the recommendation's subject (the
//! company or system it names, when it names one: [`EpisodeIndex::about`]) and covers the
//! recommended content: at least [`SATISFIED`] of the fingerprint's items, a short item only
//! by all of its words ([`text::covers_words`]), so word overlap alone ("hit rate" for "Cache
//! Hit Rate") is not enough. The closest candidate is the evidence; when it falls short the
//! verdict is partial and says what it lacks (the items it misses, and a note when it is about
//! something else). With no candidate at all the verdict is missing.
//!
//! Claims ("already includes …") are verified the same way against a dedicated block of
//! their kind, never against the episode's words at large. A claim with a count ("9
//! diagrams", "a dozen code examples") is verified by counting the episode's blocks of its
//! kind, and a shortfall reports the count found.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::Range;

use crate::enhance::claim::claimed_count;
use crate::enhance::diagram::DiagramKind;
use crate::enhance::index::{Block, EpisodeIndex};
use crate::enhance::kind::is_kind_word;
use crate::enhance::text::{self, Words};
use crate::enhance::{Draft, Kind, Origin, Requirement, Topic};
use crate::markdown::Document;

/// Share of the fingerprint a block must cover to satisfy a requirement.
pub const SATISFIED: f32 = 0.6;
/// Share of a claim's key terms a block must cover to confirm it.
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
    /// Whether the evidence is of a near kind rather than the kind asked for (a diagram of
    /// another type, a section on a neighbouring topic).
    #[serde(skip)]
    pub near: bool,
}

/// Judges `requirement` against the episode whose document and index are given.
pub fn judge(
    requirement: usize,
    req: &Requirement,
    episode: usize,
    doc: &Document<'_>,
    index: &EpisodeIndex,
) -> Verdict {
    let draft = &req.draft;
    let kind = &draft.kind;
    let claim = draft.origin == Origin::Claim;
    let mut verdict = Verdict {
        requirement,
        episode,
        status: Status::Missing,
        evidence: None,
        missing: Vec::new(),
        note: None,
        near: false,
    };
    let (candidates, near) = candidates(draft, doc, index);
    if claim && let Some(claimed) = claimed(draft) {
        return counted(verdict, kind, claimed, &candidates, doc, index);
    }
    let items = draft.fingerprint.items(kind);
    let words: Vec<Words> = items.iter().map(|i| text::word_set(i)).collect();
    let item_words: Vec<Item<'_>> = items.iter().zip(&words).collect();
    verdict.missing = items.clone();
    let subjects: Vec<Words> = draft
        .fingerprint
        .subject
        .iter()
        .map(|s| text::word_set(s))
        .filter(|w| !w.is_empty())
        .collect();
    let test = Test {
        items: &item_words,
        subjects: &subjects,
        threshold: if claim { CLAIM_CONFIRMED } else { SATISFIED },
        numbers_needed: claim,
    };
    if candidates.is_empty() {
        if let Some(near) = near {
            verdict.note = Some(near.note);
            if near.partial && !near.blocks.is_empty() {
                let closest = best_block(&near.blocks, index, &test);
                verdict.status = Status::Partial;
                verdict.near = true;
                verdict.evidence = Some(evidence(doc, closest.block));
                verdict.missing.retain(|i| !closest.covered.contains(i));
            }
        }
        return verdict;
    }
    let best = best_block(&candidates, index, &test);
    verdict.status = if best.satisfies {
        Status::Satisfied
    } else {
        Status::Partial
    };
    if !best.about {
        verdict.note = Some(not_about(draft, doc, best.block));
    }
    verdict.missing = items
        .into_iter()
        .filter(|i| !best.covered.contains(i))
        .collect();
    verdict.evidence = Some(evidence(doc, best.block));
    verdict
}

/// The number of blocks a claim says the episode has: the reader's, or read from the claim.
fn claimed(draft: &Draft) -> Option<u32> {
    draft.count.or_else(|| claimed_count(&draft.title))
}

/// A counted claim: satisfied when the episode has at least as many blocks of the kind.
fn counted(
    mut verdict: Verdict,
    kind: &Kind,
    claimed: u32,
    candidates: &[Cow<'_, Block>],
    doc: &Document<'_>,
    index: &EpisodeIndex,
) -> Verdict {
    let found = match kind {
        Kind::Metrics => index.metrics_found,
        _ => candidates.len(),
    };
    let enough = u32::try_from(found).is_ok_and(|f| f >= claimed);
    verdict.status = match (enough, found) {
        (true, _) => Status::Satisfied,
        (false, 0) => Status::Missing,
        (false, _) => Status::Partial,
    };
    verdict.evidence = candidates.first().map(|b| evidence(doc, b));
    if !enough {
        let what = kind.describe();
        let plural = if claimed == 1 { "" } else { "s" };
        verdict.note = Some(format!(
            "the claim counts {claimed} {what}{plural}; the episode has {found}"
        ));
    }
    verdict
}

/// How a candidate is judged.
struct Test<'t> {
    /// The fingerprint's items and their words.
    items: &'t [Item<'t>],
    /// The subjects' words; empty when the recommendation names none.
    subjects: &'t [Words],
    /// Share of the items to cover.
    threshold: f32,
    /// Whether items with digits (a claim's "5M events/sec") must all be covered.
    numbers_needed: bool,
}

/// A candidate, judged.
struct Judged<'c> {
    block: &'c Block,
    about: bool,
    covered: BTreeSet<String>,
    satisfies: bool,
}

fn judge_block<'c>(block: &'c Block, index: &EpisodeIndex, test: &Test<'_>) -> Judged<'c> {
    let covered = covered_by(&block.words, test.items);
    let about = test.subjects.is_empty() || index.about(block, test.subjects);
    let share = if test.items.is_empty() {
        1.0
    } else {
        covered.len() as f32 / test.items.len() as f32
    };
    let numbers_found = !test.numbers_needed
        || test
            .items
            .iter()
            .all(|(item, _)| !has_digit(item) || covered.contains(*item));
    Judged {
        block,
        about,
        satisfies: about && share >= test.threshold && numbers_found,
        covered,
    }
}

/// The closest candidate: one that satisfies; else one about the subject that covers some
/// of the items; else the one covering most; then one about the subject; the first on ties.
/// `candidates` is not empty.
fn best_block<'c>(
    candidates: &'c [Cow<'_, Block>],
    index: &EpisodeIndex,
    test: &Test<'_>,
) -> Judged<'c> {
    let mut best: Option<Judged<'c>> = None;
    for block in candidates {
        let judged = judge_block(block, index, test);
        let rank = |j: &Judged<'_>| {
            let on_subject = j.about && !j.covered.is_empty();
            (j.satisfies, on_subject, j.covered.len(), j.about)
        };
        if best.as_ref().is_none_or(|b| rank(&judged) > rank(b)) {
            best = Some(judged);
        }
    }
    best.unwrap_or(Judged {
        block: &EMPTY,
        about: false,
        covered: BTreeSet::new(),
        satisfies: false,
    })
}

/// How many subjects a "not about" note names before "…".
const NAMES_AT_MOST: usize = 3;

/// "not about Globex: the closest metrics block is under "Initech Numbers"".
fn not_about(draft: &Draft, doc: &Document<'_>, block: &Block) -> String {
    let subject = &draft.fingerprint.subject;
    let mut names = subject[..subject.len().min(NAMES_AT_MOST)].join(" or ");
    if subject.len() > NAMES_AT_MOST {
        names.push_str(" or …");
    }
    let what = draft.kind.describe();
    match block.heading.and_then(|h| doc.headings.get(h)) {
        Some(heading) => format!(
            "not about {names}: the closest {what} is under \"{}\"",
            heading.text
        ),
        None => format!("not about {names}: the closest {what} names none of it"),
    }
}

/// Dedicated blocks of the kind, and otherwise a near miss (with a note) to point at.
fn candidates<'i>(
    draft: &Draft,
    doc: &Document<'_>,
    index: &'i EpisodeIndex,
) -> (Vec<Cow<'i, Block>>, Option<Near<'i>>) {
    match &draft.kind {
        Kind::Metrics => (index.metrics.iter().map(Cow::Borrowed).collect(), None),
        Kind::Diagram(wanted) => {
            let same = |k: DiagramKind| wanted.is_none_or(|w| w == k);
            let blocks = index
                .diagrams
                .iter()
                .filter(|d| same(d.kind))
                .map(|d| Cow::Borrowed(&d.block))
                .collect();
            let near = index.diagrams.first().map(|d| Near {
                blocks: vec![Cow::Borrowed(&d.block)],
                note: format!(
                    "the episode's diagrams are not {} diagrams (closest: a {} diagram)",
                    wanted.map_or("Mermaid", |w| w.as_str()),
                    d.kind.as_str()
                ),
                partial: true,
            });
            (blocks, near)
        }
        Kind::Code(lang) => {
            let same = |l: &Option<String>| lang.is_none() || l == lang;
            let claim = draft.origin == Origin::Claim;
            let blocks = index
                .samples
                .iter()
                .filter(|s| same(&s.lang) && !s.stub)
                .map(|s| match claim {
                    // A claim describes what the code does, in any of its words.
                    true => Cow::Owned(Block {
                        words: s.content(doc).clone(),
                        ..s.block.clone()
                    }),
                    false => Cow::Borrowed(&s.block),
                })
                .collect();
            let stub = index
                .samples
                .iter()
                .find(|s| same(&s.lang) && s.stub)
                .map(|s| Near {
                    blocks: vec![Cow::Borrowed(&s.block)],
                    note:
                        "the only matching sample is a stub (its bodies are pass, ... or comments)"
                            .to_owned(),
                    partial: false,
                });
            let other = index
                .samples
                .iter()
                .find(|s| s.lang.is_some() && !s.stub)
                .map(|s| Near {
                    blocks: vec![Cow::Borrowed(&s.block)],
                    note: format!(
                        "the episode has {} code but no {} sample",
                        s.lang.as_deref().unwrap_or("other"),
                        lang.as_deref().unwrap_or("")
                    ),
                    partial: false,
                });
            let near = stub.or(other);
            (blocks, near)
        }
        Kind::Prose(topic) => {
            let wanted: Words = match topic {
                Topic::General => topic_words(draft),
                _ => topic.vocabulary().iter().map(|w| text::word(w)).collect(),
            };
            let blocks = prose_blocks(doc, index, &wanted);
            let near = match topic.neighbour() {
                Some(neighbour) if blocks.is_empty() => {
                    let words = neighbour
                        .vocabulary()
                        .iter()
                        .map(|w| text::word(w))
                        .collect();
                    Some(Near {
                        blocks: prose_blocks(doc, index, &words),
                        note: format!(
                            "no {} section; the closest is a section on {}",
                            topic.as_str(),
                            neighbour.as_str()
                        ),
                        partial: true,
                    })
                    .filter(|near| !near.blocks.is_empty())
                }
                _ => None,
            };
            (blocks, near)
        }
        Kind::Interactive => (index.interactive.iter().map(Cow::Borrowed).collect(), None),
    }
}

/// What stands closest when an episode has no block of the kind asked for.
struct Near<'i> {
    /// The closest blocks (a diagram of another type, a sample in another language, sections
    /// on a neighbouring topic).
    blocks: Vec<Cow<'i, Block>>,
    /// Why they are not of the kind.
    note: String,
    /// Whether they make the verdict partial (the kind is nearly there) rather than missing.
    partial: bool,
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

/// Stands in for a best block when there are no candidates (never reached).
static EMPTY: Block = Block {
    span: 0..0,
    heading: None,
    words: BTreeSet::new(),
};

fn has_digit(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
}

/// Sections and bold-labelled lists whose heading or label has one of the `wanted` words.
fn prose_blocks<'i>(
    doc: &Document<'_>,
    index: &'i EpisodeIndex,
    wanted: &Words,
) -> Vec<Cow<'i, Block>> {
    let on_topic = |words: &Words| words.iter().any(|w| wanted.contains(w));
    let sections = index
        .sections
        .iter()
        .filter(|s| on_topic(&s.heading_words))
        .map(|s| Cow::Owned(index.section_block(doc, s)));
    let labelled = index
        .labelled
        .iter()
        .filter(|l| on_topic(&l.label_words))
        .map(|l| Cow::Borrowed(&l.block));
    sections.chain(labelled).collect()
}

/// What a requirement on a topic without a vocabulary is about: the significant words of its
/// title and of its example's headings ("Add a Cache Warm-Up Checklist" → cache, warm,
/// checklist), never the words of every item.
fn topic_words(draft: &Draft) -> Words {
    std::iter::once(&draft.title)
        .chain(&draft.fingerprint.headings)
        .flat_map(|t| text::tokens(t))
        .filter(|w| !is_kind_word(w))
        .map(|w| text::word(&w))
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
