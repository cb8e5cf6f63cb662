//! Writing the site: the only stage that writes to disk.
//!
//! The site is written into a temporary sibling of the output folder (`.site.tmp-<pid>`) and
//! swapped in at the end (old folder renamed aside, new one renamed into place, old one
//! removed), so a failed build leaves the previous site intact. An output folder that cannot
//! be renamed (a mount point, e.g. a container volume) or whose parent is read-only gets its
//! contents swapped instead, from a temporary folder inside it. Working folders carry the
//! [`MARKER`] file from their first moment, so the next build recognises and removes those
//! that an interrupted build left behind.
//!
//! Before anything is written, [`check_destination`] refuses an output folder that overlaps
//! the course's sources or that holds something other than a previous build: this module
//! never deletes anything outside its own output folder and its own working folders.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::config::Config;
use anyhow::{Context, bail};

mod reuse;

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

/// A site being written: a working folder that pages go into as soon as they are rendered
/// ([`SiteWriter::write`], from any thread), swapped into place by [`SiteWriter::finish`].
///
/// [`SiteWriter::begin`] removes the leftovers of earlier interrupted builds (see
/// [`clean_leftovers`]) and creates the working folder beside `out`, marked as ours from its
/// first moment. [`SiteWriter::finish`] swaps it in by renaming folders: a reader sees the old
/// site or the new one, never a mix. When `out` itself cannot be renamed (a mount point such
/// as a container volume: `EBUSY`/`EXDEV`) or its parent is not writable, the working folder is
/// inside `out` and the entries are swapped one by one (see [`swap_contents`]). A writer
/// dropped without `finish` (a failed or refused build) removes its working folder: the
/// previous site stays as it was. Pages are never held in memory until the end, so a build's
/// memory does not grow with the number of pages.
#[derive(Debug)]
pub(crate) struct SiteWriter {
    out: PathBuf,
    /// The output folder's name (`site`), which names the working folders.
    name: String,
    /// Where the new site is written: `.<name>.tmp-<pid>` beside `out`, or inside it.
    dir: PathBuf,
    /// Whether `dir` is inside `out` (its contents are swapped, not the folder).
    inside: bool,
    /// Whether the working folder has been handed over (swapped in, or removed by a failure).
    done: bool,
    /// The previous site, whose unchanged files the new one links to ([`reuse`]), and what
    /// a file this build creates is like; `None` when there is no previous site (or nothing
    /// is linked on this system).
    previous: Option<(PathBuf, reuse::Fresh)>,
    /// Files written, and files kept from the previous site, so far.
    written: AtomicUsize,
    kept: AtomicUsize,
}

impl SiteWriter {
    /// Starts writing the site into `out`. Call [`check_destination`] first.
    pub(crate) fn begin(out: &Path) -> anyhow::Result<Self> {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = out
            .file_name()
            .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
        std::fs::create_dir_all(parent).map_err(|err| {
            anyhow::anyhow!(
                "cannot write the site to {}: cannot create {} ({err})\n  help: choose another --out, or create {} first",
                out.display(),
                parent.display(),
                parent.display()
            )
        })?;
        clean_leftovers(parent, &name);
        if out.is_dir() {
            clean_leftovers(out, &name);
        }
        let pid = std::process::id();
        let had_previous = out.is_dir();
        let writer = |dir: PathBuf, inside| Self {
            out: out.to_path_buf(),
            name: name.clone(),
            previous: reuse::Fresh::of(&dir.join(MARKER))
                .filter(|_| had_previous)
                .map(|fresh| (out.to_path_buf(), fresh)),
            dir,
            inside,
            done: false,
            written: AtomicUsize::new(0),
            kept: AtomicUsize::new(0),
        };
        let inner = out.join(format!(".{name}.tmp-{pid}"));
        let start_inside = || match start_folder(&inner) {
            Ok(()) => Ok(writer(inner.clone(), true)),
            Err(err) => {
                let _ = std::fs::remove_dir_all(&inner);
                Err(unwritable(out, out, &err))
            }
        };
        if out.is_dir() && is_mount_point(out, parent) {
            return start_inside();
        }
        let temp = parent.join(format!(".{name}.tmp-{pid}"));
        match start_folder(&temp) {
            Ok(()) => Ok(writer(temp, false)),
            Err(err) => {
                let _ = std::fs::remove_dir_all(&temp);
                if out.is_dir() && is_permission(&err) {
                    return start_inside();
                }
                Err(unwritable(out, parent, &err))
            }
        }
    }

    /// Writes one file of the site (creating its folders), or links it to the previous
    /// site's copy when that holds the same bytes ([`reuse`]). Safe to call from many threads.
    pub(crate) fn write(&self, file: &OutputFile) -> anyhow::Result<()> {
        // Page paths are made from slugs; one that could leave the site's folder is refused
        // rather than written.
        let inside = Path::new(&file.path)
            .components()
            .all(|part| matches!(part, Component::Normal(_) | Component::CurDir));
        anyhow::ensure!(
            inside,
            "refusing to write {}: not a path inside the site",
            file.path
        );
        let path = self.dir.join(&file.path);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)
                .with_context(|| format!("cannot create {}", folder.display()))?;
        }
        if let Some((previous, fresh)) = &self.previous
            && reuse::link_unchanged(previous, &file.path, &path, &file.bytes, *fresh)
        {
            self.kept.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        reuse::write_new(&path, &file.bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// How many files have been written so far, and how many kept unchanged from the
    /// previous site (linked to it).
    pub(crate) fn counts(&self) -> (usize, usize) {
        (
            self.written.load(Ordering::Relaxed),
            self.kept.load(Ordering::Relaxed),
        )
    }

    /// Puts the new site in place of the previous one.
    pub(crate) fn finish(self) -> anyhow::Result<()> {
        self.finish_with(&|from, to| std::fs::rename(from, to))
    }

    fn finish_with(mut self, rename: Rename<'_>) -> anyhow::Result<()> {
        self.done = true;
        let result = self.swap_in(rename);
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
        result
    }

    fn swap_in(&self, rename: Rename<'_>) -> anyhow::Result<()> {
        std::fs::write(
            self.dir.join(MARKER),
            "This folder was written by `episode build`, which replaces it on every build.\n",
        )
        .with_context(|| format!("cannot write {}", self.dir.join(MARKER).display()))?;
        if self.inside {
            return swap_contents(&self.out, &self.name, &self.dir, rename);
        }
        let pid = std::process::id();
        let parent = self.dir.parent().unwrap_or(Path::new("."));
        let backup = parent.join(format!(".{}.old-{pid}", self.name));
        match swap(&self.dir, &self.out, &backup, rename) {
            Err(SwapError::CannotMoveAside(err)) if is_unmovable(&err) => {
                // `out` cannot be renamed after all (a bind mount on the same device): bring
                // the new site inside it and swap the contents.
                let inner = self.out.join(format!(".{}.tmp-{pid}", self.name));
                let moved = start_folder(&inner)
                    .and_then(|()| move_tree(&self.dir, &inner, rename))
                    .map_err(|err| unwritable(&self.out, &self.out, &err));
                if let Err(err) = moved {
                    let _ = std::fs::remove_dir_all(&inner);
                    return Err(err);
                }
                let _ = std::fs::remove_dir_all(&self.dir);
                swap_contents(&self.out, &self.name, &inner, rename)
            }
            Err(SwapError::CannotMoveAside(err)) => Err(anyhow::Error::new(err).context(format!(
                "cannot replace the previous site {}\n  help: close programs that use files in it, or choose another --out",
                self.out.display()
            ))),
            Err(SwapError::Other(err)) => Err(err),
            Ok(()) => Ok(()),
        }
    }
}

impl Drop for SiteWriter {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Moves the entries of `from` into the existing folder `to`: by renaming each, or by copying
/// it where renaming fails (another file system). `from` itself is left for the caller.
fn move_tree(from: &Path, to: &Path, rename: Rename<'_>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if rename(&source, &target).is_ok() {
            continue;
        }
        if entry.file_type()?.is_dir() {
            std::fs::create_dir(&target)?;
            move_tree(&source, &target, rename)?;
        } else {
            std::fs::copy(&source, &target)?;
        }
    }
    Ok(())
}

/// How a folder entry is moved: `std::fs::rename`, or a failing one in tests.
type Rename<'a> = &'a dyn Fn(&Path, &Path) -> std::io::Result<()>;

/// The error for an output folder whose parent cannot be written.
fn unwritable(out: &Path, parent: &Path, err: &std::io::Error) -> anyhow::Error {
    anyhow::anyhow!(
        "cannot write the site to {}: {} is not writable ({err})\n  help: choose another --out or make {} writable",
        out.display(),
        parent.display(),
        parent.display()
    )
}

fn is_permission(err: &std::io::Error) -> bool {
    matches!(
        err.kind(),
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
    )
}

/// Renaming the folder failed because it is a mount point (or crosses one).
fn is_unmovable(err: &std::io::Error) -> bool {
    matches!(
        err.kind(),
        std::io::ErrorKind::ResourceBusy | std::io::ErrorKind::CrossesDevices
    ) || is_permission(err)
}

/// Whether `out` is on another file system than its parent: a mount point.
#[cfg(unix)]
fn is_mount_point(out: &Path, parent: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(out), std::fs::metadata(parent)) {
        (Ok(a), Ok(b)) => a.dev() != b.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_mount_point(_out: &Path, _parent: &Path) -> bool {
    false
}

/// Creates a working folder and marks it as ours at once, so that leftovers of a killed build
/// can be recognised and removed by the next one.
fn start_folder(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir(dir)?;
    std::fs::write(
        dir.join(MARKER),
        "This folder was written by `episode build`, which replaces it on every build.\n",
    )
}

/// Removes this tool's working folders left in `dir` by builds that were interrupted
/// (`.<name>.tmp-<pid>` and `.<name>.old-<pid>`). A folder is removed only when its name has
/// that pattern, it is a real folder (not a link), it holds our [`MARKER`] file, and the
/// build that made it is no longer running. Nothing else is ever touched. Failures are
/// ignored: a leftover that cannot be removed does no harm.
fn clean_leftovers(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = leftover_pid(&file_name, name) else {
            continue;
        };
        let path = entry.path();
        let is_folder = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
        let is_ours = std::fs::symlink_metadata(path.join(MARKER)).is_ok_and(|m| m.is_file());
        if is_folder && is_ours && !build_running(pid, &path) {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// The process id in `.<name>.tmp-<pid>` or `.<name>.old-<pid>`.
fn leftover_pid(file_name: &str, name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix('.')?.strip_prefix(name)?;
    let pid = rest
        .strip_prefix(".tmp-")
        .or_else(|| rest.strip_prefix(".old-"))?;
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether the build with `pid` may still be using `folder`: this very build, or a live
/// process (where `/proc` tells), or else a folder changed within the last hour.
fn build_running(pid: u32, folder: &Path) -> bool {
    if pid == std::process::id() {
        return false;
    }
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        return proc.join(pid.to_string()).exists();
    }
    std::fs::metadata(folder)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age < std::time::Duration::from_secs(3600))
}

enum SwapError {
    /// The previous site could not be renamed aside; nothing changed.
    CannotMoveAside(std::io::Error),
    Other(anyhow::Error),
}

fn swap(temp: &Path, out: &Path, backup: &Path, rename: Rename<'_>) -> Result<(), SwapError> {
    let had_previous = out.exists();
    if had_previous {
        rename(out, backup).map_err(SwapError::CannotMoveAside)?;
    }
    if let Err(err) = rename(temp, out) {
        if had_previous {
            let _ = rename(backup, out);
        }
        let _ = std::fs::remove_dir_all(temp);
        return Err(SwapError::Other(anyhow::Error::new(err).context(format!(
            "cannot move the new site into {}",
            out.display()
        ))));
    }
    if had_previous {
        // The new site is in place; a backup that cannot be removed now is a leftover the
        // next build removes.
        let _ = std::fs::remove_dir_all(backup);
    }
    Ok(())
}

/// Replaces the contents of `out` without renaming `out` itself (a mount point).
///
/// The new site has been written into `temp` (`out/.<name>.tmp-<pid>`), so a failure while
/// writing left the previous site untouched. Each old entry is renamed into
/// `out/.<name>.old-<pid>` and each new entry renamed into `out` (renames within one folder:
/// each is atomic, the whole swap is not, but it takes only as long as a few renames). The
/// [`MARKER`] file stays in `out` throughout, so an interrupted swap is still recognised as
/// ours; the next build removes the working folders and writes the whole site again. On a
/// failure during the swap, the entries already moved are moved back.
fn swap_contents(out: &Path, name: &str, temp: &Path, rename: Rename<'_>) -> anyhow::Result<()> {
    let pid = std::process::id();
    let backup = out.join(format!(".{name}.old-{pid}"));
    if let Err(err) = start_folder(&backup) {
        let _ = std::fs::remove_dir_all(temp);
        let _ = std::fs::remove_dir_all(&backup);
        return Err(unwritable(out, out, &err));
    }
    let marker = std::ffi::OsStr::new(MARKER);
    let working = |n: &std::ffi::OsStr| {
        Some(n) == temp.file_name() || Some(n) == backup.file_name() || n == marker
    };
    let old = entries(out, |n| !working(n))?;
    let temp = temp.to_path_buf();
    let mut moved_out = Vec::new();
    for entry in &old {
        if let Err(err) = rename(&out.join(entry), &backup.join(entry)) {
            for back in moved_out.iter().rev() {
                let _ = rename(&backup.join(back), &out.join(back));
            }
            let _ = std::fs::remove_dir_all(&temp);
            let _ = std::fs::remove_dir_all(&backup);
            return Err(anyhow::Error::new(err).context(format!(
                "cannot replace the previous site in {}\n  help: close programs that use files in it, or choose another --out",
                out.display()
            )));
        }
        moved_out.push(entry.clone());
    }
    let new = entries(&temp, |n| n != marker)?;
    // The marker goes last: it stays in `out` from the old site until the new one replaces it.
    let marker = marker.to_os_string();
    let mut moved_in = Vec::new();
    for entry in new.iter().chain(std::iter::once(&marker)) {
        if let Err(err) = rename(&temp.join(entry), &out.join(entry)) {
            // Put the previous site back: take out what came in, return what went aside.
            for back in moved_in.iter().filter(|n| **n != marker) {
                let _ = remove_entry(&out.join(back));
            }
            for back in moved_out.iter().rev() {
                let _ = rename(&backup.join(back), &out.join(back));
            }
            let _ = std::fs::remove_dir_all(&temp);
            let _ = std::fs::remove_dir_all(&backup);
            return Err(anyhow::Error::new(err).context(format!(
                "cannot move the new site into {}\n  help: close programs that use files in it, or choose another --out",
                out.display()
            )));
        }
        moved_in.push(entry.clone());
    }
    let _ = std::fs::remove_dir_all(&temp);
    let _ = std::fs::remove_dir_all(&backup);
    Ok(())
}

/// Removes a file or a folder (not following links).
fn remove_entry(path: &Path) -> std::io::Result<()> {
    if std::fs::symlink_metadata(path)?.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    }
}

/// The names of the entries of `dir` that `keep` accepts, sorted.
fn entries(
    dir: &Path,
    keep: impl Fn(&std::ffi::OsStr) -> bool,
) -> anyhow::Result<Vec<std::ffi::OsString>> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .map(|e| e.map(|e| e.file_name()))
        .collect::<Result<_, _>>()
        .with_context(|| format!("cannot list {}", dir.display()))?;
    names.retain(|n| keep(n));
    names.sort();
    Ok(names)
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

    fn write_site_with(out: &Path, files: &[OutputFile], rename: Rename<'_>) -> anyhow::Result<()> {
        let writer = SiteWriter::begin(out)?;
        for file in files {
            writer.write(file)?;
        }
        writer.finish_with(rename)
    }

    fn write_site(out: &Path, files: &[OutputFile]) -> anyhow::Result<()> {
        write_site_with(out, files, &|from, to| std::fs::rename(from, to))
    }

    fn site(files: &[(&str, &str)]) -> Vec<OutputFile> {
        files
            .iter()
            .map(|(path, text)| OutputFile {
                path: (*path).to_owned(),
                bytes: text.as_bytes().to_vec(),
            })
            .collect()
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .flatten()
            .map(|e| {
                e.path()
                    .strip_prefix(dir)
                    .expect("inside")
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        names.sort();
        names
    }

    /// `rename` as on a mount point: the output folder itself cannot be moved.
    fn busy_for(out: PathBuf) -> impl Fn(&Path, &Path) -> std::io::Result<()> {
        move |from, to| {
            if from == out {
                Err(std::io::Error::from(std::io::ErrorKind::ResourceBusy))
            } else {
                std::fs::rename(from, to)
            }
        }
    }

    #[test]
    fn an_output_folder_that_cannot_be_renamed_gets_its_contents_swapped() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("site");
        let old = site(&[("index.html", "old"), ("basics/a.html", "old a")]);
        write_site(&out, &old).expect("first build");
        let new = site(&[("index.html", "new"), ("other/b.html", "new b")]);
        write_site_with(&out, &new, &busy_for(out.clone())).expect("second build");
        assert_eq!(
            listing(dir.path()),
            [
                "site",
                "site/.episode-build",
                "site/index.html",
                "site/other",
                "site/other/b.html"
            ]
        );
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).expect("read"),
            "new"
        );
    }

    #[test]
    fn a_failed_contents_swap_puts_the_previous_site_back() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("site");
        let old = site(&[("index.html", "old"), ("basics/a.html", "old a")]);
        write_site(&out, &old).expect("first build");
        let before = listing(dir.path());
        let busy = busy_for(out.clone());
        let failing = |from: &Path, to: &Path| {
            if from.ends_with("other") {
                Err(std::io::Error::other("disk gone"))
            } else {
                busy(from, to)
            }
        };
        let new = site(&[("index.html", "new"), ("other/b.html", "new b")]);
        let err = write_site_with(&out, &new, &failing).expect_err("must fail");
        assert!(format!("{err:#}").contains("disk gone"), "{err:#}");
        assert_eq!(listing(dir.path()), before);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).expect("read"),
            "old"
        );
    }

    #[test]
    fn leftovers_of_interrupted_builds_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("site");
        let make = |name: &str, marked: bool| {
            let folder = dir.path().join(name);
            std::fs::create_dir_all(&folder).expect("mkdir");
            std::fs::write(folder.join("page.html"), "x").expect("write");
            if marked {
                std::fs::write(folder.join(MARKER), "").expect("write");
            }
        };
        // Process ids above the kernel's maximum belong to no running build.
        make(".site.tmp-4999999", true);
        make(".site.old-4999998", true);
        make(".site.tmp-4999997", false);
        make(".site.tmp-x", true);
        make(".other.tmp-4999996", true);
        make("notes", true);
        write_site(&out, &site(&[("index.html", "new")])).expect("build");
        let top: Vec<String> = listing(dir.path())
            .into_iter()
            .filter(|p| !p.contains('/'))
            .collect();
        assert_eq!(
            top,
            [
                ".other.tmp-4999996",
                ".site.tmp-4999997",
                ".site.tmp-x",
                "notes",
                "site"
            ]
        );
    }

    #[test]
    fn a_build_dropped_before_finishing_leaves_the_previous_site_and_no_working_folder() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("site");
        write_site(&out, &site(&[("index.html", "old")])).expect("first build");
        let before = listing(dir.path());
        let writer = SiteWriter::begin(&out).expect("begin");
        writer
            .write(&site(&[("basics/a.html", "new a")])[0])
            .expect("write");
        assert!(
            listing(dir.path())
                .iter()
                .any(|p| p.ends_with("basics/a.html")),
            "pages are written as they come"
        );
        drop(writer);
        assert_eq!(listing(dir.path()), before);
    }

    #[test]
    fn leftover_names_are_recognised_by_their_exact_pattern() {
        assert_eq!(leftover_pid(".site.tmp-12", "site"), Some(12));
        assert_eq!(leftover_pid(".site.old-7", "site"), Some(7));
        assert_eq!(leftover_pid(".site.tmp-", "site"), None);
        assert_eq!(leftover_pid(".site.tmp-1a", "site"), None);
        assert_eq!(leftover_pid(".sites.tmp-1", "site"), None);
        assert_eq!(leftover_pid("site.tmp-1", "site"), None);
    }
}
