//! Suppressions and severity overrides: the last step before diagnostics are reported.
//!
//! An episode silences rules for itself with `<!-- episode-lint: allow missing-metrics -->`
//! (anywhere in the file, several codes separated by commas or spaces) or with
//! `lint_allow: [missing-metrics]` in its front matter. `[lint.severity]` in `book.toml`
//! then sets each remaining finding's severity, or drops it with `off`.

use std::collections::{BTreeMap, BTreeSet};

use pulldown_cmark::Event;

use crate::course::Course;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::rules;
use crate::markdown::Document;

/// The marker that starts an inline suppression comment.
pub const MARKER: &str = "episode-lint:";

/// Applies suppressions, then severity overrides. Unknown codes in suppressions are
/// reported (`unknown-rule`).
pub fn apply(course: &Course, docs: &[Document<'_>], found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut allowed: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut found = found;
    for episode in &course.episodes {
        let Some(doc) = docs.get(episode.file) else {
            continue;
        };
        let mut codes: Vec<(String, std::ops::Range<usize>)> = inline(doc);
        let front = doc
            .front_matter
            .as_ref()
            .map_or(0..0, |(_, span)| span.clone());
        codes.extend(
            episode
                .meta
                .lint_allow
                .iter()
                .map(|c| (c.clone(), front.clone())),
        );
        for (code, span) in codes {
            if !rules::is_known(&code) {
                found.push(unknown(doc, &code, span));
            }
            allowed
                .entry(doc.source.rel_path.as_str())
                .or_default()
                .insert(code);
        }
    }
    let overrides = &course.config.lint.severity;
    found
        .into_iter()
        .filter(|d| {
            !allowed
                .get(d.file.as_str())
                .is_some_and(|a| a.contains(d.rule))
        })
        .filter_map(|d| match overrides.get(d.rule) {
            Some(o) => o.severity().map(|s| d.severity(s)),
            None => Some(d),
        })
        .collect()
}

/// Codes named by `<!-- episode-lint: allow … -->` comments, with the comment's span.
fn inline(doc: &Document<'_>) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    for (event, span) in &doc.events {
        let (Event::Html(html) | Event::InlineHtml(html)) = event else {
            continue;
        };
        for comment in html.split("<!--").skip(1) {
            let body = comment.split("-->").next().unwrap_or("").trim();
            let Some(rest) = body.strip_prefix(MARKER) else {
                continue;
            };
            let Some(codes) = rest.trim().strip_prefix("allow") else {
                continue;
            };
            out.extend(
                codes
                    .split([',', ' '])
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(|c| (c.to_owned(), span.clone())),
            );
        }
    }
    out
}

fn unknown(doc: &Document<'_>, code: &str, span: std::ops::Range<usize>) -> Diagnostic {
    let text = &doc.source.text;
    let span = text
        .get(span.clone())
        .and_then(|s| s.find(code))
        .map_or(span.clone(), |at| {
            span.start + at..span.start + at + code.len()
        });
    let mut d = Diagnostic::new(
        "unknown-rule",
        &doc.source.rel_path,
        span,
        format!("`{code}` is not a rule, so it silences nothing"),
    );
    if let Some(near) = rules::RULES
        .iter()
        .find(|r| r.code.contains(code) || code.contains(r.code))
    {
        d = d.help(format!("did you mean `{}`?", near.code));
    }
    d.help("`episode lint --explain` lists the rules")
}
