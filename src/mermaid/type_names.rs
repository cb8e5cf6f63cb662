//! The error for an unknown diagram type: the supported types and the closest one.

use crate::mermaid::kind::KIND_KEYWORDS;
use crate::mermaid::{MermaidError, source_text};

/// The error for a header no parser recognises, listing the supported types.
pub(super) fn unknown_type(source: &str) -> MermaidError {
    let header = source_text::header(source);
    let supported = supported_keywords();
    let Some(header) = header else {
        return MermaidError {
            over_limit: false,
            line: None,
            column: None,
            message: format!("the diagram is empty; start it with a diagram type: {supported}"),
        };
    };
    if header.keyword.starts_with("---") {
        return MermaidError {
            over_limit: false,
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
        over_limit: false,
        line: Some(header.line),
        column: Some(1),
        message: format!(
            "unknown diagram type `{}`; {suggestion}supported types: {supported}",
            header.keyword
        ),
    }
}

fn supported_keywords() -> String {
    let mut names: Vec<&str> = Vec::new();
    for (keyword, kind) in KIND_KEYWORDS {
        let first_of_kind = !KIND_KEYWORDS
            .iter()
            .take_while(|(other, _)| other != keyword)
            .any(|(_, other)| other == kind);
        if first_of_kind || *keyword == "graph" {
            names.push(keyword);
        }
    }
    names.join(", ")
}

/// A known keyword within two edits of what the author wrote (case-insensitive).
fn closest_keyword(written: &str) -> Option<&'static str> {
    super::hints::closest_keyword(
        written,
        KIND_KEYWORDS.iter().map(|(keyword, _)| *keyword),
        2,
    )
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
        let render_error = engine().render("graf TD\n", &RenderOptions::new("x"));
        assert!(matches!(render_error, Err(RenderError::Syntax(_))));
    }
}
