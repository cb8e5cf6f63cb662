//! The blocks the site renders its own way: highlighted code and metric cards.

use crate::diagnostic::{Diagnostic, Severity};
use crate::highlight::escape;
use crate::markdown::metrics::{self, MetricsFence};
use crate::markdown::{CodeBlock, Document};

/// A code block: language label, copy button, highlighted code.
pub fn code(lang: Option<&str>, inner_html: &str) -> String {
    let (label, class) = match lang {
        Some(lang) => (
            format!("<span class=\"code-lang\">{}</span>", escape(lang)),
            format!(" class=\"language-{}\"", escape(lang)),
        ),
        None => (String::new(), String::new()),
    };
    format!(
        "<div class=\"codeblock\">\n<div class=\"code-head\">{label}<button type=\"button\" class=\"copy\" aria-label=\"Copy code to clipboard\">Copy</button></div>\n<pre class=\"hl-code\"><code{class}>{inner_html}</code></pre>\n</div>\n"
    )
}

/// A ```` ```metrics ```` block as cards; unreadable YAML is shown as source with a warning.
pub fn metrics(doc: &Document<'_>, block: &CodeBlock, diagnostics: &mut Vec<Diagnostic>) -> String {
    match metrics::parse_fence(&block.code) {
        Ok(fence) => metric_cards(&fence),
        Err(err) => {
            diagnostics.push(invalid_metrics(doc, block, &err));
            format!(
                "<div class=\"codeblock metrics-invalid\">\n<div class=\"code-head\"><span class=\"code-lang\">metrics (not readable)</span></div>\n<pre class=\"hl-code\"><code>{}</code></pre>\n</div>\n",
                escape(&block.code)
            )
        }
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
    if let Some(source) = &fence.source {
        html.push_str(&format!(
            "<p class=\"metrics-source\">Source: {}</p>\n",
            escape(source)
        ));
    }
    html.push_str("</section>\n");
    html
}

/// The opening fence line of a block, as a span.
pub(crate) fn fence_line(doc: &Document<'_>, block: &CodeBlock) -> std::ops::Range<usize> {
    doc.source.line_span(block.span.start)
}

/// `unknown-language`: pointing at the fence.
pub fn unknown_language(doc: &Document<'_>, block: &CodeBlock, lang: &str) -> Diagnostic {
    Diagnostic::new(
        "unknown-language",
        &doc.source.rel_path,
        fence_line(doc, block),
        format!("unknown language `{lang}`: the code is shown without highlighting"),
    )
    .label("this language name is not known to the highlighter")
    .help("use a common name or extension (python, py, rust, rs, yaml, sql, bash, ts), or `text` for plain text")
}

fn invalid_metrics(doc: &Document<'_>, block: &CodeBlock, err: &yaml_serde::Error) -> Diagnostic {
    let at = err.location().map_or(block.code_start, |loc| {
        let line = doc.source.line_col(block.code_start).line + loc.line().saturating_sub(1);
        doc.source.line_start(line)
    });
    let message = err.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message);
    Diagnostic::new(
        "metrics-fence",
        &doc.source.rel_path,
        at..at,
        format!("metrics block is not valid: {message}"),
    )
    .severity(Severity::Warning)
    .label("the YAML of this metrics block cannot be read here")
    .help("a metrics block has `title`, `source` and `items`, each item `label`, `value`, and optionally `unit` and `note`")
}
