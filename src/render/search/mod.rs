//! Offline full-text search: the index the site's search box reads, built with the site.
//!
//! [`sections`] cuts each published episode at its headings, [`tokens`] splits text into terms
//! exactly as the page's script splits a query, and [`index`] weighs the terms and writes the
//! `search/` scripts. The page side is `templates/assets/search.js`.

pub(crate) mod index;
pub(crate) mod sections;
pub(crate) mod tokens;

use rayon::prelude::*;

use crate::markdown::title;
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

/// Sends the `search/` files of the site's published episodes to `out` as they are made. The
/// episodes are read a chunk at a time, so their text is never held all at once.
pub(crate) fn write(site: &Site<'_, '_>, out: index::Out<'_>) -> anyhow::Result<()> {
    let course = site.course();
    let mut builder = index::Builder::default();
    for chunk in site.published.chunks(CHUNK) {
        let episodes: Vec<IndexedEpisode> = chunk
            .par_iter()
            .map(|&index| {
                let episode = &course.episodes[index];
                let doc = &site.parsed().docs[episode.file];
                let skip = title::find(doc).unwrap_or_default().events;
                IndexedEpisode {
                    entry: EpisodeEntry {
                        series: course.series[episode.series].name.clone(),
                        label: format!("Episode {}", episode.id.number),
                        title: episode.title.clone(),
                        url: episode.url.clone(),
                    },
                    sections: sections::sections(doc, &skip),
                }
            })
            .collect();
        builder.add(episodes, out)?;
    }
    builder.finish(out)
}
