//! Per-node details of a drawn diagram: `%% details NODE: text` lines in a Mermaid block.
//!
//! The line is a Mermaid comment, so the diagram itself is unchanged. Under the drawing, the
//! page lists each node's details (readable without script, and in print); the node in the SVG
//! becomes focusable (`tabindex="0"`, `role="button"`) and is described by its entry, so a
//! screen reader reads the details when the node takes focus. With `assets/interactive.js`,
//! the list shows only the entry of the node last clicked or focused, next to the diagram.
//! Only flowchart nodes can be found in the drawing; the details of any other node are listed.

use crate::highlight::escape;

/// One node's details, as the block declares them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NodeDetail {
    /// The node's id in the diagram (`A` in `A[Client]`).
    pub(crate) node: String,
    /// The node's label in the diagram, or its id.
    pub(crate) label: String,
    /// The text to show.
    pub(crate) text: String,
}

/// The `%% details NODE: text` lines of a diagram, first one per node.
pub(crate) fn parse(code: &str) -> Vec<NodeDetail> {
    let mut out: Vec<NodeDetail> = Vec::new();
    for line in code.lines() {
        let Some(rest) = line.trim().strip_prefix("%%") else {
            continue;
        };
        let Some(rest) = rest.trim_start().strip_prefix("details") else {
            continue;
        };
        let Some((node, text)) = rest.split_once(':') else {
            continue;
        };
        let (node, text) = (node.trim(), text.trim());
        let valid = !node.is_empty()
            && node
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        if valid && !text.is_empty() && !out.iter().any(|d| d.node == node) {
            out.push(NodeDetail {
                node: node.to_owned(),
                label: label(code, node).unwrap_or_else(|| node.to_owned()),
                text: text.to_owned(),
            });
        }
    }
    out
}

/// The label a flowchart gives `node` where it is first declared with a shape (`A[Label]`,
/// `A{Label}`, `A(Label)`, `A>Label]`).
fn label(code: &str, node: &str) -> Option<String> {
    for line in code.lines().filter(|l| !l.trim_start().starts_with("%%")) {
        let mut from = 0;
        while let Some(found) = line[from..].find(node) {
            let at = from + found;
            from = at + node.len();
            let before_ok = line[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '-'));
            let after = &line[from..];
            if !before_ok || !after.starts_with(['[', '(', '{', '>']) {
                continue;
            }
            let inner = after.trim_start_matches(['[', '(', '{', '>', '/', '\\']);
            let end = inner.find([']', ')', '}']).unwrap_or(inner.len());
            let text = inner[..end]
                .trim_end_matches(['/', '\\'])
                .trim()
                .trim_matches('"');
            if !text.is_empty() {
                return Some(text.to_owned());
            }
        }
    }
    None
}

/// Where the id `marker` followed by digits and the closing quote starts: the node's own id
/// (`…-flowchart-A-3"`), never that of a node whose name only starts alike (`A-B`).
fn node_id_at(svg: &str, marker: &str) -> Option<usize> {
    svg.match_indices(marker).map(|(at, _)| at).find(|&at| {
        let rest = &svg[at + marker.len()..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && rest.as_bytes().get(digits) == Some(&b'"')
    })
}

/// The drawing with its detailed nodes made focusable, and the list of details to put under
/// it; the drawing unchanged and an empty list when there are no details.
pub(crate) fn apply(svg: String, diagram_id: &str, details: &[NodeDetail]) -> (String, String) {
    if details.is_empty() {
        return (svg, String::new());
    }
    let mut svg = svg;
    let mut found_any = false;
    let mut items = String::new();
    for detail in details {
        let entry = format!("{diagram_id}-detail-{}", detail.node);
        let marker = format!("id=\"{diagram_id}-flowchart-{}-", detail.node);
        if let Some(at) = node_id_at(&svg, &marker)
            && let Some(tag) = svg[..at].rfind("<g ")
        {
            svg.insert_str(
                tag + 2,
                &format!(
                    " tabindex=\"0\" role=\"button\" aria-describedby=\"{entry}\" data-details=\"{entry}\""
                ),
            );
            found_any = true;
        }
        items.push_str(&format!(
            "<div class=\"node-detail\" id=\"{entry}\"><dt>{}</dt><dd>{}</dd></div>\n",
            escape(&detail.label),
            escape(&detail.text)
        ));
    }
    if found_any && let Some(at) = svg.find(" role=\"img\"") {
        svg.replace_range(at..at + " role=\"img\"".len(), " role=\"group\"");
    }
    let list = format!(
        "<dl class=\"diagram-details\" data-block=\"details\" aria-label=\"Details of the diagram's nodes\">\n{items}</dl>\n"
    );
    (svg, list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_node_is_found_by_its_own_id_not_by_a_longer_name_that_starts_alike() {
        let svg = "<svg role=\"img\"><g class=\"node\" id=\"d-flowchart-A-B-0\"></g><g class=\"node\" id=\"d-flowchart-A-1\"></g></svg>";
        assert_eq!(
            node_id_at(svg, "id=\"d-flowchart-A-"),
            svg.find("id=\"d-flowchart-A-1")
        );
        assert_eq!(node_id_at(svg, "id=\"d-flowchart-C-"), None);
    }

    #[test]
    fn details_lines_are_read_with_the_node_label() {
        let code = "flowchart LR\n    A[Client] --> BB{\"Cache hit?\"}\n    %% details BB: Served from the edge.\n    %% details A: Any caller.\n    %% details A: ignored, the first one wins\n    %% details C D: not a node id\n    %% a comment\n";
        let details = parse(code);
        let read: Vec<(&str, &str, &str)> = details
            .iter()
            .map(|d| (d.node.as_str(), d.label.as_str(), d.text.as_str()))
            .collect();
        assert_eq!(
            read,
            [
                ("BB", "Cache hit?", "Served from the edge."),
                ("A", "Client", "Any caller.")
            ]
        );
    }

    #[test]
    fn a_detailed_node_becomes_a_described_focusable_button() {
        let svg = "<svg id=\"d\" role=\"img\"><g class=\"node\" id=\"d-flowchart-A-0\"><rect/></g><g class=\"node\" id=\"d-flowchart-AB-1\"/></svg>".to_owned();
        let details = parse("flowchart LR\n  A[Client] --> AB\n  %% details A: Any <caller>.\n");
        let (svg, list) = apply(svg, "d", &details);
        assert_eq!(
            svg,
            "<svg id=\"d\" role=\"group\"><g tabindex=\"0\" role=\"button\" aria-describedby=\"d-detail-A\" data-details=\"d-detail-A\" class=\"node\" id=\"d-flowchart-A-0\"><rect/></g><g class=\"node\" id=\"d-flowchart-AB-1\"/></svg>"
        );
        assert!(
            list.contains("<div class=\"node-detail\" id=\"d-detail-A\"><dt>Client</dt><dd>Any &lt;caller&gt;.</dd></div>"),
            "{list}"
        );
        let (same, none) = apply("<svg role=\"img\"/>".to_owned(), "d", &[]);
        assert_eq!((same.as_str(), none.as_str()), ("<svg role=\"img\"/>", ""));
    }
}
