//! State diagram edge labels: a painted background, room for words that cannot wrap, and a
//! viewBox that holds every label.
//!
//! * **Background.** merman paints an edge label's background only through the CSS of the HTML
//!   inside its `<foreignObject>`, so where that CSS does not reach the label the transition
//!   line runs straight through the words. Each non-empty edge label gets an SVG `<rect>` in
//!   `--mermaid-canvas` behind it, a few pixels larger than the text box.
//! * **Unbreakable words.** A label is laid out at most 200 px wide; a longer word (an
//!   identifier such as `order_created_via_partner_webhook`) spills out of its box. Such a box
//!   is widened around its centre to the word's [`estimated_width`](super::text_width).
//! * **In view.** Every label box (edge labels, state names, notes) and every note is measured;
//!   the viewBox grows to hold any that stick out.

use super::geometry::{
    Rect, element_ends, grow_view_box, number, offsets, set_number, translation,
};
use super::label_text::{keeps_lines_whole, label_lines, narrowest_width, with_pixel_value};
use super::{Tag, Token, has_class, set_attribute};
use crate::mermaid::theme::reference;

/// The size of state diagram label text (the root font size).
pub(super) const LABEL_FONT_SIZE: f64 = 16.0;
/// How far the background reaches past the text box on each side.
const BACKGROUND_PADDING: f64 = 3.0;
/// The class of the background rectangles this module adds.
pub(super) const BACKGROUND_CLASS: &str = "edge-label-background";

/// Widens, backs and frames the labels; see the module docs.
pub(super) fn make_labels_readable(tokens: &mut Vec<Token>) {
    let labels = widen_edge_labels(tokens);
    add_backgrounds(tokens, &labels);
    keep_labels_in_view(tokens);
}

/// One non-empty edge label: the index of its `<foreignObject>` and that box's size.
struct EdgeLabel {
    foreign_object: usize,
    width: f64,
    height: f64,
}

/// Widens edge labels whose longest word does not fit; returns every non-empty edge label.
fn widen_edge_labels(tokens: &mut [Token]) -> Vec<EdgeLabel> {
    let ends = element_ends(tokens);
    let mut labels = Vec::new();
    let mut edge_label_end = None;
    for index in 0..tokens.len() {
        let Some(Token::Tag(tag)) = tokens.get(index) else {
            continue;
        };
        if !tag.opens() || tag.local_name() != "g" {
            continue;
        }
        if has_class(tag, "edgeLabel") {
            edge_label_end = ends.get(index).copied();
            continue;
        }
        if !has_class(tag, "label") || edge_label_end.is_none_or(|end| index > end) {
            continue;
        }
        let end = ends.get(index).copied().unwrap_or(index);
        if let Some(label) = widen_edge_label(tokens, index, end, &ends) {
            labels.push(label);
        }
    }
    labels
}

fn widen_edge_label(
    tokens: &mut [Token],
    group: usize,
    end: usize,
    ends: &[usize],
) -> Option<EdgeLabel> {
    let foreign_object = find_tag(tokens, group, end, "foreignobject")?;
    let div = find_tag(tokens, foreign_object, end, "div")?;
    let (width, height) = match tokens.get(foreign_object) {
        Some(Token::Tag(tag)) => (number(tag, "width")?, number(tag, "height")?),
        _ => return None,
    };
    if width <= 0.0 || height <= 0.0 {
        return None;
    }
    let lines = label_lines(tokens, foreign_object, ends.get(foreign_object).copied()?);
    let whole = matches!(tokens.get(div), Some(Token::Tag(tag)) if keeps_lines_whole(tag));
    let needed = narrowest_width(&lines, whole, LABEL_FONT_SIZE).ceil();
    if needed <= width + 0.5 {
        return Some(EdgeLabel {
            foreign_object,
            width,
            height,
        });
    }
    if let Some(Token::Tag(tag)) = tokens.get_mut(group) {
        let (_, y) = translation(tag).unwrap_or((0.0, -height / 2.0));
        super::geometry::set_translation(tag, -needed / 2.0, y);
    }
    if let Some(Token::Tag(tag)) = tokens.get_mut(foreign_object) {
        set_number(tag, "width", needed);
    }
    if let Some(Token::Tag(tag)) = tokens.get_mut(div) {
        let style = tag.attribute("style").unwrap_or("").to_string();
        let style = with_pixel_value(
            &with_pixel_value(&style, "max-width", needed),
            "width",
            needed,
        );
        set_attribute(tag, "style", &style);
    }
    Some(EdgeLabel {
        foreign_object,
        width: needed,
        height,
    })
}

/// The first start (or self-closing) tag named `name` after `from` and before `before`.
pub(super) fn find_tag(tokens: &[Token], from: usize, before: usize, name: &str) -> Option<usize> {
    (from + 1..before).find(|&index| {
        matches!(tokens.get(index), Some(Token::Tag(tag)) if !tag.closing && tag.local_name() == name)
    })
}

/// Puts a background rectangle before each edge label's `<foreignObject>`, in one pass.
fn add_backgrounds(tokens: &mut Vec<Token>, labels: &[EdgeLabel]) {
    if labels.is_empty() {
        return;
    }
    let fill = format!(
        "fill: {}; opacity: 1; stroke: none",
        reference("--mermaid-canvas")
    );
    let mut pending = labels.iter().peekable();
    let mut rebuilt = Vec::with_capacity(tokens.len() + labels.len());
    for (index, token) in std::mem::take(tokens).into_iter().enumerate() {
        if let Some(label) = pending.next_if(|label| label.foreign_object == index) {
            rebuilt.push(Token::Tag(background(label, &fill)));
        }
        rebuilt.push(token);
    }
    *tokens = rebuilt;
}

fn background(label: &EdgeLabel, fill: &str) -> Tag {
    let mut rect = Tag::start("rect", Vec::new());
    rect.self_closing = true;
    set_attribute(&mut rect, "class", BACKGROUND_CLASS);
    set_number(&mut rect, "x", -BACKGROUND_PADDING);
    set_number(&mut rect, "y", -BACKGROUND_PADDING);
    set_number(&mut rect, "width", label.width + 2.0 * BACKGROUND_PADDING);
    set_number(&mut rect, "height", label.height + 2.0 * BACKGROUND_PADDING);
    set_attribute(&mut rect, "rx", "3");
    set_attribute(&mut rect, "style", fill);
    rect
}

/// Grows the viewBox to hold every label box, every label background and every note.
fn keep_labels_in_view(tokens: &mut [Token]) {
    let offsets = offsets(tokens);
    let ends = element_ends(tokens);
    let mut boxes = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        let Token::Tag(tag) = token else { continue };
        if !tag.opens() && !tag.self_closing {
            continue;
        }
        let (dx, dy) = offsets.get(index).copied().unwrap_or((0.0, 0.0));
        let shifted = |rect: Rect| Rect {
            left: rect.left + dx,
            top: rect.top + dy,
            right: rect.right + dx,
            bottom: rect.bottom + dy,
        };
        match tag.local_name().as_str() {
            "foreignobject" => {
                let end = ends.get(index).copied().unwrap_or(index);
                boxes.extend(label_box(tokens, index, end).map(shifted));
            }
            "rect" if has_class(tag, BACKGROUND_CLASS) => {
                boxes.push(shifted(Rect::sized(
                    number(tag, "x").unwrap_or(0.0),
                    number(tag, "y").unwrap_or(0.0),
                    number(tag, "width").unwrap_or(0.0),
                    number(tag, "height").unwrap_or(0.0),
                )));
            }
            "g" if has_class(tag, "statediagram-note") => {
                let end = ends.get(index).copied().unwrap_or(index);
                boxes.extend(super::state_notes::note_box(tokens, index, end).map(shifted));
            }
            _ => {}
        }
    }
    grow_view_box(tokens, &boxes);
}

/// The box a label's text takes (relative to the `<foreignObject>`'s parent): the
/// `<foreignObject>`, or wider where an unbreakable line or word spills past its right edge.
pub(super) fn label_box(tokens: &[Token], foreign_object: usize, end: usize) -> Option<Rect> {
    let Some(Token::Tag(tag)) = tokens.get(foreign_object) else {
        return None;
    };
    let width = number(tag, "width")?;
    let height = number(tag, "height")?;
    if width <= 0.0 || height <= 0.0 {
        return None;
    }
    let whole = find_tag(tokens, foreign_object, end, "div")
        .and_then(|div| match tokens.get(div) {
            Some(Token::Tag(div)) => Some(keeps_lines_whole(div)),
            _ => None,
        })
        .unwrap_or(false);
    let lines = label_lines(tokens, foreign_object, end);
    let drawn = narrowest_width(&lines, whole, LABEL_FONT_SIZE).max(width);
    Some(Rect::sized(
        number(tag, "x").unwrap_or(0.0),
        number(tag, "y").unwrap_or(0.0),
        drawn,
        height,
    ))
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
