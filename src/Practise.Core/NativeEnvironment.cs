// libtorch's OpenMP runtime (libgomp on Linux) reads its settings from the C environment once, when it is loaded, and
// by default spins after every parallel region waiting for the next one. On a shared 2-core machine the spinning
// threads fight the other processes for the cores: a CIFAR ResNet-20 forward (batch 64, 2 threads) took a median
// 0.65–2.1 s with the default and 0.19–0.28 s with OMP_WAIT_POLICY=PASSIVE (sleep instead of spin), at a quarter of the
// CPU time; on an idle machine PASSIVE costs 12% (94 → 106 ms). Numbers: benchmarks/openmp-wait-policy.md. .NET's
// Environment.SetEnvironmentVariable never reaches the C environment on Linux and macOS, hence setenv.
// Nothing else earns a default: GOMP_SPINCOUNT only tunes the spinning PASSIVE turns off (no count measured clearly
// better), libgomp ignores KMP_BLOCKTIME, and torch.set_num_threads overrides OMP_NUM_THREADS.
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Practise.Core;

/// <summary>
/// Sets what libtorch's OpenMP runtime reads from the native environment while that runtime is not loaded yet:
/// call <see cref="Prepare"/> first thing in <c>Main</c> (and in test and benchmark hosts), before any TorchSharp call.
/// </summary>
public static class NativeEnvironment
{
    /// <summary>The variables <see cref="Prepare"/> sets, with the value each gets unless the user has set it.</summary>
    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>
    {
        ["OMP_WAIT_POLICY"] = "PASSIVE",
    };

    private static readonly Lazy<NativeEnvironmentState> State = new(Apply);

    /// <summary>
    /// Applies <see cref="Defaults"/> once per process, to the native environment and to .NET's copy (which child
    /// processes inherit); later calls return the first call's result. Thread-safe.
    /// </summary>
    public static NativeEnvironmentState Prepare() => State.Value;

    private static NativeEnvironmentState Apply()
    {
        var alreadyLoaded = LoadedOpenMpRuntime();
        foreach (var (name, fallback) in Defaults)
        {
            // The user's value (from the shell, or set in .NET earlier, which alone would not reach libgomp) wins.
            var value = Environment.GetEnvironmentVariable(name) ?? fallback;
            if (!OperatingSystem.IsWindows() && setenv(name, value, overwrite: 0) != 0)
                throw new InvalidOperationException($"setenv({name}) failed: errno {Marshal.GetLastPInvokeError()}.");
            // On Windows .NET's environment is the process's, which Intel's OpenMP there reads.
            Environment.SetEnvironmentVariable(name, value);
        }
        return new NativeEnvironmentState(alreadyLoaded);
    }

    // The runtimes libtorch ships: libgomp (Linux), LLVM's libomp (macOS), Intel's libiomp5md (Windows). .NET lists a
    // process's libraries on Linux (from /proc/self/maps) and Windows; on macOS only the executable: TooLate stays false.
    private static string? LoadedOpenMpRuntime()
    {
        using var process = Process.GetCurrentProcess();
        return process.Modules.Cast<ProcessModule>()
            .Select(module => module.ModuleName)
            .FirstOrDefault(name => name.StartsWith("libgomp", StringComparison.Ordinal)
                || name.StartsWith("libomp", StringComparison.Ordinal)
                || name.StartsWith("libiomp5", StringComparison.Ordinal));
    }

    // overwrite 0: a value already in the native environment stays.
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int setenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}

/// <summary>What <see cref="NativeEnvironment.Prepare"/> found.</summary>
/// <param name="AlreadyLoadedRuntime">The OpenMP runtime already loaded at the first call (file name), or null.</param>
public readonly record struct NativeEnvironmentState(string? AlreadyLoadedRuntime)
{
    /// <summary>The OpenMP runtime had read its settings before Prepare, so they reach only child processes: warn.</summary>
    public bool TooLate => AlreadyLoadedRuntime is not null;
}
