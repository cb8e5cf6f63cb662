//! A recommendation's example block → its [`Kind`] and [`Fingerprint`].
//!
//! A ```` ```mermaid ```` example gives the diagram type and its labels; a ```` ```markdown ````
//! example is parsed like any Markdown (its headings and bold labels are its fingerprint,
//! and its shape tells a metrics block from a prose section); any other fence is a code
//! sample in that language, fingerprinted by the classes and functions it defines.

use crate::enhance::{Fingerprint, Kind, code, diagram, kind, subject, text};
use crate::markdown::{self, CodeBlock, metrics::has_number};
use crate::source::SourceFile;

/// The kinds around a recommendation that its words do not give.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grouping {
    /// The kind of the section or label that groups it (`## Metrics blocks`): asked for when
    /// its own words name none.
    pub(crate) grouped_as: Option<Kind>,
    /// The kind its own label names and nothing else (`**Diagrams:** …`): asked for whatever
    /// its words say, made as specific as they allow.
    pub(crate) led_by: Option<Kind>,
}

/// Kind and fingerprint of a recommendation: its title, the words around it and its example
/// block, if any. The editor's words decide first (an item about metrics whose example is a
/// Python dict is a metrics requirement; a simulator is interactive whatever its example is
/// written in), then the kind of the section that groups it, `grouped_as` (`## Metrics
/// blocks`); then the example (a Mermaid block is a diagram, other code a code sample, a
/// Markdown example by its title and shape); then the words alone. A label that names only a
/// kind (`**Code:** a budget check in Rust`) decides before any word, made specific by them.
pub(crate) fn read_unit(
    title: &str,
    description: &str,
    block: Option<&CodeBlock>,
    grouping: Grouping,
) -> (Kind, Fingerprint) {
    let mut fingerprint = Fingerprint {
        terms: vec![title.to_owned()],
        ..Fingerprint::default()
    };
    let Grouping { grouped_as, led_by } = grouping;
    let led = led_by.is_some();
    let own_intent = match led_by {
        Some(label) => Some(kind::within_group(label, title)),
        None => kind::intent(title).or_else(|| kind::intent(description)),
    };
    let grouped = led || (own_intent.is_none() && grouped_as.is_some());
    let intent = own_intent.or_else(|| grouped_as.map(|group| kind::within_group(group, title)));
    let lang = block.and_then(|b| b.lang.as_deref());
    let kind = match (intent, block) {
        (Some(Kind::Interactive), _) => {
            // What the reader gets to use ("a retry budget calculator"), without the words
            // that only say it is interactive or for which episodes.
            // The part of the title that names the element, without its examples
            // ("…, such as a calculator, a simulator or a playground").
            let named = title
                .split(" such as ")
                .next()
                .unwrap_or(title)
                .split([',', ':', ';', '('])
                .find(|part| kind::intent(part) == Some(Kind::Interactive))
                .unwrap_or(title);
            fingerprint.terms = enumeration_or_title(&without_audience(named), "", false);
            Kind::Interactive
        }
        (Some(Kind::Metrics), Some(block)) => {
            if matches!(lang, Some("markdown" | "md") | None) {
                markdown_example(title, &block.code, true, &mut fingerprint);
            }
            if fingerprint.labels.is_empty() {
                fingerprint.labels = metric_labels(block);
            }
            Kind::Metrics
        }
        (Some(Kind::Metrics), None) => {
            fingerprint.labels = enumeration(description);
            if fingerprint.labels.is_empty() {
                // "Metrics block — retry ratio, p99 latency": for metrics, a dash lists too.
                let after_dash = [" — ", " – "]
                    .iter()
                    .find_map(|dash| description.split_once(dash).map(|(_, rest)| rest));
                if let Some(listed) = after_dash {
                    fingerprint.labels = enumeration(&format!(": {listed}"));
                }
            }
            if fingerprint.labels.is_empty() && grouped {
                // Under `## Metrics blocks`, an item's words are the metrics it asks for.
                fingerprint.labels = enumeration(&format!(": {title}"));
            }
            if fingerprint.labels.is_empty() {
                // "Add production metrics" asks for a metrics block and nothing in it;
                // "Add a metrics block with consumer lag" for one metric.
                let named = metric_named(title);
                fingerprint.terms = (!named.is_empty()).then_some(named).into_iter().collect();
            }
            Kind::Metrics
        }
        (_, Some(block)) if lang == Some("mermaid") => diagram_example(block, &mut fingerprint),
        (Some(Kind::Diagram(wanted)), _) => {
            fingerprint.terms = enumeration_or_title(title, description, false);
            Kind::Diagram(wanted)
        }
        (_, Some(block)) if !matches!(lang, Some("markdown" | "md" | "text" | "txt") | None) => {
            code_example(block, lang.unwrap_or(""), &mut fingerprint)
        }
        (intent, Some(block)) => match intent {
            Some(kind @ Kind::Code(_)) => {
                fingerprint.terms = enumeration_or_title(title, description, true);
                kind
            }
            _ => markdown_example(title, &block.code, false, &mut fingerprint),
        },
        (intent, None) => {
            let kind = intent.unwrap_or_else(|| kind::of_text(title));
            let code = matches!(kind, Kind::Code(_));
            fingerprint.terms = enumeration_or_title(title, description, code);
            if code {
                let (classes, functions) = identifiers(&format!("{title} {description}"));
                fingerprint.classes = classes;
                fingerprint.functions = functions;
            }
            kind
        }
    };
    text::dedup(&mut fingerprint.labels);
    text::dedup(&mut fingerprint.terms);
    fingerprint.subject = match block {
        Some(block) => subject::of_example(title, block),
        None => subject::subjects(&[title, description]),
    };
    (kind, fingerprint)
}

/// Kind and fingerprint of a requirement whose kind is given (a structured entry, a table's
/// kind column): the listed terms, else the title's content words.
pub(crate) fn explicit(kind: Kind, title: &str, terms: &str) -> (Kind, Fingerprint) {
    let code = matches!(kind, Kind::Code(_));
    let mut fingerprint = Fingerprint {
        terms: enumeration_or_title(title, &format!(": {terms}"), code),
        ..Fingerprint::default()
    };
    if terms.trim().is_empty() {
        fingerprint.terms = enumeration_or_title(title, "", code);
    } else if fingerprint.terms.len() == 1 && enumeration(&format!(": {terms}")).is_empty() {
        fingerprint.terms = vec![terms.trim().to_owned()];
    }
    text::dedup(&mut fingerprint.terms);
    (kind, fingerprint)
}

fn diagram_example(block: &CodeBlock, fingerprint: &mut Fingerprint) -> Kind {
    let labels = diagram::labels(&block.code);
    fingerprint.nodes = labels.nodes;
    fingerprint.subgraphs = labels.subgraphs;
    Kind::Diagram(Some(diagram::kind(block)))
}

fn code_example(block: &CodeBlock, lang: &str, fingerprint: &mut Fingerprint) -> Kind {
    let defs = code::definitions(&block.code);
    fingerprint.classes = defs.classes;
    fingerprint.functions = defs.functions;
    Kind::Code(Some(canonical_language(lang).to_owned()))
}

/// Metric names in an example written as code or data: the keys of `key: value`,
/// `"key": value` and `key = value` lines whose value holds a number (a Python dict, YAML,
/// JSON, TOML), and the first cell of table rows with numbers.
fn metric_labels(block: &CodeBlock) -> Vec<String> {
    let mut labels = Vec::new();
    for line in block.code.lines() {
        let line = line.trim().trim_start_matches(['-', '*', '|', ' ']);
        if let Some((key, value)) = line.split_once(['|']) {
            if has_number(value) && !key.trim().is_empty() && !has_number(key) {
                labels.push(humanise_key(key));
            }
            continue;
        }
        let Some((key, value)) = line.split_once([':', '=']) else {
            continue;
        };
        let key = key.trim().trim_matches(['"', '\'', '*', '`']);
        let is_key = !key.is_empty()
            && key.len() <= 60
            && key.chars().next().is_some_and(char::is_alphabetic)
            && !key.contains(['(', ')', '{', '}']);
        if is_key && has_number(value) {
            labels.push(humanise_key(key));
        }
    }
    labels
}

/// `p99_latency_ms` → "p99 latency ms"; `**Hit rate**` → "Hit rate".
fn humanise_key(key: &str) -> String {
    key.trim()
        .trim_matches(['*', '"', '\'', '`'])
        .replace('_', " ")
        .trim()
        .to_owned()
}

/// The items an editor lists after a colon or "such as" (`add metrics: hit rate, p99 latency
/// and error rate`), when there are at least two.
pub(crate) fn enumeration(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let start = [
        ":",
        " such as ",
        " including ",
        " like ",
        " covering ",
        " with ",
        " between ",
    ]
    .iter()
    .filter_map(|m| lower.find(m).map(|at| at + m.len()))
    .min()
    // "A metrics block (cache hit ratio, p99 latency, DB reads/s)": a list in brackets that
    // ends the text lists as well.
    .or_else(|| {
        let open = text.find('(')?;
        let inside = text[open + 1..]
            .trim_end_matches(['.', ' '])
            .strip_suffix(')')?;
        (!inside.contains(['(', ')']) && inside.contains(',')).then_some(open + 1)
    });
    let Some(start) = start.filter(|&s| text.is_char_boundary(s)) else {
        return Vec::new();
    };
    let body = text[start..].trim_end_matches(['.', ' ', ')']);
    // "with real numbers (p99 latency, error rate)": a list in brackets that ends the text,
    // after words that list nothing, is the list ("latency (p50, p99), throughput and error
    // rate" is a list of three whose first item has brackets).
    let body = match body.split_once('(') {
        Some((before, inside))
            if !before.contains(',')
                && !before.contains(" and ")
                && inside.contains(',')
                && !inside.contains(')') =>
        {
            inside
        }
        _ => body,
    };
    let parts: Vec<&str> = split_outside_brackets(body)
        .into_iter()
        .flat_map(split_at_and)
        .flat_map(|part| part.split(" or "))
        .collect();
    // "target: lag under 1,000 messages" sets a goal; it names no metric of its own, nor
    // does "(target: under 5 minutes)" after one.
    let listed = parts.len();
    let parts: Vec<&str> = parts
        .into_iter()
        .filter(|part| !names_a_goal(part))
        .map(without_goal_aside)
        .collect();
    let goals = listed - parts.len();
    let last = parts.len().saturating_sub(1);
    let items: Vec<String> = parts
        .into_iter()
        .enumerate()
        // "… and database reads per second on opening day": when the list ends, not a metric.
        .map(|(index, part)| {
            if index == last {
                without_occasion(part)
            } else {
                part
            }
        })
        .map(|part| {
            let part = part
                .trim()
                .trim_start_matches("and ")
                .trim_matches(['"', '\'', '\u{201c}', '\u{201d}', '`'])
                .trim();
            ["the ", "a ", "an "]
                .iter()
                .find_map(|a| part.strip_prefix(a))
                .unwrap_or(part)
                .trim()
                .to_owned()
        })
        .filter(|part| {
            // "before and after" counts as one word.
            let joined = part.matches(" and ").count() * 2;
            let n = part.split_whitespace().count().saturating_sub(joined);
            (1..=6).contains(&n)
        })
        .collect();
    if items.len() >= 2 || (items.len() == 1 && goals > 0) {
        items
    } else {
        Vec::new()
    }
}

/// A listed part without a goal in brackets at its end ("time to detect (target: under 5
/// minutes)" → "time to detect").
fn without_goal_aside(part: &str) -> &str {
    // The list's own closing bracket may already be gone ("… (target: under 5 minutes").
    let trimmed = part.trim_end();
    let inner_end = trimmed.strip_suffix(')').map_or(trimmed.len(), str::len);
    match trimmed.rfind('(') {
        Some(open) if names_a_goal(&trimmed[open + 1..inner_end]) => trimmed[..open].trim_end(),
        _ => part,
    }
}

/// Words a metrics request uses to ask for numbers without naming any ("Add production
/// metrics", "Include a metrics block with real numbers"), compared as [`text::tokens`]
/// spells them.
const UNNAMED_METRIC_WORDS: &str = "add adding include insert show provide give need needs want \
    real actual concrete hard production world numbers number data figures figure stats \
    statistics metrics metric measurements measured results performance benchmark benchmarks \
    kpi kpis telemetry block blocks section table dashboard panel key relevant representative \
    sample samples example examples before after some few couple new episode episodes this \
    showing shows improvement improvements change changes impact effect";

/// What a metrics request without a list names besides asking for numbers: "consumer lag"
/// in "Add a metrics block with consumer lag", nothing in "Add production metrics with real
/// numbers" (the words as written, in order).
fn metric_named(title: &str) -> String {
    let unnamed = text::tokens(UNNAMED_METRIC_WORDS);
    title
        .split_whitespace()
        .filter(|word| {
            let tokens = text::tokens(word);
            !tokens.is_empty()
                && tokens
                    .iter()
                    .any(|t| !(unnamed.contains(t) || kind::is_kind_word(t)))
        })
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a listed part sets a goal rather than naming a metric ("target: under 5
/// minutes", "goal: p99 below 200 ms").
fn names_a_goal(part: &str) -> bool {
    let part = part.trim().to_lowercase();
    ["target", "goal", "budget", "slo", "sla"]
        .iter()
        .any(|word| {
            part.strip_prefix(word)
                .is_some_and(|rest| rest.trim_start().starts_with([':', '=']))
        })
}

/// A list's last item without the occasion that ends the whole list ("database reads per
/// second on opening day" → "database reads per second"), when what is left still names
/// something; the item as it is otherwise.
fn without_occasion(part: &str) -> &str {
    [
        " on ",
        " during ",
        " at peak",
        " over the ",
        " across the ",
        " in production",
    ]
    .iter()
    .filter_map(|marker| part.find(marker))
    .min()
    .map(|at| part[..at].trim_end())
    .filter(|kept| kept.split_whitespace().count() >= 2)
    .unwrap_or(part)
}

/// `text` split at each `,` and `;` outside brackets: "latency (p50, p99), throughput" is
/// two items; a comma between digits ("1,000") splits nothing.
fn split_outside_brackets(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0_usize;
    let mut from = 0;
    let bytes = text.as_bytes();
    for (at, ch) in text.char_indices() {
        let between_digits = at > 0
            && bytes[at - 1].is_ascii_digit()
            && bytes.get(at + 1).is_some_and(u8::is_ascii_digit);
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ',' if between_digits => {}
            ',' | ';' if depth == 0 => {
                parts.push(&text[from..at]);
                from = at + ch.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[from..]);
    parts
}

/// `part` split at each " and " that joins two items ("trip rate and recovery time"), not
/// at one that joins two words about the same item ("p99 latency before and after the
/// budget").
fn split_at_and(part: &str) -> Vec<&str> {
    const JOINED_AFTER: &[&str] = &["before", "after", "during", "pre", "post"];
    let mut pieces = Vec::new();
    let mut from = 0;
    let mut search = 0;
    while let Some(at) = part.get(search..).and_then(|rest| rest.find(" and ")) {
        let at = search + at;
        let last_word = part[..at].rsplit(' ').next().unwrap_or("");
        if !JOINED_AFTER
            .iter()
            .any(|word| last_word.eq_ignore_ascii_case(word))
        {
            pieces.push(&part[from..at]);
            from = at + " and ".len();
        }
        search = at + " and ".len();
    }
    pieces.push(&part[from..]);
    pieces
}

/// Names of code an editor writes in prose: `CamelCase` words are classes, `snake_case`
/// words and names in backticks are functions.
fn identifiers(text: &str) -> (Vec<String>, Vec<String>) {
    let mut classes = Vec::new();
    let mut functions = Vec::new();
    let quoted: Vec<&str> = text.split('`').skip(1).step_by(2).collect();
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
        let camel = word.starts_with(|c: char| c.is_ascii_uppercase())
            && word.chars().skip(1).any(|c| c.is_ascii_uppercase())
            && word.chars().any(|c| c.is_ascii_lowercase());
        let snake = word.contains('_') && word.chars().any(|c| c.is_alphabetic());
        if camel {
            classes.push(word.to_owned());
        } else if snake || (quoted.contains(&word) && !word.is_empty()) {
            functions.push(word.trim_matches('_').to_owned());
        }
    }
    text::dedup(&mut classes);
    text::dedup(&mut functions);
    (classes, functions)
}

/// A title without the words that say for which episodes it is ("For every episode above,
/// add …").
fn without_audience(title: &str) -> String {
    title
        .split_whitespace()
        .filter(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            !matches!(
                w.as_str(),
                "every"
                    | "each"
                    | "all"
                    | "episode"
                    | "episodes"
                    | "above"
                    | "below"
                    | "listed"
                    | "finally"
                    | "also"
                    | "lastly"
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The listed items, or else the title without the words that name the kind.
fn enumeration_or_title(title: &str, description: &str, code: bool) -> Vec<String> {
    let listed = enumeration(description);
    if !listed.is_empty() {
        return listed;
    }
    // A code sample's language is its kind, not what it is about.
    let content_words = |text: &str| -> Vec<String> {
        text::tokens(text)
            .into_iter()
            .filter(|w| !(kind::is_kind_word(w) || (code && kind::is_language_word(w))))
            .collect()
    };
    let content = content_words(title);
    if !content.is_empty() {
        return vec![content.join(" ")];
    }
    // "**Mermaid flowchart** of a request through the budget": a title of kind words only;
    // the rest of its first sentence says what the block is about.
    let rest = crate::text::strip_prefix_ignore_ascii_case(description.trim_start(), title.trim())
        .unwrap_or("");
    let line = rest.lines().next().unwrap_or(rest);
    let sentence = line.split(". ").next().unwrap_or(line);
    let about = content_words(sentence);
    if about.is_empty() {
        vec![title.to_owned()]
    } else {
        vec![about.join(" ")]
    }
}

/// Kind and fingerprint of a Markdown example; `metrics` when the editor's words already said
/// it is a metrics requirement.
fn markdown_example(title: &str, code: &str, metrics: bool, fingerprint: &mut Fingerprint) -> Kind {
    let source = SourceFile::from_string("example.md", code);
    let doc = markdown::parse(&source);
    fingerprint.headings = doc.headings.iter().map(|h| h.text.clone()).collect();
    let mut with_numbers = 0;
    let mut bullet_labels = 0;
    for item in &doc.list_items {
        if let Some(lead) = doc.lead_of(item) {
            bullet_labels += 1;
            if has_number(doc.text_of(&item.text())) {
                with_numbers += 1;
            }
            fingerprint.labels.push(clean_label(lead));
        }
    }
    for paragraph in doc.paragraphs.iter().filter(|p| p.is_bold_label()) {
        fingerprint
            .labels
            .push(clean_label(doc.text_of(&paragraph.text())));
    }
    // Table rows with numbers count like bold-label bullets with numbers.
    for table in &doc.tables {
        for row in &table.rows {
            bullet_labels += 1;
            if row.iter().skip(1).any(|cell| has_number(cell)) {
                with_numbers += 1;
            }
        }
    }
    let kind = if metrics {
        Kind::Metrics
    } else {
        kind::of_markdown(title, with_numbers, bullet_labels)
    };
    if kind == Kind::Metrics {
        // Metric names are what a metrics block must show; section titles are context.
        fingerprint.labels = doc
            .list_items
            .iter()
            .filter_map(|i| doc.lead_of(i))
            .map(clean_label)
            .collect();
        for table in &doc.tables {
            fingerprint.labels.extend(
                table
                    .rows
                    .iter()
                    .filter(|row| row.iter().skip(1).any(|cell| has_number(cell)))
                    .filter_map(|row| row.first())
                    .filter(|cell| !cell.trim().is_empty())
                    .map(|cell| clean_label(cell)),
            );
        }
    }
    text::dedup(&mut fingerprint.labels);
    kind
}

/// Kind and fingerprint of an "Already Includes" claim: its words minus the kind's words.
pub(crate) fn claim(text: &str) -> (Kind, Fingerprint) {
    let terms: Vec<String> = text::tokens(text)
        .into_iter()
        .filter(|w| !kind::is_kind_word(w))
        .collect();
    let mut fingerprint = Fingerprint {
        terms,
        ..Fingerprint::default()
    };
    text::dedup(&mut fingerprint.terms);
    fingerprint.subject = subject::subjects(&[text]);
    (kind::of_text(text), fingerprint)
}

fn clean_label(label: &str) -> String {
    label.trim().trim_end_matches(':').trim().to_owned()
}

/// `py` → `python`, `ts` → `typescript`, … so requirements and episodes compare equal.
pub(crate) fn canonical_language(lang: &str) -> &str {
    match lang {
        "py" | "python3" => "python",
        "ts" => "typescript",
        "js" => "javascript",
        "rs" => "rust",
        "golang" => "go",
        "sh" | "shell" | "zsh" => "bash",
        "yml" => "yaml",
        "cs" | "c#" => "csharp",
        "c++" | "cc" | "cxx" => "cpp",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::enumeration;

    #[test]
    fn a_list_in_closing_brackets_goals_and_a_closing_occasion_are_read_as_editors_mean() {
        assert_eq!(
            enumeration("Add a metrics block (cache hit ratio, p99 latency, DB reads/s)."),
            ["cache hit ratio", "p99 latency", "DB reads/s"]
        );
        assert_eq!(
            enumeration(
                "Add a metrics block with hit rate, p99 read latency and database reads per second on opening day."
            ),
            ["hit rate", "p99 read latency", "database reads per second"]
        );
        // A goal is no metric, and "1,000" is one number.
        assert_eq!(
            enumeration(
                "Add a metrics block with lag per region, target: lag under 1,000 messages."
            ),
            ["lag per region"]
        );
        assert_eq!(
            enumeration(
                "Add a metrics block with error rate and time to detect (target: under 5 minutes)."
            ),
            ["error rate", "time to detect"]
        );
        // A bracket that is not the list's own is left alone.
        assert!(enumeration("Add a flowchart of the retry loop (see episode 3).").is_empty());
    }

    #[test]
    fn an_enumeration_is_read_after_its_lead_in_brackets_or_quotes() {
        assert_eq!(
            enumeration("Add metrics such as hit rate, p99 latency and error rate"),
            ["hit rate", "p99 latency", "error rate"]
        );
        assert_eq!(
            enumeration(
                "Add a production metrics block with real numbers (p99 latency, error rate)"
            ),
            ["p99 latency", "error rate"]
        );
        assert_eq!(
            enumeration("Metrics: \"p99 under 200 ms\", \"availability 99.95%\""),
            ["p99 under 200 ms", "availability 99.95%"]
        );
        // Brackets around one item's unit are no list.
        assert_eq!(
            enumeration("Add metrics: p99 latency (ms), error rate"),
            ["p99 latency (ms)", "error rate"]
        );
        assert!(enumeration("Add a metrics block with one number").is_empty());
        assert_eq!(
            enumeration("Add a metrics block: latency (p50, p99), throughput and error rate."),
            ["latency (p50, p99)", "throughput", "error rate"]
        );
    }
}
