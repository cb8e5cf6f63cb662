//! One parse of one text with one grammar, bounded in time, and the first syntax error in it.
//!
//! Each thread keeps one tree-sitter parser per grammar and reuses it. The parse is bounded
//! the way highlighting bounds it ([`crate::highlight::budget`]): the thread's CPU time is
//! checked at every progress report against an allowance linear in the text's size, so text
//! that sends a grammar's error recovery into quadratic work costs a bounded time and is
//! reported as such instead of hanging the check.
//!
//! Besides the tree's errors, a parse reports the errors of rules its grammar does not keep:
//! Python's indented bodies ([`super::indentation`]) and Go's braces ([`super::go_braces`]).

use std::cell::RefCell;

use crate::highlight::budget;
use crate::highlight::grammars::{ALL, Grammar};

use super::{Problem, What};

thread_local! {
    /// One parser per grammar (by [`Grammar::slot`]), built on first use.
    static PARSERS: RefCell<Vec<Option<tree_sitter::Parser>>> =
        RefCell::new((0..ALL.len()).map(|_| None).collect());
}

/// What one parse found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Parsed {
    /// No error.
    Clean,
    /// The first error, with offsets in the parsed text.
    Error(Problem),
    /// The parse used up its time, or the grammar could not be loaded.
    OverBudget,
}

/// What is handed the tree of a completed parse, with the time left of the text's allowance
/// ([`budget::allowance`]) after parsing it.
pub(crate) type OnTree<'a> = dyn Fn(&tree_sitter::Tree, std::time::Duration) + 'a;

/// Parses `text` with `grammar` and finds its first error; `parsed` is handed the tree when
/// the parse completes.
pub(crate) fn parse(grammar: Grammar, text: &str, parsed: &OnTree<'_>) -> Parsed {
    PARSERS.with(|cell| {
        let Ok(mut parsers) = cell.try_borrow_mut() else {
            return Parsed::OverBudget;
        };
        let slot = &mut parsers[grammar.slot()];
        if slot.is_none() {
            let mut parser = tree_sitter::Parser::new();
            if parser.set_language(&grammar.language()).is_err() {
                return Parsed::OverBudget;
            }
            *slot = Some(parser);
        }
        let Some(parser) = slot.as_mut() else {
            return Parsed::OverBudget;
        };
        let allowance = budget::allowance(text.len());
        let clock = budget::BlockClock::start();
        match budget::parse_within(parser, text, allowance) {
            Some(tree) => {
                parsed(&tree, allowance.saturating_sub(clock.elapsed()));
                let root = tree.root_node();
                let grammar_rule = match grammar {
                    Grammar::Python => super::indentation::unindented_bodies(root, text),
                    Grammar::Go => super::go_braces::braces_on_next_line(root, text),
                    _ => None,
                };
                with_rule(first_error(root, text), grammar_rule)
            }
            None => Parsed::OverBudget,
        }
    })
}

/// What a parse found, with the errors the tree does not show but its language's rules make
/// (`found`: the first and how many): the first of all comes first (the tree's on a tie), and
/// the rest are counted.
fn with_rule(parsed: Parsed, found: Option<(Problem, usize)>) -> Parsed {
    let Some((rule, count)) = found else {
        return parsed;
    };
    match parsed {
        Parsed::Error(tree) if tree.start <= rule.start => Parsed::Error(Problem {
            more: tree.more + count,
            ..tree
        }),
        Parsed::Error(tree) => Parsed::Error(Problem {
            more: tree.more + count,
            ..rule
        }),
        _ => Parsed::Error(Problem {
            more: count.saturating_sub(1),
            ..rule
        }),
    }
}

/// The first ERROR or MISSING node of the tree in reading order, and how many there are
/// (an error inside another counts once). Only subtrees that hold an error are entered, so
/// a clean tree costs nothing and a broken one costs at most its size.
fn first_error(root: tree_sitter::Node<'_>, text: &str) -> Parsed {
    if !root.has_error() {
        return Parsed::Clean;
    }
    let mut first: Option<Problem> = None;
    let mut count = 0_usize;
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        let is_error = node.is_error() || node.is_missing();
        if is_error {
            count += 1;
            if first.is_none() {
                first = Some(describe(node, text));
            }
        }
        if !is_error && node.has_error() && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return match first {
                    Some(mut problem) => {
                        problem.more = count.saturating_sub(1);
                        Parsed::Error(problem)
                    }
                    // `has_error` without an ERROR or MISSING node: never seen, but a clean
                    // walk is the honest answer.
                    None => Parsed::Clean,
                };
            }
        }
    }
}

/// An ERROR node: the first token in it that the grammar could not place; a MISSING node:
/// the token the grammar expected there.
fn describe(node: tree_sitter::Node<'_>, text: &str) -> Problem {
    if node.is_missing() {
        return Problem {
            start: node.start_byte(),
            end: node.start_byte(),
            // A keyword or punctuation the grammar wanted is quoted as written (`fi`, `}`);
            // a named node (`identifier`) is said in words.
            what: What::Missing(if node.is_named() {
                node.kind().to_owned()
            } else {
                format!("`{}`", node.kind())
            }),
            more: 0,
        };
    }
    let token = unexpected_token(node);
    let (start, end) = (token.start_byte(), token.end_byte());
    let what = if start >= text.len() {
        What::End
    } else {
        What::Unexpected
    };
    Problem {
        start,
        end,
        what,
        more: 0,
    }
}

/// The token of an ERROR node to point at. The node holds what the grammar read before it
/// got stuck, grouped as far as it could: its last part is where reading failed (a token
/// with nothing valid after it, a stray token), so the finding points at the start of that
/// part.
fn unexpected_token(error: tree_sitter::Node<'_>) -> tree_sitter::Node<'_> {
    let count = error.child_count();
    let mut node = match count {
        0 => error,
        n => error.child(n - 1).unwrap_or(error),
    };
    while let Some(child) = node.child(0) {
        node = child;
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(grammar: Grammar, text: &str) -> Problem {
        match parse(grammar, text, &|_, _| {}) {
            Parsed::Error(problem) => problem,
            other => panic!("{text:?}: {other:?}"),
        }
    }

    #[test]
    fn a_clean_text_has_no_error() {
        assert_eq!(parse(Grammar::Python, "x = 1\n", &|_, _| {}), Parsed::Clean);
        assert_eq!(
            parse(Grammar::Json, "{\"a\": [1, 2]}\n", &|_, _| {}),
            Parsed::Clean
        );
    }

    #[test]
    fn an_unclosed_block_is_a_missing_token_at_the_end() {
        let text = "if [ -f x ]; then\n  echo yes\n";
        let found = problem(Grammar::Bash, text);
        assert_eq!(found.what, What::Missing("`fi`".to_owned()));
        assert_eq!(found.start, text.len());
    }

    #[test]
    fn a_stray_token_is_unexpected_where_it_stands() {
        let text = "x = (1 + 2))\n";
        let found = problem(Grammar::Python, text);
        assert_eq!(found.what, What::Unexpected);
        assert_eq!(&text[found.start..found.end], ")");
        assert_eq!(found.start, 11);
    }
}
