#!/usr/bin/env bash
# Build benchmarks, run side by side with hyperfine (medians and ratios in its summary):
#   - episode build / lint on the real corpus (../shared/corpus);
#   - episode build / lint on a generated course of about 1,000 episodes;
#   - the same generated course built by Hugo and mdBook, when they are installed
#     (apt-get install hugo; cargo install mdbook), with minimal layouts of their own.
# Usage: benches/build.sh [--runs N]      Results: target/bench/results.md
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=5
[ "${1:-}" = "--runs" ] && runs=$2
corpus="$repo/../shared/corpus"
work="$repo/target/bench"
mkdir -p "$work"
command -v hyperfine >/dev/null || { echo "hyperfine is required: apt-get install hyperfine" >&2; exit 2; }
[ -d "$corpus/episodes" ] || { echo "the real corpus is missing at $corpus" >&2; exit 2; }

cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
bin="$repo/target/release/episode"
gen="$work/gen1000"
[ -d "$gen/episodes" ] || python3 "$repo/benches/generate_corpus.py" "$gen"

# Converters for Hugo and mdBook.
. "$repo/benches/convert.sh"

# Warm runs reuse the diagram cache (as an author's rebuilds do); cold runs empty it first.
export EPISODE_CACHE_DIR="$work/cache"
cold() { echo "sh -c 'rm -rf $work/cache-cold && EPISODE_CACHE_DIR=$work/cache-cold $*'"; }
commands=(
  -n "episode build (real corpus, 7 episodes)" "$bin build --quiet --root $corpus --out $work/out-corpus"
  -n "episode build (real corpus, cold cache)" "$(cold "$bin" build --quiet --root "$corpus" --out "$work/out-corpus")"
  -n "episode lint (real corpus)" "$bin lint --quiet --root $corpus --format short"
  -n "episode build (1,000 episodes)" "$bin build --quiet --root $gen --out $work/out-gen"
  -n "episode build (1,000 episodes, cold cache)" "$(cold "$bin" build --quiet --root "$gen" --out "$work/out-gen")"
  -n "episode lint (1,000 episodes)" "$bin lint --quiet --root $gen --format short"
  -n "episode lint (1,000 episodes, cold cache)" "$(cold "$bin" lint --quiet --root "$gen" --format short)"
)
if command -v hugo >/dev/null; then
  site="$work/hugo-site"
  convert_hugo "$gen/episodes" "$site"
  commands+=(-n "hugo (1,000 episodes)" "hugo --quiet --source $site --destination $work/out-hugo")
else
  echo "note: hugo not installed; skipping it" >&2
fi
if command -v mdbook >/dev/null; then
  book="$work/mdbook"
  convert_mdbook "$gen/episodes" "$book" Generated
  commands+=(-n "mdbook (1,000 episodes)" "mdbook build $book -d $work/out-mdbook")
else
  echo "note: mdbook not installed; skipping it" >&2
fi

hyperfine --warmup 1 --runs "$runs" --ignore-failure --export-markdown "$work/results.md" \
  --export-json "$work/results.json" "${commands[@]}"
python3 - "$work/results.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
print("\nmedians:")
for r in results:
    print(f"  {r['median']:9.3f} s  {r['command']}")
PY
echo "results: $work/results.md, $work/results.json"
