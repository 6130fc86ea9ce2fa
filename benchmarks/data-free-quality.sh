#!/usr/bin/env bash
# Data-free quality (issue 16): the example compressed with 100 real, 100 synthesised (DeepInversion) and 100 Gaussian-
# noise images, at the ~20% and ~35% latency budgets, by one protocol: the example's manifest with only data.train and
# budget changed, one shared score cache, then the chosen network re-timed against the teacher in a fresh process
# (benchmarks/LatencyRobustness, REMEASURE_ROUNDS interleaved rounds). benchmarks/summarize_data_free.py prints the
# table for docs/benchmarks.md, with the Spearman ρ between the sources' recoverability rankings.
# Six compress runs of 5–15 min each plus 100 images × 2000 synthesis steps (about 40 min, once: cached), so 1–2 hours
# on 2 cores. Resumable: a run whose out/practise.json exists is not compressed again (delete its folder to redo it).
#   bash benchmarks/data-free-quality.sh
# Knobs (environment):
#   BUDGETS="20 35"  SOURCES="real synthetic noise"
#   WORK=artifacts/data-free-quality      WORK/<source>-<budget>/: practise.yaml, out/, compress.log, remeasure.json
#   CACHE=WORK/cache                      the score cache every run shares (R per source, latency, synthetic set)
#   REMEASURE_ROUNDS=200
#   PRACTISE="dotnet src/Practise.Cli/bin/Release/net10.0/Practise.Cli.dll"   (default: this checkout's, built here)
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGETS=${BUDGETS:-20 35}
SOURCES=${SOURCES:-real synthetic noise}
WORK=${WORK:-artifacts/data-free-quality}
CACHE=${CACHE:-$WORK/cache}
REMEASURE_ROUNDS=${REMEASURE_ROUNDS:-200}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
mkdir -p "$WORK"
source benchmarks/practise-cli.sh
build benchmarks/LatencyRobustness


for budget in $BUDGETS; do
  for source in $SOURCES; do
    dir="$WORK/$source-$budget"
    mkdir -p "$dir"
    if [[ ! -f "$dir/out/practise.json" ]]; then
      python3 benchmarks/example_manifest.py --train "$source" --budget "$budget" --output "$dir/out" >"$dir/practise.yaml"
      echo "== $source, ${budget}% budget: compress ($(date -u +%H:%M))"
      /usr/bin/time -f %e -o "$dir/seconds" "${practise[@]}" compress "$dir/practise.yaml" --cache-dir "$CACHE" --json \
        >"$dir/compress.json" 2>"$dir/compress.log" || { tail -n 20 "$dir/compress.log" >&2; exit 1; }
    fi
    if [[ ! -f "$dir/remeasure.json" ]]; then
      echo "== $source, ${budget}% budget: re-measure ($(date -u +%H:%M))"
      dotnet benchmarks/LatencyRobustness/bin/Release/net10.0/LatencyRobustness.dll remeasure "$dir/practise.yaml" \
        "$dir/out/practise.json" --rounds "$REMEASURE_ROUNDS" --output "$dir/remeasure.json" 2>"$dir/remeasure.log"
    fi
  done
done
python3 benchmarks/summarize_data_free.py "$WORK"
