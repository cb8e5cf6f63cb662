//! The links of a document's Mermaid diagrams: each `click NODE "url"` (or
//! `click NODE href "url"`) whose URL runs no code.
//!
//! The drawn node is a real link, so such a link is a link of the page: the link checks read
//! it with the document's other links (`broken-link`, `missing-file`), the build copies a file
//! it names, and the page rewrites it to the page or file it leads to, as it does a Markdown
//! link. `check::mermaid_click` reports the `click` directives that cannot work.

use std::ops::Range;

use crate::markdown::document::Link;
use crate::markdown::{CodeBlock, Document};

/// The link of each `click` of the document's diagrams that does not run code, as a link at
/// its URL (`click A "../02-next/episode.md#part"`, `click B href "slides.pdf"`): the link
/// checks read them with the document's other links, and the page rewrites them the same way.
pub(crate) fn links(doc: &Document<'_>) -> Vec<Link> {
    doc.code_blocks
        .iter()
        .filter(|b| b.lang.as_deref() == Some("mermaid"))
        .flat_map(|block| lines(doc, block))
        .filter_map(|(offset, line)| match target(line)? {
            Target::Url(url) if !runs_code(&line[url.clone()]) && !url.is_empty() => Some(Link {
                dest: line[url.clone()].to_owned(),
                span: offset + url.start..offset + url.end,
                is_image: false,
            }),
            _ => None,
        })
        .collect()
}

/// Each line of a block's body as written in the file (trailing whitespace dropped), with the
/// offset where it starts.
pub(crate) fn lines<'d>(
    doc: &'d Document<'_>,
    block: &CodeBlock,
) -> impl Iterator<Item = (usize, &'d str)> {
    let text = &doc.source.text;
    let end = block.span.end.min(text.len());
    let start = block.code_start.min(end);
    let body = text.get(start..end).unwrap_or_default();
    body.split_inclusive('\n').scan(start, |offset, line| {
        let at = *offset;
        *offset += line.len();
        Some((at, line.trim_end()))
    })
}

/// What a `click` directive does: follow a URL, or call a function.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A link, at this byte range of the line (inside its quotes).
    Url(Range<usize>),
    /// A callback, from this byte to the end of the line.
    Callback(Range<usize>),
}

/// The target of a diagram line, if it is a `click` directive.
pub(crate) fn target(line: &str) -> Option<Target> {
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
        return Some(Target::Url(url_start..url_end));
    }
    if at >= line.len() || word_end == at {
        return None;
    }
    Some(Target::Callback(at..line.len()))
}

fn skip_space(line: &str, at: usize) -> usize {
    at + (line[at..].len() - line[at..].trim_start().len())
}

/// Whether a URL would run code (browsers ignore whitespace and control characters in it).
pub(crate) fn runs_code(url: &str) -> bool {
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
    fn a_click_link_is_a_link_of_the_document_at_its_url() {
        let text = "# T\n\n```mermaid\nflowchart LR\n  A --> B\n  click A \"02-next.md#part\" \"Tip\"\n  click B href \"javascript:x\"\n  click B call f()\n```\n\n```{mermaid}\ngraph TD\n  click C href \"https://example.com\"\n```\n";
        let source = crate::source::SourceFile::from_string("e.md", text);
        let doc = crate::markdown::parse(&source);
        let found = links(&doc);
        let dests: Vec<&str> = found.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(dests, ["02-next.md#part", "https://example.com"]);
        assert_eq!(&text[found[0].span.clone()], "02-next.md#part");
        assert!(found.iter().all(|l| !l.is_image));
    }
}
