#!/usr/bin/env bash
# The cost per synthesised image (docs/data-free.md): a few DeepInversion steps on one full batch, timed, then
# extrapolated to 1000 and to the default 2000 steps. The example's resnet32_cifar at 28² (its teacher) and ResNet-34
# at 224² (default initialisation: speed does not depend on the weights). STEPS, THREADS override the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS=${STEPS:-10}
THREADS=${THREADS:-2}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
dotnet build benchmarks/SynthesisCost -c Release --verbosity quiet -nologo >/dev/null
run() { dotnet benchmarks/SynthesisCost/bin/Release/net10.0/SynthesisCost.dll "$@"; }
run resnet32_cifar 28 64 "$STEPS" "$THREADS" examples/fashion-mnist/teacher.safetensors
run resnet34 224 64 "${RESNET34_STEPS:-3}" "$THREADS"
