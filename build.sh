#!/usr/bin/env bash
# The README's two commands:  ./build.sh demo  (compress the bundled example)  and  ./build.sh test  (all tests).
# Each installs what a fresh Debian 12 machine with the .NET SDK lacks, then builds. The engine (TorchSharp with
# libtorch, and SkiaSharp's image codecs) comes from NuGet; apt brings only the example's data set.
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(dataset-fashion-mnist)
CONFIGURATION=${CONFIGURATION:-Release}

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_system_packages() {
  local missing=()
  for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  local command="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them with:  sudo sh -c '$command'" >&2
    exit 1
  fi
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  sh -c "$command" >&2
}

build() {
  install_system_packages
  command -v dotnet >/dev/null || { echo "The .NET SDK is required (https://dot.net); dotnet is not on PATH." >&2; exit 1; }
  log "restoring and building ($CONFIGURATION)"
  dotnet restore Practise.Tool.sln --verbosity quiet
  dotnet build Practise.Tool.sln --no-restore -c "$CONFIGURATION" --verbosity quiet -nologo
  install_tool
}

# Packs the `practise` tool and Practise.MSBuild (the <PractiseCompress> target) into artifacts/feed (nuget.config's
# local source) and restores the tool from there through .config/dotnet-tools.json, so `dotnet tool run practise` and
# the example's PackageReference use exactly what was just built. The tool is packed for this machine's platform
# only (its pointer package plus Practise.Tool.<rid>); `dotnet pack src/Practise.Cli` packs every platform.
install_tool() {
  local rid
  rid=$(dotnet msbuild src/Practise.Cli -getProperty:NETCoreSdkRuntimeIdentifier)
  log "packing the practise tool ($rid) and Practise.MSBuild into artifacts/feed"
  dotnet pack src/Practise.Cli -c "$CONFIGURATION" -p:ToolPackageRuntimeIdentifiers="$rid" -o artifacts/feed --verbosity quiet -nologo
  dotnet pack src/Practise.MSBuild --no-build -c "$CONFIGURATION" -o artifacts/feed --verbosity quiet -nologo
  # NuGet caches a package by id and version and never looks at the feed again for a version it holds, so a rebuild
  # under the same version would keep running the old tool: drop the cached copies so restores take the new ones.
  # The SDK's local-tool resolver cache also remembers where version X's command was (an older layout's path, e.g.
  # before the tool became RID-specific) and is not rewritten by a restore: drop its entry too.
  local version
  version=$(dotnet msbuild src/Practise.Cli -getProperty:Version)
  rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/practise.tool/$version" "${NUGET_PACKAGES:-$HOME/.nuget/packages}/practise.tool.$rid/$version" \
    "${NUGET_PACKAGES:-$HOME/.nuget/packages}/practise.msbuild/$version" \
    "${DOTNET_CLI_HOME:-$HOME}"/.dotnet/toolResolverCache/*/practise.tool
  dotnet tool restore --verbosity quiet >/dev/null
}

run_tests() {
  build
  # The test hosts load libtorch in-process; its OpenMP runtime must not spin on a busy CI machine (docs/engine.md).
  export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
  log "running tests"
  # minimal, not quiet: a failing test prints its message and stack, so a CI log says why.
  dotnet test Practise.Tool.sln --no-build -c "$CONFIGURATION" --verbosity minimal -nologo "$@"
}

run_demo() {
  build
  log "demo"
  # Through the tool manifest, so the demo exercises the packaged tool (libtorch included), not the build folder.
  # Scores are cached under examples/fashion-mnist/obj: a second run only selects, finetunes and evaluates.
  dotnet tool run practise inspect --arch resnet32_cifar --weights examples/fashion-mnist/teacher.safetensors --channels 1 --num-classes 10 --size 28
  dotnet tool run practise compress examples/fashion-mnist/practise.yaml "$@"
}

case "${1:-}" in
  test) shift; run_tests "$@" ;;
  demo) shift; run_demo "$@" ;;
  build) build ;;
  *) echo "usage: ./build.sh demo | test | build" >&2; exit 2 ;;
esac
