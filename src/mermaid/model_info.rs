//! Extracting [`DiagramInfo`] from merman's semantic JSON model.

use crate::mermaid::{DiagramInfo, DiagramKind, label_markup};
use serde_json::Value;

/// Builds the facts about one parsed diagram.
pub(super) fn describe(kind: DiagramKind, model: &Value) -> DiagramInfo {
    let mut labels = Labels::default();
    collect_labels(kind, model, &mut labels);
    DiagramInfo {
        kind,
        labels: labels.items,
        acc_title: text_field(model, "accTitle"),
        acc_descr: text_field(model, "accDescr"),
    }
}

/// Whether a parsed diagram is empty in a way merman cannot lay out (a sequence diagram
/// whose lines are all comments or accessibility text has no participants).
pub(super) fn draws_nothing(kind: DiagramKind, model: &Value) -> bool {
    kind == DiagramKind::Sequence && entries(model.get("actorOrder")).is_empty()
}

fn text_field(model: &Value, key: &str) -> Option<String> {
    let text = model.get(key)?.as_str()?.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Labels in first-seen order without duplicates.
#[derive(Default)]
struct Labels {
    items: Vec<String>,
}

impl Labels {
    fn push(&mut self, value: Option<&Value>) {
        self.push_text(value, false);
    }

    /// The `key` text of `item`, read as Markdown when the item says its label is.
    fn push_from(&mut self, item: &Value, key: &str) {
        let markdown = item.get("labelType").and_then(Value::as_str) == Some("markdown");
        self.push_text(item.get(key), markdown);
    }

    fn push_text(&mut self, value: Option<&Value>, markdown: bool) {
        let Some(text) = value
            .and_then(Value::as_str)
            .map(|label| label_markup::as_read(&plain_text(label), markdown))
        else {
            return;
        };
        if !text.is_empty() && !self.items.contains(&text) {
            self.items.push(text);
        }
    }
}

fn entries(value: Option<&Value>) -> Vec<&Value> {
    match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(Value::Object(map)) => map.values().collect(),
        _ => Vec::new(),
    }
}

fn collect_labels(kind: DiagramKind, model: &Value, labels: &mut Labels) {
    match kind {
        DiagramKind::Flowchart => {
            for subgraph in entries(model.get("subgraphs")) {
                labels.push_from(subgraph, "title");
            }
            for node in entries(model.get("nodes")) {
                labels.push_from(node, "label");
            }
        }
        DiagramKind::Sequence => sequence_labels(model, labels),
        DiagramKind::Class => {
            for class in entries(model.get("classes")) {
                labels.push(class.get("label"));
            }
        }
        DiagramKind::State => {
            for node in entries(model.get("nodes")) {
                let shape = node.get("shape").and_then(Value::as_str).unwrap_or("");
                if !matches!(shape, "stateStart" | "stateEnd") {
                    labels.push(node.get("label"));
                }
            }
        }
        DiagramKind::Er => {
            for entity in entries(model.get("entities")) {
                let alias = entity.get("alias").filter(|a| a.as_str() != Some(""));
                labels.push(alias.or_else(|| entity.get("label")));
            }
        }
        DiagramKind::Gantt => {
            for section in entries(model.get("sections")) {
                labels.push(Some(section));
            }
            for task in entries(model.get("tasks")) {
                labels.push(task.get("task"));
            }
        }
        DiagramKind::Pie => {
            for section in entries(model.get("sections")) {
                labels.push(section.get("label"));
            }
        }
        _ => generic_labels(model, labels, 0),
    }
}

fn sequence_labels(model: &Value, labels: &mut Labels) {
    let actors = model.get("actors");
    for name in entries(model.get("actorOrder")) {
        let actor = name.as_str().and_then(|name| actors?.get(name));
        labels.push(
            actor
                .and_then(|actor| actor.get("description"))
                .or(Some(name)),
        );
    }
}

/// For the other families: every `label`, `title`, `text`, `description` or `name` string.
fn generic_labels(value: &Value, labels: &mut Labels, depth: usize) {
    if depth > 16 {
        return;
    }
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                if key == "config" {
                    continue;
                }
                if matches!(
                    key.as_str(),
                    "label" | "title" | "text" | "description" | "name"
                ) {
                    labels.push_from(value, key);
                }
                generic_labels(item, labels, depth + 1);
            }
        }
        Value::Array(items) => {
            for item in items {
                generic_labels(item, labels, depth + 1);
            }
        }
        _ => {}
    }
}

/// Label markup as text: `<br>` becomes a space, other tags go, basic entities are decoded.
pub(super) fn plain_text(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut rest = label;
    while let Some(open) = rest.find('<') {
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open..).unwrap_or("");
        match after.find('>') {
            Some(close) => {
                out.push(' ');
                rest = after.get(close + 1..).unwrap_or("");
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    let decoded = crate::mermaid::svg_rewrite::xml_unescape(&out);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}
