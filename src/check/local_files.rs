//! `missing-file`: an image or a download that a page links to and that the site cannot
//! publish: not in the course folder, or refused (a path that climbs above the course folder,
//! a symbolic link that leads out of it, a file inside the output folder).
//!
//! Which destinations are files is [`CourseFiles`]'s decision; [`super::links`] asks it for
//! each link of each page, in the same pass that checks links between pages, and this turns
//! what it found into a finding at the destination, with the closest existing file as help.

use std::ops::Range;

use crate::course::links::closest_relative;
use crate::course::local_files::{CourseFiles, LocalFile};
use crate::diagnostic::{Diagnostic, RuleId};
use crate::markdown::Document;
use crate::markdown::document::Link;

/// Files compared with a missing one for a suggestion: the folder it names, or the nearest
/// one above it that exists, is read this far and no further.
const NEIGHBOURS: usize = 1_000;

/// A `missing-file` finding for `link` of `doc`, whose destination `files` found to be
/// `found`; `None` when it is no file or a file that exists. `suggest` says whether to look
/// for the closest existing file (each look reads a folder).
pub(crate) fn finding(
    doc: &Document<'_>,
    link: &Link,
    found: LocalFile,
    files: &CourseFiles,
    suggest: bool,
) -> Option<Diagnostic> {
    let what = if link.is_image { "image" } else { "file" };
    let (message, help) = match found {
        LocalFile::NotAFile | LocalFile::Found(_) => return None,
        LocalFile::Missing(rel) => {
            let near = suggest
                .then(|| closest_file(&rel, &doc.source.rel_path, files))
                .flatten()
                .map(|near| format!("did you mean `{near}`?"));
            (
                format!(
                    "{what} `{}` not found: no file at `{rel}` in the course folder",
                    link.dest
                ),
                near.unwrap_or_else(|| {
                    "the path is read from the folder of this Markdown file; put the file there or correct the path".to_owned()
                }),
            )
        }
        LocalFile::Refused(why) => (
            format!("{what} `{}` is not published: {why}", link.dest),
            "only files inside the course folder are copied to the site: move the file into it and link to it with a relative path".to_owned(),
        ),
    };
    Some(
        Diagnostic::new(
            RuleId::MissingFile,
            &doc.source.rel_path,
            destination_span(doc, link),
            message,
        )
        .label("this file is not on the site")
        .help(help),
    )
}

/// The span of `link`'s destination as written, or of the whole link when it cannot be found
/// inside it (a reference-style link).
pub(crate) fn destination_span(doc: &Document<'_>, link: &Link) -> Range<usize> {
    let written = doc.source.text.get(link.span.clone()).unwrap_or("");
    written
        .find(link.dest.as_str())
        .filter(|_| !link.dest.is_empty())
        .map_or(link.span.clone(), |at| {
            link.span.start + at..link.span.start + at + link.dest.len()
        })
}

/// The existing file most like the missing course-relative `rel`, when one is close enough,
/// as the Markdown file at the course-relative `linking` writes a link to it (relative to its
/// folder). `None` when the closest is the linking file itself.
fn closest_file(rel: &str, linking: &str, files: &CourseFiles) -> Option<String> {
    let candidates = files.neighbours(rel, NEIGHBOURS);
    closest_relative(linking, rel, candidates.iter().map(String::as_str))
}
