//! The process's allocator, and handing back the memory a stage has freed.
//!
//! The binary allocates with mimalloc ([`Allocator`]). A build makes and drops millions of
//! small objects on every thread (diagram layouts, syntax trees, page buffers), which mimalloc
//! serves faster than the system allocator. It keeps what a thread frees for that thread's
//! next allocations, though, and a thread that rendered a long page keeps that page's room.
//! So between the stages of a build, and after each batch of pages, [`give_back`] returns
//! what every thread has freed: peak memory then follows what a build holds at once, not what
//! each thread once held.

/// The allocator the binary installs (`#[global_allocator]` in `main.rs`).
pub type Allocator = mimalloc::MiMalloc;

/// Returns to the system the memory freed so far on every thread of the pool, and on this
/// one. It does nothing under another allocator (as in tests).
pub(crate) fn give_back() {
    rayon::broadcast(|_| collect());
    collect();
}

/// Hands back what the calling thread has freed.
#[allow(unsafe_code)]
fn collect() {
    // SAFETY: `mi_collect` takes no pointer and may be called on any thread at any time. On a
    // thread that never allocated with mimalloc it finds an empty heap and returns.
    unsafe { libmimalloc_sys::mi_collect(true) }
}
