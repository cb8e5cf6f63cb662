//! `mermaid-syntax`: every invalid diagram, at its line in the episode (or recommendations) file;
//! `mermaid-render` for a diagram too large to be checked, and for a valid one that cannot be
//! drawn (at the line that stops it), so that lint warns of what the build will not draw.
//!
//! The pipeline has validated each block once ([`crate::mermaid::blocks`]); this turns each
//! failure into a diagnostic. A diagram's line 1 is the line after the opening fence, so the
//! file line is the fence's line plus the diagram line. When the parser gives no line, the
//! diagnostic points at the fence and says so.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, RuleId};
use crate::markdown::html::blocks::fence_line;
use crate::markdown::{CodeBlock, Document};
use crate::mermaid::blocks::DiagramCheck;
use crate::mermaid::{MermaidError, Problem};
use crate::pipeline::Parsed;

/// Every invalid diagram of the course's episodes and recommendation documents.
pub fn check(parsed: &Parsed<'_>) -> Vec<Diagnostic> {
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

/// The invalid diagrams of one document.
pub fn document(doc: &Document<'_>, checks: &[DiagramCheck]) -> Vec<Diagnostic> {
    checks
        .iter()
        .filter_map(|check| {
            let error = check.result.as_ref().err()?;
            let block = doc.code_blocks.get(check.block)?;
            Some(invalid(doc, block, error))
        })
        .collect()
}

fn invalid(doc: &Document<'_>, block: &CodeBlock, error: &MermaidError) -> Diagnostic {
    match error.problem {
        Problem::Invalid => {}
        Problem::OverLimit => return over_limit(doc, block, error),
        Problem::Undrawable => return undrawable(doc, block, error),
    }
    let message = format!("Mermaid diagram is not valid: {}", error.message);
    let help = "the built page shows this diagram as its source until it is fixed; \
                `episode lint --explain mermaid-syntax` says more";
    match error
        .line
        .and_then(|line| diagram_line(doc, block, line, error.column))
    {
        Some(span) => Diagnostic::new(RuleId::MermaidSyntax, &doc.source.rel_path, span, message)
            .label(match error.column {
                Some(_) => "the diagram goes wrong here",
                None => "the diagram goes wrong on this line",
            })
            .help(help),
        None => Diagnostic::new(
            RuleId::MermaidSyntax,
            &doc.source.rel_path,
            fence_line(doc, block),
            message,
        )
        .label("in this diagram (the parser does not say on which line)")
        .help("read the diagram from its first line: the problem can be anywhere in it")
        .help(help),
    }
}

/// `mermaid-render`: a diagram over a size limit is neither checked nor drawn. It is not
/// known to be wrong (mermaid.js may draw it), so it is a warning at the line where it crosses
/// the limit.
fn over_limit(doc: &Document<'_>, block: &CodeBlock, error: &MermaidError) -> Diagnostic {
    let span = error
        .line
        .and_then(|line| diagram_line(doc, block, line, None))
        .unwrap_or_else(|| fence_line(doc, block));
    Diagnostic::new(
        RuleId::MermaidRender,
        &doc.source.rel_path,
        span,
        format!(
            "this Mermaid diagram was neither checked nor drawn: {}",
            error.message
        ),
    )
    .label("the diagram goes over the limit here")
    .help("the built page shows this diagram as its source; `episode lint --explain mermaid-render` says more")
}

/// `mermaid-render`: a valid diagram that cannot be drawn, at the line that stops it. Mermaid
/// accepts it, so it is a warning, as the build's own is.
fn undrawable(doc: &Document<'_>, block: &CodeBlock, error: &MermaidError) -> Diagnostic {
    let located = error
        .line
        .and_then(|line| diagram_line(doc, block, line, error.column));
    let label = match (&located, error.column) {
        (None, _) => "in this diagram",
        (Some(_), Some(_)) => "this stops the drawing",
        (Some(_), None) => "this line stops the drawing",
    };
    Diagnostic::new(
        RuleId::MermaidRender,
        &doc.source.rel_path,
        located.unwrap_or_else(|| fence_line(doc, block)),
        format!("this Mermaid diagram cannot be drawn: {}", error.message),
    )
    .label(label)
    .help("the built page shows this diagram as its source; `episode lint --explain mermaid-render` says more")
}

/// The span of diagram line `line` (1-based) in the file: from `column` (1-based, in
/// characters) to the end of the line, or the whole line without its indentation.
pub(super) fn diagram_line(
    doc: &Document<'_>,
    block: &CodeBlock,
    line: usize,
    column: Option<usize>,
) -> Option<Range<usize>> {
    let text = &doc.source.text;
    let first = doc.source.line_col(block.code_start).line;
    let file_line = first + line.checked_sub(1)?;
    let start = doc.source.line_start(file_line);
    if start >= block.span.end {
        return None;
    }
    let end = doc.source.line_end(start).min(block.span.end);
    let whole = text.get(start..end)?;
    let trimmed_end = start + whole.trim_end().len();
    // The code line as the parser saw it may have lost a container's indentation (a fence in a
    // list item): columns count from where that line starts in the file.
    let code_line = block.code.lines().nth(line - 1).unwrap_or("").trim_end();
    let code_start = if code_line.is_empty() {
        start
    } else {
        whole.find(code_line).map_or(start, |i| start + i)
    };
    let from = match column {
        Some(column) => text[code_start..trimmed_end]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(trimmed_end, |(i, _)| code_start + i),
        None => start + (whole.len() - whole.trim_start().len()),
    };
    Some(from..trimmed_end.max(from))
}
