//! A small renderer of designed statements into each layout, one function per layout, for
//! the property test. Each returns the documents to write under `enhancements/`.

use std::fmt::Write as _;

use super::designed::{Ask, EPISODES, Example, RECS, Rec, Series, Statement};

/// A way editors lay out recommendations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Series groups, episode headings, `**Recommended Enhancements:**`, numbered bold items
    /// each followed by its example.
    EpisodeHeadings,
    /// `- Ep 2 (Case Studies)` with one plain sub-bullet per recommendation.
    NestedBullets,
    /// `- Ep. 2 (Case Studies) — add …`, one line each.
    OneLineBullets,
    /// A table per series with an episode column, the series from the heading above.
    Tables,
    /// `### Ep 2 · …`: a heading per recommendation under a series heading.
    RecommendationHeadings,
    /// One file per series whose front matter lists its episodes, with numbered items.
    FrontMatter,
    /// An editor's memo in paragraphs.
    Memo,
    /// A ```` ```requirements ```` block of YAML.
    Structured,
}

impl Layout {
    /// Every layout.
    pub(crate) const ALL: [Layout; 8] = [
        Layout::EpisodeHeadings,
        Layout::NestedBullets,
        Layout::OneLineBullets,
        Layout::Tables,
        Layout::RecommendationHeadings,
        Layout::FrontMatter,
        Layout::Memo,
        Layout::Structured,
    ];

    /// The documents (file name, text) that say `statements` in this layout.
    pub(crate) fn render(self, statements: &[Statement]) -> Vec<(String, String)> {
        match self {
            Layout::EpisodeHeadings => episode_headings(statements),
            Layout::NestedBullets => nested_bullets(statements),
            Layout::OneLineBullets => one_line_bullets(statements),
            Layout::Tables => tables(statements),
            Layout::RecommendationHeadings => recommendation_headings(statements),
            Layout::FrontMatter => front_matter(statements),
            Layout::Memo => memo(statements),
            Layout::Structured => structured(statements),
        }
    }
}

/// The statements about single episodes, grouped by episode in course order (statement
/// order within an episode), and whether the document-wide one is among them.
fn by_episode(statements: &[Statement]) -> (Vec<(usize, Vec<&'static Rec>)>, bool) {
    let mut groups: Vec<(usize, Vec<&'static Rec>)> = Vec::new();
    let mut every = false;
    for statement in statements {
        match statement {
            Statement::Rec(i) => {
                let rec = &RECS[*i];
                match groups.iter_mut().find(|(e, _)| *e == rec.episode) {
                    Some((_, recs)) => recs.push(rec),
                    None => groups.push((rec.episode, vec![rec])),
                }
            }
            Statement::EveryEpisode => every = true,
        }
    }
    groups.sort_by_key(|(e, _)| *e);
    (groups, every)
}

/// The groups of one series.
fn of_series(
    groups: &[(usize, Vec<&'static Rec>)],
    series: Series,
) -> Vec<(usize, Vec<&'static Rec>)> {
    groups
        .iter()
        .filter(|(e, _)| EPISODES[*e].series == series)
        .cloned()
        .collect()
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn fence(example: &Example, indent: &str) -> String {
    let mut out = format!("{indent}```{}\n", example.lang);
    for line in example.body.lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
    let _ = writeln!(out, "{indent}```");
    out
}

/// "add X: a, b, c" (or "add X" when it lists nothing).
fn sentence(what: &str, covers: &[&str]) -> String {
    if covers.is_empty() {
        format!("add {what}")
    } else {
        format!("add {what}: {}", covers.join(", "))
    }
}

/// "already has 2 Mermaid diagrams".
fn claim(count: u32, blocks: &str) -> String {
    format!("already has {count} {blocks}")
}

const EVERY_EPISODE: &str =
    "add a \"Try it\" interactive element: a calculator, a simulator or a playground";

fn episode_headings(statements: &[Statement]) -> Vec<(String, String)> {
    let (groups, every) = by_episode(statements);
    let mut out = String::from("# Enhancement Recommendations\n\n");
    for series in Series::ALL {
        let groups = of_series(&groups, series);
        if groups.is_empty() {
            continue;
        }
        let heading = match series {
            Series::PatternDrills => "Episodes 1-3 (Pattern Drills Series)",
            Series::CaseStudies => "Episodes 1–3 (Case Studies)",
        };
        let _ = writeln!(out, "## {heading}\n");
        for (e, recs) in groups {
            let episode = EPISODES[e];
            let _ = writeln!(out, "### Episode {}: {}\n", episode.number, episode.title);
            let claims: Vec<String> = recs
                .iter()
                .filter_map(|r| match r.ask {
                    Ask::Claim { count, blocks, .. } => Some(format!("- {count} {blocks}\n")),
                    Ask::Add { .. } => None,
                })
                .collect();
            if !claims.is_empty() {
                let _ = writeln!(out, "**Already Includes:**\n{}", claims.concat());
            }
            let adds: Vec<&Rec> = recs
                .iter()
                .copied()
                .filter(|r| matches!(r.ask, Ask::Add { .. }))
                .collect();
            if !adds.is_empty() {
                out.push_str("**Recommended Enhancements:**\n\n");
            }
            for (n, rec) in adds.iter().enumerate() {
                let Ask::Add {
                    what,
                    covers,
                    example,
                    ..
                } = rec.ask
                else {
                    continue;
                };
                let _ = write!(out, "{}. **Add {}:**", n + 1, capitalised(what));
                match example {
                    Some(example) => {
                        let _ = writeln!(out, "\n{}", fence(&example, ""));
                    }
                    None => {
                        let _ = writeln!(out, " {}\n", covers.join(", "));
                    }
                }
            }
        }
    }
    if every {
        let _ = writeln!(
            out,
            "## Interactive Elements for Every Episode\n\nFor every episode above, {EVERY_EPISODE}."
        );
    }
    vec![("recommendations.md".to_owned(), out)]
}

fn nested_bullets(statements: &[Statement]) -> Vec<(String, String)> {
    let (groups, every) = by_episode(statements);
    let mut out = String::from("# Review notes\n\n");
    for (e, recs) in groups {
        let episode = EPISODES[e];
        let _ = writeln!(out, "- Ep {} ({})", episode.number, episode.series.name());
        for rec in recs {
            let line = match rec.ask {
                Ask::Add { what, covers, .. } => sentence(what, covers),
                Ask::Claim { count, blocks, .. } => claim(count, blocks),
            };
            let _ = writeln!(out, "  - {line}");
        }
    }
    if every {
        let _ = writeln!(
            out,
            "\nFor all episodes above:\n\n- add a \"Try it\" interactive element, such as a calculator, a simulator or a playground"
        );
    }
    vec![("notes.md".to_owned(), out)]
}

fn one_line_bullets(statements: &[Statement]) -> Vec<(String, String)> {
    let (groups, every) = by_episode(statements);
    let mut out = String::from("# Review notes, one line each\n\n");
    for (e, recs) in groups {
        let episode = EPISODES[e];
        for rec in recs {
            let line = match rec.ask {
                Ask::Add { what, covers, .. } => sentence(what, covers),
                Ask::Claim { count, blocks, .. } => claim(count, blocks),
            };
            let _ = writeln!(
                out,
                "- Ep. {} ({}) — {line}",
                episode.number,
                episode.series.name()
            );
        }
    }
    if every {
        let _ = writeln!(out, "\nFor all episodes above, {EVERY_EPISODE}.");
    }
    vec![("notes.md".to_owned(), out)]
}

fn tables(statements: &[Statement]) -> Vec<(String, String)> {
    let (groups, every) = by_episode(statements);
    let mut out = String::from("# What Each Episode Should Gain\n\n");
    for series in Series::ALL {
        let groups = of_series(&groups, series);
        if groups.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "## {}\n\n| Episode | Status | Recommendation | Details |\n|---------|--------|----------------|---------|",
            series.name()
        );
        for (e, recs) in groups {
            for rec in recs {
                let (status, what, details) = match rec.ask {
                    Ask::Add { what, covers, .. } => {
                        ("recommended", capitalised(what), covers.join(", "))
                    }
                    Ask::Claim { count, blocks, .. } => (
                        "claimed as present",
                        format!("{count} {blocks}"),
                        String::new(),
                    ),
                };
                let _ = writeln!(
                    out,
                    "| {} | {status} | {what} | {details} |",
                    EPISODES[e].number
                );
            }
        }
        out.push('\n');
    }
    if every {
        let _ = writeln!(out, "For each episode above, {EVERY_EPISODE}.");
    }
    vec![("recommendations.md".to_owned(), out)]
}

fn recommendation_headings(statements: &[Statement]) -> Vec<(String, String)> {
    let (groups, every) = by_episode(statements);
    let mut out = String::from("# One Heading per Recommendation\n\n");
    for series in Series::ALL {
        let groups = of_series(&groups, series);
        if groups.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {}\n", series.name());
        for (e, recs) in groups {
            let number = EPISODES[e].number;
            for rec in recs {
                match rec.ask {
                    Ask::Add {
                        what,
                        covers,
                        example,
                        ..
                    } => {
                        let _ = writeln!(out, "### Ep {number} · {}\n", capitalised(what));
                        match example {
                            Some(example) => {
                                let _ = writeln!(out, "{}", fence(&example, ""));
                            }
                            None if !covers.is_empty() => {
                                let _ = writeln!(out, "{}.\n", covers.join(", "));
                            }
                            None => {}
                        }
                    }
                    Ask::Claim { count, blocks, .. } => {
                        let _ =
                            writeln!(out, "### Ep {number} · Claim: {}\n", claim(count, blocks));
                    }
                }
            }
        }
    }
    if every {
        let _ = writeln!(
            out,
            "## For Every Episode Above\n\n{}.",
            capitalised(EVERY_EPISODE)
        );
    }
    vec![("recommendations.md".to_owned(), out)]
}

fn front_matter(statements: &[Statement]) -> Vec<(String, String)> {
    let (groups, every) = by_episode(statements);
    let mut files = Vec::new();
    for series in Series::ALL {
        let groups = of_series(&groups, series);
        if groups.is_empty() {
            continue;
        }
        let numbers: Vec<String> = groups
            .iter()
            .map(|(e, _)| EPISODES[*e].number.to_string())
            .collect();
        let mut out = format!(
            "---\nseries: {}\nepisodes: [{}]\n---\n# {}: What to Add\n\n",
            series.name(),
            numbers.join(", "),
            series.name()
        );
        let mut n = 0;
        for (e, recs) in &groups {
            let number = EPISODES[*e].number;
            for rec in recs {
                n += 1;
                match rec.ask {
                    Ask::Add {
                        what,
                        covers,
                        example,
                        ..
                    } => {
                        let _ = write!(out, "{n}. **#{number}: {}.**", capitalised(what));
                        if !covers.is_empty() {
                            let _ = write!(out, " It covers {}.", covers.join(", "));
                        }
                        out.push('\n');
                        if let Some(example) = example {
                            out.push_str(&fence(&example, "   "));
                        }
                    }
                    Ask::Claim { count, blocks, .. } => {
                        let _ = writeln!(out, "{n}. **#{number} {}.**", claim(count, blocks));
                    }
                }
            }
        }
        if every {
            let _ = writeln!(
                out,
                "{}. **For every episode listed above**, {EVERY_EPISODE}.",
                n + 1
            );
        }
        files.push((format!("{}.md", series.slug()), out));
    }
    files
}

fn memo(statements: &[Statement]) -> Vec<(String, String)> {
    let (groups, every) = by_episode(statements);
    let mut out = String::from(
        "# Memo: Second Read\n\nTo the authors, from the editor. Here is what I would add, episode by episode.\n\n",
    );
    for (e, recs) in groups {
        let episode = EPISODES[e];
        let (number, series) = (episode.number, episode.series.name());
        for rec in recs {
            match rec.ask {
                Ask::Add {
                    what,
                    covers,
                    example: Some(example),
                    ..
                } => {
                    let _ = write!(out, "For Ep. {number} of {series}, I'd like to see {what}");
                    if !covers.is_empty() {
                        let _ = write!(out, ", with {}", covers.join(", "));
                    }
                    let _ = writeln!(out, ", like this:\n\n{}", fence(&example, ""));
                }
                Ask::Add { what, covers, .. } => {
                    let _ = writeln!(
                        out,
                        "For Ep. {number} of {series}, please {}.\n",
                        sentence(what, covers)
                    );
                }
                Ask::Claim {
                    count_word, blocks, ..
                } => {
                    let _ = writeln!(
                        out,
                        "Episode {number} of {series} already has {count_word} {blocks}.\n"
                    );
                }
            }
        }
    }
    if every {
        let _ = writeln!(out, "Finally, for each episode above, {EVERY_EPISODE}.");
    }
    vec![("memo.md".to_owned(), out)]
}

fn structured(statements: &[Statement]) -> Vec<(String, String)> {
    let (groups, every) = by_episode(statements);
    let mut out = String::from("# Requirements\n\n```requirements\n");
    let entry = |out: &mut String, e: usize, kind: &str, title: &str| {
        let episode = EPISODES[e];
        let _ = write!(
            out,
            "- episode: {}\n  series: {}\n  kind: {kind}\n  title: \"{title}\"\n",
            episode.number,
            episode.series.name()
        );
    };
    for (e, recs) in &groups {
        for rec in recs {
            match rec.ask {
                Ask::Add {
                    what, kind, covers, ..
                } => {
                    entry(&mut out, *e, kind, &capitalised(what));
                    if !covers.is_empty() {
                        let quoted: Vec<String> =
                            covers.iter().map(|c| format!("\"{c}\"")).collect();
                        let _ = writeln!(out, "  covers: [{}]", quoted.join(", "));
                    }
                }
                Ask::Claim {
                    kind,
                    count,
                    blocks,
                    ..
                } => {
                    entry(&mut out, *e, kind, &format!("{count} {blocks}"));
                    let _ = writeln!(out, "  origin: claim\n  count: {count}");
                }
            }
        }
    }
    if every {
        for (e, _) in &groups {
            entry(&mut out, *e, "interactive", "Try it element");
            out.push_str("  covers: [\"Try it\"]\n");
        }
    }
    out.push_str("```\n");
    vec![("requirements.md".to_owned(), out)]
}

#[test]
fn every_layout_names_every_statement() {
    // The renderer itself: each statement's distinctive words reach every layout, so that a
    // verdict difference between layouts is the reader's, not the renderer's.
    let all = super::designed::all_statements();
    for layout in Layout::ALL {
        let text: String = layout
            .render(&all)
            .into_iter()
            .map(|(_, text)| text)
            .collect();
        for rec in &RECS {
            let needle = match rec.ask {
                Ask::Add { what, .. } => what.split(' ').next_back().unwrap_or(what),
                Ask::Claim { blocks, .. } => blocks,
            };
            assert!(
                text.contains(needle),
                "{layout:?} lacks {needle:?}:\n{text}"
            );
        }
        assert!(text.contains("Try it"), "{layout:?}");
    }
}
