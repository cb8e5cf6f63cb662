//! Episode references as authors and editors write them: `Episode 13`, `Ep 13`, `Ep. 13`, `#13`,
//! `Episodes 19-21`, `19–21`, `19 to 21`, `13, 14 and 16`, a series qualifier in parentheses
//! (`(Pattern Mastery Series)`) or after "of"/"in" (`episode 19 of Architecture Deep Dives`),
//! followed by the rest of the text (a title, or what to add).
//!
//! [`parse`] reads a reference at the start of a heading, list item or table cell (after any
//! leading emoji, punctuation or section number such as `2.3`), where `Ep13` and `Ep.13` are
//! references too; [`find`] finds the references anywhere in running prose, where a bare
//! `#13` or `EP13` is not taken (it is too often something else). Matching is ASCII
//! case-insensitive on the original text, so no offset is ever computed on a changed copy.
//! Episode titles (`# Episode 13: Title`) and recommendation documents both read references
//! here.

use std::ops::Range;

/// A parsed reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference {
    /// The numbers named (ranges expanded, at most [`MAX_RANGE`] of them).
    pub(crate) numbers: Vec<u32>,
    /// The series named with the numbers (`(Pattern Mastery)`, `of Pattern Mastery`), if any.
    pub(crate) qualifier: Option<String>,
    /// The text after the reference, separators removed; a trailing parenthesis such as
    /// "(Already Enhanced)" is removed too.
    pub(crate) rest: String,
    /// The text before the reference (in [`parse`], leading symbols excluded).
    pub(crate) before: String,
    /// Byte range of the reference (keyword, numbers and qualifier) in the text.
    pub(crate) span: Range<usize>,
    /// `Episodes …`, a range or a list: a group rather than one episode.
    pub(crate) plural: bool,
    /// Everything after the reference, separators removed, parenthesis kept (an episode's
    /// own title: `Caching (Part 2)`).
    pub(crate) tail: String,
    /// Episodes named by their title (indices into `course.episodes`), for references found
    /// by title rather than by number.
    pub(crate) episodes: Vec<usize>,
}

impl Reference {
    /// Makes the first `len` bytes of the tail, a series name, the qualifier `series`
    /// (`Ep 2, Case Studies: …`); the rest and the tail become what follows it.
    pub(crate) fn qualify_from_tail(&mut self, series: String, len: usize) {
        let tail = separators_trimmed(self.tail.get(len..).unwrap_or("")).to_owned();
        self.rest = strip_trailing_parenthesis(&tail).to_owned();
        self.tail = tail;
        self.qualifier = Some(series);
    }
}

/// The longest range expanded (guards against `Episodes 1-4000000000`).
pub(crate) const MAX_RANGE: u32 = 1000;

/// Words that introduce episode numbers, longest first (so `episodes` wins over `episode`).
const KEYWORDS: &[&str] = &["episodes", "episode", "eps.", "eps", "ep.", "ep"];

/// A reference at the start of `text` (after leading symbols such as emoji, `#`, `*`, `-`,
/// or a numbering like `1.`); `None` when the text does not start with one.
pub(crate) fn parse(text: &str) -> Option<Reference> {
    let start = text
        .char_indices()
        .find(|&(_, c)| c.is_alphanumeric() || c == '#')
        .map_or(text.len(), |(i, _)| i);
    // A numbering such as `3.` or `3)` before the reference is not part of it, nor is a tag
    // such as `[P1]` or `(High)`.
    let start = skip_numbering(text, start);
    let start = skip_tag(text, start);
    let at = reference_at(text, start, true).or_else(|| short_form_at(text, start))?;
    Some(Reference {
        before: String::new(),
        ..at
    })
}

/// Every reference in running text, in order (bare `#13` excluded).
pub(crate) fn find(text: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    let mut from = 0;
    while from < text.len() {
        let Some(start) = next_word_start(text, from) else {
            break;
        };
        match reference_at(text, start, false) {
            Some(mut reference) => {
                reference.before = text[..start].trim().to_owned();
                from = reference.span.end.max(start + 1);
                out.push(reference);
            }
            None => from = next_boundary(text, start),
        }
    }
    out
}

/// The first byte of the next word at or after `from`.
fn next_word_start(text: &str, from: usize) -> Option<usize> {
    let mut previous_alphanumeric = from > 0
        && text[..from]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    for (i, c) in text[from..].char_indices() {
        if c.is_alphanumeric() && !previous_alphanumeric {
            return Some(from + i);
        }
        previous_alphanumeric = c.is_alphanumeric();
    }
    None
}

/// The byte after the word that starts at `start`.
fn next_boundary(text: &str, start: usize) -> usize {
    text[start..]
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(i, _)| start + i)
}

fn skip_numbering(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return start;
    }
    // A section number (`2.3 `, `1.2.3. `) counts as a numbering too.
    let dotted = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    let section = &rest[dotted..];
    if dotted > digits
        && rest[..dotted].contains(|c: char| c.is_ascii_digit())
        && section.starts_with(' ')
    {
        let skipped = start + dotted + 1;
        return text[skipped..]
            .char_indices()
            .find(|&(_, c)| c.is_alphanumeric() || c == '#')
            .map_or(text.len(), |(i, _)| skipped + i);
    }
    let after = &rest[digits..];
    if (after.starts_with(". ") || after.starts_with(") "))
        && reference_at(text, start, true).is_none()
    {
        let skipped = start + digits + 2;
        return text[skipped..]
            .char_indices()
            .find(|&(_, c)| c.is_alphanumeric() || c == '#')
            .map_or(text.len(), |(i, _)| skipped + i);
    }
    start
}

/// Longest tag skipped before a reference at the start of a text (`[P1]`, `(High)`,
/// `[Priority 2]`).
const MAX_TAG: usize = 16;

/// Where the reference may start after a bracketed tag that opens the text (`[P1] Episode 3:
/// …`, `(High) Ep 2 — …`); `start` itself when no such tag is there, or the tag is itself a
/// reference (`(Ep 3)`).
fn skip_tag(text: &str, start: usize) -> usize {
    let Some(open) = text[..start].chars().next_back() else {
        return start;
    };
    let close = match open {
        '[' => ']',
        '(' => ')',
        _ => return start,
    };
    let Some(len) = text[start..].find(close).filter(|&len| len <= MAX_TAG) else {
        return start;
    };
    let tag = &text[start..start + len];
    if tag.contains(['[', '(', '\n']) || parse_here(tag).is_some() {
        return start;
    }
    let after = start + len + close.len_utf8();
    let next = text[after..]
        .char_indices()
        .find(|&(_, c)| c.is_alphanumeric() || c == '#')
        .map_or(text.len(), |(i, _)| after + i);
    // Only whitespace or separators may lie between the tag and the reference.
    if text[after..next]
        .chars()
        .all(|c| c.is_whitespace() || ":-–—·|*_".contains(c))
    {
        next
    } else {
        start
    }
}

/// `text` without a bracketed tag that opens it (`[P3] All episodes: …` → `All episodes: …`).
pub(crate) fn without_tag(text: &str) -> &str {
    let start = text
        .char_indices()
        .find(|&(_, c)| c.is_alphanumeric() || c == '#')
        .map_or(text.len(), |(i, _)| i);
    match skip_tag(text, start) {
        after if after == start => text,
        after => &text[after..],
    }
}

/// A reference at the very start of `text`, in either form [`parse`] reads there.
fn parse_here(text: &str) -> Option<Reference> {
    reference_at(text, 0, true).or_else(|| short_form_at(text, 0))
}

/// The short form review tables and lists use, `E2` or `E02`, at the start of a heading, list
/// item or cell only, and only when a separator or the end follows it (`E2: add …`, `E01 —
/// Queueing`): `E2E tests` and `E2 instances` are not references.
fn short_form_at(text: &str, start: usize) -> Option<Reference> {
    let rest = &text[start..];
    if !rest.starts_with(['E', 'e']) {
        return None;
    }
    let (number, end) = number_at(text, start + 1)?;
    if end == start + 1 {
        return None;
    }
    let after = skip_spaces(text, end);
    let follows_separator = after == text.len()
        || text[after..].starts_with([':', '-', '–', '—', '|', ')', ',', '·', '(']);
    if !follows_separator {
        return None;
    }
    let rest = separators_trimmed(&text[end..]);
    Some(Reference {
        tail: rest.to_owned(),
        plural: false,
        numbers: vec![number],
        qualifier: None,
        rest: strip_trailing_parenthesis(rest).to_owned(),
        before: String::new(),
        span: start..end,
        episodes: Vec::new(),
    })
}

/// A reference starting exactly at `start`; `hash` allows the bare `#13` form.
fn reference_at(text: &str, start: usize, hash: bool) -> Option<Reference> {
    let rest = &text[start..];
    let (keyword_len, plural_word) = if hash && rest.starts_with('#') {
        (1, false)
    } else {
        let keyword = KEYWORDS.iter().find(|k| starts_with_ignore_case(rest, k))?;
        let after = &rest[keyword.len()..];
        // `Episodes` must end the word (`Episodic` is not a reference). At the start of a
        // heading, item or cell a number may follow at once (`Ep2`, `Ep.3`); in running
        // prose such a word is more often a code of some other kind.
        let joined = if hash {
            after.chars().next().is_some_and(char::is_alphabetic)
        } else {
            after.chars().next().is_some_and(char::is_alphanumeric)
        };
        if joined {
            return None;
        }
        (
            keyword.len(),
            keyword.starts_with("episodes") || *keyword == "eps" || *keyword == "eps.",
        )
    };
    let mut at = start + keyword_len;
    at = skip_spaces(text, at);
    // `Episode #13`, `Episode No. 13`.
    if text[at..].starts_with('#') {
        at = skip_spaces(text, at + 1);
    } else if starts_with_ignore_case(&text[at..], "no.") {
        at = skip_spaces(text, at + 3);
    }
    let (numbers, numbers_end, several) = numbers_at(text, at)?;
    let mut end = numbers_end;
    let mut qualifier = None;
    let after = skip_spaces(text, end);
    if let Some((q, q_end)) = parenthesised(text, after).or_else(|| of_series(text, after)) {
        qualifier = Some(q);
        end = q_end;
    }
    let rest = separators_trimmed(&text[end..]);
    Some(Reference {
        tail: rest.to_owned(),
        plural: plural_word || several,
        numbers,
        qualifier,
        rest: strip_trailing_parenthesis(rest).to_owned(),
        before: String::new(),
        span: start..end,
        episodes: Vec::new(),
    })
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    crate::text::strip_prefix_ignore_ascii_case(text, prefix).is_some()
}

/// Skips spaces, including no-break spaces.
fn skip_spaces(text: &str, at: usize) -> usize {
    text[at..]
        .char_indices()
        .find(|&(_, c)| !(c.is_whitespace() || c == '\u{a0}'))
        .map_or(text.len(), |(i, _)| at + i)
}

/// `13`, `13-16`, `19 – 21`, `19 to 21`, `13, 14 and 16`, `13 & 14`: the numbers, where they
/// end, and whether there are several.
fn numbers_at(text: &str, at: usize) -> Option<(Vec<u32>, usize, bool)> {
    let mut numbers = Vec::new();
    let (first, mut end) = number_at(text, at)?;
    let mut last = first;
    let mut pending_range = false;
    numbers.push(first);
    loop {
        let gap = skip_spaces(text, end);
        let rest = &text[gap..];
        let (joiner, len) = joiner(rest);
        let Some(joiner) = joiner else { break };
        let next_at = skip_spaces(text, gap + len);
        // `Episode 2 and Episode 3`, `Ep 4, Ep 5`: the word may come again before a number.
        let next_at = keyword_again(text, next_at).unwrap_or(next_at);
        let Some((n, n_end)) = number_at(text, next_at) else {
            // `Episodes 1-4000000000` is not a reference; `Episode 3 - Caching` is one.
            if joiner == Joiner::Range && text[next_at..].starts_with(|c: char| c.is_ascii_digit())
            {
                return None;
            }
            break;
        };
        if joiner == Joiner::Range {
            if n < last || n - last >= MAX_RANGE || pending_range {
                return None;
            }
            numbers.extend(last + 1..=n);
            pending_range = true;
        } else {
            numbers.push(n);
            pending_range = false;
        }
        last = n;
        end = n_end;
    }
    let several = numbers.len() > 1;
    numbers.dedup();
    Some((numbers, end, several))
}

/// Where the number starts when an episode keyword at `at` repeats before it (`and
/// Episode 3`); `None` when no keyword followed by a number is there.
fn keyword_again(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let keyword = KEYWORDS.iter().find(|k| starts_with_ignore_case(rest, k))?;
    let number = skip_spaces(text, at + keyword.len());
    (number > at + keyword.len() || keyword.ends_with('.'))
        .then_some(number)
        .filter(|&number| number_at(text, number).is_some())
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Joiner {
    Range,
    List,
}

fn joiner(rest: &str) -> (Option<Joiner>, usize) {
    for (word, kind) in [
        ("-", Joiner::Range),
        ("–", Joiner::Range),
        ("—", Joiner::Range),
        ("to ", Joiner::Range),
        ("through ", Joiner::Range),
        (",", Joiner::List),
        ("&", Joiner::List),
        ("and ", Joiner::List),
    ] {
        if starts_with_ignore_case(rest, word) {
            return (Some(kind), word.len());
        }
    }
    (None, 0)
}

/// A number of up to six digits that is not part of a longer token (`13ms` is not one).
fn number_at(text: &str, at: usize) -> Option<(u32, usize)> {
    let digits = text[at..].bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 6 {
        return None;
    }
    let end = at + digits;
    if text[end..].chars().next().is_some_and(|c| {
        c.is_alphabetic() || c == '.' && text[end + 1..].starts_with(|d: char| d.is_ascii_digit())
    }) {
        return None;
    }
    Some((text[at..end].parse().ok()?, end))
}

/// `(Pattern Mastery Series)` at `at`: its text and the byte after it.
fn parenthesised(text: &str, at: usize) -> Option<(String, usize)> {
    let inner = text[at..].strip_prefix('(')?;
    let close = inner.find(')')?;
    let q = inner[..close].trim();
    let looks_like_series = !q.is_empty()
        && q.chars().next().is_some_and(char::is_alphabetic)
        && !q.eq_ignore_ascii_case("already enhanced");
    looks_like_series.then(|| (q.to_owned(), at + 1 + close + 1))
}

/// `of Architecture Deep Dives`, `of the Pattern Mastery series`, `in Pattern Mastery`: the
/// series name up to a separator, and where it ends.
fn of_series(text: &str, at: usize) -> Option<(String, usize)> {
    let rest = &text[at..];
    let len = ["of the ", "in the ", "of ", "in "]
        .iter()
        .find(|p| starts_with_ignore_case(rest, p))?
        .len();
    let name_start = at + len;
    let name_len = text[name_start..]
        .find(|c: char| ":;,()|·—–\n".contains(c) || c == '.' || c == '-')
        .unwrap_or(text.len() - name_start);
    let mut name = text[name_start..name_start + name_len].trim_end();
    // A series name is capitalised: "of Case Studies", not "of the checkout flow".
    if !name.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    // Stop at the first lowercase word that is not a short joining word ("of Case Studies
    // should add" → "Case Studies").
    let mut end = 0;
    for (i, word) in word_offsets(name) {
        let first = word.chars().next().unwrap_or(' ');
        let joining = matches!(word, "of" | "and" | "the" | "in" | "&" | "for");
        if first.is_uppercase() || first.is_ascii_digit() || (joining && i > 0) {
            if !joining {
                end = i + word.len();
            }
        } else {
            break;
        }
    }
    name = name[..end].trim_end();
    let name = name
        .strip_suffix(" series")
        .or_else(|| name.strip_suffix(" Series"))
        .map_or(name, str::trim_end);
    (!name.is_empty()).then(|| (name.to_owned(), name_start + end))
}

/// What is wrong with the first episode range in `text` that is no reference because it
/// runs backwards (`Episodes 3-1`) or spans more than [`MAX_RANGE`] episodes: the range as
/// written and why; `None` when every range reads.
pub(crate) fn unreadable_range(text: &str) -> Option<(String, &'static str)> {
    word_offsets(text).find_map(|(_, word)| {
        let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
        // The word is a slice of `text`: its offset is where it starts.
        let start = word.as_ptr() as usize - text.as_ptr() as usize;
        let keyword = KEYWORDS.iter().find(|k| {
            word.get(..k.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(k))
                && !word[k.len()..].starts_with(char::is_alphabetic)
        })?;
        let mut end = skip_spaces(text, start + keyword.len());
        let (first, first_end) = number_at(text, end)?;
        end = skip_spaces(text, first_end);
        let (Some(Joiner::Range), len) = joiner(&text[end..]) else {
            return None;
        };
        let (last, last_end) = number_at(text, skip_spaces(text, end + len))?;
        let why = if last < first {
            "the range runs backwards"
        } else if last - first >= MAX_RANGE {
            "the range spans more episodes than a course holds"
        } else {
            return None;
        };
        Some((text[start..last_end].to_owned(), why))
    })
}

fn word_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(' ').scan(0, |offset, word| {
        let at = *offset;
        *offset += word.len() + 1;
        Some((at, word))
    })
}

fn separators_trimmed(text: &str) -> &str {
    text.trim_start_matches(|c: char| {
        c.is_whitespace() || ":-–—·|.,>*".contains(c) || c == '\u{a0}'
    })
    .trim_end()
}

fn strip_trailing_parenthesis(text: &str) -> &str {
    match (text.ends_with(')'), text.rfind('(')) {
        (true, Some(open)) if open > 0 => text[..open].trim_end(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<u32> {
        parse(text).map(|r| r.numbers).unwrap_or_default()
    }

    #[test]
    fn groups_sections_and_qualified_references_parse() {
        let g = parse("Episodes 13-16 (Pattern Mastery Series)").unwrap();
        assert_eq!(
            (g.numbers, g.qualifier.as_deref(), g.plural),
            (vec![13, 14, 15, 16], Some("Pattern Mastery Series"), true)
        );
        let s = parse("Episode 14: Event-Driven Architecture Mastery (Already Enhanced)").unwrap();
        assert_eq!(
            (s.numbers, s.rest.as_str(), s.plural),
            (vec![14], "Event-Driven Architecture Mastery", false)
        );
        let d = parse("Episode 1 (Systems in Production): Tune cache size").unwrap();
        assert_eq!(
            (d.qualifier.as_deref(), d.rest.as_str()),
            (Some("Systems in Production"), "Tune cache size")
        );
    }

    #[test]
    fn every_common_phrasing_is_a_reference() {
        assert_eq!(numbers("Ep 13: Gold"), [13]);
        assert_eq!(numbers("Ep. 13 — Gold"), [13]);
        assert_eq!(numbers("EP13"), [13]);
        assert_eq!(numbers("Ep.3: add a simulator"), [3]);
        assert_eq!(numbers("Epic 3"), Vec::<u32>::new());
        assert_eq!(numbers("#13 Gold"), [13]);
        assert_eq!(numbers("🎯 Episode #7"), [7]);
        assert_eq!(numbers("Episode No. 7"), [7]);
        assert_eq!(numbers("Episodes 19–21"), [19, 20, 21]);
        assert_eq!(numbers("Episodes 19 to 21"), [19, 20, 21]);
        assert_eq!(numbers("Episodes 13, 14 and 16"), [13, 14, 16]);
        assert_eq!(numbers("3. Episode 4: x"), [4]);
        assert_eq!(numbers("2.3 Episode 3"), [3]);
        assert_eq!(numbers("1.2.3. Ep 5: x"), [5]);
        assert_eq!(numbers("2.3 Load shedding"), Vec::<u32>::new());
        let of = parse("episode 19 of Architecture Deep Dives: add a sandbox").unwrap();
        assert_eq!(
            (of.numbers, of.qualifier.as_deref(), of.rest.as_str()),
            (vec![19], Some("Architecture Deep Dives"), "add a sandbox")
        );
        let series = parse("Ep 2 of the Case Studies series — metrics").unwrap();
        assert_eq!(series.qualifier.as_deref(), Some("Case Studies"));
    }

    #[test]
    fn a_tag_before_a_reference_is_skipped() {
        let tagged = parse("[P1] Episodes 1 & 3 — add a metrics section").unwrap();
        assert_eq!(
            (tagged.numbers, tagged.rest.as_str()),
            (vec![1, 3], "add a metrics section")
        );
        assert_eq!(numbers("**[High]** Ep 2: add a quiz"), [2]);
        assert_eq!(numbers("(P2) Episode 4 - x"), [4]);
        // A tag that is itself a reference is the reference.
        assert_eq!(numbers("(Ep 3) add a quiz"), [3]);
        // A bracket that is no short tag, or words between it and the reference, are not
        // skipped.
        assert_eq!(
            numbers("[a very long priority tag] Episode 4"),
            Vec::<u32>::new()
        );
        assert_eq!(numbers("[P1] see Episode 4"), Vec::<u32>::new());
        assert_eq!(without_tag("[P3] All episodes: x"), "All episodes: x");
        assert_eq!(without_tag("All episodes: x"), "All episodes: x");
    }

    #[test]
    fn the_short_form_is_read_only_where_a_separator_follows() {
        assert_eq!(numbers("E2: include a state diagram"), [2]);
        assert_eq!(numbers("E01 — Queueing in Practice"), [1]);
        assert_eq!(numbers("E12"), [12]);
        assert_eq!(numbers("[P2] E2: add a quiz"), [2]);
        for not_one in [
            "E2E tests for the checkout",
            "E2 instances are cheaper",
            "Edge caching",
            "E.g. a flowchart",
            "E 2: x",
        ] {
            assert_eq!(numbers(not_one), Vec::<u32>::new(), "{not_one}");
        }
        // Running prose never reads it.
        assert!(find("Use E2: the cheaper machines").is_empty());
    }

    #[test]
    fn the_keyword_may_repeat_in_a_list_of_episodes() {
        let both = parse("Episode 2 and Episode 3: a TypeScript example").unwrap();
        assert_eq!(
            (both.numbers, both.plural, both.rest.as_str()),
            (vec![2, 3], true, "a TypeScript example")
        );
        assert_eq!(numbers("Ep 4, Ep 5 and Ep. 7: quizzes"), [4, 5, 7]);
        assert_eq!(numbers("Episodes 2 to Episode 5"), [2, 3, 4, 5]);
        let prose = find("Episode 2 and episodes of other courses");
        assert_eq!(prose.len(), 1);
        assert_eq!(prose[0].numbers, [2]);
    }

    #[test]
    fn references_are_found_in_running_prose() {
        assert!(find("the EP13 connector").is_empty());
        let found = find(
            "For Ep. 2 of Case Studies, add a diagram; episodes 19–21 need a sandbox, and #1 is fine.",
        );
        let got: Vec<_> = found
            .iter()
            .map(|r| (r.numbers.clone(), r.qualifier.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (vec![2], Some("Case Studies".to_owned())),
                (vec![19, 20, 21], None)
            ]
        );
        assert!(find("The episode was great; 13ms latency.").is_empty());
    }

    #[test]
    fn regression_huge_or_reversed_ranges_are_not_expanded() {
        assert!(parse("Episodes 1-4000000000: x").is_none());
        assert!(parse("Episodes 9-3: x").is_none());
        assert!(parse("Episodes of the week").is_none());
        assert!(parse("Episodic memory").is_none());
    }

    #[test]
    fn a_range_that_is_no_reference_is_named_with_why() {
        assert_eq!(
            unreadable_range("- Episodes 3-1 (Case Studies): add a Rust sample"),
            Some(("Episodes 3-1".to_owned(), "the range runs backwards"))
        );
        assert!(unreadable_range("Ep 1 to 4000").is_some());
        for fine in [
            "Episodes 1-3: add",
            "Episode 3 - Caching",
            "3-1 odds",
            "Epic 9-3",
        ] {
            assert_eq!(unreadable_range(fine), None, "{fine}");
        }
    }

    #[test]
    fn regression_unicode_around_references_never_panics() {
        for text in [
            "Episode\u{a0}4: Caching Ω",
            "ΩEpisode 4",
            "Ep\u{a0}",
            "Ep. ",
            "#",
            "Episode 4 (",
            "Episode 4 of ",
            "İstanbul episode 3 of Ünïcode Series",
            "episodes 1 – 2 – 3",
        ] {
            let _ = parse(text);
            let _ = find(text);
        }
        assert_eq!(numbers("Episode\u{a0}4: Caching Ω"), [4]);
        assert_eq!(
            parse("Episode\u{a0}4: Caching Ω").unwrap().rest,
            "Caching Ω"
        );
    }
}
