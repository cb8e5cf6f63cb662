//! `episode lint`: load, parse, check, report.

use std::path::Path;

use crate::check;
use crate::cli::{DenyLevel, LintArgs};
use crate::diagnostic::RuleId;
use crate::report::{self, Format};
use crate::term::{Terminal, print_out};
use crate::{Outcome, course, pipeline};

/// Runs the checks and prints the findings to stdout.
pub fn run(root: &Path, args: &LintArgs, term: &Terminal) -> anyhow::Result<Outcome> {
    if let Some(code) = &args.explain {
        print_out(&explain(code)?)?;
        return Ok(Outcome::Clean);
    }
    let started = std::time::Instant::now();
    let loaded = course::load::load(root, None)?;
    term.stage("load", started);
    let parsing = std::time::Instant::now();
    let files = pipeline::parse_files(
        &loaded,
        &crate::mermaid::MermaidEngine::new(),
        crate::mermaid::cache::DiskCache::from_env().as_ref(),
    );
    let model = pipeline::Model::assemble(&loaded, &files);
    let parsed = model.view(&loaded, &files);
    term.stage("parse", parsing);
    let checked = std::time::Instant::now();
    let mut lint = check::lint(&parsed);
    term.stage("check", checked);
    let deny_warnings = args.deny.contains(&DenyLevel::Warnings);
    if deny_warnings {
        lint.deny_warnings();
    }
    let reporting = std::time::Instant::now();
    let style = report::Style {
        color: term.color && std::io::IsTerminal::is_terminal(&std::io::stdout()),
    };
    let records = report::json::recommendations(&parsed, &lint.evaluation);
    let sources = parsed.sources();
    let coverage = args.coverage.then(|| lint.coverage(&parsed));
    let mut out = report::render_with(
        lint.diagnostics(),
        &records,
        &lint.evaluation.documents,
        coverage.as_ref().map(|c| &c.content),
        &sources,
        args.format,
        style,
    );
    if matches!(args.format, Format::Human | Format::Short) {
        if let Some(coverage) = &coverage {
            // The recommendations matrix when there are recommendations documents; the
            // content table always.
            if !parsed.enhancement_docs.is_empty() {
                out.push('\n');
                out.push_str(&report::matrix::render(coverage));
            }
            out.push('\n');
            out.push_str(&report::matrix::render_content(&coverage.content));
        }
        if !term.quiet {
            out.push_str(&report::summary(
                &lint.counts(),
                &records,
                &lint.evaluation.documents,
            ));
        }
    }
    print_out(&out)?;
    term.stage("report", reporting);
    let outcome = if lint.fails(deny_warnings) {
        Outcome::ContentErrors
    } else {
        Outcome::Clean
    };
    // The process ends here: the parsed course (every file's text and events) is left for
    // the operating system to reclaim at once instead of being freed piece by piece.
    std::mem::forget((files, model, loaded));
    Ok(outcome)
}

/// The explanation of one rule, or the list of rules for an empty code.
pub fn explain(code: &str) -> anyhow::Result<String> {
    if code.is_empty() {
        let width = RuleId::ALL
            .iter()
            .map(|r| r.as_str().len())
            .max()
            .unwrap_or(0);
        return Ok(RuleId::ALL
            .iter()
            .map(|id| {
                let r = id.rule();
                format!(
                    "{:<width$}  {:<7}  {}\n",
                    r.code,
                    r.default_severity.as_str(),
                    r.summary
                )
            })
            .collect());
    }
    let rule = code
        .parse::<RuleId>()
        .map_err(|e| anyhow::anyhow!("{e}; `episode lint --explain` lists them"))?
        .rule();
    Ok(format!(
        "{} ({} by default): {}\n\n{}\n",
        rule.code,
        rule.default_severity.as_str(),
        rule.summary,
        wrap(rule.explanation, 90)
    ))
}

fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        if line_len > 0 && line_len + 1 + word.len() > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += word.len();
    }
    out
}
