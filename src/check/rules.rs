//! The rule table: every rule code, its default severity and its explanation.
//!
//! Codes are stable: CI configurations and suppressions refer to them.

use crate::diagnostic::Severity;

/// One lint rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable code, kebab-case.
    pub code: &'static str,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// One-line summary.
    pub summary: &'static str,
    /// A paragraph for `episode lint --explain`.
    pub explanation: &'static str,
}

/// Every rule, sorted by code.
pub const RULES: &[Rule] = &[
    Rule {
        code: "config",
        default_severity: Severity::Error,
        summary: "book.toml cannot be used",
        explanation: "book.toml is read strictly: every key must be one the tool knows, with a value of the right type, so that a misspelt setting is never silently ignored. The message names the key and its line; README.md lists the keys.",
    },
    Rule {
        code: "duplicate-episode",
        default_severity: Severity::Error,
        summary: "two files define the same episode",
        explanation: "An episode is identified by its series (the folder under episodes/) and its number (from the front matter, the `**Episode**:` line or the `# Episode N:` title). Two files with the same series and number would compete for one place in the course; give one of them another number.",
    },
    Rule {
        code: "episode-number",
        default_severity: Severity::Warning,
        summary: "an episode has no number",
        explanation: "Episodes are numbered within their series. The number comes from `number:` in the front matter, a `**Episode**: N` header line, or a title of the form `# Episode N: Title`. Without one, the episode is numbered after the last numbered episode of its series, which changes when files move.",
    },
    Rule {
        code: "front-matter",
        default_severity: Severity::Error,
        summary: "the YAML front matter cannot be read",
        explanation: "The block between the opening and closing `---` lines at the top of an episode is YAML. When it cannot be read, the episode still builds with the metadata its title and header lines give, but the front matter's values are lost. Quote values that contain `: ` or start with a special character.",
    },
    Rule {
        code: "invalid-utf8",
        default_severity: Severity::Warning,
        summary: "a file is not valid UTF-8",
        explanation: "Episodes must be UTF-8. A file with invalid bytes is still built, with each invalid sequence shown as �, so nothing is lost; re-save the file as UTF-8 to fix it.",
    },
    Rule {
        code: "unknown-language",
        default_severity: Severity::Warning,
        summary: "a code block names a language the highlighter does not know",
        explanation: "Code blocks are highlighted at build time by their info string (```python). An unknown name is shown as plain text. Use a common name or extension (python, py, rust, rs, yaml, sql, bash, ts), or `text` for plain text.",
    },
    Rule {
        code: "unreadable-file",
        default_severity: Severity::Error,
        summary: "a file cannot be read",
        explanation: "A file under episodes/ or enhancements/ could not be read (permissions, a broken link, an I/O error). The rest of the course is built and checked without it.",
    },
    Rule {
        code: "unterminated-fence",
        default_severity: Severity::Error,
        summary: "a code fence is never closed",
        explanation: "A fenced code block that is never closed runs to the end of the file, so everything after it is shown as code. Add a closing fence (the same characters as the opening one, at least as many) where the code ends.",
    },
];

/// The rule with this code.
pub fn get(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// Whether this code names a rule.
pub fn is_known(code: &str) -> bool {
    get(code).is_some()
}

/// The default severity of a rule (error for codes not in the table, which is a bug caught by
/// the test below).
pub fn default_severity(code: &str) -> Severity {
    get(code).map_or(Severity::Error, |r| r.default_severity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_unique_and_explained() {
        let codes: Vec<_> = RULES.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted);
        assert!(RULES.iter().all(|r| r.explanation.len() > 80));
    }
}
