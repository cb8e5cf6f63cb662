//! The error for an unknown diagram type: the supported types and the closest one.

use crate::mermaid::kind::accepted_keywords;
use crate::mermaid::{MermaidError, Problem, source_text};

/// The error for a header no parser recognises, listing the supported types.
pub(super) fn unknown_type(source: &str) -> MermaidError {
    let header = source_text::header(source);
    let supported = supported_keywords();
    let Some(header) = header else {
        return MermaidError {
            problem: Problem::Invalid,
            line: None,
            column: None,
            message: format!("the diagram is empty; start it with a diagram type: {supported}"),
        };
    };
    if header.keyword.starts_with("---") {
        return MermaidError {
            problem: Problem::Invalid,
            line: Some(header.line),
            column: Some(1),
            message: "front matter (`---` … `---`) must be the very first lines of the \
                      diagram, before any `%%` comment or directive"
                .to_string(),
        };
    }
    if header.keyword.is_empty() {
        return no_type_word(source, header.line, &supported);
    }
    let suggestion = closest_keyword(header.keyword)
        .map(|keyword| format!("did you mean `{keyword}`? "))
        .unwrap_or_default();
    MermaidError {
        problem: Problem::Invalid,
        line: Some(header.line),
        column: Some(1),
        message: format!(
            "unknown diagram type `{}`; {suggestion}supported types: {supported}",
            header.keyword
        ),
    }
}

/// The error for a first line that does not start with a word: a MyST directive's option
/// (`:caption: Flow`, which a `{mermaid}` fence takes in Sphinx), or any other text.
fn no_type_word(source: &str, line: usize, supported: &str) -> MermaidError {
    let text = source.lines().nth(line - 1).unwrap_or_default().trim();
    let option = text
        .strip_prefix(':')
        .and_then(|rest| rest.split_once(':'))
        .map(|(name, _)| name)
        .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '-'));
    let message = match option {
        Some(name) => format!(
            "`:{name}:` is an option of a MyST `{{mermaid}}` directive, which is not read here; \
             remove the line (a caption can be written as text next to the diagram) and start \
             the diagram with its type: {supported}"
        ),
        None => format!(
            "the diagram must start with its type, not `{}`; supported types: {supported}",
            text.split_whitespace().next().unwrap_or(text)
        ),
    };
    MermaidError {
        problem: Problem::Invalid,
        line: Some(line),
        column: Some(1),
        message,
    }
}

/// Every type the validator accepts ([`accepted_keywords`]), in one list.
fn supported_keywords() -> String {
    accepted_keywords().join(", ")
}

/// A known keyword within two edits of what the author wrote (case-insensitive).
fn closest_keyword(written: &str) -> Option<&'static str> {
    super::hints::closest_keyword(written, accepted_keywords(), 2)
}

#[cfg(test)]
mod tests {
    use crate::mermaid::{RenderError, RenderOptions};

    use crate::mermaid::render_tests::{engine, error_of};

    #[test]
    fn a_first_line_without_a_type_word_says_what_it_is() {
        let error = error_of(":caption: A flow\nflowchart LR\n  A --> B\n");
        assert_eq!((error.line, error.column), (Some(1), Some(1)));
        assert!(
            error
                .message
                .starts_with("`:caption:` is an option of a MyST `{mermaid}` directive"),
            "{}",
            error.message
        );
        let error = error_of("[Start] --> B\n");
        assert!(
            error
                .message
                .starts_with("the diagram must start with its type, not `[Start]`;"),
            "{}",
            error.message
        );
    }

    #[test]
    fn unknown_type_lists_supported_types_and_suggests_a_fix() {
        let error = error_of("graf TD\n    A --> B\n");
        assert_eq!(error.line, Some(1));
        assert!(
            error.message.contains("unknown diagram type `graf`"),
            "{}",
            error.message
        );
        assert!(
            error.message.contains("did you mean `graph`?"),
            "{}",
            error.message
        );
        assert!(
            error.message.contains("sequenceDiagram"),
            "{}",
            error.message
        );
        for keyword in crate::mermaid::kind::accepted_keywords() {
            assert!(
                error.message.contains(&format!(" {keyword},"))
                    || error.message.ends_with(&format!(" {keyword}")),
                "{keyword} missing from: {}",
                error.message
            );
        }
        let render_error = engine().render("graf TD\n", &RenderOptions::new("x"));
        assert!(matches!(render_error, Err(RenderError::Syntax(_))));
    }
}
