//! Mistakes merman parses without a word but draws wrongly, or not at all: a Gantt task
//! placed `after` (or `until`) only ids no task has (the chart starts in 1970), a Sankey
//! link that closes a loop (the layout refuses it, so only `build` would say so), a
//! journey task without a score (drawn at `NaN`), a `#` in a sequence diagram's text
//! (Mermaid reads the rest of the line as a comment, so it is not drawn), and an
//! `%%{init: …}%%` directive whose settings are not an object or whose braces do not pair
//! up (merman drops them), and a block diagram's `columns 0` over blocks (Mermaid stops:
//! "Columns must be an integer !== 0.", and so does merman's layout).
//! Each is a syntax error at its line, found in one pass over the source.

use std::collections::{HashMap, HashSet};

use super::{DiagramKind, MermaidError, Problem, hints, source_text};

/// How many nodes of a loop its message names before "…".
const LOOP_NODES_SHOWN: usize = 6;

/// The first such mistake in `source`, a diagram of `kind` merman has parsed.
pub(super) fn check(source: &str, kind: DiagramKind) -> Option<MermaidError> {
    init_directive(source).or_else(|| match kind {
        DiagramKind::Gantt => gantt_unknown_id(source).or_else(|| gantt_extra_fields(source)),
        DiagramKind::Sankey => sankey_loop(source),
        DiagramKind::Journey => journey_score(source),
        DiagramKind::Sequence => sequence_comment(source),
        DiagramKind::Block => block_zero_columns(source),
        _ => None,
    })
}

fn error(line: usize, column: Option<usize>, message: String) -> MermaidError {
    MermaidError {
        line: Some(line),
        column,
        message,
        problem: Problem::Invalid,
    }
}

/// 1-based column, in characters, of byte offset `at` in `line`.
fn column_of(line: &str, at: usize) -> usize {
    line[..at].chars().count() + 1
}

// ---- %%{init: …}%% ----

/// An `init` directive whose settings do not read as a JSON object (Mermaid reads single
/// quotes as double ones).
fn init_directive(source: &str) -> Option<MermaidError> {
    let mut offset = 0;
    while let Some(found) = source[offset..].find("%%{") {
        let start = offset + found;
        let body_start = start + 3;
        let Some(len) = source[body_start..].find("}%%") else {
            // Not closed: merman reads it as a comment line; nothing is applied.
            return None;
        };
        let body = &source[body_start..body_start + len];
        offset = body_start + len + 3;
        let (kind, settings) = body.split_once(':').unwrap_or((body, ""));
        if !matches!(kind.trim(), "init" | "initialize") {
            continue;
        }
        let Some(problem) = settings_problem(settings.trim()) else {
            continue;
        };
        let line = source[..start].matches('\n').count() + 1;
        let line_text = source.lines().nth(line - 1).unwrap_or("");
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        return Some(error(
            line,
            Some(column_of(line_text, start - line_start)),
            format!("the `%%{{init: …}}%%` directive is ignored: {problem}"),
        ));
    }
    None
}

/// Why an `init` directive's settings cannot be read: merman reads them as JSON5 (unquoted
/// keys and trailing commas are fine), so only what no reading accepts is reported: settings
/// that are not an object, and braces or brackets that do not pair up.
fn settings_problem(settings: &str) -> Option<&'static str> {
    if !settings.starts_with('{') {
        return Some("its settings must be an object (`{\"theme\": \"dark\"}`)");
    }
    let mut open: Vec<char> = Vec::new();
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in settings.chars() {
        if let Some(q) = quote {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                _ if c == q => quote = None,
                _ => {}
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '{' | '[' => open.push(c),
            '}' | ']' => {
                let pairs = matches!((open.pop(), c), (Some('{'), '}') | (Some('['), ']'));
                if !pairs {
                    return Some("its braces do not pair up");
                }
            }
            _ => {}
        }
    }
    if quote.is_some() {
        Some("a quoted value is not closed (an apostrophe inside a value reads as a quote)")
    } else if !open.is_empty() {
        Some("a brace or bracket is not closed")
    } else {
        None
    }
}

// ---- Journey and sequence ----

/// The statements of a diagram after its header, with their 1-based line numbers: not
/// comments, and not the accessibility texts, whose own rules read the whole line.
fn statements(source: &str) -> impl Iterator<Item = (usize, &str)> {
    let header = source_text::header(source).map_or(0, |h| h.line);
    let mut in_description = false;
    let mut in_directive = false;
    source
        .lines()
        .enumerate()
        .skip(header)
        .filter_map(move |(i, line)| {
            let trimmed = line.trim_start();
            let keyword = source_text::keyword_of(trimmed);
            if in_description {
                in_description = !trimmed.contains('}');
                return None;
            }
            // `%%{init: {` … `}}%%` over several lines.
            if in_directive || trimmed.starts_with("%%{") {
                in_directive = !trimmed.contains("}%%");
                return None;
            }
            if keyword == "accDescr" && trimmed[keyword.len()..].trim_start().starts_with('{') {
                in_description = !trimmed.contains('}');
                return None;
            }
            let skipped = trimmed.is_empty()
                || trimmed.starts_with("%%")
                || matches!(keyword, "accTitle" | "accDescr");
            (!skipped).then_some((i + 1, line))
        })
}

/// A journey task whose score is not a number (`Wait: User` gives the actor as the score):
/// Mermaid draws its face at `NaN`, off the chart.
fn journey_score(source: &str) -> Option<MermaidError> {
    for (line_number, line) in statements(source) {
        let keyword = source_text::keyword_of(line);
        if matches!(keyword, "title" | "section") {
            continue;
        }
        let Some((raw_name, data)) = line.split_once(':') else {
            continue;
        };
        let name = raw_name.trim();
        // Mermaid's task data ends at a comment or a statement break.
        let data = &data[..data.find(['#', ';']).unwrap_or(data.len())];
        let score = data.split(':').next().unwrap_or("").trim();
        if score.is_empty() || score.parse::<f64>().is_ok_and(f64::is_finite) {
            continue;
        }
        let has_actors = data.contains(':');
        let (problem, example) = if has_actors {
            (
                format!("`{score}` is not a score"),
                format!(
                    "`{name}: 3:{}`",
                    data.split_once(':').map_or("", |(_, a)| a)
                ),
            )
        } else {
            (
                format!("the task `{name}` has no score (`{score}` is read as one)"),
                format!("`{name}: 3: {score}`"),
            )
        };
        let at = raw_name.len() + 1 + (data.len() - data.trim_start().len());
        let column = column_of(line, at);
        return Some(error(
            line_number,
            Some(column),
            format!(
                "{problem}, so its face is drawn off the chart; write {example}: a score \
                 from 1 to 5, then who takes part"
            ),
        ));
    }
    None
}

/// A `#` in a sequence diagram that does not begin an entity (`#35;`, `#quot;`): Mermaid
/// reads from it to the end of the line as a comment, so `A->>B: order #42` draws `order`.
fn sequence_comment(source: &str) -> Option<MermaidError> {
    for (line_number, line) in statements(source) {
        let mut from = 0;
        while let Some(found) = line[from..].find('#') {
            let at = from + found;
            from = at + 1;
            if starts_entity(&line[at + 1..]) {
                continue;
            }
            let shown = line[..at].trim_end();
            let lost = line[at..].trim_end();
            return Some(error(
                line_number,
                Some(column_of(line, at)),
                format!(
                    "`#` starts a comment in Mermaid, so this line is drawn only up to it \
                     (`{}`) and `{lost}` is lost; write `#35;` for a `#` sign",
                    shown.trim_start()
                ),
            ));
        }
    }
    None
}

/// Whether text after a `#` completes an entity: word characters, then `;`.
fn starts_entity(after_hash: &str) -> bool {
    let word = after_hash
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(after_hash.len());
    word > 0 && after_hash[word..].starts_with(';')
}

// ---- Gantt ----

/// Words that only set a Gantt task's state; its id, start and end follow them.
const TASK_TAGS: &[&str] = &["active", "done", "crit", "milestone", "vert"];

/// Statements of a Gantt chart that are not tasks, though some hold a colon.
const GANTT_KEYWORDS: &[&str] = &[
    "gantt",
    "dateformat",
    "axisformat",
    "tickinterval",
    "excludes",
    "includes",
    "todaymarker",
    "title",
    "section",
    "weekday",
    "weekend",
    "inclusiveenddates",
    "topaxis",
    "displaymode",
    "acctitle",
    "accdescr",
    "click",
];

/// One Gantt task's fields: the id it defines and, for each `after` or `until`, the ids it
/// names, with their byte offsets in the line.
pub(super) struct TaskLine<'a> {
    pub(super) id: Option<&'a str>,
    pub(super) refers_to: Vec<Vec<(usize, &'a str)>>,
    /// The byte offset in the line of the first field past the three Mermaid reads (an id, a
    /// start and an end, after the tags): Mermaid reads a task with more as having neither id
    /// nor start.
    pub(super) extra_field: Option<usize>,
}

/// Reads one task line (`Name :tag, id, after other, 3d`), or `None` for any other line.
pub(super) fn gantt_task_line(line: &str) -> Option<TaskLine<'_>> {
    let trimmed = line.trim_start();
    let first = trimmed
        .split(|c: char| c.is_whitespace() || c == ':')
        .next()
        .unwrap_or("");
    if trimmed.starts_with("%%") || GANTT_KEYWORDS.contains(&first.to_lowercase().as_str()) {
        return None;
    }
    let colon = line.find(':')?;
    let data_start = colon + 1;
    let data = &line[data_start..];
    let data = &data[..data.find(['#', ';']).unwrap_or(data.len())];
    let mut fields: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for field in data.split(',') {
        let lead = field.len() - field.trim_start().len();
        fields.push((data_start + at + lead, field.trim()));
        at += field.len() + 1;
    }
    let tags = fields
        .iter()
        .take_while(|(_, f)| TASK_TAGS.contains(&f.to_lowercase().as_str()))
        .count();
    let fields = &fields[tags..];
    // An empty field past the three (a trailing comma) is found at its comma.
    let extra_field = fields
        .get(3)
        .map(|&(at, field)| if field.is_empty() { at - 1 } else { at });
    let (id, timing) = match fields {
        [_, _, _, ..] => (Some(fields[0].1).filter(|id| !id.is_empty()), &fields[1..]),
        _ => (None, fields),
    };
    let mut refers_to = Vec::new();
    for &(start, field) in timing {
        for keyword in ["after", "until"] {
            let Some(rest) = field.strip_prefix(keyword) else {
                continue;
            };
            if !rest.starts_with(char::is_whitespace) {
                continue;
            }
            let base = start + keyword.len();
            // Offsets from the words' own positions: whitespace may be wider than a byte.
            let ids: Vec<(usize, &str)> = rest
                .split_whitespace()
                .map(|word| {
                    (
                        base + (word.as_ptr() as usize - rest.as_ptr() as usize),
                        word,
                    )
                })
                .collect();
            refers_to.push(ids);
        }
    }
    Some(TaskLine {
        id,
        refers_to,
        extra_field,
    })
}

/// A task placed `after` or `until` ids no task of the chart has.
fn gantt_unknown_id(source: &str) -> Option<MermaidError> {
    let tasks: Vec<(usize, &str, TaskLine<'_>)> = source
        .lines()
        .enumerate()
        .filter_map(|(i, line)| gantt_task_line(line).map(|task| (i + 1, line, task)))
        .collect();
    let ids: HashSet<&str> = tasks.iter().filter_map(|(_, _, t)| t.id).collect();
    for (line_number, line, task) in &tasks {
        // merman skips the unknown ids of `after a b`: only when none is known is the task
        // left without a start.
        for named in &task.refers_to {
            if named.iter().any(|(_, id)| ids.contains(id)) {
                continue;
            }
            let Some(&(at, id)) = named.first() else {
                continue;
            };
            let mut known: Vec<&str> = ids.iter().copied().collect();
            known.sort_unstable();
            let hint = match hints::closest_keyword(id, known.iter().copied(), 2) {
                Some(near) => format!("; did you mean `{near}`?"),
                None if known.is_empty() => {
                    "; give the task it follows an id (`Canary :canary, 2025-03-03, 2d`)".to_owned()
                }
                None => format!("; the ids here are {}", list(&known)),
            };
            return Some(error(
                *line_number,
                Some(column_of(line, at)),
                format!(
                    "no task has the id `{id}`, so this task has no start and the chart \
                     begins in 1970{hint}"
                ),
            ));
        }
    }
    None
}

/// The first task with more fields than Mermaid reads. Below the first task, Mermaid drops its
/// id and its dates and places it after the task above, without a word; on the first, merman
/// stops ("task `task1` has unresolved startTime") and `errors` gives this message instead.
pub(super) fn gantt_extra_fields(source: &str) -> Option<MermaidError> {
    source
        .lines()
        .enumerate()
        .filter_map(|(i, line)| gantt_task_line(line).map(|task| (i + 1, line, task)))
        .enumerate()
        .find_map(|(task_index, (line_number, line, task))| {
            let at = task.extra_field?;
            let extra = line[at..].split(',').next().unwrap_or("").trim();
            let remove = if extra.is_empty() {
                "remove the trailing comma".to_owned()
            } else {
                format!("remove `{extra}` or join it to another field")
            };
            let consequence = if task_index == 0 {
                "so Mermaid drops its id and dates, and the first task has no start"
            } else {
                "so Mermaid drops its id and dates and starts it after the task above"
            };
            Some(error(
                line_number,
                Some(column_of(line, at)),
                format!(
                    "this task has more fields than Mermaid reads (after its tags: an id, a \
                     start and an end), {consequence}; {remove}"
                ),
            ))
        })
}

/// Up to five names in backticks, then "and N more".
fn list(names: &[&str]) -> String {
    let shown: Vec<String> = names.iter().take(5).map(|n| format!("`{n}`")).collect();
    match names.len().saturating_sub(5) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

// ---- Sankey ----

/// One CSV field of a Sankey row, unquoted (`"Cache, L1"` → `Cache, L1`).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field).trim().to_owned()),
            c => field.push(c),
        }
    }
    fields.push(field.trim().to_owned());
    fields
}

/// A link that closes a loop: the line of the first link a depth-first walk finds going
/// back to a node on its path, and the loop's nodes.
fn sankey_loop(source: &str) -> Option<MermaidError> {
    let header = source_text::header(source).map_or(0, |h| h.line);
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let mut links: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut node = |name: String, names: &mut Vec<String>, links: &mut Vec<Vec<(usize, usize)>>| {
        *index.entry(name.clone()).or_insert_with(|| {
            names.push(name);
            links.push(Vec::new());
            names.len() - 1
        })
    };
    for (i, line) in source.lines().enumerate() {
        let line_number = i + 1;
        let trimmed = line.trim();
        if line_number <= header || trimmed.is_empty() || trimmed.starts_with("%%") {
            continue;
        }
        let fields = csv_fields(trimmed);
        let [from, to, _value] = fields.as_slice() else {
            continue;
        };
        let from = node(from.clone(), &mut names, &mut links);
        let to = node(to.clone(), &mut names, &mut links);
        links[from].push((to, line_number));
    }
    let (line, path) = find_loop(&links)?;
    let mut shown: Vec<&str> = path
        .iter()
        .take(LOOP_NODES_SHOWN)
        .map(|&n| names[n].as_str())
        .collect();
    if path.len() > LOOP_NODES_SHOWN {
        shown.push("…");
    }
    shown.push(&names[path[0]]);
    Some(error(
        line,
        None,
        format!(
            "this link closes a loop ({}); a Sankey diagram's flows cannot come back to a \
             node they left, so it cannot be drawn",
            shown.join(" → ")
        ),
    ))
}

/// The line of a link back to a node on the current path, and that path from the node, in
/// a walk of every link once (iterative: a long chain does not deepen the stack).
fn find_loop(links: &[Vec<(usize, usize)>]) -> Option<(usize, Vec<usize>)> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    let mut state = vec![State::New; links.len()];
    for root in 0..links.len() {
        if state[root] != State::New {
            continue;
        }
        // (node, index of its next link to follow)
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = State::OnPath;
        while let Some(&mut (at, ref mut next)) = path.last_mut() {
            let Some(&(to, line)) = links[at].get(*next) else {
                state[at] = State::Done;
                path.pop();
                continue;
            };
            *next += 1;
            match state[to] {
                State::OnPath => {
                    let from = path.iter().position(|&(n, _)| n == to).unwrap_or(0);
                    return Some((line, path[from..].iter().map(|&(n, _)| n).collect()));
                }
                State::New => {
                    state[to] = State::OnPath;
                    path.push((to, 0));
                }
                State::Done => {}
            }
        }
    }
    None
}

// ---- Block diagrams ----

/// Block diagram statements that place no block in their container.
const BLOCK_SETTINGS: &[&str] = &[
    "columns",
    "classDef",
    "class",
    "style",
    "accTitle",
    "accDescr",
    "title",
    "block-beta",
    "block",
];

/// One `block` being read: where its `columns` setting in force is `columns 0`, and whether it
/// holds a block.
#[derive(Default)]
struct BlockContainer {
    zero_columns: Option<(usize, usize)>,
    holds_blocks: bool,
}

/// `columns 0` in a block (or at the top) that holds blocks: Mermaid cannot place them.
fn block_zero_columns(source: &str) -> Option<MermaidError> {
    let found = |container: &BlockContainer| {
        container
            .zero_columns
            .filter(|_| container.holds_blocks)
            .map(|(line, column)| {
                error(
                    line,
                    Some(column),
                    "`columns 0` leaves the blocks here no column to go in; write how many columns \
                     there are (`columns 3`) or leave the line out"
                        .to_owned(),
                )
            })
    };
    let header = source_text::header(source).map_or(0, |h| h.line);
    let mut open: Vec<BlockContainer> = vec![BlockContainer::default()];
    for (index, line) in source.lines().enumerate().skip(header) {
        let statement = line.trim();
        if statement.is_empty() || statement.starts_with("%%") {
            continue;
        }
        let keyword = source_text::keyword_of(statement);
        let opens = keyword == "block" && statement[keyword.len()..].starts_with([':', ' ']);
        let opens = opens || statement == "block";
        if opens {
            if let Some(parent) = open.last_mut() {
                parent.holds_blocks = true;
            }
            open.push(BlockContainer::default());
        } else if statement == "end" {
            if open.len() > 1
                && let Some(closed) = open.pop()
                && let Some(error) = found(&closed)
            {
                return Some(error);
            }
        } else if keyword == "columns" {
            let zero = statement[keyword.len()..]
                .trim()
                .parse::<u64>()
                .is_ok_and(|columns| columns == 0);
            // Settings apply in order: only the last `columns` of a block is in force.
            if let Some(container) = open.last_mut() {
                container.zero_columns = zero.then(|| {
                    (
                        index + 1,
                        column_of(line, line.len() - line.trim_start().len()),
                    )
                });
            }
        } else if !BLOCK_SETTINGS.contains(&keyword)
            && let Some(container) = open.last_mut()
        {
            container.holds_blocks = true;
        }
    }
    open.iter().rev().find_map(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_columns_over_blocks_is_reported_at_the_setting() {
        let source = "block-beta\n  columns 0\n  a b c\n";
        let (line, column, message) = found(source, DiagramKind::Block).unwrap();
        assert_eq!((line, column), (2, Some(3)));
        assert!(message.contains("`columns 0`"), "{message}");
        let nested = "block-beta\n  columns 2\n  block:g\n    columns 0\n    x y\n  end\n  z\n";
        assert_eq!(found(nested, DiagramKind::Block).map(|f| f.0), Some(4));
        // An empty block's columns place nothing; other counts are fine.
        let empty = "block-beta\n  block:g\n    columns 0\n  end\n";
        assert_eq!(found(empty, DiagramKind::Block), None);
        let fine = "block-beta\n  columns 10\n  a b\n";
        assert_eq!(found(fine, DiagramKind::Block), None);
    }

    #[test]
    fn only_the_last_columns_setting_of_a_block_counts() {
        for later in ["columns 3", "columns auto"] {
            let source = format!("block-beta\n  columns 0\n  a b\n  {later}\n  c\n");
            assert_eq!(found(&source, DiagramKind::Block), None, "{source}");
            let nested =
                format!("block-beta\n  block:g\n    columns 0\n    {later}\n    x\n  end\n");
            assert_eq!(found(&nested, DiagramKind::Block), None, "{nested}");
        }
        let zero_last = "block-beta\n  columns 3\n  a b\n  columns 0\n  c\n";
        assert_eq!(
            found(zero_last, DiagramKind::Block).map(|f| (f.0, f.1)),
            Some((4, Some(3)))
        );
    }

    fn found(source: &str, kind: DiagramKind) -> Option<(usize, Option<usize>, String)> {
        check(source, kind).map(|e| (e.line.unwrap_or(0), e.column, e.message))
    }

    #[test]
    fn a_journey_task_without_a_score_is_reported_at_its_data() {
        let source =
            "journey\n  title Checkout\n  section Pay\n    Enter card: 5: User\n    Wait: User\n";
        let (line, column, message) = found(source, DiagramKind::Journey).unwrap();
        assert_eq!((line, column), (5, Some(11)));
        assert!(message.contains("`Wait` has no score"), "{message}");
        assert!(message.contains("`Wait: 3: User`"), "{message}");
        // Wide whitespace before the colon, as French writes it.
        let spaced = "journey\n  section Pay\n    Attendre\u{202f}: Client\n";
        assert_eq!(
            found(spaced, DiagramKind::Journey).map(|f| (f.0, f.1)),
            Some((3, Some(16)))
        );
        let word = "journey\n  section Pay\n    Pay: high: User, Bank\n";
        let (line, _, message) = found(word, DiagramKind::Journey).unwrap();
        assert_eq!(line, 3);
        assert!(message.contains("`high` is not a score"), "{message}");
        assert!(message.contains("`Pay: 3: User, Bank`"), "{message}");
    }

    #[test]
    fn journey_scores_titles_and_descriptions_are_not_tasks() {
        let source = "journey\n  title Day: one\n  accTitle: Steps: all\n  accDescr {\n    Score: none\n  }\n  section Pay: card\n    Pay: 4.5: User #1\n    Wait:: User\n";
        assert_eq!(found(source, DiagramKind::Journey), None);
    }

    #[test]
    fn a_hash_in_sequence_text_is_reported_unless_it_begins_an_entity() {
        let source = "sequenceDiagram\n  participant A\n  Note over A: retry #35; three\n  A->>A: ping # id 42\n";
        let (line, column, message) = found(source, DiagramKind::Sequence).unwrap();
        assert_eq!((line, column), (4, Some(15)));
        assert!(message.contains("(`A->>A: ping`)"), "{message}");
        assert!(message.contains("`# id 42` is lost"), "{message}");
        let directive = "sequenceDiagram\n  %%{init: {\n    \"themeVariables\": {\"actorBkg\": \"#ffcc00\"}\n  }}%%\n  A->>B: hi\n";
        assert_eq!(found(directive, DiagramKind::Sequence), None);
        let alias = "sequenceDiagram\n  participant A as Order #1\n";
        assert_eq!(found(alias, DiagramKind::Sequence).map(|f| f.0), Some(2));
        let fine = "---\ntitle: Retry #2\n---\n%%{init: {\"themeVariables\": {\"primaryColor\": \"#fff\"}}}%%\nsequenceDiagram\n  %% issue #4\n  accTitle: Retry #2\n  A->>B: #quot;hi#quot;\n";
        assert_eq!(found(fine, DiagramKind::Sequence), None);
    }

    #[test]
    fn a_gantt_task_after_an_unknown_id_is_reported_at_the_id_with_the_nearest() {
        let source = "gantt\n  dateFormat YYYY-MM-DD\n  section Rollout\n    Canary 1%  :canary, 2025-03-03, 2d\n    Canary 10% :c10, after canray, 2d\n";
        let (line, column, message) = found(source, DiagramKind::Gantt).unwrap();
        assert_eq!((line, column), (5, Some(28)));
        assert!(message.contains("`canray`"), "{message}");
        assert!(message.contains("did you mean `canary`?"), "{message}");
        let nbsp = "gantt\n  section A\n    é :a1, 2025-01-01, 2d\n    b :after\u{a0}nope, 1d\n";
        assert_eq!(found(nbsp, DiagramKind::Gantt).map(|f| f.0), Some(4));
    }

    #[test]
    fn gantt_ids_may_be_used_before_they_are_defined_and_tags_come_first() {
        for source in [
            "gantt\n  section A\n    b :crit, b1, after a1, 1d\n    a :done, a1, 2025-01-01, 2d\n    c :after a1 b1, 3d\n    d :2025-01-01, until b1\n",
            "gantt\n  title Plan: phase 1\n  accTitle: Rollout: plan\n  section A\n    a :a1, 2025-01-01, 2d\n    b :active, after a1, 1d\n",
            // A marker's id; one known id of several is enough for merman.
            "gantt\n  section A\n    Freeze :vert, freeze, 2025-01-05, 0d\n    Release :rel, after freeze, 2d\n    Ship :after rel missing, 1d\n",
            // Whitespace wider than a byte between `after` and the id.
            "gantt\n  section A\n    a :a1, 2025-01-01, 2d\n    b :after\u{a0}a1, 1d\n",
        ] {
            assert_eq!(found(source, DiagramKind::Gantt), None, "{source}");
        }
    }

    #[test]
    fn a_gantt_task_with_more_fields_than_mermaid_reads_is_reported_at_the_first_extra() {
        let source = "gantt\n  dateFormat YYYY-MM-DD\n  section S\n    One :a1, 2024-01-01, 3d\n    Two :crit, a2, after a1, 2d, owner\n";
        let (line, column, message) = found(source, DiagramKind::Gantt).unwrap();
        assert_eq!((line, column), (5, Some(34)));
        assert!(message.contains("remove `owner`"), "{message}");
        // A trailing comma is a fourth, empty field: found at the comma, on the line.
        let trailing =
            "gantt\n  section S\n    One :a1, 2024-01-01, 3d\n    Two :a2, after a1, 2d,\n";
        let (line, column, message) = found(trailing, DiagramKind::Gantt).unwrap();
        assert_eq!((line, column), (4, Some(26)));
        assert!(message.contains("trailing comma"), "{message}");
        // Three fields after any number of tags is what Mermaid reads.
        let fine = "gantt\n  section S\n    One :a1, 2024-01-01, 3d\n    Two :crit, done, a2, after a1, 2d\n";
        assert_eq!(found(fine, DiagramKind::Gantt), None);
    }

    #[test]
    fn a_sankey_loop_is_reported_at_the_link_that_closes_it() {
        let source =
            "sankey-beta\n  Ingress,Gateway,10\n  Gateway,Retries,5\n  Retries,Gateway,5\n";
        let (line, _, message) = found(source, DiagramKind::Sankey).unwrap();
        assert_eq!(line, 4);
        assert!(message.contains("Gateway → Retries → Gateway"), "{message}");
        let self_link = "sankey-beta\n\"A, inc\",\"A, inc\",5\n";
        assert_eq!(found(self_link, DiagramKind::Sankey).map(|f| f.0), Some(2));
        let tree = "sankey-beta\nA,B,5\nA,C,3\nB,D,2\nC,D,1\n";
        assert_eq!(found(tree, DiagramKind::Sankey), None);
    }

    #[test]
    fn an_init_directive_that_is_not_a_json_object_is_reported_at_its_line() {
        let missing_brace =
            "%%{init: {\"sequence\": {\"mirrorActors\": false}}%%\nsequenceDiagram\n  A->>B: x\n";
        let (line, column, message) = found(missing_brace, DiagramKind::Sequence).unwrap();
        assert_eq!((line, column), (1, Some(1)));
        assert!(message.contains("not closed"), "{message}");
        let stray = "flowchart LR\n%%{init: {\"theme\": \"dark\"}}}%%\nA-->B\n";
        assert_eq!(found(stray, DiagramKind::Flowchart).map(|f| f.0), Some(2));
        let apostrophe = "%%{init: {'title': 'it's'}}%%\nflowchart LR\nA-->B\n";
        assert!(found(apostrophe, DiagramKind::Flowchart).is_some());
        let not_an_object = "%%{init: \"dark\"}%%\nflowchart LR\nA-->B\n";
        assert!(found(not_an_object, DiagramKind::Flowchart).is_some());
        for fine in [
            "%%{init: {'theme': 'dark'}}%%\nflowchart LR\nA-->B\n",
            "%%{ init : { \"theme\": \"forest\" } }%%\nflowchart LR\nA-->B\n",
            "%%{wrap}%%\nsequenceDiagram\nA->>B: x\n",
            // JSON5, as merman reads it: a trailing comma and unquoted keys.
            "%%{init: {sequence: {mirrorActors: false},}}%%\nsequenceDiagram\nA->>B: x\n",
        ] {
            assert_eq!(found(fine, DiagramKind::Flowchart), None, "{fine}");
        }
    }
}
