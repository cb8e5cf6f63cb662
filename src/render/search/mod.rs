//! Offline full-text search: the index the site's search box reads, built with the site.
//!
//! [`sections`] cuts each published episode at its headings, [`tokens`] splits text into terms
//! exactly as the page's script splits a query, and [`index`] weighs the terms and writes the
//! `search/` scripts; in a build, [`in_order`] feeds it the episodes as their pages render.
//! The page side is `templates/assets/search.js`.

pub(crate) mod in_order;
pub(crate) mod index;
pub(crate) mod sections;
pub(crate) mod tokens;

use rayon::prelude::*;

use crate::output::OutputFile;
use crate::render::pages::Site;
use index::{EpisodeEntry, IndexedEpisode};

/// Episodes whose sections are read and counted together (in parallel) before the next.
const CHUNK: usize = 32;

/// The `search/` files of the site's published episodes, sorted by path.
pub(crate) fn files(site: &Site<'_, '_>) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let written = write(site, &mut |file| {
        files.push(file);
        Ok(())
    });
    debug_assert!(written.is_ok(), "collecting cannot fail");
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// One section per code file of the episode at `index` (bundle episodes): titled with the
/// file's path, so its name is found (`simulate.py`, `BreakerTest`), leading to its entry
/// on the page, with the first [`MAX_INDEXED_BYTES`](crate::render::code_files::MAX_INDEXED_BYTES)
/// of its text.
fn code_sections(site: &Site<'_, '_>, index: usize) -> Vec<sections::Section> {
    let Some(plan) = crate::render::pages::code_plan(site, index) else {
        return Vec::new();
    };
    plan.files
        .iter()
        .map(|p| sections::Section {
            title: p.file.path.clone(),
            anchor: p.id.clone(),
            text: collapse(crate::render::code_files::search_text(p.file)),
        })
        .collect()
}

/// `text` with each run of whitespace as one space, as section texts are kept.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The episode at `index` (in the course's episodes) as the index reads it: its entry and its
/// sections, cut from `events`, the page's own parse ([`Document::events`](crate::markdown::Document::events)).
pub(crate) fn indexed_episode<'s>(
    site: &Site<'_, 's>,
    index: usize,
    events: &[(pulldown_cmark::Event<'s>, std::ops::Range<usize>)],
) -> IndexedEpisode {
    let course = site.course();
    let episode = &course.episodes[index];
    let doc = site.parsed().docs[episode.file];
    let mut sections = sections::sections(doc, events, &doc.title_events());
    sections.extend(code_sections(site, index));
    IndexedEpisode {
        entry: EpisodeEntry {
            series: course.series[episode.series].name.clone(),
            label: format!("Episode {}", episode.id.number),
            title: episode.title.clone(),
            url: episode.url.clone(),
        },
        sections,
    }
}

/// Sends the `search/` files of the site's published episodes to `out` as they are made,
/// parsing each episode's events for the purpose (a build reads the pages' own parse
/// instead: [`crate::render::render`]). The episodes are read a chunk at a time, so their
/// text is never held all at once.
pub(crate) fn write(site: &Site<'_, '_>, out: index::Out<'_>) -> anyhow::Result<()> {
    let mut builder = index::Builder::default();
    for chunk in site.published.chunks(CHUNK) {
        let episodes: Vec<IndexedEpisode> = chunk
            .par_iter()
            .map(|&index| {
                let doc = site.parsed().docs[site.course().episodes[index].file];
                indexed_episode(site, index, &doc.events())
            })
            .collect();
        builder.add(episodes, out)?;
    }
    builder.finish(out)
}
