//! Turning merman's errors into positioned, author-readable [`MermaidError`]s.

use crate::mermaid::er_attributes;
use crate::mermaid::flowchart_slips;
use crate::mermaid::hints;
use crate::mermaid::label_error::LabelFault;
use crate::mermaid::message_lines;
use crate::mermaid::nesting::{self, Fault};
use crate::mermaid::semantics;
use crate::mermaid::type_names::unknown_type;
use crate::mermaid::{DiagramKind, MermaidError, Problem, label_error, source_text};
use merman_core::{Error, ParseDiagnostic, ParseDiagnosticSpanKind};

/// The first line with a `$$…$$` formula, in the families where Mermaid renders math.
pub(super) fn math_line(source: &str, kind: DiagramKind) -> Option<usize> {
    if !matches!(kind, DiagramKind::Flowchart | DiagramKind::Sequence) {
        return None;
    }
    source
        .lines()
        .position(|line| line.matches("$$").count() >= 2 && !line.trim().starts_with("%%"))
        .map(|index| index + 1)
}

/// The error for a `$$…$$` formula: math rendering is not compiled in (see the module docs).
pub(super) fn unsupported_math(source: &str, kind: DiagramKind) -> MermaidError {
    MermaidError {
        problem: Problem::Invalid,
        line: math_line(source, kind),
        column: None,
        message: "math formulas (`$$…$$`) are not supported in diagrams; write the formula as \
                  plain text"
            .to_string(),
    }
}

/// The error for a diagram that parses but has nothing to draw.
pub(super) fn nothing_to_draw(source: &str, kind: DiagramKind) -> MermaidError {
    MermaidError {
        problem: Problem::Invalid,
        line: source_text::header(source).map(|header| header.line),
        column: None,
        message: format!("the {} has nothing to draw", kind.label()),
    }
}

/// Maps any merman parse error onto the source it was raised for, naming the block left open,
/// the closer with nothing to close or the one-dash arrow that caused it when the diagram has
/// one at or before the line merman stopped on.
pub(super) fn from_parse_error(source: &str, kind: DiagramKind, error: &Error) -> MermaidError {
    let reported = quote_left_open(source, kind, as_reported(source, error));
    let reported = semicolon_in_message(source, kind, reported);
    let reported = attribute_without_type(source, kind, reported);
    let reported = flowchart_slip(source, kind, reported);
    let mut explained = explained_by_structure(source, kind, reported, ends_early(source, error));
    if let Some(hint) = explained
        .line
        .and_then(|line| hints::for_line(source, kind, line))
    {
        explained.message = format!("{}; {hint}", explained.message);
    }
    explained
}

/// The error at a sequence diagram message whose text holds a `;`, named as such: Mermaid
/// ends the statement there and reads the rest of the text as a statement of its own.
fn semicolon_in_message(source: &str, kind: DiagramKind, reported: MermaidError) -> MermaidError {
    let line_text = reported
        .line
        .filter(|_| kind == DiagramKind::Sequence)
        .and_then(|line| source.lines().nth(line.checked_sub(1)?));
    let Some((line_text, colon)) = line_text.and_then(|text| Some((text, text.find(':')?))) else {
        return reported;
    };
    // Not the `;` that ends an entity (`#59;`, `#quot;`).
    let ends_entity = |at: usize| {
        let word = line_text[..at].trim_end_matches(|c: char| c.is_alphanumeric() || c == '_');
        word.len() < at && word.ends_with('#')
    };
    let Some(semicolon) = line_text[colon..]
        .match_indices(';')
        .map(|(at, _)| colon + at)
        .find(|&at| !ends_entity(at))
    else {
        return reported;
    };
    let rest = line_text[semicolon + 1..].trim();
    MermaidError {
        column: Some(line_text[..semicolon].chars().count() + 1),
        message: format!(
            "`;` ends a statement in Mermaid, so the message stops here and `{}` is read as a \
             statement of its own; write `#59;` for a semicolon",
            shorten(rest)
        ),
        ..reported
    }
}

/// The error at a flowchart line that holds a sequence diagram's arrow (`-->>`) or an `@` in
/// an unquoted label, named as such rather than in merman's grammar terms
/// ([`flowchart_slips`]).
fn flowchart_slip(source: &str, kind: DiagramKind, reported: MermaidError) -> MermaidError {
    let line_text = reported
        .line
        .filter(|_| kind == DiagramKind::Flowchart)
        .and_then(|line| source.lines().nth(line.checked_sub(1)?));
    let Some(line_text) = line_text else {
        return reported;
    };
    let column = |at: usize| Some(line_text[..at].chars().count() + 1);
    if let Some((at, arrow)) = flowchart_slips::sequence_arrow(line_text) {
        let meant = match arrow.trim_end_matches('>') {
            "-" => "--",
            shaft => shaft,
        };
        return MermaidError {
            column: column(at),
            message: format!(
                "`{arrow}` is not a flowchart arrow (`->>` is a sequence diagram's message); \
                 write `{meant}>`"
            ),
            ..reported
        };
    }
    if let Some(at) = flowchart_slips::at_sign_in_label(line_text) {
        return MermaidError {
            column: column(at),
            message: "`@` in a node label without quotes reads as the mark of a node's or an \
                      edge's id (`A@{ … }`, `e1@-->`); put the label in quotes: \
                      `A[\"user@example.com\"]`"
                .to_string(),
            ..reported
        };
    }
    reported
}

/// The error at a flowchart line that opens a `"` and never closes it, named as such: merman
/// reads on to the end of the line and reports a missing `]`.
fn quote_left_open(source: &str, kind: DiagramKind, reported: MermaidError) -> MermaidError {
    let line_text = reported
        .line
        .and_then(|line| source.lines().nth(line.checked_sub(1)?));
    let Some(column) = line_text
        .filter(|_| kind == DiagramKind::Flowchart)
        .and_then(label_error::unclosed_quote)
    else {
        return reported;
    };
    MermaidError {
        column: Some(column),
        message: "the quote `\"` opened here is never closed; end the quoted label with `\"` \
                  before its bracket (`A[\"Open quote\"]`)"
            .to_string(),
        ..reported
    }
}

/// The error an entity attribute written without its type causes, moved to that attribute.
fn attribute_without_type(source: &str, kind: DiagramKind, reported: MermaidError) -> MermaidError {
    let Some(line) = reported
        .line
        .filter(|_| {
            kind == DiagramKind::Er && reported.message.contains("expected an attribute as")
        })
        .and_then(|line| er_attributes::one_word_attribute(source, line))
    else {
        return reported;
    };
    MermaidError {
        problem: Problem::Invalid,
        line: Some(line),
        column: None,
        message: "an attribute is written `type name` (`string email`), optionally followed by \
                  `PK`, `FK` or `UK` and a quoted comment; this one has one word"
            .to_string(),
    }
}

/// Whether merman stopped at the end of the diagram, still expecting more.
fn ends_early(source: &str, error: &Error) -> bool {
    let Error::DiagramParse { diagnostic, .. } = error else {
        return false;
    };
    match diagnostic.span() {
        Some(span) => source_text::at_end(source, span.start),
        None => diagnostic.message().contains("EOF"),
    }
}

/// The error merman reported, replaced or completed by what the diagram's structure explains.
fn explained_by_structure(
    source: &str,
    kind: DiagramKind,
    reported: MermaidError,
    ends_early: bool,
) -> MermaidError {
    let reaches = |line: usize| ends_early || reported.line.is_none_or(|at| at >= line);
    let reading = nesting::read(source, kind);
    if let Some((line, column)) = reading.one_dash_arrow
        && reaches(line)
    {
        return MermaidError {
            problem: Problem::Invalid,
            line: Some(line),
            column: Some(column),
            message: format!(
                "`->` is not an arrow in a {}; write `-->` (two dashes)",
                kind.label()
            ),
        };
    }
    if let Some(Fault::Unclosed(block)) = &reading.fault
        && (ends_early || reaches(block.line))
        && let Some(misspelled) = misspelled_closer(source, kind, block)
    {
        return misspelled;
    }
    match reading.fault {
        Some(Fault::Stray {
            line,
            column,
            closer,
            openers,
        }) if reaches(line) => MermaidError {
            problem: Problem::Invalid,
            line: Some(line),
            column: Some(column),
            message: format!(
                "`{closer}` closes nothing: no block is open here (blocks open with {openers}); \
                 remove it or open the block it should close"
            ),
        },
        Some(Fault::ClassInClass {
            outer,
            line,
            column,
            inner,
        }) if reaches(line) => class_in_class(&outer, line, column, &inner),
        Some(Fault::Unclosed(block))
            if ends_early
                || (reaches(block.line) && (block.swallows() || block.after_semicolon)) =>
        {
            MermaidError {
                problem: Problem::Invalid,
                line: Some(block.line),
                column: Some(block.column),
                message: never_closed(&block),
            }
        }
        Some(Fault::Unclosed(block)) if reaches(block.line) => MermaidError {
            message: format!(
                "{}; the block `{}` opened above is still open here: close it with `{}` first",
                reported.message,
                shorten(&block.opener),
                block.closer
            ),
            ..reported
        },
        _ => reported,
    }
}

/// The error at the line that was meant to close `block` but misspells its closer (`edn` for
/// `end`), when one follows the opener: that is where the fix goes. The hint naming the
/// keyword is added with the other hints ([`hints::for_line`]).
fn misspelled_closer(
    source: &str,
    kind: DiagramKind,
    block: &nesting::Block,
) -> Option<MermaidError> {
    let (index, line) = source
        .lines()
        .enumerate()
        .skip(block.line)
        .find(|(_, line)| hints::misspelled_keyword(line.trim(), kind) == Some(block.closer))?;
    let indent = line.len() - line.trim_start().len();
    Some(MermaidError {
        problem: Problem::Invalid,
        line: Some(index + 1),
        column: Some(line[..indent].chars().count() + 1),
        message: format!(
            "`{}` is not a keyword, so `{}` on line {} is never closed",
            source_text::keyword_of(line),
            shorten(&block.opener),
            block.line
        ),
    })
}

/// What to say of a block never closed.
fn never_closed(block: &nesting::Block) -> String {
    if block.after_semicolon {
        format!(
            "`;` ends a statement in a sequence diagram, so `{}` after it opens a block that is \
             never closed; write `#59;` for a semicolon in a message",
            shorten(&block.opener)
        )
    } else if block.swallows() {
        format!(
            "`{}` is never closed, so the rest of the diagram is its text; end the note with \
             `{}` on a line of its own",
            shorten(&block.opener),
            block.closer
        )
    } else {
        format!(
            "`{}` is never closed; add `{}` on a line of its own where the block ends",
            shorten(&block.opener),
            block.closer
        )
    }
}

/// The error for a class body opened inside another's.
fn class_in_class(outer: &nesting::Block, line: usize, column: usize, inner: &str) -> MermaidError {
    MermaidError {
        problem: Problem::Invalid,
        line: Some(line),
        column: Some(column),
        message: format!(
            "`{}` opens a class inside the body of `{}`, which is not closed; add `}}` on a line \
             of its own before it",
            shorten(inner),
            shorten(&outer.opener)
        ),
    }
}

/// The structural mistake in a diagram merman accepts but Mermaid rejects: a class body opened
/// inside another (merman reads on; mermaid.js stops with "Expecting STRUCT_STOP").
pub(super) fn accepted_but_invalid(source: &str, kind: DiagramKind) -> Option<MermaidError> {
    // Only class diagrams have such a mistake: every other valid diagram skips the reading.
    if kind != DiagramKind::Class {
        return None;
    }
    match nesting::fault(source, kind)? {
        Fault::ClassInClass {
            outer,
            line,
            column,
            inner,
        } => Some(class_in_class(&outer, line, column, &inner)),
        _ => None,
    }
}

/// The error as merman reported it, in an author's words.
fn as_reported(source: &str, error: &Error) -> MermaidError {
    match error {
        Error::DiagramParse { diagnostic, .. } => from_diagnostic(source, diagnostic),
        Error::DetectType(_) => unknown_type(source),
        Error::UnsupportedDiagram { diagram_type } => MermaidError {
            problem: Problem::Invalid,
            line: source_text::header(source).map(|header| header.line),
            column: None,
            message: format!("`{diagram_type}` diagrams are not supported by this build"),
        },
        Error::MalformedFrontMatter => MermaidError {
            problem: Problem::Invalid,
            line: Some(1),
            column: None,
            message: "the front matter is not closed; put `---` alone on the first line and \
                      again after the settings, before the diagram type"
                .to_string(),
        },
        Error::InvalidFrontMatterYaml { message } => MermaidError {
            problem: Problem::Invalid,
            line: Some(1),
            column: None,
            message: format!("the front matter is not valid YAML: {message}"),
        },
        Error::InvalidDirectiveJson { message } => MermaidError {
            problem: Problem::Invalid,
            line: source_text::unique_line_containing(source, "%%{"),
            column: None,
            message: format!("the `%%{{init: …}}%%` directive is not valid JSON: {message}"),
        },
        other => MermaidError {
            problem: Problem::Invalid,
            line: None,
            column: None,
            message: other.to_string(),
        },
    }
}

fn from_diagnostic(source: &str, diagnostic: &ParseDiagnostic) -> MermaidError {
    let raw = diagnostic.message();
    // merman gives this error no position of its own (see `label_error`).
    if raw.contains("Invalid text label: contains structural characters")
        && let Some((line, column, fault)) = label_error::first_structural_character(source)
    {
        let message = match fault {
            LabelFault::Structural(ch) => format!(
                "invalid text label: unquoted `{ch}` inside a node label; put the label in \
                 quotes to use it (`A[\"Cache (L1)\"]`)"
            ),
            LabelFault::Unclosed {
                opener,
                closer,
                text,
            } => format!(
                "the label `{opener}{}` is not closed before the arrow; add `{closer}` after `{}`",
                shorten(&text),
                shorten(&text)
            ),
        };
        return MermaidError {
            problem: Problem::Invalid,
            line: Some(line),
            column: Some(column),
            message,
        };
    }
    let Some(span) = diagnostic.span() else {
        let position = message_lines::position_named(source, raw);
        // "task `task1` has unresolved startTime" about a task with more fields than Mermaid
        // reads: say so, as for any other task.
        if raw.starts_with("task `")
            && raw.contains("` has unresolved ")
            && let Some(extra) = semantics::gantt_extra_fields(source)
            && extra.line.is_some()
            && extra.line == position.map(|(line, _)| line)
        {
            return extra;
        }
        return MermaidError {
            problem: Problem::Invalid,
            line: position.map(|(line, _)| line),
            column: position.and_then(|(_, column)| column),
            message: humanize(raw, None, None),
        };
    };
    if source_text::at_end(source, span.start) {
        let content_end = source.trim_end().len();
        return MermaidError {
            problem: Problem::Invalid,
            line: source_text::last_content_line(source),
            column: None,
            message: humanize(raw, None, source_text::previous_word(source, content_end)),
        };
    }
    let (line, column) = source_text::line_column(source, span.start);
    let exact = diagnostic.span_kind() == ParseDiagnosticSpanKind::Exact;
    let found = exact
        .then(|| source_text::slice(source, span.start, span.end))
        .flatten();
    let after = source_text::previous_word(source, span.start);
    MermaidError {
        problem: Problem::Invalid,
        line: Some(line),
        column: Some(column),
        message: humanize(raw, found, after),
    }
}

/// Rewrites parser vocabulary into an author's words, naming the offending text.
pub(super) fn humanize(raw: &str, found: Option<&str>, after: Option<&str>) -> String {
    let found = found.map(str::trim).filter(|text| !text.is_empty());
    let mut message = raw.trim().to_string();
    if let Some(rest) = message.strip_prefix("Unexpected character at ")
        && rest.chars().all(|ch| ch.is_ascii_digit())
    {
        message = "unexpected character".to_string();
    }
    if message.starts_with("unexpected ") || message.starts_with("Unexpected ") {
        message = name_unexpected_text(&message, found, after);
    }
    for (parser_words, author_words) in VOCABULARY {
        message = message.replace(parser_words, author_words);
    }
    message = expected_string_in_words(&message);
    if let Some(fix) = activation_fix(&message) {
        message.push_str(&fix);
    }
    lowercase_first(&message)
}

/// `unexpected identifier; expected …` becomes ``unexpected `B` after `A`; expected …``.
fn name_unexpected_text(message: &str, found: Option<&str>, after: Option<&str>) -> String {
    let (head, expected) = match message.split_once(';') {
        Some((head, rest)) => (head, Some(rest.trim())),
        None => (message, None),
    };
    let mut out = match found {
        Some(text) => format!("unexpected `{}`", shorten(text)),
        None => head.to_string(),
    };
    if let Some(word) = after.filter(|word| Some(*word) != found) {
        out.push_str(&format!(" after `{}`", shorten(word)));
    }
    if let Some(expected) = expected {
        out.push_str("; ");
        out.push_str(&shorten_expected(expected));
    }
    // Sequence grammar words in the expected list: the continuation is a sequence keyword.
    let in_sequence = expected.is_some_and(|list| {
        ["\"participant\"", "\"end\""]
            .iter()
            .any(|word| list.contains(word))
    });
    if let Some((word, block)) = found.filter(|_| in_sequence).and_then(continued_block) {
        out.push_str(&format!(
            "; `{word}` only continues {block} block, before its `end`"
        ));
    }
    out
}

/// `expected str` (the class grammar's token for quoted text) in an author's words; the token
/// only counts as a whole word, so `expected struct start` is left to [`VOCABULARY`].
fn expected_string_in_words(message: &str) -> String {
    const TOKEN: &str = "expected str";
    let is_word = |ch: char| ch.is_alphanumeric() || ch == '_';
    let whole_word = |at: usize| {
        !message[..at].chars().next_back().is_some_and(is_word)
            && !message[at + TOKEN.len()..]
                .chars()
                .next()
                .is_some_and(is_word)
    };
    match message.match_indices(TOKEN).find(|(at, _)| whole_word(*at)) {
        Some((at, _)) => format!(
            "{}expected quoted text such as `\"text\"`{}",
            &message[..at],
            &message[at + TOKEN.len()..]
        ),
        None => message.to_string(),
    }
}

/// The fix for a participant deactivated while not active (merman: "Trying to inactivate an
/// inactive participant (B)").
fn activation_fix(message: &str) -> Option<String> {
    let (_, rest) = message.split_once("inactivate an inactive participant (")?;
    let name = rest.split_once(')')?.0.trim();
    (!name.is_empty()).then(|| {
        format!(
            "; `{name}` is not active here: activate it first (`activate {name}`, or `+{name}` \
             on a message to it) or drop the `-`"
        )
    })
}

/// The sequence block a continuation keyword belongs in (`else` in `alt`, `and` in `par`,
/// `option` in `critical`).
fn continued_block(found: &str) -> Option<(&'static str, &'static str)> {
    match crate::mermaid::source_text::keyword_of(found) {
        "else" => Some(("else", "an `alt`")),
        "and" => Some(("and", "a `par`")),
        "option" => Some(("option", "a `critical`")),
        _ => None,
    }
}

fn shorten(text: &str) -> String {
    let text = text.lines().next().unwrap_or("").trim();
    if text.chars().count() > 30 {
        format!("{}…", text.chars().take(30).collect::<String>())
    } else {
        text.to_string()
    }
}

/// Keeps the first few alternatives of a long "expected a, b, c, …" list.
fn shorten_expected(expected: &str) -> String {
    let Some(list) = expected.strip_prefix("expected ") else {
        return expected.to_string();
    };
    let mut items: Vec<&str> = Vec::new();
    for item in list.split(", ").map(str::trim) {
        if !items.contains(&item) {
            items.push(item);
        }
    }
    let shown = items.len().min(4);
    let mut out = String::from("expected ");
    for (index, item) in items.iter().take(shown).enumerate() {
        if index > 0 {
            out.push_str(if index + 1 == shown && shown == items.len() {
                " or "
            } else {
                ", "
            });
        }
        out.push_str(item);
    }
    if items.len() > shown {
        out.push_str(", …");
    }
    out
}

fn lowercase_first(message: &str) -> String {
    let mut chars = message.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => first
            .to_lowercase()
            .chain(message.chars().skip(1))
            .collect(),
        _ => message.to_string(),
    }
}

/// Parser words and what an author calls them.
const VOCABULARY: &[(&str, &str)] = &[
    (
        "EOF inside class body",
        "the class body is not closed with `}`",
    ),
    ("statement separator", "end of line"),
    ("end of input", "end of the diagram"),
    ("EOF", "end of the diagram"),
    (
        "incomplete flowchart edge operator",
        "incomplete arrow (write `-->` or `---`)",
    ),
    ("edge operator", "arrow"),
    (
        "expected ext, dep, comp, agg, …",
        "expected a relation such as `<|--`, `*--`, `o--`, `-->` or `..>`",
    ),
    (
        "expected sep, amp, style sep, node label, …",
        "expected the end of the statement, `&`, `:::` or a node label such as `[text]`",
    ),
    (
        "expected question or attr word",
        "expected an attribute as `type name`, then `PK`, `FK` or `UK`, then a quoted comment",
    ),
    (
        "expected central or signal type",
        "expected a message arrow such as `->>`",
    ),
    (
        "expected identifying or non identifying",
        "expected `--` (identifying) or `..` (non-identifying) between the cardinalities, as in \
         `||--o{`",
    ),
    ("expected line or dotted line", "expected `--` or `..`"),
    (
        "expected newline, struct start, square start, annotation start, …",
        "expected the end of the line, a class body `{`, a label `[\"…\"]` or an annotation \
         `<<…>>` (generics are written `Box~T~`)",
    ),
    (
        "expected newline, name, acc title, acc descr, …",
        "expected the end of the line or a relationship such as `||--o{`",
    ),
    ("expected `:::` or colon", "expected `:` and a label"),
    (
        "expected newline, \"participant\", \"actor\", \"create\", …",
        "expected a statement such as `A->>B: text`, `participant A` or `note right of A: text`",
    ),
    ("message operator", "message arrow (such as `->>`)"),
    (
        "expected \"subgraph\", sep, direction stmt, node identifier, …",
        "expected a statement such as `A --> B`, `A[text]`, `subgraph name` or `direction LR`",
    ),
    ("node identifier", "a node"),
    ("styled id", "a state"),
    ("edge state", "an arrow"),
    ("string literal", "quoted text"),
    ("style separator", "`:::`"),
];
#[cfg(test)]
mod tests {
    use crate::mermaid::{RenderError, RenderOptions};

    use crate::mermaid::render_tests::{engine, error_of};

    #[test]
    fn unclosed_bracket_is_reported_on_its_line() {
        let error = error_of("flowchart TD\n    A[Start --> B\n    B --> C\n");
        assert_eq!((error.line, error.column), (Some(2), Some(6)));
        assert!(error.message.contains("missing `]`"), "{}", error.message);
    }

    #[test]
    fn bad_arrow_is_reported_on_its_line() {
        let error = error_of("flowchart LR\n    A --> B\n    B -> C\n    C --> D\n");
        assert_eq!((error.line, error.column), (Some(3), Some(7)));
        assert!(error.message.contains("arrow"), "{}", error.message);
    }

    #[test]
    fn sequence_message_without_colon_is_reported_on_its_line() {
        let error = error_of("sequenceDiagram\n    participant Alice\n    Alice->>Bob Hello\n");
        assert_eq!(error.line, Some(3));
        assert!(error.message.contains("end of line"), "{}", error.message);
        assert!(!error.message.contains("statement separator"));
    }

    #[test]
    fn sequence_with_bad_arrow_names_the_character() {
        let error = error_of("sequenceDiagram\n    Alice->>Bob: Hello\n    Alice => Bob: hi\n");
        assert_eq!(error.line, Some(3));
        assert!(
            error.message.starts_with("unexpected `"),
            "{}",
            error.message
        );
    }

    #[test]
    fn error_after_front_matter_keeps_body_line_numbers() {
        let error = error_of("---\ntitle: Flow\n---\nflowchart TD\n    A --> B(\n");
        assert_eq!(error.line, Some(5));
    }

    #[test]
    fn error_at_end_of_input_points_at_last_line() {
        let error = error_of("flowchart LR\n    A --> B -->\n\n");
        assert_eq!(error.line, Some(2));
        assert_eq!(
            error.message,
            "unexpected end of the diagram after `-->`; expected a node or edge label"
        );
    }

    #[test]
    fn flowchart_slips_are_named_in_an_authors_words() {
        let error = error_of("flowchart LR\n  A -->> B\n");
        assert_eq!((error.line, error.column), (Some(2), Some(5)));
        assert_eq!(
            error.message,
            "`-->>` is not a flowchart arrow (`->>` is a sequence diagram's message); write `-->`"
        );
        let error = error_of("flowchart LR\n  A[user@example.com] --> B\n");
        assert_eq!((error.line, error.column), (Some(2), Some(9)));
        assert!(
            error.message.contains("put the label in quotes"),
            "{}",
            error.message
        );
        assert!(is_valid("flowchart LR\n  A[\"user@example.com\"] --> B\n"));
        assert!(is_valid(
            "flowchart LR\n  A e1@--> B\n  e1@{ animate: true }\n"
        ));
    }

    fn is_valid(source: &str) -> bool {
        engine().validate(source).is_ok()
    }

    #[test]
    fn a_misspelled_end_is_named_where_it_is() {
        let error =
            error_of("sequenceDiagram\n    loop every minute\n        A->>B: ping\n    edn\n");
        assert_eq!((error.line, error.column), (Some(4), Some(5)));
        assert_eq!(
            error.message,
            "`edn` is not a keyword, so `loop every minute` on line 2 is never closed; did you mean `end`?"
        );
        let error = error_of("flowchart LR\n    subgraph Edge\n        A --> B\n    ned\n");
        assert_eq!(error.line, Some(4), "{}", error.message);
    }

    #[test]
    fn a_block_left_open_is_named_at_its_opening_line() {
        let cases = [
            (
                "sequenceDiagram\n    alt hit\n        A->>B: ok\n    else miss\n        A->>B: go\n",
                2,
                "`alt hit` is never closed; add `end`",
            ),
            (
                "flowchart LR\n    subgraph Edge\n        A --> B\n    C --> D\n",
                2,
                "`subgraph Edge` is never closed; add `end`",
            ),
            (
                "stateDiagram-v2\n    [*] --> A\n    state Busy {\n        B --> C\n    A --> Busy\n",
                3,
                "`state Busy {` is never closed; add `}`",
            ),
            (
                "classDiagram\n    class A {\n    A <|-- B\n\n",
                2,
                "`class A {` is never closed; add `}`",
            ),
        ];
        for (source, line, message) in cases {
            let error = error_of(source);
            assert_eq!(
                (error.line, error.column),
                (Some(line), Some(5)),
                "{source}"
            );
            assert!(error.message.starts_with(message), "{}", error.message);
        }
    }

    #[test]
    fn an_error_inside_a_block_left_open_says_it_is_open() {
        let error = error_of(
            "erDiagram\n    CUSTOMER {\n        string name\n    ORDER ||--o{ CUSTOMER : places\n",
        );
        assert_eq!(error.line, Some(4));
        assert!(
            error.message.ends_with(
                "the block `CUSTOMER {` opened above is still open here: close it with `}` first"
            ),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_closer_with_nothing_open_is_named() {
        let error = error_of("sequenceDiagram\n    A->>B: hi\n    end\n    B->>A: ho\n");
        assert_eq!(error.line, Some(3));
        assert!(
            error.message.starts_with("`end` closes nothing"),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_one_dash_transition_is_named_where_it_is_written() {
        let error = error_of(
            "stateDiagram-v2\n    [*] --> Idle\n    Idle -> Busy\n    Busy --> Idle\n    Idle --> [*]\n",
        );
        assert_eq!((error.line, error.column), (Some(3), Some(10)));
        assert_eq!(
            error.message,
            "`->` is not an arrow in a state diagram; write `-->` (two dashes)"
        );
    }

    #[test]
    fn a_bad_class_relation_lists_relations_as_written() {
        let error = error_of("classDiagram\n    Dog ~> Bone\n");
        assert_eq!((error.line, error.column), (Some(2), Some(9)));
        assert_eq!(
            error.message,
            "unexpected `~` after `Dog`; expected a relation such as `<|--`, `*--`, `o--`, \
             `-->` or `..>`"
        );
    }

    #[test]
    fn a_note_left_open_is_named_at_its_first_line() {
        let error = error_of(
            "stateDiagram-v2\n    [*] --> Idle\n    note right of Idle\n        waiting\n    end\n    \
             Idle --> [*]\n",
        );
        assert_eq!(error.line, Some(3));
        assert!(
            error
                .message
                .ends_with("end the note with `end note` on a line of its own"),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_semicolon_in_a_message_is_named_as_the_cause() {
        let error = error_of("sequenceDiagram\n    A->>B: first; loop again\n    B-->>A: done\n");
        assert_eq!((error.line, error.column), (Some(2), Some(17)));
        assert!(error.message.contains("`#59;`"), "{}", error.message);
    }

    #[test]
    fn a_class_opened_in_an_open_class_body_is_an_error() {
        let error = error_of(
            "classDiagram\n    class Animal {\n        +String name\n    class Dog {\n        \
             +bark() void\n    }\n",
        );
        assert_eq!((error.line, error.column), (Some(4), Some(5)));
        assert_eq!(
            error.message,
            "`class Dog {` opens a class inside the body of `class Animal {`, which is not \
             closed; add `}` on a line of its own before it"
        );
    }

    #[test]
    fn a_misspelled_keyword_gets_a_suggestion() {
        let error = error_of("flowchart LR\n    subgrpah backend\n        A --> B\n    end\n");
        assert_eq!(error.line, Some(2));
        assert!(
            error.message.ends_with("; did you mean `subgraph`?"),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_continuation_outside_its_block_names_the_block() {
        let error = error_of("sequenceDiagram\n    A->>B: hi\n    and B->>C: ho\n");
        assert_eq!(error.line, Some(3));
        assert!(
            error
                .message
                .ends_with("`and` only continues a `par` block, before its `end`"),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_deactivation_without_activation_says_how_to_activate() {
        let error = error_of("sequenceDiagram\n  A->>B: request\n  B-->>-A: reply\n");
        assert_eq!(error.line, Some(3));
        assert!(
            error.message.ends_with(
                "activate it first (`activate B`, or `+B` on a message to it) or drop the `-`"
            ),
            "{}",
            error.message
        );
    }

    #[test]
    fn parser_token_names_are_written_as_authors_write_them() {
        let error = error_of("erDiagram\n    A ||-o{ B : has\n");
        assert!(
            error.message.contains("`--` (identifying)"),
            "{}",
            error.message
        );
        assert!(
            !error.message.contains("non identifying"),
            "{}",
            error.message
        );
    }

    #[test]
    fn an_earlier_error_is_reported_before_a_later_block_left_open() {
        let error =
            error_of("flowchart LR\n    A[Start --> B\n    subgraph Edge\n        B --> C\n");
        assert_eq!(error.line, Some(2));
    }

    #[test]
    fn error_without_span_is_located_from_the_quoted_statement() {
        let error = error_of("pie\n  \"a\" 10\n");
        assert_eq!(error.line, Some(2));
    }

    #[test]
    fn math_labels_are_rejected_with_their_line() {
        let source = "flowchart LR\n    A --> B[\"$$x^2$$\"]\n";
        assert_eq!(error_of(source).line, Some(2));
        let render = engine().render(source, &RenderOptions::new("m"));
        assert!(
            matches!(render, Err(RenderError::Syntax(ref e)) if e.line == Some(2)),
            "{render:?}"
        );
    }

    #[test]
    fn a_misspelled_note_position_gets_its_fix() {
        let error = error_of("classDiagram\n    class A\n    note fro A \"x\"\n");
        assert_eq!(error.line, Some(3));
        assert!(
            error
                .message
                .contains("expected quoted text such as `\"text\"`"),
            "{}",
            error.message
        );
        assert!(
            error.message.ends_with("did you mean `note for`?"),
            "{}",
            error.message
        );
        let error = error_of("sequenceDiagram\n    A->>B: x\n    Note rigth of A: hi\n");
        assert_eq!(error.line, Some(3));
        assert!(
            error.message.ends_with("did you mean `note right of`?"),
            "{}",
            error.message
        );
    }

    #[test]
    fn only_the_whole_token_str_is_rewritten() {
        assert_eq!(
            super::expected_string_in_words("unexpected `x`; expected str"),
            "unexpected `x`; expected quoted text such as `\"text\"`"
        );
        assert_eq!(
            super::expected_string_in_words("expected struct start"),
            "expected struct start"
        );
        assert_eq!(
            super::expected_string_in_words("unexpected str"),
            "unexpected str"
        );
    }
}
