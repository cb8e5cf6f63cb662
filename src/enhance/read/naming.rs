//! What a reference names: its target (numbers, series from the reference or the enclosing
//! contexts, the title), whether the words after it are the episode's title or a request, and
//! episodes named by title alone.

use super::{Reader, Role, vocabulary};
use crate::enhance::TargetSpec;
use crate::enhance::titles::TitleMatch;
use crate::reference::Reference;

impl Reader<'_, '_> {
    // ---- references ----

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
