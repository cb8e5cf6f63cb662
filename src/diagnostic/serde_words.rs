//! Parser error messages in author words. The YAML and TOML readers report a value of the
//! wrong type in the words of the Rust type it was to be read into ("invalid type: sequence,
//! expected struct MetricsFence", "expected u32"): [`author_words`] rewrites those words into
//! what an author writes ("expected a table of fields", "expected a whole number from 0 to
//! 4294967295"). Every message a YAML or TOML reader gives goes through it before it becomes
//! a finding.

/// `message` with the Rust type names of "invalid type" and "invalid value" errors, and of
/// untagged enums, rewritten in author words; the rest of the message as it was.
pub(crate) fn author_words(message: &str) -> String {
    if let Some(at) = message.find("data did not match any variant of untagged enum") {
        return format!(
            "{}this value is not one of the forms this field takes",
            &message[..at]
        );
    }
    for marker in ["invalid type: ", "invalid value: "] {
        let Some(start) = message.find(marker) else {
            continue;
        };
        let rest = &message[start + marker.len()..];
        let Some(split) = rest.rfind(", expected ") else {
            continue;
        };
        let (found, expected) = (&rest[..split], &rest[split + ", expected ".len()..]);
        // The message may go on after the type (TOML adds nothing; YAML may add a position).
        let end = expected.find(['\n']).unwrap_or(expected.len());
        return format!(
            "{}{marker}{}, expected {}{}",
            &message[..start],
            found_words(found),
            expected_words(expected[..end].trim()),
            &expected[end..]
        );
    }
    message.to_owned()
}

/// What serde says it found, in author words: `sequence` is a list, `map` a table.
fn found_words(found: &str) -> String {
    match found {
        "sequence" => "a list".to_owned(),
        "map" => "a table".to_owned(),
        "unit value" | "unit" => "an empty value".to_owned(),
        "Option value" | "newtype struct" | "enum" => "a value".to_owned(),
        _ => match found.split_once(' ') {
            Some(("string", text)) => format!("text {text}"),
            Some(("integer", n)) => format!("the whole number {n}"),
            Some(("floating" | "float", n)) => {
                format!("the number {}", n.trim_start_matches("point "))
            }
            Some(("boolean", b)) => b.to_owned(),
            _ => found.to_owned(),
        },
    }
}

/// What serde says it expected, in author words: a Rust type (`u32`, `struct FenceItem`,
/// `a sequence`) becomes what an author writes; anything else (a custom expectation, already
/// in words) is kept.
fn expected_words(expected: &str) -> String {
    let words = match expected {
        "u8" => "a whole number from 0 to 255",
        "u16" => "a whole number from 0 to 65535",
        "u32" => "a whole number from 0 to 4294967295",
        "u64" | "u128" | "usize" => "a whole number, 0 or more",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number",
        "f32" | "f64" => "a number",
        "a boolean" | "bool" => "`true` or `false`",
        "a string" | "a borrowed string" | "string" => "text",
        "a character" | "char" => "a single character",
        "a sequence" | "sequence" => "a list",
        "a map" | "map" => "a table",
        "unit" => "an empty value",
        "option" => "a value",
        _ => {
            let Some((kind, _name)) = expected.split_once(' ') else {
                return expected.to_owned();
            };
            match kind {
                "struct" => "a table of fields",
                "enum" => "one of the values this field takes",
                "tuple" | "tuple struct" => "a list",
                _ => return expected.to_owned(),
            }
        }
    };
    words.to_owned()
}

#[cfg(test)]
mod tests {
    use super::author_words;

    #[test]
    fn rust_type_names_become_author_words() {
        for (message, words) in [
            (
                "invalid type: sequence, expected struct MetricsFence",
                "invalid type: a list, expected a table of fields",
            ),
            (
                "items[0]: invalid type: string \"x\", expected struct FenceItem",
                "items[0]: invalid type: text \"x\", expected a table of fields",
            ),
            (
                "number: invalid type: string \"five\", expected u32",
                "number: invalid type: text \"five\", expected a whole number from 0 to 4294967295",
            ),
            (
                "invalid value: integer `-1`, expected u32",
                "invalid value: the whole number `-1`, expected a whole number from 0 to 4294967295",
            ),
            (
                "invalid type: map, expected a sequence",
                "invalid type: a table, expected a list",
            ),
            (
                "invalid type: floating point `1.5`, expected i64",
                "invalid type: the number `1.5`, expected a whole number",
            ),
            (
                "draft: invalid type: integer `3`, expected a boolean",
                "draft: invalid type: the whole number `3`, expected `true` or `false`",
            ),
            (
                "data did not match any variant of untagged enum EpisodeField",
                "this value is not one of the forms this field takes",
            ),
        ] {
            let rewritten = author_words(message);
            assert_eq!(rewritten, words);
            for name in ["struct", "u32", "i64", "sequence", "untagged", "Fence"] {
                assert!(!rewritten.contains(name), "{rewritten}");
            }
        }
    }

    #[test]
    fn messages_in_words_already_are_kept() {
        for message in [
            "unknown field `titel`, expected one of `title`, `number`",
            "missing field `label`",
            "invalid value: string \"x\", expected a date like 2024-05-01",
            "did not find expected node content",
            "",
        ] {
            let kept = author_words(message);
            assert!(
                kept == message || kept.ends_with("expected a date like 2024-05-01"),
                "{kept}"
            );
        }
    }
}
