using Practise.Manifest;

namespace Practise.Core.Selection;

/// <summary>Which prefixes of the ranking a budget's decision needs.</summary>
public static class BudgetSelection
{
    /// <summary>The prefix sizes of a ranking of <paramref name="blockCount"/> blocks whose latency the decision needs: k for a block count, every one for a latency target.</summary>
    public static IReadOnlyList<int> PrefixSizes(BudgetSettings budget, int blockCount)
    {
        if (budget.Kind != BudgetKind.Blocks) return Enumerable.Range(1, blockCount).ToList();
        var count = budget.Blocks!.Value;
        if (count > blockCount)
            throw new BudgetUnreachableException($"budget.blocks is {count} but the model has only {blockCount} droppable blocks; lower budget.blocks");
        return [count];
    }

    /// <summary>The latency (ms) a latency budget asks for on the teacher's <paramref name="baselineMs"/> scale; null for a block-count budget.</summary>
    public static double? TargetMs(BudgetSettings budget, double baselineMs) => budget.Kind switch
    {
        BudgetKind.Blocks => null,
        BudgetKind.LatencyMs => budget.LatencyMs!.Value,
        _ => baselineMs * (1 - budget.LatencyReduction!.Value),
    };
}
