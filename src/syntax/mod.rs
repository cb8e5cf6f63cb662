//! Parsing every code sample with its language's grammar, to find syntax errors
//! (`code-syntax`, reported by [`crate::check::code_syntax`]).
//!
//! A sample is a code fence of an episode or a code file of a bundle, in a language one of
//! the highlighter's tree-sitter grammars reads ([`crate::highlight::grammars`]). Fences are
//! given a fair chance as fragments ([`fragment`]); files are read as written. Each sample is
//! parsed with a time bound ([`parse`]), in parallel, and its verdict is kept on disk by
//! content hash ([`store`]), so an unchanged course is not parsed again. A sample larger
//! than [`MAX_BYTES`] is not parsed at all.

pub(crate) mod fragment;
mod go_braces;
mod indentation;
pub(crate) mod marked_lines;
pub(crate) mod parse;
pub(crate) mod store;
mod tree_walk;

use std::time::Duration;

use rayon::prelude::*;

use crate::highlight::grammars::Grammar;
use parse::Parsed;
pub(crate) use store::Store;

/// Samples larger than this are not parsed (a note says so): a generated or pasted file
/// that big is not a sample a reader reads.
pub(crate) const MAX_BYTES: usize = 512 * 1024;

/// The name of the store's file, beside the diagram cache's folder.
pub(crate) const STORE_FILE: &str = "syntax-results.bin";

/// One sample to check.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sample<'a> {
    /// The grammar of its language.
    pub grammar: Grammar,
    /// Its text.
    pub code: &'a str,
    /// Whether it may be a fragment (a fence) rather than a whole file.
    pub fragment: bool,
    /// Whether its language names a console transcript (```` ```pycon ````): only the
    /// commands after its prompts are code ([`marked_lines`]).
    pub console: bool,
}

/// What was wrong, with byte offsets in the sample's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// Where the first error starts.
    pub start: usize,
    /// Where its token ends (`start` for a missing token).
    pub end: usize,
    /// What the error is.
    pub what: What,
    /// How many more errors the sample has.
    pub more: usize,
}

/// The kind of the first error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum What {
    /// The token at the span cannot stand there.
    Unexpected,
    /// The code ends where more was needed.
    End,
    /// The grammar needed this token (a node kind: `}`, `;`, `identifier`) here.
    Missing(String),
    /// A Python body starting on a line after its header without being indented more than
    /// the header's line ([`indentation`]).
    NotIndented {
        /// The keyword the header starts with (`def`, `elif`, `async def`).
        keyword: String,
        /// The byte offset where the header starts.
        header: usize,
    },
    /// A Go body's `{` at the start of a line, after a line Go ends with a semicolon
    /// ([`go_braces`]).
    BraceOnNextLine,
}

/// The verdict on one sample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// It parses.
    Clean,
    /// Its first syntax error.
    Error(Problem),
    /// Parsing it took longer than its size allows: the grammar cannot make sense of it.
    OverBudget,
    /// Larger than [`MAX_BYTES`]: not parsed.
    TooLarge,
    /// Nested deeper than its grammar's parser can take ([`Grammar::takes`]): not parsed.
    TooDeep,
}

/// The grammar of a language token (`python`, `typescript`), if a grammar reads it.
pub(crate) fn grammar_of(token: &str) -> Option<Grammar> {
    Grammar::for_token(token)
}

/// The most blocks a job of the pool checks in a row: one. rayon splits a list into a few
/// long runs and splits a run further only when another thread steals it; the thread checking
/// a run does not share it. Code and diagrams are checked side by side, so when one kind is
/// done its thread would wait, idle, for the other's last long run: on the generated
/// 1,020-episode course, 1.3 s of a cold build had one core idle so. In jobs of one block the
/// idle thread takes the next block.
pub(crate) const ONE_BLOCK_A_JOB: usize = 1;

/// The verdict on each sample, in order: from `store` when it holds one, else parsed (in
/// parallel), and recorded in `store`. `parsing` is handed, once and before any sample is
/// parsed, the grammars of the samples that will be (code the store has not seen). It runs on
/// this thread, and the samples are parsed when it returns, or sooner by a thread of the pool
/// that runs out of other work: a listener that compiles what highlighting them needs has
/// started every compilation before the first sample of its language comes up. `parsed` is
/// handed the tree of each sample parsed as written (by its index in `samples`), for whoever
/// can use a parse of it too, with the time left of the sample's allowance
/// ([`crate::highlight::budget`]).
pub(crate) fn check_all(
    samples: &[Sample<'_>],
    store: Option<&Store>,
    parsing: impl FnOnce(&[Grammar]) + Send,
    parsed: impl Fn(usize, &tree_sitter::Tree, Duration) + Sync,
) -> Vec<Verdict> {
    let known: Vec<Known> = samples
        .par_iter()
        .map(|sample| {
            if sample.code.len() > MAX_BYTES {
                return Known::Decided(Verdict::TooLarge);
            }
            if !sample.grammar.takes(sample.code) {
                return Known::Decided(Verdict::TooDeep);
            }
            let Some(store) = store else {
                return Known::Unseen(None);
            };
            let key = store::key(sample);
            match store.get(&key) {
                Some(verdict) => Known::Decided(verdict),
                None => Known::Unseen(Some(key)),
            }
        })
        .collect();
    let mut to_parse: Vec<Grammar> = samples
        .iter()
        .zip(&known)
        .filter(|(_, known)| matches!(known, Known::Unseen(_)))
        .map(|(sample, _)| sample.grammar)
        .collect();
    to_parse.sort_by_key(|grammar| grammar.slot());
    to_parse.dedup();
    let (_, verdicts) = rayon::join(
        || parsing(&to_parse),
        || check_each(samples, known, store, &parsed),
    );
    verdicts
}

/// The verdict on each of `samples`, as [`check_all`] gives it, from what was `known` of it.
fn check_each(
    samples: &[Sample<'_>],
    known: Vec<Known>,
    store: Option<&Store>,
    parsed: impl Fn(usize, &tree_sitter::Tree, Duration) + Sync,
) -> Vec<Verdict> {
    samples
        .par_iter()
        .zip(known)
        .with_max_len(ONE_BLOCK_A_JOB)
        .enumerate()
        .map(|(index, (sample, known))| {
            let key = match known {
                Known::Decided(verdict) => return verdict,
                Known::Unseen(key) => key,
            };
            let verdict = check_reading(sample, &|tree: &tree_sitter::Tree, left| {
                parsed(index, tree, left)
            });
            // Running out of time depends on the machine's load, not only on the text: only
            // verdicts the text alone decides are kept.
            if let (Some(store), Some(key)) = (store, key)
                && matches!(verdict, Verdict::Clean | Verdict::Error(_))
            {
                store.put(key, verdict.clone());
            }
            verdict
        })
        .collect()
}

/// What is known of a sample before any is parsed.
enum Known {
    /// Its verdict: kept in the store, or decided by its size.
    Decided(Verdict),
    /// It must be parsed; its key in the store, when there is a store.
    Unseen(Option<store::Key>),
}

/// Parses one sample: as written, and for a fragment in each context its language allows;
/// clean when any reading is. Otherwise the error of the reading that got furthest into the
/// sample is reported (the first such reading on a tie), with its offsets in the sample's
/// own text; an error that a wrapped reading finds only at the sample's end ranks last.
#[cfg(test)]
pub(crate) fn check(sample: &Sample<'_>) -> Verdict {
    check_reading(sample, &|_, _| {})
}

/// [`check`], handing `as_written` the tree of the sample's text as written, when it is
/// parsed (not when it is too slow to parse, nor when a fragment's text had to be changed to
/// be read: elisions blanked, a transcript reduced to its commands, lines that are not code
/// blanked).
fn check_reading(sample: &Sample<'_>, as_written: &parse::OnTree<'_>) -> Verdict {
    if !sample.fragment {
        return match parse::parse(sample.grammar, sample.code, as_written) {
            Parsed::Clean => Verdict::Clean,
            Parsed::Error(problem) => Verdict::Error(problem),
            Parsed::OverBudget => Verdict::OverBudget,
        };
    }
    let code = fragment::prepare(sample.grammar, sample.code, sample.console);
    let unchanged = matches!(code, std::borrow::Cow::Borrowed(_));
    let mut best: Option<(usize, Problem)> = None;
    let mut text = String::new();
    for attempt in fragment::attempts(sample.grammar) {
        text.clear();
        text.push_str(attempt.prefix);
        text.push_str(&code);
        text.push_str(attempt.suffix);
        let written = unchanged
            && attempt.grammar == sample.grammar
            && attempt.prefix.is_empty()
            && attempt.suffix.is_empty();
        let problem = match parse::parse(attempt.grammar, &text, &|tree, left| {
            if written {
                as_written(tree, left);
            }
        }) {
            Parsed::Clean => return Verdict::Clean,
            Parsed::OverBudget if best.is_none() => return Verdict::OverBudget,
            Parsed::OverBudget => continue,
            Parsed::Error(problem) => problem,
        };
        let inside = |offset: usize| offset.saturating_sub(attempt.prefix.len()).min(code.len());
        // A body not indented under the wrapper's own header is the wrapper's doing.
        let wrappers_header = matches!(problem.what,
            What::NotIndented { header, .. } if header < attempt.prefix.len());
        let mut problem = Problem {
            start: inside(problem.start),
            end: inside(problem.end),
            ..problem
        };
        match &mut problem.what {
            What::Unexpected if problem.start == code.len() => problem.what = What::End,
            What::NotIndented { header, .. } => *header = inside(*header),
            _ => {}
        }
        // An error at the very end of a wrapped reading is usually the wrapper's own
        // closing text meeting something left open: any error inside the sample ranks above.
        let rank = if !wrappers_header && (attempt.prefix.is_empty() || problem.start < code.len())
        {
            problem.start + 1
        } else {
            0
        };
        if best.as_ref().is_none_or(|(best_rank, _)| rank > *best_rank) {
            best = Some((rank, problem));
        }
    }
    best.map_or(Verdict::Clean, |(_, problem)| Verdict::Error(problem))
}

#[cfg(test)]
mod tests;
