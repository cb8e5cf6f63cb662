//! `episode new "Title"`: a new episode file in its series ([`scaffold::placement`]) with the
//! front matter fields the series' episodes use, the sections `book.toml` requires and a
//! section for each recommendation that targets it ([`scaffold::targeting`],
//! [`scaffold::skeleton`]). An existing file is never overwritten (exit 2).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::bail;

use crate::Outcome;
use crate::check::counts;
use crate::cli::NewArgs;
use crate::course::{self, Course};
use crate::markdown::{self, Document};
use crate::scaffold::episode::{self, Field, NewEpisode};
use crate::scaffold::skeleton::{self, Recommended};
use crate::scaffold::{self, Created, placement, sections, targeting};
use crate::term::{Terminal, print_out, printable};

/// Creates the episode.
pub fn run(root: &Path, args: &NewArgs, term: &Terminal) -> anyhow::Result<Outcome> {
    let title = args.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if !title.chars().any(char::is_alphanumeric) {
        bail!(
            "the title has no words: give the episode a title, as in `episode new \"Caching at the Edge\"`"
        );
    }
    let loaded = course::load::load(root, None)?;
    let docs: Vec<Document<'_>> = loaded
        .episodes
        .iter()
        .map(|f| markdown::parse(&f.source))
        .collect();
    let docs: Vec<&Document<'_>> = docs.iter().collect();
    let (place, series, fields) = {
        let (course, _) = course::assemble_documents(&loaded, &docs);
        let place = placement::place(
            &loaded,
            &course,
            &title,
            args.series.as_deref(),
            args.number,
        )?;
        let fields = fields_used(&course, &docs, place.series);
        let series = course.series[place.series].clone();
        (place, series, fields)
    };
    let path = loaded.config.root.join(&place.path);
    let shown = shown_path(root, &place.path);
    if path.exists() {
        bail!(
            "{shown} already exists; `episode new` never overwrites a file\n  help: give the episode another title or --number, or edit the file that is there"
        );
    }
    let patterns = counts::requirements_for(&loaded.config.lint, &series.slug).sections;
    let required = sections::headings(&patterns);
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_string();
    let mut new = NewEpisode {
        title: &title,
        number: place.number,
        series: &series.name,
        fields: &fields,
        today: &today,
        required: &required,
        recommended: &[],
    };
    let draft = episode::text(&new);
    let requirements =
        targeting::requirements_for(&loaded, &docs, &series.dir, &place.path, &draft);
    let recommended: Vec<String> = requirements
        .iter()
        .map(|r| {
            skeleton::section(&Recommended {
                title: &r.draft.title,
                kind: &r.draft.kind,
                items: r.draft.fingerprint.items(&r.draft.kind),
                source: format!("{}:{}", r.draft.file, r.line),
            })
        })
        .collect();
    new.recommended = &recommended;
    if scaffold::create(&path, &episode::text(&new))? == Created::AlreadyThere {
        bail!("{shown} already exists; `episode new` never overwrites a file");
    }
    if !term.quiet {
        let mut out = format!(
            "Created {}: episode {} of {}\n",
            printable(&shown, false),
            place.number,
            printable(&series.name, false)
        );
        if !required.is_empty() {
            let _ = writeln!(
                out,
                "  sections book.toml requires: {}",
                required.join(", ")
            );
        }
        if !requirements.is_empty() {
            let _ = writeln!(out, "  sections the recommendations ask for:");
            for r in &requirements {
                let _ = writeln!(
                    out,
                    "    {:<18} {} ({}:{})",
                    r.draft.kind.name(),
                    printable(&r.draft.title, false),
                    r.draft.file,
                    r.line
                );
            }
        }
        print_out(&out)?;
    }
    Ok(Outcome::Clean)
}

/// The front matter fields the series' episodes use; the whole course's when the series has
/// no episode yet (only an introduction).
fn fields_used(course: &Course, docs: &[&Document<'_>], series: usize) -> BTreeSet<Field> {
    let of = |in_series: bool| -> BTreeSet<Field> {
        course
            .episodes
            .iter()
            .filter(|e| !in_series || e.series == series)
            .filter_map(|e| docs.get(e.file).map(|doc| episode::fields_of(doc, &e.meta)))
            .flatten()
            .collect()
    };
    let own = of(true);
    if own.is_empty() { of(false) } else { own }
}

/// The new file as the author reaches it: under `--root` when one is given.
fn shown_path(root: &Path, rel: &str) -> String {
    if root == Path::new(".") {
        rel.to_owned()
    } else {
        root.join(rel).display().to_string()
    }
}
