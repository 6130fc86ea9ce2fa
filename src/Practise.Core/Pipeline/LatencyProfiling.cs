using Practise.Core.Latency;
using Practise.Core.Selection;

namespace Practise.Core.Pipeline;

/// <summary>Writes a latency profile holding every variant compress can ask for with this manifest.</summary>
public static class LatencyProfiling
{
    /// <returns>The number of variants in the profile.</returns>
    public static int Write(Manifest.Manifest manifest, string path, IProgressSink progress, CancellationToken cancellation = default)
    {
        using var session = CompressionSession.Open(manifest, progress, profileOutput: path);
        var ranked = Ranking.Order(BlockScoring.Score(session, cancellation: cancellation), manifest.Criterion, manifest.Data.Seed);
        var prefixes = Enumerable.Range(1, ranked.Count).Select(k => (IReadOnlyList<string>)ranked.Take(k).Select(score => score.Block).ToList()).ToList();
        session.Latency.MeasureVariants(session.LatencyTeacher, prefixes, session.LatencySettings);
        return session.Latency.Profile!.Variants.Count;
    }
}
