//! The coverage matrix: episodes × recommendations, each cell a verdict with a link to its
//! evidence. A pure function of the course and the evaluation, serialisable as the template
//! contract of the build's coverage page and printed by `episode lint --coverage`.

use crate::course::Course;
use crate::enhance::{Evaluation, Status};

/// Column families, in display order: the family of a requirement's kind.
pub const COLUMNS: &[&str] = &["metrics", "mermaid", "code", "prose", "interactive"];

/// The whole matrix.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CoverageMatrix {
    /// Column families (`metrics`, `mermaid`, `code`, `prose`, `interactive`).
    pub columns: Vec<String>,
    /// One row per episode, in course order (episodes without recommendations included).
    pub rows: Vec<Row>,
    /// Verdict counts over all cells.
    pub totals: Totals,
    /// Words, code samples and tests of every episode, with the content gates' verdicts
    /// (filled in by [`crate::check::LintReport::coverage`]; empty from [`matrix`]).
    pub content: crate::check::gates::ContentCoverage,
}

/// One episode.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Row {
    /// Series slug.
    pub series: String,
    /// Series display name.
    pub series_name: String,
    /// Episode number.
    pub number: u32,
    /// Episode title.
    pub title: String,
    /// Page path relative to the site root.
    pub url: String,
    /// The recommendations for this episode, in document order.
    pub cells: Vec<Cell>,
}

/// One recommendation for one episode.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Cell {
    /// Requirement id (as in the JSON output).
    pub id: String,
    /// Recommendation title.
    pub title: String,
    /// Kind name (`metrics`, `mermaid:flowchart`, `code:python`, …).
    pub kind: String,
    /// Index into [`CoverageMatrix::columns`].
    pub column: usize,
    /// The verdict.
    pub verdict: Status,
    /// Link to the evidence: the episode page plus the anchor of the heading the closest
    /// block sits under (`series/episode-01.html#results`); `None` when missing.
    pub href: Option<String>,
    /// The evidence's heading text.
    pub evidence_heading: Option<String>,
    /// What the closest block lacks.
    pub missing: Vec<String>,
    /// Recommendations file and line.
    pub source_file: String,
    /// 1-based line in the recommendations file.
    pub source_line: usize,
}

/// Verdict counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Totals {
    /// Satisfied cells.
    pub satisfied: usize,
    /// Partial cells.
    pub partial: usize,
    /// Missing cells.
    pub missing: usize,
}

/// Builds the matrix.
pub fn matrix(course: &Course, evaluation: &Evaluation) -> CoverageMatrix {
    let mut rows: Vec<Row> = course
        .episodes
        .iter()
        .map(|e| Row {
            series: e.id.series.clone(),
            series_name: course
                .series
                .get(e.series)
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            number: e.id.number,
            title: e.title.clone(),
            url: e.url.clone(),
            cells: Vec::new(),
        })
        .collect();
    let mut totals = Totals::default();
    for verdict in &evaluation.verdicts {
        let (Some(req), Some(row)) = (
            evaluation.requirements.get(verdict.requirement),
            rows.get_mut(verdict.episode),
        ) else {
            continue;
        };
        match verdict.status {
            Status::Satisfied => totals.satisfied += 1,
            Status::Partial => totals.partial += 1,
            Status::Missing => totals.missing += 1,
        }
        let kind = req.draft.kind.name();
        let family = kind.split(':').next().unwrap_or("");
        let href = verdict
            .evidence
            .as_ref()
            .filter(|_| verdict.status != Status::Missing)
            .map(|ev| match &ev.anchor {
                Some(anchor) => format!("{}#{anchor}", row.url),
                None => row.url.clone(),
            });
        row.cells.push(Cell {
            id: req.id.clone(),
            title: req.draft.title.clone(),
            column: COLUMNS
                .iter()
                .position(|c| *c == family)
                .unwrap_or(COLUMNS.len() - 1),
            kind,
            verdict: verdict.status,
            href,
            evidence_heading: verdict.evidence.as_ref().and_then(|e| e.heading.clone()),
            missing: verdict.missing.clone(),
            source_file: req.draft.file.clone(),
            source_line: req.line,
        });
    }
    rows.iter_mut()
        .for_each(|r| r.cells.sort_by_key(|c| c.column));
    CoverageMatrix {
        columns: COLUMNS.iter().map(|c| (*c).to_owned()).collect(),
        rows,
        totals,
        content: Default::default(),
    }
}
