//! `episode build`: load, parse, check, render, write.

use std::path::Path;

use crate::cli::BuildArgs;
use crate::term::Terminal;
use crate::{Outcome, course, pipeline};

/// Builds the site.
pub fn run(root: &Path, args: &BuildArgs, _term: &Terminal) -> anyhow::Result<Outcome> {
    let loaded = course::load::load(root, args.out.as_deref())?;
    let _parsed = pipeline::parse(&loaded);
    anyhow::bail!("rendering is not part of this build yet")
}
