//! Diagram types: the header keywords Mermaid accepts and the family each belongs to.

use crate::mermaid::source_text;

/// Diagram families the rest of the tool reasons about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, PartialOrd, Ord,
)]
#[serde(rename_all = "kebab-case")]
pub enum DiagramKind {
    /// `graph` / `flowchart` (also `flowchart-elk`).
    Flowchart,
    /// `sequenceDiagram`.
    Sequence,
    /// `classDiagram`.
    Class,
    /// `stateDiagram` / `stateDiagram-v2`.
    State,
    /// `erDiagram`.
    Er,
    /// `gantt`.
    Gantt,
    /// `pie`.
    Pie,
    /// `mindmap`.
    Mindmap,
    /// `timeline`.
    Timeline,
    /// `journey`.
    Journey,
    /// `gitGraph`.
    GitGraph,
    /// `quadrantChart`.
    Quadrant,
    /// `requirementDiagram`.
    Requirement,
    /// `C4Context`, `C4Container`, `C4Component`, `C4Dynamic`, `C4Deployment`.
    C4,
    /// `sankey` / `sankey-beta`.
    Sankey,
    /// `xychart` / `xychart-beta`.
    XyChart,
    /// `block` / `block-beta`.
    Block,
    /// `architecture` / `architecture-beta`.
    Architecture,
    /// `packet` / `packet-beta`.
    Packet,
    /// `kanban`.
    Kanban,
    /// Any other type merman understands (`info`, `radar-beta`, `treemap-beta`, `zenuml`, …).
    Other,
}

/// Header keywords of the named diagram kinds, in the order they are listed to authors.
pub(super) const KIND_KEYWORDS: &[(&str, DiagramKind)] = &[
    ("flowchart", DiagramKind::Flowchart),
    ("graph", DiagramKind::Flowchart),
    ("flowchart-elk", DiagramKind::Flowchart),
    ("sequenceDiagram", DiagramKind::Sequence),
    ("classDiagram", DiagramKind::Class),
    ("classDiagram-v2", DiagramKind::Class),
    ("stateDiagram-v2", DiagramKind::State),
    ("stateDiagram", DiagramKind::State),
    ("erDiagram", DiagramKind::Er),
    ("gantt", DiagramKind::Gantt),
    ("pie", DiagramKind::Pie),
    ("mindmap", DiagramKind::Mindmap),
    ("timeline", DiagramKind::Timeline),
    ("journey", DiagramKind::Journey),
    ("gitGraph", DiagramKind::GitGraph),
    ("quadrantChart", DiagramKind::Quadrant),
    ("requirementDiagram", DiagramKind::Requirement),
    ("C4Context", DiagramKind::C4),
    ("C4Container", DiagramKind::C4),
    ("C4Component", DiagramKind::C4),
    ("C4Dynamic", DiagramKind::C4),
    ("C4Deployment", DiagramKind::C4),
    ("sankey-beta", DiagramKind::Sankey),
    ("sankey", DiagramKind::Sankey),
    ("xychart-beta", DiagramKind::XyChart),
    ("xychart", DiagramKind::XyChart),
    ("block-beta", DiagramKind::Block),
    ("block", DiagramKind::Block),
    ("architecture-beta", DiagramKind::Architecture),
    ("architecture", DiagramKind::Architecture),
    ("packet-beta", DiagramKind::Packet),
    ("packet", DiagramKind::Packet),
    ("kanban", DiagramKind::Kanban),
];

impl DiagramKind {
    /// Detects the diagram kind from its header: the first keyword of the first line that is not
    /// blank, a `%%` comment, a `%%{…}%%` directive or part of the `---` front matter.
    ///
    /// `graph`/`flowchart` give [`DiagramKind::Flowchart`], `sequenceDiagram` gives
    /// [`DiagramKind::Sequence`], and so on; other types merman supports give
    /// [`DiagramKind::Other`]; `None` means the type is unknown.
    pub fn detect(source: &str) -> Option<DiagramKind> {
        let header = source_text::header(source)?;
        Self::from_keyword(header.keyword)
    }

    /// The short stable name used in JSON and matching (`flowchart`, `sequence`, `er`,
    /// `git-graph`, …): the serialised form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Flowchart => "flowchart",
            Self::Sequence => "sequence",
            Self::Class => "class",
            Self::State => "state",
            Self::Er => "er",
            Self::Gantt => "gantt",
            Self::Pie => "pie",
            Self::Mindmap => "mindmap",
            Self::Timeline => "timeline",
            Self::Journey => "journey",
            Self::GitGraph => "git-graph",
            Self::Quadrant => "quadrant",
            Self::Requirement => "requirement",
            Self::C4 => "c4",
            Self::Sankey => "sankey",
            Self::XyChart => "xy-chart",
            Self::Block => "block",
            Self::Architecture => "architecture",
            Self::Packet => "packet",
            Self::Kanban => "kanban",
            Self::Other => "other",
        }
    }

    /// Human-readable name, as used in messages: "flowchart", "sequence diagram", ….
    pub fn label(&self) -> &'static str {
        match self {
            Self::Flowchart => "flowchart",
            Self::Sequence => "sequence diagram",
            Self::Class => "class diagram",
            Self::State => "state diagram",
            Self::Er => "entity-relationship diagram",
            Self::Gantt => "Gantt chart",
            Self::Pie => "pie chart",
            Self::Mindmap => "mind map",
            Self::Timeline => "timeline",
            Self::Journey => "user journey",
            Self::GitGraph => "Git graph",
            Self::Quadrant => "quadrant chart",
            Self::Requirement => "requirement diagram",
            Self::C4 => "C4 diagram",
            Self::Sankey => "Sankey diagram",
            Self::XyChart => "XY chart",
            Self::Block => "block diagram",
            Self::Architecture => "architecture diagram",
            Self::Packet => "packet diagram",
            Self::Kanban => "Kanban board",
            Self::Other => "diagram",
        }
    }

    /// The header keyword a new diagram of this kind starts with (`sequenceDiagram`,
    /// `stateDiagram-v2`); `None` for [`DiagramKind::Other`], which names no single type.
    pub(crate) fn keyword(self) -> Option<&'static str> {
        KIND_KEYWORDS
            .iter()
            .find(|(_, kind)| *kind == self)
            .map(|(word, _)| *word)
    }

    fn from_keyword(keyword: &str) -> Option<Self> {
        if let Some((_, kind)) = KIND_KEYWORDS.iter().find(|(word, _)| *word == keyword) {
            return Some(*kind);
        }
        merman_keywords()
            .any(|known| known == keyword)
            .then_some(Self::Other)
    }
}

/// Every header keyword [`DiagramKind::detect`] accepts, each once: those of the named kinds
/// in [`KIND_KEYWORDS`] order, then the other types merman understands.
pub(super) fn accepted_keywords() -> Vec<&'static str> {
    let mut keywords: Vec<&'static str> = KIND_KEYWORDS.iter().map(|(word, _)| *word).collect();
    for keyword in merman_keywords() {
        if !keywords.contains(&keyword) {
            keywords.push(keyword);
        }
    }
    keywords
}

/// The header keywords of the diagram types merman parses (`radar-beta`, `treemap-beta`, …).
fn merman_keywords() -> impl Iterator<Item = &'static str> {
    merman_core::diagram_header_facts()
        .iter()
        .map(|fact| source_text::keyword_of(fact.label))
        .filter(|keyword| !keyword.is_empty())
}

/// "Flowchart", "Sequence diagram": the accessible name used when nothing better is known.
pub(super) fn kind_title(kind: DiagramKind) -> String {
    let label = kind.label();
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_skips_front_matter_comments_and_directives() {
        let source = "---\ntitle: x\n---\n%% a comment\n%%{init: {\"theme\": \"dark\"}}%%\n\nsequenceDiagram\n";
        assert_eq!(DiagramKind::detect(source), Some(DiagramKind::Sequence));
        assert_eq!(
            DiagramKind::detect("graph TD;"),
            Some(DiagramKind::Flowchart)
        );
        assert_eq!(DiagramKind::detect("C4Context\n"), Some(DiagramKind::C4));
        assert_eq!(DiagramKind::detect("info\n"), Some(DiagramKind::Other));
        assert_eq!(DiagramKind::detect("graf TD"), None);
        assert_eq!(DiagramKind::detect(""), None);
    }

    #[test]
    fn short_names_are_the_serialised_names() {
        for (_, kind) in KIND_KEYWORDS.iter().chain(&[("", DiagramKind::Other)]) {
            let json = serde_json::to_string(kind).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
    }

    #[test]
    fn a_kind_keyword_is_detected_as_that_kind() {
        for (_, kind) in KIND_KEYWORDS {
            let keyword = kind.keyword().expect("named kinds have a keyword");
            assert_eq!(DiagramKind::detect(keyword), Some(*kind), "{keyword}");
        }
        assert_eq!(DiagramKind::State.keyword(), Some("stateDiagram-v2"));
        assert_eq!(DiagramKind::Other.keyword(), None);
    }

    #[test]
    fn every_accepted_keyword_is_detected_and_listed_once() {
        let keywords = accepted_keywords();
        for keyword in &keywords {
            assert!(DiagramKind::detect(keyword).is_some(), "{keyword}");
            assert_eq!(keywords.iter().filter(|k| *k == keyword).count(), 1);
        }
        for expected in [
            "radar-beta",
            "treemap-beta",
            "C4Container",
            "C4Deployment",
            "kanban",
        ] {
            assert!(keywords.contains(&expected), "{expected} in {keywords:?}");
        }
    }

    #[test]
    fn every_kind_has_a_label() {
        assert_eq!(DiagramKind::Sequence.label(), "sequence diagram");
        assert_eq!(kind_title(DiagramKind::Flowchart), "Flowchart");
    }
}
