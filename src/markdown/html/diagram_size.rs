//! How wide a drawn diagram may be shown: never wider than drawn, never so narrow that its
//! smallest label falls under [`MIN_LABEL_PX`] (a drawing whose own labels are smaller is shown
//! enlarged).
//!
//! A diagram is scaled to the text column; a wide one shrunk that way ends with 4 px labels.
//! The frame gets two CSS properties instead: `--diagram-width` (the drawing's own width) and
//! `--diagram-min-width` (the width at which its smallest font is [`MIN_LABEL_PX`]); the
//! stylesheet keeps the drawing between them and lets the frame scroll sideways below that.

/// The smallest label size a diagram is shown at, in CSS pixels.
pub(crate) const MIN_LABEL_PX: f64 = 12.0;
/// Mermaid's default font size, assumed when a drawing names none.
const DEFAULT_FONT_PX: f64 = 16.0;

/// `style="--diagram-width:…px;--diagram-min-width:…px"` for the SVG markup `svg`, or `None`
/// when it has no readable `viewBox`.
pub(crate) fn frame_style(svg: &str) -> Option<String> {
    let width = view_box_width(svg)?;
    let smallest = smallest_font(svg).unwrap_or(DEFAULT_FONT_PX);
    // Under 12 px at natural size, the minimum is wider than the drawing: CSS `min-width` wins
    // over `max-width`, so the drawing is enlarged until its labels are readable.
    let min_width = (width * MIN_LABEL_PX / smallest).ceil();
    Some(format!(
        " style=\"--diagram-width:{}px;--diagram-min-width:{}px\"",
        width.ceil(),
        min_width
    ))
}

/// The width of the root element's `viewBox`.
fn view_box_width(svg: &str) -> Option<f64> {
    let root_end = svg.find('>')?;
    let root = &svg[..root_end];
    let at = root.find("viewBox=\"")? + "viewBox=\"".len();
    let value = &root[at..];
    let value = &value[..value.find('"')?];
    let width: f64 = value
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .nth(2)?
        .parse()
        .ok()?;
    (width.is_finite() && width > 0.0).then_some(width)
}

/// The smallest `font-size` the drawing uses (attribute or CSS, in px), ignoring values no
/// label is drawn at (below 4 px or above 200 px) and the rules for Mermaid's tooltips, which
/// a drawing at build time never shows.
fn smallest_font(svg: &str) -> Option<f64> {
    svg.match_indices("font-size")
        .filter(|&(at, _)| !in_tooltip_rule(svg, at))
        .filter_map(|(at, _)| {
            let rest = svg[at + "font-size".len()..].trim_start_matches([' ', '=', ':', '"', '\'']);
            let end = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(rest.len());
            let value: f64 = rest[..end].parse().ok()?;
            let px = value * px_per_unit(&rest[end..])?;
            (4.0..=200.0).contains(&px).then_some(px)
        })
        .min_by(f64::total_cmp)
}

/// CSS pixels per unit of the font size that starts `unit` (`16px;…`, `4ex"…`), at Mermaid's
/// default font size; `None` for a unit relative to something other than the font (`%`, `vw`),
/// whose size the markup does not tell.
fn px_per_unit(unit: &str) -> Option<f64> {
    if unit.starts_with('%') {
        return None;
    }
    let name: String = unit
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase();
    match name.as_str() {
        "" | "px" => Some(1.0),
        "em" | "rem" => Some(DEFAULT_FONT_PX),
        // The x-height and the width of a zero are about half the font size.
        "ex" | "ch" => Some(DEFAULT_FONT_PX / 2.0),
        "pt" => Some(4.0 / 3.0),
        _ => None,
    }
}

/// Whether the declaration at `at` belongs to a CSS rule whose selector names a tooltip.
fn in_tooltip_rule(svg: &str, at: usize) -> bool {
    let before = &svg[..at];
    let Some(open) = before.rfind('{') else {
        return false;
    };
    if before[open..].contains('}') {
        return false;
    }
    let selector_start = before[..open].rfind(['}', '>']).map_or(0, |i| i + 1);
    before[selector_start..open]
        .to_ascii_lowercase()
        .contains("tooltip")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minimum_width_keeps_the_smallest_label_at_twelve_pixels() {
        let svg = r#"<svg viewBox="0 0 1600 400" style="max-width: 1600px"><style>.label{font-size:16px}.note{font-size: 14px}div.mermaidTooltip{position:absolute;font-size:8px;}</style><text font-size="20">x</text></svg>"#;
        assert_eq!(
            frame_style(svg).as_deref(),
            Some(" style=\"--diagram-width:1600px;--diagram-min-width:1372px\"")
        );
    }

    #[test]
    fn a_drawing_with_small_labels_is_enlarged_and_the_default_font_is_mermaids() {
        let svg = r#"<svg viewBox="-8 -8 300.5 120"><text>x</text></svg>"#;
        assert_eq!(
            frame_style(svg).as_deref(),
            Some(" style=\"--diagram-width:301px;--diagram-min-width:226px\"")
        );
        let tiny_font = r#"<svg viewBox="0 0 100 50"><text font-size="2">x</text><text font-size="0.75em">y</text><text font-size="10">z</text></svg>"#;
        assert_eq!(smallest_font(tiny_font), Some(10.0));
        assert_eq!(
            frame_style(tiny_font).as_deref(),
            Some(" style=\"--diagram-width:100px;--diagram-min-width:120px\"")
        );
    }

    #[test]
    fn font_sizes_in_font_relative_units_are_converted_and_others_skipped() {
        // A timeline's title is `font-size="4ex"`: 32 px, not 4.
        let titled = r#"<svg viewBox="0 0 800 400"><text font-size="4ex">Outage</text><text font-size="16px">x</text></svg>"#;
        assert_eq!(smallest_font(titled), Some(16.0));
        let units = r#"<svg viewBox="0 0 10 10"><text font-size="1.5ch">a</text><text font-size="50%">b</text><text font-size="12pt">c</text></svg>"#;
        assert_eq!(smallest_font(units), Some(12.0));
        let percent = r#"<svg viewBox="0 0 10 10"><text font-size="10%">a</text></svg>"#;
        assert_eq!(smallest_font(percent), None);
    }

    #[test]
    fn no_view_box_no_style() {
        assert_eq!(frame_style("<svg width=\"10\"></svg>"), None);
        assert_eq!(frame_style("<svg viewBox=\"0 0 -5 5\"></svg>"), None);
    }
}
