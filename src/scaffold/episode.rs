//! The text of a new episode: YAML front matter with the title, the number and the other
//! fields the series' episodes use, the title heading, the sections `book.toml` requires and
//! the sections the recommendations ask for.

use std::collections::BTreeSet;

use crate::course::EpisodeMeta;
use crate::markdown::Document;

/// A front matter field besides the title and number, in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Field {
    /// `series:`, the series' display name.
    Series,
    /// `duration:`
    Duration,
    /// `difficulty:`
    Difficulty,
    /// `audience:`
    Audience,
    /// `prerequisites: []`
    Prerequisites,
    /// `summary:`
    Summary,
    /// `tags: []`
    Tags,
    /// `draft: false`
    Draft,
    /// `date:`, today.
    Date,
}

impl Field {
    /// The field of a front matter key; `None` for the title, the number and `lint_allow`,
    /// which a new episode does not copy.
    fn of_key(key: &str) -> Option<Field> {
        Some(match key {
            "series" => Field::Series,
            "duration" => Field::Duration,
            "difficulty" => Field::Difficulty,
            "audience" => Field::Audience,
            "prerequisites" => Field::Prerequisites,
            "summary" => Field::Summary,
            "tags" => Field::Tags,
            "draft" => Field::Draft,
            "date" => Field::Date,
            _ => return None,
        })
    }
}

/// The fields an episode uses, from its front matter keys and, for episodes written with
/// bold header lines, from the metadata those gave. A summary read from the first paragraph
/// is not a field the author wrote, so only front matter counts for it.
pub(crate) fn fields_of(doc: &Document<'_>, meta: &EpisodeMeta) -> BTreeSet<Field> {
    let mut fields: BTreeSet<Field> = doc
        .front_matter
        .as_ref()
        .and_then(|front| front.read::<yaml_serde::Mapping>(doc.source).ok())
        .into_iter()
        .flat_map(|mapping| {
            mapping
                .keys()
                .filter_map(|k| k.as_str().and_then(Field::of_key))
                .collect::<Vec<_>>()
        })
        .collect();
    let from_meta = [
        (meta.series.is_some(), Field::Series),
        (meta.duration.is_some(), Field::Duration),
        (meta.difficulty.is_some(), Field::Difficulty),
        (meta.audience.is_some(), Field::Audience),
        (!meta.prerequisites.is_empty(), Field::Prerequisites),
        (!meta.tags.is_empty(), Field::Tags),
        (meta.date.is_some(), Field::Date),
    ];
    fields.extend(
        from_meta
            .into_iter()
            .filter(|(used, _)| *used)
            .map(|(_, f)| f),
    );
    fields
}

/// What a new episode is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewEpisode<'a> {
    /// Its title.
    pub(crate) title: &'a str,
    /// Its number in the series.
    pub(crate) number: u32,
    /// The series' display name (for `series:`).
    pub(crate) series: &'a str,
    /// Front matter fields besides title and number.
    pub(crate) fields: &'a BTreeSet<Field>,
    /// Today, as `2024-03-01` (for `date:`).
    pub(crate) today: &'a str,
    /// Headings of the required sections.
    pub(crate) required: &'a [String],
    /// The recommended sections, as Markdown.
    pub(crate) recommended: &'a [String],
}

/// The Markdown of the episode.
pub(crate) fn text(episode: &NewEpisode<'_>) -> String {
    let mut out = String::from("---\n");
    out.push_str(&format!("title: {}\n", yaml_scalar(episode.title)));
    for field in episode.fields {
        let line = match field {
            Field::Series => format!("series: {}", yaml_scalar(episode.series)),
            Field::Duration => "duration:".to_owned(),
            Field::Difficulty => "difficulty:".to_owned(),
            Field::Audience => "audience:".to_owned(),
            Field::Prerequisites => "prerequisites: []".to_owned(),
            Field::Summary => "summary:".to_owned(),
            Field::Tags => "tags: []".to_owned(),
            Field::Draft => "draft: false".to_owned(),
            Field::Date => format!("date: {}", episode.today),
        };
        out.push_str(&line);
        out.push('\n');
        // The number follows the series, as authors write them.
        if *field == Field::Series {
            out.push_str(&format!("number: {}\n", episode.number));
        }
    }
    if !episode.fields.contains(&Field::Series) {
        out.push_str(&format!("number: {}\n", episode.number));
    }
    out.push_str("---\n\n");
    out.push_str(&format!(
        "# Episode {}: {}\n\n",
        episode.number,
        episode
            .title
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    ));
    for heading in episode.required {
        out.push_str(&format!("## {heading}\n\n"));
    }
    for section in episode.recommended {
        out.push_str(section);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// A YAML scalar for `text`: as written when YAML reads it back as that string, else
/// double-quoted (a JSON string is a valid YAML double-quoted scalar).
fn yaml_scalar(text: &str) -> String {
    let plain = text.chars().next().is_some_and(char::is_alphabetic)
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " -_.,()'&/!?+".contains(c))
        && !text.ends_with(' ')
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        );
    if plain {
        text.to_owned()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_read_back_as_the_same_string() {
        for text in [
            "Caching at the Edge",
            "Retries: the sequel",
            "# not a comment",
            "- not a list",
            "yes",
            "Null",
            "42",
            "\"quoted\" and \\ slashed",
            "Ünïcode — ok",
            "trailing ",
            "",
        ] {
            let yaml = format!("value: {}\n", yaml_scalar(text));
            let read: std::collections::BTreeMap<String, String> =
                yaml_serde::from_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
            assert_eq!(read["value"], text, "{yaml}");
        }
        assert_eq!(yaml_scalar("Caching at the Edge"), "Caching at the Edge");
    }

    #[test]
    fn the_front_matter_has_the_fields_the_series_uses() {
        let fields: BTreeSet<Field> = [Field::Tags, Field::Series, Field::Draft, Field::Date]
            .into_iter()
            .collect();
        let required = ["Summary".to_owned()];
        let text = text(&NewEpisode {
            title: "Retries: Part 2",
            number: 4,
            series: "Systems in Production",
            fields: &fields,
            today: "2025-01-31",
            required: &required,
            recommended: &["## Numbers\n\n```metrics\nitems: []\n```\n\n".to_owned()],
        });
        assert_eq!(
            text,
            "---\ntitle: \"Retries: Part 2\"\nseries: Systems in Production\nnumber: 4\ntags: []\ndraft: false\ndate: 2025-01-31\n---\n\n# Episode 4: Retries: Part 2\n\n## Summary\n\n## Numbers\n\n```metrics\nitems: []\n```\n"
        );
    }
}
