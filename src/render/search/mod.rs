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

/// The `search/` files of the site's published episodes.
pub(crate) fn files(site: &Site<'_, '_>) -> Vec<OutputFile> {
    let course = site.course();
    let episodes: Vec<IndexedEpisode> = site
        .published
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
    index::files(&episodes)
}
