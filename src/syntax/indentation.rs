//! Python bodies that are not indented. tree-sitter-python reads `def f():\nreturn 1` as a
//! function with an empty body followed by `return 1`, where Python stops with "expected an
//! indented block": a compound statement's body (`block`) that starts on a line after the
//! colon of its header must be indented more than the header's line. Two shapes are found:
//! a body whose first statement is not indented more, and an empty body right after which
//! (on the next line) comes a statement not indented more. An empty body followed by a blank
//! or comment line is left alone: a fragment's elided body (`class A:\n    # ...\n`) reads
//! so once its elision is blanked. A body on the header's line (`if x: pass`) is not
//! concerned, nor are comments (Python ignores their indentation) or the lines of a statement
//! continued inside brackets (only where a statement starts counts). One walk of the tree.

use super::{Problem, What};

/// The first body of the tree that is not indented, and how many there are.
pub(crate) fn unindented_bodies(
    root: tree_sitter::Node<'_>,
    text: &str,
) -> Option<(Problem, usize)> {
    let lines = Lines::of(text);
    super::tree_walk::first_problem(root, |node| unindented_body(node, &lines))
}

/// The problem of `header`'s first body on a later line than its colon that is not indented
/// more than the header's line, if it has one.
fn unindented_body(header: tree_sitter::Node<'_>, lines: &Lines<'_>) -> Option<Problem> {
    let mut colon_row = None;
    let mut colon_end = None;
    let mut cursor = header.walk();
    if !cursor.goto_first_child() {
        return None;
    }
    loop {
        let child = cursor.node();
        match child.kind() {
            ":" => {
                colon_row = Some(child.end_position().row);
                colon_end = Some(child.end_byte());
            }
            "block" => {
                let colon_row = colon_row?;
                let (start, end) = match first_statement(child) {
                    Some(statement) if statement.start_position().row > colon_row => {
                        (statement.start_byte(), first_token(statement).end_byte())
                    }
                    Some(_) => return None,
                    None => statement_after_empty_body(lines, colon_end?)?,
                };
                if lines.indent_of(start) > lines.indent_of(header.start_byte()) {
                    return None;
                }
                return Some(Problem {
                    start,
                    end,
                    what: What::NotIndented {
                        keyword: keyword(header),
                        header: header.start_byte(),
                    },
                    more: 0,
                });
            }
            _ => {}
        }
        if !cursor.goto_next_sibling() {
            return None;
        }
    }
}

/// For a header whose body is empty, ending at `colon_end`: the span of the first word on the
/// next line, when the rest of the header's line is blank or a comment and the next line
/// holds code (not blank, not a comment).
fn statement_after_empty_body(lines: &Lines<'_>, colon_end: usize) -> Option<(usize, usize)> {
    let line = lines.index_of(colon_end);
    let after_colon = lines.text.get(colon_end..lines.end(line))?.trim();
    if !(after_colon.is_empty() || after_colon.starts_with('#')) {
        return None;
    }
    let next_start = lines.start(line + 1)?;
    let next = &lines.text[next_start..lines.end(line + 1)];
    let code = next.trim_start();
    if code.trim().is_empty() || code.starts_with('#') {
        return None;
    }
    let start = next_start + (next.len() - code.len());
    let word = code
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(code.len())
        .max(code.chars().next().map_or(0, char::len_utf8));
    Some((start, start + word))
}

/// The first statement of a body: its first named child that is not a comment.
fn first_statement(block: tree_sitter::Node<'_>) -> Option<tree_sitter::Node<'_>> {
    let mut cursor = block.walk();
    block
        .named_children(&mut cursor)
        .find(|child| child.kind() != "comment")
}

/// The first token of a node.
fn first_token(node: tree_sitter::Node<'_>) -> tree_sitter::Node<'_> {
    let mut node = node;
    while let Some(child) = node.child(0) {
        node = child;
    }
    node
}

/// The keyword a header starts with, as written: `def`, `elif`, `async def`.
fn keyword(header: tree_sitter::Node<'_>) -> String {
    let kind = |index| header.child(index).map_or("", |child| child.kind());
    match kind(0) {
        "async" => format!("async {}", kind(1)),
        first => first.to_owned(),
    }
}

/// The lines of a text, found once, so that each header costs a lookup however long its line.
struct Lines<'a> {
    text: &'a str,
    /// Where each line starts.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn of(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Self { text, starts }
    }

    /// The index of the line holding `offset`.
    fn index_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// Where line `index` starts, if the text has that line.
    fn start(&self, index: usize) -> Option<usize> {
        self.starts
            .get(index)
            .copied()
            .filter(|&at| at <= self.text.len())
    }

    /// Where line `index` ends, before its line break.
    fn end(&self, index: usize) -> usize {
        self.starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1)
    }

    /// The width of the indentation of the line holding `offset` (a tab to the next multiple
    /// of 8, as Python counts it).
    fn indent_of(&self, offset: usize) -> usize {
        let line = self.index_of(offset);
        let start = self.start(line).unwrap_or(0);
        let mut width = 0;
        for byte in self.text.as_bytes()[start..self.end(line)].iter() {
            match byte {
                b' ' => width += 1,
                b'\t' => width = (width / 8 + 1) * 8,
                b'\x0c' => width = 0,
                _ => break,
            }
        }
        width
    }
}
