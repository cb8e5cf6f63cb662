//! `unknown-language`: a code fence whose info string names a language the highlighter does
//! not know; and `highlight-skipped` for a fence too large to highlight at all
//! ([`highlight::too_large`]). Checked here rather than while rendering, so `episode lint`
//! reports what `episode build` would show as plain text. (A block that runs out of time
//! while highlighted is only found by highlighting it, which the lint does not do.) Only a
//! page the build publishes is highlighted: a draft's blocks are never skipped, and a block
//! in an unknown language is never highlighted, so `unknown-language` alone says so.

use crate::diagnostic::{Diagnostic, RuleId};
use crate::highlight;
use crate::markdown::html::blocks::{fence_line, highlight_skipped};
use crate::pipeline::Parsed;

/// Fence languages that are not code: drawn or read by the tool itself.
const OWN_FENCES: &[&str] = &["mermaid", "metrics", "calculator", "simulator"];

/// One finding per fence whose language is unknown, in every episode document, and per fence
/// too large to highlight, in every document a build without drafts publishes.
pub fn check(parsed: &Parsed<'_>) -> Vec<Diagnostic> {
    let docs = &parsed.docs;
    let shown = parsed.course.files_shown_without_drafts();
    let too_large = docs
        .iter()
        .enumerate()
        .filter(|(file, _)| shown.contains(file))
        .flat_map(|(_, doc)| {
            doc.code_blocks.iter().filter_map(move |block| {
                let lang = block.lang.as_deref()?;
                (!OWN_FENCES.contains(&lang) && highlight::too_large(Some(lang), &block.code))
                    .then(|| highlight_skipped(doc, block, lang))
            })
        });
    let unknown = docs.iter()
        .flat_map(|doc| {
            doc.code_blocks.iter().filter_map(move |block| {
                let lang = block.lang.as_deref()?;
                if OWN_FENCES.contains(&lang) || highlight::is_known_language(lang) {
                    return None;
                }
                Some(
                    Diagnostic::new(
                        RuleId::UnknownLanguage,
                        &doc.source.rel_path,
                        fence_line(doc, block),
                        format!("unknown language `{lang}`: the code is shown without highlighting"),
                    )
                    .label("this language name is not known to the highlighter")
                    .help("use a common name or extension (python, py, rust, rs, yaml, sql, bash, ts), or `text` for plain text"),
                )
            })
        });
    unknown.chain(too_large).collect()
}
