//! Settings of an `%%{init: …}%%` directive that are not applied: the locked keys
//! (`LOCKED_KEYS` in `engine`). `theme`, `themeVariables`, `darkMode` and `themeCSS` would
//! give one diagram colours of its own, while every diagram of the site follows the site's
//! light and dark theme; `securityLevel` and the other safety settings are the same for every
//! diagram. merman is handed the directive without them, so the drawing ignores them
//! silently; this names them, at the first of them, so the author knows.

use crate::mermaid::engine::LOCKED_KEYS;

/// The locked settings of one `init` directive, in the order written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LockedSettings {
    /// 1-based line of the first of them in the diagram body.
    pub(crate) line: usize,
    /// 1-based column (in characters) of its key.
    pub(crate) column: usize,
    /// Characters of the first key as written (with its quotes).
    pub(crate) width: usize,
    /// The keys, as written.
    pub(crate) keys: Vec<String>,
}

/// The locked settings of each `%%{init: …}%%` (or `initialize`) directive of `source`.
pub(crate) fn locked_settings(source: &str) -> Vec<LockedSettings> {
    let mut found = Vec::new();
    let mut offset = 0;
    while let Some(at) = source[offset..].find("%%{") {
        let body_start = offset + at + 3;
        let Some(len) = source[body_start..].find("}%%") else {
            break;
        };
        offset = body_start + len + 3;
        let body = &source[body_start..body_start + len];
        let Some((kind, _)) = body.split_once(':') else {
            continue;
        };
        if !matches!(kind.trim(), "init" | "initialize") {
            continue;
        }
        let settings_start = body_start + kind.len() + 1;
        let keys: Vec<(usize, &str)> = top_level_keys(&source[settings_start..body_start + len])
            .into_iter()
            .filter(|(_, key)| LOCKED_KEYS.contains(key))
            .collect();
        let Some(&(first, first_key)) = keys.first() else {
            continue;
        };
        let at = settings_start + first;
        let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
        found.push(LockedSettings {
            line: source[..at].matches('\n').count() + 1,
            column: source[line_start..at].chars().count() + 1,
            width: if source[at..].starts_with(['"', '\'']) {
                first_key.chars().count() + 2
            } else {
                first_key.chars().count()
            },
            keys: keys.iter().map(|(_, key)| (*key).to_owned()).collect(),
        });
    }
    found
}

/// The keys of the outermost object of `settings` (JSON5: quoted or bare), each with its
/// byte offset (the offset of its quote, for a quoted key).
fn top_level_keys(settings: &str) -> Vec<(usize, &str)> {
    let bytes = settings.as_bytes();
    let mut keys = Vec::new();
    let mut depth = 0usize;
    let mut expect_key = false;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        match byte {
            b'"' | b'\'' => {
                let end = closing_quote(bytes, at);
                if depth == 1 && expect_key && followed_by_colon(bytes, end + 1) {
                    keys.push((at, &settings[at + 1..end.min(settings.len())]));
                    expect_key = false;
                }
                at = end + 1;
                continue;
            }
            b'{' | b'[' => {
                depth += 1;
                expect_key = depth == 1 && byte == b'{';
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            b',' if depth == 1 => expect_key = true,
            _ if depth == 1 && expect_key && (byte.is_ascii_alphabetic() || byte == b'_') => {
                let end = at
                    + settings[at..]
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
                        .unwrap_or(settings.len() - at);
                if followed_by_colon(bytes, end) {
                    keys.push((at, &settings[at..end]));
                }
                expect_key = false;
                at = end;
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    keys
}

/// The offset of the quote that closes the string opened at `open` (the end of `bytes` when
/// it is not closed).
fn closing_quote(bytes: &[u8], open: usize) -> usize {
    let quote = bytes[open];
    let mut at = open + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b if b == quote => return at,
            _ => at += 1,
        }
    }
    bytes.len()
}

fn followed_by_colon(bytes: &[u8], from: usize) -> bool {
    bytes
        .get(from..)
        .and_then(|rest| rest.iter().find(|b| !b.is_ascii_whitespace()))
        == Some(&b':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_settings_of_an_init_directive_are_named_at_the_first() {
        let source = "%%{init: {\"flowchart\": {\"curve\": \"step\", \"theme\": \"x\"}, \"theme\": \"dark\", themeVariables: {primaryColor: '#f00'}}}%%\nflowchart LR\n  A --> B\n";
        let found = locked_settings(source);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].keys,
            ["theme", "themeVariables"],
            "nested keys are not"
        );
        assert_eq!((found[0].line, found[0].column), (1, 57));
    }

    #[test]
    fn other_settings_and_other_directives_are_applied() {
        assert!(
            locked_settings("%%{init: {\"flowchart\": {\"curve\": \"step\"}}}%%\ngraph TD\n")
                .is_empty()
        );
        assert!(locked_settings("%%{wrap}%%\nsequenceDiagram\n").is_empty());
        assert!(locked_settings("%%{init: {\"theme\": \"dark\"}\ngraph TD\n").is_empty());
        assert!(locked_settings("graph TD\n  A[\"theme: dark\"]\n").is_empty());
    }

    #[test]
    fn a_directive_over_several_lines_is_read_whole() {
        let source = "%%{\n  init: {\n    'securityLevel': 'loose'\n  }\n}%%\ngraph TD\n";
        let found = locked_settings(source);
        assert_eq!(found[0].keys, ["securityLevel"]);
        assert_eq!((found[0].line, found[0].column), (3, 5));
    }
}
