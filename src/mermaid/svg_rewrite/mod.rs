//! Post-processing of merman's SVG: ids, root attributes, accessibility, colours, safety, and
//! drawing fixes for some diagram families (Gantt, sequence numbers, state labels and notes).
//!
//! The SVG is split into [`Token`]s once ([`tokens`]); each pass rewrites them in place and the
//! result is serialised once. Every pass is linear in the number of tokens: a pass that looks
//! inside an element (a label, a note) only scans that element's own tokens, and elements it
//! looks inside do not nest.

mod c4;
mod gantt;
mod geometry;
mod ids;
mod label_centre;
mod label_text;
#[cfg(test)]
pub(super) mod measure;
mod non_finite;
mod paint;
mod root;
mod safety;
mod sequence_numbers;
mod state_labels;
mod state_notes;
mod text_width;
mod timeline;
mod tokens;
mod xml;

use ids::prefix_ids;
pub(crate) use non_finite::non_finite_coordinate;
use paint::{pin_text_on_author_fills, rewrite_attributes, rewrite_stylesheets};
use root::{AccessibleTexts, finish_root, take_root_title_and_desc};
use safety::{is_inert, remove_unsafe_elements};
use tokens::{serialize, tokenize};
pub(crate) use xml::xml_unescape;

use crate::mermaid::DiagramKind;

/// Accessible name and description for the root element.
pub(crate) struct Accessibility<'a> {
    pub(crate) title: Option<&'a str>,
    pub(crate) description: Option<&'a str>,
    pub(crate) fallback_title: String,
}

/// One piece of the SVG: a tag, character data, or other markup kept verbatim.
#[derive(Debug, Clone)]
pub(super) enum Token {
    Tag(Tag),
    Text(String),
    Markup(String),
}

#[derive(Debug, Clone)]
pub(super) struct Tag {
    pub(super) name: String,
    pub(super) attributes: Vec<(String, String)>,
    pub(super) closing: bool,
    pub(super) self_closing: bool,
}

impl Tag {
    pub(super) fn start(name: &str, attributes: Vec<(String, String)>) -> Self {
        Self {
            name: name.to_string(),
            attributes,
            closing: false,
            self_closing: false,
        }
    }

    pub(super) fn end(name: &str) -> Self {
        Self {
            name: name.to_string(),
            attributes: Vec::new(),
            closing: true,
            self_closing: false,
        }
    }

    pub(super) fn opens(&self) -> bool {
        !self.closing && !self.self_closing
    }

    pub(super) fn local_name(&self) -> String {
        tokens::local_name(&self.name).into_owned()
    }

    pub(super) fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Applies every rewrite and serialises the result.
pub(crate) fn finish(
    svg: &str,
    kind: DiagramKind,
    prefix: &str,
    accessibility: &Accessibility,
) -> String {
    let mut tokens = tokenize(svg);
    remove_unsafe_elements(&mut tokens);
    let existing = take_root_title_and_desc(&mut tokens);
    prefix_ids(&mut tokens, prefix);
    rewrite_attributes(&mut tokens);
    label_centre::centre_one_line_labels(&mut tokens);
    rewrite_stylesheets(&mut tokens);
    pin_text_on_author_fills(&mut tokens);
    fix_family_drawing(&mut tokens, kind);
    let texts = AccessibleTexts::choose(accessibility, existing);
    finish_root(&mut tokens, prefix, &texts);
    serialize(&tokens)
}

/// Drawing fixes for one diagram family; they run after theming, so the colours they write are
/// already palette references.
fn fix_family_drawing(tokens: &mut Vec<Token>, kind: DiagramKind) {
    match kind {
        DiagramKind::Gantt => gantt::make_readable(tokens),
        DiagramKind::Sequence => sequence_numbers::make_numbers_readable(tokens),
        DiagramKind::State => {
            state_notes::fit_notes(tokens);
            state_labels::make_labels_readable(tokens);
        }
        DiagramKind::Timeline => timeline::make_connectors_visible(tokens),
        DiagramKind::C4 => c4::mark_external_elements(tokens),
        _ => {}
    }
}

/// The version of these rewrites. Cached drawings are keyed by it: bump it whenever a change
/// here (or in the theme palette, or in the configuration the engine gives merman) changes the
/// SVG written for the same source.
pub(crate) const POST_PROCESSING_VERSION: u32 = 12;

/// Whether finished SVG read back from outside (the disk cache) is as inert as fresh output:
/// nothing the sanitiser would remove or rewrite, inside one `<svg>` element.
pub(crate) fn is_inert_svg(svg: &str) -> bool {
    svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>") && is_inert(svg)
}

pub(super) fn set_attribute(tag: &mut Tag, name: &str, value: &str) {
    match tag.attributes.iter_mut().find(|(key, _)| key == name) {
        Some((_, existing)) => *existing = value.to_string(),
        None => tag.attributes.push((name.to_string(), value.to_string())),
    }
}

/// Whether the tags walked so far are inside a `<g>` with one of some classes: fed every tag
/// in document order, it follows the nesting of groups.
pub(super) struct InsideGroup {
    classes: &'static [&'static str],
    depth: usize,
    entered_at: Option<usize>,
}

impl InsideGroup {
    pub(super) fn new(classes: &'static [&'static str]) -> Self {
        Self {
            classes,
            depth: 0,
            entered_at: None,
        }
    }

    /// Follows one tag (every tag, in order).
    pub(super) fn step(&mut self, tag: &Tag) {
        if tag.local_name() != "g" {
            return;
        }
        if tag.closing {
            if self.entered_at == Some(self.depth) {
                self.entered_at = None;
            }
            self.depth = self.depth.saturating_sub(1);
        } else if tag.opens() {
            self.depth += 1;
            if self.entered_at.is_none() && self.classes.iter().any(|class| has_class(tag, class)) {
                self.entered_at = Some(self.depth);
            }
        }
    }

    /// Whether the last tag followed lies inside such a group (or opens it).
    pub(super) fn inside(&self) -> bool {
        self.entered_at.is_some()
    }
}

pub(super) fn has_class(tag: &Tag, class: &str) -> bool {
    tag.attribute("class")
        .is_some_and(|classes| classes.split_whitespace().any(|name| name == class))
}

#[cfg(test)]
mod tests {
    use crate::mermaid::render_tests::assert_no_external_references;
    use crate::mermaid::svg_rewrite;

    /// `raw` through every rewrite, as a flowchart with the prefix `x` and no title of its own.
    fn finish_flowchart(raw: &str) -> String {
        let accessibility = svg_rewrite::Accessibility {
            title: None,
            description: None,
            fallback_title: "Flowchart".to_string(),
        };
        svg_rewrite::finish(
            raw,
            crate::mermaid::DiagramKind::Flowchart,
            "x",
            &accessibility,
        )
    }

    #[test]
    fn urls_in_attributes_read_as_css_are_sanitised_whatever_their_case() {
        let raw = concat!(
            r#"<svg id="x" viewBox="0 0 10 10"><g filter="url(https://t.example/f.svg#f)" "#,
            r#"MASK="url(#m)"/><foreignObject><div STYLE="background:url(https://t.example/p.png)">x</div>"#,
            r#"</foreignObject><path marker-end="url(//t.example/a.svg#a)"/></svg>"#,
        );
        let svg = finish_flowchart(raw);
        assert!(!svg.contains("t.example"), "{svg}");
        assert!(svg.contains(r#"filter="none""#), "{svg}");
        assert!(
            svg.contains(r#"MASK="url(#x-m)""#) || svg.contains(r#"MASK="url(#m)""#),
            "{svg}"
        );
        assert!(svg_rewrite::is_inert_svg(&svg), "{svg}");
    }

    #[test]
    fn rewriter_strips_active_content_and_prefixes_ids() {
        let raw = concat!(
            r##"<svg id="x" width="200" height="100" viewBox="0 0 200 100" onload="evil()">"##,
            r##"<title id="chart-title-x">Old</title><style>@import url(https://f.example/a.css);"##,
            r##"#x .a{fill:#ffffff;background:url(http://t.example/p.png)}</style>"##,
            r##"<defs><marker id="arrow"/><marker id="arrow"/></defs>"##,
            r##"<script>alert(1)</script><SCRIPT><script>nested</script>x</SCRIPT>"##,
            r##"<a xlink:href="https://example.com"><path marker-end="url(#arrow)" fill="black"/></a>"##,
            r##"<a href="../episode-2.html">next</a><use href="#arrow"/>"##,
            r##"<a xlink:href=" javascript:evil()">bad</a>"##,
            r##"<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">"##,
            r##"<a href="https://label.example">in a label</a>"##,
            r##"<img src="//cdn.example/i.png" onerror="evil()"/></div></foreignObject></svg>"##,
        );
        let svg = finish_flowchart(raw);
        assert!(
            svg.contains(r#"<a xlink:href="https://example.com">"#),
            "a node's link to a web page stays: {svg}"
        );
        assert!(svg.contains("<a>in a label</a>"), "not in a label: {svg}");
        assert_no_external_references(&svg.replace("https://example.com", ""));
        let lower = svg.to_ascii_lowercase();
        assert!(!lower.contains("<script") && !lower.contains("nested") && !lower.contains("evil"));
        assert!(svg.contains(r#"<title id="x-title">Old</title>"#), "{svg}");
        assert_eq!(svg.matches("<title").count(), 1);
        assert!(
            svg.contains(r#"<marker id="x-arrow"/><marker id="x-arrow-2"/>"#),
            "{svg}"
        );
        assert!(svg.contains(r#"marker-end="url(#x-arrow)""#));
        assert!(svg.contains(r##"<use href="#x-arrow"/>"##));
        assert!(
            svg.contains(r#"<a href="../episode-2.html">"#),
            "relative links stay"
        );
        assert!(svg.contains(r#"fill="var(--mermaid-ink, black)""#));
        assert!(svg.contains("fill:var(--mermaid-canvas, #ffffff)"));
        assert!(svg.contains(r#"style="max-width: 200px;""#));
        assert!(
            svg.contains(r#"<foreignObject width="10" height="10" style="overflow: visible;">"#)
        );
    }
}
