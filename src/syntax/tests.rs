//! Broken samples found where they break, in every required language; fragments left alone.

use super::*;

/// The 1-based line and column (in characters) of the first error of a fence, and what it is.
fn fence_error(grammar: Grammar, code: &str) -> (usize, usize, What) {
    error_of(grammar, code, true)
}

fn error_of(grammar: Grammar, code: &str, fragment: bool) -> (usize, usize, What) {
    let sample = Sample {
        grammar,
        code,
        fragment,
        console: false,
    };
    match check(&sample) {
        Verdict::Error(problem) => {
            let before = &code[..problem.start];
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = code[line_start..problem.start].chars().count() + 1;
            (line, column, problem.what)
        }
        other => panic!("{grammar:?} {code:?}: {other:?}"),
    }
}

fn is_clean(grammar: Grammar, code: &str) -> bool {
    let sample = Sample {
        grammar,
        code,
        fragment: true,
        console: false,
    };
    check(&sample) == Verdict::Clean
}

/// A keyword or punctuation the grammar wanted, quoted as the parser records it.
fn missing(token: &str) -> What {
    What::Missing(format!("`{token}`"))
}

#[test]
fn a_broken_sample_is_found_at_its_line_and_column_in_each_language() {
    use Grammar as G;
    let cases: &[(Grammar, &str, (usize, usize))] = &[
        (G::Python, "def f(x):\n    return x +\n\ny = 2\n", (2, 14)),
        (
            G::Java,
            "class A {\n    int f() {\n        return 1 +;\n    }\n}\n",
            (3, 19),
        ),
        (
            G::Go,
            "package main\n\nfunc main() {\n\tx := [1, 2}\n}\n",
            (4, 12),
        ),
        (G::JavaScript, "const a = 1;\nconst b = (a + ;\n", (2, 14)),
        (
            G::TypeScript,
            "let a: number = 1;\nfunction f(: string) {}\n",
            (2, 12),
        ),
        (G::Rust, "fn main() {\n    let x = (1 + 2;\n}\n", (2, 19)),
        (
            G::C,
            "int main(void) {\n    int x = 1 +;\n    return x;\n}\n",
            (2, 15),
        ),
        (G::Cpp, "int main() {\n    int x = (1 + 2;\n}\n", (2, 19)),
        (G::Json, "{\n  \"a\": 1,\n  \"b\" 2\n}\n", (3, 7)),
        (G::Yaml, "a: 1\nb: [1, 2\nc: 3\n", (2, 8)),
        (G::Toml, "[server]\nport = \n", (2, 6)),
        (G::Bash, "if [ -f x ]; then\n  echo yes\n", (3, 1)),
    ];
    let mut wrong = Vec::new();
    for (grammar, code, expected) in cases {
        let (line, column, what) = fence_error(*grammar, code);
        if (line, column) != *expected {
            wrong.push(format!(
                "{grammar:?}: found {line}:{column} ({what:?}), expected {}:{}",
                expected.0, expected.1
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_unclosed_block_is_a_missing_token() {
    let (line, _, what) = error_of(Grammar::Bash, "for f in *.md; do\n  wc -l \"$f\"\n", false);
    assert_eq!((line, what), (3, missing("done")));
}

#[test]
fn fragments_are_read_by_their_language_rules() {
    use Grammar as G;
    let fragments: &[(Grammar, &str)] = &[
        (
            G::Java,
            "public int retries(int attempt) {\n    return Math.min(attempt * 2, 30);\n}\n",
        ),
        (G::Java, "int x = compute();\nSystem.out.println(x);\n"),
        (
            G::Java,
            "@Override\npublic String toString() { return name; }\n",
        ),
        (
            G::Go,
            "if err != nil {\n\treturn err\n}\nfmt.Println(\"ok\")\n",
        ),
        (G::Go, "func retry(n int) error {\n\treturn nil\n}\n"),
        (G::Go, "x := make(map[string]int)\nx[\"a\"] = 1\n"),
        (
            G::Rust,
            "let x = vec![1, 2, 3];\nlet total: i32 = x.iter().sum();\nprintln!(\"{total}\");\n",
        ),
        (G::Rust, "pub fn new() -> Self {\n    Self { n: 0 }\n}\n"),
        (G::C, "int x = 1;\nx += 2;\nprintf(\"%d\\n\", x);\n"),
        (
            G::Cpp,
            "auto v = std::vector<int>{1, 2};\nfor (auto x : v) { std::cout << x; }\n",
        ),
        (G::Python, "def handler(event):\n    ...\n"),
        (
            G::Python,
            "class Cache:\n    def get(self, key):\n        ...\n\n    ...\n",
        ),
        (
            G::Python,
            "    def get(self, key):\n        return self.items[key]\n",
        ),
        (G::Python, "for item in items:\n    …\n"),
        (G::Python, "result = await fetch(url)\n"),
        (
            G::JavaScript,
            "const data = await fetch(url);\n...\nconsole.log(data);\n",
        ),
        (
            G::JavaScript,
            "async handle(req) {\n  return this.next(req);\n}\n",
        ),
        (
            G::TypeScript,
            "const user = await load<User>(id);\n// ...\n",
        ),
        (
            G::TypeScript,
            "export const App = () => <div className=\"app\">hi</div>;\n",
        ),
        (
            G::Json,
            "{\n  \"name\": \"demo\",\n  \"tags\": [\"a\", \"b\"],\n  \"n\": 1.5e3\n}\n",
        ),
        (
            G::Yaml,
            "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"80:80\"\n",
        ),
        (
            G::Toml,
            "[package]\nname = \"demo\"\nversion = \"0.1.0\"\n\n[dependencies]\nserde = { version = \"1\" }\n",
        ),
        (
            G::Bash,
            "$ cargo build --release\n   Compiling demo v0.1.0\n    Finished release\n$ ./target/release/demo --help\nUsage: demo [OPTIONS]\n",
        ),
        (G::Bash, "kubectl get pods -n prod | grep -v Running\n"),
    ];
    let flagged: Vec<String> = fragments
        .iter()
        .filter(|(grammar, code)| !is_clean(*grammar, code))
        .map(|(grammar, code)| {
            format!(
                "{grammar:?}: {code:?} -> {:?}",
                check(&Sample {
                    grammar: *grammar,
                    code,
                    fragment: true,
                    console: false,
                })
            )
        })
        .collect();
    assert!(flagged.is_empty(), "flagged:\n{}", flagged.join("\n"));
}

#[test]
fn a_file_is_not_read_as_a_fragment() {
    let code = "async handle(req) {\n  return this.next(req);\n}\n";
    assert!(is_clean(Grammar::JavaScript, code));
    assert!(matches!(
        check(&Sample {
            grammar: Grammar::JavaScript,
            code,
            fragment: false,
            console: false,
        }),
        Verdict::Error(_)
    ));
}

#[test]
fn the_count_of_further_errors_is_kept() {
    let sample = Sample {
        grammar: Grammar::Python,
        code: "x = )\ny = 1\nz = )\n",
        fragment: false,
        console: false,
    };
    let Verdict::Error(problem) = check(&sample) else {
        panic!("an error");
    };
    assert_eq!(problem.more, 1, "{problem:?}");
}

/// The verdicts of [`check_all`] on `samples`, and each list of grammars it announced.
fn check_announced(
    samples: &[Sample<'_>],
    store: Option<&Store>,
) -> (Vec<Verdict>, Vec<Vec<Grammar>>) {
    let announced = std::sync::Mutex::new(Vec::new());
    let verdicts = check_all(
        samples,
        store,
        |grammars| {
            announced
                .lock()
                .expect("not poisoned")
                .push(grammars.to_vec());
        },
        |_, _, _| {},
    );
    (verdicts, announced.into_inner().expect("not poisoned"))
}

/// A store file, in a temporary folder kept as long as the first value, that holds the
/// verdict on `sample`, and that verdict.
fn store_holding(sample: Sample<'_>) -> (tempfile::TempDir, std::path::PathBuf, Verdict) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("verdicts.bin");
    let store = Store::open(&path);
    let verdict = check_announced(&[sample], Some(&store)).0.remove(0);
    store.save(false);
    (dir, path, verdict)
}

#[test]
fn a_sample_over_the_size_limit_is_not_parsed() {
    let code = "x = 1\n".repeat(MAX_BYTES / 6 + 1);
    let sample = Sample {
        grammar: Grammar::Python,
        code: &code,
        fragment: true,
        console: false,
    };
    let (verdicts, announced) = check_announced(&[sample], None);
    assert_eq!(verdicts, [Verdict::TooLarge]);
    assert_eq!(announced, [Vec::<Grammar>::new()], "no grammar to parse");
}

#[test]
fn verdicts_from_the_store_and_from_parsing_keep_the_samples_order() {
    let stored = Sample {
        grammar: Grammar::Python,
        code: "x = )\n",
        fragment: false,
        console: false,
    };
    let (_dir, path, stored_verdict) = store_holding(stored);
    assert!(
        matches!(stored_verdict, Verdict::Error(_)),
        "{stored_verdict:?}"
    );
    let clean = Sample {
        grammar: Grammar::Json,
        code: "[1, 2]\n",
        fragment: false,
        console: false,
    };
    let broken = Sample {
        grammar: Grammar::Json,
        code: "[1,,]\n",
        fragment: false,
        console: false,
    };
    let (verdicts, announced) = check_announced(
        &[clean, stored, broken, stored, clean],
        Some(&Store::open(&path)),
    );
    assert_eq!(
        announced,
        [vec![Grammar::Json]],
        "the stored Python sample is not parsed again"
    );
    assert_eq!(verdicts[0], Verdict::Clean);
    assert_eq!(verdicts[1], stored_verdict);
    assert!(
        matches!(verdicts[2], Verdict::Error(_)),
        "{:?}",
        verdicts[2]
    );
    assert_eq!(verdicts[3], stored_verdict);
    assert_eq!(verdicts[4], Verdict::Clean);
}

#[test]
fn text_that_sends_a_grammar_into_quadratic_recovery_is_stopped() {
    let code = ":--".repeat(4_000);
    let started = std::time::Instant::now();
    let verdict = check(&Sample {
        grammar: Grammar::Python,
        code: &code,
        fragment: true,
        console: false,
    });
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert!(
        matches!(verdict, Verdict::OverBudget | Verdict::Error(_)),
        "{verdict:?}"
    );
}

#[test]
fn only_samples_the_store_has_not_seen_are_announced_before_parsing() {
    let seen = Sample {
        grammar: Grammar::Python,
        code: "x = 1\n",
        fragment: true,
        console: false,
    };
    let (_dir, path, _) = store_holding(seen);
    let new = Sample {
        grammar: Grammar::Go,
        code: "package main\n",
        fragment: true,
        console: false,
    };
    let (verdicts, announced) = check_announced(&[seen, new], Some(&Store::open(&path)));
    assert_eq!(verdicts, [Verdict::Clean, Verdict::Clean]);
    assert_eq!(announced, [vec![Grammar::Go]]);

    let (_, unstored) = check_announced(&[seen], None);
    assert_eq!(unstored, [vec![Grammar::Python]]);
}

fn console_error(code: &str) -> (usize, usize, What) {
    let sample = Sample {
        grammar: Grammar::Python,
        code,
        fragment: true,
        console: true,
    };
    match check(&sample) {
        Verdict::Error(problem) => {
            let before = &code[..problem.start];
            let line = before.matches('\n').count() + 1;
            let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
            (line, column, problem.what)
        }
        other => panic!("{code:?}: {other:?}"),
    }
}

#[test]
fn python_console_transcripts_are_read_as_their_commands() {
    let clean = [
        ">>> import math\n>>> math.sqrt(16)\n4.0\n",
        ">>> def f(x):\n...     return x * 2\n...\n>>> f(2)\n4\n",
        ">>> raise ValueError('no')\nTraceback (most recent call last):\n  ...\nValueError: no\n",
        "def f():\n    \"\"\"Twice.\n\n    >>> f()\n    2\n    \"\"\"\n    return 2\n",
    ];
    for code in clean {
        assert!(is_clean(Grammar::Python, code), "{code:?}");
    }
    // A command's error is found at its own line and column, past the prompt.
    let (line, column, what) = fence_error(Grammar::Python, ">>> a = 1\n1\n>>> b = (a +)\n");
    assert_eq!((line, column, what), (3, 12, What::Unexpected));
    // A `pycon` fence is a transcript even without a prompt: all output.
    assert!(matches!(
        check(&Sample {
            grammar: Grammar::Python,
            code: "Traceback (most recent call last):\nValueError\n",
            fragment: true,
            console: true,
        }),
        Verdict::Clean
    ));
    assert_eq!(console_error(">>> x = )\n").0, 1);
}

#[test]
fn ipython_magics_and_shell_escapes_are_not_read_as_python() {
    for code in [
        "%timeit sum(range(10))\n!pip install numpy\nx = 1\n",
        "%%bash\necho \"hi\" | wc -l\n",
        "%%time\ntotal = sum(range(10))\n",
        "for f in files:\n    !wc -l {f}\n",
    ] {
        assert!(is_clean(Grammar::Python, code), "{code:?}");
    }
    assert_eq!(
        fence_error(Grammar::Python, "%time x = 1\ny = )\n"),
        (2, 5, What::Unexpected)
    );
    // Inside brackets `%` is Python's operator: the line is read, and its error found.
    assert_eq!(
        fence_error(Grammar::Python, "x = (a\n% b +)\n"),
        (2, 5, What::Unexpected)
    );
}

#[test]
fn rust_hidden_lines_are_read_without_their_hash() {
    for code in [
        "# fn main() {\nlet x = 1;\nprintln!(\"{x}\");\n# }\n",
        "# #![allow(unused)]\n#[derive(Debug)]\nstruct A;\n#\n# fn main() {}\n",
        "##[derive(Debug)]\nstruct A;\n",
    ] {
        assert!(is_clean(Grammar::Rust, code), "{code:?}");
    }
    let (line, column, _) = fence_error(Grammar::Rust, "# fn main() {\nlet x = (1 + 2;\n# }\n");
    assert_eq!((line, column), (2, 15));
}

fn not_indented(keyword: &str, header: usize) -> What {
    What::NotIndented {
        keyword: keyword.to_owned(),
        header,
    }
}

#[test]
fn a_python_body_not_indented_is_an_error_at_its_first_statement() {
    let cases: &[(&str, (usize, usize, What))] = &[
        ("def f():\nreturn 1\n", (2, 1, not_indented("def", 0))),
        (
            "class A:\n    def f(self):\n    return 1\n",
            (3, 5, not_indented("def", 13)),
        ),
        (
            "async def f():\nawait g()\n",
            (2, 1, not_indented("async def", 0)),
        ),
        (
            "if x:\n    pass\nelif y:\nz = 1\n",
            (4, 1, not_indented("elif", 15)),
        ),
        (
            "    def get(self):\n    return 1\n",
            (2, 5, not_indented("def", 4)),
        ),
        (
            ">>> def f():\n... return 1\n",
            (2, 5, not_indented("def", 4)),
        ),
    ];
    let mut wrong = Vec::new();
    for (code, expected) in cases {
        let found = fence_error(Grammar::Python, code);
        if found != *expected {
            wrong.push(format!("{code:?}: {found:?}, expected {expected:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Files are checked alike.
    assert_eq!(
        error_of(Grammar::Python, "def f():\nreturn 1\n", false),
        (2, 1, not_indented("def", 0))
    );
}

#[test]
fn python_bodies_on_their_line_behind_comments_or_elided_are_not_flagged() {
    for code in [
        "if x: pass\nelse: y = 1\n",
        "def f():\n# a comment at the margin\n    return 1\n",
        "x = [\n1,\n]\nif x:\n    y = (1,\n2)\n",
        "if (a and\nb):\n    pass\n",
        "if (a and\n        b): pass\n",
        "class Handler:\n    # ...\n\ndef main():\n    ...\n",
        "class Cache:\n    ...\n",
        "def f():\n\tif x:\n\t\treturn 1\n",
    ] {
        assert!(
            is_clean(Grammar::Python, code),
            "{code:?}: {:?}",
            check(&Sample {
                grammar: Grammar::Python,
                code,
                fragment: true,
                console: false,
            })
        );
    }
}

#[test]
fn a_go_body_brace_on_the_next_line_is_an_error_at_the_brace() {
    for (code, expected) in [
        ("func main()\n{\n\tfmt.Println(1)\n}\n", (2, 1)),
        ("package main\n\nfunc main()\n{\n}\n", (4, 1)),
        ("if x > 1\n{\n\treturn\n}\n", (2, 1)),
        ("for i := 0; i < 3; i++\n{\n}\n", (2, 1)),
        ("switch x\n{\ncase 1:\n}\n", (2, 1)),
        (
            "func (s *S) Run() error // runs\n{\n\treturn nil\n}\n",
            (2, 1),
        ),
    ] {
        assert_eq!(
            fence_error(Grammar::Go, code),
            (expected.0, expected.1, What::BraceOnNextLine),
            "{code:?}"
        );
    }
    for code in [
        "x := 1\n{\n\ty := 2\n\t_ = y\n}\n",
        "if x {\n} else\n{\n}\n",
        "func main() {\n\tfor {\n\t\tbreak\n\t}\n}\n",
        "v := []int{\n\t1,\n}\n",
    ] {
        assert!(is_clean(Grammar::Go, code), "{code:?}");
    }
}

#[test]
fn rules_of_python_and_go_stay_linear_on_long_lines() {
    let started = std::time::Instant::now();
    let python = format!(
        "{}\nx = 1\n",
        "if a: b\n".repeat(20_000) + &"if a:".repeat(20_000)
    );
    let go = "if a { x() }; ".repeat(20_000) + "\n{\n}\n";
    for (grammar, code) in [(Grammar::Python, python), (Grammar::Go, go)] {
        let _ = check(&Sample {
            grammar,
            code: &code,
            fragment: true,
            console: false,
        });
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}
