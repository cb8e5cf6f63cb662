//! Where each series and episode is published, so that no two share a path.
//!
//! Paths come from names: a series folder `02-c++` publishes under `c/`, an episode file
//! `Episode-09.md` at `episode-09.html`. Different names can give the same path (`c++` and
//! `c`, `Episode-09.md` and `episode-09.MD`, an episode `index.md` and its series' own page),
//! and paths that differ only in letter case are one file on macOS and Windows. Every such
//! collision is an `output-collision` error naming both sources; the first source in sorted
//! order keeps the path and the other gets a numbered variant (`c-2/`, `episode-09-2.html`).
//! Because the course model carries the resolved paths, every link of the site (navigation,
//! series pages, previous/next, sitemap, coverage) points at the page actually written.

use crate::course::load::Loaded;
use crate::course::{Episode, Series};
use crate::diagnostic::{Diagnostic, RuleId};
use crate::markdown::slug::slugify;
use crate::names::{Claims, Taken};

/// The page name of an episode file: its stem as a slug, or `episode-N` when the stem has no
/// letter or digit to keep (`!!!.md`).
pub fn page_stem(file_stem: &str, number: u32) -> String {
    if file_stem.chars().any(char::is_alphanumeric) {
        slugify(file_stem)
    } else {
        format!("episode-{number}")
    }
}

/// The episode number a file name gives: `episode-05-retries` and `ep12_caching` (any case,
/// any separator), or leading digits such as `05-retries` (up to 999, so a date prefix like
/// `2024-03-01-notes` is not read as a number).
pub fn number_from_file_name(stem: &str) -> Option<u32> {
    let lower = stem.to_ascii_lowercase();
    let (rest, keyword) = match ["episode", "ep"].iter().find_map(|k| lower.strip_prefix(k)) {
        Some(rest) => (rest.trim_start_matches(['-', '_', ' ', '.']), true),
        None => (lower.as_str(), false),
    };
    let digits_end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    if digits_end == 0 || rest[digits_end..].starts_with(|c: char| c.is_alphabetic()) {
        return None;
    }
    let number: u32 = rest[..digits_end].parse().ok()?;
    (keyword || number <= 999).then_some(number)
}

/// The title an episode folder's name gives, without its number: `episode-001-queueing` →
/// "Queueing", `ep01-circuit-breakers` → "Circuit Breakers", `030-load-shedding` → "Load
/// Shedding". Empty when the name is only a number.
pub fn title_from_episode_name(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let skip = ["episode", "ep"]
        .iter()
        .find(|k| lower.starts_with(*k) && number_from_file_name(name).is_some())
        .map_or(0, |k| k.len());
    let rest = name[skip..].trim_start_matches(['-', '_', ' ', '.']);
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    crate::names::title_from_folder(rest)
}

/// The path of a series' print page (every episode on one page).
pub fn print_page(slug: &str) -> String {
    format!("{slug}/print.html")
}

/// The path of a series' own page.
pub fn series_page(slug: &str) -> String {
    format!("{slug}/index.html")
}

/// Gives every series a slug of its own. `series` is in folder order (sorted by name).
pub fn unique_series(series: &mut [Series], loaded: &Loaded) -> Vec<Diagnostic> {
    let wanted: Vec<String> = series.iter().map(|s| s.slug.clone()).collect();
    let mut claims = Claims::new(wanted.iter().map(String::as_str));
    let mut diagnostics = Vec::new();
    for index in 0..series.len() {
        let slug = series[index].slug.clone();
        let claimed = claims.claim(&slug, index, |n| format!("{slug}-{n}"));
        if let Err(Taken { owner, instead }) = claimed {
            let (this, first) = (&series[index], &series[owner]);
            diagnostics.push(
                Diagnostic::new(
                    RuleId::OutputCollision,
                    first_file(loaded, &this.dir),
                    0..0,
                    format!(
                        "series folder `{}` would be published under `{slug}/`, like series folder `{}`; it is published under `{instead}/` instead",
                        folder(&this.dir),
                        folder(&first.dir),
                    ),
                )
                .related(
                    first_file(loaded, &first.dir),
                    0..0,
                    format!("series folder `{}` keeps `{slug}/`", folder(&first.dir)),
                )
                .help("rename one of the two folders: series paths are folder names lowercased, with punctuation dropped"),
            );
            series[index].slug = instead;
        }
    }
    diagnostics
}

/// Gives every episode a page path of its own, never the path of a series page.
/// `episodes` is in file order (sorted by path), which decides who keeps a contested path.
pub fn unique_pages(
    episodes: &mut [Episode],
    series: &[Series],
    loaded: &Loaded,
) -> Vec<Diagnostic> {
    #[derive(Clone, Copy)]
    enum Owner {
        SeriesPage(usize),
        Episode(usize),
    }
    let series_pages: Vec<(String, usize)> = series
        .iter()
        .enumerate()
        .flat_map(|(i, s)| [(series_page(&s.slug), i), (print_page(&s.slug), i)])
        .collect();
    let wanted = series_pages
        .iter()
        .map(|(page, _)| page)
        .chain(episodes.iter().map(|e| &e.url))
        .map(String::as_str);
    let mut claims = Claims::new(wanted);
    for (page, index) in &series_pages {
        // Series slugs are unique, so their pages are too.
        let _ = claims.claim(page, Owner::SeriesPage(*index), |_| page.clone());
    }
    let mut diagnostics = Vec::new();
    for index in 0..episodes.len() {
        let url = episodes[index].url.clone();
        let base = url.strip_suffix(".html").unwrap_or(&url).to_owned();
        let claimed = claims.claim(&url, Owner::Episode(index), |n| format!("{base}-{n}.html"));
        let Err(Taken { owner, instead }) = claimed else {
            continue;
        };
        let this = &loaded.episodes[episodes[index].file].source.rel_path;
        let (first, what) = match owner {
            Owner::Episode(other) => {
                let other = &loaded.episodes[episodes[other].file].source.rel_path;
                (other.clone(), format!("the page of {other}"))
            }
            Owner::SeriesPage(s) => {
                let s = &series[s];
                (
                    first_file(loaded, &s.dir),
                    format!("the page of series `{}`", s.name),
                )
            }
        };
        diagnostics.push(
            Diagnostic::new(
                RuleId::OutputCollision,
                this,
                0..0,
                format!(
                    "this episode would be published at `{url}`, which is {what}; it is published at `{instead}` instead"
                ),
            )
            .related(first, 0..0, format!("keeps `{url}`"))
            .help(match owner {
                Owner::Episode(_) => "rename one of the two files: page paths are file names lowercased, with punctuation dropped",
                Owner::SeriesPage(_) => "rename this file: `index` is the name of the series' own page",
            }),
        );
        episodes[index].url = instead;
    }
    diagnostics
}

/// The first episode file of the series in folder `dir` (course-relative), to point at.
fn first_file(loaded: &Loaded, dir: &str) -> String {
    loaded
        .episodes
        .iter()
        .find(|e| e.series_dir == dir)
        .map(|e| e.source.rel_path.clone())
        .unwrap_or_default()
}

/// A series folder as the author named it (`episodes/` for loose files).
fn folder(dir: &str) -> &str {
    if dir.is_empty() { "episodes/" } else { dir }
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_give_numbers_as_authors_write_them() {
        use super::number_from_file_name as number;
        assert_eq!(number("episode-05-retries"), Some(5));
        assert_eq!(number("Episode_12"), Some(12));
        assert_eq!(number("ep3-caching"), Some(3));
        assert_eq!(number("07-backpressure"), Some(7));
        assert_eq!(number("2024-03-01-notes"), None);
        assert_eq!(number("epilogue"), None);
        assert_eq!(number("3d-printing"), None);
        assert_eq!(number("overview"), None);
    }

    use super::*;

    #[test]
    fn episode_folder_names_give_titles_without_their_number() {
        assert_eq!(title_from_episode_name("episode-001-queueing"), "Queueing");
        assert_eq!(
            title_from_episode_name("ep01-circuit-breakers"),
            "Circuit Breakers"
        );
        assert_eq!(
            title_from_episode_name("030-load-shedding"),
            "Load Shedding"
        );
        assert_eq!(title_from_episode_name("episode-007"), "");
        assert_eq!(title_from_episode_name("epilogue"), "Epilogue");
    }

    #[test]
    fn a_stem_without_letters_or_digits_is_named_after_the_number() {
        assert_eq!(page_stem("!!!", 4), "episode-4");
        assert_eq!(page_stem("Episode-09", 9), "episode-09");
    }
}
