//! One consistent state of the course being served: what was read, parsed and assembled, and
//! the theme. A snapshot never changes; an edit makes a new one that shares every unchanged
//! file with the old ([`crate::pipeline::ParsedFiles`] holds them behind `Arc`s), so requests
//! and the background lint read a snapshot while the next one is made.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::course::{self, Loaded};
use crate::mermaid::MermaidEngine;
use crate::mermaid::cache::DiskCache;
use crate::pipeline::{self, Model, Parsed, ParsedFiles};
use crate::render::Theme;
use crate::render::view::EpisodeCard;

use super::findings::Finding;

/// The course as served at one moment.
#[derive(Debug)]
pub(crate) struct Snapshot {
    /// Counts up with every change applied; pages and findings are tagged with it.
    pub(crate) version: u64,
    /// What was read.
    pub(crate) loaded: Loaded,
    /// Every file, parsed.
    pub(crate) files: ParsedFiles,
    /// The course model over them.
    pub(crate) model: Model,
    /// Templates and assets.
    pub(crate) theme: Arc<Theme>,
    /// Files whose last save is not shown, because it could not be read as intended (an
    /// unterminated fence, broken front matter, a template that does not compile, a broken
    /// `book.toml`), with why. The snapshot holds the last good version of each.
    pub(crate) broken: BTreeMap<String, Vec<Finding>>,
}

impl Snapshot {
    /// Reads, parses and assembles the course at `root`, served at `base_url`.
    pub(crate) fn load(
        root: &Path,
        base_url: &str,
        engine: &MermaidEngine,
        cache: Option<&DiskCache>,
    ) -> anyhow::Result<Self> {
        let loaded = load_course(root, base_url)?;
        let theme = Arc::new(Theme::load(&loaded.config.templates_dir)?);
        let files = pipeline::parse_files(&loaded, engine, cache);
        let model = Model::assemble(&loaded, &files);
        Ok(Self {
            version: 1,
            loaded,
            files,
            model,
            theme,
            broken: BTreeMap::new(),
        })
    }

    /// The view checks and rendering read.
    pub(crate) fn parsed(&self) -> Parsed<'_> {
        self.model.view(&self.loaded, &self.files)
    }

    /// What every page shows of the course: when an edit leaves it unchanged, only the edited
    /// file's own pages change.
    pub(crate) fn outline(&self) -> Outline {
        let course = &self.model.course;
        Outline {
            series: course
                .series
                .iter()
                .map(|s| {
                    (
                        s.slug.clone(),
                        s.name.clone(),
                        s.description.clone(),
                        s.intro,
                    )
                })
                .collect(),
            episodes: course
                .episodes
                .iter()
                .map(|e| (e.series, crate::render::pages::card(e)))
                .collect(),
        }
    }
}

/// Each series (slug, name, description, introduction) and each episode as listed, in order.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Outline {
    series: Vec<(String, String, String, Option<usize>)>,
    episodes: Vec<(usize, EpisodeCard)>,
}

impl Outline {
    /// Whether `self` and `other` differ only in what the listings show (an episode's summary,
    /// duration or difficulty on the home and series pages), not in what the built-in theme's
    /// navigation shows on every page (series, numbers, titles, addresses, drafts).
    pub(crate) fn same_navigation(&self, other: &Self) -> bool {
        let navigation = |outline: &Self| {
            outline
                .episodes
                .iter()
                .map(|(series, card)| {
                    (
                        *series,
                        card.number,
                        card.title.clone(),
                        card.url.clone(),
                        card.draft,
                    )
                })
                .collect::<Vec<_>>()
        };
        self.series == other.series && navigation(self) == navigation(other)
    }
}

/// Reads the course at `root`, with the site's address set to the server's.
pub(crate) fn load_course(root: &Path, base_url: &str) -> anyhow::Result<Loaded> {
    let mut loaded = course::load::load(root, None)?;
    loaded.config.base_url = base_url.to_owned();
    Ok(loaded)
}
