//! Print pages made while the episodes render, so that episode bodies are not all held at once.
//!
//! A series' print page holds the bodies of all its episodes. Each rendered episode hands its
//! body to [`Pending::add`]; when the last episode of a series arrives, its print page is made,
//! sent to the sink, and the series' bodies are dropped. Episodes render in course order, so
//! only the series in progress on some thread hold bodies: memory follows the size of a
//! series, not of the course.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::pages::{self, Site};
use super::{Sink, Tools};
use crate::markdown::html::BlockAssets;

/// The bodies of one series collected so far.
#[derive(Debug, Default)]
struct Collecting {
    /// Episodes of the series not rendered yet.
    missing: usize,
    /// Body HTML and what it needs of the interactive assets, by episode URL.
    bodies: HashMap<String, (String, BlockAssets)>,
}

/// The print pages not made yet, and the outcome of those made.
#[derive(Debug)]
pub(super) struct Pending {
    /// One per published series.
    series: Vec<Mutex<Collecting>>,
    /// Series index and path (or the error) of each print page made.
    made: Mutex<Vec<(usize, anyhow::Result<String>)>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Pending {
    /// Nothing collected yet for any series of `site`.
    pub(super) fn new(site: &Site<'_, '_>) -> Self {
        Self {
            series: (0..site.series_count())
                .map(|i| {
                    Mutex::new(Collecting {
                        missing: site.series_len(i),
                        bodies: HashMap::new(),
                    })
                })
                .collect(),
            made: Mutex::new(Vec::new()),
        }
    }

    /// Records the body of the episode at `index`; the last one of its series makes the
    /// series' print page and sends it to `sink`.
    pub(super) fn add(
        &self,
        site: &Site<'_, '_>,
        tools: Tools<'_>,
        index: usize,
        body: String,
        assets: BlockAssets,
        sink: Sink<'_>,
    ) {
        let Some(i) = site.series_of(index) else {
            return;
        };
        let Some(slot) = self.series.get(i) else {
            return;
        };
        let complete = {
            let mut collecting = lock(slot);
            let url = site.course().episodes[index].url.clone();
            collecting.bodies.insert(url, (body, assets));
            collecting.missing = collecting.missing.saturating_sub(1);
            (collecting.missing == 0).then(|| std::mem::take(&mut collecting.bodies))
        };
        let Some(bodies) = complete else {
            return;
        };
        let bodies: HashMap<&str, (&str, BlockAssets)> = bodies
            .iter()
            .map(|(url, (body, assets))| (url.as_str(), (body.as_str(), *assets)))
            .collect();
        let made = pages::print_page(site, tools, i, &bodies).and_then(|file| {
            sink(&file)?;
            Ok(file.path)
        });
        lock(&self.made).push((i, made));
    }

    /// The paths of the print pages made, in series order, or the error of the first series
    /// whose print page failed. Call once every episode has been added.
    pub(super) fn finish(self) -> anyhow::Result<Vec<String>> {
        let mut made = self
            .made
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        made.sort_by_key(|(i, _)| *i);
        made.into_iter().map(|(_, path)| path).collect()
    }
}
