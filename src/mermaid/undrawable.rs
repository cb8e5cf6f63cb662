//! Diagrams Mermaid accepts that cannot be drawn properly: a requirement diagram relation
//! naming a requirement or element the diagram does not define (merman's layout refuses it),
//! a Gantt chart without a single task (it has no dates for its time axis), and an XY chart
//! series with fewer values than the x-axis has categories (the missing bars and points have
//! no height). The drawing would fail or hold coordinates that are not numbers, so each is a
//! warning ([`Problem::Undrawable`]) at its line, found by lint as well as by the build.

use serde_json::Value;

use crate::mermaid::{DiagramKind, MermaidError, Problem, source_text};

/// The first reason the parsed diagram (`model` is merman's semantic model) cannot be drawn.
pub(super) fn check(source: &str, kind: DiagramKind, model: &Value) -> Option<MermaidError> {
    match kind {
        DiagramKind::Requirement => undefined_relation_end(source, model),
        DiagramKind::Gantt => gantt_without_tasks(source, model),
        DiagramKind::XyChart => short_series(source, model),
        _ => None,
    }
}

fn undrawable(line: Option<usize>, column: Option<usize>, message: String) -> MermaidError {
    MermaidError {
        line,
        column,
        message,
        problem: Problem::Undrawable,
    }
}

fn array<'a>(model: &'a Value, key: &str) -> &'a [Value] {
    model
        .get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

// ---- requirement diagrams ----

/// A relation whose source or target is neither a requirement nor an element.
fn undefined_relation_end(source: &str, model: &Value) -> Option<MermaidError> {
    let defined: Vec<&str> = array(model, "requirements")
        .iter()
        .chain(array(model, "elements"))
        .filter_map(|item| text(item, "name"))
        .collect();
    let missing = array(model, "relationships").iter().find_map(|relation| {
        [text(relation, "src")?, text(relation, "dst")?]
            .into_iter()
            .find(|name| !defined.contains(name))
    })?;
    let position = relation_naming(source, missing);
    Some(undrawable(
        position.map(|(line, _)| line),
        position.map(|(_, column)| column),
        format!(
            "the relation names `{missing}`, which is not a requirement or element of this \
             diagram; define it (`element {missing} {{ type: … }}`) or correct the name"
        ),
    ))
}

/// The first relation line (`a - satisfies -> b`, `b <- satisfies - a`) naming `name` as a
/// whole word, and the column of that name.
fn relation_naming(source: &str, name: &str) -> Option<(usize, usize)> {
    source.lines().enumerate().find_map(|(index, line)| {
        if !(line.contains("->") || line.contains("<-")) {
            return None;
        }
        let at = whole_word(line, name)?;
        Some((index + 1, line[..at].chars().count() + 1))
    })
}

/// The byte offset of `word` in `line` where it is not part of a longer name.
fn whole_word(line: &str, word: &str) -> Option<usize> {
    let is_name = |ch: char| ch.is_alphanumeric() || ch == '_';
    line.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = line[..at].chars().next_back();
        let after = line[at + word.len()..].chars().next();
        !before.is_some_and(is_name) && !after.is_some_and(is_name)
    })
}

// ---- Gantt charts ----

/// A Gantt chart with no task: its time axis has no dates.
fn gantt_without_tasks(source: &str, model: &Value) -> Option<MermaidError> {
    if !array(model, "tasks").is_empty() {
        return None;
    }
    Some(undrawable(
        source_text::header(source).map(|header| header.line),
        None,
        "the Gantt chart has no task, so its time axis has no dates to show; add a task \
         under a section (`Write draft :2025-03-03, 3d`)"
            .to_string(),
    ))
}

// ---- XY charts ----

/// A `bar` or `line` with fewer values than the x-axis has categories.
fn short_series(source: &str, model: &Value) -> Option<MermaidError> {
    let categories = model
        .get("xAxis")
        .and_then(|axis| axis.get("categories"))
        .and_then(Value::as_array)?
        .len();
    let (index, plot, values) =
        array(model, "plots")
            .iter()
            .enumerate()
            .find_map(|(index, plot)| {
                let values = plot.get("values").and_then(Value::as_array)?.len();
                (values < categories).then_some((index, plot, values))
            })?;
    let keyword = text(plot, "type").unwrap_or("bar");
    let line = series_line(source, index);
    Some(undrawable(
        line,
        None,
        format!(
            "this `{keyword}` has {values} value{} for the x-axis's {categories} categories, so \
             the rest have no height; give one value per category",
            if values == 1 { "" } else { "s" }
        ),
    ))
}

/// The line of the `index`-th (0-based) `bar` or `line` statement.
fn series_line(source: &str, index: usize) -> Option<usize> {
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| matches!(source_text::keyword_of(line), "bar" | "line"))
        .nth(index)
        .map(|(number, _)| number + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_relation_to_an_undefined_name_is_found_at_the_name() {
        let source = "requirementDiagram\n  requirement r1 {\n  id: 1\n  }\n  r1 - satisfies -> r10\n  r1 - satisfies -> r\n";
        let model = json!({
            "requirements": [{"name": "r1"}],
            "elements": [{"name": "r10"}],
            "relationships": [{"type": "satisfies", "src": "r1", "dst": "r10"},
                              {"type": "satisfies", "src": "r1", "dst": "r"}],
        });
        let error = check(source, DiagramKind::Requirement, &model);
        let error = error.expect("an undefined relation end");
        assert_eq!((error.line, error.column), (Some(6), Some(21)));
        assert_eq!(error.problem, Problem::Undrawable);
        assert!(error.message.contains("`r`"), "{}", error.message);
        let defined = json!({
            "requirements": [{"name": "r1"}],
            "elements": [{"name": "r10"}],
            "relationships": [{"type": "satisfies", "src": "r1", "dst": "r10"}],
        });
        assert_eq!(check(source, DiagramKind::Requirement, &defined), None);
    }

    #[test]
    fn a_gantt_chart_without_tasks_is_found_at_its_header() {
        let source = "%% plan\ngantt\n  section A\n  section B\n";
        let model = json!({"sections": ["A", "B"], "tasks": []});
        let error = check(source, DiagramKind::Gantt, &model).expect("no tasks");
        assert_eq!(error.line, Some(2));
        let model = json!({"sections": ["A"], "tasks": [{"task": "t"}]});
        assert_eq!(check(source, DiagramKind::Gantt, &model), None);
    }

    #[test]
    fn a_series_shorter_than_the_axis_is_found_at_its_line() {
        let source = "xychart-beta\n  x-axis [a, b, c]\n  bar [1, 2, 3]\n  line [1, 2]\n";
        let model = json!({
            "xAxis": {"type": "band", "categories": ["a", "b", "c"]},
            "plots": [{"type": "bar", "values": [1, 2, 3]}, {"type": "line", "values": [1, 2]}],
        });
        let error = check(source, DiagramKind::XyChart, &model).expect("short line");
        assert_eq!(error.line, Some(4));
        assert!(error.message.contains("2 values"), "{}", error.message);
        // A numeric x-axis has no categories to match.
        let model = json!({
            "xAxis": {"type": "linear", "min": 0, "max": 10},
            "plots": [{"type": "line", "values": [1, 2]}],
        });
        assert_eq!(check(source, DiagramKind::XyChart, &model), None);
    }
}
