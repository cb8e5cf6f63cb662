//! A ```` ```metrics chart=… ```` fence drawn as an inline SVG chart at build time.
//!
//! Horizontal positions are percentages and vertical ones pixels, without a `viewBox`, so the
//! chart fills any width and its text keeps its size on a phone. Colours come from the site's
//! CSS variables (`assets/interactive.css`), so the chart follows the light and dark themes.
//! The numbers stay text: in the SVG's accessible name, and in a table under the chart.

use crate::formula::display;
use crate::highlight::escape;
use crate::markdown::chart::{Chart, ChartKind};
use crate::markdown::metrics_fence::MetricsFence;

/// A value with its unit, as the chart writes it.
fn with_unit(value: f64, unit: Option<&str>) -> String {
    match unit {
        Some(unit) if unit.starts_with('%') || unit.is_empty() => {
            format!("{}{unit}", display(value, None))
        }
        Some(unit) => format!("{} {unit}", display(value, None)),
        None => display(value, None),
    }
}

/// The fence as a chart, with its title, a table of its numbers and its source line.
pub(crate) fn chart(fence: &MetricsFence, chart: &Chart) -> String {
    let title = fence.title.as_deref().unwrap_or("Metrics");
    let unit = fence.items.first().and_then(|i| i.unit.as_deref());
    let (before, after) = (
        fence.baseline_label.as_deref().unwrap_or("Before"),
        fence.value_label.as_deref().unwrap_or("After"),
    );
    let described: Vec<String> = fence
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| match chart.kind {
            ChartKind::Compare => format!(
                "{}: {before} {}, {after} {}",
                item.label,
                with_unit(chart.baselines[i], unit),
                with_unit(chart.values[i], unit)
            ),
            _ => format!("{}: {}", item.label, with_unit(chart.values[i], unit)),
        })
        .collect();
    let kind_name = match chart.kind {
        ChartKind::Bar => "Bar chart",
        ChartKind::Line => "Line chart",
        ChartKind::Compare => "Comparison chart",
    };
    let name = format!("{kind_name}, {title}. {}", described.join("; "));
    let labels: Vec<&str> = fence.items.iter().map(|i| i.label.as_str()).collect();
    let (svg_body, height) = match chart.kind {
        ChartKind::Bar => bars(&labels, &chart.values, unit),
        ChartKind::Line => line(&labels, &chart.values, unit),
        ChartKind::Compare => compare(
            &labels,
            &chart.baselines,
            &chart.values,
            unit,
            (before, after),
        ),
    };
    let class = match chart.kind {
        ChartKind::Bar => "bar",
        ChartKind::Line => "line",
        ChartKind::Compare => "compare",
    };
    let mut html = format!(
        "<section class=\"metrics metrics-chart\" data-block=\"chart\" aria-label=\"{t}\">\n<p class=\"metrics-title\">{t}</p>\n<figure class=\"chart chart-kind-{class}\"><svg class=\"chart-svg\" width=\"100%\" height=\"{height}\" role=\"img\" aria-label=\"{name}\"><title>{name}</title>{svg_body}</svg></figure>\n",
        t = escape(title),
        name = escape(&name),
    );
    html.push_str(&table(fence, chart, unit, (before, after)));
    html.push_str(&super::blocks::source_and_end(fence));
    html
}

/// The horizontal axis of the bars: from `lo` (the most negative value, or 0) to `hi` (the
/// largest value, or 0). A positive value's bar runs right from the zero line, a negative
/// one's left from it; with no negative value the zero line is the left edge.
struct Axis {
    lo: f64,
    hi: f64,
}

impl Axis {
    fn of<'a>(values: impl Iterator<Item = &'a f64>) -> Self {
        values.fold(Self { lo: 0.0, hi: 0.0 }, |axis, &v| Self {
            lo: axis.lo.min(v),
            hi: axis.hi.max(v),
        })
    }

    /// `value` as a share (0 to 1) of the axis's span. Every value is first divided by the
    /// largest magnitude, so a span wider than the largest float (`-1e308` to `1e308`) does
    /// not overflow to infinity.
    fn share(&self, value: f64) -> f64 {
        let scale = self.lo.abs().max(self.hi);
        let span = self.hi / scale - self.lo / scale;
        if span > 0.0 {
            value / scale / span
        } else {
            0.0
        }
    }

    /// Where the zero line is, as a share of the width (0 to 100).
    fn zero(&self) -> f64 {
        self.share(-self.lo) * 100.0
    }

    /// The `x` and `width` of the bar of `value`, as SVG percentages; a bar that is not zero
    /// is at least half a percent wide, so it shows.
    fn bar(&self, value: f64) -> (String, String) {
        let width = self.share(value.abs()) * 100.0;
        let width = if value != 0.0 { width.max(0.5) } else { 0.0 };
        let x = if value < 0.0 {
            (self.zero() - width).max(0.0)
        } else {
            self.zero()
        };
        let x = if x == 0.0 {
            "0".to_owned()
        } else {
            format!("{x:.2}%")
        };
        (x, format!("{width:.2}%"))
    }

    /// The zero line from `top` to `bottom` (pixels), drawn when a value is negative.
    fn zero_line(&self, top: usize, bottom: usize) -> String {
        if self.lo >= 0.0 {
            return String::new();
        }
        format!(
            "<line class=\"chart-zero\" x1=\"{z:.2}%\" x2=\"{z:.2}%\" y1=\"{top}\" y2=\"{bottom}\" stroke=\"currentColor\"/>",
            z = self.zero()
        )
    }
}

fn bars(labels: &[&str], values: &[f64], unit: Option<&str>) -> (String, usize) {
    let axis = Axis::of(values.iter());
    let height = labels.len() * 44 + 4;
    let mut svg = String::new();
    for (i, (label, value)) in labels.iter().zip(values).enumerate() {
        let y = i * 44 + 16;
        let (x, width) = axis.bar(*value);
        svg.push_str(&format!(
            "<text class=\"chart-label\" x=\"0\" y=\"{y}\">{}</text><text class=\"chart-value\" x=\"100%\" y=\"{y}\" text-anchor=\"end\">{}</text><rect class=\"chart-bar\" x=\"{x}\" y=\"{}\" width=\"{width}\" height=\"14\" rx=\"3\"/>",
            escape(label),
            escape(&with_unit(*value, unit)),
            y + 8,
        ));
    }
    svg.push_str(&axis.zero_line(20, height));
    (svg, height)
}

fn compare(
    labels: &[&str],
    baselines: &[f64],
    values: &[f64],
    unit: Option<&str>,
    (before, after): (&str, &str),
) -> (String, usize) {
    let axis = Axis::of(values.iter().chain(baselines));
    let mut svg = format!(
        "<rect class=\"chart-bar chart-bar-base\" x=\"0\" y=\"4\" width=\"12\" height=\"12\" rx=\"2\"/><text class=\"chart-key\" x=\"0\" dx=\"18\" y=\"14\">{}</text><rect class=\"chart-bar\" x=\"0\" y=\"24\" width=\"12\" height=\"12\" rx=\"2\"/><text class=\"chart-key\" x=\"0\" dx=\"18\" y=\"34\">{}</text>",
        escape(before),
        escape(after)
    );
    for (i, label) in labels.iter().enumerate() {
        let y = i * 62 + 66;
        let (base_x, base_width) = axis.bar(baselines[i]);
        let (x, width) = axis.bar(values[i]);
        svg.push_str(&format!(
            "<text class=\"chart-label\" x=\"0\" y=\"{y}\">{}</text><text class=\"chart-value\" x=\"100%\" y=\"{y}\" text-anchor=\"end\">{} → {}</text><rect class=\"chart-bar chart-bar-base\" x=\"{base_x}\" y=\"{}\" width=\"{base_width}\" height=\"12\" rx=\"3\"/><rect class=\"chart-bar\" x=\"{x}\" y=\"{}\" width=\"{width}\" height=\"12\" rx=\"3\"/>",
            escape(label),
            escape(&with_unit(baselines[i], unit)),
            escape(&with_unit(values[i], unit)),
            y + 8,
            y + 24,
        ));
    }
    let height = labels.len() * 62 + 54;
    svg.push_str(&axis.zero_line(70, height));
    (svg, height)
}

fn line(labels: &[&str], values: &[f64], unit: Option<&str>) -> (String, usize) {
    const TOP: f64 = 34.0;
    const BOTTOM: f64 = 170.0;
    let lo = values.iter().fold(0.0f64, |m, v| m.min(*v));
    let hi = values.iter().fold(lo, |m, v| m.max(*v));
    let span = if hi > lo { hi - lo } else { 1.0 };
    let n = values.len();
    let x = |i: usize| {
        if n == 1 {
            50.0
        } else {
            4.0 + 92.0 * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: f64| BOTTOM - (v - lo) / span * (BOTTOM - TOP);
    let anchor = |i: usize| match i {
        _ if n == 1 => "middle",
        0 => "start",
        i if i + 1 == n => "end",
        _ => "middle",
    };
    let label_x = |i: usize| match anchor(i) {
        "start" => 0.0,
        "end" => 100.0,
        _ => x(i),
    };
    let mut svg = format!(
        "<line class=\"chart-axis\" x1=\"0\" x2=\"100%\" y1=\"{BOTTOM}\" y2=\"{BOTTOM}\"/>"
    );
    for i in 1..n {
        svg.push_str(&format!(
            "<line class=\"chart-line\" x1=\"{:.2}%\" y1=\"{:.1}\" x2=\"{:.2}%\" y2=\"{:.1}\"/>",
            x(i - 1),
            y(values[i - 1]),
            x(i),
            y(values[i])
        ));
    }
    for (i, (label, value)) in labels.iter().zip(values).enumerate() {
        svg.push_str(&format!(
            "<circle class=\"chart-point\" cx=\"{:.2}%\" cy=\"{:.1}\" r=\"4\"/><text class=\"chart-value\" x=\"{:.2}%\" y=\"{:.1}\" text-anchor=\"{a}\">{}</text><text class=\"chart-label\" x=\"{:.2}%\" y=\"192\" text-anchor=\"{a}\">{}</text>",
            x(i),
            y(*value),
            label_x(i),
            y(*value) - 10.0,
            escape(&with_unit(*value, unit)),
            label_x(i),
            escape(label),
            a = anchor(i),
        ));
    }
    (svg, 200)
}

/// The numbers as a table, for every reader (and for screen readers, which skip the drawing).
fn table(
    fence: &MetricsFence,
    chart: &Chart,
    unit: Option<&str>,
    (before, after): (&str, &str),
) -> String {
    let compare = chart.kind == ChartKind::Compare;
    let notes = fence.items.iter().any(|i| i.note.is_some());
    let mut html = String::from(
        "<details class=\"chart-data\"><summary>The numbers</summary><div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Metric</th>",
    );
    if compare {
        html.push_str(&format!(
            "<th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
            escape(before),
            escape(after)
        ));
    } else {
        html.push_str("<th scope=\"col\">Value</th>");
    }
    if notes {
        html.push_str("<th scope=\"col\">Note</th>");
    }
    html.push_str("</tr></thead><tbody>");
    for (i, item) in fence.items.iter().enumerate() {
        html.push_str(&format!(
            "<tr><th scope=\"row\">{}</th>",
            escape(&item.label)
        ));
        if compare {
            html.push_str(&format!(
                "<td>{}</td>",
                escape(&with_unit(chart.baselines[i], unit))
            ));
        }
        html.push_str(&format!(
            "<td>{}</td>",
            escape(&with_unit(chart.values[i], unit))
        ));
        if notes {
            html.push_str(&format!(
                "<td>{}</td>",
                escape(item.note.as_deref().unwrap_or(""))
            ));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table></div></details>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `x` and `width` of each `chart-bar` rect of `svg`, as written.
    fn rects(svg: &str) -> Vec<(String, String)> {
        svg.split("<rect class=\"chart-bar")
            .skip(1)
            .map(|rect| {
                let attr = |name: &str| {
                    let start = rect.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
                    rect[start..].split('"').next().unwrap_or("").to_owned()
                };
                (attr("x"), attr("width"))
            })
            .collect()
    }

    #[test]
    fn positive_bars_start_at_the_left_edge_with_no_zero_line() {
        let (svg, _) = bars(&["a", "b"], &[50.0, 100.0], Some("ms"));
        assert_eq!(
            rects(&svg),
            [
                ("0".to_owned(), "50.00%".to_owned()),
                ("0".to_owned(), "100.00%".to_owned())
            ]
        );
        assert!(!svg.contains("chart-zero"));
    }

    #[test]
    fn a_negative_bar_runs_left_from_a_zero_line() {
        let (svg, height) = bars(&["loss", "gain"], &[-25.0, 75.0], Some("%"));
        // The axis runs from -25 to 75: zero is a quarter of the way across.
        assert_eq!(
            rects(&svg),
            [
                ("0".to_owned(), "25.00%".to_owned()),
                ("25.00%".to_owned(), "75.00%".to_owned())
            ]
        );
        assert!(
            svg.contains(&format!(
                "<line class=\"chart-zero\" x1=\"25.00%\" x2=\"25.00%\" y1=\"20\" y2=\"{height}\""
            )),
            "{svg}"
        );
        let (svg, _) = bars(&["a", "b"], &[-10.0, -40.0], None);
        assert_eq!(
            rects(&svg),
            [
                ("75.00%".to_owned(), "25.00%".to_owned()),
                ("0".to_owned(), "100.00%".to_owned())
            ]
        );
    }

    #[test]
    fn values_at_the_ends_of_the_float_range_are_scaled_without_overflow() {
        let (svg, _) = bars(&["low", "high"], &[-1e308, 1e308], None);
        assert_eq!(
            rects(&svg),
            [
                ("0".to_owned(), "50.00%".to_owned()),
                ("50.00%".to_owned(), "50.00%".to_owned())
            ]
        );
        assert!(svg.contains("x1=\"50.00%\""), "{svg}");
    }

    #[test]
    fn a_comparison_draws_negative_baselines_and_values_from_zero() {
        let (svg, _) = compare(&["a"], &[-50.0], &[50.0], None, ("Before", "After"));
        let bars: Vec<_> = rects(&svg).into_iter().skip(2).collect();
        assert_eq!(
            bars,
            [
                ("0".to_owned(), "50.00%".to_owned()),
                ("50.00%".to_owned(), "50.00%".to_owned())
            ]
        );
        assert!(svg.contains("chart-zero"));
    }
}
