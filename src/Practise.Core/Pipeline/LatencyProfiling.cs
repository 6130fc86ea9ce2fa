using Practise.Core.Progress;
using Practise.Core.Selection;

namespace Practise.Core.Pipeline;

/// <summary>Writes a latency profile holding every variant compress can ask for with this manifest.</summary>
public static class LatencyProfiling
{
    /// <returns>The number of variants in the profile.</returns>
    public static int Write(Manifest.Manifest manifest, string path, IProgressSink progress, CancellationToken cancellation = default)
    {
        TorchRuntime.Configure(manifest);
        using var inputs = CompressionInputs.Load(manifest);
        var cache = RunCache.Open(manifest.Cache.Dir, progress);
        var latency = LatencySource.Fresh(manifest, inputs.LatencyTeacher, path);
        var scores = new ScoreBlocks(manifest, inputs, cache, latency, progress).Run(cancellation: cancellation);
        var ranking = Ranking.Order(scores, manifest.Criterion, manifest.Data.Seed).Select(score => score.Block).ToList();
        var prefixes = Enumerable.Range(1, ranking.Count).Select(k => (IReadOnlyList<string>)ranking.Take(k).ToList()).ToList();
        latency.MeasureVariants(inputs.LatencyTeacher, prefixes, LatencySource.Settings(manifest));
        return latency.Profile!.Variants.Count;
    }
}
