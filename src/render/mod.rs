//! Rendering: the parsed course in, the site's files out (pages, sitemap, assets).
//!
//! Templates ([`Theme`]) and grammars ([`Highlighter`]) are loaded once by the caller and
//! passed in as [`Tools`]. Each page gets a typed view ([`view`]); episode pages render in
//! parallel. Nothing here touches the disk: [`crate::output`] writes what this returns.
//!
//! Other features plug in through [`RenderOptions`]: a [`DiagramRenderer`] draws Mermaid
//! blocks, a coverage matrix becomes `coverage.html`, and [`ExtraPage`]s are published with the site's frame
//! and linked from the header.

pub mod diagram_css;
pub mod diagrams;
pub mod feeds;
pub(crate) mod limits;
pub mod on_demand;
pub mod pages;
pub(crate) mod search;
pub(crate) mod template_graph;
pub(crate) mod template_scan;
pub mod theme;
pub mod view;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::enhance::coverage::CoverageMatrix;
use crate::highlight::Highlighter;
pub use crate::markdown::html::DiagramRenderer;
use crate::output::OutputFile;
use crate::pipeline::Parsed;
pub use theme::Theme;

/// What is loaded once per build and shared by every page.
#[derive(Debug, Clone, Copy)]
pub struct Tools<'a> {
    /// Templates and assets.
    pub theme: &'a Theme,
    /// Grammars.
    pub highlighter: &'a Highlighter,
}

/// A page made outside the renderer, published in the site's frame.
#[derive(Debug, Clone)]
pub struct ExtraPage {
    /// Path from the site root, e.g. `coverage.html`.
    pub path: String,
    /// Title and heading.
    pub title: String,
    /// Body HTML (trusted: inserted as is).
    pub body: String,
    /// Whether the site header links to it.
    pub in_header: bool,
}

/// How to render.
#[derive(Clone, Copy, Default)]
pub struct RenderOptions<'a> {
    /// Include episodes marked as drafts.
    pub drafts: bool,
    /// Draws diagrams; `None` shows them as source.
    pub diagrams: Option<&'a dyn DiagramRenderer>,
    /// Further pages to publish.
    pub extra_pages: &'a [ExtraPage],
    /// Recommendation verdicts, published as `coverage.html` when there are any.
    pub coverage: Option<&'a CoverageMatrix>,
    /// Called once per episode page rendered (for a progress bar).
    pub progress: Option<&'a (dyn Fn() + Sync)>,
}

/// The rendered site.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Every file of the site, sorted by path.
    pub files: Vec<OutputFile>,
    /// Problems found while rendering.
    pub diagnostics: Vec<Diagnostic>,
    /// Episodes published.
    pub episodes: usize,
    /// HTML pages written.
    pub pages: usize,
}

/// Renders the whole site. `Err` when a template fails.
pub fn render(
    parsed: &Parsed<'_>,
    tools: Tools<'_>,
    options: &RenderOptions<'_>,
) -> anyhow::Result<Rendered> {
    let site = pages::Site::new(parsed, options);
    let episode_pages: Vec<anyhow::Result<pages::RenderedEpisode>> = site
        .published
        .par_iter()
        .map(|&index| {
            let page = pages::episode(&site, tools, options, index);
            if let Some(progress) = options.progress {
                progress();
            }
            page
        })
        .collect();
    let mut rendered = Rendered::default();
    let episode_pages = episode_pages
        .into_iter()
        .collect::<anyhow::Result<Vec<pages::RenderedEpisode>>>()?;
    let bodies: std::collections::HashMap<&str, &str> = episode_pages
        .iter()
        .map(|e| (e.file.path.as_str(), e.body.as_str()))
        .collect();
    let print_pages = pages::print_pages(&site, tools, &bodies)?;
    drop(bodies);
    for page in episode_pages {
        rendered.files.push(page.file);
        rendered.diagnostics.extend(page.diagnostics);
    }
    rendered.episodes = rendered.files.len();
    let (listings, intro_findings) = pages::listings(&site, tools, options)?;
    rendered.files.extend(listings);
    rendered.diagnostics.extend(intro_findings);
    rendered.files.extend(print_pages);
    if let Some(matrix) = site.coverage(options) {
        rendered.files.push(pages::coverage(&site, tools, matrix)?);
    }
    for extra in options.extra_pages {
        rendered.files.push(pages::extra(&site, tools, extra)?);
    }
    rendered.pages = rendered.files.len();
    if site.course().config.site.search {
        rendered.files.extend(search::files(&site));
    }
    if site.course().config.has_absolute_base_url() {
        rendered.files.push(pages::sitemap(&site, tools)?);
        if site.course().config.site.feeds {
            rendered.files.extend(feeds::files(&site, tools)?);
        }
    } else {
        rendered.diagnostics.extend(pages::relative_base_url(&site));
    }
    let (assets, collisions) = pages::assets(&site, tools, &rendered.files);
    rendered.files.extend(assets);
    rendered.diagnostics.extend(collisions);
    rendered.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(rendered)
}
