//! The process's allocator, the one tree-sitter uses, and handing back the memory a stage has
//! freed.
//!
//! The binary allocates with mimalloc ([`Allocator`]). A build makes and drops millions of
//! small objects on every thread (diagram layouts, syntax trees, page buffers), which mimalloc
//! serves faster than the system allocator. What a thread frees stays with the thread that
//! allocated it, though, until that thread allocates again or collects: the documents the pool
//! parsed and the main thread lets go of after the checks, and the room of the long pages a
//! worker rendered. So between the stages of a build, and after each batch of pages,
//! [`give_back`] has every thread return what it holds freed: peak memory then follows what a
//! build holds at once, not what each thread once held.
//!
//! [`resident`] reads how much memory the process holds, now and at most so far, for the
//! stage lines of `--verbose`.
//!
//! tree-sitter, written in C, allocates through functions of its own; `main` points them at
//! mimalloc too, first of all ([`install_parser_allocator`]), with a `calloc` that writes its zeros (see
//! [`calloc_written`] for why).

use std::ffi::c_void;

/// The allocator the binary installs (`#[global_allocator]` in `main.rs`).
pub type Allocator = mimalloc::MiMalloc;

/// Returns to the system the memory freed so far on every thread of the pool, and on this
/// one. It does nothing under another allocator (as in tests).
///
/// Each worker of the pool runs it once its queue of jobs is empty, and this call waits for
/// all of them: call it from outside the pool, holding no lock a job could wait for.
pub(crate) fn give_back() {
    rayon::broadcast(|_| collect());
    collect();
}

/// Hands back what the calling thread has freed.
#[expect(unsafe_code)]
fn collect() {
    // SAFETY: `mi_collect` takes no pointer and has no precondition: it works on this thread's
    // own heap (doing nothing if the thread never allocated with mimalloc) and on mimalloc's
    // thread-safe shared state.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// Has tree-sitter allocate with mimalloc, and zero with [`calloc_written`].
///
/// # Safety
///
/// Call it once, before any tree-sitter object exists and while no other thread can make one
/// (`main` calls it first of all): tree-sitter would free with mimalloc what it had allocated
/// with libc.
#[expect(unsafe_code)]
pub unsafe fn install_parser_allocator() {
    let allocator = tree_sitter::Allocator {
        malloc: libmimalloc_sys::mi_malloc,
        calloc: calloc_written,
        realloc: libmimalloc_sys::mi_realloc,
        free: libmimalloc_sys::mi_free,
    };
    // SAFETY: the four functions allocate, grow and free with mimalloc alone, with malloc's
    // alignment and a null pointer on failure; the caller makes sure no tree-sitter object
    // exists yet and no other thread uses tree-sitter.
    unsafe { tree_sitter::set_allocator(Some(allocator)) }
}

/// The memory the process holds in RAM (its resident set), in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Resident {
    /// Held now.
    pub(crate) now: u64,
    /// The most held at any moment so far.
    pub(crate) peak: u64,
}

/// The process's [`Resident`] memory, read from `/proc/self/status` on Linux; `None`
/// elsewhere, or when it cannot be read.
pub(crate) fn resident() -> Option<Resident> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    resident_in(&std::fs::read_to_string("/proc/self/status").ok()?)
}

/// The `VmRSS` and `VmHWM` lines of a `/proc/<pid>/status` text.
fn resident_in(status: &str) -> Option<Resident> {
    let bytes = |key: &str| {
        let line = status.lines().find_map(|l| l.strip_prefix(key))?;
        let kib = line.trim().strip_suffix("kB")?.trim().parse::<u64>().ok()?;
        kib.checked_mul(1024)
    };
    Some(Resident {
        now: bytes("VmRSS:")?,
        peak: bytes("VmHWM:")?,
    })
}

/// `calloc` for tree-sitter that zeroes by writing. Compiling a grammar's queries takes a
/// table of a few megabytes from `calloc` (a slot per parser state) and reads each slot before
/// it writes it. A `calloc` that hands over memory fresh from the system unwritten (it is
/// zero already) then costs two page faults a page: the read maps the shared zero page, and
/// the write replaces it, which makes every other core running the build flush its TLB (an
/// interprocessor interrupt, dear in a virtual machine). Zeros written first cost one fault a
/// page and no interrupt. On the 7-episode sample these faults were about a seventh of a cold
/// build's time.
#[expect(unsafe_code)]
unsafe extern "C" fn calloc_written(count: usize, size: usize) -> *mut c_void {
    let Some(bytes) = count.checked_mul(size) else {
        return std::ptr::null_mut();
    };
    // SAFETY: `mi_malloc` accepts any size and returns null when it cannot serve it.
    let block = unsafe { libmimalloc_sys::mi_malloc(bytes) };
    if !block.is_null() {
        // SAFETY: `block` is a new allocation of `bytes` bytes that nothing else refers to.
        unsafe { std::ptr::write_bytes(block.cast::<u8>(), 0, bytes) };
    }
    block
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resident_reads_the_vmrss_and_vmhwm_lines_in_bytes() {
        let status = "Name:\tepisode\nVmPeak:\t  900 kB\nVmHWM:\t   2048 kB\nVmRSS:\t   1536 kB\nRssAnon:\t 1000 kB\n";
        assert_eq!(
            resident_in(status),
            Some(Resident {
                now: 1536 * 1024,
                peak: 2048 * 1024
            })
        );
        assert_eq!(resident_in("Name:\tepisode\nVmRSS:\t 12 kB\n"), None);
        assert_eq!(resident_in("VmHWM:\t 3 kB\nVmRSS:\t many kB\n"), None);
        if cfg!(target_os = "linux") {
            assert!(resident().is_some_and(|r| r.now > 0 && r.peak >= r.now));
        }
    }

    #[test]
    #[expect(unsafe_code)]
    fn calloc_written_zeroes_and_refuses_an_overflowing_size() {
        // SAFETY: the block is freed with the allocator that made it, once.
        unsafe {
            let block = calloc_written(1000, 8).cast::<u8>();
            assert!(!block.is_null());
            assert!(
                std::slice::from_raw_parts(block, 8000)
                    .iter()
                    .all(|&b| b == 0)
            );
            libmimalloc_sys::mi_free(block.cast());
            assert!(calloc_written(usize::MAX, 2).is_null());
        }
    }
}
