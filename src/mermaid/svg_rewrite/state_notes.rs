//! State diagram notes sized to their text.
//!
//! merman lays a note out 120 px wide, so three short sentences wrap to seven lines, and a box
//! measured with its own font metrics leaves no room for a reader's slightly wider font: the
//! last line sits on the border or below it. Each note is resized here from the generous
//! [`estimated_width`](super::text_width): its text box becomes as wide as its widest line
//! (between the original width and [`MAX_TEXT_WIDTH`]), as tall as the lines that wrapping at
//! that width gives, and the note keeps [`PADDING`] around it. A note never gets narrower; it
//! changes size on the side away from the state it belongs to, so the dashed line to that state
//! still meets it.

use super::geometry::{Rect, element_ends, number, set_number, set_translation, translation};
use super::label_text::{label_lines, narrowest_width, with_pixel_value, wrapped_line_count};
use super::state_labels::{LABEL_FONT_SIZE, find_tag};
use super::{Token, has_class, set_attribute};

/// Space between a note's border and its text (merman's).
pub(super) const PADDING: f64 = 15.0;
/// The widest a note's text box is made (a longer word still gets its width).
pub(super) const MAX_TEXT_WIDTH: f64 = 320.0;
/// Height of one line of note text (16 px at line-height 1.5).
pub(super) const LINE_HEIGHT: f64 = 24.0;

/// Resizes every note; see the module docs.
pub(super) fn fit_notes(tokens: &mut [Token]) {
    let ends = element_ends(tokens);
    let states = state_centres(tokens);
    for index in 0..tokens.len() {
        let is_note = matches!(tokens.get(index), Some(Token::Tag(tag))
            if tag.opens() && tag.local_name() == "g" && has_class(tag, "statediagram-note"));
        if is_note {
            let end = ends.get(index).copied().unwrap_or(index);
            fit_note(tokens, index, end, &ends, &states);
        }
    }
}

/// The state name and centre of every state node that is not a note.
fn state_centres(tokens: &[Token]) -> Vec<(String, (f64, f64))> {
    tokens
        .iter()
        .filter_map(|token| match token {
            Token::Tag(tag)
                if tag.opens()
                    && tag.local_name() == "g"
                    && has_class(tag, "node")
                    && !has_class(tag, "statediagram-note") =>
            {
                let name = state_name(tag.attribute("id")?)?;
                Some((name.to_string(), translation(tag)?))
            }
            _ => None,
        })
        .collect()
}

/// `…-state-Open-5` → `Open`.
fn state_name(id: &str) -> Option<&str> {
    let (rest, counter) = id.rsplit_once('-')?;
    if counter.is_empty() || !counter.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    rest.rsplit_once("-state-").map(|(_, name)| name)
}

/// `…-state-Open----note-5` → `Open`.
fn note_owner(id: &str) -> Option<&str> {
    let (rest, _) = id.rsplit_once("----note")?;
    rest.rsplit_once("-state-").map(|(_, name)| name)
}

/// The half width and half height of a note drawn around its centre, from its first path.
fn half_size(tokens: &[Token], note: usize, end: usize) -> Option<(usize, f64, f64)> {
    let path = find_tag(tokens, note, end, "path")?;
    let Some(Token::Tag(tag)) = tokens.get(path) else {
        return None;
    };
    let numbers: Vec<f64> = tag
        .attribute("d")?
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter_map(|part| part.parse::<f64>().ok())
        .collect();
    let xs = numbers
        .iter()
        .step_by(2)
        .map(|v| v.abs())
        .fold(0.0, f64::max);
    let ys = numbers
        .iter()
        .skip(1)
        .step_by(2)
        .map(|v| v.abs())
        .fold(0.0, f64::max);
    (xs > 0.0 && ys > 0.0).then_some((path, xs, ys))
}

/// The note's box in its own coordinate system (centred on the origin).
pub(super) fn note_box(tokens: &[Token], note: usize, end: usize) -> Option<Rect> {
    let (_, half_width, half_height) = half_size(tokens, note, end)?;
    Some(Rect {
        left: -half_width,
        top: -half_height,
        right: half_width,
        bottom: half_height,
    })
}

fn fit_note(
    tokens: &mut [Token],
    note: usize,
    end: usize,
    ends: &[usize],
    states: &[(String, (f64, f64))],
) {
    let Some((first_path, old_half_width, old_half_height)) = half_size(tokens, note, end) else {
        return;
    };
    let Some(label) = (note + 1..end).find(|&index| {
        matches!(tokens.get(index), Some(Token::Tag(tag))
            if tag.opens() && tag.local_name() == "g" && has_class(tag, "label"))
    }) else {
        return;
    };
    let Some(foreign_object) = find_tag(tokens, label, end, "foreignobject") else {
        return;
    };
    let lines = label_lines(
        tokens,
        foreign_object,
        ends.get(foreign_object).copied().unwrap_or(end),
    );
    let old_text_width = match tokens.get(foreign_object) {
        Some(Token::Tag(tag)) => number(tag, "width").unwrap_or(0.0),
        _ => 0.0,
    };
    let widest_line = narrowest_width(&lines, true, LABEL_FONT_SIZE);
    let widest_word = narrowest_width(&lines, false, LABEL_FONT_SIZE);
    let text_width = widest_line
        .min(MAX_TEXT_WIDTH)
        .max(old_text_width)
        .max(widest_word)
        .ceil();
    let text_height = LINE_HEIGHT * wrapped_line_count(&lines, text_width, LABEL_FONT_SIZE) as f64;
    let half_width = old_half_width.max(text_width / 2.0 + PADDING);
    let half_height = text_height / 2.0 + PADDING;

    let Some(Token::Tag(tag)) = tokens.get(note) else {
        return;
    };
    let (x, y) = translation(tag).unwrap_or((0.0, 0.0));
    let owner_centre = tag
        .attribute("id")
        .and_then(note_owner)
        .and_then(|owner| states.iter().find(|(name, _)| name == owner))
        .map(|(_, centre)| *centre);
    let away = |note_at: f64, owner_at: Option<f64>, growth: f64| match owner_at {
        Some(owner_at) if note_at > owner_at + 1.0 => growth,
        Some(owner_at) if note_at < owner_at - 1.0 => -growth,
        _ => 0.0,
    };
    let new_x = x + away(x, owner_centre.map(|c| c.0), half_width - old_half_width);
    let new_y = y + away(y, owner_centre.map(|c| c.1), half_height - old_half_height);

    if let Some(Token::Tag(tag)) = tokens.get_mut(note) {
        set_translation(tag, new_x, new_y);
    }
    let outline = rectangle_path(half_width, half_height);
    for index in first_path..label {
        if let Some(Token::Tag(tag)) = tokens.get_mut(index)
            && tag.local_name() == "path"
            && !tag.closing
        {
            set_attribute(tag, "d", &outline);
        }
    }
    if let Some(Token::Tag(tag)) = tokens.get_mut(label) {
        set_translation(tag, -text_width / 2.0, -text_height / 2.0);
    }
    if let Some(Token::Tag(tag)) = tokens.get_mut(foreign_object) {
        set_number(tag, "width", text_width);
        set_number(tag, "height", text_height);
    }
    if let Some(div) = find_tag(tokens, foreign_object, end, "div")
        && let Some(Token::Tag(tag)) = tokens.get_mut(div)
    {
        let style = tag.attribute("style").unwrap_or("").to_string();
        let style = with_pixel_value(
            &with_pixel_value(&style, "max-width", text_width),
            "width",
            text_width,
        );
        set_attribute(tag, "style", &style);
    }
}

/// A closed rectangle around the origin.
fn rectangle_path(half_width: f64, half_height: f64) -> String {
    let (w, h) = (
        super::geometry::format_number(half_width),
        super::geometry::format_number(half_height),
    );
    format!("M-{w} -{h} L{w} -{h} L{w} {h} L-{w} {h} Z")
}
