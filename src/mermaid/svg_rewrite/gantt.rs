//! Gantt charts made readable: axis dates that do not run together, bars with a visible fill,
//! and task labels that sit inside their bar only when they fit there.
//!
//! * **Axis.** merman keeps every tick d3 chose, however close: weekly ticks on a four-month
//!   chart put ten-character dates 38 px apart. When the widest date ([`estimated_width`]) plus
//!   a gap is wider than the closest pair of ticks, only every n-th tick keeps its date (the
//!   grid line stays).
//! * **Bars.** The palette gives bars the surface colour, which is the page colour to the eye.
//!   Each bar gets a tint of `--mermaid-series-1` (critical: `--mermaid-error`, done:
//!   `--mermaid-text-subtle`) mixed into `--mermaid-canvas`, so it shows in both colour schemes
//!   and its label keeps the text colour's contrast.
//! * **Labels.** merman decides inside/outside with its own font metrics; readers' fonts run a
//!   little wider, so a label it measured 57 px wide spills out of a 59 px bar. The decision is
//!   taken again with the generous estimate: inside with 4 px to spare on each side, else right
//!   of the bar, else left of it (not over the section names), else right with the viewBox grown
//!   to hold it.

use std::collections::HashMap;

use super::geometry::{Rect, grow_view_box, number, set_number, translation, view_box};
use super::text_width::estimated_width;
use super::{Tag, Token, has_class, set_attribute};
use crate::mermaid::theme::{reference, tint};

/// Space between two tick dates, in pixels.
const TICK_GAP: f64 = 8.0;
/// d3's axis font size, used when a tick gives none.
const TICK_FONT_SIZE: f64 = 10.0;
/// Room a label keeps from each end of the bar it sits in.
const INSIDE_PADDING: f64 = 4.0;
/// Distance between a bar and a label beside it (merman's own).
const OUTSIDE_GAP: f64 = 5.0;
/// merman's task label size, used when a label gives none.
const TASK_FONT_SIZE: f64 = 11.0;

/// Applies the three fixes; see the module docs.
pub(super) fn make_readable(tokens: &mut [Token]) {
    thin_axis_dates(tokens);
    let bars = paint_bars(tokens);
    place_task_labels(tokens, &bars);
}

/// One tick date: where it is drawn and which token holds its text.
struct TickDate {
    x: f64,
    text_at: usize,
    width: f64,
}

fn thin_axis_dates(tokens: &mut [Token]) {
    let dates = tick_dates(tokens);
    let closest = dates
        .windows(2)
        .map(|pair| (pair[1].x - pair[0].x).abs())
        .fold(f64::INFINITY, f64::min);
    let widest = dates.iter().map(|date| date.width).fold(0.0, f64::max);
    if !closest.is_finite() || closest <= 0.0 || widest + TICK_GAP <= closest {
        return;
    }
    let step = ((widest + TICK_GAP) / closest).ceil().max(1.0) as usize;
    for (index, date) in dates.iter().enumerate() {
        if index % step != 0
            && let Some(Token::Text(text)) = tokens.get_mut(date.text_at)
        {
            text.clear();
        }
    }
}

/// The dates of the axis ticks, left to right as merman writes them.
fn tick_dates(tokens: &[Token]) -> Vec<TickDate> {
    let mut dates = Vec::new();
    let mut tick_x: Option<f64> = None;
    let mut font_size = TICK_FONT_SIZE;
    for (index, token) in tokens.iter().enumerate() {
        match token {
            Token::Tag(tag) if tag.opens() && tag.local_name() == "g" && has_class(tag, "tick") => {
                tick_x = translation(tag).map(|(x, _)| x);
            }
            Token::Tag(tag) if tag.opens() && tag.local_name() == "text" && tick_x.is_some() => {
                font_size = number(tag, "font-size").unwrap_or(TICK_FONT_SIZE);
            }
            Token::Text(text) if tick_x.is_some() && !text.trim().is_empty() => {
                if let Some(x) = tick_x.take() {
                    dates.push(TickDate {
                        x,
                        text_at: index,
                        width: estimated_width(text, font_size),
                    });
                }
            }
            _ => {}
        }
    }
    dates
}

/// How far along a task is, which decides its bar's colour.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TaskState {
    Planned,
    Active,
    Done,
    Critical,
}

impl TaskState {
    fn of(tag: &Tag) -> Self {
        let classes = tag.attribute("class").unwrap_or("").to_ascii_lowercase();
        if classes.contains("crit") {
            Self::Critical
        } else if classes.contains("done") {
            Self::Done
        } else if classes.contains("active") {
            Self::Active
        } else {
            Self::Planned
        }
    }

    /// The declarations that paint a bar in this state.
    fn style(self) -> String {
        let series = "--mermaid-series-1";
        match self {
            Self::Planned => format!(
                "fill: {}; stroke: {}",
                tint(series, 30, "--mermaid-canvas"),
                reference(series)
            ),
            Self::Active => format!(
                "fill: {}; stroke: {}",
                tint(series, 20, "--mermaid-canvas"),
                reference(series)
            ),
            Self::Done => format!(
                "fill: {}",
                tint("--mermaid-text-subtle", 22, "--mermaid-canvas")
            ),
            Self::Critical => format!("fill: {}", tint("--mermaid-error", 22, "--mermaid-canvas")),
        }
    }
}

/// A task bar: its box, and whether it is a milestone (a diamond, never holding its label).
#[derive(Clone, Copy)]
struct Bar {
    left: f64,
    right: f64,
    milestone: bool,
}

/// Paints every task bar and returns the bars by id.
fn paint_bars(tokens: &mut [Token]) -> HashMap<String, Bar> {
    let mut bars = HashMap::new();
    for token in tokens.iter_mut() {
        let Token::Tag(tag) = token else { continue };
        if tag.closing || tag.local_name() != "rect" || !has_class(tag, "task") {
            continue;
        }
        let style = TaskState::of(tag).style();
        set_attribute(tag, "style", &style);
        if let (Some(id), Some(x), Some(width)) =
            (tag.attribute("id"), number(tag, "x"), number(tag, "width"))
        {
            let bar = Bar {
                left: x,
                right: x + width,
                milestone: has_class(tag, "milestone"),
            };
            bars.insert(id.to_string(), bar);
        }
    }
    bars
}

/// Where a task label goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Placement {
    Inside,
    Right,
    Left,
}

impl Placement {
    fn class(self) -> &'static str {
        match self {
            Self::Inside => "taskText",
            Self::Right => "taskTextOutsideRight",
            Self::Left => "taskTextOutsideLeft",
        }
    }

    fn section_class(self, section: &str) -> String {
        match self {
            Self::Inside => format!("taskText{section}"),
            Self::Right | Self::Left => format!("taskTextOutside{section}"),
        }
    }
}

fn place_task_labels(tokens: &mut [Token], bars: &HashMap<String, Bar>) {
    let Some(view) = view_box(tokens) else {
        return;
    };
    let chart_left = bars.values().map(|bar| bar.left).fold(view.right, f64::min);
    let mut label_boxes = Vec::new();
    for index in 0..tokens.len() {
        let Some(Token::Tag(tag)) = tokens.get(index) else {
            continue;
        };
        if !tag.opens() || tag.local_name() != "text" {
            continue;
        }
        let Some(bar) = tag
            .attribute("id")
            .and_then(|id| id.strip_suffix("-text"))
            .and_then(|id| bars.get(id))
            .copied()
        else {
            continue;
        };
        let font_size = number(tag, "font-size").unwrap_or(TASK_FONT_SIZE);
        let y = number(tag, "y").unwrap_or(0.0);
        let label = match tokens.get(index + 1) {
            Some(Token::Text(text)) => text.clone(),
            _ => continue,
        };
        let width = estimated_width(&label, font_size);
        let placement = choose(bar, width, view.right, chart_left.max(view.left));
        let x = match placement {
            Placement::Inside => (bar.left + bar.right) / 2.0,
            Placement::Right => bar.right + OUTSIDE_GAP,
            Placement::Left => bar.left - OUTSIDE_GAP,
        };
        let left = match placement {
            Placement::Inside => x - width / 2.0,
            Placement::Right => x,
            Placement::Left => x - width,
        };
        label_boxes.push(Rect::sized(left, y - font_size, width, font_size * 1.3));
        if let Some(Token::Tag(tag)) = tokens.get_mut(index) {
            set_number(tag, "x", x);
            let classes = reclassify(tag.attribute("class").unwrap_or(""), placement);
            set_attribute(tag, "class", &classes);
        }
    }
    grow_view_box(tokens, &label_boxes);
}

/// Inside when it fits with room to spare, else beside the bar where the picture has room.
fn choose(bar: Bar, width: f64, right_edge: f64, left_edge: f64) -> Placement {
    if !bar.milestone && width + 2.0 * INSIDE_PADDING <= bar.right - bar.left {
        Placement::Inside
    } else if bar.right + OUTSIDE_GAP + width <= right_edge {
        Placement::Right
    } else if bar.left - OUTSIDE_GAP - width >= left_edge {
        Placement::Left
    } else {
        Placement::Right
    }
}

/// The label's classes with its placement classes replaced (`taskText taskText2 critText2` →
/// `taskTextOutsideRight taskTextOutside2 critText2`); the others are kept.
fn reclassify(classes: &str, placement: Placement) -> String {
    let mut section = None;
    let mut kept = Vec::new();
    for class in classes.split_whitespace() {
        if matches!(
            class,
            "taskText" | "taskTextOutsideRight" | "taskTextOutsideLeft"
        ) {
            continue;
        }
        let number = class
            .strip_prefix("taskTextOutside")
            .or_else(|| class.strip_prefix("taskText"))
            .filter(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()));
        match number {
            Some(number) => section = Some(number.to_string()),
            None => kept.push(class.to_string()),
        }
    }
    let mut out = vec![placement.class().to_string()];
    out.extend(section.map(|number| placement.section_class(&number)));
    out.extend(kept);
    out.join(" ")
}

#[cfg(test)]
#[path = "gantt_tests.rs"]
mod tests;
