//! The only place that knows the stage order: load → parse → (check | render).
//!
//! [`parse`] turns loaded files into documents (each file parsed once, in parallel) and the
//! course model. Commands then run checks and/or rendering over the same [`Parsed`] value.

use rayon::prelude::*;

use crate::course::{self, Course, Loaded};
use crate::diagnostic::Diagnostic;
use crate::markdown::metrics::{self, MetricsBlock};
use crate::markdown::metrics_fence::{self, FenceCheck};
use crate::markdown::{self, Document};
use crate::mermaid::MermaidEngine;
use crate::mermaid::blocks::{self, DiagramCheck, DiagramSource};
use crate::mermaid::cache::DiskCache;
use crate::source::SourceMap;

/// A course with every file parsed.
#[derive(Debug)]
pub struct Parsed<'a> {
    /// What was read.
    pub loaded: &'a Loaded,
    /// One document per episode file (`docs[i]` is `loaded.episodes[i]`).
    pub docs: Vec<Document<'a>>,
    /// The ```` ```metrics ```` fences of each episode document, read and validated once
    /// (`fences[i]` belongs to `docs[i]`); their problems are in `diagnostics`.
    pub fences: Vec<Vec<FenceCheck>>,
    /// The metrics blocks of each episode document (`metrics[i]` belongs to `docs[i]`).
    pub metrics: Vec<Vec<MetricsBlock>>,
    /// One document per recommendations file.
    pub enhancement_docs: Vec<Document<'a>>,
    /// The validation of every Mermaid block: `diagrams[i]` for `docs[i]`, in block order.
    pub diagrams: Vec<Vec<DiagramCheck>>,
    /// The same for `enhancement_docs`.
    pub enhancement_diagrams: Vec<Vec<DiagramCheck>>,
    /// Wall time spent validating diagrams (for `--verbose`).
    pub diagram_time: std::time::Duration,
    /// The course model.
    pub course: Course,
    /// Problems found while loading and parsing.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses every file once, validates every Mermaid block and every metrics fence once (Mermaid
/// with `engine`), and builds the course model.
pub fn parse<'a>(
    loaded: &'a Loaded,
    engine: &MermaidEngine,
    cache: Option<&DiskCache>,
) -> Parsed<'a> {
    let docs: Vec<Document<'_>> = loaded
        .episodes
        .par_iter()
        .map(|f| markdown::parse(&f.source))
        .collect();
    let enhancement_docs: Vec<Document<'_>> = loaded
        .enhancements
        .par_iter()
        .map(markdown::parse)
        .collect();
    let (fences, metrics): (Vec<Vec<FenceCheck>>, Vec<Vec<MetricsBlock>>) = docs
        .par_iter()
        .map(|doc| {
            let fences = metrics_fence::check(doc);
            let metrics = metrics::find(doc, &fences);
            (fences, metrics)
        })
        .unzip();
    let started = std::time::Instant::now();
    let diagrams = blocks::check_all(engine, cache, &diagram_sources(&docs));
    let enhancement_diagrams =
        blocks::check_all(engine, cache, &diagram_sources(&enhancement_docs));
    let diagram_time = started.elapsed();
    let (course, mut diagnostics) = course::assemble(loaded, &docs);
    diagnostics.extend(loaded.diagnostics.iter().cloned());
    diagnostics.extend(
        docs.iter()
            .chain(&enhancement_docs)
            .flat_map(|d| d.diagnostics.iter().cloned()),
    );
    diagnostics.extend(
        fences
            .iter()
            .flatten()
            .flat_map(|f| f.diagnostics.iter().cloned()),
    );
    Parsed {
        loaded,
        docs,
        fences,
        metrics,
        enhancement_docs,
        diagrams,
        enhancement_diagrams,
        diagram_time,
        course,
        diagnostics,
    }
}

/// The ```` ```mermaid ```` blocks of each document, as the diagram checker takes them.
fn diagram_sources<'d>(docs: &'d [Document<'_>]) -> Vec<Vec<DiagramSource<'d>>> {
    docs.iter()
        .map(|doc| {
            doc.code_blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| b.lang.as_deref() == Some("mermaid"))
                .map(|(index, b)| (index, b.code.as_str()))
                .collect()
        })
        .collect()
}

impl Parsed<'_> {
    /// Every file a diagnostic may point into.
    pub fn sources(&self) -> SourceMap<'_> {
        let mut map = SourceMap::default();
        map.extend(self.loaded.episodes.iter().map(|e| &e.source));
        map.extend(&self.loaded.enhancements);
        map.extend(self.loaded.config.source.as_ref());
        map
    }
}
