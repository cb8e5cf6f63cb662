//! Angle brackets that vanish from a drawn label: `A["List<String>"]` is drawn as "List".
//!
//! Labels are HTML to Mermaid, which passes them through a sanitiser: `<String>` reads as a tag
//! of an element HTML does not know, and the sanitiser drops it, with the text after it when
//! the tag is not closed. The drawing shows less than the author wrote, silently. HTML the
//! sanitiser keeps (`<br>`, `<b>`, `<i>`, `<code>`, …) is what the author meant and is left
//! alone; which tags it keeps is asked of merman's own sanitiser, so the two never disagree.
//! A single capital letter (`Map<K>`, `Result<T>`) is a type parameter, not `<b>` or `<a>`
//! written in capitals, and is reported too.
//!
//! Only the texts merman draws as HTML are read: every label of the diagram types below
//! (Sankey node names included), and the `title` of a Gantt chart, a timeline or a user
//! journey (their other texts are drawn as written, as are a sequence diagram's, a pie
//! chart's, a C4 diagram's and a packet diagram's). Comments, directives, front matter,
//! accessibility texts, `click` and styling lines are not labels. A class diagram's generics
//! written `~T~` are not angle brackets, nor is `<<interface>>`.
//!
//! The way to write `<` that merman draws depends on the diagram type: Mermaid's entity codes
//! `#lt;` and `#gt;` in most, HTML's `&lt;` and `&gt;` where merman reads those instead.

use crate::mermaid::DiagramKind;
use crate::mermaid::source_text::keyword_of;

/// A tag in a label that the drawing drops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DroppedTag {
    /// 1-based line in the diagram body.
    pub(crate) line: usize,
    /// 1-based column (in characters) of its `<`.
    pub(crate) column: usize,
    /// The tag as written, `<String>` (or as much of it as the line holds).
    pub(crate) tag: String,
    /// How to write it so that it is drawn.
    pub(crate) help: String,
}

/// Which lines of a diagram hold labels merman draws as HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Labels {
    /// Every line (but those that are not labels).
    All,
    /// The `title` line only.
    Title,
}

/// How a `<` is written so that merman draws it, in each diagram type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Escape {
    /// Mermaid's entity codes, `#lt;` and `#gt;`.
    EntityCodes,
    /// HTML's entities, `&lt;` and `&gt;` (merman shows `#lt;` as a placeholder there).
    HtmlEntities,
}

fn labels_of(kind: DiagramKind) -> Option<(Labels, Escape)> {
    use DiagramKind as K;
    Some(match kind {
        K::Flowchart
        | K::Mindmap
        | K::GitGraph
        | K::Requirement
        | K::Quadrant
        | K::XyChart
        | K::Sankey => (Labels::All, Escape::EntityCodes),
        K::Class | K::State | K::Er | K::Block | K::Kanban | K::Architecture => {
            (Labels::All, Escape::HtmlEntities)
        }
        K::Gantt | K::Timeline | K::Journey => (Labels::Title, Escape::EntityCodes),
        K::Sequence | K::Pie | K::C4 | K::Packet | K::Other => return None,
    })
}

/// The first dropped tag of each line of `source`, a diagram of type `kind`.
pub(crate) fn dropped_tags(source: &str, kind: DiagramKind) -> Vec<DroppedTag> {
    let Some((labels, escape)) = labels_of(kind) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut skipped = SkippedLines::default();
    for (index, line) in source.lines().enumerate() {
        if skipped.skips(index, line) {
            continue;
        }
        let keyword = keyword_of(line);
        if labels == Labels::Title && keyword != "title" {
            continue;
        }
        if NOT_LABELS.contains(&keyword) {
            continue;
        }
        if let Some((at, tag)) = first_dropped_tag(line) {
            found.push(DroppedTag {
                line: index + 1,
                column: line[..at].chars().count() + 1,
                help: help(kind, escape, tag),
                tag: tag.to_owned(),
            });
        }
    }
    found
}

/// Statements whose text is not a label drawn as HTML.
const NOT_LABELS: &[&str] = &[
    "accTitle",
    "accDescr",
    "click",
    "classDef",
    "style",
    "linkStyle",
    "cssClass",
    "callback",
    "link",
];

/// Front matter, directives and comments: the lines of a diagram that are not statements.
#[derive(Default)]
struct SkippedLines {
    in_front_matter: bool,
    in_directive: bool,
    in_description: bool,
}

impl SkippedLines {
    fn skips(&mut self, index: usize, line: &str) -> bool {
        let trimmed = line.trim();
        if index == 0 && trimmed == "---" {
            self.in_front_matter = true;
            return true;
        }
        if self.in_front_matter {
            self.in_front_matter = trimmed != "---";
            return true;
        }
        if self.in_directive || trimmed.starts_with("%%{") {
            self.in_directive = !trimmed.contains("}%%");
            return true;
        }
        if self.in_description {
            self.in_description = !trimmed.contains('}');
            return true;
        }
        if keyword_of(trimmed) == "accDescr" && trimmed.contains('{') && !trimmed.contains('}') {
            self.in_description = true;
            return true;
        }
        trimmed.starts_with("%%")
    }
}

/// The byte offset and text of the first tag of `line` the sanitiser drops.
fn first_dropped_tag(line: &str) -> Option<(usize, &str)> {
    let bytes = line.as_bytes();
    let mut at = 0;
    while let Some(offset) = line[at..].find('<') {
        let start = at + offset;
        at = start + 1;
        // `<<interface>>`, `<<fork>>`: an annotation, not a tag.
        if start > 0 && bytes[start - 1] == b'<' {
            continue;
        }
        let name_start = start + 1 + usize::from(bytes.get(start + 1) == Some(&b'/'));
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = name_start
            + line[name_start..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(line.len() - name_start);
        let name = &line[name_start..name_end];
        let closing = name_start > start + 1;
        if is_kept(name) || (closing || closed_after(line, name_end, name)) && is_kept_as_html(name)
        {
            continue;
        }
        let end = line[name_end..]
            .find('>')
            .map_or(name_end, |gt| name_end + gt + 1);
        return Some((start, &line[start..end]));
    }
    None
}

/// Whether merman's sanitiser keeps a tag of this name: an element of HTML, SVG or MathML,
/// unless it is a single capital letter (`T`, `K`, `A`), which is a type parameter: `List<A>`
/// is drawn as "List" (an empty link). Such a letter is formatting only when it is closed
/// (`<B>bold</B>`: see [`closed_after`]).
fn is_kept(name: &str) -> bool {
    let type_parameter = name.len() == 1 && name.bytes().all(|b| b.is_ascii_uppercase());
    !type_parameter && is_kept_as_html(name)
}

/// Whether the sanitiser keeps an element of this name, whatever its case.
fn is_kept_as_html(name: &str) -> bool {
    let probe = format!("<{name}>");
    !merman_core::sanitize::remove_script(&probe).is_empty()
}

/// Whether `</name>` (any case) follows `from` on `line`: the tag opened before `from` is
/// formatting that is closed, not a type parameter.
fn closed_after(line: &str, from: usize, name: &str) -> bool {
    let closing = format!("</{}>", name.to_ascii_lowercase());
    line[from..].to_ascii_lowercase().contains(&closing)
}

/// How to write `tag` so that the drawing shows it.
fn help(kind: DiagramKind, escape: Escape, tag: &str) -> String {
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    let closes = tag.ends_with('>');
    let written = |lt: &str, gt: &str| format!("`{lt}{inner}{}`", if closes { gt } else { "" });
    match (kind, escape) {
        (DiagramKind::Class, _) => format!(
            "write a generic type with tildes, `~{}~`, or the brackets as {} (HTML entities)",
            inner.trim_start_matches('/'),
            written("&lt;", "&gt;")
        ),
        (DiagramKind::State, _) => format!(
            "write the brackets as {} (HTML entities) in a state's description (`state \"…\" as \
             ID`); in a transition's label, where `;` ends the statement, reword without them",
            written("&lt;", "&gt;")
        ),
        (_, Escape::EntityCodes) => format!(
            "write the brackets as Mermaid's entity codes, {}",
            written("#lt;", "#gt;")
        ),
        (_, Escape::HtmlEntities) => format!(
            "write the brackets as HTML entities, {}",
            written("&lt;", "&gt;")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(source: &str, kind: DiagramKind) -> Vec<(usize, usize, String)> {
        dropped_tags(source, kind)
            .into_iter()
            .map(|t| (t.line, t.column, t.tag))
            .collect()
    }

    #[test]
    fn an_unknown_tag_in_a_label_is_dropped_text() {
        let source = "flowchart LR\n  A[\"List<String>\"] --> B\n  B -->|Vec<u8>| C\n";
        assert_eq!(
            tags(source, DiagramKind::Flowchart),
            [(2, 10, "<String>".to_owned()), (3, 12, "<u8>".to_owned())]
        );
        let found = dropped_tags(source, DiagramKind::Flowchart);
        assert!(
            found[0].help.contains("`#lt;String#gt;`"),
            "{}",
            found[0].help
        );
    }

    #[test]
    fn html_that_mermaid_keeps_is_not_reported() {
        let source = "flowchart LR\n  A[\"a<br>b <b>bold</b> <i>it</i> <code>x</code><br/>\"] --> B\n  C[\"x < y, a<5, a <= b\"]\n";
        assert!(tags(source, DiagramKind::Flowchart).is_empty());
    }

    #[test]
    fn arrows_annotations_and_generics_are_not_tags() {
        let class = "classDiagram\n  class Repo~T~ {\n    <<interface>>\n    +find() List~T~\n  }\n  Animal <|-- Dog\n  A <.. B\n";
        assert!(tags(class, DiagramKind::Class).is_empty());
        let flow = "flowchart LR\n  A <--> B\n  A <-.-> C\n  C <==> D\n";
        assert!(tags(flow, DiagramKind::Flowchart).is_empty());
        let state = "stateDiagram-v2\n  state fork1 <<fork>>\n  [*] --> fork1\n";
        assert!(tags(state, DiagramKind::State).is_empty());
    }

    #[test]
    fn a_single_capital_letter_is_a_type_parameter() {
        let source = "classDiagram\n  Repo : +find() Map<K, List<V>>\n";
        let found = dropped_tags(source, DiagramKind::Class);
        assert_eq!(found.len(), 1, "one finding a line");
        assert_eq!(
            (found[0].column, found[0].tag.as_str()),
            (21, "<K, List<V>")
        );
        assert!(found[0].help.contains("~K"), "{}", found[0].help);
    }

    #[test]
    fn a_closed_capital_letter_tag_is_formatting() {
        let source = "flowchart LR\n  A[\"<B>bold</B>\"] --> B[\"<I>it</I>\"]\n  D[\"<U>und</U> <S>str</S>\"]\n";
        assert!(tags(source, DiagramKind::Flowchart).is_empty());
        let source = "flowchart LR\n  A[\"Pair<A>\"] --> B[\"List<T> and </T>\"]\n";
        assert_eq!(
            tags(source, DiagramKind::Flowchart),
            [(2, 10, "<A>".to_owned())],
            "an unclosed anchor letter is a type parameter; one finding a line"
        );
    }

    #[test]
    fn a_sankey_node_name_is_a_label() {
        let sankey = "sankey-beta\n  Queue<Job>,Worker,5\n";
        let found = dropped_tags(sankey, DiagramKind::Sankey);
        assert_eq!((found[0].line, found[0].column), (2, 8));
        assert!(found[0].help.contains("`#lt;Job#gt;`"), "{}", found[0].help);
    }

    #[test]
    fn comments_directives_and_texts_drawn_as_written_are_not_read() {
        let source = "---\ntitle: Map<K>\n---\n%%{init: {\"x\": \"<T>\"}}%%\nflowchart LR\n  %% List<String>\n  accTitle: List<String>\n  click A \"#a\" \"List<String>\"\n  A --> B\n";
        assert!(tags(source, DiagramKind::Flowchart).is_empty());
        let sankey = "sankey-beta\n  Queue<Job>,Worker,5\n";
        assert_eq!(
            tags(sankey, DiagramKind::Sankey),
            [(2, 8, "<Job>".to_owned())]
        );
        let sequence = "sequenceDiagram\n  A->>B: List<String>\n";
        assert!(tags(sequence, DiagramKind::Sequence).is_empty());
        let gantt = "gantt\n  title Plan<P>\n  section Sec<Q>\n    Task<R> :a1, 2024-01-01, 3d\n";
        assert_eq!(tags(gantt, DiagramKind::Gantt), [(2, 13, "<P>".to_owned())]);
    }
}
