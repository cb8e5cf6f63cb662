//! Highlighted blocks on disk, by content hash, so a rebuild highlights only the blocks that
//! changed.
//!
//! Entries are kept in the packs of `<cache dir>/highlighted/` ([`crate::pack`]), beside the
//! diagrams, under a hash of this crate's version, [`FORMAT_VERSION`], the language word and the
//! code, so a new release or a change to the class scheme never reads an old entry.
//!
//! Whoever can write the cache folder can choose what an entry holds, so an entry is read as
//! untrusted: it is used only when it is exactly what the highlighter writes, classed `<span>`
//! elements around escaped text ([`is_inert`]); anything else is a miss, highlighted again and
//! stored again. Only tree-sitter and syntect output is stored: plain text costs less to escape
//! than to read, and blocks shown plain because they ran out of time are never stored, so
//! they are retried. Reading a missing or damaged entry is a miss; writing is best effort.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::pack::PackStore;

/// Bumped whenever the HTML the highlighter writes changes shape.
const FORMAT_VERSION: u32 = 1;

/// The store, and what it did during this run.
#[derive(Debug)]
pub(crate) struct DiskStore {
    packs: PackStore,
    hits: AtomicUsize,
    misses: AtomicUsize,
    ahead: AtomicUsize,
}

/// How the store served this run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DiskStats {
    /// Blocks read from the cache as an earlier build (or another process) left it; not those
    /// this process stored and read back.
    pub hits: usize,
    /// Blocks highlighted and stored by their pages.
    pub misses: usize,
    /// Blocks highlighted and stored from the syntax check's parse, before their pages (which
    /// read them back).
    pub ahead: usize,
    /// Whether a write failed (the cache folder is read-only, or the disk is full).
    pub write_failed: bool,
}

impl DiskStore {
    /// A store under the cache root `root` (entries go to `root/highlighted/`). Nothing is
    /// read until the first lookup, nor created until a write.
    pub(crate) fn new(root: &Path) -> Self {
        Self {
            packs: PackStore::new(root.join("highlighted")),
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
            ahead: AtomicUsize::new(0),
        }
    }

    /// The key of `code` highlighted as `lang` (lower case).
    pub(crate) fn key(lang: &str, code: &str) -> String {
        let mut hasher = blake3::Hasher::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        hasher.update(&FORMAT_VERSION.to_le_bytes());
        hasher.update(lang.as_bytes());
        hasher.update(b"\0");
        hasher.update(code.as_bytes());
        hasher.finalize().to_hex().to_string()
    }

    /// The stored HTML for `key`, if there is a usable entry.
    pub(crate) fn get(&self, key: &str) -> Option<String> {
        let html = self
            .packs
            .get(key.as_bytes())
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .filter(|html| is_inert(html));
        if html.is_some() && !self.packs.stored_here(key.as_bytes()) {
            self.hits.fetch_add(1, Ordering::Relaxed);
        }
        html
    }

    /// Stores `html` for `key`.
    pub(crate) fn put(&self, key: &str, html: &str) {
        self.misses.fetch_add(1, Ordering::Relaxed);
        self.packs.put(key.as_bytes(), html.as_bytes());
    }

    /// Stores `html` for `key`, highlighted ahead of its page; counted only when stored.
    pub(crate) fn put_ahead(&self, key: &str, html: &str) {
        if self.packs.put(key.as_bytes(), html.as_bytes()) {
            self.ahead.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Whether entries can still be written (no write has failed).
    pub(crate) fn writable(&self) -> bool {
        !self.packs.write_failed()
    }

    /// Whether an entry is stored for `key` (not read, so not checked).
    pub(crate) fn holds(&self, key: &str) -> bool {
        self.packs.has(key.as_bytes())
    }

    /// Makes what was stored so far readable by other processes.
    pub(crate) fn seal(&self) {
        self.packs.seal();
    }

    /// What the store did so far.
    pub(crate) fn stats(&self) -> DiskStats {
        DiskStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            ahead: self.ahead.load(Ordering::Relaxed),
            write_failed: self.packs.write_failed(),
        }
    }

    /// The folder entries are written to.
    pub(crate) fn dir(&self) -> &Path {
        self.packs.dir()
    }
}

/// Whether `html` is only what the highlighter writes: `<span class="…">` with classes made
/// of ASCII letters, digits, `-`, `_` and spaces (syntect keeps the case of scope atoms such
/// as SQL's `hl-DML`), `</span>`, balanced, around text in
/// which `<`, `>`, `"` and `'` appear only escaped.
pub(crate) fn is_inert(html: &str) -> bool {
    const OPEN: &[u8] = b"<span class=\"";
    const CLOSE: &[u8] = b"</span>";
    let bytes = html.as_bytes();
    // No markup the highlighter writes holds `'`: one vectorised pass rules it out, and the
    // walk below looks for the other three bytes only.
    if memchr::memchr(b'\'', bytes).is_some() {
        return false;
    }
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(found) = bytes
        .get(at..)
        .and_then(|rest| memchr::memchr3(b'<', b'>', b'"', rest))
    {
        let tail = &bytes[at + found..];
        if let Some(after) = tail.strip_prefix(OPEN) {
            let class = after
                .iter()
                .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b' '))
                .count();
            if !after[class..].starts_with(b"\">") {
                return false;
            }
            depth += 1;
            at += found + OPEN.len() + class + 2;
        } else if tail.starts_with(CLOSE) {
            let Some(less) = depth.checked_sub(1) else {
                return false;
            };
            depth = less;
            at += found + CLOSE.len();
        } else {
            return false;
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlighter_output_is_inert_and_markup_of_any_other_shape_is_not() {
        assert!(is_inert(
            "<span class=\"hl-ts\"><span class=\"hl-keyword\">def</span> f(a &lt; b)</span>"
        ));
        assert!(is_inert("plain &amp; escaped"));
        assert!(is_inert(
            "<span class=\"hl-keyword hl-other hl-DML hl-sql\">UPDATE</span>"
        ));
        for hostile in [
            "<script>alert(1)</script>",
            "<span class=\"x\" onclick=\"a()\">x</span>",
            "<span class=\"hl\">unclosed",
            "</span>",
            "<img src=x>",
            "a > b",
            "say \"hi\"",
            "<span class=\"hl.x\">x</span>",
            "<span class=\"a\" b\">x</span>",
            "<span class=\"a\"",
            "<span class=\"a b",
            "<span class=",
            "<span class=\"a\">it's</span>",
            "<span class=\"a\"></span></span>",
            "<span class=\"a\"></span ><span class=\"b\">",
        ] {
            assert!(!is_inert(hostile), "{hostile}");
        }
    }

    #[test]
    fn entries_are_read_back_and_a_damaged_one_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let store = DiskStore::new(dir.path());
        let key = DiskStore::key("python", "print(1)");
        assert_eq!(store.get(&key), None);
        store.put(&key, "<span class=\"hl-ts\">print(1)</span>");
        assert_eq!(
            store.get(&key).as_deref(),
            Some("<span class=\"hl-ts\">print(1)</span>")
        );
        // Read back by the process that stored it: not a hit.
        assert_eq!((store.stats().hits, store.stats().misses), (0, 1));
        drop(store);
        let next = DiskStore::new(dir.path());
        assert!(next.get(&key).is_some());
        assert_eq!(
            next.stats().hits,
            1,
            "what an earlier process stored is a hit"
        );
        drop(next);
        // Another process stores something else under the key, sealed later.
        let other = DiskStore::new(dir.path());
        other.put(&key, "<script>x</script>");
        drop(other);
        let store = DiskStore::new(dir.path());
        assert_eq!(store.get(&key), None);
        assert_eq!(store.stats().hits, 0);
    }

    #[test]
    fn the_key_depends_on_language_and_code() {
        let a = DiskStore::key("python", "x = 1");
        assert_ne!(a, DiskStore::key("ruby", "x = 1"));
        assert_ne!(a, DiskStore::key("python", "x = 2"));
        assert_eq!(a, DiskStore::key("python", "x = 1"));
    }
}
