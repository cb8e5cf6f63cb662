//! `mermaid-click`: `click` directives in Mermaid diagrams that cannot work on the built page.
//!
//! Diagrams are drawn at build time without Mermaid's script, and a node's link
//! (`click A "#anchor"`, `click A href "https://…"`) becomes a real link on the drawn node.
//! Two forms cannot: a URL that runs code (`javascript:`, `vbscript:`, `data:`), which the
//! drawing drops, and a callback (`click A call fn()`, `click A fn`), which needs a script the
//! offline site does not have. Each is reported at its line and column in the Markdown file.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, RuleId};
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
    let text = &doc.source.text;
    let end = block.span.end.min(text.len());
    let Some(body) = text.get(block.code_start.min(end)..end) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut offset = block.code_start.min(end);
    for line in body.split_inclusive('\n') {
        if let Some(problem) = problem(line.trim_end()) {
            out.push(finding(doc, offset, problem));
        }
        offset += line.len();
    }
    out
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
    let indent = line.len() - line.trim_start().len();
    let rest = line[indent..].strip_prefix("click")?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let mut at = line.len() - rest.len();
    at = skip_space(line, at);
    // The node id.
    at += line[at..]
        .find(char::is_whitespace)
        .unwrap_or(line.len() - at);
    at = skip_space(line, at);
    let mut word_end = at
        + line[at..]
            .find(|c: char| c.is_whitespace() || c == '(')
            .unwrap_or(line.len() - at);
    if &line[at..word_end] == "href" {
        at = skip_space(line, word_end);
        word_end = at;
    }
    if line[at..].starts_with('"') {
        let url_start = at + 1;
        let url_end = url_start
            + line[url_start..]
                .find('"')
                .unwrap_or(line.len() - url_start);
        let url = &line[url_start..url_end];
        return runs_code(url).then_some(Problem::ScriptUrl(url_start..url_end));
    }
    if at >= line.len() || word_end == at {
        return None;
    }
    Some(Problem::Callback(at..line.len()))
}

fn skip_space(line: &str, at: usize) -> usize {
    at + (line[at..].len() - line[at..].trim_start().len())
}

/// Whether a URL would run code (browsers ignore whitespace and control characters in it).
fn runs_code(url: &str) -> bool {
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| scheme.starts_with(s))
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
