//! Content findings as data: [`Diagnostic`], [`Severity`], and the table of rule codes.
//!
//! Checks never print; they return diagnostics. Only `report` formats them. A diagnostic
//! points at a byte span of a file; line and column are computed when it is reported.

use std::ops::Range;

pub mod rules;

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
    /// Stable rule code, e.g. `mermaid-syntax`.
    pub rule: &'static str,
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
    /// A new diagnostic with the rule's default severity.
    pub fn new(
        rule: &'static str,
        file: impl Into<String>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            rule,
            severity: rules::default_severity(rule),
            message: message.into(),
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
        self.label = Some(label.into());
        self
    }

    /// Adds a help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
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
            label: label.into(),
        });
        self
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
