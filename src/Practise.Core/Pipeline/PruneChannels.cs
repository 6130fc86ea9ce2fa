using System.Globalization;
using Practise.Cache;
using Practise.Core.Channels;
using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Core.Progress;
using Practise.Manifest;

namespace Practise.Core.Pipeline;

/// <summary>
/// Channel pruning inside compress (docs/channel-pruning.md): the hidden layers' statistics of the network about to be
/// thinned (the teacher, or for blocks+channels the teacher with its blocks dropped) through the cache runner (kind
/// <see cref="ChannelStatisticsKind"/>), then the ratio under the budget (<see cref="SelectChannels"/>).
/// </summary>
public sealed class PruneChannels(Manifest.Manifest manifest, CompressionInputs inputs, CacheRunner cache, LatencyEstimator latency, IProgressSink progress)
{
    /// <param name="source">The network to thin: the teacher with <paramref name="dropped"/> removed.</param>
    public ChannelSelection Select(PrunableModel source, IReadOnlyList<string> dropped)
    {
        var statistics = Statistics(source, dropped);
        var gains = manifest.Channels.Ranking == ChannelRanking.Global ? ReaderGain.Of(source) : null;
        var selection = SelectChannels.Run(statistics, gains, dropped, manifest.Channels, manifest.Budget, latency, inputs.LatencyTeacher, LatencySource.Settings(manifest));
        var removed = selection.Pruning.Sum(layer => layer.Removed.Count);
        var total = selection.Pruning.Sum(layer => layer.Width);
        progress.Log(string.Create(CultureInfo.InvariantCulture, $"thinning {selection.Pruning.Count} hidden layers: {selection.Ratio * 100:G4}% of their channels{(gains is null ? " from each" : ", ranked across layers")} ({removed} of {total}{(manifest.Channels.Compensate ? ", means compensated" : "")})"));
        return selection;
    }

    private IReadOnlyList<LayerStatistics> Statistics(PrunableModel source, IReadOnlyList<string> dropped)
    {
        var batchSize = inputs.Batches.BatchSize;
        var key = ChannelStatisticsKind.Key(inputs.TeacherHash, dropped, inputs.DataHash, manifest.Model.Input, batchSize, manifest.Latency.Threads, EngineIdentity.Version);
        var result = cache.GetOrCompute(key, () => ChannelStatistics.Collect(source, inputs.Batches.EvalBatches(batchSize)));
        if (result.Hit) progress.Log("channel statistics found in the cache");
        return result.Value;
    }
}
