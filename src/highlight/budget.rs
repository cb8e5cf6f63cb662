//! A time bound per block, so that highlighting stays linear in the size of the code.
//!
//! Tree-sitter recovers from syntax errors by keeping several parse versions alive, and on
//! some text its grammar cannot parse that recovery costs the square of the length of the
//! error: 900 bytes of `:--` take about a second in the Python grammar, 6 KB take 14 s, and
//! the Java and C grammars behave alike. The work is spent inside error recovery, between
//! two of the parser's progress reports, so no count of parse operations sees it; only the
//! clock does. Each block is parsed once, by the highlighter, and stopped past [`allowance`]
//! for its size (the [`super::watchdog`] raises the highlighter's cancellation flag; without a
//! watchdog thread, [`parses_within`] parses the block on its own first), and such a block is
//! shown as plain text with a `highlight-skipped` note.
//!
//! The allowance is generous: well-formed code parses at about 1 µs a byte (4 µs for shell
//! transcripts mislabelled as Python), and a block gets 50 ms plus 20 µs a byte, so only text
//! that sends the grammar into its quadratic recovery is cut short, and the total work stays
//! linear in the size of the course.
//!
//! The clock is the thread's CPU time ([`BlockClock`]), not the wall clock: on a busy machine a
//! thread waiting for a core would otherwise spend its allowance doing nothing, and the same
//! block would be highlighted in one build and plain in the next. Reading a thread's CPU time
//! is a system call (a microsecond on a virtual machine, against a few nanoseconds for the
//! wall clock), and a parse checks its budget thousands of times: since a thread cannot have
//! used more CPU time than has passed, [`BlockClock::exceeded`] reads it only once the wall
//! clock is past the allowance.

use std::cell::Cell;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

/// Time spent on one block: the thread's CPU time where the system reports it, else wall time.
pub(crate) struct BlockClock {
    /// When the block started, by the wall clock.
    wall: Instant,
    /// The current thread's CPU time when the block started (`None` on systems without a
    /// per-thread CPU clock).
    cpu: Option<cpu_time::ThreadTime>,
}

impl BlockClock {
    /// Starts timing.
    pub(crate) fn start() -> Self {
        Self {
            wall: Instant::now(),
            cpu: cpu_time::ThreadTime::try_now().ok(),
        }
    }

    /// Time spent since [`Self::start`].
    pub(crate) fn elapsed(&self) -> Duration {
        match &self.cpu {
            Some(start) => start.try_elapsed().unwrap_or_default(),
            None => self.wall.elapsed(),
        }
    }

    /// Whether more than `limit` has been spent since [`Self::start`]: the same answer as
    /// `elapsed() > limit`, without reading the CPU clock while less than `limit` has passed.
    pub(crate) fn exceeded(&self, limit: Duration) -> bool {
        self.wall.elapsed() > limit && self.elapsed() > limit
    }

    /// A progress callback for a tree-sitter parse or query (`State` is what it reports): it
    /// stops the work at the first report past `limit`, and sets `stopped` when it does.
    pub(crate) fn stop_past<'a, State>(
        &'a self,
        limit: Duration,
        stopped: &'a Cell<bool>,
    ) -> impl FnMut(&State) -> ControlFlow<()> + 'a {
        move |_| {
            if self.exceeded(limit) {
                stopped.set(true);
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        }
    }
}

/// Time every block may use, whatever its size.
const BASE: Duration = Duration::from_millis(50);

/// Time allowed per byte of code on top of [`BASE`].
const PER_BYTE: Duration = Duration::from_micros(20);

/// The time parsing a block of `bytes` bytes may take: linear in its size.
pub(crate) fn allowance(bytes: usize) -> Duration {
    let bytes = u32::try_from(bytes).unwrap_or(u32::MAX);
    BASE.saturating_add(PER_BYTE.saturating_mul(bytes))
}

/// Whether `code` parses in `language` within `limit`. The parse is stopped at the first
/// progress report past the limit, so a block that does not fit costs about `limit`.
pub(crate) fn parses_within(language: &tree_sitter::Language, code: &str, limit: Duration) -> bool {
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(language).is_ok() && parse_within(&mut parser, code, limit).is_some()
}

/// The tree of `code` parsed by `parser` (its language already set), or `None` when the
/// parse took longer than `limit` (stopped at the first progress report past it) or failed.
/// A stopped parser is reset, so its next parse starts afresh.
pub(crate) fn parse_within(
    parser: &mut tree_sitter::Parser,
    code: &str,
    limit: Duration,
) -> Option<tree_sitter::Tree> {
    let started = BlockClock::start();
    let stopped = Cell::new(false);
    let mut check = started.stop_past::<tree_sitter::ParseState>(limit, &stopped);
    let bytes = code.as_bytes();
    let mut read = |offset: usize, _| bytes.get(offset..).unwrap_or_default();
    let options = tree_sitter::ParseOptions::new().progress_callback(&mut check);
    let tree = parser.parse_with_options(&mut read, None, Some(options));
    drop(check);
    if stopped.get() || tree.is_none() {
        parser.reset();
        return None;
    }
    tree
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiting_for_a_core_does_not_count_against_a_block() {
        let clock = BlockClock::start();
        std::thread::sleep(Duration::from_millis(120));
        assert!(
            clock.elapsed() < Duration::from_millis(60),
            "{:?}",
            clock.elapsed()
        );
    }

    #[test]
    fn a_block_past_its_allowance_has_exceeded_it_and_one_within_has_not() {
        let clock = BlockClock::start();
        assert!(!clock.exceeded(Duration::from_secs(60)));
        while clock.elapsed() < Duration::from_millis(10) {
            std::hint::black_box(0);
        }
        assert!(
            clock.exceeded(Duration::from_millis(5)),
            "{:?}",
            clock.elapsed()
        );
        assert!(!clock.exceeded(Duration::from_secs(60)));
    }

    #[test]
    fn time_asleep_does_not_exceed_an_allowance() {
        let clock = BlockClock::start();
        std::thread::sleep(Duration::from_millis(120));
        assert!(!clock.exceeded(Duration::from_millis(60)));
    }

    #[test]
    fn the_allowance_grows_linearly_with_the_block() {
        assert_eq!(allowance(0), Duration::from_millis(50));
        assert_eq!(allowance(1_000), Duration::from_millis(70));
        assert_eq!(allowance(100_000), Duration::from_millis(2_050));
        assert!(allowance(usize::MAX) > Duration::from_secs(3600));
    }
}
