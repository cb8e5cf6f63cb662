//! C4 diagrams: external people and systems look external.
//!
//! In C4 an element outside the system being described (`Person_Ext`, `System_Ext`,
//! `SystemDb_Ext`, …) is drawn grey, apart from the blue of the system's own elements. merman
//! marks such an element's group with the class `c4-external` but fills every shape with the
//! same surface colour, so a reader could not tell the bank the shop pays from the shop. Shapes
//! inside an external element take the palette's alternate surface (grey in both colour
//! schemes) and a dashed border.

use super::{InsideGroup, Token};
use crate::mermaid::theme::reference;

/// Restyles the shapes of every external element.
pub(super) fn mark_external_elements(tokens: &mut [Token]) {
    let surface = reference("--mermaid-surface");
    let external = reference("--mermaid-surface-alt");
    let mut external_element = InsideGroup::new(&["c4-external"]);
    for token in tokens.iter_mut() {
        let Token::Tag(tag) = token else { continue };
        external_element.step(tag);
        match tag.local_name().as_str() {
            "rect" | "path" | "circle" | "ellipse" | "polygon"
                if external_element.inside() && !tag.closing =>
            {
                if let Some((_, style)) = tag
                    .attributes
                    .iter_mut()
                    .find(|(name, _)| name == "style")
                    .filter(|(_, style)| style.contains(&surface))
                {
                    *style = format!(
                        "{}; stroke-dasharray: 5 3",
                        style.replace(&surface, &external).trim_end_matches(';')
                    );
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::mermaid::render_tests::render;

    #[test]
    fn external_systems_are_grey_and_dashed_and_internal_ones_are_not() {
        let svg = render(
            "C4Context\n    System(s, \"Shop\")\n    System_Ext(b, \"Bank\")\n    Rel(s, b, \"pays\")\n",
            "c",
        );
        let group = |id: &str| {
            let start = svg
                .find(&format!(r#"id="c-{id}""#))
                .unwrap_or_else(|| panic!("no {id}: {svg}"));
            svg[start..]
                .split("</g>")
                .next()
                .unwrap_or_default()
                .to_string()
        };
        assert!(
            group("b").contains("--mermaid-surface-alt"),
            "{}",
            group("b")
        );
        assert!(
            group("b").contains("stroke-dasharray: 5 3"),
            "{}",
            group("b")
        );
        assert!(
            !group("s").contains("--mermaid-surface-alt"),
            "{}",
            group("s")
        );
    }
}
