//! The Mermaid blocks of a course, validated once for every later stage.
//!
//! [`check_all`] validates the diagrams of many documents with one engine, spreading diagrams
//! (not documents) over threads, so one episode with many diagrams does not hold up the rest;
//! with a cache, a diagram validated before is not parsed again. Callers hand over each
//! document's diagrams as `(block index, source)` pairs, so this module knows nothing of
//! Markdown; checks, rendering and recommendation matching all read the result.
//!
//! A build hands over a [`DrawAhead`] as well: each diagram validated is then drawn into the
//! cache from the same parse, and the pages take the drawings from there.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::mermaid::cache::{CheckResult, DiskCache, Key, check_hash};
use crate::mermaid::{DiagramInfo, DiagramKind, MermaidEngine, MermaidError};

/// The verdict on one Mermaid block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagramCheck {
    /// Index of the block among its document's code blocks.
    pub block: usize,
    /// What validation found.
    pub result: Result<DiagramInfo, MermaidError>,
}

/// One diagram to validate: the index of its block in its document, and its source.
pub type DiagramSource<'a> = (usize, &'a str);

/// Drawing each diagram into the cache as it is validated, from the same parse
/// ([`MermaidEngine::validate_and_render`]), named as its page will name it; counts what it
/// drew and what drawing cost, by diagram type ([`DrawAhead::cost_by_type`]).
#[derive(Debug, Default)]
pub struct DrawAhead {
    /// What the diagrams drawn cost, by type.
    by_type: Mutex<BTreeMap<DiagramKind, TypeCost>>,
}

/// What the diagrams of one type cost to validate and draw.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TypeCost {
    /// Diagrams drawn.
    pub drawn: usize,
    /// Time spent validating and drawing them (from the start of the parse to the finished
    /// SVG, not storing it), summed over the threads.
    pub time: Duration,
}

impl DrawAhead {
    /// Diagrams drawn so far.
    pub fn drawn(&self) -> usize {
        self.costs().values().map(|cost| cost.drawn).sum()
    }

    /// What the diagrams drawn so far cost, by type, the costliest type first. Only the
    /// diagrams drawn here count: not those the pages draw (when a drawing failed, or the
    /// cache could not take it), nor those only validated.
    pub fn cost_by_type(&self) -> Vec<(DiagramKind, TypeCost)> {
        let mut costs: Vec<_> = self.costs().iter().map(|(k, c)| (*k, *c)).collect();
        costs.sort_by(|a, b| b.1.time.cmp(&a.1.time).then(a.0.cmp(&b.0)));
        costs
    }

    fn costs(&self) -> std::sync::MutexGuard<'_, BTreeMap<DiagramKind, TypeCost>> {
        // The map is only ever added to, so what a panicking thread left is still right.
        self.by_type.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Validates `code` and draws it into `cache`, unless the cache holds its drawing already,
    /// the drawing cannot be cached, or the cache cannot be written (the pages draw then). A
    /// drawing that fails is left for the page, which reports it.
    fn validate(&self, engine: &MermaidEngine, cache: &DiskCache, code: &str) -> CheckResult {
        if cache.write_failed() {
            return engine.validate(code);
        }
        let mut target = None;
        let started = Instant::now();
        let (result, drawn) = engine.validate_and_render(code, |title, description| {
            let key = Key {
                source: code,
                title: Some(title),
                description,
            };
            let slot = key.slot().filter(|slot| !cache.has(&slot.hash))?;
            let prefix = slot.prefix.clone();
            target = Some(slot);
            Some(prefix)
        });
        let time = started.elapsed();
        if let (Ok(info), Some(slot), Some(Ok(svg))) = (&result, target, drawn)
            && cache.put(&slot.hash, &svg)
        {
            let mut costs = self.costs();
            let cost = costs.entry(info.kind).or_default();
            cost.drawn += 1;
            cost.time += time;
        }
        result
    }
}

/// Validates every diagram of every document; `result[d]` lists document `d`'s diagrams in
/// the order given. With a cache and `ahead`, each diagram validated is also drawn into the
/// cache. Also gives the time spent on the diagrams, summed over the threads.
pub fn check_all(
    engine: &MermaidEngine,
    cache: Option<&DiskCache>,
    ahead: Option<&DrawAhead>,
    docs: &[Vec<DiagramSource<'_>>],
) -> (Vec<Vec<DiagramCheck>>, Duration) {
    let work: Vec<(usize, DiagramSource<'_>)> = docs
        .iter()
        .enumerate()
        .flat_map(|(d, diagrams)| diagrams.iter().map(move |&diagram| (d, diagram)))
        .collect();
    let busy_nanos = AtomicU64::new(0);
    let results: Vec<(usize, DiagramCheck)> = work
        .par_iter()
        // One diagram a job, so a thread that runs out of work takes the next diagram (see
        // `ONE_BLOCK_A_JOB` in `crate::syntax`).
        .with_max_len(crate::syntax::ONE_BLOCK_A_JOB)
        .map(|&(d, (block, code))| {
            let started = Instant::now();
            let result = validate(engine, cache, ahead, code);
            let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
            busy_nanos.fetch_add(nanos, Ordering::Relaxed);
            (d, DiagramCheck { block, result })
        })
        .collect();
    let mut by_doc = vec![Vec::new(); docs.len()];
    for (d, check) in results {
        by_doc[d].push(check);
    }
    (by_doc, Duration::from_nanos(busy_nanos.into_inner()))
}

fn validate(
    engine: &MermaidEngine,
    cache: Option<&DiskCache>,
    ahead: Option<&DrawAhead>,
    code: &str,
) -> CheckResult {
    let Some(cache) = cache else {
        return engine.validate(code);
    };
    let hash = check_hash(code);
    cache.get_check(&hash).unwrap_or_else(|| {
        let result = match ahead {
            Some(ahead) => ahead.validate(engine, cache, code),
            None => engine.validate(code),
        };
        cache.put_check(&hash, &result);
        result
    })
}

/// The check of the block at `block` (an index among its document's code blocks).
pub fn find(checks: &[DiagramCheck], block: usize) -> Option<&DiagramCheck> {
    checks
        .binary_search_by_key(&block, |c| c.block)
        .ok()
        .and_then(|i| checks.get(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_diagram_of_every_document_is_checked_in_order() {
        let docs = [
            vec![(0, "graph TD\n A-->B\n"), (2, "graf TD\n")],
            Vec::new(),
        ];
        let (checks, _) = check_all(&MermaidEngine::new(), None, None, &docs);
        assert_eq!(checks.len(), 2);
        let blocks: Vec<usize> = checks[0].iter().map(|c| c.block).collect();
        assert_eq!(blocks, [0, 2]);
        assert!(checks[0][0].result.is_ok());
        assert!(checks[0][1].result.is_err());
        assert!(checks[1].is_empty());
        assert_eq!(find(&checks[0], 2).map(|c| c.block), Some(2));
        assert!(find(&checks[0], 1).is_none());
    }

    #[test]
    fn the_cost_of_the_diagrams_drawn_is_counted_by_type() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = DiskCache::new(dir.path());
        let ahead = DrawAhead::default();
        let docs = [vec![
            (0, "graph TD\n A-->B\n"),
            (1, "sequenceDiagram\n A->>B: hi\n"),
            (2, "flowchart LR\n C-->D\n"),
            (3, "graf TD\n"),
        ]];
        check_all(&MermaidEngine::new(), Some(&cache), Some(&ahead), &docs);
        let costs = ahead.cost_by_type();
        let drawn: BTreeMap<_, _> = costs.iter().map(|(kind, c)| (*kind, c.drawn)).collect();
        assert_eq!(
            drawn,
            BTreeMap::from([(DiagramKind::Flowchart, 2), (DiagramKind::Sequence, 1)]),
            "the invalid diagram is not drawn"
        );
        assert_eq!(ahead.drawn(), 3);
        assert!(costs.iter().all(|(_, c)| c.time > Duration::ZERO));
        // A second check of the same diagrams finds them validated: nothing more is counted.
        check_all(&MermaidEngine::new(), Some(&cache), Some(&ahead), &docs);
        assert_eq!(ahead.cost_by_type(), costs);
    }
}
