//! The ```` ```metrics ```` fence, our structured YAML form for numbers, read and validated once
//! in the parse stage ([`check`]); the checks report the problems and the page renders the cards
//! from the same [`FenceCheck`].
//!
//! `metrics-fence` findings: the YAML must be readable with the known fields, the fence must
//! have items, every item needs a non-empty label and one value (not a list or a map) with a
//! number in it, a unit written in the value must agree with the `unit` field, and one label
//! must not be given in two units.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, RuleId};
use crate::markdown::chart::{self, Chart};
use crate::markdown::fence_lines::FenceLines;
use crate::markdown::metrics::has_number;
use crate::markdown::{CodeBlock, Document};

/// The structured ```` ```metrics ```` fence.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsFence {
    /// Heading of the card group.
    pub title: Option<String>,
    /// Where the numbers come from.
    pub source: Option<String>,
    /// The metrics.
    #[serde(default)]
    pub items: Vec<FenceItem>,
    /// In a comparison chart (```` ```metrics chart=compare ````), what the baselines are
    /// ("Before").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_label: Option<String>,
    /// In a comparison chart, what the values are ("After").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_label: Option<String>,
}

/// One item of a [`MetricsFence`].
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct FenceItem {
    /// What is measured.
    #[serde(default)]
    pub label: String,
    /// The value: a number, or a string that contains one ("< 2").
    pub value: yaml_serde::Value,
    /// Unit ("ms", "%", "req/s").
    #[serde(default)]
    pub unit: Option<String>,
    /// Optional remark shown under the value.
    #[serde(default)]
    pub note: Option<String>,
    /// The value it is compared with in a comparison chart (the value before a change).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<yaml_serde::Value>,
}

impl FenceItem {
    /// The value as display text, without the unit.
    pub fn value_text(&self) -> String {
        value_text(&self.value)
    }
}

/// A YAML value as display text.
pub(crate) fn value_text(value: &yaml_serde::Value) -> String {
    match value {
        yaml_serde::Value::String(s) => s.clone(),
        yaml_serde::Value::Number(n) => n.to_string(),
        yaml_serde::Value::Bool(b) => b.to_string(),
        yaml_serde::Value::Null => String::new(),
        other => yaml_serde::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_owned(),
    }
}

/// One ```` ```metrics ```` fence, read once.
#[derive(Debug, Clone, PartialEq)]
pub struct FenceCheck {
    /// Index of the block in [`Document::code_blocks`].
    pub block: usize,
    /// The fence, when its YAML could be read (its items may still have problems).
    pub fence: Option<MetricsFence>,
    /// Every problem found (`metrics-fence`).
    pub diagnostics: Vec<Diagnostic>,
    /// The chart its info string asks for (```` ```metrics chart=bar ````), when it can be drawn.
    pub(crate) chart: Option<Chart>,
}

/// Reads and validates every ```` ```metrics ```` fence of the document, in order.
pub fn check(doc: &Document<'_>) -> Vec<FenceCheck> {
    doc.code_blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.lang.as_deref() == Some("metrics"))
        .map(|(index, block)| check_one(doc, index, block))
        .collect()
}

/// The check of the block at `block` (an index into [`Document::code_blocks`]).
pub fn find(checks: &[FenceCheck], block: usize) -> Option<&FenceCheck> {
    checks
        .binary_search_by_key(&block, |c| c.block)
        .ok()
        .and_then(|i| checks.get(i))
}

fn check_one(doc: &Document<'_>, index: usize, block: &CodeBlock) -> FenceCheck {
    match crate::yaml::from_embedded::<MetricsFence>(doc.source, block.code_start, &block.code) {
        Ok(fence) => {
            let mut diagnostics = item_problems(doc, block, &fence);
            let (chart, problems) = chart::check(doc, block, &fence);
            diagnostics.extend(problems);
            FenceCheck {
                block: index,
                diagnostics,
                fence: Some(fence),
                chart,
            }
        }
        Err((offset, message)) => {
            let diagnostic = Diagnostic::new(
                RuleId::MetricsFence,
                &doc.source.rel_path,
                offset..offset,
                format!("metrics fence is not valid: {message}"),
            )
            .label("the YAML of this metrics fence cannot be read here")
            .help("a metrics fence has `title`, `source` and `items`; each item has `label`, `value`, and optionally `unit`, `note` and (for `chart=compare`) `baseline`; the page shows the fence as source until it is fixed");
            FenceCheck {
                block: index,
                fence: None,
                diagnostics: vec![diagnostic],
                chart: None,
            }
        }
    }
}

fn item_problems(doc: &Document<'_>, block: &CodeBlock, fence: &MetricsFence) -> Vec<Diagnostic> {
    let file = &doc.source.rel_path;
    let fence_lines = FenceLines::new(doc, block);
    let items = fence_lines.items("items");
    let mut out = Vec::new();
    let mut units: BTreeMap<String, (String, usize)> = BTreeMap::new();
    // A fence that asks for a chart is told so by the chart's check ("a chart needs items").
    if fence.items.is_empty() && !block.info.contains("chart=") {
        out.push(
            Diagnostic::new(RuleId::MetricsFence, file, block.span.start..block.code_start, "this metrics fence has no items")
                .label("nothing here is shown on the page")
                .help("list the numbers under `items:`, each with a `label` and a `value` (and optionally `unit` and `note`)"),
        );
    }
    for (i, item) in fence.items.iter().enumerate() {
        let span = code_line(doc, block, items.get(i).map_or(0, |item| item.first));
        let problem = |m: String| Diagnostic::new(RuleId::MetricsFence, file, span.clone(), m);
        // A problem with the value is shown at the value (at its item's line without one).
        let (line, column) = fence_lines.key_in(items.get(i).copied(), "value");
        let value_span = fence_lines.span(line, column);
        let value_problem =
            |m: String| Diagnostic::new(RuleId::MetricsFence, file, value_span.clone(), m);
        if item.label.trim().is_empty() {
            out.push(
                problem(format!("metric {} has an empty label", i + 1))
                    .help("give every item a `label` saying what is measured"),
            );
        }
        let value = item.value_text();
        if let Some(kind) = compound(&item.value) {
            out.push(
                value_problem(format!(
                    "the value of \"{}\" is a {kind}, not one number",
                    item.label
                ))
                .help("give each number an item of its own, with its own `label`"),
            );
        } else if !has_number(&value) {
            out.push(value_problem(format!("the value of \"{}\" has no number: \"{value}\"", item.label)).help("a metric's value must contain a number (\"41\", \"< 2\", \"1.2k\"); put words in `note`"));
        }
        if let Some(conflict) = compound(&item.value)
            .is_none()
            .then(|| unit_conflict(item, &value))
            .flatten()
        {
            out.push(value_problem(conflict).help("write the unit once, in `unit`"));
        }
        let unit = item.unit.clone().unwrap_or_default();
        let key = item.label.trim().to_lowercase();
        match units.get(&key) {
            Some((first, line)) if *first != unit && !key.is_empty() => out.push(
                problem(format!(
                    "\"{}\" is given in \"{unit}\" here but in \"{first}\" on line {line}",
                    item.label
                ))
                .help("use one unit per label so the numbers can be compared"),
            ),
            Some(_) => {}
            None => {
                units.insert(key, (unit, doc.source.line_col(span.start).line));
            }
        }
    }
    out
}

/// What a value is when it holds more than one value (`[1, 2]`, `{p50: 1}`): a list or a map.
fn compound(value: &yaml_serde::Value) -> Option<&'static str> {
    match value {
        yaml_serde::Value::Sequence(_) => Some("list"),
        yaml_serde::Value::Mapping(_) => Some("map"),
        yaml_serde::Value::Tagged(tagged) => compound(&tagged.value),
        _ => None,
    }
}

/// A unit written in the value string that differs from the `unit` field.
fn unit_conflict(item: &FenceItem, value: &str) -> Option<String> {
    let unit = item.unit.as_deref()?.trim();
    let suffix = value
        .trim()
        .trim_start_matches(|c: char| !c.is_ascii_digit());
    let suffix = suffix.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    let suffix = without_exponent(suffix).trim();
    let magnitude = matches!(
        suffix,
        "k" | "K" | "M" | "B" | "bn" | "x" | "+" | "thousand" | "million" | "billion"
    );
    (!suffix.is_empty() && !unit.is_empty() && suffix != unit && !magnitude).then(|| {
        format!(
            "the value of \"{}\" says \"{suffix}\" but its unit is \"{unit}\"",
            item.label
        )
    })
}

/// The text after a number's exponent (`e400 ms` → ` ms`), or the text itself when it does
/// not start with one: `1e400` and `2.5E-3` are numbers, not a unit "e400".
fn without_exponent(after_digits: &str) -> &str {
    let Some(rest) = after_digits.strip_prefix(['e', 'E']) else {
        return after_digits;
    };
    let rest = rest.strip_prefix(['+', '-']).unwrap_or(rest);
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        after_digits
    } else {
        &rest[digits..]
    }
}

/// The span of 0-based `line` of the fence's code in the file.
fn code_line(doc: &Document<'_>, block: &CodeBlock, line: usize) -> Range<usize> {
    let source = doc.source;
    let first = source.line_col(block.code_start).line;
    let start = source
        .line_start(first + line)
        .min(block.span.end.max(block.code_start));
    source.line_span(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn checks_of(text: &str) -> Vec<FenceCheck> {
        let source = SourceFile::from_string("t.md", text);
        check(&crate::markdown::parse(&source))
    }

    #[test]
    fn a_valid_fence_is_read_with_no_problems() {
        let checks = checks_of(
            "Text.\n\n```python\nx = 1\n```\n\n```metrics\ntitle: Edge\nitems:\n  - label: p99\n    value: 41\n    unit: ms\n```\n",
        );
        assert_eq!(checks.len(), 1);
        assert_eq!(checks[0].block, 1);
        assert!(checks[0].diagnostics.is_empty());
        let fence = checks[0].fence.as_ref().unwrap();
        assert_eq!(fence.items[0].value_text(), "41");
        assert!(find(&checks, 1).is_some() && find(&checks, 0).is_none());
    }

    #[test]
    fn a_fence_without_items_and_a_value_with_several_values_are_problems() {
        let messages = |text: &str| -> Vec<String> {
            checks_of(text)
                .iter()
                .flat_map(|c| c.diagnostics.iter().map(|d| d.message.clone()))
                .collect()
        };
        assert_eq!(
            messages("```metrics\n```\n"),
            ["this metrics fence has no items"]
        );
        assert_eq!(
            messages("```metrics\ntitle: Edge\nitems: []\n```\n"),
            ["this metrics fence has no items"]
        );
        assert_eq!(
            messages(
                "```metrics\nitems:\n  - label: list\n    value: [1, 2]\n  - label: map\n    value: {p50: 1}\n  - label: fine\n    value: \"< 2\"\n```\n"
            ),
            [
                "the value of \"list\" is a list, not one number",
                "the value of \"map\" is a map, not one number"
            ]
        );
        let checks = checks_of("Text.\n\n```metrics\n```\n");
        let source = SourceFile::from_string("t.md", "Text.\n\n```metrics\n```\n");
        assert_eq!(source.line(checks[0].diagnostics[0].span.start), 3);
    }

    #[test]
    fn a_wrong_value_is_reported_at_the_value_not_at_the_label() {
        let spans = |text: &str| -> Vec<String> {
            let source = SourceFile::from_string("t.md", text);
            check(&crate::markdown::parse(&source))
                .iter()
                .flat_map(|c| c.diagnostics.iter())
                .map(|d| source.text[d.span.clone()].to_owned())
                .collect()
        };
        assert_eq!(
            spans("```metrics\nitems:\n  - label: p99\n    unit: ms\n    value: fast\n```\n"),
            ["fast"]
        );
        assert_eq!(
            spans(
                "```metrics\nitems:\n  - label: ok\n    value: 1\n  - label: p99\n    value: \"2 s\"\n    unit: ms\n```\n"
            ),
            ["\"2 s\""]
        );
        // A list written under `value:`: the next item is still found.
        assert_eq!(
            spans(
                "```metrics\nitems:\n  - label: a\n    value:\n      - 1\n      - 2\n  - label: b\n    value: none\n```\n"
            ),
            ["", "none"]
        );
        // In a list item, the file's own indentation is counted.
        assert_eq!(
            spans("- step\n\n  ```metrics\n  items:\n    - label: a\n      value: none\n  ```\n"),
            ["none"]
        );
    }

    #[test]
    fn an_exponent_is_part_of_the_number_not_a_unit() {
        let messages = |value: &str| -> Vec<String> {
            checks_of(&format!(
                "```metrics\nitems:\n  - label: Rate\n    value: {value}\n    unit: ms\n```\n"
            ))
            .iter()
            .flat_map(|c| c.diagnostics.iter().map(|d| d.message.clone()))
            .collect()
        };
        for value in ["1e400", "2.5E-3", "\"3e+2 ms\""] {
            assert_eq!(messages(value), Vec::<String>::new(), "{value}");
        }
        assert_eq!(
            messages("\"1e3 s\""),
            ["the value of \"Rate\" says \"s\" but its unit is \"ms\""]
        );
        assert_eq!(
            messages("\"4 eggs\""),
            ["the value of \"Rate\" says \"eggs\" but its unit is \"ms\""]
        );
    }

    #[test]
    fn unreadable_yaml_is_one_problem_and_no_fence() {
        let checks = checks_of("```metrics\ntitle: [oops\n```\n");
        assert_eq!(checks[0].fence, None);
        assert_eq!(checks[0].diagnostics.len(), 1);
        assert_eq!(checks[0].diagnostics[0].rule, RuleId::MetricsFence);
    }

    #[test]
    fn no_panic_on_tricky_input() {
        for input in crate::text::tricky::inputs() {
            let _ = checks_of(&format!("```metrics\n{input}\n```\n"));
            let _ = checks_of(&format!(
                "```metrics\nitems:\n  - label: {input}\n    value: \"{input}\"\n    unit: {input}\n```\n"
            ));
        }
    }
}
