//! The tree-sitter grammars: which language names they serve and how each is configured.
//!
//! A grammar's highlight configuration (its compiled queries) is built once per process, the
//! first time it is needed, and then shared by every thread. Compiling a grammar's queries
//! costs milliseconds (tens for TypeScript and C++). A build compiles the grammars its pages
//! will highlight at the start of the syntax check ([`Grammars::compile_all`]), the costliest
//! first, on one thread while the others check diagrams: the compilations start at once rather
//! than when the first block of their language comes up, and the longest is not left running
//! alone at the end. Each configuration keeps the time its compilation took, which
//! `episode build -v` reports ([`Grammars::compiled`]).
//!
//! JavaScript, TypeScript and TSX have two configurations: one without the injections query,
//! which only tagged templates use, and one with it, compiled only for a block that uses it
//! ([`super::tagged`]).

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use tree_sitter_highlight::HighlightConfiguration;

use super::classes;

/// A language highlighted by tree-sitter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grammar {
    /// Bash and POSIX shell.
    Bash,
    /// C.
    C,
    /// C++.
    Cpp,
    /// Go.
    Go,
    /// Java.
    Java,
    /// JavaScript, JSX included.
    JavaScript,
    /// JSON.
    Json,
    /// Python.
    Python,
    /// Rust.
    Rust,
    /// TOML.
    Toml,
    /// TSX.
    Tsx,
    /// TypeScript.
    TypeScript,
    /// YAML.
    Yaml,
}

/// Every grammar, in the order of [`Grammars`]' slots.
pub const ALL: [Grammar; 13] = [
    Grammar::Bash,
    Grammar::C,
    Grammar::Cpp,
    Grammar::Go,
    Grammar::Java,
    Grammar::JavaScript,
    Grammar::Json,
    Grammar::Python,
    Grammar::Rust,
    Grammar::Toml,
    Grammar::Tsx,
    Grammar::TypeScript,
    Grammar::Yaml,
];

/// The deepest indentation, in columns of leading spaces and block markers (`- `, `? `,
/// `: `), a YAML block may reach before tree-sitter's YAML scanner is handed it. The scanner
/// keeps one entry per open indentation level and aborts the process (a C assertion, which
/// nothing can catch) past about 250 of them.
pub(crate) const MAX_YAML_INDENT: usize = 200;

/// Whether no line of `code` is indented, in spaces and block markers (`- `, `? `, `: `),
/// past [`MAX_YAML_INDENT`] columns.
fn within_yaml_indent(code: &str) -> bool {
    code.lines().all(|line| {
        line.bytes()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'-' | b'?' | b':'))
            .count()
            <= MAX_YAML_INDENT
    })
}

impl Grammar {
    /// Whether tree-sitter can parse `code` in this grammar without tripping a limit of its
    /// scanner: a YAML block indented deeper than [`MAX_YAML_INDENT`] cannot.
    pub fn takes(self, code: &str) -> bool {
        self != Self::Yaml || within_yaml_indent(code)
    }

    /// [`Self::takes`] for highlighting, which also hands the templates a block tags with a
    /// language (`` yaml`…` ``) to that language's grammar: a block that could tag YAML
    /// is held to YAML's limit too.
    pub fn highlights(self, code: &str) -> bool {
        self.takes(code) && (!self.injects_tagged_templates() || within_yaml_indent(code))
    }

    /// The grammar for a language token (already resolved through the common aliases).
    pub fn for_token(token: &str) -> Option<Self> {
        let grammar = match token {
            "bash" | "sh" => Self::Bash,
            "c" | "h" => Self::C,
            "cpp" | "cc" | "cxx" | "hpp" | "hh" | "hxx" => Self::Cpp,
            "go" => Self::Go,
            "java" => Self::Java,
            "javascript" | "mjs" | "cjs" => Self::JavaScript,
            "json" => Self::Json,
            "python" => Self::Python,
            "rust" => Self::Rust,
            "toml" => Self::Toml,
            "typescriptreact" => Self::Tsx,
            "typescript" | "mts" | "cts" => Self::TypeScript,
            "yaml" => Self::Yaml,
            _ => return None,
        };
        Some(grammar)
    }

    /// The grammar's name, as given to tree-sitter.
    pub fn name(self) -> &'static str {
        match self {
            Self::Bash => "bash",
            Self::C => "c",
            Self::Cpp => "cpp",
            Self::Go => "go",
            Self::Java => "java",
            Self::JavaScript => "javascript",
            Self::Json => "json",
            Self::Python => "python",
            Self::Rust => "rust",
            Self::Toml => "toml",
            Self::Tsx => "tsx",
            Self::TypeScript => "typescript",
            Self::Yaml => "yaml",
        }
    }

    /// The language as people write it (`Python`, `C++`, `shell`), for messages.
    pub fn display_name(self) -> &'static str {
        match self {
            Self::Bash => "shell",
            Self::C => "C",
            Self::Cpp => "C++",
            Self::Go => "Go",
            Self::Java => "Java",
            Self::JavaScript => "JavaScript",
            Self::Json => "JSON",
            Self::Python => "Python",
            Self::Rust => "Rust",
            Self::Toml => "TOML",
            Self::Tsx => "TSX",
            Self::TypeScript => "TypeScript",
            Self::Yaml => "YAML",
        }
    }

    /// The tree-sitter parser's language.
    pub fn language(self) -> tree_sitter::Language {
        let language = match self {
            Self::Bash => tree_sitter_bash::LANGUAGE,
            Self::C => tree_sitter_c::LANGUAGE,
            Self::Cpp => tree_sitter_cpp::LANGUAGE,
            Self::Go => tree_sitter_go::LANGUAGE,
            Self::Java => tree_sitter_java::LANGUAGE,
            Self::JavaScript => tree_sitter_javascript::LANGUAGE,
            Self::Json => tree_sitter_json::LANGUAGE,
            Self::Python => tree_sitter_python::LANGUAGE,
            Self::Rust => tree_sitter_rust::LANGUAGE,
            Self::Toml => tree_sitter_toml_ng::LANGUAGE,
            Self::Tsx => tree_sitter_typescript::LANGUAGE_TSX,
            Self::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT,
            Self::Yaml => tree_sitter_yaml::LANGUAGE,
        };
        language.into()
    }

    /// Whether the grammar's highlighting reads one tree and nothing else: it has no injections
    /// query (code in another language inside its code) and no locals query (names tracked
    /// across scopes), so a tree parsed elsewhere can be highlighted ([`super::from_tree`]).
    pub fn is_one_layer(self) -> bool {
        !matches!(
            self,
            Self::JavaScript | Self::Rust | Self::Tsx | Self::TypeScript
        )
    }

    /// Whether the grammar's injections query only highlights tagged templates (those of
    /// JavaScript, TypeScript and TSX): its configuration is then built without it unless a
    /// block may hold one ([`Grammars::config_for`]).
    pub fn injects_tagged_templates(self) -> bool {
        matches!(self, Self::JavaScript | Self::Tsx | Self::TypeScript)
    }

    /// The grammar's position in [`ALL`].
    pub fn slot(self) -> usize {
        ALL.iter().position(|g| *g == self).unwrap_or_default()
    }

    /// The parser and the highlights, injections and locals queries the grammar crate bundles;
    /// without `tagged_templates`, no injections query for a grammar whose injections are only
    /// tagged templates ([`Self::injects_tagged_templates`]).
    fn queries(
        self,
        tagged_templates: bool,
    ) -> (tree_sitter::Language, String, &'static str, String) {
        use tree_sitter_javascript as js;
        use tree_sitter_typescript as ts;
        let (language, highlights, injections, locals) = match self {
            Self::Bash => (
                tree_sitter_bash::LANGUAGE,
                vec![tree_sitter_bash::HIGHLIGHT_QUERY],
                "",
                vec![],
            ),
            Self::C => (
                tree_sitter_c::LANGUAGE,
                vec![tree_sitter_c::HIGHLIGHT_QUERY],
                "",
                vec![],
            ),
            // The C++ queries extend the C ones, as the grammar's own configuration layers them.
            Self::Cpp => (
                tree_sitter_cpp::LANGUAGE,
                vec![
                    tree_sitter_c::HIGHLIGHT_QUERY,
                    tree_sitter_cpp::HIGHLIGHT_QUERY,
                ],
                "",
                vec![],
            ),
            Self::Go => (
                tree_sitter_go::LANGUAGE,
                vec![tree_sitter_go::HIGHLIGHTS_QUERY],
                "",
                vec![],
            ),
            Self::Java => (
                tree_sitter_java::LANGUAGE,
                vec![tree_sitter_java::HIGHLIGHTS_QUERY],
                "",
                vec![],
            ),
            Self::JavaScript => (
                js::LANGUAGE,
                vec![js::HIGHLIGHT_QUERY, js::JSX_HIGHLIGHT_QUERY],
                js::INJECTIONS_QUERY,
                vec![js::LOCALS_QUERY],
            ),
            Self::Json => (
                tree_sitter_json::LANGUAGE,
                vec![tree_sitter_json::HIGHLIGHTS_QUERY],
                "",
                vec![],
            ),
            Self::Python => (
                tree_sitter_python::LANGUAGE,
                vec![tree_sitter_python::HIGHLIGHTS_QUERY],
                "",
                vec![],
            ),
            Self::Rust => (
                tree_sitter_rust::LANGUAGE,
                vec![tree_sitter_rust::HIGHLIGHTS_QUERY],
                tree_sitter_rust::INJECTIONS_QUERY,
                vec![],
            ),
            Self::Toml => (
                tree_sitter_toml_ng::LANGUAGE,
                vec![tree_sitter_toml_ng::HIGHLIGHTS_QUERY],
                "",
                vec![],
            ),
            // TypeScript's queries only add to JavaScript's: the TypeScript ones come first.
            Self::Tsx => (
                ts::LANGUAGE_TSX,
                vec![
                    ts::HIGHLIGHTS_QUERY,
                    js::HIGHLIGHT_QUERY,
                    js::JSX_HIGHLIGHT_QUERY,
                ],
                js::INJECTIONS_QUERY,
                vec![ts::LOCALS_QUERY, js::LOCALS_QUERY],
            ),
            Self::TypeScript => (
                ts::LANGUAGE_TYPESCRIPT,
                vec![ts::HIGHLIGHTS_QUERY, js::HIGHLIGHT_QUERY],
                js::INJECTIONS_QUERY,
                vec![ts::LOCALS_QUERY, js::LOCALS_QUERY],
            ),
            Self::Yaml => (
                tree_sitter_yaml::LANGUAGE,
                vec![tree_sitter_yaml::HIGHLIGHTS_QUERY],
                "",
                vec![],
            ),
        };
        let injections = if self.injects_tagged_templates() && !tagged_templates {
            ""
        } else {
            injections
        };
        (
            language.into(),
            highlights.join("\n"),
            injections,
            locals.join("\n"),
        )
    }

    /// The length of the grammar's queries, together, as compiled first.
    fn query_len(self) -> usize {
        let (_, highlights, injections, locals) = self.queries(false);
        highlights.len() + injections.len() + locals.len()
    }

    /// Compiles the grammar's queries (with those of tagged templates or not: [`Self::queries`])
    /// and maps their captures onto the class scheme.
    fn configure(self, tagged_templates: bool) -> Result<Configured, tree_sitter::QueryError> {
        let started = Instant::now();
        let (language, highlights, injections, locals) = self.queries(tagged_templates);
        let mut config =
            HighlightConfiguration::new(language, self.name(), &highlights, injections, &locals)?;
        let recognised = classes::recognised();
        config.configure(&recognised);
        let capture_classes = classes::highlight_indices(config.query.capture_names(), &recognised);
        Ok(Configured {
            config,
            capture_classes,
            one_layer: self.is_one_layer(),
            compile_time: started.elapsed(),
        })
    }
}

/// A grammar's compiled queries, and what highlighting a tree of its own needs to know.
pub struct Configured {
    /// The configuration `tree-sitter-highlight` runs.
    pub config: HighlightConfiguration,
    /// The recognised name (its index in [`classes::recognised`], and in the class list) of
    /// each capture of the configuration's query, as [`HighlightConfiguration::configure`]
    /// chose it.
    pub capture_classes: Vec<Option<usize>>,
    /// [`Grammar::is_one_layer`].
    pub one_layer: bool,
    /// How long compiling it took, on the thread that compiled it (for `build --verbose`:
    /// [`Grammars::compiled`]).
    pub compile_time: Duration,
}

/// A configuration compiled, and how long that took ([`Grammars::compiled`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Compiled {
    /// The grammar whose queries were compiled.
    pub grammar: Grammar,
    /// It is the configuration with the injections of tagged templates
    /// ([`Grammars::injecting`]).
    pub tagged_templates: bool,
    /// The time compiling it took, on the thread that compiled it (wall-clock).
    pub time: Duration,
}

/// `grammars` in the order [`Grammars::compile_all`] compiles them: the longest query text first.
fn longest_query_first(grammars: &[Grammar]) -> Vec<Grammar> {
    let mut ordered = grammars.to_vec();
    ordered.sort_by_cached_key(|grammar| std::cmp::Reverse(grammar.query_len()));
    ordered
}

/// Every grammar's configuration, each built on first use.
pub struct Grammars {
    slots: [OnceLock<Option<Configured>>; ALL.len()],
    /// The configurations with the injections of tagged templates, for the grammars that have
    /// two ([`Grammar::injects_tagged_templates`]).
    tagged_templates: [OnceLock<Option<Configured>>; ALL.len()],
}

/// The configurations of this process: they depend on nothing but the grammar.
static SHARED: Grammars = Grammars::new();

impl Grammars {
    /// No configuration built yet.
    const fn new() -> Self {
        Self {
            slots: [const { OnceLock::new() }; ALL.len()],
            tagged_templates: [const { OnceLock::new() }; ALL.len()],
        }
    }

    /// The configurations shared by every highlighter of the process.
    pub fn shared() -> &'static Self {
        &SHARED
    }

    /// Compiles the queries of `grammars` not built yet, in this thread, the longest query
    /// text first: the analysis tree-sitter runs on a query grows with it, and a long
    /// compilation started last would finish last. A highlight on another thread that needs a
    /// grammar meanwhile compiles it itself if it is not begun, or waits for it.
    pub fn compile_all(&self, grammars: &[Grammar]) {
        for grammar in longest_query_first(grammars) {
            self.configured(grammar);
        }
    }

    /// The configuration of `grammar`, or `None` if its queries do not compile.
    pub fn config(&self, grammar: Grammar) -> Option<&HighlightConfiguration> {
        self.configured(grammar)
            .map(|configured| &configured.config)
    }

    /// The configuration that highlights `code` in `grammar`: the one [`Self::config`] gives,
    /// or for a block with a tagged template naming a language ([`super::tagged::injects`]),
    /// the one with the injections that highlight it ([`Self::injecting`]). Both write the
    /// same HTML for any other block. Choosing may parse the block, and compile the fuller
    /// configuration: do it before the block's time is counted.
    pub fn config_for(&self, grammar: Grammar, code: &str) -> Option<&HighlightConfiguration> {
        if grammar.injects_tagged_templates() && super::tagged::injects(grammar, code) {
            self.injecting(grammar)
        } else {
            self.config(grammar)
        }
    }

    /// The configuration of `grammar` with every injection its grammar crate bundles, for code
    /// injected into another block, whose text the choice of [`Self::config_for`] cannot see.
    pub fn injecting(&self, grammar: Grammar) -> Option<&HighlightConfiguration> {
        if !grammar.injects_tagged_templates() {
            return self.config(grammar);
        }
        self.tagged_templates[grammar.slot()]
            .get_or_init(|| grammar.configure(true).ok())
            .as_ref()
            .map(|configured| &configured.config)
    }

    /// The configuration of `grammar` with its capture map, or `None` if its queries do not
    /// compile. For a grammar with two ([`Grammar::injects_tagged_templates`]), the one
    /// without the injections of tagged templates.
    pub fn configured(&self, grammar: Grammar) -> Option<&Configured> {
        self.slots[grammar.slot()]
            .get_or_init(|| grammar.configure(false).ok())
            .as_ref()
    }

    /// Every configuration compiled so far (queries that failed to compile made none and are
    /// left out), the longest compilation first.
    pub fn compiled(&self) -> Vec<Compiled> {
        let mut compiled: Vec<Compiled> = [(&self.slots, false), (&self.tagged_templates, true)]
            .into_iter()
            .flat_map(|(slots, tagged_templates)| {
                ALL.into_iter().filter_map(move |grammar| {
                    let configured = slots[grammar.slot()].get()?.as_ref()?;
                    Some(Compiled {
                        grammar,
                        tagged_templates,
                        time: configured.compile_time,
                    })
                })
            })
            .collect();
        compiled.sort_by_key(|c| std::cmp::Reverse(c.time));
        compiled
    }

    /// How many configurations have been attempted so far, those whose queries failed to
    /// compile included (with those of tagged templates).
    pub fn built(&self) -> usize {
        self.slots
            .iter()
            .chain(&self.tagged_templates)
            .filter(|slot| slot.get().is_some())
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_grammar_configures() {
        for grammar in ALL {
            for tagged_templates in [false, true] {
                if let Err(error) = grammar.configure(tagged_templates) {
                    panic!("{grammar:?}: {error}");
                }
            }
        }
    }

    #[test]
    fn compile_all_builds_the_grammars_asked_for_and_no_others() {
        let grammars = Grammars::new();
        grammars.compile_all(&[Grammar::Toml, Grammar::Json, Grammar::Toml]);
        let built: Vec<Grammar> = ALL
            .into_iter()
            .filter(|g| grammars.slots[g.slot()].get().is_some_and(Option::is_some))
            .collect();
        assert_eq!(built, [Grammar::Json, Grammar::Toml]);
        assert_eq!(grammars.built(), 2);
    }

    #[test]
    fn compiled_lists_each_configuration_compiled_with_its_time_the_longest_first() {
        let grammars = Grammars::new();
        assert!(grammars.compiled().is_empty());
        grammars.compile_all(&[Grammar::Json, Grammar::TypeScript]);
        grammars.injecting(Grammar::TypeScript);
        // A grammar whose queries failed to compile has no configuration to list.
        assert!(grammars.slots[Grammar::Toml.slot()].set(None).is_ok());
        let compiled = grammars.compiled();
        let mut which: Vec<(Grammar, bool)> = compiled
            .iter()
            .map(|c| (c.grammar, c.tagged_templates))
            .collect();
        which.sort_by_key(|(grammar, tagged)| (grammar.slot(), *tagged));
        assert_eq!(
            which,
            [
                (Grammar::Json, false),
                (Grammar::TypeScript, false),
                (Grammar::TypeScript, true)
            ]
        );
        assert_eq!(grammars.built(), 4, "the failed attempt is counted there");
        assert!(compiled.iter().all(|c| !c.time.is_zero()));
        assert!(compiled.windows(2).all(|pair| pair[0].time >= pair[1].time));
    }

    /// JavaScript and TypeScript blocks with and without tagged templates.
    const TEMPLATED: &[&str] = &[
        "const a = `plain ${b} text`; // comment\nconst re = /a+b/g;\n",
        "/** @param {string} x */\nfunction f(x) { return html`<p>${x}</p>`; }\n",
        "const q = json`{\"a\": [1, true]}`;\nconst y = yaml`a: 1`;\n",
        "const s = String.raw`C:\\dir`; const t = lang.bash`ls -la | wc -l`;\n",
        "const r = sql<Row>`select 1`;\nlet n: number = 1;\n",
        "const js = js`const inner = json`[1]`;`;\n",
        // Read past an error, the parser may still make a tagged template of these.
        "const data = yaml\n  ...\n  `a: 1`;\n",
        "const q = json\\\n`{\"a\": 1}`;\n",
        "json!`{\"a\": 1}`\n",
        "json # `{\"a\": 1}`\n",
        "json @ `{\"a\": 1}`\n",
        "json ) `{\"a\": 1}`\n",
        "const q = json\u{feff}`{\"a\": 1}`;\n",
        "const json = read(); const s = `${json}`;\n",
        // Once the property test's counterexample: templates opened inside each other.
        "jsonjson${${${<yaml`(`",
    ];

    #[test]
    fn the_injections_of_tagged_templates_change_nothing_unless_a_block_may_use_them() {
        use crate::highlight::{classes, tagged, tree};
        let grammars = Grammars::shared();
        let classes = classes::classes();
        let render = |config: &HighlightConfiguration, code: &str| {
            let mut highlighter = tree_sitter_highlight::Highlighter::new();
            tree::render(&mut highlighter, grammars, config, &classes, code, None)
        };
        let mut injected = 0;
        for grammar in [Grammar::JavaScript, Grammar::TypeScript, Grammar::Tsx] {
            let without = grammars.config(grammar).expect("compiles");
            let with = grammars.injecting(grammar).expect("compiles");
            for code in TEMPLATED {
                let full = render(with, code);
                assert!(full.is_some(), "{grammar:?}: {code}");
                let chosen = grammars.config_for(grammar, code).expect("compiles");
                assert_eq!(render(chosen, code), full, "{grammar:?}: {code}");
                if tagged::injects(grammar, code) {
                    injected += usize::from(render(without, code) != full);
                } else {
                    assert_eq!(render(without, code), full, "{grammar:?}: {code}");
                }
            }
        }
        assert!(
            injected >= 6,
            "the JSON, YAML and shell templates are highlighted as such"
        );
    }

    /// Pieces of JavaScript, broken code among them, for [`the_choice_never_changes_the_html`].
    const PIECES: &[&str] = &[
        "json",
        "yaml",
        "sh",
        "html",
        "x",
        "a.json",
        "String.raw",
        "`",
        "`a: 1`",
        "`{}`",
        "${",
        "}",
        "(",
        ")",
        "<",
        ">",
        "...",
        "\\\n",
        "!",
        "#",
        "@",
        ":",
        ";",
        " ",
        "\n",
        "/*",
        "*/",
        "//",
        "\"",
        "'",
        "=",
        "=>",
        "\u{feff}",
        "const",
        "function",
        "<T>",
    ];

    proptest::proptest! {
        // A failure is reported with its input, which goes into `TEMPLATED`; no regression
        // file is written beside the crate.
        #![proptest_config(proptest::prelude::ProptestConfig {
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// The configuration [`Grammars::config_for`] picks writes what the fuller one writes,
        /// on any arrangement of the pieces.
        #[test]
        fn the_choice_never_changes_the_html(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..24),
        ) {
            use crate::highlight::{classes, tree};
            let code = pieces.concat();
            let grammars = Grammars::shared();
            let classes = classes::classes();
            for grammar in [Grammar::JavaScript, Grammar::TypeScript] {
                let chosen = grammars.config_for(grammar, &code).expect("compiles");
                let with = grammars.injecting(grammar).expect("compiles");
                proptest::prop_assert_eq!(
                    tree::highlight(grammars, chosen, &classes, &code, None),
                    tree::highlight(grammars, with, &classes, &code, None),
                    "{:?}: {:?}", grammar, code
                );
            }
        }
    }

    #[test]
    fn the_injections_of_tagged_templates_compile_only_for_a_block_that_may_use_them() {
        let grammars = Grammars::new();
        let classes = crate::highlight::classes::classes();
        let highlight = |code| {
            let config = grammars.config_for(Grammar::TypeScript, code)?;
            crate::highlight::tree::highlight(&grammars, config, &classes, code, None)
        };
        let slot = Grammar::TypeScript.slot();
        assert!(highlight("const a: string = `x ${y}`;").is_some());
        assert!(grammars.slots[slot].get().is_some());
        assert!(grammars.tagged_templates[slot].get().is_none());
        assert!(highlight("const q = json`{}`;").is_some_and(|html| html.contains("hl-")));
        assert!(grammars.tagged_templates[slot].get().is_some());
    }

    #[test]
    fn the_longest_queries_are_compiled_first() {
        let order = longest_query_first(&[Grammar::Json, Grammar::TypeScript, Grammar::Python]);
        assert_eq!(
            order,
            [Grammar::TypeScript, Grammar::Python, Grammar::Json],
            "TypeScript layers JavaScript's queries over its own; JSON's are a few lines"
        );
        assert!(longest_query_first(&[]).is_empty());
    }

    #[test]
    fn one_layer_grammars_are_those_without_injections_or_locals() {
        for grammar in ALL {
            let (_, _, injections, locals) = grammar.queries(true);
            assert_eq!(
                grammar.is_one_layer(),
                injections.is_empty() && locals.is_empty(),
                "{grammar:?}"
            );
        }
    }

    #[test]
    fn slots_follow_the_list() {
        for (i, grammar) in ALL.iter().enumerate() {
            assert_eq!(grammar.slot(), i);
            assert_eq!(
                Grammar::for_token(grammar.name()).is_some(),
                *grammar != Grammar::Tsx
            );
        }
    }
}
