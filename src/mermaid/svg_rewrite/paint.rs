//! Theming colours in attributes and stylesheets; keeping authors' own fills readable.

use super::safety::{is_css_valued, sanitize_css};
use super::{Tag, Token, has_class, set_attribute};
use crate::mermaid::css_color;

const PAINT_ATTRIBUTES: &[&str] = &[
    "fill",
    "stroke",
    "color",
    "stop-color",
    "flood-color",
    "lighting-color",
];

/// Themes paint attributes and sanitises `style` attributes.
pub(super) fn rewrite_attributes(tokens: &mut [Token]) {
    for token in tokens.iter_mut() {
        let Token::Tag(tag) = token else { continue };
        if tag.local_name() == "foreignobject" && !tag.closing {
            let_label_overflow(tag);
        }
        for (name, value) in &mut tag.attributes {
            if name.eq_ignore_ascii_case("style") {
                *value = css_color::rewrite_stylesheet(&sanitize_css(value));
            } else if PAINT_ATTRIBUTES.contains(&name.as_str()) {
                *value = css_color::rewrite_value(&sanitize_css(value));
            } else if is_css_valued(name) {
                *value = sanitize_css(value);
            }
        }
    }
}

/// Labels are measured with merman's metrics for the font stack; where the reader's fallback
/// font is wider, a clipped label (`Anim` for `Animal`) is worse than one that spills a few
/// pixels past its box, so no `<foreignObject>` clips.
fn let_label_overflow(tag: &mut Tag) {
    let style = tag.attribute("style").unwrap_or("").trim().to_string();
    if style.contains("overflow") {
        return;
    }
    let separator = if style.is_empty() || style.ends_with(';') {
        ""
    } else {
        ";"
    };
    set_attribute(
        tag,
        "style",
        format!("{style}{separator} overflow: visible;").trim_start(),
    );
}

/// Themes and sanitises the text of every `<style>` element.
pub(super) fn rewrite_stylesheets(tokens: &mut [Token]) {
    let mut in_style = false;
    for token in tokens.iter_mut() {
        match token {
            Token::Tag(tag) if tag.local_name() == "style" => in_style = tag.opens(),
            Token::Text(text) if in_style => {
                *text = css_color::rewrite_stylesheet(&sanitize_css(text));
            }
            Token::Markup(markup) if in_style && markup.starts_with("<![CDATA[") => {
                *markup = css_color::rewrite_stylesheet(&sanitize_css(markup));
            }
            _ => {}
        }
    }
}

/// Light-mode text colour used on nodes the author filled (kept in both colour schemes).
const AUTHOR_FILL_TEXT: &str = "#0f172a";

/// Nodes the author filled (`style`/`classDef` give `fill: … !important`) keep one label
/// colour in both colour schemes, the one that reads best on the fill ([`text_on`]), unless
/// the author chose a text colour too: their fill does not change in dark mode, so neither
/// may the text on it.
pub(super) fn pin_text_on_author_fills(tokens: &mut [Token]) {
    let mut nodes: Vec<(usize, Option<&'static str>)> = Vec::new();
    let mut depth = 0usize;
    for token in tokens.iter_mut() {
        let Token::Tag(tag) = token else { continue };
        if tag.closing {
            if nodes
                .last()
                .is_some_and(|(node_depth, _)| *node_depth == depth)
            {
                nodes.pop();
            }
            depth = depth.saturating_sub(1);
            continue;
        }
        if tag.opens() {
            depth += 1;
            if tag.local_name() == "g" && has_class(tag, "node") {
                nodes.push((depth, None));
                continue;
            }
        }
        let Some((_, author_filled)) = nodes.last_mut() else {
            continue;
        };
        let style = tag.attribute("style").unwrap_or("").to_string();
        if let Some(fill) = author_fill(&style) {
            *author_filled = Some(text_on(&fill));
        } else if let Some(text) = *author_filled
            && !style.contains("color")
        {
            pin_label_colour(tag, &style, text);
        }
    }
}

/// Light text for labels on a dark fill the author chose.
const AUTHOR_FILL_LIGHT_TEXT: &str = "#ffffff";

/// The label colour that reads best on `fill`: the dark one unless white contrasts more
/// (`#4444ff` takes white, 5.97:1, not the dark text's 2.99:1). A fill that is not a hex
/// colour keeps the dark text.
fn text_on(fill: &str) -> &'static str {
    use crate::highlight::contrast::contrast;
    use syntect::highlighting::Color;
    let Some([r, g, b]) = crate::mermaid::css_color::parse_hex(fill.trim()) else {
        return AUTHOR_FILL_TEXT;
    };
    let colour = |[r, g, b]: [u8; 3]| Color { r, g, b, a: 255 };
    let fill = colour([r, g, b]);
    let dark = crate::mermaid::css_color::parse_hex(AUTHOR_FILL_TEXT).map_or(fill, colour);
    if contrast(fill, colour([255; 3])) > contrast(fill, dark) {
        AUTHOR_FILL_LIGHT_TEXT
    } else {
        AUTHOR_FILL_TEXT
    }
}

fn pin_label_colour(tag: &mut Tag, style: &str, text: &str) {
    let declaration = match tag.local_name().as_str() {
        "span" if has_class(tag, "nodeLabel") => "color",
        "text" => "fill",
        _ => return,
    };
    let separator = if style.trim().is_empty() || style.trim_end().ends_with(';') {
        ""
    } else {
        ";"
    };
    let pinned = format!("{style}{separator}{declaration}:{text} !important");
    set_attribute(tag, "style", &pinned);
}

/// An `!important` fill that is not a (now themed) palette colour: the author's choice, as
/// written (without `!important`).
fn author_fill(style: &str) -> Option<String> {
    style.split(';').find_map(|declaration| {
        let (name, value) = declaration.split_once(':')?;
        (name.trim() == "fill" && value.contains("!important") && !value.contains("var("))
            .then(|| value.replace("!important", "").trim().to_owned())
    })
}
