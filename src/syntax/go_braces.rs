//! Go's opening brace on the line after its header. Go ends a line with a semicolon when its
//! last token is a name, a literal, `)`, `]`, `}`, `++`, `--`, `break`, `continue`,
//! `fallthrough` or `return`, so `func main()\n{` and `if x > 1\n{` do not compile; the
//! tree-sitter grammar has no such rule and reads them as intended. This finds the `{` of a
//! function's, an `if`'s, a `for`'s, a `switch`'s or a `select`'s body that starts a line after
//! such a token. A `{` that opens a block statement of its own (`x := 1\n{`) is valid Go and is
//! left alone, as is a `{` after a token that ends no line with a semicolon (`else\n{`).
//! One walk of the tree.

use super::{Problem, What};

/// Statements and declarations whose body's `{` must end their header's line. The grammar
/// reads `func main()\n{` as a declaration without a body and a block after it, both in the
/// file: a file holds the block after such a declaration too.
const HEADERS: &[&str] = &[
    "source_file",
    "function_declaration",
    "method_declaration",
    "func_literal",
    "if_statement",
    "for_statement",
    "expression_switch_statement",
    "type_switch_statement",
    "select_statement",
];

/// Tokens after which Go ends a line with a semicolon (besides names and literals).
const ENDS_A_STATEMENT: &[&str] = &[
    ")",
    "]",
    "}",
    "++",
    "--",
    "break",
    "continue",
    "fallthrough",
    "return",
    "\"",
    "`",
    "true",
    "false",
    "nil",
    "iota",
];

/// How far down the last branch of a subtree its last token is looked for: past that, the
/// brace is not judged (no finding), so a walk never costs more than a bounded step per node.
const MAX_DESCENT: usize = 64;

/// The first body brace of the tree that starts a line Go has ended, and how many there are.
pub(crate) fn braces_on_next_line(
    root: tree_sitter::Node<'_>,
    text: &str,
) -> Option<(Problem, usize)> {
    super::tree_walk::first_problem(root, |node| {
        if HEADERS.contains(&node.kind()) {
            misplaced_braces(node, text)
        } else {
            Vec::new()
        }
    })
}

/// The braces opening `header`'s bodies that start a line after a token that ends a statement.
fn misplaced_braces(header: tree_sitter::Node<'_>, text: &str) -> Vec<Problem> {
    let mut found = Vec::new();
    let mut before: Option<tree_sitter::Node<'_>> = None;
    let mut cursor = header.walk();
    for child in header.children(&mut cursor) {
        if child.kind() == "comment" {
            continue;
        }
        let brace = match child.kind() {
            "{" => Some(child),
            "block" => child.child(0).filter(|first| first.kind() == "{"),
            _ => None,
        };
        // Rows first: the text is read only between a token and a brace on a later line, so
        // the walk reads each stretch of text once at most.
        if let (Some(brace), Some(before)) = (brace, before)
            && brace.start_position().row > before.end_position().row
            && (header.kind() != "source_file" || is_declaration_without_body(before))
            && starts_its_line(text, brace.start_byte())
            && last_token(before).is_some_and(ends_a_statement)
        {
            found.push(Problem {
                start: brace.start_byte(),
                end: brace.end_byte(),
                what: What::BraceOnNextLine,
                more: 0,
            });
        }
        before = Some(child);
    }
    found
}

/// Whether `node` declares a function or method without a body.
fn is_declaration_without_body(node: tree_sitter::Node<'_>) -> bool {
    matches!(node.kind(), "function_declaration" | "method_declaration")
        && node.child_by_field_name("body").is_none()
}

/// Whether only blanks come before `offset` on its line.
fn starts_its_line(text: &str, offset: usize) -> bool {
    let before = &text[..offset.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let blank_before = before[line_start..].trim().is_empty();
    blank_before && line_start > 0
}

/// The last token of a subtree (comments skipped), if found within [`MAX_DESCENT`] steps.
fn last_token(node: tree_sitter::Node<'_>) -> Option<tree_sitter::Node<'_>> {
    let mut node = node;
    for _ in 0..MAX_DESCENT {
        let mut index = node.child_count();
        let mut last = None;
        while index > 0 {
            index -= 1;
            let child = node.child(index)?;
            if child.kind() != "comment" {
                last = Some(child);
                break;
            }
        }
        match last {
            Some(child) => node = child,
            None => return Some(node),
        }
    }
    None
}

/// Whether Go ends a line that ends with `token` with a semicolon.
fn ends_a_statement(token: tree_sitter::Node<'_>) -> bool {
    let kind = token.kind();
    ENDS_A_STATEMENT.contains(&kind)
        || (token.is_named() && (kind.ends_with("identifier") || kind.ends_with("literal")))
}
