//! Footnotes as readers of Hugo, Zola and MkDocs know them: ids of their own (`fn-…`,
//! `fnref-…`) rather than bare numbers that a heading or another page's footnote could
//! share, a link back from each note to where it is cited, and notes numbered in the order
//! they are first met.

use std::collections::{HashMap, HashSet};

use crate::highlight::escape;
use crate::markdown::slug::slugify;

/// The footnotes of one page met so far.
#[derive(Debug, Default)]
pub(crate) struct Footnotes {
    /// Each label's number and id part, in the order labels are first met (citation or
    /// definition), by [`key`].
    notes: HashMap<String, (usize, String)>,
    /// The id parts given so far, so that two labels of one slug (`a b`, `a-b`) get two.
    ids: HashSet<String>,
    /// The labels cited anywhere on the page, by [`key`]: a note defined before its first
    /// citation links back all the same.
    cited: HashSet<String>,
    /// How many times each label has been cited so far, by [`key`].
    citations: HashMap<String, usize>,
    /// The labels of the definitions open, innermost last.
    open: Vec<String>,
}

/// How a label is matched: without regard to case, as Markdown matches labels.
fn key(label: &str) -> String {
    label.to_lowercase()
}

impl Footnotes {
    /// The notes of a page whose citations are `cited` (its `[^label]`s, in any order).
    pub(crate) fn citing<'l>(cited: impl IntoIterator<Item = &'l str>) -> Self {
        Self {
            cited: cited.into_iter().map(key).collect(),
            ..Self::default()
        }
    }

    /// The number and id part of `label`, given the next ones the first time it is met.
    fn note(&mut self, label: &str) -> (usize, String) {
        if let Some(note) = self.notes.get(&key(label)) {
            return note.clone();
        }
        let number = self.notes.len() + 1;
        let slug = slugify(label);
        let mut id = if slug.is_empty() {
            number.to_string()
        } else {
            escape(&slug)
        };
        if self.ids.contains(&id) {
            id = format!("{id}-{number}");
        }
        self.ids.insert(id.clone());
        self.notes.insert(key(label), (number, id.clone()));
        (number, id)
    }

    /// The number, id part and citation id of the next citation of `label`.
    fn cite(&mut self, label: &str) -> (usize, String, String) {
        let (number, slug) = self.note(label);
        let seen = self.citations.entry(key(label)).or_insert(0);
        *seen += 1;
        let id = match *seen {
            1 => format!("fnref-{slug}"),
            n => format!("fnref-{slug}-{n}"),
        };
        (number, slug, id)
    }

    /// The HTML of a citation of `label` (`[^label]`).
    pub(crate) fn reference(&mut self, label: &str) -> String {
        let (number, slug, id) = self.cite(label);
        format!(
            "<sup class=\"footnote-reference\" id=\"{id}\"><a href=\"#fn-{slug}\" aria-label=\"Note {number}\">{number}</a></sup>"
        )
    }

    /// The HTML that opens the definition of `label` (`[^label]: …`).
    pub(crate) fn definition_start(&mut self, label: &str) -> String {
        let (number, slug) = self.note(label);
        self.open.push(label.to_owned());
        format!(
            "<div class=\"footnote-definition\" id=\"fn-{slug}\"><sup class=\"footnote-definition-label\">{number}</sup>\n"
        )
    }

    /// The HTML that closes the innermost definition: a link back to its first citation,
    /// when it is cited.
    pub(crate) fn definition_end(&mut self) -> String {
        let Some(label) = self.open.pop() else {
            return "</div>\n".to_owned();
        };
        if !self.cited.contains(&key(&label)) {
            return "</div>\n".to_owned();
        }
        let (number, slug) = self.note(&label);
        format!(
            "<a class=\"footnote-backref\" href=\"#fnref-{slug}\" aria-label=\"Back to where note {number} is cited\">↩</a></div>\n"
        )
    }
}

/// The ids the footnotes of a page whose events are `events` take, given as the body gives
/// them: what its headings must not take.
pub(crate) fn ids<'e, 's: 'e>(
    events: impl IntoIterator<Item = &'e pulldown_cmark::Event<'s>>,
) -> Vec<String> {
    use pulldown_cmark::{Event, Tag};
    let mut notes = Footnotes::default();
    let mut ids = Vec::new();
    for event in events {
        match event {
            Event::FootnoteReference(label) => ids.push(notes.cite(label).2),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                ids.push(format!("fn-{}", notes.note(label).1));
            }
            _ => {}
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::Footnotes;

    #[test]
    fn ids_are_those_the_body_gives() {
        let text = "A[^a] and B[^a] and C[^1].\n\n[^a]: One.\n[^1]: Two.\n";
        let events: Vec<_> =
            pulldown_cmark::Parser::new_ext(text, crate::markdown::walker::options()).collect();
        assert_eq!(
            super::ids(&events),
            ["fnref-a", "fnref-a-2", "fnref-1", "fn-a", "fn-1"]
        );
    }

    #[test]
    fn notes_are_numbered_as_met_and_link_both_ways() {
        let mut notes = Footnotes::citing(["source", "2", "Early"]);
        let first = notes.reference("source");
        assert_eq!(
            first,
            "<sup class=\"footnote-reference\" id=\"fnref-source\"><a href=\"#fn-source\" aria-label=\"Note 1\">1</a></sup>"
        );
        assert!(notes.reference("2").contains("id=\"fnref-2\""));
        assert!(
            notes.reference("Source").contains("id=\"fnref-source-2\""),
            "a second citation, in another case, has an id of its own"
        );
        let start = notes.definition_start("SOURCE");
        assert!(start.starts_with("<div class=\"footnote-definition\" id=\"fn-source\"><sup class=\"footnote-definition-label\">1</sup>"), "{start}");
        assert!(notes.definition_end().contains("href=\"#fnref-source\""));
        // A note defined before its citation links back; one never cited does not.
        notes.definition_start("early");
        assert!(notes.definition_end().contains("href=\"#fnref-early\""));
        notes.definition_start("unused");
        assert_eq!(notes.definition_end(), "</div>\n");
        // Two labels of one slug get two ids.
        let mut notes = Footnotes::default();
        assert!(notes.reference("a b").contains("id=\"fnref-a-b\""));
        assert!(notes.reference("a-b").contains("id=\"fnref-a-b-2\""));
    }
}
