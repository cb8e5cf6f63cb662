//! Label markup that is drawn, not read: Mermaid's Font Awesome icons (`fa:fa-car Drive`) and
//! the emphasis marks of a Markdown label (`A["`**Bold** start`"]`, which merman hands over
//! without its backticks, as a label of type `markdown`). [`as_read`] leaves them out, so a
//! diagram's accessible name reads "Drive" and "Bold start".

/// `label` (already plain text) without icons and, for a Markdown label, without its `*`
/// marks and the `_` marks at the edge of a word; whitespace collapsed.
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

/// Markdown text without `*` emphasis marks, nor `_` ones at the edge of a word
/// (`snake_case` keeps its underscore).
fn without_emphasis(markdown: &str) -> String {
    let chars: Vec<char> = markdown.chars().collect();
    let is_word = |at: Option<&char>| at.is_some_and(|ch| ch.is_alphanumeric());
    chars
        .iter()
        .enumerate()
        .filter(|&(at, &ch)| match ch {
            '*' => false,
            '_' => {
                let before = at.checked_sub(1).and_then(|i| chars.get(i));
                is_word(before) && is_word(chars.get(at + 1))
            }
            _ => true,
        })
        .map(|(_, ch)| *ch)
        .collect()
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
        // A label that is not Markdown is drawn as written, marks and all.
        assert_eq!(as_read("2 * 3 **x**", false), "2 * 3 **x**");
    }
}
