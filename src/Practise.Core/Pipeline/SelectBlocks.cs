using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Core.Selection;
using Practise.Manifest;

namespace Practise.Core.Pipeline;

/// <summary>The blocks chosen, and the latency report they were chosen from: the baseline and every prefix of the ranking measured for the decision and the curve.</summary>
public sealed record Selection(IReadOnlyList<string> Dropped, LatencyReport Latency, double? TargetMs)
{
    public LatencyMeasurement Chosen => Latency.For(Dropped).Measurement;
}

/// <summary>
/// Step 3 of Algorithm 1: drop the best-ranked blocks until the budget is met (<see cref="BudgetSelection"/>). One
/// latency request covers the decision and the report's curve (<see cref="LatencyCurve"/>), and its figures travel
/// with the selection, so nothing is measured again to report them.
/// </summary>
public static class SelectBlocks
{
    public static Selection Run(IReadOnlyList<BlockScore> ranked, BudgetSettings budget, LatencyEstimator latency, PrunableModel latencyTeacher, MeasurementSettings settings)
    {
        var ranking = ranked.Select(score => score.Block).ToList();
        try
        {
            var sizes = BudgetSelection.PrefixSizes(budget, ranking.Count);
            if (budget.Kind == BudgetKind.Blocks)
                sizes = sizes.Union(LatencyCurve.Sizes(latency, latencyTeacher.Architecture.DroppedBlocks, ranking, sizes[0])).Order().ToList();
            var prefixes = sizes.Select(k => (IReadOnlyList<string>)ranking.Take(k).ToList()).ToList();
            var report = latency.MeasureVariants(latencyTeacher, prefixes, settings);
            var chosen = BudgetSelection.Select(ranked, budget, report.Baseline.MedianMs,
                sets => sets.Select(set => report.For(set).Measurement.MedianMs).ToList());
            return new Selection(chosen.Dropped, report, BudgetSelection.TargetMs(budget, report.Baseline.MedianMs));
        }
        catch (BudgetUnreachableException e)
        {
            throw new PractiseException(PipelineErrors.BudgetUnreachable, e.Message, e);
        }
    }
}
