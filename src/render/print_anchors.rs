//! Anchors of an episode's body made unique on its series' print page.
//!
//! A print page puts every episode of a series on one page. Episodes share heading anchors
//! (`#executive-summary`, `#further-reading`) and footnote ids (`fn-1`, `fnref-1`), so on
//! that page a link to the second episode's footnote would jump to the first's. Each
//! episode's heading and footnote ids get a prefix of its own there, and so do the links
//! within the episode that point at them. Other ids (a diagram's, a calculator's) are unique on the page already.

use std::collections::HashSet;

/// `body` with the id of every heading, footnote definition and footnote citation, and every
/// `href="#…"` to one of them, prefixed with `prefix`.
pub(crate) fn prefixed(body: &str, prefix: &str) -> String {
    const ID: &str = " id=\"";
    const HREF: &str = "href=\"#";
    let anchors = heading_and_footnote_ids(body);
    if anchors.is_empty() {
        return body.to_owned();
    }
    let find = |from: usize, pattern: &str| body[from..].find(pattern).map(|at| from + at);
    let mut out = String::with_capacity(body.len() + anchors.len() * 2 * prefix.len());
    // The next of each attribute, each looked for again only once passed: one pass.
    let (mut next_id, mut next_href) = (find(0, ID), find(0, HREF));
    let mut copied = 0;
    loop {
        let (at, attribute) = match (next_id, next_href) {
            (Some(id), Some(href)) if href < id => (href, HREF),
            (Some(id), _) => (id, ID),
            (None, Some(href)) => (href, HREF),
            (None, None) => break,
        };
        let value_start = at + attribute.len();
        let Some(value_len) = body[value_start..].find('"') else {
            break;
        };
        let value = &body[value_start..value_start + value_len];
        out.push_str(&body[copied..value_start]);
        if anchors.contains(value) {
            out.push_str(prefix);
        }
        out.push_str(value);
        copied = value_start + value_len;
        if next_id.is_some_and(|id| id < copied) {
            next_id = find(copied, ID);
        }
        if next_href.is_some_and(|href| href < copied) {
            next_href = find(copied, HREF);
        }
    }
    out.push_str(&body[copied..]);
    out
}

/// The ids of the headings (`<h2 id="…">`), footnote definitions
/// (`<div class="footnote-definition" id="…">`) and citations
/// (`<sup class="footnote-reference" id="…">`) in `body`.
fn heading_and_footnote_ids(body: &str) -> HashSet<&str> {
    let mut ids = HashSet::new();
    let mut from = 0;
    while let Some(found) = body[from..].find(" id=\"") {
        let at = from + found;
        let value_start = at + " id=\"".len();
        let Some(value_len) = body[value_start..].find('"') else {
            break;
        };
        let tag_start = body[..at].rfind('<').unwrap_or(0);
        let tag = &body[tag_start..at];
        let name = tag
            .strip_prefix('<')
            .and_then(|tag| tag.split_whitespace().next())
            .unwrap_or("");
        let is_heading =
            name.len() == 2 && name.starts_with('h') && name.as_bytes()[1].is_ascii_digit();
        let footnote = tag.contains("class=\"footnote-definition\"")
            || tag.contains("class=\"footnote-reference\"");
        if is_heading || footnote {
            ids.insert(&body[value_start..value_start + value_len]);
        }
        from = value_start + value_len;
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::prefixed;

    #[test]
    fn heading_and_footnote_anchors_and_the_links_to_them_get_the_prefix() {
        let body = concat!(
            "<h2 id=\"summary\">Summary</h2>\n",
            "<p>See <a href=\"#summary\">above</a><sup class=\"footnote-reference\" id=\"fnref-1\"><a href=\"#1\">1</a></sup>.</p>\n",
            "<svg id=\"m1-svg\"><path marker-end=\"url(#m1-arrow)\"/></svg>\n",
            "<a href=\"#m1-svg\">diagram</a> <a href=\"../other.html#summary\">elsewhere</a>\n",
            "<div class=\"footnote-definition\" id=\"1\"><sup class=\"footnote-definition-label\">1</sup><a href=\"#fnref-1\">↩</a></div>\n",
        );
        let out = prefixed(body, "e2-");
        assert!(out.contains("<h2 id=\"e2-summary\">"), "{out}");
        assert!(out.contains("<a href=\"#e2-summary\">above</a>"), "{out}");
        assert!(out.contains("<a href=\"#e2-1\">1</a>"), "{out}");
        assert!(
            out.contains("class=\"footnote-definition\" id=\"e2-1\""),
            "{out}"
        );
        assert!(
            out.contains("class=\"footnote-reference\" id=\"e2-fnref-1\""),
            "{out}"
        );
        assert!(out.contains("<a href=\"#e2-fnref-1\">↩</a>"), "{out}");
        // Ids of other elements, and links to other pages, are left as they are.
        assert!(out.contains("<svg id=\"m1-svg\">"), "{out}");
        assert!(out.contains("<a href=\"#m1-svg\">"), "{out}");
        assert!(out.contains("href=\"../other.html#summary\""), "{out}");
    }

    #[test]
    fn a_body_without_anchors_or_with_broken_markup_is_kept() {
        assert_eq!(prefixed("<p>plain</p>", "e1-"), "<p>plain</p>");
        let broken = "<h2 id=\"open";
        assert_eq!(prefixed(broken, "e1-"), broken);
        // An id with no tag before it, even after a wide character, is no heading's.
        assert_eq!(prefixed("é id=\"x\"", "e1-"), "é id=\"x\"");
        assert_eq!(prefixed(" id=\"x\"", "e1-"), " id=\"x\"");
    }
}
