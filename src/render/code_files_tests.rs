//! Tests of the code files' plan, section view and copies, and of a page, its copies and the
//! search index built from a course whose episode is given a bundle by hand.

use std::sync::Arc;

use super::*;
use crate::course::bundle::{Bundle, CodeFile, ScriptPart};
use crate::source::SourceFile;

const DIR: &str = "episodes/queueing/episode-001-queueing";
const PAGE: &str = "queueing/episode-001-queueing.html";

fn code(path: &str, text: &str) -> CodeFile {
    let source = SourceFile::from_string(format!("{DIR}/{path}"), text);
    CodeFile::new(Arc::new(source), DIR)
}

fn bundle(code: Vec<CodeFile>) -> Bundle {
    Bundle {
        dir: DIR.to_owned(),
        name: "episode-001-queueing".to_owned(),
        parts: Vec::new(),
        code,
        ..Default::default()
    }
}

fn examples() -> Bundle {
    bundle(vec![
        code("requirements.txt", "simpy==4.1\n"),
        code(
            "code/python/test_simulate.py",
            "from simulate import run\n\ndef test_run():\n    assert run(1) == 1\n",
        ),
        code(
            "code/python/simulate.py",
            "def run(n):\n    \"\"\"One step.\"\"\"\n    return n\n",
        ),
        code(
            "code/java/Breaker.java",
            "class Breaker {\n  int failures;\n}\n",
        ),
    ])
}

/// Path, language, lines, test, how shown.
type Row<'a> = (&'a str, Option<&'a str>, Option<usize>, bool, CodeShown);

#[test]
fn files_are_listed_by_path_with_language_lines_tests_and_links() {
    let bundle = examples();
    let plan = plan(&bundle, PAGE, []).expect("code");
    let (section, findings) = section(&plan, &Highlighter::load());
    assert!(findings.is_empty(), "{findings:?}");
    let rows: Vec<Row<'_>> = section
        .files
        .iter()
        .map(|f| {
            (
                f.path.as_str(),
                f.language.as_deref(),
                f.lines,
                f.test,
                f.shown,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "code/java/Breaker.java",
                Some("Java"),
                Some(3),
                false,
                CodeShown::Highlighted
            ),
            (
                "code/python/simulate.py",
                Some("Python"),
                Some(3),
                false,
                CodeShown::Highlighted
            ),
            (
                "code/python/test_simulate.py",
                Some("Python"),
                Some(4),
                true,
                CodeShown::Highlighted
            ),
            ("requirements.txt", None, Some(1), false, CodeShown::Plain),
        ]
    );
    assert_eq!(section.id, "code");
    assert_eq!(section.tests, 1);
    assert_eq!(
        section.files[1].download.as_deref(),
        Some("queueing/episode-001-queueing/code/python/simulate.py")
    );
    assert_eq!(section.files[1].id, "file-code-python-simulate-py");
    let java = section.files[0].html.as_deref().expect("shown");
    assert!(
        java.contains("class=\"language-java\"") && java.contains("hl-"),
        "highlighted like a fence: {java}"
    );
    let plain = section.files[3].html.as_deref().expect("shown");
    assert!(
        plain.contains("simpy==4.1") && !plain.contains("<span class=\"hl-"),
        "{plain}"
    );
}

#[test]
fn binary_and_large_files_are_listed_with_their_size_only() {
    let mut binary_bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    binary_bytes.extend([0, 0, 0, 13, 0xff, 0xfe]);
    let binary = CodeFile::from_bytes(
        format!("{DIR}/code/diagram.png"),
        "/nowhere/diagram.png",
        binary_bytes.clone(),
        DIR,
    );
    assert!(!binary.is_text());
    let large = code(
        "code/python/data.py",
        &"x = 1\n".repeat(MAX_SHOWN_BYTES / 6 + 1),
    );
    let bundle = bundle(vec![binary, large]);
    let plan = plan(&bundle, PAGE, []).expect("code");
    let (section, _) = section(&plan, &Highlighter::load());
    let png = &section.files[0];
    assert_eq!(
        (png.path.as_str(), png.shown, png.lines, png.size.as_str()),
        ("code/diagram.png", CodeShown::Listed, None, "14 bytes")
    );
    assert!(png.html.is_none() && png.download.is_some());
    let data = &section.files[1];
    assert_eq!(
        (data.shown, data.size.as_str()),
        (CodeShown::Listed, "256.0 KiB")
    );
    assert!(data.html.is_none());
    let copies = copies(&plan);
    assert_eq!(
        copies[0].0.bytes, binary_bytes,
        "the file itself, not its text"
    );
}

#[test]
fn anchors_avoid_the_headings_of_the_script_and_each_other() {
    let bundle = bundle(vec![
        code("code/a.py", "a = 1\n"),
        code("code/A.py", "a = 2\n"),
    ]);
    let plan = plan(&bundle, PAGE, ["code", "file-code-a-py"]).expect("code");
    assert_eq!(plan.section_id, "code-2");
    let ids: Vec<&str> = plan.files.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["file-code-a-py-2", "file-code-a-py-3"]);
}

#[test]
fn paths_that_differ_in_case_are_copied_once_and_reported() {
    let bundle = bundle(vec![
        code("code/a.py", "a = 1\n"),
        code("code/A.py", "a = 2\n"),
    ]);
    let plan = plan(&bundle, PAGE, []).expect("code");
    let copied: Vec<Option<&str>> = plan.files.iter().map(|p| p.site_path.as_deref()).collect();
    assert_eq!(
        copied,
        [Some("queueing/episode-001-queueing/code/A.py"), None]
    );
    assert_eq!(plan.diagnostics.len(), 1);
    assert_eq!(plan.diagnostics[0].rule, RuleId::CodeCopy);
    assert_eq!(plan.diagnostics[0].file, format!("{DIR}/code/a.py"));
    assert_eq!(copies(&plan).len(), 1);
}

#[test]
fn names_windows_refuses_are_copied_and_reported() {
    for (path, bad) in [
        ("code/con.py", true),
        ("code/what?.py", true),
        ("code/notes./a.py", true),
        ("code/com10.py", false),
        ("code/console.py", false),
    ] {
        let bundle = bundle(vec![code(path, "x = 1\n")]);
        let plan = plan(&bundle, PAGE, []).expect("code");
        assert_eq!(plan.diagnostics.len(), usize::from(bad), "{path}");
        assert!(plan.files[0].site_path.is_some(), "{path}");
    }
}

#[test]
fn a_few_short_files_start_open_and_more_start_closed() {
    let hl = Highlighter::load();
    let short = bundle(vec![
        code("code/a.py", "a = 1\n"),
        code("code/b.py", "b = 2\n"),
    ]);
    let (open, _) = section(&plan(&short, PAGE, []).expect("code"), &hl);
    assert!(open.files.iter().all(|f| f.open));
    let (closed, _) = section(&plan(&examples(), PAGE, []).expect("code"), &hl);
    assert!(closed.files.iter().all(|f| !f.open));
}

#[test]
fn a_bundle_without_code_has_no_section() {
    assert!(plan(&bundle(Vec::new()), PAGE, []).is_none());
}

#[test]
fn sizes_read_well() {
    assert_eq!(size(0), "0 bytes");
    assert_eq!(size(1), "1 byte");
    assert_eq!(size(2_560), "2.5 KiB");
    assert_eq!(size(3 * 1024 * 1024), "3.0 MiB");
    assert_eq!(size(1_048_575), "1.0 MiB", "never 1024.0 KiB");
}

/// A one-episode course written to a temporary folder, its episode given `bundle` by hand,
/// rendered into memory: the files of the site.
fn site_of(bundle: Option<Bundle>, script: &str) -> Vec<OutputFile> {
    let dir = tempfile::tempdir().expect("temp");
    let episodes = dir.path().join("episodes/queueing");
    std::fs::create_dir_all(&episodes).expect("folder");
    std::fs::write(
        dir.path().join("book.toml"),
        "title = \"Queues\"\n[site]\nsearch = true\n",
    )
    .expect("book.toml");
    std::fs::write(episodes.join("episode-001-queueing.md"), script).expect("script");
    let mut loaded =
        crate::course::load::load(dir.path(), Some(&dir.path().join("site"))).expect("load");
    // The episode's script is the file above: the bundle's only part.
    let script = Arc::clone(&loaded.episodes[0].source);
    loaded.episodes[0].bundle = bundle.map(|mut bundle| {
        bundle.parts = vec![ScriptPart {
            source: script,
            start: 0,
        }];
        Arc::new(bundle)
    });
    let engine = crate::mermaid::MermaidEngine::new();
    let files = crate::pipeline::parse_files(&loaded, &engine, None);
    let model = crate::pipeline::Model::assemble(&loaded, &files);
    let parsed = model.view(&loaded, &files);
    let theme = crate::render::Theme::load(&loaded.config.templates_dir).expect("theme");
    let highlighter = Highlighter::load();
    let tools = crate::render::Tools {
        theme: &theme,
        highlighter: &highlighter,
    };
    crate::render::render_to_memory(&parsed, tools, &crate::render::RenderOptions::default())
}

const SCRIPT: &str = "# Episode 1: Queueing\n\nWhy queues grow.\n\n## Little's law\n\nL = λW.\n";

fn text<'f>(files: &'f [OutputFile], path: &str) -> &'f str {
    let file = files.iter().find(|f| f.path == path).expect(path);
    std::str::from_utf8(&file.bytes).expect("utf-8")
}

#[test]
fn the_page_shows_the_section_and_the_site_holds_the_copies() {
    let files = site_of(Some(examples()), SCRIPT);
    let page = text(&files, PAGE);
    let start = page.find("<section class=\"code-files\"").expect("section");
    let end = start + page[start..].find("</section>").expect("end") + "</section>".len();
    assert!(
        page[..start].contains("<li class=\"toc-l2\"><a href=\"#code\">Code</a></li>"),
        "linked from the table of contents"
    );
    assert!(
        page[..start].contains("</article>") && page[end..].contains("</main>"),
        "after the script, in the page's main part"
    );
    assert_eq!(
        text(
            &files,
            "queueing/episode-001-queueing/code/python/simulate.py"
        ),
        "def run(n):\n    \"\"\"One step.\"\"\"\n    return n\n"
    );
    assert!(
        files
            .iter()
            .any(|f| f.path == "queueing/episode-001-queueing/requirements.txt")
    );
    assert!(
        text(&files, "queueing/print.html")
            .contains("is on <a href=\"../queueing/episode-001-queueing.html#code\">its page</a>"),
        "the print page says where the code is"
    );
    let one = code_fragment(&page[start..end], "file-code-python-simulate-py");
    insta::assert_snapshot!(one);
}

/// The `<li>` of one file in the section, its highlighted spans left out (the highlighter's
/// own tests cover those), so the snapshot shows the section's markup.
fn code_fragment(section: &str, id: &str) -> String {
    let start = section
        .find(&format!("<li class=\"code-file\" id=\"{id}\">"))
        .expect("entry");
    let end = start + section[start..].find("</li>").expect("end") + "</li>".len();
    let head = &section[..section.find("<ul").expect("list")];
    let entry = &section[start..end];
    let code_start = entry.find("<code").expect("code");
    let code_end = entry.find("</code>").expect("code end");
    format!(
        "{head}…\n{}<code …>…{}",
        &entry[..code_start],
        &entry[code_end..]
    )
}

#[test]
fn without_code_the_page_has_no_section() {
    let files = site_of(Some(bundle(Vec::new())), SCRIPT);
    assert!(!text(&files, PAGE).contains("code-files"));
    let plain = site_of(None, SCRIPT);
    assert_eq!(text(&plain, PAGE), text(&files, PAGE));
}

#[test]
fn the_search_index_finds_files_by_name_and_content() {
    let files = site_of(Some(examples()), SCRIPT);
    let index = text(&files, "search/index.js");
    assert!(
        index.contains(r#"[0,"code/python/simulate.py","file-code-python-simulate-py"]"#),
        "{index}"
    );
    let terms: String = files
        .iter()
        .filter(|f| f.path.starts_with("search/terms-"))
        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        .collect();
    for term in [
        "\"simulate\"",
        "\"breaker\"",
        "\"failures\"",
        "\"requirements\"",
    ] {
        assert!(terms.contains(term), "{term} is indexed");
    }
}

#[test]
fn the_copies_are_written_into_the_site_folder() {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("site");
    let writer = crate::output::SiteWriter::begin(&out).expect("writer");
    for file in site_of(Some(examples()), SCRIPT) {
        writer.write(&file).expect("write");
    }
    writer.finish().expect("finish");
    let copy = out.join("queueing/episode-001-queueing/code/java/Breaker.java");
    assert_eq!(
        std::fs::read_to_string(copy).expect("copied"),
        "class Breaker {\n  int failures;\n}\n"
    );
}

#[test]
fn a_copy_that_cannot_be_written_is_a_finding() {
    let bundle = examples();
    let plan = plan(&bundle, PAGE, []).expect("code");
    let copies = copies(&plan);
    let sink = |file: &OutputFile| {
        anyhow::ensure!(!file.path.ends_with(".java"), "disk full");
        Ok(())
    };
    let mut findings = Vec::new();
    let written = crate::render::copy_code(&copies, &sink, &mut findings);
    assert_eq!(written.len(), copies.len() - 1);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].rule, RuleId::CodeCopy);
    assert!(
        findings[0].message.contains("disk full"),
        "{}",
        findings[0].message
    );
}

#[test]
fn download_links_encode_what_a_url_would_read_as_a_fragment_or_a_query() {
    assert_eq!(
        href_of_path("episode-1/code/c#/Program.cs"),
        "episode-1/code/c%23/Program.cs"
    );
    assert_eq!(
        href_of_path("episode-1/code/50% off?.py"),
        "episode-1/code/50%25%20off%3F.py"
    );
    assert_eq!(
        href_of_path("episode-1/code/python/sim_v2.py"),
        "episode-1/code/python/sim_v2.py"
    );
}
