//! Setting page bodies into their rendered page, rather than passing them through Tera.
//!
//! A template's data is copied into Tera's own values before it renders, so a body of a few
//! hundred kilobytes (a series' print page holds all its episodes' bodies) was copied twice on
//! its way into the page. When the theme's templates are the built-in ones
//! ([`Theme::prints_bodies_verbatim`](super::Theme::prints_bodies_verbatim)), which print each
//! body once and as is (`{{ body | safe }}`), a page is rendered with a short placeholder in
//! place of each body, and the bodies are set into the result.
//!
//! A placeholder holds `<` and `"`, which both HTML escaping and JSON encoding change, and
//! U+FDD0, a noncharacter no text is meant to hold. Each must be found exactly once in the
//! rendered page, in order; otherwise (an author's title that holds one, say) the caller
//! renders the page with its bodies in the data, as for any other theme.

use memchr::memmem;

/// The placeholder of the `index`-th body of a page.
pub(crate) fn placeholder(index: usize) -> String {
    format!("\u{FDD0}<episode-body \"{index}\">\u{FDD0}")
}

/// What setting bodies into a rendered page gave.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Spliced {
    /// The page with its bodies.
    Page(Vec<u8>),
    /// A placeholder is missing, repeated or out of order: the page must be rendered with
    /// its bodies.
    Misplaced,
    /// The page with its bodies would be larger than the limit given.
    TooLarge,
}

/// `rendered` with the placeholder of each of `bodies` replaced by that body, if every
/// placeholder is there exactly once and in order, and the result is at most `limit` bytes.
pub(crate) fn splice(rendered: &[u8], bodies: &[&str], limit: usize) -> Spliced {
    let mut spans = Vec::with_capacity(bodies.len());
    let mut from = 0;
    for index in 0..bodies.len() {
        let mark = placeholder(index);
        let Some(found) = memmem::find(&rendered[from..], mark.as_bytes()) else {
            return Spliced::Misplaced;
        };
        let (at, end) = (from + found, from + found + mark.len());
        spans.push((at, end));
        from = end;
    }
    // No placeholder may be anywhere else: before its place, between others, or after.
    let mut others = memmem::find_iter(rendered, "\u{FDD0}<episode-body ".as_bytes());
    if !spans.iter().all(|&(at, _)| others.next() == Some(at)) || others.next().is_some() {
        return Spliced::Misplaced;
    }
    let size = rendered.len() + bodies.iter().map(|b| b.len()).sum::<usize>();
    if size - spans.iter().map(|(at, end)| end - at).sum::<usize>() > limit {
        return Spliced::TooLarge;
    }
    let mut out = Vec::with_capacity(size);
    let mut copied = 0;
    for (&(at, end), body) in spans.iter().zip(bodies) {
        out.extend_from_slice(&rendered[copied..at]);
        out.extend_from_slice(body.as_bytes());
        copied = end;
    }
    out.extend_from_slice(&rendered[copied..]);
    Spliced::Page(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NO_LIMIT: usize = usize::MAX;

    fn page(parts: &[&str]) -> Vec<u8> {
        parts.concat().into_bytes()
    }

    fn spliced(rendered: &[u8], bodies: &[&str]) -> Option<Vec<u8>> {
        match splice(rendered, bodies, NO_LIMIT) {
            Spliced::Page(page) => Some(page),
            _ => None,
        }
    }

    #[test]
    fn each_placeholder_is_replaced_by_its_body_in_order() {
        let (a, b) = (placeholder(0), placeholder(1));
        let rendered = page(&["<main>", &a, "<hr>", &b, "</main>"]);
        let out = spliced(&rendered, &["<p>one</p>", "<p>two</p>"]).expect("spliced");
        assert_eq!(out, b"<main><p>one</p><hr><p>two</p></main>");
    }

    #[test]
    fn a_body_that_holds_a_placeholder_is_set_in_as_written() {
        let a = placeholder(0);
        let body = format!("<p>{a}</p>");
        let out = spliced(&page(&["[", &a, "]"]), &[&body]).expect("spliced");
        assert_eq!(out, format!("[{body}]").into_bytes());
    }

    #[test]
    fn a_missing_repeated_or_reordered_placeholder_is_misplaced() {
        let (a, b) = (placeholder(0), placeholder(1));
        let misplaced = |rendered: Vec<u8>, bodies: &[&str]| {
            splice(&rendered, bodies, NO_LIMIT) == Spliced::Misplaced
        };
        assert!(misplaced(page(&["<main></main>"]), &["x"]));
        assert!(misplaced(page(&[&a, &a]), &["x"]));
        assert!(misplaced(page(&["<title>", &a, "</title>", &a]), &["x"]));
        assert!(misplaced(page(&[&b, &a]), &["x", "y"]));
        assert!(
            misplaced(page(&[&a, &b]), &["x"]),
            "a placeholder left over"
        );
    }

    #[test]
    fn escaping_and_json_encoding_change_a_placeholder() {
        let a = placeholder(0);
        let escaped = crate::highlight::escape(&a);
        let encoded = serde_json::to_string(&a).expect("json");
        for changed in [escaped, encoded] {
            assert!(
                spliced(changed.as_bytes(), &["x"]).is_none(),
                "{changed} must not be taken for a placeholder"
            );
        }
    }

    #[test]
    fn the_limit_holds_for_the_page_with_its_bodies() {
        let rendered = page(&["<main>", &placeholder(0), "</main>"]);
        let body = "b".repeat(100);
        let whole = "<main></main>".len() + body.len();
        assert!(matches!(splice(&rendered, &[&body], whole), Spliced::Page(p) if p.len() == whole));
        assert_eq!(splice(&rendered, &[&body], whole - 1), Spliced::TooLarge);
    }

    #[test]
    fn no_bodies_leaves_the_page_as_rendered() {
        assert_eq!(spliced(b"<p>page</p>", &[]).expect("page"), b"<p>page</p>");
    }
}

#[cfg(test)]
#[path = "body_slot_tests.rs"]
mod site_tests;
