//! The code files of a bundle episode on the site: the page's "Code" section, the copies
//! readers download, and what the search index reads of them.
//!
//! [`plan`] decides, once per episode, each file's anchor on the page and where its copy goes
//! (`{page path without .html}/{path in the episode folder}`), and finds the copies that
//! cannot be made as they are (two paths that differ only in letter case, a name some file
//! systems refuse, a binary file whose bytes were not kept). [`section`] builds the section's
//! view from a plan, highlighting each file with the highlighter that renders fences (so the
//! same classes, time budget and `highlight-skipped` finding apply); [`copies`] makes the
//! files to write; [`search_text`] is what the index reads of a file.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use crate::course::bundle::{Bundle, CodeFile};
use crate::diagnostic::{Diagnostic, RuleId};
use crate::highlight::{self, Highlighter};
use crate::markdown::html::blocks;
use crate::names::fold_case;
use crate::output::OutputFile;
use crate::render::view::{CodeEntry, CodeSection, CodeShown};

/// Files larger than this are listed with their size and a download link, not shown.
pub(crate) const MAX_SHOWN_BYTES: usize = 256 * 1024;
/// Bytes of a code file the search index reads (its path is always indexed).
pub(crate) const MAX_INDEXED_BYTES: usize = 16 * 1024;
/// A section of at most this many shown files...
const OPEN_FILES: usize = 2;
/// ...with at most this many lines between them starts with its files open.
const OPEN_LINES: usize = 40;

/// One code file as the site publishes it.
#[derive(Debug, Clone)]
pub(crate) struct Planned<'b> {
    /// The file.
    pub(crate) file: &'b CodeFile,
    /// Its anchor on the episode page.
    pub(crate) id: String,
    /// Where its copy goes, from the site root; `None` when it is not copied.
    pub(crate) site_path: Option<String>,
}

/// An episode's code files as published, in path order, with the section's anchor.
#[derive(Debug, Clone)]
pub(crate) struct Plan<'b> {
    /// The anchor of the "Code" section.
    pub(crate) section_id: String,
    /// The files, sorted by path.
    pub(crate) files: Vec<Planned<'b>>,
    /// The copies that cannot be made as they are (`code-copy`).
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// The folder of the site that holds the copies of the code of the episode whose page is at
/// `page_url` (`series/episode-001-queueing.html` → `series/episode-001-queueing`).
pub(crate) fn folder(page_url: &str) -> &str {
    page_url.strip_suffix(".html").unwrap_or(page_url)
}

/// The plan for the code of `bundle`, shown on the page at `page_url` whose headings have
/// the anchors `taken`; `None` when the bundle has no code.
pub(crate) fn plan<'b, 't>(
    bundle: &'b Bundle,
    page_url: &str,
    taken: impl IntoIterator<Item = &'t str>,
) -> Option<Plan<'b>> {
    if bundle.code.is_empty() {
        return None;
    }
    let mut taken: BTreeSet<String> = taken.into_iter().map(str::to_owned).collect();
    let section_id = unique(&mut taken, "code");
    let mut files: Vec<&CodeFile> = bundle.code.iter().collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut diagnostics = Vec::new();
    let mut copied: HashMap<String, &CodeFile> = HashMap::new();
    let folder = folder(page_url);
    let planned = files
        .into_iter()
        .map(|file| {
            let id = unique(&mut taken, &format!("file-{}", slug(&file.path)));
            let site_path = format!("{folder}/{}", file.path);
            let site_path = if let Some(first) = copied.get(&fold_case(&site_path)) {
                diagnostics.push(case_clash(file, first));
                None
            } else if !file.is_text() && file.raw.is_none() {
                diagnostics.push(bytes_not_kept(file));
                None
            } else {
                if let Some(why) = unportable(&file.path) {
                    diagnostics.push(unportable_name(file, why));
                }
                copied.insert(fold_case(&site_path), file);
                Some(site_path)
            };
            Planned {
                file,
                id,
                site_path,
            }
        })
        .collect();
    Some(Plan {
        section_id,
        files: planned,
        diagnostics,
    })
}

/// `wanted`, or `wanted-2`, `wanted-3`, … : the first not in `taken`, which it is added to.
fn unique(taken: &mut BTreeSet<String>, wanted: &str) -> String {
    let mut id = wanted.to_owned();
    let mut n = 1;
    while taken.contains(&id) {
        n += 1;
        id = format!("{wanted}-{n}");
    }
    taken.insert(id.clone());
    id
}

/// A path as an anchor word: ASCII letters and digits lowercased, every other run as `-`.
fn slug(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// Why a path cannot be written as it is on Windows (which also refuses these names in a
/// folder copied there), or `None`.
fn unportable(path: &str) -> Option<&'static str> {
    const RESERVED: &[&str] = &["con", "prn", "aux", "nul"];
    for part in path.split('/') {
        if part.chars().any(|c| "<>:\"\\|?*".contains(c)) {
            return Some(
                "it holds a character Windows does not allow in names (< > : \" \\ | ? *)",
            );
        }
        if part.ends_with(['.', ' ']) {
            return Some("a name ends with a dot or a space, which Windows drops");
        }
        let stem = part.split('.').next().unwrap_or(part).to_ascii_lowercase();
        let device = RESERVED.contains(&stem.as_str())
            || ((stem.starts_with("com") || stem.starts_with("lpt"))
                && stem.len() == 4
                && stem.ends_with(|c: char| c.is_ascii_digit() && c != '0'));
        if device {
            return Some("a name is a device name on Windows (CON, PRN, AUX, NUL, COM1, LPT1, …)");
        }
    }
    None
}

fn case_clash(file: &CodeFile, first: &CodeFile) -> Diagnostic {
    Diagnostic::new(
        RuleId::CodeCopy,
        &file.source.rel_path,
        0..0,
        format!(
            "`{}` differs from `{}` only in letter case: it is listed on the page but not copied to the site",
            file.path, first.path
        ),
    )
    .related(&first.source.rel_path, 0..0, "copied to the site")
    .help("rename one of the two files; on macOS and Windows they would be one file")
}

fn bytes_not_kept(file: &CodeFile) -> Diagnostic {
    Diagnostic::new(
        RuleId::CodeCopy,
        &file.source.rel_path,
        0..0,
        format!(
            "`{}` is not text and its bytes were not kept: it is listed on the page but not copied to the site",
            file.path
        ),
    )
    .help("keep binary files out of the `code` patterns, or report this: the file's bytes should have been kept")
}

fn unportable_name(file: &CodeFile, why: &str) -> Diagnostic {
    Diagnostic::new(
        RuleId::CodeCopy,
        &file.source.rel_path,
        0..0,
        format!(
            "`{}` is copied to the site, but {why}: the site cannot be copied to Windows whole",
            file.path
        ),
    )
    .help("rename the file")
}

/// A failed write of a planned copy, as a finding: the page links to a file that is missing.
pub(crate) fn not_written(source: &str, site_path: &str, error: &anyhow::Error) -> Diagnostic {
    Diagnostic::new(
        RuleId::CodeCopy,
        source,
        0..0,
        format!("the copy at `{site_path}` could not be written: {error:#}"),
    )
    .label("its download link on the episode page leads nowhere")
    .help("rename the file to a plain name (letters, digits, `-`, `_`, `.`), or free space in the output folder")
}

/// The "Code" section of a page from its plan, with the findings of highlighting (a file shown
/// as plain text because it could not be highlighted within its budget).
pub(crate) fn section(
    plan: &Plan<'_>,
    highlighter: &Highlighter,
) -> (CodeSection, Vec<Diagnostic>) {
    let made: Vec<(CodeEntry, Option<Diagnostic>)> = plan
        .files
        .par_iter()
        .map(|p| entry(p, highlighter))
        .collect();
    let mut diagnostics = Vec::new();
    let mut files = Vec::with_capacity(made.len());
    for (entry, finding) in made {
        files.push(entry);
        diagnostics.extend(finding);
    }
    let shown: Vec<&CodeEntry> = files.iter().filter(|f| f.html.is_some()).collect();
    let open = shown.len() <= OPEN_FILES
        && shown.iter().filter_map(|f| f.lines).sum::<usize>() <= OPEN_LINES;
    for file in &mut files {
        file.open = open && file.html.is_some();
    }
    let tests = files.iter().filter(|f| f.test).count();
    (
        CodeSection {
            id: plan.section_id.clone(),
            files,
            tests,
        },
        diagnostics,
    )
}

/// Whether `file`'s text is shown on its page (highlighted when it has a language), rather
/// than only listed: text, and at most [`MAX_SHOWN_BYTES`].
pub(crate) fn is_shown(file: &CodeFile) -> bool {
    file.is_text() && file.size() <= MAX_SHOWN_BYTES
}

fn entry(planned: &Planned<'_>, highlighter: &Highlighter) -> (CodeEntry, Option<Diagnostic>) {
    let file = planned.file;
    let text = &file.source.text;
    let shown = if !is_shown(file) {
        CodeShown::Listed
    } else if file.language.is_some() {
        CodeShown::Highlighted
    } else {
        CodeShown::Plain
    };
    let mut finding = None;
    let html = match shown {
        CodeShown::Listed => None,
        CodeShown::Plain => Some(blocks::code(None, &highlight::escape(text))),
        CodeShown::Highlighted => {
            let lang = file.language.as_deref();
            let highlighted = highlighter.highlight(lang, text);
            if highlighted.over_budget {
                finding = Some(highlight_skipped(file));
            }
            Some(blocks::code(lang, &highlighted.html))
        }
    };
    let entry = CodeEntry {
        id: planned.id.clone(),
        path: file.path.clone(),
        language: file.language.as_deref().map(highlight::language_name),
        test: file.test,
        lines: file.is_text().then(|| text.lines().count()),
        size: size(file.size()),
        download: planned.site_path.as_deref().map(href_of_path),
        shown,
        html,
        open: false,
    };
    (entry, finding)
}

fn highlight_skipped(file: &CodeFile) -> Diagnostic {
    Diagnostic::new(
        RuleId::HighlightSkipped,
        &file.source.rel_path,
        0..0,
        "this code file could not be highlighted within its time budget; it is shown as plain text",
    )
    .label("the grammar cannot make sense of this code")
    .help("check that the file's extension names its language, or split the file")
    .help(crate::markdown::html::blocks::ONLY_BUILD)
}

/// A size for readers: `812 bytes`, `2.4 KiB`, `1.3 MiB`.
pub(crate) fn size(bytes: usize) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    match bytes {
        1 => "1 byte".to_owned(),
        0..1024 => format!("{bytes} bytes"),
        // Below 1 MiB unless it would print as "1024.0 KiB".
        1024..1_048_525 => format!("{:.1} KiB", b / KIB),
        _ => format!("{:.1} MiB", b / KIB / KIB),
    }
}

/// The copies of the planned files, each with the course-relative file it copies.
pub(crate) fn copies(plan: &Plan<'_>) -> Vec<(OutputFile, String)> {
    plan.files
        .iter()
        .filter_map(|p| {
            let path = p.site_path.clone()?;
            let bytes = match &p.file.raw {
                Some(raw) => raw.to_vec(),
                None => p.file.source.text.as_bytes().to_vec(),
            };
            Some((OutputFile { path, bytes }, p.file.source.rel_path.clone()))
        })
        .collect()
}

/// What the search index reads of a file: its first [`MAX_INDEXED_BYTES`] when it is text,
/// nothing otherwise (its path is the section's title, always indexed).
pub(crate) fn search_text(file: &CodeFile) -> &str {
    if file.is_text() {
        crate::render::search::sections::truncate(&file.source.text, MAX_INDEXED_BYTES)
    } else {
        ""
    }
}

/// A site path as a link: each segment percent-encoded, so a `#`, `?`, `%` or space in a file
/// name (`code/c#/Program.cs`) is part of the path, not a fragment or a query.
pub(crate) fn href_of_path(path: &str) -> String {
    /// Bytes kept as they are in a path segment; everything else is percent-encoded.
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    path.split('/')
        .map(|segment| percent_encoding::utf8_percent_encode(segment, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
#[path = "code_files_tests.rs"]
mod tests;
