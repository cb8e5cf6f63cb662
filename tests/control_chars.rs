//! Control characters (ESC, BEL, backspace, CR, NUL, C1) never reach the output raw, in any
//! format, and JUnit stays valid XML: in content they are replaced with U+FFFD when the file is
//! read (`control-characters`); in a file name, which is kept as it is, they are shown as
//! symbols (`␛`) in text formats and escaped in JSON.

use crate::support::Course;

/// Characters that act on a terminal (or make XML invalid) when printed raw.
const RAW: [char; 7] = ['\u{1b}', '\u{7}', '\u{8}', '\r', '\0', '\u{9b}', '\u{7f}'];

/// An episode whose file name holds an escape sequence, with a fence whose language quotes
/// more control characters.
fn course() -> Course {
    Course::minimal().file(
        "episodes/01-basics/episode-02-e\u{1b}[31mscapes.md",
        "# Episode 2: Escapes\n\n**Duration**: 10 minutes\n\n## Intro\n\nSome words about the \
         topic of this episode, long enough to be a summary.\n\n```kl\u{1b}[31m\u{7}\u{8}\u{9b}\u{7f}x\n\
         code\n```\n",
    )
}

fn assert_no_raw_control(format: &str, text: &str) {
    for c in RAW {
        assert!(
            !text.contains(c),
            "{format} output holds {c:?} raw:\n{}",
            text.escape_debug()
        );
    }
}

#[test]
fn regression_control_characters_are_shown_not_sent_in_text_formats() {
    let course = course();
    for format in ["human", "short", "github", "junit"] {
        let out = course.run(&["lint", "--format", format]);
        assert!(
            out.stdout.contains("unknown-language"),
            "{format}: {}",
            out.stdout
        );
        assert_no_raw_control(format, &out.stdout);
        assert!(out.stdout.contains("␛[31m"), "{format}: {}", out.stdout);
        assert!(
            out.stdout.contains("kl\u{fffd}[31m"),
            "{format}: {}",
            out.stdout
        );
    }
}

#[test]
fn regression_build_prints_control_characters_as_symbols() {
    let out = course().run(&["build", "--verbose"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("unknown-language"), "{}", out.stderr);
    assert_no_raw_control("build", &out.stderr);
}

#[test]
fn json_and_sarif_escape_control_characters_and_keep_the_text() {
    let course = course();
    for format in ["json", "sarif"] {
        let out = course.run(&["lint", "--format", format]);
        assert_no_raw_control(format, &out.stdout);
        let parsed: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
        assert!(parsed.to_string().contains("\\u001b[31m"), "{format}");
    }
}
