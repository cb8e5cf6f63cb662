//! Series: inferred from the folders under `episodes/`, named and ordered by `book.toml`.
//!
//! `02-systems-in-production` becomes slug `systems-in-production`, name "Systems In
//! Production" and order 2. A `[[series]]` entry with the same slug overrides any of these.

use crate::config::RawSeries;
use crate::markdown::slug::slugify;
pub use crate::names::{split_prefix, title_from_folder};

/// A series of episodes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Series {
    /// URL-safe identifier, unique in the course.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Position among series (lower first).
    pub order: u32,
    /// Description, possibly empty.
    pub description: String,
    /// The folder under `episodes/` it comes from (empty for loose files).
    pub dir: String,
    /// Its introduction, as an index into the loaded files (see [`crate::course::intro`]).
    pub intro: Option<usize>,
}

/// The slug used for episodes placed directly in `episodes/`, without a series folder.
pub const LOOSE_SLUG: &str = "episodes";

/// The series for a folder under `episodes/`, with `book.toml` settings applied.
pub fn from_folder(dir: &str, configured: &[RawSeries]) -> Series {
    let (prefix, rest) = split_prefix(dir);
    let slug = slugify(rest);
    let config = configured.iter().find(|s| s.slug == slug);
    Series {
        name: config
            .and_then(|c| c.name.clone())
            .unwrap_or_else(|| title_from_folder(dir)),
        order: config.and_then(|c| c.order).or(prefix).unwrap_or(u32::MAX),
        description: config
            .and_then(|c| c.description.clone())
            .unwrap_or_default(),
        dir: dir.to_owned(),
        slug,
        intro: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_become_series() {
        let s = from_folder("02-systems-in-production", &[]);
        assert_eq!(
            (s.slug.as_str(), s.name.as_str(), s.order),
            ("systems-in-production", "Systems In Production", 2)
        );
    }

    #[test]
    fn configuration_overrides_name_and_order() {
        let cfg = RawSeries {
            slug: "case-studies".into(),
            name: Some("Case Studies".into()),
            order: Some(9),
            description: Some("d".into()),
        };
        let s = from_folder("03-case-studies", &[cfg]);
        assert_eq!(
            (s.name.as_str(), s.order, s.description.as_str()),
            ("Case Studies", 9, "d")
        );
    }
}
