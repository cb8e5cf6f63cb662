//! Content findings as data: [`Diagnostic`], [`Severity`], and the table of rules ([`RuleId`]).
//!
//! Checks never print; they return diagnostics. Only `report` formats them. A diagnostic
//! points at a byte span of a file; line and column are computed when it is reported.

use std::ops::Range;

pub(crate) mod invisible;
pub mod rules;
pub(crate) mod serde_words;

pub use rules::RuleId;

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Shown, never fails anything.
    Note,
    /// Shown; fails `lint` only with `--deny warnings`.
    Warning,
    /// Fails `lint` (exit 1) and `build --strict`.
    Error,
}

impl Severity {
    /// The lowercase word used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One finding about the content of a course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule (its code, e.g. `mermaid-syntax`, is [`RuleId::as_str`]).
    pub rule: RuleId,
    /// Severity after configuration overrides.
    pub severity: Severity,
    /// One sentence saying what is wrong.
    pub message: String,
    /// Course-relative path of the file, or empty for course-wide findings.
    pub file: String,
    /// Byte span in the file the finding points at (empty span = a point).
    pub span: Range<usize>,
    /// Label shown under the span in code frames.
    pub label: Option<String>,
    /// What to do about it.
    pub help: Vec<String>,
    /// Further spans in the same or other files, each with a label ("first defined here").
    pub related: Vec<Related>,
}

/// A secondary location attached to a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Course-relative path.
    pub file: String,
    /// Byte span.
    pub span: Range<usize>,
    /// What this location is.
    pub label: String,
}

impl Diagnostic {
    /// A new diagnostic with the rule's default severity. Its text (message, label, help,
    /// related labels) shows invisible characters escaped ([`invisible::shown`]).
    pub fn new(
        rule: RuleId,
        file: impl Into<String>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            rule,
            severity: rule.default_severity(),
            message: visible(message.into()),
            file: file.into(),
            span,
            label: None,
            help: Vec::new(),
            related: Vec::new(),
        }
    }

    /// Sets the severity.
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Sets the label under the primary span.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(visible(label.into()));
        self
    }

    /// Adds a help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(visible(help.into()));
        self
    }

    /// Adds a related location.
    pub fn related(
        mut self,
        file: impl Into<String>,
        span: Range<usize>,
        label: impl Into<String>,
    ) -> Self {
        self.related.push(Related {
            file: file.into(),
            span,
            label: visible(label.into()),
        });
        self
    }
}

/// `text` with its invisible characters escaped ([`invisible::shown`]).
fn visible(text: String) -> String {
    match invisible::shown(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(shown) => shown,
    }
}

/// Sorts diagnostics by file, position, then rule, so output is deterministic.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.span.start, a.rule, &a.message).cmp(&(
            &b.file,
            b.span.start,
            b.rule,
            &b.message,
        ))
    });
}

/// Drops exact duplicates from diagnostics already [`sort`]ed (duplicates then sit in the same
/// run of equal file, position, rule and message).
pub fn dedup_sorted(diagnostics: &mut Vec<Diagnostic>) {
    let mut kept: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    let mut run_start = 0;
    for d in diagnostics.drain(..) {
        let same_key = |k: &Diagnostic| {
            (&k.file, k.span.start, k.rule, &k.message)
                == (&d.file, d.span.start, d.rule, &d.message)
        };
        if !kept.last().is_some_and(same_key) {
            run_start = kept.len();
        }
        if !kept[run_start..].contains(&d) {
            kept.push(d);
        }
    }
    *diagnostics = kept;
}

/// Counts of findings by severity.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Notes.
    pub notes: usize,
}

impl Counts {
    /// Counts the given diagnostics.
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut counts = Self::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Note => counts.notes += 1,
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedup_drops_exact_duplicates_only() {
        let a = Diagnostic::new(RuleId::UnknownLanguage, "a.md", 3..5, "m");
        let longer = Diagnostic::new(RuleId::UnknownLanguage, "a.md", 3..9, "m");
        let b = Diagnostic::new(RuleId::UnknownLanguage, "b.md", 0..1, "m");
        let mut all = vec![b.clone(), a.clone(), longer.clone(), a.clone(), b.clone()];
        sort(&mut all);
        dedup_sorted(&mut all);
        assert_eq!(all, [a, longer, b]);
    }
}
