//! The long tail of languages: syntect with the extended grammar set of `two-face`.
//!
//! Grammars come from a pre-built binary pack (dumped for syntect's Oniguruma engine), loaded
//! once per process. Spans carry one `hl-` class per scope atom (`hl-string hl-quoted`).

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use super::budget;

/// The longest line the regular-expression grammars are given (a line costs up to the square
/// of its length; at this length that stays within a few milliseconds).
pub const MAX_LINE_BYTES: usize = 1_000;

/// A block that would cost more than its allowance: shown as plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverBudget;

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

    /// The grammar for a language token, if the pack has one.
    pub fn syntax(&self, token: &str) -> Option<&SyntaxReference> {
        self.syntaxes
            .find_syntax_by_token(token)
            .or_else(|| self.syntaxes.find_syntax_by_name(token))
            .filter(|s| s.name != "Plain Text")
    }

    /// Highlights `code` with `syntax`: `Ok(None)` if the grammar fails on it, `Err` past the
    /// block's time allowance ([`budget::allowance`]) or on a line longer than
    /// [`MAX_LINE_BYTES`]. The regular expressions of some grammars take time quadratic in
    /// the length of a line (a SQL line of 32,000 spaces took 25 s), and one line is one
    /// call, so long lines are refused before they start and the clock is read between lines.
    pub fn classed(
        &self,
        syntax: &SyntaxReference,
        code: &str,
    ) -> Result<Option<String>, OverBudget> {
        let allowance = budget::allowance(code.len());
        let started = budget::BlockClock::start();
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            if line.len() > MAX_LINE_BYTES || started.exceeded(allowance) {
                return Err(OverBudget);
            }
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return Ok(None);
            }
        }
        Ok(Some(generator.finalize()))
    }
}
