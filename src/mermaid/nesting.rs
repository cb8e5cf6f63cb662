//! The nesting of a diagram's blocks (`alt … end`, `subgraph … end`, `state Busy { … }`),
//! read line by line, for the parse errors a block left open or a closer with nothing to close
//! causes.
//!
//! merman reports such a mistake where it notices it: at the end of the diagram ("expected
//! `end`"), or on a later line the open block swallowed. The author needs the line that opened
//! the block. This reading is only consulted once merman has rejected a diagram, so it never
//! makes a valid diagram wrong; it follows the block keywords Mermaid's own grammars use.

use crate::mermaid::DiagramKind;
use crate::mermaid::source_text::keyword_of;

/// A block of a diagram: the line that opened it and the word that closes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Block {
    /// 1-based line of the opener, in the diagram body.
    pub(super) line: usize,
    /// 1-based column of the opener's first character (of the `;` before it, when a `;` ends
    /// the statement before it on the same line).
    pub(super) column: usize,
    /// The opening statement, trimmed (`alt cache hit`, `state Busy {`).
    pub(super) opener: String,
    /// What closes it: `end`, `}` or `end note`.
    pub(super) closer: &'static str,
    /// Whether it opens where a `;` ended a sequence message (`A->>B: hi; loop again`).
    pub(super) after_semicolon: bool,
}

impl Block {
    /// Whether everything up to its closer is its text (a note): a parse error anywhere after
    /// it, when it is never closed, is its doing.
    pub(super) fn swallows(&self) -> bool {
        self.closer == NOTE_CLOSER
    }
}

/// What the block structure of a diagram gets wrong, read in line order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Fault {
    /// A closer with no open block, at this 1-based line and column.
    Stray {
        line: usize,
        column: usize,
        closer: &'static str,
        /// What opens the blocks it could close, in an author's words.
        openers: &'static str,
    },
    /// A block left open: the innermost one open at the end of the diagram, or an inner one
    /// whose enclosing block's closer came first (the closer is indented as the outer opener).
    Unclosed(Block),
    /// A class body opened inside another class's body, which Mermaid does not allow: the
    /// outer class was not closed.
    ClassInClass {
        outer: Block,
        line: usize,
        column: usize,
        inner: String,
    },
}

/// How a diagram family opens and closes blocks.
#[derive(Debug, Clone, Copy)]
enum Style {
    /// Keyword openers (`alt`, `subgraph`, `block:…`) closed by a line `end`, and how an
    /// author names them.
    Keywords(&'static [&'static str], &'static str),
    /// A line ending in `{` opens, a line `}` closes (state, class, entity blocks).
    Braces,
}

impl Style {
    fn closer(self) -> &'static str {
        match self {
            Style::Keywords(..) => "end",
            Style::Braces => "}",
        }
    }

    fn openers(self) -> &'static str {
        match self {
            Style::Keywords(_, named) => named,
            Style::Braces => "a line ending in `{`",
        }
    }
}

/// What closes a multi-line note of a state or class diagram.
const NOTE_CLOSER: &str = "end note";

/// The block keywords of sequence diagrams (each closed by `end`).
const SEQUENCE_OPENERS: &[&str] = &[
    "alt", "opt", "loop", "par", "par_over", "critical", "break", "rect", "box",
];

fn style(kind: DiagramKind) -> Option<Style> {
    match kind {
        DiagramKind::Sequence => Some(Style::Keywords(
            SEQUENCE_OPENERS,
            "`alt`, `loop`, `opt`, `par`, `critical`, `break`, `rect` or `box`",
        )),
        DiagramKind::Flowchart => Some(Style::Keywords(&["subgraph"], "`subgraph`")),
        DiagramKind::Block => Some(Style::Keywords(&["block"], "`block`")),
        DiagramKind::State | DiagramKind::Class | DiagramKind::Er => Some(Style::Braces),
        _ => None,
    }
}

/// One statement of the body: its 1-based line, the column it starts at, its trimmed text, and
/// whether a `;` ended a statement before it on the line.
struct Statement<'a> {
    line: usize,
    column: usize,
    text: &'a str,
    after_semicolon: Option<usize>,
}

/// The statements of the body. In a sequence diagram `;` ends a statement, even inside a
/// message's text (Mermaid's `#59;` writes one); elsewhere a statement is a line.
fn statements(source: &str, kind: DiagramKind) -> impl Iterator<Item = Statement<'_>> {
    body_lines(source).flat_map(move |(index, line)| {
        let mut parts = Vec::new();
        let mut start = 0;
        let mut semicolon = None;
        let separators: Vec<usize> = if kind == DiagramKind::Sequence {
            line.match_indices(';').map(|(at, _)| at).collect()
        } else {
            Vec::new()
        };
        for end in separators.into_iter().chain([line.len()]) {
            let piece = &line[start..end];
            let text = piece.trim();
            if !text.is_empty() {
                let column = line[..start + piece.len() - piece.trim_start().len()]
                    .chars()
                    .count()
                    + 1;
                parts.push(Statement {
                    line: index + 1,
                    column,
                    text,
                    after_semicolon: semicolon,
                });
            }
            semicolon = Some(line[..end].chars().count() + 1);
            start = (end + 1).min(line.len());
        }
        parts
    })
}

/// The first fault of the diagram's block structure, if its family has blocks, in line order.
pub(super) fn fault(source: &str, kind: DiagramKind) -> Option<Fault> {
    let style = style(kind)?;
    // Only state diagrams have notes over several lines (a class diagram's `note for A "…"`
    // is one line).
    let notes = kind == DiagramKind::State;
    let mut open: Vec<Block> = Vec::new();
    let mut in_description = false;
    for statement in statements(source, kind) {
        let text = statement.text;
        if in_description {
            in_description = !text.ends_with('}');
            continue;
        }
        if open.last().is_some_and(Block::swallows) {
            if text == NOTE_CLOSER {
                open.pop();
            }
            continue;
        }
        if keyword_of(text) == "accDescr" && text.ends_with('{') {
            in_description = true;
            continue;
        }
        let block = |closer| Block {
            line: statement.line,
            column: statement.after_semicolon.unwrap_or(statement.column),
            opener: text.to_string(),
            closer,
            after_semicolon: statement.after_semicolon.is_some(),
        };
        if notes && keyword_of(text) == "note" && !text.contains(':') {
            open.push(block(NOTE_CLOSER));
        } else if text.trim_end_matches(';') == style.closer() {
            let Some(innermost) = open.pop() else {
                return Some(Fault::Stray {
                    line: statement.line,
                    column: statement.column,
                    closer: style.closer(),
                    openers: style.openers(),
                });
            };
            let lined_up_with_outer = innermost.column != statement.column
                && open.iter().any(|outer| outer.column == statement.column);
            if lined_up_with_outer && innermost.column > statement.column {
                return Some(Fault::Unclosed(innermost));
            }
        } else if opens(text, style) {
            if kind == DiagramKind::Class
                && keyword_of(text) == "class"
                && let Some(outer) = open
                    .last()
                    .filter(|outer| keyword_of(&outer.opener) == "class")
            {
                return Some(Fault::ClassInClass {
                    outer: outer.clone(),
                    line: statement.line,
                    column: statement.column,
                    inner: text.to_string(),
                });
            }
            open.push(block(style.closer()));
        }
    }
    open.pop().map(Fault::Unclosed)
}

/// Whether a line opens a block in this style.
fn opens(text: &str, style: Style) -> bool {
    match style {
        Style::Keywords(openers, _) => {
            let word = keyword_of(text);
            openers.contains(&word)
                && text[word.len()..]
                    .chars()
                    .next()
                    .is_none_or(|next| next.is_whitespace() || (word == "block" && next == ':'))
        }
        Style::Braces => text.ends_with('{'),
    }
}

/// The lines of the diagram body with their 0-based index: front matter, blank lines and `%%`
/// comments and directives left out.
fn body_lines(source: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut in_front_matter = false;
    let mut seen_content = false;
    source.lines().enumerate().filter(move |(_, line)| {
        let text = line.trim();
        if text == "---" && (in_front_matter || !seen_content) {
            in_front_matter = !in_front_matter;
            seen_content = true;
            return false;
        }
        if in_front_matter || text.is_empty() || text.starts_with("%%") {
            return false;
        }
        seen_content = true;
        true
    })
}

/// The transition arrow written with one dash (`Idle -> Busy`) in a state or class diagram,
/// where every arrow has two: its 1-based line and column. Only the part before a `:` label is
/// read, and only where the line names something on either side.
pub(super) fn single_dash_arrow(source: &str, kind: DiagramKind) -> Option<(usize, usize)> {
    if !matches!(kind, DiagramKind::State | DiagramKind::Class) {
        return None;
    }
    body_lines(source).find_map(|(index, line)| {
        let statement = line.split(':').next().unwrap_or(line);
        let at = statement.match_indices("->").find_map(|(at, _)| {
            let before = statement[..at].chars().next_back();
            let named_before = statement[..at].trim().chars().next_back().is_some();
            let named_after = !statement[at + 2..].trim().is_empty();
            let one_dash = !matches!(before, Some('-' | '.' | '<' | '='));
            (one_dash && named_before && named_after).then_some(at)
        })?;
        Some((index + 1, line[..at].chars().count() + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unclosed(source: &str, kind: DiagramKind) -> Option<(usize, String)> {
        match fault(source, kind)? {
            Fault::Unclosed(block) => Some((block.line, block.opener)),
            Fault::Stray { .. } | Fault::ClassInClass { .. } => None,
        }
    }

    #[test]
    fn the_innermost_open_block_is_named() {
        let source = "sequenceDiagram\n    loop every second\n        A->>B: ping\n        \
                      alt ok\n            B->>A: pong\n        end\n";
        assert_eq!(
            unclosed(source, DiagramKind::Sequence),
            Some((2, "loop every second".to_string()))
        );
        let source = "flowchart LR\n    subgraph Edge\n        subgraph Inner\n        A --> B\n";
        assert_eq!(
            unclosed(source, DiagramKind::Flowchart),
            Some((3, "subgraph Inner".to_string()))
        );
    }

    #[test]
    fn brace_blocks_are_read_for_states_classes_and_entities() {
        let state = "stateDiagram-v2\n    state Busy {\n        A --> B\n    Busy --> Idle\n";
        assert_eq!(
            unclosed(state, DiagramKind::State),
            Some((2, "state Busy {".to_string()))
        );
        let entity = "erDiagram\n    CUSTOMER {\n        string name\n    A ||--o{ B : has\n";
        assert_eq!(
            unclosed(entity, DiagramKind::Er),
            Some((2, "CUSTOMER {".to_string()))
        );
        let closed = "classDiagram\n    class A {\n        +run()\n    }\n    A <|-- B\n";
        assert_eq!(fault(closed, DiagramKind::Class), None);
    }

    #[test]
    fn a_closer_with_nothing_open_is_stray() {
        let source = "flowchart LR\n    A --> B\n    end\n";
        assert_eq!(
            fault(source, DiagramKind::Flowchart),
            Some(Fault::Stray {
                line: 3,
                column: 5,
                closer: "end",
                openers: "`subgraph`",
            })
        );
    }

    #[test]
    fn words_that_only_begin_like_openers_open_nothing() {
        let source = "sequenceDiagram\n    alternate->>B: hi\n    optimizer->>B: ho\n";
        assert_eq!(fault(source, DiagramKind::Sequence), None);
        let source = "block-beta\n    block:group\n        a b\n    end\n";
        assert_eq!(fault(source, DiagramKind::Block), None);
    }

    #[test]
    fn descriptions_notes_and_comments_are_not_read_as_blocks() {
        let source = "stateDiagram-v2\n    accDescr {\n        Waits for work {\n    }\n    \
                      note right of A\n        a note {\n    end note\n    %% state X {\n    \
                      A --> B\n";
        assert_eq!(fault(source, DiagramKind::State), None);
    }

    #[test]
    fn a_note_left_open_is_the_block_left_open() {
        let source = "stateDiagram-v2\n    state Active {\n        [*] --> Ready\n        \
                      note right of Ready\n            ready to go\n    }\n";
        assert_eq!(
            unclosed(source, DiagramKind::State),
            Some((4, "note right of Ready".to_string()))
        );
        let closed = "classDiagram\n    note for A \"one line\"\n    A <|-- B\n";
        assert_eq!(fault(closed, DiagramKind::Class), None);
    }

    #[test]
    fn a_semicolon_in_a_sequence_message_ends_it() {
        let source = "sequenceDiagram\n    A->>B: first; loop again\n    B-->>A: done\n";
        let Some(Fault::Unclosed(block)) = fault(source, DiagramKind::Sequence) else {
            panic!("{:?}", fault(source, DiagramKind::Sequence));
        };
        assert_eq!((block.line, block.column), (2, 17));
        assert!(block.after_semicolon);
        assert_eq!(block.opener, "loop again");
    }

    #[test]
    fn a_closer_lined_up_with_an_outer_opener_leaves_the_inner_one_open() {
        let source = "sequenceDiagram\n    loop every minute\n        alt ok\n            \
                      A->>B: a\n        else no\n            A->>B: b\n    end\n";
        assert_eq!(
            unclosed(source, DiagramKind::Sequence),
            Some((3, "alt ok".to_string()))
        );
        let flat = "sequenceDiagram\nloop every minute\nalt ok\nA->>B: a\nend\n";
        assert_eq!(
            unclosed(flat, DiagramKind::Sequence),
            Some((2, "loop every minute".to_string()))
        );
    }

    #[test]
    fn a_class_opened_in_a_class_body_is_named_with_the_open_one() {
        let source = "classDiagram\n    class Animal {\n        +String name\n    class Dog {\n        \
                      +bark() void\n    }\n";
        let Some(Fault::ClassInClass { outer, line, .. }) = fault(source, DiagramKind::Class)
        else {
            panic!("{:?}", fault(source, DiagramKind::Class));
        };
        assert_eq!(
            (outer.line, outer.opener.as_str(), line),
            (2, "class Animal {", 4)
        );
        let namespaced = "classDiagram\n    namespace Shapes {\n        class Square {\n            \
                          +side\n        }\n    }\n";
        assert_eq!(fault(namespaced, DiagramKind::Class), None);
    }

    #[test]
    fn families_without_blocks_have_no_faults() {
        assert_eq!(fault("pie\n    \"a {\" : 1\n", DiagramKind::Pie), None);
    }

    #[test]
    fn a_one_dash_arrow_is_found_before_any_label() {
        let source = "stateDiagram-v2\n    [*] --> Idle\n    Idle -> Busy : go -> now\n";
        assert_eq!(single_dash_arrow(source, DiagramKind::State), Some((3, 10)));
        let fine = "stateDiagram-v2\n    [*] --> Idle\n    Idle --> Busy : a -> b\n";
        assert_eq!(single_dash_arrow(fine, DiagramKind::State), None);
        assert_eq!(
            single_dash_arrow("flowchart LR\n    A -> B\n", DiagramKind::Flowchart),
            None
        );
    }
}
