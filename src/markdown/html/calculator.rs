//! A checked ```` ```calculator ```` or ```` ```simulator ```` fence as HTML: labelled inputs (a
//! slider tied to a number field, or a select), outputs in `<output aria-live="polite">` holding
//! the values computed at build time, and for a simulator an inline SVG plot of its runs. The
//! formulas ride along as JSON trees in `data-calc`, which `assets/interactive.js` evaluates as
//! the reader moves a slider. A fence with a finding is shown as its source.

use serde_json::json;

use crate::formula::display;
use crate::highlight::escape;
use crate::markdown::CodeBlock;
use crate::markdown::calculator::{CalcKind, Calculator, Control, Input};

/// The plot's drawing area, in SVG units (stretched to the figure's width).
const PLOT_W: f64 = 600.0;
const PLOT_H: f64 = 200.0;

/// The block: the calculator, or the fence as its source when it has problems.
pub(crate) fn block(block: &CodeBlock, calculator: Option<&Calculator>, id: &str) -> String {
    match calculator {
        Some(calc) => render(calc, id),
        None => format!(
            "<div class=\"codeblock calc-invalid\">\n<div class=\"code-head\"><span class=\"code-lang\">{} (not valid)</span></div>\n<pre class=\"hl-code\" tabindex=\"0\"><code>{}</code></pre>\n</div>\n",
            escape(block.lang.as_deref().unwrap_or("calculator")),
            escape(&block.code)
        ),
    }
}

fn render(calc: &Calculator, id: &str) -> String {
    let data = json!({
        "kind": calc.kind.fence(),
        "steps": calc.steps,
        "outputs": calc.outputs.iter().map(|o| json!({
            "f": o.formula.to_json(),
            "i": o.initial.to_json(),
            "d": o.decimals,
        })).collect::<Vec<_>>(),
    });
    let title = calc.title.as_deref().unwrap_or(match calc.kind {
        CalcKind::Calculator => "Calculator",
        CalcKind::Simulator => "Simulator",
    });
    let mut html = format!(
        "<section class=\"calc calc-{kind}\" data-block=\"{kind}\" id=\"{id}\" aria-labelledby=\"{id}-title\" data-calc=\"{data}\">\n<p class=\"calc-title\" id=\"{id}-title\">{title}</p>\n<div class=\"calc-inputs\">\n",
        kind = calc.kind.fence(),
        data = escape(&data.to_string()),
        title = escape(title),
    );
    for input in &calc.inputs {
        html.push_str(&input_html(input, id));
    }
    html.push_str("</div>\n");
    let input_ids: Vec<String> = calc
        .inputs
        .iter()
        .map(|i| format!("{id}-{}", i.name))
        .collect();
    let env = calc.env();
    let values: Vec<f64> = match calc.kind {
        CalcKind::Calculator => calc.values(&env),
        CalcKind::Simulator => {
            let runs = calc.runs(&env);
            html.push_str(&plot(calc, &runs, id));
            runs.iter()
                .map(|r| r.last().copied().unwrap_or(f64::NAN))
                .collect()
        }
    };
    html.push_str("<div class=\"calc-outputs\">\n");
    for (i, (output, value)) in calc.outputs.iter().zip(values).enumerate() {
        let label = match calc.kind {
            CalcKind::Calculator => escape(&output.label),
            CalcKind::Simulator => format!("{} after {} steps", escape(&output.label), calc.steps),
        };
        let unit = output.unit.as_deref().map_or(String::new(), |u| {
            format!(" <span class=\"calc-unit\">{}</span>", escape(u))
        });
        html.push_str(&format!(
            "<div class=\"calc-output\"><span class=\"calc-output-label\" id=\"{id}-o{i}-label\">{label}</span> <output id=\"{id}-o{i}\" for=\"{for_ids}\" aria-live=\"polite\" aria-labelledby=\"{id}-o{i}-label\"><span class=\"calc-value\">{value}</span>{unit}</output></div>\n",
            for_ids = input_ids.join(" "),
            value = display(value, output.decimals),
        ));
    }
    html.push_str("</div>\n");
    if let Some(note) = &calc.note {
        html.push_str(&format!("<p class=\"calc-note\">{}</p>\n", escape(note)));
    }
    html.push_str("</section>\n");
    html
}

fn input_html(input: &Input, id: &str) -> String {
    let field = format!("{id}-{}", input.name);
    let name = escape(&input.name);
    let unit = input.unit.as_deref().map_or(String::new(), |u| {
        format!("<span class=\"calc-unit\">{}</span>", escape(u))
    });
    let control = match &input.control {
        Control::Range { min, max, step } => format!(
            "<input type=\"range\" id=\"{field}-range\" data-name=\"{name}\" min=\"{min}\" max=\"{max}\" step=\"{step}\" value=\"{value}\" aria-labelledby=\"{field}-label\"><input type=\"number\" id=\"{field}\" data-name=\"{name}\" min=\"{min}\" max=\"{max}\" step=\"{step}\" value=\"{value}\" inputmode=\"decimal\">{unit}",
            value = input.value,
        ),
        Control::Select(options) => {
            let options: String = options
                .iter()
                .map(|(label, value)| {
                    let selected = if *value == input.value {
                        " selected"
                    } else {
                        ""
                    };
                    format!(
                        "<option value=\"{value}\"{selected}>{}</option>",
                        escape(label)
                    )
                })
                .collect();
            format!("<select id=\"{field}\" data-name=\"{name}\">{options}</select>{unit}")
        }
    };
    format!(
        "<div class=\"calc-input\"><label class=\"calc-label\" id=\"{field}-label\" for=\"{field}\">{}</label><div class=\"calc-control\">{control}</div></div>\n",
        escape(&input.label)
    )
}

/// The scale of a plot: lowest and highest value drawn (0 is always on it).
pub(crate) fn bounds(runs: &[Vec<f64>]) -> (f64, f64) {
    let finite = runs.iter().flatten().copied().filter(|v| v.is_finite());
    let (lo, hi) = finite.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if hi - lo > 0.0 {
        (lo, hi)
    } else {
        (lo, lo + 1.0)
    }
}

/// A run as polyline points (non-finite values are left out).
fn points(run: &[f64], lo: f64, hi: f64) -> String {
    let last = run.len().saturating_sub(1).max(1) as f64;
    run.iter()
        .enumerate()
        .filter(|(_, v)| v.is_finite())
        .map(|(i, v)| {
            let x = if run.len() == 1 {
                PLOT_W / 2.0
            } else {
                i as f64 / last * PLOT_W
            };
            let y = PLOT_H - (v - lo) / (hi - lo) * PLOT_H;
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn plot(calc: &Calculator, runs: &[Vec<f64>], id: &str) -> String {
    let (lo, hi) = bounds(runs);
    let mut lines = String::new();
    for (i, run) in runs.iter().enumerate() {
        lines.push_str(&format!(
            "<polyline class=\"sim-line sim-line-{}\" points=\"{}\" vector-effect=\"non-scaling-stroke\"/>",
            i % 4 + 1,
            points(run, lo, hi)
        ));
    }
    let legend = if calc.outputs.len() > 1 {
        let items: String = calc
            .outputs
            .iter()
            .enumerate()
            .map(|(i, o)| {
                format!(
                    "<li><span class=\"sim-key sim-key-{}\" aria-hidden=\"true\"></span>{}</li>",
                    i % 4 + 1,
                    escape(&o.label)
                )
            })
            .collect();
        format!("<ul class=\"sim-legend\">{items}</ul>")
    } else {
        String::new()
    };
    let x_label = calc.x_label.as_deref().unwrap_or("Step");
    format!(
        "<figure class=\"sim-plot\"><div class=\"sim-frame\"><div class=\"sim-y\" aria-hidden=\"true\"><span class=\"sim-y-max\">{hi}</span><span class=\"sim-y-min\">{lo}</span></div><svg class=\"sim-svg\" viewBox=\"0 0 {PLOT_W} {PLOT_H}\" preserveAspectRatio=\"none\" role=\"img\" aria-labelledby=\"{id}-plot\"><title id=\"{id}-plot\">Plot of {names} over {steps} steps; the values after the last step are given below</title>{lines}</svg></div><figcaption class=\"sim-x\" aria-hidden=\"true\"><span>1</span><span>{x_label}</span><span>{steps}</span></figcaption>{legend}</figure>\n",
        hi = display(hi, None),
        lo = display(lo, None),
        names = escape(
            &calc
                .outputs
                .iter()
                .map(|o| o.label.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        steps = calc.steps,
        x_label = escape(x_label),
    )
}
