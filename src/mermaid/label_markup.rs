//! Label markup that is drawn, not read: Mermaid's Font Awesome icons (`fa:fa-car Drive`) and
//! the emphasis marks of a Markdown label (`A["`**Bold** start`"]`, which merman hands over
//! without its backticks, as a label of type `markdown`). [`as_read`] leaves them out, so a
//! diagram's accessible name reads "Drive" and "Bold start".

use pulldown_cmark::{Event, Parser, TagEnd};

/// `label` (already plain text) without icons and, for a Markdown label, without its
/// emphasis marks; whitespace collapsed.
pub(super) fn as_read(label: &str, markdown: bool) -> String {
    let text = if markdown {
        without_emphasis(label)
    } else {
        label.to_string()
    };
    text.split_whitespace()
        .filter(|word| !is_icon(word))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Mermaid's icon syntax, `fa:fa-name` (also `fab:`, `fak:`, `fal:`, `far:`, `fas:`).
fn is_icon(word: &str) -> bool {
    let Some((style, name)) = word.split_once(":fa-") else {
        return false;
    };
    let known_style = style
        .strip_prefix("fa")
        .is_some_and(|rest| matches!(rest, "" | "b" | "k" | "l" | "r" | "s"));
    known_style
        && !name.is_empty()
        && name
            .chars()
            .all(|ch| ch.is_alphanumeric() || ch == '_' || ch == '-')
}

/// The text of a Markdown label as CommonMark reads it: emphasis delimiters go, every other
/// character stays (`2 * 3`, `snake_case`, a lone `_`); line breaks and paragraphs are spaces.
fn without_emphasis(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(part) | Event::Code(part) => text.push_str(&part),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => text.push(' '),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icons_are_not_read() {
        assert_eq!(as_read("fa:fa-car Drive", false), "Drive");
        assert_eq!(as_read("Repo fab:fa-github", false), "Repo");
        assert_eq!(as_read("fa:fa-ban", false), "");
        // Only Mermaid's icon syntax is an icon.
        for text in ["fa:fa-", "faz:fa-car", "sofa:fa-x", "fa:fa-car!"] {
            assert_eq!(as_read(text, false), text);
        }
    }

    #[test]
    fn a_markdown_labels_emphasis_marks_are_not_read() {
        assert_eq!(as_read("**Bold** start", true), "Bold start");
        assert_eq!(
            as_read("_italic_ and snake_case", true),
            "italic and snake_case"
        );
        assert_eq!(as_read("__both__ *ways*", true), "both ways");
        assert_eq!(as_read("**bold** and _it_", true), "bold and it");
        // Marks that are not emphasis by CommonMark's rules are text, and read.
        assert_eq!(
            as_read("Multiply 2 * 3 and 4*5", true),
            "Multiply 2 * 3 and 4*5"
        );
        assert_eq!(
            as_read("Use _ as a separator", true),
            "Use _ as a separator"
        );
        // A label that is not Markdown is drawn as written, marks and all.
        assert_eq!(as_read("2 * 3 **x**", false), "2 * 3 **x**");
    }
}
