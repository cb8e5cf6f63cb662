//! Timeline periods written before the first `section`: Mermaid draws them, merman leaves them
//! out of the drawing when the timeline has sections. A timeline without sections draws every
//! period. The first period left out is reported, with how many there are.

use crate::mermaid::source_text::{header, keyword_of};

/// The periods a timeline's drawing leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PeriodsLeftOut {
    /// 1-based line of the first of them in the diagram body.
    pub(crate) line: usize,
    /// 1-based column (in characters) where it starts.
    pub(crate) column: usize,
    /// How many periods are left out.
    pub(crate) count: usize,
}

/// The periods before the first `section` of `source`, a timeline, when it has sections.
pub(crate) fn periods_left_out(source: &str) -> Option<PeriodsLeftOut> {
    let after_header = header(source)?.line;
    let mut first = None;
    let mut count = 0;
    let mut in_description = false;
    for (index, line) in source.lines().enumerate().skip(after_header) {
        let trimmed = line.trim_start();
        if in_description {
            in_description = !trimmed.contains('}');
            continue;
        }
        match keyword_of(trimmed) {
            "section" => {
                return first.map(|(line, column)| PeriodsLeftOut {
                    line,
                    column,
                    count,
                });
            }
            "title" | "accTitle" => continue,
            "accDescr" => {
                in_description = trimmed.contains('{') && !trimmed.contains('}');
                continue;
            }
            _ => {}
        }
        // A blank line, a comment, or more events of the period above (`: event`).
        if trimmed.is_empty() || trimmed.starts_with("%%") || trimmed.starts_with(':') {
            continue;
        }
        count += 1;
        first.get_or_insert((
            index + 1,
            line.chars().count() - trimmed.chars().count() + 1,
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_before_the_first_section_are_left_out() {
        let source = "timeline\n  title History\n  2018 : one\n       : two\n  2019 : three\n  section Later\n    2020 : four\n";
        assert_eq!(
            periods_left_out(source),
            Some(PeriodsLeftOut {
                line: 3,
                column: 3,
                count: 2
            })
        );
    }

    #[test]
    fn a_timeline_without_sections_or_without_periods_before_them_is_drawn_whole() {
        assert_eq!(
            periods_left_out("timeline\n  2018 : one\n  2019 : two\n"),
            None
        );
        assert_eq!(
            periods_left_out("timeline\n  title T\n  %% 2017 : draft\n  section S\n    2020 : x\n"),
            None
        );
    }
}
