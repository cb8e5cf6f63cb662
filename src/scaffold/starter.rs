//! The starter course `episode init` writes: real files under `src/scaffold/starter/`,
//! embedded in the binary, so they are reviewed and tested like any other source.
//!
//! The course builds and lints without a finding: one series with one episode that has a
//! metrics fence, a Mermaid diagram and a code sample, a recommendations document whose
//! requirements that episode satisfies, a CI workflow that lints, builds and publishes to
//! GitHub Pages, and a pre-commit hook. Files whose names start with a dot are stored
//! without it, so they do not act on this repository.

/// One file of the starter course.
#[derive(Debug, Clone, Copy)]
struct StarterFile {
    /// Where it goes, relative to the new course's root.
    path: &'static str,
    /// Its text (`book.toml` holds the title marker).
    text: &'static str,
}

/// The title in the embedded `book.toml`, replaced by the course's own.
const TITLE_MARKER: &str = "\"{title}\"";

const FILES: &[StarterFile] = &[
    StarterFile {
        path: "book.toml",
        text: include_str!("starter/book.toml"),
    },
    StarterFile {
        path: "episodes/01-getting-started/episode-01-writing-an-episode.md",
        text: include_str!("starter/episodes/01-getting-started/episode-01-writing-an-episode.md"),
    },
    StarterFile {
        path: "enhancements/recommendations.md",
        text: include_str!("starter/enhancements/recommendations.md"),
    },
    StarterFile {
        path: ".gitignore",
        text: include_str!("starter/gitignore"),
    },
    StarterFile {
        path: ".github/workflows/episode.yml",
        text: include_str!("starter/github/workflows/episode.yml"),
    },
    StarterFile {
        path: ".pre-commit-config.yaml",
        text: include_str!("starter/pre-commit-config.yaml"),
    },
];

/// The files of a course titled `title`: course-relative paths and their text, in the order
/// they are listed to the author.
pub(crate) fn files(title: &str) -> Vec<(&'static str, String)> {
    FILES
        .iter()
        .map(|file| {
            let text = if file.path == crate::config::FILE_NAME {
                file.text.replacen(TITLE_MARKER, &toml_string(title), 1)
            } else {
                file.text.to_owned()
            };
            (file.path, text)
        })
        .collect()
}

/// `title` as a TOML basic string, quotes and escapes included.
fn toml_string(title: &str) -> String {
    toml::Value::String(title.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn the_title_is_written_into_book_toml_as_valid_toml() {
        let files = files("Caching \"Deep\" Dive \\ 2");
        let (_, text) = files
            .iter()
            .find(|(path, _)| *path == "book.toml")
            .expect("book.toml");
        let raw = crate::config::parse(&SourceFile::from_string("book.toml", text.as_str()))
            .expect("book.toml parses");
        assert_eq!(raw.title.as_deref(), Some("Caching \"Deep\" Dive \\ 2"));
        assert!(!text.contains(TITLE_MARKER));
    }

    #[test]
    fn the_embedded_book_toml_holds_the_title_marker_once() {
        let book = FILES
            .iter()
            .find(|f| f.path == "book.toml")
            .expect("book.toml");
        assert_eq!(book.text.matches(TITLE_MARKER).count(), 1);
    }
}
