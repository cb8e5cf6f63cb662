//! `--format github` (workflow-command annotations) and `--format junit` (JUnit XML, for CI
//! systems that show test reports).

use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::position;
use crate::source::SourceMap;
use crate::term::printable;

/// `::error file=…,line=…,col=…,title=…::message` per diagnostic.
pub fn github(diagnostics: &[Diagnostic], sources: &SourceMap<'_>) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let pos = position(d, sources);
        let mut message = d.message.clone();
        for help in &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let mut props = Vec::new();
        if !d.file.is_empty() {
            props.push(format!("file={}", property(&d.file)));
            props.push(format!("line={}", pos.line));
            props.push(format!("col={}", pos.column));
        }
        props.push(format!(
            "title={}",
            property(&format!("episode lint [{}]", d.rule))
        ));
        let _ = writeln!(out, "::{command} {}::{}", props.join(","), data(&message));
    }
    out
}

/// Escapes the message part of a workflow command; other control characters than line breaks
/// become visible symbols first, so content cannot write raw escapes into the CI log.
fn data(text: &str) -> String {
    printable(text, true)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A JUnit report: one test case per finding (errors and warnings fail), or one passing
/// case when there are none.
pub fn junit(diagnostics: &[Diagnostic], sources: &SourceMap<'_>) -> String {
    let failures = diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .count();
    let tests = diagnostics.len().max(1);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"episode lint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"episode lint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">"
    );
    if diagnostics.is_empty() {
        out.push_str("    <testcase classname=\"episode.lint\" name=\"course\"/>\n");
    }
    for d in diagnostics {
        let pos = position(d, sources);
        let name = format!(
            "{}:{}:{}",
            if d.file.is_empty() {
                "<course>"
            } else {
                &d.file
            },
            pos.line,
            pos.column
        );
        let _ = write!(
            out,
            "    <testcase classname=\"episode.lint.{}\" name=\"{}\"",
            xml(d.rule.as_str()),
            xml(&name)
        );
        if d.severity == Severity::Note {
            let _ = writeln!(
                out,
                "><system-out>{}</system-out></testcase>",
                xml(&d.message)
            );
            continue;
        }
        let mut body = d.message.clone();
        for help in &d.help {
            body.push_str("\nhelp: ");
            body.push_str(help);
        }
        let _ = writeln!(
            out,
            ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
            d.severity.as_str(),
            xml(&d.message),
            xml(&body)
        );
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// Escapes text for XML content and attributes. Control characters become visible symbols
/// (XML 1.0 cannot hold most of them); non-characters XML forbids are dropped.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in printable(text, true).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' => out.push(c),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_workflow_command_properties_escape_colons_and_commas() {
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(xml("<a & \"b\">\u{FFFE}"), "&lt;a &amp; &quot;b&quot;&gt;");
    }

    #[test]
    fn regression_control_characters_never_reach_a_ci_log_or_the_xml() {
        let raw = "red \u{1b}[31m bell \u{7} back \u{8} cr \r nul \u{0} csi \u{9b}";
        let shown = "red ␛[31m bell ␇ back ␈ cr ␍ nul ␀ csi \u{FFFD}";
        assert_eq!(data(raw), shown);
        assert_eq!(xml(raw), shown);
        assert_eq!(data("a\nb"), "a%0Ab");
        assert_eq!(xml("a\nb\tc"), "a\nb\tc");
    }
}
