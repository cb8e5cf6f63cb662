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

/// What a file of the previous site must share with a file this build creates for the new
/// site to link to it: its permissions, owner and group. A file with other permissions (made
/// read-only, say), owner or group is written anew, as a build without links would. (Extended
/// attributes set on a file by hand are not read, and stay with a linked file.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Fresh {
    mode: u32,
    uid: u32,
    gid: u32,
}

impl Fresh {
    /// Read from `path`, a file this build has just created. `None` where it cannot be read,
    /// and on systems without Unix permissions, where nothing is linked.
    pub(super) fn of(path: &Path) -> Option<Self> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            let meta = std::fs::symlink_metadata(path).ok()?;
            Some(Self {
                mode: meta.mode() & 0o7777,
                uid: meta.uid(),
                gid: meta.gid(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            None
        }
    }

    /// Whether a file of `mode`, `uid` and `gid` has the permissions, owner and group of a
    /// fresh file.
    #[cfg(unix)]
    fn is_like(self, mode: u32, uid: u32, gid: u32) -> bool {
        mode & 0o7777 == self.mode && uid == self.uid && gid == self.gid
    }
}

/// Puts a hard link to the previous site's file `rel` (under `root`) at `staged` when that
/// file holds exactly `bytes` and is the site's alone: a regular file with one link (none
/// elsewhere), in real folders (no symbolic link on the way), with the permissions and owner
/// of a `fresh` file. Whether it did; when it did not, nothing is left at `staged` and the
/// caller writes the file. The link is checked to be that very file, and the bytes are
/// compared through it, so what is checked is what the new site holds.
pub(super) fn link_unchanged(
    root: &Path,
    rel: &str,
    staged: &Path,
    bytes: &[u8],
    fresh: Fresh,
) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let mut folder = root.to_path_buf();
        let mut parts = rel.split('/').peekable();
        while let Some(part) = parts.next() {
            if parts.peek().is_none() {
                break;
            }
            folder.push(part);
            match std::fs::symlink_metadata(&folder) {
                Ok(meta) if meta.is_dir() => {}
                _ => return false,
            }
        }
        let previous = root.join(rel);
        let Ok(meta) = std::fs::symlink_metadata(&previous) else {
            return false;
        };
        let alone = meta.is_file() && meta.nlink() == 1;
        let same_kind = fresh.is_like(meta.mode(), meta.uid(), meta.gid());
        if !alone || !same_kind || meta.len() != bytes.len() as u64 {
            return false;
        }
        if std::fs::hard_link(&previous, staged).is_err() {
            return false;
        }
        let linked = std::fs::symlink_metadata(staged)
            .is_ok_and(|l| l.is_file() && l.ino() == meta.ino() && l.dev() == meta.dev());
        if linked && holds_exactly(staged, bytes).unwrap_or(false) {
            return true;
        }
        let _ = std::fs::remove_file(staged);
        false
    }
    #[cfg(not(unix))]
    {
        let _ = (root, rel, staged, bytes, fresh);
        false
    }
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

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    use std::path::PathBuf;

    use super::*;

    /// A previous site (`old/`), a new one being written (`new/`, with a file of its own) and
    /// what a fresh file of it is like.
    fn sites() -> (tempfile::TempDir, PathBuf, PathBuf, Fresh) {
        let dir = tempfile::tempdir().expect("temp");
        let (old, new) = (dir.path().join("old"), dir.path().join("new"));
        std::fs::create_dir_all(old.join("series")).expect("old");
        std::fs::create_dir_all(new.join("series")).expect("new");
        std::fs::write(new.join("marker"), "").expect("marker");
        let fresh = Fresh::of(&new.join("marker")).expect("fresh");
        (dir, old, new, fresh)
    }

    fn ino(path: &Path) -> u64 {
        std::fs::symlink_metadata(path).expect("meta").ino()
    }

    #[test]
    fn an_unchanged_file_is_linked_and_shares_the_previous_inode() {
        let (_dir, old, new, fresh) = sites();
        std::fs::write(old.join("series/a.html"), "<p>same</p>").expect("write");
        let staged = new.join("series/a.html");
        assert!(link_unchanged(
            &old,
            "series/a.html",
            &staged,
            b"<p>same</p>",
            fresh
        ));
        assert_eq!(std::fs::read(&staged).expect("read"), b"<p>same</p>");
        assert_eq!(ino(&staged), ino(&old.join("series/a.html")));
    }

    #[test]
    fn a_changed_file_of_the_same_length_is_not_linked_and_leaves_nothing_behind() {
        let (_dir, old, new, fresh) = sites();
        // Longer than one compared chunk, differing in its last byte.
        let mut bytes = vec![b'a'; COMPARE_CHUNK + 10];
        std::fs::write(old.join("a.html"), &bytes).expect("write");
        *bytes.last_mut().expect("bytes") = b'b';
        assert!(!link_unchanged(
            &old,
            "a.html",
            &new.join("a.html"),
            &bytes,
            fresh
        ));
        assert!(!new.join("a.html").exists(), "the trial link is removed");
        assert!(
            std::fs::read(old.join("a.html"))
                .expect("read")
                .ends_with(b"a")
        );
    }

    #[test]
    fn other_lengths_missing_files_folders_and_symbolic_links_are_never_linked() {
        let (_dir, old, new, fresh) = sites();
        std::fs::write(old.join("a.html"), "<p>same</p>").expect("write");
        let staged = new.join("a.html");
        assert!(!link_unchanged(
            &old,
            "a.html",
            &staged,
            b"<p>same</p>\n",
            fresh
        ));
        assert!(!link_unchanged(&old, "a.html", &staged, b"<p>same", fresh));
        assert!(!link_unchanged(&old, "gone.html", &staged, b"", fresh));
        assert!(!link_unchanged(&old, "series", &staged, b"", fresh));
        std::os::unix::fs::symlink(old.join("a.html"), old.join("link.html")).expect("symlink");
        assert!(!link_unchanged(
            &old,
            "link.html",
            &staged,
            b"<p>same</p>",
            fresh
        ));
        assert!(!staged.exists());
    }

    #[test]
    fn a_file_reached_through_a_symbolically_linked_folder_is_not_linked() {
        let (dir, old, new, fresh) = sites();
        let outside = dir.path().join("outside");
        std::fs::create_dir(&outside).expect("outside");
        std::fs::write(outside.join("a.html"), "<p>same</p>").expect("write");
        std::os::unix::fs::symlink(&outside, old.join("elsewhere")).expect("symlink");
        std::fs::create_dir(new.join("elsewhere")).expect("folder");
        let staged = new.join("elsewhere/a.html");
        assert!(!link_unchanged(
            &old,
            "elsewhere/a.html",
            &staged,
            b"<p>same</p>",
            fresh
        ));
        assert!(!staged.exists());
    }

    #[test]
    fn a_file_linked_from_elsewhere_or_with_other_permissions_is_written_anew() {
        let (dir, old, new, fresh) = sites();
        let shared = dir.path().join("shared.css");
        std::fs::write(&shared, "p{}").expect("write");
        std::fs::hard_link(&shared, old.join("style.css")).expect("link");
        assert!(!link_unchanged(
            &old,
            "style.css",
            &new.join("style.css"),
            b"p{}",
            fresh
        ));
        std::fs::write(old.join("a.html"), "<p>same</p>").expect("write");
        std::fs::set_permissions(old.join("a.html"), std::fs::Permissions::from_mode(0o400))
            .expect("chmod");
        assert!(!link_unchanged(
            &old,
            "a.html",
            &new.join("a.html"),
            b"<p>same</p>",
            fresh
        ));
        assert!(!new.join("style.css").exists() && !new.join("a.html").exists());
    }

    #[test]
    fn another_mode_owner_or_group_is_not_like_a_fresh_file() {
        let fresh = Fresh {
            mode: 0o644,
            uid: 1000,
            gid: 1000,
        };
        // The file-type bits of a mode are not permissions.
        assert!(fresh.is_like(0o100_644, 1000, 1000));
        assert!(!fresh.is_like(0o100_400, 1000, 1000));
        assert!(!fresh.is_like(0o104_644, 1000, 1000), "setuid");
        assert!(!fresh.is_like(0o100_644, 0, 1000), "owner");
        assert!(!fresh.is_like(0o100_644, 1000, 65534), "group");
    }

    #[test]
    fn a_path_written_again_after_a_link_leaves_the_previous_file_as_it_was() {
        let (_dir, old, new, fresh) = sites();
        std::fs::write(old.join("a.html"), "<p>same</p>").expect("write");
        let staged = new.join("a.html");
        assert!(link_unchanged(
            &old,
            "a.html",
            &staged,
            b"<p>same</p>",
            fresh
        ));
        write_new(&staged, b"<p>other</p>").expect("write again");
        assert_eq!(std::fs::read(&staged).expect("read"), b"<p>other</p>");
        assert_eq!(
            std::fs::read(old.join("a.html")).expect("read"),
            b"<p>same</p>"
        );
    }

    #[test]
    fn an_empty_file_is_linked_to_an_empty_file() {
        let (_dir, old, new, fresh) = sites();
        std::fs::write(old.join("empty"), "").expect("write");
        assert!(link_unchanged(
            &old,
            "empty",
            &new.join("empty"),
            b"",
            fresh
        ));
    }
}
