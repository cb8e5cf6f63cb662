//! One function per kind of page: builds its view and renders its template.

use std::collections::HashMap;

use anyhow::Context as _;
use serde::Serialize;

use crate::course::links::{LinkSource, LinkTargets, Resolved};
use crate::course::local_files::CourseFiles;
use crate::course::{Course, Episode};
use crate::diagnostic::{Diagnostic, RuleId};
use crate::enhance::coverage::CoverageMatrix;
use crate::highlight::Highlighter;
use crate::markdown::html::{self, BlockAssets, HtmlOptions};
use crate::names::fold_case;
use crate::output::OutputFile;
use crate::pipeline::Parsed;
use crate::render::search::{self, index::IndexedEpisode};
use crate::render::view::{
    ContentRowView, ContentTable, CoverageGroup, CoveragePage, CoverageRow, EpisodeCard,
    EpisodeHeader, EpisodePage, Field, Frame, GateColumn, HomePage, LinkView, PlainPage,
    PrintEpisode, PrintPage, SeriesPage, SeriesView, SiteView, Sitemap, TocEntry,
};
use crate::render::{ExtraPage, RenderOptions, Tools, body_slot, code_files, local_files};

/// Where the coverage page is published.
pub const COVERAGE_PATH: &str = "coverage.html";

/// Whether the coverage page is published: `[site] coverage = true` and at least one
/// recommendation or content gate to show. It is for editors, so readers' sites leave it out
/// by default.
fn has_coverage(course: &Course, options: &RenderOptions<'_>) -> bool {
    course.config.site.coverage
        && options.coverage.is_some_and(|m| {
            m.rows.iter().any(|r| !r.cells.is_empty()) || !m.content.gates.is_empty()
        })
}

/// The course as published: what every page shares.
#[derive(Debug)]
pub struct Site<'p, 'a> {
    parsed: &'p Parsed<'a>,
    /// Indices into [`Course::episodes`] of the episodes published, in order.
    pub published: Vec<usize>,
    /// Indices into [`Course::notes`] of the notes published (those of published episodes).
    published_notes: Vec<usize>,
    view: SiteView,
    series: Vec<SeriesView>,
    /// For each series of the course, its index in `series` (None when it has no episodes).
    series_index: Vec<Option<usize>>,
    /// Every page and anchor, for rewriting links between episodes.
    links: LinkTargets<'p>,
    /// The course's files, for rewriting links to images and downloads.
    files: CourseFiles,
    /// The sidebar items shared by pages at the same depth.
    nav: super::nav::NavCache,
}

impl<'p, 'a> Site<'p, 'a> {
    /// Chooses the published episodes and builds the shared views.
    pub fn new(parsed: &'p Parsed<'a>, options: &RenderOptions<'_>) -> Self {
        let course = &parsed.course;
        let published = course.published_episodes(options.drafts);
        let mut series = Vec::new();
        let mut series_index = vec![None; course.series.len()];
        for (index, s) in course.series.iter().enumerate() {
            let episodes: Vec<EpisodeCard> = published
                .iter()
                .map(|&i| &course.episodes[i])
                .filter(|e| e.series == index)
                .map(card)
                .collect();
            if episodes.is_empty() {
                continue;
            }
            series_index[index] = Some(series.len());
            series.push(SeriesView {
                name: s.name.clone(),
                slug: s.slug.clone(),
                url: format!("{}/index.html", s.slug),
                description: s.description.clone(),
                episodes,
            });
        }
        let config = &course.config;
        let view = SiteView {
            title: config.title.clone(),
            description: config.description.clone(),
            language: config.language.clone(),
            authors: config.authors.clone(),
            links: options
                .extra_pages
                .iter()
                .filter(|p| p.in_header)
                .map(|p| LinkView {
                    title: p.title.clone(),
                    url: p.path.clone(),
                })
                .chain(has_coverage(course, options).then(|| LinkView {
                    title: "Coverage".to_owned(),
                    url: COVERAGE_PATH.to_owned(),
                }))
                .collect(),
            episode_count: published.len(),
            repository: config.site.repository.clone(),
            search: config.site.search,
        };
        Self {
            parsed,
            published_notes: course.published_notes(&published),
            published,
            view,
            series,
            series_index,
            links: crate::check::links::link_targets(parsed),
            files: CourseFiles::new(&course.config),
            nav: super::nav::NavCache::default(),
        }
    }

    /// Whether the note at `index` (in [`Course::notes`]) is published: its episode is.
    pub(crate) fn publishes_note(&self, index: usize) -> bool {
        self.published_notes.binary_search(&index).is_ok()
    }

    /// The course's files that pages may link to.
    pub(crate) fn files(&self) -> &CourseFiles {
        &self.files
    }

    /// The `href` (or `src`) that `dest`, written in the Markdown file at the course-relative
    /// `source` and resolved to `resolved`, gets on a page `root` below the site root: the
    /// page it leads to, or the copy of the course's file it names; `None` keeps it as
    /// written.
    fn href(&self, resolved: Resolved, source: &str, dest: &str, root: &str) -> Option<String> {
        relative_href(resolved, dest, root)
            .or_else(|| local_files::href(&self.files, source, dest, root))
    }

    /// The course-relative path of every file of the course that a published page links to
    /// (episodes, notes, series introductions), each once.
    pub(crate) fn linked_files(&self) -> std::collections::BTreeSet<String> {
        let course = self.course();
        let docs = &self.parsed.docs;
        let mut found = std::collections::BTreeSet::new();
        for &i in &self.published {
            let doc = docs[course.episodes[i].file];
            local_files::add_linked(&mut found, &self.files, doc, |dest| {
                self.links.resolve(i, dest)
            });
        }
        let notes = course
            .notes
            .iter()
            .enumerate()
            .filter(|(i, _)| self.publishes_note(*i))
            .map(|(_, note)| (note.file, note.url.clone()));
        let intros = course
            .series
            .iter()
            .enumerate()
            .filter(|(i, _)| course.shows_series(&self.published, *i))
            .filter_map(|(_, s)| Some((s.intro?, crate::course::paths::series_page(&s.slug))));
        for (file, url) in notes.chain(intros) {
            let doc = docs[file];
            let source = LinkSource {
                path: &doc.source.rel_path,
                url: &url,
                episode: None,
                doc,
            };
            local_files::add_linked(&mut found, &self.files, doc, |dest| {
                self.links.resolve_from(source, dest)
            });
        }
        found
    }

    /// How many series are published (those with at least one published episode).
    pub(crate) fn series_count(&self) -> usize {
        self.series.len()
    }

    /// How many episodes the `i`-th published series has.
    pub(crate) fn series_len(&self, i: usize) -> usize {
        self.series[i].episodes.len()
    }

    /// The published series the episode at `index` (in [`Course::episodes`]) belongs to.
    pub(crate) fn series_of(&self, index: usize) -> Option<usize> {
        let series = self.course().episodes.get(index)?.series;
        self.series_index.get(series).copied().flatten()
    }

    /// The course being published.
    pub(crate) fn course(&self) -> &Course {
        self.parsed.course
    }

    /// The parsed course.
    pub(crate) fn parsed(&self) -> &Parsed<'a> {
        self.parsed
    }

    /// The coverage matrix to publish, if there is one with at least one recommendation.
    pub fn coverage<'o>(&self, options: &RenderOptions<'o>) -> Option<&'o CoverageMatrix> {
        options
            .coverage
            .filter(|_| has_coverage(self.course(), options))
    }

    /// The frame of a page at `path`; `current` is the series the page belongs to.
    fn frame(
        &self,
        tools: Tools<'_>,
        path: &str,
        title: String,
        current: Option<usize>,
    ) -> anyhow::Result<Frame<'_>> {
        self.frame_at(
            tools,
            path,
            "../".repeat(path.matches('/').count()),
            title,
            current,
        )
    }

    /// [`Self::frame`] with its links made from `root` rather than from the page's depth.
    fn frame_at(
        &self,
        tools: Tools<'_>,
        path: &str,
        root: String,
        title: String,
        current: Option<usize>,
    ) -> anyhow::Result<Frame<'_>> {
        let nav = self.nav.items(tools, &self.series, &root, path, current)?;
        let config = &self.course().config;
        let absolute = config.has_absolute_base_url();
        let base = &config.base_url;
        Ok(Frame {
            site: &self.view,
            root,
            path: path.to_owned(),
            title,
            description: self.view.description.clone(),
            nav,
            canonical: absolute.then(|| match path {
                "index.html" => base.clone(),
                path => format!("{base}{path}"),
            }),
            root_is_absolute: false,
            feeds: if absolute && config.site.feeds {
                super::feeds::links(
                    current.map(|i| (self.series[i].slug.as_str(), self.series[i].name.as_str())),
                )
            } else {
                Vec::new()
            },
            kind: "website",
            inline_css: None,
            inline_js: None,
            inline_icon: None,
            interactive: BlockAssets::default(),
        })
    }

    /// The course-relative source of the page at `path` (an episode file, the first file of a
    /// series for its page), or the page's own path for the pages every site has.
    fn page_source(&self, path: &str) -> String {
        let loaded = self.parsed.loaded;
        let course = self.course();
        if let Some(episode) = course.episodes.iter().find(|e| e.url == path) {
            return loaded.episodes[episode.file].source.rel_path.clone();
        }
        course
            .series
            .iter()
            .find(|s| crate::course::paths::series_page(&s.slug) == path)
            .and_then(|s| loaded.episodes.iter().find(|e| e.series_dir == s.dir))
            .map_or_else(|| path.to_owned(), |e| e.source.rel_path.clone())
    }

    /// The course-relative file a theme asset comes from (`templates/assets/logo.png`), or
    /// the built-in theme's name for it.
    fn asset_source(&self, path: &str) -> String {
        let config = &self.course().config;
        let file = config.templates_dir.join(path);
        if file.is_file() {
            crate::source::relative_path(&config.root, &file)
        } else {
            format!("{path} (built-in theme)")
        }
    }

    /// The anchor of the "Code" section of the episode whose page is at `url`, and the paths
    /// of its code files in path order; `None` for an episode without a bundle or without code.
    pub(crate) fn code_note(&self, url: &str) -> Option<(String, Vec<String>)> {
        let index = self.course().episodes.iter().position(|e| e.url == url)?;
        let plan = code_plan(self, index)?;
        let paths = plan.files.iter().map(|p| p.file.path.clone()).collect();
        Some((plan.section_id, paths))
    }

    fn page_title(&self, title: &str) -> String {
        format!("{title} · {}", self.view.title)
    }
}

/// An episode as the site lists it.
pub(crate) fn card(episode: &Episode) -> EpisodeCard {
    EpisodeCard {
        number: episode.id.number,
        title: episode.title.clone(),
        url: episode.url.clone(),
        duration: episode.meta.duration.clone(),
        difficulty: episode.meta.difficulty.clone(),
        summary: episode.meta.summary.clone(),
        draft: episode.meta.draft,
        no_script: episode.has_no_script(),
    }
}

/// Renders a template with a typed view. The error names the template and carries Tera's
/// whole chain.
pub(crate) fn render_template<V: Serialize>(
    tools: Tools<'_>,
    template: &str,
    path: &str,
    view: &V,
) -> anyhow::Result<OutputFile> {
    let context = tera::Context::from_serialize(view)
        .with_context(|| format!("cannot prepare the data for template {template}"))?;
    let bytes = tools
        .theme
        .render(template, &context)
        .with_context(|| failed_rendering(template, path))?;
    Ok(OutputFile {
        path: path.to_owned(),
        bytes,
    })
}

/// The context of every error of `template` while it renders the page at `path`.
fn failed_rendering(template: &str, path: &str) -> String {
    format!("template {template} failed while rendering {path}")
}

/// Renders `template` with `view`, whose bodies are placeholders ([`body_slot`]), and sets
/// `bodies` in their place. When the theme does not print bodies verbatim, or a placeholder
/// is not found once where it belongs, `set_bodies` puts the bodies into the view and it is
/// rendered with them.
fn render_with_bodies<V: Serialize>(
    tools: Tools<'_>,
    template: &str,
    path: &str,
    mut view: V,
    bodies: &[&str],
    set_bodies: impl FnOnce(&mut V),
) -> anyhow::Result<OutputFile> {
    if tools.theme.prints_bodies_verbatim() {
        let file = render_template(tools, template, path, &view)?;
        // The page limit holds for the page with its bodies, as when they go through Tera.
        match body_slot::splice(&file.bytes, bodies, super::limits::PAGE_BYTES_LIMIT) {
            body_slot::Spliced::Page(bytes) => {
                return Ok(OutputFile {
                    path: file.path,
                    bytes,
                });
            }
            body_slot::Spliced::TooLarge => {
                return Err(super::limits::page_too_large(template)
                    .context(failed_rendering(template, path)));
            }
            body_slot::Spliced::Misplaced => {}
        }
    }
    set_bodies(&mut view);
    render_template(tools, template, path, &view)
}

/// An episode page, the diagnostics its body produced, and the body (for the print page).
#[derive(Debug)]
pub struct RenderedEpisode {
    /// The page.
    pub file: OutputFile,
    /// Findings of the body.
    pub diagnostics: Vec<Diagnostic>,
    /// The body HTML.
    pub body: String,
    /// What the body needs of the interactive assets.
    pub(crate) assets: BlockAssets,
    /// The copies of its code files (bundle episodes), each with the course-relative file
    /// it copies: written beside the page ([`super::code_files`]).
    pub code: Vec<(OutputFile, String)>,
    /// What the search index reads of it (`None` when the site has no search).
    pub(crate) search: Option<IndexedEpisode>,
}

/// An episode page, with the diagnostics its body produced.
pub fn episode(
    site: &Site<'_, '_>,
    tools: Tools<'_>,
    options: &RenderOptions<'_>,
    index: usize,
) -> anyhow::Result<RenderedEpisode> {
    let episode = &site.course().episodes[index];
    let doc = &site.parsed.docs[episode.file];
    let skip = doc.title_events();
    let root = "../".repeat(episode.url.matches('/').count());
    let source = &doc.source.rel_path;
    let rewrite_link = |dest: &str| site.href(site.links.resolve(index, dest), source, dest, &root);
    // Parsed once for the page and its search sections.
    let events = doc.events();
    let search = site
        .course()
        .config
        .site
        .search
        .then(|| search::indexed_episode(site, index, &events));
    let body = html::render(
        doc,
        &events,
        &HtmlOptions {
            highlighter: tools.highlighter,
            diagrams: options.diagrams,
            diagram_checks: site
                .parsed
                .diagrams
                .get(episode.file)
                .copied()
                .unwrap_or_default(),
            metric_fences: site
                .parsed
                .fences
                .get(episode.file)
                .copied()
                .unwrap_or_default(),
            calculators: site
                .parsed
                .calculators
                .get(episode.file)
                .copied()
                .unwrap_or_default(),
            page_id: &page_id(&episode.url),
            skip: skip.clone(),
            rewrite_link: Some(&rewrite_link),
        },
    );
    let mut toc: Vec<TocEntry> = doc
        .headings
        .iter()
        .filter(|h| (2..=3).contains(&h.level) && !skip.contains(&h.event_index))
        .map(|h| TocEntry {
            level: h.level,
            id: h.id.clone(),
            text: h.text.clone(),
        })
        .collect();
    let mut diagnostics = body.diagnostics;
    let (code, copies) = match code_plan(site, index) {
        Some(plan) => {
            let (section, findings) = code_files::section(&plan, tools.highlighter);
            diagnostics.extend(plan.diagnostics.iter().cloned());
            diagnostics.extend(findings);
            if !toc.is_empty() {
                toc.push(TocEntry {
                    level: 2,
                    id: section.id.clone(),
                    text: "Code".to_owned(),
                });
            }
            (Some(section), code_files::copies(&plan))
        }
        None => (None, Vec::new()),
    };
    let current = site.series_index.get(episode.series).copied().flatten();
    let siblings = current.map_or(&[][..], |i| &site.series[i].episodes[..]);
    let position = siblings.iter().position(|c| c.url == episode.url);
    // The pager runs on across series, as the course is read: from the last episode of a
    // series to the first of the next, and back.
    let in_series = |p: Option<usize>| p.and_then(|p| siblings.get(p)).cloned().map(|c| (c, None));
    // The nearest series before or after this one that has episodes (an episode not listed
    // in its own series has no neighbours).
    let with_series = |series: &SeriesView, card: Option<&EpisodeCard>| {
        card.cloned().map(|c| (c, Some(series.name.clone())))
    };
    let listed = current.zip(position).map(|(i, _)| i);
    let before = listed.and_then(|i| {
        site.series[..i]
            .iter()
            .rev()
            .find_map(|series| with_series(series, series.episodes.last()))
    });
    let after = listed.and_then(|i| {
        site.series
            .get(i + 1..)
            .unwrap_or_default()
            .iter()
            .find_map(|series| with_series(series, series.episodes.first()))
    });
    let (prev, prev_series) = in_series(position.and_then(|p| p.checked_sub(1)))
        .or(before)
        .unzip();
    let (next, next_series) = in_series(position.map(|p| p + 1)).or(after).unzip();
    let (prev_series, next_series) = (prev_series.flatten(), next_series.flatten());
    let series = &site.course().series[episode.series];
    let slot = body_slot::placeholder(0);
    let mut page = site.frame(
        tools,
        &episode.url,
        site.page_title(&episode.title),
        current,
    )?;
    page.kind = "article";
    page.interactive = body.assets;
    if let Some(summary) = &episode.meta.summary {
        page.description = summary.clone();
    }
    let source_path = &site.parsed().loaded.episodes[episode.file].source.rel_path;
    let edit_url = site
        .course()
        .config
        .site
        .edit_url
        .as_ref()
        .map(|template| template.replace("{path}", source_path));
    let view = EpisodePage {
        page,
        series: LinkView {
            title: series.name.clone(),
            url: format!("{}/index.html", series.slug),
        },
        episode: header(episode, doc.title.as_ref().and_then(|t| t.subtitle.clone())),
        toc,
        body: &slot,
        prev,
        prev_series,
        next,
        next_series,
        edit_url,
        notes: site
            .course()
            .notes
            .iter()
            .filter(|n| n.episode_url == episode.url)
            .map(|n| LinkView {
                title: n.title.clone(),
                url: n.url.clone(),
            })
            .collect(),
        no_script: episode.has_no_script(),
        code,
    };
    let assets = view.page.interactive;
    let file = render_with_bodies(
        tools,
        "episode.html",
        &episode.url,
        view,
        &[&body.html],
        |v| {
            v.body = body.html.as_str();
        },
    )?;
    Ok(RenderedEpisode {
        file,
        diagnostics,
        body: body.html,
        assets,
        code: copies,
        search,
    })
}

/// The plan for the code files of the episode at `index` (in [`Course::episodes`]): `None`
/// unless it is a bundle with code. Its page, its copies and the search index read the same
/// plan, so the anchors they use agree.
pub(crate) fn code_plan<'s>(site: &'s Site<'_, '_>, index: usize) -> Option<code_files::Plan<'s>> {
    let episode = site.course().episodes.get(index)?;
    let bundle = site
        .parsed
        .loaded
        .episodes
        .get(episode.file)?
        .bundle
        .as_deref()?;
    let doc = site.parsed.docs.get(episode.file)?;
    code_files::plan(
        bundle,
        &episode.url,
        doc.headings.iter().map(|h| h.id.as_str()),
    )
}

/// The prefix of a page's diagram ids: its file name as `[a-z0-9-]`, starting with a letter.
fn page_id(url: &str) -> String {
    let stem = url.rsplit('/').next().unwrap_or(url);
    let stem = stem.strip_suffix(".html").unwrap_or(stem);
    let mut id: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id.insert_str(0, "page-");
    }
    id
}

fn header(episode: &Episode, subtitle: Option<String>) -> EpisodeHeader {
    let meta = &episode.meta;
    // A summary taken from the body would be read twice: leave it out.
    let summary = meta.summary.clone().filter(|_| !meta.summary_in_body);
    EpisodeHeader {
        number: episode.id.number,
        title: episode.title.clone(),
        subtitle,
        duration: meta.duration.clone(),
        difficulty: meta.difficulty.clone(),
        audience: meta.audience.clone(),
        prerequisites: meta.prerequisites.clone(),
        summary,
        tags: meta.tags.clone(),
        extra: meta
            .extra
            .iter()
            .map(|(label, value)| Field {
                label: label.clone(),
                value: value.clone(),
            })
            .collect(),
        front_matter_extra: meta.front_matter_extra.clone(),
        draft: meta.draft,
    }
}

/// Sends the home page, one page per series, and the 404 page to `publish` as each is made
/// (a large course's series pages, each with its navigation, are not held together); gives
/// the findings of the series introductions' bodies (a diagram that could not be drawn).
pub fn listings(
    site: &Site<'_, '_>,
    tools: Tools<'_>,
    options: &RenderOptions<'_>,
    publish: &mut dyn FnMut(OutputFile) -> anyhow::Result<()>,
) -> anyhow::Result<Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let home = HomePage {
        page: site.frame(tools, "index.html", site.view.title.clone(), None)?,
        series: &site.series,
    };
    publish(render_template(tools, "index.html", "index.html", &home)?)?;
    for (i, series) in site.series.iter().enumerate() {
        let mut page = site.frame(tools, &series.url, site.page_title(&series.name), Some(i))?;
        let intro = series_intro(site, tools, options, &series.slug).map(|body| {
            diagnostics.extend(body.diagnostics);
            page.interactive = body.assets;
            body.html
        });
        let view = SeriesPage {
            page,
            series,
            intro,
        };
        publish(render_template(tools, "series.html", &series.url, &view)?)?;
    }
    // A server shows the 404 page at any depth: it links from the site's absolute path, and
    // carries its stylesheet and script, since nothing relative to it can be trusted to load.
    let mut page = site.frame_at(
        tools,
        "404.html",
        base_path(&site.course().config.base_url),
        site.page_title("Page not found"),
        None,
    )?;
    page.root_is_absolute = true;
    page.canonical = None;
    page.feeds = Vec::new();
    let inline = |path: &str| {
        tools
            .theme
            .assets
            .get(path)
            .map(|bytes| String::from_utf8_lossy(bytes).replace("</", "<\\/"))
    };
    page.inline_css = inline("assets/style.css");
    page.inline_js = inline("assets/site.js");
    page.inline_icon = tools.theme.assets.get("assets/favicon.svg").map(|svg| {
        let svg = String::from_utf8_lossy(svg);
        let encoded =
            percent_encoding::utf8_percent_encode(&svg, percent_encoding::NON_ALPHANUMERIC);
        format!("data:image/svg+xml,{encoded}")
    });
    let view = PlainPage {
        page,
        heading: "Page not found".to_owned(),
        body: String::new(),
    };
    publish(render_template(tools, "404.html", "404.html", &view)?)?;
    Ok(diagnostics)
}

/// The print page at `path`, if it is one, with the bodies of its episodes rendered for it.
pub fn print_page_at(
    site: &Site<'_, '_>,
    tools: Tools<'_>,
    options: &RenderOptions<'_>,
    path: &str,
) -> anyhow::Result<Option<OutputFile>> {
    let Some(i) = site
        .series
        .iter()
        .position(|s| crate::course::paths::print_page(&s.slug) == path)
    else {
        return Ok(None);
    };
    let urls: Vec<&str> = site.series[i]
        .episodes
        .iter()
        .map(|card| card.url.as_str())
        .collect();
    let mut rendered = Vec::with_capacity(urls.len());
    for &index in &site.published {
        if urls.contains(&site.course().episodes[index].url.as_str()) {
            rendered.push(episode(site, tools, options, index)?);
        }
    }
    let bodies = rendered
        .iter()
        .map(|e| (e.file.path.as_str(), (e.body.as_str(), e.assets)))
        .collect();
    print_page(site, tools, i, &bodies).map(Some)
}

/// The print page of the `i`-th published series.
pub(crate) fn print_page(
    site: &Site<'_, '_>,
    tools: Tools<'_>,
    i: usize,
    bodies: &HashMap<&str, (&str, BlockAssets)>,
) -> anyhow::Result<OutputFile> {
    let series = &site.series[i];
    let path = crate::course::paths::print_page(&series.slug);
    let mut interactive = BlockAssets::default();
    let texts: Vec<&str> = series
        .episodes
        .iter()
        .map(|card| {
            let (body, assets) = bodies.get(card.url.as_str()).copied().unwrap_or_default();
            interactive = interactive.or(assets);
            body
        })
        .collect();
    // Episodes share heading anchors and footnote ids: each takes a prefix of its own here.
    let bodies: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(n, body)| super::print_anchors::prefixed(body, &format!("e{}-", n + 1)))
        .collect();
    let texts: Vec<&str> = bodies.iter().map(String::as_str).collect();
    let slots: Vec<String> = (0..texts.len()).map(body_slot::placeholder).collect();
    let episodes: Vec<PrintEpisode<'_>> = series
        .episodes
        .iter()
        .zip(&slots)
        .map(|(card, slot)| PrintEpisode {
            number: card.number,
            title: card.title.clone(),
            url: card.url.clone(),
            body: slot,
            code: site.code_note(&card.url),
        })
        .collect();
    let mut page = site.frame(
        tools,
        &path,
        site.page_title(&format!("{} (print)", series.name)),
        Some(i),
    )?;
    page.canonical = None;
    page.interactive = interactive;
    let view = PrintPage {
        page,
        series,
        episodes,
    };
    render_with_bodies(tools, "print.html", &path, view, &texts, |v| {
        for (episode, text) in v.episodes.iter_mut().zip(&texts) {
            episode.body = *text;
        }
    })
}

/// The `href` that a link resolved to a page of the site gets on a page `root` below the
/// site root (`../../`); `None` keeps the link as written (external, broken, or a bare
/// `#anchor`).
fn relative_href(resolved: Resolved, dest: &str, root: &str) -> Option<String> {
    match resolved {
        Resolved::Page { url, fragment } if !dest.starts_with('#') => Some(match fragment {
            Some(fragment) => format!("{root}{url}#{fragment}"),
            None => format!("{root}{url}"),
        }),
        _ => None,
    }
}

/// The introduction of the series `slug`, rendered like an episode body without its title.
fn series_intro(
    site: &Site<'_, '_>,
    tools: Tools<'_>,
    options: &RenderOptions<'_>,
    slug: &str,
) -> Option<html::Body> {
    let file = site
        .course()
        .series
        .iter()
        .find(|s| s.slug == slug)?
        .intro?;
    // The introduction is shown on the series page: its links are resolved from there, and
    // `.md` links rewritten to the pages they mean, as in episodes.
    let url = crate::course::paths::series_page(slug);
    let page_id = format!("{}-intro", page_id(slug));
    Some(body_without_title(
        site, tools, options, file, &url, &page_id,
    ))
}

/// The body of the file `file` (an index into the parsed documents) shown at `url` without its
/// title: its links resolved from that page, `.md` links rewritten to the pages they mean.
fn body_without_title(
    site: &Site<'_, '_>,
    tools: Tools<'_>,
    options: &RenderOptions<'_>,
    file: usize,
    url: &str,
    page_id: &str,
) -> html::Body {
    let parsed = site.parsed();
    let doc = parsed.docs[file];
    let root = "../".repeat(url.matches('/').count());
    let source = LinkSource {
        path: &doc.source.rel_path,
        url,
        episode: None,
        doc,
    };
    let rewrite_link = |dest: &str| {
        site.href(
            site.links.resolve_from(source, dest),
            source.path,
            dest,
            &root,
        )
    };
    html::render(
        doc,
        &doc.events(),
        &HtmlOptions {
            highlighter: tools.highlighter,
            diagrams: options.diagrams,
            diagram_checks: parsed.diagrams.get(file).copied().unwrap_or_default(),
            metric_fences: parsed.fences.get(file).copied().unwrap_or_default(),
            calculators: parsed.calculators.get(file).copied().unwrap_or_default(),
            page_id,
            skip: doc.title_events(),
            rewrite_link: Some(&rewrite_link),
        },
    )
}

/// The page of a note of an episode folder (`notes[index]` of the course), in the site's
/// frame under its episode's series, with the findings its body produced.
pub fn note(
    site: &Site<'_, '_>,
    tools: Tools<'_>,
    options: &RenderOptions<'_>,
    index: usize,
) -> anyhow::Result<(OutputFile, Vec<Diagnostic>)> {
    let note = &site.course().notes[index];
    let body = body_without_title(
        site,
        tools,
        options,
        note.file,
        &note.url,
        &page_id(&note.url),
    );
    let current = site
        .course()
        .episodes
        .iter()
        .find(|e| e.url == note.episode_url)
        .and_then(|e| site.series_index.get(e.series).copied().flatten());
    let mut page = site.frame(tools, &note.url, site.page_title(&note.title), current)?;
    page.interactive = body.assets;
    let view = PlainPage {
        page,
        heading: note.title.clone(),
        body: body.html,
    };
    let file = render_template(tools, "page.html", &note.url, &view)?;
    Ok((file, body.diagnostics))
}

/// The path part of `base_url` (`https://x.org/course/` → `/course/`), always from `/`.
fn base_path(base_url: &str) -> String {
    let path = match base_url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |at| &rest[at..]),
        None => base_url,
    };
    if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    }
}

/// A page made elsewhere, in the site's frame.
pub fn extra(
    site: &Site<'_, '_>,
    tools: Tools<'_>,
    extra: &ExtraPage,
) -> anyhow::Result<OutputFile> {
    let view = PlainPage {
        page: site.frame(tools, &extra.path, site.page_title(&extra.title), None)?,
        heading: extra.title.clone(),
        body: extra.body.clone(),
    };
    render_template(tools, "page.html", &extra.path, &view)
}

/// `coverage.html`: published episodes × recommendations, grouped by series.
pub fn coverage(
    site: &Site<'_, '_>,
    tools: Tools<'_>,
    matrix: &CoverageMatrix,
) -> anyhow::Result<OutputFile> {
    let published: std::collections::BTreeSet<&str> = site
        .published
        .iter()
        .map(|&i| site.course().episodes[i].url.as_str())
        .collect();
    let mut groups: Vec<CoverageGroup<'_>> = Vec::new();
    for row in matrix
        .rows
        .iter()
        .filter(|r| published.contains(r.url.as_str()))
    {
        let columns = (0..matrix.columns.len())
            .map(|c| row.cells.iter().filter(|cell| cell.column == c).collect())
            .collect();
        let view = CoverageRow { row, columns };
        match groups.last_mut() {
            Some(group) if group.series_name == row.series_name => group.rows.push(view),
            _ => groups.push(CoverageGroup {
                series_name: row.series_name.clone(),
                rows: vec![view],
            }),
        }
    }
    let content = &matrix.content;
    let has_recommendations = groups
        .iter()
        .any(|g| g.rows.iter().any(|r| !r.row.cells.is_empty()));
    let view = CoveragePage {
        page: site.frame(tools, COVERAGE_PATH, site.page_title("Coverage"), None)?,
        columns: &matrix.columns,
        has_recommendations,
        groups,
        totals: matrix.totals,
        content: ContentTable {
            gates: content
                .gates
                .iter()
                .map(|g| GateColumn {
                    key: g.key(),
                    heading: g.heading(),
                })
                .collect(),
            settings: &content.settings,
            rows: content
                .rows
                .iter()
                .filter(|r| published.contains(r.url.as_str()))
                .map(|row| ContentRowView {
                    row,
                    verdicts: content.gates.iter().map(|&g| row.verdict(g)).collect(),
                })
                .collect(),
            totals: &content.totals,
        },
    };
    render_template(tools, "coverage.html", COVERAGE_PATH, &view)
}

/// `site-url`: `base_url` was set, but not to an absolute URL, so there is no sitemap, feed or
/// canonical link. `None` when it was never set: a first course need not know its address.
pub fn relative_base_url(site: &Site<'_, '_>) -> Option<Diagnostic> {
    /// The `base_url` key of `book.toml` with its place (the file has been read strictly
    /// already; a comment that mentions the key is not the key).
    #[derive(serde::Deserialize)]
    struct BaseUrl {
        base_url: Option<toml::Spanned<String>>,
    }
    let config = &site.course().config;
    let source = config.source.as_ref()?;
    let at = toml::from_str::<BaseUrl>(&source.text)
        .ok()?
        .base_url?
        .span()
        .start;
    let line = source.line_start(source.line_col(at).line);
    Some(
        Diagnostic::new(
            RuleId::SiteUrl,
            &source.rel_path,
            line..source.line_end(at),
            format!(
                "base_url `{}` is not an absolute URL: the site has no sitemap, feeds or canonical links",
                config.base_url
            ),
        )
        .help("set base_url to the address the site is published at, e.g. base_url = \"https://courses.example.org/course/\""),
    )
}

/// `sitemap.xml`, with absolute URLs from `base_url`.
pub fn sitemap(site: &Site<'_, '_>, tools: Tools<'_>) -> anyhow::Result<OutputFile> {
    let base = &site.course().config.base_url;
    let mut urls = vec![base.clone()];
    for series in &site.series {
        urls.push(format!("{base}{}", series.url));
        urls.extend(series.episodes.iter().map(|e| format!("{base}{}", e.url)));
    }
    render_template(tools, "sitemap.xml", "sitemap.xml", &Sitemap { urls })
}

/// The theme's assets that can be published beside `pages`, with an `output-collision` error
/// for each that cannot: one whose path is a page's (ignoring letter case), a folder of pages,
/// a file where a page needs a folder, or an earlier asset's. Pages keep their paths (every link
/// of the site points at them); such an asset is not written. The stylesheet gets the
/// highlighting themes and diagram colours appended.
pub fn assets(
    site: &Site<'_, '_>,
    tools: Tools<'_>,
    pages: &[String],
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let mut files = HashMap::new();
    let mut folders = HashMap::new();
    for page in pages {
        occupy(&mut files, &mut folders, page, site.page_source(page));
    }
    let mut published = Vec::new();
    let mut diagnostics = Vec::new();
    for (path, bytes) in &tools.theme.assets {
        let key = fold_case(path);
        let clash = files.get(&key).or_else(|| folders.get(&key)).or_else(|| {
            key.match_indices('/')
                .find_map(|(end, _)| files.get(&key[..end]))
        });
        if let Some(owner) = clash {
            diagnostics.push(
                Diagnostic::new(
                    RuleId::OutputCollision,
                    site.asset_source(path),
                    0..0,
                    format!(
                        "the theme asset `{path}` would be written where {owner} is published; it is not published"
                    ),
                )
                .related(owner.clone(), 0..0, "keeps its path")
                .help("rename the asset (and the links to it in the templates), or the page's source"),
            );
            continue;
        }
        occupy(&mut files, &mut folders, path, site.asset_source(path));
        let mut bytes = bytes.clone();
        if path == "assets/style.css" {
            bytes.extend_from_slice(highlight_css().as_bytes());
            bytes.extend_from_slice(super::diagram_css::css().as_bytes());
        }
        published.push(OutputFile {
            path: path.clone(),
            bytes,
        });
    }
    (published, diagnostics)
}

/// Records that `owner` publishes a file at `path`, and so occupies each folder above it.
fn occupy(
    files: &mut HashMap<String, String>,
    folders: &mut HashMap<String, String>,
    path: &str,
    owner: String,
) {
    let key = fold_case(path);
    for (end, _) in key.match_indices('/') {
        folders
            .entry(key[..end].to_owned())
            .or_insert_with(|| owner.clone());
    }
    files.insert(key, owner);
}

fn highlight_css() -> String {
    let css = Highlighter::theme_css(&[
        ":root[data-theme=\"dark\"]",
        "@media (prefers-color-scheme: dark)|:root:not([data-theme=\"light\"])",
    ]);
    format!("\n/* Code highlighting (generated) */\n{css}")
}
