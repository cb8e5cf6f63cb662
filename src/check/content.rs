//! What an episode holds, counted for the content gates: words of the script, code samples
//! (in all and by language) and tests, from its parsed document and, for an episode that is
//! a folder, its code files; and the `empty-episode` finding for one that holds nothing.

use serde::Serialize;

use crate::check::test_fences;
use crate::course::bundle::Bundle;
use crate::enhance::code;
use crate::highlight;
use crate::markdown::{CodeBlock, Document};

/// Fence languages that are never code samples: drawn or read by the tool, or plain text.
const NOT_SAMPLES: &[&str] = &[
    "mermaid",
    "metrics",
    "calculator",
    "simulator",
    "text",
    "txt",
    "plain",
    "plaintext",
];

/// An `empty-episode` finding for each episode whose file (or script) holds only blank
/// lines after its front matter, if any text at all. A folder without a script is
/// `missing-script`'s.
pub(crate) fn empty_episodes(
    parsed: &crate::pipeline::Parsed<'_>,
) -> Vec<crate::diagnostic::Diagnostic> {
    parsed
        .course
        .episodes
        .iter()
        .filter(|episode| !episode.has_no_script())
        .filter_map(|episode| parsed.docs.get(episode.file))
        .filter(|doc| doc.source.text[body_start(doc)..].trim().is_empty())
        .map(|doc| {
            crate::diagnostic::Diagnostic::new(
                crate::diagnostic::RuleId::EmptyEpisode,
                &doc.source.rel_path,
                0..0,
                "this episode is empty: its page shows nothing but a title",
            )
            .help("write the episode, or move the file out of episodes/ until it is written")
        })
        .collect()
}

/// Where a document's body starts: after its front matter's closing line, or after a byte
/// order mark.
fn body_start(doc: &crate::markdown::Document<'_>) -> usize {
    let text = &doc.source.text;
    match &doc.front_matter {
        Some(front) => text[front.span.end..]
            .find('\n')
            .map_or(text.len(), |newline| front.span.end + newline + 1),
        None => doc.source.content_start(),
    }
}

/// The counts of one episode.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Words of the rendered script (see [`crate::markdown::words`]).
    pub words: usize,
    /// Code samples: sample fences plus code files.
    pub code_samples: usize,
    /// Code samples by the highlighter's language token, sorted by language (samples of a
    /// language the highlighter does not know count in `code_samples` only).
    pub languages: Vec<LanguageCount>,
    /// Tests: test fences plus test files (in a language the highlighter knows).
    pub tests: usize,
}

/// The code samples of one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LanguageCount {
    /// The highlighter's token (`python`, `java`, `go`).
    pub language: String,
    /// How many.
    pub count: usize,
}

impl Counts {
    /// The code samples in `language` (a highlighter token).
    pub fn in_language(&self, language: &str) -> usize {
        self.languages
            .iter()
            .find(|l| l.language == language)
            .map_or(0, |l| l.count)
    }

    fn add_sample(&mut self, language: Option<String>, test: bool) {
        self.code_samples += 1;
        self.tests += usize::from(test);
        if let Some(language) = language {
            match self
                .languages
                .binary_search_by(|l| l.language.as_str().cmp(&language))
            {
                Ok(at) => self.languages[at].count += 1,
                Err(at) => self
                    .languages
                    .insert(at, LanguageCount { language, count: 1 }),
            }
        }
    }
}

/// Whether a code block counts as a code sample: it names a language other than the tool's
/// own fences and plain text, and it is not a stub.
pub fn is_sample(block: &CodeBlock) -> bool {
    block
        .lang
        .as_deref()
        .is_some_and(|lang| !NOT_SAMPLES.contains(&lang))
        && !code::is_stub(&block.code)
}

/// Counts an episode: its document, and the code files of its folder when it is one.
pub fn count(doc: &Document<'_>, bundle: Option<&Bundle>) -> Counts {
    let mut counts = Counts {
        words: doc.words,
        ..Counts::default()
    };
    for block in doc.code_blocks.iter().filter(|b| is_sample(b)) {
        let token = block.lang.as_deref().and_then(highlight::language_token);
        let test = test_fences::is_test(block, token.as_deref());
        counts.add_sample(token, test);
    }
    // A test file counts when it is code (a data file in a `tests/` folder is not a test).
    for file in bundle
        .iter()
        .flat_map(|b| &b.code)
        .filter(|f| f.is_sample())
    {
        counts.add_sample(file.language.clone(), file.test);
    }
    counts
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::course::bundle::CodeFile;
    use crate::source::SourceFile;

    fn doc_of(text: &str) -> Document<'static> {
        let source = Box::leak(Box::new(SourceFile::from_string("t.md", text)));
        crate::markdown::parse(source)
    }

    fn code_file(path: &str, text: &str) -> CodeFile {
        CodeFile::new(
            Arc::new(SourceFile::from_string(path, text)),
            "episodes/ep-1",
        )
    }

    fn languages(counts: &Counts) -> Vec<(&str, usize)> {
        counts
            .languages
            .iter()
            .map(|l| (l.language.as_str(), l.count))
            .collect()
    }

    #[test]
    fn fences_count_by_language_and_tests_by_convention() {
        let doc = doc_of(concat!(
            "# Episode 1: Gates\n\nSome words here.\n\n",
            "```python\nx = 1\n```\n\n",
            "```py\ndef test_x():\n    assert 1\n```\n\n",
            "```go\nfunc TestX(t *testing.T) {\n\tcheck(t)\n}\n```\n\n",
            "```mermaid\ngraph TD\n A-->B\n```\n\n",
            "```text\nplain\n```\n\n",
            "```python\ndef stub():\n    pass\n```\n\n",
            "```klingon\nqapla\n```\n",
        ));
        let counts = count(&doc, None);
        assert_eq!(counts.words, 6);
        assert_eq!(
            counts.code_samples, 4,
            "the unknown language counts, in no language"
        );
        assert_eq!(languages(&counts), [("go", 1), ("python", 2)]);
        assert_eq!(counts.tests, 2);
        assert_eq!(counts.in_language("java"), 0);
    }

    #[test]
    fn code_files_of_a_folder_count_as_samples_and_tests() {
        let doc = doc_of(
            "# Episode 1: Gates\n\n```java\nclass A {\n  int a() {\n    return 1;\n  }\n}\n```\n",
        );
        let bundle = Bundle {
            dir: "episodes/ep-1".to_owned(),
            parts: Vec::new(),
            code: vec![
                code_file("episodes/ep-1/code/python/sim.py", "print(1)\n"),
                code_file(
                    "episodes/ep-1/code/python/test_sim.py",
                    "def test_sim():\n    pass\n",
                ),
                code_file("episodes/ep-1/code/go/breaker_test.go", "package b\n"),
                code_file("episodes/ep-1/code/java/BreakerTest.java", "class T {}\n"),
                code_file("episodes/ep-1/code/requirements.txt", "pytest\n"),
                code_file("episodes/ep-1/code/tests/fixtures.dat", "1 2 3\n"),
            ],
            ..Default::default()
        };
        let counts = count(&doc, Some(&bundle));
        assert_eq!(
            counts.code_samples, 5,
            "1 fence + 4 files in known languages"
        );
        assert_eq!(languages(&counts), [("go", 1), ("java", 2), ("python", 2)]);
        assert_eq!(
            counts.tests, 3,
            "test files in known languages; not a data file in a tests folder"
        );
    }
}
