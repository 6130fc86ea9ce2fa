#!/usr/bin/env bash
# Scoring speed: the reference loop against the shared-prefix path, side by side on this machine (docs/benchmarks.md).
# Each run is its own process (peak memory is its own); the strategies alternate, REPEATS times, and the summary
# prints medians, the speed-ups (ratio of medians) and whether every block's R agrees within 1e-4 relative.
# STRATEGIES picks what runs beside the reference (default: shared-prefix, and parallel = shared-prefix with two
# candidates side by side on one libtorch thread each). RESULTS=file keeps the raw JSON lines.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${REPEATS:-3}
STRATEGIES=${STRATEGIES:-shared-prefix parallel}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
dotnet build benchmarks/ScoringSpeed -c Release --verbosity quiet -nologo >/dev/null
run() { dotnet benchmarks/ScoringSpeed/bin/Release/net10.0/ScoringSpeed.dll "$@"; }

bench() { # arch size iterations batch [weights]
  local results=()
  for _ in $(seq "$REPEATS"); do
    for strategy in full $STRATEGIES; do results+=("$(run "$1" "$2" "$strategy" "$3" "$4" ${5:-})"); done
  done
  printf '%s\n' "${results[@]}" | tee -a "${RESULTS:-/dev/null}" | python3 benchmarks/summarize_scoring.py
}

echo "| model | input | blocks | iterations | full (median, min–max) | $(printf '%s (speed-up) | ' $STRATEGIES)peak RSS (full / $(echo $STRATEGIES | sed 's# # / #g')) | same R & ranking |"
echo "| --- | --- | --- | --- | --- | $(printf -- '--- | %.0s' $STRATEGIES)--- | --- |"
bench resnet34 64 10 16
bench resnet32_cifar 28 20 64 examples/fashion-mnist/teacher.safetensors
bench mobilenet_v2 64 10 16
bench resnet34 224 3 8
