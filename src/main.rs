//! The `episode` binary: parse the command line, run, print the error chain, exit.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = episode::cli::Cli::parse();
    match episode::run(cli) {
        Ok(episode::Outcome::Clean) => ExitCode::SUCCESS,
        Ok(episode::Outcome::ContentErrors) => ExitCode::from(1),
        Err(err) => {
            eprintln!("{}", episode::term::format_error(&err));
            ExitCode::from(2)
        }
    }
}
