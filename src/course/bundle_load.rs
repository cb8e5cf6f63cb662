//! Reading a course in the bundle layout (`[episodes] layout = "bundle"`): one folder per
//! episode, holding its script, its code and its notes.
//!
//! Which folders are episodes is decided by [`is_series_folder`] (see the README for the rule
//! in words). In each episode folder the first `script` pattern that matches gives the script
//! ([`super::script_choice`] picks one version among alternatives and orders parts); its parts
//! are joined into one text, the episode's [`EpisodeFile::source`], and [`Bundle::parts`]
//! records where each starts so findings can be reported in the part's own file
//! ([`super::bundle::remap`]). Code files and notes are read in parallel, like scripts.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::bundle::{Bundle, CodeFile, ScriptPart};
use super::load::{EpisodeFile, read_one};
use super::script_choice;
use crate::config::{Config, EpisodesConfig};
use crate::diagnostic::{Diagnostic, RuleId};
use crate::source::{SourceFile, relative_path};

/// Code files larger than this are listed but not read.
pub const MAX_CODE_BYTES: u64 = 1024 * 1024;

/// The episodes (scripts, notes, and series READMEs as introductions) of a bundle course, and
/// what reading them found. `files` is every file under `episodes/`, sorted.
pub(crate) fn load(
    root: &Path,
    config: &Config,
    files: &[PathBuf],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<EpisodeFile> {
    let episodes_dir = &config.episodes_dir;
    let patterns = &config.episodes;
    let tree = Tree::of(episodes_dir, files);
    let mut folders: Vec<Folder> = Vec::new();
    let mut loose: Vec<&PathBuf> = Vec::new();
    for (name, node) in &tree.children {
        if is_series_folder(node, patterns) {
            for (child, inner) in &node.children {
                folders.push(Folder {
                    series_dir: name.clone(),
                    name: child.clone(),
                    rel_dir: format!("{name}/{child}"),
                    files: inner.all_files(),
                });
            }
            for file in &node.files {
                let is_readme = file
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case("readme.md"));
                if is_readme {
                    loose.push(file);
                } else if is_markdown(file) {
                    diagnostics.push(stray(root, file));
                }
            }
        } else {
            folders.push(Folder {
                series_dir: String::new(),
                name: name.clone(),
                rel_dir: name.clone(),
                files: node.all_files(),
            });
        }
    }
    for file in tree.files.iter().filter(|f| is_markdown(f)) {
        diagnostics.push(stray(root, file));
    }
    let dir_prefix = relative_path(root, episodes_dir);
    let found: Vec<(Vec<EpisodeFile>, Vec<Diagnostic>)> = folders
        .par_iter()
        .map(|folder| load_folder(root, &dir_prefix, episodes_dir, folder, patterns))
        .collect();
    let mut episodes = Vec::new();
    for (files, found) in found {
        episodes.extend(files);
        diagnostics.extend(found);
    }
    for path in loose {
        let (file, found) = read_one(root, path);
        diagnostics.extend(found);
        if let Some(file) = file {
            episodes.push(super::load::episode_file(episodes_dir, file));
        }
    }
    episodes.sort_by(|a, b| a.source.rel_path.cmp(&b.source.rel_path));
    episodes
}

/// The slugs of the series of a bundle course (the unnamed series' when episodes sit
/// directly in `episodes/`), for checking `[[series]]` entries.
pub(crate) fn series_slugs(episodes: &[EpisodeFile]) -> Vec<String> {
    let mut slugs: Vec<String> = episodes
        .iter()
        .map(|e| {
            if e.series_dir.is_empty() {
                super::series::LOOSE_SLUG.to_owned()
            } else {
                crate::markdown::slug::slugify(super::series::split_prefix(&e.series_dir).1)
            }
        })
        .collect();
    slugs.sort();
    slugs.dedup();
    slugs
}

/// Folders and files under `episodes/`, as a tree of names.
#[derive(Debug, Default)]
struct Tree {
    /// Files directly in this folder.
    files: Vec<PathBuf>,
    /// Subfolders by name.
    children: BTreeMap<String, Tree>,
    /// Paths of the files below, relative to this folder (`script/episode-script.md`), with
    /// their absolute path.
    below: Vec<(String, PathBuf)>,
}

impl Tree {
    fn of(dir: &Path, files: &[PathBuf]) -> Self {
        let mut tree = Tree::default();
        for file in files {
            let Ok(rel) = file.strip_prefix(dir) else {
                continue;
            };
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            tree.insert(&parts, file);
        }
        tree
    }

    fn insert(&mut self, parts: &[String], file: &Path) {
        self.below.push((parts.join("/"), file.to_path_buf()));
        match parts {
            [] => {}
            [_] => self.files.push(file.to_path_buf()),
            [first, rest @ ..] => self
                .children
                .entry(first.clone())
                .or_default()
                .insert(rest, file),
        }
    }

    fn all_files(&self) -> Vec<(String, PathBuf)> {
        self.below.clone()
    }
}

/// The rule that tells a series folder from an episode folder, on folders never seen before:
///
/// 1. a folder where a `script`, `code` or `notes` pattern matches a file is an episode,
///    unless the only such files are a series' introduction (`index.md`, `README.md`, ...)
///    lying directly in it;
/// 2. otherwise it is a series if one of its subfolders is an episode by test 1, or is named
///    like an episode (has a number: `episode-004-…`, `030-…`, `ep4-…`);
/// 3. otherwise it is an episode without a script yet.
fn is_series_folder(node: &Tree, patterns: &EpisodesConfig) -> bool {
    let matches_own = node.below.iter().any(|(path, _)| {
        let intro_here = !path.contains('/')
            && super::intro::INTRO_NAMES.contains(&path.to_lowercase().as_str());
        !intro_here && matches_any(patterns, path)
    });
    if matches_own {
        return false;
    }
    node.children.iter().any(|(name, child)| {
        child
            .below
            .iter()
            .any(|(path, _)| matches_any(patterns, path))
            || super::paths::number_from_file_name(name).is_some()
    })
}

fn matches_any(patterns: &EpisodesConfig, path: &str) -> bool {
    patterns.script.iter().any(|(_, m)| m.is_match(path))
        || patterns.code.is_match(path)
        || patterns.notes.is_match(path)
}

/// One episode folder to read.
struct Folder {
    series_dir: String,
    /// The folder's name (`episode-001-queueing`).
    name: String,
    /// Relative to `episodes/`.
    rel_dir: String,
    /// Files below it: path relative to it, absolute path.
    files: Vec<(String, PathBuf)>,
}

/// Reads one episode folder: the episode (its joined script) and its notes, each an
/// [`EpisodeFile`] sharing one [`Bundle`], and what reading them found.
fn load_folder(
    root: &Path,
    dir_prefix: &str,
    episodes_dir: &Path,
    folder: &Folder,
    patterns: &EpisodesConfig,
) -> (Vec<EpisodeFile>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let dir = format!("{dir_prefix}/{}", folder.rel_dir);
    let abs_dir = episodes_dir.join(&folder.rel_dir);
    let paths: Vec<&str> = folder.files.iter().map(|(p, _)| p.as_str()).collect();
    let abs = |rel: &str| abs_dir.join(rel);

    let matched_script: Vec<&str> = patterns
        .script
        .iter()
        .map(|(_, m)| paths.iter().copied().filter(|p| m.is_match(p)).collect())
        .find(|found: &Vec<&str>| !found.is_empty())
        .unwrap_or_default();
    // Versions of the script lying next to the matched files (the parts next to a main file
    // that matched a more specific pattern) are alternatives of it, not unpublished files.
    let folders_of_match: BTreeSet<&str> = matched_script.iter().map(|p| parent(p)).collect();
    let mut candidates = matched_script.clone();
    candidates.extend(paths.iter().copied().filter(|p| {
        !matched_script.contains(p)
            && folders_of_match.contains(parent(p))
            && patterns.script.iter().any(|(_, m)| m.is_match(p))
    }));
    // The first pattern that matched decides the script: its files are chosen among. Files
    // the later patterns match beside them are reported as versions when their names say
    // they are one (`-final`, `-part2`), and are unpublished otherwise; never joined in.
    let mut choice = script_choice::choose(&matched_script);
    choice.ignored.extend(
        candidates
            .iter()
            .filter(|p| !matched_script.contains(p) && script_choice::is_version(p)),
    );
    choice
        .ignored
        .sort_by(|a, b| script_choice::natural_cmp(a, b));
    if !choice.ignored.is_empty() {
        diagnostics.push(alternatives(&dir, &choice));
    }
    let in_script = |p: &str| {
        choice
            .used
            .iter()
            .chain(&choice.ignored)
            .any(|used| *used == p)
    };
    let chosen: BTreeSet<&str> = choice.used.iter().copied().collect();
    let notes: Vec<&str> = paths
        .iter()
        .copied()
        .filter(|p| patterns.notes.is_match(p) && is_markdown(Path::new(p)) && !chosen.contains(p))
        .collect();
    let matched_code: Vec<&str> = paths
        .iter()
        .copied()
        .filter(|p| patterns.code.is_match(p) && !chosen.contains(p) && !notes.contains(p))
        .collect();
    let abs_code: Vec<PathBuf> = matched_code.iter().map(|p| abs(p)).collect();
    let left_out = super::code_ignore::left_out(root, &abs_dir, &abs_code);
    let code: Vec<&str> = matched_code
        .into_iter()
        .filter(|p| !left_out.contains(&abs(p)))
        .collect();
    let unpublished: Vec<&str> = paths
        .iter()
        .copied()
        .filter(|p| {
            is_markdown(Path::new(p))
                && !is_readme_name(p)
                && !in_script(p)
                && !patterns.notes.is_match(p)
                && !patterns.code.is_match(p)
        })
        .collect();
    if !unpublished.is_empty() {
        diagnostics.push(unpublished_markdown(&dir, &unpublished));
    }

    // Script parts and notes are read as course files (damage reported); code is read apart.
    let texts: Vec<(Option<SourceFile>, Vec<Diagnostic>)> = choice
        .used
        .par_iter()
        .chain(notes.par_iter())
        .map(|p| read_one(root, &abs(p)))
        .collect();
    let mut parts_read = Vec::new();
    let mut notes_read = Vec::new();
    for (index, (file, found)) in texts.into_iter().enumerate() {
        diagnostics.extend(found);
        if let Some(file) = file {
            if index < choice.used.len() {
                parts_read.push(Arc::new(file));
            } else {
                notes_read.push(file);
            }
        }
    }
    let read: Vec<Result<(CodeFile, bool), Box<Diagnostic>>> = code
        .par_iter()
        .map(|p| read_code(root, &abs(p), &dir))
        .collect();
    let read: Vec<(CodeFile, bool)> = read
        .into_iter()
        .filter_map(|r| r.map_err(|d| diagnostics.push(*d)).ok())
        .collect();
    let mut unread: Vec<String> = read
        .iter()
        .filter(|(_, unread)| *unread)
        .map(|(c, _)| c.path.clone())
        .collect();
    unread.sort();
    let mut code_files: Vec<CodeFile> = read.into_iter().map(|(c, _)| c).collect();
    code_files.sort_by(|a, b| a.path.cmp(&b.path));

    let (source, parts) = join(&dir, &abs_dir, parts_read);
    if parts.is_empty() {
        diagnostics.push(missing_script(&dir, patterns));
    }
    let bundle = Arc::new(Bundle {
        dir,
        parts,
        code: code_files,
        unread,
        notes: notes_read.iter().map(|n| n.rel_path.clone()).collect(),
        name: folder.name.clone(),
    });
    let mut files = vec![EpisodeFile {
        series_dir: folder.series_dir.clone(),
        source: Arc::new(source),
        bundle: Some(Arc::clone(&bundle)),
    }];
    files.extend(notes_read.into_iter().map(|note| EpisodeFile {
        series_dir: folder.series_dir.clone(),
        source: Arc::new(note),
        bundle: Some(Arc::clone(&bundle)),
    }));
    (files, diagnostics)
}

/// Reads a code file of the episode folder `dir`, and whether it was left unread: one larger
/// than [`MAX_CODE_BYTES`], or not text (not UTF-8, or holding control characters), keeps its
/// bytes for the site's copy but is not parsed (its text is empty when it is too large). A
/// file that cannot be read is an `unreadable-file` finding and is left out.
fn read_code(root: &Path, path: &Path, dir: &str) -> Result<(CodeFile, bool), Box<Diagnostic>> {
    let rel = relative_path(root, path);
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let mut file = match std::fs::read(path) {
        Ok(bytes) if bytes.len() as u64 > MAX_CODE_BYTES => {
            let mut source = SourceFile::from_string(rel, "");
            source.abs_path = path.to_path_buf();
            let mut file = CodeFile::new(Arc::new(source), dir);
            file.raw = Some(Arc::from(bytes));
            file
        }
        Ok(bytes) => CodeFile::from_bytes(rel, path, bytes, dir),
        Err(err) => {
            return Err(Box::new(
                Diagnostic::new(
                    RuleId::UnreadableFile,
                    rel,
                    0..0,
                    format!("cannot read this code file: {err}"),
                )
                .help("check the file's permissions; the episode is built without it"),
            ));
        }
    };
    if let Some(source) = Arc::get_mut(&mut file.source) {
        source.modified = modified;
    }
    let unread = !file.is_text();
    Ok((file, unread))
}

/// The episode's text: its parts joined (a blank line between two parts when the first does
/// not end with one), named after the first part so that its relative links resolve from
/// the script's folder; the folder itself, with an empty text, when there is no script.
fn join(dir: &str, abs_dir: &Path, parts: Vec<Arc<SourceFile>>) -> (SourceFile, Vec<ScriptPart>) {
    let Some(first) = parts.first() else {
        let mut source = SourceFile::from_string(dir, "");
        source.abs_path = abs_dir.to_path_buf();
        return (source, Vec::new());
    };
    if parts.len() == 1 {
        let only = Arc::clone(first);
        let source = (*only).clone();
        return (
            source,
            vec![ScriptPart {
                source: only,
                start: 0,
            }],
        );
    }
    let mut text = String::new();
    let mut starts = Vec::with_capacity(parts.len());
    for part in &parts {
        if !text.is_empty() {
            while !text.ends_with("\n\n") {
                text.push('\n');
            }
        }
        starts.push(text.len());
        text.push_str(&part.text);
    }
    let mut source = SourceFile::from_string(first.rel_path.clone(), text);
    source.abs_path = first.abs_path.clone();
    source.modified = parts.iter().filter_map(|p| p.modified).max();
    let parts = parts
        .into_iter()
        .zip(starts)
        .map(|(source, start)| ScriptPart { source, start })
        .collect();
    (source, parts)
}

/// The folder part of a folder-relative path (empty for a file directly in the folder).
fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

fn is_readme_name(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|n| n.eq_ignore_ascii_case("readme.md"))
}

fn stray(root: &Path, file: &Path) -> Diagnostic {
    Diagnostic::new(
        RuleId::StrayMarkdown,
        relative_path(root, file),
        0..0,
        "this file is not part of any episode, so it is not published",
    )
    .help("episodes are folders: move it into an episode folder where a `script` or `notes` pattern of book.toml finds it, or out of episodes/")
}

fn alternatives(dir: &str, choice: &script_choice::Choice<'_>) -> Diagnostic {
    let used = choice
        .used
        .iter()
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let ignored = choice
        .ignored
        .iter()
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let first = choice.used.first().copied().unwrap_or_default();
    Diagnostic::new(
        RuleId::AlternativeScript,
        format!("{dir}/{first}"),
        0..0,
        format!(
            "the script folder holds several versions of this script: used {used}; ignored {ignored}"
        ),
    )
    .help("delete or move the versions you do not need, or narrow the `script` patterns in book.toml")
}

fn unpublished_markdown(dir: &str, files: &[&str]) -> Diagnostic {
    let list = files
        .iter()
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Diagnostic::new(
        RuleId::UnpublishedMarkdown,
        format!("{dir}/{}", files[0]),
        0..0,
        format!("not part of the episode, so not published: {list}"),
    )
    .help("add a pattern to `script` or `notes` in [episodes] of book.toml to publish them")
}

fn missing_script(dir: &str, patterns: &EpisodesConfig) -> Diagnostic {
    let tried = patterns
        .script
        .iter()
        .map(|(t, _)| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Diagnostic::new(
        RuleId::MissingScript,
        dir,
        0..0,
        format!("episode folder `{dir}` has no script yet; it is listed as \"no script yet\""),
    )
    .help(format!(
        "add the script; the `script` patterns tried, in order: {tried}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    fn bundle_course() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        write(root, "book.toml", "[episodes]\nlayout = \"bundle\"\n");
        let ep = "episodes/01-reliability/episode-001-queueing";
        write(root, &format!("{ep}/README.md"), "# About\n");
        write(
            root,
            &format!("{ep}/script/episode-script.md"),
            "# Queueing\n\nText.\n",
        );
        write(root, &format!("{ep}/code/python/simulate.py"), "print(1)\n");
        write(
            root,
            &format!("{ep}/code/tests/test_simulate.py"),
            "def test(): pass\n",
        );
        write(
            root,
            &format!("{ep}/code/java/Breaker.java"),
            "class Breaker {}\n",
        );
        write(
            root,
            &format!("{ep}/code/java/BreakerTest.java"),
            "class BreakerTest {}\n",
        );
        write(root, &format!("{ep}/code/go/breaker.go"), "package b\n");
        write(
            root,
            &format!("{ep}/code/go/breaker_test.go"),
            "package b\n",
        );
        write(root, &format!("{ep}/code/requirements.txt"), "simpy\n");
        write(
            root,
            &format!("{ep}/research/research-notes.md"),
            "# Sources\n",
        );
        let big = "x".repeat(MAX_CODE_BYTES as usize + 1);
        write(root, &format!("{ep}/code/python/big.py"), &big);
        std::fs::write(root.join(format!("{ep}/code/python/bytes.py")), b"\xff\xfe")
            .expect("write");
        write(
            root,
            "episodes/01-reliability/episode-002-retries/script/episode-script.md",
            "# Retries\n",
        );
        dir
    }

    #[test]
    fn code_files_are_read_sorted_with_their_language_and_test_flag() {
        let dir = bundle_course();
        let loaded = super::super::load::load(dir.path(), None).expect("loads");
        let episode = loaded
            .episodes
            .iter()
            .find(|e| {
                e.source
                    .rel_path
                    .ends_with("episode-001-queueing/script/episode-script.md")
            })
            .expect("the first episode");
        let bundle = episode.bundle.as_ref().expect("a bundle");
        assert_eq!(bundle.dir, "episodes/01-reliability/episode-001-queueing");
        let code: Vec<(&str, Option<&str>, bool)> = bundle
            .code
            .iter()
            .map(|c| (c.path.as_str(), c.language.as_deref(), c.test))
            .collect();
        assert_eq!(
            code,
            [
                ("code/go/breaker.go", Some("go"), false),
                ("code/go/breaker_test.go", Some("go"), true),
                ("code/java/Breaker.java", Some("java"), false),
                ("code/java/BreakerTest.java", Some("java"), true),
                ("code/python/big.py", Some("python"), false),
                ("code/python/bytes.py", Some("python"), false),
                ("code/python/simulate.py", Some("python"), false),
                ("code/requirements.txt", None, false),
                ("code/tests/test_simulate.py", Some("python"), true),
            ]
        );
        let text = |path: &str| {
            bundle
                .code
                .iter()
                .find(|c| c.path == path)
                .map(|c| c.source.text.as_str())
        };
        assert_eq!(text("code/python/simulate.py"), Some("print(1)\n"));
        assert_eq!(
            text("code/python/big.py"),
            Some(""),
            "too large: listed, not read"
        );
        let bytes = bundle
            .code
            .iter()
            .find(|c| c.path == "code/python/bytes.py")
            .expect("listed");
        assert!(
            !bytes.is_text() && bytes.raw.is_some(),
            "not UTF-8: listed, its bytes kept for the copy, not parsed"
        );
        let big = bundle
            .code
            .iter()
            .find(|c| c.path == "code/python/big.py")
            .expect("listed");
        assert_eq!(big.size(), MAX_CODE_BYTES as usize + 1, "the copy is whole");
        assert_eq!(
            bundle.unread,
            ["code/python/big.py", "code/python/bytes.py"]
        );
        assert_eq!(
            bundle.code[0].source.rel_path,
            "episodes/01-reliability/episode-001-queueing/code/go/breaker.go"
        );
        assert_eq!(bundle.parts.len(), 1);
        assert_eq!(
            bundle.notes,
            ["episodes/01-reliability/episode-001-queueing/research/research-notes.md"]
        );
        assert_eq!(episode.series_dir, "01-reliability");
        assert_eq!(loaded.episodes.len(), 3, "two scripts and one note");
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    }
}
