//! Internal errors: a panic that reaches `main` is reported as one line on stderr and exit
//! code 2 ("the tool failed"), never as Rust's panic message and exit code 101.
//!
//! [`install_hook`] replaces the panic hook with one that only remembers where each panic
//! happened: panics the tool recovers from (the diagram engine and the highlighter run under
//! `catch_unwind`) print nothing. `main` runs the command under `catch_unwind` (a panic in a
//! rayon worker is carried to the caller) and prints [`report_line`] for the panic that ended
//! the run. With `RUST_BACKTRACE` set, the standard hook also runs, for those debugging.

use std::any::Any;
use std::panic::PanicHookInfo;
use std::sync::Mutex;

use crate::term::{printable, shell_word};

/// How many recent panics are remembered (several threads may panic at once).
const REMEMBERED: usize = 16;

/// A panic as the hook saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PanicRecord {
    /// The panic message.
    message: String,
    /// `file:line` of the panic.
    location: Option<String>,
}

static RECENT: Mutex<Vec<PanicRecord>> = Mutex::new(Vec::new());

/// Installs the hook that remembers panics instead of printing them.
pub fn install_hook() {
    let standard = std::panic::take_hook();
    let debugging = std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0");
    std::panic::set_hook(Box::new(move |info: &PanicHookInfo<'_>| {
        remember(PanicRecord {
            message: info
                .payload_as_str()
                .unwrap_or("a panic without a message")
                .to_owned(),
            location: info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line())),
        });
        if debugging {
            standard(info);
        }
    }));
}

fn remember(record: PanicRecord) {
    let mut recent = RECENT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if recent.len() == REMEMBERED {
        recent.remove(0);
    }
    recent.push(record);
}

/// The line to print for a panic that ended the run, from its payload and what the hook
/// remembered about it.
pub fn report_line(payload: &(dyn Any + Send)) -> String {
    let message = payload_message(payload);
    let location = RECENT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .iter()
        .rev()
        .find(|r| message.as_deref().is_none_or(|m| r.message == m))
        .and_then(|r| r.location.clone());
    let command = command_line(std::env::args_os().map(|a| a.to_string_lossy().into_owned()));
    format_report(
        message.as_deref().unwrap_or("a panic without a message"),
        location.as_deref(),
        env!("CARGO_PKG_REPOSITORY"),
        &command,
    )
}

fn payload_message(payload: &(dyn Any + Send)) -> Option<String> {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
}

/// `episode: internal error: <message> at <file:line>; please report it …` on one line.
/// `repository` is the package's repository URL, empty when it has none.
pub(crate) fn format_report(
    message: &str,
    location: Option<&str>,
    repository: &str,
    command: &str,
) -> String {
    let at = location.map(|l| format!(" at {l}")).unwrap_or_default();
    let whom = match repository.trim_end_matches('/') {
        "" => "to the maintainers".to_owned(),
        url => format!("at {url}/issues"),
    };
    printable(
        &format!(
            "episode: internal error: {message}{at}; please report it {whom} with the command that failed: {command}"
        ),
        false,
    )
    .into_owned()
}

/// The command line as it could be typed again, the program by its name only.
pub(crate) fn command_line(args: impl Iterator<Item = String>) -> String {
    args.enumerate()
        .map(|(i, arg)| {
            if i == 0 {
                // The program as invoked may be a long path; the name is what matters.
                let name = std::path::Path::new(&arg)
                    .file_name()
                    .map_or(arg.clone(), |n| n.to_string_lossy().into_owned());
                shell_word(&name)
            } else {
                shell_word(&arg)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_internal_error_is_one_line_naming_the_place_and_the_command() {
        let line = format_report(
            "index out of bounds:\nthe len is 3",
            Some("src/enhance/index.rs:12"),
            "",
            "episode lint --root course",
        );
        assert_eq!(
            line,
            "episode: internal error: index out of bounds:\u{240A}the len is 3 at \
             src/enhance/index.rs:12; please report it to the maintainers with the command \
             that failed: episode lint --root course"
        );
    }

    #[test]
    fn an_internal_error_points_at_the_issue_tracker_when_there_is_a_repository() {
        let line = format_report(
            "boom\u{1b}[31m",
            None,
            "https://example.org/owner/episode/",
            "episode build",
        );
        assert_eq!(
            line,
            "episode: internal error: boom\u{241B}[31m; please report it at \
             https://example.org/owner/episode/issues with the command that failed: episode build"
        );
    }

    #[test]
    fn the_failed_command_is_quoted_where_a_shell_needs_it() {
        let args = [
            "/usr/local/bin/episode",
            "lint",
            "--root",
            "my course",
            "it's",
            "",
        ];
        assert_eq!(
            command_line(args.iter().map(|a| (*a).to_owned())),
            r"episode lint --root 'my course' 'it'\''s' ''"
        );
    }

    #[test]
    fn the_panic_that_ended_the_run_is_found_by_its_message() {
        remember(PanicRecord {
            message: "the fatal one".to_owned(),
            location: Some("src/a.rs:1".to_owned()),
        });
        remember(PanicRecord {
            message: "a recovered one".to_owned(),
            location: Some("src/b.rs:2".to_owned()),
        });
        let payload: Box<dyn Any + Send> = Box::new(String::from("the fatal one"));
        let line = report_line(payload.as_ref());
        assert!(
            line.starts_with(
                "episode: internal error: the fatal one at src/a.rs:1; please report it"
            ),
            "{line}"
        );
    }
}
