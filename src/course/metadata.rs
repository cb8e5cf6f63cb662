//! Episode metadata, from YAML front matter or from the bold header lines real authors write.
//!
//! Front matter wins field by field; whatever it leaves out is taken from the header lines of
//! the title block (`**Series**: …`, `**Duration:** …` under the H1, see
//! [`crate::markdown::title`]) and from the H1 itself
//! (`# Episode 3: Retries Without Regret` gives the number and the title).

use crate::markdown::front_matter::{Format, FrontMatter as FrontMatterBlock, Unreadable};
use serde::Deserialize;

use crate::diagnostic::{Diagnostic, RuleId, Severity};
use crate::markdown::{Document, Paragraph, title};

/// Metadata of one episode, as far as the file tells.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct EpisodeMeta {
    /// Title without the "Episode N:" prefix.
    pub title: Option<String>,
    /// Series name as written in the file (the folder decides the series).
    pub series: Option<String>,
    /// Episode number within its series.
    pub number: Option<u32>,
    /// "3 hours (180 minutes)".
    pub duration: Option<String>,
    /// "Advanced".
    pub difficulty: Option<String>,
    /// Who it is for.
    pub audience: Option<String>,
    /// What to know first.
    pub prerequisites: Vec<String>,
    /// One or two sentences for listings.
    pub summary: Option<String>,
    /// Whether the summary is the start of one of the body's paragraphs: the page's header
    /// card then leaves it out, so it is not read twice.
    #[serde(skip)]
    pub summary_in_body: bool,
    /// Free-form tags.
    pub tags: Vec<String>,
    /// Drafts are left out of the site.
    pub draft: bool,
    /// Other header lines (`Format`, `Season`, …) in order, shown on the header card.
    pub extra: Vec<(String, String)>,
    /// Lint rule codes allowed (suppressed) in this episode (`lint_allow:` in front matter).
    pub lint_allow: Vec<String>,
    /// Publication date (`date:` in front matter, `**Date:**` header line): orders the feeds.
    #[serde(skip)]
    pub date: Option<jiff::Timestamp>,
    /// The front matter's `extra` table (`[extra]` in TOML, `extra:` in YAML): the author's own
    /// keys, as Zola and Hugo keep them, kept as written for templates and never checked.
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    pub front_matter_extra: serde_json::Map<String, serde_json::Value>,
}

/// A date as authors write it: `2024-03-01`, or an RFC 3339 time (`2024-03-01T09:30:00Z`,
/// `2024-03-01T09:30:00+02:00`). A plain date is midnight UTC.
pub fn parse_date(text: &str) -> Option<jiff::Timestamp> {
    let text = text.trim();
    if let Ok(time) = text.parse::<jiff::Timestamp>() {
        return Some(time);
    }
    let date = text.parse::<jiff::civil::Date>().ok()?;
    date.to_zoned(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

/// The front matter schema.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Option<String>,
    series: Option<String>,
    number: Option<u32>,
    duration: Option<String>,
    difficulty: Option<String>,
    audience: Option<String>,
    #[serde(default)]
    prerequisites: OneOrMany,
    summary: Option<String>,
    #[serde(default)]
    tags: OneOrMany,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    lint_allow: OneOrMany,
    date: Option<String>,
    /// An `extra:` line with nothing under it is an empty table.
    extra: Option<serde_json::Map<String, serde_json::Value>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(s) => split_list(&s),
            OneOrMany::Many(v) => v,
        }
    }
}

/// Reads the metadata of an episode document; problems (bad YAML) become diagnostics.
pub fn extract(doc: &Document<'_>) -> (EpisodeMeta, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut meta = match &doc.front_matter {
        Some(front) => {
            let fm = front.read::<FrontMatter>(doc.source).unwrap_or_else(|err| {
                diagnostics.push(front_matter_error(doc, front, &err));
                salvage(front, doc.source)
            });
            if let Some(date) = &fm.date
                && parse_date(date).is_none()
            {
                diagnostics.push(date_error(doc, front, date));
            }
            if let Some(extra) = &fm.extra {
                diagnostics.extend(fields_inside_extra(doc, front, extra));
            }
            let mut meta = from_front_matter(fm);
            // `draft` that landed in `extra` (a TOML key after `[extra]`) still keeps the
            // episode out of the site, as a misspelt draft does.
            if meta
                .front_matter_extra
                .get("draft")
                .is_some_and(|value| !is_false(value))
            {
                meta.draft = true;
            }
            meta
        }
        None => {
            diagnostics.extend(unread_front_matter(doc));
            EpisodeMeta::default()
        }
    };
    fill_from_h1(&mut meta, doc);
    fill_from_header_lines(&mut meta, doc);
    if meta.summary.is_none() {
        meta.summary = summary_paragraph(doc);
    }
    meta.summary_in_body = meta
        .summary
        .as_deref()
        .is_some_and(|summary| starts_a_paragraph(doc, summary));
    (meta, diagnostics)
}

/// What front matter that does not read whole still says: each field that reads on its own
/// is kept, so one bad field does not take the title and number with it. A draft stays a
/// draft: `draft` set to anything but false (`yes`, `"true"`), or named with such a value in
/// front matter that does not parse at all, keeps the episode out of the site.
fn salvage(front: &FrontMatterBlock<'_>, source: &crate::source::SourceFile) -> FrontMatter {
    let Ok(serde_json::Value::Object(fields)) = front.read::<serde_json::Value>(source) else {
        return FrontMatter {
            draft: names_a_draft(front.text),
            ..FrontMatter::default()
        };
    };
    let mut kept = serde_json::Map::new();
    for (name, value) in fields {
        if name == "draft" {
            kept.insert(name, serde_json::Value::Bool(!is_false(&value)));
            continue;
        }
        let alone = serde_json::Map::from_iter([(name.clone(), value.clone())]);
        if serde_json::from_value::<FrontMatter>(serde_json::Value::Object(alone)).is_ok() {
            kept.insert(name, value);
        }
    }
    serde_json::from_value(serde_json::Value::Object(kept)).unwrap_or_default()
}

/// Whether a `draft` value says no: `false`, or text or a number that means it.
fn is_false(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Bool(b) => !b,
        serde_json::Value::Null => true,
        serde_json::Value::Number(n) => n.as_f64() == Some(0.0),
        serde_json::Value::String(s) => {
            matches!(
                s.trim().to_lowercase().as_str(),
                "false" | "no" | "off" | "0" | ""
            )
        }
        _ => false,
    }
}

/// Whether front matter that cannot be parsed has a `draft` line whose value does not say no.
fn names_a_draft(text: &str) -> bool {
    // A top-level key only: an indented line is inside another field's value.
    text.lines().any(|line| {
        line.strip_prefix("draft")
            .map(str::trim_start)
            .and_then(|rest| rest.strip_prefix([':', '=']))
            .is_some_and(|value| {
                let value = value
                    .split('#')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .trim_matches(['"', '\'']);
                !is_false(&serde_json::Value::String(value.to_owned()))
            })
    })
}

/// Whether `summary`, less a closing ellipsis or full stop, begins a paragraph of `doc`.
fn starts_a_paragraph(doc: &Document<'_>, summary: &str) -> bool {
    let summary = summary.trim_end_matches(['…', '.']).trim_end();
    doc.paragraphs
        .iter()
        .any(|p| doc.text_of(&p.text()).starts_with(summary))
}

fn from_front_matter(fm: FrontMatter) -> EpisodeMeta {
    EpisodeMeta {
        title: fm.title,
        series: fm.series,
        number: fm.number,
        duration: fm.duration,
        difficulty: fm.difficulty,
        audience: fm.audience,
        prerequisites: fm.prerequisites.into_vec(),
        summary: fm.summary,
        summary_in_body: false,
        tags: fm.tags.into_vec(),
        draft: fm.draft,
        extra: Vec::new(),
        lint_allow: fm.lint_allow.into_vec(),
        date: fm.date.as_deref().and_then(parse_date),
        front_matter_extra: fm.extra.unwrap_or_default(),
    }
}

fn date_error(doc: &Document<'_>, front: &FrontMatterBlock<'_>, date: &str) -> Diagnostic {
    let text = front.text;
    let at = text
        .find(&front.field_marker("date"))
        .and_then(|key| text[key..].find(date.trim()).map(|value| key + value))
        .map_or(front.span.start, |offset| front.span.start + offset);
    Diagnostic::new(
        RuleId::FrontMatter,
        &doc.source.rel_path,
        at..at + date.trim().len(),
        format!("`{}` is not a date", date.trim()),
    )
    .label("the feeds order episodes by this date")
    .help("write the date as 2024-03-01, or a time as 2024-03-01T09:30:00Z")
}

/// A finding for each key of the `extra` table named like one of the front matter's own
/// fields: in TOML every key written after an `[extra]` header belongs to that table, so a
/// `draft = true` further down is the author's own key and would not make a draft. `draft` is
/// an error (the episode stays a draft, see [`extract`]), other fields a warning.
fn fields_inside_extra(
    doc: &Document<'_>,
    front: &FrontMatterBlock<'_>,
    extra: &serde_json::Map<String, serde_json::Value>,
) -> Vec<Diagnostic> {
    let mut shadowed: Vec<&str> = extra
        .keys()
        .map(String::as_str)
        .filter(|key| FRONT_MATTER_FIELDS.contains(key))
        .collect();
    shadowed.sort_by_key(|key| key_in_extra(front, key));
    shadowed
        .into_iter()
        .map(|key| {
            let at = front.span.start + key_in_extra(front, key).unwrap_or(0);
            let (label, help) = match front.format {
                Format::Toml => (
                    "in TOML, every key after the `[extra]` header belongs to `extra`",
                    format!("move `{key}` above `[extra]`"),
                ),
                Format::Yaml => (
                    "it is indented under `extra:`, so it belongs to `extra`",
                    format!("move `{key}` out of `extra`, to the start of its line"),
                ),
            };
            let diagnostic = Diagnostic::new(
                RuleId::FrontMatter,
                &doc.source.rel_path,
                at..at + key.len(),
                format!("`{key}` is read as a key of `extra`, not as the episode's `{key}`"),
            )
            .label(label)
            .help(help);
            if key == "draft" {
                diagnostic.help("until then, a `draft` that is not false keeps the episode a draft")
            } else {
                diagnostic.severity(Severity::Warning)
            }
        })
        .collect()
}

/// Byte offset, within the front matter text, of `key` written as a key of the `extra` table:
/// a line under an `[extra]` header (TOML) or an indented line under `extra:` (YAML). Keys
/// written otherwise (`extra.draft = …`, an inline table) give the `extra` that holds them.
fn key_in_extra(front: &FrontMatterBlock<'_>, key: &str) -> Option<usize> {
    let separator = match front.format {
        Format::Toml => '=',
        Format::Yaml => ':',
    };
    let mut in_extra = false;
    let mut offset = 0;
    for line in front.text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        match front.format {
            Format::Toml if trimmed.starts_with('[') => {
                let header = trimmed.split('#').next().unwrap_or("");
                let name: String = header.chars().filter(|c| !c.is_whitespace()).collect();
                in_extra = name == "[extra]";
                continue;
            }
            Format::Yaml if indent == 0 => {
                in_extra = trimmed.starts_with("extra:");
                continue;
            }
            _ => {}
        }
        if in_extra
            && let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with(separator)
        {
            return Some(at + indent);
        }
    }
    front.text.find("extra")
}

/// A finding when `doc`, which has no front matter, starts like one that was not read: a
/// `---` line, then a block of lines the first of which sets one of its fields, either never
/// closed by a `---` (or `...`) line before the block ends at a blank line, or closed but with
/// a blank line after the opening `---`. Its text is published as a rule and a paragraph, and
/// its fields are lost. A rule followed by prose (`Note: …`, `Summary: …`) is not one.
fn unread_front_matter(doc: &Document<'_>) -> Option<Diagnostic> {
    let start = doc.source.content_start();
    let mut lines = doc.source.text[start..].lines().map(str::trim_end);
    if lines.next()? != "---" {
        return None;
    }
    let mut blank_after_opening = false;
    let first_field = loop {
        match lines.next()? {
            "" => blank_after_opening = true,
            line => break line,
        }
    };
    if !looks_like_a_field(first_field) {
        return None;
    }
    // The block runs to the first blank line; only a closing line inside it closes it.
    let closed = lines
        .take_while(|line| !line.is_empty())
        .any(|line| line == "---" || line == "...");
    let (message, help) = match (closed, blank_after_opening) {
        (false, false) => (
            "this front matter is never closed, so it is not read",
            "end it with a `---` line after its last field",
        ),
        (true, true) => (
            "this front matter is not read: a blank line follows its opening `---`",
            "start the fields on the line after the opening `---`",
        ),
        _ => return None,
    };
    Some(
        Diagnostic::new(
            RuleId::FrontMatter,
            &doc.source.rel_path,
            start..start + 3,
            message,
        )
        .label("its fields are shown on the page as text")
        .help(help),
    )
}

/// The fields of [`FrontMatter`], as its YAML names them: the unread-front-matter check and
/// the help of a front matter finding both list them from here.
const FRONT_MATTER_FIELDS: &[&str] = &[
    "title",
    "series",
    "number",
    "duration",
    "difficulty",
    "audience",
    "prerequisites",
    "summary",
    "tags",
    "draft",
    "lint_allow",
    "date",
    "extra",
];

/// Whether `line` sets a front matter field (`title: …`, `number: 5`), spelt as the front
/// matter spells it (YAML keys are case-sensitive): a line of prose after a rule at the top of
/// a page (`Note: …`, `Summary: …`) does not.
fn looks_like_a_field(line: &str) -> bool {
    line.split_once(':').is_some_and(|(name, rest)| {
        FRONT_MATTER_FIELDS.contains(&name.trim_end())
            && (rest.is_empty() || rest.starts_with([' ', '\t']))
    })
}

fn front_matter_error(
    doc: &Document<'_>,
    front: &FrontMatterBlock<'_>,
    err: &Unreadable,
) -> Diagnostic {
    let offset = err.offset;
    let (language, delimiter) = (front.language(), front.delimiter());
    Diagnostic::new(
        RuleId::FrontMatter,
        &doc.source.rel_path,
        offset..offset,
        format!("front matter is not valid: {}", err.message),
    )
    .label(format!(
        "the {language} between the `{delimiter}` lines cannot be read here"
    ))
    .help(format!(
        "fields are {}, with keys of your own under `extra`; {}",
        FRONT_MATTER_FIELDS.join(", "),
        match front.format {
            Format::Yaml => "quote values that contain `: `",
            Format::Toml => "quote text values: `title = \"Retries\"`",
        }
    ))
}

/// `# Episode 3: Retries Without Regret` → number 3 and the title.
fn fill_from_h1(meta: &mut EpisodeMeta, doc: &Document<'_>) {
    let Some(h1) = doc.headings.iter().find(|h| h.level == 1) else {
        return;
    };
    let (number, title) = split_episode_title(&h1.text);
    if meta.number.is_none() {
        meta.number = number;
    }
    if meta.title.is_none() {
        meta.title = Some(title);
    }
}

/// Splits "Episode 13: Title" into `(Some(13), "Title")`; other headings are all title. The
/// reference is read as recommendation documents read it ([`crate::reference`]): `Ep. 13`,
/// `#13`, any ASCII case, any whitespace (a no-break space too) before the number.
pub fn split_episode_title(text: &str) -> (Option<u32>, String) {
    let whole = text.trim();
    let unlabelled = strip_episode_label(whole);
    // After a label, the number must be set apart from the title (`PODCAST EPISODE 1: …`), or
    // "Why every episode 5 minutes long fails" would lose its first words.
    let trimmed = match crate::reference::parse(unlabelled) {
        Some(r) if unlabelled.len() < whole.len() => {
            let after = unlabelled[r.span.end..].trim_start();
            if after.starts_with([':', '-', '–', '—', '|', '.', '·']) || after.is_empty() {
                unlabelled
            } else {
                whole
            }
        }
        _ => whole,
    };
    match crate::reference::parse(trimmed) {
        Some(reference) if !reference.plural => {
            let title = if reference.tail.is_empty() {
                trimmed
            } else {
                reference.tail.as_str()
            };
            (reference.numbers.first().copied(), title.to_owned())
        }
        _ => (None, trimmed.to_owned()),
    }
}

/// Longest label read before "Episode N" in a title (`PODCAST`, `Bonus`, `Season 2 ·`).
const MAX_LABEL_CHARS: usize = 24;

/// `PODCAST EPISODE 1: Title` → `EPISODE 1: Title`: a short label of at most three words
/// before the word "Episode" is not part of the title. Other titles are returned as they are.
fn strip_episode_label(title: &str) -> &str {
    let lower_starts = |at: usize| {
        let rest = &title[at..];
        rest.get(..7)
            .is_some_and(|w| w.eq_ignore_ascii_case("episode"))
            && !rest[7..].starts_with(char::is_alphabetic)
    };
    let mut words = 0;
    for (at, c) in title.char_indices() {
        if at > MAX_LABEL_CHARS {
            break;
        }
        if c.is_whitespace() {
            words += 1;
            if words > 3 {
                break;
            }
            let next = at + c.len_utf8();
            if lower_starts(next) {
                return &title[next..];
            }
        }
    }
    title
}

/// The header lines of the title block ([`title::find`] decides which lines those are).
fn fill_from_header_lines(meta: &mut EpisodeMeta, doc: &Document<'_>) {
    let Some(block) = &doc.title else {
        return;
    };
    for line in &block.header_lines {
        apply_header(meta, &line.key, line.value.clone());
    }
}

fn apply_header(meta: &mut EpisodeMeta, key: &str, value: String) {
    match key.to_lowercase().as_str() {
        "series" | "series name" => set_if_none(&mut meta.series, value),
        "episode" | "episode number" | "episode no" | "episode no." | "episode #" => {
            if meta.number.is_none() {
                meta.number = value
                    .split(|c: char| !c.is_ascii_digit())
                    .find(|s| !s.is_empty())
                    .and_then(|d| d.parse().ok());
            }
        }
        "duration" | "total runtime" | "runtime" | "length" | "estimated time"
        | "estimated duration" | "reading time" => set_if_none(&mut meta.duration, value),
        "difficulty" | "level" | "skill level" => set_if_none(&mut meta.difficulty, value),
        "target audience" | "audience" => set_if_none(&mut meta.audience, value),
        "prerequisites" | "prerequisite" | "prereqs" => {
            if meta.prerequisites.is_empty() {
                meta.prerequisites = split_list(&value);
            }
        }
        "summary" => set_if_none(&mut meta.summary, value),
        "date" | "published" | "release date" | "publication date" if meta.date.is_none() => {
            match parse_date(&value) {
                Some(date) => meta.date = Some(date),
                None => meta.extra.push((key.to_owned(), value)),
            }
        }
        "tags" | "keywords" => {
            if meta.tags.is_empty() {
                meta.tags = split_list(&value);
            }
        }
        _ => meta.extra.push((key.to_owned(), value)),
    }
}

fn set_if_none(field: &mut Option<String>, value: String) {
    if field.is_none() {
        *field = Some(value);
    }
}

fn split_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The first paragraph under a "Summary" heading, else the first prose paragraph.
fn summary_paragraph(doc: &Document<'_>) -> Option<String> {
    let under_summary = doc
        .headings
        .iter()
        .find(|h| h.text.to_lowercase().contains("summary"))
        .and_then(|h| {
            doc.paragraphs
                .iter()
                .find(|p| p.span().start > h.span.end && is_prose(doc.text_of(&p.text())))
        });
    let starts_with_header_line = |p: &Paragraph| {
        let written = doc.source.text.get(p.span()).unwrap_or("");
        written
            .lines()
            .next()
            .and_then(title::header_line)
            .is_some()
    };
    let first = || {
        doc.paragraphs
            .iter()
            .find(|p| is_prose(doc.text_of(&p.text())) && !starts_with_header_line(p))
    };
    under_summary
        .or_else(first)
        .map(|p| shorten(doc.text_of(&p.text()), 280))
}

fn is_prose(text: &str) -> bool {
    text.len() > 40 && !text.starts_with('[')
}

/// Cuts text at a word boundary near `max` bytes, adding an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut cut = max;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let cut = text[..cut].rfind(' ').unwrap_or(cut);
    format!(
        "{}…",
        text[..cut].trim_end_matches([',', ';', ':', '.', ' '])
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_short_label_before_episode_n_is_not_part_of_the_title() {
        use super::split_episode_title as split;
        assert_eq!(
            split("PODCAST EPISODE 1: The Title"),
            (Some(1), "The Title".to_owned())
        );
        assert_eq!(
            split("Bonus Episode 7 - Extras"),
            (Some(7), "Extras".to_owned())
        );
        assert_eq!(
            split("Season 2 · Episode\u{a0}4: Ω"),
            (Some(4), "Ω".to_owned())
        );
        assert_eq!(
            split("Why every episode 5 minutes long fails"),
            (None, "Why every episode 5 minutes long fails".to_owned())
        );
        assert_eq!(
            split("Episodes of note"),
            (None, "Episodes of note".to_owned())
        );
    }

    use super::*;
    use crate::source::SourceFile;

    fn meta_of(text: &str) -> (EpisodeMeta, Vec<Diagnostic>) {
        let source = SourceFile::from_string("e.md", text);
        extract(&crate::markdown::parse(&source))
    }

    #[test]
    fn front_matter_with_a_bad_field_keeps_the_rest_and_a_draft_stays_a_draft() {
        // One unknown field: the error is reported, the other fields are read.
        let (meta, diags) =
            meta_of("---\ntitle: Secret\nnumber: 4\ndraft: true\nauthor: Bob\n---\nText.\n");
        assert_eq!(diags.len(), 1);
        assert_eq!(
            (meta.title.as_deref(), meta.number, meta.draft),
            (Some("Secret"), Some(4), true)
        );
        // A draft written in YAML 1.1 words, or in TOML as text, is a draft.
        assert!(meta_of("---\ndraft: yes\n---\nText.\n").0.draft);
        assert!(meta_of("+++\ndraft = \"true\"\n+++\nText.\n").0.draft);
        assert!(!meta_of("---\ndraft: no\nauthor: x\n---\nText.\n").0.draft);
        // Front matter that does not parse at all: a draft line still counts.
        let (meta, diags) = meta_of("---\ntitle: [unclosed\ndraft: true\n---\nText.\n");
        assert_eq!((diags.len(), meta.draft), (1, true));
        assert!(
            !meta_of("---\ntitle: [unclosed\ndraft: false\n---\nText.\n")
                .0
                .draft
        );
        assert!(
            !meta_of("---\ntitle: \"open\nsummary: >\n  draft: by Ann\n---\nText.\n")
                .0
                .draft
        );
    }

    #[test]
    fn legacy_header_lines_with_colon_inside_or_outside_the_bold() {
        let (meta, diags) = meta_of(
            "# Episode 3: Retries\n## Systems in Production - Workshop\n\n**Series**: Systems in Production  \n**Duration:** 90 minutes  \n**Target Audience**: Seniors  \n**Format**: Workshop\n\n---\n\n## Summary\n\nThis paragraph is the summary of the whole episode and it is long enough.\n",
        );
        assert!(diags.is_empty());
        assert_eq!(meta.number, Some(3));
        assert_eq!(meta.title.as_deref(), Some("Retries"));
        assert_eq!(meta.series.as_deref(), Some("Systems in Production"));
        assert_eq!(meta.duration.as_deref(), Some("90 minutes"));
        assert_eq!(meta.audience.as_deref(), Some("Seniors"));
        assert_eq!(meta.extra, [("Format".to_owned(), "Workshop".to_owned())]);
        assert!(meta.summary.unwrap().starts_with("This paragraph"));
    }

    #[test]
    fn every_metadata_key_of_the_title_block_is_read_as_a_field() {
        for key in crate::markdown::title::METADATA_KEYS {
            let (meta, _) = meta_of(&format!("# T\n\n**{key}:** 2024-03-01\n\n## Intro\n"));
            assert!(meta.extra.is_empty(), "`{key}` went to the extra fields");
        }
    }

    #[test]
    fn a_generic_number_line_does_not_renumber_the_episode() {
        let (meta, _) = meta_of("# JavaScript Types\n\n**Number:** a 64-bit float, e.g. 3.14\n");
        assert_eq!(meta.number, None);
    }

    #[test]
    fn header_lines_in_a_list_a_quote_or_on_one_line_give_the_metadata() {
        for header in [
            "- **Series:** Production\n- **Episode Number:** 7\n- **Estimated time:** 40 minutes\n- **Skill level:** Advanced",
            "> **Series Name:** Production\n> **Episode #:** 7\n> **Estimated time:** 40 minutes\n> **Skill Level:** Advanced",
            "**Series:** Production | **Episode no.:** 7 | **Estimated time:** 40 minutes | **Skill level:** Advanced",
        ] {
            let (meta, diags) = meta_of(&format!(
                "# Queues\n\n{header}\n\n---\n\n## Intro\n\nText.\n"
            ));
            assert!(diags.is_empty(), "{header}: {diags:?}");
            assert_eq!(meta.series.as_deref(), Some("Production"), "{header}");
            assert_eq!(meta.number, Some(7), "{header}");
            assert_eq!(meta.duration.as_deref(), Some("40 minutes"), "{header}");
            assert_eq!(meta.difficulty.as_deref(), Some("Advanced"), "{header}");
            assert!(meta.extra.is_empty(), "{header}: {:?}", meta.extra);
        }
    }

    #[test]
    fn front_matter_that_is_not_read_is_reported_and_a_leading_rule_is_not() {
        let message = |text: &str| {
            let (_, diags) = meta_of(text);
            diags
                .iter()
                .map(|d| (d.rule, d.span.clone(), d.message.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            message("---\ntitle: Never closed\nnumber: 5\n\n# Episode 5: T\n\nText.\n"),
            [(
                RuleId::FrontMatter,
                0..3,
                "this front matter is never closed, so it is not read".to_owned()
            )]
        );
        assert_eq!(
            message("\u{FEFF}---\r\n\r\ntitle: Late\r\n---\r\n# Episode 5: T\r\n")[0].2,
            "this front matter is not read: a blank line follows its opening `---`"
        );
        // A thematic break, or a rule and a heading, at the top is not front matter.
        assert!(message("---\n\n# Episode 5: T\n\nText: with a colon.\n").is_empty());
        assert!(message("---\nNote: this episode is a draft\n\n# Episode 5: T\n").is_empty());
        assert!(message("---\n\ntitles: not a field\n").is_empty());
        // Prose after a rule, with a rule further down, is not front matter either.
        assert!(
            message("---\n\nSummary: this episode covers queues.\n\n# Episode 1: Q\n\n---\n")
                .is_empty()
        );
        assert!(message("---\n\nDuration: 30 minutes\n\n# Episode 2: Q\n").is_empty());
        assert!(message("---\n\ntitle: Late\n\n# Episode 2: Q\n\n---\n").is_empty());
        // Read front matter is not reported.
        assert!(message("---\ntitle: Fine\n---\n# Episode 5: T\n").is_empty());
    }

    #[test]
    fn the_fields_the_unread_check_knows_are_the_front_matters_own() {
        let value = |field: &str| match field {
            "number" => "3",
            "draft" => "true",
            "date" => "2024-03-01",
            "extra" => "{}",
            _ => "x",
        };
        let yaml: String = FRONT_MATTER_FIELDS
            .iter()
            .map(|f| format!("{f}: {}\n", value(f)))
            .collect();
        assert!(
            yaml_serde::from_str::<FrontMatter>(&yaml).is_ok(),
            "every listed field is one the front matter reads:\n{yaml}"
        );
        // And every field the front matter reads is listed: serde names them all when a key
        // is unknown.
        let unknown = yaml_serde::from_str::<FrontMatter>("titel: x\n")
            .unwrap_err()
            .to_string();
        for field in unknown.split('`').skip(3).step_by(2) {
            assert!(
                FRONT_MATTER_FIELDS.contains(&field),
                "`{field}` is not listed"
            );
        }
        assert!(unknown.contains("`extra`"), "{unknown}");
    }

    #[test]
    fn the_extra_table_holds_the_authors_own_keys_in_toml_and_yaml() {
        let toml = "+++\ntitle = \"Queues\"\n\n[extra]\nauthor = \"Ann\"\ntoc = false\n\n[extra.social]\nsite = \"x\"\n+++\n# Episode 2: Q\n";
        let yaml = "---\ntitle: Queues\nextra:\n  author: Ann\n  toc: false\n  social: {site: x}\n---\n# Episode 2: Q\n";
        for text in [toml, yaml] {
            let (meta, diags) = meta_of(text);
            assert!(diags.is_empty(), "{text}: {diags:?}");
            assert_eq!(meta.title.as_deref(), Some("Queues"));
            assert_eq!(
                serde_json::Value::Object(meta.front_matter_extra),
                serde_json::json!({"author": "Ann", "toc": false, "social": {"site": "x"}}),
            );
        }
        // `extra:` with nothing under it is an empty table; `extra` that is not a table is an
        // error at its line.
        assert!(meta_of("---\nextra:\n---\nText.\n").1.is_empty());
        let (_, diags) = meta_of("---\ntitle: T\nextra: Ann\n---\nText.\n");
        assert_eq!(diags.len(), 1);
        // The help lists every field, `date` and `extra` too.
        let (_, diags) = meta_of("+++\ntitel = \"T\"\n+++\nText.\n");
        let help = diags[0].help.join(" ");
        assert!(help.contains("lint_allow, date, extra"), "{help}");
    }

    #[test]
    fn regression_a_front_matter_field_after_the_extra_header_is_reported_and_a_draft_stays_one() {
        let findings = |text: &str| {
            let source = SourceFile::from_string("e.md", text);
            let (meta, diags) = extract(&crate::markdown::parse(&source));
            let found: Vec<_> = diags
                .iter()
                .map(|d| {
                    let at = source.line_col(d.span.start);
                    (d.severity, at.line, at.column, d.message.clone())
                })
                .collect();
            (meta.draft, meta.title, found)
        };
        let draft_message = "`draft` is read as a key of `extra`, not as the episode's `draft`";
        let (draft, title, found) = findings(
            "+++\ntitle = \"Q\"\n\n[extra]\nauthor = \"Ann\"\n\ndraft = true\n+++\n# Episode 1: Q\n",
        );
        assert!(draft, "a draft after `[extra]` must not be published");
        assert_eq!(title.as_deref(), Some("Q"));
        assert_eq!(found, [(Severity::Error, 7, 1, draft_message.to_owned())]);
        // `[extra]` first: the title is a warning, the draft an error, each at its line.
        let (draft, _, found) =
            findings("+++\n[extra]\n  title = \"Q\"\ndraft = \"yes\"\n+++\n# Episode 1: Q\n");
        assert!(draft);
        assert_eq!(
            found
                .iter()
                .map(|(s, l, c, _)| (*s, *l, *c))
                .collect::<Vec<_>>(),
            [(Severity::Warning, 3, 3), (Severity::Error, 4, 1)]
        );
        // YAML: the same key indented under `extra:`.
        let (draft, _, found) = findings("---\nextra:\n  draft: true\n---\n# Episode 1: Q\n");
        assert!(draft);
        assert_eq!(found, [(Severity::Error, 3, 3, draft_message.to_owned())]);
        // `draft = false` under `[extra]` is reported and keeps nothing out of the site.
        let (draft, _, found) = findings("+++\n[extra]\ndraft = false\n+++\n# Episode 1: Q\n");
        assert!(!draft);
        assert_eq!(found.len(), 1);
        // The author's own keys, and keys of a table of theirs under `extra`, are not reported.
        let (draft, _, found) = findings(
            "+++\ndraft = false\n[extra]\nauthor = \"Ann\"\n[extra.social]\ntitle = \"x\"\n+++\n",
        );
        assert!(!draft);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn front_matter_wins_over_the_h1() {
        let (meta, _) = meta_of(
            "---\ntitle: Better\nnumber: 4\ntags: [a, b]\nprerequisites: HTTP, TLS\n---\n# Episode 3: Worse\n",
        );
        assert_eq!(
            (meta.title.as_deref(), meta.number),
            (Some("Better"), Some(4))
        );
        assert_eq!(meta.tags, ["a", "b"]);
        assert_eq!(meta.prerequisites, ["HTTP", "TLS"]);
    }

    #[test]
    fn broken_front_matter_points_at_the_yaml_line() {
        let source =
            SourceFile::from_string("e.md", "---\ntitle: A\nnumber: [1\n---\n# Episode 2: B\n");
        let (meta, diags) = extract(&crate::markdown::parse(&source));
        assert_eq!(diags[0].rule, RuleId::FrontMatter);
        assert!(source.line_col(diags[0].span.start).line >= 3);
        assert_eq!(meta.number, Some(2));
    }

    #[test]
    fn regression_a_subtitle_heading_without_the_word_series_keeps_the_header_lines() {
        let (meta, _) = meta_of(
            "# Episode 4: Caching\n## A Hands-on Workshop\n\n**Duration**: 45 minutes  \n**Difficulty**: Advanced  \n**Format**: Workshop\n\n---\n\n## Intro\n",
        );
        assert_eq!(meta.duration.as_deref(), Some("45 minutes"));
        assert_eq!(meta.difficulty.as_deref(), Some("Advanced"));
        assert_eq!(meta.extra, [("Format".to_owned(), "Workshop".to_owned())]);
    }

    #[test]
    fn italic_runtime_line_is_a_duration() {
        let (meta, _) = meta_of(
            "# Episode 6: Data\n**Systems in Production - Workshop**\n*Total Runtime: 180 minutes*\n",
        );
        assert_eq!(meta.duration.as_deref(), Some("180 minutes"));
    }

    #[test]
    fn regression_no_break_space_and_ohm_sign_in_the_title() {
        assert_eq!(
            split_episode_title("Episode\u{a0}4: Caching \u{2126}"),
            (Some(4), "Caching \u{2126}".to_owned())
        );
        assert_eq!(
            split_episode_title("EPISODE 7 \u{2014} Ω"),
            (Some(7), "Ω".to_owned())
        );
        assert_eq!(
            split_episode_title("Episode 3"),
            (Some(3), "Episode 3".to_owned())
        );
        assert_eq!(
            split_episode_title("Episodes"),
            (None, "Episodes".to_owned())
        );
    }

    #[test]
    fn no_panic_on_tricky_input() {
        for input in crate::text::tricky::inputs() {
            let _ = split_episode_title(&input);
            let _ = shorten(&input, 3);
            let _ = meta_of(&input);
            let _ = meta_of(&format!("# Episode 1: T\n{input}\n"));
        }
    }
}
