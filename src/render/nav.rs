//! The sidebar: one `<li>` per series, from the theme's `nav-series.html`.
//!
//! Every page lists every series, so the sidebar is the one part of a page whose work grows
//! with the course twice over (pages × series). A series the page is not in looks the same on
//! every page at the same depth, so its item is rendered once per depth and copied; only the
//! page's own series (which lists its episodes and marks the page) is rendered for the page.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::Context as _;

use super::Tools;
use super::view::{NavSeries, SeriesView};

/// The template of one series in the sidebar.
const TEMPLATE: &str = "nav-series.html";

/// The items of the series a page is not in, by the page's `root` (`""`, `"../"`), made on
/// first use.
#[derive(Debug, Default)]
pub(crate) struct NavCache {
    by_root: Mutex<HashMap<String, Arc<[String]>>>,
}

impl NavCache {
    /// The sidebar items of the page at `here`, `root` below the site root, in `current` (an
    /// index into `series`, the published series).
    pub(crate) fn items(
        &self,
        tools: Tools<'_>,
        series: &[SeriesView],
        root: &str,
        here: &str,
        current: Option<usize>,
    ) -> anyhow::Result<String> {
        let shared = self.shared(tools, series, root)?;
        let mut html = String::with_capacity(shared.iter().map(String::len).sum::<usize>());
        for (i, (s, item)) in series.iter().zip(shared.iter()).enumerate() {
            // The page's own series, or a page at a series' address outside it (which marks
            // that series' link): rendered for this page.
            if current == Some(i) || s.url == here {
                html.push_str(&item_html(tools, s, root, here, current == Some(i))?);
            } else {
                html.push_str(item);
            }
        }
        Ok(html)
    }

    /// The items of every series as on a page at depth `root` outside them all.
    fn shared(
        &self,
        tools: Tools<'_>,
        series: &[SeriesView],
        root: &str,
    ) -> anyhow::Result<Arc<[String]>> {
        let mut by_root = self.by_root.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(items) = by_root.get(root) {
            return Ok(Arc::clone(items));
        }
        let items: Arc<[String]> = series
            .iter()
            .map(|s| item_html(tools, s, root, "", false))
            .collect::<anyhow::Result<_>>()?;
        by_root.insert(root.to_owned(), Arc::clone(&items));
        Ok(items)
    }
}

/// One series' item, on the page at `here`; `current` lists its episodes.
fn item_html(
    tools: Tools<'_>,
    series: &SeriesView,
    root: &str,
    here: &str,
    current: bool,
) -> anyhow::Result<String> {
    let view = NavSeries {
        name: &series.name,
        url: &series.url,
        current,
        count: series.episodes.len(),
        episodes: if current { &series.episodes } else { &[] },
    };
    let mut context = tera::Context::new();
    context.insert("series", &view);
    context.insert("root", root);
    context.insert("here", here);
    let bytes = tools
        .theme
        .render(TEMPLATE, &context)
        .with_context(|| format!("template {TEMPLATE} failed for the series {}", series.name))?;
    String::from_utf8(bytes).with_context(|| format!("template {TEMPLATE} wrote invalid UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlight::Highlighter;
    use crate::render::Theme;
    use crate::render::view::EpisodeCard;

    fn series(slug: &str, titles: &[&str]) -> SeriesView {
        SeriesView {
            name: format!("Series <{slug}>"),
            slug: slug.to_owned(),
            url: format!("{slug}/index.html"),
            description: String::new(),
            episodes: titles
                .iter()
                .zip(1..)
                .map(|(title, number)| EpisodeCard {
                    number,
                    title: (*title).to_owned(),
                    url: format!("{slug}/episode-{number}.html"),
                    duration: None,
                    difficulty: None,
                    summary: None,
                    draft: false,
                    no_script: false,
                })
                .collect(),
        }
    }

    fn with_tools(test: impl FnOnce(Tools<'_>)) {
        let theme = Theme::load(std::path::Path::new("/nonexistent-theme")).expect("theme");
        let highlighter = Highlighter::load();
        test(Tools {
            theme: &theme,
            highlighter: &highlighter,
        });
    }

    fn course() -> Vec<SeriesView> {
        vec![
            series("a", &["One", "Two"]),
            series("b", &["Three", "Four & Five"]),
            series("c", &["Six"]),
        ]
    }

    #[test]
    fn a_page_lists_every_series_in_order_and_only_its_own_episodes_marking_itself() {
        with_tools(|tools| {
            let html = NavCache::default()
                .items(tools, &course(), "../", "b/episode-2.html", Some(1))
                .expect("nav");
            let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("{needle}"));
            assert!(at("../a/index.html") < at("../b/index.html"));
            assert!(at("../b/index.html") < at("../c/index.html"));
            assert_eq!(html.matches("<ol").count(), 1, "{html}");
            assert_eq!(html.matches("aria-current").count(), 1, "{html}");
            assert!(html.contains(r#"href="../b/episode-2.html" aria-current="page""#));
            assert!(html.contains("Series &lt;b&gt;") && html.contains("Four &amp; Five"));
            assert!(!html.contains("episode-1.html\" aria-current"));
        });
    }

    #[test]
    fn shared_items_give_the_sidebar_rendering_every_item_for_the_page_would() {
        with_tools(|tools| {
            let course = course();
            let cache = NavCache::default();
            let pages = [
                ("", "index.html", None),
                ("../", "a/episode-1.html", Some(0)),
                ("../", "b/episode-2.html", Some(1)),
                ("../", "c/index.html", Some(2)),
                ("", "b/index.html", None),
                ("../../", "c/notes/x.html", Some(2)),
            ];
            for (root, here, current) in pages {
                let each: String = course
                    .iter()
                    .enumerate()
                    .map(|(i, s)| item_html(tools, s, root, here, current == Some(i)).unwrap())
                    .collect();
                let shared = cache.items(tools, &course, root, here, current).unwrap();
                assert_eq!(shared, each, "{here}");
            }
            let roots = cache.by_root.lock().unwrap();
            assert_eq!(roots.len(), 3, "one set of items per depth");
        });
    }

    #[test]
    fn a_page_at_a_series_address_marks_that_series_link() {
        with_tools(|tools| {
            let html = NavCache::default()
                .items(tools, &course(), "", "b/index.html", None)
                .expect("nav");
            assert!(
                html.contains(r#"href="b/index.html" aria-current="page""#),
                "{html}"
            );
            assert_eq!(html.matches("aria-current").count(), 1);
        });
    }
}
