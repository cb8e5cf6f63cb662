//! What a Tera template refers to, read from its source with the line of each reference.
//!
//! Tera's own syntax tree carries no positions, so the theme checks ([`super::template_graph`])
//! read the source: every `{% include %}`, `{% extends %}` and `{% import %}`, every macro
//! definition and every macro call (`self::name(…)`, `ns::name(…)`), and every `range(…)`
//! whose size is written as literal numbers. Comments and `{% raw %}` blocks are skipped, and
//! string literals are never mistaken for code.

/// A template refers to another one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefKind {
    /// `{% include "x" %}`: the other template is rendered here.
    Include,
    /// `{% extends "x" %}`: this template is rendered inside the other.
    Extends,
    /// `{% import "x" as ns %}`: the other template's macros are loaded.
    Import,
}

impl RefKind {
    /// The verb for messages: "a.html includes b.html".
    pub(crate) fn verb(self) -> &'static str {
        match self {
            RefKind::Include => "includes",
            RefKind::Extends => "extends",
            RefKind::Import => "imports",
        }
    }
}

/// A reference to other templates, from the top level or from inside a macro.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference {
    /// What kind.
    pub(crate) kind: RefKind,
    /// The templates named (an include may list several: the first that exists is used).
    pub(crate) targets: Vec<String>,
    /// 1-based line.
    pub(crate) line: usize,
    /// Index into [`Scan::macros`] of the macro it sits in.
    pub(crate) within: Option<usize>,
}

/// A macro call `namespace::name(…)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MacroCall {
    /// `self` or an import's namespace.
    pub(crate) namespace: String,
    /// The macro's name.
    pub(crate) name: String,
    /// 1-based line.
    pub(crate) line: usize,
    /// Index into [`Scan::macros`] of the macro it sits in.
    pub(crate) within: Option<usize>,
}

/// A `range(…)` call whose number of items is known from its literal arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LiteralRange {
    /// How many items it yields.
    pub(crate) items: u128,
    /// 1-based line.
    pub(crate) line: usize,
}

/// Everything a template refers to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Scan {
    /// Includes, extends and imports.
    pub(crate) references: Vec<Reference>,
    /// Macro definitions: name and line.
    pub(crate) macros: Vec<(String, usize)>,
    /// Macro calls.
    pub(crate) calls: Vec<MacroCall>,
    /// Imports: namespace and template.
    pub(crate) imports: Vec<(String, String)>,
    /// `range(…)` calls with literal arguments.
    pub(crate) ranges: Vec<LiteralRange>,
}

/// Reads what `source` refers to.
pub(crate) fn scan(source: &str) -> Scan {
    let mut scanner = Scanner {
        source,
        scan: Scan::default(),
        current_macro: None,
    };
    scanner.run();
    scanner.scan
}

struct Scanner<'s> {
    source: &'s str,
    scan: Scan,
    current_macro: Option<usize>,
}

impl Scanner<'_> {
    fn run(&mut self) {
        let source = self.source;
        let mut at = 0;
        while let Some(found) = source[at..].find('{') {
            let open = at + found;
            let rest = &source[open..];
            if rest.starts_with("{#") {
                at = skip_past(source, open + 2, "#}");
            } else if rest.starts_with("{{") {
                let end = tag_end(source, open + 2, "}}");
                let body = &source[open + 2..end.min(source.len())];
                self.expression(body, open + 2);
                at = (end + 2).min(source.len());
            } else if rest.starts_with("{%") {
                let end = tag_end(source, open + 2, "%}");
                let body = &source[open + 2..end.min(source.len())];
                at = (end + 2).min(source.len());
                if self.tag(body, open + 2) == Some("raw") {
                    at = skip_raw(source, at);
                }
            } else {
                at = open + 1;
            }
        }
    }

    /// Handles one `{% … %}` tag; returns its keyword.
    fn tag<'b>(&mut self, body: &'b str, offset: usize) -> Option<&'b str> {
        let tokens = tokens(body, offset);
        let keyword = match tokens.first() {
            Some(Token::Ident(word, _)) => *word,
            _ => return None,
        };
        let line = self.line(offset);
        match keyword {
            "include" | "extends" | "import" => {
                let targets: Vec<String> = tokens[1..]
                    .iter()
                    .take_while(|t| !matches!(t, Token::Ident("as" | "ignore", _)))
                    .filter_map(|t| match t {
                        Token::Str(s, _) => Some((*s).to_owned()),
                        _ => None,
                    })
                    .collect();
                let kind = match keyword {
                    "include" => RefKind::Include,
                    "extends" => RefKind::Extends,
                    _ => RefKind::Import,
                };
                if kind == RefKind::Import
                    && let (Some(target), Some(Token::Ident(ns, _))) = (
                        targets.first(),
                        tokens
                            .iter()
                            .skip_while(|t| !matches!(t, Token::Ident("as", _)))
                            .nth(1),
                    )
                {
                    self.scan.imports.push(((*ns).to_owned(), target.clone()));
                }
                if !targets.is_empty() {
                    self.scan.references.push(Reference {
                        kind,
                        targets,
                        line,
                        within: self.current_macro,
                    });
                }
            }
            "macro" => {
                if let Some(Token::Ident(name, _)) = tokens.get(1) {
                    self.scan.macros.push(((*name).to_owned(), line));
                    self.current_macro = Some(self.scan.macros.len() - 1);
                }
                self.calls_and_ranges(&tokens[1..]);
            }
            "endmacro" => self.current_macro = None,
            _ => self.calls_and_ranges(&tokens),
        }
        Some(keyword)
    }

    fn expression(&mut self, body: &str, offset: usize) {
        let tokens = tokens(body, offset);
        self.calls_and_ranges(&tokens);
    }

    fn calls_and_ranges(&mut self, tokens: &[Token<'_>]) {
        for (i, token) in tokens.iter().enumerate() {
            let Token::Ident(word, at) = token else {
                continue;
            };
            match (tokens.get(i + 1), tokens.get(i + 2), tokens.get(i + 3)) {
                (
                    Some(Token::Punct("::", _)),
                    Some(Token::Ident(name, _)),
                    Some(Token::Punct("(", _)),
                ) => {
                    self.scan.calls.push(MacroCall {
                        namespace: (*word).to_owned(),
                        name: (*name).to_owned(),
                        line: self.line(*at),
                        within: self.current_macro,
                    });
                }
                (Some(Token::Punct("(", _)), _, _) if *word == "range" => {
                    let preceded_by_path =
                        i > 0 && matches!(tokens[i - 1], Token::Punct("::" | ".", _));
                    if !preceded_by_path && let Some(items) = literal_range(&tokens[i + 2..]) {
                        self.scan.ranges.push(LiteralRange {
                            items,
                            line: self.line(*at),
                        });
                    }
                }
                _ => {}
            }
        }
    }

    fn line(&self, offset: usize) -> usize {
        self.source.as_bytes()[..offset.min(self.source.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }
}

/// The number of items of `range(start=…, end=…, step_by=…)` when every argument given is a
/// literal integer (`tokens` starts after the opening parenthesis). `None` when unknown.
fn literal_range(tokens: &[Token<'_>]) -> Option<u128> {
    let (mut start, mut end, mut step) = (0u128, None, 1u128);
    let mut i = 0;
    loop {
        match tokens.get(i)? {
            Token::Punct(")", _) => break,
            Token::Punct(",", _) => i += 1,
            Token::Ident(name, _) => {
                let (Some(Token::Punct("=", _)), Some(Token::Number(value, _))) =
                    (tokens.get(i + 1), tokens.get(i + 2))
                else {
                    return None;
                };
                let value: u128 = value.parse().ok()?;
                match *name {
                    "start" => start = value,
                    "end" => end = Some(value),
                    "step_by" => step = value,
                    _ => return None,
                }
                i += 3;
            }
            _ => return None,
        }
    }
    let end = end?;
    if step == 0 || start >= end {
        return Some(0);
    }
    Some((end - start).div_ceil(step))
}

/// Where the tag that starts at `from` ends (the offset of `close`), skipping string
/// literals; the end of the text when it never closes.
fn tag_end(source: &str, from: usize, close: &str) -> usize {
    let bytes = source.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'"' | b'\'' | b'`' => {
                let quote = bytes[i];
                i += 1;
                while i < bytes.len() && bytes[i] != quote {
                    i += 1;
                }
                i += 1;
            }
            _ if bytes[i..].starts_with(close.as_bytes()) => return i,
            _ => i += 1,
        }
    }
    source.len()
}

fn skip_past(source: &str, from: usize, close: &str) -> usize {
    source[from.min(source.len())..]
        .find(close)
        .map_or(source.len(), |i| from + i + close.len())
}

/// After `{% raw %}`: the offset after its `{% endraw %}` (the end of the text without one).
fn skip_raw(source: &str, from: usize) -> usize {
    let mut at = from;
    while let Some(found) = source[at..].find("{%") {
        let open = at + found;
        let Some(close) = source[open + 2..].find("%}").map(|i| open + 2 + i) else {
            break;
        };
        let body = source[open + 2..close].trim_matches(|c: char| c == '-' || c.is_whitespace());
        if body == "endraw" {
            return close + 2;
        }
        at = open + 2;
    }
    source.len()
}

/// A token of a tag's or an expression's text, with its byte offset in the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'s> {
    Ident(&'s str, usize),
    Str(&'s str, usize),
    Number(&'s str, usize),
    Punct(&'s str, usize),
}

fn tokens(body: &str, offset: usize) -> Vec<Token<'_>> {
    let bytes = body.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        if b.is_ascii_alphabetic() || b == b'_' {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            out.push(Token::Ident(&body[start..i], offset + start));
        } else if b.is_ascii_digit() {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            // A decimal or negative number is not a literal range size: keep it whole.
            if i < bytes.len() && bytes[i] == b'.' {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
            }
            out.push(Token::Number(&body[start..i], offset + start));
        } else if matches!(b, b'"' | b'\'' | b'`') {
            i += 1;
            while i < bytes.len() && bytes[i] != b {
                i += 1;
            }
            out.push(Token::Str(
                &body[start + 1..i.min(bytes.len())],
                offset + start,
            ));
            i += 1;
        } else if body[i..].starts_with("::") {
            out.push(Token::Punct("::", offset + start));
            i += 2;
        } else if b.is_ascii_whitespace() || b == b'-' && (i == 0 || i + 1 == bytes.len()) {
            i += 1;
        } else {
            let len = body[i..].chars().next().map_or(1, char::len_utf8);
            out.push(Token::Punct(&body[i..i + len], offset + start));
            i += len;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_carry_their_line_and_macro() {
        let scan = scan(
            "{% extends \"base.html\" %}\n{% import \"m.html\" as m %}\n{% macro tree(n) %}\n{% include [\"a.html\", 'b.html'] ignore missing %}{{ self::tree(n=n) }}\n{% endmacro tree %}\n{{ m::x() }}",
        );
        assert_eq!(scan.references.len(), 3);
        assert_eq!(scan.references[0].kind, RefKind::Extends);
        assert_eq!(scan.references[2].targets, ["a.html", "b.html"]);
        assert_eq!(
            (scan.references[2].line, scan.references[2].within),
            (4, Some(0))
        );
        assert_eq!(scan.imports, [("m".to_owned(), "m.html".to_owned())]);
        assert_eq!(scan.macros, [("tree".to_owned(), 3)]);
        assert_eq!(scan.calls.len(), 2);
        assert_eq!(
            (scan.calls[0].name.as_str(), scan.calls[0].within),
            ("tree", Some(0))
        );
        assert_eq!(
            (
                scan.calls[1].namespace.as_str(),
                scan.calls[1].line,
                scan.calls[1].within
            ),
            ("m", 6, None)
        );
    }

    #[test]
    fn comments_raw_blocks_and_strings_are_not_code() {
        let scan = scan(
            "{# {% include \"x.html\" %} #}{% raw %}{% include \"y.html\" %}{% endraw %}{{ \"self::f(\" }}{% include \"z.html\" %}",
        );
        assert_eq!(scan.references.len(), 1);
        assert_eq!(scan.references[0].targets, ["z.html"]);
        assert!(scan.calls.is_empty());
    }

    #[test]
    fn literal_ranges_are_sized() {
        let scan = scan(
            "{% for i in range(end=100000) %}{% for j in range(start=10, end=20, step_by=3) %}{% endfor %}{% endfor %}{% for k in range(end=n) %}{% endfor %}",
        );
        let sizes: Vec<u128> = scan.ranges.iter().map(|r| r.items).collect();
        assert_eq!(sizes, [100_000, 4]);
    }

    #[test]
    fn any_input_is_scanned_without_panicking() {
        for input in crate::text::tricky::inputs() {
            let _ = scan(&input);
        }
        for input in [
            "{%",
            "{{",
            "{#",
            "{% raw %}",
            "{% include \"",
            "{{ '",
            "{%-",
            "{% macro %}",
            "{{ a:: }}",
            "{{ range( }}",
        ] {
            let _ = scan(input);
        }
    }
}
