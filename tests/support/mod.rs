//! Test support: [`Course`] writes a tiny course into a temp dir; [`run`] runs the binary and
//! returns its output with paths normalised.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A course in a temporary folder, with its own diagram cache beside it.
pub struct Course {
    dir: tempfile::TempDir,
    cache: tempfile::TempDir,
}

impl Course {
    /// An empty folder.
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
            cache: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The diagram cache the binary uses when run on this course (`EPISODE_CACHE_DIR`).
    pub fn cache_dir(&self) -> &Path {
        self.cache.path()
    }

    /// A course with a `book.toml` and one valid episode.
    pub fn minimal() -> Self {
        Self::new()
            .file("book.toml", "title = \"Test Course\"\n")
            .file("episodes/01-basics/episode-01-hello.md", "# Episode 1: Hello\n\n**Duration**: 10 minutes\n\n## Intro\n\nSome words about the topic of this episode, long enough to be a summary.\n")
    }

    /// Writes a file (parents created).
    pub fn file(self, rel: &str, contents: impl AsRef<[u8]>) -> Self {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, contents).expect("write");
        self
    }

    /// The course root.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the course.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Runs `episode --root <course> <args>` with colours off.
    pub fn run(&self, args: &[&str]) -> Output {
        let mut all = vec!["--root", self.root().to_str().expect("utf-8 path")];
        all.extend_from_slice(args);
        run_with_cache(self.root(), &all, self.cache_dir())
    }

    /// Reads a file of the built output.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }
}

/// What the binary did.
#[derive(Debug)]
pub struct Output {
    /// Exit code.
    pub code: i32,
    /// Stdout, with the temp dir replaced by `[ROOT]`.
    pub stdout: String,
    /// Stderr, normalised the same way.
    pub stderr: String,
}

impl Output {
    /// Asserts that `episode build -v` said `counts` of the highlighted code blocks (the
    /// `code blocks: ` line).
    pub fn assert_code_blocks(&self, counts: &str) {
        let line = format!("code blocks: {counts}");
        assert!(
            self.stderr.contains(&line),
            "no `{line}` in:\n{}",
            self.stderr
        );
    }
}

/// Runs the binary in `cwd` with a fresh diagram cache; `[ROOT]` replaces `cwd` in the output.
pub fn run_in(cwd: &Path, args: &[&str]) -> Output {
    let cache = tempfile::tempdir().expect("temp dir");
    run_with_cache(cwd, args, cache.path())
}

/// Runs the binary in `cwd` with `EPISODE_CACHE_DIR` set to `cache`, so no test reads or
/// writes the user's own cache.
pub fn run_with_cache(cwd: &Path, args: &[&str], cache: &Path) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_episode"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("EPISODE_CACHE_DIR", cache)
        .output()
        .expect("run episode");
    let root = cwd.to_string_lossy().into_owned();
    let normalise = |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&root, "[ROOT]");
    Output {
        code: output.status.code().unwrap_or(-1),
        stdout: normalise(&output.stdout),
        stderr: normalise(&output.stderr),
    }
}

/// `../shared/corpus`, required where it should exist (CI sets `CI`), else `None` with a note.
pub fn corpus() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if path.join("episodes").is_dir() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "../shared/corpus is missing but CI is set: the corpus tests cannot run"
    );
    eprintln!("note: ../shared/corpus is absent; skipping the real-corpus test (it runs in CI)");
    None
}

/// The first fragment of `html` that starts with `start` and ends with the first `end` after
/// it (both included).
pub fn fragment<'h>(html: &'h str, start: &str, end: &str) -> &'h str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in:\n{html}"));
    let to = html[from..]
        .find(end)
        .map(|i| from + i + end.len())
        .unwrap_or_else(|| panic!("no {end:?} after {start:?}"));
    &html[from..to]
}

/// The `<article class="prose">` of an episode page: the rendered Markdown.
pub fn prose(html: &str) -> &str {
    fragment(html, "<article class=\"prose\">", "</article>")
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .expect("inside")
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(rel, std::fs::read(&path).expect("read"));
            }
        }
    }
    files
}

/// The files directly in `dir` (hidden ones too), sorted.
pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// The number of entries a cache pack says it holds: the 4 bytes before its last 8, which
/// must be the pack format's mark.
pub fn pack_entries(pack: &Path) -> usize {
    let bytes = std::fs::read(pack).expect("pack");
    let (rest, mark) = bytes.split_at(bytes.len() - 8);
    assert_eq!(mark, b"EPPACK01", "{} is not a pack", pack.display());
    let count = &rest[rest.len() - 4..];
    u32::from_le_bytes(count.try_into().expect("4 bytes")) as usize
}

/// Runs the binary as the unprivileged user `nobody` (for tests that need permissions to
/// bite while the suite runs as root). `None` when that is not possible here.
pub fn run_unprivileged(course: &Course, args: &[&str]) -> Option<Output> {
    use std::os::unix::fs::PermissionsExt;
    let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
        .into_iter()
        .find(|p| Path::new(p).exists())?;
    let binary = env!("CARGO_BIN_EXE_episode");
    // nobody must be able to reach the course and the binary.
    // The course root is writable so that the default site/ can be created in it.
    std::fs::set_permissions(course.root(), std::fs::Permissions::from_mode(0o777)).ok()?;
    for entry in walk(course.root()) {
        let mode = std::fs::metadata(&entry).ok()?.permissions().mode();
        if mode & 0o777 != 0 {
            std::fs::set_permissions(&entry, std::fs::Permissions::from_mode(mode | 0o755)).ok()?;
        }
    }
    let mut all = vec![
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        binary,
        "--root",
        course.root().to_str()?,
    ];
    all.extend_from_slice(args);
    let output = Command::new(setpriv)
        .args(&all)
        .current_dir(course.root())
        .env("NO_COLOR", "1")
        .env("EPISODE_CACHE_DIR", course.cache_dir())
        .output()
        .ok()?;
    let root = course.root().to_string_lossy().into_owned();
    let normalise = |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&root, "[ROOT]");
    Some(Output {
        code: output.status.code().unwrap_or(-1),
        stdout: normalise(&output.stdout),
        stderr: normalise(&output.stderr),
    })
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            }
            out.push(path);
        }
    }
    out
}
