//! Mermaid diagrams: validation for `episode lint` and build-time SVG rendering.
//!
//! This module owns everything the tool knows about Mermaid. The rest of the code base hands it
//! the body of a ```` ```mermaid ```` fence (the line after the opening fence is line 1) and gets
//! back either facts about the diagram ([`DiagramInfo`]), a positioned, author-readable syntax
//! error ([`MermaidError`]), or a finished inline `<svg>` string. No browser, no Node.js and no
//! network are involved: parsing is done by `merman-core`, layout and SVG by `merman`.
//!
//! # What the rendered SVG guarantees
//!
//! * **Responsive.** The root `<svg>` has no fixed `width`/`height`; it keeps its `viewBox` and
//!   carries `width="100%"` and `style="max-width: <natural width>px;"`.
//! * **Accessible.** `role="img"` plus `aria-labelledby` naming a `<title>` and (when there is a
//!   description) a `<desc>` placed first inside the SVG. The title is, in order of preference,
//!   [`RenderOptions::title`], the diagram's own `accTitle`, or the diagram kind ("Flowchart").
//!   The description is [`RenderOptions::description`] or the diagram's `accDescr`.
//! * **Unique ids.** Every `id` starts with the sanitised [`RenderOptions::diagram_id`] followed
//!   by `-` or `_` (the root `<svg>` carries the id itself), and every `url(#…)`, `href="#…"` and
//!   ARIA id reference is rewritten to match, so several diagrams can share one page.
//! * **Self-contained and inert.** No `<script>` (nor `iframe`, `object`, `embed`, `link`,
//!   `meta`, `base`), no `on…` event attributes, no `href`/`src` with a scheme or a
//!   protocol-relative `//` (so no `javascript:` or `data:`), no CSS `@import` and no CSS
//!   `url()` other than `url(#local-id)`. The one exception is a node's link (Mermaid's
//!   `click A "https://…"`): an `http:`/`https:` `href` on an `<a>` outside the labels is kept,
//!   since following a link is the reader's choice, never a load; relative links
//!   (`click A "../other-page.html"`) and `#anchors` are kept too, and a diagram with links is a
//!   named `role="group"` instead of an image, so its links can be reached. Apart from such
//!   links, the only `http://` strings left are XML namespace names (`xmlns`). Fonts are
//!   named (`"trebuchet ms", verdana, arial, sans-serif`), never downloaded; label sizes are
//!   measured with merman's deterministic metrics for that stack.
//! * **Deterministic.** The same source and options give byte-identical output (Gantt "today" is
//!   pinned by merman's deterministic runtime policy).
//! * **Readable where merman's drawing is not.** Gantt axis dates never run into each other,
//!   bars are tinted and task labels sit inside a bar only when they fit; sequence `autonumber`
//!   digits contrast with their circles in both colour schemes; state diagram edge labels have
//!   an opaque background, notes are sized to their text, and every label lies inside the
//!   viewBox. Fits are judged with a generous estimate of text width (Arial's metrics plus a
//!   margin), not merman's narrower metrics.
//! * **Never clipped.** Every `<foreignObject>` gets `overflow: visible`, so a reader whose
//!   fallback font is wider than the measured one sees a label spill slightly past its box rather
//!   than lose letters.
//!
//! Node labels are HTML inside `<foreignObject>` (as in Mermaid itself), so the SVG must be inlined
//! in an HTML page, not used through `<img src>`.
//!
//! # Colours follow the site theme
//!
//! Diagrams are rendered with a light palette whose colours are all distinct; each colour of that
//! palette is then rewritten, wherever it appears (the `<style>` block, `style` attributes and
//! `fill`/`stroke`/… attributes), to `var(--mermaid-…, <light colour>)`. Without site CSS the
//! diagram looks exactly like the light palette; the site defines the properties below, on
//! `:root` for light mode and again inside its dark-mode rule, to switch every diagram at once.
//! A translucent use of a palette colour becomes
//! `color-mix(in srgb, var(--mermaid-…, <colour>) <alpha>%, transparent)`.
//!
//! | custom property            | light (default) | suggested dark | used for |
//! |----------------------------|-----------------|----------------|----------|
//! | `--mermaid-canvas`         | `#ffffff` | `#0f172a` | background, edge-label background, white |
//! | `--mermaid-surface`        | `#f8fafc` | `#111827` | node / actor / state / entity fill |
//! | `--mermaid-surface-alt`    | `#e2e8f0` | `#1f2937` | secondary fills, activations, done tasks |
//! | `--mermaid-surface-muted`  | `#f1f5f9` | `#1e293b` | subgraph / cluster fill, gantt sections |
//! | `--mermaid-text`           | `#0f172a` | `#e5e7eb` | labels and titles |
//! | `--mermaid-text-subtle`    | `#475569` | `#cbd5e1` | secondary text, legends, axes |
//! | `--mermaid-border`         | `#94a3b8` | `#64748b` | node and actor borders |
//! | `--mermaid-line`           | `#64748b` | `#94a3b8` | edges, messages, arrowheads |
//! | `--mermaid-cluster-border` | `#cbd5e1` | `#475569` | subgraph / cluster border |
//! | `--mermaid-note-fill`      | `#fff7ed` | `#422006` | notes |
//! | `--mermaid-note-border`    | `#fdba74` | `#f59e0b` | note borders |
//! | `--mermaid-note-text`      | `#7c2d12` | `#fef3c7` | note text |
//! | `--mermaid-error`          | `#dc2626` | `#f87171` | critical tasks, error marks |
//! | `--mermaid-warning`        | `#d97706` | `#fbbf24` | today line, warnings |
//! | `--mermaid-success`        | `#15803d` | `#34d399` | done-task borders |
//! | `--mermaid-ink`            | `#000000` | `#e5e7eb` | colours merman hard-codes as black (some markers, axis ticks) |
//! | `--mermaid-series-1` … `--mermaid-series-12` | `#2563eb` `#059669` `#ea580c` `#7c3aed` `#0891b2` `#be123c` `#a16207` `#65a30d` `#db2777` `#4f46e5` `#0d9488` `#9333ea` | `#60a5fa` `#34d399` `#fb923c` `#c084fc` `#22d3ee` `#fb7185` `#facc15` `#a3e635` `#f472b6` `#818cf8` `#2dd4bf` `#d8b4fe` | pie slices, git branches, mind-map and timeline sections, chart series |
//!
//! [`theme_properties`] returns the same list for generating the site stylesheet.
//!
//! A few colours merman hard-codes (light greys such as `#eaeaea` behind sequence actors, which
//! the stylesheet overrides anyway, and drop-shadow tints) are left as they are.
//!
//! Colours an author sets with `style`/`classDef` (merman emits them as `!important`) are kept as
//! written, and so is black or white there (`color:#fff` on a red node stays white). A node the
//! author filled without choosing a text colour gets its label pinned to the light-mode text
//! colour (`#0f172a`), or to white on a fill dark enough that white reads better, because its
//! fill does not change in dark mode either. Diagrams cannot replace the
//! palette: `theme`, `themeVariables`, `darkMode` and `themeCSS` are locked against
//! `%%{init: …}%%` directives and front matter.
//!
//! # Errors
//!
//! Lines are 1-based within the fence body. Trailing whitespace is stripped from every line before
//! parsing (it never matters to Mermaid, but merman rejects e.g. `subgraph "AZ-2"  `); this keeps
//! line numbers. Where merman gives no position, the line is recovered from the message when it
//! quotes the offending statement or names it (an unknown shape, a participant, a timeline
//! event, a Gantt task id; see `statement_positions`), with its column where it is known;
//! errors reported at the end of input point at the last non-blank line. Parser token names
//! are rewritten into words ("end of line", "arrow").
//!
//! Besides syntax errors, validation rejects what would not render: a diagram that is only its
//! header, a sequence diagram without participants, and `$$…$$` math labels (merman's `math`
//! feature is not compiled in). A diagram over a size or nesting limit (20 KB, 500 statements,
//! 500 arrows, 20 levels of nesting) is rejected before merman sees it, at the line where it
//! crosses the limit, because such input can take merman gigabytes and seconds (see `limits`).
//! Valid diagrams known not to draw (see `undrawable`) are reported the same way, as
//! [`Problem::Undrawable`] (a warning, not an error), and a drawing with a coordinate that is
//! not a number (`NaN`, `Infinity`) is refused as a [`RenderError::Layout`], never returned.
//! [`MermaidEngine::render`] reports every problem that
//! [`MermaidEngine::validate`] would, as [`RenderError::Syntax`].
//!
//! A valid diagram can still say more than its drawing shows: [`not_drawn`] names, for lint,
//! label text the sanitiser drops (`A["List<String>"]` is drawn as "List"), `%%{init: …}%%`
//! settings that are locked (above), and timeline periods before the first `section`.
//!
//! # Threads and panics
//!
//! [`MermaidEngine`] is `Send + Sync`, configured by the first call that parses or draws a
//! diagram and immutable after that; build it once and share it across rayon workers. Every call into merman runs under
//! [`std::panic::catch_unwind`], so odd input turns into an error instead of aborting the build
//! (the binary's panic hook, `crash`, prints nothing for a panic caught here).
//!
//! # Around the engine
//!
//! [`blocks`] validates every diagram of the course once (the pipeline hands it the sources and
//! keeps the results) and [`cache`] keeps finished SVG on disk by content hash. This module
//! knows nothing of Markdown: `markdown` uses its results, and the build's diagram renderer
//! (`render::diagrams`) drives the engine for the HTML writer.

mod accessible_name;
mod arrows;
pub mod blocks;
pub mod cache;
mod css_color;
mod engine;
mod er_attributes;
mod errors;
mod flowchart_slips;
mod hints;
mod init_locked;
mod kind;
mod label_error;
mod label_markup;
mod label_tags;
mod limits;
mod message_lines;
mod model_info;
mod nesting;
mod not_drawn;
mod quadrant;
#[cfg(test)]
mod render_tests;
mod semantics;
mod source_text;
mod statement_positions;
mod svg_rewrite;
mod theme;
mod timeline_periods;
mod type_names;
mod undrawable;

use std::fmt;

pub use engine::MermaidEngine;
pub use kind::DiagramKind;
pub use not_drawn::{NotDrawn, not_drawn};

/// What validation learned about one diagram.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DiagramInfo {
    /// The diagram family.
    pub kind: DiagramKind,
    /// Node, participant, subgraph, actor, class, state, entity, task or slice labels as plain text
    /// (HTML, icons and Markdown emphasis stripped, `<br>` as a space), in source order without
    /// duplicates; for the accessible name.
    pub labels: Vec<String>,
    /// The diagram's `accTitle`, if it has one.
    pub acc_title: Option<String>,
    /// The diagram's `accDescr`, if it has one.
    pub acc_descr: Option<String>,
}

/// The version of what validation reports beyond merman's own parse: the wording and position
/// of its errors and the facts it reads from a diagram. Part of the validation cache's key
/// ([`cache::check_hash`]); bump it with any such change, so that no build shows a result an
/// older one stored.
pub(crate) const VALIDATION_VERSION: u32 = 14;

/// A syntax error, positioned within the diagram source (1-based line in the diagram body, i.e.
/// the line after the opening fence is line 1).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MermaidError {
    /// 1-based line in the diagram body, when the parser or the message tells it.
    pub line: Option<usize>,
    /// 1-based column (in characters) on that line, when known.
    pub column: Option<usize>,
    /// What is wrong, in an author's words: "unexpected `->` after `B`; expected an arrow".
    pub message: String,
    /// Whether the diagram is wrong, or only not drawn.
    pub problem: Problem,
}

/// What a [`MermaidError`] says of its diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Problem {
    /// Not valid Mermaid: Mermaid itself rejects it, or draws it wrongly.
    Invalid,
    /// Over one of the size limits ([`limits`]): not checked nor drawn, not found wrong.
    OverLimit,
    /// Valid Mermaid that cannot be drawn here (merman's layout refuses it, or would draw
    /// it with coordinates that are not numbers): not found wrong, but not drawn.
    Undrawable,
}

impl fmt::Display for MermaidError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "line {line}, column {column}: {}", self.message)
            }
            (Some(line), None) => write!(f, "line {line}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for MermaidError {}

/// Why a diagram could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    /// The source is not valid Mermaid; the same error [`MermaidEngine::validate`] reports.
    #[error(transparent)]
    Syntax(#[from] MermaidError),
    /// The source parsed but layout or SVG generation failed (for example a resource limit).
    #[error("could not lay out the diagram: {0}")]
    Layout(String),
}

/// Per-diagram rendering options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions<'a> {
    /// Unique per page, e.g. `"episode-3-diagram-2"`; becomes the root `id` and the prefix of
    /// every other id in the SVG. Sanitised to `[A-Za-z0-9_-]`, starting with a letter.
    pub diagram_id: &'a str,
    /// Accessible name (`<title>`): the diagram's `accTitle` or a summary of it
    /// ([`DiagramInfo::accessible_name`]).
    pub title: Option<&'a str>,
    /// Accessible description (`<desc>`): the diagram's `accDescr`, if any.
    pub description: Option<&'a str>,
}

#[cfg(test)]
impl<'a> RenderOptions<'a> {
    /// Options with the given diagram id and no title or description of the caller's own.
    pub fn new(diagram_id: &'a str) -> Self {
        Self {
            diagram_id,
            title: None,
            description: None,
        }
    }
}

/// Every custom property with its light and suggested dark value, for the site stylesheet:
/// `:root { --mermaid-canvas: #ffffff; … }` and the same names with the dark values.
pub fn theme_properties() -> Vec<(&'static str, &'static str, &'static str)> {
    theme::all_colors()
        .map(|entry| (entry.property, entry.light, entry.dark))
        .collect()
}
