//! `--format json`: the stable contract CI users parse.
//!
//! ```text
//! { "diagnostics":     [ {rule, severity, message, file, line, column, help} ],
//!   "recommendations": [ {id, title, kind, source: {file, line},
//!                         episode: {series, number, title, file},
//!                         verdict, evidence: {file, line, heading} | null, missing: [..]} ],
//!   "documents":       [ {file, requirements, skipped: [ {file, line, text, reason} ]} ],
//!   "content":         {gates, settings, episodes: [..], totals}   (with --coverage only) }
//! ```
//!
//! `content` is the content table of `--coverage` ([`ContentCoverage`]): the gates configured
//! (`min_words`, `min_code_samples`, `min_code_samples_per_language`, `min_tests`), and per
//! episode `{series, series_name, number, title, url, file, no_script, words, code_samples,
//! languages: [{language, count}], tests, languages_text, gates: [{gate, met, wanted, found,
//! short_by, languages?, text}]}`.

use serde::Serialize;

use crate::check::gates::ContentCoverage;
use crate::diagnostic::Diagnostic;
use crate::enhance::{DocumentSummary, Evaluation};
use crate::pipeline::Parsed;
use crate::report::position;
use crate::source::SourceMap;

/// The top-level object.
#[derive(Debug, Serialize)]
pub struct Contract<'a> {
    /// Findings.
    pub diagnostics: Vec<DiagnosticRecord<'a>>,
    /// Verdicts, one per recommendation × episode.
    pub recommendations: &'a [RecommendationRecord],
    /// What was read from each recommendations document.
    pub documents: &'a [DocumentSummary],
    /// The content table, with `--coverage`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<ContentRecord<'a>>,
}

/// The content table: as [`ContentCoverage`], its rows named `episodes`.
#[derive(Debug, Serialize)]
pub struct ContentRecord<'a> {
    /// The gates configured for at least one episode.
    pub gates: &'a [crate::check::gates::Gate],
    /// What the gates ask, per group of series.
    pub settings: &'a [crate::check::gates::GateSetting],
    /// One per episode, in course order.
    pub episodes: &'a [crate::check::gates::ContentRow],
    /// Sums.
    pub totals: &'a crate::check::gates::ContentTotals,
}

/// One finding.
#[derive(Debug, Serialize)]
pub struct DiagnosticRecord<'a> {
    /// Rule code.
    pub rule: &'a str,
    /// `error`, `warning` or `note`.
    pub severity: &'a str,
    /// The message.
    pub message: &'a str,
    /// Course-relative path, empty for course-wide findings.
    pub file: &'a str,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// Help lines joined with newlines, or null.
    pub help: Option<String>,
}

/// One recommendation for one episode.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecommendationRecord {
    /// Stable id: `series/number/slug-of-title`.
    pub id: String,
    /// Title as written in the recommendations document.
    pub title: String,
    /// `metrics`, `mermaid:flowchart`, `code:python`, `prose:culture`, `interactive`, …
    pub kind: String,
    /// Where it is stated.
    pub source: Place,
    /// The episode it is for.
    pub episode: EpisodeRecord,
    /// `satisfied`, `partial` or `missing`.
    pub verdict: &'static str,
    /// The closest block, or null.
    pub evidence: Option<EvidenceRecord>,
    /// What the closest block lacks.
    pub missing: Vec<String>,
    /// Why the verdict is not satisfied when what is missing is not a list of items ("not
    /// about Globex", "the claim counts 3 code samples; the episode has 2"), or null.
    pub note: Option<String>,
}

/// A file and line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// Course-relative path.
    pub file: String,
    /// 1-based line.
    pub line: usize,
}

/// An episode.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpisodeRecord {
    /// Series slug.
    pub series: String,
    /// Number in the series.
    pub number: u32,
    /// Title.
    pub title: String,
    /// Course-relative path.
    pub file: String,
}

/// Evidence of a verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceRecord {
    /// Course-relative path.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// Heading the block sits under.
    pub heading: Option<String>,
}

/// The recommendation records of an evaluation, in requirement order.
pub fn recommendations(parsed: &Parsed<'_>, evaluation: &Evaluation) -> Vec<RecommendationRecord> {
    let course = &parsed.course;
    evaluation
        .verdicts
        .iter()
        .filter_map(|v| {
            let req = evaluation.requirements.get(v.requirement)?;
            let episode = course.episodes.get(v.episode)?;
            let file = parsed
                .loaded
                .episodes
                .get(episode.file)?
                .source
                .rel_path
                .clone();
            let suffix = if req.episodes.len() > 1 {
                format!("#{}", episode.id.number)
            } else {
                String::new()
            };
            Some(RecommendationRecord {
                id: format!("{}{suffix}", req.id),
                title: req.draft.title.clone(),
                kind: req.draft.kind.name(),
                source: Place {
                    file: req.draft.file.clone(),
                    line: req.line,
                },
                episode: EpisodeRecord {
                    series: episode.id.series.clone(),
                    number: episode.id.number,
                    title: episode.title.clone(),
                    file,
                },
                verdict: v.status.as_str(),
                evidence: v.evidence.as_ref().map(|e| EvidenceRecord {
                    file: e.file.clone(),
                    line: e.line,
                    heading: e.heading.clone(),
                }),
                missing: v.missing.clone(),
                note: v.note.clone(),
            })
        })
        .collect()
}

/// Renders the contract, pretty-printed, with a final newline.
pub fn render(
    diagnostics: &[Diagnostic],
    recommendations: &[RecommendationRecord],
    documents: &[DocumentSummary],
    content: Option<&ContentCoverage>,
    sources: &SourceMap<'_>,
) -> String {
    let contract = Contract {
        diagnostics: diagnostics
            .iter()
            .map(|d| {
                let pos = position(d, sources);
                DiagnosticRecord {
                    rule: d.rule.as_str(),
                    severity: d.severity.as_str(),
                    message: &d.message,
                    file: &d.file,
                    line: pos.line,
                    column: pos.column,
                    help: (!d.help.is_empty()).then(|| d.help.join("\n")),
                }
            })
            .collect(),
        recommendations,
        documents,
        content: content.map(|c| ContentRecord {
            gates: &c.gates,
            settings: &c.settings,
            episodes: &c.rows,
            totals: &c.totals,
        }),
    };
    let mut out = serde_json::to_string_pretty(&contract).unwrap_or_else(|_| "{}".to_owned());
    out.push('\n');
    out
}
