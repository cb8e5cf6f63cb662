//! The root `<svg>`: responsive size, role, and `<title>`/`<desc>` for assistive technology.

use super::geometry::format_number;
use super::tokens::without_prefix;
use super::xml::{xml_escape, xml_unescape};
use super::{Accessibility, Tag, Token, set_attribute};

/// The title and description merman wrote (from `accTitle`/`accDescr`), as plain text.
#[derive(Default)]
pub(super) struct ExistingTexts {
    title: Option<String>,
    description: Option<String>,
}

/// Removes the root's own `<title>`/`<desc>` children, returning their text.
pub(super) fn take_root_title_and_desc(tokens: &mut Vec<Token>) -> ExistingTexts {
    let mut existing = ExistingTexts::default();
    let mut depth = 0usize;
    let mut capturing: Option<(String, usize, String)> = None;
    let mut kept = Vec::with_capacity(tokens.len());
    for token in tokens.drain(..) {
        if let Some((name, start_depth, text)) = &mut capturing {
            match &token {
                Token::Tag(tag) if tag.closing && depth == *start_depth + 1 => {
                    let content = xml_unescape(text.trim());
                    let content = (!content.is_empty()).then_some(content);
                    if name == "title" {
                        existing.title = existing.title.take().or(content);
                    } else {
                        existing.description = existing.description.take().or(content);
                    }
                    capturing = None;
                    depth -= 1;
                }
                Token::Text(content) => text.push_str(content),
                Token::Tag(tag) if tag.opens() => depth += 1,
                Token::Tag(tag) if tag.closing => depth = depth.saturating_sub(1),
                _ => {}
            }
            continue;
        }
        if let Token::Tag(tag) = &token {
            let name = tag.local_name();
            if depth == 1 && tag.opens() && (name == "title" || name == "desc") {
                capturing = Some((name, depth, String::new()));
                depth += 1;
                continue;
            }
            if depth == 1 && tag.self_closing && (name == "title" || name == "desc") {
                continue;
            }
            if tag.opens() {
                depth += 1;
            } else if tag.closing {
                depth = depth.saturating_sub(1);
            }
        }
        kept.push(token);
    }
    *tokens = kept;
    existing
}

/// The texts that end up in `<title>` and `<desc>`.
pub(super) struct AccessibleTexts {
    title: String,
    description: Option<String>,
}

impl AccessibleTexts {
    pub(super) fn choose(accessibility: &Accessibility, existing: ExistingTexts) -> Self {
        let caller_title = accessibility
            .title
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        let caller_description = accessibility
            .description
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        Self {
            title: caller_title
                .or(existing.title)
                .unwrap_or_else(|| accessibility.fallback_title.clone()),
            description: caller_description.or(existing.description),
        }
    }
}

/// Makes the root responsive and accessible, and puts `<title>`/`<desc>` first inside it.
pub(super) fn finish_root(tokens: &mut Vec<Token>, prefix: &str, texts: &AccessibleTexts) {
    let Some(root_index) = tokens.iter().position(
        |token| matches!(token, Token::Tag(tag) if !tag.closing && tag.local_name() == "svg"),
    ) else {
        return;
    };
    let title_id = format!("{prefix}-title");
    let desc_id = format!("{prefix}-desc");
    let labelled_by = match texts.description {
        Some(_) => format!("{title_id} {desc_id}"),
        None => title_id.clone(),
    };
    let has_links = tokens.iter().any(|token| {
        matches!(token, Token::Tag(tag) if !tag.closing && tag.local_name() == "a"
            && tag.attributes.iter().any(|(key, _)| without_prefix(key) == "href"))
    });
    if let Some(Token::Tag(root)) = tokens.get_mut(root_index) {
        rewrite_root_attributes(root, prefix, &labelled_by);
        if has_links {
            // An image's parts are hidden from assistive technology; a diagram whose nodes are
            // links is a named group, so the links can be reached and read.
            set_attribute(root, "role", "group");
        }
        if root.self_closing {
            root.self_closing = false;
            tokens.insert(root_index + 1, Token::Tag(Tag::end("svg")));
        }
    }
    let mut inserted = element("title", &title_id, &texts.title);
    if let Some(description) = &texts.description {
        inserted.extend(element("desc", &desc_id, description));
    }
    let at = root_index + 1;
    tokens.splice(at..at, inserted);
}

fn element(name: &str, id: &str, text: &str) -> Vec<Token> {
    vec![
        Token::Tag(Tag::start(name, vec![("id".to_string(), id.to_string())])),
        Token::Text(xml_escape(text)),
        Token::Tag(Tag::end(name)),
    ]
}

const ROOT_ATTRIBUTES_REPLACED: &[&str] = &[
    "width",
    "height",
    "style",
    "role",
    "aria-roledescription",
    "aria-labelledby",
    "aria-describedby",
    "aria-label",
];

fn rewrite_root_attributes(root: &mut Tag, prefix: &str, labelled_by: &str) {
    let natural_width = natural_width(root);
    let other_styles = root
        .attribute("style")
        .map(style_without_sizes)
        .unwrap_or_default();
    root.attributes
        .retain(|(name, _)| !ROOT_ATTRIBUTES_REPLACED.contains(&name.as_str()));
    if root.attribute("viewBox").is_none()
        && let Some(view_box) = view_box_from_size(root)
    {
        root.attributes.push(("viewBox".to_string(), view_box));
    }
    set_attribute(root, "id", prefix);
    set_attribute(root, "width", "100%");
    let max_width = natural_width
        .map(|width| format!("max-width: {}px;", format_number(width)))
        .unwrap_or_default();
    let style = format!("{max_width}{other_styles}");
    if !style.is_empty() {
        set_attribute(root, "style", &style);
    }
    set_attribute(root, "role", "img");
    set_attribute(root, "aria-labelledby", labelled_by);
}

/// The diagram's natural width: from the viewBox, else `width`, else the style's max-width.
fn natural_width(root: &Tag) -> Option<f64> {
    let from_view_box = root
        .attribute("viewBox")
        .and_then(|view_box| parse_numbers(view_box).get(2).copied());
    from_view_box
        .or_else(|| root.attribute("width").and_then(parse_length))
        .or_else(|| {
            let style = root.attribute("style")?;
            let (_, after) = style.split_once("max-width:")?;
            parse_length(after.split(';').next()?)
        })
        .filter(|width| width.is_finite() && *width > 0.0)
}

fn view_box_from_size(root: &Tag) -> Option<String> {
    let width = root.attribute("width").and_then(parse_length)?;
    let height = root.attribute("height").and_then(parse_length)?;
    Some(format!(
        "0 0 {} {}",
        format_number(width),
        format_number(height)
    ))
}

fn style_without_sizes(style: &str) -> String {
    style
        .split(';')
        .map(str::trim)
        .filter(|declaration| !declaration.is_empty())
        .filter(|declaration| {
            let property = declaration.split(':').next().unwrap_or("").trim();
            !matches!(property, "max-width" | "width" | "height")
        })
        .map(|declaration| format!(" {declaration};"))
        .collect()
}

fn parse_numbers(text: &str) -> Vec<f64> {
    text.split([' ', ','])
        .filter_map(|part| part.trim().parse::<f64>().ok())
        .collect()
}

fn parse_length(text: &str) -> Option<f64> {
    text.trim()
        .trim_end_matches("px")
        .trim()
        .parse::<f64>()
        .ok()
}
