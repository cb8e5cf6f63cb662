//! Checks a theme before anything is rendered: no template or macro may reach itself, and no
//! `range` written with literal numbers may exceed the loop limit.
//!
//! Tera follows includes, imports and macro calls on the stack without a depth limit, so a
//! template that includes itself, two that include each other, or a macro that calls itself
//! would overflow the stack and abort the process without naming anything. The graph here has
//! a node per template and per macro, and an edge per include, extends, import and macro call
//! (with its line); a cycle in it is reported with every step, file and line. Recursive macros
//! are refused even when a condition would stop them: that condition cannot be checked before
//! rendering, and a mistake in it would crash the build.

use std::collections::BTreeMap;

use super::limits::RANGE_LIMIT;
use super::template_scan::{RefKind, Scan, scan};

/// A template to check: name, text and where it comes from (`templates/x.html` or
/// `the built-in theme`).
pub(crate) struct TemplateSource<'t> {
    /// Name, as other templates refer to it.
    pub(crate) name: &'t str,
    /// Its text.
    pub(crate) text: &'t str,
    /// Where it comes from.
    pub(crate) origin: &'t str,
}

/// One step of the graph: from a node to another, written at a line of a file.
#[derive(Debug, Clone)]
struct Edge {
    to: usize,
    file: usize,
    line: usize,
    /// The template or macro the step is written in.
    who: String,
    /// `includes`, `extends`, `imports` or `calls macro`.
    verb: &'static str,
    /// The template or macro it reaches.
    target: String,
}

impl Edge {
    fn what(&self) -> String {
        format!("{} {} {}", self.who, self.verb, self.target)
    }
}

/// Checks the theme; the error names every template, line and step at fault.
pub(crate) fn check(templates: &[TemplateSource<'_>]) -> anyhow::Result<()> {
    let scans: Vec<Scan> = templates.iter().map(|t| scan(t.text)).collect();
    check_ranges(templates, &scans)?;
    let graph = Graph::new(templates, &scans);
    if let Some(cycle) = graph.first_cycle() {
        anyhow::bail!("{}", describe(templates, &cycle));
    }
    Ok(())
}

fn check_ranges(templates: &[TemplateSource<'_>], scans: &[Scan]) -> anyhow::Result<()> {
    for (file, scan) in scans.iter().enumerate() {
        if let Some(range) = scan.ranges.iter().find(|r| r.items > RANGE_LIMIT as u128) {
            anyhow::bail!(
                "{}: this `range` yields {} items; a template may loop over at most {RANGE_LIMIT}\n  help: loop over the course's data instead, or over a smaller range",
                location(&templates[file], range.line),
                range.items
            );
        }
    }
    Ok(())
}

/// Templates are nodes `0..templates.len()`; macros follow, in file order.
struct Graph {
    edges: Vec<Vec<Edge>>,
}

impl Graph {
    fn new(templates: &[TemplateSource<'_>], scans: &[Scan]) -> Self {
        let by_name: BTreeMap<&str, usize> = templates
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name, i))
            .collect();
        let mut first_macro = Vec::with_capacity(scans.len());
        let mut nodes = templates.len();
        for scan in scans {
            first_macro.push(nodes);
            nodes += scan.macros.len();
        }
        let macro_node = |file: usize, index: usize| first_macro[file] + index;
        let mut edges = vec![Vec::new(); nodes];
        for (file, scan) in scans.iter().enumerate() {
            let name = templates[file].name;
            let from = |within: Option<usize>| within.map_or(file, |m| macro_node(file, m));
            let who = |within: Option<usize>| match within {
                Some(m) => format!("macro `{}` in {name}", scan.macros[m].0),
                None => name.to_owned(),
            };
            for reference in &scan.references {
                // An include renders the first of its templates that exists.
                let Some((target, &to)) = reference
                    .targets
                    .iter()
                    .find_map(|t| by_name.get(t.as_str()).map(|to| (t, to)))
                else {
                    continue;
                };
                edges[from(reference.within)].push(Edge {
                    to,
                    file,
                    line: reference.line,
                    who: who(reference.within),
                    verb: reference.kind.verb(),
                    target: target.clone(),
                });
            }
            for call in &scan.calls {
                let Some(target_file) = resolve_namespace(file, &call.namespace, scans, &by_name)
                else {
                    continue;
                };
                let Some(index) = scans[target_file]
                    .macros
                    .iter()
                    .position(|(m, _)| *m == call.name)
                else {
                    continue;
                };
                edges[from(call.within)].push(Edge {
                    to: macro_node(target_file, index),
                    file,
                    line: call.line,
                    who: who(call.within),
                    verb: "calls macro",
                    target: format!("`{}::{}`", call.namespace, call.name),
                });
            }
        }
        Self { edges }
    }

    /// The first cycle found, as its edges in order; searched without recursion.
    fn first_cycle(&self) -> Option<Vec<Edge>> {
        #[derive(Clone, Copy, PartialEq)]
        enum State {
            New,
            OnPath,
            Done,
        }
        let mut state = vec![State::New; self.edges.len()];
        for start in 0..self.edges.len() {
            if state[start] != State::New {
                continue;
            }
            // (node, next edge to follow); path[i] is the edge that led to stack[i + 1].
            let mut stack = vec![(start, 0usize)];
            let mut path: Vec<&Edge> = Vec::new();
            state[start] = State::OnPath;
            while let Some(top) = stack.last_mut() {
                let node = top.0;
                let Some(edge) = self.edges[node].get(top.1) else {
                    state[node] = State::Done;
                    stack.pop();
                    path.pop();
                    continue;
                };
                top.1 += 1;
                match state[edge.to] {
                    State::New => {
                        state[edge.to] = State::OnPath;
                        stack.push((edge.to, 0));
                        path.push(edge);
                    }
                    State::OnPath => {
                        let begins = stack.iter().position(|&(n, _)| n == edge.to).unwrap_or(0);
                        let mut cycle: Vec<Edge> =
                            path[begins..].iter().map(|e| (*e).clone()).collect();
                        cycle.push(edge.clone());
                        return Some(cycle);
                    }
                    State::Done => {}
                }
            }
        }
        None
    }
}

/// The template whose macros `namespace` names in `file`: `self`, or an import of the file, of
/// a template it imports, or of a template it extends (as Tera resolves them).
fn resolve_namespace(
    file: usize,
    namespace: &str,
    scans: &[Scan],
    by_name: &BTreeMap<&str, usize>,
) -> Option<usize> {
    if namespace == "self" {
        return Some(file);
    }
    let mut seen = vec![false; scans.len()];
    let mut queue = std::collections::VecDeque::from([file]);
    while let Some(current) = queue.pop_front() {
        if std::mem::replace(&mut seen[current], true) {
            continue;
        }
        let scan = &scans[current];
        if let Some((_, target)) = scan.imports.iter().find(|(ns, _)| ns == namespace) {
            return by_name.get(target.as_str()).copied();
        }
        for reference in &scan.references {
            if matches!(reference.kind, RefKind::Import | RefKind::Extends) {
                queue.extend(
                    reference
                        .targets
                        .iter()
                        .filter_map(|t| by_name.get(t.as_str()).copied()),
                );
            }
        }
    }
    None
}

fn describe(templates: &[TemplateSource<'_>], cycle: &[Edge]) -> String {
    let summary = match cycle {
        [only] => format!(
            "{} {} itself, which never ends",
            only.who,
            only.verb.trim_end_matches(" macro")
        ),
        _ => format!(
            "{} templates or macros reach each other in a cycle that never ends",
            cycle.len()
        ),
    };
    let mut message = format!("the theme recurses: {summary}");
    for edge in cycle {
        message.push_str(&format!(
            "\n  {}: {}",
            location(&templates[edge.file], edge.line),
            edge.what()
        ));
    }
    message.push_str("\n  help: remove one of these steps; a template or macro must not reach itself (recursive macros are not supported, as a page would overflow the stack if the recursion did not stop)");
    message
}

/// `templates/a.html:3`, or `toc.html:3 (built-in theme)`.
fn location(template: &TemplateSource<'_>, line: usize) -> String {
    if template.origin.starts_with("templates/") {
        format!("{}:{line}", template.origin)
    } else {
        format!("{}:{line} ({})", template.name, template.origin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_all(templates: &[(&str, &str)]) -> Result<(), String> {
        let origins: Vec<String> = templates
            .iter()
            .map(|(n, _)| format!("templates/{n}"))
            .collect();
        let sources: Vec<TemplateSource<'_>> = templates
            .iter()
            .zip(&origins)
            .map(|((name, text), origin)| TemplateSource { name, text, origin })
            .collect();
        check(&sources).map_err(|e| e.to_string())
    }

    #[test]
    fn a_template_including_itself_is_named_with_its_line() {
        let err = check_all(&[("a.html", "x\n{% include \"a.html\" %}")]).unwrap_err();
        assert!(err.starts_with("the theme recurses: a.html includes itself, which never ends\n  templates/a.html:2: a.html includes a.html\n"), "{err}");
    }

    #[test]
    fn mutual_includes_list_both_steps() {
        let err = check_all(&[
            ("a.html", "{% include \"b.html\" %}"),
            ("b.html", "\n\n{% include \"a.html\" %}"),
        ])
        .unwrap_err();
        assert!(err.contains("\n  templates/a.html:1: a.html includes b.html\n  templates/b.html:3: b.html includes a.html\n"), "{err}");
    }

    #[test]
    fn recursive_macros_are_found_directly_and_through_an_import() {
        let err = check_all(&[(
            "m.html",
            "{% macro tree(n) %}\n{{ self::tree(n=n) }}\n{% endmacro %}",
        )])
        .unwrap_err();
        assert!(err.contains("macro `tree` in m.html calls itself"), "{err}");
        assert!(
            err.contains("templates/m.html:2: macro `tree` in m.html calls macro `self::tree`"),
            "{err}"
        );
        let err = check_all(&[
            (
                "a.html",
                "{% import \"b.html\" as b %}{% macro f() %}{{ b::g() }}{% endmacro %}",
            ),
            (
                "b.html",
                "{% import \"a.html\" as a %}{% macro g() %}{{ a::f() }}{% endmacro %}",
            ),
        ])
        .unwrap_err();
        assert!(err.contains("a.html imports b.html"), "{err}");
    }

    #[test]
    fn a_diamond_and_a_missing_target_are_not_cycles() {
        assert_eq!(
            check_all(&[
                ("a.html", "{% include \"b.html\" %}{% include \"c.html\" %}"),
                (
                    "b.html",
                    "{% include \"c.html\" %}{% include [\"gone.html\"] ignore missing %}"
                ),
                (
                    "c.html",
                    "{% import \"m.html\" as m %}{{ m::f() }}{{ m::f() }}"
                ),
                (
                    "m.html",
                    "{% macro f() %}{{ self::g() }}{% endmacro %}{% macro g() %}x{% endmacro %}"
                ),
            ]),
            Ok(())
        );
    }

    #[test]
    fn a_literal_range_above_the_limit_is_refused_with_its_line() {
        let err =
            check_all(&[("a.html", "\n{% for i in range(end=100000) %}{% endfor %}")]).unwrap_err();
        assert!(
            err.starts_with("templates/a.html:2: this `range` yields 100000 items"),
            "{err}"
        );
    }
}
