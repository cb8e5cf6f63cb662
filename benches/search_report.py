#!/usr/bin/env python3
"""Table for benches/search.sh: build time medians and search index sizes, per site generator.

Reads a rows file (tab separated: section, name, kind, site folder, timing JSON glob) and the
hyperfine JSON exports it names (one file per interleaved round, one run per command in each),
measures every site folder, and writes a Markdown report.

What is counted, per kind of site ("gz": each file compressed alone with `gzip -9c`, summed,
as a server sends it):
  - episode: index = everything under search/ (index.js, terms-*.js, text-*.js); engine =
    assets/search.js; first search = index.js + the term shards of the query's words + the text
    files of the episodes of the first 5 results, found as assets/search.js finds them;
  - mdbook: index = searchindex*.js + searchindex*.json; engine = searcher*.js +
    elasticlunr*.js + mark*.js (result highlighting); first search = the whole index;
  - mkdocs: index = search/search_index.json; engine = the search worker
    (assets/javascripts/workers/search.*.js, not its source map); the lunr language files are
    not counted (loaded only for other languages than English); first search = the whole index.
Site totals count every file the generator wrote (fonts, source maps and print pages included).

usage: benches/search_report.py ROWS_TSV OUT_MD --query "two words" [--header TEXT]
"""

import argparse
import glob
import json
import re
import statistics
import subprocess
from pathlib import Path

# The constants of assets/search.js that decide what a first search loads.
MAX_RESULTS = 20
MAX_EXPANSIONS = 50
PREFIX_WEIGHT = 0.6
EXCERPT_RESULTS = 5


def gz_size(path: Path) -> int:
    with path.open("rb") as f:
        return len(subprocess.run(["gzip", "-9c"], stdin=f, capture_output=True, check=True).stdout)


def sizes(paths):
    """(raw bytes, gzipped bytes) of a list of files."""
    paths = [p for p in paths if p.is_file()]
    return sum(p.stat().st_size for p in paths), sum(gz_size(p) for p in paths)


def all_files(folder: Path):
    return sorted(p for p in folder.rglob("*") if p.is_file())


def call_argument(path: Path, function: str):
    """The arguments of the one `EpisodeSearch.<function>(...)` call a search file holds, as a list."""
    text = path.read_text(encoding="utf-8").strip()
    prefix = f"EpisodeSearch.{function}("
    if not text.startswith(prefix) or not text.endswith(");"):
        raise SystemExit(f"{path}: not an EpisodeSearch.{function}(...) call")
    return json.loads("[" + text[len(prefix):-2] + "]")


def tokenize(query: str):
    """The query words as assets/search.js splits them: letters and digits, two or more, once each."""
    tokens = []
    for token in re.findall(r"[^\W_]+", query.lower()):
        if len(token) >= 2 and token not in tokens:
            tokens.append(token)
    return tokens


def first_search_files(search: Path, query: str):
    """The files assets/search.js loads for the first search of `query`."""
    index = call_argument(search / "index.js", "index")[0]
    tokens = tokenize(query)
    files, shards = ["index.js"], {}
    for token in tokens:
        key = token[:2]
        shard = index["shards"].get(key)
        if shard and shard not in files:
            files.append(shard)
        shards[key] = call_argument(search / shard, "terms")[1] if shard else []

    def match(token):
        scores, expansions = {}, 0
        for term, postings in shards[token[:2]]:
            if not term.startswith(token):
                continue
            if expansions == MAX_EXPANSIONS:
                break
            expansions += 1
            factor = 1 if term == token else PREFIX_WEIGHT
            for section, weight in zip(postings[0::2], postings[1::2]):
                scores[section] = max(scores.get(section, 0), weight * factor)
        return scores

    per_token = [match(t) for t in tokens]

    def combine(every):
        total, count = {}, {}
        for scores in per_token:
            for section, score in scores.items():
                total[section] = total.get(section, 0) + score
                count[section] = count.get(section, 0) + 1
        return [(s, total[s]) for s in total if not every or count[s] == len(per_token)]

    found = combine(True)
    if not found and len(tokens) > 1:
        found = combine(False)
    found.sort(key=lambda hit: (-hit[1], hit[0]))
    found = found[:MAX_RESULTS]
    texts, episodes = index.get("texts", []), index["episodes"]
    loaded = []
    for section, _ in found[:EXCERPT_RESULTS]:
        episode = index["sections"][section][0]
        for file in [texts[episode]] if len(texts) == len(episodes) else texts:
            if file not in loaded:
                loaded.append(file)
    return [search / f for f in files + loaded], len(found), len(files) - 1, len(loaded)


def measure(kind: str, site: Path, query: str):
    row = {"site": sizes(all_files(site))}
    if kind == "episode":
        search = site / "search"
        row["index"] = sizes(all_files(search)) if search.is_dir() else None
        row["engine"] = sizes([site / "assets" / "search.js"]) if search.is_dir() else None
        if search.is_dir():
            files, hits, shard_count, text_count = first_search_files(search, query)
            row["first"] = sizes(files)
            row["first_note"] = f"index.js + {shard_count} shards + {text_count} text files ({hits} results)"
    elif kind == "mdbook":
        row["index"] = sizes(list(site.glob("searchindex*.js")) + list(site.glob("searchindex*.json")))
        row["engine"] = sizes([p for pattern in ("searcher*.js", "elasticlunr*.js", "mark*.js")
                               for p in site.glob(pattern)])
        row["first"], row["first_note"] = row["index"], "the whole index"
    elif kind == "mkdocs":
        row["index"] = sizes([site / "search" / "search_index.json"])
        row["engine"] = sizes([p for p in (site / "assets" / "javascripts" / "workers").glob("search.*.js")])
        row["first"], row["first_note"] = row["index"], "the whole index"
    return row


def median_times(pattern: str):
    """name -> list of seconds, over every round's JSON export."""
    times = {}
    for path in sorted(glob.glob(pattern)):
        for result in json.load(open(path))["results"]:
            times.setdefault(result["command"], []).extend(result["times"])
    return times


def mb(size):
    return "–" if size is None else f"{size / 1e6:.2f} MB" if size >= 1e5 else f"{size / 1e3:.1f} kB"


def pair(value):
    return "–" if not value else f"{mb(value[0])} / {mb(value[1])}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rows")
    parser.add_argument("out")
    parser.add_argument("--query", required=True)
    parser.add_argument("--header", default="")
    args = parser.parse_args()

    sections = {}
    for line in Path(args.rows).read_text().splitlines():
        if line.strip():
            section, name, kind, site, pattern = line.split("\t")
            sections.setdefault(section, []).append((name, kind, Path(site), pattern))

    out = [args.header, ""] if args.header else []
    for section, rows in sections.items():
        measured = []
        for name, kind, site, pattern in rows:
            runs = median_times(pattern).get(name, [])
            measured.append((name, kind, runs, measure(kind, site, args.query)))
        reference = next((statistics.median(r) for n, k, r, _ in measured if k == "mdbook" and r), None)
        out += [f"### {section}", "",
                "| build | time (median) | runs | vs mdBook | site (raw / gz) | search index (raw / gz) "
                "| search engine JS (raw / gz) | first search loads (raw / gz) |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        notes = []
        for name, kind, runs, row in measured:
            median = statistics.median(runs) if runs else None
            ratio = f"{median / reference:.2f}×" if median and reference else "–"
            out.append(f"| {name} | {f'{median:.3f} s' if median else '–'} | {len(runs)} | {ratio} "
                       f"| {pair(row['site'])} | {pair(row.get('index'))} | {pair(row.get('engine'))} "
                       f"| {pair(row.get('first'))} |")
            if row.get("first_note"):
                notes.append(f"{name}: first search of “{args.query}” loads {row['first_note']}.")
        out += [""] + [f"- {n}" for n in notes] + [""]
    out += ["Counted: site = every file written (fonts, source maps, print pages included); search index = "
            "episode search/ (index.js, terms-*.js, text-*.js), mdBook searchindex*.js + searchindex*.json (0.5 writes only the .js), MkDocs "
            "search/search_index.json; engine = episode assets/search.js, mdBook searcher + elasticlunr + "
            "mark.js, MkDocs search worker (lunr language files not counted); first search = the files the "
            "first query loads (mdBook and MkDocs: the whole index); gz = each file `gzip -9c`, summed.", ""]
    Path(args.out).write_text("\n".join(out))
    print("\n".join(out))


if __name__ == "__main__":
    main()
