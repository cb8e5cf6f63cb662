//! Checks: pure functions from parsed content to diagnostics. No I/O, no printing.
//!
//! [`lint`] is the one entry point `episode lint` and `episode build` share: it evaluates the
//! recommendations ([`crate::enhance`]), runs the rules that need no recommendations
//! ([`counts`], [`mermaid`]; metrics fences were validated while parsing, see
//! [`crate::markdown::metrics_fence`]), then applies suppressions and severity overrides
//! ([`suppress`]) and sorts the result.

pub mod counts;
pub mod mermaid;
pub mod recommendations;
pub mod suppress;

use crate::diagnostic::{self, Counts, Diagnostic, Severity};
use crate::enhance::{self, Evaluation, coverage};
use crate::pipeline::Parsed;

/// Everything the checks found.
#[derive(Debug, Clone, Default)]
pub struct LintReport {
    /// Findings after suppression and severity overrides, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Requirements and verdicts from the recommendation documents.
    pub evaluation: Evaluation,
}

impl LintReport {
    /// Counts by severity.
    pub fn counts(&self) -> Counts {
        Counts::of(&self.diagnostics)
    }

    /// Whether the report fails: errors, or warnings when `deny_warnings`.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        let counts = self.counts();
        counts.errors > 0 || (deny_warnings && counts.warnings > 0)
    }

    /// With `--deny warnings`: every warning becomes an error.
    pub fn deny_warnings(&mut self) {
        for d in &mut self.diagnostics {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
    }

    /// The coverage matrix of this report's verdicts (see [`coverage::matrix`]).
    pub fn coverage(&self, parsed: &Parsed<'_>) -> coverage::CoverageMatrix {
        coverage::matrix(&parsed.course, &self.evaluation)
    }
}

/// Runs every check over a parsed course.
pub fn lint(parsed: &Parsed<'_>) -> LintReport {
    let course = &parsed.course;
    let evaluation = enhance::evaluate(
        course,
        &parsed.docs,
        &parsed.metrics,
        &parsed.enhancement_docs,
    );
    let mut found = parsed.diagnostics.clone();
    found.extend(evaluation.diagnostics.iter().cloned());
    found.extend(recommendations::diagnostics(
        course,
        &parsed.docs,
        &evaluation,
    ));
    found.extend(counts::check(course, &parsed.docs, &parsed.metrics));
    found.extend(mermaid::check(parsed));
    let mut diagnostics = suppress::apply(course, &parsed.docs, found);
    diagnostic::sort(&mut diagnostics);
    LintReport {
        diagnostics,
        evaluation,
    }
}
