//! The only printer of findings. Formats: `human` (rustc-style code frames), `short`,
//! `json` (the stable contract, [`json`]), `sarif` ([`sarif`]), `github` and `junit` ([`ci`]),
//! plus the coverage matrix for the terminal ([`matrix`]).
//!
//! Diagnostics carry byte spans; this module turns them into file:line:column and code
//! frames with annotate-snippets, the renderer rustc and cargo use.

pub mod ci;
pub mod json;
pub mod matrix;
pub mod sarif;

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{LineCol, SourceMap};

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Code frames with the rule, the message and a help line.
    #[default]
    Human,
    /// One line per finding: `file:line:col: severity[rule]: message`.
    Short,
    /// The JSON contract: `{"diagnostics": [...], "recommendations": [...]}`.
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…,line=…::message`).
    Github,
    /// JUnit XML.
    Junit,
}

/// Options for printing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Use ANSI colours.
    pub color: bool,
}

/// Where a diagnostic points, as line and column (1:1 for course-wide findings).
pub fn position(diagnostic: &Diagnostic, sources: &SourceMap<'_>) -> LineCol {
    sources
        .get(&diagnostic.file)
        .map_or(LineCol { line: 1, column: 1 }, |f| {
            f.line_col(diagnostic.span.start)
        })
}

/// Renders diagnostics, and for JSON the recommendation verdicts, in the given format.
pub fn render_with(
    diagnostics: &[Diagnostic],
    recommendations: &[json::RecommendationRecord],
    documents: &[crate::enhance::DocumentSummary],
    sources: &SourceMap<'_>,
    format: Format,
    style: Style,
) -> String {
    match format {
        Format::Json => json::render(diagnostics, recommendations, documents, sources),
        Format::Sarif => sarif::render(diagnostics, sources),
        Format::Github => ci::github(diagnostics, sources),
        Format::Junit => ci::junit(diagnostics, sources),
        Format::Human => diagnostics
            .iter()
            .map(|d| human(d, sources, style))
            .collect::<Vec<_>>()
            .join("\n"),
        Format::Short => diagnostics.iter().fold(String::new(), |mut out, d| {
            let _ = writeln!(out, "{}", short(d, sources));
            out
        }),
    }
}

/// The close of human output: what was read from each recommendations document, then one
/// line with the counts of findings and of verdicts.
pub fn summary(
    counts: &crate::diagnostic::Counts,
    records: &[json::RecommendationRecord],
    documents: &[crate::enhance::DocumentSummary],
) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut out = String::new();
    for document in documents {
        let _ = writeln!(
            out,
            "{}: {} read, {} skipped",
            document.file,
            plural(document.requirements, "requirement"),
            plural(document.skipped.len(), "section"),
        );
    }
    out.push_str(&format!(
        "lint: {}, {}, {}",
        plural(counts.errors, "error"),
        plural(counts.warnings, "warning"),
        plural(counts.notes, "note")
    ));
    if !records.is_empty() {
        let count = |v: &str| records.iter().filter(|r| r.verdict == v).count();
        out.push_str(&format!(
            "; recommendations: {} satisfied, {} partial, {} missing",
            count("satisfied"),
            count("partial"),
            count("missing")
        ));
    }
    out.push('\n');
    out
}

/// One line: `file:line:col: severity[rule]: message`.
pub fn short(d: &Diagnostic, sources: &SourceMap<'_>) -> String {
    let pos = position(d, sources);
    format!(
        "{}:{}:{}: {}[{}]: {}",
        display_file(d),
        pos.line,
        pos.column,
        d.severity.as_str(),
        d.rule.as_str(),
        d.message
    )
}

fn display_file(d: &Diagnostic) -> &str {
    if d.file.is_empty() {
        "<course>"
    } else {
        &d.file
    }
}

/// A rustc-style code frame.
pub fn human(d: &Diagnostic, sources: &SourceMap<'_>, style: Style) -> String {
    let level = level(d.severity);
    let title = level.primary_title(d.message.as_str()).id(d.rule.as_str());
    let mut groups: Vec<Group<'_>> = Vec::new();
    match sources.get(&d.file) {
        Some(file) => {
            let span = clamp(&file.text, d.span.clone());
            let mut annotation = AnnotationKind::Primary.span(span);
            if let Some(label) = &d.label {
                annotation = annotation.label(label.as_str());
            }
            let mut snippet = Snippet::source(file.text.as_str())
                .path(file.rel_path.as_str())
                .fold(true)
                .annotation(annotation);
            for related in d.related.iter().filter(|r| r.file == d.file) {
                snippet = snippet.annotation(
                    AnnotationKind::Context
                        .span(clamp(&file.text, related.span.clone()))
                        .label(related.label.as_str()),
                );
            }
            groups.push(Group::with_title(title).element(snippet));
        }
        None if !d.file.is_empty() => {
            groups.push(Group::with_title(title).element(Origin::path(d.file.as_str())));
        }
        None => groups.push(Group::with_title(title)),
    }
    for related in d.related.iter().filter(|r| r.file != d.file) {
        if let Some(file) = sources.get(&related.file) {
            let span = clamp(&file.text, related.span.clone());
            let snippet = Snippet::source(file.text.as_str())
                .path(file.rel_path.as_str())
                .fold(true)
                .annotation(
                    AnnotationKind::Context
                        .span(span)
                        .label(related.label.as_str()),
                );
            groups.push(
                Group::with_title(Level::NOTE.secondary_title(related.label.as_str()))
                    .element(snippet),
            );
        } else {
            groups.push(Group::with_title(
                Level::NOTE.secondary_title(format!("{}: {}", related.label, related.file)),
            ));
        }
    }
    for help in &d.help {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(help.as_str()),
        ));
    }
    let renderer = if style.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = renderer.render(&groups);
    out.push('\n');
    out
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    }
}

/// Keeps a span inside the text and on character boundaries.
fn clamp(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}
