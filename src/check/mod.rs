//! Checks: pure functions from parsed content to diagnostics. No I/O, no printing.

pub mod rules;
