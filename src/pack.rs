//! Cache entries by key, packed into a few files: the store under the diagram and highlight
//! caches.
//!
//! A cache of one file per entry makes a cold build of a large course create tens of thousands
//! of files, and what that costs depends on the file system's recent history (creating files
//! just after deleting as many is several times slower). Here a process appends what it stores
//! to one file of its own, and [`PackStore::seal`] (or dropping the store) completes it: the
//! index goes at its end and the file is renamed to `<time>-<random>.pack`. A reader loads the
//! index of every pack in the folder once (one read each) and reads an entry with one
//! positioned read.
//!
//! A pack is the header [`MAGIC`], the entries' bytes one after the other, the index (for each
//! entry: key length as one byte, the key, offset as 8 bytes and length as 4, little-endian),
//! and a footer: the index's offset (8 bytes), the number of entries (4 bytes), [`FOOTER`]. A
//! pack whose footer or index does not add up is ignored; so is a pack of another format.
//!
//! Processes share a folder (`serve` beside `build`): each writes its own file, which gets a
//! pack's name only once complete. Where two packs hold one key, the later (the name starts with
//! the time it was sealed) wins. When a seal leaves more than [`MAX_PACKS`] packs, the small ones
//! are merged into one; a process that still reads a merged pack keeps its open file (on Unix
//! an open file outlives its name; elsewhere the old pack stays until the next merge).
//!
//! The store is an optimisation: what cannot be read is a miss, and a failed write is remembered
//! ([`PackStore::write_failed`]) for the caller to report. Entries are bytes as they were given:
//! whoever can write the folder can choose them, so callers check what they read.

use std::collections::HashMap;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

/// The first bytes of a pack.
const MAGIC: &[u8; 16] = b"episode pack v1\n";

/// The last bytes of a complete pack.
const FOOTER: &[u8; 8] = b"EPPACK01";

/// Index offset, entry count, [`FOOTER`].
const FOOTER_LEN: u64 = 8 + 4 + FOOTER.len() as u64;

/// More packs than this in a folder are merged when a pack is sealed.
pub(crate) const MAX_PACKS: usize = 8;

/// A file that is still being written ends in this.
const PENDING_SUFFIX: &str = ".pending";

/// A file still pending after this long was left by a process that stopped before sealing it;
/// a merge deletes it.
const ABANDONED_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// Entries by key in one folder of packs.
#[derive(Debug)]
pub(crate) struct PackStore {
    dir: PathBuf,
    /// The packs in the folder, loaded on first use and again after each seal.
    sealed: RwLock<Option<Sealed>>,
    /// What this process stored since its last seal.
    pending: Mutex<Option<Pending>>,
    write_failed: AtomicBool,
}

/// The complete packs of a folder and where each key's entry is.
#[derive(Debug, Default)]
struct Sealed {
    packs: Vec<Pack>,
    index: HashMap<Box<[u8]>, Location>,
}

/// One complete pack, open for reading.
#[derive(Debug)]
struct Pack {
    path: PathBuf,
    file: File,
    size: u64,
}

/// Where an entry's bytes are: which pack, at what offset, how many.
#[derive(Debug, Clone, Copy)]
struct Location {
    pack: usize,
    offset: u64,
    len: u32,
}

/// One entry of a pack's index.
#[derive(Debug)]
struct IndexEntry {
    key: Box<[u8]>,
    offset: u64,
    len: u32,
}

/// A pack being written.
#[derive(Debug)]
struct Pending {
    file: tempfile::NamedTempFile,
    /// Where the next entry goes.
    end: u64,
    /// Offset and length of each entry.
    index: HashMap<Box<[u8]>, (u64, u32)>,
}

impl PackStore {
    /// The store in `dir`. Nothing is read until the first lookup, nor created until a write.
    pub(crate) fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            sealed: RwLock::new(None),
            pending: Mutex::new(None),
            write_failed: AtomicBool::new(false),
        }
    }

    /// The folder the packs are in.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The bytes stored under `key`, if an entry can be read.
    pub(crate) fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        if let Some(pending) = self.pending().as_ref()
            && let Some(&(offset, len)) = pending.index.get(key)
        {
            return read_at(pending.file.as_file(), offset, len).ok();
        }
        self.with_sealed(|sealed| {
            let at = sealed.index.get(key)?;
            let pack = sealed.packs.get(at.pack)?;
            read_at(&pack.file, at.offset, at.len).ok()
        })
    }

    /// Whether there is an entry under `key` (readable or not).
    pub(crate) fn has(&self, key: &[u8]) -> bool {
        let pending = self
            .pending()
            .as_ref()
            .is_some_and(|pending| pending.index.contains_key(key));
        pending || self.with_sealed(|sealed| sealed.index.contains_key(key))
    }

    /// Stores `bytes` under `key` (at most 255 bytes); whether it was stored. It can be read at
    /// once by this process, and by others once sealed. After a failed write nothing more is
    /// tried.
    pub(crate) fn put(&self, key: &[u8], bytes: &[u8]) -> bool {
        if self.write_failed() || key.len() > usize::from(u8::MAX) {
            return false;
        }
        let mut pending = self.pending();
        let stored = match pending.as_mut() {
            Some(pending) => pending.append(key, bytes),
            None => Pending::create(&self.dir).and_then(|mut fresh| {
                fresh.append(key, bytes)?;
                *pending = Some(fresh);
                Ok(())
            }),
        };
        if stored.is_err() {
            self.write_failed.store(true, Ordering::Relaxed);
        }
        stored.is_ok()
    }

    /// Completes what this process stored since the last seal, so that other processes read
    /// it, and merges the folder's packs when there are too many. Dropping the store seals it.
    pub(crate) fn seal(&self) {
        let mut pending = self.pending();
        let Some(written) = pending.take() else {
            return;
        };
        if written.finish(&self.dir).is_err() {
            self.write_failed.store(true, Ordering::Relaxed);
        }
        let mut sealed = Sealed::load(&self.dir);
        if sealed.packs.len() > MAX_PACKS && sealed.merge(&self.dir).is_ok() {
            sealed = Sealed::load(&self.dir);
        }
        *self.sealed.write().unwrap_or_else(PoisonError::into_inner) = Some(sealed);
    }

    /// Whether a write failed (the folder is read-only, or the disk is full).
    pub(crate) fn write_failed(&self) -> bool {
        self.write_failed.load(Ordering::Relaxed)
    }

    fn pending(&self) -> MutexGuard<'_, Option<Pending>> {
        // A panic while appending leaves at worst an entry the index does not name.
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `read` over the folder's packs, loading them first if this is the first use.
    fn with_sealed<T>(&self, read: impl FnOnce(&Sealed) -> T) -> T {
        {
            let sealed = self.sealed.read().unwrap_or_else(PoisonError::into_inner);
            if let Some(sealed) = sealed.as_ref() {
                return read(sealed);
            }
        }
        let mut sealed = self.sealed.write().unwrap_or_else(PoisonError::into_inner);
        read(sealed.get_or_insert_with(|| Sealed::load(&self.dir)))
    }
}

impl Drop for PackStore {
    fn drop(&mut self) {
        self.seal();
    }
}

impl Sealed {
    /// The complete packs in `dir`, oldest first, each key pointing at its latest entry.
    fn load(dir: &Path) -> Self {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "pack"))
            .collect();
        paths.sort();
        let mut sealed = Self::default();
        for path in paths {
            let Some((opened, entries)) = open_pack(path) else {
                continue;
            };
            let pack = sealed.packs.len();
            sealed.packs.push(opened);
            for IndexEntry { key, offset, len } in entries {
                sealed.index.insert(key, Location { pack, offset, len });
            }
        }
        sealed
    }

    /// Merges the packs into one, except the largest when it outweighs all the others (so a
    /// large cache is not copied whole each time a few small packs pile up), then deletes the
    /// merged packs and any pending file abandoned long ago.
    fn merge(&self, dir: &Path) -> io::Result<()> {
        let total: u64 = self.packs.iter().map(|pack| pack.size).sum();
        let kept = self
            .packs
            .iter()
            .enumerate()
            .max_by_key(|(_, pack)| pack.size)
            .filter(|(_, pack)| pack.size.saturating_mul(2) > total)
            .map(|(n, _)| n);
        let mut merged = Pending::create(dir)?;
        for (key, at) in &self.index {
            if Some(at.pack) == kept {
                continue;
            }
            let Some(pack) = self.packs.get(at.pack) else {
                continue;
            };
            // An entry that cannot be read is left out: it would be a miss anyway.
            if let Ok(bytes) = read_at(&pack.file, at.offset, at.len) {
                merged.append(key, &bytes)?;
            }
        }
        merged.finish(dir)?;
        for (n, pack) in self.packs.iter().enumerate() {
            if Some(n) != kept {
                // Another process may have merged it already.
                let _gone = std::fs::remove_file(&pack.path);
            }
        }
        remove_abandoned(dir);
        Ok(())
    }
}

impl Pending {
    /// A new pending file in `dir` (created if missing), holding the header.
    fn create(dir: &Path) -> io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let file = tempfile::Builder::new()
            .prefix(".")
            .suffix(PENDING_SUFFIX)
            .tempfile_in(dir)?;
        write_at(file.as_file(), MAGIC, 0)?;
        Ok(Self {
            file,
            end: MAGIC.len() as u64,
            index: HashMap::new(),
        })
    }

    /// Writes `bytes` at the end and records them under `key` (replacing an earlier entry).
    fn append(&mut self, key: &[u8], bytes: &[u8]) -> io::Result<()> {
        let len = u32::try_from(bytes.len()).map_err(|_| io::ErrorKind::FileTooLarge)?;
        if key.len() > usize::from(u8::MAX) {
            return Err(io::ErrorKind::InvalidInput.into());
        }
        write_at(self.file.as_file(), bytes, self.end)?;
        self.index.insert(key.into(), (self.end, len));
        self.end += u64::from(len);
        Ok(())
    }

    /// Writes the index and footer, and gives the file its pack name: `<time>-<random>.pack`,
    /// the time in nanoseconds, so that names sort in the order packs were sealed.
    fn finish(self, dir: &Path) -> io::Result<()> {
        let count = u32::try_from(self.index.len()).map_err(|_| io::ErrorKind::FileTooLarge)?;
        let mut tail = Vec::with_capacity(self.index.len() * 80 + FOOTER_LEN as usize);
        for (key, (offset, len)) in &self.index {
            // `append` refused longer keys.
            tail.push(u8::try_from(key.len()).unwrap_or(u8::MAX));
            tail.extend_from_slice(key);
            tail.extend_from_slice(&offset.to_le_bytes());
            tail.extend_from_slice(&len.to_le_bytes());
        }
        tail.extend_from_slice(&self.end.to_le_bytes());
        tail.extend_from_slice(&count.to_le_bytes());
        tail.extend_from_slice(FOOTER);
        write_at(self.file.as_file(), &tail, self.end)?;
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos());
        let random = self
            .file
            .path()
            .file_name()
            .and_then(|name| name.to_str())
            .and_then(|name| name.strip_prefix('.'))
            .and_then(|name| name.strip_suffix(PENDING_SUFFIX))
            .unwrap_or("x")
            .to_owned();
        let name = format!("{nanos:024}-{random}.pack");
        self.file.persist(dir.join(name)).map_err(|e| e.error)?;
        Ok(())
    }
}

/// Opens the pack at `path` and reads its index, or `None` when it is not a complete pack of
/// this format.
fn open_pack(path: PathBuf) -> Option<(Pack, Vec<IndexEntry>)> {
    let file = File::open(&path).ok()?;
    let size = file.metadata().ok()?.len();
    let footer_at = size.checked_sub(FOOTER_LEN)?;
    let footer = read_at(&file, footer_at, FOOTER_LEN as u32).ok()?;
    let (index_at, rest) = footer.split_first_chunk::<8>()?;
    let (count, magic) = rest.split_first_chunk::<4>()?;
    if magic != FOOTER {
        return None;
    }
    let index_at = u64::from_le_bytes(*index_at);
    if index_at < MAGIC.len() as u64 || index_at > footer_at {
        return None;
    }
    let index = read_at(&file, index_at, u32::try_from(footer_at - index_at).ok()?).ok()?;
    let entries = parse_index(&index, u32::from_le_bytes(*count), index_at)?;
    Some((Pack { path, file, size }, entries))
}

/// The `count` entries of an index, each within the data that ends at `data_end`; `None` when
/// the index is not exactly that.
fn parse_index(mut index: &[u8], count: u32, data_end: u64) -> Option<Vec<IndexEntry>> {
    // The smallest entry is 13 bytes: a count larger than that allows is damage.
    let mut entries = Vec::with_capacity((count as usize).min(index.len() / 13));
    for _ in 0..count {
        let (&key_len, rest) = index.split_first()?;
        let (key, rest) = rest.split_at_checked(usize::from(key_len))?;
        let (offset, rest) = rest.split_first_chunk::<8>()?;
        let (len, rest) = rest.split_first_chunk::<4>()?;
        let (offset, len) = (u64::from_le_bytes(*offset), u32::from_le_bytes(*len));
        if offset < MAGIC.len() as u64 || offset.checked_add(u64::from(len))? > data_end {
            return None;
        }
        entries.push(IndexEntry {
            key: key.into(),
            offset,
            len,
        });
        index = rest;
    }
    index.is_empty().then_some(entries)
}

/// Deletes pending files in `dir` untouched for [`ABANDONED_AFTER`].
fn remove_abandoned(dir: &Path) {
    let now = SystemTime::now();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let pending = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with('.') && name.ends_with(PENDING_SUFFIX));
        let abandoned = entry
            .metadata()
            .and_then(|meta| meta.modified())
            .is_ok_and(|modified| {
                now.duration_since(modified)
                    .is_ok_and(|age| age > ABANDONED_AFTER)
            });
        if pending && abandoned {
            let _gone = std::fs::remove_file(entry.path());
        }
    }
}

/// `len` bytes of `file` from `offset`, without moving a cursor other threads share.
fn read_at(file: &File, offset: u64, len: u32) -> io::Result<Vec<u8>> {
    let mut bytes = vec![0; len as usize];
    read_exact_at(file, &mut bytes, offset)?;
    Ok(bytes)
}

#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(unix)]
fn write_at(file: &File, buf: &[u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, buf, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_read(buf, offset) {
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(windows)]
fn write_at(file: &File, mut buf: &[u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_write(buf, offset) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => {
                buf = &buf[n..];
                offset += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn packs_in(dir: &Path) -> Vec<PathBuf> {
        let mut packs: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "pack"))
            .collect();
        packs.sort();
        packs
    }

    #[test]
    fn entries_are_read_back_at_once_and_by_the_next_process() {
        let dir = tempfile::tempdir().unwrap();
        let store = PackStore::new(dir.path().join("packs"));
        assert_eq!(store.get(b"a"), None);
        assert!(!store.has(b"a"));
        assert!(store.put(b"a", b"first"));
        assert!(store.put(b"b", b""));
        assert_eq!(store.get(b"a").as_deref(), Some(&b"first"[..]));
        assert!(store.has(b"b"));
        assert!(packs_in(store.dir()).is_empty(), "nothing sealed yet");
        drop(store);
        let next = PackStore::new(dir.path().join("packs"));
        assert_eq!(next.get(b"a").as_deref(), Some(&b"first"[..]));
        assert_eq!(next.get(b"b").as_deref(), Some(&b""[..]));
        assert_eq!(packs_in(next.dir()).len(), 1);
        let leftovers = std::fs::read_dir(next.dir()).unwrap().count();
        assert_eq!(leftovers, 1, "the pending file became the pack");
    }

    #[test]
    fn the_pack_sealed_last_wins() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (
            PackStore::new(dir.path().into()),
            PackStore::new(dir.path().into()),
        );
        old.put(b"k", b"old");
        new.put(b"k", b"new");
        old.seal();
        new.seal();
        assert_eq!(
            PackStore::new(dir.path().into()).get(b"k").as_deref(),
            Some(&b"new"[..])
        );
        // A process sees other processes' packs once it seals its own.
        let reader = PackStore::new(dir.path().into());
        assert_eq!(reader.get(b"k").as_deref(), Some(&b"new"[..]));
        let writer = PackStore::new(dir.path().into());
        writer.put(b"k", b"newest");
        writer.seal();
        reader.put(b"other", b"x");
        reader.seal();
        assert_eq!(reader.get(b"k").as_deref(), Some(&b"newest"[..]));
    }

    #[test]
    fn damaged_and_foreign_packs_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let store = PackStore::new(dir.path().into());
        store.put(b"good", b"bytes");
        store.seal();
        let good = packs_in(dir.path()).remove(0);
        let bytes = std::fs::read(&good).unwrap();
        let write =
            |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
        write("0-truncated.pack", &bytes[..bytes.len() - 1]);
        write("1-empty.pack", b"");
        write(
            "2-text.pack",
            b"not a pack at all, but long enough for a footer",
        );
        let mut other_format = bytes.clone();
        let at = other_format.len() - 1;
        other_format[at] = b'2';
        write("3-other-format.pack", &other_format);
        // An index entry that points past the data.
        let mut overrun = bytes.clone();
        let index_at = u64::from_le_bytes(bytes[bytes.len() - 20..][..8].try_into().unwrap());
        let len_at = index_at as usize + 1 + 4 + 8;
        overrun[len_at..len_at + 4].copy_from_slice(&1000u32.to_le_bytes());
        write("4-overrun.pack", &overrun);
        // The footer counts more entries than the index holds.
        let mut miscounted = bytes.clone();
        let count_at = bytes.len() - 12;
        miscounted[count_at..count_at + 4].copy_from_slice(&2u32.to_le_bytes());
        write("5-miscounted.pack", &miscounted);
        let reader = PackStore::new(dir.path().into());
        assert_eq!(reader.get(b"good").as_deref(), Some(&b"bytes"[..]));
        let loaded = reader.with_sealed(|sealed| sealed.packs.len());
        assert_eq!(loaded, 1, "only the complete pack is read");
    }

    #[test]
    fn too_many_packs_are_merged_and_every_entry_stays() {
        let dir = tempfile::tempdir().unwrap();
        for n in 0..=MAX_PACKS {
            let store = PackStore::new(dir.path().into());
            store.put(format!("key{n}").as_bytes(), format!("value{n}").as_bytes());
            store.put(b"shared", format!("from {n}").as_bytes());
        }
        let packs = packs_in(dir.path());
        assert!(packs.len() <= 2, "{packs:?}");
        let reader = PackStore::new(dir.path().into());
        for n in 0..=MAX_PACKS {
            let value = reader.get(format!("key{n}").as_bytes());
            assert_eq!(value, Some(format!("value{n}").into_bytes()));
        }
        let last = format!("from {MAX_PACKS}").into_bytes();
        assert_eq!(reader.get(b"shared"), Some(last));
    }

    #[test]
    fn a_merge_leaves_a_pack_that_outweighs_the_rest_alone() {
        let dir = tempfile::tempdir().unwrap();
        let big = PackStore::new(dir.path().into());
        big.put(b"big", &[7; 100_000]);
        big.seal();
        let big_pack = packs_in(dir.path()).remove(0);
        // A reader that has the big pack open before the merge.
        let early = PackStore::new(dir.path().into());
        assert!(early.has(b"big"));
        for n in 0..MAX_PACKS {
            PackStore::new(dir.path().into()).put(&[n as u8], b"small");
        }
        let packs = packs_in(dir.path());
        assert_eq!(packs.len(), 2, "{packs:?}");
        assert!(packs.contains(&big_pack));
        assert_eq!(early.get(b"big").map(|b| b.len()), Some(100_000));
        let reader = PackStore::new(dir.path().into());
        assert_eq!(reader.get(&[3]).as_deref(), Some(&b"small"[..]));
    }

    #[test]
    #[cfg(unix)]
    fn a_reader_keeps_reading_packs_merged_away() {
        let dir = tempfile::tempdir().unwrap();
        PackStore::new(dir.path().into()).put(b"early", b"kept");
        let reader = PackStore::new(dir.path().into());
        assert!(reader.has(b"early"));
        for n in 0..MAX_PACKS {
            PackStore::new(dir.path().into()).put(&[n as u8], b"small");
        }
        assert_eq!(packs_in(dir.path()).len(), 1);
        assert_eq!(reader.get(b"early").as_deref(), Some(&b"kept"[..]));
    }

    #[test]
    fn a_merge_deletes_pending_files_abandoned_long_ago() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".abandoned.pending");
        let recent = dir.path().join(".writing.pending");
        for path in [&old, &recent] {
            std::fs::write(path, MAGIC).unwrap();
        }
        let long_ago = SystemTime::now() - ABANDONED_AFTER - Duration::from_secs(60);
        File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
        for n in 0..=MAX_PACKS {
            PackStore::new(dir.path().into()).put(&[n as u8], b"x");
        }
        assert!(!old.exists());
        assert!(recent.exists(), "another process may still be writing it");
    }

    #[test]
    fn an_unwritable_folder_is_remembered_and_stops_the_writes() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "not a folder").unwrap();
        let store = PackStore::new(blocker.join("packs"));
        assert!(!store.put(b"k", b"v"));
        assert!(store.write_failed());
        assert_eq!(store.get(b"k"), None);
        assert!(!store.put(b"k2", b"v"));
    }

    #[test]
    fn keys_longer_than_a_byte_counts_are_refused_not_failures() {
        let dir = tempfile::tempdir().unwrap();
        let store = PackStore::new(dir.path().into());
        assert!(!store.put(&[b'k'; 256], b"v"));
        assert!(!store.write_failed());
        assert!(store.put(&[b'k'; 255], b"v"));
    }
}
