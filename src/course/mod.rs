//! The course model: series and episodes with their identities, built from parsed files.
//!
//! An episode's identity is its [`EpisodeId`]: series slug plus number. Episodes 19 of two
//! series are two episodes; the same id twice is an error naming both files. Everything
//! else refers to episodes by id or by index into [`Course::episodes`], never by reference.

pub mod bundle;
pub(crate) mod bundle_load;
mod code_ignore;
pub mod intro;
pub mod links;
pub mod load;
pub(crate) mod local_files;
pub mod metadata;
pub mod paths;
pub mod script_choice;
pub mod series;
pub(crate) mod series_config;

use std::collections::BTreeMap;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, RuleId};
use crate::markdown::Document;
use load::EpisodeFile;
pub use load::Loaded;
pub use metadata::EpisodeMeta;
pub use series::Series;

/// Series slug plus number: the identity of an episode.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct EpisodeId {
    /// Slug of the series.
    pub series: String,
    /// Number within the series.
    pub number: u32,
}

impl std::fmt::Display for EpisodeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} #{}", self.series, self.number)
    }
}

/// One episode.
#[derive(Debug, Clone)]
pub struct Episode {
    /// Identity.
    pub id: EpisodeId,
    /// Index into [`Loaded::episodes`] and the parsed documents.
    pub file: usize,
    /// Index into [`Course::series`].
    pub series: usize,
    /// Title (without "Episode N:").
    pub title: String,
    /// Metadata.
    pub meta: EpisodeMeta,
    /// Page path relative to the site root (`systems-in-production/episode-03-retries.html`).
    pub url: String,
    /// Course-relative path of its Markdown file (`episodes/01-x/episode-03-retries.md`).
    pub source: String,
    /// The episode's folder, code and notes in the bundle layout (the same as
    /// [`load::EpisodeFile::bundle`] of its file); `None` in the file layout.
    pub bundle: Option<std::sync::Arc<bundle::Bundle>>,
}

impl Episode {
    /// Whether the episode is a folder without a script yet (its text is empty): checks that
    /// count what an episode holds skip it, and pages say "no script yet".
    pub fn has_no_script(&self) -> bool {
        self.bundle.as_ref().is_some_and(|b| b.has_no_script())
    }
}

/// A whole course.
#[derive(Debug, Clone)]
pub struct Course {
    /// Configuration.
    pub config: Config,
    /// Series, in display order.
    pub series: Vec<Series>,
    /// Episodes (drafts included), in display order: by series, then number.
    pub episodes: Vec<Episode>,
    /// The notes of episode folders (bundle layout), each published as a page under its
    /// episode; sorted by page path.
    pub notes: Vec<Note>,
}

impl Course {
    /// The episodes (indices into [`Course::episodes`]) a build publishes: all of them with
    /// `drafts`, else those not marked as drafts.
    pub fn published_episodes(&self, drafts: bool) -> Vec<usize> {
        (0..self.episodes.len())
            .filter(|&i| drafts || !self.episodes[i].meta.draft)
            .collect()
    }

    /// The notes (indices into [`Course::notes`], in order) a build publishing the episodes
    /// `published` publishes: those of a published episode.
    pub(crate) fn published_notes(&self, published: &[usize]) -> Vec<usize> {
        let pages: std::collections::HashSet<&str> = published
            .iter()
            .map(|&i| self.episodes[i].url.as_str())
            .collect();
        (0..self.notes.len())
            .filter(|&i| pages.contains(self.notes[i].episode_url.as_str()))
            .collect()
    }

    /// Whether a build publishing the episodes `published` shows the series at `index`, and
    /// with it its introduction: one of its episodes is published.
    pub(crate) fn shows_series(&self, published: &[usize], index: usize) -> bool {
        published.iter().any(|&i| self.episodes[i].series == index)
    }

    /// The files (indices into the loaded files and parsed documents) whose text a build
    /// without drafts shows on a page: its published episodes, their notes, and the
    /// introductions of the series that have a published episode.
    pub(crate) fn files_shown_without_drafts(&self) -> std::collections::HashSet<usize> {
        let published = self.published_episodes(false);
        let episodes = published.iter().map(|&i| self.episodes[i].file);
        let notes = self
            .published_notes(&published)
            .into_iter()
            .map(|i| self.notes[i].file);
        let intros = self
            .series
            .iter()
            .enumerate()
            .filter(|(index, _)| self.shows_series(&published, *index))
            .filter_map(|(_, series)| series.intro);
        episodes.chain(notes).chain(intros).collect()
    }
}

/// A note of an episode folder: a Markdown file matched by the `notes` patterns, published
/// as a page under its episode and linked from it; not an episode, not in lists or feeds.
#[derive(Debug, Clone)]
pub struct Note {
    /// Index into [`Loaded::episodes`] and the parsed documents.
    pub file: usize,
    /// The episode's page (`queues/episode-001-queueing.html`).
    pub episode_url: String,
    /// The note's page (`queues/episode-001-queueing/research/research-notes.html`).
    pub url: String,
    /// Its first heading, or its file name.
    pub title: String,
}

/// [`assemble`], reading each document's metadata here: for commands that need the course
/// model but not the checked and drawn course [`crate::pipeline`] makes.
pub fn assemble_documents(loaded: &Loaded, docs: &[&Document<'_>]) -> (Course, Vec<Diagnostic>) {
    let extracted = docs.iter().map(|doc| metadata::extract(doc)).collect();
    assemble(loaded, docs, extracted)
}

/// Builds the course model from the loaded files, their parsed documents (`docs[i]` is the
/// document of `loaded.episodes[i]`) and the metadata [`metadata::extract`] found in each, with
/// the problems it found (`extracted[i]` for `docs[i]`).
pub fn assemble(
    loaded: &Loaded,
    docs: &[&Document<'_>],
    extracted: Vec<(EpisodeMeta, Vec<Diagnostic>)>,
) -> (Course, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let (series, collisions) = collect_series(loaded);
    diagnostics.extend(collisions);
    let mut series = series;
    let mut episodes = Vec::with_capacity(docs.len());
    let numbers: Vec<Option<u32>> = extracted.iter().map(|(m, _)| m.number).collect();
    let intros = intro::choose(&loaded.episodes, &numbers);
    let is_episode = |file: usize, ep_file: &EpisodeFile| {
        !intros[file] && !intro::is_readme(ep_file) && !ep_file.is_note()
    };
    // An episode without a number takes the first after every number its series declares,
    // wherever its file sorts: `about.md` before `episode-01-….md` does not take 1.
    let mut next_number: BTreeMap<usize, u32> = BTreeMap::new();
    for (file, (ep_file, (meta, _))) in loaded.episodes.iter().zip(&extracted).enumerate() {
        if !is_episode(file, ep_file) {
            continue;
        }
        if let Some(declared) = meta.number.or_else(|| declared_in_name(ep_file)) {
            let next = next_number
                .entry(series_position(&series, ep_file))
                .or_insert(1);
            *next = (*next).max(declared.saturating_add(1));
        }
    }
    for (file, ((ep_file, doc), (meta, problems))) in
        loaded.episodes.iter().zip(docs).zip(extracted).enumerate()
    {
        diagnostics.extend(problems);
        if intros[file] {
            if let Some(s) = series.iter_mut().find(|s| s.dir == ep_file.series_dir) {
                s.intro = Some(file);
            }
            continue;
        }
        if intro::is_readme(ep_file) || ep_file.is_note() {
            continue;
        }
        let series_index = series_position(&series, ep_file);
        let name = episode_name(ep_file);
        let number = match meta
            .number
            .or_else(|| name.as_deref().and_then(paths::number_from_file_name))
        {
            Some(n) => n,
            None => {
                let next = next_number.entry(series_index).or_insert(1);
                let n = *next;
                *next = n.saturating_add(1);
                diagnostics.push(missing_number(doc, n));
                n
            }
        };
        let stem = name
            .as_deref()
            .map(|s| paths::page_stem(s, number))
            .unwrap_or_else(|| format!("episode-{number}"));
        let title = meta
            .title
            .clone()
            .or_else(|| {
                let bundle = ep_file.bundle.as_ref()?;
                Some(paths::title_from_episode_name(&bundle.name)).filter(|t| !t.is_empty())
            })
            .unwrap_or_else(|| format!("Episode {number}"));
        let id = EpisodeId {
            series: series[series_index].slug.clone(),
            number,
        };
        // Episode folders directly in `episodes/` form a course without series: no series
        // level in their paths.
        let url = if ep_file.bundle.is_some() && ep_file.series_dir.is_empty() {
            format!("{stem}.html")
        } else {
            format!("{}/{stem}.html", id.series)
        };
        episodes.push(Episode {
            id,
            file,
            series: series_index,
            title,
            meta,
            url,
            source: ep_file.source.rel_path.clone(),
            bundle: ep_file.bundle.clone(),
        });
    }
    diagnostics.extend(paths::unique_pages(&mut episodes, &series, loaded));
    diagnostics.extend(duplicate_ids(&episodes, loaded));
    episodes.sort_by(|a, b| {
        (
            series[a.series].order,
            &series[a.series].slug,
            a.id.number,
            &a.url,
        )
            .cmp(&(
                series[b.series].order,
                &series[b.series].slug,
                b.id.number,
                &b.url,
            ))
    });
    let notes = notes_of(loaded, docs, &episodes);
    (
        Course {
            config: loaded.config.clone(),
            series,
            episodes,
            notes,
        },
        diagnostics,
    )
}

/// The notes of every episode folder, each at its page under its episode's page.
fn notes_of(loaded: &Loaded, docs: &[&Document<'_>], episodes: &[Episode]) -> Vec<Note> {
    let by_folder: std::collections::HashMap<&str, &Episode> = episodes
        .iter()
        .filter_map(|e| Some((e.bundle.as_ref()?.dir.as_str(), e)))
        .collect();
    let mut notes = Vec::new();
    for (file, ep_file) in loaded.episodes.iter().enumerate() {
        if !ep_file.is_note() {
            continue;
        }
        let Some(bundle) = &ep_file.bundle else {
            continue;
        };
        let Some(episode) = by_folder.get(bundle.dir.as_str()) else {
            continue;
        };
        let rel = &ep_file.source.rel_path;
        let title = docs
            .get(file)
            .and_then(|d| d.headings.first())
            .map(|h| h.text.clone())
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| rel.rsplit('/').next().unwrap_or(rel).to_owned());
        notes.push(Note {
            file,
            episode_url: episode.url.clone(),
            url: bundle.note_page(rel, &episode.url),
            title,
        });
    }
    notes.sort_by(|a, b| a.url.cmp(&b.url));
    notes
}

/// The series of the course, in display order, each with a slug of its own.
fn collect_series(loaded: &Loaded) -> (Vec<Series>, Vec<Diagnostic>) {
    let mut dirs: Vec<&str> = loaded
        .episodes
        .iter()
        .map(|e| e.series_dir.as_str())
        .collect();
    // Loose files can sort on both sides of a folder (`a.md`, `b/`, `z.md`): sort first.
    dirs.sort_unstable();
    dirs.dedup();
    let mut series: Vec<Series> = dirs
        .into_iter()
        .map(|dir| {
            if dir.is_empty() {
                let mut loose = series::from_folder(series::LOOSE_SLUG, &loaded.config.series);
                loose.dir = String::new();
                loose
            } else {
                series::from_folder(dir, &loaded.config.series)
            }
        })
        .collect();
    let collisions = paths::unique_series(&mut series, loaded);
    series.sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
    (series, collisions)
}

/// The index in `series` of the series an episode file belongs to.
fn series_position(series: &[Series], ep_file: &EpisodeFile) -> usize {
    series
        .iter()
        .position(|s| s.dir == ep_file.series_dir)
        .unwrap_or(0)
}

/// An episode's name: its file's stem, or its folder's name (an episode folder is named like
/// an episode file, `episode-001-queueing`).
fn episode_name(ep_file: &EpisodeFile) -> Option<String> {
    match &ep_file.bundle {
        Some(bundle) => Some(bundle.name.clone()),
        None => ep_file
            .source
            .abs_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned()),
    }
}

/// The number an episode's name gives it (`episode-03-….md`), if any.
fn declared_in_name(ep_file: &EpisodeFile) -> Option<u32> {
    episode_name(ep_file)
        .as_deref()
        .and_then(paths::number_from_file_name)
}

fn missing_number(doc: &Document<'_>, assigned: u32) -> Diagnostic {
    let span = doc.headings.first().map_or(0..0, |h| h.span.clone());
    Diagnostic::new(
        RuleId::EpisodeNumber,
        &doc.source.rel_path,
        span,
        format!("this episode has no number; it is shown as episode {assigned}"),
    )
    .help("start the title with `# Episode N: …`, add `number: N` to the front matter, or name the file `episode-N-….md`")
}

fn duplicate_ids(episodes: &[Episode], loaded: &Loaded) -> Vec<Diagnostic> {
    let mut first_seen: BTreeMap<&EpisodeId, &Episode> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    for episode in episodes {
        if let Some(first) = first_seen.get(&episode.id) {
            // An episode folder is named by its folder; an episode file by its path.
            let place = |file: usize| {
                let e = &loaded.episodes[file];
                e.bundle
                    .as_ref()
                    .map_or_else(|| e.source.rel_path.clone(), |b| b.dir.clone())
            };
            let (this, other) = (place(episode.file), place(first.file));
            diagnostics.push(
                Diagnostic::new(
                    RuleId::DuplicateEpisode,
                    &this,
                    0..0,
                    format!(
                        "episode {} of series `{}` is defined twice: here and in {other}",
                        episode.id.number, episode.id.series
                    ),
                )
                .related(&other, 0..0, "first defined here")
                .help(
                    "give one of them another number; episodes are identified by series and number",
                ),
            );
        } else {
            first_seen.insert(&episode.id, episode);
        }
    }
    diagnostics
}
