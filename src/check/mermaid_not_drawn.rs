//! `mermaid-not-drawn`: what a valid diagram says that its drawing leaves out
//! ([`crate::mermaid::not_drawn`]), at its line and column in the Markdown file.
//!
//! Only diagrams that validated are read: an invalid one is shown as its source, and its
//! `mermaid-syntax` error says what to fix first.

use crate::diagnostic::{Diagnostic, RuleId, Severity};
use crate::markdown::{CodeBlock, Document};
use crate::mermaid::NotDrawn;
use crate::mermaid::blocks::DiagramCheck;
use crate::pipeline::Parsed;

/// What the drawings of the course's episodes and recommendation documents leave out.
pub(crate) fn check(parsed: &Parsed<'_>) -> Vec<Diagnostic> {
    let episodes = parsed.docs.iter().zip(&parsed.diagrams);
    let enhancements = parsed
        .enhancement_docs
        .iter()
        .zip(&parsed.enhancement_diagrams);
    episodes
        .chain(enhancements)
        .flat_map(|(doc, checks)| document(doc, checks))
        .collect()
}

/// What the drawings of one document's valid diagrams leave out.
pub(crate) fn document(doc: &Document<'_>, checks: &[DiagramCheck]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for check in checks {
        let (Ok(info), Some(block)) = (&check.result, doc.code_blocks.get(check.block)) else {
            continue;
        };
        for left_out in crate::mermaid::not_drawn(&block.code, info.kind) {
            found.extend(finding(doc, block, left_out));
        }
    }
    found
}

fn finding(doc: &Document<'_>, block: &CodeBlock, left_out: NotDrawn) -> Option<Diagnostic> {
    let line = super::mermaid::diagram_line(doc, block, left_out.line, Some(left_out.column))?;
    let span = match left_out.width {
        0 => line,
        width => {
            let text = doc.source.text.get(line.clone())?;
            let end = text
                .char_indices()
                .nth(width)
                .map_or(line.end, |(at, _)| line.start + at);
            line.start..end
        }
    };
    let diagnostic = Diagnostic::new(
        RuleId::MermaidNotDrawn,
        &doc.source.rel_path,
        span,
        left_out.message,
    )
    .label(left_out.label)
    .help(left_out.help);
    Some(if left_out.is_note {
        diagnostic.severity(Severity::Note)
    } else {
        diagnostic
    })
}
