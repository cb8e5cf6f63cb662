//! The parse-once [`Document`]: the blocks found among a file's events.
//!
//! [`crate::markdown::parse`] runs pulldown-cmark over a whole file (front matter included,
//! recognised as a metadata block) and records, while walking its events, the title block,
//! headings, code blocks, list items, paragraphs, tables, links and comments: what checks read.
//! The events themselves are not kept, since every document lives for the whole build; the
//! page and the search sections ask [`Document::events`] for them while they are made, and
//! every `event_index` recorded here indexes into them. Content problems found while parsing (an unterminated fence) become
//! diagnostics on the document.
//!
//! List items and paragraphs, the most numerous blocks (over a million of each on a course of
//! 10,200 episodes), keep their offsets as `u32` behind accessors that give `usize` back. A
//! course file read from disk has at most [`crate::source::MAX_FILE_BYTES`] bytes, so its
//! offsets fit unless decoding made its text longer than that (a damaged file); from the
//! first of these blocks whose offsets do not fit, the walk records none (see
//! [`crate::markdown::parse`]).

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use crate::diagnostic::Diagnostic;
use crate::markdown::front_matter::FrontMatter;
use crate::markdown::title::TitleBlock;
use crate::mermaid::DiagramKind;
use crate::source::SourceFile;

/// A parsed Markdown file.
#[derive(Debug)]
pub struct Document<'s> {
    /// The file this document was parsed from.
    pub source: &'s SourceFile,
    /// Its title block, when it starts with an H1 (see [`crate::markdown::title`]).
    pub title: Option<TitleBlock>,
    /// Its raw HTML (whole blocks and inline tags) that holds a comment opener (`<!--`), with
    /// the span of each, in order: what comment directives are read from.
    pub html_comments: Vec<(CowStr<'s>, Range<usize>)>,
    /// The `<`s of its raw HTML that the page shows as text, in order: a comment never
    /// closed, an element read as text never closed, a tag naming no element
    /// ([`crate::markdown::raw_html`]).
    pub shown_html: Vec<crate::markdown::raw_html::Shown>,
    /// Front matter (YAML or TOML): its text, the span of that text, and its format.
    pub front_matter: Option<FrontMatter<'s>>,
    /// Headings in order, with unique anchors.
    pub headings: Vec<Heading>,
    /// Code blocks (fenced and indented) in order.
    pub code_blocks: Vec<CodeBlock<'s>>,
    /// List items in order (nested items follow their parent). Read by the checks only: a
    /// build empties it once they are done ([`crate::pipeline::ParsedFiles::release_checked`]).
    /// On a text past 4 GiB, only those closed before the first that does not fit in `u32`
    /// offsets (see [`crate::markdown::parse`]).
    pub list_items: Vec<ListItem>,
    /// Top-level-ish paragraphs (not inside list items or tables), in order. Read by the
    /// checks only, like `list_items`, and past 4 GiB cut short like them.
    pub paragraphs: Vec<Paragraph>,
    /// The plain text of every paragraph and list item, one after another; each holds the
    /// range of its own ([`Self::text_of`]). One buffer rather than a string each: a long
    /// course has hundreds of thousands of them, and a build lets go of them in one piece.
    pub block_text: String,
    /// Tables in order.
    pub tables: Vec<Table>,
    /// Links and images in order.
    pub links: Vec<Link>,
    /// Words of the rendered text (see [`crate::markdown::words`]): headings, paragraphs,
    /// lists, table cells, link text and image alt text; not code (fenced or inline), front
    /// matter, URLs, HTML tags or comments.
    pub words: usize,
    /// Problems found while parsing.
    pub diagnostics: Vec<Diagnostic>,
}

/// A document's parser events, each with its byte range in the file, in order.
pub type Events<'s> = Vec<(Event<'s>, Range<usize>)>;

impl<'s> Document<'s> {
    /// Its events, parsed again from its text: the same events [`crate::markdown::parse`]
    /// walked, so every `event_index` in the document indexes into them. A document does not
    /// keep them (a course's events take about twice the room of its text, and every document
    /// lives for the whole build): an episode's page and its search sections each parse them
    /// again while they are made, which costs less than holding them.
    pub fn events(&self) -> Events<'s> {
        crate::markdown::walker::events(self.source)
    }

    /// Whether the page shows a `<` of the event at `event_index` (raw HTML) as text.
    pub fn is_shown_as_text(&self, event_index: usize) -> bool {
        let shown = &self.shown_html;
        shown
            .get(shown.partition_point(|s| s.event_index < event_index))
            .is_some_and(|s| s.event_index == event_index)
    }

    /// The text at `range` of [`Self::block_text`]: a paragraph's or list item's.
    pub fn text_of(&self, range: &Range<usize>) -> &str {
        self.block_text.get(range.clone()).unwrap_or_default()
    }

    /// Gives back the room its lists grew into while the file was walked: a course's
    /// documents all live until its checks are done, and a list grown by doubling is on
    /// average a quarter empty. Every field is named, so a new one is not forgotten.
    ///
    /// Each list and string is moved to an allocation of its exact size, rather than shrunk
    /// with `shrink_to_fit`: mimalloc shrinks a block in place when the new size is at least
    /// half the old one, and keeps the whole block. With the copy, `episode lint` on the
    /// generated 10,200-episode course peaks at 1.61 GB rather than 1.69 GB.
    pub(crate) fn shrink_to_fit(&mut self) {
        /// `v` in an allocation of its length, the old one freed.
        fn exact<T>(v: &mut Vec<T>) {
            let mut fresh = Vec::with_capacity(v.len());
            fresh.append(v);
            *v = fresh;
        }
        let Document {
            source: _,
            title,
            html_comments,
            shown_html,
            front_matter: _,
            headings,
            code_blocks,
            list_items,
            paragraphs,
            block_text,
            tables,
            links,
            words: _,
            diagnostics,
        } = self;
        if let Some(title) = title {
            exact(&mut title.header_lines);
        }
        exact(html_comments);
        exact(shown_html);
        exact(headings);
        for heading in headings.iter_mut() {
            heading.text = heading.text.as_str().to_owned();
        }
        exact(code_blocks);
        for block in code_blocks.iter_mut() {
            if let Cow::Owned(code) = &mut block.code {
                *code = code.as_str().to_owned();
            }
        }
        exact(list_items);
        exact(paragraphs);
        *block_text = block_text.as_str().to_owned();
        exact(tables);
        for table in tables.iter_mut() {
            exact(&mut table.rows);
            for row in &mut table.rows {
                exact(row);
            }
        }
        exact(links);
        exact(diagnostics);
    }

    /// The bold text a list item starts with, if it does.
    pub fn lead_of(&self, item: &ListItem) -> Option<&str> {
        item.lead_strong().map(|lead| self.text_of(&lead))
    }

    /// The events of its title block (none without one): shown in the page's header card,
    /// so left out of the body and of the search sections.
    pub fn title_events(&self) -> Range<usize> {
        self.title.as_ref().map_or(0..0, |t| t.events.clone())
    }
}

/// A heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Plain text of the heading (inline markup removed).
    pub text: String,
    /// Unique anchor on the page.
    pub id: String,
    /// Span of the whole heading.
    pub span: Range<usize>,
    /// Index of its `Start(Heading)` event in [`Document::events`].
    pub event_index: usize,
}

/// A code block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock<'s> {
    /// The first word of the info string, lowercased (`python`, `mermaid`, `metrics`), if any;
    /// `mermaid` for the other ways of writing a diagram's fence (```` ```{mermaid} ````,
    /// ```` ```{.mermaid} ````, ```` ```mmd ````; see [`crate::markdown::fence_info`]).
    pub lang: Option<String>,
    /// The whole info string as written.
    pub info: String,
    /// The code, without the fences: borrowed from the file when it is the file's own bytes
    /// (a fence at the top level), a copy otherwise.
    pub code: Cow<'s, str>,
    /// Span of the whole block, fences included.
    pub span: Range<usize>,
    /// Byte offset where the code starts (the line after the opening fence).
    pub code_start: usize,
    /// Whether the block has a closing fence (always true for indented blocks).
    pub closed: bool,
    /// For a ```` ```mermaid ```` block, its diagram type (`None` when the type is unknown, and
    /// for other blocks).
    pub diagram: Option<DiagramKind>,
    /// Index of its `Start(CodeBlock)` event.
    pub event_index: usize,
}

impl CodeBlock<'_> {
    /// The caption its info string gives after the language: `title="app.py"`,
    /// `title='app.py'` or `title=app.py` (as Docusaurus, MkDocs and others write it); `None`
    /// without one, or with an empty one. An unclosed quote runs to the end of the string.
    pub(crate) fn title(&self) -> Option<&str> {
        let rest = self.info.trim_start();
        let rest = &rest[rest.find(char::is_whitespace)?..];
        let at = rest.match_indices("title=").map(|(at, _)| at).find(|&at| {
            rest[..at].ends_with(|c: char| c.is_whitespace() || c == ',' || c == '{')
        })?;
        let value = &rest[at + "title=".len()..];
        let title = match value.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let value = &value[1..];
                &value[..value.find(quote).unwrap_or(value.len())]
            }
            _ => {
                &value[..value
                    .find(|c: char| c.is_whitespace() || c == ',' || c == '}')
                    .unwrap_or(value.len())]
            }
        };
        let title = title.trim();
        (!title.is_empty()).then_some(title)
    }

    /// Whether the reader can run it on the page: a JavaScript fence whose info string has the
    /// word `run` after the language (```` ```js run ````, ```` ```javascript run ````), the
    /// way a metrics fence takes `chart=bar`.
    pub(crate) fn runnable(&self) -> bool {
        matches!(self.lang.as_deref(), Some("js" | "javascript"))
            && self
                .info
                .split(|c: char| c.is_whitespace() || c == ',')
                .skip(1)
                .any(|word| word == "run")
    }
}

/// A list item. Its offsets are kept as `u32` (see [`ListItem::new`]): a long course has over
/// a million list items, and this takes half the room a `usize` each would.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    span: Range<u32>,
    list: u32,
    lead_strong: Option<Range<u32>>,
    text: Range<u32>,
    /// Nesting depth, held at `u16::MAX` for deeper lists (no file nests that far in earnest).
    depth: u16,
    task: Task,
}

/// Whether a list item is a task (`- [ ] …`, `- [x] …`), and whether its box is ticked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Task {
    /// A plain item.
    #[default]
    None,
    /// `- [ ] …`: to do.
    Open,
    /// `- [x] …`: done, by its author's word.
    Ticked,
}

impl ListItem {
    /// A list item at `span` of the file, `depth` lists deep (0 for a top-level list), in the
    /// list numbered `list`, whose own text is `text` of [`Document::block_text`] and whose
    /// leading bold text, when it starts with some, is `lead_strong` there. `None` when an
    /// offset does not fit in a `u32`, which only a text past 4 GiB brings (see
    /// [`crate::markdown::parse`]); a depth past `u16::MAX` is held there.
    pub(crate) fn new(
        span: Range<usize>,
        depth: usize,
        list: usize,
        lead_strong: Option<Range<usize>>,
        text: Range<usize>,
    ) -> Option<Self> {
        let lead_strong = match lead_strong {
            Some(lead) => Some(narrow(lead)?),
            None => None,
        };
        Some(Self {
            span: narrow(span)?,
            depth: u16::try_from(depth).unwrap_or(u16::MAX),
            list: u32::try_from(list).ok()?,
            lead_strong,
            text: narrow(text)?,
            task: Task::None,
        })
    }

    /// The same item, as the task it is (or not).
    pub(crate) fn with_task(self, task: Task) -> Self {
        Self { task, ..self }
    }

    /// Whether it is a task, and whether its box is ticked.
    pub(crate) fn task(&self) -> Task {
        self.task
    }

    /// Span of the item in the file.
    pub(crate) fn span(&self) -> Range<usize> {
        widen(&self.span)
    }

    /// Nesting depth: 0 for a top-level list.
    pub(crate) fn depth(&self) -> usize {
        usize::from(self.depth)
    }

    /// Index of the list this item belongs to (items of one list share it).
    pub(crate) fn list(&self) -> usize {
        self.list as usize
    }

    /// When the item's text starts with bold text: that bold text, in
    /// [`Document::block_text`] ([`Document::lead_of`] reads it).
    pub(crate) fn lead_strong(&self) -> Option<Range<usize>> {
        self.lead_strong.as_ref().map(widen)
    }

    /// The item's own text (nested lists excluded), inline markup removed, in
    /// [`Document::block_text`].
    pub(crate) fn text(&self) -> Range<usize> {
        widen(&self.text)
    }
}

/// A paragraph outside lists and tables. Its offsets are kept as `u32`, like a
/// [`ListItem`]'s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    span: Range<u32>,
    text: Range<u32>,
    is_bold_label: bool,
}

impl Paragraph {
    /// A paragraph at `span` of the file, whose plain text is `text` of
    /// [`Document::block_text`]. `None` when an offset does not fit in a `u32`, like
    /// [`ListItem::new`].
    pub(crate) fn new(span: Range<usize>, text: Range<usize>, is_bold_label: bool) -> Option<Self> {
        Some(Self {
            span: narrow(span)?,
            text: narrow(text)?,
            is_bold_label,
        })
    }

    /// Span of the paragraph in the file.
    pub(crate) fn span(&self) -> Range<usize> {
        widen(&self.span)
    }

    /// Plain text, in [`Document::block_text`].
    pub(crate) fn text(&self) -> Range<usize> {
        widen(&self.text)
    }

    /// True when the whole paragraph is one bold run (a "label line" like `**The Numbers:**`).
    pub(crate) fn is_bold_label(&self) -> bool {
        self.is_bold_label
    }
}

// A `u32` offset always fits in a `usize` here, so widening one never loses anything.
const _: () = assert!(usize::BITS >= u32::BITS);

/// `range` with `u32` ends, when both fit.
fn narrow(range: Range<usize>) -> Option<Range<u32>> {
    Some(u32::try_from(range.start).ok()?..u32::try_from(range.end).ok()?)
}

/// `range` with `usize` ends again.
fn widen(range: &Range<u32>) -> Range<usize> {
    range.start as usize..range.end as usize
}

/// A GFM table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Span of the table.
    pub span: Range<usize>,
    /// Header cells, plain text.
    pub header: Vec<String>,
    /// Body rows, plain text per cell.
    pub rows: Vec<Vec<String>>,
}

/// A link or image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Destination as written.
    pub dest: String,
    /// Span of the link.
    pub span: Range<usize>,
    /// True for images.
    pub is_image: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::RuleId;
    use crate::markdown::parse;

    fn doc_of(text: &str) -> Document<'static> {
        let source = Box::leak(Box::new(SourceFile::from_string("t.md", text)));
        parse(source)
    }

    #[test]
    fn a_byte_order_mark_does_not_hide_the_title_or_the_front_matter() {
        let doc = doc_of("\u{FEFF}# Episode 1: Gossip\n\nText.\n");
        assert_eq!(doc.headings[0].level, 1);
        assert_eq!(doc.headings[0].text, "Episode 1: Gossip");
        assert_eq!(
            doc.headings[0].span.start, 3,
            "offsets stay offsets into the file"
        );
        assert_eq!(
            &doc.source.text[doc.headings[0].span.clone()],
            "# Episode 1: Gossip\n"
        );
        let doc = doc_of("\u{FEFF}---\ntitle: A\n---\n# T\n");
        let front = doc.front_matter.as_ref().expect("front matter");
        let (yaml, span) = (front.text, &front.span);
        assert_eq!(yaml, "title: A\n");
        assert_eq!(&doc.source.text[span.clone()], "title: A\n");
    }

    #[test]
    fn a_parsed_document_keeps_no_spare_room() {
        let mut text = String::from("# T\n\n");
        for i in 0..40 {
            text.push_str(&format!(
                "Para {i}.\n\n- item {i}\n\n| a | b |\n|---|---|\n| {i} | x |\n\n> ```sh\n> ls {i}\n> ```\n\n"
            ));
        }
        let doc = doc_of(&text);
        assert_eq!(doc.paragraphs.capacity(), doc.paragraphs.len());
        assert_eq!(doc.list_items.capacity(), doc.list_items.len());
        assert_eq!(doc.block_text.capacity(), doc.block_text.len());
        assert_eq!(doc.code_blocks.capacity(), doc.code_blocks.len());
        assert_eq!(doc.tables.capacity(), doc.tables.len());
        assert!(doc.tables.iter().all(|t| t.rows.capacity() == t.rows.len()));
        assert!(doc.code_blocks.iter().all(|b| match &b.code {
            Cow::Owned(code) => code.capacity() == code.len(),
            Cow::Borrowed(_) => true,
        }));
        assert!(doc.paragraphs.len() >= 40 && doc.code_blocks.len() == 40);
    }

    #[test]
    fn the_events_parsed_again_are_the_ones_the_blocks_point_into() {
        let doc = doc_of(
            "---\ntitle: A\n---\n# T\n\n- item\n\n  ```js\n  x\n  ```\n\n## Next\n\n```python\ny\n```\n",
        );
        let events = doc.events();
        for heading in &doc.headings {
            assert!(matches!(
                events[heading.event_index],
                (Event::Start(pulldown_cmark::Tag::Heading { .. }), ref span) if *span == heading.span
            ));
        }
        for block in &doc.code_blocks {
            assert!(matches!(
                events[block.event_index],
                (Event::Start(pulldown_cmark::Tag::CodeBlock(_)), ref span) if *span == block.span
            ));
        }
        assert_eq!(doc.code_blocks.len(), 2);
    }

    #[test]
    fn top_level_code_borrows_the_file_and_indented_code_is_a_copy_without_the_indent() {
        let doc = doc_of(
            "# T\n\n```python\nx = 1\n\n  y = 2\n```\n\n- item\n\n  ```js\n  a();\n  b();\n  ```\n\n> ```sh\n> ls\n> ```\n\n```\n```\n",
        );
        let codes: Vec<(&str, bool)> = doc
            .code_blocks
            .iter()
            .map(|b| (&*b.code, matches!(b.code, Cow::Borrowed(_))))
            .collect();
        assert_eq!(
            codes,
            [
                ("x = 1\n\n  y = 2\n", true),
                ("a();\nb();\n", false),
                ("ls\n", false),
                ("", true),
            ]
        );
    }

    #[test]
    fn hash_lines_inside_fences_are_code_not_headings() {
        let doc = doc_of("# Title\n\n```python\n# a comment\nx = 1\n```\n\n## Next\n");
        let texts: Vec<_> = doc.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, ["Title", "Next"]);
        assert_eq!(doc.code_blocks[0].lang.as_deref(), Some("python"));
        assert_eq!(doc.code_blocks[0].code, "# a comment\nx = 1\n");
    }

    #[test]
    fn only_javascript_fences_with_the_word_run_are_runnable() {
        let doc = doc_of(
            "# T\n\n```js run\n1\n```\n\n```javascript, run\n1\n```\n\n```JS run\n1\n```\n\n```js\n1\n```\n\n```python run\n1\n```\n\n```js running\n1\n```\n\n```run\n1\n```\n",
        );
        let runnable: Vec<bool> = doc.code_blocks.iter().map(CodeBlock::runnable).collect();
        assert_eq!(runnable, [true, true, true, false, false, false, false]);
    }

    #[test]
    fn a_fence_title_attribute_is_its_caption() {
        let doc = doc_of(
            "# T\n\n```python title=\"app.py\"\n1\n```\n\n```rust {title='src/main.rs', linenos}\n1\n```\n\n```go title=main.go\n1\n```\n\n```python\n1\n```\n\n```title=\"x\"\n1\n```\n\n```js subtitle=\"no\" title=\"\"\n1\n```\n\n```sh title=\"open quote\n1\n```\n",
        );
        let titles: Vec<Option<&str>> = doc.code_blocks.iter().map(CodeBlock::title).collect();
        assert_eq!(
            titles,
            [
                Some("app.py"),
                Some("src/main.rs"),
                Some("main.go"),
                None,
                None,
                None,
                Some("open quote")
            ]
        );
    }

    #[test]
    fn front_matter_is_captured_with_its_span() {
        let doc = doc_of("---\ntitle: A\n---\n# H\n");
        let front = doc.front_matter.clone().unwrap();
        assert_eq!(front.text, "title: A\n");
        assert_eq!(&doc.source.text[front.span], "title: A\n");
        assert_eq!(front.format, crate::markdown::front_matter::Format::Yaml);
        let doc = doc_of("+++\ntitle = \"A\"\n+++\n# H\n");
        let front = doc.front_matter.clone().unwrap();
        assert_eq!(front.text, "title = \"A\"\n");
        assert_eq!(front.format, crate::markdown::front_matter::Format::Toml);
    }

    /// The number of thematic breaks (`<hr>` on the page) among a document's events.
    fn rules_in(doc: &Document<'_>) -> usize {
        let events = doc.events();
        events
            .iter()
            .filter(|(e, _)| matches!(e, Event::Rule))
            .count()
    }

    #[test]
    fn a_block_shaped_like_front_matter_further_down_is_a_rule_a_heading_and_a_rule() {
        for text in [
            "# T\n\nText.\n\n---\ntitle: B\n---\n\nMore.\n",
            "---\ntitle: A\n---\n# T\n\nText.\n\n---\ntitle: B\n---\n\nMore.\n",
        ] {
            let doc = doc_of(text);
            let front = doc.front_matter.as_ref().map(|f| f.text);
            assert!(front.is_none_or(|f| f == "title: A\n"), "{front:?}");
            let texts: Vec<_> = doc
                .headings
                .iter()
                .map(|h| (h.level, h.text.as_str()))
                .collect();
            assert_eq!(texts, [(1, "T"), (2, "title: B")], "{text:?}");
            assert_eq!(rules_in(&doc), 1, "{text:?}");
        }
        // Inside a quote or after a paragraph alike.
        let doc = doc_of("# T\n\n> ---\n> title: B\n> ---\n");
        assert!(doc.front_matter.is_none());
        assert_eq!(rules_in(&doc), 1);
        let doc = doc_of("# T\n\n+++\ntitle = \"B\"\n+++\n");
        assert!(doc.front_matter.is_none());
        assert_eq!(doc.paragraphs.len(), 1);
    }

    #[test]
    fn an_empty_front_matter_is_front_matter_and_not_two_rules() {
        for text in [
            "---\n---\n# T\n\nText.\n",
            "+++\r\n+++  \r\n# T\n",
            "---\n...\n# T\n",
        ] {
            let doc = doc_of(text);
            assert_eq!(rules_in(&doc), 0, "{text:?}");
            assert_eq!(doc.headings[0].text, "T", "{text:?}");
            assert_eq!(
                doc.title_events().start,
                2,
                "{text:?}: the title follows the front matter"
            );
        }
        // Two rules with a blank line between them are two rules, as they were.
        assert_eq!(rules_in(&doc_of("---\n\n---\n# T\n")), 2);
    }

    #[test]
    fn an_html_comment_never_closed_is_reported_at_its_opening_line() {
        let doc = doc_of("# T\n\nIntro.\n\n<!-- TODO\n\n## Hidden\n\n```python\nx = 1\n```\n");
        let rules: Vec<RuleId> = doc.diagnostics.iter().map(|d| d.rule).collect();
        assert_eq!(rules, [RuleId::UnterminatedComment]);
        assert_eq!(doc.source.line_col(doc.diagnostics[0].span.start).line, 5);
        for closed in [
            "# T\n\n<!-- a note -->\n\nText.\n",
            "# T\n\n<!--\nline one\n\nline two\n-->\n\nText.\n",
            "# T\n\n<!-->\n\nText.\n",
        ] {
            assert!(doc_of(closed).diagnostics.is_empty(), "{closed}");
        }
        // A comment left open inside a block that HTML ends at a blank line hides the rest
        // of the page all the same: the browser looks for `-->`, not for the block's end.
        let in_div = doc_of("# T\n\n<div>\n<!-- inside a div\n</div>\n\nText.\n");
        assert_eq!(in_div.diagnostics.len(), 1);
        assert_eq!(in_div.diagnostics[0].rule, RuleId::UnterminatedComment);
        assert_eq!(
            in_div
                .source
                .line_col(in_div.diagnostics[0].span.start)
                .line,
            4
        );
    }

    #[test]
    fn a_fence_with_a_language_inside_an_open_block_is_reported_at_its_line() {
        let at = |text: &str| -> Vec<(usize, usize)> {
            let doc = doc_of(text);
            doc.diagnostics
                .iter()
                .filter(|d| d.rule == RuleId::FenceInCode)
                .map(|d| {
                    let at = doc.source.line_col(d.span.start);
                    (at.line, at.column)
                })
                .collect()
        };
        let forgot = "# T\n\n```\noutput\n\n## Next\n\n```mermaid\nflowchart LR\n  A --> B\n```\n";
        assert_eq!(at(forgot), vec![(8, 1)]);
        let in_item = "# T\n\n- step\n\n  ```python\n  x = 1\n\n  ```bash\n  echo\n  ```\n";
        assert_eq!(at(in_item), vec![(8, 3)]);
        let in_quote = "# T\n\n> ```js\n> let a = 1;\n> ```ts\n> ```\n";
        assert_eq!(at(in_quote), vec![(5, 3)]);
        // A longer outer fence, tildes, a bare closing fence, a shorter inner fence and a
        // fence indented as code are ways to show fences on purpose.
        for fine in [
            "# T\n\n````markdown\n```python\nprint(1)\n```\n````\n",
            "# T\n\n~~~markdown\n```python\nprint(1)\n```\n~~~\n",
            "# T\n\n```python\nprint(1)\n```\n\n```bash\necho\n```\n",
            "# T\n\n```markdown\n        ```python\n```\n",
        ] {
            assert_eq!(at(fine), vec![], "{fine}");
        }
    }

    #[test]
    fn unterminated_fence_is_reported_at_its_opening_line() {
        let doc = doc_of("# T\n\n```rust\nfn main() {}\n");
        assert!(!doc.code_blocks[0].closed);
        assert_eq!(doc.diagnostics.len(), 1);
        assert_eq!(doc.diagnostics[0].rule, RuleId::UnterminatedFence);
        assert_eq!(doc.source.line_col(doc.diagnostics[0].span.start).line, 3);
        assert!(
            doc.diagnostics[0].help[0].contains("a closing ``` line"),
            "{:?}",
            doc.diagnostics[0].help
        );
        let long = doc_of(&format!("# T\n\n{}python\nprint(1)\n", "`".repeat(30_000)));
        let help = &long.diagnostics[0].help[0];
        assert!(help.contains("at least 30000 backquotes"), "{help}");
        assert!(help.len() < 100, "{help}");
    }

    #[test]
    fn regression_a_fence_closed_inside_a_block_quote_is_closed() {
        let doc = doc_of(
            "# T\n\n> ```sh\n> ls\n> ```\n\n- item\n\n  > > ```sh\n  > > pwd\n  > > ```\n\n> ```sh\n> never closed\n\nafter\n",
        );
        let closed: Vec<bool> = doc.code_blocks.iter().map(|b| b.closed).collect();
        assert_eq!(closed, [true, true, false]);
        assert_eq!(doc.diagnostics.len(), 1);
        assert_eq!(doc.source.line_col(doc.diagnostics[0].span.start).line, 13);
    }

    #[test]
    fn bold_label_items_and_label_lines_are_recorded() {
        let doc = doc_of(
            "**The Numbers:**\n\n- **Latency**: 12 ms\n- **Hit rate:** 93%\n  - nested 1\n- plain\n",
        );
        assert!(doc.paragraphs[0].is_bold_label());
        let leads: Vec<_> = doc.list_items.iter().map(|i| doc.lead_of(i)).collect();
        assert_eq!(leads, [Some("Latency"), Some("Hit rate:"), None, None]);
        let texts: Vec<_> = doc
            .list_items
            .iter()
            .map(|i| doc.text_of(&i.text()))
            .collect();
        assert_eq!(
            texts,
            ["Latency: 12 ms", "Hit rate: 93%", "nested 1", "plain"]
        );
        assert_eq!(doc.text_of(&doc.paragraphs[0].text()), "The Numbers:");
        assert_eq!(doc.list_items[2].depth(), 1);
    }

    #[test]
    fn list_items_and_paragraphs_give_back_the_offsets_they_were_made_with() {
        let doc = doc_of("Intro **line**.\n\n- **Lead**: one\n  - two\n- three\n\n1. four\n");
        let spans: Vec<&str> = doc
            .list_items
            .iter()
            .map(|i| &doc.source.text[i.span()])
            .collect();
        assert_eq!(
            spans,
            [
                "- **Lead**: one\n  - two\n",
                "- two\n",
                "- three\n\n",
                "1. four\n"
            ]
        );
        let shape: Vec<(usize, usize)> = doc
            .list_items
            .iter()
            .map(|i| (i.depth(), i.list()))
            .collect();
        assert_eq!(shape, [(0, 0), (1, 1), (0, 0), (0, 2)]);
        assert_eq!(doc.lead_of(&doc.list_items[0]), Some("Lead"));
        assert_eq!(
            &doc.source.text[doc.paragraphs[0].span()],
            "Intro **line**.\n"
        );
        assert!(!doc.paragraphs[0].is_bold_label());
    }

    #[test]
    fn offsets_past_a_u32_are_refused_not_cut_short() {
        let past = u32::MAX as usize + 1;
        let last = u32::MAX as usize;
        assert!(ListItem::new(0..last, 0, 0, Some(0..1), 1..last).is_some());
        assert!(ListItem::new(0..past, 0, 0, None, 0..1).is_none());
        assert!(ListItem::new(0..1, 0, 0, Some(0..past), 0..1).is_none());
        assert!(ListItem::new(0..1, 0, 0, None, past..past).is_none());
        let deep = ListItem::new(0..1, past, 0, None, 0..1).expect("a depth is held, not refused");
        assert_eq!(deep.depth(), usize::from(u16::MAX));
        assert!(ListItem::new(0..1, 0, past, None, 0..1).is_none());
        let item = ListItem::new(last - 1..last, 3, 7, Some(5..9), 5..last).expect("fits");
        assert_eq!(
            (
                item.span(),
                item.depth(),
                item.list(),
                item.lead_strong(),
                item.text()
            ),
            (last - 1..last, 3, 7, Some(5..9), 5..last)
        );
        assert!(Paragraph::new(0..past, 0..1, false).is_none());
        assert!(Paragraph::new(0..1, 0..past, false).is_none());
        let paragraph = Paragraph::new(2..last, 0..last, true).expect("fits");
        assert_eq!(
            (
                paragraph.span(),
                paragraph.text(),
                paragraph.is_bold_label()
            ),
            (2..last, 0..last, true)
        );
    }

    /// Builds a text of over 4 GiB: about 4.2 GB of memory and a few seconds.
    #[test]
    fn a_text_past_4_gib_records_list_items_and_paragraphs_up_to_the_first_past_it() {
        let line = format!("{}\n", "x".repeat((1 << 20) - 1));
        let mut text = String::with_capacity((4 << 30) + (2 << 20));
        text.push_str("Intro.\n\n- before\n\n```\n");
        for _ in 0..4096 {
            text.push_str(&line);
        }
        text.push_str("```\n\n- after\n\nLast paragraph.\n\n# After\n");
        assert!(text.len() > u32::MAX as usize);
        let source = SourceFile::from_string("t.md", text);
        let doc = parse(&source);
        let items: Vec<&str> = doc
            .list_items
            .iter()
            .map(|i| doc.text_of(&i.text()))
            .collect();
        assert_eq!(items, ["before"]);
        assert_eq!(doc.paragraphs.len(), 1);
        assert_eq!(doc.block_text, "Intro.before");
        // The other blocks are recorded as usual, with `usize` offsets.
        assert_eq!(doc.code_blocks.len(), 1);
        assert!(doc.code_blocks[0].closed);
        assert_eq!(doc.headings.len(), 1);
        assert!(doc.headings[0].span.start > u32::MAX as usize);
        // And the stop is reported where it happened, at the first item past it.
        let stops: Vec<usize> = doc
            .diagnostics
            .iter()
            .filter(|d| d.rule == RuleId::UnreadableFile)
            .map(|d| d.span.start)
            .collect();
        assert_eq!(stops.len(), 1);
        assert_eq!(&source.text[stops[0]..stops[0] + 7], "- after");
    }

    #[test]
    fn list_items_and_paragraphs_take_half_the_room_of_usize_offsets() {
        assert!(std::mem::size_of::<ListItem>() <= 36);
        assert!(std::mem::size_of::<Paragraph>() <= 20);
    }

    #[test]
    fn tasks_are_told_from_plain_items_and_ticked_from_open() {
        let doc = doc_of(
            "- [x] Done\n  - [ ] Open child\n- Plain [x]\n\n1. [X] Loose\n\n   Second paragraph\n",
        );
        let tasks: Vec<Task> = doc.list_items.iter().map(ListItem::task).collect();
        assert_eq!(tasks, [Task::Ticked, Task::Open, Task::None, Task::Ticked]);
    }

    #[test]
    fn mermaid_blocks_record_their_diagram_type() {
        let doc = doc_of(
            "```mermaid\n%% note\nsequenceDiagram\n A->>B: x\n```\n\n```mermaid\ngraf TD\n```\n\n```text\ngraph TD\n```\n",
        );
        let kinds: Vec<_> = doc.code_blocks.iter().map(|b| b.diagram).collect();
        assert_eq!(kinds, [Some(DiagramKind::Sequence), None, None]);
    }

    #[test]
    fn words_count_the_rendered_text_only() {
        let doc = doc_of(concat!(
            "---\ntitle: Front matter words do not count\n---\n",
            "# Episode 1: Queues\n\n",
            "A **20**,000-word script, [link text](https://example.com/a-long-url) and\n",
            "![alt words](img/diagram-one.png) with `inline code` <https://auto.example/x>.\n\n",
            "| Metric | Value |\n|---|---|\n| p99 latency | 120 ms |\n\n",
            "```python\ndef not_counted(): return 1\n```\n\n",
            "```metrics\nitems:\n  - label: Hidden\n    value: 1\n```\n\n",
            "<details><summary>Show it</summary>\n\nAnswer here.\n\n</details>\n",
            "<!-- episode-lint: allow too-few-words -->\n",
        ));
        // Episode 1 Queues (3) · A 20,000-word script link text and (6) · alt words with (3)
        // · Metric Value p99 latency 120 ms (6) · Show it (2) · Answer here (2)
        assert_eq!(doc.words, 22);
    }

    #[test]
    fn tables_keep_header_and_cells() {
        let doc = doc_of("| a | b |\n|---|---|\n| x | 1 ms |\n");
        assert_eq!(doc.tables[0].header, ["a", "b"]);
        assert_eq!(
            doc.tables[0].rows,
            [vec!["x".to_owned(), "1 ms".to_owned()]]
        );
    }
}
