//! What a reference names: its target (numbers, series from the reference or the enclosing
//! contexts, the title), whether the words after it are the episode's title or a request, and
//! episodes named by title alone.

use std::ops::Range;

use super::{Reader, Role, vocabulary};
use crate::enhance::TargetSpec;
use crate::enhance::titles::TitleMatch;
use crate::reference::{self, Reference};

impl Reader<'_, '_> {
    // ---- references ----

    /// The reference at the start of a heading or item ([`reference::parse`]) whose first
    /// line is `line` of the file, with a series named right after its numbers as its
    /// qualifier (`Ep 2, Case Studies`, `Episode 3 — Pattern Drills: add …`), unless those
    /// words are the episode's title; or, when the first link on the line leads to the file
    /// of an episode with its number (`[Episode 2](../episodes/02-x/episode-02-y.md)`), that
    /// episode's series.
    pub(super) fn leading_reference(&self, text: &str, line: Range<usize>) -> Option<Reference> {
        let mut reference = reference::parse(text).or_else(|| self.after_series(text))?;
        if let [number] = reference.numbers[..]
            && reference.qualifier.is_none()
            && let Some(linked) = self.linked_episode(line)
            && self.resolver.number_of(linked) == number
        {
            reference.qualifier = Some(self.resolver.series_name_of(linked).to_owned());
        }
        if reference.qualifier.is_none()
            && !reference.numbers.is_empty()
            && let Some((series, len)) = self.resolver.series_at_start(&reference.tail)
            && !self.names_a_title(reference.rest.trim(), &reference, true)
        {
            reference.qualify_from_tail(series, len);
        }
        Some(reference)
    }

    /// A reference right after the series name `text` starts with (`Pattern Drills #3`,
    /// `Case Studies ep 2: Box Scores`), qualified by that series.
    fn after_series(&self, text: &str) -> Option<Reference> {
        let start = text
            .char_indices()
            .find(|&(_, c)| c.is_alphanumeric())
            .map_or(text.len(), |(i, _)| i);
        let (series, len) = self.resolver.series_before_reference(&text[start..])?;
        let rest = text[start + len..].trim_start_matches([',', ':', '-', '–', '—', '·', '|', ' ']);
        let mut reference = reference::parse(rest)?;
        reference.qualifier.get_or_insert(series);
        Some(reference)
    }

    /// Gives a reference found in `text` the series named right before it ("In Case Studies
    /// episode 2, add …"), when it names none; the series' words become part of it.
    pub(super) fn qualify_by_preceding_series(&self, text: &str, reference: &mut Reference) {
        let Some(before) = text.get(..reference.span.start) else {
            return;
        };
        if reference.qualifier.is_none()
            && let Some((series, start)) = self.resolver.series_at_end(before)
        {
            reference.qualifier = Some(series);
            reference.span.start = start;
        }
    }

    /// The episode the link that opens `line` (after its list or heading markers) leads to,
    /// if it leads to one's file: a link further on points elsewhere ("like the one in
    /// [episode 2](…)").
    fn linked_episode(&self, line: Range<usize>) -> Option<usize> {
        let links = &self.doc.links;
        let first = links.partition_point(|l| l.span.start < line.start);
        let link = links
            .get(first)
            .filter(|l| l.span.start < line.end && !l.is_image)?;
        let before = self.doc.source.text.get(line.start..link.span.start)?;
        if before.contains(char::is_alphabetic) {
            return None;
        }
        self.resolver.linked(&self.doc.source.rel_path, &link.dest)
    }

    pub(super) fn target_of(&self, reference: &Reference) -> TargetSpec {
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

    pub(super) fn target_of_all(&self, references: &[Reference]) -> TargetSpec {
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
    pub(super) fn inherited_series(&self) -> Option<String> {
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
    /// `strict` (for list items): words that name no kind are a title only when they share
    /// half their words with the title.
    pub(super) fn names_a_title(&self, rest: &str, reference: &Reference, strict: bool) -> bool {
        use crate::enhance::Kind;
        if rest.is_empty() || vocabulary::starts_imperative(rest) {
            return false;
        }
        if let Some((head, _)) = rest.split_once(':')
            && crate::enhance::kind::intent(head).is_some()
        {
            return false;
        }
        let intent = crate::enhance::kind::intent(rest);
        let asks_for_a_block = matches!(
            intent,
            Some(Kind::Metrics | Kind::Diagram(_) | Kind::Code(_) | Kind::Interactive)
        );
        // "Initech queue migration metrics" under a title "The Initech Payment Queue
        // Migration" asks for metrics: a kind word the title lacks makes it a request.
        let all_in_title = self.resolver.title_overlap(rest, &reference.numbers) >= 0.999;
        if self.resolver.title_coverage(rest, &reference.numbers) >= 0.75
            && (!asks_for_a_block || all_in_title)
        {
            return true;
        }
        match intent {
            Some(Kind::Metrics | Kind::Diagram(_) | Kind::Code(_) | Kind::Interactive) => false,
            Some(Kind::Prose(_)) => self.resolver.title_overlap(rest, &reference.numbers) >= 0.5,
            None => !strict || self.resolver.title_overlap(rest, &reference.numbers) >= 0.5,
        }
    }

    /// A paragraph that names an episode by its whole title, as a reference with no numbers
    /// (its target is the episode itself).
    pub(super) fn title_reference(&self, text: &str) -> Option<Reference> {
        match self.resolver.titles().named_in(text) {
            TitleMatch::One(e) => Some(Reference {
                numbers: Vec::new(),
                qualifier: None,
                rest: String::new(),
                tail: String::new(),
                before: String::new(),
                span: 0..0,
                plural: false,
                episodes: vec![e],
            }),
            _ => None,
        }
    }

    pub(super) fn by_title(&self, text: &str) -> Option<TargetSpec> {
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
}
