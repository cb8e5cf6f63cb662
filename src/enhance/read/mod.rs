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
//! A list item that only heads sub-items of several kinds ("Diagrams:" over a flowchart and a
//! sequence diagram) gives one unit per sub-item, and a paragraph gives one per sentence that
//! asks anew ("… Also add a Go sample").
//!
//! Nothing is dropped silently: a skipped section is recorded with its reason, a context that
//! names an episode but yields nothing is a `recommendation-unread` finding at its line, so is
//! a heading that names no episode over requests for blocks, so is a request inside a raw
//! HTML block ([`html`]), and so is a whole document from which nothing was read.

mod blocks;
mod breadth;
mod elements;
mod except;
mod frames;
mod front_matter;
mod headings;
mod html;
mod items;
mod naming;
mod prose;
mod relative;
mod repeat;
mod structured;
mod table;
mod unit;
pub(crate) mod vocabulary;

use std::ops::Range;

use crate::diagnostic::{Diagnostic, RuleId};
use crate::enhance::targets::Resolver;
use crate::enhance::{Draft, Kind, Origin, Skipped, TargetSpec, example};
use crate::markdown::Document;
use blocks::Block;
use breadth::Breadth;
use unit::Unit;

/// What a recommendations document says.
#[derive(Debug, Default)]
pub(crate) struct Reading {
    /// Every recommendation and claim, in order.
    pub(crate) drafts: Vec<Draft>,
    /// The series groups (`## Episodes 19-21 (Architecture Deep Dives)`), in order.
    pub(crate) groups: Vec<TargetSpec>,
    /// The episodes the front matter names: document-wide lists apply to them and to every
    /// episode a requirement of the document targets.
    pub(crate) named: Vec<TargetSpec>,
    /// Sections and labels that hold no requirement.
    pub(crate) skipped: Vec<Skipped>,
    /// `recommendation-unread` and `requirements-block` findings.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// Which episodes a many-episode context reaches ([`breadth`]).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Wide {
    breadth: Breadth,
    /// The series it is about: named in its own words, or the series heading it is under
    /// ([`Reader::wide`]).
    series: Option<String>,
    /// The episodes its words leave out ("For all episodes except Episode 3").
    exclusion: Option<except::Exclusion>,
}

impl Wide {
    /// The target of a request read in this context.
    fn target(&self) -> TargetSpec {
        let mut target = TargetSpec {
            document_wide: true,
            whole_series: self.series.is_some() && self.breadth == Breadth::Series,
            series: self.series.clone(),
            ..TargetSpec::default()
        };
        if let Some(exclusion) = &self.exclusion {
            except::leave_out(&mut target, exclusion);
        }
        target
    }
}

/// What a context is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Role {
    /// Names one episode, or several (a group): what follows is for them.
    Target(TargetSpec),
    /// What follows applies to many episodes: every episode the document names, or a
    /// series' episodes.
    DocumentWide(Wide),
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
    /// For a heading that names no episode (a series heading, an unrelated section): its
    /// text. The requests read in its section are reported there; a section that yields
    /// nothing is recorded as skipped.
    unnamed: Option<String>,
    /// For a heading or a label over a list that names a kind and nothing else (`## Metrics
    /// blocks`, `**Diagrams to add:**`): the kind its requests ask for when their own words
    /// name none ([`crate::enhance::kind::named_alone`]). A label's frame ends at the next
    /// paragraph ([`Reader::end_kind_groups`]).
    kind: Option<Kind>,
}

impl Frame {
    /// Whether a new label ends this frame: a label's own list (strengths, claims, "for all
    /// episodes") ends at the next label; a paragraph that names an episode does not.
    fn closes_at_label(&self) -> bool {
        self.level >= PARAGRAPH_LEVEL
            && self.ends_at.is_none()
            && !matches!(self.role, Role::Target(_))
    }
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
        intro: None,
        dropped: Vec::new(),
    };
    reader.front_matter();
    reader.requests_in_html();
    let blocks = blocks::in_order(doc);
    for (i, block) in blocks.iter().enumerate() {
        let next = blocks.get(i + 1);
        reader.check_ranges(block);
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
    unit: Option<Unit<'d>>,
    /// "For all episodes, add interactive components:": a requirement for every episode only
    /// if what follows it names none of its own (see [`Intro`]).
    intro: Option<Intro<'d>>,
    /// Where requests read where no episode is named start, in order, until the section
    /// holding them reports them ([`Reader::note_dropped`]).
    dropped: Vec<usize>,
}

/// A document-wide introduction waiting to see what follows it. When the section it sits in
/// closes with no requirement read after it, it is one requirement for every episode; when
/// what follows names the episodes' own elements, it was only their introduction. A fence
/// right after it without such names is its example.
#[derive(Debug)]
struct Intro<'d> {
    unit: Unit<'d>,
    /// Drafts read when it was met.
    drafts_before: usize,
    /// Frames open when it was met (its own frame excluded): it is settled when fewer are.
    depth: usize,
}

impl Reader<'_, '_> {
    fn front_matter(&mut self) {
        let Some(front) = &self.doc.front_matter else {
            return;
        };
        let span = &front.span;
        match front_matter::targets(front, self.doc.source) {
            Ok(targets) => {
                self.out.named.extend(targets.iter().cloned());
                self.out.groups.extend(targets.iter().cloned());
                // One target is the document's context; several (`episodes: [Box Scores, The
                // Queue Migration]`) are the context of what no section names ([`Self::context`]).
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
                        kind: None,
                    });
                }
            }
            Err(message) => self.out.diagnostics.push(
                Diagnostic::new(
                    RuleId::RecommendationUnread,
                    &self.doc.source.rel_path,
                    span.start..span.start,
                    format!("the front matter's episodes cannot be read: {message}"),
                )
                .help("write `episodes: [3, 4]`, `episode: 3` with `series: Name`, or a list of `{series: Name, number: 3}`"),
            ),
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
        let asked = description.unwrap_or(title);
        let Some(mut target) = self.unit_target(&span, asked) else {
            return;
        };
        if let Some(exclusion) = except::exclusion(asked) {
            except::leave_out(&mut target, &exclusion);
        }
        let description = description.map(except::without_clause);
        let title = except::without_clause(title);
        let unit = Unit::new(span, &title, description.as_deref(), ends_at, target);
        self.unit = Some(unit.grouped_as(self.section_kind()));
    }

    /// A recommendation for the many episodes `wide` reaches, whatever the context.
    fn start_document_wide_unit(
        &mut self,
        span: Range<usize>,
        wide: &Wide,
        (title, description): (&str, &str),
        ends_at: usize,
    ) {
        let mut target = wide.target();
        if let Some(exclusion) = except::exclusion(description) {
            except::leave_out(&mut target, &exclusion);
        }
        let (title, description) = (
            except::without_clause(title),
            except::without_clause(description),
        );
        let unit = Unit::new(span, &title, Some(&description), Some(ends_at), target);
        self.unit = Some(unit.grouped_as(self.section_kind()));
    }

    /// Holds a document-wide introduction until what follows it is known.
    fn introduce(&mut self, span: Range<usize>, wide: &Wide, (title, text): (&str, &str)) {
        self.settle_intro();
        let mut target = wide.target();
        if let Some(exclusion) = except::exclusion(text) {
            except::leave_out(&mut target, &exclusion);
        }
        let (title, text) = (except::without_clause(title), except::without_clause(text));
        self.intro = Some(Intro {
            unit: Unit::new(span, &title, Some(&text), None, target),
            drafts_before: self.out.drafts.len(),
            depth: self.frames.len().saturating_sub(1),
        });
    }

    /// Reports an episode range in a heading, paragraph or list item that names no episode
    /// because it runs backwards or spans too many (`Episodes 3-1`): the block is read as if
    /// it named none, so its requests would otherwise go unchecked without a word.
    fn check_ranges(&mut self, block: &Block<'_>) {
        let (text, at) = match *block {
            Block::Heading(h) => (h.text.as_str(), h.span.start),
            Block::Paragraph(p) => (self.doc.text_of(&p.text()), p.span().start),
            Block::Item(item) => (self.doc.text_of(&item.text()), item.span().start),
            Block::Table(_) | Block::Code(_) => return,
        };
        if let Some((range, why)) = crate::reference::unreadable_range(text) {
            self.out.diagnostics.push(
                Diagnostic::new(
                    RuleId::RecommendationTarget,
                    &self.doc.source.rel_path,
                    at..at,
                    format!("`{range}` names no episode: {why}"),
                )
                .help("write the range from the lower number to the higher (`Episodes 1-3`)"),
            );
        }
    }

    /// Keeps the introduction as a requirement when nothing was read after it.
    fn settle_intro(&mut self) {
        if let Some(intro) = self.intro.take()
            && self.out.drafts.len() == intro.drafts_before
        {
            self.out.drafts.push(intro.unit.into_draft(self.doc));
        }
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
                span: self.doc.source.line_span(span.start),
                target: target.clone(),
                fingerprint,
                count: crate::enhance::claim::claimed_count(&part),
            });
        }
    }

    fn finish(mut self) -> Reading {
        self.finish_unit();
        self.close_frames(|_| true);
        self.settle_intro();
        let outside = std::mem::take(&mut self.dropped);
        self.unnamed_asks(None, &outside);
        if self.out.drafts.is_empty() && self.out.diagnostics.is_empty() {
            self.out.diagnostics.push(nothing_read(self.doc));
        }
        self.out
    }
}

/// A label and what follows it, split at the first colon outside brackets ("Culture section
/// (Priority: High): how on-call teams …" is labelled "Culture section (Priority: High)").
fn split_label(text: &str) -> (&str, &str) {
    let mut depth = 0usize;
    let colon = text.char_indices().find_map(|(i, c)| {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ':' if depth == 0 => return Some(i),
            _ => {}
        }
        None
    });
    match colon {
        Some(at) => (text[..at].trim(), text[at + 1..].trim()),
        None => (text.trim(), ""),
    }
}

fn nothing_read(doc: &Document<'_>) -> Diagnostic {
    let span = doc.source.line_span(0);
    Diagnostic::new(
        RuleId::RecommendationUnread,
        &doc.source.rel_path,
        span,
        "no recommendation was read from this file",
    )
    .label("nothing in this file names an episode and says what to add")
    .help("the reader looks for an episode named as `Episode 3`, `Ep. 3`, `#3`, `episode 3 of <series>` or by its title, in a heading, a list item, a table's episode column, a paragraph or front matter (`episodes: [3]`), and under it what to add: list items, headings, table rows or sentences, each optionally followed by an example block")
    .help("for certainty, list requirements in a ```requirements block (see `episode lint --explain recommendation-unread`)")
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
    /// Recommendations for many episodes: every episode the document names, or a series'.
    DocumentWide(Wide),
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
