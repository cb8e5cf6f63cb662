//! A series' introduction: the `index.md`, `series-overview.md` or `README.md` of its folder.
//!
//! Courses keep a page about each series next to its episodes. Such a file is the series'
//! introduction, shown on the series page, and not one more episode ("Episode 33" on the home
//! page, one too many in the count) — unless it reads as an episode: a file with an episode
//! number (`# Episode 4: …`, `number: 4`) stays an episode whatever its name. When a folder
//! has several, the first name in [`INTRO_NAMES`] wins; a README that is not chosen is left
//! out as before, since READMEs are about the repository.

use crate::course::load::EpisodeFile;

/// File names of a series introduction, most specific first (compared in lowercase).
pub const INTRO_NAMES: [&str; 5] = [
    "index.md",
    "_index.md",
    "series-overview.md",
    "overview.md",
    "readme.md",
];

/// Where `file`'s name ranks in [`INTRO_NAMES`], when it sits directly in a series folder.
pub fn intro_rank(file: &EpisodeFile) -> Option<usize> {
    if file.series_dir.is_empty() {
        return None;
    }
    let rel = &file.source.rel_path;
    let (folder, name) = rel.rsplit_once('/')?;
    if !folder.ends_with(&format!("/{}", file.series_dir)) && folder != file.series_dir {
        return None;
    }
    let name = name.to_lowercase();
    INTRO_NAMES.iter().position(|n| *n == name)
}

/// Whether `file` is a README (never an episode, whether chosen as introduction or not).
pub fn is_readme(file: &EpisodeFile) -> bool {
    file.source
        .rel_path
        .rsplit('/')
        .next()
        .is_some_and(|n| n.eq_ignore_ascii_case("readme.md"))
}

/// For each file (by index), whether it is its series' introduction: among the files of each
/// series folder with an introduction's name and no episode number (`numbers[i]` is file
/// `i`'s, from its metadata), the best-ranked.
pub fn choose(files: &[EpisodeFile], numbers: &[Option<u32>]) -> Vec<bool> {
    let mut best: std::collections::HashMap<&str, (usize, usize)> = Default::default();
    for (index, (file, number)) in files.iter().zip(numbers).enumerate() {
        let Some(rank) = intro_rank(file) else {
            continue;
        };
        if number.is_some() {
            continue;
        }
        let entry = best
            .entry(file.series_dir.as_str())
            .or_insert((rank, index));
        if rank < entry.0 {
            *entry = (rank, index);
        }
    }
    let mut chosen = vec![false; files.len()];
    for (_, index) in best.into_values() {
        chosen[index] = true;
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn file(path: &str, series_dir: &str) -> EpisodeFile {
        EpisodeFile {
            series_dir: series_dir.to_owned(),
            source: SourceFile::from_string(path, "").into(),
            bundle: None,
        }
    }

    #[test]
    fn the_most_specific_unnumbered_name_in_a_series_folder_is_the_introduction() {
        let files = [
            file("episodes/01-a/README.md", "01-a"),
            file("episodes/01-a/series-overview.md", "01-a"),
            file("episodes/01-a/episode-01.md", "01-a"),
            file("episodes/02-b/index.md", "02-b"),
            file("episodes/index.md", ""),
            file("episodes/01-a/notes/index.md", "01-a"),
        ];
        let mut numbers = vec![None; files.len()];
        numbers[3] = Some(4);
        assert_eq!(
            choose(&files, &numbers),
            [false, true, false, false, false, false]
        );
    }
}
