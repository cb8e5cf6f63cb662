//! Escaping and unescaping XML text.

pub(super) fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Decodes the five predefined XML entities and numeric character references.
pub(crate) fn xml_unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let entity = rest.get(at..).unwrap_or("");
        let end = entity.find(';').filter(|end| *end <= 10);
        let decoded = end.and_then(|end| decode_entity(entity.get(1..end)?));
        match (decoded, end) {
            (Some(ch), Some(end)) => {
                out.push(ch);
                rest = entity.get(end + 1..).unwrap_or("");
            }
            _ => {
                out.push('&');
                rest = entity.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `text` holds a character reference (`&` then a letter, digit or `#`) that
/// [`xml_unescape`] leaves as it is: HTML knows some two thousand names, and decodes some even
/// without their `;`.
pub(crate) fn has_unknown_reference(text: &str) -> bool {
    text.match_indices('&').any(|(at, _)| {
        let entity = &text[at..];
        let starts_reference = entity[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '#');
        let decoded = entity
            .find(';')
            .filter(|end| *end <= 10)
            .and_then(|end| decode_entity(entity.get(1..end)?));
        starts_reference && decoded.is_none()
    })
}

fn decode_entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse::<u32>().ok()?,
            };
            char::from_u32(code)
        }
    }
}
