//! `episode lint`: load, parse, check, report.

use std::path::Path;

use crate::cli::LintArgs;
use crate::diagnostic::{self, Counts};
use crate::term::Terminal;
use crate::{Outcome, course, pipeline, report};

/// Runs the checks and prints the findings to stdout.
pub fn run(root: &Path, args: &LintArgs, term: &Terminal) -> anyhow::Result<Outcome> {
    let loaded = course::load::load(root, None)?;
    let parsed = pipeline::parse(&loaded);
    let mut diagnostics = parsed.diagnostics.clone();
    diagnostic::sort(&mut diagnostics);
    let style = report::Style {
        color: term.color && std::io::IsTerminal::is_terminal(&std::io::stdout()),
    };
    print!(
        "{}",
        report::render(&diagnostics, &parsed.sources(), args.format, style)
    );
    let counts = Counts::of(&diagnostics);
    Ok(if counts.errors > 0 {
        Outcome::ContentErrors
    } else {
        Outcome::Clean
    })
}
