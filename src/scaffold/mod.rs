//! New course sources: the starter course of `episode init` and the skeleton of a new
//! episode for `episode new`.
//!
//! Unlike `output`, which replaces the site it owns, this module writes into the author's
//! own folders, so it only ever creates files: an existing file is never opened for writing
//! ([`create`] reports it instead).

pub(crate) mod episode;
pub(crate) mod file_name;
pub(crate) mod placement;
pub(crate) mod sections;
pub(crate) mod skeleton;
pub(crate) mod starter;
pub(crate) mod targeting;

use std::io::Write as _;
use std::path::Path;

use anyhow::Context as _;

/// What [`create`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Created {
    /// The file was written.
    Written,
    /// A file was already there; it was left as it was.
    AlreadyThere,
}

/// Writes `text` to a new file at `path`, creating its folders; a file already at `path` is
/// left untouched. The check and the creation are one step, so a file that appears in the
/// meantime is not overwritten either.
pub(crate) fn create(path: &Path, text: &str) -> anyhow::Result<Created> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the folder {}", parent.display()))?;
    }
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            return Ok(Created::AlreadyThere);
        }
        Err(err) => {
            return Err(err).with_context(|| format!("cannot create {}", path.display()));
        }
    };
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(Created::Written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_existing_file_is_never_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a/b/file.md");
        assert_eq!(create(&path, "first").expect("create"), Created::Written);
        assert_eq!(
            create(&path, "second").expect("create"),
            Created::AlreadyThere
        );
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "first");
    }
}
