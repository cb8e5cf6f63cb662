//! The links of a drawn diagram, rewritten like the page's other links: a node's
//! `click A "../02-next/episode.md"` is drawn as an `<a>` whose `href` is what the author
//! wrote, and the page points it at the published page (`../02-next/episode.html`) or at the
//! copy of a file, as it does a Markdown link ([`super::HtmlOptions::rewrite_link`]).

use crate::highlight::escape;
use crate::markdown::html::LinkRewriter;

/// `svg` with the `href` (or `xlink:href`) of each of its `<a>` elements rewritten by
/// `rewrite`; links it leaves as written, and anchors within the page, are kept.
pub(super) fn rewritten(svg: String, rewrite: Option<&LinkRewriter<'_>>) -> String {
    let Some(rewrite) = rewrite else {
        return svg;
    };
    let mut out = String::with_capacity(svg.len());
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = svg[at..].find("<a ") {
        let tag_start = at + offset;
        let tag_end = svg[tag_start..]
            .find('>')
            .map_or(svg.len(), |end| tag_start + end);
        at = tag_end;
        let Some((value_start, value_end)) = href_value(&svg, tag_start, tag_end) else {
            continue;
        };
        let written = unescape(&svg[value_start..value_end]);
        if written.starts_with('#') {
            continue;
        }
        let Some(new) = rewrite(&written) else {
            continue;
        };
        out.push_str(&svg[copied..value_start]);
        out.push_str(&escape(&new));
        copied = value_end;
    }
    out.push_str(&svg[copied..]);
    out
}

/// The byte range of the value of the tag's `href` or `xlink:href` attribute (double-quoted,
/// as merman writes it).
fn href_value(svg: &str, tag_start: usize, tag_end: usize) -> Option<(usize, usize)> {
    let tag = &svg[tag_start..tag_end];
    let name = [" xlink:href=\"", " href=\""]
        .iter()
        .find_map(|name| tag.find(name).map(|at| at + name.len()))?;
    let start = tag_start + name;
    let end = start + svg[start..tag_end].find('"')?;
    Some((start, end))
}

/// An attribute value as the browser reads it (merman escapes `&`, `<`, `>` and quotes).
fn unescape(value: &str) -> String {
    value
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_links_are_rewritten_and_anchors_kept() {
        let rewrite = |dest: &str| -> Option<String> {
            dest.strip_suffix(".md")
                .map(|page| format!("../s1/{page}.html?a&b"))
        };
        let svg = "<svg><a xlink:href=\"01-a.md\" transform=\"x\"><g/></a><a xlink:href=\"#top\"></a><a href=\"https://example.com\"></a><use href=\"02.md\"/></svg>".to_owned();
        assert_eq!(
            rewritten(svg, Some(&rewrite)),
            "<svg><a xlink:href=\"../s1/01-a.html?a&amp;b\" transform=\"x\"><g/></a><a xlink:href=\"#top\"></a><a href=\"https://example.com\"></a><use href=\"02.md\"/></svg>"
        );
        let svg = "<svg><a xlink:href=\"01-a.md\"></a></svg>".to_owned();
        assert_eq!(rewritten(svg.clone(), None), svg);
    }
}
