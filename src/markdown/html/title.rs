//! The title block at the top of an episode: the H1, an optional subtitle, the bold header
//! lines (`**Duration**: 45 minutes`) and the rule under them.
//!
//! The page shows all of that in its header card, so the body leaves it out. Only blocks that
//! look like a header are taken; the first block that does not ends the title block, so no
//! content is ever lost.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::markdown::Document;

/// What the title block holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TitleBlock {
    /// Event indices it covers.
    pub events: Range<usize>,
    /// The subtitle heading right under the H1 ("Pattern Mastery Series - Premium Deep Dive").
    pub subtitle: Option<String>,
}

/// The title block, when the document starts with an H1 (after its front matter).
pub fn find(doc: &Document<'_>) -> Option<TitleBlock> {
    let events = &doc.events;
    let start = events.iter().position(|(e, _)| {
        !matches!(
            e,
            Event::Start(Tag::MetadataBlock(_))
                | Event::End(TagEnd::MetadataBlock(_))
                | Event::Text(_)
        )
    })?;
    doc.headings
        .first()
        .filter(|h| h.event_index == start && h.level == 1)?;
    let mut end = block_end(doc, start);
    let mut subtitle = None;
    if let Some(heading) = doc
        .headings
        .get(1)
        .filter(|h| h.event_index == end && h.level > 1)
    {
        let after = block_end(doc, end);
        if is_header_block(doc, after) {
            subtitle = Some(heading.text.clone());
            end = after;
        }
    }
    while is_header_block(doc, end) {
        let is_rule = matches!(events.get(end), Some((Event::Rule, _)));
        end = block_end(doc, end);
        if is_rule {
            break;
        }
    }
    Some(TitleBlock {
        events: start..end,
        subtitle,
    })
}

/// Index just past the block starting at `index`.
fn block_end(doc: &Document<'_>, index: usize) -> usize {
    let mut depth = 0usize;
    for (offset, (event, _)) in doc.events[index..].iter().enumerate() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 {
            return index + offset + 1;
        }
    }
    doc.events.len()
}

/// A rule, or a paragraph whose every line is an emphasised `Key: value` line.
fn is_header_block(doc: &Document<'_>, index: usize) -> bool {
    match doc.events.get(index) {
        Some((Event::Rule, _)) => true,
        Some((Event::Start(Tag::Paragraph), span)) => {
            let text = doc.source.text.get(span.clone()).unwrap_or("");
            text.lines().all(|line| {
                let line = line.trim();
                (line.starts_with('*') || line.starts_with('_')) && line.contains(':')
            })
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn title_of(text: &str) -> (Option<TitleBlock>, usize) {
        let source = Box::leak(Box::new(SourceFile::from_string("t.md", text)));
        let doc = crate::markdown::parse(source);
        (find(&doc), doc.events.len())
    }

    #[test]
    fn legacy_header_lines_and_subtitle_are_the_title_block() {
        let (block, _) = title_of(
            "# Episode 13: Gold\n## Pattern Series - Deep Dive\n\n**Series**: P  \n**Episode**: 13\n\n---\n\n## Summary\n\nText.\n",
        );
        let block = block.unwrap();
        assert_eq!(
            block.subtitle.as_deref(),
            Some("Pattern Series - Deep Dive")
        );
    }

    #[test]
    fn a_section_right_under_the_title_is_kept() {
        let (block, _) = title_of("# Title\n\n## Introduction\n\nWords here.\n");
        let block = block.unwrap();
        assert_eq!(block.subtitle, None);
        assert_eq!(block.events, 0..3);
    }

    #[test]
    fn no_h1_first_means_no_title_block() {
        assert!(title_of("Intro.\n\n# Title\n").0.is_none());
    }
}
