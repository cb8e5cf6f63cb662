//! What a Mermaid block is about, for matching: its diagram type and its labels.
//!
//! The type is the one the parsed `Document` records for the block ([`kind`], from the Mermaid
//! module's detection). Labels are what a reader sees: node labels (`A[Load Balancer]`),
//! subgraph titles, sequence participants.

pub use crate::mermaid::DiagramKind;

use crate::markdown::CodeBlock;

/// The type of a Mermaid block; an unknown type (an invalid diagram) counts as
/// [`DiagramKind::Other`].
pub fn kind(block: &CodeBlock) -> DiagramKind {
    block.diagram.unwrap_or(DiagramKind::Other)
}

/// Labels in a diagram: node labels, subgraph titles and participants, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels {
    /// Node labels and sequence participants.
    pub nodes: Vec<String>,
    /// Subgraph titles.
    pub subgraphs: Vec<String>,
}

/// Reads the labels of a diagram.
pub fn labels(code: &str) -> Labels {
    let mut out = Labels::default();
    for line in code.lines().map(str::trim) {
        if line.starts_with("%%") {
            continue;
        }
        if let Some(rest) = line.strip_prefix("subgraph") {
            out.subgraphs.push(subgraph_title(rest));
        } else if let Some(rest) = line
            .strip_prefix("participant ")
            .or_else(|| line.strip_prefix("actor "))
        {
            let name = rest.split_once(" as ").map_or(rest, |(_, alias)| alias);
            out.nodes.push(unquote(name));
        } else {
            out.nodes.extend(node_labels(line));
        }
    }
    crate::enhance::text::dedup(&mut out.nodes);
    crate::enhance::text::dedup(&mut out.subgraphs);
    out
}

/// `"Edge PoPs"`, `Edge["Edge PoPs"]`, `Edge [Edge PoPs]` or `Users` → the title.
fn subgraph_title(rest: &str) -> String {
    let rest = rest.trim();
    match rest.find('[') {
        Some(open) => unquote(rest[open + 1..].trim_end_matches(']')),
        None => unquote(rest),
    }
}

/// Labels in brackets after a node id: `A[x]`, `A(x)`, `A{x}`, `A((x))`, `A[(x)]`, `A>x]`.
fn node_labels(line: &str) -> Vec<String> {
    let mut labels = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let opens = matches!(bytes[i], b'[' | b'(' | b'{');
        let after_id = i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        if opens && after_id {
            let close = match bytes[i] {
                b'[' => b']',
                b'(' => b')',
                _ => b'}',
            };
            if let Some(len) = line[i + 1..].bytes().position(|b| b == close) {
                let inner = line[i + 1..i + 1 + len]
                    .trim_matches(['[', '(', '{', '/', '\\', ')', ']', '}']);
                let label = unquote(inner);
                if !label.is_empty() {
                    labels.push(label);
                }
                i += len + 2;
                continue;
            }
        }
        i += 1;
    }
    labels
}

fn unquote(text: &str) -> String {
    text.trim().trim_matches('"').trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documents_type_is_used_and_unknown_types_are_other() {
        let source = crate::source::SourceFile::from_string(
            "t.md",
            "```mermaid\n%% c\n\ngraph TB\n A-->B\n```\n\n```mermaid\ngraf TD\n```\n",
        );
        let doc = crate::markdown::parse(&source);
        assert_eq!(kind(&doc.code_blocks[0]), DiagramKind::Flowchart);
        assert_eq!(kind(&doc.code_blocks[1]), DiagramKind::Other);
    }

    #[test]
    fn node_subgraph_and_participant_labels_are_read() {
        let l = labels(
            "graph LR\n subgraph Edge[\"Edge PoPs\"]\n EU[Edge PoP Europe]\n DB[(Product database)]\n end\n EU -->|miss| SH\n",
        );
        assert_eq!(l.subgraphs, ["Edge PoPs"]);
        assert_eq!(l.nodes, ["Edge PoP Europe", "Product database"]);
        let s = labels("sequenceDiagram\n participant CLI as episode CLI\n participant Author\n");
        assert_eq!(s.nodes, ["episode CLI", "Author"]);
    }
}
