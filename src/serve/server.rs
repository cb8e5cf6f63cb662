//! The server's shared state: the current snapshot, the pages rendered from it, the latest
//! lint, and the open event streams.
//!
//! Pages are rendered when asked for and kept until a change touches them: an edit of one
//! episode re-renders that episode's page (and its series' print page) the next time it is
//! requested, and nothing else. Files made from every episode (the search index, the feeds)
//! are made again after any change. The lint runs on its own thread after each change, on the
//! snapshot of the moment; its findings reach the overlay and the terminal when it is done.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, RwLock};

use crate::check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::enhance::coverage::CoverageMatrix;
use crate::highlight::Highlighter;
use crate::mermaid::MermaidEngine;
use crate::mermaid::cache::DiskCache;
use crate::output::OutputFile;
use crate::render::diagrams::SiteRenderer;
use crate::render::pages::COVERAGE_PATH;
use crate::render::{RenderOptions, Tools, on_demand};
use crate::term::print_err;

use super::events::{Clients, lock};
use super::findings::{self, Finding, PageFindings};
use super::snapshot::Snapshot;
use super::update::{self, Affected, Update};

/// How much highlighted code the server remembers between renderings of a page.
const HIGHLIGHT_MEMORY: usize = 128 << 20;

/// How long saves must pause before the lint runs.
const LINT_QUIET: std::time::Duration = std::time::Duration::from_millis(300);

/// Everything the server's threads share.
#[derive(Debug)]
pub(crate) struct Server {
    /// The course folder.
    pub(crate) root: PathBuf,
    /// The address the site is served at (`http://127.0.0.1:3000/`).
    pub(crate) base_url: String,
    /// Whether episodes marked as drafts are shown.
    drafts: bool,
    engine: MermaidEngine,
    cache: Option<DiskCache>,
    highlighter: Highlighter,
    snapshot: RwLock<Arc<Snapshot>>,
    pages: Mutex<Pages>,
    lint: Mutex<Option<Arc<LintResult>>>,
    lint_wanted: (Mutex<LintQueue>, Condvar),
    /// Open event streams.
    pub(crate) clients: Clients,
    /// Whether to print every finding of the files that change (else errors and warnings),
    /// and each page rendered with its time.
    verbose_terminal: bool,
}

/// Pages rendered from the snapshot of `version`.
#[derive(Debug, Default)]
struct Pages {
    version: u64,
    files: HashMap<String, Arc<OutputFile>>,
    /// What rendering each requested page found, by the page's path.
    findings: HashMap<String, Vec<Diagnostic>>,
}

/// The lint of one snapshot.
#[derive(Debug)]
struct LintResult {
    version: u64,
    diagnostics: Vec<Diagnostic>,
    coverage: Arc<CoverageMatrix>,
}

/// What the lint thread is asked to do next.
#[derive(Debug, Default)]
struct LintQueue {
    /// The newest snapshot version to lint (0: none yet).
    wanted: u64,
    /// Files changed since the last lint, whose findings go to the terminal.
    changed: BTreeSet<String>,
}

impl Server {
    /// A server for `snapshot`.
    pub(crate) fn new(
        snapshot: Snapshot,
        root: PathBuf,
        base_url: String,
        drafts: bool,
        engine: MermaidEngine,
        cache: Option<DiskCache>,
        verbose_terminal: bool,
    ) -> Self {
        let version = snapshot.version;
        Self {
            root,
            base_url,
            drafts,
            engine,
            cache,
            highlighter: Highlighter::load_remembering(HIGHLIGHT_MEMORY),
            snapshot: RwLock::new(Arc::new(snapshot)),
            pages: Mutex::new(Pages {
                version,
                ..Pages::default()
            }),
            lint: Mutex::new(None),
            lint_wanted: (
                Mutex::new(LintQueue {
                    wanted: version,
                    changed: BTreeSet::new(),
                }),
                Condvar::new(),
            ),
            clients: Clients::default(),
            verbose_terminal,
        }
    }

    /// The current snapshot.
    pub(crate) fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(
            &self
                .snapshot
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }

    /// What applying changes needs.
    pub(crate) fn context(&self) -> update::Context<'_> {
        update::Context {
            root: &self.root,
            base_url: &self.base_url,
            engine: &self.engine,
            cache: self.cache.as_ref(),
        }
    }

    /// Makes the drawings and validations stored so far readable by other processes (a build
    /// beside the server): the server is stopped with Ctrl-C, so it cannot wait for its end.
    fn seal_cache(&self) {
        if let Some(cache) = &self.cache {
            cache.seal();
        }
    }

    /// The file of the site at `path`, rendered now unless a rendering of the current snapshot
    /// is kept; `None` when the site has no such file. `Err` when a template fails.
    pub(crate) fn file(&self, path: &str) -> anyhow::Result<Option<Arc<OutputFile>>> {
        let snapshot = self.snapshot();
        {
            let pages = lock(&self.pages);
            if pages.version == snapshot.version
                && let Some(file) = pages.files.get(path)
            {
                return Ok(Some(Arc::clone(file)));
            }
        }
        let started = std::time::Instant::now();
        let coverage = lock(&self.lint).as_ref().map(|l| Arc::clone(&l.coverage));
        let parsed = snapshot.parsed();
        let diagrams = SiteRenderer::new(&self.engine, self.cache.as_ref());
        let options = RenderOptions {
            drafts: self.drafts,
            diagrams: Some(&diagrams),
            coverage: coverage.as_deref(),
            ..RenderOptions::default()
        };
        let tools = Tools {
            theme: &snapshot.theme,
            highlighter: &self.highlighter,
        };
        let group = on_demand::group(&parsed, tools, &options, path)?;
        let files: Vec<Arc<OutputFile>> = group.files.into_iter().map(Arc::new).collect();
        let wanted = files.iter().find(|f| f.path == path).cloned();
        if self.verbose_terminal && wanted.is_some() {
            print_err(&format!(
                "  rendered {path} in {:.1} ms\n",
                started.elapsed().as_secs_f64() * 1000.0
            ));
        }
        self.seal_cache();
        let mut pages = lock(&self.pages);
        if pages.version == snapshot.version {
            for file in files {
                pages.files.insert(file.path.clone(), file);
            }
            pages.findings.insert(path.to_owned(), group.diagnostics);
        }
        Ok(wanted)
    }

    /// Installs a change: the new snapshot is served from now on, the pages it touched are
    /// dropped, open pages are told to reload, and the lint is asked to run again.
    pub(crate) fn install(&self, update: Update) {
        self.seal_cache();
        let version = update.snapshot.version;
        *self
            .snapshot
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(update.snapshot);
        {
            let mut pages = lock(&self.pages);
            pages.version = version;
            match &update.affected {
                Affected::All => {
                    pages.files.clear();
                    pages.findings.clear();
                }
                Affected::Pages(touched) => {
                    let keep = |path: &String| {
                        !touched.contains(path)
                            && !path.starts_with("search/")
                            && !path.ends_with(".xml")
                    };
                    pages.files.retain(|path, _| keep(path));
                    pages.findings.retain(|path, _| keep(path));
                }
            }
        }
        let data = match &update.affected {
            Affected::All => serde_json::json!({ "all": true }),
            Affected::Pages(touched) => serde_json::json!({ "all": false, "pages": touched }),
        };
        self.clients.send("reload", &data);
        self.clients
            .send("findings", &serde_json::json!({ "version": version }));
        let (queue, wake) = &self.lint_wanted;
        let mut queue = lock(queue);
        queue.wanted = version;
        queue.changed.extend(update.changed);
        wake.notify_one();
    }

    /// Runs the lint whenever a newer snapshot is waiting and saves have paused for
    /// [`LINT_QUIET`] (so a burst of saves is linted once, and never competes with the pages
    /// they reload); never returns.
    pub(crate) fn lint_forever(&self) {
        let mut done = 0;
        loop {
            let changed = {
                let (queue, wake) = &self.lint_wanted;
                let mut queue = lock(queue);
                loop {
                    while queue.wanted == done {
                        queue = wake
                            .wait(queue)
                            .unwrap_or_else(std::sync::PoisonError::into_inner);
                    }
                    let seen = queue.wanted;
                    queue = wake
                        .wait_timeout(queue, LINT_QUIET)
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .0;
                    if queue.wanted == seen {
                        break;
                    }
                }
                std::mem::take(&mut queue.changed)
            };
            let snapshot = self.snapshot();
            done = snapshot.version;
            self.lint_once(&snapshot, &changed);
        }
    }

    fn lint_once(&self, snapshot: &Snapshot, changed: &BTreeSet<String>) {
        let parsed = snapshot.parsed();
        let report = check::lint(&parsed);
        let coverage = Arc::new(report.coverage(&parsed));
        let result = Arc::new(LintResult {
            version: snapshot.version,
            diagnostics: report.diagnostics().to_vec(),
            coverage: Arc::clone(&coverage),
        });
        let coverage_changed = {
            let mut lint = lock(&self.lint);
            let changed = lint.as_ref().is_none_or(|old| old.coverage != coverage);
            *lint = Some(Arc::clone(&result));
            changed
        };
        if coverage_changed {
            lock(&self.pages).files.remove(COVERAGE_PATH);
            self.clients.send(
                "reload",
                &serde_json::json!({ "all": false, "pages": [COVERAGE_PATH] }),
            );
        }
        self.clients.send(
            "findings",
            &serde_json::json!({ "version": snapshot.version }),
        );
        self.print_findings(snapshot, &result.diagnostics, changed);
    }

    /// In the terminal: the findings about the files just changed (errors and warnings; notes
    /// with `--verbose`), or after the first lint, one line counting them all.
    fn print_findings(
        &self,
        snapshot: &Snapshot,
        diagnostics: &[Diagnostic],
        changed: &BTreeSet<String>,
    ) {
        let parsed = snapshot.parsed();
        let sources = parsed.sources();
        if changed.is_empty() {
            let counts = crate::diagnostic::Counts::of(diagnostics);
            if counts.errors + counts.warnings > 0 {
                print_err(&format!(
                    "  the course has {}, {}; they show on their pages, and `episode lint` lists them\n",
                    crate::text::plural(counts.errors, "error"),
                    crate::text::plural(counts.warnings, "warning")
                ));
            }
            return;
        }
        let shown: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| changed.contains(&d.file))
            .filter(|d| self.verbose_terminal || d.severity > Severity::Note)
            .collect();
        for d in &shown {
            print_err(&format!("{}\n", Finding::of(d, &sources).line()));
        }
        for (file, problems) in snapshot.broken.iter().filter(|(f, _)| changed.contains(*f)) {
            for problem in problems {
                print_err(&format!("{}\n", problem.line()));
            }
            print_err(&format!("  {file}: the last good version stays served\n"));
        }
        let (present, gone): (Vec<&String>, Vec<&String>) = changed
            .iter()
            .partition(|file| snapshot.loaded.config.root.join(file).exists());
        let present: Vec<&String> = present
            .into_iter()
            .filter(|file| !snapshot.broken.contains_key(*file))
            .collect();
        if shown.is_empty() && !present.is_empty() {
            let names: Vec<&str> = present.iter().map(|f| f.as_str()).collect();
            print_err(&format!("  {}: no findings\n", names.join(", ")));
        }
        for file in gone {
            print_err(&format!("  {file}: removed\n"));
        }
    }

    /// The findings about the page at `path`, for the overlay.
    pub(crate) fn findings(&self, path: &str) -> PageFindings {
        let snapshot = self.snapshot();
        let parsed = snapshot.parsed();
        let sources = parsed.sources();
        let files = page_files(&snapshot, path);
        let about = |d: &Diagnostic| files.contains(&d.file);
        let lint = lock(&self.lint).clone();
        let mut found: Vec<Diagnostic> = match lint.filter(|l| l.version == snapshot.version) {
            Some(lint) => lint
                .diagnostics
                .iter()
                .filter(|d| about(d))
                .cloned()
                .collect(),
            None => check::settle(
                &parsed,
                parsed
                    .diagnostics
                    .iter()
                    .filter(|d| about(d))
                    .cloned()
                    .collect(),
            ),
        };
        let rendered = lock(&self.pages)
            .findings
            .get(path)
            .cloned()
            .unwrap_or_default();
        found.extend(check::settle(&parsed, rendered));
        let mut findings: Vec<Finding> = found.iter().map(|d| Finding::of(d, &sources)).collect();
        let mut stale = false;
        let config = &snapshot.loaded.config;
        let templates = crate::source::relative_path(&config.root, &config.templates_dir);
        for (file, problems) in &snapshot.broken {
            let course_wide = file == crate::config::FILE_NAME || file.starts_with(&templates);
            if files.contains(file) || course_wide {
                stale = true;
                findings.extend(problems.iter().cloned());
            }
        }
        findings::sort(&mut findings);
        PageFindings {
            version: snapshot.version,
            stale,
            findings,
        }
    }
}

/// The course-relative files a page is made from: an episode's file; a series page's
/// introduction; for the course's own pages, course-wide findings and `book.toml`.
fn page_files(snapshot: &Snapshot, path: &str) -> BTreeSet<String> {
    let course = &snapshot.model.course;
    let loaded = &snapshot.loaded;
    if let Some(episode) = course.episodes.iter().find(|e| e.url == path) {
        let mut files = BTreeSet::from([loaded.episodes[episode.file].source.rel_path.clone()]);
        // An episode folder: its script parts, and the folder itself (a missing script).
        if let Some(bundle) = &episode.bundle {
            files.extend(bundle.parts.iter().map(|p| p.source.rel_path.clone()));
            files.insert(bundle.dir.clone());
        }
        return files;
    }
    if let Some(note) = course.notes.iter().find(|n| n.url == path) {
        return BTreeSet::from([loaded.episodes[note.file].source.rel_path.clone()]);
    }
    if let Some(series) = course
        .series
        .iter()
        .find(|s| crate::course::paths::series_page(&s.slug) == path)
    {
        return series
            .intro
            .map(|i| loaded.episodes[i].source.rel_path.clone())
            .into_iter()
            .collect();
    }
    let mut files = BTreeSet::from([String::new()]);
    files.extend(loaded.config.source.as_ref().map(|s| s.rel_path.clone()));
    if path == COVERAGE_PATH {
        files.extend(loaded.enhancements.iter().map(|s| s.rel_path.clone()));
    }
    files
}
