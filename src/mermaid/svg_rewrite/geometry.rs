//! Reading and writing positions in the SVG: numbers, `translate(…)`, boxes and the viewBox.

use super::{Tag, Token, set_attribute};

/// An axis-aligned box in the root's user units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rect {
    pub(super) left: f64,
    pub(super) top: f64,
    pub(super) right: f64,
    pub(super) bottom: f64,
}

impl Rect {
    /// The box at `(x, y)` of the given size.
    pub(super) fn sized(x: f64, y: f64, width: f64, height: f64) -> Self {
        Self {
            left: x,
            top: y,
            right: x + width,
            bottom: y + height,
        }
    }

    /// Whether `inner` lies inside this box (with a little slack for rounding).
    pub(super) fn contains(&self, inner: &Rect) -> bool {
        const SLACK: f64 = 0.5;
        inner.left >= self.left - SLACK
            && inner.right <= self.right + SLACK
            && inner.top >= self.top - SLACK
            && inner.bottom <= self.bottom + SLACK
    }

    fn union(&self, other: &Rect) -> Rect {
        Rect {
            left: self.left.min(other.left),
            top: self.top.min(other.top),
            right: self.right.max(other.right),
            bottom: self.bottom.max(other.bottom),
        }
    }
}

/// A numeric attribute (`x="12.5"`, `width="40px"`).
pub(super) fn number(tag: &Tag, name: &str) -> Option<f64> {
    parse_number(tag.attribute(name)?)
}

fn parse_number(text: &str) -> Option<f64> {
    let value = text
        .trim()
        .trim_end_matches("px")
        .trim()
        .parse::<f64>()
        .ok()?;
    value.is_finite().then_some(value)
}

/// The offset of a `transform="translate(x, y)"` (a missing `y` is 0); `None` for no transform
/// or one that is not a plain translation.
pub(super) fn translation(tag: &Tag) -> Option<(f64, f64)> {
    let transform = tag.attribute("transform")?.trim();
    let inside = transform.strip_prefix("translate(")?.strip_suffix(')')?;
    let mut parts = inside
        .split([',', ' '])
        .filter(|part| !part.is_empty())
        .map(parse_number);
    let x = parts.next()??;
    let y = match parts.next() {
        Some(y) => y?,
        None => 0.0,
    };
    parts.next().is_none().then_some((x, y))
}

/// Writes `transform="translate(x, y)"`.
pub(super) fn set_translation(tag: &mut Tag, x: f64, y: f64) {
    set_attribute(
        tag,
        "transform",
        &format!("translate({}, {})", format_number(x), format_number(y)),
    );
}

/// Writes a numeric attribute with at most two decimals.
pub(super) fn set_number(tag: &mut Tag, name: &str, value: f64) {
    set_attribute(tag, name, &format_number(value));
}

/// A number with at most two decimals and no trailing zeros (`12`, `12.5`, `-0.25`).
pub(super) fn format_number(value: f64) -> String {
    let rounded = format!("{value:.2}");
    let trimmed = rounded.trim_end_matches('0').trim_end_matches('.');
    match trimmed {
        "-0" | "" => "0".to_string(),
        other => other.to_string(),
    }
}

/// For each token, the offset of the coordinate system its content is drawn in: the sum of the
/// `translate(…)`s of the element itself (for a start tag) and of every ancestor. One pass.
pub(super) fn offsets(tokens: &[Token]) -> Vec<(f64, f64)> {
    let mut stack: Vec<(f64, f64)> = Vec::new();
    let mut found = Vec::with_capacity(tokens.len());
    for token in tokens {
        let parent = stack.last().copied().unwrap_or((0.0, 0.0));
        match token {
            Token::Tag(tag) if tag.closing => {
                stack.pop();
                found.push(stack.last().copied().unwrap_or((0.0, 0.0)));
            }
            Token::Tag(tag) => {
                let own = translation(tag).unwrap_or((0.0, 0.0));
                let offset = (parent.0 + own.0, parent.1 + own.1);
                if tag.opens() {
                    stack.push(offset);
                }
                found.push(offset);
            }
            _ => found.push(parent),
        }
    }
    found
}

/// For each start tag, the index of its end tag (itself for a self-closing tag; the last token
/// when it is never closed); other tokens map to themselves. One pass.
pub(super) fn element_ends(tokens: &[Token]) -> Vec<usize> {
    let mut ends: Vec<usize> = (0..tokens.len()).collect();
    let mut open: Vec<usize> = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        match token {
            Token::Tag(tag) if tag.opens() => open.push(index),
            Token::Tag(tag) if tag.closing => {
                if let Some(start) = open.pop() {
                    ends[start] = index;
                }
            }
            _ => {}
        }
    }
    let last = tokens.len().saturating_sub(1);
    for start in open {
        ends[start] = last;
    }
    ends
}

/// The index of the root `<svg>` start tag.
fn root_index(tokens: &[Token]) -> Option<usize> {
    tokens.iter().position(
        |token| matches!(token, Token::Tag(tag) if tag.opens() && tag.local_name() == "svg"),
    )
}

/// The root's viewBox.
pub(super) fn view_box(tokens: &[Token]) -> Option<Rect> {
    let Token::Tag(root) = tokens.get(root_index(tokens)?)? else {
        return None;
    };
    let numbers: Vec<f64> = root
        .attribute("viewBox")?
        .split([' ', ','])
        .filter(|part| !part.is_empty())
        .filter_map(parse_number)
        .collect();
    match numbers[..] {
        [x, y, width, height] => Some(Rect::sized(x, y, width, height)),
        _ => None,
    }
}

/// Grows the root's viewBox (never shrinks it) so that it holds every box in `boxes`, plus a
/// margin around whatever had to be added.
pub(super) fn grow_view_box(tokens: &mut [Token], boxes: &[Rect]) {
    const MARGIN: f64 = 4.0;
    let Some(current) = view_box(tokens) else {
        return;
    };
    let mut needed = current;
    for rect in boxes {
        if !current.contains(rect) {
            needed = needed.union(&Rect {
                left: rect.left - MARGIN,
                top: rect.top - MARGIN,
                right: rect.right + MARGIN,
                bottom: rect.bottom + MARGIN,
            });
        }
    }
    let grown = needed.union(&current);
    if grown == current {
        return;
    }
    let Some(Token::Tag(root)) = root_index(tokens).and_then(|at| tokens.get_mut(at)) else {
        return;
    };
    let view_box = [
        grown.left,
        grown.top,
        grown.right - grown.left,
        grown.bottom - grown.top,
    ]
    .map(format_number)
    .join(" ");
    set_attribute(root, "viewBox", &view_box);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mermaid::svg_rewrite::tokens::{serialize, tokenize};

    #[test]
    fn translations_parse_with_commas_spaces_or_one_number() {
        let tags = tokenize(
            r#"<g transform="translate(12.5, -3)"/><g transform="translate(4 5)"/><g transform="translate(7)"/><g transform="rotate(45)"/>"#,
        );
        let offsets: Vec<_> = tags
            .iter()
            .map(|token| match token {
                Token::Tag(tag) => translation(tag),
                _ => None,
            })
            .collect();
        assert_eq!(
            offsets,
            [Some((12.5, -3.0)), Some((4.0, 5.0)), Some((7.0, 0.0)), None]
        );
    }

    #[test]
    fn the_view_box_grows_to_hold_a_box_that_sticks_out_and_never_shrinks() {
        let mut tokens = tokenize(r#"<svg viewBox="0 0 100 50"><g/></svg>"#);
        grow_view_box(&mut tokens, &[Rect::sized(10.0, 10.0, 20.0, 20.0)]);
        assert!(serialize(&tokens).contains(r#"viewBox="0 0 100 50""#));
        grow_view_box(&mut tokens, &[Rect::sized(-10.0, 10.0, 130.0, 20.0)]);
        assert!(
            serialize(&tokens).contains(r#"viewBox="-14 0 138 50""#),
            "{}",
            serialize(&tokens)
        );
    }

    #[test]
    fn numbers_are_written_with_two_decimals_at_most() {
        assert_eq!(format_number(82.279_999), "82.28");
        assert_eq!(format_number(-0.001), "0");
        assert_eq!(format_number(40.0), "40");
    }
}
