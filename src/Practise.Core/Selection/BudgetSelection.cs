using Practise.Manifest;

namespace Practise.Core.Selection;

/// <summary>The blocks chosen and the measured latency of the model without them.</summary>
public sealed record SelectionResult(IReadOnlyList<string> Dropped, double LatencyMs);

/// <summary>
/// Step 3 of Algorithm 1 under a budget: take blocks in ranked order; with a block count, the first k; with a latency
/// target, measure every prefix of the ranking (interleaved, in one call) and keep the shortest that meets it.
/// </summary>
public static class BudgetSelection
{
    /// <param name="measure">Median latency (ms) of the model with each given set of blocks dropped.</param>
    public static SelectionResult Select(IReadOnlyList<BlockScore> ranked, BudgetSettings budget, double baselineMs,
        Func<IReadOnlyList<IReadOnlyList<string>>, IReadOnlyList<double>> measure)
    {
        var blocks = ranked.Select(score => score.Block).ToList();
        var prefixes = PrefixSizes(budget, blocks.Count).Select(k => (IReadOnlyList<string>)blocks.Take(k).ToList()).ToList();
        var latencies = measure(prefixes);
        if (budget.Kind == BudgetKind.Blocks) return new SelectionResult(prefixes[0], latencies[0]);

        var target = TargetMs(budget, baselineMs)!.Value;
        for (var k = 0; k < prefixes.Count; k++)
            if (latencies[k] <= target) return new SelectionResult(prefixes[k], latencies[k]);

        var best = latencies.Min();
        throw new BudgetUnreachableException(
            $"the latency budget ({target:F2} ms, from {baselineMs:F2} ms) cannot be met: dropping all {blocks.Count} droppable blocks reaches " +
            $"{best:F2} ms at best ({(1 - best / baselineMs) * 100:F1}% reduction); relax budget.latency-reduction / budget.latency-ms");
    }

    /// <summary>The prefix sizes of a ranking of <paramref name="blockCount"/> blocks whose latency the decision needs: k for a block count, every one for a latency target.</summary>
    public static IReadOnlyList<int> PrefixSizes(BudgetSettings budget, int blockCount)
    {
        if (budget.Kind != BudgetKind.Blocks) return Enumerable.Range(1, blockCount).ToList();
        var count = budget.Blocks!.Value;
        if (count > blockCount)
            throw new BudgetUnreachableException($"budget.blocks is {count} but the model has only {blockCount} droppable blocks; lower budget.blocks");
        return [count];
    }

    /// <summary>The latency (ms) a latency budget asks for; null for a block-count budget.</summary>
    public static double? TargetMs(BudgetSettings budget, double baselineMs) => budget.Kind switch
    {
        BudgetKind.Blocks => null,
        BudgetKind.LatencyMs => budget.LatencyMs!.Value,
        _ => baselineMs * (1 - budget.LatencyReduction!.Value),
    };
}
