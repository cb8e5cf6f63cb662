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
    /// 1-based column of the opener's first character.
    pub(super) column: usize,
    /// The opening line, trimmed (`alt cache hit`, `state Busy {`).
    pub(super) opener: String,
    /// What closes it: `end` or `}`.
    pub(super) closer: &'static str,
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
    /// The innermost block still open at the end of the diagram.
    Unclosed(Block),
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

/// The first fault of the diagram's block structure, if its family has blocks: a stray closer,
/// or else the innermost block left open at the end.
pub(super) fn fault(source: &str, kind: DiagramKind) -> Option<Fault> {
    let style = style(kind)?;
    let mut open: Vec<Block> = Vec::new();
    let mut skipping: Option<&str> = None;
    for (index, line) in body_lines(source) {
        let text = line.trim();
        if let Some(until) = skipping {
            if is_closing(text, until) {
                skipping = None;
            }
            continue;
        }
        if let Some(until) = starts_free_text(text, kind) {
            skipping = Some(until);
            continue;
        }
        let column = line.len() - line.trim_start().len() + 1;
        let (closer, openers) = match style {
            Style::Keywords(_, named) => ("end", named),
            Style::Braces => ("}", "a line ending in `{`"),
        };
        if text.trim_end_matches(';') == closer {
            if open.pop().is_none() {
                return Some(Fault::Stray {
                    line: index + 1,
                    column,
                    closer,
                    openers,
                });
            }
        } else if opens(text, style) {
            open.push(Block {
                line: index + 1,
                column,
                opener: text.to_string(),
                closer,
            });
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

/// For a line that starts text the block structure does not read (a multi-line `accDescr { … }`,
/// a state or class note without `:` that runs to `end note`), the line that ends it.
fn starts_free_text(text: &str, kind: DiagramKind) -> Option<&'static str> {
    if keyword_of(text) == "accDescr" && text.ends_with('{') {
        return Some("}");
    }
    let note = matches!(kind, DiagramKind::State | DiagramKind::Class)
        && keyword_of(text) == "note"
        && !text.contains(':');
    note.then_some("end note")
}

fn is_closing(text: &str, until: &str) -> bool {
    if until == "}" {
        text.ends_with('}')
    } else {
        text == until
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
            Fault::Stray { .. } => None,
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
