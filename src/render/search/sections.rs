//! An episode's text cut at its headings: what the search index points readers to.
//!
//! Read from the [`Document`]'s events ([`Document::events`]). The part before the
//! first heading is a section without an anchor (it links to the page itself). Diagram
//! sources, raw HTML (but for a tag shown as text, `<String>` of `List<String>`) and front
//! matter are left out; code samples and metrics stay in, since
//! readers search for an API name or a number as often as for a word of prose. A calculator or
//! simulator counts by what the reader sees of it (its title, labels, units and note), not by
//! its YAML and formulas.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::tokens::skip_plain_ascii;
use crate::markdown::Document;
use crate::markdown::html::skip_to_end;

/// One section of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    /// The heading's text ("" for the part before the first heading).
    pub(crate) title: String,
    /// The heading's anchor ("" for the part before the first heading).
    pub(crate) anchor: String,
    /// Plain text, whitespace collapsed.
    pub(crate) text: String,
}

/// The sections of `doc`, read from its `events` ([`Document::events`]), leaving out the
/// events in `skip` (the page's title block).
pub(crate) fn sections<'s>(
    doc: &Document<'s>,
    events: &[(Event<'s>, Range<usize>)],
    skip: &Range<usize>,
) -> Vec<Section> {
    let headings: HashMap<usize, usize> = doc
        .headings
        .iter()
        .enumerate()
        .map(|(i, h)| (h.event_index, i))
        .collect();
    let diagrams: Vec<usize> = doc
        .code_blocks
        .iter()
        .filter(|b| b.lang.as_deref() == Some("mermaid"))
        .map(|b| b.event_index)
        .collect();
    let calculators: HashMap<usize, String> = doc
        .code_blocks
        .iter()
        .filter(|b| matches!(b.lang.as_deref(), Some("calculator" | "simulator")))
        .map(|b| {
            (
                b.event_index,
                crate::markdown::calculator::reader_text(&b.code),
            )
        })
        .collect();
    let mut out = vec![Section {
        title: String::new(),
        anchor: String::new(),
        text: String::new(),
    }];
    let mut index = 0;
    while let Some((event, _)) = events.get(index) {
        if skip.contains(&index) {
            index += 1;
            continue;
        }
        let text = &mut out.last_mut().expect("never empty").text;
        index = match event {
            Event::Start(Tag::Heading { .. }) => match headings.get(&index) {
                Some(&h) => {
                    let heading = &doc.headings[h];
                    out.push(Section {
                        title: heading.text.clone(),
                        anchor: heading.id.clone(),
                        text: String::new(),
                    });
                    skip_to_end(events, index)
                }
                None => index + 1,
            },
            Event::Start(Tag::CodeBlock(_)) if diagrams.binary_search(&index).is_ok() => {
                skip_to_end(events, index)
            }
            Event::Start(Tag::CodeBlock(_)) if calculators.contains_key(&index) => {
                push_words(text, " ");
                push_words(text, &calculators[&index]);
                push_words(text, " ");
                skip_to_end(events, index)
            }
            Event::Start(Tag::MetadataBlock(_)) => skip_to_end(events, index),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                push_words(text, t);
                index + 1
            }
            Event::InlineHtml(t) if doc.is_shown_as_text(index) => {
                push_words(text, t);
                index + 1
            }
            Event::End(end) if is_inline(end) => index + 1,
            Event::SoftBreak | Event::HardBreak | Event::End(_) => {
                push_words(text, " ");
                index + 1
            }
            _ => index + 1,
        };
    }
    if out[0].text.is_empty() && out.len() > 1 {
        out.remove(0);
    }
    out
}

/// Whether the end of `end` continues the same run of words (emphasis, links).
fn is_inline(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// Appends `words` to `text`, collapsing runs of whitespace to one space (none at the start
/// of the text, nor after a space it already ends with).
///
/// Words separated by one space are copied as they are, in one piece with their spaces: only
/// a run to rewrite (longer than one space, another whitespace character, or a space the text
/// may not take) cuts the copy.
fn push_words(text: &mut String, words: &str) {
    // `words[copied..]` is still to be copied; whitespace is looked for from `at`.
    let mut copied = 0;
    let mut at = 0;
    while let Some((start, width)) = next_whitespace(words, at) {
        let mut end = start + width;
        while let Some(width) = whitespace_at(words, end) {
            end += width;
        }
        let after_word = start > copied || !(text.is_empty() || text.ends_with(' '));
        if !(after_word && &words[start..end] == " ") {
            text.push_str(&words[copied..start]);
            if !(text.is_empty() || text.ends_with(' ')) {
                text.push(' ');
            }
            copied = end;
        }
        at = end;
    }
    text.push_str(&words[copied..]);
}

/// The byte offset and length of the first whitespace character of `text` at or after `at`
/// (a character boundary).
///
/// Eight bytes at a time are skipped while none of them could start whitespace (every
/// whitespace character starts with a byte up to `0x20` or from `0x80`); the others are
/// read one at a time, decoding only non-ASCII characters.
fn next_whitespace(text: &str, mut at: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    loop {
        at = skip_plain_ascii(bytes, at);
        let chunk_end = (at + 8).min(bytes.len());
        while at < chunk_end {
            let byte = bytes[at];
            if byte.is_ascii() {
                if matches!(byte, b'\t'..=b'\r' | b' ') {
                    return Some((at, 1));
                }
                at += 1;
            } else {
                let c = text[at..].chars().next()?;
                if c.is_whitespace() {
                    return Some((at, c.len_utf8()));
                }
                at += c.len_utf8();
            }
        }
        if at >= bytes.len() {
            return None;
        }
    }
}

/// The length of the whitespace character at `at`, if one starts there.
fn whitespace_at(text: &str, at: usize) -> Option<usize> {
    let c = text.get(at..)?.chars().next()?;
    c.is_whitespace().then(|| c.len_utf8())
}

/// `text` cut to at most `max` bytes, at a character boundary.
pub(crate) fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn sections_of(markdown: &str) -> Vec<Section> {
        let source = SourceFile::from_string("e.md", markdown);
        let doc = crate::markdown::parse(&source);
        sections(&doc, &doc.events(), &(0..0))
    }

    #[test]
    fn text_is_cut_at_headings_and_diagrams_are_left_out() {
        let found = sections_of(
            "Intro *words*.\n\n## Caching at the edge\n\nHit ratio `99.5%`.\n\n```mermaid\nflowchart LR\n  Secret --> Box\n```\n\n```python\ncache.get(key)\n```\n\n### Deeper\n\n- one\n- two\n",
        );
        let shape: Vec<(&str, &str, &str)> = found
            .iter()
            .map(|s| (s.title.as_str(), s.anchor.as_str(), s.text.trim_end()))
            .collect();
        assert_eq!(
            shape,
            [
                ("", "", "Intro words."),
                (
                    "Caching at the edge",
                    "caching-at-the-edge",
                    "Hit ratio 99.5%. cache.get(key)"
                ),
                ("Deeper", "deeper", "one two"),
            ]
        );
    }

    #[test]
    fn a_calculator_is_indexed_by_its_title_and_labels_not_its_formulas() {
        let found = sections_of(
            "## Sizing\n\nBefore.\n\n```calculator\ntitle: Queue sizing\ninputs:\n  - name: rate\n    label: Arrival rate\n    min: 0\n    max: 9\noutputs:\n  - label: In flight\n    formula: rate * 2\n```\n\nAfter.\n",
        );
        assert_eq!(
            found[0].text.trim_end(),
            "Before. Queue sizing Arrival rate In flight After."
        );
    }

    #[test]
    fn a_page_that_starts_with_a_heading_has_no_empty_first_section() {
        let found = sections_of("## Only\n\nText\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].anchor, "only");
    }

    proptest::proptest! {
        /// Any text appended to any text is what its definition says, character by character.
        #[test]
        fn appended_words_collapse_whitespace_as_defined(
            before in "[a \\t]{0,3}",
            words in "([a-z.]{0,5}|[a-zA-Z0-9 ]{8,30}|[ \\t\\n\\r\\x0B\\x0C\\x1F]|\u{a0}|\u{85}|\u{2003}|\u{3000}|é|日){0,12}"
        ) {
            let mut expected = before.clone();
            for c in words.chars() {
                if !c.is_whitespace() {
                    expected.push(c);
                } else if !expected.is_empty() && !expected.ends_with(' ') {
                    expected.push(' ');
                }
            }
            let mut text = before;
            push_words(&mut text, &words);
            proptest::prop_assert_eq!(text, expected);
        }
    }

    #[test]
    fn truncation_never_splits_a_character() {
        assert_eq!(truncate("aéb", 2), "a");
        assert_eq!(truncate("abc", 10), "abc");
    }
}
