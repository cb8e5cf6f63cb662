//! Unit tests of the formula parser, checker, evaluator and number display.

use super::*;

fn value(text: &str, env: &[(&str, f64)]) -> f64 {
    let env: Env<'_> = env.iter().copied().collect();
    let names: Vec<&str> = env.keys().copied().collect();
    parse_checked(text, &names)
        .unwrap_or_else(|e| panic!("{text}: {e:?}"))
        .eval(&env)
}

fn error(text: &str, known: &[&str]) -> FormulaError {
    match parse_checked(text, known) {
        Ok(expr) => panic!("{text} parsed as {expr:?}"),
        Err(mut errors) => errors.remove(0),
    }
}

#[test]
fn the_issue_formula_evaluates() {
    let v = value(
        "rps * failure_rate * 3600",
        &[("rps", 1000.0), ("failure_rate", 0.05)],
    );
    assert_eq!(v, 180_000.0);
}

#[test]
fn precedence_and_associativity_follow_arithmetic() {
    assert_eq!(value("1 + 2 * 3", &[]), 7.0);
    assert_eq!(value("(1 + 2) * 3", &[]), 9.0);
    assert_eq!(value("10 - 4 - 3", &[]), 3.0);
    assert_eq!(
        value("2 ^ 3 ^ 2", &[]),
        512.0,
        "powers are right-associative"
    );
    assert_eq!(value("2 ** 10", &[]), 1024.0);
    assert_eq!(
        value("-2 ^ 2", &[]),
        -4.0,
        "unary minus binds looser than a power"
    );
    assert_eq!(value("2 ^ -1", &[]), 0.5);
    assert_eq!(value("--3", &[]), 3.0);
    assert_eq!(value("7 % 4", &[]), 3.0);
    assert_eq!(value("1e3 + .5", &[]), 1000.5);
}

#[test]
fn comparisons_conditionals_and_logic_give_ones_and_zeros() {
    assert_eq!(value("3 > 2", &[]), 1.0);
    assert_eq!(value("3 <= 2", &[]), 0.0);
    assert_eq!(value("if(x > 5, 10, 20)", &[("x", 6.0)]), 10.0);
    assert_eq!(value("if(x > 5, 10, 20)", &[("x", 5.0)]), 20.0);
    assert_eq!(value("x > 1 && x < 3 || !x", &[("x", 2.0)]), 1.0);
    assert_eq!(value("!x", &[("x", 0.0)]), 1.0);
}

#[test]
fn functions_compute_what_their_names_say() {
    assert_eq!(value("min(3, 1, 2) + max(4, 9)", &[]), 10.0);
    assert_eq!(value("log(1000)", &[]), 3.0);
    assert_eq!(value("ln(e)", &[]), 1.0);
    assert_eq!(value("log2(8)", &[]), 3.0);
    assert_eq!(value("sqrt(16) + abs(-2)", &[]), 6.0);
    assert_eq!(value("floor(2.7) + ceil(2.1)", &[]), 5.0);
    assert_eq!(value("round(2.5)", &[]), 3.0);
    assert_eq!(
        value("round(-2.5)", &[]),
        -2.0,
        "halves round up, as in JavaScript"
    );
    assert_eq!(value("round(1.23456, 3)", &[]), 1.235);
    assert_eq!(value("clamp(15, 0, 10)", &[]), 10.0);
    assert!((value("exp(1)", &[]) - std::f64::consts::E).abs() < 1e-12);
    assert!((value("pi", &[]) - std::f64::consts::PI).abs() < 1e-12);
}

#[test]
fn unknown_names_are_reported_at_their_offset_with_a_suggestion() {
    let e = error("rps * failure_rat * 3600", &["rps", "failure_rate"]);
    assert_eq!(e.offset, 6);
    assert!(e.message.contains("`failure_rat`"), "{}", e.message);
    assert!(
        e.message.contains("did you mean `failure_rate`"),
        "{}",
        e.message
    );
    let all = parse_checked("a + b + c", &["b"]).unwrap_err();
    let offsets: Vec<usize> = all.iter().map(|e| e.offset).collect();
    assert_eq!(offsets, [0, 8], "every unknown name is reported");
}

#[test]
fn syntax_errors_point_at_their_cause() {
    assert_eq!(error("1 + * 2", &[]).offset, 4);
    assert_eq!(error("(1 + 2", &[]).offset, 6);
    assert!(error("(1 + 2", &[]).message.contains("formula ends"));
    assert_eq!(error("1 + 2)", &[]).offset, 5);
    assert_eq!(error("x = 2", &["x"]).offset, 2);
    assert!(error("x = 2", &["x"]).message.contains("`==`"));
    assert_eq!(error("foo(1)", &[]).offset, 0);
    assert!(error("foo(1)", &[]).message.contains("unknown function"));
    assert!(error("if(1, 2)", &[]).message.contains("takes 3"));
    assert!(error("1 < 2 < 3", &[]).message.contains("chained"));
    assert!(error("", &[]).message.contains("empty"));
    assert!(error("min + 1", &[]).message.contains("is a function"));
    assert!(error("1e999", &[]).message.contains("not a number"));
    assert!(
        error(&"(".repeat(200), &[])
            .message
            .contains("nests deeper")
    );
}

#[test]
fn the_json_tree_is_what_the_page_script_reads() {
    let expr = parse("-a * max(b, 2) ^ 2").unwrap();
    assert_eq!(
        expr.to_json().to_string(),
        r#"["*",["neg","a"],["^",["max","b",2.0],2.0]]"#
    );
}

#[test]
fn numbers_are_shown_rounded_and_grouped() {
    assert_eq!(display(180_000.0, None), "180,000");
    assert_eq!(display(1234.5678, Some(2)), "1,234.57");
    assert_eq!(display(12.345, None), "12.3");
    assert_eq!(display(0.05, None), "0.05");
    assert_eq!(display(2.5, Some(0)), "3");
    assert_eq!(display(-0.0001, Some(2)), "0.00", "no minus zero");
    assert_eq!(display(-1_234_567.0, None), "-1,234,567");
    assert_eq!(display(f64::INFINITY, None), "—");
    assert_eq!(display(f64::NAN, Some(1)), "—");
}

#[test]
fn no_panic_on_tricky_input() {
    for input in crate::text::tricky::inputs() {
        let _ = parse_checked(&input, &["x"]).map(|e| e.eval(&Env::new()));
    }
    for input in [
        "(((", ")))", "1 +", "f(", "min(", "min(1,", "if(1,2,", "..1", "1..2", "1e", "1e+",
    ] {
        let _ = parse(input);
    }
}
