//! The light palette, its CSS custom properties and the merman theme built from it.

use merman::svg::{HostTheme, HostThemeAppearance, PresentationError, ThemeRole};

/// One themeable colour: a CSS custom property, its light value (unique across the palette,
/// so it can be recognised in merman's output) and a suggested dark value.
pub(super) struct ThemeColor {
    pub(super) property: &'static str,
    pub(super) light: &'static str,
    pub(super) dark: &'static str,
    roles: &'static [ThemeRole],
}

const fn color(
    property: &'static str,
    light: &'static str,
    dark: &'static str,
    roles: &'static [ThemeRole],
) -> ThemeColor {
    ThemeColor {
        property,
        light,
        dark,
        roles,
    }
}

/// The role colours; see the table in the module docs.
pub(super) const ROLE_COLORS: &[ThemeColor] = &[
    color(
        "--mermaid-canvas",
        "#ffffff",
        "#0f172a",
        &[ThemeRole::Canvas, ThemeRole::EdgeLabelBackground],
    ),
    color(
        "--mermaid-surface",
        "#f8fafc",
        "#111827",
        &[ThemeRole::Surface, ThemeRole::ActorBackground],
    ),
    color(
        "--mermaid-surface-alt",
        "#e2e8f0",
        "#1f2937",
        &[ThemeRole::SurfaceAlt, ThemeRole::ActivationBackground],
    ),
    color(
        "--mermaid-surface-muted",
        "#f1f5f9",
        "#1e293b",
        &[ThemeRole::SurfaceMuted, ThemeRole::ClusterBackground],
    ),
    color(
        "--mermaid-text",
        "#0f172a",
        "#e5e7eb",
        &[ThemeRole::Text, ThemeRole::ActorText],
    ),
    color(
        "--mermaid-text-subtle",
        "#475569",
        "#cbd5e1",
        &[ThemeRole::SubtleText],
    ),
    color(
        "--mermaid-border",
        "#94a3b8",
        "#64748b",
        &[
            ThemeRole::Border,
            ThemeRole::ActorBorder,
            ThemeRole::ActivationBorder,
        ],
    ),
    color("--mermaid-line", "#64748b", "#94a3b8", &[ThemeRole::Line]),
    color(
        "--mermaid-cluster-border",
        "#cbd5e1",
        "#475569",
        &[ThemeRole::ClusterBorder],
    ),
    color(
        "--mermaid-note-fill",
        "#fff7ed",
        "#422006",
        &[ThemeRole::NoteBackground],
    ),
    color(
        "--mermaid-note-border",
        "#fdba74",
        "#f59e0b",
        &[ThemeRole::NoteBorder],
    ),
    color(
        "--mermaid-note-text",
        "#7c2d12",
        "#fef3c7",
        &[ThemeRole::NoteText],
    ),
    color("--mermaid-error", "#dc2626", "#f87171", &[ThemeRole::Error]),
    color(
        "--mermaid-warning",
        "#d97706",
        "#fbbf24",
        &[ThemeRole::Warning],
    ),
    color(
        "--mermaid-success",
        "#15803d",
        "#34d399",
        &[ThemeRole::Success],
    ),
    color("--mermaid-ink", "#000000", "#e5e7eb", &[]),
];

/// The series palette (pie slices, branches, sections), `--mermaid-series-1` onwards.
pub(super) const SERIES_COLORS: &[ThemeColor] = &[
    color("--mermaid-series-1", "#2563eb", "#60a5fa", &[]),
    color("--mermaid-series-2", "#059669", "#34d399", &[]),
    color("--mermaid-series-3", "#ea580c", "#fb923c", &[]),
    color("--mermaid-series-4", "#7c3aed", "#c084fc", &[]),
    color("--mermaid-series-5", "#0891b2", "#22d3ee", &[]),
    color("--mermaid-series-6", "#be123c", "#fb7185", &[]),
    color("--mermaid-series-7", "#a16207", "#facc15", &[]),
    color("--mermaid-series-8", "#65a30d", "#a3e635", &[]),
    color("--mermaid-series-9", "#db2777", "#f472b6", &[]),
    color("--mermaid-series-10", "#4f46e5", "#818cf8", &[]),
    color("--mermaid-series-11", "#0d9488", "#2dd4bf", &[]),
    color("--mermaid-series-12", "#9333ea", "#d8b4fe", &[]),
];

/// The merman host theme that makes the renderer emit exactly the light palette.
pub(super) fn host_theme() -> Result<HostTheme, PresentationError> {
    let mut theme = HostTheme::new().with_appearance(HostThemeAppearance::Light);
    for entry in ROLE_COLORS {
        for role in entry.roles {
            theme = theme.try_with_role(*role, entry.light)?;
        }
    }
    theme.try_with_series_palette(SERIES_COLORS.iter().map(|entry| entry.light))
}

/// All themeable colours, roles first.
pub(super) fn all_colors() -> impl Iterator<Item = &'static ThemeColor> {
    ROLE_COLORS.iter().chain(SERIES_COLORS)
}

/// `var(<property>, <light value>)` for a palette property; the property alone if it is not in
/// the palette (a typo there shows up as an unthemed colour in tests, not as a panic).
pub(super) fn reference(property: &str) -> String {
    match all_colors().find(|entry| entry.property == property) {
        Some(entry) => format!("var({}, {})", entry.property, entry.light),
        None => format!("var({property})"),
    }
}

/// `color-mix(…)` of `percent` % of one palette colour into another: a tint that follows the
/// light and dark palettes.
pub(super) fn tint(property: &str, percent: u8, base: &str) -> String {
    format!(
        "color-mix(in srgb, {} {percent}%, {})",
        reference(property),
        reference(base)
    )
}

/// The palette entry whose light value is this RGB colour.
pub(super) fn by_rgb(rgb: [u8; 3]) -> Option<&'static ThemeColor> {
    all_colors().find(|entry| super::css_color::parse_hex(entry.light) == Some(rgb))
}

#[cfg(test)]
mod tests {
    use super::host_theme;
    use crate::mermaid::theme_properties;
    use std::collections::HashSet;

    #[test]
    fn palette_builds_and_its_light_colours_are_distinct() {
        assert!(host_theme().is_ok());
        let mut seen = HashSet::new();
        for (property, light, _) in theme_properties() {
            assert!(property.starts_with("--mermaid-"));
            assert!(
                seen.insert(light.to_ascii_lowercase()),
                "{light} used twice"
            );
        }
        assert_eq!(theme_properties().len(), 16 + 12);
    }
}
