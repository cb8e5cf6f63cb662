//! YAML front matter that names the document's episodes:
//!
//! ```yaml
//! series: Case Studies        # the series of bare numbers below
//! episode: 2                  # one episode: the whole document is about it
//! episodes: [1, 2, "Ep 3"]    # or several; items may be {series: …, number: …} or a title
//! ```
//!
//! Other keys (author, date, status…) are the editor's and are left alone.

use crate::enhance::TargetSpec;
use crate::reference;

/// The episodes the front matter names: one target for the bare numbers and references
/// (with the document's `series`), one per `{series, number}` entry.
pub(super) fn targets(yaml: &str) -> Result<Vec<TargetSpec>, String> {
    let value: yaml_serde::Value = yaml_serde::from_str(yaml)
        .map_err(|e| e.to_string().lines().next().unwrap_or("").to_owned())?;
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
                    Some("number" | "episode") => add_scalar(&mut target, v)?,
                    Some("title") => target.title = scalar(v),
                    _ => {}
                }
            }
            out.push(checked(target)?);
        } else {
            add_scalar(&mut loose, entry)?;
        }
    }
    if !loose.numbers.is_empty() || loose.title.is_some() {
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

fn add_scalar(target: &mut TargetSpec, entry: &yaml_serde::Value) -> Result<(), String> {
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
        target.title = Some(text);
    }
    Ok(())
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

    #[test]
    fn numbers_references_and_objects_are_read() {
        let t = targets("series: Case Studies\nepisodes: [1, \"Ep 3\"]\nauthor: x\n").unwrap()[0]
            .clone();
        assert_eq!(
            (t.numbers, t.series.as_deref()),
            (vec![1, 3], Some("Case Studies"))
        );
        let o = targets("episodes:\n  - {series: Pattern Drills, number: 2}\n").unwrap()[0].clone();
        assert_eq!(
            (o.numbers, o.series.as_deref()),
            (vec![2], Some("Pattern Drills"))
        );
        assert!(targets("author: x\n").unwrap().is_empty());
        assert!(targets("episodes: [[]]\n").is_err());
    }
}
