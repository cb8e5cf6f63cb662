//! YAML errors located in the file they come from.
//!
//! Front matter and ```` ```metrics ```` fences are YAML embedded in Markdown: the parser counts
//! lines from the start of the embedded text, the author counts them from the top of the file.

use serde::de::DeserializeOwned;

use crate::diagnostic::serde_words::author_words;
use crate::source::SourceFile;

/// How deep `[` and `{` may nest in YAML the parser is given: past a few thousand levels its
/// time grows with the square of the depth (a line of 100,000 `[` took a minute), and no
/// front matter or fence needs more than a handful.
pub(crate) const MAX_FLOW_DEPTH: usize = 64;

/// Reads YAML embedded in `source` at byte `yaml_start`; an error is where it is in the file
/// (a byte offset) and why, as [`locate`] gives it. Flow collections nested deeper than
/// [`MAX_FLOW_DEPTH`] are refused before the parser sees them.
pub(crate) fn from_embedded<T: DeserializeOwned>(
    source: &SourceFile,
    yaml_start: usize,
    yaml: &str,
) -> Result<T, (usize, String)> {
    if let Some(at) = too_deep(yaml) {
        return Err((
            yaml_start + at,
            format!("lists or maps are nested more than {MAX_FLOW_DEPTH} levels deep here"),
        ));
    }
    yaml_serde::from_str(yaml).map_err(|err| locate(source, yaml_start, &err))
}

/// The byte offset of the first `[` or `{` nested deeper than [`MAX_FLOW_DEPTH`], outside
/// quoted text and comments.
fn too_deep(yaml: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut comment = false;
    let mut previous = '\n';
    for (at, c) in yaml.char_indices() {
        let before = std::mem::replace(&mut previous, c);
        if comment {
            comment = c != '\n';
            continue;
        }
        if let Some(q) = quote {
            match c {
                _ if escaped => escaped = false,
                '\\' if q == '"' => escaped = true,
                _ if c == q => quote = None,
                _ => {}
            }
            continue;
        }
        match c {
            '#' if before.is_whitespace() => comment = true,
            '"' | '\'' if !before.is_alphanumeric() => quote = Some(c),
            '[' | '{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(at);
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Where a YAML error is in `source` (a byte offset), and its message without the parser's own
/// "at line N column M" suffix (the diagnostic shows the position itself). `yaml_start` is the
/// byte offset where the YAML text starts in the file.
pub fn locate(source: &SourceFile, yaml_start: usize, err: &yaml_serde::Error) -> (usize, String) {
    let offset = err.location().map_or(yaml_start, |loc| {
        let line = source.line_col(yaml_start).line + loc.line().saturating_sub(1);
        let start = source.line_start(line);
        let line_text = &source.text[source.line_span(start)];
        start
            + line_text
                .char_indices()
                .nth(loc.column().saturating_sub(1))
                .map_or(line_text.len(), |(i, _)| i)
    });
    let message = err.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message);
    (offset, author_words(message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_nesting_past_the_limit_is_refused_where_it_goes_too_deep() {
        let source = SourceFile::from_string("e.md", "");
        let deep = format!("tags: {}", "[".repeat(100_000));
        let (offset, message) = from_embedded::<yaml_serde::Value>(&source, 10, &deep).unwrap_err();
        assert_eq!(offset, 10 + "tags: ".len() + MAX_FLOW_DEPTH);
        assert!(message.contains("nested more than 64 levels"), "{message}");
        // Brackets in quotes and comments do not count; nesting within the limit reads.
        let quoted = format!(
            "a: \"{}\"\nb: '{}' # {}\n",
            "[".repeat(99),
            "{".repeat(99),
            "[".repeat(99)
        );
        assert!(too_deep(&quoted).is_none());
        let fine = format!(
            "a: {}{}\n",
            "[".repeat(MAX_FLOW_DEPTH),
            "]".repeat(MAX_FLOW_DEPTH)
        );
        assert!(from_embedded::<yaml_serde::Value>(&source, 0, &fine).is_ok());
    }

    #[test]
    fn error_position_is_counted_from_the_top_of_the_file() {
        let source = SourceFile::from_string("e.md", "---\ntitle: A\nnumber: [1\n---\n");
        let err = yaml_serde::from_str::<yaml_serde::Value>("title: A\nnumber: [1\n").unwrap_err();
        let (offset, message) = locate(&source, 4, &err);
        assert!(
            source.line_col(offset).line >= 3,
            "{:?}",
            source.line_col(offset)
        );
        assert!(!message.contains(" at line "), "{message}");
    }
}
