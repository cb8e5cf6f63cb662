//! `episode lint --coverage`: the coverage matrix in the terminal, one row per episode and
//! one column per kind of recommendation, each cell one mark per recommendation.

use std::fmt::Write as _;

use crate::enhance::Status;
use crate::enhance::coverage::CoverageMatrix;

/// Width of the episode column.
const EPISODE_WIDTH: usize = 44;

/// The mark for a verdict.
pub fn mark(status: Status) -> char {
    match status {
        Status::Satisfied => '✓',
        Status::Partial => '~',
        Status::Missing => '✗',
    }
}

/// Renders the matrix as a text table with a legend and totals.
pub fn render(matrix: &CoverageMatrix) -> String {
    let mut out =
        String::from("Recommendation coverage (✓ satisfied, ~ partial, ✗ missing, · none)\n\n");
    let _ = write!(out, "{:<EPISODE_WIDTH$}", "episode");
    for column in &matrix.columns {
        let _ = write!(out, "  {column:<11}");
    }
    out.push('\n');
    for row in &matrix.rows {
        let name = truncate(
            &crate::term::printable(
                &format!("{} #{} {}", row.series, row.number, row.title),
                false,
            ),
            EPISODE_WIDTH,
        );
        let _ = write!(out, "{name:<EPISODE_WIDTH$}");
        for (c, _) in matrix.columns.iter().enumerate() {
            let marks: String = row
                .cells
                .iter()
                .filter(|cell| cell.column == c)
                .map(|cell| mark(cell.verdict))
                .collect();
            let marks = if marks.is_empty() {
                "·".to_owned()
            } else {
                marks
            };
            let _ = write!(out, "  {marks:<11}");
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
    }
    let t = matrix.totals;
    let _ = writeln!(
        out,
        "\n{} satisfied, {} partial, {} missing",
        t.satisfied, t.partial, t.missing
    );
    out
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width - 1).collect();
    cut.push('…');
    cut
}
