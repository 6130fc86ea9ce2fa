using System.Globalization;
using Practise.Core.Latency;
using Practise.Manifest;

namespace Practise.Core.Selection;

/// <summary>The prefix chosen under a latency budget, the figures and decision it rests on, and the prediction it was checked against.</summary>
/// <param name="Remeasured">The first session's choice was far from the prediction, so a fresh session was measured and decided.</param>
public sealed record BudgetChoice(int Blocks, LatencyReport Report, BudgetDecision Decision, LatencyPrediction Prediction, int? PredictedBlocks, bool Remeasured);

/// <summary>The latency budget could not be decided within the time allowed: the figures are too noisy.</summary>
public sealed class LatencyTooNoisyException(string message) : Exception(message);

/// <summary>
/// Step 3 under a latency budget (docs/latency.md): decide on paired figures of every prefix of the ranking, choose the
/// shortest prefix that meets the budget with confidence, and check it against what the single-block savings predict.
/// A choice more than one block away from the prediction is never taken on one session's word: a fresh session is
/// measured, and its choice stands if it agrees with the prediction or with the first session; otherwise the run
/// fails as too noisy rather than overshoot (or undershoot) silently.
/// </summary>
public static class BudgetSearch
{
    /// <summary>Measure until the budget's decision is settled; figures that leave it open are not kept.</summary>
    public static LatencyDecision DecisionFor(BudgetSettings budget) => new(figures => Decide(budget, figures).Settled, KeepUnsettled: false);

    public static BudgetDecision Decide(BudgetSettings budget, IReadOnlyList<PairedLatency> prefixes) =>
        BudgetDecision.Decide(prefixes, BudgetDecision.Required(budget, SampleStatistics.Median(prefixes.SelectMany(p => p.BaselineMs).ToArray())));

    /// <param name="taus">τ of each ranked block, in ranked order.</param>
    /// <param name="measure">Figures of every prefix, sizes 1..n (read or measured); with true, a fresh session that ignores stored figures.</param>
    public static BudgetChoice Choose(BudgetSettings budget, IReadOnlyList<double> taus, Func<bool, LatencyReport> measure)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(taus);
        ArgumentNullException.ThrowIfNull(measure);
        var first = Decided(budget, taus, measure(false), remeasured: false);
        if (first.Report.Source != LatencyReport.Measured || CloseToPrediction(first, taus.Count)) return first;

        var second = Decided(budget, taus, measure(true), remeasured: true);
        if (CloseToPrediction(second, taus.Count) || second.Blocks == first.Blocks) return second;
        throw new LatencyTooNoisyException(string.Create(CultureInfo.InvariantCulture,
            $"two latency sessions chose {first.Blocks} and {second.Blocks} blocks for a {first.Decision.RequiredReduction * 100:F1}% reduction, " +
            $"and the single-block savings predict {Predicted(first)}: the machine's latency is not steady enough to decide"));
    }

    private static BudgetChoice Decided(BudgetSettings budget, IReadOnlyList<double> taus, LatencyReport report, bool remeasured)
    {
        var figures = report.Figures;
        if (figures.Count != taus.Count) throw new ArgumentException($"expected figures of {taus.Count} prefixes, got {figures.Count}", nameof(taus));
        var decision = Decide(budget, figures);
        var prediction = LatencyPrediction.From(taus, figures.Select((f, i) => (i + 1, f.Reduction)).ToList());
        var predicted = prediction.BlocksFor(decision.RequiredReduction);
        if (decision.Unreachable)
        {
            var best = figures.MaxBy(f => f.Reduction)!;
            throw new BudgetUnreachableException(string.Create(CultureInfo.InvariantCulture,
                $"the latency budget ({decision.RequiredReduction * 100:F1}% reduction) cannot be met: dropping all {taus.Count} droppable blocks reaches " +
                $"{best.Reduction * 100:F1}% at best ({report.BaselineMs * best.Ratio:F2} ms from {report.BaselineMs:F2} ms); relax budget.latency-reduction / budget.latency-ms"));
        }
        if (decision.ChosenIndex is not { } index) throw new LatencyTooNoisyException(Undecided(report, decision));
        return new BudgetChoice(index + 1, report, decision, prediction, predicted, remeasured);
    }

    private static bool CloseToPrediction(BudgetChoice choice, int blocks) => Math.Abs(choice.Blocks - (choice.PredictedBlocks ?? blocks + 1)) <= 1;

    private static string Predicted(BudgetChoice choice) => choice.PredictedBlocks is { } k ? $"{k}" : "that no prefix meets it";

    private static string Undecided(LatencyReport report, BudgetDecision decision)
    {
        var open = decision.Verdicts.ToList().IndexOf(PrefixVerdict.Open);
        var figures = report.Figures[open];
        var session = report.Session is { } s
            ? string.Create(CultureInfo.InvariantCulture, $" after {s.Rounds + s.SetAsideRounds} rounds in {s.Seconds:F0} s ({s.SetAsideRounds} set aside as disturbed)")
            : " in the profile's figures";
        return string.Create(CultureInfo.InvariantCulture,
            $"latency is too noisy to decide the budget ({decision.RequiredReduction * 100:F1}% reduction){session}: dropping {open + 1} blocks saves " +
            $"{figures.Reduction * 100:F1}% (90% interval {figures.ReductionInterval.Low * 100:F1}–{figures.ReductionInterval.High * 100:F1}%), and no prefix meets the budget with confidence");
    }
}
