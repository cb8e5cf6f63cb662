//! Names read off folder names: a numeric prefix that orders, and a title for people.
//!
//! `02-systems-in-production` orders second and reads "Systems In Production". Series folders
//! and the course folder (the default course title) are named this way.

/// Splits `02-systems-in-production` into `(Some(2), "systems-in-production")`.
pub fn split_prefix(folder: &str) -> (Option<u32>, &str) {
    let digits = folder.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return (None, folder);
    }
    let rest = folder[digits..].trim_start_matches(['-', '_', '.', ' ']);
    (
        folder[..digits].parse().ok(),
        if rest.is_empty() { folder } else { rest },
    )
}

/// "systems-in-production" → "Systems In Production".
pub fn title_from_folder(folder: &str) -> String {
    let (_, rest) = split_prefix(folder);
    rest.split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}
