//! Quadrant-chart point coordinates written as `1.0`, `1.00`, …, which Mermaid accepts.
//!
//! merman 0.9.3 reads a coordinate as exactly `1`, exactly `0`, or `0.` followed by digits, so it
//! rejects `[1.00, 0.5]` ("invalid point coordinate") although Mermaid itself accepts any
//! decimal from 0 to 1. Until merman accepts them, [`spell_one_plainly`] rewrites each such
//! coordinate to `1` padded with spaces to the same length, so every offset (and so every error
//! position) in the source stays where it was.

/// The source with every point coordinate `1.0…0` written as `1` plus spaces.
pub(super) fn spell_one_plainly(source: &str) -> String {
    source
        .split('\n')
        .map(rewrite_line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Rewrites the coordinates of one `Label: [x, y]` line; other lines are returned unchanged.
fn rewrite_line(line: &str) -> String {
    let Some(open) = line.rfind('[') else {
        return line.to_string();
    };
    let Some(close) = line[open..].find(']').map(|at| open + at) else {
        return line.to_string();
    };
    let inside = &line[open + 1..close];
    let coordinates: Vec<String> = inside.split(',').map(plain_one).collect();
    format!(
        "{}[{}{}",
        &line[..open],
        coordinates.join(","),
        &line[close..]
    )
}

/// ` 1.00` becomes ` 1   `; anything else is kept.
fn plain_one(token: &str) -> String {
    let trimmed = token.trim();
    let is_one = trimmed
        .strip_prefix("1.")
        .is_some_and(|zeros| !zeros.is_empty() && zeros.bytes().all(|b| b == b'0'));
    if !is_one {
        return token.to_string();
    }
    token.replacen(trimmed, &format!("1{}", " ".repeat(trimmed.len() - 1)), 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mermaid::render_tests::engine;

    #[test]
    fn one_with_decimals_keeps_every_offset() {
        let source =
            "quadrantChart\n  A: [1.00, 0.5]\n  B: [0.3, 1.0] radius: 10\n  C: [1, 0.10]\n";
        let rewritten = spell_one_plainly(source);
        assert_eq!(
            rewritten,
            "quadrantChart\n  A: [1   , 0.5]\n  B: [0.3, 1  ] radius: 10\n  C: [1, 0.10]\n"
        );
        assert_eq!(rewritten.len(), source.len());
        assert_eq!(spell_one_plainly("x: [10.0, 1.5]"), "x: [10.0, 1.5]");
    }

    #[test]
    fn quadrant_point_at_one_with_decimals_is_accepted() {
        let source = "quadrantChart\n  x-axis Low --> High\n  y-axis Low --> High\n  Cache: [1.00, 0.5]\n  Disk: [0.25, 1.0]\n";
        let info = engine().validate(source);
        assert!(info.is_ok(), "{info:?}");
        assert!(
            engine()
                .validate("quadrantChart\n  A: [1.5, 0.5]\n")
                .is_err()
        );
    }
}
