//! The formula language of ```` ```calculator ```` and ```` ```simulator ```` fences: parsed and
//! checked at build time, evaluated at build time for the value a page shows without script, and
//! handed to the page's script as a small JSON tree ([`Expr::to_json`]) that
//! `templates/assets/interactive.js` evaluates the same way. Author text is never run as code.
//!
//! The language: numbers (`3600`, `0.5`, `1e6`), names (inputs, `pi`, `e`, and in a simulator
//! `step` and `prev`), `+ - * / %`, powers (`^` or `**`, right-associative, binding tighter
//! than unary minus: `-2^2` is -4), comparisons (`< <= > >= == !=`, giving 1 or 0), `&&`,
//! `||`, `!`, parentheses, and the functions in [`Func`], among them `if(cond, a, b)`.
//!
//! A small recursive-descent parser is enough here: the grammar has seven precedence levels,
//! and errors must carry the byte offset of their cause in the formula, so the finding can point
//! at the column in the episode. An expression crate would bring its own syntax (and names) that
//! the browser would have to match.

mod eval;

pub(crate) use eval::{Env, display};

/// A parse or name problem, at a byte offset in the formula.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FormulaError {
    /// Byte offset in the formula text.
    pub(crate) offset: usize,
    /// What is wrong, in plain words.
    pub(crate) message: String,
}

/// A function a formula may call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Func {
    /// `min(a, b, …)`.
    Min,
    /// `max(a, b, …)`.
    Max,
    /// `log(x)`: base 10.
    Log,
    /// `log2(x)`.
    Log2,
    /// `ln(x)`: natural logarithm.
    Ln,
    /// `exp(x)`.
    Exp,
    /// `sqrt(x)`.
    Sqrt,
    /// `abs(x)`.
    Abs,
    /// `round(x)` or `round(x, digits)`: halves round up, as in JavaScript.
    Round,
    /// `floor(x)`.
    Floor,
    /// `ceil(x)`.
    Ceil,
    /// `clamp(x, low, high)`.
    Clamp,
    /// `if(cond, then, else)`: `then` when `cond` is not 0.
    If,
}

impl Func {
    /// Every function, as it is written.
    pub(crate) const ALL: &'static [(&'static str, Func)] = &[
        ("min", Func::Min),
        ("max", Func::Max),
        ("log", Func::Log),
        ("log2", Func::Log2),
        ("ln", Func::Ln),
        ("exp", Func::Exp),
        ("sqrt", Func::Sqrt),
        ("abs", Func::Abs),
        ("round", Func::Round),
        ("floor", Func::Floor),
        ("ceil", Func::Ceil),
        ("clamp", Func::Clamp),
        ("if", Func::If),
    ];

    fn named(name: &str) -> Option<Func> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|&(_, f)| f)
    }

    /// The name as written.
    pub(crate) fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(n, _)| n)
    }

    /// How many arguments it takes: at least, at most.
    fn arity(self) -> (usize, usize) {
        match self {
            Func::Min | Func::Max => (1, usize::MAX),
            Func::Round => (1, 2),
            Func::Clamp | Func::If => (3, 3),
            _ => (1, 1),
        }
    }
}

/// The constants every formula knows.
pub(crate) const CONSTANTS: &[(&str, f64)] =
    &[("pi", std::f64::consts::PI), ("e", std::f64::consts::E)];

/// Whether `name` is taken by the language (a constant or a function).
pub(crate) fn is_reserved(name: &str) -> bool {
    CONSTANTS.iter().any(|(c, _)| *c == name) || Func::named(name).is_some()
}

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Pow,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    And,
    Or,
}

impl BinOp {
    /// The operator as the page's script knows it.
    fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Rem => "%",
            BinOp::Pow => "^",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::And => "&&",
            BinOp::Or => "||",
        }
    }
}

/// A parsed formula.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    /// A number.
    Num(f64),
    /// A name, and its byte offset in the formula.
    Var(String, usize),
    /// `-x`.
    Neg(Box<Expr>),
    /// `!x`: 1 when `x` is 0, else 0.
    Not(Box<Expr>),
    /// `a op b`.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `f(args)`.
    Call(Func, Vec<Expr>),
}

impl Expr {
    /// The tree as the page's script reads it: a number is a number, a name a string, anything
    /// else an array `[operator, operands…]` (`["neg", x]`, `["*", a, b]`, `["min", a, b, c]`).
    pub(crate) fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Expr::Num(n) => serde_json::Number::from_f64(*n).map_or(Value::Null, Value::Number),
            Expr::Var(name, _) => Value::String(name.clone()),
            Expr::Neg(x) => Value::Array(vec!["neg".into(), x.to_json()]),
            Expr::Not(x) => Value::Array(vec!["!".into(), x.to_json()]),
            Expr::Binary(op, a, b) => {
                Value::Array(vec![op.symbol().into(), a.to_json(), b.to_json()])
            }
            Expr::Call(f, args) => {
                let mut out = vec![Value::from(f.name())];
                out.extend(args.iter().map(Expr::to_json));
                Value::Array(out)
            }
        }
    }

    /// Every name the formula uses, with its offset, in order.
    pub(crate) fn names(&self) -> Vec<(&str, usize)> {
        let mut out = Vec::new();
        self.collect_names(&mut out);
        out
    }

    fn collect_names<'a>(&'a self, out: &mut Vec<(&'a str, usize)>) {
        match self {
            Expr::Num(_) => {}
            Expr::Var(name, offset) => out.push((name, *offset)),
            Expr::Neg(x) | Expr::Not(x) => x.collect_names(out),
            Expr::Binary(_, a, b) => {
                a.collect_names(out);
                b.collect_names(out);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.collect_names(out)),
        }
    }
}

/// Parses a formula and checks that every name it uses is in `known` or a constant. Returns
/// the tree, or every problem found (a syntax error stops at the first).
pub(crate) fn parse_checked(text: &str, known: &[&str]) -> Result<Expr, Vec<FormulaError>> {
    let expr = parse(text).map_err(|e| vec![e])?;
    let unknown: Vec<FormulaError> = expr
        .names()
        .into_iter()
        .filter(|(name, _)| !known.contains(name) && !CONSTANTS.iter().any(|(c, _)| c == name))
        .map(|(name, offset)| FormulaError {
            offset,
            message: unknown_name(name, known),
        })
        .collect();
    if unknown.is_empty() {
        Ok(expr)
    } else {
        Err(unknown)
    }
}

fn unknown_name(name: &str, known: &[&str]) -> String {
    let closest = known
        .iter()
        .map(|k| (strsim::jaro_winkler(name, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let names = if known.is_empty() {
        "none".to_owned()
    } else {
        known
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match closest {
        Some((_, k)) => {
            format!("unknown name `{name}` (did you mean `{k}`?); known names: {names}")
        }
        None => format!("unknown name `{name}`; known names: {names}"),
    }
}

/// Parses a formula (names are not checked).
pub(crate) fn parse(text: &str) -> Result<Expr, FormulaError> {
    let tokens = lex(text)?;
    let mut parser = Parser {
        tokens,
        pos: 0,
        depth: 0,
        end: text.len(),
    };
    if parser.tokens.is_empty() {
        return Err(FormulaError {
            offset: 0,
            message: "the formula is empty".to_owned(),
        });
    }
    let expr = parser.or()?;
    match parser.tokens.get(parser.pos) {
        None => Ok(expr),
        Some(t) => Err(FormulaError {
            offset: t.offset,
            message: format!("unexpected {} after a complete formula", t.kind.describe()),
        }),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Name(String),
    Op(&'static str),
    Open,
    Close,
    Comma,
}

impl Tok {
    fn describe(&self) -> String {
        match self {
            Tok::Num(n) => format!("number `{n}`"),
            Tok::Name(n) => format!("name `{n}`"),
            Tok::Op(o) => format!("`{o}`"),
            Tok::Open => "`(`".to_owned(),
            Tok::Close => "`)`".to_owned(),
            Tok::Comma => "`,`".to_owned(),
        }
    }
}

#[derive(Debug, Clone)]
struct Token {
    kind: Tok,
    offset: usize,
}

/// Operators, longest first so `**` is not read as two `*`.
const OPERATORS: &[&str] = &[
    "**", "<=", ">=", "==", "!=", "&&", "||", "+", "-", "*", "/", "%", "^", "<", ">", "!",
];

/// The longest formula read: a formula is a line, not a program.
const MAX_LEN: usize = 2000;
/// The deepest nesting of parentheses and operators.
const MAX_DEPTH: usize = 64;

fn lex(text: &str) -> Result<Vec<Token>, FormulaError> {
    if text.len() > MAX_LEN {
        return Err(FormulaError {
            offset: 0,
            message: format!("the formula is longer than {MAX_LEN} characters"),
        });
    }
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let kind = if c.is_ascii_digit()
            || (c == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            i = number_end(bytes, i);
            let literal = &text[start..i];
            match literal.parse::<f64>() {
                Ok(n) if n.is_finite() => Tok::Num(n),
                _ => {
                    return Err(FormulaError {
                        offset: start,
                        message: format!("`{literal}` is not a number this formula can use"),
                    });
                }
            }
        } else if c.is_ascii_alphabetic() || c == b'_' {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            Tok::Name(text[start..i].to_owned())
        } else if c == b'(' {
            i += 1;
            Tok::Open
        } else if c == b')' {
            i += 1;
            Tok::Close
        } else if c == b',' {
            i += 1;
            Tok::Comma
        } else if let Some(op) = OPERATORS.iter().find(|op| text[i..].starts_with(**op)) {
            i += op.len();
            Tok::Op(op)
        } else {
            let ch = text[i..].chars().next().unwrap_or('?');
            let hint = match ch {
                '=' => " (compare with `==`)",
                '×' | '·' => " (multiply with `*`)",
                '&' | '|' => " (use `&&` or `||`)",
                _ => "",
            };
            return Err(FormulaError {
                offset: start,
                message: format!("unexpected character `{ch}`{hint}"),
            });
        };
        out.push(Token {
            kind,
            offset: start,
        });
    }
    Ok(out)
}

/// The end of the number starting at `i`: digits, a fraction, an exponent.
fn number_end(bytes: &[u8], mut i: usize) -> usize {
    let digits = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    i = digits(i);
    if bytes.get(i) == Some(&b'.') {
        i = digits(i + 1);
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(bytes.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if bytes.get(j).is_some_and(u8::is_ascii_digit) {
            i = digits(j);
        }
    }
    i
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos).map(|t| &t.kind)
    }

    fn offset(&self) -> usize {
        self.tokens.get(self.pos).map_or(self.end, |t| t.offset)
    }

    fn eat_op(&mut self, ops: &[&'static str]) -> Option<&'static str> {
        match self.peek() {
            Some(Tok::Op(op)) if ops.contains(op) => {
                let op = *op;
                self.pos += 1;
                Some(op)
            }
            _ => None,
        }
    }

    fn error(&self, expected: &str) -> FormulaError {
        let message = match self.tokens.get(self.pos) {
            Some(t) => format!("expected {expected}, found {}", t.kind.describe()),
            None => format!("expected {expected}, but the formula ends"),
        };
        FormulaError {
            offset: self.offset(),
            message,
        }
    }

    fn deeper(&mut self) -> Result<(), FormulaError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(FormulaError {
                offset: self.offset(),
                message: format!("the formula nests deeper than {MAX_DEPTH} levels"),
            });
        }
        Ok(())
    }

    fn binary_level(
        &mut self,
        ops: &[&'static str],
        next: fn(&mut Self) -> Result<Expr, FormulaError>,
    ) -> Result<Expr, FormulaError> {
        let mut left = next(self)?;
        while let Some(op) = self.eat_op(ops) {
            let right = next(self)?;
            left = Expr::Binary(bin_op(op), Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn or(&mut self) -> Result<Expr, FormulaError> {
        self.binary_level(&["||"], Self::and)
    }

    fn and(&mut self) -> Result<Expr, FormulaError> {
        self.binary_level(&["&&"], Self::comparison)
    }

    fn comparison(&mut self) -> Result<Expr, FormulaError> {
        let left = self.additive()?;
        const CMP: &[&str] = &["<", "<=", ">", ">=", "==", "!="];
        let Some(op) = self.eat_op(CMP) else {
            return Ok(left);
        };
        let right = self.additive()?;
        if matches!(self.peek(), Some(Tok::Op(o)) if CMP.contains(o)) {
            return Err(FormulaError {
                offset: self.offset(),
                message: "comparisons cannot be chained: write `a < b && b < c`".to_owned(),
            });
        }
        Ok(Expr::Binary(bin_op(op), Box::new(left), Box::new(right)))
    }

    fn additive(&mut self) -> Result<Expr, FormulaError> {
        self.binary_level(&["+", "-"], Self::multiplicative)
    }

    fn multiplicative(&mut self) -> Result<Expr, FormulaError> {
        self.binary_level(&["*", "/", "%"], Self::unary)
    }

    fn unary(&mut self) -> Result<Expr, FormulaError> {
        self.deeper()?;
        let expr = match self.eat_op(&["-", "+", "!"]) {
            Some("-") => Expr::Neg(Box::new(self.unary()?)),
            Some("!") => Expr::Not(Box::new(self.unary()?)),
            Some(_) => self.unary()?,
            None => self.power()?,
        };
        self.depth -= 1;
        Ok(expr)
    }

    fn power(&mut self) -> Result<Expr, FormulaError> {
        let base = self.primary()?;
        if self.eat_op(&["^", "**"]).is_some() {
            let exponent = self.unary()?;
            return Ok(Expr::Binary(BinOp::Pow, Box::new(base), Box::new(exponent)));
        }
        Ok(base)
    }

    fn primary(&mut self) -> Result<Expr, FormulaError> {
        let offset = self.offset();
        match self.peek().cloned() {
            Some(Tok::Num(n)) => {
                self.pos += 1;
                Ok(Expr::Num(n))
            }
            Some(Tok::Open) => {
                self.pos += 1;
                self.deeper()?;
                let inner = self.or()?;
                self.depth -= 1;
                if self.peek() != Some(&Tok::Close) {
                    return Err(self.error("`)`"));
                }
                self.pos += 1;
                Ok(inner)
            }
            Some(Tok::Name(name)) => {
                self.pos += 1;
                if self.peek() == Some(&Tok::Open) {
                    self.pos += 1;
                    self.call(&name, offset)
                } else if Func::named(&name).is_some() {
                    Err(FormulaError {
                        offset,
                        message: format!("`{name}` is a function: write `{name}(…)`"),
                    })
                } else {
                    Ok(Expr::Var(name, offset))
                }
            }
            _ => Err(self.error("a number, a name or `(`")),
        }
    }

    /// A call, after its `(`.
    fn call(&mut self, name: &str, offset: usize) -> Result<Expr, FormulaError> {
        let Some(func) = Func::named(name) else {
            let names: Vec<&str> = Func::ALL.iter().map(|(n, _)| *n).collect();
            return Err(FormulaError {
                offset,
                message: format!("unknown function `{name}`; functions: {}", names.join(", ")),
            });
        };
        self.deeper()?;
        let mut args = Vec::new();
        if self.peek() != Some(&Tok::Close) {
            loop {
                args.push(self.or()?);
                match self.peek() {
                    Some(Tok::Comma) => self.pos += 1,
                    Some(Tok::Close) => break,
                    _ => return Err(self.error("`,` or `)`")),
                }
            }
        }
        self.pos += 1;
        self.depth -= 1;
        let (low, high) = func.arity();
        if args.len() < low || args.len() > high {
            let wanted = match (low, high) {
                (l, h) if l == h => format!("{l}"),
                (l, usize::MAX) => format!("at least {l}"),
                (l, h) => format!("{l} or {h}"),
            };
            return Err(FormulaError {
                offset,
                message: format!("`{name}` takes {wanted} argument(s), not {}", args.len()),
            });
        }
        Ok(Expr::Call(func, args))
    }
}

fn bin_op(op: &str) -> BinOp {
    match op {
        "+" => BinOp::Add,
        "-" => BinOp::Sub,
        "*" => BinOp::Mul,
        "/" => BinOp::Div,
        "%" => BinOp::Rem,
        "<" => BinOp::Lt,
        "<=" => BinOp::Le,
        ">" => BinOp::Gt,
        ">=" => BinOp::Ge,
        "==" => BinOp::Eq,
        "!=" => BinOp::Ne,
        "&&" => BinOp::And,
        "||" => BinOp::Or,
        _ => BinOp::Pow,
    }
}

#[cfg(test)]
mod tests;
