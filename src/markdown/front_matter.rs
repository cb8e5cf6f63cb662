//! Front matter in either format authors bring from other tools: YAML between `---` lines
//! (mdBook plugins, MkDocs, Jekyll, Hugo) or TOML between `+++` lines (Zola, Hugo). Both are
//! read into the same fields ([`FrontMatter::read`]), and an error in either points at its
//! line and column in the file.

use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostic::serde_words::author_words;
use crate::source::SourceFile;

/// The language of a front matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `---` lines.
    Yaml,
    /// Between `+++` lines.
    Toml,
}

/// A document's front matter: its text, the span of that text in the file, and its format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter<'s> {
    /// The text between the delimiter lines.
    pub text: &'s str,
    /// Span of that text in the file.
    pub span: Range<usize>,
    /// YAML or TOML.
    pub format: Format,
}

/// Why front matter cannot be read, and where in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// Byte offset in the file.
    pub offset: usize,
    /// The parser's message, without its own position.
    pub message: String,
}

impl FrontMatter<'_> {
    /// The front matter's fields as `T`; empty front matter (or only comments) gives
    /// `T::default()`. TOML dates and times (`date = 2024-05-01`) are read as their text.
    pub fn read<T: DeserializeOwned + Default>(
        &self,
        source: &SourceFile,
    ) -> Result<T, Unreadable> {
        match self.format {
            Format::Yaml => {
                crate::yaml::from_embedded::<Option<T>>(source, self.span.start, self.text)
                    .map(Option::unwrap_or_default)
                    .map_err(|(offset, message)| Unreadable { offset, message })
            }
            Format::Toml => {
                let unreadable = |err: toml::de::Error| Unreadable {
                    offset: self.span.start + err.span().map_or(0, |span| span.start),
                    message: author_words(err.message().trim()),
                };
                let mut table: toml::Table = toml::from_str(self.text).map_err(unreadable)?;
                table.iter_mut().for_each(|(_, v)| dates_as_text(v));
                toml::Value::Table(table.clone()).try_into().map_err(|err| {
                    // A field of the wrong type or name: the error has no span, so the
                    // field is found by reading each one alone.
                    let field = failing_field::<T>(&table, err.message());
                    let at = field
                        .as_deref()
                        .and_then(|key| top_level_key_at(self.text, key));
                    let message = author_words(err.message().trim());
                    Unreadable {
                        offset: self.span.start + at.unwrap_or(0),
                        message: match field {
                            Some(key) if !message.contains(&format!("`{key}`")) => {
                                format!("`{key}`: {message}")
                            }
                            _ => message,
                        },
                    }
                })
            }
        }
    }

    /// The delimiter line of its format (`---` or `+++`).
    pub fn delimiter(&self) -> &'static str {
        match self.format {
            Format::Yaml => "---",
            Format::Toml => "+++",
        }
    }

    /// The name of its format, for messages.
    pub fn language(&self) -> &'static str {
        match self.format {
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
        }
    }

    /// How a field is written in its format (`date:` or `date =`), to find it in the text.
    pub fn field_marker(&self, key: &str) -> String {
        match self.format {
            Format::Yaml => format!("{key}:"),
            Format::Toml => format!("{key} ="),
        }
    }
}

/// The field of `table` that, read alone as `T`, fails with `message`.
fn failing_field<T: DeserializeOwned>(table: &toml::Table, message: &str) -> Option<String> {
    table.iter().find_map(|(key, value)| {
        let alone = toml::Table::from_iter([(key.clone(), value.clone())]);
        let err = toml::Value::Table(alone).try_into::<T>().err()?;
        (err.message() == message).then(|| key.clone())
    })
}

/// The byte offset in TOML `text` of the line that sets top-level `key` (`key = …`, before
/// any `[table]` header).
fn top_level_key_at(text: &str, key: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            return None;
        }
        let name = trimmed
            .strip_prefix(['"', '\''])
            .and_then(|quoted| quoted.strip_prefix(key)?.strip_prefix(['"', '\'']))
            .or_else(|| trimmed.strip_prefix(key));
        if name.is_some_and(|rest| rest.trim_start().starts_with('=')) {
            return Some(at + line.len() - trimmed.len());
        }
        at += line.len();
    }
    None
}

/// Where a front matter block at the very start of `text` could end: the format of its opening
/// line (`---` or `+++`, trailing whitespace allowed) and the byte length up to and including
/// its first closing line (`---` or `...` for YAML, `+++` for TOML, trailing spaces allowed),
/// as the Markdown parser reads them. `None` when `text` does not open one or never closes it.
///
/// Front matter is only ever at the start of a file: a block shaped like it further down is a
/// rule, a paragraph and a rule, and must be published as such. Only this prefix is read with
/// the parser's front matter option on ([`crate::markdown::walker`]).
pub(crate) fn leading_block(text: &str) -> Option<(Format, usize)> {
    let mut lines = text.split_inclusive('\n');
    let opening = lines.next()?;
    let format = match opening.trim_end_matches(|c: char| c.is_ascii_whitespace()) {
        "---" => Format::Yaml,
        "+++" => Format::Toml,
        _ => return None,
    };
    let mut end = opening.len();
    for line in lines {
        end += line.len();
        let bare = line.trim_end_matches(['\n', '\r']).trim_end_matches(' ');
        let closes = match format {
            Format::Yaml => bare == "---" || bare == "...",
            Format::Toml => bare == "+++",
        };
        if closes {
            return Some((format, end));
        }
    }
    None
}

/// Whether the front matter block `block` (as [`leading_block`] finds it) has no line between
/// its opening and closing lines: an empty front matter, which the parser would otherwise
/// read as two rules.
pub(crate) fn is_empty_block(block: &str) -> bool {
    block.split_inclusive('\n').count() == 2
}

/// Replaces every TOML date or time in `value` by its text, as YAML front matter gives it.
fn dates_as_text(value: &mut toml::Value) {
    match value {
        toml::Value::Datetime(datetime) => *value = toml::Value::String(datetime.to_string()),
        toml::Value::Array(items) => items.iter_mut().for_each(dates_as_text),
        toml::Value::Table(table) => table.iter_mut().for_each(|(_, v)| dates_as_text(v)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, serde::Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Fields {
        title: Option<String>,
        number: Option<u32>,
        date: Option<String>,
        #[serde(default)]
        tags: Vec<String>,
    }

    fn toml_in(text: &str) -> (SourceFile, FrontMatter<'static>) {
        let file = format!("+++\n{text}+++\n# Title\n");
        let text: &'static str = Box::leak(text.to_owned().into_boxed_str());
        let front = FrontMatter {
            text,
            span: 4..4 + text.len(),
            format: Format::Toml,
        };
        (SourceFile::from_string("e.md", file), front)
    }

    #[test]
    fn toml_fields_and_dates_read_as_yaml_ones_do() {
        let (source, front) =
            toml_in("title = \"Retries\"\nnumber = 3\ndate = 2024-05-01\ntags = [\"a\", \"b\"]\n");
        let fields: Fields = front.read(&source).expect("reads");
        assert_eq!(
            fields,
            Fields {
                title: Some("Retries".to_owned()),
                number: Some(3),
                date: Some("2024-05-01".to_owned()),
                tags: vec!["a".to_owned(), "b".to_owned()],
            }
        );
        let (source, empty) = toml_in("");
        assert_eq!(empty.read::<Fields>(&source), Ok(Fields::default()));
    }

    #[test]
    fn toml_errors_point_into_the_file() {
        let (source, front) = toml_in("title = \"Retries\"\nnumber = [3\n");
        let err = front.read::<Fields>(&source).expect_err("unclosed array");
        assert_eq!(source.line_col(err.offset).line, 3, "{err:?}");
        let (source, front) = toml_in("title = \"Retries\"\nweight = 3\n");
        let err = front.read::<Fields>(&source).expect_err("unknown field");
        assert!(err.message.contains("weight"), "{err:?}");
        assert_eq!(source.line_col(err.offset).line, 3, "{err:?}");
        // A field of the wrong type is found at its value, even below a date.
        let (source, front) =
            toml_in("date = 2024-05-01\ntitle = \"Retries\"\nnumber = \"three\"\n");
        let err = front.read::<Fields>(&source).expect_err("wrong type");
        let at = source.line_col(err.offset);
        assert_eq!((at.line, at.column), (4, 1), "{err:?}");
        assert!(err.message.starts_with("`number`: "), "{err:?}");
    }
}
