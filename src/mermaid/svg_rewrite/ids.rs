//! Prefixing every id with the diagram id, de-duplicating, and following references.

use super::Token;
use super::tokens::without_prefix;

use std::collections::{HashMap, HashSet};

pub(super) fn prefix_ids(tokens: &mut [Token], prefix: &str) {
    let renames = plan_id_renames(tokens, prefix);
    let mut seen: HashSet<String> = HashSet::new();
    for token in tokens.iter_mut() {
        match token {
            Token::Tag(tag) => {
                for (name, value) in &mut tag.attributes {
                    if name == "id" {
                        *value = unique_id(renamed(&renames, value), &mut seen);
                    } else {
                        *value = rewrite_references(name, value, &renames);
                    }
                }
            }
            Token::Text(text) => *text = rewrite_css_references(text, &renames),
            Token::Markup(_) => {}
        }
    }
}

fn plan_id_renames(tokens: &[Token], prefix: &str) -> HashMap<String, String> {
    let mut renames = HashMap::new();
    for token in tokens {
        let Token::Tag(tag) = token else { continue };
        let Some(id) = tag.attribute("id") else {
            continue;
        };
        if !has_prefix(id, prefix) {
            renames.insert(id.to_string(), format!("{prefix}-{}", sanitize_id_part(id)));
        }
    }
    renames
}

fn has_prefix(id: &str, prefix: &str) -> bool {
    id == prefix
        || id
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('-') || rest.starts_with('_'))
}

fn sanitize_id_part(id: &str) -> String {
    id.chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || ch == '-' || ch == '_' {
                ch
            } else {
                '-'
            }
        })
        .collect()
}

fn renamed<'a>(renames: &'a HashMap<String, String>, id: &'a str) -> &'a str {
    renames.get(id).map_or(id, String::as_str)
}

/// Keeps the first element with an id as the reference target; later duplicates get a suffix.
fn unique_id(id: &str, seen: &mut HashSet<String>) -> String {
    let mut candidate = id.to_string();
    let mut counter = 2;
    while !seen.insert(candidate.clone()) {
        candidate = format!("{id}-{counter}");
        counter += 1;
    }
    candidate
}

fn rewrite_references(name: &str, value: &str, renames: &HashMap<String, String>) -> String {
    let local = without_prefix(name);
    match local {
        "href" => match value.strip_prefix('#') {
            Some(id) => format!("#{}", renamed(renames, id)),
            None => value.to_string(),
        },
        "aria-labelledby" | "aria-describedby" | "aria-owns" | "aria-controls" => value
            .split_whitespace()
            .map(|id| renamed(renames, id))
            .collect::<Vec<_>>()
            .join(" "),
        _ if value.contains("url(") => rewrite_css_references(value, renames),
        _ => value.to_string(),
    }
}

/// Rewrites `url(#old)` to `url(#new)` in CSS text or an attribute value.
fn rewrite_css_references(text: &str, renames: &HashMap<String, String>) -> String {
    if renames.is_empty() || !text.contains("url(#") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("url(#") {
        out.push_str(rest.get(..at + 5).unwrap_or(""));
        let after = rest.get(at + 5..).unwrap_or("");
        let end = after.find(')').unwrap_or(after.len());
        let id = after.get(..end).unwrap_or("");
        out.push_str(renamed(renames, id));
        rest = after.get(end..).unwrap_or("");
    }
    out.push_str(rest);
    out
}
