//! Where a new episode goes: its series (named with `--series`, or the only one), its number
//! (`--number`, or one past the last) and its file, named like the series' own files. In the
//! bundle layout the episode is a folder, named like the series' episode folders, and the file
//! is its script, at the first `script` pattern that names one file.

use std::fmt::Write as _;

use anyhow::bail;

use crate::config::{EpisodesConfig, Layout};
use crate::course::load::EpisodeFile;
use crate::course::{Course, Loaded, Series};
use crate::markdown::slug::slugify;
use crate::scaffold::file_name::Convention;

/// The place of a new episode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placement {
    /// Index into [`Course::series`].
    pub(crate) series: usize,
    /// Its number in the series.
    pub(crate) number: u32,
    /// Its file, relative to the course root (`episodes/02-systems/episode-04-caching.md`).
    pub(crate) path: String,
}

/// Finds the series, the number and the file name for an episode titled `title`.
pub(crate) fn place(
    loaded: &Loaded,
    course: &Course,
    title: &str,
    series: Option<&str>,
    number: Option<u32>,
) -> anyhow::Result<Placement> {
    let index = find_series(&course.series, series)?;
    let episodes: Vec<&crate::course::Episode> = course
        .episodes
        .iter()
        .filter(|e| e.series == index)
        .collect();
    let number = match number {
        Some(n) => {
            if let Some(taken) = episodes.iter().find(|e| e.id.number == n) {
                bail!(
                    "episode {n} of series `{}` already exists: {}\n  help: leave out --number to take the next free one",
                    course.series[index].name,
                    loaded.episodes[taken.file].source.rel_path
                );
            }
            n
        }
        None => episodes
            .iter()
            .map(|e| e.id.number)
            .max()
            .map_or(1, |n| n + 1),
    };
    // Episodes are in number order, so the convention follows the latest file or folder.
    let stems: Vec<String> = episodes
        .iter()
        .filter_map(|e| episode_stem(&loaded.episodes[e.file]))
        .collect();
    let stems: Vec<&str> = stems.iter().map(String::as_str).collect();
    let name = Convention::learn(&stems).file_name(number, title);
    let name = match loaded.config.episodes.layout {
        Layout::File => name,
        Layout::Bundle => {
            let folder = name.strip_suffix(".md").unwrap_or(&name);
            format!("{folder}/{}", new_script_path(&loaded.config.episodes)?)
        }
    };
    let dir = &course.series[index].dir;
    let path = if dir.is_empty() {
        format!("episodes/{name}")
    } else {
        format!("episodes/{dir}/{name}")
    };
    Ok(Placement {
        series: index,
        number,
        path,
    })
}

/// The name an episode's file or folder has, without extension: what the naming convention
/// is learnt from.
fn episode_stem(file: &EpisodeFile) -> Option<String> {
    match &file.bundle {
        Some(bundle) => bundle.dir.rsplit('/').next().map(str::to_owned),
        None => file
            .source
            .abs_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned()),
    }
}

/// Where a new episode's script goes in its folder: the first `script` pattern without
/// wildcards (`script/episode-script.md` by default).
fn new_script_path(episodes: &EpisodesConfig) -> anyhow::Result<&str> {
    const WILDCARDS: &[char] = &['*', '?', '[', ']', '{', '}'];
    match episodes
        .script
        .iter()
        .map(|(pattern, _)| pattern.as_str())
        .find(|p| !p.contains(WILDCARDS) && p.ends_with(".md"))
    {
        Some(path) => Ok(path),
        None => bail!(
            "no `script` pattern in [episodes] names one file, so `episode new` cannot tell where the script goes\n  help: add a pattern without wildcards, such as \"script/episode-script.md\", to `script`"
        ),
    }
}

/// The series `wanted` names (its folder, slug or display name, any case), or the only
/// series when none is named.
fn find_series(series: &[Series], wanted: Option<&str>) -> anyhow::Result<usize> {
    match wanted {
        Some(wanted) => {
            let slug = slugify(wanted);
            let lower = wanted.trim().to_lowercase();
            series
                .iter()
                .position(|s| {
                    s.dir.to_lowercase() == lower
                        || s.name.to_lowercase() == lower
                        || s.slug == slug
                })
                .ok_or_else(|| {
                    anyhow::anyhow!(
                        "no series is called `{wanted}`\n  help: {}",
                        listing(series, "name one of them with --series")
                    )
                })
        }
        None => match series {
            [_] => Ok(0),
            [] => bail!(
                "the course has no series yet\n  help: create a series folder such as episodes/01-basics/ with a first episode in it, then run `episode new` again"
            ),
            _ => bail!(
                "the course has {} series; say which one the episode belongs to\n  help: {}",
                series.len(),
                listing(series, "name one of them with --series")
            ),
        },
    }
}

/// "the series are:" and one line per series: slug, name and folder.
fn listing(series: &[Series], then: &str) -> String {
    let mut out = if series.is_empty() {
        "the course has no series yet; create a series folder such as episodes/01-basics/"
            .to_owned()
    } else {
        format!("{then}; the series are:")
    };
    let width = series.iter().map(|s| s.slug.len()).max().unwrap_or(0);
    for s in series {
        let folder = if s.dir.is_empty() {
            "episodes/".to_owned()
        } else {
            format!("episodes/{}/", s.dir)
        };
        let _ = write!(out, "\n    {:<width$}  {} ({folder})", s.slug, s.name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(dir: &str, name: &str) -> Series {
        let mut s = crate::course::series::from_folder(dir, &[]);
        s.name = name.to_owned();
        s
    }

    #[test]
    fn a_series_is_found_by_folder_slug_or_name() {
        let all = [
            series("01-pattern-drills", "Pattern Drills"),
            series("02-case-studies", "Real-World Cases"),
        ];
        for wanted in [
            "02-case-studies",
            "case-studies",
            "Real-World Cases",
            "real-world cases",
            "Case Studies",
        ] {
            assert_eq!(
                find_series(&all, Some(wanted)).expect(wanted),
                1,
                "{wanted}"
            );
        }
        let err = find_series(&all, Some("drills")).expect_err("no such series");
        let message = err.to_string();
        assert!(
            message.starts_with("no series is called `drills`"),
            "{message}"
        );
        assert!(
            message.contains("pattern-drills  Pattern Drills (episodes/01-pattern-drills/)")
                && message.contains("case-studies    Real-World Cases (episodes/02-case-studies/)"),
            "{message}"
        );
    }

    #[test]
    fn without_a_name_only_a_single_series_is_chosen() {
        let one = [series("01-basics", "Basics")];
        assert_eq!(find_series(&one, None).expect("the only series"), 0);
        let two = [series("01-a", "A"), series("02-b", "B")];
        let message = find_series(&two, None).expect_err("two series").to_string();
        assert!(
            message.contains("has 2 series") && message.contains("--series"),
            "{message}"
        );
        assert!(find_series(&[], None).is_err());
    }
}
