//! Whether JavaScript or TypeScript code may hold a tagged template that its grammar's
//! injections query would highlight in another language.
//!
//! The injections query of JavaScript (which TypeScript and TSX share) highlights the text of
//! a tagged template in the language its tag names (`json`, `yaml`, `bash` ...), when a
//! grammar here serves that name; its other patterns inject languages no grammar here serves
//! (regular expressions, JSDoc, Glimmer) and so colour nothing. Compiling that query costs
//! about as much as the highlights it sits beside: roughly half of TypeScript's compilation
//! (the highlighter compiles it twice, once for its combined injections). So the grammars are
//! compiled without it first ([`super::grammars::Grammars::config_for`]), and with it only
//! for a block that [`may_inject`] says could use it. Both give the same HTML for every other
//! block: a query pattern that injects nothing leaves the highlights as they are.
//!
//! The test looks at the text before each backquote: a tag is an identifier (or a member's
//! property) directly before the template, so any other text there cannot be one. Whatever
//! it cannot rule out (type arguments `tag<T>`, a comment between tag and template) counts as
//! a possible tag: a false alarm only compiles the fuller query, a miss would change the HTML.

use super::grammars::Grammar;

/// How far before a backquote the test reads; what lies further back counts as a possible tag.
const WINDOW: usize = 256;

/// Whether `code` may hold a template whose tag names a language a grammar serves.
pub(super) fn may_inject(code: &str) -> bool {
    code.match_indices('`')
        .any(|(at, _)| may_be_tagged(code[..at].trim_end()))
}

/// Whether a template starting right after `before` (its end trimmed) may have a tag that
/// names a grammar. Only the last [`WINDOW`] bytes are read, so the test stays linear.
fn may_be_tagged(before: &str) -> bool {
    let seen = &before[before.ceil_char_boundary(before.len().saturating_sub(WINDOW))..];
    let last_line = &seen[seen.rfind('\n').map_or(0, |i| i + 1)..];
    let line_begins_unseen = last_line.len() == seen.len() && seen.len() < before.len();
    // A comment may stand between a tag and its template.
    if last_line.contains("//") || before.ends_with("*/") || line_begins_unseen {
        return true;
    }
    ends_with_tag(seen)
}

/// Whether `text` ends with a tag that names a grammar, perhaps followed by type arguments
/// (`sql<Row>`); type arguments that open before `text` does count as such a tag.
fn ends_with_tag(text: &str) -> bool {
    let text = text.trim_end();
    match text.chars().next_back() {
        Some('>') => {
            let inner = &text[..text.len() - 1];
            // The arrow of a function (`x => `) ends no tag.
            if inner.ends_with('=') {
                return false;
            }
            opening_angle(inner).is_none_or(|at| ends_with_tag(&inner[..at]))
        }
        Some(c) if is_identifier_byte(c) => {
            let tag = &text[text.trim_end_matches(is_identifier_byte).len()..];
            grammar_named(tag).is_some()
        }
        _ => false,
    }
}

/// Where the `<` that a `>` at the end of `text` closes is, if `text` holds it.
fn opening_angle(text: &str) -> Option<usize> {
    let mut depth = 1usize;
    for (at, c) in text.char_indices().rev() {
        match c {
            '>' => depth += 1,
            '<' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at);
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether `c` may be part of an identifier that can name a grammar (names are ASCII).
fn is_identifier_byte(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// The grammar an injection names (a tagged template's tag, as written), if one serves it.
pub(super) fn grammar_named(name: &str) -> Option<Grammar> {
    Grammar::for_token(super::canonical(&name.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_naming_a_grammar_may_inject() {
        for code in [
            "const q = json`{\"a\": 1}`;",
            "const q = YAML `a: 1`;",
            "run(sh\n  `ls -la`);",
            "const x = lang.python`print(1)`;",
            "const q = json<Row>`{}`;",
            "const q = json /* tag */ `{}`;",
            "const q = json // tag\n  `{}`;",
            "const q = yaml<Map<K, V>>`a: 1`;",
        ] {
            assert!(may_inject(code), "{code}");
        }
    }

    #[test]
    fn templates_without_such_a_tag_do_not() {
        for code in [
            "",
            "const a = 1;",
            "const s = `plain ${x} text`;",
            "const h = html`<p>${x}</p>`;",
            "const r = String.raw`C:\\dir`;",
            "const c = f()`x`;",
            "const s = `a`;\nconst t = `b`;",
            "const s = é`x`;",
            "const f = (x) => `${x}`;",
            "const s = a < b ? `x` : `y`;",
            "const t = `<a href=\"${u}\">${label}</a>`;",
        ] {
            assert!(!may_inject(code), "{code}");
        }
    }

    #[test]
    fn a_closing_backquote_after_a_grammar_name_is_a_false_alarm_only() {
        assert!(may_inject("const s = `written in json`;"));
    }

    #[test]
    fn text_further_back_than_the_window_counts_as_a_possible_tag() {
        let long_line = format!("const s = {}`x`;", "a + ".repeat(WINDOW));
        assert!(may_inject(&long_line));
        let long_arguments = format!("const q = sql<{}>`x`;", "T, ".repeat(WINDOW));
        assert!(may_inject(&long_arguments));
        let long_text = format!("const s = `x`;\n{}", "let a = 1;\n".repeat(WINDOW));
        assert!(!may_inject(&long_text));
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_without_panicking(code in "[a-z `<>/*=\n\té€]{0,700}") {
            may_inject(&code);
        }

        /// A miss would change the HTML: a tag naming a grammar is seen after any text.
        #[test]
        fn a_tag_naming_a_grammar_is_always_seen(
            before in "[a-z(){};=<>/*` \né]{0,400}",
            tag in "(json|YAML|sh|bash|py|js|rust|go)",
            space in "[ \n\t]{0,3}",
        ) {
            let code = format!("{before} {tag}{space}`x`");
            proptest::prop_assert!(may_inject(&code), "{code:?}");
        }
    }

    #[test]
    fn names_resolve_as_the_highlighter_resolves_injections() {
        assert_eq!(grammar_named("JSON"), Some(Grammar::Json));
        assert_eq!(grammar_named("py"), Some(Grammar::Python));
        assert_eq!(grammar_named("html"), None);
    }
}
