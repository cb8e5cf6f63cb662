//! Document → HTML body, by replaying the document's events ([`Document::events`]).
//!
//! A small [`Writer`] walks them with one handler per kind of event it changes
//! and hands everything else unchanged to pulldown-cmark's HTML writer:
//! - headings get the document's unique ids and a self-link anchor;
//! - code blocks are highlighted ([`crate::highlight`]) with a language label and a copy button;
//!   ```` ```mermaid ```` blocks go to a [`DiagramRenderer`] ([`diagram`]), or are shown as
//!   marked source;
//!   ```` ```metrics ```` blocks become metric cards (see [`blocks`]), or a chart when the fence
//!   asks for one ([`chart`]); ```` ```calculator ```` and ```` ```simulator ```` blocks become
//!   forms whose outputs a small script updates ([`calculator`]); ```` ```js run ```` blocks
//!   get a Run button and a sandboxed frame ([`runnable`]); and the body says which assets its
//!   page then needs ([`BlockAssets`]);
//! - tables are wrapped in a scrollable region; external links get `rel="noopener"`;
//! - images, and `<img>` tags of raw HTML, load lazily, their `src` rewritten like links;
//! - footnotes get ids of their own and links back to their citations ([`footnotes`]);
//! - raw HTML a browser would misread (an unclosed comment, `<title>` in prose, `<String>`)
//!   is shown as text, as [`raw_html`] found when the file was parsed.
//!
//! Problems found while rendering (an unknown language, a diagram that cannot be drawn) are
//! returned as diagnostics with the body. Problems the parse stage already found (an invalid
//! diagram, an unreadable metrics fence) are shown on the page but not reported again.

pub mod blocks;
pub(crate) mod calculator;
pub(crate) mod chart;
pub mod diagram;
mod diagram_details;
mod diagram_links;
mod diagram_size;
pub(crate) mod footnotes;
pub(crate) mod runnable;

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use rayon::prelude::*;

use crate::course::metadata::shorten;
use crate::diagnostic::Diagnostic;
use crate::highlight::{Highlighted, Highlighter, escape};
use crate::markdown::calculator::{self as calculator_fence, CalculatorCheck};
use crate::markdown::metrics_fence::{self, FenceCheck};
use crate::markdown::{CodeBlock, Document, Heading, raw_html, raw_images};
use crate::mermaid::blocks::DiagramCheck;

/// One diagram to draw.
#[derive(Debug, Clone, Copy)]
pub struct DiagramRequest<'a> {
    /// The diagram's source (the fence's body).
    pub source: &'a str,
    /// Unique on its page; every id in the SVG starts with it.
    pub diagram_id: &'a str,
    /// Accessible name: the diagram's `accTitle`, or else a summary of its kind and main labels
    /// ([`crate::mermaid::DiagramInfo::accessible_name`]).
    pub title: Option<&'a str>,
    /// Accessible description: the diagram's `accDescr`.
    pub description: Option<&'a str>,
}

/// Draws a diagram from its source. Implemented by the Mermaid renderer
/// ([`crate::render::diagrams`]); without one, diagrams are shown as source.
pub trait DiagramRenderer: Sync {
    /// The diagram as inline SVG markup, or a one-line reason it cannot be drawn.
    fn render_svg(&self, request: &DiagramRequest<'_>) -> Result<String, String>;
}

/// Maps a link destination to the URL to write instead (`None`: as written).
pub type LinkRewriter<'a> = dyn Fn(&str) -> Option<String> + Sync + 'a;

/// What the HTML writer needs besides the document.
#[derive(Clone)]
pub struct HtmlOptions<'a> {
    /// Grammars, loaded once per build.
    pub highlighter: &'a Highlighter,
    /// Diagram renderer; `None` shows diagrams as marked source blocks.
    pub diagrams: Option<&'a dyn DiagramRenderer>,
    /// The validation of this document's Mermaid blocks (invalid ones are shown as source).
    pub diagram_checks: &'a [DiagramCheck],
    /// This document's ```` ```metrics ```` fences as the parse stage read them.
    pub metric_fences: &'a [FenceCheck],
    /// This document's calculator and simulator fences as the parse stage read them.
    pub(crate) calculators: &'a [CalculatorCheck],
    /// Prefix of the diagram ids on this page (`<page>-d1`, `<page>-d2`, …), unless a heading
    /// takes such an id ([`block_prefix`]).
    pub page_id: &'a str,
    /// Event indices left out of the body (the title block shown in the page header instead).
    pub skip: Range<usize>,
    /// Rewrites a link between pages of the site (`other-episode.md#anchor`) to the URL the
    /// page is published at, and a link or image naming a file of the course to its copy;
    /// `None` leaves the link as written.
    pub rewrite_link: Option<&'a LinkRewriter<'a>>,
}

/// A rendered body.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The HTML.
    pub html: String,
    /// Problems found while rendering.
    pub diagnostics: Vec<Diagnostic>,
    /// The assets its interactive blocks need.
    pub(crate) assets: BlockAssets,
}

/// The files a page loads for its interactive blocks: none for a page without any, so such a
/// page loads exactly what it did before these blocks existed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct BlockAssets {
    /// `assets/interactive.css`: charts, calculators, simulators, runnable examples, diagram
    /// details.
    pub(crate) css: bool,
    /// `assets/interactive.js`: calculators, simulators, runnable examples and diagram details.
    pub(crate) js: bool,
}

impl BlockAssets {
    /// Both sets together.
    pub(crate) fn or(self, other: Self) -> Self {
        Self {
            css: self.css || other.css,
            js: self.js || other.js,
        }
    }
}

/// Renders a document to HTML from its `events` ([`Document::events`], parsed by the caller,
/// which may read them for other ends too: a page's search sections).
pub fn render<'s>(
    doc: &Document<'s>,
    events: &[(Event<'s>, Range<usize>)],
    options: &HtmlOptions<'_>,
) -> Body {
    // Highlighting is most of the work: spread it over blocks, not only over pages.
    let highlighted = doc
        .code_blocks
        .par_iter()
        .map(|block| match block.lang.as_deref() {
            Some("mermaid" | "metrics" | "calculator" | "simulator") => None,
            lang => Some(options.highlighter.highlight_fence(lang, &block.code)),
        })
        .collect();
    let mut writer = Writer {
        doc,
        options,
        events: Vec::with_capacity(events.len()),
        parsed: events,
        diagnostics: Vec::new(),
        headings: Vec::new(),
        highlighted,
        block_prefix: block_prefix(options.page_id, &doc.headings),
        diagrams_seen: 0,
        tables_seen: 0,
        calculators_seen: 0,
        runnables_seen: 0,
        assets: BlockAssets::default(),
        footnotes: footnotes::Footnotes::citing(events.iter().filter_map(
            |(event, _)| match event {
                Event::FootnoteReference(label) => Some(label.as_ref()),
                _ => None,
            },
        )),
    };
    writer.run();
    let mut html = String::with_capacity(doc.source.text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, writer.events.into_iter());
    Body {
        html,
        diagnostics: writer.diagnostics,
        assets: writer.assets,
    }
}

/// Replays events, replacing the ones the site renders its own way.
struct Writer<'d, 's> {
    doc: &'d Document<'s>,
    options: &'d HtmlOptions<'d>,
    /// The document's events, as parsed.
    parsed: &'d [(Event<'s>, Range<usize>)],
    /// The events to write, as replayed.
    events: Vec<Event<'s>>,
    diagnostics: Vec<Diagnostic>,
    /// Open headings (their ids), innermost last.
    headings: Vec<(u8, &'d str)>,
    /// Highlighted code, by index into [`Document::code_blocks`].
    highlighted: Vec<Option<Highlighted>>,
    /// What the ids of diagrams and interactive blocks start with ([`block_prefix`]).
    block_prefix: String,
    /// Mermaid blocks met so far (numbers the diagram ids).
    diagrams_seen: usize,
    /// Tables met so far (numbers their accessible names).
    tables_seen: usize,
    /// Calculators and simulators met so far (numbers their ids).
    calculators_seen: usize,
    /// Runnable examples met so far (numbers their ids).
    runnables_seen: usize,
    /// What the interactive blocks met so far need.
    assets: BlockAssets,
    /// The footnotes met so far.
    footnotes: footnotes::Footnotes,
}

impl<'d, 's> Writer<'d, 's> {
    fn run(&mut self) {
        let mut index = 0;
        while let Some((event, _)) = self.parsed.get(index) {
            if self.options.skip.contains(&index) {
                index += 1;
                continue;
            }
            index = match event {
                Event::Start(Tag::CodeBlock(_)) => self.code_block(index),
                Event::Start(Tag::MetadataBlock(_)) => skip_to_end(self.parsed, index),
                Event::Start(Tag::Heading { .. }) => self.heading_start(index),
                Event::End(TagEnd::Heading(_)) => self.heading_end(index),
                Event::Start(Tag::Table(_)) => self.table_start(index),
                Event::End(TagEnd::Table) => self.table_end(index),
                Event::TaskListMarker(checked) => self.task_marker(index, *checked),
                Event::FootnoteReference(label) => {
                    let html = self.footnotes.reference(label);
                    self.events.push(Event::InlineHtml(html.into()));
                    index + 1
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let html = self.footnotes.definition_start(label);
                    self.html(html);
                    index + 1
                }
                Event::End(TagEnd::FootnoteDefinition) => {
                    let html = self.footnotes.definition_end();
                    self.html(html);
                    index + 1
                }
                Event::Start(Tag::Link {
                    dest_url, title, ..
                }) if is_external(dest_url) => self.external_link(index, dest_url, title),
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let rewritten = self.options.rewrite_link.and_then(|f| f(dest_url));
                    self.events.push(Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: rewritten.map_or_else(|| dest_url.clone(), Into::into),
                        title: title.clone(),
                        id: id.clone(),
                    }));
                    index + 1
                }
                Event::Start(Tag::Image {
                    dest_url, title, ..
                }) => self.image(index, dest_url, title),
                Event::Html(html) | Event::InlineHtml(html) => {
                    let shown = raw_html::shown(&self.doc.shown_html, index, html);
                    let block = matches!(event, Event::Html(_));
                    let html = match shown {
                        Some(text) => self.raw_html(&text.into()),
                        None => self.raw_html(html),
                    };
                    self.events.push(if block {
                        Event::Html(html)
                    } else {
                        Event::InlineHtml(html)
                    });
                    index + 1
                }
                other => {
                    self.events.push(other.clone());
                    index + 1
                }
            };
        }
    }

    /// An image as `<img>` with its alt text (the plain text of its description), its `src`
    /// rewritten to the published copy when the page has a rewriter, and `loading="lazy"`:
    /// most images are below the fold. Gives the index past the image's end.
    fn image(&mut self, index: usize, dest: &str, title: &str) -> usize {
        let end = skip_to_end(self.parsed, index);
        let mut alt = String::new();
        for (event, _) in self.parsed.get(index + 1..end).unwrap_or_default() {
            match event {
                Event::Text(text) | Event::Code(text) | Event::InlineHtml(text) => {
                    alt.push_str(text);
                }
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                _ => {}
            }
        }
        let src = self
            .options
            .rewrite_link
            .and_then(|rewrite| rewrite(dest))
            .unwrap_or_else(|| dest.to_owned());
        let title = if title.is_empty() {
            String::new()
        } else {
            format!(" title=\"{}\"", escape(title))
        };
        self.events.push(Event::InlineHtml(
            format!(
                "<img src=\"{}\" alt=\"{}\"{title} loading=\"lazy\" />",
                escape(&src),
                escape(&alt)
            )
            .into(),
        ));
        end
    }

    /// Raw HTML as written, but for its `<img>` tags ([`raw_images::rewrite`]).
    fn raw_html(&self, html: &CowStr<'s>) -> CowStr<'s> {
        let has_img = html.contains("<img") || html.contains("<IMG") || html.contains("<Img");
        let rewritten = has_img
            .then(|| {
                raw_images::rewrite(html, |src| {
                    self.options
                        .rewrite_link
                        .and_then(|rewrite| rewrite(src))
                        .map(|url| escape(&url))
                })
            })
            .flatten();
        rewritten.map_or_else(|| html.clone(), Into::into)
    }

    fn html(&mut self, html: String) {
        self.events.push(Event::Html(html.into()));
    }

    fn heading_start(&mut self, index: usize) -> usize {
        match find_heading(self.doc, index) {
            Some(heading) => {
                self.headings.push((heading.level, &heading.id));
                self.html(format!(
                    "<h{} id=\"{}\">",
                    heading.level,
                    escape(&heading.id)
                ));
            }
            None => self.events.push(self.parsed[index].0.clone()),
        }
        index + 1
    }

    fn heading_end(&mut self, index: usize) -> usize {
        match self.headings.pop() {
            Some((level, id)) => self.html(format!(
                "<a class=\"anchor\" href=\"#{id}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h{level}>\n",
                id = escape(id)
            )),
            None => self.events.push(self.parsed[index].0.clone()),
        }
        index + 1
    }

    fn table_start(&mut self, index: usize) -> usize {
        self.tables_seen += 1;
        let heads = self
            .doc
            .tables
            .get(self.tables_seen - 1)
            .map(|t| t.header.join(", "))
            .unwrap_or_default();
        let name = match shorten(&heads, 100) {
            h if h.is_empty() => format!("Table {}", self.tables_seen),
            h => format!("Table {}: {h}", self.tables_seen),
        };
        self.html(format!(
            "<div class=\"table-wrap\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">",
            escape(&name)
        ));
        self.events.push(self.parsed[index].0.clone());
        index + 1
    }

    /// A task-list checkbox, named by its item's text (a bare checkbox has no name).
    fn task_marker(&mut self, index: usize, checked: bool) -> usize {
        let mut text = String::new();
        let mut depth = 0usize;
        for (event, _) in &self.parsed[index + 1..] {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => break,
                Event::End(_) => depth -= 1,
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
            if text.len() > 240 {
                break;
            }
        }
        let checked = if checked { " checked=\"\"" } else { "" };
        self.html(format!(
            "<input disabled=\"\" type=\"checkbox\"{checked} aria-label=\"{}\"/>\n",
            escape(&shorten(text.trim(), 120))
        ));
        index + 1
    }

    fn table_end(&mut self, index: usize) -> usize {
        self.events.push(self.parsed[index].0.clone());
        self.html("</div>\n".to_owned());
        index + 1
    }

    fn external_link(&mut self, index: usize, dest: &str, title: &str) -> usize {
        let title = if title.is_empty() {
            String::new()
        } else {
            format!(" title=\"{}\"", escape(title))
        };
        self.html(format!(
            "<a href=\"{}\"{title} rel=\"noopener\">",
            escape(dest)
        ));
        index + 1
    }

    fn code_block(&mut self, index: usize) -> usize {
        let end = skip_to_end(self.parsed, index);
        let Some(position) = find_code_block(self.doc, index) else {
            self.events
                .extend(self.parsed[index..end].iter().map(|(e, _)| e.clone()));
            return end;
        };
        let block = &self.doc.code_blocks[position];
        let html = match block.lang.as_deref() {
            Some("mermaid") => {
                self.diagrams_seen += 1;
                let id = format!("{}-d{}", self.block_prefix, self.diagrams_seen);
                let figure = diagram::Diagram {
                    doc: self.doc,
                    block,
                    position,
                    id: &id,
                };
                let html = diagram::figure(&figure, self.options, &mut self.diagnostics);
                if html.contains("data-block=\"details\"") {
                    self.assets = BlockAssets {
                        css: true,
                        js: true,
                    };
                }
                html
            }
            Some("metrics") => {
                let check = metrics_fence::find(self.options.metric_fences, position);
                match check.and_then(|c| Some((c.fence.as_ref()?, c.chart.as_ref()?))) {
                    Some((fence, drawn)) => {
                        self.assets.css = true;
                        chart::chart(fence, drawn)
                    }
                    None => blocks::metrics(block, check.and_then(|c| c.fence.as_ref())),
                }
            }
            Some("calculator" | "simulator") => {
                self.calculators_seen += 1;
                let id = format!("{}-c{}", self.block_prefix, self.calculators_seen);
                let checked = calculator_fence::find(self.options.calculators, position)
                    .and_then(|c| c.calculator.as_ref());
                if checked.is_some() {
                    self.assets = BlockAssets {
                        css: true,
                        js: true,
                    };
                }
                calculator::block(block, checked, &id)
            }
            Some(lang) if block.runnable() => {
                self.runnables_seen += 1;
                let id = format!("{}-run{}", self.block_prefix, self.runnables_seen);
                self.assets = BlockAssets {
                    css: true,
                    js: true,
                };
                runnable::block(lang, &self.highlighted_code(position), &id)
            }
            _ => {
                let code = self.highlighted_code(position);
                blocks::titled_code(block.lang.as_deref(), block.title(), &code)
            }
        };
        self.html(html);
        end
    }

    /// The block's code as highlighted HTML (the inside of its `<code>`).
    fn highlighted_code(&mut self, position: usize) -> String {
        let block: &CodeBlock = &self.doc.code_blocks[position];
        let highlighted = match self.highlighted.get_mut(position).and_then(Option::take) {
            Some(done) => done,
            None => self
                .options
                .highlighter
                .highlight_fence(block.lang.as_deref(), &block.code),
        };
        if let Some(lang) = &block.lang
            && highlighted.over_budget
        {
            self.diagnostics
                .push(blocks::highlight_skipped(self.doc, block, lang));
        }
        highlighted.html
    }
}

/// What the ids of a page's diagrams and interactive blocks start with: `page_id`
/// (`<page>-d1`, `<page>-c1`, `<page>-run1`, and the ids inside them, `<page>-d1-…`), or
/// `<page>-2`, `<page>-3`, … when a heading's anchor has that form, so that a heading never
/// shares an id with a diagram. Headings take their anchors first, since links name them.
fn block_prefix(page_id: &str, headings: &[Heading]) -> String {
    /// `d1`, `c2`, `run3`, alone or followed by `-…`: a block's id after its prefix.
    fn is_block_id(rest: &str) -> bool {
        let digits = ["d", "c", "run"]
            .iter()
            .find_map(|kind| rest.strip_prefix(kind))
            .unwrap_or("");
        let count = digits.bytes().take_while(u8::is_ascii_digit).count();
        count > 0 && (digits.len() == count || digits[count..].starts_with('-'))
    }
    let mut base_taken = false;
    let mut taken = std::collections::HashSet::new();
    for heading in headings {
        let Some(rest) = heading
            .id
            .strip_prefix(page_id)
            .and_then(|r| r.strip_prefix('-'))
        else {
            continue;
        };
        base_taken |= is_block_id(rest);
        if let Some((number, tail)) = rest.split_once('-')
            && is_block_id(tail)
            && let Ok(number) = number.parse::<usize>()
        {
            taken.insert(number);
        }
    }
    if !base_taken {
        return page_id.to_owned();
    }
    let free = (2..).find(|n| !taken.contains(n)).unwrap_or(2);
    format!("{page_id}-{free}")
}

/// Whether a link leaves the site.
fn is_external(dest: &str) -> bool {
    let lower = dest.get(..8).unwrap_or(dest).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || dest.starts_with("//")
}

/// The index just past the `End` matching the `Start` at `index`.
pub(crate) fn skip_to_end(events: &[(Event<'_>, Range<usize>)], index: usize) -> usize {
    let mut depth = 0usize;
    for (offset, (event, _)) in events[index..].iter().enumerate() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return index + offset + 1;
                }
            }
            _ => {}
        }
    }
    events.len()
}

fn find_heading<'d>(doc: &'d Document<'_>, event_index: usize) -> Option<&'d Heading> {
    doc.headings
        .binary_search_by_key(&event_index, |h| h.event_index)
        .ok()
        .and_then(|i| doc.headings.get(i))
}

/// The index in [`Document::code_blocks`] of the block starting at this event.
fn find_code_block(doc: &Document<'_>, event_index: usize) -> Option<usize> {
    doc.code_blocks
        .binary_search_by_key(&event_index, |b| b.event_index)
        .ok()
        .or_else(|| {
            doc.code_blocks
                .iter()
                .position(|b| b.event_index == event_index)
        })
}

#[cfg(test)]
mod tests {
    use super::{Heading, block_prefix};

    fn headings(ids: &[&str]) -> Vec<Heading> {
        ids.iter()
            .map(|id| Heading {
                level: 2,
                text: String::new(),
                id: (*id).to_owned(),
                span: 0..0,
                event_index: 0,
            })
            .collect()
    }

    #[test]
    fn block_ids_give_way_to_headings_that_would_take_them() {
        let page = "episode-01";
        assert_eq!(
            block_prefix(page, &headings(&["episode-01-hello", "d1"])),
            page
        );
        assert_eq!(
            block_prefix(page, &headings(&["episode-01-d1"])),
            "episode-01-2"
        );
        assert_eq!(
            block_prefix(page, &headings(&["episode-01-run2-out", "episode-01-2-c1"])),
            "episode-01-3"
        );
        assert_eq!(
            block_prefix(page, &headings(&["episode-01-c12", "episode-01-2-intro"])),
            "episode-01-2"
        );
    }
}
