//! The ```` ```calculator ```` and ```` ```simulator ```` fences, read and checked once in the
//! parse stage ([`check`]): named inputs (a slider with a number field, or a select) and outputs
//! computed by formulas ([`crate::formula`]). A simulator runs each output's formula over
//! `steps` steps, with `step` (1, 2, …) and `prev` (the output's value at the step before,
//! `initial` at the first) among its names, and the page plots the runs.
//!
//! `calculator` findings: unreadable YAML, a missing field, a name that is not a name or is
//! taken, a range whose minimum is above its maximum, a value outside its range, a formula with
//! a syntax error or an unknown name, each at its own line and column. A fence with a finding is
//! shown as its source ([`crate::markdown::html::calculator`]).

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, RuleId};
use crate::formula::{self, Env, Expr};
use crate::markdown::fence_lines::{FenceLines, ItemLines};
use crate::markdown::{CodeBlock, Document};

/// Calculator or simulator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CalcKind {
    /// Outputs computed once from the inputs.
    Calculator,
    /// Outputs computed over steps and plotted.
    Simulator,
}

impl CalcKind {
    /// The fence's language.
    pub(crate) fn fence(self) -> &'static str {
        match self {
            CalcKind::Calculator => "calculator",
            CalcKind::Simulator => "simulator",
        }
    }

    fn of(lang: Option<&str>) -> Option<Self> {
        match lang {
            Some("calculator") => Some(CalcKind::Calculator),
            Some("simulator") => Some(CalcKind::Simulator),
            _ => None,
        }
    }
}

/// The words a reader sees in a calculator or simulator fence, from its source: the values of
/// its `title`, `label`, `unit`, `note` and `x_label` lines, never its names or formulas. What
/// the search index and the recommendation matcher read of the block.
pub(crate) fn reader_text(code: &str) -> String {
    let mut out = String::new();
    for line in code.lines() {
        let line = line.trim_start();
        let line = line.strip_prefix("- ").unwrap_or(line).trim_start();
        let value = ["title:", "label:", "unit:", "note:", "x_label:"]
            .iter()
            .find_map(|key| line.strip_prefix(key));
        if let Some(value) = value {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(value.trim().trim_matches(['"', '\'']));
        }
    }
    out
}

/// The most steps a simulator runs (its plot has one point per step).
const MAX_STEPS: u64 = 1000;
/// The most inputs or outputs a fence has.
const MAX_FIELDS: usize = 50;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFence {
    title: Option<String>,
    note: Option<String>,
    inputs: Option<Vec<RawInput>>,
    outputs: Option<Vec<RawOutput>>,
    steps: Option<yaml_serde::Value>,
    x_label: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInput {
    name: Option<String>,
    label: Option<String>,
    min: Option<f64>,
    max: Option<f64>,
    step: Option<f64>,
    value: Option<f64>,
    unit: Option<String>,
    options: Option<Vec<RawOption>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawOption {
    Number(f64),
    Labelled { label: String, value: f64 },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutput {
    label: Option<String>,
    formula: Option<yaml_serde::Value>,
    unit: Option<String>,
    decimals: Option<u8>,
    initial: Option<yaml_serde::Value>,
}

/// A checked calculator or simulator.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Calculator {
    /// Which of the two.
    pub(crate) kind: CalcKind,
    /// Heading of the block.
    pub(crate) title: Option<String>,
    /// A remark shown under the outputs.
    pub(crate) note: Option<String>,
    /// The inputs, in order.
    pub(crate) inputs: Vec<Input>,
    /// The outputs, in order.
    pub(crate) outputs: Vec<Output>,
    /// Steps a simulator runs (0 for a calculator).
    pub(crate) steps: u32,
    /// What a step is, under a simulator's plot ("Request").
    pub(crate) x_label: Option<String>,
}

/// An input.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Input {
    /// The name formulas use.
    pub(crate) name: String,
    /// What the reader sees.
    pub(crate) label: String,
    /// Shown after the field.
    pub(crate) unit: Option<String>,
    /// Its starting value.
    pub(crate) value: f64,
    /// How the reader sets it.
    pub(crate) control: Control,
}

/// How an input is set.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Control {
    /// A slider and a number field.
    Range {
        /// Lowest value.
        min: f64,
        /// Highest value.
        max: f64,
        /// Increment.
        step: f64,
    },
    /// A select: label and value of each option.
    Select(Vec<(String, f64)>),
}

/// An output.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Output {
    /// What it is.
    pub(crate) label: String,
    /// Shown after the value.
    pub(crate) unit: Option<String>,
    /// Decimal places (as many as the size calls for when absent).
    pub(crate) decimals: Option<u8>,
    /// The checked formula.
    pub(crate) formula: Expr,
    /// A simulator's value before the first step (`prev` at step 1).
    pub(crate) initial: Expr,
}

impl Calculator {
    /// The inputs' starting values.
    pub(crate) fn env(&self) -> Env<'_> {
        self.inputs
            .iter()
            .map(|i| (i.name.as_str(), i.value))
            .collect()
    }

    /// A calculator's output values for `env`.
    pub(crate) fn values(&self, env: &Env<'_>) -> Vec<f64> {
        self.outputs.iter().map(|o| o.formula.eval(env)).collect()
    }

    /// A simulator's runs for `env`: per output, its value at each step.
    pub(crate) fn runs(&self, env: &Env<'_>) -> Vec<Vec<f64>> {
        self.outputs
            .iter()
            .map(|output| {
                let mut env = env.clone();
                let mut prev = output.initial.eval(&env);
                (1..=self.steps)
                    .map(|step| {
                        env.insert("step", f64::from(step));
                        env.insert("prev", prev);
                        prev = output.formula.eval(&env);
                        prev
                    })
                    .collect()
            })
            .collect()
    }
}

/// One calculator or simulator fence, read once.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CalculatorCheck {
    /// Index of the block in [`Document::code_blocks`].
    pub(crate) block: usize,
    /// The calculator, when the fence has no problem.
    pub(crate) calculator: Option<Calculator>,
    /// Every problem found (`calculator`).
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// Reads and checks every calculator and simulator fence of the document, in order.
pub(crate) fn check(doc: &Document<'_>) -> Vec<CalculatorCheck> {
    doc.code_blocks
        .iter()
        .enumerate()
        .filter_map(|(index, block)| {
            CalcKind::of(block.lang.as_deref()).map(|kind| check_one(doc, index, block, kind))
        })
        .collect()
}

/// The check of the block at `block` (an index into [`Document::code_blocks`]).
pub(crate) fn find(checks: &[CalculatorCheck], block: usize) -> Option<&CalculatorCheck> {
    checks
        .binary_search_by_key(&block, |c| c.block)
        .ok()
        .and_then(|i| checks.get(i))
}

fn check_one(
    doc: &Document<'_>,
    index: usize,
    block: &CodeBlock,
    kind: CalcKind,
) -> CalculatorCheck {
    let raw =
        match crate::yaml::from_embedded::<RawFence>(doc.source, block.code_start, &block.code) {
            Ok(raw) => raw,
            Err((offset, message)) => {
                let end = doc.source.line_end(offset);
                return CalculatorCheck {
                    block: index,
                    calculator: None,
                    diagnostics: vec![
                        Diagnostic::new(
                            RuleId::Calculator,
                            &doc.source.rel_path,
                            offset..end,
                            format!("{} fence is not valid: {message}", kind.fence()),
                        )
                        .label("the YAML of this fence cannot be read here")
                        .help(FIELDS_HELP),
                    ],
                };
            }
        };
    let mut checker = Checker {
        lines: FenceLines::new(doc, block),
        file: &doc.source.rel_path,
        kind,
        diagnostics: Vec::new(),
    };
    let calculator = checker.fence(raw);
    CalculatorCheck {
        block: index,
        calculator: calculator.filter(|_| checker.diagnostics.is_empty()),
        diagnostics: checker.diagnostics,
    }
}

const FIELDS_HELP: &str = "a calculator has `title`, `inputs` (each with `name`, `label`, `min`, `max`, and optionally `step`, `value`, `unit`, or `options` for a select) and `outputs` (each with `label`, `formula`, and optionally `unit`, `decimals`); a simulator adds `steps`, and `initial` on each output; the page shows the fence as source until it is fixed";

struct Checker<'a> {
    lines: FenceLines<'a>,
    file: &'a str,
    kind: CalcKind,
    diagnostics: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn report(&mut self, at: (usize, usize), message: String, help: &str) {
        let span = self.lines.span(at.0, at.1);
        self.diagnostics.push(
            Diagnostic::new(RuleId::Calculator, self.file, span, message).help(help.to_owned()),
        );
    }

    /// The position of a top-level key, or the opening fence.
    fn top(&self, key: &str) -> (usize, usize) {
        self.lines
            .top_key(key)
            .map_or((usize::MAX, 0), |line| (line, 0))
    }

    fn fence(&mut self, raw: RawFence) -> Option<Calculator> {
        let kind = self.kind;
        let steps = self.steps(raw.steps.as_ref());
        let raw_inputs = raw.inputs.unwrap_or_default();
        let raw_outputs = raw.outputs.unwrap_or_default();
        if raw_inputs.is_empty() {
            let at = self.top("inputs");
            self.report(at, format!("this {} has no inputs", kind.fence()), "list the values the reader sets under `inputs`, each with `name`, `label`, `min` and `max`");
        }
        if raw_outputs.is_empty() {
            let at = self.top("outputs");
            self.report(
                at,
                format!("this {} has no outputs", kind.fence()),
                "list what is computed under `outputs`, each with `label` and `formula`",
            );
        }
        if raw_inputs.len() > MAX_FIELDS || raw_outputs.len() > MAX_FIELDS {
            let at = self.top("inputs");
            self.report(
                at,
                format!(
                    "a {} has at most {MAX_FIELDS} inputs and {MAX_FIELDS} outputs",
                    kind.fence()
                ),
                "split it into several blocks",
            );
            return None;
        }
        let input_lines = self.lines.items("inputs");
        let mut inputs = Vec::new();
        // Every input's name, even one whose other fields have problems: its formulas are then
        // not also reported for using it.
        let mut declared: Vec<String> = Vec::new();
        for (i, raw) in raw_inputs.into_iter().enumerate() {
            if let Some(input) = self.input(raw, input_lines.get(i).copied(), &mut declared) {
                inputs.push(input);
            }
        }
        let initial_names: Vec<&str> = declared.iter().map(String::as_str).collect();
        let mut known = initial_names.clone();
        if kind == CalcKind::Simulator {
            known.extend(["step", "prev"]);
        }
        let output_lines = self.lines.items("outputs");
        let mut outputs = Vec::new();
        for (i, raw) in raw_outputs.into_iter().enumerate() {
            let item = output_lines.get(i).copied();
            if let Some(output) = self.output(raw, item, &known, &initial_names) {
                outputs.push(output);
            }
        }
        Some(Calculator {
            kind,
            title: raw.title,
            note: raw.note,
            inputs,
            outputs,
            steps,
            x_label: raw.x_label,
        })
    }

    fn steps(&mut self, raw: Option<&yaml_serde::Value>) -> u32 {
        let at = self.top("steps");
        match (self.kind, raw) {
            (CalcKind::Calculator, None) => 0,
            (CalcKind::Calculator, Some(_)) => {
                self.report(at, "`steps` is for ```simulator fences".to_owned(), "write the fence as ```simulator to run the formulas over steps, or remove `steps`");
                0
            }
            (CalcKind::Simulator, None) => {
                self.report(
                    at,
                    "this simulator has no `steps`".to_owned(),
                    "say how many steps to run: `steps: 100`",
                );
                0
            }
            (CalcKind::Simulator, Some(value)) => match value.as_u64() {
                Some(n @ 1..=MAX_STEPS) => n as u32,
                _ => {
                    let (line, col) = at;
                    let col = if line == usize::MAX {
                        0
                    } else {
                        col + "steps:".len() + 1
                    };
                    self.report(
                        (line, col),
                        format!("`steps` must be a whole number from 1 to {MAX_STEPS}"),
                        "say how many steps to run: `steps: 100`",
                    );
                    0
                }
            },
        }
    }

    fn input(
        &mut self,
        mut raw: RawInput,
        item: Option<ItemLines>,
        declared: &mut Vec<String>,
    ) -> Option<Input> {
        let name_at = self.lines.key_in(item, "name");
        let Some(name) = raw.name.take().filter(|n| !n.trim().is_empty()) else {
            self.report(
                name_at,
                "this input has no `name`".to_owned(),
                "give every input a `name` for formulas to use (`rps`, `failure_rate`)",
            );
            return None;
        };
        let mut ok = self.name(&name, name_at, declared);
        declared.push(name.clone());
        let label = match raw.label.take().filter(|l| !l.trim().is_empty()) {
            Some(label) => label,
            None => {
                self.report(name_at, format!("input `{name}` has no `label`"), "give every input a `label`: it names the slider for every reader, screen readers included");
                ok = false;
                name.clone()
            }
        };
        let control = match raw.options.take() {
            Some(options) => {
                let at = (
                    self.lines.key_in(item, "options"),
                    self.lines.key_in(item, "value"),
                );
                self.select(&name, options, raw.value, at.0, at.1)?
            }
            None => self.range(&name, &raw, item)?,
        };
        let value = match (&control, raw.value) {
            (_, Some(v)) => v,
            (Control::Range { min, .. }, None) => *min,
            (Control::Select(options), None) => options.first().map_or(0.0, |o| o.1),
        };
        ok.then_some(Input {
            name,
            label,
            unit: raw.unit.take(),
            value,
            control,
        })
    }

    /// Whether `name` can name an input; reports why not.
    fn name(&mut self, name: &str, at: (usize, usize), declared: &[String]) -> bool {
        let valid = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        let reserved = formula::is_reserved(name)
            || (self.kind == CalcKind::Simulator && matches!(name, "step" | "prev"));
        let message = if !valid {
            format!(
                "`{name}` cannot be used in a formula: a name is letters, digits and `_`, starting with a letter"
            )
        } else if reserved {
            format!("`{name}` is a name the formula language already uses")
        } else if declared.iter().any(|d| d == name) {
            format!("two inputs are named `{name}`")
        } else {
            return true;
        };
        self.report(
            at,
            message,
            "rename the input (and the formulas that use it)",
        );
        false
    }

    fn range(&mut self, name: &str, raw: &RawInput, item: Option<ItemLines>) -> Option<Control> {
        let at = |key: &str| self.lines.key_in(item, key);
        let (name_at, min_at, step_at, value_at) = (at("name"), at("min"), at("step"), at("value"));
        let (Some(min), Some(max)) = (raw.min, raw.max) else {
            let missing = if raw.min.is_none() { "min" } else { "max" };
            self.report(
                name_at,
                format!("input `{name}` has no `{missing}`"),
                "a slider needs `min` and `max` (or give `options` for a select)",
            );
            return None;
        };
        if min > max {
            self.report(
                min_at,
                format!("input `{name}`: `min` ({min}) is above `max` ({max})"),
                "swap them, or correct the one that is wrong",
            );
            return None;
        }
        let step = raw.step.unwrap_or_else(|| default_step(min, max));
        if step <= 0.0 || !step.is_finite() {
            self.report(
                step_at,
                format!("input `{name}`: `step` must be above 0, not {step}"),
                "the step is how much one move of the slider changes the value",
            );
            return None;
        }
        if let Some(value) = raw.value
            && !(min..=max).contains(&value)
        {
            self.report(
                value_at,
                format!("input `{name}`: `value` {value} is outside its range {min} to {max}"),
                "the starting value must lie between `min` and `max`",
            );
            return None;
        }
        Some(Control::Range { min, max, step })
    }

    fn select(
        &mut self,
        name: &str,
        options: Vec<RawOption>,
        value: Option<f64>,
        options_at: (usize, usize),
        value_at: (usize, usize),
    ) -> Option<Control> {
        let options: Vec<(String, f64)> = options
            .into_iter()
            .map(|o| match o {
                RawOption::Number(v) => (formula::display(v, None), v),
                RawOption::Labelled { label, value } => (label, value),
            })
            .collect();
        if options.is_empty() {
            self.report(
                options_at,
                format!("input `{name}` has an empty list of `options`"),
                "list the values to choose from, as numbers or as `{label, value}`",
            );
            return None;
        }
        if let Some(v) = value
            && !options.iter().any(|o| o.1 == v)
        {
            self.report(
                value_at,
                format!("input `{name}`: `value` {v} is not one of its options"),
                "the starting value must be one of the options' values",
            );
            return None;
        }
        Some(Control::Select(options))
    }

    fn output(
        &mut self,
        raw: RawOutput,
        item: Option<ItemLines>,
        known: &[&str],
        initial_names: &[&str],
    ) -> Option<Output> {
        let label_at = self.lines.key_in(item, "label");
        let label = raw.label.filter(|l| !l.trim().is_empty());
        if label.is_none() {
            self.report(
                label_at,
                "this output has no `label`".to_owned(),
                "give every output a `label` saying what it is",
            );
        }
        let formula_at = self.lines.key_in(item, "formula");
        let formula = match raw.formula.as_ref().and_then(scalar_text) {
            Some(text) => self.formula(&text, formula_at, known),
            None => {
                self.report(formula_at, "this output has no `formula`".to_owned(), "write how the output is computed from the inputs: `formula: rps * failure_rate * 3600`");
                None
            }
        };
        let initial = match (self.kind, raw.initial.as_ref()) {
            (CalcKind::Simulator, Some(value)) => {
                let at = self.lines.key_in(item, "initial");
                match scalar_text(value) {
                    Some(text) => self.formula(&text, at, initial_names),
                    None => {
                        self.report(
                            at,
                            "`initial` must be a number or a formula".to_owned(),
                            "write the value before the first step: `initial: 0`",
                        );
                        None
                    }
                }
            }
            (CalcKind::Simulator, None) => Some(Expr::Num(0.0)),
            (CalcKind::Calculator, Some(_)) => {
                let at = self.lines.key_in(item, "initial");
                self.report(
                    at,
                    "`initial` is for ```simulator fences".to_owned(),
                    "remove `initial`, or write the fence as ```simulator",
                );
                None
            }
            (CalcKind::Calculator, None) => Some(Expr::Num(0.0)),
        };
        Some(Output {
            label: label?,
            unit: raw.unit,
            decimals: raw.decimals,
            formula: formula?,
            initial: initial?,
        })
    }

    /// Parses and checks a formula written at `at`; reports its problems at their columns.
    fn formula(&mut self, text: &str, at: (usize, usize), known: &[&str]) -> Option<Expr> {
        match formula::parse_checked(text, known) {
            Ok(expr) => Some(expr),
            Err(errors) => {
                let start = formula_column(self.lines.line(at.0), at.1, text);
                for error in errors {
                    let column = start.map_or(at.1, |s| s + error.offset);
                    self.report((at.0, column), format!("formula `{text}`: {}", error.message), "a formula uses the inputs' names, numbers, + - * / % ^ ( ), comparisons, && || !, and min max log log2 ln exp sqrt abs round floor ceil clamp if(cond, a, b)");
                }
                None
            }
        }
    }
}

/// A YAML scalar as formula text (`formula: 3600` is read as a number).
fn scalar_text(value: &yaml_serde::Value) -> Option<String> {
    match value {
        yaml_serde::Value::String(s) => Some(s.clone()),
        yaml_serde::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The byte column where `formula` starts on `line`, given that the value starts at `value`:
/// there when written plain, one further when quoted; `None` when it is written otherwise (a
/// block scalar, escapes).
fn formula_column(line: &str, value: usize, formula: &str) -> Option<usize> {
    let raw = line.get(value..)?;
    if raw.starts_with(formula) {
        return Some(value);
    }
    let quoted = raw.strip_prefix(['"', '\''])?;
    quoted.starts_with(formula).then_some(value + 1)
}

/// A slider's step when none is given: a hundredth of the range, rounded to a power of ten.
fn default_step(min: f64, max: f64) -> f64 {
    let span = max - min;
    if span <= 0.0 || !span.is_finite() {
        return 1.0;
    }
    10f64.powf((span / 100.0).log10().floor())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn checks_of(text: &str) -> (SourceFile, Vec<CalculatorCheck>) {
        let source = SourceFile::from_string("t.md", text);
        let checks = check(&crate::markdown::parse(&source));
        (source, checks)
    }

    fn positions(text: &str) -> Vec<(usize, usize, String)> {
        let (source, checks) = checks_of(text);
        checks
            .iter()
            .flat_map(|c| &c.diagnostics)
            .map(|d| {
                let at = source.line_col(d.span.start);
                (at.line, at.column, d.message.clone())
            })
            .collect()
    }

    const ISSUE_FORM: &str = "# T\n\n```calculator\ntitle: Failed requests per hour\ninputs:\n  - name: rps\n    label: Requests per second\n    min: 10\n    max: 10000\n    step: 10\n    value: 1000\n  - name: failure_rate\n    label: Failure rate\n    min: 0\n    max: 1\n    step: 0.01\n    value: 0.05\noutputs:\n  - label: Failed requests per hour\n    formula: rps * failure_rate * 3600\n```\n";

    #[test]
    fn the_form_in_the_issue_is_read_and_computed() {
        let (_, checks) = checks_of(ISSUE_FORM);
        assert!(
            checks[0].diagnostics.is_empty(),
            "{:?}",
            checks[0].diagnostics
        );
        let calc = checks[0].calculator.as_ref().unwrap();
        assert_eq!(calc.inputs.len(), 2);
        assert_eq!(calc.values(&calc.env()), [180_000.0]);
    }

    #[test]
    fn an_unknown_name_is_reported_at_its_column() {
        let text = ISSUE_FORM.replace("rps * failure_rate", "rps * failure_rat");
        let found = positions(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (20, 20));
        assert!(found[0].2.contains("unknown name `failure_rat`"));
        let (_, checks) = checks_of(&text);
        assert!(checks[0].calculator.is_none());
    }

    #[test]
    fn range_problems_are_reported_at_their_keys() {
        let text = ISSUE_FORM
            .replace("min: 10\n", "min: 20000\n")
            .replace("value: 0.05", "value: 3");
        let found = positions(&text);
        let at: Vec<(usize, usize)> = found.iter().map(|f| (f.0, f.1)).collect();
        assert_eq!(at, [(8, 10), (17, 12)], "{found:?}");
        assert!(found[0].2.contains("`min` (20000) is above `max` (10000)"));
        assert!(found[1].2.contains("outside its range"));
    }

    #[test]
    fn missing_fields_and_taken_names_are_reported() {
        let text = "```calculator\ninputs:\n  - name: x\n    min: 1\n  - name: pi\n    label: Pi\n    min: 0\n    max: 1\noutputs:\n  - label: Y\n```\n";
        let messages: Vec<String> = positions(text).into_iter().map(|f| f.2).collect();
        assert_eq!(
            messages,
            [
                "input `x` has no `label`",
                "input `x` has no `max`",
                "`pi` is a name the formula language already uses",
                "this output has no `formula`",
            ]
        );
    }

    #[test]
    fn a_simulator_runs_its_formula_over_steps() {
        let text = "```simulator\ntitle: Growth\nsteps: 3\ninputs:\n  - name: rate\n    label: Rate\n    min: 0\n    max: 1\n    value: 0.5\noutputs:\n  - label: Size\n    initial: 1\n    formula: prev * (1 + rate) + step\n```\n";
        let (_, checks) = checks_of(text);
        assert!(
            checks[0].diagnostics.is_empty(),
            "{:?}",
            checks[0].diagnostics
        );
        let sim = checks[0].calculator.as_ref().unwrap();
        assert_eq!(sim.runs(&sim.env()), [vec![2.5, 5.75, 11.625]]);
        let missing = positions(
            "```simulator\ninputs:\n  - name: a\n    label: A\n    min: 0\n    max: 1\noutputs:\n  - label: B\n    formula: prev + a\n```\n",
        );
        assert_eq!(missing.len(), 1);
        assert!(missing[0].2.contains("no `steps`"), "{missing:?}");
    }

    #[test]
    fn selects_take_options_and_yaml_errors_are_located() {
        let text = "```calculator\ninputs:\n  - name: n\n    label: Replicas\n    options: [1, 3, {label: Five, value: 5}]\n    value: 3\noutputs:\n  - label: Quorum\n    formula: floor(n / 2) + 1\n```\n";
        let (_, checks) = checks_of(text);
        let calc = checks[0].calculator.as_ref().unwrap();
        assert_eq!(calc.values(&calc.env()), [2.0]);
        let found = positions("```calculator\ninputs: [oops\n```\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].2.starts_with("calculator fence is not valid"));
    }

    #[test]
    fn reader_text_is_titles_labels_units_and_notes() {
        let code = ISSUE_FORM
            .split_once("```calculator\n")
            .and_then(|(_, rest)| rest.split_once("```"))
            .map(|(code, _)| code)
            .unwrap();
        assert_eq!(
            reader_text(code),
            "Failed requests per hour Requests per second Failure rate Failed requests per hour"
        );
    }

    #[test]
    fn no_panic_on_tricky_input() {
        for input in crate::text::tricky::inputs() {
            let _ = checks_of(&format!("```calculator\n{input}\n```\n"));
            let _ = checks_of(&format!(
                "```simulator\nsteps: 5\ninputs:\n  - name: {input}\n    label: {input}\n    min: 0\n    max: 1\noutputs:\n  - label: x\n    formula: \"{input}\"\n```\n"
            ));
        }
    }
}
