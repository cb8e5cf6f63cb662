//! The real recommendations document, rewritten into five other layouts an editor might use:
//! plain bullets, tables, a heading per recommendation, YAML front matter with numbered items,
//! and a memo in paragraphs. Each layout must give the verdicts of the original document on the
//! same episodes, give or take one, and must never be read as nothing.
//!
//! The layouts are produced from the real document when the tests run, never stored: a small
//! rewriter parses that one document (its series groups, episode sections, numbered items with
//! their examples, claims, strengths, document-wide interactive elements and summary) into a
//! [`Recommendations`] model, and one renderer per layout writes the model back out. Set
//! `EPISODE_DUMP_LAYOUTS=1` to keep the five documents under the target directory for review.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::support::{Course, corpus, tree};

/// The real document, relative to the shared course.
const ORIGINAL: &str = "enhancements/EPISODE_ENHANCEMENT_RECOMMENDATIONS.md";
/// Where each layout (and the original, for the baseline) is written in the temp course.
const DOCUMENT: &str = "enhancements/RECOMMENDATIONS.md";

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

/// What the real document says, independent of its layout.
#[derive(Debug, Default)]
struct Recommendations {
    /// The `# ` title.
    title: String,
    /// The paragraph before the first group.
    intro: String,
    /// `## Episodes 13-16 (…)` groups, in order.
    groups: Vec<Group>,
    /// The sentence that introduces the document-wide interactive elements.
    elements_intro: String,
    /// One interactive element per docstring of the document-wide example.
    elements: Vec<Element>,
    /// The closing summary.
    summary: Summary,
}

/// A series group.
#[derive(Debug)]
struct Group {
    /// The series name without the word "Series" ("Harbor Basics").
    series: String,
    /// The episodes of the group, in order.
    episodes: Vec<Episode>,
}

/// One episode section.
#[derive(Debug)]
struct Episode {
    number: u32,
    /// The title, without a trailing parenthesised note.
    title: String,
    /// Praise: not requirements.
    strengths: Vec<String>,
    /// Numbered recommendations, each with its example.
    items: Vec<Item>,
    /// "Already includes" bullets.
    claims: Vec<String>,
}

/// A numbered recommendation and its fenced example.
#[derive(Debug)]
struct Item {
    title: String,
    lang: String,
    body: String,
}

/// An interactive element named for one episode or a range of them.
#[derive(Debug)]
struct Element {
    first: u32,
    last: u32,
    /// Lower case words ("queue simulator").
    name: String,
    description: String,
}

/// The closing summary: an introduction, bold points with their rest, a closing paragraph.
#[derive(Debug, Default)]
struct Summary {
    intro: String,
    points: Vec<(String, String)>,
    closing: String,
}

/// One layout: the model written out as a recommendations document.
type Renderer = fn(&Recommendations) -> String;

impl Recommendations {
    fn episodes(&self) -> impl Iterator<Item = (&Group, &Episode)> {
        self.groups
            .iter()
            .flat_map(|g| g.episodes.iter().map(move |e| (g, e)))
    }
}

// ---------------------------------------------------------------------------------------------
// The rewriter's reader: plain string handling, for this one document's structure
// ---------------------------------------------------------------------------------------------

/// Which part of the document the lines belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Preamble,
    Strengths,
    Items,
    Claims,
    Elements,
    Summary,
    Other,
}

fn parse(text: &str) -> Recommendations {
    let mut doc = Recommendations::default();
    let mut part = Part::Preamble;
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some(lang) = line.strip_prefix("```") {
            let mut body = String::new();
            for inner in lines.by_ref() {
                if inner.trim_end() == "```" {
                    break;
                }
                body.push_str(inner);
                body.push('\n');
            }
            match part {
                Part::Items => {
                    if let Some(item) = last_episode(&mut doc).and_then(|e| e.items.last_mut()) {
                        item.lang = lang.trim().to_string();
                        item.body = body;
                    }
                }
                Part::Elements => doc.elements.extend(elements(&body)),
                _ => {}
            }
            continue;
        }
        let trimmed = line.trim();
        if let Some(title) = line.strip_prefix("# ") {
            doc.title = title.trim().to_string();
        } else if let Some(heading) = line.strip_prefix("## ") {
            part = Part::Other;
            let heading = heading.trim();
            if let Some(series) = group_series(heading) {
                doc.groups.push(Group {
                    series,
                    episodes: Vec::new(),
                });
            } else if heading.starts_with("Interactive") {
                part = Part::Elements;
            } else if heading == "Summary" {
                part = Part::Summary;
            }
        } else if let Some(heading) = line.strip_prefix("### Episode ") {
            part = Part::Other;
            if let (Some((number, title)), Some(group)) =
                (heading.split_once(':'), doc.groups.last_mut())
            {
                let title = title.trim();
                let title = match title.strip_suffix(')').and_then(|t| t.rsplit_once(" (")) {
                    Some((bare, _note)) => bare,
                    None => title,
                };
                group.episodes.push(Episode {
                    number: number.trim().parse().unwrap_or(0),
                    title: title.to_string(),
                    strengths: Vec::new(),
                    items: Vec::new(),
                    claims: Vec::new(),
                });
            }
        } else if trimmed == "**Current Strengths:**" || trimmed == "**Strengths:**" {
            part = Part::Strengths;
        } else if trimmed == "**Recommended Enhancements:**" {
            part = Part::Items;
        } else if trimmed == "**Already Includes:**" {
            part = Part::Claims;
        } else if !trimmed.is_empty() {
            read_line(&mut doc, part, trimmed);
        }
    }
    doc
}

/// A non-blank line that is neither a heading, a part label nor a fence.
fn read_line(doc: &mut Recommendations, part: Part, line: &str) {
    let bullet = line.strip_prefix("- ").map(|b| b.trim().to_string());
    match part {
        Part::Preamble => doc.intro = join_sentence(&doc.intro, line),
        Part::Strengths => {
            if let (Some(b), Some(e)) = (bullet, last_episode(doc)) {
                e.strengths.push(b);
            }
        }
        Part::Claims => {
            if let (Some(b), Some(e)) = (bullet, last_episode(doc)) {
                e.claims.push(b);
            }
        }
        Part::Items => {
            if let (Some((title, _)), Some(e)) = (numbered_bold(line), last_episode(doc)) {
                e.items.push(Item {
                    title: title.trim_end_matches(':').trim().to_string(),
                    lang: String::new(),
                    body: String::new(),
                });
            }
        }
        Part::Elements => doc.elements_intro = line.to_string(),
        Part::Summary => match numbered_bold(line) {
            Some(point) => doc.summary.points.push(point),
            None if doc.summary.points.is_empty() => {
                doc.summary.intro = join_sentence(&doc.summary.intro, line);
            }
            None => doc.summary.closing = join_sentence(&doc.summary.closing, line),
        },
        Part::Other => {}
    }
}

fn join_sentence(so_far: &str, line: &str) -> String {
    if so_far.is_empty() {
        line.to_string()
    } else {
        format!("{so_far} {line}")
    }
}

fn last_episode(doc: &mut Recommendations) -> Option<&mut Episode> {
    doc.groups.last_mut().and_then(|g| g.episodes.last_mut())
}

/// `Episodes 1-4 (Harbor Basics Series)` → `Harbor Basics`.
fn group_series(heading: &str) -> Option<String> {
    let rest = heading.strip_prefix("Episodes ")?;
    let (_, name) = rest.split_once(" (")?;
    let name = name.strip_suffix(')')?;
    Some(
        name.strip_suffix(" Series")
            .unwrap_or(name)
            .trim()
            .to_string(),
    )
}

/// `3. **Bold:** rest` → (`Bold:`, `rest`).
fn numbered_bold(line: &str) -> Option<(String, String)> {
    let (number, rest) = line.split_once(". ")?;
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (bold, after) = rest.strip_prefix("**")?.split_once("**")?;
    Some((bold.trim().to_string(), after.trim().to_string()))
}

/// The elements named by the docstrings of the document-wide example: the function name
/// before each `"""Episode N: description"""` (or `Episodes A-B:`).
fn elements(body: &str) -> Vec<Element> {
    let mut found = Vec::new();
    let mut function = String::new();
    for line in body.lines().map(str::trim) {
        if let Some(def) = line.strip_prefix("def ") {
            function = def.split('(').next().unwrap_or("").replace('_', " ");
            continue;
        }
        let Some(doc) = line
            .strip_prefix("\"\"\"")
            .and_then(|l| l.strip_suffix("\"\"\""))
        else {
            continue;
        };
        let reference = doc
            .strip_prefix("Episodes ")
            .or_else(|| doc.strip_prefix("Episode "));
        let Some((numbers, description)) = reference.and_then(|r| r.split_once(':')) else {
            continue;
        };
        let (first, last) = match numbers.split_once('-') {
            Some((a, b)) => (a.trim().parse().ok(), b.trim().parse().ok()),
            None => (numbers.trim().parse().ok(), numbers.trim().parse().ok()),
        };
        if let (Some(first), Some(last)) = (first, last) {
            found.push(Element {
                first,
                last,
                name: function.clone(),
                description: description.trim().to_string(),
            });
        }
    }
    found
}

// ---------------------------------------------------------------------------------------------
// Wording helpers shared by the renderers
// ---------------------------------------------------------------------------------------------

/// Words of titles that are names and keep their capital letter.
const NAMES: &[&str] = &["Mermaid"];

/// `Add Queue Depth Dashboard` → `Add queue depth dashboard`: capitalised plain
/// words lose their capital, except the first; names, acronyms, possessives and words with
/// inner capitals keep theirs.
fn sentence_case(title: &str) -> String {
    title
        .split(' ')
        .enumerate()
        .map(|(i, word)| {
            if i == 0 {
                word.to_string()
            } else {
                lower_word(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn lower_word(word: &str) -> String {
    if NAMES.contains(&word) || word.contains('\'') {
        return word.to_string();
    }
    word.split('-')
        .map(|part| {
            let mut chars = part.chars();
            let plain_capitalised = chars.next().is_some_and(char::is_uppercase)
                && chars.all(|c| c.is_lowercase() || !c.is_alphabetic());
            if plain_capitalised {
                part.to_lowercase()
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// The first character in lower case, unless the first word is a name or acronym.
fn lower_first(text: &str) -> String {
    let first_word = text.split(' ').next().unwrap_or("");
    let rest = &text[first_word.len()..];
    format!("{}{rest}", lower_word(first_word))
}

/// `Add Queue Depth Dashboard` → `a queue depth dashboard`, for a sentence.
fn noun_phrase(title: &str) -> String {
    let bare = title.strip_prefix("Add ").unwrap_or(title);
    let words: Vec<String> = bare.split(' ').map(lower_word).collect();
    let phrase = words.join(" ");
    let head = bare.split(" with ").next().unwrap_or(bare);
    let head = head.rsplit(' ').next().unwrap_or(head);
    let plural = head.ends_with('s') && !head.ends_with("ss");
    let possessive = words.first().is_some_and(|w| w.ends_with("'s"));
    if plural || possessive || head.ends_with("ing") {
        phrase
    } else {
        with_article(&phrase)
    }
}

/// `a simulator`, `an explorer`.
fn with_article(phrase: &str) -> String {
    if phrase.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {phrase}")
    } else {
        format!("a {phrase}")
    }
}

/// A fenced block, every line (fences included) prefixed with `indent`.
fn fence(lang: &str, body: &str, indent: &str) -> String {
    let mut out = format!("{indent}```{lang}\n");
    for line in body.lines() {
        if line.trim().is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("{indent}{line}\n"));
        }
    }
    out.push_str(&format!("{indent}```\n"));
    out
}

/// `first`, `first{dash}last` for a range.
fn numbers(first: u32, last: u32, dash: &str) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}{dash}{last}")
    }
}

/// `a, b, and c`.
fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [two @ .., last] if two.len() == 1 => format!("{} and {last}", two[0]),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

/// What an example is, by its fence: the Kind column of the tables layout.
fn example_form(item: &Item) -> String {
    let first = item.body.split_whitespace().next().unwrap_or("");
    match item.lang.as_str() {
        "mermaid" if first == "sequenceDiagram" => "Mermaid sequence diagram".to_string(),
        "mermaid" => "Mermaid flowchart".to_string(),
        "python" => "Python example".to_string(),
        "markdown" => "Markdown example".to_string(),
        other => format!("{other} example"),
    }
}

/// The example in a few words for a table cell: its first heading and bold labels, its class
/// and function names, or its diagram's subgraphs, participants and node labels.
fn example_summary(item: &Item) -> String {
    const MOST: usize = 8;
    let mut terms: Vec<String> = Vec::new();
    let mut add = |term: &str| {
        let term = term.trim().trim_end_matches(':').trim();
        if !term.is_empty() && !terms.iter().any(|t| t == term) && terms.len() < MOST {
            terms.push(term.to_string());
        }
    };
    for line in item.body.lines().map(str::trim) {
        match item.lang.as_str() {
            "markdown" => {
                if line.starts_with('#') {
                    add(line.trim_start_matches('#'));
                }
                let mut rest = line;
                while let Some((_, after)) = rest.split_once("**") {
                    let Some((bold, tail)) = after.split_once("**") else {
                        break;
                    };
                    add(bold);
                    rest = tail;
                }
            }
            "python" => {
                for keyword in ["class ", "def "] {
                    if let Some(name) = line.strip_prefix(keyword) {
                        let name = name.split(['(', ':']).next().unwrap_or("");
                        if !name.starts_with("__") {
                            add(name);
                        }
                    }
                }
            }
            "mermaid" => {
                if let Some(title) = line.strip_prefix("subgraph ") {
                    add(title.trim_matches('"'));
                } else if let Some((_, label)) = line
                    .strip_prefix("participant ")
                    .and_then(|p| p.split_once(" as "))
                {
                    add(label);
                } else {
                    let mut rest = line;
                    while let Some((_, after)) = rest.split_once('[') {
                        let Some((label, tail)) = after.split_once(']') else {
                            break;
                        };
                        add(label);
                        rest = tail;
                    }
                }
            }
            _ => {}
        }
    }
    terms.join("; ").replace('|', "\\|")
}

fn summary_points(doc: &Recommendations) -> Vec<String> {
    doc.summary
        .points
        .iter()
        .map(|(bold, rest)| lower_first(&format!("{bold} {rest}")))
        .collect()
}

/// The summary as the original writes it: introduction, numbered bold points, closing.
fn summary_list(doc: &Recommendations) -> String {
    let mut out = format!("{}\n", doc.summary.intro);
    for (i, (bold, rest)) in doc.summary.points.iter().enumerate() {
        out.push_str(&format!("{}. **{bold}** {rest}\n", i + 1));
    }
    out.push_str(&format!("\n{}\n", doc.summary.closing));
    out
}

// ---------------------------------------------------------------------------------------------
// Layout 1: plain bullets
// ---------------------------------------------------------------------------------------------

/// No heading but the title; one bullet per episode with its series as a qualifier, the
/// recommendations as plain sub-bullets with their example indented beneath.
fn plain_bullets(doc: &Recommendations) -> String {
    let mut out = format!("# {}\n\n{}\n\n", doc.title, doc.intro);
    for (group, episode) in doc.episodes() {
        out.push_str(&format!(
            "- Episode {} ({}): {}\n",
            episode.number, group.series, episode.title
        ));
        if !episode.strengths.is_empty() {
            let praise: Vec<String> = episode.strengths.iter().map(|s| lower_first(s)).collect();
            out.push_str(&format!("  - Strengths: {}\n", praise.join("; ")));
        }
        for item in &episode.items {
            out.push_str(&format!("  - {}\n\n", sentence_case(&item.title)));
            out.push_str(&fence(&item.lang, &item.body, "    "));
            out.push('\n');
        }
        for claim in &episode.claims {
            out.push_str(&format!("  - Already includes: {claim}\n"));
        }
    }
    out.push_str(&format!("- {}\n", doc.elements_intro));
    for element in &doc.elements {
        out.push_str(&format!(
            "  - Ep {}: {} — {}\n",
            numbers(element.first, element.last, "–"),
            element.name,
            lower_first(&element.description)
        ));
    }
    out.push_str(&format!(
        "- Summary: these enhancements will add {}. {}\n",
        summary_points(doc).join("; "),
        doc.summary.closing
    ));
    out
}

// ---------------------------------------------------------------------------------------------
// Layout 2: tables
// ---------------------------------------------------------------------------------------------

/// One table per series (the series from the heading above it), the example summarised in
/// the Details cell, and the full examples kept below the table under `#### Examples for Ep N`,
/// each introduced by its recommendation's title.
fn tables(doc: &Recommendations) -> String {
    let mut out = format!("# {}\n\n{}\n", doc.title, doc.intro);
    for group in &doc.groups {
        out.push_str(&format!("\n## {}\n\n", group.series));
        out.push_str("| Episode | Recommendation | Kind | Details |\n");
        out.push_str("|---------|----------------|------|---------|\n");
        for episode in &group.episodes {
            for item in &episode.items {
                out.push_str(&format!(
                    "| #{} | {} | {} | {} |\n",
                    episode.number,
                    item.title,
                    example_form(item),
                    example_summary(item)
                ));
            }
            for claim in &episode.claims {
                out.push_str(&format!(
                    "| #{} | {claim} | already included | — |\n",
                    episode.number
                ));
            }
        }
        let praised: Vec<&Episode> = group
            .episodes
            .iter()
            .filter(|e| !e.strengths.is_empty())
            .collect();
        if !praised.is_empty() {
            out.push_str("\n**Strengths:**\n\n");
            for episode in praised {
                out.push_str(&format!(
                    "- #{}: {}\n",
                    episode.number,
                    episode.strengths.join("; ")
                ));
            }
        }
        for episode in group.episodes.iter().filter(|e| !e.items.is_empty()) {
            out.push_str(&format!("\n#### Examples for Ep {}\n", episode.number));
            for item in &episode.items {
                out.push_str(&format!("\n{}:\n\n", item.title));
                out.push_str(&fence(&item.lang, &item.body, ""));
            }
        }
    }
    out.push_str(&format!(
        "\n## Interactive Learning Elements\n\n{}\n\n",
        doc.elements_intro
    ));
    out.push_str("| Episode | Component | Purpose |\n|---------|-----------|---------|\n");
    for element in &doc.elements {
        out.push_str(&format!(
            "| #{} | {} | {} |\n",
            numbers(element.first, element.last, "–"),
            element.name,
            element.description
        ));
    }
    out.push_str(&format!("\n## Summary\n\n{}", summary_list(doc)));
    out
}

// ---------------------------------------------------------------------------------------------
// Layout 3: a heading per recommendation
// ---------------------------------------------------------------------------------------------

/// `### Ep. 13 · Title` per recommendation, claim and element, under series headings that
/// carry the word "Series".
fn heading_per_recommendation(doc: &Recommendations) -> String {
    let mut out = format!("# {}\n\n{}\n", doc.title, doc.intro);
    for group in &doc.groups {
        out.push_str(&format!("\n## {} Series\n", group.series));
        for episode in &group.episodes {
            let n = episode.number;
            if !episode.strengths.is_empty() {
                out.push_str(&format!("\n### Ep. {n} · Current strengths\n\n"));
                for strength in &episode.strengths {
                    out.push_str(&format!("- {strength}\n"));
                }
            }
            for item in &episode.items {
                out.push_str(&format!("\n### Ep. {n} · {}\n\n", item.title));
                out.push_str(&fence(&item.lang, &item.body, ""));
            }
            for claim in &episode.claims {
                out.push_str(&format!("\n### Ep. {n} · Already covered: {claim}\n"));
            }
        }
    }
    out.push_str(&format!(
        "\n## Interactive Learning Elements\n\n{}\n",
        doc.elements_intro
    ));
    for element in &doc.elements {
        let mut name = element.name.clone();
        if let Some(first) = name.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        out.push_str(&format!(
            "\n### Ep. {} · {name}\n\n{}.\n",
            numbers(element.first, element.last, "-"),
            element.description
        ));
    }
    out.push_str(&format!("\n## Summary\n\n{}", summary_list(doc)));
    out
}

// ---------------------------------------------------------------------------------------------
// Layout 4: front matter plus numbered items
// ---------------------------------------------------------------------------------------------

/// YAML front matter listing the episodes (series, number, title, strengths), then one
/// numbered list running through the document, `N. Episode 13 — Title`, each followed by its
/// example at the margin; no episode headings.
fn front_matter_numbered(doc: &Recommendations) -> String {
    let quoted = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let mut out = format!("---\ntitle: {}\nepisodes:\n", quoted(&doc.title));
    for (group, episode) in doc.episodes() {
        out.push_str(&format!(
            "  - series: {}\n    number: {}\n    title: {}\n",
            quoted(&group.series),
            episode.number,
            quoted(&episode.title)
        ));
        if !episode.strengths.is_empty() {
            out.push_str("    strengths:\n");
            for strength in &episode.strengths {
                out.push_str(&format!("      - {}\n", quoted(strength)));
            }
        }
    }
    out.push_str(&format!("---\n\n{}\n", doc.intro));
    let mut n = 0;
    for (_, episode) in doc.episodes() {
        for item in &episode.items {
            n += 1;
            out.push_str(&format!(
                "\n{n}. Episode {} — {}\n\n",
                episode.number, item.title
            ));
            out.push_str(&fence(&item.lang, &item.body, ""));
        }
        for claim in &episode.claims {
            n += 1;
            out.push_str(&format!(
                "\n{n}. Episode {} — already has {}\n",
                episode.number,
                lower_first(claim)
            ));
        }
    }
    out.push_str(&format!("\n{}\n\n", doc.elements_intro));
    for element in &doc.elements {
        n += 1;
        let reference = if element.first == element.last {
            format!("Episode {}", element.first)
        } else {
            format!("Episodes {} to {}", element.first, element.last)
        };
        out.push_str(&format!(
            "{n}. {reference} — interactive {}: {}\n",
            element.name,
            lower_first(&element.description)
        ));
    }
    out.push_str(&format!(
        "\n**Summary:** these enhancements will add {}. {}\n",
        and_list(&summary_points(doc)),
        doc.summary.closing
    ));
    out
}

// ---------------------------------------------------------------------------------------------
// Layout 5: an editor's memo
// ---------------------------------------------------------------------------------------------

/// Paragraphs of prose: praise, then "For episode 3 of Harbor Basics (Title), the strongest
/// addition would be …, something like:" before each example; claims and elements as
/// sentences; the summary as a closing paragraph.
fn editors_memo(doc: &Recommendations) -> String {
    let mut out = format!("# {}\n\n{}\n", doc.title, doc.intro);
    for (group, episode) in doc.episodes() {
        let n = episode.number;
        if !episode.strengths.is_empty() {
            let praise: Vec<String> = episode.strengths.iter().map(|s| lower_first(s)).collect();
            out.push_str(&format!(
                "\nEpisode {n} is strong on several fronts: {}.\n",
                and_list(&praise)
            ));
        }
        for (i, item) in episode.items.iter().enumerate() {
            let phrase = noun_phrase(&item.title);
            let lead = match i {
                0 => format!(
                    "For episode {n} of {} ({}), the strongest addition would be {phrase}, something like:",
                    group.series, episode.title
                ),
                1 => format!("Episode {n} would also benefit from {phrase}, for example:"),
                2 => format!("It could also use {phrase}, along these lines:"),
                _ => format!("Finally, {phrase} would round it off:"),
            };
            out.push_str(&format!("\n{lead}\n\n"));
            out.push_str(&fence(&item.lang, &item.body, ""));
        }
        if !episode.claims.is_empty() {
            let claims: Vec<String> = episode.claims.iter().map(|c| lower_first(c)).collect();
            out.push_str(&format!(
                "\nEpisode {n} of {} ({}) already includes {}.\n",
                group.series,
                episode.title,
                and_list(&claims)
            ));
        }
    }
    out.push_str(&format!(
        "\n{}\n",
        doc.elements_intro.replace("add", "I would add")
    ));
    for element in &doc.elements {
        let sentence = if element.first == element.last {
            format!(
                "Episode {} would get {}, to {}.",
                element.first,
                with_article(&element.name),
                lower_first(&element.description)
            )
        } else {
            format!(
                "Episodes {} to {} would share {}, to {}.",
                element.first,
                element.last,
                with_article(&element.name),
                lower_first(&element.description)
            )
        };
        out.push_str(&format!("\n{sentence}\n"));
    }
    out.push_str(&format!(
        "\nIn summary, these enhancements will add {}. {}\n",
        and_list(&summary_points(doc)),
        doc.summary.closing
    ));
    out
}

// ---------------------------------------------------------------------------------------------
// Running the binary and comparing verdicts
// ---------------------------------------------------------------------------------------------

/// (series slug, episode number, kind family, verdict) of one requirement.
type Verdict = (String, i64, String, String);

/// What `episode lint --format json` said about one recommendations document.
#[derive(Debug)]
struct Lint {
    code: i32,
    verdicts: Vec<Verdict>,
    /// `recommendation-unread` findings at the document's first line: the file read as nothing.
    unread_file: Vec<String>,
    /// Why the output could not be read, when it could not.
    unreadable: Option<String>,
    stderr: String,
}

/// The real document, read and parsed.
fn original(corpus: &Path) -> (String, Recommendations) {
    let text = std::fs::read_to_string(corpus.join(ORIGINAL))
        .unwrap_or_else(|e| panic!("read the real recommendations document: {e}"));
    let model = parse(&text);
    (text, model)
}

/// The real course's episodes plus `document` as its only recommendations file, linted.
fn lint(corpus: &Path, document: &str) -> Lint {
    let course = tree(&corpus.join("episodes"))
        .into_iter()
        .fold(Course::new(), |course, (rel, bytes)| {
            course.file(&format!("episodes/{rel}"), bytes)
        })
        .file(DOCUMENT, document);
    let out = course.run(&["lint", "--format", "json"]);
    let mut lint = Lint {
        code: out.code,
        verdicts: Vec::new(),
        unread_file: Vec::new(),
        unreadable: None,
        stderr: out.stderr,
    };
    let json: serde_json::Value = match serde_json::from_str(&out.stdout) {
        Ok(json) => json,
        Err(e) => {
            lint.unreadable = Some(format!("stdout is not JSON ({e}):\n{}", out.stdout));
            return lint;
        }
    };
    for r in json["recommendations"].as_array().into_iter().flatten() {
        let kind = r["kind"].as_str().unwrap_or("");
        lint.verdicts.push((
            r["episode"]["series"].as_str().unwrap_or("?").to_string(),
            r["episode"]["number"].as_i64().unwrap_or(-1),
            kind.split(':').next().unwrap_or(kind).to_string(),
            r["verdict"].as_str().unwrap_or("?").to_string(),
        ));
    }
    lint.verdicts.sort();
    for d in json["diagnostics"].as_array().into_iter().flatten() {
        let whole_file = d["file"].as_str().is_some_and(|f| f.ends_with(DOCUMENT))
            && d["line"].as_i64().is_none_or(|line| line <= 1);
        if d["rule"] == "recommendation-unread" && whole_file {
            lint.unread_file
                .push(d["message"].as_str().unwrap_or("").to_string());
        }
    }
    lint
}

/// The original document's lint, once per test run.
fn baseline(corpus: &Path, text: &str) -> &'static Lint {
    static BASELINE: OnceLock<Lint> = OnceLock::new();
    let lint = BASELINE.get_or_init(|| lint(corpus, text));
    assert!(
        lint.unreadable.is_none() && !lint.verdicts.is_empty(),
        "the original document gives no verdicts (exit {}): {:?}\n{}",
        lint.code,
        lint.unreadable,
        lint.stderr
    );
    lint
}

/// Entries of `layout` not in `original` (extra) and of `original` not in `layout` (missing),
/// as multisets.
fn multiset_difference(layout: &[Verdict], original: &[Verdict]) -> (Vec<Verdict>, Vec<Verdict>) {
    let mut balance: BTreeMap<&Verdict, i64> = BTreeMap::new();
    for v in layout {
        *balance.entry(v).or_default() += 1;
    }
    for v in original {
        *balance.entry(v).or_default() -= 1;
    }
    let (mut extra, mut missing) = (Vec::new(), Vec::new());
    for (v, count) in balance {
        let side = if count > 0 { &mut extra } else { &mut missing };
        for _ in 0..count.unsigned_abs() {
            side.push(v.clone());
        }
    }
    (extra, missing)
}

fn listing(verdicts: &[Verdict]) -> String {
    verdicts
        .iter()
        .map(|(series, n, kind, verdict)| format!("    {series} #{n} {kind} {verdict}\n"))
        .collect()
}

/// The layout as the binary sees it, kept for review when `EPISODE_DUMP_LAYOUTS` is set.
fn dump(name: &str, text: &str) -> Option<PathBuf> {
    std::env::var_os("EPISODE_DUMP_LAYOUTS")?;
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-layouts");
    std::fs::create_dir_all(&dir).expect("create the dump folder");
    let path = dir.join(format!("{name}.md"));
    std::fs::write(&path, text).expect("write the layout");
    Some(path)
}

/// Renders the real document in one layout, lints it with the real episodes, and holds it
/// to the original's verdicts: give or take one, never silent, exit 1.
fn check_layout(name: &str, render: Renderer) {
    let Some(corpus) = corpus() else { return };
    let (text, model) = original(&corpus);
    let document = render(&model);
    let dumped = dump(name, &document);
    let original = baseline(&corpus, &text);
    let layout = lint(&corpus, &document);

    let mut problems = Vec::new();
    if let Some(why) = &layout.unreadable {
        problems.push(why.clone());
    }
    if layout.code != 1 {
        problems.push(format!(
            "exit {}, expected 1 (missing recommendations are errors){}",
            layout.code,
            match layout.stderr.trim() {
                "" => String::new(),
                stderr => format!(":\n{stderr}"),
            }
        ));
    }
    for message in &layout.unread_file {
        problems.push(format!("the whole document was reported unread: {message}"));
    }
    let (read, expected) = (layout.verdicts.len(), original.verdicts.len());
    if read + 1 < expected {
        problems.push(format!(
            "silent: {read} requirements read, the original gives {expected}"
        ));
    } else if read.abs_diff(expected) > 1 {
        problems.push(format!(
            "{read} requirements read, the original gives {expected} (at most one apart)"
        ));
    }
    let (extra, missing) = multiset_difference(&layout.verdicts, &original.verdicts);
    if extra.len() + missing.len() > 2 {
        problems.push(format!(
            "more than one verdict differs from the original's\n  only in this layout:\n{}  only in the original:\n{}",
            listing(&extra),
            listing(&missing)
        ));
    }
    assert!(
        problems.is_empty(),
        "layout {name}{}:\n- {}",
        dumped.map_or(String::new(), |p| format!(" ({})", p.display())),
        problems.join("\n- ")
    );
}

#[test]
fn plain_bullets_give_the_originals_verdicts() {
    check_layout("1-plain-bullets", plain_bullets);
}

#[test]
fn tables_give_the_originals_verdicts() {
    check_layout("2-tables", tables);
}

#[test]
fn a_heading_per_recommendation_gives_the_originals_verdicts() {
    check_layout("3-heading-per-recommendation", heading_per_recommendation);
}

#[test]
fn front_matter_and_numbered_items_give_the_originals_verdicts() {
    check_layout("4-front-matter-numbered", front_matter_numbered);
}

#[test]
fn an_editors_memo_gives_the_originals_verdicts() {
    check_layout("5-editors-memo", editors_memo);
}

// ---------------------------------------------------------------------------------------------
// The rewriter itself
// ---------------------------------------------------------------------------------------------

/// Every layout, by name.
const LAYOUTS: &[(&str, Renderer)] = &[
    ("plain bullets", plain_bullets),
    ("tables", tables),
    ("heading per recommendation", heading_per_recommendation),
    ("front matter numbered", front_matter_numbered),
    ("editor's memo", editors_memo),
];

#[test]
fn rewriter_reads_the_real_document_into_its_model() {
    let Some(corpus) = corpus() else { return };
    let (_, doc) = original(&corpus);
    let series: Vec<&str> = doc.groups.iter().map(|g| g.series.as_str()).collect();
    assert!(
        series.len() == 2
            && series[0] != series[1]
            && series
                .iter()
                .all(|s| !s.is_empty() && !s.ends_with("Series")),
        "{series:?}"
    );
    let shape: Vec<(u32, usize, usize, usize)> = doc
        .episodes()
        .map(|(_, e)| (e.number, e.items.len(), e.claims.len(), e.strengths.len()))
        .collect();
    assert_eq!(
        shape,
        [
            (13, 4, 0, 3),
            (14, 0, 4, 4),
            (15, 3, 0, 3),
            (16, 3, 0, 3),
            (19, 3, 0, 0),
            (20, 3, 0, 0),
            (21, 3, 0, 0),
        ],
        "(episode, items, claims, strengths)"
    );
    for (_, episode) in doc.episodes() {
        assert!(!episode.title.is_empty() && !episode.title.ends_with(')'));
        for item in &episode.items {
            assert!(
                ["markdown", "mermaid", "python"].contains(&item.lang.as_str())
                    && item.body.lines().count() > 5
                    && !item.title.is_empty()
                    && !item.title.ends_with(':'),
                "{item:?}"
            );
        }
    }
    let elements: Vec<(u32, u32)> = doc.elements.iter().map(|e| (e.first, e.last)).collect();
    assert_eq!(elements, [(13, 13), (14, 14), (15, 15), (16, 16), (19, 21)]);
    assert!(
        doc.elements
            .iter()
            .all(|e| !e.name.is_empty() && !e.description.is_empty())
    );
    assert!(doc.elements_intro.starts_with("For all episodes"));
    assert_eq!(doc.summary.points.len(), 5);
    assert!(!doc.title.is_empty() && !doc.intro.is_empty() && !doc.summary.closing.is_empty());
}

#[test]
fn every_layout_carries_every_example_and_names_every_episode() {
    let Some(corpus) = corpus() else { return };
    let (_, doc) = original(&corpus);
    for (name, render) in LAYOUTS {
        let text = render(&doc);
        for (_, episode) in doc.episodes() {
            let number = episode.number.to_string();
            assert!(text.contains(&number), "{name}: episode {number} not named");
            for item in &episode.items {
                for line in item.body.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    assert!(text.contains(line), "{name}: {line:?} of {item:?} lost");
                }
            }
            for claim in &episode.claims {
                assert!(
                    text.contains(&lower_first(claim)) || text.contains(claim.as_str()),
                    "{name}: claim {claim:?} lost"
                );
            }
        }
        let lower = text.to_lowercase();
        for element in &doc.elements {
            assert!(
                lower.contains(&element.name),
                "{name}: element {:?} lost",
                element.name
            );
        }
    }
}

#[test]
fn wording_helpers_turn_titles_into_prose() {
    assert_eq!(
        sentence_case("Add Retry Diagrams with Mermaid"),
        "Add retry diagrams with Mermaid"
    );
    assert_eq!(
        sentence_case("Add Two-Phase Commit Notes"),
        "Add two-phase commit notes"
    );
    assert_eq!(
        noun_phrase("Add Queue Depth Dashboard"),
        "a queue depth dashboard"
    );
    assert_eq!(
        noun_phrase("Add Incident Review Section"),
        "an incident review section"
    );
    assert_eq!(
        noun_phrase("Add Hooli's API Latency Numbers"),
        "Hooli's API latency numbers"
    );
    assert_eq!(
        noun_phrase("Add Retry Diagrams with Mermaid"),
        "retry diagrams with Mermaid"
    );
    assert_eq!(
        noun_phrase("GraphQL Gateway Details"),
        "GraphQL gateway details"
    );
    assert_eq!(
        noun_phrase("Detailed Request Batching"),
        "detailed request batching"
    );
    assert_eq!(
        lower_first("Queue metrics (3K jobs/sec)"),
        "queue metrics (3K jobs/sec)"
    );
    assert_eq!(lower_first("API gateway"), "API gateway");
    assert_eq!(lower_first("Ünicode first"), "ünicode first");
    assert_eq!(and_list(&["a".into(), "b".into()]), "a and b");
    assert_eq!(
        and_list(&["a".into(), "b".into(), "c".into()]),
        "a, b, and c"
    );
}

#[test]
fn one_changed_verdict_is_one_extra_and_one_missing_entry() {
    let v = |n: i64, verdict: &str| {
        (
            "s".to_string(),
            n,
            "metrics".to_string(),
            verdict.to_string(),
        )
    };
    let original = [v(1, "partial"), v(1, "partial"), v(2, "missing")];
    let layout = [v(1, "partial"), v(1, "satisfied"), v(2, "missing")];
    assert_eq!(
        multiset_difference(&layout, &original),
        (vec![v(1, "satisfied")], vec![v(1, "partial")])
    );
    assert_eq!(
        multiset_difference(&original[..2], &original),
        (vec![], vec![v(2, "missing")])
    );
}
