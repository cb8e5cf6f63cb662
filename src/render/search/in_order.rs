//! The search index of a build, fed by the page jobs themselves: each job counts its episode's
//! terms and hands them over, and the episodes are merged in course order by whichever job
//! finds the next one waiting, while the other threads go on rendering. Nothing of the index
//! is left for after the last page but the final scoring.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError, TryLockError};

use super::index::{Builder, CountedEpisode, IndexedEpisode};
use crate::output::OutputFile;
use crate::render::Sink;

/// Episodes merged into the index in their order, from any thread.
pub(crate) struct InOrder<'s> {
    /// Episodes handed over before one that comes earlier, by their place.
    waiting: Mutex<BTreeMap<usize, CountedEpisode>>,
    /// The index, held by the one job merging at a time.
    merging: Mutex<Merging<'s>>,
}

/// The index and where its files go.
struct Merging<'s> {
    builder: Builder,
    /// The place of the next episode to merge.
    next: usize,
    written: Written<'s>,
    /// The first file that could not be written.
    failed: Option<anyhow::Error>,
}

/// Where the index's files go, and the paths of those written.
struct Written<'s> {
    sink: Sink<'s>,
    paths: Vec<String>,
}

impl Written<'_> {
    /// Sends `file` to the sink and keeps its path.
    fn write(&mut self, file: OutputFile) -> anyhow::Result<()> {
        (self.sink)(&file)?;
        self.paths.push(file.path);
        Ok(())
    }
}

impl<'s> InOrder<'s> {
    /// An empty index whose files go to `sink`.
    pub(crate) fn new(sink: Sink<'s>) -> Self {
        Self {
            waiting: Mutex::new(BTreeMap::new()),
            merging: Mutex::new(Merging {
                builder: Builder::default(),
                next: 0,
                written: Written {
                    sink,
                    paths: Vec::new(),
                },
                failed: None,
            }),
        }
    }

    /// Counts the terms of the episode at `place` (0 for the first episode of the index, then
    /// 1, …: every place must come once) and merges it, with any that follow it and were
    /// waiting for it. When another job is merging, the episode waits for that job instead.
    pub(crate) fn add(&self, place: usize, episode: IndexedEpisode) {
        let counted = CountedEpisode::count(episode);
        let twice = lock(&self.waiting).insert(place, counted).is_some();
        debug_assert!(!twice, "episode {place} handed to the search index twice");
        loop {
            let mut merging = match self.merging.try_lock() {
                Ok(merging) => merging,
                Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
                // The job merging takes this episode up, or sees it below once it lets go.
                Err(TryLockError::WouldBlock) => return,
            };
            loop {
                let next = merging.next;
                let Some(episode) = lock(&self.waiting).remove(&next) else {
                    break;
                };
                merging.merge(episode);
            }
            let next = merging.next;
            drop(merging);
            // An episode handed over after the last look, while the index was held, found it
            // taken: look once more now that it is free.
            if !lock(&self.waiting).contains_key(&next) {
                return;
            }
        }
    }

    /// Writes the terms files and `index.js`, and gives the paths of every `search/` file
    /// written, sorted. `Err` when a file could not be written, or when a place was never
    /// handed over.
    pub(crate) fn finish(self) -> anyhow::Result<Vec<String>> {
        let waiting = self
            .waiting
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let merging = self
            .merging
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let Merging {
            builder,
            next,
            mut written,
            failed,
        } = merging;
        if let Some(error) = failed {
            return Err(error);
        }
        if let Some(place) = waiting.keys().next() {
            anyhow::bail!(
                "the search index was given episode {place} but not episode {next} before it"
            );
        }
        builder.finish(&mut |file| written.write(file))?;
        let mut paths = written.paths;
        paths.sort();
        Ok(paths)
    }

    /// The error of a `search/` file that could not be written, if one has failed: the build
    /// stops at the end of the chunk of pages rather than render the rest for nothing.
    pub(crate) fn take_failure(&self) -> Option<anyhow::Error> {
        lock(&self.merging).failed.take()
    }
}

impl Merging<'_> {
    /// Merges the next episode, unless a file has failed already.
    fn merge(&mut self, episode: CountedEpisode) {
        self.next += 1;
        if self.failed.is_some() {
            return;
        }
        let written = &mut self.written;
        let added = self
            .builder
            .add_counted(episode, &mut |file| written.write(file));
        if let Err(error) = added {
            self.failed = Some(error);
        }
    }
}

/// The lock, even if a job panicked holding it (the panic reaches the caller anyway).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::search::index::{self, EpisodeEntry};
    use crate::render::search::sections::Section;
    use rayon::prelude::*;

    fn episode(n: usize) -> IndexedEpisode {
        IndexedEpisode {
            entry: EpisodeEntry {
                series: "Systems".to_owned(),
                label: format!("Episode {n}"),
                title: format!("Title {n}"),
                url: format!("systems/{n}.html"),
            },
            sections: (0..3)
                .map(|s| Section {
                    title: format!("Part {s} of {n}"),
                    anchor: format!("part-{s}"),
                    text: format!("words shared by all, word{n} and part{s} alone"),
                })
                .collect(),
        }
    }

    fn collected(files: &Mutex<Vec<OutputFile>>) -> Vec<OutputFile> {
        let mut files = files.lock().expect("lock").clone();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }

    #[test]
    fn episodes_handed_over_in_any_order_make_the_index_of_the_course_order() {
        let episodes: Vec<IndexedEpisode> = (0..40).map(episode).collect();
        let expected = index::files(&episodes);
        let files = Mutex::new(Vec::new());
        let sink = |file: &OutputFile| {
            files.lock().expect("lock").push(file.clone());
            anyhow::Ok(())
        };
        let in_order = InOrder::new(&sink);
        // Last first, then the rest from many threads at once.
        let mut places: Vec<usize> = (0..40).rev().collect();
        places.swap(5, 30);
        places
            .into_par_iter()
            .for_each(|place| in_order.add(place, episode(place)));
        let paths = in_order.finish().expect("index");
        let got = collected(&files);
        assert_eq!(got, expected);
        let mut expected_paths: Vec<String> = expected.iter().map(|f| f.path.clone()).collect();
        expected_paths.sort();
        assert_eq!(paths, expected_paths);
    }

    #[test]
    fn a_place_never_handed_over_is_an_error_not_a_shorter_index() {
        let sink = |_: &OutputFile| anyhow::Ok(());
        let in_order = InOrder::new(&sink);
        in_order.add(0, episode(0));
        in_order.add(2, episode(2));
        let error = in_order.finish().expect_err("episode 1 is missing");
        assert!(
            error.to_string().contains("episode 2 but not episode 1"),
            "{error}"
        );
    }

    #[test]
    fn a_file_that_cannot_be_written_fails_the_index() {
        let sink = |file: &OutputFile| {
            if file.path.ends_with("text-1.js") {
                anyhow::bail!("disk full")
            }
            anyhow::Ok(())
        };
        let in_order = InOrder::new(&sink);
        for place in 0..3 {
            in_order.add(place, episode(place));
        }
        let error = in_order.finish().expect_err("a file failed");
        assert_eq!(error.to_string(), "disk full");
    }
}
