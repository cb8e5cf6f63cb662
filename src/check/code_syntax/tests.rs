//! Findings through the whole pipeline: a course written to a temporary folder, loaded,
//! given a bundle by hand where needed, parsed and checked as `episode lint` does.

use std::sync::Arc;

use super::*;
use crate::course::bundle::{Bundle, CodeFile};
use crate::course::load::Loaded;
use crate::diagnostic::Severity;
use crate::mermaid::MermaidEngine;
use crate::pipeline::{self, Model};

/// A course with one episode of text `episode` (under `episodes/01-s/`) and extra files.
fn course(episode: &str, files: &[(&str, &str)], book: &str) -> (tempfile::TempDir, Loaded) {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    write("book.toml", &format!("title = \"T\"\n{book}"));
    write("episodes/01-s/episode-01-a/script.md", episode);
    for (rel, text) in files {
        write(rel, text);
    }
    let mut loaded = crate::course::load::load(dir.path(), None).expect("load");
    if !files.is_empty() {
        let bundle_dir = "episodes/01-s/episode-01-a";
        let code = files
            .iter()
            .map(|(rel, _)| {
                let path = dir.path().join(rel);
                let source = crate::source::SourceFile::read(dir.path(), &path).expect("read");
                CodeFile::new(Arc::new(source), bundle_dir)
            })
            .collect();
        loaded.episodes[0].bundle = Some(Arc::new(Bundle {
            dir: bundle_dir.to_owned(),
            parts: Vec::new(),
            code,
            ..Default::default()
        }));
    }
    (dir, loaded)
}

/// The `code-syntax` findings of the course, with each one's line and column.
fn findings(loaded: &Loaded) -> Vec<(Diagnostic, usize, usize)> {
    let files = pipeline::parse_files(loaded, &MermaidEngine::new(), None);
    let model = Model::assemble(loaded, &files);
    let parsed = model.view(loaded, &files);
    let sources = parsed.sources();
    crate::check::lint(&parsed)
        .diagnostics()
        .iter()
        .filter(|d| d.rule == RuleId::CodeSyntax)
        .map(|d| {
            let file = sources.get(&d.file).expect("the file is in the source map");
            let at = file.line_col(d.span.start);
            (d.clone(), at.line, at.column)
        })
        .collect()
}

const HEAD: &str = "# Episode 1: A\n\n**Duration**: 10 minutes\n\n";

#[test]
fn a_broken_fence_is_a_warning_at_its_line_and_column_in_the_episode() {
    let text = format!("{HEAD}Intro.\n\n```python\nimport os\n\nprint(os.getcwd()))\n```\n");
    let (_dir, loaded) = course(&text, &[], "");
    let found = findings(&loaded);
    assert_eq!(found.len(), 1, "{found:?}");
    let (d, line, column) = &found[0];
    assert_eq!((*line, *column), (10, 19));
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.file, "episodes/01-s/episode-01-a/script.md");
    assert_eq!(
        d.message,
        "syntax error in this Python sample: unexpected `)`"
    );
    assert_eq!(&loaded.episodes[0].source.text[d.span.clone()], ")");
}

#[test]
fn a_body_not_indented_names_its_header_by_its_line_in_the_episode() {
    let text = format!("{HEAD}```python\nx = 1\n\ndef f():\nreturn x\n```\n");
    let (_dir, loaded) = course(&text, &[], "");
    let found = findings(&loaded);
    assert_eq!(found.len(), 1, "{found:?}");
    let (d, line, column) = &found[0];
    assert_eq!((*line, *column), (9, 1));
    assert_eq!(
        d.message,
        "syntax error in this Python sample: expected an indented block after `def` on line 8"
    );
    assert_eq!(&loaded.episodes[0].source.text[d.span.clone()], "return");
}

#[test]
fn a_fence_in_a_list_item_is_found_where_it_stands() {
    let text = format!("{HEAD}1. Run:\n\n   ```json\n   {{\"a\": 1,,}}\n   ```\n");
    let (_dir, loaded) = course(&text, &[], "");
    let found = findings(&loaded);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].1, found[0].2), (8, 12), "the second comma");
}

#[test]
fn an_opted_out_fence_and_fragments_are_not_flagged() {
    let text = format!(
        "{HEAD}```rust,ignore\nfn broken( {{\n```\n\n```java fragment\nclass {{\n```\n\n```go no-check\nfunc {{\n```\n\n```java\npublic int next() {{\n    return count++;\n}}\n```\n\n```bash\n$ ls\nREADME.md\n```\n"
    );
    let (_dir, loaded) = course(&text, &[], "");
    assert_eq!(findings(&loaded), []);
}

#[test]
fn a_broken_code_file_is_an_error_in_that_file_and_clean_files_are_quiet() {
    let (_dir, loaded) = course(
        &format!("{HEAD}Text.\n"),
        &[
            (
                "episodes/01-s/episode-01-a/code/Main.java",
                "public class Main {\n    public static void main(String[] args) {\n        int x = 1 +;\n    }\n}\n",
            ),
            ("episodes/01-s/episode-01-a/code/ok.py", "print('fine')\n"),
            ("episodes/01-s/episode-01-a/code/notes.txt", "not code (\n"),
        ],
        "",
    );
    let found = findings(&loaded);
    assert_eq!(found.len(), 1, "{found:?}");
    let (d, line, column) = &found[0];
    assert_eq!(d.file, "episodes/01-s/episode-01-a/code/Main.java");
    assert_eq!((*line, *column), (3, 19));
    assert_eq!(d.severity, Severity::Error);
    assert!(
        d.message.starts_with("syntax error in this Java file: "),
        "{}",
        d.message
    );
}

#[test]
fn severity_settings_and_an_episode_allowance_cover_fences_and_code_files() {
    let files = [(
        "episodes/01-s/episode-01-a/code/main.go",
        "package main\n\nfunc main() {\n",
    )];
    let broken = format!("{HEAD}```yaml\na: [1\n```\n");
    let (_dir, loaded) = course(&broken, &files, "[lint.severity]\ncode-syntax = \"note\"\n");
    let found = findings(&loaded);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|(d, _, _)| d.severity == Severity::Note));

    let allowed = format!("---\nlint_allow: [code-syntax]\n---\n{broken}");
    let (_dir, loaded) = course(&allowed, &files, "");
    assert_eq!(findings(&loaded), []);
}

#[test]
fn the_message_names_a_missing_token_and_the_count_of_more_errors() {
    let text =
        format!("{HEAD}```rust\nfn main() {{\n    let v = vec![1, 2;\n    let w = (;\n}}\n```\n");
    let (_dir, loaded) = course(&text, &[], "");
    let found = findings(&loaded);
    assert_eq!(found.len(), 1, "{found:?}");
    let message = &found[0].0.message;
    assert!(
        message.starts_with("syntax error in this Rust sample: "),
        "{message}"
    );
    assert!(message.contains("more error"), "{message}");
    assert!((6..=8).contains(&found[0].1), "inside the fence: {found:?}");
}
