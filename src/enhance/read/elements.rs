//! Elements of a document-wide code block whose docstrings or comments name their episode:
//!
//! ```python
//! def resilience_simulator(self):
//!     """Episode 13: Test circuit breakers interactively"""
//! ```
//!
//! Each such line is one requirement for the episodes it names; the enclosing function's name
//! (`resilience_simulator` → "Resilience simulator") is its title and its key term. The kind
//! comes from the words (a simulator is interactive), interactive when they name none.

use std::ops::Range;

use crate::enhance::{Draft, Fingerprint, Kind, Origin, TargetSpec, kind};
use crate::markdown::{CodeBlock, Document};
use crate::reference::{self, Reference};

/// The elements a code block names, one per docstring or comment line with a reference.
pub(super) fn read(doc: &Document<'_>, block: &CodeBlock) -> Vec<Draft> {
    let mut drafts = Vec::new();
    let mut function = None;
    for line in block.code.lines() {
        let trimmed = line.trim();
        if let Some(name) = trimmed
            .strip_prefix("def ")
            .or_else(|| trimmed.strip_prefix("function "))
            .or_else(|| trimmed.strip_prefix("fn "))
        {
            function = name.split('(').next().map(str::trim).map(str::to_owned);
            continue;
        }
        let Some(reference) = docstring_reference(trimmed) else {
            continue;
        };
        let span = locate(doc, block, trimmed);
        drafts.push(element(doc, span, function.as_deref(), reference));
    }
    drafts
}

fn docstring_reference(line: &str) -> Option<Reference> {
    let inner = ["\"\"\"", "'''", "#", "//", "/*", "*"]
        .iter()
        .find_map(|q| line.strip_prefix(q))?;
    let inner = inner
        .trim_end_matches("\"\"\"")
        .trim_end_matches("'''")
        .trim_end_matches("*/");
    reference::parse(inner).filter(|r| !r.rest.is_empty())
}

fn element(
    doc: &Document<'_>,
    span: Range<usize>,
    function: Option<&str>,
    reference: Reference,
) -> Draft {
    let name = function.map(humanise);
    let title = match &name {
        Some(name) => format!("{name}: {}", reference.rest),
        None => reference.rest.clone(),
    };
    let kind = kind::intent(&title)
        .filter(|k| !matches!(k, Kind::Prose(_)))
        .unwrap_or(Kind::Interactive);
    let mut fingerprint = Fingerprint::default();
    fingerprint.terms.extend(name);
    fingerprint.terms.push(reference.rest.clone());
    Draft {
        title,
        kind,
        origin: Origin::Element,
        file: doc.source.rel_path.clone(),
        span,
        target: TargetSpec {
            numbers: reference.numbers,
            series: reference.qualifier,
            ..TargetSpec::default()
        },
        fingerprint,
        count: None,
    }
}

/// `resilience_simulator` → "Resilience simulator".
fn humanise(name: &str) -> String {
    let spaced = name.trim_matches('_').replace('_', " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The span of a line of a fence's code in the file (the whole fence when not found).
fn locate(doc: &Document<'_>, block: &CodeBlock, line: &str) -> Range<usize> {
    let text = &doc.source.text;
    text.get(block.code_start..block.span.end)
        .and_then(|code| code.find(line))
        .map_or(block.span.clone(), |at| {
            let start = block.code_start + at;
            start..start + line.len()
        })
}
