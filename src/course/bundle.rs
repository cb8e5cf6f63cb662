//! Episode bundles: an episode that is a folder (its script, code files and notes) rather
//! than one Markdown file. These types are the contract between loading (which finds the
//! files), checks (which count and parse the code) and rendering (which shows it).
//!
//! A course in the file layout has no bundles: [`super::load::EpisodeFile::bundle`] is
//! `None` for each of its episodes.

// The code files are read by the syntax check, the counts and the Code section of pages.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::source::SourceFile;

/// The folder of one episode and what was found in it besides the script's text.
#[derive(Debug, Clone, Default)]
pub struct Bundle {
    /// The episode's folder, relative to the course root with `/` separators
    /// (`episodes/episode-001-queueing`).
    pub dir: String,
    /// The script's files in reading order, each with the byte offset where its text starts
    /// in the episode's text ([`super::load::EpisodeFile::source`], which joins them). Empty
    /// when the episode has no script yet: its text is then empty, and it is listed as
    /// "no script yet".
    pub parts: Vec<ScriptPart>,
    /// The files matched by the `code` patterns, sorted by path. A file larger than 1 MiB
    /// or not valid UTF-8 is listed with an empty text, and its path is in [`Bundle::unread`].
    // Read by the code checks and the episode page's code section.
    #[allow(dead_code)]
    pub code: Vec<CodeFile>,
    /// The code files listed but not read (larger than 1 MiB, or not valid UTF-8), by
    /// [`CodeFile::path`], sorted: not to be parsed or counted as lines.
    #[allow(dead_code)]
    pub unread: Vec<String>,
    /// The notes (files matched by the `notes` patterns), course-relative, sorted. Each is
    /// also an [`super::load::EpisodeFile`] of its own sharing this bundle
    /// ([`super::load::EpisodeFile::is_note`]), published at [`Bundle::note_page`].
    pub notes: Vec<String>,
    /// The folder's name (`episode-001-queueing`): the episode's number, title and page
    /// name come from it when the script does not say otherwise.
    pub name: String,
}

/// One file of an episode's script.
#[derive(Debug, Clone)]
pub struct ScriptPart {
    /// The file as read (`rel_path` relative to the course root).
    pub source: Arc<SourceFile>,
    /// Where its text starts in the episode's joined text.
    pub start: usize,
}

impl Bundle {
    /// Whether the episode has no script yet.
    pub fn has_no_script(&self) -> bool {
        self.parts.is_empty()
    }

    /// The course-relative path of the episode's joined text: its first part's path (so
    /// relative links resolve from the script's folder), or the folder without a script.
    pub fn script_path(&self) -> &str {
        self.parts
            .first()
            .map_or(self.dir.as_str(), |p| p.source.rel_path.as_str())
    }

    /// The part of the script holding byte `offset` of the joined text, and the offset in
    /// that part's own text.
    pub fn locate(&self, offset: usize) -> Option<(&ScriptPart, usize)> {
        let index = self
            .parts
            .partition_point(|p| p.start <= offset)
            .checked_sub(1)?;
        let part = &self.parts[index];
        Some((part, (offset - part.start).min(part.source.text.len())))
    }

    /// The page of a note (course-relative path) of this episode, given the episode's page
    /// (`queues/episode-001-queueing.html`): the note's path in the folder, under the
    /// episode's page name, with `.md` → `.html`
    /// (`queues/episode-001-queueing/research/research-notes.html`).
    pub fn note_page(&self, note: &str, episode_url: &str) -> String {
        let inside = note
            .strip_prefix(self.dir.as_str())
            .map(|p| p.trim_start_matches('/'))
            .unwrap_or(note);
        let inside = inside.rsplit_once('.').map_or(inside, |(stem, _)| stem);
        let base = episode_url.strip_suffix(".html").unwrap_or(episode_url);
        let inside: Vec<String> = inside
            .split('/')
            .map(|segment| super::paths::page_stem(segment, 0))
            .collect();
        format!("{base}/{}.html", inside.join("/"))
    }
}

/// Points every finding about a joined script at the part it falls in, with the part's own
/// offsets (and likewise each related location). Applied once, where findings are settled
/// before any report ([`crate::check::settle`]); a course in the file layout is unchanged.
pub fn remap(
    episodes: &[super::load::EpisodeFile],
    diagnostics: &mut [crate::diagnostic::Diagnostic],
) {
    let joined: std::collections::HashMap<&str, &Bundle> = episodes
        .iter()
        .filter_map(|e| e.bundle.as_deref())
        .filter(|b| b.parts.len() > 1)
        .map(|b| (b.script_path(), b))
        .collect();
    if joined.is_empty() {
        return;
    }
    let place = |file: &mut String, span: &mut std::ops::Range<usize>| {
        let Some(bundle) = joined.get(file.as_str()) else {
            return;
        };
        let Some((part, start)) = bundle.locate(span.start) else {
            return;
        };
        let len = span.end.saturating_sub(span.start);
        let end = (start + len).min(part.source.text.len());
        *file = part.source.rel_path.clone();
        *span = start..end;
    };
    for d in diagnostics {
        place(&mut d.file, &mut d.span);
        for related in &mut d.related {
            place(&mut related.file, &mut related.span);
        }
    }
}

/// One file matched by the `code` patterns of `[episodes]`.
// Read by the code checks and the episode page's code section.
#[allow(dead_code)]
#[derive(Debug, Clone)]
pub struct CodeFile {
    /// The file, read from disk (`rel_path` is relative to the course root).
    pub source: Arc<SourceFile>,
    /// Its path relative to the episode's folder, with `/` separators (`code/python/sim.py`).
    pub path: String,
    /// The highlighter's token for its language, from its extension or name (`python`,
    /// `java`, `go`); `None` when the highlighter does not know it (`requirements.txt`).
    pub language: Option<String>,
    /// Whether it is a test (see [`is_test_path`]).
    pub test: bool,
    /// The file's bytes as read, when its text is not them (not UTF-8, or control characters
    /// replaced: a binary file). The site copies these, so a download is the file itself;
    /// `None` when the text is the file.
    pub raw: Option<Arc<[u8]>>,
}

impl CodeFile {
    /// A code file of the episode whose folder is `bundle_dir` (course-relative), classified
    /// by its path.
    pub fn new(source: Arc<SourceFile>, bundle_dir: &str) -> Self {
        let path = source
            .rel_path
            .strip_prefix(bundle_dir)
            .map(|p| p.trim_start_matches('/'))
            .unwrap_or(&source.rel_path)
            .to_owned();
        Self {
            language: language_of_path(&path),
            test: is_test_path(&path),
            path,
            source,
            raw: None,
        }
    }

    /// A code file from the bytes read from disk (`rel_path` relative to the course root):
    /// its text for the page, and its bytes kept when the text is not them (see [`Self::raw`]).
    pub fn from_bytes(
        rel_path: impl Into<String>,
        abs_path: impl Into<PathBuf>,
        bytes: Vec<u8>,
        bundle_dir: &str,
    ) -> Self {
        let kept: Arc<[u8]> = Arc::from(bytes.as_slice());
        let source = SourceFile::from_bytes(rel_path, abs_path, bytes);
        let raw = (source.text.as_bytes() != &*kept).then_some(kept);
        Self {
            raw,
            ..Self::new(Arc::new(source), bundle_dir)
        }
    }

    /// Whether its bytes are text: valid UTF-8 without control characters.
    pub fn is_text(&self) -> bool {
        self.raw.is_none()
            && self.source.invalid_utf8_at.is_none()
            && self.source.control_chars.is_none()
    }

    /// Its size in bytes, as on disk.
    pub fn size(&self) -> usize {
        self.raw
            .as_ref()
            .map_or(self.source.text.len(), |raw| raw.len())
    }

    /// Whether it counts as a code sample: a file in a language the highlighter knows.
    #[allow(dead_code)]
    pub fn is_sample(&self) -> bool {
        self.language.is_some()
    }
}

/// Whether a code file is a test, by the conventions of the common languages: any folder of
/// its path named `test`, `tests`, `__tests__` or `spec`, or a name `test_*`, `*_test.*`,
/// `*Test.*`, `*Tests.*`, `*.test.*` or `*.spec.*`.
pub fn is_test_path(path: &str) -> bool {
    let mut parts: Vec<&str> = path.split('/').collect();
    let name = parts.pop().unwrap_or_default();
    let in_test_folder = parts.iter().any(|dir| {
        matches!(
            dir.to_ascii_lowercase().as_str(),
            "test" | "tests" | "__tests__" | "spec"
        )
    });
    let stem = name.split('.').next().unwrap_or(name);
    let dotted = name.split('.').skip(1).any(|p| p == "test" || p == "spec");
    in_test_folder
        || stem.starts_with("test_")
        || stem.ends_with("_test")
        || stem.ends_with("Test")
        || stem.ends_with("Tests")
        || dotted
}

/// The highlighter's token for the language of a file, from its extension (`py` → `python`)
/// or, for files without one, its name (`Dockerfile`); `None` when the highlighter does not
/// know it or it is plain text.
pub fn language_of_path(path: &str) -> Option<String> {
    let name = Path::new(path).file_name()?.to_string_lossy().to_string();
    let word = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => name.to_ascii_lowercase(),
    };
    crate::highlight::language_token(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tests_are_recognised_by_folder_and_by_name_in_each_convention() {
        for path in [
            "code/tests/test_simulate.py",
            "code/python/test_simulate.py",
            "code/go/breaker_test.go",
            "code/java/BreakerTest.java",
            "code/java/BreakerTests.java",
            "code/js/breaker.test.js",
            "code/ts/breaker.spec.ts",
            "code/test/helpers.py",
        ] {
            assert!(is_test_path(path), "{path} is a test");
        }
        for path in [
            "code/python/simulate.py",
            "code/java/Breaker.java",
            "code/go/latest.go",
            "code/contest/solve.py",
            "code/python/testing_tools.py",
        ] {
            assert!(!is_test_path(path), "{path} is not a test");
        }
    }

    #[test]
    fn languages_come_from_extensions_and_names() {
        assert_eq!(
            language_of_path("code/python/sim.py").as_deref(),
            Some("python")
        );
        assert_eq!(
            language_of_path("code/java/Breaker.java").as_deref(),
            Some("java")
        );
        assert_eq!(language_of_path("code/go/main.go").as_deref(), Some("go"));
        assert_eq!(
            language_of_path("code/web/app.ts").as_deref(),
            Some("typescript")
        );
        assert_eq!(
            language_of_path("code/rust/lib.rs").as_deref(),
            Some("rust")
        );
        assert_eq!(language_of_path("code/requirements.txt"), None);
        assert_eq!(language_of_path("code/notes"), None);
    }
}
