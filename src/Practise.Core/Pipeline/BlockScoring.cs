using Practise.Cache;
using Practise.Core.Recoverability;
using Practise.Core.Selection;
using Practise.Core.Training;
using Practise.Manifest;

namespace Practise.Core.Pipeline;

/// <summary>
/// Step 2 of Algorithm 1 for every droppable block: τ from interleaved latency measurement, and the criterion value,
/// each recoverability value through the cache runner under a key of everything it depends on. A shard scores only
/// its share of the blocks (CI matrix jobs); their caches merge by copying the folders into one (docs/cache.md).
/// </summary>
public static class BlockScoring
{
    public static IReadOnlyList<BlockScore> Score(CompressionSession session, Shard? shard = null, CancellationToken cancellation = default)
    {
        var manifest = session.Manifest;
        var blocks = session.Teacher.DroppableBlocks(manifest.Recoverability.IncludeFirstBlock);
        var latency = session.Latency.MeasureSingleDrops(session.LatencyTeacher, blocks, session.LatencySettings);
        var criteria = Criteria(session, shard is null ? blocks : shard.Value.Select(blocks), cancellation);
        return blocks.Where(criteria.ContainsKey).Select(block =>
        {
            var saving = latency.For([block]).Saving;
            var (value, hit) = criteria[block];
            return new BlockScore(block, saving.Tau, saving.Measurable, value, hit);
        }).ToList();
    }

    private static Dictionary<string, (double Value, bool CacheHit)> Criteria(CompressionSession session, IReadOnlyList<string> blocks, CancellationToken cancellation)
    {
        var manifest = session.Manifest;
        var settings = OptimizationSettings.From(manifest.Recoverability);
        var result = new Dictionary<string, (double, bool)>(StringComparer.Ordinal);
        if (manifest.Criterion != Criterion.Practise)
        {
            var scorer = new CriterionScorer(session.Teacher, session.Batches, manifest.Criterion, settings);
            foreach (var block in blocks) result[block] = (scorer.Evaluate(block), false);
            return result;
        }

        var keys = blocks.ToDictionary(block => block, block => RecoverabilityKind.Key(session.TeacherHash, block, session.DataHash,
            manifest.Model.Input, manifest.Data.Augment, manifest.Recoverability, manifest.Data.Seed, CompressionSession.EngineVersion));
        var scores = session.Runner.GetOrComputeMany<string, double>(blocks, block => keys[block], missing =>
        {
            session.Progress.Log($"recoverability: {blocks.Count - missing.Count} of {blocks.Count} blocks cached, training {missing.Count}");
            if (manifest.Recoverability.Strategy == RecoverabilityStrategy.Full)
            {
                // One block at a time, each stored as soon as it is known: an interruption loses at most the block in progress.
                var scorer = new RecoverabilityScorer(session.Teacher, session.Batches, settings, session.Progress);
                return missing.Select(block => (block, scorer.Score(block, cancellation)));
            }
            // Each group of blocks is stored when it finishes, and checkpointed while it trains (docs/cache.md).
            var parallel = manifest.Recoverability.ParallelBlocks == 0 ? manifest.Latency.Threads : manifest.Recoverability.ParallelBlocks;
            var sharedPrefix = new SharedPrefixScorer(session.Teacher, session.Batches, settings, session.Progress, manifest.Recoverability.MemoryCapMb * (1L << 20), parallel);
            return sharedPrefix.ScoreAll(missing, new CachedCheckpoints(session.Cache, keys, session.Progress), cancellation).Select(score => (score.Block, score.R));
        });
        foreach (var (block, score) in scores) result[block] = (score.Value, score.Hit);
        return result;
    }
}
