//! The recommendations that target an episode not written yet. The course model is assembled
//! again with the new episode's file in it (only that file is parsed anew), so the recommendations are matched to it exactly as
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
/// in document order. `loaded` is the course without it, and `docs` its episodes, parsed
/// (`docs[i]` is `loaded.episodes[i]`); only the new file is parsed here.
pub(crate) fn requirements_for(
    loaded: &Loaded,
    docs: &[&Document<'_>],
    series_dir: &str,
    path: &str,
    text: &str,
) -> Vec<Requirement> {
    let abs = loaded.config.root.join(path);
    let source = SourceFile::from_bytes(path, abs, text.as_bytes().to_vec());
    let at = loaded
        .episodes
        .partition_point(|e| e.source.rel_path.as_str() < path);
    // A copy of the course with the new file in place (the copy shares every file's text).
    let mut with_new = loaded.clone();
    with_new.episodes.insert(
        at,
        EpisodeFile {
            series_dir: series_dir.to_owned(),
            source: source.into(),
            bundle: None,
        },
    );
    let new_doc = markdown::parse(&with_new.episodes[at].source);
    let mut all_docs = docs.to_vec();
    all_docs.insert(at, &new_doc);
    let enhancement_docs: Vec<Document<'_>> = loaded
        .enhancements
        .iter()
        .map(|s| markdown::parse(s))
        .collect();
    let (course, _) = course::assemble_documents(&with_new, &all_docs);
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
