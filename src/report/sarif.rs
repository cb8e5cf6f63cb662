//! `--format sarif`: SARIF 2.1.0, the format code-scanning services (GitHub, Azure DevOps)
//! ingest. One run; the rule table becomes the driver's rules; each diagnostic one result.

use serde_json::{Value, json};

use crate::diagnostic::{Diagnostic, RuleId, Severity};
use crate::source::SourceMap;

/// The SARIF version written.
pub const VERSION: &str = "2.1.0";
/// The schema the output conforms to.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Renders the log.
pub fn render(diagnostics: &[Diagnostic], sources: &SourceMap<'_>) -> String {
    let rules: Vec<Value> = RuleId::ALL
        .iter()
        .map(|id| {
            let r = id.rule();
            json!({
                "id": r.code,
                "name": r.code,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.explanation },
                "help": { "text": format!("episode lint --explain {}", r.code) },
                "defaultConfiguration": { "level": level(r.default_severity) },
            })
        })
        .collect();
    let results: Vec<Value> = diagnostics.iter().map(|d| result(d, sources)).collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": VERSION,
        "runs": [{
            "tool": { "driver": {
                "name": "episode",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/episode-rs/episode",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_owned());
    out.push('\n');
    out
}

fn result(d: &Diagnostic, sources: &SourceMap<'_>) -> Value {
    let mut text = d.message.clone();
    for help in &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let mut result = json!({
        "ruleId": d.rule.as_str(),
        "level": level(d.severity),
        "message": { "text": text },
    });
    if let Some(index) = RuleId::ALL.iter().position(|r| *r == d.rule) {
        result["ruleIndex"] = json!(index);
    }
    if !d.file.is_empty() {
        result["locations"] = json!([location(&d.file, d.span.clone(), sources)]);
    }
    let related: Vec<Value> = d
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut loc = location(&r.file, r.span.clone(), sources);
            loc["id"] = json!(i);
            loc["message"] = json!({ "text": r.label });
            loc
        })
        .collect();
    if !related.is_empty() {
        result["relatedLocations"] = json!(related);
    }
    result
}

fn location(file: &str, span: std::ops::Range<usize>, sources: &SourceMap<'_>) -> Value {
    let mut physical = json!({ "artifactLocation": { "uri": file } });
    if let Some(source) = sources.get(file) {
        let start = source.line_col(span.start);
        let end = source.line_col(span.end.max(span.start));
        physical["region"] = json!({
            "startLine": start.line,
            "startColumn": start.column,
            "endLine": end.line,
            "endColumn": end.column.max(if end.line == start.line { start.column } else { 1 }),
        });
    }
    json!({ "physicalLocation": physical })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_without_findings_still_lists_the_rules() {
        let log: Value = serde_json::from_str(&render(&[], &SourceMap::default())).unwrap();
        assert_eq!(log["version"], VERSION);
        assert_eq!(log["runs"][0]["results"].as_array().map(Vec::len), Some(0));
        assert_eq!(
            log["runs"][0]["tool"]["driver"]["rules"]
                .as_array()
                .map(Vec::len),
            Some(RuleId::ALL.len())
        );
    }
}
