#!/usr/bin/env bash
# The quality benchmark of issue 7 (docs/benchmarks.md): PRACTISE vs baseline criteria over tiny-set sizes and latency
# budgets on the Fashion-MNIST example, and the single-block study. Builds, runs (resumable: rerun after an
# interruption and finished cells are skipped), times every chosen network in one session in a fresh process, then
# prints the markdown tables.
#   QUALITY_DIR=folder   work folder: results.jsonl, the pinned latency profile, latency.final.json, the engine's cache
#                        (default artifacts/quality; artifacts/quality-quick with QUICK=1)
#   QUICK=1              smoke configuration: one set, one budget, 5 steps, 1,000 test images, two single blocks
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${QUICK:-}" == 1 ]]; then dir=${QUALITY_DIR:-artifacts/quality-quick}; else dir=${QUALITY_DIR:-artifacts/quality}; fi
dotnet build benchmarks/Quality -c Release --verbosity quiet -nologo >/dev/null
QUALITY_DIR="$dir" dotnet benchmarks/Quality/bin/Release/net10.0/Quality.dll
QUALITY_DIR="$dir" dotnet benchmarks/Quality/bin/Release/net10.0/Quality.dll remeasure
python3 benchmarks/summarize_quality.py "$dir/results.jsonl"
