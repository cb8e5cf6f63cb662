//! Source files as loaded from disk, and the mapping from byte offsets to line and column.
//!
//! Every finding the tool reports points into a [`SourceFile`]. Files are read once; the text
//! is kept even when the bytes were not valid UTF-8 (lossily decoded), so that a file with one
//! bad byte is still checked and rendered, and the decoding problem is reported at its place.
//! A file larger than [`MAX_FILE_BYTES`] is not read ([`ReadError::TooLarge`]).

use std::ops::Range;
use std::path::{Path, PathBuf};

/// The largest file [`SourceFile::read`] reads, in bytes: `u32::MAX`, a byte short of 4 GiB.
/// A parsed document keeps the offsets of its list items and paragraphs as `u32` (a long
/// course has over a million of each; see [`crate::markdown::ListItem`]), so every offset
/// into a file read from disk must fit in one.
pub const MAX_FILE_BYTES: u64 = u32::MAX as u64;

/// Why [`SourceFile::read`] did not read a file.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file is larger than [`MAX_FILE_BYTES`]: it is not read at all.
    #[error("the file is {bytes} bytes; files up to {MAX_FILE_BYTES} bytes are read")]
    TooLarge {
        /// Its size in bytes (the bytes read, a byte past the bound, when it grew while read).
        bytes: u64,
    },
    /// Opening or reading it failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Whether a file of `bytes` bytes may be read: [`ReadError::TooLarge`] past
/// [`MAX_FILE_BYTES`].
pub(crate) fn check_size(bytes: u64) -> Result<(), ReadError> {
    if bytes > MAX_FILE_BYTES {
        Err(ReadError::TooLarge { bytes })
    } else {
        Ok(())
    }
}

/// One file read from the course folder.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the course root, with `/` separators (stable across machines).
    pub rel_path: String,
    /// Absolute path on disk.
    pub abs_path: PathBuf,
    /// The text. When the file is not valid UTF-8, invalid sequences are replaced with U+FFFD.
    pub text: String,
    /// Byte offset (in [`Self::text`]) of the first invalid UTF-8 sequence, if any.
    pub invalid_utf8_at: Option<usize>,
    /// Control characters replaced with U+FFFD when the file was read.
    pub control_chars: Option<ControlChars>,
    /// When the file was last modified (read from disk; `None` for text made in memory).
    pub modified: Option<std::time::SystemTime>,
    line_starts: LineStarts,
}

/// Where lines start, recorded at a line start every [`LineStarts::LINES`] lines, and sooner
/// when [`LineStarts::BYTES`] have passed since the last record; the lines between are found
/// by counting newlines from the nearest record. Finding the start of a line reads at most
/// that many lines or bytes of text, and finding the line of an offset at most that plus the
/// part of its own line before it (which its column counts anyway). The index takes a few
/// percent of the room a start per line takes: on a course of 10,200 episodes (18 million
/// lines) about 7 MB rather than 73 MB.
#[derive(Debug, Clone)]
struct LineStarts {
    /// `(line, offset)`: a 0-based line and where it starts, in order; the first is `(0, 0)`.
    records: Box<[(usize, usize)]>,
}

impl LineStarts {
    /// Lines at most between two records.
    const LINES: usize = 64;
    /// Bytes after which the next line start is recorded, however few lines they hold.
    const BYTES: usize = 4096;

    fn of(text: &str) -> Self {
        let mut records = vec![(0, 0)];
        let (mut line, mut last) = (0, (0, 0));
        for newline in memchr::memchr_iter(b'\n', text.as_bytes()) {
            line += 1;
            let start = newline + 1;
            if line - last.0 >= Self::LINES || start - last.1 >= Self::BYTES {
                last = (line, start);
                records.push(last);
            }
        }
        Self {
            records: records.into_boxed_slice(),
        }
    }

    /// The start of line `index` (0-based) of `text`, which this index was built from; `None`
    /// past the last line.
    fn get(&self, text: &str, index: usize) -> Option<usize> {
        let nearest = self.records.partition_point(|&(line, _)| line <= index);
        let (line, from) = self.records[nearest.saturating_sub(1)];
        match index - line {
            0 => Some(from),
            after => memchr::memchr_iter(b'\n', &text.as_bytes()[from..])
                .nth(after - 1)
                .map(|i| from + i + 1),
        }
    }

    /// The index of the line of `text` holding `offset` (at most the text's length).
    fn line_of(&self, text: &str, offset: usize) -> usize {
        let nearest = self.records.partition_point(|&(_, start)| start <= offset);
        let (line, from) = self.records[nearest.saturating_sub(1)];
        line + memchr::memchr_iter(b'\n', &text.as_bytes()[from..offset]).count()
    }
}

/// Control characters found in a file and replaced with U+FFFD (see [`replace_controls`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ControlChars {
    /// How many were replaced.
    pub count: usize,
    /// Byte offset of the first, in the replaced text.
    pub first_at: usize,
}

/// A position in a source file, both 1-based, column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in Unicode scalar values.
    pub column: usize,
}

impl SourceFile {
    /// Builds a source file from raw bytes, decoding them as UTF-8 (lossily if needed) and
    /// replacing control characters (see [`replace_controls`]).
    pub fn from_bytes(
        rel_path: impl Into<String>,
        abs_path: impl Into<PathBuf>,
        bytes: Vec<u8>,
    ) -> Self {
        let (text, invalid_utf8_at) = match String::from_utf8(bytes) {
            Ok(text) => (text, None),
            Err(err) => {
                let at = err.utf8_error().valid_up_to();
                (
                    String::from_utf8_lossy(err.as_bytes()).into_owned(),
                    Some(at),
                )
            }
        };
        let text = lone_carriage_returns_as_newlines(text);
        let (text, control_chars, invalid_utf8_at) = replace_controls(text, invalid_utf8_at);
        let mut file = Self::from_text(rel_path, abs_path, text, invalid_utf8_at);
        file.control_chars = control_chars;
        file
    }

    /// Builds a source file from text already in memory (tests, generated content).
    pub fn from_string(rel_path: impl Into<String>, text: impl Into<String>) -> Self {
        let rel_path = rel_path.into();
        let abs = PathBuf::from(&rel_path);
        Self::from_text(rel_path, abs, text.into(), None)
    }

    fn from_text(
        rel_path: impl Into<String>,
        abs_path: impl Into<PathBuf>,
        text: String,
        invalid_utf8_at: Option<usize>,
    ) -> Self {
        let line_starts = LineStarts::of(&text);
        Self {
            rel_path: rel_path.into(),
            abs_path: abs_path.into(),
            text,
            invalid_utf8_at,
            control_chars: None,
            modified: None,
            line_starts,
        }
    }

    /// Reads a file from disk. `root` is the course root, used to compute the relative path.
    ///
    /// A file larger than [`MAX_FILE_BYTES`] is not read: its size is checked from its
    /// metadata first, and the read stops a byte past the bound should it have grown since.
    pub fn read(root: &Path, abs_path: &Path) -> Result<Self, ReadError> {
        use std::io::Read;
        let file = std::fs::File::open(abs_path)?;
        let metadata = file.metadata()?;
        check_size(metadata.len())?;
        let mut bytes = Vec::new();
        // The metadata's size fits in a `u32`, so in a `usize`.
        bytes
            .try_reserve_exact(metadata.len() as usize)
            .map_err(std::io::Error::other)?;
        file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
        check_size(bytes.len() as u64)?;
        let mut source = Self::from_bytes(relative_path(root, abs_path), abs_path, bytes);
        source.modified = metadata.modified().ok();
        Ok(source)
    }

    /// Line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line_index = self.line_starts.line_of(&self.text, offset);
        let mut line_start = self.line_starts.get(&self.text, line_index).unwrap_or(0);
        if line_index == 0 {
            // A byte-order mark is not a column: editors count from after it.
            line_start = self.content_start().min(offset);
        }
        let column = self
            .text
            .get(line_start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        LineCol {
            line: line_index + 1,
            column,
        }
    }

    /// The 1-based line holding a byte offset (clamped to the text): [`Self::line_col`]'s line,
    /// without counting the characters before it on its line.
    pub fn line(&self, offset: usize) -> usize {
        self.line_starts
            .line_of(&self.text, offset.min(self.text.len()))
            + 1
    }

    /// Byte offset where the content starts: after the byte-order mark (U+FEFF) that begins
    /// the file, if one does (editors on Windows write it; it is not text).
    pub fn content_start(&self) -> usize {
        const BYTE_ORDER_MARK: char = '\u{FEFF}';
        if self.text.starts_with(BYTE_ORDER_MARK) {
            BYTE_ORDER_MARK.len_utf8()
        } else {
            0
        }
    }

    /// Byte offset where 1-based `line` starts (clamped to the end of the text).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(&self.text, line.saturating_sub(1))
            .unwrap_or(self.text.len())
    }

    /// Byte offset where the line holding `offset` ends: at its `\n` (before the `\r` of a
    /// `\r\n`), or at the end of the text. Any offset is accepted.
    pub fn line_end(&self, offset: usize) -> usize {
        line_end(&self.text, offset)
    }

    /// From `offset` to the end of its line: the first line of a span that starts there.
    pub fn line_span(&self, offset: usize) -> Range<usize> {
        line_span(&self.text, offset)
    }

    /// Byte offset where the line after the one holding `offset` starts (the end of the text
    /// on the last line).
    pub fn next_line_start(&self, offset: usize) -> usize {
        let from = floor_char_boundary(&self.text, offset);
        self.text[from..]
            .find('\n')
            .map_or(self.text.len(), |i| from + i + 1)
    }
}

/// Whether `c` is a control character that must not reach a page: C0 controls other than
/// tab, line feed and carriage return, DEL, and the C1 controls. A damaged file (a NUL from a
/// bad copy, an ANSI escape pasted from a terminal) would otherwise put them into the HTML.
pub fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Whether `text` holds a character [`is_stray_control`] would replace, read byte by byte
/// (every file passes through here, so this must not decode characters): C0 controls other
/// than tab, line feed and carriage return, DEL, and the C1 controls U+0080 to U+009F, which
/// UTF-8 writes as `0xC2` followed by `0x80` to `0x9F`.
fn has_stray_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    // C0 controls other than tab, line feed and carriage return, and DEL: checked a block at a
    // time without an early exit, so the compiler can vectorise the loop.
    let c0_or_del = bytes.chunks(4096).any(|block| {
        block.iter().fold(false, |found, &byte| {
            found | ((byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r')) | (byte == 0x7F))
        })
    });
    // C1 controls are U+0080..U+009F: 0xC2 followed by 0x80..=0x9F in UTF-8.
    c0_or_del
        || memchr::memchr_iter(0xC2, bytes).any(|at| {
            bytes
                .get(at + 1)
                .is_some_and(|next| (0x80..=0x9F).contains(next))
        })
}

/// `text` with every stray control character replaced by U+FFFD, how many there were and
/// where the first is; `keep` (an offset into `text`) is moved to the same place in the new
/// text. Every offset computed later is on the new text, which is what everything reads.
pub fn replace_controls(
    text: String,
    keep: Option<usize>,
) -> (String, Option<ControlChars>, Option<usize>) {
    if !has_stray_control(&text) {
        return (text, None, keep);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut found: Option<ControlChars> = None;
    let mut kept = keep;
    for (at, c) in text.char_indices() {
        if keep == Some(at) {
            kept = Some(out.len());
        }
        if is_stray_control(c) {
            let first_at = found.map_or(out.len(), |f| f.first_at);
            let count = found.map_or(0, |f| f.count) + 1;
            found = Some(ControlChars { count, first_at });
            out.push('\u{FFFD}');
        } else {
            out.push(c);
        }
    }
    if keep.is_some_and(|k| k >= text.len()) {
        kept = Some(out.len());
    }
    (out, found, kept)
}

/// `text` with every carriage return that is not followed by a line feed read as a line
/// feed: CommonMark ends a line at a lone `\r` (old Mac files), and so does every line
/// count here. One byte for one, so every offset into the file stays where it was.
fn lone_carriage_returns_as_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for at in 0..bytes.len() {
        if bytes[at] == b'\r' && bytes.get(at + 1) != Some(&b'\n') {
            bytes[at] = b'\n';
        }
    }
    // An ASCII byte replaced by another leaves the UTF-8 valid.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// `offset` clamped to the text and moved back to the start of the character it falls in.
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// See [`SourceFile::line_end`].
fn line_end(text: &str, offset: usize) -> usize {
    let from = floor_char_boundary(text, offset);
    match text[from..].find('\n') {
        Some(i) if i > 0 && text.as_bytes()[from + i - 1] == b'\r' => from + i - 1,
        Some(i) => from + i,
        None => text.len(),
    }
}

/// See [`SourceFile::line_span`].
fn line_span(text: &str, offset: usize) -> Range<usize> {
    floor_char_boundary(text, offset)..line_end(text, offset)
}

/// The files a report may point into, by course-relative path.
#[derive(Debug, Default)]
pub struct SourceMap<'a> {
    files: std::collections::BTreeMap<&'a str, &'a SourceFile>,
}

impl<'a> SourceMap<'a> {
    /// Adds files.
    pub fn extend(&mut self, files: impl IntoIterator<Item = &'a SourceFile>) {
        self.files
            .extend(files.into_iter().map(|f| (f.rel_path.as_str(), f)));
    }

    /// The file at this course-relative path.
    pub fn get(&self, rel_path: &str) -> Option<&'a SourceFile> {
        self.files.get(rel_path).copied()
    }
}

/// Every file under `dir`, sorted by path, skipping hidden files and folders (`.git`,
/// editor swap files). A folder that does not exist has no files. Symbolic links inside
/// `dir` are not followed (`dir` itself is, when it is one), and a folder inside `dir` that
/// cannot be listed is skipped: [`list_files`] says which.
pub fn visible_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    Ok(listing(dir, true)?.files)
}

/// What [`list_files`] found under a folder.
#[derive(Debug, Default)]
pub struct Listing {
    /// Regular files, sorted by path.
    pub files: Vec<PathBuf>,
    /// Symbolic links, which are not followed: nothing outside the folder is ever read.
    pub links: Vec<PathBuf>,
    /// Folders inside it that could not be listed, with the reason.
    pub unreadable: Vec<(PathBuf, String)>,
}

/// Lists `dir` like [`visible_files`], keeping the links it did not follow and the folders
/// it could not list. `Err` only when `dir` itself cannot be listed.
pub fn list_files(dir: &Path) -> anyhow::Result<Listing> {
    // A `dir` that is itself a symbolic link (`episodes/`) is listed as a link, not
    // followed: it may lead outside the course, and what is read from it would be checked
    // and published.
    listing(dir, false)
}

/// [`list_files`], following `dir` itself when it is a link and `follow_root` is set (a
/// theme's `templates/` linked from elsewhere is the author's choice of theme).
fn listing(dir: &Path, follow_root: bool) -> anyhow::Result<Listing> {
    let mut listing = Listing::default();
    if !dir.is_dir() {
        return Ok(listing);
    }
    let walker = walkdir::WalkDir::new(dir)
        .follow_root_links(follow_root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => listing.files.push(entry.into_path()),
            Ok(entry) if entry.path_is_symlink() => listing.links.push(entry.into_path()),
            Ok(_) => {}
            Err(err) => {
                let reason = err
                    .io_error()
                    .map_or_else(|| err.to_string(), ToString::to_string);
                let folder = unlistable_folder(dir, err.path(), err.depth(), reason)?;
                listing.unreadable.push(folder);
            }
        }
    }
    Ok(listing)
}

/// Sorts a listing error: a folder inside `dir` that cannot be listed is skipped (and
/// reported by the caller); `dir` itself failing is an error, since nothing can be checked.
fn unlistable_folder(
    dir: &Path,
    path: Option<&Path>,
    depth: usize,
    reason: String,
) -> anyhow::Result<(PathBuf, String)> {
    match path {
        Some(path) if depth > 0 && path != dir => Ok((path.to_path_buf(), reason)),
        _ => Err(anyhow::anyhow!("cannot list {}: {reason}", dir.display())),
    }
}

/// `abs` relative to `root`, with `/` separators; `abs` itself when it is not under `root`.
pub fn relative_path(root: &Path, abs: &Path) -> String {
    let rel = abs.strip_prefix(root).unwrap_or(abs);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_up_to_u32_max_bytes_are_read_and_larger_ones_are_not() {
        assert_eq!(MAX_FILE_BYTES, u64::from(u32::MAX));
        assert!(check_size(0).is_ok());
        assert!(check_size(MAX_FILE_BYTES - 1).is_ok());
        assert!(check_size(MAX_FILE_BYTES).is_ok());
        assert!(matches!(
            check_size(MAX_FILE_BYTES + 1),
            Err(ReadError::TooLarge { bytes }) if bytes == MAX_FILE_BYTES + 1
        ));
        assert!(matches!(
            check_size(u64::MAX),
            Err(ReadError::TooLarge { bytes: u64::MAX })
        ));
    }

    #[test]
    fn a_file_within_the_bound_is_read_whole_with_its_modification_time() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.md");
        std::fs::write(&path, "# A\n\nText.\n").expect("write");
        let file = SourceFile::read(dir.path(), &path).expect("read");
        assert_eq!(file.text, "# A\n\nText.\n");
        assert_eq!(file.rel_path, "a.md");
        assert!(file.modified.is_some());
        let missing = SourceFile::read(dir.path(), &dir.path().join("none.md"));
        assert!(
            matches!(missing, Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound)
        );
    }

    #[test]
    fn byte_scan_finds_exactly_the_stray_controls() {
        for c in ('\0'..='\u{2FF}').chain(['\u{FEFF}', '\u{1F3AF}', '\u{FFFD}']) {
            let text = format!("a{c}b");
            assert_eq!(
                has_stray_control(&text),
                is_stray_control(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn the_sparse_line_index_finds_every_line_a_start_per_line_would() {
        // Lines of every length from empty up, `\r\n` endings and wide characters among them,
        // enough for several recorded starts, and a text that ends without a newline.
        let mut text = String::new();
        for i in 0..(LineStarts::LINES * 3 + 7) {
            text.push_str(&"é🎯x".repeat(if i % 50 == 7 { 700 } else { i % 5 }));
            text.push_str(if i % 3 == 0 { "\r\n" } else { "\n" });
        }
        text.push_str("last");
        let every: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let index = LineStarts::of(&text);
        for (line, &start) in every.iter().enumerate() {
            assert_eq!(index.get(&text, line), Some(start), "line {line}");
        }
        assert_eq!(index.get(&text, every.len()), None);
        assert_eq!(index.get(&text, every.len() + LineStarts::LINES), None);
        assert!(
            index.records.len() > 4,
            "long lines are recorded sooner: {:?}",
            index.records
        );
        for offset in 0..=text.len() {
            let line = every.partition_point(|&s| s <= offset) - 1;
            assert_eq!(index.line_of(&text, offset), line, "offset {offset}");
        }
        let ends_with_newline = "a\n".repeat(LineStarts::LINES);
        let index = LineStarts::of(&ends_with_newline);
        let end = ends_with_newline.len();
        assert_eq!(index.get(&ends_with_newline, LineStarts::LINES), Some(end));
        assert_eq!(index.line_of(&ends_with_newline, end), LineStarts::LINES);
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let file = SourceFile::from_string("a.md", "\u{FEFF}# T\nx\n");
        assert_eq!(file.line_col(3), LineCol { line: 1, column: 1 });
        assert_eq!(file.line_col(5), LineCol { line: 1, column: 3 });
        assert_eq!(file.line_col(7), LineCol { line: 2, column: 1 });
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let file = SourceFile::from_string("a.md", "ab\né🎯x\n");
        assert_eq!(file.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(file.line_col(3), LineCol { line: 2, column: 1 });
        let x = file.text.find('x').unwrap();
        assert_eq!(file.line_col(x), LineCol { line: 2, column: 3 });
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily_and_located() {
        let file = SourceFile::from_bytes("a.md", "a.md", b"ok\n\xff bad".to_vec());
        assert_eq!(file.invalid_utf8_at, Some(3));
        assert!(file.text.contains('\u{FFFD}'));
        assert_eq!(file.line_col(3).line, 2);
    }

    #[test]
    fn control_characters_are_replaced_counted_and_located() {
        let file = SourceFile::from_bytes("a.md", "a.md", b"ok\nx\0y\x1b[0m\x7f\t\r\n".to_vec());
        assert_eq!(file.text, "ok\nx\u{FFFD}y\u{FFFD}[0m\u{FFFD}\t\r\n");
        let found = file.control_chars.expect("found");
        assert_eq!(found.count, 3);
        assert_eq!(
            file.line_col(found.first_at),
            LineCol { line: 2, column: 2 }
        );
        assert_eq!(
            SourceFile::from_bytes("b.md", "b.md", b"tab\tok\r\n".to_vec()).control_chars,
            None
        );
    }

    #[test]
    fn invalid_utf8_offset_follows_the_replaced_text() {
        let file = SourceFile::from_bytes("a.md", "a.md", b"\0\0 \xff".to_vec());
        let at = file.invalid_utf8_at.expect("invalid");
        assert_eq!(&file.text[at..], "\u{FFFD}");
        assert_eq!(file.line_col(at).column, 4);
    }

    #[test]
    fn a_subfolder_that_cannot_be_listed_is_skipped_but_the_folder_itself_is_an_error() {
        let dir = Path::new("/course/episodes");
        let inner = dir.join("02-locked");
        assert_eq!(
            unlistable_folder(dir, Some(&inner), 1, "Permission denied".into()).expect("skipped"),
            (inner.clone(), "Permission denied".to_owned())
        );
        for (path, depth) in [(Some(dir), 0), (None, 1), (Some(dir), 1)] {
            let err = unlistable_folder(dir, path, depth, "Permission denied".into()).unwrap_err();
            assert_eq!(
                err.to_string(),
                "cannot list /course/episodes: Permission denied"
            );
        }
    }

    #[test]
    fn symbolic_links_are_listed_apart_and_not_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let outside = tempfile::tempdir().expect("temp dir");
        std::fs::write(outside.path().join("secret.md"), "x").expect("write");
        std::fs::write(dir.path().join("a.md"), "a").expect("write");
        std::os::unix::fs::symlink(outside.path(), dir.path().join("01-linked")).expect("link");
        std::os::unix::fs::symlink(outside.path().join("secret.md"), dir.path().join("b.md"))
            .expect("link");
        let listing = list_files(dir.path()).expect("listed");
        assert_eq!(listing.files, [dir.path().join("a.md")]);
        assert_eq!(
            listing.links,
            [dir.path().join("01-linked"), dir.path().join("b.md")]
        );
        assert!(listing.unreadable.is_empty());
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_and_a_crlf_is_kept() {
        let file = SourceFile::from_bytes("a.md", "a.md", b"# T\r\rText\r\nMore\r".to_vec());
        assert_eq!(file.text, "# T\n\nText\r\nMore\n");
        assert_eq!(file.line_col(5).line, 3);
    }

    #[test]
    fn a_folder_that_is_itself_a_link_is_listed_as_a_link_and_not_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let outside = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(outside.path().join("01-s")).expect("mkdir");
        std::fs::write(outside.path().join("01-s/episode-01-x.md"), "x").expect("write");
        let linked = dir.path().join("episodes");
        std::os::unix::fs::symlink(outside.path(), &linked).expect("link");
        let listing = list_files(&linked).expect("listed");
        assert!(listing.files.is_empty(), "{:?}", listing.files);
        assert_eq!(listing.links, [linked]);
    }

    #[test]
    fn line_end_and_span_stop_before_the_newline_and_a_carriage_return() {
        let file = SourceFile::from_string("a.md", "ab\r\ncd\nΩx");
        assert_eq!(file.line_end(0), 2);
        assert_eq!(file.line_span(1), 1..2);
        assert_eq!(file.line_span(4), 4..6);
        assert_eq!(file.next_line_start(0), 4);
        assert_eq!(file.next_line_start(4), 7);
        assert_eq!(file.line_span(7), 7..file.text.len());
        assert_eq!(file.next_line_start(7), file.text.len());
    }

    #[test]
    fn line_helpers_take_any_offset() {
        for input in crate::text::tricky::inputs() {
            let file = SourceFile::from_string("a.md", input);
            for offset in 0..=file.text.len() + 2 {
                let span = file.line_span(offset);
                assert!(span.start <= span.end && span.end <= file.text.len());
                assert!(file.text.get(span).is_some());
                assert!(file.text.is_char_boundary(file.next_line_start(offset)));
                let _ = file.line_col(offset);
            }
        }
    }
}
