//! What a recommendation is about: the names of the companies, systems and products it
//! mentions ("Hooli's search" → `Hooli`, `PostgreSQL`, "served by Edge Relay" → `Edge
//! Relay`). A block satisfies a recommendation with a subject only when it is about one of
//! them.
//!
//! Names are told from ordinary words by how they are written, never by a list of names:
//! - a capitalised possessive (`Hooli's`, `Initech’s`), anywhere;
//! - mixed case inside one word (`PostgreSQL`, `gRPC`, `YouTube`): exactly one step from lower
//!   to upper case, since identifiers (`getHealthyInstances`) take more;
//! - a run of capitalised words inside sentence-case text, without the first word of the
//!   sentence, bullet or label, which grammar capitalises anyway (`… the fleet that Globex
//!   runs`); a capitalised word right after a number is a unit (`100 Tbps`).
//!
//! Text written in Title Case (headings, labels: `Cache Hit Rate`) capitalises every word,
//! so its capitals say nothing; a capitalised word also written in lowercase in the same texts
//! is an ordinary word; acronyms (`API`, `CRDT`) are left out, since most name techniques
//! rather than systems; and a word that names a kind of block (`Mermaid`, `Python`,
//! `Culture`) is the kind, not the subject.

use std::collections::{BTreeSet, HashMap};

use crate::enhance::text::{Word, Words};
use crate::enhance::{Draft, Kind, Topic, diagram, kind, text};
use crate::markdown::{CodeBlock, Document};

/// The names the texts are about, in order of first appearance, without repeats.
pub fn subjects<S: AsRef<str>>(texts: &[S]) -> Vec<String> {
    let ordinary = lowercase_words(texts);
    let mut names = Vec::new();
    for text in texts {
        for segment in segments(text.as_ref()) {
            names_in(&segment, &ordinary, &mut names);
        }
    }
    names.retain(|name| !names_a_kind(name));
    text::dedup(&mut names);
    names
}

/// Whether a name is a kind of block rather than a subject: a language or a diagram
/// (`Python`, `Mermaid`), or one word of a prose topic (`Culture`).
fn names_a_kind(name: &str) -> bool {
    match kind::of_text(name) {
        Kind::Prose(Topic::General) => false,
        Kind::Prose(_) => text::tokens(name).len() <= 1,
        _ => true,
    }
}

/// The subjects of a recommendation with an example fence: what a reader sees of it (the
/// title and a Markdown example's text; a diagram's labels; a code sample's comments and
/// docstrings, never its identifiers).
pub fn of_example(title: &str, block: &CodeBlock) -> Vec<String> {
    let mut texts = vec![title.to_owned()];
    texts.extend(readable(block));
    subjects(&texts)
}

/// What a reader sees of a fence: a Markdown example's text, a diagram's labels, a code
/// sample's comments and docstrings.
fn readable(block: &CodeBlock) -> Vec<String> {
    match block.lang.as_deref() {
        Some("mermaid") => {
            let labels = diagram::labels(&block.code);
            labels.subgraphs.into_iter().chain(labels.nodes).collect()
        }
        Some("markdown" | "md") | None => vec![block.code.to_string()],
        Some(_) => comments(&block.code),
    }
}

/// Adds to each draft's subjects the names the whole document writes as names and the
/// draft mentions, however it writes them there. Editors write examples in Title Case
/// (`### Globex Checkout Numbers`), where capitals say nothing; the same document usually
/// writes the name as a name somewhere (`Globex's`, "… the checkout Globex runs"), and a
/// name recognised once is recognised everywhere. The draft's words are its title and its
/// fingerprint, class names included (`GlobexCheckout`).
pub fn complete(drafts: &mut [Draft], doc: &Document<'_>) {
    let known = document_names(doc);
    if known.is_empty() {
        return;
    }
    let mut by_first_word: HashMap<Word, Vec<(&String, Words)>> = HashMap::new();
    for name in &known {
        let words = text::word_set(name);
        if let Some(&first) = words.iter().next() {
            by_first_word.entry(first).or_default().push((name, words));
        }
    }
    for draft in drafts {
        let f = &draft.fingerprint;
        let mut words = text::word_set(&draft.title);
        let lists = [
            &f.headings,
            &f.labels,
            &f.nodes,
            &f.subgraphs,
            &f.classes,
            &f.functions,
            &f.terms,
        ];
        for item in lists.into_iter().flatten() {
            text::add_words(&mut words, item);
        }
        let mut found: Vec<String> = Vec::new();
        for word in &words {
            for (name, name_words) in by_first_word.get(word).into_iter().flatten() {
                if name_words.is_subset(&words) {
                    found.push((*name).clone());
                }
            }
        }
        let subject = &mut draft.fingerprint.subject;
        subject.extend(found);
        text::dedup(subject);
    }
}

/// The names a recommendations document writes as names, in its prose and in what a reader
/// sees of its fences.
fn document_names(doc: &Document<'_>) -> Vec<String> {
    let mut texts: Vec<String> = Vec::new();
    texts.extend(doc.headings.iter().map(|h| h.text.clone()));
    texts.extend(
        doc.paragraphs
            .iter()
            .map(|p| doc.text_of(&p.text()).to_owned()),
    );
    texts.extend(
        doc.list_items
            .iter()
            .map(|i| doc.text_of(&i.text()).to_owned()),
    );
    for table in &doc.tables {
        texts.extend(
            table
                .header
                .iter()
                .chain(table.rows.iter().flatten())
                .cloned(),
        );
    }
    for block in &doc.code_blocks {
        texts.extend(readable(block));
    }
    subjects(&texts)
}

/// Lines of comments and docstrings in code, markers removed.
fn comments(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut docstring: Option<&str> = None;
    for line in code.lines().map(str::trim) {
        if let Some(quote) = docstring {
            if let Some(end) = line.find(quote) {
                out.push(line[..end].to_owned());
                docstring = None;
            } else {
                out.push(line.to_owned());
            }
            continue;
        }
        if let Some(quote) = ["\"\"\"", "'''"].into_iter().find(|q| line.starts_with(q)) {
            let rest = &line[quote.len()..];
            match rest.find(quote) {
                Some(end) => out.push(rest[..end].to_owned()),
                None => {
                    out.push(rest.to_owned());
                    docstring = Some(quote);
                }
            }
            continue;
        }
        let comment = ["#", "//", "--", "/*", "*"]
            .into_iter()
            .find_map(|marker| line.strip_prefix(marker));
        if let Some(comment) = comment {
            out.push(comment.trim_end_matches("*/").to_owned());
        } else if let Some(at) = line.find(" # ").or_else(|| line.find(" // ")) {
            out.push(line[at + 3..].to_owned());
        }
    }
    out
}

/// Every word written with a lowercase first letter, as [`text::tokens`] spells it.
fn lowercase_words<S: AsRef<str>>(texts: &[S]) -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    for text in texts {
        for raw in text.as_ref().split(|c: char| !c.is_alphanumeric()) {
            if raw.starts_with(|c: char| c.is_lowercase()) {
                words.extend(text::tokens(raw));
            }
        }
    }
    words
}

/// How a word is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `Globex`: a capital, then lowercase.
    Capitalised,
    /// `PostgreSQL`, `gRPC`: one step from lower to upper case.
    Mixed,
    /// `CRDT`.
    Acronym,
    /// `cache`.
    Lower,
    /// Digits, single letters, identifiers, contractions: never part of a name.
    Other,
}

/// A word of a segment.
#[derive(Debug, Clone, Copy)]
struct Token<'t> {
    text: &'t str,
    shape: Shape,
    /// Written with `'s`.
    possessive: bool,
    /// Separated from the previous word by spaces or markup only (no comma, slash, …).
    joined: bool,
}

/// Splits text where a new sentence, label, bullet or parenthesis starts: the first word of
/// each piece is capitalised by grammar, not because it is a name.
fn segments(text: &str) -> Vec<Vec<Token<'_>>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let ends = match c {
            '\n' | ':' | ';' | '(' | ')' | '[' | ']' | '{' | '}' | '|' | '"' | '“' | '”' | '—'
            | '–' => true,
            '.' | '!' | '?' => next.is_none_or(char::is_whitespace),
            '-' => text[..i].ends_with(char::is_whitespace) && next.is_none_or(char::is_whitespace),
            _ => false,
        };
        if ends {
            out.push(tokens(&text[start..i]));
            start = i + c.len_utf8();
        }
    }
    out.push(tokens(&text[start..]));
    out.retain(|s| !s.is_empty());
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

/// Separators that keep two capitalised words in one name: spaces, hyphens and markup.
fn joins(separator: &str) -> bool {
    separator
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '-' | '*' | '_' | '`' | '~'))
}

fn tokens(segment: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = segment;
    while let Some(at) = rest.find(is_word_char) {
        let separator = &rest[..at];
        let after = &rest[at..];
        let len = after
            .find(|c: char| !is_word_char(c))
            .unwrap_or(after.len());
        let raw = after[..len].trim_matches(['\'', '’']);
        let (text, possessive) = match raw.strip_suffix("'s").or_else(|| raw.strip_suffix("’s")) {
            Some(base) => (base, true),
            None => (raw, false),
        };
        if !text.is_empty() {
            out.push(Token {
                text,
                shape: shape(text),
                possessive,
                joined: !out.is_empty() && joins(separator),
            });
        }
        rest = &after[len..];
    }
    out
}

fn shape(word: &str) -> Shape {
    if word.chars().count() < 2 || !word.chars().all(char::is_alphabetic) {
        return Shape::Other;
    }
    let mut steps = 0;
    let mut previous_lower = false;
    for c in word.chars() {
        if previous_lower && c.is_uppercase() {
            steps += 1;
        }
        previous_lower = c.is_lowercase();
    }
    let first_upper = word.starts_with(char::is_uppercase);
    let singular = word.strip_suffix('s').filter(|w| w.chars().count() >= 2);
    let all_upper = |w: &str| w.chars().all(char::is_uppercase);
    match steps {
        0 if all_upper(word) || singular.is_some_and(all_upper) => Shape::Acronym,
        0 if first_upper => Shape::Capitalised,
        0 => Shape::Lower,
        1 => Shape::Mixed,
        _ => Shape::Other,
    }
}

/// Possessive bases that are English words, not names (`It's`, `Here's`).
const CONTRACTIONS: &[&str] = &[
    "everybody",
    "everyone",
    "he",
    "here",
    "how",
    "it",
    "let",
    "nobody",
    "now",
    "one",
    "she",
    "someone",
    "something",
    "that",
    "there",
    "today",
    "what",
    "when",
    "where",
    "who",
    "why",
];

/// Whether a segment is in Title Case: three quarters of its significant words after the
/// first (which grammar capitalises anyway) are capitalised.
fn title_case(segment: &[Token<'_>]) -> bool {
    let significant: Vec<&Token<'_>> = segment
        .iter()
        .skip(1)
        .filter(|t| t.shape != Shape::Other && !text::is_stopword(&t.text.to_lowercase()))
        .collect();
    let capitalised = significant
        .iter()
        .filter(|t| t.shape != Shape::Lower)
        .count();
    !significant.is_empty() && capitalised * 4 >= significant.len() * 3
}

/// Adds the names of one segment to `names`.
fn names_in(segment: &[Token<'_>], ordinary: &BTreeSet<String>, names: &mut Vec<String>) {
    let is_ordinary = |name: &str| text::tokens(name).iter().all(|w| ordinary.contains(w));
    for token in segment {
        let possessive_name = token.possessive
            && matches!(token.shape, Shape::Capitalised | Shape::Mixed)
            && !CONTRACTIONS.contains(&token.text.to_lowercase().as_str())
            && !is_ordinary(token.text);
        if token.shape == Shape::Mixed || possessive_name {
            names.push(token.text.to_owned());
        }
    }
    if title_case(segment) {
        return;
    }
    // A run of capitalised words, without the segment's first word: grammar capitalises
    // that one anyway ("Monthly drills", "Actual Chaos Monkey"). A name cut short this way
    // ("Chaos Monkey") is less specific, never wrong in what it requires.
    let mut run: Vec<&str> = Vec::new();
    let mut flush = |run: &mut Vec<&str>| {
        let name = run.join(" ");
        if !name.is_empty() && !is_ordinary(&name) {
            names.push(name);
        }
        run.clear();
    };
    let mut previous: Option<&Token<'_>> = None;
    for (i, token) in segment.iter().enumerate() {
        // A capitalised word right after a number is a unit ("100 Tbps"), not a name.
        let unit = previous.is_some_and(|p| p.text.starts_with(|c: char| c.is_ascii_digit()));
        let capitalised = matches!(token.shape, Shape::Capitalised | Shape::Mixed) && !unit;
        if !capitalised || !token.joined {
            flush(&mut run);
        }
        if capitalised && i > 0 {
            run.push(token.text);
        }
        if token.possessive {
            flush(&mut run);
        }
        previous = Some(token);
    }
    flush(&mut run);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possessives_and_mixed_case_are_names_even_in_title_case() {
        assert_eq!(subjects(&["Add Hooli's Search Latency Numbers"]), ["Hooli"]);
        assert_eq!(
            subjects(&["### Initech’s ZapFlow Rollout"]),
            ["Initech", "ZapFlow"]
        );
        assert_eq!(subjects(&["**gRPC Fan-Out Costs**"]), ["gRPC"]);
    }

    #[test]
    fn capitalised_words_in_sentence_case_text_are_names() {
        assert_eq!(
            subjects(&["- Requests served by the Globex edge fleet per second"]),
            ["Globex"]
        );
        assert_eq!(
            subjects(&["Video bytes that Vandelay Connect appliances serve from inside ISPs"]),
            ["Vandelay Connect"]
        );
        assert_eq!(
            subjects(&["Production metrics (5M events/sec at Acme)"]),
            ["Acme"]
        );
    }

    #[test]
    fn title_case_sentence_starts_acronyms_and_kind_words_are_not_names() {
        assert!(subjects(&["### Real-World Cache Hit Rate Numbers"]).is_empty());
        assert!(subjects(&["- **Payment Service**: 78% peak (200 threads allocated)"]).is_empty());
        assert!(subjects(&["Latency dropped after the CRDT and API rework."]).is_empty());
        assert!(subjects(&["Architecture diagrams with Mermaid"]).is_empty());
        assert!(subjects(&["Percentile arithmetic in Python"]).is_empty());
        assert!(subjects(&["It's fast. Here's why: caching."]).is_empty());
        assert!(subjects(&["def getHealthyInstances() is called"]).is_empty());
    }

    #[test]
    fn a_name_with_a_topic_word_in_it_is_still_a_name() {
        assert_eq!(
            subjects(&["Rollout notes from the TeamSync and Cost Explorer owners"]),
            ["TeamSync", "Cost Explorer"]
        );
        assert!(subjects(&["How the Culture shapes it"]).is_empty());
    }

    #[test]
    fn the_first_word_of_a_sentence_and_units_are_not_names() {
        assert_eq!(
            subjects(&["- Actual Vandelay Industries drills, with 40 Gbps of links"]),
            ["Vandelay Industries"]
        );
        assert!(subjects(&["- Monthly drills, 12 Tbps peak"]).is_empty());
    }

    #[test]
    fn sentence_case_headings_keep_their_names() {
        assert_eq!(subjects(&["### Chaos engineering at Initech"]), ["Initech"]);
    }

    #[test]
    fn a_word_also_written_in_lowercase_is_ordinary() {
        assert!(subjects(&["The cache warms up, then the Cache serves reads"]).is_empty());
    }

    #[test]
    fn code_examples_give_names_from_comments_and_docstrings_only() {
        let source = crate::source::SourceFile::from_string(
            "t.md",
            "```python\nclass GlobexChaosMonkey:\n    \"\"\"\n    Failure drills as Globex runs them\n    \"\"\"\n    def kill(self):  # what Initech calls a drill\n        pass\n```\n",
        );
        let doc = crate::markdown::parse(&source);
        assert_eq!(
            of_example("Add Failure Drills", &doc.code_blocks[0]),
            ["Globex", "Initech"]
        );
    }

    #[test]
    fn diagram_examples_give_names_from_their_labels() {
        let source = crate::source::SourceFile::from_string(
            "t.md",
            "```mermaid\ngraph TB\n    subgraph \"Hooli Search Architecture\"\n    A[Hooli's Query Router] --> B[Index Shard]\n    end\n```\n",
        );
        let doc = crate::markdown::parse(&source);
        assert_eq!(
            of_example("Search Architecture Deep Dive", &doc.code_blocks[0]),
            ["Hooli"]
        );
    }

    #[test]
    fn any_text_is_safe() {
        for text in [
            "",
            "'s",
            "’s ’s",
            "A",
            "— – : ( ) ' ’",
            "Ω's Ωmega",
            "x - y",
            "é\u{a0}É's",
        ] {
            let _ = subjects(&[text]);
        }
    }
}
