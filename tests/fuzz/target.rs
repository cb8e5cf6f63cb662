//! What is fuzzed: each [`Target`] names a part of a course, where its seeds come from (see
//! `seeds`) and the tokens its mutations insert, repeat and nest.

use std::fmt;

/// A part of a course the harness mutates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// The YAML front matter at the top of an episode.
    FrontMatter,
    /// The legacy header lines (`# Episode N: Title`, subtitle, `**Duration**: …`).
    LegacyHeader,
    /// A whole episode: prose, fences, metrics blocks, tables.
    Markdown,
    /// A recommendations document in `enhancements/`.
    Recommendations,
    /// The body of a ```` ```mermaid ```` block.
    Mermaid,
    /// `book.toml`.
    Book,
}

/// A construct that nests: `open` before the lines, `close` after them, `indent` before each
/// nested line.
#[derive(Debug, Clone, Copy)]
pub struct Nesting {
    /// The line that opens a level.
    pub open: &'static str,
    /// The line that closes it (none when empty).
    pub close: &'static str,
    /// The prefix each level adds to the lines inside.
    pub indent: &'static str,
}

const fn nest(open: &'static str, close: &'static str, indent: &'static str) -> Nesting {
    Nesting {
        open,
        close,
        indent,
    }
}

const FRONT_MATTER_NESTINGS: &[Nesting] = &[
    nest("a:", "", "  "),
    nest("- ", "", "  "),
    nest("[", "]", ""),
    nest("{a: ", "}", ""),
];

const MARKDOWN_NESTINGS: &[Nesting] = &[
    nest("", "", "> "),
    nest("- item", "", "  "),
    nest("1. item", "", "   "),
    nest("<div>", "</div>", ""),
    nest("````", "````", ""),
    nest("", "", "* "),
];

const MERMAID_NESTINGS: &[Nesting] = &[
    nest("block:b", "end", "  "),
    nest("block:b", "end", ""),
    nest("subgraph s", "end", "  "),
    nest("state s {", "}", ""),
    nest("loop x", "end", ""),
    nest("alt x", "end", ""),
    nest("(", ")", ""),
    nest("[", "]", ""),
];

const BOOK_NESTINGS: &[Nesting] = &[
    nest("a = [", "]", ""),
    nest("a = {b = ", "}", ""),
    nest("[a]", "", "  "),
];

impl Target {
    /// Every target, in the order they run.
    pub const ALL: [Target; 6] = [
        Target::FrontMatter,
        Target::LegacyHeader,
        Target::Markdown,
        Target::Recommendations,
        Target::Mermaid,
        Target::Book,
    ];

    /// The name used on the command line and in findings.
    pub fn name(self) -> &'static str {
        match self {
            Target::FrontMatter => "front-matter",
            Target::LegacyHeader => "legacy-header",
            Target::Markdown => "markdown",
            Target::Recommendations => "recommendations",
            Target::Mermaid => "mermaid",
            Target::Book => "book",
        }
    }

    /// The target called `name`.
    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|target| target.name() == name)
    }

    /// Its index in [`Target::ALL`] (mixed into the random seed of each case).
    pub fn index(self) -> u64 {
        Target::ALL
            .iter()
            .position(|target| *target == self)
            .unwrap_or(0) as u64
    }

    /// Tokens the mutations insert or repeat many times.
    pub fn tokens(self) -> &'static [&'static str] {
        match self {
            Target::FrontMatter => &[
                "---",
                "- ",
                "[",
                "]",
                "{",
                "}",
                ": ",
                "&a ",
                "*a",
                "<<: *a",
                "? ",
                "|",
                ">-",
                "!!str ",
                "!!binary ",
                "\"",
                "'",
                "#",
                "title: ",
                "number: ",
                "series: ",
                "duration: ",
                "tags: [",
                "prerequisites: ",
                "summary: ",
                "\\u0000",
                "~",
                "null",
                "1e400",
                "-",
                ",",
                "  ",
            ],
            Target::LegacyHeader => &[
                "# Episode ",
                "Episode ",
                "**",
                "**Duration**: ",
                " minutes",
                "*Total Runtime: ",
                "## ",
                "Series",
                " - ",
                ": ",
                "#",
                "9",
                "**Episode**: ",
                "**Series**: ",
                "*",
                "_",
                "`",
                "[",
                "](",
                "\\",
            ],
            Target::Markdown => &[
                "```",
                "````",
                "~~~",
                "```python\n",
                "```java\n",
                "```c\n",
                "```rust\n",
                "```go\n",
                "```metrics\n",
                "```mermaid\n",
                "```yaml\n",
                "```text\n",
                ":--",
                "|",
                "| --- ",
                "**",
                "- **Label**: 12 ms\n",
                "- ",
                "> ",
                "1. ",
                "#",
                "[",
                "](",
                "![",
                "<",
                ">",
                "&",
                "&amp;",
                "<!--",
                "-->",
                "<details>",
                "[^1]",
                "\\",
                "`",
                "*",
                "_",
                "~~",
                "$$",
                "items:\n",
                "  - label: x\n    value: 1\n",
                "{{",
                "}}",
                "{%",
                "%}",
                "\"\"\"",
                "/*",
                "*/",
                "(",
                ")",
                "{",
                "}",
                "'",
                "\"",
            ],
            Target::Recommendations => &[
                "### Episode ",
                "Episode ",
                "Episodes 1-",
                "**",
                "**Add ",
                "Metrics",
                "Diagram",
                "Culture",
                "interactive",
                "- ",
                "1. ",
                "|",
                ":--",
                "```",
                "```mermaid\n",
                "```markdown\n",
                "---",
                "episodes:",
                "{series: ",
                "number: ",
                "For each episode",
                ", ",
                " and ",
                "#",
                "Series",
                "(",
                ")",
                "\"",
                "Try it",
            ],
            Target::Mermaid => &[
                "block:",
                "block-beta\n",
                "subgraph ",
                "end\n",
                "-->",
                "---",
                "==>",
                "-.->",
                "->>",
                "[",
                "]",
                "(",
                ")",
                "{",
                "}",
                "((",
                "))",
                "[[",
                "]]",
                "\"",
                ":",
                ";",
                "|",
                "%%",
                "%%{init: {}}%%\n",
                "<br/>",
                "&",
                "#",
                ":::",
                "[*]",
                "||--o{",
                "section ",
                "title ",
                "dateFormat ",
                "columns ",
                "[1.00, 0.5]",
                "[0.3, 0.6]",
                "x-axis ",
                "0-15: ",
                "commit\n",
                "branch ",
                "participant ",
                "loop ",
                "alt ",
                "else\n",
                "state ",
                "classDef ",
                "style ",
                "click ",
                "\\",
                "\t",
                "1e308",
                "-1",
            ],
            Target::Book => &[
                "[[series]]\n",
                "[lint]\n",
                "[",
                "]",
                "{",
                "}",
                "\"",
                "'",
                "\"\"\"",
                "'''",
                "=",
                "title = ",
                "slug = ",
                "order = ",
                "name = ",
                "description = ",
                "min_metrics = ",
                "base_url = ",
                "language = ",
                "authors = [",
                ",",
                "#",
                "\\u0000",
                "inf",
                "nan",
                "18446744073709551616",
                "-1",
                "1e308",
                ".",
            ],
        }
    }

    /// Constructs that nest, for the deep-nesting mutation.
    pub fn nestings(self) -> &'static [Nesting] {
        match self {
            Target::FrontMatter => FRONT_MATTER_NESTINGS,
            Target::LegacyHeader | Target::Markdown | Target::Recommendations => MARKDOWN_NESTINGS,
            Target::Mermaid => MERMAID_NESTINGS,
            Target::Book => BOOK_NESTINGS,
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Characters that break naive text handling: controls, invisible and wide characters, ones
/// whose case mapping changes their length, invalid UTF-8.
pub const ODD_CHARACTERS: &[&[u8]] = &[
    b"\0",
    b"\x01",
    b"\x1b[31m",
    b"\r",
    b"\t",
    b"\x7f",
    b"\x0b",
    b"\x0c",
    "\u{a0}".as_bytes(),
    "\u{200b}".as_bytes(),
    "\u{feff}".as_bytes(),
    "\u{202e}".as_bytes(),
    "e\u{301}".as_bytes(),
    "\u{2028}".as_bytes(),
    "\u{85}".as_bytes(),
    "👩‍💻".as_bytes(),
    "İ".as_bytes(),
    "ß".as_bytes(),
    "ﬃ".as_bytes(),
    "\u{212a}".as_bytes(),
    "ǅ".as_bytes(),
    "１２".as_bytes(),
    "١٢".as_bytes(),
    "—".as_bytes(),
    "\u{fffd}".as_bytes(),
    b"\xed\xa0\x80",
    b"\xff",
    b"\xc3",
];

/// Numbers that overflow, underflow or are not quite numbers.
pub const ODD_NUMBERS: &[&str] = &[
    "0",
    "-1",
    "-0",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999999999999999999",
    "1e308",
    "1e999",
    "1e-400",
    "NaN",
    "inf",
    "0x10",
    "1_000",
    "1,000,000",
    "00000000000000000001",
    "9.99999999999999999999",
];
