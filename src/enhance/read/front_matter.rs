//! Front matter that names the document's episodes (YAML as below, or the same keys in TOML
//! between `+++` lines):
//!
//! ```yaml
//! series: Case Studies        # the series of bare numbers below
//! episode: 2                  # one episode: the whole document is about it
//! episodes: [1, 2, "Ep 3"]    # or several; items may be {series: …, number: …} or a title
//! ```
//!
//! Other keys (author, date, status…) are the editor's and are left alone.

use crate::enhance::TargetSpec;
use crate::markdown::front_matter::FrontMatter;
use crate::reference;
use crate::source::SourceFile;

/// The episodes the front matter names: one target for the bare numbers and references
/// (with the document's `series`), one per `{series, number}` entry.
pub(super) fn targets(
    front: &FrontMatter<'_>,
    source: &SourceFile,
) -> Result<Vec<TargetSpec>, String> {
    let value: yaml_serde::Value = front.read(source).map_err(|e| e.message)?;
    let Some(map) = value.as_mapping() else {
        return Ok(Vec::new());
    };
    let get = |key: &str| {
        map.iter()
            .find(|(k, _)| k.as_str().is_some_and(|k| k.eq_ignore_ascii_case(key)))
            .map(|(_, v)| v)
    };
    let series = get("series").and_then(scalar);
    let entries: Vec<&yaml_serde::Value> = match (get("episodes"), get("episode")) {
        (Some(yaml_serde::Value::Sequence(list)), _) => list.iter().collect(),
        (Some(one), _) | (None, Some(one)) => vec![one],
        (None, None) => return Ok(Vec::new()),
    };
    let mut loose = TargetSpec {
        series: series.clone(),
        ..TargetSpec::default()
    };
    let mut out = Vec::new();
    for entry in entries {
        if let Some(object) = entry.as_mapping() {
            let mut target = TargetSpec {
                series: series.clone(),
                ..TargetSpec::default()
            };
            for (k, v) in object {
                match k.as_str().map(str::to_ascii_lowercase).as_deref() {
                    Some("series") => target.series = scalar(v),
                    Some("number" | "episode") => {
                        if let Some(title) = add_scalar(&mut target, v)? {
                            target.title = Some(title);
                        }
                    }
                    Some("title") => target.title = scalar(v),
                    _ => {}
                }
            }
            out.push(checked(target)?);
        } else if let Some(title) = add_scalar(&mut loose, entry)? {
            // Each title is an episode of its own.
            out.push(TargetSpec {
                series: series.clone(),
                title: Some(title),
                ..TargetSpec::default()
            });
        }
    }
    if !loose.numbers.is_empty() {
        loose.numbers.sort_unstable();
        loose.numbers.dedup();
        out.insert(0, loose);
    }
    Ok(out)
}

fn checked(target: TargetSpec) -> Result<TargetSpec, String> {
    if target.numbers.is_empty() && target.title.is_none() {
        return Err("an entry of `episodes` has no `number` or `title`".to_owned());
    }
    Ok(target)
}

/// Adds a number or a reference to `target`; a title is handed back, for a target of its own
/// (an object's `title` or `number`, which names one episode, sets it on `target`).
fn add_scalar(
    target: &mut TargetSpec,
    entry: &yaml_serde::Value,
) -> Result<Option<String>, String> {
    let Some(text) = scalar(entry) else {
        return Err(
            "an episode must be a number, a reference such as \"Ep 3\", a title, or {series, number}"
                .to_owned(),
        );
    };
    if let Ok(n) = text.trim().parse::<u32>() {
        target.numbers.push(n);
    } else if let Some(r) = reference::parse(&text) {
        target.numbers.extend(r.numbers);
        if target.series.is_none() {
            target.series = r.qualifier;
        }
    } else {
        return Ok(Some(text));
    }
    Ok(None)
}

fn scalar(value: &yaml_serde::Value) -> Option<String> {
    match value {
        yaml_serde::Value::String(s) => Some(s.clone()),
        yaml_serde::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::front_matter::Format;

    /// The targets of YAML front matter `yaml`.
    fn yaml_targets(yaml: &str) -> Result<Vec<TargetSpec>, String> {
        let source = SourceFile::from_string("e.md", format!("---\n{yaml}---\n"));
        let front = FrontMatter {
            text: &source.text[4..4 + yaml.len()],
            span: 4..4 + yaml.len(),
            format: Format::Yaml,
        };
        targets(&front, &source)
    }

    #[test]
    fn numbers_references_and_objects_are_read() {
        let t = yaml_targets("series: Case Studies\nepisodes: [1, \"Ep 3\"]\nauthor: x\n").unwrap()
            [0]
        .clone();
        assert_eq!(
            (t.numbers, t.series.as_deref()),
            (vec![1, 3], Some("Case Studies"))
        );
        let o = yaml_targets("episodes:\n  - {series: Pattern Drills, number: 2}\n").unwrap()[0]
            .clone();
        assert_eq!(
            (o.numbers, o.series.as_deref()),
            (vec![2], Some("Pattern Drills"))
        );
        let titles =
            yaml_targets("episodes: [Box Scores at Hooli, \"Ep 3\", The Queue Migration]\n")
                .unwrap();
        let read: Vec<(Vec<u32>, Option<&str>)> = titles
            .iter()
            .map(|t| (t.numbers.clone(), t.title.as_deref()))
            .collect();
        assert_eq!(
            read,
            [
                (vec![3], None),
                (vec![], Some("Box Scores at Hooli")),
                (vec![], Some("The Queue Migration"))
            ]
        );
        assert!(yaml_targets("author: x\n").unwrap().is_empty());
        assert!(yaml_targets("episodes: [[]]\n").is_err());
    }
}
