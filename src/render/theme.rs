//! The theme: Tera templates and static assets, loaded once per build.
//!
//! The default theme lives in the repository's `templates/` and is embedded in the binary
//! (debug builds read it from disk). A course's own `templates/` overrides it file by file:
//! `episode.html` replaces the default episode template, `assets/style.css` the stylesheet,
//! and any other file under `assets/` is published with the site.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;
use tera::Tera;

/// The default theme, embedded at compile time.
#[derive(rust_embed::Embed)]
#[folder = "templates/"]
struct DefaultTheme;

/// Loaded templates and assets.
pub struct Theme {
    /// The compiled templates.
    pub tera: Tera,
    /// Files published under `assets/`, by path relative to the theme folder.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Whether every template is the built-in one (see [`Self::prints_bodies_verbatim`]).
    built_in_templates: bool,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("templates", &self.tera.get_template_names().count())
            .field("assets", &self.assets.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// Where a theme file comes from, for error messages.
#[derive(Debug, Clone)]
struct ThemeFile {
    bytes: Vec<u8>,
    origin: String,
}

impl Theme {
    /// Loads the default theme with the overrides in `overrides` (a course's `templates/`,
    /// which may not exist). A template that does not compile is an error naming it, its
    /// origin and the line.
    pub fn load(overrides: &Path) -> anyhow::Result<Self> {
        let mut files: BTreeMap<String, ThemeFile> = BTreeMap::new();
        for name in DefaultTheme::iter() {
            if let Some(file) = DefaultTheme::get(&name) {
                files.insert(
                    name.to_string(),
                    ThemeFile {
                        bytes: file.data.into_owned(),
                        origin: "the built-in theme".to_owned(),
                    },
                );
            }
        }
        let built_in: BTreeMap<String, Vec<u8>> = files
            .iter()
            .filter(|(name, _)| is_template(name))
            .map(|(name, file)| (name.clone(), file.bytes.clone()))
            .collect();
        read_overrides(overrides, &mut files)?;
        let built_in_templates = files
            .iter()
            .filter(|(name, _)| is_template(name))
            .all(|(name, file)| built_in.get(name) == Some(&file.bytes));
        let mut templates = Vec::new();
        let mut assets = BTreeMap::new();
        for (name, file) in files {
            if name.starts_with("assets/") {
                assets.insert(name, file.bytes);
            } else if is_template(&name) {
                let text = String::from_utf8(file.bytes).map_err(|_| {
                    anyhow::anyhow!("template {name} (from {}) is not valid UTF-8", file.origin)
                })?;
                templates.push((name, text, file.origin));
            }
        }
        let tera = compile(&templates)?;
        Ok(Self {
            tera,
            assets,
            built_in_templates,
        })
    }

    /// Whether pages may be rendered with placeholders for their bodies, set in afterwards
    /// ([`super::body_slot`]): true when every template is the built-in one, which prints
    /// each body once, as `{{ body | safe }}`. A course's own templates may do anything with
    /// a body (measure it, escape it, test it), so they always get the bodies themselves.
    pub(crate) fn prints_bodies_verbatim(&self) -> bool {
        self.built_in_templates
    }

    /// Renders one page within the limits of [`super::limits`].
    pub fn render(&self, template: &str, context: &tera::Context) -> anyhow::Result<Vec<u8>> {
        super::limits::render_page(&self.tera, template, context)
    }
}

fn compile(templates: &[(String, String, String)]) -> anyhow::Result<Tera> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Escapes what HTML needs and leaves `/` alone, so relative links stay readable.
    tera.set_escape_fn(crate::highlight::escape);
    refuse_loops_over_rendered_nav(templates)?;
    let added = tera.add_raw_templates(templates.iter().map(|(n, t, _)| (n.as_str(), t.as_str())));
    if let Err(error) = added {
        // Each template alone, so that a syntax error names its file and origin (parsing them
        // all again costs as much as the load, so only a theme that fails pays for it).
        for (name, text, origin) in templates {
            tera::Template::new(name, None, text)
                .map_err(anyhow::Error::from)
                .with_context(|| format!("template {name} (from {origin}) does not compile"))?;
        }
        return Err(anyhow::Error::from(error).context("the theme's templates do not fit together"));
    }
    // Before any page is rendered: recursion would overflow the stack without a word.
    super::template_graph::check(
        &templates
            .iter()
            .map(
                |(name, text, origin)| super::template_graph::TemplateSource { name, text, origin },
            )
            .collect::<Vec<_>>(),
    )?;
    tera.register_function("range", super::limits::range);
    Ok(tera)
}

/// `page.nav` was a list of series and is now the sidebar's rendered items
/// (`nav-series.html`): a theme written for the list would loop over its characters and fail
/// on the first field, far from the cause. Refused at load, saying what to write instead.
fn refuse_loops_over_rendered_nav(templates: &[(String, String, String)]) -> anyhow::Result<()> {
    for (name, text, origin) in templates {
        for (at, _) in text.match_indices("page.nav") {
            let before = text[..at].trim_end();
            let after = text[at + "page.nav".len()..].trim_start();
            if before.ends_with(" in") && (after.starts_with("%}") || after.starts_with("-%}")) {
                let line = text[..at].matches('\n').count() + 1;
                anyhow::bail!(
                    "template {name} (from {origin}), line {line}, loops over `page.nav`, which is now the sidebar's rendered items\n  help: print them with `{{{{ page.nav | safe }}}}`, and give one series' markup in templates/nav-series.html (context: `series`, `root`, `here`)"
                );
            }
        }
    }
    Ok(())
}

/// Adds the files of a course's `templates/` folder over the defaults.
/// Whether a theme file is a template (rather than an asset).
fn is_template(name: &str) -> bool {
    !name.starts_with("assets/") && (name.ends_with(".html") || name.ends_with(".xml"))
}

fn read_overrides(dir: &Path, files: &mut BTreeMap<String, ThemeFile>) -> anyhow::Result<()> {
    for path in crate::source::visible_files(dir)? {
        let name = crate::source::relative_path(dir, &path);
        let bytes = std::fs::read(&path)
            .with_context(|| format!("cannot read template {}", path.display()))?;
        files.insert(
            name.clone(),
            ThemeFile {
                bytes,
                origin: format!("templates/{name}"),
            },
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_built_in_templates_print_bodies_verbatim() {
        let dir = tempfile::tempdir().expect("dir");
        let verbatim = |dir: &Path| Theme::load(dir).expect("theme").prints_bodies_verbatim();
        assert!(verbatim(&dir.path().join("missing")), "no overrides");
        let built_in = DefaultTheme::get("episode.html").expect("built in").data;
        std::fs::write(dir.path().join("episode.html"), &built_in).expect("write");
        assert!(
            verbatim(dir.path()),
            "an override equal to the built-in template"
        );
        std::fs::create_dir_all(dir.path().join("assets")).expect("assets");
        std::fs::write(dir.path().join("assets/extra.css"), "p{}").expect("write");
        assert!(verbatim(dir.path()), "assets are not templates");
        let mut changed = built_in.to_vec();
        changed.extend_from_slice(b"{# a comment changes no page #}");
        std::fs::write(dir.path().join("episode.html"), &changed).expect("write");
        assert!(!verbatim(dir.path()), "a changed template");
        std::fs::write(dir.path().join("episode.html"), &built_in).expect("write");
        std::fs::write(dir.path().join("partial.html"), "{{ body | length }}").expect("write");
        assert!(!verbatim(dir.path()), "a template of the course's own");
    }

    #[test]
    fn a_theme_looping_over_the_rendered_sidebar_is_refused_with_its_line_and_the_fix() {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::write(
            dir.path().join("base.html"),
            "<ul>\n{%- for series in page.nav -%}\n<li>{{ series.name }}</li>{% endfor %}</ul>",
        )
        .expect("write");
        let error = format!("{:#}", Theme::load(dir.path()).expect_err("refused"));
        assert!(error.contains("templates/base.html"), "{error}");
        assert!(error.contains("line 2"), "{error}");
        assert!(error.contains("{{ page.nav | safe }}"), "{error}");
        std::fs::write(
            dir.path().join("base.html"),
            "<ul>{{ page.nav | safe }}</ul>",
        )
        .expect("write");
        assert!(Theme::load(dir.path()).is_ok());
    }
}
