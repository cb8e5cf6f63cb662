//! `episode enhancements`: what the tool understood from the recommendation documents,
//! per episode, as a table or as JSON. Nothing is judged here; `episode lint` does that.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::cli::{EnhancementsArgs, EnhancementsFormat};
use crate::enhance::{self, Fingerprint, Origin, Requirement};
use crate::pipeline::{self, Parsed};
use crate::term::{print_out, printable};
use crate::{Outcome, check, course, report};

/// The JSON listing: requirements per episode, what each document yielded, and what could
/// not be read or matched.
#[derive(Debug, Serialize)]
pub struct Listing<'a> {
    /// Requirements per target episode, in course order.
    pub episodes: Vec<EpisodeRequirements<'a>>,
    /// Per document: how many requirements were read, and the sections skipped.
    pub documents: &'a [enhance::DocumentSummary],
    /// Findings about the documents, one line each (`file:line:col: severity[rule]: …`).
    pub problems: Vec<String>,
}

/// One episode and the requirements that target it.
#[derive(Debug, Serialize)]
pub struct EpisodeRequirements<'a> {
    /// Series slug.
    pub series: &'a str,
    /// Number.
    pub number: u32,
    /// Title.
    pub title: &'a str,
    /// Requirements, in document order.
    pub requirements: Vec<RequirementView<'a>>,
}

/// A requirement as shown.
#[derive(Debug, Serialize)]
pub struct RequirementView<'a> {
    /// Stable id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Kind name.
    pub kind: String,
    /// The kind itself.
    #[serde(skip)]
    pub kind_value: &'a enhance::Kind,
    /// Recommended, claim or element.
    pub origin: Origin,
    /// Recommendations file.
    pub file: &'a str,
    /// 1-based line in it.
    pub line: usize,
    /// What the recommended content is about.
    pub fingerprint: &'a Fingerprint,
}

/// Prints the requirements per episode; unresolved recommendations are listed after them.
pub fn run(root: &Path, args: &EnhancementsArgs) -> anyhow::Result<Outcome> {
    let loaded = course::load::load(root, None)?;
    let files = pipeline::parse_files(
        &loaded,
        &crate::mermaid::MermaidEngine::new(),
        crate::mermaid::cache::DiskCache::from_env().as_ref(),
    );
    let model = pipeline::Model::assemble(&loaded, &files);
    let parsed = model.view(&loaded, &files);
    let (requirements, problems, documents) =
        enhance::requirements(parsed.course, &parsed.enhancement_docs);
    let problems = check::settle(&parsed, problems);
    let episodes = per_episode(&parsed, &requirements);
    let sources = parsed.sources();
    match args.format {
        EnhancementsFormat::Json => {
            let problems: Vec<String> = problems
                .iter()
                .map(|d| report::short(d, &sources))
                .collect();
            let view = Listing {
                episodes,
                documents: &documents,
                problems,
            };
            let mut out = serde_json::to_string_pretty(&view)?;
            out.push('\n');
            print_out(&out)?;
        }
        EnhancementsFormat::Table => {
            let mut out = table(&episodes);
            out.push_str(&skipped(&documents));
            if !problems.is_empty() {
                out.push_str("\nnot read or not matched to an episode:\n");
                for d in &problems {
                    let _ = writeln!(out, "  {}", report::short(d, &sources));
                }
            }
            print_out(&out)?;
        }
    }
    Ok(Outcome::Clean)
}

/// Groups requirements by target episode, in course order.
pub fn per_episode<'a>(
    parsed: &'a Parsed<'_>,
    requirements: &'a [Requirement],
) -> Vec<EpisodeRequirements<'a>> {
    let mut by_episode: BTreeMap<usize, Vec<RequirementView<'a>>> = BTreeMap::new();
    for req in requirements {
        for &e in &req.episodes {
            by_episode.entry(e).or_default().push(RequirementView {
                id: &req.id,
                title: &req.draft.title,
                kind: req.draft.kind.name(),
                kind_value: &req.draft.kind,
                origin: req.draft.origin,
                file: &req.draft.file,
                line: req.line,
                fingerprint: &req.draft.fingerprint,
            });
        }
    }
    by_episode
        .into_iter()
        .filter_map(|(e, requirements)| {
            let episode = parsed.course.episodes.get(e)?;
            Some(EpisodeRequirements {
                series: &episode.id.series,
                number: episode.id.number,
                title: &episode.title,
                requirements,
            })
        })
        .collect()
}

/// The sections each document holds that are not requirements, with their lines.
pub fn skipped(documents: &[enhance::DocumentSummary]) -> String {
    let mut out = String::new();
    for document in documents.iter().filter(|d| !d.skipped.is_empty()) {
        let _ = writeln!(
            out,
            "\nskipped in {} (not requirements):",
            printable(&document.file, false)
        );
        for s in &document.skipped {
            let _ = writeln!(
                out,
                "  {:>4}  {:<18} {}",
                s.line,
                s.reason,
                printable(&s.text, false)
            );
        }
    }
    out
}

/// The text table.
pub fn table(episodes: &[EpisodeRequirements<'_>]) -> String {
    let mut out = String::new();
    for (i, episode) in episodes.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "{} #{}: {}",
            printable(episode.series, false),
            episode.number,
            printable(episode.title, false)
        );
        for r in &episode.requirements {
            let origin = match r.origin {
                Origin::Recommended => "recommended",
                Origin::Claim => "claim",
                Origin::Element => "element",
                Origin::Structured => "structured",
            };
            let _ = writeln!(
                out,
                "  {:>4}  {:<18} {:<11}  {}",
                r.line,
                r.kind,
                origin,
                printable(r.title, false)
            );
            let items = r.fingerprint.items(r.kind_value);
            if !items.is_empty() {
                let _ = writeln!(
                    out,
                    "        {:<18} {:<11}  {}",
                    "",
                    "",
                    printable(
                        &crate::course::metadata::shorten(&items.join(", "), 100),
                        false
                    )
                );
            }
        }
    }
    out
}
