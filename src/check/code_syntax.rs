//! `code-syntax`: a code sample that its language's grammar cannot read, at the line and
//! column of its first error.
//!
//! The pipeline has parsed every sample once ([`crate::syntax`]): the fences of each episode
//! (their verdicts beside the document) and the code files of each bundle. This turns each
//! verdict that is not clean into a diagnostic: a fence's at its place in the episode file,
//! a code file's in that file. Code files are meant to run, so their errors are errors;
//! fences may be illustrations, so theirs are warnings.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, RuleId, Severity};
use crate::highlight::grammars::Grammar;
use crate::markdown::html::blocks::fence_line;
use crate::markdown::{CodeBlock, Document};
use crate::pipeline::Parsed;
use crate::source::SourceFile;
use crate::syntax::{self, Problem, Verdict, What};

/// The checked fence of an episode: its block index, grammar and verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FenceSyntax {
    /// Index of the block in [`Document::code_blocks`].
    pub block: usize,
    /// The grammar it was read with.
    pub grammar: Grammar,
    /// What parsing it found.
    pub verdict: Verdict,
}

/// The checked code file of a bundle: its grammar and verdict (`None` when no grammar reads
/// its language).
pub type FileSyntax = Option<(Grammar, Verdict)>;

/// Words of a fence's info string after the language that skip the check: rustdoc's
/// `ignore`, and `fragment` or `no-check` for code that is not meant to be complete.
const OPT_OUT: &[&str] = &["ignore", "fragment", "no-check", "nocheck"];

/// The grammar a fence is checked with, unless its info string opts out or no grammar reads
/// its language.
pub fn fence_grammar(block: &CodeBlock) -> Option<Grammar> {
    let lang = block.lang.as_deref()?;
    let opted_out = block
        .info
        .split(|c: char| c.is_whitespace() || c == ',' || c == '{' || c == '}')
        .skip(1)
        .any(|word| OPT_OUT.contains(&word.to_ascii_lowercase().as_str()));
    if opted_out {
        return None;
    }
    crate::highlight::grammar_of_word(lang)
}

/// Every finding of the course: fences of episodes, then code files of bundles.
pub fn check(parsed: &Parsed<'_>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (doc, fences) in parsed.docs.iter().zip(&parsed.syntax) {
        for fence in fences.iter() {
            let Some(block) = doc.code_blocks.get(fence.block) else {
                continue;
            };
            found.extend(fence_finding(doc, block, fence));
        }
    }
    for (episode, files) in parsed.loaded.episodes.iter().zip(parsed.code_syntax) {
        let Some(bundle) = &episode.bundle else {
            continue;
        };
        for (file, checked) in bundle.code.iter().zip(files) {
            if let Some((grammar, verdict)) = checked {
                found.extend(file_finding(&file.source, *grammar, verdict));
            }
        }
    }
    found
}

fn fence_finding(doc: &Document<'_>, block: &CodeBlock, fence: &FenceSyntax) -> Option<Diagnostic> {
    let language = fence.grammar.display_name();
    let path = &doc.source.rel_path;
    let diagnostic = match &fence.verdict {
        Verdict::Clean => return None,
        Verdict::Error(problem) => {
            let span = fence_span(doc, block, problem);
            let opt_out = format!(
                "if the sample is deliberately incomplete, add `fragment` after the language on its fence (```{} fragment) and it is not checked",
                block.lang.as_deref().unwrap_or_default()
            );
            let first_line = doc.source.line_col(block.code_start).line;
            let line_of = |offset: usize| {
                first_line
                    + block.code[..offset.min(block.code.len())]
                        .matches('\n')
                        .count()
            };
            error(
                path,
                span,
                "sample",
                language,
                problem,
                &block.code,
                &line_of,
            )
            .help(opt_out)
        }
        Verdict::OverBudget => over_budget(path, fence_line(doc, block), language),
        Verdict::TooLarge => too_large(path, fence_line(doc, block), "sample"),
        Verdict::TooDeep => too_deep(path, fence_line(doc, block), "sample", language),
    };
    Some(match fence.verdict {
        Verdict::Error(_) | Verdict::TooDeep => diagnostic.severity(Severity::Warning),
        _ => diagnostic.severity(Severity::Note),
    })
}

fn file_finding(source: &SourceFile, grammar: Grammar, verdict: &Verdict) -> Option<Diagnostic> {
    let language = grammar.display_name();
    let path = &source.rel_path;
    let whole_first_line = source.line_span(0);
    Some(match verdict {
        Verdict::Clean => return None,
        Verdict::Error(problem) => error(
            path,
            clip(&source.text, at_last_line(&source.text, problem)),
            "file",
            language,
            problem,
            &source.text,
            &|offset| source.line_col(offset).line,
        )
        .severity(Severity::Error),
        Verdict::OverBudget => {
            over_budget(path, whole_first_line, language).severity(Severity::Note)
        }
        Verdict::TooLarge => too_large(path, whole_first_line, "file").severity(Severity::Note),
        Verdict::TooDeep => {
            too_deep(path, whole_first_line, "file", language).severity(Severity::Warning)
        }
    })
}

fn too_deep(path: &str, span: Range<usize>, noun: &str, language: &str) -> Diagnostic {
    Diagnostic::new(
        RuleId::CodeSyntax,
        path,
        span,
        format!(
            "this {language} {noun} is indented more than {} columns deep, so its syntax is not checked",
            crate::highlight::grammars::MAX_YAML_INDENT
        ),
    )
    .label("not checked; highlighted by a simpler highlighter")
    .help("the YAML parser cannot follow nesting this deep; flatten the structure, or show a shallower excerpt")
}

/// The finding for a syntax error; `span` is where it is in the file, `code` the sample, and
/// `line_of` gives the line in the file of an offset in the sample.
fn error(
    path: &str,
    span: Range<usize>,
    noun: &str,
    language: &str,
    problem: &Problem,
    code: &str,
    line_of: &dyn Fn(usize) -> usize,
) -> Diagnostic {
    let mut help = "look just before this point too: an unclosed bracket, a missing separator or a stray character earlier often shows up here".to_owned();
    let (what, label) = match &problem.what {
        What::Unexpected => {
            let token = token_text(code, problem);
            (
                format!("unexpected `{token}`"),
                format!("{language} cannot read the code from here"),
            )
        }
        What::End => (
            "the code ends too early".to_owned(),
            "something is left open before this point".to_owned(),
        ),
        What::Missing(kind) => {
            let expected = expected(kind);
            (
                format!("missing {expected}"),
                format!("{expected} is expected here"),
            )
        }
        What::NotIndented { keyword, header } => {
            let line = line_of(*header);
            help = format!(
                "{language} reads a body by its indentation: indent the lines under `{keyword}` more than line {line}, or write a one-line body after its colon"
            );
            (
                format!("expected an indented block after `{keyword}` on line {line}"),
                format!("not indented more than line {line}"),
            )
        }
        What::BraceOnNextLine => {
            help = format!(
                "move the `{{` to the end of the line above: {language} ends a line that ends with `)`, a name or a literal with a semicolon, so a `{{` on the next line opens nothing"
            );
            (
                "unexpected `{` at the start of a line".to_owned(),
                "the line above has ended the statement".to_owned(),
            )
        }
    };
    let more = match problem.more {
        0 => String::new(),
        1 => " (and 1 more error after it)".to_owned(),
        n => format!(" (and {n} more errors after it)"),
    };
    Diagnostic::new(
        RuleId::CodeSyntax,
        path,
        span,
        format!("syntax error in this {language} {noun}: {what}{more}"),
    )
    .label(label)
    .help(help)
}

/// A missing node kind as a reader says it: a token in backticks (the parser quotes keywords
/// already), a name in words.
fn expected(kind: &str) -> String {
    if kind.starts_with('`') {
        return kind.to_owned();
    }
    if kind.chars().any(|c| c.is_ascii_alphanumeric())
        && kind.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        let words = kind.trim_matches('_').replace('_', " ");
        let article = if words.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {words}")
    } else {
        format!("`{kind}`")
    }
}

/// The unexpected token as shown in the message: its first line, shortened.
fn token_text(code: &str, problem: &Problem) -> String {
    let text = code.get(problem.start..problem.end).unwrap_or_default();
    let line = text.lines().next().unwrap_or_default().trim();
    let mut shown: String = line.chars().take(24).collect();
    if shown.len() < line.len() {
        shown.push('…');
    }
    shown.replace('`', "'")
}

fn over_budget(path: &str, span: Range<usize>, language: &str) -> Diagnostic {
    Diagnostic::new(
        RuleId::CodeSyntax,
        path,
        span,
        format!("this {language} code could not be parsed within its time budget, so it was not checked"),
    )
    .label("the grammar cannot make sense of this code")
    .help("check that the language named is the code's real language; text the grammar cannot read at all makes its error recovery slow")
}

fn too_large(path: &str, span: Range<usize>, noun: &str) -> Diagnostic {
    Diagnostic::new(
        RuleId::CodeSyntax,
        path,
        span,
        format!(
            "this {noun} is larger than {} KiB, so its syntax is not checked",
            syntax::MAX_BYTES / 1024
        ),
    )
    .label("not checked")
    .help("a sample this large is rarely read whole; split it or link to the full source")
}

/// The problem's span, or for an error at the very end of code that ends with a line break,
/// the end of its last line (rather than the line after it).
fn at_last_line(code: &str, problem: &Problem) -> Range<usize> {
    let start = problem.start.min(code.len());
    if start == code.len() && code.ends_with('\n') {
        let end = code.trim_end().len();
        return end..end;
    }
    start..problem.end.max(start)
}

/// `span` kept within one line of `text` (a token spanning lines is pointed at where it
/// starts).
fn clip(text: &str, span: Range<usize>) -> Range<usize> {
    let start = span.start.min(text.len());
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    start..span.end.clamp(start, line_end)
}

/// The span in the episode file of an error at `problem` in the fence's code. The code's lines
/// are the file's lines from the one after the opening fence, less any indentation of a
/// container (a list item): each code line is found in its file line.
fn fence_span(doc: &Document<'_>, block: &CodeBlock, problem: &Problem) -> Range<usize> {
    let code = &block.code;
    let span = clip(code, at_last_line(code, problem));
    let line_index = code[..span.start].matches('\n').count();
    let line_start = code[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let code_line = code[line_start..].lines().next().unwrap_or_default();
    let source = &doc.source;
    let first = source.line_col(block.code_start).line;
    let file_line_start = source.line_start(first + line_index);
    if file_line_start >= block.span.end {
        return fence_line(doc, block);
    }
    let file_line_end = source.line_end(file_line_start);
    let file_line = &source.text[file_line_start..file_line_end];
    let code_at = if code_line.is_empty() {
        Some(file_line.len())
    } else {
        file_line.find(code_line)
    };
    match code_at {
        Some(at) => {
            let start = (file_line_start + at + span.start - line_start).min(file_line_end);
            start..(start + span.len()).min(file_line_end)
        }
        None => file_line_start..file_line_end,
    }
}

#[cfg(test)]
mod tests;
