//! Charts of ```` ```metrics ```` fences: ```` ```metrics chart=bar ```` (or `line`, or
//! `compare` for each item's `baseline` beside its `value`) asks for the fence to be drawn as
//! a chart at build time ([`crate::markdown::html::chart`]).
//!
//! [`check`] reads the option from the info string and checks that the fence can be drawn:
//! every value (and, for `compare`, every baseline) a plain number, one unit across the items.
//! Its problems are `metrics-fence` findings at the value's line and column; the fence is then
//! shown as cards, as it would be without the option.

use crate::diagnostic::{Diagnostic, RuleId};
use crate::markdown::fence_lines::FenceLines;
use crate::markdown::metrics_fence::MetricsFence;
use crate::markdown::{CodeBlock, Document};

/// The kind of chart a metrics fence asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChartKind {
    /// One horizontal bar per item.
    Bar,
    /// The items as points joined in order.
    Line,
    /// Per item, its baseline and its value as two bars.
    Compare,
}

/// A chart that can be drawn: its kind and each item's numbers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Chart {
    /// What to draw.
    pub(crate) kind: ChartKind,
    /// Each item's value, in order.
    pub(crate) values: Vec<f64>,
    /// Each item's baseline (`compare` only; empty otherwise).
    pub(crate) baselines: Vec<f64>,
}

const HELP: &str = "a chart is drawn from numbers: write each value as a number (`41`, `93.5`) and put words in `note`; without `chart=` the fence is shown as cards, which take any value";

/// The `chart=` option of the fence's info string: its kind, or the problem with it.
fn option(
    lines: &FenceLines<'_>,
    doc: &Document<'_>,
    block: &CodeBlock,
) -> Result<Option<ChartKind>, Box<Diagnostic>> {
    let Some(at) = block.info.find("chart=") else {
        return Ok(None);
    };
    let value = block.info[at + "chart=".len()..]
        .split_whitespace()
        .next()
        .unwrap_or("");
    match value.trim_matches('"') {
        "bar" => Ok(Some(ChartKind::Bar)),
        "line" => Ok(Some(ChartKind::Line)),
        "compare" => Ok(Some(ChartKind::Compare)),
        other => {
            let fence = lines.fence();
            let line = &doc.source.text[fence.clone()];
            let start = fence.start + line.find("chart=").unwrap_or(0);
            Err(Box::new(
                Diagnostic::new(
                    RuleId::MetricsFence,
                    &doc.source.rel_path,
                    start..fence.end,
                    format!("unknown chart `{other}`"),
                )
                .help("write `chart=bar`, `chart=line` or `chart=compare` after ```metrics"),
            ))
        }
    }
}

/// A value as a chart reads it: a YAML number, or a string that is only a number.
fn number(value: &yaml_serde::Value) -> Option<f64> {
    let n = match value {
        yaml_serde::Value::Number(n) => n.as_f64(),
        yaml_serde::Value::String(s) => s.trim().replace(',', "").parse::<f64>().ok(),
        _ => None,
    }?;
    n.is_finite().then_some(n)
}

/// The chart `block` asks for, when it can be drawn; the problems that keep it from being drawn.
pub(crate) fn check(
    doc: &Document<'_>,
    block: &CodeBlock,
    fence: &MetricsFence,
) -> (Option<Chart>, Vec<Diagnostic>) {
    let lines = FenceLines::new(doc, block);
    let kind = match option(&lines, doc, block) {
        Ok(Some(kind)) => kind,
        Ok(None) => return (None, Vec::new()),
        Err(problem) => return (None, vec![*problem]),
    };
    let file = &doc.source.rel_path;
    let items = lines.items("items");
    let mut problems = Vec::new();
    let mut chart = Chart {
        kind,
        values: Vec::new(),
        baselines: Vec::new(),
    };
    let mut report = |key: &str, i: usize, message: String| {
        let (line, column) = lines.key_in(items.get(i).copied(), key);
        problems.push(
            Diagnostic::new(
                RuleId::MetricsFence,
                file,
                lines.span(line, column),
                message,
            )
            .help(HELP),
        );
    };
    if fence.items.is_empty() {
        report("items", 0, "a chart needs items to draw".to_owned());
    }
    for (i, item) in fence.items.iter().enumerate() {
        match number(&item.value) {
            Some(v) => chart.values.push(v),
            None => report(
                "value",
                i,
                format!(
                    "the chart cannot draw \"{}\": its value \"{}\" is not a number",
                    item.label,
                    item.value_text()
                ),
            ),
        }
        if kind != ChartKind::Compare {
            continue;
        }
        match item.baseline.as_ref().map(|b| (b, number(b))) {
            Some((_, Some(v))) => chart.baselines.push(v),
            Some((raw, None)) => report(
                "baseline",
                i,
                format!(
                    "the chart cannot draw \"{}\": its baseline \"{}\" is not a number",
                    item.label,
                    crate::markdown::metrics_fence::value_text(raw)
                ),
            ),
            None => report(
                "value",
                i,
                format!(
                    "a comparison chart needs a `baseline` for \"{}\"",
                    item.label
                ),
            ),
        }
    }
    let first_unit = fence
        .items
        .first()
        .map(|i| i.unit.clone().unwrap_or_default());
    if let Some(first) = first_unit
        && let Some(i) = fence
            .items
            .iter()
            .position(|i| i.unit.clone().unwrap_or_default() != first)
    {
        report(
            "unit",
            i,
            format!(
                "a chart draws one unit, but \"{}\" is in \"{}\" and the first item in \"{first}\"",
                fence.items[i].label,
                fence.items[i].unit.clone().unwrap_or_default()
            ),
        );
    }
    if problems.is_empty() {
        (Some(chart), problems)
    } else {
        (None, problems)
    }
}

#[cfg(test)]
mod tests {
    use crate::source::SourceFile;

    fn check_text(text: &str) -> (SourceFile, Vec<crate::markdown::metrics_fence::FenceCheck>) {
        let source = SourceFile::from_string("t.md", text);
        let checks = crate::markdown::metrics_fence::check(&crate::markdown::parse(&source));
        (source, checks)
    }

    #[test]
    fn a_bar_chart_reads_its_numbers() {
        let (_, checks) = check_text(
            "```metrics chart=bar\nitems:\n  - label: a\n    value: 41\n    unit: ms\n  - label: b\n    value: \"1,200\"\n    unit: ms\n```\n",
        );
        assert!(
            checks[0].diagnostics.is_empty(),
            "{:?}",
            checks[0].diagnostics
        );
        let chart = checks[0].chart.as_ref().unwrap();
        assert_eq!(chart.values, [41.0, 1200.0]);
    }

    #[test]
    fn a_value_that_is_not_a_number_is_reported_at_its_column() {
        let (source, checks) = check_text(
            "# T\n\n```metrics chart=line\nitems:\n  - label: a\n    value: 41\n  - label: b\n    value: \"< 2\"\n```\n",
        );
        assert!(checks[0].chart.is_none());
        assert!(
            checks[0].fence.is_some(),
            "the fence is still shown as cards"
        );
        let d = &checks[0].diagnostics;
        assert_eq!(d.len(), 1, "{d:?}");
        let at = source.line_col(d[0].span.start);
        assert_eq!((at.line, at.column), (8, 12));
        assert!(d[0].message.contains("\"< 2\" is not a number"));
    }

    #[test]
    fn comparisons_need_baselines_and_kinds_must_be_known() {
        let (_, checks) = check_text(
            "```metrics chart=compare\nitems:\n  - label: a\n    value: 41\n    baseline: 120\n  - label: b\n    value: 2\n```\n",
        );
        assert_eq!(checks[0].diagnostics.len(), 1);
        assert!(
            checks[0].diagnostics[0]
                .message
                .contains("needs a `baseline` for \"b\"")
        );
        let (_, checks) =
            check_text("```metrics chart=pie\nitems:\n  - label: a\n    value: 1\n```\n");
        assert!(
            checks[0].diagnostics[0]
                .message
                .contains("unknown chart `pie`")
        );
        let (_, checks) = check_text(
            "```metrics chart=bar\nitems:\n  - label: a\n    value: 1\n    unit: ms\n  - label: b\n    value: 2\n    unit: s\n```\n",
        );
        assert!(checks[0].diagnostics[0].message.contains("one unit"));
    }
}
