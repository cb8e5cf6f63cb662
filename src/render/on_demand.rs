//! Rendering one part of the site when it is asked for, for the preview server: the files of
//! the group a path belongs to (an episode page; the listings; a series' print page; the
//! search index; the assets; ...), each with the findings its rendering produced.
//!
//! A static build renders everything with [`super::render`]; both call the same page
//! functions, so a served page is byte for byte the page a build writes.

use crate::diagnostic::Diagnostic;
use crate::output::OutputFile;
use crate::pipeline::Parsed;
use crate::render::{RenderOptions, Tools, code_files, feeds, local_files, pages, search};

/// Rendered files and what rendering them found.
#[derive(Debug, Default)]
pub struct Group {
    /// The files.
    pub files: Vec<OutputFile>,
    /// Findings of their rendering (a diagram that could not be drawn, ...).
    pub diagnostics: Vec<Diagnostic>,
}

impl Group {
    fn of(files: Vec<OutputFile>) -> Self {
        Self {
            files,
            diagnostics: Vec::new(),
        }
    }
}

/// The files of the group `path` belongs to, rendered (empty when no file of the site has
/// that path). `Err` when a template fails.
pub fn group(
    parsed: &Parsed<'_>,
    tools: Tools<'_>,
    options: &RenderOptions<'_>,
    path: &str,
) -> anyhow::Result<Group> {
    let site = pages::Site::new(parsed, options);
    let course = site.course();
    let config = &course.config;
    if let Some(&index) = site
        .published
        .iter()
        .find(|&&i| course.episodes[i].url == path)
    {
        let page = pages::episode(&site, tools, options, index)?;
        return Ok(Group {
            files: vec![page.file],
            diagnostics: page.diagnostics,
        });
    }
    // Notes sit in their episode's folder, beside its code copies: looked up first.
    if let Some(index) = course.notes.iter().position(|note| note.url == path) {
        let (file, diagnostics) = pages::note(&site, tools, options, index)?;
        return Ok(Group {
            files: vec![file],
            diagnostics,
        });
    }
    if let Some(copies) = code_copies(&site, path) {
        return Ok(copies);
    }
    if let Some(copy) = linked_file(&site, path) {
        return Ok(copy);
    }
    if let Some(file) = pages::print_page_at(&site, tools, options, path)? {
        return Ok(Group::of(vec![file]));
    }
    if path == pages::COVERAGE_PATH
        && let Some(matrix) = site.coverage(options)
    {
        return Ok(Group::of(vec![pages::coverage(&site, tools, matrix)?]));
    }
    if path.starts_with("search/") && config.site.search {
        return Ok(Group::of(search::files(&site)));
    }
    if config.has_absolute_base_url() && path.ends_with(".xml") {
        let mut files = vec![pages::sitemap(&site, tools)?];
        if config.site.feeds {
            files.extend(feeds::files(&site, tools)?);
        }
        return Ok(Group::of(files));
    }
    if tools.theme.assets.contains_key(path) {
        let (assets, _) = pages::assets(&site, tools, &[]);
        return Ok(Group::of(assets));
    }
    let mut files = Vec::new();
    let diagnostics = pages::listings(&site, tools, options, &mut |file| {
        files.push(file);
        Ok(())
    })?;
    if !files.iter().any(|f| f.path == path) {
        return Ok(Group::default());
    }
    Ok(Group { files, diagnostics })
}

/// The copies of the code files of the episode whose folder `path` is in, with the findings
/// about them; `None` when `path` is in no published episode's folder.
fn code_copies(site: &pages::Site<'_, '_>, path: &str) -> Option<Group> {
    let course = site.course();
    site.published.iter().find_map(|&index| {
        let folder = code_files::folder(&course.episodes[index].url);
        let inside = path
            .strip_prefix(folder)
            .is_some_and(|rest| rest.starts_with('/'));
        if !inside {
            return None;
        }
        let plan = pages::code_plan(site, index)?;
        Some(Group {
            files: code_files::copies(&plan)
                .into_iter()
                .map(|(file, _)| file)
                .collect(),
            diagnostics: plan.diagnostics,
        })
    })
}

/// The copy of the course's file at `path` (`files/episodes/…/a.png`), when a published page
/// links to it: only those, so the server shows no more of the course folder than a build
/// publishes. `None` for any other path.
fn linked_file(site: &pages::Site<'_, '_>, path: &str) -> Option<Group> {
    let rel = path
        .strip_prefix(local_files::FOLDER)
        .and_then(|rest| rest.strip_prefix('/'))?;
    if !site.linked_files().contains(rel) {
        return None;
    }
    Some(match local_files::copy(site.files(), rel) {
        Ok(file) => Group::of(vec![file]),
        Err(error) => Group {
            files: Vec::new(),
            diagnostics: vec![local_files::not_copied(rel, &error)],
        },
    })
}
