//! The content gates of `[lint]`: `min_words`, `min_code_samples`,
//! `min_code_samples_per_language` and `min_tests`, course-wide or per series.
//!
//! Each episode is counted once ([`content::count`]) and each configured gate gives a
//! [`GateVerdict`]: met, or short by some number. An unmet gate is a finding at the episode's
//! title ([`check`]); every verdict, with the counts, makes the content table of the coverage
//! report ([`coverage`]), in the terminal, in JSON and on the site. An episode with no script
//! yet is never judged (another rule reports the missing script) but is listed, counted at zero.

use rayon::prelude::*;
use serde::Serialize;

use crate::check::content::{self, Counts, LanguageCount};
use crate::check::counts::{Requirements, requirements_for};
use crate::check::recommendations::title_span;
use crate::course::load::Loaded;
use crate::course::{Course, Episode};
use crate::diagnostic::{Diagnostic, RuleId};
use crate::pipeline::Parsed;
use crate::text::{plural, plural_word};

/// A content gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Gate {
    /// `min_words`.
    #[serde(rename = "min_words")]
    Words,
    /// `min_code_samples`.
    #[serde(rename = "min_code_samples")]
    CodeSamples,
    /// `min_code_samples_per_language`.
    #[serde(rename = "min_code_samples_per_language")]
    CodeSamplesPerLanguage,
    /// `min_tests`.
    #[serde(rename = "min_tests")]
    Tests,
}

impl Gate {
    /// Every gate, in column order.
    pub const ALL: [Gate; 4] = [
        Gate::Words,
        Gate::CodeSamples,
        Gate::CodeSamplesPerLanguage,
        Gate::Tests,
    ];

    /// The `book.toml` key.
    pub fn key(self) -> &'static str {
        match self {
            Gate::Words => "min_words",
            Gate::CodeSamples => "min_code_samples",
            Gate::CodeSamplesPerLanguage => "min_code_samples_per_language",
            Gate::Tests => "min_tests",
        }
    }

    /// A short column heading.
    pub fn heading(self) -> &'static str {
        match self {
            Gate::Words => "words gate",
            Gate::CodeSamples => "samples gate",
            Gate::CodeSamplesPerLanguage => "languages gate",
            Gate::Tests => "tests gate",
        }
    }

    fn configured(self, wanted: &Requirements<'_>) -> bool {
        match self {
            Gate::Words => wanted.words > 0,
            Gate::CodeSamples => wanted.code_samples > 0,
            Gate::CodeSamplesPerLanguage => !wanted.languages.is_empty(),
            Gate::Tests => wanted.tests > 0,
        }
    }
}

/// One gate judged for one episode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GateVerdict {
    /// The gate.
    pub gate: Gate,
    /// `true` when the episode meets it.
    pub met: bool,
    /// The minimum (for the per-language gate, the sum of its languages' minimums).
    pub wanted: usize,
    /// What the episode has (for the per-language gate, the sum over its languages).
    pub found: usize,
    /// How many are missing (for the per-language gate, the sum of each language's shortfall).
    pub short_by: usize,
    /// For the per-language gate: each configured language, in language order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<LanguageVerdict>,
    /// The verdict in words: `met`, `short by 1,200`, `short: java 1 · go 2`.
    pub text: String,
}

/// One language of the per-language gate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LanguageVerdict {
    /// The highlighter's token.
    pub language: String,
    /// The minimum.
    pub wanted: usize,
    /// The code samples in this language.
    pub found: usize,
    /// How many are missing.
    pub short_by: usize,
}

/// Judges every gate configured for an episode, in [`Gate::ALL`] order.
pub fn verdicts(counts: &Counts, wanted: &Requirements<'_>) -> Vec<GateVerdict> {
    Gate::ALL
        .into_iter()
        .filter(|gate| gate.configured(wanted))
        .map(|gate| match gate {
            Gate::Words => simple(gate, counts.words, wanted.words),
            Gate::CodeSamples => simple(gate, counts.code_samples, wanted.code_samples),
            Gate::Tests => simple(gate, counts.tests, wanted.tests),
            Gate::CodeSamplesPerLanguage => by_language(counts, &wanted.languages),
        })
        .collect()
}

fn simple(gate: Gate, found: usize, wanted: usize) -> GateVerdict {
    let short_by = wanted.saturating_sub(found);
    GateVerdict {
        gate,
        met: short_by == 0,
        wanted,
        found,
        short_by,
        languages: Vec::new(),
        text: if short_by == 0 {
            "met".to_owned()
        } else {
            format!("short by {}", thousands(short_by))
        },
    }
}

fn by_language(counts: &Counts, wanted: &[(String, usize)]) -> GateVerdict {
    let languages: Vec<LanguageVerdict> = wanted
        .iter()
        .map(|(language, min)| {
            let found = counts.in_language(language);
            LanguageVerdict {
                language: language.clone(),
                wanted: *min,
                found,
                short_by: min.saturating_sub(found),
            }
        })
        .collect();
    let short_by = languages.iter().map(|l| l.short_by).sum();
    let short: Vec<String> = languages
        .iter()
        .filter(|l| l.short_by > 0)
        .map(|l| format!("{} {}", l.language, l.short_by))
        .collect();
    GateVerdict {
        gate: Gate::CodeSamplesPerLanguage,
        met: short_by == 0,
        wanted: languages.iter().map(|l| l.wanted).sum(),
        found: languages.iter().map(|l| l.found).sum(),
        short_by,
        text: if short.is_empty() {
            "met".to_owned()
        } else {
            format!("short: {}", short.join(" · "))
        },
        languages,
    }
}

/// Whether the episode is a folder with no script yet.
pub fn has_no_script(loaded: &Loaded, episode: &Episode) -> bool {
    loaded
        .episodes
        .get(episode.file)
        .and_then(|f| f.bundle.as_ref())
        .is_some_and(|b| b.has_no_script())
}

/// One finding per unmet gate of every episode that has a script.
pub fn check(parsed: &Parsed<'_>) -> Vec<Diagnostic> {
    let lint = &parsed.course.config.lint;
    parsed
        .course
        .episodes
        .par_iter()
        .flat_map_iter(|episode| {
            let wanted = requirements_for(lint, &episode.id.series);
            let configured = Gate::ALL.iter().any(|g| g.configured(&wanted));
            let Some(doc) = parsed.docs.get(episode.file) else {
                return Vec::new();
            };
            if !configured || has_no_script(parsed.loaded, episode) {
                return Vec::new();
            }
            let bundle = parsed.loaded.episodes[episode.file].bundle.as_deref();
            let counts = content::count(doc, bundle);
            verdicts(&counts, &wanted)
                .iter()
                .filter(|v| !v.met)
                .map(|v| {
                    let (rule, message, help) = finding(episode.id.number, v);
                    Diagnostic::new(rule, &doc.source.rel_path, title_span(doc), message).help(help)
                })
                .collect()
        })
        .collect()
}

/// The rule, message and help of an unmet gate.
fn finding(number: u32, v: &GateVerdict) -> (RuleId, String, String) {
    let (found, wanted) = (thousands(v.found), thousands(v.wanted));
    match v.gate {
        Gate::Words => (
            RuleId::TooFewWords,
            format!(
                "episode {number} has {found} {}; at least {wanted} required",
                plural_word(v.found, "word")
            ),
            format!(
                "write {} more {} of script (code, front matter, URLs and Markdown syntax do not count), or lower `min_words`",
                thousands(v.short_by),
                plural_word(v.short_by, "word")
            ),
        ),
        Gate::CodeSamples => (
            RuleId::MissingCodeSample,
            format!(
                "episode {number} has {found} {}; at least {wanted} required",
                plural_word(v.found, "code sample")
            ),
            format!(
                "add {}: fenced code with its language (```python, ```go, …) that does real work, or code files in the episode's folder",
                plural(v.short_by, "code sample")
            ),
        ),
        Gate::Tests => (
            RuleId::TooFewTests,
            format!(
                "episode {number} has {}; at least {wanted} required",
                plural(v.found, "test")
            ),
            format!(
                "add {}: a test file in the episode's folder (`test_*.py`, `*_test.go`, `*Test.java`), or a fence that declares one (`def test_…`, `@Test`, `func TestX(t *testing.T)`, `#[test]`, `it(` inside `describe(`) or names a test file (```python title=\"test_x.py\")",
                plural(v.short_by, "test")
            ),
        ),
        Gate::CodeSamplesPerLanguage => {
            let short: Vec<&LanguageVerdict> =
                v.languages.iter().filter(|l| l.short_by > 0).collect();
            let listed: Vec<String> = short
                .iter()
                .map(|l| format!("{} {} of {}", l.language, l.found, l.wanted))
                .collect();
            let to_add: Vec<String> = short
                .iter()
                .map(|l| format!("{} {}", l.short_by, l.language))
                .collect();
            (
                RuleId::TooFewLanguageSamples,
                format!(
                    "episode {number} is short of code samples in {}: {}",
                    plural(short.len(), "language"),
                    listed.join(", ")
                ),
                format!(
                    "add {} (fenced code with that language, or code files in the episode's folder)",
                    join_and(&to_add)
                ),
            )
        }
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A count with `,` between thousands (`20,000`).
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The content table of the coverage report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ContentCoverage {
    /// The gates configured for at least one episode, in column order.
    pub gates: Vec<Gate>,
    /// What the gates ask, once for the whole course when every series asks the same, else
    /// once per group of series that ask the same (empty with no gate configured).
    pub settings: Vec<GateSetting>,
    /// One row per episode, in course order (drafts and episodes with no script included).
    pub rows: Vec<ContentRow>,
    /// Sums over all rows.
    pub totals: ContentTotals,
}

/// What the gates ask of the episodes of some series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GateSetting {
    /// The series slugs, or `None` for every series.
    pub series: Option<Vec<String>>,
    /// `words ≥ 20,000 · code samples ≥ 15 · go ≥ 3, python ≥ 8 · tests ≥ 2`, or `none`.
    pub text: String,
}

/// One episode's counts and verdicts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContentRow {
    /// Series slug.
    pub series: String,
    /// Series display name.
    pub series_name: String,
    /// Episode number.
    pub number: u32,
    /// Episode title.
    pub title: String,
    /// Page path relative to the site root.
    pub url: String,
    /// The episode's file (its folder, for an episode that is one), course-relative.
    pub file: String,
    /// The episode is a folder with no script yet: counted at zero, not judged.
    pub no_script: bool,
    /// The counts.
    #[serde(flatten)]
    pub counts: Counts,
    /// `python 9 · java 3 · go 2`, or `—` with no code samples in a known language.
    pub languages_text: String,
    /// The verdict of each gate configured for this episode (empty with no script).
    pub gates: Vec<GateVerdict>,
}

impl ContentRow {
    /// The verdict of `gate`, when it is configured for this episode.
    pub fn verdict(&self, gate: Gate) -> Option<&GateVerdict> {
        self.gates.iter().find(|v| v.gate == gate)
    }
}

/// Sums over all rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ContentTotals {
    /// Episodes.
    pub episodes: usize,
    /// Episodes with no script yet.
    pub no_script: usize,
    /// Words.
    pub words: usize,
    /// Code samples.
    pub code_samples: usize,
    /// Code samples by language.
    pub languages: Vec<LanguageCount>,
    /// `python 20 · java 9 · go 8`.
    pub languages_text: String,
    /// Tests.
    pub tests: usize,
    /// Verdicts met.
    pub met: usize,
    /// Verdicts short.
    pub short: usize,
}

/// The content table: every episode of the course counted and judged.
pub fn coverage(parsed: &Parsed<'_>) -> ContentCoverage {
    let course: &Course = parsed.course;
    let lint = &course.config.lint;
    let rows: Vec<ContentRow> = course
        .episodes
        .par_iter()
        .map(|episode| {
            let file = parsed.loaded.episodes.get(episode.file);
            let bundle = file.and_then(|f| f.bundle.as_deref());
            let no_script = has_no_script(parsed.loaded, episode);
            let counts = match parsed.docs.get(episode.file) {
                Some(doc) if !no_script => content::count(doc, bundle),
                _ => Counts::default(),
            };
            let gates = if no_script {
                Vec::new()
            } else {
                verdicts(&counts, &requirements_for(lint, &episode.id.series))
            };
            ContentRow {
                series: episode.id.series.clone(),
                series_name: course
                    .series
                    .get(episode.series)
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
                number: episode.id.number,
                title: episode.title.clone(),
                url: episode.url.clone(),
                file: match bundle {
                    Some(b) => b.dir.clone(),
                    None => file.map(|f| f.source.rel_path.clone()).unwrap_or_default(),
                },
                no_script,
                languages_text: languages_text(&counts.languages),
                counts,
                gates,
            }
        })
        .collect();
    let wanted: Vec<(&str, Requirements<'_>)> = course
        .series
        .iter()
        .map(|s| (s.slug.as_str(), requirements_for(lint, &s.slug)))
        .collect();
    let mut gates: Vec<Gate> = wanted
        .iter()
        .flat_map(|(_, w)| Gate::ALL.into_iter().filter(move |g| g.configured(w)))
        .collect();
    gates.sort();
    gates.dedup();
    let settings = if gates.is_empty() {
        Vec::new()
    } else {
        settings(&wanted)
    };
    let totals = totals(&rows);
    ContentCoverage {
        gates,
        settings,
        rows,
        totals,
    }
}

/// The gate settings grouped by what they ask, in the order series are first seen.
fn settings(wanted: &[(&str, Requirements<'_>)]) -> Vec<GateSetting> {
    let mut groups: Vec<GateSetting> = Vec::new();
    for (slug, w) in wanted {
        let text = setting_text(w);
        match groups.iter_mut().find(|g| g.text == text) {
            Some(group) => group
                .series
                .get_or_insert_with(Vec::new)
                .push((*slug).to_owned()),
            None => groups.push(GateSetting {
                series: Some(vec![(*slug).to_owned()]),
                text,
            }),
        }
    }
    if let [only] = groups.as_mut_slice() {
        only.series = None;
    }
    groups
}

fn setting_text(w: &Requirements<'_>) -> String {
    let mut parts = Vec::new();
    if w.words > 0 {
        parts.push(format!("words ≥ {}", thousands(w.words)));
    }
    if w.code_samples > 0 {
        parts.push(format!("code samples ≥ {}", thousands(w.code_samples)));
    }
    if !w.languages.is_empty() {
        let each: Vec<String> = w
            .languages
            .iter()
            .map(|(l, n)| format!("{l} ≥ {n}"))
            .collect();
        parts.push(each.join(", "));
    }
    if w.tests > 0 {
        parts.push(format!("tests ≥ {}", thousands(w.tests)));
    }
    if parts.is_empty() {
        "none".to_owned()
    } else {
        parts.join(" · ")
    }
}

fn totals(rows: &[ContentRow]) -> ContentTotals {
    let mut totals = ContentTotals {
        episodes: rows.len(),
        ..ContentTotals::default()
    };
    let mut languages = std::collections::BTreeMap::<&str, usize>::new();
    for row in rows {
        totals.no_script += usize::from(row.no_script);
        totals.words += row.counts.words;
        totals.code_samples += row.counts.code_samples;
        totals.tests += row.counts.tests;
        for l in &row.counts.languages {
            *languages.entry(&l.language).or_default() += l.count;
        }
        totals.met += row.gates.iter().filter(|v| v.met).count();
        totals.short += row.gates.iter().filter(|v| !v.met).count();
    }
    totals.languages = languages
        .into_iter()
        .map(|(language, count)| LanguageCount {
            language: language.to_owned(),
            count,
        })
        .collect();
    totals.languages_text = languages_text(&totals.languages);
    totals
}

/// `go 2 · java 3 · python 9` (in language order), or `—`.
fn languages_text(languages: &[LanguageCount]) -> String {
    if languages.is_empty() {
        return "—".to_owned();
    }
    languages
        .iter()
        .map(|l| format!("{} {}", l.language, l.count))
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(words: usize, samples: usize, languages: &[(&str, usize)], tests: usize) -> Counts {
        Counts {
            words,
            code_samples: samples,
            languages: languages
                .iter()
                .map(|(l, c)| LanguageCount {
                    language: (*l).to_owned(),
                    count: *c,
                })
                .collect(),
            tests,
        }
    }

    fn wanted() -> Requirements<'static> {
        Requirements {
            words: 20_000,
            code_samples: 15,
            languages: vec![
                ("go".to_owned(), 3),
                ("java".to_owned(), 3),
                ("python".to_owned(), 8),
            ],
            tests: 2,
            ..Requirements::default()
        }
    }

    #[test]
    fn each_gate_is_met_or_short_by_what_is_missing() {
        let found = counts(18_800, 15, &[("go", 2), ("java", 3), ("python", 10)], 0);
        let v = verdicts(&found, &wanted());
        let texts: Vec<(Gate, &str)> = v.iter().map(|v| (v.gate, v.text.as_str())).collect();
        assert_eq!(
            texts,
            [
                (Gate::Words, "short by 1,200"),
                (Gate::CodeSamples, "met"),
                (Gate::CodeSamplesPerLanguage, "short: go 1"),
                (Gate::Tests, "short by 2"),
            ]
        );
        assert_eq!(v[2].short_by, 1);
        assert!(v[1].met && !v[0].met);
    }

    #[test]
    fn only_configured_gates_are_judged() {
        let v = verdicts(&counts(0, 0, &[], 0), &Requirements::default());
        assert!(v.is_empty());
        let only_tests = Requirements {
            tests: 1,
            ..Requirements::default()
        };
        let v = verdicts(&counts(0, 0, &[], 1), &only_tests);
        assert_eq!(v.len(), 1);
        assert!(v[0].met);
    }

    #[test]
    fn findings_give_found_and_wanted_per_language_in_one_message() {
        let found = counts(100, 3, &[("python", 3)], 1);
        let v = verdicts(&found, &wanted());
        let (rule, message, help) = finding(4, &v[2]);
        assert_eq!(rule, RuleId::TooFewLanguageSamples);
        assert_eq!(
            message,
            "episode 4 is short of code samples in 3 languages: go 0 of 3, java 0 of 3, python 3 of 8"
        );
        assert!(
            help.starts_with("add 3 go, 3 java and 5 python (fenced code"),
            "{help}"
        );
        let (rule, message, help) = finding(4, &v[0]);
        assert_eq!(rule, RuleId::TooFewWords);
        assert_eq!(message, "episode 4 has 100 words; at least 20,000 required");
        assert!(help.starts_with("write 19,900 more words"), "{help}");
        let (rule, message, _) = finding(4, &v[3]);
        assert_eq!(rule, RuleId::TooFewTests);
        assert_eq!(message, "episode 4 has 1 test; at least 2 required");
    }

    /// An episode folder's name, its script (empty for none) and its code files (path in the
    /// folder, text).
    type FolderEpisode<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

    /// A parsed course of folder episodes built by hand: each episode's script (empty for
    /// none) and code files.
    fn with_course<T>(
        book: &str,
        episodes: &[FolderEpisode<'_>],
        then: impl FnOnce(&Parsed<'_>) -> T,
    ) -> T {
        use crate::course::bundle::{Bundle, CodeFile, ScriptPart};
        use crate::course::load::EpisodeFile;
        use crate::source::SourceFile;
        use std::sync::Arc;
        let config = crate::config::from_toml(std::path::Path::new("/course"), book);
        let episodes = episodes
            .iter()
            .map(|(dir, script, code)| {
                let dir = format!("episodes/01-basics/{dir}");
                let source = Arc::new(SourceFile::from_string(
                    if script.is_empty() {
                        dir.clone()
                    } else {
                        format!("{dir}/script.md")
                    },
                    *script,
                ));
                let bundle = Bundle {
                    parts: if script.is_empty() {
                        Vec::new()
                    } else {
                        vec![ScriptPart {
                            source: Arc::clone(&source),
                            start: 0,
                        }]
                    },
                    code: code
                        .iter()
                        .map(|(path, text)| {
                            CodeFile::new(
                                Arc::new(SourceFile::from_string(format!("{dir}/{path}"), *text)),
                                &dir,
                            )
                        })
                        .collect(),
                    dir,
                    ..Default::default()
                };
                EpisodeFile {
                    series_dir: "01-basics".to_owned(),
                    source,
                    bundle: Some(Arc::new(bundle)),
                }
            })
            .collect();
        let loaded = Loaded {
            config,
            episodes,
            enhancements: Vec::new(),
            diagnostics: Vec::new(),
        };
        let files =
            crate::pipeline::parse_files(&loaded, &crate::mermaid::MermaidEngine::new(), None);
        let model = crate::pipeline::Model::assemble(&loaded, &files);
        let parsed = model.view(&loaded, &files);
        then(&parsed)
    }

    const BOOK: &str = "[lint]\nmin_code_samples = 4\nmin_code_samples_per_language = { python = 2, go = 1 }\nmin_tests = 2\n";

    #[test]
    fn code_files_of_folder_episodes_count_toward_the_gates() {
        let code: &[(&str, &str)] = &[
            ("code/python/sim.py", "print(1)\n"),
            (
                "code/python/test_sim.py",
                "def test_sim():\n    assert True\n",
            ),
            ("code/go/sim_test.go", "package sim\n"),
            ("code/requirements.txt", "pytest\n"),
        ];
        let script = "# Episode 1: Folders\n\nWords of the script.\n\n```java\nclass A {\n  int a() {\n    return 1;\n  }\n}\n```\n";
        let (findings, content) = with_course(BOOK, &[("episode-01-folders", script, code)], |p| {
            (check(p), coverage(p))
        });
        assert!(findings.is_empty(), "{findings:?}");
        let row = &content.rows[0];
        assert_eq!(row.file, "episodes/01-basics/episode-01-folders");
        assert_eq!(row.counts.code_samples, 4, "a fence and three code files");
        assert_eq!(row.languages_text, "go 1 · java 1 · python 2");
        assert_eq!(row.counts.tests, 2);
        assert!(row.gates.iter().all(|v| v.met), "{:?}", row.gates);
    }

    #[test]
    fn missing_code_files_make_the_gates_short() {
        let code: &[(&str, &str)] = &[("code/python/sim.py", "print(1)\n")];
        let script = "# Episode 1: Folders\n\nWords.\n";
        let findings = with_course(BOOK, &[("episode-01-folders", script, code)], check);
        let messages: Vec<(&str, &str)> = findings
            .iter()
            .map(|d| (d.rule.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                (
                    "missing-code-sample",
                    "episode 1 has 1 code sample; at least 4 required"
                ),
                (
                    "too-few-language-samples",
                    "episode 1 is short of code samples in 2 languages: go 0 of 1, python 1 of 2"
                ),
                (
                    "too-few-tests",
                    "episode 1 has 0 tests; at least 2 required"
                ),
            ]
        );
    }

    #[test]
    fn an_episode_with_no_script_is_listed_but_not_judged() {
        let code: &[(&str, &str)] = &[("code/python/sim.py", "print(1)\n")];
        let (findings, content) = with_course(BOOK, &[("episode-02-later", "", code)], |p| {
            (check(p), coverage(p))
        });
        assert!(findings.is_empty(), "{findings:?}");
        let row = &content.rows[0];
        assert!(row.no_script);
        assert_eq!(row.counts, Counts::default(), "counted at zero");
        assert!(row.gates.is_empty());
        assert_eq!(content.totals.no_script, 1);
        let table = crate::report::matrix::render_content(&content);
        assert!(table.contains("no script yet"), "{table}");
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(20_000), "20,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
