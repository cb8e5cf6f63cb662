//! A bounded run of a block's query before `tree-sitter-highlight` runs it unbounded.
//!
//! `tree-sitter-highlight` runs its query through a cursor of its own that takes no progress
//! callback, and reads its cancellation flag only between two steps of that query. One step
//! can run far past the block's allowance ([`super::budget`]): on code nested tens of
//! thousands of levels deep (100,000 brackets, 200 KB of JavaScript, TypeScript or Rust), the
//! query keeps a match in progress per level, and its first step takes about 25 s against an
//! allowance of 4 s. So, for the grammars it highlights (those of more than one layer,
//! [`super::grammars::Grammar::is_one_layer`]), [`queries_within`] first runs the same query
//! over the block with a cursor that looks at the clock, and a block whose query does not
//! finish within the allowance is shown plain, as any block past its time.
//!
//! The query's work at each node grows with the matches in progress, which grow with the
//! depth of the tree: over a tree no deeper than [`SHALLOW`] it stays linear in the size of
//! the block, and the query is not run twice. A block whose tree the syntax check has already
//! found that shallow ([`Shallow`]) is not even parsed for it.
use std::cell::Cell;
use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tree_sitter::{
    Parser, Query, QueryCursor, QueryCursorOptions, QueryCursorState, StreamingIterator, Tree,
};

use super::budget::{self, BlockClock};

/// The deepest tree whose query is not run ahead: code written by hand nests tens of levels,
/// and a query's matches in progress over a tree this deep are few enough to keep its work
/// linear in the size of the block.
pub(super) const SHALLOW: u32 = 256;

/// The blocks (by their cache key) whose tree the syntax check found no deeper than
/// [`SHALLOW`]: their pages highlight them without running the query ahead.
#[derive(Debug, Default)]
pub(super) struct Shallow {
    keys: Mutex<HashSet<String>>,
}

impl Shallow {
    /// Notes the block of `key` if `tree`, its parse, is no deeper than [`SHALLOW`].
    pub(super) fn note(&self, key: String, tree: &Tree) {
        if !deeper_than(tree, SHALLOW) {
            self.lock().insert(key);
        }
    }

    /// Whether the block of `key` was noted shallow.
    pub(super) fn holds(&self, key: &str) -> bool {
        self.lock().contains(key)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.keys.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Whether `query` runs over `code`, parsed in `language`, within `limit` (CPU time of the
/// thread: the parse, and the query over a tree deeper than [`SHALLOW`]). `false` when the
/// parse or the query runs past it; `true` when the block cannot be parsed at all (the
/// highlighter then fails on its own, within its time).
pub(super) fn queries_within(
    language: &tree_sitter::Language,
    query: &Query,
    code: &str,
    limit: Duration,
) -> bool {
    let clock = BlockClock::start();
    let mut parser = Parser::new();
    if parser.set_language(language).is_err() {
        return true;
    }
    let Some(tree) = budget::parse_within(&mut parser, code, limit) else {
        return false;
    };
    if !deeper_than(&tree, SHALLOW) {
        return true;
    }
    let left = limit.saturating_sub(clock.elapsed());
    runs_within(query, &tree, code, left)
}

/// Whether a node of `tree` lies more than `levels` below its root: one walk, which stops at
/// the first such node. The depth is counted on the way, since the cursor's own count walks
/// its whole stack at each call.
fn deeper_than(tree: &Tree, levels: u32) -> bool {
    let mut cursor = tree.walk();
    let mut depth = 0_u32;
    loop {
        if cursor.goto_first_child() {
            depth += 1;
            if depth > levels {
                return true;
            }
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return false;
            }
            depth = depth.saturating_sub(1);
        }
    }
}

/// How a run of a query ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Run {
    /// Every capture was found, in this much time.
    Finished(Duration),
    /// The query was stopped at a look at the clock past its limit.
    Stopped,
}

/// Whether every capture of `query` over `tree` (the parse of `code`) is found within `limit`.
fn runs_within(query: &Query, tree: &Tree, code: &str, limit: Duration) -> bool {
    matches!(run(query, tree, code, limit), Run::Finished(spent) if spent <= limit)
}

/// Runs `query` over `tree` (the parse of `code`), stopping at its first look at the clock
/// past `limit`.
fn run(query: &Query, tree: &Tree, code: &str, limit: Duration) -> Run {
    let clock = BlockClock::start();
    let stopped = Cell::new(false);
    let mut out_of_time = clock.stop_past::<QueryCursorState>(limit, &stopped);
    let mut cursor = QueryCursor::new();
    let options = QueryCursorOptions::new().progress_callback(&mut out_of_time);
    let mut captures =
        cursor.captures_with_options(query, tree.root_node(), code.as_bytes(), options);
    while captures.next().is_some() {
        if stopped.get() {
            return Run::Stopped;
        }
    }
    if stopped.get() {
        return Run::Stopped;
    }
    Run::Finished(clock.elapsed())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlight::grammars::{Grammar, Grammars};

    /// `levels` brackets nested in an expression of `grammar`.
    fn nested(grammar: Grammar, levels: usize) -> String {
        let brackets = format!("{}1{}", "[".repeat(levels), "]".repeat(levels));
        match grammar {
            Grammar::Rust => format!("fn main() {{ let x = {brackets}; }}\n"),
            _ => format!("const x = {brackets};\n"),
        }
    }

    /// `code` parsed in `language`.
    fn parse(language: &tree_sitter::Language, code: &str) -> Tree {
        let mut parser = Parser::new();
        parser.set_language(language).expect("loads");
        parser.parse(code, None).expect("parses")
    }

    /// 100,000 nested brackets kept the query in its first step for about 25 s: it is stopped
    /// there, at its limit, rather than let run to the end.
    #[test]
    fn regression_a_query_over_deeply_nested_code_is_stopped_in_its_first_step() {
        for grammar in [Grammar::JavaScript, Grammar::TypeScript, Grammar::Rust] {
            let config = Grammars::shared().config(grammar).expect("compiles");
            let code = nested(grammar, 100_000);
            let tree = parse(&config.language, &code);
            assert!(deeper_than(&tree, 100_000), "{grammar:?}");
            let limit = Duration::from_millis(200);
            assert_eq!(
                run(&config.query, &tree, &code, limit),
                Run::Stopped,
                "{grammar:?}"
            );
            assert!(!runs_within(&config.query, &tree, &code, limit));
        }
    }

    #[test]
    fn a_query_over_code_nested_a_little_past_the_shallow_depth_runs_to_the_end() {
        for grammar in [Grammar::JavaScript, Grammar::TypeScript, Grammar::Rust] {
            let config = Grammars::shared().config(grammar).expect("compiles");
            let code = nested(grammar, 400);
            let tree = parse(&config.language, &code);
            assert!(deeper_than(&tree, SHALLOW), "{grammar:?}");
            let limit = Duration::from_secs(60);
            assert!(
                runs_within(&config.query, &tree, &code, limit),
                "{grammar:?}"
            );
            assert!(queries_within(
                &config.language,
                &config.query,
                &code,
                limit
            ));
            assert!(!runs_within(&config.query, &tree, &code, Duration::ZERO));
        }
    }

    #[test]
    fn shallow_code_is_not_queried_ahead() {
        let config = Grammars::shared().config(Grammar::Rust).expect("compiles");
        let code = "fn main() { let x = [[1, 2], [3]]; }\n";
        assert!(!deeper_than(&parse(&config.language, code), SHALLOW));
        assert!(queries_within(
            &config.language,
            &config.query,
            code,
            Duration::from_secs(60)
        ));
    }

    #[test]
    fn only_a_shallow_tree_is_noted_shallow() {
        let language = Grammar::JavaScript.language();
        let shallow = Shallow::default();
        shallow.note("flat".to_owned(), &parse(&language, "f([1, 2]);\n"));
        let deep = nested(Grammar::JavaScript, 400);
        shallow.note("deep".to_owned(), &parse(&language, &deep));
        assert!(shallow.holds("flat"));
        assert!(!shallow.holds("deep"));
        assert!(!shallow.holds("never seen"));
    }

    #[test]
    fn a_tree_is_deeper_than_the_levels_above_its_deepest_node() {
        let mut parser = Parser::new();
        parser
            .set_language(&Grammar::Json.language())
            .expect("loads");
        // document > array > number, and three arrays more above the deepest number.
        let flat = parser.parse("[1, 2, 3]", None).expect("parses");
        let deep = parser.parse("[2, [[[1]]]]", None).expect("parses");
        assert!(deeper_than(&flat, 1) && !deeper_than(&flat, 2));
        assert!(deeper_than(&deep, 4) && !deeper_than(&deep, 5));
    }
}
