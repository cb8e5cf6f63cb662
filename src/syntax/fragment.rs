//! Giving a code fence a fair chance: fragments are read by the language's own rules.
//!
//! A fence in a course is often a piece of a program: a Java method without its class, Go
//! statements without `package` and `func`, Rust or C statements without a function, Python
//! indented as it stands inside a class, a shell transcript with `$` prompts and output, a
//! `...` line standing for code left out. Each of these is a complete program once put where
//! the language allows it, so the sample is read as written and then inside each such
//! context ([`attempts`]); it is clean when any reading is. Lines that are only an ellipsis
//! are blanked first, a transcript is reduced to its commands, and lines written among the
//! code by convention that are not code of its language (a Python console's prompts and
//! output, IPython's magics and shell escapes, the `#` of Rust's hidden lines:
//! [`marked_lines`]) are blanked ([`prepare`]); all keep every byte offset, so a finding points
//! at the author's text.
//!
//! Code files are programs, not fragments: they are read as written.

use std::borrow::Cow;

use super::marked_lines;
use crate::highlight::grammars::Grammar;

/// One reading of a sample: the grammar, and the text put before and after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Attempt {
    pub grammar: Grammar,
    pub prefix: &'static str,
    pub suffix: &'static str,
}

const fn attempt(grammar: Grammar, prefix: &'static str, suffix: &'static str) -> Attempt {
    Attempt {
        grammar,
        prefix,
        suffix,
    }
}

/// The readings of a fence in `grammar`, as written first.
pub(crate) fn attempts(grammar: Grammar) -> Vec<Attempt> {
    use Grammar as G;
    let mut all = vec![attempt(grammar, "", "")];
    match grammar {
        // Members of a class (methods, fields), then statements of a method.
        G::Java => all.extend([
            attempt(G::Java, "class _ {\n", "\n}\n"),
            attempt(G::Java, "class _ { void _() {\n", "\n} }\n"),
        ]),
        // A file without its package clause, then statements.
        G::Go => all.extend([
            attempt(G::Go, "package main\n", ""),
            attempt(G::Go, "package main\nfunc _() {\n", "\n}\n"),
        ]),
        // Statements of a function body; for Rust also the items of an `impl`.
        G::Rust => all.extend([
            attempt(G::Rust, "fn _f() {\n", "\n}\n"),
            attempt(G::Rust, "impl _T {\n", "\n}\n"),
        ]),
        G::C => all.push(attempt(G::C, "void _f(void) {\n", "\n}\n")),
        // Statements of a function, then the members of a class.
        G::Cpp => all.extend([
            attempt(G::Cpp, "void _f() {\n", "\n}\n"),
            attempt(G::Cpp, "class _C {\n", "\n};\n"),
        ]),
        // Methods and fields of a class body.
        G::JavaScript => all.push(attempt(G::JavaScript, "class _C {\n", "\n}\n")),
        // A component written in TypeScript with JSX, then the members of a class.
        G::TypeScript => all.extend([
            attempt(G::Tsx, "", ""),
            attempt(G::TypeScript, "class _C {\n", "\n}\n"),
        ]),
        G::Tsx => all.push(attempt(G::Tsx, "class _C {\n", "\n}\n")),
        // A block indented as it stands inside a function or a class.
        G::Python => all.push(attempt(G::Python, "if True:\n", "\n")),
        G::Bash | G::Json | G::Toml | G::Yaml => {}
    }
    all
}

/// Whether a line (without its line break) is only an elision: `...`, `…`, or either as
/// the whole text of a comment (`// ...`, `# ...`, `/* ... */`, `<!-- ... -->`).
fn is_elision(line: &str) -> bool {
    let mut word = line.trim();
    for (open, close) in [
        ("//", ""),
        ("#", ""),
        ("/*", "*/"),
        ("<!--", "-->"),
        ("--", ""),
    ] {
        if let Some(inner) = word.strip_prefix(open).and_then(|w| w.strip_suffix(close)) {
            word = inner.trim();
            break;
        }
    }
    let word = word.trim_matches(|c: char| c == '[' || c == ']' || c == '(' || c == ')');
    matches!(word, "..." | "…" | "...." | "……")
}

/// The sample as the grammar should read it, with every byte offset kept: the lines that are
/// not code by convention blanked ([`marked_lines`]: a Python console's prompts and output,
/// IPython lines, the `#` of Rust's hidden lines; `console` when the fence's language names a
/// console transcript), elision lines blanked (in Python a `…` line becomes `...`, which is a
/// statement there), and in a shell transcript the `$ ` prompts blanked and the output lines
/// too.
pub(crate) fn prepare(grammar: Grammar, code: &str, console: bool) -> Cow<'_, str> {
    let blanked = marked_lines::blank(code, &marked_lines::find(grammar, console, code));
    let transcript = grammar == Grammar::Bash && is_transcript(&blanked);
    // Every replacement has the length of the line it replaces, so it is copied in place:
    // one pass, however many lines change.
    let mut out: Option<Vec<u8>> = None;
    let mut continued = false;
    let mut at = 0;
    for line in blanked.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let replacement = if is_elision(body) {
            Some(match grammar {
                Grammar::Python if body.trim() == "…" => body.replacen('…', "...", 1),
                _ => " ".repeat(body.len()),
            })
        } else if transcript {
            let trimmed = body.trim_start();
            let indent = body.len() - trimmed.len();
            let command = trimmed
                .strip_prefix("$ ")
                .or_else(|| (trimmed == "$").then_some(""));
            let was_continued = continued;
            continued = (command.is_some() || was_continued) && body.ends_with('\\');
            match command {
                Some(_) => Some(format!(
                    "{}{}",
                    " ".repeat(indent + 2.min(trimmed.len())),
                    &trimmed[2.min(trimmed.len())..]
                )),
                None if was_continued => None,
                None => Some(" ".repeat(body.len())),
            }
        } else {
            None
        };
        if let Some(replacement) = replacement {
            let bytes = out.get_or_insert_with(|| blanked.as_bytes().to_vec());
            if let Some(part) = bytes.get_mut(at..at + body.len())
                && part.len() == replacement.len()
            {
                part.copy_from_slice(replacement.as_bytes());
            }
        }
        at += line.len();
    }
    match out.map(String::from_utf8) {
        None => blanked,
        Some(Ok(text)) => Cow::Owned(text),
        // Each replacement is whole lines or a whole `…`: not reached.
        Some(Err(_)) => blanked,
    }
}

/// Whether a shell sample is a transcript: some line starts with a `$ ` prompt.
fn is_transcript(code: &str) -> bool {
    code.lines().any(|line| {
        let line = line.trim_start();
        line.starts_with("$ ") || line == "$"
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elisions_are_blanked_keeping_offsets() {
        let code = "fn f() {\n    ...\n    // …\n    x\n}\n";
        let prepared = prepare(Grammar::Rust, code, false);
        assert_eq!(prepared.len(), code.len());
        assert_eq!(prepared, "fn f() {\n       \n          \n    x\n}\n");
        assert_eq!(
            prepare(Grammar::Python, "if x:\n    …\n", false),
            "if x:\n    ...\n"
        );
        assert!(matches!(
            prepare(Grammar::Rust, "let a = [1, 2, ...];\n", false),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_transcript_keeps_only_its_commands() {
        let code = "$ ls -l \\\n  /tmp\nfile.txt\n$ echo hi\nhi\n";
        let prepared = prepare(Grammar::Bash, code, false);
        assert_eq!(prepared.len(), code.len());
        assert_eq!(prepared, "  ls -l \\\n  /tmp\n        \n  echo hi\n  \n");
        assert_eq!(
            prepare(Grammar::Bash, "echo $HOME\n", false),
            "echo $HOME\n"
        );
    }
}
