//! Metrics blocks: the places where an episode gives numbers.
//!
//! Real episodes write metrics in many forms; [`find`] recognises them all from a parsed
//! [`Document`] without re-parsing:
//! - bold-label bullets with numbers (`- **Label**: 12 ms`, colon inside or outside the bold),
//!   and the inverted form with the number in the bold (`- **12.8M requests/min**: …`), with
//!   plain `Label: value` sub-bullets counted in their parent's block;
//! - such a list under a bold label line (`**The Numbers:**` or `**PERFORMANCE METRICS**:`),
//!   which becomes its title;
//! - tables with numeric cells;
//! - fenced `Key: value` blocks with numbers;
//! - the ```` ```metrics ```` fence, our structured YAML form, as read by
//!   [`metrics_fence::check`].

use std::ops::Range;

use crate::markdown::document::{CodeBlock, Document, ListItem};
use crate::markdown::metrics_fence::{self, FenceCheck};

/// Which form a metrics block is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MetricsForm {
    /// Bold-label bullets.
    BoldList,
    /// A table with numeric cells.
    Table,
    /// A fenced block of `Key: value` lines.
    KeyValueFence,
    /// A ```` ```metrics ```` fence.
    MetricsFence,
}

/// One metric: a label and the value as written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Metric {
    /// What is measured ("p99 latency").
    pub label: String,
    /// The value as written ("41 ms").
    pub value: String,
}

/// A metrics block found in a document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MetricsBlock {
    /// The form it is written in.
    pub form: MetricsForm,
    /// Span in the file.
    pub span: Range<usize>,
    /// Its title: the bold label line above it, the fence's `title`, or `None`.
    pub title: Option<String>,
    /// The metrics it gives.
    pub metrics: Vec<Metric>,
}

/// True when the text contains a digit.
pub fn has_number(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
}

/// Every metrics block in the document, in order; `fences` are its ```` ```metrics ```` fences
/// as [`metrics_fence::check`] read them.
pub fn find(doc: &Document<'_>, fences: &[FenceCheck]) -> Vec<MetricsBlock> {
    let mut blocks = Vec::new();
    blocks.extend(bold_lists(doc));
    blocks.extend(doc.tables.iter().filter_map(|t| {
        let metrics: Vec<Metric> = t
            .rows
            .iter()
            .filter(|row| row.iter().skip(1).any(|c| has_number(c)))
            .map(|row| Metric {
                label: row.first().cloned().unwrap_or_default(),
                value: row[1..].join(" | "),
            })
            .collect();
        (metrics.len() >= 2).then(|| MetricsBlock {
            form: MetricsForm::Table,
            span: t.span.clone(),
            title: title_above(doc, t.span.start),
            metrics,
        })
    }));
    blocks.extend(
        doc.code_blocks
            .iter()
            .enumerate()
            .filter_map(|(index, b)| fenced_metrics(doc, fences, index, b)),
    );
    blocks.sort_by_key(|b| b.span.start);
    blocks
}

/// Bold-label bullets grouped by their top-level list: nested bullets (`- Payment Service:
/// 78% peak` under `- **Thread Pool Utilization**:`) stay in their parent's block.
fn bold_lists(doc: &Document<'_>) -> Vec<MetricsBlock> {
    let mut blocks: Vec<MetricsBlock> = Vec::new();
    let mut current: Option<(usize, MetricsBlock)> = None;
    let mut top: Option<(usize, Range<usize>)> = None;
    for item in &doc.list_items {
        if item.depth() == 0 {
            top = Some((item.list(), item.span()));
        }
        let root = match &top {
            Some((list, span)) if span.contains(&item.span().start) => *list,
            _ => item.list(),
        };
        let metric = bold_metric(doc, item).or_else(|| {
            (item.depth() > 0 && item.lead_strong().is_none())
                .then(|| key_value(doc.text_of(&item.text())))
                .flatten()
        });
        let Some(metric) = metric else {
            continue;
        };
        match current.as_mut() {
            Some((list, block)) if *list == root => {
                block.span.end = block.span.end.max(item.span().end);
                block.metrics.push(metric);
            }
            _ => {
                if let Some((_, done)) = current.take() {
                    blocks.push(done);
                }
                let block = MetricsBlock {
                    form: MetricsForm::BoldList,
                    span: item.span(),
                    title: title_above(doc, item.span().start),
                    metrics: vec![metric],
                };
                current = Some((root, block));
            }
        }
    }
    blocks.extend(current.map(|(_, b)| b));
    blocks.retain(|b| b.metrics.len() >= 2);
    blocks
}

/// A bold-label bullet with a number in the label or the value.
fn bold_metric(doc: &Document<'_>, item: &ListItem) -> Option<Metric> {
    let lead = doc.lead_of(item)?;
    let label = lead.trim_end_matches(':').trim();
    let rest = doc.text_of(&item.text()).get(lead.len()..).unwrap_or("");
    let value = rest
        .trim_start_matches(|c: char| c == ':' || c.is_whitespace())
        .trim();
    (has_number(label) || has_number(value)).then(|| Metric {
        label: label.to_owned(),
        value: value.to_owned(),
    })
}

fn fenced_metrics(
    doc: &Document<'_>,
    fences: &[FenceCheck],
    index: usize,
    block: &CodeBlock,
) -> Option<MetricsBlock> {
    if block.lang.as_deref() == Some("metrics") {
        let fence = metrics_fence::find(fences, index)?.fence.as_ref()?;
        let metrics = fence
            .items
            .iter()
            .map(|i| Metric {
                label: i.label.clone(),
                value: format!("{} {}", i.value_text(), i.unit.as_deref().unwrap_or(""))
                    .trim()
                    .to_owned(),
            })
            .collect();
        return Some(MetricsBlock {
            form: MetricsForm::MetricsFence,
            span: block.span.clone(),
            title: fence.title.clone(),
            metrics,
        });
    }
    if !matches!(block.lang.as_deref(), None | Some("text" | "txt" | "plain")) {
        return None;
    }
    let lines: Vec<&str> = block
        .code
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let metrics: Vec<Metric> = lines.iter().filter_map(|l| key_value(l)).collect();
    let mostly_key_values = metrics.len() >= 2 && metrics.len() * 2 >= lines.len();
    mostly_key_values.then(|| MetricsBlock {
        form: MetricsForm::KeyValueFence,
        span: block.span.clone(),
        title: title_above(doc, block.span.start),
        metrics,
    })
}

fn key_value(line: &str) -> Option<Metric> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim().trim_start_matches(['-', '*', ' ']);
    let ok = !key.is_empty()
        && key.len() <= 60
        && key.chars().next().is_some_and(char::is_alphabetic)
        && has_number(value);
    ok.then(|| Metric {
        label: key.to_owned(),
        value: value.trim().to_owned(),
    })
}

/// The bold label line directly above `offset` (only blank lines between), if any:
/// `**The Numbers:**`, or `**PERFORMANCE METRICS**:` with the colon outside the bold.
fn title_above(doc: &Document<'_>, offset: usize) -> Option<String> {
    let end = doc.paragraphs.partition_point(|p| p.span().end <= offset);
    let para = doc.paragraphs.get(end.checked_sub(1)?)?;
    let between = doc.source.text.get(para.span().end..offset)?;
    let written = doc.source.text.get(para.span())?.trim();
    // `**:` alone both starts with `**` and ends with `**:`: strip both ends, never slice.
    let colon_outside = written
        .strip_prefix("**")
        .and_then(|inner| inner.strip_suffix("**:"))
        .is_some_and(|label| !label.trim().is_empty() && !label.contains("**"));
    ((para.is_bold_label() || colon_outside) && between.trim().is_empty()).then(|| {
        doc.text_of(&para.text())
            .trim_end_matches(':')
            .trim()
            .to_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn blocks(text: &str) -> Vec<MetricsBlock> {
        let source = SourceFile::from_string("t.md", text);
        let doc = crate::markdown::parse(&source);
        find(&doc, &metrics_fence::check(&doc))
    }

    #[test]
    fn bold_list_under_label_line_takes_its_title() {
        let found = blocks(
            "**The Numbers:**\n\n- **Latency**: 12 ms\n- **Hit rate:** 93%\n- **12.8 million requests per minute**: peak\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title.as_deref(), Some("The Numbers"));
        assert_eq!(
            found[0].metrics[1],
            Metric {
                label: "Hit rate".into(),
                value: "93%".into()
            }
        );
        assert_eq!(
            found[0].metrics[2].label,
            "12.8 million requests per minute"
        );
    }

    #[test]
    fn label_line_with_colon_outside_the_bold_titles_the_list() {
        let found = blocks("**PERFORMANCE METRICS**:\n- **Latency**: 12 ms\n- **Errors**: 0.1%\n");
        assert_eq!(found[0].title.as_deref(), Some("PERFORMANCE METRICS"));
    }

    #[test]
    fn regression_nested_plain_bullets_stay_in_their_parents_block() {
        let found = blocks(
            "- **Thread Pool Utilization**:\n  - Payment Service: 78% peak\n  - Order Service: 82% peak\n- **Rejection Rate**: 0.02%\n",
        );
        assert_eq!(found.len(), 1);
        let labels: Vec<_> = found[0].metrics.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(
            labels,
            ["Payment Service", "Order Service", "Rejection Rate"]
        );
    }

    #[test]
    fn bold_list_without_numbers_is_not_metrics() {
        assert!(
            blocks("- **Chaos Days**: monthly exercises\n- **Blameless**: learning\n").is_empty()
        );
    }

    #[test]
    fn metrics_fence_and_key_value_fence_and_table() {
        let text = "```metrics\ntitle: Edge\nitems:\n  - label: p99\n    value: 41\n    unit: ms\n  - label: Hit\n    value: 93.5\n    unit: \"%\"\n```\n\n```\nThroughput: 10k/s\nErrors: 0.1%\n```\n\n| Metric | Value |\n|---|---|\n| p50 | 3 ms |\n| p99 | 12 ms |\n";
        let forms: Vec<_> = blocks(text).iter().map(|b| b.form).collect();
        assert_eq!(
            forms,
            [
                MetricsForm::MetricsFence,
                MetricsForm::KeyValueFence,
                MetricsForm::Table
            ]
        );
        assert_eq!(blocks(text)[0].metrics[0].value, "41 ms");
    }

    #[test]
    fn regression_stray_bold_colon_above_a_metrics_list() {
        let found = blocks("**:\n- **Latency**: 12 ms\n- **Errors**: 0.1%\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title, None);
    }

    #[test]
    fn no_panic_on_tricky_input() {
        for input in crate::text::tricky::inputs() {
            let _ = blocks(&input);
            let _ = blocks(&format!("{input}\n- **A**: 1\n- **B**: 2\n"));
            let _ = key_value(&input);
        }
    }
}
