//! The blocks the site renders its own way: highlighted code and metric cards.

use crate::diagnostic::{Diagnostic, RuleId};
use crate::highlight::escape;
use crate::markdown::metrics_fence::MetricsFence;
use crate::markdown::{CodeBlock, Document};

/// A code block: language label, copy button, highlighted code.
pub fn code(lang: Option<&str>, inner_html: &str) -> String {
    titled_code(lang, None, inner_html)
}

/// A code block with its caption (a fence's `title="app.py"`) before its language label.
pub(crate) fn titled_code(lang: Option<&str>, title: Option<&str>, inner_html: &str) -> String {
    let (mut label, class) = match lang {
        Some(lang) => (
            format!("<span class=\"code-lang\">{}</span>", escape(lang)),
            format!(" class=\"language-{}\"", escape(lang)),
        ),
        None => (String::new(), String::new()),
    };
    if let Some(title) = title {
        label = format!("<span class=\"code-title\">{}</span>{label}", escape(title));
    }
    format!(
        "<div class=\"codeblock\">\n<div class=\"code-head\">{label}<button type=\"button\" class=\"copy\" aria-label=\"Copy code to clipboard\">Copy</button></div>\n<pre class=\"hl-code\" tabindex=\"0\"><code{class}>{inner_html}</code></pre>\n</div>\n"
    )
}

/// A ```` ```metrics ```` block as cards, from the fence the parse stage read; a fence that
/// could not be read is shown as source (the `metrics-fence` finding comes from the parse stage).
pub fn metrics(block: &CodeBlock, fence: Option<&MetricsFence>) -> String {
    match fence {
        Some(fence) => metric_cards(fence),
        None => format!(
            "<div class=\"codeblock metrics-invalid\">\n<div class=\"code-head\"><span class=\"code-lang\">metrics (not readable)</span></div>\n<pre class=\"hl-code\" tabindex=\"0\"><code>{}</code></pre>\n</div>\n",
            escape(&block.code)
        ),
    }
}

fn metric_cards(fence: &MetricsFence) -> String {
    let mut html = String::from("<section class=\"metrics\"");
    if let Some(title) = &fence.title {
        html.push_str(&format!(
            " aria-label=\"{t}\">\n<p class=\"metrics-title\">{t}</p>\n",
            t = escape(title)
        ));
    } else {
        html.push_str(" aria-label=\"Metrics\">\n");
    }
    html.push_str("<dl class=\"metric-grid\">\n");
    for item in &fence.items {
        let unit = item.unit.as_deref().map_or(String::new(), |u| {
            format!("<span class=\"metric-unit\">{}</span>", escape(u))
        });
        let note = item.note.as_deref().map_or(String::new(), |n| {
            format!("<dd class=\"metric-note\">{}</dd>", escape(n))
        });
        html.push_str(&format!(
            "<div class=\"metric\"><dt>{}</dt><dd class=\"metric-value\">{}{unit}</dd>{note}</div>\n",
            escape(&item.label),
            escape(&item.value_text())
        ));
    }
    html.push_str("</dl>\n");
    html.push_str(&source_and_end(fence));
    html
}

/// The end of a metrics block's section: its "Source:" line, when the fence gives one, and
/// the closing tag. Cards and charts end alike.
pub(crate) fn source_and_end(fence: &MetricsFence) -> String {
    let source = fence.source.as_deref().map_or(String::new(), |source| {
        format!(
            "<p class=\"metrics-source\">Source: {}</p>\n",
            escape(source)
        )
    });
    format!("{source}</section>\n")
}

/// The opening fence line of a block, as a span.
pub(crate) fn fence_line(doc: &Document<'_>, block: &CodeBlock) -> std::ops::Range<usize> {
    doc.source.line_span(block.span.start)
}

/// `highlight-skipped`: a block shown as plain text because highlighting it would cost more
/// than its size allows, or because it is larger than any block highlighted; pointing at the
/// fence.
pub fn highlight_skipped(doc: &Document<'_>, block: &CodeBlock, lang: &str) -> Diagnostic {
    if block.code.len() > crate::highlight::MAX_BYTES {
        return Diagnostic::new(
            RuleId::HighlightSkipped,
            &doc.source.rel_path,
            fence_line(doc, block),
            format!(
                "this `{lang}` block is larger than {} KiB, so it is not highlighted; it is shown as plain text",
                crate::highlight::MAX_BYTES / 1024
            ),
        )
        .label("not highlighted")
        .help("a sample this large is rarely read whole; split it or link to the full source");
    }
    Diagnostic::new(
        RuleId::HighlightSkipped,
        &doc.source.rel_path,
        fence_line(doc, block),
        format!(
            "this `{lang}` block could not be highlighted within its time budget; it is shown as plain text"
        ),
    )
    .label("the grammar cannot make sense of this code")
    .help("check that the info string names the block's language, split the block, or mark it `text`")
    .help(ONLY_BUILD)
}

/// Why `episode lint` does not report a block that ran out of time: only highlighting it finds
/// that out.
pub(crate) const ONLY_BUILD: &str =
    "only `episode build` highlights code and finds this; `episode lint` does not report it";
