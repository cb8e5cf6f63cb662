//! Watching the course's sources: `episodes/`, `enhancements/` and `templates/` (recursively)
//! and the course folder itself (for `book.toml`, and those folders appearing).
//!
//! Editors save in many ways: in place, to a temporary file renamed over the original, by
//! deleting and recreating, several files at once. Events are gathered until the file system
//! has been quiet for [`QUIET`] (at most [`LONGEST`]), and each batch is handed on as the set
//! of paths it touched; what a path now holds is read from disk, not from the events, so any
//! order of events gives the same result.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::config::Config;

/// How long the file system must be quiet before a batch of events is applied: long enough to
/// see a temporary file renamed over the original as one save, short enough not to be felt.
const QUIET: Duration = Duration::from_millis(4);

/// The longest a batch is held while events keep coming.
const LONGEST: Duration = Duration::from_millis(100);

/// A running watcher and the events it sends.
#[derive(Debug)]
pub(crate) struct Watch {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    watched: BTreeSet<PathBuf>,
    /// Reported as changed when the system lost events, so the whole course is read again.
    rescan: PathBuf,
}

impl Watch {
    /// Starts watching the course that `config` describes.
    pub(crate) fn start(config: &Config) -> anyhow::Result<Self> {
        let (sender, events) = channel();
        let watcher = notify::recommended_watcher(move |event| {
            // The receiver is gone only when the server stops.
            let _ = sender.send(event);
        })?;
        let mut watch = Self {
            watcher,
            events,
            watched: BTreeSet::new(),
            rescan: config.root.join(crate::config::FILE_NAME),
        };
        watch.follow(config)?;
        Ok(watch)
    }

    /// Watches the course's folders that exist and are not watched yet (after a change, a
    /// folder may have appeared or `book.toml` may name others).
    pub(crate) fn follow(&mut self, config: &Config) -> anyhow::Result<()> {
        self.add(&config.root, RecursiveMode::NonRecursive)?;
        for dir in [
            &config.episodes_dir,
            &config.enhancements_dir,
            &config.templates_dir,
        ] {
            self.add(dir, RecursiveMode::Recursive)?;
        }
        Ok(())
    }

    fn add(&mut self, dir: &Path, mode: RecursiveMode) -> anyhow::Result<()> {
        if !dir.is_dir() || self.watched.contains(dir) {
            return Ok(());
        }
        self.watcher
            .watch(dir, mode)
            .map_err(|e| anyhow::anyhow!("cannot watch {} for changes: {e}", dir.display()))?;
        self.watched.insert(dir.to_path_buf());
        Ok(())
    }

    /// Waits for the next batch of changes: the paths touched, sorted. `None` when the
    /// watcher stopped.
    pub(crate) fn next_batch(&mut self) -> Option<Vec<PathBuf>> {
        let mut paths = BTreeSet::new();
        let first = self.events.recv().ok()?;
        self.collect(&mut paths, first);
        let started = Instant::now();
        while started.elapsed() < LONGEST {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => self.collect(&mut paths, event),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        // A folder that was watched and is gone is no longer watched by the system.
        self.watched.retain(|dir| dir.is_dir());
        Some(paths.into_iter().collect())
    }

    fn collect(&self, paths: &mut BTreeSet<PathBuf>, event: notify::Result<notify::Event>) {
        match event {
            Ok(event) if event.need_rescan() => {
                paths.insert(self.rescan.clone());
            }
            Ok(event) if !event.kind.is_access() => paths.extend(event.paths),
            Ok(_) => {}
            // The system could not say what changed: read everything again.
            Err(error) => {
                paths.extend(error.paths);
                paths.insert(self.rescan.clone());
            }
        }
    }
}
