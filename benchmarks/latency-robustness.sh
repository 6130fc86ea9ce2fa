#!/usr/bin/env bash
# Latency robustness (issue 14): does `compress` choose the same network, and one that really meets the latency
# budget, when the machine is not quiet? Runs the example's compress (budget: 40% lower latency) with an empty cache,
# RUNS times under each condition:
#   quiet    nothing else running;
#   busy     one background process keeping one core busy;
#   bursty   on/off load: 2 busy processes for a random 1–4 s, then none for a random 1–4 s (seeded per run).
# After each run the load is stopped, and after 5 s a fresh process (benchmarks/LatencyRobustness) times the chosen
# network against the teacher in REMEASURE_ROUNDS interleaved rounds on the quiet machine. A run passes when it chose
# a block count within ±1 of the quiet runs' median, re-measures at ≥ budget − 3 points and keeps top-1 ≥ teacher −
# 1.5 points, or when it failed with the noise error (exit 7, PRAC2007). benchmarks/summarize_latency_robustness.py
# prints the table for docs/benchmarks.md and writes WORK/summary.md.
# About 9 compress runs of 5–15 min each, so 1–2 hours: run it on an otherwise quiet machine. Resumable: a run whose
# run.json exists is skipped (delete WORK, or one run's folder, to redo it).
#   bash benchmarks/latency-robustness.sh  # builds the tool (Release) and the re-measure program first
# Knobs (environment):
#   RUNS=3                                 runs per condition
#   CONDITIONS="quiet busy bursty"         which conditions (quiet always goes first: the others are judged by it)
#   WORK=artifacts/latency-robustness      per run WORK/<condition>-<run>/: out/, cache/, compress.log, run.json,
#                                          remeasure.json, vmstat.txt (hypervisor steal), load.log (bursty schedule)
#   REMEASURE_ROUNDS=200                   interleaved rounds of each re-measurement
#   MANIFEST=examples/fashion-mnist/practise.yaml   (WORK and MANIFEST are relative to the repository root)
#   PRACTISE="dotnet src/Practise.Cli/bin/Release/net10.0/Practise.Cli.dll"   how to run the tool (split on spaces;
#                                          default: this checkout's, built in Release by the script)
#   LOAD_SEED=14                           bursty run r uses seed LOAD_SEED + r, so reruns see the same schedule
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
CONDITIONS=${CONDITIONS:-quiet busy bursty}
WORK=${WORK:-artifacts/latency-robustness}
REMEASURE_ROUNDS=${REMEASURE_ROUNDS:-200}
MANIFEST=${MANIFEST:-examples/fashion-mnist/practise.yaml}
LOAD_SEED=${LOAD_SEED:-14}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
for tool in /usr/bin/time vmstat setsid python3; do
  command -v "$tool" >/dev/null || { echo "latency-robustness: $tool is missing (apt-get install time procps util-linux python3)" >&2; exit 1; }
done
mkdir -p "$WORK"
source benchmarks/practise-cli.sh
build benchmarks/LatencyRobustness
remeasure=(dotnet benchmarks/LatencyRobustness/bin/Release/net10.0/LatencyRobustness.dll remeasure)

# Machine facts for the table's header, taken once when the harness starts.
python3 - "$WORK/machine.json" <<'EOF'
import json, os, subprocess, sys, time
model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "unknown")
commit = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
json.dump({"nproc": os.cpu_count(), "cpu": model, "date": time.strftime("%Y-%m-%d %H:%M %Z"), "commit": commit},
          open(sys.argv[1], "w"), indent=2)
EOF

# Everything this script starts runs in its own session (setsid, which keeps the PID in a script without job control)
# and is waited for with `wait`, so a stop kills whole process groups (the bursty loop's children, the tool under
# /usr/bin/time) and an interrupt is handled at once rather than after the running compress. Load processes are tagged
# ": latency-robustness-load", for `pgrep -f latency-robustness-load`.
groups=()
in_group() { setsid "$@" & groups+=($!); }
busy_loop=': latency-robustness-load; while :; do :; done'
start_bursty() { # seed schedule-log
  in_group bash -c '
    RANDOM=$1
    while :; do
      on=$((1000 + RANDOM % 3001)) off=$((1000 + RANDOM % 3001))
      bash -c "$3" & bash -c "$3" &
      echo "$(date +%s.%N) on $on ms" >>"$2"
      sleep "$((on / 1000)).$(printf %03d $((on % 1000)))"
      kill $(jobs -p); wait
      echo "$(date +%s.%N) off $off ms" >>"$2"
      sleep "$((off / 1000)).$(printf %03d $((off % 1000)))"
    done' latency-robustness-load "$1" "$2" "$busy_loop"
}
# TERM, then up to 60 s for the whole group to go (the tool cancels at its next checkpoint), then KILL.
stop_groups() {
  local group tenths
  for group in "${groups[@]}"; do
    kill -TERM -- "-$group" 2>/dev/null || true
    for ((tenths = 0; tenths < 600; tenths++)); do kill -0 -- "-$group" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$group" 2>/dev/null || true
    wait "$group" 2>/dev/null || true
  done
  groups=()
}
trap stop_groups EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

conditions=()
for condition in $CONDITIONS; do [[ $condition == quiet ]] && conditions=(quiet "${conditions[@]}") || conditions+=("$condition"); done
for condition in "${conditions[@]}"; do
  for run in $(seq "$RUNS"); do
    dir="$WORK/$condition-$run"
    if [[ -f "$dir/run.json" ]]; then echo "latency-robustness: $condition run $run already done ($dir/run.json)"; continue; fi
    rm -rf "$dir"
    mkdir -p "$dir"
    seed=$((LOAD_SEED + run))
    case $condition in
      quiet) ;;
      busy) in_group bash -c "$busy_loop" ;;
      bursty) start_bursty "$seed" "$dir/load.log" ;;
      *) echo "latency-robustness: unknown condition '$condition' (quiet, busy, bursty)" >&2; exit 64 ;;
    esac
    in_group vmstat -n 5 >"$dir/vmstat.txt"
    echo "latency-robustness: $condition run $run: compress (log: $dir/compress.log)"
    exit_code=0
    in_group /usr/bin/time -f "%e" -o "$dir/wall-seconds.txt" "${practise[@]}" compress "$MANIFEST" \
      --output "$dir/out" --cache-dir "$dir/cache" >"$dir/compress.log" 2>&1
    wait "${groups[-1]}" || exit_code=$?
    stop_groups
    sleep 5
    remeasure_exit_code=null
    if [[ -f "$dir/out/practise.json" ]]; then
      in_group vmstat -n 5 >"$dir/vmstat-remeasure.txt"
      remeasure_exit_code=0
      in_group "${remeasure[@]}" "$MANIFEST" "$dir/out/practise.json" --rounds "$REMEASURE_ROUNDS" \
        --output "$dir/remeasure.json" 2>"$dir/remeasure.log"
      wait "${groups[-1]}" || remeasure_exit_code=$?
      stop_groups
      tail -n 1 "$dir/remeasure.log"
    fi
    wall=$(tail -n 1 "$dir/wall-seconds.txt" 2>/dev/null || echo null)
    [[ $wall =~ ^[0-9.]+$ ]] || wall=null
    [[ $condition == bursty ]] || seed=null
    printf '{"condition": "%s", "run": %d, "exit_code": %d, "wall_seconds": %s, "remeasure_exit_code": %s, "load_seed": %s, "commit": "%s"}\n' \
      "$condition" "$run" "$exit_code" "$wall" "$remeasure_exit_code" "$seed" "$(git describe --always --dirty)" >"$dir/run.json"
    echo "latency-robustness: $condition run $run: exit $exit_code in ${wall} s"
  done
done
python3 benchmarks/summarize_latency_robustness.py "$WORK"
