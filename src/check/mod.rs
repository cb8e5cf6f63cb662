//! Checks: pure functions from parsed content to diagnostics. No I/O, no printing.
//!
//! [`lint`] is the one entry point `episode lint` and `episode build` share: it evaluates the
//! recommendations ([`crate::enhance`]) and runs the rules that need no recommendations
//! ([`counts`], the content [`gates`], [`code_syntax`], [`mermaid`], [`mermaid_click`],
//! [`mermaid_not_drawn`], [`languages`]; metrics fences were validated while parsing, see
//! [`crate::markdown::metrics_fence`]). Every finding, from any stage, reaches a report through
//! [`settle`]: suppressions and severity overrides ([`suppress`]), duplicates dropped, sorted.
//! `episode build` adds the render stage's findings with [`LintReport::add`].

pub mod code_syntax;
pub mod content;
pub mod counts;
pub mod gates;
pub mod languages;
pub mod links;
pub(crate) mod local_files;
pub mod mermaid;
pub(crate) mod mermaid_click;
pub(crate) mod mermaid_not_drawn;
pub mod recommendations;
pub mod suppress;
pub mod test_fences;

use crate::diagnostic::{self, Counts, Diagnostic, Severity};
use crate::enhance::{self, Evaluation, coverage};
use crate::pipeline::Parsed;

/// Everything the checks found.
#[derive(Debug, Clone, Default)]
pub struct LintReport {
    /// Requirements and verdicts from the recommendation documents.
    pub evaluation: Evaluation,
    /// Every finding as the stages produced it.
    found: Vec<Diagnostic>,
    /// `found`, settled ([`settle`]).
    diagnostics: Vec<Diagnostic>,
    /// `--deny warnings` was given.
    deny_warnings: bool,
}

impl LintReport {
    /// The findings to report: suppressed, overridden, without duplicates, sorted.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Adds the findings of a later stage (rendering): they go through the same [`settle`]
    /// step as the checks' own.
    pub fn add(&mut self, parsed: &Parsed<'_>, more: impl IntoIterator<Item = Diagnostic>) {
        self.found.extend(more);
        self.settle(parsed);
    }

    /// Counts by severity.
    pub fn counts(&self) -> Counts {
        Counts::of(&self.diagnostics)
    }

    /// Whether the report fails: errors, or warnings when `deny_warnings`.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        let counts = self.counts();
        counts.errors > 0 || (deny_warnings && counts.warnings > 0)
    }

    /// With `--deny warnings`: every warning becomes an error (findings added later too).
    pub fn deny_warnings(&mut self) {
        self.deny_warnings = true;
        self.raise_warnings();
    }

    /// The coverage matrix of this report's verdicts (see [`coverage::matrix`]), with the
    /// content table of every episode ([`gates::coverage`]).
    pub fn coverage(&self, parsed: &Parsed<'_>) -> coverage::CoverageMatrix {
        coverage::CoverageMatrix {
            content: gates::coverage(parsed),
            ..coverage::matrix(parsed.course, &self.evaluation)
        }
    }

    fn settle(&mut self, parsed: &Parsed<'_>) {
        self.diagnostics = settle(parsed, self.found.clone());
        if self.deny_warnings {
            self.raise_warnings();
        }
    }

    fn raise_warnings(&mut self) {
        for d in &mut self.diagnostics {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
    }
}

/// Runs every check over a parsed course; the parse stage's findings are included.
pub fn lint(parsed: &Parsed<'_>) -> LintReport {
    let course = &parsed.course;
    let evaluation = enhance::evaluate(
        course,
        &parsed.docs,
        &parsed.metrics,
        &parsed.enhancement_docs,
    );
    let mut found = parsed.diagnostics.to_vec();
    found.extend(evaluation.diagnostics.iter().cloned());
    found.extend(recommendations::diagnostics(
        course,
        &parsed.docs,
        &evaluation,
    ));
    found.extend(counts::check(parsed));
    found.extend(content::empty_episodes(parsed));
    found.extend(gates::check(parsed));
    found.extend(code_syntax::check(parsed));
    found.extend(mermaid::check(parsed));
    found.extend(mermaid_click::check(parsed));
    found.extend(mermaid_not_drawn::check(parsed));
    found.extend(languages::check(parsed));
    found.extend(links::check(parsed));
    found.extend(suppress::unknown_codes(course, &parsed.docs));
    let mut report = LintReport {
        evaluation,
        found,
        ..LintReport::default()
    };
    report.settle(parsed);
    report
}

/// The only way findings reach a report, whichever stage found them (parse, check, render):
/// suppressions and severity overrides ([`suppress::apply`]), findings in a split script moved
/// to the part they fall in ([`crate::course::bundle::remap`]), then exact duplicates dropped,
/// then sorted by file, position and rule.
pub fn settle(parsed: &Parsed<'_>, found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut diagnostics =
        suppress::apply(parsed.course, &parsed.docs, &parsed.loaded.episodes, found);
    // Findings in an episode's joined script are reported in the part they fall in.
    crate::course::bundle::remap(&parsed.loaded.episodes, &mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    diagnostic::dedup_sorted(&mut diagnostics);
    diagnostics
}
