namespace Practise.Manifest.Cache;

/// <summary>
/// The recipes for the tool's cache keys (docs/cache.md). A part belongs in a key exactly when changing it can change
/// the cached value; anything else would either serve stale values or recompute for nothing.
/// </summary>
public static class CacheKeys
{
    public const string RecoverabilityKind = "recoverability";
    public const string LatencyKind = "latency";

    /// <summary>
    /// R(B) for one block: the teacher (by weight hash), the block, the data (by content), how images are fed, the
    /// optimisation settings, the seed and the tool version. Not the strategy, memory cap or parallelism: they change
    /// how R is computed, not its value (the same to 1e-4 relative, tested).
    /// </summary>
    public static CacheKey Recoverability(string modelHash, string block, string dataHash,
        InputSettings input, bool augment, RecoverabilitySettings settings, int seed, string toolVersion) =>
        new CacheKey(RecoverabilityKind)
            .Add("model", modelHash)
            .Add("block", block)
            .Add("data", dataHash)
            .Add("input.channels", input.Channels)
            .Add("input.size", [input.Size.Height, input.Size.Width])
            .Add("input.mean", input.Mean.Select(Exact))
            .Add("input.std", input.Std.Select(Exact))
            .Add("augment", augment)
            .Add("iterations", settings.Iterations)
            .Add("lr", settings.Lr)
            .Add("momentum", settings.Momentum)
            .Add("weight-decay", settings.WeightDecay)
            .Add("batch-size", settings.BatchSize)
            .Add("seed", seed)
            .Add("tool", toolVersion);

    /// <summary>
    /// Measured latency of one architecture with a set of blocks dropped: it depends on the shapes run, the machine
    /// (its fingerprint: CPU model, core count, libtorch build, device) and the thread count, never on the weights' values.
    /// Warm-up and repeats are in the key too: raising them is how a user asks for a less noisy figure.
    /// </summary>
    public static CacheKey Latency(string arch, IEnumerable<string> dropped, IReadOnlyList<int> inputShape, LatencySettings settings,
        string deviceFingerprint) =>
        new CacheKey(LatencyKind)
            .Add("arch", arch)
            .Add("dropped", dropped.Order(StringComparer.Ordinal))
            .Add("input-shape", inputShape)
            .Add("batch", settings.Batch)
            .Add("device", settings.Device.ToString().ToLowerInvariant())
            .Add("fingerprint", deviceFingerprint)
            .Add("threads", settings.Threads)
            .Add("warmup", settings.Warmup)
            .Add("repeats", settings.Repeats);

    /// <summary>Round-trippable text of a double, so list items are keyed by their exact value.</summary>
    private static string Exact(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
