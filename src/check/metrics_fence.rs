//! `metrics-fence`: the structured ```` ```metrics ```` form must be valid YAML with the
//! known fields, a non-empty label and a number in every value, and consistent units.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::markdown::metrics::{FenceItem, has_number, parse_fence};
use crate::markdown::{CodeBlock, Document};

/// Problems in every ```` ```metrics ```` fence of the document.
pub fn check(doc: &Document<'_>) -> Vec<Diagnostic> {
    doc.code_blocks
        .iter()
        .filter(|b| b.lang.as_deref() == Some("metrics"))
        .flat_map(|b| fence(doc, b))
        .collect()
}

fn fence(doc: &Document<'_>, block: &CodeBlock) -> Vec<Diagnostic> {
    let file = &doc.source.rel_path;
    let fence = match parse_fence(&block.code) {
        Ok(fence) => fence,
        Err(err) => {
            let (offset, message) = crate::yaml::locate(doc.source, block.code_start, &err);
            return vec![
                Diagnostic::new("metrics-fence", file, offset..offset, format!("metrics fence is not valid: {message}"))
                    .help("a metrics fence has `title`, `source` and `items`; each item has `label`, `value`, and optionally `unit` and `note`"),
            ];
        }
    };
    let lines = item_lines(&block.code);
    let mut out = Vec::new();
    let mut units: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for (i, item) in fence.items.iter().enumerate() {
        let span = code_line(doc, block, lines.get(i).copied().unwrap_or(0));
        let problem = |m: String| Diagnostic::new("metrics-fence", file, span.clone(), m);
        if item.label.trim().is_empty() {
            out.push(
                problem(format!("metric {} has an empty label", i + 1))
                    .help("give every item a `label` saying what is measured"),
            );
        }
        let value = item.value_text();
        if !has_number(&value) {
            out.push(problem(format!("the value of \"{}\" has no number: \"{value}\"", item.label)).help("a metric's value must contain a number (\"41\", \"< 2\", \"1.2k\"); put words in `note`"));
        }
        if let Some(conflict) = unit_conflict(item, &value) {
            out.push(problem(conflict).help("write the unit once, in `unit`"));
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

/// A unit written in the value string that differs from the `unit` field.
fn unit_conflict(item: &FenceItem, value: &str) -> Option<String> {
    let unit = item.unit.as_deref()?.trim();
    let suffix = value
        .trim()
        .trim_start_matches(|c: char| !c.is_ascii_digit());
    let suffix = suffix
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
        .trim();
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

/// 0-based line (within the fence's code) where each item starts: lines that begin `- `.
fn item_lines(code: &str) -> Vec<usize> {
    code.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("- "))
        .map(|(i, _)| i)
        .collect()
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
