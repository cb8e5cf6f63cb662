//! The course's files that pages link to (images, downloads) on the site: where each copy
//! goes, the `src` or `href` that leads to it from a page, and the copies themselves.
//!
//! A file is copied once, however many pages link to it, to `files/` followed by its path in
//! the course folder (`episodes/01-drills/images/a.png` → `files/episodes/01-drills/images/a.png`).
//! That path depends on nothing but the file's place in the course: not on which pages link
//! to it, nor on the page paths that series and episode names give (which change with a
//! renamed series or a collision); and pages, whose paths are slugs, never look like it. It
//! stays the same from build to build (no content hash in the name), so an edited
//! image keeps its address and an unchanged one is kept by the next build ([`crate::output`])
//! rather than written again; a reader can tell the source file from the URL. Links are
//! rewritten to the copy from each page's depth, so they work from `file://` too.

use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::course::links::Resolved;
use crate::course::local_files::{CourseFiles, LocalFile};
use crate::diagnostic::{Diagnostic, RuleId};
use crate::markdown::Document;
use crate::output::OutputFile;
use crate::render::Sink;

/// The folder of the site that holds the copies.
pub(crate) const FOLDER: &str = "files";

/// Where the copy of the course-relative file `rel` goes, from the site root.
pub(crate) fn site_path(rel: &str) -> String {
    format!("{FOLDER}/{rel}")
}

/// The URL that leads from a page `root` below the site root (`../`) to the copy of the file
/// that `dest`, written in the Markdown file at the course-relative `source`, names; its
/// query and fragment kept. `None` when `dest` names no file of the course.
pub(crate) fn href(files: &CourseFiles, source: &str, dest: &str, root: &str) -> Option<String> {
    let LocalFile::Found(rel) = files.classify(source, dest, false) else {
        return None;
    };
    let suffix = dest.find(['?', '#']).map_or("", |at| &dest[at..]);
    Some(format!(
        "{root}{}{suffix}",
        super::code_files::href_of_path(&site_path(&rel))
    ))
}

/// Adds to `found` the course-relative path of each file of the course that a link or image
/// of `doc` leads to, as the page rewrites them: a link that `resolve` finds is a page of the
/// site is not a file.
pub(crate) fn add_linked(
    found: &mut BTreeSet<String>,
    files: &CourseFiles,
    doc: &Document<'_>,
    resolve: impl Fn(&str) -> Resolved,
) {
    let diagram_links = crate::markdown::diagram_links::links(doc);
    for link in doc.links.iter().chain(&diagram_links) {
        if matches!(resolve(&link.dest), Resolved::Page { .. }) && !link.dest.starts_with('#') {
            continue;
        }
        if let LocalFile::Found(rel) = files.classify(&doc.source.rel_path, &link.dest, false) {
            found.insert(rel);
        }
    }
}

/// The copy of the course-relative file `rel`, read now.
pub(crate) fn copy(files: &CourseFiles, rel: &str) -> anyhow::Result<OutputFile> {
    Ok(OutputFile {
        path: site_path(rel),
        bytes: files.read(rel)?,
    })
}

/// Sends a copy of each file of `linked` to `sink`, reading them in parallel; gives the paths
/// written and a finding for each file that could not be read or written.
pub(crate) fn copy_all(
    files: &CourseFiles,
    linked: &BTreeSet<String>,
    sink: Sink<'_>,
) -> (Vec<String>, Vec<Diagnostic>) {
    let done: Vec<(&String, anyhow::Result<String>)> = linked
        .par_iter()
        .map(|rel| {
            let written = copy(files, rel).and_then(|file| {
                sink(&file)?;
                Ok(file.path)
            });
            (rel, written)
        })
        .collect();
    let mut written = Vec::with_capacity(done.len());
    let mut findings = Vec::new();
    for (rel, result) in done {
        match result {
            Ok(path) => written.push(path),
            Err(error) => findings.push(not_copied(rel, &error)),
        }
    }
    (written, findings)
}

/// A file that pages link to and that could not be copied, as a finding at the file.
pub(crate) fn not_copied(rel: &str, error: &anyhow::Error) -> Diagnostic {
    Diagnostic::new(
        RuleId::MissingFile,
        rel,
        0..0,
        format!(
            "`{rel}` could not be copied to `{}`: {error:#}",
            site_path(rel)
        ),
    )
    .label("the pages that link to it lead nowhere")
    .help("check that the file can be read, and that the output folder has room")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_keep_the_course_path_under_one_folder() {
        assert_eq!(
            site_path("episodes/01-a/images/a b.png"),
            "files/episodes/01-a/images/a b.png"
        );
    }
}
