//! `episode` builds, checks and publishes technical courses written in Markdown.
//!
//! Data flows one way. Only `course::load` reads content and only `output` writes it; every
//! stage between is a plain function over plain data:
//!
//! ```text
//! book.toml ─┐
//! episodes/ ─┼─ load ─► Loaded ─► parse ─► Documents + Course ─┬─► check ─► Vec<Diagnostic> ─► report
//! enhancements/ ┘                 (once per file)               └─► render ─► pages ─► output ─► site/
//! ```
//!
//! Content problems are data ([`diagnostic::Diagnostic`]), printed by one printer
//! ([`report`]); `Err` is for the tool failing. Exit codes: 0 clean, 1 content errors,
//! 2 the tool could not do its job (an internal error too: see [`crash`]). All output goes
//! through [`term`]'s writers, so a closed pipe never panics.

pub(crate) mod check;
pub mod cli;
pub(crate) mod cmd;
pub(crate) mod config;
pub(crate) mod course;
pub mod crash;
pub(crate) mod diagnostic;
pub(crate) mod enhance;
pub(crate) mod formula;
pub(crate) mod highlight;
pub(crate) mod markdown;
pub mod memory;
pub(crate) mod mermaid;
pub(crate) mod names;
pub(crate) mod output;
pub(crate) mod pack;
pub(crate) mod pipeline;
pub(crate) mod reference;
pub(crate) mod render;
pub(crate) mod report;
pub(crate) mod scaffold;
pub(crate) mod serve;
pub(crate) mod source;
pub(crate) mod syntax;
pub mod term;
pub(crate) mod text;
pub(crate) mod yaml;

/// What a command achieved, mapped to the process exit code by `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Clean,
    /// Exit 1: content errors were found.
    ContentErrors,
}

/// Runs the command line.
pub fn run(cli: cli::Cli) -> anyhow::Result<Outcome> {
    let term = term::Terminal::new(&cli);
    match cli.command {
        cli::Command::Build(ref args) => cmd::build::run(&cli.root, args, &term),
        cli::Command::Lint(ref args) => cmd::lint::run(&cli.root, args, &term),
        cli::Command::Serve(ref args) => cmd::serve::run(&cli.root, args, &term),
        cli::Command::Enhancements(ref args) => cmd::enhancements::run(&cli.root, args),
        cli::Command::Init(ref args) => cmd::init::run(&cli.root, args, &term),
        cli::Command::New(ref args) => cmd::new::run(&cli.root, args, &term),
        cli::Command::Completions(ref args) => cmd::completions::run(args),
    }
}
