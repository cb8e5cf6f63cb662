//! Where a link written in an episode leads on the site, or why it leads nowhere.
//!
//! Authors link between episodes by the Markdown file (`../02-systems/episode-03-retries.md`,
//! as editors and repository browsers expect) or by the page (`episode-03-retries.html`), with
//! or without a heading anchor. [`LinkTargets::resolve`] turns either into the page on the
//! site, checking the anchor against the target's headings, and explains a link that leads
//! nowhere with the closest existing target. The lint reports broken links; rendering
//! rewrites `.md` links to the pages they mean. External links are never fetched.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use percent_encoding::percent_decode_str;

use crate::course::Course;
use crate::markdown::Document;

/// Where a link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Another site, an e-mail address: not checked.
    External,
    /// A page of the site (path from the site root) and the anchor on it, if any.
    Page {
        /// Page path from the site root.
        url: String,
        /// The anchor, without `#`.
        fragment: Option<String>,
    },
    /// Leads nowhere on the site.
    Broken {
        /// What is wrong.
        message: String,
        /// Where the closest existing target would be: looked for only when a finding is
        /// written ([`LinkTargets::suggestion`]), since comparing against every target costs
        /// the most of anything a link does.
        near: Near,
    },
}

/// The targets a broken link is compared with for a suggestion ([`LinkTargets::suggestion`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Near {
    /// The episodes' Markdown files, for this path.
    Source(String),
    /// The site's pages, for this path.
    Page(String),
    /// The anchors of an episode (by index), for this fragment, in a link whose path part (before
    /// the `#`) is written as `path` (empty for a bare `#anchor`).
    Anchor {
        /// The episode, by index.
        target: usize,
        /// The link's path as written, before its `#`.
        path: String,
        /// The anchor asked for.
        fragment: String,
    },
    /// The anchors of the linking page itself, for this fragment.
    OwnAnchor(String),
}

/// The page a link is written on: an episode, or another page made from a Markdown file (a
/// series introduction, shown on its series page).
#[derive(Debug, Clone, Copy)]
pub struct LinkSource<'a> {
    /// Course-relative path of the Markdown file (`.md` links are relative to it).
    pub path: &'a str,
    /// Page path from the site root (page links are relative to it).
    pub url: &'a str,
    /// The episode, when the page is one.
    pub episode: Option<usize>,
    /// The file's document (a bare `#anchor` names one of its headings).
    pub doc: &'a Document<'a>,
}

/// Every page and anchor of the site, for resolving links.
#[derive(Debug)]
pub struct LinkTargets<'c> {
    course: &'c Course,
    /// Episode index by source path (`episodes/01-x/episode-01.md`).
    by_source: HashMap<&'c str, usize>,
    /// Episode index (or `None` for other pages) by page path.
    by_url: HashMap<String, Option<usize>>,
    /// Each episode's document (by episode index).
    docs: Vec<&'c Document<'c>>,
    /// Heading anchors of each episode (by episode index), gathered when first asked for: a
    /// page links to few episodes, so a page rendered alone gathers few.
    anchors: Vec<OnceLock<HashSet<&'c str>>>,
    /// Source path of each episode (by episode index).
    sources: Vec<&'c str>,
    /// Pages made from other Markdown files (a series introduction → its series page).
    other_sources: HashMap<&'c str, String>,
}

impl<'c> LinkTargets<'c> {
    /// The targets of `course`, whose episodes were parsed into `docs` (by file index), with
    /// `sources[i]` the course-relative path of file `i`; `other_pages` are the site's pages
    /// that are not episodes (the home page, series pages), and `other_sources` the Markdown
    /// files published inside them (a series introduction, by source path, and its page).
    pub fn new(
        course: &'c Course,
        docs: &'c [&'c Document<'c>],
        sources: &[&'c str],
        other_pages: impl IntoIterator<Item = String>,
        other_sources: HashMap<&'c str, String>,
    ) -> Self {
        let episode_sources: Vec<&str> = course.episodes.iter().map(|e| sources[e.file]).collect();
        let mut by_url: HashMap<String, Option<usize>> =
            other_pages.into_iter().map(|p| (p, None)).collect();
        for (i, episode) in course.episodes.iter().enumerate() {
            by_url.insert(episode.url.clone(), Some(i));
        }
        Self {
            course,
            by_source: episode_sources
                .iter()
                .enumerate()
                .map(|(i, s)| (*s, i))
                .collect(),
            by_url,
            docs: course.episodes.iter().map(|e| docs[e.file]).collect(),
            anchors: course.episodes.iter().map(|_| OnceLock::new()).collect(),
            sources: episode_sources,
            other_sources,
        }
    }

    /// The heading anchors of episode `index`.
    fn anchors_of(&self, index: usize) -> &HashSet<&'c str> {
        self.anchors[index].get_or_init(|| {
            self.docs[index]
                .headings
                .iter()
                .map(|h| h.id.as_str())
                .collect()
        })
    }

    /// Where `dest`, written in episode `from` (an index into the course's episodes), leads.
    pub fn resolve(&self, from: usize, dest: &str) -> Resolved {
        self.resolve_from(self.episode_source(from), dest)
    }

    /// Episode `index` (of the course's episodes) as the page a link is written on.
    pub fn episode_source(&self, index: usize) -> LinkSource<'_> {
        LinkSource {
            path: self.sources[index],
            url: &self.course.episodes[index].url,
            episode: Some(index),
            doc: self.docs[index],
        }
    }

    /// The existing target closest to what a broken link on the page `from` asked for, when
    /// one is close enough to be what was meant, written as the link would write it: a file
    /// or page relative to the linking one, `#a` for an anchor. No file or page is offered
    /// when the closest is the linking one itself (a link to it is written `#anchor`).
    pub fn suggestion(&self, near: &Near, from: LinkSource<'_>) -> Option<String> {
        match near {
            Near::Source(wanted) => {
                closest_relative(from.path, wanted, self.sources.iter().copied())
            }
            Near::Page(wanted) => {
                closest_relative(from.url, wanted, self.by_url.keys().map(String::as_str))
            }
            Near::Anchor {
                target,
                path,
                fragment,
            } => closest(fragment, self.anchors_of(*target).iter().copied())
                .map(|a| format!("{path}#{a}")),
            Near::OwnAnchor(fragment) => {
                closest(fragment, from.doc.headings.iter().map(|h| h.id.as_str()))
                    .map(|a| format!("#{a}"))
            }
        }
    }

    /// Where `dest`, written on the page `from`, leads.
    pub fn resolve_from(&self, from: LinkSource<'_>, dest: &str) -> Resolved {
        if is_external(dest) {
            return Resolved::External;
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (dest, None),
        };
        let path = path.split_once('?').map_or(path, |(p, _)| p);
        let path = percent_decode_str(path).decode_utf8_lossy();
        let fragment = fragment.map(|f| percent_decode_str(f).decode_utf8_lossy().into_owned());
        let target = if path.is_empty() {
            match from.episode {
                Some(episode) => Some(episode),
                None => return own_anchor(from.doc, fragment),
            }
        } else if path.to_ascii_lowercase().ends_with(".md") {
            let wanted = join(from.path, &path);
            match self.by_source.get(wanted.as_str()) {
                Some(&i) => Some(i),
                None if self.other_sources.contains_key(wanted.as_str()) => {
                    return Resolved::Page {
                        url: self.other_sources[wanted.as_str()].clone(),
                        fragment: fragment.filter(|f| !f.is_empty()),
                    };
                }
                None => {
                    return Resolved::Broken {
                        message: format!("no episode at `{wanted}`"),
                        near: Near::Source(wanted),
                    };
                }
            }
        } else {
            let mut wanted = join(from.url, &path);
            if wanted.is_empty() || path.ends_with('/') {
                wanted.push_str(if wanted.is_empty() {
                    "index.html"
                } else {
                    "/index.html"
                });
                wanted = wanted.replace("//", "/");
            }
            match self.by_url.get(&wanted) {
                Some(&Some(i)) => Some(i),
                Some(None) => {
                    return Resolved::Page {
                        url: wanted,
                        fragment,
                    };
                }
                None => {
                    return Resolved::Broken {
                        message: format!("no page `{wanted}` on the site"),
                        near: Near::Page(wanted),
                    };
                }
            }
        };
        let Some(target) = target else {
            return Resolved::External;
        };
        let url = self.course.episodes[target].url.clone();
        match fragment {
            Some(f)
                if !f.is_empty() && f != "top" && !self.anchors_of(target).contains(f.as_str()) =>
            {
                let on = if from.episode == Some(target) {
                    "this episode".to_owned()
                } else {
                    format!("`{}`", self.sources[target])
                };
                Resolved::Broken {
                    message: format!("no heading with the anchor `#{f}` in {on}"),
                    near: Near::Anchor {
                        target,
                        path: dest.split_once('#').map_or("", |(path, _)| path).to_owned(),
                        fragment: f,
                    },
                }
            }
            fragment => Resolved::Page {
                url,
                fragment: fragment.filter(|f| !f.is_empty()),
            },
        }
    }
}

/// A bare `#anchor` on a page that is not an episode: checked against the file's headings.
fn own_anchor(doc: &Document<'_>, fragment: Option<String>) -> Resolved {
    match fragment.filter(|f| !f.is_empty() && f != "top") {
        Some(f) if !doc.headings.iter().any(|h| h.id == f) => Resolved::Broken {
            message: format!("no heading with the anchor `#{f}` on this page"),
            near: Near::OwnAnchor(f),
        },
        fragment => Resolved::Page {
            url: String::new(),
            fragment,
        },
    }
}

/// Whether `dest` leaves the site: a scheme (`https:`, `mailto:`) or a host (`//cdn…`).
pub(crate) fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    let before_path = dest.split(['/', '?', '#']).next().unwrap_or("");
    before_path.contains(':')
}

/// `relative` resolved against the folder of `base` (both `/`-separated), `.` and `..`
/// applied; never climbs above the root (a `..` past it is dropped).
pub(crate) fn join(base: &str, relative: &str) -> String {
    resolve(base, relative).0
}

/// Like [`join`], but `None` when `relative` climbs above the root.
pub(crate) fn join_inside(base: &str, relative: &str) -> Option<String> {
    match resolve(base, relative) {
        (path, false) => Some(path),
        (_, true) => None,
    }
}

/// `relative` resolved against the folder of `base` (from the root when it starts with
/// `/`), and whether a `..` went past the root.
fn resolve(base: &str, relative: &str) -> (String, bool) {
    let mut parts: Vec<&str> = if relative.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').collect()
    };
    parts.pop();
    let mut climbed_out = false;
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => climbed_out |= parts.pop().is_none(),
            part => parts.push(part),
        }
    }
    (parts.join("/"), climbed_out)
}

/// The `/`-separated path `target` as a link in the file or page `base` writes it: relative to
/// the folder of `base` (both paths from the same root), climbing with `..` where needed.
pub(crate) fn relative_from(base: &str, target: &str) -> String {
    let folder: Vec<&str> = base.split('/').collect();
    let folder = &folder[..folder.len() - 1];
    let target_parts: Vec<&str> = target.split('/').collect();
    let (target_folder, name) = target_parts.split_at(target_parts.len() - 1);
    let shared = folder
        .iter()
        .zip(target_folder)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts = vec![".."; folder.len() - shared];
    parts.extend(&target_folder[shared..]);
    parts.extend(name);
    parts.join("/")
}

/// Of `candidates` (paths from the same root as `base` and `wanted`), the one most like
/// `wanted` when close enough, written as the file or page `base` would write a link to it
/// ([`relative_from`]). Paths are compared from the root, as `wanted` was resolved, so the
/// folder a candidate is in counts. `None` when the closest is `base` itself: a typo of the
/// linking file's own name is not a link to some other file that merely shares its pattern.
pub(crate) fn closest_relative<'a>(
    base: &str,
    wanted: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<String> {
    closest(wanted, candidates)
        .filter(|chosen| chosen != base)
        .map(|chosen| relative_from(base, &chosen))
}

/// The candidate most like `wanted`, when it is close enough to be what was meant.
pub(crate) fn closest<'a>(
    wanted: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<String> {
    candidates
        .map(|c| (strsim::normalized_levenshtein(wanted, c), c))
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_joined_to_the_linking_file_folder() {
        assert_eq!(join("episodes/01-a/e1.md", "e2.md"), "episodes/01-a/e2.md");
        assert_eq!(
            join("episodes/01-a/e1.md", "../02-b/e3.md"),
            "episodes/02-b/e3.md"
        );
        assert_eq!(join("a/e.html", "./../../../x.html"), "x.html");
        assert_eq!(join("a/e.html", "/b/c.html"), "b/c.html");
    }

    #[test]
    fn a_path_is_written_relative_to_the_linking_file_and_joins_back() {
        for (base, target, written) in [
            ("episodes/01-a/e1.md", "episodes/01-a/e2.md", "e2.md"),
            (
                "episodes/01-a/e1.md",
                "episodes/02-b/e3.md",
                "../02-b/e3.md",
            ),
            (
                "episodes/01-a/e1.md",
                "episodes/01-a/img/x.png",
                "img/x.png",
            ),
            ("episodes/01-a/e1.md", "logo.png", "../../logo.png"),
            ("e.md", "a/b.png", "a/b.png"),
            ("a/e.html", "index.html", "../index.html"),
        ] {
            assert_eq!(relative_from(base, target), written, "{base} → {target}");
            assert_eq!(join(base, written), target);
        }
    }

    #[test]
    fn schemes_and_hosts_are_external() {
        for dest in [
            "https://x.org/a.md",
            "mailto:a@b.c",
            "//cdn.org/x",
            "tel:123",
        ] {
            assert!(is_external(dest), "{dest}");
        }
        for dest in ["a.md", "../a/b.html#x:y", "#top", "a/b:c.md"] {
            assert!(!is_external(dest), "{dest}");
        }
    }

    #[test]
    fn the_closest_candidate_is_offered_only_when_it_is_close() {
        let candidates = ["retries-and-backoff", "caching", "load-shedding"];
        assert_eq!(
            closest("retries-and-backof", candidates.into_iter()).as_deref(),
            Some("retries-and-backoff")
        );
        assert_eq!(closest("zzzzzzzz", candidates.into_iter()), None);
    }
}
