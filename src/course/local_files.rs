//! The files of the course folder that pages link to: images (`![chart](images/a.png)`, an
//! `<img src>` of raw HTML) and downloads (`[slides](slides.pdf)`).
//!
//! A destination is read as a `.md` link is: relative to the folder of the Markdown file that
//! holds it (from the course folder when it starts with `/`), without its query and fragment,
//! percent-decoded. External URLs (`https:`, `data:`, `//host`) are never files. An image is
//! always a file; a link is one when its name has an extension pages do not have (`.pdf`,
//! `.zip`, `.py`), or has none and a file is found where it points (`../LICENSE`). A link
//! to `.md` or `.html` is a link to a page, the business of `broken-link`, even where such a
//! file exists.
//!
//! Files are looked for inside the course folder only: a path that climbs above it, a
//! symbolic link that leads out of it, and a file inside the output folder are refused. The
//! same test runs again when the file is read ([`CourseFiles::read`]), so what is copied is
//! what was checked.

use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;

use crate::config::Config;

/// Extensions of the pages a link may name: such a link is left to the page links.
const PAGE_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd", "html", "htm"];

/// Where a destination written in a Markdown file leads among the course's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LocalFile {
    /// Not a file of the course: an external URL, a bare anchor, or a link to a page.
    NotAFile,
    /// A regular file inside the course folder, at this course-relative path.
    Found(String),
    /// Nothing at this course-relative path (or a folder, for an image).
    Missing(String),
    /// A path that must not be read, and why.
    Refused(&'static str),
}

/// The course folder and the output folder, for finding the files pages link to.
#[derive(Debug, Clone)]
pub(crate) struct CourseFiles {
    root: PathBuf,
    /// The course folder with its symbolic links resolved: files must be inside it.
    real_root: PathBuf,
    /// The output folder with its links resolved, when it exists: files inside it are refused.
    real_output: Option<PathBuf>,
}

impl CourseFiles {
    /// The files of the course configured by `config`.
    pub(crate) fn new(config: &Config) -> Self {
        let real_root = std::fs::canonicalize(&config.root).unwrap_or_else(|_| config.root.clone());
        Self {
            root: config.root.clone(),
            real_root,
            real_output: std::fs::canonicalize(&config.output).ok(),
        }
    }

    /// Where `dest`, written in the Markdown file at the course-relative `source`, leads; an
    /// image (`is_image`) is always a file, a link only as the module says.
    pub(crate) fn classify(&self, source: &str, dest: &str, is_image: bool) -> LocalFile {
        let Some(path) = local_path(dest) else {
            return LocalFile::NotAFile;
        };
        if !is_image && has_page_extension(&path) {
            return LocalFile::NotAFile;
        }
        let file_like = is_image || has_file_extension(&path);
        let Some(rel) = course_path(source, &path) else {
            return if file_like {
                LocalFile::Refused("it climbs above the course folder")
            } else {
                LocalFile::NotAFile
            };
        };
        if rel.is_empty() {
            return LocalFile::NotAFile;
        }
        match self.check(&rel) {
            Checked::File => LocalFile::Found(rel),
            Checked::Refused(why) => LocalFile::Refused(why),
            Checked::Absent if file_like => LocalFile::Missing(rel),
            Checked::Absent => LocalFile::NotAFile,
        }
    }

    /// Whether the course-relative `rel` is a regular file inside the course folder and
    /// outside the output folder.
    fn check(&self, rel: &str) -> Checked {
        let Ok(real) = std::fs::canonicalize(self.root.join(rel)) else {
            return Checked::Absent;
        };
        if !real.starts_with(&self.real_root) {
            return Checked::Refused("a symbolic link leads out of the course folder");
        }
        if self
            .real_output
            .as_ref()
            .is_some_and(|out| real.starts_with(out))
        {
            return Checked::Refused("it is inside the output folder");
        }
        if real.is_file() {
            Checked::File
        } else {
            Checked::Absent
        }
    }

    /// The bytes of the file at the course-relative `rel`, checked again as
    /// [`Self::classify`] checks it.
    pub(crate) fn read(&self, rel: &str) -> anyhow::Result<Vec<u8>> {
        match self.check(rel) {
            Checked::File => Ok(std::fs::read(self.root.join(rel))?),
            Checked::Refused(why) => anyhow::bail!("refused: {why}"),
            Checked::Absent => anyhow::bail!("it is no longer there"),
        }
    }

    /// The course-relative paths of the files in the folder of the course-relative `rel`
    /// (or, when that folder does not exist, in the nearest folder above it that does and
    /// in its subfolders), at most `limit` of them: the candidates of a "did you mean".
    pub(crate) fn neighbours(&self, rel: &str, limit: usize) -> Vec<String> {
        let mut folder = parent(rel);
        loop {
            let dir = self.root.join(folder);
            if matches!(self.check_folder(&dir), Some(true)) {
                let mut found = Vec::new();
                list(&dir, folder, 2, limit, &mut found);
                return found;
            }
            if folder.is_empty() {
                return Vec::new();
            }
            folder = parent(folder);
        }
    }

    /// Whether `dir` is a folder inside the course folder (`None` when it does not exist).
    fn check_folder(&self, dir: &Path) -> Option<bool> {
        let real = std::fs::canonicalize(dir).ok()?;
        Some(real.is_dir() && real.starts_with(&self.real_root))
    }
}

/// What [`CourseFiles::check`] found at a path.
enum Checked {
    File,
    Absent,
    Refused(&'static str),
}

/// The folder part of a `/`-separated path (`""` for a name alone).
fn parent(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// Adds to `found` the course-relative paths of the files in `dir` (whose course-relative
/// path is `rel`), going `depth` folders deep, until it holds `limit`. Symbolic links are
/// not followed.
fn list(dir: &Path, rel: &str, depth: usize, limit: usize, found: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        if found.len() >= limit {
            return;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        match entry.file_type() {
            Ok(kind) if kind.is_file() => found.push(path),
            Ok(kind) if kind.is_dir() && depth > 1 => {
                list(&entry.path(), &path, depth - 1, limit, found);
            }
            _ => {}
        }
    }
}

/// The path part of a local destination, percent-decoded; `None` for an external URL (a
/// scheme such as `https:` or `data:`, or a host) and for a bare `#anchor` or `?query`.
fn local_path(dest: &str) -> Option<String> {
    if crate::course::links::is_external(dest) {
        return None;
    }
    let path = dest.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() {
        return None;
    }
    Some(percent_decode_str(path).decode_utf8_lossy().into_owned())
}

/// The extension of the last name of `path`, lowercased (`None` for `LICENSE`, `.hidden`).
fn extension(path: &str) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() && !extension.is_empty() => {
            Some(extension.to_ascii_lowercase())
        }
        _ => None,
    }
}

/// Whether the last name of `path` has an extension that pages have (`.md`, `.html`).
fn has_page_extension(path: &str) -> bool {
    extension(path).is_some_and(|e| PAGE_EXTENSIONS.contains(&e.as_str()))
}

/// Whether the last name of `path` has an extension that no page has.
fn has_file_extension(path: &str) -> bool {
    extension(path).is_some_and(|e| !PAGE_EXTENSIONS.contains(&e.as_str()))
}

/// `relative` resolved against the folder of the course-relative `source` (from the course
/// folder when it starts with `/`), `.` and `..` applied; `None` when it climbs above the
/// course folder.
pub(crate) fn course_path(source: &str, relative: &str) -> Option<String> {
    super::links::join_inside(source, relative)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_joined_to_the_file_folder_and_may_not_climb_out() {
        let from = "episodes/01-a/e.md";
        assert_eq!(
            course_path(from, "images/a.png").as_deref(),
            Some("episodes/01-a/images/a.png")
        );
        assert_eq!(
            course_path(from, "../../images/a.png").as_deref(),
            Some("images/a.png")
        );
        assert_eq!(
            course_path(from, "/images/./a.png").as_deref(),
            Some("images/a.png")
        );
        assert_eq!(course_path(from, "../../../etc/passwd"), None);
        assert_eq!(course_path(from, "/../a.png"), None);
    }

    #[test]
    fn only_local_destinations_are_paths() {
        for external in [
            "https://x.org/a.png",
            "data:image/png;base64,AAAA",
            "//cdn.org/a.png",
            "#top",
            "",
        ] {
            assert_eq!(local_path(external), None, "{external}");
        }
        assert_eq!(
            local_path("my%20pic.png?v=2#x").as_deref(),
            Some("my pic.png")
        );
    }

    #[test]
    fn links_are_files_by_an_extension_pages_do_not_have() {
        for file in ["slides.pdf", "a/b.tar.gz", "x/run.PY"] {
            assert!(has_file_extension(file), "{file}");
        }
        for page in ["e.md", "e.HTML", "dir/", "LICENSE", ".hidden", "a/b."] {
            assert!(!has_file_extension(page), "{page}");
        }
        for page in ["../02-b/e.md", "x.html", "y.Markdown"] {
            assert!(has_page_extension(page), "{page}");
        }
        assert!(!has_page_extension("LICENSE"));
    }
}
