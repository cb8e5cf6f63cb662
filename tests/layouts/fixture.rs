//! The fixture course on disk, and the parts of the binary's JSON output the layout tests
//! compare.

use crate::support::{Course, Output};

/// Every file of the fixture course, by course-relative path.
const COURSE: &[(&str, &str)] = &[
    (
        "book.toml",
        include_str!("../fixtures/layouts/course/book.toml"),
    ),
    (
        "episodes/01-pattern-drills/episode-01-retry-budgets-at-globex.md",
        include_str!(
            "../fixtures/layouts/course/episodes/01-pattern-drills/episode-01-retry-budgets-at-globex.md"
        ),
    ),
    (
        "episodes/01-pattern-drills/episode-02-circuit-breakers-at-initech.md",
        include_str!(
            "../fixtures/layouts/course/episodes/01-pattern-drills/episode-02-circuit-breakers-at-initech.md"
        ),
    ),
    (
        "episodes/01-pattern-drills/episode-03-load-shedding-at-hooli.md",
        include_str!(
            "../fixtures/layouts/course/episodes/01-pattern-drills/episode-03-load-shedding-at-hooli.md"
        ),
    ),
    (
        "episodes/02-case-studies/episode-01-the-globex-checkout-outage.md",
        include_str!(
            "../fixtures/layouts/course/episodes/02-case-studies/episode-01-the-globex-checkout-outage.md"
        ),
    ),
    (
        "episodes/02-case-studies/episode-02-box-scores-at-hooli-sports.md",
        include_str!(
            "../fixtures/layouts/course/episodes/02-case-studies/episode-02-box-scores-at-hooli-sports.md"
        ),
    ),
    (
        "episodes/02-case-studies/episode-03-the-initech-payment-queue-migration.md",
        include_str!(
            "../fixtures/layouts/course/episodes/02-case-studies/episode-03-the-initech-payment-queue-migration.md"
        ),
    ),
];

/// The fixture course with no recommendations document.
pub(crate) fn course() -> Course {
    COURSE.iter().fold(Course::new(), |course, (path, text)| {
        course.file(path, text)
    })
}

/// The fixture course with these documents written under `enhancements/`.
pub(crate) fn course_with(docs: &[(String, String)]) -> Course {
    docs.iter().fold(course(), |course, (name, text)| {
        course.file(&format!("enhancements/{name}"), text)
    })
}

/// One verdict as the layout tests compare it: the episode (series slug, number), the kind
/// family (the part of `kind` before `:`) and the verdict. Titles differ between layouts,
/// so they are not part of it.
pub(crate) type Row = (String, u32, String, String);

/// The parsed JSON of a run, with the output shown when it is not JSON.
pub(crate) fn json(out: &Output) -> serde_json::Value {
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}); exit {}\nstdout:\n{}\nstderr:\n{}",
            out.code, out.stdout, out.stderr
        )
    })
}

/// The verdict rows of `episode lint --format json`, sorted (a multiset).
pub(crate) fn rows(out: &Output) -> Vec<Row> {
    let json = json(out);
    let mut rows: Vec<Row> = json["recommendations"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            let kind = r["kind"].as_str().unwrap_or("");
            (
                r["episode"]["series"].as_str().unwrap_or("").to_owned(),
                u32::try_from(r["episode"]["number"].as_u64().unwrap_or(0)).unwrap_or(0),
                kind.split(':').next().unwrap_or("").to_owned(),
                r["verdict"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    rows.sort();
    rows
}

/// A finding of `episode lint --format json`.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub rule: String,
    pub severity: String,
    pub message: String,
    pub file: String,
    pub line: u64,
    pub help: String,
}

/// Every finding of `episode lint --format json`, in output order.
pub(crate) fn findings(out: &Output) -> Vec<Finding> {
    json(out)["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| Finding {
            rule: d["rule"].as_str().unwrap_or("").to_owned(),
            severity: d["severity"].as_str().unwrap_or("").to_owned(),
            message: d["message"].as_str().unwrap_or("").to_owned(),
            file: d["file"].as_str().unwrap_or("").to_owned(),
            line: d["line"].as_u64().unwrap_or(0),
            help: d["help"].as_str().unwrap_or("").to_owned(),
        })
        .collect()
}

/// The findings of one rule.
pub(crate) fn of_rule<'f>(findings: &'f [Finding], rule: &str) -> Vec<&'f Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

/// One requirement as `episode enhancements --format json` lists it: its target episode
/// (series slug, number) and its `kind`.
pub(crate) type Listed = (String, u32, String);

/// The requirements of `episode enhancements --format json`, in output order. The output is
/// a list of episodes, each with its requirements; an object with an `episodes` list (room
/// for the sections the reader skipped) is read the same way.
pub(crate) fn listed(out: &Output) -> Vec<Listed> {
    let json = json(out);
    let episodes = json
        .as_array()
        .or_else(|| json["episodes"].as_array())
        .cloned()
        .unwrap_or_default();
    let mut listed = Vec::new();
    for episode in &episodes {
        let series = episode["series"].as_str().unwrap_or("").to_owned();
        let number = u32::try_from(episode["number"].as_u64().unwrap_or(0)).unwrap_or(0);
        for requirement in episode["requirements"].as_array().into_iter().flatten() {
            let kind = requirement["kind"].as_str().unwrap_or("").to_owned();
            listed.push((series.clone(), number, kind));
        }
    }
    listed
}

/// The lines of `episode lint --format short` that report on recommendations and claims:
/// what the layout snapshots pin.
pub(crate) fn recommendation_lines(stdout: &str) -> String {
    stdout
        .lines()
        .filter(|l| l.contains("[recommendation-") || l.contains("[claim-"))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Each requirement `episode enhancements --format json` lists: episode number (in Pattern
/// Drills), kind and title, in the document's order.
pub(crate) fn kinds_and_titles(doc: &str) -> Vec<(u32, String, String)> {
    let course = course_with(&[("recommendations.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["enhancements", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = json(&out);
    let mut got = Vec::new();
    for episode in json["episodes"].as_array().into_iter().flatten() {
        for requirement in episode["requirements"].as_array().into_iter().flatten() {
            got.push((
                u32::try_from(episode["number"].as_u64().unwrap_or(0)).unwrap_or(0),
                requirement["kind"].as_str().unwrap_or("").to_owned(),
                requirement["title"].as_str().unwrap_or("").to_owned(),
            ));
        }
    }
    got
}

/// Expected rows of [`kinds_and_titles`], written with borrowed strings.
pub(crate) fn owned(rows: &[(u32, &str, &str)]) -> Vec<(u32, String, String)> {
    rows.iter()
        .map(|(n, k, t)| (*n, (*k).to_owned(), (*t).to_owned()))
        .collect()
}

/// The requirements `doc`, the course's only recommendations document, gives, as (series,
/// number, kind), sorted.
pub(crate) fn reach(doc: &str) -> Vec<Listed> {
    let course = course_with(&[("review.md".to_owned(), doc.to_owned())]);
    let out = course.run(&["enhancements", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut listed = listed(&out);
    listed.sort();
    listed
}

/// One row per episode of `series` numbered in `numbers`, each of `kind`.
pub(crate) fn rows_of(series: &str, numbers: &[u32], kind: &str) -> Vec<Listed> {
    numbers
        .iter()
        .map(|&n| (series.to_owned(), n, kind.to_owned()))
        .collect()
}
