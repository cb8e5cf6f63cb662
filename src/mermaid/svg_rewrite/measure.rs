//! Test helpers that measure finished SVG: element positions, painted colours, contrast.

use super::geometry::offsets;
use super::tokens::tokenize;
use super::{Tag, Token};
use crate::mermaid::css_color::parse_hex;
use crate::mermaid::theme_properties;

/// The colour scheme a colour is resolved for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scheme {
    Light,
    Dark,
}

/// One start tag of the SVG with the text right after it and the offset of its coordinate
/// system (the sum of the `translate(…)`s of it and its ancestors).
pub(super) struct Element {
    pub(super) tag: Tag,
    pub(super) text: String,
    pub(super) offset: (f64, f64),
}

/// Every start tag of `svg`, in order.
pub(super) fn elements(svg: &str) -> Vec<Element> {
    let tokens = tokenize(svg);
    let offsets = offsets(&tokens);
    tokens
        .iter()
        .enumerate()
        .filter_map(|(index, token)| match token {
            Token::Tag(tag) if !tag.closing => Some(Element {
                tag: tag.clone(),
                text: match tokens.get(index + 1) {
                    Some(Token::Text(text)) => text.clone(),
                    _ => String::new(),
                },
                offset: offsets.get(index).copied().unwrap_or((0.0, 0.0)),
            }),
            _ => None,
        })
        .collect()
}

/// A numeric attribute, or 0.
pub(super) fn number(tag: &Tag, name: &str) -> f64 {
    super::geometry::number(tag, name).unwrap_or(0.0)
}

/// The value of one declaration of the `style` attribute.
pub(super) fn style_property(tag: &Tag, property: &str) -> Option<String> {
    tag.attribute("style")?.split(';').find_map(|declaration| {
        let (name, value) = declaration.split_once(':')?;
        (name.trim() == property).then(|| value.replace("!important", "").trim().to_string())
    })
}

/// The RGB colour a paint value gives in a scheme: a hex literal, `var(--mermaid-…, …)` (the
/// palette's value for the scheme), or `color-mix(in srgb, A p%, B)` of those.
pub(super) fn resolve(value: &str, scheme: Scheme) -> Option<[f64; 3]> {
    let value = value.trim();
    if let Some(inside) = value
        .strip_prefix("color-mix(in srgb,")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        let (first, second) = split_top_level_comma(inside)?;
        let (first, share) = with_percent(first)?;
        let (second, _) = with_percent(second)?;
        let a = resolve(first, scheme)?;
        let b = resolve(second, scheme)?;
        let share = share.unwrap_or(50.0) / 100.0;
        return Some([0, 1, 2].map(|i| a[i] * share + b[i] * (1.0 - share)));
    }
    if let Some(inside) = value
        .strip_prefix("var(")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        let (name, fallback) = inside.split_once(',').unwrap_or((inside, ""));
        let name = name.trim();
        let palette = theme_properties()
            .into_iter()
            .find(|(property, _, _)| *property == name);
        return match palette {
            Some((_, light, dark)) => {
                resolve(if scheme == Scheme::Light { light } else { dark }, scheme)
            }
            None => resolve(fallback, scheme),
        };
    }
    parse_hex(value).map(|rgb| rgb.map(f64::from))
}

fn split_top_level_comma(text: &str) -> Option<(&str, &str)> {
    let mut depth = 0i32;
    for (at, character) in text.char_indices() {
        match character {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => return Some((&text[..at], &text[at + 1..])),
            _ => {}
        }
    }
    None
}

/// `"var(--x, #fff) 25%"` → (`"var(--x, #fff)"`, `Some(25.0)`).
fn with_percent(part: &str) -> Option<(&str, Option<f64>)> {
    let part = part.trim();
    match part.rsplit_once(' ') {
        Some((colour, percent)) if percent.ends_with('%') && colour.ends_with(')') => Some((
            colour.trim(),
            Some(percent.trim_end_matches('%').parse().ok()?),
        )),
        _ => Some((part, None)),
    }
}

/// The WCAG contrast ratio of two colours.
pub(super) fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
    let luminance = |rgb: [f64; 3]| {
        let channel = |value: f64| {
            let value = value / 255.0;
            if value <= 0.039_28 {
                value / 12.92
            } else {
                ((value + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
    };
    let (light, dark) = {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y), x.min(y))
    };
    (light + 0.05) / (dark + 0.05)
}

#[test]
fn palette_colours_and_their_mixes_resolve_per_scheme() {
    let white = resolve("var(--mermaid-canvas, #ffffff)", Scheme::Light);
    assert_eq!(white, Some([255.0; 3]));
    let mix = resolve(
        "color-mix(in srgb, var(--mermaid-ink, #000000) 25%, var(--mermaid-canvas, #ffffff))",
        Scheme::Light,
    );
    assert_eq!(mix, Some([191.25; 3]));
    let dark = resolve("var(--mermaid-canvas, #ffffff)", Scheme::Dark);
    assert_eq!(dark, Some([15.0, 23.0, 42.0]));
    assert!((contrast([0.0; 3], [255.0; 3]) - 21.0).abs() < 1e-9);
}
