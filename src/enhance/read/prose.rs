//! Paragraphs: a bold label steers what follows (strengths are skipped, "Already includes"
//! makes claims, "For all episodes" a document-wide list, "Diagrams to add" groups the list
//! after it by kind); a paragraph that names an episode opens a context and may itself ask
//! for something; in a context, a sentence that asks for something, or introduces an
//! example, is a recommendation, and so is a label that names a kind followed by what to add
//! (`Diagrams: a sequence of one retry`).

use std::ops::Range;

use super::blocks::Block;
use super::unit::{self};
use super::{Context, Frame, PARAGRAPH_LEVEL, Reader, Role, split_label, vocabulary};
use crate::enhance::Kind;
use crate::markdown::{ListItem, Paragraph};
use crate::reference::{self, Reference};

impl Reader<'_, '_> {
    // ---- paragraphs ----

    pub(super) fn paragraph(&mut self, paragraph: &Paragraph, next: Option<&Block<'_>>) {
        let doc = self.doc;
        let text = doc.text_of(&paragraph.text()).trim();
        if text.is_empty() {
            return;
        }
        // An example follows: a fence (not a requirements block) or a table.
        let followed_by_fence = matches!(next, Some(Block::Code(c)) if c.lang.as_deref() != Some("requirements"))
            || matches!(next, Some(Block::Table(_)));
        let list_end = match next {
            Some(Block::Item(first)) => Some(self.list_end(first)),
            _ => None,
        };
        if vocabulary::sums_up(text) {
            self.finish_unit();
            self.close_frames(|f| f.level >= PARAGRAPH_LEVEL && f.ends_at.is_none());
            return self.skip(
                paragraph.span().start,
                &unit::title_of_sentence(text),
                "summary",
            );
        }
        let mut references = reference::find(text);
        if references.is_empty()
            && !paragraph.is_bold_label()
            && let Some(by_title) = self.title_reference(text)
        {
            references.push(by_title);
        }
        let is_label = paragraph.is_bold_label()
            || (text.ends_with(':') && text.split_whitespace().count() <= 12);
        if !references.is_empty() && !self.in_skip() {
            return self.memo_paragraph(paragraph, text, &references, followed_by_fence);
        }
        if is_label {
            // A label ends the previous label's list (`**Strengths:**` … `**Recommended:**`).
            self.finish_unit();
            self.close_frames(|f| f.closes_at_label());
            if self.in_skip_frame() {
                return;
            }
            return self.label(paragraph, text, followed_by_fence, list_end);
        }
        if self.in_skip_frame() {
            return;
        }
        if vocabulary::is_document_wide(text) {
            self.finish_unit();
            self.open_paragraph_frame(paragraph.span(), Role::DocumentWide, false);
            if crate::enhance::kind::intent(text).is_some() {
                self.start_unit(
                    paragraph.span(),
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
            return self.claims(paragraph.span(), vocabulary::claimed_part(text), true);
        }
        // "Summary: these enhancements will add …" restates what came before.
        let (head, tail) = split_label(text);
        let head = head.trim_matches(['*', '_']);
        if !tail.is_empty()
            && head.split_whitespace().count() <= 2
            && vocabulary::skip_reason(head) == Some("summary")
            && !vocabulary::asks_for_a_block(tail)
        {
            self.finish_unit();
            return self.skip(paragraph.span().start, head, "summary");
        }
        let intent = crate::enhance::kind::intent(text).is_some();
        let in_target = matches!(context, Context::Target(_) | Context::DocumentWide);
        // "Diagrams: a sequence of one retry": a label that names only a kind, then what to add.
        if in_target
            && !tail.is_empty()
            && let Some(kind) = crate::enhance::kind::named_alone(head)
        {
            self.finish_unit();
            return self.kind_lead(paragraph.span(), head, text, kind, None);
        }
        if let Some(unit) = self.unit.as_mut() {
            // A paragraph that starts a request of its own ("Add a Go sample of …", "Also,
            // add …") after a list item or after another paragraph's request is one; any other
            // describes the request before it.
            let own_block_over = unit.ended_before(paragraph.span().start) || unit.is_open_ended();
            let starts_anew = unit::starts_request_after(unit.title(), text);
            if !(own_block_over && starts_anew && in_target) {
                unit.describe(text);
                return;
            }
            self.finish_unit();
        }
        let asks = vocabulary::asks_for_something(text) && (followed_by_fence || intent);
        // "**Diagrams:** a sequence of one retry": the lead names the kind, the rest what to add.
        let kind_lead = !tail.is_empty() && crate::enhance::kind::named_alone(head).is_some();
        if kind_lead && in_target {
            self.start_unit(paragraph.span(), head, Some(tail), None);
        } else if asks && in_target {
            self.start_sentence_units(paragraph.span(), text);
        } else if matches!(context, Context::None | Context::Series(_))
            && vocabulary::asks_for_a_block(text)
            && !self.in_skip()
        {
            self.note_dropped(paragraph.span().start);
        }
    }

    /// One recommendation per request of a paragraph ([`unit::split_asks`]); the last one
    /// takes the example that follows.
    fn start_sentence_units(&mut self, span: std::ops::Range<usize>, text: &str) {
        for part in unit::split_asks(text) {
            self.start_unit(
                span.clone(),
                &unit::title_of_sentence(part),
                Some(part),
                None,
            );
        }
    }

    /// A paragraph that names episodes: it opens a context for what follows, and may itself
    /// be a recommendation or a claim.
    pub(super) fn memo_paragraph(
        &mut self,
        paragraph: &Paragraph,
        text: &str,
        references: &[Reference],
        followed_by_example: bool,
    ) {
        self.finish_unit();
        self.close_frames(|f| f.level >= PARAGRAPH_LEVEL);
        let target = self.target_of_all(references);
        // A paragraph that asks for something it does not say clearly is reported; one that
        // only praises or summarises an episode is not.
        let single = target.numbers.len() <= 1
            && !references.iter().any(|r| r.plural)
            && vocabulary::asks_for_something(text);
        self.open_paragraph_frame(paragraph.span(), Role::Target(target), single);
        let without_refs = unit::without_references(text, references);
        if vocabulary::is_claim(text) {
            return self.claims(
                paragraph.span(),
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
            self.start_sentence_units(paragraph.span(), &without_refs);
        }
    }

    /// A label that names only `kind`, then what to add, in `text` (`Diagrams: a sequence of
    /// one retry. Also add …`), as a paragraph or a list item (whose block ends at `ends_at`):
    /// the first request takes the label's kind, made as specific as its words allow; a later
    /// one is grouped under it. After the label, a refusal ("none needed") is skipped and
    /// "already includes …" makes claims.
    pub(super) fn kind_lead(
        &mut self,
        span: Range<usize>,
        label: &str,
        text: &str,
        kind: Kind,
        ends_at: Option<usize>,
    ) {
        let (_, tail) = split_label(text);
        if vocabulary::declines(tail) {
            return self.skip(span.start, text, "declines");
        }
        if vocabulary::is_claim(tail) {
            return self.claims(span, vocabulary::claimed_part(tail), true);
        }
        let mut parts = unit::split_asks(text).into_iter();
        if let Some(first) = parts.next() {
            self.start_unit(span.clone(), label, Some(first), ends_at);
            self.unit = self.unit.take().map(|u| u.led_by(kind.clone()));
        }
        for part in parts {
            self.start_unit(
                span.clone(),
                &unit::title_of_sentence(part),
                Some(part),
                ends_at,
            );
            self.unit = self.unit.take().map(|u| u.grouped_as(Some(kind.clone())));
        }
    }

    /// Where the list that starts with `first` ends, its nested lists included.
    fn list_end(&self, first: &ListItem) -> usize {
        let items = &self.doc.list_items;
        let from = items.partition_point(|i| i.span().start < first.span().start);
        items[from..]
            .iter()
            .take_while(|i| i.list() == first.list() || i.depth() > first.depth())
            .map(|i| i.span().end)
            .max()
            .unwrap_or(first.span().end)
    }

    /// A bold label (`**Current Strengths:**`, `**Already Includes:**`, `**Add Metrics:**`);
    /// `list_end` is where the list right after it ends, if one follows.
    pub(super) fn label(
        &mut self,
        paragraph: &Paragraph,
        text: &str,
        followed_by_fence: bool,
        list_end: Option<usize>,
    ) {
        self.finish_unit();
        self.close_frames(|f| f.closes_at_label());
        let (head, tail) = split_label(text);
        if let Some(reason) = vocabulary::skip_reason(head) {
            self.skip(paragraph.span().start, head, reason);
            return self.open_paragraph_frame(paragraph.span(), Role::Skip, false);
        }
        if vocabulary::is_claim(head) {
            self.open_paragraph_frame(paragraph.span(), Role::Claims, false);
            if !tail.is_empty() {
                self.claims(paragraph.span(), tail, true);
            }
            return;
        }
        if vocabulary::is_document_wide(text) {
            self.open_paragraph_frame(paragraph.span(), Role::DocumentWide, false);
            // "For all episodes, add a calculator:" is itself the requirement; "For all
            // episodes:" introduces a list of them.
            if crate::enhance::kind::intent(head).is_some() {
                self.introduce(paragraph.span(), &unit::title_of_sentence(head), text);
            }
            return;
        }
        if vocabulary::is_container(head) {
            return;
        }
        // "**Diagrams to add:**" over a list groups its items by kind, as a heading that names
        // only a kind does, until the list ends: the label is no request of its own.
        if tail.is_empty()
            && let Some(list_end) = list_end
            && let Some(kind) = crate::enhance::kind::named_alone(head)
        {
            return self.push(Frame {
                level: PARAGRAPH_LEVEL,
                ends_at: Some(list_end),
                role: Role::Neutral,
                span: paragraph.span(),
                drafts_before: 0,
                report_if_empty: false,
                unnamed: None,
                kind: Some(kind),
            });
        }
        let context = self.context();
        let asks = followed_by_fence
            || vocabulary::starts_imperative(head)
            || crate::enhance::kind::intent(head).is_some();
        if asks && matches!(context, Context::Target(_) | Context::DocumentWide) {
            let description = (!tail.is_empty()).then_some(tail);
            self.start_unit(paragraph.span(), head, description, None);
        }
    }
}
