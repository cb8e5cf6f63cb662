//! Where the statement is that a merman error without a position is about, for the errors
//! merman raises after parsing, from what it has read: a flowchart node's unknown shape, a
//! sequence participant created when it already exists, created or destroyed without the
//! message that does it, or placed in two boxes, a timeline event before any period, and a
//! Gantt task whose start or end cannot be worked out (an `after` id no task has, tasks that
//! wait on each other, or more fields than Mermaid reads).
//!
//! Each locator reads the message for the name it gives and finds the statement by reading
//! the source the way Mermaid does; when the message or the source does not say, it gives
//! `None` and the error stays at the diagram.

use crate::mermaid::semantics::gantt_task_line;

/// A 1-based line and, when known, 1-based column (in characters) in the diagram source.
pub(super) type Position = (usize, Option<usize>);

/// The position of the statement `message` is about, for the errors listed in the module docs.
pub(super) fn position_named(source: &str, message: &str) -> Option<Position> {
    unknown_shape(source, message)
        .or_else(|| created_twice(source, message))
        .or_else(|| created_or_destroyed_without_message(source, message))
        .or_else(|| participant_in_two_boxes(source, message))
        .or_else(|| event_without_period(source, message))
        .or_else(|| unresolved_gantt_task(source, message))
}

/// 1-based column, in characters, of byte offset `at` in `line`.
fn column_of(line: &str, at: usize) -> usize {
    line[..at.min(line.len())].chars().count() + 1
}

/// The column where a line's text starts, after its indentation.
fn text_column(line: &str) -> usize {
    column_of(line, line.len() - line.trim_start().len())
}

/// The lines of `source`, numbered from 1.
fn numbered(source: &str) -> impl Iterator<Item = (usize, &str)> {
    source
        .lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line))
}

// ---- flowchart ----

/// "No such shape: nope." (or "… Shape names should be lowercase."): the first `@{ … }` whose
/// `shape:` names it, at the name; a line may hold several nodes' data
/// (`A@{ shape: nope } --> B@{ shape: rect }`).
fn unknown_shape(source: &str, message: &str) -> Option<Position> {
    let rest = message.strip_prefix("No such shape: ")?;
    let shape = rest.split_once(". ").map_or(rest, |(shape, _)| shape);
    let shape = shape.strip_suffix('.').unwrap_or(shape).trim();
    if shape.is_empty() {
        return None;
    }
    // The data of `A@{ … }` may run over several lines.
    let mut inside_data = false;
    for (number, line) in numbered(source) {
        if line.trim_start().starts_with("%%") {
            continue;
        }
        let data = line.rfind("@{");
        let from = inside_data.then_some(0).or_else(|| line.find("@{"));
        if let Some(from) = from
            && let Some(at) = shape_value_at(&line[from..], shape)
        {
            return Some((number, Some(column_of(line, from + at))));
        }
        inside_data = match data {
            Some(opened) => !line[opened..].contains('}'),
            None => inside_data && !line.contains('}'),
        };
    }
    None
}

/// The byte offset in `data` (text from `@{`) of a `shape:` value equal to `shape`. Only a
/// `shape` key counts: not the word inside a quoted value (`label: "shape: nope"`) or at the
/// end of another key (`myshape:`).
fn shape_value_at(data: &str, shape: &str) -> Option<usize> {
    let mut quote = None;
    let mut previous = None;
    for (at, c) in data.char_indices() {
        match quote {
            Some(open) if c == open => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if data[at..].starts_with("shape")
                && previous.is_none_or(|p: char| !is_name_char(p)) =>
            {
                if let Some(value_at) = value_named(data, at + "shape".len(), shape) {
                    return Some(value_at);
                }
            }
            None => {}
        }
        previous = Some(c);
    }
    None
}

/// After a `shape` key ending at `after_key`: the byte offset of its value when it is
/// `shape`, quoted or not.
fn value_named(data: &str, after_key: usize, shape: &str) -> Option<usize> {
    let value = data[after_key..].trim_start().strip_prefix(':')?;
    let value_trimmed = value.trim_start();
    let quoted = value_trimmed.strip_prefix(['"', '\'']);
    let name = quoted.unwrap_or(value_trimmed);
    let ends = name
        .strip_prefix(shape)?
        .chars()
        .next()
        .is_none_or(|next| !is_name_char(next));
    ends.then(|| data.len() - name.len())
}

/// Whether `c` can be part of a shape or key name.
fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

// ---- sequence ----

/// The participant a declaration line declares (`participant A as Alice`, `create actor B`,
/// with its keyword), and the byte offset of its id in the line.
fn declared(line: &str) -> Option<(&str, &str, usize)> {
    let trimmed = line.trim_start();
    let (keyword, rest) = trimmed.split_once(char::is_whitespace)?;
    let (keyword, rest) = if keyword == "create" {
        let (what, rest) = rest.trim_start().split_once(char::is_whitespace)?;
        if !matches!(what, "participant" | "actor") {
            return None;
        }
        ("create", rest)
    } else if matches!(keyword, "participant" | "actor") {
        (keyword, rest)
    } else {
        return None;
    };
    let rest = rest.trim_start();
    let id = rest
        .split(|c: char| c.is_whitespace() || c == '@')
        .next()
        .filter(|id| !id.is_empty())?;
    let at = line.len() - rest.len();
    Some((keyword, id, at))
}

/// The sender and receiver of a message line (`A->>+B: hi`), without activation marks.
fn message_ends(line: &str) -> Option<(&str, &str)> {
    let statement = line.split(':').next().unwrap_or(line).trim();
    let arrow = statement.find(['-', '<'])?;
    let sender = statement[..arrow].trim();
    let after = statement[arrow..].trim_start_matches(['-', '<', '>', 'x', ')']);
    let receiver = after.trim_start_matches(['+', '-']).trim();
    (!sender.is_empty() && !receiver.is_empty()).then_some((sender, receiver))
}

/// "It is not possible to have actors with the same id…": the first `create` of a participant
/// already declared or messaged above it.
fn created_twice(source: &str, message: &str) -> Option<Position> {
    if !message.starts_with("It is not possible to have actors with the same id") {
        return None;
    }
    let mut seen: Vec<&str> = Vec::new();
    for (number, line) in numbered(source) {
        if let Some((keyword, id, at)) = declared(line) {
            if keyword == "create" && seen.contains(&id) {
                return Some((number, Some(column_of(line, at))));
            }
            seen.push(id);
        } else if let Some((sender, receiver)) = message_ends(line) {
            seen.extend([sender, receiver]);
        }
    }
    None
}

/// "The created participant C does not have an associated creating message…" (and the same
/// for a destroyed one): the `create` or `destroy` line of that participant.
fn created_or_destroyed_without_message(source: &str, message: &str) -> Option<Position> {
    let (prefix, keyword) = if message.starts_with("The created participant ") {
        ("The created participant ", "create")
    } else if message.starts_with("The destroyed participant ") {
        ("The destroyed participant ", "destroy")
    } else {
        return None;
    };
    let rest = message.strip_prefix(prefix)?;
    let name = rest.split(" does not have").next()?.trim();
    numbered(source).find_map(|(number, line)| {
        let statement = line.trim_start();
        let named = match keyword {
            "create" => declared(line).is_some_and(|(k, id, _)| k == "create" && id == name),
            _ => statement
                .strip_prefix("destroy")
                .filter(|rest| rest.starts_with(char::is_whitespace))
                .is_some_and(|rest| rest.trim() == name),
        };
        named.then(|| (number, Some(text_column(line))))
    })
}

/// "A same participant should only be defined in one Box: A can't be in 'One' and in 'Two'…":
/// the declaration of `A` in a box other than the first box that declared it.
fn participant_in_two_boxes(source: &str, message: &str) -> Option<Position> {
    let (_, rest) = message.split_once("should only be defined in one Box: ")?;
    let name = rest.split(" can't be in ").next()?.trim();
    let mut boxes = 0usize;
    let mut open_box: Option<usize> = None;
    let mut first_box: Option<usize> = None;
    let mut depth = 0usize;
    for (number, line) in numbered(source) {
        let keyword = line.split_whitespace().next().unwrap_or("");
        match keyword {
            "box" => {
                boxes += 1;
                open_box = Some(boxes);
                depth = 0;
                continue;
            }
            "alt" | "opt" | "loop" | "par" | "critical" | "break" | "rect" => depth += 1,
            "end" if depth > 0 => depth -= 1,
            "end" => open_box = None,
            _ => {}
        }
        let Some((_, _, at)) = declared(line).filter(|(_, id, _)| *id == name) else {
            continue;
        };
        match (first_box, open_box) {
            (Some(first), Some(now)) if first != now => {
                return Some((number, Some(column_of(line, at))));
            }
            (None, Some(now)) => first_box = Some(now),
            _ => {}
        }
    }
    None
}

// ---- timeline ----

/// Timeline statements that are not a period.
const TIMELINE_KEYWORDS: &[&str] = &["title", "section", "accTitle", "accDescr", "timeline"];

/// "event without a preceding task": the first `: event` line before any period, at its `:`,
/// reading from the `timeline` line (after any front matter and directives).
fn event_without_period(source: &str, message: &str) -> Option<Position> {
    if message != "event without a preceding task" {
        return None;
    }
    let header = super::source_text::header(source)?;
    for (number, line) in numbered(source).skip(header.line - 1) {
        let statement = line.trim_start();
        if statement.is_empty() || statement.starts_with("%%") {
            continue;
        }
        if statement.starts_with(':') {
            return Some((number, Some(text_column(line))));
        }
        let keyword = statement
            .split(|c: char| c.is_whitespace() || c == ':')
            .next()
            .unwrap_or("");
        if !TIMELINE_KEYWORDS.contains(&keyword) {
            return None;
        }
    }
    None
}

// ---- gantt ----

/// "task `a1` has unresolved startTime" (or `endTime`): the task with that id, at the first
/// id its `after` or `until` names. A task without an id of its own is `task<N>` to merman,
/// the Nth such task; so is one with more fields than Mermaid reads, found at the first of
/// those.
fn unresolved_gantt_task(source: &str, message: &str) -> Option<Position> {
    let rest = message.strip_prefix("task `")?;
    let (id, rest) = rest.split_once('`')?;
    if !rest.starts_with(" has unresolved") {
        return None;
    }
    let tasks: Vec<(usize, &str)> = numbered(source)
        .filter(|(_, line)| gantt_task_line(line).is_some())
        .collect();
    let by_id = tasks
        .iter()
        .find(|(_, line)| gantt_task_line(line).is_some_and(|task| task.id == Some(id)));
    let by_number = || {
        let n: usize = id.strip_prefix("task")?.parse().ok()?;
        tasks
            .iter()
            .filter(|(_, line)| {
                gantt_task_line(line)
                    .is_some_and(|task| task.id.is_none() || task.extra_field.is_some())
            })
            .nth(n.checked_sub(1)?)
    };
    let &(number, line) = by_id.or_else(by_number)?;
    let task = gantt_task_line(line)?;
    let column = task
        .extra_field
        .or_else(|| task.refers_to.iter().flatten().next().map(|&(at, _)| at))
        .map_or_else(|| text_column(line), |at| column_of(line, at));
    Some((number, Some(column)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_shape_is_found_at_its_name() {
        let source = "flowchart LR\n  A --> B\n  B@{ shape: nope }\n";
        assert_eq!(
            position_named(source, "No such shape: nope."),
            Some((3, Some(14)))
        );
        let source = "flowchart LR\n  A@{ shape: \"Rect\", label: \"x\" }\n";
        assert_eq!(
            position_named(
                source,
                "No such shape: Rect. Shape names should be lowercase."
            ),
            Some((2, Some(15)))
        );
        let source = "flowchart LR\n  A@{\n    label: \"x\",\n    shape: nope\n  }\n";
        assert_eq!(
            position_named(source, "No such shape: nope."),
            Some((4, Some(12)))
        );
        // The first of two nodes on a line.
        let source = "flowchart LR\n  A@{shape: nope} --> B@{shape: rect}\n";
        assert_eq!(
            position_named(source, "No such shape: nope."),
            Some((2, Some(13)))
        );
        let source = "flowchart LR\n  A@{shape: rect} --> B@{shape: nope}\n";
        assert_eq!(
            position_named(source, "No such shape: nope."),
            Some((2, Some(33)))
        );
        // Not the words of a quoted label, nor a comment.
        let source =
            "flowchart LR\n  A@{ shape: rect, label: \"shape: nope\" } --> B@{ shape: nope }\n";
        assert_eq!(
            position_named(source, "No such shape: nope."),
            Some((2, Some(58)))
        );
        let source = "flowchart LR\n  %% C@{ shape: nope }\n  B@{ shape: nope }\n";
        assert_eq!(
            position_named(source, "No such shape: nope."),
            Some((3, Some(14)))
        );
        // A shape that merely starts with the name is not it.
        let source = "flowchart LR\n  A@{ shape: nopes }\n";
        assert_eq!(position_named(source, "No such shape: nope."), None);
    }

    #[test]
    fn a_participant_created_after_use_is_found_at_its_create() {
        let source = "sequenceDiagram\n  participant A\n  A->>B: hi\n  create participant B\n";
        let message = "It is not possible to have actors with the same id, even if one is \
                       destroyed before the next is created. Use 'AS' aliases to simulate the \
                       behavior";
        assert_eq!(position_named(source, message), Some((4, Some(22))));
        let source = "sequenceDiagram\n  create actor C\n  A->>C: hi\n";
        assert_eq!(position_named(source, message), None);
    }

    #[test]
    fn a_create_or_destroy_without_its_message_is_found() {
        let source = "sequenceDiagram\n  participant A\n  participant C\n  A->>A: hi\n  \
                      destroy C\n  A->>A: again\n";
        let message = "The destroyed participant C does not have an associated destroying \
                       message after its declaration. Please check the sequence diagram.";
        assert_eq!(position_named(source, message), Some((5, Some(3))));
        let source = "sequenceDiagram\n  participant A\n  create participant C\n  A->>A: x\n";
        let message = "The created participant C does not have an associated creating message \
                       after its declaration. Please check the sequence diagram.";
        assert_eq!(position_named(source, message), Some((3, Some(3))));
    }

    #[test]
    fn a_participant_in_a_second_box_is_found_there() {
        let source = "sequenceDiagram\n  box Blue One\n  participant A\n  end\n  box Red Two\n  \
                      participant B\n  participant A\n  end\n";
        let message = "A same participant should only be defined in one Box: A can't be in \
                       'One' and in 'Two' at the same time.";
        assert_eq!(position_named(source, message), Some((7, Some(15))));
    }

    #[test]
    fn an_event_before_any_period_is_found_at_its_colon() {
        let source = "timeline\n  title History\n  : launch\n";
        assert_eq!(
            position_named(source, "event without a preceding task"),
            Some((3, Some(3)))
        );
        // Front matter and a directive before `timeline` are not statements.
        let source = "---\ntitle: x\n---\n%%{init: {}}%%\ntimeline\n  : launch\n";
        assert_eq!(
            position_named(source, "event without a preceding task"),
            Some((6, Some(3)))
        );
        let source = "timeline\n  2020 : a\n  : b\n";
        assert_eq!(
            position_named(source, "event without a preceding task"),
            None
        );
    }

    #[test]
    fn an_unresolved_gantt_task_is_found_at_what_it_waits_for() {
        let source = "gantt\n  dateFormat YYYY-MM-DD\n  section S\n  One :a1, after a2, 3d\n  \
                      Two :a2, after a1, 2d\n";
        assert_eq!(
            position_named(source, "task `a1` has unresolved startTime"),
            Some((4, Some(18)))
        );
        let source = "gantt\n  section S\n  One :a1, 2024-01-01, 1d\n  Two :after zz, 2d\n";
        assert_eq!(
            position_named(source, "task `task1` has unresolved startTime"),
            Some((4, Some(14)))
        );
        assert_eq!(
            position_named(source, "task `task2` has unresolved startTime"),
            None
        );
        // More fields than Mermaid reads: the task has no id to it, found at the first extra.
        let source = "gantt\n  section S\n  One :crit, a1, 2024-01-01, 3d, extra\n";
        assert_eq!(
            position_named(source, "task `task1` has unresolved startTime"),
            Some((3, Some(34)))
        );
        let source = "gantt\n  section S\n  One :a1, 2024-01-01, 3d,\n";
        assert_eq!(
            position_named(source, "task `task1` has unresolved startTime"),
            Some((3, Some(26)))
        );
    }
}
