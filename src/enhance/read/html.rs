//! Requests written inside a raw HTML block ("<details><summary>More ideas</summary>" with
//! the Markdown right under it, no blank line between): CommonMark keeps such lines as HTML
//! up to the next blank line, so they are neither headings, list items nor paragraphs, and
//! the reader would pass them over without a word. Each line of an HTML block that asks for a
//! block is a `recommendation-unread` finding at its line, with the way to make it read.
//! HTML blocks with a blank line after their tags hold Markdown, read as any other.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Reader, vocabulary};
use crate::diagnostic::{Diagnostic, RuleId};

/// `- Add a Go sample`, `1. Add …`, `Add …`: a line's words without its list marker.
fn without_list_marker(line: &str) -> &str {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix(['-', '*', '+']) {
        return rest.trim_start();
    }
    let digits = line.trim_start_matches(|c: char| c.is_ascii_digit());
    if digits.len() < line.len()
        && let Some(rest) = digits.strip_prefix(['.', ')'])
    {
        return rest.trim_start();
    }
    line
}

/// Whether a line of an HTML block is a request the reader would read as Markdown: words,
/// not tags, that ask for a block.
fn asks_in_html(line: &str) -> bool {
    let words = without_list_marker(line);
    !words.starts_with('<') && vocabulary::asks_for_a_block_anyhow(words)
}

impl Reader<'_, '_> {
    /// Reports every line of the document's HTML blocks that asks for a block.
    pub(super) fn requests_in_html(&mut self) {
        let source = &self.doc.source.text;
        let mut block: Option<std::ops::Range<usize>> = None;
        let mut lines = Vec::new();
        for (event, range) in self.doc.events() {
            match event {
                Event::Start(Tag::HtmlBlock) => block = Some(range),
                Event::End(TagEnd::HtmlBlock) => block = None,
                Event::Html(_) if block.is_some() => {
                    let text = source.get(range.clone()).unwrap_or("");
                    if asks_in_html(text) {
                        lines.push(range.start);
                    }
                }
                _ => {}
            }
        }
        for at in lines {
            let at = at + (source[at..].len() - source[at..].trim_start().len());
            self.out.diagnostics.push(
                Diagnostic::new(
                    RuleId::RecommendationUnread,
                    &self.doc.source.rel_path,
                    at..at,
                    "this request is inside a raw HTML block (such as `<details>`), so it is not read as Markdown and not checked",
                )
                .help("leave a blank line after the opening tags (`<summary>…</summary>`) and before the closing one (`</details>`), so the Markdown between them is read"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_that_ask_for_a_block_are_requests_and_tags_are_not() {
        for line in [
            "- Add a Go code sample of the retry budget.",
            "1. Add a metrics block with the retry rate.",
            "Add a flowchart of the half-open probe.",
        ] {
            assert!(asks_in_html(line), "{line}");
        }
        for line in [
            "<summary>Add a Go sample</summary>",
            "<details>",
            "The retry section reads well.",
            "- Episode 3 notes",
        ] {
            assert!(!asks_in_html(line), "{line}");
        }
    }
}
