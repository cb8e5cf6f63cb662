//! Headings for the sections `book.toml` requires of every episode (`[lint]
//! required_sections`, course-wide and per series), written so that the `missing-section`
//! rule finds them.

use crate::check::counts::heading_matches;

/// The headings for `patterns`, in order: each pattern with its `*`s turned into spaces and
/// its first letter capitalised (`"*summary*"` → "Summary", `"cold*open"` → "Cold open").
/// A pattern that an earlier heading already matches, or that has no words (`"*"`, which any
/// heading matches), gives none.
pub(crate) fn headings(patterns: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for pattern in patterns {
        if out.iter().any(|h| heading_matches(pattern, h)) {
            continue;
        }
        let text = pattern.split('*').collect::<Vec<_>>().join(" ");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.chars().any(char::is_alphanumeric) {
            continue;
        }
        out.push(capitalise(&text));
    }
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_become_headings_the_rule_accepts() {
        let patterns = [
            "*summary*",
            "Takeaways*",
            "*resources",
            "cold*open",
            "q&a",
            "🎯 key *points*",
            "*",
            "**",
        ];
        let made = headings(&patterns);
        assert_eq!(
            made,
            [
                "Summary",
                "Takeaways",
                "Resources",
                "Cold open",
                "Q&a",
                "🎯 key points"
            ]
        );
        for pattern in patterns {
            assert!(
                made.iter().any(|h| heading_matches(pattern, h)),
                "no heading matches {pattern:?}: {made:?}"
            );
        }
    }

    #[test]
    fn a_pattern_an_earlier_heading_matches_adds_nothing() {
        assert_eq!(headings(&["*summary*", "summary", "SUMMARY*"]), ["Summary"]);
    }
}
