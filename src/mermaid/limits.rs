//! Size and nesting limits checked before a diagram reaches merman's parser and layout.
//!
//! merman's parsers and layouts use memory and time that grow much faster than the source for
//! some shapes of input: a few thousand nested `block:` levels (under 50 KB of text) take
//! gigabytes, and long chains of nodes or edges take seconds to lay out. Real course diagrams are
//! a few kilobytes with tens of nodes and two or three levels of nesting, so the limits below
//! sit far above them and far below what hurts. A diagram over a limit is reported at the line
//! where it crosses it, with the limit and the fix (split the diagram), and is never parsed.

use crate::mermaid::{DiagramKind, MermaidError, source_text};

/// Largest diagram source, in bytes.
pub(super) const MAX_BYTES: usize = 20_000;
/// Most lines with content (statements) in one diagram.
pub(super) const MAX_STATEMENTS: usize = 500;
/// Most arrows (edges, messages, relations) in one diagram; Mermaid's own default `maxEdges`.
pub(super) const MAX_ARROWS: usize = 500;
/// Deepest nesting of subgraphs, blocks, composite states, sequence boxes or mind-map levels.
pub(super) const MAX_NESTING: usize = 20;

/// The first limit `source` (normalised) goes over, as an error at the line where it does.
pub(super) fn check(source: &str, kind: DiagramKind) -> Result<(), MermaidError> {
    if source.len() > MAX_BYTES {
        let line = line_at_byte(source, MAX_BYTES);
        return Err(over_limit(
            line,
            format!(
                "the diagram is {} KB, more than the {} KB a diagram may have",
                source.len().div_ceil(1000),
                MAX_BYTES / 1000
            ),
        ));
    }
    let mut statements = 0;
    let mut arrows = 0;
    let mut nesting = Nesting::new(kind);
    let header = source_text::header(source).map(|header| header.line);
    for (index, line) in source.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with("%%") {
            continue;
        }
        let line_number = index + 1;
        statements += 1;
        if statements > MAX_STATEMENTS {
            return Err(over_limit(
                line_number,
                format!("the diagram has more than {MAX_STATEMENTS} statements (lines)"),
            ));
        }
        arrows += arrows_in(trimmed);
        if arrows > MAX_ARROWS {
            return Err(over_limit(
                line_number,
                format!("the diagram has more than {MAX_ARROWS} arrows"),
            ));
        }
        if Some(line_number) != header && nesting.line(line, trimmed) > MAX_NESTING {
            return Err(over_limit(
                line_number,
                format!("the diagram nests more than {MAX_NESTING} levels deep"),
            ));
        }
    }
    if kind == DiagramKind::Kanban
        && let Some(error) = repeated_kanban_column(source, header)
    {
        return Err(error);
    }
    Ok(())
}

/// A kanban column whose id repeats an earlier column's. merman gives every column of that id
/// the items of all of them, so the drawing grows much faster than the source (20 columns
/// named `Todo` with two items each: 64,000 SVG groups, 230 MB, tens of seconds); it is
/// almost always a copy-paste slip. Columns are the node lines at the smallest indentation;
/// a column's id is its text before `[` (or the whole line).
fn repeated_kanban_column(source: &str, header: Option<usize>) -> Option<MermaidError> {
    let nodes: Vec<(usize, usize, &str)> = source
        .lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line))
        .filter(|(number, line)| {
            let trimmed = line.trim();
            Some(*number) != header
                && !trimmed.is_empty()
                && !trimmed.starts_with("%%")
                && header.is_none_or(|h| *number > h)
        })
        .map(|(number, line)| {
            let indent = line.len() - line.trim_start().len();
            (number, indent, line.trim())
        })
        .collect();
    let column_indent = nodes.iter().map(|(_, indent, _)| *indent).min()?;
    let mut seen: Vec<&str> = Vec::new();
    for (number, indent, text) in nodes {
        if indent != column_indent {
            continue;
        }
        let id = text.split('[').next().unwrap_or(text).trim();
        if id.is_empty() {
            continue;
        }
        if let Some(first) = seen.iter().position(|seen_id| *seen_id == id) {
            return Some(MermaidError {
                over_limit: false,
                line: Some(number),
                column: None,
                message: format!(
                    "the kanban column `{id}` is declared again (it is column {}); give \
                     each column its own id, as in `{id}2[{id}]` (repeated columns are not \
                     drawn: their drawing grows without bound)",
                    first + 1
                ),
            });
        }
        seen.push(id);
    }
    None
}

fn over_limit(line: usize, what: String) -> MermaidError {
    MermaidError {
        over_limit: true,
        line: Some(line),
        column: None,
        message: format!(
            "{what}; split it into several smaller diagrams (diagrams this large are not \
             drawn, to keep the build fast)"
        ),
    }
}

/// 1-based line holding byte `offset`.
fn line_at_byte(source: &str, offset: usize) -> usize {
    source_text::line_column(source, offset).0
}

/// The arrows on one line: runs of two or more `-`, `=` or `.` that end in, or start with, an
/// arrow head or another dash (`-->`, `->>`, `<|--`, `==>`, `-.->`, `--`, `||--o{`).
fn arrows_in(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut count = 0;
    let mut index = 0;
    while index < bytes.len() {
        let start = index;
        while index < bytes.len() && matches!(bytes[index], b'-' | b'=' | b'.') {
            index += 1;
        }
        let run = &bytes[start..index];
        let dashes = run.iter().filter(|&&b| b == b'-' || b == b'=').count();
        if dashes >= 2 || (dashes == 1 && index < bytes.len() && bytes[index] == b'>') {
            count += 1;
        }
        if index == start {
            index += 1;
        }
    }
    count
}

/// Tracks how deep the current line is nested.
struct Nesting {
    by_indent: bool,
    openers: &'static [&'static str],
    depth: usize,
    indents: Vec<usize>,
}

impl Nesting {
    fn new(kind: DiagramKind) -> Self {
        Self {
            by_indent: matches!(kind, DiagramKind::Mindmap | DiagramKind::Kanban),
            openers: match kind {
                DiagramKind::Flowchart => &["subgraph"],
                DiagramKind::Block => &["block", "subgraph"],
                DiagramKind::Sequence => &[
                    "loop", "alt", "opt", "par", "critical", "break", "rect", "box",
                ],
                _ => &[],
            },
            depth: 0,
            indents: Vec::new(),
        }
    }

    /// The nesting depth after `line` (`trimmed` is the line without surrounding blanks).
    fn line(&mut self, line: &str, trimmed: &str) -> usize {
        if self.by_indent {
            let indent = line.len() - line.trim_start().len();
            while self.indents.last().is_some_and(|&top| top >= indent) {
                self.indents.pop();
            }
            self.indents.push(indent);
            return self.indents.len();
        }
        let keyword = source_text::keyword_of(trimmed);
        if keyword == "end" || trimmed.starts_with('}') {
            self.depth = self.depth.saturating_sub(1);
        }
        if self.openers.contains(&keyword) || (trimmed.ends_with('{') && !trimmed.starts_with('}'))
        {
            self.depth += 1;
        }
        self.depth
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize, open: &str, close: &str, header: &str) -> String {
        let mut source = format!("{header}\n");
        for level in 0..levels {
            source.push_str(&open.replace("{n}", &level.to_string()));
            source.push('\n');
        }
        source.push_str("x\n");
        for _ in 0..levels {
            source.push_str(close);
            source.push('\n');
        }
        source
    }

    fn error(source: &str, kind: DiagramKind) -> MermaidError {
        match check(source, kind) {
            Err(error) => error,
            Ok(()) => panic!("no limit reported for\n{source}"),
        }
    }

    #[test]
    fn regression_a_repeated_kanban_column_is_reported_at_its_second_declaration() {
        let board =
            "kanban\n  Todo\n    [Write episode]\n  Done\n    [Plan]\n  Todo\n    [Again]\n";
        let found = error(board, DiagramKind::Kanban);
        assert_eq!(found.line, Some(6));
        assert!(
            found
                .message
                .contains("column `Todo` is declared again (it is column 1)"),
            "{}",
            found.message
        );
        let distinct = "kanban\n  todo[Todo]\n    [Write]\n  todo2[Todo]\n    [Again]\n";
        assert!(check(distinct, DiagramKind::Kanban).is_ok());
        let same_items = "kanban\n  Todo\n    [Write]\n    [Write]\n  Done\n    [Write]\n";
        assert!(check(same_items, DiagramKind::Kanban).is_ok());
    }

    #[test]
    fn ordinary_diagrams_are_within_every_limit() {
        let sources = [
            (
                "flowchart TD\n  subgraph A\n    subgraph B\n      x --> y\n    end\n  end\n  C{Cache hit?} -->|miss| D\n",
                DiagramKind::Flowchart,
            ),
            (
                "stateDiagram-v2\n  state Busy {\n    [*] --> Work\n  }\n",
                DiagramKind::State,
            ),
            (
                "mindmap\n  root\n    a\n      b\n    c\n",
                DiagramKind::Mindmap,
            ),
        ];
        for (source, kind) in sources {
            assert_eq!(check(source, kind), Ok(()), "{source}");
        }
    }

    #[test]
    fn deep_nesting_is_reported_where_it_crosses_the_limit() {
        let cases = [
            ("block:b{n}", "end", "block-beta", DiagramKind::Block),
            (
                "subgraph s{n}",
                "end",
                "flowchart TD",
                DiagramKind::Flowchart,
            ),
            ("state s{n} {", "}", "stateDiagram-v2", DiagramKind::State),
            ("loop l{n}", "end", "sequenceDiagram", DiagramKind::Sequence),
        ];
        for (open, close, header, kind) in cases {
            assert_eq!(
                check(&nested(MAX_NESTING, open, close, header), kind),
                Ok(()),
                "{header}"
            );
            let error = error(&nested(MAX_NESTING + 1, open, close, header), kind);
            assert_eq!(error.line, Some(MAX_NESTING + 2), "{header}");
            assert!(
                error.message.contains("nests more than 20 levels"),
                "{}",
                error.message
            );
            assert!(error.message.contains("split it"), "{}", error.message);
        }
        let mut mindmap = String::from("mindmap\n");
        for level in 0..=MAX_NESTING {
            mindmap.push_str(&" ".repeat(level + 1));
            mindmap.push_str("n\n");
        }
        assert_eq!(
            error(&mindmap, DiagramKind::Mindmap).line,
            Some(MAX_NESTING + 2)
        );
    }

    #[test]
    fn too_many_statements_arrows_or_bytes_are_reported() {
        let nodes: String = (0..=MAX_STATEMENTS).map(|i| format!("n{i}\n")).collect();
        let found = error(&format!("flowchart TD\n{nodes}"), DiagramKind::Flowchart);
        assert_eq!(found.line, Some(MAX_STATEMENTS + 1));
        assert!(
            found.message.contains("more than 500 statements"),
            "{}",
            found.message
        );

        let chain: String = (0..=MAX_ARROWS).map(|i| format!("n{i}-->")).collect();
        let found = error(
            &format!("flowchart TD\n{chain}end\n"),
            DiagramKind::Flowchart,
        );
        assert_eq!(found.line, Some(2));
        assert!(
            found.message.contains("more than 500 arrows"),
            "{}",
            found.message
        );

        let long = format!("flowchart TD\n  A[\"{}\"]\n", "word ".repeat(5_000));
        let found = error(&long, DiagramKind::Flowchart);
        assert_eq!(found.line, Some(2));
        assert!(
            found.message.contains("more than the 20 KB"),
            "{}",
            found.message
        );
    }

    #[test]
    fn node_ids_that_are_sequence_keywords_do_not_nest_a_flowchart() {
        let lines: String = (0..30)
            .map(|i| format!("  loop --> n{i}\n  block --> par\n"))
            .collect();
        let source = format!("flowchart TD\n{lines}");
        assert_eq!(check(&source, DiagramKind::Flowchart), Ok(()));
    }

    #[test]
    fn arrows_of_every_family_are_counted() {
        for (line, count) in [
            ("A --> B", 1),
            ("A -.-> B --- C", 2),
            ("A ==> B", 1),
            ("Alice->>Bob: hi", 1),
            ("Alice->Bob: hi", 1),
            ("Animal <|-- Duck", 1),
            ("CUSTOMER ||--o{ ORDER : places", 1),
            ("[*] --> Draft", 1),
            ("a - b", 0),
            ("title Release 1.2", 0),
        ] {
            assert_eq!(arrows_in(line), count, "{line}");
        }
    }
}
