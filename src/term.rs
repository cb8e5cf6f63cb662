//! Terminal conventions shared by the commands: verbosity, colours, the error chain.

use std::io::IsTerminal;
use std::time::Instant;

use crate::cli::{Cli, ColorChoice};
use crate::config::ConfigError;
use crate::report;
use crate::source::SourceMap;

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
    pub(crate) fn stage(&self, what: &str, since: Instant) {
        if self.verbose {
            eprintln!(
                "  {what:<24} {:>8.1} ms",
                since.elapsed().as_secs_f64() * 1000.0
            );
        }
    }

    /// Prints a duration measured elsewhere with `--verbose`.
    pub(crate) fn stage_time(&self, what: &str, time: std::time::Duration) {
        if self.verbose {
            eprintln!("  {what:<24} {:>8.1} ms", time.as_secs_f64() * 1000.0);
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
    out
}
