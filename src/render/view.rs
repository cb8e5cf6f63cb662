//! The template contract: one typed view per kind of page, serialised into Tera's context.
//!
//! Templates see exactly these fields and nothing else. Every link in a view is a path from
//! the site root (`systems-in-production/episode-03-retries.html`); templates prefix it with
//! `page.root` (`../` on a series page, empty on the home page), so the site works from
//! `file://` as well as from any server path.

use serde::Serialize;

use crate::check::gates::{ContentRow, ContentTotals, GateSetting, GateVerdict};
use crate::enhance::coverage::{Cell, Row, Totals};
use crate::markdown::html::BlockAssets;

/// What every page has: the course, where the page is, what it is called.
#[derive(Debug, Clone, Serialize)]
pub struct Frame<'a> {
    /// The course.
    pub site: &'a SiteView,
    /// Prefix from this page back to the site root (`""`, `"../"`).
    pub root: String,
    /// This page's path from the site root.
    pub path: String,
    /// The `<title>` of the page.
    pub title: String,
    /// `<meta name="description">`.
    pub description: String,
    /// The series sidebar's items (`<li>`…), rendered by `nav-series.html`.
    pub nav: String,
    /// The page's absolute URL, when `base_url` is absolute (canonical link, social cards).
    pub canonical: Option<String>,
    /// For a page shown at any depth (the 404 page): `root` is then the site's absolute path,
    /// and on `file://` a script makes its links relative to the page's own folder again.
    pub root_is_absolute: bool,
    /// Feeds to announce in `<head>` (the course's, and the current series').
    pub feeds: Vec<LinkView>,
    /// `article` for episodes, `website` otherwise (OpenGraph).
    pub kind: &'static str,
    /// The stylesheet itself, for a page that must not depend on any other file (the 404
    /// page: from a sub-path or `file://`, nothing relative to it can be trusted to load).
    pub inline_css: Option<String>,
    /// The site script itself, for the same reason.
    pub inline_js: Option<String>,
    /// The favicon as a `data:` URL, for the same reason (without an icon link, a browser
    /// asks the server for `/favicon.ico`).
    pub inline_icon: Option<String>,
    /// The stylesheet and script of the page's interactive blocks (charts, calculators), which
    /// a page without such blocks does not load.
    pub(crate) interactive: BlockAssets,
}

/// Course-wide values.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Course title.
    pub title: String,
    /// Course description.
    pub description: String,
    /// `<html lang>`.
    pub language: String,
    /// Authors, for the footer.
    pub authors: Vec<String>,
    /// Extra pages linked from the header (e.g. a coverage report).
    pub links: Vec<LinkView>,
    /// Total episodes published.
    pub episode_count: usize,
    /// The course's source repository (footer link).
    pub repository: Option<String>,
    /// Whether the site has a search index (and so a search box).
    pub search: bool,
}

/// A plain link.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Text.
    pub title: String,
    /// Path from the site root.
    pub url: String,
}

/// A series in the sidebar (the context of `nav-series.html`); only the current series lists
/// its episodes.
#[derive(Debug, Clone, Serialize)]
pub struct NavSeries<'a> {
    /// Name.
    pub name: &'a str,
    /// Series page.
    pub url: &'a str,
    /// Whether the current page belongs to this series.
    pub current: bool,
    /// Number of episodes.
    pub count: usize,
    /// Episodes (only for the current series).
    pub episodes: &'a [EpisodeCard],
}

/// A series with its episodes (home and series pages).
#[derive(Debug, Clone, Serialize)]
pub struct SeriesView {
    /// Name.
    pub name: String,
    /// Slug.
    pub slug: String,
    /// Series page.
    pub url: String,
    /// Description (may be empty).
    pub description: String,
    /// Episodes in order.
    pub episodes: Vec<EpisodeCard>,
}

/// An episode as listed: home, series page, sidebar, prev/next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EpisodeCard {
    /// Number in its series.
    pub number: u32,
    /// Title.
    pub title: String,
    /// Page.
    pub url: String,
    /// "45 minutes".
    pub duration: Option<String>,
    /// "Intermediate".
    pub difficulty: Option<String>,
    /// One or two sentences.
    pub summary: Option<String>,
    /// Shown with `--drafts` only.
    pub draft: bool,
    /// The episode is a folder without a script yet: lists say so.
    pub no_script: bool,
}

/// A label and a value on the header card.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// "Format".
    pub label: String,
    /// "Workshop".
    pub value: String,
}

/// A table-of-contents entry.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// Anchor.
    pub id: String,
    /// Text.
    pub text: String,
}

/// The home page.
#[derive(Debug, Clone, Serialize)]
pub struct HomePage<'a> {
    /// Common values.
    pub page: Frame<'a>,
    /// Every series.
    pub series: &'a [SeriesView],
}

/// A series page.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesPage<'a> {
    /// Common values.
    pub page: Frame<'a>,
    /// The series.
    pub series: &'a SeriesView,
    /// The series' introduction (its `index.md`, `series-overview.md` or `README.md`), HTML.
    pub intro: Option<String>,
}

/// A series' print page: every episode in one page.
#[derive(Debug, Serialize)]
pub struct PrintPage<'a> {
    /// Common values.
    pub page: Frame<'a>,
    /// The series.
    pub series: &'a SeriesView,
    /// Its episodes, in order.
    pub episodes: Vec<PrintEpisode<'a>>,
}

/// One episode on a print page.
#[derive(Debug, Serialize)]
pub struct PrintEpisode<'a> {
    /// Number in the series.
    pub number: u32,
    /// Title.
    pub title: String,
    /// Its own page.
    pub url: String,
    /// Body HTML (or its placeholder: [`super::body_slot`]).
    pub body: &'a str,
    /// The anchor of its page's "Code" section and the paths of its code files (bundle
    /// episodes with code), which the print page names.
    pub code: Option<(String, Vec<String>)>,
}

/// An episode page.
#[derive(Debug, Clone, Serialize)]
pub struct EpisodePage<'a> {
    /// Common values.
    pub page: Frame<'a>,
    /// Its series.
    pub series: LinkView,
    /// The header card.
    pub episode: EpisodeHeader,
    /// Table of contents (levels 2 and 3).
    pub toc: Vec<TocEntry>,
    /// The body HTML (or its placeholder: [`super::body_slot`]).
    pub body: &'a str,
    /// Previous episode: in the series, or the last of the series before for its first.
    pub prev: Option<EpisodeCard>,
    /// The name of `prev`'s series, when it is another series.
    pub prev_series: Option<String>,
    /// Next episode: in the series, or the first of the series after for its last.
    pub next: Option<EpisodeCard>,
    /// The name of `next`'s series, when it is another series.
    pub next_series: Option<String>,
    /// "Edit this page" link, when `[site] edit_url` is set.
    pub edit_url: Option<String>,
    /// The notes of the episode's folder (bundle layout), each a page of its own.
    pub notes: Vec<LinkView>,
    /// The episode is a folder without a script yet: the page says so.
    pub no_script: bool,
    /// The episode's code files (bundle episodes with code only).
    pub code: Option<CodeSection>,
}

/// The "Code" section of an episode page: the files of its bundle's `code` patterns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeSection {
    /// The section's anchor (`code`, or another when a heading of the script has it).
    pub id: String,
    /// The files, sorted by path: the examples first, then the tests.
    pub files: Vec<CodeEntry>,
    /// How many of `files` are tests.
    pub tests: usize,
}

/// How a code file is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeShown {
    /// Highlighted in its language.
    Highlighted,
    /// As plain text: text in no language the highlighter knows (`requirements.txt`).
    Plain,
    /// Not shown: not text, or too large; listed with its size and a download link.
    Listed,
}

/// One file of the "Code" section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeEntry {
    /// Its anchor on the page (what the search index links to).
    pub id: String,
    /// Its path in the episode's folder (`code/python/simulate.py`).
    pub path: String,
    /// The language's name (`Python`), or `None` when the highlighter knows none for it.
    pub language: Option<String>,
    /// Whether it is a test.
    pub test: bool,
    /// Its number of lines (`None` when it is not text).
    pub lines: Option<usize>,
    /// Its size, for readers (`2.4 KiB`).
    pub size: String,
    /// The copy on the site, from the site root (`None` when it could not be copied).
    pub download: Option<String>,
    /// How it is shown.
    pub shown: CodeShown,
    /// Its code block (the same markup as a fenced block's), when it is shown.
    pub html: Option<String>,
    /// Whether its `<details>` starts open.
    pub open: bool,
}

/// The metadata card at the top of an episode.
#[derive(Debug, Clone, Serialize)]
pub struct EpisodeHeader {
    /// Number.
    pub number: u32,
    /// Title.
    pub title: String,
    /// Subtitle heading under the title, if the episode has one.
    pub subtitle: Option<String>,
    /// Duration.
    pub duration: Option<String>,
    /// Difficulty.
    pub difficulty: Option<String>,
    /// Audience.
    pub audience: Option<String>,
    /// Prerequisites.
    pub prerequisites: Vec<String>,
    /// Summary.
    pub summary: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Other header lines.
    pub extra: Vec<Field>,
    /// The front matter's `extra` table, for templates (`episode.front_matter_extra.author`).
    pub front_matter_extra: serde_json::Map<String, serde_json::Value>,
    /// Draft.
    pub draft: bool,
}

/// A page whose body is made elsewhere (404, coverage report, ...).
#[derive(Debug, Clone, Serialize)]
pub struct PlainPage<'a> {
    /// Common values.
    pub page: Frame<'a>,
    /// Heading.
    pub heading: String,
    /// The body HTML.
    pub body: String,
}

/// `feed.xml` (RSS 2.0) and `atom.xml` (Atom 1.0), for the course or one series.
#[derive(Debug, Clone, Serialize)]
pub struct FeedView {
    /// Feed title.
    pub title: String,
    /// Feed description.
    pub description: String,
    /// `<html lang>` of the course.
    pub language: String,
    /// Absolute URL of the page the feed belongs to.
    pub home: String,
    /// Absolute URL of this RSS feed.
    pub rss_url: String,
    /// Absolute URL of this Atom feed.
    pub atom_url: String,
    /// Latest entry time, RFC 3339.
    pub updated: String,
    /// Authors of the course.
    pub authors: Vec<String>,
    /// Entries, newest first.
    pub items: Vec<FeedItem>,
}

/// One episode in a feed.
#[derive(Debug, Clone, Serialize)]
pub struct FeedItem {
    /// "Series · Episode 3: Title".
    pub title: String,
    /// Absolute URL of the episode page.
    pub url: String,
    /// Summary, plain text.
    pub summary: String,
    /// RFC 2822 date for RSS, when the episode has one.
    pub rss_date: Option<String>,
    /// RFC 3339 time for Atom (the episode's date, else the feed's).
    pub updated: String,
}

/// `sitemap.xml`.
#[derive(Debug, Clone, Serialize)]
pub struct Sitemap {
    /// Absolute URLs, in order.
    pub urls: Vec<String>,
}

/// `coverage.html`: recommendation verdicts and content counts per episode.
#[derive(Debug, Serialize)]
pub struct CoveragePage<'a> {
    /// Common values.
    pub page: Frame<'a>,
    /// Whether any published episode has a recommendation (else the recommendations table is
    /// left out).
    pub has_recommendations: bool,
    /// Words, code samples, tests and gate verdicts of the published episodes.
    pub content: ContentTable<'a>,
    /// Column families (`metrics`, `mermaid`, `code`, `prose`, `interactive`).
    pub columns: &'a [String],
    /// Rows grouped by series, in course order.
    pub groups: Vec<CoverageGroup<'a>>,
    /// Verdict counts.
    pub totals: Totals,
}

/// The content table of the coverage page.
#[derive(Debug, Serialize)]
pub struct ContentTable<'a> {
    /// The gates configured for at least one episode, in column order.
    pub gates: Vec<GateColumn>,
    /// What the gates ask, per group of series.
    pub settings: &'a [GateSetting],
    /// The published episodes, in course order.
    pub rows: Vec<ContentRowView<'a>>,
    /// Sums over the whole course.
    pub totals: &'a ContentTotals,
}

/// One gate column.
#[derive(Debug, Serialize)]
pub struct GateColumn {
    /// The `book.toml` key (`min_words`).
    pub key: &'static str,
    /// The column heading (`words gate`).
    pub heading: &'static str,
}

/// One episode of the content table.
#[derive(Debug, Serialize)]
pub struct ContentRowView<'a> {
    /// Its counts and verdicts.
    pub row: &'a ContentRow,
    /// For each gate column, its verdict (`None` where the gate does not apply).
    pub verdicts: Vec<Option<&'a GateVerdict>>,
}

/// The rows of one series.
#[derive(Debug, Serialize)]
pub struct CoverageGroup<'a> {
    /// Series display name.
    pub series_name: String,
    /// Its episodes.
    pub rows: Vec<CoverageRow<'a>>,
}

/// One episode: its cells split by column.
#[derive(Debug, Serialize)]
pub struct CoverageRow<'a> {
    /// The episode's row of the matrix.
    pub row: &'a Row,
    /// For each column, the recommendations of that family.
    pub columns: Vec<Vec<&'a Cell>>,
}
