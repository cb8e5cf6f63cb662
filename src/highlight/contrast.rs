//! Code colours readable on the code background: WCAG AA contrast, whatever the theme says.
//!
//! The bundled themes were made for their own backgrounds and for taste: several of their
//! colours (GitHub's comments `#969896`, One Half Dark's `#5c6370`) fall well under the 4.5:1
//! contrast that WCAG AA asks of body-size text on the site's code background. Each
//! foreground is moved toward black (light theme) or white (dark theme) in small steps until
//! it reaches [`MIN_CONTRAST`], keeping its hue as far as possible.

use syntect::highlighting::{Color, Theme};

/// The contrast every code colour reaches (WCAG AA for normal text is 4.5:1; a little margin
/// absorbs rounding in browsers' colour maths).
pub(crate) const MIN_CONTRAST: f64 = 4.6;

/// `theme` with every foreground colour readable on `background`.
pub(crate) fn readable_theme(theme: &Theme, background: Color) -> Theme {
    let mut theme = theme.clone();
    if let Some(fg) = theme.settings.foreground.as_mut() {
        *fg = readable(*fg, background);
    }
    for item in &mut theme.scopes {
        if let Some(fg) = item.style.foreground.as_mut() {
            *fg = readable(*fg, background);
        }
    }
    theme
}

/// `color`, mixed toward black or white (whichever is farther from `background`) until its
/// contrast with `background` is at least [`MIN_CONTRAST`].
pub(crate) fn readable(color: Color, background: Color) -> Color {
    let target = if luminance(background) > 0.5 {
        Color::BLACK
    } else {
        Color::WHITE
    };
    let opaque = Color { a: 0xff, ..color };
    (0..=20)
        .map(|step| mix(opaque, target, f64::from(step) / 20.0))
        .find(|c| contrast(*c, background) >= MIN_CONTRAST)
        .unwrap_or(target)
}

fn mix(from: Color, to: Color, amount: f64) -> Color {
    let channel =
        |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * amount).round() as u8;
    Color {
        r: channel(from.r, to.r),
        g: channel(from.g, to.g),
        b: channel(from.b, to.b),
        a: 0xff,
    }
}

/// WCAG relative luminance.
fn luminance(c: Color) -> f64 {
    let linear = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b)
}

/// WCAG contrast ratio of two colours.
pub(crate) fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgb(hex: u32) -> Color {
        Color {
            r: (hex >> 16) as u8,
            g: (hex >> 8) as u8,
            b: hex as u8,
            a: 0xff,
        }
    }

    #[test]
    fn faint_colours_are_darkened_on_light_and_lightened_on_dark() {
        let light_bg = rgb(0xf6f8fa);
        let dark_bg = rgb(0x161b22);
        for (color, bg) in [
            (rgb(0x969896), light_bg),
            (rgb(0x0086b3), light_bg),
            (rgb(0x5c6370), dark_bg),
        ] {
            assert!(contrast(color, bg) < 4.5);
            let fixed = readable(color, bg);
            assert!(contrast(fixed, bg) >= MIN_CONTRAST, "{fixed:?}");
        }
    }

    #[test]
    fn colours_that_already_contrast_are_kept() {
        assert_eq!(readable(rgb(0x1c2128), rgb(0xf6f8fa)), rgb(0x1c2128));
    }

    #[test]
    fn contrast_matches_the_wcag_reference_values() {
        assert!((contrast(Color::BLACK, Color::WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(rgb(0x969896), rgb(0xf6f8fa)) - 2.72).abs() < 0.01);
    }
}
