//! mdBook's settings in `book.toml`, so that a course moved from mdBook keeps its file.
//!
//! `[book]`'s `title`, `authors`, `description` and `language` are read as the top-level keys
//! of the same names are. `[build] build-dir` is the output folder; `[output.html]`'s
//! `site-url` is the base URL and its `git-repository-url` the repository the footer links.
//! A value set both ways is an error: which one applies would be a guess. Every other mdBook
//! setting (preprocessors, other renderers, theme files, the playground, `[rust]`) does
//! nothing here: each is an `unused-setting` warning at its key saying what to do instead,
//! never a silent pass. Unknown keys of `[book]` stay errors, as everywhere else in the file.

use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, RuleId};
use crate::source::SourceFile;

/// `[book]` as mdBook writes it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BookTable {
    /// The course title.
    pub title: Option<String>,
    /// The authors.
    pub authors: Option<Vec<String>>,
    /// The description.
    pub description: Option<String>,
    /// The language tag.
    pub language: Option<String>,
    /// mdBook's chapter folder: accepted, not read (episodes are under `episodes/`); an
    /// `unused-setting` warning, as are the two below ([`unused_settings`]).
    #[serde(rename = "src")]
    _src: Option<String>,
    /// mdBook's text direction: accepted, not read.
    #[serde(rename = "text-direction")]
    _text_direction: Option<String>,
    /// mdBook's deprecated multilingual flag: accepted, not read.
    #[serde(rename = "multilingual")]
    _multilingual: Option<bool>,
}

/// `output`: the output folder (`output = "site"`), or mdBook's renderer tables
/// (`[output.html]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(
    untagged,
    expecting = "a folder path (`output = \"site\"`), or mdBook's `[output.html]` table"
)]
pub enum OutputSetting {
    /// The output folder, relative to the course root.
    Folder(PathBuf),
    /// mdBook's `[output.<renderer>]` tables.
    Renderers(toml::Table),
}

/// What the top level of `book.toml` says, and what mdBook's tables say, for one setting.
pub(super) struct Both<'a, T> {
    /// The setting as written here (`title`, `[site] repository`).
    pub key: &'static str,
    /// Its value.
    pub top: Option<T>,
    /// mdBook's value.
    pub mdbook: Option<T>,
    /// Where mdBook's value is written (`["book", "title"]`).
    pub mdbook_path: &'a [&'static str],
}

impl<T> Both<'_, T> {
    /// The value that applies: the one that is set. Both set is an error at mdBook's key.
    pub fn resolve(self, source: &SourceFile) -> Result<Option<T>, Box<Diagnostic>> {
        match (self.top, self.mdbook) {
            (Some(_), Some(_)) => Err(Box::new(
                Diagnostic::new(
                    RuleId::Config,
                    &source.rel_path,
                    key_span(&source.text, self.mdbook_path).unwrap_or(0..0),
                    format!(
                        "`{}` and mdBook's `{}` set the same thing",
                        self.key,
                        written(self.mdbook_path)
                    ),
                )
                .label("set here too")
                .help("keep one of the two"),
            )),
            (top, mdbook) => Ok(top.or(mdbook)),
        }
    }
}

/// `["output", "html", "site-url"]` as an author reads it: `[output.html] site-url`.
fn written(path: &[&str]) -> String {
    match path.split_last() {
        Some((last, tables)) if !tables.is_empty() => format!("[{}] {last}", tables.join(".")),
        _ => path.join("."),
    }
}

/// The string at `path` in `table`, when it is set; a value of another type is an error at
/// its key, since it would otherwise be ignored.
fn string_at(
    table: &toml::Table,
    path: &[&str],
    source: &SourceFile,
) -> Result<Option<String>, Box<Diagnostic>> {
    let Some((last, tables)) = path.split_last() else {
        return Ok(None);
    };
    let mut table = table;
    for name in tables {
        match table.get(*name).and_then(toml::Value::as_table) {
            Some(inner) => table = inner,
            None => return Ok(None),
        }
    }
    match table.get(*last) {
        None => Ok(None),
        Some(toml::Value::String(value)) => Ok(Some(value.clone())),
        Some(_) => Err(Box::new(
            Diagnostic::new(
                RuleId::Config,
                &source.rel_path,
                key_span(&source.text, path).unwrap_or(0..0),
                format!("mdBook's `{}` must be a string", written(path)),
            )
            .label("not a string")
            .help("write it between double quotes"),
        )),
    }
}

/// mdBook's `[build] build-dir`.
pub(super) fn build_dir(
    build: &toml::Table,
    source: &SourceFile,
) -> Result<Option<PathBuf>, Box<Diagnostic>> {
    let mut root = toml::Table::new();
    root.insert("build".to_owned(), toml::Value::Table(build.clone()));
    Ok(string_at(&root, &["build", "build-dir"], source)?.map(PathBuf::from))
}

/// mdBook's `[output.html] <key>`.
pub(super) fn html_setting(
    output: Option<&OutputSetting>,
    key: &str,
    source: &SourceFile,
) -> Result<Option<String>, Box<Diagnostic>> {
    let Some(OutputSetting::Renderers(renderers)) = output else {
        return Ok(None);
    };
    let mut root = toml::Table::new();
    root.insert("output".to_owned(), toml::Value::Table(renderers.clone()));
    string_at(&root, &["output", "html", key], source)
}

/// The keys of `[output.html]` that are read ([`html_setting`]).
const READ_HTML_KEYS: [&str; 2] = ["site-url", "git-repository-url"];

/// An `unused-setting` warning for each mdBook setting of `source` that has no effect, at its
/// key, in the order of the file.
pub(super) fn unused_settings(source: &SourceFile) -> Vec<Diagnostic> {
    let Ok(document) = DeTable::parse(&source.text) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut warn = |key: &Spanned<toml::de::DeString<'_>>, message: String, help: &str| {
        found.push(
            Diagnostic::new(RuleId::UnusedSetting, &source.rel_path, key.span(), message)
                .label("has no effect")
                .help(help),
        );
    };
    for (key, value) in document.get_ref() {
        let table = match value.get_ref() {
            DeValue::Table(table) => table,
            _ => continue,
        };
        match key.get_ref().as_ref() {
            "book" => {
                for (field, _) in table {
                    if let Some(help) = unused_book_field(field.get_ref()) {
                        warn(
                            field,
                            format!(
                                "`[book] {}` is an mdBook setting with no effect here",
                                field.get_ref()
                            ),
                            help,
                        );
                    }
                }
            }
            "build" => {
                for (field, _) in table.iter().filter(|(f, _)| f.get_ref() != "build-dir") {
                    warn(
                        field,
                        format!(
                            "`[build] {}` is an mdBook setting with no effect here",
                            field.get_ref()
                        ),
                        "episode reads every Markdown file under episodes/ and enhancements/ as it is; remove the key",
                    );
                }
            }
            "output" => {
                for (renderer, settings) in table {
                    if renderer.get_ref() != "html" {
                        warn(
                            renderer,
                            format!("mdBook's `{}` renderer is not run", renderer.get_ref()),
                            "`episode build` writes the HTML site only; remove the table",
                        );
                        continue;
                    }
                    let DeValue::Table(settings) = settings.get_ref() else {
                        continue;
                    };
                    for (field, value) in settings
                        .iter()
                        .filter(|(f, _)| !READ_HTML_KEYS.contains(&f.get_ref().as_ref()))
                    {
                        let name = match value.get_ref() {
                            DeValue::Table(_) => format!("[output.html.{}]", field.get_ref()),
                            _ => format!("[output.html] {}", field.get_ref()),
                        };
                        warn(
                            field,
                            format!("`{name}` is an mdBook setting with no effect here"),
                            html_help(field.get_ref()),
                        );
                    }
                }
            }
            "preprocessor" => {
                for (name, _) in table {
                    let help = if name.get_ref() == "mermaid" {
                        "episode checks Mermaid diagrams and draws them when the site is built; remove the table"
                    } else {
                        "episode runs no preprocessors: what it does to the Markdown is listed in README.md; remove the table"
                    };
                    warn(
                        name,
                        format!("mdBook's `{}` preprocessor is not run", name.get_ref()),
                        help,
                    );
                }
            }
            "rust" => {
                for (field, _) in table {
                    warn(
                        field,
                        format!(
                            "`[rust] {}` is an mdBook setting with no effect here",
                            field.get_ref()
                        ),
                        "Rust samples are checked and highlighted as written; remove the key",
                    );
                }
            }
            _ => {}
        }
    }
    found
}

/// What to do instead of `[book] <field>`, when it is not read.
fn unused_book_field(field: &str) -> Option<&'static str> {
    match field {
        "src" => Some(
            "episodes are read from episodes/ (one folder per series) and recommendation documents from enhancements/; remove the key",
        ),
        "text-direction" | "multilingual" => {
            Some("`language` sets the page's language; remove the key")
        }
        _ => None,
    }
}

/// What to do instead of `[output.html] <field>`.
fn html_help(field: &str) -> &'static str {
    match field {
        "edit-url-template" => {
            "set `edit_url` in [site] (its `{path}` is the file's path from the course root) for an edit link on each page"
        }
        "git-repository-icon" => {
            "the footer links the repository (`repository` in [site]) by name; remove the key"
        }
        "additional-css" | "additional-js" | "theme" | "default-theme" | "preferred-dark-theme" => {
            "put your own templates or assets in templates/ to change the theme"
        }
        "search" => "search is set with `search` in [site]",
        "print" => "the print page is made for every series; remove the key",
        "redirect" => {
            "pages are not redirected: publish redirects with your host's settings, or old addresses will answer 404"
        }
        _ => "the site's look and features are set in [site] and templates/; remove the key",
    }
}

/// The span of the key at `path` (`["book", "title"]`) in `text`, when the file parses.
fn key_span(text: &str, path: &[&str]) -> Option<std::ops::Range<usize>> {
    let document = DeTable::parse(text).ok()?;
    let mut table = document.get_ref();
    let (last, parents) = path.split_last()?;
    for parent in parents {
        let (_, value) = table.iter().find(|(k, _)| k.get_ref() == *parent)?;
        let DeValue::Table(inner) = value.get_ref() else {
            return None;
        };
        table = inner;
    }
    table
        .iter()
        .find(|(k, _)| k.get_ref() == *last)
        .map(|(k, _)| k.span())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warnings(text: &str) -> Vec<(String, String)> {
        let source = SourceFile::from_string("book.toml", text);
        unused_settings(&source)
            .into_iter()
            .map(|d| (source.text[d.span.clone()].to_owned(), d.message))
            .collect()
    }

    #[test]
    fn each_mdbook_setting_without_effect_is_a_warning_at_its_key() {
        let found = warnings(
            "[book]\ntitle = \"T\"\nsrc = \"src\"\n\n[build]\nbuild-dir = \"out\"\ncreate-missing = false\n\n[output.html]\nsite-url = \"/t/\"\ngit-repository-url = \"https://example.org/r\"\nedit-url-template = \"https://example.org/r/edit/{path}\"\n\n[output.linkcheck]\n\n[preprocessor.mermaid]\ncommand = \"mdbook-mermaid\"\n\n[rust]\nedition = \"2021\"\n",
        );
        assert_eq!(
            found,
            [
                (
                    "src".to_owned(),
                    "`[book] src` is an mdBook setting with no effect here".to_owned()
                ),
                (
                    "create-missing".to_owned(),
                    "`[build] create-missing` is an mdBook setting with no effect here".to_owned()
                ),
                (
                    "edit-url-template".to_owned(),
                    "`[output.html] edit-url-template` is an mdBook setting with no effect here"
                        .to_owned()
                ),
                (
                    "linkcheck".to_owned(),
                    "mdBook's `linkcheck` renderer is not run".to_owned()
                ),
                (
                    "mermaid".to_owned(),
                    "mdBook's `mermaid` preprocessor is not run".to_owned()
                ),
                (
                    "edition".to_owned(),
                    "`[rust] edition` is an mdBook setting with no effect here".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn subtables_are_named_as_tables() {
        let found = warnings("[output.html.fold]\nenable = true\n[output.html.redirect]\n");
        assert_eq!(
            found.iter().map(|(_, m)| m.as_str()).collect::<Vec<_>>(),
            [
                "`[output.html.fold]` is an mdBook setting with no effect here",
                "`[output.html.redirect]` is an mdBook setting with no effect here"
            ]
        );
    }

    #[test]
    fn a_read_setting_of_the_wrong_type_is_an_error_at_its_key() {
        let source = SourceFile::from_string("book.toml", "[build]\nbuild-dir = 5\n");
        let build: toml::Table = toml::from_str("build-dir = 5").unwrap();
        let error = build_dir(&build, &source).unwrap_err();
        assert_eq!(&source.text[error.span.clone()], "build-dir");
        assert_eq!(
            error.message,
            "mdBook's `[build] build-dir` must be a string"
        );
    }

    #[test]
    fn a_course_without_mdbook_tables_gets_no_warning() {
        assert!(warnings("title = \"T\"\noutput = \"site\"\n[site]\nsearch = true\n").is_empty());
        assert!(warnings("[book]\ntitle = \"T\"\nauthors = [\"A\"]\n").is_empty());
    }

    #[test]
    fn a_value_set_twice_is_an_error_at_mdbooks_key() {
        let source = SourceFile::from_string("book.toml", "title = \"A\"\n[book]\ntitle = \"B\"\n");
        let both = Both {
            key: "title",
            top: Some("A"),
            mdbook: Some("B"),
            mdbook_path: &["book", "title"],
        };
        let error = both.resolve(&source).unwrap_err();
        assert_eq!(&source.text[error.span.clone()], "title");
        assert_eq!(
            error.span.start, 19,
            "the key under [book], not the top-level one"
        );
        assert_eq!(
            error.message,
            "`title` and mdBook's `[book] title` set the same thing"
        );
        let one = Both {
            key: "title",
            top: None,
            mdbook: Some("B"),
            mdbook_path: &["book", "title"],
        };
        assert_eq!(one.resolve(&source).unwrap(), Some("B"));
    }
}
