//! The highlighting stylesheet: one light and one dark theme, for both highlighters.
//!
//! syntect writes the rules for its own scope classes. The tree-sitter classes get rules
//! computed from the same themes: each class takes the style the theme gives its TextMate
//! scope, with every property spelt out so that no syntect rule leaks into tree-sitter spans.

use syntect::highlighting::{Color, FontStyle, Highlighter, Style, Theme};
use syntect::html::css_for_theme_with_class_style;
use syntect::parsing::Scope;
use two_face::theme::EmbeddedThemeName;

use super::classes::{CAPTURES, class};
use super::contrast::readable_theme;
use super::fallback::CLASS_STYLE;
use super::tree::WRAPPER;

/// The code-block background of the default theme's light palette (`--code-bg`).
const CODE_BACKGROUND_LIGHT: Color = Color {
    r: 0xf6,
    g: 0xf8,
    b: 0xfa,
    a: 0xff,
};
/// The same in the dark palette.
const CODE_BACKGROUND_DARK: Color = Color {
    r: 0x16,
    g: 0x1b,
    b: 0x22,
    a: 0xff,
};

/// The stylesheet: light by default, dark under each of `dark_scopes` (see
/// [`super::Highlighter::theme_css`]).
pub fn theme_css(dark_scopes: &[&str]) -> String {
    let themes = two_face::theme::extra();
    let light_theme = readable_theme(
        themes.get(EmbeddedThemeName::InspiredGithub),
        CODE_BACKGROUND_LIGHT,
    );
    let dark_theme = readable_theme(
        themes.get(EmbeddedThemeName::OneHalfDark),
        CODE_BACKGROUND_DARK,
    );
    let mut css = theme(&light_theme);
    let mut dark = theme(&dark_theme);
    dark.push_str(&light_selectors_restyled(&light_theme, &dark_theme));
    for scope in dark_scopes {
        match scope.split_once('|') {
            Some((media, selector)) => {
                css.push_str(&format!("{media} {{\n{}}}\n", scope_css(&dark, selector)));
            }
            None => css.push_str(&scope_css(&dark, scope)),
        }
    }
    css
}

/// Both highlighters' rules for one theme.
fn theme(theme: &Theme) -> String {
    let mut css = css_for_theme_with_class_style(theme, CLASS_STYLE)
        .map(|css| strip_backgrounds(&css))
        .unwrap_or_default();
    css.push_str(&capture_css(theme));
    css
}

/// A rule for every selector of `light`'s syntect rules, with the style `dark` gives its
/// scopes. The light theme styles scopes the dark one does not name
/// (`.hl-text.hl-html.hl-markdown .hl-punctuation.hl-definition`), and such a rule outranks
/// the dark theme's plainer ones: without these, a Markdown fence kept its light red on the
/// dark background (2.45:1).
fn light_selectors_restyled(light: &Theme, dark: &Theme) -> String {
    let Ok(light_css) = css_for_theme_with_class_style(light, CLASS_STYLE) else {
        return String::new();
    };
    let highlighter = Highlighter::new(dark);
    let mut css = String::from("/* the light theme's selectors, in the dark theme's style */\n");
    for line in light_css.lines() {
        let Some(selectors) = line.strip_suffix(" {").filter(|_| !line.starts_with(' ')) else {
            continue;
        };
        for selector in selectors.split(", ") {
            if let Some(stack) = scope_stack(selector) {
                let style = highlighter.style_for_stack(&stack);
                css.push_str(&format!("{selector} {{\n{}}}\n", declarations(style)));
            }
        }
    }
    css
}

/// The scopes a syntect class selector stands for (`.hl-source.hl-rust .hl-keyword` →
/// `source.rust`, `keyword`); `None` for a selector of another form.
fn scope_stack(selector: &str) -> Option<Vec<Scope>> {
    selector
        .split(' ')
        .map(|compound| {
            let atoms: Option<Vec<&str>> = compound
                .split('.')
                .skip(1)
                .map(|class| class.strip_prefix("hl-"))
                .collect();
            let atoms = atoms.filter(|atoms| !atoms.is_empty() && compound.starts_with('.'))?;
            Scope::new(&atoms.join(".")).ok()
        })
        .collect()
}

/// The tree-sitter classes' rules for one theme.
fn capture_css(theme: &Theme) -> String {
    let highlighter = Highlighter::new(theme);
    let mut css = String::from("/* tree-sitter captures */\n");
    for (capture, scope) in CAPTURES {
        let style = Scope::new(scope).map(|scope| highlighter.style_for_stack(&[scope]));
        if let Ok(style) = style {
            css.push_str(&rule(&class(capture), style));
        }
    }
    css
}

/// One class's rule, every property spelt out.
fn rule(class: &str, style: Style) -> String {
    format!(".{WRAPPER} .{class} {{\n{}}}\n", declarations(style))
}

/// A style's declarations, every property spelt out, one a line.
fn declarations(style: Style) -> String {
    let flag = |flag, yes, no| {
        if style.font_style.contains(flag) {
            yes
        } else {
            no
        }
    };
    format!(
        " color: {};\n font-style: {};\n font-weight: {};\n text-decoration: {};\n",
        hex(style.foreground),
        flag(FontStyle::ITALIC, "italic", "normal"),
        flag(FontStyle::BOLD, "bold", "normal"),
        flag(FontStyle::UNDERLINE, "underline", "none"),
    )
}

/// A colour as CSS hex, with alpha only when not opaque.
fn hex(c: Color) -> String {
    match c.a {
        0xff => format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b),
        a => format!("#{:02x}{:02x}{:02x}{a:02x}", c.r, c.g, c.b),
    }
}

/// Drops the themes' own page background: code blocks take theirs from the site's palette.
fn strip_backgrounds(css: &str) -> String {
    css.lines()
        .filter(|l| !l.trim_start().starts_with("background-color"))
        .flat_map(|l| [l, "\n"])
        .collect()
}

/// Prefixes every selector of a generated stylesheet with `scope`.
fn scope_css(css: &str, scope: &str) -> String {
    let mut out = String::with_capacity(css.len() * 2);
    for line in css.lines() {
        match line.strip_suffix(" {") {
            Some(selectors) if !line.starts_with(' ') => {
                let scoped: Vec<String> = selectors
                    .split(", ")
                    .map(|s| format!("{scope} {s}"))
                    .collect();
                out.push_str(&scoped.join(", "));
                out.push_str(" {");
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_capture_class_has_a_light_and_a_dark_rule() {
        let css = theme_css(&[":root.dark"]);
        for (capture, _) in CAPTURES {
            let class = class(capture);
            assert!(css.contains(&format!("\n.hl-ts .{class} {{")), "{class}");
            assert!(
                css.contains(&format!(":root.dark .hl-ts .{class} {{")),
                "{class}"
            );
        }
    }

    #[test]
    fn rules_spell_out_every_property() {
        let theme = two_face::theme::extra();
        let css = capture_css(theme.get(EmbeddedThemeName::InspiredGithub));
        assert!(css.contains(".hl-ts .hl-comment {\n color: #969896;\n font-style: italic;\n font-weight: normal;\n text-decoration: none;\n}"), "{css}");
    }

    #[test]
    fn media_scopes_wrap_the_dark_rules() {
        let css = theme_css(&["@media (prefers-color-scheme: dark)|:root.auto"]);
        assert!(
            css.contains("@media (prefers-color-scheme: dark) {\n"),
            "{css}"
        );
        assert!(css.contains(":root.auto .hl-ts .hl-keyword {"));
    }

    #[test]
    fn every_light_selector_has_a_dark_rule_that_outranks_it() {
        let css = theme_css(&[":root.dark"]);
        let markdown_fence = ".hl-text.hl-html.hl-markdown .hl-punctuation.hl-definition";
        assert!(
            css.contains(&format!("\n{markdown_fence} {{")),
            "light rule"
        );
        let dark_rule = format!(":root.dark {markdown_fence} {{\n color: ");
        let at = css
            .find(&dark_rule)
            .expect("a dark rule for the light selector");
        let colour = &css[at + dark_rule.len()..at + dark_rule.len() + 7];
        assert_ne!(
            colour, "#a71d5d",
            "the light red stays off the dark background"
        );
        assert_eq!(
            scope_stack(".hl-source.hl-rust .hl-keyword").map(|s| s.len()),
            Some(2)
        );
        assert_eq!(scope_stack(".hl-ts .hl-keyword").map(|s| s.len()), Some(2));
        assert!(scope_stack("pre.code").is_none());
    }

    #[test]
    fn stylesheet_is_deterministic() {
        assert_eq!(theme_css(&[":root.dark"]), theme_css(&[":root.dark"]));
    }
}
