//! Evaluating a checked formula, and showing a number, exactly as the page's script does
//! (`templates/assets/interactive.js`): the value a page shows before any script runs is the
//! value the script would show for the same inputs.

use std::collections::BTreeMap;

use super::{BinOp, CONSTANTS, Expr, Func};

/// The values of the names a formula may use.
pub(crate) type Env<'a> = BTreeMap<&'a str, f64>;

impl Expr {
    /// The value of the formula; a name missing from `env` (never, once checked) is NaN.
    pub(crate) fn eval(&self, env: &Env<'_>) -> f64 {
        match self {
            Expr::Num(n) => *n,
            Expr::Var(name, _) => env.get(name.as_str()).copied().unwrap_or_else(|| {
                CONSTANTS
                    .iter()
                    .find(|(c, _)| c == name)
                    .map_or(f64::NAN, |(_, v)| *v)
            }),
            Expr::Neg(x) => -x.eval(env),
            Expr::Not(x) => truth(x.eval(env) == 0.0),
            Expr::Binary(op, a, b) => binary(*op, a.eval(env), b.eval(env)),
            Expr::Call(f, args) => {
                let values: Vec<f64> = args.iter().map(|a| a.eval(env)).collect();
                call(*f, &values)
            }
        }
    }
}

fn truth(b: bool) -> f64 {
    if b { 1.0 } else { 0.0 }
}

fn binary(op: BinOp, a: f64, b: f64) -> f64 {
    match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div => a / b,
        BinOp::Rem => a % b,
        BinOp::Pow => a.powf(b),
        BinOp::Lt => truth(a < b),
        BinOp::Le => truth(a <= b),
        BinOp::Gt => truth(a > b),
        BinOp::Ge => truth(a >= b),
        BinOp::Eq => truth(a == b),
        BinOp::Ne => truth(a != b),
        BinOp::And => truth(a != 0.0 && b != 0.0),
        BinOp::Or => truth(a != 0.0 || b != 0.0),
    }
}

/// JavaScript's `Math.round`: halves go up (-2.5 is -2).
fn js_round(x: f64) -> f64 {
    (x + 0.5).floor()
}

fn call(f: Func, v: &[f64]) -> f64 {
    let x = v.first().copied().unwrap_or(f64::NAN);
    let extreme = |pick: fn(f64, f64) -> f64| {
        if v.iter().any(|x| x.is_nan()) {
            f64::NAN
        } else {
            v.iter().copied().reduce(pick).unwrap_or(f64::NAN)
        }
    };
    match f {
        Func::Min => extreme(f64::min),
        Func::Max => extreme(f64::max),
        Func::Log => x.log10(),
        Func::Log2 => x.log2(),
        Func::Ln => x.ln(),
        Func::Exp => x.exp(),
        Func::Sqrt => x.sqrt(),
        Func::Abs => x.abs(),
        Func::Floor => x.floor(),
        Func::Ceil => x.ceil(),
        Func::Round => match v.get(1) {
            Some(digits) => {
                let scale = 10f64.powf(digits.trunc());
                js_round(x * scale) / scale
            }
            None => js_round(x),
        },
        Func::Clamp => {
            let (low, high) = (v[1], v[2]);
            if x.is_nan() || low.is_nan() || high.is_nan() {
                f64::NAN
            } else {
                x.max(low).min(high)
            }
        }
        Func::If => {
            if x != 0.0 {
                v[1]
            } else {
                v[2]
            }
        }
    }
}

/// A number as the page shows it: `decimals` places (or as many as its size calls for, with
/// trailing zeros dropped), thousands grouped with commas, `—` when it is not a number.
pub(crate) fn display(value: f64, decimals: Option<u8>) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    if value.abs() >= 1e15 {
        return format!("{value:.3e}");
    }
    let places = decimals.map_or_else(|| auto_places(value), |d| d.min(10));
    let scale = 10f64.powi(i32::from(places));
    let mut rounded = js_round(value * scale) / scale;
    if rounded == 0.0 {
        rounded = 0.0; // no "-0"
    }
    let mut text = format!("{rounded:.prec$}", prec = usize::from(places));
    if decimals.is_none() && text.contains('.') {
        text = text.trim_end_matches('0').trim_end_matches('.').to_owned();
    }
    group_thousands(&text)
}

fn auto_places(value: f64) -> u8 {
    match value.abs() {
        a if a >= 100.0 => 0,
        a if a >= 10.0 => 1,
        a if a >= 1.0 => 2,
        a if a >= 0.01 => 4,
        _ => 6,
    }
}

fn group_thousands(text: &str) -> String {
    let (sign, rest) = text.strip_prefix('-').map_or(("", text), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}
