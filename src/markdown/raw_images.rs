//! `<img>` tags written as raw HTML in Markdown: where their `src` is (the walker records it
//! as an image link, so it is checked and copied like `![alt](src)`), and the tag as the site
//! writes it: `src` rewritten to the published copy, `loading="lazy"` added unless the tag
//! says how to load. Its other attributes (`alt`, `width`, `height`) are kept as written.
//!
//! The scan is a single pass over the text; HTML comments are skipped, and a tag must close
//! within the text it starts in (one raw HTML event).

use std::ops::Range;

/// One `<img …>` tag of a raw HTML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImgTag {
    /// The bytes of the tag's `src` value, without its quotes, when it has one.
    pub(crate) src: Option<Range<usize>>,
    /// Where the tag's attributes end: before `>` or `/>`.
    pub(crate) attributes_end: usize,
    /// Whether the tag has a `loading` attribute.
    pub(crate) has_loading: bool,
}

/// The `<img>` tags of `html`, in order.
pub(crate) fn img_tags(html: &str) -> Vec<ImgTag> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        if html[start..].starts_with("<!--") {
            at = html[start + 4..]
                .find("-->")
                .map_or(html.len(), |end| start + 4 + end + 3);
            continue;
        }
        let name_end = start + 4;
        let is_img = html
            .get(start + 1..name_end)
            .is_some_and(|name| name.eq_ignore_ascii_case("img"))
            && bytes
                .get(name_end)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>');
        if !is_img {
            at = start + 1;
            continue;
        }
        match attributes(html, name_end) {
            Some((tag, end)) => {
                tags.push(tag);
                at = end;
            }
            None => break,
        }
    }
    tags
}

/// Reads the attributes of a tag from `at` to its `>`: the tag and the offset after the `>`;
/// `None` when the tag does not close.
fn attributes(html: &str, mut at: usize) -> Option<(ImgTag, usize)> {
    let bytes = html.as_bytes();
    let mut tag = ImgTag {
        src: None,
        attributes_end: at,
        has_loading: false,
    };
    loop {
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        match bytes.get(at)? {
            b'>' => {
                tag.attributes_end = at;
                return Some((tag, at + 1));
            }
            b'/' if bytes.get(at + 1) == Some(&b'>') => {
                tag.attributes_end = at;
                return Some((tag, at + 2));
            }
            _ => {}
        }
        let name_start = at;
        while bytes
            .get(at)
            .is_some_and(|b| !b.is_ascii_whitespace() && !b"/>=".contains(b))
        {
            at += 1;
        }
        if at == name_start {
            // A stray `/` or `=`.
            at += 1;
            continue;
        }
        let name = &html[name_start..at];
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        let mut value = None;
        if bytes.get(at) == Some(&b'=') {
            at += 1;
            while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                at += 1;
            }
            let (range, end) = match bytes.get(at)? {
                quote @ (b'"' | b'\'') => {
                    let close = html[at + 1..].find(*quote as char)? + at + 1;
                    (at + 1..close, close + 1)
                }
                _ => {
                    let start = at;
                    while bytes
                        .get(at)
                        .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>')
                    {
                        at += 1;
                    }
                    (start..at, at)
                }
            };
            value = Some(range);
            at = end;
        }
        if name.eq_ignore_ascii_case("src") && tag.src.is_none() {
            tag.src = value;
        } else if name.eq_ignore_ascii_case("loading") {
            tag.has_loading = true;
        }
    }
}

/// `html` with the `src` of each `<img>` tag replaced by what `rewrite` gives for it (kept
/// when it gives `None`) and `loading="lazy"` added to each tag without a `loading`; `None`
/// when `html` has no `<img>` tag. The new `src` must be safe in an attribute (the rewriter
/// gives escaped URLs).
pub(crate) fn rewrite(html: &str, rewrite: impl Fn(&str) -> Option<String>) -> Option<String> {
    let tags = img_tags(html);
    if tags.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len() + tags.len() * 32);
    let mut copied = 0;
    for tag in tags {
        if let Some(src) = &tag.src
            && let Some(new) = rewrite(&html[src.clone()])
        {
            out.push_str(&html[copied..src.start]);
            out.push_str(&new);
            copied = src.end;
        }
        if !tag.has_loading {
            out.push_str(&html[copied..tag.attributes_end]);
            if !out.ends_with(|c: char| c.is_ascii_whitespace()) {
                out.push(' ');
            }
            out.push_str("loading=\"lazy\"");
            if html[tag.attributes_end..].starts_with('/') {
                out.push(' ');
            }
            copied = tag.attributes_end;
        }
    }
    out.push_str(&html[copied..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_src_of_each_img_tag_is_found() {
        let html =
            "<p><IMG alt='a > b' src=\"x.png\" width=10></p><img src=y.png/><image src=no.png>";
        let tags = img_tags(html);
        assert_eq!(tags.len(), 2, "{tags:?}");
        let srcs: Vec<&str> = tags
            .iter()
            .map(|t| &html[t.src.clone().unwrap_or(0..0)])
            .collect();
        assert_eq!(srcs, ["x.png", "y.png/"]);
    }

    #[test]
    fn comments_and_unclosed_tags_are_not_images() {
        assert!(img_tags("<!-- <img src=a.png> --> <img src=\"b.png\"").is_empty());
        assert!(img_tags("a < b and <imgs>").is_empty());
    }

    #[test]
    fn tags_are_rewritten_and_made_lazy_keeping_their_size() {
        let html = "<img src=\"a.png\" alt=\"A\" width=\"40\" height=\"30\"> <img src='b.png' loading=eager/>";
        let out = rewrite(html, |src| Some(format!("../files/{src}"))).unwrap_or_default();
        assert_eq!(
            out,
            "<img src=\"../files/a.png\" alt=\"A\" width=\"40\" height=\"30\" loading=\"lazy\"> <img src='../files/b.png' loading=eager/>"
        );
        assert_eq!(
            rewrite("<img src=a.png />", |_| None).as_deref(),
            Some("<img src=a.png loading=\"lazy\" />")
        );
        assert_eq!(rewrite("<b>no image</b>", |_| None), None);
    }
}
