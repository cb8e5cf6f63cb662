//! The one class scheme of tree-sitter highlighting: capture names, their classes, their colours.
//!
//! Grammar queries tag nodes with capture names such as `function.builtin`. Each recognised
//! name becomes a class (`hl-function-builtin`); the few non-standard names some queries use
//! (`@boolean`, `@delimiter`, ...) are folded into the standard ones so that every grammar
//! shares one set of classes. Each class takes its colours from the TextMate scope that means
//! the same thing, so the same syntect themes colour both highlighters.

/// The standard capture names, each with the TextMate scope whose theme style it takes.
pub const CAPTURES: &[(&str, &str)] = &[
    ("attribute", "entity.other.attribute-name"),
    ("comment", "comment"),
    ("constant", "constant.other"),
    ("constant.builtin", "constant.language"),
    ("constructor", "entity.name.class"),
    ("embedded", "meta.embedded"),
    ("escape", "constant.character.escape"),
    ("function", "entity.name.function"),
    ("function.builtin", "support.function.builtin"),
    ("function.macro", "entity.name.function.macro"),
    ("function.method", "variable.function"),
    ("keyword", "keyword.control"),
    ("label", "entity.name.label"),
    ("module", "entity.name.namespace"),
    ("number", "constant.numeric"),
    ("operator", "keyword.operator"),
    ("property", "variable.other.member"),
    ("punctuation", "punctuation"),
    ("punctuation.bracket", "punctuation.section"),
    ("punctuation.delimiter", "punctuation.separator"),
    ("punctuation.special", "punctuation.section.embedded"),
    ("string", "string.quoted"),
    ("string.special", "string.regexp"),
    ("tag", "entity.name.tag"),
    ("type", "support.class"),
    ("type.builtin", "storage.type"),
    ("variable", "meta.generic-name"),
    ("variable.builtin", "variable.language"),
    ("variable.parameter", "variable.parameter"),
];

/// Capture names outside the standard set, each folded into the standard name it means.
const FOLDED: &[(&str, &str)] = &[
    ("boolean", "constant.builtin"),
    ("delimiter", "punctuation.delimiter"),
    ("string.escape", "escape"),
    ("string.special.key", "property"),
];

/// Every capture name the highlighter recognises, standard names first.
pub fn recognised() -> Vec<&'static str> {
    CAPTURES
        .iter()
        .chain(FOLDED)
        .map(|(name, _)| *name)
        .collect()
}

/// The class of each recognised capture name, in the order of [`recognised`].
pub fn classes() -> Vec<String> {
    let standard = CAPTURES.iter().map(|(name, _)| *name);
    let folded = FOLDED.iter().map(|(_, target)| *target);
    standard.chain(folded).map(class).collect()
}

/// The recognised name each capture name stands for, as an index into `recognised`: the
/// longest recognised name whose every dot-separated part is a part of the capture name (the
/// first of equal length). This is the rule `tree-sitter-highlight` applies
/// (`HighlightConfiguration::configure`), for highlighting a tree without it
/// ([`super::from_tree`]).
pub fn highlight_indices(captures: &[&str], recognised: &[&str]) -> Vec<Option<usize>> {
    captures
        .iter()
        .map(|capture| {
            let parts: Vec<&str> = capture.split('.').collect();
            let mut best: Option<(usize, usize)> = None;
            for (index, name) in recognised.iter().enumerate() {
                let mut len = 0;
                let matches = name.split('.').all(|part| {
                    len += 1;
                    parts.contains(&part)
                });
                if matches && best.is_none_or(|(_, best_len)| len > best_len) {
                    best = Some((index, len));
                }
            }
            best.map(|(index, _)| index)
        })
        .collect()
}

/// The class of a standard capture name: `function.builtin` → `hl-function-builtin`.
pub fn class(capture: &str) -> String {
    format!("hl-{}", capture.replace('.', "-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_names_land_on_standard_ones() {
        for (name, target) in FOLDED {
            assert!(
                CAPTURES.iter().any(|(standard, _)| standard == target),
                "{name} -> {target}"
            );
        }
        assert_eq!(recognised().len(), classes().len());
    }

    #[test]
    fn a_capture_takes_the_longest_recognised_name_it_contains() {
        let recognised = ["function", "function.builtin", "keyword", "type"];
        let captures = [
            "function.builtin",
            "function.method",
            "function.builtin.static",
            "keyword.return",
            "variable",
            "builtin",
        ];
        assert_eq!(
            highlight_indices(&captures, &recognised),
            [Some(1), Some(0), Some(1), Some(2), None, None]
        );
    }

    #[test]
    fn classes_replace_dots_with_dashes() {
        assert_eq!(class("punctuation.bracket"), "hl-punctuation-bracket");
        assert_eq!(classes()[recognised().len() - 1], "hl-property");
    }
}
