//! `episode init [DIR]`: writes the starter course ([`crate::scaffold::starter`]) into a new
//! or empty folder, then lists what it created and the commands to run next.
//!
//! A folder that holds anything besides `.git` is refused (exit 2) unless `--force` is given,
//! and even then no file is overwritten: each one already there is kept and listed.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context as _, bail};

use crate::cli::InitArgs;
use crate::scaffold::{self, Created, starter};
use crate::term::{Terminal, print_out, printable, shell_word};
use crate::{Outcome, config, names};

/// How many entries of a refused folder the error names.
const NAMED_AT_MOST: usize = 5;

/// Creates the course.
pub fn run(root: &Path, args: &InitArgs, term: &Terminal) -> anyhow::Result<Outcome> {
    let given = args.dir.as_deref().unwrap_or(root);
    let dir = config::absolute(given);
    if dir.exists() && !dir.is_dir() {
        bail!("{} is not a folder", dir.display());
    }
    if !args.force {
        refuse_if_not_empty(&dir)?;
    }
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    let title = title_for(&dir);
    let mut created = Vec::new();
    let mut kept = Vec::new();
    for (path, text) in starter::files(&title) {
        match scaffold::create(&dir.join(path), &text)? {
            Created::Written => created.push(path),
            Created::AlreadyThere => kept.push(path),
        }
    }
    if !term.quiet {
        print_out(&report(given, &created, &kept))?;
    }
    Ok(Outcome::Clean)
}

/// An error naming what is in `dir`, unless it is missing, empty or holds only `.git`.
fn refuse_if_not_empty(dir: &Path) -> anyhow::Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    let mut entries: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the folder {}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != ".git")
        .collect();
    if entries.is_empty() {
        return Ok(());
    }
    entries.sort();
    let count = entries.len();
    let mut named = entries
        .iter()
        .take(NAMED_AT_MOST)
        .map(|e| printable(e, false).into_owned())
        .collect::<Vec<_>>()
        .join(", ");
    if count > NAMED_AT_MOST {
        named.push_str(", …");
    }
    bail!(
        "{} is not empty ({}: {named}); a new course is only created in a new or empty folder\n  help: pass another folder (`episode init my-course`), or add --force to add the missing starter files (files already there are kept, never overwritten)",
        dir.display(),
        crate::text::plural(count, "item")
    )
}

/// The course title: the folder's name as a title (`my-course` → "My Course").
fn title_for(dir: &Path) -> String {
    let resolved = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    resolved
        .file_name()
        .map(|n| names::title_from_folder(&n.to_string_lossy()))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "My Course".to_owned())
}

/// What was created, what was kept, and what to run next.
fn report(given: &Path, created: &[&str], kept: &[&str]) -> String {
    let mut out = String::new();
    let shown = printable(&given.to_string_lossy(), false).into_owned();
    if created.is_empty() {
        let _ = writeln!(
            out,
            "Nothing to create in {shown}: every starter file is already there."
        );
    } else {
        let _ = writeln!(out, "Created a course in {shown}:");
        for path in created {
            let _ = writeln!(out, "  {path}");
        }
    }
    if !kept.is_empty() {
        let _ = writeln!(out, "\nAlready there, kept as they are (not overwritten):");
        for path in kept {
            let _ = writeln!(out, "  {path}");
        }
    }
    out.push_str("\nNext:\n");
    if given != Path::new(".") {
        let _ = writeln!(out, "  cd {}", shell_word(&given.to_string_lossy()));
    }
    out.push_str(concat!(
        "  episode build          build the site into site/ (open site/index.html)\n",
        "  episode lint           check every episode against book.toml and enhancements/\n",
        "  episode new \"Title\"    start the next episode with the sections the course asks for\n",
        "  episode serve          preview the site while you write\n",
        "\nTo publish on GitHub Pages, read the comments at the top of .github/workflows/episode.yml.\n",
    ));
    out
}
