//! Highlighting a tree parsed elsewhere: the syntax check's own parse of a block.
//!
//! `tree-sitter-highlight` parses every block itself and cannot be handed a tree, so a block
//! the syntax check has just parsed would be parsed a second time by its page. For a grammar
//! whose highlighting reads one tree and nothing else (no injections, no locals:
//! [`super::grammars::Grammar::is_one_layer`]), [`highlight`] walks the captures of the same
//! highlights query over the check's tree and writes what [`super::tree`] writes for the
//! block, byte for byte: the same rules pick the capture that colours a node (the last
//! pattern that matches it), drop the other captures of a match superseded that way, and
//! nest the spans.
//!
//! The walk stops, with no result, once it has used up the time its block's size allows
//! ([`super::budget`]), as the highlighter does, so its work stays linear in the course.

use std::cell::Cell;
use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Duration;

use tree_sitter::{
    Node, QueryCursor, QueryCursorOptions, QueryCursorState, StreamingIterator, Tree,
};

use super::budget::BlockClock;
use super::escape_into;
use super::grammars::Configured;
use super::tree::{SPAN_END, WRAPPER, open_span};

/// How many captures are walked between two looks at the clock.
const CLOCK_INTERVAL: usize = 100;

/// One capture of the query, as the walk needs it.
#[derive(Clone, Copy)]
struct Capture<'tree> {
    node: Node<'tree>,
    /// The capture's index among the query's capture names.
    index: u32,
    /// The id of its match, unique within one run of the query.
    match_id: u32,
}

/// The HTML of `code` highlighted from `tree` (its parse with `configured`'s grammar), as
/// [`super::tree::highlight`] writes it; `None` for a grammar of more than one layer, a tree
/// whose nodes do not fall on character boundaries, a walk longer than `limit` (CPU time of
/// the thread), or a panic in it.
pub(crate) fn highlight(
    configured: &Configured,
    classes: &[String],
    tree: &Tree,
    code: &str,
    limit: Duration,
) -> Option<String> {
    if !configured.one_layer {
        return None;
    }
    catch_unwind(AssertUnwindSafe(|| {
        walk(configured, classes, tree, code, limit)
    }))
    .ok()
    .flatten()
}

/// [`highlight`] for a one-layer grammar.
fn walk(
    configured: &Configured,
    classes: &[String],
    tree: &Tree,
    code: &str,
    limit: Duration,
) -> Option<String> {
    let clock = BlockClock::start();
    let query = &configured.config.query;
    let mut cursor = QueryCursor::new();
    // One step of the query can take long (on code nested tens of thousands of levels deep,
    // the query keeps a match in progress per level): the query itself looks at the clock
    // too, and a query stopped that way ends early, with the matches it finished.
    let stopped = Cell::new(false);
    let mut out_of_time = clock.stop_past::<QueryCursorState>(limit, &stopped);
    let options = QueryCursorOptions::new().progress_callback(&mut out_of_time);
    let mut captures =
        cursor.captures_with_options(query, tree.root_node(), code.as_bytes(), options);
    // A match whose node a later pattern colours instead is dropped with its other captures,
    // as `tree-sitter-highlight` removes it from its cursor.
    let mut superseded: HashSet<u32> = HashSet::new();
    let mut pull = |superseded: &HashSet<u32>| loop {
        let (found, index) = captures.next()?;
        let capture = found.captures()[*index];
        if superseded.contains(&found.id()) {
            continue;
        }
        return Some(Capture {
            node: capture.node,
            index: capture.index,
            match_id: found.id(),
        });
    };

    let mut html = String::with_capacity(code.len() * 3);
    open_span(&mut html, WRAPPER);
    // Text is written up to `written`; `open` holds where each open span ends.
    let mut written = 0;
    let mut open: Vec<usize> = Vec::new();
    let text_to = |html: &mut String, written: &mut usize, offset: usize| -> Option<()> {
        if *written < offset {
            escape_into(html, code.get(*written..offset)?);
            *written = offset;
        }
        Some(())
    };
    let mut next = pull(&superseded);
    let mut steps = 0;
    loop {
        steps += 1;
        if steps % CLOCK_INTERVAL == 0 && clock.exceeded(limit) {
            return None;
        }
        let Some(capture) = next else {
            // No captures left: close what is open, then the rest of the text.
            match open.pop() {
                Some(end) => {
                    text_to(&mut html, &mut written, end)?;
                    html.push_str(SPAN_END);
                    continue;
                }
                None => {
                    text_to(&mut html, &mut written, code.len())?;
                    break;
                }
            }
        };
        let range = capture.node.byte_range();
        // A span that ends before this node starts is closed first.
        if let Some(&end) = open.last()
            && end <= range.start
        {
            open.pop();
            text_to(&mut html, &mut written, end)?;
            html.push_str(SPAN_END);
            continue;
        }
        // Of the captures of one node, the last pattern's wins.
        let mut chosen = capture;
        next = pull(&superseded);
        while let Some(following) = next
            && following.node == chosen.node
        {
            superseded.insert(chosen.match_id);
            chosen = following;
            next = pull(&superseded);
        }
        let Some(recognised) = configured
            .capture_classes
            .get(chosen.index as usize)
            .copied()
            .flatten()
        else {
            continue;
        };
        text_to(&mut html, &mut written, range.start)?;
        open_span(&mut html, classes.get(recognised)?);
        open.push(range.end);
    }
    html.push_str(SPAN_END);
    (!stopped.get()).then_some(html)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlight::classes;
    use crate::highlight::grammars::{ALL, Grammar, Grammars};
    use tree_sitter_highlight::HighlightConfiguration;

    /// `code` parsed with `grammar`.
    fn parse(grammar: Grammar, code: &str) -> Tree {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&grammar.language()).expect("loads");
        parser.parse(code, None).expect("parses")
    }

    /// Code in each one-layer grammar: well formed, broken, and with text that needs escaping,
    /// several characters a byte, or Windows line ends.
    fn samples(grammar: Grammar) -> &'static [&'static str] {
        match grammar {
            Grammar::Python => &[
                "@dataclass\nclass A(B):\n    \"\"\"Doc.\"\"\"\n    def f(self, x: int = 1) -> str:\n        return f\"{x!r} <é>\" if x else None  # c\n",
                "def broken(:\n    x = (1 + 2))\n    print('a' & \"b\")\n",
                "import os\r\nfor i in range(3):\r\n    yield i ** 2\r\n",
                "",
            ],
            Grammar::Bash => &[
                "#!/bin/bash\nset -euo pipefail\nfor f in \"$@\"; do echo \"${f%.md}\" > /dev/null; done\n",
                "if [ -f x ]; then\n  echo yes\n",
                "curl -s 'http://a?b=1&c=2' | jq '.[] | .name' # ünïcode\n",
            ],
            Grammar::C => &[
                "#include <stdio.h>\nint main(void) { printf(\"%d\\n\", 1 << 2); return 0; }\n",
                "int f( { return; \n",
            ],
            Grammar::Cpp => &[
                "template <typename T>\nclass V : public std::vector<T> {\n public:\n  auto f() const -> int { return 1; }\n};\n",
                "std::cout << \"a\" << std::endl\n",
            ],
            Grammar::Go => &[
                "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tch := make(chan int)\n\tgo func() { ch <- 1 }()\n\tfmt.Println(<-ch, `raw`)\n}\n",
                "func (s *S) M() error { return nil\n",
            ],
            Grammar::Java => &[
                "@Override\npublic final class A<T> extends B implements C {\n  private static int x = 0x1F;\n  void f() { if (x > 1 && y < 2) throw new E(\"<\"); }\n}\n",
                "public void m( {\n",
            ],
            Grammar::Json => &[
                "{\"a\": [1, 2.5e3, true, null], \"b\": {\"c\": \"<&>\"}}\n",
                "{\"a\": 1,, }\n",
            ],
            Grammar::Toml => &[
                "[package]\nname = \"x\" # c\n[[bin]]\npath = 'a'\nversion = 1979-05-27T07:32:00Z\n",
                "key = \n[broken\n",
            ],
            Grammar::Yaml => &[
                "apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {app: web}\nspec:\n  - name: \"a & b\"\n    value: |\n      text\n",
                "a: b: c\n  - x\n",
            ],
            _ => &[],
        }
    }

    #[test]
    fn a_one_layer_grammar_reads_as_the_highlighter_writes_it() {
        let grammars = Grammars::shared();
        let classes = classes::classes();
        let mut compared = 0;
        for grammar in ALL {
            let configured = grammars.configured(grammar).expect("compiles");
            let samples = samples(grammar);
            assert_eq!(configured.one_layer, !samples.is_empty(), "{grammar:?}");
            for code in samples {
                let tree = parse(grammar, code);
                let ours = highlight(configured, &classes, &tree, code, Duration::from_secs(60));
                let config = grammars.config_for(grammar, code).expect("compiles");
                let theirs =
                    crate::highlight::tree::highlight(grammars, config, &classes, code, None);
                assert_eq!(ours, theirs, "{grammar:?}: {code:?}");
                assert!(
                    ours.is_some_and(|html| html.contains("<span class=\"hl-") || code.is_empty())
                );
                compared += 1;
            }
        }
        assert!(compared >= 20);
    }

    /// Code nested 100,000 levels deep makes one step of the query long (the query keeps a
    /// match in progress per level): once took tens of seconds past any allowance. The query
    /// itself is stopped at the limit.
    #[test]
    fn regression_the_walk_of_deeply_nested_code_stops_at_its_limit() {
        let grammars = Grammars::shared();
        let classes = classes::classes();
        let configured = grammars.configured(Grammar::Toml).expect("compiles");
        let code = format!("a = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let tree = parse(Grammar::Toml, &code);
        let clock = BlockClock::start();
        let html = highlight(
            configured,
            &classes,
            &tree,
            &code,
            Duration::from_millis(50),
        );
        assert_eq!(html, None);
        assert!(
            clock.elapsed() < Duration::from_secs(2),
            "{:?}",
            clock.elapsed()
        );
    }

    /// A match that loses a node to a later pattern loses its other nodes too: the second
    /// pattern colours the key, so the first one's capture of the value is dropped.
    #[test]
    fn a_superseded_match_drops_its_other_captures() {
        let recognised = classes::recognised();
        let query = "(pair key: (_) @property value: (_) @constant) (string) @string";
        let mut config =
            HighlightConfiguration::new(Grammar::Json.language(), "json", query, "", "")
                .expect("compiles");
        config.configure(&recognised);
        let capture_classes = classes::highlight_indices(config.query.capture_names(), &recognised);
        let configured = Configured {
            config,
            capture_classes,
            one_layer: true,
            compile_time: Duration::ZERO,
        };
        let classes = classes::classes();
        let code = "{\"a\": 1, \"b\": [2]}";
        let tree = parse(Grammar::Json, code);
        let ours = highlight(&configured, &classes, &tree, code, Duration::from_secs(60));
        let theirs = crate::highlight::tree::render(
            &mut tree_sitter_highlight::Highlighter::new(),
            Grammars::shared(),
            &configured.config,
            &classes,
            code,
            None,
        );
        assert_eq!(ours, theirs);
        assert!(
            ours.is_some_and(|html| !html.contains("hl-constant") && html.contains("hl-string"))
        );
    }

    #[test]
    fn a_grammar_with_injections_or_locals_is_left_to_the_highlighter() {
        let grammars = Grammars::shared();
        let configured = grammars.configured(Grammar::Rust).expect("compiles");
        let code = "fn main() { println!(\"{}\", 1); }\n";
        let tree = parse(Grammar::Rust, code);
        let classes = classes::classes();
        assert_eq!(
            highlight(configured, &classes, &tree, code, Duration::from_secs(60)),
            None
        );
    }

    #[test]
    fn a_walk_past_its_time_gives_nothing() {
        let grammars = Grammars::shared();
        let configured = grammars.configured(Grammar::Python).expect("compiles");
        let code = "x = [1, 2, 3]\n".repeat(2000);
        let tree = parse(Grammar::Python, &code);
        let classes = classes::classes();
        assert_eq!(
            highlight(configured, &classes, &tree, &code, Duration::ZERO),
            None
        );
        assert!(highlight(configured, &classes, &tree, &code, Duration::from_secs(60)).is_some());
    }
}
