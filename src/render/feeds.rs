//! RSS 2.0 and Atom 1.0 feeds of the episodes, for the whole course and for each series.
//!
//! Feeds need absolute URLs, so they are written only when `base_url` is absolute (see
//! [`crate::config::Config::has_absolute_base_url`]). Entries are newest first by their `date`
//! (front matter or a `Date` header line); episodes without one follow in course order. RSS
//! gives `pubDate` only for a real date; Atom requires an `updated` time on every entry, so an
//! undated episode takes its file's modification time there.

use jiff::Timestamp;

use crate::course::Episode;
use crate::output::OutputFile;
use crate::render::Tools;
use crate::render::pages::Site;
use crate::render::view::{FeedItem, FeedView, LinkView};

/// Path of the course's RSS feed, and of each series' under its folder.
pub const RSS_FILE: &str = "feed.xml";
/// Path of the course's Atom feed, and of each series' under its folder.
pub const ATOM_FILE: &str = "atom.xml";

/// The feeds a page announces: the course's, and its series' when it has one.
pub fn links(series: Option<(&str, &str)>) -> Vec<LinkView> {
    let mut links = vec![LinkView {
        title: "All episodes".to_owned(),
        url: RSS_FILE.to_owned(),
    }];
    if let Some((slug, name)) = series {
        links.push(LinkView {
            title: format!("{name}: episodes"),
            url: format!("{slug}/{RSS_FILE}"),
        });
    }
    links
}

/// The course's feeds and each series'.
pub fn files(site: &Site<'_, '_>, tools: Tools<'_>) -> anyhow::Result<Vec<OutputFile>> {
    let course = site.course();
    let config = &course.config;
    let published: Vec<&Episode> = site
        .published
        .iter()
        .map(|&i| &course.episodes[i])
        .collect();
    let mut files = Vec::new();
    let mut feed = |folder: &str, title: String, description: String, episodes: Vec<&Episode>| {
        let view = view(site, folder, title, description, episodes);
        files.push(super::pages::render_template(
            tools,
            "rss.xml",
            &format!("{folder}{RSS_FILE}"),
            &view,
        )?);
        files.push(super::pages::render_template(
            tools,
            "atom.xml",
            &format!("{folder}{ATOM_FILE}"),
            &view,
        )?);
        anyhow::Ok(())
    };
    feed(
        "",
        config.title.clone(),
        config.description.clone(),
        published.clone(),
    )?;
    for (index, series) in course.series.iter().enumerate() {
        let episodes: Vec<&Episode> = published
            .iter()
            .copied()
            .filter(|e| e.series == index)
            .collect();
        if episodes.is_empty() {
            continue;
        }
        let description = if series.description.is_empty() {
            format!("Episodes of {} in {}", series.name, config.title)
        } else {
            series.description.clone()
        };
        feed(
            &format!("{}/", series.slug),
            format!("{} · {}", series.name, config.title),
            description,
            episodes,
        )?;
    }
    Ok(files)
}

fn view(
    site: &Site<'_, '_>,
    folder: &str,
    title: String,
    description: String,
    episodes: Vec<&Episode>,
) -> FeedView {
    let course = site.course();
    let config = &course.config;
    let base = &config.base_url;
    let loaded = &site.parsed().loaded;
    let mut entries: Vec<(usize, &Episode)> = episodes.into_iter().enumerate().collect();
    // Dated episodes newest first, then the undated ones in course order.
    entries.sort_by(|(ia, a), (ib, b)| match (a.meta.date, b.meta.date) {
        (Some(x), Some(y)) => y.cmp(&x).then(ia.cmp(ib)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => ia.cmp(ib),
    });
    let updated_of = |episode: &Episode| -> Option<Timestamp> {
        episode.meta.date.or_else(|| {
            loaded.episodes[episode.file]
                .source
                .modified
                .and_then(|m| Timestamp::try_from(m).ok())
        })
    };
    let updated = entries
        .iter()
        .filter_map(|(_, e)| updated_of(e))
        .max()
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let items = entries
        .iter()
        .map(|(_, episode)| FeedItem {
            title: format!(
                "{} · Episode {}: {}",
                course.series[episode.series].name, episode.id.number, episode.title
            ),
            url: format!("{base}{}", episode.url),
            summary: episode.meta.summary.clone().unwrap_or_default(),
            rss_date: episode.meta.date.map(rfc2822),
            updated: rfc3339(updated_of(episode).unwrap_or(updated)),
        })
        .collect();
    FeedView {
        title,
        description,
        language: config.language.clone(),
        home: if folder.is_empty() {
            base.clone()
        } else {
            format!("{base}{folder}index.html")
        },
        rss_url: format!("{base}{folder}{RSS_FILE}"),
        atom_url: format!("{base}{folder}{ATOM_FILE}"),
        updated: rfc3339(updated),
        authors: config.authors.clone(),
        items,
    }
}

/// `Fri, 01 Mar 2024 09:30:00 +0000`.
fn rfc2822(time: Timestamp) -> String {
    // A timestamp prints as `-0000` ("offset unknown"); in UTC it is `+0000`, which every feed
    // reader takes.
    jiff::fmt::rfc2822::DateTimePrinter::new()
        .zoned_to_string(&time.to_zoned(jiff::tz::TimeZone::UTC))
        .unwrap_or_default()
}

/// `2024-03-01T09:30:00Z`, to the second.
fn rfc3339(time: Timestamp) -> String {
    time.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_each_format_requires() {
        let time: Timestamp = "2024-03-01T09:30:00Z".parse().expect("time");
        assert_eq!(rfc2822(time), "Fri, 1 Mar 2024 09:30:00 +0000");
        assert_eq!(rfc3339(time), "2024-03-01T09:30:00Z");
    }
}
