//! `[[series]]` and `[[lint.series]]` entries checked against the folders under `episodes/`.
//!
//! An entry whose slug names no folder, or the same slug twice in one list, would be ignored
//! without a word (the settings the author thinks they have would not apply). Each is an error
//! at its line in `book.toml`, with the slugs that exist, closest first.

use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, RuleId};
use crate::source::SourceFile;

/// The slugs of `book.toml`, with their places (read again, leniently: the strict parse in
/// `config` has already accepted the file).
#[derive(Debug, Default, Deserialize)]
struct SpannedSlugs {
    #[serde(default)]
    series: Vec<SlugEntry>,
    #[serde(default)]
    lint: SpannedLint,
}

#[derive(Debug, Default, Deserialize)]
struct SpannedLint {
    #[serde(default)]
    series: Vec<SlugEntry>,
}

#[derive(Debug, Deserialize)]
struct SlugEntry {
    slug: toml::Spanned<String>,
}

/// Findings for slugs in `book.toml` that match none of `known` (the slugs of the series
/// folders), or repeat an earlier entry of the same list.
pub(crate) fn check(source: &SourceFile, known: &[String]) -> Vec<Diagnostic> {
    let Ok(slugs) = toml::from_str::<SpannedSlugs>(&source.text) else {
        return Vec::new();
    };
    let mut diagnostics = Vec::new();
    for (table, entries) in [
        ("[[series]]", &slugs.series),
        ("[[lint.series]]", &slugs.lint.series),
    ] {
        let mut seen: Vec<(&str, Range<usize>)> = Vec::new();
        for entry in entries {
            let slug = entry.slug.get_ref().as_str();
            let span = entry.slug.span();
            if let Some((_, first)) = seen.iter().find(|(s, _)| *s == slug) {
                diagnostics.push(
                    Diagnostic::new(
                        RuleId::Config,
                        &source.rel_path,
                        span.clone(),
                        format!("series `{slug}` has two {table} entries"),
                    )
                    .related(&source.rel_path, first.clone(), "first entry")
                    .help("merge the two entries: only one of them would apply"),
                );
            } else if !known.iter().any(|k| k == slug) {
                diagnostics.push(
                    Diagnostic::new(
                        RuleId::Config,
                        &source.rel_path,
                        span.clone(),
                        format!("{table} names series `{slug}`, but no folder under episodes/ is that series"),
                    )
                    .help(folders_help(slug, known)),
                );
            }
            seen.push((slug, span));
        }
    }
    diagnostics
}

fn folders_help(slug: &str, known: &[String]) -> String {
    if known.is_empty() {
        return "episodes/ has no series folders; a series is a folder such as episodes/01-basics (slug `basics`)".to_owned();
    }
    let mut ranked: Vec<&String> = known.iter().collect();
    ranked.sort_by_key(|k| (strsim::levenshtein(slug, k), k.as_str()));
    let list: Vec<String> = ranked.iter().map(|k| format!("`{k}`")).collect();
    format!(
        "the series are {} (a slug is the folder name without its number prefix)",
        list.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_and_repeated_slugs_are_found_at_their_line() {
        let source = SourceFile::from_string(
            "book.toml",
            "[[series]]\nslug = \"basics\"\n\n[[series]]\nslug = \"advnced\"\n\n[[lint.series]]\nslug = \"basics\"\n\n[[lint.series]]\nslug = \"basics\"\n",
        );
        let known = [
            "zebra".to_owned(),
            "advanced".to_owned(),
            "basics".to_owned(),
        ];
        let found = check(&source, &known);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(source.line_col(found[0].span.start).line, 5);
        assert!(
            found[0].message.contains("series `advnced`"),
            "{}",
            found[0].message
        );
        assert!(
            found[0]
                .help
                .first()
                .is_some_and(|h| h.starts_with("the series are `advanced`, `basics`, `zebra`")),
            "{:?}",
            found[0].help
        );
        assert_eq!(source.line_col(found[1].span.start).line, 11);
        assert!(found[1].message.contains("two [[lint.series]] entries"));
    }
}
