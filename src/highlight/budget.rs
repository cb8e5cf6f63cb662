//! A work bound per block, so that highlighting stays linear in the size of the code.
//!
//! Tree-sitter recovers from errors by trying alternatives, and on text its grammar cannot
//! parse (a block of `:--` repeated, say) that search grows with the square of the block.
//! Before highlighting, the block is parsed once with a progress callback: tree-sitter calls
//! it after every [`OPS_PER_CALLBACK`] parse operations, so counting the calls measures the
//! work in operations, the same on every machine and every run. A parse that needs more than
//! [`allowance`] for its size is stopped there, and the block is shown as plain text.

use std::ops::ControlFlow;

/// How many parse operations tree-sitter performs between two progress callbacks.
pub(crate) const OPS_PER_CALLBACK: u64 = 100;

/// Parse operations every block may use, whatever its size.
const BASE_OPS: u64 = 200_000;

/// Parse operations allowed per byte of code on top of [`BASE_OPS`].
const OPS_PER_BYTE: u64 = 64;

/// The number of parse operations a block of `bytes` bytes may use: linear in its size.
pub(crate) fn allowance(bytes: usize) -> u64 {
    BASE_OPS.saturating_add(OPS_PER_BYTE.saturating_mul(bytes as u64))
}

/// The parse operations `code` costs in `language`, counted in steps of
/// [`OPS_PER_CALLBACK`]; `Err` with the operations spent when `limit` is passed (the parse
/// stops there, so the work done never exceeds the limit by more than one step).
pub(crate) fn parse_ops(
    language: &tree_sitter::Language,
    code: &str,
    limit: u64,
) -> Result<u64, u64> {
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(language).map_err(|_| 0_u64)?;
    let mut ops = 0_u64;
    let mut count = |_: &tree_sitter::ParseState| {
        ops += OPS_PER_CALLBACK;
        if ops > limit {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let bytes = code.as_bytes();
    let mut read = |offset: usize, _| bytes.get(offset..).unwrap_or_default();
    let options = tree_sitter::ParseOptions::new().progress_callback(&mut count);
    let tree = parser.parse_with_options(&mut read, None, Some(options));
    match tree {
        Some(_) if ops <= limit => Ok(ops),
        _ => Err(ops),
    }
}
