//! Applying saved files to a snapshot: which files changed, what is read and parsed again, and
//! which pages must reload.
//!
//! An edit of an episode (the common case) re-reads and re-parses that file only and
//! re-assembles the course model over the rest, unchanged. Anything else (a file added,
//! removed or renamed; a recommendations document; `book.toml`) re-reads the course and
//! reuses every file whose text did not change; a template reloads the theme. A save that
//! cannot be read as intended (an unterminated fence, broken front matter, a template or a
//! `book.toml` that does not compile) is not applied: the snapshot keeps the last good version
//! and records why, for the overlay.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{self, Config};
use crate::course::load::{self, is_enhancement_path, is_episode_path};
use crate::diagnostic::{Diagnostic, RuleId};
use crate::mermaid::MermaidEngine;
use crate::mermaid::cache::DiskCache;
use crate::pipeline::{self, Model, ParsedFile};
use crate::render::Theme;
use crate::render::pages::COVERAGE_PATH;
use crate::source::SourceMap;

use super::findings::Finding;
use super::snapshot::{self, Snapshot};

/// What the server needs to apply changes.
#[derive(Debug)]
pub(crate) struct Context<'a> {
    /// The course folder.
    pub(crate) root: &'a Path,
    /// The address the site is served at.
    pub(crate) base_url: &'a str,
    /// Validates and draws diagrams.
    pub(crate) engine: &'a MermaidEngine,
    /// Diagrams validated or drawn before.
    pub(crate) cache: Option<&'a DiskCache>,
}

/// Which pages show something different after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Affected {
    /// Every page (the theme, the configuration, or what every page lists changed).
    All,
    /// These pages (paths from the site root).
    Pages(BTreeSet<String>),
}

/// A change applied: the new snapshot, the pages that changed, and the files that did.
#[derive(Debug)]
pub(crate) struct Update {
    /// The course after the change.
    pub(crate) snapshot: Snapshot,
    /// Pages to reload.
    pub(crate) affected: Affected,
    /// Course-relative paths of the files that changed.
    pub(crate) changed: Vec<String>,
}

/// What a changed path is to the course.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Config,
    Theme,
    Enhancement,
    /// An episode file the snapshot has, still there: edited.
    EpisodeEdited,
    /// A file or folder of episodes added, removed or renamed.
    Structure,
    /// Not part of the course (an editor's temporary or backup file, the site, ...).
    Ignored,
}

fn classify(current: &Snapshot, root: &Path, path: &Path) -> Kind {
    let config = &current.loaded.config;
    let Ok(rel) = path.strip_prefix(root) else {
        return Kind::Ignored;
    };
    if rel
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
    {
        return Kind::Ignored;
    }
    if rel == Path::new(config::FILE_NAME) {
        return Kind::Config;
    }
    if path.starts_with(&config.templates_dir) {
        return Kind::Theme;
    }
    if path.starts_with(&config.enhancements_dir) {
        return if is_enhancement_path(path) || path == config.enhancements_dir {
            Kind::Enhancement
        } else {
            Kind::Ignored
        };
    }
    if !path.starts_with(&config.episodes_dir) {
        return Kind::Ignored;
    }
    // In the bundle layout an episode is a folder: a script part, a code file or a note
    // changes what the episode is made of, so the course is read again (unchanged files
    // keep their parsed form).
    if config.episodes.layout == config::Layout::Bundle {
        return Kind::Structure;
    }
    if is_episode_path(&config.episodes_dir, path) {
        let known = current
            .loaded
            .episodes
            .iter()
            .any(|e| e.source.abs_path == path);
        return if known && path.is_file() {
            Kind::EpisodeEdited
        } else {
            Kind::Structure
        };
    }
    // A folder added, removed or renamed (a series); other files are not read.
    if path.extension().is_none() || path.is_dir() {
        Kind::Structure
    } else {
        Kind::Ignored
    }
}

/// Applies the saved `paths` to `current`; `None` when none of them is part of the course or
/// none changed what it holds.
pub(crate) fn apply(current: &Snapshot, paths: &[PathBuf], cx: &Context<'_>) -> Option<Update> {
    let kinds: Vec<(Kind, &PathBuf)> = paths
        .iter()
        .map(|p| (classify(current, cx.root, p), p))
        .filter(|(k, _)| *k != Kind::Ignored)
        .collect();
    if kinds.is_empty() {
        return None;
    }
    let has = |kind: Kind| kinds.iter().any(|(k, _)| *k == kind);
    let changed: Vec<String> = kinds
        .iter()
        .map(|(_, p)| crate::source::relative_path(cx.root, p))
        .collect();
    let mut update = if has(Kind::Config) || has(Kind::Structure) || has(Kind::Enhancement) {
        reload(current, cx, !has(Kind::Config) && !has(Kind::Structure))
    } else if has(Kind::EpisodeEdited) {
        let edited: Vec<&PathBuf> = kinds.iter().map(|(_, p)| *p).collect();
        edit(current, &edited, cx)?
    } else {
        next(current, Affected::All)
    };
    if has(Kind::Theme) {
        reload_theme(&mut update.snapshot);
        update.affected = Affected::All;
    }
    update.changed = changed;
    Some(update)
}

/// A copy of `current` (sharing every file), one version on.
fn next(current: &Snapshot, affected: Affected) -> Update {
    Update {
        snapshot: Snapshot {
            version: current.version + 1,
            loaded: current.loaded.clone(),
            files: current.files.clone(),
            model: Model {
                course: current.model.course.clone(),
                diagnostics: current.model.diagnostics.clone(),
            },
            theme: Arc::clone(&current.theme),
            broken: current.broken.clone(),
        },
        affected,
        changed: Vec::new(),
    }
}

/// Re-reads the course, reusing every file whose text is unchanged. `recommendations_only`:
/// only recommendations documents changed, so only the coverage page can change.
fn reload(current: &Snapshot, cx: &Context<'_>, recommendations_only: bool) -> Update {
    let mut loaded = match snapshot::load_course(cx.root, cx.base_url) {
        Ok(loaded) => loaded,
        Err(error) => {
            let mut update = next(current, Affected::Pages(BTreeSet::new()));
            update
                .snapshot
                .broken
                .insert(config::FILE_NAME.to_owned(), vec![config_failure(&error)]);
            return update;
        }
    };
    let files = pipeline::parse_files_reusing(&mut loaded, &current.files, cx.engine, cx.cache);
    let model = Model::assemble(&loaded, &files);
    let theme_dir_moved = loaded.config.templates_dir != current.loaded.config.templates_dir;
    let mut snapshot = Snapshot {
        version: current.version + 1,
        loaded,
        files,
        model,
        theme: Arc::clone(&current.theme),
        broken: current.broken.clone(),
    };
    snapshot.broken.remove(config::FILE_NAME);
    // A file that is gone is no longer broken.
    let present: BTreeSet<String> = snapshot
        .loaded
        .episodes
        .iter()
        .map(|e| e.source.rel_path.clone())
        .collect();
    let config = &snapshot.loaded.config;
    let templates = crate::source::relative_path(&config.root, &config.templates_dir);
    snapshot
        .broken
        .retain(|file, _| present.contains(file) || *file == templates);
    if theme_dir_moved {
        reload_theme(&mut snapshot);
    }
    let affected = if recommendations_only && snapshot.outline() == current.outline() {
        Affected::Pages(BTreeSet::from([COVERAGE_PATH.to_owned()]))
    } else {
        Affected::All
    };
    Update {
        snapshot,
        affected,
        changed: Vec::new(),
    }
}

/// A broken `book.toml`, with its position when the configuration says where.
fn config_failure(error: &anyhow::Error) -> Finding {
    match error.downcast_ref::<config::ConfigError>() {
        Some(found) => {
            let mut sources = SourceMap::default();
            sources.extend([&found.file]);
            let mut finding = Finding {
                blocking: true,
                ..Finding::of(&found.diagnostic, &sources)
            };
            finding.help = Some(match finding.help {
                Some(help) => format!("{help} (the last good configuration is used until then)"),
                None => "the last good configuration is used until this is fixed".to_owned(),
            });
            finding
        }
        None => Finding::failure(config::FILE_NAME, error),
    }
}

fn reload_theme(snapshot: &mut Snapshot) {
    let config: &Config = &snapshot.loaded.config;
    let key = crate::source::relative_path(&config.root, &config.templates_dir);
    match Theme::load(&config.templates_dir) {
        Ok(theme) => {
            snapshot.theme = Arc::new(theme);
            snapshot.broken.remove(&key);
        }
        Err(error) => {
            snapshot
                .broken
                .insert(key.clone(), vec![Finding::failure(&key, &error)]);
        }
    }
}

/// Applies edits of episode files the snapshot has: only they are read and parsed again.
fn edit(current: &Snapshot, paths: &[&PathBuf], cx: &Context<'_>) -> Option<Update> {
    let mut update = next(current, Affected::Pages(BTreeSet::new()));
    let mut touched = false;
    let mut own_pages = BTreeSet::new();
    for path in paths {
        let snapshot = &mut update.snapshot;
        let Some(index) = snapshot
            .loaded
            .episodes
            .iter()
            .position(|e| e.source.abs_path == **path)
        else {
            continue;
        };
        let (read, found) = load::read_one(cx.root, path);
        let Some(read) = read else {
            // Gone or unreadable since it was seen: read the course again.
            return Some(reload(current, cx, false));
        };
        let previous = &snapshot.files.episodes[index];
        if previous.source().text == read.text {
            continue;
        }
        touched = true;
        let rel = read.rel_path.clone();
        let parsed = pipeline::parse_episode(Arc::new(read), cx.engine, cx.cache);
        let problems = broken_save(&parsed);
        if !problems.is_empty() && broken_save(previous).is_empty() {
            let mut sources = SourceMap::default();
            sources.extend([&**parsed.source()]);
            let findings = problems
                .iter()
                .map(|d| Finding {
                    blocking: true,
                    ..Finding::of(d, &sources)
                })
                .collect();
            snapshot.broken.insert(rel, findings);
            continue;
        }
        snapshot.broken.remove(&rel);
        snapshot.loaded.diagnostics.retain(|d| d.file != rel);
        snapshot.loaded.diagnostics.extend(found);
        snapshot.loaded.episodes[index].source = Arc::clone(parsed.source());
        snapshot.files.episodes[index] = Arc::new(parsed);
        own_pages.extend(pages_of(snapshot, index));
    }
    if !touched {
        return None;
    }
    let snapshot = &mut update.snapshot;
    snapshot.model = Model::assemble(&snapshot.loaded, &snapshot.files);
    let (before, after) = (current.outline(), snapshot.outline());
    update.affected = if after == before {
        Affected::Pages(own_pages)
    } else if after.same_navigation(&before) && !has_own_templates(snapshot) {
        // A summary or a duration changed: the listings show it, the other pages do not.
        own_pages.insert("index.html".to_owned());
        own_pages.extend(
            snapshot
                .model
                .course
                .series
                .iter()
                .map(|s| crate::course::paths::series_page(&s.slug)),
        );
        Affected::Pages(own_pages)
    } else {
        Affected::All
    };
    Some(update)
}

/// Whether the course overrides the built-in theme's templates, whose pages may show anything
/// of every episode.
fn has_own_templates(snapshot: &Snapshot) -> bool {
    crate::source::visible_files(&snapshot.loaded.config.templates_dir).is_ok_and(|files| {
        files
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == "html"))
    })
}

/// The problems that make a save unusable: the file cannot be read as its author meant (a
/// fence never closed swallows the rest of the page; front matter that is not YAML loses the
/// episode's title and number).
fn broken_save(file: &ParsedFile) -> Vec<Diagnostic> {
    file.document()
        .diagnostics
        .iter()
        .chain(&file.metadata.1)
        .filter(|d| matches!(d.rule, RuleId::UnterminatedFence | RuleId::FrontMatter))
        .cloned()
        .collect()
}

/// The pages made from the episode file at `index` of the snapshot's files: its own page, its
/// series' print page, (for a series introduction) its series page, and the coverage page.
/// (Files made from every episode, the search index and the feeds, are always made again.)
fn pages_of(snapshot: &Snapshot, index: usize) -> Vec<String> {
    let course = &snapshot.model.course;
    let mut pages = vec![COVERAGE_PATH.to_owned()];
    if let Some(episode) = course.episodes.iter().find(|e| e.file == index) {
        pages.push(episode.url.clone());
        let slug = &course.series[episode.series].slug;
        pages.push(crate::course::paths::print_page(slug));
    }
    for series in course.series.iter().filter(|s| s.intro == Some(index)) {
        pages.push(crate::course::paths::series_page(&series.slug));
    }
    pages
}
