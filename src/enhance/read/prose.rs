//! Paragraphs: a bold label steers what follows (strengths are skipped, "Already includes"
//! makes claims, "For all episodes" a document-wide list); a paragraph that names an episode
//! opens a context and may itself ask for something; in a context, a sentence that asks for
//! something, or introduces an example, is a recommendation.

use super::blocks::Block;
use super::unit::{self};
use super::{Context, PARAGRAPH_LEVEL, Reader, Role, split_label, vocabulary};
use crate::markdown::Paragraph;
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
        let followed_by_list = matches!(next, Some(Block::Item(_)));
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
            return self.label(paragraph, text, followed_by_fence, followed_by_list);
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

    /// A bold label (`**Current Strengths:**`, `**Already Includes:**`, `**Add Metrics:**`).
    pub(super) fn label(
        &mut self,
        paragraph: &Paragraph,
        text: &str,
        followed_by_fence: bool,
        followed_by_list: bool,
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
        // only a kind does: the label is no request of its own.
        if tail.is_empty()
            && followed_by_list
            && let Some(kind) = crate::enhance::kind::named_alone(head)
        {
            self.open_paragraph_frame(paragraph.span(), Role::Neutral, false);
            if let Some(frame) = self.frames.last_mut() {
                frame.kind = Some(kind);
            }
            return;
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
