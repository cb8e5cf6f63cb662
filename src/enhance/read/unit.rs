//! A recommendation being read: its title, the words around it, its example block and its
//! target, turned into a [`Draft`] once the next unit starts. Also the small text helpers the
//! reader uses to name a unit from a sentence and to split a claim sentence into claims.

use std::ops::Range;

use crate::enhance::{Draft, Kind, Origin, TargetSpec, example};
use crate::markdown::{CodeBlock, Document, ListItem};
use crate::reference::Reference;

/// Longest title kept from a sentence, in characters.
const TITLE_CHARS: usize = 90;

/// A recommendation under construction.
#[derive(Debug, Clone)]
pub(super) struct Unit<'d> {
    span: Range<usize>,
    title: String,
    description: String,
    /// Where the unit's own block ends (a list item, a heading's section), if bounded.
    ends_at: Option<usize>,
    target: TargetSpec,
    /// Whether its words end with a colon: the list that follows details it.
    takes_list: bool,
    /// The list it took as details (`ListItem::list`), once it took one.
    list: Option<usize>,
    /// The example block.
    pub(super) example: Option<CodeBlock<'d>>,
    /// The kind of the section that groups it (`## Metrics blocks`), asked for when its own
    /// words name none.
    grouped_as: Option<Kind>,
    /// The kind its label names and nothing else (`**Diagrams:** a sequence of one retry`):
    /// it decides, made specific by the words after the label, which are its title.
    led_by: Option<Kind>,
    /// The list items that detail it, as written: for a metrics request with no labels of
    /// its own (`#### Metrics` over `- Trips per day`), the metrics it asks for.
    items: Vec<String>,
}

impl<'d> Unit<'d> {
    pub(super) fn new(
        span: Range<usize>,
        title: &str,
        description: Option<&str>,
        ends_at: Option<usize>,
        target: TargetSpec,
    ) -> Self {
        let ends_with_colon = |t: &str| t.trim().trim_end_matches(['*', '_']).ends_with(':');
        Self {
            span,
            // Only a paragraph's or a label's colon introduces details; an item's or a
            // heading's details are inside its own block.
            takes_list: ends_at.is_none()
                && (ends_with_colon(title) || description.is_some_and(ends_with_colon)),
            title: clean_title(title),
            description: description.unwrap_or("").to_owned(),
            ends_at,
            target,
            list: None,
            example: None,
            grouped_as: None,
            led_by: None,
            items: Vec::new(),
        }
    }

    /// The unit, in a section that groups requests of `kind` (`## Metrics blocks`).
    pub(super) fn grouped_as(self, kind: Option<Kind>) -> Self {
        Self {
            grouped_as: kind,
            ..self
        }
    }

    /// The unit, whose label names only `kind`, followed by what to add.
    pub(super) fn led_by(self, kind: Kind) -> Self {
        Self {
            led_by: Some(kind),
            ..self
        }
    }

    /// Whether a list item details this unit: it lies inside the unit's own block, or it
    /// belongs to the list right after words that end with a colon.
    pub(super) fn takes_item(&mut self, item: &ListItem) -> bool {
        if self.contains(item.span().start) {
            return true;
        }
        if !self.takes_list || self.example.is_some() || item.span().start < self.span.end {
            return false;
        }
        match self.list {
            None => {
                self.list = Some(item.list());
                self.ends_at = Some(item.span().end);
                true
            }
            Some(list) if list == item.list() => {
                self.ends_at = Some(item.span().end);
                true
            }
            Some(_) => false,
        }
    }

    /// Whether `offset` lies inside the unit's own block (a nested list item is a detail).
    pub(super) fn contains(&self, offset: usize) -> bool {
        offset > self.span.start && self.ends_at.is_some_and(|end| offset < end)
    }

    /// The unit's title.
    pub(super) fn title(&self) -> &str {
        &self.title
    }

    /// Whether the unit was read from a paragraph, whose requests end where another starts.
    pub(super) fn is_open_ended(&self) -> bool {
        self.ends_at.is_none()
    }

    /// Whether the unit's own block (a list item, a heading's section) ends at or before
    /// `offset`.
    pub(super) fn ended_before(&self, offset: usize) -> bool {
        self.ends_at.is_some_and(|end| end <= offset)
    }

    /// Adds a list item's words to the description, and keeps them as one of its items.
    pub(super) fn describe_with_item(&mut self, text: &str) {
        self.describe(text);
        self.items.push(text.to_owned());
    }

    /// Adds words that describe the unit.
    pub(super) fn describe(&mut self, text: &str) {
        if !self.description.is_empty() {
            self.description.push('\n');
        }
        self.description.push_str(text);
    }

    /// Whether `block` is this unit's example: the first fence after it.
    pub(super) fn takes_example(&self, block: &CodeBlock) -> bool {
        self.example.is_none()
            && block.span.start > self.span.start
            && !matches!(block.lang.as_deref(), Some("requirements"))
    }

    /// Whether a table starting at `start` is this unit's example: it lies inside the unit's
    /// block, or follows words that end with a colon ("numbers like this:").
    pub(super) fn takes_table(&self, start: usize) -> bool {
        self.example.is_none()
            && (self.contains(start) || (self.takes_list && start > self.span.start))
    }

    /// Whether the unit applies to every episode the document names.
    pub(super) fn is_document_wide(&self) -> bool {
        self.target.document_wide
    }

    pub(super) fn into_draft(self, doc: &Document<'_>) -> Draft {
        // "**Diagrams:** a sequence of one retry": the words after the label are the title.
        // A metrics label keeps its title: the words after it are the metrics' labels.
        let asked = self
            .led_by
            .as_ref()
            .filter(|kind| **kind != Kind::Metrics)
            .map(|_| title_of_sentence(after_label(&self.title, &self.description)))
            .filter(|asked| !asked.is_empty());
        let led_by = asked.as_ref().and(self.led_by);
        let title = asked.unwrap_or(self.title);
        let (kind, mut fingerprint) = example::read_unit(
            &title,
            &self.description,
            self.example.as_ref(),
            example::Grouping {
                grouped_as: self.grouped_as,
                led_by,
            },
        );
        if kind == Kind::Metrics && fingerprint.labels.is_empty() {
            fingerprint.labels = metric_labels(&self.items);
        }
        let title = with_block_noun(title, &kind);
        Draft {
            title,
            kind,
            origin: Origin::Recommended,
            file: doc.source.rel_path.clone(),
            span: doc.source.line_span(self.span.start),
            target: self.target,
            fingerprint,
            count: None,
        }
    }
}

/// "Add a Python", cut from "Add a Python and a Go sample": the title ends with an article
/// and the word that names the language or diagram type, and gets the block's noun ("Add a
/// Python code sample"). Any other title is kept.
fn with_block_noun(title: String, kind: &Kind) -> String {
    let noun = match kind {
        Kind::Code(Some(_)) => "code sample",
        Kind::Diagram(Some(_)) => "diagram",
        _ => return title,
    };
    let words: Vec<&str> = title.split_whitespace().collect();
    let [.., article, last] = words.as_slice() else {
        return title;
    };
    let is_article = ["a", "an", "one"].contains(&article.to_lowercase().as_str());
    let plain = last
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let is_noun = super::vocabulary::BLOCK_NOUNS.contains(&plain.as_str())
        || NAMING_NOUNS.contains(&plain.as_str());
    let names_the_kind = crate::enhance::kind::intent(last).as_ref() == Some(kind) && !is_noun;
    if is_article && names_the_kind && words.len() <= 4 {
        format!("{title} {noun}")
    } else {
        title
    }
}

/// The metrics a list names, one per item ("Trips per day"; "Trip rate: 3 an hour" names
/// "Trip rate"); none when an item is a sentence rather than a metric's name.
fn metric_labels(items: &[String]) -> Vec<String> {
    let labels: Vec<String> = items
        .iter()
        .map(|item| {
            let (head, _) = super::split_label(item);
            head.trim().trim_end_matches('.').to_owned()
        })
        .collect();
    let names_only = labels
        .iter()
        .all(|l| (1..=6).contains(&l.split_whitespace().count()));
    if names_only { labels } else { Vec::new() }
}

/// What `description` says after `label` when it starts with it (`Diagrams: a sequence of
/// …`, as a list item's words repeat its bold lead), else all of it.
fn after_label<'t>(label: &str, description: &'t str) -> &'t str {
    let (head, tail) = super::split_label(description);
    if head
        .trim_matches(['*', '_'])
        .eq_ignore_ascii_case(label.trim())
    {
        tail.trim_start_matches(['*', '_', ' '])
    } else {
        description
    }
}

/// A table given as an example, read as a Markdown example (its rows are metric labels when
/// the unit asks for metrics).
pub(super) fn table_as_example(
    doc: &Document<'_>,
    table: &crate::markdown::Table,
) -> CodeBlock<'static> {
    let text = doc.source.text.get(table.span.clone()).unwrap_or("");
    let code: String = text
        .lines()
        .map(str::trim_start)
        .collect::<Vec<_>>()
        .join("\n");
    CodeBlock {
        lang: Some("markdown".to_owned()),
        info: "markdown".to_owned(),
        code: code.into(),
        span: table.span.clone(),
        code_start: table.span.start,
        closed: true,
        diagram: None,
        event_index: 0,
    }
}

/// `**Add Production Metrics Section:**` → "Add Production Metrics Section".
fn clean_title(title: &str) -> String {
    let title = title
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == '`')
        .trim()
        .trim_end_matches([':', ',', ';'])
        .trim();
    // "Finally, for each episode above, a calculator" → "A calculator".
    let title = ["finally, ", "also, ", "lastly, ", "then, "]
        .iter()
        .find_map(|lead| crate::text::strip_prefix_ignore_ascii_case(title, lead))
        .unwrap_or(title);
    // "for each episode above, a calculator" → "a calculator": the audience is the target.
    let title = match title.split_once(',') {
        Some((audience, rest)) if super::breadth::is_wide(audience) && !rest.trim().is_empty() => {
            rest.trim()
        }
        _ => title,
    };
    let mut chars = title.chars();
    let title: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    shorten(&title)
}

/// Words that join a further request to the one before it ("Also, add …", "Then include …").
const CONNECTIVES: &[&str] = &[
    "also",
    "and",
    "then",
    "finally",
    "lastly",
    "additionally",
    "plus",
    "next",
    "second",
    "secondly",
    "third",
    "thirdly",
    "separately",
];

/// A paragraph that asks for several blocks, one sentence each ("Add a metrics block with
/// trip counts. Also add a Go sample of the breaker."), split into one part per request.
/// A later sentence starts a request of its own when it starts with a verb that asks for a
/// block ([`super::vocabulary::asks_for_a_block`]) after a word such as "also" or "then", or
/// without one when it asks for another kind of block than the part before it ("Add a Go
/// sample. Include the probe in the code." is one request). Other sentences describe the
/// request before them, and words before the first request ("The retry section is thin.")
/// are left out. Most paragraphs are one part.
pub(super) fn split_asks(text: &str) -> Vec<&str> {
    split_asks_from(text, false)
}

/// [`split_asks`], where the first sentence is a request whatever its words when
/// `first_asks` (after a label that names a kind: "Diagrams: a flowchart of the check. Add it
/// after the cold open.").
pub(super) fn split_asks_from(text: &str, first_asks: bool) -> Vec<&str> {
    let sentences: Vec<(usize, &str)> = sentences(text)
        .into_iter()
        .flat_map(|(at, sentence)| asking_clauses(at, sentence))
        .collect();
    // Words before the first sentence that asks ("The calculator is fine as is. Add a Go
    // version …") are not a request.
    let first = if first_asks {
        0
    } else {
        sentences
            .iter()
            .position(|(_, s)| super::vocabulary::asks_for_something(s))
            .unwrap_or(0)
    };
    // "This episode needs more depth. Add a Java version …": a first wish that is an
    // observation naming no block, or only the family of the request right after it,
    // introduces that request.
    let first = match (sentences.get(first), sentences.get(first + 1)) {
        (Some(&(_, lead)), Some(&(_, next)))
            if !first_asks && introduces(lead, without_connectives(next)) =>
        {
            first + 1
        }
        _ => first,
    };
    let first_at = sentences.get(first).map_or(0, |&(at, _)| at);
    // Each part: where the sentence that opens it starts (the part before ends there) and
    // where its request starts, after any joining words.
    let mut starts: Vec<(usize, usize)> = vec![(0, first_at)];
    // The kind of the request so far.
    let mut previous = sentences.get(first).and_then(|(_, s)| block_family(s));
    // The words of the request so far, for the type of block they name.
    let mut previous_words = sentences.get(first).map_or("", |&(_, s)| s);
    for &(at, sentence) in sentences.iter().skip(first + 1) {
        if starts.len() == MAX_PARTS {
            break;
        }
        let rest = without_connectives(sentence);
        let rest = super::vocabulary::polite_request(rest)
            .filter(|asked| block_family(asked).is_some())
            .unwrap_or(rest);
        // "A short Rust example would also help": a wish for a block of another kind asks
        // anew, as a request in the imperative does.
        // "… and a Go sample of the budget", cut from the sentence before by
        // [`asking_clauses`]: a block of another kind, named, is asked for too.
        let names_another = || {
            previous.is_some()
                && heads_a_block(rest)
                && (block_family(rest) != previous || another_type(previous_words, rest))
        };
        if !super::vocabulary::asks_for_a_block(rest)
            && !polite(sentence)
            && !asks_for_another_kind(rest, previous)
            && !names_another()
        {
            continue;
        }
        let kind = block_family(rest);
        if joined(sentence, rest) || kind != previous || another_type(previous_words, rest) {
            starts.push((at, at + (sentence.len() - rest.len())));
            previous = kind;
            previous_words = rest;
        }
    }
    let ends = starts
        .iter()
        .skip(1)
        .map(|&(sentence, _)| sentence)
        .chain([text.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&(_, request), end)| {
            // A part cut before a clause of its own ends without the words that joined them.
            let part = text[request..end].trim();
            [", and", ";", " and", " as well as", " plus", ","]
                .iter()
                .find_map(|joint| part.strip_suffix(joint))
                .unwrap_or(part)
        })
        .collect()
}

/// "The intro already has a diagram. Add a Go sample of the breaker.": a claim, then a
/// request in a sentence of its own. The words of the claim and those of the requests, when
/// the first sentence claims and a later one asks for a block; `None` otherwise.
pub(super) fn claim_then_asks(text: &str) -> Option<(&str, &str)> {
    let sentences = sentences(text);
    let (_, first) = sentences.first()?;
    if !super::vocabulary::is_claim(first) {
        return None;
    }
    let &(at, _) = sentences.iter().skip(1).find(|(_, sentence)| {
        let sentence = without_connectives(sentence);
        super::vocabulary::asks_for_a_block(sentence)
            && !super::vocabulary::is_claim(sentence)
            && !super::vocabulary::declines(sentence)
    })?;
    Some((text[..at].trim(), text[at..].trim()))
}

/// Whether a sentence opens with a polite request for a block ("Consider adding a Java
/// example").
fn polite(sentence: &str) -> bool {
    super::vocabulary::polite_request(without_connectives(sentence))
        .is_some_and(|asked| block_family(asked).is_some())
}

/// A sentence as the clauses that ask for a block each, with their offsets: it is cut before
/// a clause after `, and` or `;` that asks for a block of another kind than the words before
/// it ("A Rust example would help, and I would love a diagram of the vault"). Most
/// sentences are one clause. Each clause is read once, and at most [`MAX_PARTS`] cuts are
/// made.
fn asking_clauses(at: usize, sentence: &str) -> Vec<(usize, &str)> {
    // Each separator, and whether what follows it must ask on its own (a clause) or may only
    // name a block (a noun phrase joined by "and").
    let mut separators: Vec<(usize, &str, bool)> = [", and ", "; "]
        .iter()
        .flat_map(|sep| sentence.match_indices(sep))
        .map(|(found, sep)| (found, sep, false))
        .collect();
    // "Add a flowchart of the retry loop and a Go sample of the budget": a block of another
    // kind joined by "and", "plus" or "as well as" is a request of its own.
    separators.extend(
        [" and ", " as well as ", " plus "]
            .iter()
            .flat_map(|sep| sentence.match_indices(sep))
            .filter(|&(found, sep)| {
                // ", and" joins clauses, read above; ", plus a flowchart" names a block.
                (sep != " and " || !sentence[..found].ends_with(','))
                    && heads_a_block(&sentence[found + sep.len()..])
            })
            .map(|(found, sep)| (found, sep, true)),
    );
    separators.sort_unstable();
    let mut out = Vec::new();
    let mut start = 0;
    let first_end = separators.first().map_or(sentence.len(), |&(i, _, _)| i);
    // The kind of block the current part asks for, from its first clause that names one.
    let mut part_kind = block_family(&sentence[..first_end]);
    for (index, &(found, separator, noun)) in separators.iter().enumerate() {
        let clause_start = found + separator.len();
        let clause_end = separators
            .get(index + 1)
            .map_or(sentence.len(), |&(next, _, _)| next.max(clause_start));
        let clause = &sentence[clause_start..clause_end];
        let names_another_block = || {
            part_kind.is_some()
                && (block_family(clause).is_some_and(|k| Some(k) != part_kind)
                    || another_type(&sentence[start..found], clause))
        };
        // "Add shed rate and goodput, and a Java sample": after `, and`, a clause that only
        // names a block of another kind is a request of its own too.
        let another = || {
            if noun {
                names_another_block()
            } else {
                asks_for_another_kind(clause, part_kind)
                    || (heads_a_block(clause) && names_another_block())
            }
        };
        if out.len() < MAX_PARTS && another() {
            out.push((at + start, &sentence[start..found]));
            start = clause_start;
            part_kind = block_family(clause);
        } else if part_kind.is_none() {
            part_kind = block_family(clause);
        }
    }
    out.push((at + start, &sentence[start..]));
    out
}

/// Nouns that end the name of a block in a list of requests besides
/// [`super::vocabulary::BLOCK_NOUNS`] ("a Go version", "a metrics table", "production
/// metrics"), as against words that only mention one ("a metrics pipeline").
const NAMING_NOUNS: &[&str] = &[
    "graph",
    "mindmap",
    "timeline",
    "implementation",
    "version",
    "table",
    "dashboard",
    "exercise",
    "playground",
    "metrics",
    "numbers",
    "figures",
];

/// Whether `words` start with the name of a block: an article or a count, at most four
/// more words that name a kind of block, the last of them a block noun.
fn heads_a_block(words: &str) -> bool {
    if !super::vocabulary::names_a_block(words) {
        return false;
    }
    let head: Vec<&str> = words
        .split_whitespace()
        .take(5)
        .take_while(|w| {
            !matches!(
                *w,
                "of" | "with" | "for" | "showing" | "that" | "on" | "about"
            )
        })
        .collect();
    let noun = |word: &str| {
        crate::enhance::text::tokens(word)
            .first()
            .is_some_and(|token| {
                super::vocabulary::BLOCK_NOUNS.contains(&token.as_str())
                    || NAMING_NOUNS
                        .iter()
                        .any(|n| crate::enhance::text::tokens(n).first() == Some(token))
            })
    };
    head.last().is_some_and(|last| noun(last))
        && crate::enhance::kind::intent(&head.join(" ")).is_some()
}

/// Whether a sentence opens with a verb whose object is a block named with an article or a
/// count ("Add a flowchart of …", "Include two Go samples"), not a part of one ("Add a comment
/// to each line").
fn adds_a_block(sentence: &str) -> bool {
    let sentence = sentence.trim_start_matches(is_emphasis_or_space);
    let object = sentence
        .split_once(char::is_whitespace)
        .map_or("", |(_, object)| object);
    super::vocabulary::starts_imperative(sentence) && heads_a_block(object.trim_start())
}

/// Whether `clause` names a block of the same family as `part` but of another type: a
/// sample in another language ("Add a Go sample of the breaker and a Java sample of the
/// probe"), a diagram of another type. A block of no particular type is not another.
fn another_type(part: &str, clause: &str) -> bool {
    use crate::enhance::Kind;
    let typed = |text: &str| {
        crate::enhance::kind::intent(text)
            .filter(|kind| matches!(kind, Kind::Code(Some(_)) | Kind::Diagram(Some(_))))
    };
    matches!((typed(part), typed(clause)), (Some(a), Some(b)) if a != b)
}

/// Whether words ask for something and name a block of another kind than `kind` ("A short
/// Rust example would also help" after a metrics request): a request of their own.
fn asks_for_another_kind(
    words: &str,
    kind: Option<std::mem::Discriminant<crate::enhance::Kind>>,
) -> bool {
    super::vocabulary::asks_for_something(words)
        && block_family(words).is_some_and(|named| Some(named) != kind)
}

/// Most requests one paragraph is split into; the rest of it describes the last.
const MAX_PARTS: usize = 32;

/// Whether `rest`, what [`without_connectives`] left of `sentence`, lost a joining word.
fn joined(sentence: &str, rest: &str) -> bool {
    rest.len() < sentence.trim_start_matches(is_emphasis_or_space).len()
}

/// Whether a paragraph after the request titled `title` starts a request of its own: it
/// opens with a verb asking for a block, after a joining word ("Also, add …") or a short
/// label ("Architecture: add …"), or for another kind of block than the request's; or it
/// opens with a polite request or suggestion for a block ("Consider adding a Java example");
/// or it asks, in any words, for another kind of block than the request's ("Production
/// metrics from launch night would help too" after a flowchart).
/// A verb that adds a whole block, named with an article, asks anew whatever its kind ("Add a
/// Python sample of the probe" after "Add a Go sample of the breaker").
/// "Show the probe in the code." after "Add a Go sample" describes it.
pub(super) fn starts_request_after(title: &str, text: &str) -> bool {
    let (label, after_label) = super::split_label(text);
    let rest = if !after_label.is_empty() && label.split_whitespace().count() <= 4 {
        after_label
    } else {
        without_connectives(text)
    };
    // "Also, add …" is joined to the request before; a polite opening is not a joining word.
    let joined_on = joined(text, rest);
    if let Some(asked) =
        super::vocabulary::polite_request(rest).filter(|asked| block_family(asked).is_some())
    {
        return joined_on || block_family(asked) != block_family(title);
    }
    (super::vocabulary::asks_for_a_block(rest)
        && (joined_on || block_family(rest) != block_family(title) || adds_a_block(rest)))
        // "Production metrics would help too" after a flowchart request; not "It should
        // print the p99 metrics" after a Go sample.
        || (asks_for_another_kind(rest, block_family(title))
            && !speaks_of_the_request(rest, block_family(title)))
}

/// Whether `lead`, a sentence that wishes for something, only introduces the request
/// `next` asks for: it is an observation rather than an instruction ("This episode needs
/// more depth", "The episode would benefit from a concrete example", "The opening-day
/// problem deserves a diagram"), and names no kind of block, a section of no particular
/// topic, or a block of `next`'s family of no particular type.
fn introduces(lead: &str, next: &str) -> bool {
    use crate::enhance::Kind;
    let vocabulary = |text: &str| super::vocabulary::polite_request(text).is_some();
    if super::vocabulary::starts_imperative(lead) || vocabulary(lead) {
        return false;
    }
    let next_family = block_family(next);
    if next_family.is_none() || !super::vocabulary::asks_for_something(next) {
        return false;
    }
    // "The episode needs a section on failure thresholds" names what it wants: a request.
    let lower = format!(" {} ", lead.to_lowercase());
    if [" of ", " on ", " about ", " for ", " showing ", " that "]
        .iter()
        .any(|subject| lower.contains(subject))
    {
        return false;
    }
    match crate::enhance::kind::intent(lead) {
        None | Some(Kind::Prose(crate::enhance::Topic::General)) => true,
        Some(kind @ (Kind::Diagram(None) | Kind::Code(None))) => {
            Some(std::mem::discriminant(&kind)) == next_family
        }
        Some(_) => false,
    }
}

/// Words that end a sentence's subject: its first verb, modal or auxiliary.
const SUBJECT_ENDS: &[&str] = &[
    "should", "would", "could", "must", "will", "can", "might", "may", "needs", "need", "is",
    "are", "was", "were", "has", "have", "shows", "show", "includes", "include",
];

/// Whether a sentence's subject is the request before it, of family `kind`, or a part of
/// it: only a subject that names another kind of block ("Production metrics … would
/// help") or the editor ("We also need …") asks anew; "It should print the p99 metrics",
/// "The flowchart should show …" and "Each arrow should carry the metrics" describe.
fn speaks_of_the_request(
    sentence: &str,
    kind: Option<std::mem::Discriminant<crate::enhance::Kind>>,
) -> bool {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let lower = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
            .to_lowercase()
    };
    let Some(subject_len) = words
        .iter()
        .position(|w| SUBJECT_ENDS.contains(&lower(w).as_str()))
        .filter(|&len| len > 0)
    else {
        return false;
    };
    let subject = &words[..subject_len];
    if EDITOR.contains(&lower(subject[0]).as_str()) || names_the_episode(subject) {
        return false;
    }
    let named = block_family(&subject.join(" "));
    named.is_none() || named == kind
}

/// Subjects that are the editor asking ("We also need …", "I would add …").
const EDITOR: &[&str] = &["we", "i", "you", "please"];

/// Whether a sentence's subject is the episode under review ("This episode would also
/// benefit from a quiz", "The lesson needs …"): what it wants is a request of its own, not a
/// detail of the request before.
fn names_the_episode(subject: &[&str]) -> bool {
    let [determiner, noun] = subject else {
        return false;
    };
    let lower = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    ["this", "the"].contains(&lower(determiner).as_str())
        && ["episode", "lesson", "chapter"].contains(&lower(noun).as_str())
}

/// The family of block words ask for (metrics, a diagram of any type, code in any language,
/// …), when they name one.
pub(super) fn block_family(words: &str) -> Option<std::mem::Discriminant<crate::enhance::Kind>> {
    crate::enhance::kind::intent(words).map(|kind| std::mem::discriminant(&kind))
}

/// Spaces and emphasis markers around a joining word (`**Also**, add …`).
fn is_emphasis_or_space(c: char) -> bool {
    c.is_whitespace() || c == '*' || c == '_'
}

/// "Also, add a Go sample" → "add a Go sample": the words that join a request to the one
/// before it ([`CONNECTIVES`], each followed by a comma or a space) left out.
pub(super) fn without_connectives(sentence: &str) -> &str {
    let mut rest = sentence.trim_start_matches(is_emphasis_or_space);
    loop {
        let word_end = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        let after = &rest[word_end..];
        let joined = after.starts_with(|c: char| c == ',' || is_emphasis_or_space(c));
        if word_end == 0
            || !joined
            || !CONNECTIVES.contains(&rest[..word_end].to_lowercase().as_str())
        {
            return rest;
        }
        rest = after.trim_start_matches(|c: char| c == ',' || is_emphasis_or_space(c));
    }
}

/// The sentences of a text with their offsets: a sentence ends at `.`, `!` or `?`, after
/// any closing quote or bracket, followed by whitespace and a capital letter or emphasis (so
/// "e.g. the" and "4.2%" do not end one).
fn sentences(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let closed = text[i + 1..].trim_start_matches(['"', '\'', ')', '”', '’', '*', '_']);
        let next = closed.trim_start();
        let spaced = closed.len() > next.len();
        if spaced && next.starts_with(|n: char| n.is_uppercase() || n == '*' || n == '_') {
            let end = text.len() - closed.len();
            out.push((start, &text[start..end]));
            start = text.len() - next.len();
        }
    }
    out.push((start, &text[start..]));
    out
}

/// The first sentence of a text (up to a full stop or a colon that introduces an example),
/// at most [`TITLE_CHARS`] characters, cut at a word.
pub(super) fn title_of_sentence(text: &str) -> String {
    let first_line = text.lines().next().unwrap_or("").trim();
    let end = first_line
        .char_indices()
        .find(|&(i, c)| {
            (c == '.' || c == '!' || c == '?')
                && first_line[i + 1..].starts_with(|n: char| n.is_whitespace())
                || c == ':' && first_line[i + 1..].trim().is_empty()
        })
        .map_or(first_line.len(), |(i, _)| i);
    let sentence = first_line[..end].trim();
    let sentence = sentence
        .trim_start_matches(|c: char| c == ',' || c == '-' || c == '—' || c.is_whitespace())
        .trim();
    clean_title(&what_is_asked(sentence))
}

/// Phrases that introduce what is asked in an editor's sentence, longest first.
const REQUEST_LEADS: &[&str] = &[
    "i would also like ",
    "would also like ",
    "i'd also like ",
    "i'd like ",
    "would also benefit from ",
    "also needs ",
    "i'd like to see ",
    "i would like to see ",
    "i'd love to see ",
    "it would benefit from ",
    "would benefit from ",
    "should each add ",
    "should also add ",
    "should add ",
    "should include ",
    "should have ",
    "should show ",
    "needs to add ",
    "needs ",
    "could use ",
    "is missing ",
    "lacks ",
    "please add ",
    "we need ",
    "it needs ",
];

/// The thing asked for in a sentence: `should each add production metrics: p99, …` →
/// `Production metrics`; `I'd like to see a diagram of checkout like this` → `A diagram of
/// checkout`; `Editor's note: add a flowchart of the check` → `Add a flowchart of the check`;
/// `Consider adding a Java example` → `A Java example`.
fn what_is_asked(sentence: &str) -> String {
    let sentence = super::vocabulary::polite_request(sentence).unwrap_or(sentence);
    let lower = sentence.to_lowercase();
    let mut text = sentence;
    if let Some((at, lead)) = REQUEST_LEADS
        .iter()
        .filter_map(|lead| {
            lower
                .find(lead)
                .map(|at| (at, std::cmp::Reverse(lead.len())))
        })
        .min()
        .map(|(at, std::cmp::Reverse(len))| (at, len))
        && sentence.is_char_boundary(at + lead)
    {
        text = &sentence[at + lead..];
    }
    // Before a colon, the request ("should each add production metrics: p99, …"), unless
    // only a label stands there and the request follows ("Editor's note: add a flowchart").
    if let (before, after) = super::split_label(text)
        && !after.is_empty()
        && before.split_whitespace().count() >= 2
    {
        let label_only =
            super::vocabulary::is_note_label(before) || super::relative::is_step_label(before);
        text = if label_only && super::vocabulary::starts_imperative(after.trim()) {
            after
        } else {
            before
        };
    }
    let text = text.trim().trim_end_matches(['.', ',', ';', '?']);
    let text = [" like this", " such as this", " as follows", " as below"]
        .iter()
        .find_map(|tail| text.strip_suffix(tail))
        .unwrap_or(text)
        .trim();
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= TITLE_CHARS {
        return text.to_owned();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > TITLE_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

/// A title for an example found with no words of its own: its first heading, class or
/// function, else its language.
pub(super) fn title_of_example(block: &CodeBlock) -> String {
    let heading = block
        .code
        .lines()
        .map(str::trim)
        .find_map(|l| {
            l.strip_prefix('#')
                .map(|h| h.trim_start_matches('#').trim())
        })
        .filter(|h| {
            !h.is_empty()
                && block
                    .lang
                    .as_deref()
                    .is_none_or(|l| l == "markdown" || l == "md")
        });
    if let Some(heading) = heading {
        return clean_title(heading);
    }
    let defs = crate::enhance::code::definitions(&block.code);
    if let Some(name) = defs.classes.first().or(defs.functions.first()) {
        return name.clone();
    }
    match block.lang.as_deref() {
        Some(lang) => format!("{lang} example"),
        None => "example".to_owned(),
    }
}

/// The text with the references removed (`For Ep. 2 of Case Studies, add …` → `For , add …`),
/// so that a series name never reads as what is asked.
pub(super) fn without_references(text: &str, references: &[Reference]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in references {
        if r.span.start >= at && r.span.end <= text.len() {
            out.push_str(&text[at..r.span.start]);
            at = r.span.end;
        }
    }
    out.push_str(&text[at..]);
    let out = out
        .trim()
        .trim_start_matches(|c: char| ",:;—–-".contains(c) || c.is_whitespace());
    let lowered_for = ["For ,", "for ,", "In ,", "in ,"];
    let mut s = out.to_owned();
    for f in lowered_for {
        if let Some(rest) = s.strip_prefix(f) {
            s = rest.trim().to_owned();
        }
    }
    s
}

/// `two diagrams, a Go sample and metrics.` → the three claimed things (never split inside
/// parentheses: "metrics (p50 and p99)" is one).
pub(super) fn split_claims(text: &str) -> Vec<String> {
    let text = text.trim().trim_end_matches('.');
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or(' ');
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let separator = if depth > 0 {
            0
        } else if c == ',' || c == ';' {
            1
        } else {
            [" and ", " as well as "]
                .iter()
                .find(|s| rest.starts_with(*s))
                .map_or(0, |s| s.len())
        };
        if separator > 0 {
            parts.push(&text[start..i]);
            i += separator;
            start = i;
        } else {
            i += c.len_utf8();
        }
    }
    parts.push(&text[start..]);
    parts
        .into_iter()
        .map(|p| p.trim().trim_start_matches("and ").trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_with_two_requests_is_split_at_the_second() {
        assert_eq!(
            split_asks(
                "Add a metrics block with trip counts. Also add a Go code sample of the breaker."
            ),
            [
                "Add a metrics block with trip counts.",
                "add a Go code sample of the breaker."
            ]
        );
        assert_eq!(
            split_asks(
                "Show p99 latency (e.g. 4.2 ms) in a metrics block. Then, draw a sequence diagram of a retry! It should show the jitter."
            ),
            [
                "Show p99 latency (e.g. 4.2 ms) in a metrics block.",
                "draw a sequence diagram of a retry! It should show the jitter."
            ]
        );
        assert_eq!(
            split_asks(
                "The retry section is thin. Add a sequence diagram of the retry. Also add a Go sample."
            ),
            ["Add a sequence diagram of the retry.", "add a Go sample."]
        );
        assert_eq!(
            split_asks(
                "Add a sequence diagram of the trip. \"Retries kill.\" Also add a Go sample."
            ),
            [
                "Add a sequence diagram of the trip. \"Retries kill.\"",
                "add a Go sample."
            ]
        );
    }

    #[test]
    fn only_joining_words_followed_by_a_comma_or_space_are_left_out() {
        assert_eq!(
            without_connectives("Also, add a Go sample"),
            "add a Go sample"
        );
        assert_eq!(
            without_connectives("**Also** add a Go sample"),
            "add a Go sample"
        );
        assert_eq!(
            without_connectives("Next.js sample: add ISR"),
            "Next.js sample: add ISR"
        );
        assert_eq!(without_connectives("Third-party APIs"), "Third-party APIs");
        assert_eq!(
            without_connectives("Also,\nadd a Go sample."),
            "add a Go sample."
        );
    }

    #[test]
    fn wishes_for_blocks_of_other_kinds_are_requests_of_their_own() {
        let text = "Readers will want numbers here: the median rotation interval and leaked keys per month. A short Rust example of reading a secret would also help, and I would love a diagram of how the vault issues credentials.";
        let parts = split_asks(text);
        assert_eq!(parts.len(), 3, "{parts:#?}");
        assert!(
            parts[0].starts_with("Readers will want numbers"),
            "{parts:#?}"
        );
        assert!(parts[1].starts_with("A short Rust example"), "{parts:#?}");
        assert!(parts[1].ends_with("would also help"), "{parts:#?}");
        assert!(parts[2].starts_with("I would love a diagram"), "{parts:#?}");
        // Clauses about the same block, or asking for nothing, stay with it.
        for text in [
            "Add a sequence diagram of the retry, and show the jitter in it.",
            "Add a Go sample of the breaker; keep it under 40 lines.",
            "Add a metrics block, and the metrics should include the error rate.",
        ] {
            assert_eq!(split_asks(text), [text], "{text}");
        }
    }

    #[test]
    fn sentences_that_describe_a_request_stay_with_it() {
        for text in [
            "Add a sequence diagram of the retry. It should show the jitter and the budget.",
            "Add a metrics block. The metrics should include the error rate.",
            "Add a diagram. Add more context to the intro.",
            "Add a Go sample of the breaker. Include the half-open probe in the code.",
            "Add a sequence diagram of the retry. The diagram should also show the jitter.",
            "The cold open is good. The pacing works.",
        ] {
            assert_eq!(split_asks(text), [text], "{text}");
        }
    }

    #[test]
    fn a_sentence_gives_a_short_title() {
        assert_eq!(
            title_of_sentence("I'd like to see a sequence diagram of checkout. It helps."),
            "A sequence diagram of checkout"
        );
        assert_eq!(
            title_of_sentence("should each add production metrics: retry rate and p99."),
            "Production metrics"
        );
        assert_eq!(title_of_sentence("**Add metrics:**"), "Add metrics");
        assert!(title_of_sentence(&"word ".repeat(60)).ends_with('…'));
    }

    #[test]
    fn a_claim_then_a_request_in_its_own_sentence_are_told_apart() {
        assert_eq!(
            claim_then_asks(
                "The intro already has a diagram. Add a Go code sample of the breaker."
            ),
            Some((
                "The intro already has a diagram.",
                "Add a Go code sample of the breaker."
            ))
        );
        for text in [
            "The intro already has a diagram of the trip.",
            "Add a Go sample. The intro already has a diagram.",
            "The intro already has a diagram. It could be bigger.",
            "Already has a diagram. Don't add another diagram.",
        ] {
            assert_eq!(claim_then_asks(text), None, "{text}");
        }
    }

    #[test]
    fn claim_sentences_split_outside_parentheses() {
        assert_eq!(
            split_claims("two diagrams, a Go sample (tests and all) and metrics."),
            ["two diagrams", "a Go sample (tests and all)", "metrics"]
        );
        assert_eq!(split_claims("Ωmega, ünïcode"), ["Ωmega", "ünïcode"]);
    }
}
