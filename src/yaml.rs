//! YAML errors located in the file they come from.
//!
//! Front matter and ```` ```metrics ```` fences are YAML embedded in Markdown: the parser counts
//! lines from the start of the embedded text, the author counts them from the top of the file.

use crate::source::SourceFile;

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
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_owned();
    (offset, message)
}

#[cfg(test)]
mod tests {
    use super::*;

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
