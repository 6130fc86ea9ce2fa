#!/usr/bin/env bash
# Scoring speed, reference loop vs incremental path, side by side on this machine (docs/benchmarks.md).
# Each strategy runs in its own process (peak memory is its own); the pair alternates, REPEATS times, and the script
# prints the median wall time of each, the ratio and whether every block's R agrees within 1e-4 relative.
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
  printf '%s\n' "${results[@]}" | python3 -c '
import json, statistics, sys
rows = [json.loads(line) for line in sys.stdin]
full = [r for r in rows if r["strategy"] == "full"]; inc = [r for r in rows if r["strategy"] == "incremental"]
tf = [r["seconds"] for r in full]; ti = [r["seconds"] for r in inc]
agree = all(abs(i["scores"][b] - f["scores"][b]) <= 1e-4 * abs(f["scores"][b]) for f, i in zip(full, inc) for b in f["scores"])
rank = lambda r: sorted(r["scores"], key=r["scores"].get)
same_rank = all(rank(f) == rank(i) for f, i in zip(full, inc))
r = full[0]
print(f"| {r[\"arch\"]} | {r[\"size\"]}² | {r[\"blocks\"]} | {r[\"iterations\"]} × batch {r[\"batch\"]} | "
      f"{statistics.median(tf):.1f} s ({min(tf):.1f}–{max(tf):.1f}) | {statistics.median(ti):.1f} s ({min(ti):.1f}–{max(ti):.1f}) | "
      f"{statistics.median(tf) / statistics.median(ti):.2f}× | {max(x[\"peak_rss_mb\"] for x in full)} / {max(x[\"peak_rss_mb\"] for x in inc)} MiB | "
      f"{\"yes\" if agree and same_rank else \"NO\"} |")'
}

echo "| model | input | blocks | iterations | full (median, min–max) | incremental | speed-up | peak RSS full / incr. | same R & ranking |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
bench resnet34 64 10 16
bench resnet34 224 3 8
bench mobilenet_v2 64 10 16
bench resnet32_cifar 28 20 64 examples/fashion-mnist/teacher.safetensors
