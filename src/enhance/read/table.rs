//! Recommendations written as a table. Columns are recognised by their header:
//!
//! | Episode | Series | Recommendation | Kind | Details |
//! |---|---|---|---|---|
//! | Ep 2 | Case Studies | Add checkout latency numbers | metrics | p50, p99, error rate |
//!
//! The episode cell may be a number, any reference (`Ep. 2`, `#2`, `2 (Case Studies)`) or a
//! title; the series comes from its own column, the reference, or the heading above the
//! table. Without an episode column, a table inside an episode's section holds that
//! episode's recommendations. A table whose columns are kinds (`| Episode | Metrics |
//! Diagram |`) gives one requirement per filled cell. A column whose cells all name only a
//! kind (`Diagram`, `Code`, `Metrics`) is the kind column whatever its header says.

use super::vocabulary;
use crate::enhance::titles::{TitleIndex, TitleMatch};
use crate::enhance::{Draft, Kind, Origin, TargetSpec, example, kind, text};
use crate::markdown::{Document, Table};
use crate::reference;

/// What one table says.
#[derive(Debug, Default)]
pub(super) struct TableReading {
    pub(super) drafts: Vec<Draft>,
}

/// The roles of a table's columns.
#[derive(Debug, Default)]
struct Columns {
    episode: Option<usize>,
    series: Option<usize>,
    title: Option<usize>,
    kind: Option<usize>,
    /// `Status` / `State`: "claimed as present" or "already covered" makes a row a claim.
    status: Option<usize>,
    details: Vec<usize>,
    /// Columns whose header names a kind (`Metrics`, `Diagram`), for a matrix table.
    kinds: Vec<(usize, Kind)>,
}

fn columns(header: &[String]) -> Columns {
    let mut c = Columns::default();
    for (i, cell) in header.iter().enumerate() {
        let words = text::tokens(cell);
        let has = |w: &str| words.iter().any(|x| x == w);
        let trimmed = cell.trim();
        if c.episode.is_none()
            && (has("episode")
                || has("ep")
                || trimmed == "#"
                || trimmed.eq_ignore_ascii_case("no."))
        {
            c.episode = Some(i);
        } else if c.series.is_none() && (has("series") || has("serie")) {
            c.series = Some(i);
        } else if c.status.is_none() && (has("status") || has("state") || has("origin")) {
            c.status = Some(i);
        } else if c.kind.is_none()
            && (has("kind") || has("type") || has("category") || has("format"))
        {
            c.kind = Some(i);
        } else if c.title.is_none() && names_a_title(cell) {
            c.title = Some(i);
        } else if [
            "detail",
            "example",
            "note",
            "content",
            "cover",
            "description",
            "term",
            "include",
            "scope",
            "specific",
            "why",
            "rationale",
        ]
        .iter()
        .any(|w| has(w))
        {
            c.details.push(i);
        } else if let Some(k) = kind::intent(cell) {
            c.kinds.push((i, k));
        }
    }
    c
}

/// Words of a header that makes its column the recommendations' titles.
const TITLE_WORDS: &[&str] = &[
    "recommendation",
    "recommended",
    "enhancement",
    "addition",
    "suggestion",
    "change",
    "item",
    "requirement",
    "add",
    "what",
    "gap",
    "title",
    "section",
    "improvement",
    "ask",
    "request",
];

/// Whether a header names the titles' column ("Recommendation", "What to add"): its words as
/// written, lower-cased, since "what" and "add" are no content words for [`text::tokens`].
fn names_a_title(header: &str) -> bool {
    let words: Vec<String> = header
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .collect();
    // "Where to add", "Placement": where a request goes, not what it is.
    let placement = [
        "where",
        "after",
        "before",
        "placement",
        "position",
        "location",
        "when",
    ];
    if words.iter().any(|w| placement.contains(&w.as_str())) {
        return false;
    }
    words.iter().any(|w| {
        let singular = w.strip_suffix('s').unwrap_or(w);
        TITLE_WORDS.contains(&w.as_str()) || TITLE_WORDS.contains(&singular)
    })
}

/// Whether a cell names a kind and nothing else (`Diagram`, `Code`, `Metrics block`,
/// `mermaid:sequence`).
fn names_only_a_kind(cell: &str) -> bool {
    Kind::parse_name(cell).is_some() || kind::named_alone(cell).is_some()
}

/// Without a kind column by header: a column whose every filled cell names only a kind
/// (`| Section | What to add |` with `Diagram`, `Code` and `Metrics` below `Section`) is the
/// kind column. When it had been taken for the titles, it is the kind column only if another
/// column's header names the titles, which then hold them; otherwise its cells stay the
/// titles (`| Recommendation | Details |` over `| Diagram | … |`).
fn kind_column_by_cells(table: &Table, c: &mut Columns) {
    if c.kind.is_some() {
        return;
    }
    let other_role = |i: usize, c: &Columns| {
        [c.episode, c.series, c.status].contains(&Some(i))
            || c.details.contains(&i)
            || c.kinds.iter().any(|&(k, _)| k == i)
    };
    let filled = |i: usize| {
        table
            .rows
            .iter()
            .filter_map(move |row| row.get(i))
            .map(|cell| cell.trim())
            .filter(|cell| !is_blank(cell))
    };
    let Some(found) = (0..table.header.len())
        .filter(|&i| !other_role(i, c))
        .find(|&i| filled(i).next().is_some() && filled(i).all(names_only_a_kind))
    else {
        return;
    };
    if c.title == Some(found) {
        let free = |i: &usize| *i != found && !other_role(*i, c);
        let Some(titles) = (0..table.header.len())
            .filter(free)
            .find(|&i| names_a_title(&table.header[i]))
        else {
            return;
        };
        c.title = Some(titles);
    }
    c.kind = Some(found);
}

/// The roles of a table's columns, from its header and, when `guess` and the header names no
/// episode column (`| Where | Ask |`), from its cells: a column of no other role whose every
/// filled cell starts with an episode reference spelt out (`Ep 2`, `Episode 3 (Case
/// Studies)`; not a bare `#1`, which is as often a rank) is the episode column.
fn columns_of(table: &Table, guess: bool) -> Columns {
    let mut c = columns(&table.header);
    kind_column_by_cells(table, &mut c);
    if c.episode.is_some() || !guess {
        return c;
    }
    let has_role = |i: usize, c: &Columns| {
        [c.series, c.title, c.kind, c.status].contains(&Some(i))
            || c.details.contains(&i)
            || c.kinds.iter().any(|&(k, _)| k == i)
    };
    c.episode = (0..table.header.len())
        .filter(|&i| !has_role(i, &c))
        .find(|&i| {
            let mut filled = table
                .rows
                .iter()
                .filter_map(|row| row.get(i))
                .map(|cell| cell.trim())
                .filter(|cell| !cell.is_empty())
                .peekable();
            filled.peek().is_some()
                && filled.all(|cell| {
                    reference::find(cell)
                        .first()
                        .is_some_and(|r| r.span.start == 0)
                })
        });
    c
}

/// Whether the table lists requirements (it has an episode or a recommendation column).
pub(super) fn is_requirements_table(table: &Table) -> bool {
    let c = columns_of(table, true);
    c.episode.is_some() || c.title.is_some()
}

/// The requirements of one table; `context` is the episode (or group) the table sits under.
pub(super) fn read(
    doc: &Document<'_>,
    table: &Table,
    context: &Option<TargetSpec>,
    titles: &TitleIndex,
) -> TableReading {
    let context_names_episode = context
        .as_ref()
        .is_some_and(|t| !t.numbers.is_empty() || !t.episodes.is_empty() || t.title.is_some());
    let c = columns_of(table, !context_names_episode);
    let mut out = TableReading::default();
    if c.episode.is_none() && (!context_names_episode || (c.title.is_none() && c.kinds.is_empty()))
    {
        return out;
    }
    let lines = row_lines(doc, table);
    for (r, row) in table.rows.iter().enumerate() {
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).map(|s| s.trim()).unwrap_or("");
        let target = match c.episode {
            Some(_) => match row_target(cell(c.episode), cell(c.series), context, titles) {
                Some(t) => t,
                None => continue,
            },
            None => match context {
                Some(t) => t.clone(),
                None => continue,
            },
        };
        let span = lines.get(r).cloned().unwrap_or(table.span.clone());
        let details: Vec<&str> = c
            .details
            .iter()
            .map(|&i| cell(Some(i)))
            .filter(|s| !s.is_empty())
            .collect();
        let description = details.join("; ");
        if c.title.is_some() || c.kinds.is_empty() {
            let title = match cell(c.title) {
                "" => first_free_cell(row, &c),
                t => t.to_owned(),
            };
            if is_blank(&title) || vocabulary::declines(&title) {
                continue;
            }
            if vocabulary::is_claim(cell(c.status)) || vocabulary::is_claim(&title) {
                let claimed = if vocabulary::is_claim(&title) {
                    vocabulary::claimed_part(&title).into_owned()
                } else {
                    title.clone()
                };
                let (kind, fingerprint) = example::claim(&format!("{claimed} {description}"));
                let mut d = draft(doc, span, claimed.clone(), kind, fingerprint, target);
                d.origin = Origin::Claim;
                d.count = crate::enhance::claim::claimed_count(&claimed);
                out.drafts.push(d);
                continue;
            }
            // A kind named outright (`metrics`, `mermaid:sequence`) decides; words in the kind
            // cell ("Python example") only when the title says no kind of its own.
            let kind_cell = cell(c.kind);
            let explicit = Kind::parse_name(kind_cell).or_else(|| match kind::intent(&title) {
                None | Some(Kind::Prose(_)) => kind::intent(kind_cell),
                Some(_) => None,
            });
            // A bare `mermaid` or `code` is made precise by the recommendation's own words ("a
            // flowchart of the hash ring", "a Go sample"); details may name other things.
            let explicit = explicit.map(|k| kind::within_group(k, &title));
            let (kind, fingerprint) = match explicit {
                Some(kind) => example::explicit(kind, &title, &description),
                None => example::read_unit(
                    &title,
                    &format!(": {description}"),
                    None,
                    example::Grouping::default(),
                ),
            };
            out.drafts
                .push(draft(doc, span, title, kind, fingerprint, target));
        } else {
            for (i, k) in &c.kinds {
                let written = cell(Some(*i));
                // "✅" or "Good": there already; "None needed": declined.
                if is_blank(written) || is_ticked_off(written) || vocabulary::declines(written) {
                    continue;
                }
                // "❌ add p99 latency" asks for what follows the mark; "❌" alone, for a block
                // of the column's kind.
                let wanted = match without_missing_mark(written) {
                    "" => table.header.get(*i).map_or(written, |h| h.trim()),
                    asked => asked,
                };
                let kind = kind::within_group(k.clone(), wanted);
                let (kind, fingerprint) = example::explicit(kind, wanted, wanted);
                out.drafts.push(draft(
                    doc,
                    span.clone(),
                    wanted.to_owned(),
                    kind,
                    fingerprint,
                    target.clone(),
                ));
            }
        }
    }
    out
}

fn draft(
    doc: &Document<'_>,
    span: std::ops::Range<usize>,
    title: String,
    kind: Kind,
    fingerprint: crate::enhance::Fingerprint,
    target: TargetSpec,
) -> Draft {
    Draft {
        title,
        kind,
        origin: Origin::Recommended,
        file: doc.source.rel_path.clone(),
        span,
        target,
        fingerprint,
        count: None,
    }
}

fn is_blank(cell: &str) -> bool {
    matches!(
        cell.trim().to_lowercase().as_str(),
        "" | "-"
            | "—"
            | "–"
            | "n/a"
            | "na"
            | "none"
            | "✓"
            | "✔"
            | "x"
            | "ok"
            | "done"
            | "yes"
            | "no"
    )
}

/// Whether a cell says the block is there ("✅", "☑️", "✔ since v2", "Present").
fn is_ticked_off(cell: &str) -> bool {
    let cell = cell.trim();
    cell.starts_with(['✅', '☑', '✔', '✓', '🟢'])
        || ["present", "covered", "complete", "good", "fine"]
            .iter()
            .any(|word| cell.eq_ignore_ascii_case(word))
}

/// A cell without the mark that says the block is missing, and without the verb that asks
/// for it ("❌ add p99 latency": "p99 latency").
fn without_missing_mark(cell: &str) -> &str {
    let rest = cell
        .trim()
        .trim_start_matches(['❌', '✗', '✘', '⚠', '🔴', '⛔', '\u{fe0f}'])
        .trim();
    ["add ", "needs ", "missing "]
        .iter()
        .find_map(|verb| crate::text::strip_prefix_ignore_ascii_case(rest, verb))
        .map_or(rest, str::trim)
}

fn first_free_cell(row: &[String], c: &Columns) -> String {
    row.iter()
        .enumerate()
        .find(|(i, cell)| {
            Some(*i) != c.episode
                && Some(*i) != c.series
                && Some(*i) != c.kind
                && !cell.trim().is_empty()
        })
        .map(|(_, cell)| cell.trim().to_owned())
        .unwrap_or_default()
}

/// The episode a row names: a number, a reference or a title.
fn row_target(
    cell: &str,
    series_cell: &str,
    context: &Option<TargetSpec>,
    titles: &TitleIndex,
) -> Option<TargetSpec> {
    let context_series = context.as_ref().and_then(|t| t.series.clone());
    let series = Some(series_cell.to_owned())
        .filter(|s| !s.is_empty())
        .or(context_series);
    let mut target = TargetSpec {
        series,
        ..TargetSpec::default()
    };
    let digits: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    if let Ok(n) = digits.trim_start_matches('#').parse::<u32>() {
        target.numbers.push(n);
    } else if let Some(r) =
        reference::parse(cell).or_else(|| reference::parse(&format!("Episode {cell}")))
    {
        target.numbers = r.numbers;
        if let Some(q) = r.qualifier {
            target.series = Some(q);
        }
        target.title = Some(r.rest).filter(|t| !t.is_empty());
    } else {
        match titles.find(cell) {
            TitleMatch::One(e) => target.episodes.push(e),
            TitleMatch::Several(list) => target.ambiguous_title = list,
            TitleMatch::None => return None,
        }
        target.title = Some(cell.to_owned());
    }
    Some(target)
}

/// The span of each body row's line in the file.
fn row_lines(doc: &Document<'_>, table: &Table) -> Vec<std::ops::Range<usize>> {
    let text = doc.source.text.get(table.span.clone()).unwrap_or("");
    let mut out = Vec::new();
    let mut offset = table.span.start;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        out.push(offset..offset + trimmed.len());
        offset += line.len();
    }
    // Header and delimiter rows come first.
    out.into_iter().skip(2).collect()
}
