//! The search index: every section's terms weighted by BM25, cut into small script files.
//!
//! A site can be opened from `file://`, where scripts load but `fetch` fails, so the index is a
//! set of scripts that each hand their data to the page's search script:
//!
//! - `search/index.js`: the episodes, the sections (episode, title, anchor) and the names of
//!   the other files;
//! - `search/terms-<hex>.js`: the shards of two-letter term prefixes (small ones gathered up
//!   to [`SHARD_FILE_BYTES`] a file), each term with its sections and weights (BM25, ×100,
//!   heading words counted [`TITLE_BOOST`] times), so a query loads only the files of its
//!   words; the manifest says which file holds each prefix;
//! - `search/text-<n>.js`: episode `n`'s section texts (each at most [`MAX_SECTION_TEXT`]
//!   bytes), loaded only for the episodes among the first results, for their excerpts.
//!
//! Weights are computed here, once, so the page only adds numbers up.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::sections::{Section, truncate};
use super::tokens::{Term, for_each_term, shard_key};
use crate::output::OutputFile;

/// How many times a word of a section's heading counts.
const TITLE_BOOST: u32 = 4;
/// BM25's term-frequency saturation.
const K1: f64 = 1.2;
/// BM25's length normalisation.
const B: f64 = 0.75;
/// Shards are gathered into files of about this size (a larger shard has a file of its own).
const SHARD_FILE_BYTES: usize = 16 * 1024;
/// Bytes of a section's text kept for excerpts.
pub(crate) const MAX_SECTION_TEXT: usize = 2_000;

/// An episode as its search results name it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EpisodeEntry {
    /// Series name.
    pub(crate) series: String,
    /// "Episode 13".
    pub(crate) label: String,
    /// Episode title.
    pub(crate) title: String,
    /// Page path from the site root.
    pub(crate) url: String,
}

/// An episode and its sections.
#[derive(Debug, Clone)]
pub(crate) struct IndexedEpisode {
    pub(crate) entry: EpisodeEntry,
    pub(crate) sections: Vec<Section>,
}

/// The contents of `search/index.js`.
#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    episodes: &'a [EpisodeEntry],
    sections: SectionList<'a>,
    shards: BTreeMap<&'a str, String>,
    texts: Vec<String>,
}

/// Each section's episode, title and anchor, serialised as `[episode, title, anchor]` straight
/// from the builder's list: a large course has millions.
struct SectionList<'a>(&'a [(usize, String, String)]);

impl Serialize for SectionList<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.0
                .iter()
                .map(|(n, title, anchor)| (n, title.as_str(), anchor.as_str())),
        )
    }
}

/// Term counts of one section.
struct Counted<'t> {
    /// Term → weighted frequency (body + title × boost). A term already in lower case is
    /// borrowed from the section; only the others are copies.
    terms: FxHashMap<Cow<'t, str>, u32>,
    /// Weighted length in terms.
    length: u32,
}

fn count<'t>(section: &'t Section, episode_title: &'t str) -> Counted<'t> {
    // About one new term in every 16 bytes of text: sized once rather than grown.
    let mut terms: FxHashMap<Cow<'t, str>, u32> =
        FxHashMap::with_capacity_and_hasher(section.text.len() / 16, Default::default());
    let mut length = 0;
    let mut add = |term: Term<'t, '_>, weight: u32| {
        length += weight;
        match terms.get_mut(term.as_str()) {
            Some(n) => *n += weight,
            None => {
                let key = match term {
                    Term::InText(term) => Cow::Borrowed(term),
                    Term::Lowered(term) => Cow::Owned(term.to_owned()),
                };
                terms.insert(key, weight);
            }
        }
    };
    let title = if section.anchor.is_empty() {
        episode_title
    } else {
        &section.title
    };
    for_each_term(title, |t| add(t, TITLE_BOOST));
    for_each_term(&section.text, |t| add(t, 1));
    Counted { terms, length }
}

/// Where finished `search/` files go.
pub(crate) type Out<'a> = &'a mut dyn FnMut(OutputFile) -> anyhow::Result<()>;

/// The index being built, episode after episode: what the last files need, and nothing more.
///
/// A section's terms are counted, added to the postings and dropped; its text goes out at once
/// in its episode's `text-<n>.js`. So the builder holds the postings (two numbers a term of a
/// section) and the vocabulary, not the course's text nor a map of terms for every section.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    /// Term → its index in `postings`.
    vocabulary: FxHashMap<String, u32>,
    /// For each term: its sections and weighted frequencies, in section order.
    postings: Vec<Postings>,
    /// Weighted length of each section, in order.
    lengths: Vec<u32>,
    entries: Vec<EpisodeEntry>,
    /// Episode, title and anchor of each section, in order.
    sections: Vec<(usize, String, String)>,
    texts: Vec<String>,
}

self_cell::self_cell!(
    /// An episode and the term counts of its sections, which borrow its text: counted apart
    /// (in a build, by its page's job) and merged into the [`Builder`] later, in course order.
    pub(crate) struct CountedEpisode {
        owner: IndexedEpisode,
        #[covariant]
        dependent: CountedSections,
    }
);

/// The term counts of an episode's sections, in order.
type CountedSections<'t> = Vec<Counted<'t>>;

impl CountedEpisode {
    /// Counts the terms of each of `episode`'s sections.
    pub(crate) fn count(episode: IndexedEpisode) -> Self {
        Self::new(episode, |e| {
            e.sections
                .iter()
                .map(|s| count(s, &e.entry.title))
                .collect()
        })
    }
}

impl Builder {
    /// Adds `episodes` (the next ones, in order), sending their `text-<n>.js` files to `out`.
    /// Their terms are counted in parallel.
    pub(crate) fn add(
        &mut self,
        episodes: Vec<IndexedEpisode>,
        out: Out<'_>,
    ) -> anyhow::Result<()> {
        let counted: Vec<CountedEpisode> = episodes
            .into_par_iter()
            .map(CountedEpisode::count)
            .collect();
        counted
            .into_iter()
            .try_for_each(|episode| self.add_counted(episode, out))
    }

    /// Adds the next episode, counted, sending its `text-<n>.js` file to `out`.
    pub(crate) fn add_counted(
        &mut self,
        mut episode: CountedEpisode,
        out: Out<'_>,
    ) -> anyhow::Result<()> {
        let first = self.lengths.len();
        episode.with_dependent_mut(|_, counted| {
            for counts in counted.drain(..) {
                self.merge(counts);
            }
        });
        let episode = episode.into_owner();
        let n = self.entries.len();
        let name = format!("text-{n}.js");
        let kept: Vec<&str> = episode
            .sections
            .iter()
            .map(|s| truncate(&s.text, MAX_SECTION_TEXT))
            .collect();
        out(script(&name, "text", &(n, first, kept)))?;
        self.texts.push(name);
        self.sections
            .extend(episode.sections.into_iter().map(|s| (n, s.title, s.anchor)));
        self.entries.push(episode.entry);
        Ok(())
    }

    /// Adds the next section's term counts to the postings.
    fn merge(&mut self, counts: Counted<'_>) {
        let section = u32::try_from(self.lengths.len()).unwrap_or(u32::MAX);
        self.lengths.push(counts.length);
        for (term, tf) in counts.terms {
            let id = match self.vocabulary.get(term.as_ref()) {
                Some(&id) => id,
                None => {
                    let id = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
                    self.vocabulary.insert(term.into_owned(), id);
                    self.postings.push(Postings::default());
                    id
                }
            };
            if let Some(list) = self.postings.get_mut(id as usize) {
                list.push(section, tf);
            }
        }
    }

    /// Sends the terms files and `index.js` to `out`. Each term's scores are written straight
    /// into its shard's file as they are computed, and its postings let go once the shard is
    /// written: no list of scores is held, only the text of the file being filled beside the
    /// postings.
    pub(crate) fn finish(self, out: Out<'_>) -> anyhow::Result<()> {
        let Self {
            vocabulary,
            mut postings,
            lengths,
            entries,
            sections,
            texts,
        } = self;
        let total = lengths.len().max(1) as f64;
        let average = (lengths.iter().map(|&l| f64::from(l)).sum::<f64>() / total).max(1.0);
        let weights = Weights {
            lengths: &lengths,
            total,
            average,
        };
        let mut by_shard: BTreeMap<&str, Vec<(&str, u32)>> = BTreeMap::new();
        for (term, &id) in &vocabulary {
            by_shard
                .entry(shard_key(term))
                .or_default()
                .push((term, id));
        }
        let mut names = BTreeMap::new();
        // Small shards share a file (one `terms` call each), so a small course is a few dozen
        // files rather than hundreds: each file written costs the build more than its bytes.
        let mut bundle: Option<(String, Vec<u8>)> = None;
        for (key, mut terms) in by_shard {
            terms.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
            let (name, bytes) =
                bundle.get_or_insert_with(|| (format!("terms-{}.js", hex(key)), Vec::new()));
            write_shard(bytes, key, &terms, &postings, &weights);
            for &(_, id) in &terms {
                if let Some(list) = postings.get_mut(id as usize) {
                    *list = Postings::default();
                }
            }
            names.insert(key, name.clone());
            if bytes.len() >= SHARD_FILE_BYTES {
                let (name, bytes) = bundle.take().expect("just filled");
                out(OutputFile {
                    path: format!("search/{name}"),
                    bytes,
                })?;
            }
        }
        if let Some((name, bytes)) = bundle {
            out(OutputFile {
                path: format!("search/{name}"),
                bytes,
            })?;
        }
        let manifest = Manifest {
            version: 1,
            episodes: &entries,
            sections: SectionList(&sections),
            shards: names,
            texts,
        };
        out(script("index.js", "index", &(manifest,)))
    }
}

/// One term's postings, as compact as the merge allows: each (section, weighted frequency)
/// pair as the section's distance from the previous one and the frequency, both as LEB128
/// varints. Sections are added in increasing order, so distances are small: a posting takes
/// two or three bytes rather than the eight of a pair of `u32`, and the postings are most of
/// what the index holds until it is written.
#[derive(Debug, Default)]
struct Postings {
    bytes: Vec<u8>,
    /// Pairs held.
    len: u32,
    /// The last section added.
    last: u32,
}

impl Postings {
    /// Adds `section` (greater than any added before) with frequency `tf`.
    fn push(&mut self, section: u32, tf: u32) {
        debug_assert!(self.len == 0 || section > self.last, "sections in order");
        push_varint(&mut self.bytes, section - self.last);
        push_varint(&mut self.bytes, tf);
        self.last = section;
        self.len += 1;
    }

    /// The pairs, in section order.
    fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut bytes = self.bytes.iter().copied();
        let mut section = 0;
        std::iter::from_fn(move || {
            section += read_varint(&mut bytes)?;
            Some((section, read_varint(&mut bytes)?))
        })
    }
}

/// Appends `n` as a LEB128 varint: seven bits a byte, low bits first, the high bit set on
/// every byte but the last.
fn push_varint(bytes: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        bytes.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    bytes.push(n as u8);
}

/// Reads one varint written by [`push_varint`]; `None` at the end of `bytes`.
fn read_varint(bytes: &mut impl Iterator<Item = u8>) -> Option<u32> {
    let mut n = 0u32;
    let mut shift = 0;
    loop {
        let byte = bytes.next()?;
        n |= u32::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(n);
        }
        shift += 7;
    }
}

/// The site's `search/` files for `episodes`, in order, sorted by path (for tests: a build
/// streams them with [`super::in_order::InOrder`]).
#[cfg(test)]
pub(crate) fn files(episodes: &[IndexedEpisode]) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let mut out = |file| {
        files.push(file);
        anyhow::Ok(())
    };
    let mut builder = Builder::default();
    let built = builder
        .add(episodes.to_vec(), &mut out)
        .and_then(|()| builder.finish(&mut out));
    debug_assert!(built.is_ok(), "collecting cannot fail");
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// What a term's BM25 weights are computed from besides its own postings.
struct Weights<'a> {
    /// Weighted length of each section.
    lengths: &'a [u32],
    /// Sections in the index (at least 1).
    total: f64,
    /// Their average weighted length (at least 1).
    average: f64,
}

/// A term's postings as the page reads them: section and score (BM25 × 100, at least 1) one
/// after the other, serialised as they are computed.
struct Scored<'a> {
    list: &'a Postings,
    weights: &'a Weights<'a>,
}

impl Serialize for Scored<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Weights {
            lengths,
            total,
            average,
        } = *self.weights;
        let df = f64::from(self.list.len);
        let idf = (1.0 + (total - df + 0.5) / (df + 0.5)).ln();
        serializer.collect_seq(self.list.iter().flat_map(|(section, tf)| {
            let tf = f64::from(tf);
            let length = lengths.get(section as usize).copied().unwrap_or_default();
            let norm = 1.0 - B + B * f64::from(length) / average;
            let score = idf * tf * (K1 + 1.0) / (tf + K1 * norm);
            [u64::from(section), ((score * 100.0).round() as u64).max(1)]
        }))
    }
}

/// A shard's terms, each with its [`Scored`] postings.
struct ShardTerms<'a> {
    terms: &'a [(&'a str, u32)],
    postings: &'a [Postings],
    weights: &'a Weights<'a>,
}

impl Serialize for ShardTerms<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        const EMPTY: &Postings = &Postings {
            bytes: Vec::new(),
            len: 0,
            last: 0,
        };
        serializer.collect_seq(self.terms.iter().map(|&(term, id)| {
            let list = self.postings.get(id as usize).unwrap_or(EMPTY);
            (
                term,
                Scored {
                    list,
                    weights: self.weights,
                },
            )
        }))
    }
}

/// Appends the `terms` call of one shard to `bytes`: `EpisodeSearch.terms("<key>",
/// [["<term>", [section, score, …]], …]);`, the terms in the order given.
fn write_shard(
    bytes: &mut Vec<u8>,
    key: &str,
    terms: &[(&str, u32)],
    postings: &[Postings],
    weights: &Weights<'_>,
) {
    let shard = ShardTerms {
        terms,
        postings,
        weights,
    };
    append_call(bytes, "terms", &(key, shard));
}

/// `search/<name>`: `EpisodeSearch.<call>(...arguments)`, the arguments given as a tuple.
fn script<T: Serialize>(name: &str, call: &str, arguments: &T) -> OutputFile {
    let mut bytes = Vec::new();
    append_call(&mut bytes, call, arguments);
    OutputFile {
        path: format!("search/{name}"),
        bytes,
    }
}

/// Appends `EpisodeSearch.<call>(...arguments);` to `bytes`, the arguments given as a tuple
/// and serialised straight into them.
fn append_call<T: Serialize>(bytes: &mut Vec<u8>, call: &str, arguments: &T) {
    bytes.extend_from_slice(b"EpisodeSearch.");
    bytes.extend_from_slice(call.as_bytes());
    bytes.push(b'(');
    let open = bytes.len();
    serde_json::to_writer(&mut *bytes, arguments).expect("search data serialises into memory");
    // The arguments' array brackets go: its items are the call's arguments.
    if bytes.get(open) == Some(&b'[') && bytes.last() == Some(&b']') {
        bytes.remove(open);
        bytes.pop();
    }
    bytes.extend_from_slice(b");\n");
}

fn hex(key: &str) -> String {
    key.bytes().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_give_back_what_was_added_across_varint_widths() {
        let pairs = [
            (0, 1),
            (1, 127),
            (129, 128),
            (16_512, 16_383),
            (16_513, 16_384),
            (u32::MAX - 1, 7),
            (u32::MAX, u32::MAX),
        ];
        let mut postings = Postings::default();
        for (section, tf) in pairs {
            postings.push(section, tf);
        }
        assert_eq!(postings.len, 7);
        assert_eq!(postings.iter().collect::<Vec<_>>(), pairs);
        // One-byte distances and frequencies take two bytes a posting.
        let mut small = Postings::default();
        for section in 0..100 {
            small.push(section, 3);
        }
        assert_eq!(small.bytes.len(), 200);
    }

    fn episode(title: &str, sections: &[(&str, &str, &str)]) -> IndexedEpisode {
        IndexedEpisode {
            entry: EpisodeEntry {
                series: "Systems".to_owned(),
                label: "Episode 1".to_owned(),
                title: title.to_owned(),
                url: format!("systems/{}.html", title.to_lowercase().replace(' ', "-")),
            },
            sections: sections
                .iter()
                .map(|&(title, anchor, text)| Section {
                    title: title.to_owned(),
                    anchor: anchor.to_owned(),
                    text: text.to_owned(),
                })
                .collect(),
        }
    }

    fn file<'f>(files: &'f [OutputFile], path: &str) -> &'f str {
        let file = files.iter().find(|f| f.path == path).expect(path);
        std::str::from_utf8(&file.bytes).expect("utf-8")
    }

    /// The postings of `term`, from whichever terms file holds its shard.
    fn postings(files: &[OutputFile], term: &str) -> Vec<u64> {
        let key = shard_key(term);
        let calls = files
            .iter()
            .filter(|f| f.path.starts_with("search/terms-"))
            .flat_map(|f| std::str::from_utf8(&f.bytes).expect("utf-8").lines());
        for call in calls {
            let json = call
                .strip_prefix("EpisodeSearch.terms(")
                .and_then(|s| s.strip_suffix(");"))
                .expect("a terms call");
            let (shard, terms): (String, Vec<(String, Vec<u64>)>) =
                serde_json::from_str(&format!("[{json}]")).expect("json");
            if shard == key {
                return terms
                    .into_iter()
                    .find(|(t, _)| t == term)
                    .map(|(_, p)| p)
                    .unwrap_or_default();
            }
        }
        Vec::new()
    }

    #[test]
    fn small_shards_share_a_file_that_the_manifest_names_for_each() {
        let files = files(&[episode("A", &[("", "", "alpha beta gamma delta")])]);
        let terms: Vec<&OutputFile> = files
            .iter()
            .filter(|f| f.path.starts_with("search/terms-"))
            .collect();
        assert_eq!(terms.len(), 1, "four tiny shards, one file");
        let index = file(&files, "search/index.js");
        for key in ["al", "be", "ga", "de"] {
            assert!(
                index.contains(&format!("\"{key}\":\"terms-")),
                "{key}: {index}"
            );
        }
        assert_eq!(postings(&files, "gamma").len(), 2);
    }

    #[test]
    fn a_term_is_in_the_shard_of_its_first_two_letters_with_its_sections() {
        let files = files(&[
            episode(
                "Caching",
                &[
                    ("", "", "Caches everywhere."),
                    (
                        "Eviction",
                        "eviction",
                        "LRU evicts the coldest cache entry.",
                    ),
                ],
            ),
            episode(
                "Retries",
                &[(
                    "Backoff",
                    "backoff",
                    "Retry with jitter, never a cache stampede.",
                )],
            ),
        ]);
        let cache = postings(&files, "cache");
        let sections: Vec<u64> = cache.iter().step_by(2).copied().collect();
        assert_eq!(sections, [1, 2]);
        assert!(postings(&files, "caches").len() == 2);
        assert!(file(&files, "search/index.js").contains("\"shards\":{"));
    }

    #[test]
    fn heading_words_outweigh_the_same_word_in_passing() {
        let files = files(&[
            episode(
                "One",
                &[("Jitter", "jitter", "How to spread retries over time.")],
            ),
            episode(
                "Two",
                &[(
                    "Budgets",
                    "budgets",
                    "Budgets with a little jitter, among many other words here.",
                )],
            ),
        ]);
        let jitter = postings(&files, "jitter");
        assert_eq!(jitter.len(), 4);
        assert!(jitter[1] > jitter[3], "{jitter:?}");
    }

    #[test]
    fn a_terms_file_holds_a_call_per_shard_with_each_terms_sections_and_scores() {
        let files = files(&[
            episode("A", &[("Queue", "queue", "queues queue")]),
            episode("B", &[("", "", "a queue")]),
        ]);
        let terms: Vec<&str> = files
            .iter()
            .filter(|f| f.path.starts_with("search/terms-"))
            .map(|f| std::str::from_utf8(&f.bytes).expect("utf-8"))
            .collect();
        // "queue": 4 for the heading and 1 in the text of section 0, once in section 1; the
        // scores are BM25 × 100, so they pin the weighting as well as the layout.
        assert_eq!(
            terms,
            ["EpisodeSearch.terms(\"qu\",[[\"queue\",[0,29,1,26]],[\"queues\",[0,54]]]);\n"]
        );
    }

    #[test]
    fn the_manifest_names_every_section_and_text_file_in_order() {
        let files = files(&[
            episode("A", &[("", "", "x1"), ("Two", "two", "x2")]),
            episode("B", &[("Three", "three", "x3")]),
        ]);
        let index = file(&files, "search/index.js");
        assert!(
            index.contains(r#""sections":[[0,"",""],[0,"Two","two"],[1,"Three","three"]]"#),
            "{index}"
        );
        assert!(
            index.contains(r#""texts":["text-0.js","text-1.js"]"#),
            "{index}"
        );
        assert_eq!(
            file(&files, "search/text-1.js"),
            "EpisodeSearch.text(1,2,[\"x3\"]);\n"
        );
    }
}
