//! Parsing a file into a [`Document`]: [`parse`] walks pulldown-cmark's offset iterator with a
//! small state struct that has one handler per event kind, recording the blocks as events go by.
//!
//! Inline text is collected for the innermost open block (heading, paragraph, list item, table
//! cell); code is collected for the open code block. Nested list items close before their
//! parents, and are put back in document order.
//!
//! List items and paragraphs keep their offsets (in the file and in the document's block
//! text) as `u32`. A file read from disk has at most [`crate::source::MAX_FILE_BYTES`] bytes,
//! but its text can be longer once decoded (an invalid byte becomes a three-byte U+FFFD), its
//! block text longer still (an item's leading bold text is kept apart as well), and a text
//! made in memory has no bound. Past `u32::MAX`, the walk stops recording list items and
//! paragraphs at the first whose offsets do not fit, says so in an `unreadable-file` finding
//! there, and records the other blocks as usual: no offset is ever cut short, and nothing
//! panics.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{
    CodeBlockKind, Event, HeadingLevel, LinkType, MetadataBlockKind, Options, Parser, Tag, TagEnd,
};

use crate::diagnostic::{Diagnostic, RuleId};
use crate::markdown::document::{
    CodeBlock, Document, Events, Heading, Link, ListItem, Paragraph, Table, Task,
};
use crate::markdown::fence_info;
use crate::markdown::front_matter::{self, Format, FrontMatter};
use crate::markdown::html::footnotes;
use crate::markdown::slug::SlugSet;
use crate::markdown::title;
use crate::markdown::words::{HtmlScan, WordCount};
use crate::markdown::{html_diagrams, raw_html};
use crate::mermaid::DiagramKind;
use crate::source::SourceFile;

/// The Markdown dialect: CommonMark plus GFM tables, footnotes, strikethrough and task lists.
/// Front matter in YAML (`---`) or TOML (`+++`) is read at the start of a file only
/// ([`offset_events`]).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
}

/// [`options`] with front matter: for the front matter block at the start of a file only,
/// since the parser would read a block shaped like one anywhere.
fn front_matter_options() -> Options {
    options()
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// Bytes of Markdown per parser event, about, in prose and code alike.
const BYTES_PER_EVENT: usize = 40;

/// Parses a whole file into a [`Document`]. Every event goes through [`Walker::handle`] and
/// then [`Walker::keep_html`], in the order of [`events`], which is what keeps each recorded
/// `event_index` pointing at its event when a page parses the file again.
///
/// Before the walk, the raw HTML a browser would misread is found ([`raw_html::scan`]), so
/// that what is shown as text counts as text, and the ids the page's footnotes take are
/// reserved, so that no heading takes one.
///
/// List items and paragraphs are recorded up to the first whose offsets do not fit in a `u32`
/// (a text past 4 GiB), and none after it; see the module's documentation.
pub fn parse(source: &SourceFile) -> Document<'_> {
    let events = events(source);
    let mut walker = Walker::new(source);
    let (shown, findings) = raw_html::scan(source, &events);
    walker.doc.shown_html = shown;
    walker.doc.diagnostics = findings;
    walker
        .doc
        .diagnostics
        .extend(html_diagrams::scan(source, &events));
    walker.slugs = SlugSet::for_page(footnotes::ids(events.iter().map(|(event, _)| event)));
    for (index, (event, range)) in events.iter().enumerate() {
        walker.index = index;
        walker.handle(event, range.clone());
        walker.keep_html(event, range);
    }
    walker.events = events;
    walker.finish()
}

/// Every event of a file with its byte range, in order: what [`parse`] walks, so the
/// `event_index` of the blocks it records indexes into them.
pub(crate) fn events(source: &SourceFile) -> Events<'_> {
    // About one event per line of Markdown; reserving for that spares a long episode's
    // event list its repeated copies as it grows.
    let mut events = Vec::with_capacity(source.text.len() / BYTES_PER_EVENT);
    events.extend(offset_events(source));
    events
}

/// The one way a file is read into events, for [`parse`] and [`events`] alike.
///
/// A byte-order mark that starts the file (editors on Windows write one) is not content:
/// read with the text, it would make `# Title` on the first line a paragraph, and front
/// matter not front matter. The parser starts after it; ranges stay offsets into the file.
///
/// Front matter is read at the start of the file only ([`front_matter_events`]); the rest of
/// the file is parsed on its own, where a `---` line, `key: value` lines and a `---` line are a
/// rule, a heading (or paragraph) and a rule, as CommonMark has them.
fn offset_events(source: &SourceFile) -> impl Iterator<Item = (Event<'_>, Range<usize>)> {
    let start = source.content_start();
    let text = &source.text[start..];
    let (front, body_start) = front_matter_events(text);
    let body = Parser::new_ext(&text[body_start..], options())
        .into_offset_iter()
        .map(move |(event, range)| (event, range.start + body_start..range.end + body_start));
    front
        .into_iter()
        .chain(body)
        .map(move |(event, range)| (event, range.start + start..range.end + start))
}

/// The events of the front matter block that starts `text`, if it starts with one, and the
/// length of `text` they cover (0 without one). An empty block (a `---` line and a closing
/// `---` line) is an empty front matter, not two rules.
fn front_matter_events(text: &str) -> (Vec<(Event<'_>, Range<usize>)>, usize) {
    let Some((format, len)) = front_matter::leading_block(text) else {
        return (Vec::new(), 0);
    };
    let block = &text[..len];
    if front_matter::is_empty_block(block) {
        let kind = match format {
            Format::Yaml => MetadataBlockKind::YamlStyle,
            Format::Toml => MetadataBlockKind::PlusesStyle,
        };
        let events = vec![
            (Event::Start(Tag::MetadataBlock(kind)), 0..len),
            (Event::End(TagEnd::MetadataBlock(kind)), 0..len),
        ];
        return (events, len);
    }
    let events: Vec<_> = Parser::new_ext(block, front_matter_options())
        .into_offset_iter()
        .collect();
    match events.first() {
        Some((Event::Start(Tag::MetadataBlock(_)), _)) => (events, len),
        _ => (Vec::new(), 0),
    }
}

/// Inline text being collected for the innermost open block.
#[derive(Debug, Default)]
struct TextSink {
    text: String,
    strong_depth: usize,
    lead_strong: Option<String>,
    strong_buf: Option<String>,
    saw_non_strong_text: bool,
}

impl TextSink {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        if let Some(buf) = self.strong_buf.as_mut() {
            buf.push_str(s);
        } else if !s.trim().is_empty() {
            self.saw_non_strong_text = true;
        }
    }
}

#[derive(Debug)]
enum Open<'s> {
    Heading {
        level: u8,
        start: usize,
        event_index: usize,
        sink: TextSink,
    },
    Paragraph {
        start: usize,
        sink: TextSink,
    },
    Item {
        start: usize,
        depth: usize,
        list: usize,
        /// Whether it is a task, ticked or open.
        task: Task,
        sink: TextSink,
    },
    Cell {
        sink: TextSink,
    },
    Code {
        block: CodeBlock<'s>,
        /// The span of the file that the code so far is, while it is one: the text of a fence
        /// at the top level is the file's own bytes, one line after another.
        in_place: Option<Range<usize>>,
    },
}

/// The walk's state: the document so far and the blocks still open.
struct Walker<'s> {
    doc: Document<'s>,
    /// The file's events, which the title block is found among when the walk ends.
    events: Events<'s>,
    /// The index of the event being walked.
    index: usize,
    /// Whether an HTML comment opened on an earlier line of the HTML block is still open.
    in_html_comment: bool,
    open: Vec<Open<'s>>,
    slugs: SlugSet,
    list_stack: Vec<usize>,
    lists_seen: usize,
    table: Option<Table>,
    in_table_head: bool,
    row: Vec<String>,
    /// Inside a front matter block: its format.
    in_metadata: Option<Format>,
    /// The HTML block being read: its lines so far, and its span.
    html_block: Option<(String, Range<usize>)>,
    words: WordCount,
    html: HtmlScan,
    /// Open autolinks (`<https://…>`), whose text is a URL and not counted as words.
    autolinks: usize,
    /// Open strikethroughs (`~~…~~`): struck words are not part of a list item's,
    /// paragraph's or table cell's text, which the checks read (`~~12 ms~~ 47.6 ms` says
    /// 47.6 ms; `~~Add a quiz~~` asks for nothing).
    struck: usize,
    /// Whether list items and paragraphs are still recorded: false from the first whose
    /// offsets do not fit in a `u32` ([`Walker::stop_recording_blocks`]).
    recording_blocks: bool,
}

impl<'s> Walker<'s> {
    /// A walk over `source`, with nothing recorded yet.
    fn new(source: &'s SourceFile) -> Self {
        Self {
            doc: Document {
                source,
                title: None,
                html_comments: Vec::new(),
                shown_html: Vec::new(),
                front_matter: None,
                headings: Vec::new(),
                code_blocks: Vec::new(),
                list_items: Vec::new(),
                paragraphs: Vec::new(),
                block_text: String::new(),
                tables: Vec::new(),
                links: Vec::new(),
                words: 0,
                diagnostics: Vec::new(),
            },
            events: Vec::new(),
            index: 0,
            in_html_comment: false,
            open: Vec::new(),
            slugs: SlugSet::default(),
            list_stack: Vec::new(),
            lists_seen: 0,
            table: None,
            in_table_head: false,
            row: Vec::new(),
            in_metadata: None,
            html_block: None,
            words: WordCount::default(),
            html: HtmlScan::default(),
            autolinks: 0,
            struck: 0,
            recording_blocks: true,
        }
    }

    /// Records what one event opens, closes or adds.
    fn handle(&mut self, event: &Event<'s>, range: Range<usize>) {
        self.count_words(event);
        // An HTML block is one event a line: a comment spans them, and ends with the block.
        if !matches!(event, Event::Html(_)) {
            self.in_html_comment = false;
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(*tag, range),
            Event::Text(text) => self.text(text, range),
            Event::Code(code) => self.inline_text(code),
            Event::SoftBreak | Event::HardBreak => self.inline_text(" "),
            Event::InlineMath(math) | Event::DisplayMath(math) => self.inline_text(math),
            Event::InlineHtml(html) if self.is_shown_as_text() => self.inline_text(html),
            Event::Html(_) => self.raw_images(range),
            Event::InlineHtml(_) => {
                self.in_html_comment = false;
                self.raw_images(range);
            }
            Event::FootnoteReference(_) | Event::Rule => {}
            Event::TaskListMarker(ticked) => self.mark_task(*ticked),
        }
    }

    /// Records the `src` of each `<img>` tag of the raw HTML at `range` as an image link, its
    /// span the value as written.
    /// An image inside an HTML comment, on this line or across the lines of its block, is
    /// not shown, and not recorded.
    fn raw_images(&mut self, range: Range<usize>) {
        let Some(line) = self.doc.source.text.get(range.clone()) else {
            return;
        };
        let mut from = 0;
        if self.in_html_comment {
            match line.find("-->") {
                Some(end) => {
                    from = end + 3;
                    self.in_html_comment = false;
                }
                None => return,
            }
        }
        let html = &line[from..];
        for tag in super::raw_images::img_tags(html) {
            if let Some(src) = tag.src {
                let start = range.start + from;
                self.doc.links.push(Link {
                    dest: html[src.clone()].to_owned(),
                    span: start + src.start..start + src.end,
                    is_image: true,
                });
            }
        }
        if let Some(open) = html.rfind("<!--") {
            self.in_html_comment = !html[open..].contains("-->");
        }
    }

    /// Whether the event being walked is inline HTML shown as text ([`raw_html`]): the page
    /// shows `<String>` of `List<String>`, so the heading's or paragraph's text holds it.
    fn is_shown_as_text(&self) -> bool {
        self.doc.is_shown_as_text(self.index)
    }

    /// Marks the innermost open list item as a task (`- [ ] …`), ticked or not (`- [x] …`).
    fn mark_task(&mut self, ticked: bool) {
        if let Some(Open::Item { task, .. }) = self
            .open
            .iter_mut()
            .rev()
            .find(|open| matches!(open, Open::Item { .. }))
        {
            *task = if ticked { Task::Ticked } else { Task::Open };
        }
    }

    /// Counts the words an event adds to the rendered text, and ends a word where the
    /// rendered text breaks: anywhere but at inline emphasis and links.
    fn count_words(&mut self, event: &Event<'s>) {
        match event {
            Event::Text(text) => {
                let in_code = matches!(self.open.last(), Some(Open::Code { .. }));
                if self.in_metadata.is_none() && !in_code && self.autolinks == 0 {
                    self.words.feed(text);
                }
            }
            Event::InlineHtml(html) if self.is_shown_as_text() => self.words.feed(html),
            Event::Html(html) | Event::InlineHtml(html) => {
                self.words.feed_html(html, &mut self.html);
            }
            Event::Start(tag) => {
                if let Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                } = tag
                {
                    self.autolinks += 1;
                }
                if !is_inline(tag) {
                    self.words.split();
                }
            }
            Event::End(tag) => {
                if matches!(tag, TagEnd::Link) && self.autolinks > 0 {
                    // Autolinks hold no nested links, so the innermost open link is this one.
                    self.autolinks -= 1;
                }
                if !is_inline_end(*tag) {
                    self.words.split();
                }
            }
            _ => self.words.split(),
        }
    }

    fn start(&mut self, tag: &Tag<'s>, range: Range<usize>) {
        let event_index = self.index;
        match tag {
            Tag::Heading { level, .. } => {
                self.open.push(Open::Heading {
                    level: heading_level(*level),
                    start: range.start,
                    event_index,
                    sink: TextSink::default(),
                });
            }
            Tag::Paragraph => self.open_paragraph(range.start),
            Tag::List(_) => {
                self.list_stack.push(self.lists_seen);
                self.lists_seen += 1;
            }
            Tag::Item => {
                let depth = self.list_stack.len().saturating_sub(1);
                let list = self.list_stack.last().copied().unwrap_or(0);
                self.open.push(Open::Item {
                    start: range.start,
                    depth,
                    list,
                    task: Task::None,
                    sink: TextSink::default(),
                });
            }
            Tag::CodeBlock(kind) => self.open_code(kind, range, event_index),
            Tag::Table(_) => {
                self.table = Some(Table {
                    span: range,
                    header: Vec::new(),
                    rows: Vec::new(),
                })
            }
            Tag::TableHead => self.in_table_head = true,
            Tag::TableRow => self.row.clear(),
            Tag::TableCell => self.open.push(Open::Cell {
                sink: TextSink::default(),
            }),
            Tag::Strong => self.start_strong(),
            Tag::Strikethrough => self.struck += 1,
            Tag::Link { dest_url, .. } => self.doc.links.push(Link {
                dest: dest_url.to_string(),
                span: range,
                is_image: false,
            }),
            Tag::Image { dest_url, .. } => self.doc.links.push(Link {
                dest: dest_url.to_string(),
                span: range,
                is_image: true,
            }),
            Tag::MetadataBlock(kind) => {
                self.in_metadata = Some(match kind {
                    MetadataBlockKind::YamlStyle => Format::Yaml,
                    MetadataBlockKind::PlusesStyle => Format::Toml,
                });
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Heading(_) => self.close_heading(range),
            TagEnd::Paragraph => self.close_paragraph(range),
            TagEnd::List(_) => {
                self.list_stack.pop();
            }
            TagEnd::Item => self.close_item(range),
            TagEnd::CodeBlock => self.close_code(range),
            TagEnd::TableHead => {
                self.in_table_head = false;
                if let Some(table) = self.table.as_mut() {
                    table.header = std::mem::take(&mut self.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(table) = self.table.as_mut() {
                    table.rows.push(std::mem::take(&mut self.row));
                }
            }
            TagEnd::TableCell => {
                if let Some(Open::Cell { sink }) = self.open.pop() {
                    self.row.push(sink.text.trim().to_owned());
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.doc.tables.push(table);
                }
            }
            TagEnd::Strong => self.end_strong(),
            TagEnd::Strikethrough => self.struck = self.struck.saturating_sub(1),
            TagEnd::MetadataBlock(_) => self.in_metadata = None,
            _ => {}
        }
    }

    fn text(&mut self, text: &pulldown_cmark::CowStr<'s>, range: Range<usize>) {
        if let Some(format) = self.in_metadata {
            // With CRLF line endings the block arrives in several text events: one span.
            let start = match &self.doc.front_matter {
                Some(front) if front.span.end <= range.start => front.span.start,
                _ => range.start,
            };
            let file: &'s str = &self.doc.source.text;
            let span = start..range.end;
            self.doc.front_matter = Some(FrontMatter {
                text: &file[span.clone()],
                span,
                format,
            });
            return;
        }
        if let Some(Open::Code { block, in_place }) = self.open.last_mut() {
            let file: &'s str = &self.doc.source.text;
            let is_the_files_bytes = matches!(text, pulldown_cmark::CowStr::Borrowed(piece)
                if file.get(range.clone()).is_some_and(|bytes| std::ptr::eq(bytes, *piece)));
            match in_place {
                Some(span) if is_the_files_bytes && span.end == range.start => {
                    span.end = range.end;
                    block.code = Cow::Borrowed(&file[span.clone()]);
                }
                _ => {
                    // A fence in a list or a quote: the parser leaves out the indent or the
                    // `>` of each line, so the code is a copy from here on.
                    *in_place = None;
                    block.code.to_mut().push_str(text);
                }
            }
            return;
        }
        self.inline_text(text);
    }

    fn inline_text(&mut self, text: &str) {
        let struck = self.struck > 0;
        if let Some(open) = self.open.last_mut()
            && !(struck
                && matches!(
                    open,
                    Open::Item { .. } | Open::Paragraph { .. } | Open::Cell { .. }
                ))
            && let Some(sink) = open.sink()
        {
            sink.push(text);
        }
    }

    fn start_strong(&mut self) {
        if let Some(sink) = self.open.last_mut().and_then(Open::sink) {
            sink.strong_depth += 1;
            if sink.strong_depth == 1 && sink.lead_strong.is_none() && sink.text.trim().is_empty() {
                sink.strong_buf = Some(String::new());
            }
        }
    }

    fn end_strong(&mut self) {
        if let Some(sink) = self.open.last_mut().and_then(Open::sink) {
            sink.strong_depth = sink.strong_depth.saturating_sub(1);
            if sink.strong_depth == 0
                && let Some(buf) = sink.strong_buf.take()
            {
                sink.lead_strong = Some(buf.trim().to_owned());
            }
        }
    }

    fn open_paragraph(&mut self, start: usize) {
        // Paragraphs inside list items and cells feed their container's text instead.
        if !matches!(
            self.open.last(),
            Some(Open::Item { .. } | Open::Cell { .. })
        ) {
            self.open.push(Open::Paragraph {
                start,
                sink: TextSink::default(),
            });
        }
    }

    fn close_paragraph(&mut self, range: Range<usize>) {
        if matches!(self.open.last(), Some(Open::Paragraph { .. })) {
            if let Some(Open::Paragraph { start, sink }) = self.open.pop()
                && self.recording_blocks
            {
                let is_bold_label = sink.lead_strong.is_some() && !sink.saw_non_strong_text;
                let kept_from = self.doc.block_text.len();
                let text = self.keep(sink.text.trim());
                match Paragraph::new(start..range.end, text, is_bold_label) {
                    Some(paragraph) => self.doc.paragraphs.push(paragraph),
                    None => self.stop_recording_blocks(kept_from, start),
                }
            }
        } else if let Some(Open::Item { sink, .. }) = self.open.last_mut() {
            sink.push(" ");
        }
    }

    /// From a list item or paragraph whose offsets do not fit in a `u32` on, records none:
    /// its text, kept from `kept_from` of [`Document::block_text`], goes too. A finding at
    /// `at`, where it starts, says the checks read no further.
    fn stop_recording_blocks(&mut self, kept_from: usize, at: usize) {
        self.doc.block_text.truncate(kept_from);
        self.recording_blocks = false;
        self.doc.diagnostics.push(
            Diagnostic::new(
                RuleId::UnreadableFile,
                &self.doc.source.rel_path,
                at..at,
                "this file is too long to check past here: its lists and paragraphs from here on are not checked",
            )
            .help("split the file into several smaller ones"),
        );
    }

    /// Appends a block's text to the document's [`Document::block_text`]; its range there.
    fn keep(&mut self, text: &str) -> Range<usize> {
        let start = self.doc.block_text.len();
        self.doc.block_text.push_str(text);
        start..self.doc.block_text.len()
    }

    fn close_heading(&mut self, range: Range<usize>) {
        if let Some(Open::Heading {
            level,
            start,
            event_index,
            sink,
        }) = self.open.pop()
        {
            let text = sink.text.trim().to_owned();
            let id = self.slugs.unique(&text);
            self.doc.headings.push(Heading {
                level,
                text,
                id,
                span: start..range.end,
                event_index,
            });
        }
    }

    fn close_item(&mut self, range: Range<usize>) {
        if let Some(Open::Item {
            start,
            depth,
            list,
            task,
            sink,
        }) = self.open.pop()
            && self.recording_blocks
        {
            let kept_from = self.doc.block_text.len();
            let lead_strong = sink.lead_strong.map(|lead| self.keep(&lead));
            let text = self.keep(sink.text.trim());
            let Some(item) = ListItem::new(start..range.end, depth, list, lead_strong, text) else {
                return self.stop_recording_blocks(kept_from, start);
            };
            // Parents close after their children: [`Self::finish`] puts them back in
            // document order, in one sort (an insertion in place for each parent moved every
            // child after it, quadratic in a list nested thousands of levels deep).
            self.doc.list_items.push(item.with_task(task));
        }
    }

    fn open_code(&mut self, kind: &CodeBlockKind<'s>, range: Range<usize>, event_index: usize) {
        let info = match kind {
            CodeBlockKind::Fenced(info) => info.to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        let lang = fence_info::language(&info);
        let code_start = match kind {
            CodeBlockKind::Fenced(_) => self.doc.source.next_line_start(range.start),
            CodeBlockKind::Indented => range.start,
        };
        let closed = match kind {
            CodeBlockKind::Fenced(_) => has_closing_fence(&self.doc.source.text, range.clone()),
            CodeBlockKind::Indented => true,
        };
        self.open.push(Open::Code {
            block: CodeBlock {
                lang,
                info,
                code: Cow::Borrowed(""),
                span: range,
                code_start,
                closed,
                diagram: None,
                event_index,
            },
            in_place: Some(code_start..code_start),
        });
    }

    fn close_code(&mut self, _range: Range<usize>) {
        if let Some(Open::Code { mut block, .. }) = self.open.pop() {
            if block.lang.as_deref() == Some("mermaid") {
                if let Some(code) = fence_info::without_myst_options(&block.info, &block.code) {
                    block.code = Cow::Owned(code);
                }
                block.diagram = DiagramKind::detect(&block.code);
            }
            if !block.closed {
                self.doc
                    .diagnostics
                    .push(unterminated_fence(self.doc.source, &block));
            }
            if block.code_start > block.span.start
                && let Some(line) = fence_opener_inside(&self.doc.source.text, &block)
            {
                self.doc
                    .diagnostics
                    .push(fence_in_code(self.doc.source, &block, line));
            }
            self.doc.code_blocks.push(block);
        }
    }

    /// Keeps HTML holding a comment (after [`Walker::handle`] has seen its event) for as long
    /// as the document: an inline tag as it is, an HTML block whole, since the parser gives it
    /// a line at a time and a comment may span lines.
    fn keep_html(&mut self, event: &Event<'s>, range: &Range<usize>) {
        match event {
            Event::Start(Tag::HtmlBlock) => self.html_block = Some((String::new(), range.clone())),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((html, span)) = self.html_block.take()
                    && html.contains("<!--")
                {
                    self.doc.html_comments.push((html.into(), span));
                }
            }
            Event::Html(html) => match self.html_block.as_mut() {
                Some((block, _)) => block.push_str(html),
                None if html.contains("<!--") => {
                    self.doc.html_comments.push((html.clone(), range.clone()));
                }
                None => {}
            },
            Event::InlineHtml(html) if html.contains("<!--") => {
                self.doc.html_comments.push((html.clone(), range.clone()));
            }
            _ => {}
        }
    }

    /// The finished document. Its events go with the walk: a document lives for the whole
    /// build, and its events would take about twice the room of its text
    /// ([`Document::events`] parses them again when a page is made).
    fn finish(mut self) -> Document<'s> {
        self.doc.list_items.sort_by_key(|item| item.span().start);
        self.doc.title = title::find(&self.doc, &self.events);
        self.doc.words = self.words.words();
        self.doc.shrink_to_fit();
        self.doc
    }
}

impl Open<'_> {
    fn sink(&mut self) -> Option<&mut TextSink> {
        match self {
            Open::Heading { sink, .. }
            | Open::Paragraph { sink, .. }
            | Open::Item { sink, .. }
            | Open::Cell { sink } => Some(sink),
            Open::Code { .. } => None,
        }
    }
}

/// Inline markup, which does not break a word (`**20**,000` is one word).
pub(super) fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

pub(super) fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// A fenced block is closed when its last line is a fence of the same character, at least as
/// long as the opening one. pulldown-cmark runs an unclosed fence to the end of its container.
fn has_closing_fence(text: &str, span: Range<usize>) -> bool {
    // A fence in a block quote has the quote's markers before it on its line, and on every
    // line down to its closing fence (`> ```` `).
    let fence = Fence::opening(text, &span);
    let mut lines = text[span].lines();
    lines.next();
    lines.next_back().is_some_and(|last| {
        let last = strip_quotes(last, fence.quotes).trim();
        last.len() >= fence.len && last.chars().all(|c| c == fence.fence_char)
    })
}

/// The quote markers before a fence on its line, and the fence: its character, its length
/// and the indentation of its line once the markers are stripped.
struct Fence {
    quotes: usize,
    fence_char: char,
    len: usize,
    indent: usize,
}

impl Fence {
    /// The opening fence of a fenced block at `span` in `text`.
    fn opening(text: &str, span: &Range<usize>) -> Fence {
        let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let before = &text[line_start..span.start];
        let quotes = before.matches('>').count();
        let first_line = text[span.start..].lines().next().unwrap_or("").trim_start();
        let fence_char = first_line.chars().next().unwrap_or('`');
        Fence {
            quotes,
            fence_char,
            len: first_line.chars().take_while(|&c| c == fence_char).count(),
            indent: strip_quotes(before, quotes).len(),
        }
    }
}

/// `line` without its first `quotes` block-quote markers.
fn strip_quotes(line: &str, quotes: usize) -> &str {
    let mut rest = line;
    for _ in 0..quotes {
        rest = rest.trim_start();
        rest = rest.strip_prefix('>').unwrap_or(rest);
    }
    rest
}

/// The byte offset of the first line inside a fenced block that opens a fence of the block's
/// own character, at least as long, with a language (```` ```mermaid ````): it cannot close the
/// block, so what follows it is swallowed. Only lines a fence could stand on count (indented at
/// most three columns past the opening fence).
fn fence_opener_inside(text: &str, block: &CodeBlock) -> Option<usize> {
    let fence = Fence::opening(text, &block.span);
    let inside = &text[block.code_start..block.span.end];
    let mut at = block.code_start;
    for line in inside.split_inclusive('\n') {
        let unquoted = strip_quotes(line, fence.quotes);
        let trimmed = unquoted.trim_start();
        let indent = unquoted.len() - trimmed.len();
        let run = trimmed
            .chars()
            .take_while(|&c| c == fence.fence_char)
            .count();
        let info = trimmed[run * fence.fence_char.len_utf8()..].trim_start();
        let opens = info
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '{');
        if indent <= fence.indent + 3 && run >= fence.len && opens {
            return Some(at + (line.len() - trimmed.len()));
        }
        at += line.len();
    }
    None
}

fn fence_in_code(source: &SourceFile, block: &CodeBlock, at: usize) -> Diagnostic {
    let opened = source.line_col(block.span.start).line;
    let fence = Fence::opening(&source.text, &block.span);
    let closing: String =
        std::iter::repeat_n(fence.fence_char, fence.len.min(FENCE_SHOWN)).collect();
    Diagnostic::new(
        RuleId::FenceInCode,
        &source.rel_path,
        at..source.line_span(at).end,
        "a fence inside a code block: the block above is not closed here",
    )
    .label(format!(
        "this line is shown as code, as part of the block opened at line {opened}"
    ))
    .help(format!(
        "close the block above with a {closing} line before this one; to show a fence inside \
         code on purpose, open the outer block with a longer fence or with tildes"
    ))
}

fn unterminated_fence(source: &SourceFile, block: &CodeBlock) -> Diagnostic {
    let fence_line = source.line_span(block.span.start);
    let opener = source.text[fence_line.clone()].trim();
    Diagnostic::new(
        RuleId::UnterminatedFence,
        &source.rel_path,
        fence_line,
        "code fence is never closed",
    )
    .label("this fence opens a code block that runs to the end of the file")
    .help(closing_fence_help(opener))
}

/// Longest fence the help spells out; a longer one is described by its length.
const FENCE_SHOWN: usize = 16;

/// "add a closing ``` line …": the opening fence repeated exactly, bare, since a help line is
/// printed as written (wrapping it in backquotes made a ``` fence read as five). A long fence
/// is named by its length rather than by thousands of backquotes.
fn closing_fence_help(opener: &str) -> String {
    let Some(fence_char) = opener.chars().next().filter(|&c| c == '`' || c == '~') else {
        return "add a closing fence line where the code ends".to_owned();
    };
    let len = opener.chars().take_while(|&c| c == fence_char).count();
    if len <= FENCE_SHOWN {
        let fence: String = std::iter::repeat_n(fence_char, len).collect();
        format!("add a closing {fence} line where the code ends")
    } else {
        let name = if fence_char == '`' {
            "backquotes"
        } else {
            "tildes"
        };
        format!("add a closing line of at least {len} {name} where the code ends")
    }
}

#[cfg(test)]
mod tests {
    use super::closing_fence_help;

    #[test]
    fn the_help_repeats_the_opening_fence_exactly() {
        assert_eq!(
            closing_fence_help("```python"),
            "add a closing ``` line where the code ends"
        );
        assert_eq!(
            closing_fence_help("````"),
            "add a closing ```` line where the code ends"
        );
        assert_eq!(
            closing_fence_help("~~~ yaml"),
            "add a closing ~~~ line where the code ends"
        );
        assert_eq!(
            closing_fence_help(&"`".repeat(20)),
            "add a closing line of at least 20 backquotes where the code ends"
        );
    }
}
