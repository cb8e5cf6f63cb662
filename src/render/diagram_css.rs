//! The diagram colours for the site stylesheet, generated from the Mermaid palette.
//!
//! Rendered diagrams refer to `var(--mermaid-…)` custom properties
//! ([`crate::mermaid::theme_properties`]); this writes them once for light mode and again for
//! dark mode, under the same two dark-mode selectors the stylesheet uses for its own palette
//! (`data-theme="dark"` set by the toggle, and the system preference when no theme is chosen).

use crate::mermaid::theme_properties;

/// The dark-mode rules of the stylesheet: an explicit choice, and the system preference.
const DARK: &str = ":root[data-theme=\"dark\"]";
const DARK_MEDIA: &str = "@media (prefers-color-scheme: dark)";
const DARK_BY_PREFERENCE: &str = ":root:not([data-theme=\"light\"])";

/// `:root { --mermaid-…: light }`, then the dark values under both dark-mode selectors.
pub fn css() -> String {
    let properties = theme_properties();
    let block = |dark: bool, indent: &str| {
        properties
            .iter()
            .map(|(name, light, dark_value)| {
                format!(
                    "{indent}  {name}: {};\n",
                    if dark { dark_value } else { light }
                )
            })
            .collect::<String>()
    };
    format!(
        "\n/* Diagram colours (generated from the Mermaid palette) */\n:root {{\n{}}}\n{DARK} {{\n{}}}\n{DARK_MEDIA} {{\n  {DARK_BY_PREFERENCE} {{\n{}  }}\n}}\n",
        block(false, ""),
        block(true, ""),
        block(true, "  "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The declarations inside the first `{ … }` after `selector`.
    fn declarations<'c>(css: &'c str, selector: &str) -> &'c str {
        let at = css.find(&format!("{selector} {{")).unwrap_or(css.len());
        let rest = &css[at..];
        let open = rest.find('{').map_or(rest.len(), |i| i + 1);
        let close = rest.find('}').unwrap_or(rest.len());
        &rest[open.min(close)..close]
    }

    #[test]
    fn every_diagram_colour_is_defined_for_light_and_both_dark_rules() {
        let css = css();
        let media = &css[css.find(DARK_MEDIA).unwrap_or(0)..];
        let light = declarations(&css, "\n:root");
        let dark = declarations(&css, DARK);
        let preferred = declarations(media, DARK_BY_PREFERENCE);
        assert_eq!(theme_properties().len(), 28);
        for (name, light_value, dark_value) in theme_properties() {
            assert!(light.contains(&format!("{name}: {light_value};")), "{name}");
            assert!(dark.contains(&format!("{name}: {dark_value};")), "{name}");
            assert!(
                preferred.contains(&format!("{name}: {dark_value};")),
                "{name}"
            );
        }
    }

    #[test]
    fn the_dark_selectors_are_the_stylesheets_own() {
        let stylesheet = include_str!("../../templates/assets/style.css");
        assert!(stylesheet.contains(&format!("{DARK} {{")));
        assert!(stylesheet.contains(&format!("{DARK_MEDIA} {{\n  {DARK_BY_PREFERENCE} {{")));
    }
}
