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

use crate::diagnostic::Diagnostic;
use crate::enhance::reference;
use crate::enhance::{Draft, Kind, Origin, TargetSpec, example};
use crate::markdown::{CodeBlock, Document};

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

/// The requirements of one block, and the problems with it.
pub(super) fn read(doc: &Document<'_>, block: &CodeBlock) -> (Vec<Draft>, Vec<Diagnostic>) {
    let file = &doc.source.rel_path;
    let entries: Vec<Entry> = match yaml_serde::from_str::<Option<Vec<Entry>>>(&block.code) {
        Ok(entries) => entries.unwrap_or_default(),
        Err(err) => {
            let (offset, message) = crate::yaml::locate(doc.source, block.code_start, &err);
            let d = Diagnostic::new(
                "requirements-block",
                file,
                offset..offset,
                format!("requirements block is not valid: {message}"),
            )
            .label("the requirements cannot be read from here on")
            .help("each entry has `episode`, `kind` and `title`, optionally `series` and `covers`; see `episode lint --explain requirements-block`");
            return (Vec::new(), vec![d]);
        }
    };
    let mut drafts = Vec::new();
    let mut diagnostics = Vec::new();
    let entry_lines = entry_offsets(doc, block);
    for (i, entry) in entries.into_iter().enumerate() {
        let at = entry_lines.get(i).copied().unwrap_or(block.span.start);
        let Some(kind) = Kind::parse_name(&entry.kind) else {
            let offset = value_offset(doc, at, "kind:").unwrap_or(at);
            diagnostics.push(
                Diagnostic::new(
                    "requirements-block",
                    file,
                    offset..offset + entry.kind.len(),
                    format!("`{}` is not a kind of requirement", entry.kind),
                )
                .label("unknown kind")
                .help(format!("kinds are {KINDS}")),
            );
            continue;
        };
        let mut target = TargetSpec {
            series: entry.series,
            ..TargetSpec::default()
        };
        match entry.episode {
            EpisodeField::Number(n) => target.numbers.push(n),
            EpisodeField::Text(text) => match reference::parse(&text)
                .or_else(|| reference::parse(&format!("Episode {text}")))
            {
                Some(r) => {
                    target.numbers = r.numbers;
                    target.series = target.series.or(r.qualifier);
                }
                None => target.title = Some(text),
            },
        }
        let covers = entry.covers.join(", ");
        let (kind, mut fingerprint) = example::explicit(kind, &entry.title, &covers);
        if !entry.covers.is_empty() {
            fingerprint.terms = entry.covers;
        }
        let end = doc.source.text[at..]
            .find('\n')
            .map_or(doc.source.text.len(), |n| at + n);
        let origin = match entry.origin {
            EntryOrigin::Recommended => Origin::Structured,
            EntryOrigin::Claim => Origin::Claim,
        };
        drafts.push(Draft {
            title: entry.title,
            kind,
            origin,
            file: file.clone(),
            span: at..end,
            target,
            fingerprint,
            count: entry.count,
        });
    }
    (drafts, diagnostics)
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

/// The offset of the value after `key` in the entry starting at `from`.
fn value_offset(doc: &Document<'_>, from: usize, key: &str) -> Option<usize> {
    let text = doc.source.text.get(from..)?;
    let at = text.find(key)?;
    let after = &text[at + key.len()..];
    let spaces = after.len() - after.trim_start_matches(' ').len();
    Some(from + at + key.len() + spaces)
}
