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
    pub(crate) root: PathBuf,

    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub(crate) quiet: bool,

    /// Print each stage and its timing; `build` also prints every warning in full.
    #[arg(short, long, global = true)]
    pub(crate) verbose: bool,

    /// When to use colours: auto, always or never.
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub(crate) color: ColorChoice,

    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Colour choice for terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ColorChoice {
    /// Colours when the output is a terminal and NO_COLOR is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build the course into a static site.
    #[command(
        after_help = "Examples:\n  episode build                        Build into the folder book.toml names (default: site/)\n  episode build --out public           Build into public/\n  episode build --root ../other-course --out /tmp/other-site\n\nErrors are printed in full; warnings are counted on one line (`episode lint` or --verbose shows\nthem). The site is written into a temporary sibling folder and swapped in at the end, so a\nfailed build leaves the previous site as it was."
    )]
    Build(BuildArgs),
    /// Check every episode: recommendations, metrics, diagrams, code samples.
    #[command(
        after_help = "Examples:\n  episode lint                         Human-readable findings\n  episode lint --format github         Annotations for GitHub Actions\n  episode lint --explain missing-metrics\n  episode lint --deny warnings --format sarif > lint.sarif\n  episode lint --coverage\n\nExit status: 0 clean, 1 errors found, 2 the tool could not run."
    )]
    Lint(LintArgs),
    /// Preview the course in a browser; pages reload as you save.
    #[command(
        after_help = "Examples:\n  episode serve                        Serve on http://127.0.0.1:3000/ (another port if taken)\n  episode serve --port 8000 --open     Serve on port 8000 and open a browser\n  episode serve --bind 0.0.0.0 --allow-remote\n                                       Serve to other machines too (read the warning)\n\nPages are rendered in memory when asked for; nothing is written to the output folder. Saving\nan episode, a recommendation, a template or book.toml reloads the pages it changes, keeping\nthe scroll position; the findings of the page in view show in an overlay and in this terminal."
    )]
    Serve(ServeArgs),
    /// Show how the recommendation documents were understood, per episode.
    #[command(
        after_help = "Examples:\n  episode enhancements                 A table per episode: kind, title, line, fingerprint\n  episode enhancements --format json   The same as JSON"
    )]
    Enhancements(EnhancementsArgs),
    /// Create a new course: book.toml, a first series and episode, a recommendations document,
    /// a GitHub Actions workflow and a pre-commit hook.
    #[command(
        after_help = "Examples:\n  episode init                         A course in this folder (or in --root)\n  episode init my-course               A course in a new folder my-course/\n  episode init --force                 Add the missing files to an existing folder\n\nThe course builds and lints without a finding. Existing files are never overwritten: a folder\nthat is not empty (besides .git) is refused, and with --force its files are kept and listed."
    )]
    Init(InitArgs),
    /// Create an episode: front matter, the sections book.toml requires, and a section for
    /// each recommendation that targets it.
    #[command(
        after_help = "Examples:\n  episode new \"Caching at the Edge\"                 The next episode of the only series\n  episode new \"Retries\" --series case-studies       The next episode of that series\n  episode new \"Retries\" --series 02-case-studies --number 7\n\nThe file is named like the series' own files (episode-07-retries.md) and never overwrites one."
    )]
    New(NewArgs),
    /// Print shell completions.
    #[command(
        after_help = "Example:\n  episode completions bash > ~/.local/share/bash-completion/completions/episode"
    )]
    Completions(CompletionsArgs),
}

/// `episode build`.
#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// Output folder (default: `output` in book.toml, else site/). Must not overlap the sources.
    #[arg(long, short, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,

    /// Include episodes marked `draft: true`.
    #[arg(long)]
    pub(crate) drafts: bool,

    /// Fail (exit 1) when the checks find errors.
    #[arg(long)]
    pub(crate) strict: bool,
}

/// `episode serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Port to listen on (default: 3000, or a free port when 3000 is taken; 0 for any free port).
    #[arg(long, short, value_name = "PORT")]
    pub(crate) port: Option<u16>,

    /// Address to listen on. Only loopback addresses unless --allow-remote is given.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub(crate) bind: std::net::IpAddr,

    /// Allow an address other machines can reach (--bind 0.0.0.0): anyone who can reach it can
    /// read the course, drafts included.
    #[arg(long)]
    pub(crate) allow_remote: bool,

    /// Open the site in the default browser once it is served.
    #[arg(long)]
    pub(crate) open: bool,

    /// Include episodes marked `draft: true`.
    #[arg(long)]
    pub(crate) drafts: bool,
}

/// `episode lint`.
#[derive(Debug, Args)]
pub(crate) struct LintArgs {
    /// Output format.
    #[arg(long, value_name = "FORMAT", default_value = "human")]
    pub(crate) format: crate::report::Format,

    /// Treat findings of this level as errors (`--deny warnings`).
    #[arg(long, value_name = "LEVEL")]
    pub(crate) deny: Vec<DenyLevel>,

    /// Explain a rule and exit; without a code, list every rule.
    #[arg(long, value_name = "CODE", num_args = 0..=1, default_missing_value = "")]
    pub(crate) explain: Option<String>,

    /// Also print the coverage report: the matrix of episodes by recommendations (when there
    /// are recommendations documents) and the content table (words, code samples, tests and
    /// the content gates per episode); with `--format json`, the content table is added as
    /// `content`.
    #[arg(long)]
    pub(crate) coverage: bool,
}

/// Levels `--deny` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum DenyLevel {
    /// Warnings fail the lint (exit 1) like errors.
    Warnings,
}

/// `episode enhancements`.
#[derive(Debug, Args)]
pub(crate) struct EnhancementsArgs {
    /// Output format.
    #[arg(long, value_name = "FORMAT", default_value = "table")]
    pub(crate) format: EnhancementsFormat,
}

/// Formats of `episode enhancements`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum EnhancementsFormat {
    /// One block per episode, one line per requirement.
    #[default]
    Table,
    /// The requirements as JSON.
    Json,
}

/// `episode init`.
#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// The folder to create the course in (default: --root, else the current folder).
    #[arg(value_name = "DIR")]
    pub(crate) dir: Option<PathBuf>,

    /// Write into a folder that is not empty, keeping every file already there.
    #[arg(long)]
    pub(crate) force: bool,
}

/// `episode new`.
#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// The episode's title.
    #[arg(value_name = "TITLE")]
    pub(crate) title: String,

    /// The series: its folder (02-case-studies), slug (case-studies) or name (Case Studies).
    /// Needed when the course has more than one.
    #[arg(long, short, value_name = "SERIES")]
    pub(crate) series: Option<String>,

    /// The episode number (default: one past the series' last).
    #[arg(long, short, value_name = "N")]
    pub(crate) number: Option<u32>,
}

/// `episode completions`.
#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell.
    pub(crate) shell: clap_complete::Shell,
}
