//! Where things are in a YAML fence, so findings about its values point at their line and
//! column in the episode, not at the fence.
//!
//! The YAML parser gives values without positions; this reads the fence's lines the way
//! authors write block YAML (`key:` at the top level, list items `- key: value` under it) and
//! finds the line of the n-th item of a list and of a key inside that item. Flow style
//! (`items: [{…}]`) is valid YAML but has no lines to point at: the finding then falls back to
//! the line of the list, or the opening fence.

use std::ops::Range;

use crate::markdown::{CodeBlock, Document};

/// The lines of one fence's YAML.
pub(crate) struct FenceLines<'a> {
    doc: &'a Document<'a>,
    block: &'a CodeBlock<'a>,
    lines: Vec<&'a str>,
}

/// One list item: the range of its lines (0-based, within the fence's code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ItemLines {
    /// Its first line (the one with `- `).
    pub(crate) first: usize,
    /// One past its last line.
    pub(crate) end: usize,
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether `line` holds nothing for the YAML reader: blank or a comment.
fn is_blank(line: &str) -> bool {
    let trimmed = line.trim_start();
    trimmed.is_empty() || trimmed.starts_with('#')
}

/// Whether `line` starts a list item (`- …` or a lone `-`).
fn is_item(line: &str) -> bool {
    let trimmed = line.trim_start();
    trimmed.starts_with("- ") || trimmed == "-"
}

/// The byte column where the key of `line` starts: after its indentation and an optional `- `.
fn key_column(line: &str) -> usize {
    let start = indent(line);
    match line[start..].strip_prefix("- ") {
        Some(r) => start + 2 + (r.len() - r.trim_start_matches(' ').len()),
        None => start,
    }
}

/// What follows `key:` at the start of `text`, the key written plain or quoted (`"key":`,
/// `'key':`).
fn after_key<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    ["", "\"", "'"].into_iter().find_map(|quote| {
        text.strip_prefix(quote)?
            .strip_prefix(key)?
            .strip_prefix(quote)?
            .strip_prefix(':')
    })
}

/// The `key: value` on a line (after an optional `- `): the byte column of the value.
fn key_value_column(line: &str, key: &str) -> Option<usize> {
    let start = key_column(line);
    let written = &line[start..];
    let after = after_key(written, key)?;
    let spaces = after.len() - after.trim_start_matches(' ').len();
    Some(start + written.len() - after.len() + spaces)
}

impl<'a> FenceLines<'a> {
    /// The lines of `block`, a YAML fence of `doc`.
    pub(crate) fn new(doc: &'a Document<'a>, block: &'a CodeBlock) -> Self {
        Self {
            doc,
            block,
            lines: block.code.lines().collect(),
        }
    }

    /// The indentation of the document's top-level keys: that of its first line with content
    /// (a fence may indent its whole YAML).
    fn base_indent(&self) -> usize {
        self.lines
            .iter()
            .find(|l| !is_blank(l))
            .map_or(0, |l| indent(l))
    }

    /// The line of a top-level `key:`.
    pub(crate) fn top_key(&self, key: &str) -> Option<usize> {
        let base = self.base_indent();
        self.lines
            .iter()
            .position(|l| indent(l) == base && !is_item(l) && key_value_column(l, key).is_some())
    }

    /// The items of the top-level list `key`, in order.
    pub(crate) fn items(&self, key: &str) -> Vec<ItemLines> {
        let Some(start) = self.top_key(key) else {
            return Vec::new();
        };
        let base = self.base_indent();
        let mut firsts = Vec::new();
        let mut item_indent = None;
        let mut end = self.lines.len();
        for (i, line) in self.lines.iter().enumerate().skip(start + 1) {
            if is_blank(line) {
                continue;
            }
            let at = indent(line);
            if at < base || (at == base && !is_item(line)) {
                end = i;
                break;
            }
            if is_item(line) {
                match item_indent {
                    None => {
                        item_indent = Some(at);
                        firsts.push(i);
                    }
                    Some(level) if level == at => firsts.push(i),
                    Some(_) => {}
                }
            }
        }
        firsts
            .iter()
            .enumerate()
            .map(|(n, &first)| ItemLines {
                first,
                end: firsts.get(n + 1).copied().unwrap_or(end),
            })
            .collect()
    }

    /// The column of `item`'s own keys on the lines after its first: the least indentation
    /// of those lines and of the key after its `- ` (text in a block scalar or a nested
    /// mapping is deeper than the keys it is under).
    fn item_key_column(&self, item: ItemLines) -> Option<usize> {
        let first = self.lines.get(item.first)?;
        let after_dash = (first.trim() != "-").then(|| key_column(first));
        (item.first + 1..item.end.min(self.lines.len()))
            .map(|i| self.lines[i])
            .filter(|l| !is_blank(l))
            .map(indent)
            .chain(after_dash)
            .min()
    }

    /// The line of `key:` in `item` (its first line when the key is not written there), and the
    /// byte column of its value. Only the item's own keys count, not text deeper inside it
    /// (a block scalar, a nested mapping).
    pub(crate) fn key_in(&self, item: Option<ItemLines>, key: &str) -> (usize, usize) {
        let Some(item) = item else {
            return (0, 0);
        };
        let own_column = self.item_key_column(item);
        (item.first..item.end.min(self.lines.len()))
            .filter(|&i| {
                let line = self.lines[i];
                i == item.first || (Some(indent(line)) == own_column && !is_item(line))
            })
            .find_map(|i| key_value_column(self.lines[i], key).map(|col| (i, col)))
            .unwrap_or((
                item.first,
                indent(self.lines.get(item.first).unwrap_or(&"")),
            ))
    }

    /// The span in the file of byte `column` of 0-based `line` of the fence's code, to the end
    /// of that line. Before the first line of the code (`line` past the end), the opening fence.
    pub(crate) fn span(&self, line: usize, column: usize) -> Range<usize> {
        let source = self.doc.source;
        let Some(code_line) = self.lines.get(line) else {
            return source.line_span(self.block.span.start);
        };
        let first = source.line_col(self.block.code_start).line;
        let start = source.line_start(first + line);
        let file_line = &source.text[source.line_span(start)];
        // A fence inside a list item has its indentation stripped from the code.
        let shift = file_line.len().saturating_sub(code_line.len());
        let mut offset = start + shift + column.min(code_line.len());
        while !source.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset..source.line_end(offset)
    }

    /// The span of the opening fence line.
    pub(crate) fn fence(&self) -> Range<usize> {
        self.doc.source.line_span(self.block.span.start)
    }

    /// The text of 0-based `line` of the code.
    pub(crate) fn line(&self, line: usize) -> &'a str {
        self.lines.get(line).copied().unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn items_and_keys_are_found_with_their_columns() {
        let text = "# T\n\n```calculator\ntitle: x\ninputs:\n  - name: a\n    min: 1\n  -   name: b\n    max: 2\noutputs:\n- label: y\n  formula: a + b\n```\n";
        let source = SourceFile::from_string("t.md", text);
        let doc = crate::markdown::parse(&source);
        let lines = FenceLines::new(&doc, &doc.code_blocks[0]);
        let inputs = lines.items("inputs");
        assert_eq!(
            inputs,
            [
                ItemLines { first: 2, end: 4 },
                ItemLines { first: 4, end: 6 }
            ]
        );
        assert_eq!(lines.key_in(Some(inputs[1]), "name"), (4, 12));
        assert_eq!(lines.key_in(Some(inputs[1]), "max"), (5, 9));
        assert_eq!(lines.key_in(Some(inputs[0]), "step"), (2, 2));
        let outputs = lines.items("outputs");
        let (line, col) = lines.key_in(outputs.first().copied(), "formula");
        let span = lines.span(line, col);
        assert_eq!(&text[span.clone()], "a + b");
        let at = source.line_col(span.start);
        assert_eq!((at.line, at.column), (12, 12));
    }

    fn fence_lines_of(yaml: &str, check: impl FnOnce(&FenceLines<'_>)) {
        let text = format!("# T\n\n```metrics\n{yaml}```\n");
        let source = SourceFile::from_string("t.md", &text);
        let doc = crate::markdown::parse(&source);
        check(&FenceLines::new(&doc, &doc.code_blocks[0]));
    }

    #[test]
    fn only_an_items_own_keys_count_not_text_in_a_block_scalar() {
        let yaml = "items:\n  - label: a\n    note: |\n      value: 12\n    value: none\n";
        fence_lines_of(yaml, |lines| {
            let items = lines.items("items");
            assert_eq!(items.len(), 1);
            assert_eq!(lines.key_in(Some(items[0]), "value"), (4, 11));
        });
        let nested = "items:\n  - label: a\n    more:\n      value: 1\n";
        fence_lines_of(nested, |lines| {
            let items = lines.items("items");
            assert_eq!(lines.key_in(Some(items[0]), "value"), (1, 2));
        });
        let lone_dash = "items:\n  -\n    label: a\n    value: none\n";
        fence_lines_of(lone_dash, |lines| {
            let items = lines.items("items");
            assert_eq!(lines.key_in(Some(items[0]), "value"), (3, 11));
        });
    }

    #[test]
    fn top_level_keys_are_found_at_the_documents_own_indentation_and_when_quoted() {
        let indented = "  title: T\n  items:\n    - label: bad\n      value: none\n  unit: ms\n";
        fence_lines_of(indented, |lines| {
            assert_eq!(lines.top_key("items"), Some(1));
            let items = lines.items("items");
            assert_eq!(items, [ItemLines { first: 2, end: 4 }]);
            assert_eq!(lines.key_in(Some(items[0]), "value"), (3, 13));
        });
        let quoted = "title: T\n\"items\":\n  - 'label': bad\n    \"value\": none\n";
        fence_lines_of(quoted, |lines| {
            assert_eq!(lines.top_key("items"), Some(1));
            let items = lines.items("items");
            assert_eq!(lines.key_in(Some(items[0]), "value"), (3, 13));
        });
    }
}
