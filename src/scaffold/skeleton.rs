//! The section a recommendation asks a new episode for: a heading from its title, a comment
//! saying where it comes from and what it should show, and an empty block of its kind for
//! the author to fill.
//!
//! The comment is an HTML comment: the page does not show it and the lint reads no words
//! from it, so the skeleton never satisfies the recommendation by itself.

use crate::enhance::{Kind, Topic};
use crate::mermaid::DiagramKind;

/// A recommendation as the skeleton needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Recommended<'a> {
    /// Its title: the section heading.
    pub(crate) title: &'a str,
    /// The kind of block it asks for.
    pub(crate) kind: &'a Kind,
    /// What a satisfying block shows (metric labels, diagram nodes, names in the code).
    pub(crate) items: Vec<String>,
    /// Where it is written: `enhancements/review.md:12`.
    pub(crate) source: String,
}

/// The Markdown of the section, ending with a blank line.
pub(crate) fn section(rec: &Recommended<'_>) -> String {
    let mut out = format!("## {}\n\n{}\n", one_line(rec.title), comment(rec));
    if let Some(block) = block(rec.kind) {
        out.push_str(&block);
        out.push('\n');
    }
    out
}

/// `<!-- enhancements/review.md:12 asks for a Mermaid sequence diagram showing: A, B. -->`
fn comment(rec: &Recommended<'_>) -> String {
    let what = match rec.kind {
        Kind::Interactive => "an interactive element the reader can use (a lab, simulator, \
             playground, explorer or calculator)"
            .to_owned(),
        Kind::Prose(Topic::General) => "a prose section".to_owned(),
        Kind::Prose(topic) => format!("a prose section on {}", topic.as_str()),
        kind => format!("a {}", kind.describe()),
    };
    let mut text = format!("{} asks for {what}", rec.source);
    if !rec.items.is_empty() && !only_title_words(&rec.items, rec.title) {
        text.push_str(" showing: ");
        text.push_str(&rec.items.join(", "));
    }
    if *rec.kind == Kind::Interactive {
        text.push_str("; link to it or embed it here");
    }
    // `--` cannot appear inside an HTML comment.
    let text = one_line(&text).replace("--", "- -");
    format!("<!-- {text}. -->\n")
}

/// Whether the items are only words of the title (what is read from a recommendation that
/// lists nothing), which the heading already says.
fn only_title_words(items: &[String], title: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let title = words(title);
    items
        .iter()
        .flat_map(|item| words(item))
        .all(|w| title.contains(&w))
}

/// The empty block for the kind, fence included; `None` for prose and interactive elements.
fn block(kind: &Kind) -> Option<String> {
    match kind {
        Kind::Metrics => Some("```metrics\nitems: []\n```\n".to_owned()),
        Kind::Diagram(diagram) => Some(format!("```mermaid\n{}\n```\n", header(*diagram))),
        Kind::Code(language) => Some(format!("```{}\n```\n", language.as_deref().unwrap_or(""))),
        Kind::Prose(_) | Kind::Interactive => None,
    }
}

/// The first line of a new diagram: the type's keyword, a flowchart (left to right) when the
/// recommendation names no type.
fn header(diagram: Option<DiagramKind>) -> &'static str {
    match diagram.and_then(DiagramKind::keyword) {
        Some("flowchart") | None => "flowchart LR",
        Some(keyword) => keyword,
    }
}

/// Text on one line, runs of whitespace (line breaks included) as one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec<'a>(title: &'a str, kind: &'a Kind, items: &[&str]) -> Recommended<'a> {
        Recommended {
            title,
            kind,
            items: items.iter().map(|i| (*i).to_owned()).collect(),
            source: "enhancements/review.md:7".to_owned(),
        }
    }

    #[test]
    fn a_diagram_starts_with_its_type_or_a_flowchart() {
        let sequence = Kind::Diagram(Some(DiagramKind::Sequence));
        assert_eq!(
            section(&rec("Checkout\nmiss", &sequence, &["Client", "API"])),
            "## Checkout miss\n\n<!-- enhancements/review.md:7 asks for a Mermaid sequence diagram showing: Client, API. -->\n\n```mermaid\nsequenceDiagram\n```\n\n"
        );
        let any = Kind::Diagram(None);
        assert!(section(&rec("Flow", &any, &[])).contains("```mermaid\nflowchart LR\n```"));
        let flowchart = Kind::Diagram(Some(DiagramKind::Flowchart));
        assert!(section(&rec("Flow", &flowchart, &[])).contains("```mermaid\nflowchart LR\n```"));
    }

    #[test]
    fn the_comment_closes_only_at_its_end() {
        let any = Kind::Diagram(None);
        let text = section(&rec("Flow", &any, &["A --> B"]));
        let comment = text.lines().nth(2).expect("comment line");
        assert_eq!(comment.matches("--").count(), 2, "{comment}");
        assert!(
            comment.starts_with("<!--") && comment.ends_with("-->"),
            "{comment}"
        );
    }

    #[test]
    fn each_kind_gets_its_block() {
        let metrics = section(&rec("Numbers", &Kind::Metrics, &[]));
        assert!(
            metrics.ends_with("```metrics\nitems: []\n```\n\n"),
            "{metrics}"
        );
        let code = section(&rec(
            "Code",
            &Kind::Code(Some("python".into())),
            &["Budget"],
        ));
        assert!(code.ends_with("```python\n```\n\n"), "{code}");
        let prose = section(&rec("Culture", &Kind::Prose(Topic::Culture), &[]));
        assert_eq!(
            prose,
            "## Culture\n\n<!-- enhancements/review.md:7 asks for a prose section on culture. -->\n\n"
        );
        let lab = section(&rec("Explorer", &Kind::Interactive, &["TTL slider"]));
        assert!(
            lab.contains("interactive element") && lab.contains("TTL slider"),
            "{lab}"
        );
        assert!(!lab.contains("```"), "{lab}");
        let from_title = section(&rec(
            "Hit-rate explorer",
            &Kind::Interactive,
            &["hit rate explorer"],
        ));
        assert!(!from_title.contains("showing"), "{from_title}");
    }
}
