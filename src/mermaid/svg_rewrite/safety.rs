//! Removing active content and anything that would reach the network.
//!
//! One kind of URL with a scheme is kept: the `href` of a node's link (Mermaid's
//! `click NODE "https://…"`, an `<a>` outside the labels' `<foreignObject>`) when it is an
//! `http:` or `https:` URL. Following a link is the reader's choice, never a load; the same URL
//! in a label's HTML, or any other scheme (`javascript:`, `data:`), is removed.

use std::borrow::Cow;

use super::Token;
use super::tokens::{TokenRef, scan, without_prefix};
use super::xml::{has_unknown_reference, xml_unescape};

const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script", "iframe", "object", "embed", "link", "meta", "base", "handler", "audio", "video",
];
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "srcset",
];

/// Attributes whose value a browser reads as CSS, where `url(…)` loads a resource: they are
/// sanitised like stylesheets ([`sanitize_css`]).
const CSS_VALUED_ATTRIBUTES: &[&str] = &[
    "style",
    "fill",
    "stroke",
    "filter",
    "mask",
    "clip-path",
    "marker-start",
    "marker-mid",
    "marker-end",
    "cursor",
    "color",
    "stop-color",
    "flood-color",
    "lighting-color",
];

/// Whether an attribute's value is read as CSS (see [`CSS_VALUED_ATTRIBUTES`]), whatever the
/// case of its name and with or without a namespace prefix.
pub(super) fn is_css_valued(name: &str) -> bool {
    let local = without_prefix(name);
    CSS_VALUED_ATTRIBUTES
        .iter()
        .any(|css| css.eq_ignore_ascii_case(local))
}

/// Drops forbidden elements (with their content), event attributes and external URLs.
pub(super) fn remove_unsafe_elements(tokens: &mut Vec<Token>) {
    let mut kept = Vec::with_capacity(tokens.len());
    let mut skipping: Option<(String, usize)> = None;
    let mut labels = LabelDepth::default();
    for token in tokens.drain(..) {
        if let Some((name, depth)) = &mut skipping {
            if let Token::Tag(tag) = &token
                && tag.local_name() == *name
            {
                if tag.closing {
                    *depth -= 1;
                } else if tag.opens() {
                    *depth += 1;
                }
            }
            if *depth == 0 {
                skipping = None;
            }
            continue;
        }
        match token {
            Token::Tag(tag) if FORBIDDEN_ELEMENTS.contains(&tag.local_name().as_str()) => {
                if tag.opens() {
                    skipping = Some((tag.local_name(), 1));
                }
            }
            Token::Tag(mut tag) => {
                let node_link = labels.is_node_link(&tag.local_name(), tag.closing, tag.opens());
                tag.attributes.retain(|(name, value)| {
                    is_safe_attribute(name, value) || (node_link && is_web_link(name, value))
                });
                kept.push(Token::Tag(tag));
            }
            other => kept.push(other),
        }
    }
    *tokens = kept;
}

/// How deep the walk is inside labels (`<foreignObject>`), where HTML from the author lives.
#[derive(Default)]
struct LabelDepth(usize);

impl LabelDepth {
    /// Follows a tag (its local name, whether it closes, whether it opens an element); whether
    /// it is a node's link: an `<a>` outside every label.
    fn is_node_link(&mut self, name: &str, closing: bool, opens: bool) -> bool {
        if name == "foreignobject" {
            if closing {
                self.0 = self.0.saturating_sub(1);
            } else if opens {
                self.0 += 1;
            }
        }
        name == "a" && !closing && self.0 == 0
    }
}

/// An `href` (or `xlink:href`) to an `http:` or `https:` page.
fn is_web_link(name: &str, value: &str) -> bool {
    let local = without_prefix(name).to_ascii_lowercase();
    let value = xml_unescape(value);
    let lower = value.trim().to_ascii_lowercase();
    local == "href"
        && (lower.starts_with("https://") || lower.starts_with("http://"))
        && !lower.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn is_safe_attribute(name: &str, value: &str) -> bool {
    let local = without_prefix(name);
    if local
        .get(..2)
        .is_some_and(|start| start.eq_ignore_ascii_case("on"))
    {
        return false;
    }
    if URL_ATTRIBUTES
        .iter()
        .any(|url| url.eq_ignore_ascii_case(local))
    {
        return is_local_reference(value);
    }
    true
}

/// `#id`, or a relative path without a scheme: nothing that leaves the site.
fn is_local_reference(value: &str) -> bool {
    // Browsers drop tabs and line breaks from URLs and read `\` as `/`: `/\host` and
    // `/<tab>/host` both lead to another site.
    let value: String = xml_unescape(value)
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    let value = value.trim();
    if value.starts_with('#') {
        return true;
    }
    if value.starts_with("//") {
        return false;
    }
    let before_path = value.split(['/', '?', '#']).next().unwrap_or("");
    !before_path.contains(':')
}

/// Removes `@import` rules and any `url()` that is not a local `#id`. CSS that would still
/// load something once read as a browser reads it (character references and CSS escapes
/// decoded: `@&#105;mport`, `u\72l(…)`), or that loads through `image-set()` or `src()`, is
/// dropped whole: no drawing needs such CSS.
pub(super) fn sanitize_css(css: &str) -> String {
    if is_clean_css(css) {
        return css.to_owned();
    }
    let rewritten = remove_external_urls(&remove_imports(css));
    if is_clean_css(&rewritten) {
        rewritten
    } else {
        String::new()
    }
}

/// `css` with every `url()` that is not a local `#id` replaced by `none`.
fn remove_external_urls(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some((at, end, local)) = next_url_call(rest) {
        out.push_str(rest.get(..at).unwrap_or(""));
        out.push_str(if local {
            rest.get(at..end).unwrap_or("")
        } else {
            "none"
        });
        rest = rest.get(end..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// Whether `css`, read as a browser reads it ([`as_read`]), loads nothing: no `@import`, no
/// `url()` but a local `#id`, no `image-set()` (nor `-webkit-image-set()`), no `src()`. What
/// [`sanitize_css`] leaves unchanged.
fn is_clean_css(css: &str) -> bool {
    let Some(read) = as_read(css) else {
        return false;
    };
    if ["@import", "image-set(", "src("]
        .iter()
        .any(|needle| find_ignore_case(&read, needle).is_some())
    {
        return false;
    }
    let mut rest: &str = &read;
    while let Some((_, end, local)) = next_url_call(rest) {
        if !local {
            return false;
        }
        rest = rest.get(end..).unwrap_or("");
    }
    true
}

/// `css` as a browser's CSS parser reads it: character references decoded (the HTML parser
/// decodes them in attribute values and in an inline SVG's `<style>`), then CSS escapes
/// (`\69`, `\72 `, `\(`). `None` when it holds a character reference this decoder does
/// not know, which a browser might decode into anything (`&commat;`).
fn as_read(css: &str) -> Option<Cow<'_, str>> {
    if !css.contains(['&', '\\']) {
        return Some(Cow::Borrowed(css));
    }
    if has_unknown_reference(css) {
        return None;
    }
    Some(Cow::Owned(css_unescape(&xml_unescape(css))))
}

/// `css` with its escapes decoded (CSS Syntax, "consume an escaped code point"): up to six hex
/// digits and one whitespace after them, or the next character itself.
fn css_unescape(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let mut code = 0u32;
        let mut digits = 0;
        while digits < 6 {
            match chars.peek().and_then(|h| h.to_digit(16)) {
                Some(digit) => {
                    code = code * 16 + digit;
                    digits += 1;
                    chars.next();
                }
                None => break,
            }
        }
        if digits == 0 {
            match chars.next() {
                Some('\n' | '\r' | '\x0C') | None => {}
                Some(other) => out.push(other),
            }
            continue;
        }
        if chars
            .peek()
            .is_some_and(|w| matches!(w, ' ' | '\t' | '\n' | '\r' | '\x0C'))
        {
            chars.next();
        }
        out.push(
            char::from_u32(code)
                .filter(|&c| c != '\0')
                .unwrap_or('\u{FFFD}'),
        );
    }
    out
}

/// The next `url(…)` in `css`: where it starts, where it ends, and whether its target is a
/// local `#id`.
fn next_url_call(css: &str) -> Option<(usize, usize, bool)> {
    let at = find_ignore_case(css, "url(")?;
    let call = css.get(at..).unwrap_or("");
    let end = call.find(')').map_or(call.len(), |close| close + 1);
    let target = call
        .get(4..end.saturating_sub(1).max(4))
        .unwrap_or("")
        .trim()
        .trim_matches(|ch| ch == '"' || ch == '\'');
    Some((at, at + end, target.starts_with('#')))
}

fn remove_imports(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = find_ignore_case(rest, "@import") {
        out.push_str(rest.get(..at).unwrap_or(""));
        let after = rest.get(at..).unwrap_or("");
        rest = after
            .find(';')
            .map_or("", |end| after.get(end + 1..).unwrap_or(""));
    }
    out.push_str(rest);
    out
}

/// Byte offset of an ASCII `needle`, ignoring ASCII case: candidates are found by their first
/// byte in either case (`memchr2`), then compared.
fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let &first = needle.first()?;
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), hay).find(|&at| {
        hay.get(at..at + needle.len())
            .is_some_and(|window| window.eq_ignore_ascii_case(needle))
    })
}

/// Whether already finished SVG (a cache entry, say) would pass the sanitiser unchanged: no
/// forbidden element, no event attribute or external URL, no stylesheet the CSS sanitiser
/// would rewrite, and no markup an HTML parser might read differently from this tokenizer
/// (only comments without `>` in them and CDATA sections are allowed).
pub(super) fn is_inert(svg: &str) -> bool {
    let mut in_style = false;
    let mut labels = LabelDepth::default();
    scan(svg, |token| match token {
        TokenRef::Tag(tag) => {
            let name = tag.local_name();
            if name == "style" {
                in_style = tag.opens();
            }
            let node_link = labels.is_node_link(&name, tag.closing, tag.opens());
            !FORBIDDEN_ELEMENTS.contains(&name.as_ref())
                && tag.attributes.iter().all(|(key, value)| {
                    (is_safe_attribute(key, value) || (node_link && is_web_link(key, value)))
                        && (!is_css_valued(key) || is_clean_css(value))
                })
        }
        TokenRef::Text(text) => !in_style || is_clean_css(text),
        TokenRef::Markup(markup) => is_inert_markup(markup, in_style),
    })
}

fn is_inert_markup(markup: &str, in_style: bool) -> bool {
    if let Some(body) = markup
        .strip_prefix("<!--")
        .and_then(|rest| rest.strip_suffix("-->"))
    {
        return !body.contains('>') && !body.starts_with('-') && !body.contains("--");
    }
    markup.starts_with("<![CDATA[")
        && markup.ends_with("]]>")
        && (!in_style || is_clean_css(markup))
}

#[cfg(test)]
mod tests {
    use super::{find_ignore_case, is_clean_css, is_inert, is_local_reference, sanitize_css};

    #[test]
    fn clean_css_is_exactly_what_the_sanitiser_leaves_unchanged() {
        for css in [
            ".a{fill:#fff}",
            "marker{fill:url(#arrow)}",
            "marker{fill:url( '#arrow' )}",
            "@import url(x.css); .a{}",
            "@IMPORT 'x.css';",
            ".a{background:URL(https://t.example/p.png)}",
            ".a{background:url(#ok)} .b{background:url(data:x)}",
            ".a{background:url(",
            "",
            "@&#105;mport 'https://t.example/x.css';",
            "@\\69mport 'https://t.example/x.css';",
            "a{fill:u\\72l(https://t.example/p.png)}",
            "&#117;rl(https://t.example/p.png)",
            "&commat;import 'x.css';",
            "@&#105mport 'x.css';",
            "a{background:-webkit-image-set('https://t.example/p.png' 1x)}",
            "a{background:image-set(\"p.png\" 1x)}",
            "marker{fill:url(\\23 arrow)}",
            "a{font-family:&quot;trebuchet ms&quot;,verdana}",
            "a{content:\"\\25B6\"}",
        ] {
            assert_eq!(is_clean_css(css), sanitize_css(css) == css, "{css:?}");
        }
    }

    #[test]
    fn css_that_loads_once_decoded_is_neither_clean_nor_kept() {
        for hidden in [
            "@&#105;mport 'https://t.example/x.css';",
            "@\\69mport 'https://t.example/x.css';",
            "@\\000069 mport 'https://t.example/x.css';",
            "a{fill:u\\72l(https://t.example/p.png)}",
            "a{fill:U\\RL(https://t.example/p.png)}",
            "&#117;rl(https://t.example/p.png)",
            "&#x55;&#x52;&#x4c;(https://t.example/p.png)",
            "&commat;import 'x.css';",
            "@&#105mport 'x.css';",
            "a{background:-webkit-image-set('https://t.example/p.png' 1x)}",
            "a{background:src('https://t.example/p.png')}",
        ] {
            assert!(!is_clean_css(hidden), "{hidden:?}");
            let kept = sanitize_css(hidden);
            assert!(
                !kept.contains("t.example") && !kept.contains("x.css"),
                "{hidden:?} gave {kept:?}"
            );
        }
        for local in [
            "marker{fill:url(\\23 arrow)}",
            "a{font-family:&quot;trebuchet ms&quot;,verdana}",
            "a{content:\"\\25B6\"} b{fill:url(#x)}",
            "a{fill:red} /* & notes */",
        ] {
            assert!(is_clean_css(local), "{local:?}");
            assert_eq!(sanitize_css(local), local);
        }
    }

    #[test]
    fn a_cached_drawing_hiding_a_load_behind_references_or_escapes_is_not_inert() {
        for svg in [
            "<svg><style>@&#105;mport 'https://t.example/x.css';</style></svg>",
            "<svg><style>a{fill:u\\72l(https://t.example/p.png)}</style></svg>",
            "<svg style=\"fill:&#117;rl(https://t.example/p.png)\"></svg>",
            "<svg><rect fill=\"u\\72l(https://t.example/p.png)\"/></svg>",
        ] {
            assert!(!is_inert(svg), "{svg}");
        }
        assert!(is_inert(
            "<svg><style>a{fill:url(#x)}</style><rect style=\"font-family:&quot;a b&quot;\"/></svg>"
        ));
    }

    #[test]
    fn needles_are_found_in_either_case_at_their_first_place() {
        assert_eq!(find_ignore_case("a{fill:URL(#x)}", "url("), Some(7));
        assert_eq!(find_ignore_case("uuRl(uRL(", "url("), Some(1));
        assert_eq!(find_ignore_case("x @Import", "@import"), Some(2));
        assert_eq!(find_ignore_case("ur", "url("), None);
        assert_eq!(find_ignore_case("url", "url("), None);
        assert_eq!(find_ignore_case("é url(", "url("), Some(3));
    }

    #[test]
    fn references_that_browsers_turn_into_another_site_are_not_local() {
        for outside in [
            "//evil.example/x.png",
            "/\\evil.example/x.png",
            "\\\\evil.example/x.png",
            "/\t/evil.example/x.png",
            "/\n/evil.example",
            "java\tscript:alert(1)",
            "https://evil.example/",
        ] {
            assert!(!is_local_reference(outside), "{outside:?}");
        }
        for local in ["#arrowhead", "img/a.png", "../b.svg", "/site/c.png"] {
            assert!(is_local_reference(local), "{local:?}");
        }
    }
}
