#!/usr/bin/env bash
# Layout benchmark: the same generated course as one Markdown file per episode and as episode
# folders (`[episodes] layout = "bundle"`: scripts in three parts, code fences moved to code
# files), built and linted side by side.
#
#   benches/layouts.sh [--runs N] [--rounds N]
#
# Both courses come from benches/generate_corpus.py with the same --rounds (default 30:
# about 1,000 episodes). Runs are interleaved run by run (benches/interleave.py); the report
# gives medians and the ratio of each command to the file layout's build in the same round.
# EPISODE_BIN=path measures that binary instead of building this checkout.
# Results: target/bench/layouts.md (and layouts.json).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=5
rounds=30
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "usage: benches/layouts.sh [--runs N] [--rounds N]" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "/usr/bin/time is required: apt-get install time" >&2; exit 2; }
work="$repo/target/bench"
mkdir -p "$work"
bin=${EPISODE_BIN:-}
if [ -z "$bin" ]; then
  cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
  bin="$repo/target/release/episode"
fi
for layout in file bundle; do
  dir="$work/layout-$layout-$rounds"
  [ -f "$dir/book.toml" ] || python3 "$repo/benches/generate_corpus.py" "$dir" --rounds "$rounds" --layout "$layout"
done
plan="$work/layouts-plan.json"
python3 - "$bin" "$work" "$rounds" > "$plan" <<'PY'
import json, sys
bin, work, rounds = sys.argv[1:]
commands = []
for layout in ("file", "bundle"):
    root = f"{work}/layout-{layout}-{rounds}"
    cache = f"{work}/cache-layout-{layout}"
    cold = f"{cache}-cold"
    commands += [
        {"name": f"build, {layout} layout (warm cache)",
         "run": f"EPISODE_CACHE_DIR={cache} {bin} build --quiet --root {root} --out {work}/out-layout-{layout}"},
        {"name": f"build, {layout} layout (cold cache)", "before": f"rm -rf {cold}",
         "run": f"EPISODE_CACHE_DIR={cold} {bin} build --quiet --root {root} --out {work}/out-layout-{layout}"},
        {"name": f"lint, {layout} layout (warm cache)", "ok_exit": [0, 1],
         "run": f"EPISODE_CACHE_DIR={cache} {bin} lint --quiet --root {root} --format short"},
    ]
print(json.dumps([{"group": f"generated course, {rounds} rounds, file and bundle layouts",
                   "baseline": "build, file layout (cold cache)", "commands": commands}]))
PY
python3 "$repo/benches/interleave.py" "$plan" "$runs" "$work/layouts.md" "$work/layouts.json"
cat "$work/layouts.md"
