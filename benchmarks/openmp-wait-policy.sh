#!/usr/bin/env bash
# OpenMP wait policy (benchmarks/openmp-wait-policy.md): a CIFAR ResNet-20 forward (batch 64, 2 threads) with libgomp's
# default spin-waiting, with OMP_WAIT_POLICY=PASSIVE from NativeEnvironment.Prepare() inside the process, and with
# Prepare() called after the first torch call (too late: it must say so and change nothing). Each under three loads:
# quiet (nothing of ours besides), spin (`yes` keeps one core busy, like a compiler) and twin (a second copy of the
# same forward loop, same setting). Every run is a fresh process, because OpenMP reads its environment once, when
# libtorch loads it; the conditions alternate, REPEATS times. LOADS picks the loads; RESULTS=file keeps the raw JSON lines.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${REPEATS:-5}
FORWARDS=${FORWARDS:-30}
MAX_SECONDS=${MAX_SECONDS:-10}
LOADS=${LOADS:-quiet spin twin}
# "never" must meet libgomp's defaults, and "first" must get PASSIVE from Prepare(), not from this shell.
unset OMP_WAIT_POLICY GOMP_SPINCOUNT
dotnet build benchmarks/OpenMpWaitPolicy -c Release --verbosity quiet -nologo >/dev/null
program=benchmarks/OpenMpWaitPolicy/bin/Release/net10.0/OpenMpWaitPolicy.dll

competitor=
stop_competitor() { if [ -n "$competitor" ]; then kill "$competitor"; wait "$competitor" 2>/dev/null || true; competitor=; fi; }

measure() { # load prepare
  case $1 in
    spin) yes >/dev/null & competitor=$! ;;
    twin) dotnet "$program" "$2" 0 0 & competitor=$!; sleep 3 ;; # until it is in its forward loop
  esac
  local result; result=$(dotnet "$program" "$2" "$FORWARDS" "$MAX_SECONDS")
  stop_competitor
  echo "{\"load\": \"$1\", ${result:1}"
}

# Pools every run's forwards per condition: median, 10th–90th percentile, and the ratios of the medians.
summarize() { python3 -c "$(cat <<'PY'
import json, statistics, sys
from collections import defaultdict
runs = defaultdict(list)
for line in sys.stdin:
    run = json.loads(line)
    runs[run["load"], run["prepare"]].append(run)
names = {"never": "unset (no Prepare)", "first": "PASSIVE: Prepare() first", "late": "Prepare() after 1st torch op"}
print("| load | setting | forward ms: median (p10–p90) | CPU ms / forward | other busy cores | runs (forwards) | too late reported |")
print("| --- | --- | --- | --- | --- | --- | --- |")
medians = {}
for (load, prepare), group in runs.items():
    times = [ms for run in group for ms in run["milliseconds"]]
    deciles = statistics.quantiles(times, n=10)
    medians[load, prepare] = statistics.median(times)
    cpu = statistics.median(run["cpu_ms_per_forward"] for run in group)
    others = statistics.median(run["other_cores"] for run in group)
    late = "/".join(sorted({ {True: "yes", False: "no", None: "–"}[run["too_late"]] for run in group}))
    print(f"| {load} | {names[prepare]} | {medians[load, prepare]:.0f} ({deciles[0]:.0f}–{deciles[-1]:.0f}) | {cpu:.0f} "
          f"| {others:.2f} | {len(group)} ({len(times)}) | {late} |")
print()
for load in dict.fromkeys(load for load, _ in runs):
    print(f"{load}: unset / PASSIVE = {medians[load, 'never'] / medians[load, 'first']:.2f}×, "
          f"too late / PASSIVE = {medians[load, 'late'] / medians[load, 'first']:.2f}×")
PY
)"; }

echo "$(date -u +%FT%TZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $REPEATS repeats × $FORWARDS forwards"
{
  # This loop is a subshell of the pipeline, so it stops its competitor itself, on Ctrl+C too.
  trap 'stop_competitor; exit 130' INT TERM
  for _ in $(seq "$REPEATS"); do
    for load in $LOADS; do
      for prepare in never first late; do measure "$load" "$prepare"; done
    done
  done
} | tee -a "${RESULTS:-/dev/null}" | summarize
