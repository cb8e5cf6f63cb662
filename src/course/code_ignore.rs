//! Which files of an episode folder are not its code even when a `code` pattern matches them:
//! files its ignore files exclude (`.gitignore` and `.ignore`, in the folder, its subfolders
//! and the folders above it up to the course root, read as git and ripgrep read them, with or
//! without a git repository; ignore files outside the course are not read, so a course reads
//! the same wherever it is copied), and anything inside a dependency or cache folder (`node_modules`,
//! `__pycache__`, `venv`), which holds thousands of files nobody wrote for the episode.
//!
//! Hidden files and folders are never listed in the first place (see
//! [`crate::source::list_files`]).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Folders whose content is installed or generated, never written for an episode.
const DEPENDENCY_FOLDERS: &[&str] = &["node_modules", "__pycache__", "venv", "site-packages"];

/// The files under `dir` (an episode folder inside the course at `root`) that are left out:
/// ignored by an ignore file of the course, or inside a dependency folder. Paths are
/// absolute, like `dir`.
pub(crate) fn left_out(root: &Path, dir: &Path, files: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut out: BTreeSet<PathBuf> = files
        .iter()
        .filter(|file| in_dependency_folder(dir, file))
        .cloned()
        .collect();
    if !has_ignore_files(root, dir) {
        return out;
    }
    // Walked from the course root, so the ignore files on the way down apply as git applies
    // them; only the path to `dir` and what is inside it is visited.
    let within = dir.to_path_buf();
    let kept: BTreeSet<PathBuf> = ignore::WalkBuilder::new(root)
        .hidden(true)
        .parents(false)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(false)
        .require_git(false)
        .follow_links(false)
        .filter_entry(move |entry| {
            within.starts_with(entry.path()) || entry.path().starts_with(&within)
        })
        .build()
        .flatten()
        .filter(|entry| entry.file_type().is_some_and(|t| t.is_file()))
        .map(ignore::DirEntry::into_path)
        .collect();
    out.extend(files.iter().filter(|f| !kept.contains(*f)).cloned());
    out
}

fn in_dependency_folder(dir: &Path, file: &Path) -> bool {
    file.strip_prefix(dir).is_ok_and(|rel| {
        rel.parent().is_some_and(|folders| {
            folders
                .components()
                .any(|c| DEPENDENCY_FOLDERS.contains(&c.as_os_str().to_string_lossy().as_ref()))
        })
    })
}

/// Whether any ignore file of the course applies to `dir`: in it or below it, or in a folder
/// between it and the course root.
fn has_ignore_files(root: &Path, dir: &Path) -> bool {
    let names = [".gitignore", ".ignore"];
    let above = dir
        .ancestors()
        .take_while(|folder| folder.starts_with(root))
        .any(|folder| names.iter().any(|n| folder.join(n).is_file()));
    above
        || walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .any(|e| names.iter().any(|n| e.file_name() == *n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str) -> PathBuf {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(&path, "x\n").expect("write");
        path
    }

    #[test]
    fn dependency_folders_are_left_out_without_any_ignore_file() {
        let dir = tempfile::tempdir().expect("temp");
        let kept = write(dir.path(), "code/python/sim.py");
        let modules = write(dir.path(), "code/js/node_modules/left/index.js");
        let cache = write(dir.path(), "code/python/__pycache__/sim.cpython-312.pyc");
        let out = left_out(
            dir.path(),
            dir.path(),
            &[kept.clone(), modules.clone(), cache.clone()],
        );
        assert_eq!(out, BTreeSet::from([modules, cache]));
    }

    #[test]
    fn files_the_ignore_files_exclude_are_left_out_at_any_level() {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::write(dir.path().join(".gitignore"), "*.class\n").expect("ignore");
        let source = write(dir.path(), "ep/code/java/Breaker.java");
        let class = write(dir.path(), "ep/code/java/Breaker.class");
        std::fs::write(dir.path().join("ep/code/.gitignore"), "build/\n").expect("ignore");
        let built = write(dir.path(), "ep/code/build/out.txt");
        let episode = dir.path().join("ep");
        let out = left_out(
            dir.path(),
            &episode,
            &[source, class.clone(), built.clone()],
        );
        assert_eq!(out, BTreeSet::from([class, built]));
    }

    #[test]
    fn an_ignore_file_outside_the_course_is_not_read() {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::write(dir.path().join(".gitignore"), "*.py\n").expect("ignore");
        let course = dir.path().join("course");
        let sample = write(&course, "episodes/ep/code/sim.py");
        let out = left_out(&course, &course.join("episodes/ep"), &[sample]);
        assert!(out.is_empty(), "{out:?}");
    }
}
