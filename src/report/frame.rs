//! The text a code frame shows: only the lines a finding points at, never the whole file.
//!
//! annotate-snippets reads every line of the source it is given, so handing it the whole
//! file made each finding cost the size of the file, and a report of many findings in one
//! long file grew with the square of it (2,000 findings in one document took 25 s). A
//! [`Window`] is cut from the start of the first annotated line to the end of the last, and
//! annotations far apart get windows of their own ([`windows`]), so printing a finding costs
//! the lines it shows.
//!
//! A window is also bounded across: when its lines hold more than [`WINDOW_BYTES`], it shows
//! only the text around its span, marked `…` where it is cut, and annotations in it get
//! windows of their own. Without that, every finding on one long line (a minified block, a
//! paragraph of thousands of links) printed the whole line, and five thousand findings on a
//! 1 MB line took 40 s.
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

/// The most text a window shows: a window whose lines are longer shows only the text around
/// its span ([`Window::cut`]).
const WINDOW_BYTES: usize = 2_000;

/// How much of a cut line a window shows on each side of its span, in bytes.
const CUT_CONTEXT: usize = 120;

/// Marks where a window's text was cut from its line.
const CUT_MARK: &str = "…";

/// A run of lines of a file, as a code frame shows them: whole lines, or the part of them
/// around a span when they are too long to show ([`WINDOW_BYTES`]).
pub(crate) struct Window<'t> {
    /// The text shown, with C1 controls replaced, and [`CUT_MARK`] where it was cut.
    pub text: Cow<'t, str>,
    /// The 1-based number of the first line.
    pub first_line: usize,
    /// Where the window's text starts in the file.
    start: usize,
    /// Bytes shown before the file's text: the cut mark, when the window starts inside a line.
    lead: usize,
    /// Bytes shown after the file's text: the cut mark, when the window ends inside a line.
    trail: usize,
    /// Offsets (in the window's original text) of the replaced characters, in order.
    replaced: Vec<usize>,
}

impl<'t> Window<'t> {
    /// The whole lines that `span` touches, or the text around it when they are too long.
    fn around(file: &'t SourceFile, span: &Range<usize>) -> Self {
        let (first, last) = lines_of(file, span);
        Self::lines(file, first, last).unwrap_or_else(|| Self::cut(file, span, first))
    }

    /// Lines `first` to `last` whole, unless they hold more than [`WINDOW_BYTES`]. Reads no
    /// more of the file than that: a long line is not read to its end.
    fn lines(file: &'t SourceFile, first: usize, last: usize) -> Option<Self> {
        let start = file.line_start(first);
        let last_start = file.line_start(last).max(start);
        let within = (start + WINDOW_BYTES + 1).min(file.text.len());
        let end = line_end_within(&file.text, last_start, within)?;
        (end - start <= WINDOW_BYTES).then(|| Self::of(&file.text[start..end], start, first, ""))
    }

    /// The text around `span` (which starts on line `first`): [`CUT_CONTEXT`] bytes on each
    /// side within its lines, at most [`WINDOW_BYTES`] of the span itself, marked where it
    /// was cut. The span's own text is shown from its start, so its underline stays whole
    /// unless the span itself is longer than a window.
    fn cut(file: &'t SourceFile, span: &Range<usize>, first: usize) -> Self {
        let text = &file.text;
        let span = clamp(text, span.clone());
        let line_start = file.line_start(first);
        let start =
            text.floor_char_boundary(span.start.saturating_sub(CUT_CONTEXT).max(line_start));
        let shown_end = text
            .floor_char_boundary(span.end.min(span.start + WINDOW_BYTES))
            .max(start);
        let within = text.ceil_char_boundary(shown_end + CUT_CONTEXT);
        let (end, cut_after) = match line_end_within(text, shown_end, within) {
            // A span longer than a window is cut inside itself.
            Some(end) => (end, shown_end < span.end),
            None => (within, true),
        };
        let mut window = Self::of(
            &text[start..end],
            start,
            first,
            if start > line_start { CUT_MARK } else { "" },
        );
        if cut_after {
            window.text.to_mut().push_str(CUT_MARK);
            window.trail = CUT_MARK.len();
        }
        window
    }

    /// `original` (text starting at byte `start` of the file, on line `first_line`) after
    /// `lead`, each C1 character (2 bytes) replaced with U+FFFD (3 bytes).
    fn of(original: &'t str, start: usize, first_line: usize, lead: &str) -> Self {
        let is_c1 = |c: char| ('\u{80}'..='\u{9f}').contains(&c);
        let replaced: Vec<usize> = original
            .char_indices()
            .filter(|&(_, c)| is_c1(c))
            .map(|(i, _)| i)
            .collect();
        let text = if replaced.is_empty() && lead.is_empty() {
            Cow::Borrowed(original)
        } else {
            let mut text = String::with_capacity(lead.len() + original.len() + replaced.len());
            text.push_str(lead);
            text.extend(
                original
                    .chars()
                    .map(|c| if is_c1(c) { '\u{FFFD}' } else { c }),
            );
            Cow::Owned(text)
        };
        Self {
            text,
            first_line,
            start,
            lead: lead.len(),
            trail: 0,
            replaced,
        }
    }

    /// Whether the window starts inside a line (it was cut): a frame then takes the line and
    /// column it names from the file, as the window's own text would give a column counted
    /// from the cut.
    pub fn starts_inside_a_line(&self) -> bool {
        self.lead > 0
    }

    /// A span of the file, clamped to this window, as a span of the shown text.
    pub fn span(&self, file: &str, span: &Range<usize>) -> Range<usize> {
        let span = clamp(file, span.clone());
        let len = self.text.len() - self.replaced.len() - self.lead - self.trail;
        let local = |offset: usize| offset.saturating_sub(self.start).min(len);
        let shift =
            |offset: usize| self.lead + offset + self.replaced.partition_point(|&r| r < offset);
        shift(local(span.start))..shift(local(span.end))
    }
}

/// Windows over `file` for `spans`: spans whose lines lie within [`SHARED_WINDOW_GAP`] lines
/// of each other share a window, unless those lines are too long to show whole (then each
/// span gets a window of the text around it). Returns each window with the indices (into
/// `spans`) of the spans it shows; the window of `spans[0]` comes first, the others in file
/// order.
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
    let mut shown = Vec::with_capacity(groups.len());
    for (first, last, members) in groups {
        match Window::lines(file, first, last) {
            Some(window) => shown.push((window, members)),
            // Lines too long to show whole: each span is shown in the text around it.
            None => shown.extend(
                members
                    .into_iter()
                    .map(|member| (Window::around(file, &spans[member]), vec![member])),
            ),
        }
    }
    if let Some(primary) = shown.iter().position(|(_, m)| m.contains(&0)) {
        let window = shown.remove(primary);
        shown.insert(0, window);
    }
    shown
}

/// The first and last lines `span` touches; a span that ends with a line feed ends on the
/// line of that line feed.
fn lines_of(file: &SourceFile, span: &Range<usize>) -> (usize, usize) {
    let span = clamp(&file.text, span.clone());
    let first = file.line(span.start);
    let end = if span.end > span.start && file.text[..span.end].ends_with('\n') {
        span.end - 1
    } else {
        span.end
    };
    (first, file.line(end).max(first))
}

/// Where the line holding `offset` ends (as [`SourceFile::line_end`]: at its `\n`, before the
/// `\r` of a `\r\n`), when it ends before byte `within` or the text ends there; `None` when
/// it goes on past `within`. Only bytes are read, so `within` need not be on a character
/// boundary; the end found always is.
fn line_end_within(text: &str, offset: usize, within: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if offset > within {
        return None;
    }
    let end = match memchr::memchr(b'\n', &bytes[offset..within]) {
        Some(i) => offset + i,
        None if within == text.len() => within,
        // The line may end just past `within`: its `\n`, or the `\r\n` that ends it.
        None if bytes[within..].starts_with(b"\n") => within,
        None if bytes[within..].starts_with(b"\r\n") => return Some(within),
        None => return None,
    };
    Some(if end > offset && bytes[end - 1] == b'\r' {
        end - 1
    } else {
        end
    })
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
    fn a_long_line_is_cut_around_the_span_and_marked_where_it_is_cut() {
        let text = format!("{}needle{}\nnext\n", "é".repeat(3_000), "x".repeat(5_000));
        let f = file(&text);
        let at = text.find("needle").unwrap_or(0);
        let span = at..at + "needle".len();
        let w = window(&f, &span);
        assert!(
            w.text.len() < 2 * CUT_CONTEXT + 20,
            "{} bytes",
            w.text.len()
        );
        assert!(w.text.starts_with(CUT_MARK) && w.text.ends_with(CUT_MARK));
        assert_eq!(&w.text[w.span(&text, &span)], "needle");
        assert_eq!(w.first_line, 1);
        // The start of the line is shown unmarked; a short line is shown whole.
        let w = window(&f, &(0..2));
        assert!(!w.text.starts_with(CUT_MARK) && w.text.ends_with(CUT_MARK));
        assert_eq!(&w.text[w.span(&text, &(0..2))], "é");
        let next = text.find("next").unwrap_or(0);
        assert_eq!(window(&f, &(next..next + 4)).text, "next");
    }

    #[test]
    fn spans_on_one_long_line_get_a_window_each_primary_first() {
        let text = format!("{}\n", "[x](nope.md) ".repeat(2_000));
        let f = file(&text);
        let spans: Vec<Range<usize>> = [900, 10, 1_999]
            .iter()
            .map(|&n| {
                let at = n * "[x](nope.md) ".len();
                at..at + "[x](nope.md)".len()
            })
            .collect();
        let shown = windows(&f, &spans);
        let members: Vec<Vec<usize>> = shown.iter().map(|(_, m)| m.clone()).collect();
        assert_eq!(members, [vec![0], vec![1], vec![2]]);
        for (w, m) in &shown {
            assert!(w.text.len() <= 2 * CUT_CONTEXT + 30);
            assert_eq!(&w.text[w.span(&text, &spans[m[0]])], "[x](nope.md)");
        }
    }

    #[test]
    fn a_line_end_is_found_within_the_bound_or_not_at_all() {
        let text = "abc\r\ndefgh\nij";
        assert_eq!(line_end_within(text, 0, 10), Some(3), "before the \\r");
        assert_eq!(
            line_end_within(text, 0, 3),
            Some(3),
            "the \\r\\n just past the bound"
        );
        assert_eq!(line_end_within(text, 5, 8), None, "the line goes on");
        assert_eq!(
            line_end_within(text, 5, 10),
            Some(10),
            "its \\n just past the bound"
        );
        assert_eq!(line_end_within(text, 11, text.len()), Some(text.len()));
        assert_eq!(line_end_within(text, 9, 5), None);
        assert_eq!(
            line_end_within("ab\r\r\n", 0, 3),
            Some(3),
            "as `line_end` reads it"
        );
    }

    #[test]
    fn a_line_that_ends_with_the_cut_mark_is_not_taken_for_a_cut_one() {
        let text = "wait…\n";
        let f = file(text);
        let w = window(&f, &(0..text.len() - 1));
        assert_eq!(w.text, "wait…");
        assert_eq!(&w.text[w.span(text, &(0..text.len() - 1))], "wait…");
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
