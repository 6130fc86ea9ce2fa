# Sourced by the benchmark scripts, from the repository root, after WORK exists.
# build PROJECT: a Release build, quiet unless it fails (then its log, and exit).
# practise: the command array that runs the tool: $PRACTISE split on spaces, or this checkout's CLI, rebuilt if stale,
# so the runs measure the code they are recorded with.
build() { dotnet build "$1" -c Release --verbosity quiet -nologo >"$WORK/build.log" || { cat "$WORK/build.log" >&2; exit 1; }; }
if [[ -z "${PRACTISE:-}" ]]; then
  build src/Practise.Cli
  PRACTISE="dotnet src/Practise.Cli/bin/Release/net10.0/Practise.Cli.dll"
fi
read -r -a practise <<<"$PRACTISE"
