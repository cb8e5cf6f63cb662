#!/usr/bin/env bash
# Build benchmark: episode beside mdBook, Hugo and MkDocs Material, on the real course
# (../shared/corpus), on a generated course of the size of a whole real course (34 episodes,
# 2.3 MB: `generate_corpus.py --rounds 1`) and on one of about 1,000 episodes.
#
#   benches/build.sh [--runs N] [--real-repeat K] [--no-install] [--without TOOL,...]
#
# For each course: `episode build` with a warm and with a cold diagram cache, `episode lint`,
# and each peer's build. Runs are interleaved run by run (benches/interleave.py), timed as
# whole processes, with peak memory from /usr/bin/time -v; the report gives medians, ratios
# to mdBook's time in the same round, and the stage timings of `episode build -v`.
# Missing peers are installed unless --no-install is given: mdBook with `cargo install
# mdbook`, Hugo with `apt-get install hugo`, MkDocs Material with `pip install
# mkdocs-material`. --without mkdocs,hugo leaves peers out (MkDocs Material takes minutes
# per build of the generated course).
# --runs N rounds (default 5); in each, the commands of the two small courses run K times
# (--real-repeat, default 5): their builds take a fraction of a second, so one busy moment of
# the machine moves their times most, and more runs cost little.
# EPISODE_BIN=path measures that binary instead of building this checkout.
# Results: target/bench/results.md (and results.json). About 25 minutes at 5 runs.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=5
real_repeat=5
install=1
without=""
usage="usage: benches/build.sh [--runs N] [--real-repeat K] [--no-install] [--without TOOL,...]"
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=${2-}; shift $(($# > 1 ? 2 : 1)) ;;
    --real-repeat) real_repeat=${2-}; shift $(($# > 1 ? 2 : 1)) ;;
    --no-install) install=0; shift ;;
    --without) without=$2; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
for count in "$runs" "$real_repeat"; do
  case $count in ''|*[!0-9]*|0) echo "$usage (N and K are whole numbers, at least 1)" >&2; exit 2 ;; esac
done
corpus="$repo/../shared/corpus"
work="$repo/target/bench"
mkdir -p "$work"
[ -d "$corpus/episodes" ] || { echo "the real corpus is missing at $corpus" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is required: apt-get install time" >&2; exit 2; }

wanted() { case ",$without," in *",$1,"*) return 1 ;; *) return 0 ;; esac; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
# ensure TOOL INSTALL-COMMAND...: TOOL is on PATH afterwards, or a note says why it is left out.
ensure() {
  local tool=$1; shift
  wanted "$tool" || return 1
  command -v "$tool" >/dev/null && return 0
  if [ "$install" = 1 ]; then
    echo "installing $tool: $*" >&2
    "$@" >&2 || true
  fi
  command -v "$tool" >/dev/null || { echo "note: $tool is not installed; leaving it out" >&2; return 1; }
}
has_mdbook=0; has_hugo=0; has_mkdocs=0
ensure mdbook cargo install mdbook --locked && has_mdbook=1
ensure hugo as_root apt-get install -y hugo && has_hugo=1
ensure mkdocs pip install mkdocs-material && has_mkdocs=1

bin=${EPISODE_BIN:-}   # another build of episode to measure (a before/after comparison)
if [ -z "$bin" ]; then
  cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
  bin="$repo/target/release/episode"
fi
gen="$work/gen1000"
[ -d "$gen/episodes" ] || python3 "$repo/benches/generate_corpus.py" "$gen"
small="$work/gen34"
[ -d "$small/episodes" ] || python3 "$repo/benches/generate_corpus.py" "$small" --rounds 1

. "$repo/benches/convert.sh"

# One group of commands per course. Warm runs reuse the diagram cache, as an author's
# rebuilds do; cold runs start from an empty one.
plan="$work/plan.json"
group() { # group NAME ROOT EPISODES TAG REPEAT: the commands for one course, as JSON
  local name=$1 root=$2 episodes=$3 tag=$4 repeat=$5
  local cache="$work/cache-$tag" cold="$work/cache-$tag-cold"
  python3 - "$name" <<PY
import json, sys
commands = [
  {"name": "episode build (warm cache)",
   "run": "EPISODE_CACHE_DIR=$cache $bin build --quiet --root $root --out $work/out-$tag"},
  {"name": "episode build (cold cache)", "before": "rm -rf $cold",
   "run": "EPISODE_CACHE_DIR=$cold $bin build --quiet --root $root --out $work/out-$tag"},
  {"name": "episode lint (warm cache)", "ok_exit": [0, 1],
   "run": "EPISODE_CACHE_DIR=$cache $bin lint --quiet --root $root --format short"},
]
if $has_mdbook:
  commands.append({"name": "mdbook", "run": "mdbook build $work/mdbook-$tag -d $work/out-mdbook-$tag"})
if $has_hugo:
  commands.append({"name": "hugo", "run": "hugo --quiet --source $work/hugo-$tag --destination $work/out-hugo-$tag"})
if $has_mkdocs:
  commands.append({"name": "mkdocs material", "run": "cd $work/mkdocs-$tag && mkdocs build --quiet"})
print(json.dumps({"group": sys.argv[1], "baseline": "mdbook" if $has_mdbook else None,
                  "repeat": $repeat, "commands": commands}))
PY
}
convert_all() { # convert_all EPISODES TAG
  [ "$has_mdbook" = 1 ] && convert_mdbook "$1" "$work/mdbook-$2" Course
  [ "$has_hugo" = 1 ] && convert_hugo "$1" "$work/hugo-$2"
  [ "$has_mkdocs" = 1 ] && convert_mkdocs "$1" "$work/mkdocs-$2" "$work/out-mkdocs-$2"
  return 0
}
convert_all "$corpus/episodes" corpus
convert_all "$small/episodes" small
convert_all "$gen/episodes" gen
{
  echo "["
  group "real course (../shared/corpus, 7 episodes)" "$corpus" "$corpus/episodes" corpus "$real_repeat"
  echo ","
  group "generated course, a real course's size (34 episodes)" "$small" "$small/episodes" small "$real_repeat"
  echo ","
  group "generated course (1,020 episodes)" "$gen" "$gen/episodes" gen 1
  echo "]"
} > "$plan"

python3 "$repo/benches/interleave.py" "$plan" "$runs" "$work/results.md" "$work/results.json"

# Where the time goes: episode build -v, once with an empty cache and once warm.
{
  echo
  echo "### Stages of \`episode build -v\`"
  for tag in corpus small gen; do
    case $tag in corpus) root=$corpus ;; small) root=$small ;; gen) root=$gen ;; esac
    for cache in cold warm; do
      dir="$work/cache-$tag-stages"
      [ "$cache" = cold ] && rm -rf "$dir"
      sync # as before every timed run: no write-back of earlier runs' output is paid here
      echo
      echo "$tag, $cache cache:"
      echo '```'
      EPISODE_CACHE_DIR=$dir "$bin" build -v --root "$root" --out "$work/out-$tag-stages" 2>&1 \
        | grep -E '^ +[a-z]' || true
      echo '```'
    done
  done
} >> "$work/results.md"
echo "results: $work/results.md, $work/results.json"
