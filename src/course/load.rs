//! Reading a course folder: `book.toml`, every episode and every recommendations document.
//!
//! This is the only stage that reads content from disk. Files are read in parallel; a file
//! or a folder that cannot be read, a file larger than 4 GiB (not read at all, see
//! [`crate::source::MAX_FILE_BYTES`]), a file that is not valid UTF-8 or holds control
//! characters, and a symbolic link (never followed, so nothing outside the course is read)
//! each become a diagnostic and the rest goes on.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::bail;
use rayon::prelude::*;

use crate::config::{self, Config};
use crate::diagnostic::{Diagnostic, RuleId};
use crate::source::{ControlChars, ReadError, SourceFile, relative_path};

/// An episode file and the series folder it sits in.
#[derive(Debug, Clone)]
pub struct EpisodeFile {
    /// Folder under `episodes/` (empty when the file sits directly in `episodes/`).
    pub series_dir: String,
    /// The file (shared with its parsed document, so a copy of [`Loaded`] is cheap).
    pub source: Arc<SourceFile>,
    /// The episode's folder and its code, in the bundle layout; `None` in the file layout.
    pub bundle: Option<Arc<super::bundle::Bundle>>,
}

impl EpisodeFile {
    /// Whether this file is a note of an episode folder (published as a page under the
    /// episode, not an episode itself).
    pub fn is_note(&self) -> bool {
        self.bundle
            .as_ref()
            .is_some_and(|b| b.notes.contains(&self.source.rel_path))
    }
}

/// Everything read from a course folder. Cloning shares the files' text.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Resolved configuration.
    pub config: Config,
    /// Episode files, sorted by path.
    pub episodes: Vec<EpisodeFile>,
    /// Recommendation documents, sorted by path.
    pub enhancements: Vec<Arc<SourceFile>>,
    /// Files and folders that could not be read or were skipped, and damaged text.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the course at `root`. `output` overrides the configured output folder.
pub fn load(root: &Path, output: Option<&Path>) -> anyhow::Result<Loaded> {
    let root = config::absolute(root);
    if !root.is_dir() {
        bail!(
            "{} is not a folder; pass the course folder with --root",
            root.display()
        );
    }
    let config = config::load(&root, output)?;
    if config.source.is_none() && !config.episodes_dir.is_dir() {
        bail!(
            "{} is not a course: it has neither {} nor an episodes/ folder\n  help: run `episode build` in a course folder, or point at one with --root <DIR>",
            root.display(),
            config::FILE_NAME
        );
    }
    let mut diagnostics = config.unused_settings.clone();
    let episodes_dir = config.episodes_dir.clone();
    let (episodes, known_series) = if config.episodes.layout == config::Layout::Bundle {
        let files = markdown_files(&root, &episodes_dir, Unread::Kept, &mut diagnostics, |_| {
            true
        })?;
        let episodes = super::bundle_load::load(&root, &config, &files, &mut diagnostics);
        let known = super::bundle_load::series_slugs(&episodes);
        (episodes, known)
    } else {
        // A series folder's README may be its introduction (see `crate::course::intro`).
        let episode_paths = markdown_files(
            &root,
            &episodes_dir,
            Unread::Markdown,
            &mut diagnostics,
            |path| is_episode_path(&episodes_dir, path),
        )?;
        let episodes: Vec<EpisodeFile> = read_all(&root, &episode_paths, &mut diagnostics)
            .into_iter()
            .map(|source| episode_file(&episodes_dir, source))
            .collect();
        let known = series_slugs(&episodes_dir, &episodes);
        (episodes, known)
    };
    let enhancement_paths = markdown_files(
        &root,
        &config.enhancements_dir,
        Unread::Markdown,
        &mut diagnostics,
        is_enhancement_path,
    )?;
    let enhancements = read_all(&root, &enhancement_paths, &mut diagnostics)
        .into_iter()
        .map(Arc::new)
        .collect();
    if let Some(source) = &config.source {
        diagnostics.extend(super::series_config::check(source, &known_series));
    }
    Ok(Loaded {
        config,
        episodes,
        enhancements,
        diagnostics,
    })
}

/// Which of the files a folder's listing leaves out are reported as not read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unread {
    /// None: the caller keeps every file and says itself what it does not read.
    Kept,
    /// Files with another Markdown extension than `.md` that would be read under `.md`.
    Markdown,
}

/// The files under `dir` that `keep` accepts, sorted, skipping hidden entries. A missing folder is
/// empty. Symbolic links and subfolders that cannot be listed are reported and skipped, and so
/// are the files left out that `unread` says were meant to be read.
fn markdown_files(
    root: &Path,
    dir: &Path,
    unread: Unread,
    diagnostics: &mut Vec<Diagnostic>,
    keep: impl Fn(&Path) -> bool,
) -> anyhow::Result<Vec<PathBuf>> {
    let listing = crate::source::list_files(dir)?;
    for link in listing.links.iter().filter(|l| l.is_dir() || keep(l)) {
        diagnostics.push(
            Diagnostic::new(
                RuleId::SkippedLink,
                relative_path(root, link),
                0..0,
                "this is a symbolic link; links are not followed, so it is skipped",
            )
            .help("move the file or folder it points to into the course, so nothing outside the course folder is read"),
        );
    }
    for (folder, reason) in &listing.unreadable {
        diagnostics.push(
            Diagnostic::new(
                RuleId::UnreadableFile,
                relative_path(root, folder),
                0..0,
                format!("cannot read this folder: {reason}"),
            )
            .help("check the folder's permissions; the rest of the course is checked and built without it"),
        );
    }
    let mut files = listing.files;
    files.retain(|path| {
        let kept = keep(path);
        if !kept
            && unread == Unread::Markdown
            && is_other_markdown(path)
            && keep(&path.with_extension("md"))
        {
            diagnostics.push(not_read(root, path));
        }
        kept
    });
    Ok(files)
}

/// Extensions Markdown is saved under besides `.md`, which the course does not read.
const OTHER_MARKDOWN_EXTENSIONS: &[&str] = &[
    "markdown", "mdown", "mkd", "mkdn", "mdwn", "mdtext", "mdtxt", "mdx",
];

/// Whether `path` has a Markdown extension other than `.md`: an author meant it to be read,
/// and would otherwise never learn it was not.
fn is_other_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        OTHER_MARKDOWN_EXTENSIONS.contains(&e.to_string_lossy().to_ascii_lowercase().as_str())
    })
}

/// The finding at a Markdown file left out for its extension ([`is_other_markdown`]).
fn not_read(root: &Path, path: &Path) -> Diagnostic {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    Diagnostic::new(
        RuleId::StrayMarkdown,
        relative_path(root, path),
        0..0,
        "this file is not read: only files ending in `.md` are",
    )
    .help(format!("rename it to `{stem}.md` to have it read"))
}

/// Whether a file under `episodes_dir` is read as an episode (or a series introduction).
pub(crate) fn is_episode_path(episodes_dir: &Path, path: &Path) -> bool {
    is_course_markdown(path) || is_series_readme(episodes_dir, path)
}

/// Whether a file under the recommendations folder is read as a recommendations document.
pub(crate) fn is_enhancement_path(path: &Path) -> bool {
    is_course_markdown(path)
}

/// A `README.md` (any case) directly inside a series folder of `episodes_dir`.
fn is_series_readme(episodes_dir: &Path, path: &Path) -> bool {
    path.parent().and_then(Path::parent) == Some(episodes_dir)
        && path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case("readme.md"))
}

/// A `.md` file other than a README.
fn is_course_markdown(path: &Path) -> bool {
    let is_markdown = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"));
    let is_readme = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case("readme.md"));
    is_markdown && !is_readme
}

/// The episode file at `source`, with the series folder it sits in.
pub(crate) fn episode_file(episodes_dir: &Path, source: SourceFile) -> EpisodeFile {
    EpisodeFile {
        series_dir: series_dir(episodes_dir, &source.abs_path),
        source: Arc::new(source),
        bundle: None,
    }
}

fn read_all(root: &Path, paths: &[PathBuf], diagnostics: &mut Vec<Diagnostic>) -> Vec<SourceFile> {
    let results: Vec<_> = paths.par_iter().map(|p| read_one(root, p)).collect();
    let mut files = Vec::with_capacity(results.len());
    for (file, found) in results {
        diagnostics.extend(found);
        files.extend(file);
    }
    files
}

/// Reads one course file: the file (unless it cannot be read or is larger than
/// [`crate::source::MAX_FILE_BYTES`]) and what reading it found (damaged text, or why it was
/// not read).
pub(crate) fn read_one(root: &Path, path: &Path) -> (Option<SourceFile>, Vec<Diagnostic>) {
    match SourceFile::read(root, path) {
        Ok(file) => {
            let mut found = Vec::new();
            if let Some(at) = file.invalid_utf8_at {
                found.push(invalid_utf8(&file, at));
            }
            if let Some(damage) = file.control_chars {
                found.push(control_chars(&file, damage));
            }
            (Some(file), found)
        }
        Err(ReadError::TooLarge { bytes }) => (None, vec![too_large(root, path, bytes)]),
        Err(ReadError::Io(err)) => (
            None,
            vec![
                Diagnostic::new(
                    RuleId::UnreadableFile,
                    relative_path(root, path),
                    0..0,
                    format!("cannot read this file: {err}"),
                )
                .help("check the file's permissions; the rest of the course is built without it"),
            ],
        ),
    }
}

/// A course file of `bytes` bytes, past [`crate::source::MAX_FILE_BYTES`], that was not read.
fn too_large(root: &Path, path: &Path, bytes: u64) -> Diagnostic {
    Diagnostic::new(
        RuleId::UnreadableFile,
        relative_path(root, path),
        0..0,
        format!(
            "this file is {}; episode reads files smaller than 4 GiB",
            gibibytes(bytes)
        ),
    )
    .help("split it into several files; the rest of the course is built without it")
}

/// `bytes` in GiB with one decimal, rounded up: a file past the bound never shows as within
/// it (a file of exactly 4 GiB is `4.0 GiB`, a byte more `4.1 GiB`).
fn gibibytes(bytes: u64) -> String {
    let tenths = (u128::from(bytes) * 10).div_ceil(1 << 30);
    format!("{}.{} GiB", tenths / 10, tenths % 10)
}

fn invalid_utf8(file: &SourceFile, byte_offset: usize) -> Diagnostic {
    Diagnostic::new(
        RuleId::InvalidUtf8,
        &file.rel_path,
        byte_offset..byte_offset,
        "this file is not valid UTF-8",
    )
    .label("invalid byte sequence starts here; shown as � on the page")
    .help(
        "save the file as UTF-8 (most editors: \"Save with encoding\" / \"Reopen with encoding\")",
    )
}

fn control_chars(file: &SourceFile, found: ControlChars) -> Diagnostic {
    let plural = if found.count == 1 { "" } else { "s" };
    Diagnostic::new(
        RuleId::ControlCharacters,
        &file.rel_path,
        found.first_at..found.first_at + '\u{FFFD}'.len_utf8(),
        format!(
            "{} control character{plural} replaced with �; the first is here",
            found.count
        ),
    )
    .help("these invisible characters usually come from a damaged copy or a terminal paste; delete them")
}

/// The slugs of the series folders under `episodes/` (also those without episodes yet), and
/// the slug of loose episodes when there are any.
fn series_slugs(episodes_dir: &Path, episodes: &[EpisodeFile]) -> Vec<String> {
    let mut slugs: Vec<String> = std::fs::read_dir(episodes_dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .map(|name| crate::markdown::slug::slugify(super::series::split_prefix(&name).1))
        .collect();
    if episodes.iter().any(|e| e.series_dir.is_empty()) {
        slugs.push(super::series::LOOSE_SLUG.to_owned());
    }
    slugs.sort();
    slugs.dedup();
    slugs
}

fn series_dir(episodes_dir: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(episodes_dir).unwrap_or(file);
    let mut components = rel.components();
    let first = components.next();
    match (first, components.next()) {
        (Some(dir), Some(_)) => dir.as_os_str().to_string_lossy().into_owned(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::MAX_FILE_BYTES;

    #[test]
    fn a_file_past_the_bound_is_reported_with_its_size_in_gibibytes() {
        let root = Path::new("/course");
        let path = Path::new("/course/episodes/huge.md");
        let found = too_large(root, path, 4_617_089_843);
        assert_eq!(found.rule, RuleId::UnreadableFile);
        assert_eq!(found.file, "episodes/huge.md");
        assert_eq!(
            found.message,
            "this file is 4.3 GiB; episode reads files smaller than 4 GiB"
        );
        // Rounded up: a file just past the bound never reads as within it.
        assert_eq!(gibibytes(MAX_FILE_BYTES + 1), "4.0 GiB");
        assert_eq!(gibibytes(MAX_FILE_BYTES + 2), "4.1 GiB");
        assert_eq!(gibibytes(12 << 30), "12.0 GiB");
    }

    #[test]
    fn a_file_that_cannot_be_read_is_reported_and_not_returned() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (file, found) = read_one(dir.path(), &dir.path().join("missing.md"));
        assert!(file.is_none());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, RuleId::UnreadableFile);
        assert!(found[0].message.starts_with("cannot read this file: "));
    }
}
