//! Small text helpers that are safe on any Unicode input.
//!
//! Matching "case-insensitively" by lowercasing a copy and then slicing the original at an offset
//! found in the copy is wrong: lowercasing can change a character's length in bytes (the Ohm
//! sign `Ω`, three bytes, lowercases to `ω`, two), so the offset lands elsewhere or inside a
//! character. These helpers compare on the original text and only ever slice it at character
//! boundaries.

/// `text` without `prefix`, compared ASCII-case-insensitively: `("Episode 4", "episode")` gives
/// `" 4"`. `None` when `text` does not start with `prefix`.
pub(crate) fn strip_prefix_ignore_ascii_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// `1 error`, `2 errors`: a count and a word with an `s` unless the count is one.
pub(crate) fn plural(count: usize, word: &str) -> String {
    format!("{count} {}", plural_word(count, word))
}

/// `error`, `errors`: the word alone, with an `s` unless the count is one (for a count
/// written another way, such as `20,000`).
pub(crate) fn plural_word(count: usize, word: &str) -> String {
    format!("{word}{}", if count == 1 { "" } else { "s" })
}

/// The first `at_most` items joined by `separator`, then " and N more" for the rest: a
/// message stays readable however many things it could name.
pub(crate) fn list_at_most<S: AsRef<str>>(items: &[S], at_most: usize, separator: &str) -> String {
    let shown: Vec<&str> = items.iter().take(at_most).map(AsRef::as_ref).collect();
    let mut out = shown.join(separator);
    let more = items.len().saturating_sub(at_most);
    if more > 0 {
        out.push_str(&format!(" and {more} more"));
    }
    out
}

/// Inputs that have broken text helpers before, for tests that assert no helper panics on them.
#[cfg(test)]
pub(crate) mod tricky {
    /// Fragments of malformed Markdown and unusual Unicode.
    pub(crate) const FRAGMENTS: &[&str] = &[
        "",
        "#",
        "# ",
        "****",
        "**:**",
        "**",
        "**:",
        "*:",
        ":",
        "**Ω**: ω",
        "🎯",
        "👩‍💻 e\u{301}",
        "שלום עולם: 12",
        "\u{200f}مرحبا**:**",
        "\u{a0}",
        "Episode\u{a0}4: Caching \u{2126}",
        "EPISODE",
        "episode 99999999999999999999",
        "line\r\n",
        "\r",
        "\u{feff}# BOM",
        "- **Latency**: 12 ms",
        "- **",
        "| a |\n|---|\n| 1 |",
        "```",
        "```metrics\nitems: [",
        "---",
        "\t*x*",
    ];

    /// Every fragment alone, and every pair joined by a newline and by nothing.
    pub(crate) fn inputs() -> Vec<String> {
        let mut out: Vec<String> = FRAGMENTS.iter().map(|f| (*f).to_owned()).collect();
        for a in FRAGMENTS {
            for b in FRAGMENTS {
                out.push(format!("{a}\n{b}"));
                out.push(format!("{a}{b}"));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_at_most_names_the_first_and_counts_the_rest() {
        let items = ["a", "b", "c", "d"];
        assert_eq!(list_at_most(&items, 4, ", "), "a, b, c, d");
        assert_eq!(list_at_most(&items, 2, " and "), "a and b and 2 more");
        assert_eq!(list_at_most(&items[..0], 2, ", "), "");
    }

    #[test]
    fn prefix_is_matched_without_case_on_the_original_text() {
        assert_eq!(
            strip_prefix_ignore_ascii_case("EPISODE 4", "episode"),
            Some(" 4")
        );
        assert_eq!(
            strip_prefix_ignore_ascii_case("Episode\u{a0}4: Caching Ω", "episode"),
            Some("\u{a0}4: Caching Ω")
        );
        assert_eq!(strip_prefix_ignore_ascii_case("Epi", "episode"), None);
        assert_eq!(strip_prefix_ignore_ascii_case("Prologue", "episode"), None);
    }

    #[test]
    fn a_prefix_length_inside_a_character_is_no_match_and_no_panic() {
        // "Épisode": the first character is two bytes, so byte 7 is not where a 7-letter
        // prefix ends.
        assert_eq!(strip_prefix_ignore_ascii_case("Épisode 4", "episode"), None);
        assert_eq!(strip_prefix_ignore_ascii_case("ΩΩΩ", "ab"), None);
        assert_eq!(strip_prefix_ignore_ascii_case("", "episode"), None);
    }

    #[test]
    fn no_panic_on_tricky_input() {
        for input in tricky::inputs() {
            for prefix in ["episode", "**", "Ω", ""] {
                let _ = strip_prefix_ignore_ascii_case(&input, prefix);
            }
        }
    }
}
