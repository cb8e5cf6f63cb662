//! A generous estimate of how wide a line of diagram text is drawn.
//!
//! Diagrams name the font stack `"trebuchet ms", verdana, arial, sans-serif`; merman measures
//! labels with its own metrics for that stack, but a reader without Trebuchet MS gets Arial or
//! a metric-compatible face, which is a little wider. Checks that decide whether a label fits
//! (inside a Gantt bar, inside a note, inside the picture) use this estimate instead: Arial's
//! advance widths plus a safety margin, so a label judged to fit does fit in every common face.

/// Extra room on top of Arial's widths, for faces that run slightly wider.
const SAFETY_MARGIN: f64 = 1.06;

/// Arial advance widths for printable ASCII (`' '` to `'~'`), in thousandths of an em.
const ASCII_ADVANCES: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0..9
    278, 278, 584, 584, 584, 556, 1015, // :;<=>?@
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A..M
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N..Z
    278, 278, 278, 469, 556, 333, // [\]^_`
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a..m
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n..z
    334, 260, 334, 584, // {|}~
];

/// The width in pixels of `text` drawn on one line at `font_size` pixels. Runs of whitespace
/// count once, and leading or trailing whitespace not at all, as SVG and HTML collapse them.
pub(super) fn estimated_width(text: &str, font_size: f64) -> f64 {
    let mut thousandths = 0u32;
    let mut pending_space = false;
    let mut started = false;
    for character in text.chars() {
        if character.is_whitespace() {
            pending_space = started;
            continue;
        }
        if pending_space {
            thousandths += advance(' ');
            pending_space = false;
        }
        started = true;
        thousandths += advance(character);
    }
    f64::from(thousandths) / 1000.0 * font_size * SAFETY_MARGIN
}

/// One character's advance in thousandths of an em: Arial's for ASCII, an average Latin
/// letter for other scripts, a full em for wide (CJK, emoji) characters.
fn advance(character: char) -> u32 {
    let code = u32::from(character);
    match code {
        0x20..=0x7e => u32::from(ASCII_ADVANCES[(code - 0x20) as usize]),
        0x1100..=0x115f
        | 0x2e80..=0xa4cf
        | 0xac00..=0xd7a3
        | 0xf900..=0xfaff
        | 0xfe30..=0xfe4f
        | 0xff00..=0xff60
        | 0xffe0..=0xffe6
        | 0x1f300..=0x1faff
        | 0x20000..=0x3fffd => 1000,
        _ => 600,
    }
}

#[cfg(test)]
mod tests {
    use super::estimated_width;

    #[test]
    fn dates_measure_like_arial_with_a_margin() {
        // Arial draws "2017-02-01" at 10px 51.1px wide.
        let width = estimated_width("2017-02-01", 10.0);
        assert!((51.1..56.0).contains(&width), "{width}");
    }

    #[test]
    fn whitespace_collapses_and_wide_characters_count_a_full_em() {
        assert_eq!(
            estimated_width("  Wave   one  ", 11.0),
            estimated_width("Wave one", 11.0)
        );
        assert!(estimated_width("図表", 10.0) > estimated_width("ab", 10.0) * 1.5);
        assert_eq!(estimated_width("", 12.0), 0.0);
    }
}
