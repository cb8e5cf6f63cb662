//! List items, tables and code blocks: an item that names an episode opens a context for its
//! sub-items; in a context, every item is a recommendation or a claim; a table gives one per
//! row; a code block is the example of the recommendation before it, the elements its
//! docstrings name, or a ```` ```requirements ```` block.

use super::headings::later_prefix;
use super::unit::{self, Unit};
use super::{
    Context, Reader, Role, context_target, elements, split_label, structured, table, vocabulary,
};
use crate::markdown::{CodeBlock, ListItem, Task};
use crate::reference::Reference;

/// Whether a list item's own words are struck out (`- [x] ~~A class diagram~~ (dropped)`,
/// `1. **~~Add a quiz~~**`): after its marker and task box, nothing but struck words and
/// remarks in brackets. An item with words left (`~~Add a quiz~~ Add a Go sample`) is read.
fn struck_out(item: &str) -> bool {
    let first_line = item.lines().next().unwrap_or("").trim_start();
    let after_marker = first_line
        .strip_prefix(['-', '*', '+'])
        .unwrap_or_else(|| {
            let digits = first_line.trim_start_matches(|c: char| c.is_ascii_digit());
            digits.strip_prefix(['.', ')']).unwrap_or(first_line)
        })
        .trim_start();
    let after_box = ["[ ]", "[x]", "[X]"]
        .iter()
        .find_map(|task| after_marker.strip_prefix(task))
        .unwrap_or(after_marker)
        .trim_start()
        .trim_start_matches(['*', '_']);
    if !after_box.starts_with("~~") {
        return false;
    }
    let mut left = String::new();
    for (index, piece) in after_box.split("~~").enumerate() {
        // Even pieces lie outside the strikes; an unclosed strike strikes nothing.
        if index % 2 == 0 {
            left.push_str(piece);
        }
    }
    if after_box.matches("~~").count() % 2 == 1 {
        return false;
    }
    let mut depth = 0_usize;
    !left.chars().any(|ch| {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        depth == 0 && ch.is_alphanumeric()
    })
}

impl<'d> Reader<'d, '_> {
    // ---- list items ----

    pub(super) fn item(&mut self, item: &ListItem) {
        self.close_frames(|f| f.ends_at.is_some_and(|end| end <= item.span().start));
        let doc = self.doc;
        let text = doc.text_of(&item.text()).trim();
        // "- [x] ~~A class diagram of the shedder~~ (dropped)": struck out, so neither asked
        // nor claimed; nor are its sub-items. (Struck words are not in an item's text.)
        if !self.in_skip_frame()
            && let Some(raw) = doc
                .source
                .text
                .get(item.span())
                .filter(|raw| struck_out(raw))
        {
            self.finish_unit();
            let written = raw.lines().next().unwrap_or("").trim();
            self.skip(item.span().start, written, "struck out");
            return self.open_item_frame(item, Role::Skip, false);
        }
        if text.is_empty() {
            return;
        }
        if let Some(unit) = self.unit.as_mut()
            && unit.takes_item(item)
        {
            unit.describe_with_item(text);
            return;
        }
        if self.in_skip_frame() {
            return;
        }
        // "- Same for Ep 3": the requests just read, for another episode.
        let references = crate::reference::find(text);
        if super::repeat::asks_the_same(text, &references) {
            return self.repeat_requests(item.span(), &references);
        }
        if let Some(words) = super::repeat::unmatched_target(text, &references) {
            return self.repeats_for_no_episode(item.span(), &words);
        }
        let lead = doc
            .lead_of(item)
            .map(|l| l.trim().trim_end_matches(':').trim());
        let first_line = {
            let start = item.span().start;
            let source = &doc.source.text;
            start
                ..source[start..]
                    .find('\n')
                    .map_or(source.len(), |at| start + at)
        };
        if let Some(reference) = self.leading_reference(text, first_line) {
            return self.reference_item(item, reference);
        }
        // Where no episode is named yet, an item may name one after its series or after what
        // it asks for (`- Pattern Drills episode 2: trip rate`, `- Add a flowchart to
        // episode 3`), as a heading may.
        // After a request for many episodes ("Every episode in Pattern Drills needs a
        // quiz."), an item that names its own episode is for that episode alone.
        if matches!(
            self.context(),
            Context::None | Context::Series(_) | Context::DocumentWide(_)
        ) && let Some(reference) = self.later_reference(text)
            && self.item_names_its_episode(text, &reference)
        {
            return self.reference_item(item, reference);
        }
        // "**For each episode above**, add a calculator": for every episode the document
        // names, whatever the context; what follows the phrase is the request.
        let (head, tail) = split_label(text);
        let label = lead.unwrap_or(head);
        // "- All episodes: end with a quiz", "- Every episode needs a recap": the item opens
        // with whom it is for.
        let opens_with_audience = ["for ", "across ", "to ", "in ", "all ", "every ", "each "]
            .iter()
            .any(|p| {
                let untagged = crate::reference::without_tag(label);
                crate::text::strip_prefix_ignore_ascii_case(untagged, p).is_some()
            });
        if opens_with_audience
            && let Some(wide) = self.wide(label)
            && !self.in_skip()
        {
            let after_label = text
                .strip_prefix(label)
                .unwrap_or(if tail.is_empty() { text } else { tail })
                .trim_start_matches([',', ':', ' ', '*']);
            // A sentence with no label ("Every episode needs a quiz.") is the request itself;
            // an item that heads others ("For all episodes, add:") is left to them.
            let is_sentence = tail.is_empty()
                && lead.is_none()
                && !text.trim_end().ends_with(':')
                && !self.has_sub_items(item);
            let request =
                if after_label.trim_end_matches(['.', '!']).trim().is_empty() && is_sentence {
                    text
                } else {
                    after_label
                };
            // "- All three episodes already have a diagram": a claim or a judgement, no request.
            let asks = !vocabulary::is_claim(request)
                && !vocabulary::is_remark(request)
                && !vocabulary::declines(request);
            if asks && crate::enhance::kind::intent(request).is_some() {
                self.finish_unit();
                let title = unit::title_of_sentence(request);
                self.start_document_wide_unit(
                    item.span(),
                    &wide,
                    (&title, request),
                    item.span().end,
                );
                return;
            }
        }
        // "- [x] A sequence diagram of the dual write": ticked off, so said to be there; its
        // sub-items are claims too, but for an open task among them (`- [ ] …`), still asked.
        let ticked_off = item.task() == Task::Ticked
            && !vocabulary::declines(text)
            && vocabulary::skip_reason(label).is_none()
            && !vocabulary::is_request_label(label);
        let context = match self.context() {
            Context::Claims(target) if item.task() == Task::Open => {
                self.finish_unit();
                self.open_item_frame(item, Role::Target(target.clone()), false);
                Context::Target(target)
            }
            Context::Target(_) if ticked_off => {
                self.finish_unit();
                self.open_item_frame(item, Role::Claims, false);
                return self.claims(item.span(), &claimed(text), false);
            }
            context => context,
        };
        match context {
            Context::Claims(_) => {
                self.finish_unit();
                self.claims(item.span(), &claimed(text), false);
            }
            Context::Target(_) | Context::DocumentWide(_) => {
                self.finish_unit();
                // "- Nice to have: a state diagram of the loop", "- **Bonus:** a Go sample":
                // the rank says nothing of what to add; the words after it are the item.
                let (text, lead) = match vocabulary::after_rank_label(text) {
                    Some(asked) => (asked, None),
                    None => (text, lead),
                };
                // A label is the bold lead, or the words before a colon (`Strengths: …`).
                let label = lead.or_else(|| {
                    let (head, tail) = split_label(text);
                    (!tail.is_empty() && head.split_whitespace().count() <= 4).then_some(head)
                });
                // "- **Diagrams:** a sequence of one retry" (not a head over sub-requests).
                if let Some(label) = label
                    && let Some(kind) = crate::enhance::kind::named_alone(label)
                    && !split_label(text).1.is_empty()
                    && !self.lists_requests(item, text)
                {
                    return self.kind_lead(item.span(), label, text, kind, Some(item.span().end));
                }
                // "- **Missing:** a metrics block, a sequence diagram of a trip".
                if let Some(label) = label
                    && let (_, tail) = split_label(text)
                    && super::prose::lists_wanted_blocks(label, tail)
                {
                    return self.listed_requests(item.span(), tail, Some(item.span().end));
                }
                if vocabulary::declines(text) {
                    self.skip(item.span().start, text, "declines");
                    return self.open_item_frame(item, Role::Skip, false);
                }
                // "- The sequence diagram of one trip is great.": a judgement, asking nothing.
                if lead.is_none()
                    && vocabulary::is_remark(text)
                    && !vocabulary::a_clause_asks_for_a_block(text)
                    && !text.contains(" but ")
                {
                    self.skip(item.span().start, text, "remarks");
                    return self.open_item_frame(item, Role::Skip, false);
                }
                // "- **Status:** no picture; add a state diagram" asks for all its label says:
                // the words after the label are the request.
                let mut asked_after_label = None;
                if let Some(reason) = label.and_then(|label| self.skip_reason_here(label)) {
                    let tail = split_label(text).1;
                    if !(vocabulary::may_head_requests(reason)
                        && vocabulary::asks_after_label(tail))
                    {
                        self.skip(item.span().start, label.unwrap_or(text), reason);
                        return self.open_item_frame(item, Role::Skip, false);
                    }
                    asked_after_label = Some(tail);
                }
                if vocabulary::is_claim(lead.unwrap_or(text)) {
                    // "The intro already has a diagram. Add a Go sample …".
                    if lead.is_none()
                        && self.claim_and_requests(item.span(), text, Some(item.span().end))
                    {
                        return;
                    }
                    let (_, tail) = split_label(text);
                    let claimed = if tail.is_empty() {
                        vocabulary::claimed_part(text)
                    } else {
                        std::borrow::Cow::Borrowed(tail)
                    };
                    self.open_item_frame(item, Role::Claims, false);
                    if !claimed.is_empty() {
                        self.claims(item.span(), &claimed, !tail.is_empty());
                    }
                    return;
                }
                if vocabulary::is_container(lead.unwrap_or(text))
                    && text.split_whitespace().count() <= 5
                {
                    return;
                }
                if self.lists_requests(item, text) {
                    // Each sub-item is a request of its own, in this item's context.
                    return self.open_item_frame(item, Role::Neutral, false);
                }
                let (title, asked) = match asked_after_label {
                    Some(tail) => (unit::title_of_sentence(tail), tail),
                    None => (
                        lead.map_or_else(|| unit::title_of_sentence(text), str::to_owned),
                        text,
                    ),
                };
                // "- Add a flowchart of the loop and a Go sample of the budget": two requests.
                let parts = if lead.is_none() {
                    unit::split_asks_from(asked, true)
                } else {
                    Vec::new()
                };
                if parts.len() > 1 {
                    // "Keep the flowchart; add a Go sample": what is kept is not asked for.
                    let asked_parts = parts.into_iter().filter(|p| !vocabulary::is_remark(p));
                    for part in asked_parts {
                        let title = unit::title_of_sentence(part);
                        self.start_unit(item.span(), &title, Some(part), Some(item.span().end));
                    }
                    return;
                }
                self.start_unit(item.span(), &title, Some(asked), Some(item.span().end));
            }
            Context::None | Context::Series(_) => {
                let (label, asked) = match lead {
                    Some(lead) => (lead, after_lead(text, lead)),
                    None => title_label(text),
                };
                // "- Case Studies" over "- Ep 2: add …": the series of its sub-items.
                if asked.is_empty()
                    && self.has_sub_items(item)
                    && let Some(series) = self.resolver.names_series(label)
                {
                    self.finish_unit();
                    return self.open_item_frame(item, Role::Series(series), false);
                }
                if item.depth() == 0
                    && let Some(target) = self.by_title(label)
                {
                    self.finish_unit();
                    // "- Load Shedding at Hooli: add a flowchart of the decision": the words
                    // after the title ask for a block of that episode.
                    let asks = !asked.is_empty()
                        && (crate::enhance::kind::intent(asked).is_some()
                            || vocabulary::asks_for_something(asked))
                        && !vocabulary::declines(asked);
                    self.open_item_frame(item, Role::Target(target), !asks);
                    if asks {
                        let title = unit::title_of_sentence(asked);
                        self.start_unit(item.span(), &title, Some(asked), Some(item.span().end));
                    }
                } else if (vocabulary::a_clause_asks_for_a_block(text)
                    || vocabulary::names_a_block(text)
                    || vocabulary::names_a_block(asked)
                    || vocabulary::asks_for_a_kind(if asked.is_empty() { text } else { asked })
                    || self.section_kind().is_some())
                    && !self.in_skip()
                {
                    // Under `## Metrics blocks`, every item is a request; so is an item that
                    // only names a block ("A Go sample of the ring").
                    self.note_dropped(item.span().start);
                }
            }
            Context::Skip => {}
        }
    }

    /// Whether a list item has items nested in it.
    fn has_sub_items(&self, item: &ListItem) -> bool {
        let items = &self.doc.list_items;
        let next = items.partition_point(|i| i.span().start <= item.span().start);
        items
            .get(next)
            .is_some_and(|child| child.span().start < item.span().end)
    }

    /// Whether an item names its episode after its series (`Pattern Drills, episode 2: …`), or
    /// at the end of a request aimed at it (`Add a flowchart of the ledger to episode 3`) and
    /// not declined ("Don't add … to episode 2"); a remark about an episode ("The metrics in
    /// episode 2 feel invented") or a second episode after the first names no single target.
    fn item_names_its_episode(&self, text: &str, reference: &Reference) -> bool {
        let before = later_prefix(&reference.before);
        if self.resolver.names_series(before).is_some() {
            return true;
        }
        let ends_the_item = text
            .get(reference.span.end..)
            .unwrap_or("")
            .trim()
            .trim_end_matches(['.', '*', '_'])
            .is_empty();
        // "Bonus: a Java sample in Episode 2": a ranked request, or one that only names its
        // block, aims at the episode as "Add … to episode 3" does.
        let request = vocabulary::after_rank_label(before).unwrap_or(before);
        ends_the_item
            && (vocabulary::starts_imperative(request) || vocabulary::names_a_block(request))
            && vocabulary::aims_at_the_episode(before)
            && !vocabulary::declines(text)
    }

    /// Whether an item only heads a list of requests ("- Diagrams:" over "- A flowchart of
    /// the probe" and "- A sequence diagram of the trip"): it has two sub-items or more, each
    /// names a kind of block (metrics, a diagram, code, an interactive element), they are not
    /// all metrics (the figures of one metrics block), and the item's own words name no kind
    /// more precisely than "diagrams" or "code". Sub-items that only say what to show ("Show
    /// the gateway") detail the item.
    fn lists_requests(&self, item: &ListItem, text: &str) -> bool {
        use crate::enhance::Kind;
        use std::mem::discriminant;
        // "Diagrams:" or "Code samples:" heads sub-items of their own family only; an item
        // naming anything else ("Build a retry simulator:") is one request detailed below.
        let family = match crate::enhance::kind::intent(text) {
            None => None,
            Some(kind @ (Kind::Diagram(None) | Kind::Code(None))) => Some(discriminant(&kind)),
            Some(_) => return false,
        };
        let items = &self.doc.list_items;
        let end = item.span().end;
        let mut next = items.partition_point(|i| i.span().start <= item.span().start);
        let mut children = 0;
        let mut all_metrics = true;
        while let Some(child) = items.get(next).filter(|i| i.span().start < end) {
            let words = self.doc.text_of(&child.text());
            match crate::enhance::kind::intent(words) {
                Some(Kind::Prose(_)) | None => return false,
                Some(kind) if family.is_some_and(|f| f != discriminant(&kind)) => return false,
                Some(kind) => all_metrics &= kind == Kind::Metrics,
            }
            children += 1;
            // The child's own sub-items are its details: on to its next sibling.
            let child_end = child.span().end;
            next += items[next..].partition_point(|i| i.span().start < child_end);
        }
        children >= 2 && !all_metrics
    }

    pub(super) fn reference_item(&mut self, item: &ListItem, reference: Reference) {
        self.finish_unit();
        let doc_text = self.doc.text_of(&item.text()).trim();
        let target = self.target_of(&reference);
        // "Ep 3: Must have: a Go sample …": the rank says nothing of what to add.
        let unranked = |words: &str| -> String {
            let words = words.trim();
            vocabulary::after_rank_label(words)
                .unwrap_or(words)
                .to_owned()
        };
        let rest = &unranked(&reference.rest);
        if vocabulary::is_claim(rest) {
            self.open_item_frame(item, Role::Target(target), false);
            // "Episode 3 already has a timeline. Add a metrics block …": the claim, then
            // the request.
            let tail = reference.tail.trim();
            if self.claim_and_requests(item.span(), tail, Some(item.span().end)) {
                return;
            }
            // The whole tail: a claim's parenthesis ("(5M events/sec)") is what it claims.
            let claimed = vocabulary::claimed_part(reference.tail.trim());
            return self.claims(item.span(), &claimed, true);
        }
        // "- E1: strong opening, no changes": a judgement of the episode, asking nothing.
        if !rest.is_empty()
            && vocabulary::is_remark(rest)
            && !vocabulary::a_clause_asks_for_a_block(rest)
            && !rest.contains(" but ")
        {
            self.skip(item.span().start, rest, "remarks");
            return self.open_item_frame(item, Role::Target(target), false);
        }
        // An item is usually a recommendation: its words are a title only when they are
        // mostly the episode's title.
        let just_names = rest.is_empty() || self.names_a_title(rest, &reference, true);
        // "- Episode 2 and Episode 3 share a cold open; that is intentional.": said of the
        // episodes, asking for nothing; what is nested below is still for them.
        if !just_names && states_about_the_episode(doc_text, &reference, rest) {
            self.skip(item.span().start, rest, "remarks");
            return self.open_item_frame(item, Role::Target(target), false);
        }
        let single = !reference.plural;
        self.open_item_frame(item, Role::Target(target), single && just_names);
        if !just_names {
            let title = unit::title_of_sentence(rest);
            let tail = unranked(&reference.tail);
            self.start_unit(item.span(), &title, Some(&tail), Some(item.span().end));
        }
    }

    // ---- tables and code ----

    pub(super) fn table(&mut self, t: &crate::markdown::Table) {
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
        self.out.drafts.extend(reading.drafts);
    }

    pub(super) fn code(&mut self, block: &CodeBlock<'d>) {
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
            Context::DocumentWide(_) | Context::None | Context::Series(_)
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
        if let Some(mut intro) = self.intro.take() {
            if !element_drafts.is_empty() {
                self.out.drafts.extend(element_drafts);
                return;
            }
            // A fence right after the introduction is its example: it is a requirement.
            self.finish_unit();
            intro.unit.example = Some(block.clone());
            self.unit = Some(intro.unit);
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
        if matches!(
            self.context(),
            Context::Target(_) | Context::DocumentWide(_)
        ) {
            self.finish_unit();
            let title = unit::title_of_example(block);
            self.start_unit(block.span.clone(), &title, None, Some(block.span.end));
            if let Some(unit) = self.unit.as_mut() {
                unit.example = Some(block.clone());
            }
        }
    }
}

/// Whether an item's words after the episode reference it opens with are a sentence about
/// the episode ("Episode 2 and Episode 3 share a cold open", "Episode 1 covers the same
/// outage") rather than a request: they run on from the reference as its verb would, with no
/// label's colon or dash between, name no kind of block and ask for nothing. A request
/// written so says what it wants ("Episode 3 needs a culture section", "Episode 2 would
/// benefit from a Go sample").
fn states_about_the_episode(text: &str, reference: &Reference, rest: &str) -> bool {
    let Some(before_tail) = text.strip_suffix(reference.tail.as_str()) else {
        return false;
    };
    let runs_on = before_tail
        .trim_end()
        .ends_with(|c: char| c.is_alphanumeric() || c == ')');
    runs_on
        && !rest.trim().is_empty()
        && !vocabulary::says_what_to_add(rest)
        && !vocabulary::asks_for_something(rest)
}

/// An item's words after its bold lead (`**Load Shedding at Hooli:** add …`), separators
/// removed; empty when the lead is all there is.
fn after_lead<'t>(text: &'t str, lead: &str) -> &'t str {
    text.find(lead)
        .map_or("", |at| &text[at + lead.len()..])
        .trim_start_matches([':', ' ', '*', '_', '—', '–', '-'])
        .trim()
}

/// An item's label and what follows it, split at its first colon or, failing one, at a dash
/// between spaces (`Load Shedding at Hooli — add a flowchart …`); the whole item and nothing
/// when it has neither.
fn title_label(text: &str) -> (&str, &str) {
    let (head, tail) = split_label(text);
    if !tail.is_empty() {
        return (head, tail);
    }
    [" — ", " – ", " - "]
        .iter()
        .find_map(|dash| text.split_once(dash))
        .map_or((text.trim(), ""), |(head, tail)| (head.trim(), tail.trim()))
}

/// What a claim item claims: the part its claim phrase points at ([`vocabulary::claimed_part`]),
/// or all of it when it has none ("- A state diagram of the breaker" under "Already
/// includes:").
fn claimed(text: &str) -> std::borrow::Cow<'_, str> {
    if vocabulary::is_claim(text) {
        vocabulary::claimed_part(text)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}
