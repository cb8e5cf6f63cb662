//! A build lets go of what only the checks read before it renders
//! ([`ParsedFiles::release_checked`]), so no page may depend on it: each course here is
//! rendered with and without the release, and the two sites must be byte-identical.

use std::path::Path;

use crate::highlight::Highlighter;
use crate::mermaid::MermaidEngine;
use crate::output::OutputFile;
use crate::render::{self, RenderOptions, Theme, Tools};

/// The site of the course at `root`, staged as `episode build` stages it; `release` says
/// whether what only the checks read is let go before rendering. Also whether the release
/// emptied anything (so a test cannot pass on a course that has nothing to release).
fn site(root: &Path, release: bool) -> (Vec<OutputFile>, bool) {
    let loaded = crate::course::load::load(root, Some(&root.join("site"))).expect("load");
    let engine = MermaidEngine::new();
    let mut files = super::parse_files(&loaded, &engine, None);
    let model = super::Model::assemble(&loaded, &files);
    let coverage = {
        let parsed = model.view(&loaded, &files);
        crate::check::lint(&parsed).coverage(&parsed)
    };
    let held = |files: &super::ParsedFiles| -> usize {
        files
            .episodes
            .iter()
            .map(|f| {
                f.document().paragraphs.len()
                    + f.document().list_items.len()
                    + f.document().block_text.len()
                    + f.metrics.len()
            })
            .sum()
    };
    let before = held(&files);
    if release {
        files.release_checked();
    }
    let emptied = before > 0 && held(&files) == 0;
    let parsed = model.view(&loaded, &files);
    let theme = Theme::load(&loaded.config.templates_dir).expect("theme");
    let highlighter = Highlighter::load();
    let diagrams = crate::render::diagrams::SiteRenderer::new(&engine, None);
    let options = RenderOptions {
        diagrams: Some(&diagrams),
        coverage: Some(&coverage),
        ..RenderOptions::default()
    };
    let tools = Tools {
        theme: &theme,
        highlighter: &highlighter,
    };
    (render::render_to_memory(&parsed, tools, &options), emptied)
}

/// Renders `root` both ways and compares every file.
fn assert_release_changes_nothing(root: &Path) {
    let (whole, _) = site(root, false);
    let (released, emptied) = site(root, true);
    assert!(
        emptied,
        "the course has paragraphs, list items and metrics to release"
    );
    let paths = |site: &[OutputFile]| site.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&whole), paths(&released));
    for (a, b) in whole.iter().zip(&released) {
        assert!(
            a.bytes == b.bytes,
            "{} differs once the checks' data is released",
            a.path
        );
    }
}

#[test]
fn this_repositorys_course_renders_the_same_once_the_checks_data_is_released() {
    assert_release_changes_nothing(Path::new(env!("CARGO_MANIFEST_DIR")));
}

#[test]
fn summaries_taken_from_the_body_stay_off_the_header_once_paragraphs_are_released() {
    let dir = tempfile::tempdir().expect("temp");
    let write = |path: &str, text: &str| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(path, text).expect("write");
    };
    write("book.toml", "title = \"T\"\n");
    write(
        "episodes/01-basics/01-from-body.md",
        "# Episode 1: From the Body\n\nThis first paragraph is long enough to become the summary of the episode.\n\n- **Latency p99**: 12 ms\n- **Error rate**: 0.1%\n",
    );
    write(
        "episodes/01-basics/02-own-summary.md",
        "---\nsummary: A summary of its own, which the body never says.\n---\n\n# Episode 2: Its Own Summary\n\nThe body starts with a different paragraph altogether, long enough.\n",
    );
    assert_release_changes_nothing(dir.path());
    let (site, _) = site(dir.path(), true);
    let page = |path: &str| {
        let file = site.iter().find(|f| f.path == path).expect(path);
        String::from_utf8(file.bytes.clone()).expect("utf-8")
    };
    assert!(!page("basics/01-from-body.html").contains("class=\"lede\""));
    assert!(
        page("basics/02-own-summary.html")
            .contains("<p class=\"lede\">A summary of its own, which the body never says.</p>")
    );
}
