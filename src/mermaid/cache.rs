//! Finished SVG on disk, by content hash, so a rebuild skips diagrams that did not change.
//!
//! Drawings are kept in the packs of `<cache dir>/diagrams/` ([`crate::pack`]), under their
//! hash. The hash covers everything that shapes the SVG: this crate's version, merman's version
//! ([`MERMAN_VERSION`]), the version of our post-processing
//! ([`svg_rewrite::POST_PROCESSING_VERSION`]), the site palette, the diagram source, and its
//! title and description.
//!
//! The key is predictable, so whoever can write the cache folder (a shared or restored CI cache)
//! can choose what an entry holds. An entry is therefore checked on every read as strictly as
//! fresh output is sanitised ([`svg_rewrite::is_inert_svg`]): one that holds a script, an event
//! attribute, an external URL or markup a browser could read differently is a miss, redrawn and
//! stored again. (A keyed hash stored beside the entry would prove nothing: whoever can write the
//! entry can read the key.) The one exception is an entry read back by the process that wrote
//! it, byte for byte: the digest of what it wrote is kept in memory, never on disk, and an entry
//! that differs from it is checked like any other. The SVG's ids carry a
//! per-page prefix, so entries are rendered with a [`placeholder`] prefix derived from the same
//! hash (it cannot occur in the diagram's own text unless the author wrote its hash) and the
//! page's diagram id is substituted when an entry is used.
//!
//! Validation results are kept beside them, in `<cache dir>/diagram-checks/` (the hash covering
//! the version and the source), so that `lint` and `build` of an unchanged course skip the
//! parser too.
//!
//! The cache is an optimisation: reading a missing or damaged entry is a miss, and writing is
//! best effort (a read-only cache folder only costs the saving, reported once by the caller).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::svg_rewrite;
use crate::pack::PackStore;

/// The merman version the drawings come from (Cargo.toml pins it exactly; a test checks).
pub(crate) const MERMAN_VERSION: &str = "0.9.3";

/// Feeds everything besides the diagram that shapes a drawing into `hasher`.
fn hash_rendering_inputs(hasher: &mut blake3::Hasher, post_processing_version: u32) {
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(b"\0merman ");
    hasher.update(MERMAN_VERSION.as_bytes());
    hasher.update(b"\0post ");
    hasher.update(&post_processing_version.to_le_bytes());
    for color in super::theme::all_colors() {
        for part in [color.property, color.light, color.dark] {
            hasher.update(part.as_bytes());
            hasher.update(b"\0");
        }
    }
}

/// Where the user's cache lives: `$EPISODE_CACHE_DIR`, else `$XDG_CACHE_HOME/episode`, else
/// `$HOME/.cache/episode`; `None` when none of them is set.
pub fn default_dir(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    let set = |name: &str| var(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    set("EPISODE_CACHE_DIR")
        .or_else(|| set("XDG_CACHE_HOME").map(|d| d.join("episode")))
        .or_else(|| set("HOME").map(|d| d.join(".cache").join("episode")))
}

/// What identifies one rendering.
#[derive(Debug, Clone, Copy)]
pub struct Key<'a> {
    /// Diagram source.
    pub source: &'a str,
    /// Accessible title.
    pub title: Option<&'a str>,
    /// Accessible description.
    pub description: Option<&'a str>,
}

/// Where one drawing is kept: see [`Key::slot`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// The content hash ([`Key::hash`]).
    pub hash: String,
    /// The id prefix it is drawn with ([`placeholder`]), replaced by the page's diagram id.
    pub prefix: String,
}

impl Key<'_> {
    /// Where this drawing is kept in the cache, or `None` when the content holds its own
    /// placeholder: substituting the page's id would change the author's text, so such a
    /// drawing is made for its page alone.
    pub fn slot(&self) -> Option<Slot> {
        let hash = self.hash();
        let prefix = placeholder(&hash);
        let holds = |text: Option<&str>| text.is_some_and(|t| t.contains(&prefix));
        if holds(Some(self.source)) || holds(self.title) || holds(self.description) {
            return None;
        }
        Some(Slot { hash, prefix })
    }

    /// The content hash, hex.
    pub fn hash(&self) -> String {
        self.hash_for(svg_rewrite::POST_PROCESSING_VERSION)
    }

    /// The content hash for drawings post-processed by the given version of our rewrites.
    fn hash_for(&self, post_processing_version: u32) -> String {
        let mut hasher = blake3::Hasher::new();
        hasher.update(b"episode-mermaid-svg\0");
        hash_rendering_inputs(&mut hasher, post_processing_version);
        for field in [Some(self.source), self.title, self.description] {
            match field {
                Some(text) => {
                    hasher.update(&[1]);
                    hasher.update(&(text.len() as u64).to_le_bytes());
                    hasher.update(text.as_bytes());
                }
                None => {
                    hasher.update(&[0]);
                }
            }
        }
        hasher.finalize().to_hex().to_string()
    }
}

/// The content hash of a validation: the crate, merman and validation versions and the diagram
/// source.
pub fn check_hash(source: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(b"episode-mermaid-check\0");
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(b"\0merman ");
    hasher.update(MERMAN_VERSION.as_bytes());
    hasher.update(b"\0");
    hasher.update(&crate::mermaid::VALIDATION_VERSION.to_le_bytes());
    hasher.update(source.as_bytes());
    hasher.finalize().to_hex().to_string()
}

/// A validation result as stored.
pub type CheckResult = Result<crate::mermaid::DiagramInfo, crate::mermaid::MermaidError>;

/// The id prefix an entry is rendered with: a letter and 24 hex digits of its hash.
pub fn placeholder(hash: &str) -> String {
    format!("m{}", hash.get(..24).unwrap_or(hash))
}

/// The on-disk store.
#[derive(Debug)]
pub struct DiskCache {
    root: PathBuf,
    drawings: PackStore,
    checks: PackStore,
    /// Drawings this process wrote, by hash, with the digest of their bytes: read back
    /// unchanged, they need no inertness check.
    written: Mutex<HashMap<String, blake3::Hash>>,
}

impl DiskCache {
    /// A cache under `root` (drawings go to `root/diagrams/`, validations to
    /// `root/diagram-checks/`). Nothing is read until the first lookup, nor created until a write.
    pub fn new(root: &Path) -> Self {
        Self {
            root: root.to_owned(),
            drawings: PackStore::new(root.join("diagrams")),
            checks: PackStore::new(root.join("diagram-checks")),
            written: Mutex::new(HashMap::new()),
        }
    }

    /// The cache in the user's cache folder ([`default_dir`]), if there is one.
    pub fn from_env() -> Option<Self> {
        default_dir(|name| std::env::var_os(name)).map(|dir| Self::new(&dir))
    }

    /// The cache folder, which holds the drawings' and validations' folders.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder the drawings go to.
    pub fn dir(&self) -> &Path {
        self.drawings.dir()
    }

    /// The entry for this hash, if there is a usable one: complete, and as inert as fresh
    /// output (anything the sanitiser would change is a miss, to be redrawn and stored again).
    /// An entry this process wrote, read back unchanged, is not checked again.
    pub fn get(&self, hash: &str) -> Option<String> {
        let text = String::from_utf8(self.drawings.get(hash.as_bytes())?).ok()?;
        (self.wrote(hash, &text) || svg_rewrite::is_inert_svg(&text)).then_some(text)
    }

    /// Whether there is an entry for this hash (usable or not).
    pub fn has(&self, hash: &str) -> bool {
        self.drawings.has(hash.as_bytes())
    }

    /// Stores an entry. Failures are remembered, not reported. Whether it was stored.
    pub fn put(&self, hash: &str, svg: &str) -> bool {
        let stored = self.drawings.put(hash.as_bytes(), svg.as_bytes());
        if stored && let Ok(mut written) = self.written.lock() {
            written.insert(hash.to_owned(), blake3::hash(svg.as_bytes()));
        }
        stored
    }

    /// Whether this process stored an entry under `hash` (read back, it was not saved by an
    /// earlier build).
    pub fn stored_here(&self, hash: &str) -> bool {
        self.drawings.stored_here(hash.as_bytes())
    }

    /// Whether `text` is exactly what this process stored under `hash`.
    fn wrote(&self, hash: &str, text: &str) -> bool {
        let digest = self.written.lock().ok().and_then(|w| w.get(hash).copied());
        digest.is_some_and(|digest| digest == blake3::hash(text.as_bytes()))
    }

    /// The stored validation of the source with this [`check_hash`], if there is a usable one.
    pub fn get_check(&self, hash: &str) -> Option<CheckResult> {
        let bytes = self.checks.get(hash.as_bytes())?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Stores a validation result.
    pub fn put_check(&self, hash: &str, result: &CheckResult) {
        if let Ok(json) = serde_json::to_vec(result) {
            self.checks.put(hash.as_bytes(), &json);
        }
    }

    /// Makes what this process stored so far readable by other processes (a build calls it
    /// when its pages are done, the preview server after each change; dropping the cache does
    /// it too).
    pub fn seal(&self) {
        self.drawings.seal();
        self.checks.seal();
    }

    /// Whether any write failed.
    pub fn write_failed(&self) -> bool {
        self.drawings.write_failed() || self.checks.write_failed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_dir_follows_the_documented_order() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| std::ffi::OsString::from(v))
            }
        };
        const ALL: &[(&str, &str)] = &[
            ("EPISODE_CACHE_DIR", "/e"),
            ("XDG_CACHE_HOME", "/x"),
            ("HOME", "/h"),
        ];
        assert_eq!(default_dir(env(ALL)), Some(PathBuf::from("/e")));
        assert_eq!(
            default_dir(env(&ALL[1..])),
            Some(PathBuf::from("/x/episode"))
        );
        assert_eq!(
            default_dir(env(&[("EPISODE_CACHE_DIR", ""), ("HOME", "/h")])),
            Some(PathBuf::from("/h/.cache/episode"))
        );
        assert_eq!(default_dir(env(&[])), None);
    }

    #[test]
    fn the_hash_covers_source_title_and_description() {
        let base = Key {
            source: "graph TD\nA-->B",
            title: Some("T"),
            description: None,
        };
        let other_title = Key {
            title: Some("U"),
            ..base
        };
        let moved_text = Key {
            source: "graph TD\nA-->BT",
            title: None,
            description: None,
        };
        assert_ne!(base.hash(), other_title.hash());
        assert_ne!(base.hash(), moved_text.hash());
        assert_eq!(base.hash(), base.hash());
        assert!(placeholder(&base.hash()).starts_with('m'));
        assert_eq!(placeholder(&base.hash()).len(), 25);
    }

    #[test]
    fn entries_round_trip_and_damaged_ones_are_misses() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let cache = DiskCache::new(dir.path());
        assert_eq!(cache.get("abc"), None);
        cache.put("abc", "<svg id=\"x\"></svg>");
        assert_eq!(cache.get("abc").as_deref(), Some("<svg id=\"x\"></svg>"));
        // Written by another process.
        let other = DiskCache::new(dir.path());
        other.put("bad", "<svg trunc");
        other.seal();
        let reader = DiskCache::new(dir.path());
        assert_eq!(reader.get("bad"), None);
        assert_eq!(reader.get("abc"), None, "not sealed yet");
        cache.seal();
        let reader = DiskCache::new(dir.path());
        assert_eq!(reader.get("abc").as_deref(), Some("<svg id=\"x\"></svg>"));
    }

    #[test]
    fn poisoned_cache_entries_are_misses() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let cache = DiskCache::new(dir.path());
        let poisons = [
            r#"<svg id="m1"><script>alert(1)</script></svg>"#,
            r#"<svg id="m1"><SCRIPT>alert(1)</SCRIPT></svg>"#,
            r#"<svg id="m1" onload="alert(1)"><g/></svg>"#,
            r#"<svg id="m1"><a href="javascript:alert(1)"><text>x</text></a></svg>"#,
            r#"<svg id="m1"><a xlink:href=" JavaScript:alert(1)">x</a></svg>"#,
            r#"<svg id="m1"><foreignObject><div><script>alert(1)</script></div></foreignObject></svg>"#,
            r#"<svg id="m1"><foreignObject><img src="x" onerror="alert(1)"/></foreignObject></svg>"#,
            r#"<svg id="m1"><style>@import url(https://evil.example/a.css);</style></svg>"#,
            r#"<svg id="m1"><g style="background:url(https://evil.example/p.png)"/></svg>"#,
            r#"<svg id="m1"><?x ><script>alert(1)</script> ?></svg>"#,
            r#"<svg id="m1"><!--><script>alert(1)</script>--></svg>"#,
            r#"<svg id="m1"><iframe src="x"></iframe></svg>"#,
            r#"<svg id="m1"><foreignObject><div STYLE="background:url(https://evil.example/p.png)">x</div></foreignObject></svg>"#,
            r#"<svg id="m1"><rect fill="URL(https://evil.example/p.svg#g)"/></svg>"#,
            r#"<svg id="m1"><g filter="url(https://evil.example/f.svg#f)"/></svg>"#,
            r#"<svg id="m1"><path svg:marker-end="url(//evil.example/m.svg#m)"/></svg>"#,
        ];
        // Written by an earlier build (or a shared cache), read by this one.
        for (n, poison) in poisons.iter().enumerate() {
            cache.put(&format!("poison{n}"), poison);
        }
        cache.seal();
        let reader = DiskCache::new(dir.path());
        for (n, poison) in poisons.iter().enumerate() {
            let hash = format!("poison{n}");
            assert!(reader.has(&hash));
            assert_eq!(reader.get(&hash), None, "{poison}");
        }
    }

    #[test]
    fn an_entry_replaced_after_this_process_wrote_it_is_checked_again() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let cache = DiskCache::new(dir.path());
        let own = r#"<svg id="m1"><g/></svg>"#;
        assert!(cache.put("own", own));
        assert_eq!(cache.get("own").as_deref(), Some(own));
        cache.seal();
        assert_eq!(cache.get("own").as_deref(), Some(own));
        // Another process stores something else under the same hash, sealed later.
        let other = DiskCache::new(dir.path());
        let poison = r#"<svg id="m1"><script>alert(1)</script></svg>"#;
        other.put("own", poison);
        other.seal();
        // Sealing again is when this process looks at the folder anew.
        assert!(cache.put("more", own));
        cache.seal();
        assert_eq!(cache.get("own"), None);
    }

    #[test]
    fn fresh_drawings_pass_the_cache_check() {
        let engine = crate::mermaid::MermaidEngine::new();
        for source in [
            "graph TD\n  A[Client] -->|calls| B{Gateway}\n  click A \"../next.html\"\n",
            "sequenceDiagram\n  Alice->>Bob: hi\n  Note over Bob: think\n",
            "pie title Share\n  \"a\" : 3\n  \"b\" : 5\n",
            "classDiagram\n  class Shop\n  Shop <|-- Store\n",
        ] {
            let options = crate::mermaid::RenderOptions::new("m0123456789abcdef01234567");
            let svg = engine
                .render(source, &options)
                .unwrap_or_else(|e| panic!("{source}: {e}"));
            assert!(svg_rewrite::is_inert_svg(&svg), "{source}: {svg}");
        }
    }

    #[test]
    fn the_key_covers_engine_and_post_processing_versions() {
        let key = Key {
            source: "graph TD\nA-->B",
            title: None,
            description: None,
        };
        // Pinned: a change to the key's inputs (post-processing version, merman version, the
        // palette) must show up here, so old entries are never served for new output.
        assert_eq!(svg_rewrite::POST_PROCESSING_VERSION, 12);
        let manifest = include_str!("../../Cargo.toml");
        assert!(
            manifest.contains(&format!("merman = {{ version = \"={MERMAN_VERSION}\"")),
            "MERMAN_VERSION must follow the merman pin in Cargo.toml"
        );
        let version = svg_rewrite::POST_PROCESSING_VERSION;
        assert_eq!(key.hash(), key.hash_for(version));
        assert_ne!(key.hash_for(version), key.hash_for(version + 1));
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let cache = DiskCache::new(dir.path());
        cache.put(&key.hash_for(version), "<svg id=\"m1\"><g/></svg>");
        assert!(cache.get(&key.hash_for(version)).is_some());
        assert_eq!(cache.get(&key.hash_for(version + 1)), None);
        assert_eq!(key.hash(), key.hash());
    }

    #[test]
    fn validations_round_trip_ok_and_err() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let cache = DiskCache::new(dir.path());
        let engine = crate::mermaid::MermaidEngine::new();
        for source in [
            "graph TD\n  A[Client] --> B[Gateway]\n",
            "graph TD\n  A[unclosed\n",
        ] {
            let hash = check_hash(source);
            assert_eq!(cache.get_check(&hash), None);
            let result = engine.validate(source);
            cache.put_check(&hash, &result);
            assert_eq!(cache.get_check(&hash), Some(result));
        }
        assert_ne!(check_hash("a"), check_hash("b"));
    }

    #[test]
    fn an_unwritable_cache_is_remembered_not_fatal() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "not a folder").unwrap_or_default();
        let cache = DiskCache::new(&blocker);
        cache.put("abc", "<svg></svg>");
        assert!(cache.write_failed());
        assert_eq!(cache.get("abc"), None);
    }
}
