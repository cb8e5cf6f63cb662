//! The words that tell what a part of a recommendations document is for: a section that is
//! not a requirement (strengths, next steps), a label that introduces claims or
//! recommendations, a list that applies to every episode, a sentence that asks for something.
//!
//! Every test here is on [`text::tokens`](crate::enhance::text::tokens) of the text, so plurals
//! and case never matter.

use std::borrow::Cow;

use crate::enhance::text;

/// `label` without what it holds in brackets.
fn without_asides(label: &str) -> String {
    let mut depth = 0usize;
    label
        .chars()
        .filter(|&c| {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => {
                    depth = depth.saturating_sub(1);
                    return false;
                }
                _ => {}
            }
            depth == 0
        })
        .collect()
}

/// Whether a label heads what an episode does well: "What works", "What's working", "What
/// we liked".
fn praises_what_works(label: &str) -> bool {
    let lower = label
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
        .replace('’', "'");
    [
        "what works",
        "what worked",
        "what's working",
        "what is working",
        "what we liked",
        "what i liked",
        "what we like",
        "what i like",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
        && lower.split_whitespace().count() <= 5
}

/// Why a section or label holds no requirement: the word shown by `episode enhancements`.
pub(crate) fn skip_reason(label: &str) -> Option<&'static str> {
    let words = label_words(label);
    let has = |w: &str| {
        words
            .iter()
            .any(|x| x == w || (w.len() > 5 && x.starts_with(w)))
    };
    let has_pair = |a: &str, b: &str| words.windows(2).any(|p| p[0] == a && p[1] == b);
    let short = |n: usize| words.len() <= n;
    let reasons: &[(bool, &'static str)] = &[
        (
            has("strength")
                || has("praise")
                || (has("work") && has("well"))
                // "What works", "What worked well", "What we liked".
                || praises_what_works(label),
            "strengths",
        ),
        (has("priorit"), "priorities"),
        (has("phase") && !has("migration"), "phases"),
        (
            has_pair("success", "metric")
                || has_pair("success", "criteria")
                || has_pair("success", "criterion"),
            "success metrics",
        ),
        (
            has_pair("next", "step") || (has("roadmap") && short(2)),
            "next steps",
        ),
        (
            has("summary") || has("conclusion") || has("overview") || has_pair("tl", "dr"),
            "summary",
        ),
        (
            has("introduction") || has("background") || (has("context") && short(2)),
            "introduction",
        ),
        (
            has("appendix") || ((has("reference") || has("resource")) && short(2)),
            "appendix",
        ),
        (has("methodology"), "methodology"),
        ((has("goal") || has("objective")) && short(3), "goals"),
        (has_pair("table", "content"), "contents"),
        (has("weakness"), "assessment"),
        (declines_a_section(label, &words), "declines"),
    ];
    reasons.iter().find(|(hit, _)| *hit).map(|(_, why)| *why)
}

/// The words of a label ([`text::tokens`]); an aside in brackets ("Culture section
/// (Priority: High)") does not say what the label is.
fn label_words(label: &str) -> Vec<String> {
    match text::tokens(&without_asides(label)) {
        words if words.is_empty() => text::tokens(label),
        words => words,
    }
}

/// Why a heading or label inside an episode's section holds no requirement because it
/// assesses the episode ("Current state", "Key findings": "assessment") or explains why
/// ("Why it matters", "Rationale": "rationale"). Outside an episode's section such words
/// head general observations, which are read.
pub(crate) fn assessment_reason(label: &str) -> Option<&'static str> {
    let words = label_words(label);
    if judges_the_episode(&words) {
        Some("assessment")
    } else if explains_why(label, &words) {
        Some("rationale")
    } else {
        None
    }
}

/// The request after a numbered label that only counts it ("Recommendation 2: Add a sequence
/// diagram", "Suggestion 3 — a Go sample", "Item 4: …"), or after an identifier before words
/// that name an episode ("R1 — Ep 3: …", "Issue #12: Ep 3 …"); or the whole text.
pub(crate) fn without_counting_label(text: &str) -> &str {
    const COUNTING_WORDS: &[&str] = &[
        "recommendation",
        "recommendations",
        "rec",
        "suggestion",
        "suggestions",
        "enhancement",
        "improvement",
        "addition",
        "item",
        "action",
        "proposal",
        "change",
        "idea",
        "todo",
    ];
    /// Words before the number of a tracked item ("Issue #12: …").
    const TRACKING_WORDS: &[&str] = &["issue", "ticket", "finding", "task", "note", "point"];
    let cut = [":", " — ", " – ", " - ", ". ", ") "]
        .iter()
        .filter_map(|sep| text.find(sep).map(|at| (at, sep.len())))
        .min();
    let Some((at, len)) = cut else {
        return text;
    };
    let (Some(head), Some(rest)) = (text.get(..at), text.get(at + len..)) else {
        return text;
    };
    let words: Vec<&str> = head
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let first_is = |list: &[&str]| {
        words
            .first()
            .is_some_and(|first| list.iter().any(|w| first.eq_ignore_ascii_case(w)))
    };
    let counts = first_is(COUNTING_WORDS)
        && words[1..]
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_digit()) || w.len() <= 2);
    // "R1 — Ep 3 (Case Studies): …", "A1. Ep 3 …", "#1 — Ep 3 …", "Issue #12: Ep 3 …": a
    // short identifier before words that name the episode.
    let identifier = words.len() <= 2
        && words
            .last()
            .is_some_and(|w| w.len() <= 8 && w.chars().any(|c| c.is_ascii_digit()) && w.is_ascii())
        && (words.len() == 1 || first_is(TRACKING_WORDS) || first_is(COUNTING_WORDS))
        && head.len() <= 16
        // "Ep1 — Retry Budgets, … for Ep 2" names its episode first: only an identifier
        // that is no reference, or one right before another reference, is dropped.
        && if crate::reference::parse(head).is_some() {
            crate::reference::parse(rest).is_some()
        } else {
            !crate::reference::find(rest).is_empty()
        };
    if (counts || identifier) && !rest.trim().is_empty() {
        rest.trim()
    } else {
        text
    }
}

/// Whether a section lists what will not be done ("Won't do", "Out of scope", "Rejected",
/// "Deferred to next season"): its requests are declined.
fn declines_a_section(label: &str, words: &[String]) -> bool {
    let lower = label.to_lowercase().replace('’', "'");
    let phrases = [
        "won't do",
        "wont do",
        "will not do",
        "not doing",
        "out of scope",
        "not planned",
    ];
    // "Rejected", "Deferred to next season", "Dropped ideas"; not "Deferred payments".
    let set_aside = ["rejected", "deferred", "declined", "dropped", "parked"]
        .iter()
        .any(|w| words.first().is_some_and(|first| first == w))
        && (words.len() == 1
            || ["next", "until", "later", "idea", "item", "suggestion"]
                .iter()
                .any(|w| words.iter().any(|x| x == w)));
    (phrases.iter().any(|p| lower.trim_start().starts_with(p)) || set_aside) && !names_a_kind(words)
}

/// Whether a section skipped for `reason` ([`skip_reason`]) may still hold requests of its
/// own: an assessment ("Gaps"), a rationale or a priority may list what to add; strengths,
/// summaries and next steps restate or praise what is there.
pub(crate) fn may_head_requests(reason: &str) -> bool {
    matches!(reason, "assessment" | "rationale" | "priorities")
}

/// Whether a label's words are an editor's assessment of the episode rather than what to add:
/// "Current state", "Status", "Assessment", "Key findings", "Expected impact", "Effort". A
/// label that names a kind of block ("Impact analysis diagram") or says more ("Current state
/// of the art", "Current state machine") is not one.
fn judges_the_episode(words: &[String]) -> bool {
    let has = |w: &str| words.iter().any(|x| x == w);
    let assessment = [
        "assessment",
        "evaluation",
        "observation",
        "finding",
        "verdict",
    ]
    .iter()
    .any(|w| has(w));
    // "Status" or "Overall score", not "Status pages".
    let rated = ["status", "rating", "score"].iter().any(|w| has(w))
        && (words.len() == 1 || has("overall") || has("current"));
    let judged =
        rated || (has("current") && has("state")) || ["impact", "effort"].iter().any(|w| has(w));
    let short = words.len() <= 2;
    short && (assessment || judged) && !names_a_kind(words)
}

/// Whether a label explains why rather than saying what: "Why?", "Why it matters", "Why this
/// helps", "Why these help", or a reason word ("Rationale", "Motivation") with at most one
/// more. "Why retries amplify an outage" and "Why shedding" name a subject, and "Why it
/// fails: a sequence diagram of the storm" a kind of block: those are requests.
fn explains_why(label: &str, words: &[String]) -> bool {
    let mut raw = label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let why_this = raw.next().is_some_and(|w| w.eq_ignore_ascii_case("why"))
        && raw.next().is_none_or(|w| {
            ["it", "this", "these", "that", "they", "we"]
                .iter()
                .any(|pronoun| w.eq_ignore_ascii_case(pronoun))
        })
        && words.len() <= 3;
    let reason = ["rationale", "justification", "motivation", "reasoning"]
        .iter()
        .any(|w| words.iter().any(|x| x == w))
        && words.len() <= 2;
    (why_this || reason) && !names_a_kind(words)
}

/// Whether the words ([`text::tokens`]) name a kind of block.
fn names_a_kind(words: &[String]) -> bool {
    crate::enhance::kind::intent(&words.join(" ")).is_some()
}

/// Phrases that introduce a claim: the episode is said to have something already.
const CLAIM_PHRASES: &[&str] = &[
    "already include",
    "already includes",
    "already included",
    "already cover",
    "already covers",
    "already covered",
    "already has",
    "already have",
    "already contain",
    "already contains",
    "already present",
    "already provides",
    "already feature",
    "already features",
    "claimed as present",
    "includes already",
    "has already",
    "existing coverage",
    "already in place",
    "already done",
    "already added",
];

/// Past-tense phrases that say a block is in the episode now ("The sequence diagram was
/// added in v2"); not "should be added", which asks for it.
const DONE_PHRASES: &[&str] = &[
    "was added",
    "were added",
    "has been added",
    "have been added",
    "is now included",
    "are now included",
];

/// Marks an editor puts on what is done (`✅ Sequence diagram of the trip`).
const DONE_MARKS: &[char] = &['✅', '✔', '☑'];

/// Whether the text says an episode already has something: a claim phrase, a done mark, or
/// a past-tense report of what was added ("Added a Go sample of the breaker").
pub(crate) fn is_claim(text: &str) -> bool {
    let lower = text.to_lowercase();
    // "Add a Go sample showing how the jitter was added" asks.
    let reports_done = !starts_imperative(text) && DONE_PHRASES.iter().any(|p| lower.contains(p));
    CLAIM_PHRASES.iter().any(|p| lower.contains(p))
        || reports_done
        || text.contains(DONE_MARKS)
        || lower
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .starts_with("added ")
}

/// The claimed part of a claim sentence: the text after the claim phrase ("already covers two
/// diagrams"), or, when only the words before it name a kind of block, those words and what
/// follows the phrase ("The sequence diagram already covers the happy path": "The sequence
/// diagram the happy path"), or the whole text.
pub(crate) fn claimed_part(text: &str) -> Cow<'_, str> {
    // "✅ Sequence diagram of the trip", "Added a Go sample …": what follows the mark or verb.
    let unmarked = text
        .trim_matches(|c: char| DONE_MARKS.contains(&c) || c == '\u{fe0f}' || c.is_whitespace());
    if unmarked.len() < text.trim().len() {
        return Cow::Owned(unmarked.to_owned());
    }
    let opening = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    if opening
        .get(..6)
        .is_some_and(|w| w.eq_ignore_ascii_case("added "))
    {
        return Cow::Borrowed(opening[6..].trim_start());
    }
    let lowered = text.to_ascii_lowercase();
    if let Some(at) = DONE_PHRASES.iter().find_map(|p| lowered.find(p))
        && let Some(subject) = text.get(..at)
    {
        return Cow::Borrowed(subject.trim_end());
    }
    let lower = lowered;
    // The earliest phrase, and the longest one there ("already covers", not "already cover").
    let Some((at, std::cmp::Reverse(len))) = CLAIM_PHRASES
        .iter()
        .filter_map(|p| lower.find(p).map(|at| (at, std::cmp::Reverse(p.len()))))
        .min()
    else {
        return Cow::Borrowed(text);
    };
    let (Some(before), Some(after)) = (text.get(..at), text.get(at + len..)) else {
        return Cow::Borrowed(text);
    };
    let after = after.trim_start_matches([':', ' ', '-', '—', ',', ';']);
    // "A state diagram is already included": the subject, without its verb.
    let before = before.trim_end();
    let subject = ["is", "are", "was", "were"]
        .iter()
        .find_map(|verb| {
            let cut = before.len().checked_sub(verb.len())?;
            let (rest, last) = (before.get(..cut)?, before.get(cut..)?);
            (last.eq_ignore_ascii_case(verb) && rest.ends_with(char::is_whitespace))
                .then(|| rest.trim_end())
        })
        .unwrap_or(before);
    let names_a_kind = |part: &str| crate::enhance::kind::intent(part).is_some();
    if names_a_kind(after) || !names_a_kind(subject) {
        Cow::Borrowed(after)
    } else if after.trim().is_empty() {
        Cow::Borrowed(subject)
    } else {
        Cow::Owned(format!("{subject} {after}"))
    }
}

/// Labels and headings that introduce a list of recommendations without being one.
pub(crate) fn is_container(text: &str) -> bool {
    let words = text::tokens(text);
    let has = |w: &str| words.iter().any(|x| x == w);
    words.len() <= 5
        && (has("recommended")
            || has("recommendation")
            || has("enhancement")
            || has("improvement")
            || has("suggestion")
            || has("suggested")
            || has("addition")
            || has("todo")
            || has_action_items(&words))
        || {
            // "What to add", "To add", "Things to add", "Still to add"; not "Diagrams to
            // add", which names the kind of its list.
            let lower = text
                .trim()
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            lower.starts_with("what to add")
                || (lower.ends_with("to add")
                    && lower.split_whitespace().count() <= 3
                    && crate::enhance::kind::intent(&lower).is_none())
        }
}

fn has_action_items(words: &[String]) -> bool {
    words.windows(2).any(|p| p[0] == "action" && p[1] == "item")
        || words.windows(2).any(|p| p[0] == "to" && p[1] == "do")
}

/// Verbs an editor starts a recommendation with.
const IMPERATIVES: &[&str] = &[
    "add",
    "include",
    "create",
    "show",
    "provide",
    "insert",
    "introduce",
    "write",
    "build",
    "document",
    "illustrate",
    "explain",
    "demonstrate",
    "expand",
    "extend",
    "embed",
    "draw",
    "give",
    "offer",
    "put",
    "supply",
    "replace",
    "cover",
    "describe",
    "detail",
];

/// Words of a label that only says who speaks or what sort of remark follows ("Editor's
/// note", "Reviewer comment", "Suggestion"), as [`text::tokens`] spells them.
const NOTE_WORDS: &[&str] = &[
    "note",
    "editor",
    "reviewer",
    "comment",
    "feedback",
    "suggestion",
    "tip",
    "idea",
    "remark",
    "nb",
    "todo",
    "fixme",
];

/// Whether a label only says that a remark follows ("Editor's note: add a flowchart …"):
/// the request is what comes after it.
pub(crate) fn is_note_label(label: &str) -> bool {
    let words = text::tokens(label);
    !words.is_empty()
        && words.len() <= 3
        && words
            .iter()
            .all(|w| NOTE_WORDS.contains(&w.as_str()) || w.len() <= 1)
}

/// Whether the words after a label that names a kind judge what is there rather than ask for
/// something ("Good coverage; the state diagram is clear", "None", "N/A", "fine as is", "see
/// above").
pub(crate) fn is_remark(words: &str) -> bool {
    let lower = words
        .trim()
        .trim_end_matches(['.', '!'])
        .trim()
        .to_lowercase();
    let verdicts = [
        "",
        "-",
        "—",
        "–",
        "none",
        "n/a",
        "na",
        "ok",
        "okay",
        "fine",
        "fine as is",
        "good",
        "as is",
        "see above",
        "see below",
        "done",
        "covered",
        "nothing",
        "nothing to add",
    ];
    if verdicts.contains(&lower.as_str()) {
        return true;
    }
    // "The sequence diagram is excellent — please don't change it": asks to keep what is
    // there, unless a clause asks for a block as well.
    if only_asks_to_keep(words) {
        return true;
    }
    if names_a_thing_to_add(words) {
        return false;
    }
    // A judgement: an evaluative word first, or right after "is", "are", "looks", … ("the
    // state diagram is clear"); not such a verb alone ("retry ratio and p99 latency are the
    // two that matter", "a flowchart that is easy to read").
    let evaluative =
        |w: &str| JUDGING_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()));
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.first().is_some_and(|w| evaluative(w))
        || words.windows(2).any(|pair| {
            [
                "is", "are", "looks", "look", "seems", "was", "were", "feels",
            ]
            .contains(&pair[0])
                && evaluative(pair[1])
        })
}

/// Words that judge what is there ("clear", "solid", "fine").
const JUDGING_WORDS: &[&str] = &[
    "good",
    "great",
    "fine",
    "solid",
    "clear",
    "nice",
    "excellent",
    "strong",
    "ok",
    "okay",
    "enough",
    "sufficient",
    "accurate",
    "correct",
    "readable",
    "helpful",
    "useful",
    "complete",
    "thorough",
];

/// Whether the words after a label that names a kind read as the thing to add: they ask
/// for it, or name it ("a budget check in Rust", "two flowcharts", "one sequence diagram").
pub(crate) fn names_a_thing_to_add(words: &str) -> bool {
    asks_for_something(words)
        || polite_request(words).is_some()
        || starts_with_article_or_count(words, true)
}

/// Whether words start with an article or a small count ("a", "an", "one", "two",
/// "three", "another"; "some" too when `some` is set).
fn starts_with_article_or_count(words: &str, some: bool) -> bool {
    let first = words
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    ["a", "an", "one", "two", "three", "another"].contains(&first.as_str())
        || (some && first == "some")
}

/// Whether an item only names a block, as a request written without a verb does ("A Go
/// code sample of the ring", "Two sequence diagrams of a failover"): it starts with an article
/// or a count and names a kind of block, and neither judges nor declines.
pub(crate) fn names_a_block(text: &str) -> bool {
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    starts_with_article_or_count(text, false)
        && crate::enhance::kind::intent(text).is_some()
        && !is_remark(text)
        && !declines(text)
        && !is_claim(text)
}

/// Whether words ask to keep something as it is and for no block besides.
fn only_asks_to_keep(text: &str) -> bool {
    asks_to_keep(&text.to_lowercase()) && !a_clause_asks_for_a_block(text)
}

/// Whether lower-cased words ask to keep something as it is ("please keep it", "leave it
/// as is", "don't change it", "no changes needed").
fn asks_to_keep(lower: &str) -> bool {
    let lower = lower.replace('’', "'");
    [
        "keep it",
        "keep them",
        "keep this",
        "keep as is",
        "leave it",
        "leave them",
        "leave as is",
        "don't change",
        "do not change",
        "don't touch",
        "do not touch",
        "no change",
        "no changes",
    ]
    .iter()
    .any(|phrase| {
        lower.match_indices(phrase).any(|(at, _)| {
            let before = lower[..at].chars().next_back();
            let after = lower[at + phrase.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// Whether a heading or label names something in the plural ("Diagrams to add", "Code
/// samples", "Interactive elements"), as a list of several requests does.
pub(crate) fn names_a_plural(label: &str) -> bool {
    label
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .any(|w| w.len() >= 4 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("is"))
}

/// Labels that say what follows them is wanted (`**Missing:** a metrics block, a sequence
/// diagram of a trip`), lower-cased.
const REQUEST_LABELS: &[&str] = &[
    "missing", "needed", "need", "wanted", "gap", "to add", "todo",
];

/// Whether a label says that what follows it is wanted (`Missing`, `Needed`, `Gaps`, `To
/// add`).
pub(crate) fn is_request_label(label: &str) -> bool {
    let words: Vec<String> = label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let joined = words.join(" ");
    let singular = joined.strip_suffix('s').unwrap_or(&joined);
    REQUEST_LABELS.contains(&joined.as_str()) || REQUEST_LABELS.contains(&singular)
}

/// Openings that ask for something politely or suggest it, each followed by what is asked.
const POLITE_OPENINGS: &[&str] = &[
    "consider adding ",
    "consider including ",
    "could we add ",
    "could we include ",
    "can we add ",
    "can we include ",
    "could you add ",
    "can you add ",
    "we should add ",
    "we could add ",
    "you could add ",
    "let's add ",
    "let’s add ",
    "maybe add ",
    "perhaps add ",
    "i'd suggest adding ",
    "i’d suggest adding ",
    "i would suggest adding ",
    "i suggest adding ",
    "i'd recommend adding ",
    "i’d recommend adding ",
    "i would recommend adding ",
    "i recommend adding ",
    "it would be great to see ",
    "it would be nice to see ",
    "it would be good to see ",
    "it would help to add ",
    "it would help to see ",
    "please add ",
    "please include ",
    "would it be possible to add ",
    "is there room for ",
    "i'd love to see ",
    "i’d love to see ",
    "i would love to see ",
    "i'd like to see ",
    "i’d like to see ",
    "i would like to see ",
];

/// What a sentence that opens by asking politely or suggesting asks for ("Consider adding a
/// Java example" → "a Java example"; "It would be great to see production numbers"); `None`
/// for any other opening.
pub(crate) fn polite_request(text: &str) -> Option<&str> {
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    POLITE_OPENINGS.iter().find_map(|opening| {
        text.get(..opening.len())?
            .eq_ignore_ascii_case(opening)
            .then(|| &text[opening.len()..])
    })
}

/// Whether words ask for a kind of block, with a verb of asking, politely, or by saying what
/// must be ("Everything should end with a quiz"), and neither judge, claim nor decline.
pub(crate) fn asks_for_a_kind(text: &str) -> bool {
    let lower = format!(" {}", text.to_lowercase());
    // "should end with a quiz", "must show the p99"; not "whether a quiz would help".
    let obliges = [" should ", " must ", " needs ", " need to "]
        .iter()
        .any(|m| lower.contains(m));
    crate::enhance::kind::intent(text).is_some()
        && (starts_imperative(text) || polite_request(text).is_some() || obliges)
        && !is_remark(text)
        && !is_claim(text)
        && !declines(text)
}

/// Whether a short label ranks the request after it ("Nice to have", "Must have", "Optional",
/// "Bonus", "Stretch goal"): what follows is asked for all the same, and is no judgement of
/// what is there.
pub(crate) fn is_rank_label(label: &str) -> bool {
    let lower = label.trim().trim_matches(['*', '_']).to_lowercase();
    lower.split_whitespace().count() <= 3
        && [
            "nice to have",
            "nice-to-have",
            "must have",
            "must-have",
            "optional",
            "bonus",
            "stretch",
            "stretch goal",
            "stretch goals",
        ]
        .contains(&lower.as_str())
}

/// The words a rank label leads ("Nice to have: a state diagram of the loop" → "a state
/// diagram of the loop"), when `text` opens with one and has words after it: the rank says
/// nothing of what to add.
pub(crate) fn after_rank_label(text: &str) -> Option<&str> {
    match super::split_label(text) {
        (head, tail) if !tail.is_empty() && is_rank_label(head) => Some(tail),
        _ => None,
    }
}

/// Whether words ask for a block outright (`Add a sequence diagram of …`) or politely
/// (`Consider adding a Java example`), in any of their clauses.
pub(crate) fn asks_for_a_block_anyhow(text: &str) -> bool {
    asks_for_a_block(text)
        || text.split([',', '.', ';', '?', '!']).any(|clause| {
            polite_request(clause.trim())
                .is_some_and(|asked| crate::enhance::kind::intent(asked).is_some())
        })
}

/// Whether any clause of the text asks for a block ("no picture yet; add a state diagram of
/// the budget"), plainly or politely.
pub(crate) fn a_clause_asks_for_a_block(text: &str) -> bool {
    // "missing a Python token bucket sample", "needs a sequence diagram of a trip".
    let names_a_gap = |clause: &str| {
        ["missing ", "needs ", "lacks ", "lacking "]
            .iter()
            .any(|gap| crate::text::strip_prefix_ignore_ascii_case(clause, gap).is_some())
            && crate::enhance::kind::intent(clause).is_some()
    };
    asks_for_a_block_anyhow(text)
        || text.split([',', '.', ';', ':']).any(|clause| {
            let clause = clause.trim();
            asks_for_a_block(clause) || names_a_gap(clause)
        })
}

/// Whether the words after a label that assesses ("Status:", "Impact:") ask for a block all
/// the same, with a verb or without ([`a_clause_asks_for_a_block`],
/// [`a_clause_names_a_block`]).
pub(crate) fn asks_after_label(tail: &str) -> bool {
    a_clause_asks_for_a_block(tail) || a_clause_names_a_block(tail)
}

/// Nouns that name a block, as [`text::tokens`] spells them.
pub(crate) const BLOCK_NOUNS: &[&str] = &[
    "block",
    "diagram",
    "flowchart",
    "chart",
    "sample",
    "snippet",
    "section",
    "example",
    "calculator",
    "simulator",
    "quiz",
];

/// Whether the text names a block to add without a verb ("A metrics block with failed
/// checkouts per minute", "p99 latency before and after the change, as a metrics block", "A
/// section on what the post-mortem found"; not "Learners need numbers").
pub(crate) fn a_clause_names_a_block(text: &str) -> bool {
    text::tokens(text)
        .iter()
        .any(|w| BLOCK_NOUNS.contains(&w.as_str()))
}

/// Whether the text starts with a verb that asks for something (`Add a diagram …`).
pub(crate) fn starts_imperative(text: &str) -> bool {
    let first = text
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    IMPERATIVES.contains(&first.as_str())
}

/// Whether a paragraph opens with words that sum up ("In summary, …", "Overall, …"): it
/// restates, it asks for nothing.
pub(crate) fn sums_up(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    [
        "in summary",
        "to summarise",
        "to summarize",
        "in short",
        "overall,",
        "all in all",
        "in conclusion",
        "to conclude",
        "tl;dr",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// Whether words start by declining something ("Don't add a class diagram", "No need for a
/// Go version"): the opposite of a request.
pub(crate) fn declines(text: &str) -> bool {
    let lower = text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
        .replace('’', "'")
        .replace(['*', '_'], "");
    let reminds = [
        "don't forget",
        "do not forget",
        "never forget",
        "don't miss",
        "don't just",
        "do not just",
    ];
    if reminds.iter().any(|p| lower.starts_with(p)) {
        return false;
    }
    // "Don't describe it: add a state diagram" asks after all.
    let asks_later = lower
        .split_once([':', ';', '—'])
        .is_some_and(|(_, after)| asks_for_a_block(after.trim()));
    if asks_later {
        return false;
    }
    [
        "don't ",
        "do not ",
        "dont ",
        "no need",
        "not needed",
        "none needed",
        "none required",
        "not required",
        "nothing needed",
        "never ",
        "there is no need",
        "there's no need",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
        // Asks to take something out: nothing to add, nothing the lint can check; not "Drop
        // in a flowchart", nor "Remove the sketch and replace it with a sequence diagram".
        || (["remove ", "drop ", "delete ", "omit "]
            .iter()
            .any(|p| lower.starts_with(p))
            && !lower.starts_with("drop in")
            && !lower.contains("replace")
            && !lower.contains(" add "))
        // "We decided against a Gantt chart", "a state diagram would be overkill"; not "Add a
        // diagram; the table is unnecessary", which opens with its request.
        || (!starts_imperative(&lower) && !lower.contains(" but ")) && [
            "decided against",
            "decided not to",
            "isn't needed",
            "is not needed",
            "aren't needed",
            "are not needed",
            "isn't required",
            "is not required",
            "overkill",
            "not worth",
            "and dropped",
            "was dropped",
            "were dropped",
            "no longer needed",
            "not necessary",
            "unnecessary",
        ]
        .iter()
        .any(|p| lower.contains(p))
}

/// Whether a request's words, before the episode reference that ends the sentence, aim the
/// request at that episode (`Add a flowchart of the ledger to` episode 3) rather than point at
/// it as a model (`Add a metrics block like the one in` episode 3).
pub(crate) fn aims_at_the_episode(before: &str) -> bool {
    let last = before.split_whitespace().next_back().unwrap_or("");
    AIMING_WORDS.iter().any(|w| last.eq_ignore_ascii_case(w)) && !points_at_a_model(before)
}

/// Words that end a request aimed at the episode named next ("… to episode 3").
pub(crate) const AIMING_WORDS: &[&str] = &["to", "for", "in", "into", "on"];

/// Whether words before an episode reference point at that episode as a model or a place
/// ("like the one in", "matching", "used in", "see"), not as the episode to change.
pub(crate) fn points_at_a_model(before: &str) -> bool {
    before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| {
            [
                "like",
                "as",
                "similar",
                "same",
                "unlike",
                "than",
                "compare",
                "compared",
                "matching",
                "match",
                "used",
                "see",
                "reuse",
                "copy",
                "following",
                "from",
            ]
            .iter()
            .any(|model| w.eq_ignore_ascii_case(model))
        })
}

/// Whether words say what to add: they start with a verb that asks (`Add …`) or name a
/// kind of block or section (`Retry metrics`). Such words are a request, not a title.
pub(crate) fn says_what_to_add(text: &str) -> bool {
    starts_imperative(text) || crate::enhance::kind::intent(text).is_some()
}

/// Whether words start with a verb that asks for a block of a kind the lint checks (`Add a
/// sequence diagram of …`, `Include a Go sample`): a request, wherever it stands.
pub(crate) fn asks_for_a_block(text: &str) -> bool {
    starts_imperative(text) && crate::enhance::kind::intent(text).is_some()
}

/// Whether a sentence asks for something to be added (`should add`, `needs`, `I'd like to see`,
/// `would get a …`).
pub(crate) fn asks_for_something(text: &str) -> bool {
    if declines(text) || only_asks_to_keep(text) {
        return false;
    }
    if starts_imperative(text) || polite_request(text).is_some() {
        return true;
    }
    let lower = text.to_lowercase();
    let modal = [" would ", " should ", " could ", " must ", " will "]
        .iter()
        .any(|m| format!(" {lower}").contains(m));
    if modal && crate::enhance::kind::intent(text).is_some() {
        return true;
    }
    [
        "add ",
        "adding ",
        "should ",
        "needs ",
        "need ",
        "would benefit",
        "like to see",
        "would like",
        "would also like",
        "'d also like",
        "i'd like",
        "also like",
        "would also benefit",
        "also needs",
        "could use",
        "recommend",
        "suggest",
        "is missing",
        "are missing",
        "lacks ",
        "include ",
        "including a",
        "want ",
        "wants ",
        "please ",
        "deserves ",
        "calls for",
        "worth adding",
        "must have",
        "must show",
    ]
    .iter()
    .any(|p| lower.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rank_label_gives_the_words_after_it_and_any_other_label_none() {
        assert_eq!(
            after_rank_label("Nice to have: a state diagram of the loop"),
            Some("a state diagram of the loop")
        );
        assert_eq!(
            after_rank_label("**Bonus**: a Go sample"),
            Some("a Go sample")
        );
        assert_eq!(after_rank_label("Optional:"), None);
        assert_eq!(after_rank_label("Nice to have"), None);
        assert_eq!(after_rank_label("Optional reading: the SRE book"), None);
        assert_eq!(after_rank_label("Status: no picture yet"), None);
    }

    #[test]
    fn remarks_requests_and_labels_after_a_kind_are_told_apart() {
        for remark in [
            "None.",
            "N/A",
            "fine as is",
            "see above",
            "Good coverage; the state diagram is clear.",
            "The Go sample is solid.",
        ] {
            assert!(is_remark(remark), "{remark}");
        }
        for request in [
            "a budget check in Rust",
            "add a flowchart of the probe",
            "the state diagram should show the half-open probe",
        ] {
            assert!(!is_remark(request), "{request}");
        }
        assert!(names_a_thing_to_add("a budget check in Rust"));
        assert!(names_a_thing_to_add("Consider adding a Go sample"));
        assert!(!names_a_thing_to_add("keep it under 40 lines"));
        assert_eq!(
            polite_request("Consider adding a Java example"),
            Some("a Java example")
        );
        assert_eq!(
            polite_request("I’d suggest adding a flowchart"),
            Some("a flowchart")
        );
        assert_eq!(polite_request("Consider the budget"), None);
        assert!(is_request_label("Missing") && is_request_label("To add"));
        assert!(!is_request_label("Missing pieces of the retry path"));
        assert!(is_note_label("Editor's note") && is_note_label("Reviewer comment"));
        assert!(is_note_label("TODO") && is_note_label("FIXME"));
        assert!(!is_note_label("Budget exhaustion walkthrough"));
        assert!(names_a_plural("Diagrams to add") && names_a_plural("Code samples"));
        assert!(!names_a_plural("Diagram") && !names_a_plural("Code sample"));
    }

    #[test]
    fn sections_that_are_not_requirements_have_a_reason() {
        for (text, why) in [
            ("Current Strengths:", "strengths"),
            ("Priorities", "priorities"),
            ("Implementation Phases", "phases"),
            ("Success Metrics", "success metrics"),
            ("Next Steps", "next steps"),
            ("Summary", "summary"),
        ] {
            assert_eq!(skip_reason(text), Some(why), "{text}");
        }
        for (text, why) in [
            ("Current state", "assessment"),
            ("Status:", "assessment"),
            ("Overall assessment", "assessment"),
            ("Key findings", "assessment"),
            ("Expected impact", "assessment"),
            ("Why it matters", "rationale"),
            ("Why this helps:", "rationale"),
            ("Why?", "rationale"),
            ("Rationale", "rationale"),
        ] {
            assert_eq!(assessment_reason(text), Some(why), "{text}");
        }
        for text in [
            "Add Production Metrics Section",
            "Migration Timeline Details",
            "Add Migration Phases",
            "Engineering Culture",
            "Why retries amplify an outage",
            "Current-state architecture diagram",
            "Current state of the art",
            "Status pages",
            "Impact of a retry storm on the inventory tier",
            "Findings from the Globex post-mortem timeline",
            "Why it fails: a sequence diagram of the storm",
            "Why retries?",
            "Why shedding",
            "Latency impact analysis of the retry storm",
            "Load that was not planned for",
            "When the cache won't do",
        ] {
            assert_eq!(skip_reason(text), None, "{text}");
            assert_eq!(assessment_reason(text), None, "{text}");
        }
    }

    #[test]
    fn a_counting_label_gives_way_to_its_request() {
        for (text, request) in [
            (
                "Recommendation 2: Add a sequence diagram",
                "Add a sequence diagram",
            ),
            ("Suggestion 3 — a Go sample", "a Go sample"),
            (
                "Item 4 - a flowchart of the probe",
                "a flowchart of the probe",
            ),
            ("Recommendation: add a quiz", "add a quiz"),
        ] {
            assert_eq!(without_counting_label(text), request, "{text}");
        }
        for text in [
            "Recommendations for the retry path: add a flowchart",
            "Change data capture: add a diagram",
            "Recommendation 2",
            "Add a sequence diagram: one trip",
        ] {
            assert_eq!(without_counting_label(text), text, "{text}");
        }
    }

    #[test]
    fn sections_of_declined_work_are_skipped_and_subjects_are_not() {
        for text in [
            "Won't do",
            "Out of scope",
            "Not doing (this season)",
            "Rejected",
            "Deferred to next season",
            "Dropped ideas",
        ] {
            assert_eq!(skip_reason(text), Some("declines"), "{text}");
        }
        for text in [
            "Deferred payments",
            "Dropped connections diagram",
            "Rejected requests per second",
        ] {
            assert_eq!(skip_reason(text), None, "{text}");
        }
    }

    #[test]
    fn claims_containers_and_requests_are_told_apart() {
        assert!(is_claim("Already Includes:"));
        assert!(is_claim("Episode 3 already covers two diagrams."));
        assert_eq!(
            claimed_part("Episode 3 already covers two diagrams."),
            "two diagrams."
        );
        assert_eq!(
            claimed_part("A state diagram is already included (the shedder's modes)."),
            "A state diagram (the shedder's modes)."
        );
        assert_eq!(claimed_part("Code sample already present"), "Code sample");
        assert_eq!(
            claimed_part("The sequence diagram already covers the happy path."),
            "The sequence diagram the happy path."
        );
        assert!(a_clause_asks_for_a_block(
            "no picture yet; add a state diagram of the budget"
        ));
        assert!(a_clause_asks_for_a_block(
            "missing a Python token bucket sample"
        ));
        assert!(!a_clause_asks_for_a_block("learners cannot size a budget"));
        assert!(is_container("Recommended Enhancements:"));
        assert!(is_container("What to add"));
        assert!(!is_container("Add a sequence diagram of checkout"));
        assert!(names_a_block("A Go code sample of a consistent-hash ring."));
        assert!(names_a_block("**Two** sequence diagrams of a failover"));
        assert!(!names_a_block("The diagrams are clear."));
        assert!(!names_a_block("A great read overall."));
        assert!(asks_for_something(
            "I'd like to see a sequence diagram here"
        ));
        assert!(!asks_for_something("The cold open is excellent."));
        for declined in [
            "Don't add a class diagram: it would repeat the code.",
            "No need for a Go version of the breaker.",
            "**Do not** include a metrics block here.",
        ] {
            assert!(declines(declined), "{declined}");
            assert!(!asks_for_something(declined), "{declined}");
        }
        assert!(!declines("Don't forget to add a metrics block."));
        for asks in [
            "Don't just describe it: add a state diagram",
            "Skip list: add a diagram of the levels",
            "Avoid thundering herds: add a sequence diagram of jittered retries",
        ] {
            assert!(!declines(asks), "{asks}");
        }
        assert!(asks_for_a_block("Add a sequence diagram of the trip"));
        assert!(!asks_for_a_block("Add more warmth to the intro"));
    }
}
