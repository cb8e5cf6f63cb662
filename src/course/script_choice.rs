//! Which of the files a `script` pattern matched make the script, and in which order.
//!
//! Script folders hold versions of one script side by side (`episode-script.md`,
//! `episode-script-final.md`, `episode-script-backup.md`), and a whole script next to its
//! parts. Joining them would print the script twice, so one version is used. Each file's name
//! is read for a part number (`-part2`, `_pt2`) and for version markers (`-final`,
//! `-backup`, `-v2`, ...); the first rank present wins:
//!
//! 0. unmarked files without a part number (the main file; several such files, like
//!    `01-intro.md` and `02-body.md`, are parts in natural order);
//! 1. files marked `complete`, `final` or `consolidated`;
//! 2. unmarked part-numbered files (the parts);
//! 3. files with another marker (`draft`, `old`, `copy`, `new`, `v2`, ...);
//! 4. files marked `partial` or `backup`.
//!
//! Within ranks 1, 3 and 4 a version without a part number is used alone (the first in
//! natural order); otherwise the part-numbered files of the rank are the parts, by number.
//! Every other file is ignored.

use std::cmp::Ordering;

/// The files used, in reading order, and the files ignored, in natural order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choice<'a> {
    /// The script's files, in reading order (empty when nothing matched).
    pub used: Vec<&'a str>,
    /// The other versions, not read.
    pub ignored: Vec<&'a str>,
}

/// A file name, read.
#[derive(Debug)]
struct Name<'a> {
    path: &'a str,
    part: Option<u32>,
    rank: u8,
}

/// Chooses among `paths` (relative to the episode folder), as the module doc says.
pub fn choose<'a>(paths: &[&'a str]) -> Choice<'a> {
    let mut names: Vec<Name<'a>> = paths.iter().map(|p| read_name(p)).collect();
    names.sort_by(|a, b| natural_cmp(a.path, b.path));
    names.dedup_by(|a, b| a.path == b.path);
    // Beside numbered parts, an unmarked file is the whole script only when it is named like
    // them (`episode-script.md` beside `episode-script-part1.md`) or is numbered itself
    // (`01-intro.md`); any other (`outline.md`, `todo.md`) is not the script, and never
    // wins over the parts.
    let part_bases: Vec<String> = names
        .iter()
        .filter(|n| n.rank == 2)
        .map(|n| part_base(n.path))
        .collect();
    if !part_bases.is_empty() {
        for name in names.iter_mut().filter(|n| n.rank == 0) {
            let stem = stem_of(name.path).to_ascii_lowercase();
            let numbered = stem.starts_with(|c: char| c.is_ascii_digit());
            if !numbered && !part_bases.contains(&stem) {
                name.rank = UNRELATED;
            }
        }
    }
    let Some(best) = names.iter().map(|n| n.rank).min() else {
        return Choice::default();
    };
    let in_rank: Vec<&Name<'a>> = names.iter().filter(|n| n.rank == best).collect();
    let mut used: Vec<&Name<'a>> = match best {
        0 | 2 => in_rank,
        _ => match in_rank.iter().find(|n| n.part.is_none()) {
            Some(whole) => vec![*whole],
            None => in_rank,
        },
    };
    used.sort_by(|a, b| {
        a.part
            .cmp(&b.part)
            .then_with(|| natural_cmp(a.path, b.path))
    });
    let used: Vec<&'a str> = used.iter().map(|n| n.path).collect();
    // Files that are no version of the script are not "ignored versions": the caller reports
    // them as files no pattern publishes.
    let ignored = names
        .iter()
        .filter(|n| n.rank != UNRELATED)
        .map(|n| n.path)
        .filter(|p| !used.contains(p))
        .collect();
    Choice { used, ignored }
}

/// The rank of a file that is neither the script nor a version of it.
const UNRELATED: u8 = 5;

/// A file name without its folders and extension.
fn stem_of(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// The name a part-numbered file shares with its siblings: its stem, lower case, up to the
/// part word (`episode-script-part2` → `episode-script`).
fn part_base(path: &str) -> String {
    let lower = stem_of(path).to_ascii_lowercase();
    let cut = ["part", "pt"]
        .iter()
        .filter_map(|word| {
            lower
                .match_indices(word)
                .map(|(at, _)| at)
                .find(|&at| at > 0 && lower[..at].ends_with(['-', '_', '.', ' ']))
        })
        .min()
        .unwrap_or(lower.len());
    lower[..cut]
        .trim_end_matches(['-', '_', '.', ' '])
        .to_owned()
}

/// Whether a file's name marks it as a version or a part of a script (`-final`, `-backup`,
/// `-part2`, `-v2`), rather than a file of its own (`outline.md`).
pub fn is_version(path: &str) -> bool {
    read_name(path).rank != 0
}

/// Reads a part number and version markers off a file's name (its words after the first,
/// split at `-`, `_`, `.` and spaces).
fn read_name(path: &str) -> Name<'_> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let lower = stem.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(['-', '_', '.', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    let mut part = None;
    let (mut good, mut weak, mut other) = (false, false, false);
    for (index, word) in words.iter().enumerate().skip(1) {
        if let Some(n) = numbered(word, &["part", "pt"]) {
            part = Some(n);
        } else if matches!(*word, "part" | "pt") {
            part = words.get(index + 1).and_then(|w| w.parse().ok()).or(part);
        } else if matches!(*word, "complete" | "completed" | "final" | "consolidated") {
            good = true;
        } else if matches!(*word, "partial" | "backup" | "bak") {
            weak = true;
        } else if matches!(
            *word,
            "draft" | "old" | "copy" | "new" | "orig" | "original" | "tmp" | "wip" | "alt"
        ) || numbered(word, &["v"]).is_some()
        {
            other = true;
        }
    }
    let rank = if weak {
        4
    } else if good {
        1
    } else if other {
        3
    } else if part.is_some() {
        2
    } else {
        0
    };
    Name { path, part, rank }
}

/// `part12` → 12 for one of `prefixes`.
fn numbered(word: &str, prefixes: &[&str]) -> Option<u32> {
    prefixes.iter().find_map(|p| {
        let digits = word.strip_prefix(p)?;
        (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
    })
}

/// Natural order: runs of digits compare as numbers (`part2` before `part10`).
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let da = a.iter().take_while(|c| c.is_ascii_digit()).count();
                let db = b.iter().take_while(|c| c.is_ascii_digit()).count();
                let (na, nb) = (trim_zeros(&a[..da]), trim_zeros(&b[..db]));
                let order = na.len().cmp(&nb.len()).then_with(|| na.cmp(nb));
                if order != Ordering::Equal {
                    return order;
                }
                a = &a[da..];
                b = &b[db..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                a = &a[1..];
                b = &b[1..];
            }
        }
    }
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let zeros = digits.iter().take_while(|&&c| c == b'0').count();
    &digits[zeros..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_named_unlike_the_parts_never_wins_over_them() {
        let choice = choose(&[
            "script/ep-part1.md",
            "script/outline.md",
            "script/ep-part2.md",
        ]);
        assert_eq!(choice.used, ["script/ep-part1.md", "script/ep-part2.md"]);
        assert!(
            choice.ignored.is_empty(),
            "outline.md is no version of the script"
        );
        let choice = choose(&["script/ep-part1.md", "script/ep.md", "script/ep-part2.md"]);
        assert_eq!(
            choice.used,
            ["script/ep.md"],
            "the whole script beside its parts"
        );
        assert_eq!(
            part_base("script/episode-script-part10.md"),
            "episode-script"
        );
        assert_eq!(part_base("script/Episode_Script_Pt2.md"), "episode_script");
    }

    #[test]
    fn versions_and_parts_are_marked_and_other_files_are_not() {
        for path in [
            "script/episode-script-final.md",
            "script/episode-script-part2.md",
            "script/episode-script-backup.md",
            "script/episode-script-v2.md",
        ] {
            assert!(is_version(path), "{path}");
        }
        for path in ["script/outline.md", "script/episode-script.md"] {
            assert!(!is_version(path), "{path}");
        }
    }

    fn pick<'a>(paths: &[&'a str]) -> (Vec<&'a str>, Vec<&'a str>) {
        let c = choose(paths);
        (c.used, c.ignored)
    }

    #[test]
    fn parts_are_read_in_natural_order() {
        let (used, ignored) = pick(&["s/ep-part10.md", "s/ep-part2.md", "s/ep-part1.md"]);
        assert_eq!(used, ["s/ep-part1.md", "s/ep-part2.md", "s/ep-part10.md"]);
        assert!(ignored.is_empty());
    }

    #[test]
    fn the_main_file_wins_over_final_backup_and_parts() {
        let (used, ignored) = pick(&[
            "s/episode-script-backup.md",
            "s/episode-script.md",
            "s/episode-script-final.md",
            "s/episode-script-part1.md",
        ]);
        assert_eq!(used, ["s/episode-script.md"]);
        assert_eq!(
            ignored,
            [
                "s/episode-script-backup.md",
                "s/episode-script-final.md",
                "s/episode-script-part1.md"
            ]
        );
    }

    #[test]
    fn a_consolidated_version_wins_over_parts_and_parts_over_backups() {
        let (used, _) = pick(&[
            "s/x-part1.md",
            "s/x-part2.md",
            "s/x-consolidated.md",
            "s/x-partial.md",
        ]);
        assert_eq!(used, ["s/x-consolidated.md"]);
        let (used, ignored) = pick(&["s/x-part2.md", "s/x-part1.md", "s/x-backup.md", "s/x-v2.md"]);
        assert_eq!(used, ["s/x-part1.md", "s/x-part2.md"]);
        assert_eq!(ignored, ["s/x-backup.md", "s/x-v2.md"]);
        let (used, _) = pick(&["s/x-draft.md", "s/x-backup.md"]);
        assert_eq!(used, ["s/x-draft.md"]);
    }

    #[test]
    fn unmarked_files_without_part_numbers_are_parts() {
        let (used, ignored) = pick(&["s/02-body.md", "s/10-end.md", "s/01-intro.md"]);
        assert_eq!(used, ["s/01-intro.md", "s/02-body.md", "s/10-end.md"]);
        assert!(ignored.is_empty());
    }

    #[test]
    fn natural_order_compares_numbers_by_value() {
        assert_eq!(natural_cmp("part2", "part10"), Ordering::Less);
        assert_eq!(natural_cmp("part010", "part9"), Ordering::Greater);
        assert_eq!(natural_cmp("a", "b"), Ordering::Less);
    }
}
