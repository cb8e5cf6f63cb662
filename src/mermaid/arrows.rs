//! Arrows written with one dash (`Idle -> Busy`) where a family's arrows all have two.
//!
//! State transitions are `-->` and class relations `-->`, `<|--`, `..>` and so on; `->` is
//! neither, and merman reports it on a later line or as an unexpected `-`. Quoted text and a
//! `:` label may hold any arrow (`A --> B : retry -> backoff`), so only the statement before
//! its label, outside quotes, is read.

/// The byte offset in `statement` of a `->` with no `-`, `.`, `<` or `=` before it and
/// something named on either side, outside quotes and before a `:` label.
pub(super) fn one_dash_arrow(statement: &str) -> Option<usize> {
    let mut in_quotes = false;
    let mut previous: Option<char> = None;
    for (at, ch) in statement.char_indices() {
        match ch {
            '"' => in_quotes = !in_quotes,
            ':' if !in_quotes => return None,
            '-' if !in_quotes && statement[at..].starts_with("->") => {
                let one_dash = !matches!(previous, Some('-' | '.' | '<' | '='));
                let named_before = !statement[..at].trim().is_empty();
                let after = &statement[at + 2..];
                let named_after = !after.split(':').next().unwrap_or(after).trim().is_empty();
                if one_dash && named_before && named_after {
                    return Some(at);
                }
            }
            _ => {}
        }
        previous = Some(ch);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::one_dash_arrow;

    #[test]
    fn a_one_dash_arrow_is_found_before_any_label() {
        assert_eq!(one_dash_arrow("Idle -> Busy : go -> now"), Some(5));
        assert_eq!(one_dash_arrow("Dog <|-> Bone"), Some(6));
    }

    #[test]
    fn two_dash_arrows_labels_and_quotes_are_not_one_dash_arrows() {
        assert_eq!(one_dash_arrow("Idle --> Busy : a -> b"), None);
        assert_eq!(one_dash_arrow("Dog ..> Bone"), None);
        assert_eq!(one_dash_arrow(r#"state "Wait -> Go" as W"#), None);
        assert_eq!(one_dash_arrow("A <-> B"), None);
        assert_eq!(one_dash_arrow("->"), None);
    }
}
