//! `book.toml`: the course configuration, as written ([`RawConfig`]) and resolved ([`Config`]).
//!
//! The file is optional. Unknown keys are errors that name the key, the file, the line and
//! the column, because a misspelt key silently ignored is a setting the author thinks they have.
//! mdBook's tables are accepted, so a course moved from mdBook keeps its file ([`mdbook`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, RuleId, Severity};
use crate::source::SourceFile;

mod mdbook;

pub use mdbook::{BookTable, OutputSetting};

/// The configuration file name.
pub const FILE_NAME: &str = "book.toml";

/// `book.toml` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    /// Course title (default: the folder name).
    pub title: Option<String>,
    /// One-paragraph description for the home page and `<meta name="description">`.
    pub description: Option<String>,
    /// Authors, shown in the footer.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Language tag for `<html lang>` (default `en`).
    pub language: Option<String>,
    /// Absolute URL or path prefix the site is served from (default `/`). Used for the sitemap;
    /// pages link to each other relatively so the site also works from `file://`.
    pub base_url: Option<String>,
    /// Output folder, relative to the course root (default `site`); or mdBook's
    /// `[output.<renderer>]` tables, of which `[output.html] site-url` is read.
    pub output: Option<OutputSetting>,
    /// Series: names, order and descriptions for the folders under `episodes/`.
    #[serde(default)]
    pub series: Vec<RawSeries>,
    /// Lint rules that need no recommendations document.
    #[serde(default)]
    pub lint: LintConfig,
    /// What the published site offers besides the episodes.
    #[serde(default)]
    pub site: SiteConfig,
    /// `[episodes]`: how episodes are laid out under `episodes/`.
    #[serde(default)]
    pub episodes: RawEpisodes,
    /// mdBook's `[book]`: its title, authors, description and language are read.
    #[serde(default)]
    pub book: BookTable,
    /// mdBook's `[build]`: its `build-dir` is the output folder.
    #[serde(default)]
    pub build: toml::Table,
    /// mdBook's `[preprocessor.*]` tables: accepted, not run (each is an `unused-setting`
    /// warning, found in the file's text by [`mdbook::unused_settings`]).
    #[serde(default, rename = "preprocessor")]
    _preprocessor: toml::Table,
    /// mdBook's `[rust]` table: accepted, not read (as above).
    #[serde(default, rename = "rust")]
    _rust: toml::Table,
}

/// `[episodes]` as written: the layout and, for bundles, which files of an episode folder
/// are its script, its code and its notes.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEpisodes {
    /// `"file"` (one Markdown file per episode, the default) or `"bundle"` (one folder per
    /// episode).
    #[serde(default)]
    pub layout: Layout,
    /// Glob patterns of the script, relative to the episode folder; the first that matches
    /// wins, and several files matching it are parts.
    pub script: Option<Vec<toml::Spanned<String>>>,
    /// Glob patterns of the episode's code samples, relative to the episode folder.
    pub code: Option<Vec<toml::Spanned<String>>>,
    /// Glob patterns of notes published as pages under the episode, relative to its folder.
    pub notes: Option<Vec<toml::Spanned<String>>>,
}

/// How episodes are laid out under `episodes/`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// One Markdown file per episode (in series folders or directly in `episodes/`).
    #[default]
    File,
    /// One folder per episode: its script, code and notes (see [`crate::course::bundle`]).
    Bundle,
}

/// Default `script` patterns of the bundle layout.
pub const DEFAULT_SCRIPT: [&str; 3] = ["script/episode-script.md", "script/*.md", "index.md"];
/// Default `code` patterns of the bundle layout.
pub const DEFAULT_CODE: [&str; 1] = ["code/**"];
/// Default `notes` patterns of the bundle layout.
pub const DEFAULT_NOTES: [&str; 1] = ["research/*.md"];

/// `[episodes]` resolved: the layout and the compiled patterns.
#[derive(Debug, Clone, Default)]
pub struct EpisodesConfig {
    /// The layout.
    pub layout: Layout,
    /// Script patterns, in order of preference (each with its text, for messages).
    pub script: Vec<(String, globset::GlobMatcher)>,
    /// Code patterns.
    pub code: globset::GlobSet,
    /// Notes patterns.
    pub notes: globset::GlobSet,
}

/// `[site]`: features of the published site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SiteConfig {
    /// Offline full-text search (default `true`).
    pub search: bool,
    /// Publish the recommendation coverage page (for editors) and link it from the header
    /// (default `false`).
    pub coverage: bool,
    /// RSS and Atom feeds of the episodes, for the course and per series (default `true`).
    pub feeds: bool,
    /// The course's source repository, linked from the footer.
    pub repository: Option<String>,
    /// "Edit this page" link for each episode; `{path}` is replaced by the episode's path
    /// from the course root (`https://example.com/course/edit/main/{path}`).
    pub edit_url: Option<String>,
}

impl Default for SiteConfig {
    fn default() -> Self {
        Self {
            search: true,
            coverage: false,
            feeds: true,
            repository: None,
            edit_url: None,
        }
    }
}

/// One `[[series]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSeries {
    /// The series folder name without its numeric prefix (`systems-in-production`).
    pub slug: String,
    /// Display name (default: from the folder name).
    pub name: Option<String>,
    /// Position on the home page (default: the folder's numeric prefix).
    pub order: Option<u32>,
    /// Shown on the home page and the series page.
    pub description: Option<String>,
}

/// `[lint]`: rules that apply to every episode, or per series.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LintConfig {
    /// Minimum metrics blocks per episode.
    pub min_metrics: Option<usize>,
    /// Minimum Mermaid diagrams per episode.
    pub min_diagrams: Option<usize>,
    /// Minimum code samples per episode: code fences (not Mermaid, metrics, calculators, plain
    /// text or stubs) and, for an episode that is a folder, its code files (tests included).
    pub min_code_samples: Option<usize>,
    /// Minimum code samples per language per episode (`{ python = 8, java = 3, go = 3 }`);
    /// keys are language names as in a fence's info string (`py` is `python`).
    pub min_code_samples_per_language: Option<LanguageMinimums>,
    /// Minimum words of the rendered script per episode (code, front matter and Markdown
    /// syntax do not count).
    pub min_words: Option<usize>,
    /// Minimum tests per episode: test files of an episode's folder and test fences.
    pub min_tests: Option<usize>,
    /// Headings every episode must have, as case-insensitive patterns (`*` matches anything).
    #[serde(default)]
    pub required_sections: Vec<String>,
    /// Severity per rule code: `"error"`, `"warning"`, `"note"` or `"off"`.
    #[serde(default)]
    pub severity: BTreeMap<String, SeverityOverride>,
    /// Per-series minimums, overriding the course-wide ones.
    #[serde(default)]
    pub series: Vec<SeriesLint>,
}

/// `[[lint.series]]`: minimums for one series.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesLint {
    /// The series slug these settings apply to.
    pub slug: String,
    /// Minimum metrics blocks per episode of this series.
    pub min_metrics: Option<usize>,
    /// Minimum Mermaid diagrams per episode of this series.
    pub min_diagrams: Option<usize>,
    /// Minimum code samples per episode of this series.
    pub min_code_samples: Option<usize>,
    /// Minimum code samples per language per episode of this series; replaces the
    /// course-wide table as a whole.
    pub min_code_samples_per_language: Option<LanguageMinimums>,
    /// Minimum words per episode of this series.
    pub min_words: Option<usize>,
    /// Minimum tests per episode of this series.
    pub min_tests: Option<usize>,
    /// Extra required headings for this series.
    #[serde(default)]
    pub required_sections: Vec<String>,
}

/// `min_code_samples_per_language`: a minimum per language name, each name with its place in
/// `book.toml` (to point at a name the highlighter does not know).
pub type LanguageMinimums = BTreeMap<toml::Spanned<String>, usize>;

/// The minimums of a `min_code_samples_per_language` table by the highlighter's language
/// token (`py` → `python`), sorted by token; names no language resolves to, and zero
/// minimums, are left out.
pub fn language_minimums(table: &LanguageMinimums) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = table
        .iter()
        .filter(|(_, min)| **min > 0)
        .filter_map(|(name, min)| Some((crate::highlight::language_token(name.get_ref())?, *min)))
        .collect();
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// A severity in `[lint.severity]`, or `off` to disable the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeverityOverride {
    /// Disable the rule.
    Off,
    /// Report as a note.
    Note,
    /// Report as a warning.
    Warning,
    /// Report as an error.
    Error,
}

impl SeverityOverride {
    /// The severity, or `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            SeverityOverride::Off => None,
            SeverityOverride::Note => Some(Severity::Note),
            SeverityOverride::Warning => Some(Severity::Warning),
            SeverityOverride::Error => Some(Severity::Error),
        }
    }
}

/// The resolved configuration: absolute paths and defaults filled in.
#[derive(Debug, Clone)]
pub struct Config {
    /// Course root (absolute).
    pub root: PathBuf,
    /// Course title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Authors.
    pub authors: Vec<String>,
    /// Language tag.
    pub language: String,
    /// Base URL, always ending in `/`.
    pub base_url: String,
    /// Output folder (absolute).
    pub output: PathBuf,
    /// `episodes/` (absolute).
    pub episodes_dir: PathBuf,
    /// `enhancements/` (absolute).
    pub enhancements_dir: PathBuf,
    /// The course's own `templates/` (absolute; may not exist).
    pub templates_dir: PathBuf,
    /// Series settings as written.
    pub series: Vec<RawSeries>,
    /// Lint settings.
    pub lint: LintConfig,
    /// Site features.
    pub site: SiteConfig,
    /// `[episodes]`: the layout and its patterns.
    pub episodes: EpisodesConfig,
    /// The `book.toml` source, when there is one (for pointing diagnostics at it).
    pub source: Option<SourceFile>,
    /// Warnings about settings of `book.toml` that have no effect (mdBook's, see [`mdbook`]).
    pub unused_settings: Vec<Diagnostic>,
}

/// `book.toml` could not be used: a diagnostic pointing into it.
#[derive(Debug, thiserror::Error)]
#[error("{}", .diagnostic.message)]
pub struct ConfigError {
    /// What is wrong, and where.
    pub diagnostic: Diagnostic,
    /// The file it points into.
    pub file: SourceFile,
}

/// Loads and resolves the configuration of the course at `root`. `output` overrides the
/// configured output folder (relative to the current directory, like any CLI path).
pub fn load(root: &Path, output: Option<&Path>) -> anyhow::Result<Config> {
    let path = root.join(FILE_NAME);
    let (raw, source) = if path.is_file() {
        let source = SourceFile::read(root, &path)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
        let raw = parse(&source).map_err(|e| *e)?;
        (raw, Some(source))
    } else {
        (RawConfig::default(), None)
    };
    let episodes = match &source {
        Some(source) => episodes_config(&raw.episodes, source).map_err(|e| *e)?,
        None => episodes_config(&raw.episodes, &SourceFile::from_string(FILE_NAME, ""))
            .map_err(|e| *e)?,
    };
    let unused_settings = source
        .as_ref()
        .map(mdbook::unused_settings)
        .unwrap_or_default();
    let mut config = resolve(root, raw, source, output);
    config.episodes = episodes;
    config.unused_settings = unused_settings;
    Ok(config)
}

/// Parses `book.toml` text.
pub fn parse(source: &SourceFile) -> Result<RawConfig, Box<ConfigError>> {
    let raw: RawConfig = toml::from_str(&source.text).map_err(|err| {
        let span = err.span().unwrap_or(0..0);
        let message = crate::diagnostic::serde_words::author_words(err.message().trim());
        let diagnostic = Diagnostic::new(
            RuleId::Config,
            &source.rel_path,
            span,
            format!("invalid {FILE_NAME}: {message}"),
        )
        .help(if message.contains("dotted key") && source.text.contains("[output.") {
            "mdBook's `[output.html]` table and an `output = \"…\"` folder cannot both be written: set the folder with mdBook's `[build] build-dir`"
        } else {
            "see the configuration reference in README.md for the keys book.toml accepts"
        });
        ConfigError {
            diagnostic,
            file: source.clone(),
        }
    })?;
    validate(&raw, source)?;
    read_mdbook_tables(raw, source).map_err(|diagnostic| {
        Box::new(ConfigError {
            diagnostic: *diagnostic,
            file: source.clone(),
        })
    })
}

/// `raw` with the settings mdBook's tables give filled in where the top level leaves them out
/// (the same setting given both ways is an error).
fn read_mdbook_tables(
    mut raw: RawConfig,
    source: &SourceFile,
) -> Result<RawConfig, Box<Diagnostic>> {
    let book = std::mem::take(&mut raw.book);
    raw.title = mdbook::Both {
        key: "title",
        top: raw.title.take(),
        mdbook: book.title,
        mdbook_path: &["book", "title"],
    }
    .resolve(source)?;
    raw.description = mdbook::Both {
        key: "description",
        top: raw.description.take(),
        mdbook: book.description,
        mdbook_path: &["book", "description"],
    }
    .resolve(source)?;
    raw.language = mdbook::Both {
        key: "language",
        top: raw.language.take(),
        mdbook: book.language,
        mdbook_path: &["book", "language"],
    }
    .resolve(source)?;
    let authors = std::mem::take(&mut raw.authors);
    raw.authors = mdbook::Both {
        key: "authors",
        top: (!authors.is_empty()).then_some(authors),
        mdbook: book.authors,
        mdbook_path: &["book", "authors"],
    }
    .resolve(source)?
    .unwrap_or_default();
    raw.site.repository = mdbook::Both {
        key: "[site] repository",
        top: raw.site.repository.take(),
        mdbook: mdbook::html_setting(raw.output.as_ref(), "git-repository-url", source)?,
        mdbook_path: &["output", "html", "git-repository-url"],
    }
    .resolve(source)?;
    let site_url = mdbook::html_setting(raw.output.as_ref(), "site-url", source)?;
    raw.base_url = mdbook::Both {
        key: "base_url",
        top: raw.base_url.take(),
        mdbook: site_url,
        mdbook_path: &["output", "html", "site-url"],
    }
    .resolve(source)?;
    let folder = match raw.output.take() {
        Some(OutputSetting::Folder(folder)) => Some(folder),
        _ => None,
    };
    raw.output = mdbook::Both {
        key: "output",
        top: folder,
        mdbook: mdbook::build_dir(&raw.build, source)?,
        mdbook_path: &["build", "build-dir"],
    }
    .resolve(source)?
    .map(OutputSetting::Folder);
    Ok(raw)
}

fn validate(raw: &RawConfig, source: &SourceFile) -> Result<(), Box<ConfigError>> {
    let tables = std::iter::once(&raw.lint.min_code_samples_per_language)
        .chain(
            raw.lint
                .series
                .iter()
                .map(|s| &s.min_code_samples_per_language),
        )
        .flatten();
    for table in tables {
        validate_languages(table, source)?;
    }
    for rule in raw.lint.severity.keys() {
        if rule.parse::<RuleId>().is_err() {
            let span = source
                .text
                .find(rule.as_str())
                .map_or(0..0, |at| at..at + rule.len());
            let diagnostic = Diagnostic::new(
                RuleId::Config,
                &source.rel_path,
                span,
                format!("unknown rule `{rule}` in [lint.severity]"),
            )
            .help("`episode lint --explain` lists every rule code");
            return Err(Box::new(ConfigError {
                diagnostic,
                file: source.clone(),
            }));
        }
    }
    Ok(())
}

/// Compiles the patterns of `[episodes]` (the defaults where a key is absent). A pattern that
/// does not compile is an error pointing at it.
pub fn episodes_config(
    raw: &RawEpisodes,
    source: &SourceFile,
) -> Result<EpisodesConfig, Box<ConfigError>> {
    let patterns = |key: &str, given: &Option<Vec<toml::Spanned<String>>>, default: &[&str]| {
        let list: Vec<(String, std::ops::Range<usize>)> = match given {
            Some(list) => list
                .iter()
                .map(|p| (p.get_ref().clone(), p.span()))
                .collect(),
            None => default.iter().map(|p| ((*p).to_owned(), 0..0)).collect(),
        };
        list.into_iter()
            .map(|(text, span)| {
                globset::GlobBuilder::new(&text)
                    .literal_separator(true)
                    .build()
                    .map(|glob| (text.clone(), glob))
                    .map_err(|err| {
                        let diagnostic = Diagnostic::new(
                            RuleId::Config,
                            &source.rel_path,
                            span,
                            format!(
                                "invalid {FILE_NAME}: pattern `{text}` in [episodes] {key} is not a valid glob: {}",
                                err.kind()
                            ),
                        )
                        .help("patterns are relative to the episode folder: `*` matches within a folder, `**` across folders");
                        Box::new(ConfigError {
                            diagnostic,
                            file: source.clone(),
                        })
                    })
            })
            .collect::<Result<Vec<_>, _>>()
    };
    let set = |globs: Vec<(String, globset::Glob)>| {
        let mut builder = globset::GlobSetBuilder::new();
        for (_, glob) in globs {
            builder.add(glob);
        }
        // Each glob compiled alone above, so the set compiles too.
        builder
            .build()
            .unwrap_or_else(|_| globset::GlobSet::empty())
    };
    Ok(EpisodesConfig {
        layout: raw.layout,
        script: patterns("script", &raw.script, &DEFAULT_SCRIPT)?
            .into_iter()
            .map(|(text, glob)| (text, glob.compile_matcher()))
            .collect(),
        code: set(patterns("code", &raw.code, &DEFAULT_CODE)?),
        notes: set(patterns("notes", &raw.notes, &DEFAULT_NOTES)?),
    })
}

/// Every key of a `min_code_samples_per_language` table names a language the highlighter
/// knows, and no two keys name the same one (`py` and `python`).
fn validate_languages(
    table: &LanguageMinimums,
    source: &SourceFile,
) -> Result<(), Box<ConfigError>> {
    let mut seen: BTreeMap<String, &toml::Spanned<String>> = BTreeMap::new();
    for name in table.keys() {
        let error = |message: String, help: &str| {
            Box::new(ConfigError {
                diagnostic: Diagnostic::new(RuleId::Config, &source.rel_path, name.span(), message)
                    .help(help.to_owned()),
                file: source.clone(),
            })
        };
        let Some(token) = crate::highlight::language_token(name.get_ref()) else {
            return Err(error(
                format!(
                    "unknown language `{}` in min_code_samples_per_language",
                    name.get_ref()
                ),
                "use a language name or extension as in a code fence (python, py, java, go, rust, ts)",
            ));
        };
        if let Some(first) = seen.insert(token.clone(), name) {
            return Err(error(
                format!(
                    "`{}` and `{}` both name the language `{token}` in min_code_samples_per_language",
                    first.get_ref(),
                    name.get_ref()
                ),
                "keep one of them",
            ));
        }
    }
    Ok(())
}

fn resolve(
    root: &Path,
    raw: RawConfig,
    source: Option<SourceFile>,
    output: Option<&Path>,
) -> Config {
    let folder_name = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Course".to_owned());
    let output = match output {
        Some(out) => absolute(out),
        None => root.join(match raw.output {
            Some(OutputSetting::Folder(folder)) => folder,
            _ => PathBuf::from("site"),
        }),
    };
    let mut base_url = raw.base_url.unwrap_or_else(|| "/".to_owned());
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    Config {
        root: root.to_path_buf(),
        title: raw
            .title
            .unwrap_or_else(|| crate::names::title_from_folder(&folder_name)),
        description: raw.description.unwrap_or_default(),
        authors: raw.authors,
        language: raw.language.unwrap_or_else(|| "en".to_owned()),
        base_url,
        output,
        episodes_dir: root.join("episodes"),
        enhancements_dir: root.join("enhancements"),
        templates_dir: root.join("templates"),
        series: raw.series,
        lint: raw.lint,
        site: raw.site,
        episodes: EpisodesConfig::default(),
        source,
        unused_settings: Vec::new(),
    }
}

impl Config {
    /// Whether `base_url` is an absolute URL (`https://…`), as feeds, sitemaps and canonical
    /// links need.
    pub fn has_absolute_base_url(&self) -> bool {
        let lower = self.base_url.to_ascii_lowercase();
        lower.starts_with("https://") || lower.starts_with("http://")
    }
}

/// `path` made absolute against the current directory, without touching the file system.
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The configuration of a course at `root` whose `book.toml` holds `text` (for tests).
#[cfg(test)]
pub(crate) fn from_toml(root: &Path, text: &str) -> Config {
    let source = SourceFile::from_string(FILE_NAME, text);
    let raw = parse(&source).unwrap_or_else(|e| panic!("{}", e.diagnostic.message));
    resolve(root, raw, Some(source), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_the_key_and_its_line() {
        let source =
            SourceFile::from_string("book.toml", "title = \"T\"\n\n[lint]\nmin_metric = 1\n");
        let err = parse(&source).unwrap_err();
        assert!(
            err.diagnostic
                .message
                .contains("unknown field `min_metric`"),
            "{}",
            err.diagnostic.message
        );
        assert_eq!(source.line_col(err.diagnostic.span.start).line, 4);
    }

    #[test]
    fn a_bad_episode_pattern_names_the_key_and_its_line() {
        let source = SourceFile::from_string(
            "book.toml",
            "title = \"T\"\n[episodes]\nlayout = \"bundle\"\ncode = [\"code/**\", \"code/[a\"]\n",
        );
        let raw = parse(&source).expect("parses");
        let err = episodes_config(&raw.episodes, &source).unwrap_err();
        assert!(
            err.diagnostic
                .message
                .contains("`code/[a` in [episodes] code"),
            "{}",
            err.diagnostic.message
        );
        let at = source.line_col(err.diagnostic.span.start);
        assert_eq!((at.line, at.column), (4, 20));
    }

    #[test]
    fn episode_patterns_default_for_bundles() {
        let source = SourceFile::from_string("book.toml", "[episodes]\nlayout = \"bundle\"\n");
        let raw = parse(&source).expect("parses");
        let config = episodes_config(&raw.episodes, &source).expect("compiles");
        assert_eq!(config.layout, Layout::Bundle);
        let script: Vec<&str> = config.script.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(script, DEFAULT_SCRIPT);
        assert!(config.code.is_match("code/python/sim.py"));
        assert!(config.notes.is_match("research/notes.md"));
        assert!(!config.notes.is_match("research/deep/notes.md"));
    }

    #[test]
    fn language_minimums_resolve_names_like_fences_do() {
        let source = SourceFile::from_string(
            "book.toml",
            "[lint]\nmin_words = 20000\nmin_tests = 2\nmin_code_samples_per_language = { py = 8, Java = 3, go = 3, rust = 0 }\n\n[[lint.series]]\nslug = \"go\"\nmin_code_samples_per_language = { golang = 5 }\n",
        );
        let raw = parse(&source).expect("valid");
        assert_eq!(raw.lint.min_words, Some(20000));
        assert_eq!(raw.lint.min_tests, Some(2));
        let table = raw
            .lint
            .min_code_samples_per_language
            .as_ref()
            .expect("table");
        assert_eq!(
            language_minimums(table),
            [
                ("go".to_owned(), 3),
                ("java".to_owned(), 3),
                ("python".to_owned(), 8)
            ]
        );
        let series = raw.lint.series[0].min_code_samples_per_language.as_ref();
        assert_eq!(
            language_minimums(series.expect("series table")),
            [("go".to_owned(), 5)]
        );
    }

    #[test]
    fn an_unknown_language_key_is_an_error_at_its_place() {
        let text = "[lint]\nmin_words = 1\n\n[[lint.series]]\nslug = \"a\"\nmin_code_samples_per_language = { python = 1, klingon = 2 }\n";
        let source = SourceFile::from_string("book.toml", text);
        let err = parse(&source).unwrap_err();
        assert!(
            err.diagnostic
                .message
                .contains("unknown language `klingon`"),
            "{}",
            err.diagnostic.message
        );
        let at = source.line_col(err.diagnostic.span.start);
        assert_eq!((at.line, at.column), (6, 47));
        assert_eq!(&text[err.diagnostic.span.clone()], "klingon");

        let source = SourceFile::from_string(
            "book.toml",
            "[lint]\nmin_code_samples_per_language = { py = 1, python = 2 }\n",
        );
        let err = parse(&source).unwrap_err();
        assert!(
            err.diagnostic.message.contains("`py` and `python`"),
            "{}",
            err.diagnostic.message
        );
        let source = SourceFile::from_string(
            "book.toml",
            "[lint]\nmin_code_samples_per_language = { text = 1 }\n",
        );
        assert!(parse(&source).is_err(), "plain text is not a language");
    }

    #[test]
    fn an_mdbook_book_toml_is_read() {
        let config = from_toml(
            Path::new("/c"),
            "[book]\ntitle = \"Queues\"\nauthors = [\"Ann\"]\ndescription = \"D\"\nlanguage = \"fr\"\nsrc = \"src\"\n\n[build]\nbuild-dir = \"public\"\n\n[output.html]\nsite-url = \"/queues/\"\ngit-repository-url = \"https://example.org/q\"\nadditional-css = [\"x.css\"]\n\n[output.html.playground]\neditable = true\n\n[preprocessor.mermaid]\ncommand = \"mdbook-mermaid\"\n",
        );
        assert_eq!(config.title, "Queues");
        assert_eq!(config.authors, ["Ann"]);
        assert_eq!(config.description, "D");
        assert_eq!(config.language, "fr");
        assert_eq!(config.output, Path::new("/c/public"));
        assert_eq!(config.base_url, "/queues/");
        assert_eq!(
            config.site.repository.as_deref(),
            Some("https://example.org/q")
        );
    }

    #[test]
    fn a_setting_given_at_the_top_and_in_mdbooks_tables_is_an_error_at_the_second() {
        for (text, key) in [
            ("title = \"A\"\n[book]\ntitle = \"B\"\n", "title"),
            (
                "output = \"site\"\n[build]\nbuild-dir = \"book\"\n",
                "build-dir",
            ),
            (
                "base_url = \"/a/\"\n[output.html]\nsite-url = \"/b/\"\n",
                "site-url",
            ),
            (
                "[site]\nrepository = \"a\"\n[output.html]\ngit-repository-url = \"b\"\n",
                "git-repository-url",
            ),
        ] {
            let source = SourceFile::from_string(FILE_NAME, text);
            let error = parse(&source).unwrap_err();
            assert_eq!(&text[error.diagnostic.span.clone()], key, "{text}");
            assert!(
                error.diagnostic.message.contains("set the same thing"),
                "{text}"
            );
        }
    }

    #[test]
    fn an_unknown_key_in_mdbooks_book_table_is_still_an_error() {
        let source = SourceFile::from_string(FILE_NAME, "[book]\ntitel = \"T\"\n");
        let error = parse(&source).unwrap_err();
        assert!(
            error.diagnostic.message.contains("unknown field `titel`"),
            "{}",
            error.diagnostic.message
        );
    }

    #[test]
    fn defaults_fill_in_when_keys_are_absent() {
        let config = resolve(Path::new("/c/my-course"), RawConfig::default(), None, None);
        assert_eq!(config.title, "My Course");
        assert_eq!(config.output, Path::new("/c/my-course/site"));
        assert_eq!(config.base_url, "/");
    }
}
