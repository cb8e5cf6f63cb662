//! A build makes the search index from its pages' own parse, merging each page's episode as it
//! is rendered, a chunk of pages ([`super::PAGE_CHUNK`]) at a time; the preview server makes it
//! on its own ([`super::search::files`]). Both must give the same files, whatever the chunk
//! boundaries cut.

use crate::highlight::Highlighter;
use crate::output::OutputFile;
use crate::render::{RenderOptions, Theme, Tools, pages, render_to_memory, search};

/// A course of `count` short episodes in two series, each with a heading, prose, code and a
/// word of its own, built into memory. The built site's `search/` files, then the ones the
/// preview server would serve.
fn search_both_ways(count: usize) -> (Vec<OutputFile>, Vec<OutputFile>) {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(
        dir.path().join("book.toml"),
        "title = \"Chunks\"\n[site]\nsearch = true\n",
    )
    .expect("book.toml");
    for n in 1..=count {
        let series = if n % 2 == 0 { "even" } else { "odd" };
        let folder = dir.path().join("episodes").join(series);
        std::fs::create_dir_all(&folder).expect("folder");
        std::fs::write(
            folder.join(format!("episode-{n:03}.md")),
            format!(
                "# Episode {n}: Topic {n}\n\nIntro of word{n}.\n\n## Caching {n}\n\n\
                 Hit ratio `{n}.5%` for *shared* words.\n\n```python\nget_{n}(key)\n```\n"
            ),
        )
        .expect("episode");
    }
    let loaded =
        crate::course::load::load(dir.path(), Some(&dir.path().join("site"))).expect("load");
    let engine = crate::mermaid::MermaidEngine::new();
    let files = crate::pipeline::parse_files(&loaded, &engine, None);
    let model = crate::pipeline::Model::assemble(&loaded, &files);
    let parsed = model.view(&loaded, &files);
    let theme = Theme::load(&loaded.config.templates_dir).expect("theme");
    let highlighter = Highlighter::load();
    let tools = Tools {
        theme: &theme,
        highlighter: &highlighter,
    };
    let options = RenderOptions::default();
    let built: Vec<OutputFile> = render_to_memory(&parsed, tools, &options)
        .into_iter()
        .filter(|f| f.path.starts_with("search/"))
        .collect();
    let served = search::files(&pages::Site::new(&parsed, &options));
    (built, served)
}

#[test]
fn the_index_built_beside_the_pages_is_the_one_made_on_its_own() {
    // One page short of two chunks, two chunks exactly, and a little over.
    for count in [
        super::PAGE_CHUNK * 2 - 1,
        super::PAGE_CHUNK * 2,
        super::PAGE_CHUNK * 2 + 3,
    ] {
        let (built, served) = search_both_ways(count);
        let texts = built
            .iter()
            .filter(|f| f.path.starts_with("search/text-"))
            .count();
        assert_eq!(texts, count, "one text file per episode");
        let paths = |files: &[OutputFile]| files.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
        assert_eq!(paths(&built), paths(&served));
        for (a, b) in built.iter().zip(&served) {
            assert!(a.bytes == b.bytes, "{} differs at {count} episodes", a.path);
        }
        let index = String::from_utf8_lossy(&built[0].bytes).into_owned();
        assert!(
            built[0].path == "search/index.js" && index.contains(&format!("Topic {count}")),
            "the last episode is in the manifest at {count} episodes"
        );
    }
}
