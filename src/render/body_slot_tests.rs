//! Bodies set into their pages after rendering give the site that rendering them through the
//! templates gives: this repository's course is built with the built-in templates, then with
//! templates that differ only by a comment (so its bodies go through Tera), and every file of
//! the two sites must be byte-identical.

use std::path::Path;

use crate::highlight::Highlighter;
use crate::output::OutputFile;
use crate::render::{RenderOptions, Theme, Tools, render_to_memory};

/// The site of this repository's course with the theme of `templates` (overrides of the
/// built-in theme; `None` for none), and whether that theme printed bodies verbatim.
fn site(templates: Option<&Path>) -> (Vec<OutputFile>, bool) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = crate::course::load::load(root, Some(&root.join("site"))).expect("load");
    let engine = crate::mermaid::MermaidEngine::new();
    let files = crate::pipeline::parse_files(&loaded, &engine, None);
    let model = crate::pipeline::Model::assemble(&loaded, &files);
    let parsed = model.view(&loaded, &files);
    let theme = Theme::load(templates.unwrap_or(&root.join("no-such-folder"))).expect("theme");
    let highlighter = Highlighter::load();
    let tools = Tools {
        theme: &theme,
        highlighter: &highlighter,
    };
    let verbatim = theme.prints_bodies_verbatim();
    (
        render_to_memory(&parsed, tools, &RenderOptions::default()),
        verbatim,
    )
}

#[test]
fn bodies_set_in_after_rendering_give_the_site_the_templates_give() {
    let (spliced, verbatim) = site(None);
    assert!(verbatim, "the built-in templates print bodies verbatim");
    let dir = tempfile::tempdir().expect("temp");
    let built_in = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    for name in ["episode.html", "print.html"] {
        let text = std::fs::read_to_string(built_in.join(name)).expect("template");
        std::fs::write(
            dir.path().join(name),
            format!("{text}{{# changes no page #}}"),
        )
        .expect("write");
    }
    let (rendered, verbatim) = site(Some(dir.path()));
    assert!(!verbatim, "changed templates get the bodies themselves");
    let paths = |site: &[OutputFile]| site.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&spliced), paths(&rendered));
    let pages = spliced
        .iter()
        .filter(|f| f.path.ends_with("print.html") || f.path.contains("/episode-"))
        .count();
    assert!(pages > 3, "episode and print pages were compared ({pages})");
    for (a, b) in spliced.iter().zip(&rendered) {
        assert!(a.bytes == b.bytes, "{} differs", a.path);
    }
}
