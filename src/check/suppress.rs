//! Suppressions and severity overrides: the last step before diagnostics are reported.
//!
//! An episode silences rules for itself with `<!-- episode-lint: allow missing-metrics -->`
//! (anywhere in the file, several codes separated by commas or spaces) or with
//! `lint_allow: [missing-metrics]` in its front matter. `[lint.severity]` in `book.toml`
//! then sets each remaining finding's severity, or drops it with `off`. A code that names no
//! rule is itself a finding (`unknown-rule`), reported by the checks like any other.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use rayon::prelude::*;

use crate::course::Course;
use crate::course::load::EpisodeFile;
use crate::diagnostic::{Diagnostic, RuleId};
use crate::markdown::Document;

/// The marker that starts an inline suppression comment.
pub const MARKER: &str = "episode-lint:";

/// Drops the findings their episode allows (in the episode's file, or in a code file of its
/// folder), then applies the severity overrides. Pure: the same findings in give the same
/// findings out, however often it runs.
pub fn apply(
    course: &Course,
    docs: &[&Document<'_>],
    episodes: &[EpisodeFile],
    found: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let code_files: BTreeMap<&str, Vec<&str>> = episodes
        .iter()
        .filter_map(|e| {
            let files = e.bundle.as_ref()?.code.iter();
            Some((
                e.source.rel_path.as_str(),
                files.map(|f| f.source.rel_path.as_str()).collect(),
            ))
        })
        .collect();
    let mut allowed: BTreeMap<&str, BTreeSet<RuleId>> = BTreeMap::new();
    for (doc, codes) in allowances(course, docs) {
        let rules: BTreeSet<RuleId> = codes
            .iter()
            .filter_map(|(code, _)| code.parse::<RuleId>().ok())
            .collect();
        let path = doc.source.rel_path.as_str();
        let files = code_files.get(path).into_iter().flatten().copied();
        for file in std::iter::once(path).chain(files) {
            allowed
                .entry(file)
                .or_default()
                .extend(rules.iter().copied());
        }
    }
    let overrides = &course.config.lint.severity;
    found
        .into_iter()
        .filter(|d| {
            !allowed
                .get(d.file.as_str())
                .is_some_and(|a| a.contains(&d.rule))
        })
        .filter_map(|d| match overrides.get(d.rule.as_str()) {
            Some(o) => o.severity().map(|s| d.severity(s)),
            None => Some(d),
        })
        .collect()
}

/// `unknown-rule`: every code a suppression names that is not a rule.
pub fn unknown_codes(course: &Course, docs: &[&Document<'_>]) -> Vec<Diagnostic> {
    allowances(course, docs)
        .into_iter()
        .flat_map(|(doc, codes)| {
            codes
                .into_iter()
                .filter(|(code, _)| code.parse::<RuleId>().is_err())
                .map(move |(code, span)| unknown(doc, &code, span))
        })
        .collect()
}

/// A code an episode allows, with the span that names it.
type Allowed = (String, Range<usize>);

/// Each episode document that allows codes, with the codes (inline comments, then front
/// matter), each with the span that names it. Every event of every episode is looked at, so
/// episodes are read in parallel.
fn allowances<'d, 's>(
    course: &Course,
    docs: &'d [&'d Document<'s>],
) -> Vec<(&'d Document<'s>, Vec<Allowed>)> {
    course
        .episodes
        .par_iter()
        .filter_map(move |episode| {
            let doc: &'d Document<'s> = docs.get(episode.file)?;
            let mut codes = inline(doc);
            let front = doc
                .front_matter
                .as_ref()
                .map_or(0..0, |front| front.span.clone());
            codes.extend(
                episode
                    .meta
                    .lint_allow
                    .iter()
                    .map(|c| (c.clone(), front.clone())),
            );
            (!codes.is_empty()).then_some((doc, codes))
        })
        .collect()
}

/// Codes named by `<!-- episode-lint: allow … -->` comments, with the comment's span.
fn inline(doc: &Document<'_>) -> Vec<Allowed> {
    let mut out = Vec::new();
    for (html, span) in &doc.html_comments {
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

fn unknown(doc: &Document<'_>, code: &str, span: Range<usize>) -> Diagnostic {
    let text = &doc.source.text;
    let span = text
        .get(span.clone())
        .and_then(|s| s.find(code))
        .map_or(span.clone(), |at| {
            span.start + at..span.start + at + code.len()
        });
    let mut d = Diagnostic::new(
        RuleId::UnknownRule,
        &doc.source.rel_path,
        span,
        format!("`{code}` is not a rule, so it silences nothing"),
    );
    if let Some(near) = RuleId::ALL
        .iter()
        .find(|r| r.as_str().contains(code) || code.contains(r.as_str()))
    {
        d = d.help(format!("did you mean `{near}`?"));
    }
    d.help("`episode lint --explain` lists the rules")
}
