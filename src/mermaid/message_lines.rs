//! The line an error message without a position is about, found from what the message names:
//! the statement it quotes (`unexpected pie statement: "a" 10`), the participant it could
//! not deactivate, the `linkStyle` index past the last arrow, or one of the statements
//! [`statement_positions`](super::statement_positions) finds.

use crate::mermaid::source_text;
use crate::mermaid::statement_positions::{self, Position};

/// The line (and column, when known) the message is about, when what it names is on exactly
/// one line (or, for a participant, first on one line).
pub(super) fn position_named(source: &str, message: &str) -> Option<Position> {
    statement_positions::position_named(source, message).or_else(|| {
        quoted_statement(source, message)
            .or_else(|| deactivated_participant(source, message))
            .or_else(|| link_style_index(source, message))
            .map(|line| (line, None))
    })
}

/// For messages that quote the statement after their last `: `, the line holding it. When the
/// statement is written on several lines (`showData` twice in a pie chart), a parser that
/// reports an unexpected statement stops at the first: the first line that is that statement.
fn quoted_statement(source: &str, message: &str) -> Option<usize> {
    let (head, quoted) = message.rsplit_once(": ")?;
    source_text::unique_line_containing(source, quoted).or_else(|| {
        let quoted = quoted.trim();
        let unexpected = head.starts_with("unexpected ") && head.ends_with(" statement");
        (unexpected && !quoted.is_empty())
            .then(|| source.lines().position(|line| line.trim() == quoted))
            .flatten()
            .map(|index| index + 1)
    })
}

/// "Trying to inactivate an inactive participant (B)": the line where `B` is deactivated
/// once more than it was activated. `activate B` and a message to `+B` activate it;
/// `deactivate B` and a message `B` sends with the `-` shortcut (`B-->>-A: reply`)
/// deactivate it.
fn deactivated_participant(source: &str, message: &str) -> Option<usize> {
    let (_, rest) = message.split_once("inactivate an inactive participant (")?;
    let name = rest.split_once(')')?.0.trim();
    if name.is_empty() {
        return None;
    }
    let mut active = 0i64;
    source
        .lines()
        .position(|line| {
            let statement = line.split(':').next().unwrap_or(line).trim();
            active += activation_change(statement, name);
            active < 0
        })
        .map(|index| index + 1)
}

/// Sequence message arrows, longest first (`<<->>` is written after the sender's name
/// ends with `<<`).
const MESSAGE_ARROWS: &[&str] = &["-->>", "->>", "-->", "->", "--x", "-x", "--)", "-)"];

/// How one statement changes the number of activations of `name`.
fn activation_change(statement: &str, name: &str) -> i64 {
    let named = |rest: &str| rest.trim() == name;
    if statement.strip_prefix("activate ").is_some_and(named) {
        return 1;
    }
    if statement.strip_prefix("deactivate ").is_some_and(named) {
        return -1;
    }
    let Some(arrow_start) = statement.find('-') else {
        return 0;
    };
    let sender = statement[..arrow_start].trim().trim_end_matches("<<");
    let after_sender = &statement[arrow_start..];
    let Some(arrow) = MESSAGE_ARROWS
        .iter()
        .find(|arrow| after_sender.starts_with(**arrow))
    else {
        return 0;
    };
    let target = &after_sender[arrow.len()..];
    let mut change = 0;
    if target.strip_prefix('+').is_some_and(named) {
        change += 1;
    }
    if target.starts_with('-') && sender == name {
        change -= 1;
    }
    change
}

/// "The index 3 for linkStyle is out of bounds": the `linkStyle` line listing index 3.
fn link_style_index(source: &str, message: &str) -> Option<usize> {
    let (_, rest) = message.split_once("index ")?;
    let index = rest.split_whitespace().next()?;
    if !message.contains("linkStyle") || index.parse::<usize>().is_err() {
        return None;
    }
    source_text::unique_line_where(source, |line| {
        line.trim()
            .strip_prefix("linkStyle")
            .and_then(|rest| rest.split_whitespace().next())
            .is_some_and(|indices| indices.split(',').any(|listed| listed.trim() == index))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_statement_is_found_on_its_line() {
        assert_eq!(
            position_named("pie\n  \"a\" 10\n", "unexpected pie statement: \"a\" 10"),
            Some((2, None))
        );
    }

    #[test]
    fn a_participant_deactivated_more_than_activated_is_found_there() {
        let source = "sequenceDiagram\n  A->>B: request\n  B-->>-A: reply\n";
        assert_eq!(
            position_named(source, "Trying to inactivate an inactive participant (B)"),
            Some((3, None))
        );
        let source = "sequenceDiagram\n  A->>B: hi\n  deactivate B\n";
        assert_eq!(
            position_named(source, "Trying to inactivate an inactive participant (B)"),
            Some((3, None))
        );
        let source = "sequenceDiagram\n  A->>+B: request\n  B-->>-A: reply\n  A->>B: again\n  \
                      B-->>-A: reply twice\n";
        assert_eq!(
            position_named(source, "Trying to inactivate an inactive participant (B)"),
            Some((5, None))
        );
        let source = "sequenceDiagram\n  Bob->>-A: hi\n";
        assert_eq!(
            position_named(source, "Trying to inactivate an inactive participant (B)"),
            None
        );
    }

    #[test]
    fn a_repeated_unexpected_statement_is_found_at_its_first_line() {
        let source = "pie\n  showData\n  showData\n  \"a\" : 1\n";
        assert_eq!(
            position_named(source, "unexpected pie statement: showData"),
            Some((2, None))
        );
        // Only an unexpected statement is known to be the first of its copies.
        assert_eq!(position_named(source, "invalid value: showData"), None);
    }

    #[test]
    fn a_link_style_past_the_last_arrow_is_found_by_its_index() {
        let source =
            "flowchart LR\n  A --> B\n  linkStyle 0 stroke:#0f0\n  linkStyle 1,3 stroke:#f00\n";
        let message = "The index 3 for linkStyle is out of bounds. Valid indices for linkStyle \
                       are between 0 and 0.";
        assert_eq!(position_named(source, message), Some((4, None)));
    }
}
