//! "the next episode", "the previous episode": a request aimed at the episode after or
//! before the one its section is about ("In the next episode, add a sequence diagram …",
//! "The previous episode needs a Python sample …").
//!
//! The phrase counts only where it opens the request, as its subject or after "In" or "For",
//! or as a label ("Next episode: add a sequence diagram"): that is where it says whom the
//! request is for. After a list of requests, a sentence it opens ("The next episode needs a
//! quiz.") is a request of its own, not a detail of the last item. Elsewhere it is part of what is asked
//! ("Add a teaser for the next episode", "a diagram like the one in the previous episode")
//! and changes nothing. Where the section names
//! no single episode to count from, the request is a `recommendation-target` finding at its
//! line.

use std::ops::Range;

use super::{Context, Reader};
use crate::diagnostic::{Diagnostic, RuleId};
use crate::enhance::TargetSpec;

/// The phrases, each with how far it steps from the section's episode.
const STEPS: &[(&str, i64)] = &[
    ("the next episode", 1),
    ("the following episode", 1),
    ("the previous episode", -1),
    ("the preceding episode", -1),
    ("the prior episode", -1),
    // "Next episode: add a quiz", where the phrase opens the request.
    ("next episode", 1),
    ("previous episode", -1),
];

/// Most words a label that only says whom its request is for may have ("In the next
/// episode").
const LABEL_WORDS: usize = 4;

/// How many episodes `text` steps from its section's episode to the one its request is for
/// (+1 for "the next episode"), if it aims its request at such an episode.
pub(super) fn step(text: &str) -> Option<i64> {
    let lower = text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    STEPS.iter().find_map(|&(phrase, step)| {
        lower.match_indices(phrase).find_map(|(at, _)| {
            let ends_word = !lower[at + phrase.len()..].starts_with(char::is_alphanumeric);
            let aims = matches!(lower[..at].trim_end(), "" | "in" | "for");
            // "the next episode's diagram" is a thing in that episode, not whom it is for.
            let possessive = lower[at + phrase.len()..].starts_with(['\'', '’']);
            (ends_word && aims && !possessive).then_some(step)
        })
    })
}

/// Whether `text` opens with whom its request is for ([`step`]) and the words after the
/// phrase ask for a block ("The next episode needs a quiz", "Next episode: add a sequence
/// diagram"): a request of its own, not words about the request before it ("The next
/// episode covers it, so keep the diagram short").
pub(super) fn asks_for_the_stepped_episode(text: &str) -> bool {
    if step(text).is_none() {
        return false;
    }
    let trimmed = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let lower = trimmed.to_ascii_lowercase();
    STEPS.iter().any(|&(phrase, _)| {
        lower.find(phrase).is_some_and(|at| {
            let after = trimmed
                .get(at + phrase.len()..)
                .unwrap_or("")
                .trim_start_matches([':', ',', ' ', '*', '_']);
            matches!(lower[..at].trim_end(), "" | "in" | "for")
                && super::vocabulary::a_clause_asks_for_a_block(after)
        })
    })
}

/// Whether `label` (the words before a colon) only says that its request is for the next or
/// previous episode ("Next episode", "For the previous episode"): the words after the colon
/// are the request.
pub(super) fn is_step_label(label: &str) -> bool {
    let label = label.trim().trim_matches(['*', '_']).trim();
    step(label).is_some()
        && label.split_whitespace().count() <= LABEL_WORDS
        && !label.contains(['\'', '’'])
}

impl Reader<'_, '_> {
    /// The target of a request that says "the next episode" or "the previous episode":
    /// `target`, the section's, moved by the step. `None`, and a finding at `span`, when the
    /// section names no single episode to count from.
    pub(super) fn stepped_target(
        &mut self,
        span: &Range<usize>,
        text: &str,
        target: TargetSpec,
    ) -> Option<TargetSpec> {
        let Some(step) = step(text) else {
            return Some(target);
        };
        let from = match (target.numbers.as_slice(), target.episodes.as_slice()) {
            _ if target.document_wide => None,
            ([number], _) => Some((*number, target.series.clone())),
            ([], [episode]) => Some((
                self.resolver.number_of(*episode),
                Some(self.resolver.series_name_of(*episode).to_owned()),
            )),
            _ => None,
        };
        let stepped = from.and_then(|(number, series)| {
            let number = u32::try_from(i64::from(number) + step).ok()?;
            (number > 0).then(|| TargetSpec {
                numbers: vec![number],
                series,
                ..TargetSpec::default()
            })
        });
        if stepped.is_none() {
            let at = span.start;
            self.out.diagnostics.push(
                Diagnostic::new(
                    RuleId::RecommendationTarget,
                    &self.doc.source.rel_path,
                    at..at,
                    "this request is for the episode next to its section's, but the section names no single episode to count from",
                )
                .help("name the episode (`Episode 4`) instead of \"the next episode\" or \"the previous episode\""),
            );
        }
        stepped
    }

    /// The target a request read now is for: the context's, moved to the next or previous
    /// episode when its words say so.
    pub(super) fn unit_target(&mut self, span: &Range<usize>, text: &str) -> Option<TargetSpec> {
        let target = match self.context() {
            Context::Target(t) => t,
            Context::DocumentWide(wide) => wide.target(),
            _ => return None,
        };
        self.stepped_target(span, text, target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_phrase_that_says_whom_the_request_is_for_steps() {
        for (text, expected) in [
            (
                "In the next episode, add a sequence diagram of load shedding",
                Some(1),
            ),
            ("The previous episode needs a Python sample", Some(-1)),
            ("For the following episode: add a flowchart", Some(1)),
            ("Add a teaser for the next episode", None),
            ("Add a diagram like the one in the previous episode", None),
            ("Reuse the next episode's diagram", None),
            (
                "Add a metrics block; the next episode covers the rest",
                None,
            ),
            ("Add the next episodes list", None),
            ("Next episode: add a sequence diagram", Some(1)),
            ("The next episode needs a quiz.", Some(1)),
            ("Next episode's intro needs work", None),
            ("Add a recap that points at the next episode", None),
        ] {
            assert_eq!(step(text), expected, "{text}");
        }
    }

    #[test]
    fn only_a_phrase_followed_by_a_request_asks_for_the_stepped_episode() {
        for text in [
            "The next episode needs a quiz.",
            "Next episode: add a sequence diagram of the trip.",
            "In the next episode, add a Go code sample of the breaker.",
        ] {
            assert!(asks_for_the_stepped_episode(text), "{text}");
        }
        for text in [
            "The next episode covers it, so keep the diagram short.",
            "The flowchart should end where the next episode begins.",
            "The previous episode already has a flowchart.",
        ] {
            assert!(!asks_for_the_stepped_episode(text), "{text}");
        }
    }

    #[test]
    fn a_label_that_only_says_whom_its_request_is_for_is_a_step_label() {
        for label in ["Next episode", "**Next episode**", "In the next episode"] {
            assert!(is_step_label(label), "{label}");
        }
        for label in [
            "Next steps",
            "Ideas for the next episode",
            "Next episode's diagram",
        ] {
            assert!(!is_step_label(label), "{label}");
        }
    }
}
