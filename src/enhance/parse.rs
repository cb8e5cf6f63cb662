//! A recommendations [`Document`] → [`Draft`]s.
//!
//! Structure comes from the document's own headings only: headings inside example fences
//! are code, so the parse-once document never lists them. Series groups are headings like
//! `Episodes 13-16 (Pattern Mastery Series)`; episode sections are `Episode 13: Title`.
//! In an episode section, every numbered item with a bold title is a recommendation (its
//! example is the fence that follows it) and every "Already Includes" bullet is a claim.
//! Headings that are neither (`Interactive Learning Elements`) are document-wide: the
//! episodes they address are named in docstrings inside their code.

use std::ops::Range;

use crate::enhance::reference::{self, Reference};
use crate::enhance::{Draft, Origin, TargetSpec, example, kind};
use crate::markdown::{CodeBlock, Document, Heading, ListItem};

/// A heading and the span of its section (up to the next heading of the same or a higher
/// level).
struct Section<'d> {
    heading: &'d Heading,
    range: Range<usize>,
}

/// What a recommendations document says.
#[derive(Debug, Default)]
pub struct Reading {
    /// Every recommendation, in order.
    pub drafts: Vec<Draft>,
    /// The series groups (`## Episodes 19-21 (Architecture Deep Dives)`), in order.
    pub groups: Vec<TargetSpec>,
}

/// Every recommendation in the document, and its series groups.
pub fn read(doc: &Document<'_>) -> Reading {
    let sections = sections(doc);
    let mut drafts = Vec::new();
    let mut groups = Vec::new();
    let mut group: Option<(u8, Option<String>)> = None;
    for section in &sections {
        let heading = section.heading;
        if group
            .as_ref()
            .is_some_and(|(level, _)| heading.level <= *level)
        {
            group = None;
        }
        match reference::parse(&heading.text) {
            Some(r) if r.numbers.len() > 1 || r.rest.is_empty() => {
                groups.push(TargetSpec {
                    numbers: r.numbers,
                    series: r.qualifier.clone(),
                    title: None,
                });
                group = Some((heading.level, r.qualifier));
            }
            Some(r) => {
                let series = r
                    .qualifier
                    .clone()
                    .or_else(|| group.as_ref().and_then(|g| g.1.clone()));
                let target = TargetSpec {
                    numbers: r.numbers,
                    series,
                    title: Some(r.rest),
                };
                drafts.extend(episode_section(doc, section, &target));
            }
            None if group.is_none() && heading.level >= 2 => {
                drafts.extend(document_wide(doc, section));
            }
            None => {}
        }
    }
    Reading { drafts, groups }
}

fn sections<'d>(doc: &'d Document<'_>) -> Vec<Section<'d>> {
    let end_of_text = doc.source.text.len();
    doc.headings
        .iter()
        .enumerate()
        .map(|(i, heading)| {
            let end = doc.headings[i + 1..]
                .iter()
                .find(|h| h.level <= heading.level)
                .map_or(end_of_text, |h| h.span.start);
            Section {
                heading,
                range: heading.span.start..end,
            }
        })
        .collect()
}

/// The numbered recommendations and the claims of one episode's section.
fn episode_section(doc: &Document<'_>, section: &Section<'_>, target: &TargetSpec) -> Vec<Draft> {
    let range = section.heading.span.end..section.range.end;
    let items: Vec<&ListItem> = doc
        .list_items
        .iter()
        .filter(|i| i.depth == 0 && range.contains(&i.span.start))
        .collect();
    let mut drafts = Vec::new();
    let numbered: Vec<&ListItem> = items
        .iter()
        .copied()
        .filter(|i| i.lead_strong.is_some() && starts_with_number(doc, i))
        .collect();
    for (n, item) in numbered.iter().enumerate() {
        let limit = numbered
            .get(n + 1)
            .map_or(range.end, |next| next.span.start);
        let fence = doc
            .code_blocks
            .iter()
            .find(|b| b.span.start >= item.span.start && b.span.start < limit);
        drafts.push(recommended(doc, item, fence, target));
    }
    drafts.extend(claims(doc, &range, &items, target));
    drafts
}

fn starts_with_number(doc: &Document<'_>, item: &ListItem) -> bool {
    doc.source.text[item.span.clone()]
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit())
}

fn recommended(
    doc: &Document<'_>,
    item: &ListItem,
    fence: Option<&CodeBlock>,
    target: &TargetSpec,
) -> Draft {
    let title = item
        .lead_strong
        .as_deref()
        .unwrap_or(&item.text)
        .trim_end_matches(':')
        .trim()
        .to_owned();
    let (kind, fingerprint) = match fence {
        Some(block) => example::read(&title, block),
        None => example::from_text(&title, &item.text),
    };
    Draft {
        title,
        kind,
        origin: Origin::Recommended,
        file: doc.source.rel_path.clone(),
        span: first_line(doc, item.span.start),
        target: target.clone(),
        fingerprint,
        count: None,
    }
}

/// "Already Includes" bullets: the list right after that bold label line.
fn claims(
    doc: &Document<'_>,
    range: &Range<usize>,
    items: &[&ListItem],
    target: &TargetSpec,
) -> Vec<Draft> {
    let Some(label) = doc.paragraphs.iter().find(|p| {
        range.contains(&p.span.start) && p.text.to_lowercase().starts_with("already include")
    }) else {
        return Vec::new();
    };
    let Some(list) = items
        .iter()
        .find(|i| i.span.start > label.span.end)
        .map(|i| i.list)
    else {
        return Vec::new();
    };
    items
        .iter()
        .filter(|i| i.list == list)
        .map(|item| {
            let (kind, fingerprint) = example::claim(&item.text);
            Draft {
                title: item.text.clone(),
                kind,
                origin: Origin::Claim,
                file: doc.source.rel_path.clone(),
                span: first_line(doc, item.span.start),
                target: target.clone(),
                fingerprint,
                count: None,
            }
        })
        .collect()
}

/// Elements of a document-wide section, one per docstring that names episodes.
fn document_wide(doc: &Document<'_>, section: &Section<'_>) -> Vec<Draft> {
    let section_kind = kind::of_text(&section.heading.text);
    let kind = if matches!(section_kind, kind::Kind::Prose(_)) {
        kind::Kind::Interactive
    } else {
        section_kind
    };
    let mut drafts = Vec::new();
    for block in doc
        .code_blocks
        .iter()
        .filter(|b| section.range.contains(&b.span.start))
    {
        let mut function = None;
        for line in block.code.lines() {
            let trimmed = line.trim();
            if let Some(name) = trimmed.strip_prefix("def ") {
                function = name.split('(').next().map(str::trim).map(str::to_owned);
                continue;
            }
            let Some(reference) = docstring_reference(trimmed) else {
                continue;
            };
            let span = locate(doc, block, trimmed);
            drafts.push(element(doc, span, &kind, function.as_deref(), reference));
        }
    }
    drafts
}

fn docstring_reference(line: &str) -> Option<Reference> {
    let inner = ["\"\"\"", "'''", "#", "//"]
        .iter()
        .find_map(|q| line.strip_prefix(q))?;
    let inner = inner.trim_end_matches("\"\"\"").trim_end_matches("'''");
    reference::parse(inner)
}

fn element(
    doc: &Document<'_>,
    span: Range<usize>,
    kind: &kind::Kind,
    function: Option<&str>,
    reference: Reference,
) -> Draft {
    let name = function.map(humanise);
    let title = match &name {
        Some(name) => format!("{name}: {}", reference.rest),
        None => reference.rest.clone(),
    };
    let mut fingerprint = crate::enhance::Fingerprint::default();
    fingerprint.terms.extend(name);
    fingerprint.terms.push(reference.rest.clone());
    Draft {
        title,
        kind: kind.clone(),
        origin: Origin::Element,
        file: doc.source.rel_path.clone(),
        span,
        target: TargetSpec {
            numbers: reference.numbers,
            series: reference.qualifier,
            title: None,
        },
        fingerprint,
        count: None,
    }
}

/// `resilience_simulator` → "Resilience simulator".
fn humanise(name: &str) -> String {
    let spaced = name.trim_matches('_').replace('_', " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The span of a line of a fence's code in the file (the whole fence when not found).
fn locate(doc: &Document<'_>, block: &CodeBlock, line: &str) -> Range<usize> {
    let text = &doc.source.text;
    text.get(block.code_start..block.span.end)
        .and_then(|code| code.find(line))
        .map_or(block.span.clone(), |at| {
            let start = block.code_start + at;
            start..start + line.len()
        })
}

/// From `start` to the end of its line.
fn first_line(doc: &Document<'_>, start: usize) -> Range<usize> {
    doc.source.line_span(start)
}
