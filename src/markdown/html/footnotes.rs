//! Footnotes as readers of Hugo, Zola and MkDocs know them: ids of their own (`fn-…`,
//! `fnref-…`) rather than bare numbers that a heading or another page's footnote could
//! share, a link back from each note to where it is cited, and notes numbered in the order
//! they are first met.

use std::collections::HashMap;

use crate::highlight::escape;
use crate::markdown::slug::slugify;

/// The footnotes of one page met so far.
#[derive(Debug, Default)]
pub(crate) struct Footnotes {
    /// Each label's number, in the order labels are first met (reference or definition).
    numbers: HashMap<String, usize>,
    /// How many times each label has been cited so far.
    citations: HashMap<String, usize>,
    /// The labels of the definitions open, innermost last.
    open: Vec<String>,
}

impl Footnotes {
    /// The number of `label`, given the next one the first time it is met.
    fn number(&mut self, label: &str) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry(label.to_owned()).or_insert(next)
    }

    /// The HTML of a citation of `label` (`[^label]`).
    pub(crate) fn reference(&mut self, label: &str) -> String {
        let number = self.number(label);
        let slug = id_part(label, number);
        let seen = self.citations.entry(label.to_owned()).or_insert(0);
        *seen += 1;
        let id = match *seen {
            1 => format!("fnref-{slug}"),
            n => format!("fnref-{slug}-{n}"),
        };
        format!(
            "<sup class=\"footnote-reference\" id=\"{id}\"><a href=\"#fn-{slug}\" aria-label=\"Note {number}\">{number}</a></sup>"
        )
    }

    /// The HTML that opens the definition of `label` (`[^label]: …`).
    pub(crate) fn definition_start(&mut self, label: &str) -> String {
        let number = self.number(label);
        self.open.push(label.to_owned());
        format!(
            "<div class=\"footnote-definition\" id=\"fn-{}\"><sup class=\"footnote-definition-label\">{number}</sup>\n",
            id_part(label, number)
        )
    }

    /// The HTML that closes the innermost definition: a link back to its first citation,
    /// when it has one.
    pub(crate) fn definition_end(&mut self) -> String {
        let Some(label) = self.open.pop() else {
            return "</div>\n".to_owned();
        };
        let number = self.number(&label);
        if self.citations.get(&label).copied().unwrap_or(0) == 0 {
            return "</div>\n".to_owned();
        }
        format!(
            "<a class=\"footnote-backref\" href=\"#fnref-{}\" aria-label=\"Back to where note {number} is cited\">↩</a></div>\n",
            id_part(&label, number)
        )
    }
}

/// The part of a footnote's ids that names it: its label as a slug (`[^Knuth 1974]` →
/// `knuth-1974`), or its number when the label has no letter or digit to keep.
fn id_part(label: &str, number: usize) -> String {
    let slug = slugify(label);
    if slug.is_empty() {
        number.to_string()
    } else {
        escape(&slug)
    }
}

#[cfg(test)]
mod tests {
    use super::Footnotes;

    #[test]
    fn notes_are_numbered_as_met_and_link_both_ways() {
        let mut notes = Footnotes::default();
        let first = notes.reference("source");
        assert_eq!(
            first,
            "<sup class=\"footnote-reference\" id=\"fnref-source\"><a href=\"#fn-source\" aria-label=\"Note 1\">1</a></sup>"
        );
        assert!(notes.reference("2").contains("id=\"fnref-2\""));
        assert!(
            notes.reference("source").contains("id=\"fnref-source-2\""),
            "a second citation has an id of its own"
        );
        let start = notes.definition_start("source");
        assert!(start.starts_with("<div class=\"footnote-definition\" id=\"fn-source\"><sup class=\"footnote-definition-label\">1</sup>"), "{start}");
        assert!(notes.definition_end().contains("href=\"#fnref-source\""));
        // A note defined but never cited has no link back.
        notes.definition_start("unused");
        assert_eq!(notes.definition_end(), "</div>\n");
    }
}
