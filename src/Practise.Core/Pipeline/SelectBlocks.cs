using System.Globalization;
using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Core.Selection;
using Practise.Manifest;

namespace Practise.Core.Pipeline;

/// <summary>
/// The blocks chosen, the latency report they were chosen from (every prefix of the ranking measured for the decision
/// and the curve) and, under a latency budget, the decision that chose them.
/// </summary>
public sealed record Selection(IReadOnlyList<string> Dropped, LatencyReport Latency, double? TargetMs, BudgetChoice? Budget)
{
    /// <summary>The latency key of the chosen network: the dropped blocks, and with channel pruning its widths (<see cref="LatencyVariants"/>).</summary>
    public IReadOnlyList<string> Variant { get; init; } = Dropped;

    public PairedLatency Chosen => Latency.For(Variant).Figures;
}

/// <summary>
/// Step 3 of Algorithm 1: drop the best-ranked blocks until the budget is met. A block count takes the first k; a
/// latency budget is decided on paired figures with confidence (<see cref="BudgetSearch"/>). One latency request
/// covers the decision and the report's curve (<see cref="LatencyCurve"/>), and its figures travel with the
/// selection, so nothing is measured again to report them.
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
            {
                var curve = sizes.Union(LatencyCurve.Sizes(latency, latencyTeacher.Architecture.DroppedBlocks, ranking, sizes[0])).Order();
                var report = latency.Measure(latencyTeacher, curve.Select(k => Prefix(ranking, k)).ToList(), settings, LatencyDecision.Curve);
                return new Selection(Prefix(ranking, sizes[0]), report, null, null);
            }
            var prefixes = sizes.Select(k => Prefix(ranking, k)).ToList();
            // Figures are kept only once the choice has passed its check, so a rerun never reads figures that were
            // still to be confirmed by a second session.
            var choice = BudgetSearch.Choose(budget, ranked.Select(score => score.Tau).ToList(),
                fresh => latency.Measure(latencyTeacher, prefixes, settings, BudgetSearch.DecisionFor(budget), fresh, keep: false));
            latency.Keep(latencyTeacher, choice.Report);
            return new Selection(Prefix(ranking, choice.Blocks), choice.Report, BudgetSelection.TargetMs(budget, choice.Report.BaselineMs), choice);
        }
        catch (BudgetUnreachableException e)
        {
            throw new PractiseException(PipelineErrors.BudgetUnreachable, e.Message, e);
        }
        catch (LatencyTooNoisyException e)
        {
            throw TooNoisy(e, latency, settings);
        }
    }

    /// <summary>
    /// The blocks blocks+channels drops before thinning (docs/channel-pruning.md): the shortest prefix that meets the
    /// latency budget alone, less its last block (the most expensive drop by R/τ among them), whose saving thinning the
    /// survivors then makes up; under a block count, exactly those blocks (thinned by channels.ratio).
    /// </summary>
    public static IReadOnlyList<string> BeforeChannels(Selection blocks, BudgetSettings budget) =>
        budget.Kind == BudgetKind.Blocks ? blocks.Dropped : blocks.Dropped.Take(blocks.Dropped.Count - 1).ToList();

    /// <summary>The pipeline's error for a latency decision that could not be settled, with the fixes for where the figures come from.</summary>
    internal static PractiseException TooNoisy(LatencyTooNoisyException e, LatencyEstimator latency, MeasurementSettings settings)
    {
        var fixes = latency.Mode == LatencyProfileMode.Read
            ? $"re-run `practise latency` for this manifest on a quiet deployment machine (raise latency.repeats, now {settings.Repeats}) and pin the new profile"
            : string.Create(CultureInfo.InvariantCulture,
                $"run on a quieter machine, raise latency.repeats (now {settings.Repeats}) or latency.max-seconds (now {settings.MaxSeconds:G}), or pin a profile measured on the deployment machine (latency.profile; docs/latency.md)");
        return new PractiseException(PipelineErrors.LatencyTooNoisy, $"{e.Message}. Fixes: {fixes}", e);
    }

    private static IReadOnlyList<string> Prefix(IReadOnlyList<string> ranking, int size) => ranking.Take(size).ToList();
}
