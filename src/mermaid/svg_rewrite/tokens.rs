//! Splitting SVG text into tags, text and other markup, and writing it back.

use std::borrow::Cow;

use super::{Tag, Token};

/// A token as it lies in the text: borrowed, except attribute values holding a `"`, which are
/// written with `&quot;` so they can be serialised between double quotes.
pub(super) enum TokenRef<'a> {
    Tag(TagRef<'a>),
    Text(&'a str),
    Markup(&'a str),
}

/// A tag as it lies in the text (see [`TokenRef`]).
pub(super) struct TagRef<'a> {
    pub(super) name: &'a str,
    pub(super) attributes: Vec<(&'a str, Cow<'a, str>)>,
    pub(super) closing: bool,
    pub(super) self_closing: bool,
}

impl TagRef<'_> {
    pub(super) fn opens(&self) -> bool {
        !self.closing && !self.self_closing
    }

    /// The name without its namespace prefix, lowercased.
    pub(super) fn local_name(&self) -> Cow<'_, str> {
        local_name(self.name)
    }
}

/// `name` without its namespace prefix (what follows its last `:`), case kept.
pub(super) fn without_prefix(name: &str) -> &str {
    // A byte loop: names are a few bytes long, too short for a vectorised search to pay.
    match name.bytes().rposition(|b| b == b':') {
        Some(colon) => &name[colon + 1..],
        None => name,
    }
}

/// `name` without its namespace prefix, lowercased (borrowed when it already is).
pub(super) fn local_name(name: &str) -> Cow<'_, str> {
    let local = without_prefix(name);
    if local.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(local.to_ascii_lowercase())
    } else {
        Cow::Borrowed(local)
    }
}

pub(super) fn tokenize(svg: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    scan(svg, |token| {
        tokens.push(match token {
            TokenRef::Tag(tag) => Token::Tag(Tag {
                name: tag.name.to_string(),
                attributes: tag
                    .attributes
                    .into_iter()
                    .map(|(name, value)| (name.to_string(), value.into_owned()))
                    .collect(),
                closing: tag.closing,
                self_closing: tag.self_closing,
            }),
            TokenRef::Text(text) => Token::Text(text.to_string()),
            TokenRef::Markup(markup) => Token::Markup(markup.to_string()),
        });
        true
    });
    tokens
}

/// Hands each token of `svg` to `visit`, in order, until `visit` returns `false`; whether it
/// went through them all. One reading for both the rewrites ([`tokenize`]) and the checks that
/// need no copy.
pub(super) fn scan<'a>(svg: &'a str, mut visit: impl FnMut(TokenRef<'a>) -> bool) -> bool {
    let mut rest = svg;
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            return visit(TokenRef::Text(rest));
        };
        if open > 0 && !visit(TokenRef::Text(rest.get(..open).unwrap_or(""))) {
            return false;
        }
        let markup = rest.get(open..).unwrap_or("");
        let (token, length) = read_markup(markup);
        if !visit(token) {
            return false;
        }
        rest = markup.get(length..).unwrap_or("");
    }
    true
}

/// Reads one `<…>` construct; returns it and its length in bytes.
fn read_markup(markup: &str) -> (TokenRef<'_>, usize) {
    for (start, end) in [
        ("<!--", "-->"),
        ("<![CDATA[", "]]>"),
        ("<?", "?>"),
        ("<!", ">"),
    ] {
        if markup.starts_with(start) {
            let length = markup.find(end).map_or(markup.len(), |at| at + end.len());
            return (TokenRef::Markup(markup.get(..length).unwrap_or("")), length);
        }
    }
    read_tag(markup)
}

fn read_tag(markup: &str) -> (TokenRef<'_>, usize) {
    let bytes = markup.as_bytes();
    let closing = bytes.get(1) == Some(&b'/');
    let mut index = if closing { 2 } else { 1 };
    let name_start = index;
    index = skip_while(bytes, index, |byte| !is_tag_delimiter(byte));
    let name = markup.get(name_start..index).unwrap_or("");
    if name.is_empty() {
        return (TokenRef::Text("&lt;"), 1);
    }
    let mut attributes = Vec::new();
    let mut self_closing = false;
    loop {
        index = skip_while(bytes, index, |byte| byte.is_ascii_whitespace());
        match bytes.get(index) {
            None => break,
            Some(b'>') => {
                index += 1;
                break;
            }
            Some(b'/') => {
                self_closing = true;
                index += 1;
            }
            Some(_) => {
                let (attribute, next) = read_attribute(markup, index);
                attributes.extend(attribute);
                index = next.max(index + 1);
            }
        }
    }
    let tag = TagRef {
        name,
        attributes,
        closing,
        self_closing: self_closing && !closing,
    };
    (TokenRef::Tag(tag), index.min(markup.len()))
}

/// The first index at or after `index` whose byte does not satisfy `keep` (or the end).
fn skip_while(bytes: &[u8], mut index: usize, keep: impl Fn(u8) -> bool) -> usize {
    while bytes.get(index).is_some_and(|byte| keep(*byte)) {
        index += 1;
    }
    index
}

fn is_tag_delimiter(byte: u8) -> bool {
    byte.is_ascii_whitespace() || byte == b'>' || byte == b'/'
}

/// An attribute value as it will be written between double quotes.
fn quoted_value(value: &str) -> Cow<'_, str> {
    if value.contains('"') {
        Cow::Owned(value.replace('"', "&quot;"))
    } else {
        Cow::Borrowed(value)
    }
}

/// An attribute: its name and its value, as written between double quotes.
type Attribute<'a> = (&'a str, Cow<'a, str>);

/// Reads `name="value"` (or `'value'`, or a bare name) starting at `start`; a nameless
/// `="…"` is dropped.
fn read_attribute(markup: &str, start: usize) -> (Option<Attribute<'_>>, usize) {
    let bytes = markup.as_bytes();
    let mut index = start;
    index = skip_while(bytes, index, |byte| !is_tag_delimiter(byte) && byte != b'=');
    let name = markup.get(start..index).unwrap_or("");
    if bytes.get(index) != Some(&b'=') {
        let attribute = (!name.is_empty()).then_some((name, Cow::Borrowed(name)));
        return (attribute, index);
    }
    if name.is_empty() {
        return (None, index + 1);
    }
    index += 1;
    let Some(&quote) = bytes.get(index).filter(|b| **b == b'"' || **b == b'\'') else {
        let value_start = index;
        index = skip_while(bytes, index, |byte| !is_tag_delimiter(byte));
        let value = quoted_value(markup.get(value_start..index).unwrap_or(""));
        return (Some((name, value)), index);
    };
    let value_start = index + 1;
    let value_end = markup
        .get(value_start..)
        .and_then(|rest| rest.find(quote as char))
        .map_or(markup.len(), |at| value_start + at);
    let value = quoted_value(markup.get(value_start..value_end).unwrap_or(""));
    (Some((name, value)), value_end + 1)
}

pub(super) fn serialize(tokens: &[Token]) -> String {
    let mut out = String::new();
    for token in tokens {
        match token {
            Token::Text(text) | Token::Markup(text) => out.push_str(text),
            Token::Tag(tag) => write_tag(&mut out, tag),
        }
    }
    out
}

fn write_tag(out: &mut String, tag: &Tag) {
    out.push('<');
    if tag.closing {
        out.push('/');
    }
    out.push_str(&tag.name);
    for (name, value) in &tag.attributes {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        out.push_str(value);
        out.push('"');
    }
    out.push_str(if tag.self_closing { "/>" } else { ">" });
}
