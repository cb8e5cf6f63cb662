//! The text of an HTML label inside a `<foreignObject>`, and how wide it is drawn.

use super::text_width::estimated_width;
use super::xml::xml_unescape;
use super::{Tag, Token};

/// The lines of text between `start` and `end` (token indices): text is unescaped, `<br>` and
/// paragraph ends start a new line, and blank lines are dropped.
pub(super) fn label_lines(tokens: &[Token], start: usize, end: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for token in tokens.iter().take(end).skip(start) {
        match token {
            Token::Text(text) => current.push_str(&xml_unescape(text)),
            Token::Tag(tag) if matches!(tag.local_name().as_str(), "br" | "p" | "div") => {
                lines.push(std::mem::take(&mut current));
            }
            _ => {}
        }
    }
    lines.push(current);
    lines
        .into_iter()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect()
}

/// Whether the label's `<div>` keeps each line unbroken (`white-space: nowrap`).
pub(super) fn keeps_lines_whole(div: &Tag) -> bool {
    div.attribute("style")
        .is_some_and(|style| style.replace(' ', "").contains("white-space:nowrap"))
}

/// The narrowest width the label can be drawn in: its widest line when lines stay whole, else
/// its widest word (a word is never broken).
pub(super) fn narrowest_width(lines: &[String], whole_lines: bool, font_size: f64) -> f64 {
    lines
        .iter()
        .flat_map(|line| {
            if whole_lines {
                vec![line.as_str()]
            } else {
                line.split(' ').collect()
            }
        })
        .map(|part| estimated_width(part, font_size))
        .fold(0.0, f64::max)
}

/// How many lines the label takes when wrapped greedily at `width` (each given line at least one).
pub(super) fn wrapped_line_count(lines: &[String], width: f64, font_size: f64) -> usize {
    let space = estimated_width("a b", font_size) - estimated_width("ab", font_size);
    lines
        .iter()
        .map(|line| {
            let mut count = 1;
            let mut used = 0.0;
            for word in line.split(' ') {
                let word_width = estimated_width(word, font_size);
                if used > 0.0 && used + space + word_width > width {
                    count += 1;
                    used = word_width;
                } else if used > 0.0 {
                    used += space + word_width;
                } else {
                    used = word_width;
                }
            }
            count
        })
        .sum()
}

/// `style` with the pixel value of `property` (where present) set to `value`.
pub(super) fn with_pixel_value(style: &str, property: &str, value: f64) -> String {
    style
        .split(';')
        .map(|declaration| match declaration.split_once(':') {
            Some((name, _)) if name.trim() == property => {
                format!("{name}: {}px", super::geometry::format_number(value))
            }
            _ => declaration.to_string(),
        })
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mermaid::svg_rewrite::tokens::tokenize;

    #[test]
    fn lines_split_at_breaks_and_words_wrap_greedily() {
        let tokens = tokenize("<p>All calls &amp; retries<br/>fail   fast.</p>");
        let lines = label_lines(&tokens, 0, tokens.len());
        assert_eq!(lines, ["All calls & retries", "fail fast."]);
        let one_word = estimated_width("retries", 16.0);
        assert_eq!(wrapped_line_count(&lines, 10_000.0, 16.0), 2);
        assert_eq!(wrapped_line_count(&lines, one_word, 16.0), 6);
        assert_eq!(narrowest_width(&lines, false, 16.0), one_word);
    }

    #[test]
    fn pixel_values_are_replaced_in_place() {
        let style = "display: table; max-width: 120px; width: 120px";
        assert_eq!(
            with_pixel_value(&with_pixel_value(style, "max-width", 200.5), "width", 200.5),
            "display: table; max-width: 200.5px; width: 200.5px"
        );
    }
}
