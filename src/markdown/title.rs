//! The title block at the top of an episode: the H1, an optional subtitle, the header lines
//! (`**Duration**: 45 minutes`) and the rule under them.
//!
//! [`find`] is the only place that decides what the block is. The episode's metadata is read
//! from its header lines, and the page shows the whole block in its header card and leaves it
//! out of the body, so both always agree. Only blocks that look like a header are taken; the
//! first block that does not ends the title block, so no content is ever lost:
//! - the H1 must come first (after the front matter);
//! - a heading right under it is the subtitle when a header block follows it;
//! - otherwise a paragraph whose first line is wholly bold and whose other lines are header
//!   lines gives the subtitle (`**Systems in Production - A Workshop**`);
//! - then come blocks made only of header lines, and a rule ends the block. Such a block is a
//!   paragraph (one field per line, or several on a line: `**Series:** P | **Duration:** 45
//!   min`), a list whose every item is a header line (`- **Duration:** 45 min`), or a quote
//!   made of header lines (`> **Duration:** 45 min`).

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::markdown::Document;

/// What the title block holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TitleBlock {
    /// Event indices it covers.
    pub events: Range<usize>,
    /// The subtitle under the H1 ("Systems in Production - A Hands-on Workshop").
    pub subtitle: Option<String>,
    /// The header lines, in order.
    pub header_lines: Vec<HeaderLine>,
}

/// One `**Key**: value` line of the title block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderLine {
    /// "Duration".
    pub key: String,
    /// "3 hours".
    pub value: String,
}

/// The title block of `doc`, whose events are `events`, when it starts with an H1 (after its
/// front matter). [`crate::markdown::parse`] keeps it as [`Document::title`].
pub(crate) fn find(doc: &Document<'_>, events: &[(Event<'_>, Range<usize>)]) -> Option<TitleBlock> {
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
    let mut block = TitleBlock::default();
    let mut end = block_end(events, start);
    if let Some(heading) = doc
        .headings
        .get(1)
        .filter(|h| h.event_index == end && h.level > 1)
    {
        let after = block_end(events, end);
        if header_block(doc, events, after).is_some() {
            block.subtitle = Some(heading.text.clone());
            end = after;
        }
    }
    if block.subtitle.is_none()
        && let Some((subtitle, lines)) = bold_subtitle(doc, events, end)
    {
        block.subtitle = Some(subtitle);
        block.header_lines = lines;
        end = block_end(events, end);
    }
    while let Some(lines) = header_block(doc, events, end) {
        let is_rule = matches!(events.get(end), Some((Event::Rule, _)));
        block.header_lines.extend(lines);
        end = block_end(events, end);
        if is_rule {
            break;
        }
    }
    block.events = start..end;
    Some(block)
}

/// `**Key**: value`, `**Key:** value`, `*Key: value*` (or with `_`) → `(key, value)`, both
/// trimmed and non-empty, the key at most 40 characters.
pub fn header_line(line: &str) -> Option<(&str, &str)> {
    header_parts(line).map(|(key, value, _)| (key, value))
}

/// [`header_line`]'s key and value, and the text after the emphasis when the value is inside
/// it (`**Duration: 45 min** (approx.)` → `(approx.)`; empty otherwise).
fn header_parts(line: &str) -> Option<(&str, &str, &str)> {
    let line = line.trim();
    let (marker, body) = ["**", "__", "*", "_"]
        .into_iter()
        .find_map(|m| line.strip_prefix(m).map(|body| (m, body)))?;
    let close = body.find(marker)?;
    let inside = &body[..close];
    let after = &body[close + marker.len()..];
    let (key, value, trailing) = match inside.split_once(':') {
        Some((k, v)) if v.trim().is_empty() => (k, after, ""),
        Some((k, v)) => (k, v, after),
        None => (inside, after.trim_start().strip_prefix(':')?, ""),
    };
    let key = key.trim();
    let value = value.trim().trim_end_matches(['*', '_']).trim();
    (!key.is_empty() && key.chars().count() <= 40 && !value.is_empty()).then_some((
        key,
        value,
        trailing.trim(),
    ))
}

/// Index just past the block starting at `index`.
fn block_end(events: &[(Event<'_>, Range<usize>)], index: usize) -> usize {
    let mut depth = 0usize;
    for (offset, (event, _)) in events[index..].iter().enumerate() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 {
            return index + offset + 1;
        }
    }
    events.len()
}

/// A paragraph whose first line is wholly bold (`**Systems in Production - A Workshop**`)
/// and whose other lines are header lines: the bold line is a subtitle.
fn bold_subtitle(
    doc: &Document<'_>,
    events: &[(Event<'_>, Range<usize>)],
    index: usize,
) -> Option<(String, Vec<HeaderLine>)> {
    let Some((Event::Start(Tag::Paragraph), span)) = events.get(index) else {
        return None;
    };
    let text = doc.source.text.get(span.clone())?;
    let mut lines = text.lines().map(str::trim);
    let first = lines.next()?;
    let inner = first.strip_prefix("**")?.strip_suffix("**")?;
    let is_plain_bold = !inner.trim().is_empty() && !inner.contains("**") && !inner.ends_with(':');
    if !is_plain_bold {
        return None;
    }
    let mut header_lines = Vec::new();
    for line in lines {
        header_lines.extend(line_fields(line)?);
    }
    Some((inner.trim().to_owned(), header_lines))
}

/// The keys the episode's metadata is read from (see [`crate::course::metadata`]),
/// lowercase. A list or a quote under the title is a header block only when it holds nothing
/// else, or when a rule closes it: a glossary (`- **Cache hit:** …`) or a callout (`>
/// **Note:** …`) right under the title is content.
pub(crate) const METADATA_KEYS: &[&str] = &[
    "series",
    "series name",
    "episode",
    "episode number",
    "episode no",
    "episode no.",
    "episode #",
    "duration",
    "total runtime",
    "runtime",
    "length",
    "estimated time",
    "estimated duration",
    "reading time",
    "difficulty",
    "level",
    "skill level",
    "target audience",
    "audience",
    "prerequisites",
    "prerequisite",
    "prereqs",
    "summary",
    "date",
    "published",
    "release date",
    "publication date",
    "tags",
    "keywords",
];

/// A rule (no lines), or a paragraph, list or quote whose every line is made of header lines
/// (its header lines, in order). A list or a quote must hold only [`METADATA_KEYS`], or be
/// followed by a rule.
fn header_block(
    doc: &Document<'_>,
    events: &[(Event<'_>, Range<usize>)],
    index: usize,
) -> Option<Vec<HeaderLine>> {
    let (event, span) = events.get(index)?;
    let marker: fn(&str) -> Option<&str> = match event {
        Event::Rule => return Some(Vec::new()),
        Event::Start(Tag::Paragraph) => |line| Some(line),
        Event::Start(Tag::List(_)) => strip_list_marker,
        Event::Start(Tag::BlockQuote(_)) => strip_quote_marker,
        _ => return None,
    };
    let mut lines = Vec::new();
    // A list's or a quote's blank lines (between its items, or `>` alone) hold nothing.
    let blank = |line: &str| line.is_empty() || line == ">";
    for line in doc.source.text.get(span.clone())?.lines().map(str::trim) {
        if !blank(line) {
            lines.extend(line_fields(marker(line)?.trim())?);
        }
    }
    let is_paragraph = matches!(event, Event::Start(Tag::Paragraph));
    let only_metadata = lines
        .iter()
        .all(|l| METADATA_KEYS.contains(&l.key.to_lowercase().as_str()));
    let closed_by_rule = matches!(events.get(block_end(events, index)), Some((Event::Rule, _)));
    (!lines.is_empty() && (is_paragraph || only_metadata || closed_by_rule)).then_some(lines)
}

/// The text of a list item's line after its bullet or number (`- `, `* `, `+ `, `1. `, `1) `).
fn strip_list_marker(line: &str) -> Option<&str> {
    if let Some(rest) = line.strip_prefix(['-', '*', '+']) {
        return rest.starts_with(char::is_whitespace).then_some(rest);
    }
    let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
    let digits = line.len() - rest.len();
    let rest = rest.strip_prefix(['.', ')'])?;
    ((1..=9).contains(&digits) && rest.starts_with(char::is_whitespace)).then_some(rest)
}

/// The text of a quote's line after its `>` (a line without one continues the line above).
fn strip_quote_marker(line: &str) -> Option<&str> {
    Some(line.strip_prefix('>').unwrap_or(line))
}

/// Every header line written on `line`: one (`**Series:** P`), or several, each after a
/// separator (`**Series:** P | **Episode:** 3 · **Duration:** 45 min`, `<br>` between them
/// too). `None` when the line is not made only of header lines.
fn line_fields(line: &str) -> Option<Vec<HeaderLine>> {
    let mut fields = Vec::new();
    for piece in split_at_line_breaks(line) {
        let mut rest = piece.trim();
        loop {
            let Some((end, next)) = next_field(rest) else {
                fields.push(parse_line(rest)?);
                break;
            };
            fields.push(parse_line(rest[..end].trim_end())?);
            rest = &rest[next..];
        }
    }
    Some(fields)
}

/// `line` cut at its hard line breaks (`<br>`, `<br/>`, `<br />`, any case, and a backslash
/// at its end), without empty pieces.
fn split_at_line_breaks(line: &str) -> Vec<&str> {
    let line = line.trim_end();
    let line = line.strip_suffix('\\').unwrap_or(line);
    let lower = line.to_ascii_lowercase();
    let mut pieces = Vec::new();
    let (mut start, mut from) = (0, 0);
    while let Some(found) = lower[from..].find("<br") {
        let at = from + found;
        match lower[at..].find('>').map(|close| at + close) {
            Some(close) if matches!(lower[at + 3..close].trim(), "" | "/") => {
                pieces.push(&line[start..at]);
                start = close + 1;
                from = close + 1;
            }
            _ => from = at + 3,
        }
    }
    pieces.push(&line[start..]);
    pieces.retain(|piece| !piece.trim().is_empty());
    pieces
}

/// What may stand between two header lines written on one line (a hyphen only with spaces
/// around it).
const FIELD_SEPARATORS: &[char] = &['|', '·', '•', ',', ';', '/', '—', '–', '-'];

/// Where on `line` its first field ends and the next starts: at a separator followed by a
/// header line (`| **Duration:** 45 min`). `None` when no other field follows.
fn next_field(line: &str) -> Option<(usize, usize)> {
    line.char_indices().skip(1).find_map(|(at, c)| {
        if !FIELD_SEPARATORS.contains(&c) {
            return None;
        }
        let after_at = at + c.len_utf8();
        let after = &line[after_at..];
        let starts = after.trim_start();
        if c == '-' && (!line[..at].ends_with(' ') || !after.starts_with(' ')) {
            return None;
        }
        let next = after_at + after.len() - starts.len();
        (starts.starts_with(['*', '_']) && header_parts(starts).is_some()).then_some((at, next))
    })
}

fn parse_line(line: &str) -> Option<HeaderLine> {
    header_parts(line).map(|(key, value, trailing)| HeaderLine {
        key: key.to_owned(),
        value: if trailing.is_empty() {
            value.to_owned()
        } else {
            format!("{value} {trailing}")
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn title_of(text: &str) -> Option<TitleBlock> {
        let source = SourceFile::from_string("t.md", text);
        crate::markdown::parse(&source).title
    }

    fn keys(block: &TitleBlock) -> Vec<&str> {
        block.header_lines.iter().map(|l| l.key.as_str()).collect()
    }

    #[test]
    fn legacy_header_lines_and_subtitle_are_the_title_block() {
        let block = title_of(
            "# Episode 3: Retries\n## Production Series - Workshop\n\n**Series**: P  \n**Episode**: 3\n\n---\n\n## Summary\n\nText.\n",
        )
        .unwrap();
        assert_eq!(
            block.subtitle.as_deref(),
            Some("Production Series - Workshop")
        );
        assert_eq!(keys(&block), ["Series", "Episode"]);
        assert_eq!(block.header_lines[1].value, "3");
    }

    #[test]
    fn regression_a_subtitle_heading_without_the_word_series_keeps_its_header_lines() {
        let block = title_of(
            "# Episode 4: Caching\n## A Hands-on Workshop\n\n**Duration**: 45 minutes  \n**Difficulty**: Advanced  \n**Format**: Workshop\n\n---\n\n## Intro\n",
        )
        .unwrap();
        assert_eq!(block.subtitle.as_deref(), Some("A Hands-on Workshop"));
        assert_eq!(keys(&block), ["Duration", "Difficulty", "Format"]);
    }

    #[test]
    fn a_section_right_under_the_title_is_kept() {
        let block = title_of("# Title\n\n## Introduction\n\nWords here.\n").unwrap();
        assert_eq!(block.subtitle, None);
        assert_eq!(block.events, 0..3);
    }

    #[test]
    fn a_bold_line_under_the_title_is_a_subtitle() {
        let block = title_of(
            "# Episode 6: Data\n**Production Series - Workshop**\n*Total Runtime: 180 minutes*\n\n---\n\n## Summary\n",
        )
        .unwrap();
        assert_eq!(
            block.subtitle.as_deref(),
            Some("Production Series - Workshop")
        );
        assert_eq!(
            block.events.end, 13,
            "the paragraph and the rule belong to the title block"
        );
        assert_eq!(
            block.header_lines,
            [HeaderLine {
                key: "Total Runtime".into(),
                value: "180 minutes".into()
            }]
        );
    }

    #[test]
    fn a_bold_sentence_with_prose_after_it_is_kept() {
        let block = title_of("# Title\n**Important** read this first.\n").unwrap();
        assert_eq!(block.subtitle, None);
        assert!(block.header_lines.is_empty());
    }

    #[test]
    fn header_lines_after_prose_are_not_the_title_block() {
        let block = title_of("# Title\n\nAn introduction.\n\n**Duration**: 1 hour\n").unwrap();
        assert!(block.header_lines.is_empty());
    }

    #[test]
    fn no_h1_first_means_no_title_block() {
        assert!(title_of("Intro.\n\n# Title\n").is_none());
    }

    #[test]
    fn header_line_forms() {
        assert_eq!(header_line("**Key**: value"), Some(("Key", "value")));
        assert_eq!(header_line("**Key:** value  "), Some(("Key", "value")));
        assert_eq!(header_line("*Key: value*"), Some(("Key", "value")));
        assert_eq!(header_line("_Key: value_"), Some(("Key", "value")));
        assert_eq!(header_line("**Key**:"), None);
        assert_eq!(header_line("**Bold** with: colon"), None);
        assert_eq!(header_line("**:"), None);
        assert_eq!(header_line("**:**"), None);
    }

    fn fields(block: &TitleBlock) -> Vec<(&str, &str)> {
        block
            .header_lines
            .iter()
            .map(|l| (l.key.as_str(), l.value.as_str()))
            .collect()
    }

    #[test]
    fn header_lines_written_as_a_list_are_the_title_block() {
        for bullet in ["-", "*", "+", "1."] {
            let block = title_of(&format!(
                "# Episode 3: Retries\n\n{bullet} **Series:** Production\n{bullet} **Duration:** 45 minutes\n\n---\n\n## Intro\n"
            ))
            .unwrap();
            assert_eq!(
                fields(&block),
                [("Series", "Production"), ("Duration", "45 minutes")],
                "bullet {bullet}"
            );
            assert_eq!(
                block.events.end, 18,
                "the list and the rule belong to the block"
            );
        }
    }

    #[test]
    fn a_list_with_one_item_that_is_not_a_header_line_is_content() {
        let block = title_of(
            "# Episode 3: Retries\n\n- **Series:** Production\n- Read the previous episode first.\n\n## Intro\n",
        )
        .unwrap();
        assert!(block.header_lines.is_empty());
        assert_eq!(block.events.end, 3, "the list stays in the body");
        let block = title_of("# T\n\n- **Series:** P\n  with a second line\n").unwrap();
        assert!(block.header_lines.is_empty());
    }

    #[test]
    fn header_lines_written_as_a_quote_are_the_title_block() {
        let block = title_of(
            "# Episode 4: Caching\n\n> **Series:** Production\n> **Episode Number:** 4\n>\n> **Duration:** 30 minutes\n\n## Intro\n",
        )
        .unwrap();
        assert_eq!(
            fields(&block),
            [
                ("Series", "Production"),
                ("Episode Number", "4"),
                ("Duration", "30 minutes")
            ]
        );
        let callout = title_of("# T\n\n> [!NOTE]\n> **Duration:** 30 minutes\n").unwrap();
        assert!(callout.header_lines.is_empty(), "a callout is content");
    }

    #[test]
    fn several_header_lines_on_one_line_are_each_read() {
        for line in [
            "**Series:** Production | **Episode:** 5 | **Duration:** 30 minutes",
            "**Series:** Production · **Episode:** 5 · **Duration:** 30 minutes",
            "**Series**: Production — **Episode**: 5, **Duration**: 30 minutes",
            "**Series:** Production<br>**Episode:** 5<BR/>**Duration:** 30 minutes",
            "**Series:** Production / **Episode:** 5|**Duration:** 30 minutes",
            "**Series: Production** | **Episode: 5** | **Duration: 30 minutes**",
            "*Series: Production* · *Episode: 5* · *Duration: 30 minutes*",
        ] {
            let block = title_of(&format!("# Caching\n\n{line}\n\n## Intro\n")).unwrap();
            assert_eq!(
                fields(&block),
                [
                    ("Series", "Production"),
                    ("Episode", "5"),
                    ("Duration", "30 minutes")
                ],
                "{line}"
            );
        }
        // Bold words without a colon are part of the value; a trailing dash or comma of the
        // last value is kept; a bold key inside a value without a separator before it is
        // part of the value too.
        let block = title_of("# T\n\n**Level:** **Hard** mode, A-\n").unwrap();
        assert_eq!(fields(&block), [("Level", "**Hard** mode, A-")]);
        let block =
            title_of("# T\n\n**Prerequisites:** Read **Episode 2:** Caching first\n").unwrap();
        assert_eq!(
            fields(&block),
            [("Prerequisites", "Read **Episode 2:** Caching first")]
        );
        let block = title_of("# T\n\n**Duration: 45 min** (approx.)\n").unwrap();
        assert_eq!(fields(&block), [("Duration", "45 min (approx.)")]);
    }

    #[test]
    fn a_glossary_a_callout_or_steps_under_the_title_stay_in_the_body() {
        for body in [
            "- **Cache hit:** the answer came from the cache\n- **Cache miss:** it did not\n",
            "> **Note:** This episode was recorded in 2023.\n",
            "1. **Install:** run `pip install x`\n2. **Run:** `x --help`\n",
            "- **Sequence:** an ordered list\n- **Series:** the sum of its terms\n",
            "## Key terms\n\n- **Cache hit:** from the cache\n- **Cache miss:** not\n",
        ] {
            let block = title_of(&format!("# Episode 1: Caching\n\n{body}\n## Next\n")).unwrap();
            assert!(block.header_lines.is_empty(), "{body}");
            assert_eq!(block.subtitle, None, "{body}");
            assert_eq!(block.events.end, 3, "{body}: stays in the body");
        }
    }

    #[test]
    fn a_list_of_other_keys_closed_by_a_rule_is_the_title_block() {
        let block = title_of(
            "# Episode 1: Caching\n\n- **Format:** Workshop\n- **Duration:** 30 min\n\n---\n\n## Intro\n",
        )
        .unwrap();
        assert_eq!(
            fields(&block),
            [("Format", "Workshop"), ("Duration", "30 min")]
        );
    }

    #[test]
    fn a_bold_subtitle_is_followed_by_header_lines_of_any_form() {
        let block = title_of(
            "# Episode 6: Data\n**Systems in Production**\n**Series:** Production | **Duration:** 30 min<br>\n**Level:** Hard\\\n",
        )
        .unwrap();
        assert_eq!(block.subtitle.as_deref(), Some("Systems in Production"));
        assert_eq!(
            fields(&block),
            [
                ("Series", "Production"),
                ("Duration", "30 min"),
                ("Level", "Hard")
            ]
        );
    }

    #[test]
    fn hard_line_breaks_are_not_part_of_the_value() {
        let block = title_of(
            "# T\n\n**Series:** Production\\\n**Duration:** 30 minutes<br>\n**Level:** Hard<BR />\n",
        )
        .unwrap();
        assert_eq!(
            fields(&block),
            [
                ("Series", "Production"),
                ("Duration", "30 minutes"),
                ("Level", "Hard")
            ]
        );
    }

    #[test]
    fn no_panic_on_tricky_input() {
        for input in crate::text::tricky::inputs() {
            let _ = header_line(&input);
            let _ = title_of(&input);
            let _ = title_of(&format!("# T\n{input}\n"));
            let _ = title_of(&format!("# T\n## S\n\n{input}\n"));
        }
    }
}
