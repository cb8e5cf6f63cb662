//! Whether JavaScript or TypeScript code holds a tagged template that its grammar's
//! injections query would highlight in another language.
//!
//! The injections query of JavaScript (which TypeScript and TSX share) highlights the text of
//! a tagged template in the language its tag names (`json`, `yaml`, `bash` ...), when a
//! grammar here serves that name; its other patterns inject languages no grammar here serves
//! (regular expressions, JSDoc, Glimmer) and so colour nothing. Compiling that query costs
//! about as much as the highlights it sits beside: roughly half of TypeScript's compilation
//! (the highlighter compiles it twice, once for its combined injections). So the grammars are
//! compiled without it first ([`super::grammars::Grammars::config_for`]), and with it only
//! for a block that [`injects`] says uses it. Both give the same HTML for every other block:
//! a query pattern that injects nothing leaves the highlights as they are.
//!
//! The answer must never be a wrong "no", which would change the HTML; a wrong "yes" only
//! compiles the fuller query. A look at the text rules out most blocks: a template needs a
//! backquote, and a tag that names a grammar needs a word that does. A block with both is
//! parsed, and its tree is searched for what the query's pattern matches (a call whose
//! function is such a word, or a member named by it, and whose argument is a template), so
//! that code the parser reads past an error is judged as the highlighter will read it.

use tree_sitter::{Node, Parser};

use super::budget;
use super::grammars::Grammar;

/// Whether `code`, in `grammar` (one of those of [`Grammar::injects_tagged_templates`]), holds
/// a tagged template whose tag names a grammar; `true` when that cannot be told within the
/// block's time allowance.
pub(super) fn injects(grammar: Grammar, code: &str) -> bool {
    if !may_inject(code) {
        return false;
    }
    let mut parser = Parser::new();
    if parser.set_language(&grammar.language()).is_err() {
        return true;
    }
    let Some(tree) = budget::parse_within(&mut parser, code, budget::allowance(code.len())) else {
        return true;
    };
    holds_tagged_template(tree.root_node(), code)
}

/// Whether `code` has a backquote and a word that names a grammar: without both, no template
/// in it has such a tag.
fn may_inject(code: &str) -> bool {
    code.contains('`')
        && code
            .split(|c: char| !is_identifier_byte(c))
            .any(|word| !word.is_empty() && grammar_named(word).is_some())
}

/// Whether a call under `root` has a template for argument and, for function, a word naming
/// a grammar or a member named by one: what the injections query's tagged-template pattern
/// captures, and its language callback resolves. Walks the tree once.
fn holds_tagged_template(root: Node<'_>, code: &str) -> bool {
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if node.kind() == "call_expression" && is_tagged_by_grammar(node, code) {
            return true;
        }
        if cursor.goto_first_child() || cursor.goto_next_sibling() {
            continue;
        }
        loop {
            if !cursor.goto_parent() {
                return false;
            }
            if cursor.goto_next_sibling() {
                break;
            }
        }
    }
}

/// [`holds_tagged_template`] for one call.
fn is_tagged_by_grammar(call: Node<'_>, code: &str) -> bool {
    let mut cursor = call.walk();
    let has_template = call
        .children_by_field_name("arguments", &mut cursor)
        .any(|argument| argument.kind() == "template_string");
    if !has_template {
        return false;
    }
    let tag_names_grammar = |tag: Node<'_>| {
        code.get(tag.byte_range())
            .is_some_and(|name| grammar_named(name).is_some())
    };
    let mut cursor = call.walk();
    let functions: Vec<Node<'_>> = call
        .children_by_field_name("function", &mut cursor)
        .collect();
    functions.into_iter().any(|function| match function.kind() {
        "identifier" => tag_names_grammar(function),
        "member_expression" => {
            let mut cursor = function.walk();
            function
                .children_by_field_name("property", &mut cursor)
                .any(|property| {
                    property.kind() == "property_identifier" && tag_names_grammar(property)
                })
        }
        _ => false,
    })
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
    fn a_tag_naming_a_grammar_injects() {
        for code in [
            "const q = json`{\"a\": 1}`;",
            "const q = YAML `a: 1`;",
            "run(sh\n  `ls -la`);",
            "const x = lang.python`print(1)`;",
            "const q = json /* tag */ `{}`;",
        ] {
            for grammar in [Grammar::JavaScript, Grammar::TypeScript, Grammar::Tsx] {
                assert!(injects(grammar, code), "{grammar:?}: {code}");
            }
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
            "const json = load(); const s = `${json.name}`;",
            "const f = (go) => `${go}`;",
            "// a json example\nconst s = `x`;",
        ] {
            for grammar in [Grammar::JavaScript, Grammar::TypeScript, Grammar::Tsx] {
                assert!(!injects(grammar, code), "{grammar:?}: {code}");
            }
        }
    }

    #[test]
    fn only_a_backquote_and_a_grammar_word_together_call_for_a_parse() {
        assert!(may_inject("const json = 1; const s = `x`;"));
        assert!(!may_inject("const json = 1;"));
        assert!(!may_inject("const s = `x ${html}`;"));
        assert!(!may_inject("const s = é`x`;"));
    }

    #[test]
    fn names_resolve_as_the_highlighter_resolves_injections() {
        assert_eq!(grammar_named("JSON"), Some(Grammar::Json));
        assert_eq!(grammar_named("py"), Some(Grammar::Python));
        assert_eq!(grammar_named("html"), None);
    }
}
