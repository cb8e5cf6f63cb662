//! Episode references as editors write them: `Episode 13: Title`, `Episodes 19-21
//! (Architecture Deep Dives)`, `Episode 1 (Systems in Production): Tune the cache`.

/// A parsed reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The numbers named (ranges expanded, at most [`MAX_RANGE`] of them).
    pub numbers: Vec<u32>,
    /// The parenthesised qualifier right after the numbers, usually a series name.
    pub qualifier: Option<String>,
    /// The text after the colon, with a trailing parenthesis such as "(Already Enhanced)"
    /// removed.
    pub rest: String,
}

/// The longest range expanded (guards against `Episodes 1-4000000000`).
pub const MAX_RANGE: u32 = 1000;

/// Parses text that starts with `Episode` or `Episodes`; `None` otherwise.
pub fn parse(text: &str) -> Option<Reference> {
    let text = text.trim();
    let lower = text.to_lowercase();
    let after = lower
        .strip_prefix("episodes")
        .or_else(|| lower.strip_prefix("episode"))?;
    let after = &text[text.len() - after.len()..];
    let numbers_end = after
        .find(|c: char| !(c.is_ascii_digit() || c.is_whitespace() || "-–—,&".contains(c)))
        .unwrap_or(after.len());
    let numbers = numbers(&after[..numbers_end])?;
    let mut tail = after[numbers_end..].trim_start();
    let mut qualifier = None;
    if let Some(inner) = tail.strip_prefix('(')
        && let Some(close) = inner.find(')')
    {
        qualifier = Some(inner[..close].trim().to_owned()).filter(|q| !q.is_empty());
        tail = inner[close + 1..].trim_start();
    }
    let rest = tail.trim_start_matches([':', '-', '–', '—', '.']).trim();
    Some(Reference {
        numbers,
        qualifier,
        rest: strip_trailing_parenthesis(rest).to_owned(),
    })
}

/// `13-16`, `19 – 21`, `13, 14 & 16` → the numbers.
fn numbers(text: &str) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    for part in text.split([',', '&']) {
        let mut ends = part
            .split(['-', '–', '—'])
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let first: u32 = ends.next()?.parse().ok()?;
        let last: u32 = match ends.next() {
            Some(s) => s.parse().ok()?,
            None => first,
        };
        if last < first || last - first >= MAX_RANGE {
            return None;
        }
        out.extend(first..=last);
    }
    (!out.is_empty()).then_some(out)
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

    #[test]
    fn groups_sections_and_qualified_docstrings_parse() {
        let g = parse("Episodes 13-16 (Pattern Mastery Series)").unwrap();
        assert_eq!(
            (g.numbers, g.qualifier.as_deref()),
            (vec![13, 14, 15, 16], Some("Pattern Mastery Series"))
        );
        let s = parse("Episode 14: Event-Driven Architecture Mastery (Already Enhanced)").unwrap();
        assert_eq!(
            (s.numbers, s.rest.as_str()),
            (vec![14], "Event-Driven Architecture Mastery")
        );
        let d = parse("Episode 1 (Systems in Production): Tune cache size").unwrap();
        assert_eq!(
            (d.qualifier.as_deref(), d.rest.as_str()),
            (Some("Systems in Production"), "Tune cache size")
        );
    }

    #[test]
    fn regression_huge_or_reversed_ranges_are_not_expanded() {
        assert!(parse("Episodes 1-4000000000: x").is_none());
        assert!(parse("Episodes 9-3: x").is_none());
        assert!(parse("Episodes of the week").is_none());
    }
}
