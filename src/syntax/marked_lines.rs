//! The parts of a fence that are written among its code by convention but are not code of
//! its language, and how each is read by the check and shown on the page.
//!
//! - A Python console transcript: a ```` ```pycon ```` fence, or a Python fence with a line
//!   that starts with a `>>>` prompt where a statement could start (`>>>` can never start
//!   Python; inside a string, as in a docstring's doctest, it is text). The `>>> ` and `... `
//!   prompts and the output lines are not code: the commands after the prompts are checked
//!   and highlighted; prompts and output are shown plain. A command whose output shows Python
//!   refusing it (`SyntaxError:`, `IndentationError:`, `TabError:`) is wrong on purpose: it
//!   is shown as written and not checked.
//! - IPython and Jupyter lines in a Python fence: a line magic (`%timeit f()`, `%%time`) or a
//!   shell escape (`!pip install x`) where a statement could start is not Python (no Python
//!   statement starts with `%` or `!`): it is not checked and is shown plain. After a cell
//!   magic that runs its cell as something else (`%%bash`, `%%writefile`), the rest of the
//!   fence is not Python either; after one that runs it as Python (`%%time`) it is.
//! - mdBook's hidden lines in a Rust fence, by rustdoc's rule: a line whose text starts with
//!   `# `, or is a lone `#`, is code the check reads (without its `#`) but the page does not
//!   show; a line starting `##` is shown with one `#` (an escaped literal `#`). `#[attr]` and
//!   `#![attr]` are Rust, not hidden lines.
//!
//! [`find`] gives these parts as byte ranges of the fence; [`blank`] turns the parts that are
//! not code into spaces, keeping every offset, so a finding points at the author's text.

use std::borrow::Cow;
use std::ops::Range;

use crate::highlight::grammars::Grammar;

/// What a part of a fence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Not code, shown as written: a prompt, an output line, an IPython line. Blank to the
    /// check and the highlighter.
    Shown,
    /// A marker of a hidden or escaped line (its `#`): blank to the check, not shown.
    Marker,
    /// Code the check reads but the page does not show: the rest of a hidden line, with its
    /// line break.
    Hidden,
}

/// One part of a fence, by byte range; parts are in order and do not overlap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mark {
    pub range: Range<usize>,
    pub kind: Kind,
}

/// Cell magics whose cell is Python, run in some way (timed, profiled, captured).
const PYTHON_CELLS: &[&str] = &["time", "timeit", "capture", "prun"];

/// The marked parts of `code`, a fence in `grammar`; `console` when its language names a
/// console transcript (```` ```pycon ````). Empty for a fence that is code throughout.
pub(crate) fn find(grammar: Grammar, console: bool, code: &str) -> Vec<Mark> {
    match grammar {
        Grammar::Python if console || is_python_transcript(code) => transcript(code),
        Grammar::Python => ipython(code),
        Grammar::Rust => rust_hidden(code),
        _ => Vec::new(),
    }
}

/// `code` with its [`Kind::Shown`] and [`Kind::Marker`] parts turned into spaces, each byte
/// offset kept.
pub(crate) fn blank<'a>(code: &'a str, marks: &[Mark]) -> Cow<'a, str> {
    let mut blanked: Option<Vec<u8>> = None;
    for mark in marks.iter().filter(|mark| mark.kind != Kind::Hidden) {
        let bytes = blanked.get_or_insert_with(|| code.as_bytes().to_vec());
        if let Some(part) = bytes.get_mut(mark.range.clone()) {
            part.fill(b' ');
        }
    }
    match blanked.map(String::from_utf8) {
        None => Cow::Borrowed(code),
        Some(Ok(text)) => Cow::Owned(text),
        // Parts end at line breaks and ASCII characters, so this is not reached; the text as
        // written is the honest fallback.
        Some(Err(_)) => Cow::Borrowed(code),
    }
}

/// Each line of `code`: its start offset and its text without the line break.
fn lines(code: &str) -> impl Iterator<Item = (usize, &str)> {
    code.split_inclusive('\n').scan(0, |at, line| {
        let start = *at;
        *at += line.len();
        Some((start, line.trim_end_matches(['\n', '\r'])))
    })
}

/// The length of a console prompt (`>>>` or `...`) at the start of `text`, with the space
/// after it: `None` when `text` does not start with that prompt followed by a space or the
/// end of the line.
fn prompt(text: &str, prompt: &str) -> Option<usize> {
    let rest = text.strip_prefix(prompt)?;
    if rest.is_empty() {
        Some(prompt.len())
    } else {
        rest.starts_with(' ').then_some(prompt.len() + 1)
    }
}

/// Whether a Python fence is a console transcript: a line starts with a `>>>` prompt where a
/// statement could start.
fn is_python_transcript(code: &str) -> bool {
    let mut statements = Statements::default();
    for (_, line) in lines(code) {
        if statements.can_start() && prompt(line.trim_start(), ">>>").is_some() {
            return true;
        }
        statements.read(line);
    }
    false
}

/// The prompts and output lines of a console transcript: a `>>>` line is a command, a `...`
/// line right after a command or another `...` line continues it, every other line is output.
fn transcript(code: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut pending = Exchange::default();
    let mut in_command = false;
    for (start, line) in lines(code) {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let whole = start..start + line.len();
        if let Some(len) = prompt(trimmed, ">>>") {
            pending.flush(&mut marks);
            pending
                .command
                .push((start + indent..start + indent + len, whole));
            in_command = true;
        } else if let Some(len) = prompt(trimmed, "...").filter(|_| in_command) {
            pending
                .command
                .push((start + indent..start + indent + len, whole));
        } else {
            in_command = false;
            pending.refused |= REFUSALS.iter().any(|error| {
                trimmed
                    .strip_prefix(error)
                    .is_some_and(|rest| rest.starts_with(':'))
            });
            pending.output.push(whole);
        }
    }
    pending.flush(&mut marks);
    marks
}

/// The errors with which Python refuses to read a command: a transcript that shows one shows
/// code that is wrong on purpose.
const REFUSALS: [&str; 3] = ["SyntaxError", "IndentationError", "TabError"];

/// One command of a console transcript and the output after it, until the next `>>>`.
#[derive(Debug, Default)]
struct Exchange {
    /// Each line of the command: its prompt, and the whole line.
    command: Vec<(Range<usize>, Range<usize>)>,
    /// The output lines.
    output: Vec<Range<usize>>,
    /// The output shows Python refusing to read the command ([`REFUSALS`]): the whole command
    /// is shown as written and not checked.
    refused: bool,
}

impl Exchange {
    /// Adds the marks of the exchange to `marks`, in order, and starts the next one.
    fn flush(&mut self, marks: &mut Vec<Mark>) {
        let refused = self.refused;
        let command = self
            .command
            .drain(..)
            .map(|(prompt, whole)| if refused { whole } else { prompt });
        marks.extend(
            command
                .chain(self.output.drain(..))
                .filter(|range| !range.is_empty())
                .map(|range| Mark {
                    range,
                    kind: Kind::Shown,
                }),
        );
        self.refused = false;
    }
}

/// The IPython lines of a Python fence: magics and shell escapes where a statement could
/// start (with the lines a trailing `\` continues them on), and after a cell magic that does
/// not run Python, the rest of the fence.
fn ipython(code: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut statements = Statements::default();
    let mut continued = false;
    let mut not_python = false;
    for (start, line) in lines(code) {
        let trimmed = line.trim_start();
        let magic =
            continued || not_python || (statements.can_start() && trimmed.starts_with(['%', '!']));
        if !magic {
            statements.read(line);
            continue;
        }
        if !continued && let Some(cell) = trimmed.strip_prefix("%%") {
            let name = cell.split_whitespace().next().unwrap_or_default();
            not_python |= !PYTHON_CELLS.contains(&name);
        }
        continued = line.ends_with('\\');
        if !line.is_empty() {
            marks.push(Mark {
                range: start..start + line.len(),
                kind: Kind::Shown,
            });
        }
    }
    marks
}

/// mdBook's hidden lines of a Rust fence, and the first `#` of its `##` lines.
fn rust_hidden(code: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut at = 0;
    for line in code.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        let hash = start + body.len() - trimmed.len();
        let marker = Mark {
            range: hash..hash + 1,
            kind: Kind::Marker,
        };
        if trimmed.starts_with("##") {
            marks.push(marker);
        } else if trimmed.starts_with("# ") || trimmed == "#" {
            let hidden = |range: Range<usize>| Mark {
                range,
                kind: Kind::Hidden,
            };
            marks.extend(
                [hidden(start..hash), marker, hidden(hash + 1..at)]
                    .into_iter()
                    .filter(|mark| !mark.range.is_empty()),
            );
        }
    }
    marks
}

/// Where a Python statement can start, line by line: not inside brackets, a string, or a line
/// continued by a backslash. A light reading of Python's tokens (brackets, quotes, comments),
/// in one pass.
#[derive(Debug, Default)]
struct Statements {
    /// Brackets open.
    depth: usize,
    /// The quote of the string open at the end of the line read, and whether it is tripled.
    string: Option<(u8, bool)>,
    /// The line read ended with a backslash.
    continued: bool,
}

impl Statements {
    /// Whether a statement can start at the beginning of the next line.
    fn can_start(&self) -> bool {
        self.depth == 0 && self.string.is_none() && !self.continued
    }

    /// Reads one line, without its line break.
    fn read(&mut self, line: &str) {
        let bytes = line.as_bytes();
        let mut i = 0;
        self.continued = false;
        while i < bytes.len() {
            let byte = bytes[i];
            if let Some((quote, tripled)) = self.string {
                if byte == b'\\' {
                    i += 2;
                    continue;
                }
                if byte == quote && (!tripled || bytes[i..].starts_with(&[quote; 3])) {
                    self.string = None;
                    i += if tripled { 3 } else { 1 };
                    continue;
                }
                i += 1;
                continue;
            }
            match byte {
                b'#' => break,
                b'\'' | b'"' => {
                    let tripled = bytes[i..].starts_with(&[byte; 3]);
                    self.string = Some((byte, tripled));
                    i += if tripled { 3 } else { 1 };
                    continue;
                }
                b'(' | b'[' | b'{' => self.depth += 1,
                b')' | b']' | b'}' => self.depth = self.depth.saturating_sub(1),
                b'\\' if i + 1 == bytes.len() => self.continued = true,
                _ => {}
            }
            i += 1;
        }
        // A backslash escaping the line break continues a string; a one-line string left open
        // otherwise ends at the line's end (Python reports it there).
        let escaped_break = i > bytes.len();
        if let Some((_, false)) = self.string
            && !escaped_break
        {
            self.string = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of each part of `code` marked `kind`.
    fn parts(grammar: Grammar, console: bool, code: &str, kind: Kind) -> Vec<&str> {
        find(grammar, console, code)
            .into_iter()
            .filter(|mark| mark.kind == kind)
            .map(|mark| &code[mark.range])
            .collect()
    }

    #[test]
    fn a_transcript_marks_its_prompts_and_output() {
        let code = ">>> def f():\n...     return 1\n...\n>>> f()\n1\n>>> print('...')\n...\n";
        assert_eq!(
            parts(Grammar::Python, false, code, Kind::Shown),
            [">>> ", "... ", "...", ">>> ", "1", ">>> ", "..."]
        );
        assert_eq!(
            blank(code, &find(Grammar::Python, false, code)),
            "    def f():\n        return 1\n   \n    f()\n \n    print('...')\n   \n"
        );
    }

    #[test]
    fn a_command_python_refuses_in_the_transcript_is_not_checked() {
        let code = ">>> 1 +\n  File \"<stdin>\", line 1\n    1 +\n      ^\nSyntaxError: invalid syntax\n>>> if True:\n... print(1)\nIndentationError: expected an indented block\n>>> 2 +\n";
        assert_eq!(
            blank(code, &find(Grammar::Python, true, code))
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["2", "+"],
            "only the command without a refusal after it is left to check"
        );
    }

    #[test]
    fn a_doctest_inside_a_docstring_is_not_a_transcript() {
        let code = "def f():\n    \"\"\"Add.\n\n    >>> f()\n    1\n    \"\"\"\n    return 1\n";
        assert!(find(Grammar::Python, false, code).is_empty());
        let bracketed = "x = (1,\n>>> 2)\n";
        assert!(
            find(Grammar::Python, false, bracketed).is_empty(),
            "inside brackets, not a prompt: an error for the check"
        );
    }

    #[test]
    fn a_console_fence_without_prompts_is_all_output() {
        let code = "Traceback (most recent call last):\nValueError\n";
        assert_eq!(
            blank(code, &find(Grammar::Python, true, code)).trim(),
            "",
            "nothing left to check"
        );
    }

    #[test]
    fn ipython_lines_are_marked_where_a_statement_can_start() {
        let code = "%timeit f()\n!pip install \\\n  numpy\nx = (a\n     % b)\ns = \"\"\"\n!important\n\"\"\"\n  %time g()\n";
        assert_eq!(
            parts(Grammar::Python, false, code, Kind::Shown),
            ["%timeit f()", "!pip install \\", "  numpy", "  %time g()"]
        );
    }

    #[test]
    fn a_cell_magic_that_does_not_run_python_ends_the_python() {
        let code = "%%bash\necho hi\nls -l\n";
        assert_eq!(
            parts(Grammar::Python, false, code, Kind::Shown),
            ["%%bash", "echo hi", "ls -l"]
        );
        let timed = "%%time\nx = sum(range(9))\n";
        assert_eq!(
            parts(Grammar::Python, false, timed, Kind::Shown),
            ["%%time"]
        );
    }

    #[test]
    fn rust_hidden_lines_keep_their_code_and_lose_their_hash() {
        let code = "# fn main() {\nlet x = 1;\n#[derive(Debug)]\n##![allow(x)]\n    #\n# }\n";
        let marks = find(Grammar::Rust, false, code);
        assert_eq!(
            blank(code, &marks),
            "  fn main() {\nlet x = 1;\n#[derive(Debug)]\n #![allow(x)]\n     \n  }\n"
        );
        assert_eq!(
            parts(Grammar::Rust, false, code, Kind::Hidden),
            [" fn main() {\n", "    ", "\n", " }\n"]
        );
        assert!(find(Grammar::Rust, false, "#![no_std]\nfn f() {}\n").is_empty());
    }

    #[test]
    fn other_languages_have_no_marked_lines() {
        assert!(find(Grammar::Bash, false, "# comment\n>>> x\n%x\n").is_empty());
    }
}
