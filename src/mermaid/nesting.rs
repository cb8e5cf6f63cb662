//! The nesting of a diagram's blocks (`alt … end`, `subgraph … end`, `state Busy { … }`),
//! read statement by statement, for the parse errors a block left open or a closer with
//! nothing to close causes, and for the one-dash arrows ([`super::arrows`]) of its statements.
//!
//! merman reports such a mistake where it notices it: at the end of the diagram ("expected
//! `end`"), or on a later line the open block swallowed. The author needs the line that opened
//! the block. This reading follows the block keywords of Mermaid's own grammars and is
//! consulted once merman has rejected a diagram, with one exception: a class body opened
//! inside an unclosed one ([`Fault::ClassInClass`]), which merman reads on through and
//! Mermaid rejects.

use crate::mermaid::DiagramKind;
use crate::mermaid::arrows;
use crate::mermaid::source_text::{self, keyword_of};

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

/// What the reading of a diagram's statements found.
#[derive(Debug, Default)]
pub(super) struct Reading {
    /// The first fault of its block structure, in line order.
    pub(super) fault: Option<Fault>,
    /// The first arrow written with one dash in a state or class diagram's statements
    /// (`Idle -> Busy`), outside notes, class bodies and quoted text: 1-based line and column.
    pub(super) one_dash_arrow: Option<(usize, usize)>,
}

/// Reads the statements of a diagram (see the module docs).
pub(super) fn read(source: &str, kind: DiagramKind) -> Reading {
    let Some(family) = Family::of(kind) else {
        return Reading::default();
    };
    let mut reading = Reading::default();
    let mut open: Vec<Block> = Vec::new();
    let mut misaligned: Option<Block> = None;
    let mut in_description = false;
    for statement in statements(source, kind) {
        let text = without_comment(statement.text);
        if in_description {
            in_description = !text.ends_with('}');
            continue;
        }
        if open.last().is_some_and(Block::swallows) {
            if text.eq_ignore_ascii_case(NOTE_CLOSER) {
                open.pop();
            }
            continue;
        }
        let word = keyword_of(text);
        if word == "accDescr" && text.ends_with('{') {
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
        let in_class_body = open.last().is_some_and(|block| family.is_class_body(block));
        if family.has_notes() && word.eq_ignore_ascii_case("note") {
            if !text.contains(':') {
                open.push(block(NOTE_CLOSER));
            }
            continue;
        }
        if !in_class_body && reading.one_dash_arrow.is_none() && family.has_one_dash_arrows() {
            reading.one_dash_arrow = arrows::one_dash_arrow(text).map(|at| {
                (
                    statement.line,
                    statement.column + text[..at].chars().count(),
                )
            });
        }
        if family.closes(text, in_class_body) {
            let Some(innermost) = open.pop() else {
                reading.fault.get_or_insert(Fault::Stray {
                    line: statement.line,
                    column: statement.column,
                    closer: family.closer(),
                    openers: family.openers(),
                });
                break;
            };
            let lined_up_with_outer = innermost.column > statement.column
                && open.iter().any(|outer| outer.column == statement.column);
            if lined_up_with_outer && misaligned.is_none() {
                misaligned = Some(innermost);
            }
        } else if family.opens(text) {
            if in_class_body && keyword_of(text) == "class" {
                if let Some(outer) = open.last() {
                    reading.fault = Some(Fault::ClassInClass {
                        outer: outer.clone(),
                        line: statement.line,
                        column: statement.column,
                        inner: text.to_string(),
                    });
                }
                break;
            }
            open.push(block(family.closer()));
        }
    }
    if reading.fault.is_none() && !open.is_empty() {
        // An indentation that points at an inner block only counts when the diagram does end
        // with a block open: a closer indented oddly in a balanced diagram is no fault.
        reading.fault = misaligned.or_else(|| open.pop()).map(Fault::Unclosed);
    }
    reading
}

/// The first fault of the diagram's block structure, if its family has blocks, in line order.
pub(super) fn fault(source: &str, kind: DiagramKind) -> Option<Fault> {
    read(source, kind).fault
}

/// How a diagram family opens and closes blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// Sequence blocks (`alt`, `loop`, …) closed by `end`, keywords in any case.
    Sequence,
    /// `subgraph` closed by `end`.
    Flowchart,
    /// `block` or `block:id` closed by `end`.
    Block,
    /// `state X {` closed by `}`; notes over several lines; keywords in any case.
    State,
    /// `class X {` and `namespace X {` closed by a `}` anywhere on a member line.
    Class,
    /// `ENTITY {` closed by `}`.
    Er,
}

/// What closes a multi-line note of a state diagram.
const NOTE_CLOSER: &str = "end note";

/// The block keywords of sequence diagrams (each closed by `end`).
pub(super) const SEQUENCE_OPENERS: &[&str] = &[
    "alt", "opt", "loop", "par", "par_over", "critical", "break", "rect", "box",
];

impl Family {
    fn of(kind: DiagramKind) -> Option<Self> {
        match kind {
            DiagramKind::Sequence => Some(Self::Sequence),
            DiagramKind::Flowchart => Some(Self::Flowchart),
            DiagramKind::Block => Some(Self::Block),
            DiagramKind::State => Some(Self::State),
            DiagramKind::Class => Some(Self::Class),
            DiagramKind::Er => Some(Self::Er),
            _ => None,
        }
    }

    fn closer(self) -> &'static str {
        match self {
            Self::Sequence | Self::Flowchart | Self::Block => "end",
            Self::State | Self::Class | Self::Er => "}",
        }
    }

    /// What opens a block, in an author's words.
    fn openers(self) -> &'static str {
        match self {
            Self::Sequence => "`alt`, `loop`, `opt`, `par`, `critical`, `break`, `rect` or `box`",
            Self::Flowchart => "`subgraph`",
            Self::Block => "`block`",
            Self::State => "`state Name {`",
            Self::Class => "`class Name {` or `namespace Name {`",
            Self::Er => "an entity name followed by `{`",
        }
    }

    fn has_notes(self) -> bool {
        self == Self::State
    }

    fn has_one_dash_arrows(self) -> bool {
        matches!(self, Self::State | Self::Class)
    }

    fn is_class_body(self, block: &Block) -> bool {
        self == Self::Class && keyword_of(&block.opener) == "class"
    }

    /// Whether a statement opens a block.
    fn opens(self, text: &str) -> bool {
        let word = keyword_of(text);
        let followed_by =
            |allowed: &dyn Fn(char) -> bool| text[word.len()..].chars().next().is_none_or(allowed);
        match self {
            Self::Sequence => {
                SEQUENCE_OPENERS
                    .iter()
                    .any(|opener| opener.eq_ignore_ascii_case(word))
                    && followed_by(&char::is_whitespace)
            }
            Self::Flowchart => word == "subgraph" && followed_by(&char::is_whitespace),
            Self::Block => {
                word == "block" && followed_by(&|next| next.is_whitespace() || next == ':')
            }
            Self::State => word.eq_ignore_ascii_case("state") && text.ends_with('{'),
            Self::Class => matches!(word, "class" | "namespace") && text.ends_with('{'),
            Self::Er => {
                text.ends_with('{')
                    && !["--", "..", "|", ":"]
                        .iter()
                        .any(|relation| text.contains(relation))
            }
        }
    }

    /// Whether a statement closes the innermost block (in a class body, any `}` outside
    /// quotes does, as in Mermaid's lexer).
    fn closes(self, text: &str, in_class_body: bool) -> bool {
        match self {
            Self::Sequence => text.eq_ignore_ascii_case("end"),
            Self::Flowchart | Self::Block => text.trim_end_matches(';') == "end",
            Self::State | Self::Er => text == "}",
            Self::Class if in_class_body => without_quoted(text).contains('}'),
            Self::Class => text == "}",
        }
    }
}

/// A statement without a `%%` comment after it (outside quotes).
fn without_comment(text: &str) -> &str {
    let mut in_quotes = false;
    for (at, ch) in text.char_indices() {
        match ch {
            '"' => in_quotes = !in_quotes,
            '%' if !in_quotes && text[at..].starts_with("%%") => return text[..at].trim_end(),
            _ => {}
        }
    }
    text
}

/// The text with every quoted part left out.
fn without_quoted(text: &str) -> String {
    text.split('"').step_by(2).collect()
}

/// One statement of the body: its 1-based line, the column it starts at, its trimmed text, and
/// the column of the `;` that ended a statement before it on the line.
struct Statement<'a> {
    line: usize,
    column: usize,
    text: &'a str,
    after_semicolon: Option<usize>,
}

/// The statements of the body. In a sequence diagram `;` ends a statement, even inside a
/// message's text (Mermaid writes one as `#59;`, and an entity code's `;` ends nothing);
/// elsewhere a statement is a line.
fn statements(source: &str, kind: DiagramKind) -> impl Iterator<Item = Statement<'_>> {
    body_lines(source).flat_map(move |(index, line)| {
        let mut parts = Vec::new();
        let mut start = 0;
        let mut semicolon = None;
        let separators: Vec<usize> = if kind == DiagramKind::Sequence {
            line.match_indices(';')
                .map(|(at, _)| at)
                .filter(|&at| !ends_entity_code(&line[..at]))
                .collect()
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

/// Whether the text before a `;` ends in an entity code's start (`#59`, `#quot`).
fn ends_entity_code(before: &str) -> bool {
    let name = before.trim_end_matches(|ch: char| ch.is_ascii_alphanumeric());
    name.ends_with('#') && name.len() < before.len()
}

/// The lines of the diagram body after its header, with their 0-based index: blank lines and
/// `%%` comments and directives left out.
fn body_lines(source: &str) -> impl Iterator<Item = (usize, &str)> {
    let after_header = source_text::header(source).map_or(0, |header| header.line);
    source
        .lines()
        .enumerate()
        .skip(after_header)
        .filter(|(_, line)| {
            let text = line.trim();
            !text.is_empty() && !text.starts_with("%%")
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
    fn a_one_dash_arrow_is_found_outside_notes_bodies_and_quotes() {
        let source = "stateDiagram-v2\n    [*] --> Idle\n    Idle -> Busy : go -> now\n";
        assert_eq!(
            read(source, DiagramKind::State).one_dash_arrow,
            Some((3, 10))
        );
        let fine = "stateDiagram-v2\n    state \"Wait -> Go\" as W\n    note right of W\n        \
                    goes -> there\n    end note\n    W --> X : a -> b\n";
        assert_eq!(read(fine, DiagramKind::State).one_dash_arrow, None);
        let flowchart = "flowchart LR\n    A -> B\n";
        assert_eq!(read(flowchart, DiagramKind::Flowchart).one_dash_arrow, None);
    }

    #[test]
    fn a_class_body_closes_on_any_brace_outside_quotes() {
        let member_line = "classDiagram\n  class A {\n    +run() }\n  class B {\n  }\n";
        assert_eq!(fault(member_line, DiagramKind::Class), None);
        let commented = "classDiagram\n  class A {\n    +x\n  } %% done\n  class B {\n  }\n";
        assert_eq!(fault(commented, DiagramKind::Class), None);
        let quoted = "classDiagram\n  class A {\n    +x \"}\"\n  class B {\n  }\n";
        assert!(matches!(
            fault(quoted, DiagramKind::Class),
            Some(Fault::ClassInClass { .. })
        ));
    }

    #[test]
    fn valid_structures_the_error_path_must_not_blame() {
        let odd_indent = "flowchart LR\nsubgraph A\n  subgraph B\n  x\nend\nend\ny -->\n";
        assert_eq!(fault(odd_indent, DiagramKind::Flowchart), None);
        let any_case = "sequenceDiagram\n    Loop every minute\n        A->>B: ping\n    END\n";
        assert_eq!(fault(any_case, DiagramKind::Sequence), None);
        let entity_code = "sequenceDiagram\n    A->>B: first #59; loop again\n";
        assert_eq!(fault(entity_code, DiagramKind::Sequence), None);
        let label_brace = "stateDiagram-v2\n    A --> B : on {\n";
        assert_eq!(fault(label_brace, DiagramKind::State), None);
        let relation = "erDiagram\n    A ||--o{ B : has\n";
        assert_eq!(fault(relation, DiagramKind::Er), None);
    }
}
