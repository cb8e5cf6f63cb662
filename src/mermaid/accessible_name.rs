//! The accessible name of a drawn diagram: the author's `accTitle`, else a summary of what the
//! diagram shows ("Flowchart: Client, API gateway, Orders service, Database").

use crate::mermaid::DiagramInfo;
use crate::mermaid::kind::kind_title;

/// How many labels a generated name lists before counting the rest.
const NAMED_LABELS: usize = 8;

impl DiagramInfo {
    /// The `accTitle` when the diagram has one; otherwise its kind followed by its first
    /// [`NAMED_LABELS`] node (participant, state, task, slice…) labels, and how many more
    /// there are: "Sequence diagram: Client, API gateway and 2 more".
    pub fn accessible_name(&self) -> String {
        if let Some(title) = self.acc_title.as_deref().map(str::trim)
            && !title.is_empty()
        {
            return title.to_string();
        }
        let kind = kind_title(self.kind);
        let labels: Vec<&str> = self
            .labels
            .iter()
            .map(|label| label.trim())
            .filter(|label| !label.is_empty())
            .collect();
        if labels.is_empty() {
            return kind;
        }
        format!(
            "{kind}: {}",
            crate::text::list_at_most(&labels, NAMED_LABELS, ", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::mermaid::{DiagramInfo, DiagramKind};

    fn info(kind: DiagramKind, labels: &[&str], acc_title: Option<&str>) -> DiagramInfo {
        DiagramInfo {
            kind,
            labels: labels.iter().map(|label| label.to_string()).collect(),
            acc_title: acc_title.map(str::to_string),
            acc_descr: None,
        }
    }

    #[test]
    fn the_authors_acc_title_wins() {
        let diagram = info(DiagramKind::Flowchart, &["A"], Some("Request path"));
        assert_eq!(diagram.accessible_name(), "Request path");
        let blank = info(DiagramKind::Flowchart, &["A"], Some("  "));
        assert_eq!(blank.accessible_name(), "Flowchart: A");
    }

    #[test]
    fn a_generated_name_lists_the_kind_and_at_most_eight_labels() {
        let four = ["Client", "API gateway", "Orders service", "Database"];
        assert_eq!(
            info(DiagramKind::Flowchart, &four, None).accessible_name(),
            "Flowchart: Client, API gateway, Orders service, Database"
        );
        let ten = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
        assert_eq!(
            info(DiagramKind::Sequence, &ten, None).accessible_name(),
            "Sequence diagram: a, b, c, d, e, f, g, h and 2 more"
        );
        assert_eq!(
            info(DiagramKind::Pie, &[], None).accessible_name(),
            "Pie chart"
        );
    }
}
