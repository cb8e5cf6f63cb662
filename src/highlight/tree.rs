//! Rendering with tree-sitter: parse, walk the highlight events, write classed spans.
//!
//! The configurations are shared; the tree-sitter highlighter (a parser and query cursors) is
//! kept per thread and reused, since building one per block costs more than the small blocks.
//! Every tree-sitter span sits inside one `hl-ts` span, so the syntect stylesheet, whose
//! classes are named after scope atoms (`hl-keyword`, `hl-string`, ...), never decides the
//! colour of tree-sitter output, and the tree-sitter rules never touch syntect output.

use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::AtomicUsize;

use tree_sitter_highlight::{HighlightConfiguration, HighlightEvent};

use super::escape_into;
use super::grammars::Grammars;

/// The class of the span around every tree-sitter highlighted block.
pub const WRAPPER: &str = "hl-ts";

thread_local! {
    static HIGHLIGHTER: RefCell<tree_sitter_highlight::Highlighter> =
        RefCell::new(tree_sitter_highlight::Highlighter::new());
}

/// Highlights `code` with `config`, chosen for it ([`Grammars::config_for`]), and the
/// configurations of `grammars` for what it injects; `None` on any failure (the caller falls
/// back), and when `cancel` was raised before the end (the parser and the event loop both
/// read it).
pub fn highlight(
    grammars: &Grammars,
    config: &HighlightConfiguration,
    classes: &[String],
    code: &str,
    cancel: Option<&AtomicUsize>,
) -> Option<String> {
    let rendered = catch_unwind(AssertUnwindSafe(|| {
        HIGHLIGHTER.with(|cell| {
            let mut highlighter = cell.try_borrow_mut().ok()?;
            render(&mut highlighter, grammars, config, classes, code, cancel)
        })
    }));
    let rendered = rendered.ok().flatten();
    if rendered.is_none() {
        // A panic or a cancelled parse leaves the parser half-way through (a parser resumes
        // a cancelled parse on its next call): start the next block afresh.
        HIGHLIGHTER.with(|cell| {
            if let Ok(mut highlighter) = cell.try_borrow_mut() {
                *highlighter = tree_sitter_highlight::Highlighter::new();
            }
        });
    }
    rendered
}

/// Walks the highlight events of `code` into HTML.
pub(super) fn render(
    highlighter: &mut tree_sitter_highlight::Highlighter,
    grammars: &Grammars,
    config: &HighlightConfiguration,
    classes: &[String],
    code: &str,
    cancel: Option<&AtomicUsize>,
) -> Option<String> {
    let injection = |name: &str| {
        super::tagged::grammar_named(name).and_then(|grammar| grammars.injecting(grammar))
    };
    let events = highlighter
        .highlight(config, code.as_bytes(), None, cancel, injection)
        .ok()?;
    let mut html = String::with_capacity(code.len() * 3);
    open_span(&mut html, WRAPPER);
    for event in events {
        match event.ok()? {
            HighlightEvent::Source { start, end } => escape_into(&mut html, code.get(start..end)?),
            HighlightEvent::HighlightStart(highlight) => {
                open_span(&mut html, classes.get(highlight.0)?);
            }
            HighlightEvent::HighlightEnd => html.push_str(SPAN_END),
        }
    }
    html.push_str(SPAN_END);
    Some(html)
}

/// Closes a span [`open_span`] opened.
pub(super) const SPAN_END: &str = "</span>";

/// Opens a span of class `class` (the block's [`WRAPPER`], or a capture's class).
pub(super) fn open_span(html: &mut String, class: &str) {
    html.push_str("<span class=\"");
    html.push_str(class);
    html.push_str("\">");
}
