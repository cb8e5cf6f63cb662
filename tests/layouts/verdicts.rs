//! The designed recommendations written by hand in each layout: every layout gives the
//! designed verdict table, CI fails on the missing ones, and the exact findings are pinned.

use super::designed;
use super::fixture::{self, Row, findings, of_rule, recommendation_lines, rows};

/// The hand-written documents of each layout (file name under `enhancements/`, text).
fn layout(name: &str) -> Vec<(String, String)> {
    let docs: &[(&str, &str)] = match name {
        "a" => &[(
            "recommendations.md",
            include_str!("../fixtures/layouts/docs/a-episode-headings.md"),
        )],
        "b" => &[(
            "notes.md",
            include_str!("../fixtures/layouts/docs/b-plain-bullets.md"),
        )],
        "c" => &[(
            "recommendations.md",
            include_str!("../fixtures/layouts/docs/c-tables.md"),
        )],
        "d" => &[(
            "recommendations.md",
            include_str!("../fixtures/layouts/docs/d-heading-per-recommendation.md"),
        )],
        "e" => &[
            (
                "pattern-drills.md",
                include_str!("../fixtures/layouts/docs/e-front-matter/pattern-drills.md"),
            ),
            (
                "case-studies-2.md",
                include_str!("../fixtures/layouts/docs/e-front-matter/case-studies-2.md"),
            ),
            (
                "case-studies.md",
                include_str!("../fixtures/layouts/docs/e-front-matter/case-studies.md"),
            ),
        ],
        "f" => &[(
            "memo.md",
            include_str!("../fixtures/layouts/docs/f-memo.md"),
        )],
        "g" => &[(
            "requirements.md",
            include_str!("../fixtures/layouts/docs/g-structured.md"),
        )],
        other => panic!("no layout {other}"),
    };
    docs.iter()
        .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
        .collect()
}

/// What `actual` lacks and has too many of, compared with `expected` (both sorted).
pub(crate) fn difference(actual: &[Row], expected: &[Row]) -> String {
    let mut missing = expected.to_vec();
    let mut extra = Vec::new();
    for row in actual {
        match missing.iter().position(|r| r == row) {
            Some(i) => {
                missing.remove(i);
            }
            None => extra.push(row.clone()),
        }
    }
    let show = |rows: &[Row]| -> String {
        rows.iter()
            .map(|(s, n, k, v)| format!("    {s} #{n} {k} {v}\n"))
            .collect()
    };
    format!(
        "expected but not given:\n{}given but not expected:\n{}",
        show(&missing),
        show(&extra)
    )
}

/// Runs `episode lint --format json` on the course with the layout's documents and checks
/// the verdicts, the exit code and the severity of each finding on recommendations.
fn assert_designed_verdicts(name: &str) {
    let course = fixture::course_with(&layout(name));
    let out = course.run(&["lint", "--format", "json"]);
    let actual = rows(&out);
    let expected = designed::table();
    assert!(
        actual == expected,
        "layout {name}: the verdicts differ from the designed table\n{}\ndesigned:\n{}\nstdout:\n{}",
        difference(&actual, &expected),
        designed::reasons(),
        out.stdout
    );
    assert_eq!(
        out.code, 1,
        "layout {name}: missing recommendations must fail the run"
    );
    let findings = findings(&out);
    let count = |verdict: &str| expected.iter().filter(|r| r.3 == verdict).count();
    let missing = of_rule(&findings, "recommendation-missing");
    assert_eq!(
        missing.len(),
        count("missing"),
        "layout {name}: {findings:#?}"
    );
    assert!(
        missing.iter().all(|f| f.severity == "error"),
        "layout {name}: recommendation-missing is an error by default: {missing:#?}"
    );
    // Two partial recommendations, and one claim whose count does not hold.
    let partial = of_rule(&findings, "recommendation-partial");
    let claims = of_rule(&findings, "claim-unverified");
    assert_eq!(
        (partial.len(), claims.len()),
        (2, 1),
        "layout {name}: {findings:#?}"
    );
    assert!(
        partial
            .iter()
            .chain(&claims)
            .all(|f| f.severity == "warning"),
        "layout {name}: partial verdicts and unverified claims are warnings: {findings:#?}"
    );
    for rule in ["recommendation-unread", "recommendation-target"] {
        assert!(
            of_rule(&findings, rule).is_empty(),
            "layout {name}: every statement is read and resolved: {findings:#?}"
        );
    }
}

/// The findings on recommendations and claims of `episode lint --format short`, exactly.
fn pinned_findings(name: &str) -> String {
    let course = fixture::course_with(&layout(name));
    recommendation_lines(&course.run(&["lint", "--format", "short"]).stdout)
}

macro_rules! layout_tests {
    ($($name:literal => $verdicts:ident, $diagnostics:ident;)*) => {
        $(
            #[test]
            fn $verdicts() {
                assert_designed_verdicts($name);
            }

            #[test]
            fn $diagnostics() {
                // Beside the other modules' snapshots.
                insta::with_settings!({ snapshot_path => "../snapshots" }, {
                    insta::assert_snapshot!(stringify!($diagnostics), pinned_findings($name));
                });
            }
        )*
    };
}

layout_tests! {
    "a" => episode_headings_with_numbered_bold_items_give_the_designed_verdicts,
           episode_headings_with_numbered_bold_items_findings;
    "b" => plain_nested_and_one_line_bullets_give_the_designed_verdicts,
           plain_nested_and_one_line_bullets_findings;
    "c" => tables_with_an_episode_column_give_the_designed_verdicts,
           tables_with_an_episode_column_findings;
    "d" => a_heading_per_recommendation_gives_the_designed_verdicts,
           a_heading_per_recommendation_findings;
    "f" => an_editors_memo_in_paragraphs_gives_the_designed_verdicts,
           an_editors_memo_in_paragraphs_findings;
    "g" => the_structured_requirements_block_gives_the_designed_verdicts,
           the_structured_requirements_block_findings;
}

#[test]
fn front_matter_with_numbered_items_gives_the_designed_verdicts() {
    assert_designed_verdicts("e");
}

#[test]
fn front_matter_with_numbered_items_findings() {
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!(
            "front_matter_with_numbered_items_findings",
            pinned_findings("e")
        );
    });
}

#[test]
fn the_fixture_course_alone_is_clean() {
    // The verdicts above are about the recommendations only: the course itself has no
    // finding (every diagram parses, every fence is closed).
    let out = fixture::course().run(&["lint", "--format", "short"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.starts_with("lint: 0 errors, 0 warnings"),
        "{}",
        out.stdout
    );
}
