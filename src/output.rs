//! Writing the site: the only stage that writes to disk.
//!
//! The site is written into a temporary sibling of the output folder (`.site.tmp-<pid>`) and
//! swapped in at the end (old folder renamed aside, new one renamed into place, old one
//! removed), so a failed build leaves the previous site intact. Before anything is written,
//! [`check_destination`] refuses an output folder that overlaps the course's sources or that
//! holds something other than a previous build: this module never deletes anything outside
//! its own output folder.

use std::path::{Component, Path, PathBuf};

use anyhow::{Context, bail};
use rayon::prelude::*;

use crate::config::Config;

/// The file that marks a folder as written by `episode build`.
pub const MARKER: &str = ".episode-build";

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path from the site root, with `/` separators.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Refuses output folders that would overwrite sources or someone else's files.
pub fn check_destination(config: &Config) -> anyhow::Result<()> {
    let out = resolve(&config.output);
    let root = resolve(&config.root);
    let sources = [
        ("the course folder", root.clone()),
        ("episodes/", resolve(&config.episodes_dir)),
        ("enhancements/", resolve(&config.enhancements_dir)),
        ("templates/", resolve(&config.templates_dir)),
    ];
    for (name, source) in &sources {
        let relation = if &out == source {
            "is"
        } else if root.starts_with(&out) {
            "contains"
        } else if out.starts_with(source) && source != &root {
            "is inside"
        } else {
            continue;
        };
        let name = if relation == "contains" {
            "the course folder"
        } else {
            name
        };
        bail!(
            "refusing to build into {}: the output folder {relation} {name} ({})\n  help: choose an output folder outside the sources, e.g. --out site",
            out.display(),
            if relation == "contains" {
                root.display()
            } else {
                source.display()
            }
        );
    }
    if config.output.exists() {
        if !config.output.is_dir() {
            bail!(
                "refusing to build into {}: it is a file, not a folder\n  help: remove it or choose another --out",
                config.output.display()
            );
        }
        let empty = std::fs::read_dir(&config.output)
            .with_context(|| format!("cannot list {}", config.output.display()))?
            .next()
            .is_none();
        if !empty && !config.output.join(MARKER).is_file() {
            bail!(
                "refusing to replace {}: it is not empty and was not written by `episode build` (no {MARKER} file in it)\n  help: choose another --out, or move that folder away first",
                config.output.display()
            );
        }
    }
    Ok(())
}

/// `path` absolute, with symlinks of its existing part resolved and `..` folded.
fn resolve(path: &Path) -> PathBuf {
    let absolute = crate::config::absolute(path);
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.iter().rev() {
        resolved.push(name);
    }
    let mut folded = PathBuf::new();
    for component in resolved.components() {
        match component {
            Component::ParentDir => {
                folded.pop();
            }
            Component::CurDir => {}
            other => folded.push(other),
        }
    }
    folded
}

/// Writes the site into `out` atomically. Call [`check_destination`] first.
pub fn write_site(out: &Path, files: &[OutputFile]) -> anyhow::Result<()> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let name = out
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let pid = std::process::id();
    let temp = parent.join(format!(".{name}.tmp-{pid}"));
    let backup = parent.join(format!(".{name}.old-{pid}"));
    if temp.exists() {
        std::fs::remove_dir_all(&temp)
            .with_context(|| format!("cannot remove the stale {}", temp.display()))?;
    }
    if let Err(err) = write_all(&temp, files) {
        let _ = std::fs::remove_dir_all(&temp);
        return Err(err);
    }
    swap(&temp, out, &backup)
}

fn write_all(dir: &Path, files: &[OutputFile]) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut folders: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(|p| dir.join(p)))
        .collect();
    folders.sort();
    folders.dedup();
    for folder in &folders {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot create {}", folder.display()))?;
    }
    files.par_iter().try_for_each(|file| {
        let path = dir.join(&file.path);
        std::fs::write(&path, &file.bytes)
            .with_context(|| format!("cannot write {}", path.display()))
    })?;
    std::fs::write(
        dir.join(MARKER),
        "This folder was written by `episode build`, which replaces it on every build.\n",
    )
    .with_context(|| format!("cannot write {}", dir.join(MARKER).display()))
}

fn swap(temp: &Path, out: &Path, backup: &Path) -> anyhow::Result<()> {
    let had_previous = out.exists();
    if had_previous {
        std::fs::rename(out, backup)
            .with_context(|| format!("cannot move the previous site {} aside", out.display()))?;
    }
    if let Err(err) = std::fs::rename(temp, out) {
        if had_previous {
            let _ = std::fs::rename(backup, out);
        }
        let _ = std::fs::remove_dir_all(temp);
        return Err(err)
            .with_context(|| format!("cannot move the new site into {}", out.display()));
    }
    if had_previous {
        std::fs::remove_dir_all(backup)
            .with_context(|| format!("cannot remove the previous site at {}", backup.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_folds_parent_components_of_missing_paths() {
        let base = std::env::temp_dir();
        let path = base.join("does-not-exist-xyz/../other");
        assert_eq!(resolve(&path), resolve(&base).join("other"));
    }
}
