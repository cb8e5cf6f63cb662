//! `episode build`: load, parse, check, render, write; then the findings and a one-line summary.
//! Errors are printed in full; warnings and notes are counted on one line that points at
//! `episode lint` (in full with `--verbose`).
//!
//! The build runs the same checks as `episode lint` and publishes their recommendation
//! verdicts as `coverage.html`; `--strict` makes error-level findings fail the build, and a
//! failed strict build writes nothing, so the previous site stays in place.

use crate::text::plural;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::cli::BuildArgs;
use crate::diagnostic::{Counts, Diagnostic, Severity};
use crate::highlight::Highlighter;
use crate::highlight::grammars::{Compiled, Grammars};
use crate::mermaid::DiagramKind;
use crate::mermaid::MermaidEngine;
use crate::mermaid::blocks::{DrawAhead, TypeCost};
use crate::mermaid::cache::DiskCache;
use crate::render::diagrams::SiteRenderer;
use crate::render::{self, RenderOptions, Theme, Tools};
use crate::term::{Terminal, millis, print_err, printable, shell_word};
use crate::{Outcome, check, course, output, pipeline, report};

/// Episode count above which an interactive terminal gets a progress bar.
const PROGRESS_THRESHOLD: usize = 50;

/// Builds the site.
pub fn run(root: &Path, args: &BuildArgs, term: &Terminal) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let loaded = course::load::load(root, args.out.as_deref())?;
    output::check_destination(&loaded.config)?;
    term.stage("load", started);

    let since = Instant::now();
    // Configured by the first diagram parsed or drawn (beside the grammar compilation, when the
    // parse checks a diagram; never, when every check and drawing comes from the cache).
    let engine = MermaidEngine::new();
    let cache = DiskCache::from_env();
    let ahead = DrawAhead::default();
    // Grammars load when the course's checks or pages first need them. The checks highlight
    // into its cache the fences they parse, so the pages need not parse them again.
    let highlighter = match crate::mermaid::cache::default_dir(|name| std::env::var_os(name)) {
        Some(root) => Highlighter::load().with_disk_cache(&root),
        None => Highlighter::load(),
    };
    // The theme's templates compile while the course is parsed: neither needs the other. So
    // does the long-tail grammar pack, which the lint's language check would otherwise load.
    let (theme, mut files) = rayon::join(
        || {
            crate::highlight::load_fallback();
            Theme::load(&loaded.config.templates_dir)
        },
        || {
            pipeline::parse_files_drawing(
                &loaded,
                &engine,
                cache.as_ref(),
                Some(&ahead),
                Some(&highlighter),
            )
        },
    );
    let theme = theme?;
    let model = pipeline::Model::assemble(&loaded, &files);
    term.stage("parse and theme", since);
    term.stage_time("  diagrams, all threads", files.diagram_time);

    let since = Instant::now();
    let (mut lint, coverage) = {
        let parsed = model.view(&loaded, &files);
        let lint = check::lint(&parsed);
        let coverage = lint.coverage(&parsed);
        (lint, coverage)
    };
    // Pages are made from the documents' events: what only the checks read goes before
    // rendering needs the room.
    files.release_checked();
    crate::memory::give_back();
    let parsed = model.view(&loaded, &files);
    term.stage("check", since);

    let since = Instant::now();
    let progress = progress_bar(term, parsed.course.episodes.len());
    let tick = || {
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    };
    let diagrams = SiteRenderer::new(&engine, cache.as_ref());
    let options = RenderOptions {
        drafts: args.drafts,
        diagrams: Some(&diagrams),
        progress: Some(&tick),
        coverage: Some(&coverage),
        ..RenderOptions::default()
    };
    let tools = Tools {
        theme: &theme,
        highlighter: &highlighter,
    };
    // Pages go to the new site's working folder as they are rendered; it replaces the
    // previous site only at the end, and is removed if the build fails or is refused.
    let writer = output::SiteWriter::begin(&loaded.config.output)?;
    let sink = |file: &output::OutputFile| writer.write(file);
    let rendered = render::render(&parsed, tools, &options, &sink);
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    let rendered = rendered?;
    term.stage("render", since);

    // Before the reports: sealing can fail too (a full disk), and its time belongs to the build.
    let since = Instant::now();
    if let Some(cache) = &cache {
        cache.seal();
    }
    highlighter.seal_disk_cache();
    term.stage("seal caches", since);
    report_diagrams(&diagrams, &ahead, term);
    report_highlights(&highlighter, term);
    report_grammars(term);
    report_files(&writer, term);

    let lint_finds = LintFinds::of(lint.diagnostics());
    lint.add(&parsed, rendered.diagnostics.iter().cloned());
    let diagnostics = lint.diagnostics();
    print_diagnostics(diagnostics, &lint_finds, &parsed, root, term);

    let counts = Counts::of(diagnostics);
    if args.strict && counts.errors > 0 {
        // A strict build that fails publishes nothing: the previous site stays as it was
        // (the writer, dropped unfinished, removes what it wrote).
        if !term.quiet {
            eprintln!(
                "{}",
                refused_summary(&loaded.config.output, term.elapsed(), counts)
            );
        }
        return Ok(Outcome::ContentErrors);
    }

    let since = Instant::now();
    writer.finish()?;
    term.stage("write", since);

    if !term.quiet {
        print_err(&format!(
            "{}\n",
            summary(&rendered, &loaded.config.output, term.elapsed(), counts)
        ));
    }
    Ok(Outcome::Clean)
}

/// With `--verbose`: how many diagrams were drawn (while validated, or for their page) or
/// reused, and a note when the cache could not be written (once, however many diagrams it
/// concerned).
fn report_diagrams(diagrams: &SiteRenderer<'_>, ahead: &DrawAhead, term: &Terminal) {
    if !term.verbose {
        return;
    }
    let stats = diagrams.stats();
    print_err(&format!(
        "  diagrams: {} drawn while validated, {} drawn for their page, {} from earlier builds' cache, {} failed; {:.1} ms busy over all threads in the pages\n",
        ahead.drawn(),
        stats.rendered,
        stats.cached,
        stats.failed,
        stats.busy_micros as f64 / 1000.0
    ));
    print_err(&cost_by_type(&ahead.cost_by_type()));
    if let Some(cache) = diagrams.cache().filter(|c| c.write_failed()) {
        print_err(&format!(
            "note: the diagram cache at {} cannot be written; diagrams are drawn again on every build\n",
            cache.dir().display()
        ));
    }
}

/// The first line of what [`cost_by_type`] prints.
const COST_BY_TYPE: &str =
    "  diagrams drawn while validated, by type (time to validate and draw, summed over threads):";

/// The lines of `-v` that say what the diagrams drawn while validated cost, by type, the
/// costliest first, then all types together (nothing when none was drawn). Diagrams drawn for
/// their page, and those only validated, are not among them: the stage time above counts
/// those too.
fn cost_by_type(costs: &[(DiagramKind, TypeCost)]) -> String {
    let mut lines = String::new();
    if costs.is_empty() {
        return lines;
    }
    lines.push_str(COST_BY_TYPE);
    lines.push('\n');
    let row = |lines: &mut String, name: &str, drawn: usize, time: Duration| {
        let millis = millis(time);
        lines.push_str(&format!(
            "    {name:<28} {drawn:>6} drawn {millis:>10.1} ms {:>8.2} ms each\n",
            millis / drawn.max(1) as f64
        ));
    };
    for (kind, cost) in costs {
        let name = match kind {
            DiagramKind::Other => "other types",
            kind => kind.label(),
        };
        row(&mut lines, name, cost.drawn, cost.time);
    }
    if costs.len() > 1 {
        let drawn = costs.iter().map(|(_, c)| c.drawn).sum();
        let time = costs.iter().map(|(_, c)| c.time).sum();
        row(&mut lines, "all types", drawn, time);
    }
    lines
}

/// With `--verbose`: how many code blocks came from the highlight cache, and a note when the
/// cache could not be written.
fn report_highlights(highlighter: &Highlighter, term: &Terminal) {
    let Some((stats, dir)) = highlighter.disk_stats().filter(|_| term.verbose) else {
        return;
    };
    print_err(&format!(
        "  code blocks: {} highlighted while checked, {} highlighted for their page, {} from earlier builds' cache\n",
        stats.ahead, stats.misses, stats.hits
    ));
    if stats.write_failed {
        print_err(&format!(
            "note: the highlight cache at {} cannot be written; code is highlighted again on every build\n",
            dir.display()
        ));
    }
}

/// With `--verbose`: which grammars' highlight queries the build compiled, and what each
/// cost ([`grammar_times`]).
fn report_grammars(term: &Terminal) {
    if term.verbose {
        print_err(&grammar_times(&Grammars::shared().compiled()));
    }
}

/// The line of `-v` that names each grammar whose highlight queries were compiled, with the
/// time it took, in the order given ([`Grammars::compiled`] puts the costliest first): a fixed
/// cost of every cold build of a course that uses the language, however few blocks it has
/// (nothing when none was compiled).
fn grammar_times(compiled: &[Compiled]) -> String {
    if compiled.is_empty() {
        return String::new();
    }
    let each: Vec<String> = compiled
        .iter()
        .map(|c| {
            let which = if c.tagged_templates {
                " with tagged-template injections"
            } else {
                ""
            };
            format!(
                "{}{which} {:.1} ms",
                c.grammar.display_name(),
                millis(c.time)
            )
        })
        .collect();
    let total: Duration = compiled.iter().map(|c| c.time).sum();
    format!(
        "  highlight queries compiled (time each, summed over threads): {}; {:.1} ms in all\n",
        each.join(", "),
        millis(total)
    )
}

/// With `--verbose`: how many files were written, and how many were kept unchanged from the
/// previous site.
fn report_files(writer: &output::SiteWriter, term: &Terminal) {
    if term.verbose {
        let (written, kept) = writer.counts();
        print_err(&format!(
            "  files: {written} written, {kept} unchanged and kept from the previous site\n"
        ));
    }
}

fn progress_bar(term: &Terminal, episodes: usize) -> Option<indicatif::ProgressBar> {
    if !term.interactive || term.quiet || episodes < PROGRESS_THRESHOLD {
        return None;
    }
    let bar = indicatif::ProgressBar::new(episodes as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("  rendering {bar:30} {pos}/{len} episodes")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// Errors in full; warnings and notes in full only with `--verbose`, else one line that counts
/// them and names the command that shows them (a first build of a course can find hundreds).
/// `--quiet`: errors only.
fn print_diagnostics(
    diagnostics: &[Diagnostic],
    lint_finds: &LintFinds,
    parsed: &pipeline::Parsed<'_>,
    root: &Path,
    term: &Terminal,
) {
    let sources = parsed.sources();
    let (shown, held_back): (Vec<&Diagnostic>, Vec<&Diagnostic>) = diagnostics
        .iter()
        .partition(|d| d.severity == Severity::Error || term.verbose);
    for d in shown {
        print_err(&format!("{}\n", report::human(d, &sources, term.style())));
    }
    let build_only = held_back.iter().filter(|d| !lint_finds.has(d)).count();
    if !term.quiet
        && let Some(line) = held_back_line(&held_back, build_only, root)
    {
        print_err(&format!("{line}\n\n"));
    }
}

/// The findings `episode lint` reports, as the build's checks found them before its pages
/// were rendered: rendering finds more (a code block that ran out of its highlighting time),
/// which only a build reports.
struct LintFinds(std::collections::HashSet<FindingKey>);

/// What tells one finding from another, for [`LintFinds`]: its rule, file, span and message.
type FindingKey = (&'static str, String, usize, usize, String);

impl LintFinds {
    fn of(diagnostics: &[Diagnostic]) -> Self {
        Self(diagnostics.iter().map(key).collect())
    }

    fn has(&self, diagnostic: &Diagnostic) -> bool {
        self.0.contains(&key(diagnostic))
    }
}

fn key(d: &Diagnostic) -> FindingKey {
    (
        d.rule.as_str(),
        d.file.clone(),
        d.span.start,
        d.span.end,
        d.message.clone(),
    )
}

/// `warning: 176 warnings and 2 notes in 12 files; run `episode lint` to see them`, or
/// `None` when nothing was held back. When `build_only` of them are findings only a build
/// makes, the line says how many `episode lint` shows, or that it shows none of them.
fn held_back_line(held_back: &[&Diagnostic], build_only: usize, root: &Path) -> Option<String> {
    if held_back.is_empty() {
        return None;
    }
    let count = |severity: Severity| held_back.iter().filter(|d| d.severity == severity).count();
    let (warnings, notes) = (count(Severity::Warning), count(Severity::Note));
    let what = match (warnings, notes) {
        (0, notes) => plural(notes, "note"),
        (warnings, 0) => plural(warnings, "warning"),
        (warnings, notes) => format!(
            "{} and {}",
            plural(warnings, "warning"),
            plural(notes, "note")
        ),
    };
    let files: std::collections::BTreeSet<&str> = held_back
        .iter()
        .map(|d| d.file.as_str())
        .filter(|f| !f.is_empty())
        .collect();
    let place = match files.len() {
        0 => "about the course".to_owned(),
        n => format!("in {}", plural(n, "file")),
    };
    let mut command = "episode lint".to_owned();
    if root != Path::new(".") {
        command.push_str(" --root ");
        command.push_str(&shell_word(&root.to_string_lossy()));
    }
    let level = if warnings > 0 { "warning" } else { "note" };
    let advice = match held_back.len() - build_only {
        _ if build_only == 0 => {
            format!("run `{command}` to see them (or build with --verbose)")
        }
        0 => format!("build with --verbose to see them (`{command}` does not find them)"),
        by_lint => {
            format!("build with --verbose to see them (`{command}` finds {by_lint} of them)")
        }
    };
    Some(printable(&format!("{level}: {what} {place}; {advice}"), false).into_owned())
}

/// `Built 6 episodes (10 pages) into site/ in 0.21 s — 0 errors, 2 warnings`.
fn summary(rendered: &render::Rendered, out: &Path, elapsed: Duration, counts: Counts) -> String {
    format!(
        "Built {} ({}) into {} in {:.2} s — {}, {}",
        plural(rendered.episodes, "episode"),
        plural(rendered.pages, "page"),
        display_dir(out),
        elapsed.as_secs_f64(),
        plural(counts.errors, "error"),
        plural(counts.warnings, "warning"),
    )
}

/// `Not written (--strict): 1 error, 0 warnings; site/ is unchanged (0.21 s)`.
fn refused_summary(out: &Path, elapsed: Duration, counts: Counts) -> String {
    format!(
        "Not written (--strict): {}, {}; {} is unchanged ({:.2} s)",
        plural(counts.errors, "error"),
        plural(counts.warnings, "warning"),
        display_dir(out),
        elapsed.as_secs_f64(),
    )
}

/// The output folder as the user thinks of it: relative to the current folder when inside it.
fn display_dir(out: &Path) -> String {
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| out.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| out.to_path_buf());
    format!("{}/", shown.display())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlight::grammars::Grammar;
    use std::time::Duration;

    #[test]
    fn the_cost_table_names_each_type_and_adds_them_up() {
        let cost = |drawn, millis| TypeCost {
            drawn,
            time: Duration::from_millis(millis),
        };
        let table = cost_by_type(&[
            (DiagramKind::Flowchart, cost(4, 20)),
            (DiagramKind::Other, cost(1, 3)),
        ]);
        let lines: Vec<Vec<&str>> = table
            .lines()
            .skip(1)
            .map(|line| line.split_whitespace().collect())
            .collect();
        assert_eq!(table.lines().next(), Some(COST_BY_TYPE));
        assert_eq!(
            lines,
            [
                vec![
                    "flowchart",
                    "4",
                    "drawn",
                    "20.0",
                    "ms",
                    "5.00",
                    "ms",
                    "each"
                ],
                vec![
                    "other", "types", "1", "drawn", "3.0", "ms", "3.00", "ms", "each"
                ],
                vec![
                    "all", "types", "5", "drawn", "23.0", "ms", "4.60", "ms", "each"
                ],
            ]
        );
        assert_eq!(cost_by_type(&[]), "", "nothing drawn, nothing said");
    }

    #[test]
    fn the_held_back_line_sends_findings_only_a_build_makes_to_the_verbose_build() {
        use crate::diagnostic::RuleId;
        let finding =
            |rule, file: &str, message: &str| Diagnostic::new(rule, file, 4..9, message.to_owned());
        let unknown = finding(RuleId::UnknownLanguage, "a.md", "unknown `klingon`");
        let skipped = finding(RuleId::HighlightSkipped, "b.md", "out of time");
        let lint_finds = LintFinds::of(std::slice::from_ref(&unknown));
        assert!(lint_finds.has(&unknown) && !lint_finds.has(&skipped));
        let root = Path::new(".");
        assert_eq!(
            held_back_line(&[&unknown], 0, root).as_deref(),
            Some(
                "warning: 1 warning in 1 file; run `episode lint` to see them (or build with --verbose)"
            )
        );
        assert_eq!(
            held_back_line(&[&skipped], 1, root).as_deref(),
            Some(
                "warning: 1 warning in 1 file; build with --verbose to see them (`episode lint` does not find them)"
            )
        );
        assert_eq!(
            held_back_line(&[&unknown, &skipped], 1, root).as_deref(),
            Some(
                "warning: 2 warnings in 2 files; build with --verbose to see them (`episode lint` finds 1 of them)"
            )
        );
    }

    #[test]
    fn the_grammar_line_names_each_compilation_and_adds_them_up() {
        let compiled = |grammar, tagged_templates, micros| Compiled {
            grammar,
            tagged_templates,
            time: Duration::from_micros(micros),
        };
        let line = grammar_times(&[
            compiled(Grammar::TypeScript, true, 24_100),
            compiled(Grammar::Python, false, 6_800),
        ]);
        assert_eq!(
            line,
            "  highlight queries compiled (time each, summed over threads): TypeScript with tagged-template injections 24.1 ms, Python 6.8 ms; 30.9 ms in all\n"
        );
        assert_eq!(grammar_times(&[]), "", "nothing compiled, nothing said");
    }
}
