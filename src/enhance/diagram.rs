//! What a Mermaid block is about, for matching: its diagram type and its labels.
//!
//! The type is read from the first keyword line, in this one place, so it can later be
//! replaced by the Mermaid module's own detection. Labels are what a reader sees: node
//! labels (`A[Load Balancer]`), subgraph titles, sequence participants.

/// The type of a Mermaid diagram, from its first keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiagramKind {
    /// `graph` or `flowchart`.
    Flowchart,
    /// `sequenceDiagram`.
    Sequence,
    /// `classDiagram`.
    Class,
    /// `stateDiagram` or `stateDiagram-v2`.
    State,
    /// `erDiagram`.
    Er,
    /// `gantt`.
    Gantt,
    /// `pie`.
    Pie,
    /// `timeline`.
    Timeline,
    /// Anything else Mermaid draws (`journey`, `mindmap`, `gitGraph`, …).
    Other,
}

impl DiagramKind {
    /// The word used in messages and JSON (`flowchart`, `sequence`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            DiagramKind::Flowchart => "flowchart",
            DiagramKind::Sequence => "sequence",
            DiagramKind::Class => "class",
            DiagramKind::State => "state",
            DiagramKind::Er => "er",
            DiagramKind::Gantt => "gantt",
            DiagramKind::Pie => "pie",
            DiagramKind::Timeline => "timeline",
            DiagramKind::Other => "other",
        }
    }
}

/// The diagram type from the first line that is not blank, a `%%` comment or front matter.
pub fn detect(code: &str) -> DiagramKind {
    let mut in_front_matter = false;
    for line in code.lines().map(str::trim) {
        if line == "---" {
            in_front_matter = !in_front_matter;
            continue;
        }
        if in_front_matter || line.is_empty() || line.starts_with("%%") {
            continue;
        }
        let keyword = line.split_whitespace().next().unwrap_or("");
        return match keyword {
            "graph" | "flowchart" | "flowchart-elk" => DiagramKind::Flowchart,
            "sequenceDiagram" => DiagramKind::Sequence,
            "classDiagram" | "classDiagram-v2" => DiagramKind::Class,
            "stateDiagram" | "stateDiagram-v2" => DiagramKind::State,
            "erDiagram" => DiagramKind::Er,
            "gantt" => DiagramKind::Gantt,
            "pie" => DiagramKind::Pie,
            "timeline" => DiagramKind::Timeline,
            _ => DiagramKind::Other,
        };
    }
    DiagramKind::Other
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
    fn the_first_keyword_line_decides_the_type() {
        assert_eq!(detect("%% c\n\ngraph TB\n A-->B"), DiagramKind::Flowchart);
        assert_eq!(detect("sequenceDiagram\n A->>B: x"), DiagramKind::Sequence);
        assert_eq!(detect("---\ntitle: x\n---\ngantt\n"), DiagramKind::Gantt);
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
