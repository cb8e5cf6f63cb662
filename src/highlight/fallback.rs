//! The long tail of languages: syntect with the extended grammar set of `two-face`.
//!
//! Grammars come from a pre-built binary pack (dumped for syntect's Oniguruma engine), loaded
//! once per process. Spans carry one `hl-` class per scope atom (`hl-string hl-quoted`).

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The class prefix of syntect's spans.
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// The syntect grammars.
pub struct Fallback {
    syntaxes: SyntaxSet,
}

impl Fallback {
    /// The grammar pack, loaded on first use (a few milliseconds) and shared by the
    /// highlighter and the lint's language check.
    pub fn shared() -> &'static Self {
        static SHARED: std::sync::OnceLock<Fallback> = std::sync::OnceLock::new();
        SHARED.get_or_init(|| Self {
            syntaxes: two_face::syntax::extra_newlines(),
        })
    }

    /// How many grammars the pack holds.
    pub fn len(&self) -> usize {
        self.syntaxes.syntaxes().len()
    }

    /// The grammar for a language token, if the pack has one.
    pub fn syntax(&self, token: &str) -> Option<&SyntaxReference> {
        self.syntaxes
            .find_syntax_by_token(token)
            .or_else(|| self.syntaxes.find_syntax_by_name(token))
            .filter(|s| s.name != "Plain Text")
    }

    /// Highlights `code` with `syntax`; `None` if the grammar fails on it.
    pub fn classed(&self, syntax: &SyntaxReference, code: &str) -> Option<String> {
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .ok()?;
        }
        Some(generator.finalize())
    }
}
