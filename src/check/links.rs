//! `broken-link`: links between episodes and to heading anchors that lead nowhere, in the
//! episodes, in the series introductions (read from their series pages) and in the notes of
//! episode folders (read from their own pages). A diagram's `click` links are links of its
//! page ([`crate::markdown::diagram_links`]).
//!
//! Resolution is [`LinkTargets`]'s; this turns each broken link into a finding at the link's
//! destination, with the closest existing target as help. Images, and links to files that
//! are not pages (`slides.pdf`), are files of the course: [`super::local_files`] reports those
//! that are missing (`missing-file`).

use crate::course::links::{LinkSource, LinkTargets, Resolved};
use crate::course::local_files::{CourseFiles, LocalFile};
use crate::diagnostic::{Diagnostic, RuleId};
use crate::markdown::Document;
use crate::pipeline::Parsed;

/// A finding for every link of every episode and series introduction that leads to no page or
/// heading of the site.
pub fn check(parsed: &Parsed<'_>) -> Vec<Diagnostic> {
    let targets = link_targets(parsed);
    let files = CourseFiles::new(&parsed.course.config);
    let mut found = Vec::new();
    for (from, episode) in parsed.course.episodes.iter().enumerate() {
        let doc = parsed.docs[episode.file];
        found.extend(broken_links(
            doc,
            &targets,
            &files,
            targets.episode_source(from),
        ));
    }
    // A series introduction is published on its series page: its links are read from there.
    for series in &parsed.course.series {
        let Some(file) = series.intro else {
            continue;
        };
        let doc = parsed.docs[file];
        let url = crate::course::paths::series_page(&series.slug);
        let source = LinkSource {
            path: &doc.source.rel_path,
            url: &url,
            episode: None,
            doc,
        };
        found.extend(broken_links(doc, &targets, &files, source));
    }
    // An episode folder's notes are pages of their own, under the episode's page.
    for note in &parsed.course.notes {
        let doc = parsed.docs[note.file];
        let source = LinkSource {
            path: &doc.source.rel_path,
            url: &note.url,
            episode: None,
            doc,
        };
        found.extend(broken_links(doc, &targets, &files, source));
    }
    found
}

/// The most broken links of one file that are compared with every target for a
/// suggestion: each comparison is with all of the course's targets, so a file of thousands of
/// broken links would cost the square of the course's size.
const SUGGESTED_PER_FILE: usize = 100;

/// A `broken-link` finding for each link of `doc`, written on the page `from`, that leads
/// nowhere, and a
/// `missing-file` finding for each image or file link that `files` cannot publish, with the
/// closest target as a suggestion for the first [`SUGGESTED_PER_FILE`].
fn broken_links(
    doc: &Document<'_>,
    targets: &LinkTargets<'_>,
    files: &CourseFiles,
    from: LinkSource<'_>,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let diagram_links = crate::markdown::diagram_links::links(doc);
    for link in doc.links.iter().chain(&diagram_links) {
        let looked_for = found.len() < SUGGESTED_PER_FILE;
        let classify = || files.classify(&doc.source.rel_path, &link.dest, link.is_image);
        if link.is_image {
            found.extend(super::local_files::finding(
                doc,
                link,
                classify(),
                files,
                looked_for,
            ));
            continue;
        }
        let Resolved::Broken { message, near } = targets.resolve_from(from, &link.dest) else {
            continue;
        };
        let file = classify();
        if file != LocalFile::NotAFile {
            found.extend(super::local_files::finding(
                doc, link, file, files, looked_for,
            ));
            continue;
        }
        let suggestion = looked_for
            .then(|| targets.suggestion(&near, from))
            .flatten();
        let span = super::local_files::destination_span(doc, link);
        let how = "link to an episode's Markdown file (`../02-series/episode-03-title.md`) or its page, optionally with the anchor of one of its headings (`#heading-text`)";
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None if !looked_for => format!(
                "{how}; no close target is looked for past the first {SUGGESTED_PER_FILE} broken links of a file"
            ),
            None => how.to_owned(),
        };
        found.push(
            Diagnostic::new(
                RuleId::BrokenLink,
                &doc.source.rel_path,
                span,
                format!("broken link `{}`: {message}", link.dest),
            )
            .label("this link leads nowhere on the site")
            .help(help),
        );
    }
    found
}

/// The pages and anchors every link of `parsed` may lead to.
pub fn link_targets<'p>(parsed: &'p Parsed<'_>) -> LinkTargets<'p> {
    let sources: Vec<&str> = parsed
        .loaded
        .episodes
        .iter()
        .map(|e| e.source.rel_path.as_str())
        .collect();
    let course = &parsed.course;
    let mut pages = vec!["index.html".to_owned(), "404.html".to_owned()];
    pages.extend(
        course
            .series
            .iter()
            .map(|s| crate::course::paths::series_page(&s.slug)),
    );
    if course.config.site.coverage {
        pages.push(crate::render::pages::COVERAGE_PATH.to_owned());
    }
    pages.extend(course.notes.iter().map(|n| n.url.clone()));
    let intros = course
        .series
        .iter()
        .filter_map(|s| {
            Some((
                sources[s.intro?],
                crate::course::paths::series_page(&s.slug),
            ))
        })
        .chain(
            course
                .notes
                .iter()
                .map(|n| (sources[n.file], n.url.clone())),
        )
        .collect();
    LinkTargets::new(course, &parsed.docs, &sources, pages, intros)
}
