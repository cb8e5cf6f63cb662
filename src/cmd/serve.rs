//! `episode serve`: the preview server (see [`crate::serve`]). Runs until interrupted.

use std::path::Path;

use crate::Outcome;
use crate::cli::ServeArgs;
use crate::serve::{self, Options};
use crate::term::Terminal;

/// Serves the course at `root` until the process is stopped.
pub fn run(root: &Path, args: &ServeArgs, term: &Terminal) -> anyhow::Result<Outcome> {
    serve::run(
        root,
        &Options {
            port: args.port,
            bind: args.bind,
            allow_remote: args.allow_remote,
            open: args.open,
            drafts: args.drafts,
            verbose: term.verbose,
        },
    )?;
    Ok(Outcome::Clean)
}
