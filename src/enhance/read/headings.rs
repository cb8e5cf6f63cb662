//! Headings: a heading that names an episode, a series, a group or the whole course opens a
//! context for its section; a heading that says what to add, inside one, is a recommendation
//! whose section details it; strengths, summaries and the like are skipped sections.

use std::ops::Range;

use super::blocks::Block;
use super::{Context, Frame, PARAGRAPH_LEVEL, Reader, Role, table, vocabulary};
use crate::enhance::{Kind, kind};
use crate::markdown::{Heading, ListItem};
use crate::reference::{self, Reference};

impl Reader<'_, '_> {
    // ---- headings ----

    pub(super) fn heading(&mut self, heading: &Heading, after: &[Block<'_>]) {
        self.finish_unit();
        self.close_frames(|f| f.level >= heading.level || f.level >= PARAGRAPH_LEVEL);
        // "### Recommendation 2: Add a sequence diagram of one trip" asks for what follows.
        let text = vocabulary::without_counting_label(heading.text.trim());
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
            kind: None,
        };
        if let Some(reference) = self.leading_reference(text, heading.span.clone()) {
            return self.reference_heading(heading, reference, has_children);
        }
        if let Some(reference) = self.later_reference(text) {
            return self.reference_heading(heading, reference, has_children);
        }
        if let Some(reason) = self.skip_reason_here(text)
            && self.by_title(text).is_none()
        {
            match self.asks_anyway(reason, &(heading.span.end..section_end)) {
                AsksAnyway::No => {
                    self.skip(heading.span.start, text, reason);
                    return self.push(frame(Role::Skip, false));
                }
                AsksAnyway::OnItsOwn => return self.push(frame(Role::Neutral, false)),
                // "#### Customer impact" over "A metrics block with …": read as any heading.
                AsksAnyway::AsDescribed => {}
            }
        }
        if let Some(wide) = self.wide_heading(text) {
            return self.push(frame(Role::DocumentWide(wide), false));
        }
        if vocabulary::is_claim(text) {
            return self.push(frame(Role::Claims, false));
        }
        // "# Enhancements for Case Studies" names the series its requests are for.
        if let Some(series) = self.resolver.names_series(text) {
            let mut f = frame(Role::Series(series), false);
            f.unnamed = Some(text.to_owned());
            return self.push(f);
        }
        if vocabulary::is_container(text) {
            return self.push(frame(Role::Neutral, false));
        }
        if !vocabulary::starts_imperative(text)
            && let Some(target) = self.by_title(text)
        {
            return self.push(frame(Role::Target(target), true));
        }
        match self.context() {
            Context::Target(_) | Context::DocumentWide(_) if !has_children => {
                let section = heading.span.end..section_end;
                // `#### Diagrams to add` over a list of requests groups them by kind; a metrics
                // heading's list is the labels, or the example, of one block, a prose
                // section's the points it makes, and a singular heading's (`#### Diagram`
                // over `- Show the client`) the details of one request.
                let grouping = kind::named_alone(text)
                    .filter(|kind| !matches!(kind, Kind::Metrics | Kind::Prose(_)))
                    .filter(|_| self.top_level_items(&section).len() >= 2)
                    .filter(|kind| {
                        (vocabulary::names_a_plural(text) && self.items_ask(&section, Some(kind)))
                            || self.lists_only_requests(&section)
                            || self.items_name_specific_blocks(&section, kind)
                    });
                if grouping.is_some() {
                    let mut f = frame(Role::Neutral, false);
                    f.kind = grouping;
                    self.push(f);
                } else if (heading.level == 1 && !vocabulary::starts_imperative(text))
                    || !vocabulary::says_what_to_add(text)
                        && (self.holds_units(&section)
                            || self.lists_only_requests(&section)
                            || self.sentences_ask(&section))
                {
                    // A document's title, or a heading over sentences that ask for several
                    // blocks, titles none of them.
                    self.push(frame(Role::Neutral, false));
                } else {
                    // `### Nice to have: a state diagram`: the rank is no part of the title.
                    let asked = vocabulary::after_rank_label(text).unwrap_or(text);
                    self.start_unit(heading.span.clone(), asked, None, Some(section_end));
                }
            }
            Context::None | Context::Series(_) => {
                let mut f = frame(Role::Neutral, false);
                // A document's title heads no section of its own; below a series, any
                // heading that names no episode does.
                let series = matches!(self.context(), Context::Series(_));
                f.unnamed = (heading.level >= 2 || series).then(|| text.to_owned());
                // `## Metrics blocks` groups requests by kind; it asks for nothing itself.
                f.kind = kind::named_alone(text);
                if f.kind.is_none() && vocabulary::asks_for_a_block_anyhow(text) {
                    self.note_dropped(heading.span.start);
                }
                self.push(f);
            }
            _ => self.push(frame(Role::Neutral, false)),
        }
    }

    /// A reference after other words in a heading or item: `Pattern Drills, episodes 1 to 3`
    /// (the words before name the series), or `Add retry metrics to episode 3` (they say what
    /// to add: the reference's rest becomes those words).
    pub(super) fn later_reference(&self, text: &str) -> Option<Reference> {
        // "Add a Go sample to every episode except Episode 3" names the episode it leaves out.
        let mut reference = reference::find(text)
            .into_iter()
            .find(|r| !super::except::excludes_at(text, r.span.start))?;
        let mut before = later_prefix(&reference.before).to_owned();
        if reference.qualifier.is_none() {
            if let Some(series) = self.resolver.names_series(&before) {
                reference.qualifier = Some(series);
                return Some(reference);
            }
            // "Add a metrics block to Case Studies episode 3": the series ends the request.
            if let Some((series, start)) = self.resolver.series_at_end(&before)
                && start > 0
            {
                before.truncate(start);
                before = before.trim_end().to_owned();
                reference.qualifier = Some(series);
                reference.before.clone_from(&before);
            }
        }
        let before = before.as_str();
        if vocabulary::says_what_to_add(before) && !vocabulary::points_at_a_model(before) {
            // "Add a flowchart of the ledger to episode 3": the request without its "to".
            let before = before
                .rsplit_once(' ')
                .filter(|(_, last)| {
                    vocabulary::AIMING_WORDS
                        .iter()
                        .any(|word| last.eq_ignore_ascii_case(word))
                })
                .map_or(before, |(request, _)| request.trim_end());
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

    pub(super) fn reference_heading(
        &mut self,
        heading: &Heading,
        reference: Reference,
        has_children: bool,
    ) {
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
            kind: None,
        };
        if let Some(reason) = vocabulary::skip_reason(rest)
            && !self.names_a_title(rest, &reference, true)
        {
            self.skip(heading.span.start, &heading.text, reason);
            frame.role = Role::Skip;
            frame.report_if_empty = false;
            return self.push(frame);
        }
        if reference.plural && !self.names_a_title(rest, &reference, false) {
            self.out.groups.push(target.clone());
        }
        if vocabulary::is_claim(rest) {
            self.push(frame);
            let claimed = vocabulary::claimed_part(reference.tail.trim());
            return self.claims(heading.span.clone(), &claimed, true);
        }
        let asks = !rest.is_empty()
            && !self.names_a_title(rest, &reference, false)
            && vocabulary::says_what_to_add(rest);
        self.push(frame);
        if asks && !has_children {
            let end = self.section_end(heading);
            let asked = vocabulary::after_rank_label(rest).unwrap_or(rest);
            self.start_unit(heading.span.clone(), asked, None, Some(end));
        }
    }

    pub(super) fn section_end(&self, heading: &Heading) -> usize {
        self.doc
            .headings
            .iter()
            .find(|h| h.span.start > heading.span.start && h.level <= heading.level)
            .map_or(self.doc.source.text.len(), |h| h.span.start)
    }

    /// Whether a section of an episode whose heading would be skipped for `reason` asks for
    /// blocks all the same, and how: its items or sentences ask on their own ("### Gaps"
    /// over "- A metrics block of …", "#### Performance impact" over "Add a metrics block:
    /// …"), or a sentence names a block the heading titles ("#### Customer impact" over "A
    /// metrics block with failed checkouts per minute"). Strengths, summaries and the like
    /// never do ([`vocabulary::may_head_requests`]), nor does a section outside any episode.
    fn asks_anyway(&self, reason: &str, section: &Range<usize>) -> AsksAnyway {
        if !vocabulary::may_head_requests(reason) {
            return AsksAnyway::No;
        }
        if !matches!(
            self.context(),
            Context::Target(_) | Context::DocumentWide(_)
        ) {
            // "## High priority" over "- Add a sequence diagram … to Ep 2" or over episode
            // headings sorts requests: its section is read, and what it asks outside any
            // episode is reported.
            return if self.section_names_an_episode(section) {
                AsksAnyway::OnItsOwn
            } else {
                AsksAnyway::No
            };
        }
        if self.holds_units(section) || self.lists_only_requests(section) {
            return AsksAnyway::OnItsOwn;
        }
        let paragraphs = &self.doc.paragraphs;
        let from = paragraphs.partition_point(|p| p.span().start < section.start);
        let texts: Vec<&str> = paragraphs[from..]
            .iter()
            .take_while(|p| p.span().start < section.end)
            .map(|p| self.doc.text_of(&p.text()))
            .collect();
        if texts
            .iter()
            .any(|t| vocabulary::a_clause_asks_for_a_block(t))
        {
            AsksAnyway::OnItsOwn
        } else if texts.iter().any(|t| vocabulary::a_clause_names_a_block(t)) {
            AsksAnyway::AsDescribed
        } else {
            AsksAnyway::No
        }
    }

    /// Whether a heading in `section` names an episode, or a paragraph or list item there
    /// names one and asks for a block. Each kind of block is sorted by position, so only
    /// the section's own are read.
    fn section_names_an_episode(&self, section: &Range<usize>) -> bool {
        fn inside<'a, T>(
            all: &'a [T],
            section: &Range<usize>,
            start: impl Fn(&T) -> usize,
        ) -> &'a [T] {
            let from = all.partition_point(|b| start(b) < section.start);
            let to = all.partition_point(|b| start(b) < section.end);
            &all[from..to.max(from)]
        }
        let doc = self.doc;
        let names = |text: &str| !reference::find(text).is_empty();
        // A paragraph or item counts when it also asks ("Add … to Ep 2", "Pattern Drills, ep
        // 2: add …"): a closing "Implementation priority" list that names episodes only
        // orders what came before.
        let asks_of = |text: &str| {
            reference::find(text).first().is_some_and(|reference| {
                vocabulary::asks_for_a_block_anyhow(text)
                    || vocabulary::asks_for_a_block_anyhow(&reference.rest)
            })
        };
        inside(&doc.headings, section, |h| h.span.start)
            .iter()
            .any(|h| names(&h.text))
            || inside(&doc.paragraphs, section, |p| p.span().start)
                .iter()
                .any(|p| asks_of(doc.text_of(&p.text())))
            || inside(&doc.list_items, section, |i| i.span().start)
                .iter()
                .any(|i| asks_of(doc.text_of(&i.text())))
    }

    /// The list items of a section at its shallowest depth.
    fn top_level_items(&self, section: &Range<usize>) -> Vec<&ListItem> {
        let items = &self.doc.list_items;
        let from = items.partition_point(|i| i.span().start < section.start);
        let to = items.partition_point(|i| i.span().start < section.end);
        let inside = &items[from..to.max(from)];
        let top = inside.iter().map(|i| i.depth()).min().unwrap_or(0);
        inside.iter().filter(|i| i.depth() == top).collect()
    }

    /// Whether a paragraph of a section, outside its lists, asks for several blocks ("Add a
    /// quiz at the end. Also add a Go sample of the consumer."): the heading cannot title
    /// them all.
    fn sentences_ask(&self, section: &Range<usize>) -> bool {
        self.doc
            .paragraphs
            .iter()
            .filter(|p| section.contains(&p.span().start))
            .any(|p| {
                let text = self.doc.text_of(&p.text()).trim();
                vocabulary::asks_for_a_block(text) && super::unit::split_asks(text).len() > 1
            })
    }

    /// Whether a section's top-level list items each name a kind of block (`#### Must have`
    /// over `- A state diagram of the breaker`): a heading that asks for nothing itself
    /// only sorts them.
    pub(super) fn lists_only_requests(&self, section: &Range<usize>) -> bool {
        self.items_ask(section, None)
    }

    /// Whether each top-level list item of `range` asks for a block: it names a kind of block
    /// and names it as a thing to add ("A state diagram of the breaker"; not "No production
    /// metrics" or "The flowchart is clear"), or, under a label or heading of `group`, names
    /// a thing to add, asks for one, or names a diagram type or language of the group ("The
    /// state machine of the budget"; not "Keep them under 15 nodes").
    pub(super) fn items_ask(&self, range: &Range<usize>, group: Option<&Kind>) -> bool {
        let items = self.top_level_items(range);
        !items.is_empty()
            && items.iter().all(|i| {
                let text = self.doc.text_of(&i.text());
                let asks = vocabulary::names_a_thing_to_add(text);
                let names_kind = kind::intent(text).is_some();
                let ok = match group {
                    None => asks && names_kind,
                    Some(group) => {
                        asks || names_kind
                            || kind::within_group(group.clone(), text).is_specific_block()
                    }
                };
                ok && !vocabulary::is_remark(text) && !vocabulary::is_claim(text)
            })
    }

    /// Whether each top-level list item of a section names a block of `group` made
    /// specific (`#### Code` over "- Go implementation of the breaker" and "- A Java version
    /// with Resilience4j"): each is a request of its own, while "- Show the client" only
    /// details one.
    fn items_name_specific_blocks(&self, section: &Range<usize>, group: &Kind) -> bool {
        let items = self.top_level_items(section);
        !items.is_empty()
            && items.iter().all(|i| {
                // The block is the item's subject: its type or language leads ("Go
                // implementation …", "A state machine …"; not "Written in Go").
                let text = self.doc.text_of(&i.text());
                let lead: Vec<&str> = text
                    .split_whitespace()
                    .skip_while(|w| ["a", "an", "the"].contains(&w.to_lowercase().as_str()))
                    .take(2)
                    .collect();
                kind::within_group(group.clone(), &lead.join(" ")).is_specific_block()
                    && !vocabulary::is_remark(text)
            })
    }

    /// Whether a section holds recommendation units of its own (numbered items, items led by
    /// a bold title or a verb, each followed by its example), making its heading a label.
    pub(super) fn holds_units(&self, section: &Range<usize>) -> bool {
        let units = self
            .top_level_items(section)
            .into_iter()
            .filter(|i| {
                let text = self.doc.text_of(&i.text());
                let metric_line =
                    i.lead_strong().is_some() && crate::markdown::metrics::has_number(text);
                (i.lead_strong().is_some() && !metric_line) || vocabulary::starts_imperative(text)
            })
            .count();
        let tables = self
            .doc
            .tables
            .iter()
            .any(|t| section.contains(&t.span.start) && table::is_requirements_table(t));
        units >= 2 || tables
    }
}

/// The words before a reference found later in a heading or item, without the punctuation
/// that joins them to it (`Pattern Drills,` episode 2).
pub(super) fn later_prefix(before: &str) -> &str {
    before
        .trim_end_matches([',', ':', '-', '–', '—', '·', '|'])
        .trim()
}

/// Whether, and how, a section whose heading would be skipped asks for blocks
/// ([`Reader::asks_anyway`]).
enum AsksAnyway {
    /// It asks for nothing: the section is skipped.
    No,
    /// Its items or sentences ask on their own: they are read, and the heading titles none.
    OnItsOwn,
    /// A sentence names a block without asking: the heading titles that request.
    AsDescribed,
}
