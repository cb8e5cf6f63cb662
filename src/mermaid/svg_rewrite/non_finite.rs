//! A drawing with a coordinate that is not a number (`x="NaN"`, `translate(Infinity, 0)`) is
//! broken: browsers drop the shape or the whole transform, so a reader sees a chart with
//! pieces missing and no word of why. [`non_finite_coordinate`] finds such a value so the
//! drawing is refused, whatever diagram or merman change produced it.

use super::Token;
use super::tokens::tokenize;

/// Attributes holding names or text, never geometry: a label that reads "NaN" is fine.
const TEXT_ATTRIBUTES: &[&str] = &["id", "class", "href", "xlink:href", "title", "alt", "name"];

/// The first attribute whose value holds `NaN` or `Infinity`, as `<tag attribute="value">`
/// (the value shortened), or `None` when every coordinate is a number.
pub(crate) fn non_finite_coordinate(svg: &str) -> Option<String> {
    tokenize(svg).into_iter().find_map(|token| {
        let Token::Tag(tag) = token else {
            return None;
        };
        let (name, value) = tag.attributes.iter().find(|(name, value)| {
            let text = TEXT_ATTRIBUTES.contains(&name.as_str())
                || name.starts_with("aria-")
                || name.starts_with("data-");
            !text && (holds_word(value, "NaN") || holds_word(value, "Infinity"))
        })?;
        let shown: String = value.chars().take(40).collect();
        let more = if shown.len() < value.len() { "…" } else { "" };
        Some(format!("<{} {name}=\"{shown}{more}\">", tag.name))
    })
}

/// Whether `word` starts somewhere in `value` not straight after a letter or digit (so
/// `NaNpx` and `-Infinity` count, `BaNaNa` does not).
fn holds_word(value: &str, word: &str) -> bool {
    value.match_indices(word).any(|(at, _)| {
        !value[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_coordinate_that_is_not_a_number_is_found() {
        let svg = r#"<svg viewBox="0 0 10 10"><g><line x1="NaN" x2="3"/></g></svg>"#;
        assert_eq!(
            non_finite_coordinate(svg).as_deref(),
            Some(r#"<line x1="NaN">"#)
        );
        let svg = r#"<svg viewBox="0 0 10 10"><g transform="translate(-Infinity, 0)"/></svg>"#;
        assert!(non_finite_coordinate(svg).is_some());
        let svg = r#"<svg style="max-width: NaNpx;"><g/></svg>"#;
        assert!(non_finite_coordinate(svg).is_some());
    }

    #[test]
    fn text_that_reads_nan_is_not_a_coordinate() {
        let svg = r#"<svg viewBox="0 0 10 10" aria-label="NaN handling"><title>NaN</title><g id="NaN" class="BaNaNa"><text x="1">NaN and Infinity</text></g></svg>"#;
        assert_eq!(non_finite_coordinate(svg), None);
    }
}
