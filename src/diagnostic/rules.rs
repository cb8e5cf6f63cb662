//! The rule table: every rule, its stable code, its default severity and its explanation.
//!
//! A rule is a [`RuleId`]; findings name their rule by variant, so a misspelt rule does not
//! compile. The table below is the only place that lists rules: the [`rules!`] invocation makes
//! the enum, [`RuleId::ALL`] and an exhaustive `match` from it, so a rule cannot exist without
//! its code, severity and explanation. Adding a rule touches this table and the rule's module.
//!
//! Codes are stable: CI configurations, `[lint.severity]` keys and suppressions refer to them.

use std::fmt;
use std::str::FromStr;

use super::Severity;

/// What the table says about one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable code, kebab-case.
    pub code: &'static str,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// One-line summary.
    pub summary: &'static str,
    /// A paragraph for `episode lint --explain`.
    pub explanation: &'static str,
}

/// Builds [`RuleId`] (one variant per entry, documented by its summary), [`RuleId::ALL`] and
/// [`RuleId::rule`] (an exhaustive `match`) from the table.
macro_rules! rules {
    ($(
        $variant:ident {
            code: $code:literal,
            severity: $severity:ident,
            summary: $summary:literal,
            explanation: $explanation:literal,
        }
    )*) => {
        /// A lint rule.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleId {
            $(
                #[doc = $summary]
                $variant,
            )*
        }

        impl RuleId {
            /// Every rule, in table order (sorted by code).
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant),*];

            /// The rule's table entry.
            pub const fn rule(self) -> Rule {
                match self {
                    $(
                        RuleId::$variant => Rule {
                            code: $code,
                            default_severity: Severity::$severity,
                            summary: $summary,
                            explanation: $explanation,
                        },
                    )*
                }
            }
        }
    };
}

rules! {
    AlternativeScript {
        code: "alternative-script",
        severity: Note,
        summary: "an episode folder holds several versions of its script; one is used",
        explanation: "In the bundle layout, a script folder may hold versions of one script side by side: `episode-script.md` next to `episode-script-final.md` or `episode-script-backup.md`, or a whole script next to its parts. Joining them would print the script twice, so one version is used and the others are ignored: the unmarked main file first; else a `-complete`, `-final` or `-consolidated` version; else the unmarked parts (`-part1`, `-part2`, ...); else other marked versions (`-draft`, `-old`, `-copy`, `-v2`, ...); `-partial` and `-backup` last. The note names the file used and those ignored; delete or move the ones you do not need, or narrow the `script` patterns in book.toml.",
    }
    BrokenLink {
        code: "broken-link",
        severity: Error,
        summary: "a link leads to no page or heading of the site",
        explanation: "Links between episodes are resolved when the course is checked and built: a link to an episode's Markdown file (`../02-systems/episode-03-retries.md`, as repository browsers expect) or to its page (`episode-03-retries.html`) must name an episode that exists, and an anchor (`#retry-budgets`) must be the anchor of one of its headings (the heading's text in lowercase, with spaces as hyphens). The finding names the closest existing target. Links to other sites are never fetched.",
    }
    Calculator {
        code: "calculator",
        severity: Error,
        summary: "a ```calculator or ```simulator fence is not valid",
        explanation: "A ```calculator fence is YAML with an optional `title` and `note`, `inputs` (each with a `name` that formulas use, a `label`, `min` and `max`, and optionally `step`, `value` and `unit`; or `options` for a select) and `outputs` (each with a `label` and a `formula`, and optionally `unit` and `decimals`). A ```simulator fence adds `steps` (1 to 1000) and, on each output, an `initial` value; its formulas may also use `step` and `prev`, the output's value at the step before. Formulas are checked when the course is linted or built: a syntax error or a name that is no input is reported at its line and column in the episode, as are a range whose `min` is above its `max`, a starting value outside its range, and missing fields. The page shows the fence as its source until it is fixed.",
    }
    ClaimUnverified {
        code: "claim-unverified",
        severity: Warning,
        summary: "an \"Already Includes\" claim is not borne out by the episode",
        explanation: "A recommendations document may say that an episode already includes something (\"Already includes: peak throughput figures (40k orders per minute at a fictional bookshop)\"). The claim is checked like a recommendation: the episode must have a block of that kind (a metrics block, a Mermaid diagram, a code sample, a section on the topic) whose words cover the claim's key terms. Fix the episode, or correct the claim.",
    }
    CodeCopy {
        code: "code-copy",
        severity: Warning,
        summary: "a code file of an episode cannot be copied to the site as it is",
        explanation: "In the bundle layout, the files an episode's `code` patterns match are shown on its page and copied to the site beside it (`<series>/<episode>/code/...`), so readers can download them. A copy is not made when its path differs from another code file's only in letter case (macOS and Windows would hold one file for both), or when the file is not text and its bytes were not kept; it is made but reported when a name is one Windows refuses (a device name such as `CON`, a character among `< > : \" \\ | ? *`, a trailing dot or space), since the site could not be copied there whole; and a copy the file system refused to write is reported with the reason. The page still lists the file. Rename the file.",
    }
    CodeSyntax {
        code: "code-syntax",
        severity: Error,
        summary: "a code sample has a syntax error",
        explanation: "Every code sample in a language the tool can parse (Python, Java, Go, JavaScript, TypeScript, Rust, C, C++, JSON, YAML, TOML and shell) is parsed when the course is linted or built: each code fence of an episode, and each code file of an episode folder. The finding points at the first syntax error, at its line and column in the file (for a fence, in the episode), says what was unexpected or missing there and how many more errors follow. Fences are often fragments, so a fence is read as written and also where its language allows such a piece: Java members inside a class and statements inside a method, Go without its `package` clause and statements inside a function, Rust, C and C++ statements inside a function, indented Python inside a block, TypeScript with JSX; lines that are only an ellipsis (`...`, `…`, `// ...`) stand for code left out, and a shell transcript's `$ ` prompts start commands while its other lines are output. A fence is clean when any of these readings is. A code file is meant to run, so its error is an error; a fence may be an illustration, so its error is a warning (`[lint.severity]` sets one severity for both). Add `fragment`, `no-check` or `ignore` after the language (```java fragment) to skip a fence on purpose. A sample larger than 512 KiB, or one its grammar cannot read within a time proportional to its size, is not checked and gets a note. Results are kept in the cache folder beside the diagram cache, so an unchanged sample is not parsed again.",
    }
    Config {
        code: "config",
        severity: Error,
        summary: "book.toml cannot be used",
        explanation: "book.toml is read strictly: every key must be one the tool knows, with a value of the right type, so that a misspelt setting is never silently ignored. The message names the key and its line; README.md lists the keys.",
    }
    ControlCharacters {
        code: "control-characters",
        severity: Warning,
        summary: "a file holds control characters",
        explanation: "A file under episodes/ or enhancements/ holds control characters other than tab and line breaks (a NUL from a damaged copy, an escape sequence pasted from a terminal). They are invisible in most editors and not allowed in HTML, so each is replaced with � before the file is checked or built; the finding points at the first and says how many there were. Delete them from the file.",
    }
    DuplicateEpisode {
        code: "duplicate-episode",
        severity: Error,
        summary: "two files define the same episode",
        explanation: "An episode is identified by its series (the folder under episodes/) and its number (from the front matter, the `**Episode**:` line or the `# Episode N:` title). Two files with the same series and number would compete for one place in the course; give one of them another number.",
    }
    EmptyEpisode {
        code: "empty-episode",
        severity: Warning,
        summary: "an episode file is empty",
        explanation: "The episode's file (or, for an episode folder, its script) holds no text, or only blank lines: its page would show nothing but a title made from its file name. Write the episode, or move the file out of episodes/ until it is written. An episode folder without a script is reported as `missing-script` instead.",
    }
    EpisodeNumber {
        code: "episode-number",
        severity: Warning,
        summary: "an episode has no number",
        explanation: "Episodes are numbered within their series. The number comes from `number:` in the front matter, a `**Episode**: N` header line, or a title of the form `# Episode N: Title`. Without one, the episode is numbered after the last numbered episode of its series, which changes when files move.",
    }
    FenceInCode {
        code: "fence-in-code",
        severity: Warning,
        summary: "a code block holds a line that opens another fence",
        explanation: "A line like ```` ```mermaid ```` inside a fenced code block opened with the same character, at least as long, does not start a new block: a fence with a language cannot close one, so the line, and the diagram or code after it, is shown as part of the block above. It almost always means the block above was never closed. Add its closing fence before the line; to show a fence inside a code sample on purpose, open the outer block with a longer fence (````) or with tildes (`~~~`).",
    }
    FrontMatter {
        code: "front-matter",
        severity: Error,
        summary: "the YAML front matter cannot be read",
        explanation: "The block between the opening and closing `---` lines at the top of an episode is YAML. When it cannot be read, the episode still builds with the metadata its title and header lines give, but the front matter's values are lost. Quote values that contain `: ` or start with a special character.",
    }
    HighlightSkipped {
        code: "highlight-skipped",
        severity: Warning,
        summary: "a code block could not be highlighted within its work budget",
        explanation: "Code is highlighted at build time by parsing it with the language's grammar. Text the grammar cannot make sense of (another language, or punctuation repeated many times) makes the parser's error recovery grow with the square of the block, so each block may spend only a bounded amount of parsing work, in proportion to its size. A block that needs more is shown as plain text. Check that the info string names the block's real language, split a very long block, or mark it `text`.",
    }
    InvalidUtf8 {
        code: "invalid-utf8",
        severity: Warning,
        summary: "a file is not valid UTF-8",
        explanation: "Episodes must be UTF-8. A file with invalid bytes is still built, with each invalid sequence shown as �, so nothing is lost; re-save the file as UTF-8 to fix it.",
    }
    MermaidClick {
        code: "mermaid-click",
        severity: Error,
        summary: "a Mermaid `click` directive cannot work on the built page",
        explanation: "Diagrams are drawn at build time, without Mermaid's script, and a node's `click` becomes a real link on the drawn node: `click NODE \"#anchor\"` (a heading of the page), `click NODE \"../other-episode.html\"` or `click NODE \"https://…\"`, with `href` before the URL or not. A `javascript:` (or `vbscript:`, `data:`) URL would run code when clicked and is never kept, and `click NODE call fn()` or `click NODE fn` name a script function the offline site does not have. The finding points at the URL or the callback; the node is drawn without a link until it is fixed.",
    }
    MermaidNotDrawn {
        code: "mermaid-not-drawn",
        severity: Warning,
        summary: "part of a valid Mermaid diagram is left out of its drawing",
        explanation: "A diagram can be valid and still draw less than it says. In a label, Mermaid reads `<` followed by a letter as the start of an HTML tag: a tag HTML does not know (`List<String>`, `Map<K, V>`) is dropped from the drawing, with the text after it when it is not closed, so the finding points at the `<` and says how to write it in that diagram type (Mermaid's entity codes `#lt;` and `#gt;`, HTML's `&lt;` and `&gt;`, or `~T~` for a class diagram's generics); HTML that Mermaid keeps (`<br>`, `<b>`, `<i>`) is fine. Timeline periods before the first `section` are not drawn either (a timeline without sections draws them all). A note names the settings of an `%%{init: …}%%` directive that are not applied (`theme`, `themeVariables`, `darkMode`, `themeCSS` and the safety settings): every diagram follows the site's light and dark theme.",
    }
    MermaidRender {
        code: "mermaid-render",
        severity: Warning,
        summary: "a valid Mermaid diagram could not be drawn",
        explanation: "`episode build` draws every Mermaid diagram as inline SVG when it builds the site, with no script and no network. Rarely, a diagram that is valid Mermaid cannot be laid out (a resource limit, a construct the renderer does not support yet). A diagram over the size limits (20 KB of source, 500 statements, 500 arrows or 20 levels of nesting) is neither checked nor drawn, to keep builds fast; the finding points at the line where it goes over. A valid diagram that is known not to draw (a requirement relation naming a requirement or element the diagram does not define, a Gantt chart without tasks, an XY chart series with fewer values than the x-axis has categories) is reported by `episode lint` too, at the line that stops it, and a drawing with a coordinate that is not a number is never put on the page. A diagram written as HTML (`<pre class=\"mermaid\">` or `<div class=\"mermaid\">`, for a page that loads Mermaid's script) is neither checked nor drawn: the site loads no diagram script; write it in a ```mermaid fence instead. The page still works: it shows the diagram's source in a marked block. Simplify or split the diagram, or report it if it draws in mermaid.js.",
    }
    MermaidSyntax {
        code: "mermaid-syntax",
        severity: Error,
        summary: "a Mermaid diagram is not valid",
        explanation: "Every ```mermaid block in the episodes and recommendation documents is parsed when the course is linted or built, so a broken diagram is found by the author, not by a reader. The finding points at the line (and column, when the parser knows it) in the Markdown file, counted from the file's first line, with the parser's message in plain words; an unknown diagram type lists the supported ones. A block left open (`alt`, `loop`, `subgraph`, `state Busy {`, `class A {`) is named at the line that opens it, a closing `end` or `}` with no block open at its own line, and a one-dash arrow (`A -> B`) in a state or class diagram where it is written. When the parser cannot say where, the finding points at the opening fence. The built page shows the diagram's source in a marked block until it is fixed.",
    }
    MetricsFence {
        code: "metrics-fence",
        severity: Error,
        summary: "a ```metrics fence is not valid",
        explanation: "A ```metrics fence is YAML with an optional `title` and `source` and a list of `items` (at least one), each with a `label`, a `value` and optionally a `unit` and a `note`. Every label must be non-empty, every value must be one value (not a list or a map) and contain a number (\"41\", \"< 2\", \"1.2k\"), a unit written in the value must agree with the `unit` field, and one label must not appear with two different units. The build renders the fence as metric cards, so these problems would show as broken cards. A fence written ```metrics chart=bar (or `line`, or `compare`, which draws each item's `baseline` beside its `value`) is drawn as a chart: every value must then be a plain number and every item in the same unit; otherwise the finding points at the value and the page shows the cards.",
    }
    MissingCodeSample {
        code: "missing-code-sample",
        severity: Warning,
        summary: "an episode has fewer code samples than configured",
        explanation: "`min_code_samples` in [lint] (or in a [[lint.series]] entry) sets how many code samples each episode must have. A code sample is a fenced block that names a language and is neither Mermaid, metrics, a calculator nor plain text, and is not a stub (a block whose bodies are only `pass`, `...` or comments does not count); for an episode that is a folder, each of its code files in a language the highlighter knows counts too, test files included. Add a sample, lower the minimum, or allow the rule in the episode.",
    }
    MissingDiagram {
        code: "missing-diagram",
        severity: Warning,
        summary: "an episode has fewer Mermaid diagrams than configured",
        explanation: "`min_diagrams` in [lint] (or in a [[lint.series]] entry) sets how many ```mermaid diagrams each episode must have. Add a diagram, lower the minimum, or allow the rule in the episode with `<!-- episode-lint: allow missing-diagram -->` or `lint_allow: [missing-diagram]` in its front matter.",
    }
    MissingFile {
        code: "missing-file",
        severity: Error,
        summary: "an image or file a page links to is not in the course folder",
        explanation: "Images (`![alt](images/chart.png)`, `<img src=\"…\">`) and links to files that are not pages (`[slides](slides.pdf)`) are read from the folder of the Markdown file that holds them (or from the course folder, for a path starting with `/`) and copied to the site under `files/`, at their path in the course folder, with the links rewritten to the copies. A file that is not there is this error, at the link, with the closest existing file as help. So is a path that would read outside the course folder (`../../../etc/passwd`), a symbolic link that leads out of it, or a file inside the output folder: none of these is copied. External URLs and `data:` URIs are left as written.",
    }
    MissingMetrics {
        code: "missing-metrics",
        severity: Warning,
        summary: "an episode has fewer metrics blocks than configured",
        explanation: "`min_metrics` in [lint] (or in a [[lint.series]] entry) sets how many metrics blocks each episode must have. A metrics block is a list of bold-label bullets with numbers, a table with numeric cells, a fenced block of `Key: value` lines, or a ```metrics fence. Add one, lower the minimum, or allow the rule in the episode with `<!-- episode-lint: allow missing-metrics -->`.",
    }
    MissingScript {
        code: "missing-script",
        severity: Warning,
        summary: "an episode folder has no script yet",
        explanation: "In the bundle layout, an episode folder's script is the first `script` pattern of book.toml that matches a file in it (by default `script/episode-script.md`, then `script/*.md`, then `index.md`). This folder has none: the episode is still listed, as \"no script yet\", and its page says so. Add the script, or a pattern that finds it.",
    }
    MissingSection {
        code: "missing-section",
        severity: Warning,
        summary: "an episode lacks a required section",
        explanation: "`required_sections` in [lint] (or in a [[lint.series]] entry) lists heading patterns every episode must have, matched case-insensitively against heading text with emoji and punctuation ignored; `*` matches any run of characters (\"Takeaways*\", \"*Resources\"). Add a heading that matches, or change the pattern.",
    }
    OutputCollision {
        code: "output-collision",
        severity: Error,
        summary: "two sources would be published at the same path of the site",
        explanation: "Every page of the site is written at a path made from its source's name: an episode file's name lowercased with punctuation dropped (`Episode-09.md` and `episode-09.MD` both give `episode-09.html`), a series folder's name the same way (`c++` and `c` both give `c/`), and each series has its page at `<series>/index.html` (so an episode file named `index.md` wants the series page's path). Paths are compared ignoring letter case, because the site must also work on the case-insensitive file systems of macOS and Windows. The first source in sorted order keeps the path and the other is published at a numbered variant (`episode-09-2.html`, `c-2/`) that every link of the site uses; a theme asset that collides with a page is not published. Rename one of the two sources so that each has a path of its own.",
    }
    RecommendationMissing {
        code: "recommendation-missing",
        severity: Error,
        summary: "an episode has no block of the kind a recommendation asks for",
        explanation: "A recommendations document asks for a block of a kind (a metrics block, a Mermaid diagram of a given type, a code sample in a language, a section on a topic, an interactive element) in an episode, and the episode has none. The finding quotes the recommendation and its line; add the block to the episode. `episode enhancements` shows how each recommendation was understood.",
    }
    RecommendationPartial {
        code: "recommendation-partial",
        severity: Warning,
        summary: "an episode has a block of the recommended kind, but not the recommended content",
        explanation: "The episode has a block of the kind the recommendation asks for, but the closest one covers too little of the recommendation's fingerprint: its metric labels, diagram nodes and subgraphs, class and function names, or headings. The finding points at the closest block and lists what it lacks. Extend that block, or add the recommended one.",
    }
    RecommendationTarget {
        code: "recommendation-target",
        severity: Warning,
        summary: "a recommendation names no episode, or several",
        explanation: "Recommendations are matched to episodes by series (the `## Episodes 4-6 (Series Name)` group, a series heading, or a qualifier such as `Episode 1 (Series Name):` or `Ep. 1 of Series Name`), number and title. A number that exists in no series, or in several when the context does not say which, cannot be checked; the help names each candidate. Nor can a reference whose number and title name different episodes (`Episode 2: Load Shedding at Hooli` when that is episode 3's title). Name the series in the group heading or after the number.",
    }
    RecommendationUnread {
        code: "recommendation-unread",
        severity: Warning,
        summary: "a recommendations document, or a part of it that names an episode, yields no requirement",
        explanation: "Every Markdown file in enhancements/ is read for recommendations: an episode named as `Episode 3`, `Ep. 3`, `#3`, `episode 3 of <series>` or by its title, in a heading, a list item, a table's episode column, a paragraph or the front matter, and under it what to add, as list items, headings, table rows or sentences (each optionally followed by an example block). A file from which nothing could be read is reported at its first line, a heading, item or paragraph that names an episode but says nothing the reader can check is reported at its line, and so is a heading that names no episode over items or sentences that ask for a block (`## General observations` over `- Add a sequence diagram of …`), so a document is never passed silently. Sections such as strengths, priorities, phases, success metrics, next steps and summaries are not requirements; `episode enhancements` lists them as skipped. For certainty, write requirements in a ```requirements block (see `requirements-block`).",
    }
    RequirementsBlock {
        code: "requirements-block",
        severity: Error,
        summary: "a ```requirements block is not valid",
        explanation: "A ```requirements block in a recommendations document lists requirements as YAML, one entry each: `episode` (a number, a reference such as \"Ep 3\", or the episode's title), `kind` (metrics, mermaid, mermaid:<type>, code, code:<language>, prose, prose:<topic>, interactive), `title`, and optionally `series`, `covers` (the terms a satisfying block must show), `origin: claim` (the episode is said to have it already) and `count` (for a claim: at least that many blocks of the kind). The schema is strict, so a misspelt field or kind is reported at its line and column rather than ignored.",
    }
    SiteUrl {
        code: "site-url",
        severity: Warning,
        summary: "base_url is not an absolute URL, so no sitemap, feeds or canonical links",
        explanation: "A sitemap, RSS and Atom feeds, canonical links and social-card metadata must name pages by absolute URL (`https://courses.example.org/course/`), which only `base_url` in book.toml can give. While it is a path (the default `/`), the site is built without them; set `base_url` to the address the site is published at.",
    }
    SkippedLink {
        code: "skipped-link",
        severity: Warning,
        summary: "a symbolic link under episodes/ or enhancements/ is skipped",
        explanation: "Symbolic links are never followed, so that building or checking a course reads nothing outside its folder. A linked episode, series folder or recommendations document is therefore not part of the course; the finding names the link. Move what it points to into the course folder.",
    }
    StrayMarkdown {
        code: "stray-markdown",
        severity: Warning,
        summary: "a Markdown file is not read",
        explanation: "Episodes and recommendations documents are Markdown files ending in `.md`. A file in episodes/ with another Markdown extension (`.markdown`, `.mdown`, `.mkd`, `.mkdn`, `.mdwn`, `.mdtext`, `.mdtxt`, `.mdx`), or such a file in the recommendations folder, is not read: rename it to end in `.md` (a README is not read under either name). In the bundle layout, episodes are folders: a Markdown file lying directly in episodes/ or in a series folder (other than the series' README.md) belongs to no episode and is not published. Move it into an episode folder where a `script` or `notes` pattern finds it, or out of episodes/.",
    }
    TooFewLanguageSamples {
        code: "too-few-language-samples",
        severity: Warning,
        summary: "an episode has fewer code samples in a language than configured",
        explanation: "`min_code_samples_per_language` in [lint] (or in a [[lint.series]] entry, whose table replaces the course-wide one) sets how many code samples each episode must have in each language, as `{ python = 8, java = 3, go = 3 }`. Language names are read like a fence's language (`py` is `python`, `golang` is `go`). A fence counts in its language when it is a code sample (see `missing-code-sample`); a code file of an episode's folder counts in the language of its extension. One finding lists every language the episode is short of, with what it has and what is wanted. Add samples in those languages, lower the minimums, or allow the rule in the episode.",
    }
    TooFewTests {
        code: "too-few-tests",
        severity: Warning,
        summary: "an episode has fewer tests than configured",
        explanation: "`min_tests` in [lint] (or in a [[lint.series]] entry) sets how many tests each episode must have. A test is a code file of the episode's folder whose path follows a test convention (a `tests/` or `test/` folder, `test_*.py`, `*_test.go`, `*Test.java`, `*.test.ts`, `*.spec.js`), or a code sample fence that declares a test in its language's convention (Python `def test_…` or a `unittest.TestCase` class; Java and Kotlin `@Test`; Go `func TestX(t *testing.T)`; JavaScript and TypeScript `test(`/`it(` with `describe(`; Rust `#[test]`; C# `[Test]`, `[Fact]`) or whose info string names a test file (```python title=\"test_breaker.py\"). A fence counts once however many tests it holds. Add tests, lower the minimum, or allow the rule in the episode.",
    }
    TooFewWords {
        code: "too-few-words",
        severity: Warning,
        summary: "an episode's script has fewer words than configured",
        explanation: "`min_words` in [lint] (or in a [[lint.series]] entry) sets how many words each episode's script must have. Words are counted on the text a reader sees: headings, paragraphs, lists, table cells, link text and image alt text; code (fenced and inline), front matter, URLs, HTML tags and comments do not count. A word is a run of letters and digits in any script; an apostrophe or hyphen inside it (`don't`, `well-known`) and a comma or point between digits (`20,000`) keep it one word, and each CJK ideograph is a word. Write more, lower the minimum, or allow the rule in the episode.",
    }
    UnclosedHtmlElement {
        code: "unclosed-html-element",
        severity: Warning,
        summary: "an element whose content is read as text is opened and never closed",
        explanation: "The browser reads everything after `<script>`, `<style>`, `<iframe>`, `<noembed>`, `<noframes>`, `<noscript>`, `<xmp>`, `<title>` or `<textarea>` as that element's text, up to its closing tag; after `<plaintext>`, to the end of the page. Opened in prose without its closing tag (\"set the <title> of the page\"), it would swallow the rest of the page: the pager, the sidebar, the footer, and on a series' print page every later episode. Such a tag, when its closing tag is not in the same paragraph or HTML block, is shown as text. To write about the element, wrap it in backticks (`<title>`); to use it, close it in the same paragraph or HTML block.",
    }
    UnknownHtmlElement {
        code: "unknown-html-element",
        severity: Warning,
        summary: "inline HTML names no HTML, SVG or MathML element",
        explanation: "Markdown passes `<String>` in `List<String>` to the browser as a tag, and the browser drops a tag it does not know, so the page says `List`. A tag in a paragraph, heading or cell whose name is no element of HTML, SVG or MathML and no custom element (a name with a `-`, such as `<my-widget>`) is shown as written instead. Wrap code in backticks (`List<String>`) so it is shown as code.",
    }
    UnknownLanguage {
        code: "unknown-language",
        severity: Warning,
        summary: "a code block names a language the highlighter does not know",
        explanation: "Code blocks are highlighted at build time by their info string (```python). An unknown name is shown as plain text. Use a common name or extension (python, py, rust, rs, yaml, sql, bash, ts), or `text` for plain text.",
    }
    UnknownRule {
        code: "unknown-rule",
        severity: Warning,
        summary: "a suppression names a rule that does not exist",
        explanation: "`<!-- episode-lint: allow CODE -->` comments and `lint_allow:` front matter name rule codes to silence in one episode. A code that is not a rule silences nothing, usually because of a typo. `episode lint --explain CODE` shows a rule; the README lists them all.",
    }
    UnpublishedMarkdown {
        code: "unpublished-markdown",
        severity: Note,
        summary: "an episode folder holds Markdown files that are not published",
        explanation: "In the bundle layout, an episode folder's Markdown files are its script (the `script` patterns of book.toml) and its notes (the `notes` patterns); its README.md is about the folder. Other Markdown files are not part of the episode and are not published; the note lists them, once per episode. Add a pattern to `script` or `notes` to publish them.",
    }
    UnreadableFile {
        code: "unreadable-file",
        severity: Error,
        summary: "a file cannot be read",
        explanation: "A file or a folder under episodes/ or enhancements/ could not be read (permissions, an I/O error), or a file is 4 GiB or larger, which episode does not read. The rest of the course is built and checked without it. When episodes/ itself or book.toml cannot be read, nothing can be checked and the command fails instead.",
    }
    UnterminatedComment {
        code: "unterminated-comment",
        severity: Error,
        summary: "an HTML comment is never closed",
        explanation: "A comment that starts with `<!--` and has no `-->` runs to the end of the file (or of the list item or quote that holds it), so its diagrams and code are not checked, and a browser would hide everything after it: the rest of the episode, the pager, sidebar and footer, and on a series' print page every later episode. The page shows such a comment as text instead, with all it swallowed, so nothing is lost and the place is easy to find. Close the comment with `-->` where it ends.",
    }
    UnterminatedFence {
        code: "unterminated-fence",
        severity: Error,
        summary: "a code fence is never closed",
        explanation: "A fenced code block that is never closed runs to the end of the file, so everything after it is shown as code. Add a closing fence (the same characters as the opening one, at least as many) where the code ends.",
    }
    UnusedSetting {
        code: "unused-setting",
        severity: Warning,
        summary: "a book.toml setting has no effect",
        explanation: "A course moved from mdBook keeps its book.toml: `[book]` gives the title, authors, description and language, `[build] build-dir` the output folder, and `[output.html]`'s `site-url` and `git-repository-url` the base URL and the repository link. mdBook's other settings (preprocessors, other renderers, theme files, the playground) do nothing here, so each is reported at its key with what to do instead, rather than left for the author to believe it applies: `[book] src`, `text-direction` and `multilingual`, `[build]` keys other than `build-dir`, `[output.html]` keys other than `site-url` and `git-repository-url`, other `[output.*]` renderers, `[preprocessor.*]` and `[rust]`. Remove the setting once it is dealt with, or turn the rule off with `unused-setting = \"off\"` in `[lint.severity]`.",
    }
}

impl RuleId {
    /// The stable kebab-case code (`mermaid-syntax`).
    pub const fn as_str(self) -> &'static str {
        self.rule().code
    }

    /// Severity unless configured otherwise.
    pub const fn default_severity(self) -> Severity {
        self.rule().default_severity
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A code that names no rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a rule")]
pub struct UnknownRule(pub String);

impl FromStr for RuleId {
    type Err = UnknownRule;

    /// The rule with this code (exactly as written: codes are lowercase).
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        RuleId::ALL
            .iter()
            .copied()
            .find(|id| id.as_str() == code)
            .ok_or_else(|| UnknownRule(code.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_unique_and_explained() {
        let codes: Vec<_> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted);
        assert!(RuleId::ALL.iter().all(|r| r.rule().explanation.len() > 80));
    }

    #[test]
    fn variant_order_is_code_order_so_sorting_by_rule_sorts_by_code() {
        let mut ids = RuleId::ALL.to_vec();
        ids.reverse();
        ids.sort();
        assert_eq!(ids, RuleId::ALL);
    }

    #[test]
    fn codes_parse_back_to_their_rule() {
        for id in RuleId::ALL {
            assert_eq!(id.as_str().parse::<RuleId>(), Ok(*id));
            assert_eq!(id.to_string(), id.as_str());
        }
        assert_eq!(
            "mermaid-syntax".parse::<RuleId>(),
            Ok(RuleId::MermaidSyntax)
        );
        assert_eq!(
            "mermaid-sintax".parse::<RuleId>(),
            Err(UnknownRule("mermaid-sintax".to_owned()))
        );
        assert!("Mermaid-Syntax".parse::<RuleId>().is_err());
        assert!("".parse::<RuleId>().is_err());
    }

    #[test]
    fn codes_are_the_stable_contract() {
        let codes: Vec<_> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(
            codes,
            [
                "alternative-script",
                "broken-link",
                "calculator",
                "claim-unverified",
                "code-copy",
                "code-syntax",
                "config",
                "control-characters",
                "duplicate-episode",
                "empty-episode",
                "episode-number",
                "fence-in-code",
                "front-matter",
                "highlight-skipped",
                "invalid-utf8",
                "mermaid-click",
                "mermaid-not-drawn",
                "mermaid-render",
                "mermaid-syntax",
                "metrics-fence",
                "missing-code-sample",
                "missing-diagram",
                "missing-file",
                "missing-metrics",
                "missing-script",
                "missing-section",
                "output-collision",
                "recommendation-missing",
                "recommendation-partial",
                "recommendation-target",
                "recommendation-unread",
                "requirements-block",
                "site-url",
                "skipped-link",
                "stray-markdown",
                "too-few-language-samples",
                "too-few-tests",
                "too-few-words",
                "unclosed-html-element",
                "unknown-html-element",
                "unknown-language",
                "unknown-rule",
                "unpublished-markdown",
                "unreadable-file",
                "unterminated-comment",
                "unterminated-fence",
                "unused-setting",
            ]
        );
    }
}
