//! Finding the node label merman's "invalid text label" error is about.
//!
//! merman 0.9.3 raises that error (an unquoted `(`, `[`, `{`, `|` or `"` inside a flowchart node
//! label, as in `A[Cache (L1)]`) without a position, and its fallback span lands on an unrelated
//! later line. Mermaid's own parser stops at the offending character, so
//! [`first_structural_character`] finds it the same way: the first unquoted node label holding a
//! structural character that does not close that label.

/// Characters Mermaid's flowchart lexer treats as structure inside an unquoted label.
const STRUCTURAL: &[char] = &['"', '(', ')', '[', ']', '{', '}', '|'];

/// Statements that hold no node labels.
const NO_LABELS: &[&str] = &[
    "style",
    "classDef",
    "class",
    "click",
    "linkStyle",
    "accTitle",
    "accDescr",
    "title",
];

/// 1-based line, 1-based column (in characters) and the character itself, for the first
/// structural character inside an unquoted node label.
pub(super) fn first_structural_character(source: &str) -> Option<(usize, usize, char)> {
    let header = super::source_text::header(source)?.line;
    source
        .lines()
        .enumerate()
        .skip(header)
        .filter(|(_, line)| {
            let trimmed = line.trim_start();
            !trimmed.starts_with("%%")
                && !NO_LABELS.contains(&super::source_text::keyword_of(trimmed))
        })
        .find_map(|(index, line)| {
            let (at, ch) = in_line(line)?;
            let column = line.get(..at).map_or(0, |before| before.chars().count()) + 1;
            Some((index + 1, column, ch))
        })
}

/// Byte offset and character of the first offending structural character on one line.
fn in_line(line: &str) -> Option<(usize, char)> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut index = 0;
    while index < chars.len() {
        let (_, ch) = chars[index];
        match ch {
            // Quoted text and edge labels (`|…|`) are not node labels.
            '"' | '|' => index = skip_past(&chars, index + 1, ch),
            '[' | '(' | '{' | '>' if index > 0 && is_id_char(chars[index - 1].1) => {
                let opener_end = chars[index..]
                    .iter()
                    .position(|&(_, c)| !matches!(c, '[' | '(' | '{' | '>' | '/' | '\\'))
                    .map_or(chars.len(), |n| index + n);
                if chars.get(opener_end).is_some_and(|&(_, c)| c == '"') {
                    index = skip_past(&chars, opener_end + 1, '"');
                    continue;
                }
                let closer = closer_of(&chars[index..opener_end]);
                let mut at = opener_end;
                while at < chars.len() {
                    let (offset, c) = chars[at];
                    if starts_with(&chars[at..], &closer) {
                        break;
                    }
                    if STRUCTURAL.contains(&c) {
                        return Some((offset, c));
                    }
                    at += 1;
                }
                index = at + closer.len();
            }
            _ => index += 1,
        }
    }
    None
}

fn is_id_char(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_'
}

/// The index after the next `end` character at or after `from`.
fn skip_past(chars: &[(usize, char)], from: usize, end: char) -> usize {
    chars
        .get(from..)
        .and_then(|rest| rest.iter().position(|&(_, c)| c == end))
        .map_or(chars.len(), |n| from + n + 1)
}

/// The characters that close a shape opened by `opener` (`[(` closes with `)]`; `>` with `]`).
fn closer_of(opener: &[(usize, char)]) -> Vec<char> {
    opener
        .iter()
        .rev()
        .filter_map(|&(_, c)| match c {
            '[' | '>' => Some(']'),
            '(' => Some(')'),
            '{' => Some('}'),
            _ => None,
        })
        .collect()
}

fn starts_with(chars: &[(usize, char)], prefix: &[char]) -> bool {
    !prefix.is_empty()
        && chars.len() >= prefix.len()
        && chars.iter().zip(prefix).all(|(&(_, c), &p)| c == p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mermaid::render_tests::error_of;

    #[test]
    fn finds_the_unquoted_parenthesis_in_a_label() {
        let source =
            "flowchart LR\n    X[\"ok (quoted)\"] --> Y((circle))\n    A[Cache (L1)] --> B[(db)]\n";
        assert_eq!(first_structural_character(source), Some((3, 13, '(')));
        let fine = "flowchart LR\n    A[a] -->|x| B{b} --> C([c]) --> D{{d}} --> E>e]\n    style A fill:#f9f\n";
        assert_eq!(first_structural_character(fine), None);
    }

    #[test]
    fn invalid_text_label_points_at_the_label_not_the_last_style_line() {
        let error = error_of(
            "flowchart LR\n    A[Cache (L1)] --> B\n    B --> C\n    style A fill:#f9f\n    style B fill:#ff9\n",
        );
        assert_eq!((error.line, error.column), (Some(2), Some(13)), "{error:?}");
        assert!(error.message.contains("`(`"), "{}", error.message);
        assert!(error.message.contains("quote"), "{}", error.message);
    }
}
