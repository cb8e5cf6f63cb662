//! What a code sample is about, for matching: the classes and functions it defines, and
//! whether it is only a stub.
//!
//! Reading is line-based and forgiving (any language with `class`, `def`, `fn`, `func` or
//! `function` keywords). A stub is a sample whose function bodies are only `pass`, `...`,
//! comments or docstrings: the recommendations themselves contain such sketches, and an
//! episode that copies one has not added working code.

/// Names a code sample defines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Definitions {
    /// Class, struct, interface and trait names.
    pub classes: Vec<String>,
    /// Function and method names (constructors such as `__init__` left out).
    pub functions: Vec<String>,
}

const CLASS_KEYWORDS: &[&str] = &["class", "struct", "interface", "trait", "enum", "type"];
const FN_KEYWORDS: &[&str] = &["def", "fn", "func", "function"];

/// The classes and functions defined in `code`.
pub fn definitions(code: &str) -> Definitions {
    let mut defs = Definitions::default();
    for line in code.lines() {
        let mut words = line
            .split(|c: char| c.is_whitespace() || c == '(' || c == ':' || c == '<' || c == '{')
            .filter(|w| !w.is_empty())
            .skip_while(|w| is_modifier(w));
        let (Some(keyword), Some(name)) = (words.next(), words.next()) else {
            continue;
        };
        let name = name.trim_matches(|c: char| !(c.is_alphanumeric() || c == '_'));
        if name.is_empty() || !name.starts_with(|c: char| c.is_alphabetic() || c == '_') {
            continue;
        }
        if CLASS_KEYWORDS.contains(&keyword) && keyword != "type" {
            defs.classes.push(name.to_owned());
        } else if FN_KEYWORDS.contains(&keyword)
            && !(name.starts_with("__") && name.ends_with("__"))
        {
            defs.functions.push(name.to_owned());
        }
    }
    crate::enhance::text::dedup(&mut defs.classes);
    crate::enhance::text::dedup(&mut defs.functions);
    defs
}

fn is_modifier(word: &str) -> bool {
    matches!(
        word,
        "pub"
            | "pub(crate)"
            | "async"
            | "export"
            | "public"
            | "private"
            | "static"
            | "abstract"
            | "final"
            | "unsafe"
            | "const"
            | "default"
            | "@dataclass"
    )
}

/// True when the sample does nothing: no statement outside comments, docstrings, `pass`,
/// `...` and definition headers.
pub fn is_stub(code: &str) -> bool {
    let mut state = StubScan::default();
    code.lines().all(|line| state.is_filler(line))
}

/// Line-by-line state for [`is_stub`]: inside a docstring, inside a multi-line header.
#[derive(Debug, Default)]
struct StubScan {
    docstring: Option<&'static str>,
    open_parens: i32,
}

impl StubScan {
    fn is_filler(&mut self, line: &str) -> bool {
        let t = line.trim();
        if let Some(quote) = self.docstring {
            if t.contains(quote) {
                self.docstring = None;
            }
            return true;
        }
        if self.open_parens > 0 {
            self.open_parens += paren_balance(t);
            return true;
        }
        for quote in ["\"\"\"", "'''"] {
            if let Some(rest) = t.strip_prefix(quote) {
                if !rest.contains(quote) {
                    self.docstring = Some(quote);
                }
                return true;
            }
        }
        if t.is_empty()
            || t.starts_with('#')
            || t.starts_with("//")
            || t.starts_with('@')
            || matches!(t, "pass" | "..." | "}" | "{" | "end")
        {
            return true;
        }
        if is_header(t) {
            self.open_parens = paren_balance(t).max(0);
            return true;
        }
        false
    }
}

fn is_header(line: &str) -> bool {
    let first = line
        .split_whitespace()
        .find(|w| !is_modifier(w))
        .unwrap_or("");
    CLASS_KEYWORDS.contains(&first) || FN_KEYWORDS.contains(&first)
}

fn paren_balance(line: &str) -> i32 {
    line.chars().fold(0, |n, c| match c {
        '(' => n + 1,
        ')' => n - 1,
        _ => n,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_and_functions_are_found_and_constructors_skipped() {
        let d = definitions(
            "class ZipfCacheSimulator:\n    def __init__(self):\n        pass\n    def hit_rate(self, s) -> float:\n        return 1\nasync def main():\n    pass\n",
        );
        assert_eq!(d.classes, ["ZipfCacheSimulator"]);
        assert_eq!(d.functions, ["hit_rate", "main"]);
    }

    #[test]
    fn pass_and_comment_bodies_are_stubs_even_with_long_signatures() {
        let stub = "class X:\n    \"\"\"\n    Doc\n    \"\"\"\n    def f(self,\n          a: int) -> int:\n        \"\"\"One line\"\"\"\n        # Interactive simulation code\n        pass\n";
        assert!(is_stub(stub));
        assert!(!is_stub("def f():\n    return 1\n"));
    }
}
