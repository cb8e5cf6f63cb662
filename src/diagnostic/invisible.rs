//! Characters a finding's text would show as nothing at all: a zero-width space (U+200B), a
//! word joiner, a soft hyphen, a byte-order mark. Quoted in a message or a hint (a heading, an
//! anchor, a link as written), they make two different texts look the same: a link to
//! `#zero​width` and the hint "did you mean `#zerowidth`?" read alike. [`shown`] writes each
//! as its escape (`\u{200b}`), so the finding shows what is really there.
//!
//! Joiners that shape text (U+200C, U+200D in emoji and Indic scripts) and the direction marks
//! of right-to-left text are meant to be there and are kept.

use std::borrow::Cow;

/// Whether `c` is shown as nothing and changes no shaping: see the module's documentation.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{180E}' | '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// `text` with each invisible character written as its escape (`\u{200b}`).
pub(crate) fn shown(text: &str) -> Cow<'_, str> {
    if !text.contains(is_invisible) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_invisible(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
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
        for kept in ["plain", "👩\u{200d}💻", "\u{200f}مرحبا", "e\u{301}", ""] {
            assert_eq!(shown(kept), kept);
        }
    }
}
