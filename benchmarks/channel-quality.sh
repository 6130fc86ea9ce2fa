#!/usr/bin/env bash
# Channel pruning quality (issue 17): the example compressed by block dropping, by variance-based channel pruning
# with and without mean compensation, and by both, at the ~20%, ~35% (and, for blocks and blocks+channels, ~50%)
# latency budgets. Everything else is the example's manifest as shipped (100 real images, 600 feature-mimicking
# finetune steps); the budget chooses the ratio. One score cache is shared. benchmarks/summarize_channels.py prints the
# table for docs/benchmarks.md: blocks dropped, ratio, measured reduction, top-1 before and after finetuning.
# Ten compress runs of 4–10 min each on 2 cores. Resumable: a run whose out/practise.json exists is skipped.
#   bash benchmarks/channel-quality.sh
# Knobs (environment):
#   RUNS="blocks-20 blocks-35 blocks-50 channels-plain-20 channels-plain-35 channels-20 channels-35
#         blocks+channels-20 blocks+channels-35 blocks+channels-50"     <method>-<budget>; channels-plain: no compensation
#   WORK=artifacts/channel-quality        WORK/<run>/: practise.yaml, out/, compress.log, seconds
#   CACHE=WORK/cache
#   PRACTISE="dotnet src/Practise.Cli/bin/Release/net10.0/Practise.Cli.dll"   (default: this checkout's, built here)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-blocks-20 blocks-35 blocks-50 channels-plain-20 channels-plain-35 channels-20 channels-35 blocks+channels-20 blocks+channels-35 blocks+channels-50}
WORK=${WORK:-artifacts/channel-quality}
CACHE=${CACHE:-$WORK/cache}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
mkdir -p "$WORK"
source benchmarks/practise-cli.sh

# <method>-<budget> → the example's manifest with that method and budget (benchmarks/example_manifest.py).
manifest() { # run output
  local variant=${1%-*} budget=${1##*-} compensate=true
  [[ $variant == channels-plain ]] && { variant=channels; compensate=false; }
  python3 benchmarks/example_manifest.py --method "$variant" --compensate "$compensate" --budget "$budget" --output "$2"
}

for run in $RUNS; do
  dir="$WORK/$run"
  mkdir -p "$dir"
  [[ -f "$dir/out/practise.json" ]] && continue
  manifest "$run" "$dir/out" >"$dir/practise.yaml"
  echo "== $run: compress ($(date -u +%H:%M))"
  /usr/bin/time -f %e -o "$dir/seconds" "${practise[@]}" compress "$dir/practise.yaml" --cache-dir "$CACHE" --json \
    >"$dir/compress.json" 2>"$dir/compress.log" || { tail -n 20 "$dir/compress.log" >&2; echo "$run failed" >&2; }
done
python3 benchmarks/summarize_channels.py "$WORK"
