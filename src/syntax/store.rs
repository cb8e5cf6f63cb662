//! The results of earlier runs, in one file beside the diagram cache, so that checking an
//! unchanged course parses nothing.
//!
//! The file is read once when a run starts ([`Store::open`]) and written once at its end
//! ([`Store::save`]), atomically (a temporary file renamed into place), and only when the
//! run met a sample it did not hold. It holds the samples of the last run: the others are
//! dropped, so it does not grow with every edit.
//!
//! A sample's key is 128 bits of its BLAKE3 hash, taken over [`VERSION`], the crate's
//! version, the grammar, whether it was read as a fragment, and the text. Two different
//! samples sharing a key would need a 128-bit collision, which is not a practical concern
//! for a cache whose worst outcome is one stale finding. A file written by another version,
//! damaged or cut short is ignored as a whole: the cache is an optimisation, and reading or
//! writing it never fails a run.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{Problem, Sample, Verdict, What};

/// Bumped whenever what is stored, or how a sample is read, changes.
pub(crate) const VERSION: u32 = 3;

/// The first bytes of the file: a name and the format version.
const MAGIC: &[u8] = b"episode-syntax\0";

/// A sample's key.
pub(crate) type Key = [u8; 16];

/// The key of a sample: its text read with its grammar, as a fragment or as a file, as a
/// console transcript or not.
pub(crate) fn key(sample: &Sample<'_>) -> Key {
    let Sample {
        grammar,
        code,
        fragment,
        console,
    } = *sample;
    let mut hasher = blake3::Hasher::new();
    hasher.update(MAGIC);
    hasher.update(&VERSION.to_le_bytes());
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(b"\0");
    hasher.update(grammar.name().as_bytes());
    hasher.update(&[0, u8::from(fragment), u8::from(console)]);
    hasher.update(code.as_bytes());
    let mut key = [0; 16];
    key.copy_from_slice(&hasher.finalize().as_bytes()[..16]);
    key
}

/// The stored results, and those of this run.
#[derive(Debug)]
pub(crate) struct Store {
    path: PathBuf,
    old: HashMap<Key, Verdict>,
    seen: Mutex<HashMap<Key, Verdict>>,
}

impl Store {
    /// The store at `path`, read now (empty when it is missing, damaged or from another
    /// version).
    pub(crate) fn open(path: &Path) -> Self {
        let old = std::fs::read(path)
            .ok()
            .and_then(|bytes| decode(&bytes))
            .unwrap_or_default();
        Self {
            path: path.to_owned(),
            old,
            seen: Mutex::default(),
        }
    }

    /// The stored verdict for `key`; it is kept for the next run.
    pub(crate) fn get(&self, key: &Key) -> Option<Verdict> {
        let verdict = self.old.get(key)?.clone();
        self.put(*key, verdict.clone());
        Some(verdict)
    }

    /// Records this run's verdict for `key`.
    pub(crate) fn put(&self, key: Key, verdict: Verdict) {
        if let Ok(mut seen) = self.seen.lock() {
            seen.insert(key, verdict);
        }
    }

    /// Writes this run's verdicts, unless they are exactly those read. With `keep_unseen`,
    /// the stored verdicts this run did not meet are kept too (for a run that checked only
    /// part of the course). Best effort: a failure only costs the saving.
    pub(crate) fn save(&self, keep_unseen: bool) {
        let Ok(mut seen) = self.seen.lock() else {
            return;
        };
        if keep_unseen {
            for (key, verdict) in &self.old {
                seen.entry(*key).or_insert_with(|| verdict.clone());
            }
        }
        if *seen == self.old {
            return;
        }
        let bytes = encode(&seen);
        let Some(dir) = self.path.parent() else {
            return;
        };
        let _ = std::fs::create_dir_all(dir).and_then(|()| {
            let mut file = tempfile::NamedTempFile::new_in(dir)?;
            std::io::Write::write_all(&mut file, &bytes)?;
            file.persist(&self.path).map_err(|e| e.error)?;
            Ok(())
        });
    }
}

/// Entries sorted by key, so the same results give the same file.
fn encode(entries: &HashMap<Key, Verdict>) -> Vec<u8> {
    let mut sorted: Vec<_> = entries.iter().collect();
    sorted.sort_unstable_by_key(|(key, _)| **key);
    let mut out = Vec::with_capacity(MAGIC.len() + 8 + sorted.len() * 20);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
    out.push(0);
    for (key, verdict) in sorted {
        out.extend_from_slice(key);
        match verdict {
            Verdict::Clean => out.push(0),
            Verdict::OverBudget => out.push(1),
            Verdict::TooLarge => out.push(2),
            Verdict::TooDeep => out.push(6),
            Verdict::Error(problem) => {
                // Each error is its tag, its three offsets, one more offset (0 but for a
                // body not indented: its header) and one word (a missing token, a keyword).
                let (tag, header, word) = match &problem.what {
                    What::Unexpected => (3, 0, ""),
                    What::End => (4, 0, ""),
                    What::Missing(kind) => (5, 0, kind.as_str()),
                    What::NotIndented { keyword, header } => (7, *header, keyword.as_str()),
                    What::BraceOnNextLine => (8, 0, ""),
                };
                out.push(tag);
                for n in [problem.start, problem.end, problem.more, header] {
                    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
                }
                let word = &word.as_bytes()[..word.len().min(255)];
                out.push(word.len() as u8);
                out.extend_from_slice(word);
            }
        }
    }
    out
}

/// The entries of a file [`encode`] wrote with this version; `None` for anything else.
fn decode(bytes: &[u8]) -> Option<HashMap<Key, Verdict>> {
    let mut reader = Reader(bytes);
    if reader.take(MAGIC.len())? != MAGIC
        || reader.take(4)? != VERSION.to_le_bytes()
        || reader.take(env!("CARGO_PKG_VERSION").len() + 1)?
            != [env!("CARGO_PKG_VERSION").as_bytes(), b"\0"].concat()
    {
        return None;
    }
    let mut entries = HashMap::new();
    while !reader.0.is_empty() {
        let key: Key = reader.take(16)?.try_into().ok()?;
        let verdict = match reader.take(1)?[0] {
            0 => Verdict::Clean,
            1 => Verdict::OverBudget,
            2 => Verdict::TooLarge,
            6 => Verdict::TooDeep,
            tag @ (3..=5 | 7 | 8) => {
                let mut number = || -> Option<usize> {
                    Some(u32::from_le_bytes(reader.take(4)?.try_into().ok()?) as usize)
                };
                let (start, end, more, header) = (number()?, number()?, number()?, number()?);
                let len = usize::from(reader.take(1)?[0]);
                let word = std::str::from_utf8(reader.take(len)?).ok()?.to_owned();
                let what = match tag {
                    3 => What::Unexpected,
                    4 => What::End,
                    5 => What::Missing(word),
                    7 => What::NotIndented {
                        keyword: word,
                        header,
                    },
                    _ => What::BraceOnNextLine,
                };
                Verdict::Error(Problem {
                    start,
                    end,
                    what,
                    more,
                })
            }
            _ => return None,
        };
        entries.insert(key, verdict);
    }
    Some(entries)
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlight::grammars::Grammar;

    fn key_of(grammar: Grammar, fragment: bool, code: &str) -> Key {
        key(&Sample {
            grammar,
            code,
            fragment,
            console: false,
        })
    }

    fn sample_entries() -> HashMap<Key, Verdict> {
        HashMap::from([
            (key_of(Grammar::Python, true, "x = 1\n"), Verdict::Clean),
            (key_of(Grammar::Go, false, "}"), Verdict::OverBudget),
            (key_of(Grammar::Go, true, "}"), Verdict::TooLarge),
            (
                key_of(Grammar::Rust, false, "fn f() {"),
                Verdict::Error(Problem {
                    start: 8,
                    end: 8,
                    what: What::Missing("}".to_owned()),
                    more: 2,
                }),
            ),
            (
                key_of(Grammar::Python, true, "def f():\nreturn 1\n"),
                Verdict::Error(Problem {
                    start: 9,
                    end: 15,
                    what: What::NotIndented {
                        keyword: "def".to_owned(),
                        header: 0,
                    },
                    more: 0,
                }),
            ),
            (
                key_of(Grammar::Go, true, "func f()\n{\n}\n"),
                Verdict::Error(Problem {
                    start: 9,
                    end: 10,
                    what: What::BraceOnNextLine,
                    more: 0,
                }),
            ),
            (
                key_of(Grammar::Json, false, "[1,,]"),
                Verdict::Error(Problem {
                    start: 3,
                    end: 4,
                    what: What::Unexpected,
                    more: 0,
                }),
            ),
        ])
    }

    #[test]
    fn entries_survive_a_round_trip_and_damage_is_a_miss() {
        let entries = sample_entries();
        let bytes = encode(&entries);
        assert_eq!(decode(&bytes), Some(entries));
        assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
        assert_eq!(decode(b"something else"), None);
        assert_eq!(decode(&[]), None);
    }

    #[test]
    fn keys_tell_grammars_modes_and_texts_apart() {
        let a = key_of(Grammar::Python, true, "x");
        assert_ne!(a, key_of(Grammar::Python, false, "x"));
        assert_ne!(a, key_of(Grammar::Rust, true, "x"));
        assert_ne!(a, key_of(Grammar::Python, true, "y"));
        assert_eq!(a, key_of(Grammar::Python, true, "x"));
        let console = Sample {
            grammar: Grammar::Python,
            code: "x",
            fragment: true,
            console: true,
        };
        assert_ne!(a, key(&console));
    }

    #[test]
    fn a_run_writes_once_what_it_saw_and_drops_the_rest() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("cache").join("syntax.bin");
        let (seen, unseen) = (
            key_of(Grammar::Python, true, "a"),
            key_of(Grammar::Python, true, "b"),
        );
        let first = Store::open(&path);
        first.put(seen, Verdict::Clean);
        first.put(unseen, Verdict::Clean);
        first.save(false);
        let second = Store::open(&path);
        assert_eq!(second.get(&seen), Some(Verdict::Clean));
        second.save(false);
        let third = Store::open(&path);
        assert_eq!(third.get(&unseen), None);
        assert_eq!(third.get(&seen), Some(Verdict::Clean));
        std::fs::remove_file(&path).expect("remove");
        third.save(false);
        assert!(!path.exists(), "nothing new: nothing written");
    }
}
