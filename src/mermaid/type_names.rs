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
