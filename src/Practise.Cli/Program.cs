using Practise.Cli;
using Practise.Core;

// First, before anything loads libtorch: its OpenMP runtime reads the native environment once (docs/engine.md).
NativeEnvironment.Prepare();
return await PractiseCli.InvokeAsync(args, CliEnvironment.FromConsole());
