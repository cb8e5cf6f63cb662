//! Highlighted blocks remembered by language and content, for a process that renders the same
//! blocks again and again: the preview server re-renders a page after each save, and all but
//! the block being edited are unchanged. A build highlights each block once and keeps none.
//!
//! The memory is bounded: once the remembered HTML passes its limit, everything is forgotten
//! and it fills again with what is being rendered now.

use std::collections::HashMap;
use std::sync::Mutex;

use super::Highlighted;

/// Remembered blocks, keyed by a hash of language and code.
#[derive(Debug)]
pub(crate) struct Memo {
    limit: usize,
    entries: Mutex<Entries>,
}

#[derive(Debug, Default)]
struct Entries {
    blocks: HashMap<blake3::Hash, Highlighted>,
    bytes: usize,
}

impl Memo {
    /// Remembers up to `limit` bytes of highlighted HTML.
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            limit,
            entries: Mutex::new(Entries::default()),
        }
    }

    /// The block `code` in `lang`, highlighted by `highlight` unless it was before.
    pub(crate) fn get_or(
        &self,
        lang: Option<&str>,
        code: &str,
        highlight: impl FnOnce() -> Highlighted,
    ) -> Highlighted {
        let mut hasher = blake3::Hasher::new();
        hasher.update(lang.unwrap_or("").as_bytes());
        hasher.update(&[0]);
        hasher.update(code.as_bytes());
        let key = hasher.finalize();
        if let Some(found) = self.lock().blocks.get(&key) {
            return found.clone();
        }
        let highlighted = highlight();
        let size = highlighted.html.len() + code.len();
        let mut entries = self.lock();
        if entries.bytes + size > self.limit {
            *entries = Entries::default();
        }
        if size <= self.limit {
            entries.bytes += size;
            entries.blocks.insert(key, highlighted.clone());
        }
        highlighted
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(html: &str) -> Highlighted {
        Highlighted {
            html: html.to_owned(),
            known: true,
            over_budget: false,
        }
    }

    #[test]
    fn a_block_seen_before_is_not_highlighted_again() {
        let memo = Memo::new(1 << 20);
        let first = memo.get_or(Some("py"), "x = 1", || block("<b>x</b>"));
        let again = memo.get_or(Some("py"), "x = 1", || panic!("highlighted twice"));
        assert_eq!(first, again);
        // The language is part of the key.
        let other = memo.get_or(Some("js"), "x = 1", || block("js"));
        assert_eq!(other.html, "js");
    }

    #[test]
    fn past_its_limit_it_forgets_instead_of_growing() {
        let memo = Memo::new(20);
        memo.get_or(None, "aaaa", || block("0123456789"));
        memo.get_or(None, "bbbb", || block("0123456789"));
        assert!(memo.lock().bytes <= 20, "{}", memo.lock().bytes);
        let mut calls = 0;
        memo.get_or(None, "aaaa", || {
            calls += 1;
            block("0123456789")
        });
        assert_eq!(calls, 1, "the first block was forgotten");
    }
}
