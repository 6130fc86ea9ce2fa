#!/usr/bin/env bash
# Scoring speed, reference loop vs incremental path, side by side on this machine (docs/benchmarks.md).
# Each strategy runs in its own process (peak memory is its own); the pair alternates, REPEATS times, and the script
# prints the median wall time of each, the ratio and whether every block's R agrees within 1e-4 relative.
# RESULTS=file keeps the raw JSON lines.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${REPEATS:-3}
dotnet build benchmarks/ScoringSpeed -c Release --verbosity quiet -nologo >/dev/null
run() { dotnet benchmarks/ScoringSpeed/bin/Release/net10.0/ScoringSpeed.dll "$@"; }

bench() { # arch size iterations batch [weights]
  local results=()
  for _ in $(seq "$REPEATS"); do
    results+=("$(run "$1" "$2" full "$3" "$4" ${5:-})")
    results+=("$(run "$1" "$2" incremental "$3" "$4" ${5:-})")
  done
  printf '%s\n' "${results[@]}" | tee -a "${RESULTS:-/dev/null}" | python3 benchmarks/summarize_scoring.py
}

echo "| model | input | blocks | iterations | full (median, min–max) | incremental | speed-up | peak RSS full / incr. | same R & ranking |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
bench resnet34 64 10 16
bench resnet32_cifar 28 20 64 examples/fashion-mnist/teacher.safetensors
bench mobilenet_v2 64 10 16
bench resnet34 224 3 8
