//! The `episode` binary: parse the command line, run, print the error chain, exit.
//!
//! Exit codes: 0 clean, 1 content errors, 2 the tool failed, including an internal error (a
//! panic, reported on one line by [`episode::crash`]).

use std::io::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::ExitCode;

use clap::Parser;

/// mimalloc, which serves a build's many small allocations faster (see `episode::memory`).
#[global_allocator]
static ALLOCATOR: episode::memory::Allocator = episode::memory::Allocator {};

fn main() -> ExitCode {
    // SAFETY: the first thing the process does: no tree-sitter object exists yet, and no other
    // thread runs.
    #[expect(unsafe_code)]
    unsafe {
        episode::memory::install_parser_allocator();
    }
    episode::crash::install_hook();
    let outcome = catch_unwind(AssertUnwindSafe(
        || episode::run(episode::cli::Cli::parse()),
    ));
    let failure = match outcome {
        Ok(Ok(episode::Outcome::Clean)) => return ExitCode::SUCCESS,
        Ok(Ok(episode::Outcome::ContentErrors)) => return ExitCode::from(1),
        Ok(Err(err)) => episode::term::format_error(&err),
        Err(payload) => episode::crash::report_line(payload.as_ref()),
    };
    // Nowhere left to report a failure to write the report.
    let _ = writeln!(std::io::stderr().lock(), "{failure}");
    ExitCode::from(2)
}
