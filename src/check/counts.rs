//! Rules that need no recommendations: minimum counts per episode (course-wide or per
//! series) and required sections by heading pattern, from `[lint]` in `book.toml`. The
//! content gates (words, code samples, tests) are checked by [`super::gates`]; an episode
//! with no script yet is checked by neither.

use rayon::prelude::*;

use crate::check::recommendations::title_span;
use crate::config::{LintConfig, SeriesLint};
use crate::course::Episode;
use crate::diagnostic::{Diagnostic, RuleId};
use crate::markdown::Document;
use crate::pipeline::Parsed;

/// The minimums and patterns that apply to one episode.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Requirements<'c> {
    /// Minimum metrics blocks.
    pub metrics: usize,
    /// Minimum Mermaid diagrams.
    pub diagrams: usize,
    /// Minimum code samples.
    pub code_samples: usize,
    /// Minimum code samples per language: (highlighter token, minimum), sorted by token.
    pub languages: Vec<(String, usize)>,
    /// Minimum words.
    pub words: usize,
    /// Minimum tests.
    pub tests: usize,
    /// Heading patterns.
    pub sections: Vec<&'c str>,
}

/// The settings for an episode of the series with this slug: the series entry's values
/// where it gives them, the course-wide ones otherwise; sections from both.
pub fn requirements_for<'c>(lint: &'c LintConfig, series: &str) -> Requirements<'c> {
    let entry: Option<&SeriesLint> = lint.series.iter().find(|s| s.slug == series);
    let pick = |own: Option<usize>, course: Option<usize>| own.or(course).unwrap_or(0);
    let mut sections: Vec<&str> = lint.required_sections.iter().map(String::as_str).collect();
    sections.extend(
        entry
            .iter()
            .flat_map(|e| e.required_sections.iter().map(String::as_str)),
    );
    Requirements {
        metrics: pick(entry.and_then(|e| e.min_metrics), lint.min_metrics),
        diagrams: pick(entry.and_then(|e| e.min_diagrams), lint.min_diagrams),
        code_samples: pick(
            entry.and_then(|e| e.min_code_samples),
            lint.min_code_samples,
        ),
        languages: entry
            .and_then(|e| e.min_code_samples_per_language.as_ref())
            .or(lint.min_code_samples_per_language.as_ref())
            .map(crate::config::language_minimums)
            .unwrap_or_default(),
        words: pick(entry.and_then(|e| e.min_words), lint.min_words),
        tests: pick(entry.and_then(|e| e.min_tests), lint.min_tests),
        sections,
    }
}

/// Counts and sections for every episode that has a script.
pub fn check(parsed: &Parsed<'_>) -> Vec<Diagnostic> {
    let (course, docs, metrics) = (&parsed.course, &parsed.docs, &parsed.metrics);
    let lint = &course.config.lint;
    course
        .episodes
        .par_iter()
        .flat_map_iter(|episode| {
            let Some(doc) = docs.get(episode.file) else {
                return Vec::new();
            };
            // A folder without a script is reported once, as `missing-script`.
            if episode.has_no_script() {
                return Vec::new();
            }
            let wanted = requirements_for(lint, &episode.id.series);
            let found = metrics.get(episode.file).map_or(0, |m| m.len());
            let mut out = minimums(episode, doc, found, &wanted);
            out.extend(sections(doc, &wanted));
            out
        })
        .collect()
}

fn minimums(
    episode: &Episode,
    doc: &Document<'_>,
    metrics_blocks: usize,
    wanted: &Requirements<'_>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut check = |rule: RuleId, have: usize, need: usize, what: &str, help: &str| {
        if have < need {
            out.push(
                Diagnostic::new(
                    rule,
                    &doc.source.rel_path,
                    title_span(doc),
                    format!(
                        "episode {} has {have} {what}; at least {need} required",
                        episode.id.number
                    ),
                )
                .help(help.to_owned()),
            );
        }
    };
    if wanted.metrics > 0 {
        check(
            RuleId::MissingMetrics,
            metrics_blocks,
            wanted.metrics,
            "metrics blocks",
            "add a ```metrics fence, a list of `- **Label**: value` bullets with numbers, or a table of numbers",
        );
    }
    if wanted.diagrams > 0 {
        let have = doc
            .code_blocks
            .iter()
            .filter(|b| b.lang.as_deref() == Some("mermaid"))
            .count();
        check(
            RuleId::MissingDiagram,
            have,
            wanted.diagrams,
            "Mermaid diagrams",
            "add a ```mermaid fence",
        );
    }
    out
}

fn sections(doc: &Document<'_>, wanted: &Requirements<'_>) -> Vec<Diagnostic> {
    if wanted.sections.is_empty() {
        return Vec::new();
    }
    let headings: Vec<String> = doc.headings.iter().map(|h| normalise(&h.text)).collect();
    wanted
        .sections
        .iter()
        .filter(|pattern| {
            let parts = normalise_pattern(pattern);
            !headings.iter().any(|h| matches(&parts, h))
        })
        .map(|pattern| {
            Diagnostic::new(
                RuleId::MissingSection,
                &doc.source.rel_path,
                title_span(doc),
                format!("no section matches the required heading pattern \"{pattern}\""),
            )
            .help(format!("add a heading that matches \"{pattern}\" (case and emoji are ignored; `*` matches anything)"))
        })
        .collect()
}

/// Whether a heading with this text matches a `required_sections` pattern, as the
/// `missing-section` rule decides it.
pub(crate) fn heading_matches(pattern: &str, heading: &str) -> bool {
    matches(&normalise_pattern(pattern), &normalise(heading))
}

/// Lowercase words separated by single spaces; emoji and punctuation dropped.
fn normalise(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn normalise_pattern(pattern: &str) -> Vec<String> {
    pattern.split('*').map(normalise).collect()
}

/// Whether `text` matches the pattern parts (the pieces between `*`s).
fn matches(parts: &[String], text: &str) -> bool {
    let [first, middle @ .., last] = parts else {
        return parts.first().is_some_and(|p| p == text);
    };
    if !text.starts_with(first.as_str()) {
        return false;
    }
    let mut rest = &text[first.len()..];
    for part in middle {
        match rest.find(part.as_str()) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, heading: &str) -> bool {
        heading_matches(pattern, heading)
    }

    #[test]
    fn patterns_ignore_case_emoji_and_punctuation() {
        assert!(m("Takeaways*", "🧭 Takeaways by Role"));
        assert!(m("*resources", "📋 Episode Resources"));
        assert!(m("cold open*", "🎬 Cold Open: \"The p99\" (4 minutes)"));
        assert!(!m("Summary", "Executive Summary"));
        assert!(m("*summary", "🎯 Executive Summary"));
    }
}
