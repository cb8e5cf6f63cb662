//! What a valid diagram says that its drawing leaves out, for `episode lint` to name: angle
//! brackets a label loses (`label_tags`), `%%{init: …}%%` settings that are not applied
//! (`init_locked`) and timeline periods before the first section (`timeline_periods`).
//!
//! Each is found on the diagram's source alone, in one pass over its lines; none stops the
//! diagram from being drawn.

use crate::mermaid::{DiagramKind, init_locked, label_tags, timeline_periods};

/// One thing the drawing leaves out, positioned within the diagram body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotDrawn {
    /// 1-based line in the diagram body.
    pub line: usize,
    /// 1-based column (in characters) on that line.
    pub column: usize,
    /// How many characters from there the finding covers.
    pub width: usize,
    /// What is left out, in an author's words.
    pub message: String,
    /// What the span shows.
    pub label: &'static str,
    /// What to do about it.
    pub help: String,
    /// Whether it is only worth knowing (settings the site overrides on purpose), rather than
    /// text or content the reader does not see.
    pub is_note: bool,
}

/// What the drawing of `source`, a valid diagram of type `kind`, leaves out, in source order.
pub fn not_drawn(source: &str, kind: DiagramKind) -> Vec<NotDrawn> {
    let mut found: Vec<NotDrawn> = label_tags::dropped_tags(source, kind)
        .into_iter()
        .map(|tag| NotDrawn {
            line: tag.line,
            column: tag.column,
            width: tag.tag.chars().count(),
            message: format!(
                "`{}` is read as an HTML tag and left out of the drawn label",
                tag.tag
            ),
            label: "the drawing does not show this",
            help: tag.help,
            is_note: false,
        })
        .collect();
    found.extend(
        init_locked::locked_settings(source)
            .into_iter()
            .map(|locked| {
                let mut keys: Vec<String> =
                    locked.keys.iter().map(|key| format!("`{key}`")).collect();
                let named = match keys.pop() {
                    Some(last) if !keys.is_empty() => format!("{} and {last}", keys.join(", ")),
                    Some(last) => last,
                    None => String::new(),
                };
                NotDrawn {
            line: locked.line,
            column: locked.column,
            width: locked.width,
            message: format!(
                "{named} in this `%%{{init: …}}%%` directive {} not applied",
                if locked.keys.len() == 1 { "is" } else { "are" }
            ),
            label: "not applied to the drawing",
            help: "every diagram of the site follows its light and dark theme and is drawn with \
                   the same safe settings; other settings (`flowchart`, `sequence`, …) apply"
                .to_owned(),
            is_note: true,
        }
            }),
    );
    if kind == DiagramKind::Timeline
        && let Some(left_out) = timeline_periods::periods_left_out(source)
    {
        found.push(NotDrawn {
            line: left_out.line,
            column: left_out.column,
            width: 0,
            message: match left_out.count {
                1 => "this period, before the timeline's first `section`, is not drawn".to_owned(),
                n => format!(
                    "this period and {} more before the timeline's first `section` are not drawn",
                    n - 1
                ),
            },
            label: "left out of the drawing",
            help: "put the periods under a `section` of their own, or remove the sections (a \
                   timeline without sections draws every period)"
                .to_owned(),
            is_note: false,
        });
    }
    found.sort_by_key(|n| (n.line, n.column));
    found
}
