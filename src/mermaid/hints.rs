//! Hints for the line a parse error is on: the keyword a misspelled first word meant
//! (`subgrpah` → `subgraph`), the place a misspelled note position meant (`note rigth of` →
//! `note right of`), and a `%%` comment written after a statement.
//!
//! merman's message for such a line lists what its grammar expected (`expected sep, amp, …`),
//! which does not tell an author that one word is misspelled.

use crate::mermaid::DiagramKind;
use crate::mermaid::nesting::SEQUENCE_OPENERS;
use crate::mermaid::source_text::keyword_of;

/// The words that begin a statement in each family, as Mermaid spells them.
fn statement_keywords(kind: DiagramKind) -> Vec<&'static str> {
    let keywords: &[&str] = match kind {
        DiagramKind::Flowchart => &[
            "subgraph",
            "end",
            "direction",
            "classDef",
            "class",
            "style",
            "linkStyle",
            "click",
            "accTitle",
            "accDescr",
        ],
        DiagramKind::Sequence => &[
            "participant",
            "actor",
            "create",
            "destroy",
            "else",
            "and",
            "option",
            "end",
            "note",
            "activate",
            "deactivate",
            "autonumber",
            "title",
            "link",
            "links",
            "accTitle",
            "accDescr",
        ],
        DiagramKind::State => &[
            "state",
            "note",
            "end",
            "direction",
            "classDef",
            "class",
            "style",
            "accTitle",
            "accDescr",
        ],
        DiagramKind::Class => &[
            "class",
            "namespace",
            "note",
            "classDef",
            "cssClass",
            "style",
            "direction",
            "callback",
            "link",
            "click",
            "accTitle",
            "accDescr",
        ],
        DiagramKind::Gantt => &[
            "title",
            "dateFormat",
            "axisFormat",
            "tickInterval",
            "excludes",
            "includes",
            "todayMarker",
            "weekday",
            "section",
            "accTitle",
            "accDescr",
        ],
        _ => &[],
    };
    let openers = if kind == DiagramKind::Sequence {
        SEQUENCE_OPENERS
    } else {
        &[]
    };
    keywords.iter().chain(openers).copied().collect()
}

/// The keyword within `max_distance` edits of `written` (letter case aside), the closest first.
/// Two letters swapped count as one edit (`rigth` is one from `right`).
pub(super) fn closest_keyword<'a>(
    written: &str,
    keywords: impl IntoIterator<Item = &'a str>,
    max_distance: usize,
) -> Option<&'a str> {
    let written = written.to_ascii_lowercase();
    keywords
        .into_iter()
        .map(|keyword| {
            (
                strsim::osa_distance(&written, &keyword.to_ascii_lowercase()),
                keyword,
            )
        })
        .filter(|(distance, _)| *distance <= max_distance)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, keyword)| keyword)
}

/// A hint for the statement on `line` (1-based) of the diagram body, to add to the error there.
pub(super) fn for_line(source: &str, kind: DiagramKind, line: usize) -> Option<String> {
    let text = source.lines().nth(line.checked_sub(1)?)?.trim();
    if let Some(keyword) = misspelled_keyword(text, kind) {
        return Some(format!("did you mean `{keyword}`?"));
    }
    if let Some(position) = misspelled_note_position(text, kind) {
        return Some(format!("did you mean `note {position}`?"));
    }
    // Sequence diagrams take a comment after a statement; `%%` inside a label is text.
    let comment_after_statement = kind != DiagramKind::Sequence
        && !text.starts_with("%%")
        && text
            .split_once(" %%")
            .is_some_and(|(statement, _)| is_balanced(statement));
    comment_after_statement
        .then(|| "a `%%` comment must be on a line of its own, not after a statement".to_string())
}

/// Whether every quote and bracket opened in `text` is closed in it.
fn is_balanced(text: &str) -> bool {
    let count = |ch: char| text.matches(ch).count();
    count('"') % 2 == 0
        && count('[') == count(']')
        && count('(') == count(')')
        && count('{') == count('}')
}

/// The keyword the first word of a statement was meant to be, when it is none itself but is
/// one or two letters away from one (one for words of four letters or fewer), or a flowchart
/// keyword in another case. Only a word alone on its line, or followed by a space and no arrow
/// on the line, counts: a node or participant named `Alt` (`Alt->>B: hi`) is a name, not a
/// keyword. A three-letter word counts only as a keyword with two letters swapped or one left
/// out (`edn`, `lop`): one letter changed is too often a name (`Bob` is one letter from `box`).
pub(super) fn misspelled_keyword(text: &str, kind: DiagramKind) -> Option<&'static str> {
    let word = keyword_of(text);
    let rest = &text[word.len()..];
    let is_statement = (rest.is_empty() || rest.starts_with(char::is_whitespace))
        && !["-->", "->", "--", "==>", "-.", "<|", "..", "||"]
            .iter()
            .any(|arrow| rest.contains(arrow));
    if word.chars().count() < 3 || !is_statement {
        return None;
    }
    let keywords = statement_keywords(kind);
    // Flowchart keywords are case-sensitive (`classdef` is not `classDef`); the other families
    // read theirs in any case (`Note`, `PARTICIPANT`).
    let is_keyword = |keyword: &&str| {
        *keyword == word || (kind != DiagramKind::Flowchart && keyword.eq_ignore_ascii_case(word))
    };
    if keywords.iter().any(is_keyword) {
        return None;
    }
    if word.chars().count() == 3 {
        return keywords
            .into_iter()
            .find(|keyword| is_swap_or_left_out(word, keyword));
    }
    let allowed = if word.chars().count() <= 4 { 1 } else { 2 };
    closest_keyword(word, keywords, allowed)
}

/// Whether `written` is `keyword` with two neighbouring letters swapped or one letter left
/// out (letter case aside).
fn is_swap_or_left_out(written: &str, keyword: &str) -> bool {
    let written = written.to_ascii_lowercase();
    let keyword = keyword.to_ascii_lowercase();
    let left_out = keyword.len() == written.len() + 1
        && (0..keyword.len()).any(|at| {
            keyword.is_char_boundary(at)
                && keyword[..at]
                    .chars()
                    .chain(keyword[at..].chars().skip(1))
                    .eq(written.chars())
        });
    let swapped = keyword.len() == written.len()
        && written != keyword
        && strsim::osa_distance(&written, &keyword) == 1
        && strsim::levenshtein(&written, &keyword) == 2;
    left_out || swapped
}

/// Where a note can be placed in each family, as Mermaid spells it.
fn note_positions(kind: DiagramKind) -> &'static [&'static str] {
    match kind {
        DiagramKind::Sequence => &["left of", "right of", "over"],
        DiagramKind::State => &["left of", "right of"],
        DiagramKind::Class => &["for"],
        _ => &[],
    }
}

/// The position a note statement's misspelled second word was meant to be (`note rigth of A`
/// → `right of`), when that word is no position but is one letter away from one (two for
/// words of four letters or more). A class diagram's general note (`note "text"`) has no
/// position and gets no hint.
fn misspelled_note_position(text: &str, kind: DiagramKind) -> Option<&'static str> {
    let mut words = text.split_whitespace();
    if !words.next()?.eq_ignore_ascii_case("note") {
        return None;
    }
    let written = words.next()?;
    if written.starts_with('"') {
        return None;
    }
    let positions = note_positions(kind);
    let first_word = |position: &'static str| position.split(' ').next().unwrap_or(position);
    if positions
        .iter()
        .any(|position| first_word(position).eq_ignore_ascii_case(written))
    {
        return None;
    }
    let allowed = if written.chars().count() <= 3 { 1 } else { 2 };
    let meant = closest_keyword(written, positions.iter().map(|p| first_word(p)), allowed)?;
    positions
        .iter()
        .copied()
        .find(|position| first_word(position) == meant)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelled_keyword_is_named() {
        let cases = [
            (
                "flowchart LR\n    subgrpah backend\n",
                DiagramKind::Flowchart,
                "subgraph",
            ),
            (
                "flowchart LR\n    classdef hot fill:#f00\n",
                DiagramKind::Flowchart,
                "classDef",
            ),
            (
                "sequenceDiagram\n    partcipant A\n",
                DiagramKind::Sequence,
                "participant",
            ),
            (
                "sequenceDiagram\n    lopp every minute\n",
                DiagramKind::Sequence,
                "loop",
            ),
            (
                "sequenceDiagram\n    lop every minute\n",
                DiagramKind::Sequence,
                "loop",
            ),
            (
                "sequenceDiagram\n    autonumbr\n",
                DiagramKind::Sequence,
                "autonumber",
            ),
            ("sequenceDiagram\n    edn\n", DiagramKind::Sequence, "end"),
            (
                "sequenceDiagram\n    esle no\n",
                DiagramKind::Sequence,
                "else",
            ),
        ];
        for (source, kind, keyword) in cases {
            assert_eq!(
                for_line(source, kind, 2),
                Some(format!("did you mean `{keyword}`?")),
                "{source}"
            );
        }
    }

    #[test]
    fn names_and_statements_with_arrows_are_not_keywords() {
        assert_eq!(
            for_line(
                "sequenceDiagram\n    Alt->>B: hi\n",
                DiagramKind::Sequence,
                2
            ),
            None
        );
        assert_eq!(
            for_line("flowchart LR\n    Style --> B\n", DiagramKind::Flowchart, 2),
            None
        );
        assert_eq!(
            for_line(
                "flowchart LR\n    Client[Web] x\n",
                DiagramKind::Flowchart,
                2
            ),
            None
        );
        assert_eq!(for_line("pie\n    tilte Pets\n", DiagramKind::Pie, 2), None);
        // Three letters, one of them changed: a name as likely as a keyword.
        assert_eq!(
            for_line("sequenceDiagram\n    Bob hello\n", DiagramKind::Sequence, 2),
            None
        );
        assert_eq!(
            for_line("sequenceDiagram\n    ent\n", DiagramKind::Sequence, 2),
            None
        );
    }

    #[test]
    fn a_misspelled_note_position_is_named() {
        let cases = [
            (
                "sequenceDiagram\n    Note rigth of B: x\n",
                DiagramKind::Sequence,
                Some("right of"),
            ),
            (
                "sequenceDiagram\n    note ovr A,B: x\n",
                DiagramKind::Sequence,
                Some("over"),
            ),
            (
                "stateDiagram-v2\n    note lfet of S1 : x\n",
                DiagramKind::State,
                Some("left of"),
            ),
            // A state note cannot go over its state: no guess.
            (
                "stateDiagram-v2\n    note ovr S1 : x\n",
                DiagramKind::State,
                None,
            ),
            (
                "classDiagram\n    note fro A \"x\"\n",
                DiagramKind::Class,
                Some("for"),
            ),
            // Correct positions, general class notes and far-off words get no hint.
            (
                "sequenceDiagram\n    Note right of B x\n",
                DiagramKind::Sequence,
                None,
            ),
            (
                "classDiagram\n    note \"general\n",
                DiagramKind::Class,
                None,
            ),
            (
                "sequenceDiagram\n    note beside A: x\n",
                DiagramKind::Sequence,
                None,
            ),
        ];
        for (source, kind, position) in cases {
            assert_eq!(
                for_line(source, kind, 2),
                position.map(|position| format!("did you mean `note {position}`?")),
                "{source}"
            );
        }
    }

    #[test]
    fn short_names_and_percent_signs_in_labels_get_no_hint() {
        assert_eq!(
            for_line("sequenceDiagram\n    Bob hello\n", DiagramKind::Sequence, 2),
            None
        );
        assert_eq!(
            for_line(
                "flowchart LR\n    A[50 %% off] --> B[x\n",
                DiagramKind::Flowchart,
                2
            ),
            None
        );
        assert_eq!(
            for_line(
                "sequenceDiagram\n    A->>B: hi %% note\n",
                DiagramKind::Sequence,
                2
            ),
            None
        );
    }

    #[test]
    fn a_comment_after_a_statement_is_named() {
        let hint = for_line(
            "flowchart LR\n    A --> B %% why\n",
            DiagramKind::Flowchart,
            2,
        );
        assert_eq!(
            hint.as_deref(),
            Some("a `%%` comment must be on a line of its own, not after a statement")
        );
        assert_eq!(
            for_line(
                "flowchart LR\n    %% a comment\n",
                DiagramKind::Flowchart,
                2
            ),
            None
        );
    }
}
