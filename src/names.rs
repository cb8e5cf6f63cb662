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

/// The form under which two output names are the same file on a case-insensitive file system
/// (macOS and Windows hosts): `Episode-09.html` and `episode-09.HTML` are one file there.
pub fn fold_case(name: &str) -> String {
    name.to_lowercase()
}

/// Hands out output names so that no two owners get the same one, even ignoring case.
///
/// The first owner to claim a name keeps it; a later one gets the first free variant
/// (`variant(2)`, `variant(3)`, …) that is neither taken nor wanted by anyone as their own
/// name, so a folder really named `c-2` keeps `c-2` when `c++` also wants `c`.
#[derive(Debug)]
pub struct Claims<T> {
    wanted: std::collections::HashSet<String>,
    owners: std::collections::HashMap<String, T>,
}

/// A name was already taken: by whom, and the name handed out instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken<T> {
    /// The owner that has the name.
    pub owner: T,
    /// The free variant given to the later claimant.
    pub instead: String,
}

impl<T: Clone> Claims<T> {
    /// `wanted`: every name some owner will claim, so that variants avoid them.
    pub fn new<'w>(wanted: impl IntoIterator<Item = &'w str>) -> Self {
        Self {
            wanted: wanted.into_iter().map(fold_case).collect(),
            owners: std::collections::HashMap::new(),
        }
    }

    /// Claims `name` for `owner`: `Ok(name)` when free, else who has it and the variant given.
    pub fn claim(
        &mut self,
        name: &str,
        owner: T,
        variant: impl Fn(u32) -> String,
    ) -> Result<String, Taken<T>> {
        let key = fold_case(name);
        let Some(first) = self.owners.get(&key).cloned() else {
            self.owners.insert(key, owner);
            return Ok(name.to_owned());
        };
        let instead = (2..)
            .map(&variant)
            .find(|v| {
                let key = fold_case(v);
                !self.owners.contains_key(&key) && !self.wanted.contains(&key)
            })
            .unwrap_or_else(|| name.to_owned());
        self.owners.insert(fold_case(&instead), owner);
        Err(Taken {
            owner: first,
            instead,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_later_claim_gets_a_variant_nobody_wants() {
        let mut claims = Claims::new(["c", "c", "c-2"]);
        assert_eq!(claims.claim("c", 0, |n| format!("c-{n}")), Ok("c".into()));
        assert_eq!(
            claims.claim("c", 1, |n| format!("c-{n}")),
            Err(Taken {
                owner: 0,
                instead: "c-3".into()
            })
        );
        assert_eq!(
            claims.claim("c-2", 2, |n| format!("c-2-{n}")),
            Ok("c-2".into())
        );
    }

    #[test]
    fn names_that_differ_only_in_case_collide() {
        let mut claims = Claims::new(["assets/Logo.png", "assets/logo.png"]);
        assert!(
            claims
                .claim("assets/Logo.png", 'a', |_| String::new())
                .is_ok()
        );
        let taken = claims
            .claim("assets/logo.png", 'b', |n| format!("assets/logo-{n}.png"))
            .unwrap_err();
        assert_eq!(
            (taken.owner, taken.instead.as_str()),
            ('a', "assets/logo-2.png")
        );
    }
}
