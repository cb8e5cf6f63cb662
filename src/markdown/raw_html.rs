//! Raw HTML in Markdown that a browser would read otherwise than its author meant, found once
//! per file ([`scan`]) and shown as written on the page ([`shown`]).
//!
//! Three kinds take more of a page than they say:
//! - a comment never closed (`<!-- TODO`): the browser hides everything after it, the pager,
//!   sidebar and footer included, and on a series' print page every later episode;
//! - an element whose content the browser reads as text (`script`, `style`, `iframe`,
//!   `noembed`, `noframes`, `noscript`, `xmp`, `plaintext`, `title`, `textarea`) opened
//!   without its closing tag in the same HTML block or paragraph ("set the `<title>` of the
//!   page"): everything after it becomes the element's text. `plaintext` never ends, so it
//!   is never kept;
//! - in inline HTML, a tag that names no element of HTML, SVG or MathML and is no custom
//!   element (which has a `-`): the browser drops `<String>` from `List<String>`.
//!
//! Each is shown as text: its `<` is written `&lt;`, so the reader sees what was written,
//! and a finding gives its line and column. An unclosed comment is shown rather than dropped:
//! CommonMark runs it to the end of its container, so dropping it would drop the rest of the
//! episode from its page, silently; shown, nothing the author wrote is lost and the page shows
//! where the comment starts.
//!
//! A file is read in one pass: each HTML block, and the inline HTML of each paragraph,
//! heading or cell, is one piece of HTML scanned from left to right; the content of a closed
//! comment or raw-text element is stepped over, as the browser does.

use std::ops::Range;

use pulldown_cmark::Event;

use crate::diagnostic::{Diagnostic, RuleId};
use crate::source::SourceFile;

/// A `<` of raw HTML shown as text: the event holding it (by index into the file's events)
/// and its byte in that event's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Shown {
    /// Index of the `Html` or `InlineHtml` event.
    pub event_index: usize,
    /// Byte of the `<` in the event's text.
    pub at: usize,
}

/// Elements whose content the browser reads as text up to their closing tag.
const RAW_TEXT: &[&str] = &[
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
];

/// The element names of HTML (with the obsolete ones browsers still know), SVG and MathML,
/// lowercase and sorted.
const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "altglyph",
    "altglyphdef",
    "altglyphitem",
    "animate",
    "animatecolor",
    "animatemotion",
    "animatetransform",
    "annotation",
    "applet",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "basefont",
    "bdi",
    "bdo",
    "bgsound",
    "big",
    "blink",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "circle",
    "cite",
    "clippath",
    "code",
    "col",
    "colgroup",
    "cursor",
    "data",
    "datalist",
    "dd",
    "defs",
    "del",
    "desc",
    "details",
    "dfn",
    "dialog",
    "dir",
    "discard",
    "div",
    "dl",
    "dt",
    "ellipse",
    "em",
    "embed",
    "feblend",
    "fecolormatrix",
    "fecomponenttransfer",
    "fecomposite",
    "feconvolvematrix",
    "fediffuselighting",
    "fedisplacementmap",
    "fedistantlight",
    "fedropshadow",
    "feflood",
    "fefunca",
    "fefuncb",
    "fefuncg",
    "fefuncr",
    "fegaussianblur",
    "feimage",
    "femerge",
    "femergenode",
    "femorphology",
    "feoffset",
    "fepointlight",
    "fespecularlighting",
    "fespotlight",
    "fetile",
    "feturbulence",
    "fieldset",
    "figcaption",
    "figure",
    "filter",
    "font",
    "footer",
    "foreignobject",
    "form",
    "frame",
    "frameset",
    "g",
    "glyph",
    "glyphref",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hatch",
    "hatchpath",
    "head",
    "header",
    "hgroup",
    "hkern",
    "hr",
    "html",
    "i",
    "iframe",
    "image",
    "img",
    "input",
    "ins",
    "isindex",
    "kbd",
    "keygen",
    "label",
    "legend",
    "li",
    "line",
    "lineargradient",
    "link",
    "listing",
    "maction",
    "main",
    "maligngroup",
    "malignmark",
    "map",
    "mark",
    "marker",
    "marquee",
    "mask",
    "math",
    "menclose",
    "menu",
    "menuitem",
    "merror",
    "mesh",
    "meshgradient",
    "meshpatch",
    "meshrow",
    "meta",
    "metadata",
    "meter",
    "mfenced",
    "mfrac",
    "mglyph",
    "mi",
    "mlabeledtr",
    "mlongdiv",
    "mmultiscripts",
    "mn",
    "mo",
    "mover",
    "mpadded",
    "mpath",
    "mphantom",
    "mprescripts",
    "mroot",
    "mrow",
    "ms",
    "mscarries",
    "mscarry",
    "msgroup",
    "msline",
    "mspace",
    "msqrt",
    "msrow",
    "mstack",
    "mstyle",
    "msub",
    "msubsup",
    "msup",
    "mtable",
    "mtd",
    "mtext",
    "mtr",
    "multicol",
    "munder",
    "munderover",
    "nav",
    "nextid",
    "nobr",
    "noembed",
    "noframes",
    "none",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "path",
    "pattern",
    "picture",
    "plaintext",
    "polygon",
    "polyline",
    "pre",
    "progress",
    "q",
    "radialgradient",
    "rb",
    "rect",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "script",
    "search",
    "section",
    "select",
    "selectedcontent",
    "semantics",
    "set",
    "slot",
    "small",
    "solidcolor",
    "source",
    "spacer",
    "span",
    "stop",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "switch",
    "symbol",
    "table",
    "tbody",
    "td",
    "template",
    "text",
    "textarea",
    "textpath",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tref",
    "tspan",
    "tt",
    "u",
    "ul",
    "unknown",
    "use",
    "var",
    "video",
    "view",
    "vkern",
    "wbr",
    "xmp",
];

/// What a browser would misread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Misread {
    /// `<!--` with no `-->` after it.
    UnclosedComment,
    /// A raw-text or RCDATA element opened and not closed.
    UnclosedRawText,
    /// A tag naming no element (inline HTML only).
    UnknownElement,
}

/// One piece of raw HTML: an HTML block, or the inline HTML of one paragraph, heading or cell.
#[derive(Default)]
struct Piece {
    text: String,
    /// Each event's index, where its text starts in `text`, and where it starts in the file.
    parts: Vec<(usize, usize, usize)>,
    inline: bool,
}

/// The `<`s of `events` (the file's events) to show as text, in order, and a finding for
/// each.
pub(crate) fn scan(
    source: &SourceFile,
    events: &[(Event<'_>, Range<usize>)],
) -> (Vec<Shown>, Vec<Diagnostic>) {
    let mut found = (Vec::new(), Vec::new());
    let mut piece = Piece::default();
    for (index, (event, range)) in events.iter().enumerate() {
        let (html, inline) = match event {
            Event::Html(html) => (html, false),
            Event::InlineHtml(html) => (html, true),
            Event::Start(tag) if super::walker::is_inline(tag) => continue,
            Event::End(tag) if super::walker::is_inline_end(*tag) => continue,
            Event::Start(_) | Event::End(_) => {
                flush(source, &mut piece, &mut found);
                continue;
            }
            _ => continue,
        };
        if inline != piece.inline {
            flush(source, &mut piece, &mut found);
            piece.inline = inline;
        }
        let in_file = source.text.get(range.clone()).unwrap_or_default();
        let file_start = if in_file.ends_with(&**html) {
            range.end - html.len()
        } else {
            range.start
        };
        piece.parts.push((index, piece.text.len(), file_start));
        piece.text.push_str(html);
    }
    flush(source, &mut piece, &mut found);
    found
}

/// Scans the piece gathered so far into `found`, and starts the next.
fn flush(source: &SourceFile, piece: &mut Piece, found: &mut (Vec<Shown>, Vec<Diagnostic>)) {
    let inline = piece.inline;
    if piece.text.is_empty() {
        return;
    }
    for (at, misread, name) in misreads(&piece.text, inline) {
        let part = piece.parts.partition_point(|&(_, start, _)| start <= at);
        let Some(&(event_index, start, file_start)) =
            part.checked_sub(1).and_then(|p| piece.parts.get(p))
        else {
            continue;
        };
        found.0.push(Shown {
            event_index,
            at: at - start,
        });
        let file_at = (file_start + at - start).min(source.text.len());
        found.1.push(finding(source, file_at, misread, name));
    }
    *piece = Piece {
        inline,
        ..Piece::default()
    };
}

/// The finding for what is misread at `at` (a byte of the file).
fn finding(source: &SourceFile, at: usize, misread: Misread, name: &str) -> Diagnostic {
    let file = &source.rel_path;
    match misread {
        Misread::UnclosedComment => Diagnostic::new(
            RuleId::UnterminatedComment,
            file,
            at..at + 4,
            "HTML comment is never closed",
        )
        .label("shown as text: left open, it would hide everything after it, to the end of the page")
        .help("add `-->` where the comment ends"),
        Misread::UnclosedRawText => Diagnostic::new(
            RuleId::UnclosedHtmlElement,
            file,
            at..at + 1 + name.len(),
            format!("`<{name}>` is opened and never closed, so it is shown as text"),
        )
        .label(format!("left open, the browser would read everything after it as the text of the `{name}` element"))
        .help(format!("to write about the element, wrap it in backticks: `<{name}>`"))
        .help(format!("to use it, close it with `</{name}>` in the same paragraph or HTML block")),
        Misread::UnknownElement => Diagnostic::new(
            RuleId::UnknownHtmlElement,
            file,
            at..at + 1 + name.len(),
            format!("`{name}` is not an HTML element, so the tag is shown as written"),
        )
        .label("the browser would drop this tag and its name from the page")
        .help("wrap code in backticks (`List<String>`) to show it as code"),
    }
}

/// What a browser would misread in `html`: the byte of each `<`, what, and the tag's name as
/// written. Unknown element names are looked for only in `inline` HTML.
fn misreads(html: &str, inline: bool) -> Vec<(usize, Misread, &str)> {
    let lower = html.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let last_closing: Vec<Option<usize>> = RAW_TEXT
        .iter()
        .map(|name| last_closing_tag(&lower, name))
        .collect();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = lower[from..].find('<') {
        let at = from + offset;
        let rest = &lower[at..];
        if rest.starts_with("<!--") {
            match comment_len(rest) {
                Some(len) => from = at + len,
                None => {
                    found.push((at, Misread::UnclosedComment, ""));
                    from = at + 4;
                }
            }
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = at + if closing { 2 } else { 1 };
        let Some(name_end) = tag_name_end(bytes, name_start) else {
            from = at + 1;
            continue;
        };
        let name = &lower[name_start..name_end];
        let end = tag_end(bytes, name_end);
        if inline && !name.contains('-') && ELEMENTS.binary_search(&name).is_err() {
            found.push((at, Misread::UnknownElement, &html[name_start..name_end]));
            from = end;
            continue;
        }
        from = end;
        if let Some(raw) = RAW_TEXT
            .iter()
            .position(|r| *r == name)
            .filter(|_| !closing)
        {
            let closed = last_closing[raw]
                .filter(|&last| last >= end && name != "plaintext")
                .and_then(|_| next_closing_tag(&lower, name, end));
            match closed {
                Some(after) => from = after,
                None => found.push((at, Misread::UnclosedRawText, &html[name_start..name_end])),
            }
        }
    }
    found
}

/// The length of the comment that starts `rest` (with `<!--`), `None` when it is never closed.
/// `<!-->` and `<!--->` are whole (empty) comments.
fn comment_len(rest: &str) -> Option<usize> {
    if rest.starts_with("<!-->") {
        return Some(5);
    }
    if rest.starts_with("<!--->") {
        return Some(6);
    }
    rest[4..].find("-->").map(|end| 4 + end + 3)
}

/// Where the tag name starting at `start` ends: a letter, then letters, digits and `-`, then
/// a space, `/`, `>` or the end. `None` when no tag name starts there.
fn tag_name_end(bytes: &[u8], start: usize) -> Option<usize> {
    if !bytes.get(start)?.is_ascii_alphabetic() {
        return None;
    }
    let len = bytes[start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
        .count();
    let end = start + len;
    match bytes.get(end) {
        None | Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'/' | b'>') => Some(end),
        Some(_) => None,
    }
}

/// Just past the `>` that ends the tag whose name ends at `from` (quoted attribute values
/// may hold `>`), or the end of the text.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (offset, &b) in bytes[from..].iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return from + offset + 1,
            _ => {}
        }
    }
    bytes.len()
}

/// Whether `</name` at `at` of `lower` is a closing tag of `name` (and not of `name…`).
fn is_closing_tag(lower: &str, at: usize, name: &str) -> bool {
    tag_name_end(lower.as_bytes(), at + 2) == Some(at + 2 + name.len())
}

/// Where the last closing tag of `name` in `lower` starts.
fn last_closing_tag(lower: &str, name: &str) -> Option<usize> {
    let pattern = format!("</{name}");
    let mut end = lower.len();
    while let Some(at) = lower[..end].rfind(&pattern) {
        if is_closing_tag(lower, at, name) {
            return Some(at);
        }
        end = at + pattern.len() - 1;
    }
    None
}

/// Just past the first closing tag of `name` at or after `from`.
fn next_closing_tag(lower: &str, name: &str, from: usize) -> Option<usize> {
    let pattern = format!("</{name}");
    let mut from = from;
    while let Some(offset) = lower[from..].find(&pattern) {
        let at = from + offset;
        if is_closing_tag(lower, at, name) {
            return Some(tag_end(lower.as_bytes(), at + pattern.len()));
        }
        from = at + 1;
    }
    None
}

/// `html` (the text of the event at `event_index`) with the `<`s that `shown` (sorted) lists
/// for it written `&lt;`; `None` when it lists none.
pub(crate) fn shown(shown: &[Shown], event_index: usize, html: &str) -> Option<String> {
    let first = shown.partition_point(|s| s.event_index < event_index);
    let mine = shown[first..]
        .iter()
        .take_while(|s| s.event_index == event_index);
    let mut out = String::with_capacity(html.len() + 8);
    let mut copied = 0;
    for s in mine {
        if html.as_bytes().get(s.at) != Some(&b'<') {
            continue;
        }
        out.push_str(&html[copied..s.at]);
        out.push_str("&lt;");
        copied = s.at + 1;
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&html[copied..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(html: &str, inline: bool) -> Vec<(usize, Misread, &str)> {
        misreads(html, inline)
    }

    #[test]
    fn the_element_lists_are_sorted_lowercase_and_raw_text_elements_are_elements() {
        assert!(ELEMENTS.windows(2).all(|w| w[0] < w[1]));
        assert!(ELEMENTS.iter().all(|e| *e == e.to_ascii_lowercase()));
        assert!(RAW_TEXT.iter().all(|r| ELEMENTS.binary_search(r).is_ok()));
    }

    #[test]
    fn an_unclosed_comment_is_found_and_closed_ones_are_not() {
        assert_eq!(
            kinds("<!-- TODO\nmore\n", false),
            [(0, Misread::UnclosedComment, "")]
        );
        assert!(kinds("<!-- a --> <!--> <!---> <div>x</div>", false).is_empty());
        assert_eq!(
            kinds("<div>\n<!-- a --> <!-- b\n", false),
            [(17, Misread::UnclosedComment, "")]
        );
    }

    #[test]
    fn raw_text_elements_need_their_closing_tag() {
        assert_eq!(
            kinds("<iframe>", true),
            [(0, Misread::UnclosedRawText, "iframe")]
        );
        assert_eq!(
            kinds("<TITLE lang=\"en\">", true),
            [(0, Misread::UnclosedRawText, "TITLE")]
        );
        assert!(kinds("<script>if (a<b) {}</script>", false).is_empty());
        assert!(kinds("<textarea><title></textarea >", false).is_empty());
        assert_eq!(
            kinds("<style></styles>", false),
            [(0, Misread::UnclosedRawText, "style")]
        );
        // `plaintext` never ends.
        assert_eq!(
            kinds("<plaintext></plaintext>", false),
            [(0, Misread::UnclosedRawText, "plaintext")]
        );
        // What a closed comment or element holds is not read as tags.
        assert!(kinds("<!-- <title> --><script>\"<xmp>\"</script>", false).is_empty());
        // Two left open, one closing tag: the first is closed by it, the second not.
        assert_eq!(
            kinds("<xmp></xmp><xmp>", true),
            [(11, Misread::UnclosedRawText, "xmp")]
        );
    }

    #[test]
    fn unknown_elements_are_found_in_inline_html_only() {
        assert_eq!(
            kinds("<String>", true),
            [(0, Misread::UnknownElement, "String")]
        );
        assert_eq!(
            kinds("</String>", true),
            [(0, Misread::UnknownElement, "String")]
        );
        assert!(kinds("<String>", false).is_empty());
        for known in [
            "<kbd>",
            "</kbd>",
            "<br/>",
            "<sup>",
            "<abbr title=\"x>y\">",
            "<span class=\"a\">",
            "<my-widget>",
            "<svg>",
            "<linearGradient>",
            "<mfrac>",
            "<details>",
        ] {
            assert!(kinds(known, true).is_empty(), "{known}");
        }
        assert!(kinds("a < b, <3, <!DOCTYPE html>, <?php", true).is_empty());
    }

    #[test]
    fn shown_writes_the_listed_angle_brackets_as_entities() {
        let list = [
            Shown {
                event_index: 2,
                at: 0,
            },
            Shown {
                event_index: 3,
                at: 6,
            },
            Shown {
                event_index: 3,
                at: 11,
            },
        ];
        assert_eq!(shown(&list, 1, "<b>"), None);
        assert_eq!(shown(&list, 2, "<T>").as_deref(), Some("&lt;T>"));
        assert_eq!(
            shown(&list, 3, "<div> <!-- <xmp>").as_deref(),
            Some("<div> &lt;!-- &lt;xmp>")
        );
    }
}
