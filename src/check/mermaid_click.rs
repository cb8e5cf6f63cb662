//! `mermaid-click`: `click` directives in Mermaid diagrams that cannot work on the built page.
//!
//! Diagrams are drawn at build time without Mermaid's script, and a node's link
//! (`click A "#anchor"`, `click A href "https://…"`) becomes a real link on the drawn node.
//! Two forms cannot: a URL that runs code (`javascript:`, `vbscript:`, `data:`), which the
//! drawing drops, and a callback (`click A call fn()`, `click A fn`), which needs a script the
//! offline site does not have. Each is reported at its line and column in the Markdown file.
//!
//! The other links are the document's links too ([`crate::markdown::diagram_links`]): a relative one
//! (`click A "other-episode.md"`) is checked like any link of the page (`broken-link`,
//! `missing-file`), and the page rewrites it to the page or file it leads to.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, RuleId};
use crate::markdown::diagram_links::{Target, lines, runs_code, target};
use crate::markdown::{CodeBlock, Document};
use crate::pipeline::Parsed;

/// Every unusable `click` in the course's episodes and recommendation documents.
pub(crate) fn check(parsed: &Parsed<'_>) -> Vec<Diagnostic> {
    parsed
        .docs
        .iter()
        .chain(&parsed.enhancement_docs)
        .copied()
        .flat_map(document)
        .collect()
}

/// The unusable `click` directives of one document.
pub(crate) fn document(doc: &Document<'_>) -> Vec<Diagnostic> {
    doc.code_blocks
        .iter()
        .filter(|b| b.lang.as_deref() == Some("mermaid"))
        .flat_map(|block| block_findings(doc, block))
        .collect()
}

/// What is wrong with one `click` line.
#[derive(Debug, PartialEq, Eq)]
enum Problem {
    /// A URL that would run code, at this byte range of the line.
    ScriptUrl(Range<usize>),
    /// A callback, from this byte to the end of the line.
    Callback(Range<usize>),
}

fn block_findings(doc: &Document<'_>, block: &CodeBlock) -> Vec<Diagnostic> {
    lines(doc, block)
        .filter_map(|(offset, line)| Some(finding(doc, offset, problem(line)?)))
        .collect()
}

fn finding(doc: &Document<'_>, line_start: usize, problem: Problem) -> Diagnostic {
    let path = &doc.source.rel_path;
    match problem {
        Problem::ScriptUrl(range) => Diagnostic::new(
            RuleId::MermaidClick,
            path,
            line_start + range.start..line_start + range.end,
            "a `click` link that runs a script is never kept in the drawn diagram",
        )
        .label("this URL would run code when the node is clicked")
        .help("link to a heading (`click A \"#anchor\"`), another page or an `https://` address"),
        Problem::Callback(range) => Diagnostic::new(
            RuleId::MermaidClick,
            path,
            line_start + range.start..line_start + range.end,
            "a `click` callback needs Mermaid's script, which the offline site does not load",
        )
        .label("this function is never called")
        .help(
            "make the node a link instead: `click A \"#anchor\"` or `click A href \"https://…\"`",
        ),
    }
}

/// The problem with a diagram line, if it is a `click` directive that cannot work.
fn problem(line: &str) -> Option<Problem> {
    match target(line)? {
        Target::Url(url) => runs_code(&line[url.clone()]).then_some(Problem::ScriptUrl(url)),
        Target::Callback(callback) => Some(Problem::Callback(callback)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_fine_and_script_urls_and_callbacks_are_problems() {
        assert_eq!(problem("    click A \"#numbers\" \"Tip\""), None);
        assert_eq!(problem("click A href \"https://example.com\" _blank"), None);
        assert_eq!(problem("click A \"../next.html\""), None);
        assert_eq!(problem("clickable --> B"), None);
        assert_eq!(problem("%% click A call f()"), None);
        assert_eq!(
            problem("  click B \"javascript:alert(1)\""),
            Some(Problem::ScriptUrl(11..30))
        );
        assert_eq!(
            problem("click B href \" JavaScript:x\""),
            Some(Problem::ScriptUrl(14..27))
        );
        assert_eq!(
            problem("click C call alert()"),
            Some(Problem::Callback(8..20))
        );
        assert_eq!(problem("click C onNode"), Some(Problem::Callback(8..14)));
        assert_eq!(problem("click C"), None);
    }
}
