//! Mermaid diagrams written as raw HTML, the way Mermaid's own documentation embeds them:
//! `<pre class="mermaid">…</pre>` or `<div class="mermaid">…</div>`.
//!
//! In a page that loads Mermaid's script, such an element becomes a drawing. The site loads no
//! diagram script: it draws the diagrams of ```` ```mermaid ```` fences when it is built, so
//! such an element would show its source as text, unchecked. It is not drawn from the HTML
//! either: its text is HTML (`--&gt;` for `-->`), an HTML block ends at its first blank line,
//! and what else the element holds is the author's markup. Each one is reported instead
//! (`mermaid-render`), at its opening tag, with the fence to write.

use std::ops::Range;

use pulldown_cmark::Event;

use crate::diagnostic::{Diagnostic, RuleId};
use crate::source::SourceFile;

/// A `mermaid-render` finding at each `<pre>` or `<div>` of class `mermaid` in the raw HTML of
/// `events` (the file's events, as [`crate::markdown::parse`] walks them); tags inside HTML
/// comments are not read.
pub(crate) fn scan(source: &SourceFile, events: &[(Event<'_>, Range<usize>)]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut in_comment = false;
    for (event, range) in events {
        if !matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            in_comment = false;
            continue;
        }
        let Some(html) = source.text.get(range.clone()) else {
            continue;
        };
        for (tag, element) in diagram_tags(html, &mut in_comment) {
            let span = range.start + tag.start..range.start + tag.end;
            found.push(finding(source, span, element));
        }
    }
    found
}

fn finding(source: &SourceFile, span: Range<usize>, element: &str) -> Diagnostic {
    Diagnostic::new(
        RuleId::MermaidRender,
        &source.rel_path,
        span,
        format!(
            "a Mermaid diagram in a `<{element} class=\"mermaid\">` element is neither checked nor drawn"
        ),
    )
    .label("the page shows this element's text, not a drawing")
    .help(
        "write the diagram in a ```mermaid fence instead, with `>` and `<` where the HTML has \
         `&gt;` and `&lt;`: the site draws fenced diagrams when it is built and loads no \
         diagram script",
    )
}

/// The byte range of each opening `<pre>` or `<div>` tag of class `mermaid` in `html`, with
/// its element name as written. `in_comment` says whether `html` starts inside a comment, and
/// is left saying whether it ends inside one.
fn diagram_tags<'h>(html: &'h str, in_comment: &mut bool) -> Vec<(Range<usize>, &'h str)> {
    let mut tags = Vec::new();
    let mut at = 0;
    loop {
        if *in_comment {
            match html[at..].find("-->") {
                Some(end) => {
                    at += end + 3;
                    *in_comment = false;
                }
                None => return tags,
            }
        }
        let Some(offset) = html[at..].find('<') else {
            return tags;
        };
        let start = at + offset;
        if html[start..].starts_with("<!--") {
            *in_comment = true;
            at = start + 4;
            continue;
        }
        let name_end = start
            + 1
            + html[start + 1..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(html.len() - start - 1);
        let name = &html[start + 1..name_end];
        let tag_end = html[name_end..]
            .find('>')
            .map_or(html.len(), |end| name_end + end + 1);
        let is_container = ["pre", "div"].iter().any(|e| name.eq_ignore_ascii_case(e));
        if is_container && has_mermaid_class(&html[name_end..tag_end]) {
            tags.push((start..tag_end, name));
        }
        at = name_end.max(start + 1);
    }
}

/// Whether the attributes of a tag (the text after its name) give it the class `mermaid`.
fn has_mermaid_class(attributes: &str) -> bool {
    let mut rest = attributes;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() || rest.starts_with('>') {
            return false;
        }
        let name_len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '=' | '>' | '/'))
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        rest = rest[name_len..].trim_start();
        let value = match rest.strip_prefix('=') {
            Some(after) => {
                let after = after.trim_start();
                let (value, left) = match after.chars().next() {
                    Some(quote @ ('"' | '\'')) => {
                        let inner = &after[1..];
                        let end = inner.find(quote).unwrap_or(inner.len());
                        (&inner[..end], inner.get(end + 1..).unwrap_or(""))
                    }
                    _ => {
                        let end = after
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .unwrap_or(after.len());
                        (&after[..end], &after[end..])
                    }
                };
                rest = left;
                value
            }
            None => "",
        };
        if name.eq_ignore_ascii_case("class") {
            return value.split_whitespace().any(|class| class == "mermaid");
        }
        if name_len == 0 {
            // Not an attribute (a stray `=`): step over it.
            rest = rest.get(1..).unwrap_or("");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(html: &str) -> Vec<&str> {
        let mut in_comment = false;
        diagram_tags(html, &mut in_comment)
            .into_iter()
            .map(|(range, _)| &html[range])
            .collect()
    }

    #[test]
    fn pre_and_div_of_class_mermaid_are_diagrams() {
        assert_eq!(tags("<pre class=\"mermaid\">"), ["<pre class=\"mermaid\">"]);
        assert_eq!(
            tags("<DIV id=x class='wide mermaid'>graph TD"),
            ["<DIV id=x class='wide mermaid'>"]
        );
        assert_eq!(tags("<pre class=mermaid>"), ["<pre class=mermaid>"]);
    }

    #[test]
    fn other_elements_and_classes_are_not() {
        assert!(tags("<pre class=\"language-mermaid\">").is_empty());
        assert!(tags("<pre data-class=\"mermaid\">").is_empty());
        assert!(tags("<span class=\"mermaid\">").is_empty());
        assert!(tags("<pre>mermaid</pre>").is_empty());
        assert!(tags("<prefix class=\"mermaid\">").is_empty());
        assert!(tags("<pre title=\"class=mermaid\">").is_empty());
        assert!(tags("a < b and <pre").is_empty());
    }

    #[test]
    fn tags_in_comments_are_not_read() {
        assert!(tags("<!-- <pre class=\"mermaid\"> -->").is_empty());
        let mut in_comment = false;
        assert!(diagram_tags("<!-- a", &mut in_comment).is_empty());
        assert!(in_comment);
        assert!(diagram_tags("<div class=\"mermaid\">", &mut in_comment).is_empty());
        assert_eq!(
            diagram_tags("--> <div class=\"mermaid\">", &mut in_comment).len(),
            1
        );
        assert!(!in_comment);
    }

    #[test]
    fn each_diagram_element_is_a_finding_at_its_tag() {
        let text = "# T\n\n<pre class=\"mermaid\">\ngraph TD\n  A --&gt; B\n</pre>\n\n```html\n<div class=\"mermaid\">\n```\n";
        let source = SourceFile::from_string("e.md", text);
        let doc = crate::markdown::parse(&source);
        let found: Vec<_> = doc
            .diagnostics
            .iter()
            .filter(|d| d.rule == RuleId::MermaidRender)
            .collect();
        assert_eq!(found.len(), 1, "the fenced example is code, not HTML");
        assert_eq!(&text[found[0].span.clone()], "<pre class=\"mermaid\">");
        assert!(found[0].message.contains("neither checked nor drawn"));
    }
}
