//! The recommendations that target an episode not written yet. The course is read again with
//! the new episode's file in it, so the recommendations are matched to it exactly as
//! `episode lint` will match them once the file exists (series, number, title, ranges,
//! document-wide lists).
//!
//! Only the course model and the recommendations are needed: nothing is checked or drawn.

use crate::course::load::EpisodeFile;
use crate::course::{self, Loaded};
use crate::enhance::{self, Requirement};
use crate::markdown::{self, Document};
use crate::source::SourceFile;

/// The requirements that target the episode at `path` (course-relative) with this `text`,
/// in document order. `loaded` is the course without it.
pub(crate) fn requirements_for(
    mut loaded: Loaded,
    series_dir: &str,
    path: &str,
    text: &str,
) -> Vec<Requirement> {
    let abs = loaded.config.root.join(path);
    let source = SourceFile::from_bytes(path, abs, text.as_bytes().to_vec());
    let at = loaded
        .episodes
        .partition_point(|e| e.source.rel_path.as_str() < path);
    loaded.episodes.insert(
        at,
        EpisodeFile {
            series_dir: series_dir.to_owned(),
            source: source.into(),
        },
    );
    let docs: Vec<Document<'_>> = loaded
        .episodes
        .iter()
        .map(|f| markdown::parse(&f.source))
        .collect();
    let enhancement_docs: Vec<Document<'_>> = loaded
        .enhancements
        .iter()
        .map(|s| markdown::parse(s))
        .collect();
    let (course, _) = course::assemble_documents(&loaded, &docs.iter().collect::<Vec<_>>());
    let Some(new) = course.episodes.iter().position(|e| e.file == at) else {
        return Vec::new();
    };
    let (requirements, _, _) =
        enhance::requirements(&course, &enhancement_docs.iter().collect::<Vec<_>>());
    requirements
        .into_iter()
        .filter(|r| r.episodes.contains(&new))
        .collect()
}
