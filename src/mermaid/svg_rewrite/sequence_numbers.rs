//! Sequence `autonumber` badges: numbers that contrast with the circle behind them.
//!
//! merman draws each step number as `<text class="sequenceNumber">` over a circle marker, and
//! paints the number with a fixed brown (`#9b8b74`) that is not in the palette; on the palette's
//! slate circle that is a contrast of 1.2:1, i.e. no number at all. Every circle is painted with
//! `--mermaid-text` and every number with `--mermaid-canvas`, the palette's strongest pair in
//! both colour schemes (as Mermaid's own white-on-dark badges).

use super::{Token, has_class, set_attribute};
use crate::mermaid::theme::reference;

/// Paints the badge circles and their numbers.
pub(super) fn make_numbers_readable(tokens: &mut [Token]) {
    let circle_style = format!("fill: {}; stroke: none", reference("--mermaid-text"));
    let number_style = format!("fill: {}; stroke: none", reference("--mermaid-canvas"));
    let mut in_badge_marker = false;
    for token in tokens.iter_mut() {
        let Token::Tag(tag) = token else { continue };
        match tag.local_name().as_str() {
            "marker" if tag.closing => in_badge_marker = false,
            "marker" if tag.opens() => in_badge_marker = is_badge_marker(tag.attribute("id")),
            "circle" if in_badge_marker && !tag.closing => {
                set_attribute(tag, "style", &circle_style);
            }
            "text" if tag.opens() && has_class(tag, "sequenceNumber") => {
                set_attribute(tag, "style", &number_style);
            }
            _ => {}
        }
    }
}

/// merman's badge marker is `<prefix>-sequencenumber`.
fn is_badge_marker(id: Option<&str>) -> bool {
    id.is_some_and(|id| id.to_ascii_lowercase().ends_with("sequencenumber"))
}

#[cfg(test)]
mod tests {
    use crate::mermaid::render_tests::render;
    use crate::mermaid::svg_rewrite::has_class;
    use crate::mermaid::svg_rewrite::measure::{
        Scheme, contrast, elements, number, resolve, style_property,
    };

    const CHECKOUT: &str = "sequenceDiagram
    autonumber
    participant C as Client
    participant G as API gateway
    participant O as Orders service
    participant D as Database
    C->>G: POST /orders
    G->>O: create order
    O->>D: BEGIN
    D-->>O: ok
    O->>D: INSERT order
    D-->>O: id 42
    O-->>G: 201 Created
    G-->>C: 201 Created
";

    #[test]
    fn autonumber_digits_contrast_with_their_circles_in_light_and_dark() {
        let svg = render(CHECKOUT, "s");
        let found = elements(&svg);
        let circle = found
            .iter()
            .skip_while(|e| {
                e.tag.local_name() != "marker"
                    || !e
                        .tag
                        .attribute("id")
                        .is_some_and(|id| id.ends_with("sequencenumber"))
            })
            .find(|e| e.tag.local_name() == "circle")
            .and_then(|e| style_property(&e.tag, "fill"));
        let Some(circle) = circle else {
            panic!("no painted badge circle in {svg}");
        };
        let numbers: Vec<_> = found
            .iter()
            .filter(|e| e.tag.local_name() == "text" && has_class(&e.tag, "sequenceNumber"))
            .collect();
        assert_eq!(numbers.len(), 8);
        for badge in &numbers {
            // The circle marker sits on a zero-length line starting where the number is drawn.
            let x = number(&badge.tag, "x");
            let anchored = found.iter().any(|e| {
                e.tag.local_name() == "line"
                    && (number(&e.tag, "x1") - x).abs() < 0.5
                    && e.tag
                        .attribute("marker-start")
                        .is_some_and(|m| m.contains("sequencenumber"))
            });
            assert!(anchored, "number {} has no circle", badge.text);
            let digits = style_property(&badge.tag, "fill").unwrap_or_default();
            for scheme in [Scheme::Light, Scheme::Dark] {
                let (Some(fg), Some(bg)) = (resolve(&digits, scheme), resolve(&circle, scheme))
                else {
                    panic!("unresolved colours {digits:?} on {circle:?}");
                };
                let ratio = contrast(fg, bg);
                assert!(
                    ratio >= 4.5,
                    "{scheme:?}: {digits} on {circle} is {ratio:.2}:1"
                );
            }
        }
    }
}
