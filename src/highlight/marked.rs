//! Showing a fence whose lines are not all code ([`crate::syntax::marked_lines`]): the
//! highlighter reads the fence with those parts blanked, so they do not throw its grammar off,
//! and [`splice`] puts them back into its HTML: prompts, output and IPython lines as plain
//! text outside any highlighted span, mdBook's hidden lines left out (as mdBook shows them
//! by default). One pass over the HTML.

use crate::syntax::marked_lines::{Kind, Mark};

use super::escape_into;

/// The HTML of `code` from `html`, the highlighted HTML of `shown` (`code` with its marked
/// parts blanked, [`crate::syntax::marked_lines::blank`]): each character of `shown` in the
/// HTML is replaced by the fence's own, in its span when it is code, outside any span when
/// it is a part shown plain, and not at all when it is hidden. HTML that does not spell
/// `shown` (never written by the highlighters) gives the fence as plain text.
pub(crate) fn splice(html: &str, shown: &str, code: &str, marks: &[Mark]) -> String {
    walk(html, shown, code, marks).unwrap_or_else(|| plain(code, marks))
}

/// The fence as plain text, hidden parts left out.
pub(crate) fn plain(code: &str, marks: &[Mark]) -> String {
    let mut out = String::with_capacity(code.len());
    let mut at = 0;
    for mark in marks {
        escape_into(&mut out, code.get(at..mark.range.start).unwrap_or_default());
        if mark.kind == Kind::Shown {
            escape_into(&mut out, code.get(mark.range.clone()).unwrap_or_default());
        }
        at = mark.range.end;
    }
    escape_into(&mut out, code.get(at..).unwrap_or_default());
    out
}

/// [`splice`], or `None` when `html` does not spell `shown`.
fn walk(html: &str, shown: &str, code: &str, marks: &[Mark]) -> Option<String> {
    let mut out = String::with_capacity(html.len());
    // The opening tags the HTML has open, innermost last; the first `written` of them are
    // open in `out` too (a tag is written when code is first written inside it).
    let mut open: Vec<&str> = Vec::new();
    let mut written = 0;
    let mut at = 0;
    let mut next_mark = 0;
    let mut rest = html;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>')? + 1;
            let tag = &rest[..end];
            rest = &rest[end..];
            if tag.starts_with("</") {
                if written == open.len() && written > 0 {
                    out.push_str(tag);
                    written -= 1;
                }
                open.pop()?;
            } else {
                open.push(tag);
            }
            continue;
        }
        // One character of `shown`: an entity stands for one ASCII character.
        let (html_len, len) = if rest.starts_with('&') {
            let end = rest.find(';')? + 1;
            if !matches!(shown.as_bytes().get(at)?, b'&' | b'<' | b'>' | b'"' | b'\'') {
                return None;
            }
            (end, 1)
        } else {
            let ch = rest.chars().next()?;
            if !shown.get(at..)?.starts_with(ch) {
                return None;
            }
            (ch.len_utf8(), ch.len_utf8())
        };
        while marks.get(next_mark).is_some_and(|m| m.range.end <= at) {
            next_mark += 1;
        }
        let kind = marks
            .get(next_mark)
            .filter(|mark| mark.range.start <= at)
            .map(|mark| mark.kind);
        let text = code.get(at..at + len)?;
        match kind {
            None => {
                for tag in &open[written..] {
                    out.push_str(tag);
                }
                written = open.len();
                escape_into(&mut out, text);
            }
            Some(Kind::Shown) => {
                close(&mut out, &open[..written]);
                written = 0;
                escape_into(&mut out, text);
            }
            Some(Kind::Marker | Kind::Hidden) => {}
        }
        at += len;
        rest = &rest[html_len..];
    }
    close(&mut out, &open[..written.min(open.len())]);
    (at == shown.len()).then_some(out)
}

/// Closes the tags of `open`, innermost first.
fn close(out: &mut String, open: &[&str]) {
    for tag in open.iter().rev() {
        let name = tag[1..]
            .split(|c: char| c.is_whitespace() || c == '>')
            .next()
            .unwrap_or_default();
        out.push_str("</");
        out.push_str(name);
        out.push('>');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlight::grammars::Grammar;
    use crate::syntax::marked_lines::{blank, find};

    fn spliced(grammar: Grammar, code: &str, highlight: impl Fn(&str) -> String) -> String {
        let marks = find(grammar, false, code);
        let shown = blank(code, &marks);
        splice(&highlight(&shown), &shown, code, &marks)
    }

    #[test]
    fn prompts_and_output_are_put_back_outside_the_spans() {
        let code = ">>> s = 'a\n... b'\nout <1>\n";
        // A string spanning the continuation prompt, as a highlighter writes it.
        let html = spliced(Grammar::Python, code, |shown| {
            assert_eq!(shown, "    s = 'a\n    b'\n       \n");
            "    <span class=\"v\">s</span> = <span class=\"s\">'a\n    b'</span>\n       \n"
                .to_owned()
        });
        assert_eq!(
            html,
            "&gt;&gt;&gt; <span class=\"v\">s</span> = <span class=\"s\">&#39;a\n</span>... <span class=\"s\">b&#39;</span>\nout &lt;1&gt;\n"
        );
    }

    #[test]
    fn hidden_lines_are_left_out_and_escaped_lines_lose_one_hash() {
        let code = "# fn main() {\nlet x = 1;\n##[cfg(x)]\n# }\n";
        let html = spliced(Grammar::Rust, code, |shown| {
            format!("<span class=\"k\">{}</span>", shown.replace('<', "&lt;"))
        });
        assert_eq!(html, "<span class=\"k\">let x = 1;\n#[cfg(x)]\n</span>");
    }

    #[test]
    fn html_that_does_not_spell_the_code_gives_plain_text() {
        let code = ">>> 1 < 2\nTrue\n";
        let html = spliced(Grammar::Python, code, |_| "<span>other</span>".to_owned());
        assert_eq!(html, "&gt;&gt;&gt; 1 &lt; 2\nTrue\n");
    }
}
