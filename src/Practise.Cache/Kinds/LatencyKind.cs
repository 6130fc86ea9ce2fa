using Practise.Manifest;

namespace Practise.Cache;

/// <summary>
/// Kind <c>latency</c>: one machine's latency profile for one architecture and setting (the value: the JSON that
/// <c>latency.profile</c> pins, src/Practise.Core/Latency/LatencyProfileJson.cs), extended under the cache's lock as
/// new variants are measured (<see cref="CacheRunner.Extend{T}"/>). The one kind that depends on the machine that wrote
/// it, by design: a merged CI cache takes its latency from a pinned profile instead (docs/cache.md).
/// </summary>
public static class LatencyKind
{
    public const string Name = "latency";

    /// <summary>
    /// Latency depends on the shapes run (the architecture, the blocks the model itself lacks, input and batch), the
    /// machine (its fingerprint: CPU model, core count, libtorch build, device, and the ONNX Runtime version where that
    /// runtime is timed), the runtime and the thread count, never on the
    /// weights' values. Warm-up, repeats and max-seconds are in the key too: raising them is how a user asks for less
    /// noisy figures. The figures are paired per-round ratios (profile format v2); the format is in the key so entries
    /// of the earlier unpaired format are never read.
    /// </summary>
    public static CacheKey Key(string arch, IEnumerable<string> dropped, IReadOnlyList<int> inputShape, LatencySettings settings,
        string deviceFingerprint) =>
        new CacheKey(Name)
            .Add("arch", arch)
            .Add("dropped", dropped.Order(StringComparer.Ordinal))
            .Add("input-shape", inputShape)
            .Add("batch", settings.Batch)
            .Add("device", settings.Device.ToString().ToLowerInvariant())
            .Add("runtime", settings.Runtime.ToString().ToLowerInvariant())
            .Add("fingerprint", deviceFingerprint)
            .Add("threads", settings.Threads)
            .Add("warmup", settings.Warmup)
            .Add("repeats", settings.Repeats)
            .Add("max-seconds", settings.MaxSeconds)
            .Add("figures", "paired-v2");
}
