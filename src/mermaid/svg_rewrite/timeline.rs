//! Timeline connectors: the axis and the dashed line from each period to its events, visible in
//! both colour schemes.
//!
//! merman draws them as `<line>`s inside `<g class="lineWrapper">` and, as Mermaid does, its
//! stylesheet strokes `.lineWrapper line` once per section with that section's label colour.
//! The last rule wins, and the palette's label colours are white or black (text on a coloured
//! section), so the lines were white on the page's white or black on the dark scheme's black:
//! not drawn at all. Every connector is stroked with `--mermaid-line`, the colour of every
//! other diagram's edges, and so is the arrowhead they end in.

use super::{InsideGroup, Token, set_attribute};
use crate::mermaid::theme::reference;

/// Strokes the connectors and fills their arrowhead with the palette's line colour.
pub(super) fn make_connectors_visible(tokens: &mut [Token]) {
    let line = reference("--mermaid-line");
    let stroke = format!("stroke: {line}");
    let fill = format!("fill: {line}; stroke: none");
    let mut wrapper = InsideGroup::new(&["lineWrapper"]);
    let mut in_arrowhead = false;
    for token in tokens.iter_mut() {
        let Token::Tag(tag) = token else { continue };
        wrapper.step(tag);
        match tag.local_name().as_str() {
            "line" if wrapper.inside() && !tag.closing => {
                set_attribute(tag, "style", &stroke);
            }
            "marker" if tag.closing => in_arrowhead = false,
            "marker" if tag.opens() => {
                in_arrowhead = tag
                    .attribute("id")
                    .is_some_and(|id| id.ends_with("arrowhead"));
            }
            "path" if in_arrowhead && !tag.closing => set_attribute(tag, "style", &fill),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::mermaid::render_tests::render;

    const INCIDENT: &str = "timeline\n    title Incident\n    section Detection\n        \
                            T+0 : Alert fires\n    section Mitigation\n        T+20 : Rollback\n";

    #[test]
    fn every_connector_and_its_arrowhead_take_the_line_colour() {
        let svg = render(INCIDENT, "t");
        let connectors = svg.matches(r#"<g class="lineWrapper"><line "#).count();
        assert_eq!(connectors, 3, "two periods and the axis: {svg}");
        let stroked = svg
            .matches(r#"style="stroke: var(--mermaid-line, #64748b)""#)
            .count();
        assert_eq!(stroked, connectors, "{svg}");
        assert!(
            svg.contains(r#"<path d="M 0,0 V 4 L6,2 Z" style="fill: var(--mermaid-line, #64748b); stroke: none"/>"#),
            "{svg}"
        );
    }
}
