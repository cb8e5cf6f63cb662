//! Gantt tasks named `Weekend …` or `Weekday …`, which Mermaid accepts.
//!
//! Mermaid's Gantt lexer reads `weekday` and `weekend` (in any case) as settings only when a
//! day name follows (`weekday\s+monday` … `weekday\s+sunday`, `weekend\s+friday`,
//! `weekend\s+saturday`); any other line starting with them is a task's name
//! (`Weekend on-call :oc, 2025-03-08, 2d`). merman 0.9.3 takes every such line for the setting
//! and rejects the day ("invalid weekend: on-call :oc, …"). Until merman reads them as Mermaid
//! does, [`keep_as_task_names`] puts a stand-in character ([`STAND_IN`], which no author types
//! and merman does not read as a space) in place of the space after the word, one byte for
//! one so every offset and error position stays where it was, and [`restore`] turns it back
//! into a space in what merman returns (the drawing, the labels).

/// The stand-in for the space after `Weekend`/`Weekday` in a task name: a control character
/// (unit separator) that is not whitespace to merman and not valid in XML, so it never comes
/// from an author's text.
pub(super) const STAND_IN: char = '\u{1f}';

/// The source with the space after a task name's leading `weekday`/`weekend` replaced by
/// [`STAND_IN`]; other lines are returned unchanged.
pub(super) fn keep_as_task_names(source: &str) -> String {
    if !source.to_ascii_lowercase().contains("week") {
        return source.to_string();
    }
    source
        .split('\n')
        .map(rewrite_line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` with every [`STAND_IN`] back to a space.
pub(super) fn restore(text: &str) -> String {
    text.replace(STAND_IN, " ")
}

/// Day names Mermaid's lexer takes after each word as the setting.
fn setting_days(word: &str) -> &'static [&'static str] {
    match word {
        "weekday" => &[
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ],
        _ => &["friday", "saturday"],
    }
}

fn rewrite_line(line: &str) -> String {
    let indent = line.len() - line.trim_start().len();
    let statement = &line[indent..];
    let Some(word) = ["weekday", "weekend"].into_iter().find(|word| {
        statement
            .get(..word.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(word))
    }) else {
        return line.to_string();
    };
    let after = &statement[word.len()..];
    // Only a one-byte space or tab can be replaced byte for byte.
    if !after.starts_with([' ', '\t']) {
        return line.to_string();
    }
    let rest = after.trim_start().to_ascii_lowercase();
    if setting_days(word).iter().any(|day| rest.starts_with(day)) {
        return line.to_string();
    }
    let at = indent + word.len();
    format!("{}{STAND_IN}{}", &line[..at], &line[at + 1..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_named_weekend_keeps_its_offsets_and_comes_back_whole() {
        let source = "gantt\n  Weekend work :a1, 2024-01-01, 3d\n  weekday\tplan :a2, 1d\n";
        let rewritten = keep_as_task_names(source);
        assert_eq!(rewritten.len(), source.len());
        assert_eq!(
            rewritten,
            "gantt\n  Weekend\u{1f}work :a1, 2024-01-01, 3d\n  weekday\u{1f}plan :a2, 1d\n"
        );
        assert_eq!(
            restore("Weekend\u{1f}work"),
            "Weekend work",
            "the stand-in reads as a space again"
        );
    }

    #[test]
    fn the_settings_are_left_as_they_are() {
        let source =
            "gantt\n  weekend friday\n  Weekday  Monday\n  weekends :a, 1d\n  Week plan :b, 1d\n";
        assert_eq!(keep_as_task_names(source), source);
    }
}
