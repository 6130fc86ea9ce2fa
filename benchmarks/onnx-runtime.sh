#!/usr/bin/env bash
# libtorch against ONNX Runtime on the bundled example (issue 18, docs/benchmarks.md "ONNX Runtime"):
#   1. compress examples/fashion-mnist/practise.yaml (latency timed in libtorch) and practise.onnxruntime.yaml (timed in
#      ONNX Runtime) at the same 40% budget; the second reuses the first's cached recoverability scores;
#   2. evaluate both outputs in both runtimes (model.safetensors in libtorch, model.onnx in ONNX Runtime);
#   3. time the teacher, both chosen networks and every single-block drop in each runtime alone, then the networks of
#      both runtimes together (benchmarks/RuntimeLatency): latency per runtime, τ per block in each, and whether the
#      rankings agree.
# About 20 min on 2 cores with an empty cache; run it on an otherwise quiet machine.
#   bash benchmarks/onnx-runtime.sh            # WORK=artifacts/onnx-runtime  ROUNDS=80 (paired rounds of each session of step 3)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-artifacts/onnx-runtime}
ROUNDS=${ROUNDS:-80}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
mkdir -p "$WORK"
dotnet build src/Practise.Cli -c Release --verbosity quiet -nologo >"$WORK/build.log"
dotnet build benchmarks/RuntimeLatency -c Release --verbosity quiet -nologo >>"$WORK/build.log"
practise=(dotnet src/Practise.Cli/bin/Release/net10.0/Practise.Cli.dll)
example=examples/fashion-mnist

for runtime in libtorch onnxruntime; do
  manifest=$example/practise.yaml
  [[ $runtime == onnxruntime ]] && manifest=$example/practise.onnxruntime.yaml
  echo "onnx-runtime: compress, latency timed in $runtime ($manifest)" >&2
  /usr/bin/time -f "%e" -o "$WORK/compress-$runtime.seconds" "${practise[@]}" compress "$manifest" 2>"$WORK/compress-$runtime.log"
done
for output in out out-onnxruntime; do
  for runtime in libtorch onnxruntime; do
    echo "onnx-runtime: eval $example/$output in $runtime" >&2
    "${practise[@]}" eval $example/practise.yaml --model $example/$output --runtime $runtime --json --quiet >"$WORK/eval-$output-$runtime.json"
  done
done
echo "onnx-runtime: timing both runtimes ($ROUNDS rounds a session)" >&2
dotnet benchmarks/RuntimeLatency/bin/Release/net10.0/RuntimeLatency.dll $example/practise.yaml \
  --report $example/out/practise.json --report $example/out-onnxruntime/practise.json --blocks --rounds "$ROUNDS" | tee "$WORK/runtimes.md"
for output in out out-onnxruntime; do
  python3 - "$example/$output/practise.json" "$WORK" "$output" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
latency, accuracy = report["latency"], report.get("accuracy") or {}
evals = {runtime: json.load(open(f"{sys.argv[2]}/eval-{sys.argv[3]}-{runtime}.json")) for runtime in ("libtorch", "onnxruntime")}
print(f"{sys.argv[3]}: dropped {len(report['dropped_blocks'])} ({', '.join(report['dropped_blocks'])}); reported "
      f"{latency['before_ms']:.2f} -> {latency['after_ms']:.2f} ms ({latency['reduction'] * 100:.1f}% less); top-1 "
      f"{evals['libtorch']['top1']:.2f}% in libtorch, {evals['onnxruntime']['top1']:.2f}% in onnxruntime")
PY
done | tee "$WORK/summary.txt"
