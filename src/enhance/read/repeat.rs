//! "Same for Ep 3", "Same as above for Episode 3", "Ditto for episode 3": the requests read
//! just before, for another episode, asked again for the one named (or, without a name, for
//! the section's episode).
//!
//! The requests repeated are the last run of requests read for one target. "Same as Episode
//! 1", where the episode follows "as", names where the requests come from instead: those
//! read for episode 1 are asked again for the section's episode. A phrase that has nothing
//! to repeat (nothing before it, or only requests for the same episode) or nowhere to repeat
//! it is a `recommendation-unread` finding at its line, never a silent pass. So is a
//! repetition whose target words match no episode ("Same for the Hooli sports episode"):
//! the finding quotes the words.

use std::ops::Range;

use super::{Context, Reader, unit};
use crate::diagnostic::{Diagnostic, RuleId};
use crate::enhance::{Draft, Origin, TargetSpec};
use crate::reference::Reference;

/// Words that open a repetition.
const OPENINGS: &[&str] = &["same", "ditto", "likewise", "the same", "do the same"];

/// The only words a repetition holds besides its episode reference.
const FILLER: &[&str] = &[
    "same", "ditto", "likewise", "the", "do", "as", "above", "before", "for", "here", "too",
    "also", "applies", "apply", "to", "and", "please", "goes", "go",
];

/// Most words a repetition's target may have ("Same for the Hooli sports episode"): more is
/// a sentence of its own ("Same for the metrics, which need real numbers from production").
const TARGET_WORDS: usize = 6;

/// Whether `text`, with its episode references left out, only says "the same again": it
/// opens with "Same", "Ditto", "Likewise" or "Do the same", and holds no other word.
pub(super) fn asks_the_same(text: &str, references: &[Reference]) -> bool {
    let rest = unit::without_references(text, references);
    let words: Vec<String> = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let opens = OPENINGS.iter().any(|opening| {
        let opening: Vec<&str> = opening.split(' ').collect();
        words.len() >= opening.len() && words.iter().zip(&opening).all(|(w, o)| w == o)
    });
    opens && words.iter().all(|w| FILLER.contains(&w.as_str()))
}

/// The words of a repetition that names its episode in words the reader cannot match
/// ("Same for the Hooli sports episode", "The same goes for the caching one"): the words
/// after "for" or "to", when `text` opens as a repetition, names no episode the reader
/// found (`references`), and is one short sentence.
pub(super) fn unmatched_target(text: &str, references: &[Reference]) -> Option<String> {
    if !references.is_empty() {
        return None;
    }
    let text = text.trim().trim_end_matches(['.', '!', '*', '_']).trim();
    if text.contains(['.', ';', ':', '!', '?', ',']) {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let lower: Vec<String> = words
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let opens = OPENINGS.iter().any(|opening| {
        let opening: Vec<&str> = opening.split(' ').collect();
        lower.len() >= opening.len() && lower.iter().zip(&opening).all(|(w, o)| w == o)
    });
    if !opens {
        return None;
    }
    // The words up to "for" or "to" only say "the same again".
    let aim = lower.iter().position(|w| w == "for" || w == "to")?;
    if !lower[..aim].iter().all(|w| FILLER.contains(&w.as_str())) {
        return None;
    }
    let target = &words[aim + 1..];
    let says_more = lower[aim + 1..]
        .iter()
        .any(|w| !FILLER.contains(&w.as_str()));
    (says_more && target.len() <= TARGET_WORDS).then(|| target.join(" "))
}

/// Whether the episode named comes right after "as" ("Same as Episode 1"): the episode the
/// requests are copied from, not the one they are for ("Same as above for Episode 3").
fn names_the_source(references: &[Reference]) -> bool {
    references.first().is_some_and(|reference| {
        reference
            .before
            .split(|c: char| !c.is_alphanumeric())
            .rfind(|w| !w.is_empty())
            .is_some_and(|word| word.eq_ignore_ascii_case("as"))
    })
}

impl Reader<'_, '_> {
    /// Repeats the last run of requests for one target for the episodes `references` name,
    /// or for the context's episode when they name none; reports the phrase when there is
    /// nothing to repeat or nowhere to repeat it.
    pub(super) fn repeat_requests(&mut self, span: Range<usize>, references: &[Reference]) {
        self.finish_unit();
        let found = if names_the_source(references) {
            self.requests_of_named(references)
        } else {
            self.requests_for_named(references)
        };
        let Some((target, repeated)) = found.filter(|(_, repeated)| !repeated.is_empty()) else {
            return self.out.diagnostics.push(self.repeats_nothing(span));
        };
        let statement = self.doc.source.line_span(span.start);
        for draft in repeated {
            self.out.drafts.push(Draft {
                span: statement.clone(),
                target: target.clone(),
                ..draft
            });
        }
    }

    /// "Same for Episode 3": the episodes `references` name (the context's episode when they
    /// name none), and the last run of requests read for another target.
    fn requests_for_named(&self, references: &[Reference]) -> Option<(TargetSpec, Vec<Draft>)> {
        let target = if references.is_empty() {
            match self.context() {
                Context::Target(target) => target,
                _ => return None,
            }
        } else {
            self.target_of_all(references)
        };
        let repeated = self.last_requests_for_another(&target);
        Some((target, repeated))
    }

    /// "Same as Episode 1": the context's episode, and the requests read so far for the
    /// episodes `references` name.
    fn requests_of_named(&self, references: &[Reference]) -> Option<(TargetSpec, Vec<Draft>)> {
        let source = self.target_of_all(references);
        let Context::Target(target) = self.context() else {
            return None;
        };
        let repeated = self
            .out
            .drafts
            .iter()
            .filter(|d| {
                d.origin == Origin::Recommended
                    && !d.target.document_wide
                    && d.target != target
                    && d.target.numbers == source.numbers
                    && (source.series.is_none() || d.target.series == source.series)
            })
            .cloned()
            .collect();
        Some((target, repeated))
    }

    /// The requests read last, all for one target other than `target`, in order.
    fn last_requests_for_another(&self, target: &TargetSpec) -> Vec<Draft> {
        let drafts = &self.out.drafts;
        let Some(last) = drafts.last().filter(|d| d.origin == Origin::Recommended) else {
            return Vec::new();
        };
        if last.target == *target || last.target.document_wide {
            return Vec::new();
        }
        let run = drafts
            .iter()
            .rev()
            .take_while(|d| d.origin == Origin::Recommended && d.target == last.target)
            .count();
        drafts[drafts.len() - run..].to_vec()
    }

    /// Reports a repetition whose target words (`words`) match no episode.
    pub(super) fn repeats_for_no_episode(&mut self, span: Range<usize>, words: &str) {
        self.finish_unit();
        let at = span.start;
        self.out.diagnostics.push(
            Diagnostic::new(
                RuleId::RecommendationUnread,
                &self.doc.source.rel_path,
                at..at,
                format!(
                    "this asks for \"the same\" for `{words}`, but those words match no episode, so nothing is repeated"
                ),
            )
            .help("name the episode by number or by its title (`Same for Episode 3`)"),
        );
    }

    fn repeats_nothing(&self, span: Range<usize>) -> Diagnostic {
        let at = span.start;
        Diagnostic::new(
            RuleId::RecommendationUnread,
            &self.doc.source.rel_path,
            at..at,
            "this asks for \"the same\", but no request it could repeat was read before it, so nothing is repeated",
        )
        .help("write the requests out for this episode, or put the phrase right after the requests it repeats (`Same for Ep 3`)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_goes_for_an_episode_asks_the_same() {
        for text in ["Same goes for Episode 3.", "The same goes for Ep 3"] {
            let references = crate::reference::find(text);
            assert!(asks_the_same(text, &references), "{text}");
        }
    }

    #[test]
    fn a_repetition_for_words_that_name_no_episode_gives_those_words() {
        assert_eq!(
            unmatched_target("Same for the Hooli sports episode.", &[]),
            Some("the Hooli sports episode".to_owned())
        );
        assert_eq!(
            unmatched_target("The same goes for the caching one", &[]),
            Some("the caching one".to_owned())
        );
        for text in [
            "Same for the metrics, which need real numbers from production.",
            "Same as before: the diagrams are great.",
            "Samesies for everyone",
            "Add the same diagram for the intro",
            "Same for all the sections that show a retry budget in production",
        ] {
            assert_eq!(unmatched_target(text, &[]), None, "{text}");
        }
    }
}
