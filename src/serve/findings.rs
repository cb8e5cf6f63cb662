//! What the browser overlay and the terminal show of a page: the findings about the files the
//! page is made from, as plain records with line and column.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::report;
use crate::source::SourceMap;

/// One finding, positioned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Finding {
    /// `error`, `warning` or `note`.
    pub(crate) severity: Severity,
    /// The rule's code (`broken-link`), or `serve` for what only the server finds (a template
    /// that does not compile).
    pub(crate) rule: String,
    /// Course-relative path (empty for course-wide findings).
    pub(crate) file: String,
    /// 1-based.
    pub(crate) line: usize,
    /// 1-based.
    pub(crate) column: usize,
    /// What is wrong.
    pub(crate) message: String,
    /// What to do about it.
    pub(crate) help: Option<String>,
    /// Whether it stops the last save from being shown (the overlay lists these first).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) blocking: bool,
}

impl Finding {
    /// A diagnostic, positioned in its file.
    pub(crate) fn of(d: &Diagnostic, sources: &SourceMap<'_>) -> Self {
        let at = report::position(d, sources);
        Self {
            severity: d.severity,
            rule: d.rule.as_str().to_owned(),
            file: d.file.clone(),
            line: at.line,
            column: at.column,
            message: d.message.clone(),
            help: (!d.help.is_empty()).then(|| d.help.join(" ")),
            blocking: false,
        }
    }

    /// A problem the server found that is not a content rule (the whole error chain).
    pub(crate) fn failure(file: &str, error: &anyhow::Error) -> Self {
        Self {
            severity: Severity::Error,
            rule: "serve".to_owned(),
            file: file.to_owned(),
            line: 1,
            column: 1,
            message: format!("{error:#}"),
            help: Some("the last good version is shown until this is fixed".to_owned()),
            blocking: true,
        }
    }

    /// `file:line:column: severity[rule]: message`, for the terminal.
    pub(crate) fn line(&self) -> String {
        let place = if self.file.is_empty() {
            "course".to_owned()
        } else {
            format!("{}:{}:{}", self.file, self.line, self.column)
        };
        let help = self
            .help
            .as_deref()
            .map(|h| format!("\n  help: {h}"))
            .unwrap_or_default();
        format!(
            "{place}: {}[{}]: {}{help}",
            self.severity.as_str(),
            self.rule,
            self.message
        )
    }
}

/// The findings about one page, as the overlay reads them.
#[derive(Debug, Serialize)]
pub(crate) struct PageFindings {
    /// The snapshot they were computed on.
    pub(crate) version: u64,
    /// Whether the page shows the last good version because the last save was broken.
    pub(crate) stale: bool,
    /// Errors first, then warnings, then notes; in file order within each.
    pub(crate) findings: Vec<Finding>,
}

/// Orders findings for reading: what blocks the last save first, then errors, then by file
/// and position.
pub(crate) fn sort(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        b.blocking
            .cmp(&a.blocking)
            .then_with(|| b.severity.cmp(&a.severity))
            .then_with(|| a.file.cmp(&b.file))
            .then_with(|| (a.line, a.column).cmp(&(b.line, b.column)))
            .then_with(|| a.message.cmp(&b.message))
    });
    findings.dedup();
}
