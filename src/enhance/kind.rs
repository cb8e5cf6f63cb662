//! The kind of content a requirement asks for, and how it is told from the recommendation:
//! the example's fence language, the Mermaid keyword, the title's words, the example's shape.

use crate::enhance::diagram::DiagramKind;
use crate::enhance::text;

/// What kind of block satisfies a requirement.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A metrics block, in any of the forms `markdown::metrics` recognises.
    Metrics,
    /// A Mermaid diagram; `None` when any diagram type will do.
    Diagram(Option<DiagramKind>),
    /// A code sample; `None` when any language will do.
    Code(Option<String>),
    /// A prose section on a topic.
    Prose(Topic),
    /// An interactive element (a lab, simulator or playground the reader can use).
    Interactive,
}

/// The topic of a prose section, which decides which headings can hold it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Topic {
    /// Engineering culture, mindset, innovation.
    Culture,
    /// Organisation, teams, principles, philosophy.
    Organisation,
    /// A migration or rollout told as phases over time.
    Timeline,
    /// Costs and economics.
    Economics,
    /// Architecture and platform descriptions.
    Architecture,
    /// Any other subject: a section whose heading shares words with the requirement.
    General,
}

impl Topic {
    /// The topics a requirement may name (`prose:culture`), for messages.
    pub(crate) const NAMES: &'static str =
        "culture, organisation, timeline, economics, architecture";

    /// The word used in messages and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Culture => "culture",
            Topic::Organisation => "organisation",
            Topic::Timeline => "timeline",
            Topic::Economics => "economics",
            Topic::Architecture => "architecture",
            Topic::General => "topic",
        }
    }

    /// Heading words (as [`text::tokens`] spells them) that mark a section on this topic.
    /// "Engineering" alone is not culture ("Engineering Excellence" is about something else),
    /// nor are "innovation" ("The Redo Log Innovation") or "value" ("System Value
    /// Optimization").
    pub fn vocabulary(self) -> &'static [&'static str] {
        match self {
            Topic::Culture => &["culture", "cultural", "mindset"],
            Topic::Organisation => &[
                "organizational",
                "organisational",
                "organization",
                "organisation",
                "team",
                "philosophy",
                "principle",
                "culture",
            ],
            Topic::Timeline => &[
                "migration",
                "timeline",
                "phase",
                "roadmap",
                "rollout",
                "journey",
            ],
            Topic::Economics => &["cost", "economic", "pricing", "spend", "saving"],
            Topic::Architecture => &["architecture", "platform", "infrastructure", "system"],
            Topic::General => &[],
        }
    }

    /// A topic whose sections are the same kind of content seen from another side: culture
    /// is how an organisation's teams work, so an organisation section is the closest a
    /// culture recommendation can come to without a culture section (and the reverse is
    /// already in [`Topic::vocabulary`]). Such a section makes a verdict partial, never
    /// satisfied.
    pub fn neighbour(self) -> Option<Topic> {
        match self {
            Topic::Culture => Some(Topic::Organisation),
            _ => None,
        }
    }

    /// The topic that title words point at, if any.
    pub fn from_words(words: &[String]) -> Option<Topic> {
        let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
        if has(&["culture", "cultural", "mindset", "innovation"]) {
            Some(Topic::Culture)
        } else if has(&[
            "organizational",
            "organisational",
            "organization",
            "organisation",
            "philosophy",
            "team",
        ]) {
            Some(Topic::Organisation)
        } else if has(&["timeline", "migration", "roadmap", "rollout"]) {
            Some(Topic::Timeline)
        } else if has(&["cost", "economic"]) {
            Some(Topic::Economics)
        } else if has(&["architecture", "platform", "infrastructure"]) {
            Some(Topic::Architecture)
        } else {
            None
        }
    }
}

impl Kind {
    /// Whether the kind names a diagram type or a language (`mermaid:state`, `code:go`), not
    /// any diagram or any code.
    pub(crate) fn is_specific_block(&self) -> bool {
        matches!(self, Kind::Code(Some(_)) | Kind::Diagram(Some(_)))
    }

    /// The stable name in JSON: `metrics`, `mermaid:flowchart`, `code:python`, `prose:culture`,
    /// `interactive` (`mermaid` and `code` alone when any type or language will do).
    pub fn name(&self) -> String {
        match self {
            Kind::Metrics => "metrics".to_owned(),
            Kind::Diagram(Some(d)) => format!("mermaid:{}", d.as_str()),
            Kind::Diagram(None) => "mermaid".to_owned(),
            Kind::Code(Some(lang)) => format!("code:{lang}"),
            Kind::Code(None) => "code".to_owned(),
            Kind::Prose(topic) => format!("prose:{}", topic.as_str()),
            Kind::Interactive => "interactive".to_owned(),
        }
    }

    /// Reads a kind as written in a structured requirement or a table's kind column:
    /// `metrics`, `mermaid` / `diagram` (with `:type`), `code` (with `:language`), `prose` /
    /// `section` (with `:topic`), `interactive`. Case and spaces around `:` do not matter. A
    /// language the highlighter does not know (`code:pythn`), a diagram type or a topic that
    /// is not one is no kind: a misspelling is reported, not read as a requirement that
    /// nothing can satisfy.
    pub(crate) fn parse_name(name: &str) -> Option<Kind> {
        let lower = name.trim().to_lowercase();
        let (family, detail) = match lower.split_once([':', '/']) {
            Some((f, d)) => (f.trim(), Some(d.trim()).filter(|d| !d.is_empty())),
            None => (lower.as_str(), None),
        };
        match family {
            "metrics" | "metric" => Some(Kind::Metrics),
            "interactive" => Some(Kind::Interactive),
            "mermaid" | "diagram" => match detail {
                None => Some(Kind::Diagram(None)),
                Some(d) => {
                    let d = d.trim_end_matches(" diagram").trim();
                    serde_json::from_value::<DiagramKind>(serde_json::Value::String(d.to_owned()))
                        .ok()
                        .map(|k| Kind::Diagram(Some(k)))
                }
            },
            "code" => match detail {
                None => Some(Kind::Code(None)),
                Some(l) if crate::highlight::is_known_language(l) => Some(Kind::Code(Some(
                    crate::enhance::example::canonical_language(l).to_owned(),
                ))),
                Some(_) => None,
            },
            "prose" | "section" => match detail {
                None => Some(Kind::Prose(Topic::General)),
                Some("topic" | "general") => Some(Kind::Prose(Topic::General)),
                Some(t) => Topic::from_words(&text::tokens(t)).map(Kind::Prose),
            },
            _ => None,
        }
    }

    /// What it is, for messages: "metrics block", "Mermaid flowchart", "python code sample".
    pub fn describe(&self) -> String {
        match self {
            Kind::Metrics => "metrics block".to_owned(),
            Kind::Diagram(Some(d)) => format!("Mermaid {} diagram", d.as_str()),
            Kind::Diagram(None) => "Mermaid diagram".to_owned(),
            Kind::Code(Some(lang)) => format!("{lang} code sample"),
            Kind::Code(None) => "code sample".to_owned(),
            Kind::Prose(topic) => format!("{} section", topic.as_str()),
            Kind::Interactive => "interactive element".to_owned(),
        }
    }
}

/// Title words that ask for numbers.
const METRICS_WORDS: &[&str] = &["metric", "number", "statistic", "benchmark", "kpi"];

/// The kind of a markdown example, from the item's title and, failing that, its shape:
/// mostly bold-label bullets with numbers is a metrics block (even when the title names a
/// topic such as costs), anything else prose. Culture, organisation and timelines stay prose.
pub(crate) fn of_markdown(title: &str, labels_with_numbers: usize, labels: usize) -> Kind {
    let words = text::tokens(title);
    let topic = Topic::from_words(&words);
    if words.iter().any(|w| METRICS_WORDS.contains(&w.as_str())) {
        return Kind::Metrics;
    }
    let prose_topic =
        |t: &Topic| matches!(t, Topic::Culture | Topic::Organisation | Topic::Timeline);
    if let Some(topic) = topic.filter(prose_topic) {
        return Kind::Prose(topic);
    }
    if labels > 0 && labels_with_numbers * 3 >= labels * 2 {
        return Kind::Metrics;
    }
    Kind::Prose(topic.unwrap_or(Topic::General))
}

/// The kind of a claim ("Already Includes" bullet) or of an item without an example. A
/// "number" here is a subject ("a visible correction of a published number"), not a metric.
pub(crate) fn of_text(text: &str) -> Kind {
    let words = text::tokens(text);
    let has = |w: &str| words.iter().any(|x| x == w);
    if has("mermaid") || has("diagram") || has("flowchart") {
        Kind::Diagram(diagram_type_named(&words))
    } else if words
        .iter()
        .any(|w| METRICS_WORDS.contains(&w.as_str()) && w != "number")
    {
        Kind::Metrics
    } else if let Some(lang) = first_language_word(text, true, CLAIM_LANGUAGES) {
        Kind::Code(Some(lang.to_owned()))
    } else if has("code") || has("implementation") || has("example") {
        Kind::Code(None)
    } else if has("interactive") || has("simulator") || has("playground") || has("lab") {
        Kind::Interactive
    } else {
        Kind::Prose(Topic::from_words(&words).unwrap_or(Topic::General))
    }
}

/// Words that name an interactive element, whatever the example is written in.
const INTERACTIVE_WORDS: &[&str] = &[
    "interactive",
    "simulator",
    "playground",
    "sandbox",
    "explorer",
    "visualizer",
    "visualiser",
    "calculator",
    "widget",
    "quiz",
    // "quizzes", as [`text::tokens`] spells it.
    "quizze",
];

/// Words that ask for numbers (as [`text::tokens`] spells them; "numbers" is checked on the
/// text, since one "number" is often a subject, not a metric).
const METRIC_INTENT_WORDS: &[&str] = &[
    "metric",
    "statistic",
    "benchmark",
    "kpi",
    "measurement",
    "telemetry",
];

/// Languages named in words (`a Python sample`); `go` only next to a word about code.
const LANGUAGE_WORDS: &[&str] = &[
    "python",
    "rust",
    "java",
    "typescript",
    "javascript",
    "kotlin",
    "scala",
    "ruby",
    "haskell",
    "elixir",
    "sql",
    "bash",
    "golang",
    "go",
    "csharp",
    "cpp",
    "swift",
];

/// Words that ask for code.
const CODE_WORDS: &[&str] = &["code", "implementation", "snippet", "pseudocode", "script"];

/// The kind an editor's words ask for, when they say it: an interactive element, metrics (or
/// figures named as what to add, [`crate::enhance::figures`]), a diagram (of a type when
/// named), code (in a language when named), or a section on a
/// culture, organisation, timeline or economics topic. `None` when the words name no kind.
pub(crate) fn intent(text: &str) -> Option<Kind> {
    let words = text::tokens(text);
    let has = |w: &str| words.iter().any(|x| x == w);
    let any = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    let lower = text.to_lowercase();
    if any(INTERACTIVE_WORDS) {
        return Some(Kind::Interactive);
    }
    let metric_phrases = [
        "numbers",
        "performance data",
        "production data",
        "real-world data",
    ];
    if any(METRIC_INTENT_WORDS) || metric_phrases.iter().any(|p| lower.contains(p)) {
        return Some(Kind::Metrics);
    }
    let diagram_type = diagram_type_named(&words);
    // "a Gantt chart of the migration", "a pie chart of shed traffic"; not "chart the
    // sequence of events".
    let typed_chart = diagram_type.is_some()
        && words
            .windows(2)
            .any(|p| p[1] == "chart" && is_diagram_type(&p[0]));
    if has("diagram")
        || has("mermaid")
        || has("flowchart")
        || lower.contains("flow chart")
        || typed_chart
    {
        return Some(Kind::Diagram(diagram_type));
    }
    if let Some(lang) = language_named(text) {
        return Some(Kind::Code(Some(lang)));
    }
    if any(CODE_WORDS) {
        return Some(Kind::Code(None));
    }
    // "add p99 latency", "include shed rate and goodput": figures named as what to add.
    if crate::enhance::figures::asks_for_figures(text) {
        return Some(Kind::Metrics);
    }
    Topic::from_words(&words)
        .filter(|t| !matches!(t, Topic::Architecture | Topic::General))
        .map(Kind::Prose)
}

/// Words a heading may hold beside a kind without naming anything else (`## Missing metrics
/// blocks`, `## Recommended code samples`), as [`text::tokens`] spells them.
const GROUPING_WORDS: &[&str] = &[
    "add",
    "additional",
    "extra",
    "more",
    "new",
    "missing",
    "recommended",
    "suggested",
    "proposed",
    "needed",
    "real",
    "production",
    "performance",
    "block",
    "section",
    "sample",
    "example",
    "snippet",
    "element",
    "component",
    "enhancement",
    "request",
];

/// Diagram words a heading may name its family by, besides the types' own names.
const HEADING_DIAGRAM_WORDS: &[&str] = &[
    "diagram",
    "mermaid",
    "flowchart",
    "flow",
    "chart",
    "sequence",
    "state",
    "class",
    "er",
    "gantt",
    "pie",
    "mindmap",
];

/// The family of blocks a heading's word names (metrics, diagrams, code, interactive
/// elements, culture), as [`text::tokens`] spells it; `None` for any other word.
fn heading_family(word: &str) -> Option<u8> {
    if METRIC_INTENT_WORDS.contains(&word) || word == "number" {
        Some(0)
    } else if HEADING_DIAGRAM_WORDS.contains(&word) {
        Some(1)
    } else if word == "code" || word == "go" || LANGUAGE_WORDS.contains(&word) {
        Some(2)
    } else if INTERACTIVE_WORDS.contains(&word) {
        Some(3)
    } else if word == "culture" {
        Some(4)
    } else {
        None
    }
}

/// The kind a heading or label names and nothing else (`## Metrics blocks`, `## Mermaid
/// diagrams`, `## Go code samples`, `## Culture`, `**Diagrams to add:**`): a section or list
/// that groups requests by what they add, or a label followed by one request of that kind.
/// `None` for a heading with any other word (`## Retry metrics at Globex`, `## Add a
/// flowchart of the breaker`, `## Costs`), which is a request or a subject of its own, and
/// for one that names two families (`## Diagrams and code samples`). A heading that names
/// two diagram types (`## Sequence and state diagrams`) asks for a diagram of any type.
pub(crate) fn named_alone(heading: &str) -> Option<Kind> {
    let words: Vec<String> = text::tokens(heading)
        .into_iter()
        .filter(|w| !GROUPING_WORDS.contains(&w.as_str()))
        .collect();
    let mut families = words.iter().map(|w| heading_family(w));
    let first = families.next()??;
    if !families.all(|family| family == Some(first)) {
        return None;
    }
    match intent(heading)? {
        Kind::Diagram(Some(_)) if words.iter().filter(|w| is_diagram_type(w)).count() > 1 => {
            Some(Kind::Diagram(None))
        }
        kind => Some(kind),
    }
}

/// A kind that admits any diagram type or any language (`Diagrams`, `Code samples`, a table's
/// `mermaid`), made specific by the diagram type or language `item` names ("The state machine
/// of the budget" is a state diagram; "A Go middleware" is Go code). "Sequence" names a
/// diagram type only as "sequence diagram" or "sequence chart" here ("steps in sequence" does
/// not). Any other kind is kept.
pub(crate) fn within_group(group: Kind, item: &str) -> Kind {
    match group {
        Kind::Diagram(None) => {
            let words = text::tokens(item);
            let named = diagram_type_named(&words).filter(|kind| {
                *kind != DiagramKind::Sequence
                    || words
                        .windows(2)
                        .any(|p| p[0] == "sequence" && matches!(p[1].as_str(), "diagram" | "chart"))
            });
            Kind::Diagram(named)
        }
        Kind::Code(None) => {
            let language = language_named(item).or_else(|| go_after_article(item, |_| true));
            Kind::Code(language)
        }
        group => group,
    }
}

/// Whether a word names a diagram type (`sequence`, `state`, `gantt`).
fn is_diagram_type(word: &str) -> bool {
    diagram_type_named(&[word.to_owned(), "diagram".to_owned()])
        .is_some_and(|kind| kind != DiagramKind::Flowchart || word == "flowchart")
}

/// The diagram type words name (`sequence diagram`, `state diagram`, `gantt`), if any.
fn diagram_type_named(words: &[String]) -> Option<DiagramKind> {
    let has = |w: &str| words.iter().any(|x| x == w);
    let before_diagram = |w: &str| {
        words
            .windows(2)
            .any(|p| p[0] == w && (p[1] == "diagram" || p[1] == "chart"))
    };
    if has("sequence") {
        Some(DiagramKind::Sequence)
    } else if has("flowchart") || (has("flow") && has("chart")) {
        Some(DiagramKind::Flowchart)
    } else if before_diagram("state") || words.windows(2).any(|p| p == ["state", "machine"]) {
        Some(DiagramKind::State)
    } else if before_diagram("class") {
        Some(DiagramKind::Class)
    } else if before_diagram("er") || has("entity") && has("relationship") {
        Some(DiagramKind::Er)
    } else if has("gantt") {
        Some(DiagramKind::Gantt)
    } else if before_diagram("pie") {
        Some(DiagramKind::Pie)
    } else if has("mindmap") || before_diagram("mind") {
        Some(DiagramKind::Mindmap)
    } else if has("sankey") {
        Some(DiagramKind::Sankey)
    } else if has("gitgraph") || words.windows(2).any(|p| p == ["git", "graph"]) {
        Some(DiagramKind::GitGraph)
    } else if before_diagram("quadrant") {
        Some(DiagramKind::Quadrant)
    } else if has("xychart") || before_diagram("xy") {
        Some(DiagramKind::XyChart)
    } else if has("kanban") {
        Some(DiagramKind::Kanban)
    } else if has("c4") {
        Some(DiagramKind::C4)
    } else if words.windows(2).any(|p| p == ["user", "journey"]) || before_diagram("journey") {
        Some(DiagramKind::Journey)
    } else if words.windows(2).any(|p| p == ["mermaid", "timeline"]) {
        // "A Mermaid timeline": Mermaid's own type; a "timeline diagram" may be a Gantt chart.
        Some(DiagramKind::Timeline)
    } else {
        None
    }
}

/// A programming language named in words, as a whole word (`TypeScript` is not `type`
/// and `script`, `JavaScript` not Java): `C#` and `C++` with their signs; `go` only as "in
/// Go" or "Go code/sample/…", and `TS`/`JS` only before a word about code.
fn language_named(text: &str) -> Option<String> {
    if let Some(lang) = first_language_word(text, false, LANGUAGE_WORDS) {
        return Some(lang.to_owned());
    }
    let plain: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let about_code = |word: &str| {
        CODE_WORDS.iter().any(|c| word.starts_with(c))
            || word.starts_with("sample")
            || word.starts_with("example")
            || word.starts_with("version")
    };
    let go_as_language = plain
        .windows(2)
        .any(|p| (p[0] == "go" && about_code(&p[1])) || (p[1] == "go" && p[0] == "in"));
    if go_as_language {
        return Some("go".to_owned());
    }
    let abbreviated = plain.windows(2).find_map(|p| match p[0].as_str() {
        "ts" if about_code(&p[1]) => Some("typescript"),
        "js" if about_code(&p[1]) => Some("javascript"),
        _ => None,
    });
    if let Some(lang) = abbreviated {
        return Some(lang.to_owned());
    }
    if let Some(language) = language_in_brackets(text, about_code) {
        return Some(language);
    }
    // "a Go breaker implementation": "Go" as a name, after an article, with code a few words
    // on (not "a go-live checklist", "have a go at the code").
    go_after_article(text, about_code)
}

/// The first language `text` names as a whole word, in the spelling fences use
/// ([`crate::enhance::example::canonical_language`]): `C#` and `C++` with their signs, the parts of `Rust+WASM`; a
/// bare `go` counts only when `bare_go` is set, and only `known` languages count.
fn first_language_word(text: &str, bare_go: bool, known: &[&'static str]) -> Option<&'static str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '#' || c == '+'))
        .flat_map(|word| {
            let word = word.trim_start_matches(['#', '+']).to_lowercase();
            // "c#" and "c++" are names; any other sign joins two words ("Rust+WASM").
            if matches!(word.as_str(), "c#" | "c++") {
                vec![word]
            } else {
                word.split(['#', '+']).map(str::to_owned).collect()
            }
        })
        .find_map(|word| {
            if word == "go" && !bare_go {
                return None;
            }
            let canonical = crate::enhance::example::canonical_language(&word);
            known.iter().copied().find(|lang| *lang == canonical)
        })
}

/// The languages [`of_text`] reads in a claim or a title: the common ones, since a
/// capitalised word such as "Swift" or "Ruby" there is as often a name as a language.
const CLAIM_LANGUAGES: &[&str] = &[
    "python",
    "rust",
    "go",
    "java",
    "typescript",
    "javascript",
    "sql",
    "bash",
    "yaml",
    "csharp",
    "cpp",
];

/// Languages a code request may name in brackets after a word about code, as fences name them.
const BRACKETED_LANGUAGES: &[&str] = &[
    "go", "golang", "yaml", "yml", "toml", "json", "c", "cpp", "shell", "sh", "js", "ts", "py",
];

/// The language in brackets right after a word about code: "Code sample (Go)", "Code
/// (YAML)", "Implementation (Rust, about 40 lines)"; not "the launch checklist (go, no-go)".
fn language_in_brackets(text: &str, about_code: impl Fn(&str) -> bool) -> Option<String> {
    let mut from = 0;
    while let Some(open) = text.get(from..)?.find('(').map(|at| from + at) {
        from = open + 1;
        let before = text.get(..open)?.trim_end();
        let last = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        let inside = text.get(open + 1..)?;
        let word = inside
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let closed = inside
            .get(word.len()..)
            .is_some_and(|after| after.starts_with([')', ',', ';']));
        let word = word.to_lowercase();
        let known =
            LANGUAGE_WORDS.contains(&word.as_str()) || BRACKETED_LANGUAGES.contains(&word.as_str());
        if closed && known && about_code(&last) {
            return Some(crate::enhance::example::canonical_language(&word).to_owned());
        }
    }
    None
}

/// `go` when "Go", capitalised, follows an article and `followed_by` holds for one of the
/// three words after it (lower-cased, without punctuation).
fn go_after_article(text: &str, followed_by: impl Fn(&str) -> bool) -> Option<String> {
    let spaced: Vec<&str> = text.split_whitespace().collect();
    let found = spaced.iter().enumerate().any(|(i, word)| {
        *word == "Go"
            && i > 0
            && ["a", "an", "the"]
                .iter()
                .any(|article| spaced[i - 1].eq_ignore_ascii_case(article))
            && spaced[i + 1..].iter().take(3).any(|next| {
                let next = next
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                !next.is_empty() && followed_by(&next)
            })
    });
    found.then(|| "go".to_owned())
}

/// Whether a word (as [`text::tokens`] spells it) names a kind of block rather than what the
/// block is about ("code", "sample", "flowchart"); such words are left out of a requirement's
/// or a claim's key terms.
pub(crate) fn is_kind_word(word: &str) -> bool {
    KIND_WORDS.contains(&word) || matches!(word, "sample" | "snippet" | "implementation")
}

/// Whether a word (as [`text::tokens`] spells it) names a programming language: not what a
/// code sample is about, though it may be what a diagram is about ("a flowchart of the SQL
/// migration").
pub(crate) fn is_language_word(word: &str) -> bool {
    LANGUAGE_WORDS.contains(&word) || matches!(word, "go" | "golang")
}

/// Words that name the kind rather than the content ([`is_kind_word`]).
const KIND_WORDS: &[&str] = &[
    "metric",
    "production",
    "diagram",
    "mermaid",
    "code",
    "example",
    "insight",
    "section",
    "structured",
    "block",
    "good",
    "detail",
    "deep",
    "dive",
    "python",
    "interactive",
    "element",
    "component",
    "sequence",
    "flowchart",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_is_a_language_next_to_words_about_code_but_not_a_verb() {
        let go = Some(Kind::Code(Some("go".to_owned())));
        for text in [
            "Add a Go breaker implementation",
            "Show the Go retry client code",
            "A sample in Go",
            "Go code for the budget",
            "Code sample (Go): a retry budget",
            "Implementation (Go, about 40 lines)",
            "A sample (golang) of the budget",
            "Add a Go version of the fixed retry loop",
        ] {
            assert_eq!(intent(text), go, "{text}");
        }
        for text in [
            "How we go live with a code freeze",
            "Let readers go through the code",
            "A go-live checklist",
            "Add a go-live checklist script",
            "Show the go-to example of priority tiers",
            "Let readers have a go at the code themselves",
            "Add a Go/No-Go decision example",
            "Explain the launch checklist (go, no-go, rollback) and the script that runs it",
        ] {
            assert_ne!(intent(text), go, "{text}");
        }
    }

    #[test]
    fn mermaid_only_diagram_names_are_their_type_and_colloquial_ones_any_diagram() {
        let diagram = |kind: Option<DiagramKind>| Some(Kind::Diagram(kind));
        for (text, kind) in [
            ("Add a Sankey diagram of request flow", DiagramKind::Sankey),
            (
                "A git graph diagram of the release branches",
                DiagramKind::GitGraph,
            ),
            (
                "A quadrant chart of effort against impact",
                DiagramKind::Quadrant,
            ),
            ("An XY chart of latency by load", DiagramKind::XyChart),
            ("A user journey diagram of checkout", DiagramKind::Journey),
            ("A C4 diagram of the payment system", DiagramKind::C4),
            (
                "Add a Mermaid timeline of the outage",
                DiagramKind::Timeline,
            ),
        ] {
            assert_eq!(intent(text), diagram(Some(kind)), "{text}");
        }
        // Any drawing will do for these: they are not asking for Mermaid's own types.
        for text in [
            "An architecture diagram of the payment system",
            "A block diagram of the pipeline",
            "A timeline diagram of the outage",
        ] {
            assert_eq!(intent(text), diagram(None), "{text}");
        }
    }

    #[test]
    fn a_chart_of_a_diagram_type_is_that_diagram() {
        let diagram = |kind: DiagramKind| Some(Kind::Diagram(Some(kind)));
        assert_eq!(
            intent("Add a Gantt chart of the migration phases"),
            diagram(DiagramKind::Gantt)
        );
        assert_eq!(
            intent("A pie chart of shed traffic by tier"),
            diagram(DiagramKind::Pie)
        );
        for text in [
            "Chart the sequence of events that led to the outage",
            "Add a chart of checkout traffic flow",
            "Explain why the Gantt-style rollout plan slipped",
        ] {
            assert_eq!(
                intent(text).and_then(|k| match k {
                    Kind::Diagram(t) => t,
                    _ => None,
                }),
                None,
                "{text}"
            );
        }
    }

    #[test]
    fn a_heading_that_only_names_a_kind_groups_requests_of_that_kind() {
        let code = |language: &str| Some(Kind::Code(Some(language.to_owned())));
        assert_eq!(named_alone("Metrics blocks"), Some(Kind::Metrics));
        assert_eq!(
            named_alone("Missing production numbers"),
            Some(Kind::Metrics)
        );
        assert_eq!(named_alone("Mermaid Diagrams"), Some(Kind::Diagram(None)));
        assert_eq!(
            named_alone("Sequence diagrams"),
            Some(Kind::Diagram(Some(DiagramKind::Sequence)))
        );
        assert_eq!(named_alone("Code samples"), Some(Kind::Code(None)));
        assert_eq!(named_alone("Go code samples"), code("go"));
        assert_eq!(named_alone("Python examples"), code("python"));
        assert_eq!(named_alone("Interactive elements"), Some(Kind::Interactive));
        assert_eq!(named_alone("Culture"), Some(Kind::Prose(Topic::Culture)));
        assert_eq!(named_alone("Performance metrics"), Some(Kind::Metrics));
        assert_eq!(
            named_alone("Interactive components"),
            Some(Kind::Interactive)
        );
        assert_eq!(
            named_alone("Flow charts"),
            Some(Kind::Diagram(Some(DiagramKind::Flowchart)))
        );
        assert_eq!(
            named_alone("Sequence and state diagrams"),
            Some(Kind::Diagram(None))
        );
        // Any other word makes it a request or a subject of its own.
        for heading in [
            "Retry metrics at Globex",
            "Add a flowchart of the breaker",
            "Architecture diagrams",
            "Recommended enhancements",
            "Diagrams and code samples",
            "Metrics and code",
            "Script",
            "Implementation",
            "Team",
            "Costs",
            "Episode 3",
            "",
        ] {
            assert_eq!(named_alone(heading), None, "{heading}");
        }
    }

    #[test]
    fn an_item_under_a_kind_takes_the_diagram_type_or_language_it_names() {
        let diagram = |kind| Kind::Diagram(Some(kind));
        let any_diagram = Kind::Diagram(None);
        assert_eq!(
            within_group(any_diagram.clone(), "The state machine of the budget"),
            diagram(DiagramKind::State)
        );
        assert_eq!(
            within_group(any_diagram.clone(), "A sequence diagram of one retry"),
            diagram(DiagramKind::Sequence)
        );
        assert_eq!(
            within_group(any_diagram.clone(), "The rollout steps, in sequence"),
            any_diagram
        );
        assert_eq!(
            within_group(any_diagram.clone(), "Where the budget sits"),
            any_diagram
        );
        let code = |lang: &str| Kind::Code(Some(lang.to_owned()));
        assert_eq!(
            within_group(Kind::Code(None), "A Go middleware that rejects retries"),
            code("go")
        );
        assert_eq!(
            within_group(Kind::Code(None), "A token bucket in Rust"),
            code("rust")
        );
        for item in ["Let the loop go on", "A go-live check", "The budget check"] {
            assert_eq!(
                within_group(Kind::Code(None), item),
                Kind::Code(None),
                "{item}"
            );
        }
        // A group of any other kind is kept as it is.
        assert_eq!(within_group(Kind::Metrics, "Go latency"), Kind::Metrics);
        assert_eq!(
            within_group(diagram(DiagramKind::Gantt), "A sequence of releases"),
            diagram(DiagramKind::Gantt)
        );
    }

    #[test]
    fn a_misspelt_language_diagram_type_or_topic_is_no_kind_and_every_name_reads_back() {
        for name in ["code:pythn", "mermaid:bogus", "prose:whatever", "widgets"] {
            assert_eq!(Kind::parse_name(name), None, "{name}");
        }
        assert_eq!(
            Kind::parse_name("Code: py"),
            Some(Kind::Code(Some("python".to_owned())))
        );
        for kind in [
            Kind::Metrics,
            Kind::Diagram(None),
            Kind::Code(None),
            Kind::Code(Some("rust".to_owned())),
            Kind::Prose(Topic::General),
            Kind::Prose(Topic::Culture),
            Kind::Prose(Topic::Organisation),
            Kind::Prose(Topic::Timeline),
            Kind::Prose(Topic::Economics),
            Kind::Prose(Topic::Architecture),
            Kind::Interactive,
        ] {
            assert_eq!(
                Kind::parse_name(&kind.name()),
                Some(kind.clone()),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn titles_decide_before_shape() {
        assert_eq!(
            of_markdown("Add Migration Timeline Details", 4, 4),
            Kind::Prose(Topic::Timeline)
        );
        assert_eq!(
            of_markdown("Add Real Performance Numbers", 0, 4),
            Kind::Metrics
        );
        assert_eq!(
            of_markdown("Infrastructure Cost Optimization", 8, 8),
            Kind::Metrics
        );
        assert_eq!(
            of_markdown("Streaming Data Platform Details", 6, 12),
            Kind::Prose(Topic::Architecture)
        );
    }

    #[test]
    fn intent_comes_from_words_whatever_the_example() {
        assert_eq!(
            intent("Add Interactive Architecture Explorer"),
            Some(Kind::Interactive)
        );
        assert_eq!(intent("a retry budget calculator"), Some(Kind::Interactive));
        assert_eq!(
            intent("Production metrics as a Python dict"),
            Some(Kind::Metrics)
        );
        assert_eq!(intent("Real Performance Numbers"), Some(Kind::Metrics));
        assert_eq!(
            intent("a sequence diagram of the checkout"),
            Some(Kind::Diagram(Some(DiagramKind::Sequence)))
        );
        assert_eq!(intent("Add a diagram"), Some(Kind::Diagram(None)));
        assert_eq!(
            intent("a sample in Go"),
            Some(Kind::Code(Some("go".into())))
        );
        assert_eq!(intent("Let's go further"), None);
        assert_eq!(
            intent("Chaos Engineering Implementation Details"),
            Some(Kind::Code(None))
        );
        assert_eq!(
            intent("Engineering culture insights"),
            Some(Kind::Prose(Topic::Culture))
        );
        assert_eq!(intent("Architecture Deep Dives"), None);
    }

    #[test]
    fn claims_are_classified_by_their_words() {
        assert_eq!(
            of_text("Production metrics (40k orders per minute at Globex)"),
            Kind::Metrics
        );
        assert_eq!(
            of_text("Architecture diagrams with Mermaid"),
            Kind::Diagram(None)
        );
        assert_eq!(
            of_text("Already includes two sequence diagrams"),
            Kind::Diagram(Some(DiagramKind::Sequence))
        );
        assert_eq!(
            of_text("a flowchart of the breaker"),
            Kind::Diagram(Some(DiagramKind::Flowchart))
        );
        assert_eq!(
            of_text("Engineering culture insights"),
            Kind::Prose(Topic::Culture)
        );
        assert_eq!(
            of_text("A visible correction of a published number"),
            Kind::Prose(Topic::General)
        );
        assert_eq!(
            of_text("Percentile arithmetic in Python (per-host, averaged and pooled p99)"),
            Kind::Code(Some("python".into()))
        );
    }

    #[test]
    fn languages_are_read_as_whole_words_with_their_signs() {
        let code = |lang: &str| Some(Kind::Code(Some(lang.to_owned())));
        assert_eq!(
            intent("Add a TypeScript code sample of the monitor"),
            code("typescript")
        );
        assert_eq!(
            intent("Add a JavaScript sample of the client"),
            code("javascript")
        );
        assert_eq!(
            intent("Add a C# code sample of the lag monitor"),
            code("csharp")
        );
        assert_eq!(intent("A C++ implementation of the ring"), code("cpp"));
        assert_eq!(intent("Add a TS sample of the retry"), code("typescript"));
        assert_eq!(
            intent("Add a JS snippet of the handler"),
            code("javascript")
        );
        assert_eq!(of_text("JavaScript"), Kind::Code(Some("javascript".into())));
        assert_eq!(of_text("Go"), Kind::Code(Some("go".into())));
        // A word that only contains a language's name is no language.
        assert_eq!(
            intent("Add code for the JavaBeans loader"),
            Some(Kind::Code(None))
        );
        assert_eq!(of_text("Typed scripts"), Kind::Prose(Topic::General));
        assert_eq!(intent("Add a Rust+WASM sample of the parser"), code("rust"));
        // In a claim, a capitalised word that is also a rarer language is a name.
        assert_eq!(of_text("SWIFT messages"), Kind::Prose(Topic::General));
    }
}
