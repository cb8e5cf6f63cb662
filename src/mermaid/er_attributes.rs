//! The entity attribute an ER diagram's parse error is about.
//!
//! An attribute is written `type name`, optionally with `PK`, `FK` or `UK` and a quoted
//! comment. An attribute line with its type left out (`email`) makes merman stop at the
//! entity's closing `}` with "expected question or attr word"; the line to fix is the one
//! with a single word.

/// The 1-based line of the first one-word attribute in the entity block that the error on
/// `error_line` (1-based) closes or is inside.
pub(super) fn one_word_attribute(source: &str, error_line: usize) -> Option<usize> {
    let lines: Vec<&str> = source.lines().take(error_line).collect();
    let opener = lines
        .iter()
        .rposition(|line| line.trim_end().ends_with('{'))?;
    lines
        .iter()
        .enumerate()
        .skip(opener + 1)
        .find(|(_, line)| {
            let text = line.trim();
            !text.is_empty()
                && !text.starts_with("%%")
                && text != "}"
                && text.split_whitespace().count() == 1
        })
        .map(|(index, _)| index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mermaid::render_tests::error_of;

    #[test]
    fn the_attribute_without_a_type_is_found() {
        let source = "erDiagram\n    CUSTOMER {\n        string name\n        email\n    }\n";
        assert_eq!(one_word_attribute(source, 5), Some(4));
        let error = error_of(source);
        assert_eq!(error.line, Some(4));
        assert!(error.message.contains("`type name`"), "{}", error.message);
    }

    #[test]
    fn complete_attributes_are_not_blamed() {
        let source = "erDiagram\n    A {\n        int id PK \"key\"\n    }\n";
        assert_eq!(one_word_attribute(source, 4), None);
    }
}
