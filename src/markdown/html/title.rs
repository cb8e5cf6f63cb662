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
    if subtitle.is_none()
        && let Some(bold) = bold_subtitle(doc, end)
    {
        subtitle = Some(bold);
        end = block_end(doc, end);
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

/// A paragraph whose first line is wholly bold (`**Pattern Mastery Series - Masterclass**`)
/// and whose other lines are header lines: the bold line is a subtitle.
fn bold_subtitle(doc: &Document<'_>, index: usize) -> Option<String> {
    let Some((Event::Start(Tag::Paragraph), span)) = doc.events.get(index) else {
        return None;
    };
    let text = doc.source.text.get(span.clone())?;
    let mut lines = text.lines().map(str::trim);
    let first = lines.next()?;
    let inner = first.strip_prefix("**")?.strip_suffix("**")?;
    let is_plain_bold = !inner.is_empty() && !inner.contains("**") && !inner.ends_with(':');
    (is_plain_bold && lines.all(is_header_line)).then(|| inner.trim().to_owned())
}

fn is_header_line(line: &str) -> bool {
    (line.starts_with('*') || line.starts_with('_')) && line.contains(':')
}

/// A rule, or a paragraph whose every line is an emphasised `Key: value` line.
fn is_header_block(doc: &Document<'_>, index: usize) -> bool {
    match doc.events.get(index) {
        Some((Event::Rule, _)) => true,
        Some((Event::Start(Tag::Paragraph), span)) => {
            let text = doc.source.text.get(span.clone()).unwrap_or("");
            text.lines().map(str::trim).all(is_header_line)
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
    fn a_bold_line_under_the_title_is_a_subtitle() {
        let (block, _) = title_of(
            "# Episode 16: Data\n**Pattern Series - Masterclass**\n*Total Runtime: 180 minutes*\n\n---\n\n## Summary\n",
        );
        let block = block.unwrap();
        assert_eq!(
            block.subtitle.as_deref(),
            Some("Pattern Series - Masterclass")
        );
        assert_eq!(
            block.events.end, 13,
            "the paragraph and the rule belong to the title block"
        );
    }

    #[test]
    fn a_bold_sentence_with_prose_after_it_is_kept() {
        let (block, _) = title_of("# Title\n**Important** read this first.\n");
        assert_eq!(block.unwrap().subtitle, None);
    }

    #[test]
    fn no_h1_first_means_no_title_block() {
        assert!(title_of("Intro.\n\n# Title\n").0.is_none());
    }
}
