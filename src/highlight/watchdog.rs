//! A stop flag for one block's highlighting, raised once the thread doing it has used the
//! block's allowance of CPU time ([`super::budget`]).
//!
//! tree-sitter-highlight parses the block itself and takes no progress callback of ours; it
//! takes a cancellation flag, which its parser reads at every progress report (error recovery
//! included) and its event loop reads as it walks. So the block is parsed once, by the
//! highlighter, and something else must raise the flag: the watchdog, one background thread
//! started on first use. A thread highlighting a block registers it ([`Watchdog::watch`]);
//! the watchdog looks at the registered blocks every [`TICK`] and raises the flag of any whose
//! thread has spent more CPU time on it than its allowance.
//!
//! The clock is the thread's CPU time, as for the budget itself, so a thread waiting for a core
//! does not lose its allowance. Another thread's CPU time is read from
//! `/proc/self/task/<tid>/schedstat` (nanoseconds), and only for a block that has run longer
//! than its allowance by the wall clock (CPU time never runs ahead of wall time), so the
//! common block costs two short lock operations. Where that file does not exist, the wall
//! clock decides.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, Instant};

/// How often the watchdog looks at the blocks in progress.
const TICK: Duration = Duration::from_millis(2);

/// One block in progress.
#[derive(Debug)]
struct Watch {
    id: u64,
    /// The `schedstat` file of the thread highlighting it, when there is one.
    schedstat: Option<String>,
    /// That thread's CPU time when the block started.
    cpu_start: Option<Duration>,
    started: Instant,
    limit: Duration,
    flag: Arc<AtomicUsize>,
}

impl Watch {
    /// Whether the block has used its allowance.
    fn expired(&self) -> bool {
        if self.started.elapsed() <= self.limit {
            return false;
        }
        match (&self.schedstat, self.cpu_start) {
            (Some(file), Some(start)) => {
                thread_cpu(file).is_none_or(|now| now.saturating_sub(start) > self.limit)
            }
            _ => true,
        }
    }
}

/// The blocks in progress, and the thread that watches them.
#[derive(Debug, Default)]
pub(crate) struct Watchdog {
    state: Mutex<State>,
    wake: Condvar,
}

#[derive(Debug, Default)]
struct State {
    watches: Vec<Watch>,
    next_id: u64,
}

/// A registered block: its flag, raised when its time is up. Dropping it ends the watch.
#[derive(Debug)]
pub(crate) struct Guard<'a> {
    watchdog: &'a Watchdog,
    id: u64,
    flag: Arc<AtomicUsize>,
}

impl Guard<'_> {
    /// The flag to hand to the highlighter: non-zero once the block's time is up.
    pub(crate) fn flag(&self) -> &AtomicUsize {
        &self.flag
    }

    /// Whether the block's time ran out.
    pub(crate) fn expired(&self) -> bool {
        self.flag.load(Ordering::SeqCst) != 0
    }
}

impl Drop for Guard<'_> {
    fn drop(&mut self) {
        self.watchdog.lock().watches.retain(|w| w.id != self.id);
    }
}

fn thread_local_schedstat() -> Option<String> {
    thread_local! {
        static SCHEDSTAT: Option<String> = std::fs::read_link("/proc/thread-self")
            .ok()
            .and_then(|link| link.to_str().and_then(|l| l.rsplit('/').next()).map(str::to_owned))
            .map(|tid| format!("/proc/self/task/{tid}/schedstat"))
            .filter(|file| thread_cpu(file).is_some());
    }
    SCHEDSTAT.with(Clone::clone)
}

/// The CPU time of a thread, from its `schedstat` file (first field: nanoseconds on a CPU).
fn thread_cpu(schedstat: &str) -> Option<Duration> {
    let text = std::fs::read_to_string(schedstat).ok()?;
    let nanos = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

impl Watchdog {
    /// The process's watchdog, its thread started on first use; `None` when no thread can be
    /// started (the caller then bounds the block some other way).
    pub(crate) fn shared() -> Option<&'static Self> {
        static SHARED: OnceLock<Option<&'static Watchdog>> = OnceLock::new();
        *SHARED.get_or_init(|| {
            let watchdog: &'static Watchdog = Box::leak(Box::default());
            std::thread::Builder::new()
                .name("highlight-watchdog".to_owned())
                .spawn(move || watchdog.run())
                .ok()
                .map(|_| watchdog)
        })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Watches a block that the calling thread is about to highlight, allowed `limit` of its
    /// CPU time.
    pub(crate) fn watch(&self, limit: Duration) -> Guard<'_> {
        let schedstat = thread_local_schedstat();
        let cpu_start = schedstat.as_deref().and_then(thread_cpu);
        let flag = Arc::new(AtomicUsize::new(0));
        let mut state = self.lock();
        let id = state.next_id;
        state.next_id += 1;
        let was_idle = state.watches.is_empty();
        state.watches.push(Watch {
            id,
            schedstat,
            cpu_start,
            started: Instant::now(),
            limit,
            flag: Arc::clone(&flag),
        });
        drop(state);
        if was_idle {
            self.wake.notify_one();
        }
        Guard {
            watchdog: self,
            id,
            flag,
        }
    }

    /// The watchdog thread: sleeps while no block is in progress, else looks every [`TICK`].
    fn run(&self) {
        let mut state = self.lock();
        loop {
            while state.watches.is_empty() {
                state = self
                    .wake
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            for watch in state.watches.iter().filter(|w| w.expired()) {
                watch.flag.store(1, Ordering::SeqCst);
            }
            drop(state);
            std::thread::sleep(TICK);
            state = self.lock();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_past_its_cpu_allowance_gets_its_flag_raised() {
        let watchdog = Watchdog::shared().expect("a thread");
        let guard = watchdog.watch(Duration::from_millis(20));
        let started = Instant::now();
        let mut spins = 0_u64;
        while !guard.expired() && started.elapsed() < Duration::from_secs(5) {
            spins = std::hint::black_box(spins.wrapping_add(1));
        }
        assert!(guard.expired());
        assert!(started.elapsed() < Duration::from_secs(1), "{spins}");
    }

    #[test]
    fn waiting_for_a_core_does_not_raise_the_flag() {
        let watchdog = Watchdog::shared().expect("a thread");
        let guard = watchdog.watch(Duration::from_millis(30));
        std::thread::sleep(Duration::from_millis(120));
        if thread_local_schedstat().is_some() {
            assert!(!guard.expired(), "sleeping is not CPU time");
        }
        let id = guard.id;
        drop(guard);
        assert!(watchdog.lock().watches.iter().all(|w| w.id != id));
    }
}
