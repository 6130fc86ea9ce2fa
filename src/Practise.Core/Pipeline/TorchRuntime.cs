using static TorchSharp.torch;

namespace Practise.Core.Pipeline;

/// <summary>
/// libtorch's process-wide state, set once by whatever starts a run (compress, score, latency) before it loads
/// anything: stages never change it. The native environment (OpenMP) is earlier still: NativeEnvironment.
/// </summary>
public static class TorchRuntime
{
    public static void Configure(Manifest.Manifest manifest)
    {
        set_num_threads(manifest.Latency.Threads);
        manual_seed(manifest.Data.Seed);
    }
}
