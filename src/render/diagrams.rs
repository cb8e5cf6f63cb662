//! The build's [`DiagramRenderer`]: one Mermaid engine, the disk cache, and counts for
//! `--verbose`. It lives here, above both `markdown` (which defines what a renderer is) and
//! `mermaid` (which draws), so neither of those depends on the other's users.
//!
//! Every diagram is rendered with its cache [`placeholder`](crate::mermaid::cache::placeholder) as the id prefix, then the page's
//! diagram id is substituted, so a cached entry and a fresh rendering give the same bytes.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use crate::markdown::html::{DiagramRenderer, DiagramRequest};
use crate::mermaid::cache::{DiskCache, Key};
use crate::mermaid::{MermaidEngine, RenderOptions};

/// What the renderer did during a build.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Diagrams drawn by the engine.
    pub rendered: usize,
    /// Diagrams taken from the cache as an earlier build (or another process) left it; not
    /// those this process drew ahead of their page and read back.
    pub cached: usize,
    /// Diagrams that could not be drawn.
    pub failed: usize,
    /// Time spent in diagrams (engine and cache), summed over threads, in microseconds.
    pub busy_micros: u64,
}

/// Renders diagrams for the site, through the cache when there is one.
#[derive(Debug)]
pub struct SiteRenderer<'e> {
    engine: &'e MermaidEngine,
    cache: Option<&'e DiskCache>,
    rendered: AtomicUsize,
    cached: AtomicUsize,
    failed: AtomicUsize,
    busy_micros: AtomicU64,
}

impl<'e> SiteRenderer<'e> {
    /// A renderer; `cache` is `None` to always render.
    pub fn new(engine: &'e MermaidEngine, cache: Option<&'e DiskCache>) -> Self {
        Self {
            engine,
            cache,
            rendered: AtomicUsize::new(0),
            cached: AtomicUsize::new(0),
            failed: AtomicUsize::new(0),
            busy_micros: AtomicU64::new(0),
        }
    }

    /// The counts so far.
    pub fn stats(&self) -> Stats {
        Stats {
            rendered: self.rendered.load(Ordering::Relaxed),
            cached: self.cached.load(Ordering::Relaxed),
            failed: self.failed.load(Ordering::Relaxed),
            busy_micros: self.busy_micros.load(Ordering::Relaxed),
        }
    }

    /// The cache, if any.
    pub fn cache(&self) -> Option<&DiskCache> {
        self.cache
    }

    fn draw(&self, request: &DiagramRequest<'_>) -> Result<String, String> {
        let key = Key {
            source: request.source,
            title: request.title,
            description: request.description,
        };
        let page_id = merman::svg::sanitize_svg_id(request.diagram_id);
        let slot = self.cache.and_then(|cache| Some((cache, key.slot()?)));
        if let Some((cache, slot)) = &slot
            && let Some(svg) = cache.get(&slot.hash)
        {
            if !cache.stored_here(&slot.hash) {
                self.cached.fetch_add(1, Ordering::Relaxed);
            }
            return Ok(svg.replace(&slot.prefix, &page_id));
        }
        let options = RenderOptions {
            diagram_id: slot.as_ref().map_or(&page_id, |(_, slot)| &slot.prefix),
            title: request.title,
            description: request.description,
        };
        match self.engine.render(request.source, &options) {
            Ok(svg) => {
                self.rendered.fetch_add(1, Ordering::Relaxed);
                Ok(match &slot {
                    Some((cache, slot)) => {
                        // Best effort: a cache that cannot be written only costs the saving.
                        let _stored = cache.put(&slot.hash, &svg);
                        svg.replace(&slot.prefix, &page_id)
                    }
                    None => svg,
                })
            }
            Err(error) => {
                self.failed.fetch_add(1, Ordering::Relaxed);
                Err(error.to_string())
            }
        }
    }
}

impl DiagramRenderer for SiteRenderer<'_> {
    fn render_svg(&self, request: &DiagramRequest<'_>) -> Result<String, String> {
        let started = Instant::now();
        let result = self.draw(request);
        let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
        self.busy_micros.fetch_add(micros, Ordering::Relaxed);
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCES: &[&str] = &[
        "flowchart TD\n    subgraph Edge [\"Edge PoPs\"]\n        A[Load balancer] --> B{Healthy?}\n    end\n    B -->|yes| C[(Database)]\n",
        "sequenceDiagram\n    participant A as Alice\n    A->>Bob: Hello\n    Note right of Bob: thinks\n",
        "classDiagram\n    Animal <|-- Dog : inherits\n",
        "stateDiagram-v2\n    [*] --> Idle\n    Idle --> Running : start\n",
        "pie title Pets\n    \"Dogs\" : 386\n    \"Cats\" : 85\n",
    ];

    fn request<'a>(source: &'a str, id: &'a str) -> DiagramRequest<'a> {
        DiagramRequest {
            source,
            diagram_id: id,
            title: Some("Heading"),
            description: None,
        }
    }

    #[test]
    fn placeholder_substitution_gives_the_bytes_of_a_direct_rendering() {
        let engine = MermaidEngine::new();
        let site = SiteRenderer::new(&engine, None);
        for source in SOURCES {
            let direct = engine.render(
                source,
                &RenderOptions {
                    diagram_id: "page-d3",
                    title: Some("Heading"),
                    description: None,
                },
            );
            assert_eq!(
                site.render_svg(&request(source, "page-d3")).ok(),
                direct.ok(),
                "{source}"
            );
        }
    }

    #[test]
    fn a_drawing_read_back_by_the_process_that_stored_it_is_not_counted_as_cached() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let engine = MermaidEngine::new();
        let cache = DiskCache::new(dir.path());
        let site = SiteRenderer::new(&engine, Some(&cache));
        let first = site.render_svg(&request(SOURCES[1], "p-d1"));
        let again = site.render_svg(&request(SOURCES[1], "p-d2"));
        assert!(first.is_ok() && again.is_ok());
        assert_eq!((site.stats().rendered, site.stats().cached), (1, 0));
    }

    #[test]
    fn a_second_rendering_comes_from_the_cache_with_the_new_id() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let engine = MermaidEngine::new();
        let cache_a = DiskCache::new(dir.path());
        let first = SiteRenderer::new(&engine, Some(&cache_a));
        let cold = first.render_svg(&request(SOURCES[0], "a-d1"));
        assert_eq!(first.stats().rendered, 1);
        // The next build reads what the first sealed.
        cache_a.seal();
        let cache_b = DiskCache::new(dir.path());
        let second = SiteRenderer::new(&engine, Some(&cache_b));
        let warm = second.render_svg(&request(SOURCES[0], "b-d2"));
        assert_eq!((second.stats().cached, second.stats().rendered), (1, 0));
        let warm = warm.unwrap_or_default();
        assert_eq!(
            cold.map(|s| s.replace("a-d1", "b-d2")).ok(),
            Some(warm.clone())
        );
        assert!(
            warm.starts_with("<svg id=\"b-d2\""),
            "{}",
            &warm[..60.min(warm.len())]
        );
    }
}
