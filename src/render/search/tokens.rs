//! Splitting text into search terms, the same way the site's search script splits a query.
//!
//! Words are found by the Unicode word-boundary rules (UAX #29, `unicode-segmentation`; the
//! browser's `Intl.Segmenter` implements the same rules), lowercased, and split again at any
//! character that is neither a letter nor a digit, so `asyncio.gather` and `snake_case` are
//! found by either part. Terms shorter than [`MIN_TERM_CHARS`] or longer than
//! [`MAX_TERM_CHARS`] are not indexed: the first match nearly everything, the second are
//! hashes and base64, never typed.

use unicode_segmentation::UnicodeSegmentation as _;

/// Shortest term indexed, in characters.
pub(crate) const MIN_TERM_CHARS: usize = 2;
/// Longest term indexed, in characters.
pub(crate) const MAX_TERM_CHARS: usize = 40;

/// Calls `each` with every term of `text`, in order.
///
/// Text is read a whitespace-separated run at a time. A run of ASCII is split at every byte
/// that is not a letter or digit: on ASCII, the word rules never break inside such a span and
/// the second split cuts at every other byte, so this gives the terms of the Unicode path
/// without its tables or an allocation a word. Other runs take the Unicode path; whitespace
/// always ends a word, so a run read alone splits as it does in place.
///
/// Runs are found on bytes: ASCII whitespace never occurs inside a multi-byte character, so
/// every cut falls on a character boundary.
pub(crate) fn for_each_term<'t>(text: &'t str, mut each: impl FnMut(Term<'t, '_>)) {
    let mut lower = String::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        if bytes[start].is_ascii_whitespace() {
            start += 1;
            continue;
        }
        let mut end = start;
        let mut ascii = true;
        loop {
            end = skip_plain_ascii(bytes, end);
            match bytes.get(end) {
                Some(&byte) if !byte.is_ascii_whitespace() => {
                    ascii &= byte.is_ascii();
                    end += 1;
                }
                _ => break,
            }
        }
        let run = &text[start..end];
        if ascii {
            ascii_terms(run, &mut lower, &mut each);
        } else {
            unicode_terms(run, &mut each);
        }
        start = end;
    }
}

/// Whether any of the eight bytes of `word` is below `0x21` (space and the control
/// characters, among them all ASCII whitespace) or above `0x7f` (a byte of a non-ASCII
/// character, the start of any other whitespace): a test of eight bytes at once, for scans
/// that skip ordinary text.
fn has_space_or_non_ascii(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte below 0x21 borrows into its high bit when 0x21 is taken from it; `!word` keeps
    // only borrows from bytes that were below 0x80, and `| word` adds the bytes from 0x80.
    // A borrow can spill into the next byte only from a byte that is itself found.
    ((word.wrapping_sub(ONES * 0x21) & !word) | word) & HIGH != 0
}

/// The first offset from `at`, stepping eight bytes at a time, whose eight bytes are not all
/// plain ASCII (see [`has_space_or_non_ascii`]), or where fewer than eight are left: the bytes
/// skipped hold no whitespace and no part of a non-ASCII character.
pub(super) fn skip_plain_ascii(bytes: &[u8], mut at: usize) -> usize {
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        if has_space_or_non_ascii(word) {
            break;
        }
        at += 8;
    }
    at
}

/// A term as [`for_each_term`] finds it: a slice of the text itself, or lowercased into a
/// buffer that lasts only for the call (a term to keep is copied only when it is new).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Term<'t, 'b> {
    /// Already lower case in the text.
    InText(&'t str),
    /// Lowercased.
    Lowered(&'b str),
}

impl Term<'_, '_> {
    /// The term's text.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Term::InText(term) | Term::Lowered(term) => term,
        }
    }
}

/// The terms of an ASCII `run`, lowercased in `lower` only when they have capitals: one pass
/// over its bytes.
fn ascii_terms<'t>(run: &'t str, lower: &mut String, each: &mut impl FnMut(Term<'t, '_>)) {
    let bytes = run.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let mut end = start;
        let mut capitals = false;
        while let Some(&byte) = bytes.get(end).filter(|b| b.is_ascii_alphanumeric()) {
            capitals |= byte.is_ascii_uppercase();
            end += 1;
        }
        if (MIN_TERM_CHARS..=MAX_TERM_CHARS).contains(&(end - start)) {
            let part = &run[start..end];
            if capitals {
                lower.clear();
                lower.push_str(part);
                lower.make_ascii_lowercase();
                each(Term::Lowered(lower));
            } else {
                each(Term::InText(part));
            }
        }
        start = end + 1;
    }
}

/// The terms of `text` by the Unicode word rules: the reference the ASCII path agrees with.
fn unicode_terms<'t>(text: &'t str, each: &mut impl FnMut(Term<'t, '_>)) {
    for word in text.unicode_words() {
        let lower = word.to_lowercase();
        for part in lower.split(|c: char| !c.is_alphanumeric()) {
            let chars = part.chars().count();
            if (MIN_TERM_CHARS..=MAX_TERM_CHARS).contains(&chars) {
                each(Term::Lowered(part));
            }
        }
    }
}

/// The shard a term belongs to: its first two characters.
pub(crate) fn shard_key(term: &str) -> &str {
    let end = term.char_indices().nth(2).map_or(term.len(), |(i, _)| i);
    &term[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_term(text, |t| out.push(t.as_str().to_owned()));
        out
    }

    #[test]
    fn words_are_lowercased_and_split_at_punctuation_inside_them() {
        assert_eq!(
            terms("Call asyncio.gather() on snake_case p99 Ω-Größe, e.g. x"),
            [
                "call", "asyncio", "gather", "on", "snake", "case", "p99", "größe"
            ]
        );
    }

    #[test]
    fn reading_by_runs_gives_the_terms_of_the_unicode_rules_on_the_whole_text() {
        let texts = [
            "Call asyncio.gather() on snake_case p99 Ω-Größe, e.g. x",
            "don't 3.14 1,000,000 v2.0-rc1 http://example.org/a_b?c=D#E",
            "Latency\tdropped\nfrom 120ms\r\nto 40ms — a 3× gain (p99.9)",
            "日本語のテキスト and English, ÉCOLE «quoted» x\u{301}y  a\u{301}",
            "CamelCaseName MAX_RETRIES __init__ 0xFF 1e-9 a.b.c --flag=VALUE",
            "emoji 👍🏽 ZWJ 👩\u{200d}💻 tab\u{b}vertical form\u{c}feed",
        ];
        for text in texts {
            let mut reference = Vec::new();
            unicode_terms(text, &mut |t| reference.push(t.as_str().to_owned()));
            assert_eq!(terms(text), reference, "{text}");
        }
    }

    proptest::proptest! {
        /// The byte-level reading agrees with the definition on any text: the Unicode word
        /// rules applied to each run between ASCII whitespace.
        #[test]
        fn terms_are_those_of_the_unicode_rules_on_each_run(
            text in "([a-zA-Z0-9]{0,45}|[a-zA-Z0-9._-]{8,50}|[ \\t\\n\\r\\x0B\\x0C]|[-_.,:'/]|é|Ω|\u{301}|日本|👍🏽|\u{a0}){0,40}"
        ) {
            let mut reference = Vec::new();
            for run in text.split(|c: char| c.is_ascii_whitespace()) {
                unicode_terms(run, &mut |t| reference.push(t.as_str().to_owned()));
            }
            proptest::prop_assert_eq!(terms(&text), reference);
        }
    }

    #[test]
    fn eight_bytes_are_flagged_exactly_when_one_is_a_space_control_or_non_ascii() {
        for byte in 0..=255u8 {
            for place in 0..8 {
                let mut bytes = *b"abcdefgh";
                bytes[place] = byte;
                let expected = !(0x21..=0x7f).contains(&byte);
                assert_eq!(
                    has_space_or_non_ascii(u64::from_le_bytes(bytes)),
                    expected,
                    "{byte:#x} at {place}"
                );
            }
        }
    }

    #[test]
    fn only_terms_with_capitals_or_outside_ascii_are_lowered_into_a_copy() {
        let text = "Hello world Größe";
        let mut found = Vec::new();
        for_each_term(text, |t| {
            found.push(match t {
                Term::InText(term) => ("in text", term.to_owned()),
                Term::Lowered(term) => ("lowered", term.to_owned()),
            });
        });
        let found: Vec<(&str, &str)> = found.iter().map(|(k, t)| (*k, t.as_str())).collect();
        assert_eq!(
            found,
            [
                ("lowered", "hello"),
                ("in text", "world"),
                ("lowered", "größe")
            ]
        );
    }

    #[test]
    fn very_long_tokens_are_not_indexed() {
        let long = "a".repeat(MAX_TERM_CHARS + 1);
        assert_eq!(terms(&format!("keep {long} this")), ["keep", "this"]);
    }

    #[test]
    fn shard_keys_are_two_characters_without_splitting_one() {
        assert_eq!(shard_key("cache"), "ca");
        assert_eq!(shard_key("größe"), "gr");
        assert_eq!(shard_key("ωμ"), "ωμ");
        assert_eq!(shard_key("日本語"), "日本");
    }
}
