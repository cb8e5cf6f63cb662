#!/usr/bin/env python3
"""Generate a large course for scale benchmarks.

Replicates the real corpus (../shared/corpus) and the example course under new series (one set
per round) and new episode numbers (copy k of episode N becomes N + 100k), varying every code
block and diagram so that no cache can profit from the repetition. Each round also gets the
recommendation documents, retargeted at that round's series, so the lint has real work. With
the defaults it writes about 1,000 episodes (~70 MB), the size of a large real course.

usage: benches/generate_corpus.py OUT_DIR [--rounds N] [--corpus DIR] [--example DIR]
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--rounds", type=int, default=30, help="copies of the whole set (default 30)")
    parser.add_argument("--real-weight", type=int, default=4, help="copies of the real corpus per round (default 4)")
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
                    target = folder / f"episode-{number:03d}-{f.stem.split('-', 2)[-1]}.md"
                    target.write_text(text, encoding="utf-8")
                    count += 1
                    size += len(text.encode())
    enhancements = args.out / "enhancements"
    enhancements.mkdir()
    docs = sorted((args.corpus / "enhancements").glob("*.md")) + sorted((args.example / "enhancements").glob("*.md"))
    for r in range(1, args.rounds + 1):
        for i, doc in enumerate(docs):
            (enhancements / f"r{r:03d}-{i}-{doc.name}").write_text(retarget(doc.read_text(encoding="utf-8"), r), encoding="utf-8")
    (args.out / "book.toml").write_text('title = "Generated scale course"\n', encoding="utf-8")
    print(f"{count} episodes, {size / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
