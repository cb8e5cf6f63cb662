//! The course model: series and episodes with their identities, built from parsed files.
//!
//! An episode's identity is its [`EpisodeId`]: series slug plus number. Episodes 19 of two
//! series are two episodes; the same id twice is an error naming both files. Everything
//! else refers to episodes by id or by index into [`Course::episodes`], never by reference.

pub mod bundle;
pub mod intro;
pub mod links;
pub mod load;
pub mod metadata;
pub mod paths;
pub mod series;
pub(crate) mod series_config;

use std::collections::BTreeMap;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, RuleId};
use crate::markdown::Document;
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
    let mut next_number: BTreeMap<usize, u32> = BTreeMap::new();
    let numbers: Vec<Option<u32>> = extracted.iter().map(|(m, _)| m.number).collect();
    let intros = intro::choose(&loaded.episodes, &numbers);
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
        if intro::is_readme(ep_file) {
            continue;
        }
        let series_index = series
            .iter()
            .position(|s| s.dir == ep_file.series_dir)
            .unwrap_or(0);
        let from_file_name = ep_file
            .source
            .abs_path
            .file_stem()
            .and_then(|s| paths::number_from_file_name(&s.to_string_lossy()));
        let number = match meta.number.or(from_file_name) {
            Some(n) => n,
            None => {
                let n = next_number.get(&series_index).copied().unwrap_or(1);
                diagnostics.push(missing_number(doc, n));
                n
            }
        };
        next_number.insert(
            series_index,
            next_number
                .get(&series_index)
                .copied()
                .unwrap_or(1)
                .max(number + 1),
        );
        let stem = ep_file
            .source
            .abs_path
            .file_stem()
            .map(|s| paths::page_stem(&s.to_string_lossy(), number))
            .unwrap_or_else(|| format!("episode-{number}"));
        let title = meta
            .title
            .clone()
            .unwrap_or_else(|| format!("Episode {number}"));
        let id = EpisodeId {
            series: series[series_index].slug.clone(),
            number,
        };
        let url = format!("{}/{stem}.html", id.series);
        episodes.push(Episode {
            id,
            file,
            series: series_index,
            title,
            meta,
            url,
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
    (
        Course {
            config: loaded.config.clone(),
            series,
            episodes,
        },
        diagnostics,
    )
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
            let this = &loaded.episodes[episode.file].source;
            let other = &loaded.episodes[first.file].source;
            diagnostics.push(
                Diagnostic::new(
                    RuleId::DuplicateEpisode,
                    &this.rel_path,
                    0..0,
                    format!(
                        "episode {} of series `{}` is defined twice: here and in {}",
                        episode.id.number, episode.id.series, other.rel_path
                    ),
                )
                .related(&other.rel_path, 0..0, "first defined here")
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
