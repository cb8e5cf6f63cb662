//! The stack of contexts: opening and closing them, reporting the ones that named an episode
//! and yielded nothing, and the context a new recommendation is read in.

use std::ops::Range;

use super::breadth::{self, Breadth};
use super::{Context, Frame, ITEM_LEVEL, PARAGRAPH_LEVEL, Reader, Role, Wide, vocabulary};
use crate::diagnostic::{Diagnostic, RuleId};
use crate::enhance::{Kind, Skipped};
use crate::markdown::ListItem;

/// How many lines a finding on requests that name no episode lists.
const LINES_SHOWN: usize = 4;

impl Reader<'_, '_> {
    // ---- contexts ----

    pub(super) fn push(&mut self, mut frame: Frame) {
        frame.drafts_before = self.out.drafts.len();
        self.frames.push(frame);
    }

    pub(super) fn open_paragraph_frame(
        &mut self,
        span: Range<usize>,
        role: Role,
        report_if_empty: bool,
    ) {
        self.close_frames(|f| f.level >= PARAGRAPH_LEVEL);
        self.push(Frame {
            level: PARAGRAPH_LEVEL,
            ends_at: None,
            role,
            span,
            drafts_before: 0,
            report_if_empty,
            unnamed: None,
            kind: None,
        });
    }

    pub(super) fn open_item_frame(&mut self, item: &ListItem, role: Role, report_if_empty: bool) {
        self.push(Frame {
            level: ITEM_LEVEL,
            ends_at: Some(item.span().end),
            role,
            span: item.span(),
            drafts_before: 0,
            report_if_empty,
            unnamed: None,
            kind: None,
        });
    }

    /// Ends the grouping of kind labels (`**Diagrams to add:**`): their frames go, and the
    /// request being read stays open, for the paragraph that may describe it.
    pub(super) fn end_kind_groups(&mut self) {
        self.frames
            .retain(|f| !(f.level == PARAGRAPH_LEVEL && f.kind.is_some()));
    }

    /// Closes the innermost frames while `done` holds for them, reporting the ones that name
    /// an episode and yielded nothing.
    pub(super) fn close_frames(&mut self, done: impl Fn(&Frame) -> bool) {
        while self.frames.last().is_some_and(&done) {
            self.finish_unit();
            let Some(frame) = self.frames.pop() else {
                break;
            };
            let empty = self.out.drafts.len() == frame.drafts_before;
            if empty && frame.report_if_empty && !self.holds_remarks(&frame) {
                self.unread(&frame);
            }
            if let Some(text) = &frame.unnamed {
                let first_mine = self.dropped.partition_point(|&at| at < frame.span.start);
                let mine = self.dropped.split_off(first_mine);
                if !mine.is_empty() {
                    self.unnamed_asks(Some((&frame, text)), &mine);
                } else if empty {
                    self.skip(frame.span.start, text, "names no episode");
                }
            }
            if self
                .intro
                .as_ref()
                .is_some_and(|i| self.frames.len() < i.depth)
            {
                self.settle_intro();
            }
        }
    }

    /// Whether remarks or refusals were read directly in `frame`, before any heading inside
    /// it: a section of praise, or of what not to add, was understood, and asks for nothing.
    fn holds_remarks(&self, frame: &Frame) -> bool {
        let line_of = |at: usize| self.doc.source.line_col(at).line;
        let first = line_of(frame.span.start);
        let headings = &self.doc.headings;
        let next = headings.partition_point(|h| h.span.start <= frame.span.start);
        let end = headings
            .get(next)
            .map_or(usize::MAX, |h| line_of(h.span.start));
        self.out
            .skipped
            .iter()
            .rev()
            .take_while(|s| s.line > first)
            .any(|s| matches!(s.reason, "remarks" | "declines") && s.line < end)
    }

    pub(super) fn unread(&mut self, frame: &Frame) {
        let span = self.doc.source.line_span(frame.span.start);
        let what = match frame.level {
            0 => "the front matter names an episode",
            ITEM_LEVEL => "this list item names an episode",
            PARAGRAPH_LEVEL => "this paragraph names an episode",
            _ => "this section names an episode",
        };
        self.out.diagnostics.push(
            Diagnostic::new(
                RuleId::RecommendationUnread,
                &self.doc.source.rel_path,
                span,
                format!("{what}, but no recommendation was read from it"),
            )
            .label("nothing here says what to add")
            .help("write each recommendation as a list item, a heading, a table row or a sentence that says what to add (\"Add a sequence diagram of …\"), optionally followed by an example block; `episode enhancements` shows what was read"),
        );
    }

    /// Keeps a request read where no episode is named (`- Add a sequence diagram of …`
    /// under `## General observations`): the section that holds it reports it when it
    /// closes ([`Self::unnamed_asks`]).
    pub(super) fn note_dropped(&mut self, at: usize) {
        self.dropped.push(at);
    }

    /// Requests that name no episode, so none is checked: reported at the heading of the
    /// section that holds them, or, outside any such section, at the first of them.
    pub(super) fn unnamed_asks(&mut self, section: Option<(&Frame, &str)>, asks: &[usize]) {
        let Some(&first) = asks.first() else {
            return;
        };
        let source = &self.doc.source;
        let mut lines: Vec<String> = asks
            .iter()
            .take(LINES_SHOWN)
            .map(|&at| source.line_col(at).line.to_string())
            .collect();
        if asks.len() > LINES_SHOWN {
            lines.push(format!("{} more", asks.len() - LINES_SHOWN));
        }
        let requests = match asks.len() {
            1 => format!("a request (line {})", lines[0]),
            n => format!("{n} requests (lines {})", lines.join(", ")),
        };
        let (at, message, label) = match section {
            Some((frame, heading)) => (
                frame.span.start,
                format!(
                    "section \"{}\" holds {requests}, but names no episode, so none is checked",
                    heading.trim()
                ),
                "no episode is named here or above",
            ),
            None => (
                first,
                format!("{requests} outside any episode's section, so none is checked"),
                "no episode is named for this",
            ),
        };
        self.out.diagnostics.push(
            Diagnostic::new(
                RuleId::RecommendationUnread,
                &source.rel_path,
                source.line_span(at),
                message,
            )
            .label(label)
            .help("name the episode in the heading (`## Episode 3: …`, `## Ep. 3 of <series>`, or the episode's title), or write \"for all episodes\" in it so that its requests apply to every episode the document names (every episode of the course when it names none)"),
        );
    }

    pub(super) fn skip(&mut self, at: usize, text: &str, reason: &'static str) {
        self.out.skipped.push(Skipped {
            file: self.doc.source.rel_path.clone(),
            line: self.doc.source.line_col(at).line,
            text: text.trim().trim_end_matches(':').to_owned(),
            reason,
        });
    }

    /// Why a heading or label holds no requirement here ([`vocabulary::skip_reason`]; inside
    /// an episode's section, also [`vocabulary::assessment_reason`]), if it holds none.
    pub(super) fn skip_reason_here(&self, label: &str) -> Option<&'static str> {
        let in_episode = matches!(
            self.context(),
            Context::Target(_) | Context::DocumentWide(_)
        );
        vocabulary::skip_reason(label).or_else(|| {
            in_episode
                .then(|| vocabulary::assessment_reason(label))
                .flatten()
        })
    }

    pub(super) fn in_skip_frame(&self) -> bool {
        matches!(self.context(), Context::Skip)
    }

    pub(super) fn in_skip(&self) -> bool {
        self.frames
            .iter()
            .any(|f| f.role == Role::Skip && f.level < PARAGRAPH_LEVEL)
    }

    /// The innermost context that decides what a unit is for.
    /// A series heading narrows an outer target (front matter listing episodes) rather than
    /// hiding it; on its own it only names the series.
    /// A many-episode context reaches the series it was placed in ([`Reader::wide`]), or
    /// else that of a series heading inside it.
    pub(super) fn context(&self) -> Context {
        let mut claims = false;
        let mut series: Option<&String> = None;
        for frame in self.frames.iter().rev() {
            match &frame.role {
                Role::Skip => return Context::Skip,
                Role::Claims => claims = true,
                Role::DocumentWide(wide) if !claims => {
                    let mut wide = wide.clone();
                    if wide.series.is_none() {
                        wide.series = series.cloned();
                    }
                    return Context::DocumentWide(wide);
                }
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
            // Outside every section, a request is for each episode the front matter names.
            None if !claims && self.out.named.len() > 1 => Context::DocumentWide(Wide {
                breadth: Breadth::Named,
                series: None,
                exclusion: None,
            }),
            _ => Context::None,
        }
    }

    /// The series of the innermost series heading around the reader, outside any episode.
    fn series_around(&self) -> Option<String> {
        self.frames
            .iter()
            .rev()
            .find_map(|frame| match &frame.role {
                Role::Series(name) => Some(Some(name.clone())),
                Role::Target(_) | Role::DocumentWide(_) => Some(None),
                _ => None,
            })
            .flatten()
    }

    /// The many-episode reach a paragraph or list item `text` states ([`breadth`]), if any.
    /// A series its own words name is the whole of that series ("All episodes of Case
    /// Studies need …"); "every episode in this series" is the whole series of the section
    /// it is in; any other ("For each episode above, …") is every episode the document
    /// names, wherever it stands.
    pub(super) fn wide(&self, text: &str) -> Option<Wide> {
        let breadth = breadth::of(text)?;
        Some(match self.resolver.series_named_in(text) {
            Some(series) => Wide {
                breadth: Breadth::Series,
                series: Some(series),
                exclusion: super::except::exclusion(text),
            },
            // "All three episodes" below `## Pattern Drills` counts that series' episodes.
            None if breadth::counts_episodes(text)
                && let Some(series) = self.series_around() =>
            {
                Wide {
                    breadth: Breadth::Series,
                    series: Some(series),
                    exclusion: super::except::exclusion(text),
                }
            }
            None => Wide {
                breadth,
                series: (breadth == Breadth::Series)
                    .then(|| self.series_around())
                    .flatten(),
                exclusion: super::except::exclusion(text),
            },
        })
    }

    /// Like [`Reader::wide`], for a heading: a heading's section is part of the series
    /// section around it, so "### For all episodes" below "## Case Studies" is for the
    /// episodes of Case Studies the document names (all of them when it names none).
    pub(super) fn wide_heading(&self, text: &str) -> Option<Wide> {
        let mut wide = self.wide(text)?;
        if wide.series.is_none() {
            wide.series = self.series_around();
        }
        Some(wide)
    }

    /// The kind the innermost heading or label that names only a kind asks for (`## Metrics
    /// blocks` above `- Episode 2: trip rate and recovery time`), if any.
    pub(super) fn section_kind(&self) -> Option<Kind> {
        self.frames
            .iter()
            .rev()
            .find_map(|frame| frame.kind.clone())
    }

    /// The target claims are about: the innermost target, through a claims label.
    pub(super) fn context_of_claims(&self) -> Context {
        match self.context() {
            Context::Claims(t) | Context::Target(t) => Context::Target(t),
            other => other,
        }
    }
}
