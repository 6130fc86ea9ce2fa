using Practise.Manifest;

namespace Practise.Cache;

/// <summary>
/// Kind <c>channel-statistics</c>: each hidden layer's per-channel activation mean and variance over the tiny set
/// (docs/channel-pruning.md), measured on the teacher with some blocks dropped (none for method channels). No blob:
/// the value is the numbers. A rebuild, or a second ratio, reads them instead of running the model again.
/// </summary>
public static class ChannelStatisticsKind
{
    public const string Name = "channel-statistics";

    /// <summary>
    /// The teacher (by weight hash), the blocks dropped before measuring, the data (by content), how images are fed,
    /// the batch size (the float64 merge of batches rounds by it) and the thread count (libtorch's float32 reductions
    /// depend on it), and the engine version. Not the ratio, compensation or budget: they use the statistics.
    /// </summary>
    public static CacheKey Key(string modelHash, IReadOnlyList<string> dropped, string dataHash, InputSettings input, int batchSize, int threads, string toolVersion) =>
        new CacheKey(Name)
            .Add("model", modelHash)
            .Add("dropped", dropped)
            .Add("data", dataHash)
            .AddInput(input)
            .Add("batch-size", batchSize)
            .Add("threads", threads)
            .Add("tool", toolVersion);
}
