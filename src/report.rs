//! The only printer of findings. Formats: `human` (rustc-style code frames), `short`,
//! `json` (the stable contract, [`json`]), `sarif` ([`sarif`]), `github` and `junit` ([`ci`]),
//! plus the coverage matrix for the terminal ([`matrix`]).
//!
//! Diagnostics carry byte spans; this module turns them into file:line:column and code
//! frames with annotate-snippets, the renderer rustc and cargo use.
//!
//! Messages quote content, and content may hold control characters (ESC, BEL, backspace, CR,
//! NUL): every text format passes what it prints through [`printable`], so they show as
//! visible symbols (`␛`) instead of acting on the terminal or breaking a CI log; JUnit also
//! keeps its XML valid. JSON and SARIF keep the text as it is: JSON escapes control characters.

pub mod ci;
mod frame;
pub mod json;
pub mod matrix;
pub mod sarif;

use crate::text::plural;
use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{LineCol, SourceFile, SourceMap};
use crate::term::printable;

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Code frames with the rule, the message and a help line.
    #[default]
    Human,
    /// One line per finding: `file:line:col: severity[rule]: message`.
    Short,
    /// The JSON contract: `{"diagnostics": [...], "recommendations": [...]}`.
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…,line=…::message`).
    Github,
    /// JUnit XML.
    Junit,
}

/// Options for printing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Use ANSI colours.
    pub color: bool,
}

/// Where a diagnostic points, as line and column (1:1 for course-wide findings).
pub fn position(diagnostic: &Diagnostic, sources: &SourceMap<'_>) -> LineCol {
    sources
        .get(&diagnostic.file)
        .map_or(LineCol { line: 1, column: 1 }, |f| {
            f.line_col(diagnostic.span.start)
        })
}

/// Renders diagnostics, and for JSON the recommendation verdicts (and the content table when
/// `content` is given, for `--coverage`), in the given format.
pub fn render_with(
    diagnostics: &[Diagnostic],
    recommendations: &[json::RecommendationRecord],
    documents: &[crate::enhance::DocumentSummary],
    content: Option<&crate::check::gates::ContentCoverage>,
    sources: &SourceMap<'_>,
    format: Format,
    style: Style,
) -> String {
    match format {
        Format::Json => json::render(diagnostics, recommendations, documents, content, sources),
        Format::Sarif => sarif::render(diagnostics, sources),
        Format::Github => ci::github(diagnostics, sources),
        Format::Junit => ci::junit(diagnostics, sources),
        Format::Human => diagnostics
            .iter()
            .map(|d| human(d, sources, style))
            .collect::<Vec<_>>()
            .join("\n"),
        Format::Short => diagnostics.iter().fold(String::new(), |mut out, d| {
            let _ = writeln!(out, "{}", short(d, sources));
            out
        }),
    }
}

/// The close of human output: what was read from each recommendations document, then one
/// line with the counts of findings and of verdicts.
pub fn summary(
    counts: &crate::diagnostic::Counts,
    records: &[json::RecommendationRecord],
    documents: &[crate::enhance::DocumentSummary],
) -> String {
    let mut out = String::new();
    for document in documents {
        let _ = writeln!(
            out,
            "{}: {} read, {} skipped",
            printable(&document.file, false),
            plural(document.requirements, "requirement"),
            plural(document.skipped.len(), "section"),
        );
    }
    out.push_str(&format!(
        "lint: {}, {}, {}",
        plural(counts.errors, "error"),
        plural(counts.warnings, "warning"),
        plural(counts.notes, "note")
    ));
    if !records.is_empty() {
        let count = |v: &str| records.iter().filter(|r| r.verdict == v).count();
        out.push_str(&format!(
            "; recommendations: {} satisfied, {} partial, {} missing",
            count("satisfied"),
            count("partial"),
            count("missing")
        ));
    }
    out.push('\n');
    out
}

/// One line: `file:line:col: severity[rule]: message`, with control characters (line feeds
/// too) replaced by visible stand-ins.
pub fn short(d: &Diagnostic, sources: &SourceMap<'_>) -> String {
    let pos = position(d, sources);
    let line = format!(
        "{}:{}:{}: {}[{}]: {}",
        display_file(d),
        pos.line,
        pos.column,
        d.severity.as_str(),
        d.rule.as_str(),
        d.message
    );
    printable(&line, false).into_owned()
}

fn display_file(d: &Diagnostic) -> &str {
    if d.file.is_empty() {
        "<course>"
    } else {
        &d.file
    }
}

/// A rustc-style code frame. Every piece of text from the course (message, labels, help,
/// paths, quoted lines) is made [`printable`] first: a control character in an episode never
/// reaches the terminal raw.
pub fn human(d: &Diagnostic, sources: &SourceMap<'_>, style: Style) -> String {
    let level = level(d.severity);
    let message = printable(&d.message, true);
    let label = d.label.as_deref().map(|l| printable(l, true));
    let title = level.primary_title(message.as_ref()).id(d.rule.as_str());
    let file = sources.get(&d.file);
    let path = printable(&d.file, false);
    // Related places: (label, path, file if it is known).
    let related: Vec<_> = d
        .related
        .iter()
        .map(|r| {
            (
                printable(&r.label, true),
                printable(&r.file, false),
                sources.get(&r.file),
                r,
            )
        })
        .collect();
    let mut groups: Vec<Group<'_>> = Vec::new();
    // A file without text (an episode folder without a script) has no line to show.
    match file.filter(|f| !f.text.is_empty()) {
        Some(file) => {
            // The finding's own span first, then the related places in the same file.
            let same_file: Vec<_> = related.iter().filter(|(.., r)| r.file == d.file).collect();
            let spans: Vec<std::ops::Range<usize>> = std::iter::once(d.span.clone())
                .chain(same_file.iter().map(|(.., r)| r.span.clone()))
                .collect();
            let mut group = Group::with_title(title);
            for (window, members) in frame::windows(file, &spans) {
                let (origin, mut snippet) =
                    located(&window, file, path.as_ref(), spans[members[0]].start);
                group = group.elements(origin);
                for member in members {
                    let span = window.span(&file.text, &spans[member]);
                    snippet = snippet.annotation(match member {
                        0 => {
                            let primary = AnnotationKind::Primary.span(span);
                            match &label {
                                Some(label) => primary.label(label.as_ref()),
                                None => primary,
                            }
                        }
                        n => AnnotationKind::Context
                            .span(span)
                            .label(same_file[n - 1].0.as_ref()),
                    });
                }
                group = group.element(snippet);
            }
            groups.push(group);
        }
        None if !d.file.is_empty() => {
            groups.push(Group::with_title(title).element(Origin::path(path.as_ref())));
        }
        None => groups.push(Group::with_title(title)),
    }
    for (label, path, file, r) in related.iter().filter(|(.., r)| r.file != d.file) {
        if let Some(file) = file {
            let window = frame::window(file, &r.span);
            let (origin, snippet) = located(&window, file, path.as_ref(), r.span.start);
            let snippet = snippet.annotation(
                AnnotationKind::Context
                    .span(window.span(&file.text, &r.span))
                    .label(label.as_ref()),
            );
            groups.push(
                Group::with_title(Level::NOTE.secondary_title(label.as_ref()))
                    .elements(origin)
                    .element(snippet),
            );
        } else {
            groups.push(Group::with_title(
                Level::NOTE.secondary_title(format!("{label}: {path}")),
            ));
        }
    }
    for help in &d.help {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(printable(help, true)),
        ));
    }
    let renderer = if style.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = renderer.render(&groups);
    out.push('\n');
    out
}

/// The snippet that shows `window` of `file` (at `path`), and where the frame says it is. A
/// window cut inside a line would have its column counted from the cut, so its location is
/// given apart, from the file (`offset` is where its first annotation starts); other
/// snippets name their file and let the frame count.
fn located<'a>(
    window: &frame::Window<'a>,
    file: &SourceFile,
    path: &'a str,
    offset: usize,
) -> (
    Option<Origin<'a>>,
    Snippet<'a, annotate_snippets::Annotation<'a>>,
) {
    let snippet = Snippet::source(window.text.clone())
        .line_start(window.first_line)
        .fold(true);
    if window.starts_inside_a_line() {
        let at = file.line_col(offset);
        let origin = Origin::path(path).line(at.line).char_column(at.column);
        (Some(origin), snippet)
    } else {
        (None, snippet.path(path))
    }
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::RuleId;
    use crate::source::SourceFile;

    fn diagnostic_on(file: &SourceFile, span: std::ops::Range<usize>, message: &str) -> Diagnostic {
        Diagnostic::new(RuleId::ALL[0], file.rel_path.clone(), span, message)
            .help("see \u{1b}[1mhelp\u{7}")
    }

    #[test]
    fn a_frame_cut_inside_a_long_line_names_the_column_in_the_file() {
        let text = format!("# T\n{}[a](nope.md)\n", "é".repeat(3_000));
        let file = SourceFile::from_string("episodes/e.md", text.as_str());
        let start = text.find("[a]").unwrap_or(0);
        let d = diagnostic_on(&file, start + 4..start + 11, "broken link");
        let mut sources = SourceMap::default();
        sources.extend([&file]);
        let shown = human(&d, &sources, Style { color: false });
        assert!(shown.contains("episodes/e.md:2:3005"), "{shown}");
        assert!(short(&d, &sources).starts_with("episodes/e.md:2:3005:"));
        assert!(shown.len() < 1_000, "the frame is cut: {shown}");
    }

    #[test]
    fn regression_a_code_frame_shows_control_characters_as_symbols() {
        let text = "before\nab\u{9b}c \u{1b}[31mred\u{8}\u{7} done\nafter\n";
        let file = SourceFile::from_string("episodes/e.md", text);
        let start = text.find("red").unwrap_or(0);
        let d = diagnostic_on(&file, start..start + 3, "quote: \u{1b}[31mred\u{0}");
        let mut sources = SourceMap::default();
        sources.extend([&file]);
        let shown = human(&d, &sources, Style { color: false });
        for c in ['\u{1b}', '\u{7}', '\u{8}', '\u{0}', '\u{9b}'] {
            assert!(
                !shown.contains(c),
                "{c:?} raw in:\n{}",
                shown.escape_debug()
            );
        }
        assert!(shown.contains("quote: ␛[31mred␀"), "{shown}");
        assert!(shown.contains("ab\u{FFFD}c ␛[31mred"), "{shown}");
        assert!(shown.contains("help: see ␛[1mhelp␇"), "{shown}");
        // The underline still sits under `red`, after the replaced characters.
        let line = shown
            .lines()
            .find(|l| l.contains("red␈"))
            .unwrap_or_default();
        let marks = shown
            .lines()
            .find(|l| l.contains("^^^"))
            .unwrap_or_default();
        assert_eq!(
            line.chars().position(|c| c == 'r'),
            marks.chars().position(|c| c == '^'),
            "{shown}"
        );
        let short_line = short(&d, &sources);
        assert!(short_line.ends_with("quote: ␛[31mred␀"), "{short_line}");
    }
}
