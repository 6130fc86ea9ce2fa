using Practise.Cache;
using Practise.Core.Latency;
using Practise.Core.Progress;
using Practise.Core.Recoverability;
using Practise.Core.Selection;
using Practise.Core.Training;
using Practise.Manifest;

namespace Practise.Core.Pipeline;

/// <summary>
/// Steps 1 and 2 of Algorithm 1 for every droppable block: τ from paired latency rounds, and the criterion
/// value, each recoverability value through the cache runner under a key of everything it depends on. A shard scores
/// only its share of the blocks (CI matrix jobs); their caches merge by copying the folders into one (docs/cache.md).
/// </summary>
public sealed class ScoreBlocks(Manifest.Manifest manifest, CompressionInputs inputs, CacheRunner cache, LatencyEstimator latency, IProgressSink progress)
{
    /// <summary>The step over the cache folder at <paramref name="cacheDirectory"/>, latency from the manifest's source (pinned, or the cache's profile).</summary>
    public static ScoreBlocks Over(Manifest.Manifest manifest, CompressionInputs inputs, string cacheDirectory, IProgressSink progress)
    {
        var cache = RunCache.Open(cacheDirectory, progress);
        return new ScoreBlocks(manifest, inputs, cache, LatencySource.Open(manifest, inputs.LatencyTeacher, cache, progress), progress);
    }

    public IReadOnlyList<BlockScore> Run(Shard? shard = null, CancellationToken cancellation = default)
    {
        var blocks = inputs.Teacher.DroppableBlocks(manifest.Recoverability.IncludeFirstBlock);
        var savings = latency.MeasureSingleDrops(inputs.LatencyTeacher, blocks, LatencySource.Settings(manifest));
        var criteria = Criteria(shard is null ? blocks : shard.Value.Select(blocks), cancellation);
        return blocks.Where(criteria.ContainsKey).Select(block =>
        {
            var saving = savings.For([block]).Figures;
            var (value, hit) = criteria[block];
            return new BlockScore(block, saving.Reduction, saving.ReductionInterval.Low > 0, value, hit) { TauInterval = saving.ReductionInterval };
        }).ToList();
    }

    private Dictionary<string, (double Value, bool CacheHit)> Criteria(IReadOnlyList<string> blocks, CancellationToken cancellation)
    {
        var settings = OptimizationSettings.From(manifest.Recoverability);
        var result = new Dictionary<string, (double, bool)>(StringComparer.Ordinal);
        if (manifest.Criterion != Criterion.Practise)
        {
            var scorer = new CriterionScorer(inputs.Teacher, inputs.Batches, manifest.Criterion, settings);
            foreach (var block in blocks) result[block] = (scorer.Evaluate(block), false);
            return result;
        }

        var keys = blocks.ToDictionary(block => block, block => RecoverabilityKind.Key(inputs.TeacherHash, block, inputs.DataHash,
            manifest.Model.Input, manifest.Data.Augment, manifest.Recoverability, manifest.Data.Seed, EngineIdentity.Version));
        var scores = cache.GetOrComputeMany<string, double>(blocks, block => keys[block], missing =>
        {
            progress.Log($"recoverability: {blocks.Count - missing.Count} of {blocks.Count} blocks cached, training {missing.Count}");
            if (manifest.Recoverability.Strategy == RecoverabilityStrategy.Full)
            {
                // One block at a time, each stored as soon as it is known: an interruption loses at most the block in progress.
                var scorer = new RecoverabilityScorer(inputs.Teacher, inputs.Batches, settings, progress);
                return missing.Select(block => (block, scorer.Score(block, cancellation)));
            }
            // Each group of blocks is stored when it finishes, and checkpointed while it trains (docs/cache.md).
            var parallel = manifest.Recoverability.ParallelBlocks == 0 ? manifest.Latency.Threads : manifest.Recoverability.ParallelBlocks;
            var sharedPrefix = new SharedPrefixScorer(inputs.Teacher, inputs.Batches, settings, progress, manifest.Recoverability.MemoryCapMb * (1L << 20), parallel);
            return sharedPrefix.ScoreAll(missing, new CachedCheckpoints(cache.Store, keys, progress), cancellation).Select(score => (score.Block, score.R));
        });
        foreach (var (block, score) in scores) result[block] = (score.Value, score.Hit);
        return result;
    }
}
