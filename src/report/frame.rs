//! The text a code frame shows: only the lines a finding points at, never the whole file.
//!
//! annotate-snippets reads every line of the source it is given, so handing it the whole
//! file made each finding cost the size of the file, and a report of many findings in one
//! long file grew with the square of it (2,000 findings in one document took 25 s). A
//! [`Window`] is cut from the start of the first annotated line to the end of the last, and
//! annotations far apart get windows of their own ([`windows`]), so printing a finding costs
//! the lines it shows.
//!
//! The window also makes C1 control characters (U+0080–U+009F, which some terminals obey
//! like ESC sequences) visible: annotate-snippets replaces the C0 controls, DEL and the
//! bidirectional overrides itself; spans are moved to match.

use std::borrow::Cow;
use std::ops::Range;

use crate::source::SourceFile;

/// Annotations at most this many lines apart share one window (and one frame); farther ones
/// are shown in frames of their own.
const SHARED_WINDOW_GAP: usize = 8;

/// A run of whole lines of a file, as a code frame shows them.
pub(crate) struct Window<'t> {
    /// The lines, with C1 controls replaced.
    pub text: Cow<'t, str>,
    /// The 1-based number of the first line.
    pub first_line: usize,
    /// Where the window starts in the file.
    start: usize,
    /// Offsets (in the window's original text) of the replaced characters, in order.
    replaced: Vec<usize>,
}

impl<'t> Window<'t> {
    /// The whole lines that `span` touches.
    fn around(file: &'t SourceFile, span: &Range<usize>) -> Self {
        let (first, last) = lines_of(file, span);
        let start = file.line_start(first);
        let end = file.line_end(file.line_start(last)).max(start);
        Self::of(&file.text[start..end], start, first)
    }

    /// `original` (lines starting at byte `start` of the file, line `first_line`), each C1
    /// character (2 bytes) replaced with U+FFFD (3 bytes).
    fn of(original: &'t str, start: usize, first_line: usize) -> Self {
        let is_c1 = |c: char| ('\u{80}'..='\u{9f}').contains(&c);
        let replaced: Vec<usize> = original
            .char_indices()
            .filter(|&(_, c)| is_c1(c))
            .map(|(i, _)| i)
            .collect();
        let text = if replaced.is_empty() {
            Cow::Borrowed(original)
        } else {
            Cow::Owned(
                original
                    .chars()
                    .map(|c| if is_c1(c) { '\u{FFFD}' } else { c })
                    .collect(),
            )
        };
        Self {
            text,
            first_line,
            start,
            replaced,
        }
    }

    /// A span of the file, clamped to this window, as a span of the shown text.
    pub fn span(&self, file: &str, span: &Range<usize>) -> Range<usize> {
        let span = clamp(file, span.clone());
        let len = self.text.len() - self.replaced.len();
        let local = |offset: usize| offset.saturating_sub(self.start).min(len);
        let shift = |offset: usize| offset + self.replaced.partition_point(|&r| r < offset);
        shift(local(span.start))..shift(local(span.end))
    }
}

/// Windows over `file` for `spans`: spans whose lines lie within [`SHARED_WINDOW_GAP`] lines
/// of each other share a window. Returns each window with the indices (into `spans`) of the
/// spans it shows; the window of `spans[0]` comes first, the others in file order.
pub(crate) fn windows<'t>(
    file: &'t SourceFile,
    spans: &[Range<usize>],
) -> Vec<(Window<'t>, Vec<usize>)> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].start, i));
    let mut groups: Vec<(usize, usize, Vec<usize>)> = Vec::new();
    for i in order {
        let (first, last) = lines_of(file, &spans[i]);
        match groups.last_mut() {
            Some((_, group_last, members)) if first <= *group_last + SHARED_WINDOW_GAP => {
                *group_last = (*group_last).max(last);
                members.push(i);
            }
            _ => groups.push((first, last, vec![i])),
        }
    }
    if let Some(primary) = groups.iter().position(|(_, _, m)| m.contains(&0)) {
        let group = groups.remove(primary);
        groups.insert(0, group);
    }
    groups
        .into_iter()
        .map(|(first, last, members)| {
            let start = file.line_start(first);
            let end = file.line_end(file.line_start(last));
            (
                Window::of(&file.text[start..end.max(start)], start, first),
                members,
            )
        })
        .collect()
}

/// The first and last lines `span` touches; a span that ends with a line feed ends on the
/// line of that line feed.
fn lines_of(file: &SourceFile, span: &Range<usize>) -> (usize, usize) {
    let span = clamp(&file.text, span.clone());
    let first = file.line_col(span.start).line;
    let end = if span.end > span.start && file.text[..span.end].ends_with('\n') {
        span.end - 1
    } else {
        span.end
    };
    (first, file.line_col(end).line.max(first))
}

/// One window for one span (a related place in another file).
pub(crate) fn window<'t>(file: &'t SourceFile, span: &Range<usize>) -> Window<'t> {
    Window::around(file, span)
}

/// Keeps a span inside the text and on character boundaries.
fn clamp(text: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::from_string("e.md", text)
    }

    #[test]
    fn a_window_holds_only_the_lines_of_its_span() {
        let text = "one\ntwo\nthree four\nfive\n";
        let f = file(text);
        let at = text.find("four").unwrap_or(0);
        let shown = windows(&f, std::slice::from_ref(&(at..at + 4)));
        assert_eq!(shown.len(), 1);
        let (w, members) = &shown[0];
        assert_eq!((w.text.as_ref(), w.first_line), ("three four", 3));
        assert_eq!(members, &[0]);
        assert_eq!(&w.text[w.span(text, &(at..at + 4))], "four");
    }

    #[test]
    fn near_spans_share_a_window_and_far_ones_get_their_own_primary_first() {
        let text: String = (1..=100).map(|n| format!("line {n}\n")).collect();
        let f = file(&text);
        let at = |line: usize| f.line_start(line);
        let spans = [at(50)..at(50) + 4, at(45)..at(45) + 4, at(2)..at(2) + 4];
        let shown = windows(&f, &spans);
        let summary: Vec<(usize, usize, Vec<usize>)> = shown
            .iter()
            .map(|(w, m)| (w.first_line, w.text.lines().count(), m.clone()))
            .collect();
        assert_eq!(summary, [(45, 6, vec![1, 0]), (2, 1, vec![2])]);
    }

    #[test]
    fn c1_controls_are_replaced_and_spans_follow() {
        let text = "a\u{9b}b red\n";
        let f = file(text);
        let at = text.find("red").unwrap_or(0);
        let w = window(&f, &(at..at + 3));
        assert_eq!(w.text, "a\u{FFFD}b red");
        assert_eq!(&w.text[w.span(text, &(at..at + 3))], "red");
    }

    #[test]
    fn spans_past_the_end_or_inside_a_character_are_clamped() {
        let text = "é\n";
        let f = file(text);
        let w = window(&f, &(1..99));
        assert_eq!(w.span(text, &(1..99)), 0..2);
    }
}
