//! A Mermaid block on the page: the drawn diagram with its source beside it, or the source alone.
//!
//! A valid diagram becomes a `<figure>` holding the renderer's inline SVG and a "Show source"
//! disclosure (plain `<details>`, no script). A diagram that failed validation is shown as its
//! source with the problem in the caption (the `mermaid-syntax` finding is reported by the
//! checks, not here). A valid diagram the renderer cannot draw is shown the same way and gives
//! a `mermaid-render` warning.
//!
//! Nodes with `%% details NODE: text` lines get their details listed under the drawing
//! ([`super::diagram_details`]), and the links of its nodes (`click`) are rewritten like the
//! page's other links ([`super::diagram_links`]).
//!
//! The drawing is named for assistive technology by the diagram itself: its `accTitle` and
//! `accDescr`, or else a summary of its kind and main labels
//! ([`DiagramInfo::accessible_name`](crate::mermaid::DiagramInfo::accessible_name)), never by
//! the heading around it (which a screen reader announces anyway).

use crate::diagnostic::{Diagnostic, RuleId};
use crate::highlight::escape;
use crate::markdown::html::{DiagramRequest, HtmlOptions, blocks};
use crate::markdown::{CodeBlock, Document};
use crate::mermaid::Problem;
use crate::mermaid::blocks::find;

/// One Mermaid block and where it sits.
#[derive(Debug, Clone, Copy)]
pub struct Diagram<'a, 's> {
    /// The document it belongs to.
    pub doc: &'a Document<'s>,
    /// The block.
    pub block: &'a CodeBlock<'s>,
    /// Its index in [`Document::code_blocks`].
    pub position: usize,
    /// Its id on the page.
    pub id: &'a str,
}

/// The HTML of a Mermaid block; a diagram that cannot be drawn adds a warning.
pub fn figure(
    diagram: &Diagram<'_, '_>,
    options: &HtmlOptions<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    let code = &diagram.block.code;
    let info = match find(options.diagram_checks, diagram.position).map(|c| &c.result) {
        Some(Err(error)) => {
            let place = error.line.map_or(String::new(), |line| {
                format!(" on line {line} of the diagram")
            });
            let caption = match error.problem {
                Problem::Undrawable => format!(
                    "This diagram could not be drawn{place}: {}. It is shown as source.",
                    error.message
                ),
                Problem::Invalid | Problem::OverLimit => format!(
                    "This diagram is not valid Mermaid{place}: {}. It is shown as source.",
                    error.message
                ),
            };
            return source_figure(code, &caption, true);
        }
        Some(Ok(info)) => Some(info),
        None => None,
    };
    let Some(renderer) = options.diagrams else {
        return source_figure(code, "Mermaid diagram, shown as source", false);
    };
    let name = info.map(|i| i.accessible_name());
    let request = DiagramRequest {
        source: code,
        diagram_id: diagram.id,
        title: name.as_deref(),
        description: info.and_then(|i| i.acc_descr.as_deref()),
    };
    match renderer.render_svg(&request) {
        Ok(svg) => {
            let svg = super::diagram_links::rewritten(svg, options.rewrite_link);
            let details = super::diagram_details::parse(code);
            let (svg, details) = super::diagram_details::apply(svg, diagram.id, &details);
            format!(
                "<figure class=\"diagram\">\n<div class=\"diagram-svg\"{}>{svg}</div>\n{details}<details class=\"diagram-code\"><summary>Show source</summary>\n<pre tabindex=\"0\"><code class=\"language-mermaid\">{}</code></pre>\n</details>\n</figure>\n",
                super::diagram_size::frame_style(&svg).unwrap_or_default(),
                escape(code),
            )
        }
        Err(reason) => {
            diagnostics.push(cannot_render(diagram.doc, diagram.block, &reason));
            let caption =
                format!("This diagram could not be drawn ({reason}); it is shown as source.");
            source_figure(code, &caption, true)
        }
    }
}

/// The source in a marked block, with a caption saying why.
fn source_figure(code: &str, caption: &str, problem: bool) -> String {
    let class = if problem {
        "diagram diagram-source diagram-problem"
    } else {
        "diagram diagram-source"
    };
    format!(
        "<figure class=\"{class}\">\n<pre tabindex=\"0\"><code class=\"language-mermaid\">{}</code></pre>\n<figcaption>{}</figcaption>\n</figure>\n",
        escape(code),
        escape(caption)
    )
}

/// `mermaid-render`: a valid diagram that could not be drawn.
fn cannot_render(doc: &Document<'_>, block: &CodeBlock, reason: &str) -> Diagnostic {
    Diagnostic::new(
        RuleId::MermaidRender,
        &doc.source.rel_path,
        blocks::fence_line(doc, block),
        format!("this Mermaid diagram could not be drawn: {reason}"),
    )
    .label("the page shows this diagram as source")
    .help("simplify the diagram (fewer nodes or edges), or report the diagram if it draws in mermaid.js")
}
