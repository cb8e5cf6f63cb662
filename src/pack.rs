//! Cache entries by key, packed into a few files: the store under the diagram and highlight
//! caches.
//!
//! A cache of one file per entry makes a cold build of a large course create tens of thousands
//! of files, and what that costs depends on the file system's recent history (creating files
//! just after deleting as many is several times slower). Here a process appends what it stores
//! to one file of its own, and [`PackStore::seal`] completes it (so does dropping the store, and
//! a pending file that reaches [`SEAL_AFTER_BYTES`]): the index goes at its end and the file is
//! renamed to `<stamp>-<random>.pack`. A reader loads the index of each pack once (three reads:
//! the header, the footer, the index), and reads an entry with one positioned read.
//!
//! A pack is the header [`MAGIC`], the entries' bytes one after the other, the index (for each
//! entry: key length as one byte, the key, offset as 8 bytes and length as 4, little-endian),
//! and a footer: the index's offset (8 bytes), the number of entries (4 bytes), [`FOOTER`]. A
//! pack whose footer or index does not add up, or asks for more than [`MAX_INDEX_BYTES`] or
//! [`MAX_ENTRY_BYTES`], is ignored; so is a pack of another format (its header or footer
//! differs), and anything that is not a regular file.
//!
//! Entries are text: none holds a NUL byte, so one that does (what a crash can leave where data
//! was never written) is a miss.
//!
//! Processes share a folder (`serve` beside `build`): each writes its own file, which gets a
//! pack's name only once complete. Where two packs hold one key, the one with the later stamp
//! wins. A stamp is the time the pack was sealed, in nanoseconds, and always later than every
//! pack the sealing process has seen, so a clock that steps back cannot bury new entries. A
//! process reads the folder when it first looks something up, and adds the packs that appeared
//! since each time it seals one of its own.
//!
//! Small packs (under [`SEAL_AFTER_BYTES`]: what an incremental build or the preview server
//! seals) pile up, so when a seal leaves more than [`MAX_SMALL_PACKS`] of them, the sealing
//! process merges them into one pack, stamped like the newest of them (a pack sealed meanwhile
//! still wins over it), unless another process holds the folder's merge lock: the merge then
//! waits for a later seal. Full packs are never merged, so a merge copies less than nine small
//! packs' worth, however large the cache grows. The merged pack is read back before its inputs
//! are deleted; a process that has an input open keeps reading it.
//!
//! The store is an optimisation: what cannot be read is a miss, and a failed write is remembered
//! ([`PackStore::write_failed`]) for the caller to report. Entries are bytes as they were given:
//! whoever can write the folder can choose them, so callers check what they read.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

/// The first bytes of a pack.
const MAGIC: &[u8; 16] = b"episode pack v1\n";

/// The last bytes of a complete pack.
const FOOTER: &[u8; 8] = b"EPPACK01";

/// Index offset, entry count, [`FOOTER`].
const FOOTER_LEN: u64 = 8 + 4 + FOOTER.len() as u64;

/// The largest entry stored or read: a drawing or highlighted block is far smaller, and a
/// damaged index must not make every lookup allocate gigabytes.
pub(crate) const MAX_ENTRY_BYTES: usize = 64 << 20;

/// The largest index read (a pack of a million entries has about 80 MB of index).
const MAX_INDEX_BYTES: u64 = 256 << 20;

/// A pending file is sealed when it grows past this, so a build that is interrupted keeps most
/// of what it stored.
pub(crate) const SEAL_AFTER_BYTES: u64 = 32 << 20;

/// More small packs than this in a folder are merged when a pack is sealed.
pub(crate) const MAX_SMALL_PACKS: usize = 8;

/// A file that is still being written ends in this.
const PENDING_SUFFIX: &str = ".pending";

/// A file still pending after this long was left by a process that stopped before sealing it;
/// a merge deletes it.
const ABANDONED_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// The file a merging process locks, so that two processes do not merge the same packs (the
/// lock goes with the process, however it ends).
const MERGE_LOCK: &str = "merge.lock";

/// Entries by key in one folder of packs.
#[derive(Debug)]
pub(crate) struct PackStore {
    dir: PathBuf,
    /// The packs in the folder: loaded on first use, and the new ones added at each seal.
    sealed: RwLock<Option<Sealed>>,
    /// What this process stored since its last seal.
    pending: Mutex<Option<Pending>>,
    /// A digest of each key this process stored ([`PackStore::stored_here`]).
    stored_here: Mutex<HashSet<[u8; 16]>>,
    write_failed: AtomicBool,
}

/// The complete packs of a folder and where each key's newest entry is.
#[derive(Debug, Default)]
struct Sealed {
    packs: Vec<Arc<Pack>>,
    index: HashMap<Box<[u8]>, Location>,
    /// Every path looked at: the packs, and files that turned out not to be packs.
    seen: HashSet<PathBuf>,
}

/// One complete pack, open for reading.
#[derive(Debug)]
struct Pack {
    path: PathBuf,
    stamp: u128,
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

/// The first 16 bytes of the BLAKE3 hash of a key: what [`PackStore::stored_here`] keeps of
/// it (a key is up to 255 bytes).
fn key_digest(key: &[u8]) -> [u8; 16] {
    let mut digest = [0; 16];
    digest.copy_from_slice(&blake3::hash(key).as_bytes()[..16]);
    digest
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

/// What a merge copies, taken from the view so that lookups go on while it works.
struct MergePlan {
    /// The small packs merged.
    inputs: Vec<Arc<Pack>>,
    /// The entries whose newest copy is in one of them.
    entries: Vec<(Box<[u8]>, Arc<Pack>, Location)>,
    /// The newest input's stamp, which the merged pack takes.
    stamp: u128,
}

impl PackStore {
    /// The store in `dir`. Nothing is read until the first lookup, nor created until a write.
    pub(crate) fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            sealed: RwLock::new(None),
            pending: Mutex::new(None),
            stored_here: Mutex::new(HashSet::new()),
            write_failed: AtomicBool::new(false),
        }
    }

    /// Whether this process stored an entry under `key`: reading it back is not reading what
    /// an earlier build stored.
    pub(crate) fn stored_here(&self, key: &[u8]) -> bool {
        self.stored_keys().contains(&key_digest(key))
    }

    fn stored_keys(&self) -> MutexGuard<'_, HashSet<[u8; 16]>> {
        self.stored_here
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The folder the packs are in.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The bytes stored under `key`, if an entry can be read.
    pub(crate) fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        let pending = self.pending();
        let bytes = match pending.as_ref().and_then(|p| Some((p, p.index.get(key)?))) {
            Some((pending, &(offset, len))) => read_at(pending.file.as_file(), offset, len).ok(),
            None => {
                drop(pending);
                let (pack, at) = self.with_sealed(|sealed| {
                    let at = *sealed.index.get(key)?;
                    Some((Arc::clone(sealed.packs.get(at.pack)?), at))
                })?;
                read_at(&pack.file, at.offset, at.len).ok()
            }
        };
        bytes.filter(|bytes| memchr::memchr(0, bytes).is_none())
    }

    /// Whether there is an entry under `key` (readable or not).
    pub(crate) fn has(&self, key: &[u8]) -> bool {
        let pending = self
            .pending()
            .as_ref()
            .is_some_and(|pending| pending.index.contains_key(key));
        pending || self.with_sealed(|sealed| sealed.index.contains_key(key))
    }

    /// Stores `bytes` under `key`; whether it was stored. It can be read at once by this
    /// process, and by others once sealed. A key over 255 bytes, an entry over
    /// [`MAX_ENTRY_BYTES`] or one holding a NUL byte is not stored. After a failed write
    /// nothing more is tried.
    pub(crate) fn put(&self, key: &[u8], bytes: &[u8]) -> bool {
        let storable = key.len() <= usize::from(u8::MAX)
            && bytes.len() <= MAX_ENTRY_BYTES
            && memchr::memchr(0, bytes).is_none();
        if !storable || self.write_failed() {
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
        } else {
            // Under the pending lock: a lookup that finds the entry then finds its key here.
            self.stored_keys().insert(key_digest(key));
        }
        let full = pending.as_ref().is_some_and(Pending::is_full);
        drop(pending);
        if full {
            self.seal_when(Pending::is_full);
        }
        stored.is_ok()
    }

    /// Completes what this process stored since the last seal, so that other processes read
    /// it, and merges the folder's small packs when there are too many.
    pub(crate) fn seal(&self) {
        self.seal_when(|_| true);
    }

    /// Seals the pending file if `now` says so.
    fn seal_when(&self, now: impl FnOnce(&Pending) -> bool) {
        let mut pending = self.pending();
        if !pending.as_ref().is_some_and(now) {
            return;
        }
        let Some(written) = pending.take() else {
            return;
        };
        let stamp = self.with_sealed(Sealed::next_stamp);
        if written.finish(&self.dir, stamp).is_err() {
            self.write_failed.store(true, Ordering::Relaxed);
        }
        // Before the pending file's lock is let go, so its entries never go missing; other
        // processes' new packs come in too.
        self.refresh();
        drop(pending);
        if self.with_sealed(|sealed| sealed.small_packs().count() > MAX_SMALL_PACKS) {
            self.merge();
        }
    }

    /// Merges the folder's small packs, unless another process is merging them.
    fn merge(&self) {
        let Some(_lock) = merge_lock(&self.dir) else {
            return;
        };
        let Some(plan) = self.with_sealed(Sealed::merge_plan) else {
            return;
        };
        if plan.write(&self.dir).is_ok() {
            // Like a seal: no lookup may fall between the old view and the new one.
            let _pending = self.pending();
            self.refresh();
        }
    }

    /// Adds the folder's new packs to the view (reading it afresh when packs were merged away).
    fn refresh(&self) {
        let mut sealed = self.sealed.write().unwrap_or_else(PoisonError::into_inner);
        sealed.get_or_insert_default().refresh(&self.dir);
    }

    /// Whether a write failed (the folder is read-only, or the disk is full).
    pub(crate) fn write_failed(&self) -> bool {
        self.write_failed.load(Ordering::Relaxed)
    }

    fn pending(&self) -> MutexGuard<'_, Option<Pending>> {
        // A panic while appending leaves at worst an entry the index does not name.
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `read` over the view of the folder's packs, loading it first if this is the first
    /// use. (Lock order: `pending` before `sealed`, never the other way.)
    fn with_sealed<T>(&self, read: impl FnOnce(&Sealed) -> T) -> T {
        {
            let sealed = self.sealed.read().unwrap_or_else(PoisonError::into_inner);
            if let Some(sealed) = sealed.as_ref() {
                return read(sealed);
            }
        }
        let mut sealed = self.sealed.write().unwrap_or_else(PoisonError::into_inner);
        let sealed = sealed.get_or_insert_with(|| {
            let mut fresh = Sealed::default();
            fresh.refresh(&self.dir);
            fresh
        });
        read(sealed)
    }
}

impl Drop for PackStore {
    fn drop(&mut self) {
        self.seal();
    }
}

impl Sealed {
    /// Adds the packs in `dir` not seen yet. When a pack seen before is gone (merged away by
    /// some process), the view is read afresh; when one listed is gone before it is opened,
    /// the folder is listed again, a few times at most.
    fn refresh(&mut self, dir: &Path) {
        for _ in 0..3 {
            let listed = list_packs(dir);
            let names: HashSet<&PathBuf> = listed.iter().map(|(_, path)| path).collect();
            if self.packs.iter().any(|pack| !names.contains(&pack.path)) {
                *self = Self::default();
            }
            let mut vanished = false;
            for (stamp, path) in listed {
                if self.seen.contains(&path) {
                    continue;
                }
                match open_pack(&path, stamp) {
                    Ok(Some((pack, entries))) => self.add(pack, entries),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => vanished = true,
                    _ => {
                        self.seen.insert(path);
                    }
                }
            }
            if !vanished {
                return;
            }
        }
    }

    /// Adds `pack` and points each of its keys at it, unless a newer pack holds the key.
    fn add(&mut self, pack: Pack, entries: Vec<IndexEntry>) {
        let at = self.packs.len();
        self.seen.insert(pack.path.clone());
        let Self { packs, index, .. } = self;
        for IndexEntry { key, offset, len } in entries {
            let location = Location {
                pack: at,
                offset,
                len,
            };
            match index.entry(key) {
                Entry::Vacant(slot) => {
                    slot.insert(location);
                }
                Entry::Occupied(mut slot) => {
                    let holder = packs.get(slot.get().pack);
                    if holder.is_none_or(|holder| holder.rank() < pack.rank()) {
                        slot.insert(location);
                    }
                }
            }
        }
        packs.push(Arc::new(pack));
    }

    /// The stamp for a pack sealed now: the time, or one more than the latest stamp seen.
    fn next_stamp(&self) -> u128 {
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos());
        let latest = self.packs.iter().map(|pack| pack.stamp).max();
        latest.map_or(now, |latest| now.max(latest.saturating_add(1)))
    }

    /// The packs smaller than a full one, by their place in [`Self::packs`].
    fn small_packs(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.packs.len()).filter(|&n| {
            self.packs
                .get(n)
                .is_some_and(|pack| pack.size < SEAL_AFTER_BYTES)
        })
    }

    /// What merging the small packs copies; `None` when there are none.
    fn merge_plan(&self) -> Option<MergePlan> {
        let small: HashSet<usize> = self.small_packs().collect();
        let inputs: Vec<Arc<Pack>> = small
            .iter()
            .filter_map(|&n| self.packs.get(n).cloned())
            .collect();
        let stamp = inputs.iter().map(|pack| pack.stamp).max()?;
        let entries = self
            .index
            .iter()
            .filter(|(_, at)| small.contains(&at.pack))
            .filter_map(|(key, at)| Some((key.clone(), Arc::clone(self.packs.get(at.pack)?), *at)))
            .collect();
        Some(MergePlan {
            inputs,
            entries,
            stamp,
        })
    }
}

impl Pack {
    /// The order of packs: by stamp, then by name.
    fn rank(&self) -> (u128, &Path) {
        (self.stamp, &self.path)
    }
}

impl MergePlan {
    /// Writes the merged pack, checks that it reads back, then deletes the inputs and any
    /// pending file abandoned long ago. The merged pack takes the newest input's stamp: a
    /// pack sealed by another process meanwhile stays newer, and so does a full pack newer
    /// than the inputs.
    fn write(self, dir: &Path) -> io::Result<()> {
        let mut into = Pending::create(dir)?;
        for (key, pack, at) in &self.entries {
            // An entry that cannot be read is left out: it would be a miss anyway.
            if let Ok(bytes) = read_at(&pack.file, at.offset, at.len) {
                into.append(key, &bytes)?;
            }
        }
        let merged = into.finish(dir, self.stamp)?;
        if !matches!(open_pack(&merged, self.stamp), Ok(Some(_))) {
            // Too large an index, say: the inputs stay, the merged pack goes.
            let _gone = std::fs::remove_file(&merged);
            return Err(io::ErrorKind::InvalidData.into());
        }
        for pack in &self.inputs {
            // Another process may have deleted it already.
            let _gone = std::fs::remove_file(&pack.path);
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

    /// Whether the file is large enough to be sealed now.
    fn is_full(&self) -> bool {
        self.end >= SEAL_AFTER_BYTES
    }

    /// Writes `bytes` at the end and records them under `key` (replacing an earlier entry).
    /// The caller keeps keys to 255 bytes.
    fn append(&mut self, key: &[u8], bytes: &[u8]) -> io::Result<()> {
        let len = u32::try_from(bytes.len()).map_err(|_| io::ErrorKind::FileTooLarge)?;
        write_at(self.file.as_file(), bytes, self.end)?;
        self.index.insert(key.into(), (self.end, len));
        self.end += u64::from(len);
        Ok(())
    }

    /// Writes the index and footer, and gives the file its pack name,
    /// `<stamp>-<random>.pack`; the pack's path.
    fn finish(self, dir: &Path, stamp: u128) -> io::Result<PathBuf> {
        let count = u32::try_from(self.index.len()).map_err(|_| io::ErrorKind::FileTooLarge)?;
        let mut tail = Vec::with_capacity(self.index.len() * 80 + FOOTER_LEN as usize);
        for (key, (offset, len)) in &self.index {
            debug_assert!(key.len() <= usize::from(u8::MAX), "put refuses longer keys");
            tail.push(u8::try_from(key.len()).unwrap_or(u8::MAX));
            tail.extend_from_slice(key);
            tail.extend_from_slice(&offset.to_le_bytes());
            tail.extend_from_slice(&len.to_le_bytes());
        }
        tail.extend_from_slice(&self.end.to_le_bytes());
        tail.extend_from_slice(&count.to_le_bytes());
        tail.extend_from_slice(FOOTER);
        write_at(self.file.as_file(), &tail, self.end)?;
        let random = self
            .file
            .path()
            .file_name()
            .and_then(|name| name.to_str())
            .and_then(|name| name.strip_prefix('.'))
            .and_then(|name| name.strip_suffix(PENDING_SUFFIX))
            .unwrap_or("x")
            .to_owned();
        let path = dir.join(format!("{stamp:024}-{random}.pack"));
        self.file.persist(&path).map_err(|e| e.error)?;
        Ok(path)
    }
}

/// The folder's merge lock, if no other process holds it: held until the file is dropped.
fn merge_lock(dir: &Path) -> Option<File> {
    let file = File::options()
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join(MERGE_LOCK))
        .ok()?;
    file.try_lock().ok()?;
    Some(file)
}

/// Whether the file at `path` was last modified longer than `age` ago.
fn older_than(path: &Path, age: Duration) -> bool {
    std::fs::metadata(path)
        .and_then(|meta| meta.modified())
        .is_ok_and(|modified| {
            SystemTime::now()
                .duration_since(modified)
                .is_ok_and(|elapsed| elapsed > age)
        })
}

/// The regular files in `dir` named like packs, `<stamp>-<anything>.pack`, with their stamps,
/// in the order they rank.
fn list_packs(dir: &Path) -> Vec<(u128, PathBuf)> {
    let mut found: Vec<(u128, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter_map(|entry| {
            let name = entry.file_name();
            let stamp = name.to_str()?.strip_suffix(".pack")?.split_once('-')?.0;
            Some((stamp.parse().ok()?, entry.path()))
        })
        .collect();
    found.sort();
    found
}

/// Opens the pack at `path` and reads its index: `None` when it is not a complete pack of this
/// format, `Err` when it cannot be read (`NotFound` when it is gone).
fn open_pack(path: &Path, stamp: u128) -> io::Result<Option<(Pack, Vec<IndexEntry>)>> {
    let Some(file) = open_regular(path)? else {
        return Ok(None);
    };
    let size = file.metadata()?.len();
    let Some(footer_at) = size.checked_sub(FOOTER_LEN + MAGIC.len() as u64) else {
        return Ok(None);
    };
    let footer_at = footer_at + MAGIC.len() as u64;
    let footer = read_at(&file, footer_at, FOOTER_LEN as u32)?;
    if read_at(&file, 0, MAGIC.len() as u32)? != MAGIC {
        return Ok(None);
    }
    let Some((index_at, count)) = index_span(&footer, footer_at) else {
        return Ok(None);
    };
    // `index_span` keeps the index under MAX_INDEX_BYTES, so it fits a u32.
    let index_len = u32::try_from(footer_at - index_at).map_err(|_| io::ErrorKind::InvalidData)?;
    let index = read_at(&file, index_at, index_len)?;
    let Some(entries) = parse_index(&index, count, index_at) else {
        return Ok(None);
    };
    let pack = Pack {
        path: path.to_owned(),
        stamp,
        file,
        size,
    };
    Ok(Some((pack, entries)))
}

/// Where the index a footer names starts, and how many entries it holds: `None` unless it
/// lies between the header and the footer (at `footer_at`) and is at most
/// [`MAX_INDEX_BYTES`] long.
fn index_span(footer: &[u8], footer_at: u64) -> Option<(u64, u32)> {
    let (index_at, rest) = footer.split_first_chunk::<8>()?;
    let (count, magic) = rest.split_first_chunk::<4>()?;
    if magic != FOOTER {
        return None;
    }
    let index_at = u64::from_le_bytes(*index_at);
    let len = footer_at.checked_sub(index_at)?;
    (index_at >= MAGIC.len() as u64 && len <= MAX_INDEX_BYTES)
        .then_some((index_at, u32::from_le_bytes(*count)))
}

/// The file at `path` opened for reading; `None` if it is not a regular file. (Without
/// `O_NONBLOCK`, a named pipe put in its place would block the open until something writes
/// to it.)
fn open_regular(path: &Path) -> io::Result<Option<File>> {
    let mut options = File::options();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path)?;
    Ok(file.metadata()?.is_file().then_some(file))
}

/// The `count` entries of an index, each within the data that ends at `data_end` and at most
/// [`MAX_ENTRY_BYTES`] long; `None` when the index is not exactly that.
fn parse_index(mut index: &[u8], count: u32, data_end: u64) -> Option<Vec<IndexEntry>> {
    // The smallest entry is 13 bytes: a count larger than that allows is damage.
    let mut entries = Vec::with_capacity((count as usize).min(index.len() / 13));
    for _ in 0..count {
        let (&key_len, rest) = index.split_first()?;
        let (key, rest) = rest.split_at_checked(usize::from(key_len))?;
        let (offset, rest) = rest.split_first_chunk::<8>()?;
        let (len, rest) = rest.split_first_chunk::<4>()?;
        let (offset, len) = (u64::from_le_bytes(*offset), u32::from_le_bytes(*len));
        let fits = offset >= MAGIC.len() as u64
            && len as usize <= MAX_ENTRY_BYTES
            && offset.checked_add(u64::from(len))? <= data_end;
        if !fits {
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
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let pending = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with('.') && name.ends_with(PENDING_SUFFIX));
        if pending && older_than(&entry.path(), ABANDONED_AFTER) {
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
        let mut other_header = bytes.clone();
        other_header[..4].copy_from_slice(b"EPIS");
        write("6-other-header.pack", &other_header);
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
        for n in 0..=MAX_SMALL_PACKS {
            let store = PackStore::new(dir.path().into());
            store.put(format!("key{n}").as_bytes(), format!("value{n}").as_bytes());
            store.put(b"shared", format!("from {n}").as_bytes());
        }
        let packs = packs_in(dir.path());
        assert_eq!(packs.len(), 1, "{packs:?}");
        let reader = PackStore::new(dir.path().into());
        for n in 0..=MAX_SMALL_PACKS {
            let value = reader.get(format!("key{n}").as_bytes());
            assert_eq!(value, Some(format!("value{n}").into_bytes()));
        }
        let last = format!("from {MAX_SMALL_PACKS}").into_bytes();
        assert_eq!(reader.get(b"shared"), Some(last));
    }

    #[test]
    fn a_merge_leaves_full_packs_alone() {
        let dir = tempfile::tempdir().unwrap();
        let big = PackStore::new(dir.path().into());
        // Sealed as soon as it is stored: the pending file is full.
        big.put(b"big", &vec![7; SEAL_AFTER_BYTES as usize]);
        let big_pack = packs_in(dir.path()).remove(0);
        drop(big);
        // A reader that has the big pack open before the merge.
        let early = PackStore::new(dir.path().into());
        assert!(early.has(b"big"));
        for n in 0..=MAX_SMALL_PACKS {
            PackStore::new(dir.path().into()).put(&[n as u8], b"small");
        }
        let packs = packs_in(dir.path());
        assert_eq!(packs.len(), 2, "{packs:?}");
        assert!(packs.contains(&big_pack));
        let size = early.get(b"big").map(|b| b.len());
        assert_eq!(size, Some(SEAL_AFTER_BYTES as usize));
        let reader = PackStore::new(dir.path().into());
        assert_eq!(reader.get(&[3]).as_deref(), Some(&b"small"[..]));
        assert!(reader.has(b"big"));
    }

    #[test]
    #[cfg(unix)]
    fn a_reader_keeps_reading_packs_merged_away() {
        let dir = tempfile::tempdir().unwrap();
        PackStore::new(dir.path().into()).put(b"early", b"kept");
        let reader = PackStore::new(dir.path().into());
        assert!(reader.has(b"early"));
        for n in 0..MAX_SMALL_PACKS {
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
        for n in 0..=MAX_SMALL_PACKS {
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

    #[test]
    #[cfg(unix)]
    fn what_is_not_a_regular_file_is_skipped_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let store = PackStore::new(dir.path().into());
        store.put(b"k", b"v");
        store.seal();
        let fifo = dir.path().join("1-fifo.pack");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(
            made.is_ok_and(|status| status.success()),
            "mkfifo is needed"
        );
        std::fs::create_dir(dir.path().join("2-folder.pack")).unwrap();
        // Opening the named pipe for reading would wait for a writer forever.
        let reader = PackStore::new(dir.path().into());
        assert_eq!(reader.get(b"k").as_deref(), Some(&b"v"[..]));
        assert!(matches!(open_regular(&fifo), Ok(None)));
    }

    #[test]
    fn an_index_or_entry_too_large_to_be_ours_is_refused_before_it_is_read() {
        let footer = |index_at: u64| {
            let mut footer = index_at.to_le_bytes().to_vec();
            footer.extend_from_slice(&1u32.to_le_bytes());
            footer.extend_from_slice(FOOTER);
            footer
        };
        let footer_at = 16 + MAX_INDEX_BYTES;
        assert_eq!(index_span(&footer(16), footer_at), Some((16, 1)));
        assert_eq!(
            index_span(&footer(15), footer_at),
            None,
            "inside the header"
        );
        assert_eq!(index_span(&footer(16), footer_at + 1), None, "too large");
        assert_eq!(
            index_span(&footer(footer_at + 1), footer_at),
            None,
            "past the footer"
        );
        let mut index = vec![1, b'k'];
        index.extend_from_slice(&16u64.to_le_bytes());
        index.extend_from_slice(&(MAX_ENTRY_BYTES as u32).to_le_bytes());
        assert!(parse_index(&index, 1, u64::MAX).is_some());
        let at = index.len() - 4;
        index[at..].copy_from_slice(&(MAX_ENTRY_BYTES as u32 + 1).to_le_bytes());
        assert!(parse_index(&index, 1, u64::MAX).is_none());
        let dir = tempfile::tempdir().unwrap();
        let store = PackStore::new(dir.path().into());
        assert!(!store.put(b"big", &vec![b'x'; MAX_ENTRY_BYTES + 1]));
        assert!(!store.write_failed());
    }

    #[test]
    fn entries_holding_nul_are_neither_stored_nor_read() {
        let dir = tempfile::tempdir().unwrap();
        let store = PackStore::new(dir.path().into());
        assert!(!store.put(b"nul", b"a\0b"));
        assert!(!store.write_failed());
        assert!(store.put(b"k", b"text"));
        store.seal();
        // What a crash can leave: the name and the index, the data never written.
        let pack = packs_in(dir.path()).remove(0);
        let mut bytes = std::fs::read(&pack).unwrap();
        let at = bytes.windows(4).position(|w| w == b"text").unwrap();
        bytes[at..at + 4].fill(0);
        std::fs::write(&pack, bytes).unwrap();
        assert_eq!(PackStore::new(dir.path().into()).get(b"k"), None);
    }

    #[test]
    fn a_large_pending_file_is_sealed_before_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let store = PackStore::new(dir.path().into());
        let half = vec![b'x'; SEAL_AFTER_BYTES as usize / 2 + 1];
        store.put(b"one", &half);
        assert!(packs_in(dir.path()).is_empty());
        store.put(b"two", &half);
        assert_eq!(packs_in(dir.path()).len(), 1, "sealed on the way");
        assert_eq!(store.get(b"one").map(|b| b.len()), Some(half.len()));
        let reader = PackStore::new(dir.path().into());
        assert!(reader.has(b"one") && reader.has(b"two"));
    }

    #[test]
    fn a_held_merge_lock_defers_the_merge_to_a_later_seal() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path()).unwrap();
        let held = merge_lock(dir.path()).expect("the lock is free");
        assert!(merge_lock(dir.path()).is_none(), "one holder at a time");
        for n in 0..=MAX_SMALL_PACKS {
            PackStore::new(dir.path().into()).put(&[n as u8], b"x");
        }
        let packs = packs_in(dir.path()).len();
        assert_eq!(packs, MAX_SMALL_PACKS + 1, "another process merges");
        drop(held);
        PackStore::new(dir.path().into()).put(b"last", b"x");
        assert_eq!(packs_in(dir.path()).len(), 1);
        let reader = PackStore::new(dir.path().into());
        assert!(reader.has(&[0]) && reader.has(b"last"));
    }

    #[test]
    fn a_pack_stamped_in_the_future_does_not_bury_new_entries() {
        let dir = tempfile::tempdir().unwrap();
        let store = PackStore::new(dir.path().into());
        store.put(b"k", b"old");
        store.seal();
        let pack = packs_in(dir.path()).remove(0);
        let future = dir.path().join(format!("{}-future.pack", u128::MAX / 2));
        std::fs::rename(pack, future).unwrap();
        let writer = PackStore::new(dir.path().into());
        writer.put(b"k", b"new");
        writer.seal();
        assert_eq!(
            PackStore::new(dir.path().into()).get(b"k").as_deref(),
            Some(&b"new"[..])
        );
    }

    #[test]
    fn a_pack_sealed_while_others_merge_stays_newer_than_the_merged_one() {
        let dir = tempfile::tempdir().unwrap();
        for value in [&b"one"[..], b"two"] {
            PackStore::new(dir.path().into()).put(b"k", value);
        }
        let mut before = Sealed::default();
        before.refresh(dir.path());
        let plan = before.merge_plan().expect("two small packs");
        PackStore::new(dir.path().into()).put(b"k", b"during");
        plan.write(dir.path()).unwrap();
        assert_eq!(packs_in(dir.path()).len(), 2);
        assert_eq!(
            PackStore::new(dir.path().into()).get(b"k").as_deref(),
            Some(&b"during"[..])
        );
    }

    #[test]
    fn a_merge_keeps_the_newer_copy_a_full_pack_holds() {
        let dir = tempfile::tempdir().unwrap();
        PackStore::new(dir.path().into()).put(b"k", b"old, in a small pack");
        let full = PackStore::new(dir.path().into());
        full.put(b"k", b"new, in a full pack");
        full.put(b"filler", &vec![b'x'; SEAL_AFTER_BYTES as usize]);
        drop(full);
        for n in 0..MAX_SMALL_PACKS {
            PackStore::new(dir.path().into()).put(&[n as u8], b"small");
        }
        assert_eq!(packs_in(dir.path()).len(), 2, "the small packs were merged");
        let reader = PackStore::new(dir.path().into());
        assert_eq!(
            reader.get(b"k").as_deref(),
            Some(&b"new, in a full pack"[..])
        );
    }

    #[test]
    fn entries_stay_readable_across_seals_on_other_threads() {
        let dir = tempfile::tempdir().unwrap();
        let store = PackStore::new(dir.path().into());
        let entry = vec![b'x'; 1 << 20];
        std::thread::scope(|scope| {
            for thread in 0..2u8 {
                let (store, entry) = (&store, &entry);
                scope.spawn(move || {
                    for n in 0..40u8 {
                        let key = [thread, n];
                        assert!(store.put(&key, entry));
                        assert_eq!(store.get(&key).map(|b| b.len()), Some(entry.len()));
                    }
                });
            }
        });
        assert!(packs_in(dir.path()).len() >= 2, "sealed on the way");
        for thread in 0..2u8 {
            for n in 0..40u8 {
                assert!(store.has(&[thread, n]));
            }
        }
    }
}
