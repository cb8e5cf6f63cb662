//! One episode's blocks, summarised once for every requirement that targets it.
//!
//! Everything here is read from the episode's parse-once `Document`, so `# comments` in
//! fences are never headings and words inside code are never prose. Each [`Block`] keeps
//! its span, the heading it sits under (the evidence a verdict points at) and the set of
//! words that requirements are matched against.
//!
//! Only dedicated blocks are listed: metrics blocks, diagrams, code samples, sections under a
//! heading and bold labels followed by a list or table ([`Labelled`]). A word in a paragraph
//! under an unrelated heading belongs to no block a requirement is judged on. A block is
//! about what its own words and its heading chain up to the title name ([`EpisodeIndex::about`]):
//! an episode titled after a company is about that company throughout.

use std::ops::Range;
use std::sync::OnceLock;

use crate::enhance::code;
use crate::enhance::diagram::{self, DiagramKind};
use crate::enhance::example::canonical_language;
use crate::enhance::text::{self, Words};
use crate::markdown::Document;
use crate::markdown::metrics::{MetricsBlock, MetricsForm};

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
    /// Index of its code block in `doc.code_blocks`.
    code: usize,
    /// Every word of the code, gathered on first use ([`Sample::content`]).
    content: OnceLock<Words>,
}

impl Sample {
    /// Every word of the code (names, comments, strings): what a claim about the sample
    /// ("percentile arithmetic in Python, per host and pooled") is checked on. A
    /// recommendation's classes and functions are matched on the names it defines only.
    pub fn content(&self, doc: &Document<'_>) -> &Words {
        self.content.get_or_init(|| {
            let mut words = self.block.words.clone();
            if let Some(code) = doc.code_blocks.get(self.code) {
                text::add_words(&mut words, &code.code);
            }
            words
        })
    }
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

/// A bold label followed by a list or a table (`**Engineering Culture:**` and its bullets,
/// or a bullet that is only a bold label, with its nested bullets).
#[derive(Debug, Clone)]
pub struct Labelled {
    /// Words of the label alone.
    pub label_words: Words,
    /// The label and what follows it; its words are the label's and the list's or table's.
    pub block: Block,
}

/// The blocks of one episode.
#[derive(Debug, Clone, Default)]
pub struct EpisodeIndex {
    /// Metrics blocks, grouped by the top-level section they sit in.
    pub metrics: Vec<Block>,
    /// How many metrics blocks the episode has before grouping (what a claim of "three
    /// metrics blocks" counts).
    pub metrics_found: usize,
    /// Mermaid diagrams.
    pub diagrams: Vec<Diagram>,
    /// Code samples.
    pub samples: Vec<Sample>,
    /// Sections, one per heading below the title.
    pub sections: Vec<Section>,
    /// Bold labels followed by a list or a table.
    pub labelled: Vec<Labelled>,
    /// Words of each heading, by heading index.
    heading_words: Vec<Words>,
    /// The heading each heading sits under (the nearest one above it of a higher level).
    parents: Vec<Option<usize>>,
    /// Words of each heading and the prose directly under it (by heading index), tokenised
    /// on first use: most requirements never look at most of an episode's prose.
    own: Vec<OnceLock<Words>>,
    /// Interactive elements: headings, bold labels and links that offer a lab, simulator,
    /// playground or sandbox to the reader, and the interactive blocks themselves
    /// (```` ```calculator ````, ```` ```simulator ````, ```` ```metrics chart=… ````).
    pub interactive: Vec<Block>,
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
    "quiz",
    // "quizzes", as [`text::tokens`] spells it.
    "quizze",
];

/// Summarises an episode, given the metrics blocks found in it.
pub fn build(doc: &Document<'_>, metrics: &[MetricsBlock]) -> EpisodeIndex {
    let heading_words: Vec<Words> = doc
        .headings
        .iter()
        .map(|h| text::word_set(&h.text))
        .collect();
    let mut index = EpisodeIndex {
        metrics: metrics_groups(doc, metrics),
        metrics_found: metrics.len(),
        diagrams: diagrams(doc),
        samples: samples(doc),
        interactive: Vec::new(),
        sections: sections(doc, &heading_words),
        labelled: labelled(doc),
        parents: parents(doc),
        heading_words,
        own: doc.headings.iter().map(|_| OnceLock::new()).collect(),
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

    /// Whether the block is about one of the subjects (each given as its words): all the
    /// words of a subject appear in the block or in the headings above it, up to the title.
    pub fn about(&self, block: &Block, subjects: &[Words]) -> bool {
        let chain: Vec<&Words> =
            std::iter::successors(block.heading, |&h| self.parents.get(h).copied().flatten())
                .filter_map(|h| self.heading_words.get(h))
                .collect();
        subjects.iter().any(|subject| {
            !subject.is_empty()
                && subject
                    .iter()
                    .all(|w| block.words.contains(w) || chain.iter().any(|h| h.contains(w)))
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
        if found.form == MetricsForm::MetricsFence {
            // The structured fence says what it has in its own keys (`source`, `items`,
            // `note`, `unit`): a claim of "a metrics block with a source and notes" is
            // about those.
            let at = doc
                .code_blocks
                .partition_point(|b| b.span.start < found.span.start);
            if let Some(fence) = doc.code_blocks.get(at) {
                text::add_words(&mut words, &fence.code);
            }
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
        .enumerate()
        .filter(|(_, b)| {
            !matches!(
                b.lang.as_deref(),
                Some("mermaid" | "metrics" | "calculator" | "simulator")
            )
        })
        .map(|(i, b)| {
            let defs = code::definitions(&b.code);
            let mut words = Words::new();
            for name in defs.classes.iter().chain(&defs.functions) {
                text::add_words(&mut words, name);
            }
            Sample {
                lang: b.lang.as_deref().map(|l| canonical_language(l).to_owned()),
                stub: code::is_stub(&b.code),
                block: block(doc, b.span.clone(), words),
                code: i,
                content: OnceLock::new(),
            }
        })
        .collect()
}

/// The words of the paragraphs, list items and tables that start inside `range`.
fn own_prose(doc: &Document<'_>, range: Range<usize>) -> Words {
    let mut words = Words::new();
    let (from, to) = (range.start, range.end);
    let p = doc.paragraphs.partition_point(|p| p.span().start < from)
        ..doc.paragraphs.partition_point(|p| p.span().start < to);
    for paragraph in doc.paragraphs.get(p).into_iter().flatten() {
        text::add_words(&mut words, doc.text_of(&paragraph.text()));
    }
    let i = doc.list_items.partition_point(|i| i.span().start < from)
        ..doc.list_items.partition_point(|i| i.span().start < to);
    for item in doc.list_items.get(i).into_iter().flatten() {
        text::add_words(&mut words, doc.text_of(&item.text()));
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
fn sections(doc: &Document<'_>, heading_words: &[Words]) -> Vec<Section> {
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
                heading_words: heading_words.get(i).cloned().unwrap_or_default(),
                span: heading.span.start..end,
                heading: i,
                last,
            }
        })
        .collect()
}

/// For each heading, the nearest heading above it of a higher level.
fn parents(doc: &Document<'_>) -> Vec<Option<usize>> {
    let mut open: Vec<usize> = Vec::new();
    doc.headings
        .iter()
        .enumerate()
        .map(|(i, heading)| {
            while open
                .last()
                .is_some_and(|&o| doc.headings[o].level >= heading.level)
            {
                open.pop();
            }
            let parent = open.last().copied();
            open.push(i);
            parent
        })
        .collect()
}

/// Bold label lines followed by a list or a table before the next paragraph or heading, and
/// bullets that are only a bold label with nested bullets under them.
fn labelled(doc: &Document<'_>) -> Vec<Labelled> {
    let mut out = Vec::new();
    for (i, label) in doc.paragraphs.iter().enumerate() {
        if !label.is_bold_label() {
            continue;
        }
        let next_paragraph = doc
            .paragraphs
            .get(i + 1)
            .map_or(usize::MAX, |p| p.span().start);
        let next_heading = doc
            .headings
            .get(
                doc.headings
                    .partition_point(|h| h.span.start <= label.span().start),
            )
            .map_or(usize::MAX, |h| h.span.start);
        let limit = next_paragraph.min(next_heading).min(doc.source.text.len());
        let after = label.span().end..limit;
        let items = doc
            .list_items
            .partition_point(|it| it.span().start < after.start)
            ..doc
                .list_items
                .partition_point(|it| it.span().start < after.end);
        let item_end = doc
            .list_items
            .get(items)
            .into_iter()
            .flatten()
            .map(|it| it.span().end)
            .max();
        let tables = doc.tables.partition_point(|t| t.span.start < after.start)
            ..doc.tables.partition_point(|t| t.span.start < after.end);
        let table_end = doc
            .tables
            .get(tables)
            .into_iter()
            .flatten()
            .map(|t| t.span.end)
            .max();
        let Some(end) = item_end.max(table_end) else {
            continue;
        };
        let span = label.span().start..end;
        out.push(Labelled {
            label_words: text::word_set(doc.text_of(&label.text())),
            block: block(doc, span.clone(), own_prose(doc, span)),
        });
    }
    for (i, item) in doc.list_items.iter().enumerate() {
        let Some(lead) = doc.lead_of(item) else {
            continue;
        };
        let only_label = doc
            .text_of(&item.text())
            .trim()
            .trim_end_matches(':')
            .trim()
            == lead.trim().trim_end_matches(':').trim();
        let nested = doc
            .list_items
            .get(i + 1)
            .is_some_and(|n| n.depth() > item.depth() && item.span().contains(&n.span().start));
        if only_label && nested {
            out.push(Labelled {
                label_words: text::word_set(lead),
                block: block(doc, item.span(), own_prose(doc, item.span())),
            });
        }
    }
    out.sort_by_key(|l| l.block.span.start);
    out
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
    for labelled in &index.labelled {
        let inside = out
            .iter()
            .any(|b| b.span.contains(&labelled.block.span.start));
        if is_interactive(&labelled.label_words) && !inside {
            out.push(labelled.block.clone());
        }
    }
    for item in &doc.list_items {
        let lead = doc.lead_of(item).map(text::word_set).unwrap_or_default();
        if is_interactive(&lead) && !out.iter().any(|b| b.span.contains(&item.span().start)) {
            out.push(block(
                doc,
                item.span(),
                text::word_set(doc.text_of(&item.text())),
            ));
        }
    }
    for link in doc.links.iter().filter(|l| !l.is_image) {
        let words = text::word_set(doc.source.text.get(link.span.clone()).unwrap_or(""));
        if is_interactive(&words) && !out.iter().any(|b| b.span.contains(&link.span.start)) {
            out.push(block(doc, link.span.clone(), words));
        }
    }
    out.extend(
        doc.code_blocks
            .iter()
            .filter_map(|b| interactive_block(doc, b)),
    );
    out.sort_by_key(|b| b.span.start);
    out
}

/// A calculator, a simulator or a charted metrics fence as an interactive element: the words
/// of its title and labels (what it is about; never its formulas), and the words that name an
/// interactive element: a recommended "hit rate simulator" is a request for an interactive
/// element about hit rates, which a calculator of hit rates answers. A runnable JavaScript
/// example (```` ```js run ````) is a playground about the classes and functions it defines
/// (as a code sample is); it is also a code sample like any other block of code.
fn interactive_block(doc: &Document<'_>, code: &crate::markdown::CodeBlock) -> Option<Block> {
    if code.runnable() {
        let mut words = text::word_set(&format!(
            "runnable javascript example {}",
            INTERACTIVE_WORDS.join(" ")
        ));
        let defs = crate::enhance::code::definitions(&code.code);
        for name in defs.classes.iter().chain(&defs.functions) {
            text::add_words(&mut words, name);
        }
        return Some(block(doc, code.span.clone(), words));
    }
    match code.lang.as_deref() {
        Some("calculator" | "simulator") => {}
        Some("metrics") if code.info.contains("chart=") => {}
        _ => return None,
    }
    let about = format!(
        "chart {} {}",
        INTERACTIVE_WORDS.join(" "),
        crate::markdown::calculator::reader_text(&code.code)
    );
    Some(block(doc, code.span.clone(), text::word_set(&about)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index_of(text: &str, test: impl FnOnce(&Document<'_>, &EpisodeIndex)) {
        let source = crate::source::SourceFile::from_string("t.md", text);
        let doc = crate::markdown::parse(&source);
        let fences = crate::markdown::metrics_fence::check(&doc);
        let metrics = crate::markdown::metrics::find(&doc, &fences);
        test(&doc, &build(&doc, &metrics));
    }

    #[test]
    fn bold_labels_followed_by_a_list_or_table_are_blocks_and_lone_labels_are_not() {
        let text = "# Episode 1: Globex\n\n## Notes\n\n**Engineering culture:**\n- Game days\n- Blameless reviews\n\n**Just a label**\n\nThen prose.\n\n- **Team rituals:**\n  - Demo Fridays\n\n**Costs:**\n\n| Item | Cost |\n|---|---|\n| Disk | cheap |\n";
        index_of(text, |doc, index| {
            let labels: Vec<&str> = index
                .labelled
                .iter()
                .map(|l| {
                    doc.source.text[l.block.span.clone()]
                        .lines()
                        .next()
                        .unwrap_or("")
                })
                .collect();
            assert_eq!(
                labels,
                [
                    "**Engineering culture:**",
                    "- **Team rituals:**",
                    "**Costs:**"
                ]
            );
            let culture = &index.labelled[0];
            assert!(culture.block.words.contains(&text::word("blameless")));
            assert!(!culture.block.words.contains(&text::word("prose")));
        });
    }

    /// The first line of each interactive element the index found, in order.
    fn interactive_starts<'d>(doc: &'d Document<'_>, index: &EpisodeIndex) -> Vec<&'d str> {
        index
            .interactive
            .iter()
            .map(|b| doc.source.text[b.span.clone()].lines().next().unwrap_or(""))
            .collect()
    }

    #[test]
    fn calculators_simulators_and_charts_are_interactive_elements_about_their_labels() {
        let text = "# Episode 1: Breakers\n\n## Sizing\n\n```calculator\ntitle: Failed requests per hour\ninputs:\n  - name: rps\n    label: Requests per second\n    min: 1\n    max: 10\noutputs:\n  - label: Failures\n    formula: rps\n```\n\n```metrics chart=bar\nitems:\n  - label: p99\n    value: 1\n```\n\n```metrics\nitems:\n  - label: p50\n    value: 1\n```\n\n```python\n# calculator\n```\n\n```js run\nconsole.log(1);\n```\n";
        index_of(text, |doc, index| {
            let starts = interactive_starts(doc, index);
            assert_eq!(
                starts,
                ["```calculator", "```metrics chart=bar", "```js run"]
            );
            assert_eq!(
                index.samples.len(),
                2,
                "the runnable example is a code sample too"
            );
            let calc = &index.interactive[0];
            assert!(calc.words.contains(&text::word("calculator")));
            assert!(calc.words.contains(&text::word("failed")));
            assert!(
                !calc.words.contains(&text::word("rps")),
                "formulas and names are not prose"
            );
            assert!(index.about(calc, &[text::word_set("Breakers")]));
        });
    }

    #[test]
    fn a_quiz_is_an_interactive_element() {
        let text = "# Episode 1: Breakers\n\n## Quiz: when does a breaker trip?\n\n1. After one failure?\n\n## Quizzes\n\nThree more.\n\n## Retries\n\nPlain prose.\n";
        index_of(text, |doc, index| {
            let starts = interactive_starts(doc, index);
            assert_eq!(starts, ["## Quiz: when does a breaker trip?", "## Quizzes"]);
        });
    }

    #[test]
    fn a_block_is_about_what_its_heading_chain_names() {
        let text = "# Episode 1: Globex Streaming\n\n## Numbers\n\n### Edge\n\n- **Hit rate**: 93%\n- **Offload**: 80%\n\n## Initech\n\n- **Hit rate**: 91%\n- **Offload**: 77%\n";
        index_of(text, |_, index| {
            let globex = [text::word_set("Globex")];
            let initech = [text::word_set("Initech")];
            let edge = &index.metrics[0];
            assert!(index.about(edge, &globex), "the title names Globex");
            assert!(!index.about(edge, &initech));
            assert!(index.about(&index.metrics[1], &initech));
            assert!(
                !index.about(edge, &[Words::new()]),
                "an empty subject names nothing"
            );
        });
    }
}
