//! Terminal conventions shared by the commands: verbosity, colours, the error chain, and the
//! two writers every message goes through.
//!
//! Nothing in the crate uses `print!` or `eprint!`, which panic when a write fails: standard
//! output is written by [`print_out`], where a reader that went away (a closed pipe, as in
//! `episode lint | head -1`) quietly ends the output and any other failure is an error, and
//! standard error by [`print_err`], which drops what cannot be written (there is nowhere left
//! to report it).

use std::io::{ErrorKind, IsTerminal, Write as _};
use std::time::Instant;

use crate::cli::{Cli, ColorChoice};
use crate::config::ConfigError;
use crate::report;
use crate::source::SourceMap;

/// Bytes in a mebibyte.
const MIB: f64 = 1024.0 * 1024.0;

/// What the user asked of terminal output.
#[derive(Debug, Clone)]
pub(crate) struct Terminal {
    /// `--quiet`: only errors.
    pub(crate) quiet: bool,
    /// `--verbose`: stages and timings.
    pub(crate) verbose: bool,
    /// Colours on stderr.
    pub(crate) color: bool,
    /// stderr is a terminal (progress bars are shown only then).
    pub(crate) interactive: bool,
    started: Instant,
}

impl Terminal {
    /// From the global command-line flags and the environment.
    pub(crate) fn new(cli: &Cli) -> Self {
        let interactive = std::io::stderr().is_terminal();
        let color = match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => interactive && std::env::var_os("NO_COLOR").is_none(),
        };
        Self {
            quiet: cli.quiet,
            verbose: cli.verbose,
            color,
            interactive,
            started: Instant::now(),
        }
    }

    /// Prints a stage timing with `--verbose`.
    ///
    /// Where the system says (Linux), the line ends with the memory the process holds once the
    /// stage is done and the most it has held so far, so a large course shows which stage
    /// holds what.
    pub(crate) fn stage(&self, what: &str, since: Instant) {
        if self.verbose {
            let resident = crate::memory::resident()
                .map(|r| {
                    format!(
                        "  {:>6.0} MiB resident, {:.0} MiB at most",
                        r.now as f64 / MIB,
                        r.peak as f64 / MIB
                    )
                })
                .unwrap_or_default();
            print_err(&format!(
                "  {what:<24} {:>8.1} ms{resident}\n",
                millis(since.elapsed())
            ));
        }
    }

    /// Prints a duration measured elsewhere with `--verbose`.
    pub(crate) fn stage_time(&self, what: &str, time: std::time::Duration) {
        if self.verbose {
            print_err(&format!("  {what:<24} {:>8.1} ms\n", millis(time)));
        }
    }

    /// Time since the command started.
    pub(crate) fn elapsed(&self) -> std::time::Duration {
        self.started.elapsed()
    }

    /// Report style for stderr.
    pub(crate) fn style(&self) -> report::Style {
        report::Style { color: self.color }
    }
}

/// Writes `text` to standard output and flushes it. A closed pipe is not a failure: the reader
/// has read all it wanted, so the text is dropped and the command goes on to its outcome (exit 0
/// or 1 as the checks found, never 2). Any other write error (a full disk) is an error.
pub(crate) fn print_out(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(error) if error.kind() == ErrorKind::BrokenPipe => Ok(()),
        Err(error) => Err(anyhow::Error::new(error).context("cannot write to standard output")),
        Ok(()) => Ok(()),
    }
}

/// A duration in milliseconds, as `--verbose` prints times.
pub(crate) fn millis(time: std::time::Duration) -> f64 {
    time.as_secs_f64() * 1000.0
}

/// Writes `text` to standard error; a failure (a closed pipe) drops the text, since there is
/// nowhere left to report it, and the command goes on.
pub(crate) fn print_err(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// Text from the course made safe for a terminal: control characters (ESC, BEL, backspace,
/// carriage return, NUL, DEL, the C1 range) and the bidirectional overrides become visible
/// stand-ins instead of reaching the terminal, where they could recolour, move the cursor or
/// hide text. C0 characters become their Unicode control pictures (`␛` for ESC, as rustc
/// prints them), the others U+FFFD. Line feeds and tabs are kept when `keep_lines` is set.
pub(crate) fn printable(text: &str, keep_lines: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        let kept = keep_lines && (c == '\n' || c == '\t');
        !kept && (c.is_control() || is_bidi_control(c))
    };
    if !text.contains(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            c if !unsafe_char(c) => c,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
            '\u{7f}' => '\u{2421}',
            _ => '\u{FFFD}',
        })
        .collect::<String>()
        .into()
}

/// An argument as a shell reads it back: quoted when it holds anything but plain characters.
pub(crate) fn shell_word(arg: &str) -> String {
    let plain = !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_alphanumeric() || "-_./=:,+@%".contains(c));
    if plain {
        arg.to_owned()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

/// The characters that reorder text on display (the "Trojan Source" characters).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The error chain as a user reads it; a `book.toml` problem as a code frame.
pub fn format_error(err: &anyhow::Error) -> String {
    if let Some(config) = err.downcast_ref::<ConfigError>() {
        let mut sources = SourceMap::default();
        sources.extend([&config.file]);
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        return report::human(&config.diagnostic, &sources, report::Style { color })
            .trim_end()
            .to_owned();
    }
    let mut out = format!("error: {err}");
    for cause in err.chain().skip(1) {
        out.push_str(&format!("\n  caused by: {cause}"));
    }
    printable(&out, true).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_control_characters_become_visible_symbols() {
        assert_eq!(
            printable("a\u{1b}[31mb\u{7}\u{8}\r\0\u{7f}\u{9b}\u{202E}", true),
            "a␛[31mb␇␈␍␀␡\u{FFFD}\u{FFFD}"
        );
        assert_eq!(printable("line\nnext\tcell", true), "line\nnext\tcell");
        assert_eq!(printable("line\nnext\tcell", false), "line␊next␉cell");
    }

    #[test]
    fn printable_text_is_borrowed_unchanged() {
        assert!(matches!(
            printable("plain «text» ✓", true),
            std::borrow::Cow::Borrowed("plain «text» ✓")
        ));
        for input in crate::text::tricky::FRAGMENTS {
            let shown = printable(input, false);
            assert!(!shown.chars().any(char::is_control), "{input:?}");
        }
    }
}
