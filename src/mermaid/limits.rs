//! Size and nesting limits checked before a diagram reaches merman's parser and layout.
//!
//! merman's parsers and layouts use memory and time that grow much faster than the source for
//! some shapes of input: a few thousand nested `block:` levels (under 50 KB of text) take
//! gigabytes, and long chains of nodes or edges take seconds to lay out. Real course diagrams are
//! a few kilobytes with tens of nodes and two or three levels of nesting, so the limits below
//! sit far above them and far below what hurts. A diagram over a limit is reported at the line
//! where it crosses it, with the limit and the fix (split the diagram), and is never parsed.

use crate::mermaid::{DiagramKind, MermaidError, Problem, source_text};

/// Largest diagram source, in bytes.
pub(super) const MAX_BYTES: usize = 20_000;
/// Most lines with content (statements) in one diagram.
pub(super) const MAX_STATEMENTS: usize = 500;
/// Most arrows (edges, messages, relations) in one diagram; Mermaid's own default `maxEdges`.
pub(super) const MAX_ARROWS: usize = 500;
/// Longest Gantt task, in days. Laying a task out walks it day by day (to skip excluded
/// days), so a task of millions of days takes seconds to minutes.
pub(super) const MAX_TASK_DAYS: f64 = 36_500.0;
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
    let mut arrows: usize = 0;
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
        let on_line = if kind == DiagramKind::Flowchart {
            drawn_arrows(trimmed)
        } else {
            arrows_in(trimmed)
        };
        arrows = arrows.saturating_add(on_line);
        if arrows > MAX_ARROWS {
            let fan_out = if on_line > arrows_in(trimmed) {
                format!(
                    " (this line's `&` groups draw {on_line} arrows, one for each pair of nodes)"
                )
            } else {
                String::new()
            };
            return Err(over_limit(
                line_number,
                format!("the diagram has more than {MAX_ARROWS} arrows{fan_out}"),
            ));
        }
        if Some(line_number) != header && nesting.line(line, trimmed) > MAX_NESTING {
            return Err(over_limit(
                line_number,
                format!("the diagram nests more than {MAX_NESTING} levels deep"),
            ));
        }
        if kind == DiagramKind::Gantt
            && let Some(days) = longest_duration_days(trimmed).filter(|&d| d > MAX_TASK_DAYS)
        {
            return Err(over_limit(
                line_number,
                format!(
                    "a task here lasts {days:.0} days, more than the {MAX_TASK_DAYS:.0} (about 100 years) a Gantt task may last"
                ),
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
                problem: Problem::Invalid,
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
        problem: Problem::OverLimit,
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
    arrow_runs(line).len()
}

/// Where each arrow of [`arrows_in`] is on the line, as byte ranges of its dashes.
fn arrow_runs(line: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = line.as_bytes();
    let mut runs = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        let start = index;
        while index < bytes.len() && matches!(bytes[index], b'-' | b'=' | b'.') {
            index += 1;
        }
        let run = &bytes[start..index];
        let dashes = run.iter().filter(|&&b| b == b'-' || b == b'=').count();
        if dashes >= 2 || (dashes == 1 && index < bytes.len() && bytes[index] == b'>') {
            runs.push(start..index);
        }
        if index == start {
            index += 1;
        }
    }
    runs
}

/// The longest duration a Gantt task line gives (`a1, 2024-01-01, 30d`), in days: a number
/// followed by a unit (`ms`, `s`, `m`, `h`, `d`, `w`, `M` for months, `y`), as one of the
/// line's comma-separated parts after its `:`.
fn longest_duration_days(line: &str) -> Option<f64> {
    let (_, data) = line.split_once(':')?;
    data.split(',')
        .filter_map(|part| {
            let part = part.trim();
            let digits = part
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(part.len());
            let value: f64 = part[..digits].parse().ok()?;
            let days_per_unit = match &part[digits..] {
                "ms" => 1.0 / 86_400_000.0,
                "s" => 1.0 / 86_400.0,
                "m" => 1.0 / 1_440.0,
                "h" => 1.0 / 24.0,
                "d" => 1.0,
                "w" => 7.0,
                "M" => 31.0,
                "y" => 366.0,
                _ => return None,
            };
            Some(value * days_per_unit)
        })
        .reduce(f64::max)
}

/// The arrows a flowchart line draws: `a & b --> c & d` draws one per pair, four. Each
/// arrow joins every node of the group before it to every node of the group after it; a
/// `&` inside a label (`A["R & D"]`, `-->|x & y|`, `-- x & y -->`) joins nothing, and a `;`
/// starts a statement of its own.
fn drawn_arrows(line: &str) -> usize {
    let bytes = line.as_bytes();
    let runs = arrow_runs(line);
    let mut total = 0_usize;
    let mut groups = vec![1_usize];
    let (mut depth, mut quoted, mut piped, mut in_label) = (0_usize, false, false, false);
    let mut next_run = runs.iter().peekable();
    for (at, &byte) in bytes.iter().enumerate() {
        if let Some(run) = next_run.next_if(|run| run.start == at) {
            // `A -- text --> B`: two dashes and a space open a label the next arrow closes.
            let opens_label =
                run.len() == 2 && bytes.get(run.end).is_some_and(u8::is_ascii_whitespace);
            if in_label {
                in_label = false;
                groups.push(1);
            } else if opens_label {
                in_label = true;
            } else {
                groups.push(1);
            }
        }
        match byte {
            b'"' => quoted = !quoted,
            b'|' if !quoted => piped = !piped,
            b'[' | b'(' | b'{' if !quoted => depth += 1,
            b']' | b')' | b'}' if !quoted => depth = depth.saturating_sub(1),
            b'&' if !quoted && !piped && !in_label && depth == 0 => {
                if let Some(last) = groups.last_mut() {
                    *last += 1;
                }
            }
            b';' if !quoted && !piped && depth == 0 => {
                total = total.saturating_add(pairs(&groups));
                groups = vec![1];
                in_label = false;
            }
            _ => {}
        }
    }
    total.saturating_add(pairs(&groups))
}

/// The arrows between consecutive groups of a statement: the product of each two sizes.
fn pairs(groups: &[usize]) -> usize {
    groups
        .windows(2)
        .map(|pair| pair[0].saturating_mul(pair[1]))
        .fold(0_usize, usize::saturating_add)
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
    fn a_gantt_task_of_more_than_a_century_is_reported_at_its_line() {
        assert_eq!(longest_duration_days("a1 :a1, 2024-01-01, 30d"), Some(30.0));
        assert_eq!(
            longest_duration_days("Design :done, des1, 2024-01-06, 2w"),
            Some(14.0)
        );
        assert_eq!(longest_duration_days("Ship :after a1, 24h"), Some(1.0));
        assert_eq!(
            longest_duration_days("Launch :milestone, m1, 2024-03-01, 0d"),
            Some(0.0)
        );
        assert_eq!(longest_duration_days("title 2024 plan"), None);
        assert_eq!(
            longest_duration_days("Review :r1, 2024-01-01, 2024-02-01"),
            None
        );
        let source = "gantt\n    dateFormat YYYY-MM-DD\n    excludes weekends\n    section S\n    a :a, 2024-01-01, 10d\n    b :b, 2024-01-01, 3650000d\n";
        let found = error(source, DiagramKind::Gantt);
        assert_eq!(found.line, Some(6));
        assert!(found.message.contains("3650000 days"), "{}", found.message);
        assert_eq!(
            check(
                "gantt\n    dateFormat YYYY-MM-DD\n    section S\n    a :a, 2024-01-01, 365d\n",
                DiagramKind::Gantt
            ),
            Ok(())
        );
    }

    #[test]
    fn a_fan_out_counts_one_arrow_per_pair_of_nodes() {
        for (line, count) in [
            ("A --> B", 1),
            ("a & b --> c & d", 4),
            ("a & b --> c & d --> e", 6),
            ("A[\"R & D\"] --> B", 1),
            ("A -->|x & y| B", 1),
            ("A(one & two) & B --> C", 2),
            ("a & b & c", 0),
            ("A -- read & write --> B", 1),
            ("A == x & y ==> B & C", 2),
            ("a & b --> c; d --> e & f", 4),
        ] {
            assert_eq!(drawn_arrows(line), count, "{line}");
        }
        let group = |n: usize| {
            (0..n)
                .map(|i| format!("n{i}"))
                .collect::<Vec<_>>()
                .join(" & ")
        };
        let source = format!("flowchart LR\n    {} --> {}\n", group(30), group(30));
        let found = error(&source, DiagramKind::Flowchart);
        assert_eq!(found.line, Some(2));
        assert!(
            found.message.contains("more than 500 arrows")
                && found.message.contains("draw 900 arrows"),
            "{}",
            found.message
        );
        // Sequence messages keep their `&` as text.
        assert_eq!(
            check(
                &format!(
                    "sequenceDiagram\n{}",
                    "    A->>B: salt & pepper & more\n".repeat(300)
                ),
                DiagramKind::Sequence
            ),
            Ok(())
        );
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
