#!/usr/bin/env bash
# Latency as a lock file (docs/latency.md): with latency.profile pinned, two clones of this repository, each with its
# own empty cache, must choose the same blocks and write byte-identical artifacts. Writes one profile with
# `practise latency` (the measuring step a team runs once on its deployment machine), clones HEAD twice, pins the
# profile in each clone's copy of the example's manifest, compresses in both, and compares. Prints IDENTICAL or
# DIFFERS per artifact and exits 1 if model.safetensors or the selection differ.
#   bash benchmarks/pinned-latency-clones.sh     # ≈ 2 example compress runs (5–10 min each) plus the profile
# Knobs: WORK (default artifacts/pinned-latency-clones), PROFILE (an existing profile to pin instead of measuring
# one), PROFILE_CACHE (a cache holding the example's recoverability scores, so measuring the profile skips training).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mkdir -p "${WORK:-artifacts/pinned-latency-clones}" && cd "${WORK:-artifacts/pinned-latency-clones}" && pwd)
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
dotnet build src/Practise.Cli -c Release --verbosity quiet -nologo >/dev/null
practise=(dotnet "$PWD/src/Practise.Cli/bin/Release/net10.0/Practise.Cli.dll")
step() { echo "== $(date +%T) $*" >&2; }

profile=${PROFILE:-$WORK/latency-profile.json}
if [[ ! -f "$profile" ]]; then
  step "practise latency -> $profile"
  PRACTISE_CACHE=${PROFILE_CACHE:-$WORK/profile-cache} "${practise[@]}" latency examples/fashion-mnist/practise.yaml --output "$profile"
fi
profile=$(cd "$(dirname "$profile")" && pwd)/$(basename "$profile")

for clone in a b; do
  rm -rf "${WORK:?}/clone-$clone"
  git clone --quiet --no-hardlinks "$PWD" "$WORK/clone-$clone"
  manifest=$WORK/clone-$clone/examples/fashion-mnist/practise.yaml
  sed -i "s|^latency:|latency:\n  profile: $profile|" "$manifest"
  step "compress in clone $clone (cache $WORK/cache-$clone)"
  rm -rf "${WORK:?}/cache-$clone"
  "${practise[@]}" compress "$manifest" --output "$WORK/out-$clone" --cache-dir "$WORK/cache-$clone" >"$WORK/compress-$clone.log" 2>&1
  tail -4 "$WORK/compress-$clone.log"
done

status=0
for file in $(cd "$WORK/out-a" && ls); do
  if cmp -s "$WORK/out-a/$file" "$WORK/out-b/$file"; then echo "IDENTICAL $file"; else echo "DIFFERS   $file"; fi
done
cmp -s "$WORK/out-a/model.safetensors" "$WORK/out-b/model.safetensors" || status=1
selection() { python3 -c 'import json,sys; print(",".join(json.load(open(sys.argv[1]))["dropped_blocks"]))' "$1"; }
a=$(selection "$WORK/out-a/practise.json"); b=$(selection "$WORK/out-b/practise.json")
echo "selection a: $a"; echo "selection b: $b"
[[ "$a" == "$b" ]] || status=1
sha256sum "$WORK"/out-*/model.safetensors
exit $status
