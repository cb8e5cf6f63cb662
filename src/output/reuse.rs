//! Keeping what a build did not change: a file of the new site whose bytes are those of the
//! same file in the previous site is hard-linked to that file instead of written again.
//!
//! Creating a file is most of what writing a site costs the kernel (a new inode for each of
//! thousands of pages), and a rebuild after an edit changes few of them. A link shares the
//! previous file's inode, so an unchanged page also keeps its modification time, and a deploy
//! that compares times (`rsync`) sends only what changed. Nothing is ever written through a
//! link: every file of a site is created anew or linked, never opened for writing in place,
//! so the previous site, and anything else that shares its files' inodes, is never modified.

use std::fs::File;
use std::io::{Read as _, Write as _};
use std::path::Path;

/// Bytes compared at a time.
const COMPARE_CHUNK: usize = 64 * 1024;

/// Puts a hard link to `previous` at `staged` when `previous` is a regular file whose bytes
/// are exactly `bytes`. Whether it did; when it did not, nothing is left at `staged` and the
/// caller writes the file. The bytes are compared through the new link, so what is checked is
/// what the new site holds, even if the previous file is replaced meanwhile.
pub(super) fn link_unchanged(previous: &Path, staged: &Path, bytes: &[u8]) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(previous) else {
        return false;
    };
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return false;
    }
    if std::fs::hard_link(previous, staged).is_err() {
        return false;
    }
    if holds_exactly(staged, bytes).unwrap_or(false) {
        return true;
    }
    let _ = std::fs::remove_file(staged);
    false
}

/// Writes `bytes` to a new file at `path`. A file already there (a page written twice) is
/// replaced, not written through: it may be a link to the previous site's copy.
pub(super) fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let create = || {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    };
    let mut file = match create() {
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(path)?;
            create()?
        }
        opened => opened?,
    };
    file.write_all(bytes)
}

/// Whether the file at `path` holds `bytes` and nothing more.
fn holds_exactly(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    let mut file = File::open(path)?;
    let mut buffer = vec![0; COMPARE_CHUNK.min(bytes.len() + 1)];
    let mut rest = bytes;
    loop {
        let read = match file.read(&mut buffer) {
            Ok(read) => read,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if read == 0 {
            return Ok(rest.is_empty());
        }
        match rest.split_at_checked(read) {
            Some((head, tail)) if head == &buffer[..read] => rest = tail,
            _ => return Ok(false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unchanged_file_is_linked_and_shares_the_previous_inode() {
        let dir = tempfile::tempdir().expect("temp");
        let (previous, staged) = (dir.path().join("old.html"), dir.path().join("new.html"));
        std::fs::write(&previous, "<p>same</p>").expect("write");
        assert!(link_unchanged(&previous, &staged, b"<p>same</p>"));
        assert_eq!(std::fs::read(&staged).expect("read"), b"<p>same</p>");
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            let ino = |p: &Path| std::fs::metadata(p).expect("meta").ino();
            assert_eq!(ino(&previous), ino(&staged));
        }
    }

    #[test]
    fn a_changed_file_of_the_same_length_is_not_linked_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("temp");
        let (previous, staged) = (dir.path().join("old.html"), dir.path().join("new.html"));
        // Longer than one compared chunk, differing in its last byte.
        let mut old = vec![b'a'; COMPARE_CHUNK + 10];
        std::fs::write(&previous, &old).expect("write");
        *old.last_mut().expect("bytes") = b'b';
        assert!(!link_unchanged(&previous, &staged, &old));
        assert!(!staged.exists(), "the trial link is removed");
        assert!(std::fs::read(&previous).expect("read").ends_with(b"a"));
    }

    #[test]
    fn other_lengths_missing_files_folders_and_links_are_never_linked() {
        let dir = tempfile::tempdir().expect("temp");
        let staged = dir.path().join("new.html");
        let previous = dir.path().join("old.html");
        std::fs::write(&previous, "<p>same</p>").expect("write");
        assert!(!link_unchanged(&previous, &staged, b"<p>same</p>\n"));
        assert!(!link_unchanged(&previous, &staged, b"<p>same"));
        assert!(!link_unchanged(&dir.path().join("gone"), &staged, b""));
        let folder = dir.path().join("folder");
        std::fs::create_dir(&folder).expect("folder");
        assert!(!link_unchanged(&folder, &staged, b""));
        #[cfg(unix)]
        {
            let link = dir.path().join("link.html");
            std::os::unix::fs::symlink(&previous, &link).expect("symlink");
            assert!(!link_unchanged(&link, &staged, b"<p>same</p>"));
        }
        assert!(!staged.exists());
    }

    #[test]
    fn a_path_written_again_after_a_link_leaves_the_previous_file_as_it_was() {
        let dir = tempfile::tempdir().expect("temp");
        let (previous, staged) = (dir.path().join("old.html"), dir.path().join("new.html"));
        std::fs::write(&previous, "<p>same</p>").expect("write");
        assert!(link_unchanged(&previous, &staged, b"<p>same</p>"));
        write_new(&staged, b"<p>other</p>").expect("write again");
        assert_eq!(std::fs::read(&staged).expect("read"), b"<p>other</p>");
        assert_eq!(std::fs::read(&previous).expect("read"), b"<p>same</p>");
    }

    #[test]
    fn an_empty_file_is_linked_to_an_empty_file() {
        let dir = tempfile::tempdir().expect("temp");
        let (previous, staged) = (dir.path().join("old"), dir.path().join("new"));
        std::fs::write(&previous, "").expect("write");
        assert!(link_unchanged(&previous, &staged, b""));
    }
}
