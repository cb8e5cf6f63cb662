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

/// `rendered` with the placeholder of each of `bodies` replaced by that body, or `None`
/// unless every placeholder is there exactly once and in order.
pub(crate) fn splice(rendered: &[u8], bodies: &[&str]) -> Option<Vec<u8>> {
    let mut spans = Vec::with_capacity(bodies.len());
    let mut from = 0;
    for index in 0..bodies.len() {
        let mark = placeholder(index);
        let at = from + memmem::find(&rendered[from..], mark.as_bytes())?;
        let end = at + mark.len();
        spans.push((at, end));
        from = end;
    }
    // No placeholder may be anywhere else: before its place, between others, or after.
    let mut others = memmem::find_iter(rendered, "\u{FDD0}<episode-body ".as_bytes());
    if !spans.iter().all(|&(at, _)| others.next() == Some(at)) || others.next().is_some() {
        return None;
    }
    let size = rendered.len() + bodies.iter().map(|b| b.len()).sum::<usize>();
    let mut out = Vec::with_capacity(size);
    let mut copied = 0;
    for (&(at, end), body) in spans.iter().zip(bodies) {
        out.extend_from_slice(&rendered[copied..at]);
        out.extend_from_slice(body.as_bytes());
        copied = end;
    }
    out.extend_from_slice(&rendered[copied..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(parts: &[&str]) -> Vec<u8> {
        parts.concat().into_bytes()
    }

    #[test]
    fn each_placeholder_is_replaced_by_its_body_in_order() {
        let (a, b) = (placeholder(0), placeholder(1));
        let rendered = page(&["<main>", &a, "<hr>", &b, "</main>"]);
        let spliced = splice(&rendered, &["<p>one</p>", "<p>two</p>"]).expect("spliced");
        assert_eq!(spliced, b"<main><p>one</p><hr><p>two</p></main>");
    }

    #[test]
    fn a_body_that_holds_a_placeholder_is_set_in_as_written() {
        let a = placeholder(0);
        let body = format!("<p>{a}</p>");
        let spliced = splice(&page(&["[", &a, "]"]), &[&body]).expect("spliced");
        assert_eq!(spliced, format!("[{body}]").into_bytes());
    }

    #[test]
    fn a_missing_repeated_or_reordered_placeholder_gives_none() {
        let (a, b) = (placeholder(0), placeholder(1));
        assert!(splice(&page(&["<main></main>"]), &["x"]).is_none());
        assert!(splice(&page(&[&a, &a]), &["x"]).is_none());
        assert!(splice(&page(&["<title>", &a, "</title>", &a]), &["x"]).is_none());
        assert!(splice(&page(&[&b, &a]), &["x", "y"]).is_none());
        assert!(
            splice(&page(&[&a, &b]), &["x"]).is_none(),
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
                splice(changed.as_bytes(), &["x"]).is_none(),
                "{changed} must not be taken for a placeholder"
            );
        }
    }

    #[test]
    fn no_bodies_leaves_the_page_as_rendered() {
        assert_eq!(splice(b"<p>page</p>", &[]).expect("page"), b"<p>page</p>");
    }
}

#[cfg(test)]
#[path = "body_slot_tests.rs"]
mod site_tests;
