//! `episode completions SHELL`: shell completion scripts.

use clap::CommandFactory;

use crate::Outcome;
use crate::cli::{Cli, CompletionsArgs};

/// Prints the completion script for the shell to stdout.
pub fn run(args: &CompletionsArgs) -> anyhow::Result<Outcome> {
    let mut command = Cli::command();
    // Generated into memory: clap_complete panics when its writer fails.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "episode", &mut script);
    crate::term::print_out(&String::from_utf8_lossy(&script))?;
    Ok(Outcome::Clean)
}
