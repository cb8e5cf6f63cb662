//! Command-line interface: one `*Args` struct per subcommand. Doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Build, check and publish technical courses written in Markdown.
///
/// A course is a folder with episodes/ (one folder per series, one Markdown file per episode),
/// optionally enhancements/ (editors' recommendation documents), templates/ (theme overrides)
/// and book.toml (configuration).
#[derive(Debug, Parser)]
#[command(
    name = "episode",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "Examples:\n  episode build                      Build the course in this folder into site/\n  episode lint                       Check every episode against the recommendations\n  episode build --root ../course --out /tmp/site\n\nDocumentation: README.md in the repository."
)]
pub struct Cli {
    /// The course folder (holds book.toml and/or episodes/).
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,

    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print each stage and its timing.
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// When to use colours: auto, always or never.
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Colour choice for terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colours when the output is a terminal and NO_COLOR is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the course into a static site.
    #[command(
        after_help = "Examples:\n  episode build                        Build into the folder book.toml names (default: site/)\n  episode build --out public           Build into public/\n  episode build --root ../shared/corpus --out /tmp/corpus-site\n\nThe site is written into a temporary sibling folder and swapped in at the end, so a failed\nbuild leaves the previous site as it was."
    )]
    Build(BuildArgs),
    /// Check every episode: recommendations, metrics, diagrams, code samples.
    #[command(
        after_help = "Examples:\n  episode lint                         Human-readable findings\n  episode lint --format github         Annotations for GitHub Actions\n  episode lint --explain mermaid-syntax\n\nExit status: 0 clean, 1 errors found, 2 the tool could not run."
    )]
    Lint(LintArgs),
    /// Print shell completions.
    #[command(
        after_help = "Example:\n  episode completions bash > ~/.local/share/bash-completion/completions/episode"
    )]
    Completions(CompletionsArgs),
}

/// `episode build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Output folder (default: `output` in book.toml, else site/). Must not overlap the sources.
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Include episodes marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,

    /// Fail (exit 1) when the checks find errors.
    #[arg(long)]
    pub strict: bool,
}

/// `episode lint`.
#[derive(Debug, Args)]
pub struct LintArgs {
    /// Output format.
    #[arg(long, value_name = "FORMAT", default_value = "human")]
    pub format: crate::report::Format,
}

/// `episode completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    pub shell: clap_complete::Shell,
}
