//! `episode lint --coverage`: the coverage matrix in the terminal, one row per episode and
//! one column per kind of recommendation, each cell one mark per recommendation; then the
//! content table ([`render_content`]): words, code samples and tests per episode, with the
//! verdict of each content gate.

use std::fmt::Write as _;

use crate::check::gates::{ContentCoverage, thousands};
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

/// Width of the episode column of the content table.
const TITLE_WIDTH: usize = 40;

/// Renders the content table: one row per episode (its title cut to fit), its counts and each
/// configured gate's verdict in words, columns aligned; then the gates and the totals.
pub fn render_content(content: &ContentCoverage) -> String {
    let mut out = String::from("Content (words, code samples and tests per episode)\n\n");
    let mut header: Vec<String> = ["episode", "words", "samples", "by language", "tests"]
        .map(str::to_owned)
        .to_vec();
    header.extend(content.gates.iter().map(|g| g.heading().to_owned()));
    let mut table: Vec<Vec<String>> = vec![header];
    for row in &content.rows {
        let name = truncate(
            &crate::term::printable(
                &format!("{} #{} {}", row.series, row.number, row.title),
                false,
            ),
            TITLE_WIDTH,
        );
        let mut cells = vec![
            name,
            thousands(row.counts.words),
            thousands(row.counts.code_samples),
            row.languages_text.clone(),
            thousands(row.counts.tests),
        ];
        cells.extend(content.gates.iter().map(|&gate| {
            if row.no_script {
                "no script yet".to_owned()
            } else {
                row.verdict(gate).map_or("—".to_owned(), |v| v.text.clone())
            }
        }));
        table.push(cells);
    }
    let columns = table[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            table
                .iter()
                .map(|r| r.get(c).map_or(0, |cell| cell.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    // Counts are right-aligned; text is left-aligned.
    let numeric = |c: usize| matches!(c, 1 | 2 | 4);
    for cells in &table {
        let mut line = String::new();
        for (c, cell) in cells.iter().enumerate() {
            let pad = widths[c].saturating_sub(cell.chars().count());
            if c > 0 {
                line.push_str("  ");
            }
            if numeric(c) {
                line.extend(std::iter::repeat_n(' ', pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push('\n');
    for setting in &content.settings {
        let _ = writeln!(out, "{}", printable_setting(setting));
    }
    let t = &content.totals;
    let no_script = if t.no_script > 0 {
        format!(" ({} with no script yet)", t.no_script)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "total: {}{no_script}, {} words, {} ({}), {}",
        crate::text::plural(t.episodes, "episode"),
        thousands(t.words),
        crate::text::plural(t.code_samples, "code sample"),
        t.languages_text,
        crate::text::plural(t.tests, "test"),
    );
    if !content.gates.is_empty() {
        let _ = writeln!(out, "gates: {} met, {} short", t.met, t.short);
    }
    out
}

fn printable_setting(setting: &crate::check::gates::GateSetting) -> String {
    let text = match &setting.series {
        Some(series) => format!("gates of {}: {}", series.join(", "), setting.text),
        None => format!("gates: {}", setting.text),
    };
    crate::term::printable(&text, false).into_owned()
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width - 1).collect();
    cut.push('…');
    cut
}
