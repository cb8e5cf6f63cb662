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
///
/// A label is inline text: a line that would start a block (`1. Step`, `- item`, `# Title`,
/// `> quote`) keeps its marker. Each line is read after a character the label does not hold
/// and a space, which starts no block and leaves emphasis as it is at the start of a line;
/// that character is then left out.
fn without_emphasis(markdown: &str) -> String {
    let Some(mark) = unused_private_use(markdown) else {
        return markdown.to_owned();
    };
    let inline: String = markdown
        .split('\n')
        .map(|line| format!("{mark} {line}"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new(&inline) {
        match event {
            Event::Text(part) | Event::Code(part) => {
                text.extend(part.chars().filter(|&c| c != mark));
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => text.push(' '),
            _ => {}
        }
    }
    text
}

/// A character of the Private Use Area that `text` does not hold, found in one pass.
fn unused_private_use(text: &str) -> Option<char> {
    const FIRST: u32 = 0xE000;
    let mut used = [false; 0x1900];
    for c in text.chars() {
        if let Some(slot) = (c as u32)
            .checked_sub(FIRST)
            .and_then(|i| used.get_mut(i as usize))
        {
            *slot = true;
        }
    }
    let free = used.iter().position(|&u| !u)?;
    char::from_u32(FIRST + free as u32)
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
        // A label is inline text: what would start a list, heading or quote is read as written.
        assert_eq!(as_read("1. Step", true), "1. Step");
        assert_eq!(
            as_read("**2.** Deploy\n- then _check_", true),
            "2. Deploy - then check"
        );
        assert_eq!(as_read("# Title\n> quoted", true), "# Title > quoted");
        assert_eq!(as_read("    indented **x**", true), "indented x");
        // A label that is not Markdown is drawn as written, marks and all.
        assert_eq!(as_read("2 * 3 **x**", false), "2 * 3 **x**");
    }
}
