//! A recommendations [`Document`] → [`Draft`]s, whatever layout the editor chose.
//!
//! The document's blocks (headings, paragraphs, list items, tables, code blocks) are walked
//! in order with a stack of contexts: a heading, list item or paragraph that names an episode
//! (`Episode 13`, `Ep. 13`, `#13`, `episode 2 of Case Studies`, or the episode's title) opens
//! a context for what follows it. In a context, each recommendation *unit* becomes a draft: a
//! heading (one heading per recommendation), a list item (numbered or bulleted, bold or not),
//! a table row ([`table`]), a paragraph that asks for something or introduces an example, or
//! an entry of a structured ```` ```requirements ```` block ([`structured`]). The example
//! block of a unit is the first fence after it. Labels and headings steer the walk
//! ([`vocabulary`]): "Already includes" makes claims, "For all episodes" a document-wide list,
//! "Strengths" or "Next steps" a skipped section. YAML front matter can name the document's
//! episodes ([`front_matter`]); docstrings in a document-wide code block name the episode of
//! each element ([`elements`]).
//!
//! Nothing is dropped silently: a skipped section is recorded with its reason, a context that
//! names an episode but yields nothing is a `recommendation-unread` finding at its line, and
//! so is a whole document from which nothing was read.

mod blocks;
mod elements;
mod front_matter;
mod structured;
mod table;
mod unit;
pub(crate) mod vocabulary;

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::enhance::reference::{self, Reference};
use crate::enhance::targets::Resolver;
use crate::enhance::titles::TitleMatch;
use crate::enhance::{Draft, Origin, Skipped, TargetSpec, example};
use crate::markdown::{CodeBlock, Document, Heading, ListItem, Paragraph};
use blocks::Block;
use unit::Unit;

/// What a recommendations document says.
#[derive(Debug, Default)]
pub(crate) struct Reading {
    /// Every recommendation and claim, in order.
    pub(crate) drafts: Vec<Draft>,
    /// The series groups (`## Episodes 19-21 (Architecture Deep Dives)`), in order.
    pub(crate) groups: Vec<TargetSpec>,
    /// Every episode context the document opens, in order (document-wide lists apply to
    /// the episodes they resolve to).
    pub(crate) named: Vec<TargetSpec>,
    /// Sections and labels that hold no requirement.
    pub(crate) skipped: Vec<Skipped>,
    /// `recommendation-unread` and `requirements-block` findings.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// What a context is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Role {
    /// Names one episode, or several (a group): what follows is for them.
    Target(TargetSpec),
    /// What follows applies to every episode the document names.
    DocumentWide,
    /// What follows is not a requirement.
    Skip,
    /// What follows are claims about the enclosing context's episodes.
    Claims,
    /// Names a series only (`## Case Studies`): references below without a series of their
    /// own are in it.
    Series(String),
    /// Changes nothing (a "Recommended Enhancements" label, an unrelated heading).
    Neutral,
}

/// An open context: a heading's section, a list item's children, or a memo paragraph's
/// following blocks.
#[derive(Debug, Clone)]
struct Frame {
    /// Heading level (1-6); 7 for list-item and paragraph frames, 0 for the document.
    level: u8,
    /// For list-item frames: where the item ends.
    ends_at: Option<usize>,
    role: Role,
    /// Where it was opened (for `recommendation-unread`).
    span: Range<usize>,
    /// Drafts read before it opened.
    drafts_before: usize,
    /// Whether to report it when it yields nothing.
    report_if_empty: bool,
    /// For an unrelated top-level heading: its text, recorded as skipped when empty.
    unnamed: Option<String>,
}

/// Level of frames opened by paragraphs and bold labels.
const PARAGRAPH_LEVEL: u8 = 7;
/// Level of frames opened by list items.
const ITEM_LEVEL: u8 = 8;

/// Reads every recommendation of one document. `resolver` knows the course's series names
/// and episode titles, for headings that name a series or an episode by title alone.
pub(crate) fn read(doc: &Document<'_>, resolver: &Resolver<'_>) -> Reading {
    let mut reader = Reader {
        doc,
        resolver,
        out: Reading::default(),
        frames: Vec::new(),
        unit: None,
    };
    reader.front_matter();
    let blocks = blocks::in_order(doc);
    for (i, block) in blocks.iter().enumerate() {
        let next = blocks.get(i + 1);
        match *block {
            Block::Heading(h) => reader.heading(h, &blocks[i + 1..]),
            Block::Paragraph(p) => reader.paragraph(p, next),
            Block::Item(item) => reader.item(item),
            Block::Table(t) => reader.table(t),
            Block::Code(c) => reader.code(c),
        }
    }
    reader.finish()
}

struct Reader<'d, 'r> {
    doc: &'d Document<'d>,
    resolver: &'r Resolver<'r>,
    out: Reading,
    frames: Vec<Frame>,
    unit: Option<Unit>,
}

impl Reader<'_, '_> {
    fn front_matter(&mut self) {
        let Some((yaml, span)) = &self.doc.front_matter else {
            return;
        };
        match front_matter::targets(yaml) {
            Ok(targets) => {
                self.out.named.extend(targets.iter().cloned());
                self.out.groups.extend(targets.iter().cloned());
                // One target is the document's context; several only settle series and
                // document-wide lists.
                if let [target] = targets.as_slice() {
                    let single = target.numbers.len() == 1 || target.title.is_some();
                    self.push(Frame {
                        level: 0,
                        ends_at: None,
                        role: Role::Target(target.clone()),
                        span: span.clone(),
                        drafts_before: 0,
                        report_if_empty: single,
                        unnamed: None,
                    });
                }
            }
            Err(message) => self.out.diagnostics.push(
                Diagnostic::new(
                    "recommendation-unread",
                    &self.doc.source.rel_path,
                    span.start..span.start,
                    format!("the front matter's episodes cannot be read: {message}"),
                )
                .help("write `episodes: [3, 4]`, `episode: 3` with `series: Name`, or a list of `{series: Name, number: 3}`"),
            ),
        }
    }

    // ---- headings ----

    fn heading(&mut self, heading: &Heading, after: &[Block<'_>]) {
        self.finish_unit();
        self.close_frames(|f| f.level >= heading.level || f.level >= PARAGRAPH_LEVEL);
        let text = heading.text.trim();
        let section_end = after
            .iter()
            .find_map(|b| match b {
                Block::Heading(h) if h.level <= heading.level => Some(h.span.start),
                _ => None,
            })
            .unwrap_or(self.doc.source.text.len());
        let has_children = after
            .iter()
            .take_while(|b| b.start() < section_end)
            .any(|b| matches!(b, Block::Heading(_)));
        let frame = |role: Role, report_if_empty: bool| Frame {
            level: heading.level,
            ends_at: None,
            role,
            span: heading.span.clone(),
            drafts_before: 0,
            report_if_empty,
            unnamed: None,
        };
        if let Some(reference) = reference::parse(text) {
            return self.reference_heading(heading, reference, has_children);
        }
        if let Some(reference) = self.later_reference(text) {
            return self.reference_heading(heading, reference, has_children);
        }
        if let Some(reason) = vocabulary::skip_reason(text) {
            self.skip(heading.span.start, text, reason);
            return self.push(frame(Role::Skip, false));
        }
        if vocabulary::is_document_wide(text) {
            return self.push(frame(Role::DocumentWide, false));
        }
        if vocabulary::is_claim(text) {
            return self.push(frame(Role::Claims, false));
        }
        if vocabulary::is_container(text) {
            return self.push(frame(Role::Neutral, false));
        }
        if let Some(series) = self.resolver.names_series(text) {
            return self.push(frame(Role::Series(series), false));
        }
        if !vocabulary::starts_imperative(text)
            && let Some(target) = self.by_title(text)
        {
            self.out.named.push(target.clone());
            return self.push(frame(Role::Target(target), true));
        }
        match self.context() {
            Context::Target(_) | Context::DocumentWide if !has_children => {
                let section = heading.span.end..section_end;
                let says_what = vocabulary::starts_imperative(text)
                    || crate::enhance::kind::intent(text).is_some();
                if !says_what && self.holds_units(&section) {
                    self.push(frame(Role::Neutral, false));
                } else {
                    self.start_unit(heading.span.clone(), text, None, Some(section_end));
                }
            }
            Context::None => {
                let mut f = frame(Role::Neutral, false);
                f.unnamed = (heading.level >= 2).then(|| text.to_owned());
                self.push(f);
            }
            _ => self.push(frame(Role::Neutral, false)),
        }
    }

    /// A reference after other words in a heading or item: `Pattern Drills, episodes 1 to 3`
    /// (the words before name the series), or `Add retry metrics to episode 3` (they say what
    /// to add: the reference's rest becomes those words).
    fn later_reference(&self, text: &str) -> Option<Reference> {
        let mut reference = reference::find(text).into_iter().next()?;
        let before = reference
            .before
            .trim_end_matches([',', ':', '-', '–', '—', '·', '|'])
            .trim();
        if reference.qualifier.is_none()
            && let Some(series) = self.resolver.names_series(before)
        {
            reference.qualifier = Some(series);
            return Some(reference);
        }
        if vocabulary::starts_imperative(before) || crate::enhance::kind::intent(before).is_some() {
            let after = reference.rest.clone();
            reference.rest = if after.is_empty() {
                before.to_owned()
            } else {
                format!("{before} {after}")
            };
            return Some(reference);
        }
        None
    }

    fn reference_heading(&mut self, heading: &Heading, reference: Reference, has_children: bool) {
        let target = self.target_of(&reference);
        let rest = reference.rest.trim();
        let mut frame = Frame {
            level: heading.level,
            ends_at: None,
            role: Role::Target(target.clone()),
            span: heading.span.clone(),
            drafts_before: 0,
            report_if_empty: true,
            unnamed: None,
        };
        if let Some(reason) = vocabulary::skip_reason(rest) {
            self.skip(heading.span.start, &heading.text, reason);
            frame.role = Role::Skip;
            frame.report_if_empty = false;
            return self.push(frame);
        }
        self.out.named.push(target.clone());
        if reference.plural && !self.names_a_title(rest, &reference) {
            self.out.groups.push(target.clone());
        }
        if vocabulary::is_claim(rest) {
            self.push(frame);
            return self.claims(heading.span.clone(), vocabulary::claimed_part(rest), true);
        }
        let asks = !rest.is_empty()
            && !self.names_a_title(rest, &reference)
            && (vocabulary::starts_imperative(rest)
                || crate::enhance::kind::intent(rest).is_some());
        self.push(frame);
        if asks && !has_children {
            let end = self.section_end(heading);
            self.start_unit(heading.span.clone(), rest, None, Some(end));
        }
    }

    fn section_end(&self, heading: &Heading) -> usize {
        self.doc
            .headings
            .iter()
            .find(|h| h.span.start > heading.span.start && h.level <= heading.level)
            .map_or(self.doc.source.text.len(), |h| h.span.start)
    }

    /// Whether a section holds recommendation units of its own (numbered items, items led by
    /// a bold title or a verb, each followed by its example), making its heading a label.
    fn holds_units(&self, section: &Range<usize>) -> bool {
        let items: Vec<&ListItem> = self
            .doc
            .list_items
            .iter()
            .filter(|i| section.contains(&i.span.start))
            .collect();
        let top = items.iter().map(|i| i.depth).min().unwrap_or(0);
        let units = items
            .iter()
            .filter(|i| i.depth == top)
            .filter(|i| {
                let metric_line =
                    i.lead_strong.is_some() && crate::markdown::metrics::has_number(&i.text);
                (i.lead_strong.is_some() && !metric_line) || vocabulary::starts_imperative(&i.text)
            })
            .count();
        let tables = self
            .doc
            .tables
            .iter()
            .any(|t| section.contains(&t.span.start) && table::is_requirements_table(t));
        units >= 2 || tables
    }

    // ---- paragraphs ----

    fn paragraph(&mut self, paragraph: &Paragraph, next: Option<&Block<'_>>) {
        let text = paragraph.text.trim();
        if text.is_empty() {
            return;
        }
        let followed_by_fence =
            matches!(next, Some(Block::Code(c)) if c.lang.as_deref() != Some("requirements"));
        let mut references = reference::find(text);
        if references.is_empty()
            && !paragraph.is_bold_label
            && let Some(by_title) = self.title_reference(text)
        {
            references.push(by_title);
        }
        let is_label = paragraph.is_bold_label
            || (text.ends_with(':') && text.split_whitespace().count() <= 12);
        if !references.is_empty() && !self.in_skip() {
            return self.memo_paragraph(paragraph, text, &references, followed_by_fence);
        }
        if is_label {
            // A label ends the previous label's list (`**Strengths:**` … `**Recommended:**`).
            self.finish_unit();
            self.close_frames(|f| f.level >= PARAGRAPH_LEVEL && f.ends_at.is_none());
            if self.in_skip_frame() {
                return;
            }
            return self.label(paragraph, text, followed_by_fence);
        }
        if self.in_skip_frame() {
            return;
        }
        if vocabulary::is_document_wide(text) {
            self.finish_unit();
            self.open_paragraph_frame(paragraph.span.clone(), Role::DocumentWide, false);
            if crate::enhance::kind::intent(text).is_some() {
                self.start_unit(
                    paragraph.span.clone(),
                    &unit::title_of_sentence(text),
                    Some(text),
                    None,
                );
            }
            return;
        }
        let context = self.context();
        if matches!(context, Context::Target(_)) && vocabulary::is_claim(text) {
            self.finish_unit();
            return self.claims(paragraph.span.clone(), vocabulary::claimed_part(text), true);
        }
        if let Some(unit) = self.unit.as_mut() {
            unit.describe(text);
            return;
        }
        let asks = vocabulary::asks_for_something(text)
            && (followed_by_fence || crate::enhance::kind::intent(text).is_some());
        if asks && matches!(context, Context::Target(_) | Context::DocumentWide) {
            self.start_unit(
                paragraph.span.clone(),
                &unit::title_of_sentence(text),
                Some(text),
                None,
            );
        }
    }

    /// A paragraph that names episodes: it opens a context for what follows, and may itself
    /// be a recommendation or a claim.
    fn memo_paragraph(
        &mut self,
        paragraph: &Paragraph,
        text: &str,
        references: &[Reference],
        followed_by_example: bool,
    ) {
        self.finish_unit();
        self.close_frames(|f| f.level >= PARAGRAPH_LEVEL);
        let target = self.target_of_all(references);
        let single = target.numbers.len() <= 1 && !references.iter().any(|r| r.plural);
        self.out.named.push(target.clone());
        self.open_paragraph_frame(paragraph.span.clone(), Role::Target(target), single);
        let without_refs = unit::without_references(text, references);
        if vocabulary::is_claim(text) {
            return self.claims(
                paragraph.span.clone(),
                vocabulary::claimed_part(&without_refs),
                true,
            );
        }
        let intent = crate::enhance::kind::intent(&without_refs).is_some();
        let introduces_example = followed_by_example;
        let asks = (vocabulary::asks_for_something(&without_refs)
            && (introduces_example || intent))
            || (introduces_example && intent);
        if asks {
            self.start_unit(
                paragraph.span.clone(),
                &unit::title_of_sentence(&without_refs),
                Some(&without_refs),
                None,
            );
        }
    }

    /// A bold label (`**Current Strengths:**`, `**Already Includes:**`, `**Add Metrics:**`).
    fn label(&mut self, paragraph: &Paragraph, text: &str, followed_by_fence: bool) {
        self.finish_unit();
        self.close_frames(|f| f.level >= PARAGRAPH_LEVEL && f.ends_at.is_none());
        let (head, tail) = split_label(text);
        if let Some(reason) = vocabulary::skip_reason(head) {
            self.skip(paragraph.span.start, head, reason);
            return self.open_paragraph_frame(paragraph.span.clone(), Role::Skip, false);
        }
        if vocabulary::is_claim(head) {
            self.open_paragraph_frame(paragraph.span.clone(), Role::Claims, false);
            if !tail.is_empty() {
                self.claims(paragraph.span.clone(), tail, true);
            }
            return;
        }
        if vocabulary::is_document_wide(text) {
            self.open_paragraph_frame(paragraph.span.clone(), Role::DocumentWide, false);
            // "For all episodes, add a calculator:" is itself the requirement; "For all
            // episodes:" introduces a list of them.
            if crate::enhance::kind::intent(head).is_some() {
                self.start_unit(
                    paragraph.span.clone(),
                    &unit::title_of_sentence(head),
                    Some(text),
                    None,
                );
            }
            return;
        }
        if vocabulary::is_container(head) {
            return;
        }
        let context = self.context();
        let asks = followed_by_fence
            || vocabulary::starts_imperative(head)
            || crate::enhance::kind::intent(head).is_some();
        if asks && matches!(context, Context::Target(_) | Context::DocumentWide) {
            let description = (!tail.is_empty()).then_some(tail);
            self.start_unit(paragraph.span.clone(), head, description, None);
        }
    }

    // ---- list items ----

    fn item(&mut self, item: &ListItem) {
        self.close_frames(|f| f.ends_at.is_some_and(|end| end <= item.span.start));
        let text = item.text.trim();
        if text.is_empty() {
            return;
        }
        if let Some(unit) = self.unit.as_mut()
            && unit.takes_item(item)
        {
            unit.describe(text);
            return;
        }
        if self.in_skip_frame() {
            return;
        }
        let lead = item
            .lead_strong
            .as_deref()
            .map(|l| l.trim().trim_end_matches(':').trim());
        if let Some(reference) = reference::parse(text) {
            return self.reference_item(item, reference);
        }
        match self.context() {
            Context::Claims(_) => {
                self.finish_unit();
                let claimed = if vocabulary::is_claim(text) {
                    vocabulary::claimed_part(text)
                } else {
                    text
                };
                self.claims(item.span.clone(), claimed, false);
            }
            Context::Target(_) | Context::DocumentWide => {
                self.finish_unit();
                if let Some(reason) = lead.and_then(vocabulary::skip_reason) {
                    self.skip(item.span.start, lead.unwrap_or(text), reason);
                    return self.open_item_frame(item, Role::Skip, false);
                }
                if vocabulary::is_claim(lead.unwrap_or(text)) {
                    let (_, tail) = split_label(text);
                    let claimed = if tail.is_empty() {
                        vocabulary::claimed_part(text)
                    } else {
                        tail
                    };
                    self.open_item_frame(item, Role::Claims, false);
                    if !claimed.is_empty() {
                        self.claims(item.span.clone(), claimed, !tail.is_empty());
                    }
                    return;
                }
                if vocabulary::is_container(lead.unwrap_or(text))
                    && text.split_whitespace().count() <= 5
                {
                    return;
                }
                let title = lead.map_or_else(|| unit::title_of_sentence(text), str::to_owned);
                self.start_unit(item.span.clone(), &title, Some(text), Some(item.span.end));
            }
            Context::None | Context::Series(_) => {
                if item.depth == 0
                    && let Some(target) = self.by_title(lead.unwrap_or(text))
                {
                    self.finish_unit();
                    self.out.named.push(target.clone());
                    self.open_item_frame(item, Role::Target(target), true);
                }
            }
            Context::Skip => {}
        }
    }

    fn reference_item(&mut self, item: &ListItem, reference: Reference) {
        self.finish_unit();
        let target = self.target_of(&reference);
        self.out.named.push(target.clone());
        let rest = reference.rest.trim();
        if vocabulary::is_claim(rest) {
            self.open_item_frame(item, Role::Target(target), false);
            return self.claims(item.span.clone(), vocabulary::claimed_part(rest), true);
        }
        let just_names = rest.is_empty() || self.names_a_title(rest, &reference);
        let single = !reference.plural;
        self.open_item_frame(item, Role::Target(target), single && just_names);
        if !just_names {
            let title = unit::title_of_sentence(rest);
            self.start_unit(item.span.clone(), &title, Some(rest), Some(item.span.end));
        }
    }

    // ---- tables and code ----

    fn table(&mut self, t: &crate::markdown::Table) {
        if let Some(unit) = self.unit.as_mut()
            && unit.takes_table(t.span.start)
        {
            unit.example = Some(unit::table_as_example(self.doc, t));
            return;
        }
        self.finish_unit();
        if self.in_skip_frame() {
            return;
        }
        let context = self.context();
        let reading = table::read(
            self.doc,
            t,
            &context_target(&context),
            self.resolver.titles(),
        );
        for target in reading.named {
            self.out.named.push(target);
        }
        self.out.drafts.extend(reading.drafts);
    }

    fn code(&mut self, block: &CodeBlock) {
        if block.lang.as_deref() == Some("requirements") {
            self.finish_unit();
            let (drafts, diagnostics) = structured::read(self.doc, block);
            self.out
                .named
                .extend(drafts.iter().map(|d| d.target.clone()));
            self.out.drafts.extend(drafts);
            self.out.diagnostics.extend(diagnostics);
            return;
        }
        let element_drafts = elements::read(self.doc, block);
        // Outside any episode's section, a block whose docstrings name episodes lists
        // elements for them; the words that introduced it are not a requirement of their own.
        let outside_episodes = matches!(
            self.context(),
            Context::DocumentWide | Context::None | Context::Series(_)
        );
        if !element_drafts.is_empty()
            && (outside_episodes || self.unit.as_ref().is_some_and(Unit::is_document_wide))
        {
            // The block names the episode of each element: the list's own introduction is
            // not a requirement of its own.
            self.unit = None;
            self.out.drafts.extend(element_drafts);
            return;
        }
        if let Some(unit) = self.unit.as_mut()
            && unit.takes_example(block)
        {
            unit.example = Some(block.clone());
            return;
        }
        if self.in_skip_frame() {
            return;
        }
        if matches!(self.context(), Context::Target(_) | Context::DocumentWide) {
            self.finish_unit();
            let title = unit::title_of_example(block);
            self.start_unit(block.span.clone(), &title, None, Some(block.span.end));
            if let Some(unit) = self.unit.as_mut() {
                unit.example = Some(block.clone());
            }
        }
    }

    // ---- units and claims ----

    fn start_unit(
        &mut self,
        span: Range<usize>,
        title: &str,
        description: Option<&str>,
        ends_at: Option<usize>,
    ) {
        self.finish_unit();
        let target = match self.context() {
            Context::Target(t) => t,
            Context::DocumentWide => TargetSpec {
                document_wide: true,
                ..TargetSpec::default()
            },
            _ => return,
        };
        self.unit = Some(Unit::new(span, title, description, ends_at, target));
    }

    fn finish_unit(&mut self) {
        let Some(unit) = self.unit.take() else {
            return;
        };
        self.out.drafts.push(unit.into_draft(self.doc));
    }

    /// One claim per claimed thing: a list item is one claim; a sentence ("already covers two
    /// diagrams and a Go sample") may hold several.
    fn claims(&mut self, span: Range<usize>, claimed: &str, split: bool) {
        let Context::Target(target) = self.context_of_claims() else {
            return;
        };
        let parts: Vec<String> = if split {
            unit::split_claims(claimed)
        } else {
            vec![claimed.trim().trim_end_matches('.').to_owned()]
        };
        for part in parts.into_iter().filter(|p| !p.is_empty()) {
            let (kind, fingerprint) = example::claim(&part);
            self.out.drafts.push(Draft {
                title: part.clone(),
                kind,
                origin: Origin::Claim,
                file: self.doc.source.rel_path.clone(),
                span: unit::first_line(self.doc, span.start),
                target: target.clone(),
                fingerprint,
                count: crate::enhance::claim::claimed_count(&part),
            });
        }
    }

    // ---- contexts ----

    fn push(&mut self, mut frame: Frame) {
        frame.drafts_before = self.out.drafts.len();
        self.frames.push(frame);
    }

    fn open_paragraph_frame(&mut self, span: Range<usize>, role: Role, report_if_empty: bool) {
        self.close_frames(|f| f.level >= PARAGRAPH_LEVEL);
        self.push(Frame {
            level: PARAGRAPH_LEVEL,
            ends_at: None,
            role,
            span,
            drafts_before: 0,
            report_if_empty,
            unnamed: None,
        });
    }

    fn open_item_frame(&mut self, item: &ListItem, role: Role, report_if_empty: bool) {
        self.push(Frame {
            level: ITEM_LEVEL,
            ends_at: Some(item.span.end),
            role,
            span: item.span.clone(),
            drafts_before: 0,
            report_if_empty,
            unnamed: None,
        });
    }

    /// Closes the innermost frames while `done` holds for them, reporting the ones that name
    /// an episode and yielded nothing.
    fn close_frames(&mut self, done: impl Fn(&Frame) -> bool) {
        while self.frames.last().is_some_and(&done) {
            self.finish_unit();
            let Some(frame) = self.frames.pop() else {
                break;
            };
            let empty = self.out.drafts.len() == frame.drafts_before;
            if empty && frame.report_if_empty {
                self.unread(&frame);
            }
            if empty && let Some(text) = &frame.unnamed {
                self.skip(frame.span.start, text, "names no episode");
            }
        }
    }

    fn unread(&mut self, frame: &Frame) {
        let span = unit::first_line(self.doc, frame.span.start);
        let what = match frame.level {
            0 => "the front matter names an episode",
            ITEM_LEVEL => "this list item names an episode",
            PARAGRAPH_LEVEL => "this paragraph names an episode",
            _ => "this section names an episode",
        };
        self.out.diagnostics.push(
            Diagnostic::new(
                "recommendation-unread",
                &self.doc.source.rel_path,
                span,
                format!("{what}, but no recommendation was read from it"),
            )
            .label("nothing here says what to add")
            .help("write each recommendation as a list item, a heading, a table row or a sentence that says what to add (\"Add a sequence diagram of …\"), optionally followed by an example block; `episode enhancements` shows what was read"),
        );
    }

    fn skip(&mut self, at: usize, text: &str, reason: &'static str) {
        self.out.skipped.push(Skipped {
            file: self.doc.source.rel_path.clone(),
            line: self.doc.source.line_col(at).line,
            text: text.trim().trim_end_matches(':').to_owned(),
            reason,
        });
    }

    fn in_skip_frame(&self) -> bool {
        matches!(self.context(), Context::Skip)
    }

    fn in_skip(&self) -> bool {
        self.frames
            .iter()
            .any(|f| f.role == Role::Skip && f.level < PARAGRAPH_LEVEL)
    }

    /// The innermost context that decides what a unit is for.
    /// A series heading narrows an outer target (front matter listing episodes) rather than
    /// hiding it; on its own it only names the series.
    fn context(&self) -> Context {
        let mut claims = false;
        let mut series: Option<&String> = None;
        for frame in self.frames.iter().rev() {
            match &frame.role {
                Role::Skip => return Context::Skip,
                Role::Claims => claims = true,
                Role::DocumentWide if !claims => return Context::DocumentWide,
                Role::Target(t) => {
                    let mut t = t.clone();
                    if let Some(name) = series {
                        t.series = Some(name.clone());
                    }
                    return if claims {
                        Context::Claims(t)
                    } else {
                        Context::Target(t)
                    };
                }
                Role::Series(name) if series.is_none() => series = Some(name),
                _ => {}
            }
        }
        match series {
            Some(name) if !claims => Context::Series(name.clone()),
            _ => Context::None,
        }
    }

    /// The target claims are about: the innermost target, through a claims label.
    fn context_of_claims(&self) -> Context {
        match self.context() {
            Context::Claims(t) | Context::Target(t) => Context::Target(t),
            other => other,
        }
    }

    // ---- references ----

    fn target_of(&self, reference: &Reference) -> TargetSpec {
        let series = reference
            .qualifier
            .clone()
            .or_else(|| self.inherited_series());
        let rest = reference.rest.trim();
        TargetSpec {
            numbers: reference.numbers.clone(),
            series,
            title: (!rest.is_empty()).then(|| rest.to_owned()),
            episodes: reference.episodes.clone(),
            ..TargetSpec::default()
        }
    }

    fn target_of_all(&self, references: &[Reference]) -> TargetSpec {
        let mut target = self.target_of(&references[0]);
        target.title = None;
        for reference in &references[1..] {
            target.numbers.extend(&reference.numbers);
            target.episodes.extend(&reference.episodes);
            if target.series.is_none() {
                target.series = reference.qualifier.clone();
            }
        }
        target.numbers.sort_unstable();
        target.numbers.dedup();
        target
    }

    /// The series named by an enclosing group, when a reference names none.
    fn inherited_series(&self) -> Option<String> {
        self.frames.iter().rev().find_map(|f| match &f.role {
            Role::Target(t) => t.series.clone(),
            Role::Series(name) => Some(name.clone()),
            _ => None,
        })
    }

    /// Whether the text after a reference is the episode's title rather than a request. Not
    /// when it starts with a verb or with a kind and a colon (`Metrics: …`); yes when it is
    /// nearly the whole title of an episode with that number; not when it names a kind of
    /// block (metrics, a diagram, code, an interactive element); yes when most of its words
    /// are that title's, or when it names no kind at all.
    fn names_a_title(&self, rest: &str, reference: &Reference) -> bool {
        use crate::enhance::Kind;
        if rest.is_empty() || vocabulary::starts_imperative(rest) {
            return false;
        }
        if let Some((head, _)) = rest.split_once(':')
            && crate::enhance::kind::intent(head).is_some()
        {
            return false;
        }
        if self.resolver.title_coverage(rest, &reference.numbers) >= 0.75 {
            return true;
        }
        match crate::enhance::kind::intent(rest) {
            Some(Kind::Metrics | Kind::Diagram(_) | Kind::Code(_) | Kind::Interactive) => false,
            Some(Kind::Prose(_)) => self.resolver.title_overlap(rest, &reference.numbers) >= 0.5,
            None => true,
        }
    }

    /// A paragraph that names an episode by its whole title, as a reference with no numbers
    /// (its target is the episode itself).
    fn title_reference(&self, text: &str) -> Option<Reference> {
        match self.resolver.titles().named_in(text) {
            TitleMatch::One(e) => Some(Reference {
                numbers: Vec::new(),
                qualifier: None,
                rest: String::new(),
                before: String::new(),
                span: 0..0,
                plural: false,
                episodes: vec![e],
            }),
            _ => None,
        }
    }

    fn by_title(&self, text: &str) -> Option<TargetSpec> {
        match self.resolver.titles().find(text) {
            TitleMatch::One(e) => Some(TargetSpec {
                episodes: vec![e],
                title: Some(text.to_owned()),
                ..TargetSpec::default()
            }),
            TitleMatch::Several(episodes) => Some(TargetSpec {
                title: Some(text.to_owned()),
                ambiguous_title: episodes,
                ..TargetSpec::default()
            }),
            TitleMatch::None => None,
        }
    }

    fn finish(mut self) -> Reading {
        self.finish_unit();
        self.close_frames(|_| true);
        if self.out.drafts.is_empty() && self.out.diagnostics.is_empty() {
            self.out.diagnostics.push(nothing_read(self.doc));
        }
        self.out
    }
}

/// The context a unit is read in.
#[derive(Debug, Clone)]
enum Context {
    /// No episode is named yet.
    None,
    /// Not a requirement.
    Skip,
    /// Claims about these episodes.
    Claims(TargetSpec),
    /// Recommendations for these episodes.
    Target(TargetSpec),
    /// Recommendations for every episode the document names.
    DocumentWide,
    /// Below a series heading, outside any episode.
    Series(String),
}

fn context_target(context: &Context) -> Option<TargetSpec> {
    match context {
        Context::Target(t) | Context::Claims(t) => Some(t.clone()),
        Context::Series(name) => Some(TargetSpec {
            series: Some(name.clone()),
            ..TargetSpec::default()
        }),
        _ => None,
    }
}

/// `Already Includes: metrics, diagrams` → ("Already Includes", "metrics, diagrams").
fn split_label(text: &str) -> (&str, &str) {
    match text.split_once(':') {
        Some((head, tail)) => (head.trim(), tail.trim()),
        None => (text.trim(), ""),
    }
}

fn nothing_read(doc: &Document<'_>) -> Diagnostic {
    let span = unit::first_line(doc, 0);
    Diagnostic::new(
        "recommendation-unread",
        &doc.source.rel_path,
        span,
        "no recommendation was read from this file",
    )
    .label("nothing in this file names an episode and says what to add")
    .help("the reader looks for an episode named as `Episode 3`, `Ep. 3`, `#3`, `episode 3 of <series>` or by its title, in a heading, a list item, a table's episode column, a paragraph or front matter (`episodes: [3]`), and under it what to add: list items, headings, table rows or sentences, each optionally followed by an example block")
    .help("for certainty, list requirements in a ```requirements block (see `episode lint --explain recommendation-unread`)")
}
