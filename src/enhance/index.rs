//! One episode's blocks, summarised once for every requirement that targets it.
//!
//! Everything here is read from the episode's parse-once `Document`, so `# comments` in
//! fences are never headings and words inside code are never prose. Each [`Block`] keeps
//! its span, the heading it sits under (the evidence a verdict points at) and the set of
//! words that requirements are matched against.

use std::ops::Range;
use std::sync::OnceLock;

use crate::enhance::code;
use crate::enhance::diagram::{self, DiagramKind};
use crate::enhance::example::canonical_language;
use crate::enhance::text::{self, Words};
use crate::markdown::Document;
use crate::markdown::metrics::MetricsBlock;

/// A block of an episode, as matching sees it.
#[derive(Debug, Clone, Default)]
pub struct Block {
    /// Span in the episode file.
    pub span: Range<usize>,
    /// Index of the heading it sits under, in `doc.headings`.
    pub heading: Option<usize>,
    /// The words it is matched on.
    pub words: Words,
}

/// A Mermaid diagram.
#[derive(Debug, Clone)]
pub struct Diagram {
    /// Its type.
    pub kind: DiagramKind,
    /// The block.
    pub block: Block,
}

/// A code sample (not Mermaid, not metrics).
#[derive(Debug, Clone)]
pub struct Sample {
    /// Language (canonical name), if the fence names one.
    pub lang: Option<String>,
    /// Only `pass`, `...`, comments and docstrings.
    pub stub: bool,
    /// The block; its words are the names it defines.
    pub block: Block,
}

/// A prose section: a heading and everything under it that is not code. Its words are
/// gathered on demand ([`EpisodeIndex::section_block`]), since only sections whose heading
/// fits a requirement are ever compared.
#[derive(Debug, Clone)]
pub struct Section {
    /// Words of the heading alone.
    pub heading_words: Words,
    /// Span of the whole section.
    pub span: Range<usize>,
    /// Index of its heading in `doc.headings`.
    pub heading: usize,
    /// One past the last heading inside it.
    pub last: usize,
}

/// The blocks of one episode.
#[derive(Debug, Clone, Default)]
pub struct EpisodeIndex {
    /// Metrics blocks, grouped by the top-level section they sit in.
    pub metrics: Vec<Block>,
    /// Mermaid diagrams.
    pub diagrams: Vec<Diagram>,
    /// Code samples.
    pub samples: Vec<Sample>,
    /// Sections, one per heading below the title.
    pub sections: Vec<Section>,
    /// Words of each heading and the prose directly under it (by heading index), tokenised
    /// on first use: most requirements never look at most of an episode's prose.
    own: Vec<OnceLock<Words>>,
    /// Interactive elements: headings, bold labels and links that offer a lab, simulator,
    /// playground or sandbox to the reader.
    pub interactive: Vec<Block>,
    /// Every word of the episode (prose, headings, diagram labels, metrics, code names),
    /// gathered on first use ([`EpisodeIndex::words`]).
    words: OnceLock<Words>,
}

/// Words that mark an interactive element when they appear in a heading, a bold label or a
/// link (never in code).
const INTERACTIVE_WORDS: &[&str] = &[
    "interactive",
    "simulator",
    "playground",
    "sandbox",
    "lab",
    "explorer",
    "visualizer",
    "visualiser",
    "calculator",
];

/// Summarises an episode, given the metrics blocks found in it.
pub fn build(doc: &Document<'_>, metrics: &[MetricsBlock]) -> EpisodeIndex {
    let mut index = EpisodeIndex {
        metrics: metrics_groups(doc, metrics),
        diagrams: diagrams(doc),
        samples: samples(doc),
        interactive: Vec::new(),
        sections: sections(doc),
        own: doc.headings.iter().map(|_| OnceLock::new()).collect(),
        words: OnceLock::new(),
    };
    index.interactive = interactive(doc, &index);
    index
}

impl EpisodeIndex {
    /// A section as a block: its span, its heading and the words of all prose in it.
    pub fn section_block(&self, doc: &Document<'_>, section: &Section) -> Block {
        let mut words = Words::new();
        for h in section.heading..section.last {
            words.extend(self.own_words(doc, h).iter().copied());
        }
        Block {
            span: section.span.clone(),
            heading: Some(section.heading),
            words,
        }
    }

    /// Every word of the episode.
    pub fn words(&self, doc: &Document<'_>) -> &Words {
        self.words.get_or_init(|| {
            let mut words = Words::new();
            for h in 0..doc.headings.len() {
                words.extend(self.own_words(doc, h).iter().copied());
            }
            words.extend(own_prose(
                doc,
                0..doc.headings.first().map_or(usize::MAX, |h| h.span.start),
            ));
            let blocks = self
                .metrics
                .iter()
                .chain(self.diagrams.iter().map(|d| &d.block))
                .chain(self.samples.iter().map(|s| &s.block));
            for block in blocks {
                words.extend(block.words.iter().copied());
            }
            words
        })
    }

    fn own_words(&self, doc: &Document<'_>, heading: usize) -> &Words {
        static NONE: Words = Words::new();
        let Some(cell) = self.own.get(heading) else {
            return &NONE;
        };
        cell.get_or_init(|| {
            let start = doc.headings.get(heading).map_or(0, |h| h.span.start);
            let end = doc
                .headings
                .get(heading + 1)
                .map_or(usize::MAX, |h| h.span.start);
            let mut words = own_prose(doc, start..end);
            if let Some(h) = doc.headings.get(heading) {
                text::add_words(&mut words, &h.text);
            }
            words
        })
    }
}

/// Index of the last heading that starts before `offset`.
pub fn heading_at(doc: &Document<'_>, offset: usize) -> Option<usize> {
    doc.headings
        .partition_point(|h| h.span.start <= offset)
        .checked_sub(1)
}

fn block(doc: &Document<'_>, span: Range<usize>, words: Words) -> Block {
    Block {
        heading: heading_at(doc, span.start),
        span,
        words,
    }
}

fn heading_words(doc: &Document<'_>, heading: Option<usize>) -> Words {
    heading
        .and_then(|h| doc.headings.get(h))
        .map(|h| text::word_set(&h.text))
        .unwrap_or_default()
}

fn metrics_groups(doc: &Document<'_>, metrics: &[MetricsBlock]) -> Vec<Block> {
    let mut groups: Vec<(Option<usize>, Block)> = Vec::new();
    for found in metrics {
        let top = top_section(doc, found.span.start);
        let mut words = heading_words(doc, heading_at(doc, found.span.start));
        if let Some(title) = &found.title {
            text::add_words(&mut words, title);
        }
        for m in &found.metrics {
            text::add_words(&mut words, &m.label);
            text::add_words(&mut words, &m.value);
        }
        match groups.last_mut() {
            Some((section, group)) if *section == top && top.is_some() => {
                group.span.end = group.span.end.max(found.span.end);
                group.words.extend(words);
            }
            _ => groups.push((top, block(doc, found.span.clone(), words))),
        }
    }
    groups.into_iter().map(|(_, b)| b).collect()
}

/// The nearest heading of level 2 or higher above `offset`.
fn top_section(doc: &Document<'_>, offset: usize) -> Option<usize> {
    let at = heading_at(doc, offset)?;
    (0..=at).rev().find(|&i| doc.headings[i].level <= 2)
}

fn diagrams(doc: &Document<'_>) -> Vec<Diagram> {
    doc.code_blocks
        .iter()
        .filter(|b| b.lang.as_deref() == Some("mermaid"))
        .map(|b| {
            let labels = diagram::labels(&b.code);
            let mut words = heading_words(doc, heading_at(doc, b.span.start));
            for label in labels.nodes.iter().chain(&labels.subgraphs) {
                text::add_words(&mut words, label);
            }
            Diagram {
                kind: diagram::kind(b),
                block: block(doc, b.span.clone(), words),
            }
        })
        .collect()
}

fn samples(doc: &Document<'_>) -> Vec<Sample> {
    doc.code_blocks
        .iter()
        .filter(|b| !matches!(b.lang.as_deref(), Some("mermaid" | "metrics")))
        .map(|b| {
            let defs = code::definitions(&b.code);
            let mut words = Words::new();
            for name in defs.classes.iter().chain(&defs.functions) {
                text::add_words(&mut words, name);
            }
            Sample {
                lang: b.lang.as_deref().map(|l| canonical_language(l).to_owned()),
                stub: code::is_stub(&b.code),
                block: block(doc, b.span.clone(), words),
            }
        })
        .collect()
}

/// The words of the paragraphs, list items and tables that start inside `range`.
fn own_prose(doc: &Document<'_>, range: Range<usize>) -> Words {
    let mut words = Words::new();
    let (from, to) = (range.start, range.end);
    let p = doc.paragraphs.partition_point(|p| p.span.start < from)
        ..doc.paragraphs.partition_point(|p| p.span.start < to);
    for paragraph in doc.paragraphs.get(p).into_iter().flatten() {
        text::add_words(&mut words, &paragraph.text);
    }
    let i = doc.list_items.partition_point(|i| i.span.start < from)
        ..doc.list_items.partition_point(|i| i.span.start < to);
    for item in doc.list_items.get(i).into_iter().flatten() {
        text::add_words(&mut words, &item.text);
    }
    for table in doc
        .tables
        .iter()
        .filter(|t| (from..to).contains(&t.span.start))
    {
        for cell in table.header.iter().chain(table.rows.iter().flatten()) {
            text::add_words(&mut words, cell);
        }
    }
    words
}

/// Every heading below the title, with the extent of its section.
fn sections(doc: &Document<'_>) -> Vec<Section> {
    let end_of_text = doc.source.text.len();
    doc.headings
        .iter()
        .enumerate()
        .filter(|(_, h)| h.level >= 2)
        .map(|(i, heading)| {
            let next = doc.headings[i + 1..]
                .iter()
                .position(|h| h.level <= heading.level);
            let last = next.map_or(doc.headings.len(), |n| i + 1 + n);
            let end = doc.headings.get(last).map_or(end_of_text, |h| h.span.start);
            Section {
                heading_words: text::word_set(&heading.text),
                span: heading.span.start..end,
                heading: i,
                last,
            }
        })
        .collect()
}

fn is_interactive(words: &Words) -> bool {
    INTERACTIVE_WORDS
        .iter()
        .any(|w| words.contains(&text::word(w)))
}

fn interactive(doc: &Document<'_>, index: &EpisodeIndex) -> Vec<Block> {
    let mut out: Vec<Block> = index
        .sections
        .iter()
        .filter(|s| is_interactive(&s.heading_words))
        .map(|s| index.section_block(doc, s))
        .collect();
    for item in &doc.list_items {
        let lead = item
            .lead_strong
            .as_deref()
            .map(text::word_set)
            .unwrap_or_default();
        if is_interactive(&lead) && !out.iter().any(|b| b.span.contains(&item.span.start)) {
            out.push(block(doc, item.span.clone(), text::word_set(&item.text)));
        }
    }
    for link in doc.links.iter().filter(|l| !l.is_image) {
        let words = text::word_set(doc.source.text.get(link.span.clone()).unwrap_or(""));
        if is_interactive(&words) && !out.iter().any(|b| b.span.contains(&link.span.start)) {
            out.push(block(doc, link.span.clone(), words));
        }
    }
    out.sort_by_key(|b| b.span.start);
    out
}
