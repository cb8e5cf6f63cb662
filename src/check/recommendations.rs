//! Verdicts → diagnostics: `recommendation-missing`, `recommendation-partial` and
//! `claim-unverified`, each quoting the recommendation's title and line.
//!
//! A missing block is reported at the episode's title; a partial one at the closest block,
//! with what it lacks. The recommendation itself is attached as a related location.

use crate::course::Course;
use crate::diagnostic::{Diagnostic, RuleId};
use crate::enhance::{Evaluation, Origin, Requirement, Status, Verdict};
use crate::markdown::Document;

/// How many missing items a help line lists before "and N more".
const LIST_AT_MOST: usize = 6;

/// One diagnostic per verdict that is not satisfied.
pub fn diagnostics(
    course: &Course,
    docs: &[&Document<'_>],
    evaluation: &Evaluation,
) -> Vec<Diagnostic> {
    evaluation
        .verdicts
        .iter()
        .filter(|v| v.status != Status::Satisfied)
        .filter_map(|v| {
            let req = evaluation.requirements.get(v.requirement)?;
            let doc = docs.get(course.episodes.get(v.episode)?.file)?;
            Some(diagnostic(req, v, doc))
        })
        .collect()
}

fn diagnostic(req: &Requirement, verdict: &Verdict, doc: &Document<'_>) -> Diagnostic {
    let what = req.draft.kind.describe();
    let title = &req.draft.title;
    let source = format!("{}:{}", req.draft.file, req.line);
    let claim = req.draft.origin == Origin::Claim;
    let (rule, span, message, label) = match (verdict.status, &verdict.evidence) {
        (Status::Partial, Some(ev)) => (
            if claim {
                RuleId::ClaimUnverified
            } else {
                RuleId::RecommendationPartial
            },
            doc.source.line_span(ev.span.start),
            if verdict.near {
                format!(
                    "no {what} for \"{title}\" ({source}); partly met by a block of a nearby kind"
                )
            } else {
                format!("the closest {what} only partly covers \"{title}\" ({source})")
            },
            if verdict.near {
                "closest block, of a nearby kind".to_owned()
            } else {
                format!("closest {what}")
            },
        ),
        _ => (
            if claim {
                RuleId::ClaimUnverified
            } else {
                RuleId::RecommendationMissing
            },
            title_span(doc),
            format!("no {what} for \"{title}\" ({source})"),
            format!("this episode has no {what}"),
        ),
    };
    let mut d = Diagnostic::new(rule, &doc.source.rel_path, span, message)
        .label(label)
        .related(&req.draft.file, req.draft.span.clone(), "recommended here");
    if let Some(note) = &verdict.note {
        d = d.help(note.clone());
    }
    if !verdict.missing.is_empty() {
        d = d.help(format!("{}: {}", lacking(req), list(&verdict.missing)));
    }
    d
}

fn lacking(req: &Requirement) -> &'static str {
    match (&req.draft.kind, req.draft.origin) {
        (_, Origin::Claim) => "add what the claim says the episode has",
        (crate::enhance::Kind::Metrics, _) => "add metrics labelled",
        (crate::enhance::Kind::Diagram(_), _) => "add diagram nodes or subgraphs",
        (crate::enhance::Kind::Code(_), _) => "add the classes or functions",
        (crate::enhance::Kind::Prose(_), _) => "cover the points",
        (crate::enhance::Kind::Interactive, _) => "offer the reader",
    }
}

fn list(items: &[String]) -> String {
    crate::text::list_at_most(items, LIST_AT_MOST, ", ")
}

/// The episode's title heading (first heading), or the start of the file.
pub fn title_span(doc: &Document<'_>) -> std::ops::Range<usize> {
    doc.headings
        .iter()
        .find(|h| h.level == 1)
        .or(doc.headings.first())
        .map_or(0..0, |h| {
            h.span.start..h.span.end.min(doc.source.line_end(h.span.start))
        })
}
