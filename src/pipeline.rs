//! The only place that knows the stage order: load → parse → (check | render).
//!
//! [`parse_files`] parses every loaded file once (in parallel) and validates its diagrams,
//! metrics fences and calculators: the result, [`ParsedFiles`], owns one [`ParsedFile`] per file, each sharing
//! its text with [`Loaded`]. [`Model::assemble`] then builds the course model over them, and
//! [`Model::view`] hands commands the [`Parsed`] view that checks and rendering read. The preview server keeps the
//! parsed files between edits and re-parses only the file that changed ([`parse_episode`]).

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::check::code_syntax::{self, FenceSyntax, FileSyntax};
use crate::course::bundle::CodeFile;
use crate::course::{self, Course, EpisodeMeta, Loaded};
use crate::diagnostic::Diagnostic;
use crate::highlight::Highlighter;
use crate::markdown::calculator::{self, CalculatorCheck};
use crate::markdown::metrics::{self, MetricsBlock};
use crate::markdown::metrics_fence::{self, FenceCheck};
use crate::markdown::{self, CodeBlock, Document};
use crate::mermaid::MermaidEngine;
use crate::mermaid::blocks::{self, DiagramCheck, DiagramSource};
use crate::mermaid::cache::DiskCache;
use crate::source::SourceFile;
use crate::syntax::{self, Sample};

#[cfg(test)]
mod release_tests;

self_cell::self_cell!(
    /// A file's text and its parsed document, which borrows the text.
    struct DocumentCell {
        owner: Arc<SourceFile>,
        #[covariant]
        dependent: Document,
    }
    impl {Debug}
);

/// One file, parsed once: its document and what was validated in it.
#[derive(Debug)]
pub struct ParsedFile {
    document: DocumentCell,
    /// Its ```` ```metrics ```` fences, read and validated (empty for recommendations
    /// documents, whose fences are examples).
    pub fences: Vec<FenceCheck>,
    /// Its metrics blocks (empty for recommendations documents, and once a build has
    /// released what only the checks read: [`ParsedFiles::release_checked`]).
    pub metrics: Vec<MetricsBlock>,
    /// Its ```` ```calculator ```` and ```` ```simulator ```` fences, read and checked (empty
    /// for recommendations documents).
    pub(crate) calculators: Vec<CalculatorCheck>,
    /// The validation of each of its Mermaid blocks, in block order.
    pub diagrams: Vec<DiagramCheck>,
    /// The syntax check of each of its code fences in a language a grammar reads, in block
    /// order (empty for recommendations documents, whose fences are examples).
    pub(crate) syntax: Vec<FenceSyntax>,
    /// Its metadata (front matter, header lines, title) and the problems reading it found
    /// (default for recommendations documents).
    pub metadata: (EpisodeMeta, Vec<Diagnostic>),
}

impl ParsedFile {
    /// The parsed document.
    pub fn document(&self) -> &Document<'_> {
        self.document.borrow_dependent()
    }

    /// The file it was parsed from.
    pub fn source(&self) -> &Arc<SourceFile> {
        self.document.borrow_owner()
    }
}

/// Every file of a course, parsed.
#[derive(Debug, Default, Clone)]
pub struct ParsedFiles {
    /// One per episode file (`episodes[i]` is `loaded.episodes[i]`).
    pub episodes: Vec<Arc<ParsedFile>>,
    /// One per recommendations document (`enhancements[i]` is `loaded.enhancements[i]`).
    pub enhancements: Vec<Arc<ParsedFile>>,
    /// Time spent validating diagrams, summed over the threads (for `--verbose`).
    pub diagram_time: std::time::Duration,
    /// The syntax check of each code file of each episode's bundle (`code_syntax[i][j]` is
    /// `loaded.episodes[i]`'s `bundle.code[j]`; empty for an episode without a bundle).
    pub(crate) code_syntax: Vec<Vec<FileSyntax>>,
}

impl ParsedFiles {
    /// Lets go of what only the checks read, for a build whose checks are done: each
    /// episode's metrics blocks and the text of its paragraphs and list items (pages are made
    /// from the document's events, read again). On the generated 1,020-episode course this
    /// is about a fifth of what the parsed course holds. A file shared with another holder
    /// (the preview server keeps its parses to check them again) is left whole.
    pub fn release_checked(&mut self) {
        for file in &mut self.episodes {
            if let Some(file) = Arc::get_mut(file) {
                file.metrics = Vec::new();
                file.document.with_dependent_mut(|_, doc| {
                    doc.paragraphs = Vec::new();
                    doc.list_items = Vec::new();
                    doc.block_text = String::new();
                });
            }
        }
    }
}

/// A course with every file parsed: what checks and rendering read.
#[derive(Debug)]
pub struct Parsed<'a> {
    /// What was read.
    pub loaded: &'a Loaded,
    /// One document per episode file (`docs[i]` is `loaded.episodes[i]`).
    pub docs: Vec<&'a Document<'a>>,
    /// The ```` ```metrics ```` fences of each episode document, read and validated once
    /// (`fences[i]` belongs to `docs[i]`); their problems are in `diagnostics`.
    pub fences: Vec<&'a [FenceCheck]>,
    /// The metrics blocks of each episode document (`metrics[i]` belongs to `docs[i]`).
    pub metrics: Vec<&'a [MetricsBlock]>,
    /// The calculator and simulator fences of each episode document, read and checked once
    /// (`calculators[i]` belongs to `docs[i]`); their problems are in `diagnostics`.
    pub(crate) calculators: Vec<&'a [CalculatorCheck]>,
    /// One document per recommendations file.
    pub enhancement_docs: Vec<&'a Document<'a>>,
    /// The validation of every Mermaid block: `diagrams[i]` for `docs[i]`, in block order.
    pub diagrams: Vec<&'a [DiagramCheck]>,
    /// The same for `enhancement_docs`.
    pub enhancement_diagrams: Vec<&'a [DiagramCheck]>,
    /// The syntax check of the code fences of each episode document (`syntax[i]` belongs to
    /// `docs[i]`).
    pub(crate) syntax: Vec<&'a [FenceSyntax]>,
    /// The syntax check of the code files of each episode's bundle (see
    /// [`ParsedFiles::code_syntax`]).
    pub(crate) code_syntax: &'a [Vec<FileSyntax>],
    /// The course model.
    pub course: &'a Course,
    /// Problems found while loading and parsing.
    pub diagnostics: &'a [Diagnostic],
}

/// Parses every file once and validates every Mermaid block (with `engine`) and every
/// metrics fence once.
pub fn parse_files(
    loaded: &Loaded,
    engine: &MermaidEngine,
    cache: Option<&DiskCache>,
) -> ParsedFiles {
    parse_files_drawing(loaded, engine, cache, None, None)
}

/// Like [`parse_files`]; with a cache and `ahead`, each episode's diagram is drawn into the
/// cache from the parse that validates it, for a build whose pages then read it from there.
/// With `highlighter`, the highlighter those pages will use, the grammars they will highlight
/// are compiled meanwhile, and fences the syntax check parses are highlighted from that parse
/// into its cache ([`Highlighter::keep_parsed`]).
pub fn parse_files_drawing(
    loaded: &Loaded,
    engine: &MermaidEngine,
    cache: Option<&DiskCache>,
    ahead: Option<&blocks::DrawAhead>,
    highlighter: Option<&Highlighter>,
) -> ParsedFiles {
    let episodes: Vec<&Arc<SourceFile>> = loaded.episodes.iter().map(|e| &e.source).collect();
    let enhancements: Vec<&Arc<SourceFile>> = loaded.enhancements.iter().collect();
    let store = syntax_store(cache);
    let episode_checks = Checks {
        engine,
        cache,
        ahead,
        store: store.as_ref(),
        highlighter,
    };
    let (episodes, episode_diagrams) = parse_all(&episodes, &episode_checks, true);
    let enhancement_checks = Checks {
        engine,
        cache,
        ahead: None,
        store: None,
        highlighter: None,
    };
    let (enhancements, enhancement_diagrams) = parse_all(&enhancements, &enhancement_checks, false);
    let code_syntax = check_code_files(loaded, store.as_ref(), highlighter);
    if let Some(store) = &store {
        store.save(false);
    }
    ParsedFiles {
        episodes,
        enhancements,
        diagram_time: episode_diagrams + enhancement_diagrams,
        code_syntax,
    }
}

/// Like [`parse_files`], but a file whose path and text are those of a file in `previous`
/// keeps its parsed form (and `loaded` is pointed at that file's text, so it is held once).
pub fn parse_files_reusing(
    loaded: &mut Loaded,
    previous: &ParsedFiles,
    engine: &MermaidEngine,
    cache: Option<&DiskCache>,
) -> ParsedFiles {
    let by_path = |files: &[Arc<ParsedFile>]| -> HashMap<String, Arc<ParsedFile>> {
        files
            .iter()
            .map(|f| (f.source().rel_path.clone(), Arc::clone(f)))
            .collect()
    };
    let (old_episodes, old_enhancements) =
        (by_path(&previous.episodes), by_path(&previous.enhancements));
    let reusable = |source: &Arc<SourceFile>, from: &HashMap<String, Arc<ParsedFile>>| {
        from.get(&source.rel_path)
            .filter(|p| p.source().text == source.text)
            .cloned()
    };
    let mut kept_episodes = Vec::with_capacity(loaded.episodes.len());
    for episode in &mut loaded.episodes {
        let kept = reusable(&episode.source, &old_episodes);
        if let Some(file) = &kept {
            episode.source = Arc::clone(file.source());
        }
        kept_episodes.push(kept);
    }
    let mut kept_enhancements = Vec::with_capacity(loaded.enhancements.len());
    for source in &mut loaded.enhancements {
        let kept = reusable(source, &old_enhancements);
        if let Some(file) = &kept {
            *source = Arc::clone(file.source());
        }
        kept_enhancements.push(kept);
    }
    fn fresh<'s>(
        kept: &[Option<Arc<ParsedFile>>],
        sources: impl Iterator<Item = &'s Arc<SourceFile>>,
    ) -> Vec<&'s Arc<SourceFile>> {
        sources
            .zip(kept)
            .filter(|(_, k)| k.is_none())
            .map(|(s, _)| s)
            .collect()
    }
    // Only part of the course is parsed again: the stored results of the rest are kept.
    let store = syntax_store(cache);
    let checks = |store| Checks {
        engine,
        cache,
        ahead: None,
        store,
        highlighter: None,
    };
    let (new_episodes, episode_diagrams) = parse_all(
        &fresh(&kept_episodes, loaded.episodes.iter().map(|e| &e.source)),
        &checks(store.as_ref()),
        true,
    );
    let (new_enhancements, enhancement_diagrams) = parse_all(
        &fresh(&kept_enhancements, loaded.enhancements.iter()),
        &checks(None),
        false,
    );
    let code_syntax = check_code_files(loaded, store.as_ref(), None);
    if let Some(store) = &store {
        store.save(true);
    }
    ParsedFiles {
        episodes: merge(kept_episodes, new_episodes),
        enhancements: merge(kept_enhancements, new_enhancements),
        diagram_time: episode_diagrams + enhancement_diagrams,
        code_syntax,
    }
}

/// `kept` with each gap filled, in order, from `fresh`.
fn merge(kept: Vec<Option<Arc<ParsedFile>>>, fresh: Vec<Arc<ParsedFile>>) -> Vec<Arc<ParsedFile>> {
    let mut fresh = fresh.into_iter();
    kept.into_iter()
        .filter_map(|k| k.or_else(|| fresh.next()))
        .collect()
}

/// The store of syntax verdicts, in the cache's folder (beside the diagram cache).
fn syntax_store(cache: Option<&DiskCache>) -> Option<syntax::Store> {
    Some(syntax::Store::open(&cache?.root().join(syntax::STORE_FILE)))
}

/// What checks the blocks of parsed files: the diagram engine, the cache, whether diagrams are
/// drawn ahead, the store of syntax verdicts, and the highlighter of the pages rendered next,
/// if they are.
struct Checks<'a> {
    engine: &'a MermaidEngine,
    cache: Option<&'a DiskCache>,
    ahead: Option<&'a blocks::DrawAhead>,
    store: Option<&'a syntax::Store>,
    highlighter: Option<&'a Highlighter>,
}

/// Parses `sources`, and the time spent validating their diagrams; `episodes` says
/// whether to read metrics fences and check code fences (recommendations documents hold
/// examples). Diagrams, and code fences, of all files are checked in one batch each, so one
/// file with many does not hold up the others.
fn parse_all(
    sources: &[&Arc<SourceFile>],
    checks: &Checks<'_>,
    episodes: bool,
) -> (Vec<Arc<ParsedFile>>, std::time::Duration) {
    let cells: Vec<DocumentCell> = sources.par_iter().map(|s| parse_document(s)).collect();
    // Diagrams and code fences are checked side by side: neither waits for the slowest block
    // of the other. The fence checks go first, on this thread, because they start the grammar
    // compilation, the longest single job of a small course's parse; the diagrams are the side
    // another thread steals.
    let (syntax, (diagrams, diagram_time)) = rayon::join(
        || {
            if episodes {
                check_fences(&cells, checks.store, checks.highlighter)
            } else {
                cells.iter().map(|_| Vec::new()).collect()
            }
        },
        || {
            blocks::check_all(
                checks.engine,
                checks.cache,
                checks.ahead,
                &diagram_sources(&cells),
            )
        },
    );
    let files = cells
        .into_par_iter()
        .zip(diagrams)
        .zip(syntax)
        .map(|((document, diagrams), syntax)| {
            Arc::new(if episodes {
                with_fences(document, diagrams, syntax)
            } else {
                ParsedFile {
                    document,
                    fences: Vec::new(),
                    metrics: Vec::new(),
                    calculators: Vec::new(),
                    diagrams,
                    syntax,
                    metadata: Default::default(),
                }
            })
        })
        .collect();
    (files, diagram_time)
}

/// Parses one episode file, as [`parse_files`] does for each.
pub fn parse_episode(
    source: Arc<SourceFile>,
    engine: &MermaidEngine,
    cache: Option<&DiskCache>,
) -> ParsedFile {
    let document = parse_document(&source);
    let diagrams = blocks::check_all(
        engine,
        cache,
        None,
        &diagram_sources(std::slice::from_ref(&document)),
    )
    .0
    .pop()
    .unwrap_or_default();
    let syntax = check_fences(std::slice::from_ref(&document), None, None)
        .pop()
        .unwrap_or_default();
    with_fences(document, diagrams, syntax)
}

fn parse_document(source: &Arc<SourceFile>) -> DocumentCell {
    DocumentCell::new(Arc::clone(source), |source| markdown::parse(source))
}

fn with_fences(
    document: DocumentCell,
    diagrams: Vec<DiagramCheck>,
    syntax: Vec<FenceSyntax>,
) -> ParsedFile {
    let doc = document.borrow_dependent();
    let fences = metrics_fence::check(doc);
    let metrics = metrics::find(doc, &fences);
    let metadata = course::metadata::extract(doc);
    let calculators = calculator::check(doc);
    ParsedFile {
        document,
        fences,
        metrics,
        calculators,
        diagrams,
        syntax,
        metadata,
    }
}

/// The syntax check of the code fences of each document, all checked in one batch. With the
/// `highlighter` of the pages, the grammars they will need are compiled as the check begins
/// ([`syntax::check_all`] hands them over before parsing): that of each fence the store has
/// not seen (new code, which the highlighter's disk cache will not hold either), and each such
/// fence is highlighted from the check's parse into that cache.
/// A fence the store knows whose highlighted copy has gone from the cache still gets its
/// grammar compiled, and is parsed, by its page.
fn check_fences(
    cells: &[DocumentCell],
    store: Option<&syntax::Store>,
    highlighter: Option<&Highlighter>,
) -> Vec<Vec<FenceSyntax>> {
    let fences: Vec<Vec<(usize, Sample<'_>)>> = cells
        .iter()
        .map(|cell| {
            cell.borrow_dependent()
                .code_blocks
                .iter()
                .enumerate()
                .filter_map(|(index, block)| {
                    let grammar = code_syntax::fence_grammar(block)?;
                    Some((
                        index,
                        Sample {
                            grammar,
                            code: &block.code,
                            fragment: true,
                            console: block
                                .lang
                                .as_deref()
                                .is_some_and(crate::highlight::is_console),
                        },
                    ))
                })
                .collect()
        })
        .collect();
    let samples: Vec<Sample<'_>> = fences.iter().flatten().map(|(_, s)| *s).collect();
    let grammars = crate::highlight::grammars::Grammars::shared();
    let parsing = |to_parse: &[crate::highlight::grammars::Grammar]| {
        if highlighter.is_some() {
            grammars.compile_all(to_parse);
        }
    };
    let blocks: Vec<&CodeBlock> = fences
        .iter()
        .zip(cells)
        .flat_map(|(found, cell)| {
            let blocks = &cell.borrow_dependent().code_blocks;
            found.iter().map(move |(index, _)| &blocks[*index])
        })
        .collect();
    let parsed = |index: usize, tree: &tree_sitter::Tree, left| {
        let (Some(highlighter), Some(block)) = (highlighter, blocks.get(index)) else {
            return;
        };
        if let Some(lang) = block.lang.as_deref() {
            highlighter.keep_parsed(lang, samples[index].grammar, &block.code, tree, left);
        }
    };
    let mut verdicts = syntax::check_all(&samples, store, parsing, parsed).into_iter();
    fences
        .iter()
        .map(|found| {
            found
                .iter()
                .zip(verdicts.by_ref())
                .map(|((block, sample), verdict)| FenceSyntax {
                    block: *block,
                    grammar: sample.grammar,
                    verdict,
                })
                .collect()
        })
        .collect()
}

/// The syntax check of the code files of each episode's bundle, all checked in one batch. With
/// the `highlighter` of the pages, each file shown on its page that the check parses is
/// highlighted from that parse into its cache, as fences are ([`check_fences`]).
fn check_code_files(
    loaded: &Loaded,
    store: Option<&syntax::Store>,
    highlighter: Option<&Highlighter>,
) -> Vec<Vec<FileSyntax>> {
    let grammars: Vec<Vec<_>> = loaded
        .episodes
        .iter()
        .map(|episode| {
            episode.bundle.as_ref().map_or_else(Vec::new, |bundle| {
                bundle
                    .code
                    .iter()
                    .map(|file| {
                        // Files that are not text (or too large to read) are not parsed.
                        let text = file.is_text() && !file.source.text.is_empty();
                        file.language
                            .as_deref()
                            .filter(|_| text)
                            .and_then(syntax::grammar_of)
                    })
                    .collect()
            })
        })
        .collect();
    let (files, samples): (Vec<&CodeFile>, Vec<Sample<'_>>) = loaded
        .episodes
        .iter()
        .zip(&grammars)
        .filter_map(|(episode, grammars)| Some((episode.bundle.as_ref()?, grammars)))
        .flat_map(|(bundle, grammars)| bundle.code.iter().zip(grammars))
        .filter_map(|(file, grammar)| {
            let sample = Sample {
                grammar: (*grammar)?,
                code: &file.source.text,
                fragment: false,
                console: false,
            };
            Some((file, sample))
        })
        .unzip();
    let parsed = |index: usize, tree: &tree_sitter::Tree, left| {
        let (Some(highlighter), Some(file)) = (highlighter, files.get(index)) else {
            return;
        };
        if let Some(lang) = file.language.as_deref()
            && crate::render::code_files::is_shown(file)
        {
            highlighter.keep_parsed(lang, samples[index].grammar, &file.source.text, tree, left);
        }
    };
    let mut verdicts = syntax::check_all(&samples, store, |_| {}, parsed).into_iter();
    grammars
        .iter()
        .map(|files| {
            files
                .iter()
                .map(|grammar| Some(((*grammar)?, verdicts.next()?)))
                .collect()
        })
        .collect()
}

/// The ```` ```mermaid ```` blocks of each document, as the diagram checker takes them.
fn diagram_sources(cells: &[DocumentCell]) -> Vec<Vec<DiagramSource<'_>>> {
    cells
        .iter()
        .map(|cell| {
            cell.borrow_dependent()
                .code_blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| b.lang.as_deref() == Some("mermaid"))
                .map(|(index, b)| (index, &*b.code))
                .collect()
        })
        .collect()
}

/// The course model built over parsed files, and every problem found while loading and
/// parsing them. Kept apart from [`Parsed`] so the preview server can keep it between edits.
#[derive(Debug)]
pub struct Model {
    /// The course model.
    pub course: Course,
    /// Problems found while loading and parsing.
    pub diagnostics: Vec<Diagnostic>,
}

impl Model {
    /// Builds the course model over `files`, parsed from `loaded`.
    pub fn assemble(loaded: &Loaded, files: &ParsedFiles) -> Self {
        let docs: Vec<&Document<'_>> = files.episodes.iter().map(|f| f.document()).collect();
        let extracted = files.episodes.iter().map(|f| f.metadata.clone()).collect();
        let (course, mut diagnostics) = course::assemble(loaded, &docs, extracted);
        diagnostics.extend(loaded.diagnostics.iter().cloned());
        diagnostics.extend(
            files
                .episodes
                .iter()
                .chain(&files.enhancements)
                .flat_map(|f| f.document().diagnostics.iter().cloned()),
        );
        diagnostics.extend(
            files
                .episodes
                .iter()
                .flat_map(|f| &f.fences)
                .flat_map(|f| f.diagnostics.iter().cloned()),
        );
        diagnostics.extend(
            files
                .episodes
                .iter()
                .flat_map(|f| &f.calculators)
                .flat_map(|c| c.diagnostics.iter().cloned()),
        );
        Self {
            course,
            diagnostics,
        }
    }

    /// The view checks and rendering read (`files` parsed from `loaded`, as this model was).
    pub fn view<'a>(&'a self, loaded: &'a Loaded, files: &'a ParsedFiles) -> Parsed<'a> {
        Parsed {
            loaded,
            docs: files.episodes.iter().map(|f| f.document()).collect(),
            fences: files.episodes.iter().map(|f| f.fences.as_slice()).collect(),
            metrics: files
                .episodes
                .iter()
                .map(|f| f.metrics.as_slice())
                .collect(),
            calculators: files
                .episodes
                .iter()
                .map(|f| f.calculators.as_slice())
                .collect(),
            enhancement_docs: files.enhancements.iter().map(|f| f.document()).collect(),
            diagrams: files
                .episodes
                .iter()
                .map(|f| f.diagrams.as_slice())
                .collect(),
            enhancement_diagrams: files
                .enhancements
                .iter()
                .map(|f| f.diagrams.as_slice())
                .collect(),
            syntax: files.episodes.iter().map(|f| f.syntax.as_slice()).collect(),
            code_syntax: &files.code_syntax,
            course: &self.course,
            diagnostics: &self.diagnostics,
        }
    }
}

impl Parsed<'_> {
    /// Every file a diagnostic may point into.
    pub fn sources(&self) -> crate::source::SourceMap<'_> {
        let mut map = crate::source::SourceMap::default();
        map.extend(self.loaded.episodes.iter().map(|e| &*e.source));
        // A split script's parts, after the joined text named like its first part, so that
        // findings moved to a part show the part's own text.
        map.extend(
            self.loaded
                .episodes
                .iter()
                .filter_map(|e| e.bundle.as_deref())
                .filter(|b| b.parts.len() > 1)
                .flat_map(|b| b.parts.iter().map(|p| &*p.source)),
        );
        map.extend(self.loaded.enhancements.iter().map(|e| &**e));
        map.extend(self.loaded.config.source.as_ref());
        map.extend(
            self.loaded
                .episodes
                .iter()
                .filter_map(|e| e.bundle.as_deref())
                .flat_map(|b| &b.code)
                .map(|file| &*file.source),
        );
        map
    }
}
