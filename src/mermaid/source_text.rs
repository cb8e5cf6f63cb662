//! Reading the diagram source: normalising whitespace, finding the header, mapping offsets.

/// The diagram's header line: its 1-based line number and first keyword.
pub(super) struct Header<'a> {
    pub(super) line: usize,
    pub(super) keyword: &'a str,
}

/// Strips trailing whitespace from every line (and `\r`), keeping the number of lines.
pub(super) fn normalize(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    for (index, line) in source.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str(line.trim_end());
    }
    out
}

/// The leading run of `[A-Za-z0-9_-]` of a line: `graph TD;` gives `graph`.
pub(super) fn keyword_of(line: &str) -> &str {
    let line = line.trim_start();
    let end = line
        .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '-' || ch == '_'))
        .unwrap_or(line.len());
    line.get(..end).unwrap_or("")
}

/// Finds the header: the first line that is not blank, a comment, a directive or front matter.
pub(super) fn header(source: &str) -> Option<Header<'_>> {
    let mut lines = source.lines().enumerate().peekable();
    skip_blank(&mut lines);
    if lines.peek().is_some_and(|(_, line)| line.trim() == "---") {
        lines.next();
        for (_, line) in lines.by_ref() {
            if line.trim() == "---" {
                break;
            }
        }
    }
    let mut in_directive = false;
    for (index, line) in lines {
        let trimmed = line.trim();
        if in_directive {
            in_directive = !trimmed.contains("}%%");
            continue;
        }
        if trimmed.starts_with("%%{") {
            in_directive = !trimmed.contains("}%%");
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with("%%") {
            continue;
        }
        return Some(Header {
            line: index + 1,
            keyword: keyword_of(trimmed),
        });
    }
    None
}

/// Whether the diagram is nothing but its header (`sequenceDiagram`, `graph TD`): no
/// statement on the header line besides a direction, and only blanks and comments after it.
pub(super) fn is_only_header(source: &str, header: &Header) -> bool {
    let header_line = source
        .lines()
        .nth(header.line.saturating_sub(1))
        .unwrap_or("");
    let mut words = header_line.split_whitespace().skip(1);
    let only_direction = match (words.next(), words.next()) {
        (None, _) => true,
        (Some(word), None) => matches!(word, "TB" | "TD" | "BT" | "RL" | "LR"),
        _ => false,
    };
    only_direction
        && source.lines().skip(header.line).all(|line| {
            let line = line.trim();
            line.is_empty() || line.starts_with("%%")
        })
}

fn skip_blank<'a>(lines: &mut std::iter::Peekable<impl Iterator<Item = (usize, &'a str)>>) {
    while lines.peek().is_some_and(|(_, line)| line.trim().is_empty()) {
        lines.next();
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(super) fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = source.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    let column = before
        .get(line_start..)
        .map_or(0, |text| text.chars().count())
        + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Whether only whitespace follows the offset: an error "at the end of the diagram".
pub(super) fn at_end(source: &str, offset: usize) -> bool {
    source
        .get(floor_char_boundary(source, offset.min(source.len()))..)
        .is_none_or(|rest| rest.trim().is_empty())
}

/// 1-based number of the last non-blank line.
pub(super) fn last_content_line(source: &str) -> Option<usize> {
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, _)| index + 1)
        .last()
}

/// The text at a byte range, if the range is valid.
pub(super) fn slice(source: &str, start: usize, end: usize) -> Option<&str> {
    source.get(start..end.max(start))
}

/// The last word before the offset on the same line (what the error comes "after").
pub(super) fn previous_word(source: &str, offset: usize) -> Option<&str> {
    let before = source.get(..floor_char_boundary(source, offset.min(source.len())))?;
    let line = before.rsplit('\n').next().unwrap_or(before);
    line.split_whitespace().next_back()
}

/// 1-based number of the only line containing `needle`, if exactly one line does.
pub(super) fn unique_line_containing(source: &str, needle: &str) -> Option<usize> {
    let needle = needle.trim();
    if needle.is_empty() {
        return None;
    }
    unique_line_where(source, |line| line.contains(needle))
}

/// 1-based number of the only line that satisfies `test`, if exactly one does.
pub(super) fn unique_line_where(source: &str, test: impl Fn(&str) -> bool) -> Option<usize> {
    let mut matches = source.lines().enumerate().filter(|(_, line)| test(line));
    let (index, _) = matches.next()?;
    matches.next().is_none().then_some(index + 1)
}
