//! Two slips in a flowchart line that merman reports in its grammar's terms, found on the line
//! merman stopped on so the error can say what is wrong in an author's words:
//!
//! - a sequence diagram's arrow (`A ->> B`, `A -->> B`): the second `>` reads as the start of
//!   an asymmetric node (`>text]`), so merman asks for the end of a node label;
//! - an `@` in an unquoted node label (`A[user@example.com]`): merman reads `@` as the
//!   marker of a node's or an edge's id (`A@{ shape: … }`, `e1@-->`) and rejects the line,
//!   where mermaid.js reads it as text. Quoting the label draws the same text in both.

/// The 0-based byte offset and text of the first arrow ending in `>>` on `line`.
pub(super) fn sequence_arrow(line: &str) -> Option<(usize, &str)> {
    let code = line.split("%%").next().unwrap_or(line);
    let end = code.find(">>")? + 2;
    let start = code[..end - 2]
        .rfind(|c: char| !matches!(c, '-' | '=' | '.'))
        .map_or(0, |at| at + 1);
    // `>>` after a node id (`A>>`) or inside quotes is not an arrow.
    let body = &code[start..end - 2];
    let in_quotes = code[..start].matches('"').count() % 2 == 1;
    (!body.is_empty() && !in_quotes).then(|| (start, &code[start..end]))
}

/// The 0-based byte offset of the first `@` inside an unquoted node label on `line`
/// (`A[user@example.com]`, `B(ping @host)`); `A@{ … }` and `e1@-->` are not labels.
pub(super) fn at_sign_in_label(line: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_quotes = false;
    for (at, c) in line.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            _ if in_quotes => {}
            '[' | '(' => depth += 1,
            ']' | ')' => depth = depth.saturating_sub(1),
            '@' if depth > 0 => return Some(at),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sequence_arrow_is_found_where_it_starts() {
        assert_eq!(sequence_arrow("  A -->> B"), Some((4, "-->>")));
        assert_eq!(sequence_arrow("  A->>B"), Some((3, "->>")));
        assert_eq!(sequence_arrow("  A ==>> B"), Some((4, "==>>")));
        assert_eq!(sequence_arrow("  A --> B"), None);
        assert_eq!(sequence_arrow("  A[\"x ->> y\"] --> B"), None);
        assert_eq!(sequence_arrow("  A --> B %% ->>"), None);
        assert_eq!(sequence_arrow("  A>>text] --> B"), None);
    }

    #[test]
    fn an_at_sign_counts_inside_an_unquoted_label_only() {
        assert_eq!(at_sign_in_label("  A[user@example.com] --> B"), Some(8));
        assert_eq!(at_sign_in_label("  B(ping @host)"), Some(9));
        assert_eq!(at_sign_in_label("  A[\"user@example.com\"] --> B"), None);
        assert_eq!(at_sign_in_label("  A e1@--> B"), None);
        assert_eq!(at_sign_in_label("  A@{ shape: rect }"), None);
    }
}
