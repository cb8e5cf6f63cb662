//! Finding the node label merman's "invalid text label" error is about.
//!
//! merman 0.9.3 raises that error (an unquoted `(`, `[`, `{`, `|` or `"` inside a flowchart node
//! label, as in `A[Cache (L1)]`) without a position, and its fallback span lands on an unrelated
//! later line. Mermaid's own parser stops at the offending character, so
//! [`first_structural_character`] finds it the same way: the first unquoted node label holding a
//! structural character that does not close that label. When an arrow comes before that
//! character inside the label (`A[Client --> B[Server]`), the label was never closed: the
//! author forgot its `]`, and quoting it would be the wrong fix ([`LabelFault::Unclosed`]).
//!
//! [`unclosed_quote`] finds a `"` a flowchart line opens and never closes, which merman
//! reports as a missing `]`.

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

/// What is wrong with the first faulty unquoted node label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum LabelFault {
    /// A structural character inside it.
    Structural(char),
    /// An arrow inside it: its closer is missing before the arrow. The opener (`[`, `[(`, …),
    /// the closer it needs (`]`, `)]`, …) and the label's text before the arrow.
    Unclosed {
        opener: String,
        closer: String,
        text: String,
    },
}

/// 1-based line, 1-based column (in characters) and the fault, for the first structural
/// character inside an unquoted node label (the column of the character, or of the label's
/// opener when the label is not closed).
pub(super) fn first_structural_character(source: &str) -> Option<(usize, usize, LabelFault)> {
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
            let (at, fault) = in_line(line)?;
            let column = line.get(..at).map_or(0, |before| before.chars().count()) + 1;
            Some((index + 1, column, fault))
        })
}

/// Arrows that end a node label that was never closed.
const ARROW_STARTS: &[&[char]] = &[&['-', '-'], &['=', '='], &['-', '.']];

/// Byte offset and fault of the first offending node label on one line.
fn in_line(line: &str) -> Option<(usize, LabelFault)> {
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
                let mut arrow_at = None;
                let mut at = opener_end;
                while at < chars.len() {
                    let (offset, c) = chars[at];
                    if starts_with(&chars[at..], &closer) {
                        break;
                    }
                    if arrow_at.is_none()
                        && ARROW_STARTS
                            .iter()
                            .any(|arrow| starts_with(&chars[at..], arrow))
                    {
                        arrow_at = Some(at);
                    }
                    if STRUCTURAL.contains(&c) {
                        let fault = match arrow_at {
                            Some(arrow) => LabelFault::Unclosed {
                                opener: chars[index..opener_end].iter().map(|&(_, c)| c).collect(),
                                closer: closer.iter().collect(),
                                text: chars[opener_end..arrow]
                                    .iter()
                                    .map(|&(_, c)| c)
                                    .collect::<String>()
                                    .trim()
                                    .to_string(),
                            },
                            None => return Some((offset, LabelFault::Structural(c))),
                        };
                        return Some((chars[index].0, fault));
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

/// The 1-based column of the `"` a flowchart line opens and never closes: the last one, when
/// the line holds an odd number of them.
pub(super) fn unclosed_quote(line: &str) -> Option<usize> {
    let quotes: Vec<usize> = line.match_indices('"').map(|(at, _)| at).collect();
    let last = *quotes.last()?;
    (quotes.len() % 2 == 1).then(|| line[..last].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mermaid::render_tests::error_of;

    #[test]
    fn finds_the_unquoted_parenthesis_in_a_label() {
        let source =
            "flowchart LR\n    X[\"ok (quoted)\"] --> Y((circle))\n    A[Cache (L1)] --> B[(db)]\n";
        assert_eq!(
            first_structural_character(source),
            Some((3, 13, LabelFault::Structural('(')))
        );
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

    #[test]
    fn a_label_running_into_an_arrow_was_never_closed() {
        let error = error_of("flowchart LR\n    A[Client --> B[Server]\n");
        assert_eq!((error.line, error.column), (Some(2), Some(6)), "{error:?}");
        assert_eq!(
            error.message,
            "the label `[Client` is not closed before the arrow; add `]` after `Client`"
        );
    }

    #[test]
    fn a_quote_left_open_is_named_where_it_opens() {
        let error = error_of("flowchart LR\n    A[\"Open quote] --> B\n    B --> C\n");
        assert_eq!((error.line, error.column), (Some(2), Some(7)), "{error:?}");
        assert!(
            error
                .message
                .starts_with("the quote `\"` opened here is never closed"),
            "{}",
            error.message
        );
        assert_eq!(unclosed_quote(r#"A["a"] --> B["b"]"#), None);
        assert_eq!(unclosed_quote("A[é\"b] --> C"), Some(4));
    }
}
