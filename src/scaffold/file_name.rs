//! The file name of a new episode, in the style of the series' own files: `episode-03-…`,
//! `ep3_…` or `03-…`, zero-padded as they are, then the title as a slug.

use crate::course::paths::number_from_file_name;
use crate::markdown::slug::slugify;

/// Longest slug of the title kept in a file name, in bytes (cut at a word boundary).
const MAX_SLUG: usize = 60;

/// How a series names its episode files: `episode-03-retries` is the prefix `episode-`, a
/// number zero-padded to 2 digits, then `-` and the title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Convention {
    /// Before the number, as written (`episode-`, `Ep_`, or nothing).
    prefix: String,
    /// Digits the number is zero-padded to (1: not padded).
    width: usize,
    /// Between the number and the title, and between the title's words.
    separator: char,
}

impl Default for Convention {
    /// `episode-01-title.md`, the style of the example course.
    fn default() -> Self {
        Self {
            prefix: "episode-".to_owned(),
            width: 2,
            separator: '-',
        }
    }
}

/// A numbered file stem taken apart.
#[derive(Debug, PartialEq, Eq)]
struct Parts<'s> {
    prefix: &'s str,
    digits: &'s str,
    separator: Option<char>,
}

impl Convention {
    /// The convention of a series, from the file stems of its episodes in number order: the
    /// prefix and separator of the last numbered one, padded when any is (`09`). Stems that
    /// give no number (`intro`, `lesson-three`) say nothing; without any, the default.
    pub(crate) fn learn(stems: &[&str]) -> Self {
        let numbered: Vec<Parts<'_>> = stems.iter().filter_map(|s| parts(s)).collect();
        let Some(last) = numbered.last() else {
            return Self::default();
        };
        let width = numbered
            .iter()
            .filter(|p| p.digits.len() > 1 && p.digits.starts_with('0'))
            .map(|p| p.digits.len())
            .max()
            .unwrap_or(1);
        let before_number = last.prefix.chars().last().filter(|c| is_separator(*c));
        Self {
            prefix: last.prefix.to_owned(),
            width,
            separator: last.separator.or(before_number).unwrap_or('-'),
        }
    }

    /// `episode-04-caching-at-the-edge.md`; a title with no letter or digit gives
    /// `episode-04.md`.
    pub(crate) fn file_name(&self, number: u32, title: &str) -> String {
        let mut name = format!("{}{:0width$}", self.prefix, number, width = self.width);
        if title.chars().any(char::is_alphanumeric) {
            name.push(self.separator);
            name.push_str(&short_slug(title).replace('-', &self.separator.to_string()));
        }
        name.push_str(".md");
        name
    }
}

/// `episode-05-retries` → prefix `episode-`, digits `05`, separator `-`; `None` when the stem
/// gives no number, as [`number_from_file_name`] reads it.
fn parts(stem: &str) -> Option<Parts<'_>> {
    number_from_file_name(stem)?;
    let lower = stem.to_ascii_lowercase();
    let keyword = ["episode", "ep"]
        .iter()
        .find(|k| lower.starts_with(*k))
        .map_or(0, |k| k.len());
    let after_keyword = &stem[keyword..];
    let digits_at =
        keyword + (after_keyword.len() - after_keyword.trim_start_matches(is_separator).len());
    let rest = &stem[digits_at..];
    let digits_len = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    Some(Parts {
        prefix: &stem[..digits_at],
        digits: &rest[..digits_len],
        separator: rest[digits_len..]
            .chars()
            .next()
            .filter(|c| is_separator(*c)),
    })
}

fn is_separator(c: char) -> bool {
    matches!(c, '-' | '_' | ' ' | '.')
}

/// The slug of the title, cut at a word boundary past [`MAX_SLUG`] bytes.
fn short_slug(title: &str) -> String {
    let slug = slugify(title);
    if slug.len() <= MAX_SLUG {
        return slug;
    }
    let mut cut = MAX_SLUG;
    while !slug.is_char_boundary(cut) {
        cut -= 1;
    }
    let cut = slug[..cut].rfind('-').unwrap_or(cut);
    slug[..cut].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_series_style_is_followed() {
        let padded = Convention::learn(&["episode-01-intro", "episode-02-retries"]);
        assert_eq!(
            padded.file_name(3, "Caching at the Edge!"),
            "episode-03-caching-at-the-edge.md"
        );
        let bare = Convention::learn(&["01-basics", "02-more"]);
        assert_eq!(bare.file_name(3, "Next"), "03-next.md");
        let unpadded = Convention::learn(&["ep1_start", "ep2_more"]);
        assert_eq!(unpadded.file_name(3, "Deep Dive"), "ep3_deep_dive.md");
        let keyword_case = Convention::learn(&["Episode_12"]);
        assert_eq!(
            keyword_case.file_name(13, "Wrap up"),
            "Episode_13_wrap_up.md"
        );
        let wider = Convention::learn(&["episode-009-a", "episode-010-b"]);
        assert_eq!(wider.file_name(11, "C"), "episode-011-c.md");
    }

    #[test]
    fn padding_comes_from_any_padded_file() {
        let conv = Convention::learn(&["episode-09-a", "episode-10-b"]);
        assert_eq!(conv.file_name(11, "c"), "episode-11-c.md");
        assert_eq!(conv.file_name(7, "c"), "episode-07-c.md");
    }

    #[test]
    fn without_numbered_files_the_default_style_is_used() {
        let conv = Convention::learn(&["overview", "lesson-three"]);
        assert_eq!(conv, Convention::default());
        assert_eq!(conv.file_name(1, "Hello"), "episode-01-hello.md");
        assert_eq!(conv.file_name(2, "???"), "episode-02.md");
    }

    #[test]
    fn a_long_title_is_cut_at_a_word() {
        let name = Convention::default().file_name(
            1,
            "A very long title that goes on and on about retries, budgets, backoff and jitter",
        );
        assert_eq!(
            name,
            "episode-01-a-very-long-title-that-goes-on-and-on-about-retries-budgets.md"
        );
    }
}
