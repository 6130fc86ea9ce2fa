using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Core.Progress;
using Practise.Core.Selection;
using Practise.Manifest;

namespace Practise.Core.Pipeline;

/// <summary>Writes a latency profile holding every variant compress can ask for with this manifest.</summary>
public static class LatencyProfiling
{
    /// <summary>
    /// Single drops, then every prefix of the ranking. Under a latency budget the prefixes are measured by the same
    /// decision compress makes (<see cref="SelectBlocks"/>), so the profile is written only once it settles the budget
    /// with confidence, and a pinned compress decides exactly as this run did. With a channel method the thinned
    /// variants compress decides between are measured the same way (<see cref="PruneChannels"/>), after the block
    /// steps for blocks+channels and instead of them for channels.
    /// </summary>
    /// <returns>The number of variants in the profile.</returns>
    public static int Write(Manifest.Manifest manifest, string path, IProgressSink progress, CancellationToken cancellation = default)
    {
        TorchRuntime.Configure(manifest);
        using var inputs = CompressionInputs.Load(manifest, progress, cancellation: cancellation);
        var cache = RunCache.Open(manifest.Cache.Dir, progress);
        var latency = LatencySource.Fresh(manifest, inputs.LatencyTeacher, path);
        var settings = LatencySource.Settings(manifest);
        IReadOnlyList<string> dropped = [];
        if (manifest.Method != PruningMethod.Channels)
        {
            var scores = new ScoreBlocks(manifest, inputs, cache, latency, progress).Run(cancellation: cancellation);
            var ranked = Ranking.Order(scores, manifest.Criterion, manifest.Data.Seed);
            if (manifest.Budget.Kind == BudgetKind.Blocks)
            {
                var prefixes = Enumerable.Range(1, ranked.Count).Select(k => (IReadOnlyList<string>)ranked.Take(k).Select(score => score.Block).ToList()).ToList();
                latency.Measure(inputs.LatencyTeacher, prefixes, settings, LatencyDecision.Curve);
                dropped = ranked.Take(manifest.Budget.Blocks!.Value).Select(score => score.Block).ToList();
            }
            else
            {
                var selection = SelectBlocks.Run(ranked, manifest.Budget, latency, inputs.LatencyTeacher, settings);
                progress.Log(LatencySummary.Line(CompressionReports.Latency(selection, settings, fromProfile: false)));
                dropped = SelectBlocks.BeforeChannels(selection, manifest.Budget);
            }
        }
        if (manifest.Method != PruningMethod.Blocks)
        {
            using var source = BlockSurgery.Prune(inputs.Teacher, dropped);
            var channels = new PruneChannels(manifest, inputs, cache, latency, progress).Select(source, dropped);
            progress.Log(LatencySummary.Line(CompressionReports.Latency(channels.Latency, settings, fromProfile: false)));
        }
        return latency.Profile!.Variants.Count;
    }
}
