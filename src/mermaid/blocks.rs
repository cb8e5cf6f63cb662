//! The Mermaid blocks of parsed documents, validated once for every later stage.
//!
//! [`check_all`] validates every ```` ```mermaid ```` block of every document with one engine,
//! spreading blocks (not documents) over threads, so one episode with many diagrams does not
//! hold up the rest; with a cache, a diagram validated before is not parsed again. Checks,
//! rendering and recommendation matching all read the result.

use rayon::prelude::*;

use crate::markdown::Document;
use crate::mermaid::cache::{CheckResult, DiskCache, check_hash};
use crate::mermaid::{DiagramInfo, MermaidEngine, MermaidError};

/// The verdict on one Mermaid block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagramCheck {
    /// Index of the block in [`Document::code_blocks`].
    pub block: usize,
    /// What validation found.
    pub result: Result<DiagramInfo, MermaidError>,
}

/// Whether a code block is a Mermaid diagram.
pub fn is_mermaid(lang: Option<&str>) -> bool {
    lang == Some("mermaid")
}

/// Validates every Mermaid block of every document; `result[d]` lists document `d`'s blocks in
/// order.
pub fn check_all(
    engine: &MermaidEngine,
    cache: Option<&DiskCache>,
    docs: &[Document<'_>],
) -> Vec<Vec<DiagramCheck>> {
    let work: Vec<(usize, usize)> = docs
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| {
            doc.code_blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| is_mermaid(b.lang.as_deref()))
                .map(move |(b, _)| (d, b))
        })
        .collect();
    let results: Vec<(usize, DiagramCheck)> = work
        .par_iter()
        .map(|&(d, block)| {
            let code = &docs[d].code_blocks[block].code;
            (
                d,
                DiagramCheck {
                    block,
                    result: validate(engine, cache, code),
                },
            )
        })
        .collect();
    let mut by_doc = vec![Vec::new(); docs.len()];
    for (d, check) in results {
        by_doc[d].push(check);
    }
    by_doc
}

fn validate(engine: &MermaidEngine, cache: Option<&DiskCache>, code: &str) -> CheckResult {
    let Some(cache) = cache else {
        return engine.validate(code);
    };
    let hash = check_hash(code);
    cache.get_check(&hash).unwrap_or_else(|| {
        let result = engine.validate(code);
        cache.put_check(&hash, &result);
        result
    })
}

/// The check of the block at `block` (an index into [`Document::code_blocks`]).
pub fn find(checks: &[DiagramCheck], block: usize) -> Option<&DiagramCheck> {
    checks
        .binary_search_by_key(&block, |c| c.block)
        .ok()
        .and_then(|i| checks.get(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn every_mermaid_block_of_every_document_is_checked_in_order() {
        let a = SourceFile::from_string(
            "a.md",
            "```mermaid\ngraph TD\n A-->B\n```\n\n```python\nx = 1\n```\n\n```mermaid\ngraf TD\n```\n",
        );
        let b = SourceFile::from_string("b.md", "# none\n");
        let docs = [crate::markdown::parse(&a), crate::markdown::parse(&b)];
        let checks = check_all(&MermaidEngine::new(), None, &docs);
        assert_eq!(checks.len(), 2);
        let blocks: Vec<usize> = checks[0].iter().map(|c| c.block).collect();
        assert_eq!(blocks, [0, 2]);
        assert!(checks[0][0].result.is_ok());
        assert!(checks[0][1].result.is_err());
        assert!(checks[1].is_empty());
        assert_eq!(find(&checks[0], 2).map(|c| c.block), Some(2));
        assert!(find(&checks[0], 1).is_none());
    }
}
