//! Whether a code fence is a test, for the `min_tests` gate.
//!
//! A fence is a test when its info string names a test file (a word after the language such as
//! `test_breaker.py`, `title="BreakerTest.java"` or `file=breaker_test.go`, judged by
//! [`crate::course::bundle::is_test_path`], the rule for code files), or when its code declares
//! a test by its language's own convention:
//!
//! - Python: a line `def test_…(` or `async def test_…(` (pytest), or a class deriving from
//!   `unittest.TestCase` / `TestCase`;
//! - Java and Kotlin: a JUnit annotation on a line of its own: `@Test`, `@ParameterizedTest`,
//!   `@RepeatedTest`, `@TestFactory` or `@TestTemplate`;
//! - Go: `func TestX(t *testing.T)`, the name going on with anything but a lowercase letter;
//! - JavaScript and TypeScript: a `test(` or `it(` call and a `describe(` call;
//! - Rust: a `#[test]` attribute, or one ending in `::test` (`#[tokio::test]`);
//! - C#: `[Test]`, `[TestMethod]`, `[Fact]` or `[Theory]`.
//!
//! Declarations are read at the start of a line (after indentation), so a comment or a string
//! that mentions one does not make a test. Each fence counts once, however many tests it holds.

use crate::course::bundle::is_test_path;
use crate::markdown::CodeBlock;

/// Whether `block`, whose language the highlighter knows as `token`, is a test.
pub fn is_test(block: &CodeBlock, token: Option<&str>) -> bool {
    names_test_file(&block.info) || token.is_some_and(|t| declares_test(t, &block.code))
}

/// Whether a word of the info string after the language (`key=` and quotes removed) is the
/// name of a test file.
fn names_test_file(info: &str) -> bool {
    info.split(|c: char| c.is_whitespace() || c == ',' || c == '{' || c == '}')
        .skip(1)
        .map(|word| {
            let value = word.split_once('=').map_or(word, |(_, v)| v);
            value.trim_matches(|c| c == '"' || c == '\'')
        })
        .any(|name| name.contains('.') && is_test_path(name))
}

/// Whether `code` in the language `token` declares a test by that language's convention.
fn declares_test(token: &str, code: &str) -> bool {
    let mut lines = code.lines().map(str::trim_start);
    match token {
        "python" => lines.any(|l| python_test_function(l) || python_test_case(l)),
        "java" | "kotlin" => lines.any(junit_annotation),
        "go" => lines.any(go_test_function),
        "javascript" | "typescript" | "typescriptreact" => {
            let (mut describe, mut case) = (false, false);
            for line in lines {
                describe |= calls(line, "describe");
                case |= calls(line, "it") || calls(line, "test");
                if describe && case {
                    return true;
                }
            }
            false
        }
        "rust" => lines.any(rust_test_attribute),
        "c#" => lines.any(|l| {
            ["[Test]", "[TestMethod]", "[Fact]", "[Theory]"]
                .iter()
                .any(|a| l.starts_with(a))
        }),
        _ => false,
    }
}

fn python_test_function(line: &str) -> bool {
    let line = line.strip_prefix("async ").unwrap_or(line);
    line.strip_prefix("def test")
        .is_some_and(|rest| rest.starts_with('_') || rest.starts_with('('))
}

fn python_test_case(line: &str) -> bool {
    line.starts_with("class ")
        && line
            .split_once('(')
            .is_some_and(|(_, bases)| bases.contains("TestCase"))
}

fn junit_annotation(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('@') else {
        return false;
    };
    let name_end = rest
        .find(|c: char| !c.is_alphanumeric() && c != '_')
        .unwrap_or(rest.len());
    matches!(
        &rest[..name_end],
        "Test" | "ParameterizedTest" | "RepeatedTest" | "TestFactory" | "TestTemplate"
    )
}

fn go_test_function(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("func Test") else {
        return false;
    };
    let starts_well = rest.chars().next().is_some_and(|c| !c.is_lowercase());
    starts_well
        && rest
            .split_once('(')
            .is_some_and(|(_, params)| params.contains("*testing.T)"))
}

/// Whether `line` calls `name` (`name(`, `name.each(`, `name.only(`), not as part of a longer
/// name (`split(`, `submit(`).
fn calls(line: &str, name: &str) -> bool {
    let mut from = 0;
    while let Some(at) = line[from..].find(name) {
        let start = from + at;
        let end = start + name.len();
        let before = line[..start].chars().next_back();
        let is_start =
            before.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '$' || c == '.'));
        let after = &line[end..];
        let call = after.starts_with('(')
            || [".each(", ".only(", ".skip(", ".concurrent("]
                .iter()
                .any(|m| after.starts_with(m));
        if is_start && call {
            return true;
        }
        from = end;
    }
    false
}

fn rust_test_attribute(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("#[") else {
        return false;
    };
    let path_end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(rest.len());
    let path = &rest[..path_end];
    path == "test" || path.ends_with("::test")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fence(info: &str, code: &str) -> CodeBlock<'static> {
        CodeBlock {
            lang: info.split_whitespace().next().map(str::to_lowercase),
            info: info.to_owned(),
            code: code.to_owned().into(),
            span: 0..0,
            code_start: 0,
            closed: true,
            diagram: None,
            event_index: 0,
        }
    }

    fn test(info: &str, code: &str) -> bool {
        let block = fence(info, code);
        let token = block
            .lang
            .as_deref()
            .and_then(crate::highlight::language_token);
        is_test(&block, token.as_deref())
    }

    #[test]
    fn python_tests_by_pytest_and_unittest() {
        assert!(test(
            "python",
            "def test_retry():\n    assert retry(3) == 3\n"
        ));
        assert!(test("py", "async def test_fetch():\n    await fetch()\n"));
        assert!(test(
            "python",
            "class BreakerTests(unittest.TestCase):\n    def runTest(self):\n        pass\n"
        ));
        assert!(test("python", "class T(TestCase):\n    ...\n"));
        // Near misses: not a test function, a mention, a comment, a string.
        assert!(!test("python", "def testing_tools():\n    return 1\n"));
        assert!(!test("python", "def contest_x():\n    return 1\n"));
        assert!(!test("python", "# def test_retry(): to come\nx = 1\n"));
        assert!(!test("python", "print(\"def test_x():\")\n"));
        assert!(!test("python", "class TestCaseBuilder:\n    pass\n"));
    }

    #[test]
    fn java_and_kotlin_tests_by_junit_annotations() {
        assert!(test(
            "java",
            "class BreakerTest {\n    @Test\n    void opens() {}\n}\n"
        ));
        assert!(test(
            "java",
            "  @Test(expected = Boom.class)\n  void boom() {}\n"
        ));
        assert!(test(
            "java",
            "@ParameterizedTest\n@ValueSource(ints = {1})\nvoid p(int x) {}\n"
        ));
        assert!(test("kotlin", "@Test fun opens() {}\n"));
        assert!(!test(
            "java",
            "@TestInstance(Lifecycle.PER_CLASS)\nclass B {}\n"
        ));
        assert!(!test("java", "@Testable\nclass B {}\n"));
        assert!(!test("java", "// @Test is added later\nclass B {}\n"));
        assert!(!test("java", "String s = \"@Test\";\n"));
    }

    #[test]
    fn go_tests_by_their_signature() {
        assert!(test("go", "func TestBreaker(t *testing.T) {\n}\n"));
        assert!(test("golang", "func Test_open(t *testing.T) {}\n"));
        assert!(test("go", "func Test(t *testing.T) {}\n"));
        assert!(
            !test("go", "func Testify(t *testing.T) {}\n"),
            "lowercase after Test"
        );
        assert!(!test("go", "func TestMain(m *testing.M) {}\n"));
        assert!(!test("go", "func BenchmarkX(b *testing.B) {}\n"));
        assert!(!test("go", "func TestHelper(x int) {}\n"));
    }

    #[test]
    fn javascript_and_typescript_tests_inside_describe() {
        let jest = "describe('breaker', () => {\n  it('opens', () => {\n    expect(open()).toBe(true);\n  });\n});\n";
        assert!(test("js", jest));
        assert!(test("typescript", jest));
        assert!(test(
            "ts",
            "describe(\"x\", () => {\n  test.each([1, 2])(\"n\", (n) => {});\n});\n"
        ));
        assert!(!test("js", "it('opens', () => {});\n"), "no describe");
        assert!(!test(
            "js",
            "describe('x', () => {\n  submit(form);\n  split(a);\n});\n"
        ));
        assert!(!test("js", "const described = describe;\nwait(1);\n"));
    }

    #[test]
    fn rust_and_csharp_tests_by_attributes() {
        assert!(test("rust", "#[test]\nfn opens() {}\n"));
        assert!(test("rs", "#[tokio::test]\nasync fn opens() {}\n"));
        assert!(!test("rust", "#[cfg(test)]\nmod tests {}\n"));
        assert!(!test("rust", "#[testing]\nfn x() {}\n"));
        assert!(test("csharp", "[Fact]\npublic void Opens() {}\n"));
        assert!(!test("csharp", "[Serializable]\npublic class B {}\n"));
    }

    #[test]
    fn a_fence_that_names_a_test_file_is_a_test() {
        assert!(test("python title=\"test_breaker.py\"", "assert 1\n"));
        assert!(test("go file=breaker_test.go", "package breaker\n"));
        assert!(test("java BreakerTest.java", "class BreakerTest {}\n"));
        assert!(test("ts {title='breaker.spec.ts'}", "expect(1)\n"));
        assert!(!test("python title=\"breaker.py\"", "x = 1\n"));
        assert!(
            !test("python title=\"test notes\"", "x = 1\n"),
            "not a file name"
        );
        assert!(
            !test("ruby", "def test_x\nend\n"),
            "no convention for this language"
        );
    }
}
