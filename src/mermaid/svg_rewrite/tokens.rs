//! Splitting SVG text into tags, text and other markup, and writing it back.

use super::{Tag, Token};

pub(super) fn tokenize(svg: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut rest = svg;
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            tokens.push(Token::Text(rest.to_string()));
            break;
        };
        if open > 0 {
            tokens.push(Token::Text(rest.get(..open).unwrap_or("").to_string()));
        }
        let markup = rest.get(open..).unwrap_or("");
        let (token, length) = read_markup(markup);
        tokens.push(token);
        rest = markup.get(length..).unwrap_or("");
    }
    tokens
}

/// Reads one `<…>` construct; returns it and its length in bytes.
fn read_markup(markup: &str) -> (Token, usize) {
    for (start, end) in [
        ("<!--", "-->"),
        ("<![CDATA[", "]]>"),
        ("<?", "?>"),
        ("<!", ">"),
    ] {
        if markup.starts_with(start) {
            let length = markup.find(end).map_or(markup.len(), |at| at + end.len());
            return (
                Token::Markup(markup.get(..length).unwrap_or("").to_string()),
                length,
            );
        }
    }
    read_tag(markup)
}

fn read_tag(markup: &str) -> (Token, usize) {
    let bytes = markup.as_bytes();
    let closing = bytes.get(1) == Some(&b'/');
    let mut index = if closing { 2 } else { 1 };
    let name_start = index;
    index = skip_while(bytes, index, |byte| !is_tag_delimiter(byte));
    let name = markup.get(name_start..index).unwrap_or("").to_string();
    if name.is_empty() {
        return (Token::Text("&lt;".to_string()), 1);
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
    let tag = Tag {
        name,
        attributes,
        closing,
        self_closing: self_closing && !closing,
    };
    (Token::Tag(tag), index.min(markup.len()))
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

/// Reads `name="value"` (or `'value'`, or a bare name) starting at `start`; a nameless
/// `="…"` is dropped.
fn read_attribute(markup: &str, start: usize) -> (Option<(String, String)>, usize) {
    let bytes = markup.as_bytes();
    let mut index = start;
    index = skip_while(bytes, index, |byte| !is_tag_delimiter(byte) && byte != b'=');
    let name = markup.get(start..index).unwrap_or("").to_string();
    if bytes.get(index) != Some(&b'=') {
        let attribute = (!name.is_empty()).then(|| (name.clone(), name));
        return (attribute, index);
    }
    if name.is_empty() {
        return (None, index + 1);
    }
    index += 1;
    let Some(&quote) = bytes.get(index).filter(|b| **b == b'"' || **b == b'\'') else {
        let value_start = index;
        index = skip_while(bytes, index, |byte| !is_tag_delimiter(byte));
        let value = markup
            .get(value_start..index)
            .unwrap_or("")
            .replace('"', "&quot;");
        return (Some((name, value)), index);
    };
    let value_start = index + 1;
    let value_end = markup
        .get(value_start..)
        .and_then(|rest| rest.find(quote as char))
        .map_or(markup.len(), |at| value_start + at);
    let value = markup
        .get(value_start..value_end)
        .unwrap_or("")
        .replace('"', "&quot;");
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
