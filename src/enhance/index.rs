//! One episode's blocks, summarised once for every requirement that targets it.
//!
//! Everything here is read from the episode's parse-once `Document`, so `# comments` in
//! fences are never headings and words inside code are never prose. Each [`Block`] keeps
//! its span, the heading it sits under (the evidence a verdict points at) and the set of
//! words that requirements are matched against.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::enhance::diagram::{self, DiagramKind};
use crate::enhance::example::canonical_language;
use crate::enhance::{code, text};
use crate::markdown::{Document, metrics};

/// A block of an episode, as matching sees it.
#[derive(Debug, Clone, Default)]
pub struct Block {
    /// Span in the episode file.
    pub span: Range<usize>,
    /// Index of the heading it sits under, in `doc.headings`.
    pub heading: Option<usize>,
    /// The words it is matched on.
    pub words: BTreeSet<String>,
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

/// A prose section: a heading and everything under it that is not code.
#[derive(Debug, Clone)]
pub struct Section {
    /// Words of the heading alone.
    pub heading_words: BTreeSet<String>,
    /// The block (span of the whole section; words of heading and prose).
    pub block: Block,
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
    /// Interactive elements: headings, bold labels and links that offer a lab, simulator,
    /// playground or sandbox to the reader.
    pub interactive: Vec<Block>,
    /// Every word of the episode: prose, headings, diagram labels, metrics, code names.
    pub words: BTreeSet<String>,
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

/// Summarises an episode.
pub fn build(doc: &Document<'_>) -> EpisodeIndex {
    let sections = sections(doc);
    let mut index = EpisodeIndex {
        metrics: metrics_groups(doc),
        diagrams: diagrams(doc),
        samples: samples(doc),
        interactive: interactive(doc, &sections),
        sections,
        words: BTreeSet::new(),
    };
    let mut words = BTreeSet::new();
    let blocks = index
        .metrics
        .iter()
        .chain(index.diagrams.iter().map(|d| &d.block))
        .chain(index.samples.iter().map(|s| &s.block))
        .chain(
            index
                .sections
                .iter()
                .filter(|s| s.block.heading.is_some())
                .map(|s| &s.block),
        );
    for block in blocks {
        words.extend(block.words.iter().cloned());
    }
    words.extend(doc.headings.iter().flat_map(|h| text::tokens(&h.text)));
    index.words = words;
    index
}

/// Index of the last heading that starts before `offset`.
pub fn heading_at(doc: &Document<'_>, offset: usize) -> Option<usize> {
    doc.headings
        .partition_point(|h| h.span.start <= offset)
        .checked_sub(1)
}

fn block(doc: &Document<'_>, span: Range<usize>, words: BTreeSet<String>) -> Block {
    Block {
        heading: heading_at(doc, span.start),
        span,
        words,
    }
}

fn heading_words(doc: &Document<'_>, heading: Option<usize>) -> BTreeSet<String> {
    heading
        .and_then(|h| doc.headings.get(h))
        .map(|h| text::token_set(&h.text))
        .unwrap_or_default()
}

fn metrics_groups(doc: &Document<'_>) -> Vec<Block> {
    let mut groups: Vec<(Option<usize>, Block)> = Vec::new();
    for found in metrics::find(doc) {
        let top = top_section(doc, found.span.start);
        let mut words = heading_words(doc, heading_at(doc, found.span.start));
        words.extend(found.title.iter().flat_map(|t| text::tokens(t)));
        for m in &found.metrics {
            words.extend(text::tokens(&m.label));
            words.extend(text::tokens(&m.value));
        }
        match groups.last_mut() {
            Some((section, group)) if *section == top && top.is_some() => {
                group.span.end = group.span.end.max(found.span.end);
                group.words.extend(words);
            }
            _ => groups.push((top, block(doc, found.span, words))),
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
                words.extend(text::tokens(label));
            }
            Diagram {
                kind: diagram::detect(&b.code),
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
            let words = defs
                .classes
                .iter()
                .chain(&defs.functions)
                .flat_map(|name| text::tokens(name))
                .collect();
            Sample {
                lang: b.lang.as_deref().map(|l| canonical_language(l).to_owned()),
                stub: code::is_stub(&b.code),
                block: block(doc, b.span.clone(), words),
            }
        })
        .collect()
}

/// Every heading below the title with the words of its prose (nested sections included).
fn sections(doc: &Document<'_>) -> Vec<Section> {
    let mut own: Vec<BTreeSet<String>> = doc
        .headings
        .iter()
        .map(|h| text::token_set(&h.text))
        .collect();
    let prose = doc
        .paragraphs
        .iter()
        .map(|p| (p.span.start, p.text.as_str()))
        .chain(
            doc.list_items
                .iter()
                .map(|i| (i.span.start, i.text.as_str())),
        );
    for (start, words) in prose {
        if let Some(set) = heading_at(doc, start).and_then(|h| own.get_mut(h)) {
            set.extend(text::tokens(words));
        }
    }
    for table in &doc.tables {
        if let Some(set) = heading_at(doc, table.span.start).and_then(|h| own.get_mut(h)) {
            for cell in table.header.iter().chain(table.rows.iter().flatten()) {
                set.extend(text::tokens(cell));
            }
        }
    }
    let end_of_text = doc.source.text.len();
    let mut out = Vec::new();
    for (i, heading) in doc
        .headings
        .iter()
        .enumerate()
        .filter(|(_, h)| h.level >= 2)
    {
        let next = doc.headings[i + 1..]
            .iter()
            .position(|h| h.level <= heading.level);
        let last = next.map_or(doc.headings.len(), |n| i + 1 + n);
        let end = doc.headings.get(last).map_or(end_of_text, |h| h.span.start);
        let mut words = BTreeSet::new();
        for set in &own[i..last] {
            words.extend(set.iter().cloned());
        }
        out.push(Section {
            heading_words: text::token_set(&heading.text),
            block: Block {
                span: heading.span.start..end,
                heading: Some(i),
                words,
            },
        });
    }
    out
}

fn is_interactive(words: &BTreeSet<String>) -> bool {
    INTERACTIVE_WORDS.iter().any(|w| words.contains(*w))
}

fn interactive(doc: &Document<'_>, sections: &[Section]) -> Vec<Block> {
    let mut out: Vec<Block> = sections
        .iter()
        .filter(|s| is_interactive(&s.heading_words))
        .map(|s| s.block.clone())
        .collect();
    for item in &doc.list_items {
        let lead = item
            .lead_strong
            .as_deref()
            .map(text::token_set)
            .unwrap_or_default();
        if is_interactive(&lead) && !out.iter().any(|b| b.span.contains(&item.span.start)) {
            out.push(block(doc, item.span.clone(), text::token_set(&item.text)));
        }
    }
    for link in doc.links.iter().filter(|l| !l.is_image) {
        let words = text::token_set(&doc.source.text[link.span.clone()]);
        if is_interactive(&words) && !out.iter().any(|b| b.span.contains(&link.span.start)) {
            out.push(block(doc, link.span.clone(), words));
        }
    }
    out.sort_by_key(|b| b.span.start);
    out
}
