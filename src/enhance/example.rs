//! A recommendation's example block → its [`Kind`] and [`Fingerprint`].
//!
//! A ```` ```mermaid ```` example gives the diagram type and its labels; a ```` ```markdown ````
//! example is parsed like any Markdown (its headings and bold labels are its fingerprint,
//! and its shape tells a metrics block from a prose section); any other fence is a code
//! sample in that language, fingerprinted by the classes and functions it defines.

use crate::enhance::{Fingerprint, Kind, code, diagram, kind, text};
use crate::markdown::{self, CodeBlock, metrics::has_number};
use crate::source::SourceFile;

/// Kind and fingerprint of a numbered recommendation with an example fence.
pub fn read(title: &str, block: &CodeBlock) -> (Kind, Fingerprint) {
    let mut fingerprint = Fingerprint {
        terms: vec![title.to_owned()],
        ..Fingerprint::default()
    };
    let kind = match block.lang.as_deref() {
        Some("mermaid") => {
            let labels = diagram::labels(&block.code);
            fingerprint.nodes = labels.nodes;
            fingerprint.subgraphs = labels.subgraphs;
            Kind::Diagram(Some(diagram::kind(block)))
        }
        Some("markdown" | "md") | None => markdown_example(title, &block.code, &mut fingerprint),
        Some(lang) => {
            let defs = code::definitions(&block.code);
            fingerprint.classes = defs.classes;
            fingerprint.functions = defs.functions;
            Kind::Code(Some(canonical_language(lang).to_owned()))
        }
    };
    (kind, fingerprint)
}

fn markdown_example(title: &str, code: &str, fingerprint: &mut Fingerprint) -> Kind {
    let source = SourceFile::from_string("example.md", code);
    let doc = markdown::parse(&source);
    fingerprint.headings = doc.headings.iter().map(|h| h.text.clone()).collect();
    let mut with_numbers = 0;
    let mut bullet_labels = 0;
    for item in &doc.list_items {
        if let Some(lead) = &item.lead_strong {
            bullet_labels += 1;
            if has_number(&item.text) {
                with_numbers += 1;
            }
            fingerprint.labels.push(clean_label(lead));
        }
    }
    for paragraph in doc.paragraphs.iter().filter(|p| p.is_bold_label) {
        fingerprint.labels.push(clean_label(&paragraph.text));
    }
    let kind = kind::of_markdown(title, with_numbers, bullet_labels);
    if kind == Kind::Metrics {
        // Metric names are what a metrics block must show; section titles are context.
        fingerprint.labels = doc
            .list_items
            .iter()
            .filter_map(|i| i.lead_strong.as_deref())
            .map(clean_label)
            .collect();
    }
    text::dedup(&mut fingerprint.labels);
    kind
}

/// Kind and fingerprint of a numbered recommendation without an example.
pub fn from_text(title: &str, body: &str) -> (Kind, Fingerprint) {
    let fingerprint = Fingerprint {
        terms: vec![body.to_owned()],
        ..Fingerprint::default()
    };
    (kind::of_text(title), fingerprint)
}

/// Kind and fingerprint of an "Already Includes" claim: its words minus the kind's words.
pub fn claim(text: &str) -> (Kind, Fingerprint) {
    let terms: Vec<String> = text::tokens(text)
        .into_iter()
        .filter(|w| !kind::KIND_WORDS.contains(&w.as_str()))
        .collect();
    let mut fingerprint = Fingerprint {
        terms,
        ..Fingerprint::default()
    };
    text::dedup(&mut fingerprint.terms);
    (kind::of_text(text), fingerprint)
}

fn clean_label(label: &str) -> String {
    label.trim().trim_end_matches(':').trim().to_owned()
}

/// `py` → `python`, `ts` → `typescript`, … so requirements and episodes compare equal.
pub fn canonical_language(lang: &str) -> &str {
    match lang {
        "py" | "python3" => "python",
        "ts" => "typescript",
        "js" => "javascript",
        "rs" => "rust",
        "golang" => "go",
        "sh" | "shell" | "zsh" => "bash",
        "yml" => "yaml",
        other => other,
    }
}
