//! The language a fence's info string names: the one place that decides what kind of block a
//! fence is (a diagram, a metrics block, code in some language).
//!
//! The language is the first word of the info string, lowercased (```` ```python ````,
//! ```` ```mermaid {caption} ````, ```` ```js,run ````). A Mermaid diagram is also written,
//! by authors coming from other tools, as ```` ```{mermaid} ```` (a MyST directive, as in
//! Sphinx and Jupyter Book), ```` ```{.mermaid} ```` or ```` ```{#id .mermaid} ```` (pandoc
//! attributes, whose first class is the language) or ```` ```mmd ```` (the file extension):
//! each of these is `mermaid`, so it is checked, drawn and counted like ```` ```mermaid ````.

/// The language of a fence whose info string is `info`, lowercased; `None` when it names none.
pub(crate) fn language(info: &str) -> Option<String> {
    if names_mermaid(info) {
        return Some("mermaid".to_owned());
    }
    info.split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .next()
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
}

/// Whether `info` names a Mermaid diagram in one of the other ways authors write it.
fn names_mermaid(info: &str) -> bool {
    let info = info.trim_start();
    let first_word = info.split(char::is_whitespace).next().unwrap_or_default();
    if first_word.eq_ignore_ascii_case("mmd") {
        return true;
    }
    let Some(braced) = info
        .strip_prefix('{')
        .and_then(|rest| rest.split_once('}'))
        .map(|(inside, _)| inside.trim())
    else {
        return false;
    };
    // A MyST directive: `{mermaid}`.
    if braced.eq_ignore_ascii_case("mermaid") {
        return true;
    }
    // Pandoc attributes: `{.mermaid}`, `{#fig .mermaid caption="…"}`; the first class counts.
    braced
        .split_whitespace()
        .find(|word| word.starts_with('.'))
        .is_some_and(|class| class.eq_ignore_ascii_case(".mermaid"))
}

/// `code`, a Mermaid fence's text, with the options of a MyST directive (```` ```{mermaid} ````
/// then `:caption: A flow`, `:align: center`) at its start turned into spaces, every byte
/// offset kept: MyST reads them, and Mermaid would read them as the diagram's first line.
/// `None` when there are none (or the fence is not a MyST directive).
pub(crate) fn without_myst_options(info: &str, code: &str) -> Option<String> {
    let braced = info.trim_start().strip_prefix('{')?.split_once('}')?.0;
    if !braced.trim().eq_ignore_ascii_case("mermaid") {
        return None;
    }
    let options: usize = code
        .split_inclusive('\n')
        .take_while(|line| is_myst_option(line.trim()))
        .map(str::len)
        .sum();
    (options > 0).then(|| {
        // One space for each byte, so offsets into the code are kept.
        let blanked: String = code[..options]
            .bytes()
            .map(|b| if b == b'\n' { '\n' } else { ' ' })
            .collect();
        blanked + &code[options..]
    })
}

/// `:name: value` or `:name:`, a MyST directive's option line.
fn is_myst_option(line: &str) -> bool {
    line.strip_prefix(':')
        .and_then(|rest| rest.split_once(':'))
        .is_some_and(|(name, _)| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_spellings_of_a_mermaid_fence_are_mermaid() {
        for info in [
            "mermaid",
            "Mermaid",
            "mermaid {caption=\"Flow\"}",
            "mermaid,caption",
            "{mermaid}",
            "{ Mermaid }",
            "{.mermaid}",
            "{#fig-flow .mermaid caption=\"Flow\"}",
            "mmd",
            "MMD",
        ] {
            assert_eq!(language(info).as_deref(), Some("mermaid"), "{info}");
        }
    }

    #[test]
    fn myst_options_are_blanked_and_offsets_kept() {
        let code = ":caption: A flow\n:align: center\nflowchart LR\n  A --> B\n";
        let blanked = without_myst_options("{mermaid}", code).unwrap();
        assert_eq!(blanked.len(), code.len());
        assert_eq!(blanked.trim_start(), "flowchart LR\n  A --> B\n");
        assert_eq!(
            without_myst_options("mermaid", code),
            None,
            "only in a directive"
        );
        assert_eq!(without_myst_options("{mermaid}", "flowchart LR\n"), None);
        assert_eq!(
            without_myst_options("{mermaid}", "::: not an option\nflowchart LR\n"),
            None
        );
    }

    #[test]
    fn other_fences_keep_their_first_word() {
        assert_eq!(language("python").as_deref(), Some("python"));
        assert_eq!(language("js run").as_deref(), Some("js"));
        assert_eq!(language("metrics chart=bar").as_deref(), Some("metrics"));
        assert_eq!(language("mmdc").as_deref(), Some("mmdc"));
        assert_eq!(language("mermaidjs").as_deref(), Some("mermaidjs"));
        assert_eq!(language(""), None);
        // Braces that do not name Mermaid name no language, as before.
        assert_eq!(language("{code-block} python"), None);
        assert_eq!(language("{.python .mermaid}"), None);
        assert_eq!(language("{mermaid"), None);
        assert_eq!(language("{note} mermaid"), None);
    }
}
