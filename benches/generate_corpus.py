#!/usr/bin/env python3
"""Generate a large course for scale benchmarks.

Replicates the real corpus (../shared/corpus) and the example course under new series (one set
per round) and new episode numbers (copy k of episode N becomes N + 100k), varying every code
block and diagram so that no cache can profit from the repetition. Each round also gets the
recommendation documents, retargeted at that round's series, so the lint has real work. With
the defaults it writes about 1,000 episodes (~70 MB), the size of a large real course.

With `--layout bundle` the same episodes are written as episode folders (`[episodes] layout =
"bundle"`): each script split in three parts at its level-two headings
(`script/episode-script-part1.md` ...), and its Python, Java, Go, JavaScript and TypeScript
fences moved into `code/<language>/` files, a sentence naming the file left in their place. The
text is the same as the file layout's, so the two layouts can be timed against each other.

usage: benches/generate_corpus.py OUT_DIR [--rounds N] [--layout file|bundle] [--corpus DIR] [--example DIR]
"""

import argparse
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMMENT = {
    "python": "#", "py": "#", "yaml": "#", "yml": "#", "bash": "#", "sh": "#", "toml": "#",
    "ruby": "#", "mermaid": "%%", "sql": "--", "haskell": "--", "lua": "--",
    # Calculator and simulator fences are YAML.
    "calculator": "#", "simulator": "#",
}
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([\w+-]*)")


def series_of(root: Path):
    """Series folders under root/episodes with their sorted episode files."""
    episodes = root / "episodes"
    return [(d.name, sorted(d.glob("*.md"))) for d in sorted(episodes.iterdir()) if d.is_dir()]


def vary_code(lines, token):
    """Add a unique comment line to every fenced block (after a diagram's type line, which
    follows the diagram's `---` front matter when it has one: a comment inside the front
    matter would make it invalid YAML)."""
    out, fence, pending, front = [], None, None, None
    for line in lines:
        m = FENCE.match(line)
        if fence is None and m:
            fence, lang, front = m.group(2), m.group(3).lower(), None
            out.append(line)
            if lang not in ("metrics", "markdown", "md", "json", ""):
                pending = f"{m.group(1)}{COMMENT.get(lang, '//')} variant {token}\n"
                if lang != "mermaid":
                    out.append(pending)
                    pending = None
            continue
        if fence is not None and line.strip().startswith(fence) and line.strip().strip(fence[0]) == "":
            fence, pending = None, None
        out.append(line)
        if pending and line.strip():
            if line.strip() == "---" and front is None:
                front = True
                continue
            if front:
                if line.strip() == "---":
                    front = False
                continue
            out.append(pending)
            pending = None
    return out


def episode_number(text: str, path: Path) -> int:
    """The episode's own number: from its H1, its front matter, or its file name."""
    for pattern in (r"^# Episode (\d+)", r"^number:\s*(\d+)", r"^\*\*Episode\*\*:?\s*(\d+)"):
        m = re.search(pattern, text, flags=re.M)
        if m:
            return int(m.group(1))
    m = re.search(r"(\d+)", path.stem)
    return int(m.group(1)) if m else 1


def retarget(doc: str, round_no: int) -> str:
    """Point a recommendations document's series groups at one round's series."""
    return re.sub(r"^(## Episodes [\d-]+ \()([^)]*)\)", lambda m: f"{m.group(1)}{m.group(2)} R{round_no})", doc, flags=re.M)


def renumber(text: str, number: int) -> str:
    text = re.sub(r"^# Episode \d+", f"# Episode {number}", text, count=1, flags=re.M)
    text = re.sub(r"^(\*\*Episode\*\*:?\s*)\d+", rf"\g<1>{number}", text, count=1, flags=re.M)
    text = re.sub(r"^number:\s*\d+", f"number: {number}", text, count=1, flags=re.M)
    return text


CODE_FILES = {"python": "py", "py": "py", "java": "java", "go": "go", "javascript": "js", "js": "js",
              "typescript": "ts", "ts": "ts"}


def move_code_out(text: str):
    """The script with its code fences in the languages of CODE_FILES replaced by a sentence, and
    the files they become: (script, [(path in the folder, code)])."""
    out, files, fence, lang, code, opening = [], [], None, None, [], ""
    for line in text.splitlines(keepends=True):
        m = FENCE.match(line)
        if fence is None and m and m.group(3).lower() in CODE_FILES and not m.group(1):
            fence, lang, code, opening = m.group(2), m.group(3).lower(), [], line
            continue
        if fence is not None:
            if line.strip().startswith(fence) and line.strip().strip(fence[0]) == "":
                ext = CODE_FILES[lang]
                folder = {"py": "python", "js": "javascript", "ts": "typescript"}.get(ext, ext)
                path = f"code/{folder}/sample_{len(files) + 1:02d}.{ext}"
                files.append((path, "".join(code)))
                out.append(f"The code for this step is in `{path}`.\n")
                fence = None
            else:
                code.append(line)
            continue
        out.append(line)
    if fence is not None:  # an unclosed fence stays in the script, as written
        out.append(opening)
        out.extend(code)
    return "".join(out), files


def split_parts(text: str, parts: int = 3):
    """The script cut into `parts` pieces at level-two headings outside fences (fewer when it
    has fewer headings)."""
    cuts, fence = [], None
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        m = FENCE.match(line)
        if fence is None and m:
            fence = m.group(2)
        elif fence is not None and line.strip().startswith(fence) and line.strip().strip(fence[0]) == "":
            fence = None
        elif fence is None and line.startswith("## "):
            cuts.append(i)
    chosen = [cuts[len(cuts) * k // parts] for k in range(1, parts) if cuts] if len(cuts) >= parts else []
    bounds = [0] + sorted(set(chosen)) + [len(lines)]
    return ["".join(lines[a:b]) for a, b in zip(bounds, bounds[1:]) if b > a]


def write_episode(folder: Path, name: str, text: str, layout: str) -> None:
    """One episode, as a file in `folder` or as an episode folder in it."""
    if layout == "file":
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
        return
    bundle = folder / name
    script, files = move_code_out(text)
    (bundle / "script").mkdir(parents=True)
    for k, part in enumerate(split_parts(script), start=1):
        (bundle / "script" / f"episode-script-part{k}.md").write_text(part, encoding="utf-8")
    for path, code in files:
        (bundle / path).parent.mkdir(parents=True, exist_ok=True)
        (bundle / path).write_text(code, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--rounds", type=int, default=30, help="copies of the whole set (default 30)")
    parser.add_argument("--real-weight", type=int, default=4, help="copies of the real corpus per round (default 4)")
    parser.add_argument("--layout", choices=("file", "bundle"), default="file",
                        help="one Markdown file per episode (default) or one folder per episode")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--example", type=Path, default=REPO)
    args = parser.parse_args()
    if not (args.corpus / "episodes").is_dir():
        print(f"error: no corpus at {args.corpus}; pass --corpus DIR", file=sys.stderr)
        return 2
    if args.out.exists():
        shutil.rmtree(args.out)
    sources = [(name, files, args.real_weight) for name, files in series_of(args.corpus)]
    sources += [(name, files, 1) for name, files in series_of(args.example)]
    count = size = order = 0
    for r in range(1, args.rounds + 1):
        for name, files, weight in sources:
            order += 1
            slug = re.sub(r"^\d+-", "", name)
            folder = args.out / "episodes" / f"{order:04d}-{slug}-r{r}"
            folder.mkdir(parents=True)
            for copy in range(weight):
                for f in files:
                    original = f.read_text(encoding="utf-8")
                    number = episode_number(original, f) + 100 * copy
                    lines = original.splitlines(keepends=True)
                    text = renumber("".join(vary_code(lines, f"r{r}c{copy}n{number}")), number)
                    name = f"episode-{number:03d}-{f.stem.split('-', 2)[-1]}"
                    write_episode(folder, name, text, args.layout)
                    count += 1
                    size += len(text.encode())
    enhancements = args.out / "enhancements"
    enhancements.mkdir()
    docs = sorted((args.corpus / "enhancements").glob("*.md")) + sorted((args.example / "enhancements").glob("*.md"))
    for r in range(1, args.rounds + 1):
        for i, doc in enumerate(docs):
            (enhancements / f"r{r:03d}-{i}-{doc.name}").write_text(retarget(doc.read_text(encoding="utf-8"), r), encoding="utf-8")
    config = 'title = "Generated scale course"\n'
    if args.layout == "bundle":
        config += '\n[episodes]\nlayout = "bundle"\n'
    (args.out / "book.toml").write_text(config, encoding="utf-8")
    print(f"{count} episodes, {size / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
