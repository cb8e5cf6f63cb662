//! Recognising colour literals and rewriting them to the palette's custom properties.

/// An RGB colour with an alpha between 0 and 1.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rgba {
    rgb: [u8; 3],
    alpha: f64,
}

/// Parses `#rgb` or `#rrggbb` (case-insensitive).
pub(super) fn parse_hex(text: &str) -> Option<[u8; 3]> {
    let digits = text.strip_prefix('#')?;
    if !digits.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |index: usize, width: usize| {
        let part = digits.get(index * width..(index + 1) * width)?;
        let value = u8::from_str_radix(part, 16).ok()?;
        Some(if width == 1 { value * 17 } else { value })
    };
    let width = match digits.len() {
        3 => 1,
        6 => 2,
        _ => return None,
    };
    Some([channel(0, width)?, channel(1, width)?, channel(2, width)?])
}

/// Parses the inside of `rgb(…)`/`rgba(…)`: commas or spaces, optional `/ alpha`.
fn parse_rgb_function(arguments: &str) -> Option<Rgba> {
    let parts: Vec<&str> = arguments
        .split([',', ' ', '/'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    let channel = |part: &str| {
        part.parse::<f64>()
            .ok()
            .filter(|v| (0.0..=255.0).contains(v))
    };
    let [r, g, b] = [
        channel(parts.first()?)?,
        channel(parts.get(1)?)?,
        channel(parts.get(2)?)?,
    ];
    let alpha = match parts.get(3) {
        Some(part) => parse_alpha(part)?,
        None => 1.0,
    };
    if parts.len() > 4 {
        return None;
    }
    Some(Rgba {
        rgb: [r.round() as u8, g.round() as u8, b.round() as u8],
        alpha,
    })
}

fn parse_alpha(part: &str) -> Option<f64> {
    let value = match part.strip_suffix('%') {
        Some(percent) => percent.parse::<f64>().ok()? / 100.0,
        None => part.parse::<f64>().ok()?,
    };
    (0.0..=1.0).contains(&value).then_some(value)
}

/// The custom-property form of one colour literal, or `None` if it is not in the palette.
fn themed(literal: &str, color: Rgba, generic: GenericColors) -> Option<String> {
    let entry = super::theme::by_rgb(color.rgb)?;
    if generic == GenericColors::Keep && matches!(color.rgb, [0, 0, 0] | [255, 255, 255]) {
        return None;
    }
    let reference = format!("var({}, {})", entry.property, literal);
    if color.alpha >= 1.0 {
        return Some(reference);
    }
    let percent = (color.alpha * 1000.0).round() / 10.0;
    let fallback = format!("var({}, {})", entry.property, entry.light);
    Some(format!(
        "color-mix(in srgb, {fallback} {percent}%, transparent)"
    ))
}

fn is_name_char(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || ch == '-' || ch == '_'
}

/// Whether black and white (`--mermaid-ink`, `--mermaid-canvas`) are themed in a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GenericColors {
    Theme,
    Keep,
}

/// Rewrites every palette colour in one CSS value or SVG paint attribute.
pub(super) fn rewrite_value(value: &str) -> String {
    rewrite_value_with(value, GenericColors::Theme)
}

fn rewrite_value_with(value: &str, generic: GenericColors) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some((index, ch)) = rest.char_indices().next() {
        debug_assert_eq!(index, 0);
        let previous_is_name = out.chars().next_back().is_some_and(is_name_char);
        let consumed = if previous_is_name {
            None
        } else {
            rewrite_token_at(rest, generic, &mut out)
        };
        match consumed {
            Some(length) => rest = rest.get(length..).unwrap_or(""),
            None => {
                out.push(ch);
                rest = rest.get(ch.len_utf8()..).unwrap_or("");
            }
        }
    }
    out
}

/// Handles the token starting `text`, if it is a colour or a `url(…)`; returns its length.
fn rewrite_token_at(text: &str, generic: GenericColors, out: &mut String) -> Option<usize> {
    let first = text.as_bytes().first()?.to_ascii_lowercase();
    if !matches!(first, b'#' | b'u' | b'r' | b'b' | b'w') {
        return None;
    }
    let starts_with = |prefix: &str| {
        text.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    if starts_with("url(") {
        let length = text.find(')').map_or(text.len(), |end| end + 1);
        out.push_str(text.get(..length).unwrap_or(text));
        return Some(length);
    }
    let (literal, color) = if text.starts_with('#') {
        hex_token(text)?
    } else if starts_with("rgb(") || starts_with("rgba(") {
        function_token(text)?
    } else {
        keyword_token(text)?
    };
    out.push_str(&themed(literal, color, generic)?);
    Some(literal.len())
}

fn hex_token(text: &str) -> Option<(&str, Rgba)> {
    let digits = text
        .get(1..)?
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .count();
    let length = 1 + digits;
    let literal = text.get(..length)?;
    if text.get(length..)?.chars().next().is_some_and(is_name_char) {
        return None;
    }
    let rgb = parse_hex(literal)?;
    Some((literal, Rgba { rgb, alpha: 1.0 }))
}

fn function_token(text: &str) -> Option<(&str, Rgba)> {
    let open = text.find('(')?;
    let close = text.find(')')?;
    let literal = text.get(..=close)?;
    let color = parse_rgb_function(text.get(open + 1..close)?)?;
    Some((literal, color))
}

fn keyword_token(text: &str) -> Option<(&str, Rgba)> {
    let length = text
        .chars()
        .take_while(|ch| ch.is_ascii_alphabetic())
        .count();
    let literal = text.get(..length)?;
    if text.get(length..)?.chars().next().is_some_and(is_name_char) {
        return None;
    }
    let rgb = match literal.to_ascii_lowercase().as_str() {
        "black" => [0, 0, 0],
        "white" => [255, 255, 255],
        _ => return None,
    };
    Some((literal, Rgba { rgb, alpha: 1.0 }))
}

/// Rewrites palette colours in a stylesheet or a `style` attribute: only declaration values
/// are touched, never selectors (so `#id` selectors survive).
pub(super) fn rewrite_stylesheet(css: &str) -> String {
    let mut out = String::with_capacity(css.len() + css.len() / 4);
    let mut segment_start = 0;
    let mut quote: Option<char> = None;
    for (index, ch) in css.char_indices() {
        if let Some(open) = quote {
            if ch == open {
                quote = None;
            }
            continue;
        }
        match ch {
            '"' | '\'' => quote = Some(ch),
            '{' | ';' | '}' => {
                let segment = css.get(segment_start..index).unwrap_or("");
                if ch == '{' {
                    out.push_str(segment);
                } else {
                    out.push_str(&rewrite_declaration(segment));
                }
                out.push(ch);
                segment_start = index + 1;
            }
            _ => {}
        }
    }
    out.push_str(&rewrite_declaration(css.get(segment_start..).unwrap_or("")));
    out
}

/// Themes one `property: value`. `!important` values are where authors' `style`/`classDef`
/// colours land, so there black and white stay as written (`color:#fff` on a red node must
/// stay white); palette colours are themed everywhere.
fn rewrite_declaration(declaration: &str) -> String {
    match declaration.split_once(':') {
        Some((property, value)) => {
            let generic = if value.contains("!important") {
                GenericColors::Keep
            } else {
                GenericColors::Theme
            };
            format!("{property}:{}", rewrite_value_with(value, generic))
        }
        None => declaration.to_string(),
    }
}
#[cfg(test)]
mod tests {
    use crate::mermaid::css_color;

    #[test]
    fn colour_rewrite_touches_values_not_selectors() {
        let css = "#abc .node{fill:#f8fafc;stroke:rgb(148, 163, 184);filter:url(#abcabc)}";
        let out = css_color::rewrite_stylesheet(css);
        assert_eq!(
            out,
            "#abc .node{fill:var(--mermaid-surface, #f8fafc);stroke:var(--mermaid-border, rgb(148, 163, 184));filter:url(#abcabc)}"
        );
        let translucent = css_color::rewrite_value("rgba(241, 245, 249, 0.5)");
        assert!(translucent.starts_with("color-mix(in srgb, var(--mermaid-surface-muted"));
        assert_eq!(css_color::rewrite_value("#123456"), "#123456");
    }
}
