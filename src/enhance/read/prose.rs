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

/// Whether a label and the words after it ask for a block (`Diagrams: a sequence diagram of
/// one retry`, `Missing: a Go sample`): read where no episode is named, it is reported.
fn asks_outside(label: &str, tail: &str) -> bool {
    let label = label.trim_matches(['*', '_']);
    let kind_lead = !tail.is_empty()
        && !vocabulary::is_remark(tail)
        && !vocabulary::declines(tail)
        && crate::enhance::kind::named_alone(label).is_some();
    kind_lead || lists_wanted_blocks(label, tail)
}

/// The clauses of `text`, split at `;`, when each is a label that names a kind and the
/// words after it (`metrics: qps, hit ratio; diagram: a flowchart of resolution`): each
/// clause's label, kind and text.
fn kind_label_clauses(text: &str) -> Option<Vec<(&str, Kind, &str)>> {
    text.split(';')
        .map(str::trim)
        .filter(|clause| !clause.is_empty())
        .map(|clause| {
            let (label, tail) = split_label(clause);
            let label = label.trim_matches(['*', '_']);
            let kind = (!tail.is_empty() && !vocabulary::is_remark(tail))
                .then(|| crate::enhance::kind::named_alone(label))
                .flatten()?;
            Some((label, kind, clause))
        })
        .collect::<Option<Vec<_>>>()
        .filter(|leads| !leads.is_empty())
}

/// Whether a label such as "Missing:" lists blocks that are wanted after it (`a class
/// diagram of the breaker and a Go sample`), rather than a refusal or a judgement.
pub(super) fn lists_wanted_blocks(label: &str, tail: &str) -> bool {
    vocabulary::is_request_label(label)
        && unit::block_family(tail).is_some()
        && !vocabulary::declines(tail)
        && !vocabulary::is_remark(tail)
}

/// Whether the words after a label that names `kind` ask for a more specific block than the
/// request titled `title` (`Code: the same ingester in Rust` after `Add a Go sample`).
fn names_another(kind: &Kind, tail: &str, title: &str) -> bool {
    let named = crate::enhance::kind::within_group(kind.clone(), tail);
    named.is_specific_block() && crate::enhance::kind::intent(title) != Some(named)
}

impl Reader<'_, '_> {
    // ---- paragraphs ----

    pub(super) fn paragraph(&mut self, paragraph: &Paragraph, next: Option<&Block<'_>>) {
        let doc = self.doc;
        let text = doc.text_of(&paragraph.text()).trim();
        if text.is_empty() {
            return;
        }
        // "TODO: add a Go version of the loop", "Editor's note: add …": the request is what
        // follows the note's label.
        let text = match split_label(text) {
            (head, tail)
                if vocabulary::is_note_label(head.trim_matches(['*', '_']))
                    && vocabulary::starts_imperative(tail.trim_start_matches(['*', '_', ' '])) =>
            {
                tail.trim_start_matches(['*', '_', ' '])
            }
            _ => text,
        };
        // An example follows: a fence (not a requirements block) or a table.
        let followed_by_fence = matches!(next, Some(Block::Code(c)) if c.lang.as_deref() != Some("requirements"))
            || matches!(next, Some(Block::Table(_)));
        let list = match next {
            Some(Block::Item(first)) => Some(*first),
            _ => None,
        };
        // A kind label's grouping ends at the first paragraph outside its list.
        self.end_kind_groups();
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
        // "every episode except Episode 3": the episode left out is not whom it is for.
        references.retain(|r| !super::except::excludes_at(text, r.span.start));
        for reference in &mut references {
            self.qualify_by_preceding_series(text, reference);
        }
        if references.is_empty()
            && !paragraph.is_bold_label()
            && let Some(by_title) = self.title_reference(text)
        {
            references.push(by_title);
        }
        // "Same for Ep 3": the requests just read, for another episode.
        if !self.in_skip() && super::repeat::asks_the_same(text, &references) {
            return self.repeat_requests(paragraph.span(), &references);
        }
        if !self.in_skip()
            && let Some(words) = super::repeat::unmatched_target(text, &references)
        {
            return self.repeats_for_no_episode(paragraph.span(), &words);
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
            return self.label(paragraph, text, followed_by_fence, list);
        }
        if self.in_skip_frame() {
            return;
        }
        let in_target = matches!(
            self.context(),
            Context::Target(_) | Context::DocumentWide(_)
        );
        if in_target && self.label_lines(paragraph) {
            return;
        }
        if let Some(wide) = self.wide(text) {
            self.finish_unit();
            self.open_paragraph_frame(paragraph.span(), Role::DocumentWide(wide), false);
            // "All three episodes: add a short quiz." asks for what follows its label.
            let asked = match split_label(text) {
                (head, tail)
                    if !tail.is_empty()
                        && super::breadth::is_wide(head)
                        && crate::enhance::kind::intent(head).is_none() =>
                {
                    tail
                }
                _ => text,
            };
            if crate::enhance::kind::intent(asked).is_some() {
                self.start_unit(
                    paragraph.span(),
                    &unit::title_of_sentence(asked),
                    Some(asked),
                    None,
                );
            }
            return;
        }
        let context = self.context();
        if matches!(context, Context::Target(_)) && vocabulary::is_claim(text) {
            if self.claim_and_requests(paragraph.span(), text, None) {
                return;
            }
            self.finish_unit();
            return self.claims(paragraph.span(), &vocabulary::claimed_part(text), true);
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
        // "**Nice to have:** a state diagram of the budget": a request of its own, as under a
        // "Nice to have" heading; neither praise nor a detail of the request before it.
        if in_target
            && let Some(asked) = vocabulary::after_rank_label(text)
            && crate::enhance::kind::intent(asked).is_some()
        {
            self.finish_unit();
            let title = unit::title_of_sentence(asked);
            return self.start_unit(paragraph.span(), &title, Some(asked), None);
        }
        let intent = crate::enhance::kind::intent(text).is_some();
        // "Diagrams: a sequence of one retry": a label that names only a kind, then what to add.
        // After a request of the same family, only words that name a thing to add ask anew
        // ("Code: keep it short" after "Add a Go sample" describes it).
        if in_target
            && !tail.is_empty()
            && let Some(kind) = crate::enhance::kind::named_alone(head)
            && self.unit.as_ref().is_none_or(|unit| {
                !vocabulary::is_remark(tail)
                    && (unit::block_family(unit.title()) != Some(std::mem::discriminant(&kind))
                        || vocabulary::names_a_thing_to_add(tail)
                        || names_another(&kind, tail, unit.title()))
            })
        {
            self.finish_unit();
            return self.kind_lead(paragraph.span(), head, text, kind, None);
        }
        // "**Missing:** a metrics block, a sequence diagram of a trip".
        if in_target && lists_wanted_blocks(head, tail) {
            self.finish_unit();
            return self.listed_requests(paragraph.span(), tail, None);
        }
        if let Some(unit) = self.unit.as_mut() {
            // A paragraph that starts a request of its own ("Add a Go sample of …", "Also,
            // add …") after a list item or after another paragraph's request is one; any other
            // describes the request before it.
            let own_block_over = unit.ended_before(paragraph.span().start) || unit.is_open_ended();
            // "The next episode needs a quiz." asks for another episode ("The next episode
            // covers it, so keep the diagram short" describes this one's).
            let starts_anew = unit::starts_request_after(unit.title(), text)
                || super::relative::asks_for_the_stepped_episode(text);
            if !(own_block_over && starts_anew && in_target) {
                unit.describe(text);
                return;
            }
            self.finish_unit();
        }
        let asks = vocabulary::asks_for_something(text) && (followed_by_fence || intent);
        if asks && in_target {
            self.start_sentence_units(paragraph.span(), text);
        } else if in_target && vocabulary::is_remark(text) {
            // "The sequence diagram is excellent; please keep it.": praise, listed as read.
            self.skip(paragraph.span().start, text, "remarks");
        } else if matches!(context, Context::None | Context::Series(_))
            && (vocabulary::asks_for_a_block_anyhow(text) || asks_outside(head, tail))
            && !self.in_skip()
        {
            self.note_dropped(paragraph.span().start);
        }
    }

    /// A claim and then requests in sentences of their own ([`unit::claim_then_asks`]): the
    /// claim is a claim, each request a recommendation, in the context's episodes. `false`,
    /// and nothing read, when `text` is not so written.
    pub(super) fn claim_and_requests(
        &mut self,
        span: Range<usize>,
        text: &str,
        ends_at: Option<usize>,
    ) -> bool {
        let Some((claim, asked)) = unit::claim_then_asks(text) else {
            return false;
        };
        self.finish_unit();
        self.claims(span.clone(), &vocabulary::claimed_part(claim), true);
        for part in unit::split_asks(asked) {
            let title = unit::title_of_sentence(part);
            self.start_unit(span.clone(), &title, Some(part), ends_at);
        }
        true
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
        let mut target = self.target_of_all(references);
        // `**Episode 1: The Globex Checkout Outage**`: a bold line that is a heading in all
        // but name gives its episode's title, as a heading does, to tell apart the series'
        // episodes of one number.
        if let [reference] = references
            && paragraph.is_bold_label()
            && self.names_a_title(reference.rest.trim(), reference, true)
        {
            target.title = self.target_of(reference).title;
        }
        // A paragraph that asks for something it does not say clearly is reported; one that
        // only praises or summarises an episode is not.
        // So is one that names a kind of block without praising or claiming it ("Ep 3 →
        // metrics: …") if nothing is read from it.
        let single = target.numbers.len() <= 1
            && !references.iter().any(|r| r.plural)
            && (vocabulary::asks_for_something(text)
                || (crate::enhance::kind::intent(text).is_some() && !vocabulary::is_remark(text)));
        self.open_paragraph_frame(paragraph.span(), Role::Target(target), single);
        let without_refs = unit::without_references(text, references);
        if vocabulary::is_claim(text) {
            if self.claim_and_requests(paragraph.span(), &without_refs, None) {
                return;
            }
            return self.claims(
                paragraph.span(),
                &vocabulary::claimed_part(&without_refs),
                true,
            );
        }
        let asked = without_refs
            .trim_start_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '*' | '_'));
        // "Episode 1 needs: a metrics block and a flowchart of slow start".
        let (head, tail) = split_label(asked);
        if lists_wanted_blocks(head, tail) {
            return self.listed_requests(paragraph.span(), tail, None);
        }
        // "Ep 3 → metrics: qps, hit ratio; diagram: a flowchart of resolution": kind labels,
        // one a clause.
        if let Some(leads) = kind_label_clauses(asked) {
            for (label, kind, clause) in leads {
                self.finish_unit();
                self.kind_lead(paragraph.span(), label, clause, kind, None);
            }
            return;
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

    /// A paragraph written one kind label to a line, without blank lines between
    /// ("Metrics: shed rate, p99 latency" / "Diagram: a flowchart of the shed decision" /
    /// "Code: a Go admission middleware"): each labelled line is a kind lead of its own
    /// ([`Self::kind_lead`]) and any other line describes the request above it. `false`, and
    /// nothing read, unless the first line and at least one more start with a kind label and
    /// no other line asks for something of its own ("Add a sequence diagram …" over "Code:
    /// keep it under 40 lines" is one request and its guidance).
    fn label_lines(&mut self, paragraph: &Paragraph) -> bool {
        let start = paragraph.span().start;
        let Some(raw) = self.doc.source.text.get(paragraph.span()) else {
            return false;
        };
        let mut offset = 0;
        let lines: Vec<(Range<usize>, String)> = raw
            .split_inclusive('\n')
            .map(|line| {
                let span = start + offset..start + offset + line.len();
                offset += line.len();
                (
                    span,
                    line.replace("**", "").replace("__", "").trim().to_owned(),
                )
            })
            .collect();
        let lead = |plain: &str| {
            let (head, tail) = split_label(plain);
            (!tail.is_empty())
                .then(|| crate::enhance::kind::named_alone(head))
                .flatten()
        };
        let labelled = lines
            .iter()
            .filter(|(_, plain)| lead(plain).is_some())
            .count();
        let first_labelled = lines
            .first()
            .is_some_and(|(_, plain)| lead(plain).is_some());
        let other_asks = lines.iter().any(|(_, plain)| {
            lead(plain).is_none() && vocabulary::a_clause_asks_for_a_block(plain)
        });
        if labelled < 2 || !first_labelled || other_asks {
            return false;
        }
        self.finish_unit();
        for (span, plain) in &lines {
            match lead(plain) {
                Some(kind) => {
                    self.finish_unit();
                    let (head, _) = split_label(plain);
                    self.kind_lead(span.clone(), head, plain, kind, None);
                }
                None => {
                    if let Some(unit) = self.unit.as_mut() {
                        unit.describe(plain);
                    }
                }
            }
        }
        true
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
            return self.claims(span, &vocabulary::claimed_part(tail), true);
        }
        // "Diagrams: good coverage; the state diagram is clear" judges, asks for nothing.
        if vocabulary::is_remark(tail) {
            return self.skip(span.start, text, "remark");
        }
        let mut parts = unit::split_asks_from(text, true).into_iter();
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

    /// What a label such as "Missing:" lists (`a metrics block, a sequence diagram of a trip`):
    /// one request per part when each names a kind of block, else one per sentence that asks.
    pub(super) fn listed_requests(
        &mut self,
        span: Range<usize>,
        listed: &str,
        ends_at: Option<usize>,
    ) {
        let parts = unit::split_claims(listed);
        if parts.len() >= 2 && parts.iter().all(|part| unit::block_family(part).is_some()) {
            for part in &parts {
                let title = unit::title_of_sentence(part);
                self.start_unit(span.clone(), &title, Some(part), ends_at);
            }
        } else {
            for part in unit::split_asks(listed) {
                let title = unit::title_of_sentence(part);
                self.start_unit(span.clone(), &title, Some(part), ends_at);
            }
        }
    }

    /// Whether the list that starts with `first` holds requests grouped by the label `label`,
    /// which names only `kind`, over it: the label names a plural ("Diagrams to add", "Code
    /// samples") and each item asks for a block of it (or names a metric), or each item asks
    /// for a block of its own kind ([`Reader::items_ask`]).
    fn groups_its_list(&self, label: &str, kind: &Kind, first: &ListItem) -> bool {
        let list = first.span().start..self.list_end(first);
        // Under "Production metrics:", each item's words are the metrics it asks for.
        (vocabulary::names_a_plural(label)
            && (*kind == Kind::Metrics || self.items_ask(&list, Some(kind))))
            || self.lists_only_requests(&list)
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
    /// `list` is the first item of the list right after it, if one follows.
    pub(super) fn label(
        &mut self,
        paragraph: &Paragraph,
        text: &str,
        followed_by_fence: bool,
        list: Option<&ListItem>,
    ) {
        self.finish_unit();
        self.close_frames(|f| f.closes_at_label());
        let (head, tail) = split_label(text);
        // "**Status:** no picture yet; add a state diagram" asks for all its label says.
        if let Some(reason) = self.skip_reason_here(head)
            && !(vocabulary::may_head_requests(reason) && vocabulary::asks_after_label(tail))
        {
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
        if let Some(wide) = self.wide(text) {
            self.open_paragraph_frame(paragraph.span(), Role::DocumentWide(wide.clone()), false);
            // "For all episodes, add a calculator:" is itself the requirement; "For all
            // episodes:" introduces a list of them.
            if crate::enhance::kind::intent(head).is_some() {
                self.introduce(
                    paragraph.span(),
                    &wide,
                    (&unit::title_of_sentence(head), text),
                );
            }
            return;
        }
        if vocabulary::is_container(head) {
            return;
        }
        let named = crate::enhance::kind::named_alone(head);
        // "**Code:** a budget check in Go that returns early:" over its example.
        if !tail.is_empty()
            && let Some(kind) = named.clone()
            && matches!(
                self.context(),
                Context::Target(_) | Context::DocumentWide(_)
            )
        {
            return self.kind_lead(paragraph.span(), head, text, kind, None);
        }
        // "**Diagrams to add:**" over a list groups its items by kind, as a heading that names
        // only a kind does, until the next paragraph, label or heading: the label is no
        // request of its own. A singular label over details ("**Diagram:**" over "- Show
        // the client") and a prose section's points are one request.
        if tail.is_empty()
            && let Some(first) = list
            && let Some(kind) = named.filter(|k| !matches!(k, Kind::Prose(_)))
            && self.groups_its_list(head, &kind, first)
        {
            return self.push(Frame {
                level: PARAGRAPH_LEVEL,
                ends_at: None,
                role: Role::Neutral,
                span: paragraph.span(),
                drafts_before: 0,
                report_if_empty: false,
                unnamed: None,
                kind: Some(kind),
            });
        }
        let context = self.context();
        // A list right after a label that asks details it ("**Code:**" over "- The breaker
        // with a sliding window").
        let description = if tail.is_empty() {
            list.map(|_| text)
        } else {
            Some(tail)
        };
        let asks = followed_by_fence
            || vocabulary::starts_imperative(head)
            || crate::enhance::kind::intent(head).is_some();
        if asks && matches!(context, Context::Target(_) | Context::DocumentWide(_)) {
            self.start_unit(paragraph.span(), head, description, None);
        } else if matches!(context, Context::None | Context::Series(_))
            && !self.in_skip()
            && (vocabulary::asks_for_a_block_anyhow(text) || asks_outside(head, tail))
        {
            self.note_dropped(paragraph.span().start);
        }
    }
}
