#!/usr/bin/env bash
# This checkout's engine against another build of the project (e.g. the last commit on the hand-written libtorch
# bridge), side by side on this machine: scoring-speed.sh's configurations, every strategy run by both builds in fresh
# processes, alternating which goes first. Prints, per configuration and strategy, the medians (min–max) of wall time
# and peak RSS and the ratios this ÷ other, with whether both computed the same ranking.
#   git worktree add ../bridge <commit> && (cd ../bridge && ./build.sh build)
#   OTHER=../bridge REPEATS=2 bash benchmarks/engine-speed.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OTHER=$(cd "${OTHER:?set OTHER to the other checkout}" && pwd)
REPEATS=${REPEATS:-2}
STRATEGIES=${STRATEGIES:-full shared-prefix parallel}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
dotnet build benchmarks/ScoringSpeed -c Release --verbosity quiet -nologo >/dev/null
(cd "$OTHER" && dotnet build benchmarks/ScoringSpeed -c Release --verbosity quiet -nologo >/dev/null)
declare -A dll=([this]="$PWD/benchmarks/ScoringSpeed/bin/Release/net10.0/ScoringSpeed.dll"
                [other]="$OTHER/benchmarks/ScoringSpeed/bin/Release/net10.0/ScoringSpeed.dll")
configs=("resnet34 64 10 16" "resnet32_cifar 28 20 64 $PWD/examples/fashion-mnist/teacher.safetensors"
         "mobilenet_v2 64 10 16" "resnet34 224 3 8")
run() { # engine arch size strategy iterations batch [weights]
  local engine=$1; shift
  printf '{"engine": "%s", "run": %s}\n' "$engine" "$(dotnet "${dll[$engine]}" "$1" "$2" "$3" "$4" "$5" ${6:-})"
}
round=0
for config in "${configs[@]}"; do
  read -r arch size iterations batch weights <<<"$config"
  for _ in $(seq "$REPEATS"); do
    for strategy in $STRATEGIES; do
      round=$((round + 1))
      order=(this other); [ $((round % 2)) -eq 0 ] && order=(other this)
      for engine in "${order[@]}"; do run "$engine" "$arch" "$size" "$strategy" "$iterations" "$batch" "$weights"; done
    done
  done
done | tee "${RESULTS:-/dev/null}" | python3 benchmarks/summarize_engines.py
