//! `episode completions SHELL`: shell completion scripts.

use clap::CommandFactory;

use crate::Outcome;
use crate::cli::{Cli, CompletionsArgs};

/// Prints the completion script for the shell to stdout.
pub fn run(args: &CompletionsArgs) -> anyhow::Result<Outcome> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "episode", &mut std::io::stdout());
    Ok(Outcome::Clean)
}
