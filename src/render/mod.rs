//! Rendering: the parsed course in, the site's files out (pages, sitemap, assets).
//!
//! Templates ([`Theme`]) and grammars ([`Highlighter`]) are loaded once by the caller and
//! passed in as [`Tools`]. Each page gets a typed view ([`view`]); episode pages render in
//! parallel. Nothing here touches the disk: each file goes to a [`Sink`] as soon as it is made
//! (for a build, [`crate::output`] writes it), so the site is never held in memory whole.
//!
//! The course's files that pages link to (images, downloads) are copied once each, under
//! `files/` ([`local_files`]).
//!
//! Other features plug in through [`RenderOptions`]: a [`DiagramRenderer`] draws Mermaid
//! blocks, a coverage matrix becomes `coverage.html`, and [`ExtraPage`]s are published with the site's frame
//! and linked from the header.

mod body_slot;
pub(crate) mod code_files;
pub mod diagram_css;
pub mod diagrams;
pub mod feeds;
pub(crate) mod limits;
pub(crate) mod local_files;
mod nav;
pub mod on_demand;
pub mod pages;
mod print;
mod print_anchors;
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

/// Where rendered files go as soon as they are made (the output folder being written, for a
/// build); called from many threads at once.
pub type Sink<'a> = &'a (dyn Fn(&OutputFile) -> anyhow::Result<()> + Sync);

/// An episode page written: its path, its findings, and the paths of its code files' copies.
type EpisodeDone = (String, Vec<Diagnostic>, Vec<String>);

/// Sends the copies of an episode's code files to `sink`; one that cannot be written is a
/// `code-copy` finding in `diagnostics`, not a failed build. The paths written, in order.
pub(crate) fn copy_code(
    copies: &[(OutputFile, String)],
    sink: Sink<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut written = Vec::with_capacity(copies.len());
    for (file, source) in copies {
        match sink(file) {
            Ok(()) => written.push(file.path.clone()),
            Err(error) => diagnostics.push(code_files::not_written(source, &file.path, &error)),
        }
    }
    written
}

/// What rendering the site found; the files themselves went to the [`Sink`].
#[derive(Debug, Default)]
pub struct Rendered {
    /// Problems found while rendering.
    pub diagnostics: Vec<Diagnostic>,
    /// Episodes published.
    pub episodes: usize,
    /// HTML pages written.
    pub pages: usize,
}

/// Episodes rendered together before memory is handed back.
const PAGE_CHUNK: usize = 64;

/// Renders the published episodes' pages into `sink` and, when the site has search, builds
/// the `search/` files from the same parse of each page. The pages render a chunk at a time,
/// in parallel; each page's job counts its search terms and hands them to the index, which
/// merges the episodes in order as they come ([`search::in_order`]), so the index is built
/// while the pages render and no more than a chunk's sections wait for an earlier page.
/// Gives each page written and the index, every episode merged, for its final scoring.
fn episode_pages<'s>(
    site: &pages::Site<'_, '_>,
    tools: Tools<'_>,
    options: &RenderOptions<'_>,
    print: &print::Pending,
    sink: Sink<'s>,
) -> anyhow::Result<(Vec<EpisodeDone>, Option<search::in_order::InOrder<'s>>)> {
    let index = site
        .course()
        .config
        .site
        .search
        .then(|| search::in_order::InOrder::new(sink));
    // One page: rendered, written, its code copied, handed to its print page and the index.
    let page = |place: usize, episode: usize| -> anyhow::Result<EpisodeDone> {
        let page = pages::episode(site, tools, options, episode);
        if let Some(progress) = options.progress {
            progress();
        }
        let mut page = page?;
        sink(&page.file)?;
        let copied = copy_code(&page.code, sink, &mut page.diagnostics);
        print.add(site, tools, episode, page.body, page.assets, sink);
        if let (Some(index), Some(search)) = (&index, page.search) {
            index.add(place, search);
        }
        Ok((page.file.path, page.diagnostics, copied))
    };
    let mut done = Vec::with_capacity(site.published.len());
    for (chunk_number, chunk) in site.published.chunks(PAGE_CHUNK).enumerate() {
        let first = chunk_number * PAGE_CHUNK;
        // Handed out in course order as threads come free (rather than split in halves), so
        // the index merges each page soon after it is done, not half a chunk at the end.
        let mut rendered = chunk
            .iter()
            .enumerate()
            .par_bridge()
            .map(|(offset, &episode)| (offset, page(first + offset, episode)))
            .collect::<Vec<_>>();
        // In course order, so that a failure reported is the first page's, on every run.
        rendered.sort_unstable_by_key(|(offset, _)| *offset);
        for (_, page) in rendered {
            done.push(page?);
        }
        if let Some(failure) = index
            .as_ref()
            .and_then(search::in_order::InOrder::take_failure)
        {
            return Err(failure);
        }
        crate::memory::give_back();
    }
    Ok((done, index))
}

/// Renders the whole site into `sink`, each file as soon as it is made, so that no more than
/// the pages in progress are held in memory. `Err` when a template fails or a file cannot be
/// written.
///
/// A series' print page holds the bodies of its episodes: they are kept only until the last
/// episode of the series is rendered, then the print page is made and they are dropped.
pub fn render(
    parsed: &Parsed<'_>,
    tools: Tools<'_>,
    options: &RenderOptions<'_>,
    sink: Sink<'_>,
) -> anyhow::Result<Rendered> {
    let site = pages::Site::new(parsed, options);
    let print = print::Pending::new(&site);
    let (episode_pages, index) = episode_pages(&site, tools, options, &print, sink)?;
    let mut rendered = Rendered::default();
    let mut paths = Vec::with_capacity(episode_pages.len() + site.published.len() / 4);
    let mut code_paths = Vec::new();
    for (path, diagnostics, copied) in episode_pages {
        paths.push(path);
        rendered.diagnostics.extend(diagnostics);
        code_paths.extend(copied);
    }
    rendered.episodes = site.published.len();
    // The index's final scoring runs beside the other pages: neither reads the other.
    let (search_paths, others) = rayon::join(
        || index.map_or_else(|| Ok(Vec::new()), search::in_order::InOrder::finish),
        || {
            other_pages(
                &site,
                tools,
                options,
                print,
                sink,
                &mut paths,
                &mut rendered.diagnostics,
            )
        },
    );
    rendered.pages = others?;
    paths.extend(search_paths?);
    paths.extend(code_paths);
    let (copied, findings) = local_files::copy_all(site.files(), &site.linked_files(), sink);
    paths.extend(copied);
    rendered.diagnostics.extend(findings);
    let (assets, collisions) = pages::assets(&site, tools, &paths);
    for file in &assets {
        sink(file)?;
    }
    rendered.diagnostics.extend(collisions);
    Ok(rendered)
}

/// Renders every page but the episodes' (listings, notes, print pages, coverage, extra pages,
/// sitemap and feeds) into `sink`, adding their paths to `paths` and their findings to
/// `diagnostics`. Gives the number of HTML pages in `paths` (the episodes' included), counted
/// before the sitemap and feeds.
fn other_pages(
    site: &pages::Site<'_, '_>,
    tools: Tools<'_>,
    options: &RenderOptions<'_>,
    print: print::Pending,
    sink: Sink<'_>,
    paths: &mut Vec<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> anyhow::Result<usize> {
    let publish = |file: OutputFile, paths: &mut Vec<String>| {
        sink(&file)?;
        paths.push(file.path);
        anyhow::Ok(())
    };
    let intro_findings = pages::listings(site, tools, options, &mut |file| publish(file, paths))?;
    diagnostics.extend(intro_findings);
    let notes: Vec<anyhow::Result<(OutputFile, Vec<Diagnostic>)>> = (0..site.course().notes.len())
        .into_par_iter()
        .filter(|&i| site.publishes_note(i))
        .map(|i| pages::note(site, tools, options, i))
        .collect();
    for note in notes {
        let (file, found) = note?;
        publish(file, paths)?;
        diagnostics.extend(found);
    }
    paths.extend(print.finish()?);
    if let Some(matrix) = site.coverage(options) {
        publish(pages::coverage(site, tools, matrix)?, paths)?;
    }
    for extra in options.extra_pages {
        publish(pages::extra(site, tools, extra)?, paths)?;
    }
    let pages = paths.len();
    if site.course().config.has_absolute_base_url() {
        publish(pages::sitemap(site, tools)?, paths)?;
        if site.course().config.site.feeds {
            for file in feeds::files(site, tools)? {
                publish(file, paths)?;
            }
        }
    } else {
        diagnostics.extend(pages::relative_base_url(site));
    }
    Ok(pages)
}

/// The whole site rendered into memory, sorted by path (for tests that read what a build
/// would write).
#[cfg(test)]
pub(crate) fn render_to_memory(
    parsed: &Parsed<'_>,
    tools: Tools<'_>,
    options: &RenderOptions<'_>,
) -> Vec<OutputFile> {
    let out = std::sync::Mutex::new(Vec::new());
    let sink = |file: &OutputFile| {
        out.lock().expect("lock").push(file.clone());
        anyhow::Ok(())
    };
    render(parsed, tools, options, &sink).expect("render");
    let mut files = out.into_inner().expect("lock");
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

#[cfg(test)]
#[path = "search_pipeline_tests.rs"]
mod search_pipeline_tests;
