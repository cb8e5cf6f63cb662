//! The structured form, for editors who want certainty: a ```` ```requirements ```` block of
//! YAML in any recommendations document, one entry per requirement.
//!
//! ```yaml
//! - episode: 2                  # a number, a reference ("Ep 2") or the episode's title
//!   series: Case Studies        # optional when the number is unique or the section names it
//!   kind: metrics               # metrics | mermaid[:type] | code[:language] | prose[:topic] | interactive
//!   title: Checkout latency after the cache
//!   covers: [p50 latency, p99 latency, error rate]   # the terms a satisfying block shows
//! - episode: 3
//!   kind: mermaid
//!   origin: claim               # the episode is said to have it already: checked, not asked for
//!   count: 2                    # a claim with a count: at least that many blocks of the kind
//!   title: Two architecture diagrams
//! ```
//!
//! The schema is strict: an unknown field, a missing one or an unknown kind is a
//! `requirements-block` error at its line and column.

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, RuleId};
use crate::enhance::{Draft, Kind, Origin, TargetSpec, example};
use crate::markdown::{CodeBlock, Document};
use crate::reference;

/// One entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    episode: EpisodeField,
    series: Option<String>,
    kind: String,
    title: String,
    #[serde(default)]
    covers: Vec<String>,
    #[serde(default)]
    origin: EntryOrigin,
    count: Option<u32>,
}

/// `origin:` of an entry.
#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum EntryOrigin {
    /// Asked for (the default).
    #[default]
    Recommended,
    /// Said to be there already.
    Claim,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum EpisodeField {
    Number(u32),
    Text(String),
}

/// The kinds an entry may name, for messages.
const KINDS: &str = "metrics, mermaid, mermaid:<type> (mermaid:sequence), code, code:<language> (code:python), prose, prose:<topic> (prose:culture), interactive";

/// The requirements of one block, and the problems with it. Each entry is read on its own,
/// so one bad entry is reported at its line and the others still count.
pub(super) fn read(doc: &Document<'_>, block: &CodeBlock) -> (Vec<Draft>, Vec<Diagnostic>) {
    let file = &doc.source.rel_path;
    let values: Vec<yaml_serde::Value> = match crate::yaml::from_embedded::<
        Option<Vec<yaml_serde::Value>>,
    >(doc.source, block.code_start, &block.code)
    {
        Ok(values) => values.unwrap_or_default(),
        Err((offset, message)) => {
            let d = problem(
                file,
                offset..offset,
                format!("requirements block is not valid: {message}"),
            )
            .label("the requirements cannot be read from here on");
            return (Vec::new(), vec![d]);
        }
    };
    let starts = entry_offsets(doc, block);
    let mut drafts = Vec::new();
    let mut diagnostics = Vec::new();
    for (i, value) in values.into_iter().enumerate() {
        let at = starts.get(i).copied().unwrap_or(block.code_start);
        let end = starts.get(i + 1).copied().unwrap_or(block.span.end);
        match entry(doc, value, at..end) {
            Ok(draft) => drafts.push(draft),
            Err(d) => diagnostics.push(*d),
        }
    }
    (drafts, diagnostics)
}

fn problem(file: &str, span: std::ops::Range<usize>, message: String) -> Diagnostic {
    Diagnostic::new(RuleId::RequirementsBlock, file, span, message).help(
        "each entry has `episode`, `kind` and `title`, optionally `series`, `covers`, `origin` and `count`; see `episode lint --explain requirements-block`",
    )
}

/// One entry, located at `place` (the entry's lines in the file).
fn entry(
    doc: &Document<'_>,
    value: yaml_serde::Value,
    place: std::ops::Range<usize>,
) -> Result<Draft, Box<Diagnostic>> {
    let file = &doc.source.rel_path;
    let entry: Entry = yaml_serde::from_value(value.clone()).map_err(|err| {
        let message = crate::diagnostic::serde_words::author_words(&err.to_string());
        // `unknown field `owner`, expected …`: point at that field; a value of the wrong type
        // (`count: many`): at the field that holds it.
        let unknown = message
            .split('`')
            .nth(1)
            .filter(|_| message.starts_with("unknown field"));
        let wrong_type = unknown
            .is_none()
            .then(|| field_of_wrong_type(&value))
            .flatten();
        let at = unknown
            .or(wrong_type)
            .and_then(|f| key_offset(doc, &place, f))
            .unwrap_or(place.start);
        let message = match wrong_type {
            Some(field) => format!("`{field}` is not valid: {message}"),
            None => format!("requirement entry is not valid: {message}"),
        };
        Box::new(problem(file, at..at, message).label("in this entry"))
    })?;
    let Some(kind) = Kind::parse_name(&entry.kind) else {
        let at = key_offset(doc, &place, "kind")
            .and_then(|k| value_after(doc, k))
            .unwrap_or(place.start);
        return Err(Box::new(
            problem(
                file,
                at..at + entry.kind.len(),
                format!("`{}` is not a kind of requirement", entry.kind),
            )
            .label("unknown kind")
            .help(format!("kinds are {KINDS}; a code language is one code fences are highlighted in (python, rust, ts, sql, ...), a topic one of {}", crate::enhance::kind::Topic::NAMES)),
        ));
    };
    let mut target = TargetSpec {
        series: entry.series,
        ..TargetSpec::default()
    };
    match entry.episode {
        EpisodeField::Number(n) => target.numbers.push(n),
        EpisodeField::Text(text) => {
            match reference::parse(&text).or_else(|| reference::parse(&format!("Episode {text}"))) {
                Some(r) => {
                    target.numbers = r.numbers;
                    target.series = target.series.or(r.qualifier);
                }
                None => target.title = Some(text),
            }
        }
    }
    let covers = entry.covers.join(", ");
    let (kind, mut fingerprint) = example::explicit(kind, &entry.title, &covers);
    if !entry.covers.is_empty() {
        fingerprint.terms = entry.covers;
    }
    let line = doc.source.line_span(place.start);
    let origin = match entry.origin {
        EntryOrigin::Recommended => Origin::Structured,
        EntryOrigin::Claim => Origin::Claim,
    };
    Ok(Draft {
        title: entry.title,
        kind,
        origin,
        file: file.clone(),
        span: line,
        target,
        fingerprint,
        count: entry.count,
    })
}

/// The first field of an entry whose value does not fit its type, as the schema spells it.
fn field_of_wrong_type(value: &yaml_serde::Value) -> Option<&'static str> {
    fn fits<T: serde::de::DeserializeOwned>(value: Option<&yaml_serde::Value>) -> bool {
        value.is_none_or(|v| yaml_serde::from_value::<T>(v.clone()).is_ok())
    }
    let field = |name: &str| value.get(name);
    [
        ("episode", fits::<EpisodeField>(field("episode"))),
        ("series", fits::<Option<String>>(field("series"))),
        ("kind", fits::<String>(field("kind"))),
        ("title", fits::<String>(field("title"))),
        ("covers", fits::<Vec<String>>(field("covers"))),
        ("origin", fits::<EntryOrigin>(field("origin"))),
        ("count", fits::<Option<u32>>(field("count"))),
    ]
    .into_iter()
    .find(|(_, fits)| !fits)
    .map(|(name, _)| name)
}

/// Where `key:` starts within `place`.
fn key_offset(doc: &Document<'_>, place: &std::ops::Range<usize>, key: &str) -> Option<usize> {
    let text = doc.source.text.get(place.clone())?;
    let mut offset = place.start;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start().trim_start_matches("- ").trim_start();
        if trimmed.starts_with(key) && trimmed[key.len()..].trim_start().starts_with(':') {
            return Some(offset + (line.len() - trimmed.len()));
        }
        offset += line.len();
    }
    None
}

/// The offset of the value after the `key:` at `at`.
fn value_after(doc: &Document<'_>, at: usize) -> Option<usize> {
    let text = doc.source.text.get(at..)?;
    let colon = text.find(':')?;
    let after = &text[colon + 1..];
    Some(at + colon + 1 + (after.len() - after.trim_start_matches(' ').len()))
}

/// Where each top-level entry (`- ` at the block's first indentation) starts in the file.
fn entry_offsets(doc: &Document<'_>, block: &CodeBlock) -> Vec<usize> {
    let text = doc
        .source
        .text
        .get(block.code_start..block.span.end)
        .unwrap_or("");
    let mut offsets = Vec::new();
    let mut indent = None;
    let mut at = block.code_start;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let this_indent = line.len() - trimmed.len();
        if trimmed.starts_with("- ") || trimmed.trim_end() == "-" {
            let first = *indent.get_or_insert(this_indent);
            if this_indent == first {
                offsets.push(at + this_indent);
            }
        }
        at += line.len();
    }
    offsets
}
