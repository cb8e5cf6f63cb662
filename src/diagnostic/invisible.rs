//! Characters a finding's text would show as nothing at all: a zero-width space (U+200B), a
//! word joiner, a soft hyphen, a byte-order mark. Quoted in a message or a hint (a heading, an
//! anchor, a link as written), they make two different texts look the same: a link to
//! `#zero​width` and the hint "did you mean `#zerowidth`?" read alike. [`shown`] writes each
//! as its escape (`\u{200b}`), so the finding shows what is really there.
//!
//! The bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)
//! reorder the text around them, so that what is shown is not what is written ("Trojan
//! source"): they are always escaped.
//!
//! Joiners (U+200C, U+200D) are kept where they can shape text, between two non-ASCII
//! characters (emoji, Indic and Arabic scripts), and escaped elsewhere (between ASCII letters,
//! at either end), where they shape nothing. The direction marks of right-to-left text
//! (U+200E, U+200F) are meant to be there and are kept.

use std::borrow::Cow;

/// Whether `c` is shown as nothing, or reorders the text around it, wherever it is: see the
/// module's documentation.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Whether `c` is a joiner, invisible unless it shapes its neighbours.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// Whether the joiner `chars[at]` shapes nothing: a neighbour is missing or ASCII.
fn joins_nothing(chars: &[char], at: usize) -> bool {
    let before = at.checked_sub(1).and_then(|i| chars.get(i));
    let after = chars.get(at + 1);
    !matches!((before, after), (Some(b), Some(a)) if !b.is_ascii() && !a.is_ascii())
}

/// `text` with each invisible character written as its escape (`\u{200b}`).
pub(crate) fn shown(text: &str) -> Cow<'_, str> {
    if !text.contains(|c| is_invisible(c) || is_joiner(c)) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (at, &c) in chars.iter().enumerate() {
        if is_invisible(c) || (is_joiner(c) && joins_nothing(&chars, at)) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    if out == text {
        return Cow::Borrowed(text);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn invisible_characters_are_escaped_and_the_rest_kept() {
        assert_eq!(
            shown("no heading `#zero\u{200b}width` (soft\u{ad}hyphen, \u{feff}bom)"),
            "no heading `#zero\\u{200b}width` (soft\\u{ad}hyphen, \\u{feff}bom)"
        );
        for kept in [
            "plain",
            "👩\u{200d}💻",
            "\u{200f}مرحبا",
            "e\u{301}",
            "",
            "क\u{94d}\u{200d}ष",
            "می\u{200c}خواهم",
        ] {
            assert_eq!(shown(kept), kept);
        }
    }

    #[test]
    fn a_joiner_that_shapes_nothing_and_direction_overrides_are_escaped() {
        assert_eq!(shown("zero\u{200d}width"), "zero\\u{200d}width");
        assert_eq!(shown("\u{200c}a"), "\\u{200c}a");
        assert_eq!(shown("👩\u{200d}"), "👩\\u{200d}");
        for (c, escaped) in [
            ('\u{202a}', "\\u{202a}"),
            ('\u{202e}', "\\u{202e}"),
            ('\u{2066}', "\\u{2066}"),
            ('\u{2069}', "\\u{2069}"),
        ] {
            assert_eq!(shown(&format!("مر{c}حبا")), format!("مر{escaped}حبا"));
        }
    }
}
